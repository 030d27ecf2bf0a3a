/* Offline planner: English prompt → raw BackendSpec v1, deterministically, from the
 * vocabulary (vocab.c), structural phrases and field-name type inference. Review
 * runs on its output like on any other spec; this file only guesses, and says what it guessed. */
#include "planner/planner.h"

#include "planner/lexicon.h"
#include "planner/parse.h"
#include "planner/vocab.h"
#include "spec/inflect.h"
#include "spec/types.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS      1024
#define WORD_MAX        40
#define NAME_MAX_       64
#define MAX_ENTITIES    20
#define MAX_FIELDS      24
#define VALUES_MAX      200
#define MAX_NOTES       64
#define SNIPPET_MAX     80
#define MAX_READINGS    24  /* sentences the parser reads; the rest keep the phrase rules */
/* Parsing work per prompt, counted as the sum of each parsed sentence's words squared (what a
 * parse costs grows faster than its length: a 32-word word salad takes ~150 ms of CPU, a
 * 12-word sentence ~5 ms). A count, not a clock, so that a plan never depends on the
 * machine's load; later sentences keep the phrase rules. */
#define PARSE_BUDGET 4096

enum tok_kind { T_WORD, T_COMMA, T_STOP, T_LPAREN, T_RPAREN, T_COLON };

struct tok {
    char w[WORD_MAX]; /* lowercased word */
    char s[WORD_MAX]; /* its singular */
    unsigned char kind;
    bool poss;    /* "user's" */
    bool used;    /* consumed by some rule (what is left is reported as ignored) */
    bool capital; /* written with a capital first letter */
    unsigned short off, len;
};

struct field {
    char name[NAME_MAX_];
    const char *type; /* static string */
    bool required, unique, has_min, has_max, has_default, explicit_;
    int max_length;
    long min, max;
    char def[32];
    char values[VALUES_MAX]; /* enum values, '|'-separated */
    int ref;                 /* entity index for references, -1 otherwise */
    const char *on_delete;
};

struct entity {
    char snake[NAME_MAX_];
    const struct vocab_entity *v;
    bool owned;
    bool dropped; /* the auth user */
    int nfields;
    struct field fields[MAX_FIELDS];
};

struct reading;

struct plan {
    const char *text;
    struct tok t[MAX_TOKENS];
    int nt;
    short mention[MAX_TOKENS]; /* vocab index starting here, -1 */
    short mention_end[MAX_TOKENS];
    const char *malias[MAX_TOKENS]; /* the synonym matched (names the entity), or NULL */
    bool mcompound[MAX_TOKENS];     /* "meal plans": named by all its words */
    unsigned char malen[MAX_TOKENS];
    int ne;
    struct entity e[MAX_ENTITIES];
    bool parent[MAX_ENTITIES][MAX_ENTITIES]; /* parent[child][p]: child references p */
    int subj_end; /* end of the last unknown subject phrase subject_before() found */
    bool auth, own_all;
    bool own[MAX_ENTITIES];
    json_t *understood, *guessed, *ignored;
    int nnotes;
    int nreadings;
    struct reading *readings; /* MAX_READINGS parsed sentences (read_sentences) */
};

/* ---- word sets ----------------------------------------------------------------------- */

static bool in_set(const char *w, const char *const *set)
{
    /* first byte first: most words differ there, and this runs for every token */
    for (; *set; set++)
        if ((*set)[0] == w[0] && strcmp(w, *set) == 0)
            return true;
    return false;
}

/* Grammar words: they end a noun phrase and are never entities or fields. */
static const char *const function_words[] = {
    "a",         "an",         "the",        "and",       "or",
    "of",        "for",        "to",         "in",        "on",
    "at",        "by",         "with",       "from",      "into",
    "within",    "under",      "per",        "each",      "every",
    "all",       "any",        "some",       "many",      "multiple",
    "several",   "their",      "its",        "his",       "her",
    "our",       "my",         "your",       "this",      "that",
    "these",     "those",      "which",      "who",       "whom",
    "whose",     "where",      "when",       "while",     "so",
    "as",        "be",         "is",         "are",       "was",
    "were",      "been",       "being",      "can",       "could",
    "should",    "would",      "will",       "may",       "might",
    "must",      "shall",      "do",         "does",      "did",
    "have",      "has",        "had",        "having",    "it",
    "they",      "them",       "we",         "i",         "you",
    "he",        "she",        "not",        "no",        "also",
    "plus",      "then",       "than",       "just",      "only",
    "own",       "please",     "want",       "wants",     "need",
    "needs",     "let",        "lets",       "get",       "gets",
    "make",      "makes",      "build",      "one",       "more",
    "zero",      "both",       "between",    "about",     "via",
    "using",     "use",        "uses",       "there",     "here",
    "other",     "others",     "such",       "like",      "likes",
    "very",      "too",        "up",         "out",       "if",
    "but",       "how",        "what",       "why",       "me",
    "us",        "him",        "any",        "etc",       "e.g",
    "eg",        "including",  "include",    "includes",  "contain",
    "contains",  "containing", "belong",     "belongs",   "belonging",
    "optional",  "required",   "optionally", "always",    "usually",
    "typically", "can't",      "cannot",     "dont",      "don't",
    "i'd",       "we'd",       "im",         "new",       "simple",
    "basic",     "small",      "little",     "tiny",      "big",
    "large",     "nice",       "beautiful",  "good",      "great",
    "fast",      "modern",     "clean",      "different", "various",
    "favorite",  "favourite",  "upcoming",   "private",   "personal",
    "public",    "daily",      "weekly",     "monthly",   "yearly",
    "recent",    "many",       "lot",        "lots",      "list",
    "lists",     "bunch",      "collection", "set",       "kinds",
    "types",     "numbers",    "variety",    "fleet",     "catalog",
    "catalogue", "series",     "group",      "groups",    "mine",
    "someone",   "somebody",   "anyone",     "everyone",  "everybody",
    "each",      "who's",      "whats",      "add",       "adds",
    "create",    "creates",    "write",      "writes",    "see",
    "sees",      "view",       "views",      "edit",      "edits",
    "delete",    "deletes",    "update",     "updates",   "generate",
    "allow",     "allows",     "allowing",   "support",   "supports",
    "related",   "associated", "linked",     "assigned",  "grouped",
    "organized", "organised",  "stored",     "kept",      "called",
    "named",     "current",    "based",      "sent",      "automatically",
    "later",     "first",      "last",       "next",      "previous",
    "refers",    "refer",      "references", "points",    "against",
    "managed",   NULL};

/* Nouns that name the product or its plumbing, never an entity of it (one set: only
 * membership counts; the groups are for the reader). */
static const char *const stop_nouns[] = {
    /* the product and its plumbing */
    "api", "apis", "backend", "backends", "back-end", "app", "apps", "application", "applications",
    "system", "systems", "service", "services", "platform", "platforms", "site", "sites",
    "website", "websites", "web", "tool", "tools", "server", "servers", "database", "databases",
    "db", "data", "software", "solution", "product?", "endpoint", "endpoints", "interface", "crud",
    "rest", "restful", "json", "openapi", "swagger", "docs", "documentation", "architecture",
    "microservice", "microservices", "graphql", "integration", "deployment", "code",
    /* what a product does, not what it stores */
    "way", "ways", "mode", "feature", "features", "functionality", "option", "options",
    "pagination", "search", "filtering", "sorting", "management", "tracking", "tracker", "manager",
    "planner", "logger", "registry", "shortener", "bot", "chatbot", "sharing", "streaming",
    "hosting", "ordering", "adoption", "coordination", "rental?", "support", "notification",
    "notifications",
    /* the screens and the stack around it */
    "ui", "ux", "frontend", "front-end", "dashboard", "dashboards", "mobile", "react", "vue",
    "angular", "ios", "android", "python", "fastapi", "postgres", "postgresql", "sql", "docker",
    "aws", "gcp", "azure", "heroku", "kubernetes", "test", "tests", "coverage",
    /* accounts: the generated auth owns them */
    "user", "users", "account", "accounts", "auth", "authentication", "login", "logins", "signup",
    "password", "passwords", "jwt", "token", "tokens", "admin", "admins", "administrator", "owner",
    "owners", "person", "people", "someone", "friend", "friends", "email", "emails",
    /* words too vague or too general to be a table */
    "thing", "things", "stuff", "info", "information", "detail", "details", "everything",
    "anything", "something", "hello", "world", "name", "names", "number", "numbers", "status",
    "level", "value", "values", "attribute", "attributes", "entity", "entities", "model", "models",
    "table?", "resource", "resources",
    /* units of time and measure */
    "time", "times", "day", "days", "week", "weeks", "month", "months", "year", "years", "seconds",
    "minutes", "hours", "km", "kg", "mb",
    /* kinds of product named by their initials */
    "crm", "erp", "cms", "hr", "saas", "mvp", NULL};

/* Nouns that name the product itself ("a todo API", "a bike shop"). */
static const char *const app_nouns[] = {
    "api",     "app",     "backend", "system",      "service",  "platform", "site",      "website",
    "tracker", "manager", "tool",    "application", "server",   "planner",  "shortener", "board",
    "crm",     "store",   "shop",    "logger",      "registry", "desk",     "hub",       NULL};

/* Nouns in a "with" list that describe the product, not a column. */
static const char *const non_field_nouns[] = {
    "ui",          "ux",           "dashboard",     "dashboards",     "frontend",
    "front-end",   "interface",    "auth",          "authentication", "login",
    "logins",      "signup",       "jwt",           "oauth",          "docker",
    "aws",         "gcp",          "azure",         "heroku",         "kubernetes",
    "test",        "tests",        "coverage",      "pagination",     "search",
    "filtering",   "sorting",      "api",           "apis",           "endpoint",
    "endpoints",   "docs",         "documentation", "swagger",        "openapi",
    "mode",        "feature",      "features",      "functionality",  "support",
    "backend",     "app",          "apps",          "design",         "theme",
    "caching",     "cache",        "logging",       "monitoring",     "analytics",
    "integration", "integrations", "webhooks",      "notifications",  "emails",
    "deployment",  "ci",           "graphql",       "websocket",      "websockets",
    "users",       "accounts",     "roles",         "permissions",    "everything",
    "stuff",       "things",       "tools",         "libraries",      NULL};

/* Subjects that mean the signed-in person. */
static const char *const user_words[] = {"user",    "users",  "account", "accounts",  "i",
                                         "member?", "people", "we",      "customer?", NULL};

/* Words that switch authentication on. */
static const char *const auth_words[] = {
    "user",         "users",   "login",   "logins",   "signup",         "sign-up",
    "signin",       "sign-in", "account", "accounts", "authentication", "authenticated",
    "authenticate", "auth",    "jwt",     "password", "passwords",      "oauth",
    "oauth2",       "logged",  "my",      "log-in",   "user's",         NULL};

/* Words that make every entity per-user (with auth on). */
static const char *const own_words[] = {"my",       "private", "personal", "own",
                                        "per-user", "mine",    "their",    NULL};

/* Verbs whose object list names things to keep. */
static const char *const list_verbs[] = {
    "track",    "tracks",     "tracking",  "manage",    "manages",   "managing",  "store",
    "stores",   "storing",    "organize",  "organizes", "organise",  "organises", "catalog",
    "catalogs", "catalogue",  "record",    "records",   "recording", "log",       "logs",
    "logging",  "handle",     "handles",   "schedule",  "schedules", "save",      "saves",
    "share",    "shares",     "sell",      "sells",     "selling",   "rent",      "rents",
    "browse",   "browses",    "upload",    "uploads",   "post",      "posts",     "posting",
    "submit",   "submits",    "place",     "places",    "open",      "opens",     "collect",
    "collects", "monitor",    "monitors",  "maintain",  "maintains", "publish",   "publishes",
    "invite",   "invites",    "receive",   "receives",  "give",      "gives",     "offer",
    "offers",   "host",       "hosts",     "list",      "lists",     "create",    "creates",
    "add",      "adds",       "write",     "writes",    "keep",      "keeps",     "run",
    "runs",     "enter",      "enters",    "plan",      "plans",     "book",      "books",
    "reserve",  "reserves",   "order",     "orders",    "buy",       "buys",      "follow",
    "follows",  "organizing", "managing",  "about",     "covering",  "featuring", "showing",
    "leave",    "leaves",     "report",    "reports",   "send",      "sends",     "take",
    "takes",    "complete",   "completes", "earn",      "earns",     "assign",    "assigns",
    "attach",   "attaches",   "upload",    "uploads",   "import",    "imports",   "export",
    "exports",  "sync",       "syncs",     "rate",      "rates",     NULL};

/* Verbs that relate their subject to their object list by ownership. */
static const char *const have_verbs[] = {"have",     "has",     "having",   "contain",
                                         "contains", "include", "includes", "own",
                                         "owns",     "hold",    "holds",    NULL};

/* Leading words skipped inside a list item. */
static const char *const item_skip[] = {
    "a",       "an",        "the",      "their",     "its",       "his",      "her",
    "our",     "my",        "your",     "some",      "many",      "multiple", "several",
    "any",     "all",       "each",     "every",     "one",       "or",       "more",
    "zero",    "own",       "optional", "required",  "unique",    "of",       "also",
    "various", "different", "new",      "also",      "unlimited", "daily",    "monthly",
    "weekly",  "recurring", "upcoming", "favourite", "favorite",  "personal", "private",
    "public",  "shared",    "simple",   "small",     "basic",     "two",      "three",
    "other",   "just",      "possibly", "even",      NULL};

/* Words that mean "the noun after 'of' is the real thing": "a fleet of trucks". */
static const char *const collective[] = {
    "list",    "lists",     "set",       "sets",   "collection", "collections", "fleet",
    "catalog", "catalogue", "bunch",     "lot",    "lots",       "variety",     "number",
    "kinds",   "types",     "range",     "series", "pool",       "library",     "database",
    "group",   "groups",    "inventory", "record", "records",    "history",     NULL};

/* Words after a vocabulary noun that make the pair a field name ("check-in date"). */
static const char *const field_heads[] = {
    "date",     "dates",   "time",     "times",  "name",   "names", "number",  "numbers",
    "count",    "status",  "price",    "prices", "amount", "url",   "email",   "score",
    "scores",   "rating",  "level",    "type",   "id",     "code",  "title",   "duration",
    "size",     "stage",   "flag",     "limit",  "fee",    "total", "history", "management",
    "tracking", "tracker", "booking?", NULL};

/* Words that end a field list item and mean "this is a boolean". */
static const char *const flag_words[] = {"flag", "checkbox", "toggle", "boolean", "bool", NULL};

/* "A verb B" that implies a join entity. */
struct join_verb {
    const char *verb;
    const char *entity;
};
static const struct join_verb join_verbs[] = {{"enroll", "enrollment"},
                                              {"enrolls", "enrollment"},
                                              {"enrol", "enrollment"},
                                              {"enrols", "enrollment"},
                                              {"borrow", "loan"},
                                              {"borrows", "loan"},
                                              {"book", "booking"},
                                              {"books", "booking"},
                                              {"reserve", "booking"},
                                              {"reserves", "booking"},
                                              {"subscribe", "subscription"},
                                              {"subscribes", "subscription"},
                                              {"apply", "application"},
                                              {"applies", "application"},
                                              {"applying", "application"},
                                              {"rent", "rental"},
                                              {"rents", "rental"},
                                              {"register", "registration"},
                                              {"registers", "registration"},
                                              {"review", "review"},
                                              {"reviews", "review"},
                                              {"attend", "enrollment"},
                                              {"attends", "enrollment"},
                                              {"NULL", NULL}};

/* ---- tokens -------------------------------------------------------------------------- */

static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned int cp;
        if ((c & 0xe0) == 0xc0) {
            k = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            k = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            k = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + j] & 0x3f);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

static void push_tok(struct plan *p, enum tok_kind kind, size_t off, size_t len)
{
    if (p->nt >= MAX_TOKENS)
        return;
    struct tok *t = &p->t[p->nt++];
    memset(t, 0, sizeof(*t));
    t->kind = (unsigned char)kind;
    t->off = (unsigned short)off;
    t->len = (unsigned short)len;
}

static void tokenize(struct plan *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && p->nt < MAX_TOKENS) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c == '_') {
            size_t st = i;
            while (i < n) {
                unsigned char d = (unsigned char)s[i];
                bool inner = (d == '-' || d == '\'' || d == '.') && i + 1 < n &&
                             isalnum((unsigned char)s[i + 1]) && i > st;
                /* "e.g" and "1.5" keep their dot; "posts.Users" does not */
                if (d == '.' && inner && !isdigit((unsigned char)s[i + 1]) &&
                    !(i >= st + 1 && i - st == 1))
                    inner = false;
                if (!(isalnum(d) || d == '_' || inner))
                    break;
                i++;
            }
            size_t len = i - st;
            bool poss = false;
            if (i < n && s[i] == '\'' && len > 1 && s[i - 1] == 's') { /* users' */
                poss = true;
                i++;
            }
            push_tok(p, T_WORD, st, len);
            if (p->nt == 0)
                break;
            struct tok *t = &p->t[p->nt - 1];
            t->capital = isupper((unsigned char)s[st]);
            size_t k = 0;
            for (size_t j = 0; j < len && k + 1 < WORD_MAX; j++)
                t->w[k++] = (char)tolower((unsigned char)s[st + j]);
            t->w[k] = '\0';
            if (len >= WORD_MAX)
                t->w[0] = '\0'; /* too long to be a word we know */
            if (k > 2 && strcmp(t->w + k - 2, "'s") == 0) {
                t->w[k - 2] = '\0';
                poss = true;
            }
            t->poss = poss;
            if (inflect_singular(t->w, t->s, sizeof(t->s)) < 0)
                memcpy(t->s, t->w, sizeof(t->s));
            continue;
        }
        size_t st = i++;
        switch (c) {
        case ',':
        case '-':
            push_tok(p, T_COMMA, st, 1);
            break;
        case '.':
        case ';':
        case '!':
        case '?':
        case '\n':
            push_tok(p, T_STOP, st, 1);
            break;
        case '(':
        case '[':
            push_tok(p, T_LPAREN, st, 1);
            break;
        case ')':
        case ']':
            push_tok(p, T_RPAREN, st, 1);
            break;
        case ':':
            push_tok(p, T_COLON, st, 1);
            break;
        case '&':
        case '/':
        case '+':
            push_tok(p, T_WORD, st, 1);
            if (p->nt > 0) {
                struct tok *t = &p->t[p->nt - 1];
                snprintf(t->w, sizeof(t->w), "%s", c == '/' ? "or" : "and");
                memcpy(t->s, t->w, sizeof(t->s));
            }
            break;
        default:
            break; /* spaces, quotes and non-ASCII letters separate words */
        }
    }
}

static bool is_word(const struct plan *p, int i, const char *w)
{
    return i >= 0 && i < p->nt && p->t[i].kind == T_WORD && strcmp(p->t[i].w, w) == 0;
}

static bool word_in(const struct plan *p, int i, const char *const *set)
{
    return i >= 0 && i < p->nt && p->t[i].kind == T_WORD && in_set(p->t[i].w, set);
}

static bool is_plural(const struct tok *t)
{
    return strcmp(t->w, t->s) != 0;
}

static bool is_number(const char *w)
{
    if (!*w)
        return false;
    for (; *w; w++)
        if (!isdigit((unsigned char)*w) && *w != '.')
            return false;
    return true;
}

/* Content word: may be part of a noun phrase. */
static bool is_content(const struct plan *p, int i)
{
    if (i < 0 || i >= p->nt || p->t[i].kind != T_WORD || !p->t[i].w[0])
        return false;
    return !in_set(p->t[i].w, function_words);
}

static void mark_used(struct plan *p, int a, int b)
{
    for (int j = a; j < b && j < p->nt; j++)
        p->t[j].used = true;
}

/* Original text of tokens [a, b), shortened to a note-sized snippet. */
static void snippet(const struct plan *p, int a, int b, char *out, size_t size)
{
    if (a < 0)
        a = 0;
    if (b > p->nt)
        b = p->nt;
    if (a >= b) {
        snprintf(out, size, "%s", "");
        return;
    }
    size_t st = p->t[a].off;
    size_t en = (size_t)p->t[b - 1].off + p->t[b - 1].len;
    for (int i = b - 1; i > a && en - st > SNIPPET_MAX; i--)
        en = (size_t)p->t[i - 1].off + p->t[i - 1].len;
    if (en - st > SNIPPET_MAX)
        en = st + SNIPPET_MAX;
    size_t k = 0;
    for (size_t i = st; i < en && k + 1 < size; i++) {
        unsigned char c = (unsigned char)p->text[i];
        out[k++] = (c == '\n' || c == '\t' || c == '\r') ? ' ' : (char)c;
    }
    /* never cut a UTF-8 sequence in half */
    while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80)
        k--;
    if (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0xc0)
        k--;
    out[k] = '\0';
}

static void note(struct plan *p, json_t *list, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(struct plan *p, json_t *list, const char *fmt, ...)
{
    if (p->nnotes >= MAX_NOTES)
        return;
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* the same sentence twice says nothing new */
    size_t idx;
    json_t *v;
    json_array_foreach(list, idx, v)
    {
        if (strcmp(json_string_value(v), msg) == 0)
            return;
    }
    json_t *s = json_string(msg);
    if (s && json_array_append_new(list, s) == 0)
        p->nnotes++;
}

/* ---- vocabulary matching ------------------------------------------------------------- */

/* Words that are verbs or grammar as often as nouns: a vocabulary match needs a plural
 * form or a determiner in front ("an order", "orders", but not "in order to"). */
static const char *const ambiguous[] = {
    "like",        "follow",       "order",   "book",    "store",       "shop",         "bill",
    "visit",       "reply",        "log",     "answer",  "response",    "plan",         "post",
    "comment",     "review",       "message", "note",    "tag",         "vote",         "reaction",
    "delivery",    "package",      "lead",    "deal",    "ride",        "journey",      "purchase",
    "listing",     "house",        "issue",   "match",   "record",      "chat",         "thread",
    "application", "registration", "track",   "rental",  "check",       "shift",        "alert",
    "event",       "project",      "plan",    "reading", "measurement", "sensor",       "file",
    "doc",         "story",        "clip",    "show",    "grade",       "subscription", "booking",
    "reservation", "transaction",  "survey",  "team",    NULL};

/* Second words that do not make a compound: "task list" is not a kind of list. */
static const char *const ambiguous_heads[] = {"like",   "likes",   "follow", "follows",
                                              "track",  "tracks",  "log",    "logs",
                                              "record", "records", NULL};

static const char *const determiners[] = {
    "a",   "an", "the",  "each", "every", "one",     "per", "its", "their",  "his", "her",
    "our", "my", "your", "this", "that",  "another", "any", "new", "single", NULL};

/* Matches alias phrase `ph` (space-separated, singular) at token i; returns the number of
 * tokens matched or 0. Only the last word may be plural. */
static int match_phrase(const struct plan *p, int i, const char *ph, size_t phlen)
{
    int k = 0;
    size_t pos = 0;
    while (pos < phlen) {
        size_t e = pos;
        while (e < phlen && ph[e] != ' ' && ph[e] != '_')
            e++;
        int ti = i + k;
        if (ti >= p->nt || p->t[ti].kind != T_WORD)
            return 0;
        const struct tok *t = &p->t[ti];
        if (t->w[0] != ph[pos])
            return 0;
        bool last = e >= phlen;
        size_t wl = e - pos;
        bool eq = strlen(t->w) == wl && memcmp(t->w, ph + pos, wl) == 0;
        if (!eq && last)
            eq = strlen(t->s) == wl && memcmp(t->s, ph + pos, wl) == 0;
        if (!eq && !last) /* "hotel rooms" is not "hotel room" */
            return 0;
        if (!eq)
            return 0;
        k++;
        pos = e + 1;
    }
    return k;
}

/* Every vocabulary phrase (names and aliases), bucketed by first letter: built once, then
 * read-only, so each token costs a look at a few phrases instead of the whole table. */
struct phrase {
    const char *text;
    unsigned short len;
    unsigned short vocab;
    bool named; /* a synonym that names its entity (not the canonical name or a variant) */
};

#define MAX_PHRASES 1024
static struct phrase phrases[MAX_PHRASES];
static unsigned short bucket_start[27], bucket_len[27];
static pthread_once_t phrases_once = PTHREAD_ONCE_INIT;

static int bucket_of(char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static void phrases_build(void)
{
    static struct phrase all[MAX_PHRASES];
    size_t n = 0;
    for (size_t v = 0; v < vocab_n_entities && n < MAX_PHRASES; v++) {
        const struct vocab_entity *ve = &vocab_entities[v];
        all[n++] =
            (struct phrase){ve->name, (unsigned short)strlen(ve->name), (unsigned short)v, false};
        const char *a = ve->aliases;
        while (a && *a && n < MAX_PHRASES) {
            const char *bar = strchr(a, '|');
            size_t al = bar ? (size_t)(bar - a) : strlen(a);
            bool variant = *a == '=';
            if (al > (size_t)variant)
                all[n++] = (struct phrase){variant ? a + 1 : a, (unsigned short)(al - variant),
                                           (unsigned short)v, !variant};
            a = bar ? bar + 1 : NULL;
        }
    }
    /* a stable counting sort by bucket keeps the table's order inside each bucket */
    size_t k = 0;
    for (int b = 0; b < 27; b++) {
        bucket_start[b] = (unsigned short)k;
        for (size_t i = 0; i < n; i++)
            if (bucket_of(all[i].text[0]) == b)
                phrases[k++] = all[i];
        bucket_len[b] = (unsigned short)(k - bucket_start[b]);
    }
}

/* The longest vocabulary phrase at token i: returns the vocab index and sets *len, and
 * alias and alen to the synonym matched when it should name the entity ("clients" → Client
 * with the customer's fields); spelling variants ('=' in the table) keep the canonical name. */
static int vocab_at(const struct plan *p, int i, int *len, const char **alias, size_t *alen)
{
    int best = -1, best_len = 0;
    *alias = NULL;
    *alen = 0;
    pthread_once(&phrases_once, phrases_build);
    int b = bucket_of(p->t[i].w[0]);
    for (size_t k = bucket_start[b]; k < (size_t)bucket_start[b] + bucket_len[b]; k++) {
        const struct phrase *ph = &phrases[k];
        int n = match_phrase(p, i, ph->text, ph->len);
        if (n > best_len) {
            best = ph->vocab;
            best_len = n;
            *alias = ph->named ? ph->text : NULL;
            *alen = ph->named ? ph->len : 0;
        }
    }
    *len = best_len;
    return best;
}

static void find_mentions(struct plan *p)
{
    for (int i = 0; i < p->nt; i++) {
        p->mention[i] = -1;
        p->mention_end[i] = 0;
    }
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        int len;
        const char *alias;
        size_t alen;
        int v = vocab_at(p, i, &len, &alias, &alen);
        if (v < 0)
            continue;
        int last = i + len - 1;
        const struct tok *lt = &p->t[last];
        /* "check-in date", "order status": a field name, not the thing itself */
        if (word_in(p, last + 1, field_heads) && !p->t[last].poss)
            continue;
        if (len == 1 && in_set(lt->w, ambiguous) && !is_plural(lt) &&
            !word_in(p, i - 1, determiners))
            continue;
        /* "an inventory of chemicals", "a library of books": a container, not the thing */
        if (len == 1 && in_set(lt->w, collective) && is_word(p, i + 1, "of"))
            continue;
        /* an adjective in front of a plural verb form: "the user books a room" is rare
         * enough; "books" stays a noun */
        p->mention[i] = (short)v;
        p->mention_end[i] = (short)(i + len);
        p->malias[i] = alias;
        p->malen[i] = (unsigned char)(alen < 255 ? alen : 0);
        p->mcompound[i] = false;
        /* "meal plans", "purchase orders": a singular vocabulary word in front of another
         * names a kind of the second one */
        int len2;
        const char *alias2;
        size_t alen2;
        if (len == 1 && !is_plural(lt) && !lt->poss && i + 1 < p->nt &&
            p->t[i + 1].kind == T_WORD && !word_in(p, i + 1, field_heads)) {
            int v2 = vocab_at(p, i + 1, &len2, &alias2, &alen2);
            /* but "movie reviews", "hotel rooms": a thing of its own in front is the
             * parent, not a kind (only synonyms like "meal", "purchase" qualify) */
            if (v2 >= 0 && len2 == 1 && alias && v2 != v && !word_in(p, i + 2, field_heads) &&
                !in_set(p->t[i + 1].w, ambiguous_heads)) {
                p->mention[i] = (short)v2;
                p->mention_end[i] = (short)(i + 2);
                p->mcompound[i] = true;
                len = 2;
            }
        }
        i += len - 1;
    }
}

/* ---- entities and fields ------------------------------------------------------------- */

static int entity_find(const struct plan *p, const char *snake)
{
    for (int k = 0; k < p->ne; k++)
        if (strcmp(p->e[k].snake, snake) == 0)
            return k;
    return -1;
}

/* The entity planned from vocabulary entry `name` (under whatever synonym), or -1. */
static int entity_by_vocab(const struct plan *p, const char *name)
{
    for (int k = 0; k < p->ne; k++)
        if ((p->e[k].v && strcmp(p->e[k].v->name, name) == 0) || strcmp(p->e[k].snake, name) == 0)
            return k;
    return -1;
}

static const char *pascal(const char *snake, char *out, size_t size)
{
    if (inflect_pascal(snake, out, size) < 0)
        snprintf(out, size, "%s", "Item");
    return out;
}

static int field_find(const struct entity *e, const char *name)
{
    for (int k = 0; k < e->nfields; k++)
        if (strcmp(e->fields[k].name, name) == 0)
            return k;
    return -1;
}

/* Names the generated code or SQL already uses, or Python builtins: prefixed with the
 * entity's own name so that review has nothing to refuse ("type" → "vehicle_type"). */
static const char *const risky_names[] = {"type",         "class",
                                          "from",         "import",
                                          "global",       "pass",
                                          "return",       "def",
                                          "lambda",       "in",
                                          "is",           "not",
                                          "and",          "or",
                                          "list",         "dict",
                                          "str",          "int",
                                          "float",        "bool",
                                          "hash",         "format",
                                          "object",       "property",
                                          "range",        "set",
                                          "filter",       "map",
                                          "min",          "max",
                                          "sum",          "len",
                                          "input",        "open",
                                          "print",        "next",
                                          "iter",         "all",
                                          "any",          "order",
                                          "user",         "group",
                                          "select",       "table",
                                          "where",        "limit",
                                          "offset",       "sort",
                                          "default",      "date",
                                          "time",         "id",
                                          "with",         "as",
                                          "if",           "else",
                                          "for",          "while",
                                          "try",          "except",
                                          "raise",        "yield",
                                          "async",        "await",
                                          "none",         "true",
                                          "false",        "self",
                                          "match",        "case",
                                          "key",          "check",
                                          "column",       "index",
                                          "primary",      "foreign",
                                          "references",   "unique",
                                          "session",      "query",
                                          "created_at",   "updated_at",
                                          "owner_id",     "owner",
                                          "password",     "hashed_password",
                                          "email?",       "values",
                                          "json",         "schema",
                                          "model",        "metadata",
                                          "file",         "exec",
                                          "eval",         "vars",
                                          "type_",        "desc",
                                          "asc",          "user_id",
                                          "role?",        "grant",
                                          "to",           "of",
                                          "by",           "on",
                                          "at",           "end",
                                          "start?",       "number?",
                                          "position?",    "value?",
                                          "level?",       "name?",
                                          "construct",    "copy",
                                          "current_user", "db",
                                          "dict",         "fields",
                                          "from_orm",     "parse_file",
                                          "parse_obj",    "parse_raw",
                                          "query_class",  "registry",
                                          "schema_json",  "update_forward_refs",
                                          "validate",     NULL};

static void safe_field_name(const struct entity *e, const char *in, char *out, size_t size)
{
    char s[NAME_MAX_];
    if (inflect_snake(in, s, sizeof(s)) < 0 || !s[0]) {
        snprintf(out, size, "%s", "");
        return;
    }
    if (isdigit((unsigned char)s[0]) || in_set(s, risky_names)) {
        char tmp[NAME_MAX_ * 2];
        snprintf(tmp, sizeof(tmp), "%s_%s", e->snake, s);
        if (strlen(tmp) >= size || strlen(tmp) > 60)
            snprintf(out, size, "%s", "");
        else
            snprintf(out, size, "%s", tmp);
        return;
    }
    if (strlen(s) > 60)
        s[60] = '\0';
    snprintf(out, size, "%s", s);
}

static bool has_part(const char *name, const char *part)
{
    size_t n = strlen(name), m = strlen(part);
    const char *h = name;
    while ((h = strstr(h, part))) {
        bool left = h == name || h[-1] == '_';
        bool right = (size_t)(h - name) + m == n || h[m] == '_';
        if (left && right)
            return true;
        h++;
    }
    return false;
}

static bool ends_part(const char *name, const char *part)
{
    size_t n = strlen(name), m = strlen(part);
    return n >= m && strcmp(name + n - m, part) == 0 && (n == m || name[n - m - 1] == '_');
}

static bool any_part(const char *name, const char *const *parts)
{
    for (; *parts; parts++)
        if (has_part(name, *parts))
            return true;
    return false;
}

/* Type inference from a field name (snake_case); fills type and the natural constraints. */
static void infer_type(struct field *f)
{
    static const char *const money[] = {
        "price",   "amount",   "cost", "total",    "salary",  "balance", "fee",  "budget",
        "revenue", "subtotal", "tax",  "discount", "payment", "income",  "wage", NULL};
    static const char *const counts[] = {
        "count",    "quantity", "qty",      "stock",   "age",    "pages", "capacity", "seats",
        "servings", "calories", "minutes",  "seconds", "hours",  "days",  "bedrooms", "bathrooms",
        "floor",    "year",     "duration", "views",   "clicks", "votes", "points",   "credits",
        "likes",    "attempts", "retries",  "copies",  "guests", "size",  "stars",    NULL};
    static const char *const floats[] = {
        "latitude", "longitude", "lat",        "lng",     "lon",         "weight",   "height",
        "width",    "length",    "percentage", "percent", "temperature", "humidity", "distance",
        "km",       "miles",     "level",      "ratio",   "speed",       "kg",       "grams",
        "meters",   "pounds",    "lbs",        "cm",      NULL};
    static const char *const bools[] = {
        "done",      "completed", "complete",   "active",   "published", "archived",  "paid",
        "verified",  "available", "enabled",    "featured", "pinned",    "read",      "visible",
        "public",    "remote",    "subscribed", "approved", "confirmed", "cancelled", "canceled",
        "adopted",   "finished",  "resolved",   "deleted",  "hidden",    "locked",    "favorite",
        "favourite", "starred",   "vegetarian", "vegan",    "online",    "open",      "closed",
        "returned",  "delivered", "shipped",    "sold",     "urgent",    "private",   "checked",
        "approved",  NULL};
    static const char *const texts[] = {
        "description", "notes",        "note",     "body",         "content",    "bio",
        "summary",     "text",         "details",  "instructions", "message",    "comment",
        "comments",    "remarks",      "review",   "abstract",     "transcript", "lyrics",
        "biography",   "cover_letter", "feedback", "answer",       NULL};
    static const char *const enums[] = {
        "status",   "priority", "kind",       "level",     "role", "state",      "stage",
        "severity", "category", "visibility", "frequency", "tier", "difficulty", NULL};
    const char *n = f->name;
    f->type = "string";
    if (strcmp(n, "email") == 0 || ends_part(n, "email"))
        f->type = "email";
    else if (any_part(n, (const char *const[]){"url", "website", "link", "homepage", "photo",
                                               "image", "avatar", "picture", "logo", NULL}))
        f->type = "url";
    else if (ends_part(n, "at") || ends_part(n, "timestamp") || ends_part(n, "datetime") ||
             strcmp(n, "time") == 0 || ends_part(n, "time"))
        f->type = "datetime";
    else if (ends_part(n, "date") || ends_part(n, "on") || ends_part(n, "deadline") ||
             ends_part(n, "due") || ends_part(n, "birthday") || ends_part(n, "dob") ||
             has_part(n, "date") || strcmp(n, "deadline") == 0)
        f->type = "date";
    else if (any_part(n, (const char *const[]){"uuid", "guid", NULL}))
        f->type = "uuid";
    else if (any_part(n, (const char *const[]){"phone", "mobile", "fax", "telephone", NULL})) {
        f->type = "string";
        f->max_length = 32;
    } else if (any_part(n, (const char *const[]){"zip", "postcode", "postal", NULL})) {
        f->type = "string";
        f->max_length = 20;
    } else if (strncmp(n, "is_", 3) == 0 || strncmp(n, "has_", 4) == 0 ||
               strncmp(n, "can_", 4) == 0 || in_set(n, bools)) {
        f->type = "boolean";
        f->has_default = true;
        snprintf(f->def, sizeof(f->def), "false");
    } else if (any_part(n, (const char *const[]){"rating", "score", NULL})) {
        f->type = "integer";
        f->has_min = true;
        f->min = 0;
    } else if (any_part(n, money) && !ends_part(n, "range") && !ends_part(n, "currency")) {
        f->type = "decimal";
        if (!has_part(n, "balance")) {
            f->has_min = true;
            f->min = 0;
        }
    } else if (strncmp(n, "number_of_", 10) == 0 || strncmp(n, "num_", 4) == 0 ||
               any_part(n, counts)) {
        f->type = "integer";
        f->has_min = true;
        f->min = 0;
    } else if (any_part(n, floats)) {
        f->type = "float";
    } else if (in_set(n, texts) || ends_part(n, "description") || ends_part(n, "notes")) {
        f->type = "text";
    } else if (any_part(n, (const char *const[]){"metadata", "settings", "payload", "config",
                                                 "preferences", "json", NULL})) {
        f->type = "json";
    } else if (strcmp(n, "priority") == 0) {
        f->type = "enum";
        snprintf(f->values, sizeof(f->values), "low|medium|high");
        f->has_default = true;
        snprintf(f->def, sizeof(f->def), "medium");
    } else if (in_set(n, enums)) {
        f->type = "string";
        f->max_length = 50;
    } else if (strcmp(n, "name") == 0 || strcmp(n, "title") == 0) {
        f->required = true;
        f->max_length = 200;
    }
    if (strcmp(f->type, "string") == 0 && !f->max_length)
        f->max_length = 255;
}

/* Adds or refines field `name` of entity k. Returns the field or NULL when full/invalid. */
static struct field *field_add(struct plan *p, int k, const char *raw, bool explicit_)
{
    struct entity *e = &p->e[k];
    char name[NAME_MAX_];
    if (inflect_snake(raw, name, sizeof(name)) == 0 &&
        in_set(name, (const char *const[]){"id", "created_at", "updated_at", "owner_id", NULL})) {
        char en[NAME_MAX_];
        note(p, p->understood, "%s.%s is implicit: every entity has id, created_at, updated_at",
             pascal(e->snake, en, sizeof(en)), name);
        return NULL;
    }
    safe_field_name(e, raw, name, sizeof(name));
    if (!name[0])
        return NULL;
    int fi = field_find(e, name);
    if (fi >= 0) {
        e->fields[fi].explicit_ |= explicit_;
        return &e->fields[fi];
    }
    if (e->nfields >= MAX_FIELDS)
        return NULL;
    struct field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", name);
    f->ref = -1;
    f->explicit_ = explicit_;
    infer_type(f);
    return f;
}

/* Reads the vocabulary mini-language (see vocab.h) into entity k's fields. */
static void fields_from_vocab(struct plan *p, int k, const char *spec)
{
    const char *s = spec;
    while (s && *s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *end = strchr(s, ' ');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char item[VALUES_MAX + 64];
        snprintf(item, sizeof(item), "%.*s", (int)len, s);
        s += len;
        char *colon = strchr(item, ':');
        if (!colon)
            continue;
        *colon = '\0';
        struct entity *e = &p->e[k];
        if (e->nfields >= MAX_FIELDS || field_find(e, item) >= 0 ||
            (size_t)(colon - item) >= sizeof(e->fields[0].name))
            continue;
        struct field *f = &e->fields[e->nfields++];
        memset(f, 0, sizeof(*f));
        memcpy(f->name, item, (size_t)(colon - item) + 1);
        f->ref = -1;
        char *c = colon + 1;
        f->type = "string";
        /* Every spec type but reference, which needs an entity the vocabulary supplies. */
        for (int t = 0; t < SPEC_REFERENCE; t++) {
            const char *name = spec_type_name((enum spec_type)t);
            size_t tl = strlen(name);
            if (strncmp(c, name, tl) == 0 && !isalpha((unsigned char)c[tl])) {
                f->type = name;
                c += tl;
                break;
            }
        }
        while (*c) {
            if (*c == '!') {
                f->required = true;
                c++;
            } else if (*c == '^') {
                f->unique = true;
                c++;
            } else if (*c == '*') {
                f->max_length = (int)strtol(c + 1, &c, 10);
            } else if (*c == '>') {
                f->has_min = true;
                f->min = strtol(c + 1, &c, 10);
            } else if (*c == '(') {
                char *close = strchr(c, ')');
                if (!close)
                    break;
                snprintf(f->values, sizeof(f->values), "%.*s", (int)(close - c - 1), c + 1);
                c = close + 1;
            } else if (*c == '=') {
                f->has_default = true;
                snprintf(f->def, sizeof(f->def), "%s", c + 1);
                break;
            } else {
                c++;
            }
        }
        /* the vocabulary's ">1" means "at least 1": min values are written as is */
        if (strcmp(f->type, "string") == 0 && !f->max_length)
            f->max_length = 255;
    }
}

/* Adds (or finds) an entity; `v` may be NULL for a noun outside the vocabulary. */
static int entity_add(struct plan *p, const char *snake, const struct vocab_entity *v, int a,
                      int b)
{
    int k = entity_find(p, snake);
    if (k >= 0)
        return k;
    if (p->ne >= MAX_ENTITIES || !snake[0] || strlen(snake) > 48) {
        char from[SNIPPET_MAX + 8];
        snippet(p, a, b, from, sizeof(from));
        if (p->ne >= MAX_ENTITIES)
            note(p, p->ignored, "\"%s\": more than %d entities; the rest need an LLM", from,
                 MAX_ENTITIES);
        return -1;
    }
    k = p->ne++;
    struct entity *e = &p->e[k];
    memset(e, 0, sizeof(*e));
    snprintf(e->snake, sizeof(e->snake), "%s", snake);
    e->v = v;
    if (v)
        fields_from_vocab(p, k, v->fields);
    else {
        struct field *f = field_add(p, k, "name", false);
        if (f) {
            f->required = true;
            f->max_length = 200;
        }
    }
    char name[NAME_MAX_], from[SNIPPET_MAX + 8];
    snippet(p, a, b, from, sizeof(from));
    note(p, p->understood, "entity %s (from \"%s\")%s", pascal(snake, name, sizeof(name)), from,
         v ? "" : " with a name field: not in the vocabulary");
    return k;
}

/* The entity named by the mention at token i (creating it), or -1. */
static int entity_from_mention(struct plan *p, int i)
{
    if (i < 0 || i >= p->nt || p->mention[i] < 0)
        return -1;
    const struct vocab_entity *v = &vocab_entities[p->mention[i]];
    char snake[NAME_MAX_];
    if (p->mcompound[i]) {
        char phrase[WORD_MAX * 2 + 2];
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[i].w, p->t[i + 1].s);
        if (inflect_snake(phrase, snake, sizeof(snake)) < 0)
            snprintf(snake, sizeof(snake), "%s", v->name);
        int k = entity_find(p, snake);
        if (k < 0)
            k = entity_add(p, snake, v, i, p->mention_end[i]);
        mark_used(p, i, p->mention_end[i]);
        return k;
    }
    /* "stations" after "weather station", "bugs" after "issues": one concept, one table */
    int same = entity_by_vocab(p, v->name);
    if (same >= 0) {
        for (int j = i; j < p->mention_end[i]; j++)
            p->t[j].used = true;
        return same;
    }
    if (p->malias[i] && p->malen[i] && p->malen[i] < sizeof(snake)) {
        char phrase[NAME_MAX_];
        snprintf(phrase, sizeof(phrase), "%.*s", (int)p->malen[i], p->malias[i]);
        if (inflect_snake(phrase, snake, sizeof(snake)) < 0)
            snprintf(snake, sizeof(snake), "%s", v->name);
    } else {
        snprintf(snake, sizeof(snake), "%s", v->name);
    }
    int k = entity_add(p, snake, v, i, p->mention_end[i]);
    for (int j = i; j < p->mention_end[i]; j++)
        p->t[j].used = true;
    return k;
}

/* Entity from the noun phrase [a, b) outside the vocabulary, when its head word is a
 * plural noun (or `force`, for structural phrases like "belongs to a greenhouse"). */
static int entity_from_unknown(struct plan *p, int a, int b, bool force)
{
    if (b <= a)
        return -1;
    const struct tok *h = &p->t[b - 1];
    if (h->kind != T_WORD || !h->w[0] || is_number(h->w) || in_set(h->w, stop_nouns) ||
        in_set(h->s, stop_nouns) || in_set(h->w, user_words) || in_set(h->w, function_words))
        return -1;
    if (!force && !is_plural(h))
        return -1;
    /* at most two words: "board games" → board_game */
    int st = b - 1;
    if (b - 2 >= a && is_content(p, b - 2) && !in_set(p->t[b - 2].w, stop_nouns) &&
        !is_number(p->t[b - 2].w) && p->mention[b - 2] < 0)
        st = b - 2;
    char phrase[WORD_MAX * 2 + 2];
    if (st == b - 2)
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[st].w, h->s);
    else
        snprintf(phrase, sizeof(phrase), "%s", h->s);
    char snake[NAME_MAX_];
    if (inflect_snake(phrase, snake, sizeof(snake)) < 0 || !snake[0] ||
        !isalpha((unsigned char)snake[0]))
        return -1;
    const struct vocab_entity *v = NULL;
    for (size_t q = 0; q < vocab_n_entities && !v; q++)
        if (strcmp(vocab_entities[q].name, snake) == 0)
            v = &vocab_entities[q];
    int k = entity_add(p, snake, v, st, b);
    if (k >= 0)
        for (int j = st; j < b; j++)
            p->t[j].used = true;
    return k;
}

/* Would p become its own ancestor if child referenced it? */
static bool reaches(const struct plan *p, int from, int to, int depth)
{
    if (from == to)
        return true;
    if (depth > MAX_ENTITIES)
        return false;
    for (int k = 0; k < p->ne; k++)
        if (p->parent[from][k] && reaches(p, k, to, depth + 1))
            return true;
    return false;
}

static void relate(struct plan *p, int child, int parent, const char *on_delete, int a, int b)
{
    if (child < 0 || parent < 0 || child == parent || p->parent[child][parent] ||
        reaches(p, parent, child, 0))
        return;
    char fname[NAME_MAX_ + 4];
    snprintf(fname, sizeof(fname), "%s_id", p->e[parent].snake);
    struct entity *e = &p->e[child];
    if (field_find(e, fname) >= 0 || e->nfields >= MAX_FIELDS || strlen(fname) > 60)
        return;
    struct field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", fname);
    f->type = "reference";
    f->ref = parent;
    f->on_delete = on_delete;
    f->required = strcmp(on_delete, "set_null") != 0;
    p->parent[child][parent] = true;
    char cn[NAME_MAX_], pn[NAME_MAX_], from[SNIPPET_MAX + 8];
    if (a >= 0) {
        snippet(p, a, b, from, sizeof(from));
        note(p, p->understood, "%s belongs to %s: %s.%s, on delete %s (from \"%s\")",
             pascal(e->snake, cn, sizeof(cn)), pascal(p->e[parent].snake, pn, sizeof(pn)),
             pascal(e->snake, cn, sizeof(cn)), fname, on_delete, from);
    } else {
        note(p, p->understood, "%s belongs to %s: %s.%s, on delete %s (usual for these two)",
             pascal(e->snake, cn, sizeof(cn)), pascal(p->e[parent].snake, pn, sizeof(pn)),
             pascal(e->snake, cn, sizeof(cn)), fname, on_delete);
    }
}

/* "employees have a manager": entity k refers to another row of itself, optionally. */
static void self_reference(struct plan *p, int k, const char *word, int a, int b)
{
    char fname[NAME_MAX_], raw[WORD_MAX + 4];
    snprintf(raw, sizeof(raw), "%s_id", word);
    struct entity *e = &p->e[k];
    if (inflect_snake(raw, fname, sizeof(fname)) < 0 || field_find(e, fname) >= 0)
        return;
    /* the phrase rules read "a manager" as a text column: the reference replaces it */
    int old = field_find(e, word);
    if (old >= 0 && strcmp(e->fields[old].type, "string") == 0) {
        memmove(&e->fields[old], &e->fields[old + 1],
                (size_t)(e->nfields - old - 1) * sizeof(e->fields[0]));
        e->nfields--;
    }
    if (e->nfields >= MAX_FIELDS)
        return;
    struct field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", fname);
    f->type = "reference";
    f->ref = k;
    f->on_delete = "set_null"; /* the first row has none: optional */
    char n[NAME_MAX_], from[SNIPPET_MAX + 8];
    snippet(p, a, b, from, sizeof(from));
    note(p, p->understood, "%s.%s refers to another %s, optional (from \"%s\")",
         pascal(e->snake, n, sizeof(n)), fname, n, from);
}

/* "playlists of tracks": a list of many things that are each in many lists is a join
 * entity with a reference to both. */
static void join_entity(struct plan *p, int x, int y, int a, int b)
{
    char snake[NAME_MAX_ * 2 + 2];
    snprintf(snake, sizeof(snake), "%s_%s", p->e[x].snake, p->e[y].snake);
    if (strlen(snake) > 48)
        return;
    int k = entity_find(p, snake);
    if (k < 0) {
        k = entity_add(p, snake, NULL, a, b);
        if (k < 0)
            return;
        p->e[k].nfields = 0; /* only the two references */
        char n[NAME_MAX_], xn[NAME_MAX_], yn[NAME_MAX_];
        note(p, p->understood, "%s joins %s and %s: each can have many of the other",
             pascal(snake, n, sizeof(n)), pascal(p->e[x].snake, xn, sizeof(xn)),
             pascal(p->e[y].snake, yn, sizeof(yn)));
    }
    relate(p, k, x, "cascade", a, b);
    relate(p, k, y, "cascade", a, b);
}

/* ---- phrases ------------------------------------------------------------------------- */

/* What a list item turned out to be. */
struct item {
    int a, b;      /* tokens of the noun phrase (after skipped words) */
    int entity;    /* entity index, or -1 */
    bool user;     /* "users", "a user" */
    bool singular; /* a singular head with an article: "an author" */
    bool article;
};

static int skip_words(const struct plan *p, int i, int end, const char *const *set)
{
    while (i < end && word_in(p, i, set))
        i++;
    return i;
}

/* Parses a noun phrase at i; sets it->a/b to the content run. Returns the next index. */
static int noun_phrase(struct plan *p, int i, int end, struct item *it)
{
    memset(it, 0, sizeof(*it));
    it->entity = -1;
    int st = i;
    i = skip_words(p, i, end, item_skip);
    it->article = i > st && word_in(p, i - 1, determiners);
    if (word_in(p, i, (const char *const[]){"a", "an", NULL}))
        it->article = true;
    /* "a fleet of trucks", "a list of tasks" */
    if (word_in(p, i, collective) && is_word(p, i + 1, "of")) {
        p->t[i].used = p->t[i + 1].used = true;
        i = skip_words(p, i + 2, end, item_skip);
    }
    it->a = i;
    while (i < end && p->t[i].kind == T_WORD && (is_content(p, i) || p->mention[i] >= 0)) {
        if (p->mention[i] >= 0) {
            int me = p->mention_end[i];
            /* a mention ends the phrase: "hotel rooms" names rooms */
            i = me;
            break;
        }
        if (i > it->a && (word_in(p, i, list_verbs) || word_in(p, i, have_verbs)) && i + 1 < end &&
            p->t[i + 1].kind == T_WORD && !is_word(p, i + 1, "and") && !is_word(p, i + 1, "or"))
            break;
        i++;
    }
    it->b = i;
    return i;
}

/* Turns a parsed phrase into an entity (vocabulary or, when `allow_unknown`, an unknown
 * plural noun). */
static void item_entity(struct plan *p, struct item *it, bool allow_unknown, bool force)
{
    if (it->b <= it->a)
        return;
    const struct tok *h = &p->t[it->b - 1];
    it->singular = !is_plural(h);
    if (in_set(h->w, user_words) && strcmp(h->w, "i") != 0 && strcmp(h->w, "we") != 0) {
        it->user =
            in_set(h->w, (const char *const[]){"user", "users", "account", "accounts", NULL});
        if (it->user) {
            for (int j = it->a; j < it->b; j++)
                p->t[j].used = true;
            return;
        }
    }
    /* the last vocabulary mention inside the phrase names it ("hotel rooms" → room) */
    int m = -1;
    for (int j = it->a; j < it->b; j++)
        if (p->mention[j] >= 0)
            m = j;
    if (m >= 0 && p->mention_end[m] == it->b) {
        it->entity = entity_from_mention(p, m);
        return;
    }
    if (allow_unknown)
        it->entity = entity_from_unknown(p, it->a, it->b, force);
}

/* Continues a list after an item: returns the index of the next item or -1. */
static int list_next(const struct plan *p, int i, int end)
{
    int j = i;
    bool sep = false;
    while (j < end) {
        if (p->t[j].kind == T_COMMA || is_word(p, j, "and") || is_word(p, j, "or") ||
            is_word(p, j, "plus") || is_word(p, j, "as") || is_word(p, j, "well")) {
            sep = true;
            j++;
            continue;
        }
        break;
    }
    if (!sep || j >= end || p->t[j].kind != T_WORD)
        return -1;
    /* ", and users can share them": a new clause, not an item */
    int k = skip_words(p, j, end, item_skip);
    if (k < 0 || k >= end || !(is_content(p, k) || p->mention[k] >= 0))
        return -1;
    if (((word_in(p, k, list_verbs) || word_in(p, k, have_verbs)) && p->mention[k] < 0 &&
         !word_in(p, k + 1, field_heads)) ||
        ((word_in(p, k + 1, have_verbs) || word_in(p, k + 1, list_verbs)) &&
         p->mention[k + 1] < 0 && k + 2 < end && p->t[k + 2].kind == T_WORD &&
         !is_word(p, k + 2, "and") && !is_word(p, k + 2, "or")) ||
        word_in(p, k + 1,
                (const char *const[]){"belong", "belongs", "refers", "refer", "references",
                                      "points", "links", "it", "them", "this", "everything", "to",
                                      NULL}))
        return -1;
    return j;
}

static void parse_enum_or_range(struct plan *p, struct field *f, int *pi, int end);

/* One field phrase [a, b) for entity k, e.g. "an optional due date", "done flag". */
static void field_phrase(struct plan *p, int k, int a, int b, int *pi, int end)
{
    bool required = false, unique = false, flag = false, optional = false;
    char raw[NAME_MAX_ * 2] = "";
    int first = -1, last = -1;
    for (int j = a; j < b; j++) {
        const char *w = p->t[j].w;
        if (strcmp(w, "required") == 0 || strcmp(w, "mandatory") == 0)
            required = true;
        else if (strcmp(w, "unique") == 0)
            unique = true;
        else if (strcmp(w, "optional") == 0)
            optional = true;
        else if (in_set(w, flag_words) && j > a)
            flag = true;
        else if (in_set(w, (const char *const[]){"a", "an", "the", "their", "its", "his", "her",
                                                 "some", "field", "fields", "column", "columns",
                                                 "attribute", "attributes", "property",
                                                 "properties", NULL}))
            continue;
        else {
            if (first < 0)
                first = j;
            last = j;
            continue;
        }
    }
    /* "1-5 stars": a range in front of the name */
    long lo = 0, hi = 0;
    bool range = false;
    if (first >= 0 && first < last && sscanf(p->t[first].w, "%ld-%ld", &lo, &hi) == 2 &&
        strspn(p->t[first].w, "0123456789-") == strlen(p->t[first].w) && lo <= hi) {
        range = true;
        first++;
    }
    if (first < 0 || last - first > 4)
        return;
    size_t n = 0;
    for (int j = first; j <= last; j++) {
        const char *w = j == last ? p->t[j].s : p->t[j].w;
        /* "due dates" → due_date, but "notes", "is_adopted" stay */
        if (j == last &&
            (in_set(p->t[j].w,
                    (const char *const[]){"notes", "details", "instructions", "lyrics", "settings",
                                          "hours", "minutes", "seconds", "servings", "credits",
                                          "bedrooms", "bathrooms", "stars", "pages", NULL}) ||
             strchr(p->t[j].w, '_')))
            w = p->t[j].w;
        int r = snprintf(raw + n, sizeof(raw) - n, "%s%s", n ? "_" : "", w);
        if (r < 0 || (size_t)r >= sizeof(raw) - n)
            return;
        n += (size_t)r;
    }
    /* "due" alone is a date: due → due_date */
    if (strcmp(raw, "due") == 0)
        snprintf(raw, sizeof(raw), "due_date");
    /* "number of servings" → servings, an integer under its own plural */
    if (strncmp(raw, "number_of_", 10) == 0 && last > first + 1) {
        char tmp[sizeof(raw)];
        snprintf(tmp, sizeof(tmp), "%s", p->t[last].w);
        snprintf(raw, sizeof(raw), "%s", tmp);
        n = strlen(raw);
    }
    /* "duration in seconds", "distance in km": the unit goes into the name */
    static const char *const units[] = {"seconds",    "minutes", "hours",   "days", "km",
                                        "kilometers", "miles",   "meters",  "kg",   "grams",
                                        "pounds",     "lbs",     "cm",      "usd",  "eur",
                                        "dollars",    "euros",   "percent", NULL};
    if (is_word(p, *pi, "in") && word_in(p, *pi + 1, units) &&
        n + strlen(p->t[*pi + 1].w) + 2 < sizeof(raw)) {
        snprintf(raw + n, sizeof(raw) - n, "_%s", p->t[*pi + 1].w);
        mark_used(p, *pi, *pi + 2);
        *pi += 2;
    }
    /* "cooking time", "travel time": a duration in minutes, not a moment */
    size_t rl = strlen(raw);
    if (rl > 8 && strcmp(raw + rl - 5, "_time") == 0 && strncmp(raw + rl - 8, "ing", 3) == 0 &&
        rl + 9 < sizeof(raw))
        snprintf(raw + rl, sizeof(raw) - rl, "_minutes");
    struct field *f = field_add(p, k, raw, true);
    if (!f)
        return;
    if (flag && strcmp(f->type, "boolean") != 0) {
        f->type = "boolean";
        f->has_default = true;
        snprintf(f->def, sizeof(f->def), "false");
        f->max_length = 0;
        f->has_min = false;
    }
    if (required)
        f->required = true;
    if (optional)
        f->required = false;
    if (unique)
        f->unique = true;
    if (range && (!strcmp(f->type, "integer") || !strcmp(f->type, "float") ||
                  !strcmp(f->type, "decimal"))) {
        f->has_min = f->has_max = true;
        f->min = lo;
        f->max = hi;
    }
    mark_used(p, a, b);
    parse_enum_or_range(p, f, pi, end);
    char en[NAME_MAX_], from[SNIPPET_MAX + 8];
    snippet(p, a, b, from, sizeof(from));
    char vals[VALUES_MAX + 4] = "";
    if (f->values[0]) {
        snprintf(vals, sizeof(vals), " (%s)", f->values);
        for (char *c = vals; *c; c++)
            if (*c == '|')
                *c = '/';
    }
    note(p, p->understood, "field %s.%s: %s%s%s%s (from \"%s\")",
         pascal(p->e[k].snake, en, sizeof(en)), f->name, f->type, vals,
         f->required ? ", required" : "", f->unique ? ", unique" : "", from);
}

/* "(string)", "(int, required)", "(unique)": when every word in the parentheses is a type
 * or a constraint, they say how the field is stored. Returns whether they all were. */
static bool type_hints(struct field *f, const char *vals)
{
    static const struct join_verb types[] = {{"string", "string"},
                                             {"str", "string"},
                                             {"varchar", "string"},
                                             {"text", "text"},
                                             {"int", "integer"},
                                             {"integer", "integer"},
                                             {"number", "integer"},
                                             {"float", "float"},
                                             {"double", "float"},
                                             {"decimal", "decimal"},
                                             {"money", "decimal"},
                                             {"bool", "boolean"},
                                             {"boolean", "boolean"},
                                             {"date", "date"},
                                             {"datetime", "datetime"},
                                             {"timestamp", "datetime"},
                                             {"uuid", "uuid"},
                                             {"email", "email"},
                                             {"url", "url"},
                                             {"json", "json"},
                                             {NULL, NULL}};
    char tmp[VALUES_MAX];
    snprintf(tmp, sizeof(tmp), "%s", vals);
    const char *type = NULL;
    bool required = false, unique = false, optional = false;
    for (char *save = NULL, *w = strtok_r(tmp, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        const char *t = NULL;
        for (const struct join_verb *q = types; q->verb && !t; q++)
            if (strcmp(w, q->verb) == 0)
                t = q->entity;
        if (t)
            type = t;
        else if (strcmp(w, "required") == 0 || strcmp(w, "mandatory") == 0)
            required = true;
        else if (strcmp(w, "unique") == 0)
            unique = true;
        else if (strcmp(w, "optional") == 0)
            optional = true;
        else
            return false;
    }
    if (type && strcmp(type, f->type) != 0) {
        f->type = type;
        f->has_min = f->has_max = f->has_default = false;
        f->max_length = strcmp(type, "string") == 0 ? 255 : 0;
        f->values[0] = '\0';
        if (strcmp(type, "boolean") == 0) {
            f->has_default = true;
            snprintf(f->def, sizeof(f->def), "false");
        }
    }
    f->required = (f->required || required) && !optional;
    f->unique |= unique;
    return true;
}

/* After a field: "(low, medium, high)" → enum values; "(1-5)", "from 1 to 5" → limits. */
static void parse_enum_or_range(struct plan *p, struct field *f, int *pi, int end)
{
    int i = *pi;
    long nums[2];
    int nn = 0;
    if (i >= 0 && i + 3 < end && (is_word(p, i, "from") || is_word(p, i, "between")) &&
        is_number(p->t[i + 1].w) &&
        (is_word(p, i + 2, "to") || is_word(p, i + 2, "and") || p->t[i + 2].kind == T_COMMA) &&
        is_number(p->t[i + 3].w)) {
        nums[0] = strtol(p->t[i + 1].w, NULL, 10);
        nums[1] = strtol(p->t[i + 3].w, NULL, 10);
        nn = 2;
        mark_used(p, i, i + 4);
        *pi = i + 4;
    } else if (i < end && p->t[i].kind == T_LPAREN) {
        int close = -1;
        for (int j = i + 1; j < end && j < i + 40; j++)
            if (p->t[j].kind == T_RPAREN) {
                close = j;
                break;
            }
        if (close < 0)
            return;
        char vals[VALUES_MAX] = "";
        size_t vn = 0;
        int nv = 0, nnum = 0;
        char cur[NAME_MAX_] = "";
        for (int j = i + 1; j <= close; j++) {
            bool sep = j == close || p->t[j].kind == T_COMMA || is_word(p, j, "or") ||
                       is_word(p, j, "and");
            if (!sep && p->t[j].kind == T_WORD) {
                if (is_number(p->t[j].w) && nnum < 2)
                    nums[nnum++] = strtol(p->t[j].w, NULL, 10);
                size_t cl = strlen(cur);
                snprintf(cur + cl, sizeof(cur) - cl, "%s%s", cl ? "_" : "", p->t[j].w);
                continue;
            }
            if (!cur[0])
                continue;
            char v[NAME_MAX_];
            if (inflect_snake(cur, v, sizeof(v)) == 0 && v[0] && nv < 20 &&
                vn + strlen(v) + 2 < sizeof(vals)) {
                /* the same value twice would make review refuse the enum */
                bool dup = false;
                char tmp[VALUES_MAX];
                snprintf(tmp, sizeof(tmp), "%s", vals);
                for (char *save = NULL, *s = strtok_r(tmp, "|", &save); s;
                     s = strtok_r(NULL, "|", &save))
                    if (strcmp(s, v) == 0)
                        dup = true;
                if (!dup) {
                    vn += (size_t)snprintf(vals + vn, sizeof(vals) - vn, "%s%s", vn ? "|" : "", v);
                    nv++;
                }
            }
            cur[0] = '\0';
        }
        if (nv > 0 && type_hints(f, vals)) {
            mark_used(p, i, close + 1);
            *pi = close + 1;
            return;
        }
        bool numeric = strcmp(f->type, "integer") == 0 || strcmp(f->type, "float") == 0 ||
                       strcmp(f->type, "decimal") == 0;
        if (numeric && nnum == 2) {
            nn = 2;
        } else if (nv >= 2 && nnum == 0 && strcmp(f->type, "boolean") != 0 &&
                   strcmp(f->type, "reference") != 0) {
            f->type = "enum";
            snprintf(f->values, sizeof(f->values), "%s", vals);
            f->max_length = 0;
            f->has_min = false;
            /* the first listed value is the natural default */
            char first[NAME_MAX_];
            snprintf(first, sizeof(first), "%.*s", (int)strcspn(vals, "|"), vals);
            f->has_default = true;
            snprintf(f->def, sizeof(f->def), "%.*s", (int)sizeof(f->def) - 1, first);
        } else {
            return;
        }
        mark_used(p, i, close + 1);
        *pi = close + 1;
    }
    if (nn == 2 && nums[0] <= nums[1] &&
        (strcmp(f->type, "integer") == 0 || strcmp(f->type, "float") == 0 ||
         strcmp(f->type, "decimal") == 0)) {
        f->has_min = f->has_max = true;
        f->min = nums[0];
        f->max = nums[1];
    }
}

/* "X with A, B and C" / "X (A, B)" / "X: A, B" for entity k: fields, or children when an
 * item is itself an entity. Returns the index after the list. */
/* Would this plural noun be a field rather than a table ("due dates", "notes")? */
static bool plural_is_field(const struct tok *h)
{
    struct field f;
    memset(&f, 0, sizeof(f));
    if (inflect_snake(h->s, f.name, sizeof(f.name)) < 0)
        return true;
    infer_type(&f);
    if (strcmp(f.type, "string") != 0 || f.max_length != 255)
        return true;
    memset(&f, 0, sizeof(f));
    if (inflect_snake(h->w, f.name, sizeof(f.name)) < 0)
        return true;
    infer_type(&f);
    return strcmp(f.type, "string") != 0 || f.max_length != 255 ||
           in_set(h->w, (const char *const[]){"notes", "details", "instructions", "settings",
                                              "preferences", "hours", "credits", "points", "stats",
                                              "statistics", "contents", "skills", "interests",
                                              "keywords", "requirements", NULL});
}

static int field_list(struct plan *p, int k, int i, int end, bool paren, bool have)
{
    while (i < end) {
        struct item it;
        int st = i;
        int j = noun_phrase(p, i, end, &it);
        if (it.b <= it.a) {
            /* "with an optional description": skipped words only */
            if (j == i)
                break;
        }
        /* a vocabulary entity in a field list: plural → a child, singular with an article
         * → a reference, a fieldish word (notes, address) → a field */
        int m = -1;
        for (int q = it.a; q < it.b; q++)
            if (p->mention[q] >= 0)
                m = q;
        const struct tok *h = it.b > it.a ? &p->t[it.b - 1] : NULL;
        bool fieldish = m >= 0 && (vocab_entities[p->mention[m]].flags & VOCAB_FIELDISH);
        if (h && m >= 0 && p->mention_end[m] == it.b && !fieldish) {
            item_entity(p, &it, false, false);
            if (it.entity >= 0) {
                if (is_plural(h) || !it.article)
                    relate(p, it.entity, k, "cascade", st, j);
                else
                    relate(p, k, it.entity, "set_null", st, j);
            }
        } else if (h && in_set(h->w, non_field_nouns)) {
            /* "with a beautiful UI", "with JWT auth": wishes about the product */
        } else if (have && it.b > it.a && is_plural(h) && !plural_is_field(h) &&
                   it.b - it.a <= 2) {
            /* "orders have many items": a plural thing under a have-verb is a table */
            int child = entity_from_unknown(p, it.a, it.b, false);
            if (child >= 0)
                relate(p, child, k, "cascade", st, j);
        } else if (it.b > it.a) {
            field_phrase(p, k, st, it.b, &j, end);
        }
        i = j;
        if (paren && i < end && p->t[i].kind == T_RPAREN) {
            p->t[i].used = true;
            return i + 1;
        }
        int nx = list_next(p, i, end);
        if (nx < 0)
            break;
        mark_used(p, i, nx);
        i = nx;
    }
    return i;
}

/* Entity list after a verb, "with" or ":" following a product noun: "track widgets and
 * gizmos". Fills ents[] (up to max) and returns the index after the list. */
static int entity_list(struct plan *p, int i, int end, bool allow_unknown, int *ents, int *nents,
                       int max, bool *users)
{
    *nents = 0;
    while (i < end) {
        struct item it;
        int st = i;
        int j = noun_phrase(p, i, end, &it);
        if (it.b <= it.a)
            break;
        item_entity(p, &it, allow_unknown, false);
        if (it.user && users)
            *users = true;
        /* "customers open tickets, agents reply": a noun followed by a verb starts a new
         * sentence; the clause loop reads it from there */
        if (*nents > 0 && j < end && p->t[j].kind == T_WORD && !is_word(p, j, "with") &&
            p->mention[j] < 0 &&
            (is_content(p, j) || word_in(p, j, have_verbs) ||
             word_in(p, j,
                     (const char *const[]){"can", "should", "will", "must", "may", "are", "is",
                                           "get", "who", NULL})))
            return st;
        if (it.entity >= 0 && *nents < max)
            ents[(*nents)++] = it.entity;
        if (it.entity >= 0)
            mark_used(p, st, it.b);
        i = j;
        /* "pets (name, species, age)" */
        if (it.entity >= 0 && i < end && p->t[i].kind == T_LPAREN) {
            p->t[i].used = true;
            i = field_list(p, it.entity, i + 1, end, true, false);
        }
        if (it.entity >= 0 && is_word(p, i, "with")) {
            int w = i;
            p->t[w].used = true;
            i = field_list(p, it.entity, i + 1, end, false, false);
        }
        int nx = list_next(p, i, end);
        if (nx < 0)
            break;
        i = nx;
    }
    return i;
}

/* Does a sentence start at i ("hotels have rooms") rather than a list of fields? */
static bool clause_follows(const struct plan *p, int i, int end)
{
    int k = skip_words(p, i, end, item_skip);
    if (k < end && p->mention[k] >= 0)
        return true;
    for (int q = k; q < end && q < k + 3; q++)
        if ((word_in(p, q, have_verbs) || word_in(p, q, list_verbs)) && p->mention[q] < 0)
            return q > k;
    return false;
}

/* The subject before token v: the noun right before it (skipping modals and adverbs). */
static int subject_before(struct plan *p, int v, int start, bool *user, int *sa)
{
    int j = v - 1;
    *user = false;
    while (j >= start &&
           word_in(p, j, (const char *const[]){"can",   "could", "should",  "will",      "may",
                                               "must",  "also",  "usually", "typically", "always",
                                               "all",   "then",  "often",   "each",      "both",
                                               "would", "to",    "do",      "who",       NULL}))
        j--;
    if (j < start || p->t[j].kind != T_WORD)
        return -1;
    *sa = j;
    const char *w = p->t[j].w;
    if (in_set(w, (const char *const[]){"user", "users", "account", "accounts", "i", "we",
                                        "everyone", "people", "customers?", NULL}) ||
        (strcmp(w, "they") == 0)) {
        *user = strcmp(w, "they") != 0 || p->auth;
        p->t[j].used = true;
        return -1;
    }
    /* the mention that ends at j */
    for (int m = j; m >= start && m > j - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == j + 1) {
            *sa = m;
            return entity_from_mention(p, m);
        }
    if (p->mention[j] >= 0)
        return entity_from_mention(p, j);
    if (!is_content(p, j) || in_set(w, stop_nouns) || word_in(p, j, list_verbs))
        return -1;
    int a = j;
    if (j - 1 >= start && is_content(p, j - 1) && !word_in(p, j - 1, list_verbs))
        a = j - 1;
    *sa = a;
    p->subj_end = j + 1;
    return -2 - a; /* an unknown noun phrase [a, j+1), made an entity only if the verb says so */
}

static int realize_subject(struct plan *p, int s, bool force)
{
    if (s >= -1)
        return s;
    int a = -2 - s;
    return entity_from_unknown(p, a, p->subj_end, force);
}

static void mark_owned(struct plan *p, int k, int a, int b)
{
    if (k < 0 || p->own[k])
        return;
    p->own[k] = true;
    char n[NAME_MAX_], from[SNIPPET_MAX + 8];
    snippet(p, a, b, from, sizeof(from));
    note(p, p->understood, "%s rows belong to the signed-in user (from \"%s\")",
         pascal(p->e[k].snake, n, sizeof(n)), from);
}

/* What a clause has established so far, shared by the readers of its phrases. Each reader
 * looks at token *pi; when the phrase is its own it reads it, leaves *pi on the phrase's
 * last token and returns true, otherwise it returns false and the next reader looks. */
struct clause_ctx {
    int s, e;       /* the clause's tokens [s, e) */
    int subj;       /* the clause's subject entity, -1 while there is none */
    bool subj_user; /* the subject is the signed-in user ("users have projects and ...") */
};

/* "Tasks: title, due date" / "Fleet management: vehicles, drivers" / "Tasks (title)" */
static void heading_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    struct tok *t = &p->t[i];
    if (t->kind != T_COLON && t->kind != T_LPAREN)
        return;
    int prev = i - 1;
    int pe = -1;
    for (int m = prev; m >= s && m > prev - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == prev + 1 &&
            /* "an API for a school: teachers, ...": a singular heading is the
             * domain, not a table */
            (t->kind != T_COLON || is_plural(&p->t[prev])))
            pe = entity_from_mention(p, m);
    if (pe < 0 && t->kind == T_COLON && prev >= s && is_plural(&p->t[prev]) &&
        !in_set(p->t[prev].w, stop_nouns) && is_content(p, prev) && prev == s)
        pe = entity_from_unknown(p, prev, prev + 1, false);
    if (pe >= 0 && t->kind == T_COLON && clause_follows(p, i + 1, e)) {
        /* "Hotel reservations: hotels have rooms, ...": a heading */
        t->used = true;
    } else if (pe >= 0) {
        t->used = true;
        *pi = field_list(p, pe, i + 1, e, t->kind == T_LPAREN, false) - 1;
    } else if (t->kind == T_COLON) {
        int ents[MAX_ENTITIES], n;
        bool users = false;
        t->used = true;
        *pi = entity_list(p, i + 1, e, true, ents, &n, MAX_ENTITIES, &users) - 1;
        if (n > 0 && c->subj < 0)
            c->subj = ents[0];
    }
}

/* "an inventory of chemicals and reagents", "a catalog of products" */
static bool collective_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int e = c->e, i = *pi;
    const char *w = p->t[i].w;
    if (!in_set(w, collective) || !is_word(p, i + 1, "of") || p->t[i].used ||
        in_set(w, (const char *const[]){"number", "lot", "lots", "range", NULL}))
        return false;
    int ents[MAX_ENTITIES], n;
    int nj = entity_list(p, i + 2, e, true, ents, &n, MAX_ENTITIES, NULL);
    if (n > 0) {
        mark_used(p, i, i + 2);
        if (c->subj < 0)
            c->subj = ents[0];
        *pi = nj - 1;
    }
    return true;
}

/* "X belongs to a Y", "X is assigned to a Y", "X is part of Y" */
static bool belongs_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    bool belongs = strcmp(w, "belongs") == 0 || strcmp(w, "belong") == 0;
    bool assigned =
        (in_set(w, (const char *const[]){"assigned", "linked", "attached", "tied", "refers",
                                         "refer", NULL}) &&
         is_word(p, i + 1, "to")) ||
        ((strcmp(w, "reference") == 0 || strcmp(w, "references") == 0) && i > s &&
         p->t[i - 1].kind == T_WORD && !is_word(p, i - 1, "a") && !is_word(p, i - 1, "the"));
    int obj = strcmp(w, "reference") == 0 || strcmp(w, "references") == 0 ? i + 1 : i + 2;
    bool partof = strcmp(w, "part") == 0 && is_word(p, i + 1, "of");
    if (!((belongs && is_word(p, i + 1, "to")) || assigned || partof))
        return false;
    bool user;
    int sa = i;
    int verb = i;
    while (verb > s &&
           word_in(p, verb - 1,
                   (const char *const[]){"is", "are", "be", "always", "each", "only", NULL}))
        verb--;
    int child = subject_before(p, verb, s, &user, &sa);
    if (child == -1 && c->subj >= 0 && (is_word(p, verb - 1, "and") || verb == s))
        child = c->subj, sa = verb;
    child = realize_subject(p, child, true);
    int j = obj;
    int parents[8], n = 0;
    bool users = false;
    while (j < e && n < 8) {
        struct item it;
        int st = j;
        int nj = noun_phrase(p, j, e, &it);
        if (it.b <= it.a)
            break;
        item_entity(p, &it, true, true);
        if (it.user || (it.b > it.a &&
                        in_set(p->t[it.b - 1].w, (const char *const[]){"owner", "person", NULL})))
            users = true;
        else if (it.entity >= 0)
            parents[n++] = it.entity;
        mark_used(p, st, it.b);
        j = nj;
        int nx = list_next(p, j, e);
        if (nx < 0)
            break;
        j = nx;
    }
    if (child >= 0) {
        c->subj = child;
        mark_used(p, sa, obj);
        for (int q = 0; q < n; q++)
            relate(p, child, parents[q], belongs || partof ? "cascade" : "set_null", sa, j);
        if (users)
            mark_owned(p, child, sa, j);
    }
    *pi = j - 1;
    return true;
}

/* "X have (many) Y", "each user has projects" */
static bool have_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    if (!word_in(p, i, have_verbs))
        return false;
    bool user;
    int sa = i;
    int k = subject_before(p, i, s, &user, &sa);
    if (k == -1 && !user && c->subj >= 0 && (is_word(p, i - 1, "and") || i == s))
        k = c->subj, sa = i;
    if (k == -1 && !user && c->subj_user && (is_word(p, i - 1, "and") || i == s))
        user = true;
    int j = i + 1;
    j = skip_words(p, j, e,
                   (const char *const[]){"many", "multiple", "several", "one",  "or",     "more",
                                         "zero", "their",    "own",     "a",    "an",     "the",
                                         "some", "lots",     "of",      "list", "number", "any",
                                         "also", "just",     NULL});
    if (user) {
        int ents[MAX_ENTITIES], n;
        c->subj_user = true;
        int nj = entity_list(p, j, e, true, ents, &n, MAX_ENTITIES, NULL);
        for (int q = 0; q < n; q++)
            mark_owned(p, ents[q], sa, nj);
        if (n > 0)
            mark_used(p, sa, i + 1);
        *pi = nj - 1;
        return true;
    }
    /* the object decides: a list with an entity or a plural noun makes the subject
     * an entity too; singular words are fields of an existing subject */
    bool plural_obj = false;
    for (int q = j; q < e && q < j + 6; q++) {
        if (p->t[q].kind != T_WORD || (!is_content(p, q) && p->mention[q] < 0))
            break;
        if ((p->mention[q] >= 0 && is_plural(&p->t[p->mention_end[q] - 1])) ||
            (is_plural(&p->t[q]) && !in_set(p->t[q].w, stop_nouns)))
            plural_obj = true;
    }
    if (k < -1 && !plural_obj)
        k = -1; /* "the app has a dark mode" */
    k = realize_subject(p, k, false);
    if (k < 0)
        return true;
    c->subj = k;
    p->t[i].used = true;
    *pi = field_list(p, k, j, e, false, true) - 1;
    return true;
}

/* join verbs: "students enroll in courses", "guests book rooms" make a join entity
 * (Enrollment, Booking) that references both sides */
static bool join_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    const struct join_verb *jv = NULL;
    for (const struct join_verb *q = join_verbs; q->entity; q++)
        if (strcmp(w, q->verb) == 0)
            jv = q;
    if (!jv || i <= s)
        return false;
    bool user;
    int sa = i;
    int a = subject_before(p, i, s, &user, &sa);
    if (a == -1)
        return false;
    int j = skip_words(
        p, i + 1, e,
        (const char *const[]){"in", "into", "for", "to", "a", "an", "the", "at", "on", NULL});
    struct item it;
    noun_phrase(p, j, e, &it);
    item_entity(p, &it, true, false);
    if (it.entity < 0)
        return false;
    a = realize_subject(p, a, true);
    const struct vocab_entity *v = NULL;
    for (size_t q = 0; q < vocab_n_entities; q++)
        if (strcmp(vocab_entities[q].name, jv->entity) == 0)
            v = &vocab_entities[q];
    int jk = entity_by_vocab(p, jv->entity);
    if (jk < 0)
        jk = entity_add(p, jv->entity, v, sa, it.b);
    if (jk >= 0 && a >= 0 && jk != a && jk != it.entity) {
        relate(p, jk, a, "cascade", sa, it.b);
        relate(p, jk, it.entity, "cascade", sa, it.b);
    }
    mark_used(p, sa, it.b);
    *pi = it.b - 1;
    return true;
}

/* verbs with an object list: "track widgets and gizmos", "users write posts" */
static bool list_verb_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    if (!word_in(p, i, list_verbs) || p->mention[i] >= 0)
        return false;
    bool user = false;
    int sa = i;
    int sk = subject_before(p, i, s, &user, &sa);
    if (sk == -1 && !user && c->subj_user && is_word(p, i - 1, "and"))
        user = true;
    int j = i + 1;
    if (is_word(p, j, "track") && is_word(p, j + 1, "of"))
        j += 2;
    else if (is_word(p, j, "of"))
        j++;
    int ents[MAX_ENTITIES], n;
    int nj = entity_list(p, j, e, true, ents, &n, MAX_ENTITIES, NULL);
    if (n <= 0)
        return true;
    p->t[i].used = true;
    if (user) {
        c->subj_user = true;
        for (int q = 0; q < n; q++)
            mark_owned(p, ents[q], sa, nj);
    }
    sk = realize_subject(p, sk, false);
    /* "hotels have rooms" is the usual form, but "shelters list pets" too */
    if (sk >= 0 && !user)
        for (int q = 0; q < n; q++)
            if (strcmp(w, "list") == 0 || strcmp(w, "lists") == 0 || strcmp(w, "post") == 0 ||
                strcmp(w, "posts") == 0 || strcmp(w, "host") == 0 || strcmp(w, "hosts") == 0 ||
                strcmp(w, "offer") == 0 || strcmp(w, "offers") == 0 || strcmp(w, "open") == 0 ||
                strcmp(w, "opens") == 0 || strcmp(w, "record") == 0 || strcmp(w, "records") == 0 ||
                strcmp(w, "place") == 0 || strcmp(w, "places") == 0)
                relate(p, ents[q], sk, "cascade", sa, nj);
    *pi = nj - 1;
    return true;
}

/* "a system with members, books and loans" / "tasks with due dates" */
static bool with_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    struct tok *t = &p->t[i];
    if (strcmp(t->w, "with") != 0)
        return false;
    int prev = i - 1;
    int pe = -1;
    bool domain = false;
    for (int m = prev; m >= s && m > prev - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == prev + 1) {
            /* "for a bike shop with parts": the singular after "for a" is the
             * customer's business, and the list names its tables */
            if (!is_plural(&p->t[prev]) &&
                word_in(p, m - 1, (const char *const[]){"a", "an", "the", "my", "our", NULL}) &&
                word_in(p, m - 2, (const char *const[]){"for", "of", NULL})) {
                domain = true;
                char from[SNIPPET_MAX + 8];
                snippet(p, m, prev + 1, from, sizeof(from));
                note(p, p->understood, "\"%s\" names the product, not a table", from);
                mark_used(p, m, prev + 1);
            } else
                pe = entity_from_mention(p, m);
        }
    if (pe < 0 && prev >= s && p->t[prev].kind == T_WORD && is_plural(&p->t[prev]) &&
        !in_set(p->t[prev].w, stop_nouns) && is_content(p, prev) && !word_in(p, prev, list_verbs))
        pe = entity_from_unknown(p, prev, prev + 1, false);
    if (pe >= 0) {
        t->used = true;
        *pi = field_list(p, pe, i + 1, e, false, false) - 1;
    } else if (prev >= s && (domain || word_in(p, prev, stop_nouns))) {
        int ents[MAX_ENTITIES], n;
        int nj = entity_list(p, i + 1, e, true, ents, &n, MAX_ENTITIES, NULL);
        if (n > 0) {
            t->used = true;
            *pi = nj - 1;
        }
    }
    return true;
}

/* "Y of X", "Y for X", "Y in X", "Y at X" between two vocabulary entities */
static bool preposition_phrase(struct plan *p, struct clause_ctx *c, int *pi)
{
    int s = c->s, e = c->e, i = *pi;
    const char *w = p->t[i].w;
    if (!in_set(w, (const char *const[]){"of", "for", "in", "on", "into", "within", "under", "at",
                                         "by", "per", NULL}))
        return false;
    int prev = i - 1, m0 = -1;
    for (int m = prev; m >= s && m > prev - 4; m--)
        if (p->mention[m] >= 0 && p->mention_end[m] == prev + 1)
            m0 = m;
    int j = skip_words(p, i + 1, e,
                       (const char *const[]){"a", "an", "the", "each", "every", "one", "their",
                                             "its", "different", "specific", NULL});
    /* "inventory for a bike shop with parts": the business, not a parent */
    bool domain =
        j < e && p->mention[j] >= 0 &&
        word_in(p, j - 1, (const char *const[]){"a", "an", "my", "our", NULL}) &&
        !is_plural(&p->t[p->mention_end[j] - 1]) &&
        (is_word(p, p->mention_end[j], "with") || word_in(p, p->mention_end[j], app_nouns) ||
         (p->mention_end[j] < p->nt && p->t[p->mention_end[j]].kind == T_COLON));
    if (m0 >= 0 && j < e && p->mention[j] >= 0 && !domain &&
        !word_in(p, p->mention_end[j], field_heads)) {
        int ch = entity_from_mention(p, m0);
        int par = entity_from_mention(p, j);
        bool weak = strcmp(w, "at") == 0 || strcmp(w, "by") == 0 || strcmp(w, "for") == 0;
        relate(p, ch, par, weak ? "set_null" : "cascade", m0, p->mention_end[j]);
        mark_used(p, i, i + 1);
    }
    return true;
}

/* One clause [s, e): the structural phrases, each read by the first reader it fits. */
static void clause(struct plan *p, int s, int e)
{
    struct clause_ctx c = {.s = s, .e = e, .subj = -1};
    for (int i = s; i < e; i++) {
        if (p->t[i].kind != T_WORD) {
            heading_phrase(p, &c, &i);
            continue;
        }
        /* the words of "meal plans" are one noun: "plans" there is not a verb */
        if (p->mention[i] >= 0 && p->mention_end[i] > i + 1) {
            i = p->mention_end[i] - 1;
            continue;
        }
        if (collective_phrase(p, &c, &i) || belongs_phrase(p, &c, &i) || have_phrase(p, &c, &i) ||
            join_phrase(p, &c, &i) || list_verb_phrase(p, &c, &i) || with_phrase(p, &c, &i))
            continue;
        preposition_phrase(p, &c, &i);
    }
}

/* ---- what the parser and the lexicon read ---------------------------------------------- */

/* Link Grammar parses each sentence (parse.c) and WordNet knows each noun (lexicon.c):
 * together they find the entities, compounds and relations that the phrase rules above
 * did not. They run after the rules and only add: a sentence the parser cannot read (too
 * long, timed out, no linkage) keeps exactly what the rules made of it. */

static const char *const unit_nouns[] = {"character", "characters", "chars",  "letters",
                                         "digits",    "words",      "stars?", "percent",
                                         "kilograms", "metres",     "meters", NULL};

/* Prepositions whose object is a parent of the noun or clause before them, with the
 * on_delete the attachment suggests. */
static const char *attach_on_delete(const char *prep)
{
    static const char *const contain[] = {"of",     "per",   "in",   "on", "at", "within",
                                          "inside", "under", "into", "by", NULL};
    static const char *const refer[] = {"for", "to", "from", "about", NULL};
    if (in_set(prep, contain))
        return "cascade";
    if (in_set(prep, refer))
        return "set_null";
    return NULL;
}

static bool label_is(const char *label, const char *prefix)
{
    return strncmp(label, prefix, strlen(prefix)) == 0;
}

/* Subject links ("Ss", "Sp", "S**"), not coordination ("SJ") nor inversion ("SI"). */
static bool is_subject(const char *label)
{
    return label[0] == 'S' && label[1] != 'J' && label[1] != 'I' && label[1] != 'X';
}

/* The parse of one sentence, with the planner's tokens of each word. */
struct reading {
    int n;
    int sentence; /* 0 for the first sentence of the prompt */
    int tok[PARSE_MAX_WORDS];
    int ent[PARSE_MAX_WORDS]; /* entity the head noun names, -1 */
    int mod[PARSE_MAX_WORDS]; /* token of its compound modifier ("time" slots), -1 */
    struct parse_result r;
};

/* Partner of word j over a link whose label starts with `prefix`, on the side `right`
 * (true: j is the left word, the partner the right one). From link index *from; -1. */
static int linked(const struct reading *rd, int j, const char *prefix, bool right, int *from)
{
    for (int k = from ? *from : 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!label_is(l->label, prefix))
            continue;
        int other = -1;
        if (right && l->l == j)
            other = l->r;
        else if (!right && l->r == j)
            other = l->l;
        if (other >= 0) {
            if (from)
                *from = k + 1;
            return other;
        }
    }
    return -1;
}

/* A noun of the parse: "dogs.n", "fuel.s", "people.p" (but not "their.p"). */
static bool is_noun(const struct plan *p, const struct reading *rd, int j)
{
    const struct tok *t = &p->t[rd->tok[j]];
    return t->kind == T_WORD &&
           (rd->r.pos[j] == 'n' || (rd->r.pos[j] == 'p' && !in_set(t->w, function_words)));
}

/* Noun words of the sentence: a head noun with a role in the clause. */
static bool has_role(const struct reading *rd, int j)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if ((l->l == j && is_subject(l->label)) ||
            (l->r == j && (l->label[0] == 'O' || l->label[0] == 'J')) ||
            label_is(l->label, "SJ") || (l->l == j && label_is(l->label, "Mp")) ||
            (l->l == j && label_is(l->label, "Mv")) || (l->r == j && label_is(l->label, "MX")))
            return true;
    }
    return false;
}

static void rename_entity(struct plan *p, int k, const char *snake)
{
    char a[NAME_MAX_], b[NAME_MAX_];
    char old[NAME_MAX_ + 4];
    note(p, p->understood, "%s is %s: the parser read the words as one noun",
         pascal(p->e[k].snake, a, sizeof(a)), pascal(snake, b, sizeof(b)));
    snprintf(old, sizeof(old), "%s_id", p->e[k].snake);
    snprintf(p->e[k].snake, sizeof(p->e[k].snake), "%s", snake);
    /* references named after the old name follow ("manager_id" keeps its name) */
    for (int c = 0; c < p->ne; c++)
        for (int q = 0; q < p->e[c].nfields; q++)
            if (p->e[c].fields[q].ref == k && strcmp(p->e[c].fields[q].name, old) == 0)
                snprintf(p->e[c].fields[q].name, NAME_MAX_, "%.*s_id", NAME_MAX_ - 4, snake);
}

/* Entity `from` was a piece of `into` ("purchase" of "purchase orders"): references to it
 * point at `into`, and it is dropped. */
static void merge_entity(struct plan *p, int from, int into)
{
    char a[NAME_MAX_], b[NAME_MAX_], fname[NAME_MAX_ + 4];
    note(p, p->understood, "%s is part of %s: the prompt always says them together",
         pascal(p->e[from].snake, a, sizeof(a)), pascal(p->e[into].snake, b, sizeof(b)));
    snprintf(fname, sizeof(fname), "%s_id", p->e[into].snake);
    for (int c = 0; c < p->ne; c++) {
        if (c == into || !p->parent[c][from])
            continue;
        p->parent[c][from] = false;
        struct entity *e = &p->e[c];
        bool keep = !p->parent[c][into] && !reaches(p, into, c, 0) && field_find(e, fname) < 0 &&
                    strlen(fname) < sizeof(e->fields[0].name);
        for (int q = 0; q < e->nfields; q++) {
            if (e->fields[q].ref != from)
                continue;
            if (keep) {
                e->fields[q].ref = into;
                memcpy(e->fields[q].name, fname, strlen(fname) + 1);
                p->parent[c][into] = true;
            } else { /* it already points there, or would close a cycle */
                memmove(&e->fields[q], &e->fields[q + 1],
                        (size_t)(e->nfields - q - 1) * sizeof(e->fields[0]));
                e->nfields--;
                q--;
            }
        }
    }
    p->e[from].dropped = true;
}

/* Is every occurrence of the word at token m followed by the word at token h? */
static bool always_together(const struct plan *p, int m, int h)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->t[m].s) == 0 &&
            !(i + 1 < p->nt && strcmp(p->t[i + 1].s, p->t[h].s) == 0))
            return false;
    return true;
}

/* Is every occurrence of the word at token h preceded by the word at token m? */
static bool always_preceded(const struct plan *p, int m, int h)
{
    for (int i = 0; i < p->nt; i++)
        if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->t[h].s) == 0 &&
            !(i > 0 && strcmp(p->t[i - 1].s, p->t[m].s) == 0))
            return false;
    return true;
}

static const struct vocab_entity *vocab_named(const char *snake)
{
    for (size_t q = 0; q < vocab_n_entities; q++)
        if (strcmp(vocab_entities[q].name, snake) == 0)
            return &vocab_entities[q];
    return NULL;
}

/* How many head nouns of the prompt have singular `s` (compounds count their head). */
static int head_count(const struct plan *p, const char *s)
{
    int n = 0;
    for (int i = 0; i < p->nt; i++)
        n += p->t[i].kind == T_WORD && strcmp(p->t[i].s, s) == 0 && !word_in(p, i + 1, app_nouns);
    return n; /* "a job board" names the product: it does not count */
}

/* The words a word stands for: itself, or the members of a list it joins (",", "and"
 * with "SJ" links, nested lists included). Returns how many went to out[]. */
static int members(const struct reading *rd, int j, int *out, int max)
{
    int n = 0, todo[PARSE_MAX_WORDS], nt = 0;
    bool seen[PARSE_MAX_WORDS] = {false};
    todo[nt++] = j;
    seen[j] = true;
    while (nt > 0 && n < max) {
        int w = todo[--nt];
        bool conj = false;
        for (int k = 0; k < rd->r.nlinks; k++) {
            const struct parse_link *l = &rd->r.links[k];
            if (!label_is(l->label, "SJ") || (l->l != w && l->r != w))
                continue;
            /* the conjunction is the right end of "SJl" and the left end of "SJr" */
            bool w_is_conj =
                (l->label[2] == 'l' && l->r == w) || (l->label[2] == 'r' && l->l == w);
            if (!w_is_conj)
                continue;
            conj = true;
            int other = l->l == w ? l->r : l->l;
            if (!seen[other] && nt < PARSE_MAX_WORDS) {
                seen[other] = true;
                todo[nt++] = other;
            }
        }
        if (!conj)
            out[n++] = w;
    }
    /* in sentence order */
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && out[b - 1] > out[b]; b--) {
            int t = out[b];
            out[b] = out[b - 1];
            out[b - 1] = t;
        }
    return n;
}

/* Is noun word j a column of an entity the sentence names: "offers with an amount",
 * "shoes have a brand"? Returns that entity or -1. */
static int field_owner(const struct plan *p, const struct reading *rd, int j)
{
    if (is_plural(&p->t[rd->tok[j]]))
        return -1;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        /* an object or a preposition's object: j itself, or a list holding it */
        if (l->label[0] != 'J' && l->label[0] != 'O')
            continue;
        int m[PARSE_MAX_WORDS];
        int holder = l->l;
        bool in = false;
        int nm = members(rd, l->r, m, PARSE_MAX_WORDS);
        for (int q = 0; q < nm; q++)
            in |= m[q] == j;
        if (!in)
            continue;
        const struct tok *h = &p->t[rd->tok[holder]];
        if (l->label[0] == 'J' && strcmp(h->w, "with") == 0) {
            int x = linked(rd, holder, "Mp", false, NULL);
            if (x < 0)
                x = linked(rd, holder, "MV", false, NULL) >= 0 ? -1 : -1;
            int xm[PARSE_MAX_WORDS];
            int nx = x >= 0 ? members(rd, x, xm, PARSE_MAX_WORDS) : 0;
            if (nx > 0 && rd->ent[xm[nx - 1]] >= 0)
                return rd->ent[xm[nx - 1]];
        }
        if (l->label[0] == 'O' && in_set(h->w, have_verbs)) {
            int sj = linked(rd, holder, "S", false, NULL);
            int sm[PARSE_MAX_WORDS];
            int ns = sj >= 0 ? members(rd, sj, sm, PARSE_MAX_WORDS) : 0;
            if (ns == 1 && rd->ent[sm[0]] >= 0)
                return rd->ent[sm[0]];
        }
    }
    return -1;
}

/* The entity an already planned word stands for: its vocabulary mention, or its lemma. */
static int entity_of_word(const struct plan *p, int i, const char *lemma)
{
    for (int j = i; j >= 0 && j > i - 3; j--)
        if (p->mention[j] >= 0 && p->mention_end[j] > i) {
            const struct vocab_entity *v = &vocab_entities[p->mention[j]];
            if (p->mcompound[j]) {
                char phrase[WORD_MAX * 2 + 2], snake[NAME_MAX_];
                snprintf(phrase, sizeof(phrase), "%s %s", p->t[j].w, p->t[j + 1].s);
                if (inflect_snake(phrase, snake, sizeof(snake)) == 0 && entity_find(p, snake) >= 0)
                    return entity_find(p, snake);
            }
            if (p->malias[j] && p->malen[j]) {
                char phrase[NAME_MAX_], snake[NAME_MAX_];
                snprintf(phrase, sizeof(phrase), "%.*s", (int)p->malen[j], p->malias[j]);
                if (inflect_snake(phrase, snake, sizeof(snake)) == 0 && entity_find(p, snake) >= 0)
                    return entity_find(p, snake);
            }
            return entity_by_vocab(p, v->name);
        }
    int k = entity_find(p, lemma);
    if (k < 0)
        k = entity_find(p, p->t[i].s);
    /* "items" after "inventory items", "plant" after "houseplants": the same table */
    size_t ll = strlen(lemma);
    for (int q = 0; q < p->ne && k < 0 && ll >= 4; q++) {
        size_t sl = strlen(p->e[q].snake);
        if (sl > ll && strcmp(p->e[q].snake + sl - ll, lemma) == 0 && !p->e[q].dropped)
            k = q;
    }
    return k;
}

/* Words of tokens [s, e) for the parser: parenthesised asides and leading list marks are
 * left out (the rules read those). Returns the number of words, or -1 when too many. */
static int reading_words(const struct plan *p, int s, int e, struct reading *rd,
                         const char **words)
{
    int n = 0, depth = 0;
    for (int i = s; i < e; i++) {
        const struct tok *t = &p->t[i];
        if (t->kind == T_LPAREN)
            depth++;
        else if (t->kind == T_RPAREN && depth > 0)
            depth--;
        if (depth > 0 || t->kind == T_LPAREN || t->kind == T_RPAREN)
            continue;
        if (t->kind == T_COMMA && n == 0)
            continue;
        if (t->kind != T_WORD && t->kind != T_COMMA)
            continue;
        if (n >= PARSE_MAX_WORDS)
            return -1;
        rd->tok[n] = i;
        words[n++] = t->kind == T_COMMA ? "," : t->w[0] ? t->w : "something";
    }
    return n;
}

/* A singular noun is a table when the clause relates it: a subject ("each walk is ..."),
 * or what a passive or a place points at ("booked by a client", "is in a room"), with an
 * article that counts it. An object ("returns a random joke") or what a product is for
 * ("for a climbing gym") is not. */
static bool singular_thing(const struct plan *p, const struct reading *rd, int j)
{
    int d = linked(rd, j, "D", false, NULL);
    if (d < 0 ||
        !word_in(p, rd->tok[d],
                 (const char *const[]){"a", "an", "each", "every", "one", "another", NULL}))
        return false;
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (l->l == j && is_subject(l->label))
            return true;
        if (l->r == j && l->label[0] == 'J' &&
            word_in(p, rd->tok[l->l],
                    (const char *const[]){"by", "in", "on", "at", "with", "per", "from", "to",
                                          "into", "within", NULL}))
            return true;
    }
    return false;
}

/* Is head noun word j of the reading a new entity? Fills snake and the note's reason. */
static bool reading_candidate(struct plan *p, struct reading *rd, int j, bool colon_head,
                              char *snake, size_t size, const char **why)
{
    int i = rd->tok[j];
    const struct tok *t = &p->t[i];
    if (t->used || !t->w[0] || is_number(t->w) || in_set(t->w, stop_nouns) ||
        in_set(t->s, stop_nouns) || in_set(t->w, user_words) || in_set(t->w, function_words) ||
        in_set(t->w, non_field_nouns) || in_set(t->w, unit_nouns) || !has_role(rd, j))
        return false;
    struct lex_noun ln;
    bool known = lexicon_noun(t->w, &ln);
    const char *lemma = known ? ln.lemma : t->s;
    /* WordNet knows "celsius" is no plural */
    bool plural = known ? strcmp(ln.lemma, t->w) != 0 : is_plural(t);
    enum lex_kind kind = known ? ln.kind : LEX_UNKNOWN;
    /* "a wiki: pages ...", "Fleet log: ...", "a reports app": the product */
    if ((colon_head && !plural) || word_in(p, i + 1, app_nouns))
        return false;
    if (kind == LEX_FIELD || (kind == LEX_GROUP && !plural))
        return false;
    /* "records distance": a verb the parser took for a noun */
    if ((in_set(t->w, list_verbs) || in_set(t->w, have_verbs)) &&
        linked(rd, j, "D", false, NULL) < 0 && is_content(p, i + 1))
        return false;
    if (!plural && !(kind == LEX_THING && singular_thing(p, rd, j)))
        return false;
    *why = kind == LEX_THING   ? "WordNet files it under things a backend stores"
           : kind == LEX_GROUP ? "a group the prompt counts in the plural"
                               : "a plural noun WordNet does not know";
    char phrase[WORD_MAX * 2 + 2];
    int m = rd->mod[j];
    if (m >= 0)
        snprintf(phrase, sizeof(phrase), "%s %s", p->t[m].w, lemma);
    else
        snprintf(phrase, sizeof(phrase), "%s", lemma);
    return inflect_snake(phrase, snake, size) == 0 && snake[0] &&
           isalpha((unsigned char)snake[0]) && strlen(snake) <= 48;
}

/* Compound modifiers: "time" in "time slots" (an AN link from a bare singular noun). */
static void reading_compounds(const struct plan *p, struct reading *rd)
{
    for (int j = 0; j < rd->n; j++) {
        rd->mod[j] = -1;
        rd->ent[j] = -1;
    }
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!label_is(l->label, "AN") || l->r != l->l + 1)
            continue;
        int mt = rd->tok[l->l], ht = rd->tok[l->r];
        const struct tok *m = &p->t[mt];
        /* "record readings", "share documents": a verb, not a modifier; "blood pressure
         * measurements": three words are too many to name a table */
        char both[WORD_MAX * 2 + 2];
        struct lex_noun ln;
        snprintf(both, sizeof(both), "%s_%s", m->w, p->t[ht].s);
        bool known = lexicon_noun(both, &ln); /* "time_slot" is one noun */
        /* "blood pressure measurements": the modifier is itself a compound */
        char before[WORD_MAX * 2 + 2];
        snprintf(before, sizeof(before), "%s_%s", mt > 0 ? p->t[mt - 1].w : "", m->w);
        if (mt > 0 && p->t[mt - 1].kind == T_WORD && lexicon_noun(before, &ln))
            continue;
        if (mt + 1 != ht || is_plural(m) || m->poss || is_number(m->w) ||
            (in_set(m->w, stop_nouns) && !known) || in_set(m->w, function_words) || !m->w[0] ||
            in_set(m->w, list_verbs) || rd->r.pos[l->l] != 'n' ||
            (l->l > 0 && (linked(rd, l->l, "AN", false, NULL) >= 0 || rd->r.pos[l->l - 1] == 'n')))
            continue;
        rd->mod[l->r] = mt;
    }
    /* "purchase orders" at the start of a line reads as a verb and its object, but WordNet
     * knows "purchase_order": one noun */
    for (int j = 1; j < rd->n; j++) {
        const struct tok *m = &p->t[rd->tok[j - 1]], *h = &p->t[rd->tok[j]];
        char both[WORD_MAX * 2 + 2];
        struct lex_noun ln;
        snprintf(both, sizeof(both), "%s_%s", m->w, h->s);
        if (rd->mod[j] < 0 && h->kind == T_WORD && m->kind == T_WORD &&
            rd->tok[j - 1] + 1 == rd->tok[j] && !is_plural(m) && !m->poss && m->w[0] &&
            !in_set(m->w, function_words) && lexicon_noun(both, &ln) && ln.kind == LEX_THING) {
            rd->mod[j] = rd->tok[j - 1];
            if (!is_noun(p, rd, j))
                rd->r.pos[j] = 'n';
        }
    }
    /* "start parking sessions": the parser reads "parking" as the verb's gerund, but a noun
     * that WordNet knows, between a verb and a plural noun, names the kind */
    for (int j = 1; j < rd->n; j++) {
        const struct tok *g = &p->t[rd->tok[j - 1]], *h = &p->t[rd->tok[j]];
        size_t gl = strlen(g->w);
        struct lex_noun ln;
        if (rd->mod[j] >= 0 || !is_noun(p, rd, j) || !is_plural(h) || gl < 6 ||
            strcmp(g->w + gl - 3, "ing") != 0 || rd->tok[j - 1] + 1 != rd->tok[j] ||
            (rd->r.pos[j - 1] != 'v' && rd->r.pos[j - 1] != 'g') || !lexicon_noun(g->w, &ln))
            continue;
        bool after_verb =
            j >= 2 && rd->r.pos[j - 2] == 'v' &&
            !in_set(p->t[rd->tok[j - 2]].w,
                    (const char *const[]){"is", "are", "was", "were", "be", "been", "am", NULL});
        if (after_verb || j == 1)
            rd->mod[j] = rd->tok[j - 1];
    }
}

/* "time slots with a coach": the rules made "coach" a text column, but a person is a row of
 * a table of its own that the column refers to. Returns the new entity or -1. */
static int person_column(struct plan *p, const struct reading *rd, int j)
{
    const struct tok *t = &p->t[rd->tok[j]];
    struct lex_noun ln;
    int d = linked(rd, j, "D", false, NULL);
    if (is_plural(t) || d < 0 || !word_in(p, rd->tok[d], (const char *const[]){"a", "an", NULL}) ||
        in_set(t->w, user_words) || in_set(t->w, stop_nouns) || !lexicon_noun(t->w, &ln) ||
        !ln.person || head_count(p, t->s) != 1)
        return -1;
    for (int q = 0; q < p->ne; q++) {
        struct entity *e = &p->e[q];
        int fi = e->dropped ? -1 : field_find(e, t->s);
        if (fi < 0 || strcmp(e->fields[fi].type, "string") != 0)
            continue;
        memmove(&e->fields[fi], &e->fields[fi + 1],
                (size_t)(e->nfields - fi - 1) * sizeof(e->fields[0]));
        e->nfields--;
        int k = entity_add(p, t->s, vocab_named(t->s), rd->tok[j], rd->tok[j] + 1);
        if (k >= 0) {
            char n[NAME_MAX_], from[SNIPPET_MAX + 8];
            snippet(p, rd->tok[j], rd->tok[j] + 1, from, sizeof(from));
            note(p, p->guessed, "%s from \"%s\": a person, so a table, not a text column",
                 pascal(t->s, n, sizeof(n)), from);
            relate(p, q, k, "set_null", rd->tok[j], rd->tok[j] + 1);
        }
        return k;
    }
    return -1;
}

/* The entities of one reading: existing ones are found, new ones added. */
static void reading_entities(struct plan *p, struct reading *rd, bool colon_head)
{
    for (int j = 0; j < rd->n; j++) {
        if (!is_noun(p, rd, j))
            continue;
        bool modifier = false;
        for (int q = 0; q < rd->n; q++)
            modifier |= rd->mod[q] == rd->tok[j];
        if (modifier)
            continue;
        int i = rd->tok[j];
        struct lex_noun ln;
        const char *lemma = lexicon_noun(p->t[i].w, &ln) ? ln.lemma : p->t[i].s;
        int m = rd->mod[j];
        char compound[NAME_MAX_] = "";
        if (m >= 0) {
            char phrase[WORD_MAX * 2 + 2];
            snprintf(phrase, sizeof(phrase), "%s %s", p->t[m].w, lemma);
            if (inflect_snake(phrase, compound, sizeof(compound)) < 0)
                compound[0] = '\0';
        }
        int k = compound[0] ? entity_find(p, compound) : -1;
        if (k < 0 && (p->t[i].used || m < 0))
            k = entity_of_word(p, i, lemma);
        if (k >= 0 && compound[0] && strcmp(p->e[k].snake, compound) != 0 &&
            entity_find(p, compound) < 0 &&
            (head_count(p, p->t[i].s) == 1 || always_preceded(p, m, i)) &&
            (strcmp(p->e[k].snake, lemma) == 0 || strcmp(p->e[k].snake, p->t[i].s) == 0 ||
             strcmp(p->e[k].snake, p->t[m].s) == 0)) {
            /* "fuel purchases" planned as Purchase: one noun, FuelPurchase */
            int mk = entity_of_word(p, m, p->t[m].s);
            if (mk >= 0 && mk != k && head_count(p, p->t[m].s) == 1 && p->mention[m] >= 0 &&
                !p->parent[k][mk]) {
                /* "job" of "job listings" was no table, but says what the rows are: its
                 * default fields replace the head's */
                p->e[mk].dropped = true;
                struct entity *e = &p->e[k], *me = &p->e[mk];
                int nf = 0;
                for (int q = 0; q < e->nfields; q++)
                    if (e->fields[q].ref >= 0 || e->fields[q].explicit_)
                        e->fields[nf++] = e->fields[q];
                e->nfields = nf;
                for (int q = 0; q < me->nfields && e->nfields < MAX_FIELDS; q++)
                    if (me->fields[q].ref < 0 && field_find(e, me->fields[q].name) < 0)
                        e->fields[e->nfields++] = me->fields[q];
            }
            if (mk < 0 || mk == k || p->e[mk].dropped)
                rename_entity(p, k, compound);
        }
        int owner = k < 0 && !p->t[i].used ? field_owner(p, rd, j) : -1;
        /* "a label of up to 40 characters" after "each parcel has": the vocabulary's Label
         * was a guess the structure contradicts, when nothing else names or relates it */
        if (k >= 0 && m < 0 && !is_plural(&p->t[i]) && head_count(p, p->t[i].s) == 1) {
            bool related = false;
            for (int q = 0; q < p->ne; q++)
                related |= p->parent[q][k] || p->parent[k][q];
            int o = related ? -1 : field_owner(p, rd, j);
            if (o >= 0 && o != k) {
                p->e[k].dropped = true;
                owner = o;
            }
        }
        if (owner >= 0) {
            int a = m >= 0 ? m : i;
            char raw[WORD_MAX * 2 + 2], en[NAME_MAX_], from[SNIPPET_MAX + 8];
            snprintf(raw, sizeof(raw), "%s%s%s", m >= 0 ? p->t[m].w : "", m >= 0 ? " " : "",
                     p->t[i].s);
            struct field *f = field_add(p, owner, raw, true);
            if (f) {
                snippet(p, a, i + 1, from, sizeof(from));
                note(p, p->understood, "field %s.%s: %s (from \"%s\")",
                     pascal(p->e[owner].snake, en, sizeof(en)), f->name, f->type, from);
                mark_used(p, a, i + 1);
            }
            continue;
        }
        if (k < 0 && !p->t[i].used) {
            char snake[NAME_MAX_];
            const char *why = "";
            if (reading_candidate(p, rd, j, colon_head, snake, sizeof(snake), &why)) {
                int a = m >= 0 ? m : i;
                k = entity_find(p, snake);
                if (k < 0) {
                    k = entity_add(p, snake, vocab_named(snake), a, i + 1);
                    if (k >= 0) {
                        char n[NAME_MAX_], from[SNIPPET_MAX + 8];
                        snippet(p, a, i + 1, from, sizeof(from));
                        note(p, p->guessed, "%s from \"%s\": %s", pascal(snake, n, sizeof(n)),
                             from, why);
                    }
                }
                if (k >= 0)
                    mark_used(p, a, i + 1);
            }
        }
        if (k < 0 && m < 0 && p->t[i].used)
            k = person_column(p, rd, j);
        /* "deliveries per purchase order" after "purchase orders": the rules' Purchase was
         * the compound's first word */
        if (k >= 0 && m >= 0 && compound[0] && strcmp(p->e[k].snake, compound) == 0) {
            int mk = entity_of_word(p, m, p->t[m].s);
            if (mk >= 0 && mk != k && !p->e[mk].dropped && always_together(p, m, i))
                merge_entity(p, mk, k);
        }
        rd->ent[j] = k >= 0 && !p->e[k].dropped ? k : -1;
    }
}

/* The noun a preposition points at: its object, or what "one of" / "each of" picks. */
static int prep_object(const struct plan *p, const struct reading *rd, int prep)
{
    int y = linked(rd, prep, "J", true, NULL);
    if (y < 0 && strcmp(p->t[rd->tok[prep]].w, "per") == 0)
        y = linked(rd, prep, "U", true, NULL);
    if (y >= 0 && word_in(p, rd->tok[y],
                          (const char *const[]){"one", "each", "some", "any", "all", "most",
                                                "many", "none", "either", NULL})) {
        int of = linked(rd, y, "Mf", true, NULL);
        y = of >= 0 ? linked(rd, of, "J", true, NULL) : -1;
    }
    return y;
}

/* The word a clause's verb leads to through auxiliaries and passives ("can be tagged"):
 * fills chain[] with the verb words, returns how many; *passive when a "Pv" link is on it. */
static int verb_chain(const struct reading *rd, int v, int *chain, bool *passive)
{
    int n = 0;
    *passive = false;
    chain[n++] = v;
    for (int q = 0; q < n && n < 6; q++) {
        int from = 0, w;
        while ((w = linked(rd, chain[q], "P", true, &from)) >= 0 && n < 6) {
            /* "is booked" (Pv), "can be tagged" (Pa to a participle) */
            if (label_is(rd->r.links[from - 1].label, "Pv") ||
                (label_is(rd->r.links[from - 1].label, "Pa") && rd->r.pos[w] == 'v'))
                *passive = true;
            chain[n++] = w;
        }
        from = 0;
        while ((w = linked(rd, chain[q], "I", true, &from)) >= 0 && n < 6)
            chain[n++] = w;
    }
    return n;
}

/* Relations the structure states: passives ("booked by a client"), places ("each plant is
 * in a room"), attachments ("revisions of each page", "purchases per vehicle"),
 * possessives, many-to-many lists ("playlists of tracks") and self-references ("employees
 * have a manager"). */
static void reading_relations(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        int x = l->l;
        if (rd->ent[x] < 0)
            continue;
        int a = rd->tok[x];
        /* subject X of a clause: its prepositions after a passive or "is" */
        if (is_subject(l->label)) {
            int chain[6];
            bool passive;
            int nc = verb_chain(rd, l->r, chain, &passive);
            for (int q = 0; q < nc; q++) {
                for (int lk = 0; lk < rd->r.nlinks; lk++) {
                    const struct parse_link *m = &rd->r.links[lk];
                    if (m->l != chain[q] ||
                        !(label_is(m->label, "MV") || label_is(m->label, "Pp")))
                        continue;
                    const char *prep = p->t[rd->tok[m->r]].w;
                    const char *od = attach_on_delete(prep);
                    int y = prep_object(p, rd, m->r);
                    if (!od || y < 0 || rd->ent[y] < 0)
                        continue;
                    /* active verbs attach their object, not the subject: "drivers start
                     * sessions in zones" */
                    int child = rd->ent[x];
                    if (!passive && !label_is(m->label, "Pp")) {
                        int o = linked(rd, chain[q], "O", true, NULL);
                        if (o < 0 || rd->ent[o] < 0)
                            continue;
                        child = rd->ent[o];
                    }
                    relate(p, child, rd->ent[y], od, a, rd->tok[y] + 1);
                }
            }
            /* "pages organized in spaces": the parser dropped "in" and made spaces the
             * object of a participle; the pages are in the spaces */
            const struct tok *vt = &p->t[rd->tok[l->r]];
            size_t vl = strlen(vt->w);
            int po = linked(rd, l->r, "O", true, NULL);
            if (vl > 3 && strcmp(vt->w + vl - 2, "ed") == 0 && po >= 0 && rd->ent[po] >= 0 &&
                attach_on_delete(p->t[rd->tok[l->r] + 1].w) &&
                rd->tok[l->r] + 2 == rd->tok[po] - (linked(rd, po, "D", false, NULL) >= 0))
                relate(p, rd->ent[x], rd->ent[po], attach_on_delete(p->t[rd->tok[l->r] + 1].w), a,
                       rd->tok[po] + 1);
            /* "a repair has a status and an optional cost": the rules found no subject for
             * "has"; the parser did, and the rules read the list */
            int vt_i = rd->tok[l->r];
            if (in_set(vt->w, have_verbs) && vt_i + 1 < p->nt && !p->t[vt_i + 1].used &&
                !p->t[vt_i].used) {
                int end = vt_i + 1;
                while (end < p->nt && p->t[end].kind != T_STOP)
                    end++;
                p->t[vt_i].used = true;
                field_list(p, rd->ent[x], vt_i + 1, end, false, true);
            }
            /* "tickets can be tagged": labels that many rows share */
            if (passive && nc > 0) {
                static const struct join_verb labels[] = {
                    {"tagged", "tag"},           {"labelled", "label"},       {"labeled", "label"},
                    {"categorized", "category"}, {"categorised", "category"}, {NULL, NULL}};
                const char *pw = p->t[rd->tok[chain[nc - 1]]].w;
                for (const struct join_verb *q = labels; q->verb; q++)
                    if (strcmp(pw, q->verb) == 0 &&
                        linked(rd, chain[nc - 1], "MV", true, NULL) < 0) {
                        int tk = entity_find(p, q->entity);
                        if (tk < 0)
                            tk = entity_add(p, q->entity, vocab_named(q->entity),
                                            rd->tok[chain[nc - 1]], rd->tok[chain[nc - 1]] + 1);
                        if (tk >= 0 && tk != rd->ent[x])
                            join_entity(p, rd->ent[x], tk, a, rd->tok[chain[nc - 1]] + 1);
                        mark_used(p, rd->tok[chain[nc - 1]], rd->tok[chain[nc - 1]] + 1);
                    }
            }
            /* "employees have a manager": a person of the same table */
            int o = linked(rd, l->r, "O", true, NULL);
            if (o >= 0 && rd->ent[o] < 0 && word_in(p, rd->tok[l->r], have_verbs)) {
                struct lex_noun ln;
                const struct tok *ot = &p->t[rd->tok[o]];
                if (!is_plural(ot) && lexicon_noun(ot->w, &ln) && ln.person &&
                    !in_set(ot->w, user_words) &&
                    !in_set(ot->w, (const char *const[]){"user", "owner", "admin", "person",
                                                         "someone", "friend", NULL}))
                    self_reference(p, rd->ent[x], ot->w, a, rd->tok[o] + 1);
            }
        }
        /* "revisions of each page", "purchases per vehicle", "courses taught by ..." */
        bool participle = label_is(l->label, "Mv") || label_is(l->label, "MX");
        if (label_is(l->label, "Mp") || label_is(l->label, "Mf") || participle) {
            int heads[4], nh = 0;
            if (!participle)
                heads[nh++] = l->r;
            else {
                int from = 0, w;
                while ((w = linked(rd, l->r, "MV", true, &from)) >= 0 && nh < 4)
                    heads[nh++] = w;
            }
            for (int q = 0; q < nh; q++) {
                const char *prep = p->t[rd->tok[heads[q]]].w;
                const char *od = attach_on_delete(prep);
                /* "orders, each placed with a supplier" */
                if (!od && participle && strcmp(prep, "with") == 0)
                    od = "set_null";
                /* a noun's own "for", "to", "by" attach too loosely to say who owns whom */
                struct lex_noun yn;
                int yy = prep_object(p, rd, heads[q]);
                bool by_person = strcmp(prep, "by") == 0 && yy >= 0 &&
                                 lexicon_noun(p->t[rd->tok[yy]].w, &yn) && yn.person;
                if (!participle && !by_person &&
                    !in_set(prep, (const char *const[]){"of", "per", "in", "on", "at", "within",
                                                        "inside", "under", "from", NULL}))
                    continue; /* but "artworks by artists" names who made them */
                if (by_person && !participle)
                    od = "set_null";
                int y = prep_object(p, rd, heads[q]);
                if (!od || y < 0 || rd->ent[y] < 0 || rd->ent[y] == rd->ent[x])
                    continue;
                struct lex_noun ln;
                const struct tok *xt = &p->t[a], *yt = &p->t[rd->tok[y]];
                if (strcmp(prep, "of") == 0 && is_plural(xt) && is_plural(yt) &&
                    linked(rd, y, "D", false, NULL) < 0 && lexicon_noun(xt->w, &ln) &&
                    ln.collection)
                    join_entity(p, rd->ent[x], rd->ent[y], a, rd->tok[y] + 1);
                else
                    relate(p, rd->ent[x], rd->ent[y], od, a, rd->tok[y] + 1);
            }
        }
    }
    /* "each animal's vaccinations" */
    for (int j = 0; j + 1 < rd->n; j++) {
        if (rd->ent[j] < 0 || !p->t[rd->tok[j]].poss)
            continue;
        for (int q = j + 1; q < rd->n && q < j + 4; q++)
            if (rd->ent[q] >= 0) {
                relate(p, rd->ent[q], rd->ent[j], "cascade", rd->tok[j], rd->tok[q] + 1);
                break;
            }
    }
}

/* Weaker: "buyers make offers", "companies post listings": what a subject makes refers
 * to it. Runs after the vocabulary's usual parents, which know better. */
static void reading_objects(struct plan *p, struct reading *rd)
{
    for (int k = 0; k < rd->r.nlinks; k++) {
        const struct parse_link *l = &rd->r.links[k];
        if (!is_subject(l->label) || rd->ent[l->l] < 0)
            continue;
        int from = 0, o;
        int v = l->r;
        const struct tok *vt = &p->t[rd->tok[v]];
        bool have = in_set(vt->w, have_verbs);
        size_t vl = strlen(vt->w);
        if (vl > 3 && strcmp(vt->w + vl - 2, "ed") == 0)
            continue; /* a participle: "pages organized in spaces" is no maker */
        bool join = false;
        for (const struct join_verb *q = join_verbs; q->entity; q++)
            join |= strcmp(vt->w, q->verb) == 0;
        if (join)
            continue;
        while ((o = linked(rd, v, "O", true, &from)) >= 0) {
            if (rd->ent[o] < 0 || rd->ent[o] == rd->ent[l->l] ||
                p->parent[rd->ent[l->l]][rd->ent[o]] || p->parent[rd->ent[o]][rd->ent[l->l]])
                continue;
            relate(p, rd->ent[o], rd->ent[l->l], "cascade", rd->tok[l->l], rd->tok[o] + 1);
            if (!have) {
                char c[NAME_MAX_], s[NAME_MAX_], from_s[SNIPPET_MAX + 8];
                snippet(p, rd->tok[l->l], rd->tok[o] + 1, from_s, sizeof(from_s));
                note(p, p->guessed, "%s refers to the %s that made it (from \"%s\")",
                     pascal(p->e[rd->ent[o]].snake, c, sizeof(c)),
                     pascal(p->e[rd->ent[l->l]].snake, s, sizeof(s)), from_s);
            }
        }
    }
}

/* "Backend for a dog walking business", "a school's classrooms": a singular word for a
 * group in the first sentence, never the subject of a clause, names the product when the
 * prompt names other tables. */
static void reading_products(struct plan *p)
{
    int live = 0;
    for (int k = 0; k < p->ne; k++)
        live += !p->e[k].dropped;
    for (int k = 0; k < p->ne && live > 2; k++) {
        bool seen = false, product = !p->e[k].dropped;
        int at = -1;
        for (int q = 0; q < p->nreadings && product; q++) {
            const struct reading *rd = &p->readings[q];
            for (int j = 0; j < rd->n && product; j++) {
                if (rd->ent[j] != k)
                    continue;
                struct lex_noun ln;
                const struct tok *t = &p->t[rd->tok[j]];
                seen = true;
                at = rd->tok[j];
                product = rd->sentence == 0 && !is_plural(t);
                for (int l = 0; l < rd->r.nlinks && product; l++)
                    if (rd->r.links[l].l == j && is_subject(rd->r.links[l].label))
                        product = false;
                product = product && lexicon_noun(t->w, &ln) && ln.kind == LEX_GROUP;
            }
        }
        /* a relation the phrase rules read, or any other mention of it (a plural
         * elsewhere), makes it a table */
        for (int q = 0; q < p->ne; q++)
            if (p->parent[q][k] || p->parent[k][q])
                product = false;
        if (seen && product && head_count(p, p->t[at].s) == 1) {
            char from[SNIPPET_MAX + 8];
            snippet(p, at, at + 1, from, sizeof(from));
            note(p, p->understood, "\"%s\" names the product, not a table (a group word)", from);
            p->e[k].dropped = true;
            live--;
            for (int q = 0; q < p->nreadings; q++)
                for (int j = 0; j < p->readings[q].n; j++)
                    if (p->readings[q].ent[j] == k)
                        p->readings[q].ent[j] = -1;
        }
    }
}

/* The entity a sentence is about at token i: the nearest noun before it (or at it) that
 * the parser tied to an entity, in the same sentence; -1. */
static int entity_before(const struct plan *p, const short *te, int i)
{
    for (int j = i; j >= 0 && p->t[j].kind != T_STOP; j--)
        if (te[j] >= 0 && !p->e[te[j]].dropped)
            return te[j];
    return -1;
}

static bool numeric_type(const struct field *f)
{
    return !strcmp(f->type, "integer") || !strcmp(f->type, "float") || !strcmp(f->type, "decimal");
}

/* Words A, B or C from token i (for "one of open, closed, archived") into vals as an enum
 * list; returns the index after them, or i when fewer than two values. */
static int value_list(const struct plan *p, int i, char *vals, size_t size)
{
    int j = i, nv = 0;
    size_t vn = 0;
    vals[0] = '\0';
    while (j < p->nt && p->t[j].kind == T_WORD && nv < 20) {
        char v[NAME_MAX_];
        if (!is_content(p, j) || inflect_snake(p->t[j].w, v, sizeof(v)) < 0 || !v[0] ||
            vn + strlen(v) + 2 >= size)
            break;
        vn += (size_t)snprintf(vals + vn, size - vn, "%s%s", vn ? "|" : "", v);
        nv++;
        j++;
        if (j < p->nt && (p->t[j].kind == T_COMMA || is_word(p, j, "or") || is_word(p, j, "and")))
            j++;
        if (is_word(p, j, "or") || is_word(p, j, "and"))
            j++;
    }
    return nv >= 2 ? j : i;
}

static void set_enum(struct field *f, const char *vals)
{
    f->type = "enum";
    snprintf(f->values, sizeof(f->values), "%s", vals);
    f->max_length = 0;
    f->has_min = f->has_max = false;
    f->has_default = true;
    snprintf(f->def, sizeof(f->def), "%.*s", (int)strcspn(vals, "|"), vals);
}

/* Constraints said in words after a field's name: "a title of up to 200 characters", "a
 * score between 0 and 100", "at least 1", "a state that is one of open, closed, archived",
 * "defaults to 3"; and "articles are either draft or published" (a status enum). */
static void read_constraints(struct plan *p)
{
    short te[MAX_TOKENS];
    for (int i = 0; i < p->nt; i++)
        te[i] = -1;
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] >= 0)
                te[p->readings[q].tok[j]] = (short)p->readings[q].ent[j];
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        char vals[VALUES_MAX], en[NAME_MAX_], from[SNIPPET_MAX + 8];
        if (is_word(p, i, "either")) {
            int k = entity_before(p, te, i);
            int j = value_list(p, i + 1, vals, sizeof(vals));
            if (k >= 0 && j > i + 1) {
                struct field *f = field_add(p, k, "status", true);
                if (f && strcmp(f->type, "reference") != 0) {
                    set_enum(f, vals);
                    mark_used(p, i, j);
                    snippet(p, i, j, from, sizeof(from));
                    note(p, p->understood, "field %s.status: enum (from \"%s\")",
                         pascal(p->e[k].snake, en, sizeof(en)), from);
                }
            }
            continue;
        }
        int k = entity_before(p, te, i);
        if (k < 0)
            continue;
        struct entity *e = &p->e[k];
        int fi = field_find(e, p->t[i].s);
        if (fi < 0)
            fi = field_find(e, p->t[i].w);
        int j = skip_words(p, i + 1, p->nt,
                           (const char *const[]){"that", "which", "is", "are", "of", "must", "be",
                                                 "can", "should", "will", "has", NULL});
        /* "a level that is one of beginner, ...": the list makes the noun a field */
        if (fi < 0 && te[i] < 0 && is_word(p, j, "one") && is_word(p, j + 1, "of") &&
            !is_plural(&p->t[i]) && value_list(p, j + 2, vals, sizeof(vals)) > j + 2 &&
            field_add(p, k, p->t[i].s, true))
            fi = field_find(e, p->t[i].s);
        if (fi < 0 || e->fields[fi].ref >= 0)
            continue;
        struct field *f = &e->fields[fi];
        long n1 = 0, n2 = 0;
        bool said = false;
        if (is_word(p, j, "one") && is_word(p, j + 1, "of")) {
            int end = value_list(p, j + 2, vals, sizeof(vals));
            if (end > j + 2) {
                set_enum(f, vals);
                j = end;
                said = true;
            }
        } else if (((is_word(p, j, "up") || is_word(p, j, "at")) &&
                    (is_word(p, j + 1, "to") || is_word(p, j + 1, "most")) &&
                    is_number(p->t[j + 2].w)) ||
                   (word_in(p, j, (const char *const[]){"max", "maximum", NULL}) &&
                    is_number(p->t[j + 1].w))) {
            int at = is_number(p->t[j + 1].w) ? j + 1 : j + 2;
            n1 = strtol(p->t[at].w, NULL, 10);
            j = at + 1;
            bool chars =
                word_in(p, j, (const char *const[]){"characters", "chars", "letters", NULL});
            if (chars && strcmp(f->type, "string") == 0 && n1 > 0 && n1 <= 10000) {
                f->max_length = (int)n1;
                j++;
                said = true;
            } else if (numeric_type(f) && !chars) {
                f->has_max = true;
                f->max = n1;
                said = true;
            }
        } else if (is_word(p, j, "at") && is_word(p, j + 1, "least") && is_number(p->t[j + 2].w) &&
                   numeric_type(f)) {
            f->has_min = true;
            f->min = strtol(p->t[j + 2].w, NULL, 10);
            j += 3;
            said = true;
        } else if ((is_word(p, j, "between") || is_word(p, j, "from")) &&
                   is_number(p->t[j + 1].w) &&
                   (is_word(p, j + 2, "and") || is_word(p, j + 2, "to")) &&
                   is_number(p->t[j + 3].w) && numeric_type(f)) {
            n1 = strtol(p->t[j + 1].w, NULL, 10);
            n2 = strtol(p->t[j + 3].w, NULL, 10);
            if (n1 <= n2) {
                f->has_min = f->has_max = true;
                f->min = n1;
                f->max = n2;
                j += 4;
                said = true;
            }
        } else if ((is_word(p, j, "defaults") || is_word(p, j, "default")) &&
                   (is_word(p, j + 1, "to") || is_word(p, j + 1, "is"))) {
            const char *v = j + 2 < p->nt ? p->t[j + 2].w : "";
            bool ok = v[0] && p->t[j + 2].kind == T_WORD;
            if (ok && !strcmp(f->type, "boolean"))
                ok = !strcmp(v, "true") || !strcmp(v, "false");
            else if (ok && numeric_type(f))
                ok = is_number(v);
            if (ok) {
                char def[sizeof(f->def)];
                snprintf(def, sizeof(def), "%s", v); /* v is a token of p, f->def too */
                memcpy(f->def, def, sizeof(def));
                f->has_default = true;
                j += 3;
                said = true;
            }
        }
        if (said) {
            mark_used(p, i, j);
            snippet(p, i, j, from, sizeof(from));
            note(p, p->understood, "%s.%s: %s (from \"%s\")", pascal(e->snake, en, sizeof(en)),
                 f->name, !strcmp(f->type, "enum") ? "enum of the values listed" : "limits", from);
            i = j - 1;
        }
    }
}

/* "Warehouse stock: products are kept on shelves...": a singular word that only the
 * heading before the first colon says, in front of another noun, names the product. */
static void heading_products(struct plan *p)
{
    int colon = -1;
    for (int i = 0; i < p->nt && i < 5 && colon < 0; i++)
        if (p->t[i].kind == T_COLON)
            colon = i;
        else if (p->t[i].kind == T_STOP)
            break;
    for (int k = 0; k < p->ne && colon > 1; k++) {
        bool related = p->e[k].dropped;
        for (int q = 0; q < p->ne; q++)
            related |= p->parent[q][k] || p->parent[k][q];
        int at = -1, n = 0;
        for (int i = 0; i < p->nt; i++)
            if (p->t[i].kind == T_WORD && strcmp(p->t[i].s, p->e[k].snake) == 0) {
                at = i;
                n++;
            }
        if (related || n != 1 || at >= colon - 1 || is_plural(&p->t[at]) || !is_content(p, at + 1))
            continue;
        char from[SNIPPET_MAX + 8];
        snippet(p, 0, colon, from, sizeof(from));
        note(p, p->understood, "\"%s\" names the product, not a table", from);
        p->e[k].dropped = true;
    }
}

/* Parses every sentence of the prompt and adds what the phrase rules missed (entities);
 * the relations wait until every sentence has named its entities. */
static void read_sentences(struct plan *p)
{
    if (planner_init() < 0) {
        note(p, p->guessed,
             "phrase rules only: Link Grammar's or WordNet's English data is "
             "not installed");
        return;
    }
    int s = 0, sentence = 0, spent = 0;
    for (int i = 0; i <= p->nt && p->nreadings < MAX_READINGS; i++) {
        bool end = i == p->nt || p->t[i].kind == T_STOP || p->t[i].kind == T_COLON;
        if (!end)
            continue;
        if (spent > PARSE_BUDGET) {
            char from[SNIPPET_MAX + 8];
            snippet(p, s, p->nt, from, sizeof(from));
            note(p, p->guessed,
                 "\"%s\": read by the phrase rules only (the parser's work for a prompt "
                 "was spent)",
                 from);
            break;
        }
        struct reading *rd = &p->readings[p->nreadings];
        const char *words[PARSE_MAX_WORDS];
        int n = i > s ? reading_words(p, s, i, rd, words) : 0;
        int r = n < 0 ? -E2BIG : n < 2 ? -ENODATA : parse_sentence(words, n, &rd->r);
        spent += n > 0 ? n * n : 0;
#ifdef PLANNER_DEBUG
        if (r == 0) {
            for (int q = 0; q < rd->r.nlinks; q++)
                fprintf(stderr, " %s:%s-%s", rd->r.links[q].label, words[rd->r.links[q].l],
                        words[rd->r.links[q].r]);
            fprintf(stderr, "\n");
            for (int q = 0; q < n; q++)
                fprintf(stderr, " %s.%c", words[q], rd->r.pos[q] ? rd->r.pos[q] : '-');
            fprintf(stderr, "\n");
        }
#endif
        if (r == 0) {
            rd->n = n;
            rd->sentence = sentence;
            reading_compounds(p, rd);
            reading_entities(p, rd, i < p->nt && p->t[i].kind == T_COLON && s == 0);
            p->nreadings++;
        } else if (n < 0 || n >= 2) {
            char from[SNIPPET_MAX + 8];
            snippet(p, s, i, from, sizeof(from));
            note(p, p->guessed, "\"%s\": read by the phrase rules only (the parser %s)", from,
                 r == -ETIMEDOUT ? "ran out of time"
                 : r == -E2BIG   ? "takes at most 32 words a sentence"
                                 : "found no reading");
        }
        s = i + 1;
        sentence += i < p->nt && p->t[i].kind == T_STOP;
    }
    /* entities named in a later sentence are known now: look again, then relate */
    for (int q = 0; q < p->nreadings; q++)
        for (int j = 0; j < p->readings[q].n; j++)
            if (p->readings[q].ent[j] < 0 && is_noun(p, &p->readings[q], j)) {
                const struct tok *t = &p->t[p->readings[q].tok[j]];
                int k = entity_find(p, t->s);
                if (k >= 0 && !p->e[k].dropped && p->readings[q].mod[j] < 0)
                    p->readings[q].ent[j] = k;
            }
    reading_products(p);
    heading_products(p);
    for (int q = 0; q < p->nreadings; q++)
        reading_relations(p, &p->readings[q]);
    read_constraints(p);
}

/* ---- whole prompt -------------------------------------------------------------------- */

static void detect_auth(struct plan *p)
{
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        const char *w = p->t[i].w;
        bool hit =
            in_set(w, auth_words) ||
            ((strcmp(w, "log") == 0 || strcmp(w, "logs") == 0 || strcmp(w, "sign") == 0 ||
              strcmp(w, "signs") == 0) &&
             (is_word(p, i + 1, "in") || is_word(p, i + 1, "up") || is_word(p, i + 1, "on")));
        if (hit && !p->auth) {
            char from[SNIPPET_MAX + 8];
            snippet(p, i, i + 1 + (in_set(w, auth_words) ? 0 : 1), from, sizeof(from));
            note(p, p->understood, "authentication on: register, login and me (from \"%s\")",
                 from);
            p->auth = true;
        }
        if (hit)
            p->t[i].used = true;
        if (in_set(w, own_words) || (strcmp(w, "per") == 0 && is_word(p, i + 1, "user")) ||
            (p->t[i].poss && in_set(w, (const char *const[]){"user", "users", NULL}))) {
            /* "their" alone is too weak: it counts with "own" only */
            if (strcmp(w, "their") == 0 && !is_word(p, i + 1, "own"))
                continue;
            if (!p->own_all) {
                char from[SNIPPET_MAX + 8];
                snippet(p, i, i + 2, from, sizeof(from));
                note(p, p->understood, "every entity is per-user data (from \"%s\")", from);
            }
            p->own_all = true;
            p->t[i].used = true;
        }
    }
}

/* Vocabulary mentions that no phrase used are still entities (the vocabulary is the
 * planner's most reliable knowledge), except fieldish words in the singular. */
static void leftover_mentions(struct plan *p)
{
    for (int i = 0; i < p->nt; i++) {
        if (p->mention[i] < 0)
            continue;
        const struct vocab_entity *v = &vocab_entities[p->mention[i]];
        int end = p->mention_end[i];
        const struct tok *last = &p->t[end - 1];
        if (p->t[i].used && entity_by_vocab(p, v->name) < 0)
            continue; /* consumed as a field ("contacts with notes") */
        if ((v->flags & VOCAB_FIELDISH) && !is_plural(last))
            continue;
        /* "a blog backend with posts", "an API for a school: teachers, ...": a singular
         * word naming the product is its domain, not one of its tables, when the prompt
         * names other things */
        int after = end;
        while (after < end + 2 && word_in(p, after, stop_nouns) && !word_in(p, after, app_nouns))
            after++;
        bool product = word_in(p, after, app_nouns) ||
                       (i < 3 && after < p->nt && p->t[after].kind == T_COLON) ||
                       (word_in(p, i - 1, (const char *const[]){"a", "an", "the", NULL}) &&
                        is_word(p, i - 2, "for") && word_in(p, i - 3, app_nouns));
        if (product && !is_plural(last) && p->ne > 0) {
            char from[SNIPPET_MAX + 8];
            snippet(p, i, end, from, sizeof(from));
            note(p, p->understood, "\"%s\" names the product, not a table", from);
            mark_used(p, i, end);
            continue;
        }
        entity_from_mention(p, i);
    }
}

/* Default parents from the vocabulary, for pairs the prompt did not relate. */
static void vocab_parents(struct plan *p)
{
    for (int c = 0; c < p->ne; c++) {
        const struct vocab_entity *v = p->e[c].v;
        if (!v || !v->parents)
            continue;
        const char *g = v->parents;
        while (*g) {
            while (*g == ' ')
                g++;
            size_t gl = strcspn(g, " ");
            /* alternatives: the first present wins */
            const char *a = g;
            while (a < g + gl) {
                size_t al = strcspn(a, "|");
                if (a + al > g + gl)
                    al = (size_t)(g + gl - a);
                char name[NAME_MAX_];
                snprintf(name, sizeof(name), "%.*s", (int)al, a);
                const char *od = "cascade";
                size_t nl = strlen(name);
                if (nl && name[nl - 1] == '?') {
                    od = "set_null";
                    name[--nl] = '\0';
                } else if (nl && name[nl - 1] == '~') {
                    od = "restrict";
                    name[--nl] = '\0';
                }
                int par = entity_by_vocab(p, name);
                if (par >= 0 && par != c) {
                    if (!p->parent[par][c])
                        relate(p, c, par, od, -1, -1);
                    break;
                }
                a += al + (a[al] == '|' ? 1 : 0);
            }
            g += gl;
        }
    }
}

/* Products whose name says what they store: "a URL shortener" keeps links. */
static void implied_entities(struct plan *p)
{
    static const struct join_verb products[] = {
        {"shortener", "link"}, {"bookmarker", "link"},   {"to-do", "task"}, {"todo", "task"},
        {"blog", "post"},      {"guestbook", "message"}, {NULL, NULL}};
    if (p->ne > 0)
        return;
    for (int i = 0; i < p->nt; i++)
        for (const struct join_verb *q = products; q->verb; q++)
            if (is_word(p, i, q->verb)) {
                const struct vocab_entity *v = NULL;
                for (size_t k = 0; k < vocab_n_entities && !v; k++)
                    if (strcmp(vocab_entities[k].name, q->entity) == 0)
                        v = &vocab_entities[k];
                if (entity_add(p, q->entity, v, i, i + 1) >= 0)
                    p->t[i].used = true;
                return;
            }
}

/* Class names the generated code cannot use (Python keywords and builtins, classes it
 * imports or defines, routes it owns): prefixed with the product's first word, or given a
 * plain suffix ("class" → "gym_class" in a gym app). */
static void safe_entity_names(struct plan *p)
{
    /* review refuses these as class names: Python keywords, classes the generated code
     * imports or defines, and plurals that collide with generated routes */
    static const char *const risky[] = {
        "class",     "session",  "token",    "page",    "health",    "settings", "index",
        "form",      "request",  "response", "query",   "path",      "header",   "body",
        "field",     "text",     "string",   "date",    "list",      "sequence", "base",
        "float",     "integer",  "numeric",  "json",    "any",       "optional", "literal",
        "union",     "decimal",  "enum",     "warning", "exception", "column",   "boolean",
        "mapped",    "doc",      "auth",     "static",  "redoc",     "uuid",     "dict",
        "date_time", "pass",     "global",   "import",  "return",    "yield",    "with",
        "from",      "lambda",   "try",      "del",     "none",      "true",     "false",
        "await",     "async",    "raise",    "assert",  "break",     "continue", "def",
        "elif",      "else",     "except",   "finally", "for",       "if",       "in",
        "is",        "nonlocal", "not",      "or",      "and",       "while",    "as",
        NULL};
    char prefix[WORD_MAX] = "";
    for (int i = 0; i < p->nt && i < 12 && !prefix[0]; i++)
        if (is_content(p, i) && !in_set(p->t[i].w, stop_nouns) &&
            isalpha((unsigned char)p->t[i].w[0]) &&
            strspn(p->t[i].w, "abcdefghijklmnopqrstuvwxyz") == strlen(p->t[i].w))
            snprintf(prefix, sizeof(prefix), "%s", p->t[i].w);
    for (int k = 0; k < p->ne; k++) {
        struct entity *e = &p->e[k];
        if (!in_set(e->snake, risky))
            continue;
        char snake[NAME_MAX_ * 2];
        int par = -1;
        for (int q = 0; q < p->ne && par < 0; q++)
            if (p->parent[k][q])
                par = q;
        /* "SpacePage" would be the schema class of a page of Space entities */
        bool suffix = in_set(e->snake, (const char *const[]){"page", "list", NULL});
        if (par >= 0 && !suffix)
            snprintf(snake, sizeof(snake), "%s_%s", p->e[par].snake, e->snake);
        else if (prefix[0] && strcmp(prefix, e->snake) != 0 &&
                 !(suffix && entity_find(p, prefix) >= 0))
            snprintf(snake, sizeof(snake), "%s_%s", prefix, e->snake);
        else
            snprintf(snake, sizeof(snake), "%s_record", e->snake);
        if (strlen(snake) >= NAME_MAX_ || entity_find(p, snake) >= 0)
            snprintf(snake, sizeof(snake), "%s_record", e->snake);
        char a[NAME_MAX_], b[NAME_MAX_];
        note(p, p->understood, "%s renamed %s: the generated code already uses that name",
             pascal(e->snake, a, sizeof(a)), pascal(snake, b, sizeof(b)));
        snprintf(e->snake, sizeof(e->snake), "%s", snake);
        /* reference fields to it keep pointing at the index, but their names follow */
        for (int c = 0; c < p->ne; c++)
            for (int q = 0; q < p->e[c].nfields; q++)
                if (p->e[c].fields[q].ref == k) {
                    char fname[NAME_MAX_ * 2];
                    snprintf(fname, sizeof(fname), "%s_id", snake);
                    if (strlen(fname) < NAME_MAX_)
                        snprintf(p->e[c].fields[q].name, NAME_MAX_, "%s", fname);
                }
    }
}

/* "orders have many items": a generic item under an order is an order item. */
static void refine_items(struct plan *p)
{
    for (int k = 0; k < p->ne; k++) {
        if (strcmp(p->e[k].snake, "item") != 0)
            continue;
        for (int par = 0; par < p->ne; par++) {
            if (!p->parent[k][par])
                continue;
            char snake[NAME_MAX_ + 8];
            snprintf(snake, sizeof(snake), "%s_item", p->e[par].snake);
            if (strlen(snake) >= NAME_MAX_ || entity_find(p, snake) >= 0)
                break;
            snprintf(p->e[k].snake, sizeof(p->e[k].snake), "%s", snake);
            char n[NAME_MAX_];
            note(p, p->understood, "items of %s are %s", pascal(p->e[par].snake, n, sizeof(n)),
                 snake);
            break;
        }
    }
}

/* Words that carry no wish of their own: a run of unused words made only of these is not
 * worth an "ignored" note. */
static const char *const grammar_words[] = {
    "a",      "an",       "the",   "and",     "or",     "of",    "for",    "to",    "in",
    "on",     "at",       "by",    "with",    "from",   "into",  "within", "per",   "each",
    "every",  "all",      "any",   "some",    "their",  "its",   "his",    "her",   "our",
    "my",     "your",     "this",  "that",    "these",  "those", "which",  "who",   "where",
    "when",   "while",    "so",    "as",      "be",     "is",    "are",    "was",   "were",
    "been",   "being",    "can",   "could",   "should", "would", "will",   "may",   "might",
    "must",   "shall",    "do",    "does",    "did",    "have",  "has",    "had",   "it",
    "they",   "them",     "we",    "i",       "you",    "he",    "she",    "also",  "then",
    "than",   "just",     "only",  "please",  "want",   "wants", "need",   "needs", "let",
    "lets",   "me",       "us",    "like",    "etc",    "e.g",   "eg",     "i'd",   "we'd",
    "im",     "there",    "here",  "both",    "get",    "gets",  "make",   "build", "create",
    "write",  "generate", "using", "use",     "via",    "one",   "many",   "more",  "other",
    "others", "own",      "api",   "backend", "app",    NULL};

/* Unused words become "ignored" notes, one per run ("with a beautiful UI"). */
static void note_ignored(struct plan *p)
{
    int i = 0;
    while (i < p->nt) {
        if (p->t[i].used || p->t[i].kind != T_WORD) {
            i++;
            continue;
        }
        int a = i, b = i;
        while (b < p->nt && !p->t[b].used && p->t[b].kind == T_WORD)
            b++;
        i = b;
        while (a < b && word_in(p, a, grammar_words))
            a++;
        while (b > a && word_in(p, b - 1, grammar_words))
            b--;
        if (a >= b)
            continue;
        char from[SNIPPET_MAX + 8];
        snippet(p, a, b, from, sizeof(from));
        if (from[0])
            note(p, p->ignored, "\"%s\"", from);
    }
}

static const char *const name_skip[] = {
    "a",        "an",     "the",    "simple", "small", "basic",    "little", "new",   "rest",
    "restful",  "json",   "web",    "online", "i",     "need",     "want",   "build", "me",
    "please",   "create", "make",   "for",    "my",    "our",      "just",   "we",    "to",
    "generate", "write",  "design", "tiny",   "quick", "complete", NULL};

/* Slug and title from the words before the first product noun ("a todo API" → todo-api). */
static void name_and_title(struct plan *p, char *slug, size_t ssize, char *title, size_t tsize)
{
    int head = -1;
    for (int i = 0; i < p->nt && i < 40; i++) {
        if (p->t[i].kind == T_STOP)
            break;
        /* "Store recipes ..." starts with a verb, not the product */
        if (word_in(p, i, app_nouns) && !is_word(p, i + 1, "of") &&
            !(i == 0 && word_in(p, i, list_verbs))) {
            head = i;
            break;
        }
    }
    int a = -1, b = -1;
    if (head >= 0) {
        a = head;
        while (a > 0 && a > head - 3 && p->t[a - 1].kind == T_WORD &&
               !in_set(p->t[a - 1].w, name_skip) &&
               (is_content(p, a - 1) || p->mention[a - 1] >= 0 ||
                in_set(p->t[a - 1].w, (const char *const[]){"management", "tracking", NULL})))
            a--;
        b = head + 1;
        if (a == head && head + 2 < p->nt && is_word(p, head + 1, "for") &&
            p->t[head + 2].kind == T_WORD) {
            /* "an API for a small bookshop" → bookshop-api */
            int q = skip_words(p, head + 2, p->nt, name_skip);
            if (q < p->nt && is_content(p, q) && !word_in(p, q, app_nouns)) {
                char w0[WORD_MAX];
                snprintf(w0, sizeof(w0), "%s", p->t[q].w);
                snprintf(slug, ssize, "%s-%s", w0, p->t[head].w);
                mark_used(p, head, q + 1);
                goto out;
            }
        }
    } else if (p->nt > 1) {
        /* "Fleet management: ..." */
        int c = -1;
        for (int i = 0; i < p->nt && i < 6; i++)
            if (p->t[i].kind == T_COLON) {
                c = i;
                break;
            }
        if (c > 0) {
            a = 0;
            b = c;
        }
    }
    if (a >= 0 && b > a) {
        mark_used(p, a, b);
        size_t n = 0;
        slug[0] = '\0';
        for (int i = a; i < b && n + 2 < ssize; i++) {
            if (p->t[i].kind != T_WORD)
                continue;
            int r = snprintf(slug + n, ssize - n, "%s%s", n ? "-" : "", p->t[i].w);
            if (r < 0 || (size_t)r >= ssize - n)
                break;
            n += (size_t)r;
        }
    } else if (p->ne > 0) {
        char pl[NAME_MAX_ + 8];
        if (inflect_plural(p->e[0].snake, pl, sizeof(pl)) < 0)
            snprintf(pl, sizeof(pl), "%s", p->e[0].snake);
        snprintf(slug, ssize, "%s-api", pl);
    } else {
        snprintf(slug, ssize, "backend");
    }
out:;
    /* slug: [a-z0-9-], single dashes, at most 48 bytes */
    char clean[64];
    size_t k = 0;
    for (size_t i = 0; slug[i] && k + 1 < sizeof(clean) && k < 48; i++) {
        char c = (char)tolower((unsigned char)slug[i]);
        if (isalnum((unsigned char)c))
            clean[k++] = c;
        else if (k > 0 && clean[k - 1] != '-')
            clean[k++] = '-';
    }
    while (k > 0 && clean[k - 1] == '-')
        k--;
    clean[k] = '\0';
    if (!clean[0] || !isalpha((unsigned char)clean[0]))
        snprintf(slug, ssize, "backend%s%.48s", clean[0] ? "-" : "", clean);
    else
        snprintf(slug, ssize, "%s", clean);
    /* title: words capitalized, acronyms upper */
    size_t tn = 0;
    bool up = true;
    char word[64];
    size_t wn = 0;
    for (size_t i = 0;; i++) {
        char c = slug[i];
        if (c == '-' || c == '\0') {
            word[wn] = '\0';
            if (in_set(word,
                       (const char *const[]){"api", "crm", "hr", "url", "erp", "cms", "id", NULL}))
                for (size_t q = 0; q < wn; q++)
                    word[q] = (char)toupper((unsigned char)word[q]);
            else if (wn)
                word[0] = (char)toupper((unsigned char)word[0]);
            int r = snprintf(title + tn, tsize - tn, "%s%s", tn ? " " : "", word);
            if (r > 0 && (size_t)r < tsize - tn)
                tn += (size_t)r;
            wn = 0;
            if (!c)
                break;
            continue;
        }
        if (wn + 1 < sizeof(word))
            word[wn++] = c;
        (void)up;
    }
}

/* The first sentence, whitespace collapsed, at most 300 bytes (cut on a UTF-8 boundary). */
static void first_sentence(const char *s, size_t n, char *out, size_t size)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n && k + 1 < size && k < 300; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) {
            space = k > 0;
            if (c == '\n' && k > 0)
                break;
            continue;
        }
        if (space && k + 2 < size) {
            out[k++] = ' ';
            space = false;
        }
        out[k++] = (char)c;
        if ((c == '.' || c == '!' || c == '?') && (i + 1 >= n || isspace((unsigned char)s[i + 1])))
            break;
    }
    while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80 &&
           !((unsigned char)out[k - 1] < 0x80)) {
        /* drop a trailing partial sequence */
        size_t st = k - 1;
        while (st > 0 && ((unsigned char)out[st] & 0xc0) == 0x80)
            st--;
        unsigned char lead = (unsigned char)out[st];
        size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (k - st == need)
            break;
        k = st;
    }
    if (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0xc0)
        k--;
    out[k] = '\0';
}

static json_t *field_json(const struct plan *p, const struct field *f)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "name", json_string(f->name));
    json_object_set_new(o, "type", json_string(f->type));
    if (f->required)
        json_object_set_new(o, "required", json_true());
    if (f->unique)
        json_object_set_new(o, "unique", json_true());
    bool textual = !strcmp(f->type, "string");
    if (textual && f->max_length > 0)
        json_object_set_new(o, "max_length", json_integer(f->max_length));
    bool numeric =
        !strcmp(f->type, "integer") || !strcmp(f->type, "float") || !strcmp(f->type, "decimal");
    if (numeric && f->has_min)
        json_object_set_new(o, "min", json_integer(f->min));
    if (numeric && f->has_max)
        json_object_set_new(o, "max", json_integer(f->max));
    if (!strcmp(f->type, "enum")) {
        json_t *vals = json_array();
        char tmp[VALUES_MAX];
        snprintf(tmp, sizeof(tmp), "%s", f->values);
        for (char *save = NULL, *s = strtok_r(tmp, "|", &save); s; s = strtok_r(NULL, "|", &save))
            json_array_append_new(vals, json_string(s));
        json_object_set_new(o, "values", vals);
    }
    if (f->has_default) {
        json_t *d = NULL;
        if (!strcmp(f->type, "boolean"))
            d = json_boolean(strcmp(f->def, "true") == 0);
        else if (!strcmp(f->type, "integer")) {
            long v = strtol(f->def, NULL, 10);
            if (f->has_min && v < f->min)
                v = f->min;
            d = json_integer(v);
        } else if (!strcmp(f->type, "float") || !strcmp(f->type, "decimal"))
            d = json_real(strtod(f->def, NULL));
        else if (!strcmp(f->type, "enum")) {
            /* only a listed value can be the default */
            char tmp[VALUES_MAX];
            snprintf(tmp, sizeof(tmp), "%s", f->values);
            for (char *save = NULL, *s = strtok_r(tmp, "|", &save); s;
                 s = strtok_r(NULL, "|", &save))
                if (strcmp(s, f->def) == 0)
                    d = json_string(s);
        } else
            d = json_string(f->def);
        if (d)
            json_object_set_new(o, "default", d);
    }
    if (!strcmp(f->type, "reference")) {
        char n[NAME_MAX_];
        json_object_set_new(o, "entity", json_string(pascal(p->e[f->ref].snake, n, sizeof(n))));
        json_object_set_new(o, "on_delete", json_string(f->on_delete));
    }
    return o;
}

static json_t *build_spec(struct plan *p, const char *prompt, size_t len, const char *slug,
                          const char *title)
{
    char desc[320];
    first_sentence(prompt, len, desc, sizeof(desc));
    json_t *spec = json_object();
    json_t *ents = json_array();
    if (!spec || !ents) {
        json_decref(spec);
        json_decref(ents);
        return NULL;
    }
    json_object_set_new(spec, "spec_version", json_integer(1));
    json_object_set_new(spec, "name", json_string(slug));
    json_object_set_new(spec, "title", json_string(title));
    json_object_set_new(spec, "description", json_string(desc));
    json_object_set_new(spec, "target", json_string("fastapi-postgres"));
    json_object_set_new(spec, "auth", json_pack("{s:b}", "enabled", p->auth));
    for (int k = 0; k < p->ne; k++) {
        const struct entity *e = &p->e[k];
        if (e->dropped)
            continue;
        char n[NAME_MAX_], pl[NAME_MAX_ + 8];
        if (inflect_plural(e->snake, pl, sizeof(pl)) < 0)
            snprintf(pl, sizeof(pl), "%s", e->snake);
        json_t *fields = json_array();
        /* a prompt that lists three or more fields gives the schema: the vocabulary's
         * defaults then stay out */
        int nexplicit = 0;
        for (int q = 0; q < e->nfields; q++)
            nexplicit += e->fields[q].explicit_ && e->fields[q].ref < 0;
        for (int q = 0; q < e->nfields; q++) {
            const struct field *f = &e->fields[q];
            if (f->ref >= 0 && p->e[f->ref].dropped)
                continue;
            if (nexplicit >= 3 && f->ref < 0 && !f->explicit_)
                continue;
            json_array_append_new(fields, field_json(p, f));
        }
        json_array_append_new(ents, json_pack("{s:s, s:s, s:b, s:o}", "name",
                                              pascal(e->snake, n, sizeof(n)), "plural", pl,
                                              "owned", p->auth && e->owned, "fields", fields));
    }
    json_object_set_new(spec, "entities", ents);
    json_object_set_new(spec, "actions", json_array());
    return spec;
}

static void finish_ownership(struct plan *p)
{
    if (!p->auth)
        return;
    for (int k = 0; k < p->ne; k++)
        p->e[k].owned = p->own_all || p->own[k];
    /* children of per-user rows are per-user too (a task of my project is mine) */
    bool changed = true;
    for (int round = 0; changed && round < MAX_ENTITIES; round++) {
        changed = false;
        for (int c = 0; c < p->ne; c++)
            for (int par = 0; par < p->ne; par++)
                if (p->parent[c][par] && p->e[par].owned && !p->e[c].owned) {
                    for (int q = 0; q < p->e[c].nfields; q++)
                        if (p->e[c].fields[q].ref == par &&
                            strcmp(p->e[c].fields[q].on_delete, "cascade") == 0) {
                            p->e[c].owned = changed = true;
                            break;
                        }
                }
    }
}

int planner_init(void)
{
    int a = parse_init(), b = lexicon_init();
    return a < 0 ? a : b;
}

int planner_plan(const char *prompt, size_t len, json_t **spec_out, json_t **notes_out)
{
    if (!spec_out || !notes_out)
        return -EINVAL;
    *spec_out = NULL;
    *notes_out = NULL;
    if (!prompt || len == 0 || len > PLANNER_MAX_PROMPT ||
        !valid_utf8((const unsigned char *)prompt, len))
        return -EINVAL;
    size_t st = 0;
    while (st < len && isspace((unsigned char)prompt[st]))
        st++;
    if (st == len)
        return -EINVAL;

    struct plan *p = calloc(1, sizeof(*p));
    if (!p)
        return -ENOMEM;
    int r = -ENOMEM;
    json_t *spec = NULL, *notes = NULL;
    p->text = prompt;
    p->understood = json_array();
    p->guessed = json_array();
    p->ignored = json_array();
    p->readings = calloc(MAX_READINGS, sizeof(*p->readings));
    if (!p->understood || !p->guessed || !p->ignored || !p->readings)
        goto out;
    tokenize(p, prompt, len);
    find_mentions(p);
    detect_auth(p);
    int cs = 0;
    for (int i = 0; i <= p->nt; i++)
        if (i == p->nt || p->t[i].kind == T_STOP) {
            if (i > cs)
                clause(p, cs, i);
            cs = i + 1;
        }
    leftover_mentions(p);
    read_sentences(p);
    implied_entities(p);
    refine_items(p);
    vocab_parents(p);
    for (int q = 0; q < p->nreadings; q++)
        reading_objects(p, &p->readings[q]);
    safe_entity_names(p);
    /* the generated auth owns users: never an entity */
    for (int k = 0; k < p->ne; k++)
        if (p->auth && in_set(p->e[k].snake, (const char *const[]){"user", "account", NULL}))
            p->e[k].dropped = true;
    finish_ownership(p);
    int live = 0;
    for (int k = 0; k < p->ne; k++)
        live += !p->e[k].dropped;
    if (live == 0) {
        r = -ENODATA;
        goto out;
    }
    char slug[128], title[160];
    name_and_title(p, slug, sizeof(slug), title, sizeof(title));
    note_ignored(p);
    spec = build_spec(p, prompt + st, len - st, slug, title);
    notes = json_pack("{s:O, s:O, s:O}", "understood", p->understood, "guessed", p->guessed,
                      "ignored", p->ignored);
    if (!spec || !notes)
        goto out;
    *spec_out = spec;
    *notes_out = notes;
    spec = notes = NULL;
    r = 0;
out:
    json_decref(spec);
    json_decref(notes);
    json_decref(p->understood);
    json_decref(p->guessed);
    json_decref(p->ignored);
    free(p->readings);
    free(p);
    return r;
}
