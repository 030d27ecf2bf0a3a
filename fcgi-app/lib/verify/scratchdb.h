/* Throwaway databases for verification, on the verification PostgreSQL (never the
 * platform's): one database and one role per job, named bfv_<job>_<random>, the role
 * owning the database and holding a random password, the database made from the template
 * bfv_template and closed to every other role. Dropped after the job; scratchdb_clean
 * drops what a crashed runner left behind. */
#pragma once
#include "platform/db.h"

#define SCRATCHDB_NAME_MAX 48

struct scratchdb {
    char name[SCRATCHDB_NAME_MAX]; /* database and role */
    char password[65];             /* 64 hex digits */
};

/* Creates the template when missing and closes the maintenance database to job roles.
 * 0 or -errno. */
int scratchdb_prepare(struct db *admin);
/* New database and role for job_id (0 for a local `backforgectl verify`). 0 or -errno. */
int scratchdb_create(struct db *admin, long long job_id, struct scratchdb *out);
/* Drops the database (closing its connections) and the role. 0 or -errno. */
int scratchdb_drop(struct db *admin, const char *name);
/* Drops every bfv_ database and role whose job is not running under a live lease in the
 * platform database (all of them when platform is NULL and keep_job is 0). keep_job, when
 * not 0, is kept regardless. Returns the number dropped or -errno. */
int scratchdb_clean(struct db *admin, struct db *platform, long long keep_job);
