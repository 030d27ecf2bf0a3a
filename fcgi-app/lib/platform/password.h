/* Password hashing and policy: Argon2id (libargon2) hashes in the standard encoded form, and
 * a dummy hash so that a login for an unknown account costs the same as a wrong password. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct config;

/* Policy: length is counted in Unicode code points of valid UTF-8 (not bytes), so "pässwörd"
 * is 8 characters; a NUL anywhere is refused. 1024 code points are at most 4096 bytes. */
#define PASSWORD_MIN_CHARS 8
#define PASSWORD_MAX_CHARS 1024
#define PASSWORD_MAX_BYTES (4 * PASSWORD_MAX_CHARS)

/* OWASP's minimum for Argon2id; configuration may raise these, never lower them. */
#define PASSWORD_MIN_MEMORY_KIB  19456u
#define PASSWORD_MIN_ITERATIONS  2u
#define PASSWORD_MIN_PARALLELISM 1u
#define PASSWORD_MAX_MEMORY_KIB  (1024u * 1024u) /* 1 GiB: refuse stored hashes beyond it */
#define PASSWORD_MAX_ITERATIONS  16u
#define PASSWORD_MAX_PARALLELISM 8u
#define PASSWORD_SALT_BYTES      16
#define PASSWORD_HASH_BYTES      32
/* Room for "$argon2id$v=19$m=1048576,t=16,p=8$<22 b64>$<43 b64>" and then some. */
#define PASSWORD_ENCODED_MAX 128

struct password_params {
    uint32_t memory_kib;
    uint32_t iterations;
    uint32_t parallelism;
};

/* The hasher holds the parameters and the dummy hash; one per process (worker), made once
 * at start-up because the dummy costs one full hash. */
struct password_hasher {
    struct password_params params;
    char dummy[PASSWORD_ENCODED_MAX];
};

/* Reads argon2_memory_kib, argon2_iterations, argon2_parallelism (c may be NULL); values
 * below the minimum or above the maximum fall back to the minimum. */
void password_params_from_config(const struct config *c, struct password_params *out);

/* Fills h and computes its dummy hash. 0, -EINVAL (params out of range), -ENOMEM, or -EIO
 * when libargon2 or getrandom fails. Nothing to free. */
int password_hasher_init(struct password_hasher *h, const struct password_params *params);

/* 0 when pw[0..len) is acceptable; otherwise -EINVAL and *reason (when non-NULL) points to
 * a static sentence fit for a 422 detail. */
int password_check_policy(const char *pw, size_t len, const char **reason);

/* Hashes with a fresh 16-byte salt into out (PASSWORD_ENCODED_MAX bytes). Checks the policy
 * first (-EINVAL). 0, -EINVAL, -ENOMEM, -EIO. */
int password_hash(const struct password_hasher *h, const char *pw, size_t len,
                  char out[PASSWORD_ENCODED_MAX]);

/* 0 when pw matches the encoded hash, -EACCES when it does not, -EINVAL when the stored hash
 * is malformed or its parameters are out of range (not verified: that would let a corrupt
 * row cost unbounded memory), -ENOMEM. Time depends only on the stored parameters. */
int password_verify(const char *encoded, const char *pw, size_t len);

/* Verifies pw against the dummy hash and always returns -EACCES (or -ENOMEM): call it when
 * the account does not exist, so that answer costs what a wrong password costs. */
int password_verify_dummy(const struct password_hasher *h, const char *pw, size_t len);

/* True when the encoded hash was made with weaker parameters than h's (or is not Argon2id),
 * so a successful login may store a fresh hash. */
bool password_needs_rehash(const struct password_hasher *h, const char *encoded);
