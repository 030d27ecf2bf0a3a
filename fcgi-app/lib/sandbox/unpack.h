/* Unpacks a project ZIP into a fresh directory without trusting a byte of it: every path
 * component is checked (no absolute paths, no "..", no empty or dot components, no
 * backslashes or control characters), links and special files are refused, files are
 * created with openat(O_CREAT | O_EXCL | O_NOFOLLOW) under directories opened with
 * O_NOFOLLOW, and the entry count, each file and the total have a cap. The ZIP's single
 * top folder ("todo-api/") is stripped. Used before a verification and by backforgectl. */
#pragma once
#include <stddef.h>
#include <sys/types.h>

struct unpack_limits {
    size_t max_entries;    /* 0: 2000 */
    size_t max_file_bytes; /* 0: 4 MiB */
    size_t max_total;      /* 0: 64 MiB */
};

/* Unpacks into the (empty) directory dirfd. owner/group: chown every created file and
 * directory to them when owner != (uid_t)-1 (a root runner hands the tree to the
 * sandbox's user). 0, -EINVAL (a refused or corrupt entry; *bad names it when not NULL:
 * up to bad_size bytes), -E2BIG (a cap), -ENOMEM, -EIO or another -errno. */
int unpack_zip(const unsigned char *zip, size_t len, int dirfd, const struct unpack_limits *l,
               uid_t owner, gid_t group, char *bad, size_t bad_size);
/* Removes the tree under dirfd's entry `name` without following any link in it.
 * 0 or -errno. */
int unpack_remove_tree(int dirfd, const char *name);
