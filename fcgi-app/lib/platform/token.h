/* Access tokens: HS256 JWTs made with libjwt and checked strictly (the header's algorithm,
 * a constant-time HMAC, then every claim) before a request is trusted with a user id. */
#pragma once
#include <stddef.h>
#include <time.h>

struct config;
struct token_signer;

#define TOKEN_MAX_LEN        4096 /* longer bearer strings are refused unread */
#define TOKEN_MIN_KEY_BYTES  32
#define TOKEN_MAX_KEY_BYTES  4096
#define TOKEN_LEEWAY_SECONDS 30 /* clock skew tolerated on exp, nbf and iat */
#define TOKEN_DEFAULT_TTL    3600
#define TOKEN_DEFAULT_ISSUER "backforge"
#define TOKEN_DEFAULT_AUD    "backforge-api"

/* A signer from explicit values (tests, backforgectl). key_len must be 32..4096 bytes,
 * issuer and audience 1..255 bytes, ttl 60..2592000 s; otherwise -EINVAL. -ENOMEM.
 * The key is copied. Free *out with token_signer_free(). */
int token_signer_new(const void *key, size_t key_len, const char *issuer, const char *audience,
                     long ttl_seconds, struct token_signer **out);

/* A signer from configuration: the key is read with config_read_secret("jwt_key_file") and
 * there is no default (-ENOENT when unset, -EINVAL when shorter than 32 bytes, -errno from
 * reading); jwt_issuer (default "backforge"), jwt_audience (default "backforge-api"),
 * jwt_ttl_seconds (default 3600). Free *out with token_signer_free(). */
int token_signer_from_config(const struct config *c, struct token_signer **out);

/* Wipes the key and frees. Accepts NULL; returns NULL. */
struct token_signer *token_signer_free(struct token_signer *s);

long token_signer_ttl(const struct token_signer *s);

/* Makes a token for user_id valid from now for the signer's ttl: header {"alg":"HS256",
 * "typ":"JWT"}, claims sub (the id as a decimal string), iss, aud, iat, nbf, exp, jti.
 * *out is malloc'ed (caller free()s). 0, -EINVAL (user_id <= 0), -ENOMEM, -EIO. */
int token_issue(const struct token_signer *s, long long user_id, time_t now, char **out);

/* Checks token[0..len) at time `now` and on success stores the user id from sub. The
 * signer remembers the last tokens that passed (not thread-safe: one signer per worker),
 * and a token seen before only has its time claims checked again.
 * Errors (all mean 401 to a client; token_strerror() names them for logs):
 *   -E2BIG           longer than TOKEN_MAX_LEN
 *   -EINVAL          not three base64url parts, or header/claims not JSON objects
 *   -EPROTONOSUPPORT header alg is anything but "HS256" (including "none"), or crit is set
 *   -EBADMSG         signature does not match
 *   -EKEYEXPIRED     exp passed (beyond the leeway)
 *   -EAGAIN          nbf or iat in the future (beyond the leeway)
 *   -EKEYREJECTED    wrong iss or aud
 *   -ENODATA         a required claim (sub, iss, aud, exp, nbf, iat) missing or mistyped
 *   -ENOMEM */
int token_verify(struct token_signer *s, const char *token, size_t len, time_t now,
                 long long *user_id);

/* A static phrase for a token_verify() error ("expired", "bad signature", ...). */
const char *token_strerror(int err);
