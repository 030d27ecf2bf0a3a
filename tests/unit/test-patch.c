/* pipeline/patch.c and llm/fix.c without a model: a version read back from a real ZIP,
 * patches refused for every hostile shape (traversal, absolute, hidden, links and modes,
 * binary, huge, too many, platform-owned files, folders, duplicates, no-ops), an accepted
 * patch applied all or nothing into a reproducible ZIP, a ZIP holding a link refused, and
 * the fix prompt: no secrets, relevant files first, tolerant reading of replies. */
#include "codegen/bundle.h"
#include "llm/fix.h"
#include "pipeline/patch.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

static struct gen_file file(const char *path, const char *data)
{
    return (struct gen_file){
        .path = strdup(path), .data = strdup(data), .len = strlen(data), .mode = 0644};
}

static struct patch_version version;

/* patch_check on a JSON text; returns the result and the first problem in buf. */
static int check(const char *json, char *first, size_t size)
{
    json_error_t e;
    json_t *patch = json_loads(json, JSON_ALLOW_NUL, &e);
    if (!patch) {
        snprintf(first, size, "bad test JSON: %s", e.text);
        return -999;
    }
    struct problems errs;
    problems_init(&errs, 20);
    int rc = patch_check(patch, &version, (const char *[]){"app/config.py", NULL}, &errs);
    snprintf(first, size, "%s %s", errs.n ? errs.items[0].path : "",
             errs.n ? errs.items[0].message : "");
    problems_clear(&errs);
    json_decref(patch);
    return rc;
}

static void refused(const char *json, const char *want, const char *what)
{
    char first[512];
    int rc = check(json, first, sizeof(first));
    ok(rc == -EINVAL && strstr(first, want), "refused: %s (%s)", what, first);
}

static char *big_patch(size_t bytes)
{
    char *content = malloc(bytes + 1);
    memset(content, 'a', bytes);
    content[bytes] = '\0';
    json_t *p = json_pack("{s:[{s:s, s:s}]}", "files", "path", "app/big.py", "content", content);
    free(content);
    char *s = json_dumps(p, 0);
    json_decref(p);
    return s;
}

static void test_paths(void)
{
    const char *why;
    ok(patch_path_ok("app/routers/tasks.py", &why), "a plain relative path is fine");
    ok(!patch_path_ok("../etc/passwd", &why) && strstr(why, ".."), "../ refused: %s", why);
    ok(!patch_path_ok("app/../../x", &why), "a .. in the middle refused");
    ok(!patch_path_ok("/etc/passwd", &why) && strstr(why, "absolute"), "absolute refused");
    ok(!patch_path_ok("app//x.py", &why), "empty component refused");
    ok(!patch_path_ok("app/./x.py", &why), ". component refused");
    ok(!patch_path_ok(".env", &why) && strstr(why, "hidden"), ".env refused: %s", why);
    ok(!patch_path_ok("app\\x.py", &why) && strstr(why, "backslash"), "backslash refused");
    ok(!patch_path_ok("app/x y.py", &why), "space refused");
    ok(!patch_path_ok("app/\xc3\xa9.py", &why), "non-ASCII refused");
    ok(!patch_path_ok("a/b/c/d/e/f/g/h/i.py", &why), "nine levels refused");
    ok(!patch_path_ok("", &why), "empty refused");
    ok(patch_path_protected("backforge.json") && patch_path_protected("verify/suite.json") &&
           patch_path_protected("verify/verify.py") && !patch_path_protected("app/main.py"),
       "backforge.json and verify/ are the platform's");
}

static void test_check_and_apply(const unsigned char *zip, size_t len)
{
    char first[512];
    is_int(check("{\"files\": [{\"path\": \"app/actions.py\", \"content\": \"x = 2\\n\"}], "
                 "\"summary\": \"fix\"}",
                 first, sizeof(first)),
           0, "a replacement of one app file passes");
    is_int(check("{\"files\": [{\"path\": \"app/helpers.py\", \"content\": \"y = 1\\n\"}]}", first,
                 sizeof(first)),
           0, "a new file passes");
    refused("{\"files\": [{\"path\": \"../outside.py\", \"content\": \"x\"}]}", "..", "../ path");
    refused("{\"files\": [{\"path\": \"/tmp/x.py\", \"content\": \"x\"}]}", "absolute",
            "absolute path");
    refused("{\"files\": [{\"path\": \"app/actions.py\", \"content\": \"x\", \"mode\": 41471}]}",
            "cannot set modes or make links", "a mode");
    refused(
        "{\"files\": [{\"path\": \"app/link\", \"content\": \"/etc/shadow\", \"symlink\": true}]}",
        "make links", "a symlink entry");
    refused(
        "{\"files\": [{\"path\": \"app/link\", \"link_target\": \"/etc\", \"content\": \"\"}]}",
        "make links", "a link target");
    refused("{\"files\": [{\"path\": \"app/actions.py\", \"content\": \"a\\u0000b\"}]}", "NUL",
            "NUL in content");
    refused("{\"files\": [{\"path\": \"app/actions.py\", \"content\": \"\\u0001\\u0002ELF\"}]}",
            "control characters", "binary content");
    refused("{\"files\": [{\"path\": \"backforge.json\", \"content\": \"{}\"}]}",
            "owned by the platform", "backforge.json");
    refused("{\"files\": [{\"path\": \"verify/suite.json\", \"content\": \"{}\"}]}",
            "owned by the platform", "verify/suite.json");
    refused("{\"files\": [{\"path\": \"app/config.py\", \"content\": \"x = 1\\n\"}]}",
            "secrets withheld", "a file shown redacted");
    refused("{\"files\": [{\"path\": \"app\", \"content\": \"x\"}]}", "folder", "a folder");
    refused("{\"files\": [{\"path\": \"app/actions.py/x.py\", \"content\": \"x\"}]}",
            "below a file", "a file below a file");
    refused("{\"files\": [{\"path\": \"app/a.py\", \"content\": \"1\"}, {\"path\": \"app/a.py\", "
            "\"content\": \"2\"}]}",
            "twice", "the same path twice");
    refused("{\"files\": [{\"path\": \"app/actions.py\", \"content\": \"x = 1\\n\"}]}",
            "change nothing", "a patch that changes nothing");
    refused("{\"files\": []}", "non-empty", "no files");
    refused("{\"summary\": \"x\"}", "non-empty", "no files key");
    refused("[1]", "JSON object", "not an object");
    refused("{\"files\": [{\"path\": 7, \"content\": \"x\"}]}", "string", "a numeric path");
    refused("{\"files\": [{\"path\": \"app/x.py\", \"content\": \"x\", \"colour\": 1}]}",
            "unknown key", "an unknown key");
    char *big = big_patch(PATCH_MAX_FILE_BYTES + 1);
    refused(big, "256 KiB", "a file over 256 KiB");
    free(big);
    big = big_patch(PATCH_MAX_FILE_BYTES);
    is_int(check(big, first, sizeof(first)), 0, "a file of exactly 256 KiB passes");
    free(big);
    /* 21 files */
    json_t *many = json_object(), *arr = json_array();
    for (int i = 0; i < PATCH_MAX_FILES + 1; i++) {
        char path[32];
        snprintf(path, sizeof(path), "app/f%d.py", i);
        json_array_append_new(arr, json_pack("{s:s, s:s}", "path", path, "content", "x"));
    }
    json_object_set_new(many, "files", arr);
    char *text = json_dumps(many, 0);
    refused(text, "more than 20", "21 files");
    free(text);
    /* 5 files of 250 KiB: each fine, 1.2 MiB together too much */
    json_array_clear(arr);
    char *chunk = malloc(250 * 1024 + 1);
    memset(chunk, 'b', 250 * 1024);
    chunk[250 * 1024] = '\0';
    for (int i = 0; i < 5; i++) {
        char path[32];
        snprintf(path, sizeof(path), "app/g%d.py", i);
        json_array_append_new(arr, json_pack("{s:s, s:s}", "path", path, "content", chunk));
    }
    free(chunk);
    text = json_dumps(many, 0);
    refused(text, "1 MiB", "1.2 MiB in all");
    free(text);
    json_decref(many);

    /* apply: the replaced file changes, everything else is byte for byte the same */
    json_t *patch =
        json_loads("{\"files\": [{\"path\": \"app/actions.py\", \"content\": "
                   "\"x = 2\\n\"}, {\"path\": \"app/new.py\", \"content\": \"n\\n\"}]}",
                   0, NULL);
    unsigned char *z = NULL, *z2 = NULL;
    size_t zl = 0, zl2 = 0;
    json_t *changed = NULL, *changed2 = NULL;
    is_int(patch_apply(patch, &version, &z, &zl, &changed), 0, "apply the patch");
    is_int(patch_apply(patch, &version, &z2, &zl2, &changed2), 0, "apply it again");
    ok(zl == zl2 && memcmp(z, z2, zl) == 0, "the same patch gives the same ZIP bytes");
    char *data = NULL;
    size_t dl = 0;
    is_int(bundle_read_file(z, zl, "app/actions.py", 1024, &data, &dl), 0, "replaced file read");
    is_str(data, "x = 2\n", "it holds the new content");
    free(data);
    is_int(bundle_read_file(z, zl, "app/new.py", 1024, &data, &dl), 0, "added file read");
    free(data);
    is_int(bundle_read_file(z, zl, "backforge.json", 1024, &data, &dl), 0, "untouched file kept");
    is_str(data, "{\"spec_version\": 1}\n", "byte for byte");
    free(data);
    is_str(json_string_value(json_object_get(json_array_get(changed, 0), "change")), "replaced",
           "changed lists the replacement");
    is_str(json_string_value(json_object_get(json_array_get(changed, 1), "change")), "added",
           "and the new file");
    struct patch_version again;
    is_int(patch_version_load(z, zl, &again), 0, "the new ZIP reads back");
    is_str(again.root, "calc-api/", "under the same root");
    is_int(again.tree.n, version.tree.n + 1, "one file more");
    patch_version_clear(&again);
    free(z);
    free(z2);
    json_decref(changed);
    json_decref(changed2);
    json_decref(patch);
    patch = json_loads("{\"files\": [{\"path\": \"../x\", \"content\": \"x\"}]}", 0, NULL);
    is_int(patch_apply(patch, &version, &z, &zl, &changed), -EINVAL,
           "apply refuses what check refuses");
    ok(z == NULL && changed == NULL, "and hands out nothing");
    json_decref(patch);
    (void)zip;
    (void)len;
}

/* A ZIP with a symbolic link entry (as a hostile or corrupt store could hold). */
static void test_link_in_version(void)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    zip_source_t *a = zip_source_buffer(za, "x = 1\n", 6, 0);
    zip_file_add(za, "p/app/main.py", a, 0);
    zip_source_t *l = zip_source_buffer(za, "/etc/shadow", 11, 0);
    zip_int64_t idx = zip_file_add(za, "p/app/secret", l, 0);
    zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                     (zip_uint32_t)(S_IFLNK | 0777) << 16);
    zip_close(za);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)size);
    zip_source_read(src, buf, (zip_uint64_t)size);
    zip_source_close(src);
    zip_source_free(src);
    struct patch_version v;
    is_int(patch_version_load(buf, (size_t)size, &v), -ELOOP,
           "a version holding a link is refused");
    is_int(patch_version_load(buf, 10, &v), -EINVAL, "a truncated ZIP is refused");
    free(buf);
}

static void test_prompt(void)
{
    json_t *spec = json_loads("{\"name\": \"calc-api\", \"entities\": [{\"name\": \"Task\", "
                              "\"plural\": \"tasks\"}], \"actions\": []}",
                              0, NULL);
    json_t *report = json_loads(
        "{\"tests\": [{\"name\": \"health\", \"verdict\": \"pass\"}, {\"name\": \"add: example "
        "1\", "
        "\"group\": \"action:add\", \"verdict\": \"fail\", \"request\": {\"method\": \"POST\"}, "
        "\"expected\": {\"status\": 200}, \"actual\": {\"status\": 200, \"json\": {\"sum\": "
        "6}}}], "
        "\"pytest\": {\"status\": \"failed\", \"output_tail\": \"FAILED tests/test_x.py - "
        "postgresql://job_1:hunter2pw@/db SECRET_KEY=abcdef0123\"}}",
        0, NULL);
    json_t *files = json_pack(
        "[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]",
        "path", "app/actions.py", "content", "def add(a, b):\n    return {'sum': a + b + 1}\n",
        "path", "app/config.py", "content",
        "class Settings:\n    secret_key: str = \"super-secret-value\"\n    "
        "password_hash_iterations: "
        "int = 600_000\n",
        "path", ".env.example", "content", "SECRET_KEY=change-me\n", "path", "backforge.json",
        "content", "{}", "path", "tests/test_x.py", "content", "def test_x():\n    pass\n", "path",
        "app/routers/tasks.py", "content", "router = 1\n", "path", "deploy/server.key", "content",
        "-----BEGIN PRIVATE KEY-----\n");
    struct llm_fix_input in = {.spec = spec,
                               .report = report,
                               .reason = "1 of 2 tests failed",
                               .log_tail = "INFO started\nDATABASE_URL=postgresql://u:pw1234@/x\n",
                               .files = files,
                               .attempt = 2,
                               .max_attempts = 3};
    struct llm_fix_prompt p;
    is_int(llm_fix_prompt_build(&in, &p), 0, "the prompt builds");
    const char *user =
        json_string_value(json_object_get(json_array_get(p.messages, 1), "content"));
    ok(user && !strstr(user, "super-secret-value"), "a secret literal is withheld");
    ok(user && !strstr(user, "hunter2pw") && !strstr(user, "pw1234"),
       "URL passwords are withheld from the tails");
    ok(user && !strstr(user, "abcdef0123"), "SECRET_KEY=... is withheld from the tails");
    ok(user && !strstr(user, "change-me") && !strstr(user, "PRIVATE KEY"),
       ".env files and keys are never shown");
    ok(user && strstr(user, "600_000"), "a number assigned to a password setting stays");
    ok(user && strstr(user, "a + b + 1"), "the failing action's file is shown");
    ok(user && strstr(user, "\\\"sum\\\": 6") == NULL && strstr(user, "\"sum\": 6"),
       "the failing step's actual response is shown");
    ok(user && !strstr(user, "\"name\": \"health\""), "passing steps are left out");
    json_t *doc = json_loads(user, 0, NULL);
    const char *first = json_string_value(
        json_object_get(json_array_get(json_object_get(doc, "files"), 0), "path"));
    is_str(first, "tests/test_x.py", "a file named in the pytest output comes first");
    is_str(json_string_value(json_array_get(p.protected, 0)), "app/config.py",
           "the redacted file is protected");
    json_decref(doc);
    llm_fix_prompt_clear(&p);

    json_t *patch = NULL;
    const char *fenced = "Sure.\n```json\n{\"files\": [{\"path\": \"app/a.py\", \"content\": "
                         "\"x\"}], \"summary\": \"s\"}\n```\n";
    is_int(llm_fix_parse(fenced, strlen(fenced), &patch), 0, "a fenced reply is read");
    ok(json_is_array(json_object_get(patch, "files")), "with its files");
    json_decref(patch);
    const char *wrapped = "{\"patch\": {\"files\": [], \"summary\": \"s\"}}";
    is_int(llm_fix_parse(wrapped, strlen(wrapped), &patch), 0, "a wrapped reply is read");
    json_decref(patch);
    is_int(llm_fix_parse("no json here", 12, &patch), -EINVAL, "prose alone is no patch");
    is_int(llm_fix_parse("{\"spec_version\": 1}", 19, &patch), -EINVAL,
           "an object without files is no patch");
    json_decref(spec);
    json_decref(report);
    json_decref(files);
}

int main(void)
{
    test_paths();
    struct gen_file files[4] = {
        file("app/actions.py", "x = 1\n"),
        file("app/config.py", "secret_key = \"s\"\n"),
        file("backforge.json", "{\"spec_version\": 1}\n"),
        file("verify/suite.json", "{}\n"),
    };
    struct gen_tree t = {.files = files, .n = 4};
    unsigned char *zip = NULL;
    size_t len = 0;
    is_int(bundle_zip(&t, "calc-api/", &zip, &len), 0, "a version ZIP");
    is_int(patch_version_load(zip, len, &version), 0, "read back for patching");
    is_str(version.root, "calc-api/", "its root folder");
    is_int(version.tree.n, 4, "every file");
    test_check_and_apply(zip, len);
    test_link_in_version();
    test_prompt();
    patch_version_clear(&version);
    free(zip);
    for (size_t i = 0; i < t.n; i++) {
        free(files[i].path);
        free(files[i].data);
    }
    return tap_done();
}
