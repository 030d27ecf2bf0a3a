/* Tests for throttle.c and audit.c against a real PostgreSQL: set BF_TEST_PG to a conninfo
 * of a scratch database (the test creates its tables in a temporary schema and drops it).
 * Without it the test is skipped. The race: processes with their own connections (as the
 * workers are) start wrong logins on one account together; exactly the limit go ahead. */
#include "platform/audit.h"
#include "platform/db.h"
#include "tap.h"
#include "platform/throttle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[64 * 1024];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static long count(struct db *db, const char *sql)
{
    PGresult *res = NULL;
    if (db_query(db, NULL, sql, 0, NULL, &res) < 0)
        return -1;
    long n = strtol(db_value(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

enum { RACERS = 6, TRIES = 4 };

/* One racer: its own connection, RACERS * TRIES attempts in all on one account from
 * addresses of its own; exits with how many it was let through. */
static int race(const char *conninfo, const char *schema, int self, int go_fd)
{
    struct db *db = NULL;
    char sql[128];
    snprintf(sql, sizeof(sql), "SET search_path = %s", schema);
    if (db_new(conninfo, &db) < 0 || db_exec_script(db, sql) < 0)
        return 100;
    struct throttle_limits l = {3, 1000, 600};
    char addr[32], go;
    snprintf(addr, sizeof(addr), "10.1.0.%d", self + 1);
    if (read(go_fd, &go, 1) != 1)
        return 101;
    int through = 0;
    for (int i = 0; i < TRIES; i++) {
        long wait;
        struct throttle_attempt at;
        int rc = throttle_attempt_begin(db, &l, "race@example.com", addr, &wait, &at);
        if (rc == 0)
            through++;
        else if (rc != -EBUSY)
            return 102;
    }
    db_free(db);
    return through;
}

int main(void)
{
    const char *conninfo = getenv("BF_TEST_PG");
    if (!conninfo || !conninfo[0]) {
        printf("1..0 # SKIP BF_TEST_PG is not set\n");
        return 0;
    }
    struct db *db = NULL;
    is_int(db_new(conninfo, &db), 0, "db handle");
    char schema[64];
    snprintf(schema, sizeof(schema), "bf_test_throttle_%d", (int)getpid());
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SET client_min_messages = warning; CREATE SCHEMA %s; SET search_path = %s", schema,
             schema);
    is_int(db_exec_script(db, sql), 0, "scratch schema");
    char path[4096];
    snprintf(path, sizeof(path), "%s/sql/001_init.sql", getenv("srcdir") ? getenv("srcdir") : ".");
    const char *init = read_file(path);
    ok(init != NULL, "read %s", path);
    is_int(init ? db_exec_script(db, init) : -1, 0, "001_init.sql applies");

    struct throttle_limits l = {3, 5, 60};
    long wait = -1;
    is_int(throttle_check(db, &l, "a@example.com", "10.0.0.1", &wait), 0, "fresh: allowed");
    is_int(wait, 0, "no wait");
    for (int i = 0; i < 3; i++)
        is_int(throttle_record_failure(db, &l, "a@example.com", "10.0.0.1"), 0, "failure %d",
               i + 1);
    is_int(throttle_check(db, &l, "a@example.com", "10.0.0.2", &wait), -EBUSY,
           "account locked from another address");
    ok(wait >= 59 && wait <= 60, "Retry-After is the window left (%ld)", wait);
    is_int(throttle_check(db, &l, "b@example.com", "10.0.0.1", &wait), 0,
           "address under its own limit still allowed for another account");
    is_int(throttle_record_success(db, "a@example.com"), 0, "success");
    is_int(throttle_check(db, &l, "a@example.com", "10.0.0.2", &wait), 0,
           "success reset the account counter");
    for (int i = 0; i < 2; i++)
        throttle_record_failure(db, &l, "c@example.com", "10.0.0.1");
    is_int(throttle_check(db, &l, "d@example.com", "10.0.0.1", &wait), -EBUSY,
           "address locked after 5 failures across accounts");
    is_int(throttle_check(db, &l, "d@example.com", NULL, &wait), 0, "unknown address skipped");
    is_int(throttle_record_failure(db, &l, "d@example.com", ""), 0, "failure without address");
    /* Age every row past the window: nothing counts any more, and pruning removes them. */
    db_exec_script(db, "UPDATE login_failures SET at = at - interval '2 minutes'");
    is_int(throttle_check(db, &l, "d@example.com", "10.0.0.1", &wait), 0,
           "failures outside the window do not count");
    throttle_record_failure(db, &l, "e@example.com", "10.0.0.9");
    is_int(count(db, "SELECT count(*) FROM login_failures"), 2, "old rows pruned");

    /* The atomic attempt: counted as a failure at once, withdrawn on success. */
    struct throttle_attempt at;
    for (int i = 0; i < 3; i++)
        is_int(throttle_attempt_begin(db, &l, "f@example.com", "10.0.0.20", &wait, &at), 0,
               "attempt %d goes ahead", i + 1);
    is_int(throttle_attempt_begin(db, &l, "f@example.com", "10.0.0.21", &wait, &at), -EBUSY,
           "the fourth is refused (each attempt counted before any password check)");
    ok(wait >= 1 && wait <= 60, "with a Retry-After in the window (%ld)", wait);
    is_int(throttle_attempt_begin(db, &l, "g@example.com", "10.0.0.22", &wait, &at), 0,
           "another account");
    ok(at.addr_row[0] != '\0', "the address's provisional row is known");
    is_int(throttle_attempt_succeeded(db, "g@example.com", &at), 0, "a good login");
    is_int(count(db, "SELECT count(*) FROM login_failures WHERE key IN ('g@example.com', "
                     "'10.0.0.22')"),
           0, "clears the account and withdraws its address row");

    int go[2];
    ok(pipe(go) == 0, "start line");
    pid_t kids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            close(go[1]);
            _exit(race(conninfo, schema, i, go[0]));
        }
    }
    close(go[0]);
    sleep(1); /* every racer connected and waiting */
    char bytes[RACERS];
    memset(bytes, 'g', sizeof(bytes));
    ok(write(go[1], bytes, sizeof(bytes)) == RACERS, "go");
    close(go[1]);
    int through = 0, broken = 0;
    for (int i = 0; i < RACERS; i++) {
        int st;
        waitpid(kids[i], &st, 0);
        if (WIFEXITED(st) && WEXITSTATUS(st) <= TRIES)
            through += WEXITSTATUS(st);
        else
            broken++;
    }
    is_int(broken, 0, "every racer ran");
    is_int(through, 3, "%d parallel wrong logins on one account: exactly the limit (3) pass",
           RACERS * TRIES);

    json_t *details = json_pack("{s:s}", "email", "a@example.com");
    struct audit_entry e = {NULL, "auth.login_failed", NULL, "10.0.0.1", "req-1", details};
    is_int(audit_write(db, &e), 0, "audit row without user");
    struct audit_entry bad = {NULL, "", NULL, NULL, NULL, NULL};
    is_int(audit_write(db, &bad), -EINVAL, "empty action refused");
    char longaddr[200];
    memset(longaddr, '1', sizeof(longaddr) - 1);
    longaddr[sizeof(longaddr) - 1] = '\0';
    struct audit_entry cut = {NULL, "auth.login", "user:1", longaddr, longaddr, NULL};
    is_int(audit_write(db, &cut), 0, "over-long address and id are cut, not refused");
    struct audit_entry nouser = {"999999", "auth.login", NULL, NULL, NULL, NULL};
    is_int(audit_write(db, &nouser), -ENOENT, "unknown user id: foreign key refuses");
    is_int(count(db, "SELECT count(*) FROM audit_log WHERE details->>'email' = 'a@example.com'"
                     " AND remote_addr = '10.0.0.1' AND request_id = 'req-1'"),
           1, "audit row stored with its details");
    json_decref(details);

    snprintf(sql, sizeof(sql), "DROP SCHEMA %s CASCADE", schema);
    is_int(db_exec_script(db, sql), 0, "drop scratch schema");
    db_free(db);
    return tap_done();
}
