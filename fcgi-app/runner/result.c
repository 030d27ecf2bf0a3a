/* Result files between a job process and the runner daemon (see result.h). */
#include "result.h"

#include "codegen/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void path_of(const char *work_dir, long long job_id, const char *ext, char *buf,
                    size_t size)
{
    snprintf(buf, size, "%s/result-%lld.%s", work_dir, job_id, ext);
}

static int write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[700];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -errno;
    int rc = 0;
    for (size_t off = 0; rc == 0 && off < len;) {
        ssize_t n = write(fd, (const char *)data + off, len - off);
        if (n < 0 && errno != EINTR)
            rc = -errno;
        else if (n > 0)
            off += (size_t)n;
    }
    if (close(fd) < 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -errno;
    if (rc < 0)
        unlink(tmp);
    return rc;
}

int result_write(const char *work_dir, long long job_id, const struct verification_result *res,
                 const unsigned char *zip, size_t zip_len)
{
    char path[600];
    int rc = 0;
    if (zip) {
        path_of(work_dir, job_id, "zip", path, sizeof(path));
        rc = write_atomic(path, zip, zip_len);
    }
    char *text = verification_result_dump(res);
    if (!text)
        return -ENOMEM;
    path_of(work_dir, job_id, "json", path, sizeof(path));
    if (rc == 0)
        rc = write_atomic(path, text, strlen(text));
    free(text);
    return rc;
}

/* A whole file of at most max bytes: 0 and a malloc'ed *data (NUL-terminated). */
static int read_whole(const char *path, size_t max, unsigned char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct stat st;
    int rc = fstat(fd, &st) < 0 ? -errno : !S_ISREG(st.st_mode) ? -EINVAL : 0;
    if (rc == 0 && (size_t)st.st_size > max)
        rc = -E2BIG;
    unsigned char *buf = rc == 0 ? malloc((size_t)st.st_size + 1) : NULL;
    if (rc == 0 && !buf)
        rc = -ENOMEM;
    size_t got = 0;
    while (rc == 0 && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno != EINTR)
            rc = -errno;
        else if (n == 0)
            rc = -EINVAL; /* shorter than it said */
        else if (n > 0)
            got += (size_t)n;
    }
    close(fd);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return 0;
}

int result_read(const char *work_dir, long long job_id, struct verification_result *res,
                unsigned char **zip, size_t *zip_len)
{
    *zip = NULL;
    *zip_len = 0;
    char path[600];
    unsigned char *text = NULL;
    size_t len = 0;
    path_of(work_dir, job_id, "json", path, sizeof(path));
    int rc = read_whole(path, RESULT_MAX_BYTES, &text, &len);
    if (rc == 0)
        rc = verification_result_load((const char *)text, res);
    free(text);
    if (rc < 0)
        return rc;
    path_of(work_dir, job_id, "zip", path, sizeof(path));
    rc = read_whole(path, BUNDLE_MAX_ZIP, zip, zip_len);
    if (rc == -ENOENT)
        rc = 0; /* a verification that did not run has none */
    if (rc < 0)
        verification_result_clear(res);
    return rc;
}

void result_remove(const char *work_dir, long long job_id)
{
    static const char *const exts[] = {"json", "zip", "json.tmp", "zip.tmp"};
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        char path[600];
        path_of(work_dir, job_id, exts[i], path, sizeof(path));
        unlink(path);
    }
}
