/* Auto-fix API: POST /projects/{id}/fix asks for one fix round by hand (pipeline/autofix.h
 * does the round; the runner starts the same round after a failed verification). */
#pragma once
#include "request.h"

int fix_module_init(struct app *app); /* the worker's LLM client for fix rounds */
void fix_module_done(struct app *app);
int fix_request(struct request *r); /* POST /projects/{id}/fix */
