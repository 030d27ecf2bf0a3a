# LLM client: OpenAI-compatible chat completions (transport, extraction, planning round)
# and its PostgreSQL store. Depends on libbf_spec.a (review), libbf_platform.a (db) and
# libbf_core.a.
noinst_LIBRARIES += libbf_llm.a
libbf_llm_a_SOURCES = \
	fcgi-app/lib/llm/client.c fcgi-app/lib/llm/client.h fcgi-app/lib/llm/internal.h \
	fcgi-app/lib/llm/extract.c \
	fcgi-app/lib/llm/plan.c \
	fcgi-app/lib/llm/store.c fcgi-app/lib/llm/store.h
BF_LLM_LIBS = libbf_llm.a libbf_spec.a libbf_platform.a libbf_core.a $(BF_DEPS)

EXTRA_DIST += sql/003_llm.sql docs/llm.md tests/fuzz/corpus/llm-extract

check_PROGRAMS += tests/unit/test-llm-extract
tests_unit_test_llm_extract_SOURCES = tests/unit/test-llm-extract.c
tests_unit_test_llm_extract_LDADD = $(BF_LLM_LIBS)
TESTS += tests/unit/test-llm-extract

# The real client against tests/llm/fake_openai.py (started by the driver script on a free
# port) through every fault the fake can play.
check_PROGRAMS += tests/llm/test-llm-client
tests_llm_test_llm_client_SOURCES = tests/llm/test-llm-client.c
tests_llm_test_llm_client_LDADD = $(BF_LLM_LIBS)
TESTS += tests/llm/run-llm-client.sh
dist_noinst_SCRIPTS += tests/llm/run-llm-client.sh
EXTRA_DIST += tests/llm/fake_openai.py

# llm_store_pg against a throwaway PostgreSQL cluster (skipped when the server binaries
# are missing).
check_PROGRAMS += tests/llm/test-llm-store-pg
tests_llm_test_llm_store_pg_SOURCES = tests/llm/test-llm-store-pg.c
tests_llm_test_llm_store_pg_LDADD = $(BF_LLM_LIBS)
TESTS += tests/llm/run-llm-store-pg.sh
dist_noinst_SCRIPTS += tests/llm/run-llm-store-pg.sh

check_PROGRAMS += tests/fuzz/fuzz-llm-extract
tests_fuzz_fuzz_llm_extract_SOURCES = tests/fuzz/fuzz-llm-extract.c tests/fuzz/driver.c
tests_fuzz_fuzz_llm_extract_LDADD = $(BF_LLM_LIBS)
TESTS += tests/fuzz/run-llm-extract.sh
dist_noinst_SCRIPTS += tests/fuzz/run-llm-extract.sh
