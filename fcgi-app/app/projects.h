/* Projects under /api: plan, generate (from a prompt or a spec, with optional server-sent
 * progress), list, show, read a file, download a version's ZIP, delete; plus the public
 * /models and /spec-schema. The per-worker state (LLM client) lives in app->projects. */
#pragma once
#include "request.h"

int projects_plan(struct request *r);                 /* POST /plan */
int projects_generate_from_prompt(struct request *r); /* POST /generate-from-prompt */
int projects_generate_from_spec(struct request *r);   /* POST /generate */
int projects_list(struct request *r);                 /* GET /projects */
int projects_get(struct request *r);                  /* GET /projects/{id} */
int projects_file(struct request *r);                 /* GET /projects/{id}/files/{path...} */
int projects_download(struct request *r);             /* GET /projects/{id}/download */
int projects_delete(struct request *r);               /* DELETE /projects/{id} */
int projects_models(struct request *r);               /* GET /models */
int projects_spec_schema(struct request *r);          /* GET /spec-schema */
/* GET /projects/{id}/versions/{version}: one version's files, spec, fix and verification. */
int projects_version(struct request *r);
/* GET /usage: today's generations and language-model calls against their daily limits. */
int projects_usage(struct request *r);

/* Module hooks for routes.c: builds the LLM client when a provider is configured (the
 * offline planner serves otherwise) and reads the quota settings. */
int projects_module_init(struct app *app);
void projects_module_done(struct app *app);
