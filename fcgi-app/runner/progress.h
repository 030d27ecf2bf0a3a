/* Stage reports from a job process to the runner daemon, so a running verification shows
 * where it is ("suite", step 14 of 244). The job process writes one short line a change to
 * a pipe and never blocks on it (a full pipe drops the line: a newer one follows); the
 * daemon drains the pipe, keeps the latest report and stores it in the job's row
 * (jobs_progress) when the stage changes, or at most every PROGRESS_GAP_MS within one. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#define PROGRESS_GAP_MS   250
#define PROGRESS_NAME_MAX 16

struct progress {
    int fd; /* the pipe's read end, or -1 */
    char name[PROGRESS_NAME_MAX];
    int step, steps;
    bool dirty;        /* a report not stored yet */
    bool name_changed; /* ... that starts a new stage: stored at once */
    long stored_ms;    /* when the last one was stored */
    char carry[64];    /* a line cut by a read */
    size_t carry_len;
};

/* A pipe for one job: fds[0] (the daemon's, non-blocking) and fds[1] (the job's,
 * non-blocking), both close-on-exec. 0 or -errno. */
int progress_pipe(int fds[2]);
/* An empty progress, following no pipe. */
void progress_init(struct progress *p);
/* Starts following a job's reports on read_fd (taken over); p's state is reset. */
void progress_attach(struct progress *p, int read_fd);
/* Stops following: closes the pipe. Accepts a progress never attached. */
void progress_detach(struct progress *p);

/* The job side, a verification_progress_fn: ctx points to the write end (an int). */
void progress_send(void *ctx, const char *name, int step, int steps);

/* The daemon side: reads what is in the pipe (never blocks). */
void progress_drain(struct progress *p);
/* Parses one line "NAME STEP STEPS" into p (NAME: lower-case letters). 0, or -EINVAL and p
 * unchanged. */
int progress_parse_line(struct progress *p, const char *line, size_t len);
/* Whether the latest report should be stored now. */
bool progress_due(const struct progress *p, long now_ms);
/* The latest report as {"name", "step", "steps"} JSON text: malloc'ed, caller free()s;
 * NULL when out of memory. */
char *progress_json(const struct progress *p);
/* It was stored at now_ms. */
void progress_stored(struct progress *p, long now_ms);
