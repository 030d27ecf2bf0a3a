/* The offline planner's internal interface: the plan its modules fill in (tokens,
 * mentions, entities with fields, notes, parsed sentences) and each module's functions.
 * Not for use outside fcgi-app/lib/planner/: planner.h is the public API. */
#pragma once
#include "planner/lexicon.h"
#include "planner/parse.h"
#include "planner/vocab.h"
#include "spec/inflect.h"
#include "spec/types.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define MAX_TOKENS   1024
#define WORD_MAX     40
#define NAME_MAX_    64
#define MAX_ENTITIES 20
#define MAX_FIELDS   24
#define VALUES_MAX   200
#define MAX_NOTES    64
#define SNIPPET_MAX  80
#define MAX_READINGS 24 /* sentences the parser reads; the rest keep the phrase rules */

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
    double min, max; /* whole unless a limit was said with a decimal point ("1.3") */
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
    int mod_tok;  /* the rules' two-word name ("board games"): its first word's token, or -1 */
    int nfields;
    struct field fields[MAX_FIELDS];
};

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
    /* many[x][y]: a clause gave one x many y ("each actor appears in many productions") */
    bool many[MAX_ENTITIES][MAX_ENTITIES];
    int subj_end; /* end of the last unknown subject phrase the rules found */
    bool auth, own_all;
    bool own[MAX_ENTITIES];
    json_t *understood, *guessed, *ignored;
    int nnotes;
    bool act_verb[MAX_TOKENS]; /* verbs that named an act (acts_read): no maker relation */
    int nreadings;
    struct reading *readings; /* MAX_READINGS parsed sentences (reading_sentences) */
    /* token → the reading that parsed it and its word there, -1: filled as each reading is
     * accepted, so that finding a token's word costs no scan of the readings */
    signed char reading_at[MAX_TOKENS];
    signed char word_at[MAX_TOKENS];
};

/* "A verb B" that implies a join entity. */
struct join_verb {
    const char *verb;
    const char *entity;
};

/* The parse of one sentence, with the planner's tokens of each word. */
struct reading {
    int n;
    int sentence; /* 0 for the first sentence of the prompt */
    int tok[PARSE_MAX_WORDS];
    int ent[PARSE_MAX_WORDS]; /* entity the head noun names, -1 */
    int mod[PARSE_MAX_WORDS]; /* token of its compound modifier ("time" slots), -1 */
    struct parse_result r;
};

/* ---- words.c: shared word sets */
extern const char *const words_function[];
extern const char *const words_to_verbs[];
extern const char *const words_count_nouns[];
extern const char *const words_stop_nouns[];
extern const char *const words_plural_rows[];
extern const char *const words_app_nouns[];
extern const char *const words_non_field_nouns[];
extern const char *const words_user[];
extern const char *const words_list_verbs[];
extern const char *const words_have_verbs[];
extern const char *const words_collective[];
extern const char *const words_field_heads[];
extern const struct join_verb words_join_verbs[];
/* "a", "an", "the"; "a", "an": what counts a noun phrase's rows, in tests of its first word */
extern const char *const words_articles[];
extern const char *const words_indefinite[];
extern const char *const words_determiners[];
extern const char *const words_unit_nouns[];
extern const char *const words_measure_units[];
extern const char *const words_value_heads[];
extern const char *const words_record_verbs[];
bool words_in(const char *w, const char *const *set);

/* ---- tokens.c: the prompt as tokens */
bool tokens_valid_utf8(const unsigned char *s, size_t n);
void tokens_split(struct plan *p, const char *s, size_t n);
bool tokens_is_word(const struct plan *p, int i, const char *w);
bool tokens_word_in(const struct plan *p, int i, const char *const *set);
bool tokens_is_plural(const struct tok *t);
bool tokens_is_number(const char *w);
/* Does the word at offset off of text s open a line: only spaces and a list item's number or
 * bullet before it, after a newline (or at the text's start, after a number or bullet)? */
bool tokens_opens_line(const char *s, size_t off);
bool tokens_is_content(const struct plan *p, int i);
/* Names the product or its plumbing (words_stop_nouns), in the singular or the plural, but
 * for the plurals that name rows (words_plural_rows). */
bool tokens_is_stop_noun(const struct tok *t);
bool tokens_quoted(const struct plan *p, int i);
void tokens_mark_used(struct plan *p, int a, int b);
void tokens_snippet(const struct plan *p, int a, int b, char *out, size_t size);
int tokens_skip(const struct plan *p, int i, int end, const char *const *set);
/* The stop token that ends token i's sentence, or p->nt. */
int tokens_sentence_end(const struct plan *p, int i);

/* ---- notes.c: understood, guessed, ignored */
void notes_add(struct plan *p, json_t *list, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void notes_ignored(struct plan *p);

/* ---- mentions.c: where the vocabulary is named */
void mentions_find(struct plan *p);
void mentions_leftover(struct plan *p);

/* ---- entities.c: adding, finding, renaming, merging */
int entities_find(const struct plan *p, const char *snake);
/* Does entity k reference, or is it referenced by, another entity? A relation makes a noun
 * a table, whatever else said it was none. */
bool entities_count_only(const struct plan *p, int i);
bool entities_limited_column(const struct plan *p, int i);
bool entities_example(const struct plan *p, int i);
bool entities_related(const struct plan *p, int k);
/* "Owners: name, email, phone", "owners (name, phone)": people in the plural that would be
 * the product's accounts (words_stop_nouns), heading a list of their own columns, are a
 * table where no one signs in (with sign-in they are the accounts). Is token i such a word? */
bool entities_listed_people(const struct plan *p, int i);
/* "- jobs on a property (start date, price)", "- owners of those properties (name, phone)": a
 * list item that is a plural, a preposition and its object (one word, after determiners)
 * before parentheses, which list the plural's columns, not the object's. The parenthesis'
 * token when token i opens such an item, or -1. */
int entities_phrase_head(const struct plan *p, int i);
/* Entity k is no table: dropped, and no reading names it any more, so no later rule
 * relates anything to it. */
void entities_drop(struct plan *p, int k);
int entities_by_vocab(const struct plan *p, const char *name);
/* Does token i name entity k (its word, or a mention of it)? */
bool entities_named_at(const struct plan *p, int i, int k);
/* "Vendors (florists, caterers, bands)": a table the prompt names only as an item of a list
 * in parentheses after a word is an example or a value of that word, no table. */
void entities_drop_examples(struct plan *p);
/* "A piece's genre is one of march, hymn, film or light concert": a table the prompt names
 * only as a value of a choice of bare words (or in parentheses) is a column's value, no table. */
void entities_drop_values(struct plan *p);
/* Is token i said as a value: in a choice of bare words ("one of march, hymn or film") or in
 * a list in parentheses after a word ("a status (surveyed, in studio or reinstalled)")? */
bool entities_said_as_value(const struct plan *p, int i);
const char *entities_pascal(const char *snake, char *out, size_t size);
int entities_add(struct plan *p, const char *snake, const struct vocab_entity *v, int a, int b);
int entities_from_mention(struct plan *p, int i);
int entities_from_unknown(struct plan *p, int a, int b, bool force);
/* Renames entity k to `snake` (references named after it follow), noting `why`. */
void entities_rename(struct plan *p, int k, const char *snake, const char *why);
/* Entity `from` is `into` under another name: references to it go to `into`, and it is
 * dropped, noting `why`. */
void entities_merge(struct plan *p, int from, int into, const char *why);
const struct vocab_entity *entities_vocab_named(const char *snake);
/* The record a join verb makes ("enroll" → enrollment, "borrowed" → loan), in out; false
 * for other verbs. The vocabulary's name, which brings its default fields, unless WordNet
 * names the verb's act as something else ("attend" → attendance, not enrollment). */
bool entities_join_record(const char *verb, char *out, size_t size);

/* ---- fields.c: names, types, vocabulary defaults */
int fields_find(const struct entity *e, const char *name);
void fields_infer_type(struct field *f);
struct field *fields_add(struct plan *p, int k, const char *raw, bool explicit_);
void fields_remove(struct entity *e, int fi);
void fields_from_vocab(struct plan *p, int k, const char *spec);
/* Is w a unit a quantity is said in ("in km", "in tonnes", "in ml": words_measure_units,
 * or a word WordNet files first as a unit)? */
bool fields_is_unit(const char *w);
/* How many words from token i say the unit a quantity is in: "km" (1), "square feet" (2),
 * "metres per minute" (3), "grams per square metre" (4); 0 when they say none. */
int fields_unit_words(const struct plan *p, int i);

/* ---- relations.c: references, self-references, joins */
bool relations_reaches(const struct plan *p, int from, int to, int depth);
/* The name of child's reference to parent, in out: "boat_id", "home_marina_id" in the role
 * "home" (role may be NULL), "horse_owner_id" where the plain name is a column the generated
 * code gives every row. 0, or -1 when no name fits. */
int relations_ref_name(const struct plan *p, int child, int parent, const char *role, char *out,
                       size_t size);
void relations_add(struct plan *p, int child, int parent, const char *on_delete, int a, int b);
/* Entity k is renamed snake; the references named after it follow. */
void relations_rename(struct plan *p, int k, const char *snake);
/* "between a home team and an away team": child's reference to parent in a role, one of
 * several to the same table (home_team_id, away_team_id). */
void relations_add_role(struct plan *p, int child, int parent, const char *role,
                        const char *on_delete, int a, int b);
void relations_self(struct plan *p, int k, const char *word, int a, int b);
/* Takes back child's references to parent (a possessor that turned out to be the product). */
void relations_remove(struct plan *p, int child, int parent);
void relations_join(struct plan *p, int x, int y, int a, int b);
bool relations_through_record(const struct plan *p, int x, int y);
/* Are x and y joined, many with many, by a table of nothing but references to rows
 * (PlaylistTrack, RideRider)? */
bool relations_joined(const struct plan *p, int x, int y);
const char *relations_on_delete(const char *prep);
void relations_from_vocab(struct plan *p);

/* ---- phrases.c: the rules without the parser */
int phrases_field_list(struct plan *p, int k, int i, int end, bool paren, bool have);
void phrases_clause(struct plan *p, int s, int e);
/* "a unit has a size and a floor", "each stock has a stock number": a have-verb whose
 * singular subject only later clauses made a table ("we rent units"), and that neither the
 * rules nor the parser read, lists that table's columns. Runs after every clause is read. */
void phrases_late_have(struct plan *p);
/* "a start and end date": the head (its last token) that the lone modifier at i shares
 * with the opposite modifier after "and"/"or" (WordNet's antonyms), or -1. */
int phrases_shared_head(const struct plan *p, int i);
/* "the date I acquired it" → acquired_on: see phrases.c. */
int phrases_moment_clause(const struct plan *p, int last, int i, char *raw, size_t size);
/* "pitches (tent, caravan or hookup)": a choice of one-word kinds in the parentheses whose
 * first word is i, read as entity k's type enum; the token after them, or -1 when they are
 * no such choice. */
int phrases_kinds(struct plan *p, int k, int i, int end);

/* ---- constraints.c: ranges, enums, required, unique, defaults */
/* Do the tokens from i (before end) offer a choice of bare words, "A, B or C" with no
 * article ("a grading of mint, good or poor"): values, not the end of a name ("date of
 * birth")? */
bool constraints_bare_choice(const struct plan *p, int i, int end);
void constraints_enum_or_range(struct plan *p, struct field *f, int *pi, int end);
void constraints_read(struct plan *p);
/* The token after the limits said at token i ("of at most 10 characters", "from 1 to 5"),
 * or -1 when none are. */
int constraints_limits_end(const struct plan *p, int i);
/* Is word q a value of its own, though maybe an article ("(A, B or C)")? */
bool constraints_lone_word(const struct plan *p, int q);

/* ---- reading.c: each sentence through the parser, then what its links say (below) */
void reading_sentences(struct plan *p);
int reading_owner_of(const struct plan *p, int i);
/* The word of reading rd (one of p's readings) that token i is, or -1. */
int reading_word_of(const struct plan *p, const struct reading *rd, int i);
/* The reading that parsed token i, its word in *word; NULL when no parse has it. */
const struct reading *reading_of_token(const struct plan *p, int i, int *word);

/* ---- links.c: what the parse's links say of a word */
bool links_label_is(const char *label, const char *prefix);
bool links_is_subject(const char *label);
int links_linked(const struct reading *rd, int j, const char *prefix, bool right, int *from);
bool links_is_noun(const struct plan *p, const struct reading *rd, int j);
bool links_has_role(const struct reading *rd, int j);
int links_head_count(const struct plan *p, const char *s);
int links_members(const struct reading *rd, int j, int *out, int max);
bool links_one_of_many(const struct plan *p, const struct reading *rd, int o);
bool links_one_row_each(const struct plan *p, const struct reading *rd, int o);
int links_entity_of_word(const struct plan *p, int i, const char *lemma);
bool links_counted_possessor(const struct plan *p, int i);
int links_counted_entity(const struct plan *p, const struct reading *rd, int j);
int links_row_of_column(const struct plan *p, const struct reading *rd, int w);
int links_prep_object(const struct plan *p, const struct reading *rd, int prep);
int links_amount_of(const struct plan *p, const struct reading *rd, int o);
bool links_passive_participle(const struct reading *rd, int w);
/* A passive participle, also one the dictionary links to the copula as an adjective ("is
 * done by a tailor", "is done on one gauge"). */
bool links_passive_word(const struct plan *p, const struct reading *rd, int w);
int links_verb_chain(const struct plan *p, const struct reading *rd, int v, int *chain,
                     bool *passive);
int links_clause_subject(const struct reading *rd, int v);
int links_particle_object(const struct plan *p, const struct reading *rd, int v);

/* ---- nouns.c: entities from the parse */
void nouns_compounds(const struct plan *p, struct reading *rd);
void nouns_verb_compounds(struct plan *p, const struct reading *rd);
void nouns_clause_in_phrase(struct plan *p, const struct reading *rd);
void nouns_read(struct plan *p, struct reading *rd, bool colon_head);
int nouns_person_column(struct plan *p, const struct reading *rd, int j);
void nouns_columns_of_tables(struct plan *p);
/* "the date and time in UTC, the band, the mode": a table said once, between two columns of
 * a list of the one row that refers to it, with no columns of its own, is one more column. */
void nouns_listed_tables(struct plan *p);
void nouns_verb_columns(struct plan *p);
void nouns_head_compounds(struct plan *p);
/* Is singular word j one row of many by what relates it ("book a court", "filed by cabinet",
 * "scores for a game", "each organ is installed in a church"), though no article counts it
 * one by one? */
bool nouns_one_row(const struct plan *p, const struct reading *rd, int j);

/* ---- clauses.c: relations and fields a clause states */
void clauses_read(struct plan *p, struct reading *rd);
bool clauses_many_with_many(struct plan *p, const struct reading *rd, int x, int v, int y);
/* "an alpaca's dam is another alpaca", "a trainer, who is another ringer": a word said to be
 * another row of a table is that table's self-reference in the word's role, in place of the
 * reference to a table made of the word (dropped when nothing else relates it). */
void clauses_another_rows(struct plan *p);

/* ---- columns.c: columns a clause states that only the parse can give their row */
void columns_read(struct plan *p, const struct reading *rd);
/* "breakdowns of a ride with a start time", "tracks recorded in each session with a title":
 * the table of the plural noun whose preposition takes singular word n, one row counted by
 * "each" (or by "a" after "of"): each breakdown is of one ride, and the columns said with
 * the ride are the breakdown's; -1. */
int columns_rows_of_one(const struct plan *p, const struct reading *rd, int n);
/* "on every visit the technician records ...": the row an opener counts one by one before
 * subject word x (the parse's CO link), whose columns the clause keeps; -1. */
int columns_opener_row(const struct plan *p, const struct reading *rd, int x);

/* ---- acts.c: a person's verb on an entity as a record; what a subject makes */
void acts_read(struct plan *p, struct reading *rd);
void acts_objects(struct plan *p, struct reading *rd);
/* The table the prompt names for the act of the verb at token i ("each order", "an
 * inspection": WordNet's act, the verb itself, or it with -ion, -ment, -al), or -1. */
int acts_named(const struct plan *p, int i);

/* ---- products.c: the product's own words, which are no tables */
void products_read(struct plan *p);

/* ---- owners.c: auth and per-user data */
void owners_mark(struct plan *p, int k, int a, int b);
void owners_detect_auth(struct plan *p);
void owners_finish(struct plan *p);

/* ---- emit.c: the plan as a spec */
/* Does review refuse snake as a class name ("class", "session"), so that emit renames it? */
bool emit_reserved_name(const char *snake);
void emit_safe_names(struct plan *p);
void emit_name_and_title(struct plan *p, char *slug, size_t ssize, char *title, size_t tsize);
json_t *emit_spec(struct plan *p, const char *prompt, size_t len, const char *slug,
                  const char *title);

/* ---- mend.c: what review would refuse, left out with a note */
struct review;
/* review_spec()'s result for what is left of spec, with its *normalized_out and rv (the
 * caller's, review_init()ed): 0, -EINVAL when review still refuses it (for a reason no
 * entity or field of it is), -ENOMEM; -ENODATA when nothing is left. */
int mend_for_review(struct plan *p, json_t *spec, json_t **normalized_out, struct review *rv);
