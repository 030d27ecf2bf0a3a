/* Verifications API: the reports of a project's verifications, asking for a new one, and
 * reports a user sends from their own deployment. */
#pragma once
#include "request.h"

int verifications_list(struct request *r);   /* GET /projects/{id}/verifications */
int verifications_verify(struct request *r); /* POST /projects/{id}/verify */
int verifications_report(struct request *r); /* POST /projects/{id}/verify-report */
/* Sets "latest_verification" (or null) on every object of `projects` (an array of
 * project objects with "id", or one such object) from one query. 0 or -errno. */
int verifications_attach_latest(struct request *r, json_t *projects);
/* Module hook for routes.c: offers verifications_attach_latest to the other resources
 * through app->attach_verifications. */
int verifications_module_init(struct app *app);
