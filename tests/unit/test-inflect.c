/* spec/inflect: English plurals and singulars, snake_case and PascalCase of names. */
#include "spec/inflect.h"
#include "tap.h"

#include <errno.h>

static void test_inflect(void)
{
    static const char *const cases[][2] = {
        {"task", "tasks"},    {"category", "categories"}, {"box", "boxes"},
        {"person", "people"}, {"status", "statuses"},     {"line_item", "line_items"},
        {"day", "days"},      {"address", "addresses"},   {"child", "children"},
        {"class", "classes"}, {"course", "courses"},      {"inventory", "inventory"},
        {"menu", "menus"},    {"guru", "gurus"},          {"campus", "campuses"},
        {"loaf", "loaves"},   {"calf", "calves"},         {"bread_loaf", "bread_loaves"},
    };
    char out[64];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        inflect_plural(cases[i][0], out, sizeof(out));
        is_str(out, cases[i][1], "plural of %s", cases[i][0]);
        inflect_singular(cases[i][1], out, sizeof(out));
        is_str(out, cases[i][0], "singular of %s", cases[i][1]);
    }
    inflect_snake("Due Date", out, sizeof(out));
    is_str(out, "due_date", "snake of 'Due Date'");
    inflect_snake("dueDate", out, sizeof(out));
    is_str(out, "due_date", "snake of camelCase");
    inflect_snake("HTTPServer", out, sizeof(out));
    is_str(out, "http_server", "snake of HTTPServer");
    inflect_pascal("line_item", out, sizeof(out));
    is_str(out, "LineItem", "pascal of line_item");
    char tiny[4];
    is_int(inflect_snake("abcdef", tiny, sizeof(tiny)), -ENAMETOOLONG, "too long refused");
}

int main(void)
{
    test_inflect();
    return tap_done();
}
