/* Sliding-window login throttling in PostgreSQL (see throttle.h). The database clock is
 * the only clock, so app hosts with skewed clocks still agree. */
#include "platform/throttle.h"

#include "core/config.h"
#include "platform/db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void throttle_limits_from_config(const struct config *c, struct throttle_limits *out)
{
    out->max_per_account = THROTTLE_DEFAULT_PER_ACCOUNT;
    out->max_per_addr = THROTTLE_DEFAULT_PER_ADDR;
    out->window_seconds = THROTTLE_DEFAULT_WINDOW;
    if (!c)
        return;
    out->max_per_account =
        config_get_long(c, "login_max_failures_account", THROTTLE_DEFAULT_PER_ACCOUNT, 1, 1000);
    out->max_per_addr =
        config_get_long(c, "login_max_failures_addr", THROTTLE_DEFAULT_PER_ADDR, 1, 100000);
    out->window_seconds =
        config_get_long(c, "login_window_seconds", THROTTLE_DEFAULT_WINDOW, 10, 86400);
}

/* Keys are cut to the column's limit; a cut key still identifies its sender. */
static const char *key_or_null(const char *s, char *buf, size_t size)
{
    if (!s || !s[0])
        return NULL;
    snprintf(buf, size, "%s", s);
    return buf;
}

/* For each kind: how many failures are in the window, and when the limit-th newest of them
 * leaves it (that is when the count drops below the limit again). */
static const char CHECK_SQL[] =
    "WITH w AS ("
    "  SELECT kind, at, row_number() OVER (PARTITION BY kind ORDER BY at DESC) AS rn"
    "    FROM login_failures"
    "   WHERE ((kind = 'email' AND key = $1) OR (kind = 'addr' AND key = $2))"
    "     AND at > clock_timestamp() - make_interval(secs => $3::int))"
    " SELECT count(*) FILTER (WHERE kind = 'email'),"
    "        count(*) FILTER (WHERE kind = 'addr'),"
    "        ceil(extract(epoch FROM max(at) FILTER (WHERE kind = 'email' AND rn = $4::int)"
    "             + make_interval(secs => $3::int) - clock_timestamp()))::bigint,"
    "        ceil(extract(epoch FROM max(at) FILTER (WHERE kind = 'addr' AND rn = $5::int)"
    "             + make_interval(secs => $3::int) - clock_timestamp()))::bigint"
    "   FROM w";

int throttle_check(struct db *db, const struct throttle_limits *l, const char *email,
                   const char *addr, long *retry_after)
{
    char ebuf[THROTTLE_MAX_KEY + 1], abuf[THROTTLE_MAX_KEY + 1];
    char window[24], max_acct[24], max_addr[24];
    snprintf(window, sizeof(window), "%ld", l->window_seconds);
    snprintf(max_acct, sizeof(max_acct), "%ld", l->max_per_account);
    snprintf(max_addr, sizeof(max_addr), "%ld", l->max_per_addr);
    const char *params[] = {key_or_null(email, ebuf, sizeof(ebuf)),
                            key_or_null(addr, abuf, sizeof(abuf)), window, max_acct, max_addr};
    *retry_after = 0;
    PGresult *res = NULL;
    int r = db_query(db, NULL, CHECK_SQL, 5, params, &res);
    if (r < 0)
        return r;
    if (db_rows(res) != 1) {
        PQclear(res);
        return -EIO;
    }
    long n_acct = strtol(db_value(res, 0, 0) ? db_value(res, 0, 0) : "0", NULL, 10);
    long n_addr = strtol(db_value(res, 0, 1) ? db_value(res, 0, 1) : "0", NULL, 10);
    long wait = 0;
    if (n_acct >= l->max_per_account && db_value(res, 0, 2))
        wait = strtol(db_value(res, 0, 2), NULL, 10);
    if (n_addr >= l->max_per_addr && db_value(res, 0, 3)) {
        long w2 = strtol(db_value(res, 0, 3), NULL, 10);
        wait = w2 > wait ? w2 : wait;
    }
    int blocked = n_acct >= l->max_per_account || n_addr >= l->max_per_addr;
    PQclear(res);
    if (!blocked)
        return 0;
    *retry_after = wait < 1 ? 1 : wait;
    return -EBUSY;
}

/* Serializes attempts on the same keys (held to the end of the transaction). Two-key
 * locks: class 1 for emails, 2 for addresses, so the namespaces never collide. */
static const char LOCK_SQL[] = "SELECT pg_advisory_xact_lock(1, hashtext(coalesce($1::text, ''))),"
                               "       pg_advisory_xact_lock(2, hashtext(coalesce($2::text, '')))";

/* CHECK_SQL, plus the provisional failure rows when both counts are under their limits.
 * A statement of its own after the lock, so its snapshot sees every earlier holder's
 * committed row (READ COMMITTED takes one per statement). */
static const char RESERVE_SQL[] =
    "WITH w AS ("
    "  SELECT kind, at, row_number() OVER (PARTITION BY kind ORDER BY at DESC) AS rn"
    "    FROM login_failures"
    "   WHERE ((kind = 'email' AND key = $1) OR (kind = 'addr' AND key = $2))"
    "     AND at > clock_timestamp() - make_interval(secs => $3::int)),"
    " c AS (SELECT count(*) FILTER (WHERE kind = 'email') AS n_email,"
    "        count(*) FILTER (WHERE kind = 'addr') AS n_addr,"
    "        ceil(extract(epoch FROM max(at) FILTER (WHERE kind = 'email' AND rn = $4::int)"
    "             + make_interval(secs => $3::int) - clock_timestamp()))::bigint AS w_email,"
    "        ceil(extract(epoch FROM max(at) FILTER (WHERE kind = 'addr' AND rn = $5::int)"
    "             + make_interval(secs => $3::int) - clock_timestamp()))::bigint AS w_addr"
    "   FROM w),"
    " ins AS (INSERT INTO login_failures (kind, key)"
    "   SELECT t.k, t.v FROM (VALUES ('email', $1::text), ('addr', $2::text)) AS t(k, v), c"
    "    WHERE t.v IS NOT NULL AND c.n_email < $4::int"
    "      AND ($2::text IS NULL OR c.n_addr < $5::int)"
    "   RETURNING id, kind)"
    " SELECT c.n_email, c.n_addr, c.w_email, c.w_addr,"
    "        (SELECT id FROM ins WHERE kind = 'addr'), (SELECT count(*) FROM ins)"
    "   FROM c";

struct reserve {
    const struct throttle_limits *l;
    const char *const *params;
    long *retry_after;
    struct throttle_attempt *attempt;
};

static int reserve_tx(struct db *db, void *userdata)
{
    struct reserve *rv = userdata;
    int r = db_query(db, NULL, LOCK_SQL, 2, rv->params, NULL);
    if (r < 0)
        return r;
    PGresult *res = NULL;
    r = db_query(db, NULL, RESERVE_SQL, 5, rv->params, &res);
    if (r < 0)
        return r;
    if (db_rows(res) != 1) {
        PQclear(res);
        return -EIO;
    }
    const char *inserted = db_value(res, 0, 5);
    if (inserted && strcmp(inserted, "0") != 0) {
        const char *addr_row = db_value(res, 0, 4);
        snprintf(rv->attempt->addr_row, sizeof(rv->attempt->addr_row), "%s",
                 addr_row ? addr_row : "");
        PQclear(res);
        return 0;
    }
    long wait = 0;
    long n_acct = strtol(db_value(res, 0, 0) ? db_value(res, 0, 0) : "0", NULL, 10);
    long n_addr = strtol(db_value(res, 0, 1) ? db_value(res, 0, 1) : "0", NULL, 10);
    if (n_acct >= rv->l->max_per_account && db_value(res, 0, 2))
        wait = strtol(db_value(res, 0, 2), NULL, 10);
    if (n_addr >= rv->l->max_per_addr && db_value(res, 0, 3)) {
        long w2 = strtol(db_value(res, 0, 3), NULL, 10);
        wait = w2 > wait ? w2 : wait;
    }
    PQclear(res);
    *rv->retry_after = wait < 1 ? 1 : wait;
    return -EBUSY;
}

int throttle_attempt_begin(struct db *db, const struct throttle_limits *l, const char *email,
                           const char *addr, long *retry_after, struct throttle_attempt *attempt)
{
    char ebuf[THROTTLE_MAX_KEY + 1], abuf[THROTTLE_MAX_KEY + 1];
    char window[24], max_acct[24], max_addr[24];
    snprintf(window, sizeof(window), "%ld", l->window_seconds);
    snprintf(max_acct, sizeof(max_acct), "%ld", l->max_per_account);
    snprintf(max_addr, sizeof(max_addr), "%ld", l->max_per_addr);
    const char *params[] = {key_or_null(email, ebuf, sizeof(ebuf)),
                            key_or_null(addr, abuf, sizeof(abuf)), window, max_acct, max_addr};
    *retry_after = 0;
    attempt->addr_row[0] = '\0';
    if (!params[0])
        return -EINVAL;
    struct reserve rv = {l, params, retry_after, attempt};
    return db_transaction(db, reserve_tx, &rv, false);
}

int throttle_attempt_succeeded(struct db *db, const char *email,
                               const struct throttle_attempt *attempt)
{
    int rc = throttle_record_success(db, email);
    if (rc < 0 || !attempt->addr_row[0])
        return rc;
    const char *params[] = {attempt->addr_row};
    long n = db_exec(db, "DELETE FROM login_failures WHERE id = $1::bigint", 1, params);
    return n < 0 ? (int)n : 0;
}

int throttle_record_failure(struct db *db, const struct throttle_limits *l, const char *email,
                            const char *addr)
{
    char ebuf[THROTTLE_MAX_KEY + 1], abuf[THROTTLE_MAX_KEY + 1], window[24];
    snprintf(window, sizeof(window), "%ld", l->window_seconds);
    const char *params[] = {key_or_null(email, ebuf, sizeof(ebuf)),
                            key_or_null(addr, abuf, sizeof(abuf))};
    long n =
        db_exec(db,
                "INSERT INTO login_failures (kind, key)"
                " SELECT k, v FROM (VALUES ('email', $1::text), ('addr', $2::text)) AS t(k, v)"
                "  WHERE v IS NOT NULL",
                2, params);
    if (n < 0)
        return (int)n;
    const char *prune[] = {window};
    n = db_exec(db,
                "DELETE FROM login_failures WHERE id IN ("
                " SELECT id FROM login_failures"
                "  WHERE at < clock_timestamp() - make_interval(secs => $1::int)"
                "  ORDER BY at LIMIT 100)",
                1, prune);
    return n < 0 ? (int)n : 0;
}

int throttle_record_success(struct db *db, const char *email)
{
    char ebuf[THROTTLE_MAX_KEY + 1];
    const char *params[] = {key_or_null(email, ebuf, sizeof(ebuf))};
    if (!params[0])
        return 0;
    long n =
        db_exec(db, "DELETE FROM login_failures WHERE kind = 'email' AND key = $1", 1, params);
    return n < 0 ? (int)n : 0;
}
