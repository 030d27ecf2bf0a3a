/* The JSON Schema of BackendSpec v1, compiled in from schemas/backend-spec-v1.json (the build
 * turns the file into string literals), so the served schema and the file cannot drift. */
#include "spec/review.h"

#include <pthread.h>

/* Defines `static const char schema_text[]`: the file, one string literal per line. */
#include "fcgi-app/lib/spec/schema.inc"

static json_t *schema;
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void schema_load(void)
{
    /* The text is ours and checked by the unit test; a failure here is out of memory. */
    schema = json_loadb(schema_text, sizeof(schema_text) - 1, 0, NULL);
}

const json_t *review_spec_schema(void)
{
    pthread_once(&schema_once, schema_load);
    return schema;
}
