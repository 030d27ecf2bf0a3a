/* A worker: one PostgreSQL connection, one arena, and the FastCGI accept loop that turns
 * each request into a routed handler call. */
#pragma once
#include "master.h"

struct config;

struct worker_opts {
    const struct config *config;
    int listen_fd; /* the FastCGI socket, inherited from the master */
    pid_t master_pid;
    const char *database_url;
    size_t max_body_bytes;
    size_t request_memory_max;
};

/* master_worker_fn: serves until SIGTERM, returns the exit status (0 clean, 2 when the
 * worker could not be set up). userdata is a struct worker_opts. */
int worker_main(const struct worker_pool *pool, void *userdata);
