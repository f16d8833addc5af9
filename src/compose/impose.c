/*
 * impose.c - booklet and tri-fold imposition: copy each logical page's items into its
 * place on a sheet side, moving link rectangles with them and keeping one Document
 * element around the whole file.
 */
#include "impose.h"

#include "flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <string.h>

size_t sp_impose_booklet_pages(size_t n)
{
    return (n + 3) / 4 * 4;
}

void sp_impose_booklet_side(size_t p, size_t side, size_t *left, size_t *right)
{
    size_t k = side / 2;

    if (side % 2 == 0) {
        *left = p - 1 - 2 * k;
        *right = 2 * k;
    } else {
        *left = 2 * k + 1;
        *right = p - 2 - 2 * k;
    }
}

/* A Link attribute "uri='...' rect=[x y w h]" with the rectangle moved by dx, dy. */
static const char *move_attr(struct sp_plan *out, const char *attr, double dx, double dy)
{
    const char *r = attr ? strstr(attr, "rect=[") : NULL;
    double v[4];
    char b[4][G_ASCII_DTOSTR_BUF_SIZE];
    char *end;

    /* numbers the C way whatever the locale: cairo parses them */
    if (!r)
        return attr;
    end = (char *)r + 6;
    for (int i = 0; i < 4; i++) {
        char *next;
        v[i] = g_ascii_strtod(end, &next);
        if (next == end)
            return attr;
        end = next;
    }
    v[0] += dx;
    v[1] += dy;
    for (int i = 0; i < 4; i++)
        g_ascii_formatd(b[i], sizeof b[i], "%.2f", v[i]);
    return sp_arena_printf(&out->arena, "%.*srect=[%s %s %s %s]", (int)(r - attr), attr, b[0],
                           b[1], b[2], b[3]);
}

/* Copy logical page `src` of reading onto dst at (dx, dy), without its Document tags. */
static void place(const struct sp_plan *reading, size_t src, struct sp_plan *out,
                  struct sp_page *dst, double dx, double dy)
{
    const struct sp_page *pg;

    if (src >= reading->npages)
        return;  /* a blank padding page */
    pg = &reading->pages[src];
    for (size_t i = 0; i < pg->n; i++) {
        struct sp_item it = pg->items[i];

        if ((it.kind == SP_ITEM_TAG_BEGIN || it.kind == SP_ITEM_TAG_END) && it.text &&
            !strcmp(it.text, "Document"))
            continue;
        if (it.kind == SP_ITEM_TAG_BEGIN) {
            it.attr = move_attr(out, it.attr, dx, dy);
        } else if (it.kind != SP_ITEM_TAG_END) {
            it.x += dx;
            it.y += dy;
        }
        sp_plan_add(out, dst, &it);
    }
}

static void copy_meta(const struct sp_plan *reading, struct sp_plan *out)
{
    out->title = reading->title;
    out->author = reading->author;
    out->subject = reading->subject;
    out->keywords = reading->keywords;
    out->lang = reading->lang;
}

int sp_impose_booklet(const struct sp_plan *reading, struct sp_plan *out,
                      struct sp_error *err)
{
    size_t p = sp_impose_booklet_pages(reading->npages);
    size_t *sheet_of;
    double w = reading->width, sheet_w = 2 * w;

    /* A5 pages (148 mm) go on A4 (297 mm): the fold stays in the middle of the sheet */
    if (fabs(sheet_w - SP_MM(297)) < SP_MM(3))
        sheet_w = SP_MM(297);

    if (reading->npages == 0)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0, "nothing to impose: no pages");
    sp_plan_release(out);
    sp_plan_init(out, sheet_w, reading->height);
    copy_meta(reading, out);
    sheet_of = xcalloc(p, sizeof *sheet_of);
    for (size_t side = 0; side < p / 2; side++) {
        struct sp_page *pg = sp_plan_add_page(out);
        size_t left, right;

        sp_impose_booklet_side(p, side, &left, &right);
        sheet_of[left] = sheet_of[right] = side;
        pg->label = sp_arena_printf(&out->arena, "Sheet %zu %s", side / 2 + 1,
                                    side % 2 ? "back" : "front");
        if (side == 0)
            sp_plan_tag(out, pg, true, "Document", NULL, NULL);
        /* the right half first on a front (it holds the lower page number) */
        if (side % 2 == 0) {
            place(reading, right, out, pg, sheet_w / 2, 0);
            place(reading, left, out, pg, sheet_w / 2 - w, 0);
        } else {
            place(reading, left, out, pg, sheet_w / 2 - w, 0);
            place(reading, right, out, pg, sheet_w / 2, 0);
        }
    }
    sp_plan_tag(out, &out->pages[out->npages - 1], false, "Document", NULL, NULL);
    for (size_t i = 0; i < reading->noutline; i++) {
        const struct sp_outline_entry *o = &reading->outline[i];
        sp_plan_add_outline(out, o->parent, o->title,
                            (int)sheet_of[o->page >= 0 && (size_t)o->page < p ? o->page : 0],
                            o->y);
    }
    free(sheet_of);
    return 0;
}

double sp_impose_trifold_x(enum sp_trifold_panel panel)
{
    switch (panel) {
    case SP_PANEL_TUCK_IN:
    case SP_PANEL_INSIDE_1:
        return 0;
    case SP_PANEL_BACK:
        return SP_TRIFOLD_NARROW;
    case SP_PANEL_FRONT:
        return SP_TRIFOLD_NARROW + SP_TRIFOLD_WIDE;
    case SP_PANEL_INSIDE_2:
        return SP_TRIFOLD_WIDE;
    case SP_PANEL_INSIDE_3:
        return 2 * SP_TRIFOLD_WIDE;
    case SP_PANEL_COUNT:
        break;
    }
    return 0;
}

int sp_impose_trifold_side(enum sp_trifold_panel panel)
{
    return panel == SP_PANEL_FRONT || panel == SP_PANEL_TUCK_IN || panel == SP_PANEL_BACK
           ? 1 : 2;
}

int sp_impose_trifold(const struct sp_plan *reading, double sheet_w, double sheet_h,
                      struct sp_plan *out, struct sp_error *err)
{
    /* reading order on each side (STANDARDS.md "Tagged PDF" gotcha 6) */
    static const enum sp_trifold_panel order[SP_PANEL_COUNT] = {
        SP_PANEL_FRONT, SP_PANEL_TUCK_IN, SP_PANEL_BACK,
        SP_PANEL_INSIDE_1, SP_PANEL_INSIDE_2, SP_PANEL_INSIDE_3
    };
    struct sp_page *pg = NULL;

    if (reading->npages != SP_PANEL_COUNT)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "a tri-fold has 6 panels, got %zu", reading->npages);
    sp_plan_release(out);
    sp_plan_init(out, sheet_w, sheet_h);
    copy_meta(reading, out);
    for (size_t i = 0; i < SP_PANEL_COUNT; i++) {
        enum sp_trifold_panel panel = order[i];

        if (i == 0 || sp_impose_trifold_side(panel) != sp_impose_trifold_side(order[i - 1])) {
            pg = sp_plan_add_page(out);
            pg->label = sp_impose_trifold_side(panel) == 1 ? "Outside" : "Inside";
            if (i == 0)
                sp_plan_tag(out, pg, true, "Document", NULL, NULL);
        }
        place(reading, panel, out, pg, sp_impose_trifold_x(panel), 0);
    }
    sp_plan_tag(out, pg, false, "Document", NULL, NULL);
    for (size_t i = 0; i < reading->noutline; i++) {
        const struct sp_outline_entry *o = &reading->outline[i];
        int side = o->page >= 0 && o->page < SP_PANEL_COUNT
                   ? sp_impose_trifold_side((enum sp_trifold_panel)o->page) : 1;
        sp_plan_add_outline(out, o->parent, o->title, side - 1, o->y);
    }
    return 0;
}
