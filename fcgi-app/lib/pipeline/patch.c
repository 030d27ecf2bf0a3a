/* Checking and applying auto-fix patches (see patch.h). A version is read back from its
 * ZIP with libzip (regular files only), a patch is judged path by path and byte by byte
 * against it, and an accepted patch is packed by codegen/bundle.c into a new ZIP, so the
 * result is as reproducible as a generated version. Nothing is written anywhere else. */
#include "pipeline/patch.h"

#include "codegen/bundle.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

void patch_version_clear(struct patch_version *v)
{
    gen_tree_clear(&v->tree);
    v->root[0] = '\0';
}

/* Appends one regular file to the tree (takes ownership of data). */
static int tree_add(struct gen_tree *t, size_t *cap, const char *path, char *data, size_t len,
                    unsigned mode)
{
    if (t->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct gen_file *f = realloc(t->files, ncap * sizeof(*f));
        if (!f)
            return -ENOMEM;
        t->files = f;
        *cap = ncap;
    }
    char *p = strdup(path);
    if (!p)
        return -ENOMEM;
    t->files[t->n++] = (struct gen_file){.path = p, .data = data, .len = len, .mode = mode};
    return 0;
}

/* The Unix mode an entry carries, 0 when it says none (then it is a plain file). */
static unsigned entry_mode(zip_t *za, zip_uint64_t i)
{
    zip_uint8_t opsys;
    zip_uint32_t attrs;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attrs) < 0 || opsys != ZIP_OPSYS_UNIX)
        return 0;
    return attrs >> 16;
}

static int read_entry(zip_t *za, zip_uint64_t i, size_t size, char **out)
{
    char *data = malloc(size + 1);
    if (!data)
        return -ENOMEM;
    zip_file_t *zf = zip_fopen_index(za, i, 0);
    zip_int64_t got = zf ? zip_fread(zf, data, size) : -1;
    if (zf)
        zip_fclose(zf);
    if (got < 0 || (size_t)got != size) {
        free(data);
        return -EINVAL;
    }
    data[size] = '\0';
    *out = data;
    return 0;
}

int patch_version_load(const unsigned char *zip, size_t len, struct patch_version *out)
{
    memset(out, 0, sizeof(*out));
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(zip, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!za)
        zip_source_free(src);
    zip_error_fini(&ze);
    if (!za)
        return -EINVAL;
    int rc = 0;
    size_t cap = 0, total = 0;
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n > PATCH_MAX_VERSION_FILES)
        rc = -E2BIG;
    for (zip_int64_t i = 0; rc == 0 && i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME) ||
            !(st.valid & ZIP_STAT_SIZE)) {
            rc = -EINVAL;
            break;
        }
        unsigned mode = entry_mode(za, (zip_uint64_t)i);
        if ((mode & S_IFMT) != 0 && (mode & S_IFMT) != S_IFREG) {
            rc = (mode & S_IFMT) == S_IFDIR ? 0 : -ELOOP;
            continue; /* a directory entry carries nothing; anything else stops it all */
        }
        const char *slash = strchr(st.name, '/');
        size_t root_len = slash ? (size_t)(slash - st.name) + 1 : 0;
        if (!slash || root_len >= sizeof(out->root) || slash[1] == '\0') {
            rc = slash && slash[1] == '\0' ? 0 : -EINVAL; /* "root/" alone is a folder */
            continue;
        }
        if (!out->root[0])
            memcpy(out->root, st.name, root_len), out->root[root_len] = '\0';
        else if (strncmp(out->root, st.name, root_len) != 0 || strlen(out->root) != root_len) {
            rc = -EINVAL;
            break;
        }
        if (st.size > BUNDLE_MAX_ZIP || (total += st.size) > BUNDLE_MAX_ZIP) {
            rc = -E2BIG;
            break;
        }
        char *data = NULL;
        if ((rc = read_entry(za, (zip_uint64_t)i, (size_t)st.size, &data)) < 0)
            break;
        rc = tree_add(&out->tree, &cap, slash + 1, data, (size_t)st.size,
                      (mode & 0111) ? 0755 : 0644);
        if (rc < 0)
            free(data);
    }
    zip_discard(za);
    if (rc < 0)
        patch_version_clear(out);
    return rc;
}

bool patch_path_ok(const char *path, const char **why)
{
    size_t len = strlen(path);
    *why = NULL;
    if (len == 0)
        *why = "is empty";
    else if (len > PATCH_MAX_PATH)
        *why = "is longer than 200 bytes";
    else if (path[0] == '/')
        *why = "is absolute; paths are relative to the project root";
    else if (path[len - 1] == '/')
        *why = "names a folder, not a file";
    if (*why)
        return false;
    int depth = 0;
    for (const char *c = path; *c;) {
        const char *end = strchr(c, '/');
        size_t n = end ? (size_t)(end - c) : strlen(c);
        if (n == 0)
            *why = "has an empty component (//)";
        else if ((n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
            *why = "has a . or .. component; paths must stay inside the project";
        else if (c[0] == '.')
            *why = "names a hidden file or folder (leading dot)";
        for (size_t i = 0; !*why && i < n; i++) {
            unsigned char ch = (unsigned char)c[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.'))
                *why = ch == '\\' ? "has a backslash; use '/' between folders"
                                  : "has a character outside A-Z a-z 0-9 _ - . /";
        }
        if (*why)
            return false;
        if (++depth > PATCH_MAX_DEPTH) {
            *why = "is nested deeper than 8 folders";
            return false;
        }
        c = end ? end + 1 : c + n;
    }
    return true;
}

bool patch_path_protected(const char *path)
{
    return strcmp(path, "backforge.json") == 0 || strcmp(path, "PROJECT_REPORT.md") == 0 ||
           strncmp(path, "verify/", 7) == 0;
}

/* Text only: valid UTF-8 (shortest forms, no surrogates), no NUL, no C0 control
 * characters but tab, newline, carriage return and form feed, no DEL. */
static const char *text_problem(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0)
                return "holds a NUL byte; only text files can be patched";
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
                return "holds control characters; only text files can be patched";
            i++;
            continue;
        }
        size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        uint32_t cp = c & (n == 4 ? 0x07 : n == 3 ? 0x0f : 0x1f);
        if (c < 0xc2 || c > 0xf4 || i + n > len)
            return "is not valid UTF-8";
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return "is not valid UTF-8";
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return "is not valid UTF-8";
        i += n;
    }
    return NULL;
}

static const struct gen_file *version_file(const struct patch_version *v, const char *path)
{
    for (size_t i = 0; i < v->tree.n; i++)
        if (strcmp(v->tree.files[i].path, path) == 0)
            return &v->tree.files[i];
    return NULL;
}

/* A folder of the version ("app" when "app/main.py" exists), or a path below a file of
 * the version ("app/main.py/x"): both would need a file and a folder of one name. */
static const char *shape_problem(const struct patch_version *v, const char *path)
{
    size_t len = strlen(path);
    for (size_t i = 0; i < v->tree.n; i++) {
        const char *p = v->tree.files[i].path;
        size_t plen = strlen(p);
        if (plen > len && strncmp(p, path, len) == 0 && p[len] == '/')
            return "names a folder of the project, not a file";
        if (len > plen && strncmp(path, p, plen) == 0 && path[plen] == '/')
            return "puts a file below a file of the project";
    }
    return NULL;
}

static bool listed(const char *const *list, const char *path)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], path) == 0)
            return true;
    return false;
}

/* Keys a file entry may carry; a mode or a link is something a patch cannot ask for. */
static int check_keys(const json_t *entry, const char *at, struct problems *errs)
{
    const char *key;
    json_t *val;
    int rc = 0;
    json_object_foreach((json_t *)entry, key, val)
    {
        if (strcmp(key, "path") == 0 || strcmp(key, "content") == 0)
            continue;
        bool linkish = strcmp(key, "mode") == 0 || strcmp(key, "type") == 0 ||
                       strstr(key, "link") || strcmp(key, "target") == 0 ||
                       strcmp(key, "permissions") == 0 || strcmp(key, "executable") == 0;
        rc = problems_add(errs, at, "%s \"%.40s\": %s", linkish ? "refused key" : "unknown key",
                          key,
                          linkish ? "a patch replaces file contents only; it cannot set modes "
                                    "or make links"
                                  : "a file entry has only path and content");
        if (rc < 0)
            return rc;
        rc = 1;
    }
    return rc;
}

/* One entry; *bytes grows by its content's size. 1 when a problem was added, 0, -ENOMEM. */
static int check_entry(const json_t *entry, size_t i, const struct patch_version *v,
                       const char *const *protect, const json_t *files, size_t *bytes,
                       bool *changes, struct problems *errs)
{
    char at[48];
    snprintf(at, sizeof(at), "$.files[%zu]", i);
    if (!json_is_object(entry))
        return problems_add(errs, at, "must be an object {\"path\", \"content\"}") < 0 ? -ENOMEM
                                                                                       : 1;
    int bad = check_keys(entry, at, errs);
    if (bad < 0)
        return bad;
    const json_t *jp = json_object_get(entry, "path"), *jc = json_object_get(entry, "content");
    char ap[64];
    snprintf(ap, sizeof(ap), "%s.path", at);
    const char *path = json_string_value(jp);
    const char *why = NULL;
    if (!path)
        why = "must be a string";
    else if (strlen(path) != json_string_length(jp))
        why = "holds a NUL byte";
    else if (!patch_path_ok(path, &why))
        ;
    else if (patch_path_protected(path))
        why = "is owned by the platform (backforge.json, PROJECT_REPORT.md, verify/) and "
              "cannot be changed";
    else if (listed(protect, path))
        why = "was shown with its secrets withheld and cannot be replaced";
    else if (!(why = shape_problem(v, path))) {
        for (size_t k = 0; k < i; k++) {
            const char *other =
                json_string_value(json_object_get(json_array_get(files, k), "path"));
            if (other && strcmp(other, path) == 0) {
                why = "appears twice in the patch";
                break;
            }
        }
    }
    if (why) {
        if (problems_add(errs, ap, "%s", why) < 0)
            return -ENOMEM;
        bad = 1;
    }
    snprintf(ap, sizeof(ap), "%s.content", at);
    why = NULL;
    const char *content = json_string_value(jc);
    size_t clen = json_string_length(jc);
    if (!content)
        why = "must be a string (the whole new file)";
    else if (clen > PATCH_MAX_FILE_BYTES)
        why = "is larger than 256 KiB";
    else
        why = text_problem((const unsigned char *)content, clen);
    if (why) {
        if (problems_add(errs, ap, "%s", why) < 0)
            return -ENOMEM;
        bad = 1;
    }
    if (content)
        *bytes += clen;
    if (!bad && path) {
        const struct gen_file *old = version_file(v, path);
        if (!old || old->len != clen || memcmp(old->data, content, clen) != 0)
            *changes = true;
    }
    return bad;
}

/* Adds the problem and refuses the whole patch: -EINVAL, or -ENOMEM. */
static int refuse(struct problems *errs, const char *path, const char *message)
{
    return problems_add(errs, path, "%s", message) < 0 ? -ENOMEM : -EINVAL;
}

int patch_check(const json_t *patch, const struct patch_version *v, const char *const *protect,
                struct problems *errs)
{
    if (!json_is_object(patch))
        return refuse(errs, "$", "the reply must be a JSON object {\"files\", \"summary\"}");
    const json_t *files = json_object_get(patch, "files");
    const json_t *summary = json_object_get(patch, "summary");
    bool bad = false;
    if (summary &&
        !(json_is_string(summary) && json_string_length(summary) <= PATCH_MAX_SUMMARY)) {
        if (problems_add(errs, "$.summary", "must be a string of at most 2000 bytes") < 0)
            return -ENOMEM;
        bad = true;
    }
    if (!json_is_array(files) || json_array_size(files) == 0)
        return refuse(errs, "$.files", "must be a non-empty array of whole files");
    if (json_array_size(files) > PATCH_MAX_FILES)
        return refuse(errs, "$.files", "holds more than 20 files");
    size_t bytes = 0, i;
    bool changes = false;
    const json_t *entry;
    json_array_foreach(files, i, entry)
    {
        int rc = check_entry(entry, i, v, protect, files, &bytes, &changes, errs);
        if (rc < 0)
            return rc;
        bad = bad || rc > 0;
    }
    if (bytes > PATCH_MAX_TOTAL_BYTES) {
        if (problems_add(errs, "$.files", "hold more than 1 MiB in all") < 0)
            return -ENOMEM;
        bad = true;
    }
    if (!bad && !changes) {
        if (problems_add(errs, "$.files", "change nothing: every file is as it was") < 0)
            return -ENOMEM;
        bad = true;
    }
    return bad ? -EINVAL : 0;
}

int patch_apply(const json_t *patch, const struct patch_version *v, unsigned char **zip_out,
                size_t *len_out, json_t **changed_out)
{
    *zip_out = NULL;
    *changed_out = NULL;
    struct problems errs;
    problems_init(&errs, 1);
    int rc = patch_check(patch, v, NULL, &errs);
    problems_clear(&errs);
    if (rc < 0)
        return rc;
    const json_t *files = json_object_get(patch, "files");
    size_t n = v->tree.n + json_array_size(files);
    /* Borrowed views: the version's files, then the patch's in their place or beside. */
    struct gen_tree t = {.files = calloc(n ? n : 1, sizeof(struct gen_file)), .n = v->tree.n};
    json_t *changed = json_array();
    if (!t.files || !changed) {
        free(t.files);
        json_decref(changed);
        return -ENOMEM;
    }
    memcpy(t.files, v->tree.files, v->tree.n * sizeof(struct gen_file));
    size_t i;
    const json_t *entry;
    json_array_foreach(files, i, entry)
    {
        const char *path = json_string_value(json_object_get(entry, "path"));
        const json_t *jc = json_object_get(entry, "content");
        struct gen_file f = {.path = (char *)path,
                             .data = (char *)json_string_value(jc),
                             .len = json_string_length(jc),
                             .mode = 0644};
        size_t k = 0;
        while (k < v->tree.n && strcmp(t.files[k].path, path) != 0)
            k++;
        if (k < v->tree.n) {
            f.mode = t.files[k].mode;
            t.files[k] = f;
        } else {
            t.files[t.n++] = f;
        }
        json_t *c = json_pack("{s:s, s:s, s:I}", "path", path, "change",
                              k < v->tree.n ? "replaced" : "added", "size", (json_int_t)f.len);
        if (!c || json_array_append_new(changed, c) < 0) {
            rc = -ENOMEM;
            break;
        }
    }
    if (rc == 0)
        rc = bundle_zip(&t, v->root, zip_out, len_out);
    free(t.files);
    if (rc < 0)
        json_decref(changed);
    else
        *changed_out = changed;
    return rc;
}
