/*
 * leaflet.c - A4/A5 leaflets, A5 booklets (in reading order; impose.c makes the sheets)
 * and DL tri-folds (six panel pages in reading order), in compact entries.
 *
 * Reading order: cover (title, area, the one fellowship, date printed, directory QR) ->
 * contents -> about meetings -> the meetings, grouped day -> region (default), region ->
 * day or by time, with an "Every day" group first -> online meetings (--online-section)
 * -> notes pages (booklets, --pages) -> helplines and contact.  Each group is a list (L),
 * each meeting an item: Lbl = its time, LBody = its name, then where, days, kind and how
 * to join running on as sentences, then its notes cut to three lines, and its QR code
 * (Figure inside its Link) with the text wrapping round it.  Running heads and "Page 3 of
 * 8" are page furniture (artifacts).  Sizes never go below the layout's floor; --pages
 * picks the largest body size >= the floor that fits.  A long note is cut and an entry
 * too long for a page or panel is shortened; both are reported, never fatal.
 *
 * A meeting on several (not all) days is printed in full under its first day and as a
 * one-line pointer ("Lunchtime Run: see Monday, page 3") under each other day: a reader
 * who looks up any day finds it there, at its time, and the full entry (and its one QR
 * code) is printed once.  A tri-fold lists such meetings once, first, "On several days":
 * its six panels are seen at a glance, and a pointer per day would cost a panel.
 */
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "flow.h"
#include "impose.h"
#include "lang.h"
#include "qr.h"
#include "shorten.h"
#include "tr.h"
#include "words.h"
#include "wrap.h"

#define EVERY_DAY 7            /* day value of the "Every day" ("On several days") group */
#define EM_DASH "\xE2\x80\x94"
#define ELLIPSIS SP_ELLIPSIS
/* docs/standards.md L5 (leaflets, tri-folds and cards): the QR symbol itself (without its
   quiet zone) is at least 25 mm on leaflets, booklets and tri-folds, its modules 0.7 mm
   (two pixels of a 75 dpi scan or photocopy) where the column has room, never under
   0.5 mm */
#define QR_SYMBOL_FLOOR SP_MM(25)
#define QR_MODULE_FLOOR SP_MM(0.7)
#define QR_MODULE_MIN SP_MM(0.5)   /* docs/standards.md L5: never smaller */
#define NOTE_LINES 3           /* free-text notes are cut to this many lines */

/*
 * Every fixed text these outputs print, in one place (issue 12 translates them; literals,
 * so printf formats stay checked).  No width anywhere depends on these words: everything
 * is measured.
 */
#define W_EVERY_DAY N_("Every day")
#define W_SEVERAL_DAYS N_("On several days")
#define W_ONLINE_MEETINGS N_("Online meetings")
#define W_ONLINE_REGION N_("Online")
#define W_OTHER_AREAS N_("Other areas")
#define W_PRINTED_CHECK N_("List printed on {1}\xC2\xA0\xE2\x80\x94 check before you travel")
#define W_ALWAYS N_("Every meeting, always up to date:")
#define W_DIRECTORY_ALT N_("Every meeting, always up to date: {1}")
#define W_FROM N_("From {1}")
#define W_ABOUT N_("About meetings")
#define W_CONTENTS N_("Contents")
#define W_TOC_PAGE N_("page\xC2\xA0{1}")
#define W_HELPLINES N_("Helplines and contact")
#define W_CONTACT N_("Contact")
#define W_LIST_FROM N_("This list is from {1}")
#define W_PHONE N_("Phone {1}")
#define W_PHONE_HOURS N_("{1}, {2}")      /* a helpline's number and hours */
#define W_EMAIL N_("Email {1}")
#define W_WEBSITE N_("Website {1}")
#define W_PRINTED N_("List printed on {1}")
#define W_NOTES N_("Notes")
#define W_PAGE_OF N_("Page {1} of {2}")
#define W_DIAL_IN N_("Dial in {1}")
#define W_SEE N_("{1}: see {2}")
#define W_SEE_PAGE N_("{1}: see {2}, page\xC2\xA0{3}")
#define W_MORE_AT N_(" more at {1}")
#define W_JOIN_AT N_("Join details at {1}")
#define W_CODE_OPENS N_("Code opens {1}")   /* the site a meeting's QR code opens */
#define W_COVER_LABEL N_("Cover")
static const char *const W_PANELS[SP_PANEL_COUNT] = {
    N_("Front cover"), N_("Tuck-in panel"), N_("Inside 1"), N_("Inside 2"), N_("Inside 3"),
    N_("Back cover")
};

/* A fixed word, and a sentence with its values, in the output language(s) (tr.h). */
#define T(lf, w) sp_say(&(lf)->plan->arena, (w), NULL, NULL, NULL)
#define SAY(lf, w, x, y) sp_say(&(lf)->plan->arena, (w), (x), (y), NULL)

enum group_by { GROUP_DAY, GROUP_REGION, GROUP_TIME };

/* One (group, row) entry in reading order: the full entry, or a pointer to it. */
struct lentry {
    uint32_t row;              /* index into leaflet.rows */
    int8_t day;                /* 0 = Sunday .. 6, or EVERY_DAY */
    int8_t rank;               /* day's place in the week from the start day; -1 every day */
    bool online;               /* in the online section */
    bool pointer;              /* a line pointing to the full entry under the row's first day */
    const char *region;        /* never NULL */
};                             /* 16 bytes: a leaflet of 200,000 meetings has 330,000 */

/* One run of text in a list item: the time (Lbl), the name, where, what kind, notes... */
struct seg {
    const char *tag;           /* "Lbl" or "P" */
    struct sp_font font;
    const char *text;
    bool run_in;               /* goes on from the end of the line before, when it fits */
    /* measured */
    struct sp_line *lines;
    double *ly;                /* top of each line's row, from the item's top */
    int n;
    double x0;                 /* x offset of the first line (run in), 0 otherwise */
};

#define MAX_SEGS 8

/* One measured list item: segments (LI > Lbl, LBody > P...) and its QR code. */
struct entry {
    struct seg s[MAX_SEGS];
    int ns;
    int notes;                 /* index of the notes segment, or -1 */
    const struct sp_qr *qr;    /* or NULL */
    double qr_size, qr_gap;
    bool qr_below;             /* under the text (narrow column), else beside it at the right */
    const char *qr_url, *qr_alt;
    double width, text_w, text_h, height, space_after;
};

struct sizes {
    double headline, subtitle, heading, body, detail, footer;
};

struct pageinfo {
    long hdr;                  /* index of the running-head text item, -1 = none */
    long num;                  /* index of the "Page N of M" text item, -1 = none */
    const char *label;         /* what the running head says */
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
    struct sp_wrap *wrap;      /* cached word widths for the list items */
    struct sp_plan *plan;
    enum group_by by;
    bool trifold, booklet;
    const char *family;
    const char *fellowship;    /* the one fellowship of the list, or NULL */
    const char *link_shown;    /* the directory link as printed, or NULL */
    struct sizes sz;
    double page_w, page_h, content_w, qr_min;
    double line_h;             /* one body-size bold line */
    struct sp_arena rows_arena;
    struct sp_row *rows;
    size_t nrows;
    size_t *row_page;          /* page of each row's full entry */
    struct lentry *e;
    size_t ne;
    struct pageinfo *pi;
    size_t npi;
    const char *label;         /* current running-head text */
    bool list_open;            /* an L element is open on the current page */
    bool one_region;           /* every meeting (but the online section) in one region */
    struct toc_line *toc;
    size_t ntoc;
    size_t toc_page[256];      /* page of each contents target */
    size_t ntargets;
    size_t back_page;          /* where the helplines and contact begin */
    /* streaming (plan.h): the numbers of the same composition made once before, so each
       page is numbered and flushed as soon as the flow leaves it */
    size_t known_pages;        /* 0 = not streaming this composition */
    size_t known_toc[256];     /* its contents targets' pages, back matter last */
    size_t known_ntargets;
    double last_body;          /* the last composition's body size and page count asked */
    size_t last_pad;
    struct sp_diag warn;       /* this composition's per-meeting warnings */
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
}

/* ---- entries ---- */

static gint cmp_lentry(gconstpointer a, gconstpointer b, gpointer ctx)
{
    const struct lentry *x = a, *y = b;
    const struct leaflet *lf = ctx;
    const struct sp_meeting *mx = lf->rows[x->row].m, *my = lf->rows[y->row].m;
    int c;

    if (x->online != y->online)
        return x->online ? 1 : -1;
    if (lf->by == GROUP_REGION && !x->online) {
        c = g_ascii_strcasecmp(x->region, y->region);
        if (!c)
            c = strcmp(x->region, y->region);
        if (c)
            return c;
    }
    if (x->rank != y->rank)
        return x->rank - y->rank;
    if (lf->by == GROUP_DAY && !x->online) {
        c = g_ascii_strcasecmp(x->region, y->region);
        if (!c)
            c = strcmp(x->region, y->region);
        if (c)
            return c;
    }
    if (mx->start_min != my->start_min)
        return mx->start_min - my->start_min;
    c = strcmp(mx->name, my->name);
    if (c)
        return c;
    return mx->index < my->index ? -1 : mx->index > my->index;
}

/* The one fellowship every meeting names, or NULL (several, or any unknown). */
static const char *one_fellowship(const struct sp_compose_in *in)
{
    const char *f = in->n ? in->meetings[0]->fellowship : NULL;

    for (size_t i = 1; i < in->n && f; i++)
        if (!in->meetings[i]->fellowship || strcmp(in->meetings[i]->fellowship, f))
            return NULL;
    return f;
}

static void build_entries(struct leaflet *lf)
{
    const struct sp_compose_in *in = lf->in;
    int start = sp_compose_week_start(in);
    size_t n = 0, k = 0;

    /* group names outlive the plan, which is made again for each size tried */
    const char *online = sp_say(&lf->rows_arena, W_ONLINE_REGION, NULL, NULL, NULL);
    const char *other = sp_say(&lf->rows_arena, W_OTHER_AREAS, NULL, NULL, NULL);

    lf->nrows = sp_compose_rows(in, &lf->rows_arena, &lf->rows);
    g_assert(lf->nrows <= UINT32_MAX);  /* lentry.row */
    lf->row_page = xcalloc(lf->nrows ? lf->nrows : 1, sizeof *lf->row_page);
    for (size_t r = 0; r < lf->nrows; r++)
        n += lf->rows[r].days == SP_ALL_DAYS ? 1 : (size_t)__builtin_popcount(lf->rows[r].days);
    lf->e = xmalloc((n ? n : 1) * sizeof *lf->e);
    for (size_t r = 0; r < lf->nrows; r++) {
        const struct sp_row *row = &lf->rows[r];
        const struct sp_meeting *m = row->m;
        struct lentry base = { (uint32_t)r, 0, 0, false, false, NULL };

        base.online = in->online_section && m->attendance == SP_ATTEND_ONLINE;
        base.region = m->region ? m->region
                      : m->attendance == SP_ATTEND_ONLINE ? online
                      : m->town ? m->town : other;
        /* a tri-fold lists every meeting on more than one day once, first: a pointer
           under each of its days would cost a panel */
        if (row->days == SP_ALL_DAYS || (lf->trifold && row->days & (row->days - 1))) {
            base.day = (int8_t)EVERY_DAY;
            base.rank = -1;
            lf->e[k++] = base;
            continue;
        }
        for (int d = 0; d < 7; d++)
            if (row->days & SP_DAY_BIT(d)) {
                base.day = (int8_t)d;
                base.rank = (int8_t)((d - start + 7) % 7);
                base.pointer = d != row->first_day;
                lf->e[k++] = base;
            }
    }
    lf->ne = k;
    g_qsort_with_data(lf->e, (gint)k, sizeof *lf->e, cmp_lentry, lf);
    lf->one_region = true;
    for (size_t i = 1; i < k && lf->one_region; i++)
        lf->one_region = lf->e[i].online || lf->e[0].online ||
                         !strcmp(lf->e[i].region, lf->e[0].region);
}

static const char *day_label(const struct leaflet *lf, int day)
{
    return day != EVERY_DAY ? sp_say_day(&lf->plan->arena, day)
           : lf->trifold ? T(lf, W_SEVERAL_DAYS) : T(lf, W_EVERY_DAY);
}

/* The level-1 and level-2 group names of an entry (l2 NULL when there is none). */
static void group_names(const struct leaflet *lf, const struct lentry *e, const char **l1,
                        const char **l2)
{
    if (e->online) {
        *l1 = T(lf, W_ONLINE_MEETINGS);
        *l2 = day_label(lf, e->day);
    } else if (lf->by == GROUP_REGION) {
        *l1 = e->region;
        *l2 = day_label(lf, e->day);
    } else if (lf->by == GROUP_DAY) {
        *l1 = day_label(lf, e->day);
        *l2 = lf->one_region ? NULL : e->region;
    } else {
        *l1 = day_label(lf, e->day);
        *l2 = NULL;
    }
}

/* ---- pages ---- */

/* One untagged line of page furniture at (x, y); returns the index of its TEXT item. */
static long add_furniture(struct leaflet *lf, struct sp_page *page, const struct sp_font *f,
                          uint32_t rgb, const char *text, double x, double y,
                          enum sp_artifact kind)
{
    struct sp_item it = { 0 };
    double h, base;

    sp_text_metrics(lf->t, f, &h, &base);
    it.kind = SP_ITEM_TEXT;
    it.artifact = kind;
    it.x = x;
    it.y = y;
    it.w = sp_text_width(lf->t, f, text);
    it.h = h;
    it.baseline = base;
    it.text = sp_plan_str(lf->plan, text);
    it.font = *f;
    it.rgb = rgb;
    sp_plan_add(lf->plan, page, &it);
    return (long)page->n - 1;
}

static void layout_rule(struct leaflet *lf, struct sp_page *page, double x, double y, double w,
                        double lw, uint32_t rgb)
{
    sp_plan_rule(lf->plan, page, x, y, w, 0, lw, 0, rgb);
    page->items[page->n - 1].artifact = SP_ARTIFACT_LAYOUT;
}

static void open_list(struct leaflet *lf, struct sp_page *page)
{
    if (!lf->list_open)
        sp_plan_tag(lf->plan, page, true, "L", NULL, NULL);
    lf->list_open = true;
}

static void close_list(struct leaflet *lf, struct sp_page *page)
{
    if (lf->list_open)
        sp_plan_tag(lf->plan, page, false, "L", NULL, NULL);
    lf->list_open = false;
}

static bool numbered(const struct leaflet *lf, size_t pageno)
{
    return !lf->trifold && pageno > 0;
}

static void stream_upto(struct leaflet *lf, size_t upto);
static void metadata(struct leaflet *lf);

/* A numbered page starts with one line of furniture: the running head at the left and
   "Page 3 of 8" at the right (filled in when the page count is known), then a rule. */
static void new_page(struct sp_flow *f, void *ctx)
{
    struct leaflet *lf = ctx;
    const struct sp_layout *L = lf->lay;
    struct pageinfo *pi;

    if (!lf->trifold && !lf->booklet)
        stream_upto(lf, f->pageno);  /* the pages before this one are finished */
    lf->pi = xrealloc(lf->pi, (lf->npi + 1) * sizeof *lf->pi);
    pi = &lf->pi[lf->npi++];
    pi->hdr = pi->num = -1;
    pi->label = NULL;
    if (f->pageno == 0)
        sp_plan_tag(lf->plan, f->page, true, "Document", NULL, NULL);
    f->top = L->margin_top;
    f->bottom = lf->page_h - L->margin_bottom;
    if (numbered(lf, f->pageno)) {
        struct sp_font hf = font(lf, lf->sz.body, true), nf = font(lf, lf->sz.body, false);
        pi->hdr = add_furniture(lf, f->page, &hf, L->color_heading, "-", L->margin_left,
                                L->margin_top, SP_ARTIFACT_HEADER);
        pi->num = add_furniture(lf, f->page, &nf, L->color_text, "-", L->margin_left,
                                L->margin_top, SP_ARTIFACT_HEADER);
        layout_rule(lf, f->page, L->margin_left, L->margin_top + lf->line_h + SP_MM(1.5),
                    lf->content_w, SP_MM(0.6), L->color_heading);
        f->top = L->margin_top + lf->line_h + SP_MM(5);
    }
}

static void end_page(struct sp_flow *f, void *ctx)
{
    close_list(ctx, f->page);
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

static double col_x(const struct sp_flow *f)
{
    return f->x0 + f->col * (f->col_w + f->col_gap);
}

static void set_label(struct leaflet *lf, const struct sp_flow *f)
{
    if (!lf->pi[f->pageno].label)
        lf->pi[f->pageno].label = lf->label;
}

/* Place blocks together (kept on one page); returns 0 or -1 when they cannot fit at all. */
static int place_together(struct leaflet *lf, struct sp_flow *f, struct sp_block **b, size_t n,
                          double *first_y)
{
    double need = 0;

    for (size_t i = 0; i < n; i++)
        need += b[i]->height + (i + 1 < n ? b[i]->space_after : 0);
    if (need > f->bottom - f->top + 0.001)
        return -1;
    close_list(lf, f->page);
    if (need > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f))
        sp_flow_next_column(f);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 && first_y)
            *first_y = f->y;
        sp_flow_place(f, b[i], 0);
    }
    set_label(lf, f);
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
    b->space_after = lf->sz.body * 0.3;
    measure(lf, b);
}

static struct sp_para *para(struct leaflet *lf, struct sp_block *b, const char *text, bool bold,
                            double size)
{
    struct sp_font f = font(lf, size, bold);

    f.lang = sp_text_guess_lang(text);
    if (f.lang)
        f.family = sp_text_family_for(f.lang);
    return sp_block_add(b, &lf->plan->arena, "P", &f, lf->lay->color_text, text, 0);
}

/*
 * Encode url as a QR code no smaller than the floors (the layout's min-size with its quiet
 * zone; the symbol itself at least QR_SYMBOL_FLOOR; modules at least 0.5 mm) and no wider
 * than max_w.  Returns the code with its size in *size, or NULL when the link cannot be a
 * QR code here (too long): *err says why.
 */
static const struct sp_qr *make_qr(struct leaflet *lf, const char *url, const char *about,
                                   double max_w, double *size, struct sp_error *err)
{
    struct sp_arena *a = sp_plan_scratch(lf->plan);
    struct sp_qr *qr = sp_arena_alloc(a, sizeof *qr);
    double total, s;

    if (sp_qr_encode_cached(lf->in->qr_cache, url, lf->lay->qr_ecl, about, a, qr, err) != 0)
        return NULL;
    total = qr->n + 2.0 * qr->quiet;
    s = lf->qr_min;
    if (s < QR_SYMBOL_FLOOR * total / qr->n)
        s = QR_SYMBOL_FLOOR * total / qr->n;
    if (s < total * QR_MODULE_FLOOR)
        s = total * QR_MODULE_FLOOR;
    /* a long link: modules as large as the column allows, down to the 0.5 mm floor */
    if (s > max_w && total * QR_MODULE_MIN <= max_w + 0.01 &&
        QR_SYMBOL_FLOOR * total / qr->n <= max_w + 0.01)
        s = max_w;
    if (s > max_w + 0.01) {
        sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                     "'%s': the link needs a %.0f mm QR code, wider than the column", about,
                     s * 25.4 / 72);
        return NULL;
    }
    *size = s;
    return qr;
}

static void report(struct leaflet *lf, const struct sp_meeting *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A per-meeting warning of this composition (passed on when the output is made). */
static void report(struct leaflet *lf, const struct sp_meeting *m, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    sp_diag_add(&lf->warn, SP_WARNING, m->file, m->line, 0, "%s", msg);
    g_free(msg);
}

/* ---- list items ---- */

/* A language set in a taller face than the main one (Nastaliq, Naskh, Bengali, Gurmukhi). */
static bool tall_lang(const char *lang)
{
    static const char *const tall[] = { "ur", "ar", "fa", "ps", "bn", "pa", "syl", "pnb" };

    for (size_t i = 0; lang && i < G_N_ELEMENTS(tall); i++)
        if (!strncmp(lang, tall[i], strlen(tall[i])))
            return true;
    return false;
}

static struct seg *add_seg(struct leaflet *lf, struct entry *en, const char *tag,
                           const char *text, bool bold, bool run_in)
{
    struct seg *s;

    if (en->ns == MAX_SEGS || !text)
        return NULL;
    s = &en->s[en->ns++];
    memset(s, 0, sizeof *s);
    s->tag = tag;
    s->font = font(lf, lf->sz.body, bold);
    s->font.lang = sp_text_guess_lang(text);
    if (s->font.lang)
        s->font.family = sp_text_family_for(s->font.lang);
    s->text = text;
    s->run_in = run_in;
    return s;
}

/*
 * Break segment s into rows starting at row top `top`, its first row `indent` in from the
 * left; rows above qr_bottom are `narrow`, the rest `full`.  Returns the number of lines;
 * *first_broken when the first word did not fit the first row.
 */
static int break_rows(struct leaflet *lf, struct seg *s, double top, double indent,
                      double narrow, double full, double qr_bottom, bool *first_broken)
{
    double widths[16], pitch = sp_wrap_pitch(lf->wrap, &s->font, lf->lay->line_spacing);
    int n = 0;

    /* the rows beside the code, then one full row (which every later row repeats) */
    do {
        double row = top + n * pitch;
        widths[n] = (row < qr_bottom - 0.01 ? narrow : full) - (n == 0 ? indent : 0);
        n++;
    } while (n < (int)G_N_ELEMENTS(widths) &&
             (n < 2 || top + (n - 1) * pitch < qr_bottom - 0.01));
    return sp_wrap_break(lf->wrap, &s->font, s->text, widths, n, sp_plan_scratch(lf->plan),
                         &s->lines, first_broken);
}

/*
 * Break every segment: a run-in segment goes on from the end of the line before when its
 * first word fits there (same type size and face only), any other starts a line.  Lines
 * beside a QR code at the right are narrower; lines below it take the full width (the
 * text wraps round the code).  Sets the heights.  en->text_w is the narrow width (the one
 * to cut text to, to be sure).
 */
static void measure_entry(struct leaflet *lf, struct entry *en)
{
    struct sp_arena *a = sp_plan_scratch(lf->plan);
    double ls = lf->lay->line_spacing, y = 0, x_end = 0, last_size = 0, last_pitch = 0;
    bool beside = en->qr && !en->qr_below;
    double full = en->width, narrow = beside ? full - en->qr_size - en->qr_gap : full;
    double qr_bottom = beside ? en->qr_size : 0;
    const char *last_lang = NULL;

    en->text_w = narrow;
    for (int i = 0; i < en->ns; i++) {
        struct seg *s = &en->s[i];
        /* the same type size and face only (Nastaliq or Bengali lines are taller; a name
           in Welsh or Polish is set in the same face) */
        bool join = s->run_in && i > 0 && fabs(s->font.size - last_size) < 0.01 &&
                    !tall_lang(s->font.lang) && !tall_lang(last_lang);
        double top = join ? y - last_pitch : y, indent = join ? x_end + s->font.size * 0.3 : 0;
        bool broken = false;

        s->n = break_rows(lf, s, top, indent, narrow, full, qr_bottom, &broken);
        if (broken && join) {
            /* its first word does not fit after the text before: a line of its own */
            join = false;
            top = y;
            indent = 0;
            s->n = break_rows(lf, s, top, 0, narrow, full, qr_bottom, &broken);
        }
        if (broken && top < qr_bottom - 0.01) {
            /* a word too wide beside the code: the segment goes on under it */
            top = y = qr_bottom;
            s->n = break_rows(lf, s, top, 0, narrow, full, qr_bottom, &broken);
        }
        s->x0 = indent;
        s->ly = sp_arena_alloc(a, (size_t)(s->n ? s->n : 1) * sizeof *s->ly);
        for (int k = 0; k < s->n; k++) {
            s->ly[k] = k == 0 ? top : s->ly[k - 1] + s->lines[k - 1].height * ls;
            if (k > 0 || !join)
                y += s->lines[k].height * ls;
        }
        if (s->n) {
            const struct sp_line *l = &s->lines[s->n - 1];
            x_end = (s->n == 1 ? s->x0 : 0) + l->width;
            last_pitch = l->height * ls;
            last_size = s->font.size;
            last_lang = s->font.lang;
        }
    }
    en->text_h = y;
    en->height = y;
    if (en->qr && en->qr_below)
        en->height = y + en->qr_gap + en->qr_size;
    else if (en->qr && en->qr_size > y)
        en->height = en->qr_size;
}

/* The time as the label: "7pm to 8pm:", or "7pm:" when the end time was not given (and
   always on a tri-fold, for room). */
static const char *time_label(const struct leaflet *lf, const struct sp_meeting *m)
{
    struct sp_arena *a = sp_plan_scratch(lf->plan);
    enum sp_time_style ts = lf->lay->time_style;

    return sp_arena_printf(a, "%s:", m->end_assumed || lf->trifold
                                     ? sp_words_time(m->start_min, ts, a)
                                     : sp_words_time_range(m->start_min, m->end_min, ts, a));
}

/* "Lunchtime Run: see Monday, page 3": where a meeting's full entry is. */
struct see_ctx {
    const char *name;
    int day;
    size_t page;               /* SIZE_MAX: no page */
};

static const char *see_fn(const void *ctx, struct sp_arena *a)
{
    const struct see_ctx *c = ctx;

    if (c->page == SIZE_MAX)
        return sp_i18n_fill(a, sp_tr(W_SEE), c->name, sp_tr_day(c->day), NULL);
    return sp_i18n_fill(a, sp_tr(W_SEE_PAGE), c->name, sp_tr_day(c->day),
                        sp_arena_printf(a, "%zu", c->page + 1));
}


/* "List printed on 26 November 2026 - check before you travel" */
static const char *printed_fn(const void *ctx, struct sp_arena *a)
{
    return sp_i18n_fill(a, sp_tr(W_PRINTED_CHECK), sp_words_date(*(const time_t *)ctx, a),
                        NULL, NULL);
}

static const char *printed_plain_fn(const void *ctx, struct sp_arena *a)
{
    return sp_i18n_fill(a, sp_tr(W_PRINTED), sp_words_date(*(const time_t *)ctx, a), NULL,
                        NULL);
}

/* Join non-NULL parts as sentences: "Part one. Part two." (notes may run on after it). */
static const char *sentences(struct sp_arena *a, const char *const *parts, size_t n)
{
    GString *g = g_string_new(NULL);
    const char *r;

    for (size_t i = 0; i < n; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        if (g->len)
            g_string_append(g, strchr(".!?", g->str[g->len - 1]) ? " "
                               : sp_trc("sentence", ". "));
        /* each part isolated in a right-to-left leaflet: an address keeps its order */
        g_string_append(g, sp_i18n_iso(a, parts[i]));
    }
    if (g->len && !strchr(".!?", g->str[g->len - 1]))
        g_string_append(g, sp_trc("sentence", "."));
    r = g->len ? sp_arena_strdup(a, g->str) : NULL;
    g_string_free(g, TRUE);
    return r;
}

/*
 * A list item for entry e, measured at width.  A full entry: the time (Lbl), then the name
 * in bold running on after it, then where, on which days, what kind and how to join in one
 * sentence run, then the notes (cut to NOTE_LINES lines and reported); the QR code beside
 * the text, or under it when the text would be narrow or taller that way.  A pointer: the
 * time, the name and where its full entry is.
 */
static void build_entry(struct leaflet *lf, const struct lentry *e, double width,
                        struct entry *en)
{
    const struct sp_row *row = &lf->rows[e->row];
    const struct sp_meeting *m = row->m;
    struct sp_arena *a = sp_plan_scratch(lf->plan);
    const char *link = sp_words_link(m, lf->in->leave_off_passcodes);
    const char *parts[8] = { 0 };
    size_t np = 0;

    memset(en, 0, sizeof *en);
    en->notes = -1;
    en->width = width;
    en->space_after = lf->lay->para_spacing * lf->sz.body;
    add_seg(lf, en, "Lbl", time_label(lf, m), true, false);

    if (e->pointer) {
        size_t pg = lf->row_page[e->row];
        struct see_ctx see = { m->name, row->first_day, lf->trifold ? SIZE_MAX : pg };
        add_seg(lf, en, "P", sp_tr_both(see_fn, &see, a), false, true);
        measure_entry(lf, en);
        return;
    }

    {
        struct seg *name = add_seg(lf, en, "P", m->name, true, true);
        /* the meeting's own words carry their language (a meeting held in Polish...) */
        if (name && !name->font.lang)
            name->font.lang = sp_lang_of_text(m->name, sp_lang_meeting(m));
    }
    {
        /* under its town's heading (or on the list of one town) the postcode is enough;
           a tri-fold has room for the venue and postcode, not the street */
        struct sp_meeting here = *m;
        if (lf->by != GROUP_TIME && !e->online && m->town && m->postcode &&
            !g_ascii_strcasecmp(m->town, e->region))
            here.town = NULL;
        if (lf->trifold && m->venue && m->postcode)
            here.address = NULL;
        parts[np++] = sp_words_where(&here, a);
    }
    if (e->day == EVERY_DAY ? lf->trifold : __builtin_popcount(row->days) > 1)
        parts[np++] = sp_words_days(row->days, lf->in->start_day,
                                    lf->trifold ? SP_DAYS_SHORT : SP_DAYS_LONG, a);
    parts[np++] = sp_words_weeks_only(m->weeks, a);
    if (!lf->trifold)
        parts[np++] = sp_words_kind(m, lf->fellowship == NULL, a);
    if (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID) {
        parts[np++] = sp_words_access(m, lf->in->leave_off_passcodes, a);
        if (m->phone)
            parts[np++] = sp_words_dial_in_said(m, lf->in->leave_off_passcodes, W_DIAL_IN, a);
    }
    if (link && m->attendance != SP_ATTEND_IN_PERSON && m->attendance != SP_ATTEND_CLOSED) {
        struct sp_error qerr = { 0 };
        double size = 0;
        const struct sp_qr *qr = make_qr(lf, link, sp_shorten_name(m->name, 60, a), width,
                                         &size, &qerr);

        if (qr) {
            en->qr = qr;
            en->qr_size = size;
            en->qr_gap = SP_MM(2);
            en->qr_url = sp_words_attr_url(link, a);
            en->qr_alt = sp_words_qr_alt(m, a);
            /* where the code goes, for whoever proofreads the leaflet (issue 16) */
            parts[np++] = sp_say(a, W_CODE_OPENS, sp_words_site(link, a), NULL, NULL);
        } else {
            /* the meeting stays on the list; the directory has the link */
            report(lf, m, "%s; printed without its QR code", qerr.msg);
            if (lf->link_shown)
                parts[np++] = SAY(lf, W_JOIN_AT, lf->link_shown, NULL);
        }
    }
    add_seg(lf, en, "P", sentences(a, parts, np), false, true);
    if (m->notes && !lf->trifold) {
        struct seg *notes;
        en->notes = en->ns;
        notes = add_seg(lf, en, "P", sp_words_glue_numbers(m->notes, a), false, true);
        if (notes && !notes->font.lang)
            notes->font.lang = sp_lang_of_text(m->notes, sp_lang_meeting(m));
    }
    if (en->qr) {
        /* beside the text when the text keeps at least 8 em and the item is no taller
           that way; else under the text, at the left */
        if (width - en->qr_size - en->qr_gap >= 8 * lf->sz.body) {
            struct entry beside;
            measure_entry(lf, en);
            beside = *en;  /* measure_entry fills fresh arrays: this copy keeps its lines */
            en->qr_below = true;
            en->qr_gap = lf->sz.body * 0.4;
            measure_entry(lf, en);
            if (beside.height <= en->height + 0.01)
                *en = beside;
        } else {
            en->qr_below = true;
            en->qr_gap = lf->sz.body * 0.4;
            measure_entry(lf, en);
        }
    } else {
        measure_entry(lf, en);
    }
    if (en->notes >= 0 && en->s[en->notes].n > NOTE_LINES) {
        struct seg *s = &en->s[en->notes];
        const char *tail = lf->link_shown ? SAY(lf, W_MORE_AT, lf->link_shown, NULL) : "";
        const char *cut = sp_shorten(lf->t, &s->font, s->text, en->text_w - s->x0, en->text_w,
                                   NOTE_LINES, tail, sp_plan_scratch(lf->plan));
        if (cut)
            s->text = cut;
        report(lf, m, "meeting '%s': its note (%ld characters) is cut to %d lines",
               sp_shorten_name(m->name, 60, a),
               g_utf8_strlen(m->notes, -1), NOTE_LINES);
        measure_entry(lf, en);
    }
}

/*
 * An entry taller than room (a page or panel under its headings): every segment after
 * the label cut to three lines, then two, then one, last first, until it fits.
 * Reported.  Returns 0, or -1 when even that does not fit.
 */
static int shorten_entry(struct leaflet *lf, const struct lentry *e, struct entry *en,
                         double room)
{
    const struct sp_meeting *m = lf->rows[e->row].m;

    if (en->height <= room + 0.001)
        return 0;
    for (int max = 3; max >= 1 && en->height > room + 0.001; max--) {
        for (int i = en->ns; i-- > 1 && en->height > room + 0.001;) {
            struct seg *s = &en->s[i];
            if (s->n > max) {
                /* measured as if the segment started a line: a little short, never long */
                const char *cut = sp_shorten(lf->t, &s->font, s->text, en->text_w - s->x0,
                                           en->text_w, max, "", sp_plan_scratch(lf->plan));
                if (cut) {
                    s->text = cut;
                    measure_entry(lf, en);
                }
            }
        }
    }
    report(lf, m, "meeting '%s' is too long for a %s of layout '%s' at %g pt: shortened "
           "(the directory has it in full)",
           sp_shorten_name(m->name, 60, sp_plan_scratch(lf->plan)),
           lf->trifold ? "panel" : "page",
           lf->lay->name, lf->sz.body);
    return en->height <= room + 0.001 ? 0 : -1;
}

/* LI > Lbl (the time) + LBody (paragraphs, then the code: Link > Figure). */
static void emit_entry(struct leaflet *lf, struct sp_page *pg, const struct entry *en,
                       double x, double y)
{
    double ls = lf->lay->line_spacing;

    sp_plan_tag(lf->plan, pg, true, "LI", NULL, NULL);
    for (int i = 0; i < en->ns; i++) {
        const struct seg *s = &en->s[i];

        if (i == 1)
            sp_plan_tag(lf->plan, pg, true, "LBody", NULL, NULL);
        sp_plan_tag(lf->plan, pg, true, s->tag, NULL, NULL);
        for (int k = 0; k < s->n; k++) {
            const struct sp_line *l = &s->lines[k];
            struct sp_item it = { 0 };
            double pitch = l->height * ls;

            it.kind = SP_ITEM_TEXT;
            it.x = x + (k == 0 ? s->x0 : 0);
            it.y = y + s->ly[k] + (pitch - l->height);
            it.w = l->width;
            it.h = l->height;
            it.baseline = l->baseline;
            it.text = l->text;
            it.font = s->font;
            it.rgb = lf->lay->color_text;
            sp_plan_add(lf->plan, pg, &it);
        }
        sp_plan_tag(lf->plan, pg, false, s->tag, NULL, NULL);
    }
    if (en->qr)
        sp_plan_qr_link(lf->plan, pg, en->qr,
                        en->qr_below ? x : x + en->width - en->qr_size,
                        en->qr_below ? y + en->text_h + en->qr_gap : y, en->qr_size,
                        en->qr_url, en->qr_alt, 0x000000, 0xFFFFFF);
    if (en->ns > 1)
        sp_plan_tag(lf->plan, pg, false, "LBody", NULL, NULL);
    sp_plan_tag(lf->plan, pg, false, "LI", NULL, NULL);
}

/* ---- front and back matter ---- */

/* What the list covers: the --split-by part, the one region of every meeting, or the
   settings' area (NULL when none says). */
static const char *area_of(const struct leaflet *lf)
{
    if (lf->in->part_name)
        return lf->in->part_name;
    if (lf->one_region && lf->ne && !lf->e[0].online && lf->rows[lf->e[0].row].m->region)
        return lf->e[0].region;
    return lf->in->settings->area;
}

/* A QR code alone, at the left of the column, kept whole on one page. */
static void place_qr(struct leaflet *lf, struct sp_flow *f, const struct sp_qr *qr, double size,
                     const char *url, const char *alt, double space_after)
{
    close_list(lf, f->page);
    if (size > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f))
        sp_flow_next_column(f);
    sp_plan_qr_link(lf->plan, f->page, qr, col_x(f), f->y, size,
                    sp_words_attr_url(url, sp_plan_scratch(lf->plan)), alt, 0x000000, 0xFFFFFF);
    f->y += size + space_after;
    set_label(lf, f);
}

static int cover(struct leaflet *lf, struct sp_flow *f, struct sp_error *err)
{
    const struct sp_settings *s = lf->in->settings;
    struct sp_arena *a = &lf->plan->arena;
    struct sp_block title, more, org;
    struct sp_block *v[1];
    struct sp_font ft;
    struct sp_para *p;
    const char *area = area_of(lf);

    lf->label = T(lf, W_COVER_LABEL);
    sp_block_init(&title);
    ft = font(lf, lf->sz.headline, true);
    p = sp_block_add(&title, a, "H1", &ft, lf->lay->color_heading,
                     sp_words_headline(lf->in, a), 0);
    p->spacing = 1.0;
    ft = font(lf, lf->sz.subtitle, true);
    if (area)
        sp_block_add(&title, a, "P", &ft, lf->lay->color_text, area, lf->sz.body * 0.4);
    if (lf->fellowship)
        sp_block_add(&title, a, "P", &ft, lf->lay->color_text, lf->fellowship,
                     lf->sz.body * 0.4);
    ft = font(lf, lf->sz.subtitle, false);
    sp_block_add(&title, a, "P", &ft, lf->lay->color_text, sp_words_subtitle_in(lf->in, a),
                 lf->sz.body * 0.4);
    title.space_after = lf->sz.body;
    measure(lf, &title);

    sp_block_init(&more);
    para(lf, &more, sp_tr_both(printed_fn, &lf->in->date, a), true,
         lf->sz.body);
    if (lf->in->data_date)  /* feeds: how current the list is (issue 15) */
        para(lf, &more, sp_words_as_listed(lf->in->data_date, a), false, lf->sz.body);
    if (lf->link_shown) {
        /* the link on a line of its own: never broken inside */
        para(lf, &more, T(lf, W_ALWAYS), false, lf->sz.body);
        para(lf, &more, lf->link_shown, true, lf->sz.body);
    }
    more.space_after = lf->sz.body * 0.5;
    measure(lf, &more);

    v[0] = &title;
    place_together(lf, f, v, 1, NULL);
    v[0] = &more;
    place_together(lf, f, v, 1, NULL);
    if (s->directory_url) {
        double size = 0;
        const struct sp_qr *qr = make_qr(lf, s->directory_url, "directory-url",
                                         lf->content_w, &size, err);
        if (!qr)
            return -1;
        place_qr(lf, f, qr, size, s->directory_url,
                 SAY(lf, W_DIRECTORY_ALT, s->directory_url, NULL), lf->sz.body);
    }
    if (s->org_name && *s->org_name) {
        sp_block_init(&org);
        para(lf, &org, SAY(lf, W_FROM, s->org_name, NULL), false, lf->sz.body);
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
            section(lf, f, T(lf, W_ABOUT), &b);
        else
            place_together(lf, f, v, 1, NULL);
        first = false;
    }
    g_strfreev(paras);
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
    names[n++] = T(lf, W_HELPLINES);
    return n;
}

static void contents(struct leaflet *lf, struct sp_flow *f, const char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct sp_block b;
        struct sp_page *pg;

        sp_block_init(&b);
        para(lf, &b, sp_arena_printf(&lf->plan->arena, "%s:" SP_NBSP "%s", names[i],
                                     SAY(lf, W_TOC_PAGE, "999", NULL)), false, lf->sz.body);
        b.space_after = lf->sz.body * 0.15;
        measure(lf, &b);
        if (i == 0) {
            section(lf, f, T(lf, W_CONTENTS), &b);
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
        para(lf, &b, h->hours ? SAY(lf, W_PHONE_HOURS, sp_words_glue(h->phone, a),
                                                h->hours)
                              : sp_words_glue(h->phone, a), false, lf->sz.body);
        b.space_after = lf->lay->para_spacing * lf->sz.body;
        measure(lf, &b);
        g_array_append_val(blocks, b);
    }
    sp_block_init(&b);
    if (s->org_name && *s->org_name)
        para(lf, &b, SAY(lf, W_LIST_FROM, s->org_name, NULL), true, lf->sz.body);
    if (s->org_phone)
        para(lf, &b, SAY(lf, W_PHONE, sp_words_glue(s->org_phone, a), NULL), false,
             lf->sz.body);
    if (s->org_email)
        para(lf, &b, SAY(lf, W_EMAIL, s->org_email, NULL), false, lf->sz.body);
    if (s->org_website)
        para(lf, &b, SAY(lf, W_WEBSITE, s->org_website, NULL), false, lf->sz.body);
    para(lf, &b, sp_tr_both(printed_plain_fn, &lf->in->date, a), false,
         lf->sz.body);
    if (lf->in->data_date)
        para(lf, &b, sp_words_as_listed(lf->in->data_date, a), false, lf->sz.body);
    b.space_after = 0;
    measure(lf, &b);
    g_array_append_val(blocks, b);
}

static void back_matter(struct leaflet *lf, struct sp_flow *f, GArray *blocks)
{
    for (guint i = 0; i < blocks->len; i++) {
        struct sp_block *b = &g_array_index(blocks, struct sp_block, i);
        struct sp_block *v[1] = { b };
        if (i == 0) {
            section(lf, f, lf->in->settings->nhelplines ? T(lf, W_HELPLINES)
                                                        : T(lf, W_CONTACT), b);
            lf->back_page = f->pageno;
        } else
            place_together(lf, f, v, 1, NULL);
    }
}

static void notes_page(struct leaflet *lf, struct sp_flow *f)
{
    struct sp_block h;
    struct sp_block *v[1] = { &h };

    fresh_page(f);
    lf->label = T(lf, W_NOTES);
    heading(lf, &h, "H2", lf->sz.heading, T(lf, W_NOTES));
    place_together(lf, f, v, 1, NULL);
    for (double y = f->y + lf->line_h * 1.6; y < f->bottom; y += lf->line_h * 1.6)
        layout_rule(lf, f->page, lf->lay->margin_left, y, lf->content_w, 0.5, 0x767676);
    f->y = f->bottom;
}

/* ---- the meetings ---- */

static int list(struct leaflet *lf, struct sp_flow *f, size_t *group_idx,
                struct sp_error *err)
{
    const char *prev1 = NULL, *prev2 = NULL;
    int out1 = -1;

    for (size_t i = 0; i < lf->ne; i++) {
        const struct lentry *e = &lf->e[i];
        const struct sp_meeting *m = lf->rows[e->row].m;
        struct sp_block h1, h2;
        struct entry en;
        const char *l1, *l2;
        bool new1, new2;
        double need = 0, room = f->bottom - f->top, y;

        group_names(lf, e, &l1, &l2);
        new1 = !prev1 || strcmp(prev1, l1);
        new2 = l2 && (new1 || !prev2 || strcmp(prev2, l2));
        if (new1)
            heading(lf, &h1, "H2", lf->sz.heading, l1);
        if (new2)
            heading(lf, &h2, "H3", lf->sz.body, l2);
        /* room for the entry under both headings at the top of a page, always */
        if (new1)
            room -= h1.height + h1.space_after;
        if (new2)
            room -= h2.height + h2.space_after;
        build_entry(lf, e, f->col_w, &en);
        if (shorten_entry(lf, e, &en, room) != 0)
            return sp_error_set(err, SP_ERR_INPUT, m->file, m->line, 0,
                                "meeting '%s' does not fit a %s of layout '%s' at %g pt",
                                m->name, lf->trifold ? "panel" : "page", lf->lay->name,
                                lf->sz.body);
        need = (f->bottom - f->top - room) + en.height;
        /* the running head: wanted on this page or the next (plan.h, sp_plan_scratch) */
        lf->label = l2 ? sp_arena_printf(sp_plan_scratch(lf->plan), "%s" SP_NBSP EM_DASH " %s",
                                         l1, l2)
                       : l1;
        if (need > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f)) {
            close_list(lf, f->page);
            sp_flow_next_column(f);
        }
        y = f->y;
        if (new1 || new2)
            close_list(lf, f->page);
        if (new1)
            sp_flow_place(f, &h1, 0);
        if (new2)
            sp_flow_place(f, &h2, 0);
        open_list(lf, f->page);
        emit_entry(lf, f->page, &en, col_x(f), f->y);
        f->y += en.height + en.space_after;
        set_label(lf, f);
        if (!e->pointer)
            lf->row_page[e->row] = f->pageno;
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
    close_list(lf, f->page);
    return 0;
}

/* ---- one composition at one body size ---- */

static void reset(struct leaflet *lf)
{
    sp_plan_reset(lf->plan, lf->page_w, lf->page_h);
    free(lf->pi);
    lf->pi = NULL;
    lf->npi = 0;
    free(lf->toc);
    lf->toc = NULL;
    lf->ntoc = 0;
    lf->ntargets = 0;
    lf->list_open = false;
    for (size_t r = 0; r < lf->nrows; r++)
        lf->row_page[r] = SIZE_MAX;
    sp_diag_release(&lf->warn);
    sp_diag_init(&lf->warn);
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

/*
 * The tri-fold: front cover | tuck-in panel, the three inside panels and as much of the
 * back as the helplines leave: the meetings (after the introduction when everything fits
 * so) | helplines and contact (and the introduction when it had to make room for the
 * meetings).  intro_at: 0 before the meetings, 1 after the contact, 2 left out.  Returns 0,
 * 1 when the meetings do not fit, 2 when the back does not, or -1 with *err.
 */
static int compose_trifold(struct leaflet *lf, int intro_at, struct sp_error *err)
{
    struct sp_flow f;
    size_t gi = 0;
    GArray *back = g_array_new(FALSE, FALSE, sizeof(struct sp_block));
    int rc = 0;

    reset(lf);
    if (lf->known_pages)
        metadata(lf);  /* streamed: the language is needed before the first page is drawn */
    flow_init(lf, &f);
    sp_flow_start(&f);
    if (cover(lf, &f, err) != 0)
        rc = -1;
    if (rc == 0) {
        fresh_page(&f);  /* the tuck-in panel */
        if (intro_at == 0)
            intro(lf, &f);
        if (list(lf, &f, &gi, err) != 0)
            rc = -1;
        else if (f.pageno > SP_PANEL_BACK)
            rc = 1;
    }
    if (rc == 0) {
        /* the back panel, or what is left of it when the meetings went on there */
        bool spilled = f.pageno == SP_PANEL_BACK;
        while (f.pageno < SP_PANEL_BACK)
            sp_flow_next_column(&f);
        if (spilled)
            f.y += lf->sz.body;
        back_matter_blocks(lf, back);
        back_matter(lf, &f, back);
        if (intro_at == 1)
            intro(lf, &f);
        if (f.pageno > SP_PANEL_BACK)
            rc = spilled ? 1 : 2;
    }
    g_array_free(back, TRUE);
    if (rc == 0) {
        sp_flow_finish(&f);
        sp_plan_tag(lf->plan, f.page, false, "Document", NULL, NULL);
        for (size_t i = 0; i < lf->plan->npages; i++)
            lf->plan->pages[i].label = T(lf, W_PANELS[i]);
    }
    return rc;
}

static int compose_trifold_fit(struct leaflet *lf, struct sp_error *err)
{
    bool has_intro = lf->in->settings->intro && *lf->in->settings->intro;
    int rc = compose_trifold(lf, has_intro ? 0 : 2, err);

    if (rc > 0 && has_intro) {
        rc = compose_trifold(lf, 1, err);
        if (rc > 0)
            rc = compose_trifold(lf, 2, err);
        if (rc == 0)
            sp_diag_add(&lf->warn, SP_WARNING, NULL, 0, 0,
                        "the settings' 'intro' is left off the tri-fold to make room for "
                        "the meetings");
    }
    if (rc == 1)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "%zu meetings do not fit a tri-fold at %g pt (the tuck-in, inside "
                            "and back panels); use --layout booklet-a5, or choose fewer "
                            "meetings (--region, --day)", lf->in->n, lf->sz.body);
    if (rc == 2)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "the helplines and contact details do not fit the back panel "
                            "of a tri-fold at %g pt", lf->sz.body);
    return rc;
}

/* Compose a leaflet or booklet; with pad_to > 0, notes pages make it exactly that long
   (when it fits).  Returns the page count, or -1 with *err. */
static long compose_list(struct leaflet *lf, size_t pad_to, struct sp_error *err)
{
    struct sp_flow f;
    const char *names[G_N_ELEMENTS(lf->toc_page)];
    size_t ntargets, gi = 0, pages, back_pages;
    GArray *back = g_array_new(FALSE, FALSE, sizeof(struct sp_block));
    double back_h = 0;

    reset(lf);
    if (lf->known_pages)
        metadata(lf);  /* streamed: the language is needed before the first page is drawn */
    ntargets = toc_targets(lf, names, G_N_ELEMENTS(names));  /* words in the new plan */
    flow_init(lf, &f);
    sp_flow_start(&f);
    if (cover(lf, &f, err) != 0)
        goto fail;
    fresh_page(&f);
    contents(lf, &f, names, ntargets);
    intro(lf, &f);
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
    /* a booklet's or padded leaflet's back matter is its back page; a leaflet's goes on
       after the meetings when it all fits there */
    if (lf->booklet || pad_to > 0 || back_h + lf->line_h * 3 > sp_flow_room(&f))
        fresh_page(&f);
    else
        f.y += lf->sz.body;
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

/* Fill in page i's label, "Page N of M" (n pages) and running head. */
static void number_page(struct leaflet *lf, size_t i, size_t n)
{
    struct sp_plan *plan = lf->plan;
    struct sp_arena *a = &plan->arena;
    struct pageinfo *pi = &lf->pi[i];
    struct sp_page *pg = &plan->pages[i];
    double room = lf->content_w;

    pg->label = i == 0 ? T(lf, W_COVER_LABEL) : sp_arena_printf(a, "%zu", i + 1);
    if (pi->num >= 0) {
        struct sp_item *it = &pg->items[pi->num];
        it->text = SAY(lf, W_PAGE_OF, sp_arena_printf(a, "%zu", i + 1),
                       sp_arena_printf(a, "%zu", n));
        it->w = sp_text_width(lf->t, &it->font, it->text);
        it->x = lf->lay->margin_left + lf->content_w - it->w;
        room = lf->content_w - it->w - lf->sz.body;
    }
    if (pi->hdr >= 0) {
        struct sp_item *it = &pg->items[pi->hdr];
        const char *label = pi->label ? pi->label : T(lf, W_NOTES);
        char *cut = NULL;
        it->text = label;
        it->w = sp_text_width(lf->t, &it->font, it->text);
        /* a very long group name: shorten the head, never the size */
        if (it->w > room) {
            glong len = g_utf8_strlen(label, -1);
            while (it->w > room && len > 1) {
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

/* The contents lines on page (all pages: SIZE_MAX), from the targets' pages toc_page. */
static void fill_contents(struct leaflet *lf, size_t page, const size_t *toc_page,
                          size_t ntargets)
{
    struct sp_plan *plan = lf->plan;

    for (size_t k = 0; k < lf->ntoc; k++) {
        struct sp_item *it;
        const char *p;

        if (page != SIZE_MAX && lf->toc[k].page != page)
            continue;
        it = &plan->pages[lf->toc[k].page].items[lf->toc[k].item];
        p = it->kind == SP_ITEM_TEXT ? strstr(it->text, "999") : NULL;
        if (!p || lf->toc[k].target >= ntargets)
            continue;
        /* every "999" of the line (a bilingual line has one per language) */
        while (p) {
            size_t at = (size_t)(p - it->text);
            it->text = sp_arena_printf(&plan->arena, "%.*s%zu%s", (int)at, it->text,
                                       toc_page[lf->toc[k].target] + 1, p + 3);
            p = strstr(it->text + at + 1, "999");
        }
        it->w = sp_text_width(lf->t, &it->font, it->text);
    }
}

/* Fill in "Page N of M", the running heads and the contents' page numbers. */
static void finish_numbers(struct leaflet *lf)
{
    size_t n = lf->plan->npages;

    for (size_t i = 0; i < n && i < lf->npi; i++)
        number_page(lf, i, n);
    /* the last contents target is the back matter */
    if (lf->ntargets)
        lf->toc_page[lf->ntargets - 1] = lf->back_page;
    fill_contents(lf, SIZE_MAX, lf->toc_page, lf->ntargets);
}

/*
 * Streaming: pages before `upto` are finished.  In the composition that is kept, each is
 * numbered from the numbers known (known_pages) and flushed to the plan's sink; in a
 * composition made only to learn them, the sink discards them.
 */
static void stream_upto(struct leaflet *lf, size_t upto)
{
    struct sp_plan *plan = lf->plan;

    if (!sp_plan_streams(plan))
        return;
    if (lf->known_pages)
        for (size_t i = plan->flushed; i < upto && i < lf->npi; i++) {
            number_page(lf, i, lf->known_pages);
            fill_contents(lf, i, lf->known_toc, lf->known_ntargets);
        }
    sp_plan_flush(plan, upto);
}

static int discard_page(void *ctx, const struct sp_plan *p, size_t pageno)
{
    (void)ctx;
    (void)p;
    (void)pageno;
    return 0;
}

static void metadata(struct leaflet *lf)
{
    const struct sp_compose_in *in = lf->in;
    const struct sp_settings *s = in->settings;
    struct sp_plan *plan = lf->plan;
    const char *area = area_of(lf);

    plan->title = sp_arena_printf(&plan->arena, "%s%s%s", sp_words_headline(in, &plan->arena),
                                  area ? ": " : "", area ? area : "");
    plan->author = s->org_name;
    sp_i18n_use(sp_i18n_output()->first);  /* the file's description: one language */
    plan->subject = sp_i18n_fill(&plan->arena,
                                 sp_tr("Mutual-aid meetings, list printed on {1}"),
                                 sp_words_date(in->date, &plan->arena), NULL, NULL);
    sp_i18n_use(NULL);
    plan->lang = s->lang ? s->lang : "en-GB";
}

static int compose_at(struct leaflet *lf, double body, size_t pad_to, long *pages,
                      struct sp_error *err)
{
    struct sp_font hf;
    double base;

    lf->last_body = body;
    lf->last_pad = pad_to;
    set_sizes(lf, body);
    hf = font(lf, lf->sz.body, true);
    sp_text_metrics(lf->t, &hf, &lf->line_h, &base);
    if (lf->trifold) {
        *pages = SP_PANEL_COUNT;
        return compose_trifold_fit(lf, err);
    }
    *pages = compose_list(lf, pad_to, err);
    return *pages < 0 ? -1 : 0;
}

/* The directory link as printed after "more at": the short link, else the URL. */
static const char *link_shown(const struct sp_settings *s)
{
    if (s->short_link)
        return s->short_link;
    if (s->directory_url)
        return s->directory_url;
    return s->org_website;
}

int sp_compose_leaflet(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                       struct sp_error *err)
{
    const struct sp_layout *L = in->layout;
    struct leaflet lf = { 0 };
    const char *by = in->group_by ? in->group_by : "day";
    long pages = 0;
    int rc = 0;
    bool stream;
    sp_plan_sink_fn sink = NULL;
    void *sink_ctx = NULL;

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
    lf.fellowship = one_fellowship(in);
    lf.link_shown = link_shown(in->settings);
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
    sp_arena_init(&lf.rows_arena);
    sp_diag_init(&lf.warn);
    lf.wrap = sp_wrap_new(t);
    build_entries(&lf);
    /* streamed (plan.h): the compositions that only find the size and the page numbers go
       to a sink that discards their pages; the one kept is made again, page by page */
    stream = sp_plan_streams(plan) && !lf.trifold && !lf.booklet;
    if (stream) {
        sink = plan->sink;
        sink_ctx = plan->sink_ctx;
        sp_plan_set_sink(plan, discard_page, NULL);
    }

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
    if (rc == 0 && stream) {
        /* the composition is chosen and its numbers known: make it again, this time
           numbering and drawing each page as soon as the flow leaves it */
        lf.known_pages = (size_t)pages;
        memcpy(lf.known_toc, lf.toc_page, sizeof lf.known_toc);
        lf.known_ntargets = lf.ntargets;
        if (lf.ntargets)
            lf.known_toc[lf.ntargets - 1] = lf.back_page;
        sp_plan_set_sink(plan, sink, sink_ctx);
        rc = compose_at(&lf, lf.last_body, lf.last_pad, &pages, err);
        if (rc == 0 && (size_t)pages != lf.known_pages)
            rc = sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "leaflet: %ld pages composed "
                              "the second time, %zu the first", pages, lf.known_pages);
        if (rc == 0) {
            stream_upto(&lf, plan->npages - 1);
            number_page(&lf, plan->npages - 1, lf.known_pages);
            fill_contents(&lf, plan->npages - 1, lf.known_toc, lf.known_ntargets);
        }
    } else if (stream) {
        sp_plan_set_sink(plan, sink, sink_ctx);  /* nothing was drawn: the caller knows */
    }
    if (rc == 0) {
        if (!lf.trifold && !stream)
            finish_numbers(&lf);
        metadata(&lf);
        /* the warnings of the composition that was kept, once each */
        for (size_t i = 0; i < lf.warn.n && in->diag; i++) {
            const struct sp_diag_entry *w = &lf.warn.v[i];
            sp_diag_add(in->diag, w->severity, *w->file ? w->file : NULL, w->line, w->col,
                        "%s", w->msg);
        }
    }
    sp_diag_release(&lf.warn);
    sp_wrap_free(lf.wrap);
    sp_arena_free(&lf.rows_arena);
    free(lf.row_page);
    free(lf.e);
    free(lf.pi);
    free(lf.toc);
    return rc;
}
