/* The slow-work places of the worker pool (master.h): the limit holds, a refused claim
 * leaves no mark, a release frees the place, and under real concurrency (processes on
 * shared memory, as the workers are) no more than `limit` ever hold a place at once. */
#include "master.h"
#include "tap.h"

#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { RACERS = 6, LIMIT = 2, ROUNDS = 100000 };

struct shared {
    struct worker_slot slots[RACERS];
    int inside;     /* claimants currently holding a place */
    int most;       /* the most ever seen holding at once */
    int admissions; /* successful claims, all racers together */
    int ready;      /* racers at the start line */
};

static void race(struct shared *sh, int self)
{
    struct worker_pool pool = {.slots = sh->slots, .size = RACERS, .self = self};
    /* Start together, or each racer finishes before the next one is forked. */
    __atomic_add_fetch(&sh->ready, 1, __ATOMIC_SEQ_CST);
    while (__atomic_load_n(&sh->ready, __ATOMIC_SEQ_CST) < RACERS)
        ;
    for (int round = 0; round < ROUNDS; round++) {
        if (!worker_pool_claim_slow(&pool, LIMIT))
            continue;
        int now = __atomic_add_fetch(&sh->inside, 1, __ATOMIC_SEQ_CST);
        int most = __atomic_load_n(&sh->most, __ATOMIC_SEQ_CST);
        while (now > most && !__atomic_compare_exchange_n(&sh->most, &most, now, false,
                                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            ;
        __atomic_add_fetch(&sh->admissions, 1, __ATOMIC_SEQ_CST);
        /* Hold the place across a yield, so that racers meet inside even when a loaded
         * machine runs them one after another rather than side by side. */
        sched_yield();
        __atomic_sub_fetch(&sh->inside, 1, __ATOMIC_SEQ_CST);
        worker_pool_release_slow(&pool);
    }
}

int main(void)
{
    struct worker_slot slots[3] = {0};
    struct worker_pool p0 = {slots, 3, 0}, p1 = {slots, 3, 1}, p2 = {slots, 3, 2};
    ok(worker_pool_claim_slow(&p0, 2), "first claim under a limit of 2 is admitted");
    ok(worker_pool_claim_slow(&p1, 2), "second claim is admitted");
    ok(!worker_pool_claim_slow(&p2, 2), "third claim is refused");
    is_int(slots[2].slow, 0, "a refused claim leaves no mark");
    worker_pool_release_slow(&p0);
    is_int(slots[0].slow, 0, "release clears the mark");
    ok(worker_pool_claim_slow(&p2, 2), "a released place can be taken");
    ok(!worker_pool_claim_slow(&p0, 2), "and then the pool is full again");
    worker_pool_release_slow(&p1);
    worker_pool_release_slow(&p2);
    ok(worker_pool_claim_slow(&p0, 1), "a limit of 1 admits one");
    ok(!worker_pool_claim_slow(&p1, 1), "and only one");
    worker_pool_release_slow(&p0);

    struct shared *sh =
        mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) {
        ok(0, "mmap");
        return tap_done();
    }
    pid_t kids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            race(sh, i);
            _exit(0);
        }
    }
    int clean = 1;
    for (int i = 0; i < RACERS; i++) {
        int status = 0;
        if (kids[i] < 0 || waitpid(kids[i], &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            clean = 0;
    }
    ok(clean, "%d racing processes ran to the end", RACERS);
    ok(sh->most <= LIMIT, "never more than %d held a place at once (most: %d)", LIMIT, sh->most);
    ok(sh->admissions >= ROUNDS / 10, "racers were admitted (%d times), not all refused",
       sh->admissions);
    ok(sh->admissions < RACERS * ROUNDS, "and some were refused (%d of %d claims): they met",
       RACERS * ROUNDS - sh->admissions, RACERS * ROUNDS);
    int marks = 0;
    for (int i = 0; i < RACERS; i++)
        marks += sh->slots[i].slow;
    is_int(marks, 0, "no mark is left after everyone released");
    munmap(sh, sizeof(*sh));
    return tap_done();
}
