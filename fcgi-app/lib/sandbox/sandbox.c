/* bubblewrap sandbox (see sandbox.h). The sandbox is described as data: the mount table
 * and the syscall deny list below are the whole policy. The child between fork and exec
 * only calls async-signal-safe functions: everything it needs (argv, the seccomp program)
 * is prepared before fork. */
#include "sandbox/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SANDBOX_ARGS_MAX    160
#define SANDBOX_UID         "65534" /* the app's uid and gid inside its user namespace */
#define SANDBOX_SECCOMP_FD  3
#define DRAIN_AFTER_EXIT_MS 2000 /* see finish() */

/* System calls a web app and its tests never need; any of them kills the process with
 * SIGSYS, so the report can name the attempt. */
static const char *const denied_syscalls[] = {
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "swapon",
    "swapoff",
    "reboot",
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "add_key",
    "request_key",
    "keyctl",
    "bpf",
    "perf_event_open",
    "unshare",
    "setns",
    "clock_settime",
    "clock_adjtime",
    "settimeofday",
    "adjtimex",
    "acct",
    "quotactl",
    "syslog",
    "userfaultfd",
    "open_by_handle_at",
    "name_to_handle_at",
    "iopl",
    "ioperm",
    "fanotify_init",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "vhangup",
    "lookup_dcookie",
    "personality",
};

/* clone flags that would make a new namespace. */
static const unsigned long clone_ns_flags[] = {0x00020000, 0x02000000, 0x04000000, 0x08000000,
                                               0x10000000, 0x20000000, 0x40000000};

struct sandbox {
    pid_t pid;
    bool reaped;
    int status;
    struct timespec started;
    long wall_ms;
    size_t flood_bytes;
    char stop_reason[96]; /* set when we stopped it, and why */
    char verdict[160];
    long cpu_s;
    /* output: a ring of the last cap bytes, filled by the drain thread */
    int out_fd;
    int control_fd; /* write end of its stdin (control_pipe), or -1 */
    pthread_t drain;
    bool drain_started;
    int drain_wake[2]; /* a byte on [1] ends the drain thread early (see finish) */
    pthread_mutex_t lock;
    char *ring;
    size_t cap, head, total;
    bool flooded;
};

static long elapsed_ms(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The seccomp program in a memfd (offset 0), for bwrap's --seccomp. */
static int seccomp_program(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx)
        return -ENOMEM;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof(denied_syscalls) / sizeof(denied_syscalls[0]); i++) {
        int nr = seccomp_syscall_resolve_name(denied_syscalls[i]);
        if (nr == __NR_SCMP_ERROR)
            continue; /* not on this architecture */
        rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, nr, 0);
    }
    for (size_t i = 0; rc == 0 && i < sizeof(clone_ns_flags) / sizeof(clone_ns_flags[0]); i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, clone_ns_flags[i], clone_ns_flags[i]));
    /* clone3 passes its flags in memory a filter cannot read: make libc fall back to clone. */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    int fd = -1;
    if (rc == 0) {
        fd = memfd_create("bf-seccomp", MFD_CLOEXEC);
        if (fd < 0)
            rc = -errno;
    }
    if (rc == 0)
        rc = seccomp_export_bpf(ctx, fd);
    if (rc == 0 && lseek(fd, 0, SEEK_SET) < 0)
        rc = -errno;
    seccomp_release(ctx);
    if (rc < 0) {
        if (fd >= 0)
            close(fd);
        return rc;
    }
    return fd;
}

struct argv_builder {
    const char *v[SANDBOX_ARGS_MAX];
    int n;
    bool full;
};

static void add(struct argv_builder *b, const char *a)
{
    if (b->n >= SANDBOX_ARGS_MAX - 1) {
        b->full = true;
        return;
    }
    b->v[b->n++] = a;
}

static void add2(struct argv_builder *b, const char *a, const char *c)
{
    add(b, a);
    add(b, c);
}

static void add3(struct argv_builder *b, const char *a, const char *c, const char *d)
{
    add(b, a);
    add(b, c);
    add(b, d);
}

static void *drain_main(void *arg)
{
    struct sandbox *sb = arg;
    char buf[16384];
    struct pollfd fds[2] = {{.fd = sb->out_fd, .events = POLLIN},
                            {.fd = sb->drain_wake[0], .events = POLLIN}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            break; /* told to stop: see finish() */
        ssize_t n = read(sb->out_fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        pthread_mutex_lock(&sb->lock);
        for (ssize_t i = 0; i < n; i++) {
            sb->ring[sb->head] = buf[i];
            sb->head = (sb->head + 1) % sb->cap;
        }
        sb->total += (size_t)n;
        bool flood = !sb->flooded && sb->total > sb->flood_bytes;
        if (flood)
            sb->flooded = true;
        pthread_mutex_unlock(&sb->lock);
        if (flood)
            kill(-sb->pid, SIGKILL);
    }
    return NULL;
}

/* fd moved to a number >= 10 (close-on-exec), or left as it is when that fails. */
static int high_fd(int fd)
{
    if (fd < 0 || fd >= 10)
        return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    if (moved < 0)
        return fd;
    close(fd);
    return moved;
}

static void set_limit(int resource, rlim_t value)
{
    /* CPU: the soft limit sends SIGXCPU (named in the verdict); SIGKILL comes at the hard
     * limit, a little later. Equal limits would kill without a name. */
    struct rlimit rl = {value, resource == RLIMIT_CPU ? value + 5 : value};
    setrlimit(resource, &rl);
}

static long or_default(long v, long def)
{
    return v > 0 ? v : def;
}

/* The limits a sandbox gets: the configured ones, or the defaults. */
struct child_limits {
    long memory_mb, processes, open_files, file_mb, cpu_s;
};

static struct child_limits limits_or_defaults(const struct sandbox_limits *l)
{
    return (struct child_limits){.memory_mb = or_default(l->memory_mb, 1024),
                                 .processes = or_default(l->processes, 64),
                                 .open_files = or_default(l->open_files, 256),
                                 .file_mb = or_default(l->file_mb, 64),
                                 .cpu_s = or_default(l->cpu_s, 60)};
}

/* A sandbox not yet started: its output ring and the limits it words its verdict with
 * (cpu_s: the CPU limit the child gets). */
static struct sandbox *sandbox_new(const struct sandbox_limits *l, long cpu_s)
{
    struct sandbox *sb = calloc(1, sizeof(*sb));
    if (!sb)
        return NULL;
    sb->out_fd = -1;
    sb->control_fd = -1;
    sb->drain_wake[0] = sb->drain_wake[1] = -1;
    sb->pid = -1;
    sb->cap = l->log_bytes ? l->log_bytes : 64 * 1024;
    sb->wall_ms = or_default(l->wall_ms, 120000);
    sb->cpu_s = cpu_s;
    sb->flood_bytes = (l->flood_mb ? l->flood_mb : 16) * 1024 * 1024;
    pthread_mutex_init(&sb->lock, NULL);
    sb->ring = malloc(sb->cap);
    if (!sb->ring || pipe2(sb->drain_wake, O_CLOEXEC) < 0) {
        sandbox_free(sb);
        return NULL;
    }
    return sb;
}

/* What the sandbox sees of the host: /usr read-only, no /etc at all (no shadow, passwd,
 * config or keys), fresh /proc, /dev and /tmp, the project, its socket directory and the
 * database socket. */
static void add_mounts(struct argv_builder *b, const struct sandbox_config *cfg)
{
    add3(b, "--ro-bind", "/usr", "/usr");
    add3(b, "--symlink", "usr/lib", "/lib");
    add3(b, "--symlink", "usr/lib64", "/lib64");
    add3(b, "--symlink", "usr/bin", "/bin");
    add3(b, "--symlink", "usr/sbin", "/sbin");
    add2(b, "--proc", "/proc");
    add2(b, "--dev", "/dev");
    add2(b, "--size", "67108864");
    add2(b, "--tmpfs", "/tmp");
    add3(b, "--bind", cfg->project_dir, "/app");
    if (cfg->socket_dir)
        add3(b, "--bind", cfg->socket_dir, "/run/app");
    if (cfg->db_socket)
        add3(b, "--ro-bind", cfg->db_socket, "/run/db/.s.PGSQL.5432");
    add2(b, "--chdir", "/app");
}

/* --setenv NAME VALUE for each "NAME=VALUE" of env: the names and values are cut from one
 * copy, *env_owned, which the caller frees once the argv is no longer needed (after fork). */
static int add_env(struct argv_builder *b, const char *const *env, char **env_owned)
{
    size_t env_len = 0;
    for (const char *const *e = env; e && *e; e++)
        env_len += strlen(*e) + 1;
    char *w = *env_owned = malloc(env_len + 1);
    if (!w)
        return -ENOMEM;
    for (const char *const *e = env; e && *e; e++) {
        size_t n = strlen(*e);
        memcpy(w, *e, n + 1);
        char *eq = strchr(w, '=');
        if (eq) {
            *eq = '\0';
            add3(b, "--setenv", w, eq + 1);
        }
        w += n + 1;
    }
    return 0;
}

/* bubblewrap's command line for cfg, ending in the program's argv. */
static int bwrap_argv(const struct sandbox_config *cfg, struct argv_builder *b, char **env_owned)
{
    _Static_assert(SANDBOX_SECCOMP_FD < 10, "the descriptor is written as one digit");
    static char seccomp_fd_text[] = {'0' + SANDBOX_SECCOMP_FD, '\0'};
    add(b, cfg->bwrap ? cfg->bwrap : "/usr/bin/bwrap");
    add(b, "--unshare-all");
    add(b, "--unshare-user");
    add(b, "--disable-userns");
    add(b, "--die-with-parent");
    add(b, "--new-session");
    add2(b, "--hostname", "sandbox");
    add2(b, "--uid", SANDBOX_UID);
    add2(b, "--gid", SANDBOX_UID);
    add_mounts(b, cfg);
    add(b, "--clearenv");
    if (add_env(b, cfg->env, env_owned) < 0)
        return -ENOMEM;
    add2(b, "--seccomp", seccomp_fd_text);
    add(b, "--");
    for (const char *const *a = cfg->argv; a && *a; a++)
        add(b, *a);
    b->v[b->n] = NULL;
    return b->full || !cfg->argv || !cfg->argv[0] || !cfg->project_dir ? -E2BIG : 0;
}

/* The descriptors around the child: its stdin (the control pipe's read end, or /dev/null),
 * the pipe its stdout and stderr go to, the seccomp program, and the control pipe's write
 * end we keep. */
struct child_fds {
    int stdin_fd, out[2], filter, control_write;
};

static int child_fds_open(const struct sandbox_config *cfg, struct child_fds *f)
{
    *f = (struct child_fds){.stdin_fd = -1, .out = {-1, -1}, .filter = -1, .control_write = -1};
    f->filter = seccomp_program();
    if (f->filter < 0)
        return f->filter;
    int control[2] = {-1, -1};
    if (pipe2(f->out, O_CLOEXEC) < 0 || (cfg->control_pipe && pipe2(control, O_CLOEXEC) < 0)) {
        int rc = -errno;
        for (int i = 0; i < 2; i++)
            if (f->out[i] >= 0)
                close(f->out[i]);
        close(f->filter);
        return rc;
    }
    f->control_write = control[1];
    f->stdin_fd = cfg->control_pipe ? control[0] : open("/dev/null", O_RDONLY | O_CLOEXEC);
    /* The child dup2()s these onto 0-3; from numbers above that, so no dup2 is a no-op that
     * would leave O_CLOEXEC on (a process with few open files gets the memfd as fd 3). */
    f->filter = high_fd(f->filter);
    f->out[1] = high_fd(f->out[1]);
    f->stdin_fd = high_fd(f->stdin_fd);
    return 0;
}

/* After fork, the parent closes the child's ends. */
static void child_fds_close_childs(struct child_fds *f)
{
    close(f->out[1]);
    close(f->filter);
    if (f->stdin_fd >= 0)
        close(f->stdin_fd);
}

/* The child between fork and exec: async-signal-safe calls only. Its own process group,
 * default signals, the descriptors on 0-3, the limits, the sandbox's uid, then bwrap. */
static _Noreturn void child_exec(const struct argv_builder *b, const struct child_fds *f,
                                 const struct child_limits *lim, const struct sandbox_config *cfg)
{
    static char *const empty_env[] = {NULL};
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int s = 1; s < NSIG; s++)
        signal(s, SIG_DFL);
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (dup2(f->stdin_fd, 0) < 0 || dup2(f->out[1], 1) < 0 || dup2(f->out[1], 2) < 0 ||
        dup2(f->filter, SANDBOX_SECCOMP_FD) < 0)
        _exit(127);
    close_range(SANDBOX_SECCOMP_FD + 1, ~0U, 0);
    set_limit(RLIMIT_AS, (rlim_t)lim->memory_mb * 1024 * 1024);
    set_limit(RLIMIT_NPROC, (rlim_t)lim->processes);
    set_limit(RLIMIT_NOFILE, (rlim_t)lim->open_files);
    set_limit(RLIMIT_FSIZE, (rlim_t)lim->file_mb * 1024 * 1024);
    set_limit(RLIMIT_CPU, (rlim_t)lim->cpu_s);
    set_limit(RLIMIT_CORE, 0);
    if (cfg->drop_uid &&
        (setgroups(0, NULL) < 0 || setresgid(cfg->drop_gid, cfg->drop_gid, cfg->drop_gid) < 0 ||
         setresuid(cfg->drop_uid, cfg->drop_uid, cfg->drop_uid) < 0))
        _exit(126);
    execve(b->v[0], (char *const *)b->v, empty_env);
    _exit(127);
}

int sandbox_start(const struct sandbox_config *cfg, struct sandbox **out)
{
    struct child_limits lim = limits_or_defaults(&cfg->limits);
    struct sandbox *sb = sandbox_new(&cfg->limits, lim.cpu_s);
    if (!sb)
        return -ENOMEM;
    /* Everything the child needs is made before fork (see the top of this file). */
    struct argv_builder b = {.n = 0};
    char *env_owned = NULL;
    struct child_fds fds;
    int rc = bwrap_argv(cfg, &b, &env_owned);
    if (rc == 0)
        rc = child_fds_open(cfg, &fds);
    if (rc < 0) {
        free(env_owned);
        sandbox_free(sb);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &sb->started);
    pid_t pid = fork();
    if (pid == 0)
        child_exec(&b, &fds, &lim, cfg);
    int fork_errno = errno;
    child_fds_close_childs(&fds);
    free(env_owned);
    if (pid < 0) {
        close(fds.out[0]);
        if (fds.control_write >= 0)
            close(fds.control_write);
        sandbox_free(sb);
        return -fork_errno;
    }
    sb->control_fd = fds.control_write;
    setpgid(pid, pid); /* also here, so a kill right after fork already reaches the group */
    sb->pid = pid;
    sb->out_fd = fds.out[0];
    if (pthread_create(&sb->drain, NULL, drain_main, sb) == 0)
        sb->drain_started = true;
    snprintf(sb->verdict, sizeof(sb->verdict), "running");
    *out = sb;
    return 0;
}

static const char *signal_words(int sig, char *buf, size_t size, long cpu_s)
{
    switch (sig) {
    case SIGSYS:
        return "killed by SIGSYS: a forbidden system call (seccomp)";
    case SIGXCPU:
        snprintf(buf, size, "CPU time limit (%ld s) reached (SIGXCPU)", cpu_s);
        return buf;
    case SIGXFSZ:
        return "file size limit reached (SIGXFSZ)";
    default:
        snprintf(buf, size, "killed by signal %d (%s)", sig, strsignal(sig));
        return buf;
    }
}

/* Called once the pid is reaped: collects the drain thread and words the verdict. */
static void finish(struct sandbox *sb)
{
    /* Everything inside dies with the pid namespace's init, so the pipe reaches EOF (no kill
     * of the group here: its id may already belong to someone else). Not always: bubblewrap
     * killed in its first milliseconds may leave that init orphaned before it asked to die
     * with its parent, holding the pipe. The drain gets DRAIN_AFTER_EXIT_MS, then stops. */
    if (sb->drain_started) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += DRAIN_AFTER_EXIT_MS / 1000;
        if (pthread_timedjoin_np(sb->drain, NULL, &until) != 0) {
            (void)!write(sb->drain_wake[1], "", 1);
            pthread_join(sb->drain, NULL);
        }
        sb->drain_started = false;
    }
    char buf[96];
    if (sb->flooded) {
        snprintf(sb->verdict, sizeof(sb->verdict), "output flood: more than %zu MB",
                 sb->flood_bytes / (1024 * 1024));
    } else if (sb->stop_reason[0]) {
        snprintf(sb->verdict, sizeof(sb->verdict), "%s", sb->stop_reason);
    } else if (WIFEXITED(sb->status)) {
        int code = WEXITSTATUS(sb->status);
        /* bwrap exits with 128 + N when the program died of signal N. */
        if (code > 128 && code < 128 + 65)
            snprintf(sb->verdict, sizeof(sb->verdict), "%s",
                     signal_words(code - 128, buf, sizeof(buf), sb->cpu_s));
        else
            snprintf(sb->verdict, sizeof(sb->verdict), "exited with status %d", code);
    } else if (WIFSIGNALED(sb->status)) {
        snprintf(sb->verdict, sizeof(sb->verdict), "bwrap %s",
                 signal_words(WTERMSIG(sb->status), buf, sizeof(buf), sb->cpu_s));
    }
}

static bool reap(struct sandbox *sb, int flags)
{
    if (sb->reaped)
        return true;
    for (;;) {
        pid_t r = waitpid(sb->pid, &sb->status, flags);
        if (r == sb->pid) {
            sb->reaped = true;
            finish(sb);
            return true;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) { /* not our child any more: treat as gone */
            sb->reaped = true;
            sb->status = 0;
            finish(sb);
            return true;
        }
        return false;
    }
}

void sandbox_stop(struct sandbox *sb, long grace_ms)
{
    if (!sb || sb->pid <= 0 || reap(sb, WNOHANG))
        return;
    if (!sb->stop_reason[0])
        snprintf(sb->stop_reason, sizeof(sb->stop_reason), "stopped by the runner");
    sandbox_control_close(sb); /* a program waiting on its stdin ends by itself */
    kill(-sb->pid, SIGTERM);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (elapsed_ms(&t0) < grace_ms) {
        if (reap(sb, WNOHANG))
            return;
        struct timespec ts = {0, 10 * 1000000};
        nanosleep(&ts, NULL);
    }
    kill(-sb->pid, SIGKILL);
    reap(sb, 0);
}

int sandbox_check(struct sandbox *sb)
{
    if (reap(sb, WNOHANG))
        return 1;
    if (elapsed_ms(&sb->started) > sb->wall_ms) {
        snprintf(sb->stop_reason, sizeof(sb->stop_reason), "wall-clock limit (%ld s) reached",
                 sb->wall_ms / 1000);
        sandbox_stop(sb, 500);
        return 1;
    }
    return 0;
}

int sandbox_wait(struct sandbox *sb, long timeout_ms)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (elapsed_ms(&t0) < timeout_ms) {
        if (sandbox_check(sb))
            return sb->stop_reason[0] ? 0 : 1;
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
    snprintf(sb->stop_reason, sizeof(sb->stop_reason), "wall-clock limit (%ld s) reached",
             (timeout_ms + 999) / 1000);
    sandbox_stop(sb, 500);
    return 0;
}

const char *sandbox_verdict(struct sandbox *sb)
{
    return sb->verdict;
}

int sandbox_exit_status(const struct sandbox *sb)
{
    if (!sb->reaped || sb->flooded || sb->stop_reason[0] || !WIFEXITED(sb->status))
        return -1;
    int code = WEXITSTATUS(sb->status);
    return code > 128 ? -1 : code;
}

bool sandbox_hit_limit(const struct sandbox *sb)
{
    if (!sb->reaped)
        return false;
    if (sb->flooded || strncmp(sb->stop_reason, "wall-clock", 10) == 0)
        return true;
    if (sb->stop_reason[0] || !WIFEXITED(sb->status))
        return false;
    int sig = WEXITSTATUS(sb->status) - 128;
    return sig == SIGSYS || sig == SIGXCPU || sig == SIGXFSZ;
}

char *sandbox_log_tail(struct sandbox *sb, int max_lines)
{
    pthread_mutex_lock(&sb->lock);
    size_t n = sb->total < sb->cap ? sb->total : sb->cap;
    size_t start = sb->total < sb->cap ? 0 : sb->head;
    char *text = malloc(n + 1);
    if (text) {
        for (size_t i = 0; i < n; i++)
            text[i] = sb->ring[(start + i) % sb->cap];
        text[n] = '\0';
    }
    pthread_mutex_unlock(&sb->lock);
    if (!text)
        return NULL;
    /* Keep the last max_lines lines (a trailing newline does not start a line). */
    size_t end = n;
    while (end > 0 && text[end - 1] == '\n')
        end--;
    size_t cut = 0;
    int lines = 0;
    for (size_t i = end; i > 0; i--) {
        if (text[i - 1] == '\n' && ++lines >= max_lines) {
            cut = i;
            break;
        }
    }
    /* Invalid UTF-8 and control bytes would break the JSON report: make them '?'. */
    size_t o = 0;
    for (size_t i = cut; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        text[o++] = (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) ? (char)c : '?';
    }
    text[o] = '\0';
    return text;
}

int sandbox_control_fd(const struct sandbox *sb)
{
    return sb->control_fd;
}

void sandbox_control_close(struct sandbox *sb)
{
    if (sb->control_fd >= 0)
        close(sb->control_fd);
    sb->control_fd = -1;
}

void sandbox_restart_clock(struct sandbox *sb)
{
    clock_gettime(CLOCK_MONOTONIC, &sb->started);
}

long sandbox_elapsed_ms(const struct sandbox *sb)
{
    return elapsed_ms(&sb->started);
}

struct sandbox *sandbox_free(struct sandbox *sb)
{
    if (!sb)
        return NULL;
    if (sb->pid > 0 && !sb->reaped)
        sandbox_stop(sb, 0);
    if (sb->drain_started)
        pthread_join(sb->drain, NULL);
    if (sb->out_fd >= 0)
        close(sb->out_fd);
    for (int i = 0; i < 2; i++)
        if (sb->drain_wake[i] >= 0)
            close(sb->drain_wake[i]);
    sandbox_control_close(sb);
    pthread_mutex_destroy(&sb->lock);
    free(sb->ring);
    free(sb);
    return NULL;
}
