/* Reserved-word tables for spec review (see names.h). The tables are sorted by strcmp and
 * searched with bsearch; names_self_check() keeps them honest in the unit test. */
#include "spec/names.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct reserved {
    const char *name;
    const char *why;
};

/* Why a name is taken; shown in review messages. */
static const char WHY_FASTAPI[] = "a FastAPI name the generated routers import";
static const char WHY_PY_CLASS[] = "a Python builtin class";
static const char WHY_TYPING[] =
    "a Python typing or standard-library name the generated code imports";
static const char WHY_SQLALCHEMY[] = "a SQLAlchemy name the generated models import";
static const char WHY_APP_CLASS[] = "a class the generated app defines";
static const char WHY_ACTIONS[] = "a name the generated actions module uses";
static const char WHY_PARAM[] = "a parameter name in the generated code";
static const char WHY_PYDANTIC[] = "a pydantic name the generated schemas import";
static const char WHY_LIST_PARAM[] = "a query parameter of the generated list endpoint";
static const char WHY_SA_ATTR[] = "an attribute of SQLAlchemy models";
static const char WHY_PD_ATTR[] = "an attribute of pydantic models";
static const char WHY_IMPLICIT[] = "an implicit column every entity gets";
static const char WHY_STATIC[] = "the static files of the generated app";
static const char WHY_DOCS[] = "the generated API docs";
static const char WHY_OPENAPI[] = "the generated OpenAPI document";
static const char WHY_AUTH[] = "the generated authentication routes";
static const char WHY_HEALTH[] = "the generated health check";

static const char *const python_keywords[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
};

static const char *const python_builtins[] = {
    "abs",        "aiter",      "all",       "anext",    "any",      "ascii",        "bin",
    "bool",       "breakpoint", "bytearray", "bytes",    "callable", "chr",          "classmethod",
    "compile",    "complex",    "delattr",   "dict",     "dir",      "divmod",       "enumerate",
    "eval",       "exec",       "filter",    "float",    "format",   "frozenset",    "getattr",
    "globals",    "hasattr",    "hash",      "hex",      "id",       "input",        "int",
    "isinstance", "issubclass", "iter",      "len",      "list",     "locals",       "map",
    "max",        "memoryview", "min",       "next",     "object",   "oct",          "open",
    "ord",        "pow",        "print",     "property", "range",    "repr",         "reversed",
    "round",      "set",        "setattr",   "slice",    "sorted",   "staticmethod", "str",
    "sum",        "super",      "tuple",     "type",     "vars",     "zip",
};

static const char *const sql_reserved[] = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
};

static const struct reserved reserved_classes[] = {
    {"APIRouter", WHY_FASTAPI},
    {"Any", WHY_TYPING},
    {"AnyHttpUrl", WHY_PYDANTIC},
    {"AnyUrl", WHY_PYDANTIC},
    {"ArithmeticError", WHY_PY_CLASS},
    {"AssertionError", WHY_PY_CLASS},
    {"AttributeError", WHY_PY_CLASS},
    {"Base", WHY_APP_CLASS},
    {"BaseException", WHY_PY_CLASS},
    {"BaseModel", WHY_PYDANTIC},
    {"BigInteger", WHY_SQLALCHEMY},
    {"BlockingIOError", WHY_PY_CLASS},
    {"Body", WHY_FASTAPI},
    {"Boolean", WHY_SQLALCHEMY},
    {"BrokenPipeError", WHY_PY_CLASS},
    {"BufferError", WHY_PY_CLASS},
    {"BytesWarning", WHY_PY_CLASS},
    {"CheckConstraint", WHY_SQLALCHEMY},
    {"ChildProcessError", WHY_PY_CLASS},
    {"Column", WHY_SQLALCHEMY},
    {"ConnectionAbortedError", WHY_PY_CLASS},
    {"ConnectionError", WHY_PY_CLASS},
    {"ConnectionRefusedError", WHY_PY_CLASS},
    {"ConnectionResetError", WHY_PY_CLASS},
    {"CryptContext", WHY_FASTAPI},
    {"Date", WHY_SQLALCHEMY},
    {"DateTime", WHY_SQLALCHEMY},
    {"Decimal", WHY_TYPING},
    {"Depends", WHY_FASTAPI},
    {"DeprecationWarning", WHY_PY_CLASS},
    {"Dict", WHY_TYPING},
    {"EOFError", WHY_PY_CLASS},
    {"Ellipsis", WHY_PY_CLASS},
    {"EmailStr", WHY_PYDANTIC},
    {"EncodingWarning", WHY_PY_CLASS},
    {"Enum", WHY_SQLALCHEMY},
    {"EnvironmentError", WHY_PY_CLASS},
    {"Exception", WHY_PY_CLASS},
    {"FastAPI", WHY_FASTAPI},
    {"Field", WHY_PYDANTIC},
    {"FileExistsError", WHY_PY_CLASS},
    {"FileNotFoundError", WHY_PY_CLASS},
    {"Float", WHY_SQLALCHEMY},
    {"FloatingPointError", WHY_PY_CLASS},
    {"ForeignKey", WHY_SQLALCHEMY},
    {"Form", WHY_FASTAPI},
    {"FutureWarning", WHY_PY_CLASS},
    {"GeneratorExit", WHY_PY_CLASS},
    {"HTTPException", WHY_FASTAPI},
    {"Header", WHY_FASTAPI},
    {"Health", WHY_APP_CLASS},
    {"HttpUrl", WHY_PYDANTIC},
    {"IOError", WHY_PY_CLASS},
    {"ImportError", WHY_PY_CLASS},
    {"ImportWarning", WHY_PY_CLASS},
    {"IndentationError", WHY_PY_CLASS},
    {"Index", WHY_SQLALCHEMY},
    {"IndexError", WHY_PY_CLASS},
    {"Integer", WHY_SQLALCHEMY},
    {"InterruptedError", WHY_PY_CLASS},
    {"IsADirectoryError", WHY_PY_CLASS},
    {"JSON", WHY_SQLALCHEMY},
    {"JSONResponse", WHY_FASTAPI},
    {"Json", WHY_PYDANTIC},
    {"KeyError", WHY_PY_CLASS},
    {"KeyboardInterrupt", WHY_PY_CLASS},
    {"List", WHY_TYPING},
    {"Literal", WHY_TYPING},
    {"LookupError", WHY_PY_CLASS},
    {"Mapped", WHY_SQLALCHEMY},
    {"MemoryError", WHY_PY_CLASS},
    {"ModuleNotFoundError", WHY_PY_CLASS},
    {"NameError", WHY_PY_CLASS},
    {"NotADirectoryError", WHY_PY_CLASS},
    {"NotImplemented", WHY_PY_CLASS},
    {"NotImplementedError", WHY_PY_CLASS},
    {"Numeric", WHY_SQLALCHEMY},
    {"OAuth2PasswordBearer", WHY_FASTAPI},
    {"OAuth2PasswordRequestForm", WHY_FASTAPI},
    {"OSError", WHY_PY_CLASS},
    {"Optional", WHY_TYPING},
    {"OverflowError", WHY_PY_CLASS},
    {"Page", WHY_APP_CLASS},
    {"Path", WHY_FASTAPI},
    {"PendingDeprecationWarning", WHY_PY_CLASS},
    {"PermissionError", WHY_PY_CLASS},
    {"ProcessLookupError", WHY_PY_CLASS},
    {"Query", WHY_FASTAPI},
    {"RecursionError", WHY_PY_CLASS},
    {"ReferenceError", WHY_PY_CLASS},
    {"Request", WHY_FASTAPI},
    {"ResourceWarning", WHY_PY_CLASS},
    {"Response", WHY_FASTAPI},
    {"RuntimeError", WHY_PY_CLASS},
    {"RuntimeWarning", WHY_PY_CLASS},
    {"Sequence", WHY_SQLALCHEMY},
    {"SessionLocal", WHY_APP_CLASS},
    {"Settings", WHY_APP_CLASS},
    {"StopAsyncIteration", WHY_PY_CLASS},
    {"StopIteration", WHY_PY_CLASS},
    {"String", WHY_SQLALCHEMY},
    {"SyntaxError", WHY_PY_CLASS},
    {"SyntaxWarning", WHY_PY_CLASS},
    {"SystemError", WHY_PY_CLASS},
    {"SystemExit", WHY_PY_CLASS},
    {"TabError", WHY_PY_CLASS},
    {"Text", WHY_SQLALCHEMY},
    {"TimeoutError", WHY_PY_CLASS},
    {"Token", WHY_APP_CLASS},
    {"TokenData", WHY_APP_CLASS},
    {"TypeError", WHY_PY_CLASS},
    {"UUID", WHY_TYPING},
    {"UnboundLocalError", WHY_PY_CLASS},
    {"UnicodeDecodeError", WHY_PY_CLASS},
    {"UnicodeEncodeError", WHY_PY_CLASS},
    {"UnicodeError", WHY_PY_CLASS},
    {"UnicodeTranslateError", WHY_PY_CLASS},
    {"UnicodeWarning", WHY_PY_CLASS},
    {"Union", WHY_TYPING},
    {"UniqueConstraint", WHY_SQLALCHEMY},
    {"UserWarning", WHY_PY_CLASS},
    {"ValidationError", WHY_PYDANTIC},
    {"ValueError", WHY_PY_CLASS},
    {"Warning", WHY_PY_CLASS},
    {"ZeroDivisionError", WHY_PY_CLASS},
};

static const struct reserved reserved_fields[] = {
    {"construct", WHY_PD_ATTR},
    {"copy", WHY_PD_ATTR},
    {"created_at", WHY_IMPLICIT},
    {"current_user", WHY_PARAM},
    {"db", WHY_PARAM},
    {"dict", WHY_PD_ATTR},
    {"fields", WHY_PD_ATTR},
    {"from_orm", WHY_PD_ATTR},
    {"id", WHY_IMPLICIT},
    {"json", WHY_PD_ATTR},
    {"limit", WHY_LIST_PARAM},
    {"metadata", WHY_SA_ATTR},
    {"offset", WHY_LIST_PARAM},
    {"owner_id", WHY_IMPLICIT},
    {"parse_file", WHY_PD_ATTR},
    {"parse_obj", WHY_PD_ATTR},
    {"parse_raw", WHY_PD_ATTR},
    {"query", WHY_SA_ATTR},
    {"query_class", WHY_SA_ATTR},
    {"registry", WHY_SA_ATTR},
    {"schema", WHY_PD_ATTR},
    {"schema_json", WHY_PD_ATTR},
    {"self", WHY_PARAM},
    {"sort", WHY_LIST_PARAM},
    {"update_forward_refs", WHY_PD_ATTR},
    {"updated_at", WHY_IMPLICIT},
    {"validate", WHY_PD_ATTR},
};

static const struct reserved reserved_actions[] = {
    {"app", WHY_ACTIONS},    {"db", WHY_ACTIONS},       {"get_current_user", WHY_ACTIONS},
    {"get_db", WHY_ACTIONS}, {"health", WHY_ACTIONS},   {"main", WHY_ACTIONS},
    {"router", WHY_ACTIONS}, {"settings", WHY_ACTIONS},
};

static const struct reserved reserved_routes[] = {
    {"auth", WHY_AUTH},     {"docs", WHY_DOCS},
    {"health", WHY_HEALTH}, {"openapi.json", WHY_OPENAPI},
    {"redoc", WHY_DOCS},    {"static", WHY_STATIC},
};

/* Field names the generated Python spells with a trailing underscore: keywords, the builtins
 * and imports the generated modules use in annotations, pydantic's BaseModel members and
 * SQLAlchemy's declarative attributes. JSON and SQL keep the name (an alias, an explicit
 * column name). */
static const char *const python_renamed[] = {
    "and",
    "as",
    "assert",
    "async",
    "await",
    "bool",
    "break",
    "class",
    "construct",
    "continue",
    "copy",
    "date",
    "datetime",
    "def",
    "del",
    "dict",
    "elif",
    "else",
    "except",
    "false",
    "fields",
    "finally",
    "float",
    "for",
    "from",
    "from_orm",
    "global",
    "if",
    "import",
    "in",
    "int",
    "is",
    "json",
    "lambda",
    "list",
    "metadata",
    "none",
    "nonlocal",
    "not",
    "or",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "pass",
    "raise",
    "registry",
    "return",
    "schema",
    "schema_json",
    "str",
    "true",
    "try",
    "update_forward_refs",
    "validate",
    "while",
    "with",
    "yield",
};
/* Local names of the generated list handler that a filter parameter must not shadow. */
static const char *const handler_locals[] = {
    "db", "ordering", "query", "sort_column", "user",
};
/* Query parameters of every generated list: a field of that name is offered as no filter. */
static const char *const list_params[] = {
    "limit",
    "offset",
    "sort",
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static int cmp_str(const void *key, const void *item)
{
    return strcmp((const char *)key, *(const char *const *)item);
}

static int cmp_reserved(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const struct reserved *)item)->name);
}

static bool in_list(const char *const *list, size_t n, const char *s)
{
    return s && bsearch(s, list, n, sizeof(list[0]), cmp_str) != NULL;
}

static const char *why(const struct reserved *list, size_t n, const char *s)
{
    const struct reserved *r = s ? bsearch(s, list, n, sizeof(list[0]), cmp_reserved) : NULL;
    return r ? r->why : NULL;
}

bool names_is_python_keyword(const char *s)
{
    return in_list(python_keywords, LEN(python_keywords), s);
}

bool names_is_python_builtin(const char *s)
{
    return in_list(python_builtins, LEN(python_builtins), s);
}

bool names_is_sql_reserved(const char *s)
{
    return in_list(sql_reserved, LEN(sql_reserved), s);
}

const char *names_reserved_class(const char *pascal)
{
    return why(reserved_classes, LEN(reserved_classes), pascal);
}

const char *names_reserved_field(const char *snake)
{
    /* Leading underscores are private or dunder attributes in Python and SQLAlchemy. */
    if (snake && snake[0] == '_')
        return "a private or special Python attribute";
    return why(reserved_fields, LEN(reserved_fields), snake);
}

const char *names_reserved_io(const char *snake)
{
    const char *w = names_reserved_field(snake);
    /* Action inputs become parameters and pydantic fields, outputs pydantic fields: table
     * columns and list-endpoint names do not matter there. */
    if (w == WHY_PD_ATTR || w == WHY_PARAM || (snake && snake[0] == '_'))
        return w;
    return NULL;
}

const char *names_reserved_action(const char *snake)
{
    if (snake && snake[0] == '_')
        return "a private or special Python attribute";
    return why(reserved_actions, LEN(reserved_actions), snake);
}

const char *names_reserved_route(const char *segment)
{
    return why(reserved_routes, LEN(reserved_routes), segment);
}

static int sorted_strs(const char *const *list, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1], list[i]) >= 0)
            return -EINVAL;
    return 0;
}

static int sorted_reserved(const struct reserved *list, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1].name, list[i].name) >= 0)
            return -EINVAL;
    return 0;
}

bool names_python_renamed(const char *snake)
{
    return in_list(python_renamed, LEN(python_renamed), snake);
}

bool names_handler_local(const char *snake)
{
    return in_list(handler_locals, LEN(handler_locals), snake);
}

bool names_list_param(const char *snake)
{
    return in_list(list_params, LEN(list_params), snake);
}

int names_self_check(void)
{
    if (sorted_strs(python_keywords, LEN(python_keywords)) < 0 ||
        sorted_strs(python_builtins, LEN(python_builtins)) < 0 ||
        sorted_strs(sql_reserved, LEN(sql_reserved)) < 0 ||
        sorted_strs(python_renamed, LEN(python_renamed)) < 0 ||
        sorted_strs(handler_locals, LEN(handler_locals)) < 0 ||
        sorted_strs(list_params, LEN(list_params)) < 0 ||
        sorted_reserved(reserved_classes, LEN(reserved_classes)) < 0 ||
        sorted_reserved(reserved_fields, LEN(reserved_fields)) < 0 ||
        sorted_reserved(reserved_actions, LEN(reserved_actions)) < 0 ||
        sorted_reserved(reserved_routes, LEN(reserved_routes)) < 0)
        return -EINVAL;
    return 0;
}

bool names_schema_class_of(const char *pascal, const char *entity)
{
    static const char *const suffixes[] = {"Create", "Update", "Read", "Out", "Page", "List"};
    size_t n = strlen(entity);
    if (strncmp(pascal, entity, n) != 0)
        return false;
    for (size_t k = 0; k < LEN(suffixes); k++)
        if (strcmp(pascal + n, suffixes[k]) == 0)
            return true;
    return false;
}
