/* Minimal TAP producer for the C unit tests (run by automake's tap-driver). */
#pragma once
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

#define ok(cond, ...)                                                                             \
    do {                                                                                          \
        int ok_pass_ = !!(cond);                                                                  \
        printf("%s %d - ", ok_pass_ ? "ok" : "not ok", ++tap_count);                              \
        printf(__VA_ARGS__);                                                                      \
        printf("\n");                                                                             \
        if (!ok_pass_) {                                                                          \
            tap_failed++;                                                                         \
            printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);                       \
        }                                                                                         \
    } while (0)

#define is_int(got, want, ...)                                                                    \
    do {                                                                                          \
        long long is_got_ = (long long)(got), is_want_ = (long long)(want);                       \
        ok(is_got_ == is_want_, __VA_ARGS__);                                                     \
        if (is_got_ != is_want_)                                                                  \
            printf("#   got %lld, want %lld\n", is_got_, is_want_);                               \
    } while (0)

#define is_str(got, want, ...)                                                                    \
    do {                                                                                          \
        const char *is_got_ = (got), *is_want_ = (want);                                          \
        int is_same_ =                                                                            \
            is_got_ && is_want_ ? strcmp(is_got_, is_want_) == 0 : is_got_ == is_want_;           \
        ok(is_same_, __VA_ARGS__);                                                                \
        if (!is_same_)                                                                            \
            printf("#   got \"%s\", want \"%s\"\n", is_got_ ? is_got_ : "(null)",                 \
                   is_want_ ? is_want_ : "(null)");                                               \
    } while (0)

static inline int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}
