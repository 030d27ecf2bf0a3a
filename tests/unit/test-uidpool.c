/* uidpool.c: pairs are leased one holder at a time, the pool runs out with -EBUSY, a lease
 * ends with its holder process (however it ends), and acquiring a pair kills what still runs
 * under its uids. Needs root (it changes uids); skipped otherwise. */
#include "sandbox/uidpool.h"
#include "tap.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BASE 1999990000u /* far from any real user, as the default range is */

static char dir[256];

/* A child that leases a pair and holds it until killed; its write end says which pair. */
static pid_t holder(uid_t *first)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        struct uid_lease l;
        uid_t got = uidpool_acquire(dir, BASE, 2, &l) == 0 ? l.uid[0] : 0;
        if (write(fds[1], &got, sizeof(got)) != sizeof(got))
            _exit(1);
        pause();
        _exit(0);
    }
    close(fds[1]);
    if (read(fds[0], first, sizeof(*first)) != sizeof(*first))
        *first = 0;
    close(fds[0]);
    return pid;
}

/* A process running as uid (a leftover of a dead holder): sleeps until killed. */
static pid_t leftover(uid_t uid)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (setgroups(0, NULL) < 0 || setresgid(uid, uid, uid) < 0 || setresuid(uid, uid, uid) < 0)
            _exit(1);
        for (;;)
            pause();
    }
    return pid;
}

/* Whether pid was killed by SIGKILL (reaped either way: a survivor is killed now, so a
 * failing test does not hang). */
static bool killed(pid_t pid)
{
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid)
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return false;
}

int main(void)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP changing uids needs root\n");
        return 0;
    }
    snprintf(dir, sizeof(dir), "%s/bf-uidpool-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        printf("Bail out! mkdtemp\n");
        return 1;
    }

    struct uid_lease a, b, c;
    is_int(uidpool_acquire(dir, BASE, 2, &a), 0, "the first pair is free");
    ok(a.uid[UIDPOOL_APP] == BASE && a.uid[UIDPOOL_TESTS] == BASE + 1,
       "it is the first two uids of the range (app, tests)");
    is_int(uidpool_acquire(dir, BASE, 2, &b), 0, "the second pair is free");
    ok(b.uid[UIDPOOL_APP] == BASE + 2, "it is the next two uids");
    is_int(uidpool_acquire(dir, BASE, 2, &c), -EBUSY, "a third holder finds the pool leased");
    ok(c.fd == -1, "and holds nothing");
    uidpool_release(&a);
    uidpool_release(&a);
    ok(a.fd == -1, "release is idempotent");
    is_int(uidpool_acquire(dir, BASE, 2, &c), 0, "a released pair is leased again");
    ok(c.uid[UIDPOOL_APP] == BASE, "the same one");
    uidpool_release(&b);
    uidpool_release(&c);

    /* Another process's lease: held while it lives, free once it is killed. */
    uid_t first = 0;
    pid_t h = holder(&first);
    ok(first == BASE, "a holder process leases the first pair");
    is_int(uidpool_acquire(dir, BASE, 2, &a), 0, "the other pair is still free");
    ok(a.uid[UIDPOOL_APP] == BASE + 2, "not the holder's");
    is_int(uidpool_acquire(dir, BASE, 2, &b), -EBUSY, "none else");
    kill(h, SIGKILL);
    waitpid(h, NULL, 0);
    is_int(uidpool_acquire(dir, BASE, 2, &b), 0, "the killed holder's pair is free again");
    ok(b.uid[UIDPOOL_APP] == BASE, "it is its pair");
    uidpool_release(&a);
    uidpool_release(&b);

    /* What a dead holder left running under the pair is killed by the next lease. */
    pid_t app = leftover(BASE), tests = leftover(BASE + 1), other = leftover(BASE + 2);
    struct timespec settle = {0, 50 * 1000000};
    nanosleep(&settle, NULL);
    is_int(uidpool_acquire(dir, BASE, 1, &a), 0, "a pair with leftovers is leased");
    nanosleep(&settle, NULL);
    ok(killed(app), "the app uid's leftover was killed");
    ok(killed(tests), "the tests uid's leftover was killed");
    ok(!killed(other), "another pair's process was left alone");
    uidpool_release(&a);

    is_int(uidpool_acquire(dir, 0, 2, &a), -EINVAL, "uid 0 is no sandbox user");
    is_int(uidpool_acquire(dir, 0xfffffff0u, 16, &a), -EINVAL, "a range past the last uid");
    is_int(uidpool_acquire("/nonexistent/bf", BASE, 2, &a), -ENOENT, "a missing parent directory");
    char sub[300];
    snprintf(sub, sizeof(sub), "%s/made", dir);
    is_int(uidpool_acquire(sub, BASE, 1, &a), 0, "a missing lock directory is made");
    uidpool_release(&a);

    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return tap_done();
}
