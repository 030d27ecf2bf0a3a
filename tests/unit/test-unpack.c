/* unpack.c against hostile ZIPs made with libzip: traversal ("../", absolute, backslash,
 * a second top folder), links and special files, a link planted on disk before unpacking,
 * a file used as a directory, the size and count caps (also when the stored size lies), and the
 * tree removal that never follows a link. */
#include "tap.h"
#include "sandbox/unpack.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

struct entry {
    const char *name;
    const char *data; /* NULL: a directory */
    unsigned mode;    /* 0: regular file 0644 / dir 0755 */
    size_t repeat;    /* data repeated this many times (0 = once) */
};

/* A ZIP of the entries in memory (malloc'ed). */
static unsigned char *make_zip(const struct entry *e, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    char *bufs[16] = {0};
    for (size_t i = 0; i < n && i < 16; i++) {
        zip_int64_t idx;
        if (!e[i].data) {
            idx = zip_dir_add(za, e[i].name, ZIP_FL_ENC_UTF_8);
        } else {
            size_t reps = e[i].repeat ? e[i].repeat : 1, dl = strlen(e[i].data);
            bufs[i] = malloc(dl * reps + 1);
            for (size_t r = 0; r < reps; r++)
                memcpy(bufs[i] + r * dl, e[i].data, dl);
            zip_source_t *fs = zip_source_buffer(za, bufs[i], dl * reps, 0);
            idx = zip_file_add(za, e[i].name, fs, ZIP_FL_ENC_UTF_8);
        }
        if (idx >= 0 && e[i].mode)
            zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                             (zip_uint32_t)e[i].mode << 16);
    }
    zip_close(za);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    *len = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc(*len);
    zip_source_read(src, out, *len);
    zip_source_close(src);
    zip_source_free(src);
    for (int i = 0; i < 16; i++)
        free(bufs[i]);
    return out;
}

static char base[256];

static int fresh_dir(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", base, name);
    mkdir(path, 0755);
    return open(path, O_RDONLY | O_DIRECTORY);
}

static int unpack(const char *dir, const struct entry *e, size_t n, const struct unpack_limits *l,
                  char *bad)
{
    size_t len;
    unsigned char *zip = make_zip(e, n, &len);
    int fd = fresh_dir(dir);
    int rc = unpack_zip(zip, len, fd, l, (uid_t)-1, (gid_t)-1, bad, 300);
    close(fd);
    free(zip);
    return rc;
}

static bool exists(const char *rel)
{
    char path[600];
    snprintf(path, sizeof(path), "%s/%s", base, rel);
    struct stat st;
    return lstat(path, &st) == 0;
}

int main(void)
{
    snprintf(base, sizeof(base), "%s/bf-unpack-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(base)) {
        printf("Bail out! mkdtemp\n");
        return 1;
    }
    char bad[300];

    const struct entry good[] = {{"p/", NULL, 0, 0},
                                 {"p/app/main.py", "print('hi')\n", 0, 0},
                                 {"p/app/routers/x.py", "x = 1\n", 0, 0},
                                 {"p/README.md", "# p\n", 0, 0}};
    is_int(unpack("good", good, 4, NULL, bad), 0, "a normal project unpacks");
    ok(exists("good/app/main.py") && exists("good/app/routers/x.py") && exists("good/README.md"),
       "files land under the project, the top folder stripped");
    ok(!exists("good/p"), "no top folder inside");

    const char *evil[] = {"p/../escape.txt", "/etc/evil",      "p/a\\..\\b", "p/./x", "p//x",
                          "q/other-root",    "top-level-file", "p/tab\there"};
    for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
        const struct entry e[] = {{"p/ok.txt", "ok", 0, 0}, {evil[i], "bad", 0, 0}};
        char dir[32];
        snprintf(dir, sizeof(dir), "evil%zu", i);
        is_int(unpack(dir, e, 2, NULL, bad), -EINVAL, "refused: %s (%s)", evil[i], bad);
    }
    ok(!exists("escape.txt"), "nothing written beside the target");

    const struct entry link[] = {{"p/innocent", "/etc/passwd", 0120777, 0}};
    is_int(unpack("link", link, 1, NULL, bad), -EINVAL, "a symlink entry is refused");
    ok(strstr(bad, "link") != NULL, "and named: %s", bad);
    const struct entry fifo[] = {{"p/fifo", "", 010644, 0}};
    is_int(unpack("fifo", fifo, 1, NULL, bad), -EINVAL, "a special file is refused");

    /* A link already in the target (planted by earlier code): never followed. */
    int fd = fresh_dir("planted");
    ok(symlinkat(base, fd, "app") == 0, "plant a link");
    close(fd);
    const struct entry through[] = {{"p/app/pwned.txt", "x", 0, 0}};
    ok(unpack("planted", through, 1, NULL, bad) < 0, "a planted directory link is not followed");
    ok(!exists("pwned.txt"), "nothing written through it");

    const struct entry dup[] = {{"p/a", "1", 0, 0}, {"p/a/b.txt", "2", 0, 0}};
    ok(unpack("dup", dup, 2, NULL, bad) < 0, "a file used as a directory is refused");

    struct unpack_limits small = {.max_entries = 3, .max_file_bytes = 1000, .max_total = 1500};
    const struct entry many[] = {
        {"p/1", "a", 0, 0}, {"p/2", "a", 0, 0}, {"p/3", "a", 0, 0}, {"p/4", "a", 0, 0}};
    is_int(unpack("many", many, 4, &small, bad), -E2BIG, "entry count cap");
    const struct entry big[] = {{"p/big", "x", 0, 2000}};
    is_int(unpack("big", big, 1, &small, bad), -E2BIG, "file size cap");
    const struct entry total[] = {{"p/a", "x", 0, 900}, {"p/b", "x", 0, 900}};
    is_int(unpack("total", total, 2, &small, bad), -E2BIG, "total size cap");
    is_int(unpack_zip((const unsigned char *)"not a zip", 9, AT_FDCWD, NULL, (uid_t)-1, (gid_t)-1,
                      bad, sizeof(bad)),
           -EINVAL, "garbage is not a ZIP");

    /* Removal: a link to outside inside the tree goes, its target stays. */
    char outside[600];
    snprintf(outside, sizeof(outside), "%s/keep.txt", base);
    FILE *f = fopen(outside, "w");
    fputs("keep", f);
    fclose(f);
    fd = open(base, O_RDONLY | O_DIRECTORY);
    int g = openat(fd, "good", O_RDONLY | O_DIRECTORY);
    ok(symlinkat(outside, g, "link-out") == 0 && symlinkat(base, g, "dir-link-out") == 0,
       "links to outside inside the tree");
    close(g);
    is_int(unpack_remove_tree(fd, "good"), 0, "tree removed");
    ok(!exists("good"), "gone");
    ok(exists("keep.txt") && exists("link"), "link targets outside untouched");
    const char *dirs[] = {"link",  "fifo",  "planted", "dup",   "many",  "big",   "total", "evil0",
                          "evil1", "evil2", "evil3",   "evil4", "evil5", "evil6", "evil7"};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        unpack_remove_tree(fd, dirs[i]);
    unlinkat(fd, "keep.txt", 0);
    close(fd);
    rmdir(base);
    return tap_done();
}
