/* backforge-runner: claims verification jobs from the platform's PostgreSQL and runs up to
 * runner_slots of them at once, each in a forked job process (verification.c) so a job
 * that goes wrong cannot take the daemon with it. The daemon holds the queue side: claim,
 * heartbeat, result, hand-back. Signals only set flags; the loop sleeps in ppoll with them
 * unblocked, woken by a NOTIFY on backforge_jobs, a signal, or its polling timer.
 *   runner_slots      jobs at once (default: the number of cores)
 *   runner_lease_s    lease of a claim (60; the heartbeat renews it every third of it)
 *   runner_poll_ms    look at the queue at least this often without a NOTIFY (5000)
 *   runner_grace_s    on SIGTERM: time for jobs in hand to finish before hand-back (20)
 *   runner_work_dir   job directories (and result files) live here
 *   fix_stale_s       a fix round's project left in "fixing" this long is failed again (300)
 *   verify_database_url and the sandbox_* / verify_* keys: see verification.h */
#include "codegen/bundle.h"
#include "codegen/stamp.h"
#include "core/cli.h"
#include "core/datadir.h"
#include "core/config.h"
#include "core/log.h"
#include "llm/client.h"
#include "pipeline/autofix.h"
#include "platform/jobs.h"
#include "sandbox/unpack.h"
#include "verify/scratchdb.h"
#include "verify/verification.h"

#include "progress.h"
#include "result.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNNER_SLOTS_MAX 64
/* A ZIP or spec handed to a standby (more than BUNDLE_MAX_ZIP). */
#define HANDOVER_MAX (64 * 1024 * 1024)

struct slot {
    bool busy;
    pid_t pid;
    struct job job;
    long last_beat_ms;
    char id[24];              /* job id for logs */
    pid_t standby;            /* a pre-forked job process with warm sandboxes, waiting (0: none) */
    int standby_fd;           /* where its job is written */
    int standby_progress_fd;  /* where its stage reports will come from */
    struct progress progress; /* the running job's stage */
};

struct runner {
    struct config *cfg;
    struct db *db;    /* platform */
    struct db *admin; /* verification PostgreSQL */
    struct verification_config vc;
    char db_socket[512];
    char runner_id[JOBS_RUNNER_ID_MAX];
    char templates_dir[1024]; /* for stamping verified ZIPs; "" when there is none */
    int nslots, lease_s;
    long poll_ms, grace_ms, fix_stale_s;
    int fixing; /* fix round processes running (at most nslots) */
    struct slot slots[RUNNER_SLOTS_MAX];
    bool wake;
    bool admin_down; /* the verification database was unreachable at the last claim */
};

static volatile sig_atomic_t got_term, got_chld;

static void on_signal(int sig)
{
    if (sig == SIGCHLD)
        got_chld = 1;
    else
        got_term = 1;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void on_notify(void *userdata, const char *payload)
{
    (void)payload;
    ((struct runner *)userdata)->wake = true;
}

/* The version's ZIP with this verification's result in its PROJECT_REPORT.md (stamp.h),
 * for a verification that ran. *out NULL when there is none to make or it cannot be made
 * (the result is stored all the same; downloads then serve the version's ZIP). */
static void stamp_result(const struct runner *r, const struct job *job, const unsigned char *zip,
                         size_t len, const struct verification_result *res, unsigned char **out,
                         size_t *out_len)
{
    *out = NULL;
    if (!r->templates_dir[0] || !res->report || strcmp(res->status, "error") == 0)
        return;
    char sha[65], when[40];
    bundle_sha256_hex(zip, len, sha);
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", gmtime_r(&now, &tm));
    const struct stamp_info info = {.status = res->status,
                                    .version = job->version,
                                    .attempt = job->attempt,
                                    .verification_id = job->id,
                                    .finished_at = when,
                                    .source_sha256 = sha};
    if (stamp_zip(zip, len, &info, res->report, r->templates_dir, out, out_len) < 0)
        *out = NULL;
}

/* A job or fix process's start: dies with the daemon (kill -9 included), and its sandboxes with
 * it: the job's lease then runs out and another claim runs it again from the start. */
static void job_process_init(const struct runner *r)
{
    /* Other standbys' pipes: only the daemon may hold their write ends, or a standby it
     * discards would never read end of file. */
    for (int i = 0; i < r->nslots; i++) {
        if (r->slots[i].standby > 0) {
            close(r->slots[i].standby_fd);
            close(r->slots[i].standby_progress_fd);
        }
        if (r->slots[i].progress.fd >= 0) /* the daemon's read ends */
            close(r->slots[i].progress.fd);
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1)
        _exit(1);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The job process: runs one verification (warm: see standby_main) and leaves its result
 * in a file. Never returns. */
static void job_main(struct runner *r, const struct job *job, unsigned char *zip, size_t len,
                     json_t *spec, struct verification_warm *warm, int progress_fd)
{
    r->vc.progress = progress_send;
    r->vc.progress_ctx = &progress_fd;
    /* The parent's connections are not ours to use or close: a fresh one. */
    struct db *admin = NULL;
    struct verification_result res;
    if (db_new(config_get(r->cfg, "verify_database_url", ""), &admin) < 0 ||
        db_ensure(admin) < 0) {
        memset(&res, 0, sizeof(res));
        snprintf(res.status, sizeof(res.status), "error");
        snprintf(res.reason, sizeof(res.reason), "the verification database is unreachable: %s",
                 admin ? db_last_error(admin) : "out of memory");
        res.retryable = true;
    } else {
        verification_run_warm(&r->vc, warm, admin, job->id, zip, len, spec, &res);
        warm = NULL;
    }
    verification_warm_free(warm);
    unsigned char *stamped = NULL;
    size_t stamped_len = 0;
    stamp_result(r, job, zip, len, &res, &stamped, &stamped_len);
    _exit(result_write(r->vc.work_dir, job->id, &res, stamped, stamped_len) == 0 ? 0 : 1);
}

/* A failed verification may be repaired by the LLM (pipeline/autofix.h). A round can take
 * minutes, so it runs in a process of its own (reaped like a job's, dying with the daemon)
 * while the daemon keeps its leases. */
static void start_fix(struct runner *r, long long project_id)
{
    if (r->fixing >= r->nslots)
        return; /* the rescue pass starts it later (autofix_pending) */
    pid_t pid = fork();
    if (pid < 0)
        log_warn("-", "project %lld: cannot start a fix round: %s", project_id, strerror(errno));
    r->fixing += pid > 0;
    if (pid != 0)
        return;
    job_process_init(r);
    char id[32];
    snprintf(id, sizeof(id), "fix-%lld", project_id);
    struct db *db = NULL;
    struct llm_client *llm = NULL;
    struct autofix_outcome o;
    int rc = db_new(config_get(r->cfg, "database_url", ""), &db);
    if (rc == 0 && (rc = llm_client_new(r->cfg, &llm)) == -ENOENT)
        rc = 0; /* no provider: the round says so on the verification */
    if (rc == 0 && (rc = autofix_round(r->cfg, llm, db, project_id, NULL, true, &o)) == 0) {
        log_info(id, "%s: %s", autofix_result_name(o.result), o.reason);
        autofix_outcome_clear(&o);
    } else {
        log_warn(id, "the fix round failed: %s", rc == -ENOENT ? "project gone" : strerror(-rc));
    }
    llm_client_free(llm);
    db_free(db);
    _exit(rc == 0 ? 0 : 1);
}

static int read_all(int fd, void *buf, size_t len)
{
    for (size_t off = 0; off < len;) {
        ssize_t n = read(fd, (char *)buf + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        off += (size_t)n;
    }
    return 0;
}

/* A standby job process (runner_warm_sandboxes): starts the warm sandboxes of one
 * verification, then waits for its job on fd: the struct job, the ZIP's length and bytes,
 * the spec's length and text. End of file (the daemon discards it): it goes, its warm
 * sandboxes with it. Never returns. */
static void standby_main(struct runner *r, int fd, int progress_fd)
{
    job_process_init(r);
    struct verification_warm *warm = NULL;
    verification_warm_start(&r->vc, (long)getppid(), &warm); /* none: the cold path */
    struct job job;
    size_t len = 0, spec_len = 0;
    unsigned char *zip = NULL;
    char *spec_text = NULL;
    bool ok = read_all(fd, &job, sizeof(job)) == 0 && read_all(fd, &len, sizeof(len)) == 0 &&
              len <= HANDOVER_MAX && (zip = malloc(len + 1)) && read_all(fd, zip, len) == 0 &&
              read_all(fd, &spec_len, sizeof(spec_len)) == 0 && spec_len <= HANDOVER_MAX &&
              (spec_text = calloc(1, spec_len + 1)) && read_all(fd, spec_text, spec_len) == 0;
    close(fd);
    json_t *spec = ok ? json_loads(spec_text, 0, NULL) : NULL;
    free(spec_text);
    if (!spec) {
        verification_warm_free(warm);
        _exit(ok ? 1 : 0);
    }
    job_main(r, &job, zip, len, spec, warm, progress_fd);
}

static void standby_stop(struct slot *s)
{
    if (s->standby <= 0)
        return;
    close(s->standby_fd); /* it reads end of file and goes */
    close(s->standby_progress_fd);
    waitpid(s->standby, NULL, 0);
    s->standby = 0;
}

/* Pre-forks a standby for every free slot that has none. */
static void refill_standbys(struct runner *r)
{
    for (int i = 0; r->vc.warm && i < r->nslots; i++) {
        struct slot *s = &r->slots[i];
        int fds[2], stage_fds[2];
        if (s->busy || s->standby > 0 || pipe2(fds, O_CLOEXEC) < 0)
            continue;
        if (progress_pipe(stage_fds) < 0) {
            close(fds[0]);
            close(fds[1]);
            continue;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[1]);
            close(stage_fds[0]);
            standby_main(r, fds[0], stage_fds[1]);
        }
        close(fds[0]);
        close(stage_fds[1]);
        if (pid < 0) {
            close(fds[1]);
            close(stage_fds[0]);
            continue;
        }
        s->standby = pid;
        s->standby_fd = fds[1];
        s->standby_progress_fd = stage_fds[0];
    }
}

/* Hands the job to the slot's standby. 0, or -1 when there is none or it is gone. */
static int hand_to_standby(struct slot *s, const unsigned char *zip, size_t len,
                           const json_t *spec)
{
    if (s->standby <= 0)
        return -1;
    char *text = json_dumps(spec, JSON_COMPACT);
    size_t spec_len = text ? strlen(text) : 0;
    const struct {
        const void *p;
        size_t n;
    } parts[] = {{&s->job, sizeof(s->job)},
                 {&len, sizeof(len)},
                 {zip, len},
                 {&spec_len, sizeof(spec_len)},
                 {text, spec_len}};
    int rc = text ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < sizeof(parts) / sizeof(parts[0]); i++)
        for (size_t off = 0; rc == 0 && off < parts[i].n;) {
            ssize_t n = write(s->standby_fd, (const char *)parts[i].p + off, parts[i].n - off);
            if (n < 0 && errno != EINTR)
                rc = -1;
            else if (n > 0)
                off += (size_t)n;
        }
    free(text);
    if (rc < 0) {
        kill(s->standby, SIGKILL);
        standby_stop(s);
        return -1;
    }
    close(s->standby_fd);
    progress_attach(&s->progress, s->standby_progress_fd);
    s->pid = s->standby;
    s->standby = 0;
    return 0;
}

static void store_result(struct runner *r, struct slot *s, int wstatus)
{
    struct verification_result res = {.retryable = true};
    unsigned char *stamped = NULL;
    size_t stamped_len = 0;
    bool have = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 &&
                result_read(r->vc.work_dir, s->job.id, &res, &stamped, &stamped_len) == 0;
    result_remove(r->vc.work_dir, s->job.id);
    int rc;
    if (!have) {
        char why[128];
        if (WIFSIGNALED(wstatus))
            snprintf(why, sizeof(why), "the job process died of signal %d (%s)", WTERMSIG(wstatus),
                     strsignal(WTERMSIG(wstatus)));
        else
            snprintf(why, sizeof(why), "the job process left no result (status %d)",
                     WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        bool requeued = false;
        rc = jobs_fail(r->db, &s->job, false, why, NULL, &requeued);
        log_error(s->id, "%s; %s", why, requeued ? "queued again" : "final");
    } else if (strcmp(res.status, "error") == 0) {
        bool requeued = false;
        rc = jobs_fail(r->db, &s->job, !res.retryable, res.reason, res.log_tail, &requeued);
        log_warn(s->id, "could not verify: %s (%s)", res.reason,
                 requeued ? "queued again" : "final");
    } else {
        json_t *summary = json_object_get(res.report, "summary");
        char *summary_text = summary ? json_dumps(summary, JSON_COMPACT) : strdup("{}");
        char *report_text = res.report ? json_dumps(res.report, JSON_COMPACT) : NULL;
        bool passed = strcmp(res.status, "passed") == 0;
        char stamped_sha[65];
        if (stamped)
            bundle_sha256_hex(stamped, stamped_len, stamped_sha);
        const struct job_outcome o = {.passed = passed,
                                      .summary = summary_text,
                                      .report = report_text,
                                      .log_tail = res.log_tail,
                                      .reason = res.reason[0] ? res.reason : NULL,
                                      .report_zip = stamped,
                                      .report_zip_len = stamped_len,
                                      .report_zip_sha256 = stamped ? stamped_sha : NULL};
        rc = jobs_complete(r->db, &s->job, &o);
        log_info(s->id, "project %lld v%d %s%s%s", s->job.project_id, s->job.version, res.status,
                 res.reason[0] ? ": " : "", res.reason);
        free(summary_text);
        free(report_text);
        if (rc == 0 && !passed)
            start_fix(r, s->job.project_id);
    }
    if (have)
        verification_result_clear(&res);
    free(stamped);
    if (rc == -ESTALE)
        log_warn(s->id, "result dropped: the job is no longer ours (lease lost or project gone)");
    else if (rc < 0)
        log_error(s->id, "storing the result failed: %s", db_last_error(r->db));
    progress_detach(&s->progress);
    s->busy = false;
}

static void reap_jobs(struct runner *r)
{
    for (;;) {
        int wstatus;
        pid_t pid = waitpid(-1, &wstatus, WNOHANG);
        if (pid <= 0)
            return;
        bool known = false;
        for (int i = 0; i < r->nslots; i++) {
            if (r->slots[i].busy && r->slots[i].pid == pid) {
                known = true;
                store_result(r, &r->slots[i], wstatus);
            }
            if (r->slots[i].standby == pid) { /* died waiting: the next refill replaces it */
                known = true;
                close(r->slots[i].standby_fd);
                close(r->slots[i].standby_progress_fd);
                r->slots[i].standby = 0;
            }
        }
        if (!known && r->fixing > 0)
            r->fixing--; /* a fix round's process */
    }
}

static int busy_count(const struct runner *r)
{
    int n = 0;
    for (int i = 0; i < r->nslots; i++)
        n += r->slots[i].busy;
    return n;
}

static void start_job(struct runner *r, struct slot *s)
{
    unsigned char *zip = NULL;
    size_t len = 0;
    json_t *spec = NULL;
    int rc = jobs_load(r->db, &s->job, &zip, &len, &spec);
    if (rc < 0) {
        log_warn(s->id, "cannot load project %lld v%d: %s", s->job.project_id, s->job.version,
                 strerror(-rc));
        jobs_fail(r->db, &s->job, rc == -ENOENT, "the version could not be loaded", NULL, NULL);
        return;
    }
    bool warm = hand_to_standby(s, zip, len, spec) == 0;
    int stage_fds[2] = {-1, -1};
    if (!warm && progress_pipe(stage_fds) < 0)
        stage_fds[0] = stage_fds[1] = -1; /* the job runs without stage reports */
    pid_t pid = warm ? s->pid : fork();
    if (pid == 0) {
        job_process_init(r);
        if (stage_fds[0] >= 0)
            close(stage_fds[0]);
        job_main(r, &s->job, zip, len, spec, NULL, stage_fds[1]);
    }
    if (!warm) {
        if (stage_fds[1] >= 0)
            close(stage_fds[1]);
        if (pid > 0 && stage_fds[0] >= 0)
            progress_attach(&s->progress, stage_fds[0]);
        else if (stage_fds[0] >= 0)
            close(stage_fds[0]);
    }
    free(zip);
    json_decref(spec);
    if (pid < 0) {
        log_error(s->id, "fork failed: %s", strerror(errno));
        jobs_release(r->db, &s->job);
        return;
    }
    s->busy = true;
    s->pid = pid;
    s->last_beat_ms = now_ms();
    log_info(s->id, "verifying project %lld v%d (try %d)", s->job.project_id, s->job.version,
             s->job.tries);
}

/* Claims jobs for the free slots. A runner whose verification PostgreSQL is away can verify
 * nothing: it leaves the jobs queued (for itself once the database is back, or for another
 * runner) instead of spending their tries on runs that fail at once. */
static void claim_jobs(struct runner *r)
{
    if (busy_count(r) == r->nslots)
        return;
    if (db_ensure(r->admin) < 0) {
        if (!r->admin_down)
            log_warn("-", "not claiming: the verification database is unreachable: %s",
                     db_last_error(r->admin));
        r->admin_down = true;
        return;
    }
    if (r->admin_down)
        log_info("-", "the verification database is back: claiming again");
    r->admin_down = false;
    for (int i = 0; i < r->nslots; i++) {
        struct slot *s = &r->slots[i];
        if (s->busy)
            continue;
        int rc = jobs_claim(r->db, r->runner_id, r->lease_s, &s->job);
        if (rc <= 0) {
            if (rc < 0)
                log_warn("-", "claiming failed: %s", db_last_error(r->db));
            return;
        }
        snprintf(s->id, sizeof(s->id), "job-%lld", s->job.id);
        start_job(r, s);
    }
}

/* Running jobs' latest stage reports into their rows (the dashboard polls them). A report
 * that cannot be stored is dropped: the next one says more. */
static void store_progress(struct runner *r)
{
    long now = now_ms();
    for (int i = 0; i < r->nslots; i++) {
        struct slot *s = &r->slots[i];
        if (!s->busy || !progress_due(&s->progress, now))
            continue;
        char *stage = progress_json(&s->progress);
        if (stage && jobs_progress(r->db, &s->job, stage) < 0)
            log_debug(s->id, "stage report not stored: %s", db_last_error(r->db));
        free(stage);
        progress_stored(&s->progress, now);
    }
}

static void heartbeat(struct runner *r)
{
    long now = now_ms();
    for (int i = 0; i < r->nslots; i++) {
        struct slot *s = &r->slots[i];
        if (!s->busy || now - s->last_beat_ms < r->lease_s * 1000L / 3)
            continue;
        int rc = jobs_heartbeat(r->db, &s->job, r->lease_s);
        if (rc == 0) {
            s->last_beat_ms = now;
        } else if (rc == -ESTALE) {
            /* Someone else owns it now (or the project is gone): stop working on it. */
            log_warn(s->id, "lease lost: stopping the job");
            kill(s->pid, SIGKILL);
        } else {
            log_warn(s->id, "heartbeat failed: %s", db_last_error(r->db));
        }
    }
}

/* SIGTERM: jobs in hand get the grace period, then are killed and handed back. */
static void shut_down(struct runner *r, const sigset_t *unblocked)
{
    long deadline = now_ms() + r->grace_ms;
    log_info("-", "stopping: %d job(s) in hand, %ld s to finish", busy_count(r),
             r->grace_ms / 1000);
    for (int i = 0; i < r->nslots; i++)
        standby_stop(&r->slots[i]);
    while (busy_count(r) > 0 && now_ms() < deadline) {
        reap_jobs(r);
        heartbeat(r);
        struct timespec ts = {0, 100 * 1000000};
        ppoll(NULL, 0, &ts, unblocked);
    }
    for (int i = 0; i < r->nslots; i++) {
        struct slot *s = &r->slots[i];
        if (!s->busy)
            continue;
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        result_remove(r->vc.work_dir, s->job.id);
        int rc = jobs_release(r->db, &s->job);
        log_info(s->id, "handed back unfinished%s",
                 rc < 0 ? " (failed: the lease will expire)" : "");
        progress_detach(&s->progress);
        s->busy = false;
    }
    /* The killed jobs' databases: theirs are no longer live. */
    scratchdb_clean(r->admin, r->db, 0);
}

static enum log_level parse_level(const char *s)
{
    if (strcmp(s, "error") == 0)
        return LOG_LEVEL_ERROR;
    if (strcmp(s, "warn") == 0)
        return LOG_LEVEL_WARN;
    if (strcmp(s, "debug") == 0)
        return LOG_LEVEL_DEBUG;
    return LOG_LEVEL_INFO;
}

static void usage(FILE *f)
{
    fprintf(f, "Usage: backforge-runner [--config FILE]\n"
               "Claims verification jobs and runs each project in a sandbox.\n");
    cli_print_common_options(f);
}

/* Job directories and result files left by a runner that died: those of jobs no longer
 * running under a live lease go (another runner on this host may own the live ones). */
static void clean_work_dir(struct runner *r)
{
    int dfd = open(r->vc.work_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return;
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        long long job, owner;
        /* warm-<runner pid>-...: a standby's, gone with its runner (it dies with it) */
        if (sscanf(e->d_name, "warm-%lld-", &owner) == 1) {
            if (owner == getpid() || (kill((pid_t)owner, 0) < 0 && errno == ESRCH))
                unpack_remove_tree(dirfd(d), e->d_name);
            continue;
        }
        if (sscanf(e->d_name, "job-%lld-", &job) != 1 &&
            sscanf(e->d_name, "result-%lld.", &job) != 1)
            continue;
        if (jobs_is_live(r->db, job) != 0)
            continue;
        for (int i = 0; i < r->nslots; i++)
            if (r->slots[i].busy && r->slots[i].job.id == job)
                job = -1;
        if (job >= 0)
            unpack_remove_tree(dirfd(d), e->d_name);
    }
    closedir(d);
}

/* Connects both databases (retrying while the platform starts) and cleans up after a crash. */
static int prepare(struct runner *r)
{
    if (db_new(config_get(r->cfg, "database_url", ""), &r->db) < 0 ||
        db_new(config_get(r->cfg, "verify_database_url", ""), &r->admin) < 0)
        return -ENOMEM;
    int rc = db_listen(r->db, JOBS_CHANNEL, on_notify, r);
    if (rc < 0)
        return rc;
    for (int i = 0; !got_term; i++) {
        if (db_ensure(r->db) == 0 && db_ensure(r->admin) == 0 && scratchdb_prepare(r->admin) == 0)
            break;
        if (i % 20 == 0)
            log_warn("-", "waiting for the databases: %s%s", db_last_error(r->db),
                     db_last_error(r->admin));
        usleep(250 * 1000);
    }
    char hint[300];
    if (datadir_find(r->cfg, "templates_dir", "templates", r->templates_dir,
                     sizeof(r->templates_dir)) < 0) {
        log_warn("-", "no templates at %s: verified ZIPs will not carry their result (%s)",
                 r->templates_dir, datadir_hint("templates_dir", "templates", hint, sizeof(hint)));
        r->templates_dir[0] = '\0';
    }
    int stale = scratchdb_clean(r->admin, r->db, 0);
    if (stale > 0)
        log_info("-", "dropped %d stale verification database(s)", stale);
    clean_work_dir(r);
    return 0;
}

/* Sleeps until a NOTIFY, a signal, a stage report, or the time the loop must look again:
 * the polling timer, a third of the lease while jobs run (heartbeats), a stage report
 * held back by PROGRESS_GAP_MS, a second while the database is away (reconnect). */
static void sleep_until_event(struct runner *r, const sigset_t *unblocked)
{
    struct pollfd pfds[1 + RUNNER_SLOTS_MAX];
    PGconn *conn = db_conn(r->db);
    pfds[0] = (struct pollfd){.fd = conn ? PQsocket(conn) : -1, .events = POLLIN};
    long wait = r->poll_ms;
    for (int i = 0; i < r->nslots; i++) {
        const struct slot *s = &r->slots[i];
        pfds[1 + i] = (struct pollfd){.fd = s->busy ? s->progress.fd : -1, .events = POLLIN};
        if (s->busy && s->progress.dirty && wait > PROGRESS_GAP_MS)
            wait = PROGRESS_GAP_MS;
    }
    if (busy_count(r) > 0 && wait > r->lease_s * 1000L / 3)
        wait = r->lease_s * 1000L / 3;
    if (pfds[0].fd < 0 && wait > 1000)
        wait = 1000;
    struct timespec ts = {wait / 1000, (wait % 1000) * 1000000};
    if (!got_term && !got_chld)
        ppoll(pfds, (nfds_t)(1 + r->nslots), &ts, unblocked);
    for (int i = 0; i < r->nslots; i++)
        if (pfds[1 + i].fd >= 0 && pfds[1 + i].revents)
            progress_drain(&r->slots[i].progress); /* at end of file it stops watching */
    if (pfds[0].fd >= 0 && (pfds[0].revents & POLLIN) && db_conn(r->db)) {
        PQconsumeInput(db_conn(r->db));
        PGnotify *n;
        while ((n = PQnotifies(db_conn(r->db)))) {
            r->wake = true;
            PQfreemem(n);
        }
    }
}

int main(int argc, char **argv)
{
    const char *config_path = NULL;
    int status = cli_parse_common(argc, argv, "backforge-runner", false, usage, &config_path);
    if (status >= 0)
        return status;
    struct runner r = {.nslots = 1};
    for (int i = 0; i < RUNNER_SLOTS_MAX; i++)
        progress_init(&r.slots[i].progress);
    char err[512] = "";
    int rc = config_load(config_path, &r.cfg, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "backforge-runner: cannot load configuration: %s\n",
                err[0] ? err : strerror(-rc));
        return 1;
    }
    log_setup("backforge-runner", parse_level(config_get(r.cfg, "log_level", "info")),
              config_get_bool(r.cfg, "log_time", isatty(2)));
    rc = verification_config_load(r.cfg, &r.vc, r.db_socket, sizeof(r.db_socket));
    if (rc < 0) {
        log_error("-", "%s",
                  rc == -ENOENT ? "verify_database_url is not configured"
                                : "verify_database_url must name a socket directory");
        return 1;
    }
    /* Once, before any job process or sandbox log thread exists (curl's global state). */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    r.nslots =
        (int)config_get_long(r.cfg, "runner_slots", cores > 0 ? cores : 1, 1, RUNNER_SLOTS_MAX);
    r.lease_s = (int)config_get_long(r.cfg, "runner_lease_s", 60, 5, 3600);
    r.poll_ms = config_get_long(r.cfg, "runner_poll_ms", 5000, 50, 600000);
    r.grace_ms = 1000 * config_get_long(r.cfg, "runner_grace_s", 20, 0, 3600);
    r.fix_stale_s = config_get_long(r.cfg, "fix_stale_s", 300, 30, 86400);
    char host[40] = "host";
    gethostname(host, sizeof(host) - 1);
    snprintf(r.runner_id, sizeof(r.runner_id), "%.40s:%ld", host, (long)getpid());
    if (mkdir(r.vc.work_dir, 0711) < 0 && errno != EEXIST) {
        log_error("-", "cannot create %s: %s", r.vc.work_dir, strerror(errno));
        return 1;
    }
    chmod(r.vc.work_dir, 0711);

    sigset_t blocked, unblocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGCHLD);
    sigprocmask(SIG_BLOCK, &blocked, &unblocked);
    sigdelset(&unblocked, SIGTERM);
    sigdelset(&unblocked, SIGINT);
    sigdelset(&unblocked, SIGCHLD);
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if ((rc = prepare(&r)) < 0) {
        log_error("-", "start-up failed: %s", strerror(-rc));
        return 1;
    }
    log_info("-", "runner %s: %d slot(s)%s, lease %d s, work dir %s", r.runner_id, r.nslots,
             r.vc.warm ? " with warm sandboxes" : "", r.lease_s, r.vc.work_dir);
    long last_poll = 0, last_rescue = 0;
    while (!got_term) {
        got_chld = 0;
        reap_jobs(&r);
        refill_standbys(&r); /* before claiming: a job claimed now finds a standby */
        if (db_ensure(r.db) == 0) {
            long now = now_ms();
            if (now - last_rescue >= r.lease_s * 1000L / 2) {
                int n = jobs_rescue(r.db);
                if (n > 0)
                    log_info("-", "re-queued %d job(s) whose runner stopped answering", n);
                if ((n = autofix_rescue(r.db, r.fix_stale_s)) > 0)
                    log_info("-", "%d project(s) left in fixing are failed again", n);
                long long fix[RUNNER_SLOTS_MAX];
                n = autofix_pending(r.db, 20, AUTOFIX_PENDING_WINDOW_S, fix, r.nslots - r.fixing);
                for (int i = 0; i < n; i++)
                    start_fix(&r, fix[i]);
                /* What dead runners left: databases of jobs no longer live. */
                if (db_ensure(r.admin) == 0 && (n = scratchdb_clean(r.admin, r.db, 0)) > 0)
                    log_info("-", "dropped %d stale verification database(s)", n);
                last_rescue = now;
            }
            if (r.wake || now - last_poll >= r.poll_ms) {
                r.wake = false;
                last_poll = now;
                claim_jobs(&r);
            }
            heartbeat(&r);
            store_progress(&r);
        }
        sleep_until_event(&r, &unblocked);
    }
    shut_down(&r, &unblocked);
    log_info("-", "stopped");
    db_free(r.db);
    db_free(r.admin);
    config_free(r.cfg);
    return 0;
}
