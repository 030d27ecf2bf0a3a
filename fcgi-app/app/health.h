/* GET /api/health: liveness plus a database check, for nginx, scripts/up and monitors. */
#pragma once
#include "request.h"

int health_get(struct request *r);
