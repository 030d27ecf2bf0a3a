/* Fuzz target: llm_extract_json, which reads whatever a model (or a hostile provider)
 * sends back. */
#include "core/jsonx.h"
#include "llm/client.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *v = NULL;
    if (llm_extract_json((const char *)data, size, &v) == 0) {
        if (!json_is_object(v))
            abort(); /* the contract: only objects come out */
        char *s = jsonx_dump(v);
        free(s);
        json_decref(v);
    }
    return 0;
}
