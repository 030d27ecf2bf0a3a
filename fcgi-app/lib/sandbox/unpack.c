/* Safe ZIP extraction (see unpack.h). A link planted in the archive, or by earlier code in
 * the same directory, is never followed: each component is opened relative to its parent
 * with O_NOFOLLOW, so there is no path the kernel resolves through a link. */
#include "sandbox/unpack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define UNPACK_NAME_MAX  512
#define UNPACK_DEPTH_MAX 24

static void say(char *bad, size_t size, const char *name, const char *why)
{
    if (bad && size)
        snprintf(bad, size, "%.200s: %s", name ? name : "?", why);
}

/* One component: non-empty, not "." or "..", printable ASCII without '\\' or ':'. */
static bool component_ok(const char *c, size_t n)
{
    if (n == 0 || n > 255 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)c[i];
        if (ch < 0x20 || ch >= 0x7f || ch == '\\' || ch == ':')
            return false;
    }
    return true;
}

/* Opens (creating when missing) directory `name` under parent, never through a link. */
static int open_dir_at(int parent, const char *name, uid_t owner, gid_t group)
{
    if (mkdirat(parent, name, 0755) == 0) {
        if (owner != (uid_t)-1 && fchownat(parent, name, owner, group, AT_SYMLINK_NOFOLLOW) < 0)
            return -errno;
    } else if (errno != EEXIST) {
        return -errno;
    }
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

/* Creates the file at the relative path rel (already stripped of the root folder) and
 * returns its fd for writing. */
static int create_path(int root, const char *rel, bool is_dir, uid_t owner, gid_t group)
{
    char path[UNPACK_NAME_MAX + 1];
    snprintf(path, sizeof(path), "%s", rel);
    int dir = dup(root);
    if (dir < 0)
        return -errno;
    char *p = path;
    int depth = 0;
    for (;;) {
        char *slash = strchr(p, '/');
        if (!slash || (is_dir && slash[1] == '\0')) {
            if (slash)
                *slash = '\0';
            int fd;
            if (is_dir) {
                fd = open_dir_at(dir, p, owner, group);
            } else {
                fd = openat(dir, p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
                if (fd < 0)
                    fd = -errno;
                else if (owner != (uid_t)-1 && fchown(fd, owner, group) < 0)
                    fd = -errno;
            }
            close(dir);
            return fd;
        }
        *slash = '\0';
        if (++depth > UNPACK_DEPTH_MAX) {
            close(dir);
            return -E2BIG;
        }
        int next = open_dir_at(dir, p, owner, group);
        close(dir);
        if (next < 0)
            return next;
        dir = next;
        p = slash + 1;
    }
}

/* Checks an entry name and returns the part after the root folder ("" for the root
 * itself), or NULL when refused. root/root_len: the first entry's folder, set on first use. */
static const char *strip_root(const char *name, char *root, size_t *root_len)
{
    size_t n = strlen(name);
    if (n == 0 || n > UNPACK_NAME_MAX || name[0] == '/')
        return NULL;
    /* Every component must be acceptable (a trailing '/' marks a directory). */
    const char *c = name;
    while (*c) {
        const char *e = strchr(c, '/');
        size_t len = e ? (size_t)(e - c) : strlen(c);
        if (!component_ok(c, len))
            return NULL;
        if (!e)
            break;
        c = e + 1;
    }
    const char *first = strchr(name, '/');
    if (!first)
        return NULL; /* a file beside the root folder */
    size_t flen = (size_t)(first - name);
    if (*root_len == 0) {
        if (flen >= 256)
            return NULL;
        memcpy(root, name, flen);
        root[flen] = '\0';
        *root_len = flen;
    } else if (flen != *root_len || memcmp(root, name, flen) != 0) {
        return NULL; /* a second top folder */
    }
    return first + 1;
}

int unpack_zip(const unsigned char *zip, size_t len, int dirfd, const struct unpack_limits *l,
               uid_t owner, gid_t group, char *bad, size_t bad_size)
{
    size_t max_entries = l && l->max_entries ? l->max_entries : 2000;
    size_t max_file = l && l->max_file_bytes ? l->max_file_bytes : 4 * 1024 * 1024;
    size_t max_total = l && l->max_total ? l->max_total : 64 * 1024 * 1024;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(zip, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        say(bad, bad_size, "archive", "not a valid ZIP");
        return -EINVAL;
    }
    int rc = 0;
    zip_int64_t count = zip_get_num_entries(za, 0);
    if (count < 0 || (size_t)count > max_entries) {
        say(bad, bad_size, "archive", "too many entries");
        rc = -E2BIG;
    }
    char root[256] = "";
    size_t root_len = 0, total = 0;
    char *buf = malloc(65536);
    if (!buf)
        rc = -ENOMEM;
    for (zip_int64_t i = 0; rc == 0 && i < count; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME) ||
            !(st.valid & ZIP_STAT_SIZE)) {
            say(bad, bad_size, "archive", "unreadable entry");
            rc = -EINVAL;
            break;
        }
        const char *rel = strip_root(st.name, root, &root_len);
        if (!rel) {
            say(bad, bad_size, st.name, "path refused");
            rc = -EINVAL;
            break;
        }
        size_t nlen = strlen(st.name);
        bool is_dir = st.name[nlen - 1] == '/';
        zip_uint8_t opsys;
        zip_uint32_t attrs;
        if (zip_file_get_external_attributes(za, (zip_uint64_t)i, 0, &opsys, &attrs) == 0 &&
            opsys == ZIP_OPSYS_UNIX && (attrs >> 16) != 0) {
            mode_t mode = (mode_t)(attrs >> 16);
            if (!(S_ISREG(mode) || (S_ISDIR(mode) && is_dir))) {
                say(bad, bad_size, st.name, "not a regular file (link or special file)");
                rc = -EINVAL;
                break;
            }
        }
        if (*rel == '\0')
            continue; /* the root folder itself */
        if (st.size > max_file || total + st.size > max_total) {
            say(bad, bad_size, st.name, "too large");
            rc = -E2BIG;
            break;
        }
        int fd = create_path(dirfd, rel, is_dir, owner, group);
        if (fd < 0) {
            say(bad, bad_size, st.name, fd == -EEXIST ? "duplicate entry" : "cannot be created");
            rc = fd == -EEXIST || fd == -ELOOP || fd == -ENOTDIR ? -EINVAL : fd;
            break;
        }
        if (is_dir) {
            close(fd);
            continue;
        }
        zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
        size_t written = 0;
        if (!zf)
            rc = -EINVAL;
        while (rc == 0) {
            zip_int64_t n = zip_fread(zf, buf, 65536);
            if (n < 0) {
                rc = -EINVAL;
                break;
            }
            if (n == 0)
                break;
            /* The stored size may lie: count what really comes out. */
            written += (size_t)n;
            if (written > max_file || total + written > max_total) {
                rc = -E2BIG;
                break;
            }
            if (write(fd, buf, (size_t)n) != n)
                rc = -EIO;
        }
        if (zf)
            zip_fclose(zf);
        close(fd);
        total += written;
        if (rc < 0)
            say(bad, bad_size, st.name, rc == -E2BIG ? "too large" : "corrupt data");
    }
    free(buf);
    zip_discard(za);
    return rc;
}

static int remove_at(int parent, const char *name, int depth)
{
    if (depth > 64)
        return -ELOOP;
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        /* Not a directory (or a link to one): unlink the entry itself. */
        if (unlinkat(parent, name, 0) < 0 && errno != ENOENT)
            return -errno;
        return 0;
    }
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return -errno;
    }
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int r = remove_at(dirfd(d), e->d_name, depth + 1);
        if (r < 0 && rc == 0)
            rc = r;
    }
    closedir(d);
    if (unlinkat(parent, name, AT_REMOVEDIR) < 0 && errno != ENOENT && rc == 0)
        rc = -errno;
    return rc;
}

int unpack_remove_tree(int dirfd, const char *name)
{
    return remove_at(dirfd, name, 0);
}
