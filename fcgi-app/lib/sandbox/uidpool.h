/* Users of their own for the sandboxes of a root runner: RLIMIT_NPROC counts per user, so
 * sandboxes that share a uid share one process budget (a fork bomb in one starves the
 * others). The pool is a range of uids, in pairs (a verification's app and its tests), each
 * pair leased by an flock on a file of its own in a directory: the lease ends with the
 * process that holds it, however that process ends, and every process on the host that
 * uses the same directory sees it. The directory is one per host, not per runner: two
 * runners (or backforgectl verify) handing out the same uids from two directories would
 * share budgets, and each would kill the other's sandboxes as leftovers. */
#pragma once
#include <sys/types.h>

#define UIDPOOL_APP   0
#define UIDPOOL_TESTS 1

struct uid_lease {
    int fd;       /* the locked file (-1: no lease held) */
    uid_t uid[2]; /* [UIDPOOL_APP], [UIDPOOL_TESTS]; each gid equals its uid */
};

/* Leases the first free pair of base, base + 1, ... base + 2 * pairs - 1, locking
 * lock_dir/uid-<first uid>.lock (lock_dir is made, mode 0700, when missing), and kills whatever
 * still runs under the pair's uids (what a holder that died left behind), so the pair starts with
 * its whole process budget. Only for a process that may change its uid (root). 0, -EBUSY (every
 * pair is leased), -EINVAL (a range past the largest uid) or another -errno. */
int uidpool_acquire(const char *lock_dir, uid_t base, int pairs, struct uid_lease *out);
/* Ends the lease (the caller has stopped the sandboxes that ran under it), killing whatever
 * still runs under its uids (an orphan of a sandbox stopped as it started). Accepts a lease
 * that holds nothing; idempotent. */
void uidpool_release(struct uid_lease *l);
