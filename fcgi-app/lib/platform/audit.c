/* Writes audit_log rows (see audit.h). Parameterized like every statement; details are
 * serialized with sorted keys so equal events store equal JSON. */
#include "platform/audit.h"

#include "platform/db.h"
#include "core/jsonx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_MAX_ACTION 64
#define AUDIT_MAX_TARGET 512
#define AUDIT_MAX_SHORT  64

/* Copies at most max bytes of s, never splitting a UTF-8 sequence (the column is text). */
static const char *cut(const char *s, char *buf, size_t max)
{
    if (!s || !s[0])
        return NULL;
    size_t n = strnlen(s, max + 1);
    if (n <= max)
        return s;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

int audit_write(struct db *db, const struct audit_entry *e)
{
    if (!e->action || !e->action[0] || strlen(e->action) > AUDIT_MAX_ACTION)
        return -EINVAL;
    if (e->details && !json_is_object(e->details))
        return -EINVAL;
    char *details = NULL;
    if (e->details) {
        details = jsonx_dump(e->details);
        if (!details)
            return -ENOMEM;
        if (strlen(details) > AUDIT_MAX_DETAILS) {
            free(details);
            return -E2BIG;
        }
    }
    char target[AUDIT_MAX_TARGET + 1], addr[AUDIT_MAX_SHORT + 1], rid[AUDIT_MAX_SHORT + 1];
    const char *params[] = {e->user_id,
                            e->action,
                            cut(e->target, target, AUDIT_MAX_TARGET),
                            cut(e->remote_addr, addr, AUDIT_MAX_SHORT),
                            cut(e->request_id, rid, AUDIT_MAX_SHORT),
                            details ? details : "{}"};
    long n = db_exec(db,
                     "INSERT INTO audit_log (user_id, action, target, remote_addr, request_id,"
                     " details) VALUES ($1::bigint, $2, $3, $4, $5, $6::jsonb)",
                     6, params);
    free(details);
    return n < 0 ? (int)n : 0;
}
