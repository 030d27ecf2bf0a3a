/* Argon2id password hashing, verification and policy (see password.h). Called by the auth
 * handlers at register and login and by backforgectl when it creates users. */
#include "platform/password.h"

#include "core/config.h"

#include <argon2.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

void password_params_from_config(const struct config *c, struct password_params *out)
{
    out->memory_kib = PASSWORD_MIN_MEMORY_KIB;
    out->iterations = PASSWORD_MIN_ITERATIONS;
    out->parallelism = PASSWORD_MIN_PARALLELISM;
    if (!c)
        return;
    out->memory_kib = (uint32_t)config_get_long(c, "argon2_memory_kib", PASSWORD_MIN_MEMORY_KIB,
                                                PASSWORD_MIN_MEMORY_KIB, PASSWORD_MAX_MEMORY_KIB);
    out->iterations = (uint32_t)config_get_long(c, "argon2_iterations", PASSWORD_MIN_ITERATIONS,
                                                PASSWORD_MIN_ITERATIONS, PASSWORD_MAX_ITERATIONS);
    out->parallelism =
        (uint32_t)config_get_long(c, "argon2_parallelism", PASSWORD_MIN_PARALLELISM,
                                  PASSWORD_MIN_PARALLELISM, PASSWORD_MAX_PARALLELISM);
}

static bool params_valid(const struct password_params *p)
{
    return p->memory_kib >= PASSWORD_MIN_MEMORY_KIB && p->memory_kib <= PASSWORD_MAX_MEMORY_KIB &&
           p->iterations >= PASSWORD_MIN_ITERATIONS && p->iterations <= PASSWORD_MAX_ITERATIONS &&
           p->parallelism >= PASSWORD_MIN_PARALLELISM &&
           p->parallelism <= PASSWORD_MAX_PARALLELISM;
}

static int fill_random(void *p, size_t n)
{
    unsigned char *b = p;
    while (n > 0) {
        ssize_t k = getrandom(b, n, 0);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -EIO;
        }
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

static int argon2_to_errno(int rc)
{
    switch (rc) {
    case ARGON2_OK:
        return 0;
    case ARGON2_VERIFY_MISMATCH:
        return -EACCES;
    case ARGON2_MEMORY_ALLOCATION_ERROR:
        return -ENOMEM;
    case ARGON2_DECODING_FAIL:
    case ARGON2_INCORRECT_TYPE:
    case ARGON2_SALT_TOO_SHORT:
    case ARGON2_PWD_TOO_LONG:
        return -EINVAL;
    default:
        return -EIO;
    }
}

/* Counts code points of strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF);
 * -1 when the bytes are not UTF-8 or hold a NUL. */
static long utf8_count(const unsigned char *s, size_t len)
{
    long n = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t extra;
        unsigned long cp;
        if (c == 0)
            return -1;
        if (c < 0x80) {
            i++;
            n++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return -1;
        }
        if (len - i <= extra)
            return -1;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        i += extra + 1;
        n++;
    }
    return n;
}

int password_check_policy(const char *pw, size_t len, const char **reason)
{
    const char *why = NULL;
    long chars = -1;
    if (!pw)
        why = "is required";
    else if (len > PASSWORD_MAX_BYTES)
        why = "must be at most 1024 characters";
    else if ((chars = utf8_count((const unsigned char *)pw, len)) < 0)
        why = "must be valid UTF-8 text without NUL characters";
    else if (chars < PASSWORD_MIN_CHARS)
        why = "must be at least 8 characters";
    else if (chars > PASSWORD_MAX_CHARS)
        why = "must be at most 1024 characters";
    if (reason)
        *reason = why;
    return why ? -EINVAL : 0;
}

static int hash_with(const struct password_params *p, const char *pw, size_t len,
                     char out[PASSWORD_ENCODED_MAX])
{
    unsigned char salt[PASSWORD_SALT_BYTES];
    int r = fill_random(salt, sizeof(salt));
    if (r < 0)
        return r;
    if (argon2_encodedlen(p->iterations, p->memory_kib, p->parallelism, PASSWORD_SALT_BYTES,
                          PASSWORD_HASH_BYTES, Argon2_id) > PASSWORD_ENCODED_MAX)
        return -EINVAL;
    int rc = argon2id_hash_encoded(p->iterations, p->memory_kib, p->parallelism, pw, len, salt,
                                   sizeof(salt), PASSWORD_HASH_BYTES, out, PASSWORD_ENCODED_MAX);
    return argon2_to_errno(rc);
}

int password_hasher_init(struct password_hasher *h, const struct password_params *params)
{
    memset(h, 0, sizeof(*h));
    if (!params_valid(params))
        return -EINVAL;
    h->params = *params;
    /* The dummy's password is random and thrown away: nothing can ever match it. */
    char secret[33];
    unsigned char raw[24];
    int r = fill_random(raw, sizeof(raw));
    if (r < 0)
        return r;
    for (size_t i = 0; i < sizeof(raw); i++)
        secret[i] = (char)('a' + raw[i] % 26);
    secret[sizeof(raw)] = '\0';
    r = hash_with(&h->params, secret, sizeof(raw), h->dummy);
    explicit_bzero(secret, sizeof(secret));
    explicit_bzero(raw, sizeof(raw));
    return r;
}

int password_hash(const struct password_hasher *h, const char *pw, size_t len,
                  char out[PASSWORD_ENCODED_MAX])
{
    int r = password_check_policy(pw, len, NULL);
    if (r < 0)
        return r;
    return hash_with(&h->params, pw, len, out);
}

/* Reads the parameters out of "$argon2id$v=19$m=M,t=T,p=P$salt$hash". */
static int parse_encoded(const char *encoded, struct password_params *p)
{
    unsigned v, m, t, par;
    int used = 0;
    if (!encoded || strnlen(encoded, PASSWORD_ENCODED_MAX) >= PASSWORD_ENCODED_MAX)
        return -EINVAL;
    if (sscanf(encoded, "$argon2id$v=%u$m=%u,t=%u,p=%u$%n", &v, &m, &t, &par, &used) != 4 ||
        used == 0 || v != ARGON2_VERSION_13)
        return -EINVAL;
    p->memory_kib = m;
    p->iterations = t;
    p->parallelism = par;
    return 0;
}

int password_verify(const char *encoded, const char *pw, size_t len)
{
    struct password_params stored;
    if (parse_encoded(encoded, &stored) < 0)
        return -EINVAL;
    /* Older, weaker hashes still verify (needs_rehash upgrades them); only the ceiling is
     * enforced here, plus libargon2's own floor (m >= 8p). */
    if (stored.memory_kib > PASSWORD_MAX_MEMORY_KIB || stored.iterations == 0 ||
        stored.iterations > PASSWORD_MAX_ITERATIONS || stored.parallelism == 0 ||
        stored.parallelism > PASSWORD_MAX_PARALLELISM)
        return -EINVAL;
    if (!pw || len > PASSWORD_MAX_BYTES) {
        /* Refused, but only after the same work as a wrong password. */
        int r = argon2_to_errno(argon2id_verify(encoded, "", 0));
        return r == -ENOMEM || r == -EINVAL ? r : -EACCES;
    }
    return argon2_to_errno(argon2id_verify(encoded, pw, len));
}

int password_verify_dummy(const struct password_hasher *h, const char *pw, size_t len)
{
    /* An oversized or missing password still pays for one hash, as a wrong one would. */
    if (!pw || len > PASSWORD_MAX_BYTES) {
        pw = "";
        len = 0;
    }
    int r = argon2_to_errno(argon2id_verify(h->dummy, pw, len));
    return r == -ENOMEM ? r : -EACCES;
}

bool password_needs_rehash(const struct password_hasher *h, const char *encoded)
{
    struct password_params stored;
    if (parse_encoded(encoded, &stored) < 0)
        return true;
    return stored.memory_kib < h->params.memory_kib || stored.iterations < h->params.iterations ||
           stored.parallelism < h->params.parallelism;
}
