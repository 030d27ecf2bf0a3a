/* Line logger for the daemons and the CLI. */
#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_program = "backforge";
static enum log_level log_min = LOG_LEVEL_INFO;
static int log_with_time = 0;
/* getpid() is a system call on every line otherwise (glibc stopped caching it), and a
 * worker writes a line per request. Forked children refresh it. */
static pid_t log_pid;

static void refresh_pid(void)
{
    log_pid = getpid();
}

static void register_fork_hook(void)
{
    pthread_atfork(NULL, NULL, refresh_pid);
}

void log_setup(const char *program, enum log_level min_level, int with_time)
{
    static pthread_once_t hooked = PTHREAD_ONCE_INIT;
    log_program = program;
    log_min = min_level;
    log_with_time = with_time;
    refresh_pid();
    pthread_once(&hooked, register_fork_hook);
}

void log_event(enum log_level level, const char *id, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    if (level > log_min)
        return;
    char msg[2048], line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    char stamp[40] = "";
    if (log_with_time) {
        struct timespec ts;
        struct tm tm;
        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        size_t k = strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(stamp + k, sizeof(stamp) - k, ".%03ldZ ", ts.tv_nsec / 1000000);
    }
    int n = snprintf(line, sizeof(line), "%s%s[%d] %s id=%s %s\n", stamp, log_program,
                     (int)(log_pid ? log_pid : getpid()), names[level], id ? id : "-", msg);
    if (n > 0)
        (void)!write(STDERR_FILENO, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
