/* Handlers for /api/auth and the bearer-token gate of protected routes (see
 * auth_handlers.h). Passwords go through password.c, tokens through token.c, brute-force
 * counting through throttle.c, and every outcome into audit_log through audit.c. */
#include "auth_handlers.h"
#include "respond.h"
#include "form.h"

#include "platform/audit.h"
#include "core/config.h"
#include "platform/db.h"
#include "core/id_cache.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "platform/password.h"
#include "core/problems.h"
#include "platform/throttle.h"
#include "platform/token.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct auth_state {
    struct password_hasher hasher;
    struct token_signer *signer;
    struct throttle_limits limits;
    /* GET /api/auth/me answers from here when it can: user id -> the user's JSON. Kept
     * honest by the users_changed trigger (sql/004), which NOTIFYs USERS_CHANNEL with the
     * id of every user row updated or deleted ('*' for a TRUNCATE), and emptied whenever
     * the connection that LISTENs is new (what was announced meanwhile is lost). */
    struct id_cache *users;
    unsigned long users_connection; /* db_connection_serial the cache is good for */
};

#define USERS_CHANNEL "backforge_users"
/* About 100 bytes each: at most a few hundred KiB per worker. */
#define USERS_CACHE_DEFAULT 4096

/* ISO 8601 in UTC, the one timestamp format of the API. */
#define SQL_CREATED_AT "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static void on_users_changed(void *userdata, const char *payload)
{
    struct auth_state *st = userdata;
    char *end;
    errno = 0;
    long long id = strtoll(payload, &end, 10);
    if (payload[0] && !*end && errno == 0)
        id_cache_forget(st->users, id);
    else
        id_cache_clear(st->users);
}

static void auth_state_free(struct auth_state *st)
{
    token_signer_free(st->signer);
    id_cache_free(st->users);
    explicit_bzero(st, sizeof(*st));
    free(st);
}

int auth_module_init(struct app *app)
{
    struct auth_state *st = calloc(1, sizeof(*st));
    if (!st)
        return -ENOMEM;
    long cache_size =
        config_get_long(app->config, "users_cache_entries", USERS_CACHE_DEFAULT, 0, 1 << 20);
    if (cache_size > 0) {
        st->users = id_cache_new((size_t)cache_size);
        int r = st->users ? db_listen(app->db, USERS_CHANNEL, on_users_changed, st) : -ENOMEM;
        if (r < 0) {
            log_error("-", "auth: cannot set up the users cache: %s", strerror(-r));
            auth_state_free(st);
            return r;
        }
    }
    int r = token_signer_from_config(app->config, &st->signer);
    if (r < 0) {
        log_error("-", "auth: cannot load the token key (jwt_key_file): %s%s", strerror(-r),
                  r == -EINVAL ? " (it must hold at least 32 bytes)" : "");
        auth_state_free(st);
        return r;
    }
    struct password_params params;
    password_params_from_config(app->config, &params);
    r = password_hasher_init(&st->hasher, &params);
    if (r < 0) {
        log_error("-", "auth: cannot set up Argon2id (m=%u KiB, t=%u, p=%u): %s",
                  params.memory_kib, params.iterations, params.parallelism, strerror(-r));
        auth_state_free(st);
        return r;
    }
    throttle_limits_from_config(app->config, &st->limits);
    app->auth = st;
    app->authenticate = auth_require_user;
    return 0;
}

void auth_module_done(struct app *app)
{
    struct auth_state *st = app->auth;
    if (!st)
        return;
    auth_state_free(st);
    app->auth = NULL;
    app->authenticate = NULL;
}

static const char EMAIL_LOCAL_EXTRA[] = "!#$%&'*+/=?^_`{|}~.-";

static bool domain_ok(const char *d, size_t len)
{
    size_t labels = 0, label_len = 0;
    bool all_digits = true;
    for (size_t i = 0; i <= len; i++) {
        char c = i < len ? d[i] : '.';
        if (c == '.') {
            if (label_len == 0 || label_len > 63 || d[i - 1] == '-')
                return false;
            labels++;
            if (i < len) {
                label_len = 0;
                all_digits = true;
            }
            continue;
        }
        if (!(isalnum((unsigned char)c) || c == '-') || (label_len == 0 && c == '-'))
            return false;
        if (!isdigit((unsigned char)c))
            all_digits = false;
        label_len++;
    }
    return labels >= 2 && !all_digits;
}

int auth_normalize_email(const char *in, size_t len, char *out, size_t size, const char **reason)
{
    static const char *const bad = "is not a valid email address";
    *reason = NULL;
    while (len > 0 && (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n')) {
        in++;
        len--;
    }
    while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t' || in[len - 1] == '\r' ||
                       in[len - 1] == '\n'))
        len--;
    if (len == 0) {
        *reason = "is required";
        return -EINVAL;
    }
    if (len > AUTH_EMAIL_MAX || size < len + 1) {
        *reason = "must be at most 254 characters";
        return -EINVAL;
    }
    const char *at = memchr(in, '@', len);
    if (!at || memchr(at + 1, '@', len - (size_t)(at + 1 - in))) {
        *reason = "must contain exactly one @";
        return -EINVAL;
    }
    size_t local_len = (size_t)(at - in), domain_len = len - local_len - 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c <= 0x20 || c >= 0x7f) {
            *reason = "must not contain spaces, control or non-ASCII characters";
            return -EINVAL;
        }
        out[i] = (char)tolower(c);
    }
    out[len] = '\0';
    if (local_len == 0 || local_len > 64 || in[0] == '.' || in[local_len - 1] == '.') {
        *reason = bad;
        return -EINVAL;
    }
    for (size_t i = 0; i < local_len; i++) {
        if (!isalnum((unsigned char)in[i]) && !strchr(EMAIL_LOCAL_EXTRA, in[i])) {
            *reason = bad;
            return -EINVAL;
        }
        if (in[i] == '.' && in[i + 1] == '.') {
            *reason = bad;
            return -EINVAL;
        }
    }
    if (!domain_ok(out + local_len + 1, domain_len)) {
        *reason = "must have a valid domain";
        return -EINVAL;
    }
    return 0;
}

/* Reads a string member for validation: NULL with a problem when missing or not a string. */
static const char *body_string(const json_t *body, const char *key, size_t *len,
                               struct problems *p)
{
    const json_t *v = json_object_get(body, key);
    if (!v || json_is_null(v)) {
        problems_add(p, key[0] == 'e' ? "$.email" : "$.password", "is required");
        return NULL;
    }
    if (!json_is_string(v)) {
        problems_add(p, key[0] == 'e' ? "$.email" : "$.password", "must be a string");
        return NULL;
    }
    *len = json_string_length(v);
    return json_string_value(v);
}

static int respond_problems(struct request *r, struct problems *p)
{
    json_t *details = problems_to_json(p);
    problems_clear(p);
    return respond_error(r, 422, "validation_failed", "Some fields are not valid.", details);
}

struct register_tx {
    struct request *r;
    const char *email;
    const char *hash;
    json_t *user; /* out: the new user as the API shows it */
};

static int register_in_tx(struct db *db, void *userdata)
{
    struct register_tx *tx = userdata;
    const char *params[] = {tx->email, tx->hash};
    PGresult *res = NULL;
    int rc = db_query(db, tx->r->arena,
                      "INSERT INTO users (email, password_hash) VALUES ($1, $2)"
                      " RETURNING id, email, " SQL_CREATED_AT,
                      2, params, &res);
    if (rc < 0)
        return rc;
    if (db_rows(res) != 1 || !db_value(res, 0, 0))
        return -EIO;
    const char *id = db_value(res, 0, 0);
    tx->user = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)strtoll(id, NULL, 10), "email",
                         db_value(res, 0, 1), "created_at", db_value(res, 0, 2));
    if (!tx->user)
        return -ENOMEM;
    tx->r->user_id = arena_strdup(tx->r->arena, id);
    char target[40];
    snprintf(target, sizeof(target), "user:%s", id);
    json_t *details = json_pack("{s:s}", "email", tx->email);
    rc = details ? request_audit(tx->r, "auth.register", target, details) : -ENOMEM;
    json_decref(details);
    return rc;
}

int auth_register(struct request *r)
{
    struct auth_state *st = r->app->auth;
    json_t *body = NULL;
    int rc = request_json_body(r, &body);
    if (rc < 0)
        return rc;
    struct problems p;
    problems_init(&p, 8);
    if (!json_is_object(body)) {
        problems_add(&p, "$", "must be a JSON object with email and password");
        return respond_problems(r, &p);
    }
    size_t email_len = 0, pw_len = 0;
    const char *email_in = body_string(body, "email", &email_len, &p);
    const char *pw = body_string(body, "password", &pw_len, &p);
    char email[AUTH_EMAIL_MAX + 1];
    const char *why = NULL;
    if (email_in && auth_normalize_email(email_in, email_len, email, sizeof(email), &why) < 0)
        problems_add(&p, "$.email", "%s", why);
    if (pw && password_check_policy(pw, pw_len, &why) < 0)
        problems_add(&p, "$.password", "%s", why);
    if (p.n > 0)
        return respond_problems(r, &p);
    problems_clear(&p);

    char hash[PASSWORD_ENCODED_MAX];
    rc = password_hash(&st->hasher, pw, pw_len, hash);
    if (rc < 0) {
        log_error(r->id, "register: hashing failed: %s", strerror(-rc));
        return rc == -EINVAL ? -EIO : rc;
    }
    struct register_tx tx = {.r = r, .email = email, .hash = hash};
    rc = db_transaction(r->app->db, register_in_tx, &tx, false);
    explicit_bzero(hash, sizeof(hash));
    if (rc == -EEXIST) {
        json_decref(tx.user);
        return respond_error(r, 409, "conflict", "An account with this email already exists.",
                             NULL);
    }
    if (rc < 0) {
        json_decref(tx.user);
        log_error(r->id, "register: %s (db: %s)", strerror(-rc), db_last_error(r->app->db));
        return respond_errno(r, rc, NULL);
    }
    log_info(r->id, "registered user %s", r->user_id ? r->user_id : "?");
    return respond_json(r, 201, tx.user);
}

static bool is_form(const struct request *r)
{
    const char *ct = request_header(r, "Content-Type");
    static const char form[] = "application/x-www-form-urlencoded";
    return ct && strncasecmp(ct, form, sizeof(form) - 1) == 0 &&
           (ct[sizeof(form) - 1] == '\0' || ct[sizeof(form) - 1] == ';' ||
            ct[sizeof(form) - 1] == ' ');
}

/* Audits a failed login (the throttle counted it when the attempt began) and answers the
 * one 401 that wrong passwords and unknown emails share. */
static int login_failed(struct request *r, const char *email_key, const char *reason)
{
    json_t *details = json_pack("{s:s,s:s}", "email", email_key, "reason", reason);
    int rc = details ? request_audit(r, "auth.login_failed", NULL, details) : -ENOMEM;
    json_decref(details);
    if (rc < 0)
        return rc;
    log_info(r->id, "login failed (%s) from %s", reason, r->remote_addr);
    respond_header(r, "WWW-Authenticate", "Bearer");
    return respond_error(r, 401, "invalid_credentials", "Incorrect email or password.", NULL);
}

int auth_login(struct request *r)
{
    struct auth_state *st = r->app->auth;
    const char *email_in = NULL, *pw = NULL;
    size_t email_len = 0, pw_len = 0;
    struct problems p;
    problems_init(&p, 8);
    int rc;
    if (is_form(r)) {
        struct form *f = NULL;
        rc = request_form_body(r, &f);
        if (rc < 0)
            return rc;
        const char *grant = form_get(f, "grant_type");
        if (grant && strcmp(grant, "password") != 0)
            return respond_error(r, 400, "unsupported_grant_type",
                                 "Only grant_type=password is supported.", NULL);
        email_in = form_get(f, "username");
        pw = form_get(f, "password");
        if (!email_in)
            problems_add(&p, "$.username", "is required");
        if (!pw)
            problems_add(&p, "$.password", "is required");
        email_len = email_in ? strlen(email_in) : 0;
        pw_len = pw ? strlen(pw) : 0;
    } else {
        json_t *body = NULL;
        rc = request_json_body(r, &body);
        if (rc < 0)
            return rc;
        if (!json_is_object(body)) {
            problems_add(&p, "$", "must be a JSON object with email and password");
            return respond_problems(r, &p);
        }
        email_in = body_string(body, "email", &email_len, &p);
        pw = body_string(body, "password", &pw_len, &p);
    }
    if (p.n > 0)
        return respond_problems(r, &p);
    problems_clear(&p);

    /* An address that cannot be valid cannot have an account: it takes the unknown-email
     * path, and its failures share one throttle key (its bytes may not even be UTF-8). */
    char email[AUTH_EMAIL_MAX + 1];
    const char *why = NULL;
    bool valid = auth_normalize_email(email_in, email_len, email, sizeof(email), &why) == 0;
    const char *key = valid ? email : "(invalid)";

    /* Checked and counted as a failure in one atomic step, before the password is
     * verified: parallel guesses on several workers cannot slip past the limit. */
    long retry_after = 0;
    struct throttle_attempt attempt;
    rc = throttle_attempt_begin(r->app->db, &st->limits, key, r->remote_addr, &retry_after,
                                &attempt);
    if (rc == -EBUSY) {
        json_t *details = json_pack("{s:s,s:s}", "email", key, "reason", "rate_limited");
        int arc = details ? request_audit(r, "auth.login_failed", NULL, details) : -ENOMEM;
        json_decref(details);
        if (arc < 0)
            return arc;
        char ra[24];
        snprintf(ra, sizeof(ra), "%ld", retry_after);
        respond_header(r, "Retry-After", ra);
        log_warn(r->id, "login throttled for %ld s from %s", retry_after, r->remote_addr);
        return respond_error(r, 429, "rate_limited", "Too many failed logins. Try again later.",
                             NULL);
    }
    if (rc < 0)
        return rc;

    const char *user_id = NULL, *stored = NULL;
    if (valid) {
        const char *params[] = {email};
        PGresult *res = NULL;
        rc = db_query(r->app->db, r->arena, "SELECT id, password_hash FROM users WHERE email = $1",
                      1, params, &res);
        if (rc < 0)
            return rc;
        if (db_rows(res) == 1) {
            user_id = db_value(res, 0, 0);
            stored = db_value(res, 0, 1);
        }
    }
    rc = stored ? password_verify(stored, pw, pw_len)
                : password_verify_dummy(&st->hasher, pw, pw_len);
    if (rc == -ENOMEM)
        return rc;
    if (rc == -EINVAL)
        log_error(r->id, "login: stored hash of user %s is malformed", user_id);
    if (rc < 0)
        return login_failed(r, key, stored ? "wrong_password" : "unknown_email");

    r->user_id = user_id;
    rc = throttle_attempt_succeeded(r->app->db, email, &attempt);
    if (rc < 0)
        return rc;
    if (password_needs_rehash(&st->hasher, stored)) {
        /* Parameters were raised since this hash was made: store a fresh one now that
         * the plain password is at hand. A failure here costs nothing but the upgrade. */
        char fresh[PASSWORD_ENCODED_MAX];
        if (password_hash(&st->hasher, pw, pw_len, fresh) == 0) {
            const char *params[] = {fresh, user_id};
            if (db_exec(r->app->db,
                        "UPDATE users SET password_hash = $1, updated_at = now() WHERE id = $2", 2,
                        params) < 0)
                log_warn(r->id, "login: rehash of user %s not stored", user_id);
        }
        explicit_bzero(fresh, sizeof(fresh));
    }
    char target[40];
    snprintf(target, sizeof(target), "user:%s", user_id);
    rc = request_audit(r, "auth.login", target, NULL);
    if (rc < 0)
        return rc;

    char *token = NULL;
    rc = token_issue(st->signer, strtoll(user_id, NULL, 10), time(NULL), &token);
    if (rc < 0) {
        log_error(r->id, "login: cannot issue a token: %s", strerror(-rc));
        return rc == -EINVAL ? -EIO : rc;
    }
    json_t *out = json_pack("{s:s,s:s,s:I}", "access_token", token, "token_type", "bearer",
                            "expires_in", (json_int_t)token_signer_ttl(st->signer));
    explicit_bzero(token, strlen(token));
    free(token);
    log_info(r->id, "login user %s", user_id);
    return respond_json(r, 200, out);
}

static int unauthorized(struct request *r, bool token_given, const char *message)
{
    respond_header(r, "WWW-Authenticate",
                   token_given ? "Bearer error=\"invalid_token\"" : "Bearer");
    respond_error(r, 401, "unauthorized", message, NULL);
    return -EACCES;
}

int auth_require_user(struct request *r)
{
    struct auth_state *st = r->app->auth;
    const char *h = request_header(r, "Authorization");
    if (!h || !h[0])
        return unauthorized(r, false, "Sign in to use this endpoint.");
    if (strncasecmp(h, "Bearer ", 7) != 0)
        return unauthorized(r, false, "Use an Authorization: Bearer token.");
    const char *tok = h + 7;
    while (*tok == ' ')
        tok++;
    size_t len = strlen(tok);
    while (len > 0 && tok[len - 1] == ' ')
        len--;
    long long id = 0;
    int rc = token_verify(st->signer, tok, len, time(NULL), &id);
    if (rc < 0) {
        log_info(r->id, "bearer token refused: %s", token_strerror(rc));
        return unauthorized(r, true, "The access token is invalid or expired.");
    }
    char *text = arena_printf(r->arena, "%lld", id);
    if (!text)
        return -ENOMEM;
    r->user_id = text;
    r->user_id_number = id;
    return 0;
}

int auth_me(struct request *r)
{
    struct auth_state *st = r->app->auth;
    if (!r->user_id) {
        int rc = auth_require_user(r);
        if (rc < 0)
            return rc;
    }
    long long id = r->user_id_number;
    /* db_ensure first: it delivers the change notifications that arrived, and during an
     * outage the answer is 503 as for any other read, not a cached copy. */
    int rc = db_ensure(r->app->db);
    if (rc < 0)
        return rc;
    if (st->users) {
        unsigned long connection = db_connection_serial(r->app->db);
        if (connection != st->users_connection) {
            id_cache_clear(st->users);
            st->users_connection = connection;
        }
        size_t len;
        const char *cached = id_cache_get(st->users, id, &len);
        if (cached)
            return respond_json_text(r, 200, cached, len);
    }
    const char *params[] = {r->user_id};
    PGresult *res = NULL;
    rc =
        db_query(r->app->db, r->arena,
                 "SELECT id, email, " SQL_CREATED_AT " FROM users WHERE id = $1", 1, params, &res);
    if (rc < 0)
        return rc;
    if (db_rows(res) != 1) {
        /* A valid token for a deleted account: the token no longer names anyone. */
        unauthorized(r, true, "The access token is invalid or expired.");
        return 0;
    }
    json_t *user = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "email", db_value(res, 0, 1),
                             "created_at", db_value(res, 0, 2));
    char *text = user ? jsonx_dump(user) : NULL;
    json_decref(user);
    if (!text)
        return -ENOMEM;
    /* Cached only if the connection did not change under the query: one that reconnected
     * may have missed a notification the cache needed. */
    if (st->users && db_connection_serial(r->app->db) == st->users_connection)
        (void)id_cache_put(st->users, id, text, strlen(text));
    rc = respond_json_text(r, 200, text, strlen(text));
    free(text);
    return rc;
}
