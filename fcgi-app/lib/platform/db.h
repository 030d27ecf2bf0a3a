/* One PostgreSQL connection (libpq) with reconnect-on-demand, parameterized queries that
 * turn server errors into negative errnos, and a transaction helper. Used by each
 * backforge-fcgi worker (opened after fork), backforgectl and the runner. */
#pragma once
#include "core/arena.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

struct db;

/* Error mapping used by every query helper (apierror.c maps these on to HTTP):
 *   connection missing/lost, server shutting down (SQLSTATE 08*, 57P*) -> -ENOTCONN
 *   unique_violation 23505 -> -EEXIST      foreign_key_violation 23503 -> -ENOENT
 *   check/not-null/invalid text 23514, 23502, 22*  -> -EINVAL
 *   serialization failure / deadlock 40001, 40P01 -> -EAGAIN
 *   statement timeout / lock timeout 57014, 55P03 -> -ETIME (not -ETIMEDOUT, which
 *   means an HTTP upstream timed out: the API answers 503 db_timeout for this one)
 *   anything else -> -EIO
 * The server's message is kept for the caller's log (db_last_error), never for users. */

/* New handle for conninfo (a libpq keyword string or postgresql:// URL). Does not connect
 * yet: the first db_ensure() does, so a worker starts even while PostgreSQL is down.
 * Returns 0 or -ENOMEM. Free with db_free(). */
int db_new(const char *conninfo, struct db **out);
/* Closes the connection and frees. Accepts NULL, returns NULL. */
struct db *db_free(struct db *db);

/* Makes sure there is a usable connection: a cheap PQstatus check, reconnecting when it is
 * bad or missing (at most one attempt per call, with connect_timeout from the conninfo or
 * 3 s). Returns 0 or -ENOTCONN. No round trip when the connection looks fine: a poll(2)
 * with zero timeout notices a server that closed the connection. */
int db_ensure(struct db *db);
/* Health check: db_ensure (which also notices a connection the server closed, by reading
 * what it sent, without a round trip), plus a `SELECT 1` when no statement has succeeded
 * on this connection for max_quiet_ms. 0 or -ENOTCONN (or another mapped errno). */
int db_check(struct db *db, long max_quiet_ms);
/* Change notifications (LISTEN/NOTIFY), for per-process caches of database rows.
 * db_listen registers a channel that every connection of this handle LISTENs on before
 * its first statement (an open connection is dropped so the next db_ensure makes one that
 * does), and fn(userdata, payload) to hear it: db_ensure calls it for each notification
 * that arrived, in order; payload is valid only during the call. Returns 0, -EINVAL
 * (empty or longer than 63 bytes, no fn), -EEXIST, -ENOSPC (more than 4) or -ENOMEM.
 * Notifications sent while there was no connection are lost: compare
 * db_connection_serial (0 while not connected, else a number that changes with every
 * new connection) to know when to drop everything cached. */
typedef void (*db_notify_fn)(void *userdata, const char *payload);
int db_listen(struct db *db, const char *channel, db_notify_fn fn, void *userdata);
unsigned long db_connection_serial(const struct db *db);
/* Drops the connection (next db_ensure reconnects). */
void db_disconnect(struct db *db);
/* The raw connection, for waiting on its socket and reading notifications (the runner's
 * LISTEN loop); NULL when not connected. Never for statements: those go through
 * db_query and its kin, which keep the statement cache, error mapping and last_error. */
PGconn *db_conn(struct db *db);
/* The server or libpq message of the last failure, for logs only ("" when none). */
const char *db_last_error(const struct db *db);
/* The SQLSTATE of the last failed statement ("" when none / connection failure). */
const char *db_last_sqlstate(const struct db *db);

/* Runs one parameterized statement (text parameters, NULL = SQL NULL; text results).
 * Calls db_ensure first. A statement text run a second time on a connection is prepared
 * there and afterwards run by name (the server no longer parses and plans it); a table
 * changed under it by a migration is handled without an error outside transactions. On success
 * returns 0 and, when out is not NULL, *out is the result: registered with arena `a` for PQclear
 * at reset when a is not NULL, otherwise the caller PQclear()s it. On failure returns a negative
 * errno as mapped above and *out is NULL; a broken connection is dropped so the next call
 * reconnects. */
int db_query(struct db *db, struct arena *a, const char *sql, int nparams,
             const char *const *params, PGresult **out);
/* db_query for a statement that names one row: -ENOENT when it gives none or several (the
 * result then already released), else as db_query. */
int db_query_one(struct db *db, struct arena *a, const char *sql, int nparams,
                 const char *const *params, PGresult **out);
/* Same, with every result column in binary format (bytea as raw bytes, int4 as 4
 * big-endian bytes): for large binary values that text format would double. */
int db_query_binary(struct db *db, struct arena *a, const char *sql, int nparams,
                    const char *const *params, PGresult **out);
/* Whether the connection is inside a transaction block (BEGIN without COMMIT yet). */
bool db_in_transaction(struct db *db);
/* Same as db_query, for statements whose result is not needed; returns the affected row count
 * (>= 0) or a negative errno. */
long db_exec(struct db *db, const char *sql, int nparams, const char *const *params);
/* data as a bytea parameter in text format ("\x" and two hex digits a byte): malloc'ed,
 * caller free()s; NULL when out of memory. */
char *db_bytea_hex(const unsigned char *data, size_t len);
/* Runs a whole script of statements without parameters (migrations). 0 or -errno. */
int db_exec_script(struct db *db, const char *sql);

/* After each request: if a handler left a transaction open (a bug), roll it back so the
 * next request does not run inside it. Returns 1 when it had to, 0 when idle, or a
 * negative errno (the connection is then dropped). No round trip in the normal case. */
int db_end_request(struct db *db);

/* Cell value: NULL for SQL NULL or out of range; borrowed from res. */
const char *db_value(const PGresult *res, int row, int col);
int db_rows(const PGresult *res);

/* Runs fn(db, userdata) inside BEGIN ... COMMIT. A negative return from fn, or a failed
 * COMMIT, rolls back and returns that errno; a positive or zero return commits and is
 * returned. With retry_serialization, a -EAGAIN (serialization failure) is retried up to
 * 3 times. */
int db_transaction(struct db *db, int (*fn)(struct db *db, void *userdata), void *userdata,
                   bool retry_serialization);
