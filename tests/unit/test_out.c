/*
 * test_out.c - real files checked with real tools: pdffonts (embedded), qpdf --check,
 * pdftotext, pdfinfo, zbarimg on pdftoppm pages; byte-identical double render; PNG size
 * at 150 dpi and page naming; /dev/full and a missing directory fail cleanly, leaving no
 * temporary file.
 */
#include <cairo.h>
#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../test.h"
#include "base/atomic.h"
#include "compose/qr.h"
#include "output/out.h"

#define URL "https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ012345.1"
#define DATE 1795651200   /* 2026-11-26T00:00:00Z */

static struct sp_text *tx;
static char dir[] = "/tmp/sp_outXXXXXX";

static const char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int exists(const char *p)
{
    struct stat st;

    return stat(p, &st) == 0;
}

/* No temporary file ("*.tmp", base/atomic.h) in the test folder, none still registered. */
static int no_temporaries(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    while (d && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        n += len > 4 && !strcmp(de->d_name + len - 4, ".tmp");
    }
    if (d)
        closedir(d);
    return n == 0 && sp_atomic_live_count() == 0;
}

/* Run cmd, capture stdout (malloc'd, NUL-terminated); *status = exit status. */
static char *run(const char *cmd, int *status)
{
    FILE *fp = popen(cmd, "r");
    size_t cap = 1 << 16, n = 0, r;
    char *out = calloc(1, cap);
    int st;

    if (!fp) {
        *status = -1;
        return out;
    }
    while ((r = fread(out + n, 1, cap - 1 - n, fp)) > 0) {
        n += r;
        if (n + 1 >= cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
    }
    out[n] = '\0';
    st = pclose(fp);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

/* Is there a line "key:   value" in the output of pdfinfo? */
static int info_has(const char *out, const char *key, const char *value)
{
    const char *p = out;
    size_t kl = strlen(key);

    for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        const char *v = p + kl;
        size_t vl = strlen(value);

        if (strncmp(p, key, kl) || *v != ':')
            continue;
        for (v++; *v == ' '; v++)
            ;
        if (!strncmp(v, value, vl) && (v[vl] == '\n' || v[vl] == '\0'))
            return 1;
    }
    return 0;
}

/* memmem for binary PDF bytes. */
static int contains(const char *buf, size_t n, const char *s)
{
    size_t sl = strlen(s), i;

    for (i = 0; i + sl <= n; i++)
        if (!memcmp(buf + i, s, sl))
            return 1;
    return 0;
}

static void add_text(struct sp_plan *p, struct sp_page *pg, const char *s, double x, double y,
                     double size, bool bold)
{
    struct sp_item it;
    struct sp_font f = { NULL, size, bold, NULL };
    double h, b;

    sp_text_metrics(tx, &f, &h, &b);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_TEXT;
    it.text = sp_plan_str(p, s);
    it.font = f;
    it.x = x; it.y = y; it.w = sp_text_width(tx, &f, s); it.h = h; it.baseline = b;
    it.rgb = 0x000000;
    sp_plan_add(p, pg, &it);
}

static void add_tag(struct sp_plan *p, struct sp_page *pg, enum sp_item_kind k, const char *name,
                    const char *attr, const char *alt)
{
    struct sp_item it;

    memset(&it, 0, sizeof it);
    it.kind = k;
    it.text = name;
    it.attr = attr;
    it.alt = alt;
    sp_plan_add(p, pg, &it);
}

/* A two-page A5 plan shaped like the composer's: Document, H1, P, Figure + QR, Link. */
static void make_plan(struct sp_plan *p)
{
    struct sp_page *pg;
    struct sp_item it;
    struct sp_qr *q = NULL;
    struct sp_error err = { 0 };

    sp_plan_init(p, 420, 595);
    p->title = "Free support meetings near you";
    p->author = "Example Recovery Network";
    p->subject = "Meetings in Caerdydd";
    p->keywords = "meetings, recovery";
    p->lang = "en-GB";
    q = sp_arena_alloc(&p->arena, sizeof *q);
    sp_qr_encode(URL, 'M', "Tuesday Hope Group", &p->arena, q, &err);

    pg = sp_plan_add_page(p);
    pg->label = "Tuesday";
    add_tag(p, pg, SP_ITEM_TAG_BEGIN, "Document", NULL, NULL);
    add_tag(p, pg, SP_ITEM_TAG_BEGIN, "H1", NULL, NULL);
    add_text(p, pg, "Free support meetings near you", 40, 40, 24, true);
    add_tag(p, pg, SP_ITEM_TAG_END, "H1", NULL, NULL);
    add_tag(p, pg, SP_ITEM_TAG_BEGIN, "P", NULL, NULL);
    add_text(p, pg, "Tuesday 7.30pm Tuesday Hope Group, Café Ŵyn", 40, 90, 18, false);
    add_tag(p, pg, SP_ITEM_TAG_END, "P", NULL, NULL);
    add_tag(p, pg, SP_ITEM_TAG_BEGIN, "Figure", NULL,
            "QR code: join the Tuesday Hope Group online");
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_QR;
    it.x = 40; it.y = 140; it.w = it.h = 45 * 0.75 / 25.4 * 72 * 1.6;  /* ~54 mm */
    it.rgb = 0x000000; it.bg = 0xffffff; it.qr = q;
    sp_plan_add(p, pg, &it);
    add_tag(p, pg, SP_ITEM_TAG_END, "Figure", NULL, NULL);
    add_tag(p, pg, SP_ITEM_TAG_BEGIN, "Link",
            sp_plan_str(p, "uri='" URL "' rect=[40 300 300 20]"),
            "Join the Tuesday Hope Group on Zoom");
    add_text(p, pg, "Join on Zoom: meeting ID 812 3456 7890", 40, 300, 14, false);
    add_tag(p, pg, SP_ITEM_TAG_END, "Link", NULL, NULL);
    sp_plan_add_outline(p, -1, "Tuesday", 0, 40);

    pg = sp_plan_add_page(p);
    pg->label = "Contacts";
    add_tag(p, pg, SP_ITEM_TAG_BEGIN, "P", NULL, NULL);
    add_text(p, pg, "Page 2 of 2. Call 01632 960123", 40, 40, 18, false);
    add_tag(p, pg, SP_ITEM_TAG_END, "P", NULL, NULL);
    add_tag(p, pg, SP_ITEM_TAG_END, "Document", NULL, NULL);
    sp_plan_add_outline(p, -1, "Contacts", 1, 40);
}

static const struct sp_out_opts pdf_opts = { SP_OUT_PDF, 72, DATE, "signpost 0.1.0" };

static void test_format_and_names(void)
{
    enum sp_out_format f = SP_OUT_SVG;
    struct sp_plan p;
    struct sp_arena a;

    OK(sp_out_format_from_path("a/b.PDF", &f) == 0 && f == SP_OUT_PDF, ".PDF -> PDF");
    OK(sp_out_format_from_path("x.png", &f) == 0 && f == SP_OUT_PNG, ".png -> PNG");
    OK(sp_out_format_from_path("x.svg", &f) == 0 && f == SP_OUT_SVG, ".svg -> SVG");
    EQ_INT(sp_out_format_from_path("x.pdf.txt", &f), -1, ".txt -> -1");
    EQ_INT(sp_out_format_from_path("dir.pdf/x", &f), -1, "dot in a directory name only");
    sp_arena_init(&a);
    sp_plan_init(&p, 100, 100);
    sp_plan_add_page(&p);
    EQ_STR(sp_out_page_path(&p, "out/kiosk.png", 0, &a), "out/kiosk.png", "one page: path");
    sp_plan_add_page(&p);
    EQ_STR(sp_out_page_path(&p, "out/kiosk.png", 0, &a), "out/kiosk-1.png", "page 1 of 2");
    EQ_STR(sp_out_page_path(&p, "out/kiosk.png", 1, &a), "out/kiosk-2.png", "page 2 of 2");
    p.pages[1].name = "tuesday";
    EQ_STR(sp_out_page_path(&p, "out/kiosk.png", 1, &a), "out/tuesday.png", "named page");
    EQ_STR(sp_out_page_path(&p, "kiosk.png", 1, &a), "tuesday.png", "named, no dir");
    sp_plan_release(&p);
    sp_arena_free(&a);
}

static void test_pdf(void)
{
    struct sp_plan p;
    struct sp_error err = { 0 };
    const char *path = tmp_path("poster.pdf"), *path2 = tmp_path("poster2.pdf");
    char cmd[1024], *out, *line;
    int st, fonts = 0, embedded = 0;

    make_plan(&p);
    EQ_INT(sp_out_write(&p, tx, path, &pdf_opts, &err), 0, "PDF written");
    if (err.code)
        printf("#   %s\n", err.msg);
    OK(exists(path), "file exists");
    OK(no_temporaries(), "no temporary file left");

    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1", path);
    out = run(cmd, &st);
    line = strstr(out, "-----\n");
    for (line = line ? strchr(line, '\n') + 1 : NULL; line && *line;) {
        char *tok[16], *eol = strchr(line, '\n'), *sv = NULL, *t;
        int nt = 0;

        if (eol)
            *eol = '\0';
        for (t = strtok_r(line, " ", &sv); t && nt < 16; t = strtok_r(NULL, " ", &sv))
            tok[nt++] = t;
        if (nt >= 6) {
            fonts++;
            if (!strcmp(tok[nt - 5], "yes"))
                embedded++;
        }
        line = eol ? eol + 1 : NULL;
    }
    OK(fonts >= 2, "pdffonts lists the fonts (%d)", fonts);
    EQ_INT(embedded, fonts, "every font embedded (emb yes)");
    free(out);

    snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", path);
    out = run(cmd, &st);
    EQ_INT(st, 0, "qpdf --check exit 0");
    OK(strstr(out, "No syntax or stream encoding errors found") != NULL, "qpdf --check clean");
    if (st)
        printf("#   %s\n", out);
    free(out);

    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
    out = run(cmd, &st);
    OK(strstr(out, "Free support meetings near you") != NULL, "pdftotext: headline");
    OK(strstr(out, "Tuesday 7.30pm Tuesday Hope Group, Café Ŵyn") != NULL,
       "pdftotext: line with é and Ŵ");
    OK(strstr(out, "Page 2 of 2. Call 01632 960123") != NULL, "pdftotext: page 2");
    free(out);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>&1", path);
    out = run(cmd, &st);
    OK(info_has(out, "Title", "Free support meetings near you"), "pdfinfo title");
    OK(info_has(out, "Author", "Example Recovery Network"), "pdfinfo author");
    OK(info_has(out, "Subject", "Meetings in Caerdydd"), "pdfinfo subject");
    OK(info_has(out, "Keywords", "meetings, recovery"), "pdfinfo keywords");
    OK(info_has(out, "Creator", "signpost 0.1.0"), "pdfinfo creator");
    OK(info_has(out, "Tagged", "yes"), "tagged");
    OK(info_has(out, "Pages", "2"), "2 pages");
    OK(info_has(out, "CreationDate", "Thu Nov 26 00:00:00 2026 UTC"), "creation date");
    OK(info_has(out, "ModDate", "Thu Nov 26 00:00:00 2026 UTC"), "modification date");
    OK(info_has(out, "Page size", "420 x 595 pts (A5)"), "page size");
    free(out);

    {
        FILE *fp = fopen(path, "rb");
        static char buf[1 << 20];
        size_t n = fp ? fread(buf, 1, sizeof buf, fp) : 0;

        if (fp)
            fclose(fp);
        OK(contains(buf, n, "/Lang"), "accessibility update appended (/Lang)");
        OK(contains(buf, n, "/PageLabels"), "page labels written");
        OK(contains(buf, n, "/Outlines"), "outline written");
    }

    if (system("command -v zbarimg >/dev/null 2>&1") == 0) {
        snprintf(cmd, sizeof cmd, "pdftoppm -r 150 -f 1 -l 1 -png '%s' '%s/pg' && "
                 "zbarimg --raw -q '%s'/pg*1.png 2>/dev/null", path, dir, dir);
        out = run(cmd, &st);
        EQ_STR(out, URL "\n", "QR on page 1 at 150 dpi decodes to exactly the URL");
        free(out);
        snprintf(cmd, sizeof cmd, "pdftoppm -r 75 -f 1 -l 1 -png '%s' '%s/lo' && "
                 "zbarimg --raw -q '%s'/lo*1.png 2>/dev/null", path, dir, dir);
        out = run(cmd, &st);
        EQ_STR(out, URL "\n", "and at 75 dpi");
        free(out);
    } else {
        OK(1, "# SKIP zbarimg not installed");
    }

    /* deterministic: same plan + date = same bytes; another date differs */
    EQ_INT(sp_out_write(&p, tx, path2, &pdf_opts, &err), 0, "second render");
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", path, path2);
    EQ_INT(system(cmd), 0, "two renders are byte-identical (cmp)");
    {
        struct sp_out_opts o = pdf_opts;

        o.date = DATE + 86400;
        EQ_INT(sp_out_write(&p, tx, path2, &o, &err), 0, "render with another date");
        OK(system(cmd) != 0, "control: another date gives other bytes");
    }
    sp_plan_release(&p);
}

static void test_png(void)
{
    struct sp_plan p;
    struct sp_error err = { 0 };
    struct sp_out_opts o = { SP_OUT_PNG, 150, DATE, NULL };
    cairo_surface_t *img;
    const unsigned char *d;

    make_plan(&p);
    EQ_INT(sp_out_write(&p, tx, tmp_path("kiosk.png"), &o, &err), 0, "PNG pages written");
    OK(!exists(tmp_path("kiosk.png")), "two pages: no file at the bare path");
    OK(exists(tmp_path("kiosk-1.png")) && exists(tmp_path("kiosk-2.png")), "kiosk-1/-2.png");
    OK(no_temporaries(), "no temporary file left");
    img = cairo_image_surface_create_from_png(tmp_path("kiosk-1.png"));
    EQ_INT(cairo_surface_status(img), CAIRO_STATUS_SUCCESS, "PNG readable");
    EQ_INT(cairo_image_surface_get_width(img), 875, "420 pt at 150 dpi = 875 px");
    EQ_INT(cairo_image_surface_get_height(img), 1240, "595 pt at 150 dpi = 1240 px");
    d = cairo_image_surface_get_data(img);
    EQ_INT(((const uint32_t *)(const void *)d)[0] & 0xffffff, 0xffffff, "white background");
    cairo_surface_destroy(img);

    /* a page-covering first RECT is the background */
    {
        struct sp_item bg;
        struct sp_plan q;
        struct sp_page *pg;

        sp_plan_init(&q, 100, 50);
        pg = sp_plan_add_page(&q);
        memset(&bg, 0, sizeof bg);
        bg.kind = SP_ITEM_RECT;
        bg.w = 100; bg.h = 50; bg.rgb = 0x102030;
        sp_plan_add(&q, pg, &bg);
        o.dpi = 72;
        EQ_INT(sp_out_write(&q, tx, tmp_path("bg.png"), &o, &err), 0, "one-page PNG");
        img = cairo_image_surface_create_from_png(tmp_path("bg.png"));
        EQ_INT(cairo_image_surface_get_width(img), 100, "72 dpi: 1 px per point");
        d = cairo_image_surface_get_data(img);
        EQ_INT(((const uint32_t *)(const void *)d)[0] & 0xffffff, 0x102030, "RECT background");
        cairo_surface_destroy(img);
        sp_plan_release(&q);
    }
    sp_plan_release(&p);
}

/* Pages drawn here and encoded by worker threads (out.c) are the same files, byte for
   byte, as each page written alone; more pages than can wait at once (workers), so
   surfaces are drawn on again; pages with a background whose right edge covers part of
   the last pixel column (300.6 pt at 72 dpi: 301 px), which shows what was there before. */
static void test_png_set(void)
{
    struct sp_plan p;
    struct sp_error err = { 0 };
    struct sp_out_opts o = { SP_OUT_PNG, 72, DATE, NULL };
    char name[64], want[64];
    int same = 0;

    sp_plan_init(&p, 300.6, 120);
    for (int i = 0; i < 9; i++) {
        struct sp_page *pg = sp_plan_add_page(&p);

        if (i % 3 != 2) {
            struct sp_item bg;

            memset(&bg, 0, sizeof bg);
            bg.kind = SP_ITEM_RECT;
            bg.w = 300.6;
            bg.h = 120;
            bg.rgb = i % 3 ? 0x1A4060 : 0xF0E68C;
            sp_plan_add(&p, pg, &bg);
        }
        snprintf(name, sizeof name, "Slide %d: Tuesday Hope Group, 7.30pm", i + 1);
        add_text(&p, pg, name, 10 + 5 * i, 20 + 8 * i, 14 + i, i % 2);
    }
    EQ_INT(sp_out_write(&p, tx, tmp_path("set9.png"), &o, &err), 0, "9 PNG pages written");
    for (size_t i = 0; i < p.npages; i++) {
        struct sp_plan one = p;   /* page i alone: written without the workers */
        char *a = NULL, *b = NULL;
        gsize alen = 0, blen = 0;

        one.pages = &p.pages[i];
        one.npages = 1;
        snprintf(name, sizeof name, "set9-%zu.png", i + 1);
        snprintf(want, sizeof want, "alone-%zu.png", i + 1);
        if (sp_out_write(&one, tx, tmp_path(want), &o, &err) == 0 &&
            g_file_get_contents(tmp_path(name), &a, &alen, NULL) &&
            g_file_get_contents(tmp_path(want), &b, &blen, NULL) && alen == blen &&
            !memcmp(a, b, alen))
            same++;
        g_free(a);
        g_free(b);
    }
    EQ_INT(same, 9, "each page the same bytes as that page written alone");
    OK(no_temporaries(), "no temporary file left");
    sp_plan_release(&p);
}

static void test_svg(void)
{
    struct sp_plan p;
    struct sp_error err = { 0 };
    struct sp_out_opts o = { SP_OUT_SVG, 72, DATE, NULL };
    char buf[256] = "";
    FILE *fp;

    make_plan(&p);
    p.npages = 1;   /* first page only */
    EQ_INT(sp_out_write(&p, tx, tmp_path("page.svg"), &o, &err), 0, "SVG written");
    fp = fopen(tmp_path("page.svg"), "r");
    if (fp) {
        size_t n = fread(buf, 1, sizeof buf - 1, fp);

        buf[n] = '\0';
        fclose(fp);
    }
    OK(strstr(buf, "<svg") != NULL, "SVG file starts with an svg element");
    OK(strstr(buf, "width=\"420pt\"") != NULL, "SVG width in points");
    p.npages = 2;
    sp_plan_release(&p);
}

static void test_failures(void)
{
    struct sp_plan p;
    struct sp_error err = { 0 };
    struct sp_out_opts png = { SP_OUT_PNG, 72, DATE, NULL };
    struct stat st;
    char missing[600], want[700];

    make_plan(&p);
    EQ_INT(sp_out_write(&p, tx, "/dev/full", &pdf_opts, &err), -1, "PDF to /dev/full fails");
    EQ_INT(err.code, SP_ERR_IO, "SP_ERR_IO");
    EQ_STR(err.msg, "cannot write '/dev/full': No space left on device", "ENOSPC message");
    OK(!exists("/dev/full.tmp"), "no /dev/full.tmp");
    OK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode), "/dev/full still a device");

    p.npages = 1;
    memset(&err, 0, sizeof err);
    EQ_INT(sp_out_write(&p, tx, "/dev/full", &png, &err), -1, "PNG to /dev/full fails");
    EQ_STR(err.msg, "cannot write '/dev/full': No space left on device", "PNG ENOSPC message");
    p.npages = 2;

    snprintf(missing, sizeof missing, "%s/no-such-dir/poster.pdf", dir);
    memset(&err, 0, sizeof err);
    EQ_INT(sp_out_write(&p, tx, missing, &pdf_opts, &err), -1, "missing directory fails");
    EQ_INT(err.code, SP_ERR_IO, "SP_ERR_IO");
    snprintf(want, sizeof want, "cannot write '%s': No such file or directory", missing);
    EQ_STR(err.msg, want, "missing directory message");
    OK(!exists(missing), "nothing at path");

    /* a PNG set where the second page cannot be written leaves no first page either */
    p.pages[1].name = "no-such-dir/x";
    memset(&err, 0, sizeof err);
    EQ_INT(sp_out_write(&p, tx, tmp_path("set.png"), &png, &err), -1, "page 2 fails");
    OK(!exists(tmp_path("set-1.png")) && no_temporaries(),
       "page 1 not left behind, nor any temporary file");
    sp_plan_release(&p);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };
    char cmd[600];

    test_init(argc, argv);
    /* numbers only: under a decimal-comma LC_NUMERIC the PDF must not change */
    setlocale(LC_NUMERIC, "");
    if (!mkdtemp(dir))
        return 1;
    tx = sp_text_new(SP_DATADIR "/fonts", SP_DATADIR "/build/fccache", &err);
    if (!OK(tx != NULL, "sp_text_new (%s)", err.msg))
        return test_done();
    TEST_RUN(test_format_and_names);
    TEST_RUN(test_pdf);
    TEST_RUN(test_png);
    TEST_RUN(test_png_set);
    TEST_RUN(test_svg);
    TEST_RUN(test_failures);
    sp_text_free(tx);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (getenv("SP_KEEP_OUTPUT"))    /* keep the files to look at */
        printf("# output kept in %s\n", dir);
    else if (system(cmd) != 0)
        return 1;
    return test_done();
}
