/* Fuzz target: jsonx_parse, the gate for every outside JSON document. */
#include "core/jsonx.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *v = NULL;
    char err[256];
    if (jsonx_parse((const char *)data, size, 64 * 1024, 32, &v, err, sizeof(err)) == 0) {
        char *s = jsonx_dump(v);
        free(s);
        json_decref(v);
    }
    return 0;
}
