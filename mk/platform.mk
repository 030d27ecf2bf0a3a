# Platform: the FastCGI program (master, workers, request API, router), backforgectl, and
# the shared platform library (database, error mapping, and the auth code).
noinst_LIBRARIES += libbf_platform.a
libbf_platform_a_SOURCES = \
	fcgi-app/lib/platform/db.c fcgi-app/lib/platform/db.h \
	fcgi-app/lib/platform/apierror.c fcgi-app/lib/platform/apierror.h \
	fcgi-app/lib/platform/jobs.c fcgi-app/lib/platform/jobs.h
# The auth code: password, token, throttle, audit.
libbf_platform_a_SOURCES += \
	fcgi-app/lib/platform/password.c fcgi-app/lib/platform/password.h \
	fcgi-app/lib/platform/token.c fcgi-app/lib/platform/token.h \
	fcgi-app/lib/platform/throttle.c fcgi-app/lib/platform/throttle.h \
	fcgi-app/lib/platform/audit.c fcgi-app/lib/platform/audit.h
EXTRA_DIST += sql/001_init.sql
check_PROGRAMS += tests/unit/test-password tests/unit/test-jwt tests/fuzz/fuzz-token
tests_unit_test_password_SOURCES = tests/unit/test-password.c
tests_unit_test_password_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
tests_unit_test_jwt_SOURCES = tests/unit/test-jwt.c
tests_unit_test_jwt_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
tests_fuzz_fuzz_token_SOURCES = tests/fuzz/fuzz-token.c tests/fuzz/driver.c
tests_fuzz_fuzz_token_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
check_PROGRAMS += tests/unit/test-throttle
tests_unit_test_throttle_SOURCES = tests/unit/test-throttle.c
tests_unit_test_throttle_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-password tests/unit/test-jwt tests/unit/test-throttle \
	tests/fuzz/run-token.sh
dist_noinst_SCRIPTS += tests/fuzz/run-token.sh
EXTRA_DIST += tests/fuzz/corpus/token

# The request framework and the master are a library of their own inside the app, so unit
# tests and the fuzz target link the same code the workers run, without main().
noinst_LIBRARIES += libbf_app.a
libbf_app_a_SOURCES = \
	fcgi-app/app/request.c fcgi-app/app/request.h \
	fcgi-app/app/body.c fcgi-app/app/body.h \
	fcgi-app/app/router.c fcgi-app/app/router.h \
	fcgi-app/app/master.c fcgi-app/app/master.h

sbin_PROGRAMS += backforge-fcgi
backforge_fcgi_SOURCES = \
	fcgi-app/app/main.c \
	fcgi-app/app/worker.c fcgi-app/app/worker.h \
	fcgi-app/app/routes.c \
	fcgi-app/app/health.c fcgi-app/app/health.h
backforge_fcgi_SOURCES += fcgi-app/app/auth_handlers.c fcgi-app/app/auth_handlers.h
backforge_fcgi_LDADD = libbf_app.a libbf_platform.a libbf_core.a $(BF_DEPS)

# bench/password: one Argon2id hash and verification at the workers' parameters.
noinst_PROGRAMS += bench/password-bench
bench_password_bench_SOURCES = bench/password-bench.c bench/bench.h
bench_password_bench_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
dist_noinst_SCRIPTS += bench/password

bin_PROGRAMS += backforgectl
backforgectl_SOURCES = \
	fcgi-app/ctl/main.c fcgi-app/ctl/ctl.h \
	fcgi-app/ctl/migrate.c
backforgectl_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)

# Unit tests and the request fuzz target: they link the same framework code the workers run.
check_PROGRAMS += tests/unit/test-router tests/unit/test-http tests/unit/test-apierror \
	tests/unit/test-pool
tests_unit_test_router_SOURCES = tests/unit/test-router.c
tests_unit_test_router_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/app
tests_unit_test_router_LDADD = libbf_app.a libbf_platform.a libbf_core.a $(BF_DEPS)
tests_unit_test_http_SOURCES = tests/unit/test-http.c
tests_unit_test_http_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/app
tests_unit_test_http_LDADD = libbf_app.a libbf_platform.a libbf_core.a $(BF_DEPS)
tests_unit_test_apierror_SOURCES = tests/unit/test-apierror.c
tests_unit_test_apierror_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
tests_unit_test_pool_SOURCES = tests/unit/test-pool.c
tests_unit_test_pool_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/app
tests_unit_test_pool_LDADD = libbf_app.a libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-router tests/unit/test-http tests/unit/test-apierror \
	tests/unit/test-pool

check_PROGRAMS += tests/fuzz/fuzz-request
tests_fuzz_fuzz_request_SOURCES = tests/fuzz/fuzz-request.c tests/fuzz/driver.c
tests_fuzz_fuzz_request_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/app
tests_fuzz_fuzz_request_LDADD = libbf_app.a libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/fuzz/run-request.sh
dist_noinst_SCRIPTS += tests/fuzz/run-request.sh
EXTRA_DIST += tests/fuzz/corpus/request

# The process model against the real binary (fork, respawn, SIGTERM, grace, no orphans).
TESTS += tests/unit/test-master.py
dist_noinst_SCRIPTS += tests/unit/test-master.py

# db.c against a real PostgreSQL when BF_TEST_PG names one (scripts/check sets it).
check_PROGRAMS += tests/unit/test-db
tests_unit_test_db_SOURCES = tests/unit/test-db.c
tests_unit_test_db_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-db

# Handlers use the framework's interface, never the master or each other.
TESTS += tests/unit/test-app-layering.sh
dist_noinst_SCRIPTS += tests/unit/test-app-layering.sh
# The verification job queue against a real PostgreSQL with the real migrations.
check_PROGRAMS += tests/unit/test-jobs
tests_unit_test_jobs_SOURCES = tests/unit/test-jobs.c
tests_unit_test_jobs_LDADD = libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-jobs
