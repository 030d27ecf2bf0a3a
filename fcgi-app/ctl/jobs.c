/* backforgectl jobs: the verification queue as a table (queued and running jobs, or with
 * --all also the last finished ones), for operators. */
#include "core/config.h"
#include "ctl.h"
#include "platform/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int ctl_jobs(struct config *cfg, int argc, char **argv)
{
    static const struct option opts[] = {
        {"all", no_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    bool all = false;
    int c;
    while ((c = getopt_long(argc, argv, "ah", opts, NULL)) != -1) {
        if (c == 'a') {
            all = true;
        } else {
            fprintf(c == 'h' ? stdout : stderr,
                    "Usage: backforgectl jobs [--all]\nLists queued and running verification "
                    "jobs; --all adds the 50 most recent finished ones.\n");
            return c == 'h' ? 0 : 2;
        }
    }
    struct db *db = NULL;
    if (db_new(config_get(cfg, "database_url", ""), &db) < 0 || db_ensure(db) < 0) {
        fprintf(stderr, "backforgectl jobs: cannot reach the database: %s\n",
                db ? db_last_error(db) : "out of memory");
        db_free(db);
        return 1;
    }
    PGresult *res;
    const char *p[] = {all ? "t" : "f"};
    int rc = db_query(
        db, NULL,
        "(SELECT id, project_id, version, source, status, attempt, tries || '/' || max_tries, "
        "COALESCE(runner_id, ''), COALESCE(to_char(lease_until AT TIME ZONE 'UTC', "
        "'HH24:MI:SS'), ''), to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
        "COALESCE(left(reason, 60), '') FROM verifications WHERE status IN ('queued', 'running')) "
        "UNION ALL (SELECT id, project_id, version, source, status, attempt, "
        "tries || '/' || max_tries, COALESCE(runner_id, ''), '', "
        "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
        "COALESCE(left(reason, 60), '') FROM verifications WHERE $1::bool AND "
        "status NOT IN ('queued', 'running') ORDER BY id DESC LIMIT 50) ORDER BY 1",
        1, p, &res);
    if (rc < 0) {
        fprintf(stderr, "backforgectl jobs: %s\n", db_last_error(db));
        db_free(db);
        return 1;
    }
    printf("%-8s %-8s %-4s %-8s %-8s %-4s %-6s %-24s %-9s %-19s %s\n", "ID", "PROJECT", "VER",
           "SOURCE", "STATUS", "ATT", "TRIES", "RUNNER", "LEASE", "CREATED", "REASON");
    for (int i = 0; i < db_rows(res); i++)
        printf("%-8s %-8s %-4s %-8s %-8s %-4s %-6s %-24.24s %-9s %-19s %s\n", db_value(res, i, 0),
               db_value(res, i, 1), db_value(res, i, 2), db_value(res, i, 3), db_value(res, i, 4),
               db_value(res, i, 5), db_value(res, i, 6), db_value(res, i, 7), db_value(res, i, 8),
               db_value(res, i, 9), db_value(res, i, 10));
    PQclear(res);
    db_free(db);
    return 0;
}
