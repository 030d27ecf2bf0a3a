/* Login throttling kept in PostgreSQL (table login_failures), so every worker and every
 * app host sees the same counts: a sliding window of failures per account email and per
 * client address. The login handler checks before verifying a password. */
#pragma once
#include <stddef.h>

struct config;
struct db;

struct throttle_limits {
    long max_per_account; /* failures per normalized email inside the window */
    long max_per_addr;    /* failures per client address inside the window */
    long window_seconds;
};

#define THROTTLE_DEFAULT_PER_ACCOUNT 5
#define THROTTLE_DEFAULT_PER_ADDR    20
#define THROTTLE_DEFAULT_WINDOW      900
#define THROTTLE_MAX_KEY             512 /* longer emails/addresses are cut before storing */

/* login_max_failures_account (default 5, 1..1000), login_max_failures_addr (default 20,
 * 1..100000), login_window_seconds (default 900, 10..86400). c may be NULL. */
void throttle_limits_from_config(const struct config *c, struct throttle_limits *out);

/* 0 when a login attempt for email from addr may go ahead. -EBUSY when either counter has
 * reached its limit; then *retry_after is the whole seconds (>= 1) until the oldest failure
 * that counts leaves the window. addr NULL or "" skips the address check. Database errors
 * come back as db.h maps them (-ENOTCONN, ...). */
int throttle_check(struct db *db, const struct throttle_limits *l, const char *email,
                   const char *addr, long *retry_after);

/* The login path: check and record in one atomic step, before the password is verified.
 * In one transaction it takes a PostgreSQL advisory lock per key (email, then address:
 * one order, so no deadlock), counts the window, and when neither limit is reached
 * records the attempt as a failure at once. N workers racing on one key are serialized
 * by the lock, so exactly the limit's worth of attempts go ahead per window, however many
 * workers and app hosts there are (a separate check then record would let up to
 * limit + N - 1 through). 0 with *attempt filled, -EBUSY with *retry_after as
 * throttle_check, or a db.h errno. A wrong password then needs nothing more; a right one
 * calls throttle_attempt_succeeded. */
struct throttle_attempt {
    char addr_row[24]; /* id of the address's provisional failure row, "" when none */
};
int throttle_attempt_begin(struct db *db, const struct throttle_limits *l, const char *email,
                           const char *addr, long *retry_after, struct throttle_attempt *attempt);
/* The attempt was a good login: clears the account's failures and withdraws the address's
 * provisional one. 0 or -errno. */
int throttle_attempt_succeeded(struct db *db, const char *email,
                               const struct throttle_attempt *attempt);

/* Records one failure for email and for addr (when known), and prunes up to 100 rows that
 * have left the window, so the table stays small without a cron job. 0 or -errno. */
int throttle_record_failure(struct db *db, const struct throttle_limits *l, const char *email,
                            const char *addr);

/* A successful login clears the account's failures (not the address's: one good password
 * does not vouch for a host that is guessing others). 0 or -errno. */
int throttle_record_success(struct db *db, const char *email);
