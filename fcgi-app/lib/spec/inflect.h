/* English word forms and identifier cases shared by the planner, review and codegen.
 * Every function writes into a caller buffer of `size` bytes and returns 0, or -ENAMETOOLONG
 * when the result does not fit (the buffer then holds an empty string). */
#pragma once
#include <stddef.h>

/* "Due Date", "dueDate", "due-date" → "due_date". Non-alphanumerics become single
 * underscores; leading/trailing underscores are dropped; ASCII only (other bytes dropped). */
int inflect_snake(const char *in, char *out, size_t size);
/* "due_date", "line item" → "DueDate", "LineItem". */
int inflect_pascal(const char *in, char *out, size_t size);
/* "category" → "categories", "box" → "boxes", "person" → "people"; on snake_case input
 * only the last word changes ("line_item" → "line_items"). */
int inflect_plural(const char *in, char *out, size_t size);
/* The inverse: "categories" → "category", "people" → "person", "status" → "status". */
int inflect_singular(const char *in, char *out, size_t size);
