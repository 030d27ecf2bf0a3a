# fcgi-app/lib/spec: BackendSpec v1 review (parse, normalize, check), the field types, the
# reserved names and English inflection that planner, codegen and review share. The JSON
# Schema file is compiled into the library (spec/schema.inc, generated from
# schemas/backend-spec-v1.json), so review_spec_schema() always serves the repository's file.
noinst_LIBRARIES += libbf_spec.a
libbf_spec_a_SOURCES = \
	fcgi-app/lib/spec/review.c fcgi-app/lib/spec/review.h \
	fcgi-app/lib/spec/schema.c \
	fcgi-app/lib/spec/access.c fcgi-app/lib/spec/access.h \
	fcgi-app/lib/spec/types.c fcgi-app/lib/spec/types.h \
	fcgi-app/lib/spec/names.c fcgi-app/lib/spec/names.h \
	fcgi-app/lib/spec/inflect.c fcgi-app/lib/spec/inflect.h
nodist_libbf_spec_a_SOURCES = fcgi-app/lib/spec/schema.inc
EXTRA_DIST += schemas/backend-spec-v1.json
CLEANFILES += fcgi-app/lib/spec/schema.inc

# The schema becomes `static const char schema_text[] = "line\n" ...;`.
fcgi-app/lib/spec/schema.$(OBJEXT): fcgi-app/lib/spec/schema.inc
fcgi-app/lib/spec/schema.inc: $(srcdir)/schemas/backend-spec-v1.json
	$(MKDIR_P) fcgi-app/lib/spec
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
		-e '1i static const char schema_text[] =' -e '$$a ;' \
		$(srcdir)/schemas/backend-spec-v1.json > $@.tmp && mv $@.tmp $@

check_PROGRAMS += tests/unit/test-review
tests_unit_test_review_SOURCES = tests/unit/test-review.c
tests_unit_test_review_LDADD = libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-review

check_PROGRAMS += tests/fuzz/fuzz-review
tests_fuzz_fuzz_review_SOURCES = tests/fuzz/fuzz-review.c tests/fuzz/driver.c
tests_fuzz_fuzz_review_LDADD = libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/fuzz/run-review.sh
dist_noinst_SCRIPTS += tests/fuzz/run-review.sh

# The example specs and their normalized forms must fit the JSON Schema (python3-jsonschema).
TESTS += tests/unit/test-spec-schema.sh
dist_noinst_SCRIPTS += tests/unit/test-spec-schema.sh

# Rewrites tests/data/specs/normalized/ from review's current output (review the diff).
update-spec-golden: tests/unit/test-review
	BF_UPDATE_GOLDEN=1 srcdir=$(srcdir) ./tests/unit/test-review >/dev/null
.PHONY: update-spec-golden

check_PROGRAMS += tests/unit/test-inflect
tests_unit_test_inflect_SOURCES = tests/unit/test-inflect.c
tests_unit_test_inflect_LDADD = libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-inflect

check_PROGRAMS += tests/unit/test-access
tests_unit_test_access_SOURCES = tests/unit/test-access.c
tests_unit_test_access_LDADD = libbf_spec.a libbf_core.a $(BF_DEPS)
TESTS += tests/unit/test-access
