# fcgi-app/runner: backforge-runner, the daemon that claims verification jobs and runs each
# through lib/verify (and so lib/sandbox); `backforgectl verify` runs the same code.
BF_RUNNER_LIBS = $(VERIFY_LIBS)

sbin_PROGRAMS += backforge-runner
backforge_runner_SOURCES = fcgi-app/runner/main.c \
	fcgi-app/runner/progress.c fcgi-app/runner/progress.h \
	fcgi-app/runner/result.c fcgi-app/runner/result.h
backforge_runner_LDADD = $(BF_AUTOFIX_LIBS) $(BF_RUNNER_LIBS) $(BF_DEPS)

backforgectl_SOURCES += fcgi-app/ctl/verify.c fcgi-app/ctl/jobs.c
backforgectl_LDADD += $(BF_RUNNER_LIBS) $(BF_DEPS)

# The verifications API lives in the FastCGI program.
backforge_fcgi_SOURCES += fcgi-app/app/verifications.c fcgi-app/app/verifications.h
dist_noinst_SCRIPTS += bench/verify

check_PROGRAMS += tests/unit/test-progress
tests_unit_test_progress_SOURCES = tests/unit/test-progress.c fcgi-app/runner/progress.c
tests_unit_test_progress_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/runner
TESTS += tests/unit/test-progress
