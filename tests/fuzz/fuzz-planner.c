/* Fuzz target: the offline planner on arbitrary bytes; every plan it makes must also go
 * through review without crashing. */
#include "planner/planner.h"
#include "spec/review.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *spec = NULL, *notes = NULL;
    if (planner_plan((const char *)data, size, &spec, &notes) == 0) {
        struct review rv;
        json_t *norm = NULL;
        review_init(&rv);
        review_spec(spec, &norm, &rv);
        json_decref(norm);
        review_clear(&rv);
    }
    json_decref(spec);
    json_decref(notes);
    return 0;
}
