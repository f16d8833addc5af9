/*
 * test_pdf_a11y.c - the PDF/UA filter (pdf_a11y.h) on tagged PDFs written by cairo 1.16
 * with the renderer's reserved tags, and on synthetic files for the edge cases: the
 * output read back with qpdf (--check and QDF text), pdftotext and tests/tools/pdfua_check
 * (SKIP when a tool is missing); malformed input, cut input and one-byte writes.
 */
#include "output/pdf_a11y.h"
#include "compose/text.h"
#include "base/error.h"
#include "../test.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#define DATE 1795651200   /* 2026-11-26T00:00:00Z */
#define URDU "\xdb\x8c\xdb\x81 \xd9\x85\xdb\x8c\xd9\xb9\xd9\x86\xda\xaf"  /* "یہ میٹنگ" */
#define BENGALI "\xe0\xa6\xb8\xe0\xa6\xac\xe0\xa6\xbe\xe0\xa6\x87\xe0\xa6\x95\xe0\xa7\x87 " \
    "\xe0\xa6\xb8\xe0\xa7\x8d\xe0\xa6\xac\xe0\xa6\xbe\xe0\xa6\x97\xe0\xa6\xa4"  /* "সবাইকে স্বাগত" */
#define URI1 "https://example.org/meetings?day=mon%28all%29"

static struct sp_text *tx;
static char dir[] = "/tmp/sp_pdfa11yXXXXXX";
static const char *checker;   /* tests/tools/pdfua_check, or NULL */

/* ---- helpers ---- */

static void skip(const char *why)
{
    test_count++;
    printf("ok %d # SKIP %s\n", test_count, why);
}

static int have_tool(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* Run cmd (stderr merged), return its exit status; output in a malloc'd string. */
static int run(const char *cmd, char **out)
{
    char full[1200];
    FILE *fp;
    size_t n = 0, cap = 65536;
    int st;

    snprintf(full, sizeof full, "%s 2>&1", cmd);
    *out = calloc(1, cap);
    fp = popen(full, "r");
    if (!fp)
        return -1;
    for (;;) {
        size_t r;
        if (cap - n < 4096)
            *out = realloc(*out, cap *= 2);
        r = fread(*out + n, 1, cap - 1 - n, fp);
        if (!r)
            break;
        n += r;
    }
    (*out)[n] = '\0';
    st = pclose(fp);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *path_of(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int spew(const char *path, const unsigned char *p, size_t n)
{
    FILE *fp = fopen(path, "wb");
    int ok = fp && fwrite(p, 1, n, fp) == n;
    return fp && fclose(fp) == 0 && ok ? 0 : -1;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, l = strlen(needle);
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += l)
        n++;
    return n;
}

static size_t count_bytes(const unsigned char *p, size_t n, const char *needle)
{
    size_t c = 0, l = strlen(needle);
    for (size_t i = 0; i + l <= n; i++)
        if (!memcmp(p + i, needle, l))
            c++;
    return c;
}

/* The output as QDF (uncompressed, one object a line block), or NULL without qpdf. */
static char *qdf(const char *name, const unsigned char *p, size_t n)
{
    char cmd[700], *out = NULL;
    if (!have_tool("qpdf"))
        return NULL;
    spew(path_of(name), p, n);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - ", path_of(name));
    if (run(cmd, &out) != 0) {
        printf("# qpdf: %.300s\n", out);
        free(out);
        return NULL;
    }
    return out;
}

static void check_qpdf(const char *what, const unsigned char *p, size_t n)
{
    char cmd[600], *out;
    if (!have_tool("qpdf")) {
        skip("qpdf not installed");
        return;
    }
    spew(path_of("check.pdf"), p, n);
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path_of("check.pdf"));
    if (!OK(run(cmd, &out) == 0 && strstr(out, "No syntax or stream encoding errors"),
            "%s: qpdf --check clean", what))
        printf("# %.500s\n", out);
    free(out);
}

/* Run the checker on the output: its exit status, its output in *out (or -2 without it). */
static int check_ua(const char *args, const unsigned char *p, size_t n, char **out)
{
    char cmd[700];
    *out = NULL;
    if (!checker)
        return -2;
    spew(path_of("ua.pdf"), p, n);
    snprintf(cmd, sizeof cmd, "'%s' %s '%s'", checker, args, path_of("ua.pdf"));
    return run(cmd, out);
}

/* ---- PDFs from cairo, as the renderer makes them ---- */

struct membuf {
    unsigned char *p;
    size_t n, cap;
};

static cairo_status_t mem_write(void *closure, const unsigned char *d, unsigned int n)
{
    struct membuf *b = closure;
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
    return CAIRO_STATUS_SUCCESS;
}

static void text(cairo_t *cr, const char *s, double x, double y, const char *lang)
{
    struct sp_font f = { NULL, 14, false, lang };
    cairo_set_source_rgb(cr, 0, 0, 0);
    sp_text_draw(tx, cr, &f, s, x, y);
}

static void tag(cairo_t *cr, const char *name, const char *attr, void (*draw)(cairo_t *, void *),
                void *arg)
{
    cairo_tag_begin(cr, name, attr ? attr : "");
    if (draw)
        draw(cr, arg);
    cairo_tag_end(cr, name);
}

static double text_y;

static void draw_text(cairo_t *cr, void *s)
{
    text(cr, s, 40, text_y += 40, NULL);
}

static void draw_rule(cairo_t *cr, void *unused)
{
    (void)unused;
    cairo_move_to(cr, 40, 100);
    cairo_line_to(cr, 500, 100);
    cairo_stroke(cr);
}

static void draw_box(cairo_t *cr, void *unused)
{
    (void)unused;
    cairo_rectangle(cr, 400, 300, 80, 80);
    cairo_fill(cr);
}

/*
 * Two pages in the renderer's shape: Document { H1, RT running head, RB rule, P, Link
 * (Figure), WT Welsh span, WT Urdu span inside P, RP page number }.  Marks filled as the
 * renderer would: 2 links, 2 figures, 4 spans.
 */
static int make_scene(struct membuf *b, struct sp_pdf_marks *m)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mem_write, b, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_status_t st;

    sp_pdf_marks_init(m);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    cairo_tag_begin(cr, "Document", "");
    for (int pg = 0; pg < 2; pg++) {
        char head[32];
        snprintf(head, sizeof head, "Page %d of 2", pg + 1);
        text_y = 200;
        if (pg == 0)
            tag(cr, "H1", NULL, draw_text, "Meetings in Cardiff");
        tag(cr, SP_PDF_TAG_HEADER, NULL, draw_text, "Running head");
        tag(cr, SP_PDF_TAG_LAYOUT, NULL, draw_rule, NULL);
        cairo_tag_begin(cr, "P", "");
        cairo_tag_begin(cr, SP_PDF_TAG_SPAN, "");
        text(cr, "Cyfarfod agored", 40, 140, "cy");
        cairo_tag_end(cr, SP_PDF_TAG_SPAN);
        sp_pdf_marks_span(m, "cy", NULL, false);
        cairo_tag_begin(cr, SP_PDF_TAG_SPAN, "");
        text(cr, URDU, 40, 180, "ur");
        cairo_tag_end(cr, SP_PDF_TAG_SPAN);
        sp_pdf_marks_span(m, "ur", URDU, false);
        cairo_tag_begin(cr, SP_PDF_TAG_SPAN, "");
        text(cr, BENGALI, 40, 220, "bn");
        cairo_tag_end(cr, SP_PDF_TAG_SPAN);
        sp_pdf_marks_span(m, "bn", BENGALI, true);
        cairo_tag_end(cr, "P");
        cairo_tag_begin(cr, "Link", "uri='" URI1 "' rect=[400 300 80 80]");
        tag(cr, "Figure", NULL, draw_box, NULL);
        cairo_tag_end(cr, "Link");
        sp_pdf_marks_link(m, URI1, "Join (online) on Zoom");
        sp_pdf_marks_figure(m, "QR code: every meeting \\ online");
        tag(cr, SP_PDF_TAG_FOOTER, NULL, draw_text, head);
        cairo_show_page(cr);
    }
    cairo_tag_end(cr, "Document");
    cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Cardiff (all) \\", "page=1", 0);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static const char *const bookmarks[] = { "Cardiff (all) \\" };

static struct sp_pdf_a11y base_info(const struct sp_pdf_marks *m)
{
    struct sp_pdf_a11y info;

    memset(&info, 0, sizeof info);
    info.lang = "en-GB";
    info.title = "Meetings <& more> (Cardiff)";
    info.author = "Example Recovery Network";
    info.subject = "Mutual-aid meetings";
    info.keywords = "meetings";
    info.creator = "signpost 0.1.0";
    info.producer = "cairo 1.16.0 (https://cairographics.org)";
    info.date = DATE;
    info.pdfua = true;
    info.marks = m;
    return info;
}

/* base_info for make_scene's file, which has one bookmark */
static struct sp_pdf_a11y scene_info(const struct sp_pdf_marks *m)
{
    struct sp_pdf_a11y info = base_info(m);

    info.outline = bookmarks;
    info.noutline = 1;
    return info;
}

/* ---- tests ---- */

static void test_scene(void)
{
    struct membuf b = { 0 };
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    unsigned char *out = NULL;
    size_t outlen = 0;
    char *q, *ua;

    if (!OK(make_scene(&b, &m) == 0, "cairo wrote the scene"))
        return;
    OK(count_bytes(b.p, b.n, "/S /RB") == 2 && count_bytes(b.p, b.n, "/S /WT") == 6,
       "control: cairo wrote the reserved tags as structure elements");
    info = scene_info(&m);
    EQ_INT(sp_pdf_a11y_rewrite(b.p, b.n, &info, &out, &outlen, &err), 0, "rewrite");
    if (err.code)
        printf("# %s\n", err.msg);
    if (!out)
        return;
    check_qpdf("scene", out, outlen);
    OK(count_bytes(b.p, b.n, "/Title <FEFF") == 1, "control: cairo wrote the bookmark in hex");
    OK(count_bytes(out, outlen, "/Title (Cardiff \\(all\\) \\\\)") == 1,
       "the bookmark's title from our writer: a literal, escaped");
    q = qdf("scene.pdf", out, outlen);
    if (!q) {
        skip("qpdf not installed");
    } else {
        EQ_INT(count(q, "/Artifact << /Type /Layout >> BDC"), 2, "rules: 2 layout artifacts");
        EQ_INT(count(q, "/Artifact << /Type /Pagination /Subtype /Header >> BDC"), 2,
               "running heads: 2 header artifacts");
        EQ_INT(count(q, "/Artifact << /Type /Pagination /Subtype /Footer >> BDC"), 2,
               "page numbers: 2 footer artifacts");
        OK(!strstr(q, "/RB") && !strstr(q, "/RT ") && !strstr(q, "/RP") && !strstr(q, "/WT"),
           "no reserved name is left anywhere");
        EQ_INT(count(q, "/Type /StructElem"), 14,
               "structure: Document, H1, 2 P, 6 Span, 2 Link, 2 Figure (artifacts dropped)");
        EQ_INT(count(q, "/Lang (cy)"), 4, "Welsh spans: /Lang (cy) in content and element");
        EQ_INT(count(q, "/Lang (ur)"), 4, "Urdu spans: /Lang (ur) in content and element");
        EQ_INT(count(q, "/Lang (bn)"), 4, "Bengali spans: /Lang (bn) in content and element");
        EQ_INT(count(q, "  /ActualText <feff06cc06c10020064506cc0679064606af>\n"), 2,
               "Urdu (right to left): the source text as the element's /ActualText");
        OK(count(q, "/Span << /ActualText <feff06") >= 2,
           "Urdu: cairo's per-cluster spans kept in the content (poppler reads them in order)");
        EQ_INT(count(q, "/ActualText <feff09b809ac09be0987099509c7002009b809cd09ac09be099709a4>"), 4,
               "Bengali (left to right): the source text on content and element");
        EQ_INT(count(q, "/Span << /ActualText <feff09"), 0,
               "Bengali: cairo's per-cluster spans inside ours are gone");
        EQ_INT(count(q, "/URI (" URI1 ")"), 2, "links: /URI as given");
        EQ_INT(count(q, "/Contents (Join \\(online\\) on Zoom)"), 2, "links: /Contents escaped");
        EQ_INT(count(q, "/Alt (QR code: every meeting \\\\ online)"), 2, "figures: /Alt escaped");
        EQ_INT(count(q, "/Tabs /S"), 2, "pages with links: /Tabs /S");
        EQ_INT(count(q, "/CIDToGIDMap /Identity"), count(q, "/Subtype /CIDFontType2"),
               "every CIDFontType2 has /CIDToGIDMap /Identity");
        OK(count(q, "/Subtype /CIDFontType2") >= 1, "control: there are CIDFontType2 fonts");
        EQ_INT(count(q, "/CreationDate (D:20261126000000Z)"), 1, "Info date with D:");
        EQ_INT(count(q, "/ModDate (D:20261126000000Z)"), 1, "Info mod date with D:");
        EQ_INT(count(q, "/Lang (en-GB)"), 1, "catalog /Lang");
        OK(strstr(q, "/DisplayDocTitle true") != NULL, "catalog: DisplayDocTitle");
        OK(strstr(q, "/Marked true") != NULL, "catalog: MarkInfo Marked");
        OK(strstr(q, "<pdfuaid:part>1</pdfuaid:part>") != NULL, "XMP claims PDF/UA-1");
        OK(strstr(q, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Meetings &lt;&amp; "
                     "more&gt; (Cardiff)</rdf:li>") != NULL, "XMP title escaped");
        EQ_INT(count_bytes(out, outlen, "\n  null"), 6,
               "parent tree: the 3 artifacts of each page are null");
        free(q);
    }
    switch (check_ua("", out, outlen, &ua)) {
    case -2:
        skip("pdfua_check not built");
        break;
    case 0:
        OK(1, "pdfua_check finds nothing");
        break;
    default:
        OK(0, "pdfua_check finds nothing");
        printf("# %s\n", ua);
    }
    free(ua);
    if (check_ua("--text", out, outlen, &ua) != -2) {
        OK(ua && !strstr(ua, "Running head") && !strstr(ua, "Page 1 of 2"),
           "structure-order text has no running head and no page number");
        OK(ua && strstr(ua, "Span: " URDU "\n") != NULL,
           "structure-order text: the Urdu run is exactly the source (ActualText)");
        OK(ua && strstr(ua, "Span: " BENGALI "\n") != NULL,
           "structure-order text: the Bengali run is exactly the source");
        OK(ua && strstr(ua, "H1: Meetings in Cardiff\n") != NULL, "control: the H1 is read");
        free(ua);
    } else {
        skip("pdfua_check not built");
    }
    if (have_tool("pdftotext")) {
        char cmd[600], *t;
        spew(path_of("t.pdf"), out, outlen);
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path_of("t.pdf"));
        run(cmd, &t);
        OK(strstr(t, "Running head") && strstr(t, "Page 2 of 2"),
           "the furniture is still drawn (pdftotext sees it)");
        OK(!strstr(t, "\xef\xbf\xbd"), "pdftotext: no U+FFFD");
        OK(strstr(t, BENGALI) != NULL, "pdftotext: the Bengali run exactly");
        free(t);
    } else {
        skip("pdftotext not installed");
    }

    /* the claim is the caller's: without it the XMP says nothing */
    free(out);
    info.pdfua = false;
    EQ_INT(sp_pdf_a11y_rewrite(b.p, b.n, &info, &out, &outlen, &err), 0, "rewrite, no claim");
    OK(out && !count_bytes(out, outlen, "pdfuaid:part"), "no claim: no pdfuaid:part");
    {
        unsigned char *again = NULL;
        size_t alen = 0;
        sp_pdf_a11y_rewrite(b.p, b.n, &info, &again, &alen, &err);
        OK(again && alen == outlen && !memcmp(again, out, alen), "deterministic");
        free(again);
    }
    free(out);
    free(b.p);
    sp_pdf_marks_release(&m);
}

static int mem_sink(void *closure, const unsigned char *d, size_t n)
{
    struct membuf *b = closure;
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
    return 0;
}

static int full_sink(void *closure, const unsigned char *d, size_t n)
{
    (void)closure;
    (void)d;
    (void)n;
    return 28;  /* ENOSPC */
}

static void test_chunks(void)
{
    struct membuf b = { 0 }, one = { 0 };
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    unsigned char *out = NULL;
    size_t outlen = 0;
    struct sp_pdf_filter *f;
    int ioe = 0, rc = 0;

    if (!OK(make_scene(&b, &m) == 0, "chunks: scene"))
        return;
    info = scene_info(&m);
    sp_pdf_a11y_rewrite(b.p, b.n, &info, &out, &outlen, &err);
    f = sp_pdf_filter_new(&info, mem_sink, &one);
    for (size_t i = 0; i < b.n && !rc; i++)
        rc = sp_pdf_filter_write(f, b.p + i, 1);
    EQ_INT(rc, 0, "chunks: one byte at a time accepted");
    EQ_INT(sp_pdf_filter_finish(f, &ioe, &err), 0, "chunks: finished");
    sp_pdf_filter_free(f);
    OK(out && one.n == outlen && !memcmp(one.p, out, outlen),
       "chunks: the same bytes as in one piece");

    /* a sink that fails: an I/O error with its errno, never a PDF error */
    memset(&err, 0, sizeof err);
    f = sp_pdf_filter_new(&info, full_sink, NULL);
    rc = sp_pdf_filter_write(f, b.p, b.n);
    EQ_INT(rc, -1, "full disk: write fails");
    EQ_INT(sp_pdf_filter_finish(f, &ioe, &err), -1, "full disk: finish fails");
    EQ_INT(ioe, 28, "full disk: errno ENOSPC handed back");
    EQ_INT(err.code, SP_ERR_IO, "full disk: SP_ERR_IO");
    sp_pdf_filter_free(f);
    free(one.p);
    free(out);
    free(b.p);
    sp_pdf_marks_release(&m);
}

/* Feed p[0..n): its first `first` bytes in one piece, the rest in pieces of `step`
   bytes; the output in *o (0 or -1). */
static int filter_in_steps(const struct sp_pdf_a11y *info, const unsigned char *p, size_t n,
                           size_t first, size_t step, struct membuf *o)
{
    struct sp_error err = { 0 };
    struct sp_pdf_filter *f = sp_pdf_filter_new(info, mem_sink, o);
    int ioe = 0, rc = 0;

    if (first)
        rc = sp_pdf_filter_write(f, p, first);
    for (size_t i = first; i < n && !rc; i += step)
        rc = sp_pdf_filter_write(f, p + i, n - i < step ? n - i : step);
    if (sp_pdf_filter_finish(f, &ioe, &err) != 0)
        rc = -1;
    sp_pdf_filter_free(f);
    return rc;
}

/*
 * Issue 16 item 9: cairo's cross-reference table (about 20 bytes an object) is given up as
 * it arrives, never held whole.  A table padded to 12,000 entries changes nothing in the
 * output, whatever the size of the pieces it comes in ("trailer" split between two).
 */
static void test_long_xref(void)
{
    struct membuf b = { 0 }, pad = { 0 }, want = { 0 };
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    static const size_t steps[] = { 0, 1, 7, 4093, 65536 };
    const size_t nsteps = sizeof steps / sizeof steps[0];
    const unsigned char *t;
    size_t at;

    if (!OK(make_scene(&b, &m) == 0, "long xref: scene"))
        return;
    info = scene_info(&m);
    for (t = NULL, at = 0; at + 7 <= b.n && !t; at++)
        if (!memcmp(b.p + at, "trailer", 7))
            t = b.p + at;
    if (!OK(t != NULL, "long xref: the scene has a trailer"))
        goto out;
    at = (size_t)(t - b.p);
    /* a second subsection of free entries, as if the file had 12,000 more objects */
    mem_write(&pad, b.p, (unsigned)at);
    {
        char line[32];
        snprintf(line, sizeof line, "100000 12000\n");
        mem_write(&pad, (const unsigned char *)line, (unsigned)strlen(line));
        for (int i = 0; i < 12000; i++)
            mem_write(&pad, (const unsigned char *)"0000000000 65535 f \n", 20);
    }
    mem_write(&pad, b.p + at, (unsigned)(b.n - at));
    EQ_INT(filter_in_steps(&info, b.p, b.n, 0, b.n, &want), 0, "long xref: the plain scene");
    for (size_t k = 0; k < nsteps; k++) {
        struct membuf o = { 0 };
        char name[96];
        /* steps[0] == 0: up to "xref", then the table and "trai" in one piece, "ler" and
           the rest in the next */
        size_t tpos = pad.n - (b.n - at), first = 0, step = steps[k];
        if (!step) {
            for (first = tpos; first > 0 && memcmp(pad.p + first, "xref", 4); first--)
                ;
            first += 5;
            step = tpos + 4 - first;
        }
        int rc = filter_in_steps(&info, pad.p, pad.n, first, step, &o);
        char how[48];
        if (steps[k])
            snprintf(how, sizeof how, "in pieces of %zu bytes", steps[k]);
        else
            snprintf(how, sizeof how, "'trailer' split between pieces");
        snprintf(name, sizeof name, "long xref: %s: accepted", how);
        EQ_INT(rc, 0, name);
        snprintf(name, sizeof name, "long xref: %s: the same output", how);
        OK(want.n && o.n == want.n && !memcmp(o.p, want.p, want.n), "%s", name);
        free(o.p);
    }
out:
    free(want.p);
    free(pad.p);
    free(b.p);
    sp_pdf_marks_release(&m);
}

/*
 * Issue 16 item 9: the new cross-reference table is written as it is made (in pieces of
 * 64 KB), not built whole.  A file of 1,500 pages (over 4,000 objects, an xref of more
 * than 64 KB): every entry in use points at its object, and qpdf reads it unrepaired.
 */
static void test_many_objects(void)
{
    struct membuf b = { 0 };
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    unsigned char *out = NULL;
    size_t outlen = 0, nused = 0, bad = 0;
    unsigned long xref_at = 0, first = 0, count = 0;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mem_write, &b, 595, 842);
    cairo_t *cr = cairo_create(s);
    char *tail, *e;

    sp_pdf_marks_init(&m);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    cairo_tag_begin(cr, "Document", "");
    for (int pg = 0; pg < 1500; pg++) {
        cairo_tag_begin(cr, "P", "");
        text(cr, "Meeting", 40, 100, NULL);
        cairo_tag_end(cr, "P");
        cairo_show_page(cr);
    }
    cairo_tag_end(cr, "Document");
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    info = base_info(&m);
    EQ_INT(sp_pdf_a11y_rewrite(b.p, b.n, &info, &out, &outlen, &err), 0, "many: rewritten");
    if (!out)
        goto done;
    /* the last startxref, the xref it names, each entry in use checked */
    for (size_t i = outlen - 9; i > 0 && !xref_at; i--)
        if (!memcmp(out + i, "startxref", 9))
            xref_at = strtoul((const char *)out + i + 10, NULL, 10);
    tail = (char *)out + xref_at;
    OK(xref_at && !strncmp(tail, "xref\n", 5), "many: startxref names the xref");
    first = strtoul(tail + 5, &e, 10);
    count = strtoul(e, &e, 10);
    OK(first == 0 && count > 4000, "many: one subsection of %lu objects (over 4,000)", count);
    e = strchr(e, '\n') + 1;
    for (unsigned long i = 0; i < count && e[17] && e[17] != 't'; i++, e += 20) {
        char want[32];
        if (e[17] != 'n')
            continue;
        nused++;
        snprintf(want, sizeof want, "%lu 0 obj", i);
        if (strncmp((const char *)out + strtoul(e, NULL, 10), want, strlen(want)))
            bad++;
    }
    OK(nused > 4000 && bad == 0, "many: all %zu entries in use point at their objects (%zu not)",
       nused, bad);
    OK(!strncmp(e, "trailer", 7), "many: the trailer follows the last entry");
    check_qpdf("many", out, outlen);
done:
    free(out);
    free(b.p);
    sp_pdf_marks_release(&m);
}

/* Marks that do not match what cairo wrote: an error naming what, never a wrong file. */
static void test_mismatch(void)
{
    struct membuf b = { 0 };
    struct sp_pdf_marks m, bad;
    struct sp_pdf_a11y info;
    unsigned char *out;
    size_t outlen;

    if (!OK(make_scene(&b, &m) == 0, "mismatch: scene"))
        return;
    struct mcase {
        int what;
        const char *msg;
    } cases[] = {
        { 0, "pdf update: link annotation " },
        { 1, "pdf update: more link annotations than links drawn" },
        { 2, "pdf update: more '/Figure' elements than figures drawn" },
        { 3, "pdf update: more language or text spans than were drawn" },
        { 4, "pdf update: 2 '/Link' annotations but 3 links drawn" },
        { 5, "pdf update: no marks" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct sp_error err = { 0 };
        sp_pdf_marks_init(&bad);
        for (size_t i = 0; i < m.nspans && !(cases[c].what == 3 && i == 3); i++)
            sp_pdf_marks_span(&bad, m.spans[i].lang, m.spans[i].actual_text,
                              m.spans[i].in_content);
        for (size_t i = 0; i < m.nlinks + (cases[c].what == 4) && !(cases[c].what == 1 && i);
             i++)
            sp_pdf_marks_link(&bad, cases[c].what == 0 ? "https://example.org/other" : URI1,
                              "x");
        for (size_t i = 0; i < m.nalts && !(cases[c].what == 2 && i); i++)
            sp_pdf_marks_figure(&bad, "alt");
        info = scene_info(cases[c].what == 5 ? NULL : &bad);
        out = (unsigned char *)"x";
        outlen = 9;
        EQ_INT(sp_pdf_a11y_rewrite(b.p, b.n, &info, &out, &outlen, &err), -1,
               "mismatch: refused");
        if (cases[c].what == 5)
            OK(strstr(err.msg, "pdf update: more ") == err.msg, "no marks: refused (%s)",
               err.msg);
        else if (!OK(strncmp(err.msg, cases[c].msg, strlen(cases[c].msg)) == 0,
                     "mismatch %d: message '%s'", cases[c].what, cases[c].msg))
            printf("#   got '%s'\n", err.msg);
        OK(out == NULL && outlen == 0, "mismatch: no output");
        sp_pdf_marks_release(&bad);
    }
    free(b.p);
    sp_pdf_marks_release(&m);
}

/* ---- synthetic files: what cairo writes, by hand, for the cases cairo rarely makes ---- */

struct synth {
    struct membuf b;
    size_t off[16];
};

static void sput(struct synth *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sput(struct synth *s, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    mem_write(&s->b, (const unsigned char *)tmp, (unsigned)n);
}

/*
 * One page whose content is `content` (deflated), with an RB artifact as MCID 1 and a P
 * as MCID 0, in cairo's object order.  lendelta: added to the /Length object's value.
 */
static void synth(struct synth *s, const char *content, size_t clen, long lendelta)
{
    unsigned char z[4096];
    uLongf zl = sizeof z;

    memset(s, 0, sizeof *s);
    compress2(z, &zl, (const unsigned char *)content, clen, 1);
    sput(s, "%%PDF-1.5\n%%\xb5\xed\xae\xfb\n");
    s->off[3] = s->b.n;
    sput(s, "3 0 obj\n<< /Length 4 0 R\n   /Filter /FlateDecode\n>>\nstream\n");
    mem_write(&s->b, z, (unsigned)zl);
    sput(s, "\nendstream\nendobj\n");
    s->off[4] = s->b.n;
    sput(s, "4 0 obj\n   %ld\nendobj\n", (long)zl + lendelta);
    s->off[5] = s->b.n;
    sput(s, "5 0 obj\n[\n  7 0 R\n  8 0 R\n]\nendobj\n");
    s->off[2] = s->b.n;
    sput(s, "2 0 obj\n<< /Type /Page %% 1\n   /Parent 1 0 R\n   /MediaBox [ 0 0 200 200 ]\n"
            "   /Contents 3 0 R\n   /StructParents 0\n>>\nendobj\n");
    s->off[1] = s->b.n;
    sput(s, "1 0 obj\n<< /Type /Pages\n   /Kids [ 2 0 R ]\n   /Count 1\n>>\nendobj\n");
    s->off[9] = s->b.n;
    sput(s, "9 0 obj\n<< /Nums [\n   0 5 0 R\n  ]\n>>\nendobj\n");
    s->off[6] = s->b.n;
    sput(s, "6 0 obj\n<< /Type /StructElem\n   /S /Document\n   /P 10 0 R\n"
            "   /K [ 7 0 R 8 0 R ]\n>>\nendobj\n");
    s->off[7] = s->b.n;
    sput(s, "7 0 obj\n<< /Type /StructElem\n   /S /H1\n   /P 6 0 R\n   /Pg 2 0 R\n   /K 0\n>>\n"
            "endobj\n");
    s->off[8] = s->b.n;
    sput(s, "8 0 obj\n<< /Type /StructElem\n   /S /RB\n   /P 6 0 R\n   /Pg 2 0 R\n   /K 1\n>>\n"
            "endobj\n");
    s->off[10] = s->b.n;
    sput(s, "10 0 obj\n<< /Type /StructTreeRoot\n   /ParentTree 9 0 R\n   /K [ 6 0 R ]\n>>\n"
            "endobj\n");
    s->off[11] = s->b.n;
    sput(s, "11 0 obj\n<< /Producer (cairo 1.16.0 (https://cairographics.org))\n>>\nendobj\n");
    s->off[12] = s->b.n;
    sput(s, "12 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n   /StructTreeRoot 10 0 R\n>>\n"
            "endobj\n");
    {
        size_t x = s->b.n;
        sput(s, "xref\n0 13\n0000000000 65535 f \n");
        for (int i = 1; i < 13; i++)
            sput(s, "%010zu 00000 n \n", s->off[i]);
        sput(s, "trailer\n<< /Size 13\n   /Root 12 0 R\n   /Info 11 0 R\n>>\nstartxref\n%zu\n"
                "%%%%EOF\n", x);
    }
}

static void test_synthetic(void)
{
    struct synth s;
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    unsigned char *out = NULL;
    size_t outlen = 0;
    char content[256];
    int found = 0;

    sp_pdf_marks_init(&m);
    info = base_info(&m);
    snprintf(content, sizeof content, "/H1 << /MCID 0 >> BDC 0 0 5 5 re f EMC\n"
                                      "/RB << /MCID 1 >> BDC 0 9 m 9 9 l S EMC\n");
    synth(&s, content, strlen(content), 0);
    EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), 0, "synthetic: ok");
    if (err.code)
        printf("# %s\n", err.msg);
    check_qpdf("synthetic", out, outlen);
    OK(out && !count_bytes(out, outlen, "8 0 obj"), "synthetic: the RB element is left out");
    OK(out && count_bytes(out, outlen, "0000000000 00001 f") == 1,
       "synthetic: ... as a free xref entry");
    OK(out && count_bytes(out, outlen, "/K [ 7 0 R ]") == 1, "synthetic: and out of /K");
    OK(out && count_bytes(out, outlen, "[\n  7 0 R\n  null\n]") == 1,
       "synthetic: its parent tree entry is null");
    free(out);
    out = NULL;
    free(s.b.p);

    /* a deflated stream whose last byte is '\r' (the adler32's last byte): not an EOL */
    for (int pad = 0; pad < 4000 && !found; pad++) {
        unsigned char z[512];
        uLongf zl = sizeof z;
        size_t n = strlen(content);
        content[n] = '\n';
        content[n + 1] = '\0';
        compress2(z, &zl, (const unsigned char *)content, strlen(content), 1);
        found = z[zl - 1] == '\r';
        (void)pad;
    }
    if (OK(found, "found a stream that ends in '\\r'")) {
        synth(&s, content, strlen(content), 0);
        memset(&err, 0, sizeof err);
        EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), 0,
               "ends in '\\r': the stream is read whole");
        OK(out && count_bytes(out, outlen, "/Artifact") == 0,
           "ends in '\\r': deflated bytes hide the marking (control)");
        OK(out && !count_bytes(out, outlen, "8 0 obj"), "ends in '\\r': artifact dropped");
        free(out);
        out = NULL;
        free(s.b.p);
    }

    /* a /Length that does not match the data: refused, never guessed */
    synth(&s, content, strlen(content), 1);
    memset(&err, 0, sizeof err);
    EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), -1, "bad length");
    EQ_STR(err.msg, "pdf update: the length in object 4 does not match its stream",
           "bad length: message");
    free(s.b.p);

    /* an artifact element that is in no page's content as an artifact */
    snprintf(content, sizeof content, "/H1 << /MCID 0 >> BDC 0 0 5 5 re f EMC\n"
                                      "/P << /MCID 1 >> BDC 0 9 m 9 9 l S EMC\n");
    synth(&s, content, strlen(content), 0);
    memset(&err, 0, sizeof err);
    EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), -1, "stray RB");
    EQ_STR(err.msg, "pdf update: artifact element 8 is not in a page's parent tree",
           "stray RB: message");
    free(s.b.p);

    /* an inline image with "EMC" and "/RB" in its data, and strings that look like tags */
    {
        static const char img[] = "/H1 << /MCID 0 >> BDC (/RB << >> BDC EMC) Tj "
                                  "BI /W 4 /H 1 /BPC 8 /CS /G ID \x01/RB\x02 EI EMC\n"
                                  "/RB << /MCID 1 >> BDC [(EMC) 3 <454d43>] TJ EMC\n";
        synth(&s, img, sizeof img - 1, 0);
        memset(&err, 0, sizeof err);
        EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), 0,
               "strings and inline images: read past");
        if (err.code)
            printf("# %s\n", err.msg);
        OK(out && !count_bytes(out, outlen, "8 0 obj"), "strings and inline images: RB found");
        free(out);
        free(s.b.p);
    }
    sp_pdf_marks_release(&m);
}

/* Imposed sheets: the Document element's children in reading order, the note first. */
static void test_imposed(void)
{
    struct synth s;
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    unsigned char *out = NULL;
    size_t outlen = 0;
    static const double keys[] = { 1, 0 };
    static const double wrong[] = { 1, 0, 2 };
    const char *content = "/H1 << /MCID 0 >> BDC 0 0 5 5 re f EMC\n"
                          "/RB << /MCID 1 >> BDC 0 9 m 9 9 l S EMC\n";

    sp_pdf_marks_init(&m);
    info = base_info(&m);
    info.imposed = true;
    info.note = "Read booklet-reading.pdf (in page order)";
    info.top_keys = keys;
    info.ntop_keys = 2;
    synth(&s, content, strlen(content), 0);
    EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), 0, "imposed: ok");
    if (err.code)
        printf("# %s\n", err.msg);
    /* kids 7 (key 1) and 8 (key 0, an artifact, dropped): the note, then 7 */
    OK(out && count_bytes(out, outlen, "/K [ 14 0 R 7 0 R ]") == 1,
       "imposed: /K = the note, then the children by key, without artifacts");
    OK(out && count_bytes(out, outlen, "14 0 obj\n<< /Type /StructElem\n   /S /P\n   /P 6 0 R") == 1,
       "imposed: the note is a P under the Document");
    OK(out && count_bytes(out, outlen, "/ActualText (Read booklet-reading.pdf \\(in page "
                                       "order\\))") == 1, "imposed: the note's text, escaped");
    OK(out && count_bytes(out, outlen, "/Size 15") == 1, "imposed: XMP 13, note 14: /Size 15");
    check_qpdf("imposed", out, outlen);
    free(out);
    out = NULL;
    info.top_keys = wrong;
    info.ntop_keys = 3;
    memset(&err, 0, sizeof err);
    EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), -1,
           "imposed: wrong number of keys refused");
    EQ_STR(err.msg, "pdf update: the '/Document' element has 2 children but 3 reading-order "
                    "keys", "imposed: message");
    free(s.b.p);
    sp_pdf_marks_release(&m);
}

/* Bleed: every page /TrimBox inset and /BleedBox = /MediaBox, C-locale numbers. */
static void test_bleed(void)
{
    struct synth s;
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    unsigned char *out = NULL;
    size_t outlen = 0;
    const char *content = "/H1 << /MCID 0 >> BDC 0 0 5 5 re f EMC\n"
                          "/RB << /MCID 1 >> BDC 0 9 m 9 9 l S EMC\n";

    sp_pdf_marks_init(&m);
    info = base_info(&m);
    synth(&s, content, strlen(content), 0);
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.utf8"))
        printf("# no de_DE locale: numbers checked in the C locale only\n");
    info.bleed = 8.5;
    EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), 0, "bleed: ok");
    setlocale(LC_NUMERIC, "C");
    OK(out && count_bytes(out, outlen, "/TrimBox [8.5 8.5 191.5 191.5]") == 1,
       "bleed: /TrimBox inset by 8.5, C-locale numbers");
    OK(out && count_bytes(out, outlen, "/BleedBox [ 0 0 200 200 ]") == 1,
       "bleed: /BleedBox = /MediaBox as written");
    free(out);
    out = NULL;
    {
        struct bcase {
            double bleed;
            const char *msg;
        } cases[] = {
            { -1, "pdf update: bleed must be a number >= 0" },
            { NAN, "pdf update: bleed must be a number >= 0" },
            { INFINITY, "pdf update: bleed must be a number >= 0" },
            { 100, "pdf update: page '2 0 obj' is too small for a 100.00 pt bleed" },
        };
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            memset(&err, 0, sizeof err);
            info.bleed = cases[i].bleed;
            EQ_INT(sp_pdf_a11y_rewrite(s.b.p, s.b.n, &info, &out, &outlen, &err), -1,
                   "bleed: refused");
            EQ_STR(err.msg, cases[i].msg, "bleed: message");
        }
    }
    free(s.b.p);
    sp_pdf_marks_release(&m);
}

/* Anything that is not what cairo writes fails cleanly: every cut of a good file, junk. */
static void test_malformed(void)
{
    struct synth s;
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err;
    unsigned char *out;
    size_t outlen, failed = 0, messages = 0;
    const char *content = "/H1 << /MCID 0 >> BDC 0 0 5 5 re f EMC\n"
                          "/RB << /MCID 1 >> BDC 0 9 m 9 9 l S EMC\n";
    static const struct {
        const char *data, *msg;
    } junk[] = {
        { "", "pdf update: no '%PDF-' header found" },
        { "%PDF", "pdf update: no '%PDF-' header found" },
        { "GIF89a", "pdf update: no '%PDF-' header found" },
        { "%PDF-1.5\n", "pdf update: nothing after the header" },
        { "%PDF-1.5\n1 0 obj\n<< /A (unclosed >>\nendobj\n", "pdf update: bad value in object 1" },
        { "%PDF-1.5\n1 0 obj\n<< /A 1 >>\nendobj\n", "pdf update: no 'xref' after the objects" },
        { "%PDF-1.5\nx 0 obj\n", "pdf update: no object at offset 9 of cairo's output" },
        { "%PDF-1.5\n99999999 0 obj\n1\nendobj\n", "pdf update: object number 99999999 is too large" },
        { "%PDF-1.5\n1 0 obj\n1\nendobj\n1 0 obj\n2\nendobj\n", "pdf update: object 1 written twice" },
        { "%PDF-1.5\n1 0 obj\n<< /Length 3 >>\nstream\nabcdef\nendstream\nendobj\n",
          "pdf update: stream 1: its /Length does not match its data" },
        { "%PDF-1.5\n1 0 obj\n1\nendobj\nxref\n0 1\ntrailer\n<< >>\n",
          "pdf update: no '/Size' in trailer" },
    };

    sp_pdf_marks_init(&m);
    info = base_info(&m);
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        memset(&err, 0, sizeof err);
        out = (unsigned char *)"x";
        outlen = 5;
        EQ_INT(sp_pdf_a11y_rewrite((const unsigned char *)junk[i].data, strlen(junk[i].data),
                                   &info, &out, &outlen, &err), -1, "junk refused");
        EQ_STR(err.msg, junk[i].msg, "junk: message");
        OK(out == NULL && outlen == 0, "junk: no output");
    }
    synth(&s, content, strlen(content), 0);
    for (size_t cut = 0; cut < s.b.n; cut++) {
        unsigned char *copy = malloc(cut ? cut : 1);  /* exact size: ASan sees over-reads */
        memcpy(copy, s.b.p, cut);
        memset(&err, 0, sizeof err);
        out = NULL;
        if (sp_pdf_a11y_rewrite(copy, cut, &info, &out, &outlen, &err) != 0) {
            failed++;
            messages += strncmp(err.msg, "pdf update: ", 12) == 0;
        }
        free(out);
        free(copy);
    }
    /* every cut before the end of the trailer's dictionary fails (after it, only cairo's
       startxref is missing, which the filter does not read: it writes its own) */
    {
        size_t end = 0;
        for (size_t i = 0; i + 12 <= s.b.n; i++)
            if (!memcmp(s.b.p + i, ">>\nstartxref", 12))
                end = i + 2;
        OK(end && failed == end, "every cut before the trailer's end fails (%zu of %zu)",
           failed, end);
    }
    EQ_INT(messages, failed, "every failure says 'pdf update: ...'");
    free(s.b.p);
    sp_pdf_marks_release(&m);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };
    char cmd[200];
    static char chk[512];
    const char *build = getenv("BUILD");

    test_init(argc, argv);
    setlocale(LC_NUMERIC, "");
    if (!mkdtemp(dir))
        return 1;
    snprintf(chk, sizeof chk, "%s/tests/tools/pdfua_check", build ? build : SP_DATADIR "/build");
    checker = access(chk, X_OK) == 0 ? chk : NULL;
    tx = sp_text_new(SP_DATADIR "/fonts", SP_DATADIR "/build/fccache", &err);
    if (!OK(tx != NULL, "sp_text_new (%s)", err.msg))
        return test_done();
    TEST_RUN(test_scene);
    TEST_RUN(test_chunks);
    TEST_RUN(test_long_xref);
    TEST_RUN(test_many_objects);
    TEST_RUN(test_mismatch);
    TEST_RUN(test_synthetic);
    TEST_RUN(test_imposed);
    TEST_RUN(test_bleed);
    TEST_RUN(test_malformed);
    sp_text_free(tx);
    if (getenv("KEEP"))
        return test_done();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return test_done();
}
