/* Prints the offline planner's plan for every prompt of the given prompt sets
 * (tests/data/prompts/NAME.json) and raw prompt files (the fuzz seeds), one JSON line each:
 * [source, return code, spec, notes]. tests/unit/test-planner-golden.sh compares the output
 * with tests/data/prompts/plans.golden, so any change to what the planner plans shows up as
 * a reviewable diff (and a refactoring that changes a plan fails). */
#include "planner-corpus.h"

static void dump(const char *source, const char *prompt, size_t len)
{
    json_t *spec = NULL, *notes = NULL;
    int r = planner_plan(prompt, len, &spec, &notes);
    json_t *line = json_pack("[s, i, o?, o?]", source, r, spec, notes);
    char *text = line ? json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    if (text)
        puts(text);
    free(text);
    json_decref(line);
}

static int dump_set(const char *path)
{
    json_t *cases = corpus_load(path);
    if (!cases)
        return -1;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t i;
    const json_t *c;
    json_array_foreach(cases, i, c)
    {
        const char *prompt = json_string_value(json_object_get(c, "prompt"));
        char source[128];
        snprintf(source, sizeof(source), "%s#%zu", base, i);
        if (prompt)
            dump(source, prompt, strlen(prompt));
    }
    json_decref(cases);
    return 0;
}

static int dump_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    static char text[2 * PLANNER_MAX_PROMPT];
    size_t n = fread(text, 1, sizeof(text), f);
    fclose(f);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    dump(base, text, n);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: planner-dump SET.json|PROMPT-FILE...\n");
        return 2;
    }
    planner_init();
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);
        bool set = n > 5 && strcmp(argv[i] + n - 5, ".json") == 0;
        if ((set ? dump_set(argv[i]) : dump_file(argv[i])) < 0)
            rc = 1;
    }
    return rc;
}
