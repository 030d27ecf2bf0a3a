/* The audit trail: one row in audit_log per security-relevant event (register, login
 * success and failure, and every later mutation), written through the caller's db handle
 * so a mutation and its audit row can share a transaction. */
#pragma once
#include <jansson.h>

struct db;

#define AUDIT_MAX_DETAILS 8192 /* bytes of serialized details */

struct audit_entry {
    const char *user_id;     /* decimal id of the acting user, or NULL (e.g. failed login) */
    const char *action;      /* "auth.register", "auth.login", "auth.login_failed", ... */
    const char *target;      /* what was acted on ("user:42", "project:7"), or NULL */
    const char *remote_addr; /* client address, or NULL/"" */
    const char *request_id;  /* request id, or NULL */
    const json_t *details;   /* borrowed; an object or NULL ({}). Never secrets. */
};

/* Inserts the row. Strings longer than the columns allow are cut (addresses and ids at 64
 * bytes, target at 512); an empty action gives -EINVAL, details over AUDIT_MAX_DETAILS
 * -E2BIG. Other errors as db.h maps them. */
int audit_write(struct db *db, const struct audit_entry *e);
