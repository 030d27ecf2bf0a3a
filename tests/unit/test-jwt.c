/* Unit tests for token.c: issuing, and refusing every forgery a client can send (alg none,
 * other algorithms, bad signatures, expired or future tokens, wrong iss/aud, missing claims,
 * garbage, truncation, oversize). Forged tokens are built by hand with OpenSSL's HMAC. */
#include "core/config.h"
#include "tap.h"
#include "platform/token.h"

#include <errno.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char KEY[] = "0123456789abcdef0123456789abcdef-test-key";
static const time_t NOW = 1700000000;

static void b64url(const unsigned char *in, size_t n, char *out)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = tbl[(v >> 18) & 63];
        out[o++] = tbl[(v >> 12) & 63];
        if (i + 1 < n)
            out[o++] = tbl[(v >> 6) & 63];
        if (i + 2 < n)
            out[o++] = tbl[v & 63];
    }
    out[o] = '\0';
}

/* header.payload.signature; md NULL leaves the signature empty (alg none). */
static char *forge(const char *header, const char *payload, const void *key, size_t key_len,
                   const EVP_MD *md)
{
    static char out[16384];
    char h[2048], p[8192], s[256] = "";
    b64url((const unsigned char *)header, strlen(header), h);
    b64url((const unsigned char *)payload, strlen(payload), p);
    char signing[10400];
    snprintf(signing, sizeof(signing), "%s.%s", h, p);
    if (md) {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned mac_len = 0;
        HMAC(md, key, (int)key_len, (const unsigned char *)signing, strlen(signing), mac,
             &mac_len);
        b64url(mac, mac_len, s);
    }
    snprintf(out, sizeof(out), "%s.%s", signing, s);
    return out;
}

static char *claims(const char *sub_json, const char *iss, const char *aud, long long iat,
                    long long nbf, long long exp)
{
    static char buf[2048];
    snprintf(buf, sizeof(buf),
             "{\"sub\":%s,\"iss\":\"%s\",\"aud\":\"%s\",\"iat\":%lld,\"nbf\":%lld,\"exp\":%lld}",
             sub_json, iss, aud, iat, nbf, exp);
    return buf;
}

#define HS256_HEADER "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"

static int verify(struct token_signer *s, const char *tok, long long *uid)
{
    return token_verify(s, tok, strlen(tok), NOW, uid);
}

static void test_issue_roundtrip(struct token_signer *s)
{
    char *tok = NULL;
    long long uid = 0;
    is_int(token_issue(s, 42, NOW, &tok), 0, "issue");
    ok(tok && strlen(tok) < TOKEN_MAX_LEN, "token fits the cap");
    is_int(verify(s, tok, &uid), 0, "own token verifies");
    is_int(uid, 42, "sub is the user id");
    is_int(token_verify(s, tok, strlen(tok), NOW + 3600 - 1, &uid), 0, "valid until ttl");
    is_int(token_verify(s, tok, strlen(tok), NOW + 3600 + TOKEN_LEEWAY_SECONDS, &uid),
           -EKEYEXPIRED, "expired after ttl + leeway");
    is_int(token_verify(s, tok, strlen(tok), NOW - 3600, &uid), -EAGAIN,
           "before its iat/nbf: not yet valid");

    /* The checks above after the first ran on the remembered token: its time claims are
     * checked at every use. It still verifies at NOW, and a copy differing in one byte of
     * the signature (same length, same slot or not) is checked in full and refused. */
    is_int(verify(s, tok, &uid), 0, "remembered token verifies again");
    is_int(uid, 42, "with its user id");
    char *forged = strdup(tok);
    char *last = forged + strlen(forged) - 2;
    *last = *last == 'A' ? 'B' : 'A';
    uid = 7;
    is_int(verify(s, forged, &uid), -EBADMSG, "a remembered token's near twin is refused");
    is_int(uid, 0, "no user id for it");
    is_int(verify(s, tok, &uid), 0, "the real one still verifies");
    free(forged);

    /* The header and claims are what the contract says, read without libjwt. */
    char *dot = strchr(tok, '.');
    ok(dot != NULL, "has parts");
    free(tok);
    is_int(token_issue(s, 0, NOW, &tok), -EINVAL, "user id 0 refused");
    ok(tok == NULL, "no token on error");

    struct token_signer *other = NULL;
    is_int(token_signer_new("another-key-another-key-another-key!", 36, "backforge",
                            "backforge-api", 3600, &other),
           0, "second signer");
    is_int(token_issue(other, 42, NOW, &tok), 0, "token from another key");
    is_int(verify(s, tok, &uid), -EBADMSG, "another key's token: bad signature");
    is_int(uid, 0, "no user id on failure");
    free(tok);
    token_signer_free(other);
}

static void test_alg(struct token_signer *s)
{
    long long uid;
    const char *good = claims("\"42\"", "backforge", "backforge-api", NOW, NOW, NOW + 600);
    is_int(verify(s, forge(HS256_HEADER, good, KEY, strlen(KEY), EVP_sha256()), &uid), 0,
           "hand-made HS256 token verifies");
    is_int(uid, 42, "hand-made sub");
    is_int(verify(s, forge("{\"alg\":\"none\",\"typ\":\"JWT\"}", good, NULL, 0, NULL), &uid),
           -EPROTONOSUPPORT, "alg none with empty signature refused");
    is_int(verify(s, forge("{\"alg\":\"none\"}", good, KEY, strlen(KEY), EVP_sha256()), &uid),
           -EPROTONOSUPPORT, "alg none with an HS256 signature refused");
    is_int(verify(s, forge("{\"alg\":\"None\"}", good, NULL, 0, NULL), &uid), -EPROTONOSUPPORT,
           "alg None refused");
    is_int(verify(s, forge("{\"alg\":\"hs256\"}", good, KEY, strlen(KEY), EVP_sha256()), &uid),
           -EPROTONOSUPPORT, "lower-case hs256 refused");
    is_int(verify(s, forge("{\"typ\":\"JWT\"}", good, KEY, strlen(KEY), EVP_sha256()), &uid),
           -EPROTONOSUPPORT, "missing alg refused");
    is_int(verify(s, forge("{\"alg\":\"HS384\"}", good, KEY, strlen(KEY), EVP_sha384()), &uid),
           -EPROTONOSUPPORT, "HS384 with the right key refused");
    is_int(verify(s, forge("{\"alg\":\"HS512\"}", good, KEY, strlen(KEY), EVP_sha512()), &uid),
           -EPROTONOSUPPORT, "HS512 refused");
    is_int(verify(s, forge("{\"alg\":\"RS256\"}", good, KEY, strlen(KEY), EVP_sha256()), &uid),
           -EPROTONOSUPPORT, "RS256 header refused");
    is_int(verify(s,
                  forge("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", good, KEY, strlen(KEY),
                        EVP_sha256()),
                  &uid),
           -EPROTONOSUPPORT, "crit header refused");
    is_int(
        verify(s,
               forge("{\"alg\":\"HS256\",\"alg\":\"none\"}", good, KEY, strlen(KEY), EVP_sha256()),
               &uid),
        -EINVAL, "duplicate alg refused");
    is_int(
        verify(s,
               forge("{\"alg\":\"HS256\",\"typ\":\"JWE\"}", good, KEY, strlen(KEY), EVP_sha256()),
               &uid),
        -EINVAL, "typ other than JWT refused");
    is_int(verify(s, forge("[\"HS256\"]", good, KEY, strlen(KEY), EVP_sha256()), &uid), -EINVAL,
           "header not an object refused");
}

static void test_signature(struct token_signer *s)
{
    long long uid;
    const char *good = claims("\"42\"", "backforge", "backforge-api", NOW, NOW, NOW + 600);
    const char *wrongkey = "0123456789abcdef0123456789abcdef-test-kez";
    is_int(verify(s, forge(HS256_HEADER, good, wrongkey, strlen(wrongkey), EVP_sha256()), &uid),
           -EBADMSG, "wrong key: bad signature");

    char tok[2048];
    snprintf(tok, sizeof(tok), "%.1000s",
             forge(HS256_HEADER, good, KEY, strlen(KEY), EVP_sha256()));
    /* Swap the claims for an admin's while keeping the original signature. */
    char other[4096];
    snprintf(other, sizeof(other), "%s",
             forge(HS256_HEADER,
                   claims("\"1\"", "backforge", "backforge-api", NOW, NOW, NOW + 600), KEY,
                   1 + strlen(KEY) - 1, NULL));
    char spliced[8192];
    snprintf(spliced, sizeof(spliced), "%.*s%s", (int)(strrchr(other, '.') - other), other,
             strrchr(tok, '.'));
    is_int(verify(s, spliced, &uid), -EBADMSG, "claims swapped under a valid signature");

    size_t n = strlen(tok);
    char trunc[4200];
    memcpy(trunc, tok, n - 1);
    trunc[n - 1] = '\0';
    ok(verify(s, trunc, &uid) < 0, "signature truncated by one char refused");
    memcpy(trunc, tok, n - 4);
    trunc[n - 4] = '\0';
    ok(verify(s, trunc, &uid) < 0, "signature truncated by four chars refused");
    *strrchr(trunc, '.') = '\0';
    is_int(verify(s, trunc, &uid), -EINVAL, "two parts refused");

    snprintf(trunc, sizeof(trunc), "%s=", tok);
    is_int(verify(s, trunc, &uid), -EINVAL, "padding refused");
    snprintf(trunc, sizeof(trunc), "%s.", tok);
    is_int(verify(s, trunc, &uid), -EINVAL, "four parts refused");
    snprintf(trunc, sizeof(trunc), " %s", tok);
    is_int(verify(s, trunc, &uid), -EINVAL, "leading space refused");
    is_int(token_verify(s, tok, n - 1, NOW, &uid) < 0, 1, "length respected");
    char nul[4096];
    memcpy(nul, tok, n);
    nul[10] = '\0';
    ok(token_verify(s, nul, n, NOW, &uid) < 0, "embedded NUL refused");
}

static void test_times(struct token_signer *s)
{
    long long uid;
    const char *c;
    c = claims("\"42\"", "backforge", "backforge-api", NOW - 7200, NOW - 7200, NOW - 100);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -EKEYEXPIRED,
           "expired");
    c = claims("\"42\"", "backforge", "backforge-api", NOW - 7200, NOW - 7200, NOW - 10);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), 0,
           "expired within the leeway still accepted");
    c = claims("\"42\"", "backforge", "backforge-api", NOW, NOW + 300, NOW + 900);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -EAGAIN,
           "nbf in the future");
    c = claims("\"42\"", "backforge", "backforge-api", NOW + 300, NOW, NOW + 900);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -EAGAIN,
           "iat in the future");
    c = claims("\"42\"", "backforge", "backforge-api", NOW + 10, NOW + 10, NOW + 900);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), 0,
           "small clock skew accepted");
    c = claims("\"42\"", "backforge", "backforge-api", NOW, NOW, 9223372036854775807LL);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), 0,
           "huge exp does not overflow");
}

static void test_claims(struct token_signer *s)
{
    long long uid;
    const char *c;
    c = claims("\"42\"", "backforge", "other-api", NOW, NOW, NOW + 600);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -EKEYREJECTED,
           "wrong audience");
    c = claims("\"42\"", "evil", "backforge-api", NOW, NOW, NOW + 600);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -EKEYREJECTED,
           "wrong issuer");
    c = "{\"sub\":\"42\",\"iss\":\"backforge\",\"aud\":[\"x\",\"backforge-api\"],"
        "\"iat\":1700000000,\"nbf\":1700000000,\"exp\":1700000600}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), 0,
           "audience list containing ours accepted");
    c = "{\"iss\":\"backforge\",\"aud\":\"backforge-api\",\"iat\":1700000000,"
        "\"nbf\":1700000000,\"exp\":1700000600}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
           "missing sub");
    c = "{\"sub\":\"42\",\"iss\":\"backforge\",\"aud\":\"backforge-api\",\"iat\":1700000000,"
        "\"nbf\":1700000000}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
           "missing exp");
    c = "{\"sub\":\"42\",\"aud\":\"backforge-api\",\"iat\":1700000000,"
        "\"nbf\":1700000000,\"exp\":1700000600}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
           "missing iss");
    c = "{\"sub\":\"42\",\"iss\":\"backforge\",\"iat\":1700000000,"
        "\"nbf\":1700000000,\"exp\":1700000600}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
           "missing aud");
    c = "{\"sub\":\"42\",\"iss\":\"backforge\",\"aud\":\"backforge-api\","
        "\"nbf\":1700000000,\"exp\":1700000600}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
           "missing iat");
    c = "{\"sub\":\"42\",\"iss\":\"backforge\",\"aud\":\"backforge-api\",\"iat\":1700000000,"
        "\"nbf\":1700000000,\"exp\":\"1700000600\"}";
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
           "exp as a string");
    static const char *const bad_subs[] = {
        "42", "\"0\"", "\"-1\"", "\"042\"", "\"4a\"", "\"\"", "\"99999999999999999999\"", "null"};
    for (size_t i = 0; i < sizeof(bad_subs) / sizeof(bad_subs[0]); i++) {
        c = claims(bad_subs[i], "backforge", "backforge-api", NOW, NOW, NOW + 600);
        is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -ENODATA,
               "sub %s refused", bad_subs[i]);
    }
    is_int(verify(s, forge(HS256_HEADER, "[1,2]", KEY, strlen(KEY), EVP_sha256()), &uid) < 0, 1,
           "claims not an object refused");
    is_int(verify(s, forge(HS256_HEADER, "not json", KEY, strlen(KEY), EVP_sha256()), &uid) < 0, 1,
           "claims not JSON refused");
}

static void test_garbage(struct token_signer *s)
{
    long long uid;
    static const char *const junk[] = {"",         "abc",    "a.b.c",  "...",
                                       "..",       "a..b",   ".a.b",   "\xff\xfe.a.b",
                                       "e30.e30.", "Bearer", "e30.e30"};
    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
        ok(verify(s, junk[i], &uid) < 0, "garbage %zu refused", i);
    is_int(token_verify(s, NULL, 0, NOW, &uid), -EINVAL, "NULL refused");

    char *big = malloc(TOKEN_MAX_LEN + 2);
    memset(big, 'A', TOKEN_MAX_LEN + 1);
    big[10] = '.';
    big[20] = '.';
    big[TOKEN_MAX_LEN + 1] = '\0';
    is_int(verify(s, big, &uid), -E2BIG, "over 4 KiB refused");
    free(big);

    /* A correctly signed token whose claims push it past the cap. */
    char pad[4000];
    memset(pad, 'x', sizeof(pad) - 1);
    pad[sizeof(pad) - 1] = '\0';
    char c[4200];
    snprintf(c, sizeof(c),
             "{\"sub\":\"42\",\"iss\":\"backforge\",\"aud\":\"backforge-api\",\"iat\":%lld,"
             "\"nbf\":%lld,\"exp\":%lld,\"pad\":\"%s\"}",
             (long long)NOW, (long long)NOW, (long long)NOW + 600, pad);
    is_int(verify(s, forge(HS256_HEADER, c, KEY, strlen(KEY), EVP_sha256()), &uid), -E2BIG,
           "oversized but validly signed token refused");
    ok(strcmp(token_strerror(-EBADMSG), "bad signature") == 0, "strerror names the failure");
}

static void test_config(void)
{
    struct token_signer *s = NULL;
    is_int(token_signer_new("short", 5, "i", "a", 3600, &s), -EINVAL, "short key refused");
    is_int(token_signer_new(KEY, strlen(KEY), "", "a", 3600, &s), -EINVAL, "empty issuer");

    char cfgpath[] = "/tmp/bf-test-jwt-cfg-XXXXXX", keypath[] = "/tmp/bf-test-jwt-key-XXXXXX";
    int kfd = mkstemp(keypath), cfd = mkstemp(cfgpath);
    ok(kfd >= 0 && cfd >= 0, "temp files");
    FILE *cf = fdopen(cfd, "w");
    fprintf(cf, "jwt_issuer = me\n");
    fclose(cf);
    struct config *c = NULL;
    char err[256];
    is_int(config_load(cfgpath, &c, err, sizeof(err)), 0, "config loads");
    unsetenv("BACKFORGE_JWT_KEY_FILE");
    is_int(token_signer_from_config(c, &s), -ENOENT, "no key file configured: refused");
    ok(s == NULL, "no signer");

    FILE *kf = fdopen(kfd, "w");
    fprintf(kf, "too-short-key\n");
    fclose(kf);
    config_set(c, "jwt_key_file", keypath);
    is_int(token_signer_from_config(c, &s), -EINVAL, "key under 32 bytes refused");

    kf = fopen(keypath, "w");
    fprintf(kf, "%s\n", KEY);
    fclose(kf);
    is_int(token_signer_from_config(c, &s), 0, "32+ byte key accepted");
    char *tok = NULL;
    long long uid = 0;
    token_issue(s, 7, NOW, &tok);
    is_int(token_signer_ttl(s), 3600, "default ttl");
    struct token_signer *def = NULL;
    token_signer_new(KEY, strlen(KEY), "backforge", "backforge-api", 3600, &def);
    is_int(token_verify(def, tok, strlen(tok), NOW, &uid), -EKEYREJECTED,
           "configured issuer is checked");
    is_int(token_verify(s, tok, strlen(tok), NOW, &uid), 0, "configured signer verifies its own");
    free(tok);
    token_signer_free(def);
    token_signer_free(s);
    ok(token_signer_free(NULL) == NULL, "free accepts NULL");
    config_free(c);
    unlink(keypath);
    unlink(cfgpath);
}

int main(void)
{
    struct token_signer *s = NULL;
    is_int(token_signer_new(KEY, strlen(KEY), TOKEN_DEFAULT_ISSUER, TOKEN_DEFAULT_AUD,
                            TOKEN_DEFAULT_TTL, &s),
           0, "signer");
    test_issue_roundtrip(s);
    test_alg(s);
    test_signature(s);
    test_times(s);
    test_claims(s);
    test_garbage(s);
    test_config();
    token_signer_free(s);
    return tap_done();
}
