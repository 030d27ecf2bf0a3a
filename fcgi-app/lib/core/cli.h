/* The options every Backforge program takes, parsed and described one way:
 * -c/--config FILE, -h/--help, -V/--version. */
#pragma once
#include <stdbool.h>
#include <stdio.h>

/* Prints the help lines of the common options (after a program's own usage line). */
void cli_print_common_options(FILE *f);

/* Parses the common options of argv; --config sets *config_path. With stop_at_operand,
 * parsing stops at the first operand, so a subcommand keeps its own options. Returns -1
 * to go on (operands start at optind), or the exit status to end with: 0 after --help
 * (usage(stdout)) or --version, 2 after an unknown option (usage(stderr)). */
int cli_parse_common(int argc, char **argv, const char *program, bool stop_at_operand,
                     void (*usage)(FILE *f), const char **config_path);
