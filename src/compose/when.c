/*
 * when.c - moments, days and meeting states in UK time.
 *
 * GLib's GTimeZone reads the system's tz data, so the rules for the clocks changing
 * come from there, not from code here.  Wall-clock arithmetic uses "local seconds":
 * the UK date and time written as if it were UTC; an instant is local seconds minus the
 * UTC offset in force, and the two candidate offsets around a change decide the gap and
 * overlap cases (when.h).
 */
#include "when.h"

#include "../base/mem.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static GTimeZone *uk_zone(struct sp_error *err)
{
    GTimeZone *tz = g_time_zone_new_identifier(SP_WHEN_ZONE);

    if (!tz)
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                     "no time-zone data for '%s' (install the tzdata package)", SP_WHEN_ZONE);
    return tz;
}

/* UTC offset in seconds in force at instant t. */
static int offset_at(GTimeZone *tz, gint64 t)
{
    gint iv = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, t);

    return iv < 0 ? 0 : g_time_zone_get_offset(tz, iv);
}

/* Local seconds of 00:00 on y-m-d. */
static gint64 local_midnight(int y, int mo, int d)
{
    GDate date, epoch;

    g_date_clear(&date, 1);
    g_date_clear(&epoch, 1);
    g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)mo, (GDateYear)y);
    g_date_set_dmy(&epoch, 1, G_DATE_JANUARY, 1970);
    return (gint64)(g_date_get_julian(&date) - g_date_get_julian(&epoch)) * 86400;
}

/* Instant of local seconds L (when.h rules: gap -> offset before it; overlap -> first). */
static gint64 resolve(GTimeZone *tz, gint64 L, bool *shifted)
{
    int before = offset_at(tz, L - 43200), after = offset_at(tz, L + 43200);
    gint64 ta = L - before, tb = L - after;
    bool va = offset_at(tz, ta) == before, vb = offset_at(tz, tb) == after;

    if (shifted)
        *shifted = false;
    if (before == after || (va && !vb))
        return ta;
    if (vb && !va)
        return tb;
    if (va && vb)
        return ta < tb ? ta : tb;
    if (shifted)
        *shifted = true;
    return ta;
}

static void fill_moment(GTimeZone *tz, time_t at, struct sp_moment *m)
{
    int off = offset_at(tz, (gint64)at);
    gint64 L = (gint64)at + off;
    gint64 days = L >= 0 ? L / 86400 : -((-L + 86399) / 86400);
    gint64 secs = L - days * 86400;
    GDate d;

    g_date_clear(&d, 1);
    g_date_set_dmy(&d, 1, G_DATE_JANUARY, 1970);
    g_date_add_days(&d, (guint)days);
    memset(m, 0, sizeof *m);
    m->at = at;
    m->year = g_date_get_year(&d);
    m->month = g_date_get_month(&d);
    m->mday = g_date_get_day(&d);
    m->wday = g_date_get_weekday(&d) % 7;  /* GLib: Monday 1 ... Sunday 7 */
    m->minute = (int)(secs / 60);
    m->second = (int)(secs % 60);
    m->utc_offset = off;
}

int sp_when_moment(time_t at, struct sp_moment *m, struct sp_error *err)
{
    GTimeZone *tz = uk_zone(err);

    if (!tz)
        return -1;
    fill_moment(tz, at, m);
    g_time_zone_unref(tz);
    return 0;
}

static gint64 instant_tz(GTimeZone *tz, const struct sp_moment *m, int day_offset, int minute,
                         bool *shifted)
{
    gint64 L = local_midnight(m->year, m->month, m->mday) + (gint64)day_offset * 86400 +
               (gint64)minute * 60;

    return resolve(tz, L, shifted);
}

time_t sp_when_instant(const struct sp_moment *m, int day_offset, int minute, bool *shifted)
{
    GTimeZone *tz = g_time_zone_new_identifier(SP_WHEN_ZONE);
    gint64 t;

    if (!tz)
        tz = g_time_zone_new_utc();
    t = instant_tz(tz, m, day_offset, minute, shifted);
    g_time_zone_unref(tz);
    return (time_t)t;
}

void sp_when_format(time_t at, char *buf, size_t size)
{
    struct sp_moment m;

    if (sp_when_moment(at, &m, NULL) != 0) {
        snprintf(buf, size, "?");
        return;
    }
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d+%02d:00", m.year, m.month, m.mday,
             m.minute / 60, m.minute % 60, m.second, m.utc_offset / 3600);
}

/* Parse exactly `n` digits at *p. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if ((*p)[i] < '0' || (*p)[i] > '9')
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

int sp_when_parse(const char *text, time_t *at, struct sp_error *err)
{
    const char *p = text ? text : "";
    int y, mo, d, h, mi, s = 0, oh = 0, om = 0, sign = 0;
    bool has_offset = false;
    GDate date;
    GTimeZone *tz;

    if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d) || (*p != 'T' && *p != ' ') || !(p++, digits(&p, 2, &h)) ||
        *p++ != ':' || !digits(&p, 2, &mi))
        goto bad;
    if (*p == ':' && !(p++, digits(&p, 2, &s)))
        goto bad;
    if (*p == 'Z') {
        has_offset = true;
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p++ == '-' ? -1 : 1;
        if (!digits(&p, 2, &oh) || *p++ != ':' || !digits(&p, 2, &om) || oh > 14 || om > 59)
            goto bad;
        has_offset = true;
    }
    if (*p || h > 23 || mi > 59 || s > 59 || y < 1970 || y > 2200 ||
        !g_date_valid_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y))
        goto bad;
    g_date_clear(&date, 1);
    if (has_offset) {
        *at = (time_t)(local_midnight(y, mo, d) + h * 3600 + mi * 60 + s -
                       sign * (oh * 3600 + om * 60));
        return 0;
    }
    tz = uk_zone(err);
    if (!tz)
        return -1;
    *at = (time_t)resolve(tz, local_midnight(y, mo, d) + h * 3600 + mi * 60 + s, NULL);
    g_time_zone_unref(tz);
    return 0;
bad:
    return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                        "--at: expected a moment such as 2026-11-26T14:00 (UK time), got '%s'",
                        text ? text : "");
}

time_t sp_when_next_hour(time_t at)
{
    struct sp_moment m;

    /* UK offsets are whole hours, so the local turn of the hour is a UTC one too; the
       moment is still computed so a zone with a part-hour offset would show up here */
    if (sp_when_moment(at, &m, NULL) != 0)
        return (at / 3600 + 1) * 3600;
    return at + (60 - m.minute % 60) * 60 - m.second;
}

/* ---- selection ---- */

bool sp_when_runs_in_week(unsigned weeks, int year, int month, int mday)
{
    int n = (mday - 1) / 7 + 1;
    int dim = g_date_get_days_in_month((GDateMonth)month, (GDateYear)year);

    if (!weeks)
        return true;
    if ((weeks & SP_WEEK_BIT(n)) && n <= 5)
        return true;
    return (weeks & SP_WEEK_LAST) && mday + 7 > dim;
}

static int shown_minute(GTimeZone *tz, time_t t)
{
    struct sp_moment m;

    fill_moment(tz, t, &m);
    return m.minute;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct sp_when_entry *x = a, *y = b;
    int c;

    if (x->day != y->day)
        return x->day - y->day;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    c = strcmp(x->m->name, y->m->name);
    if (c)
        return c;
    return x->m->index < y->m->index ? -1 : x->m->index > y->m->index;
}

/* Days since 1970-01-01 of the local date of instant t in tz. */
static gint64 local_day(GTimeZone *tz, gint64 t)
{
    gint64 L = t + offset_at(tz, t);

    return L >= 0 ? L / 86400 : -((-L + 86399) / 86400);
}

/* The meetings' own zones, each opened once per selection. */
struct zones {
    const char *name[16];
    GTimeZone *tz[16];
    int n;
};

static GTimeZone *zone_of(struct zones *z, GTimeZone *screen, const char *screen_name,
                          const char *name)
{
    GTimeZone *tz;

    if (!name || !strcmp(name, screen_name))
        return screen;
    for (int i = 0; i < z->n; i++)
        if (!strcmp(z->name[i], name))
            return z->tz[i];
    tz = g_time_zone_new_identifier(name);
    if (!tz)
        return screen;  /* the reader checked the name; a system without it shows UK times */
    if (z->n == (int)G_N_ELEMENTS(z->tz)) {
        g_time_zone_unref(z->tz[0]);  /* a feed of many zones: keep the latest ones */
        memmove(&z->name[0], &z->name[1], sizeof z->name[0] * (size_t)(z->n - 1));
        memmove(&z->tz[0], &z->tz[1], sizeof z->tz[0] * (size_t)(z->n - 1));
        z->n--;
    }
    z->name[z->n] = name;
    z->tz[z->n++] = tz;
    return tz;
}

/* Instant of local time `minute` on the local date `day` (days since 1970) in tz. */
static gint64 instant_on(GTimeZone *tz, gint64 day, int minute, bool *shifted)
{
    return resolve(tz, day * 86400 + (gint64)minute * 60, shifted);
}

static void date_of(gint64 day, int *y, int *mo, int *d, int *wday)
{
    GDate g;

    g_date_clear(&g, 1);
    g_date_set_dmy(&g, 1, G_DATE_JANUARY, 1970);
    g_date_add_days(&g, (guint)day);
    *y = g_date_get_year(&g);
    *mo = g_date_get_month(&g);
    *d = g_date_get_day(&g);
    *wday = g_date_get_weekday(&g) % 7;
}

struct select_ctx {
    GTimeZone *screen;
    time_t at;
    gint64 today;              /* screen-local day number of the moment */
    int ndays;
    struct sp_when_list *out;
    size_t k, cap;
    time_t next_start;
};

/*
 * Every time meeting mt (in its zone tz) runs on its own local dates from..to: keep the
 * ones that land on a listed screen day (or started the screen day before and are still
 * running).
 */
static void add_runs(struct select_ctx *c, const struct sp_meeting *mt, GTimeZone *tz,
                     gint64 from, gint64 to)
{
    int len = mt->end_min - mt->start_min;

    if (len <= 0)
        len += 1440;  /* runs past midnight (an equal end means a whole day: bad data) */
    for (gint64 day = from; day <= to; day++) {
        int y, mo, d, wday;
        struct sp_when_entry e = { 0 };
        bool dummy;
        gint64 sday;

        date_of(day, &y, &mo, &d, &wday);
        if (!(mt->days & SP_DAY_BIT(wday)) || !sp_when_runs_in_week(mt->weeks, y, mo, d))
            continue;
        e.m = mt;
        e.start = (time_t)instant_on(tz, day, mt->start_min, &e.shifted);
        e.end = (time_t)instant_on(tz, day + (mt->end_min <= mt->start_min), mt->end_min,
                                   &dummy);
        if (e.end <= e.start)
            e.end = e.start + (time_t)len * 60;
        sday = local_day(c->screen, e.start) - c->today;
        if (sday >= c->ndays)
            continue;
        if (e.end <= c->at) {
            if (sday == 0)
                c->out->days[0].finished++;
            continue;
        }
        if (sday < 0 && e.start > c->at)
            continue;  /* cannot happen: days before today have started */
        if (sday < -1)
            continue;  /* still running from two days ago: a feed's bad end time */
        e.day = sday < 0 ? 0 : (int)sday;
        e.started_yesterday = sday < 0;
        e.start_shown = shown_minute(c->screen, e.start);
        e.end_shown = shown_minute(c->screen, e.end);
        e.other_zone = tz != c->screen &&
                       offset_at(tz, (gint64)e.start) != offset_at(c->screen, (gint64)e.start);
        e.state = e.start <= c->at ? SP_WHEN_ON_NOW : SP_WHEN_LATER;
        if (e.start > c->at && (!c->next_start || e.start < c->next_start))
            c->next_start = e.start;
        if (c->k == c->cap) {
            c->cap *= 2;
            c->out->v = xrealloc(c->out->v, c->cap * sizeof *c->out->v);
        }
        c->out->v[c->k++] = e;
    }
}

int sp_when_select(const struct sp_meeting *const *meetings, size_t n, time_t at,
                   const char *view, struct sp_when_list *out, struct sp_error *err)
{
    return sp_when_select_zone(meetings, n, at, view, NULL, out, err);
}

int sp_when_select_zone(const struct sp_meeting *const *meetings, size_t n, time_t at,
                        const char *view, const char *zone, struct sp_when_list *out,
                        struct sp_error *err)
{
    const char *screen_name = zone ? zone : SP_WHEN_ZONE;
    struct select_ctx c = { 0 };
    struct zones zones = { { 0 }, { 0 }, 0 };
    GTimeZone *tz;
    gint64 win_start, win_end;

    memset(out, 0, sizeof *out);
    if (!view || !strcmp(view, "today"))
        out->ndays = 2;
    else if (!strcmp(view, "week"))
        out->ndays = 7;
    else
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "--view: expected today or week, got '%s'", view);
    tz = g_time_zone_new_identifier(screen_name);
    if (!tz)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "no time-zone data for '%s' (install the tzdata package)",
                            screen_name);
    out->zone = screen_name;
    fill_moment(tz, at, &out->now);
    c.screen = tz;
    c.at = at;
    c.today = local_day(tz, (gint64)at);
    c.ndays = out->ndays;
    c.out = out;
    c.cap = 16;
    out->v = xmalloc(c.cap * sizeof *out->v);

    /* Step 1: the days, and whether the clocks change on each. */
    for (int d = 0; d < out->ndays; d++) {
        struct sp_moment day;
        struct sp_when_day *D = &out->days[d];
        int o0, o1;

        fill_moment(tz, (time_t)instant_tz(tz, &out->now, d, 12 * 60, NULL), &day);
        D->offset = d;
        D->year = day.year;
        D->month = day.month;
        D->mday = day.mday;
        D->wday = day.wday;
        o0 = offset_at(tz, instant_tz(tz, &out->now, d, 0, NULL));
        o1 = offset_at(tz, instant_tz(tz, &out->now, d + 1, 0, NULL));
        D->clocks = o1 > o0 ? 1 : o1 < o0 ? -1 : 0;
    }

    /* Step 2: each meeting on its own dates, from the day before the screen's first day
       (still running after midnight) to its last; in another zone, by that zone's
       calendar around the same instants. */
    win_start = instant_tz(tz, &out->now, -1, 0, NULL);
    win_end = instant_tz(tz, &out->now, out->ndays, 0, NULL);
    for (size_t i = 0; i < n; i++) {
        const struct sp_meeting *mt = meetings[i];
        GTimeZone *mz = zone_of(&zones, tz, screen_name, mt->timezone);

        if (mz == tz)
            add_runs(&c, mt, tz, c.today - 1, c.today + out->ndays - 1);
        else
            add_runs(&c, mt, mz, local_day(mz, win_start) - 1, local_day(mz, win_end));
    }
    for (int i = 0; i < zones.n; i++)
        g_time_zone_unref(zones.tz[i]);
    g_time_zone_unref(tz);
    out->n = c.k;
    qsort(out->v, c.k, sizeof *out->v, cmp_entry);

    /* Step 3: "Next", day ranges and the next change. */
    for (size_t i = 0; i < c.k; i++) {
        struct sp_when_entry *e = &out->v[i];
        struct sp_when_day *D = &out->days[e->day];
        time_t change = e->start > at ? e->start : e->end;

        if (c.next_start && e->start == c.next_start)
            e->state = SP_WHEN_NEXT;
        if (D->n++ == 0)
            D->first = i;
        if (!out->next_change || change < out->next_change)
            out->next_change = change;
    }
    return 0;
}

void sp_when_list_release(struct sp_when_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}
