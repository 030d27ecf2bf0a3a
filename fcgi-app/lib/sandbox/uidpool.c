/* The sandboxes' uid pool (see uidpool.h): one lock file per uid pair, flock'ed for the
 * life of the verification that runs under the pair. */
#include "sandbox/uidpool.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SWEEP_ROUNDS 3 /* kill(-1) rounds: belt and braces against a fork in flight */

/* Kills every process running under uid, from a child that becomes that user: kill(-1) as an
 * unprivileged user reaches exactly the processes of that user (in any pid namespace below
 * ours), never the caller. It says nothing useful about how many it reached (0 as long as
 * any process exists, signalled or not), hence a fixed number of rounds. 0 or -errno. */
static int sweep(uid_t uid)
{
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        if (setgroups(0, NULL) < 0 || setresgid(uid, uid, uid) < 0 || setresuid(uid, uid, uid) < 0)
            _exit(1);
        for (int i = 0; i < SWEEP_ROUNDS; i++) {
            kill(-1, SIGKILL);
            sched_yield();
        }
        _exit(0);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -errno;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EAGAIN;
}

/* lock_dir/uid-<uid>.lock, open, locked without waiting. The fd, -EWOULDBLOCK (someone holds
 * it) or another -errno. */
static int lock_pair(int dir_fd, uid_t first)
{
    char name[32];
    snprintf(name, sizeof(name), "uid-%u.lock", (unsigned)first);
    int fd = openat(dir_fd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -errno;
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int rc = -errno;
        close(fd);
        return rc;
    }
    return fd;
}

int uidpool_acquire(const char *lock_dir, uid_t base, int pairs, struct uid_lease *out)
{
    *out = (struct uid_lease){.fd = -1};
    if (pairs <= 0 || base == 0 ||
        (unsigned long long)base + 2ULL * (unsigned)pairs > 0xfffffffeULL)
        return -EINVAL;
    if (mkdir(lock_dir, 0700) < 0 && errno != EEXIST)
        return -errno;
    int dir_fd = open(lock_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir_fd < 0)
        return -errno;
    int rc = -EBUSY;
    for (int i = 0; i < pairs; i++) {
        uid_t first = base + 2 * (uid_t)i;
        int fd = lock_pair(dir_fd, first);
        if (fd == -EWOULDBLOCK)
            continue;
        if (fd < 0) {
            rc = fd;
            break;
        }
        rc = sweep(first);
        if (rc == 0)
            rc = sweep(first + 1);
        if (rc < 0) {
            close(fd);
            break;
        }
        *out = (struct uid_lease){.fd = fd, .uid = {first, first + 1}};
        break;
    }
    close(dir_fd);
    return rc;
}

void uidpool_release(struct uid_lease *l)
{
    if (l->fd < 0)
        return;
    /* What outlived the sandboxes goes with the lease: bubblewrap killed in its first
     * milliseconds can orphan its namespace's init before that asked to die with it. */
    (void)sweep(l->uid[UIDPOOL_APP]);
    (void)sweep(l->uid[UIDPOOL_TESTS]);
    close(l->fd);
    l->fd = -1;
}
