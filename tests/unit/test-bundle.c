/* bundle.c: reproducible ZIPs (same tree → same bytes and sha256, whatever the time zone),
 * reading files back, limits, corrupt input. */
#include "codegen/bundle.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

static struct gen_file file(const char *path, const char *data, unsigned mode)
{
    struct gen_file f = {
        .path = strdup(path), .data = strdup(data), .len = strlen(data), .mode = mode};
    if (!f.path || !f.data) { /* the torture run fails this one too */
        printf("Bail out! out of memory\n");
        exit(1);
    }
    return f;
}

int main(void)
{
    char sha[65];
    bundle_sha256_hex("abc", 3, sha);
    is_str(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
           "sha256 of \"abc\"");

    /* Deliberately unsorted: bundle_zip sorts. */
    struct gen_file files[3] = {
        file("app/main.py", "print('hello')\n", 0644),
        file("README.md", "# Title\n\nSome text, some text, some text, some text.\n", 0644),
        file("scripts/run.sh", "#!/bin/sh\nexec true\n", 0755),
    };
    struct gen_tree t = {.files = files, .n = 3};

    unsigned char *z1 = NULL, *z2 = NULL;
    size_t n1 = 0, n2 = 0;
    is_int(bundle_zip(&t, "demo-api/", &z1, &n1), 0, "zip the tree");
    setenv("TZ", "Pacific/Kiritimati", 1);
    tzset();
    is_int(bundle_zip(&t, "demo-api", &z2, &n2), 0, "zip again in another time zone");
    ok(n1 == n2 && n1 > 0 && memcmp(z1, z2, n1) == 0, "the same tree gives the same bytes");
    char sha1[65], sha2[65];
    bundle_sha256_hex(z1, n1, sha1);
    bundle_sha256_hex(z2, n2, sha2);
    is_str(sha1, sha2, "and the same sha256");
    is_int(strlen(sha1), 64, "sha256 is 64 hex characters");

    char *data = NULL;
    size_t len = 0;
    is_int(bundle_read_file(z1, n1, "app/main.py", 1024, &data, &len), 0, "read a file back");
    ok(data && len == strlen("print('hello')\n") && memcmp(data, "print('hello')\n", len) == 0,
       "its content round-trips");
    free(data);
    is_int(bundle_read_file(z1, n1, "nope.txt", 1024, &data, &len), -ENOENT, "absent file");
    is_int(bundle_read_file(z1, n1, "README.md", 8, &data, &len), -E2BIG, "over max_len");

    json_t *list = bundle_list(z1, n1);
    ok(json_array_size(list) == 3, "list has three entries");
    is_str(json_string_value(json_object_get(json_array_get(list, 0), "path")), "README.md",
           "entries are sorted by path");
    is_int(json_integer_value(json_object_get(json_array_get(list, 2), "size")),
           strlen("#!/bin/sh\nexec true\n"), "sizes are the uncompressed sizes");
    json_decref(list);

    /* Modes and timestamps as stored. */
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(z1, n1, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    ok(za != NULL, "libzip opens the archive");
    if (za) {
        zip_uint8_t os = 0;
        zip_uint32_t attrs = 0;
        zip_int64_t idx = zip_name_locate(za, "demo-api/scripts/run.sh", 0);
        ok(idx >= 0, "entries live under the root folder");
        zip_file_get_external_attributes(za, (zip_uint64_t)idx, 0, &os, &attrs);
        is_int((attrs >> 16) & 0777, 0755, "scripts keep 0755");
        idx = zip_name_locate(za, "demo-api/README.md", 0);
        zip_file_get_external_attributes(za, (zip_uint64_t)idx, 0, &os, &attrs);
        is_int((attrs >> 16) & 0777, 0644, "other files are 0644");
        zip_stat_t st;
        zip_stat_index(za, (zip_uint64_t)idx, 0, &st);
        is_int(st.comp_method, ZIP_CM_DEFLATE, "entries are deflated");
        zip_discard(za);
    } else {
        zip_source_free(src);
    }
    zip_error_fini(&ze);

    /* Corrupt input: truncated and overwritten archives are refused, not trusted. */
    is_int(bundle_read_file(z1, n1 / 2, "README.md", 1024, &data, &len), -EINVAL,
           "truncated ZIP is -EINVAL");
    unsigned char *bad = malloc(n1);
    memcpy(bad, z1, n1);
    memset(bad + n1 - 22, 0xff, 22); /* the end-of-central-directory record */
    is_int(bundle_read_file(bad, n1, "README.md", 1024, &data, &len), -EINVAL,
           "broken central directory is -EINVAL");
    ok(bundle_list(bad, n1) == NULL, "bundle_list refuses it too");
    is_int(bundle_read_file((const unsigned char *)"not a zip", 9, "x", 10, &data, &len), -EINVAL,
           "garbage is -EINVAL");
    free(bad);

    /* An empty tree is still a valid (empty) archive. */
    struct gen_tree empty = {.files = NULL, .n = 0};
    unsigned char *z3 = NULL;
    size_t n3 = 0;
    is_int(bundle_zip(&empty, "x/", &z3, &n3), 0, "empty tree zips");
    free(z3);

    free(z1);
    free(z2);
    for (int i = 0; i < 3; i++) {
        free(files[i].path);
        free(files[i].data);
    }
    return tap_done();
}
