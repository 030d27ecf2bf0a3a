/* Fuzz target: review_spec_text, the gate for every spec from users, the planner or an LLM.
 * Accepted specs must survive a second review unchanged (normalization is idempotent), and
 * the problems must always serialize. */
#include "spec/review.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct review rv;
    json_t *norm = NULL;
    review_init(&rv);
    if (review_spec_text((const char *)data, size, &norm, &rv) == 0) {
        struct review again;
        json_t *norm2 = NULL;
        review_init(&again);
        if (review_spec(norm, &norm2, &again) != 0 || !json_equal(norm, norm2))
            abort();
        json_decref(norm2);
        review_clear(&again);
    }
    /* Every message must stay a valid JSON string, however odd the input. */
    json_t *report = review_to_json(&rv);
    if (!report)
        abort();
    json_decref(report);
    json_decref(norm);
    review_clear(&rv);
    return 0;
}
