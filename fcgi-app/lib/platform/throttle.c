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
