/*
 * cards.c - wallet cards (ISO/IEC 7810 ID-1), a grid per sheet (10 per A4), printed duplex
 * with long-edge flip: front sheet, back sheet, front, back...  The front has the
 * fellowship or service name (the key line), one welcome line, the short link and phone
 * when they fit, and a QR code (EC Q, >= 22 mm) to the directory or to one online meeting;
 * the back has that area's meetings as one line each (weekday, time, place) or an online
 * meeting's ID, passcode and dial-in.  Sizes never shrink: meetings that do not fit one
 * back go on more cards, numbered "1 of 3".  Back cells are mirrored (x' = W - x - w).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "flow.h"
#include "qr.h"
#include "words.h"

#define MARK_EDGE SP_MM(6)     /* crop marks stop this far from the sheet edge (row 37: 5) */
#define MARK_OFF  SP_MM(2)     /* and this far from the card edge */
#define MARK_MIN  SP_MM(2)     /* shorter marks are left out */
#define MARK_LW   0.5          /* points */

struct design {
    struct sp_block front;     /* text at the left, QR code at the right */
    struct sp_block back;
};

struct cards {
    const struct sp_compose_in *in;
    const struct sp_layout *lay;
    struct sp_text *t;
    struct sp_plan *plan;
    const char *family;
    double iw, ih;             /* a card's safe area */
    struct design *d;
    size_t nd, cap;
};

static struct sp_font font(const struct cards *c, double size, bool bold, const char *text)
{
    struct sp_font f = { c->family, size, bold, NULL };

    f.lang = text ? sp_text_guess_lang(text) : NULL;
    if (f.lang)
        f.family = sp_text_family_for(f.lang);
    return f;
}

static struct design *add_design(struct cards *c)
{
    if (c->nd == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->d = xrealloc(c->d, c->cap * sizeof *c->d);
    }
    memset(&c->d[c->nd], 0, sizeof c->d[c->nd]);
    return &c->d[c->nd++];
}

/* A measured paragraph that no longer fits is taken off again. */
static void pop_para(struct cards *c, struct sp_block *b)
{
    b->npara--;
    sp_block_measure(b, c->t, c->iw, c->lay->line_spacing, &c->plan->arena);
}

/* "Alcoholics Anonymous" when every meeting is of one fellowship, else the organisation. */
static const char *fellowship_of(const struct sp_meeting *const *m, size_t n,
                                 const struct sp_settings *s)
{
    for (size_t i = 1; i < n; i++)
        if (g_strcmp0(m[i]->fellowship, m[0]->fellowship) != 0)
            return s->org_name && *s->org_name ? s->org_name : "Support meetings";
    if (n && m[0]->fellowship)
        return m[0]->fellowship;
    return s->org_name && *s->org_name ? s->org_name : "Support meetings";
}

/*
 * The front: name (key line), welcome, then the short link and the phone number while
 * they fit; the QR code at the right.  Errors when the name and welcome do not fit.
 */
static int build_front(struct cards *c, struct sp_block *b, const char *name, const char *url,
                       const char *about, const char *alt, bool to_meeting,
                       struct sp_error *err)
{
    const struct sp_layout *lay = c->lay;
    const struct sp_settings *s = c->in->settings;
    struct sp_arena *a = &c->plan->arena;
    struct sp_qr *qr = sp_arena_alloc(a, sizeof *qr);
    struct sp_font f;
    struct sp_para *p;
    size_t keep;
    double size;
    /* a meeting's code is not the directory: say what scanning does instead */
    const char *link = to_meeting ? "Scan to join online"
                       : s->short_link ? s->short_link : s->org_website;

    if (sp_qr_encode(url, lay->qr_ecl, about, a, qr, err) != 0)
        return -1;
    /* STANDARDS.md row 25: modules >= 0.5 mm, and at least the layout's 22 mm */
    size = lay->qr_min;
    if (size < (qr->n + 2.0 * qr->quiet) * SP_MM(0.5))
        size = (qr->n + 2.0 * qr->quiet) * SP_MM(0.5);
    if (size > c->ih + 0.01 || size > c->iw / 2)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "'%s': the link needs a %.0f mm QR code, larger than a card's "
                            "safe area", about, size * 25.4 / 72);
    sp_block_init(b);
    b->qr = qr;
    b->qr_size = size;
    b->qr_gap = SP_MM(3);
    b->qr_url = sp_words_attr_url(url, a);
    b->qr_alt = alt;
    f = font(c, lay->size_headline, true, name);
    p = sp_block_add(b, a, "H1", &f, lay->color_heading, name, 0);
    p->spacing = 1.0;
    f = font(c, lay->size_body, false, s->card_welcome);
    if (s->card_welcome)
        sp_block_add(b, a, "P", &f, lay->color_text, s->card_welcome, SP_MM(1));
    sp_block_measure(b, c->t, c->iw, lay->line_spacing, a);
    if (b->height > c->ih + 0.01)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "'%s' and the welcome line do not fit the front of a card at "
                            "%gpt and %gpt", name, lay->size_headline, lay->size_body);
    /* optional lines, in order of use: the link a person can type, then the phone */
    keep = b->npara;
    f = font(c, lay->size_body, true, NULL);
    if (link) {
        sp_block_add(b, a, "P", &f, lay->color_text, link, SP_MM(1));
        sp_block_measure(b, c->t, c->iw, lay->line_spacing, a);
        if (b->height > c->ih + 0.01 || b->paras[b->npara - 1].nlines > 1)
            pop_para(c, b);
        else
            keep = b->npara;
    }
    f = font(c, lay->size_body, false, NULL);
    if (s->org_phone && keep == b->npara) {
        sp_block_add(b, a, "P", &f, lay->color_text,
                     sp_arena_printf(a, "Phone %s", sp_words_glue(s->org_phone, a)),
                     link ? 0 : SP_MM(1));
        sp_block_measure(b, c->t, c->iw, lay->line_spacing, a);
        if (b->height > c->ih + 0.01)
            pop_para(c, b);
    }
    return 0;
}

/* Compact place: "Venue, Town", "Online (Zoom)", "Venue, Town, and online". */
static const char *short_place(const struct sp_meeting *m, struct sp_arena *a)
{
    const char *where;

    if (m->attendance == SP_ATTEND_ONLINE)
        return m->provider ? sp_arena_printf(a, "Online (%s)", m->provider) : "Online";
    /* a town name too long for a compact line gives way to its postcode */
    if (m->venue && m->town && !strstr(m->venue, m->town) && g_utf8_strlen(m->town, -1) <= 24)
        where = sp_arena_printf(a, "%s, %s", m->venue, m->town);
    else if (m->venue && m->postcode)
        where = sp_arena_printf(a, "%s, %s", m->venue, sp_words_glue(m->postcode, a));
    else if (m->venue)
        where = m->venue;
    else if (m->town && m->postcode)
        where = sp_arena_printf(a, "%s %s", m->town, sp_words_glue(m->postcode, a));
    else if (m->town || m->postcode)
        where = m->town ? m->town : sp_words_glue(m->postcode, a);
    else
        where = m->formatted_address ? m->formatted_address : "Place not given";
    if (m->attendance == SP_ATTEND_HYBRID)
        return sp_arena_printf(a, "%s, and online", where);
    return where;
}

static void back_header(struct cards *c, struct sp_block *b, const char *title)
{
    struct sp_font f = font(c, c->lay->size_heading, true, title);
    struct sp_para *p;

    sp_block_init(b);
    p = sp_block_add(b, &c->plan->arena, "H2", &f, c->lay->color_heading, title, 0);
    p->spacing = 1.0;
}

/* The back's key line: the title on a single card; on a numbered set the weekdays the
   card covers, after the title when several areas share the sheet (split). */
static const char *back_title(const char *title, bool numbered, bool with_title, int day0,
                              int day1, const char *num, struct sp_arena *a)
{
    const char *days;

    if (!numbered)
        return title;
    if (day0 == day1)
        days = sp_day_name(day0);
    else
        days = sp_arena_printf(a, "%s %s %s", sp_day_name(day0),
                               (day0 + 1) % 7 == day1 ? "and" : "to", sp_day_name(day1));
    if (with_title)
        return sp_arena_printf(a, "%s: %s, %s", title, days, num);
    return sp_arena_printf(a, "%s, %s", days, num);
}

/*
 * Fill back b with the header and the lines of e[from..to) (each "Monday 7pm: place", or
 * "7pm: place" when the header names the one day).  Returns how many lines fit (all of
 * them, or fewer when they run out of room).
 */
static size_t fill_back(struct cards *c, struct sp_block *b, const char *title, bool numbered,
                        bool with_title, const char *num, const struct sp_entry *e,
                        size_t from, size_t to)
{
    const struct sp_layout *lay = c->lay;
    struct sp_arena *a = &c->plan->arena;
    bool one_day = numbered && e[from].day == e[to - 1].day;
    size_t i;

    back_header(c, b, back_title(title, numbered, with_title, e[from].day, e[to - 1].day, num,
                                 a));
    for (i = from; i < to; i++) {
        const struct sp_meeting *m = e[i].m;
        struct sp_font f = font(c, lay->size_body, false, NULL);
        const char *when = sp_words_time(m->start_min, lay->time_style, a);
        const char *line = one_day
            ? sp_arena_printf(a, "%s: %s", when, short_place(m, a))
            : sp_arena_printf(a, "%s" SP_NBSP "%s: %s", sp_day_name(e[i].day), when,
                              short_place(m, a));
        sp_block_add(b, a, "P", &f, lay->color_text, line, SP_MM(0.8));
        sp_block_measure(b, c->t, c->iw, lay->line_spacing, a);
        if (b->height > c->ih + 0.01) {
            pop_para(c, b);
            break;
        }
    }
    return i - from;
}

/* End of the weekday group that starts at e[i]. */
static size_t day_end(const struct sp_entry *e, size_t n, size_t i)
{
    size_t j = i;

    while (j < n && e[j].day == e[i].day)
        j++;
    return j;
}

/*
 * Backs for entries e[0..n) (weekday order): one card with the title as its key line when
 * they all fit; otherwise a numbered set ("Monday to Wednesday, 1 of 5"): each card takes
 * whole weekdays while they fit, and a weekday too long for one card gets cards of its
 * own.  Every card gets a copy of the front.
 */
static int pack_backs(struct cards *c, const struct sp_block *front, const char *title,
                      bool with_title, const struct sp_entry *e, size_t n,
                      struct sp_error *err)
{
    const struct sp_layout *lay = c->lay;
    struct sp_arena *a = &c->plan->arena;
    const char *ph = "99" SP_NBSP "of" SP_NBSP "99";
    size_t first = c->nd, i = 0, total;
    struct design *d = add_design(c);

    d->front = *front;
    if (fill_back(c, &d->back, title, false, with_title, NULL, e, 0, n) == n)
        return 0;
    c->nd = first;
    while (i < n) {
        size_t end = day_end(e, n, i), best = 0, got;

        /* as many whole weekdays as fit */
        for (size_t j = end; ; j = day_end(e, n, j)) {
            struct sp_block trial;
            if (fill_back(c, &trial, title, true, with_title, ph, e, i, j) < j - i)
                break;
            best = j;
            if (j >= n)
                break;
        }
        d = add_design(c);
        d->front = *front;
        if (best) {
            fill_back(c, &d->back, title, true, with_title, ph, e, i, best);
            i = best;
            continue;
        }
        /* one weekday over several cards */
        got = fill_back(c, &d->back, title, true, with_title, ph, e, i, end);
        if (got == 0)
            return sp_error_set(err, SP_ERR_INPUT, e[i].m->file, e[i].m->line, 0,
                                "meeting '%s' does not fit the back of a card at %gpt",
                                e[i].m->name, lay->size_body);
        i += got;
    }
    /* the real numbers, and each card's weekdays */
    total = c->nd - first;
    i = 0;
    for (size_t k = first; k < c->nd; k++) {
        struct sp_block *b = &c->d[k].back;
        size_t lines = b->npara - 1;
        b->paras[0].text = back_title(title, true, with_title, e[i].day, e[i + lines - 1].day,
                                      sp_arena_printf(a, "%zu" SP_NBSP "of" SP_NBSP "%zu",
                                                      k - first + 1, total), a);
        sp_block_measure(b, c->t, c->iw, lay->line_spacing, a);
        i += lines;
    }
    return 0;
}

/* One card for one online (or hybrid) meeting: QR to its link, back with how to join. */
static int online_card(struct cards *c, const struct sp_meeting *m, struct sp_error *err)
{
    const struct sp_layout *lay = c->lay;
    const struct sp_settings *s = c->in->settings;
    struct sp_arena *a = &c->plan->arena;
    const char *link = sp_words_link(m, c->in->leave_off_passcodes);
    const char *url = link ? link : s->directory_url;
    struct design *d;
    struct sp_font f = font(c, lay->size_body, false, NULL);
    const char *alt;

    if (!url)
        return sp_error_set(err, SP_ERR_INPUT, m->file, m->line, 0,
                            "meeting '%s' has no link, and the settings have no "
                            "'directory-url' for its card", m->name);
    alt = link ? sp_words_qr_alt(m, a)
               : sp_arena_printf(a, "QR code: every meeting online at %s", url);
    d = add_design(c);
    if (build_front(c, &d->front, m->fellowship ? m->fellowship : m->name, url, m->name, alt, link != NULL, err) != 0)
        return -1;
    back_header(c, &d->back, m->name);
    sp_block_add(&d->back, a, "P", &f, lay->color_text,
                 sp_arena_printf(a, "%s, %s", sp_words_days(m->days, c->in->start_day, SP_DAYS_LONG, a),
                                 sp_words_time_range(m->start_min, m->end_min, lay->time_style,
                                                     a)), SP_MM(0.4));
    if (m->meeting_id)
        sp_block_add(&d->back, a, "P", &f, lay->color_text,
                     sp_arena_printf(a, "%s meeting ID %s", m->provider ? m->provider : "Online",
                                     sp_words_glue(m->meeting_id, a)), SP_MM(0.4));
    else if (link)
        sp_block_add(&d->back, a, "P", &f, lay->color_text,
                     m->provider ? sp_arena_printf(a, "Online on %s", m->provider) : "Online",
                     SP_MM(0.4));
    if (m->passcode && !c->in->leave_off_passcodes)
        sp_block_add(&d->back, a, "P", &f, lay->color_text,
                     sp_arena_printf(a, "Passcode %s", sp_words_glue(m->passcode, a)),
                     SP_MM(0.4));
    if (m->phone)
        sp_block_add(&d->back, a, "P", &f, lay->color_text,
                     sp_arena_printf(a, "Dial in %s", sp_words_phone(m, a)), SP_MM(0.4));
    sp_block_measure(&d->back, c->t, c->iw, lay->line_spacing, a);
    if (d->back.height > c->ih + 0.01)
        return sp_error_set(err, SP_ERR_INPUT, m->file, m->line, 0,
                            "meeting '%s': its joining details do not fit the back of a card "
                            "at %gpt", m->name, lay->size_body);
    return 0;
}

static const char *town_of(const struct sp_meeting *m)
{
    return m->town ? m->town : m->region ? m->region : "Other areas";
}

static gint cmp_str(gconstpointer x, gconstpointer y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The card designs for in->cards: directory (default), online or split. */
static int build_designs(struct cards *c, struct sp_error *err)
{
    const struct sp_compose_in *in = c->in;
    const struct sp_settings *s = in->settings;
    struct sp_arena *a = &c->plan->arena;
    const char *mode = in->cards ? in->cards : "directory";
    struct sp_entry *e = NULL;
    size_t n;
    int rc = 0;

    if (!strcmp(mode, "online")) {
        for (size_t i = 0; i < in->n && rc == 0; i++) {
            const struct sp_meeting *m = in->meetings[i];
            if (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID)
                rc = online_card(c, m, err);
        }
        if (rc == 0 && c->nd == 0)
            rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                              "--cards online: no online or hybrid meetings in the selection");
        return rc;
    }
    if (!s->directory_url)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "cards need 'directory-url' in the settings file (the QR code on "
                            "the front)");
    n = sp_compose_entries(in, &e);
    if (!strcmp(mode, "split")) {
        /* one card (or numbered set) per town, towns in alphabetical order */
        GPtrArray *towns = g_ptr_array_new();
        struct sp_entry *part = xmalloc((n ? n : 1) * sizeof *part);
        const struct sp_meeting **ms = xmalloc((n ? n : 1) * sizeof *ms);

        for (size_t i = 0; i < n; i++) {
            bool found = false;
            for (guint j = 0; j < towns->len && !found; j++)
                found = !strcmp(towns->pdata[j], town_of(e[i].m));
            if (!found)
                g_ptr_array_add(towns, (gpointer)town_of(e[i].m));
        }
        g_ptr_array_sort(towns, cmp_str);
        for (guint j = 0; j < towns->len && rc == 0; j++) {
            struct sp_block front;
            size_t k = 0;
            const char *town = towns->pdata[j];
            for (size_t i = 0; i < n; i++)
                if (!strcmp(town_of(e[i].m), town)) {
                    ms[k] = e[i].m;
                    part[k++] = e[i];
                }
            rc = build_front(c, &front, fellowship_of(ms, k, s), s->directory_url,
                             "directory link",
                             sp_arena_printf(a, "QR code: every meeting online at %s",
                                             s->directory_url), false, err);
            if (rc == 0)
                rc = pack_backs(c, &front, town, true, part, k, err);
        }
        free(ms);
        free(part);
        g_ptr_array_free(towns, TRUE);
    } else {
        struct sp_block front;
        const char *title = in->part_name ? in->part_name : s->area ? s->area : "Meetings";
        rc = build_front(c, &front, fellowship_of(in->meetings, in->n, s), s->directory_url,
                         "directory link",
                         sp_arena_printf(a, "QR code: every meeting online at %s",
                                         s->directory_url), false, err);
        if (rc == 0)
            rc = pack_backs(c, &front, title, false, e, n, err);
    }
    free(e);
    return rc;
}

static void add_rule(struct cards *c, struct sp_page *page, double x, double y, double w,
                     double h, double lw, double dash, uint32_t rgb)
{
    sp_plan_rule(c->plan, page, x, y, w, h, lw, dash, rgb);
}

/* Top-left of cell (col, row) on a front sheet; mirrored for the back (long-edge flip). */
static void cell_pos(const struct cards *c, int col, int row, bool back, double *x, double *y)
{
    const struct sp_layout *lay = c->lay;

    *x = lay->margin_left + col * (lay->card_width + lay->card_gap_x);
    *y = lay->margin_top + row * (lay->card_height + lay->card_gap_y);
    if (back)
        *x = lay->width - *x - lay->card_width;
}

/*
 * Crop marks: every cut line continued into the sheet margins only, from 2 mm off the
 * card grid to 6 mm from the sheet edge.  Marks that would be shorter than 2 mm are left
 * out (a narrow margin).
 */
static void crop_marks(struct cards *c, struct sp_page *page, bool back)
{
    const struct sp_layout *lay = c->lay;
    double gx0, gy0, gx1, gy1, x, y;
    uint32_t rgb = 0x000000;

    cell_pos(c, 0, 0, false, &gx0, &gy0);
    cell_pos(c, lay->card_cols - 1, lay->card_rows - 1, false, &gx1, &gy1);
    gx1 += lay->card_width;
    gy1 += lay->card_height;
    if (back) {
        double t = lay->width - gx1;
        gx1 = lay->width - gx0;
        gx0 = t;
    }
    for (int col = 0; col < lay->card_cols; col++) {
        cell_pos(c, col, 0, back, &x, &y);
        for (int side = 0; side < 2; side++) {
            double cx = x + side * lay->card_width;
            if (gy0 - MARK_OFF - MARK_EDGE >= MARK_MIN)
                add_rule(c, page, cx, MARK_EDGE, 0, gy0 - MARK_OFF - MARK_EDGE, MARK_LW, 0,
                         rgb);
            if (lay->height - MARK_EDGE - gy1 - MARK_OFF >= MARK_MIN)
                add_rule(c, page, cx, gy1 + MARK_OFF, 0,
                         lay->height - MARK_EDGE - gy1 - MARK_OFF, MARK_LW, 0, rgb);
        }
    }
    for (int row = 0; row < lay->card_rows; row++) {
        cell_pos(c, 0, row, back, &x, &y);
        for (int side = 0; side < 2; side++) {
            double cy = y + side * lay->card_height;
            if (side == 0 && row > 0 && lay->card_gap_y == 0)
                continue;  /* butted rows share a cut */
            if (gx0 - MARK_OFF - MARK_EDGE >= MARK_MIN)
                add_rule(c, page, MARK_EDGE, cy, gx0 - MARK_OFF - MARK_EDGE, 0, MARK_LW, 0,
                         rgb);
            if (lay->width - MARK_EDGE - gx1 - MARK_OFF >= MARK_MIN)
                add_rule(c, page, gx1 + MARK_OFF, cy, lay->width - MARK_EDGE - gx1 - MARK_OFF,
                         0, MARK_LW, 0, rgb);
        }
    }
}

/* Designs in slot order: a set that fits one sheet is repeated to fill it; a longer set
   runs on over as many sheets as it needs. */
static size_t make_slots(const struct cards *c, size_t per_sheet, size_t **out)
{
    size_t copies = c->nd && c->nd <= per_sheet ? per_sheet / c->nd : 1;
    size_t n = c->nd * copies;
    size_t *v = xmalloc(n * sizeof *v);

    for (size_t k = 0; k < copies; k++)
        for (size_t i = 0; i < c->nd; i++)
            v[k * c->nd + i] = i;
    *out = v;
    return n;
}

static void emit_sheets(struct cards *c)
{
    const struct sp_layout *lay = c->lay;
    size_t per = (size_t)lay->card_cols * (size_t)lay->card_rows, *slot, nslot, nsheets;

    nslot = make_slots(c, per, &slot);
    nsheets = (nslot + per - 1) / per;
    for (size_t s = 0; s < nsheets; s++) {
        for (int back = 0; back < 2; back++) {
            struct sp_page *page = sp_plan_add_page(c->plan);
            page->label = sp_arena_printf(&c->plan->arena, "Sheet %zu %s", s + 1,
                                          back ? "back" : "front");
            if (s == 0 && !back)
                sp_plan_tag(c->plan, page, true, "Document", NULL, NULL);
            for (size_t k = 0; k < per && s * per + k < nslot; k++) {
                const struct design *d = &c->d[slot[s * per + k]];
                double x, y;
                cell_pos(c, (int)(k % (size_t)lay->card_cols), (int)(k / (size_t)lay->card_cols),
                         back, &x, &y);
                sp_block_emit(back ? &d->back : &d->front, c->plan, page, x + lay->card_safe,
                              y + lay->card_safe, lay->line_spacing);
            }
            crop_marks(c, page, back);
            if (s == nsheets - 1 && back)
                sp_plan_tag(c->plan, page, false, "Document", NULL, NULL);
        }
    }
    free(slot);
}

/* Print-shop singles: each card front and back on its own page, card + bleed all round. */
static void emit_singles(struct cards *c)
{
    const struct sp_layout *lay = c->lay;
    double b = c->plan->bleed;

    for (size_t i = 0; i < c->nd; i++) {
        for (int back = 0; back < 2; back++) {
            struct sp_page *page = sp_plan_add_page(c->plan);
            page->label = sp_arena_printf(&c->plan->arena, "Card %zu %s", i + 1,
                                          back ? "back" : "front");
            if (i == 0 && !back)
                sp_plan_tag(c->plan, page, true, "Document", NULL, NULL);
            sp_block_emit(back ? &c->d[i].back : &c->d[i].front, c->plan, page,
                          b + lay->card_safe, b + lay->card_safe, lay->line_spacing);
            if (i == c->nd - 1 && back)
                sp_plan_tag(c->plan, page, false, "Document", NULL, NULL);
        }
    }
}

/*
 * The duplex alignment test: one sheet (front and back page).  Each cell has its number,
 * the side, a cross at its centre and its safe area dashed; held to the light, the
 * crosses of both sides line up and each back says the same number as its front.
 */
static void emit_alignment(struct cards *c)
{
    const struct sp_layout *lay = c->lay;
    struct sp_arena *a = &c->plan->arena;
    double arm = SP_MM(5), safe = lay->card_safe, pad = SP_MM(1.5);

    for (int back = 0; back < 2; back++) {
        struct sp_page *page = sp_plan_add_page(c->plan);
        page->label = back ? "Alignment back" : "Alignment front";
        if (!back)
            sp_plan_tag(c->plan, page, true, "Document", NULL, NULL);
        for (int k = 0; k < lay->card_cols * lay->card_rows; k++) {
            struct sp_block b;
            struct sp_font f = font(c, lay->size_headline, true, NULL);
            struct sp_para *p;
            double x, y, cx, cy;

            cell_pos(c, k % lay->card_cols, k / lay->card_cols, back, &x, &y);
            sp_block_init(&b);
            p = sp_block_add(&b, a, "H2", &f, lay->color_heading,
                             sp_arena_printf(a, "Card %d: %s", k + 1, back ? "back" : "front"),
                             0);
            p->spacing = 1.0;
            f = font(c, 12 > lay->floor_body ? 12 : lay->floor_body, false, NULL);
            sp_block_add(&b, a, "P", &f, lay->color_text,
                         back ? "Both sides should say the same card number. If not, "
                                "change the printer's flip setting."
                              : "Print both sides, flip on the long edge. Hold up to the "
                                "light: the crosses should line up.", SP_MM(1));
            sp_block_measure(&b, c->t, c->iw - 2 * pad, lay->line_spacing, a);
            sp_block_emit(&b, c->plan, page, x + safe + pad, y + safe + pad, lay->line_spacing);
            /* safe area (dashed) and a cross at the card's centre */
            add_rule(c, page, x + safe, y + safe, lay->card_width - 2 * safe, 0, 0.5,
                     SP_MM(1.5), lay->color_text);
            add_rule(c, page, x + safe, y + lay->card_height - safe,
                     lay->card_width - 2 * safe, 0, 0.5, SP_MM(1.5), lay->color_text);
            add_rule(c, page, x + safe, y + safe, 0, lay->card_height - 2 * safe, 0.5,
                     SP_MM(1.5), lay->color_text);
            add_rule(c, page, x + lay->card_width - safe, y + safe, 0,
                     lay->card_height - 2 * safe, 0.5, SP_MM(1.5), lay->color_text);
            cx = x + lay->card_width / 2;
            cy = y + lay->card_height - safe - arm - SP_MM(1);
            add_rule(c, page, cx - arm, cy, 2 * arm, 0, 0.75, 0, lay->color_text);
            add_rule(c, page, cx, cy - arm, 0, 2 * arm, 0.75, 0, lay->color_text);
        }
        crop_marks(c, page, back);
        if (back)
            sp_plan_tag(c->plan, page, false, "Document", NULL, NULL);
    }
}

int sp_compose_cards(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    const struct sp_settings *s = in->settings;
    struct cards c = { 0 };
    int rc = 0;

    c.in = in;
    c.lay = lay;
    c.t = t;
    c.plan = plan;
    c.family = sp_text_family_for(NULL);
    c.iw = lay->card_width - 2 * lay->card_safe;
    c.ih = lay->card_height - 2 * lay->card_safe;
    sp_plan_release(plan);
    if (in->print_shop && !in->alignment_sheet) {
        double b = lay->bleed > 0 ? lay->bleed : SP_MM(3);
        sp_plan_init(plan, lay->card_width + 2 * b, lay->card_height + 2 * b);
        plan->bleed = b;
    } else {
        sp_plan_init(plan, lay->width, lay->height);
    }
    if (in->alignment_sheet) {
        emit_alignment(&c);
        plan->title = "Wallet cards: duplex alignment test";
    } else {
        if (in->n == 0)
            return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                                "no meetings to show (check the selection options)");
        rc = build_designs(&c, err);
        if (rc == 0 && in->print_shop)
            emit_singles(&c);
        else if (rc == 0)
            emit_sheets(&c);
        plan->title = sp_arena_printf(&plan->arena, "Wallet cards: %s",
                                      in->part_name ? in->part_name
                                      : s->area ? s->area : "support meetings");
    }
    free(c.d);
    if (rc == 0) {
        plan->author = s->org_name;
        plan->subject = sp_arena_printf(&plan->arena, "Mutual-aid meetings, list printed on %s",
                                        sp_words_date(in->date, &plan->arena));
        plan->lang = s->lang ? s->lang : "en-GB";
    }
    return rc;
}
