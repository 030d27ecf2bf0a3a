/* sandbox.c with the real bubblewrap (skipped when bwrap is missing or cannot make
 * namespaces here): the verdict of each way a program ends (exit status, seccomp's SIGSYS,
 * the CPU limit, the wall clock, an output flood), the cleared environment, no /etc and no
 * network inside, the log tail, and no process left behind. */
#include "sandbox/sandbox.h"
#include "tap.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[256];

static struct sandbox *run(const char *code, struct sandbox_limits l, long wait_ms)
{
    const char *argv[] = {"/usr/bin/python3", "-c", code, NULL};
    const char *env[] = {"PATH=/usr/bin", "ONLY_THIS=1", NULL};
    struct sandbox_config c = {.project_dir = dir, .env = env, .argv = argv, .limits = l};
    if (geteuid() == 0) {
        c.drop_uid = 65534;
        c.drop_gid = 65534;
    }
    struct sandbox *sb = NULL;
    if (sandbox_start(&c, &sb) < 0)
        return NULL;
    sandbox_wait(sb, wait_ms);
    return sb;
}

static bool tail_has(struct sandbox *sb, const char *what)
{
    char *t = sandbox_log_tail(sb, 20);
    bool has = t && strstr(t, what);
    if (!has)
        printf("# log tail: %s\n", t ? t : "(none)");
    free(t);
    return has;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* bubblewrap killed in its first milliseconds can orphan the namespace's init before that
 * asked to die with its parent; the orphan keeps the output pipe open. A stand-in for bwrap
 * leaves such an orphan (in a session of its own, out of reach of the group kill): ending
 * the sandbox must not wait for the orphan. */
static void test_orphan_holding_the_output(void)
{
    char fake[300], pidfile[300];
    snprintf(fake, sizeof(fake), "%s/fake-bwrap", dir);
    snprintf(pidfile, sizeof(pidfile), "%s/orphan.pid", dir);
    FILE *f = fopen(fake, "w");
    if (!f) {
        ok(false, "fake bwrap written");
        return;
    }
    fprintf(f, "#!/bin/sh\nsetsid sleep 30 &\necho $! > %s\necho started\nexit 0\n", pidfile);
    fclose(f);
    chmod(fake, 0755);
    const char *argv[] = {"/usr/bin/true", NULL};
    const char *env[] = {NULL};
    struct sandbox_config c = {.bwrap = fake, .project_dir = dir, .env = env, .argv = argv};
    struct sandbox *sb = NULL;
    long t0 = now_ms();
    ok(sandbox_start(&c, &sb) == 0, "started with the fake bwrap");
    is_int(sandbox_wait(sb, 20000), 1, "it ends");
    long took = now_ms() - t0;
    ok(took < 10000, "without waiting for the orphan (%ld ms)", took);
    ok(tail_has(sb, "started"), "what it wrote before is kept");
    sandbox_free(sb);
    f = fopen(pidfile, "r");
    long orphan = 0;
    if (f && fscanf(f, "%ld", &orphan) == 1 && orphan > 0)
        kill((pid_t)orphan, SIGKILL);
    if (f)
        fclose(f);
    unlink(pidfile);
    unlink(fake);
}

int main(void)
{
    if (access("/usr/bin/bwrap", X_OK) != 0 || access("/usr/bin/python3", X_OK) != 0 ||
        system("bwrap --unshare-all --unshare-user --ro-bind /usr /usr --symlink usr/lib64 /lib64 "
               "--symlink usr/lib /lib /usr/bin/true 2>/dev/null") != 0) {
        printf("1..0 # SKIP bubblewrap or python3 cannot run here\n");
        return 0;
    }
    snprintf(dir, sizeof(dir), "%s/bf-sandbox-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir) || chmod(dir, 0777) < 0) {
        printf("Bail out! mkdtemp\n");
        return 1;
    }
    struct sandbox_limits l = {.wall_ms = 20000};

    struct sandbox *sb =
        run("import os, sys\n"
            "print('extra', sorted(set(os.environ) - {'ONLY_THIS', 'PATH', 'PWD', 'LC_CTYPE'}))\n"
            "print('etc' in os.listdir('/'), os.getuid())\n"
            "sys.exit(3)",
            l, 20000);
    ok(sb != NULL, "sandbox starts");
    is_int(sandbox_exit_status(sb), 3, "exit status comes through");
    is_str(sandbox_verdict(sb), "exited with status 3", "verdict");
    ok(!sandbox_hit_limit(sb), "no limit hit");
    ok(tail_has(sb, "extra []"), "only the given environment (and bwrap's PWD)");
    ok(tail_has(sb, "False 65534"), "no /etc, uid 65534");
    sandbox_free(sb);

    sb = run("import socket\n"
             "try:\n"
             "    socket.create_connection(('1.1.1.1', 53), 2)\n"
             "    print('NET OPEN')\n"
             "except OSError as e:\n"
             "    print('no network', e.errno)\n",
             l, 20000);
    ok(tail_has(sb, "no network"), "no network inside");
    sandbox_free(sb);

    sb = run("import ctypes\nctypes.CDLL(None).ptrace(0, 0, None, None)\nprint('traced')", l,
             20000);
    is_str(sandbox_verdict(sb), "killed by SIGSYS: a forbidden system call (seccomp)",
           "ptrace is killed by seccomp and named");
    ok(sandbox_hit_limit(sb), "counted as a limit");
    sandbox_free(sb);

    sb = run("import ctypes\nctypes.CDLL(None).unshare(0x10000000)\nprint('unshared')", l, 20000);
    ok(strstr(sandbox_verdict(sb), "SIGSYS") != NULL, "unshare is killed too: %s",
       sandbox_verdict(sb));
    sandbox_free(sb);

    struct sandbox_limits cpu = {.cpu_s = 1, .wall_ms = 20000};
    sb = run("while True:\n    pass", cpu, 20000);
    is_str(sandbox_verdict(sb), "CPU time limit (1 s) reached (SIGXCPU)", "CPU limit named");
    sandbox_free(sb);

    struct sandbox_limits wall = {.wall_ms = 1000};
    sb = run("import time\ntime.sleep(30)", wall, 1500);
    is_str(sandbox_verdict(sb), "wall-clock limit (1 s) reached", "wall clock named");
    ok(sandbox_elapsed_ms(sb) < 5000, "stopped in time");
    sandbox_free(sb);

    struct sandbox_limits flood = {.flood_mb = 2, .wall_ms = 20000};
    sb = run("import os\nwhile True:\n    os.write(1, b'y' * 65536)", flood, 20000);
    is_str(sandbox_verdict(sb), "output flood: more than 2 MB", "flood stopped and named");
    char *t = sandbox_log_tail(sb, 3);
    ok(t && strlen(t) < 70 * 1024, "log kept to its cap");
    free(t);
    sandbox_free(sb);

    struct sandbox_limits mem = {.memory_mb = 256, .wall_ms = 20000};
    sb = run("try:\n    b = bytearray(1 << 30)\n    print('ALLOCATED')\n"
             "except MemoryError:\n    print('memory limit')",
             mem, 20000);
    ok(tail_has(sb, "memory limit"), "address-space limit holds");
    sandbox_free(sb);

    /* The control pipe: what a warm sandbox is handed its job through. */
    {
        const char *argv[] = {"/usr/bin/python3", "-c",
                              "import sys\nline = sys.stdin.readline()\n"
                              "print('got', line.strip(), repr(sys.stdin.read()))",
                              NULL};
        const char *env[] = {"PATH=/usr/bin", NULL};
        struct sandbox_config c = {.project_dir = dir,
                                   .env = env,
                                   .argv = argv,
                                   .control_pipe = true,
                                   .limits = {.wall_ms = 1000}};
        if (geteuid() == 0) {
            c.drop_uid = 65534;
            c.drop_gid = 65534;
        }
        ok(sandbox_start(&c, &sb) == 0 && sandbox_control_fd(sb) >= 0, "control pipe given");
        usleep(1200 * 1000); /* past its wall clock, which nobody checked yet */
        sandbox_restart_clock(sb);
        is_int(sandbox_check(sb), 0, "the wall clock counts from the restart");
        ok(write(sandbox_control_fd(sb), "job-1\n", 6) == 6, "written");
        sandbox_control_close(sb);
        is_int(sandbox_control_fd(sb), -1, "closed");
        sandbox_wait(sb, 20000);
        ok(tail_has(sb, "got job-1 ''"), "the program reads the line, then end of file");
        sandbox_free(sb);
        sb = run("import sys\nprint('stdin', repr(sys.stdin.read()))", l, 20000);
        ok(tail_has(sb, "stdin ''"), "without it stdin is empty (/dev/null)");
        is_int(sandbox_control_fd(sb), -1, "and there is no control fd");
        sandbox_free(sb);
    }

    /* A program that leaves a child behind: stopping takes the whole sandbox. */
    sb = run("import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(61.25)\n"
             "time.sleep(61.25)",
             wall, 1500);
    ok(strstr(sandbox_verdict(sb), "wall-clock") != NULL, "stopped");
    sandbox_free(sb);
    int left = system("pgrep -f 'time.sleep\\(61.25\\)' >/dev/null");
    ok(left != 0, "no process of the sandbox survives it");

    test_orphan_holding_the_output();
    rmdir(dir);
    return tap_done();
}
