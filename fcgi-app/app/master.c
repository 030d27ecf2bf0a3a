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

/* The master's state between turns of its loop. */
struct master {
    const struct master_opts *o;
    master_worker_fn fn;
    void *userdata;
    int n, live;
    struct child *kids;
    struct worker_slot *slots; /* shared with the workers (MAP_SHARED) */
    bool stopping;
    long long kill_at; /* while stopping: when the grace period ends (0: KILL sent) */
};

/* Signals stay blocked but in sigsuspend (*wait_mask), and their handlers only set flags. */
static void install_signals(sigset_t *wait_mask)
{
    static const int handled[] = {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGALRM};
    sigset_t block;
    sigemptyset(&block);
    for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
        sigaddset(&block, handled[i]);
    sigprocmask(SIG_BLOCK, &block, wait_mask);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++) {
        sigdelset(wait_mask, handled[i]);
        sigaction(handled[i], &sa, NULL);
    }
}

/* Worker i started (or started again) at now. 0, or -errno when fork failed. */
static int start_worker(struct master *m, int i, long long now)
{
    pid_t pid = spawn(i, m->slots, m->n, m->fn, m->userdata);
    if (pid < 0)
        return pid;
    m->kids[i].pid = pid;
    m->kids[i].born_ms = now;
    m->live++;
    return 0;
}

/* SIGTERM to every worker, once; the grace period starts. */
static void begin_stop(struct master *m, long long now)
{
    m->stopping = true;
    m->kill_at = now + m->o->shutdown_grace_ms;
    log_info("master", "shutting down: SIGTERM to %d workers, grace %ld ms", m->live,
             m->o->shutdown_grace_ms);
    for (int i = 0; i < m->n; i++)
        if (m->kids[i].pid > 0)
            kill(m->kids[i].pid, SIGTERM);
}

/* When a worker that died at now should start again: at once after one early death;
 * a second in a row is a loop, and each further one doubles the wait up to
 * RESPAWN_MAX_DELAY. */
static long long respawn_time(struct child *kid, int i, long long now)
{
    if (now - kid->born_ms < RESPAWN_QUICK_MS)
        kid->quick_deaths++;
    else
        kid->quick_deaths = 0;
    long long delay = 0;
    if (kid->quick_deaths >= 2) {
        delay = RESPAWN_FIRST_DELAY;
        for (int k = 2; k < kid->quick_deaths && delay < RESPAWN_MAX_DELAY; k++)
            delay *= 2;
        if (delay > RESPAWN_MAX_DELAY)
            delay = RESPAWN_MAX_DELAY;
        log_warn("master", "worker %d is crash-looping: respawn in %lld ms", i, delay);
    }
    return now + delay;
}

/* Worker i (pid) ended with wait status ws: logged with what it was serving, and its
 * respawn planned unless the master is stopping. */
static void worker_ended(struct master *m, int i, pid_t pid, int ws, long long now)
{
    m->live--;
    m->kids[i].pid = 0;
    /* A place for slow work held by the dead is free again. */
    __atomic_store_n(&m->slots[i].slow, 0, __ATOMIC_SEQ_CST);
    char how[128];
    describe_death(ws, how, sizeof(how));
    if (m->stopping) {
        if (!(WIFEXITED(ws) && WEXITSTATUS(ws) == 0))
            log_warn("master", "worker %d (pid %d) %s during shutdown", i, pid, how);
        return;
    }
    const struct worker_slot *slot = &m->slots[i];
    if (slot->busy)
        log_error(slot->request_id, "worker %d (pid %d) %s while serving %s %s", i, pid, how,
                  slot->method, slot->path);
    else
        log_error("master", "worker %d (pid %d) %s while idle", i, pid, how);
    m->kids[i].respawn_at = respawn_time(&m->kids[i], i, now);
}

static void reap_workers(struct master *m, long long now)
{
    int ws;
    pid_t pid;
    while ((pid = waitpid(-1, &ws, WNOHANG)) > 0) {
        for (int i = 0; i < m->n; i++)
            if (m->kids[i].pid == pid)
                worker_ended(m, i, pid, ws, now);
    }
}

/* Stopping: SIGKILL to what is left once the grace period is over. */
static void enforce_grace(struct master *m, long long now)
{
    if (now < m->kill_at || m->kill_at == 0)
        return;
    log_warn("master", "grace period over: SIGKILL to %d workers", m->live);
    for (int i = 0; i < m->n; i++)
        if (m->kids[i].pid > 0)
            kill(m->kids[i].pid, SIGKILL);
    m->kill_at = 0; /* the SIGCHLDs will follow; KILL cannot be refused */
}

static void respawn_due(struct master *m, long long now)
{
    for (int i = 0; i < m->n; i++) {
        if (m->kids[i].pid > 0 || m->kids[i].respawn_at > now)
            continue;
        int rc = start_worker(m, i, now);
        if (rc < 0) {
            errno = -rc;
            log_error("master", "Failed to respawn worker %d: %m", i);
            m->kids[i].respawn_at = now + 1000;
            continue;
        }
        log_info("master", "worker %d respawned as pid %d", i, m->kids[i].pid);
    }
}

/* The next time the loop must wake without a signal: the end of the grace period, or the
 * earliest planned respawn (0: none). */
static long long next_deadline(const struct master *m)
{
    if (m->stopping)
        return m->kill_at;
    long long deadline = 0;
    for (int i = 0; i < m->n; i++)
        if (m->kids[i].pid == 0 && (deadline == 0 || m->kids[i].respawn_at < deadline))
            deadline = m->kids[i].respawn_at;
    return deadline;
}

int master_run(const struct master_opts *o, master_worker_fn fn, void *userdata)
{
    struct master m = {.o = o, .fn = fn, .userdata = userdata, .n = o->workers};
    m.kids = calloc((size_t)m.n, sizeof(*m.kids));
    /* Mapped before fork so every worker writes into memory the master can read. */
    m.slots = mmap(NULL, (size_t)m.n * sizeof(*m.slots), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!m.kids || m.slots == MAP_FAILED) {
        log_error("master", "Failed to allocate worker table: %m");
        free(m.kids);
        return 1;
    }
    memset(m.slots, 0, (size_t)m.n * sizeof(*m.slots));
    sigset_t wait_mask;
    install_signals(&wait_mask);

    int status = 0;
    for (int i = 0; i < m.n; i++) {
        int rc = start_worker(&m, i, master_now_ms());
        if (rc < 0) {
            errno = -rc;
            log_error("master", "Failed to fork worker %d: %m", i);
            got_term = 1;
            status = 1;
            break;
        }
    }
    log_info("master", "started %d workers", m.live);

    for (;;) {
        long long now = master_now_ms();
        if (got_term && !m.stopping)
            begin_stop(&m, now);
        got_term = 0;
        if (got_chld) {
            got_chld = 0;
            reap_workers(&m, now);
        }
        got_alarm = 0;
        if (m.stopping && m.live == 0)
            break;
        if (m.stopping)
            enforce_grace(&m, now);
        else
            respawn_due(&m, now);
        arm_timer(master_now_ms(), next_deadline(&m));
        if (!got_chld && !got_term && !got_alarm)
            sigsuspend(&wait_mask);
    }
    arm_timer(0, 0);
    log_info("master", "all workers gone, exiting");
    munmap(m.slots, (size_t)m.n * sizeof(*m.slots));
    free(m.kids);
    return status;
}
