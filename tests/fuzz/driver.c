/* Stand-alone driver for the fuzz targets when not built with -fsanitize=fuzzer: replays
 * every file (or every file in every directory) named on the command line, then runs
 * `BF_FUZZ_ITERATIONS` (default 2000) cheap random mutations of those inputs, so `make
 * check` exercises each target under the sanitizer build. Real coverage-guided fuzzing:
 * scripts/fuzz builds the same targets with clang -fsanitize=fuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DRIVER_MAX_INPUT (1024 * 1024)
#define DRIVER_MAX_SEEDS 512

static uint8_t *seeds[DRIVER_MAX_SEEDS];
static size_t seed_len[DRIVER_MAX_SEEDS];
static size_t n_seeds;

static void run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    uint8_t *data = malloc(DRIVER_MAX_INPUT);
    size_t n = data ? fread(data, 1, DRIVER_MAX_INPUT, f) : 0;
    fclose(f);
    if (!data)
        return;
    LLVMFuzzerTestOneInput(data, n);
    if (n_seeds < DRIVER_MAX_SEEDS) {
        seeds[n_seeds] = data;
        seed_len[n_seeds++] = n;
    } else {
        free(data);
    }
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        run_file(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char child[4096];
        snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
        run_path(child);
    }
    closedir(d);
}

/* Byte flips, truncations, duplications and splices of the seeds: not coverage-guided,
 * but enough to catch crashes on near-valid input in every sanitizer run. */
static void mutate_and_run(unsigned iterations)
{
    uint8_t *buf = malloc(2 * DRIVER_MAX_INPUT);
    if (!buf || n_seeds == 0) {
        free(buf);
        return;
    }
    srand(12345);
    for (unsigned it = 0; it < iterations; it++) {
        size_t s = (size_t)rand() % n_seeds;
        size_t n = seed_len[s];
        memcpy(buf, seeds[s], n);
        int ops = 1 + rand() % 4;
        for (int k = 0; k < ops && n > 0; k++) {
            size_t at = (size_t)rand() % n;
            switch (rand() % 5) {
            case 0:
                buf[at] ^= (uint8_t)(1u << (rand() % 8));
                break;
            case 1:
                buf[at] = (uint8_t)rand();
                break;
            case 2:
                n = at;
                break;
            case 3: {
                size_t len = (size_t)rand() % (n - at) + 1;
                if (n + len <= 2 * DRIVER_MAX_INPUT) {
                    memmove(buf + at + len, buf + at, n - at);
                    n += len;
                }
                break;
            }
            default: {
                static const char *const tokens[] = {
                    "{", "}", "[", "]", "\"", ",", ":", "null", "\\u0000", "1e999", "-", "\xff"};
                const char *t = tokens[rand() % 12];
                size_t len = strlen(t);
                if (n + len <= 2 * DRIVER_MAX_INPUT) {
                    memmove(buf + at + len, buf + at, n - at);
                    memcpy(buf + at, t, len);
                    n += len;
                }
            }
            }
        }
        LLVMFuzzerTestOneInput(buf, n);
    }
    free(buf);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        run_path(argv[i]);
    const char *env = getenv("BF_FUZZ_ITERATIONS");
    mutate_and_run(env ? (unsigned)strtoul(env, NULL, 10) : 2000);
    for (size_t i = 0; i < n_seeds; i++)
        free(seeds[i]);
    printf("1..1\nok 1 - replayed %zu seed inputs and their mutations\n", n_seeds);
    return 0;
}
