/* The runner's stage reports (runner/progress.c): what a job process writes arrives as
 * the latest stage, cut lines are joined, junk is dropped, and stores are spaced out. */
#include "progress.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void parse_lines(void)
{
    struct progress p;
    progress_init(&p);
    is_int(progress_parse_line(&p, "suite 14 244", 12), 0, "a suite step");
    is_str(p.name, "suite", "name");
    ok(p.step == 14 && p.steps == 244 && p.dirty && p.name_changed, "step, steps, news");
    static const char *const bad[] = {"",
                                      "suite",
                                      "suite 1",
                                      "Suite 1 2",
                                      "suite 3 2",
                                      "suite -1 2",
                                      "suite 1 2 ",
                                      "suite 1x 2",
                                      "a 1 2x",
                                      "abcdefghijklmnopq 0 0",
                                      "suite 1234567890 1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct progress q;
        progress_init(&q);
        ok(progress_parse_line(&q, bad[i], strlen(bad[i])) == -EINVAL && !q.dirty,
           "refused: \"%s\"", bad[i]);
    }
}

static void through_a_pipe(void)
{
    int fds[2];
    is_int(progress_pipe(fds), 0, "pipe");
    struct progress p;
    progress_init(&p);
    progress_attach(&p, fds[0]);
    progress_send(&fds[1], "starting", 0, 0);
    progress_drain(&p);
    is_str(p.name, "starting", "first report read");
    ok(progress_due(&p, 0), "a new stage is stored at once");
    char *json = progress_json(&p);
    is_str(json, "{\"name\": \"starting\"}", "no step outside the suite");
    free(json);
    progress_stored(&p, 1000);
    ok(!progress_due(&p, 1000), "nothing new");
    progress_send(&fds[1], "suite", 1, 9);
    progress_drain(&p);
    progress_stored(&p, 1000);
    progress_send(&fds[1], "suite", 2, 9);
    progress_drain(&p);
    ok(!progress_due(&p, 1000 + PROGRESS_GAP_MS - 1), "steps within a stage wait for the gap");
    ok(progress_due(&p, 1000 + PROGRESS_GAP_MS), "... and then go");
    /* A line cut in two by the reader's buffer still arrives whole. */
    ssize_t w = write(fds[1], "suite 5", 7);
    progress_drain(&p);
    is_int(p.step, 2, "half a line waits");
    w += write(fds[1], " 9\n", 3);
    progress_drain(&p);
    is_int(p.step, 5, "joined when the rest comes");
    json = progress_json(&p);
    is_str(json, "{\"name\": \"suite\", \"step\": 5, \"steps\": 9}", "suite JSON");
    free(json);
    w += write(fds[1], "junk\nsuite 6 9\n", 15);
    progress_drain(&p);
    ok(w == 25 && p.step == 6, "junk between reports is skipped");
    close(fds[1]);
    progress_drain(&p);
    is_int(p.fd, -1, "end of file: stops watching");
    progress_detach(&p);
}

int main(void)
{
    parse_lines();
    through_a_pipe();
    return tap_done();
}
