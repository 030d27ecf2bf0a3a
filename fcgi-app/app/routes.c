/* The application's route table and per-worker module hooks: one array each, so adding
 * an endpoint is one row here plus its handler in the resource's file. */
#include "router.h"

/* Resource handler headers: one include per resource file. */
#include "auth_handlers.h"
#include "fix.h"
#include "health.h"
#include "projects.h"
#include "verifications.h"

/* Paths are relative to /api. Order does not matter for correctness (a literal segment
 * beats a parameter regardless of order); keep rows grouped by resource. */
const struct route app_routes[] = {
    {REQUEST_GET | REQUEST_HEAD, "/health", health_get, 0},
    {REQUEST_POST, "/auth/register", auth_register, 0},
    {REQUEST_POST, "/auth/login", auth_login, 0},
    {REQUEST_GET | REQUEST_HEAD, "/auth/me", auth_me, ROUTE_AUTH},

    {REQUEST_GET | REQUEST_HEAD, "/models", projects_models, 0},
    {REQUEST_GET | REQUEST_HEAD, "/spec-schema", projects_spec_schema, 0},
    {REQUEST_POST, "/plan", projects_plan, ROUTE_AUTH},
    {REQUEST_POST, "/generate-from-prompt", projects_generate_from_prompt, ROUTE_AUTH},
    {REQUEST_POST, "/generate", projects_generate_from_spec, ROUTE_AUTH},
    {REQUEST_GET | REQUEST_HEAD, "/projects", projects_list, ROUTE_AUTH},
    {REQUEST_GET | REQUEST_HEAD, "/projects/{id}", projects_get, ROUTE_AUTH},
    {REQUEST_DELETE, "/projects/{id}", projects_delete, ROUTE_AUTH},
    {REQUEST_GET | REQUEST_HEAD, "/projects/{id}/versions/{version}", projects_version,
     ROUTE_AUTH},
    {REQUEST_GET | REQUEST_HEAD, "/projects/{id}/files/{path...}", projects_file, ROUTE_AUTH},
    {REQUEST_GET | REQUEST_HEAD, "/projects/{id}/download", projects_download, ROUTE_AUTH},
    {REQUEST_GET | REQUEST_HEAD, "/usage", projects_usage, ROUTE_AUTH},

    {REQUEST_GET | REQUEST_HEAD, "/projects/{id}/verifications", verifications_list, ROUTE_AUTH},
    {REQUEST_POST, "/projects/{id}/verify", verifications_verify, ROUTE_AUTH},
    {REQUEST_POST, "/projects/{id}/verify-report", verifications_report, ROUTE_AUTH},
    {REQUEST_POST, "/projects/{id}/fix", fix_request, ROUTE_AUTH},
};
const size_t app_routes_count = sizeof(app_routes) / sizeof(app_routes[0]);

/* Per-worker module state, initialised in this order after fork (done in reverse). */
const struct app_module app_modules[] = {
    {"auth", auth_module_init, auth_module_done},
    {"projects", projects_module_init, projects_module_done},
    {"verifications", verifications_module_init, NULL},
    {"fix", fix_module_init, fix_module_done},
    {NULL, NULL, NULL}, /* sentinel so the array is never empty; skipped */
};
const size_t app_modules_count = sizeof(app_modules) / sizeof(app_modules[0]);
