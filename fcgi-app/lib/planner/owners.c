/* Auth and ownership: whether the backend has users ("log in", "users", "my ..."),
 * and which entities are per-user data. */
#include "planner/plan.h"

#include <string.h>

/* Words that switch authentication on. */
static const char *const auth_words[] = {"user",
                                         "users",
                                         "login",
                                         "logins",
                                         "signup",
                                         "sign-up",
                                         "signin",
                                         "sign-in",
                                         "account",
                                         "accounts",
                                         "authentication",
                                         "authenticated",
                                         "authenticate",
                                         "auth",
                                         "jwt",
                                         "password",
                                         "passwords",
                                         "oauth",
                                         "oauth2",
                                         "my",
                                         "log-in",
                                         "user's",
                                         NULL};

/* Verbs that switch it on before "in", "up" or "on" only: "log in", "logged in", "signs
 * up"; "readings are logged monthly" keeps records, it signs nobody in. */
static const char *const sign_verbs[] = {"log", "logs", "logged", "sign", "signs", "signed", NULL};

/* Words that make every entity per-user (with auth on). */
static const char *const own_words[] = {"my",       "private", "personal", "own",
                                        "per-user", "mine",    "their",    NULL};

void owners_mark(struct plan *p, int k, int a, int b)
{
    /* without sign-in (owners_detect_auth ran first) no row has an owner to belong to */
    if (k < 0 || p->own[k] || !p->auth)
        return;
    p->own[k] = true;
    char n[NAME_MAX_], from[SNIPPET_MAX + 8];
    tokens_snippet(p, a, b, from, sizeof(from));
    notes_add(p, p->understood, "%s rows belong to the signed-in user (from \"%s\")",
              entities_pascal(p->e[k].snake, n, sizeof(n)), from);
}

/* "sign up for shifts", "signed up to rides", "sign up in teams": joining something the
 * backend keeps, not an account; "sign up to the app", "sign up for an account" still are. */
static bool joins_something(const struct plan *p, int particle)
{
    static const char *const joins[] = {"for", "to", "in", "at", "onto", "into", NULL};
    static const char *const determiners[] = {"a", "an", "the", "our", "their", "its", NULL};
    if (!tokens_word_in(p, particle, (const char *const[]){"up", "on", NULL}) ||
        !tokens_word_in(p, particle + 1, joins))
        return false;
    int what = tokens_skip(p, particle + 2, p->nt, determiners);
    return what < p->nt && p->t[what].kind == T_WORD && !tokens_word_in(p, what, auth_words) &&
           !tokens_word_in(p, what, words_app_nouns);
}

void owners_detect_auth(struct plan *p)
{
    for (int i = 0; i < p->nt; i++) {
        if (p->t[i].kind != T_WORD)
            continue;
        const char *w = p->t[i].w;
        bool hit = words_in(w, auth_words) ||
                   (words_in(w, sign_verbs) &&
                    tokens_word_in(p, i + 1, (const char *const[]){"in", "up", "on", NULL}) &&
                    !joins_something(p, i + 1));
        if (hit && !p->auth) {
            char from[SNIPPET_MAX + 8];
            tokens_snippet(p, i, i + 1 + (words_in(w, auth_words) ? 0 : 1), from, sizeof(from));
            notes_add(p, p->understood, "authentication on: register, login and me (from \"%s\")",
                      from);
            p->auth = true;
        }
        if (hit)
            p->t[i].used = true;
        if (words_in(w, own_words) ||
            (strcmp(w, "per") == 0 && tokens_is_word(p, i + 1, "user")) ||
            (p->t[i].poss && words_in(w, (const char *const[]){"user", "users", NULL}))) {
            /* "their" alone is too weak: it counts with "own" only */
            if (strcmp(w, "their") == 0 && !tokens_is_word(p, i + 1, "own"))
                continue;
            if (!p->own_all) {
                char from[SNIPPET_MAX + 8];
                tokens_snippet(p, i, i + 2, from, sizeof(from));
                notes_add(p, p->understood, "every entity is per-user data (from \"%s\")", from);
            }
            p->own_all = true;
            p->t[i].used = true;
        }
    }
}

void owners_finish(struct plan *p)
{
    if (!p->auth)
        return;
    for (int k = 0; k < p->ne; k++)
        p->e[k].owned = p->own_all || p->own[k];
    /* children of per-user rows are per-user too (a task of my project is mine) */
    bool changed = true;
    for (int round = 0; changed && round < MAX_ENTITIES; round++) {
        changed = false;
        for (int c = 0; c < p->ne; c++)
            for (int par = 0; par < p->ne; par++)
                if (p->parent[c][par] && p->e[par].owned && !p->e[c].owned) {
                    for (int q = 0; q < p->e[c].nfields; q++)
                        if (p->e[c].fields[q].ref == par &&
                            strcmp(p->e[c].fields[q].on_delete, "cascade") == 0) {
                            p->e[c].owned = changed = true;
                            break;
                        }
                }
    }
}
