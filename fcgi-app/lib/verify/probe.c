/* HTTP over the app's unix socket and the suite call (see probe.h). */
#include "verify/probe.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct sink {
    char *buf;
    size_t size, len;
};

static size_t collect(char *data, size_t n, size_t m, void *userdata)
{
    struct sink *s = userdata;
    size_t bytes = n * m;
    if (s->buf && s->size > 0) {
        size_t room = s->size - 1 - s->len;
        size_t take = bytes < room ? bytes : room;
        memcpy(s->buf + s->len, data, take);
        s->len += take;
        s->buf[s->len] = '\0';
    }
    return bytes;
}

int probe_get(const char *socket_path, const char *path, long timeout_ms, long *status, char *body,
              size_t body_size)
{
    *status = 0;
    if (body && body_size)
        body[0] = '\0';
    CURL *c = curl_easy_init();
    if (!c)
        return -ENOMEM;
    char url[512];
    snprintf(url, sizeof(url), "http://sandbox%s", path);
    struct sink s = {body, body_size, 0};
    curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, socket_path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(c);
    switch (rc) {
    case CURLE_OK:
        return 0;
    case CURLE_OPERATION_TIMEDOUT:
        return -ETIMEDOUT;
    case CURLE_COULDNT_CONNECT:
        return -ECONNREFUSED;
    default:
        return -EIO;
    }
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The health step: the only step until the suite library is linked in (then this body
 * becomes suite_derive(spec) + suite_run over the socket, and the step list grows). */
int runner_suite(const json_t *spec, const char *socket_path, long total_timeout_ms,
                 json_t **report_out)
{
    (void)spec;
    long t0 = now_ms(), status = 0;
    char body[512];
    long step_timeout = total_timeout_ms < 5000 ? total_timeout_ms : 5000;
    int rc = probe_get(socket_path, "/health", step_timeout, &status, body, sizeof(body));
    bool pass = rc == 0 && status == 200;
    json_t *actual = rc == 0
                         ? json_pack("{s:I, s:s}", "status", (json_int_t)status, "body", body)
                         : json_pack("{s:s}", "error", rc == -ETIMEDOUT ? "timeout" : "no answer");
    json_t *test = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:i}, s:o, s:s, s:I}", "name", "health",
                             "group", "health", "request", "method", "GET", "path", "/health",
                             "expected", "status", 200, "actual", actual, "verdict",
                             pass      ? "pass"
                             : rc == 0 ? "fail"
                                       : "error",
                             "duration_ms", (json_int_t)(now_ms() - t0));
    json_t *report = json_pack("{s:{s:i, s:i, s:i, s:i}, s:[o]}", "summary", "total", 1, "passed",
                               pass ? 1 : 0, "failed", pass ? 0 : 1, "skipped", 0, "tests", test);
    if (!report)
        return -ENOMEM;
    *report_out = report;
    return 0;
}
