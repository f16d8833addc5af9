/*
 * render.c - execute one page of a plan on a cairo_t: text lines, rectangles, rules,
 * QR symbols and structure tags, in plan order.  Decides nothing about the layout; on
 * PDF surfaces it wraps what cairo 1.16 cannot mark in the reserved tags of pdf_a11y.h
 * and records what the PDF filter needs (render.h).
 */
#include "render.h"

#include "pdf_syntax.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
}

/*
 * Dark modules as rectangles, one per horizontal run, all in one path and one fill:
 * no seams between neighbours and one PDF fill operator per symbol.
 */
static void qr_runs(cairo_t *cr, const struct sp_qr *q, double x0, double y0, double m)
{
    int r, c;

    cairo_new_path(cr);
    for (r = 0; r < q->n; r++) {
        for (c = 0; c < q->n; c++) {
            int start;

            if (!sp_qr_dark(q, r, c))
                continue;
            start = c;
            while (c < q->n && sp_qr_dark(q, r, c))
                c++;
            cairo_rectangle(cr, x0 + start * m, y0 + r * m, (c - start) * m, m);
        }
    }
    cairo_fill(cr);
}

/* Dark modules as a 1-bit (A1) image used as a mask, one pixel per module, unsmoothed. */
static void qr_mask(cairo_t *cr, const struct sp_qr *q, double x0, double y0, double m)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A1, q->n);
    unsigned char *bits = calloc((size_t)stride * (size_t)q->n, 1);
    cairo_surface_t *img;
    cairo_pattern_t *pat;
    const union { uint32_t u; uint8_t b[4]; } endian = { 1 };
    int r, c;

    if (!bits)
        abort();
    for (r = 0; r < q->n; r++) {
        uint32_t *words = (uint32_t *)(void *)(bits + (size_t)r * (size_t)stride);

        for (c = 0; c < q->n; c++)
            if (sp_qr_dark(q, r, c))
                /* A1 bit order follows the platform's endianness within 32-bit words */
                words[c / 32] |= endian.b[0] ? (1u << (c % 32)) : (1u << (31 - c % 32));
    }
    img = cairo_image_surface_create_for_data(bits, CAIRO_FORMAT_A1, q->n, q->n, stride);
    pat = cairo_pattern_create_for_surface(img);
    cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
    cairo_save(cr);
    cairo_translate(cr, x0, y0);
    cairo_scale(cr, m, m);
    cairo_mask(cr, pat);
    cairo_restore(cr);
    cairo_pattern_destroy(pat);
    cairo_surface_finish(img);
    cairo_surface_destroy(img);
    free(bits);
}

void sp_render_qr(cairo_t *cr, const struct sp_item *it, enum sp_qr_method meth)
{
    const struct sp_qr *q = it->qr;
    double m;

    if (!q || q->n <= 0)
        return;
    m = it->w / (q->n + 2 * q->quiet);
    cairo_save(cr);
    set_rgb(cr, it->bg);
    cairo_rectangle(cr, it->x, it->y, it->w, it->h);
    cairo_fill(cr);
    set_rgb(cr, it->rgb);
    if (meth == SP_QR_MASK)
        qr_mask(cr, q, it->x + q->quiet * m, it->y + q->quiet * m, m);
    else
        qr_runs(cr, q, it->x + q->quiet * m, it->y + q->quiet * m, m);
    cairo_restore(cr);
}

static void draw_text(const struct sp_item *it, struct sp_text *t, cairo_t *cr)
{
    if (!it->text || !*it->text)
        return;
    cairo_save(cr);
    set_rgb(cr, it->rgb);
    if (it->rotate == 90) {
        /* reads bottom-to-top: the line's top-left is the box's bottom-left corner */
        cairo_translate(cr, it->x, it->y + it->h);
        cairo_rotate(cr, -M_PI / 2);
        sp_text_draw(t, cr, &it->font, it->text, 0, 0);
    } else {
        sp_text_draw(t, cr, &it->font, it->text, it->x, it->y);
    }
    cairo_restore(cr);
}

static void draw_rect(const struct sp_item *it, cairo_t *cr)
{
    cairo_save(cr);
    set_rgb(cr, it->rgb);
    cairo_rectangle(cr, it->x, it->y, it->w, it->h);
    if (it->line_width > 0) {
        cairo_set_line_width(cr, it->line_width);
        cairo_stroke(cr);
    } else {
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

static void draw_rule(const struct sp_item *it, cairo_t *cr)
{
    cairo_save(cr);
    set_rgb(cr, it->rgb);
    cairo_set_line_width(cr, it->line_width > 0 ? it->line_width : 1.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    if (it->dash > 0)
        cairo_set_dash(cr, &it->dash, 1, 0);
    cairo_move_to(cr, it->x, it->y);
    cairo_line_to(cr, it->x + it->w, it->y + it->h);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/*
 * Measured (test_render -b: 1000 draws of a 35 mm v5 code, cairo 1.16, 3 runs): PDF
 * surface, runs 776-870 ms, A1 mask 16-18 ms, and a 5x smaller file (one /ImageMask
 * /Interpolate false XObject per code); 150 dpi image surface, runs 124-199 ms, mask
 * 161-172 ms (a tie).  Both decode at 75, 150 and 300 dpi (pdftoppm, mutool).  So the
 * mask for PDF; runs for images and for SVG (SVG viewers may smooth a scaled bitmap).
 */
static enum sp_qr_method qr_method_for(cairo_t *cr)
{
    return cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF
           ? SP_QR_MASK : SP_QR_RUNS;
}

static void draw_item(const struct sp_item *it, struct sp_text *t, cairo_t *cr,
                      enum sp_qr_method qm)
{
    switch (it->kind) {
    case SP_ITEM_TEXT:
        draw_text(it, t, cr);
        break;
    case SP_ITEM_RECT:
        draw_rect(it, cr);
        break;
    case SP_ITEM_RULE:
        draw_rule(it, cr);
        break;
    case SP_ITEM_QR:
        sp_render_qr(cr, it, qm);
        break;
    case SP_ITEM_TAG_BEGIN:
    case SP_ITEM_TAG_END:
        break;
    }
}

/* ---- structure on PDF surfaces ---- */

struct sp_render_open {
    const char *name;    /* the name given to cairo */
    bool child;          /* has a child element (so cairo marks none of its own drawing) */
    bool direct;         /* drawing of its own was marked (it was a leaf then) */
    bool split;          /* a leaf whose drawing goes into spans one item at a time */
    bool link_after;     /* a Figure drawn inside the Link that followed it: end both */
};

/* Per page, from the pre-pass: for each TAG_BEGIN (and each element carried in). */
struct pass {
    unsigned char *child, *props;   /* a child element / text that needs a span, here */
    double *first_x;                /* x of the first drawing inside, -1 none */
    size_t *renest;                 /* Figure at i: index of the Link drawn around it */
    unsigned char *skip;            /* items already drawn by a re-nest */
};

static const char *const reserved[] = { SP_PDF_TAG_LAYOUT, SP_PDF_TAG_HEADER, SP_PDF_TAG_FOOTER,
                                        SP_PDF_TAG_SPAN };

/* The name for cairo: a plan tag never uses a reserved name (it becomes a Span). */
static const char *cairo_name(const char *name)
{
    if (!name || !*name)
        return "Span";
    for (size_t i = 0; i < G_N_ELEMENTS(reserved); i++)
        if (!strcmp(name, reserved[i]))
            return "Span";
    return name;
}

static bool is_painting(const struct sp_item *it)
{
    return it->kind == SP_ITEM_TEXT || it->kind == SP_ITEM_RECT || it->kind == SP_ITEM_RULE ||
           it->kind == SP_ITEM_QR;
}

/* The language of a text item: the one text.c sets it in (sp_text_lang). */
static const char *item_lang(const struct sp_item *it)
{
    return sp_text_lang(&it->font, it->text);
}

/* Same primary language subtag ("en-GB" and "en")? */
static bool same_lang(const char *a, const char *b)
{
    size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");

    return la == lb && !g_ascii_strncasecmp(a, b, la);
}

/* A script whose glyphs do not map one to one to characters (cairo leaves codes unmapped). */
static bool complex_script(const char *s)
{
    const char *p;

    if (!s)
        return false;
    for (p = s; *p && !((unsigned char)*p & 0x80); p++)
        ;
    if (!*p)
        return false;  /* ASCII */
    if (!g_utf8_validate(s, -1, NULL))
        return false;
    for (p = s; *p; p = g_utf8_next_char(p)) {
        switch (g_unichar_get_script(g_utf8_get_char(p))) {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_BENGALI:
        case G_UNICODE_SCRIPT_GURMUKHI:
        case G_UNICODE_SCRIPT_DEVANAGARI:
        case G_UNICODE_SCRIPT_GUJARATI:
        case G_UNICODE_SCRIPT_ORIYA:
        case G_UNICODE_SCRIPT_TAMIL:
        case G_UNICODE_SCRIPT_TELUGU:
        case G_UNICODE_SCRIPT_KANNADA:
        case G_UNICODE_SCRIPT_MALAYALAM:
        case G_UNICODE_SCRIPT_SINHALA:
        case G_UNICODE_SCRIPT_MYANMAR:
        case G_UNICODE_SCRIPT_KHMER:
        case G_UNICODE_SCRIPT_TIBETAN:
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Does the first letter of s belong to a right-to-left script? */
static bool right_to_left(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        GUnicodeScript sc = g_unichar_get_script(g_utf8_get_char(p));
        if (sp_text_script_rtl(sc))
            return true;
        switch (sc) {
        case G_UNICODE_SCRIPT_COMMON:
        case G_UNICODE_SCRIPT_INHERITED:
        case G_UNICODE_SCRIPT_UNKNOWN:
            break;
        default:
            return false;
        }
    }
    return false;
}

/* /Lang (when not the document's) and /ActualText (complex scripts) of a text item. */
static bool text_props(const struct sp_render_state *rs, const struct sp_item *it,
                       const char **lang, const char **actual)
{
    const char *l;

    *lang = *actual = NULL;
    if (it->kind != SP_ITEM_TEXT || !it->text || !*it->text)
        return false;
    l = item_lang(it);
    if (l && *l && !same_lang(l, rs->doc_lang))
        *lang = l;
    if (complex_script(it->text))
        *actual = it->text;
    return *lang || *actual;
}

void sp_render_state_init(struct sp_render_state *rs, const struct sp_plan *plan,
                          struct sp_pdf_marks *marks)
{
    memset(rs, 0, sizeof *rs);
    rs->marks = marks;
    rs->doc_lang = plan && plan->lang ? plan->lang : "en-GB";
}

void sp_render_state_release(struct sp_render_state *rs)
{
    free(rs->open);
    rs->open = NULL;
    rs->depth = rs->cap = 0;
}

void sp_render_state_close(struct sp_render_state *rs, cairo_t *cr)
{
    while (rs->depth) {
        rs->depth--;
        cairo_tag_end(cr, rs->open[rs->depth].name);
        rs->split_elements++;  /* an element left open is a plan fault: no claim */
    }
}

/* Elements that group others and may be ended and begun again at a page break, so a
   PDF can be written in chunks (pdf_a11y.h): a list, a section or a table in two parts
   reads as two.  Document may stand only at the bottom (it becomes a Part of the first). */
bool sp_render_state_can_suspend(const struct sp_render_state *rs)
{
    static const char *const grouping[] = { "Part", "Sect", "Div", "Art", "NonStruct", "L",
                                            "Table", "TBody", "TOC", "Index", NULL };

    if (!rs->depth || strcmp(rs->open[0].name, "Document"))
        return false;
    for (size_t k = 1; k < rs->depth; k++) {
        const struct sp_render_open *o = &rs->open[k];
        bool ok = false;
        for (const char *const *g = grouping; *g && !ok; g++)
            ok = !strcmp(o->name, *g);
        if (!ok || o->direct || o->split || o->link_after)
            return false;
    }
    return true;
}

void sp_render_state_suspend(const struct sp_render_state *rs, cairo_t *cr)
{
    for (size_t k = rs->depth; k-- > 0;)
        cairo_tag_end(cr, rs->open[k].name);
}

void sp_render_state_resume(const struct sp_render_state *rs, cairo_t *cr)
{
    for (size_t k = 0; k < rs->depth; k++)
        cairo_tag_begin(cr, rs->open[k].name, "");
}

bool sp_render_state_conforms(const struct sp_render_state *rs)
{
    return !rs->untagged && !rs->furniture_in_content && !rs->figures_without_alt &&
           !rs->split_elements && !rs->heading_skips && rs->has_h1 && rs->depth == 0;
}

static struct sp_render_open *top_of(struct sp_render_state *rs)
{
    return rs->depth ? &rs->open[rs->depth - 1] : NULL;
}

static struct sp_render_open *push(struct sp_render_state *rs, const char *name)
{
    struct sp_render_open *o;

    if (rs->depth == rs->cap) {
        rs->cap = rs->cap ? 2 * rs->cap : 16;
        rs->open = xrealloc(rs->open, rs->cap * sizeof *rs->open);
    }
    o = &rs->open[rs->depth++];
    memset(o, 0, sizeof *o);
    o->name = name;
    return o;
}

/* A child of the top-level Document element begins: its reading-order key (imposed). */
static void note_top(struct sp_render_state *rs, double x)
{
    if (rs->marks && rs->depth == 1 && !strcmp(rs->open[0].name, "Document"))
        sp_pdf_marks_top(rs->marks, rs->page, x);
}

/* The cairo attribute of a Link with its uri='...' made 7-bit and quote-safe (arena), and
   that target in *uri (arena), or NULL when the attribute has none. */
static const char *link_attr(const char *attr, const char **uri, struct sp_arena *a)
{
    const char *p = attr ? strstr(attr, "uri='") : NULL, *q;
    GString *v;
    char *safe;
    const char *r;

    *uri = NULL;
    if (!p)
        return attr;
    v = g_string_new(NULL);
    for (q = p + 5; *q && *q != '\''; q++) {
        if (*q == '\\' && q[1])
            q++;  /* cairo's attribute escapes: \' and \\ */
        g_string_append_c(v, *q);
    }
    safe = sp_pdf_uri(v->str);
    r = sp_arena_printf(a, "%.*suri='%s'%s", (int)(p - attr), attr, safe, *q ? q + 1 : "");
    *uri = sp_arena_strdup(a, safe);
    free(safe);
    g_string_free(v, TRUE);
    return r;
}

static void begin_tag(struct sp_render_state *rs, cairo_t *cr, const char *name,
                      const char *attr, const char *alt, struct sp_arena *a)
{
    if (!strcmp(name, "Link")) {
        const char *uri;
        attr = link_attr(attr, &uri, a);
        if (rs->marks && attr && (uri || strstr(attr, "dest=") || strstr(attr, "page=")))
            sp_pdf_marks_link(rs->marks, uri, alt && *alt ? alt : uri);
    } else if (!strcmp(name, "Figure")) {
        if (rs->marks)
            sp_pdf_marks_figure(rs->marks, alt && *alt ? alt : NULL);
        if (!alt || !*alt)
            rs->figures_without_alt++;
    } else if (name[0] == 'H' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        int level = name[1] - '0';
        if ((!rs->heading_level && level != 1) ||
            (rs->heading_level && level > rs->heading_level + 1))
            rs->heading_skips++;
        rs->heading_level = level;
        rs->has_h1 |= level == 1;
    }
    cairo_tag_begin(cr, name, attr ? attr : "");
}

/* Draw one item inside a tag of its own (a reserved wrapper), a leaf child of the top. */
static void wrapped(struct sp_render_state *rs, cairo_t *cr, const char *tag,
                    const struct sp_item *it, struct sp_text *t, enum sp_qr_method qm)
{
    struct sp_render_open *top = top_of(rs);

    if (top)
        top->child = true;
    note_top(rs, it->x);
    if (!strcmp(tag, SP_PDF_TAG_SPAN) && rs->marks) {
        const char *lang, *actual;
        text_props(rs, it, &lang, &actual);
        /*
         * Right-to-left runs keep cairo's per-cluster ActualText in the content and get
         * the run's text on their element only: poppler 22 spreads a marked-content
         * ActualText left to right over the run and then reverses the right-to-left line,
         * so a whole-run ActualText comes out backwards (measured: pdftotext), while the
         * per-cluster spans come out in order.  Left-to-right runs (Bengali, Gurmukhi)
         * get it in the content too, which pdftotext reads exactly.
         */
        sp_pdf_marks_span(rs->marks, lang, actual, actual && !right_to_left(actual));
    }
    cairo_tag_begin(cr, tag, "");
    draw_item(it, t, cr, qm);
    cairo_tag_end(cr, tag);
}

static const char *artifact_tag(enum sp_artifact k)
{
    return k == SP_ARTIFACT_HEADER ? SP_PDF_TAG_HEADER
         : k == SP_ARTIFACT_FOOTER ? SP_PDF_TAG_FOOTER : SP_PDF_TAG_LAYOUT;
}

/* A Figure at i followed by an empty Link with a target (the QR and its link, side by
   side in the plan): the index of that Link's begin, or 0. */
static size_t renest_link(const struct sp_page *pg, size_t i)
{
    size_t j = i + 1;

    while (j < pg->n && is_painting(&pg->items[j]))
        j++;
    if (j + 2 < pg->n && pg->items[j].kind == SP_ITEM_TAG_END && pg->items[j].text &&
        !strcmp(pg->items[j].text, "Figure") &&
        pg->items[j + 1].kind == SP_ITEM_TAG_BEGIN && pg->items[j + 1].text &&
        !strcmp(pg->items[j + 1].text, "Link") && pg->items[j + 1].attr &&
        strstr(pg->items[j + 1].attr, "uri=") && pg->items[j + 2].kind == SP_ITEM_TAG_END &&
        pg->items[j + 2].text && !strcmp(pg->items[j + 2].text, "Link"))
        return j + 1;
    return 0;
}

/* The pre-pass: children, spans and first drawings of the elements on this page. */
static void pre_pass(struct sp_render_state *rs, const struct sp_page *pg, struct pass *ps,
                     unsigned char *cchild, unsigned char *cprops)
{
    long *stack = xmalloc((rs->depth + pg->n + 1) * sizeof *stack);  /* >= 0: item index;
                                                                     < 0: -(carried + 1) */
    size_t sp = 0;

    for (size_t k = 0; k < rs->depth; k++)
        stack[sp++] = -(long)k - 1;
    for (size_t i = 0; i < pg->n; i++) {
        const struct sp_item *it = &pg->items[i];
        long top = sp ? stack[sp - 1] : 0;
        const char *lang, *actual;

        ps->first_x[i] = -1;
        if (it->kind == SP_ITEM_TAG_BEGIN) {
            if (sp) {
                if (top >= 0)
                    ps->child[top] = 1;
                else
                    cchild[-top - 1] = 1;
            }
            if (it->text && !strcmp(it->text, "Figure"))
                ps->renest[i] = renest_link(pg, i);
            stack[sp++] = (long)i;
        } else if (it->kind == SP_ITEM_TAG_END) {
            if (sp)
                sp--;
        } else {
            if (sp && it->artifact == SP_ARTIFACT_NONE && text_props(rs, it, &lang, &actual)) {
                if (top >= 0)
                    ps->props[top] = 1;
                else
                    cprops[-top - 1] = 1;
            }
            /* the first drawing of every element open here */
            for (size_t k = 0; k < sp; k++)
                if (stack[k] >= 0 && ps->first_x[stack[k]] < 0)
                    ps->first_x[stack[k]] = it->x;
        }
    }
    free(stack);
}

void sp_render_page_with(struct sp_render_state *rs, const struct sp_plan *plan,
                         size_t pageno, struct sp_text *t, cairo_t *cr)
{
    const struct sp_page *pg;
    enum sp_qr_method qm = qr_method_for(cr);
    struct pass ps;
    unsigned char *cchild, *cprops;
    struct sp_arena a;

    if (pageno >= plan->npages)
        return;
    pg = &plan->pages[pageno];
    rs->page = pageno;
    sp_arena_init(&a);
    ps.child = xcalloc(pg->n + 1, 1);
    ps.props = xcalloc(pg->n + 1, 1);
    ps.skip = xcalloc(pg->n + 1, 1);
    ps.first_x = xcalloc(pg->n + 1, sizeof *ps.first_x);
    ps.renest = xcalloc(pg->n + 1, sizeof *ps.renest);
    cchild = xcalloc(rs->depth + 1, 1);
    cprops = xcalloc(rs->depth + 1, 1);
    pre_pass(rs, pg, &ps, cchild, cprops);

    /* elements carried in from the last page */
    for (size_t k = 0; k < rs->depth; k++) {
        struct sp_render_open *o = &rs->open[k];
        if (cchild[k] && !o->child && o->direct)
            rs->split_elements++;  /* its drawing on earlier pages loses its element */
        o->child |= cchild[k] != 0;
        o->split = !o->child && cprops[k] && !o->direct;
    }

    for (size_t i = 0; i < pg->n; i++) {
        const struct sp_item *it = &pg->items[i];
        struct sp_render_open *top = top_of(rs);

        if (ps.skip[i])
            continue;
        if (it->kind == SP_ITEM_TAG_BEGIN) {
            const char *name = cairo_name(it->text);
            struct sp_render_open *o;
            size_t j = ps.renest[i];

            if (top)
                top->child = true;
            if (j) {
                /* the Link first, with the Figure inside it: one announcement */
                const struct sp_item *l = &pg->items[j];
                note_top(rs, ps.first_x[i]);
                begin_tag(rs, cr, "Link", l->attr, l->alt, &a);
                push(rs, "Link")->child = true;
                ps.skip[j] = ps.skip[j + 1] = 1;
            } else {
                note_top(rs, ps.first_x[i]);
            }
            begin_tag(rs, cr, name, it->attr, it->alt, &a);
            o = push(rs, name);
            o->child = ps.child[i] != 0;
            o->split = !o->child && ps.props[i];
            o->link_after = j != 0;
        } else if (it->kind == SP_ITEM_TAG_END) {
            if (top) {
                bool link = top->link_after;
                cairo_tag_end(cr, top->name);
                rs->depth--;
                if (link && rs->depth) {
                    cairo_tag_end(cr, rs->open[rs->depth - 1].name);
                    rs->depth--;
                }
            }
        } else if (it->artifact != SP_ARTIFACT_NONE) {
            if (top && !top->child && !top->split) {
                rs->furniture_in_content++;  /* cannot be marked inside a leaf */
                top->direct = true;
                draw_item(it, t, cr, qm);
            } else {
                wrapped(rs, cr, artifact_tag(it->artifact), it, t, qm);
            }
        } else if (it->kind == SP_ITEM_RULE || it->kind == SP_ITEM_RECT) {
            if (!top || top->child)
                wrapped(rs, cr, SP_PDF_TAG_LAYOUT, it, t, qm);
            else if (top->split)
                wrapped(rs, cr, SP_PDF_TAG_SPAN, it, t, qm);
            else {
                top->direct = true;
                draw_item(it, t, cr, qm);
            }
        } else {
            if (top && (top->split || top->child)) {
                /* a split leaf, or an element with children of its own: cairo marks only
                   leaves, so this text becomes a Span child (mixed content) */
                wrapped(rs, cr, SP_PDF_TAG_SPAN, it, t, qm);
            } else {
                if (top)
                    top->direct = true;
                else if ((it->kind == SP_ITEM_TEXT && it->text && *it->text) ||
                         it->kind == SP_ITEM_QR)
                    rs->untagged++;  /* outside every element: the plan's fault */
                draw_item(it, t, cr, qm);
            }
        }
    }
    free(ps.child);
    free(ps.props);
    free(ps.skip);
    free(ps.first_x);
    free(ps.renest);
    free(cchild);
    free(cprops);
    sp_arena_free(&a);
}

void sp_render_page(const struct sp_plan *plan, size_t pageno, struct sp_text *t, cairo_t *cr)
{
    enum sp_qr_method qm = qr_method_for(cr);
    struct sp_render_state rs;

    if (pageno >= plan->npages)
        return;
    if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) {
        /* no structure on images and SVG: just the drawing */
        const struct sp_page *pg = &plan->pages[pageno];
        for (size_t i = 0; i < pg->n; i++)
            draw_item(&pg->items[i], t, cr, qm);
        return;
    }
    sp_render_state_init(&rs, plan, NULL);
    sp_render_page_with(&rs, plan, pageno, t, cr);
    sp_render_state_close(&rs, cr);  /* so cairo's tags balance on this page */
    sp_render_state_release(&rs);
}
