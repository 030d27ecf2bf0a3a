/* backforgectl verify PROJECT.zip: the whole verification of a ZIP on this machine, without
 * the server or the queue (the runner's own code: fcgi-app/runner/verification.c), printing
 * the report. Needs verify_database_url (the verification PostgreSQL) in the config. */
#include "codegen/bundle.h"
#include "core/config.h"
#include "ctl.h"
#include "platform/db.h"
#include "verify/scratchdb.h"
#include "verify/verification.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int read_file(const char *path, unsigned char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -errno;
    unsigned char *buf = malloc(BUNDLE_MAX_ZIP + 1);
    size_t n = buf ? fread(buf, 1, BUNDLE_MAX_ZIP + 1, f) : 0;
    fclose(f);
    if (!buf)
        return -ENOMEM;
    if (n > BUNDLE_MAX_ZIP) {
        free(buf);
        return -E2BIG;
    }
    *out = buf;
    *len = n;
    return 0;
}

int ctl_verify(struct config *cfg, int argc, char **argv)
{
    static const struct option opts[] = {{"no-pytest", no_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    bool pytest = true;
    int c;
    curl_global_init(CURL_GLOBAL_DEFAULT); /* before the sandbox starts its log thread */
    while ((c = getopt_long(argc, argv, "nh", opts, NULL)) != -1) {
        if (c == 'n') {
            pytest = false;
        } else {
            fprintf(c == 'h' ? stdout : stderr,
                    "Usage: backforgectl verify [--no-pytest] PROJECT.zip\n"
                    "Runs the project in the sandbox, checks it and prints the report (JSON).\n"
                    "Exit status: 0 passed, 1 failed, 3 could not verify.\n");
            return c == 'h' ? 0 : 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "backforgectl verify: one PROJECT.zip expected\n");
        return 2;
    }
    struct verification_config vc;
    char sock[512];
    int rc = verification_config_load(cfg, &vc, sock, sizeof(sock));
    if (rc < 0) {
        fprintf(stderr, "backforgectl verify: %s\n",
                rc == -ENOENT
                    ? "verify_database_url is not configured"
                    : "verify_database_url must name a unix socket directory (host=/...)");
        return 3;
    }
    vc.run_pytest = vc.run_pytest && pytest;
    const char *tmp = getenv("TMPDIR");
    struct stat st;
    if (stat(vc.work_dir, &st) < 0 || !S_ISDIR(st.st_mode))
        vc.work_dir = tmp && *tmp ? tmp : "/tmp";

    unsigned char *zip = NULL;
    size_t len = 0;
    if ((rc = read_file(argv[optind], &zip, &len)) < 0) {
        fprintf(stderr, "backforgectl verify: %s: %s\n", argv[optind], strerror(-rc));
        return 3;
    }
    char *spec_text = NULL;
    size_t spec_len = 0;
    json_t *spec = NULL;
    if (bundle_read_file(zip, len, "backforge.json", 1024 * 1024, &spec_text, &spec_len) == 0)
        spec = json_loadb(spec_text, spec_len, 0, NULL);
    free(spec_text);
    if (!spec) {
        fprintf(stderr, "backforgectl verify: %s has no readable backforge.json\n", argv[optind]);
        free(zip);
        return 3;
    }
    struct db *admin = NULL;
    if (db_new(config_get(cfg, "verify_database_url", ""), &admin) < 0 || db_ensure(admin) < 0) {
        fprintf(stderr, "backforgectl verify: cannot reach the verification database: %s\n",
                admin ? db_last_error(admin) : "out of memory");
        db_free(admin);
        free(zip);
        json_decref(spec);
        return 3;
    }
    if (scratchdb_prepare(admin) < 0)
        fprintf(stderr, "backforgectl verify: preparing the template database failed: %s\n",
                db_last_error(admin));
    struct verification_result r;
    verification_run(&vc, admin, 0, zip, len, spec, &r);
    json_t *out =
        json_pack("{s:s, s:s, s:O?}", "status", r.status, "reason", r.reason, "report", r.report);
    char *text = out ? json_dumps(out, JSON_INDENT(2)) : NULL;
    if (text)
        printf("%s\n", text);
    free(text);
    json_decref(out);
    int status = strcmp(r.status, "passed") == 0 ? 0 : strcmp(r.status, "failed") == 0 ? 1 : 3;
    verification_result_clear(&r);
    db_free(admin);
    free(zip);
    json_decref(spec);
    return status;
}
