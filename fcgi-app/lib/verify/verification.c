/* One verification, start to end (see verification.h). Every way it can end is worded for
 * the report: a refused ZIP, an app that never came up (with the traceback's last lines or
 * the limit that killed it), failing steps, failing project tests. */
#include "verify/verification.h"

#include "core/config.h"
#include "sandbox/unpack.h"
#include "verify/http_run.h"
#include "verify/probe.h"
#include "verify/scratchdb.h"
#include "verify/suite.h"

#include <errno.h>
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

struct job_dir {
    char path[512];
    int fd;
};

static int make_job_dir(const struct verification_config *cfg, long long job_id, struct job_dir *d)
{
    snprintf(d->path, sizeof(d->path), "%s/job-%lld-XXXXXX", cfg->work_dir, job_id);
    if (!mkdtemp(d->path))
        return -errno;
    /* The sandbox's user must traverse it (not list it). */
    if (chmod(d->path, 0711) < 0)
        return -errno;
    d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (d->fd < 0)
        return -errno;
    uid_t owner = cfg->drop_uid ? cfg->drop_uid : (uid_t)-1;
    static const char *const subdirs[] = {"project", "sock"};
    for (size_t i = 0; i < 2; i++) {
        if (mkdirat(d->fd, subdirs[i], 0700) < 0)
            return -errno;
        if (owner != (uid_t)-1 &&
            fchownat(d->fd, subdirs[i], owner, cfg->drop_gid, AT_SYMLINK_NOFOLLOW) < 0)
            return -errno;
    }
    return 0;
}

static void remove_job_dir(struct job_dir *d)
{
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

/* Starts the app and waits until GET /health answers. 0 when up; otherwise the result is
 * set (failed: the app's fault; error: the runner's) and -1 returned. */
static int start_app(const struct verification_config *cfg, const struct job_dir *d,
                     const char *const *env, struct sandbox **app, long *startup_ms,
                     struct verification_result *out)
{
    char project[600], sockdir[600], sock[700];
    snprintf(project, sizeof(project), "%s/project", d->path);
    snprintf(sockdir, sizeof(sockdir), "%s/sock", d->path);
    snprintf(sock, sizeof(sock), "%s/app.sock", sockdir);
    static const char *const argv[] = {
        "/usr/bin/python3", "-m", "uvicorn", "app.main:app", "--uds", "/run/app/app.sock", NULL};
    struct sandbox_config sc = {.project_dir = project,
                                .socket_dir = sockdir,
                                .db_socket = cfg->db_socket,
                                .env = env,
                                .argv = argv,
                                .drop_uid = cfg->drop_uid,
                                .drop_gid = cfg->drop_gid,
                                .limits = cfg->app_limits};
    long t0 = now_ms();
    int rc = sandbox_start(&sc, app);
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

/* The project's own pytest in a sandbox of the same kind; fills the "pytest" object. */
static json_t *run_pytest(const struct verification_config *cfg, const struct job_dir *d,
                          const char *const *env, bool *passed)
{
    char project[600];
    snprintf(project, sizeof(project), "%s/project", d->path);
    static const char *const argv[] = {"/usr/bin/python3", "-m",    "pytest", "-q", "-p",
                                       "no:cacheprovider", "tests", NULL};
    struct sandbox_config sc = {.project_dir = project,
                                .db_socket = cfg->db_socket,
                                .env = env,
                                .argv = argv,
                                .drop_uid = cfg->drop_uid,
                                .drop_gid = cfg->drop_gid,
                                .limits = cfg->test_limits};
    long t0 = now_ms();
    struct sandbox *sb = NULL;
    int rc = sandbox_start(&sc, &sb);
    *passed = false;
    if (rc < 0)
        return json_pack("{s:s, s:s}", "status", "error", "verdict", strerror(-rc));
    long wall = cfg->test_limits.wall_ms > 0 ? cfg->test_limits.wall_ms : 120000;
    sandbox_wait(sb, wall);
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

/* The suite derived from the version's spec, run over the app's socket. *report_out: new
 * reference, set on 0. */
static int run_suite(const json_t *spec, const char *socket_path, long total_timeout_ms,
                     json_t **report_out)
{
    json_t *suite = NULL;
    int rc = suite_derive(spec, &suite);
    if (rc < 0)
        return rc;
    const struct suite_target target = {.unix_socket = socket_path,
                                        .base_url = "http://sandbox",
                                        .step_timeout_ms = 5000,
                                        .total_timeout_ms = total_timeout_ms};
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
    memset(out, 0, sizeof(*out));
    long t_all = now_ms(), t;
    unsigned long serial = 0; /* the verification database's connection the job began on */
    json_t *timings = json_object();
    struct job_dir d = {.fd = -1};
    struct scratchdb sdb = {.name = ""};
    struct sandbox *app = NULL;
    json_t *report = NULL, *pytest = NULL;
    char *log_tail = NULL;

    int rc = make_job_dir(cfg, job_id, &d);
    if (rc < 0) {
        set_status(out, "error", true, "the job directory could not be made: %s", strerror(-rc));
        goto done;
    }
    if (strlen(d.path) + strlen("/sock/app.sock") > SOCKET_PATH_MAX) {
        set_status(out, "error", false, "the work directory path is too long for a socket");
        goto done;
    }
    t = now_ms();
    int project_fd = openat(d.fd, "project", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    char bad[300] = "";
    rc = project_fd < 0 ? -errno
                        : unpack_zip(zip, zip_len, project_fd, NULL,
                                     cfg->drop_uid ? cfg->drop_uid : (uid_t)-1, cfg->drop_gid, bad,
                                     sizeof(bad));
    if (project_fd >= 0)
        close(project_fd);
    add_timing(timings, "unpack_ms", now_ms() - t);
    if (rc < 0) {
        set_status(out, "error", false, "the ZIP was refused: %s", bad[0] ? bad : strerror(-rc));
        goto done;
    }
    t = now_ms();
    serial = db_connection_serial(admin);
    rc = scratchdb_create(admin, job_id, &sdb);
    if (serial == 0)
        serial = db_connection_serial(admin);
    add_timing(timings, "database_ms", now_ms() - t);
    if (rc < 0) {
        set_status(out, "error", true, "the verification database is unavailable: %s",
                   db_last_error(admin)[0] ? db_last_error(admin) : strerror(-rc));
        sdb.name[0] = '\0';
        goto done;
    }

    char database_url[256], secret_key[80], secret[65];
    snprintf(database_url, sizeof(database_url),
             "DATABASE_URL=postgresql://%s:%s@/%s?host=/run/db", sdb.name, sdb.password, sdb.name);
    random_hex(secret, 32);
    snprintf(secret_key, sizeof(secret_key), "SECRET_KEY=%s", secret);
    const char *env[] = {
        "PATH=/usr/bin:/bin", "HOME=/tmp",  "LANG=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1",
        "PYTHONUNBUFFERED=1", database_url, secret_key,     NULL};

    long startup_ms = 0;
    if (start_app(cfg, &d, env, &app, &startup_ms, out) < 0) {
        add_timing(timings, "startup_ms", app ? sandbox_elapsed_ms(app) : 0);
        goto done;
    }
    add_timing(timings, "startup_ms", startup_ms);
    t = now_ms();
    char sock[700];
    snprintf(sock, sizeof(sock), "%s/sock/app.sock", d.path);
    rc = run_suite(spec, sock, cfg->suite_ms > 0 ? cfg->suite_ms : 120000, &report);
    add_timing(timings, "suite_ms", now_ms() - t);
    if (rc < 0) {
        set_status(out, "error", true, "the suite could not run: %s", strerror(-rc));
        goto done;
    }
    bool died = app_died(app, report);
    char verdict[200];
    snprintf(verdict, sizeof(verdict), "%s", sandbox_verdict(app));
    sandbox_stop(app, 2000);
    log_tail = sandbox_log_tail(app, LOG_TAIL_LINES);
    app = sandbox_free(app);

    json_t *summary = json_object_get(report, "summary");
    long failed = (long)json_integer_value(json_object_get(summary, "failed"));
    long total = (long)json_integer_value(json_object_get(summary, "total"));
    bool pytest_ok = true;
    if (cfg->run_pytest) {
        t = now_ms();
        pytest = run_pytest(cfg, &d, env, &pytest_ok);
        add_timing(timings, "pytest_ms", now_ms() - t);
    }
    /* Every cause at once: a spin that times the suite out is named by pytest's CPU limit. */
    char suite_part[300] = "", pytest_part[400] = "";
    if (died)
        snprintf(suite_part, sizeof(suite_part), "the app died during the suite: %s", verdict);
    else if (failed > 0)
        snprintf(suite_part, sizeof(suite_part), "%ld of %ld tests failed", failed, total);
    if (!pytest_ok)
        snprintf(pytest_part, sizeof(pytest_part), "the project's own tests did not pass: %s (%s)",
                 json_string_value(json_object_get(pytest, "summary")),
                 json_string_value(json_object_get(pytest, "verdict")));
    if (suite_part[0] || pytest_part[0])
        set_status(out, "failed", false, "%s%s%s", suite_part,
                   suite_part[0] && pytest_part[0] ? "; " : "", pytest_part);
    else
        set_status(out, "passed", false, "%s", "");

done:
    /* A verification database that restarted under the job (its connection is a new one
     * now, or none) made whatever failed the runner's fault, the app's start included (the
     * app cannot reach its database then): run it again. */
    if (serial && !out->retryable &&
        (db_ensure(admin) < 0 || db_connection_serial(admin) != serial))
        set_status(out, "error", true, "the verification database restarted during the job");
    if (app) {
        sandbox_stop(app, 500);
        if (!log_tail)
            log_tail = sandbox_log_tail(app, LOG_TAIL_LINES);
        sandbox_free(app);
    }
    if (sdb.name[0])
        scratchdb_drop(admin, sdb.name);
    remove_job_dir(&d);
    add_timing(timings, "total_ms", now_ms() - t_all);
    if (!report && strcmp(out->status, "error") != 0)
        report = json_pack("{s:{s:i, s:i, s:i, s:i}, s:[]}", "summary", "total", 0, "passed", 0,
                           "failed", 0, "skipped", 0, "tests");
    if (report) {
        json_object_set_new(report, "reason", json_string(out->reason));
        json_object_set_new(report, "log_tail", json_string(log_tail ? log_tail : ""));
        json_object_set_new(report, "pytest", pytest ? pytest : json_null());
        pytest = NULL;
        json_object_set(report, "timings", timings);
    }
    json_decref(pytest);
    json_decref(timings);
    out->report = report;
    out->log_tail = log_tail;
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
    if (geteuid() == 0) {
        /* A root runner hands the sandbox to an unprivileged user. */
        out->drop_uid = (uid_t)config_get_long(c, "sandbox_uid", 65534, 1, 4294967294L);
        out->drop_gid = (gid_t)config_get_long(c, "sandbox_gid", 65534, 1, 4294967294L);
    }
    return 0;
}
