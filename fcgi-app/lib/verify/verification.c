/* One verification, start to end (see verification.h). Every way it can end is worded for
 * the report: a refused ZIP, an app that never came up (with the traceback's last lines or
 * the limit that killed it), failing steps, failing project tests. */
#include "verify/verification.h"

#include "core/config.h"
#include "sandbox/uidpool.h"
#include "sandbox/unpack.h"
#include "verify/http_run.h"
#include "verify/probe.h"
#include "verify/scratchdb.h"
#include "verify/suite.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOG_TAIL_LINES  60
#define REASON_TAIL     6 /* log lines quoted in a reason */
#define SOCKET_PATH_MAX 100
/* The first uid of the sandboxes' pool: in the range systemd leaves unassigned
 * (0x70000000-0x7ffdffff: above login, system, dynamic and container users). */
#define SANDBOX_UID_BASE 1900000000L

/* A project ZIP as the generator makes it, at review's limits (800 fields in all): its
 * verify/suite.json repeats an entity's fields in each step's body and runs to 25 MB. */
static const struct unpack_limits PROJECT_UNPACK = {
    .max_entries = 2000, .max_file_bytes = 32 * 1024 * 1024, .max_total = 64 * 1024 * 1024};

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void set_status(struct verification_result *r, const char *status, bool retryable,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void set_status(struct verification_result *r, const char *status, bool retryable,
                       const char *fmt, ...)
{
    snprintf(r->status, sizeof(r->status), "%s", status);
    r->retryable = retryable;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
    va_end(ap);
}

/* The last n lines of a log tail, on one line each joined by " | " (for reasons). */
static void last_lines(const char *tail, int n, char *out, size_t size)
{
    out[0] = '\0';
    if (!tail || !*tail)
        return;
    const char *start = tail + strlen(tail);
    for (int lines = 0; start > tail; start--)
        if (start[-1] == '\n' && ++lines >= n)
            break;
    size_t o = 0;
    for (const char *p = start; *p && o + 4 < size; p++) {
        if (*p == '\n') {
            if (p[1]) {
                memcpy(out + o, " | ", 3);
                o += 3;
            }
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static void random_hex(char *out, size_t bytes)
{
    unsigned char raw[32];
    if (bytes > sizeof(raw) || getrandom(raw, bytes, 0) != (ssize_t)bytes)
        memset(raw, 0, sizeof(raw)); /* cannot happen on Linux >= 3.17; a fixed key then */
    for (size_t i = 0; i < bytes; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

/* A job's directory and the users its two sandboxes run as, which live and go together. */
struct job_dir {
    char path[512];
    int fd;
    struct uid_lease users; /* a root runner's pair from the pool (fd -1: none) */
};

/* The uid and gid the app's (UIDPOOL_APP) or the tests' sandbox runs as and owns its files
 * with: its own from the pool, else the configured one (sandbox_uid), else (uid_t)-1: the
 * runner's own (a runner that is not root cannot change it). */
static uid_t sandbox_user(const struct verification_config *cfg, const struct job_dir *d,
                          int which, gid_t *gid)
{
    if (d->users.fd >= 0) {
        *gid = (gid_t)d->users.uid[which];
        return d->users.uid[which];
    }
    *gid = cfg->drop_uid ? cfg->drop_gid : (gid_t)-1;
    return cfg->drop_uid ? cfg->drop_uid : (uid_t)-1;
}

/* work_dir/<name>-XXXXXX ("job-<id>", or "warm-<owner>") with the app's copy of the project
 * (project/) and socket directory (sock/), and the tests' copy (tests/), each owned by the
 * user of the sandbox it is bound into: the app cannot touch the tests it is judged by. */
static int make_job_dir(const struct verification_config *cfg, const char *name, struct job_dir *d)
{
    d->users = (struct uid_lease){.fd = -1};
    if (cfg->uid_pairs > 0) {
        int rc = uidpool_acquire(cfg->uid_lock_dir, cfg->uid_base, cfg->uid_pairs, &d->users);
        if (rc < 0)
            return rc;
    }
    snprintf(d->path, sizeof(d->path), "%s/%s-XXXXXX", cfg->work_dir, name);
    if (!mkdtemp(d->path))
        return -errno;
    /* The sandboxes' users must traverse it (not list it). */
    if (chmod(d->path, 0711) < 0)
        return -errno;
    d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (d->fd < 0)
        return -errno;
    static const struct {
        const char *name;
        int user;
    } subdirs[] = {{"project", UIDPOOL_APP}, {"sock", UIDPOOL_APP}, {"tests", UIDPOOL_TESTS}};
    for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
        gid_t group;
        uid_t owner = sandbox_user(cfg, d, subdirs[i].user, &group);
        if (mkdirat(d->fd, subdirs[i].name, 0700) < 0)
            return -errno;
        if (owner != (uid_t)-1 &&
            fchownat(d->fd, subdirs[i].name, owner, group, AT_SYMLINK_NOFOLLOW) < 0)
            return -errno;
    }
    return 0;
}

/* Removes the directory and ends the lease of its users (their sandboxes are stopped). */
static void remove_job_dir(struct job_dir *d)
{
    uidpool_release(&d->users);
    if (d->fd < 0)
        return;
    close(d->fd);
    d->fd = -1;
    char *slash = strrchr(d->path, '/');
    if (!slash)
        return;
    *slash = '\0';
    int parent = open(d->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent >= 0) {
        unpack_remove_tree(parent, slash + 1);
        close(parent);
    }
    *slash = '/';
}

/* The two programs a verification runs, as `python3 -m` arguments: argv[0] is the module. */
static const char *const app_args[] = {"uvicorn", "app.main:app", "--uds", "/run/app/app.sock",
                                       NULL};
static const char *const test_args[] = {"pytest", "-q", "-p", "no:cacheprovider", "tests", NULL};

/* The zygote of a warm sandbox (python3 -c ZYGOTE MODULE...): imports the modules named
 * (one that fails is the project's problem later, as on the cold path) and reads the
 * installed packages' entry points once (pytest's plugin scan finds them cached), then
 * reads one
 * line from stdin: {"env": {...}, "module": "uvicorn" | "pytest", "argv": [...]}; makes
 * /dev/null its stdin (as a cold sandbox has) and env its whole environment, and runs the module's
 * command line as `python3 -m` would. End of file instead (a warm sandbox never used): exits 0.
 * Standard library only. */
static const char zygote[] = "import importlib, json, os, sys\n"
                             "for name in sys.argv[1:]:\n"
                             "    try:\n"
                             "        importlib.import_module(name)\n"
                             "    except Exception:\n"
                             "        pass\n"
                             "try:\n"
                             "    import importlib.metadata\n"
                             "    importlib.metadata.entry_points()\n"
                             "except Exception:\n"
                             "    pass\n"
                             "line = sys.stdin.buffer.readline(1 << 16)\n"
                             "if not line:\n"
                             "    sys.exit(0)\n"
                             "job = json.loads(line)\n"
                             "null = os.open(os.devnull, os.O_RDONLY)\n"
                             "os.dup2(null, 0)\n"
                             "os.close(null)\n"
                             "os.environ.clear()\n"
                             "os.environ.update(job['env'])\n"
                             "importlib.invalidate_caches()\n"
                             "sys.argv = job['argv']\n"
                             "if job['module'] == 'uvicorn':\n"
                             "    import uvicorn\n"
                             "    sys.exit(uvicorn.main())\n"
                             "import pytest\n"
                             "sys.exit(pytest.console_main())\n";

#define PRELOAD_APP                                                                               \
    "fastapi", "fastapi.routing", "fastapi.security", "fastapi.encoders", "starlette.routing",    \
        "uvicorn", "uvicorn.main", "uvicorn.config", "uvicorn.server", "uvicorn.lifespan.on",     \
        "uvicorn.protocols.http.h11_impl", "uvicorn.protocols.http.httptools_impl",               \
        "uvicorn.protocols.websockets.auto", "uvicorn.loops.auto", "sqlalchemy",                  \
        "sqlalchemy.orm", "sqlalchemy.exc", "sqlalchemy.dialects.postgresql",                     \
        "sqlalchemy.dialects.postgresql.psycopg2", "pydantic", "psycopg2", "psycopg2.extras",     \
        "multipart", "hmac", "hashlib", "secrets", "json", "base64", "datetime", "decimal"
static const char *const zygote_app_argv[] = {"/usr/bin/python3", "-c", zygote, PRELOAD_APP, NULL};
static const char *const zygote_test_argv[] = {"/usr/bin/python3",
                                               "-c",
                                               zygote,
                                               PRELOAD_APP,
                                               "pytest",
                                               "_pytest.python",
                                               "_pytest.fixtures",
                                               "_pytest.terminal",
                                               "_pytest.capture",
                                               "_pytest.assertion.rewrite",
                                               "fastapi.testclient",
                                               "starlette.testclient",
                                               "httpx",
                                               "anyio",
                                               "anyio._backends._asyncio",
                                               "anyio.pytest_plugin",
                                               NULL};

struct verification_warm {
    struct job_dir d;
    struct sandbox *app, *tests;
};

/* The sandbox of the app (its project copy, socket_dir set) or of the tests (theirs), in
 * directory d, each as its own user. */
static struct sandbox_config sandbox_of(const struct verification_config *cfg,
                                        const struct job_dir *d, bool app, char *project,
                                        char *sockdir, size_t size)
{
    snprintf(project, size, "%s/%s", d->path, app ? "project" : "tests");
    snprintf(sockdir, size, "%s/sock", d->path);
    gid_t gid;
    uid_t uid = sandbox_user(cfg, d, app ? UIDPOOL_APP : UIDPOOL_TESTS, &gid);
    return (struct sandbox_config){.project_dir = project,
                                   .socket_dir = app ? sockdir : NULL,
                                   .db_socket = cfg->db_socket,
                                   .drop_uid = uid == (uid_t)-1 ? 0 : uid,
                                   .drop_gid = uid == (uid_t)-1 ? 0 : gid,
                                   .limits = app ? cfg->app_limits : cfg->test_limits};
}

/* The base environment of a sandbox before its job: no secret in it. */
static const char *const base_env[] = {"PATH=/usr/bin:/bin", "HOME=/tmp",
                                       "LANG=C.UTF-8",       "PYTHONDONTWRITEBYTECODE=1",
                                       "PYTHONUNBUFFERED=1", NULL};

int verification_warm_start(const struct verification_config *cfg, long owner,
                            struct verification_warm **out)
{
    struct verification_warm *w = calloc(1, sizeof(*w));
    if (!w)
        return -ENOMEM;
    w->d.fd = -1;
    w->d.users.fd = -1;
    char name[40];
    snprintf(name, sizeof(name), "warm-%ld", owner);
    int rc = make_job_dir(cfg, name, &w->d);
    for (int i = 0; rc == 0 && i < 2; i++) {
        char project[600], sockdir[600];
        struct sandbox_config sc = sandbox_of(cfg, &w->d, i == 0, project, sockdir, 600);
        sc.env = base_env;
        sc.argv = i == 0 ? zygote_app_argv : zygote_test_argv;
        sc.control_pipe = true;
        rc = sandbox_start(&sc, i == 0 ? &w->app : &w->tests);
    }
    if (rc < 0) {
        verification_warm_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

static void remove_job_dir(struct job_dir *d);

void verification_warm_free(struct verification_warm *w)
{
    if (!w)
        return;
    if (w->app)
        sandbox_stop(w->app, 200);
    if (w->tests)
        sandbox_stop(w->tests, 200);
    sandbox_free(w->app);
    sandbox_free(w->tests);
    remove_job_dir(&w->d);
    free(w);
}

/* Hands a warm sandbox its job: the whole environment and the program. 0, or -errno when
 * it is not there to take it (it died: the caller starts a cold one). */
static int hand_job(struct sandbox *sb, const char *const *env, const char *const *args)
{
    if (!sb || sandbox_check(sb) || sandbox_control_fd(sb) < 0)
        return -ESRCH;
    json_t *e = json_object(), *a = json_array();
    for (const char *const *p = env; *p; p++) {
        const char *eq = strchr(*p, '=');
        if (eq) {
            char key[64];
            snprintf(key, sizeof(key), "%.*s", (int)(eq - *p), *p);
            json_object_set_new(e, key, json_string(eq + 1));
        }
    }
    for (const char *const *p = args; *p; p++)
        json_array_append_new(a, json_string(*p));
    json_t *job = json_pack("{s:o, s:s, s:o}", "env", e, "module", args[0], "argv", a);
    char *text = job ? json_dumps(job, JSON_COMPACT) : NULL;
    json_decref(job);
    if (!text)
        return -ENOMEM;
    size_t len = strlen(text);
    text[len] = '\n'; /* the line ends here (json_dumps left room for the NUL) */
    /* A zygote that died meanwhile must not kill us with SIGPIPE: EPIPE instead. */
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    int rc = 0;
    for (size_t off = 0; rc == 0 && off < len + 1;) {
        ssize_t n = write(sandbox_control_fd(sb), text + off, len + 1 - off);
        if (n < 0 && errno != EINTR)
            rc = -errno;
        else if (n > 0)
            off += (size_t)n;
    }
    struct timespec zero = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &zero) > 0)
        ;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    free(text);
    sandbox_control_close(sb);
    if (rc == 0)
        sandbox_restart_clock(sb);
    return rc;
}

/* Starts one of the two programs: in the warm sandbox *sb when it is alive (handed the job),
 * else in a new cold one (*sb replaced). *was_warm says which. 0 or -errno. */
static int start_program(const struct verification_config *cfg, const struct job_dir *d, bool app,
                         const char *const *env, struct sandbox **sb, bool *was_warm)
{
    const char *const *args = app ? app_args : test_args;
    *was_warm = *sb && hand_job(*sb, env, args) == 0;
    if (*was_warm)
        return 0;
    *sb = sandbox_free(*sb);
    const char *argv[12] = {"/usr/bin/python3", "-m"};
    for (int i = 0; i < 9 && args[i]; i++)
        argv[2 + i] = args[i];
    char project[600], sockdir[600];
    struct sandbox_config sc = sandbox_of(cfg, d, app, project, sockdir, 600);
    sc.env = env;
    sc.argv = argv;
    return sandbox_start(&sc, sb);
}

/* Starts the app (in *app when that is a warm sandbox) and waits until GET /health
 * answers. 0 when up; otherwise the result is set (failed: the app's fault; error: the
 * runner's) and -1 returned. */
static int start_app(const struct verification_config *cfg, const struct job_dir *d,
                     const char *const *env, struct sandbox **app, bool *warm, long *startup_ms,
                     struct verification_result *out)
{
    char sock[700];
    snprintf(sock, sizeof(sock), "%s/sock/app.sock", d->path);
    long t0 = now_ms();
    int rc = start_program(cfg, d, true, env, app, warm);
    if (rc < 0) {
        set_status(out, "error", true, "the sandbox could not be started: %s", strerror(-rc));
        return -1;
    }
    long limit = cfg->startup_ms > 0 ? cfg->startup_ms : 20000;
    bool socket_seen = false;
    long status = 0;
    while (now_ms() - t0 < limit) {
        if (sandbox_check(*app)) {
            char *tail = sandbox_log_tail(*app, LOG_TAIL_LINES);
            char lines[400];
            last_lines(tail, REASON_TAIL, lines, sizeof(lines));
            if (tail && strstr(tail, "bwrap: "))
                set_status(out, "error", true, "the sandbox failed: %s", lines);
            else
                set_status(out, "failed", false, "the app never came up: %s%s%s",
                           sandbox_verdict(*app), lines[0] ? "; last lines: " : "", lines);
            free(tail);
            return -1;
        }
        struct stat st;
        if (!socket_seen && stat(sock, &st) == 0 && S_ISSOCK(st.st_mode))
            socket_seen = true;
        if (socket_seen && probe_get(sock, "/health", 1000, &status, NULL, 0) == 0 &&
            status == 200) {
            *startup_ms = now_ms() - t0;
            return 0;
        }
        struct timespec ts = {0, 10 * 1000000};
        nanosleep(&ts, NULL);
    }
    char *tail = sandbox_log_tail(*app, LOG_TAIL_LINES);
    char lines[400];
    last_lines(tail, REASON_TAIL, lines, sizeof(lines));
    free(tail);
    if (!socket_seen)
        set_status(out, "failed", false,
                   "the app never came up: its socket /run/app/app.sock did not appear "
                   "within %ld s%s%s",
                   limit / 1000, lines[0] ? "; last lines: " : "", lines);
    else
        set_status(out, "failed", false,
                   "the app never came up: GET /health did not answer 200 within %ld s "
                   "(last status %ld)",
                   limit / 1000, status);
    return -1;
}

/* The project's own pytest, once started (start_program): waits for it to end within its
 * wall-clock limit and words the "pytest" object. Frees sb. */
static json_t *finish_pytest(const struct verification_config *cfg, struct sandbox *sb, long t0,
                             bool *passed)
{
    long wall = cfg->test_limits.wall_ms > 0 ? cfg->test_limits.wall_ms : 120000;
    sandbox_wait(sb, wall - sandbox_elapsed_ms(sb));
    int code = sandbox_exit_status(sb);
    char *tail = sandbox_log_tail(sb, 40);
    char summary[121]; /* pytest's last line ("3 passed in 1.2s"), or what flooded it */
    last_lines(tail, 1, summary, sizeof(summary));
    /* pytest: 0 all passed, 5 nothing collected (a project without tests). */
    *passed = code == 0 || code == 5;
    const char *status = *passed ? "passed" : code == 1 ? "failed" : "error";
    json_t *j = json_pack("{s:s, s:i, s:s, s:s, s:I, s:s}", "status", status, "exit_code", code,
                          "verdict", sandbox_verdict(sb), "summary", summary, "duration_ms",
                          (json_int_t)(now_ms() - t0), "output_tail", tail ? tail : "");
    free(tail);
    sandbox_free(sb);
    return j;
}

/* Tells the caller where the verification is (verification_progress_fn). */
static void progress(const struct verification_config *cfg, const char *stage, int step, int steps)
{
    if (cfg->progress)
        cfg->progress(cfg->progress_ctx, stage, step, steps);
}

static void suite_step_done(void *ctx, size_t done, size_t total)
{
    progress(ctx, "suite", (int)done, (int)total);
}

/* The suite derived from the version's spec, run over the app's socket. *report_out: new
 * reference, set on 0. */
static int run_suite(const struct verification_config *cfg, const json_t *spec,
                     const char *socket_path, json_t **report_out)
{
    json_t *suite = NULL;
    int rc = suite_derive(spec, &suite);
    if (rc < 0)
        return rc;
    progress(cfg, "suite", 0, (int)json_array_size(json_object_get(suite, "steps")));
    const struct suite_target target = {.unix_socket = socket_path,
                                        .base_url = "http://sandbox",
                                        .step_timeout_ms = 5000,
                                        .total_timeout_ms =
                                            cfg->suite_ms > 0 ? cfg->suite_ms : 120000,
                                        .on_step = suite_step_done,
                                        .on_step_ctx = (void *)cfg};
    rc = suite_run(suite, &target, report_out);
    json_decref(suite);
    return rc;
}

/* Whether the app ended during the suite. One that stopped answering (a step without an
 * answer) has usually died a moment ago: give its end up to a second to be reaped, so the
 * reason names why (a signal, a limit) rather than only the steps that failed after it. */
static bool app_died(struct sandbox *app, const json_t *report)
{
    if (sandbox_check(app) == 1)
        return true;
    size_t i;
    const json_t *test;
    json_array_foreach(json_object_get(report, "tests"), i, test)
    {
        if (strcmp(json_string_value(json_object_get(test, "verdict")) ?: "", "error") == 0)
            return sandbox_wait(app, 1000) == 1;
    }
    return false;
}

static void add_timing(json_t *timings, const char *name, long ms)
{
    json_object_set_new(timings, name, json_integer(ms));
}

void verification_run(const struct verification_config *cfg, struct db *admin, long long job_id,
                      const unsigned char *zip, size_t zip_len, const json_t *spec,
                      struct verification_result *out)
{
    verification_run_warm(cfg, NULL, admin, job_id, zip, zip_len, spec, out);
}

/* DATABASE_URL=... for a scratch database, reached through the bind-mounted socket. */
static void database_env(const struct scratchdb *sdb, char *buf, size_t size)
{
    snprintf(buf, size, "DATABASE_URL=postgresql://%s:%s@/%s?host=/run/db", sdb->name,
             sdb->password, sdb->name);
}

/* One verification's state, carried from stage to stage and released by finish_run. */
struct run {
    const struct verification_config *cfg;
    struct db *admin;
    long long job_id;
    struct verification_result *out;
    bool parallel; /* pytest runs beside the app, on a database of its own */
    long t_all, t_tests;
    unsigned long serial; /* the verification database's connection the job began on */
    json_t *timings;
    struct job_dir d;
    struct scratchdb sdb, tdb; /* the app's, the tests' */
    struct sandbox *app, *tests;
    bool app_warm, tests_warm;
    json_t *report, *pytest;
    char *log_tail;
    char database_url[256], test_database_url[256], secret_key[80], hash_rounds[48];
    const char *env[10], *test_env[10];
    bool died;         /* the app ended during the suite */
    char verdict[200]; /* how the app's sandbox ended */
};

/* The job's directory: the warm start's (consumed) or a new one. 0, or -1 with the status set. */
static int prepare_job_dir(struct run *r, struct verification_warm *warm)
{
    int rc;
    if (warm) { /* its directory and sandboxes are this job's now, and go with it */
        r->d = warm->d;
        r->app = warm->app;
        r->tests = warm->tests;
        free(warm);
        rc = 0;
    } else {
        char name[40];
        snprintf(name, sizeof(name), "job-%lld", r->job_id);
        rc = make_job_dir(r->cfg, name, &r->d);
    }
    if (rc < 0) {
        set_status(r->out, "error", true, "the job directory could not be made: %s",
                   strerror(-rc));
        return -1;
    }
    if (strlen(r->d.path) + strlen("/sock/app.sock") > SOCKET_PATH_MAX) {
        set_status(r->out, "error", false, "the work directory path is too long for a socket");
        return -1;
    }
    return 0;
}

/* The ZIP into the job's project/ directory (the app's) and, when pytest runs, into tests/
 * (the tests'), each owned by the user of its sandbox. 0, or -1 with the status set. */
static int unpack_project(struct run *r, const unsigned char *zip, size_t zip_len)
{
    long t = now_ms();
    char bad[300] = "";
    int rc = 0;
    for (int which = UIDPOOL_APP; rc == 0 && which <= UIDPOOL_TESTS; which++) {
        if (which == UIDPOOL_TESTS && !r->cfg->run_pytest)
            break;
        int fd = openat(r->d.fd, which == UIDPOOL_APP ? "project" : "tests",
                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        gid_t group;
        uid_t owner = sandbox_user(r->cfg, &r->d, which, &group);
        rc = fd < 0
                 ? -errno
                 : unpack_zip(zip, zip_len, fd, &PROJECT_UNPACK, owner, group, bad, sizeof(bad));
        if (fd >= 0)
            close(fd);
    }
    add_timing(r->timings, "unpack_ms", now_ms() - t);
    if (rc < 0) {
        set_status(r->out, "error", false, "the ZIP was refused: %s",
                   bad[0] ? bad : strerror(-rc));
        return -1;
    }
    return 0;
}

/* The environments of the app and of its tests: a fresh SECRET_KEY, the database URLs
 * (filled in by make_databases) and, for the app, the password hash rounds
 * (verify_password_hash_iterations: the project's own tests lower them themselves). */
static void program_env(struct run *r)
{
    char secret[65];
    random_hex(secret, 32);
    snprintf(r->secret_key, sizeof(r->secret_key), "SECRET_KEY=%s", secret);
    const char *common[] = {"PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8",
                            "PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1"};
    size_t n = sizeof(common) / sizeof(common[0]);
    for (size_t i = 0; i < n; i++)
        r->env[i] = r->test_env[i] = common[i];
    r->env[n] = r->database_url;
    r->test_env[n] = r->test_database_url;
    r->env[n + 1] = r->test_env[n + 1] = r->secret_key;
    r->env[n + 2] = r->test_env[n + 2] = NULL;
    if (r->cfg->password_hash_iterations > 0) {
        snprintf(r->hash_rounds, sizeof(r->hash_rounds), "PASSWORD_HASH_ITERATIONS=%ld",
                 r->cfg->password_hash_iterations);
        r->env[n + 2] = r->hash_rounds;
        r->env[n + 3] = NULL;
    }
}

/* The scratch databases, and (run in parallel) pytest started on its own one first, so that
 * the app's database is made while pytest imports. 0, or -1 with the status set. */
static int make_databases(struct run *r)
{
    long t = now_ms();
    r->serial = db_connection_serial(r->admin);
    program_env(r);
    long database_ms = 0;
    int rc = 0;
    if (r->parallel) {
        rc = scratchdb_create(r->admin, r->job_id, &r->tdb);
        if (rc < 0)
            r->tdb.name[0] = '\0';
        database_ms = now_ms() - t;
        if (rc == 0) {
            database_env(&r->tdb, r->test_database_url, sizeof(r->test_database_url));
            r->t_tests = now_ms();
            int started =
                start_program(r->cfg, &r->d, false, r->test_env, &r->tests, &r->tests_warm);
            if (started < 0)
                r->pytest =
                    json_pack("{s:s, s:s}", "status", "error", "verdict", strerror(-started));
        }
    }
    if (rc == 0) {
        t = now_ms();
        rc = scratchdb_create(r->admin, r->job_id, &r->sdb);
        if (rc < 0)
            r->sdb.name[0] = '\0';
        database_ms += now_ms() - t;
    }
    if (r->serial == 0)
        r->serial = db_connection_serial(r->admin);
    add_timing(r->timings, "database_ms", database_ms);
    json_object_set_new(r->timings, "pytest_parallel", json_boolean(r->parallel));
    if (rc < 0) {
        set_status(r->out, "error", true, "the verification database is unavailable: %s",
                   db_last_error(r->admin)[0] ? db_last_error(r->admin) : strerror(-rc));
        return -1;
    }
    database_env(&r->sdb, r->database_url, sizeof(r->database_url));
    if (!r->parallel)
        database_env(&r->sdb, r->test_database_url, sizeof(r->test_database_url));
    return 0;
}

/* start_app, timed. 0, or -1 with the status set. */
static int bring_up_app(struct run *r)
{
    long startup_ms = 0;
    progress(r->cfg, "starting", 0, 0);
    int rc = start_app(r->cfg, &r->d, r->env, &r->app, &r->app_warm, &startup_ms, r->out);
    add_timing(r->timings, "startup_ms",
               rc == 0  ? startup_ms
               : r->app ? sandbox_elapsed_ms(r->app)
                        : 0);
    add_timing(r->timings, "warm_app", r->app_warm);
    return rc < 0 ? -1 : 0;
}

/* The suite against the app, then the app stopped (its end and log kept) and, run in
 * parallel, its database dropped while pytest still runs. 0, or -1 with the status set. */
static int suite_on_app(struct run *r, const json_t *spec)
{
    long t = now_ms();
    char sock[700];
    snprintf(sock, sizeof(sock), "%s/sock/app.sock", r->d.path);
    int rc = run_suite(r->cfg, spec, sock, &r->report);
    add_timing(r->timings, "suite_ms", now_ms() - t);
    if (rc < 0) {
        set_status(r->out, "error", true, "the suite could not run: %s", strerror(-rc));
        return -1;
    }
    r->died = app_died(r->app, r->report);
    snprintf(r->verdict, sizeof(r->verdict), "%s", sandbox_verdict(r->app));
    sandbox_stop(r->app, 2000);
    r->log_tail = sandbox_log_tail(r->app, LOG_TAIL_LINES);
    r->app = sandbox_free(r->app);
    if (r->parallel) {
        scratchdb_drop(r->admin, r->sdb.name);
        r->sdb.name[0] = '\0';
    }
    return 0;
}

/* The project's own tests: started now (after the app, on its database) unless they ran
 * beside it, then waited for. Whether they passed (true when they do not run). */
static bool collect_pytest(struct run *r)
{
    bool pytest_ok = true;
    int rc = 0;
    if (r->cfg->run_pytest && !r->pytest) {
        progress(r->cfg, "pytest", 0, 0);
        if (!r->parallel) {
            r->t_tests = now_ms();
            rc = start_program(r->cfg, &r->d, false, r->test_env, &r->tests, &r->tests_warm);
        }
        if (rc < 0 || !r->tests)
            r->pytest = json_pack("{s:s, s:s}", "status", "error", "verdict", strerror(-rc));
        else
            r->pytest = finish_pytest(r->cfg, r->tests, r->t_tests, &pytest_ok);
        r->tests = NULL;
        add_timing(r->timings, "pytest_ms", now_ms() - r->t_tests);
        add_timing(r->timings, "warm_pytest", r->tests_warm);
    } else if (r->pytest) {
        pytest_ok = false;
    }
    return pytest_ok;
}

/* "passed", or "failed" naming every cause at once: a spin that times the suite out is
 * named by pytest's CPU limit. */
static void decide_status(struct run *r, bool pytest_ok)
{
    json_t *summary = json_object_get(r->report, "summary");
    long failed = (long)json_integer_value(json_object_get(summary, "failed"));
    long total = (long)json_integer_value(json_object_get(summary, "total"));
    char suite_part[300] = "", pytest_part[400] = "";
    if (r->died)
        snprintf(suite_part, sizeof(suite_part), "the app died during the suite: %s", r->verdict);
    else if (failed > 0)
        snprintf(suite_part, sizeof(suite_part), "%ld of %ld tests failed", failed, total);
    if (!pytest_ok)
        snprintf(pytest_part, sizeof(pytest_part), "the project's own tests did not pass: %s (%s)",
                 json_string_value(json_object_get(r->pytest, "summary")),
                 json_string_value(json_object_get(r->pytest, "verdict")));
    if (suite_part[0] || pytest_part[0])
        set_status(r->out, "failed", false, "%s%s%s", suite_part,
                   suite_part[0] && pytest_part[0] ? "; " : "", pytest_part);
    else
        set_status(r->out, "passed", false, "%s", "");
}

/* However the run ended: a restarted database made it retryable, what is left is stopped and
 * dropped, and the report (with reason, log tail, pytest and timings) handed to out. */
static void finish_run(struct run *r)
{
    struct verification_result *out = r->out;
    /* A verification database that restarted under the job (its connection is a new one
     * now, or none) made whatever failed the runner's fault, the app's start included (the
     * app cannot reach its database then): run it again. */
    if (r->serial && !out->retryable &&
        (db_ensure(r->admin) < 0 || db_connection_serial(r->admin) != r->serial))
        set_status(out, "error", true, "the verification database restarted during the job");
    if (r->app) {
        sandbox_stop(r->app, 500);
        if (!r->log_tail)
            r->log_tail = sandbox_log_tail(r->app, LOG_TAIL_LINES);
        sandbox_free(r->app);
    }
    sandbox_free(r->tests); /* unused (an app that never came up) or never handed a job */
    if (r->sdb.name[0])
        scratchdb_drop(r->admin, r->sdb.name);
    if (r->tdb.name[0])
        scratchdb_drop(r->admin, r->tdb.name);
    remove_job_dir(&r->d);
    add_timing(r->timings, "total_ms", now_ms() - r->t_all);
    json_t *report = r->report;
    if (!report && strcmp(out->status, "error") != 0)
        report = json_pack("{s:{s:i, s:i, s:i, s:i}, s:[]}", "summary", "total", 0, "passed", 0,
                           "failed", 0, "skipped", 0, "tests");
    if (report) {
        json_object_set_new(report, "reason", json_string(out->reason));
        json_object_set_new(report, "log_tail", json_string(r->log_tail ? r->log_tail : ""));
        json_object_set_new(report, "pytest", r->pytest ? r->pytest : json_null());
        r->pytest = NULL;
        json_object_set(report, "timings", r->timings);
    }
    json_decref(r->pytest);
    json_decref(r->timings);
    out->report = report;
    out->log_tail = r->log_tail;
}

void verification_run_warm(const struct verification_config *cfg, struct verification_warm *warm,
                           struct db *admin, long long job_id, const unsigned char *zip,
                           size_t zip_len, const json_t *spec, struct verification_result *out)
{
    memset(out, 0, sizeof(*out));
    struct run r = {
        .cfg = cfg,
        .admin = admin,
        .job_id = job_id,
        .out = out,
        .parallel = cfg->run_pytest && cfg->pytest_parallel,
        .t_all = now_ms(),
        .timings = json_object(),
        .d = {.fd = -1, .users = {.fd = -1}},
        .sdb = {.name = ""},
        .tdb = {.name = ""},
    };
    progress(cfg, "preparing", 0, 0);
    if (prepare_job_dir(&r, warm) == 0 && unpack_project(&r, zip, zip_len) == 0 &&
        make_databases(&r) == 0 && bring_up_app(&r) == 0 && suite_on_app(&r, spec) == 0)
        decide_status(&r, collect_pytest(&r));
    progress(cfg, "finishing", 0, 0);
    finish_run(&r);
}

void verification_result_clear(struct verification_result *r)
{
    json_decref(r->report);
    free(r->log_tail);
    memset(r, 0, sizeof(*r));
}

char *verification_result_dump(const struct verification_result *r)
{
    json_t *j = json_pack("{s:s, s:s, s:b, s:O?, s:s?}", "status", r->status, "reason", r->reason,
                          "retryable", r->retryable, "report", r->report, "log_tail", r->log_tail);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return text;
}

int verification_result_load(const char *text, struct verification_result *out)
{
    memset(out, 0, sizeof(*out));
    json_t *j = json_loads(text, 0, NULL);
    const char *status = json_string_value(json_object_get(j, "status"));
    if (!status ||
        (strcmp(status, "passed") && strcmp(status, "failed") && strcmp(status, "error"))) {
        json_decref(j);
        return -EINVAL;
    }
    snprintf(out->status, sizeof(out->status), "%s", status);
    const char *reason = json_string_value(json_object_get(j, "reason"));
    snprintf(out->reason, sizeof(out->reason), "%s", reason ? reason : "");
    out->retryable = json_is_true(json_object_get(j, "retryable"));
    json_t *report = json_object_get(j, "report");
    out->report = json_is_object(report) ? json_incref(report) : NULL;
    const char *tail = json_string_value(json_object_get(j, "log_tail"));
    out->log_tail = tail ? strdup(tail) : NULL;
    json_decref(j);
    return 0;
}

int verification_config_load(const struct config *c, struct verification_config *out,
                             char *socket_buf, size_t socket_size)
{
    memset(out, 0, sizeof(*out));
    const char *url = config_get(c, "verify_database_url", "");
    if (!*url)
        return -ENOENT;
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &err);
    if (!opts) {
        PQfreemem(err);
        return -EINVAL;
    }
    const char *host = NULL, *port = NULL;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "port") == 0)
            port = o->val;
    }
    /* The sandbox reaches the database through its socket file only. */
    int rc = host && host[0] == '/' ? 0 : -EINVAL;
    if (rc == 0)
        snprintf(socket_buf, socket_size, "%s/.s.PGSQL.%s", host, port && *port ? port : "5432");
    PQconninfoFree(opts);
    if (rc < 0)
        return rc;
    out->db_socket = socket_buf;
    out->work_dir = config_get(c, "runner_work_dir", "/var/lib/backforge-runner/jobs");
    out->app_limits = (struct sandbox_limits){
        .memory_mb = config_get_long(c, "sandbox_memory_mb", 1024, 128, 65536),
        .processes = config_get_long(c, "sandbox_processes", 64, 8, 4096),
        .open_files = config_get_long(c, "sandbox_open_files", 256, 32, 65536),
        .file_mb = config_get_long(c, "sandbox_file_mb", 64, 1, 4096),
        .cpu_s = config_get_long(c, "sandbox_cpu_s", 60, 1, 3600),
        .wall_ms = 1000 * config_get_long(c, "verify_app_wall_s", 180, 5, 3600),
        .log_bytes = 64 * 1024,
        .flood_mb = (size_t)config_get_long(c, "sandbox_log_flood_mb", 16, 1, 1024)};
    out->test_limits = out->app_limits;
    out->test_limits.wall_ms = 1000 * config_get_long(c, "verify_pytest_wall_s", 120, 5, 3600);
    out->startup_ms = 1000 * config_get_long(c, "verify_startup_s", 20, 1, 600);
    out->suite_ms = 1000 * config_get_long(c, "verify_suite_s", 120, 1, 3600);
    out->run_pytest = config_get_bool(c, "verify_pytest", true);
    /* The suite registers and logs in a handful of times: at the project's production rounds
     * (600,000) password hashing alone is most of the suite's time, and what the suite checks
     * of it (right password in, wrong one out) holds at any number. */
    out->password_hash_iterations =
        config_get_long(c, "verify_password_hash_iterations", 1000, 0, 10000000);
    out->warm = config_get_bool(c, "runner_warm_sandboxes", true);
    if (geteuid() == 0) {
        /* A root runner hands each sandbox to an unprivileged user: two of its own per
         * verification from the pool, or (sandbox_uid_pairs = 0) one for all. */
        out->uid_base = (uid_t)config_get_long(c, "sandbox_uid_base", SANDBOX_UID_BASE, 1,
                                               4294967294L - 2 * 4096);
        out->uid_pairs = (int)config_get_long(c, "sandbox_uid_pairs", 64, 0, 4096);
        out->uid_lock_dir =
            config_get(c, "sandbox_uid_lock_dir", "/run/lock/backforge-sandbox-uids");
        out->drop_uid = (uid_t)config_get_long(c, "sandbox_uid", 65534, 1, 4294967294L);
        out->drop_gid = (gid_t)config_get_long(c, "sandbox_gid", 65534, 1, 4294967294L);
    }
    /* RLIMIT_NPROC counts per user. With a user per sandbox, the app and its tests have a
     * process budget each and pytest runs beside the app; sandboxes that share a user share
     * one budget, so an app that forks without end (a hostile action the suite calls) would
     * starve the tests beside it of threads and the verdict would hang on timing: there
     * pytest runs after the app unless asked. */
    out->pytest_parallel = config_get_bool(c, "verify_pytest_parallel", out->uid_pairs > 0);
    /* Tests beside an app of the same user stop forking a quarter below the app's limit, so
     * a fork bomb in them cannot starve the app of threads meanwhile. */
    if (out->pytest_parallel && out->uid_pairs == 0 && out->test_limits.processes >= 16)
        out->test_limits.processes -= out->test_limits.processes / 4;
    return 0;
}
