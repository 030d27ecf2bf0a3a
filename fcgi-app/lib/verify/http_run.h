/* Suite interpreter: runs the steps of a suite (suite.h) over HTTP with libcurl, against a
 * unix socket (the runner's sandboxed app) or a base URL, and returns the report that the
 * API serves and verify/verify.py also writes:
 *   {"summary": {"total", "passed", "failed", "skipped"},
 *    "tests": [{"name", "group", "request", "expected", "actual", "verdict", "duration_ms",
 *               "reason"?}]}
 * verdict: "pass", "fail" (a check did not hold), "skip" (a value it needs was not
 * captured, or the total deadline passed) or "error" (no HTTP answer). */
#pragma once
#include <jansson.h>
#include <stddef.h>

#define RUN_MAX_RESPONSE     (1024 * 1024) /* bytes of one response kept and parsed */
#define RUN_EXCERPT          2048          /* bytes of a body in the report */
#define RUN_DEFAULT_STEP_MS  10000
#define RUN_DEFAULT_TOTAL_MS 300000

struct suite_target {
    const char *unix_socket; /* or NULL */
    const char *base_url;    /* "http://localhost" when NULL with a socket */
    long step_timeout_ms;    /* <= 0: RUN_DEFAULT_STEP_MS */
    long total_timeout_ms;   /* <= 0: RUN_DEFAULT_TOTAL_MS */
    /* Called after each step with the steps done and their total (may be NULL). */
    void (*on_step)(void *ctx, size_t done, size_t total);
    void *on_step_ctx;
};

/* Checks that a suite has the shape suite.h describes (a suite from outside, e.g. a file, is
 * checked before it runs). Returns 0, or -EINVAL with a sentence in err. */
int suite_check(const json_t *suite, char *err, size_t err_size);

/* Runs the suite against the target, one step after another with one curl handle (call
 * curl_global_init() once at program start, before any threads). Returns 0 with *report_out a new
 * reference (caller json_decref()s; always set on 0, whatever the verdicts), -EINVAL for a suite
 * that fails suite_check or a target with neither socket nor URL, -ENOMEM. */
int suite_run(const json_t *suite, const struct suite_target *t, json_t **report_out);
