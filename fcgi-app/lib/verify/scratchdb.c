/* Throwaway verification databases (see scratchdb.h). Names and passwords are generated
 * here from hex digits only, so the DDL that cannot take parameters (CREATE ROLE, CREATE
 * DATABASE) is still built from text no one else chose. */
#include "verify/scratchdb.h"

#include "platform/jobs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define SCRATCHDB_TEMPLATE "bfv_template"

static int random_hex(char *out, size_t bytes)
{
    unsigned char raw[32];
    if (bytes > sizeof(raw) || getrandom(raw, bytes, 0) != (ssize_t)bytes)
        return -EIO;
    for (size_t i = 0; i < bytes; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

static bool name_ok(const char *name)
{
    if (strncmp(name, "bfv_", 4) != 0 || strlen(name) >= SCRATCHDB_NAME_MAX)
        return false;
    for (const char *p = name + 4; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == '_'))
            return false;
    return true;
}

int scratchdb_prepare(struct db *admin)
{
    PGresult *res;
    const char *p[] = {SCRATCHDB_TEMPLATE};
    int rc = db_query(admin, NULL, "SELECT 1 FROM pg_database WHERE datname = $1", 1, p, &res);
    if (rc < 0)
        return rc;
    int have = db_rows(res);
    PQclear(res);
    if (!have) {
        rc = db_exec_script(admin, "CREATE DATABASE " SCRATCHDB_TEMPLATE " TEMPLATE template0 "
                                   "ENCODING 'UTF8'");
        if (rc < 0 && rc != -EEXIST)
            return rc;
    }
    /* Job roles connect to their own database and nowhere else. Best effort: an operator
     * may have done it already with a role this one cannot act for. */
    db_exec_script(admin,
                   "REVOKE CONNECT, TEMPORARY ON DATABASE " SCRATCHDB_TEMPLATE " FROM PUBLIC");
    db_exec_script(admin, "REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC");
    return 0;
}

int scratchdb_create(struct db *admin, long long job_id, struct scratchdb *out)
{
    char rnd[17];
    int rc = random_hex(rnd, 8);
    if (rc < 0 || (rc = random_hex(out->password, 32)) < 0)
        return rc;
    snprintf(out->name, sizeof(out->name), "bfv_%lld_%s", job_id < 0 ? 0 : job_id, rnd);
    char sql[512];
    snprintf(sql, sizeof(sql),
             "CREATE ROLE %s LOGIN PASSWORD '%s' NOSUPERUSER NOCREATEDB NOCREATEROLE "
             "NOREPLICATION CONNECTION LIMIT 32",
             out->name, out->password);
    if ((rc = db_exec_script(admin, sql)) < 0)
        return rc;
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s OWNER %s TEMPLATE " SCRATCHDB_TEMPLATE,
             out->name, out->name);
    if ((rc = db_exec_script(admin, sql)) < 0) {
        scratchdb_drop(admin, out->name);
        return rc;
    }
    snprintf(sql, sizeof(sql), "REVOKE ALL ON DATABASE %s FROM PUBLIC", out->name);
    if ((rc = db_exec_script(admin, sql)) < 0) {
        scratchdb_drop(admin, out->name);
        return rc;
    }
    return 0;
}

int scratchdb_drop(struct db *admin, const char *name)
{
    if (!name_ok(name))
        return -EINVAL;
    char sql[256];
    snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    int rc = db_exec_script(admin, sql);
    snprintf(sql, sizeof(sql), "DROP ROLE IF EXISTS %s", name);
    int rc2 = db_exec_script(admin, sql);
    return rc < 0 ? rc : rc2;
}

int scratchdb_clean(struct db *admin, struct db *platform, long long keep_job)
{
    PGresult *res;
    int rc =
        db_query(admin, NULL,
                 "SELECT datname FROM pg_database WHERE datname ~ '^bfv_[0-9]+_[0-9a-f]+$' "
                 "UNION SELECT rolname FROM pg_roles WHERE rolname ~ '^bfv_[0-9]+_[0-9a-f]+$'",
                 0, NULL, &res);
    if (rc < 0)
        return rc;
    int dropped = 0;
    for (int i = 0; i < db_rows(res); i++) {
        const char *name = db_value(res, i, 0);
        long long job = strtoll(name + 4, NULL, 10);
        if (keep_job && job == keep_job)
            continue;
        if (platform && job > 0) {
            int live = jobs_is_live(platform, job);
            if (live != 0)
                continue; /* live, or unknown because the platform is down: keep */
        } else if (platform && job == 0) {
            continue; /* a local `backforgectl verify` may be using it */
        }
        if (scratchdb_drop(admin, name) == 0)
            dropped++;
    }
    PQclear(res);
    return dropped;
}
