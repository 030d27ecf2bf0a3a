# Verification: the runner's code (sandbox, safe unpacking, throwaway databases, the
# suite call, one verification start to end) as a library shared by backforge-runner and
# `backforgectl verify`, and the daemon itself.
noinst_LIBRARIES += libbf_runner.a
libbf_runner_a_SOURCES = \
	fcgi-app/runner/sandbox.c fcgi-app/runner/sandbox.h \
	fcgi-app/runner/unpack.c fcgi-app/runner/unpack.h \
	fcgi-app/runner/scratchdb.c fcgi-app/runner/scratchdb.h \
	fcgi-app/runner/probe.c fcgi-app/runner/probe.h \
	fcgi-app/runner/verification.c fcgi-app/runner/verification.h
libbf_runner_a_CPPFLAGS = $(AM_CPPFLAGS) $(SECCOMP_CFLAGS)
BF_RUNNER_LIBS = libbf_runner.a libbf_platform.a libbf_core.a $(SECCOMP_LIBS) -lpthread

sbin_PROGRAMS += backforge-runner
backforge_runner_SOURCES = fcgi-app/runner/main.c
backforge_runner_LDADD = $(BF_AUTOFIX_LIBS) $(BF_RUNNER_LIBS) $(BF_DEPS)

backforgectl_SOURCES += fcgi-app/ctl/verify.c fcgi-app/ctl/jobs.c
backforgectl_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/runner
backforgectl_LDADD += $(BF_RUNNER_LIBS) $(BF_DEPS)

# The verifications API lives in the FastCGI program.
backforge_fcgi_SOURCES += fcgi-app/app/verifications.c fcgi-app/app/verifications.h
dist_noinst_SCRIPTS += bench/verify

# Safe unpacking against hostile archives.
check_PROGRAMS += tests/unit/test-unpack
tests_unit_test_unpack_SOURCES = tests/unit/test-unpack.c
tests_unit_test_unpack_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/runner
tests_unit_test_unpack_LDADD = $(BF_RUNNER_LIBS) $(BF_DEPS)
TESTS += tests/unit/test-unpack

# The sandbox with the real bubblewrap: verdicts, limits, environment, no leftovers.
check_PROGRAMS += tests/unit/test-sandbox
tests_unit_test_sandbox_SOURCES = tests/unit/test-sandbox.c
tests_unit_test_sandbox_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/runner
tests_unit_test_sandbox_LDADD = $(BF_RUNNER_LIBS) $(BF_DEPS)
TESTS += tests/unit/test-sandbox
