/* bench/password: what one Argon2id hash and one verification cost at the parameters the
 * workers use (config file and BACKFORGE_* environment as backforge-fcgi reads them;
 * default OWASP's m=19 MiB, t=2, p=1), through the same
 * password.c the login path calls. Median and min over many runs on one thread.
 * Usage: bench/password-bench [--runs N] [--config FILE] */
#include "bench.h"
#include "core/config.h"
#include "platform/password.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void report(const char *what, double *t, int runs)
{
    bench_sort(t, (size_t)runs);
    printf("%-8s median=%6.2f ms  p90=%6.2f ms  min=%6.2f ms  (%d runs)\n", what, t[runs / 2],
           t[runs * 9 / 10], t[0], runs);
}

int main(int argc, char **argv)
{
    int runs = 30;
    const char *config_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            config_path = argv[++i];
        else {
            fprintf(stderr, "Usage: %s [--runs N] [--config FILE]\n", argv[0]);
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;
    struct config *cfg = NULL;
    char err[256];
    if (config_load(config_path, &cfg, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s: %s\n", config_path ? config_path : "environment", err);
        return 1;
    }
    struct password_params params;
    password_params_from_config(cfg, &params);
    struct password_hasher h;
    int rc = password_hasher_init(&h, &params);
    if (rc < 0) {
        fprintf(stderr, "hasher: %s\n", strerror(-rc));
        config_free(cfg);
        return 1;
    }
    printf("Argon2id m=%u KiB, t=%u, p=%u\n", params.memory_kib, params.iterations,
           params.parallelism);
    static const char pw[] = "correct horse battery staple";
    double *hash_ms = calloc((size_t)runs, sizeof(double));
    double *verify_ms = calloc((size_t)runs, sizeof(double));
    char encoded[PASSWORD_ENCODED_MAX];
    for (int i = 0; hash_ms && verify_ms && i < runs && rc == 0; i++) {
        double t0 = bench_now_ms();
        rc = password_hash(&h, pw, sizeof(pw) - 1, encoded);
        double t1 = bench_now_ms();
        if (rc == 0)
            rc = password_verify(encoded, pw, sizeof(pw) - 1);
        hash_ms[i] = t1 - t0;
        verify_ms[i] = bench_now_ms() - t1;
    }
    if (!hash_ms || !verify_ms)
        rc = -ENOMEM;
    if (rc == 0) {
        report("hash", hash_ms, runs);
        report("verify", verify_ms, runs);
    } else {
        fprintf(stderr, "hashing failed: %s\n", strerror(-rc));
    }
    free(hash_ms);
    free(verify_ms);
    config_free(cfg);
    return rc == 0 ? 0 : 1;
}
