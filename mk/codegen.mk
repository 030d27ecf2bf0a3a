# Code generation: normalized spec → generated project files (ctemplate), and ZIP packaging.
noinst_LIBRARIES += libbf_codegen.a
libbf_codegen_a_SOURCES = \
	fcgi-app/lib/codegen/render.c fcgi-app/lib/codegen/render.h \
	fcgi-app/lib/codegen/escape.c fcgi-app/lib/codegen/escape.h \
	fcgi-app/lib/codegen/template.cc fcgi-app/lib/codegen/template.h \
	fcgi-app/lib/codegen/bundle.c fcgi-app/lib/codegen/bundle.h \
	fcgi-app/lib/codegen/stamp.c fcgi-app/lib/codegen/stamp.h

CODEGEN_LIBS = libbf_codegen.a libbf_spec.a libbf_core.a $(BF_DEPS)

check_PROGRAMS += tests/unit/test-codegen tests/unit/test-bundle tests/unit/test-stamp
tests_unit_test_codegen_SOURCES = tests/unit/test-codegen.c
tests_unit_test_codegen_LDADD = $(CODEGEN_LIBS)
tests_unit_test_codegen_CPPFLAGS = $(AM_CPPFLAGS) -DBF_TEMPLATES_SRC='"$(abs_top_srcdir)/templates"'
tests_unit_test_bundle_SOURCES = tests/unit/test-bundle.c
tests_unit_test_bundle_LDADD = $(CODEGEN_LIBS)
tests_unit_test_stamp_SOURCES = tests/unit/test-stamp.c
tests_unit_test_stamp_LDADD = $(CODEGEN_LIBS)
tests_unit_test_stamp_CPPFLAGS = $(AM_CPPFLAGS) -DBF_TEMPLATES_SRC='"$(abs_top_srcdir)/templates"'
TESTS += tests/unit/test-codegen tests/unit/test-bundle tests/unit/test-stamp


# Golden snapshots: `make check` compares, `make update-golden` rewrites (review the diff).
TESTS += tests/golden/run-golden.sh
# Nothing is built in tests/golden, so a VPATH build (distcheck) has no such directory for
# the test's log; this stamp, made before the tests run, creates it.
check_DATA = tests/golden/.builddir-stamp
tests/golden/.builddir-stamp:
	@$(MKDIR_P) tests/golden
	@: > $@
CLEANFILES += tests/golden/.builddir-stamp
dist_noinst_SCRIPTS += tests/golden/run-golden.sh
# tests/golden and templates reach the tarball through BF_DIST_TREES (mk/data.mk), copied
# from the source tree: as a directory in EXTRA_DIST, tests/golden would be taken from the
# build tree, test logs and all.
update-golden: tests/tools/bf-render
	srcdir=$(srcdir) builddir=$(builddir) $(SHELL) $(srcdir)/tests/golden/run-golden.sh update
.PHONY: update-golden

check_PROGRAMS += tests/fuzz/fuzz-bundle
tests_fuzz_fuzz_bundle_SOURCES = tests/fuzz/fuzz-bundle.c tests/fuzz/driver.c
tests_fuzz_fuzz_bundle_LDADD = $(CODEGEN_LIBS)
TESTS += tests/fuzz/run-bundle.sh
dist_noinst_SCRIPTS += tests/fuzz/run-bundle.sh
