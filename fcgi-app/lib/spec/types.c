/* BackendSpec v1 field types: the one table of their names. */
#include "spec/types.h"

#include <math.h>
#include <string.h>

static const char *const spec_type_names[SPEC_TYPE_COUNT] = {
    [SPEC_STRING] = "string",   [SPEC_TEXT] = "text",
    [SPEC_INTEGER] = "integer", [SPEC_FLOAT] = "float",
    [SPEC_DECIMAL] = "decimal", [SPEC_BOOLEAN] = "boolean",
    [SPEC_DATE] = "date",       [SPEC_DATETIME] = "datetime",
    [SPEC_UUID] = "uuid",       [SPEC_EMAIL] = "email",
    [SPEC_URL] = "url",         [SPEC_ENUM] = "enum",
    [SPEC_JSON] = "json",       [SPEC_REFERENCE] = "reference",
};

enum spec_type spec_type_from_name(const char *name)
{
    for (int i = 0; name && i < SPEC_TYPE_COUNT; i++)
        if (strcmp(name, spec_type_names[i]) == 0)
            return (enum spec_type)i;
    return SPEC_TYPE_COUNT;
}

const char *spec_type_name(enum spec_type t)
{
    return t < SPEC_TYPE_COUNT ? spec_type_names[t] : "";
}

bool spec_type_is_text(enum spec_type t)
{
    return t == SPEC_STRING || t == SPEC_TEXT || t == SPEC_EMAIL || t == SPEC_URL;
}

bool spec_type_is_number(enum spec_type t)
{
    return t == SPEC_INTEGER || t == SPEC_FLOAT || t == SPEC_DECIMAL;
}

bool spec_number_beyond(double bound, bool above, double *out)
{
    double step = fmax(1.0, fabs(bound) * 1e-9);
    *out = above ? bound + step : bound - step;
    return isfinite(*out);
}

bool spec_decimal_fits(double d)
{
    double scaled = d * 1e4;
    return fabs(d) < SPEC_DECIMAL_LIMIT &&
           fabs(scaled - round(scaled)) <= 1e-6 * fmax(1, fabs(scaled));
}
