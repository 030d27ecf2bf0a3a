/* WordNet, as the offline planner reads it: the lemma of a noun and what kind of thing its
 * usual senses name (a thing a backend stores, a property of one, or a group/product word).
 * planner.c asks; the database is opened once per process (lexicon_init) and reopened in a
 * forked child on its first look-up, because WordNet reads its files through stdio streams
 * whose offsets a parent and child would otherwise share. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

enum lex_kind {
    LEX_UNKNOWN, /* not a WordNet noun (or the database is missing) */
    LEX_THING,   /* people, animals, plants, artifacts, acts, communications, events,
                    locations, possessions, food, objects: rows of a table */
    LEX_FIELD,   /* attributes, quantities, times, states, relations, shapes: columns */
    LEX_GROUP,   /* groups and top-level words ("business", "company", "system"): the
                    product unless the prompt makes them a table */
};

struct lex_noun {
    char lemma[48];     /* base form, lowercase, '_' between words ("time_slot") */
    enum lex_kind kind; /* of the most frequent senses */
    bool person;        /* the first sense is noun.person */
    bool collection;    /* a list or collection of things ("playlist", "album") */
    bool unit;          /* the first sense is a unit of measure ("litre", "calorie") */
    bool record;        /* the first sense is an act, event or communication: a thing that
                           is itself a record ("appointment", "climb", "ticket", "post") */
    bool happening;     /* the first sense is an act or event: a record of something done
                           ("move", "lesson"), not a written one ("book", "lecture") */
    bool occasion;      /* the first sense is a social event, a contest or a meet ("race",
                           "regatta", "tournament"): rows take part in it, it is no record of
                           that */
    bool maker;         /* a person whose trade is making things: a craftsman or a creator
                           within three hypernyms ("potter", "glassblower", "brewer") */
    bool proper;        /* the word as written has an entry of its own whose every sense is
                           one named place, person or work ("Cotswolds", "Judges"): a proper
                           name when the prompt capitalizes it inside a sentence */
};

/* The noun that names the act of verb `verb` (any inflection), from WordNet's
 * derivational links of its first senses to nouns of act: "rented" → rental, "cleaned" →
 * cleaning, "applies" → application, "reviews" → review. False when there is none (or no
 * database); out gets a lowercase lemma. */
bool lexicon_act_of_verb(const char *verb, char *out, size_t size);

/* The lexicographer file of the first sense of a verb (any inflection): "verb.stative"
 * for "lives", "verb.motion" for "moored"; false when WordNet does not know it. */
bool lexicon_verb_class(const char *verb, char *out, size_t size);

/* Does a sense of verb `verb` (any inflection) make a thing (WordNet's verb.creation: "throw"
 * a pot on a potter's wheel, "blow" glass, "bake")? False when none does. */
bool lexicon_verb_creates(const char *verb);

/* The base form of an inflected verb ("reserved" → reserve); false when WordNet has none. */
bool lexicon_verb_lemma(const char *verb, char *out, size_t size);

/* 'n', 'v' or 'a': the part of speech whose first sense WordNet's tagged corpus uses most
 * (any inflection): 'a' for "local" and "private", 'v' for "found" (find) and "winning",
 * 'n' for "game" and "board" (also when WordNet does not know the word). */
char lexicon_usual_pos(const char *word);

/* Is any sense of noun `word` (any inflection) a unit of measure (noun.quantity: "knots",
 * whose first senses are a cluster and a fastening; "feet")? */
bool lexicon_noun_measures(const char *word);

/* What kind of amount a noun names (any inflection), so that a column named by it gets its
 * type from WordNet rather than from a list of words. */
enum lex_amount {
    LEX_AMOUNT_NONE,    /* no amount: "name", "number" (an identifier as often as a count) */
    LEX_AMOUNT_MONEY,   /* a sum of money: "fee", "tuition", "fare", "subtotal" */
    LEX_AMOUNT_TIME,    /* a unit or period of time counted whole: "days", "year", "fortnight" */
    LEX_AMOUNT_MEASURE, /* a measure of a magnitude: "depth", "altitude", "temperature", "km" */
};
enum lex_amount lexicon_noun_amount(const char *word);

/* Are nouns a and b (lowercase base forms) opposites, a sense of either having an antonym
 * whose synset holds the other ("start" and "end", "opening" and "closing", "minimum" and
 * "maximum")? False when not, or without a database. */
bool lexicon_nouns_opposed(const char *a, const char *b);

/* Opens the WordNet database (idempotent, thread-safe). 0, or -ENOENT when it is missing:
 * every look-up then answers LEX_UNKNOWN. */
int lexicon_init(void);

/* Looks up noun `word` (lowercase ASCII, words joined by '_' or ' ', < 48 bytes): returns
 * true and fills *out when WordNet knows it as a noun, false otherwise. */
bool lexicon_noun(const char *word, struct lex_noun *out);
