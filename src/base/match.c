/*
 * match.c - loose name matching and "did you mean".  GLib does the Unicode work
 * (normalisation to NFD, then the combining marks are dropped, then case folding).
 */
#include "match.h"

#include <glib.h>
#include <string.h>

char *sp_match_fold(const char *s)
{
    char *nfd, *folded;
    GString *g;

    if (!s)
        return NULL;
    nfd = g_utf8_normalize(s, -1, G_NORMALIZE_NFD);
    if (!nfd)
        return g_strdup(s);  /* not valid UTF-8: compare as it is */
    g = g_string_sized_new(strlen(nfd));
    for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_type(c) == G_UNICODE_NON_SPACING_MARK)
            continue;
        if (c == '_')
            c = '-';
        g_string_append_unichar(g, c);
    }
    g_free(nfd);
    folded = g_utf8_casefold(g_strstrip(g->str), -1);
    g_string_free(g, TRUE);
    return folded;
}

/* The same folding for plain ASCII, without allocating: 1 equal, 0 not, -1 not ASCII. */
static int ascii_equal(const char *a, const char *b)
{
    const char *ea = a + strlen(a), *eb = b + strlen(b);

    while (*a == ' ' || *a == '\t')
        a++;
    while (*b == ' ' || *b == '\t')
        b++;
    while (ea > a && (ea[-1] == ' ' || ea[-1] == '\t'))
        ea--;
    while (eb > b && (eb[-1] == ' ' || eb[-1] == '\t'))
        eb--;
    for (; a < ea && b < eb; a++, b++) {
        char ca = *a == '_' ? '-' : g_ascii_tolower(*a), cb = *b == '_' ? '-' : g_ascii_tolower(*b);
        if ((unsigned char)*a >= 0x80 || (unsigned char)*b >= 0x80)
            return -1;
        if (ca != cb)
            return 0;
    }
    for (const char *p = a; p < ea; p++)
        if ((unsigned char)*p >= 0x80)
            return -1;
    for (const char *p = b; p < eb; p++)
        if ((unsigned char)*p >= 0x80)
            return -1;
    return a == ea && b == eb;
}

bool sp_match_equal(const char *a, const char *b)
{
    char *fa, *fb;
    bool eq;
    int fast;

    if (!a || !b)
        return false;
    fast = ascii_equal(a, b);
    if (fast >= 0)
        return fast == 1;
    fa = sp_match_fold(a);
    fb = sp_match_fold(b);
    eq = strcmp(fa, fb) == 0;
    g_free(fa);
    g_free(fb);
    return eq;
}

/* Edit distance (insert, delete, replace, swap two neighbours) between folded names, in
   characters; stops counting past limit. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    glong na, nb;
    gunichar *x = g_utf8_to_ucs4_fast(a, -1, &na), *y = g_utf8_to_ucs4_fast(b, -1, &nb);
    size_t *d = g_new(size_t, (size_t)(na + 1) * (size_t)(nb + 1)), r;

#define D(i, j) d[(size_t)(i) * (size_t)(nb + 1) + (size_t)(j)]
    for (glong i = 0; i <= na; i++)
        D(i, 0) = (size_t)i;
    for (glong j = 0; j <= nb; j++)
        D(0, j) = (size_t)j;
    for (glong i = 1; i <= na; i++)
        for (glong j = 1; j <= nb; j++) {
            size_t best = D(i - 1, j - 1) + (x[i - 1] != y[j - 1]);
            if (D(i - 1, j) + 1 < best)
                best = D(i - 1, j) + 1;
            if (D(i, j - 1) + 1 < best)
                best = D(i, j - 1) + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                D(i - 2, j - 2) + 1 < best)
                best = D(i - 2, j - 2) + 1;
            D(i, j) = best;
        }
    r = D(na, nb);
#undef D
    g_free(d);
    g_free(x);
    g_free(y);
    return r > limit ? limit + 1 : r;
}

const char *sp_match_suggest(const char *want, const char *const *names, size_t n)
{
    char *w = sp_match_fold(want);
    size_t wl = (size_t)g_utf8_strlen(w, -1);
    size_t limit = wl / 3 < 2 ? (wl >= 3 ? wl / 3 : 0) : 2;
    const char *best = NULL, *prefix = NULL;
    size_t best_d;

    if (limit == 0 && wl >= 2)
        limit = 1;
    best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        char *f;
        size_t d;
        if (!names[i])
            continue;
        f = sp_match_fold(names[i]);
        d = distance(w, f, limit);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
        if (!prefix && wl >= 3 && !strncmp(f, w, strlen(w)))
            prefix = names[i];
        g_free(f);
    }
    g_free(w);
    return best ? best : prefix;
}
