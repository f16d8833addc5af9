/*
 * tabs.c - tear-off tabs for noticeboard posters.  Someone at a pharmacy noticeboard can
 * tear off a tab instead of being seen writing a number down.  The text reads bottom-to-
 * top (rotate 90), the usual way for tabs; the QR code sits at the top of the tab, by the
 * tear line, and is left out when it does not fit at 15 mm.  Ten copies of the same words
 * are one piece of content: one tab is tagged, the others are layout artifacts.
 */
#include "tabs.h"

#include <glib.h>

#include "flow.h"
#include "qr.h"
#include "tr.h"
#include "words.h"

#define TAB_GAP   SP_MM(4)     /* between the footer and the tear line */
#define TAB_PAD   SP_MM(3)     /* text and QR inside the tab, along its length */
#define TAB_SIDE  SP_MM(1.5)   /* inside the cut lines, across the tab */
#define TAB_QR    SP_MM(15)    /* issue 5: tab QR codes at least 15 mm */
#define TAB_EDGE  SP_MM(6)     /* cut lines stop this far from the sheet edge (row 37: 5) */

int sp_tabs_count(const struct sp_compose_in *in)
{
    return in->tabs >= 0 ? in->tabs : in->layout->tabs;
}

double sp_tabs_height(const struct sp_layout *lay, int ntabs)
{
    return ntabs > 0 ? lay->tab_height + TAB_GAP : 0;
}

static void cut_line(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                     double h, uint32_t rgb)
{
    sp_plan_rule(plan, page, x, y, w, h, 0.75, SP_MM(2), rgb);
}

/* A tab's QR code: with url, its Figure inside its Link (one announcement); without, a
   layout artifact. */
static void tab_qr(struct sp_plan *plan, struct sp_page *page, const struct sp_qr *qr,
                   double x, double y, double size, const char *url)
{
    struct sp_item it = { 0 };
    const char *alt = NULL;

    if (url) {
        char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE];
        char bs[G_ASCII_DTOSTR_BUF_SIZE];
        /* cairo parses these numbers the C way: never format them in the user's locale */
        struct sp_arena *a = sp_plan_scratch(plan);
        const char *attr = sp_arena_printf(a, "uri='%s' rect=[%s %s %s %s]",
                                           sp_words_attr_url(url, a),
                                           g_ascii_formatd(bx, sizeof bx, "%.2f", x),
                                           g_ascii_formatd(by, sizeof by, "%.2f", y),
                                           g_ascii_formatd(bs, sizeof bs, "%.2f", size), bs);
        alt = sp_say(a, "Every meeting, always up to date: {1}", url, NULL, NULL);
        sp_plan_tag(plan, page, true, "Link", attr, alt);
        sp_plan_tag(plan, page, true, "Figure", NULL, alt);
    }
    it.kind = SP_ITEM_QR;
    it.artifact = url ? SP_ARTIFACT_NONE : SP_ARTIFACT_LAYOUT;
    it.x = x;
    it.y = y;
    it.w = it.h = size;
    it.qr = qr;
    it.rgb = 0x000000;
    it.bg = 0xFFFFFF;
    sp_plan_add(plan, page, &it);
    if (url) {
        sp_plan_tag(plan, page, false, "Figure", NULL, NULL);
        sp_plan_tag(plan, page, false, "Link", NULL, NULL);
    }
}

int sp_tabs_emit(struct sp_plan *plan, struct sp_page *page, const struct sp_compose_in *in,
                 struct sp_text *t, int ntabs, bool tag_first, struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    const struct sp_settings *s = in->settings;
    struct sp_arena *a = sp_plan_scratch(plan);  /* page is the newest: it lives as long */
    struct sp_font bold = { sp_text_family_for(NULL), lay->size_tab, true, NULL };
    struct sp_font reg = { sp_text_family_for(NULL), lay->size_tab, false, NULL };
    const char *link, *phone, *lines[2];
    struct sp_font fonts[2];
    double width[2], lh[2], bl[2], thick = 0, longest = 0;
    double x0 = lay->margin_left, cw = lay->width - lay->margin_left - lay->margin_right;
    double bottom = lay->height - lay->margin_bottom, top = bottom - lay->tab_height;
    double tw, len, qr_size = 0;
    const struct sp_qr *qr = NULL;
    int nl = 0;

    if (ntabs <= 0)
        return 0;
    link = s->short_link ? s->short_link : s->org_website ? s->org_website : s->directory_url;
    phone = s->org_phone ? sp_words_glue(s->org_phone, a) : NULL;
    if (!link && !phone)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "tear-off tabs need a 'short-link', 'website', 'directory-url' or "
                            "'phone' in the settings file");
    if (link) {
        lines[nl] = link;
        fonts[nl++] = bold;
    }
    if (phone) {
        lines[nl] = phone;
        fonts[nl++] = link ? reg : bold;
    }
    for (int i = 0; i < nl; i++) {
        width[i] = sp_text_width(t, &fonts[i], lines[i]);
        sp_text_metrics(t, &fonts[i], &lh[i], &bl[i]);
        thick += lh[i];
        if (width[i] > longest)
            longest = width[i];
    }
    tw = cw / ntabs;
    len = lay->tab_height - 2 * TAB_PAD;
    if (thick > tw - 2 * TAB_SIDE || longest > len)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "tear-off tabs: '%s' does not fit a %.0f x %.0f mm tab at %.0fpt "
                            "(use fewer or taller tabs: 'count' and 'height' in [tabs])",
                            longest > len ? (width[0] >= width[nl - 1] ? lines[0]
                                                                       : lines[nl - 1])
                                          : lines[0],
                            tw * 25.4 / 72, lay->tab_height * 25.4 / 72, lay->size_tab);

    /* a QR code when one fits at 15 mm (modules >= 0.4 mm) across the tab and above the text */
    if (s->directory_url) {
        struct sp_qr *q = sp_arena_alloc(a, sizeof *q);
        if (sp_qr_encode(s->directory_url, 'Q', "directory link", a, q, err) != 0)
            return -1;
        qr_size = TAB_QR;
        if (qr_size < (q->n + 2.0 * q->quiet) * SP_MM(0.4))
            qr_size = (q->n + 2.0 * q->quiet) * SP_MM(0.4);
        if (qr_size <= tw - 2 * TAB_SIDE && qr_size + TAB_PAD + longest <= len)
            qr = q;
    }

    /* tear line along the top, cut lines between (and at the ends of) the tabs */
    cut_line(plan, page, x0, top, cw, 0, lay->color_text);
    for (int k = 0; k <= ntabs; k++)
        cut_line(plan, page, x0 + k * tw, top, 0, lay->height - TAB_EDGE - top,
                 lay->color_text);

    for (int k = 0; k < ntabs; k++) {
        double tx = x0 + k * tw, lx = tx + (tw - thick) / 2;
        bool tagged = tag_first && k == 0;

        if (tagged)
            sp_plan_tag(plan, page, true, "P", NULL, NULL);
        for (int i = 0; i < nl; i++) {
            struct sp_item it = { 0 };
            it.kind = SP_ITEM_TEXT;
            it.artifact = tagged ? SP_ARTIFACT_NONE : SP_ARTIFACT_LAYOUT;
            it.rotate = 90;
            it.x = lx;               /* the line's top edge is at the left */
            it.w = lh[i];
            it.h = width[i];
            it.y = bottom - TAB_PAD - width[i];  /* every line starts at the bottom */
            it.baseline = bl[i];
            it.text = lines[i];
            it.font = fonts[i];
            it.rgb = lay->color_text;
            sp_plan_add(plan, page, &it);
            lx += lh[i];
        }
        if (tagged)
            sp_plan_tag(plan, page, false, "P", NULL, NULL);
        if (qr)
            tab_qr(plan, page, qr, tx + (tw - qr_size) / 2, top + TAB_PAD, qr_size,
                   tagged ? s->directory_url : NULL);
    }
    return 0;
}
