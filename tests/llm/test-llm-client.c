/* The real LLM client against tests/llm/fake_openai.py (BF_FAKE_URL, started by
 * run-llm-client.sh): every fault the fake plays, retries and their timing, the cache,
 * call records, the repair round, and that the key only ever travels in Authorization. */
#include "core/config.h"
#include "core/jsonx.h"
#include "llm/client.h"
#include "spec/review.h"
#include "../unit/tap.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define KEY "sk-test-S3CRET-key-0123456789abcdef"

static const char *fake_url;

/* ---- in-memory llm_store ---- */

#define MEM_MAX 64

struct mem_store {
    struct llm_call_record recs[MEM_MAX];
    size_t n_recs;
    char *hash[MEM_MAX], *reply[MEM_MAX];
    size_t n_cache;
    int gets, puts;
};

static int mem_get(void *ctx, const char *h, char **out)
{
    struct mem_store *m = ctx;
    m->gets++;
    for (size_t i = 0; i < m->n_cache; i++)
        if (strcmp(m->hash[i], h) == 0) {
            *out = strdup(m->reply[i]);
            return *out ? 0 : -ENOMEM;
        }
    return -ENOENT;
}

static int mem_put(void *ctx, const char *h, const char *reply)
{
    struct mem_store *m = ctx;
    m->puts++;
    if (m->n_cache >= MEM_MAX)
        return -E2BIG;
    m->hash[m->n_cache] = strdup(h);
    m->reply[m->n_cache++] = strdup(reply);
    return 0;
}

static int mem_record(void *ctx, const struct llm_call_record *rec)
{
    struct mem_store *m = ctx;
    if (m->n_recs < MEM_MAX)
        m->recs[m->n_recs++] = *rec;
    return 0;
}

static void mem_reset(struct mem_store *m, struct llm_store *s)
{
    for (size_t i = 0; i < m->n_cache; i++) {
        free(m->hash[i]);
        free(m->reply[i]);
    }
    memset(m, 0, sizeof(*m));
    *s = (struct llm_store){
        .ctx = m, .cache_get = mem_get, .cache_put = mem_put, .record = mem_record};
}

static const struct llm_call_record *last_rec(const struct mem_store *m)
{
    return m->n_recs ? &m->recs[m->n_recs - 1] : NULL;
}

/* ---- the fake's control endpoints ---- */

static size_t collect(char *p, size_t s, size_t n, void *ud)
{
    struct {
        char *d;
        size_t len;
    } *b = ud;
    char *nd = realloc(b->d, b->len + s * n + 1);
    if (!nd)
        return 0;
    memcpy(nd + b->len, p, s * n);
    b->d = nd;
    b->len += s * n;
    b->d[b->len] = '\0';
    return s * n;
}

static json_t *control(const char *path, const char *post)
{
    struct {
        char *d;
        size_t len;
    } b = {0};
    char url[512];
    snprintf(url, sizeof(url), "%s%s", fake_url, path);
    CURL *h = curl_easy_init();
    curl_easy_setopt(h, CURLOPT_URL, url);
    if (post)
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, post);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
    json_t *v = b.d ? json_loads(b.d, 0, NULL) : NULL;
    free(b.d);
    return v;
}

static void script(const char *steps_json)
{
    json_decref(control("/_control/reset", "{}"));
    char body[4096];
    snprintf(body, sizeof(body), "{\"steps\": %s}", steps_json);
    json_decref(control("/_control/script", body));
}

static json_t *requests(void)
{
    return control("/_control/requests", NULL);
}

static size_t n_requests(void)
{
    json_t *r = requests();
    size_t n = json_array_size(r);
    json_decref(r);
    return n;
}

/* The parsed body of the i-th recorded request (new reference). */
static json_t *request_body(size_t i)
{
    json_t *r = requests();
    const char *b = jsonx_str(json_array_get(r, i), "body");
    json_t *v = b ? json_loads(b, 0, NULL) : NULL;
    json_decref(r);
    return v;
}

/* ---- helpers ---- */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct config *base_config(const char *model)
{
    struct config *cfg = NULL;
    char err[256];
    if (config_load("/dev/null", &cfg, err, sizeof(err)) < 0)
        return NULL;
    char url[512];
    snprintf(url, sizeof(url), "%s/v1/", fake_url);
    config_set(cfg, "llm_base_url", url);
    config_set(cfg, "llm_api_key", KEY);
    config_set(cfg, "llm_model", model);
    config_set(cfg, "llm_models", "fake-fenced, fake-reject_structured ,fake-slow");
    config_set(cfg, "llm_timeout_ms", "5000");
    config_set(cfg, "llm_max_retries", "2");
    config_set(cfg, "llm_price_in", "2");
    config_set(cfg, "llm_price_out", "8");
    return cfg;
}

static struct llm_client *client_with(const char *model, const char *k1, const char *v1,
                                      const char *k2, const char *v2)
{
    struct config *cfg = base_config(model);
    if (k1)
        config_set(cfg, k1, v1);
    if (k2)
        config_set(cfg, k2, v2);
    struct llm_client *c = NULL;
    int r = llm_client_new(cfg, &c);
    config_free(cfg);
    return r == 0 ? c : NULL;
}

static json_t *user_msgs(const char *text)
{
    return json_pack("[{s:s, s:s}]", "role", "user", "content", text);
}

static int chat(struct llm_client *c, const char *model, const char *text,
                const struct llm_store *st, char **reply)
{
    json_t *m = user_msgs(text);
    int r = llm_chat(c, model, m, NULL, st, reply);
    json_decref(m);
    return r;
}

static bool key_outside_authorization(void)
{
    json_t *all = requests();
    size_t i;
    json_t *rq;
    bool leaked = false;
    json_array_foreach(all, i, rq)
    {
        const char *b = jsonx_str(rq, "body"), *p = jsonx_str(rq, "path");
        if ((b && strstr(b, KEY)) || (p && strstr(p, KEY)))
            leaked = true;
        size_t j;
        json_t *h;
        json_array_foreach(json_object_get(rq, "headers"), j, h)
        {
            const char *name = json_string_value(json_array_get(h, 0));
            const char *val = json_string_value(json_array_get(h, 1));
            if (val && strstr(val, KEY) && !(name && strcasecmp(name, "authorization") == 0))
                leaked = true;
        }
    }
    json_decref(all);
    return leaked;
}

static bool key_in_records(const struct mem_store *m)
{
    for (size_t i = 0; i < m->n_recs; i++) {
        const struct llm_call_record *r = &m->recs[i];
        if (strstr(r->provider, KEY) || strstr(r->model, KEY) || strstr(r->request_hash, KEY) ||
            (r->outcome && strstr(r->outcome, KEY)))
            return true;
    }
    return false;
}

/* ---- cases ---- */

static void test_config(void)
{
    struct config *cfg = NULL;
    char err[256];
    config_load("/dev/null", &cfg, err, sizeof(err));
    struct llm_client *c = NULL;
    is_int(llm_client_new(cfg, &c), -ENOENT, "no llm_base_url: -ENOENT (offline planner)");
    config_set(cfg, "llm_base_url", "ftp://example.org/v1");
    config_set(cfg, "llm_model", "m");
    is_int(llm_client_new(cfg, &c), -EINVAL, "non-HTTP base URL refused");
    config_set(cfg, "llm_base_url", "http://127.0.0.1:9/v1");
    config_set(cfg, "llm_structured", "bogus");
    is_int(llm_client_new(cfg, &c), -EINVAL, "unknown llm_structured refused");
    config_set(cfg, "llm_structured", "none");
    config_set(cfg, "llm_model", "");
    is_int(llm_client_new(cfg, &c), -EINVAL, "no model at all refused");
    config_set(cfg, "llm_models", "offline");
    is_int(llm_client_new(cfg, &c), -EINVAL, "a model named offline refused");
    config_set(cfg, "llm_models", " first-model, second");
    is_int(llm_client_new(cfg, &c), 0, "without llm_model the first of llm_models");
    json_t *ms = llm_models_json(cfg, c);
    is_str(jsonx_str(json_array_get(ms, 1), "id"), "first-model", "listed after offline");
    ok(json_is_true(json_object_get(json_array_get(ms, 1), "default")), "and is the default");
    json_decref(ms);
    c = llm_client_free(c);
    config_free(cfg);

    json_t *off = llm_models_json(NULL, NULL);
    ok(json_array_size(off) == 1 &&
           json_is_true(json_object_get(json_array_get(off, 0), "default")),
       "models without a client: offline only, and it is the default");
    json_decref(off);

    c = client_with("fake-model", NULL, NULL, NULL, NULL);
    ok(c != NULL, "client from config");
    json_t *models = llm_models_json(NULL, c);
    char *dump = jsonx_dump(models);
    is_int(json_array_size(models), 5, "offline + default + 3 extra models (trimmed)");
    ok(json_is_false(json_object_get(json_array_get(models, 0), "default")) &&
           json_is_true(json_object_get(json_array_get(models, 1), "default")),
       "configured model is the default");
    is_str(jsonx_str(json_array_get(models, 1), "provider"), "127.0.0.1",
           "provider derived from the host");
    ok(dump && !strstr(dump, KEY) && !strstr(dump, "http"), "models list has no key or URL");
    free(dump);
    json_decref(models);

    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    char *reply = NULL;
    is_int(chat(c, "not-configured", "hi", &st, &reply), -EINVAL, "unknown model refused");
    llm_client_free(c);
    ok(llm_client_free(NULL) == NULL, "llm_client_free(NULL)");
}

static void test_normal_and_cache(void)
{
    struct llm_client *c = client_with("fake-model", NULL, NULL, NULL, NULL);
    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    script("[]");
    json_t *msgs = user_msgs("a todo api");
    char *reply = NULL;
    int r = llm_chat(c, NULL, msgs, review_spec_schema(), &st, &reply);
    is_int(r, 0, "normal reply");
    ok(reply && strstr(reply, "\"todo-api\""), "reply is the assistant content");
    const struct llm_call_record *rec = last_rec(&m);
    ok(rec && strcmp(rec->outcome, "ok") == 0 && !rec->cached, "record: outcome ok");
    ok(rec && rec->prompt_tokens == 120 && rec->completion_tokens == 80,
       "record: tokens from usage");
    ok(rec && rec->http_status == 200 && rec->latency_ms >= 0, "record: status and latency");
    ok(rec && rec->cost_usd > 0.00087 && rec->cost_usd < 0.00089,
       "record: cost from the configured prices (120*2 + 80*8 per 1M)");
    ok(rec && strlen(rec->request_hash) == 64 &&
           strspn(rec->request_hash, "0123456789abcdef") == 64,
       "record: sha256 hex request hash");
    is_str(rec ? rec->model : NULL, "fake-model", "record: default model used");
    is_int(m.puts, 1, "reply cached");

    json_t *req = request_body(0);
    json_t *rf = json_object_get(req, "response_format");
    is_str(jsonx_str(rf, "type"), "json_schema", "structured output requested");
    is_str(jsonx_str(json_object_get(rf, "json_schema"), "name"), "backend_spec",
           "schema named backend_spec");
    ok(json_is_integer(json_object_get(req, "temperature")) &&
           json_integer_value(json_object_get(req, "temperature")) == 0,
       "temperature 0");
    json_decref(req);
    json_t *all = requests();
    json_t *hdrs = json_object_get(json_array_get(all, 0), "headers");
    size_t i;
    json_t *h;
    bool auth_ok = false;
    json_array_foreach(hdrs, i, h)
    {
        if (strcasecmp(json_string_value(json_array_get(h, 0)), "authorization") == 0)
            auth_ok = strcmp(json_string_value(json_array_get(h, 1)), "Bearer " KEY) == 0;
    }
    ok(auth_ok, "key sent as Authorization: Bearer");
    is_str(jsonx_str(json_array_get(all, 0), "path"), "/v1/chat/completions",
           "trailing slash of the base URL handled");
    json_decref(all);

    char hash[65];
    snprintf(hash, sizeof(hash), "%s", rec ? rec->request_hash : "");
    free(reply);
    reply = NULL;
    size_t before = n_requests();
    r = llm_chat(c, NULL, msgs, review_spec_schema(), &st, &reply);
    is_int(r, 0, "identical request answered");
    is_int(n_requests(), before, "cache hit: no HTTP request the second time");
    rec = last_rec(&m);
    ok(rec && rec->cached && strcmp(rec->outcome, "cached") == 0 &&
           strcmp(rec->request_hash, hash) == 0,
       "record: cached, same hash");
    ok(reply && strstr(reply, "todo-api"), "cached reply returned");
    free(reply);
    json_decref(msgs);
    ok(!key_in_records(&m), "key in no record");
    mem_reset(&m, &st);
    llm_client_free(c);
}

static void test_retry_after(void)
{
    struct llm_client *c = client_with("fake-model", NULL, NULL, NULL, NULL);
    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    char *reply = NULL;

    script("[{\"kind\": \"429\", \"retry_after\": \"1\"}, {\"kind\": \"normal\"}]");
    long t0 = now_ms();
    int r = chat(c, NULL, "retry-after seconds", &st, &reply);
    long el = now_ms() - t0;
    is_int(r, 0, "429 then success");
    ok(el >= 950 && el < 3000, "waited Retry-After: 1 (%ld ms)", el);
    is_int(n_requests(), 2, "two requests");
    free(reply);
    reply = NULL;

    /* HTTP-date form, two seconds ahead: at least one whole second to wait */
    char date[64];
    time_t when = time(NULL) + 2;
    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", gmtime(&when));
    char steps[256];
    snprintf(steps, sizeof(steps),
             "[{\"kind\": \"429\", \"retry_after\": \"%s\"}, {\"kind\": \"normal\"}]", date);
    script(steps);
    t0 = now_ms();
    r = chat(c, NULL, "retry-after date", &st, &reply);
    el = now_ms() - t0;
    is_int(r, 0, "429 with an HTTP date then success");
    ok(el >= 900 && el < 3500, "waited until the date (%ld ms)", el);
    free(reply);
    reply = NULL;

    script("[{\"kind\": \"429\", \"retry_after\": \"1\", \"retry_after_ms\": \"200\"}, "
           "{\"kind\": \"normal\"}]");
    t0 = now_ms();
    r = chat(c, NULL, "retry-after-ms", &st, &reply);
    el = now_ms() - t0;
    ok(r == 0 && el >= 180 && el < 900, "retry-after-ms wins over seconds (%ld ms)", el);
    free(reply);
    reply = NULL;
    llm_client_free(c);

    c = client_with("fake-model", "llm_retry_after_max_ms", "300", NULL, NULL);
    script("[{\"kind\": \"429\", \"retry_after\": \"3600\"}, {\"kind\": \"normal\"}]");
    t0 = now_ms();
    r = chat(c, NULL, "capped", &st, &reply);
    el = now_ms() - t0;
    ok(r == 0 && el >= 280 && el < 2000, "Retry-After capped by llm_retry_after_max_ms (%ld ms)",
       el);
    free(reply);
    reply = NULL;
    llm_client_free(c);

    c = client_with("fake-model", "llm_deadline_ms", "1500", NULL, NULL);
    script("[{\"kind\": \"429\", \"retry_after\": \"5\"}, {\"kind\": \"normal\"}]");
    t0 = now_ms();
    r = chat(c, NULL, "deadline", &st, &reply);
    el = now_ms() - t0;
    is_int(r, -EPROTO, "a wait past the overall deadline gives up");
    ok(el < 1000, "without sleeping (%ld ms)", el);
    is_int(n_requests(), 1, "one request");
    ok(last_rec(&m) && strcmp(last_rec(&m)->outcome, "http_error") == 0 &&
           last_rec(&m)->http_status == 429,
       "record: http_error 429");
    ok(reply == NULL, "no reply on error");
    llm_client_free(c);
    mem_reset(&m, &st);
}

static void test_server_errors(void)
{
    struct llm_client *c = client_with("fake-model", NULL, NULL, NULL, NULL);
    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    char *reply = NULL;

    script("[{\"kind\": \"500\"}, {\"kind\": \"normal\"}]");
    long t0 = now_ms();
    int r = chat(c, NULL, "500 once", &st, &reply);
    long el = now_ms() - t0;
    is_int(r, 0, "500 then success");
    ok(el >= 240, "backed off before retrying (%ld ms)", el);
    is_int(n_requests(), 2, "two requests");
    free(reply);
    reply = NULL;

    script(
        "[{\"kind\": \"500\"}, {\"kind\": \"500\"}, {\"kind\": \"500\"}, {\"kind\": \"normal\"}]");
    r = chat(c, NULL, "500 always", &st, &reply);
    is_int(r, -EPROTO, "500 after every retry: -EPROTO");
    is_int(n_requests(), 3, "1 + llm_max_retries requests");
    ok(strcmp(last_rec(&m)->outcome, "http_error") == 0 && last_rec(&m)->http_status == 500,
       "record: http_error 500");

    script("[{\"kind\": \"status\", \"status\": 401, \"body\": {\"error\": {}}}, "
           "{\"kind\": \"normal\"}]");
    r = chat(c, NULL, "401", &st, &reply);
    is_int(r, -EPROTO, "401: -EPROTO");
    is_int(n_requests(), 1, "a 4xx is not retried");

    script("[{\"kind\": \"badjson\"}, {\"kind\": \"normal\"}]");
    r = chat(c, NULL, "bad json", &st, &reply);
    is_int(r, -EPROTO, "invalid JSON body: -EPROTO");
    ok(strcmp(last_rec(&m)->outcome, "bad_reply") == 0, "record: bad_reply");
    is_int(n_requests(), 1, "a bad reply is not retried");

    script("[{\"kind\": \"empty\"}]");
    r = chat(c, NULL, "empty", &st, &reply);
    is_int(r, -EPROTO, "empty content: -EPROTO");

    script("[{\"kind\": \"truncated\"}, {\"kind\": \"normal\"}]");
    r = chat(c, NULL, "truncated once", &st, &reply);
    is_int(r, 0, "truncated body retried, then success");
    is_int(n_requests(), 2, "two requests");
    free(reply);
    reply = NULL;
    llm_client_free(c);

    c = client_with("fake-model", "llm_max_retries", "0", NULL, NULL);
    script("[{\"kind\": \"truncated\"}]");
    r = chat(c, NULL, "truncated", &st, &reply);
    is_int(r, -EPROTO, "truncated body without retries: -EPROTO");
    ok(strcmp(last_rec(&m)->outcome, "transport_error") == 0, "record: transport_error");

    script("[{\"kind\": \"huge\"}]");
    r = chat(c, NULL, "huge", &st, &reply);
    is_int(r, -E2BIG, "reply over LLM_MAX_RESPONSE (Content-Length): -E2BIG");
    ok(strcmp(last_rec(&m)->outcome, "too_large") == 0, "record: too_large");
    script("[{\"kind\": \"huge_chunked\"}]");
    r = chat(c, NULL, "huge chunked", &st, &reply);
    is_int(r, -E2BIG, "reply over LLM_MAX_RESPONSE (no length): -E2BIG");
    ok(reply == NULL, "no reply");
    is_int(m.puts, 2, "only the two successes were cached");
    ok(!key_in_records(&m), "key in no record");
    llm_client_free(c);
    mem_reset(&m, &st);
}

static void test_timeouts(void)
{
    struct llm_client *c =
        client_with("fake-model", "llm_timeout_ms", "300", "llm_max_retries", "0");
    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    char *reply = NULL;
    script("[{\"kind\": \"slow\", \"delay\": 3}]");
    long t0 = now_ms();
    int r = chat(c, NULL, "slow", &st, &reply);
    long el = now_ms() - t0;
    is_int(r, -ETIMEDOUT, "slow reply: -ETIMEDOUT");
    ok(el >= 280 && el < 1500, "gave up at the timeout (%ld ms)", el);
    ok(strcmp(last_rec(&m)->outcome, "timeout") == 0 && last_rec(&m)->http_status == 0,
       "record: timeout, no HTTP status");
    llm_client_free(c);

    c = client_with("fake-model", "llm_timeout_ms", "300", "llm_max_retries", "1");
    script("[{\"kind\": \"slow\", \"delay\": 3}, {\"kind\": \"slow\", \"delay\": 3}]");
    r = chat(c, NULL, "slow twice", &st, &reply);
    is_int(r, -ETIMEDOUT, "slow twice: -ETIMEDOUT");
    is_int(n_requests(), 2, "a timeout is retried");
    llm_client_free(c);

    /* nothing listens on the discard port of loopback */
    struct config *cfg = base_config("m");
    config_set(cfg, "llm_base_url", "http://127.0.0.1:9/v1");
    config_set(cfg, "llm_max_retries", "0");
    llm_client_new(cfg, &c);
    config_free(cfg);
    r = chat(c, NULL, "refused", &st, &reply);
    is_int(r, -ECONNREFUSED, "connection refused: -ECONNREFUSED");
    ok(strcmp(last_rec(&m)->outcome, "transport_error") == 0, "record: transport_error");
    llm_client_free(c);
    mem_reset(&m, &st);
}

static void test_structured_fallback(void)
{
    struct llm_client *c = client_with("fake-reject_structured", NULL, NULL, NULL, NULL);
    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    script("[]");
    json_t *msgs = user_msgs("fallback");
    char *reply = NULL;
    int r = llm_chat(c, NULL, msgs, review_spec_schema(), &st, &reply);
    is_int(r, 0, "400 on response_format: retried without it");
    free(reply);
    reply = NULL;
    json_t *b0 = request_body(0), *b1 = request_body(1);
    ok(json_object_get(b0, "response_format") && !json_object_get(b1, "response_format"),
       "first with response_format, second without");
    json_decref(b0);
    json_decref(b1);
    json_decref(msgs);
    msgs = user_msgs("fallback remembered");
    r = llm_chat(c, NULL, msgs, review_spec_schema(), &st, &reply);
    json_t *b2 = request_body(2);
    ok(r == 0 && n_requests() == 3 && !json_object_get(b2, "response_format"),
       "the client remembers: one request, no response_format");
    json_decref(b2);
    json_decref(msgs);
    free(reply);
    llm_client_free(c);
    mem_reset(&m, &st);
}

static void test_plan(void)
{
    struct llm_client *c = client_with("fake-model", NULL, NULL, NULL, NULL);
    struct mem_store m = {0};
    struct llm_store st;
    mem_reset(&m, &st);
    struct review rv;
    review_init(&rv);
    json_t *spec = NULL;

    script("[{\"kind\": \"fenced\"}]");
    int r = llm_plan_spec(c, NULL, "a todo api with projects and tasks", &st, &spec, &rv);
    is_int(r, 0, "fenced reply with prose: planned");
    is_str(jsonx_str(spec, "name"), "todo-api", "normalized spec returned");
    is_int(json_array_size(json_object_get(spec, "entities")), 2, "both entities");
    json_t *b0 = request_body(0);
    json_t *sys = json_array_get(json_object_get(b0, "messages"), 0);
    ok(jsonx_str(sys, "content") && strstr(jsonx_str(sys, "content"), "BackendSpec") &&
           strcmp(jsonx_str(sys, "role"), "system") == 0,
       "system prompt explains BackendSpec");
    json_decref(b0);
    json_decref(spec);
    spec = NULL;
    review_clear(&rv);

    mem_reset(&m, &st);
    script("[{\"kind\": \"review_errors\"}, {\"kind\": \"normal\"}]");
    r = llm_plan_spec(c, NULL, "tasks on boards", &st, &spec, &rv);
    is_int(r, 0, "review errors, then fixed in the repair round");
    is_int(n_requests(), 2, "exactly one repair round");
    json_t *b1 = request_body(1);
    json_t *msgs = json_object_get(b1, "messages");
    const char *fix = jsonx_str(json_array_get(msgs, 3), "content");
    const char *prev = jsonx_str(json_array_get(msgs, 2), "content");
    ok(json_array_size(msgs) == 4 && prev && strstr(prev, "strnig"),
       "repair carries the previous reply as the assistant turn");
    ok(fix && strstr(fix, "failed review") && strstr(fix, "$.entities[0]"),
       "repair carries the review errors with their paths");
    json_decref(b1);
    ok(m.n_recs == 2 && strcmp(m.recs[0].outcome, "review_failed") == 0 &&
           strcmp(m.recs[1].outcome, "ok") == 0,
       "records: review_failed then ok");
    is_int(m.puts, 1, "the reply that failed review was not cached");
    json_decref(spec);
    spec = NULL;
    review_clear(&rv);

    script("[{\"kind\": \"review_errors\"}, {\"kind\": \"review_errors\"}]");
    r = llm_plan_spec(c, NULL, "boards again", &st, &spec, &rv);
    is_int(r, -EINVAL, "still failing after the repair: -EINVAL");
    ok(rv.errors.n > 0 && spec == NULL, "with the errors in rv");
    review_clear(&rv);

    script("[{\"kind\": \"content\", \"content\": \"Sorry, I cannot help.\"}, "
           "{\"kind\": \"content\", \"content\": \"Still no.\"}]");
    r = llm_plan_spec(c, NULL, "no json please", &st, &spec, &rv);
    is_int(r, -EINVAL, "no JSON in either reply: -EINVAL");
    ok(rv.errors.n == 1 && strcmp(rv.errors.items[0].path, "$") == 0,
       "error at $ says no JSON object");
    ok(strcmp(last_rec(&m)->outcome, "bad_reply") == 0, "record: bad_reply");
    review_clear(&rv);

    script("[{\"kind\": \"content\", \"content\": \"blah \", \"repeat\": 60000}, "
           "{\"kind\": \"normal\"}]");
    r = llm_plan_spec(c, NULL, "a long-winded model", &st, &spec, &rv);
    is_int(r, 0, "300 KB of prose, then fixed");
    b1 = request_body(1);
    prev = jsonx_str(json_array_get(json_object_get(b1, "messages"), 2), "content");
    ok(prev && strlen(prev) < 200 && strstr(prev, "over the"),
       "a reply past the spec limit is summarized, not echoed back");
    json_decref(b1);
    json_decref(spec);
    spec = NULL;
    review_clear(&rv);

    script("[{\"kind\": \"500\"}, {\"kind\": \"500\"}, {\"kind\": \"500\"}]");
    r = llm_plan_spec(c, NULL, "server down", &st, &spec, &rv);
    is_int(r, -EPROTO, "transport errors pass through");
    ok(!key_in_records(&m), "key in no record");
    ok(!key_outside_authorization(), "key never outside the Authorization header");
    mem_reset(&m, &st);
    llm_client_free(c);
}

static void test_key_file(void)
{
    char path[] = "/tmp/llm-key-XXXXXX";
    int fd = mkstemp(path);
    ok(fd >= 0 && write(fd, "file-key-42\n", 12) == 12, "key file written");
    close(fd);
    struct config *cfg = base_config("fake-model");
    config_set(cfg, "llm_api_key", "");
    config_set(cfg, "llm_api_key_file", path);
    struct llm_client *c = NULL;
    is_int(llm_client_new(cfg, &c), 0, "client with llm_api_key_file");
    config_free(cfg);
    script("[]");
    char *reply = NULL;
    chat(c, NULL, "key from file", NULL, &reply);
    free(reply);
    json_t *all = requests();
    char *dump = jsonx_dump(all);
    ok(dump && strstr(dump, "\"Bearer file-key-42\""), "key from the file, newline stripped");
    free(dump);
    json_decref(all);
    llm_client_free(c);
    unlink(path);
    cfg = base_config("fake-model");
    config_set(cfg, "llm_api_key", "");
    config_set(cfg, "llm_api_key_file", path);
    is_int(llm_client_new(cfg, &c), -ENOKEY, "a missing key file is an error, not offline");
    config_free(cfg);
}

int main(void)
{
    fake_url = getenv("BF_FAKE_URL");
    if (!fake_url) {
        printf("1..0 # SKIP BF_FAKE_URL not set (run through run-llm-client.sh)\n");
        return 0;
    }
    unsetenv("BACKFORGE_LLM_BASE_URL");
    unsetenv("BACKFORGE_LLM_API_KEY");
    unsetenv("BACKFORGE_LLM_MODEL");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    test_config();
    test_normal_and_cache();
    test_retry_after();
    test_server_errors();
    test_timeouts();
    test_structured_fallback();
    test_plan();
    test_key_file();
    curl_global_cleanup();
    return tap_done();
}
