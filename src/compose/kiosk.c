/*
 * kiosk.c - screen slides as a departure board for a moment: "today and tomorrow" or
 * "this week".
 *
 * when.c decides which meetings are shown and which are on now or next; this file lays
 * them out as a table read at a glance: one row per meeting (time, meeting, where,
 * status) at the layout's body size, a title line naming the day, and a panel of QR codes
 * (the soonest online meetings on the slide, lettered A, B... in their rows, and one for
 * the full list).  Slides are cut at SP_KIOSK_MAX_SLIDES with "N more at <link>", never
 * smaller text.  Lengths are px (1 px = 1 pt of the plan; the 4K layout doubles them on
 * output).  QR codes have whole-pixel modules at whole-pixel positions, the symbol at
 * least the layout's min-size, dark on the layout's light panel colour in every theme
 * (the rules: docs/standards.md, "Screens").
 */
#include "kiosk.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "flow.h"
#include "qr.h"
#include "tr.h"
#include "words.h"

#define GAP 16.0            /* px between title, rules and table */
#define COL_GAP 28.0        /* px between table columns */
#define BADGE_PAD 12.0      /* px left and right of "On now" / "Next" */
#define LETTER_W 64.0       /* px: the column of code letters in the panel */
#define PANEL_GAP 32.0      /* px between the table and the panel */
#define MAX_HELPLINES 3     /* listed on the first empty day */
#define STRIPE_MIX 0.07     /* alternate rows: background moved this far toward the text */
#define LOOKAHEAD 64        /* meeting rows that decide the geometry: more than four
                               slides hold, so the rows shown are among them */
#define PANEL_TEXT 0x1A1A1A /* text on the light QR panel (layout.c checks panel contrast) */

enum line_kind { L_DAY, L_MEETING, L_MESSAGE };

/* One line of the board before it is placed: a day heading, a meeting row or a sentence. */
struct line {
    enum line_kind kind;
    int day;                     /* index into when->days */
    const char *text;            /* DAY, MESSAGE */
    bool bold;                   /* MESSAGE */
    const struct sp_when_entry *e;  /* MEETING */
    const char *time, *name, *where, *status, *note, *link, *alt;
    bool badge;
    double h;                    /* measured height (MEETING: with the widest code suffix) */
};

struct slide {
    size_t first, n;             /* lines[first .. first + n) */
    bool more;                   /* the "N more" line goes at its end */
};

struct kiosk {
    const struct sp_compose_in *in;
    const struct sp_when_list *when;
    const struct sp_layout *lay;
    struct sp_text *t;
    struct sp_plan *plan;
    struct sp_arena *a;
    const char *family;
    const char *shown_link;      /* short form of the directory link, or NULL */
    GHashTable *qrs;             /* url -> struct sp_qr *, each link encoded once */
    struct line *lines;
    size_t nlines;
    /* geometry */
    bool landscape, four_cols, panel;
    double x0, y0, x1, y1;       /* content box */
    double table_w, table_top, table_bottom;
    double time_w, meet_w, where_w, status_w;
    double px, py, pw, ph;       /* the QR panel */
    double code_max;             /* largest code (with quiet zone) that may be placed */
    double dir_size;             /* the full list's code, with quiet zone (0 = none) */
    double lh_body, base_body, lh_head, base_head;
    uint32_t stripe;             /* alternate-row colour, or the background (no stripes) */
    double title_h;              /* the title area: the day and "Updated ..." */
    bool right_below;            /* "Updated ..." goes under the day, not beside it */
    const char *more_text;
    double more_h;
    const char *listed;          /* "Meetings as listed on ..." (feeds), or NULL */
    double listed_h;             /* its footer under the table, with the gap above it */
    struct sp_error *err;
};

static struct sp_font font(const struct kiosk *k, double size, bool bold)
{
    struct sp_font f = { k->family, size, bold, NULL };
    return f;
}

static struct sp_font name_font(const struct kiosk *k, const char *name)
{
    struct sp_font f = font(k, k->lay->size_body, true);

    f.lang = sp_text_guess_lang(name);
    if (f.lang)
        f.family = sp_text_family_for(f.lang);
    return f;
}

/* ---- words ---- */

/* "Today, Thursday 26 November" in the language in use. */
static const char *day_title_fn(const void *ctx, struct sp_arena *a)
{
    const struct sp_when_day *D = ctx;
    /* TRANSLATORS: a day on a screen: {1} the weekday, {2} the day of the month, {3} the
       month (as in a date) */
    const char *date = sp_i18n_fill(a, sp_trc("day and date", "{1} {2} {3}"),
                                    sp_tr_day(D->wday), sp_arena_printf(a, "%d", D->mday),
                                    sp_tr_month(D->month));

    if (D->offset == 0)
        return sp_i18n_fill(a, sp_tr("Today, {1}"), date, NULL, NULL);
    if (D->offset == 1)
        return sp_i18n_fill(a, sp_tr("Tomorrow, {1}"), date, NULL, NULL);
    return date;
}

static const char *day_title(struct kiosk *k, const struct sp_when_day *D)
{
    return sp_tr_both(day_title_fn, D, k->a);
}

/* "Example Hall, Cardiff": the short form of a place for a board row (in the language in
   use). */
struct place_ctx {
    const struct sp_meeting *m;
    bool leave_off_passcodes;
};

static const char *place_fn(const void *ctx, struct sp_arena *a)
{
    const struct place_ctx *c = ctx;
    const struct sp_meeting *m = c->m;
    const char *town = m->town ? m->town : m->region;
    const char *place;

    if (m->attendance == SP_ATTEND_ONLINE && !m->url && m->phone)
        /* each piece glued: a line may break only after its commas */
        return sp_i18n_fill(a, sp_tr("By phone: {1}"),
                            sp_words_dial_in(m, c->leave_off_passcodes, a), NULL, NULL);
    if (m->attendance == SP_ATTEND_ONLINE)
        return m->provider && m->url ? sp_i18n_fill(a, sp_tr("Online ({1})"), m->provider,
                                                    NULL, NULL)
                                     : sp_tr("Online");
    if (m->venue && town && strcmp(m->venue, town) != 0)
        place = sp_arena_printf(a, "%s, %s", m->venue, town);
    else if (m->venue || town)
        place = m->venue ? m->venue : town;
    else if (m->address)
        place = m->address;
    else
        place = sp_words_place(m, a);
    if (m->attendance == SP_ATTEND_HYBRID)
        return sp_i18n_fill(a, sp_tr("{1}, and online"), place, NULL, NULL);
    if (m->attendance == SP_ATTEND_CLOSED)
        return sp_i18n_fill(a, sp_tr("{1} (temporarily closed)"), place, NULL, NULL);
    return place;
}

/* the passcode of a phone meeting's dial-in left out when asked */
static const char *board_place(const struct sp_meeting *m, bool leave_off_passcodes,
                               struct sp_arena *a)
{
    struct place_ctx c = { m, leave_off_passcodes };

    return sp_tr_both(place_fn, &c, a);
}

/* "New York" from "America/New_York". */
static const char *zone_city(const char *zone, struct sp_arena *a)
{
    const char *slash = zone ? strrchr(zone, '/') : NULL;
    char *s = sp_arena_strdup(a, slash ? slash + 1 : zone ? zone : "");

    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = ' ';
    return s;
}

/* ---- QR codes ---- */

static const struct sp_qr *qr_for(struct kiosk *k, const char *url, const char *about,
                                  struct sp_error *err)
{
    struct sp_qr *qr = g_hash_table_lookup(k->qrs, url);

    if (qr)
        return qr;
    qr = sp_arena_alloc(k->a, sizeof *qr);
    if (sp_qr_encode(url, k->lay->qr_ecl, about, k->a, qr, err) != 0)
        return NULL;
    g_hash_table_insert(k->qrs, (gpointer)url, qr);
    return qr;
}

/* Width with the quiet zone: whole-pixel modules, the symbol at least the layout's
   min-size (the symbol alone, on screens; issue 10). */
static double qr_size(const struct sp_layout *lay, const struct sp_qr *qr)
{
    double module = lay->qr_min / qr->n;

    if (lay->qr_whole_pixels)
        module = ceil(module - 1e-9);
    return module * (qr->n + 2 * qr->quiet);
}

/* ---- building the lines ---- */

static void push(struct kiosk *k, size_t *cap, const struct line *l)
{
    if (k->nlines == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        k->lines = xrealloc(k->lines, *cap * sizeof *k->lines);
    }
    k->lines[k->nlines] = *l;
    k->lines[k->nlines++].h = -1;  /* not measured yet */
}

static void message(struct kiosk *k, size_t *cap, int day, const char *text, bool bold)
{
    struct line l = { 0 };

    l.kind = L_MESSAGE;
    l.day = day;
    l.text = text;
    l.bold = bold;
    push(k, cap, &l);
}

/* "No meetings here on Saturday." */
static const char *no_meetings_fn(const void *ctx, struct sp_arena *a)
{
    return sp_i18n_fill(a, sp_tr("No meetings here on {1}."), sp_tr_day(*(const int *)ctx),
                        NULL, NULL);
}

/* An empty day: say so kindly; point to online meetings and (once) the helplines. */
static void empty_day(struct kiosk *k, size_t *cap, const struct sp_when_day *D, bool helplines)
{
    const struct sp_settings *s = k->in->settings;

    if (D->offset == 0)
        message(k, cap, D->offset, D->finished
                ? sp_say(k->a, "No more meetings here today.", NULL, NULL, NULL)
                : sp_say(k->a, "No meetings here today.", NULL, NULL, NULL), true);
    else
        message(k, cap, D->offset, sp_tr_both(no_meetings_fn, &D->wday, k->a), true);
    if (!helplines)
        return;
    message(k, cap, D->offset, k->shown_link
            ? sp_say(k->a, "You are not alone. Online meetings run every day: find one at {1}",
                     k->shown_link, NULL, NULL)
            : sp_say(k->a, "You are not alone. Online meetings run every day.", NULL, NULL,
                     NULL), false);
    for (size_t i = 0; i < s->nhelplines && i < MAX_HELPLINES; i++) {
        const struct sp_helpline *h = &s->helplines[i];
        const char *phone = sp_words_glue(h->phone, k->a);

        message(k, cap, D->offset, h->hours
                ? sp_say(k->a, "{1}: {2} ({3})", h->name, phone, h->hours)
                : sp_say(k->a, "{1}: {2}", h->name, phone, NULL), false);
    }
}

/* Index of each meeting's merged row (records that print the same share one). */
static GHashTable *row_index(const struct sp_compose_in *in, struct sp_arena *a)
{
    GHashTable *h = g_hash_table_new(g_direct_hash, g_direct_equal);
    struct sp_row *rows = NULL;
    size_t n = sp_compose_rows(in, a, &rows);

    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < rows[i].nsame; j++)
            g_hash_table_insert(h, (gpointer)rows[i].same[j], GSIZE_TO_POINTER(i + 1));
    return h;
}

static void meeting_line(struct kiosk *k, const struct sp_when_entry *e, unsigned merged_days,
                         struct line *l)
{
    const struct sp_layout *lay = k->lay;
    const struct sp_meeting *m = e->m;
    const char *until = sp_words_time(e->end_shown, lay->time_style, k->a);

    memset(l, 0, sizeof *l);
    l->kind = L_MEETING;
    l->day = e->day;
    l->e = e;
    l->time = sp_words_time(e->start_shown, lay->time_style, k->a);
    l->name = m->name;
    l->where = board_place(m, k->in->leave_off_passcodes, k->a);
    l->status = e->state == SP_WHEN_ON_NOW ? sp_say(k->a, "On now", NULL, NULL, NULL)
                : e->state == SP_WHEN_NEXT ? sp_say(k->a, "Next", NULL, NULL, NULL) : "";
    l->badge = e->state != SP_WHEN_LATER;
    if (e->started_yesterday)
        l->note = sp_say(k->a, "From last night, until {1}", until, NULL, NULL);
    else if (e->shifted)
        l->note = sp_say(k->a, "Listed as {1}: the clocks go forward at 1am.",
                         sp_words_time(m->start_min, lay->time_style, k->a), NULL, NULL);
    else if (e->other_zone)
        l->note = sp_say(k->a, "Listed as {1} {2} time",
                         sp_words_time(m->start_min, lay->time_style, k->a),
                         zone_city(m->timezone, k->a), NULL);
    if (merged_days && (merged_days & (merged_days - 1))) {
        const char *days = sp_words_days(merged_days, k->when->now.wday, SP_DAYS_LONG, k->a);
        l->note = l->note ? sp_arena_printf(k->a, "%s%s%s", days, sp_trc("sentence", ". "),
                                            l->note) : days;
    }
    if (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID) {
        l->link = sp_words_link(m, k->in->leave_off_passcodes);
        l->alt = sp_words_qr_alt(m, k->a);
    }
}

/*
 * The board's lines: for each day a heading, a note when the clocks change, and its
 * meetings (one row per merged record; in the week view one row per meeting and time,
 * under its first day); an empty day says so.
 */
static void build_lines(struct kiosk *k)
{
    const struct sp_when_list *w = k->when;
    GHashTable *rows = row_index(k->in, k->a);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    bool week = w->ndays > 2, helplines = true;
    size_t cap = 0;
    unsigned *days = xcalloc(w->n ? w->n : 1, sizeof *days);
    size_t *slot = xcalloc(w->n ? w->n : 1, sizeof *slot);

    /* Step 1: which entries are shown, and the days of merged week rows. */
    for (size_t i = 0; i < w->n; i++) {
        const struct sp_when_entry *e = &w->v[i];
        size_t row = GPOINTER_TO_SIZE(g_hash_table_lookup(rows, e->m));
        char *key = week && e->state == SP_WHEN_LATER
                    ? g_strdup_printf("%zu@%d", row, e->start_shown)
                    : g_strdup_printf("%zu@%d@%d@%lld", row, e->day, e->start_shown,
                                      (long long)e->start);
        gpointer hit = row ? g_hash_table_lookup(seen, key) : NULL;

        if (hit) {
            size_t first = GPOINTER_TO_SIZE(hit) - 1;
            days[first] |= SP_DAY_BIT(w->days[e->day].wday);
            g_free(key);
            slot[i] = 0;
            continue;
        }
        days[i] = SP_DAY_BIT(w->days[e->day].wday);
        slot[i] = 1;
        if (row)
            g_hash_table_insert(seen, key, GSIZE_TO_POINTER(i + 1));
        else
            g_free(key);
    }

    /* Step 2: the lines, day by day. */
    for (int d = 0; d < w->ndays; d++) {
        const struct sp_when_day *D = &w->days[d];
        struct line l = { 0 };
        bool any = false;

        for (size_t i = D->first; i < D->first + D->n; i++)
            any = any || slot[i];
        if (week && D->n && !any)
            continue;  /* every meeting of the day is listed under an earlier day */
        any = false;
        l.kind = L_DAY;
        l.day = d;
        l.text = day_title(k, D);
        push(k, &cap, &l);
        if (D->clocks)
            message(k, &cap, d, D->clocks > 0
                    ? sp_say(k->a, "The clocks go forward one hour at 1am.", NULL, NULL, NULL)
                    : sp_say(k->a, "The clocks go back one hour at 2am.", NULL, NULL, NULL),
                    false);
        for (size_t i = D->first; i < D->first + D->n; i++) {
            if (!slot[i])
                continue;
            meeting_line(k, &w->v[i], week ? days[i] : 0, &l);
            push(k, &cap, &l);
            any = true;
        }
        if (!any && (!week || D->n == 0)) {
            empty_day(k, &cap, D, helplines);
            helplines = false;
        }
    }
    free(days);
    free(slot);
    g_hash_table_destroy(seen);
    g_hash_table_destroy(rows);
}

/* ---- measuring ---- */

static double text_h(struct kiosk *k, const struct sp_font *f, const char *s, double w)
{
    struct sp_line *ls = NULL;
    int n = sp_text_break(k->t, f, s, w, k->a, &ls);
    double h = 0;

    for (int i = 0; i < n; i++)
        h += ls[i].height;
    return h;
}

/*
 * Heights of one text at the share search's widths w[0..n) (in order, rising or falling):
 * pango breaks a paragraph first-fit, a line taking as much as fits, so where the lines at
 * two widths are the same (texts and heights), they are the same at every width between.
 * Only the two ends are broken, and the middle of a range whose ends differ (issue 17: the
 * geometry's search was most of a slide's composing).
 */
struct at_width {
    int n;                /* lines; -1 = not broken yet */
    struct sp_line *ls;
    double h;             /* their heights, summed */
};

static void break_at(struct kiosk *k, const struct sp_font *f, const char *s, double w,
                     struct at_width *r)
{
    r->n = sp_text_break(k->t, f, s, w, k->a, &r->ls);
    r->h = 0;
    for (int i = 0; i < r->n; i++)
        r->h += r->ls[i].height;
}

static bool same_lines(const struct at_width *a, const struct at_width *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->ls[i].text, b->ls[i].text) || a->ls[i].height != b->ls[i].height)
            return false;
    return true;
}

static void fill_between(struct kiosk *k, const struct sp_font *f, const char *s,
                         const double *w, struct at_width *r, int lo, int hi)
{
    int mid = (lo + hi) / 2;

    if (hi - lo < 2)
        return;
    if (same_lines(&r[lo], &r[hi])) {
        for (int i = lo + 1; i < hi; i++)
            r[i] = r[lo];
        return;
    }
    break_at(k, f, s, w[mid], &r[mid]);
    fill_between(k, f, s, w, r, lo, mid);
    fill_between(k, f, s, w, r, mid, hi);
}

static void heights_at(struct kiosk *k, const struct sp_font *f, const char *s, const double *w,
                       int n, double *h)
{
    struct at_width r[8];

    break_at(k, f, s, w[0], &r[0]);
    break_at(k, f, s, w[n - 1], &r[n - 1]);
    fill_between(k, f, s, w, r, 0, n - 1);
    for (int i = 0; i < n; i++)
        h[i] = r[i].h;
}

/* "Online, code A" when the row's QR code is in the panel (the provider is said by the
   code's label there); "Example Hall, Cardiff, and online, code A" for a hybrid one. */
static const char *where_with_code(struct kiosk *k, const struct line *l, const char *code)
{
    /* the site the code opens, for whoever checks the screen (issue 16): "Online at
       zoom.us, code A" */
    const char *site = code ? sp_words_site(l->link, k->a) : NULL;

    if (!code)
        return l->where;
    if (l->e->m->attendance == SP_ATTEND_ONLINE)
        return site ? sp_say(k->a, "Online at {1}, code\xC2\xA0{2}", site, code, NULL)
                    : sp_say(k->a, "Online, code\xC2\xA0{1}", code, NULL, NULL);
    return site ? sp_arena_printf(k->a, "%s %s", l->where,
                                  sp_say(k->a, "at {1}, code\xC2\xA0{2}", site, code, NULL))
                : sp_arena_printf(k->a, "%s%s%s", l->where, sp_trc("list", ", "),
                                  sp_say(k->a, "code\xC2\xA0{1}", code, NULL, NULL));
}

/* Height of line i at the table's widths (a meeting row with the widest code suffix, so
   the letters given later never make it taller); measured once, when first needed. */
static double line_h(struct kiosk *k, size_t i)
{
    const struct sp_layout *lay = k->lay;
    struct sp_font reg = font(k, lay->size_body, false), bold = font(k, lay->size_body, true);
    struct sp_font head = font(k, lay->size_heading, true);
    struct line *l = &k->lines[i];

    if (l->h >= 0)
        return l->h;
    if (l->kind == L_DAY) {
        l->h = text_h(k, &head, l->text, k->table_w) + GAP / 2;
    } else if (l->kind == L_MESSAGE) {
        l->h = text_h(k, l->bold ? &bold : &reg, l->text, k->table_w);
    } else {
        struct sp_font nf = name_font(k, l->name);
        double ww = k->four_cols ? k->where_w : k->meet_w;
        double hn = text_h(k, &nf, l->name, k->meet_w);
        double hw = text_h(k, &reg, l->where, ww);

        /* with or without a code on the slide, whichever is taller */
        if (l->link && k->panel) {
            double hc = text_h(k, &reg, where_with_code(k, l, "W"), ww);
            hw = hc > hw ? hc : hw;
        }
        if (!k->four_cols) {
            hn += hw;
            hw = 0;
        }
        if (l->note)
            hn += text_h(k, &reg, l->note, k->meet_w);
        l->h = hn > hw ? hn : hw;
        if (l->h < k->lh_body)
            l->h = k->lh_body;
    }
    return l->h;
}

/* ---- geometry ---- */

static double max_time_w(struct kiosk *k, const struct sp_font *f)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    double w = sp_text_width(k->t, f, sp_say(k->a, "Time", NULL, NULL, NULL));

    for (size_t i = 0; i < k->nlines; i++) {
        const struct line *l = &k->lines[i];
        double x;

        if (l->kind != L_MEETING || g_hash_table_contains(seen, l->time))
            continue;
        g_hash_table_add(seen, (gpointer)l->time);
        x = sp_text_width(k->t, f, l->time);
        if (x > w)
            w = x;
    }
    g_hash_table_destroy(seen);
    return ceil(w);
}

static int geometry(struct kiosk *k, struct sp_error *err)
{
    const struct sp_layout *lay = k->lay;
    const struct sp_settings *s = k->in->settings;
    struct sp_font bold = font(k, lay->size_body, true), head = font(k, lay->size_heading, true);
    double title_h, status_w;
    bool any_link = false;

    k->landscape = lay->width >= lay->height;
    k->x0 = lay->margin_left;
    k->y0 = lay->margin_top;
    k->x1 = lay->width - lay->margin_right;
    k->y1 = lay->height - lay->margin_bottom;
    sp_text_metrics(k->t, &bold, &k->lh_body, &k->base_body);
    sp_text_metrics(k->t, &head, &k->lh_head, &k->base_head);

    /* the panel: as wide (landscape) or tall (portrait) as the largest code it may hold */
    k->code_max = 0;
    if (s->directory_url) {
        const struct sp_qr *q = qr_for(k, s->directory_url, "directory link", err);
        if (!q)
            return -1;
        k->dir_size = k->code_max = qr_size(lay, q);
    }
    for (size_t i = 0, used = 0; i < k->nlines && used < LOOKAHEAD; i++) {
        struct line *l = &k->lines[i];
        struct sp_error e = { 0 };
        const struct sp_qr *q;

        if (l->kind != L_MEETING || !l->link)
            continue;
        used++;
        q = qr_for(k, l->link, l->name, &e);
        if (!q) {
            /* one meeting's link never stops the slides: its row stays, without a code */
            if (k->in->diag)
                sp_diag_add(k->in->diag, SP_WARNING, l->e->m->file, l->e->m->line, 0, "%s",
                            e.msg);
            l->link = NULL;
            continue;
        }
        any_link = true;
        if (qr_size(lay, q) > k->code_max)
            k->code_max = qr_size(lay, q);
    }
    k->panel = s->directory_url || any_link;
    if (k->panel && k->landscape) {
        struct sp_font reg = font(k, lay->size_body, false);
        double link_w = k->shown_link && s->directory_url
                        ? ceil(sp_text_width(k->t, &reg, k->shown_link)) + 16 : 0;

        /* wide enough for the link on one line, when that costs the table little */
        k->pw = LETTER_W + k->code_max;
        if (link_w > k->pw && link_w < k->pw + 2 * lay->size_body)
            k->pw = link_w;
        k->px = k->x1 - k->pw;
        k->py = k->y0;
        k->ph = k->y1 - k->y0;
        k->table_w = k->px - PANEL_GAP - k->x0;
    } else {
        k->table_w = k->x1 - k->x0;
    }

    /* columns: four in a wide table, else the place goes under the meeting's name */
    k->time_w = max_time_w(k, &bold);
    status_w = sp_text_width(k->t, &bold, sp_say(k->a, "On now", NULL, NULL, NULL));
    status_w = MAX(status_w, sp_text_width(k->t, &bold, sp_say(k->a, "Next", NULL, NULL, NULL)));
    if (sp_text_width(k->t, &bold, sp_say(k->a, "Status", NULL, NULL, NULL)) > status_w)
        status_w = sp_text_width(k->t, &bold, sp_say(k->a, "Status", NULL, NULL, NULL));
    k->status_w = ceil(status_w + 2 * BADGE_PAD);
    k->four_cols = k->table_w >= 1200;
    if (k->four_cols) {
        /* share the rest between meeting and place so that the first rows (those most
           likely shown) take the fewest lines; each column 35..65 % */
        double rest = k->table_w - k->time_w - k->status_w - 3 * COL_GAP;
        double share = 0.5, best = -1, mw[7], ww[7], total[7] = { 0 };
        struct sp_font reg = font(k, lay->size_body, false);
        size_t used = 0;

        for (int step = 0; step <= 6; step++) {
            mw[step] = floor(rest * (0.35 + 0.05 * step));
            ww[step] = rest - mw[step];
        }
        for (size_t i = 0; i < k->nlines && used < LOOKAHEAD; i++) {
            const struct line *l = &k->lines[i];
            struct sp_font nf;
            double hn[7], hw[7];

            if (l->kind != L_MEETING)
                continue;
            used++;
            nf = name_font(k, l->name);
            heights_at(k, &nf, l->name, mw, 7, hn);
            heights_at(k, &reg, l->link ? where_with_code(k, l, "W") : l->where, ww, 7, hw);
            for (int step = 0; step <= 6; step++)
                total[step] += hn[step] > hw[step] ? hn[step] : hw[step];
        }
        for (int step = 0; step <= 6; step++) {
            double sh = 0.35 + 0.05 * step;

            if (best < 0 || total[step] < best - 0.5 ||
                (total[step] < best + 0.5 && fabs(sh - 0.5) < fabs(share - 0.5))) {
                best = total[step];
                share = sh;
            }
        }
        k->meet_w = floor(rest * share);
        k->where_w = rest - k->meet_w;
    } else {
        k->meet_w = k->table_w - k->time_w - k->status_w - 2 * COL_GAP;
        k->where_w = 0;
    }
    if (k->meet_w < 4 * lay->size_body)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "layout '%s': the screen is too small for a board at its sizes",
                            lay->name);

    /* portrait: the panel under the table, as tall as its tallest column */
    if (k->panel && !k->landscape) {
        double dir_h = 0;
        if (s->directory_url) {
            struct sp_font reg = font(k, lay->size_body, false);
            dir_h = k->lh_body + k->code_max;
            if (k->shown_link)
                dir_h += text_h(k, &reg, k->shown_link, k->dir_size);
        }
        k->ph = dir_h > k->code_max ? dir_h : k->code_max;
        k->px = k->x0;
        k->pw = k->table_w;
        k->py = k->y1 - k->ph;
    }

    /* the title: the day (on as many lines as it needs), and "Updated 2pm  1 of 4" at the
       right of its first line, or under it when they do not fit side by side */
    {
        struct sp_font reg = font(k, lay->size_body, false);
        const char *right = sp_arena_printf(k->a, "%s    %s",
                                            sp_say(k->a, "Updated {1}",
                                                   sp_words_time(k->when->now.minute,
                                                                 lay->time_style, k->a),
                                                   NULL, NULL),
                                            sp_sayc(k->a, "slide", "{1} of {2}", "4", "4",
                                                    NULL));
        double rw = ceil(sp_text_width(k->t, &reg, right)), tw = 0;

        title_h = k->lh_head;
        for (int d = 0; d < k->when->ndays; d++) {
            const char *dt = day_title(k, &k->when->days[d]);
            double w = sp_text_width(k->t, &head, dt), h = text_h(k, &head, dt, k->table_w);
            tw = w > tw ? w : tw;
            title_h = h > title_h ? h : title_h;
        }
        k->right_below = tw + 32 + rw > k->table_w;
        if (k->right_below)
            title_h += k->lh_body;
        k->title_h = title_h;
    }
    k->table_top = k->y0 + title_h + GAP + 4 + GAP + k->lh_body + 3 + GAP / 2;
    k->table_bottom = k->panel && !k->landscape ? k->py - PANEL_GAP : k->y1;
    /* feeds: the date of the data at the foot of the table column, on every slide */
    k->listed = sp_words_as_listed(k->in->data_date, k->a);
    if (k->listed) {
        struct sp_font reg = font(k, lay->size_body, false);
        k->listed_h = GAP / 2 + text_h(k, &reg, k->listed, k->table_w);
        k->table_bottom -= k->listed_h;
    }
    return 0;
}

/* A colour between the background and the text, for alternate rows, kept only while
   every text on it keeps 7:1 (row 15). */
static uint32_t stripe_colour(const struct sp_layout *lay)
{
    uint32_t bg = lay->color_background, fg = lay->color_text, c = 0;

    for (int sh = 0; sh <= 16; sh += 8) {
        double b = (bg >> sh) & 0xff, f = (fg >> sh) & 0xff;
        c |= (uint32_t)lround(b + (f - b) * STRIPE_MIX) << sh;
    }
    if (sp_contrast_ratio(fg, c) < 7.0 || sp_contrast_ratio(lay->color_heading, c) < 7.0)
        return bg;
    return c;
}

/* ---- pagination ---- */

/* A line taller than the table: reported once; pagination returns 0 slides. */
static size_t fits_error(struct kiosk *k, size_t i)
{
    const struct line *l = &k->lines[i];

    if (l->kind == L_MEETING)
        sp_error_set(k->err, SP_ERR_INPUT, l->e->m->file, l->e->m->line, 0,
                     "meeting '%s' does not fit a screen of layout '%s' at its sizes", l->name,
                     k->lay->name);
    else
        sp_error_set(k->err, SP_ERR_INPUT, NULL, 0, 0,
                     "'%s' does not fit a screen of layout '%s' at its sizes", l->text,
                     k->lay->name);
    return 0;
}

/*
 * Lines to slides, at most max.  Returns the number of slides, max + 1 when the lines go
 * on past max slides (unless cut: then the last slide keeps room for the "more" line and
 * is marked), or 0 after fits_error.
 */
static size_t paginate(struct kiosk *k, struct slide *out, size_t max, bool cut)
{
    double room = k->table_bottom - k->table_top;
    size_t n = 0, i = 0;

    while (i < k->nlines && n < max) {
        struct slide *s = &out[n];
        double y = 0, limit = room - (cut && n + 1 == max ? k->more_h : 0);

        s->first = i;
        s->n = 0;
        s->more = false;
        while (i < k->nlines) {
            const struct line *l = &k->lines[i];
            double h = l->kind == L_DAY && s->n == 0 ? 0 : line_h(k, i);  /* the title */
            double with_next = h;

            if (line_h(k, i) > room + 0.001)
                return fits_error(k, i);
            if (l->kind == L_DAY && i + 1 < k->nlines)
                with_next += line_h(k, i + 1);
            if (s->n > 0 && y + with_next > limit + 0.001)
                break;
            y += h;
            s->n++;
            i++;
        }
        n++;
    }
    if (cut && i < k->nlines)
        out[n - 1].more = true;
    return i < k->nlines && !cut ? max + 1 : n;
}

/* ---- emitting ---- */

static struct sp_item *text_item(struct kiosk *k, struct sp_page *pg, const struct sp_font *f,
                                 uint32_t rgb, const char *s, double x, double y)
{
    struct sp_item it = { 0 };
    double lh, base;

    sp_text_metrics(k->t, f, &lh, &base);
    it.kind = SP_ITEM_TEXT;
    it.x = x;
    it.y = y;
    it.w = sp_text_width(k->t, f, s);
    it.h = lh;
    it.baseline = base;
    it.text = s;
    it.font = *f;
    it.rgb = rgb;
    return sp_plan_add(k->plan, pg, &it);
}

/* Break s to width w and emit its lines from y; returns the height used. */
static double wrapped(struct kiosk *k, struct sp_page *pg, const struct sp_font *f,
                      uint32_t rgb, const char *s, double x, double y, double w)
{
    struct sp_line *ls = NULL;
    int n = sp_text_break(k->t, f, s, w, k->a, &ls);
    double h = 0;

    for (int i = 0; i < n; i++) {
        struct sp_item it = { 0 };

        it.kind = SP_ITEM_TEXT;
        it.x = x;
        it.y = y + h;
        it.w = ls[i].width;
        it.h = ls[i].height;
        it.baseline = ls[i].baseline;
        it.text = ls[i].text;
        it.font = *f;
        it.rgb = rgb;
        sp_plan_add(k->plan, pg, &it);
        h += ls[i].height;
    }
    return h;
}

static void furniture(struct sp_page *pg)
{
    pg->items[pg->n - 1].artifact = SP_ARTIFACT_LAYOUT;
}

static void cell(struct kiosk *k, struct sp_page *pg, bool begin, bool head)
{
    sp_plan_tag(k->plan, pg, begin, head ? "TH" : "TD", NULL, NULL);
}

static void column_heads(struct kiosk *k, struct sp_page *pg, double y)
{
    const struct sp_layout *lay = k->lay;
    struct sp_font bold = font(k, lay->size_body, true);
    double x = k->x0;
    const char *heads[4] = { sp_say(k->a, "Time", NULL, NULL, NULL),
                             sp_say(k->a, "Meeting", NULL, NULL, NULL),
                             sp_say(k->a, "Where", NULL, NULL, NULL),
                             sp_say(k->a, "Status", NULL, NULL, NULL) };
    double widths[4] = { k->time_w, k->meet_w, k->where_w, k->status_w };

    sp_plan_tag(k->plan, pg, true, "TR", NULL, NULL);
    for (int c = 0; c < 4; c++) {
        if (c == 2 && !k->four_cols)
            continue;
        cell(k, pg, true, true);
        text_item(k, pg, &bold, lay->color_heading, heads[c],
                  c == 3 ? x + BADGE_PAD : x, y);
        cell(k, pg, false, true);
        x += widths[c] + COL_GAP;
    }
    sp_plan_tag(k->plan, pg, false, "TR", NULL, NULL);
    sp_plan_rule(k->plan, pg, k->x0, y + k->lh_body + 1.5, k->table_w, 0, 3, 0,
                 lay->color_heading);
    furniture(pg);
}

static double emit_meeting(struct kiosk *k, struct sp_page *pg, const struct line *l,
                           const char *code, double y, bool stripe)
{
    const struct sp_layout *lay = k->lay;
    struct sp_font reg = font(k, lay->size_body, false), bold = font(k, lay->size_body, true);
    struct sp_font nf = name_font(k, l->name);
    const char *where = where_with_code(k, l, code);
    double x = k->x0, h, hm;

    if (stripe && k->stripe != lay->color_background) {
        sp_plan_rect(k->plan, pg, k->x0 - 8, y, k->table_w + 16, l->h, 0, k->stripe);
        furniture(pg);
    }
    sp_plan_tag(k->plan, pg, true, "TR", NULL, NULL);
    cell(k, pg, true, false);
    text_item(k, pg, &bold, lay->color_text, l->time, x, y);
    cell(k, pg, false, false);
    x += k->time_w + COL_GAP;
    cell(k, pg, true, false);
    hm = wrapped(k, pg, &nf, lay->color_text, l->name, x, y, k->meet_w);
    if (!k->four_cols)
        hm += wrapped(k, pg, &reg, lay->color_text, where, x, y + hm, k->meet_w);
    if (l->note)
        hm += wrapped(k, pg, &reg, lay->color_text, l->note, x, y + hm, k->meet_w);
    cell(k, pg, false, false);
    h = hm;
    x += k->meet_w + COL_GAP;
    if (k->four_cols) {
        double hw;
        cell(k, pg, true, false);
        hw = wrapped(k, pg, &reg, lay->color_text, where, x, y, k->where_w);
        cell(k, pg, false, false);
        if (hw > h)
            h = hw;
        x += k->where_w + COL_GAP;
    }
    cell(k, pg, true, false);
    if (l->badge) {
        double w = sp_text_width(k->t, &bold, l->status) + 2 * BADGE_PAD;
        sp_plan_rect(k->plan, pg, x, y, w, k->lh_body, 0, lay->color_accent);
        furniture(pg);
        text_item(k, pg, &bold, lay->color_accent_text, l->status, x + BADGE_PAD, y);
    } else if (*l->status) {
        text_item(k, pg, &bold, lay->color_text, l->status, x + BADGE_PAD, y);
    }
    cell(k, pg, false, false);
    sp_plan_tag(k->plan, pg, false, "TR", NULL, NULL);
    if (h < k->lh_body)
        h = k->lh_body;
    return l->h > h ? l->h : h;
}

/* Letters for the soonest online rows of slide s whose codes fit the panel; the codes
   are placed in it.  codes[i] is the letter of line s->first + i, or NULL. */
static int emit_panel(struct kiosk *k, struct sp_page *pg, const struct slide *s,
                      const char **codes, struct sp_error *err)
{
    const struct sp_layout *lay = k->lay;
    const struct sp_settings *st = k->in->settings;
    struct sp_font bold = font(k, lay->size_body, true), reg = font(k, lay->size_body, false);
    double dir_len = 0, free_len, pos;
    const char **urls = xcalloc(s->n + 1, sizeof *urls);
    const char **letters = xcalloc(s->n + 1, sizeof *letters);
    size_t nurls = 0;
    const struct sp_qr *dq = NULL;

    if (!k->panel) {
        free(urls);
        free(letters);
        return 0;
    }
    sp_plan_rect(k->plan, pg, k->px, k->py, k->pw, k->ph, 0, lay->color_panel);
    furniture(pg);

    /* the full list: at the bottom (landscape) or the right (portrait) */
    if (st->directory_url) {
        double dsz, x, y, url_w, url_h;

        dq = qr_for(k, st->directory_url, "directory link", err);
        if (!dq) {
            free(urls);
            free(letters);
            return -1;
        }
        dsz = qr_size(lay, dq);
        url_w = k->landscape ? k->pw - 8 : dsz;
        url_h = k->shown_link ? text_h(k, &reg, k->shown_link, url_w) : 0;
        x = floor(k->px + k->pw - dsz);
        y = floor(k->py + k->ph - url_h - dsz);  /* the code; its label above, link below */
        dir_len = k->py + k->ph - (y - k->lh_body);
        if (!k->landscape)
            dir_len = dsz;
        sp_plan_tag(k->plan, pg, true, "P", NULL, NULL);
        text_item(k, pg, &bold, PANEL_TEXT, sp_say(k->a, "All meetings", NULL, NULL, NULL),
                  k->landscape ? k->px + 8 : x,
                  y - k->lh_body);
        sp_plan_tag(k->plan, pg, false, "P", NULL, NULL);
        sp_plan_qr(k->plan, pg, dq, x, y, dsz,
                   sp_words_attr_url(st->directory_url, k->a),
                   sp_say(k->a, "QR code: every meeting online at {1}", st->directory_url,
                          NULL, NULL), 0x000000, lay->color_panel);
        if (k->shown_link) {
            sp_plan_tag(k->plan, pg, true, "P", NULL, NULL);
            wrapped(k, pg, &reg, PANEL_TEXT, k->shown_link, k->landscape ? k->px + 8 : x,
                    y + dsz, url_w);
            sp_plan_tag(k->plan, pg, false, "P", NULL, NULL);
        }
    }

    /* the soonest online meetings, while their codes fit: down the panel (landscape) or
       along it (portrait), each with its letter at its left */
    free_len = (k->landscape ? k->ph : k->pw) - dir_len;
    pos = k->landscape ? k->py : k->px;
    for (size_t i = 0; i < s->n; i++) {
        const struct line *l = &k->lines[s->first + i];
        const struct sp_qr *q;
        double sz, need, x, y;
        size_t j;

        if (l->kind != L_MEETING || !l->link)
            continue;
        for (j = 0; j < nurls && strcmp(urls[j], l->link) != 0; j++)
            ;
        if (j < nurls) {
            codes[i] = letters[j];  /* the same link again: the same code */
            continue;
        }
        if (nurls >= 26)
            break;
        q = g_hash_table_lookup(k->qrs, l->link);
        if (!q) {
            struct sp_error e = { 0 };
            if (!(q = qr_for(k, l->link, l->name, &e)))
                continue;  /* too long for a QR code: the row says where to look instead */
        }
        sz = qr_size(lay, q);
        need = k->landscape ? sz : LETTER_W + sz;
        if (need > free_len + 0.001 || sz > k->code_max + 0.001)
            continue;
        letters[nurls] = sp_arena_printf(k->a, "%c", 'A' + (int)nurls);
        urls[nurls] = l->link;
        codes[i] = letters[nurls++];
        x = floor(k->landscape ? k->px + LETTER_W : pos + LETTER_W);
        y = floor(k->landscape ? pos : k->py + k->ph - sz);
        sp_plan_tag(k->plan, pg, true, "P", NULL, NULL);
        text_item(k, pg, &bold, PANEL_TEXT, codes[i], x - LETTER_W + 12, y + 8);
        sp_plan_tag(k->plan, pg, false, "P", NULL, NULL);
        sp_plan_qr(k->plan, pg, q, x, y, sz, sp_words_attr_url(l->link, k->a),
                   sp_say(k->a, "Code {1}: {2}", codes[i], l->alt, NULL), 0x000000,
                   lay->color_panel);
        pos += need;
        free_len -= need;
    }
    free(urls);
    free(letters);
    return 0;
}

static int emit_slide(struct kiosk *k, size_t si, size_t nslides, const struct slide *s,
                      struct sp_slide *txt, struct sp_error *err)
{
    const struct sp_layout *lay = k->lay;
    struct sp_page *pg = sp_plan_add_page(k->plan);
    struct sp_font head = font(k, lay->size_heading, true), reg = font(k, lay->size_body, false);
    struct sp_font bold = font(k, lay->size_body, true);
    const char **codes = xcalloc(s->n + 1, sizeof *codes);
    const struct line *first = &k->lines[s->first];
    const char *heading = day_title(k, &k->when->days[first->day]);
    const char *right;
    double y, right_w;
    size_t row = 0, nl = 0;
    bool in_table = false;

    pg->name = sp_arena_printf(k->a, "slide-%02zu", si + 1);
    pg->label = sp_sayc(k->a, "slide", "{1} of {2}", sp_arena_printf(k->a, "%zu", si + 1),
                        sp_arena_printf(k->a, "%zu", nslides), NULL);
    sp_plan_rect(k->plan, pg, 0, 0, lay->width, lay->height, 0, lay->color_background);
    furniture(pg);
    sp_plan_tag(k->plan, pg, true, "Document", NULL, NULL);

    /* the panel first: the rows need its letters */
    if (emit_panel(k, pg, s, codes, err) != 0) {
        free(codes);
        return -1;
    }

    /* title line: the day, and at the right when it was made and the slide number */
    right = sp_arena_printf(k->a, "%s%s%s",
                            sp_say(k->a, "Updated {1}",
                                   sp_words_time(k->when->now.minute, lay->time_style, k->a),
                                   NULL, NULL),
                            nslides > 1 ? "    " : "", nslides > 1 ? pg->label : "");
    right_w = ceil(sp_text_width(k->t, &reg, right));
    sp_plan_tag(k->plan, pg, true, "H1", NULL, NULL);
    wrapped(k, pg, &head, lay->color_heading, heading, k->x0, k->y0, k->table_w);
    sp_plan_tag(k->plan, pg, false, "H1", NULL, NULL);
    text_item(k, pg, &reg, lay->color_text, right, k->x0 + k->table_w - right_w,
              k->right_below ? k->y0 + k->title_h - k->lh_body
                             : k->y0 + k->base_head - k->base_body)->artifact =
        SP_ARTIFACT_HEADER;
    y = k->y0 + k->title_h + GAP;
    sp_plan_rule(k->plan, pg, k->x0, y + 2, k->table_w, 0, 4, 0, lay->color_heading);
    furniture(pg);
    y += 4 + GAP;

    txt->heading = heading;
    txt->alt = sp_say(k->a, "Slide {1} of {2}: {3}", sp_arena_printf(k->a, "%zu", si + 1),
                      sp_arena_printf(k->a, "%zu", nslides), heading);
    txt->lines = sp_arena_alloc(k->a, (s->n + 3) * sizeof *txt->lines);

    sp_plan_tag(k->plan, pg, true, "Table", NULL, NULL);
    in_table = true;
    column_heads(k, pg, y);
    y = k->table_top;
    for (size_t i = 0; i < s->n; i++) {
        const struct line *l = &k->lines[s->first + i];
        struct sp_slide_line *tl = &txt->lines[nl];

        memset(tl, 0, sizeof *tl);
        if (l->kind == L_DAY) {
            if (i == 0)
                continue;  /* it is the title */
            if (in_table)
                sp_plan_tag(k->plan, pg, false, "Table", NULL, NULL);
            in_table = false;
            sp_plan_tag(k->plan, pg, true, "H2", NULL, NULL);
            y += wrapped(k, pg, &head, lay->color_heading, l->text, k->x0, y + GAP / 2,
                         k->table_w) + GAP / 2;
            sp_plan_tag(k->plan, pg, false, "H2", NULL, NULL);
            tl->kind = SP_SLIDE_DAY;
            tl->text = l->text;
            row = 0;
        } else if (l->kind == L_MESSAGE) {
            if (in_table)
                sp_plan_tag(k->plan, pg, false, "Table", NULL, NULL);
            in_table = false;
            sp_plan_tag(k->plan, pg, true, "P", NULL, NULL);
            y += wrapped(k, pg, l->bold ? &bold : &reg, lay->color_text, l->text, k->x0, y,
                         k->table_w);
            sp_plan_tag(k->plan, pg, false, "P", NULL, NULL);
            tl->kind = SP_SLIDE_MESSAGE;
            tl->text = l->text;
        } else {
            if (!in_table)
                sp_plan_tag(k->plan, pg, true, "Table", NULL, NULL);
            in_table = true;
            y += emit_meeting(k, pg, l, codes[i], y, row++ % 2 == 1);
            tl->kind = SP_SLIDE_MEETING;
            tl->time = l->time;
            tl->name = l->name;
            tl->where = where_with_code(k, l, codes[i]);
            tl->status = l->status;
            tl->note = l->note;
            tl->code = codes[i];
            tl->url = l->link;
        }
        nl++;
    }
    if (in_table)
        sp_plan_tag(k->plan, pg, false, "Table", NULL, NULL);
    if (s->more) {
        struct sp_slide_line *tl = &txt->lines[nl++];

        memset(tl, 0, sizeof *tl);
        sp_plan_tag(k->plan, pg, true, "P", NULL, NULL);
        wrapped(k, pg, &bold, lay->color_text, k->more_text, k->x0, y + GAP / 2, k->table_w);
        sp_plan_tag(k->plan, pg, false, "P", NULL, NULL);
        tl->kind = SP_SLIDE_MESSAGE;
        tl->text = k->more_text;
    }
    if (k->listed) {
        struct sp_slide_line *tl = &txt->lines[nl++];

        memset(tl, 0, sizeof *tl);
        sp_plan_tag(k->plan, pg, true, "P", NULL, NULL);
        wrapped(k, pg, &reg, lay->color_text, k->listed, k->x0, k->table_bottom + GAP / 2,
                k->table_w);
        sp_plan_tag(k->plan, pg, false, "P", NULL, NULL);
        tl->kind = SP_SLIDE_MESSAGE;
        tl->text = k->listed;
    }
    txt->n = nl;
    sp_plan_tag(k->plan, pg, false, "Document", NULL, NULL);
    free(codes);
    return 0;
}

static bool no_meetings(const struct kiosk *k, const struct slide *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (k->lines[s->first + i].kind == L_MEETING)
            return false;
    return k->lines[s->first].day > 0;
}

/* "400 more at example.org/meetings" (the view is the screen's: today and tomorrow, or the
   week). */
static const char *more_words(struct kiosk *k, size_t n)
{
    if (k->shown_link)
        return sp_sayn(k->a, "{1} more at {2}", "{1} more at {2}", n, k->shown_link, NULL);
    return sp_sayn(k->a, "{1} more meeting is not shown here.",
                   "{1} more meetings are not shown here.", n, NULL, NULL);
}

int sp_kiosk_compose(const struct sp_compose_in *in, const struct sp_when_list *when,
                     struct sp_text *t, struct sp_plan *plan, struct sp_slides *text,
                     struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    const struct sp_settings *s = in->settings;
    struct kiosk k;
    struct slide slides[SP_KIOSK_MAX_SLIDES + 1];
    struct sp_slides dummy;
    size_t n, shown_end;
    int rc = -1;

    if (lay->kind != SP_LAYOUT_KIOSK)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "layout '%s' is not a screen layout (kind = kiosk)", lay->name);
    if (!text)
        text = &dummy;
    memset(text, 0, sizeof *text);
    sp_plan_release(plan);
    sp_plan_init(plan, lay->width, lay->height);
    memset(&k, 0, sizeof k);
    k.in = in;
    k.when = when;
    k.lay = lay;
    k.t = t;
    k.plan = plan;
    k.a = &plan->arena;
    k.family = sp_text_family_for(NULL);
    k.shown_link = s->short_link ? s->short_link : s->org_website ? s->org_website
                   : s->directory_url;
    k.qrs = g_hash_table_new(g_str_hash, g_str_equal);
    k.stripe = stripe_colour(lay);
    k.err = err;

    build_lines(&k);
    if (geometry(&k, err) != 0)
        goto out;
    /* at most SP_KIOSK_MAX_SLIDES; past that the last one ends "N more at ..." */
    n = paginate(&k, slides, SP_KIOSK_MAX_SLIDES, false);
    if (n == 0)
        goto out;
    while (n > 1 && n <= SP_KIOSK_MAX_SLIDES && no_meetings(&k, &slides[n - 1]))
        n--;  /* a last slide only to say a later day is empty is left out */
    if (n > SP_KIOSK_MAX_SLIDES) {
        struct sp_font bold = font(&k, lay->size_body, true);
        k.more_h = text_h(&k, &bold, more_words(&k, 99999), k.table_w) + GAP / 2;
        n = paginate(&k, slides, SP_KIOSK_MAX_SLIDES, true);
        if (n == 0)
            goto out;
        shown_end = slides[n - 1].first + slides[n - 1].n;
        for (size_t i = shown_end; i < k.nlines; i++)
            if (k.lines[i].kind == L_MEETING)
                text->nmore++;
        k.more_text = more_words(&k, text->nmore);
    }
    text->v = sp_arena_alloc(k.a, n * sizeof *text->v);
    text->n = n;
    for (size_t i = 0; i < n; i++) {
        if (emit_slide(&k, i, n, &slides[i], &text->v[i], err) != 0)
            goto out;
        for (size_t j = 0; j < slides[i].n; j++)
            if (k.lines[slides[i].first + j].kind == L_MEETING)
                text->nrows++;
    }
    plan->title = sp_arena_printf(k.a, "%s%s%s", in->headline ? sp_words_own(in->headline, k.a)
                                  : when->ndays > 2 ? sp_say(k.a, "Meetings this week", NULL,
                                                             NULL, NULL)
                                  : sp_say(k.a, "Meetings today and tomorrow", NULL, NULL, NULL),
                                  s->area ? ": " : "", s->area ? s->area : "");
    plan->author = s->org_name;
    plan->subject = s->area ? sp_say(k.a, "Mutual-aid meetings, {1}", s->area, NULL, NULL)
                            : sp_say(k.a, "Mutual-aid meetings, screen", NULL, NULL, NULL);
    plan->lang = s->lang ? s->lang : "en-GB";
    sp_tr_plan_finish(plan, t);  /* languages: bilingual runs, right-to-left mirror */
    text->title = plan->title;
    rc = 0;
out:
    free(k.lines);
    g_hash_table_destroy(k.qrs);
    return rc;
}

int sp_compose_kiosk(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err)
{
    struct sp_when_list w;
    int rc;

    if (in->layout->kind != SP_LAYOUT_KIOSK)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "layout '%s' is not a screen layout (kind = kiosk)",
                            in->layout->name);
    if (sp_when_select(in->meetings, in->n, in->at, in->view, &w, err) != 0)
        return -1;
    rc = sp_kiosk_compose(in, &w, t, plan, NULL, err);
    sp_when_list_release(&w);
    return rc;
}
