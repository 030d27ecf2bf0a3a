/* Timing helpers shared by the C benchmark programs under bench/. */
#pragma once
#include <stdlib.h>
#include <time.h>

/* CLOCK_MONOTONIC in milliseconds. */
static inline double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts t[0..n) in place, for percentiles by index. */
static inline void bench_sort(double *t, size_t n)
{
    qsort(t, n, sizeof(*t), bench_cmp_double);
}
