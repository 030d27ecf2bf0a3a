/* Fuzz target: the offline planner on arbitrary bytes; review must accept every plan it
 * makes (the planner leaves out, with a note, an entity or field review would refuse:
 * mend.c), so a refusal aborts, with review's words. */
#include "planner/planner.h"
#include "spec/review.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *spec = NULL, *notes = NULL;
    if (planner_plan((const char *)data, size, &spec, &notes) == 0) {
        struct review rv;
        json_t *norm = NULL;
        review_init(&rv);
        if (review_spec(spec, &norm, &rv) != 0) {
            json_t *probs = review_to_json(&rv);
            char *txt = json_dumps(probs, JSON_COMPACT);
            fprintf(stderr, "review refused a plan: %s\n", txt ? txt : "");
            abort();
        }
        json_decref(norm);
        review_clear(&rv);
    }
    json_decref(spec);
    json_decref(notes);
    return 0;
}
