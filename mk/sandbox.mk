# fcgi-app/lib/sandbox: running untrusted code — the bubblewrap sandbox described as data
# (namespaces, mounts, seccomp, rlimits, wall clock, capped log, verdicts) and safe
# unpacking of a ZIP into a job directory. It includes core/ only.
noinst_LIBRARIES += libbf_sandbox.a
libbf_sandbox_a_SOURCES = \
	fcgi-app/lib/sandbox/sandbox.c fcgi-app/lib/sandbox/sandbox.h \
	fcgi-app/lib/sandbox/unpack.c fcgi-app/lib/sandbox/unpack.h \
	fcgi-app/lib/sandbox/uidpool.c fcgi-app/lib/sandbox/uidpool.h
libbf_sandbox_a_CPPFLAGS = $(AM_CPPFLAGS) $(SECCOMP_CFLAGS)
SANDBOX_LIBS = libbf_sandbox.a libbf_core.a $(SECCOMP_LIBS) $(BF_DEPS)

# Safe unpacking against hostile archives.
check_PROGRAMS += tests/unit/test-unpack
tests_unit_test_unpack_SOURCES = tests/unit/test-unpack.c
tests_unit_test_unpack_LDADD = $(SANDBOX_LIBS)
TESTS += tests/unit/test-unpack

# The sandbox with the real bubblewrap: verdicts, limits, environment, no leftovers.
check_PROGRAMS += tests/unit/test-sandbox
tests_unit_test_sandbox_SOURCES = tests/unit/test-sandbox.c
tests_unit_test_sandbox_LDADD = $(SANDBOX_LIBS)
TESTS += tests/unit/test-sandbox

# The sandboxes' uid pool: leases, exhaustion, release with the holder, the sweep.
check_PROGRAMS += tests/unit/test-uidpool
tests_unit_test_uidpool_SOURCES = tests/unit/test-uidpool.c
tests_unit_test_uidpool_LDADD = $(SANDBOX_LIBS)
TESTS += tests/unit/test-uidpool
