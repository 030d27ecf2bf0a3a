/* Word sets the offline planner shares between its modules (function words, nouns that
 * are never tables, verbs of having and listing...): membership tests only. */
#include "planner/plan.h"

#include <string.h>

bool words_in(const char *w, const char *const *set)
{
    /* first byte first: most words differ there, and this runs for every token */
    for (; *set; set++)
        if ((*set)[0] == w[0] && strcmp(w, *set) == 0)
            return true;
    return false;
}

/* Grammar words: they end a noun phrase and are never entities or fields. */
const char *const words_function[] = {
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
    "lists",     "bunch",      "until",      "set",       "kinds",
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
    "refers",    "refer",      "references", "against",   "managed",
    "whether",   "before",     "after",      "during",    NULL};

/* Nouns that are verbs of relating before "to" ("a comment points to a post"), and columns
 * otherwise ("points from 1 to 10"). */
const char *const words_to_verbs[] = {"points", "point", NULL};

/* Plural counts a row earns or holds: columns named in the plural, never tables ("players
 * have points", "earn credits for each delivery"). */
const char *const words_count_nouns[] = {"points", "credits", NULL};

/* Plurals of product words that are rows of a table ("trial sites", "a salon's services",
 * "members borrow tools"): a product is one, so its word in the plural names something it
 * stores. */
const char *const words_plural_rows[] = {"sites", "services", "tools", NULL};

/* Nouns that name the product or its plumbing, never an entity of it (one set: only
 * membership counts; the groups are for the reader). */
const char *const words_stop_nouns[] = {
    /* the product and its plumbing */
    "api", "apis", "backend", "backends", "back-end", "app", "apps", "application", "applications",
    "system", "systems", "service", "platform", "platforms", "site", "website", "websites", "web",
    "tool", "server", "servers", "database", "databases", "db", "data", "software", "solution",
    "product?", "endpoint", "endpoints", "interface", "crud", "rest", "restful", "json", "openapi",
    "swagger", "docs", "documentation", "architecture", "microservice", "microservices", "graphql",
    "integration", "deployment", "code",
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
const char *const words_app_nouns[] = {
    "api",     "app",     "backend", "system",      "service",  "platform", "site",      "website",
    "tracker", "manager", "tool",    "application", "server",   "planner",  "shortener", "board",
    "crm",     "store",   "shop",    "logger",      "registry", "desk",     "hub",       NULL};

/* Nouns in a "with" list that describe the product, not a column. */
const char *const words_non_field_nouns[] = {"ui",           "ux",         "dashboard",
                                             "dashboards",   "frontend",   "front-end",
                                             "interface",    "auth",       "authentication",
                                             "login",        "logins",     "signup",
                                             "jwt",          "oauth",      "docker",
                                             "aws",          "gcp",        "azure",
                                             "heroku",       "kubernetes", "test",
                                             "tests",        "coverage",   "pagination",
                                             "search",       "filtering",  "sorting",
                                             "api",          "apis",       "endpoint",
                                             "endpoints",    "docs",       "documentation",
                                             "swagger",      "openapi",    "mode",
                                             "feature",      "features",   "functionality",
                                             "support",      "backend",    "app",
                                             "apps",         "design",     "theme",
                                             "caching",      "cache",      "logging",
                                             "monitoring",   "analytics",  "integration",
                                             "integrations", "webhooks",   "notifications",
                                             "emails",       "deployment", "ci",
                                             "graphql",      "websocket",  "websockets",
                                             "users",        "accounts",   "roles",
                                             "permissions",  "everything", "stuff",
                                             "things",       "libraries",  NULL};

/* Subjects that mean the signed-in person. */
const char *const words_user[] = {"user",    "users",  "account", "accounts",  "i",
                                  "member?", "people", "we",      "customer?", NULL};

/* Verbs whose object list names things to keep. */
const char *const words_list_verbs[] = {
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
const char *const words_have_verbs[] = {"have",     "has",     "having",   "contain",
                                        "contains", "include", "includes", "own",
                                        "owns",     "hold",    "holds",    NULL};

/* Words that mean "the noun after 'of' is the real thing": "a fleet of trucks". */
const char *const words_collective[] = {
    "list",    "lists",     "set",       "sets",   "collection", "collections", "fleet",
    "catalog", "catalogue", "bunch",     "lot",    "lots",       "variety",     "number",
    "kinds",   "types",     "range",     "series", "pool",       "library",     "database",
    "group",   "groups",    "inventory", "record", "records",    "history",     NULL};

/* Words after a vocabulary noun that make the pair a field name ("check-in date"). */
const char *const words_field_heads[] = {
    "date",     "dates",   "time",     "times",  "name",   "names", "number",  "numbers",
    "count",    "status",  "price",    "prices", "amount", "url",   "email",   "score",
    "scores",   "rating",  "level",    "type",   "id",     "code",  "title",   "duration",
    "size",     "stage",   "flag",     "limit",  "fee",    "total", "history", "management",
    "tracking", "tracker", "booking?", NULL};

const struct join_verb words_join_verbs[] = {{"enroll", "enrollment"},
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
                                             {NULL, NULL}};

const char *const words_articles[] = {"a", "an", "the", NULL};
const char *const words_indefinite[] = {"a", "an", NULL};

const char *const words_determiners[] = {
    "a",   "an", "the",  "each", "every", "one",     "per", "its", "their",  "his", "her",
    "our", "my", "your", "this", "that",  "another", "any", "new", "single", NULL};

/* Link Grammar parses each sentence (parse.c) and WordNet knows each noun (lexicon.c):
 * together they find the entities, compounds and relations that the phrase rules above
 * did not. They run after the rules and only add: a sentence the parser cannot read (too
 * long, timed out, no linkage) keeps exactly what the rules made of it. */

const char *const words_unit_nouns[] = {"character", "characters", "chars",  "letters",
                                        "digits",    "words",      "stars?", "percent",
                                        "kilograms", "metres",     "meters", NULL};

/* Units a quantity is said in, which name its column: "duration in seconds" →
 * duration_seconds. */
const char *const words_measure_units[] = {
    "seconds", "minutes", "hours",  "days",    "weeks", "months",  "years", "km", "kilometers",
    "miles",   "meters",  "metres", "kg",      "grams", "pounds",  "lbs",   "cm", "inches",
    "feet",    "usd",     "eur",    "dollars", "euros", "percent", NULL};

/* Words whose values are a few named states: "a status of draft, open or closed". */
const char *const words_value_heads[] = {
    "status",   "state",     "stage",      "priority", "level", "type",       "kind",
    "category", "condition", "difficulty", "mode",     "tier",  "visibility", "severity",
    "phase",    "grade",     "size",       "plan",     "role",  NULL};

/* Verbs whose object lists what a row keeps: "each visit records the date and the fee". */
const char *const words_record_verbs[] = {"records", "stores", "keeps",   "tracks",   "logs",
                                          "notes",   "saves",  "holds",   "captures", "record",
                                          "store",   "keep",   "track",   "log",      "note",
                                          "save",    "hold",   "capture", NULL};
