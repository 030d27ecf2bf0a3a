/* Fuzz target: the suite's two readers. The input as a spec: what review accepts must derive
 * a suite that suite_check accepts, twice the same. The input as a suite: suite_check must
 * answer (accept or refuse with a message) without crashing, whatever the JSON. */
#include "core/jsonx.h"
#include "spec/review.h"
#include "verify/http_run.h"
#include "verify/suite.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct review rv;
    json_t *norm = NULL;
    char err[256];
    review_init(&rv);
    if (review_spec_text((const char *)data, size, &norm, &rv) == 0) {
        char *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        json_t *suite = NULL;
        if (suite_derive(norm, &suite) == 0) {
            if (suite_check(suite, err, sizeof(err)) != 0)
                abort();
            if (suite_text(norm, &a, &la) || suite_text(norm, &b, &lb) || la != lb ||
                memcmp(a, b, la) != 0)
                abort();
        }
        free(a);
        free(b);
        json_decref(suite);
    }
    json_decref(norm);
    review_clear(&rv);
    json_t *doc = NULL;
    if (jsonx_parse((const char *)data, size, 1024 * 1024, 64, &doc, err, sizeof(err)) == 0) {
        err[0] = '\0';
        if (suite_check(doc, err, sizeof(err)) != 0 && !err[0])
            abort();
        json_decref(doc);
    }
    return 0;
}
