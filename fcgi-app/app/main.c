/* backforge-fcgi: reads the configuration, opens (or inherits) the FastCGI socket and
 * hands over to the master, which forks the workers. Runs in the foreground, logs to
 * stderr, writes no pid file (systemd and the scripts track the pid).
 *
 * Configuration keys (file `key = value`, each overridable by BACKFORGE_<KEY>):
 *   socket             path of the FastCGI unix socket to create. When unset and fd 0 is
 *                      a listening socket (spawn-fcgi, systemd socket activation), fd 0 is
 *                      used. Required otherwise.
 *   socket_mode        octal permissions of the socket (default 0660)
 *   listen_backlog     listen(2) backlog (default 128)
 *   workers            worker processes (default: online CPUs; 1..256)
 *   shutdown_grace_ms  how long workers may finish their request after SIGTERM before
 *                      SIGKILL (default 10000)
 *   database_url       libpq conninfo or postgresql:// URL (default "": libpq's PG* env)
 *   max_body_bytes     request body cap in bytes (default 1048576)
 *   request_memory_max per-request arena cap in bytes (default 67108864)
 *   log_level          error | warn | info | debug (default info)
 *   log_time           prefix log lines with a timestamp (default: when stderr is a tty)
 * Modules read their own keys (see docs/configuration.md). */
#include "core/cli.h"
#include "core/config.h"
#include "core/log.h"
#include "master.h"
#include "planner/planner.h"
#include "router.h"
#include "worker.h"

#include <errno.h>
#include <fcgiapp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "Usage: backforge-fcgi [--config FILE]\n"
               "FastCGI application server for Backforge (master + prefork workers).\n");
    cli_print_common_options(f);
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

static bool fd_is_listening_socket(int fd)
{
    int listening = 0;
    socklen_t len = sizeof(listening);
    return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening;
}

/* Creates the unix socket at path. A stale socket left by a crash is replaced; any other
 * file at that path is refused rather than deleted. Returns the fd or a negative errno. */
static int open_socket(const char *path, mode_t mode, int backlog)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(sun.sun_path))
        return -ENAMETOOLONG;
    strcpy(sun.sun_path, path);
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return -EEXIST;
        if (unlink(path) < 0)
            return -errno;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    /* umask first so the socket never exists with wider permissions than asked. */
    mode_t old = umask(0777 & ~mode);
    int rc = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
    umask(old);
    if (rc < 0 || chmod(path, mode) < 0 || listen(fd, backlog) < 0) {
        rc = -errno;
        close(fd);
        return rc;
    }
    return fd;
}

/* The pool runs under SCHED_BATCH, inherited by every worker. A worker woken by nginx's
 * connect() would otherwise preempt nginx before it has written the request, read nothing,
 * sleep, and be woken again: two context switches per request for nothing. A batch task
 * does not preempt on wakeup; it runs when a core is free or at the next tick. On 2 cores
 * this took GET /api/health from about 15k to 19k requests/s (bench/README.md). systemd
 * sets the policy itself (CPUSchedulingPolicy=batch), since the unit's system call filter
 * denies sched_setscheduler. */
static void use_batch_scheduling(void)
{
    if (sched_getscheduler(0) != SCHED_OTHER)
        return; /* already batch, or an operator chose a policy: keep it */
    struct sched_param none = {0};
    if (sched_setscheduler(0, SCHED_BATCH, &none) < 0)
        log_warn("-", "Failed to switch to SCHED_BATCH (%s); workers will preempt nginx",
                 strerror(errno));
}

int main(int argc, char **argv)
{
    const char *config_path = NULL;
    int status = cli_parse_common(argc, argv, "backforge-fcgi", false, usage, &config_path);
    if (status >= 0)
        return status;
    if (optind != argc) {
        usage(stderr);
        return 2;
    }

    struct config *cfg = NULL;
    char err[512];
    log_setup("backforge-fcgi", LOG_LEVEL_INFO, isatty(STDERR_FILENO));
    int rc = config_load(config_path, &cfg, err, sizeof(err));
    if (rc < 0) {
        log_error("-", "Failed to load configuration: %s", err[0] ? err : strerror(-rc));
        return 2;
    }
    log_setup("backforge-fcgi", parse_level(config_get(cfg, "log_level", "info")),
              config_get_bool(cfg, "log_time", isatty(STDERR_FILENO)));

    size_t bad;
    if (router_validate(app_routes, app_routes_count, &bad) < 0) {
        log_error("-", "route table entry %zu is malformed", bad);
        config_free(cfg);
        return 2;
    }

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    struct master_opts mo = {
        .workers = (int)config_get_long(cfg, "workers", cores > 0 ? cores : 1, 1, 256),
        .shutdown_grace_ms = config_get_long(cfg, "shutdown_grace_ms", 10000, 0, 3600000),
    };
    struct worker_opts wo = {
        .config = cfg,
        .master_pid = getpid(),
        .database_url = config_get(cfg, "database_url", ""),
        .max_body_bytes =
            (size_t)config_get_long(cfg, "max_body_bytes", 1024 * 1024, 1024, 1L << 30),
        .request_memory_max = (size_t)config_get_long(cfg, "request_memory_max", 64L * 1024 * 1024,
                                                      1L << 20, 1L << 32),
    };
    if (wo.request_memory_max < 2 * wo.max_body_bytes + (1u << 20))
        wo.request_memory_max = 2 * wo.max_body_bytes + (1u << 20);

    /* Before the fork, so that the workers share its dictionaries, and before the socket
     * exists, so that a socket that accepts means a pool that serves (loading takes most of
     * a second: a SIGTERM meanwhile would meet no handler yet). */
    if (planner_init() < 0)
        log_warn("-", "Link Grammar or WordNet data missing: offline planner uses its rules only");
    const char *sock = config_get(cfg, "socket", NULL);
    if (sock && *sock) {
        const char *mode_s = config_get(cfg, "socket_mode", "0660");
        char *end;
        long mode = strtol(mode_s, &end, 8);
        if (*end || mode < 0 || mode > 0777) {
            log_error("-", "socket_mode %s is not an octal mode", mode_s);
            config_free(cfg);
            return 2;
        }
        rc = open_socket(sock, (mode_t)mode,
                         (int)config_get_long(cfg, "listen_backlog", 128, 1, 65535));
        if (rc < 0) {
            log_error("-", "Failed to listen on %s: %s", sock, strerror(-rc));
            config_free(cfg);
            return 1;
        }
        wo.listen_fd = rc;
        log_info("-", "listening on %s (mode %04lo), %d workers", sock, mode, mo.workers);
    } else if (fd_is_listening_socket(STDIN_FILENO)) {
        wo.listen_fd = STDIN_FILENO;
        log_info("-", "using the inherited socket on fd 0, %d workers", mo.workers);
    } else {
        log_error("-", "no socket: set `socket` (or BACKFORGE_SOCKET), or start with a "
                       "listening socket on fd 0");
        config_free(cfg);
        return 2;
    }

    if (FCGX_Init() != 0) {
        log_error("-", "Failed to initialise libfcgi");
        config_free(cfg);
        return 1;
    }
    use_batch_scheduling();
    status = master_run(&mo, worker_main, &wo);
    if (sock && *sock)
        unlink(sock);
    config_free(cfg);
    return status;
}
