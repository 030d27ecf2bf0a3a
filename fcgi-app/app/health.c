/* GET /api/health: answers without auth, so load balancers and scripts can tell a live
 * app with a reachable database from a degraded one. */
#include "health.h"

#include "db.h"
#include "log.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

int health_get(struct request *r)
{
    /* db_ensure alone would trust a connection that looks fine but whose server went away;
     * health is the one place worth a round trip. */
    int rc = db_query(r->app->db, r->arena, "SELECT 1", 0, NULL, NULL);
    if (rc < 0) {
        log_warn(r->id, "health: database unavailable: %s", db_last_error(r->app->db));
        return respond_json(r, 503,
                            json_pack("{s:s,s:s,s:s}", "status", "degraded", "db", "down",
                                      "version", PACKAGE_VERSION));
    }
    return respond_json(
        r, 200,
        json_pack("{s:s,s:s,s:s}", "status", "ok", "db", "ok", "version", PACKAGE_VERSION));
}
