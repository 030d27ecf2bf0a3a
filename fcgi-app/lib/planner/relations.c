/* Relations between entities: references (child → parent) with their on-delete rule,
 * self-references, join entities for many-to-many, and the vocabulary's usual parents. */
#include "planner/plan.h"
#include "spec/names.h"

#include <stdio.h>
#include <string.h>

/* Would p become its own ancestor if child referenced it? */
bool relations_reaches(const struct plan *p, int from, int to, int depth)
{
    if (from == to)
        return true;
    if (depth > MAX_ENTITIES)
        return false;
    for (int k = 0; k < p->ne; k++)
        if (p->parent[from][k] && relations_reaches(p, k, to, depth + 1))
            return true;
    return false;
}

/* Notes child's new reference fname to parent, and where it was read (tokens [a, b), or the
 * vocabulary's usual parents when a < 0); a name prefixed because the plain one is a column
 * every row gets says so. */
static void note_reference(struct plan *p, int child, int parent, const char *fname,
                           const char *on_delete, int a, int b)
{
    const char *snake = p->e[child].snake;
    char cn[NAME_MAX_], pn[NAME_MAX_], from[SNIPPET_MAX + 16] = "usual for these two";
    entities_pascal(snake, cn, sizeof(cn));
    entities_pascal(p->e[parent].snake, pn, sizeof(pn));
    if (a >= 0) {
        char said[SNIPPET_MAX + 1];
        tokens_snippet(p, a, b, said, sizeof(said));
        snprintf(from, sizeof(from), "from \"%s\"", said);
    }
    notes_add(p, p->understood, "%s belongs to %s: %s.%s, on delete %s (%s)", cn, pn, cn, fname,
              on_delete, from);
    size_t cl = strlen(snake);
    if (strncmp(fname, snake, cl) == 0 && fname[cl] == '_' && names_reserved_field(fname + cl + 1))
        notes_add(p, p->understood, "%s.%s, not %s: the generated code has that column", cn, fname,
                  fname + cl + 1);
}

/* Adds child's reference to parent as field fname, noting where it was read. */
static void add_reference(struct plan *p, int child, int parent, const char *fname,
                          const char *on_delete, int a, int b)
{
    struct entity *e = &p->e[child];
    if (fields_find(e, fname) >= 0 || e->nfields >= MAX_FIELDS || strlen(fname) > 60)
        return;
    struct field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", fname);
    f->type = "reference";
    f->ref = parent;
    f->on_delete = on_delete;
    f->required = strcmp(on_delete, "set_null") != 0;
    p->parent[child][parent] = true;
    note_reference(p, child, parent, fname, on_delete, a, b);
}

/* A reference named like a column every row gets ("owner_id": the generated code keeps each
 * row's owner there) is prefixed with its entity's name (horse_owner_id), as a date is
 * (flight_date). raw is the name before that check; -1 when the name does not fit. */
static int reference_name(const struct plan *p, int child, const char *raw, char *out, size_t size)
{
    if (!names_reserved_field(raw))
        return snprintf(out, size, "%s", raw) < (int)size ? 0 : -1;
    int n = snprintf(out, size, "%s_%s", p->e[child].snake, raw);
    return n < (int)size && n < NAME_MAX_ ? 0 : -1;
}

int relations_ref_name(const struct plan *p, int child, int parent, const char *role, char *out,
                       size_t size)
{
    char raw[WORD_MAX + NAME_MAX_ + 8], name[NAME_MAX_ + 4];
    if (!role) {
        snprintf(raw, sizeof(raw), "%s_id", p->e[parent].snake);
        if (strlen(raw) >= NAME_MAX_)
            return -1;
        return reference_name(p, child, raw, out, size);
    }
    snprintf(raw, sizeof(raw), "%s_%s_id", role, p->e[parent].snake);
    if (inflect_snake(raw, name, sizeof(name)) < 0)
        return -1;
    return reference_name(p, child, name, out, size);
}

void relations_add(struct plan *p, int child, int parent, const char *on_delete, int a, int b)
{
    if (child < 0 || parent < 0 || child == parent || p->parent[child][parent] ||
        relations_reaches(p, parent, child, 0))
        return;
    char fname[NAME_MAX_];
    if (relations_ref_name(p, child, parent, NULL, fname, sizeof(fname)) == 0)
        add_reference(p, child, parent, fname, on_delete, a, b);
}

void relations_add_role(struct plan *p, int child, int parent, const char *role,
                        const char *on_delete, int a, int b)
{
    char fname[NAME_MAX_];
    if (child < 0 || parent < 0 || child == parent || relations_reaches(p, parent, child, 0))
        return;
    if (relations_ref_name(p, child, parent, role, fname, sizeof(fname)) == 0)
        add_reference(p, child, parent, fname, on_delete, a, b);
}

/* Entity k takes the name snake. References named after its old name follow: those to it
 * (boat_id → vessel_id) and its own prefixed ones (horse_owner_id); names said otherwise
 * ("manager_id", "home_team_id") stay. */
void relations_rename(struct plan *p, int k, const char *snake)
{
    bool follows[MAX_ENTITIES][MAX_FIELDS] = {{false}};
    char name[NAME_MAX_];
    for (int c = 0; c < p->ne; c++)
        for (int q = 0; q < p->e[c].nfields; q++) {
            const struct field *f = &p->e[c].fields[q];
            follows[c][q] = f->ref >= 0 && (c == k || f->ref == k) &&
                            relations_ref_name(p, c, f->ref, NULL, name, sizeof(name)) == 0 &&
                            strcmp(name, f->name) == 0;
        }
    snprintf(p->e[k].snake, sizeof(p->e[k].snake), "%s", snake);
    for (int c = 0; c < p->ne; c++)
        for (int q = 0; q < p->e[c].nfields; q++) {
            struct field *f = &p->e[c].fields[q];
            if (follows[c][q] && relations_ref_name(p, c, f->ref, NULL, name, sizeof(name)) == 0)
                snprintf(f->name, sizeof(f->name), "%s", name);
        }
}

/* "employees have a manager": entity k refers to another row of itself, optionally. */
void relations_self(struct plan *p, int k, const char *word, int a, int b)
{
    char fname[NAME_MAX_], raw[WORD_MAX + 4], name[NAME_MAX_];
    snprintf(raw, sizeof(raw), "%s_id", word);
    struct entity *e = &p->e[k];
    if (inflect_snake(raw, name, sizeof(name)) < 0 ||
        reference_name(p, k, name, fname, sizeof(fname)) < 0 || fields_find(e, fname) >= 0)
        return;
    /* the phrase rules read "a manager" as a text column: the reference replaces it */
    int old = fields_find(e, word);
    if (old >= 0 && strcmp(e->fields[old].type, "string") == 0) {
        memmove(&e->fields[old], &e->fields[old + 1],
                (size_t)(e->nfields - old - 1) * sizeof(e->fields[0]));
        e->nfields--;
    }
    if (e->nfields >= MAX_FIELDS)
        return;
    struct field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", fname);
    f->type = "reference";
    f->ref = k;
    f->on_delete = "set_null"; /* the first row has none: optional */
    char n[NAME_MAX_], from[SNIPPET_MAX + 8];
    tokens_snippet(p, a, b, from, sizeof(from));
    notes_add(p, p->understood, "%s.%s refers to another %s, optional (from \"%s\")",
              entities_pascal(e->snake, n, sizeof(n)), fname, n, from);
}

/* Is entity k's head word (its name's last word) a record in WordNet: an act, event or
 * communication ("shift", "display", "booking")? */
static bool record_head(const struct plan *p, int k)
{
    const char *s = strrchr(p->e[k].snake, '_');
    struct lex_noun ln;
    return lexicon_noun(s ? s + 1 : p->e[k].snake, &ln) && ln.record;
}

/* "playlists of tracks": a list of many things that are each in many lists is a join
 * entity with a reference to both. Its name says the record first, then what takes part in
 * it, whichever the clause said first ("a volunteer can do many shifts": ShiftVolunteer). */
void relations_join(struct plan *p, int x, int y, int a, int b)
{
    if (record_head(p, y) && !record_head(p, x)) {
        int t = x;
        x = y;
        y = t;
    }
    char snake[NAME_MAX_ * 2 + 2];
    snprintf(snake, sizeof(snake), "%s_%s", p->e[x].snake, p->e[y].snake);
    /* each side said many again: the join made first stands */
    if (strlen(snake) > 48 || (entities_find(p, snake) < 0 && relations_joined(p, x, y)))
        return;
    int k = entities_find(p, snake);
    if (k < 0) {
        k = entities_add(p, snake, NULL, a, b);
        if (k < 0)
            return;
        p->e[k].nfields = 0; /* only the two references */
        char n[NAME_MAX_], xn[NAME_MAX_], yn[NAME_MAX_];
        notes_add(p, p->understood, "%s joins %s and %s: each can have many of the other",
                  entities_pascal(snake, n, sizeof(n)),
                  entities_pascal(p->e[x].snake, xn, sizeof(xn)),
                  entities_pascal(p->e[y].snake, yn, sizeof(yn)));
    }
    relations_add(p, k, x, "cascade", a, b);
    relations_add(p, k, y, "cascade", a, b);
}

/* Prepositions whose object is a parent of the noun or clause before them, with the
 * on_delete the attachment suggests. */
const char *relations_on_delete(const char *prep)
{
    static const char *const contain[] = {"of",     "per",    "in",    "on",   "at",
                                          "within", "inside", "under", "into", "onto",
                                          "by",     "during", "along", NULL};
    /* "rehearsals are held before each concert": a thing done before or after an event
     * is for it; "a claim is filed against a policy", "a bench beside a path" */
    static const char *const refer[] = {"for",   "to",      "from",   "about", "before",
                                        "after", "against", "beside", "near",  NULL};
    if (words_in(prep, contain))
        return "cascade";
    if (words_in(prep, refer))
        return "set_null";
    return NULL;
}

/* Default parents from the vocabulary, for pairs the prompt did not relate. */
void relations_from_vocab(struct plan *p)
{
    for (int c = 0; c < p->ne; c++) {
        const struct vocab_entity *v = p->e[c].v;
        if (!v || !v->parents)
            continue;
        const char *g = v->parents;
        while (*g) {
            while (*g == ' ')
                g++;
            size_t gl = strcspn(g, " ");
            /* alternatives: the first present wins */
            const char *a = g;
            while (a < g + gl) {
                size_t al = strcspn(a, "|");
                if (a + al > g + gl)
                    al = (size_t)(g + gl - a);
                char name[NAME_MAX_];
                snprintf(name, sizeof(name), "%.*s", (int)al, a);
                const char *od = "cascade";
                size_t nl = strlen(name);
                if (nl && name[nl - 1] == '?') {
                    od = "set_null";
                    name[--nl] = '\0';
                } else if (nl && name[nl - 1] == '~') {
                    od = "restrict";
                    name[--nl] = '\0';
                }
                int par = entities_by_vocab(p, name);
                if (par >= 0 && par != c) {
                    /* a join the prompt made of the two relates them already */
                    if (!p->parent[par][c] && !relations_joined(p, c, par))
                        relations_add(p, c, par, od, -1, -1);
                    break;
                }
                a += al + (a[al] == '|' ? 1 : 0);
            }
            g += gl;
        }
    }
}

/* Does a record refer to both x and y (an act of one on the other: Induction of a member and
 * a machine)? */
bool relations_through_record(const struct plan *p, int x, int y)
{
    for (int k = 0; k < p->ne; k++)
        if (k != x && k != y && p->parent[k][x] && p->parent[k][y])
            return true;
    return false;
}

bool relations_joined(const struct plan *p, int x, int y)
{
    for (int k = 0; k < p->ne; k++) {
        const struct entity *e = &p->e[k];
        bool refs_only = e->nfields > 0;
        for (int q = 0; q < e->nfields; q++)
            refs_only &= e->fields[q].ref >= 0;
        if (!e->dropped && k != x && k != y && refs_only && p->parent[k][x] && p->parent[k][y])
            return true;
    }
    return false;
}

void relations_remove(struct plan *p, int child, int parent)
{
    struct entity *e = &p->e[child];
    for (int fi = e->nfields - 1; fi >= 0; fi--)
        if (e->fields[fi].ref == parent)
            fields_remove(e, fi);
    p->parent[child][parent] = false;
}
