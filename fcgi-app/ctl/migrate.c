/* `backforgectl migrate`: applies sql/NNN_name.sql files that schema_migrations does not
 * list yet, in numeric order, each in its own transaction together with its row. */
#include "core/config.h"
#include "core/datadir.h"
#include "ctl.h"
#include "platform/db.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATE_MAX_FILES 1000
#define MIGRATE_MAX_BYTES (16L * 1024 * 1024)

struct migration {
    unsigned long number;
    char name[256]; /* file name; the version recorded is the name without ".sql" */
};

int ctl_sql_dir(const struct config *cfg, const char *override, char *out, size_t size)
{
    if (!override)
        return datadir_find(cfg, "sql_dir", "sql", out, size);
    return snprintf(out, size, "%s", override) < (int)size ? 0 : -ENAMETOOLONG;
}

/* NNN_name.sql with a decimal prefix and a name of letters, digits, '_' and '-'. */
static bool parse_name(const char *name, unsigned long *number)
{
    const char *p = name;
    if (!isdigit((unsigned char)*p))
        return false;
    char *end;
    errno = 0;
    *number = strtoul(p, &end, 10);
    if (errno || *end != '_')
        return false;
    size_t n = strlen(name);
    if (n < 5 || n >= sizeof(((struct migration *)0)->name) || strcmp(name + n - 4, ".sql") != 0 ||
        end + 1 >= name + n - 4)
        return false;
    for (p = end + 1; p < name + n - 4; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return false;
    return true;
}

static int cmp_migration(const void *a, const void *b)
{
    const struct migration *x = a, *y = b;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Lists the migrations in dir, sorted; refuses two files with one number. */
static int list_migrations(const char *dir, struct migration **out, size_t *n_out)
{
    DIR *d = opendir(dir);
    if (!d) {
        int e = errno;
        fprintf(stderr, "backforgectl migrate: cannot open %s: %s\n", dir, strerror(e));
        return -e;
    }
    struct migration *list = NULL;
    size_t n = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        unsigned long number;
        if (!parse_name(de->d_name, &number)) {
            if (strlen(de->d_name) > 4 && strcmp(de->d_name + strlen(de->d_name) - 4, ".sql") == 0)
                fprintf(stderr, "backforgectl migrate: ignoring %s (not NNN_name.sql)\n",
                        de->d_name);
            continue;
        }
        if (n == MIGRATE_MAX_FILES) {
            fprintf(stderr, "backforgectl migrate: more than %d migrations in %s\n",
                    MIGRATE_MAX_FILES, dir);
            rc = -E2BIG;
            break;
        }
        struct migration *grown = realloc(list, (n + 1) * sizeof(*list));
        if (!grown) {
            rc = -ENOMEM;
            break;
        }
        list = grown;
        list[n].number = number;
        snprintf(list[n].name, sizeof(list[n].name), "%s", de->d_name);
        n++;
    }
    closedir(d);
    if (rc == 0 && n > 1) {
        qsort(list, n, sizeof(*list), cmp_migration);
        for (size_t i = 1; i < n; i++) {
            if (list[i].number == list[i - 1].number) {
                fprintf(stderr, "backforgectl migrate: %s and %s share the number %lu\n",
                        list[i - 1].name, list[i].name, list[i].number);
                rc = -EINVAL;
            }
        }
    }
    if (rc < 0) {
        free(list);
        return rc;
    }
    *out = list;
    *n_out = n;
    return 0;
}

static int read_file(const char *path, char **out)
{
    FILE *f = fopen(path, "rbe");
    if (!f)
        return -errno;
    char *data = malloc((size_t)MIGRATE_MAX_BYTES + 1);
    if (!data) {
        fclose(f);
        return -ENOMEM;
    }
    size_t n = fread(data, 1, (size_t)MIGRATE_MAX_BYTES + 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || n > (size_t)MIGRATE_MAX_BYTES || memchr(data, '\0', n)) {
        free(data);
        return bad ? -EIO : -EFBIG;
    }
    data[n] = '\0';
    *out = data;
    return 0;
}

struct apply {
    const char *version;
    const char *sql;
};

static int apply_one(struct db *db, void *userdata)
{
    const struct apply *a = userdata;
    int rc = db_exec_script(db, a->sql);
    if (rc < 0)
        return rc;
    const char *params[] = {a->version};
    long n = db_exec(db, "INSERT INTO schema_migrations (version) VALUES ($1)", 1, params);
    return n < 0 ? (int)n : 0;
}

static int applied(struct db *db, const char *version)
{
    PGresult *res;
    const char *params[] = {version};
    int rc =
        db_query(db, NULL, "SELECT 1 FROM schema_migrations WHERE version = $1", 1, params, &res);
    if (rc < 0)
        return rc;
    rc = db_rows(res) > 0;
    PQclear(res);
    return rc;
}

int ctl_migrate(struct config *cfg, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dir", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dir_opt = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
        if (c == 'd') {
            dir_opt = optarg;
        } else if (c == 'h') {
            printf("Usage: backforgectl [--config FILE] migrate [--dir DIR]\n"
                   "Applies DIR/NNN_name.sql (default: config sql_dir, else sql/ of the\n"
                   "source tree when run from a build, else %s/sql) not yet\n"
                   "recorded in schema_migrations, in numeric order, each in a transaction.\n",
                   BF_DATADIR);
            return 0;
        } else {
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "backforgectl migrate: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    char dir[4096], hint[256];
    int found = ctl_sql_dir(cfg, dir_opt, dir, sizeof(dir));
    if (found < 0 && !dir_opt) {
        fprintf(stderr, "backforgectl migrate: the migrations are missing: %s: %s; %s\n", dir,
                strerror(-found), datadir_hint("sql_dir", "sql", hint, sizeof(hint)));
        return 1;
    }

    struct migration *list = NULL;
    size_t n = 0;
    if (list_migrations(dir, &list, &n) < 0)
        return 1;

    struct db *db = NULL;
    int status = 1;
    if (db_new(config_get(cfg, "database_url", ""), &db) < 0 || db_ensure(db) < 0) {
        fprintf(stderr, "backforgectl migrate: cannot connect to the database: %s\n",
                db ? db_last_error(db) : "out of memory");
        goto out;
    }
    /* Two concurrent runs (two hosts deploying) must not apply a file twice: hold a
     * session lock for the whole run. */
    if (db_exec(db, "SELECT pg_advisory_lock(hashtext('backforge-migrate'))", 0, NULL) < 0 ||
        db_exec_script(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version text PRIMARY KEY,"
                           " applied_at timestamptz NOT NULL DEFAULT now())") < 0) {
        fprintf(stderr, "backforgectl migrate: cannot prepare schema_migrations: %s\n",
                db_last_error(db));
        goto out;
    }
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        char version[256];
        snprintf(version, sizeof(version), "%.*s", (int)(strlen(list[i].name) - 4), list[i].name);
        int rc = applied(db, version);
        if (rc < 0) {
            fprintf(stderr, "backforgectl migrate: cannot read schema_migrations: %s\n",
                    db_last_error(db));
            goto out;
        }
        if (rc > 0)
            continue;
        char path[sizeof(dir) + 256];
        snprintf(path, sizeof(path), "%s/%s", dir, list[i].name);
        char *sql = NULL;
        rc = read_file(path, &sql);
        if (rc < 0) {
            fprintf(stderr, "backforgectl migrate: cannot read %s: %s\n", path, strerror(-rc));
            goto out;
        }
        struct apply a = {version, sql};
        rc = db_transaction(db, apply_one, &a, false);
        free(sql);
        if (rc < 0) {
            fprintf(stderr, "backforgectl migrate: %s failed and was rolled back: %s\n",
                    list[i].name, db_last_error(db));
            goto out;
        }
        printf("applied %s\n", list[i].name);
        done++;
    }
    printf("%zu migration%s applied, %zu already present\n", done, done == 1 ? "" : "s", n - done);
    status = 0;
out:
    db_free(db);
    free(list);
    return status;
}
