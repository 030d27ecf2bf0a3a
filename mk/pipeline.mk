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
