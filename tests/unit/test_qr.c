/*
 * test_qr.c - versions as measured in STANDARDS.md, errors, and a real round trip:
 * every URL in tests/data/urls.txt drawn by render.c (both methods) decodes with zbarimg.
 */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"
#include "compose/qr.h"
#include "output/render.h"

#define ZOOM76 "https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ012345.1"

static int have_zbarimg(void)
{
    return system("command -v zbarimg >/dev/null 2>&1") == 0;
}

static void test_versions(void)
{
    static const struct { const char *url; char ecl; int version; } cases[] = {
        { ZOOM76, 'L', 4 }, { ZOOM76, 'M', 5 }, { ZOOM76, 'Q', 6 }, { ZOOM76, 'H', 8 },
        { "https://zoom.us/j/8123456789", 'M', 2 },
        { "https://meet.google.com/abc-defg-hij", 'M', 3 },
    };
    struct sp_arena a;
    size_t i;

    sp_arena_init(&a);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_qr q;
        struct sp_error err = { 0 };
        char name[128];

        snprintf(name, sizeof name, "%.30s... at %c is v%d", cases[i].url, cases[i].ecl,
                 cases[i].version);
        EQ_INT(sp_qr_encode(cases[i].url, cases[i].ecl, "x", &a, &q, &err), 0, "encodes");
        EQ_INT(q.version, cases[i].version, name);
        EQ_INT(q.n, 17 + 4 * cases[i].version, "modules = 17 + 4v");
        EQ_INT(q.quiet, 4, "quiet zone 4");
        EQ_INT(q.ecl, cases[i].ecl, "ecl recorded");
    }
    sp_arena_free(&a);
}

static void test_modules(void)
{
    struct sp_arena a;
    struct sp_qr q;
    struct sp_error err = { 0 };
    int r, c, finder = 1, binary = 1;

    sp_arena_init(&a);
    OK(sp_qr_encode("https://zoom.us/j/8123456789", 'M', NULL, &a, &q, &err) == 0, "encode");
    /* top-left finder: dark 7x7 ring, light ring inside, dark 3x3 centre */
    for (r = 0; r < 7; r++)
        for (c = 0; c < 7; c++) {
            int ring = r == 0 || r == 6 || c == 0 || c == 6;
            int centre = r >= 2 && r <= 4 && c >= 2 && c <= 4;

            if (sp_qr_dark(&q, r, c) != (ring || centre))
                finder = 0;
        }
    /* packed a bit a module, rows of whole bytes: the bits after the last module are 0 */
    EQ_INT((int)sp_qr_row_bytes(q.n), (q.n + 7) / 8, "row bytes");
    for (r = 0; r < q.n; r++)
        if (q.bits[(size_t)r * sp_qr_row_bytes(q.n) + sp_qr_row_bytes(q.n) - 1] &
            (0xffu >> (q.n % 8 ? q.n % 8 : 8)))
            binary = 0;
    OK(finder, "top-left finder pattern where expected");
    OK(binary, "no bits set past the last module of a row");
    EQ_INT(sp_qr_dark(&q, 7, 7), 0, "separator is light");
    /* the other two finders: top-right (row 0, column n-1 dark), bottom-left; timing row 6 */
    OK(sp_qr_dark(&q, 0, q.n - 1) && sp_qr_dark(&q, q.n - 1, 0), "top-right, bottom-left");
    OK(!sp_qr_dark(&q, 0, q.n - 8) && !sp_qr_dark(&q, q.n - 8, 0), "their separators");
    for (c = 8, finder = 1; c < q.n - 8; c++)
        if (sp_qr_dark(&q, 6, c) != !(c % 2))
            finder = 0;
    OK(finder, "timing pattern on row 6 alternates, dark on even columns");
    sp_arena_free(&a);
}

static void test_errors(void)
{
    struct sp_arena a;
    struct sp_qr q;
    struct sp_error err = { 0 };
    char *big = malloc(3001);

    sp_arena_init(&a);
    memcpy(big, "https://example.org/", 20);
    memset(big + 20, 'a', 2980);
    big[3000] = '\0';
    EQ_INT(sp_qr_encode(big, 'H', "Tuesday Hope Group", &a, &q, &err), -1, "3000 chars at H");
    EQ_INT(err.code, SP_ERR_INPUT, "SP_ERR_INPUT");
    EQ_STR(err.msg, "'Tuesday Hope Group': URL too long for a QR code", "message names it");
    memset(&err, 0, sizeof err);
    EQ_INT(sp_qr_encode(big, 'L', NULL, &a, &q, &err), -1, "3000 chars at L");
    EQ_STR(err.msg, "URL too long for a QR code", "message without a subject");
    memset(&err, 0, sizeof err);
    EQ_INT(sp_qr_encode("https://example.org/", 'X', NULL, &a, &q, &err), -1, "bad level");
    EQ_STR(err.msg, "unknown QR error-correction level 'X'", "bad level message");
    free(big);
    sp_arena_free(&a);
}

/* Draw q at 4 px per module into a PNG with render.c, decode it; returns malloc'd text. */
static char *decode(const struct sp_qr *q, enum sp_qr_method m)
{
    char png[] = "/tmp/sp_qrXXXXXX.png", cmd[128], *out = calloc(1, 4096);
    struct sp_item it;
    cairo_surface_t *s;
    cairo_t *cr;
    FILE *fp;
    size_t n;
    int fd = mkstemps(png, 4), side = (q->n + 2 * q->quiet) * 4;

    close(fd);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_QR;
    it.w = it.h = side;
    it.rgb = 0x000000;
    it.bg = 0xffffff;
    it.qr = q;
    s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
    cr = cairo_create(s);
    sp_render_qr(cr, &it, m);
    cairo_destroy(cr);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", png);
    fp = popen(cmd, "r");
    n = fp ? fread(out, 1, 4095, fp) : 0;
    if (fp)
        pclose(fp);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    unlink(png);
    return out;
}

static void test_round_trip(void)
{
    FILE *fp = fopen(SP_DATADIR "/tests/data/urls.txt", "r");
    char line[1024];
    struct sp_arena a;
    int count = 0;

    if (!have_zbarimg()) {
        OK(1, "# SKIP zbarimg not installed");
        if (fp)
            fclose(fp);
        return;
    }
    if (!OK(fp != NULL, "open tests/data/urls.txt"))
        return;
    sp_arena_init(&a);
    while (fgets(line, sizeof line, fp)) {
        struct sp_qr q;
        struct sp_error err = { 0 };
        char *got;

        line[strcspn(line, "\r\n")] = '\0';
        if (!*line || *line == '#')
            continue;
        count++;
        if (!OK(sp_qr_encode(line, 'M', "test", &a, &q, &err) == 0, "encode %.40s", line))
            continue;
        got = decode(&q, SP_QR_RUNS);
        EQ_STR(got, line, "runs: zbarimg decodes exactly the URL");
        free(got);
        got = decode(&q, SP_QR_MASK);
        EQ_STR(got, line, "mask: zbarimg decodes exactly the URL");
        free(got);
    }
    fclose(fp);
    OK(count >= 8, "urls.txt has the test URLs (%d)", count);
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_versions);
    TEST_RUN(test_modules);
    TEST_RUN(test_errors);
    TEST_RUN(test_round_trip);
    return test_done();
}
