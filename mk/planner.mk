# Offline planner: prompt → raw BackendSpec v1, read with Link Grammar and WordNet, the
# phrase rules as fallback (fcgi-app/lib/planner/plan.h lists its modules).
noinst_LIBRARIES += libbf_planner.a
libbf_planner_a_SOURCES = \
	fcgi-app/lib/planner/planner.c fcgi-app/lib/planner/planner.h \
	fcgi-app/lib/planner/plan.h \
	fcgi-app/lib/planner/words.c \
	fcgi-app/lib/planner/tokens.c \
	fcgi-app/lib/planner/notes.c \
	fcgi-app/lib/planner/mentions.c \
	fcgi-app/lib/planner/entities.c \
	fcgi-app/lib/planner/fields.c \
	fcgi-app/lib/planner/relations.c \
	fcgi-app/lib/planner/phrases.c \
	fcgi-app/lib/planner/constraints.c \
	fcgi-app/lib/planner/reading.c \
	fcgi-app/lib/planner/links.c \
	fcgi-app/lib/planner/nouns.c \
	fcgi-app/lib/planner/clauses.c \
	fcgi-app/lib/planner/columns.c \
	fcgi-app/lib/planner/acts.c \
	fcgi-app/lib/planner/products.c \
	fcgi-app/lib/planner/owners.c \
	fcgi-app/lib/planner/emit.c \
	fcgi-app/lib/planner/mend.c \
	fcgi-app/lib/planner/vocab.c fcgi-app/lib/planner/vocab.h \
	fcgi-app/lib/planner/parse.c fcgi-app/lib/planner/parse.h \
	fcgi-app/lib/planner/lexicon.c fcgi-app/lib/planner/lexicon.h

# The unit test runs the prompt corpus through planner and review (libbf_spec.a): every
# planned spec must pass review, and entity recall must stay at 90% or more.
check_PROGRAMS += tests/unit/test-planner
tests_unit_test_planner_SOURCES = tests/unit/test-planner.c tests/unit/planner-corpus.h
tests_unit_test_planner_LDADD = libbf_planner.a libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-planner
EXTRA_DIST += tests/data/prompts

# The golden check: every prompt's plan (spec and notes) equals tests/data/prompts/plans.golden.
check_PROGRAMS += tests/unit/planner-dump
tests_unit_planner_dump_SOURCES = tests/unit/planner-dump.c tests/unit/planner-corpus.h
tests_unit_planner_dump_LDADD = libbf_planner.a libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-planner-golden.sh
dist_noinst_SCRIPTS += tests/unit/test-planner-golden.sh

# bench/planner prints recall, precision and throughput over the corpus.
noinst_PROGRAMS += bench/planner-bench
bench_planner_bench_SOURCES = bench/planner-bench.c bench/bench.h tests/unit/planner-corpus.h
bench_planner_bench_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/tests/unit
bench_planner_bench_LDADD = libbf_planner.a libbf_spec.a libbf_core.a $(BF_DEPS)
dist_noinst_SCRIPTS += bench/planner

check_PROGRAMS += tests/fuzz/fuzz-planner
tests_fuzz_fuzz_planner_SOURCES = tests/fuzz/fuzz-planner.c tests/fuzz/driver.c
tests_fuzz_fuzz_planner_LDADD = libbf_planner.a libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/fuzz/run-planner.sh
dist_noinst_SCRIPTS += tests/fuzz/run-planner.sh
