/* The worker loop (worker.h): accept a FastCGI request, route it, run the handler, send
 * what it answered (or 500), log one access line, reset the arena, repeat until SIGTERM.
 *
 * Shutdown, as nginx does it: the SIGTERM handler only sets a flag and writes a byte to a
 * self-pipe; the worker leaves only from the loop, between requests. It waits for a
 * connection in poll() on the listening socket and that pipe, and calls FCGX_Accept_r
 * only when the socket is readable. The listening socket is non-blocking, so a
 * connection another worker took first makes accept() fail with EAGAIN instead of
 * blocking; once libfcgi has accepted, it reads BEGIN_REQUEST and PARAMS with SA_RESTART
 * reads that a SIGTERM does not break, and the request is served to the end. */
#include "worker.h"

#include "platform/apierror.h"
#include "core/arena.h"
#include "platform/db.h"
#include "core/log.h"
#include "request.h"
#include "router.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static int wake_fd[2] = {-1, -1}; /* self-pipe: the handler writes, the idle loop polls */

static void on_term(int sig)
{
    (void)sig;
    int saved = errno;
    stop = 1;
    /* Wakes a poll() that began after the loop looked at `stop` (write is
     * async-signal-safe; a full pipe already holds a wake-up). */
    if (wake_fd[1] >= 0) {
        ssize_t w = write(wake_fd[1], "", 1);
        (void)w;
    }
    errno = saved;
}

/* Waits until the listening socket has a connection (1) or SIGTERM came (0). */
static int wait_for_connection(int listen_fd)
{
    struct pollfd p[2] = {{.fd = listen_fd, .events = POLLIN},
                          {.fd = wake_fd[0], .events = POLLIN}};
    while (!stop) {
        int n = poll(p, 2, -1);
        if (n < 0 && errno != EINTR)
            return -errno;
        if (n > 0 && (p[0].revents & (POLLIN | POLLERR | POLLHUP)) && !stop)
            return 1;
    }
    return 0;
}

static int set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return -errno;
    return 0;
}

static long fcgx_read(void *cookie, char *buf, size_t n)
{
    FCGX_Request *req = cookie;
    int chunk = n > 65536 ? 65536 : (int)n;
    int got = FCGX_GetStr(buf, chunk, req->in);
    if (got < 0 || FCGX_GetError(req->in) != 0)
        return -EIO;
    return got;
}

static int fcgx_write(void *cookie, const char *data, size_t n)
{
    FCGX_Request *req = cookie;
    while (n > 0) {
        int chunk = n > 65536 ? 65536 : (int)n;
        if (FCGX_PutStr(data, chunk, req->out) != chunk)
            return -EPIPE;
        data += chunk;
        n -= (size_t)chunk;
    }
    return 0;
}

static int fcgx_flush(void *cookie)
{
    FCGX_Request *req = cookie;
    return FCGX_FFlush(req->out) == 0 ? 0 : -EPIPE;
}

static void publish(struct worker_slot *slot, const struct request *r)
{
    snprintf(slot->request_id, sizeof(slot->request_id), "%s", r->id ? r->id : "-");
    snprintf(slot->method, sizeof(slot->method), "%s", r->method_name ? r->method_name : "");
    snprintf(slot->path, sizeof(slot->path), "%s", r->path ? r->path : "");
    for (char *p = slot->path; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?'; /* the master logs it */
    for (char *p = slot->method; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    slot->started_ms = master_now_ms();
    slot->busy = 1;
}

static void dispatch(struct request *r)
{
    const struct route *rt;
    unsigned allow;
    switch (router_match(app_routes, app_routes_count, r, &rt, &allow)) {
    case ROUTER_NOT_FOUND:
        respond_error(r, 404, "not_found", "No such endpoint.", NULL);
        return;
    case ROUTER_BAD_PARAM:
        respond_error(r, 400, "bad_request", "A path parameter is not valid.", NULL);
        return;
    case ROUTER_NO_MEMORY:
        respond_errno(r, -ENOMEM, NULL);
        return;
    case ROUTER_BAD_METHOD: {
        char allow_s[96];
        router_allow_string(allow, allow_s, sizeof(allow_s));
        respond_header(r, "Allow", allow_s);
        respond_error(r, 405, "method_not_allowed", "This method is not allowed here.", NULL);
        return;
    }
    case ROUTER_MATCH:
        break;
    }
    if (rt->flags & ROUTE_AUTH) {
        if (!r->app->authenticate) {
            log_error(r->id, "route %s needs auth but no auth module is loaded", rt->pattern);
            respond_errno(r, -ENOSYS, NULL);
            return;
        }
        int rc = r->app->authenticate(r);
        if (rc < 0) {
            if (!request_responded(r))
                respond_errno(r, rc, NULL);
            return;
        }
    }
    int rc = rt->handler(r);
    if (rc < 0 && !request_responded(r)) {
        if (apierror_from_errno(rc)->status >= 500)
            log_error(r->id, "%s %s failed: %s (db: %s)", r->method_name, rt->pattern,
                      strerror(-rc), db_last_error(r->app->db));
        respond_errno(r, rc, NULL);
    }
}

/* The raw path is outside data: keep control bytes out of the log (terminal escapes). */
static const char *printable(struct arena *a, const char *s)
{
    if (!s)
        return "-";
    char *c = arena_strndup(a, s, 200);
    if (!c)
        return "-";
    for (char *p = c; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return c;
}

static void serve(FCGX_Request *req, struct app *app, struct arena *arena,
                  struct worker_slot *slot)
{
    long long t0 = master_now_ms();
    struct request r;
    struct request_io io = {fcgx_read, fcgx_write, fcgx_flush, req};
    int rc = request_init(&r, arena, app, req->envp, &io);
    publish(slot, &r);
    if (rc == -ENOMEM)
        respond_errno(&r, rc, NULL);
    else if (rc == -EBADMSG)
        respond_error(
            &r, 400, "bad_query", "The query string is not valid.",
            json_pack("[{s:s,s:s}]", "path", r.query_problem_path, "message", r.query_problem));
    else if (rc < 0)
        respond_error(&r, 400, "bad_request", "The request line is not valid.", NULL);
    else
        dispatch(&r);
    const char *path = printable(arena, r.path);
    const char *method = printable(arena, r.method_name);
    if (request_finish(&r))
        log_error(r.id, "%s %s: handler returned without a response", method, path);
    if (db_end_request(app->db) != 0)
        log_error(r.id, "%s %s left a database transaction open; rolled back", method, path);
    log_info(r.id, "%s %s %d %zu %lld ms", method, path, r.status, r.body_bytes_out,
             master_now_ms() - t0);
    slot->busy = 0;
}

static void app_done(struct app *app, size_t modules_started)
{
    while (modules_started > 0) {
        const struct app_module *m = &app_modules[--modules_started];
        if (m->done)
            m->done(app);
    }
    app->db = db_free(app->db);
}

int worker_main(const struct worker_pool *pool, void *userdata)
{
    const struct worker_opts *o = userdata;
    int index = pool->self;
    struct worker_slot *slot = &pool->slots[index];
    /* Die with the master: without this a SIGKILLed master leaves orphans serving. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != o->master_pid)
        return 0;

    if (pipe2(wake_fd, O_CLOEXEC | O_NONBLOCK) < 0) {
        log_error("worker", "Failed to create the wake-up pipe: %s", strerror(errno));
        return 2;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    /* SA_RESTART: a SIGTERM in the middle of a request (its PARAMS read inside
     * FCGX_Accept_r included) must not break a read or a database round trip; the request
     * in hand finishes, then the loop sees `stop`. poll() is never restarted, and the
     * self-pipe covers a signal that comes just before it. */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    struct sigaction dfl = {0};
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGCHLD, &dfl, NULL);
    sigaction(SIGALRM, &dfl, NULL);
    struct sigaction ign = {0};
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, NULL);
    sigaction(SIGHUP, &ign, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    char wid[32];
    snprintf(wid, sizeof(wid), "worker-%d", index);
    struct app app = {0};
    app.config = o->config;
    app.worker_index = index;
    app.pool = pool;
    app.workers = pool->size;
    app.max_body_bytes = o->max_body_bytes;
    size_t started = 0;
    int status = 2;
    struct arena *arena = NULL;
    int rc = db_new(o->database_url, &app.db);
    if (rc < 0) {
        log_error(wid, "Failed to set up the database handle: %s", strerror(-rc));
        goto out;
    }
    for (; started < app_modules_count; started++) {
        const struct app_module *m = &app_modules[started];
        if (!m->init)
            continue;
        rc = m->init(&app);
        if (rc < 0) {
            log_error(wid, "Failed to initialise module %s: %s", m->name, strerror(-rc));
            goto out;
        }
    }
    /* Connect now, after the modules registered what the connection must LISTEN on, so
     * the first request does not pay for it; an outage is not fatal. */
    if (db_ensure(app.db) < 0)
        log_warn(wid, "database not reachable yet: %s", db_last_error(app.db));
    arena = arena_new(o->request_memory_max);
    if (!arena) {
        log_error(wid, "Failed to allocate the request arena");
        goto out;
    }

    rc = set_nonblocking(o->listen_fd);
    if (rc < 0) {
        log_error(wid, "Failed to make the listening socket non-blocking: %s", strerror(-rc));
        goto out;
    }
    FCGX_Request req;
    if (FCGX_InitRequest(&req, o->listen_fd, 0) != 0) {
        log_error(wid, "Failed to initialise the FastCGI request");
        goto out;
    }
    while (!stop) {
        rc = wait_for_connection(o->listen_fd);
        if (rc == 0)
            break;
        if (rc > 0)
            rc = FCGX_Accept_r(&req);
        if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
            continue; /* another worker took the connection, or a signal: look again */
        if (rc < 0) {
            log_error(wid, "FastCGI accept failed: %s", strerror(-rc > 0 ? -rc : EIO));
            status = 1;
            goto free_req;
        }
        serve(&req, &app, arena, slot);
        /* Detached, FCGX_Finish_r closes the connection at once instead of libfcgi's
         * lingering close (shutdown, then poll for the peer's EOF for up to 2 s), which
         * exists to avoid TCP resets. On this unix socket nginx has sent the whole request
         * (the body was drained before answering) and closes after FCGI_END_REQUEST, so
         * the linger only added a round trip per request. */
        FCGX_Detach(&req);
        FCGX_Finish_r(&req);
        arena_reset(arena);
    }
    status = 0;
free_req:
    FCGX_Free(&req, 0);
out:
    arena_free(arena);
    close(wake_fd[0]);
    close(wake_fd[1]);
    wake_fd[0] = wake_fd[1] = -1;
    app_done(&app, started);
    return status;
}
