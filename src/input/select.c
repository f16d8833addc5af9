/*
 * select.c - meeting selection.  Names are matched ignoring case and accents
 * (base/match.c: GLib's Unicode normalisation and case folding), so "caerdydd" matches
 * "Caerdydd", "TŶ" matches "tŷ" and "Zurich" matches "Zürich".
 */
#include "select.h"

#include <glib.h>
#include <string.h>

#include "../base/match.h"
#include "../base/mem.h"
#include "normalize.h"

static const char *const day_names[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

const char *sp_day_name(int day)
{
    return day >= 0 && day < 7 ? day_names[day] : "?";
}

const char *sp_attendance_label(enum sp_attendance a)
{
    switch (a) {
    case SP_ATTEND_IN_PERSON: return "in person";
    case SP_ATTEND_ONLINE:    return "online";
    case SP_ATTEND_HYBRID:    return "online and in person";
    case SP_ATTEND_CLOSED:    return "temporarily closed";
    }
    return "?";
}

static bool ci_equal(const char *a, const char *b)
{
    return sp_match_equal(a, b);
}

static bool ci_contains(const char *hay, const char *needle)
{
    char *fh, *fn;
    bool found;

    if (!hay || !needle)
        return false;
    fh = g_utf8_casefold(hay, -1);
    fn = g_utf8_casefold(needle, -1);
    found = strstr(fh, fn) != NULL;
    g_free(fh);
    g_free(fn);
    return found;
}

/* "AA" matches "Alcoholics Anonymous" by the initials of its words. */
static bool initials_match(const char *name, const char *abbr)
{
    char init[16];
    size_t n = 0;
    bool start = true;

    if (!name)
        return false;
    for (const char *p = name; *p && n + 1 < sizeof init; p++) {
        if (*p == ' ' || *p == '-') {
            start = true;
        } else if (start) {
            init[n++] = (char)g_ascii_toupper(*p);
            start = false;
        }
    }
    init[n] = '\0';
    return n > 1 && g_ascii_strcasecmp(init, abbr) == 0;
}

bool sp_select_match(const struct sp_meeting *m, const struct sp_selection *sel)
{
    unsigned att = sel->attendance;

    if (m->attendance == SP_ATTEND_CLOSED && !sel->include_closed)
        return false;
    if (att) {
        /* a hybrid meeting is both online and in person, so it matches either */
        unsigned mine = 1u << m->attendance;
        if (m->attendance == SP_ATTEND_HYBRID)
            mine |= (1u << SP_ATTEND_ONLINE) | (1u << SP_ATTEND_IN_PERSON);
        if (!(att & mine) && !(m->attendance == SP_ATTEND_CLOSED && sel->include_closed))
            return false;
    }
    if (sel->days && !(m->days & sel->days))
        return false;
    if (sel->nregions) {
        bool any = false;
        for (size_t i = 0; i < sel->nregions && !any; i++)
            any = ci_equal(m->region, sel->regions[i]) || ci_equal(m->sub_region, sel->regions[i]);
        if (!any)
            return false;
    }
    if (sel->nfellowships) {
        bool any = false;
        for (size_t i = 0; i < sel->nfellowships && !any; i++)
            any = ci_equal(m->fellowship, sel->fellowships[i]) ||
                  initials_match(m->fellowship, sel->fellowships[i]);
        if (!any)
            return false;
    }
    for (size_t i = 0; i < sel->ntypes; i++) {
        bool has = false;
        for (size_t j = 0; j < m->ntypes && !has; j++)
            has = g_ascii_strcasecmp(m->types[j].code, sel->types[i]) == 0;
        if (!has)
            return false;
    }
    if (sel->search && !ci_contains(m->name, sel->search) && !ci_contains(m->venue, sel->search) &&
        !ci_contains(m->town, sel->search))
        return false;
    return true;
}

size_t sp_select(const struct sp_directory *dir, const struct sp_selection *sel,
                 const struct sp_meeting ***out)
{
    const struct sp_meeting **v = xmalloc((dir->n ? dir->n : 1) * sizeof *v);
    size_t n = 0;

    for (size_t i = 0; i < dir->n; i++)
        if (sp_select_match(&dir->meetings[i], sel))
            v[n++] = &dir->meetings[i];
    *out = v;
    return n;
}

int sp_select_days(const char *s, unsigned *mask)
{
    /* the readers' day parser: names, prefixes, lists, ranges, "weekend", "all" */
    char bad[2] = "";
    unsigned m = sp_days_parse(s, bad, sizeof bad);

    if (!m || *bad)
        return -1;
    *mask = m;
    return 0;
}

int sp_select_attendance(const char *s, unsigned *mask)
{
    gchar **parts = g_strsplit(s, ",", -1);
    unsigned m = 0;
    int rc = 0;

    for (gchar **p = parts; *p && rc == 0; p++) {
        char *w = g_strstrip(*p);
        if (!g_ascii_strcasecmp(w, "in-person") || !g_ascii_strcasecmp(w, "in person"))
            m |= 1u << SP_ATTEND_IN_PERSON;
        else if (!g_ascii_strcasecmp(w, "online"))
            m |= 1u << SP_ATTEND_ONLINE;
        else if (!g_ascii_strcasecmp(w, "hybrid"))
            m |= 1u << SP_ATTEND_HYBRID;
        else if (!g_ascii_strcasecmp(w, "closed") || !g_ascii_strcasecmp(w, "temporarily-closed"))
            m |= 1u << SP_ATTEND_CLOSED;
        else
            rc = -1;
    }
    g_strfreev(parts);
    if (rc == 0)
        *mask = m;
    return rc;
}

/* Distinct non-NULL strings of the directory picked by get (at most two per meeting). */
static GPtrArray *distinct(const struct sp_directory *dir,
                           const char *(*get)(const struct sp_meeting *m, int k))
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *v = g_ptr_array_new();

    for (size_t i = 0; i < dir->n; i++)
        for (int k = 0; k < 2; k++) {
            const char *s = get(&dir->meetings[i], k);
            if (s && !g_hash_table_contains(seen, s)) {
                g_hash_table_add(seen, (gpointer)s);
                g_ptr_array_add(v, (gpointer)s);
            }
        }
    g_hash_table_destroy(seen);
    return v;
}

static const char *get_region(const struct sp_meeting *m, int k)
{
    return k == 0 ? m->region : m->sub_region;
}

static const char *get_fellowship(const struct sp_meeting *m, int k)
{
    return k == 0 ? m->fellowship : NULL;
}

static const char *suggest(const struct sp_directory *dir, const char *want,
                           const char *(*get)(const struct sp_meeting *m, int k))
{
    GPtrArray *v = distinct(dir, get);
    const char *best = sp_match_suggest(want, (const char *const *)v->pdata, v->len);

    g_ptr_array_free(v, TRUE);
    return best;
}

const char *sp_select_suggest_region(const struct sp_directory *dir, const char *want)
{
    return suggest(dir, want, get_region);
}

const char *sp_select_suggest_fellowship(const struct sp_directory *dir, const char *want)
{
    return suggest(dir, want, get_fellowship);
}

bool sp_select_has_region(const struct sp_directory *dir, const char *want)
{
    for (size_t i = 0; i < dir->n; i++)
        if (ci_equal(dir->meetings[i].region, want) || ci_equal(dir->meetings[i].sub_region, want))
            return true;
    return false;
}

bool sp_select_has_fellowship(const struct sp_directory *dir, const char *want)
{
    for (size_t i = 0; i < dir->n; i++)
        if (ci_equal(dir->meetings[i].fellowship, want) ||
            initials_match(dir->meetings[i].fellowship, want))
            return true;
    return false;
}

struct count { const char *name; size_t n; };

static int by_count(const void *a, const void *b)
{
    const struct count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->name, y->name);
}

char *sp_select_region_list(const struct sp_directory *dir)
{
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTableIter it;
    gpointer k, v;
    struct count *c;
    size_t n = 0;
    GString *g = g_string_new(NULL);
    char *r;

    for (size_t i = 0; i < dir->n; i++) {
        const char *name = dir->meetings[i].region ? dir->meetings[i].region : "(no region)";
        g_hash_table_insert(h, (gpointer)name,
                            GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(h, name)) + 1));
    }
    c = xmalloc((g_hash_table_size(h) + 1) * sizeof *c);
    g_hash_table_iter_init(&it, h);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        c[n].name = k;
        c[n++].n = GPOINTER_TO_SIZE(v);
    }
    qsort(c, n, sizeof *c, by_count);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(g, "%s%s %zu", i ? ", " : "", c[i].name, c[i].n);
    r = xstrdup(g->str);
    g_string_free(g, TRUE);
    free(c);
    g_hash_table_destroy(h);
    return r;
}
