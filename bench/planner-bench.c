/* Planner figures: entity recall/precision, fields, relations, ranges/enums and auth over a
 * prompt set, then throughput (prompts per second, planning only) on one core; with -l, the
 * cost of loading the parser's dictionaries (time, RSS) and the latency p50/p99 of a
 * one-sentence and a five-sentence prompt. */
#include "bench.h"
#include "planner-corpus.h"

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void latency(const char *label, const char *prompt)
{
    enum { RUNS = 200 };
    static double t[RUNS], cpu[RUNS];
    for (int i = 0; i < RUNS; i++) {
        json_t *spec = NULL, *notes = NULL;
        double t0 = bench_now_ms(), c0 = cpu_ms();
        planner_plan(prompt, strlen(prompt), &spec, &notes);
        t[i] = bench_now_ms() - t0;
        cpu[i] = cpu_ms() - c0;
        json_decref(spec);
        json_decref(notes);
    }
    bench_sort(t, RUNS);
    bench_sort(cpu, RUNS);
    /* CPU time says what a plan costs on an idle core; wall time includes the machine's load */
    printf("latency %-15s p50 %6.2f ms, p99 %6.2f ms wall; p50 %6.2f ms, p99 %6.2f ms CPU "
           "(%d runs)\n",
           label, t[RUNS / 2], t[RUNS * 99 / 100], cpu[RUNS / 2], cpu[RUNS * 99 / 100], RUNS);
}

/* Loads the dictionaries (first thing in the process), then times plans. */
static int load_and_latency(void)
{
    long r0 = rss_kb();
    double t0 = bench_now_ms();
    int r = planner_init();
    double t1 = bench_now_ms();
    printf("planner_init: %d, %.0f ms, RSS %ld -> %ld kB\n", r, t1 - t0, r0, rss_kb());
    latency("one sentence:", "Clients book time slots with a coach.");
    latency("five sentences:",
            "A clinic backend. Patients are seen by doctors during appointments. Each "
            "appointment has a reason and notes. Doctors belong to a department. Invoices "
            "are sent to patients for each appointment.");
    return r < 0;
}

int main(int argc, char **argv)
{
    const char *path = "tests/data/prompts/corpus.json";
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-l") == 0)
            return load_and_latency();
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else
            path = argv[i];
    }
    json_t *cases = corpus_load(path);
    if (!cases)
        return 1;
    struct corpus_score s = {0};
    size_t i;
    const json_t *c;
    json_array_foreach(cases, i, c)
    {
        corpus_score_case(c, &s, verbose);
    }
    printf("corpus: %d prompts (%s)\n", s.cases, path);
    printf("entity recall:    %5.1f%% (%d/%d expected entities planned)\n",
           corpus_pct(s.found, s.expected), s.found, s.expected);
    printf("entity precision: %5.1f%% (%d/%d planned entities expected)\n",
           corpus_pct(s.correct, s.planned), s.correct, s.planned);
    printf("key fields:       %5.1f%% (%d/%d)\n", corpus_pct(s.fields_found, s.fields_expected),
           s.fields_found, s.fields_expected);
    printf("relations:        %5.1f%% (%d/%d)\n", corpus_pct(s.rel_found, s.rel_expected),
           s.rel_found, s.rel_expected);
    if (s.ranges_expected || s.enums_expected)
        printf("ranges kept:      %5.1f%% (%d/%d); enums kept: %5.1f%% (%d/%d)\n",
               corpus_pct(s.ranges_found, s.ranges_expected), s.ranges_found, s.ranges_expected,
               corpus_pct(s.enums_found, s.enums_expected), s.enums_found, s.enums_expected);
    printf("auth detection:   %5.1f%% (%d/%d)\n", corpus_pct(s.auth_right, s.auth_cases),
           s.auth_right, s.auth_cases);
    printf("no-entity prompts answered -ENODATA: %d/%d\n", s.nodata_right, s.nodata_expected);
    printf("plans refused by review: %d; planner errors: %d\n", s.review_failed, s.plan_failed);

    size_t n = json_array_size(cases);
    long runs = 0;
    double t0 = bench_now_ms() / 1e3, t1;
    do {
        for (i = 0; i < n; i++) {
            const char *prompt =
                json_string_value(json_object_get(json_array_get(cases, i), "prompt"));
            json_t *spec = NULL, *notes = NULL;
            planner_plan(prompt, strlen(prompt), &spec, &notes);
            json_decref(spec);
            json_decref(notes);
            runs++;
        }
        t1 = bench_now_ms() / 1e3;
    } while (t1 - t0 < 1.0);
    printf("throughput: %.0f prompts/s (%.1f us per prompt, %ld runs, one core)\n",
           runs / (t1 - t0), 1e6 * (t1 - t0) / runs, runs);
    json_decref(cases);
    return 0;
}
