/* backforgectl's subcommands: each is one row in the table in ctl/main.c with a function
 * of this shape, in a file of its own (migrate.c, ...). */
#pragma once
#include <stddef.h>
#include <stdio.h>

struct config;

/* argv[0] is the subcommand name; getopt state is reset before the call. Returns the
 * process exit status: 0 success, 1 failure, 2 usage error. */
typedef int (*ctl_command_fn)(struct config *cfg, int argc, char **argv);

struct ctl_command {
    const char *name;
    const char *summary; /* one line for `backforgectl --help` */
    ctl_command_fn run;
};

int ctl_migrate(struct config *cfg, int argc, char **argv);  /* migrate.c */
int ctl_generate(struct config *cfg, int argc, char **argv); /* generate.c (projects) */
int ctl_verify(struct config *cfg, int argc, char **argv);   /* verify.c (runner) */
int ctl_jobs(struct config *cfg, int argc, char **argv);     /* jobs.c (runner) */

/* The sql/ directory into out: --dir, else datadir_find (config `sql_dir`, else the source
 * tree when run from a build, else BF_DATADIR "/sql"). 0 when it exists, else a negative
 * errno with out naming the path looked for. */
int ctl_sql_dir(const struct config *cfg, const char *override, char *out, size_t size);
