/*
 * test_render.c - render.c executes a plan: colours and boxes checked in pixels, rotated
 * text stays in its box, both QR methods decode, and the two methods are timed
 * (-b for the 1000-draw benchmark figures; the default run times 100 draws).  On PDF
 * surfaces: what goes into the reserved tags and the marks, the plan check behind the
 * PDF/UA claim, and a whole plan through out.c read back in structure order.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test.h"
#include "compose/qr.h"
#include "output/out.h"
#include "output/pdf_syntax.h"
#include "output/render.h"

#define ZOOM76 "https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ012345.1"

static struct sp_text *tx;
static int bench_n = 100;

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);

    return ((const uint32_t *)(const void *)(d + (size_t)y * (size_t)stride))[x] & 0xffffff;
}

/* Bounding box of non-white pixels. */
static void ink_box(cairo_surface_t *s, int *x0, int *y0, int *x1, int *y1)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s), x, y;

    *x0 = w;
    *y0 = h;
    *x1 = *y1 = -1;
    cairo_surface_flush(s);
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++)
            if (pixel(s, x, y) != 0xffffff) {
                if (x < *x0) *x0 = x;
                if (y < *y0) *y0 = y;
                if (x > *x1) *x1 = x;
                if (y > *y1) *y1 = y;
            }
}

static cairo_surface_t *white(int w, int h, cairo_t **cr)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);

    *cr = cairo_create(s);
    cairo_set_source_rgb(*cr, 1, 1, 1);
    cairo_paint(*cr);
    return s;
}

static void test_shapes(void)
{
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_item it;
    cairo_surface_t *s;
    cairo_t *cr;

    sp_plan_init(&plan, 200, 100);
    pg = sp_plan_add_page(&plan);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_RECT;
    it.x = 10; it.y = 10; it.w = 50; it.h = 30; it.rgb = 0x1a5fb4;
    sp_plan_add(&plan, pg, &it);
    it.x = 100; it.y = 10; it.w = 50; it.h = 30; it.rgb = 0xc01c28; it.line_width = 4;
    sp_plan_add(&plan, pg, &it);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_RULE;
    it.x = 10; it.y = 80; it.w = 180; it.h = 0; it.rgb = 0x000000; it.line_width = 4;
    it.dash = 10;
    sp_plan_add(&plan, pg, &it);

    s = white(200, 100, &cr);
    sp_render_page(&plan, 0, tx, cr);
    sp_render_page(&plan, 5, tx, cr);   /* no such page: nothing happens */
    EQ_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS, "cairo status");
    cairo_destroy(cr);
    cairo_surface_flush(s);
    EQ_INT(pixel(s, 35, 25), 0x1a5fb4, "filled rect colour 0xRRGGBB");
    EQ_INT(pixel(s, 9, 25), 0xffffff, "nothing left of the filled rect");
    EQ_INT(pixel(s, 100, 25), 0xc01c28, "stroked rect: edge drawn");
    EQ_INT(pixel(s, 125, 25), 0xffffff, "stroked rect: inside empty");
    EQ_INT(pixel(s, 15, 80), 0x000000, "dashed rule: first dash on");
    EQ_INT(pixel(s, 25, 80), 0xffffff, "dashed rule: gap off");
    EQ_INT(pixel(s, 35, 80), 0x000000, "dashed rule: second dash on");
    EQ_INT(pixel(s, 15, 85), 0xffffff, "rule width 4: nothing 5 pt below");
    cairo_surface_destroy(s);
    sp_plan_release(&plan);
}

static void test_text_boxes(void)
{
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_item it;
    struct sp_font f = { NULL, 24, false, NULL };
    cairo_surface_t *s;
    cairo_t *cr;
    double w = sp_text_width(tx, &f, "Sunday"), h, b;
    int x0, y0, x1, y1;

    sp_text_metrics(tx, &f, &h, &b);
    sp_plan_init(&plan, 300, 300);
    pg = sp_plan_add_page(&plan);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_TEXT;
    it.text = "Sunday";
    it.font = f;
    it.rgb = 0x000000;
    it.x = 100; it.y = 40; it.w = w; it.h = h; it.baseline = b;
    sp_plan_add(&plan, pg, &it);
    s = white(300, 300, &cr);
    sp_render_page(&plan, 0, tx, cr);
    cairo_destroy(cr);
    ink_box(s, &x0, &y0, &x1, &y1);
    OK(x0 >= 100 && x1 <= 100 + w + 1 && y0 >= 40 && y1 <= 40 + h + 1,
       "text ink inside its box (%d,%d)-(%d,%d)", x0, y0, x1, y1);
    OK(x1 - x0 > y1 - y0, "horizontal text is wider than tall");
    cairo_surface_destroy(s);

    /* rotate 90: the box on the page is h wide and w tall; reads bottom-to-top */
    pg->items[0].rotate = 90;
    pg->items[0].w = h;
    pg->items[0].h = w;
    s = white(300, 300, &cr);
    sp_render_page(&plan, 0, tx, cr);
    cairo_destroy(cr);
    ink_box(s, &x0, &y0, &x1, &y1);
    OK(x0 >= 100 && x1 <= 100 + h + 1 && y0 >= 40 && y1 <= 40 + w + 1,
       "rotated text ink inside its box (%d,%d)-(%d,%d)", x0, y0, x1, y1);
    OK(y1 - y0 > x1 - x0, "rotated text is taller than wide");
    /* "S" comes first and sits at the bottom: the capital reaches further left
       (towards the top of the glyphs) than the x-height letters further up */
    {
        int xs = 300, xu = 300, x, y;

        for (y = y1 - 12; y <= y1; y++)
            for (x = x0; x <= x1; x++)
                if (pixel(s, x, y) != 0xffffff && x < xs)
                    xs = x;
        for (y = y0 + (y1 - y0) / 2 - 6; y <= y0 + (y1 - y0) / 2 + 6; y++)
            for (x = x0; x <= x1; x++)
                if (pixel(s, x, y) != 0xffffff && x < xu)
                    xu = x;
        OK(xs < xu - 2, "reads bottom-to-top: capital S at the bottom (%d < %d)", xs, xu);
    }
    cairo_surface_destroy(s);
    sp_plan_release(&plan);
}

/* At 150 dpi the drawn line ends where the device-independent measurement says. */
static void test_text_advance_scaled(void)
{
    struct sp_font f = { NULL, 11, false, NULL };
    const char *s = "Wednesday 7.30pm to 9pm, Tuesday Hope Group, Caerdydd CF10 1AA, "
                    "open to all, step-free access";
    double w = sp_text_width(tx, &f, s), scale = 150 / 72.0;
    cairo_surface_t *img;
    cairo_t *cr;
    int x0, y0, x1, y1;

    img = white((int)(w * scale) + 40, 60, &cr);
    cairo_scale(cr, scale, scale);
    cairo_set_source_rgb(cr, 0, 0, 0);
    sp_text_draw(tx, cr, &f, s, 0, 2);
    cairo_destroy(cr);
    ink_box(img, &x0, &y0, &x1, &y1);
    OK(x1 <= w * scale + 1 && x1 >= w * scale - 6,
       "150 dpi ink ends at the measured advance (%d px vs %.1f)", x1, w * scale);
    cairo_surface_destroy(img);
}

static cairo_status_t null_write(void *c, const unsigned char *d, unsigned int n)
{
    (void)c; (void)d; (void)n;
    return CAIRO_STATUS_SUCCESS;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Time n draws of a 35 mm v5 QR code: on one PDF page (finished) or a 150 dpi image. */
static double time_qr(const struct sp_qr *q, enum sp_qr_method m, int pdf, int n)
{
    struct sp_item it;
    cairo_surface_t *s;
    cairo_t *cr;
    double t0 = now();
    int i;

    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_QR;
    it.x = it.y = 20;
    it.w = it.h = 35 / 25.4 * 72;
    it.bg = 0xffffff;
    it.qr = q;
    if (pdf) {
        s = cairo_pdf_surface_create_for_stream(null_write, NULL, 595, 842);
    } else {
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1240, 1754);
    }
    cr = cairo_create(s);
    if (!pdf)
        cairo_scale(cr, 150 / 72.0, 150 / 72.0);
    for (i = 0; i < n; i++)
        sp_render_qr(cr, &it, m);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return now() - t0;
}

static void test_qr_methods(void)
{
    struct sp_arena a;
    struct sp_qr q;
    struct sp_error err = { 0 };
    double t[2][2];
    int m, pdf;

    sp_arena_init(&a);
    OK(sp_qr_encode(ZOOM76, 'M', NULL, &a, &q, &err) == 0 && q.version == 5, "v5 code");
    for (m = 0; m < 2; m++)
        for (pdf = 0; pdf < 2; pdf++) {
            t[m][pdf] = time_qr(&q, m ? SP_QR_MASK : SP_QR_RUNS, pdf, bench_n);
            printf("# %d draws of a v5 QR, %s on %s: %.1f ms (%.1f us each)\n", bench_n,
                   m ? "A1 mask" : "merged runs", pdf ? "PDF " : "PNG 150 dpi",
                   t[m][pdf] * 1e3, t[m][pdf] * 1e6 / bench_n);
        }
    OK(t[0][0] > 0 && t[1][0] > 0, "both methods timed");
    sp_arena_free(&a);
}

/* A QR item drawn by sp_render_page at an awkward scale (not whole pixels) still decodes. */
static void test_qr_page_decodes(void)
{
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_item it;
    struct sp_qr *q;
    struct sp_error err = { 0 };
    cairo_surface_t *s;
    cairo_t *cr;
    char png[] = "/tmp/sp_renderXXXXXX.png", cmd[160], got[512] = "";
    FILE *fp;
    size_t n;
    int fd;

    if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
        OK(1, "# SKIP zbarimg not installed");
        return;
    }
    sp_plan_init(&plan, 200, 200);
    q = sp_arena_alloc(&plan.arena, sizeof *q);
    OK(sp_qr_encode(ZOOM76, 'M', NULL, &plan.arena, q, &err) == 0, "encode");
    pg = sp_plan_add_page(&plan);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_QR;
    it.x = 13.3; it.y = 17.7; it.w = it.h = 99.2;   /* 2.2 pt modules, off-grid */
    it.rgb = 0x1c1c1c; it.bg = 0xfafafa;
    it.qr = q;
    sp_plan_add(&plan, pg, &it);
    s = white(300, 300, &cr);
    cairo_scale(cr, 150 / 72.0, 150 / 72.0);
    sp_render_page(&plan, 0, tx, cr);
    cairo_destroy(cr);
    fd = mkstemps(png, 4);
    close(fd);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", png);
    fp = popen(cmd, "r");
    n = fp ? fread(got, 1, sizeof got - 1, fp) : 0;
    if (fp)
        pclose(fp);
    while (n > 0 && got[n - 1] == '\n')
        got[--n] = '\0';
    EQ_STR(got, ZOOM76, "page QR at 150 dpi, off-grid, decodes exactly");
    unlink(png);
    sp_plan_release(&plan);
}


/* ---- structure on PDF surfaces ---- */

#define URDU "\xdb\x8c\xdb\x81 \xd9\x85\xdb\x8c\xd9\xb9\xd9\x86\xda\xaf"
#define LINK "https://example.org/j/1?a='x'&b=(y)"

static void t_text(struct sp_plan *p, struct sp_page *pg, const char *s, double y,
                   enum sp_artifact art)
{
    struct sp_item it = { 0 };
    it.kind = SP_ITEM_TEXT;
    it.artifact = art;
    it.text = sp_plan_str(p, s);
    it.font.size = 14;
    it.x = 40;
    it.y = y;
    it.w = 300;
    it.h = 20;
    it.baseline = 15;
    sp_plan_add(p, pg, &it);
}

static void t_tag(struct sp_plan *p, struct sp_page *pg, int begin, const char *name,
                  const char *attr, const char *alt)
{
    struct sp_item it = { 0 };
    it.kind = begin ? SP_ITEM_TAG_BEGIN : SP_ITEM_TAG_END;
    it.text = name;
    it.attr = attr;
    it.alt = alt;
    sp_plan_add(p, pg, &it);
}

static void t_box(struct sp_plan *p, struct sp_page *pg, enum sp_item_kind k, double y,
                  enum sp_artifact art)
{
    struct sp_item it = { 0 };
    it.kind = k;
    it.artifact = art;
    it.x = 40;
    it.y = y;
    it.w = 400;
    it.h = k == SP_ITEM_RULE ? 0 : 20;
    it.line_width = 1;
    it.rgb = 0x003087;
    sp_plan_add(p, pg, &it);
}

/*
 * Two pages shaped like a poster set: Document over both pages; on each a running head
 * and a footer marked as furniture, a rule outside any element, an H1 (page 1), a P with
 * an English and an Urdu line, a P with a rectangle inside, the QR Figure followed by
 * its empty Link (the plan's old shape).  flaw: 1 untagged text, 2 H2 first, 3 Figure
 * without alt, 4 furniture inside a leaf P (flaw 0 has it inside the P that is split into
 * spans, where it can be marked).
 */
static void make_tagged(struct sp_plan *p, const struct sp_qr *qr, int flaw)
{
    sp_plan_init(p, 595, 842);
    p->lang = "en-GB";
    p->title = "Meetings";
    for (int k = 0; k < 2; k++) {
        struct sp_page *pg = sp_plan_add_page(p);
        struct sp_item q = { 0 };
        char foot[32];

        snprintf(foot, sizeof foot, "Page %d of 2", k + 1);
        if (k == 0)
            t_tag(p, pg, 1, "Document", NULL, NULL);
        t_text(p, pg, "Free support meetings near you", 20, SP_ARTIFACT_HEADER);
        t_box(p, pg, SP_ITEM_RULE, 50, SP_ARTIFACT_NONE);
        if (k == 0) {
            t_tag(p, pg, 1, flaw == 2 ? "H2" : "H1", NULL, NULL);
            t_text(p, pg, "Cardiff", 60, SP_ARTIFACT_NONE);
            t_tag(p, pg, 0, flaw == 2 ? "H2" : "H1", NULL, NULL);
        }
        t_tag(p, pg, 1, "P", NULL, NULL);
        t_text(p, pg, "Harbour Lights Centre", 100, SP_ARTIFACT_NONE);
        t_text(p, pg, URDU, 130, SP_ARTIFACT_NONE);
        if (flaw == 0)
            t_text(p, pg, "Continued overleaf", 160, SP_ARTIFACT_FOOTER);  /* in a split P */
        t_tag(p, pg, 0, "P", NULL, NULL);
        t_tag(p, pg, 1, "P", NULL, NULL);
        t_box(p, pg, SP_ITEM_RECT, 200, SP_ARTIFACT_NONE);
        t_text(p, pg, "7pm to 8pm", 200, SP_ARTIFACT_NONE);
        if (flaw == 4)
            t_text(p, pg, "Continued overleaf", 230, SP_ARTIFACT_FOOTER);  /* in a leaf P */
        t_tag(p, pg, 0, "P", NULL, NULL);
        t_tag(p, pg, 1, "Figure", NULL, flaw == 3 ? NULL : "Join the meeting on Zoom");
        q.kind = SP_ITEM_QR;
        q.qr = qr;
        q.x = 400;
        q.y = 300;
        q.w = q.h = 100;
        q.bg = 0xffffff;
        sp_plan_add(p, pg, &q);
        t_tag(p, pg, 0, "Figure", NULL, NULL);
        t_tag(p, pg, 1, "Link", "uri='https://example.org/j/1?a=\\'x\\'&b=(y)' "
                                "rect=[400 300 100 100]", "Join the meeting on Zoom");
        t_tag(p, pg, 0, "Link", NULL, NULL);
        /* a meeting as a list item: LBody holds its own lines and the QR's Link */
        t_tag(p, pg, 1, "L", NULL, NULL);
        t_tag(p, pg, 1, "LI", NULL, NULL);
        t_tag(p, pg, 1, "Lbl", NULL, NULL);
        t_text(p, pg, "6.30pm", 600, SP_ARTIFACT_NONE);
        t_tag(p, pg, 0, "Lbl", NULL, NULL);
        t_tag(p, pg, 1, "LBody", NULL, NULL);
        t_text(p, pg, "Harbour group", 600, SP_ARTIFACT_NONE);
        t_text(p, pg, "Cardiff CF10 4ZG", 620, SP_ARTIFACT_NONE);
        t_tag(p, pg, 1, "Figure", NULL, "Join Harbour group on Zoom");
        q.y = 600;
        sp_plan_add(p, pg, &q);
        t_tag(p, pg, 0, "Figure", NULL, NULL);
        t_tag(p, pg, 1, "Link", "uri='https://example.org/h' rect=[400 600 100 100]",
              "Join Harbour group on Zoom");
        t_tag(p, pg, 0, "Link", NULL, NULL);
        t_tag(p, pg, 0, "LBody", NULL, NULL);
        t_tag(p, pg, 0, "LI", NULL, NULL);
        t_tag(p, pg, 0, "L", NULL, NULL);
        if (flaw == 1)
            t_text(p, pg, "stray", 500, SP_ARTIFACT_NONE);
        t_text(p, pg, foot, 800, SP_ARTIFACT_FOOTER);
        if (k == 1)
            t_tag(p, pg, 0, "Document", NULL, NULL);
        if (flaw == 1 && k == 1)
            t_text(p, pg, "after the Document", 820, SP_ARTIFACT_NONE);
    }
}

static void test_tags(void)
{
    struct sp_arena a;
    struct sp_qr qrs, *qr = &qrs;
    struct sp_error err = { 0 };

    sp_arena_init(&a);
    if (!OK(sp_qr_encode(ZOOM76, 'M', "test", &a, qr, &err) == 0, "qr encoded"))
        return;
    for (int flaw = 0; flaw <= 4; flaw++) {
        struct sp_plan p;
        struct sp_pdf_marks m;
        struct sp_render_state rs;
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(NULL, NULL, 595, 842);
        cairo_t *cr = cairo_create(s);

        make_tagged(&p, qr, flaw);
        sp_pdf_marks_init(&m);
        sp_render_state_init(&rs, &p, &m);
        for (size_t i = 0; i < p.npages; i++) {
            sp_render_page_with(&rs, &p, i, tx, cr);
            cairo_show_page(cr);
        }
        EQ_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS, "tags: cairo accepts every tag");
        printf("# flaw %d\n", flaw);
        if (flaw == 0) {
            char *safe = sp_pdf_uri(LINK);
            EQ_INT(m.nspans, 8, "spans: the P's two lines and the LBody's two, on 2 pages");
            OK(m.nspans == 8 && !m.spans[0].lang && !m.spans[0].actual_text,
               "the English line: a span without /Lang");
            OK(m.nspans == 8 && m.spans[1].lang && !strcmp(m.spans[1].lang, "ur") &&
               m.spans[1].actual_text && !strcmp(m.spans[1].actual_text, URDU) &&
               !m.spans[1].in_content,
               "the Urdu line: /Lang ur, its text as ActualText, on the element (right to left)");
            EQ_INT(m.nlinks, 4, "links recorded");
            OK(m.nlinks && !strcmp(m.links[0].uri, safe) && !strchr(safe, '\'') &&
               !strchr(safe, '(') && !strchr(safe, ')'), "link: the target, made quote-safe "
               "(%s)", safe);
            OK(m.nlinks && !strcmp(m.links[0].contents, "Join the meeting on Zoom"),
               "link: /Contents from the plan");
            EQ_INT(m.nalts, 4, "figures recorded");
            OK(sp_render_state_conforms(&rs), "a well-tagged plan may claim PDF/UA");
            free(safe);
        } else {
            OK(!sp_render_state_conforms(&rs), "a flawed plan may not claim PDF/UA");
            EQ_INT(rs.untagged, flaw == 1 ? 1 : 0,
                   "text outside every element counted (inside the Document it is a Span)");
            EQ_INT(rs.heading_skips, flaw == 2 ? 1 : 0, "first heading H2 counted");
            OK(rs.has_h1 == (flaw != 2), "H1 seen or not");
            EQ_INT(rs.figures_without_alt, flaw == 3 ? 2 : 0, "Figure without alt counted");
            OK(flaw != 1 || m.nspans == 10, "text directly in the Document: a Span (2 pages)");
            EQ_INT(rs.furniture_in_content, flaw == 4 ? 2 : 0, "furniture inside a P counted");
        }
        sp_render_state_release(&rs);
        sp_pdf_marks_release(&m);
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        sp_plan_release(&p);
    }
    sp_arena_free(&a);
}

static int run_cmd(const char *cmd, char **out)
{
    FILE *fp = popen(cmd, "r");
    size_t n = 0, cap = 1 << 16;
    int st;

    *out = calloc(1, cap);
    if (!fp)
        return -1;
    for (size_t r; (r = fread(*out + n, 1, cap - 1 - n, fp)) > 0;) {
        n += r;
        if (cap - n < 1024)
            *out = realloc(*out, cap *= 2);
    }
    (*out)[n] = '\0';
    st = pclose(fp);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The whole way through out.c: the validator finds nothing, the furniture is not read. */
static void test_read_back(void)
{
    struct sp_arena a;
    struct sp_qr qrs, *qr = &qrs;
    struct sp_error err = { 0 };
    struct sp_plan p;
    struct sp_out_opts o = { SP_OUT_PDF, 72, 1795651200, "test" };
    char dir[] = "/tmp/sp_renderXXXXXX", path[128], cmd[1024], chk[512], *out;
    const char *build = getenv("BUILD");

    snprintf(chk, sizeof chk, "%s/tests/tools/pdfua_check", build ? build : SP_DATADIR "/build");
    if (access(chk, X_OK) != 0 || system("command -v pdftotext >/dev/null 2>&1") != 0) {
        test_count++;
        printf("ok %d # SKIP pdfua_check or pdftotext missing\n", test_count);
        return;
    }
    sp_arena_init(&a);
    if (!mkdtemp(dir) || sp_qr_encode(ZOOM76, 'M', "test", &a, qr, &err) != 0)
        return;
    snprintf(path, sizeof path, "%s/p.pdf", dir);
    make_tagged(&p, qr, 0);
    sp_plan_add_outline(&p, -1, "Cardiff", 0, 60);
    EQ_INT(sp_out_write(&p, tx, path, &o, &err), 0, "read back: written");
    snprintf(cmd, sizeof cmd, "'%s' '%s' 2>&1", chk, path);
    if (!OK(run_cmd(cmd, &out) == 0, "read back: pdfua_check finds nothing"))
        printf("# %s\n", out);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' --text '%s' 2>&1", chk, path);
    run_cmd(cmd, &out);
    EQ_INT(occurrences(out, "Free support meetings near you"), 0,
           "structure order: the running head is not read");
    EQ_INT(occurrences(out, "Page 1 of 2") + occurrences(out, "Page 2 of 2") +
           occurrences(out, "Continued overleaf"), 0,
           "structure order: the page numbers and footers are not read");
    EQ_INT(occurrences(out, "Harbour Lights Centre"), 2, "control: the content is read");
    OK(strstr(out, "Span: " URDU "\n") != NULL, "structure order: the Urdu line exactly");
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' --tree '%s' 2>&1", chk, path);
    run_cmd(cmd, &out);
    OK(strstr(out, "\n  Link\n    Figure p1 \"Join the meeting on Zoom\"\n") != NULL,
       "the QR Figure is inside its Link: one announcement");
    OK(strstr(out, "\n  L\n    LI\n      Lbl p1 \"6.30pm\"\n      LBody\n"
                   "        Span p1 \"Harbour group\"\n        Span p1 \"Cardiff CF10 4ZG\"\n"
                   "        Link\n          Figure p1 \"Join Harbour group on Zoom\"\n") != NULL,
       "a list item: LBody's own lines as Spans beside the QR's Link (cairo marks only leaves)");
    free(out);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
    run_cmd(cmd, &out);
    EQ_INT(occurrences(out, "Free support meetings near you"), 2,
           "control: the running head is drawn on both pages");
    free(out);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    sp_plan_release(&p);
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };
    int i;

    test_init(argc, argv);
    for (i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-b"))
            bench_n = 1000;
    tx = sp_text_new(SP_DATADIR "/fonts", SP_DATADIR "/build/fccache", &err);
    if (!OK(tx != NULL, "sp_text_new (%s)", err.msg))
        return test_done();
    TEST_RUN(test_shapes);
    TEST_RUN(test_text_boxes);
    TEST_RUN(test_text_advance_scaled);
    TEST_RUN(test_qr_methods);
    TEST_RUN(test_qr_page_decodes);
    TEST_RUN(test_tags);
    TEST_RUN(test_read_back);
    sp_text_free(tx);
    return test_done();
}
