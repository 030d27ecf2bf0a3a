/* Accounts under /api/auth: register, login (JSON or the OAuth2 password form), me; the
 * bearer-token check every protected route uses; and the audit helper later mutations
 * call. The module's per-worker state (Argon2id hasher with its dummy hash, token signer,
 * throttle limits) lives in app->auth. */
#pragma once
#include "request.h"

#include <jansson.h>
#include <stddef.h>

#define AUTH_EMAIL_MAX 254

/* POST /auth/register {email, password} -> 201 {id, email, created_at}; 422 with details
 * for a bad email or password, 409 `conflict` for a taken email. */
int auth_register(struct request *r);
/* POST /auth/login, JSON {email, password} or form username/password/grant_type=password
 * -> 200 {access_token, token_type: "bearer", expires_in}. Wrong password and unknown
 * email both give 401 `invalid_credentials` after the same Argon2id work; too many
 * failures give 429 `rate_limited` with Retry-After before any password is checked. */
int auth_login(struct request *r);
/* GET /auth/me (a ROUTE_AUTH route) -> 200 {id, email, created_at}. */
int auth_me(struct request *r);

/* Module hooks for routes.c. init reads the configuration (jwt_key_file is required: a
 * worker refuses to start without a key of at least 32 bytes), computes the dummy hash and
 * sets app->auth and app->authenticate. done frees and accepts a partly set-up app. */
int auth_module_init(struct app *app);
void auth_module_done(struct app *app);

/* For routes that need a signed-in user, and the app->authenticate hook. Reads
 * `Authorization: Bearer <token>` and checks it. On success returns 0 and sets
 * r->user_id (decimal text, arena-owned) and r->user_id_number. Otherwise it has already
 * answered 401 with `WWW-Authenticate: Bearer` (plus error="invalid_token" when a token
 * was sent) and returns -EACCES; the caller just returns. Routes flagged ROUTE_AUTH get
 * this through app->authenticate. */
int auth_require_user(struct request *r);

/* Trims ASCII whitespace, lower-cases and validates an email address (ASCII only, one @,
 * local part 1..64 of letters, digits and !#$%&'*+/=?^_`{|}~.- without leading, trailing
 * or doubled dots; a domain of at least two dot-separated labels of letters, digits and
 * inner hyphens, each 1..63 long, the last not all digits; 254 bytes at most in all).
 * 0 with the result in out (size >= AUTH_EMAIL_MAX + 1), or -EINVAL with a static
 * sentence in *reason. */
int auth_normalize_email(const char *in, size_t len, char *out, size_t size, const char **reason);
