/* One PostgreSQL connection with lazy (re)connect and errno-mapped query helpers (db.h).
 * Library code: no logging; the last server message is kept for the caller's log. */
#include "platform/db.h"

#include "core/hash.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Statements seen on this connection. One seen twice is prepared (named, server-side) and
 * from then on run by name: the server skips parsing and planning, which is most of its
 * work for the short lookups on the hot paths. Bounded: texts beyond the table (there are
 * a few dozen in the app) just run unprepared. Forgotten with the connection. */
#define DB_STATEMENTS_MAX 64
struct db_statement {
    uint64_t hash;
    char *sql_owned;
    bool seen;            /* run once already: the next run prepares it */
    unsigned prepared_as; /* 0: not prepared; else the number in its name "bf_<n>" */
};

#define DB_CHANNELS_MAX 4
struct db_channel {
    char *name_owned;
    db_notify_fn fn;
    void *userdata;
};

struct db {
    char *conninfo;
    PGconn *conn;
    unsigned long connection_serial; /* bumped by every new connection */
    struct db_channel channels[DB_CHANNELS_MAX];
    size_t channels_count;
    struct db_statement statements[DB_STATEMENTS_MAX];
    size_t statements_count;
    unsigned prepared_serial;
    char error[512];
    char sqlstate[6];
    long long last_ok_ms; /* CLOCK_MONOTONIC ms of the last successful statement */
    bool in_transaction;  /* inside db_transaction: never reconnect silently */
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Hands queued notifications to their channel's handler. Every one is taken: libpq keeps
 * them until asked, and the list would otherwise grow for as long as the connection. */
static void deliver_notifications(struct db *db)
{
    PGnotify *note;
    while ((note = PQnotifies(db->conn))) {
        for (size_t i = 0; i < db->channels_count; i++)
            if (strcmp(db->channels[i].name_owned, note->relname) == 0)
                db->channels[i].fn(db->channels[i].userdata, note->extra);
        PQfreemem(note);
    }
}

/* An idle connection has nothing to read unless it LISTENs. If the socket is readable,
 * the server sent something on its own: notifications, or "terminating connection"
 * before closing. Consuming it delivers the first and lets PQstatus see the second
 * without a round trip. */
static bool conn_alive(struct db *db)
{
    /* A goodbye is an error message then EOF: libpq sees the EOF on a later read, so read
     * while there is something to read (a few rounds at most). */
    for (int round = 0; round < 4 && PQstatus(db->conn) == CONNECTION_OK; round++) {
        struct pollfd pfd = {.fd = PQsocket(db->conn), .events = POLLIN};
        if (pfd.fd < 0)
            return false;
        if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
            break;
        if (!PQconsumeInput(db->conn))
            return false;
    }
    /* Also those libpq read along with an earlier statement's results. */
    deliver_notifications(db);
    return PQstatus(db->conn) == CONNECTION_OK;
}

int db_new(const char *conninfo, struct db **out)
{
    struct db *db = calloc(1, sizeof(*db));
    if (!db)
        return -ENOMEM;
    db->conninfo = strdup(conninfo ? conninfo : "");
    if (!db->conninfo) {
        free(db);
        return -ENOMEM;
    }
    *out = db;
    return 0;
}

static void forget_statements(struct db *db)
{
    for (size_t i = 0; i < db->statements_count; i++)
        free(db->statements[i].sql_owned);
    memset(db->statements, 0, sizeof(db->statements));
    db->statements_count = 0;
}

void db_disconnect(struct db *db)
{
    if (!db)
        return;
    if (db->conn) {
        PQfinish(db->conn);
        db->conn = NULL;
    }
    forget_statements(db);
}

struct db *db_free(struct db *db)
{
    if (!db)
        return NULL;
    db_disconnect(db);
    for (size_t i = 0; i < db->channels_count; i++)
        free(db->channels[i].name_owned);
    free(db->conninfo);
    free(db);
    return NULL;
}

static void set_error(struct db *db, const char *msg, const char *state)
{
    snprintf(db->error, sizeof(db->error), "%s", msg ? msg : "");
    size_t n = strlen(db->error);
    while (n && db->error[n - 1] == '\n')
        db->error[--n] = '\0';
    snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state ? state : "");
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int listen_on(struct db *db, const char *channel)
{
    char *quoted = PQescapeIdentifier(db->conn, channel, strlen(channel));
    if (!quoted) {
        set_error(db, PQerrorMessage(db->conn), NULL);
        return -ENOMEM;
    }
    char sql[160];
    snprintf(sql, sizeof(sql), "LISTEN %s", quoted);
    PQfreemem(quoted);
    PGresult *res = PQexec(db->conn, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        set_error(db, PQerrorMessage(db->conn), PQresultErrorField(res, PG_DIAG_SQLSTATE));
    PQclear(res);
    return ok ? 0 : -ENOTCONN;
}

int db_ensure(struct db *db)
{
    if (db->conn && conn_alive(db))
        return 0;
    /* A new connection in the middle of a transaction would run the remaining statements
     * outside it, each committing on its own: fail instead, db_transaction rolls back. */
    if (db->in_transaction) {
        set_error(db, "connection lost during a transaction", NULL);
        return -ENOTCONN;
    }
    db_disconnect(db);
    /* A default connect timeout keeps a request during an outage from hanging on a dead
     * host; settings in the conninfo come later and so win. */
    const char *keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *vals[] = {"3", "backforge", db->conninfo, NULL};
    db->conn = PQconnectdbParams(keys, vals, 1);
    if (!db->conn) {
        set_error(db, "out of memory", NULL);
        return -ENOTCONN;
    }
    if (PQstatus(db->conn) != CONNECTION_OK) {
        set_error(db, PQerrorMessage(db->conn), NULL);
        db_disconnect(db);
        return -ENOTCONN;
    }
    /* libpq's default notice processor writes to stderr; library code does not log. */
    PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    /* Never let a client encoding from the environment (PGCLIENTENCODING) change how our
     * text is read. The search_path is the role's: the deployment sets it there. */
    PGresult *res = PQexec(db->conn, "SET client_encoding = 'UTF8'");
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok) {
        set_error(db, PQerrorMessage(db->conn), NULL);
        db_disconnect(db);
        return -ENOTCONN;
    }
    /* LISTEN before anything else runs on this connection: a change committed after it is
     * always announced, so a reader that saw the old row hears about the new one. */
    for (size_t i = 0; i < db->channels_count; i++) {
        int rc = listen_on(db, db->channels[i].name_owned);
        if (rc < 0) {
            db_disconnect(db);
            return rc;
        }
    }
    db->connection_serial++;
    return 0;
}

int db_listen(struct db *db, const char *channel, db_notify_fn fn, void *userdata)
{
    if (!channel || !*channel || strlen(channel) > 63 || !fn)
        return -EINVAL;
    for (size_t i = 0; i < db->channels_count; i++)
        if (strcmp(db->channels[i].name_owned, channel) == 0)
            return -EEXIST;
    if (db->channels_count == DB_CHANNELS_MAX)
        return -ENOSPC;
    char *copy = strdup(channel);
    if (!copy)
        return -ENOMEM;
    db->channels[db->channels_count++] = (struct db_channel){copy, fn, userdata};
    /* An open connection did not LISTEN yet: drop it, the next db_ensure starts afresh (a
     * new serial), so callers need not care whether they registered before connecting. */
    db_disconnect(db);
    return 0;
}

unsigned long db_connection_serial(const struct db *db)
{
    return db->conn ? db->connection_serial : 0;
}

PGconn *db_conn(struct db *db)
{
    return db && db->conn && PQstatus(db->conn) == CONNECTION_OK ? db->conn : NULL;
}

const char *db_last_error(const struct db *db)
{
    return db ? db->error : "";
}

const char *db_last_sqlstate(const struct db *db)
{
    return db ? db->sqlstate : "";
}

static int map_sqlstate(const char *s)
{
    if (!s || strlen(s) != 5)
        return -EIO;
    if (strncmp(s, "08", 2) == 0 || strncmp(s, "57P", 3) == 0)
        return -ENOTCONN;
    if (strcmp(s, "23505") == 0)
        return -EEXIST;
    if (strcmp(s, "23503") == 0)
        return -ENOENT;
    if (strcmp(s, "23514") == 0 || strcmp(s, "23502") == 0 || strncmp(s, "22", 2) == 0)
        return -EINVAL;
    if (strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0)
        return -EAGAIN;
    if (strcmp(s, "57014") == 0 || strcmp(s, "55P03") == 0)
        return -ETIME;
    return -EIO;
}

/* Turns a failed result into an errno, dropping the connection if it broke so the next
 * db_ensure reconnects instead of reusing a dead socket. */
static int result_error(struct db *db, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(db->conn);
    set_error(db, msg, state);
    int err = map_sqlstate(state);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        db_disconnect(db);
        err = -ENOTCONN;
    }
    return err;
}

static void clear_cb(void *p)
{
    PQclear(p);
}

/* The table entry for sql, added on first sight; NULL when the table is full. */
static struct db_statement *statement_for(struct db *db, const char *sql)
{
    uint64_t h = hash_fnv1a(sql, strlen(sql));
    for (size_t i = 0; i < db->statements_count; i++)
        if (db->statements[i].hash == h && strcmp(db->statements[i].sql_owned, sql) == 0)
            return &db->statements[i];
    if (db->statements_count == DB_STATEMENTS_MAX)
        return NULL;
    char *copy = strdup(sql);
    if (!copy)
        return NULL;
    struct db_statement *st = &db->statements[db->statements_count++];
    *st = (struct db_statement){.hash = h, .sql_owned = copy};
    return st;
}

/* Runs sql by name when it has been seen before, otherwise as an unnamed statement. A
 * failed PREPARE returns its result, which carries the same error the statement would. */
static PGresult *run_statement(struct db *db, const char *sql, int nparams,
                               const char *const *params, int result_format)
{
    struct db_statement *st = statement_for(db, sql);
    if (!st || !st->seen) {
        if (st)
            st->seen = true;
        return PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, result_format);
    }
    char name[24];
    snprintf(name, sizeof(name), "bf_%u",
             st->prepared_as ? st->prepared_as : db->prepared_serial + 1);
    if (!st->prepared_as) {
        PGresult *res = PQprepare(db->conn, name, sql, nparams, NULL);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            return res;
        PQclear(res);
        st->prepared_as = ++db->prepared_serial;
    }
    PGresult *res = PQexecPrepared(db->conn, name, nparams, params, NULL, NULL, result_format);
    /* "cached plan must not change result type": a migration changed a table under the
     * prepared statement, which did not run. Prepare it afresh next time (a new name; the
     * old one is a few bytes on the server until the connection ends), and outside a
     * transaction block run it now unprepared, so the caller never sees the error. */
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (state && strcmp(state, "0A000") == 0) {
        st->prepared_as = 0;
        st->seen = false;
        if (PQtransactionStatus(db->conn) == PQTRANS_IDLE) {
            PQclear(res);
            res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, result_format);
        }
    }
    return res;
}

static int query(struct db *db, struct arena *a, const char *sql, int nparams,
                 const char *const *params, int result_format, PGresult **out)
{
    if (out)
        *out = NULL;
    int rc = db_ensure(db);
    if (rc < 0)
        return rc;
    PGresult *res = run_statement(db, sql, nparams, params, result_format);
    ExecStatusType st = PQresultStatus(res);
    if (!res || (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)) {
        rc = result_error(db, res);
        PQclear(res);
        return rc;
    }
    db->last_ok_ms = now_ms();
    if (!out) {
        PQclear(res);
        return 0;
    }
    if (a) {
        rc = arena_defer(a, clear_cb, res);
        if (rc < 0)
            return rc; /* arena_defer already cleared it */
    }
    *out = res;
    return 0;
}

int db_query(struct db *db, struct arena *a, const char *sql, int nparams,
             const char *const *params, PGresult **out)
{
    return query(db, a, sql, nparams, params, 0, out);
}

int db_query_binary(struct db *db, struct arena *a, const char *sql, int nparams,
                    const char *const *params, PGresult **out)
{
    return query(db, a, sql, nparams, params, 1, out);
}

bool db_in_transaction(struct db *db)
{
    return db->conn && PQtransactionStatus(db->conn) == PQTRANS_INTRANS;
}

long db_exec(struct db *db, const char *sql, int nparams, const char *const *params)
{
    PGresult *res;
    int rc = db_query(db, NULL, sql, nparams, params, &res);
    if (rc < 0)
        return rc;
    const char *t = PQcmdTuples(res);
    long n = t && *t ? strtol(t, NULL, 10) : 0;
    PQclear(res);
    return n;
}

int db_exec_script(struct db *db, const char *sql)
{
    int rc = db_ensure(db);
    if (rc < 0)
        return rc;
    /* PQexec (simple protocol) runs several statements; the last result tells success,
     * and any failure aborts the rest. */
    PGresult *res = PQexec(db->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (!res || (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)) {
        rc = result_error(db, res);
        PQclear(res);
        return rc;
    }
    PQclear(res);
    return 0;
}

int db_check(struct db *db, long max_quiet_ms)
{
    int rc = db_ensure(db);
    if (rc < 0)
        return rc;
    if (now_ms() - db->last_ok_ms <= max_quiet_ms)
        return 0;
    return db_query(db, NULL, "SELECT 1", 0, NULL, NULL);
}

const char *db_value(const PGresult *res, int row, int col)
{
    if (!res || row < 0 || col < 0 || row >= PQntuples(res) || col >= PQnfields(res) ||
        PQgetisnull(res, row, col))
        return NULL;
    return PQgetvalue(res, row, col);
}

int db_rows(const PGresult *res)
{
    return res ? PQntuples(res) : 0;
}

static int simple(struct db *db, const char *sql)
{
    if (!db->conn)
        return -ENOTCONN;
    PGresult *res = PQexec(db->conn, sql);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : result_error(db, res);
    PQclear(res);
    return rc;
}

int db_end_request(struct db *db)
{
    if (!db || !db->conn)
        return 0;
    PGTransactionStatusType ts = PQtransactionStatus(db->conn);
    if (ts == PQTRANS_IDLE)
        return 0;
    if (ts == PQTRANS_UNKNOWN || ts == PQTRANS_ACTIVE) {
        db_disconnect(db);
        return -ENOTCONN;
    }
    db->in_transaction = false;
    int rc = simple(db, "ROLLBACK");
    if (rc < 0) {
        db_disconnect(db);
        return rc;
    }
    return 1;
}

int db_transaction(struct db *db, int (*fn)(struct db *db, void *userdata), void *userdata,
                   bool retry_serialization)
{
    for (int attempt = 0;; attempt++) {
        int rc = db_ensure(db);
        if (rc < 0)
            return rc;
        rc = simple(db, "BEGIN");
        if (rc < 0)
            return rc;
        db->in_transaction = true;
        int result = fn(db, userdata);
        if (result >= 0 && db->conn) {
            rc = simple(db, "COMMIT");
            if (rc == 0) {
                db->in_transaction = false;
                return result;
            }
            result = rc;
        } else if (result >= 0) {
            result = -ENOTCONN;
        }
        db->in_transaction = false;
        /* Keep the first error: ROLLBACK's own failure (a dead connection) adds nothing. */
        if (db->conn) {
            char saved[sizeof(db->error)], state[sizeof(db->sqlstate)];
            memcpy(saved, db->error, sizeof(saved));
            memcpy(state, db->sqlstate, sizeof(state));
            (void)simple(db, "ROLLBACK");
            memcpy(db->error, saved, sizeof(saved));
            memcpy(db->sqlstate, state, sizeof(state));
        }
        if (!(retry_serialization && result == -EAGAIN && attempt < 3))
            return result;
    }
}

char *db_bytea_hex(const unsigned char *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(2 * len + 3);
    if (!s)
        return NULL;
    s[0] = '\\';
    s[1] = 'x';
    for (size_t i = 0; i < len; i++) {
        s[2 + 2 * i] = digits[data[i] >> 4];
        s[3 + 2 * i] = digits[data[i] & 15];
    }
    s[2 + 2 * len] = '\0';
    return s;
}

int db_query_one(struct db *db, struct arena *a, const char *sql, int nparams,
                 const char *const *params, PGresult **out)
{
    int rc = db_query(db, a, sql, nparams, params, out);
    if (rc < 0 || db_rows(*out) == 1)
        return rc;
    if (!a) /* one registered with the arena is the arena's to release */
        PQclear(*out);
    *out = NULL;
    return -ENOENT;
}
