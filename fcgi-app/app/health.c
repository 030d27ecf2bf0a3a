/* GET /api/health: answers without auth, so load balancers and scripts can tell a live
 * app with a reachable database from a degraded one. */
#include "health.h"
#include "respond.h"

#include "platform/db.h"
#include "core/log.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#define HEALTH_MAX_QUIET_MS 1000

int health_get(struct request *r)
{
    /* db_check notices a closed connection without a round trip and adds a SELECT 1 only
     * when the connection has been quiet, so health stays cheap under load (it is polled
     * and benchmarked) yet never says "ok" for long about a server that hangs. */
    int rc = db_check(r->app->db, HEALTH_MAX_QUIET_MS);
    if (rc < 0) {
        log_warn(r->id, "health: database unavailable: %s", db_last_error(r->app->db));
        return respond_json(r, 503,
                            json_pack("{s:s,s:s,s:s}", "status", "degraded", "db", "down",
                                      "version", PACKAGE_VERSION));
    }
    /* The healthy answer never changes: written once, not built per request. */
    static const char healthy[] =
        "{\"db\":\"ok\",\"status\":\"ok\",\"version\":\"" PACKAGE_VERSION "\"}";
    return respond_json_text(r, 200, healthy, sizeof(healthy) - 1);
}
