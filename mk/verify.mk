# fcgi-app/lib/verify: proving a version — the suite derived from a spec (suite.c), its HTTP
# interpreter over libcurl (http_run.c), the app's health poll (probe.c), the throwaway
# database of a job (scratchdb.c) and one verification from ZIP to report
# (verification.c), shared by backforge-runner and `backforgectl verify`.
noinst_LIBRARIES += libbf_verify.a
libbf_verify_a_SOURCES = \
	fcgi-app/lib/verify/suite.c fcgi-app/lib/verify/suite.h \
	fcgi-app/lib/verify/http_run.c fcgi-app/lib/verify/http_run.h \
	fcgi-app/lib/verify/probe.c fcgi-app/lib/verify/probe.h \
	fcgi-app/lib/verify/scratchdb.c fcgi-app/lib/verify/scratchdb.h \
	fcgi-app/lib/verify/verification.c fcgi-app/lib/verify/verification.h

VERIFY_LIBS = libbf_verify.a libbf_sandbox.a libbf_spec.a libbf_platform.a libbf_core.a \
	$(SECCOMP_LIBS) -lpthread $(BF_DEPS)

check_PROGRAMS += tests/unit/test-suite
tests_unit_test_suite_SOURCES = tests/unit/test-suite.c
tests_unit_test_suite_LDADD = $(VERIFY_LIBS)
TESTS += tests/unit/test-suite

# bf-suite: `derive SPEC` prints the suite, `run SUITE --unix S | --url U` the report; it
# drives tests/integration/test_suite_run.py and bench/suite.
check_PROGRAMS += tests/tools/bf-suite
tests_tools_bf_suite_SOURCES = tests/tools/bf-suite.c
tests_tools_bf_suite_LDADD = $(VERIFY_LIBS)

check_PROGRAMS += tests/fuzz/fuzz-suite
tests_fuzz_fuzz_suite_SOURCES = tests/fuzz/fuzz-suite.c tests/fuzz/driver.c
tests_fuzz_fuzz_suite_LDADD = $(VERIFY_LIBS)
TESTS += tests/fuzz/run-suite.sh
dist_noinst_SCRIPTS += tests/fuzz/run-suite.sh
