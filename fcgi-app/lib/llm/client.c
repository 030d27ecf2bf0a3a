/* LLM transport: one client per configured OpenAI-compatible endpoint, chat completions
 * over libcurl with timeouts, a response-size cap, retries honouring Retry-After, a
 * response cache keyed by the request hash and one call record per llm_chat.
 *
 * curl_global_init runs once per process, from llm_client_new under pthread_once, so
 * callers need no set-up step; programs that use libcurl elsewhere before any thread is
 * started may call curl_global_init themselves (curl counts the calls). A client is used
 * by one thread at a time (each FastCGI worker owns its own). */
#include "llm/client.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "llm/internal.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define LLM_MAX_MODELS          32
#define LLM_MAX_KEY             4096
#define LLM_DEFAULT_TIMEOUT_MS  60000
#define LLM_DEFAULT_CONNECT_MS  10000
#define LLM_DEFAULT_RETRIES     2
#define LLM_DEFAULT_RA_CAP_MS   30000
#define LLM_DEFAULT_DEADLINE_MS 180000
#define LLM_BACKOFF_BASE_MS     500
#define LLM_BACKOFF_MAX_MS      8000
#define LLM_MIN_ATTEMPT_MS      50

enum llm_structured {
    LLM_STRUCT_AUTO,
    LLM_STRUCT_JSON_SCHEMA,
    LLM_STRUCT_JSON_OBJECT,
    LLM_STRUCT_NONE,
};

struct llm_client {
    char *endpoint;    /* base URL + "/chat/completions" */
    char *auth_header; /* "Authorization: Bearer <key>"; wiped on free; NULL without key */
    char provider[64];
    char *models[LLM_MAX_MODELS]; /* models[0] is the default */
    size_t n_models;
    long timeout_ms, connect_timeout_ms, max_retries, retry_after_cap_ms, deadline_ms;
    double price_in, price_out; /* USD per million tokens */
    enum llm_structured structured;
    bool structured_refused; /* the provider answered 400 to response_format: stop sending it */
    uint64_t rng;            /* xorshift state for backoff jitter */
    CURL *curl;              /* reused so connections are kept alive between calls */
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result;

static void curl_init_once(void)
{
    curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static void wipe_free(char *s)
{
    if (!s)
        return;
    explicit_bzero(s, strlen(s));
    free(s);
}

struct llm_client *llm_client_free(struct llm_client *c)
{
    if (!c)
        return NULL;
    if (c->curl)
        curl_easy_cleanup(c->curl);
    free(c->endpoint);
    wipe_free(c->auth_header);
    for (size_t i = 0; i < c->n_models; i++)
        free(c->models[i]);
    free(c);
    return NULL;
}

/* Names the provider after well-known API hosts, else after the host itself (never the
 * full URL: it may carry credentials). */
static void derive_provider(const char *url, char *out, size_t size)
{
    static const struct {
        const char *host_suffix;
        const char *name;
    } known[] = {
        {"openai.com", "openai"},
        {"googleapis.com", "gemini"},
        {"groq.com", "groq"},
        {"mistral.ai", "mistral"},
        {"openrouter.ai", "openrouter"},
        {"anthropic.com", "anthropic"},
        {"together.xyz", "together"},
        {"deepseek.com", "deepseek"},
    };
    snprintf(out, size, "custom");
    CURLU *u = curl_url();
    if (!u)
        return;
    char *host = NULL, *port = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        size_t hl = strlen(host);
        bool found = false;
        for (size_t i = 0; i < sizeof(known) / sizeof(known[0]) && !found; i++) {
            size_t sl = strlen(known[i].host_suffix);
            if (hl >= sl && strcasecmp(host + hl - sl, known[i].host_suffix) == 0) {
                snprintf(out, size, "%s", known[i].name);
                found = true;
            }
        }
        if (!found && curl_url_get(u, CURLUPART_PORT, &port, 0) == CURLUE_OK &&
            strcmp(port, "11434") == 0) {
            snprintf(out, size, "ollama");
            found = true;
        }
        if (!found)
            snprintf(out, size, "%s", host);
    }
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
}

static int add_model(struct llm_client *c, const char *name, size_t len)
{
    while (len && (*name == ' ' || *name == '\t')) {
        name++;
        len--;
    }
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
        len--;
    if (len == 0)
        return 0;
    if (len > 127)
        return -EINVAL;
    if (len == 7 && memcmp(name, "offline", 7) == 0)
        return -EINVAL; /* the id of the built-in planner in llm_models_json */
    for (size_t i = 0; i < c->n_models; i++)
        if (strlen(c->models[i]) == len && memcmp(c->models[i], name, len) == 0)
            return 0;
    if (c->n_models >= LLM_MAX_MODELS)
        return -E2BIG;
    c->models[c->n_models] = strndup(name, len);
    if (!c->models[c->n_models])
        return -ENOMEM;
    c->n_models++;
    return 0;
}

static double get_price(const struct config *cfg, const char *key)
{
    const char *s = config_get(cfg, key, NULL);
    if (!s)
        return 0;
    char *end;
    double v = strtod(s, &end);
    return end != s && *end == '\0' && v >= 0 && v < 1e6 ? v : 0;
}

/* The key: llm_api_key (environment, BACKFORGE_LLM_API_KEY) wins over llm_api_key_file.
 * Returns 0 with *out NULL when neither is set (local servers need none). */
static int read_key(const struct config *cfg, char **out)
{
    *out = NULL;
    const char *plain = config_get(cfg, "llm_api_key", NULL);
    if (plain && *plain) {
        if (strlen(plain) > LLM_MAX_KEY)
            return -E2BIG;
        *out = strdup(plain);
        return *out ? 0 : -ENOMEM;
    }
    size_t len = 0;
    int r = config_read_secret(cfg, "llm_api_key_file", out, &len);
    if (r == -ENOENT && !config_get(cfg, "llm_api_key_file", NULL))
        return 0;
    if (r < 0) /* a named key file that cannot be read must not look like "no provider" */
        return r == -ENOENT ? -ENOKEY : r;
    if (len == 0 || len > LLM_MAX_KEY || strpbrk(*out, "\r\n")) {
        wipe_free(*out);
        *out = NULL;
        return -EINVAL;
    }
    return 0;
}

int llm_client_new(const struct config *cfg, struct llm_client **out)
{
    *out = NULL;
    const char *base = config_get(cfg, "llm_base_url", NULL);
    if (!base || !*base)
        return -ENOENT;
    if (strncasecmp(base, "http://", 7) != 0 && strncasecmp(base, "https://", 8) != 0)
        return -EINVAL;
    size_t bl = strlen(base);
    if (bl > 2048)
        return -EINVAL;
    while (bl && base[bl - 1] == '/')
        bl--;

    pthread_once(&curl_once, curl_init_once);
    if (curl_init_result != CURLE_OK)
        return -ENOMEM;

    struct llm_client *c = calloc(1, sizeof(*c));
    if (!c)
        return -ENOMEM;
    int r = -ENOMEM;
    if (asprintf(&c->endpoint, "%.*s/chat/completions", (int)bl, base) < 0) {
        c->endpoint = NULL;
        goto fail;
    }
    char *key = NULL;
    r = read_key(cfg, &key);
    if (r < 0)
        goto fail;
    if (key) {
        int n = asprintf(&c->auth_header, "Authorization: Bearer %s", key);
        wipe_free(key);
        if (n < 0) {
            c->auth_header = NULL;
            r = -ENOMEM;
            goto fail;
        }
    }

    const char *provider = config_get(cfg, "llm_provider", NULL);
    if (provider && *provider)
        snprintf(c->provider, sizeof(c->provider), "%s", provider);
    else
        derive_provider(base, c->provider, sizeof(c->provider));

    /* llm_model is the default; without it the first of llm_models is */
    const char *model = config_get(cfg, "llm_model", "");
    r = add_model(c, model, strlen(model));
    const char *extra = config_get(cfg, "llm_models", "");
    while (r == 0 && *extra) {
        size_t n = strcspn(extra, ",");
        r = add_model(c, extra, n);
        extra += n + (extra[n] == ',');
    }
    if (r == 0 && c->n_models == 0)
        r = -EINVAL; /* a provider without a model cannot be asked anything */
    if (r < 0)
        goto fail;

    c->timeout_ms = config_get_long(cfg, "llm_timeout_ms", LLM_DEFAULT_TIMEOUT_MS, 100, 600000);
    c->connect_timeout_ms =
        config_get_long(cfg, "llm_connect_timeout_ms", LLM_DEFAULT_CONNECT_MS, 50, 60000);
    c->max_retries = config_get_long(cfg, "llm_max_retries", LLM_DEFAULT_RETRIES, 0, 10);
    c->retry_after_cap_ms =
        config_get_long(cfg, "llm_retry_after_max_ms", LLM_DEFAULT_RA_CAP_MS, 0, 600000);
    c->deadline_ms =
        config_get_long(cfg, "llm_deadline_ms", LLM_DEFAULT_DEADLINE_MS, 100, 3600000);
    c->price_in = get_price(cfg, "llm_price_in");
    c->price_out = get_price(cfg, "llm_price_out");

    const char *st = config_get(cfg, "llm_structured", "auto");
    if (strcmp(st, "auto") == 0)
        c->structured = LLM_STRUCT_AUTO;
    else if (strcmp(st, "json_schema") == 0)
        c->structured = LLM_STRUCT_JSON_SCHEMA;
    else if (strcmp(st, "json_object") == 0)
        c->structured = LLM_STRUCT_JSON_OBJECT;
    else if (strcmp(st, "none") == 0)
        c->structured = LLM_STRUCT_NONE;
    else {
        r = -EINVAL;
        goto fail;
    }

    c->rng = (uint64_t)now_ms() * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid() ^ (uintptr_t)c;
    if (!c->rng)
        c->rng = 1;
    c->curl = curl_easy_init();
    if (!c->curl) {
        r = -ENOMEM;
        goto fail;
    }
    *out = c;
    return 0;
fail:
    llm_client_free(c);
    return r;
}

json_t *llm_models_json(const struct config *cfg, const struct llm_client *c)
{
    (void)cfg; /* the models come from the client, which read them from cfg */
    json_t *arr = json_array();
    json_t *off = json_pack("{s:s, s:s, s:s, s:b}", "id", "offline", "provider", "builtin", "name",
                            "Offline planner", "default", c == NULL);
    if (!arr || !off || json_array_append_new(arr, off) < 0) {
        json_decref(arr);
        return NULL;
    }
    for (size_t i = 0; c && i < c->n_models; i++) {
        json_t *m = json_pack("{s:s, s:s, s:s, s:b}", "id", c->models[i], "provider", c->provider,
                              "name", c->models[i], "default", i == 0);
        if (!m || json_array_append_new(arr, m) < 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* ---- one HTTP attempt ---- */

struct attempt {
    struct buf body;
    bool too_large;
    long retry_after_ms; /* -1 when the answer had none */
};

static size_t on_write(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct attempt *a = userdata;
    size_t n = size * nmemb;
    int r = buf_append(&a->body, ptr, n);
    if (r == -E2BIG)
        a->too_large = true;
    return r < 0 ? 0 : n; /* a short count makes curl abort with CURLE_WRITE_ERROR */
}

static long parse_retry_after(const char *v, size_t len, bool millis)
{
    char tmp[128];
    while (len && (*v == ' ' || *v == '\t')) {
        v++;
        len--;
    }
    while (len && (v[len - 1] == '\r' || v[len - 1] == '\n' || v[len - 1] == ' '))
        len--;
    if (len == 0 || len >= sizeof(tmp))
        return -1;
    memcpy(tmp, v, len);
    tmp[len] = '\0';
    char *end;
    double d = strtod(tmp, &end);
    if (end != tmp && *end == '\0') {
        if (d < 0)
            return -1;
        d = millis ? d : d * 1000;
        return d > 86400000.0 ? 86400000 : (long)d;
    }
    if (millis)
        return -1;
    time_t when = curl_getdate(tmp, NULL); /* the HTTP-date form */
    if (when == -1)
        return -1;
    time_t now = time(NULL);
    return when <= now ? 0 : (when - now > 86400 ? 86400000 : (long)(when - now) * 1000);
}

static size_t on_header(char *ptr, size_t size, size_t nitems, void *userdata)
{
    struct attempt *a = userdata;
    size_t n = size * nitems;
    static const char ra[] = "retry-after:", ra_ms[] = "retry-after-ms:";
    if (n > sizeof(ra_ms) - 1 && strncasecmp(ptr, ra_ms, sizeof(ra_ms) - 1) == 0) {
        /* OpenAI's millisecond form is more precise; it wins over the seconds form */
        long v = parse_retry_after(ptr + sizeof(ra_ms) - 1, n - (sizeof(ra_ms) - 1), true);
        if (v >= 0)
            a->retry_after_ms = v;
    } else if (n > sizeof(ra) - 1 && strncasecmp(ptr, ra, sizeof(ra) - 1) == 0 &&
               a->retry_after_ms < 0) {
        a->retry_after_ms = parse_retry_after(ptr + sizeof(ra) - 1, n - (sizeof(ra) - 1), false);
    }
    return n;
}

static int perform(struct llm_client *c, const char *body, long timeout_ms, struct attempt *a,
                   long *http_status, CURLcode *cc)
{
    CURL *h = c->curl;
    curl_easy_reset(h);
    struct curl_slist *hdrs = NULL, *t;
    t = curl_slist_append(hdrs, "Content-Type: application/json");
    if (t)
        hdrs = t;
    t = t ? curl_slist_append(hdrs, "Accept: application/json") : NULL;
    if (t)
        hdrs = t;
    t = t ? curl_slist_append(hdrs, "Expect:") : NULL; /* no 100-continue round trip */
    if (t)
        hdrs = t;
    if (t && c->auth_header)
        t = curl_slist_append(hdrs, c->auth_header);
    if (!t) {
        curl_slist_free_all(hdrs);
        return -ENOMEM;
    }
    hdrs = t;

    curl_easy_setopt(h, CURLOPT_URL, c->endpoint);
#if CURL_AT_LEAST_VERSION(7, 85, 0)
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     c->connect_timeout_ms < timeout_ms ? c->connect_timeout_ms : timeout_ms);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    curl_easy_setopt(h, CURLOPT_USERAGENT, "backforge/" PACKAGE_VERSION);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)LLM_MAX_RESPONSE);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, a);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* the cap applies after decoding */

    *cc = curl_easy_perform(h);
    *http_status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, http_status);
    /* the header list holds the key: wipe it before freeing */
    for (struct curl_slist *s = hdrs; s; s = s->next)
        explicit_bzero(s->data, strlen(s->data));
    curl_slist_free_all(hdrs);
    return 0;
}

/* ---- request and reply bodies ---- */

static json_t *build_request(const struct llm_client *c, const char *model, const json_t *messages,
                             const json_t *schema, bool structured)
{
    json_t *msgs = json_deep_copy(messages);
    json_t *req = json_pack("{s:s, s:o, s:i}", "model", model, "messages", msgs, "temperature", 0);
    if (!req)
        return NULL;
    enum llm_structured mode = c->structured;
    if (!structured || mode == LLM_STRUCT_NONE)
        return req;
    json_t *rf = NULL;
    /* The schema's name: its "title" when that is a valid name (the fix round's
     * "fix_patch"; the BackendSpec's "BackendSpec v1" is not), else backend_spec. */
    const char *name = json_string_value(json_object_get(schema, "title"));
    if (name && (strlen(name) > 64 || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                                   "QRSTUVWXYZ0123456789_-") != strlen(name)))
        name = NULL;
    if (schema && (mode == LLM_STRUCT_AUTO || mode == LLM_STRUCT_JSON_SCHEMA))
        rf = json_pack("{s:s, s:{s:s, s:O, s:b}}", "type", "json_schema", "json_schema", "name",
                       name ? name : "backend_spec", "schema", schema, "strict", 0);
    else if (schema || mode == LLM_STRUCT_JSON_OBJECT)
        rf = json_pack("{s:s}", "type", "json_object");
    else
        return req; /* nothing to ask for */
    if (rf && json_object_set_new(req, "response_format", rf) == 0)
        return req;
    json_decref(req);
    return NULL;
}

static void sha256_hex(const char *s, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    out[0] = '\0';
    if (!EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
        return;
    for (unsigned i = 0; i < mdlen; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* The assistant text: choices[0].message.content, a string or a list of text parts. */
static int parse_reply(const char *body, size_t len, char **text_out, long *pt, long *ct)
{
    json_t *doc = NULL;
    char err[128];
    if (jsonx_parse(body, len, LLM_MAX_RESPONSE, JSONX_DEFAULT_MAX_DEPTH, &doc, err, sizeof(err)) <
        0)
        return -EPROTO;
    int r = -EPROTO;
    json_t *usage = json_object_get(doc, "usage");
    json_t *v = json_object_get(usage, "prompt_tokens");
    *pt = json_is_integer(v) && json_integer_value(v) >= 0 ? (long)json_integer_value(v) : 0;
    v = json_object_get(usage, "completion_tokens");
    *ct = json_is_integer(v) && json_integer_value(v) >= 0 ? (long)json_integer_value(v) : 0;

    json_t *choice = json_array_get(json_object_get(doc, "choices"), 0);
    json_t *content = json_object_get(json_object_get(choice, "message"), "content");
    if (json_is_string(content)) {
        *text_out = strndup(json_string_value(content), json_string_length(content));
        r = *text_out ? 0 : -ENOMEM;
    } else if (json_is_array(content)) {
        struct buf b;
        buf_init(&b, LLM_MAX_RESPONSE);
        size_t i;
        json_t *part;
        r = 0;
        json_array_foreach(content, i, part)
        {
            const char *t = jsonx_str(part, "text");
            if (t && r == 0)
                r = buf_puts(&b, t);
        }
        if (r == 0 && b.len == 0)
            r = -EPROTO;
        if (r == 0) {
            *text_out = buf_steal(&b, NULL);
            r = *text_out ? 0 : -ENOMEM;
        }
        buf_clear(&b);
    }
    if (r == 0 && **text_out == '\0') {
        free(*text_out);
        *text_out = NULL;
        r = -EPROTO; /* an empty answer is no answer */
    }
    json_decref(doc);
    return r;
}

/* A 400 that names response_format (or json_schema) means the provider lacks structured
 * output; anything else is a genuine bad request. */
static bool refuses_structured(const char *body)
{
    return body && (strstr(body, "response_format") || strstr(body, "json_schema"));
}

static long backoff_ms(struct llm_client *c, long attempt)
{
    long base = LLM_BACKOFF_BASE_MS << (attempt < 5 ? attempt : 5);
    if (base > LLM_BACKOFF_MAX_MS)
        base = LLM_BACKOFF_MAX_MS;
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    /* full jitter in [base/2, base*3/2): spreads workers that failed together */
    return base / 2 + (long)(c->rng % (uint64_t)(base > 0 ? base : 1));
}

bool llm_model_known(const struct llm_client *c, const char *model)
{
    for (size_t i = 0; i < c->n_models; i++)
        if (strcmp(c->models[i], model) == 0)
            return true;
    return false;
}

static void record(const struct llm_store *store, struct llm_call_record *rec)
{
    if (store && store->record)
        (void)store->record(store->ctx, rec); /* bookkeeping must not fail the call */
}

/* The store's cached reply for the request, when it has one that passes check. */
static char *cached_reply(const struct llm_store *store, const char *request_hash,
                          llm_reply_check_fn check, void *check_ctx)
{
    char *reply = NULL;
    const char *unused_outcome = NULL;
    if (!store || !store->cache_get || !request_hash[0] ||
        store->cache_get(store->ctx, request_hash, &reply) != 0 || !reply)
        return NULL;
    if (!check || check(check_ctx, reply, &unused_outcome) == 0)
        return reply;
    free(reply);
    return NULL;
}

/* What one attempt's answer means. */
enum attempt_verdict {
    ATTEMPT_DONE,        /* r says how it went; no retry */
    ATTEMPT_RETRY,       /* a transient failure: worth another attempt */
    ATTEMPT_UNSTRUCTURED /* the provider refuses response_format: send again without it */
};

/* Reads a finished attempt into r, rec and (on a good reply) *reply. */
static enum attempt_verdict judge_attempt(const struct llm_client *c, const struct attempt *a,
                                          long status, CURLcode cc, bool structured, int *r,
                                          struct llm_call_record *rec, char **reply)
{
    rec->http_status = (int)status;
    if (a->too_large || cc == CURLE_FILESIZE_EXCEEDED) {
        *r = -E2BIG;
        rec->outcome = "too_large";
        return ATTEMPT_DONE;
    }
    if (cc == CURLE_OPERATION_TIMEDOUT) {
        *r = -ETIMEDOUT;
        rec->outcome = "timeout";
        return ATTEMPT_RETRY;
    }
    if (cc != CURLE_OK) {
        *r = cc == CURLE_COULDNT_CONNECT ? -ECONNREFUSED
             : cc == CURLE_COULDNT_RESOLVE_HOST || cc == CURLE_COULDNT_RESOLVE_PROXY
                 ? -EHOSTUNREACH
                 : -EPROTO;
        rec->outcome = "transport_error";
        return cc != CURLE_UNSUPPORTED_PROTOCOL && cc != CURLE_URL_MALFORMAT ? ATTEMPT_RETRY
                                                                             : ATTEMPT_DONE;
    }
    if (status >= 200 && status < 300) {
        long pt = 0, ct = 0;
        *r = parse_reply(a->body.data ? a->body.data : "", a->body.len, reply, &pt, &ct);
        rec->prompt_tokens += pt;
        rec->completion_tokens += ct;
        rec->outcome = *r == 0 ? "ok" : "bad_reply";
        return ATTEMPT_DONE;
    }
    if (status == 400 && structured && c->structured == LLM_STRUCT_AUTO &&
        refuses_structured(a->body.data))
        return ATTEMPT_UNSTRUCTURED;
    *r = -EPROTO;
    rec->outcome = "http_error";
    return status == 429 || status == 408 || status >= 500 ? ATTEMPT_RETRY : ATTEMPT_DONE;
}

/* How long to wait before the next attempt: the server's Retry-After (capped), else the
 * jittered backoff. */
static long retry_wait_ms(struct llm_client *c, const struct attempt *a, long attempt)
{
    if (a->retry_after_ms < 0)
        return backoff_ms(c, attempt);
    return a->retry_after_ms < c->retry_after_cap_ms ? a->retry_after_ms : c->retry_after_cap_ms;
}

/* The request body for the client's current structured-output setting; NULL on ENOMEM. */
static char *request_body(const struct llm_client *c, const char *model, const json_t *messages,
                          const json_t *response_schema, bool structured)
{
    json_t *req = build_request(c, model, messages, response_schema, structured);
    char *body = req ? jsonx_dump(req) : NULL;
    json_decref(req);
    return body;
}

/* The attempts, with retries and the structured-output fallback, until a reply, a final
 * failure or the deadline. *body_owned may be replaced (the fallback's body). */
static int attempt_until_done(struct llm_client *c, const char *model, const json_t *messages,
                              const json_t *response_schema, long deadline, char **body_owned,
                              struct llm_call_record *rec, char **reply)
{
    int r = -EPROTO;
    bool structured = !c->structured_refused;
    struct attempt a;
    buf_init(&a.body, LLM_MAX_RESPONSE);
    for (long attempt = 0;; attempt++) {
        long remaining = deadline - now_ms();
        if (remaining < LLM_MIN_ATTEMPT_MS) {
            if (attempt == 0) {
                r = -ETIMEDOUT;
                rec->outcome = "timeout";
            }
            break;
        }
        buf_clear(&a.body);
        a.too_large = false;
        a.retry_after_ms = -1;
        long status = 0;
        CURLcode cc = CURLE_OK;
        r = perform(c, *body_owned, remaining < c->timeout_ms ? remaining : c->timeout_ms, &a,
                    &status, &cc);
        if (r < 0) {
            rec->outcome = "transport_error";
            break;
        }
        enum attempt_verdict v = judge_attempt(c, &a, status, cc, structured, &r, rec, reply);
        if (v == ATTEMPT_UNSTRUCTURED) {
            /* once per client: later calls go without response_format at once */
            c->structured_refused = true;
            structured = false;
            free(*body_owned);
            *body_owned = request_body(c, model, messages, response_schema, false);
            if (!*body_owned) {
                r = -ENOMEM;
                rec->outcome = "transport_error";
                break;
            }
            attempt--; /* the fallback is not a retry */
            continue;
        }
        if (v != ATTEMPT_RETRY || attempt >= c->max_retries)
            break;
        long wait = retry_wait_ms(c, &a, attempt);
        if (now_ms() + wait + LLM_MIN_ATTEMPT_MS > deadline)
            break; /* the server's wait does not fit in what is left: report what we have */
        sleep_ms(wait);
    }
    buf_clear(&a.body);
    return r;
}

int llm_chat_checked(struct llm_client *c, const char *model, const json_t *messages,
                     const json_t *response_schema, const struct llm_store *store,
                     llm_reply_check_fn check, void *check_ctx, char **reply_out)
{
    *reply_out = NULL;
    if (!c)
        return -ENOENT;
    if (!model || !*model)
        model = c->models[0];
    if (!llm_model_known(c, model) || !json_is_array(messages) || json_array_size(messages) == 0)
        return -EINVAL;

    long start = now_ms();
    struct llm_call_record rec = {.outcome = "ok"};
    snprintf(rec.provider, sizeof(rec.provider), "%s", c->provider);
    snprintf(rec.model, sizeof(rec.model), "%s", model);
    char *body = request_body(c, model, messages, response_schema, !c->structured_refused);
    if (!body)
        return -ENOMEM;
    /* The key is a header, never part of the body, so the hash cannot leak it. The hash is
     * of the request as first built, so a later structured-output fallback still hits. */
    sha256_hex(body, rec.request_hash);

    char *reply = cached_reply(store, rec.request_hash, check, check_ctx);
    if (reply) {
        rec.cached = true;
        rec.outcome = "cached";
        rec.latency_ms = now_ms() - start;
        record(store, &rec);
        free(body);
        *reply_out = reply;
        return 0;
    }
    int r = attempt_until_done(c, model, messages, response_schema, start + c->deadline_ms, &body,
                               &rec, &reply);
    free(body);

    rec.latency_ms = now_ms() - start;
    rec.cost_usd =
        ((double)rec.prompt_tokens * c->price_in + (double)rec.completion_tokens * c->price_out) /
        1e6;
    if (r == 0) {
        const char *check_outcome = NULL;
        int verdict = check ? check(check_ctx, reply, &check_outcome) : 0;
        if (verdict == 0 && store && store->cache_put && rec.request_hash[0])
            (void)store->cache_put(store->ctx, rec.request_hash, reply);
        else if (verdict != 0)
            rec.outcome = check_outcome ? check_outcome : "bad_reply";
        *reply_out = reply;
    }
    record(store, &rec);
    return r;
}

int llm_chat(struct llm_client *c, const char *model, const json_t *messages,
             const json_t *response_schema, const struct llm_store *store, char **reply_out)
{
    return llm_chat_checked(c, model, messages, response_schema, store, NULL, NULL, reply_out);
}
