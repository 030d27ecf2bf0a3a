/* The master (master.h), after nginx's ngx_master_process_cycle: signals stay blocked
 * except inside sigsuspend, handlers only set flags, and the loop reacts to them, so no
 * SIGCHLD can slip between a check and the wait (fcgiwrap's bug). */
#include "master.h"

#include "core/log.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RESPAWN_QUICK_MS    2000  /* a worker dying younger than this counts as a crash */
#define RESPAWN_MAX_DELAY   30000 /* backoff cap for a crash-looping worker slot */
#define RESPAWN_FIRST_DELAY 100

static volatile sig_atomic_t got_chld, got_term, got_alarm;

static void on_signal(int sig)
{
    if (sig == SIGCHLD)
        got_chld = 1;
    else if (sig == SIGALRM)
        got_alarm = 1;
    else if (sig == SIGTERM || sig == SIGINT)
        got_term = 1;
    /* SIGHUP: nothing to reload yet; caught so it does not kill the master. */
}

long long master_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct child {
    pid_t pid; /* 0 when not running */
    long long born_ms;
    long long respawn_at; /* when not running: when to start it again */
    int quick_deaths;     /* consecutive deaths younger than RESPAWN_QUICK_MS */
};

bool worker_pool_claim_slow(const struct worker_pool *pool, int limit)
{
    struct worker_slot *self = &pool->slots[pool->self];
    /* Announce, then count: in the single order of sequentially consistent operations the
     * later of two racing claimants sees the earlier one's mark, so they cannot both
     * count themselves within the limit. */
    __atomic_store_n(&self->slow, 1, __ATOMIC_SEQ_CST);
    int holding = 0;
    for (int i = 0; i < pool->size; i++)
        holding += __atomic_load_n(&pool->slots[i].slow, __ATOMIC_SEQ_CST);
    if (holding <= limit)
        return true;
    __atomic_store_n(&self->slow, 0, __ATOMIC_SEQ_CST);
    return false;
}

void worker_pool_release_slow(const struct worker_pool *pool)
{
    __atomic_store_n(&pool->slots[pool->self].slow, 0, __ATOMIC_SEQ_CST);
}

static pid_t spawn(int i, struct worker_slot *slots, int n, master_worker_fn fn, void *ud)
{
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        memset(&slots[i], 0, sizeof(slots[i]));
        slots[i].pid = getpid();
        struct worker_pool pool = {.slots = slots, .size = n, .self = i};
        /* The worker installs its own handlers and unblocks signals itself. */
        _exit(fn(&pool, ud));
    }
    return pid;
}

static void describe_death(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status))
        snprintf(buf, size, "killed by signal %d (%s)%s", WTERMSIG(status),
                 strsignal(WTERMSIG(status)), WCOREDUMP(status) ? ", core dumped" : "");
    else if (WIFEXITED(status))
        snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
    else
        snprintf(buf, size, "ended with wait status %d", status);
}

static void arm_timer(long long now, long long deadline)
{
    struct itimerval it = {0};
    if (deadline > 0) {
        long long ms = deadline > now ? deadline - now : 1;
        it.it_value.tv_sec = ms / 1000;
        it.it_value.tv_usec = (ms % 1000) * 1000;
    }
    setitimer(ITIMER_REAL, &it, NULL);
}

int master_run(const struct master_opts *o, master_worker_fn fn, void *userdata)
{
    int n = o->workers;
    struct child *kids = calloc((size_t)n, sizeof(*kids));
    /* Mapped before fork so every worker writes into memory the master can read. */
    struct worker_slot *slots = mmap(NULL, (size_t)n * sizeof(*slots), PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!kids || slots == MAP_FAILED) {
        log_error("master", "Failed to allocate worker table: %m");
        free(kids);
        return 1;
    }
    memset(slots, 0, (size_t)n * sizeof(*slots));

    sigset_t block, wait_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &wait_mask);
    sigdelset(&wait_mask, SIGCHLD);
    sigdelset(&wait_mask, SIGTERM);
    sigdelset(&wait_mask, SIGINT);
    sigdelset(&wait_mask, SIGHUP);
    sigdelset(&wait_mask, SIGALRM);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);

    int status = 0;
    int live = 0;
    for (int i = 0; i < n; i++) {
        pid_t pid = spawn(i, slots, n, fn, userdata);
        if (pid < 0) {
            errno = -pid;
            log_error("master", "Failed to fork worker %d: %m", i);
            got_term = 1;
            status = 1;
            break;
        }
        kids[i].pid = pid;
        kids[i].born_ms = master_now_ms();
        live++;
    }
    log_info("master", "started %d workers", live);

    bool stopping = false;
    long long kill_at = 0;
    for (;;) {
        long long now = master_now_ms();
        if (got_term && !stopping) {
            stopping = true;
            kill_at = now + o->shutdown_grace_ms;
            log_info("master", "shutting down: SIGTERM to %d workers, grace %ld ms", live,
                     o->shutdown_grace_ms);
            for (int i = 0; i < n; i++)
                if (kids[i].pid > 0)
                    kill(kids[i].pid, SIGTERM);
        }
        got_term = 0;

        if (got_chld) {
            got_chld = 0;
            int ws;
            pid_t pid;
            while ((pid = waitpid(-1, &ws, WNOHANG)) > 0) {
                int i = 0;
                while (i < n && kids[i].pid != pid)
                    i++;
                if (i == n)
                    continue;
                live--;
                kids[i].pid = 0;
                /* A place for slow work held by the dead is free again. */
                __atomic_store_n(&slots[i].slow, 0, __ATOMIC_SEQ_CST);
                char how[128];
                describe_death(ws, how, sizeof(how));
                bool clean = WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
                if (stopping) {
                    if (!clean)
                        log_warn("master", "worker %d (pid %d) %s during shutdown", i, pid, how);
                    continue;
                }
                if (slots[i].busy)
                    log_error(slots[i].request_id, "worker %d (pid %d) %s while serving %s %s", i,
                              pid, how, slots[i].method, slots[i].path);
                else
                    log_error("master", "worker %d (pid %d) %s while idle", i, pid, how);
                if (now - kids[i].born_ms < RESPAWN_QUICK_MS)
                    kids[i].quick_deaths++;
                else
                    kids[i].quick_deaths = 0;
                /* One early death is bad luck; a second in a row is a loop, and each
                 * further one doubles the wait up to RESPAWN_MAX_DELAY. */
                long long delay = 0;
                if (kids[i].quick_deaths >= 2) {
                    delay = RESPAWN_FIRST_DELAY;
                    for (int k = 2; k < kids[i].quick_deaths && delay < RESPAWN_MAX_DELAY; k++)
                        delay *= 2;
                    if (delay > RESPAWN_MAX_DELAY)
                        delay = RESPAWN_MAX_DELAY;
                    log_warn("master", "worker %d is crash-looping: respawn in %lld ms", i, delay);
                }
                kids[i].respawn_at = now + delay;
            }
        }
        got_alarm = 0;

        if (stopping) {
            if (live == 0)
                break;
            if (now >= kill_at && kill_at > 0) {
                log_warn("master", "grace period over: SIGKILL to %d workers", live);
                for (int i = 0; i < n; i++)
                    if (kids[i].pid > 0)
                        kill(kids[i].pid, SIGKILL);
                kill_at = 0; /* the SIGCHLDs will follow; KILL cannot be refused */
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (kids[i].pid > 0 || kids[i].respawn_at > now)
                    continue;
                pid_t pid = spawn(i, slots, n, fn, userdata);
                if (pid < 0) {
                    errno = -pid;
                    log_error("master", "Failed to respawn worker %d: %m", i);
                    kids[i].respawn_at = now + 1000;
                    continue;
                }
                kids[i].pid = pid;
                kids[i].born_ms = now;
                live++;
                log_info("master", "worker %d respawned as pid %d", i, pid);
            }
        }

        long long deadline = stopping ? kill_at : 0;
        if (!stopping)
            for (int i = 0; i < n; i++)
                if (kids[i].pid == 0 && (deadline == 0 || kids[i].respawn_at < deadline))
                    deadline = kids[i].respawn_at;
        arm_timer(master_now_ms(), deadline);
        if (!got_chld && !got_term && !got_alarm)
            sigsuspend(&wait_mask);
    }
    arm_timer(0, 0);
    log_info("master", "all workers gone, exiting");
    munmap(slots, (size_t)n * sizeof(*slots));
    free(kids);
    return status;
}
