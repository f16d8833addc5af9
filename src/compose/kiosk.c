/*
 * kiosk.c - screen slides for a moment: "today and tomorrow" or "this week".
 *
 * when.c decides which meetings are shown and which are on now or next; this file
 * places them.  Every slide repeats the title, the moment, the slide number and the
 * footer, so any slide makes sense on its own in a rotation.  Meetings go under day
 * headings in columns; when they do not fit one screen at the layout's sizes the
 * slides are numbered ("1 of 3"), never smaller.  Lengths are px (1 px = 1 pt of the
 * plan; the 4K layout doubles them on output).  QR codes have whole-pixel modules at
 * whole-pixel positions, dark on the layout's light panel colour in every theme.
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "flow.h"
#include "qr.h"
#include "when.h"
#include "words.h"

#define BADGE_PAD 12.0      /* px around "On now" / "Next" */
#define MAX_HELPLINES 3     /* on an empty day's slide */

struct kiosk {
    const struct sp_compose_in *in;
    const struct sp_layout *lay;
    struct sp_text *t;
    struct sp_plan *plan;
    const char *family;
    struct sp_when_list when;
    double content_w, col_w, num_w;
    struct sp_block header, footer;
    const char *title;
};

static const char *const months[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"
};

static struct sp_font font(const struct kiosk *k, double size, bool bold)
{
    struct sp_font f = { k->family, size, bold, NULL };
    return f;
}

/* "Thursday 26 November" */
static const char *day_words(struct sp_arena *a, int wday, int mday, int month)
{
    return sp_arena_printf(a, "%s %d %s", sp_day_name(wday), mday, months[month - 1]);
}

static void add_rect(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                     double h, uint32_t rgb)
{
    sp_plan_rect(plan, page, x, y, w, h, 0, rgb);
}

static void add_rule(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                     double lw, uint32_t rgb)
{
    sp_plan_rule(plan, page, x, y, w, 0, lw, 0, rgb);
}

/* Symbol size with whole-pixel modules: the smallest multiple of the module count that
   is at least the layout's minimum. */
static double qr_size(const struct sp_layout *lay, const struct sp_qr *qr)
{
    int modules = qr->n + 2 * qr->quiet;

    if (!lay->qr_whole_pixels)
        return lay->qr_min;
    return ceil(lay->qr_min / modules - 1e-9) * modules;
}

static int attach_qr(struct kiosk *k, struct sp_block *b, const char *url, const char *about,
                     const char *alt, struct sp_error *err)
{
    struct sp_arena *a = &k->plan->arena;
    struct sp_qr *qr = sp_arena_alloc(a, sizeof *qr);

    if (sp_qr_encode(url, k->lay->qr_ecl, about, a, qr, err) != 0)
        return -1;
    b->qr = qr;
    b->qr_size = qr_size(k->lay, qr);
    b->qr_gap = 32;
    b->qr_url = sp_words_attr_url(url, a);
    b->qr_alt = alt;
    b->qr_dark = 0x000000;
    b->qr_light = k->lay->color_panel;  /* light in both themes (layout.c checks it) */
    return 0;
}

static void build_header(struct kiosk *k)
{
    const struct sp_layout *lay = k->lay;
    struct sp_arena *a = &k->plan->arena;
    struct sp_font f = font(k, lay->size_headline, true);
    struct sp_para *p;

    sp_block_init(&k->header);
    p = sp_block_add(&k->header, a, "H1", &f, lay->color_heading, k->title, 0);
    p->spacing = 1.0;
    if (k->in->subtitle) {
        f = font(k, lay->size_subtitle, false);
        p = sp_block_add(&k->header, a, "P", &f, lay->color_text, k->in->subtitle,
                         lay->size_body * 0.1);
        p->spacing = 1.0;
    }
    /* room at the right for the slide number ("12 of 12") */
    f = font(k, lay->size_body, true);
    k->num_w = ceil(sp_text_width(k->t, &f, "88 of 88")) + 32;
    sp_block_measure(&k->header, k->t, k->content_w - k->num_w, lay->line_spacing, a);
}

/* The footer: when the slide was made (so a stale screen shows it) and where to find
   every meeting. */
static void build_footer(struct kiosk *k)
{
    const struct sp_layout *lay = k->lay;
    const struct sp_settings *s = k->in->settings;
    const struct sp_moment *now = &k->when.now;
    struct sp_arena *a = &k->plan->arena;
    struct sp_font f = font(k, lay->size_footer, false);
    const char *shown = s->short_link ? s->short_link
                        : s->org_website ? s->org_website : s->directory_url;
    const char *when = sp_arena_printf(a, "Updated %s, %s.",
                                       sp_words_time(now->minute, lay->time_style, a),
                                       day_words(a, now->wday, now->mday, now->month));
    struct sp_para *p;

    sp_block_init(&k->footer);
    p = sp_block_add(&k->footer, a, "P", &f, lay->color_text,
                     shown ? sp_arena_printf(a, "%s Every meeting: %s", when, shown) : when, 0);
    p->spacing = 1.0;
    sp_block_measure(&k->footer, k->t, k->content_w, lay->line_spacing, a);
}

static void new_page(struct sp_flow *f, void *ctx)
{
    struct kiosk *k = ctx;
    const struct sp_layout *lay = k->lay;
    double y = lay->margin_top;
    double foot_top = lay->height - lay->margin_bottom - k->footer.height;

    add_rect(k->plan, f->page, 0, 0, lay->width, lay->height, lay->color_background);
    if (f->pageno == 0)
        sp_plan_tag(k->plan, f->page, true, "Document", NULL, NULL);
    f->page->name = sp_arena_printf(&k->plan->arena, "slide-%02zu", f->pageno + 1);
    sp_block_emit(&k->header, k->plan, f->page, lay->margin_left, y, lay->line_spacing);
    y += k->header.height + 16;
    add_rule(k->plan, f->page, lay->margin_left, y + 2, k->content_w, 4, lay->color_heading);
    f->top = ceil(y + 4 + 28);
    f->bottom = floor(foot_top - 20 - 3 - 16);
}

static void end_page(struct sp_flow *f, void *ctx)
{
    struct kiosk *k = ctx;
    const struct sp_layout *lay = k->lay;
    double foot_top = lay->height - lay->margin_bottom - k->footer.height;

    add_rule(k->plan, f->page, lay->margin_left, foot_top - 20 - 1.5, k->content_w, 3,
             lay->color_heading);
    sp_block_emit(&k->footer, k->plan, f->page, lay->margin_left, foot_top, lay->line_spacing);
}

/* Place a measured block; a badge block gets its coloured box behind the first line.
   Blocks start on whole pixels, so their QR codes do too. */
static void put(struct kiosk *k, struct sp_flow *f, const struct sp_block *b, bool badge)
{
    double x, y;
    size_t first;

    f->y = ceil(f->y);
    if (b->height > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f))
        sp_flow_next_column(f);
    f->y = ceil(f->y);
    x = f->x0 + f->col * (f->col_w + f->col_gap);
    y = f->y;
    if (badge) {
        const struct sp_para *p = &b->paras[0];
        const struct sp_line *l = &p->lines[0];
        double pitch = l->height * (p->spacing > 0 ? p->spacing : f->line_spacing);

        add_rect(k->plan, f->page, x, y + pitch - l->height, l->width + 2 * BADGE_PAD,
                 l->height, k->lay->color_accent);
    }
    first = f->page->n;
    sp_block_emit(b, k->plan, f->page, x, y, f->line_spacing);
    if (badge)
        for (size_t i = first; i < f->page->n; i++)
            if (f->page->items[i].kind == SP_ITEM_TEXT) {
                f->page->items[i].x += BADGE_PAD;
                break;
            }
    f->y += b->height + b->space_after;
}

static void day_heading(struct kiosk *k, const struct sp_when_day *D, bool continued,
                        struct sp_block *b)
{
    const struct sp_layout *lay = k->lay;
    struct sp_arena *a = &k->plan->arena;
    struct sp_font f = font(k, lay->size_heading, true);
    const char *date = day_words(a, D->wday, D->mday, D->month);
    const char *text = D->offset == 0 ? sp_arena_printf(a, "Today: %s", date)
                       : D->offset == 1 ? sp_arena_printf(a, "Tomorrow: %s", date) : date;
    struct sp_para *p;

    sp_block_init(b);
    p = sp_block_add(b, a, "H2", &f, lay->color_heading,
                     continued ? sp_arena_printf(a, "%s (continued)", text) : text, 0);
    p->spacing = 1.0;
    if (D->clocks && !continued) {
        f = font(k, lay->size_detail, true);
        sp_block_add(b, a, "P", &f, lay->color_text,
                     D->clocks > 0 ? "The clocks go forward one hour at 1am."
                                   : "The clocks go back one hour at 2am.", 0);
    }
    b->space_after = lay->size_body * 0.35;
    sp_block_measure(b, k->t, k->col_w, lay->line_spacing, a);
}

static int meeting_block(struct kiosk *k, const struct sp_when_entry *e, struct sp_block *b,
                         bool *badge, struct sp_error *err)
{
    const struct sp_layout *lay = k->lay;
    const struct sp_meeting *m = e->m;
    struct sp_arena *a = &k->plan->arena;
    struct sp_font bold = font(k, lay->size_body, true);
    struct sp_font reg = font(k, lay->size_detail, false);
    struct sp_font name_font = bold;
    const char *link = sp_words_link(m, k->in->leave_off_passcodes);
    const char *kind = sp_words_kind(m, true, a);
    const char *range = sp_words_time_range(e->start_shown, e->end_shown, lay->time_style, a);
    struct sp_para *p;

    sp_block_init(b);
    *badge = e->state != SP_WHEN_LATER;
    if (*badge) {
        struct sp_font bf = bold;
        p = sp_block_add(b, a, "P", &bf, lay->color_accent_text,
                         e->state == SP_WHEN_ON_NOW ? "On now" : "Next", 0);
        p->spacing = 1.0;
    }
    /* when and what: "7pm to 8.30pm: Name" (a meeting from last night says so) */
    name_font.lang = sp_text_guess_lang(m->name);
    if (name_font.lang)
        name_font.family = sp_text_family_for(name_font.lang);
    if (e->started_yesterday)
        range = sp_arena_printf(a, "%s (from last night)", range);
    sp_block_add(b, a, "P", &name_font, lay->color_text,
                 sp_arena_printf(a, "%s: %s", range, m->name), *badge ? 8 : 0);
    if (e->shifted)
        sp_block_add(b, a, "P", &reg, lay->color_text,
                     sp_arena_printf(a, "Listed as %s: the clocks go forward at 1am.",
                                     sp_words_time(m->start_min, lay->time_style, a)), 0);
    sp_block_add(b, a, "P", &reg, lay->color_text, sp_words_where(m, a), 0);
    if (kind)
        sp_block_add(b, a, "P", &reg, lay->color_text, kind, 0);
    if (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID) {
        const char *access = sp_words_access(m, k->in->leave_off_passcodes, a);
        if (access)
            sp_block_add(b, a, "P", &reg, lay->color_text, access, 0);
        if (m->phone)
            sp_block_add(b, a, "P", &reg, lay->color_text,
                         sp_arena_printf(a, "Dial in %s", sp_words_phone(m, a)), 0);
    }
    if (link && m->attendance != SP_ATTEND_IN_PERSON && m->attendance != SP_ATTEND_CLOSED &&
        attach_qr(k, b, link, m->name, sp_words_qr_alt(m, a), err) != 0)
        return -1;
    b->space_after = lay->para_spacing * lay->size_body;
    sp_block_measure(b, k->t, k->col_w, lay->line_spacing, a);
    return 0;
}

/* An empty day: say so kindly, and point to online meetings and (the first time)
   helplines.  Returns
   the number of blocks written to b[] (at most 1 + MAX_HELPLINES). */
static int empty_day(struct kiosk *k, const struct sp_when_day *D, bool helplines,
                     struct sp_block *b, struct sp_error *err)
{
    const struct sp_layout *lay = k->lay;
    const struct sp_settings *s = k->in->settings;
    struct sp_arena *a = &k->plan->arena;
    struct sp_font bold = font(k, lay->size_body, true), reg = font(k, lay->size_detail, false);
    const char *shown = s->short_link ? s->short_link
                        : s->org_website ? s->org_website : s->directory_url;
    const char *head, *more;
    int nb = 1;

    if (D->offset == 0)
        head = D->finished ? "No more meetings here today." : "No meetings here today.";
    else
        head = sp_arena_printf(a, "No meetings here on %s.", sp_day_name(D->wday));
    more = s->nhelplines && helplines ? "You are not alone. Online meetings run every day, and the "
                           "helplines below are there to listen."
                         : "You are not alone. Online meetings run every day.";
    sp_block_init(&b[0]);
    sp_block_add(&b[0], a, "P", &bold, lay->color_text, head, 0);
    sp_block_add(&b[0], a, "P", &reg, lay->color_text, more, 8);
    if (shown)
        sp_block_add(&b[0], a, "P", &reg, lay->color_text,
                     sp_arena_printf(a, "Find one at %s", shown), 8);
    if (s->directory_url &&
        attach_qr(k, &b[0], s->directory_url, "directory link",
                  sp_arena_printf(a, "QR code: every meeting online at %s", s->directory_url),
                  err) != 0)
        return -1;
    b[0].space_after = lay->para_spacing * lay->size_body;
    sp_block_measure(&b[0], k->t, k->col_w, lay->line_spacing, a);
    for (size_t i = 0; helplines && i < s->nhelplines && i < MAX_HELPLINES; i++, nb++) {
        const struct sp_helpline *h = &s->helplines[i];
        sp_block_init(&b[nb]);
        sp_block_add(&b[nb], a, "P", &bold, lay->color_text, h->name, 0);
        sp_block_add(&b[nb], a, "P", &reg, lay->color_text,
                     h->hours ? sp_arena_printf(a, "%s (%s)", sp_words_glue(h->phone, a),
                                                h->hours)
                              : sp_words_glue(h->phone, a), 0);
        b[nb].space_after = lay->para_spacing * lay->size_body * 0.5;
        sp_block_measure(&b[nb], k->t, k->col_w, lay->line_spacing, a);
    }
    return nb;
}

static int too_big(const struct kiosk *k, const struct sp_meeting *m, struct sp_error *err)
{
    if (!m)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "the helplines do not fit a column of layout '%s' at its sizes",
                            k->lay->name);
    return sp_error_set(err, SP_ERR_INPUT, m->file, m->line, 0,
                        "meeting '%s' does not fit a column of layout '%s' at its sizes",
                        m->name, k->lay->name);
}

static int compose_days(struct kiosk *k, struct sp_flow *f, struct sp_error *err)
{
    double full = f->bottom - f->top;
    bool helplines = true;  /* listed once, on the first empty day */

    for (int d = 0; d < k->when.ndays; d++) {
        const struct sp_when_day *D = &k->when.days[d];
        struct sp_block hb, blocks[1 + MAX_HELPLINES], mb;
        bool badge = false;

        day_heading(k, D, false, &hb);
        if (D->n == 0) {
            int nb = empty_day(k, D, helplines, blocks, err);
            if (nb < 0)
                return -1;
            helplines = false;
            if (hb.height + hb.space_after + blocks[0].height > full)
                return too_big(k, NULL, err);
            if (hb.height + hb.space_after + blocks[0].height > sp_flow_room(f) &&
                !sp_flow_at_top(f))
                sp_flow_next_column(f);
            put(k, f, &hb, false);
            for (int i = 0; i < nb; i++) {
                if (blocks[i].height > full)
                    return too_big(k, NULL, err);
                put(k, f, &blocks[i], false);
            }
            continue;
        }
        for (size_t i = D->first; i < D->first + D->n; i++) {
            const struct sp_when_entry *e = &k->when.v[i];

            if (meeting_block(k, e, &mb, &badge, err) != 0)
                return -1;
            if (mb.height > full)
                return too_big(k, e->m, err);
            /* a heading stays with its first meeting; a day that goes on in a new column
               gets "(continued)" - unless a meeting is too tall to share a column */
            if (i == D->first) {
                if (hb.height + hb.space_after + mb.height > sp_flow_room(f) &&
                    !sp_flow_at_top(f))
                    sp_flow_next_column(f);
                put(k, f, &hb, false);
            } else if (mb.height > sp_flow_room(f)) {
                struct sp_block cb;
                sp_flow_next_column(f);
                day_heading(k, D, true, &cb);
                if (cb.height + cb.space_after + mb.height <= full)
                    put(k, f, &cb, false);
            }
            put(k, f, &mb, badge);
        }
    }
    return 0;
}

/* "1 of 3" at the top right of every slide, when there is more than one. */
static void number_slides(struct kiosk *k)
{
    const struct sp_layout *lay = k->lay;
    struct sp_plan *plan = k->plan;
    struct sp_font f = font(k, lay->size_body, true);
    const struct sp_line *h1 = &k->header.paras[0].lines[0];
    double lh, base;

    sp_text_metrics(k->t, &f, &lh, &base);
    for (size_t i = 0; i < plan->npages; i++) {
        struct sp_page *pg = &plan->pages[i];
        struct sp_item it = { 0 };

        pg->label = sp_arena_printf(&plan->arena, "%zu of %zu", i + 1, plan->npages);
        if (plan->npages < 2)
            continue;
        it.kind = SP_ITEM_TEXT;
        it.text = pg->label;
        it.font = f;
        it.rgb = lay->color_text;
        it.w = sp_text_width(k->t, &f, it.text);
        it.h = lh;
        it.baseline = base;
        it.x = lay->width - lay->margin_right - it.w;
        it.y = lay->margin_top + h1->baseline - base;  /* on the headline's baseline */
        /* reading order: after the body, before the end of the document */
        if (i + 1 == plan->npages && pg->n && pg->items[pg->n - 1].kind == SP_ITEM_TAG_END) {
            pg->n--;
            sp_plan_tag(plan, pg, true, "P", NULL, NULL);
            sp_plan_add(plan, pg, &it);
            sp_plan_tag(plan, pg, false, "P", NULL, NULL);
            sp_plan_tag(plan, pg, false, "Document", NULL, NULL);
        } else {
            sp_plan_tag(plan, pg, true, "P", NULL, NULL);
            sp_plan_add(plan, pg, &it);
            sp_plan_tag(plan, pg, false, "P", NULL, NULL);
        }
    }
}

int sp_compose_kiosk(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    struct kiosk k = { 0 };
    struct sp_flow f = { 0 };
    const char *view = in->view ? in->view : "today";
    int rc;

    if (lay->kind != SP_LAYOUT_KIOSK)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "layout '%s' is not a screen layout (kind = kiosk)", lay->name);
    if (sp_when_select(in->meetings, in->n, in->at, view, &k.when, err) != 0)
        return -1;
    sp_plan_release(plan);
    sp_plan_init(plan, lay->width, lay->height);
    k.in = in;
    k.lay = lay;
    k.t = t;
    k.plan = plan;
    k.family = sp_text_family_for(NULL);
    k.content_w = lay->width - lay->margin_left - lay->margin_right;
    k.col_w = floor((k.content_w - (lay->columns - 1) * lay->column_gap) / lay->columns);
    k.title = in->headline ? in->headline
              : !strcmp(view, "week") ? "Meetings this week" : "Meetings today and tomorrow";
    build_header(&k);
    build_footer(&k);

    f.plan = plan;
    f.ncols = lay->columns;
    f.col_gap = lay->column_gap;
    f.col_w = k.col_w;
    f.x0 = lay->margin_left;
    f.line_spacing = lay->line_spacing;
    f.new_page = new_page;
    f.end_page = end_page;
    f.ctx = &k;
    sp_flow_start(&f);
    rc = compose_days(&k, &f, err);
    if (rc == 0) {
        sp_flow_finish(&f);
        sp_plan_tag(plan, f.page, false, "Document", NULL, NULL);
        number_slides(&k);
        plan->title = sp_arena_printf(&plan->arena, "%s%s%s", k.title,
                                      in->settings->area ? ": " : "",
                                      in->settings->area ? in->settings->area : "");
        plan->author = in->settings->org_name;
        plan->subject = sp_arena_printf(&plan->arena, "Mutual-aid meetings, %s",
                                        in->settings->area ? in->settings->area : "screen");
        plan->lang = in->settings->lang ? in->settings->lang : "en-GB";
    }
    sp_when_list_release(&k.when);
    return rc;
}
