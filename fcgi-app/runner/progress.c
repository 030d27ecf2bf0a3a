/* Stage reports from job processes to the runner daemon (see progress.h). */
#include "progress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int progress_pipe(int fds[2])
{
    return pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0 ? -errno : 0;
}

void progress_init(struct progress *p)
{
    memset(p, 0, sizeof(*p));
    p->fd = -1;
}

void progress_attach(struct progress *p, int read_fd)
{
    progress_detach(p);
    progress_init(p);
    p->fd = read_fd;
}

void progress_detach(struct progress *p)
{
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
}

void progress_send(void *ctx, const char *name, int step, int steps)
{
    int fd = *(const int *)ctx;
    char line[PROGRESS_NAME_MAX + 32];
    int n = snprintf(line, sizeof(line), "%s %d %d\n", name, step, steps);
    if (fd < 0 || n <= 0 || (size_t)n >= sizeof(line))
        return;
    /* One write under PIPE_BUF is atomic; a full pipe (EAGAIN) drops this report. */
    ssize_t written = write(fd, line, (size_t)n);
    (void)written;
}

int progress_parse_line(struct progress *p, const char *line, size_t len)
{
    char name[PROGRESS_NAME_MAX];
    size_t i = 0;
    for (; i < len && line[i] >= 'a' && line[i] <= 'z'; i++)
        if (i + 1 >= sizeof(name))
            return -EINVAL;
    if (i == 0 || i >= len || line[i] != ' ')
        return -EINVAL;
    memcpy(name, line, i);
    name[i] = '\0';
    long nums[2];
    const char *at = line + i + 1, *end = line + len;
    for (int k = 0; k < 2; k++) {
        long v = 0;
        const char *start = at;
        for (; at < end && *at >= '0' && *at <= '9' && at - start < 9; at++)
            v = v * 10 + (*at - '0');
        if (at == start || (k == 0 ? at >= end || *at != ' ' : at != end))
            return -EINVAL;
        nums[k] = v;
        at++;
    }
    if (nums[0] > nums[1])
        return -EINVAL;
    p->name_changed = p->name_changed || strcmp(p->name, name) != 0;
    snprintf(p->name, sizeof(p->name), "%s", name);
    p->step = (int)nums[0];
    p->steps = (int)nums[1];
    p->dirty = true;
    return 0;
}

/* Whole lines of buf (after what a previous read left) go to the parser; a tail without its
 * newline waits for the next read. A line too long to be ours is dropped. */
static void take_lines(struct progress *p, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != '\n') {
            if (p->carry_len < sizeof(p->carry))
                p->carry[p->carry_len] = buf[i];
            p->carry_len++;
            continue;
        }
        if (p->carry_len <= sizeof(p->carry))
            (void)progress_parse_line(p, p->carry, p->carry_len);
        p->carry_len = 0;
    }
}

void progress_drain(struct progress *p)
{
    char buf[512];
    while (p->fd >= 0) {
        ssize_t n = read(p->fd, buf, sizeof(buf));
        if (n > 0) {
            take_lines(p, buf, (size_t)n);
        } else if (n == 0 || errno != EINTR) {
            if (n == 0) /* the job process is gone: nothing more will come */
                progress_detach(p);
            return;
        }
    }
}

bool progress_due(const struct progress *p, long now_ms)
{
    return p->dirty && (p->name_changed || now_ms - p->stored_ms >= PROGRESS_GAP_MS);
}

char *progress_json(const struct progress *p)
{
    char *out = malloc(PROGRESS_NAME_MAX + 64);
    if (!out)
        return NULL;
    if (strcmp(p->name, "suite") == 0)
        snprintf(out, PROGRESS_NAME_MAX + 64, "{\"name\": \"%s\", \"step\": %d, \"steps\": %d}",
                 p->name, p->step, p->steps);
    else
        snprintf(out, PROGRESS_NAME_MAX + 64, "{\"name\": \"%s\"}", p->name);
    return out;
}

void progress_stored(struct progress *p, long now_ms)
{
    p->dirty = false;
    p->name_changed = false;
    p->stored_ms = now_ms;
}
