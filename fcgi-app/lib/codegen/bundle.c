/* ZIP packaging of generated trees (libzip, in memory) and reading files back out of stored
 * ZIPs. Entries are sorted with a fixed DOS timestamp and fixed Unix modes, so the bytes
 * depend on the tree alone. */
#include "codegen/bundle.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

/* 1980-01-01 00:00:00, the DOS epoch: set as DOS fields so the local time zone plays no part. */
#define BUNDLE_DOS_TIME 0
#define BUNDLE_DOS_DATE ((0 << 9) | (1 << 5) | 1)

static int cmp_paths(const void *a, const void *b)
{
    const struct gen_file *x = *(const struct gen_file *const *)a;
    const struct gen_file *y = *(const struct gen_file *const *)b;
    return strcmp(x->path, y->path);
}

/* Copies the whole content of a libzip source into a malloc'ed buffer. */
static int source_bytes(zip_source_t *src, unsigned char **out, size_t *len)
{
    if (zip_source_open(src) < 0)
        return -EIO;
    int rc = -EIO;
    zip_int64_t size;
    if (zip_source_seek(src, 0, SEEK_END) < 0 || (size = zip_source_tell(src)) < 0 ||
        zip_source_seek(src, 0, SEEK_SET) < 0)
        goto out;
    if ((size_t)size > BUNDLE_MAX_ZIP) {
        rc = -E2BIG;
        goto out;
    }
    unsigned char *data = malloc(size ? (size_t)size : 1);
    if (!data) {
        rc = -ENOMEM;
        goto out;
    }
    if (zip_source_read(src, data, (zip_uint64_t)size) != size) {
        free(data);
        goto out;
    }
    *out = data;
    *len = (size_t)size;
    rc = 0;
out:
    zip_source_close(src);
    return rc;
}

int bundle_zip(const struct gen_tree *t, const char *root, unsigned char **zip_out,
               size_t *len_out)
{
    size_t total = 0;
    for (size_t i = 0; i < t->n; i++)
        total += t->files[i].len;
    if (total > BUNDLE_MAX_ZIP)
        return -E2BIG;
    if (t->n == 0) {
        /* libzip writes nothing for an empty archive; a ZIP with no entries is just the
         * end-of-central-directory record. */
        static const unsigned char eocd[22] = {'P', 'K', 5, 6};
        if (!(*zip_out = malloc(sizeof(eocd))))
            return -ENOMEM;
        memcpy(*zip_out, eocd, sizeof(eocd));
        *len_out = sizeof(eocd);
        return 0;
    }
    const struct gen_file **sorted = malloc((t->n ? t->n : 1) * sizeof(*sorted));
    if (!sorted)
        return -ENOMEM;
    for (size_t i = 0; i < t->n; i++)
        sorted[i] = &t->files[i];
    qsort(sorted, t->n, sizeof(*sorted), cmp_paths);

    int rc = -EIO;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = NULL;
    char *name = NULL;
    if (!src)
        goto out;
    /* On success the archive takes over our reference; on failure it is still ours (and
     * freed below). Only then take a second one, which keeps the source alive past
     * zip_close(): it holds the archive we want. */
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!za)
        goto out;
    zip_source_keep(src);
    size_t root_len = strlen(root);
    bool slash = root_len == 0 || root[root_len - 1] == '/';
    for (size_t i = 0; i < t->n; i++) {
        const struct gen_file *f = sorted[i];
        free(name);
        if (asprintf(&name, "%s%s%s", root, slash ? "" : "/", f->path) < 0) {
            name = NULL;
            rc = -ENOMEM;
            goto out;
        }
        zip_source_t *fs = zip_source_buffer(za, f->data, f->len, 0);
        if (!fs)
            goto out;
        zip_int64_t idx = zip_file_add(za, name, fs, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(fs);
            goto out;
        }
        zip_uint32_t attrs = ((zip_uint32_t)(S_IFREG | (f->mode == 0755 ? 0755 : 0644))) << 16;
        if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) < 0 ||
            zip_file_set_dostime(za, (zip_uint64_t)idx, BUNDLE_DOS_TIME, BUNDLE_DOS_DATE, 0) < 0 ||
            zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX, attrs) < 0)
            goto out;
    }
    if (zip_close(za) < 0)
        goto out;
    za = NULL;
    rc = source_bytes(src, zip_out, len_out);
out:
    if (za)
        zip_discard(za);
    zip_source_free(src);
    zip_error_fini(&ze);
    free(name);
    free(sorted);
    return rc;
}

void bundle_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    static const char hex[] = "0123456789abcdef";
    if (EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) != 1 || md_len != 32) {
        out[0] = '\0';
        return;
    }
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}

/* Opens a ZIP held in memory (borrowed) read-only; NULL for a corrupt one. */
static zip_t *open_memory(const unsigned char *zip, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(zip, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!za)
        zip_source_free(src);
    zip_error_fini(&ze);
    return za;
}

/* The entry name without its root folder ("todo-api/app/main.py" → "app/main.py"). */
static const char *relative(const char *name)
{
    const char *slash = strchr(name, '/');
    return slash ? slash + 1 : name;
}

int bundle_read_file(const unsigned char *zip, size_t len, const char *path, size_t max_len,
                     char **data_out, size_t *len_out)
{
    zip_t *za = open_memory(zip, len);
    if (!za)
        return -EINVAL;
    int rc = -ENOENT;
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME) ||
            !(st.valid & ZIP_STAT_SIZE)) {
            rc = -EINVAL;
            break;
        }
        if (strcmp(relative(st.name), path) != 0)
            continue;
        if (st.size > max_len) {
            rc = -E2BIG;
            break;
        }
        char *data = malloc(st.size + 1);
        zip_file_t *zf = data ? zip_fopen_index(za, (zip_uint64_t)i, 0) : NULL;
        zip_int64_t got = zf ? zip_fread(zf, data, st.size) : -1;
        if (zf)
            zip_fclose(zf);
        if (!data) {
            rc = -ENOMEM;
        } else if (got < 0 || (zip_uint64_t)got != st.size) {
            free(data);
            rc = -EINVAL;
        } else {
            data[st.size] = '\0';
            *data_out = data;
            *len_out = (size_t)st.size;
            rc = 0;
        }
        break;
    }
    zip_discard(za);
    return rc;
}

/* Entry i of za into f (path relative to the root, whose length with its slash is root_len).
 * *total counts the bytes read so far. */
static int unpack_entry(zip_t *za, zip_uint64_t i, size_t root_len, size_t *total,
                        struct gen_file *f)
{
    zip_stat_t st;
    if (zip_stat_index(za, i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE) || strlen(st.name) <= root_len ||
        st.name[strlen(st.name) - 1] == '/')
        return -EINVAL;
    if (st.size > BUNDLE_MAX_ZIP - *total)
        return -E2BIG;
    zip_uint8_t opsys;
    zip_uint32_t attrs = 0;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attrs) < 0)
        return -EINVAL;
    f->mode = opsys == ZIP_OPSYS_UNIX && ((attrs >> 16) & 0111) ? 0755 : 0644;
    f->path = strdup(st.name + root_len);
    f->data = malloc(st.size + 1);
    f->len = (size_t)st.size;
    if (!f->path || !f->data)
        return -ENOMEM;
    zip_file_t *zf = zip_fopen_index(za, i, 0);
    zip_int64_t got = zf ? zip_fread(zf, f->data, st.size) : -1;
    if (zf)
        zip_fclose(zf);
    if (got < 0 || (zip_uint64_t)got != st.size)
        return -EINVAL;
    *total += f->len;
    return 0;
}

int bundle_unpack(const unsigned char *zip, size_t len, struct gen_tree *out, char **root_out)
{
    *out = (struct gen_tree){0};
    *root_out = NULL;
    zip_t *za = open_memory(zip, len);
    if (!za)
        return -EINVAL;
    zip_int64_t n = zip_get_num_entries(za, 0);
    const char *first = n > 0 ? zip_get_name(za, 0, 0) : NULL;
    const char *slash = first ? strchr(first, '/') : NULL;
    int rc = slash ? 0 : -EINVAL;
    size_t root_len = slash ? (size_t)(slash - first) + 1 : 0;
    if (rc == 0 && !(*root_out = strndup(first, root_len)))
        rc = -ENOMEM;
    if (rc == 0 && !(out->files = calloc((size_t)n, sizeof(*out->files))))
        rc = -ENOMEM;
    size_t total = 0;
    for (zip_int64_t i = 0; rc == 0 && i < n; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
        if (!name || strncmp(name, *root_out, root_len) != 0) {
            rc = -EINVAL; /* every entry lives under the one root folder */
            break;
        }
        rc = unpack_entry(za, (zip_uint64_t)i, root_len, &total, &out->files[i]);
        out->n = (size_t)i + 1;
    }
    zip_discard(za);
    if (rc < 0) {
        gen_tree_clear(out);
        free(*root_out);
        *root_out = NULL;
    }
    return rc;
}

json_t *bundle_list(const unsigned char *zip, size_t len)
{
    zip_t *za = open_memory(zip, len);
    if (!za)
        return NULL;
    json_t *list = json_array();
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; list && i < n; i++) {
        zip_stat_t st;
        json_t *item = NULL;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_NAME) &&
            (st.valid & ZIP_STAT_SIZE))
            item = json_pack("{s:s, s:I}", "path", relative(st.name), "size", (json_int_t)st.size);
        if (!item || json_array_append_new(list, item)) {
            json_decref(list);
            list = NULL;
        }
    }
    zip_discard(za);
    return list;
}
