/* The ZIP of a verified version: the version's ZIP with its PROJECT_REPORT.md carrying the
 * verification's result (templates/report/verification.md.tpl in place of the report's
 * "## Verification" section). Every other file stays byte for byte and the ZIP stays
 * reproducible, so it differs from the version's ZIP (whose sha256 it names) in that one
 * file; the runner makes it when a verification has run (passed or failed). */
#pragma once
#include <jansson.h>
#include <stddef.h>

#define STAMP_REPORT_PATH  "PROJECT_REPORT.md"
#define STAMP_MAX_FAILURES 20 /* failed tests listed by name; the rest are counted */

/* What the section says besides the report. Strings are borrowed. */
struct stamp_info {
    const char *status; /* "passed" or "failed" */
    int version, attempt;
    long long verification_id;
    const char *finished_at;   /* e.g. "2026-12-06 23:59 UTC" */
    const char *source_sha256; /* the version's ZIP as generated */
};

/* The Markdown section for a report of the runner's shape ({"summary", "tests": [{"name",
 * "group", "verdict", "reason"?, "expected", "actual"}], "pytest", "reason"}; borrowed).
 * templates_dir holds report/verification.md.tpl. 0 and a malloc'ed *md_out (caller
 * free()s), -ENOENT for a missing template, -EINVAL, -ENOMEM. */
int stamp_section(const struct stamp_info *info, const json_t *report, const char *templates_dir,
                  char **md_out, size_t *len_out);

/* The stamped ZIP of zip (a ZIP bundle_zip made): 0 and a malloc'ed *zip_out (caller
 * free()s), -EINVAL for a ZIP of another shape or without PROJECT_REPORT.md, what
 * stamp_section and bundle_zip return otherwise. */
int stamp_zip(const unsigned char *zip, size_t len, const struct stamp_info *info,
              const json_t *report, const char *templates_dir, unsigned char **zip_out,
              size_t *len_out);
