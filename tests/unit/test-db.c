/* db.c against a real PostgreSQL (set BF_TEST_PG to a conninfo; skipped otherwise):
 * errno mapping of server errors, transactions that roll back, and reconnecting after the
 * server dropped the connection. */
#include "platform/db.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int insert_then(struct db *db, void *userdata)
{
    const char *params[] = {"tx-row"};
    long n = db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, params);
    if (n != 1)
        return n < 0 ? (int)n : -EIO;
    return *(int *)userdata;
}

struct kill_ctx {
    struct db *other;
    const char *pid;
};

/* Inserts, has the server drop the connection, then inserts again: the second statement
 * must not run on a fresh connection outside the transaction. */
static int insert_killed(struct db *db, void *userdata)
{
    struct kill_ctx *k = userdata;
    const char *params[] = {"killed-row"};
    long n = db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, params);
    if (n < 0)
        return (int)n;
    const char *pp[] = {k->pid};
    if (db_exec(k->other, "SELECT pg_terminate_backend($1::int)", 1, pp) < 0)
        return -EIO;
    usleep(100 * 1000);
    const char *p2[] = {"killed-row-2"};
    n = db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, p2);
    return n < 0 ? (int)n : 0;
}

static long count_rows(struct db *db, const char *name)
{
    PGresult *res;
    const char *params[] = {name};
    if (db_query(db, NULL, "SELECT count(*) FROM bf_test_db WHERE name = $1", 1, params, &res) < 0)
        return -1;
    long n = strtol(db_value(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

struct heard {
    int count;
    char last[64];
};

static void hear(void *userdata, const char *payload)
{
    struct heard *h = userdata;
    h->count++;
    snprintf(h->last, sizeof(h->last), "%s", payload);
}

static char *backend_pid(struct db *db)
{
    PGresult *res;
    if (db_query(db, NULL, "SELECT pg_backend_pid()::text", 0, NULL, &res) < 0)
        return NULL;
    char *pid = strdup(db_value(res, 0, 0));
    PQclear(res);
    return pid;
}

int main(void)
{
    const char *conninfo = getenv("BF_TEST_PG");
    if (!conninfo || !*conninfo) {
        printf("1..0 # SKIP BF_TEST_PG is not set\n");
        return 0;
    }
    struct db *db, *other;
    is_int(db_new(conninfo, &db), 0, "db_new");
    is_int(db_ensure(db), 0, "connects");
    is_int(db_exec_script(db, "DROP TABLE IF EXISTS bf_test_db;"
                              "CREATE TABLE bf_test_db (id serial PRIMARY KEY,"
                              " name text NOT NULL UNIQUE CHECK (length(name) < 20))"),
           0, "script with two statements");

    const char *p1[] = {"alice"};
    is_int(db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, p1), 1, "insert");
    is_int(db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, p1), -EEXIST,
           "unique violation is -EEXIST");
    ok(strcmp(db_last_sqlstate(db), "23505") == 0, "SQLSTATE kept for the log");
    const char *p2[] = {"a name that is far too long"};
    is_int(db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, p2), -EINVAL,
           "check violation is -EINVAL");
    const char *pnull[] = {NULL};
    is_int(db_exec(db, "INSERT INTO bf_test_db (name) VALUES ($1)", 1, pnull), -EINVAL,
           "NULL parameter reaches the server as SQL NULL (not-null violation)");
    is_int(db_exec(db, "SELECT no_such_column FROM bf_test_db", 0, NULL), -EIO,
           "other errors are -EIO");
    const char *inj[] = {"x'); DROP TABLE bf_test_db; --"};
    is_int(db_exec(db, "SELECT 1 WHERE $1 = 'y'", 1, inj), 0, "parameters are data");
    is_int(count_rows(db, "alice"), 1, "table still there");

    struct arena *a = arena_new(0);
    PGresult *res;
    is_int(db_query(db, a, "SELECT name FROM bf_test_db ORDER BY id", 0, NULL, &res), 0,
           "query into the arena");
    is_str(db_value(res, 0, 0), "alice", "value");
    ok(db_value(res, 5, 0) == NULL, "out of range is NULL");
    arena_free(a); /* PQclear ran; ASan would catch a leak or double free */

    /* Statements run a second time are prepared on the connection and run by name. */
    const char *by_name_sql = "SELECT * FROM bf_test_db WHERE name = $1";
    const char *pn[] = {"alice"}, *ps[] = {by_name_sql};
    for (int i = 0; i < 3; i++) {
        is_int(db_query(db, NULL, by_name_sql, 1, pn, &res), 0, "repeated statement runs");
        ok(db_rows(res) == 1 && PQnfields(res) == 2, "with its row");
        PQclear(res);
    }
    is_int(db_query(db, NULL, "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1",
                    1, ps, &res),
           0, "look at the connection's prepared statements");
    is_str(db_value(res, 0, 0), "1", "the repeated statement is prepared once");
    PQclear(res);
    /* A migration changes the table under it: the next run still answers, with the new
     * shape, and the statement is prepared again afterwards. */
    is_int(db_exec_script(db, "ALTER TABLE bf_test_db ADD COLUMN extra int"), 0, "alter table");
    for (int i = 0; i < 3; i++) {
        is_int(db_query(db, NULL, by_name_sql, 1, pn, &res), 0,
               "statement prepared before the change still runs");
        ok(db_rows(res) == 1 && PQnfields(res) == 3, "with the new column");
        PQclear(res);
    }
    is_int(db_exec_script(db, "ALTER TABLE bf_test_db DROP COLUMN extra"), 0, "alter back");

    /* Notifications: a channel registered on a connected handle takes effect on the next
     * connection (a new serial); what another session NOTIFYs reaches the handler from
     * db_ensure, and a payload-less one too. */
    struct heard heard = {0};
    unsigned long serial = db_connection_serial(db);
    ok(serial != 0, "a connected handle has a serial");
    is_int(db_listen(db, "bf_test_channel", hear, &heard), 0, "listen");
    is_int(db_listen(db, "bf_test_channel", hear, &heard), -EEXIST, "the same channel twice");
    is_int(db_listen(db, "", hear, &heard), -EINVAL, "an empty channel name");
    is_int((int)db_connection_serial(db), 0, "the connection was dropped to LISTEN afresh");
    is_int(db_ensure(db), 0, "reconnects");
    ok(db_connection_serial(db) != 0 && db_connection_serial(db) != serial, "with a new serial");
    struct db *notifier;
    is_int(db_new(conninfo, &notifier), 0, "a second session");
    const char *np[] = {"42"};
    is_int(db_exec(notifier, "SELECT pg_notify('bf_test_channel', $1)", 1, np), 1, "notify");
    is_int(db_exec(notifier, "SELECT pg_notify('bf_other_channel', 'x')", 0, NULL), 1,
           "notify on a channel nobody here listens on");
    for (int i = 0; i < 100 && heard.count == 0; i++) {
        usleep(10 * 1000);
        db_ensure(db);
    }
    is_int(heard.count, 1, "db_ensure delivered one notification");
    is_str(heard.last, "42", "with its payload");
    /* One that arrives while a statement runs is read with its results and delivered by
     * the next db_ensure, not lost in libpq's queue. */
    is_int(db_exec(db, "SELECT pg_notify('bf_test_channel', 'self')", 0, NULL), 1,
           "a notification sent on the listening connection itself");
    is_int(db_ensure(db), 0, "ensure");
    is_int(heard.count, 2, "delivered too");
    is_str(heard.last, "self", "in order");
    db_free(notifier);

    int fail = -EPERM, succeed = 7;
    is_int(db_transaction(db, insert_then, &fail, false), -EPERM, "failing fn's errno");
    is_int(count_rows(db, "tx-row"), 0, "failed transaction rolled back");
    is_int(db_transaction(db, insert_then, &succeed, false), 7, "fn's result on commit");
    is_int(count_rows(db, "tx-row"), 1, "committed");
    is_int(db_transaction(db, insert_then, &succeed, false), -EEXIST,
           "error inside the transaction");
    is_int(count_rows(db, "tx-row"), 1, "and nothing more");

    /* The server drops us: the next call notices and reconnects. */
    char *pid = backend_pid(db);
    ok(pid != NULL, "backend pid");
    is_int(db_new(conninfo, &other), 0, "second handle");
    const char *pp[] = {pid};
    PGresult *kill_res;
    is_int(db_query(other, NULL, "SELECT pg_terminate_backend($1::int)", 1, pp, &kill_res), 0,
           "terminate the first connection");
    PQclear(kill_res);
    /* Give the server a moment to send its goodbye. */
    for (int i = 0; i < 50; i++) {
        PGresult *w;
        if (db_query(other, NULL, "SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int", 1,
                     pp, &w) == 0) {
            int gone = strcmp(db_value(w, 0, 0), "0") == 0;
            PQclear(w);
            if (gone)
                break;
        }
    }
    usleep(100 * 1000);
    long n = count_rows(db, "alice");
    if (n != 1)
        printf("# count_rows: %ld (%s)\n", n, db_last_error(db));
    char *pid2 = backend_pid(db);
    ok(n == 1 && pid2 && strcmp(pid, pid2) != 0,
       "next query after the server closed the connection works on a new one");
    free(pid);
    free(pid2);

    char *pid3 = backend_pid(db);
    struct kill_ctx kc = {other, pid3};
    is_int(db_transaction(db, insert_killed, &kc, false), -ENOTCONN,
           "connection lost inside a transaction is -ENOTCONN");
    is_int(count_rows(db, "killed-row") + count_rows(db, "killed-row-2"), 0,
           "no statement of it survived, none ran on a new connection");
    free(pid3);

    is_int(db_end_request(db), 0, "idle connection: nothing to end");
    is_int(db_exec_script(db, "BEGIN; INSERT INTO bf_test_db (name) VALUES ('open')"), 0,
           "a handler forgets its transaction");
    is_int(db_end_request(db), 1, "db_end_request rolls it back");
    is_int(count_rows(db, "open"), 0, "and its row is gone");

    {
        PGresult *bin;
        const char *bp[] = {"7"};
        is_int(db_query_binary(db, NULL, "SELECT '\\x00ff10'::bytea, $1::int4", 1, bp, &bin), 0,
               "binary query");
        ok(bin && PQgetlength(bin, 0, 0) == 3 && (unsigned char)PQgetvalue(bin, 0, 0)[1] == 0xff,
           "bytea arrives as raw bytes");
        ok(bin && PQgetlength(bin, 0, 1) == 4 && PQgetvalue(bin, 0, 1)[3] == 7,
           "int4 as 4 big-endian bytes");
        PQclear(bin);
        is_int(db_query_binary(db, NULL, "SELECT nosuchcolumn FROM bf_test_db", 0, NULL, &bin),
               -EIO, "a failed binary query is mapped like any other");
        ok(strstr(db_last_error(db), "nosuchcolumn") != NULL, "and its message kept: %s",
           db_last_error(db));
        ok(!db_in_transaction(db), "not in a transaction");
        db_exec(db, "BEGIN", 0, NULL);
        ok(db_in_transaction(db), "in a transaction after BEGIN");
        db_exec(db, "ROLLBACK", 0, NULL);
    }
    is_int(db_exec_script(db, "DROP TABLE bf_test_db"), 0, "clean up");
    db_free(other);
    db_free(db);

    struct db *bad;
    db_new("host=/nonexistent-dir port=1 connect_timeout=1", &bad);
    is_int(db_ensure(bad), -ENOTCONN, "unreachable server is -ENOTCONN");
    is_int(db_exec(bad, "SELECT 1", 0, NULL), -ENOTCONN, "and so are queries");
    ok(db_last_error(bad)[0] != '\0', "with a message for the log");
    ok(db_free(bad) == NULL, "db_free returns NULL");
    ok(db_free(NULL) == NULL, "db_free accepts NULL");
    return tap_done();
}
