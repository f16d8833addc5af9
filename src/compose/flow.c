/*
 * flow.c - blocks and the column flow.
 */
#include "flow.h"

#include <glib.h>
#include <string.h>

void sp_block_init(struct sp_block *b)
{
    memset(b, 0, sizeof *b);
    b->qr_dark = 0x000000;
    b->qr_light = 0xFFFFFF;
}

struct sp_para *sp_block_add(struct sp_block *b, struct sp_arena *a, const char *tag,
                             const struct sp_font *f, uint32_t rgb, const char *text,
                             double space_before)
{
    struct sp_para *p;

    if (b->npara == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 8;
        struct sp_para *v = sp_arena_alloc(a, cap * sizeof *v);
        if (b->npara)
            memcpy(v, b->paras, b->npara * sizeof *v);
        b->paras = v;
        b->cap = cap;
    }
    p = &b->paras[b->npara++];
    memset(p, 0, sizeof *p);
    p->tag = tag;
    p->font = *f;
    p->rgb = rgb;
    p->text = sp_arena_strdup(a, text ? text : "");
    p->space_before = space_before;
    return p;
}

void sp_block_measure(struct sp_block *b, struct sp_text *t, double width,
                      double line_spacing, struct sp_arena *a)
{
    double h = 0;

    b->width = width;
    b->text_width = b->qr ? width - b->qr_size - b->qr_gap : width;
    for (size_t i = 0; i < b->npara; i++) {
        struct sp_para *p = &b->paras[i];
        p->nlines = sp_text_break(t, &p->font, p->text, b->text_width, a, &p->lines);
        p->height = 0;
        for (int k = 0; k < p->nlines; k++)
            p->height += p->lines[k].height * (p->spacing > 0 ? p->spacing : line_spacing);
        h += (i ? p->space_before : 0) + p->height;
    }
    if (b->qr && b->qr_size > h)
        h = b->qr_size;
    b->height = h;
}

void sp_plan_tag(struct sp_plan *plan, struct sp_page *page, bool begin, const char *name,
                 const char *attr, const char *alt)
{
    struct sp_item it = { 0 };

    it.kind = begin ? SP_ITEM_TAG_BEGIN : SP_ITEM_TAG_END;
    it.text = name;
    it.attr = attr;
    it.alt = alt;
    sp_plan_add(plan, page, &it);
}

void sp_plan_rule(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                  double h, double line_width, double dash, uint32_t rgb)
{
    struct sp_item it = { 0 };

    it.kind = SP_ITEM_RULE;
    it.x = x;
    it.y = y;
    it.w = w;
    it.h = h;
    it.line_width = line_width;
    it.dash = dash;
    it.rgb = rgb;
    sp_plan_add(plan, page, &it);
}

void sp_plan_rect(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                  double h, double line_width, uint32_t rgb)
{
    struct sp_item it = { 0 };

    it.kind = SP_ITEM_RECT;
    it.x = x;
    it.y = y;
    it.w = w;
    it.h = h;
    it.line_width = line_width;
    it.rgb = rgb;
    sp_plan_add(plan, page, &it);
}

/* The Link tag's attribute for a square code at (x, y) on page: its URI and rectangle.
   cairo parses these numbers the C way: never format them in the user's locale.  On one
   of the two newest pages it lives as long as they do (sp_plan_scratch: a long leaflet
   kept one for every code it printed, issue 16). */
static const char *link_attr(struct sp_plan *plan, const struct sp_page *page,
                             const char *url_attr, double x, double y, double size)
{
    char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE];
    char bs[G_ASCII_DTOSTR_BUF_SIZE];
    size_t n = plan->npages;
    bool newest = (n >= 1 && page == &plan->pages[n - 1]) ||
                  (n >= 2 && page == &plan->pages[n - 2]);

    return sp_arena_printf(newest ? sp_plan_scratch(plan) : &plan->arena,
                           "uri='%s' rect=[%s %s %s %s]", url_attr,
                           g_ascii_formatd(bx, sizeof bx, "%.2f", x),
                           g_ascii_formatd(by, sizeof by, "%.2f", y),
                           g_ascii_formatd(bs, sizeof bs, "%.2f", size), bs);
}

void sp_plan_qr(struct sp_plan *plan, struct sp_page *page, const struct sp_qr *qr, double x,
                double y, double size, const char *url_attr, const char *alt, uint32_t dark,
                uint32_t light)
{
    struct sp_item it = { 0 };

    sp_plan_tag(plan, page, true, "Figure", NULL, alt);
    it.kind = SP_ITEM_QR;
    it.x = x;
    it.y = y;
    it.w = it.h = size;
    it.qr = qr;
    it.rgb = dark;
    it.bg = light;
    sp_plan_add(plan, page, &it);
    sp_plan_tag(plan, page, false, "Figure", NULL, NULL);
    if (url_attr) {
        sp_plan_tag(plan, page, true, "Link", link_attr(plan, page, url_attr, x, y, size), alt);
        sp_plan_tag(plan, page, false, "Link", NULL, NULL);
    }
}

void sp_plan_qr_link(struct sp_plan *plan, struct sp_page *page, const struct sp_qr *qr,
                     double x, double y, double size, const char *url_attr, const char *alt,
                     uint32_t dark, uint32_t light)
{
    struct sp_item it = { 0 };

    if (url_attr)
        sp_plan_tag(plan, page, true, "Link", link_attr(plan, page, url_attr, x, y, size), alt);
    sp_plan_tag(plan, page, true, "Figure", NULL, alt);
    it.kind = SP_ITEM_QR;
    it.x = x;
    it.y = y;
    it.w = it.h = size;
    it.qr = qr;
    it.rgb = dark;
    it.bg = light;
    sp_plan_add(plan, page, &it);
    sp_plan_tag(plan, page, false, "Figure", NULL, NULL);
    if (url_attr)
        sp_plan_tag(plan, page, false, "Link", NULL, NULL);
}

void sp_block_emit(const struct sp_block *b, struct sp_plan *plan, struct sp_page *page,
                   double x, double y, double line_spacing)
{
    double cy = y;

    for (size_t i = 0; i < b->npara; i++) {
        const struct sp_para *p = &b->paras[i];
        if (i)
            cy += p->space_before;
        if (p->tag && !b->artifact)
            sp_plan_tag(plan, page, true, p->tag, NULL, NULL);
        for (int k = 0; k < p->nlines; k++) {
            const struct sp_line *l = &p->lines[k];
            struct sp_item it = { 0 };
            double pitch = l->height * (p->spacing > 0 ? p->spacing : line_spacing);

            it.kind = SP_ITEM_TEXT;
            it.artifact = b->artifact;
            it.x = p->center ? x + (b->text_width - l->width) / 2 : x;
            /* extra leading goes above the line, so the baseline sits low in its pitch */
            it.y = cy + (pitch - l->height);
            it.w = l->width;
            it.h = l->height;
            it.baseline = l->baseline;
            it.text = b->scratch ? sp_plan_str(plan, l->text) : l->text;
            it.font = p->font;
            it.rgb = p->rgb;
            sp_plan_add(plan, page, &it);
            cy += pitch;
        }
        if (p->tag && !b->artifact)
            sp_plan_tag(plan, page, false, p->tag, NULL, NULL);
    }
    if (b->qr)
        sp_plan_qr(plan, page, b->qr, x + b->width - b->qr_size, y, b->qr_size, b->qr_url,
                   b->qr_alt && b->scratch ? sp_plan_str(plan, b->qr_alt) : b->qr_alt,
                   b->qr_dark, b->qr_light);
}

void sp_flow_start(struct sp_flow *f)
{
    f->page = sp_plan_add_page(f->plan);
    f->pageno = f->plan->npages - 1;
    f->col = 0;
    f->new_page(f, f->ctx);
    f->y = f->top;
}

void sp_flow_next_column(struct sp_flow *f)
{
    if (++f->col >= f->ncols) {
        if (f->end_page)
            f->end_page(f, f->ctx);
        f->page = sp_plan_add_page(f->plan);
        f->pageno = f->plan->npages - 1;
        f->col = 0;
        f->new_page(f, f->ctx);
    }
    f->y = f->top;
}

void sp_flow_finish(struct sp_flow *f)
{
    if (f->end_page)
        f->end_page(f, f->ctx);
}

double sp_flow_room(const struct sp_flow *f)
{
    return f->bottom - f->y;
}

bool sp_flow_at_top(const struct sp_flow *f)
{
    return f->y <= f->top + 0.001;
}

int sp_flow_place(struct sp_flow *f, const struct sp_block *b, double next_h)
{
    double need = b->height + next_h;
    double full = f->bottom - f->top;

    if (b->height > full + 0.001)
        return -1;
    if (need > sp_flow_room(f) + 0.001 && !sp_flow_at_top(f))
        sp_flow_next_column(f);
    sp_block_emit(b, f->plan, f->page, f->x0 + f->col * (f->col_w + f->col_gap), f->y,
                  f->line_spacing);
    f->y += b->height + b->space_after;
    return 0;
}
