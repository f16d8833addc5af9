/*
 * leaflet.c - A4/A5 leaflets, A5 booklets (in reading order; impose.c makes the sheets)
 * and DL tri-folds (six panel pages in reading order).
 *
 * Reading order: cover (title, area, date printed, directory QR) -> contents -> about
 * meetings -> meeting types used -> the meetings, grouped day -> region (default),
 * region -> day or by time, with an "Every day" group first -> online meetings (with
 * --online-section) -> notes pages (booklets, --pages) -> helplines and contact.  Pages
 * after the cover carry a running header ("Tuesday — Cardiff") and "Page 3 of 8", both
 * in body size, filled in once the page count is known.  Sizes never go below the
 * layout's floor; --pages picks the largest body size >= the floor that fits.
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "flow.h"
#include "impose.h"
#include "qr.h"
#include "words.h"

#define EVERY_DAY 7            /* day value of the "Every day" group */
#define EM_DASH "\xE2\x80\x94"
#define ELLIPSIS "\xE2\x80\xA6"

enum group_by { GROUP_DAY, GROUP_REGION, GROUP_TIME };

/* One (group, meeting) entry in reading order. */
struct lentry {
    const struct sp_meeting *m;
    int day;                   /* 0 = Sunday .. 6, or EVERY_DAY */
    int rank;                  /* day's place in the week from the start day; -1 every day */
    const char *region;        /* never NULL */
    bool online;               /* in the online section */
};

struct sizes {
    double headline, subtitle, heading, sub, body, detail, footer;
};

struct pageinfo {
    long hdr;                  /* index of the running-header text item, -1 = none */
    long num;                  /* index of the "Page N of M" text item, -1 = none */
    const char *label;         /* what the running header says */
};

/* A contents line whose page number is filled in at the end. */
struct toc_line {
    size_t page, item;         /* where the line's last text item is */
    size_t target;             /* index into lf->toc_page */
};

struct leaflet {
    const struct sp_compose_in *in;
    const struct sp_layout *lay;
    struct sp_text *t;
    struct sp_plan *plan;
    enum group_by by;
    bool trifold, booklet;
    const char *family;
    struct sizes sz;
    double page_w, page_h, content_w, qr_min;
    double line_h;             /* one body-size bold line */
    struct lentry *e;
    size_t ne;
    struct pageinfo *pi;
    size_t npi;
    const char *label;         /* current running-header text */
    struct toc_line *toc;
    size_t ntoc;
    size_t toc_page[256];       /* page of each contents target */
    size_t ntargets;
    int notes_pages;           /* notes pages to add before the back page */
};

static struct sp_font font(const struct leaflet *lf, double size, bool bold)
{
    struct sp_font f = { lf->family, size, bold, NULL };
    return f;
}

static double snap(double v, double floor_pt)
{
    v = round(v * 2) / 2;
    return v < floor_pt ? floor_pt : v;
}

static void set_sizes(struct leaflet *lf, double body)
{
    const struct sp_layout *L = lf->lay;
    double s = body / L->size_body, fl = L->floor_body;

    lf->sz.body = snap(body, fl);
    lf->sz.headline = snap(L->size_headline * s, fl);
    lf->sz.subtitle = snap(L->size_subtitle * s, fl);
    lf->sz.heading = snap(L->size_heading * s, fl);
    lf->sz.detail = snap(L->size_detail * s, fl);
    lf->sz.footer = snap(L->size_footer * s, fl);
    lf->sz.sub = snap((lf->sz.heading + lf->sz.body) / 2, fl);
}

/* ---- entries ---- */

static gint cmp_lentry(gconstpointer a, gconstpointer b, gpointer ctx)
{
    const struct lentry *x = a, *y = b;
    enum group_by by = *(const enum group_by *)ctx;
    int c;

    if (x->online != y->online)
        return x->online ? 1 : -1;
    if (by == GROUP_REGION && !x->online) {
        c = g_ascii_strcasecmp(x->region, y->region);
        if (!c)
            c = strcmp(x->region, y->region);
        if (c)
            return c;
    }
    if (x->rank != y->rank)
        return x->rank - y->rank;
    if (by == GROUP_DAY && !x->online) {
        c = g_ascii_strcasecmp(x->region, y->region);
        if (!c)
            c = strcmp(x->region, y->region);
        if (c)
            return c;
    }
    if (x->m->start_min != y->m->start_min)
        return x->m->start_min - y->m->start_min;
    c = strcmp(x->m->name, y->m->name);
    if (c)
        return c;
    return x->m->index < y->m->index ? -1 : x->m->index > y->m->index;
}

static void build_entries(struct leaflet *lf)
{
    const struct sp_compose_in *in = lf->in;
    int start = in->start_day >= 0 ? in->start_day : 1;
    size_t n = 0, k = 0;

    for (size_t i = 0; i < in->n; i++)
        n += (in->meetings[i]->days & SP_ALL_DAYS) == SP_ALL_DAYS
             ? 1 : (size_t)__builtin_popcount(in->meetings[i]->days & SP_ALL_DAYS);
    lf->e = xmalloc((n ? n : 1) * sizeof *lf->e);
    for (size_t i = 0; i < in->n; i++) {
        const struct sp_meeting *m = in->meetings[i];
        struct lentry base = { m, 0, 0, NULL, false };

        base.online = in->online_section && m->attendance == SP_ATTEND_ONLINE;
        base.region = m->region ? m->region
                      : m->attendance == SP_ATTEND_ONLINE ? "Online"
                      : m->town ? m->town : "Other areas";
        if ((m->days & SP_ALL_DAYS) == SP_ALL_DAYS) {
            base.day = EVERY_DAY;
            base.rank = -1;
            lf->e[k++] = base;
            continue;
        }
        for (int d = 0; d < 7; d++)
            if (m->days & SP_DAY_BIT(d)) {
                base.day = d;
                base.rank = (d - start + 7) % 7;
                lf->e[k++] = base;
            }
    }
    lf->ne = k;
    g_qsort_with_data(lf->e, (gint)k, sizeof *lf->e, cmp_lentry, &lf->by);
}

static const char *day_label(int day)
{
    return day == EVERY_DAY ? "Every day" : sp_day_name(day);
}

/* The level-1 and level-2 group names of an entry (l2 NULL when there is none). */
static void group_names(const struct leaflet *lf, const struct lentry *e, const char **l1,
                        const char **l2)
{
    if (e->online) {
        *l1 = "Online meetings";
        *l2 = day_label(e->day);
    } else if (lf->by == GROUP_REGION) {
        *l1 = e->region;
        *l2 = day_label(e->day);
    } else if (lf->by == GROUP_DAY) {
        *l1 = day_label(e->day);
        *l2 = e->region;
    } else {
        *l1 = day_label(e->day);
        *l2 = NULL;
    }
}

/* ---- pages ---- */

static void add_rule(struct leaflet *lf, struct sp_page *page, double x, double y, double w)
{
    sp_plan_rule(lf->plan, page, x, y, w, 0, SP_MM(0.6), 0, lf->lay->color_heading);
}

/* One tagged line of text at (x, y); returns the index of its TEXT item. */
static long add_line(struct leaflet *lf, struct sp_page *page, const struct sp_font *f,
                     uint32_t rgb, const char *text, double x, double y)
{
    struct sp_item it = { 0 };
    double h, base;
    long idx;

    sp_text_metrics(lf->t, f, &h, &base);
    sp_plan_tag(lf->plan, page, true, "P", NULL, NULL);
    it.kind = SP_ITEM_TEXT;
    it.x = x;
    it.y = y;
    it.w = sp_text_width(lf->t, f, text);
    it.h = h;
    it.baseline = base;
    it.text = sp_plan_str(lf->plan, text);
    it.font = *f;
    it.rgb = rgb;
    sp_plan_add(lf->plan, page, &it);
    idx = (long)page->n - 1;
    sp_plan_tag(lf->plan, page, false, "P", NULL, NULL);
    return idx;
}

static bool numbered(const struct leaflet *lf, size_t pageno)
{
    return !lf->trifold && pageno > 0;
}

static void new_page(struct sp_flow *f, void *ctx)
{
    struct leaflet *lf = ctx;
    const struct sp_layout *L = lf->lay;
    struct pageinfo *pi;
    lf->pi = xrealloc(lf->pi, (lf->npi + 1) * sizeof *lf->pi);
    pi = &lf->pi[lf->npi++];
    pi->hdr = pi->num = -1;
    pi->label = NULL;
    if (f->pageno == 0)
        sp_plan_tag(lf->plan, f->page, true, "Document", NULL, NULL);
    f->top = L->margin_top;
    f->bottom = lf->page_h - L->margin_bottom;
    if (numbered(lf, f->pageno)) {
        struct sp_font hf = font(lf, lf->sz.body, true);
        pi->hdr = add_line(lf, f->page, &hf, L->color_heading, "-", L->margin_left,
                           L->margin_top);
        add_rule(lf, f->page, L->margin_left, L->margin_top + lf->line_h + SP_MM(1.5),
                 lf->content_w);
        f->top = L->margin_top + lf->line_h + SP_MM(6);
        f->bottom = lf->page_h - L->margin_bottom - lf->line_h - SP_MM(4);
    }
}

static void end_page(struct sp_flow *f, void *ctx)
{
    struct leaflet *lf = ctx;
    struct sp_font nf = font(lf, lf->sz.body, false);

    if (numbered(lf, f->pageno))
        lf->pi[f->pageno].num = add_line(lf, f->page, &nf, lf->lay->color_text,
                                         "Page 999 of 999", lf->lay->margin_left,
                                         lf->page_h - lf->lay->margin_bottom - lf->line_h);
}

/* Start a new page unless the flow is already at the top of an empty page. */
static void fresh_page(struct sp_flow *f)
{
    if (f->col == 0 && sp_flow_at_top(f) && f->pageno > 0)
        return;
    do
        sp_flow_next_column(f);
    while (f->col != 0);
}

/* Place blocks together (kept on one page); returns 0 or -1 when they cannot fit at all. */
static int place_together(struct leaflet *lf, struct sp_flow *f, struct sp_block **b, size_t n,
                          double *first_y)
{
    double need = 0;

    for (size_t i = 0; i < n; i++) {
        if (!b[i])
            return -1;  /* never: callers pass n measured blocks */
        need += b[i]->height + (i + 1 < n ? b[i]->space_after : 0);
    }
    if (need > f->bottom - f->top + 0.001)
        return -1;
    if (need > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f))
        sp_flow_next_column(f);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 && first_y)
            *first_y = f->y;
        sp_flow_place(f, b[i], 0);
    }
    if (!lf->pi[f->pageno].label)
        lf->pi[f->pageno].label = lf->label;
    return 0;
}

static void measure(struct leaflet *lf, struct sp_block *b)
{
    sp_block_measure(b, lf->t, lf->content_w, lf->lay->line_spacing, &lf->plan->arena);
}

static void heading(struct leaflet *lf, struct sp_block *b, const char *tag, double size,
                    const char *text)
{
    struct sp_font f = font(lf, size, true);
    struct sp_para *p;

    sp_block_init(b);
    p = sp_block_add(b, &lf->plan->arena, tag, &f, lf->lay->color_heading, text, 0);
    p->spacing = 1.0;
    b->space_after = lf->sz.body * 0.35;
    measure(lf, b);
}

static void para(struct leaflet *lf, struct sp_block *b, const char *text, bool bold,
                 double size)
{
    struct sp_font f = font(lf, size, bold);

    f.lang = sp_text_guess_lang(text);
    if (f.lang)
        f.family = sp_text_family_for(f.lang);
    sp_block_add(b, &lf->plan->arena, "P", &f, lf->lay->color_text, text, 0);
}

/* A QR code alone (left-aligned) for a block of its own. */
static int qr_block(struct leaflet *lf, struct sp_block *b, const char *url, const char *about,
                    const char *alt, struct sp_error *err)
{
    struct sp_arena *a = &lf->plan->arena;
    struct sp_qr *qr = sp_arena_alloc(a, sizeof *qr);
    double modules;

    if (sp_qr_encode(url, lf->lay->qr_ecl, about, a, qr, err) != 0)
        return -1;
    modules = qr->n + 2.0 * qr->quiet;
    b->qr = qr;
    b->qr_size = lf->qr_min;
    if (b->qr_size < modules * SP_MM(0.5))
        b->qr_size = modules * SP_MM(0.5);
    b->qr_gap = SP_MM(4);
    b->qr_url = sp_words_attr_url(url, a);
    b->qr_alt = alt;
    return 0;
}

/* Blocks for one meeting: text with the QR code at its right, or below when the column is
   too narrow for both.  Returns the number of blocks (1 or 2), or -1 with *err. */
static int meeting_blocks(struct leaflet *lf, const struct lentry *e, struct sp_block *b,
                          struct sp_error *err)
{
    const struct sp_layout *L = lf->lay;
    const struct sp_meeting *m = e->m;
    struct sp_arena *a = &lf->plan->arena;
    const char *link = sp_words_link(m, lf->in->leave_off_passcodes);
    const char *kind = sp_words_kind(m, true, a);
    struct sp_block *text = &b[0];
    int nb = 1;

    sp_block_init(text);
    para(lf, text, sp_arena_printf(a, "%s: %s", sp_words_time_range(m->start_min, m->end_min,
                                                                    L->time_style, a),
                                   m->name), true, lf->sz.body);
    para(lf, text, sp_words_where(m, a), false, lf->sz.detail);
    if (kind)
        para(lf, text, kind, false, lf->sz.detail);
    if (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID) {
        const char *access = sp_words_access(m, lf->in->leave_off_passcodes, a);
        if (access)
            para(lf, text, access, false, lf->sz.detail);
        if (m->phone)
            para(lf, text, sp_arena_printf(a, "Dial in %s", sp_words_phone(m, a)), false,
                 lf->sz.detail);
    }
    if (m->notes)
        para(lf, text, sp_words_glue_numbers(m->notes, a), false, lf->sz.detail);
    text->space_after = L->para_spacing * lf->sz.body;
    if (link && m->attendance != SP_ATTEND_IN_PERSON && m->attendance != SP_ATTEND_CLOSED) {
        struct sp_block q;
        const char *alt = sp_words_qr_alt(m, a);

        sp_block_init(&q);
        if (qr_block(lf, &q, link, m->name, alt, err) != 0)
            return -1;
        if (lf->content_w - q.qr_size - q.qr_gap >= SP_MM(60)) {
            text->qr = q.qr;
            text->qr_size = q.qr_size;
            text->qr_gap = q.qr_gap;
            text->qr_url = q.qr_url;
            text->qr_alt = q.qr_alt;
        } else {
            /* narrow panel: the code goes under the text, at the left */
            text->space_after = lf->sz.body * 0.25;
            b[1] = q;
            b[1].space_after = L->para_spacing * lf->sz.body;
            sp_block_measure(&b[1], lf->t, b[1].qr_size, L->line_spacing, a);
            nb = 2;
        }
    }
    measure(lf, text);
    return nb;
}

/* ---- front and back matter ---- */

static const char *area_of(const struct leaflet *lf)
{
    return lf->in->part_name ? lf->in->part_name : lf->in->settings->area;
}

static int cover(struct leaflet *lf, struct sp_flow *f, struct sp_error *err)
{
    const struct sp_settings *s = lf->in->settings;
    struct sp_arena *a = &lf->plan->arena;
    struct sp_block title, more, qr, org;
    struct sp_block *v[1];
    struct sp_font ft;
    struct sp_para *p;
    const char *area = area_of(lf);

    lf->label = "Cover";
    sp_block_init(&title);
    ft = font(lf, lf->sz.headline, true);
    p = sp_block_add(&title, a, "H1", &ft, lf->lay->color_heading,
                     lf->in->headline ? lf->in->headline : s->headline, 0);
    p->spacing = 1.0;
    if (area) {
        ft = font(lf, lf->sz.subtitle, true);
        sp_block_add(&title, a, "P", &ft, lf->lay->color_text, area, lf->sz.body * 0.4);
    }
    ft = font(lf, lf->sz.subtitle, false);
    sp_block_add(&title, a, "P", &ft, lf->lay->color_text, sp_words_subtitle(lf->in),
                 lf->sz.body * 0.4);
    title.space_after = lf->sz.body;
    measure(lf, &title);

    sp_block_init(&more);
    para(lf, &more, sp_arena_printf(a, "List printed on %s" SP_NBSP EM_DASH " check before you "
                                    "travel", sp_words_date(lf->in->date, a)), true,
         lf->sz.body);
    if (s->directory_url) {
        const char *shown = s->short_link ? s->short_link
                            : s->org_website ? s->org_website : s->directory_url;
        para(lf, &more, sp_arena_printf(a, "Every meeting, always up to date: %s", shown),
             false, lf->sz.body);
    }
    more.space_after = lf->sz.body * 0.5;
    measure(lf, &more);

    v[0] = &title;
    place_together(lf, f, v, 1, NULL);
    v[0] = &more;
    place_together(lf, f, v, 1, NULL);
    if (s->directory_url) {
        sp_block_init(&qr);
        if (qr_block(lf, &qr, s->directory_url, "directory link",
                     sp_arena_printf(a, "QR code: every meeting online at %s",
                                     s->directory_url), err) != 0)
            return -1;
        qr.space_after = lf->sz.body;
        sp_block_measure(&qr, lf->t, qr.qr_size, lf->lay->line_spacing, a);
        v[0] = &qr;
        place_together(lf, f, v, 1, NULL);
    }
    if (s->org_name && *s->org_name) {
        sp_block_init(&org);
        para(lf, &org, sp_arena_printf(a, "From %s", s->org_name), false, lf->sz.body);
        measure(lf, &org);
        v[0] = &org;
        place_together(lf, f, v, 1, NULL);
    }
    return 0;
}

/* A section heading (H2) with its first block kept with it; adds a bookmark. */
static void section(struct leaflet *lf, struct sp_flow *f, const char *title,
                    struct sp_block *first)
{
    struct sp_block h;
    struct sp_block *v[2];
    double y = 0;

    heading(lf, &h, "H2", lf->sz.heading, title);
    v[0] = &h;
    v[1] = first;
    lf->label = title;
    place_together(lf, f, v, first ? 2 : 1, &y);
    sp_plan_add_outline(lf->plan, -1, title, (int)f->pageno, y);
}

static void intro(struct leaflet *lf, struct sp_flow *f)
{
    const char *text = lf->in->settings->intro;
    gchar **paras;
    bool first = true;

    if (!text || !*text)
        return;
    paras = g_strsplit(text, "\n", -1);
    for (gchar **p = paras; *p; p++) {
        struct sp_block b;
        struct sp_block *v[1] = { &b };

        if (!**p)
            continue;
        sp_block_init(&b);
        para(lf, &b, *p, false, lf->sz.body);
        b.space_after = lf->sz.body * 0.5;
        measure(lf, &b);
        if (first)
            section(lf, f, "About meetings", &b);
        else
            place_together(lf, f, v, 1, NULL);
        first = false;
    }
    g_strfreev(paras);
}

/* One legend line per type code used, with each fellowship's label where they differ. */
static void legend(struct leaflet *lf, struct sp_flow *f)
{
    GPtrArray *codes = g_ptr_array_new();
    struct sp_arena *a = &lf->plan->arena;
    bool first = true;

    for (size_t i = 0; i < lf->in->n; i++) {
        const struct sp_meeting *m = lf->in->meetings[i];
        for (size_t k = 0; k < m->ntypes; k++) {
            const char *c = m->types[k].code;
            bool seen = false;
            if (!strcmp(c, "ONL") || !strcmp(c, "TC") || !strcmp(c, "HY"))
                continue;
            for (guint j = 0; j < codes->len && !seen; j++)
                seen = !strcmp(codes->pdata[j], c);
            if (!seen)
                g_ptr_array_add(codes, (gpointer)c);
        }
    }
    /* by code (insertion sort: a handful of codes) */
    for (guint i = 1; i < codes->len; i++)
        for (guint j = i; j > 0 && strcmp(codes->pdata[j - 1], codes->pdata[j]) > 0; j--) {
            gpointer tmp = codes->pdata[j];
            codes->pdata[j] = codes->pdata[j - 1];
            codes->pdata[j - 1] = tmp;
        }
    for (guint j = 0; j < codes->len; j++) {
        const char *code = codes->pdata[j];
        GString *line = g_string_new(NULL);
        /* distinct labels, each with the fellowships using it */
        const char *labels[16], *fells[16][8];
        size_t nl = 0, nf[16] = { 0 };
        struct sp_block b;

        for (size_t i = 0; i < lf->in->n; i++) {
            const struct sp_meeting *m = lf->in->meetings[i];
            for (size_t k = 0; k < m->ntypes; k++) {
                const char *lab;
                size_t li, fi;
                if (strcmp(m->types[k].code, code))
                    continue;
                lab = sp_words_type_label(m, &m->types[k]);
                for (li = 0; li < nl && strcmp(labels[li], lab); li++)
                    ;
                if (li == nl) {
                    if (nl == 16)
                        continue;
                    labels[nl++] = lab;
                }
                if (!m->fellowship)
                    continue;
                for (fi = 0; fi < nf[li] && strcmp(fells[li][fi], m->fellowship); fi++)
                    ;
                if (fi == nf[li] && nf[li] < 8)
                    fells[li][nf[li]++] = m->fellowship;
            }
        }
        g_string_append_printf(line, "%s" SP_NBSP EM_DASH " ", code);
        for (size_t li = 0; li < nl; li++) {
            g_string_append_printf(line, "%s%s", li ? "; " : "", labels[li]);
            if (nl > 1) {
                g_string_append(line, " (");
                for (size_t fi = 0; fi < nf[li]; fi++)
                    g_string_append_printf(line, "%s%s", fi ? ", " : "", fells[li][fi]);
                g_string_append(line, ")");
            }
        }
        sp_block_init(&b);
        para(lf, &b, line->str, false, lf->sz.body);
        g_string_free(line, TRUE);
        b.space_after = lf->sz.body * 0.2;
        measure(lf, &b);
        if (first) {
            section(lf, f, "Meeting types in this list", &b);
        } else {
            struct sp_block *v[1] = { &b };
            place_together(lf, f, v, 1, NULL);
        }
        first = false;
    }
    g_ptr_array_free(codes, TRUE);
    (void)a;
}

/* The top-level groups, in order, for the contents list. */
static size_t toc_targets(struct leaflet *lf, const char **names, size_t max)
{
    size_t n = 0;
    const char *prev = NULL;

    for (size_t i = 0; i < lf->ne && n + 1 < max; i++) {
        const char *l1, *l2;
        group_names(lf, &lf->e[i], &l1, &l2);
        if (!prev || strcmp(prev, l1))
            names[n++] = prev = l1;
    }
    names[n++] = "Helplines and contact";
    return n;
}

static void contents(struct leaflet *lf, struct sp_flow *f, const char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct sp_block b;
        struct sp_page *pg;

        sp_block_init(&b);
        para(lf, &b, sp_arena_printf(&lf->plan->arena, "%s:" SP_NBSP "page" SP_NBSP "999",
                                     names[i]), false, lf->sz.body);
        b.space_after = lf->sz.body * 0.15;
        measure(lf, &b);
        if (i == 0) {
            section(lf, f, "Contents", &b);
        } else {
            struct sp_block *v[1] = { &b };
            place_together(lf, f, v, 1, NULL);
        }
        pg = f->page;
        lf->toc = xrealloc(lf->toc, (lf->ntoc + 1) * sizeof *lf->toc);
        lf->toc[lf->ntoc].page = f->pageno;
        lf->toc[lf->ntoc].item = pg->n - 2;  /* the last text line, before its P end tag */
        lf->toc[lf->ntoc].target = i;
        lf->ntoc++;
    }
}

static void back_matter_blocks(struct leaflet *lf, GArray *blocks)
{
    const struct sp_settings *s = lf->in->settings;
    struct sp_arena *a = &lf->plan->arena;
    struct sp_block b;

    for (size_t i = 0; i < s->nhelplines; i++) {
        const struct sp_helpline *h = &s->helplines[i];
        sp_block_init(&b);
        para(lf, &b, h->name, true, lf->sz.body);
        para(lf, &b, sp_words_glue(h->phone, a), false, lf->sz.body);
        if (h->hours)
            para(lf, &b, h->hours, false, lf->sz.body);
        b.space_after = lf->lay->para_spacing * lf->sz.body;
        measure(lf, &b);
        g_array_append_val(blocks, b);
    }
    sp_block_init(&b);
    if (s->org_name && *s->org_name)
        para(lf, &b, sp_arena_printf(a, "This list is from %s", s->org_name), true,
             lf->sz.body);
    if (s->org_phone)
        para(lf, &b, sp_arena_printf(a, "Phone %s", sp_words_glue(s->org_phone, a)), false,
             lf->sz.body);
    if (s->org_email)
        para(lf, &b, sp_arena_printf(a, "Email %s", s->org_email), false, lf->sz.body);
    if (s->org_website)
        para(lf, &b, sp_arena_printf(a, "Website %s", s->org_website), false, lf->sz.body);
    para(lf, &b, sp_arena_printf(a, "List printed on %s", sp_words_date(lf->in->date, a)),
         false, lf->sz.body);
    b.space_after = 0;
    measure(lf, &b);
    g_array_append_val(blocks, b);
}

static void back_matter(struct leaflet *lf, struct sp_flow *f, GArray *blocks)
{
    for (guint i = 0; i < blocks->len; i++) {
        struct sp_block *b = &g_array_index(blocks, struct sp_block, i);
        struct sp_block *v[1] = { b };
        if (i == 0)
            section(lf, f, lf->in->settings->nhelplines ? "Helplines and contact" : "Contact",
                    b);
        else
            place_together(lf, f, v, 1, NULL);
    }
}

static void notes_page(struct leaflet *lf, struct sp_flow *f)
{
    struct sp_block h;
    struct sp_block *v[1] = { &h };

    fresh_page(f);
    lf->label = "Notes";
    heading(lf, &h, "H2", lf->sz.heading, "Notes");
    place_together(lf, f, v, 1, NULL);
    for (double y = f->y + lf->line_h * 1.6; y < f->bottom; y += lf->line_h * 1.6)
        sp_plan_rule(lf->plan, f->page, lf->lay->margin_left, y, lf->content_w, 0, 0.5, 0,
                     0x767676);
    f->y = f->bottom;
}

/* ---- the meetings ---- */

static int list(struct leaflet *lf, struct sp_flow *f, size_t *group_idx,
                struct sp_error *err)
{
    const char *prev1 = NULL, *prev2 = NULL;
    int out1 = -1;

    for (size_t i = 0; i < lf->ne; i++) {
        struct sp_block mb[2], h1, h2, *v[4];
        const char *l1, *l2;
        size_t nv = 0;
        int nb = meeting_blocks(lf, &lf->e[i], mb, err);
        bool new1, new2;
        double y = 0;
        size_t pageno;

        if (nb < 0)
            return -1;
        group_names(lf, &lf->e[i], &l1, &l2);
        new1 = !prev1 || strcmp(prev1, l1);
        new2 = l2 && (new1 || !prev2 || strcmp(prev2, l2));
        if (new1) {
            heading(lf, &h1, "H2", lf->sz.heading, l1);
            v[nv++] = &h1;
        }
        if (new2) {
            heading(lf, &h2, "H3", lf->sz.sub, l2);
            v[nv++] = &h2;
        }
        lf->label = l2 ? sp_arena_printf(&lf->plan->arena, "%s" SP_NBSP EM_DASH " %s", l1, l2)
                       : l1;
        /* a group that goes on over a page (or column) gets its heading again */
        if (!new1 && !new2) {
            double need = mb[0].height + (nb > 1 ? mb[0].space_after + mb[1].height : 0);
            if (need > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f)) {
                sp_flow_next_column(f);
                heading(lf, &h2, l2 ? "H3" : "H2", l2 ? lf->sz.sub : lf->sz.heading,
                        sp_arena_printf(&lf->plan->arena, "%s (continued)", l2 ? l2 : l1));
                v[nv++] = &h2;
            }
        }
        for (int k = 0; k < nb; k++)
            v[nv++] = &mb[k];
        pageno = f->pageno;
        if (place_together(lf, f, v, nv, &y) != 0)
            return sp_error_set(err, SP_ERR_INPUT, lf->e[i].m->file, lf->e[i].m->line, 0,
                                "meeting '%s' does not fit a page of layout '%s' at %g pt",
                                lf->e[i].m->name, lf->lay->name, lf->sz.body);
        (void)pageno;
        if (new1) {
            out1 = sp_plan_add_outline(lf->plan, -1, l1, (int)f->pageno, y);
            if (*group_idx < G_N_ELEMENTS(lf->toc_page))
                lf->toc_page[(*group_idx)++] = f->pageno;
        }
        if (new2)
            sp_plan_add_outline(lf->plan, out1, l2, (int)f->pageno,
                                new1 ? y + h1.height + h1.space_after : y);
        prev1 = l1;
        prev2 = l2;
    }
    return 0;
}

/* ---- one composition at one body size ---- */

static void reset(struct leaflet *lf)
{
    sp_plan_release(lf->plan);
    sp_plan_init(lf->plan, lf->page_w, lf->page_h);
    free(lf->pi);
    lf->pi = NULL;
    lf->npi = 0;
    free(lf->toc);
    lf->toc = NULL;
    lf->ntoc = 0;
    lf->ntargets = 0;
}

static void flow_init(struct leaflet *lf, struct sp_flow *f)
{
    memset(f, 0, sizeof *f);
    f->plan = lf->plan;
    f->ncols = 1;
    f->col_w = lf->content_w;
    f->x0 = lf->lay->margin_left;
    f->line_spacing = lf->lay->line_spacing;
    f->new_page = new_page;
    f->end_page = end_page;
    f->ctx = lf;
}

static int compose_trifold(struct leaflet *lf, struct sp_error *err)
{
    struct sp_flow f;
    size_t gi = 0;
    GArray *back = g_array_new(FALSE, FALSE, sizeof(struct sp_block));
    int rc = 0;

    reset(lf);
    flow_init(lf, &f);
    sp_flow_start(&f);
    if (cover(lf, &f, err) != 0)
        rc = -1;
    if (rc == 0) {
        fresh_page(&f);  /* the tuck-in panel: what a meeting is */
        intro(lf, &f);
        if (f.pageno > SP_PANEL_TUCK_IN)
            rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                              "the introduction does not fit the tuck-in panel of a tri-fold "
                              "at %g pt; use --layout booklet-a5 (or a shorter 'intro')",
                              lf->sz.body);
    }
    if (rc == 0) {
        fresh_page(&f);
        if (list(lf, &f, &gi, err) != 0)
            rc = -1;
        else
            legend(lf, &f);  /* after the meetings: the types are spelled out in them */
        if (rc == 0 && f.pageno > SP_PANEL_INSIDE_3)
            rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                              "%zu meetings do not fit the 3 inside panels of a tri-fold at "
                              "%g pt (they need %zu); use --layout booklet-a5, or choose "
                              "fewer meetings", lf->in->n, lf->sz.body,
                              f.pageno - SP_PANEL_INSIDE_1 + 1);
    }
    if (rc == 0) {
        while (f.pageno < SP_PANEL_BACK)
            sp_flow_next_column(&f);
        back_matter_blocks(lf, back);
        back_matter(lf, &f, back);
        if (f.pageno > SP_PANEL_BACK)
            rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                              "the helplines and contact details do not fit the back panel "
                              "of a tri-fold at %g pt", lf->sz.body);
    }
    g_array_free(back, TRUE);
    if (rc == 0) {
        static const char *const names[SP_PANEL_COUNT] = {
            "Front cover", "Tuck-in panel", "Inside 1", "Inside 2", "Inside 3", "Back cover"
        };
        sp_flow_finish(&f);
        sp_plan_tag(lf->plan, f.page, false, "Document", NULL, NULL);
        for (size_t i = 0; i < lf->plan->npages; i++)
            lf->plan->pages[i].label = names[i];
    }
    return rc;
}

/* Compose a leaflet or booklet; with pad_to > 0, notes pages make it exactly that long
   (when it fits).  Returns the page count, or -1 with *err. */
static long compose_list(struct leaflet *lf, size_t pad_to, struct sp_error *err)
{
    struct sp_flow f;
    const char *names[G_N_ELEMENTS(lf->toc_page)];
    size_t ntargets = toc_targets(lf, names, G_N_ELEMENTS(names)), gi = 0, pages, back_pages;
    GArray *back = g_array_new(FALSE, FALSE, sizeof(struct sp_block));
    double back_h = 0;

    reset(lf);
    flow_init(lf, &f);
    sp_flow_start(&f);
    if (cover(lf, &f, err) != 0)
        goto fail;
    fresh_page(&f);
    contents(lf, &f, names, ntargets);
    intro(lf, &f);
    legend(lf, &f);
    if (list(lf, &f, &gi, err) != 0)
        goto fail;

    /* the back page: notes pages first to reach the page count */
    back_matter_blocks(lf, back);
    for (guint i = 0; i < back->len; i++)
        back_h += g_array_index(back, struct sp_block, i).height +
                  g_array_index(back, struct sp_block, i).space_after;
    back_pages = back_h > f.bottom - f.top ? 2 : 1;
    pages = f.pageno + 1 + back_pages;
    if (pad_to == 0 && lf->booklet)
        pad_to = sp_impose_booklet_pages(pages);
    for (size_t k = pages; k < pad_to; k++)
        notes_page(lf, &f);
    fresh_page(&f);
    back_matter(lf, &f, back);
    if (gi < G_N_ELEMENTS(lf->toc_page))
        lf->toc_page[gi++] = 0;  /* fixed below: the back section */
    lf->ntargets = gi;
    sp_flow_finish(&f);
    sp_plan_tag(lf->plan, f.page, false, "Document", NULL, NULL);
    g_array_free(back, TRUE);
    return (long)lf->plan->npages;
fail:
    g_array_free(back, TRUE);
    return -1;
}

/* Fill in "Page N of M", the running headers and the contents' page numbers. */
static void finish_numbers(struct leaflet *lf)
{
    struct sp_plan *plan = lf->plan;
    struct sp_arena *a = &plan->arena;
    size_t n = plan->npages;

    for (size_t i = 0; i < n && i < lf->npi; i++) {
        struct pageinfo *pi = &lf->pi[i];
        struct sp_page *pg = &plan->pages[i];

        pg->label = i == 0 ? "Cover" : sp_arena_printf(a, "%zu", i + 1);
        if (pi->num >= 0) {
            struct sp_item *it = &pg->items[pi->num];
            it->text = sp_arena_printf(a, "Page %zu of %zu", i + 1, n);
            it->w = sp_text_width(lf->t, &it->font, it->text);
        }
        if (pi->hdr >= 0) {
            struct sp_item *it = &pg->items[pi->hdr];
            const char *label = pi->label ? pi->label : "Notes";
            char *cut = NULL;
            it->text = label;
            it->w = sp_text_width(lf->t, &it->font, it->text);
            /* a very long area name: shorten the header, never the size */
            if (it->w > lf->content_w) {
                glong len = g_utf8_strlen(label, -1);
                while (it->w > lf->content_w && len > 1) {
                    gchar *end = g_utf8_offset_to_pointer(label, --len);
                    g_free(cut);
                    cut = g_strdup_printf("%.*s" ELLIPSIS, (int)(end - label), label);
                    it->w = sp_text_width(lf->t, &it->font, cut);
                }
                it->text = sp_plan_str(plan, cut);
                g_free(cut);
            }
        }
    }
    /* the last contents target is the back page */
    if (lf->ntargets)
        lf->toc_page[lf->ntargets - 1] = n - 1;
    for (size_t k = 0; k < lf->ntoc; k++) {
        struct sp_item *it = &plan->pages[lf->toc[k].page].items[lf->toc[k].item];
        const char *p = it->kind == SP_ITEM_TEXT ? strstr(it->text, "999") : NULL;
        if (!p || lf->toc[k].target >= lf->ntargets)
            continue;
        it->text = sp_arena_printf(a, "%.*s%zu%s", (int)(p - it->text), it->text,
                                   lf->toc_page[lf->toc[k].target] + 1, p + 3);
        it->w = sp_text_width(lf->t, &it->font, it->text);
    }
}

static void metadata(struct leaflet *lf)
{
    const struct sp_compose_in *in = lf->in;
    const struct sp_settings *s = in->settings;
    struct sp_plan *plan = lf->plan;
    const char *area = area_of(lf);

    plan->title = sp_arena_printf(&plan->arena, "%s%s%s",
                                  in->headline ? in->headline : s->headline,
                                  area ? ": " : "", area ? area : "");
    plan->author = s->org_name;
    plan->subject = sp_arena_printf(&plan->arena, "Mutual-aid meetings, list printed on %s",
                                    sp_words_date(in->date, &plan->arena));
    plan->lang = s->lang ? s->lang : "en-GB";
}

static int compose_at(struct leaflet *lf, double body, size_t pad_to, long *pages,
                      struct sp_error *err)
{
    struct sp_font hf;
    double base;

    set_sizes(lf, body);
    hf = font(lf, lf->sz.body, true);
    sp_text_metrics(lf->t, &hf, &lf->line_h, &base);
    if (lf->trifold) {
        *pages = SP_PANEL_COUNT;
        return compose_trifold(lf, err);
    }
    *pages = compose_list(lf, pad_to, err);
    return *pages < 0 ? -1 : 0;
}

int sp_compose_leaflet(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                       struct sp_error *err)
{
    const struct sp_layout *L = in->layout;
    struct leaflet lf = { 0 };
    const char *by = in->group_by ? in->group_by : "day";
    long pages = 0;
    int rc = 0;

    if (in->n == 0)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "no meetings to show (check the selection options)");
    if (!strcmp(by, "day"))
        lf.by = GROUP_DAY;
    else if (!strcmp(by, "region"))
        lf.by = GROUP_REGION;
    else if (!strcmp(by, "time"))
        lf.by = GROUP_TIME;
    else
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "--group-by: expected day, region or time, got '%s'", by);
    lf.in = in;
    lf.lay = L;
    lf.t = t;
    lf.plan = plan;
    lf.trifold = L->kind == SP_LAYOUT_TRIFOLD;
    lf.booklet = L->kind == SP_LAYOUT_BOOKLET;
    lf.family = sp_text_family_for(NULL);
    lf.qr_min = L->qr_min;
    if (lf.trifold) {
        if (in->pages)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--pages: a tri-fold is always one sheet (6 panels)");
        lf.page_w = SP_TRIFOLD_WIDE;
        lf.page_h = L->height;
        lf.content_w = SP_TRIFOLD_NARROW - L->margin_left - L->margin_right;
    } else {
        if (lf.booklet && in->pages % 4)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--pages: a folded booklet has a multiple of 4 pages, got %d",
                                in->pages);
        lf.page_w = L->width;
        lf.page_h = L->height;
        lf.content_w = L->width - L->margin_left - L->margin_right;
    }
    build_entries(&lf);

    if (in->pages <= 0) {
        rc = compose_at(&lf, L->size_body, 0, &pages, err);
    } else {
        /* the largest body size >= the floor (in half points) that fits in the pages */
        double best = -1, body;
        struct sp_error e2;

        memset(&e2, 0, sizeof e2);
        for (body = L->floor_body; body <= L->size_body * 2 + 0.01; body += 1.0) {
            rc = compose_at(&lf, body, (size_t)in->pages, &pages, &e2);
            if (rc != 0 || pages > in->pages)
                break;
            best = body;
        }
        if (best < 0 && rc != 0) {
            *err = e2;
        } else if (best < 0) {
            rc = compose_at(&lf, L->floor_body, 0, &pages, err);
            if (rc == 0) {
                if (lf.booklet)
                    pages = (long)sp_impose_booklet_pages((size_t)pages);
                rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                                  "--pages %d: too few pages; at the %g pt floor of layout "
                                  "'%s' this list needs %ld pages", in->pages, L->floor_body,
                                  L->name, pages);
            }
        } else {
            rc = compose_at(&lf, best, (size_t)in->pages, &pages, err);
        }
    }
    if (rc == 0) {
        if (!lf.trifold)
            finish_numbers(&lf);
        metadata(&lf);
    }
    free(lf.e);
    free(lf.pi);
    free(lf.toc);
    return rc;
}
