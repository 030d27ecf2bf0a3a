# Core of the shared library: memory, buffers, config, command line, logging, JSON limits,
# names, small caches.
noinst_LIBRARIES += libbf_core.a
libbf_core_a_SOURCES = \
	fcgi-app/lib/arena.c fcgi-app/lib/arena.h \
	fcgi-app/lib/buf.c fcgi-app/lib/buf.h \
	fcgi-app/lib/cli.c fcgi-app/lib/cli.h \
	fcgi-app/lib/config.c fcgi-app/lib/config.h \
	fcgi-app/lib/hash.h \
	fcgi-app/lib/id_cache.c fcgi-app/lib/id_cache.h \
	fcgi-app/lib/inflect.c fcgi-app/lib/inflect.h \
	fcgi-app/lib/jsonx.c fcgi-app/lib/jsonx.h \
	fcgi-app/lib/log.c fcgi-app/lib/log.h \
	fcgi-app/lib/problems.c fcgi-app/lib/problems.h \
	fcgi-app/lib/spec_types.c fcgi-app/lib/spec_types.h \
	fcgi-app/lib/names.c fcgi-app/lib/names.h

EXTRA_DIST += tests/unit/tap.h

check_PROGRAMS += tests/unit/test-core
tests_unit_test_core_SOURCES = tests/unit/test-core.c
tests_unit_test_core_LDADD = libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-core

# Fuzz targets: each tests/fuzz/fuzz-NAME.c is linked with the replay driver and run over
# its seed corpus tests/fuzz/corpus/NAME/ by `make check` (see tests/fuzz/driver.c).
EXTRA_DIST += tests/fuzz/driver.c
check_PROGRAMS += tests/fuzz/fuzz-json
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz-json.c tests/fuzz/driver.c
tests_fuzz_fuzz_json_LDADD = libbf_core.a $(BF_DEPS)
TESTS += tests/fuzz/run-json.sh
dist_noinst_SCRIPTS += tests/fuzz/run-json.sh
EXTRA_DIST += tests/scratch-pg.sh
