/* Fuzz target: reading stored ZIPs back (bundle_list, bundle_read_file, and bundle_unpack,
 * which stamping a verified version's ZIP starts from), which must refuse any corrupt
 * archive without crashing or reading past the buffer. */
#include "codegen/bundle.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *list = bundle_list(data, size);
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        char *content = NULL;
        size_t len = 0;
        const char *path = json_string_value(json_object_get(item, "path"));
        if (path && bundle_read_file(data, size, path, 64 * 1024, &content, &len) == 0)
            free(content);
    }
    json_decref(list);
    struct gen_tree tree;
    char *root = NULL;
    if (bundle_unpack(data, size, &tree, &root) == 0) {
        gen_tree_clear(&tree);
        free(root);
    }
    return 0;
}
