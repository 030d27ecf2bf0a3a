/* spec/access: the defaults of the access rules and the scope of unique fields. */
#include "spec/access.h"
#include "tap.h"

static void test_defaults(void)
{
    for (int op = 0; op < ACCESS_N_OPS; op++) {
        is_int(access_default(false, false, op), ACCESS_PUBLIC, "no auth: %s public",
               access_op_name(op));
        is_int(access_default(true, false, op), ACCESS_AUTHENTICATED,
               "auth, unowned: %s authenticated", access_op_name(op));
        is_int(access_default(true, true, op),
               op == ACCESS_CREATE ? ACCESS_AUTHENTICATED : ACCESS_OWNER, "auth, owned: %s",
               access_op_name(op));
    }
}

static void test_rule_of(void)
{
    json_t *e = json_pack("{s:b, s:{s:s, s:s}}", "owned", 1, "access", "list", "public", "read",
                          "nonsense");
    is_int(access_rule_of(e, true, ACCESS_LIST), ACCESS_PUBLIC, "a given rule is read");
    is_int(access_rule_of(e, true, ACCESS_READ), ACCESS_OWNER, "an unknown word: the default");
    is_int(access_rule_of(e, true, ACCESS_DELETE), ACCESS_OWNER, "an absent op: the default");
    json_decref(e);
    enum access_rule r;
    is_int(access_rule_parse("authenticated", &r), 0, "parse authenticated");
    is_int(r, ACCESS_AUTHENTICATED, "parsed value");
    ok(access_rule_parse("Owner", &r) < 0, "words are exact");
    ok(access_rule_parse(NULL, &r) < 0, "NULL is no rule");
    is_str(access_rule_name(ACCESS_OWNER), "owner", "rule name");
}

static void test_unique_scope(void)
{
    json_t *owned = json_pack("{s:b}", "owned", 1), *open = json_pack("{s:b}", "owned", 0);
    json_t *plain = json_pack("{s:b}", "unique", 1);
    json_t *global = json_pack("{s:b, s:s}", "unique", 1, "unique_scope", "global");
    ok(!access_unique_global(owned, plain), "owned: unique per owner by default");
    ok(access_unique_global(owned, global), "owned: global when asked");
    ok(access_unique_global(open, plain), "unowned: always global");
    json_decref(owned);
    json_decref(open);
    json_decref(plain);
    json_decref(global);
}

int main(void)
{
    test_defaults();
    test_rule_of();
    test_unique_scope();
    return tap_done();
}
