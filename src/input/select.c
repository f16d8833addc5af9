/*
 * select.c - meeting selection.  Case-insensitive matching uses GLib's Unicode
 * case folding, so "caerdydd" matches "Caerdydd" and "TŶ" matches "tŷ".
 */
#include "select.h"

#include <glib.h>
#include <string.h>

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
    char *fa, *fb;
    bool eq;

    if (!a || !b)
        return false;
    fa = g_utf8_casefold(a, -1);
    fb = g_utf8_casefold(b, -1);
    eq = strcmp(fa, fb) == 0;
    g_free(fa);
    g_free(fb);
    return eq;
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
