# fcgi-app/lib/core: memory, buffers, config, command line, logging, JSON limits, problem
# lists, small caches. It includes nothing of the other areas.
noinst_LIBRARIES += libbf_core.a
libbf_core_a_SOURCES = \
	fcgi-app/lib/core/arena.c fcgi-app/lib/core/arena.h \
	fcgi-app/lib/core/buf.c fcgi-app/lib/core/buf.h \
	fcgi-app/lib/core/cli.c fcgi-app/lib/core/cli.h \
	fcgi-app/lib/core/config.c fcgi-app/lib/core/config.h \
	fcgi-app/lib/core/datadir.c fcgi-app/lib/core/datadir.h \
	fcgi-app/lib/core/hash.h \
	fcgi-app/lib/core/id_cache.c fcgi-app/lib/core/id_cache.h \
	fcgi-app/lib/core/jsonx.c fcgi-app/lib/core/jsonx.h \
	fcgi-app/lib/core/log.c fcgi-app/lib/core/log.h \
	fcgi-app/lib/core/problems.c fcgi-app/lib/core/problems.h

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
