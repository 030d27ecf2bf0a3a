/* `backforgectl generate`: the whole pipeline (plan, review, render, ZIP) on this machine,
 * without the server or its database — for operators, CI and reproducing a user's ZIP. */
#include "ctl.h"

#include "core/buf.h"
#include "core/datadir.h"
#include "core/jsonx.h"
#include "llm/client.h"
#include "pipeline/pipeline.h"
#include "spec/review.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void generate_usage(FILE *f)
{
    fprintf(f, "Usage: backforgectl generate \"PROMPT\" -o OUT.zip [--model MODEL]\n"
               "       backforgectl generate --spec SPEC.json -o OUT.zip\n"
               "Plans (offline planner, or the configured LLM with --model), reviews,\n"
               "renders and packages a backend. Review warnings and errors go to stderr.\n"
               "  -o, --output FILE   where to write the ZIP (required; '-' for stdout)\n"
               "  -s, --spec FILE     generate from a BackendSpec JSON file instead of a prompt\n"
               "  -m, --model MODEL   'offline' (default without a provider) or a model id\n"
               "      --print-spec    print the normalized spec to stdout (with -o FILE)\n");
}

static void print_problems(const char *kind, const struct problems *p)
{
    for (size_t i = 0; i < p->n; i++)
        fprintf(stderr, "%s: %s: %s\n", kind, p->items[i].path, p->items[i].message);
    if (p->dropped)
        fprintf(stderr, "%s: ... and %zu more\n", kind, p->dropped);
}

static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rbe");
    if (!f)
        return -errno;
    struct buf b;
    buf_init(&b, REVIEW_MAX_SPEC_BYTES);
    char chunk[8192];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc = buf_append(&b, chunk, n);
    fclose(f);
    if (rc < 0) {
        buf_clear(&b);
        return rc;
    }
    *out = buf_steal(&b, len);
    return *out ? 0 : -ENOMEM;
}

static int write_output(const char *path, const unsigned char *data, size_t len)
{
    int fd = strcmp(path, "-") == 0 ? STDOUT_FILENO
                                    : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -errno;
    size_t done = 0;
    while (done < len) {
        ssize_t k = write(fd, data + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            if (fd != STDOUT_FILENO)
                close(fd);
            return -e;
        }
        done += (size_t)k;
    }
    return fd == STDOUT_FILENO || close(fd) == 0 ? 0 : -errno;
}

int ctl_generate(struct config *cfg, int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'}, {"spec", required_argument, NULL, 's'},
        {"model", required_argument, NULL, 'm'},  {"print-spec", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *spec_path = NULL, *model = NULL;
    int print_spec = 0, c;
    while ((c = getopt_long(argc, argv, "o:s:m:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 's':
            spec_path = optarg;
            break;
        case 'm':
            model = optarg;
            break;
        case 'p':
            print_spec = 1;
            break;
        case 'h':
            generate_usage(stdout);
            return 0;
        default:
            generate_usage(stderr);
            return 2;
        }
    }
    const char *prompt = optind < argc ? argv[optind] : NULL;
    if (!output || (!prompt == !spec_path) || optind + (prompt ? 1 : 0) != argc) {
        generate_usage(stderr);
        return 2;
    }

    struct pipeline_input in = {.prompt = prompt, .model = model};
    json_t *spec = NULL;
    if (spec_path) {
        char *text = NULL;
        size_t len;
        int rc = read_file(spec_path, &text, &len);
        if (rc < 0) {
            fprintf(stderr, "backforgectl: %s: %s\n", spec_path, strerror(-rc));
            return 1;
        }
        char err[256];
        rc = jsonx_parse(text, len, REVIEW_MAX_SPEC_BYTES, JSONX_DEFAULT_MAX_DEPTH, &spec, err,
                         sizeof(err));
        free(text);
        if (rc < 0) {
            fprintf(stderr, "backforgectl: %s: %s\n", spec_path, err);
            return 1;
        }
        in.spec = spec;
    }

    struct llm_client *llm = NULL;
    int rc = llm_client_new(cfg, &llm);
    if (rc < 0 && rc != -ENOENT) {
        fprintf(stderr, "backforgectl: the LLM configuration is not usable: %s\n", strerror(-rc));
        json_decref(spec);
        return 1;
    }
    struct pipeline_output out;
    pipeline_output_init(&out);
    rc = pipeline_run(cfg, llm, NULL, &in, NULL, &out);
    print_problems("warning", &out.review.warnings);
    int status = 0;
    if (rc == -EINVAL && out.review.errors.n) {
        print_problems("error", &out.review.errors);
        status = 1;
    } else if (rc == -ENODATA) {
        fprintf(stderr, "backforgectl: the offline planner recognized no entities in the "
                        "prompt; name what the backend stores, or use --model\n");
        status = 1;
    } else if (rc == -ENOENT && out.missing[0]) {
        char hint[256];
        fprintf(stderr, "backforgectl: the code templates are missing: %s not found; %s\n",
                out.missing, datadir_hint("templates_dir", "templates", hint, sizeof(hint)));
        status = 1;
    } else if (rc == -ENOENT) {
        fprintf(stderr, "backforgectl: unknown model '%s' (the configured ones, or 'offline')\n",
                model ? model : "");
        status = 1;
    } else if (rc < 0) {
        fprintf(stderr, "backforgectl: generation failed: %s\n", strerror(-rc));
        status = 1;
    } else if ((rc = write_output(output, out.zip, out.zip_len)) < 0) {
        fprintf(stderr, "backforgectl: %s: %s\n", output, strerror(-rc));
        status = 1;
    } else {
        fprintf(stderr, "%s: %zu bytes, %zu files, sha256 %s (%s)\n", output, out.zip_len,
                json_array_size(out.files), out.sha256, out.planner);
        if (print_spec) {
            char *s = json_dumps(out.spec, JSON_INDENT(2) | JSON_SORT_KEYS);
            if (s)
                puts(s);
            free(s);
        }
    }
    pipeline_output_clear(&out);
    llm_client_free(llm);
    json_decref(spec);
    return status;
}
