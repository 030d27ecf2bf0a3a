/* The field types of BackendSpec v1, shared by review (which checks them) and codegen
 * (which renders them), so both read the same names in the same order. */
#pragma once
#include <stdbool.h>

enum spec_type {
    SPEC_STRING,
    SPEC_TEXT,
    SPEC_INTEGER,
    SPEC_FLOAT,
    SPEC_DECIMAL,
    SPEC_BOOLEAN,
    SPEC_DATE,
    SPEC_DATETIME,
    SPEC_UUID,
    SPEC_EMAIL,
    SPEC_URL,
    SPEC_ENUM,
    SPEC_JSON,
    SPEC_REFERENCE,
    SPEC_TYPE_COUNT /* also "unknown" */
};

/* The type named `name` ("string", ...); SPEC_TYPE_COUNT for NULL or an unknown name. */
enum spec_type spec_type_from_name(const char *name);
/* The spec name of a type (static string); "" for SPEC_TYPE_COUNT. */
const char *spec_type_name(enum spec_type t);
/* Types whose values are strings with length limits: string, text, email, url. */
bool spec_type_is_text(enum spec_type t);
/* Types whose values are numbers with min/max: integer, float, decimal. */
bool spec_type_is_number(enum spec_type t);
/* A decimal is NUMERIC(18, 4) in the generated code: its values lie strictly between
 * -SPEC_DECIMAL_LIMIT and SPEC_DECIMAL_LIMIT, with at most 4 decimal places. */
#define SPEC_DECIMAL_LIMIT 1e14
/* Whether a number fits a decimal column (checked on the double, within its own precision). */
bool spec_decimal_fits(double d);
/* The largest whole number a decimal holds, the bound value generators use where the spec
 * gives only the other one. */
#define SPEC_DECIMAL_WHOLE_MAX 99999999999999.0

/* A number just beyond a float or decimal bound (below it, or above when `above`) into *out:
 * one beyond, or a relative step where one would round back to the bound itself (1e300 + 1
 * is 1e300). False when no finite double lies that far beyond (the bound is near DBL_MAX). */
bool spec_number_beyond(double bound, bool above, double *out);
