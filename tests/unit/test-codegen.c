/* codegen: escaping helpers, and rendering of a normalized spec full of tricky values
 * (quotes, backslashes, braces, triple quotes, ctemplate markers, unicode, newlines) into
 * Python, Markdown and YAML that stay valid and say exactly what the spec said. */
#include "core/buf.h"
#include "codegen/render.h"
#include "codegen/escape.h"
#include "tap.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BF_TEMPLATES_SRC
#define BF_TEMPLATES_SRC "templates"
#endif

static char got[4096];

static const char *esc(int (*fn)(struct buf *, const char *), const char *s)
{
    struct buf b;
    buf_init(&b, sizeof(got));
    got[0] = '\0';
    if (fn(&b, s) == 0)
        snprintf(got, sizeof(got), "%s", b.data);
    buf_clear(&b);
    return got;
}

static const char *lit(const char *json)
{
    struct buf b;
    buf_init(&b, sizeof(got));
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    got[0] = '\0';
    if (v && cg_py_literal(&b, v) == 0)
        snprintf(got, sizeof(got), "%s", b.data);
    json_decref(v);
    buf_clear(&b);
    return got;
}

/* The tricky value: every character class that has broken a generator somewhere. */
#define TRICKY                                                                                    \
    "Q\"uote' back\\slash {{TITLE}} {brace} \"\"\"triple\"\"\" \xc3\xa9\xe2\x9c\x93 *md* | $x "   \
    "`cmd`"

static const char *SPEC =
    "{\"spec_version\": 1, \"name\": \"tricky-api\", \"target\": \"fastapi-postgres\","
    " \"title\": \"Tricky \\\"API\\\" {{X}}\", \"description\": \"line one\\nline \\\"\\\"\\\" "
    "two\","
    " \"auth\": {\"enabled\": true},"
    " \"entities\": ["
    "  {\"name\": \"Group\", \"snake\": \"group\", \"plural\": \"groups\", \"table\": \"groups\","
    "   \"owned\": true, \"description\": \"Groups {{#X}}\\n# not a comment\", \"fields\": ["
    "    {\"name\": \"class\", \"type\": \"string\", \"required\": true, \"unique\": true,"
    "     \"description\": \"The \\\"\\\"\\\"class\\\"\\\"\\\" {{x}}\\n\", \"max_length\": 40},"
    "    {\"name\": \"kind\", \"type\": \"enum\", \"required\": false, \"unique\": false,"
    "     \"description\": \"\", \"values\": [\"a\\\"b\", \"c\\\\d\", \"{{e}}\"],"
    "     \"default\": \"a\\\"b\"},"
    "    {\"name\": \"meta\", \"type\": \"json\", \"required\": false, \"unique\": false,"
    "     \"description\": \"\", \"default\": {\"k\": [1, true, null]}}]},"
    "  {\"name\": \"Order\", \"snake\": \"order\", \"plural\": \"orders\", \"table\": \"orders\","
    "   \"owned\": false, \"description\": \"\", \"fields\": ["
    "    {\"name\": \"select\", \"type\": \"integer\", \"required\": true, \"unique\": false,"
    "     \"description\": \"\", \"min\": 1, \"max\": 10},"
    "    {\"name\": \"payload\", \"type\": \"json\", \"required\": true, \"unique\": false,"
    "     \"description\": \"\"},"
    "    {\"name\": \"contact\", \"type\": \"email\", \"required\": true, \"unique\": false,"
    "     \"description\": \"\", \"max_length\": 6},"
    "    {\"name\": \"group_id\", \"type\": \"reference\", \"required\": false, \"unique\": true,"
    "     \"unique_scope\": \"global\", \"description\": \"\", \"entity\": \"Group\","
    "     \"on_delete\": \"set_null\"}]}],"
    " \"actions\": [{\"name\": \"echo\", \"method\": \"POST\", \"path\": \"/tools/echo\","
    "   \"summary\": \"Echo \\\"\\\"\\\" it\", \"auth_required\": false,"
    "   \"input\": [{\"name\": \"text\", \"type\": \"string\", \"required\": true,"
    "     \"unique\": false, \"description\": \"\", \"max_length\": 255}],"
    "   \"output\": [{\"name\": \"text\", \"type\": \"string\", \"required\": true,"
    "     \"unique\": false, \"description\": \"\", \"max_length\": 255}],"
    "   \"code\": \"if text == '{{x}}':\\n\\treturn {\\\"text\\\": 'braces'}\\nreturn "
    "{\\\"text\\\": text}\","
    "   \"examples\": [{\"input\": {\"text\": \"hi\"}, \"output\": {\"text\": \"hi\"}}]}]}";

static bool contains(const struct gen_tree *t, const char *path, const char *needle)
{
    const struct gen_file *f = gen_tree_find(t, path);
    return f && memmem(f->data, f->len, needle, strlen(needle)) != NULL;
}

static int write_tree(const struct gen_tree *t, const char *dir)
{
    for (size_t i = 0; i < t->n; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, t->files[i].path);
        for (char *p = path + strlen(dir) + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                mkdir(path, 0755);
                *p = '/';
            }
        FILE *f = fopen(path, "wb");
        if (!f)
            return -1;
        fwrite(t->files[i].data, 1, t->files[i].len, f);
        fclose(f);
    }
    return 0;
}

int main(void)
{
    /* Escaping helpers, one context each. */
    is_str(esc(cg_esc_py_str, "a\"b\\c\nd\x01{{X}}\"\"\""),
           "\"a\\\"b\\\\c\\nd\\x01{{X}}\\\"\\\"\\\"\"", "Python string literal");
    is_str(esc(cg_esc_py_str, "\xc3\xa9\xe2\x9c\x93"), "\"\xc3\xa9\xe2\x9c\x93\"",
           "unicode stays as UTF-8 text");
    is_str(esc(cg_esc_py_docstring, "say \"\"\"hi\"\"\"\nnow\\ "),
           "\"\"\"say \\\"\\\"\\\"hi\\\"\\\"\\\" now\\\\\"\"\"", "docstring");
    is_str(esc(cg_esc_py_comment, "one\ntwo\rthree"), "one two three", "comment stays one line");
    is_str(esc(cg_esc_py_comment, "ends with a new line\n \t"), "ends with a new line",
           "a comment ends in no whitespace");
    is_str(esc(cg_esc_md, "*a* _b_ `c` <d> [e](f) | # \\ {{X}}\nnext - (x)"),
           "\\*a\\* \\_b\\_ \\`c\\` \\<d\\> \\[e\\](f) \\| \\# \\\\ \\{\\{X\\}\\} next - (x)",
           "Markdown");
    is_str(esc(cg_esc_md, "- not a list"), "\\- not a list", "a leading dash is escaped");
    is_str(esc(cg_esc_yaml, "a: \"b\"\n#c\\"), "\"a: \\\"b\\\"\\n#c\\\\\"", "YAML");
    is_str(esc(cg_esc_shell, "it's $HOME `x`"), "'it'\\''s $HOME `x`'", "shell");
    is_str(lit("{\"a\": [1, 2.5, true, false, null], \"b\\\"\": \"x\"}"),
           "{\"a\": [1, 2.5, True, False, None], \"b\\\"\": \"x\"}", "JSON as a Python literal");
    is_str(lit("0.1"), "0.1", "shortest float");
    is_str(lit("1e300"), "1e+300", "large float");
    is_str(lit("5.0"), "5.0", "a float stays a float");

    /* A full render. */
    json_t *spec = json_loads(SPEC, 0, NULL);
    ok(spec != NULL, "test spec parses");
    json_t *report = json_pack("{s:[{s:s, s:s}], s:{s:s, s:[s, s], s:[]}}", "warnings", "path",
                               "$.entities[1].name", "message", "\"Order\" is an SQL word *",
                               "notes", "planner", "offline", "understood",
                               "entity Order (from \"orders\")", "field Order.total_*", "ignored");
    struct problems err;
    problems_init(&err, 10);
    struct gen_tree t, t2;
    is_int(codegen_render(spec, report, BF_TEMPLATES_SRC, &t, &err), 0, "render");
    if (getenv("TEST_CODEGEN_DUMP")) /* for eyes: writes the tree there */
        write_tree(&t, getenv("TEST_CODEGEN_DUMP"));
    static const char *const expect[] = {"app/main.py",
                                         "app/models.py",
                                         "app/schemas.py",
                                         "app/auth.py",
                                         "app/actions.py",
                                         "app/routers/groups.py",
                                         "app/routers/orders.py",
                                         "tests/test_groups.py",
                                         "tests/test_orders.py",
                                         "tests/test_auth_flow.py",
                                         "tests/test_action_examples.py",
                                         "README.md",
                                         "PROJECT_REPORT.md",
                                         "backforge.json",
                                         "Dockerfile",
                                         "docker-compose.yml",
                                         ".env.example",
                                         ".github/workflows/ci.yml",
                                         "requirements.txt",
                                         "tests/conftest.py"};
    for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++)
        ok(gen_tree_find(&t, expect[i]) != NULL, "has %s", expect[i]);
    bool sorted = true;
    for (size_t i = 1; i < t.n; i++)
        sorted = sorted && strcmp(t.files[i - 1].path, t.files[i].path) < 0;
    ok(sorted, "files are sorted by path");

    ok(contains(&t, "app/main.py", "title=\"Tricky \\\"API\\\" {{X}}\""),
       "title is an escaped Python literal, markers untouched");
    ok(contains(&t, "app/main.py", "description=\"line one\\nline \\\"\\\"\\\" two\""),
       "description keeps its newline and triple quotes escaped");
    ok(contains(&t, "app/models.py", "# Groups {{#X}} # not a comment\nclass Group(Base):"),
       "entity description is one comment line");
    ok(contains(&t, "app/models.py", "class_ = sa.Column(\"class\", sa.String(40)"),
       "Python keyword field gets an attribute name and keeps its column name");
    ok(contains(&t, "app/schemas.py", "alias=\"class\""), "and keeps its JSON name");
    ok(contains(&t, "app/schemas.py",
                "description=\"The \\\"\\\"\\\"class\\\"\\\"\\\" {{x}}\\n\""),
       "field descriptions are escaped literals");
    ok(contains(&t, "app/schemas.py", "Literal[\"a\\\"b\", \"c\\\\d\", \"{{e}}\"]"),
       "enum values are escaped literals");
    ok(contains(&t, "app/schemas.py", "default_factory=lambda: {\"k\": [1, True, None]}"),
       "mutable JSON default becomes a factory");
    ok(contains(&t, "app/schemas.py", "select: int = Field(..., ge=1, le=10)"),
       "integer bounds become ge/le");
    ok(contains(&t, "app/actions.py",
                "    if text == '{{x}}':\n        return {\"text\": 'braces'}\n"
                "    return {\"text\": text}\n"),
       "action code goes in verbatim, indented, tabs made spaces");
    ok(contains(&t, "app/actions.py", "\"\"\"Echo \\\"\\\"\\\" it\"\"\""),
       "summary docstring cannot close early");
    ok(contains(&t, "README.md", "# Tricky \"API\" \\{\\{X\\}\\}"), "README title is escaped");
    ok(contains(&t, "PROJECT_REPORT.md", "$.entities\\[1\\].name: \"Order\" is an SQL word \\*"),
       "review warnings are in the report, escaped");
    ok(contains(&t, "PROJECT_REPORT.md", "Not yet verified"), "verification: not yet");
    ok(contains(&t, "PROJECT_REPORT.md", "- planner: offline\n"), "notes are listed");
    ok(contains(
           &t, "PROJECT_REPORT.md",
           "- understood:\n  - entity Order (from \"orders\")\n  - field Order.total\\_\\*\n"),
       "a list of notes is a nested list, each item escaped, its quotes as written");
    ok(contains(&t, "PROJECT_REPORT.md", "- ignored: none\n"), "an empty list of notes says none");
    ok(contains(&t, "app/routers/orders.py",
                "raise HTTPException(status_code=422, detail=\"group_id: no such Group\")"),
       "references are checked");
    ok(contains(&t, "app/routers/orders.py", "user: models.User = Depends(current_user)"),
       "unowned entity needs a token by default when auth is on");
    ok(contains(&t, "app/routers/groups.py", "item.owner_id != owner_id") &&
           contains(&t, "app/routers/groups.py", "get_group_or_404(db, item_id, user.id)"),
       "owned entity is filtered by owner");
    ok(contains(&t, "tests/test_orders.py", "sets_null"), "on_delete set_null is tested");
    ok(contains(&t, "app/schemas.py", "payload: Any = Field(...)"),
       "a required JSON field says Field(...): pydantic 1 makes a bare Any optional");
    ok(contains(&t, "tests/factories.py", "\"contact\": email_value(n, max_length=6)"),
       "the factory's email fits its max_length");
    ok(contains(&t, "tests/test_orders.py",
                "first[\"group_id\"] = create_group(client, headers)[\"id\"]"),
       "the duplicate test of an optional unique reference gives the first row a parent");
    ok(contains(&t, "backforge.json", "\"name\": \"tricky-api\""), "backforge.json is the spec");

    /* Reproducible: the same spec gives the same bytes. */
    is_int(codegen_render(spec, report, BF_TEMPLATES_SRC, &t2, NULL), 0, "render again");
    bool same = t.n == t2.n;
    for (size_t i = 0; same && i < t.n; i++)
        same = strcmp(t.files[i].path, t2.files[i].path) == 0 &&
               t.files[i].len == t2.files[i].len &&
               memcmp(t.files[i].data, t2.files[i].data, t.files[i].len) == 0;
    ok(same, "same spec, same files");
    gen_tree_clear(&t2);

    /* The real check: Python parses every module, and the app's title and the enum values
     * read back as exactly what the spec said. */
    if (access("/usr/bin/python3", X_OK) == 0) {
        char dir[] = "/tmp/test-codegen-XXXXXX";
        ok(mkdtemp(dir) != NULL && write_tree(&t, dir) == 0, "tree written to %s", dir);
        char cmd[2048];
        snprintf(
            cmd, sizeof(cmd),
            /* The generated app refuses to start without a random SECRET_KEY. */
            "cd %s && SECRET_KEY=Qm3v8Zt1Lw0Xp5Rk9Yc2Hn7Jd4Fs6Gb1Ua8Ve3Ti0Ox "
            "/usr/bin/python3 -c 'import ast, glob, json, sys\n"
            "for p in glob.glob(\"**/*.py\", recursive=True): ast.parse(open(p).read(), p)\n"
            "import app.main, app.schemas\n"
            "spec = json.load(open(\"backforge.json\"))\n"
            "assert app.main.app.title == spec[\"title\"], app.main.app.title\n"
            "assert app.main.app.description == spec[\"description\"]\n"
            "import typing\n"
            "kind = app.schemas.GroupCreate.__fields__[\"kind\"]\n"
            "assert list(typing.get_args(kind.outer_type_)) == "
            "spec[\"entities\"][0][\"fields\"][1][\"values\"]\n"
            "assert app.schemas.GroupCreate(**{\"class\": \"x\"}).class_ == \"x\"\n"
            "field = app.schemas.GroupCreate.__fields__[\"class_\"].field_info\n"
            "assert field.description == spec[\"entities\"][0][\"fields\"][0][\"description\"]\n"
            "' && rm -rf %s",
            dir, dir);
        is_int(system(cmd), 0, "generated Python parses, imports, and round-trips the values");
    }
    gen_tree_clear(&t);

    /* Refusals. */
    problems_clear(&err);
    json_object_set_new(json_array_get(json_object_get(spec, "entities"), 0), "name",
                        json_string("bad name"));
    is_int(codegen_render(spec, report, BF_TEMPLATES_SRC, &t, &err), -EINVAL,
           "a name that is not an identifier is refused");
    ok(err.n == 1 && strcmp(err.items[0].path, "$.entities[0]") == 0, "with its path");
    json_object_set_new(json_array_get(json_object_get(spec, "entities"), 0), "name",
                        json_string("Group"));
    json_object_set_new(json_object_get(spec, "auth"), "enabled", json_false());
    is_int(codegen_render(spec, report, BF_TEMPLATES_SRC, &t, &err), -EINVAL,
           "owned entity without auth is refused");
    json_object_set_new(json_object_get(spec, "auth"), "enabled", json_true());
    json_t *order = json_array_get(json_object_get(spec, "entities"), 1);
    json_object_set_new(order, "plural", json_string("service"));
    is_int(codegen_render(spec, report, BF_TEMPLATES_SRC, &t, &err), -EINVAL,
           "a plural whose files collide with fixed ones is refused");
    json_object_set_new(order, "plural", json_string("orders"));
    is_int(codegen_render(spec, report, "/nonexistent", &t, &err), -ENOENT,
           "missing templates: -ENOENT");
    json_object_set_new(spec, "target", json_string("../etc"));
    is_int(codegen_render(spec, report, BF_TEMPLATES_SRC, &t, &err), -EINVAL,
           "a target outside the templates is refused");
    ok(t.n == 0 && t.files == NULL, "failed renders leave an empty tree");
    gen_tree_clear(NULL);

    problems_clear(&err);
    json_decref(report);
    json_decref(spec);
    return tap_done();
}
