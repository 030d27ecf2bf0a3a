/* Common command-line options (cli.h). */
#include "core/cli.h"

#include <getopt.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

void cli_print_common_options(FILE *f)
{
    fprintf(f,
            "  -c, --config FILE  configuration file (default $BACKFORGE_CONFIG, else "
            "%s/backforge.conf)\n"
            "  -h, --help         this help\n"
            "  -V, --version      print the version\n",
            BF_SYSCONFDIR);
}

int cli_parse_common(int argc, char **argv, const char *program, bool stop_at_operand,
                     void (*usage)(FILE *f), const char **config_path)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, stop_at_operand ? "+c:hV" : "c:hV", longopts, NULL)) !=
           -1) {
        switch (c) {
        case 'c':
            *config_path = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("%s %s\n", program, PACKAGE_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    return -1;
}
