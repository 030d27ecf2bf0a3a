/* Fuzz target: a model's fix reply is untrusted text. It goes through the tolerant reader
 * (llm_fix_parse), the patch checks against a small version, and, when accepted, the
 * apply into a new ZIP, which must read back; nothing may crash, leak or write outside. */
#include "codegen/bundle.h"
#include "llm/fix.h"
#include "pipeline/patch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct patch_version version;
static int loaded;

static void load_version(void)
{
    static char a[] = "app/actions.py", b[] = "x = 1\n", c[] = "backforge.json", d[] = "{}\n",
                e[] = "app/routers/tasks.py", f[] = "router = None\n";
    struct gen_file files[3] = {
        {a, b, strlen(b), 0644}, {c, d, strlen(d), 0644}, {e, f, strlen(f), 0644}};
    struct gen_tree t = {.files = files, .n = 3};
    unsigned char *zip = NULL;
    size_t len = 0;
    if (bundle_zip(&t, "fuzz-api/", &zip, &len) == 0 &&
        patch_version_load(zip, len, &version) == 0)
        loaded = 1;
    free(zip);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!loaded)
        load_version();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    json_t *patch = NULL;
    if (llm_fix_parse(text, size, &patch) == 0) {
        struct problems errs;
        problems_init(&errs, 40);
        if (patch_check(patch, &version, (const char *[]){"app/config.py", NULL}, &errs) == 0) {
            unsigned char *zip = NULL;
            size_t len = 0;
            json_t *changed = NULL;
            if (patch_apply(patch, &version, &zip, &len, &changed) == 0) {
                struct patch_version back;
                if (patch_version_load(zip, len, &back) != 0)
                    abort(); /* an accepted patch must give a ZIP that reads back */
                patch_version_clear(&back);
                free(zip);
                json_decref(changed);
            }
        }
        problems_clear(&errs);
        json_decref(patch);
    }
    free(text);
    return 0;
}
