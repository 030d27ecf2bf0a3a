/* GET over the app's unix socket, for the health poll while the app starts (see probe.h). */
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
