/*
 * test_pdf_a11y.c - sp_pdf_a11y_update() on real tagged PDFs written by cairo 1.16,
 * checked with qpdf, mutool and pdfinfo (SKIP when a tool is missing), plus malformed input.
 */
#include "output/pdf_a11y.h"
#include "base/error.h"
#include "../test.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATE "2026-11-26T00:00:00Z"
#define ALT1 "Caf\xc3\xa9 \xc5\xb4yn"   /* "Café Ŵyn" */
#define ALT2 "Map: (Leeds) \\ centre"
#define LINK1 "Meeting list on example.org"
#define LINK2 "Zoom (online) meeting"

struct fixture {
    char dir[64];
};

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

/* Run cmd (stderr merged), return exit status; output in out (NUL-terminated). */
static int run(const char *cmd, char *out, size_t size)
{
    char full[1024];
    FILE *fp;
    size_t n = 0;
    int st;

    snprintf(full, sizeof full, "%s 2>&1", cmd);
    fp = popen(full, "r");
    if (!fp)
        return -1;
    while (n + 1 < size) {
        size_t r = fread(out + n, 1, size - 1 - n, fp);
        if (r == 0)
            break;
        n += r;
    }
    out[n] = '\0';
    while (fgetc(fp) != EOF)
        ;
    st = pclose(fp);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *p;
    long n;

    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    p = malloc((size_t)n + 1);
    *len = fread(p, 1, (size_t)n, fp);
    fclose(fp);
    return p;
}

static int spew(const char *path, const unsigned char *a, size_t alen, const unsigned char *b,
                size_t blen)
{
    FILE *fp = fopen(path, "wb");
    int ok;

    if (!fp)
        return -1;
    ok = fwrite(a, 1, alen, fp) == alen && fwrite(b, 1, blen, fp) == blen;
    return fclose(fp) == 0 && ok ? 0 : -1;
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

/*
 * Write a tagged PDF.  full: page 1 = H1, P, 2 Figures, 2 Links; page 2 = P.  Tag order:
 * Document H1 P Figure Figure Link Link P.  !full: Document, P only (no links, no figures).
 */
static int make_pdf(const char *path, int full)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_status_t st;

    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Leeds meetings");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, DATE);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, DATE);
    cairo_select_font_face(cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 18);
    cairo_tag_begin(cr, "Document", "");
    if (full) {
        cairo_tag_begin(cr, "H1", "");
        text_at(cr, 50, 60, "Meetings in Leeds");
        cairo_tag_end(cr, "H1");
        cairo_tag_begin(cr, "P", "");
        text_at(cr, 50, 100, "Call 0113 496 0000");
        cairo_tag_end(cr, "P");
        cairo_tag_begin(cr, "Figure", "");
        cairo_rectangle(cr, 50, 120, 80, 80);
        cairo_fill(cr);
        cairo_tag_end(cr, "Figure");
        cairo_tag_begin(cr, "Figure", "");
        cairo_rectangle(cr, 150, 120, 80, 80);
        cairo_fill(cr);
        cairo_tag_end(cr, "Figure");
        cairo_tag_begin(cr, "Link", "uri='https://example.org/leeds' rect=[50 220 200 24]");
        text_at(cr, 50, 240, "example.org/leeds");
        cairo_tag_end(cr, "Link");
        cairo_tag_begin(cr, "Link", "uri='https://example.com/zoom' rect=[50 260 200 24]");
        text_at(cr, 50, 280, "example.com/zoom");
        cairo_tag_end(cr, "Link");
        cairo_show_page(cr);
    }
    cairo_tag_begin(cr, "P", "");
    text_at(cr, 50, 60, "Cyfarfodydd");
    cairo_tag_end(cr, "P");
    cairo_tag_end(cr, "Document");
    cairo_destroy(cr);
    cairo_surface_finish(s);
    st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static const char *const alts[] = { ALT1, ALT2 };
static const char *const links[] = { LINK1, LINK2 };
static const char *const langs[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, "cy" };

static struct sp_pdf_a11y full_info(void)
{
    struct sp_pdf_a11y info = {
        .lang = "en-GB", .title = "Leeds meetings <& more>", .author = "Example Intergroup",
        .subject = "Mutual-aid meetings", .creator_tool = "signpost 0.1.0", .date_iso = DATE,
        .figure_alts = alts, .nfigures = 2, .link_contents = links, .nlinks = 2,
        .elem_langs = langs, .nelem_langs = 8,
    };
    return info;
}

/* Original + update of the given variant written to dst; returns 0 when all worked. */
static int make_updated(const char *dir, int full, const struct sp_pdf_a11y *info,
                        const char *dst)
{
    char src[160];
    unsigned char *pdf = NULL, *upd = NULL;
    size_t len = 0, ulen = 0;
    struct sp_error err = { 0 };
    int rc;

    snprintf(src, sizeof src, "%s/orig%d.pdf", dir, full);
    if (make_pdf(src, full) || !(pdf = slurp(src, &len)))
        return -1;
    rc = sp_pdf_a11y_update(pdf, len, info, &upd, &ulen, &err);
    if (rc)
        printf("# update failed: %s\n", err.msg);
    else
        rc = spew(dst, pdf, len, upd, ulen);
    free(pdf);
    free(upd);
    return rc;
}

/* mutool script listing figure alts, link contents, StructElem langs and page tabs. */
static const char mutool_js[] =
    "var doc = new PDFDocument(scriptArgs[0]);\n"
    "function nm(o, k) { var v = o.get(k); return v ? String(v) : ''; }\n"
    "function st(o, k) { var v = o.get(k); return (v && v.isString()) ? v.asString() : '-'; }\n"
    "var n = doc.countObjects(), fig = [], lnk = [], el = [], tabs = [];\n"
    "for (var i = 1; i < n; i++) {\n"
    "  var o = doc.newIndirect(i, 0).resolve();\n"
    "  if (!o || !o.isDictionary()) continue;\n"
    "  if (nm(o, 'Type') == '/StructElem') {\n"
    "    el.push(nm(o, 'S').substring(1) + (o.get('Lang') ? ':' + st(o, 'Lang') : ''));\n"
    "    if (nm(o, 'S') == '/Figure') fig.push(st(o, 'Alt'));\n"
    "  }\n"
    "  if (nm(o, 'Subtype') == '/Link') lnk.push(st(o, 'Contents'));\n"
    "}\n"
    "for (var p = 0; p < doc.countPages(); p++) {\n"
    "  var pg = doc.findPage(p), a = pg.get('Annots');\n"
    "  tabs.push(a && a.isArray() ? nm(pg, 'Tabs') : 'none');\n"
    "}\n"
    "print('figures=' + fig.join('|'));\n"
    "print('links=' + lnk.join('|'));\n"
    "print('elems=' + el.join(','));\n"
    "print('tabs=' + tabs.join('|'));\n";

static void check_qpdf(const char *pdf, const char *what)
{
    char cmd[512], out[8192];
    int st;

    if (!have_tool("qpdf")) {
        skip("qpdf not installed");
        return;
    }
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", pdf);
    st = run(cmd, out, sizeof out);
    OK(st == 0 && strstr(out, "No syntax or stream encoding errors found") &&
       !strstr(out, "WARNING"), "%s: qpdf --check is clean", what);
    if (st != 0)
        printf("#   status %d: %s\n", st, out);
}

/* ---- tests ---- */

static struct fixture fx;

static void test_full(void)
{
    char path[160], cmd[512];
    static char out[65536];
    struct sp_pdf_a11y info = full_info();

    snprintf(path, sizeof path, "%s/full.pdf", fx.dir);
    if (!OK(make_updated(fx.dir, 1, &info, path) == 0, "full: update made and written"))
        return;
    check_qpdf(path, "full");

    if (have_tool("mutool")) {
        char js[160];
        FILE *fp;

        snprintf(cmd, sizeof cmd, "mutool show '%s' trailer/Root", path);
        EQ_INT(run(cmd, out, sizeof out), 0, "full: mutool show trailer/Root runs");
        OK(strstr(out, "/Lang (en-GB)") != NULL, "full: catalog has /Lang (en-GB)");
        OK(strstr(out, "/DisplayDocTitle true") != NULL, "full: catalog has /DisplayDocTitle true");
        OK(strstr(out, "/Metadata ") != NULL, "full: catalog has /Metadata");
        OK(strstr(out, "/StructTreeRoot") != NULL, "full: catalog keeps /StructTreeRoot");

        snprintf(js, sizeof js, "%s/list.js", fx.dir);
        fp = fopen(js, "w");
        fputs(mutool_js, fp);
        fclose(fp);
        snprintf(cmd, sizeof cmd, "mutool run '%s' '%s'", js, path);
        EQ_INT(run(cmd, out, sizeof out), 0, "full: mutool run lists the objects");
        OK(strstr(out, "figures=" ALT1 "|" ALT2 "\n") != NULL,
           "full: figure /Alt decoded in tag order, non-ASCII via UTF-16BE");
        OK(strstr(out, "links=" LINK1 "|" LINK2 "\n") != NULL, "full: link /Contents in order");
        OK(strstr(out, "elems=Document,H1,P,Figure,Figure,Link,Link,P:cy\n") != NULL,
           "full: StructElems in tag order, /Lang (cy) on the 8th only");
        OK(strstr(out, "tabs=/S|none\n") != NULL, "full: /Tabs /S on the page with annotations");
        if (!strstr(out, "figures=" ALT1))
            printf("#   mutool said: %s\n", out);
    } else {
        for (int i = 0; i < 10; i++)
            skip("mutool not installed");
    }

    if (have_tool("qpdf")) {
        snprintf(cmd, sizeof cmd, "qpdf --json=2 --json-key=qpdf '%s'", path);
        run(cmd, out, sizeof out);
        OK(strstr(out, "\"/Alt\": \"u:" ALT1 "\"") != NULL, "full: qpdf json decodes /Alt");
        OK(strstr(out, "\"/Contents\": \"u:" LINK2 "\"") != NULL,
           "full: qpdf json decodes escaped /Contents");
    } else {
        skip("qpdf not installed");
        skip("qpdf not installed");
    }

    if (have_tool("pdfinfo")) {
        snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
        EQ_INT(run(cmd, out, sizeof out), 0, "full: pdfinfo runs");
        OK(strstr(out, "Metadata Stream: yes") != NULL, "full: pdfinfo 'Metadata Stream: yes'");
        OK(strstr(out, "Pages:           2") != NULL, "full: still 2 pages");
        OK(strstr(out, "Tagged:          yes") != NULL, "full: still tagged");
        snprintf(cmd, sizeof cmd, "pdfinfo -meta '%s'", path);
        run(cmd, out, sizeof out);
        OK(strstr(out, "<pdfuaid:part>1</pdfuaid:part>") != NULL, "full: XMP pdfuaid:part 1");
        OK(strstr(out, "<rdf:li xml:lang=\"x-default\">Leeds meetings &lt;&amp; more&gt;</rdf:li>")
           != NULL, "full: XMP dc:title, XML-escaped");
        OK(strstr(out, "<rdf:li>Example Intergroup</rdf:li>") != NULL, "full: XMP dc:creator");
        OK(strstr(out, "<xmp:CreateDate>" DATE "</xmp:CreateDate>") != NULL,
           "full: XMP xmp:CreateDate");
        OK(strstr(out, "<xmp:CreatorTool>signpost 0.1.0</xmp:CreatorTool>") != NULL,
           "full: XMP xmp:CreatorTool");
    } else {
        for (int i = 0; i < 9; i++)
            skip("pdfinfo not installed");
    }
}

static void test_minimal(void)
{
    char src[160], path[160], cmd[512], out[8192];
    unsigned char *pdf = NULL, *upd = NULL;
    size_t len = 0, ulen = 0, nobj = 0;
    struct sp_error err = { 0 };
    struct sp_pdf_a11y info = { .lang = "en-GB", .title = "Minimal" };

    snprintf(src, sizeof src, "%s/min.pdf", fx.dir);
    snprintf(path, sizeof path, "%s/min-upd.pdf", fx.dir);
    if (!OK(make_pdf(src, 0) == 0 && (pdf = slurp(src, &len)) != NULL, "minimal: cairo PDF"))
        return;
    EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd, &ulen, &err), 0, "minimal: update made");
    EQ_STR(err.msg, "", "minimal: no error message");
    for (size_t i = 0; upd && i + 5 <= ulen; i++)
        if (!memcmp(upd + i, " obj\n", 5))
            nobj++;
    EQ_INT(nobj, 2, "minimal: only catalog and XMP are written");
    OK(upd && ulen > 4 && !memcmp(upd + ulen - 6, "%%EOF\n", 6), "minimal: ends with %%EOF");
    spew(path, pdf, len, upd, ulen);
    check_qpdf(path, "minimal");
    if (have_tool("pdfinfo")) {
        snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
        run(cmd, out, sizeof out);
        OK(strstr(out, "Metadata Stream: yes") != NULL, "minimal: pdfinfo 'Metadata Stream: yes'");
    } else {
        skip("pdfinfo not installed");
    }
    free(pdf);
    free(upd);
}

static void test_deterministic(void)
{
    char a[160], b[160];
    unsigned char *pa, *pb, *ua = NULL, *ub = NULL;
    size_t la = 0, lb = 0, lua = 0, lub = 0;
    struct sp_error err = { 0 };
    struct sp_pdf_a11y info = full_info();

    snprintf(a, sizeof a, "%s/det-a.pdf", fx.dir);
    snprintf(b, sizeof b, "%s/det-b.pdf", fx.dir);
    make_pdf(a, 1);
    make_pdf(b, 1);
    pa = slurp(a, &la);
    pb = slurp(b, &lb);
    OK(pa && pb && la == lb && !memcmp(pa, pb, la), "deterministic: cairo input identical");
    EQ_INT(sp_pdf_a11y_update(pa, la, &info, &ua, &lua, &err), 0, "deterministic: first update");
    EQ_INT(sp_pdf_a11y_update(pb, lb, &info, &ub, &lub, &err), 0, "deterministic: second update");
    OK(ua && ub && lua == lub && !memcmp(ua, ub, lua), "deterministic: identical update bytes");
    free(pa);
    free(pb);
    free(ua);
    free(ub);
}

/* An updated file can be updated again (the xref chain is followed through /Prev). */
static void test_again(void)
{
    char first[160], second[160], cmd[512], out[8192];
    unsigned char *pdf = NULL, *upd = NULL;
    size_t len = 0, ulen = 0;
    struct sp_error err = { 0 };
    struct sp_pdf_a11y info = full_info();

    snprintf(first, sizeof first, "%s/again1.pdf", fx.dir);
    snprintf(second, sizeof second, "%s/again2.pdf", fx.dir);
    info.lang = "cy";
    if (!OK(make_updated(fx.dir, 1, &info, first) == 0, "again: first update"))
        return;
    pdf = slurp(first, &len);
    info.lang = "en-GB";
    EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd, &ulen, &err), 0,
           "again: second update of an updated file");
    spew(second, pdf, len, upd, ulen);
    check_qpdf(second, "again");
    if (have_tool("mutool")) {
        snprintf(cmd, sizeof cmd, "mutool show '%s' trailer/Root", second);
        run(cmd, out, sizeof out);
        OK(strstr(out, "/Lang (en-GB)") && !strstr(out, "/Lang (cy)"),
           "again: the newest /Lang replaces the old one");
    } else {
        skip("mutool not installed");
    }
    free(pdf);
    free(upd);
}

/* Replace the first occurrence of from by to (same length) in p. */
static int patch(unsigned char *p, size_t len, const char *from, const char *to)
{
    size_t n = strlen(from);
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(p + i, from, n)) {
            memcpy(p + i, to, n);
            return 0;
        }
    return -1;
}

static size_t find(const unsigned char *p, size_t len, const char *s)
{
    size_t n = strlen(s), last = (size_t)-1;
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(p + i, s, n))
            last = i;
    return last;
}

static void test_malformed(void)
{
    char src[160], want[160];
    unsigned char *pdf, *copy;
    size_t len = 0, at;
    struct sp_pdf_a11y info = full_info();
    static const char garbage[] = "%PDF-1.5\nthis is not really a PDF at all\n%%EOF\n";
    static const char noheader[] = "<html>hello</html>";
    static const char junkxref[] = "%PDF-1.5\nstartxref\n9\n%%EOF\n";

    snprintf(src, sizeof src, "%s/bad.pdf", fx.dir);
    if (make_pdf(src, 1) || !(pdf = slurp(src, &len)))
        return;
    copy = malloc(len + 64);

    struct mcase {
        const char *name;
        const unsigned char *p;
        size_t len;
        int nfigures;
        const char *msg;
    };
    at = find(pdf, len, "startxref");
    const struct mcase cases[] = {
        /*  0*/ { "empty", (const unsigned char *)"", 0, 2, "pdf update: no '%PDF-' header found" },
        /*  1*/ { "no header", (const unsigned char *)noheader, sizeof noheader - 1, 2,
                  "pdf update: no '%PDF-' header found" },
        /*  2*/ { "garbage", (const unsigned char *)garbage, sizeof garbage - 1, 2,
                  "pdf update: no 'startxref' found" },
        /*  3*/ { "truncated half", pdf, len / 2, 2, "pdf update: no 'startxref' found" },
        /*  4*/ { "truncated after startxref", pdf, at + 10, 2,
                  "pdf update: no offset after 'startxref'" },
        /*  5*/ { "startxref to junk", (const unsigned char *)junkxref, sizeof junkxref - 1, 2,
                  "pdf update: no 'xref' table at offset 9" },
        /*  6*/ { "one alt for two figures", pdf, len, 1,
                  "pdf update: 2 '/Figure' elements but 1 alt texts" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_error err = { 0 };
        unsigned char *upd = (unsigned char *)"x";
        size_t ulen = 7;
        unsigned char *buf = malloc(cases[i].len ? cases[i].len : 1);
        int rc;

        memcpy(buf, cases[i].p, cases[i].len);  /* exact-size copy, for ASan */
        info.nfigures = (size_t)cases[i].nfigures;
        rc = sp_pdf_a11y_update(buf, cases[i].len, &info, &upd, &ulen, &err);
        printf("# case %zu: %s\n", i, cases[i].name);
        EQ_INT(rc, -1, cases[i].name);
        EQ_INT(err.code, SP_ERR_RESOURCE, "error code is SP_ERR_RESOURCE");
        EQ_STR(err.msg, cases[i].msg, "exact message");
        OK(upd == NULL && ulen == 0, "no output on error");
        free(buf);
    }
    info.nfigures = 2;

    /* patched copies of the real file */
    {
        struct sp_error err = { 0 };
        unsigned char *upd = NULL;
        size_t ulen = 0;
        char num[32];

        /* the same file ending "startxref\n<len + 5000>\n%%EOF\n" */
        memcpy(copy, pdf, at);
        snprintf(num, sizeof num, "startxref\n%zu\n%%%%EOF\n", len + 5000);
        memcpy(copy + at, num, strlen(num));
        snprintf(want, sizeof want, "pdf update: 'startxref' offset %zu is past the end",
                 len + 5000);
        EQ_INT(sp_pdf_a11y_update(copy, at + strlen(num), &info, &upd, &ulen, &err), -1,
               "startxref past end");
        EQ_STR(err.msg, want, "startxref past end: exact message");

        memcpy(copy, pdf, len);
        memset(&err, 0, sizeof err);
        OK(patch(copy, len, "/Root", "/Roo ") == 0, "patched /Root away");
        EQ_INT(sp_pdf_a11y_update(copy, len, &info, &upd, &ulen, &err), -1, "no /Root");
        EQ_STR(err.msg, "pdf update: no '/Root' in trailer", "no /Root: exact message");

        memcpy(copy, pdf, len);
        memset(&err, 0, sizeof err);
        OK(patch(copy, len, "/Size", "/Sise") == 0, "patched /Size away");
        EQ_INT(sp_pdf_a11y_update(copy, len, &info, &upd, &ulen, &err), -1, "no /Size");
        EQ_STR(err.msg, "pdf update: no '/Size' in trailer", "no /Size: exact message");

        /* the xref entry of object 1 points one byte late */
        memcpy(copy, pdf, len);
        memset(&err, 0, sizeof err);
        {
            size_t x = find(copy, len, "\nxref\n"), e1;
            unsigned long off1;
            char line[32];
            /* "xref\n0 N\n0000000000 65535 f \n" then object 1's entry */
            e1 = x + 6;
            while (e1 < len && copy[e1] != '\n')
                e1++;
            e1 += 1 + 20;
            off1 = strtoul((const char *)copy + e1, NULL, 10);
            snprintf(line, sizeof line, "%010lu", off1 + 1);
            memcpy(copy + e1, line, 10);
            snprintf(want, sizeof want, "pdf update: no '1 0 obj' at offset %lu", off1 + 1);
        }
        upd = NULL;
        EQ_INT(sp_pdf_a11y_update(copy, len, &info, &upd, &ulen, &err), -1, "bad xref offset");
        free(upd);
        EQ_STR(err.msg, want, "bad xref offset: exact message");

        memset(&err, 0, sizeof err);
        info.nlinks = 3;
        EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd, &ulen, &err), -1, "link count");
        EQ_STR(err.msg, "pdf update: 2 '/Link' annotations but 3 link texts",
               "link count: exact message");
        info.nlinks = 2;

        {
            static const char *const nine[9] = { NULL };
            memset(&err, 0, sizeof err);
            info.elem_langs = nine;
            info.nelem_langs = 9;
            EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd, &ulen, &err), -1, "lang count");
            EQ_STR(err.msg, "pdf update: 8 '/StructElem' objects but 9 languages",
                   "lang count: exact message");
        }
    }
    free(copy);
    free(pdf);
}

/* Literal strings are escaped: ( ) \ and control characters. */
static void test_escape(void)
{
    char src[160];
    unsigned char *pdf = NULL, *upd = NULL;
    size_t len = 0, ulen = 0;
    struct sp_error err = { 0 };
    const char *lk[] = { "a(b)c\\d", "tab\there" };
    struct sp_pdf_a11y info = full_info();

    info.link_contents = lk;
    snprintf(src, sizeof src, "%s/esc.pdf", fx.dir);
    if (make_pdf(src, 1) || !(pdf = slurp(src, &len)))
        return;
    EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd, &ulen, &err), 0, "escape: update made");
    OK(upd && find(upd, ulen, "/Contents (a\\(b\\)c\\\\d)") != (size_t)-1,
       "escape: ( ) \\ escaped in a literal string");
    OK(upd && find(upd, ulen, "/Contents (tab\\011here)") != (size_t)-1,
       "escape: control character as octal");
    OK(upd && find(upd, ulen, "/Alt <FEFF0043006100660" "0E9002001740079006E>") != (size_t)-1,
       "escape: non-ASCII alt as UTF-16BE hex");
    free(pdf);
    free(upd);
}

/* Occurrences of s in p[0..len). */
static size_t count(const unsigned char *p, size_t len, const char *s)
{
    size_t n = strlen(s), c = 0;
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(p + i, s, n))
            c++;
    return c;
}

/* First occurrence of s in p[0..len), or (size_t)-1. */
static size_t find_first(const unsigned char *p, size_t len, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(p + i, s, n))
            return i;
    return (size_t)-1;
}

/* Print-shop bleed (issue 5): every page gets /TrimBox and /BleedBox, one object each. */
static void test_bleed(void)
{
    char src[160], path[160], again[160], cmd[512];
    static char out[16384];
    unsigned char *pdf = NULL, *upd = NULL, *both = NULL, *upd2 = NULL;
    size_t len = 0, ulen = 0, blen = 0, ulen2 = 0;
    struct sp_error err = { 0 };
    struct sp_pdf_a11y info = full_info();

    info.bleed = 8.5;
    snprintf(src, sizeof src, "%s/bleed-orig.pdf", fx.dir);
    snprintf(path, sizeof path, "%s/bleed.pdf", fx.dir);
    snprintf(again, sizeof again, "%s/bleed-again.pdf", fx.dir);
    if (!OK(make_pdf(src, 1) == 0 && (pdf = slurp(src, &len)) != NULL, "bleed: cairo PDF"))
        return;
    EQ_INT(count(pdf, len, "/MediaBox [ 0 0 595 842 ]"), 2, "bleed: cairo wrote 2 media boxes");

    /* under a decimal-comma locale, to show the numbers are C-locale */
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.utf8"))
        printf("# no de_DE locale: numbers checked in the C locale only\n");
    EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd, &ulen, &err), 0, "bleed: update made");
    setlocale(LC_NUMERIC, "C");
    if (!upd)
        return;
    EQ_INT(count(upd, ulen, "/TrimBox [8.5 8.5 586.5 833.5]"), 2,
           "bleed: 2 pages with /TrimBox [8.5 8.5 586.5 833.5], C-locale numbers");
    EQ_INT(count(upd, ulen, "/BleedBox [ 0 0 595 842 ]"), 2,
           "bleed: 2 pages with /BleedBox = /MediaBox as written");
    EQ_INT(count(upd, ulen, "/Type /Page\n"), 2, "bleed: each page re-emitted once");
    {
        /* from "/Tabs /S" to the end of its object */
        size_t t = find(upd, ulen, "/Tabs /S"), end = 0;

        if (t != (size_t)-1 && find_first(upd + t, ulen - t, "endobj") != (size_t)-1)
            end = t + find_first(upd + t, ulen - t, "endobj");
        EQ_INT(count(upd, ulen, "/Tabs /S"), 1, "bleed: one /Tabs /S");
        OK(end > t && count(upd + t, end - t, "/TrimBox [8.5 ") == 1 &&
           count(upd + t, end - t, "/BleedBox ") == 1,
           "bleed: the annotated page has /Tabs /S and both boxes in one object");
    }
    spew(path, pdf, len, upd, ulen);
    check_qpdf(path, "bleed");

    if (have_tool("mutool")) {
        char js[160];

        snprintf(cmd, sizeof cmd, "mutool pages '%s'", path);
        EQ_INT(run(cmd, out, sizeof out), 0, "bleed: mutool pages runs");
        EQ_INT(count((unsigned char *)out, strlen(out),
                     "<TrimBox l=\"8.5\" b=\"8.5\" r=\"586.5\" t=\"833.5\" />"), 2,
               "bleed: mutool sees TrimBox [8.5 8.5 586.5 833.5] on both pages");
        EQ_INT(count((unsigned char *)out, strlen(out),
                     "<BleedBox l=\"0\" b=\"0\" r=\"595\" t=\"842\" />"), 2,
               "bleed: mutool sees BleedBox [0 0 595 842] on both pages");
        snprintf(js, sizeof js, "%s/list.js", fx.dir);
        {
            FILE *fp = fopen(js, "w");
            fputs(mutool_js, fp);
            fclose(fp);
        }
        snprintf(cmd, sizeof cmd, "mutool run '%s' '%s'", js, path);
        run(cmd, out, sizeof out);
        OK(strstr(out, "tabs=/S|none\n") != NULL, "bleed: /Tabs /S still on the annotated page");
        OK(strstr(out, "links=" LINK1 "|" LINK2 "\n") != NULL, "bleed: link /Contents kept");
    } else {
        for (int i = 0; i < 5; i++)
            skip("mutool not installed");
    }
    if (have_tool("qpdf")) {
        snprintf(cmd, sizeof cmd,
                 "qpdf --json=2 --json-key=qpdf '%s' 2>/dev/null | grep -c '\"/TrimBox\": \\['",
                 path);
        run(cmd, out, sizeof out);
        EQ_STR(out, "2\n", "bleed: qpdf json has 2 objects with a /TrimBox array");
    } else {
        skip("qpdf not installed");
    }

    /* updating again with another bleed replaces the boxes, never duplicates them */
    blen = len + ulen;
    both = malloc(blen);
    memcpy(both, pdf, len);
    memcpy(both + len, upd, ulen);
    info.bleed = 10;
    EQ_INT(sp_pdf_a11y_update(both, blen, &info, &upd2, &ulen2, &err), 0,
           "bleed: an updated file updated again");
    EQ_INT(count(upd2, ulen2, "/TrimBox [10 10 585 832]"), 2, "bleed: again: new TrimBox");
    EQ_INT(count(upd2, ulen2, "/TrimBox"), 2, "bleed: again: the old TrimBox dropped");
    EQ_INT(count(upd2, ulen2, "/BleedBox"), 2, "bleed: again: the old BleedBox dropped");
    spew(again, both, blen, upd2, ulen2);
    check_qpdf(again, "bleed again");
    free(upd2);
    upd2 = NULL;

    /* bleed 0: no boxes, pages without annotations untouched */
    info.bleed = 0;
    EQ_INT(sp_pdf_a11y_update(pdf, len, &info, &upd2, &ulen2, &err), 0, "bleed 0: update made");
    OK(upd2 && count(upd2, ulen2, "/TrimBox") == 0 && count(upd2, ulen2, "/BleedBox") == 0,
       "bleed 0: no /TrimBox, no /BleedBox");
    EQ_INT(count(upd2, ulen2, "/Type /Page\n"), 1, "bleed 0: only the annotated page re-emitted");
    free(upd2);

    /* errors */
    {
        struct bcase {
            const char *from, *to;  /* same-length patch of the first match, or NULL */
            double bleed;
            int page;               /* message is "page 'N G obj' " + msg */
            const char *msg;
        };
        static const char nobox[] = "has no '/MediaBox' of 4 numbers";
        const struct bcase cases[] = {
            /*  0*/ { NULL, NULL, -1, 0, "pdf update: bleed must be a number >= 0" },
            /*  1*/ { NULL, NULL, NAN, 0, "pdf update: bleed must be a number >= 0" },
            /*  2*/ { NULL, NULL, INFINITY, 0, "pdf update: bleed must be a number >= 0" },
            /*  3*/ { NULL, NULL, 297.5, 1, "is too small for a 297.50 pt bleed" },
            /*  4*/ { "/MediaBox", "/MediaBoz", 8.5, 1, nobox },
            /*  5*/ { "[ 0 0 595 842 ]", "[ 0 0 595 8x2 ]", 8.5, 1, nobox },
            /*  6*/ { "[ 0 0 595 842 ]", "[ 0 0 595 84 2]", 8.5, 1, nobox },
            /*  7*/ { "[ 0 0 595 842 ]", "[ 0 0 595     ]", 8.5, 1, nobox },
            /*  8*/ { "[ 0 0 595 842 ]", "[ 0 0 5 0 R 84]", 8.5, 1, nobox },
            /*  9*/ { "[ 0 0 595 842 ]", "[ 0 0 595 1e3 ]", 8.5, 1, nobox },
        };
        unsigned char *copy = malloc(len);
        char first[32] = "?", want[160];
        size_t mb = find_first(pdf, len, "/MediaBox"), at = mb, st;

        /* "N G obj" of the object holding the first /MediaBox (the lowest-numbered page) */
        while (at != (size_t)-1 && at > 0 && memcmp(pdf + at, " obj", 4))
            at--;
        for (st = at; st != (size_t)-1 && st > 0 && pdf[st - 1] != '\n'; st--)
            ;
        if (mb != (size_t)-1 && at > 0)
            snprintf(first, sizeof first, "%.*s", (int)(at + 4 - st), (const char *)pdf + st);
        EQ_STR(first, "2 0 obj", "bleed: cairo wrote page 1 as object 2");
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            unsigned char *u = (unsigned char *)"x";
            size_t ul = 7;

            memcpy(copy, pdf, len);
            if (cases[i].from && strlen(cases[i].from) == strlen(cases[i].to))
                patch(copy, len, cases[i].from, cases[i].to);
            memset(&err, 0, sizeof err);
            info.bleed = cases[i].bleed;
            printf("# bleed case %zu\n", i);
            EQ_INT(sp_pdf_a11y_update(copy, len, &info, &u, &ul, &err), -1, "bleed error");
            if (cases[i].page)
                snprintf(want, sizeof want, "pdf update: page '%s' %s", first, cases[i].msg);
            else
                snprintf(want, sizeof want, "%s", cases[i].msg);
            EQ_STR(err.msg, want, "bleed error: exact message");
            OK(u == NULL && ul == 0, "bleed error: no output");
        }
        free(copy);
    }
    free(both);
    free(pdf);
    free(upd);
}

int main(int argc, char **argv)
{
    char cmd[128];

    test_init(argc, argv);
    snprintf(fx.dir, sizeof fx.dir, "/tmp/sp_pdf_a11y_XXXXXX");
    if (!mkdtemp(fx.dir)) {
        perror("mkdtemp");
        return 1;
    }
    TEST_RUN(test_full);
    TEST_RUN(test_minimal);
    TEST_RUN(test_deterministic);
    TEST_RUN(test_again);
    TEST_RUN(test_malformed);
    TEST_RUN(test_escape);
    TEST_RUN(test_bleed);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx.dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", fx.dir);
    cairo_debug_reset_static_data();  /* the toy-text font caches, so LSan sees only ours */
    FcFini();
    return test_done();
}
