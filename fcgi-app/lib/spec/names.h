/* Reserved-word tables for spec review: which names Python, SQL and the generated
 * FastAPI/pydantic/SQLAlchemy code already use. Review consults them; codegen may rely on
 * every name listed here as refused (docs/spec.md lists them for users). */
#pragma once
#include <stdbool.h>

bool names_is_python_keyword(const char *s);
/* Lower-case Python builtins (functions and types: "list", "type", "sum"). */
bool names_is_python_builtin(const char *s);
/* PostgreSQL reserved key words (lower case). Not refused: the generated code quotes them. */
bool names_is_sql_reserved(const char *s);

/* Each returns NULL when the name is free, otherwise a borrowed static phrase saying who
 * uses it ("a class the generated code imports"), for the review message. */
const char *names_reserved_class(const char *pascal);
const char *names_reserved_field(const char *snake);
/* The subset of names_reserved_field() that matters for action inputs and outputs. */
const char *names_reserved_io(const char *snake);
const char *names_reserved_action(const char *snake);
/* First segment of an action path that generated routes own ("health", "docs"...). */
const char *names_reserved_route(const char *segment);

/* How the generated code spells a field's name (codegen renames; the verification suite
 * must know it): a name Python gets with a trailing underscore, a local of the generated
 * list handler (its filter parameter is renamed), a query parameter of every list (the
 * field is no filter). */
bool names_python_renamed(const char *snake);
bool names_handler_local(const char *snake);
bool names_list_param(const char *snake);

/* Is `pascal` one of the schema classes the generated code derives from entity `entity`
 * ("DanceOut" of "Dance": Create, Update, Read, Out, Page, List after its name)? */
bool names_schema_class_of(const char *pascal, const char *entity);

/* 0 when every table is sorted (they are searched with bsearch), else -EINVAL. */
int names_self_check(void);
