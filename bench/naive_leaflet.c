/*
 * naive_leaflet.c - the yardstick of issue 17: the same directory as an A4 leaflet made
 * the plain way with pango and cairo, to compare signpost's leaflet with, in the same run.
 * Every meeting once, in full: one PangoLayout per paragraph (days, time and name; where,
 * what, how to join, notes), laid out at the column width and shown; a QR code per online
 * meeting, encoded and drawn; a new page when the next paragraph does not fit.  No
 * structure tags, no PDF/UA pass, no caches.  On the bench directory it prints about a
 * fifth less text than signpost's leaflet (which lists a meeting under each of its days)
 * and the same number of codes: a yardstick that favours the naive way.  QR codes as vector rectangles (one per dark module) or
 * as images (one pixel per module, scaled without smoothing).
 *
 *   naive_leaflet --qr vector|image [--fonts DIR] -o OUT.pdf DIRECTORY.json
 *   naive_leaflet --qr vector|image [--fonts DIR] -o OUT.pdf --paragraphs FILE
 *
 * With --paragraphs, the text and codes are exactly those of a signpost leaflet: FILE has
 * one paragraph per line, "B text" (bold) or "R text", and "Q url" for a code drawn at
 * the right of the paragraphs that follow it (bench/run.sh makes it from the leaflet's
 * --dump-plan: the text of each structure element joined, running heads included).  This
 * is the comparison issue 17 asks for: the same job, done the plain way.
 *
 * Prints "N meetings, P pages, Q codes" on stdout.  The bundled fonts (fonts/) are used,
 * as signpost uses them, so the text costs the same to shape.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "input/directory.h"

#define MM(x)   ((x) * 72.0 / 25.4)
#define PAGE_W  595.28
#define PAGE_H  841.89
#define MARGIN  MM(15)
#define QR_SIZE MM(25)   /* the leaflets' QR floor, quiet zone included */
#define BODY    18.0

struct naive {
    cairo_t *cr;
    PangoContext *ctx;
    PangoFontDescription *regular, *bold;
    double y;
    int pages, codes;
    int vector;
};

static void new_page(struct naive *nv)
{
    cairo_show_page(nv->cr);
    nv->pages++;
    nv->y = MARGIN;
}

/* One paragraph: a layout of its own, laid out at width, shown at (MARGIN, y). */
static void paragraph(struct naive *nv, const char *text, int bold, double width)
{
    PangoLayout *l = pango_layout_new(nv->ctx);
    int w, h;

    pango_layout_set_font_description(l, bold ? nv->bold : nv->regular);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_text(l, text, -1);
    pango_layout_get_size(l, &w, &h);
    if (nv->y + (double)h / PANGO_SCALE > PAGE_H - MARGIN)
        new_page(nv);
    cairo_move_to(nv->cr, MARGIN, nv->y);
    pango_cairo_show_layout(nv->cr, l);
    nv->y += (double)h / PANGO_SCALE;
    g_object_unref(l);
}

/* A QR code for url at the right of the column, top at y. */
static void qr(struct naive *nv, const char *url, double y)
{
    QRcode *q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    double m;
    int n;

    if (!q)
        return;
    n = q->width;
    m = QR_SIZE / (n + 8);
    cairo_save(nv->cr);
    cairo_translate(nv->cr, PAGE_W - MARGIN - QR_SIZE + 4 * m, y + 4 * m);
    cairo_set_source_rgb(nv->cr, 0, 0, 0);
    if (nv->vector) {
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                if (q->data[r * n + c] & 1)
                    cairo_rectangle(nv->cr, c * m, r * m, m, m);
        cairo_fill(nv->cr);
    } else {
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, n, n);
        unsigned char *px = cairo_image_surface_get_data(img);
        int stride = cairo_image_surface_get_stride(img);
        cairo_pattern_t *pat;

        cairo_surface_flush(img);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                ((uint32_t *)(void *)(px + r * stride))[c] =
                    q->data[r * n + c] & 1 ? 0x000000 : 0xffffff;
        cairo_surface_mark_dirty(img);
        cairo_scale(nv->cr, m, m);
        pat = cairo_pattern_create_for_surface(img);
        cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
        cairo_set_source(nv->cr, pat);
        cairo_paint(nv->cr);
        cairo_pattern_destroy(pat);
        cairo_surface_destroy(img);
    }
    cairo_restore(nv->cr);
    QRcode_free(q);
    nv->codes++;
}

static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday" };

static void meeting(struct naive *nv, const struct sp_meeting *m)
{
    GString *head = g_string_new(NULL), *body = g_string_new(NULL);
    double width = PAGE_W - 2 * MARGIN, top;

    for (int d = 0; d < 7; d++)
        if (m->days & SP_DAY_BIT(d))
            g_string_append_printf(head, "%s%s", head->len ? ", " : "", day_names[d]);
    g_string_append_printf(head, " %02d:%02d to %02d:%02d: %s", m->start_min / 60,
                           m->start_min % 60, m->end_min / 60, m->end_min % 60, m->name);
    if (m->venue)
        g_string_append_printf(body, "%s, ", m->venue);
    if (m->address)
        g_string_append_printf(body, "%s, ", m->address);
    if (m->town)
        g_string_append_printf(body, "%s ", m->town);
    if (m->postcode)
        g_string_append(body, m->postcode);
    if (m->attendance != SP_ATTEND_IN_PERSON)
        g_string_append_printf(body, "%sOnline%s%s", body->len ? ". " : "",
                               m->provider ? " on " : "", m->provider ? m->provider : "");
    for (size_t i = 0; i < m->ntypes; i++)
        g_string_append_printf(body, "%s%s", i ? ", " : ". ", m->types[i].label);
    if (m->meeting_id)
        g_string_append_printf(body, ". Meeting ID %s", m->meeting_id);
    if (m->passcode)
        g_string_append_printf(body, ", passcode %s", m->passcode);
    if (m->phone)
        g_string_append_printf(body, ". Dial in %s", m->phone);
    if (m->notes)
        g_string_append_printf(body, ". %s", m->notes);
    if (m->url) {
        width -= QR_SIZE + MM(3);
        if (nv->y + QR_SIZE > PAGE_H - MARGIN)
            new_page(nv);
    }
    top = nv->y;
    paragraph(nv, head->str, 1, width);
    paragraph(nv, body->str, 0, width);
    if (m->url) {
        if (nv->y < top)
            top = MARGIN;  /* the text went on to a new page: the code goes with it */
        qr(nv, m->url, top);
        if (nv->y < top + QR_SIZE)
            nv->y = top + QR_SIZE;
    }
    nv->y += BODY * 0.5;
    g_string_free(head, TRUE);
    g_string_free(body, TRUE);
}

/* The --paragraphs file: every paragraph laid out at the column width less a code's,
   every code at the right of the next paragraph. */
static int paragraphs(struct naive *nv, const char *path, size_t *count)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    double width = PAGE_W - 2 * MARGIN - QR_SIZE - MM(3), code_end = 0;
    int code_page = 0;

    if (!fp)
        return -1;
    while ((len = getline(&line, &cap, fp)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (len < 2)
            continue;
        if (line[0] == 'Q') {
            if (nv->y + QR_SIZE > PAGE_H - MARGIN)
                new_page(nv);
            qr(nv, line + 2, nv->y);
            code_end = nv->y + QR_SIZE;
            code_page = nv->pages;
        } else {
            paragraph(nv, line + 2, line[0] == 'B', width);
            if (nv->pages == code_page && nv->y < code_end && line[0] == 'B')
                nv->y = code_end;  /* the next entry starts below the code */
            (*count)++;
        }
    }
    free(line);
    fclose(fp);
    return 0;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *path = NULL, *fonts = "fonts", *paras = NULL;
    size_t nparas = 0;
    struct naive nv = { 0 };
    struct sp_source_opts opts = { .format = SP_FORMAT_AUTO };
    struct sp_directory dir;
    struct sp_diag diag;
    struct sp_error err = { 0 };
    struct sp_arena a;
    cairo_surface_t *s;
    cairo_font_options_t *fo;
    PangoFontMap *fm;
    FcConfig *cfg;

    nv.vector = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--qr") && i + 1 < argc) {
            i++;
            nv.vector = !strcmp(argv[i], "vector") ? 1 : !strcmp(argv[i], "image") ? 0 : -1;
        } else if (!strcmp(argv[i], "--fonts") && i + 1 < argc) {
            fonts = argv[++i];
        } else if (!strcmp(argv[i], "--paragraphs") && i + 1 < argc) {
            paras = argv[++i];
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out = argv[++i];
        } else {
            path = argv[i];
        }
    }
    if (!out || !(path || paras) || nv.vector < 0) {
        fprintf(stderr, "usage: naive_leaflet --qr vector|image [--fonts DIR] -o OUT.pdf "
                "DIRECTORY.json | --paragraphs FILE\n");
        return 2;
    }
    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_diag_init(&diag);
    if (path && sp_directory_load(&dir, path, &opts, &a, &diag, &err) != 0) {
        fprintf(stderr, "naive_leaflet: %s\n", err.msg);
        return 1;
    }

    /* the bundled fonts, as signpost's text.c sets them up (its cache in build/) */
    cfg = FcConfigCreate();
    FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)"<fontconfig><cachedir>"
                                   "build/fccache</cachedir></fontconfig>", FcTrue);
    FcConfigAppFontAddDir(cfg, (const FcChar8 *)fonts);
    FcConfigSetCurrent(cfg);
    fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
    nv.ctx = pango_font_map_create_context(fm);
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(nv.ctx, fo);
    cairo_font_options_destroy(fo);
    nv.regular = pango_font_description_from_string("Atkinson Hyperlegible Next 18px");
    nv.bold = pango_font_description_from_string("Atkinson Hyperlegible Next Bold 18px");

    s = cairo_pdf_surface_create(out, PAGE_W, PAGE_H);
    nv.cr = cairo_create(s);
    nv.y = MARGIN;
    nv.pages = 1;
    if (paras && paragraphs(&nv, paras, &nparas) != 0) {
        fprintf(stderr, "naive_leaflet: cannot read '%s'\n", paras);
        return 1;
    }
    for (size_t i = 0; i < dir.n; i++)
        meeting(&nv, &dir.meetings[i]);
    cairo_show_page(nv.cr);
    cairo_destroy(nv.cr);
    cairo_surface_finish(s);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "naive_leaflet: %s\n", cairo_status_to_string(cairo_surface_status(s)));
        return 1;
    }
    cairo_surface_destroy(s);
    if (paras)
        printf("%zu paragraphs, %d pages, %d codes\n", nparas, nv.pages, nv.codes);
    else
        printf("%zu meetings, %d pages, %d codes\n", dir.n, nv.pages, nv.codes);

    pango_font_description_free(nv.regular);
    pango_font_description_free(nv.bold);
    g_object_unref(nv.ctx);
    g_object_unref(fm);
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return 0;
}
