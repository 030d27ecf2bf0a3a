/* The planner's notes: what it understood, guessed and ignored, each quoting the prompt,
 * so that a user can see why the spec came out as it did. */
#include "planner/plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The length of a field note's subject, "field Glaze.name:", or 0 for any other note. */
static size_t field_subject_len(const char *msg)
{
    const char *colon = strchr(msg, ':');
    return strncmp(msg, "field ", 6) == 0 && colon ? (size_t)(colon - msg) + 1 : 0;
}

/* Where list already holds msg, or (for a field note) a note on the same field: -1 if
 * nowhere. */
static int note_index(const json_t *list, const char *msg)
{
    size_t subject = field_subject_len(msg), idx;
    const json_t *v;
    json_array_foreach(list, idx, v)
    {
        const char *old = json_string_value(v);
        if (strcmp(old, msg) == 0 || (subject && strncmp(old, msg, subject) == 0))
            return (int)idx;
    }
    return -1;
}

/* Adds a note. The same sentence twice says nothing new; a field read twice (its name in
 * a heading list, then "has a name" in a sentence) keeps one note, the later reading's,
 * which has seen more ("string, required"), in the first one's place. */
void notes_add(struct plan *p, json_t *list, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    int at = note_index(list, msg);
    if (at >= 0) {
        json_array_set_new(list, (size_t)at, json_string(msg));
        return;
    }
    if (p->nnotes >= MAX_NOTES)
        return;
    json_t *s = json_string(msg);
    if (s && json_array_append_new(list, s) == 0)
        p->nnotes++;
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
void notes_ignored(struct plan *p)
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
        while (a < b && tokens_word_in(p, a, grammar_words))
            a++;
        while (b > a && tokens_word_in(p, b - 1, grammar_words))
            b--;
        if (a >= b)
            continue;
        char from[SNIPPET_MAX + 8];
        tokens_snippet(p, a, b, from, sizeof(from));
        if (from[0])
            notes_add(p, p->ignored, "\"%s\"", from);
    }
}
