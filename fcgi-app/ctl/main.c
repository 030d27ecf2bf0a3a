/* backforgectl: the operator's command line. Parses the global options, loads the
 * configuration and dispatches to a subcommand from the table below. */
#include "core/cli.h"
#include "core/config.h"
#include "ctl.h"
#include "core/log.h"
#include "planner/planner.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* One row per subcommand; later areas add theirs here. */
static const struct ctl_command commands[] = {
    {"migrate", "apply the sql/ migrations not yet applied ([--dir DIR])", ctl_migrate},
    {"generate", "prompt or spec to a project ZIP, without the server (see generate --help)",
     ctl_generate},
    {"verify", "verify a project ZIP in the sandbox, without the server (see verify --help)",
     ctl_verify},
    {"jobs", "list the verification queue ([--all])", ctl_jobs},
};

static void usage(FILE *f)
{
    fprintf(f, "Usage: backforgectl [--config FILE] COMMAND [ARGS]\n\nCommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nOptions:\n");
    cli_print_common_options(f);
}

int main(int argc, char **argv)
{
    const char *config_path = NULL;
    /* Stops at the subcommand, whose own options are left for it. */
    int status = cli_parse_common(argc, argv, "backforgectl", true, usage, &config_path);
    if (status >= 0)
        return status;
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    const struct ctl_command *cmd = NULL;
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, argv[optind]) == 0)
            cmd = &commands[i];
    if (!cmd) {
        fprintf(stderr, "backforgectl: unknown command '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }

    log_setup("backforgectl", LOG_LEVEL_INFO, 0);
    struct config *cfg = NULL;
    char err[512] = "";
    int rc = config_load(config_path, &cfg, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "backforgectl: cannot load configuration: %s\n",
                err[0] ? err : strerror(-rc));
        return 1;
    }
    if (cmd->run == ctl_generate)
        planner_init(); /* the parser's dictionaries, loaded once up front */
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0; /* full getopt reset (glibc) for the subcommand */
    status = cmd->run(cfg, sub_argc, sub_argv);
    config_free(cfg);
    return status;
}
