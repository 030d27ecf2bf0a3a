/* The offline planner's vocabulary: common domain entities with their default fields and
 * likely parents. Data only; planner.c reads it. */
#pragma once
#include <stddef.h>

#define VOCAB_FIELDISH 0x1u /* in a "with A, B" list the word is a field, not an entity */

/* One entity the planner knows.
 *   name     snake_case singular ("order_item").
 *   aliases  '|'-separated singular phrases that mean it ("line item|cart item"); words are
 *            space-separated and only the last word is matched in plural form too.
 *   fields   default fields, space-separated "name:type" with modifiers:
 *            '!' required, '^' unique, '*N' max_length, '>N' min, '=V' default,
 *            '(a|b|c)' enum values (a default follows them).
 *   parents  space-separated groups of '|'-separated parents (the first one present in the
 *            plan wins); a trailing '?' means on_delete set_null (optional), '~' restrict,
 *            none cascade. Applied only when the prompt names no relation between the two. */
struct vocab_entity {
    const char *name;
    const char *aliases;
    unsigned flags;
    const char *fields;
    const char *parents;
};

extern const struct vocab_entity vocab_entities[];
extern const size_t vocab_n_entities;
