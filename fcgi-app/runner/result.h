/* How a job process hands its result to the runner daemon: files in the work directory,
 * result-<job>.zip (the stamped ZIP of a verification that ran, when there is one) and
 * result-<job>.json (verification_result_dump), each written under a temporary name and
 * renamed, the JSON last, so a result the daemon finds is whole. */
#pragma once
#include "verify/verification.h"

#include <stdbool.h>
#include <stddef.h>

#define RESULT_MAX_BYTES (16 * 1024 * 1024)

/* Job side: writes both files. 0 or -errno. */
int result_write(const char *work_dir, long long job_id, const struct verification_result *res,
                 const unsigned char *zip, size_t zip_len);

/* Daemon side: reads them back into *res (release with verification_result_clear) and
 * *zip (malloc'ed, NULL when there is none; caller free()s). 0, -ENOENT when there is no
 * (whole) result, -EINVAL, -E2BIG. */
int result_read(const char *work_dir, long long job_id, struct verification_result *res,
                unsigned char **zip, size_t *zip_len);

/* Removes both files (done with, or a job handed back). */
void result_remove(const char *work_dir, long long job_id);
