# Allocation-failure torture (tests/torture/run-torture.sh): the request path, the bundle
# and the whole pipeline with their n-th allocation failing, for every n. The programs are
# the unit tests (and a pipeline driver) linked with failalloc.c and -Wl,--wrap; `make
# torture` runs them (scripts/check does, in the sanitizer build).
TORTURE_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup \
	-Wl,--wrap=strndup,--wrap=asprintf,--wrap=vasprintf \
	-Wl,--wrap=__asprintf_chk,--wrap=__vasprintf_chk \
	-Wl,--wrap=arena_new,--wrap=arena_alloc,--wrap=arena_strdup,--wrap=arena_strndup \
	-Wl,--wrap=arena_memdup,--wrap=arena_printf,--wrap=arena_vprintf
TORTURE_PROGS = tests/torture/torture-http tests/torture/torture-bundle \
	tests/torture/torture-pipeline
check_PROGRAMS += $(TORTURE_PROGS)
tests_torture_torture_http_SOURCES = tests/unit/test-http.c tests/torture/failalloc.c
tests_torture_torture_http_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/fcgi-app/app
tests_torture_torture_http_LDFLAGS = $(TORTURE_WRAP)
tests_torture_torture_http_LDADD = libbf_app.a libbf_platform.a libbf_core.a $(BF_DEPS)
tests_torture_torture_bundle_SOURCES = tests/unit/test-bundle.c tests/torture/failalloc.c
tests_torture_torture_bundle_LDFLAGS = $(TORTURE_WRAP)
tests_torture_torture_bundle_LDADD = $(CODEGEN_LIBS)
tests_torture_torture_pipeline_SOURCES = tests/torture/torture-pipeline.c \
	tests/torture/failalloc.c
tests_torture_torture_pipeline_LDFLAGS = $(TORTURE_WRAP)
tests_torture_torture_pipeline_LDADD = $(BF_GENERATION_LIBS)
dist_noinst_SCRIPTS += tests/torture/run-torture.sh

# Every allocation of the request path and the bundle; the pipeline (some 22,000 since it
# derives the verification suite too) at most BF_TORTURE_MAX_RUNS evenly spread ones.
BF_TORTURE_MAX_RUNS ?= 3000
torture: $(TORTURE_PROGS)
	BF_TORTURE_MAX_RUNS=$(BF_TORTURE_MAX_RUNS) \
	$(srcdir)/tests/torture/run-torture.sh $(abs_top_srcdir) $(abs_builddir)
.PHONY: torture
