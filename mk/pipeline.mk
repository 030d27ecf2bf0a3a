# Projects: the generation pipeline shared by the API and backforgectl.
noinst_LIBRARIES += libbf_pipeline.a
libbf_pipeline_a_SOURCES = \
	fcgi-app/lib/pipeline/pipeline.c fcgi-app/lib/pipeline/pipeline.h

# backforgectl generate and the projects API handlers ride on the pipeline.
backforgectl_SOURCES += fcgi-app/ctl/generate.c
backforge_fcgi_SOURCES += fcgi-app/app/projects.c fcgi-app/app/projects.h
BF_GENERATION_LIBS = libbf_pipeline.a libbf_llm.a libbf_planner.a libbf_codegen.a libbf_verify.a \
	libbf_spec.a libbf_platform.a libbf_core.a $(BF_DEPS)
backforgectl_LDADD += $(BF_GENERATION_LIBS)
backforge_fcgi_LDADD += $(BF_GENERATION_LIBS)

noinst_PROGRAMS += bench/generate-bench
bench_generate_bench_SOURCES = bench/generate-bench.c bench/bench.h
bench_generate_bench_LDADD = $(BF_GENERATION_LIBS)
dist_noinst_SCRIPTS += bench/generate
EXTRA_DIST += bench/specs/three-entities.json bench/specs/twenty-entities.json \
	tests/integration/test_projects.py tests/integration/test_llm_api.py

# The README's `backforgectl generate` commands, run literally from a checkout-like
# directory with no configuration: templates and SQL are found beside the build.
TESTS += tests/unit/test-readme-generate.sh
dist_noinst_SCRIPTS += tests/unit/test-readme-generate.sh

# bf-render: spec → review → codegen → ZIP or tree; drives the golden and matrix tests.
check_PROGRAMS += tests/tools/bf-render
tests_tools_bf_render_SOURCES = tests/tools/bf-render.c
tests_tools_bf_render_LDADD = $(BF_GENERATION_LIBS)

# Auto-fix: the LLM round (llm/fix.c), patch checking and applying (pipeline/patch.c) and
# the round with its version store (pipeline/autofix.c), used by the runner after a failed
# verification and by POST /api/projects/{id}/fix (app/fix.c).
libbf_pipeline_a_SOURCES += \
	fcgi-app/lib/pipeline/patch.c fcgi-app/lib/pipeline/patch.h \
	fcgi-app/lib/pipeline/autofix.c fcgi-app/lib/pipeline/autofix.h
libbf_llm_a_SOURCES += fcgi-app/lib/llm/fix.c fcgi-app/lib/llm/fix.h
backforge_fcgi_SOURCES += fcgi-app/app/fix.c fcgi-app/app/fix.h
BF_AUTOFIX_LIBS = libbf_pipeline.a libbf_llm.a libbf_codegen.a libbf_spec.a
EXTRA_DIST += sql/007_autofix.sql sql/009_version_fixes.sql

check_PROGRAMS += tests/unit/test-patch
tests_unit_test_patch_SOURCES = tests/unit/test-patch.c
tests_unit_test_patch_LDADD = $(BF_AUTOFIX_LIBS) libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-patch

check_PROGRAMS += tests/fuzz/fuzz-patch
tests_fuzz_fuzz_patch_SOURCES = tests/fuzz/fuzz-patch.c tests/fuzz/driver.c
tests_fuzz_fuzz_patch_LDADD = $(BF_AUTOFIX_LIBS) libbf_platform.a libbf_core.a $(BF_DEPS)
TESTS += tests/fuzz/run-patch.sh
dist_noinst_SCRIPTS += tests/fuzz/run-patch.sh
EXTRA_DIST += tests/fuzz/corpus/patch tests/integration/test_autofix.py
