/* The prompt as tokens (words with their singular, punctuation), the first step of the
 * offline planner, and the helpers every later step reads tokens with. */
#include "planner/plan.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

bool tokens_valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned int cp;
        if ((c & 0xe0) == 0xc0) {
            k = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            k = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            k = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + j] & 0x3f);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

static void push_tok(struct plan *p, enum tok_kind kind, size_t off, size_t len)
{
    if (p->nt >= MAX_TOKENS)
        return;
    struct tok *t = &p->t[p->nt++];
    memset(t, 0, sizeof(*t));
    t->kind = (unsigned char)kind;
    t->off = (unsigned short)off;
    t->len = (unsigned short)len;
}

/* Is the last token a list item's number ("1)", "2)") at the start of a line? It becomes the
 * end of the item before, so that the parser reads the item as a sentence of its own. */
static bool list_number(struct plan *p, const char *s)
{
    struct tok *t = p->nt > 0 ? &p->t[p->nt - 1] : NULL;
    if (!t || t->kind != T_WORD || !tokens_is_number(t->w))
        return false;
    size_t b = t->off;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (b > 0 && s[b - 1] != '\n')
        return false;
    t->kind = T_STOP;
    t->w[0] = t->s[0] = '\0';
    return true;
}

/* Is the dash at s[i] a minus sign ("between -40 and 60")? A digit follows it and a space
 * or an opening parenthesis comes before it: "1-5" is a range, "part-time" one word, and a
 * dash at the start of a line a bullet. */
static bool minus_sign(const char *s, size_t i, size_t n)
{
    return s[i] == '-' && i > 0 && i + 1 < n && isdigit((unsigned char)s[i + 1]) &&
           (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '(');
}

/* An en dash between digits ("1–5") is a range's dash: the word is "1-5", as typed with a
 * hyphen, so that everything reading ranges reads it. */
#define EN_DASH_LEN 3
static bool en_dash_range(const char *s, size_t i, size_t n)
{
    return i > 0 && i + EN_DASH_LEN < n && !memcmp(s + i, "\xe2\x80\x93", EN_DASH_LEN) &&
           isdigit((unsigned char)s[i - 1]) && isdigit((unsigned char)s[i + EN_DASH_LEN]);
}

/* Is the comma at s[i] a thousands separator ("£5,000", "100,000")? One to three digits
 * before it (after the word's start or the separator before), only digits and such commas
 * in the word from st, and a group of exactly three digits after it ("1,2,3" is a list). */
static bool thousands_comma(const char *s, size_t st, size_t i, size_t n)
{
    size_t group = 0;
    if (s[i] != ',')
        return false;
    for (size_t j = st + (s[st] == '-'); j < i; j++) {
        if (!isdigit((unsigned char)s[j]) && s[j] != ',')
            return false;
        group = s[j] == ',' ? 0 : group + 1;
    }
    if (group < 1 || group > 3)
        return false;
    for (size_t j = i + 1; j <= i + 3; j++)
        if (j >= n || !isdigit((unsigned char)s[j]))
            return false;
    return i + 4 >= n || !isdigit((unsigned char)s[i + 4]);
}

/* Where the word starting at st ends: letters, digits and "_", with the inner "-", "'" and
 * "." that keep one word ("part-time", "o'clock", "1.5"), "1–5" with an en dash, and "5,000"
 * with its thousands separators. */
static size_t word_end(const char *s, size_t st, size_t n)
{
    size_t i = st + (s[st] == '-');
    while (i < n) {
        unsigned char d = (unsigned char)s[i];
        if (en_dash_range(s, i, n)) {
            i += EN_DASH_LEN;
            continue;
        }
        if (thousands_comma(s, st, i, n)) {
            i++;
            continue;
        }
        bool inner = (d == '-' || d == '\'' || d == '.') && i + 1 < n &&
                     isalnum((unsigned char)s[i + 1]) && i > st;
        /* "e.g" and "1.5" keep their dot; "posts.Users" does not */
        if (d == '.' && inner && !isdigit((unsigned char)s[i + 1]) &&
            !(i >= st + 1 && i - st == 1))
            inner = false;
        if (!(isalnum(d) || d == '_' || inner))
            break;
        i++;
    }
    return i;
}

/* The word s[st, st + len) as a token: lowercased (an en dash as "-"), its possessive "'s"
 * cut off, and its singular. */
static void push_word(struct plan *p, const char *s, size_t n, size_t st, size_t len, bool poss)
{
    push_tok(p, T_WORD, st, len);
    if (p->nt == 0)
        return;
    struct tok *t = &p->t[p->nt - 1];
    t->capital = isupper((unsigned char)s[st]);
    size_t k = 0;
    for (size_t j = 0; j < len && k + 1 < WORD_MAX; j++) {
        if (s[st + j] == ',')
            continue; /* "5,000" is the number 5000 (word_end keeps no other comma) */
        bool dash = en_dash_range(s, st + j, n);
        t->w[k++] = dash ? '-' : (char)tolower((unsigned char)s[st + j]);
        j += dash ? EN_DASH_LEN - 1 : 0;
    }
    t->w[k] = '\0';
    if (len >= WORD_MAX)
        t->w[0] = '\0'; /* too long to be a word we know */
    if (k > 2 && strcmp(t->w + k - 2, "'s") == 0) {
        t->w[k - 2] = '\0';
        poss = true;
    }
    t->poss = poss;
    if (inflect_singular(t->w, t->s, sizeof(t->s)) < 0)
        memcpy(t->s, t->w, sizeof(t->s));
}

/* "(e.g. PZ 123)", "i.e. the fee": the dot right after "e.g" or "i.e" ends the
 * abbreviation, never the sentence. */
static bool abbreviation_dot(const struct plan *p, size_t st)
{
    const struct tok *t = p->nt > 0 ? &p->t[p->nt - 1] : NULL;
    return t && t->kind == T_WORD && t->off + t->len == st &&
           (strcmp(t->w, "e.g") == 0 || strcmp(t->w, "i.e") == 0);
}

/* "Fencing club system * members have a name * we run competitions": a star between spaces
 * is a bullet, which starts an item of its own as a line would. */
static bool lone_star(const char *s, size_t st, size_t n)
{
    return (st == 0 || isspace((unsigned char)s[st - 1])) &&
           (st + 1 == n || isspace((unsigned char)s[st + 1]));
}

bool tokens_opens_line(const char *s, size_t off)
{
    size_t b = off;
    bool marked = false;
    while (b > 0 && s[b - 1] != '\n' && strchr(" \t*-.)0123456789", s[b - 1])) {
        marked |= s[b - 1] != ' ' && s[b - 1] != '\t';
        b--;
    }
    return b > 0 ? s[b - 1] == '\n' : marked;
}

/* "3. Books - title, author", "riders - username, home town": a dash between spaces after
 * one to three words that alone start a line (past its number or bullet) ends a heading, as
 * a colon would; elsewhere a lone dash separates as a comma does. */
static bool heading_dash(const struct plan *p, const char *s, size_t st, size_t n)
{
    enum { HEADING_WORDS_MAX = 3 };
    if (st == 0 || st + 1 >= n || s[st - 1] != ' ' || s[st + 1] != ' ')
        return false;
    int words = 0, j = p->nt - 1;
    for (; j >= 0 && p->t[j].kind == T_WORD && !tokens_is_number(p->t[j].w); j--)
        words++;
    if (words < 1 || words > HEADING_WORDS_MAX)
        return false;
    return tokens_opens_line(s, p->t[j + 1].off);
}

/* Punctuation c at st: a stop (or a bullet's star), a comma, a parenthesis, a colon, or "&", "/",
 * "+" read as the words they stand for; spaces, quotes and non-ASCII letters only separate words.
 */
static void push_punct(struct plan *p, const char *s, size_t st, size_t n, unsigned char c)
{
    switch (c) {
    case '*':
        if (lone_star(s, st, n))
            push_tok(p, T_STOP, st, 1);
        break;
    case '-':
        push_tok(p, heading_dash(p, s, st, n) ? T_COLON : T_COMMA, st, 1);
        break;
    case ',':
        push_tok(p, T_COMMA, st, 1);
        break;
    case '.':
        if (abbreviation_dot(p, st))
            break;
        /* fall through */
    case ';':
    case '!':
    case '?':
    case '\n':
        push_tok(p, T_STOP, st, 1);
        break;
    case '(':
    case '[':
        push_tok(p, T_LPAREN, st, 1);
        break;
    case ')':
    case ']':
        if (list_number(p, s))
            break; /* "2) each class belongs to a section": the item's number is no word */
        push_tok(p, T_RPAREN, st, 1);
        break;
    case ':':
        push_tok(p, T_COLON, st, 1);
        break;
    case '&':
    case '/':
    case '+':
        push_tok(p, T_WORD, st, 1);
        if (p->nt > 0) {
            struct tok *t = &p->t[p->nt - 1];
            snprintf(t->w, sizeof(t->w), "%s", c == '/' ? "or" : "and");
            memcpy(t->s, t->w, sizeof(t->s));
        }
        break;
    default:
        break;
    }
}

void tokens_split(struct plan *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && p->nt < MAX_TOKENS) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c == '_' || minus_sign(s, i, n))) {
            push_punct(p, s, i++, n, c);
            continue;
        }
        size_t st = i;
        i = word_end(s, st, n);
        size_t len = i - st;
        bool poss = false;
        if (i < n && s[i] == '\'' && len > 1 && s[i - 1] == 's') { /* users' */
            poss = true;
            i++;
        }
        push_word(p, s, n, st, len, poss);
        if (p->nt == 0)
            break;
    }
}

bool tokens_is_word(const struct plan *p, int i, const char *w)
{
    return i >= 0 && i < p->nt && p->t[i].kind == T_WORD && strcmp(p->t[i].w, w) == 0;
}

bool tokens_word_in(const struct plan *p, int i, const char *const *set)
{
    return i >= 0 && i < p->nt && p->t[i].kind == T_WORD && words_in(p->t[i].w, set);
}

bool tokens_is_plural(const struct tok *t)
{
    return strcmp(t->w, t->s) != 0;
}

bool tokens_is_number(const char *w)
{
    if (*w == '-' && isdigit((unsigned char)w[1]))
        w++; /* "-40" */
    if (!*w)
        return false;
    for (; *w; w++)
        if (!isdigit((unsigned char)*w) && *w != '.')
            return false;
    return true;
}

/* Is token i inside quotation marks ("classes such as 'three onions'")? The nearest quote
 * before it in its sentence opens one: a quote after no letter or digit; an apostrophe
 * inside a word ("we're") is none, and one after a word closes ("'dahlias' or"). */
bool tokens_quoted(const struct plan *p, int i)
{
    if (i < 0 || i >= p->nt)
        return false;
    for (int c = p->t[i].off - 1; c >= 0; c--) {
        char q = p->text[c];
        if (q == '.' || q == '!' || q == '?' || q == '\n')
            return false;
        if (q != '\'' && q != '"')
            continue;
        bool after_word = c > 0 && isalnum((unsigned char)p->text[c - 1]);
        bool before_word = isalnum((unsigned char)p->text[c + 1]);
        if (after_word && before_word)
            continue; /* an apostrophe */
        return !after_word;
    }
    return false;
}

bool tokens_is_stop_noun(const struct tok *t)
{
    return words_in(t->w, words_stop_nouns) ||
           (words_in(t->s, words_stop_nouns) && !words_in(t->w, words_plural_rows));
}

/* "the catalogue number", "a group leader": a word for a collection that a determiner counts,
 * a noun in its usual use to WordNet, modifying the noun after it (no "of" follows it), is a
 * word of that noun's name, not the collective of "a catalogue of products". */
static bool modifying_collective(const struct plan *p, int i)
{
    return tokens_word_in(p, i, words_collective) && !tokens_is_plural(&p->t[i]) &&
           tokens_word_in(p, i - 1, words_determiners) && i + 1 < p->nt &&
           !tokens_is_word(p, i + 1, "of") && tokens_is_content(p, i + 1) &&
           lexicon_usual_pos(p->t[i].w) == 'n';
}

/* Content word: may be part of a noun phrase. */
bool tokens_is_content(const struct plan *p, int i)
{
    if (i < 0 || i >= p->nt || p->t[i].kind != T_WORD || !p->t[i].w[0])
        return false;
    if (tokens_word_in(p, i, words_to_verbs) && tokens_is_word(p, i + 1, "to"))
        return false;
    return !words_in(p->t[i].w, words_function) || modifying_collective(p, i);
}

void tokens_mark_used(struct plan *p, int a, int b)
{
    for (int j = a; j < b && j < p->nt; j++)
        p->t[j].used = true;
}

/* Original text of tokens [a, b), shortened to a note-sized snippet. */
void tokens_snippet(const struct plan *p, int a, int b, char *out, size_t size)
{
    if (a < 0)
        a = 0;
    if (b > p->nt)
        b = p->nt;
    if (a >= b) {
        snprintf(out, size, "%s", "");
        return;
    }
    size_t st = p->t[a].off;
    size_t en = (size_t)p->t[b - 1].off + p->t[b - 1].len;
    for (int i = b - 1; i > a && en - st > SNIPPET_MAX; i--)
        en = (size_t)p->t[i - 1].off + p->t[i - 1].len;
    if (en - st > SNIPPET_MAX)
        en = st + SNIPPET_MAX;
    size_t k = 0;
    for (size_t i = st; i < en && k + 1 < size; i++) {
        unsigned char c = (unsigned char)p->text[i];
        out[k++] = (c == '\n' || c == '\t' || c == '\r') ? ' ' : (char)c;
    }
    /* never cut a UTF-8 sequence in half */
    while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80)
        k--;
    if (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0xc0)
        k--;
    out[k] = '\0';
}

int tokens_skip(const struct plan *p, int i, int end, const char *const *set)
{
    while (i < end && tokens_word_in(p, i, set))
        i++;
    return i;
}

int tokens_sentence_end(const struct plan *p, int i)
{
    while (i < p->nt && p->t[i].kind != T_STOP)
        i++;
    return i;
}
