/* HS256 access tokens (see token.h). libjwt builds and parses them; because libjwt 1.10
 * decides the algorithm from the token's own header, the header and the HMAC are checked
 * here first, so "alg":"none" or another algorithm never reaches it. */
#include "platform/token.h"

#include "core/config.h"
#include "core/hash.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <jwt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define TOKEN_MAX_NAME 255
#define TOKEN_MIN_TTL  60L
#define TOKEN_MAX_TTL  (30L * 24 * 3600)
#define SHA256_BYTES   32

/* Tokens that passed every check, so the next request with the same bearer string skips
 * the HMACs and JSON parsing (a client sends one token for up to an hour). The whole
 * token is compared, and the time claims are checked again at every use. Direct-mapped:
 * a token takes the slot its hash picks. */
#define TOKEN_VERIFIED_SLOTS 256
struct verified_token {
    char *token_owned; /* NULL: empty slot */
    size_t len;
    long long user_id, exp, nbf, iat;
};

struct token_signer {
    unsigned char *key;
    size_t key_len;
    char *issuer;
    char *audience;
    long ttl;
    struct verified_token verified[TOKEN_VERIFIED_SLOTS];
};

static bool name_ok(const char *s)
{
    return s && s[0] && strnlen(s, TOKEN_MAX_NAME + 1) <= TOKEN_MAX_NAME;
}

int token_signer_new(const void *key, size_t key_len, const char *issuer, const char *audience,
                     long ttl_seconds, struct token_signer **out)
{
    *out = NULL;
    if (!key || key_len < TOKEN_MIN_KEY_BYTES || key_len > TOKEN_MAX_KEY_BYTES ||
        !name_ok(issuer) || !name_ok(audience) || ttl_seconds < TOKEN_MIN_TTL ||
        ttl_seconds > TOKEN_MAX_TTL)
        return -EINVAL;
    struct token_signer *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    s->key = malloc(key_len);
    s->issuer = strdup(issuer);
    s->audience = strdup(audience);
    if (!s->key || !s->issuer || !s->audience) {
        token_signer_free(s);
        return -ENOMEM;
    }
    memcpy(s->key, key, key_len);
    s->key_len = key_len;
    s->ttl = ttl_seconds;
    *out = s;
    return 0;
}

int token_signer_from_config(const struct config *c, struct token_signer **out)
{
    char *key = NULL;
    size_t key_len = 0;
    *out = NULL;
    int r = config_read_secret(c, "jwt_key_file", &key, &key_len);
    if (r < 0)
        return r;
    if (key_len < TOKEN_MIN_KEY_BYTES || key_len > TOKEN_MAX_KEY_BYTES) {
        explicit_bzero(key, key_len);
        free(key);
        return -EINVAL;
    }
    r = token_signer_new(
        key, key_len, config_get(c, "jwt_issuer", TOKEN_DEFAULT_ISSUER),
        config_get(c, "jwt_audience", TOKEN_DEFAULT_AUD),
        config_get_long(c, "jwt_ttl_seconds", TOKEN_DEFAULT_TTL, TOKEN_MIN_TTL, TOKEN_MAX_TTL),
        out);
    explicit_bzero(key, key_len);
    free(key);
    return r;
}

struct token_signer *token_signer_free(struct token_signer *s)
{
    if (!s)
        return NULL;
    if (s->key)
        explicit_bzero(s->key, s->key_len);
    for (size_t i = 0; i < TOKEN_VERIFIED_SLOTS; i++) {
        struct verified_token *v = &s->verified[i];
        if (v->token_owned)
            explicit_bzero(v->token_owned, v->len);
        free(v->token_owned);
    }
    free(s->key);
    free(s->issuer);
    free(s->audience);
    free(s);
    return NULL;
}

long token_signer_ttl(const struct token_signer *s)
{
    return s->ttl;
}

int token_issue(const struct token_signer *s, long long user_id, time_t now, char **out)
{
    *out = NULL;
    if (user_id <= 0)
        return -EINVAL;
    unsigned char rnd[16];
    char jti[sizeof(rnd) * 2 + 1];
    if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
        return -EIO;
    for (size_t i = 0; i < sizeof(rnd); i++)
        snprintf(jti + 2 * i, 3, "%02x", rnd[i]);
    char sub[24];
    snprintf(sub, sizeof(sub), "%lld", user_id);

    jwt_t *jwt = NULL;
    if (jwt_new(&jwt) != 0)
        return -ENOMEM;
    int r = -ENOMEM;
    if (jwt_set_alg(jwt, JWT_ALG_HS256, s->key, (int)s->key_len) != 0 ||
        jwt_add_grant(jwt, "sub", sub) != 0 || jwt_add_grant(jwt, "iss", s->issuer) != 0 ||
        jwt_add_grant(jwt, "aud", s->audience) != 0 || jwt_add_grant(jwt, "jti", jti) != 0 ||
        jwt_add_grant_int(jwt, "iat", (long)now) != 0 ||
        jwt_add_grant_int(jwt, "nbf", (long)now) != 0 ||
        jwt_add_grant_int(jwt, "exp", (long)(now + s->ttl)) != 0)
        goto out;
    char *enc = jwt_encode_str(jwt);
    if (!enc) {
        r = errno == ENOMEM ? -ENOMEM : -EIO;
        goto out;
    }
    /* The libjwt we build against has no allocator hook: the string is malloc'ed and the
     * caller's free() is the right release, so it is handed over as it is. */
    *out = enc;
    r = 0;
out:
    jwt_free(jwt);
    return r;
}

static int b64url_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

/* Strict unpadded base64url: out needs len * 3 / 4 + 1 bytes. Refuses a length of 1 mod 4
 * and non-zero trailing bits, so one token has exactly one spelling. */
static int b64url_decode(const char *in, size_t len, unsigned char *out, size_t *out_len)
{
    if (len % 4 == 1)
        return -EINVAL;
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64url_value((unsigned char)in[i]);
        if (v < 0)
            return -EINVAL;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0)
        return -EINVAL;
    *out_len = n;
    return 0;
}

/* The header must say HS256 and nothing that would change how it is read. */
static int check_header(const char *seg, size_t len)
{
    unsigned char buf[TOKEN_MAX_LEN];
    size_t n = 0;
    if (len == 0 || b64url_decode(seg, len, buf, &n) < 0)
        return -EINVAL;
    json_error_t jerr;
    json_t *h = json_loadb((const char *)buf, n, JSON_REJECT_DUPLICATES, &jerr);
    if (!h || !json_is_object(h)) {
        json_decref(h);
        return -EINVAL;
    }
    int r = 0;
    const json_t *alg = json_object_get(h, "alg");
    const json_t *typ = json_object_get(h, "typ");
    if (!json_is_string(alg) || strcmp(json_string_value(alg), "HS256") != 0 ||
        json_object_get(h, "crit") || json_object_get(h, "jku") || json_object_get(h, "jwk") ||
        json_object_get(h, "x5u"))
        r = -EPROTONOSUPPORT;
    else if (typ && (!json_is_string(typ) || strcasecmp(json_string_value(typ), "JWT") != 0))
        r = -EINVAL;
    json_decref(h);
    return r;
}

static int check_signature(const struct token_signer *s, const char *token, size_t signed_len,
                           const char *sig, size_t sig_len)
{
    unsigned char want[EVP_MAX_MD_SIZE], got[TOKEN_MAX_LEN];
    unsigned int want_len = 0;
    size_t got_len = 0;
    if (b64url_decode(sig, sig_len, got, &got_len) < 0)
        return -EINVAL;
    if (!HMAC(EVP_sha256(), s->key, (int)s->key_len, (const unsigned char *)token, signed_len,
              want, &want_len))
        return -ENOMEM;
    if (got_len != SHA256_BYTES || want_len != SHA256_BYTES ||
        CRYPTO_memcmp(want, got, SHA256_BYTES) != 0)
        return -EBADMSG;
    return 0;
}

static bool get_time(const json_t *claims, const char *name, long long *out)
{
    const json_t *v = json_object_get(claims, name);
    if (!json_is_integer(v))
        return false;
    *out = json_integer_value(v);
    return true;
}

/* sub is the user id in decimal, as token_issue writes it: no sign, no leading zero. */
static bool parse_sub(const json_t *claims, long long *user_id)
{
    const char *s = json_string_value(json_object_get(claims, "sub"));
    if (!s || s[0] < '1' || s[0] > '9' || strlen(s) > 18)
        return false;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    *user_id = v;
    return true;
}

static bool audience_ok(const json_t *aud, const char *want)
{
    if (json_is_string(aud))
        return strcmp(json_string_value(aud), want) == 0;
    if (!json_is_array(aud))
        return false;
    size_t i;
    const json_t *v;
    json_array_foreach(aud, i, v)
    {
        if (json_is_string(v) && strcmp(json_string_value(v), want) == 0)
            return true;
    }
    return false;
}

static int check_times(const struct verified_token *t, time_t now)
{
    if ((long long)now - TOKEN_LEEWAY_SECONDS >= t->exp)
        return -EKEYEXPIRED;
    if (t->nbf > (long long)now + TOKEN_LEEWAY_SECONDS ||
        t->iat > (long long)now + TOKEN_LEEWAY_SECONDS)
        return -EAGAIN;
    return 0;
}

/* Fills the claims of *t (all but the token itself) and checks them at `now`. */
static int check_claims(const struct token_signer *s, const json_t *claims, time_t now,
                        struct verified_token *t)
{
    const json_t *iss = json_object_get(claims, "iss");
    const json_t *aud = json_object_get(claims, "aud");
    if (!get_time(claims, "exp", &t->exp) || !get_time(claims, "nbf", &t->nbf) ||
        !get_time(claims, "iat", &t->iat) || !parse_sub(claims, &t->user_id) ||
        !json_is_string(iss) || !(json_is_string(aud) || json_is_array(aud)))
        return -ENODATA;
    if (strcmp(json_string_value(iss), s->issuer) != 0 || !audience_ok(aud, s->audience))
        return -EKEYREJECTED;
    return check_times(t, now);
}

static struct verified_token *verified_slot(struct token_signer *s, const char *token, size_t len)
{
    return &s->verified[hash_fnv1a(token, len) % TOKEN_VERIFIED_SLOTS];
}

static void remember_verified(struct verified_token *slot, const char *token, size_t len,
                              const struct verified_token *claims)
{
    char *copy = malloc(len);
    if (!copy)
        return; /* only the next check gets slower */
    memcpy(copy, token, len);
    if (slot->token_owned)
        explicit_bzero(slot->token_owned, slot->len);
    free(slot->token_owned);
    *slot = *claims;
    slot->token_owned = copy;
    slot->len = len;
}

int token_verify(struct token_signer *s, const char *token, size_t len, time_t now,
                 long long *user_id)
{
    *user_id = 0;
    if (!token || len == 0)
        return -EINVAL;
    if (len > TOKEN_MAX_LEN)
        return -E2BIG;
    struct verified_token *slot = verified_slot(s, token, len);
    /* Constant-time, like the HMAC check: an early-exit compare would tell by its timing
     * how much of a remembered (someone else's) token a guess got right. */
    if (slot->token_owned && slot->len == len &&
        CRYPTO_memcmp(slot->token_owned, token, len) == 0) {
        int r = check_times(slot, now);
        if (r == 0)
            *user_id = slot->user_id;
        return r;
    }
    const char *dot1 = memchr(token, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token)) : NULL;
    if (!dot1 || !dot2 || memchr(dot2 + 1, '.', len - (size_t)(dot2 + 1 - token)) ||
        memchr(token, '\0', len))
        return -EINVAL;
    size_t head_len = (size_t)(dot1 - token);
    size_t signed_len = (size_t)(dot2 - token);
    if (signed_len == head_len + 1)
        return -EINVAL; /* empty claims */
    int r = check_header(token, head_len);
    if (r < 0)
        return r;
    r = check_signature(s, token, signed_len, dot2 + 1, len - signed_len - 1);
    if (r < 0)
        return r;

    /* Only a token we signed gets here; libjwt parses it (it needs a NUL-terminated copy). */
    char copy[TOKEN_MAX_LEN + 1];
    memcpy(copy, token, len);
    copy[len] = '\0';
    jwt_t *jwt = NULL;
    if (jwt_decode(&jwt, copy, s->key, (int)s->key_len) != 0 || !jwt)
        return -EINVAL;
    char *grants = NULL;
    json_t *claims = NULL;
    if (jwt_get_alg(jwt) != JWT_ALG_HS256) {
        r = -EPROTONOSUPPORT;
        goto out;
    }
    grants = jwt_get_grants_json(jwt, NULL);
    if (!grants) {
        r = -EINVAL;
        goto out;
    }
    json_error_t jerr;
    claims = json_loads(grants, 0, &jerr);
    struct verified_token checked = {0};
    r = json_is_object(claims) ? check_claims(s, claims, now, &checked) : -EINVAL;
    if (r == 0) {
        *user_id = checked.user_id;
        remember_verified(slot, token, len, &checked);
    }
out:
    json_decref(claims);
    free(grants);
    jwt_free(jwt);
    return r;
}

const char *token_strerror(int err)
{
    switch (err) {
    case 0:
        return "valid";
    case -E2BIG:
        return "token too long";
    case -EINVAL:
        return "malformed token";
    case -EPROTONOSUPPORT:
        return "algorithm not allowed";
    case -EBADMSG:
        return "bad signature";
    case -EKEYEXPIRED:
        return "expired";
    case -EAGAIN:
        return "not yet valid";
    case -EKEYREJECTED:
        return "wrong issuer or audience";
    case -ENODATA:
        return "required claim missing";
    case -ENOMEM:
        return "out of memory";
    default:
        return "invalid token";
    }
}
