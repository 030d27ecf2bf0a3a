/* Planner figures: entity recall/precision, fields, relations, ranges/enums and auth over a
 * prompt set, then throughput (prompts per second, planning only) on one core; with -l, the
 * cost of loading the parser's dictionaries (time, RSS) and the latency p50/p99 of a
 * one-sentence and a five-sentence prompt, each of new words every time and repeated. */
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

/* Words for prompts the process has never seen (WordNet's answers not yet cached): common
 * nouns and verbs of WordNet's own index (lowercase, 4 to 12 letters, two senses or more). */
#define COLD_NOUNS 6000
#define COLD_VERBS 1000
static char nouns[COLD_NOUNS][16], verbs[COLD_VERBS][16];
static int nnouns, nverbs;

static int load_words(const char *file, char (*out)[16], int max)
{
    const char *dir = getenv("WNSEARCHDIR") ? getenv("WNSEARCHDIR") : "/usr/share/wordnet";
    char path[4096], line[512];
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    int n = 0;
    while (f && n < max && fgets(line, sizeof(line), f)) {
        char w[64], pos[4];
        int senses;
        if (line[0] == ' ' || sscanf(line, "%63s %3s %d", w, pos, &senses) != 3 || senses < 2 ||
            strlen(w) < 4 || strlen(w) > 12 ||
            strspn(w, "abcdefghijklmnopqrstuvwxyz") != strlen(w))
            continue;
        snprintf(out[n++], 16, "%s", w);
    }
    if (f)
        fclose(f);
    return n;
}

/* Builds prompt number `run` into buf: the same one each time (warm), or one of new words. */
typedef void prompt_fn(int run, char *buf, size_t size);

static const char *noun_at(int *next)
{
    return nouns[(*next)++ % nnouns];
}

static void warm_one(int run, char *buf, size_t size)
{
    (void)run;
    snprintf(buf, size, "Clients book time slots with a coach.");
}

static void warm_five(int run, char *buf, size_t size)
{
    (void)run;
    snprintf(buf, size,
             "A clinic backend. Patients are seen by doctors during appointments. Each "
             "appointment has a reason and notes. Doctors belong to a department. Invoices "
             "are sent to patients for each appointment.");
}

static void cold_one(int run, char *buf, size_t size)
{
    int next = run * 3;
    const char *a = noun_at(&next), *b = noun_at(&next), *c = noun_at(&next);
    snprintf(buf, size, "%ss %s %ss with a %s.", a, verbs[run % nverbs], b, c);
}

static void cold_five(int run, char *buf, size_t size)
{
    int next = 600 + run * 9; /* after the nouns cold_one used */
    const char *w[9];
    for (int i = 0; i < 9; i++)
        w[i] = noun_at(&next);
    snprintf(buf, size,
             "A %s backend. %ss are seen by %ss during %ss. Each %s has a %s and %ss. %ss "
             "belong to a %s. %ss are sent to %ss for each %s.",
             w[0], w[1], w[2], w[3], w[3], w[4], w[5], w[2], w[6], w[7], w[1], w[3]);
}

static void latency(const char *label, prompt_fn *make)
{
    enum { RUNS = 200 };
    static double t[RUNS], cpu[RUNS];
    for (int i = 0; i < RUNS; i++) {
        char prompt[1024];
        make(i, prompt, sizeof(prompt));
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
    printf("latency %-21s p50 %6.2f ms, p99 %6.2f ms wall; p50 %6.2f ms, p99 %6.2f ms CPU "
           "(%d runs)\n",
           label, t[RUNS / 2], t[RUNS * 99 / 100], cpu[RUNS / 2], cpu[RUNS * 99 / 100], RUNS);
}

/* Loads the dictionaries (first thing in the process), then times plans: of new words first
 * (each prompt's words unseen by the process, so WordNet is read), then one prompt repeated
 * (its answers cached). */
static int load_and_latency(void)
{
    long r0 = rss_kb();
    double t0 = bench_now_ms();
    int r = planner_init();
    double t1 = bench_now_ms();
    printf("planner_init: %d, %.0f ms, RSS %ld -> %ld kB\n", r, t1 - t0, r0, rss_kb());
    nnouns = load_words("index.noun", nouns, COLD_NOUNS);
    nverbs = load_words("index.verb", verbs, COLD_VERBS);
    if (nnouns >= 2400 && nverbs > 0) {
        latency("one sentence, new:", cold_one);
        latency("five sentences, new:", cold_five);
    } else {
        printf("no WordNet index under $WNSEARCHDIR: no prompts of new words\n");
    }
    latency("one sentence, same:", warm_one);
    latency("five sentences, same:", warm_five);
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
    printf("plans refused by review or mended for it: %d; planner errors: %d\n", s.review_failed,
           s.plan_failed);

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
