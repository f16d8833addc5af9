/*
 * test_layout.c - layout files: every error message pinned with file:line:col, the
 * shipped layouts' values, units, defaults, the WCAG contrast formula (STANDARDS.md
 * rows 15, 17, 18), the accessibility floors (rows 2, 37; issue 3 QR sizes), listing,
 * loading by name and path, and number parsing under a decimal-comma locale.
 */
#include "layout/layout.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"

/* A small valid A4 poster; the error cases edit it.  Line numbers matter. */
static const char base[] =
    "# test layout\n"            /*  1 */
    "[layout]\n"                 /*  2 */
    "description = Test poster\n" /* 3 */
    "kind = poster\n"            /*  4 */
    "\n"                         /*  5 */
    "[page]\n"                   /*  6 */
    "size = A4\n"                /*  7 */
    "margin = 12mm\n"            /*  8 */
    "columns = 1\n"              /*  9 */
    "\n"                         /* 10 */
    "[type]\n"                   /* 11 */
    "headline = 56pt\n"          /* 12 */
    "body = 18pt\n"              /* 13 */
    "floor-body = 18pt\n"        /* 14 */
    "\n"                         /* 15 */
    "[colours]\n"                /* 16 */
    "text = #1A1A1A\n"           /* 17 */
    "background = #FFFFFF\n"     /* 18 */
    "\n"                         /* 19 */
    "[qr]\n"                     /* 20 */
    "min-size = 35mm\n";         /* 21 */

static const char kiosk[] =
    "[layout]\n"                 /*  1 */
    "description = Test screen\n" /* 2 */
    "kind = kiosk\n"             /*  3 */
    "[page]\n"                   /*  4 */
    "size = 1080p\n"             /*  5 */
    "margin = 48px\n"            /*  6 */
    "columns = 2\n"              /*  7 */
    "[type]\n"                   /*  8 */
    "headline = 120px\n"         /*  9 */
    "body = 56px\n"              /* 10 */
    "floor-body = 48px\n"        /* 11 */
    "[screen]\n"                 /* 12 */
    "dark = yes\n";              /* 13 */

static const char cards[] =
    "[layout]\n"                 /*  1 */
    "description = Test cards\n" /*  2 */
    "kind = cards\n"             /*  3 */
    "[page]\n"                   /*  4 */
    "size = A4\n"                /*  5 */
    "margin-left = 14.4mm\n"     /*  6 */
    "margin-right = 14.4mm\n"    /*  7 */
    "margin-top = 13.55mm\n"     /*  8 */
    "margin-bottom = 13.55mm\n"  /*  9 */
    "[type]\n"                   /* 10 */
    "headline = 16pt\n"          /* 11 */
    "body = 12pt\n"              /* 12 */
    "floor-body = 12pt\n";       /* 13 */

/* Replace the first `find` in src by `repl` (up to two pairs); the result is malloc'd. */
static char *edit(const char *src, const char *find, const char *repl, const char *find2,
                  const char *repl2)
{
    char *out = xmalloc(strlen(src) + (repl ? strlen(repl) : 0) +
                        (repl2 ? strlen(repl2) : 0) + 1);
    char *tmp;
    const char *p;

    strcpy(out, src);
    if (find) {
        p = strstr(out, find);
        if (!p) {
            printf("# edit: '%s' not found\n", find);
            return out;
        }
        tmp = xmalloc(strlen(out) + strlen(repl) + 1);
        sprintf(tmp, "%.*s%s%s", (int)(p - out), out, repl, p + strlen(find));
        free(out);
        out = tmp;
    }
    if (find2) {
        char *r = edit(out, find2, repl2, NULL, NULL);
        free(out);
        out = r;
    }
    return out;
}

/* Parse text as file "t"; return the formatted error ("" when it loads). */
static const char *try_parse(const char *text, struct sp_arena *a, struct sp_layout *L,
                             struct sp_error *e)
{
    static char buf[1024];

    memset(e, 0, sizeof *e);
    if (sp_layout_parse("t", text, strlen(text), a, L, e) == 0)
        return "";
    sp_error_format(e, buf, sizeof buf);
    return buf;
}

static void test_contrast(void)
{
    /* STANDARDS.md row 18 [measured] values, by the row 17 formula (0.04045) */
    NEAR(sp_contrast_ratio(0x005EB8, 0xFFFFFF), 6.38, 0.005, "row 18: #005EB8 on white 6.38");
    NEAR(sp_contrast_ratio(0x003087, 0xFFFFFF), 11.85, 0.005, "row 18: #003087 on white 11.85");
    NEAR(sp_contrast_ratio(0x000000, 0xFFFF00), 19.56, 0.005, "row 18: black on #FFFF00 19.56");
    NEAR(sp_contrast_ratio(0x767676, 0xFFFFFF), 4.54, 0.005, "row 18: #767676 on white 4.54");
    NEAR(sp_contrast_ratio(0x000000, 0xFFFFFF), 21.0, 1e-9, "black on white is 21:1");
    NEAR(sp_contrast_ratio(0xFFFFFF, 0x000000), 21.0, 1e-9, "order does not matter");
    NEAR(sp_contrast_ratio(0x123456, 0x123456), 1.0, 1e-12, "same colour is 1:1");
    /* 0x0A/255 = 0.0392 <= 0.04045 (linear part); 0x0B/255 = 0.0431 (power part) */
    NEAR(sp_contrast_ratio(0x0A0A0A, 0x000000), (0.0392157 / 12.92 + 0.05) / 0.05, 1e-4,
         "row 17: linear segment below 0.04045");
    NEAR(sp_contrast_ratio(0x0B0B0B, 0x000000),
         (pow((11 / 255.0 + 0.055) / 1.055, 2.4) + 0.05) / 0.05, 1e-9,
         "row 17: power segment above 0.04045");
}

static void test_base_loads(void)
{
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e;

    sp_arena_init(&a);
    EQ_STR(try_parse(base, &a, &L, &e), "", "the base test layout loads");
    EQ_STR(L.name, "t", "name");
    EQ_STR(L.description, "Test poster", "description");
    EQ_INT(L.kind, SP_LAYOUT_POSTER, "kind poster");
    OK(!L.screen, "print layout");
    NEAR(L.width, 595.276, 0.001, "A4 width 210mm in points");
    NEAR(L.height, 841.890, 0.001, "A4 height 297mm in points");
    NEAR(L.margin_top, SP_MM(12), 1e-9, "margin shorthand: top");
    NEAR(L.margin_right, SP_MM(12), 1e-9, "margin shorthand: right");
    NEAR(L.margin_bottom, SP_MM(12), 1e-9, "margin shorthand: bottom");
    NEAR(L.margin_left, SP_MM(12), 1e-9, "margin shorthand: left");
    /* defaults */
    NEAR(L.size_subtitle, 27, 1e-9, "subtitle defaults to 1.5 x body");
    NEAR(L.size_heading, 27, 1e-9, "heading defaults to 1.5 x body");
    NEAR(L.size_detail, 18, 1e-9, "detail defaults to body");
    NEAR(L.size_footer, 18, 1e-9, "footer defaults to body");
    NEAR(L.line_spacing, 1.15, 1e-9, "line-spacing default 1.15");
    NEAR(L.size_tab, 12, 1e-9, "tab text default 12pt");
    EQ_INT(L.color_heading, 0x003087, "heading colour default #003087");
    EQ_INT(L.color_accent, 0x003087, "accent default #003087");
    EQ_INT(L.color_accent_text, 0xFFFFFF, "accent text default white");
    EQ_INT(L.qr_ecl, 'M', "ecl default M");
    NEAR(L.qr_max, 0, 0, "no QR maximum by default");
    OK(!L.qr_whole_pixels, "no whole pixels on print");
    EQ_INT(L.time_style, SP_TIME_12H, "12h by default");
    OK(L.show_passcodes, "passcodes shown by default");
    EQ_INT(L.tabs, 0, "no tabs by default");
    EQ_INT(L.columns, 1, "columns");
    sp_arena_free(&a);
}

static void test_shipped(void)
{
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e = { 0 };

    sp_arena_init(&a);
    EQ_INT(sp_layout_load("poster-a4", SP_DATADIR, &a, &L, &e), 0, "poster-a4 loads");
    if (e.code)
        printf("# %s:%d: %s\n", e.file, e.line, e.msg);
    EQ_STR(L.name, "poster-a4", "poster-a4: name is the base name");
    EQ_STR(L.path, SP_DATADIR "/layouts/poster-a4", "poster-a4: path");
    EQ_INT(L.kind, SP_LAYOUT_POSTER, "poster-a4: kind");
    NEAR(L.width, SP_MM(210), 1e-9, "poster-a4: 210mm wide");
    NEAR(L.height, SP_MM(297), 1e-9, "poster-a4: 297mm high (portrait)");
    NEAR(L.margin_left, SP_MM(12), 1e-9, "poster-a4: 12mm margins");
    OK(L.margin_top >= SP_MM(5) && L.margin_bottom >= SP_MM(5) && L.margin_right >= SP_MM(5),
       "poster-a4: every margin >= 5mm (row 37)");
    EQ_INT(L.columns, 1, "poster-a4: one column");
    NEAR(L.size_body, 18, 1e-9, "poster-a4: body 18pt");
    NEAR(L.floor_body, 18, 1e-9, "poster-a4: floor 18pt (row 2: >= 16pt)");
    OK(L.size_headline >= 2 * L.size_body, "poster-a4: headline at least twice the body");
    NEAR(L.size_headline, 44, 1e-9, "poster-a4: headline 44pt");
    NEAR(L.size_subtitle, 24, 1e-9, "poster-a4: subtitle 24pt");
    NEAR(L.size_heading, 26, 1e-9, "poster-a4: day heading 26pt");
    NEAR(L.size_footer, 18, 1e-9, "poster-a4: footer 18pt");
    NEAR(L.qr_min, SP_MM(35), 1e-9, "poster-a4: QR at least 35mm (issue 3)");
    EQ_INT(L.qr_ecl, 'M', "poster-a4: EC level M");
    EQ_INT(L.color_text, 0x1A1A1A, "poster-a4: text #1A1A1A");
    EQ_INT(L.color_background, 0xFFFFFF, "poster-a4: white background");
    EQ_INT(L.color_heading, 0x003087, "poster-a4: heading #003087");
    OK(sp_contrast_ratio(L.color_text, L.color_background) >= 7, "poster-a4: text 7:1 (row 15)");
    OK(sp_contrast_ratio(L.color_accent_text, L.color_accent) >= 7, "poster-a4: accent 7:1");
    EQ_INT(L.time_style, SP_TIME_12H, "poster-a4: 12h times");
    OK(L.description && strlen(L.description) > 10, "poster-a4: has a description");

    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load("poster-a3", SP_DATADIR, &a, &L, &e), 0, "poster-a3 loads");
    if (e.code)
        printf("# %s:%d: %s\n", e.file, e.line, e.msg);
    EQ_STR(L.name, "poster-a3", "poster-a3: name");
    NEAR(L.width, SP_MM(297), 1e-9, "poster-a3: 297mm wide");
    NEAR(L.height, SP_MM(420), 1e-9, "poster-a3: 420mm high (portrait)");
    NEAR(L.margin_top, SP_MM(15), 1e-9, "poster-a3: 15mm margins");
    EQ_INT(L.columns, 1, "poster-a3: one column (row 11: about 57 characters a line)");
    NEAR(L.column_gap, SP_MM(10), 1e-9, "poster-a3: 10mm gap");
    NEAR(L.size_body, 24, 1e-9, "poster-a3: body 24pt");
    NEAR(L.floor_body, 24, 1e-9, "poster-a3: floor 24pt");
    OK(L.size_headline >= 72 && L.size_headline <= 84, "poster-a3: headline 72-84pt");
    NEAR(L.size_subtitle, 32, 1e-9, "poster-a3: subtitle 32pt");
    NEAR(L.size_heading, 32, 1e-9, "poster-a3: day heading 32pt");
    NEAR(L.size_footer, 24, 1e-9, "poster-a3: footer 24pt");
    NEAR(L.qr_min, SP_MM(45), 1e-9, "poster-a3: QR at least 45mm (issue 3)");
    EQ_INT(L.color_heading, 0x003087, "poster-a3: heading #003087");
    sp_arena_free(&a);
}

static void test_list(void)
{
    struct sp_arena a;
    struct sp_layout_info *v;
    size_t n = 0;
    struct sp_error e = { 0 };
    int a3 = -1, a4 = -1, sorted = 1, problems = 0, readme = 0;

    sp_arena_init(&a);
    EQ_INT(sp_layout_list(SP_DATADIR, &a, &v, &n, &e), 0, "layouts are listed");
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(v[i].name, "poster-a3"))
            a3 = (int)i;
        if (!strcmp(v[i].name, "poster-a4"))
            a4 = (int)i;
        if (strchr(v[i].name, '.'))
            readme++;
        if (i && strcmp(v[i - 1].name, v[i].name) >= 0)
            sorted = 0;
        if (v[i].problem) {
            problems++;
            printf("# %s\n", v[i].problem);
        }
    }
    OK(a3 >= 0 && a4 == a3 + 1, "poster-a3 then poster-a4 are listed");
    OK(sorted, "sorted by name");
    EQ_INT(problems, 0, "every shipped layout loads");
    EQ_INT(readme, 0, "README.md is not listed");
    if (a4 >= 0)
        EQ_STR(v[a4].description,
               "Large-print A4 poster for a noticeboard, one column, QR codes 35mm",
               "poster-a4 description");

    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_list("/nonexistent", &a, &v, &n, &e), -1, "missing data folder fails");
    EQ_INT(e.code, SP_ERR_RESOURCE, "... as a resource error");
    EQ_STR(e.msg, "cannot read the layouts folder '/nonexistent/layouts': "
           "No such file or directory", "... naming the folder");
    sp_arena_free(&a);
}

struct err_case {
    const char *name;
    const char *src;            /* base text (NULL = base) */
    const char *find, *repl;    /* first edit */
    const char *find2, *repl2;  /* second edit, or NULL */
    const char *want;           /* formatted error */
};

static const struct err_case err_cases[] = {
    /*  0*/ { "bad unit", NULL, "margin = 12mm", "margin-top = twelve", NULL, NULL,
              "t:8:14: 'margin-top': expected a length such as '12mm', got 'twelve'" },
    /*  1*/ { "number without unit", NULL, "margin = 12mm", "margin = 12", NULL, NULL,
              "t:8:10: 'margin': expected a length such as '12mm', got '12'" },
    /*  2*/ { "negative length", NULL, "margin = 12mm", "margin = -3mm", NULL, NULL,
              "t:8:10: 'margin': expected a length such as '12mm', got '-3mm'" },
    /*  3*/ { "decimal comma", NULL, "margin = 12mm", "margin = 12,5mm", NULL, NULL,
              "t:8:10: 'margin': expected a length such as '12mm', got '12,5mm'" },
    /*  4*/ { "px on print", NULL, "margin = 12mm", "margin = 48px", NULL, NULL,
              "t:8:10: 'margin': px is only for screen layouts; use mm, cm, in or pt, "
              "got '48px'" },
    /*  5*/ { "type size example", NULL, "body = 18pt", "body = big", NULL, NULL,
              "t:13:8: 'body': expected a size such as '18pt', got 'big'" },
    /*  6*/ { "unknown key", NULL, "columns = 1", "colums = 1", NULL, NULL,
              "t:9:1: 'colums': unknown key in section '[page]'" },
    /*  7*/ { "key in the wrong section", NULL, "body = 18pt\n", "body = 18pt\nmargin-top = 9mm\n",
              NULL, NULL,
              "t:14:1: 'margin-top': unknown key in section '[type]' (it belongs in '[page]')" },
    /*  8*/ { "duplicate key", NULL, "body = 18pt\n", "body = 18pt\nbody = 20pt\n", NULL, NULL,
              "t:14:1: 'body': duplicate key (first set on line 13)" },
    /*  9*/ { "duplicate key, other spelling", NULL, "body = 18pt\n",
              "body = 18pt\n  FLOOR_BODY = 20pt\n", NULL, NULL,
              "t:15:1: 'floor-body': duplicate key (first set on line 14)" },
    /* 10*/ { "out of range", NULL, "columns = 1", "columns = 7", NULL, NULL,
              "t:9:11: 'columns': must be at most 6, got '7'" },
    /* 11*/ { "not a whole number", NULL, "columns = 1", "columns = 1.5", NULL, NULL,
              "t:9:11: 'columns': expected a whole number such as '2', got '1.5'" },
    /* 12*/ { "row 15: low contrast text", NULL, "text = #1A1A1A", "text = #767676", NULL, NULL,
              "t:17:8: 'text': contrast of '#767676' on '#FFFFFF' is 4.54:1, "
              "needs at least 7:1" },
    /* 13*/ { "row 15/18: NHS blue heading fails AAA", NULL, "background = #FFFFFF\n",
              "background = #FFFFFF\nheading = #005EB8\n", NULL, NULL,
              "t:19:11: 'heading': contrast of '#005EB8' on '#FFFFFF' is 6.38:1, "
              "needs at least 7:1" },
    /* 14*/ { "row 15: accent band, default text", NULL, "background = #FFFFFF\n",
              "background = #FFFFFF\naccent = #005EB8\n", NULL, NULL,
              "t:19:10: 'accent': contrast of '#FFFFFF' on '#005EB8' is 6.38:1, "
              "needs at least 7:1" },
    /* 15*/ { "row 15: dark background, default text", NULL, "text = #1A1A1A\n", "", 
              "background = #FFFFFF", "background = #333333",
              "t:17:14: 'background': contrast of '#1A1A1A' on '#333333' is 1.38:1, "
              "needs at least 7:1" },
    /* 16*/ { "bad colour", NULL, "text = #1A1A1A", "text = black", NULL, NULL,
              "t:17:8: 'text': expected a colour such as '#1A1A1A', got 'black'" },
    /* 17*/ { "short colour", NULL, "text = #1A1A1A", "text = #000", NULL, NULL,
              "t:17:8: 'text': expected a colour such as '#1A1A1A', got '#000'" },
    /* 18*/ { "row 37: margin < 5mm", NULL, "margin = 12mm", "margin = 4mm", NULL, NULL,
              "t:8:10: 'margin': must be at least 5mm from the sheet edge (office printers "
              "cannot print nearer), got '4mm'" },
    /* 19*/ { "row 37: one side < 5mm", NULL, "margin = 12mm",
              "margin = 12mm\nmargin-left = 0.15in", NULL, NULL,
              "t:9:15: 'margin-left': must be at least 5mm from the sheet edge (office "
              "printers cannot print nearer), got '0.15in'" },
    /* 20*/ { "row 2: floor < 16pt", NULL, "floor-body = 18pt", "floor-body = 14pt", NULL, NULL,
              "t:14:14: 'floor-body': large print needs at least 16pt, got '14pt'" },
    /* 21*/ { "body below the floor", NULL, "body = 18pt", "body = 17pt", NULL, NULL,
              "t:13:8: 'body': 17pt is below 'floor-body' (18pt)" },
    /* 22*/ { "detail below the floor", NULL, "body = 18pt\n", "body = 18pt\ndetail = 16pt\n",
              NULL, NULL, "t:14:10: 'detail': 16pt is below 'floor-body' (18pt)" },
    /* 23*/ { "footer below the floor (in mm)", NULL, "body = 18pt\n",
              "body = 18pt\nfooter = 5mm\n", NULL, NULL,
              "t:14:10: 'footer': 14.17pt is below 'floor-body' (18pt)" },
    /* 24*/ { "missing size", NULL, "body = 18pt\n", "", NULL, NULL,
              "t: missing key 'body' in section '[type]'" },
    /* 25*/ { "missing headline", NULL, "headline = 56pt\n", "", NULL, NULL,
              "t: missing key 'headline' in section '[type]'" },
    /* 26*/ { "missing floor", NULL, "floor-body = 18pt\n", "", NULL, NULL,
              "t: missing key 'floor-body' in section '[type]'" },
    /* 27*/ { "missing page size", NULL, "size = A4\n", "", NULL, NULL,
              "t: missing key 'size' in section '[page]' (or 'width' and 'height')" },
    /* 28*/ { "width without height", NULL, "size = A4\n", "width = 210mm\n", NULL, NULL,
              "t: missing key 'height' in section '[page]' (needed with 'width')" },
    /* 29*/ { "size and width", NULL, "size = A4\n", "size = A4\nwidth = 200mm\n", NULL, NULL,
              "t:8:1: 'width': cannot be used together with 'size' (line 7)" },
    /* 30*/ { "missing kind", NULL, "kind = poster\n", "", NULL, NULL,
              "t: missing key 'kind' in section '[layout]'" },
    /* 31*/ { "missing description", NULL, "description = Test poster\n", "", NULL, NULL,
              "t: missing key 'description' in section '[layout]'" },
    /* 32*/ { "unknown kind", NULL, "kind = poster", "kind = flyer", NULL, NULL,
              "t:4:8: 'kind': expected one of poster, leaflet, booklet, trifold, cards, "
              "kiosk, braille, got 'flyer'" },
    /* 33*/ { "unknown paper", NULL, "size = A4", "size = B5", NULL, NULL,
              "t:7:8: 'size': expected a paper size such as 'A4' or 'A4-landscape', got 'B5'" },
    /* 34*/ { "screen size on paper", NULL, "size = A4", "size = 1080p", NULL, NULL,
              "t:7:8: 'size': '1080p' is a screen size; print layouts use paper sizes such "
              "as 'A4'" },
    /* 35*/ { "issue 3: A4 QR < 35mm", NULL, "min-size = 35mm", "min-size = 30mm", NULL, NULL,
              "t:21:12: 'min-size': QR codes on A4 posters must be at least 35mm, got '30mm'" },
    /* 36*/ { "issue 3: A3 QR < 45mm", NULL, "min-size = 35mm", "min-size = 40mm",
              "size = A4", "size = A3",
              "t:21:12: 'min-size': QR codes on A3 posters must be at least 45mm, got '40mm'" },
    /* 37*/ { "absolute QR floor 15mm", NULL, "min-size = 35mm", "min-size = 1cm", NULL, NULL,
              "t:21:12: 'min-size': must be at least 15mm (smaller codes do not scan "
              "reliably), got '1cm'" },
    /* 38*/ { "QR max below min", NULL, "min-size = 35mm", "min-size = 35mm\nmax-size = 30mm",
              NULL, NULL, "t:22:12: 'max-size': must be at least 'min-size' (35mm), got '30mm'" },
    /* 39*/ { "bad EC level", NULL, "min-size = 35mm", "min-size = 35mm\necl = X", NULL, NULL,
              "t:22:7: 'ecl': expected one of L, M, Q, H, got 'X'" },
    /* 40*/ { "whole pixels on print", NULL, "min-size = 35mm",
              "min-size = 35mm\nwhole-pixels = yes", NULL, NULL,
              "t:22:16: 'whole-pixels': only screen layouts (kind = kiosk) use it" },
    /* 41*/ { "bad time style", NULL, "min-size = 35mm\n",
              "min-size = 35mm\n[content]\ntime-style = 7pm\n", NULL, NULL,
              "t:23:14: 'time-style': expected '12h' (7.30pm) or '24h' (19:30), got '7pm'" },
    /* 42*/ { "bad yes/no", NULL, "min-size = 35mm\n",
              "min-size = 35mm\n[content]\nshow-passcodes = maybe\n", NULL, NULL,
              "t:23:18: 'show-passcodes': expected 'yes' or 'no', got 'maybe'" },
    /* 43*/ { "row 9: line spacing < 1", NULL, "body = 18pt\n",
              "body = 18pt\nline-spacing = 0.9\n", NULL, NULL,
              "t:14:16: 'line-spacing': must be at least 1 (never tighter than single "
              "spacing), got '0.9'" },
    /* 44*/ { "decimal comma number", NULL, "body = 18pt\n",
              "body = 18pt\nline-spacing = 1,15\n", NULL, NULL,
              "t:14:16: 'line-spacing': expected a number such as '1.15', got '1,15'" },
    /* 45*/ { "issue 5: tabs 0 or 8..10", NULL, "min-size = 35mm\n",
              "min-size = 35mm\n[tabs]\ncount = 5\n", NULL, NULL,
              "t:23:9: 'count': expected 0 (no tabs) or 8 to 10 tabs, got '5'" },
    /* 46*/ { "tabs on a leaflet", NULL, "min-size = 35mm\n",
              "min-size = 35mm\n[tabs]\ncount = 8\n", "kind = poster", "kind = leaflet",
              "t:22:1: section '[tabs]' is only for layouts of kind 'poster'" },
    /* 47*/ { "unknown section", NULL, "[colours]", "[colors]", NULL, NULL,
              "t:16:1: unknown section '[colors]'" },
    /* 48*/ { "duplicate section", NULL, "[qr]", "[page]", NULL, NULL,
              "t:20:1: duplicate section '[page]' (first on line 6)" },
    /* 49*/ { "not key = value", NULL, "columns = 1", "columns 1", NULL, NULL,
              "t:9:1: expected 'key = value', got 'columns 1'" },
    /* 50*/ { "missing value", NULL, "columns = 1", "columns =", NULL, NULL,
              "t:9:10: 'columns': missing value after '='" },
    /* 51*/ { "a value starting with '#' is a value", NULL, "columns = 1", "columns = # one",
              NULL, NULL, "t:9:11: 'columns': expected a whole number such as '2', got '# one'" },
    /* 52*/ { "unclosed section", NULL, "[qr]", "[qr", NULL, NULL,
              "t:20:4: expected ']' after the section name 'qr'" },
    /* 53*/ { "empty section name", NULL, "[qr]", "[ ]", NULL, NULL,
              "t:20:1: expected a section name such as '[page]', got '[ ]'" },
    /* 54*/ { "text after section", NULL, "[qr]", "[qr] x", NULL, NULL,
              "t:20:6: unexpected text after ']': 'x'" },
    /* 55*/ { "key before a section", NULL, "# test layout", "kind = poster", NULL, NULL,
              "t:1:1: 'kind': key before the first section (start with '[layout]')" },
    /* 56*/ { "unknown escape", NULL, "Test poster", "Test\\t poster", NULL, NULL,
              "t:3:19: 'description': unknown escape '\\t' (use '\\#', '\\\\' or '\\n')" },
    /* 57*/ { "description on two lines", NULL, "Test poster", "Test\\nposter", NULL, NULL,
              "t:3:15: 'description': must be one line of at most 100 characters" },
    /* 58*/ { "invalid UTF-8", NULL, "Test poster", "Test \xff poster", NULL, NULL,
              "t:3:20: invalid UTF-8 (byte 0xFF)" },
    /* 59*/ { "NUL byte", NULL, NULL, NULL, NULL, NULL, "" },  /* see test_nul */
    /* 60*/ { "control character", NULL, "Test poster", "Test\x01poster", NULL, NULL,
              "t:3:19: unexpected control character (0x01)" },
    /* 61*/ { "columns too narrow for the QR", NULL, "columns = 1", "columns = 6", NULL, NULL,
              "t:9:11: 'columns': each column would be 24.33mm wide, narrower than a QR code "
              "('min-size' 35mm)" },
    /* 62*/ { "margins leave no room", NULL, "margin = 12mm", "margin = 90mm", NULL, NULL,
              "t:8:10: 'margin': the margins leave 30mm x 117mm, too small for the page" },
    /* 63*/ { "value too large", NULL, "headline = 56pt", "headline = 400pt", NULL, NULL,
              "t:12:12: 'headline': must be at most 300pt, got '400pt'" },
    /* 64*/ { "kiosk: mm on a screen", kiosk, "margin = 48px", "margin = 12mm", NULL, NULL,
              "t:6:10: 'margin': screen layouts (kind = kiosk) measure in px, got '12mm'" },
    /* 65*/ { "kiosk: paper size on a screen", kiosk, "size = 1080p", "size = A4", NULL, NULL,
              "t:5:8: 'size': 'A4' is a paper size; screen layouts use '1080p', "
              "'1080p-portrait' or '4k'" },
    /* 66*/ { "kiosk: 48px floor at 1080p (issue 6)", kiosk, "floor-body = 48px",
              "floor-body = 40px", NULL, NULL,
              "t:11:14: 'floor-body': screen text at this size needs at least 48px, "
              "got '40px'" },
    /* 67*/ { "kiosk: QR 300px at 1080p (issue 6)", kiosk, "dark = yes\n",
              "dark = yes\n[qr]\nmin-size = 200px\n", NULL, NULL,
              "t:15:12: 'min-size': QR codes on screens of this size must be at least "
              "300px, got '200px'" },
    /* 68*/ { "kiosk: dwell >= 15s (row 40)", kiosk, "dark = yes\n",
              "dark = yes\ndwell = 10s\n", NULL, NULL,
              "t:14:9: 'dwell': must be at least 15s so that slow readers can finish a "
              "slide, got '10s'" },
    /* 69*/ { "kiosk: dark theme, light text colour", kiosk, "dark = yes\n",
              "dark = yes\n[colours]\ntext = #777777\n", NULL, NULL,
              "t:15:8: 'text': contrast of '#777777' on '#1A1A1A' is 3.89:1, needs at least 7:1" },
    /* 70*/ { "kiosk: dark panel under QR codes", kiosk, "dark = yes\n",
              "dark = yes\n[colours]\npanel = #333333\n", NULL, NULL,
              "t:15:9: 'panel': contrast of '#333333' on '#000000' is 1.66:1, needs at least 7:1" },
    /* 71*/ { "cards: 12pt floor (issue 5)", cards, "floor-body = 12pt", "floor-body = 10pt",
              "body = 12pt", "body = 10pt",
              "t:13:14: 'floor-body': card text needs at least 12pt, got '10pt'" },
    /* 72*/ { "cards: grid wider than the sheet", cards, "floor-body = 12pt\n",
              "floor-body = 12pt\n[cards]\ncolumns = 3\n", NULL, NULL,
              "t:15:11: 'columns': the cards need 276.8mm across but the sheet has 181.2mm "
              "inside its margins" },
    /* 73*/ { "cards: safe area >= 4mm", cards, "floor-body = 12pt\n",
              "floor-body = 12pt\n[cards]\nsafe = 3mm\n", NULL, NULL,
              "t:15:8: 'safe': must be at least 4mm inside each card edge (cutting is not "
              "exact), got '3mm'" },
    /* 74*/ { "cards: QR < 22mm (issue 5)", cards, "floor-body = 12pt\n",
              "floor-body = 12pt\n[qr]\nmin-size = 20mm\n", NULL, NULL,
              "t:15:12: 'min-size': QR codes on cards must be at least 22mm, got '20mm'" },
    /* 75*/ { "screen section on a poster", NULL, "min-size = 35mm\n",
              "min-size = 35mm\n[screen]\ndark = yes\n", NULL, NULL,
              "t:22:1: section '[screen]' is only for layouts of kind 'kiosk'" },
    /* 76*/ { "backslash at end", NULL, "Test poster", "Test poster\\", NULL, NULL,
              "t:3:26: 'description': '\\' at the end of a value (write '\\\\' for one)" },
};

static void test_errors(void)
{
    for (size_t i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++) {
        const struct err_case *c = &err_cases[i];
        struct sp_arena a;
        struct sp_layout L;
        struct sp_error e;
        char *text, name[160];

        if (!c->find)
            continue;
        sp_arena_init(&a);
        text = edit(c->src ? c->src : base, c->find, c->repl, c->find2, c->repl2);
        snprintf(name, sizeof name, "%2zu %s", i, c->name);
        EQ_STR(try_parse(text, &a, &L, &e), c->want, name);
        if (e.code != SP_OK)
            EQ_INT(e.code, SP_ERR_INPUT, "... is an input error");
        free(text);
        sp_arena_free(&a);
    }
}

static void test_nul(void)
{
    static const char text[] = "[layout]\ndescription = a\0b\n";
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e = { 0 };
    char buf[600];

    sp_arena_init(&a);
    EQ_INT(sp_layout_parse("t", text, sizeof text - 1, &a, &L, &e), -1, "NUL byte refused");
    sp_error_format(&e, buf, sizeof buf);
    EQ_STR(buf, "t:2:16: unexpected NUL byte", "NUL byte position");
    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_parse("t", "", 0, &a, &L, &e), -1, "empty layout refused");
    EQ_STR(e.msg, "missing key 'kind' in section '[layout]'", "empty: kind missing first");
    sp_arena_free(&a);
}

static void test_syntax(void)
{
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e;
    char *t;

    sp_arena_init(&a);

    /* a ';' after a value is part of the value (only whole lines are ';' comments) */
    t = edit(base, "margin = 12mm", "margin-top = 20mm ; x", NULL, NULL);
    EQ_STR(try_parse(t, &a, &L, &e),
           "t:8:14: 'margin-top': expected a length such as '12mm', got '20mm ; x'",
           "';' only starts whole-line comments");
    free(t);
    t = xmalloc(600);
    strcpy(t, "\xEF\xBB\xBF# bom\r\n[LAYOUT]\r\nDescription = Poster \\# 1  # comment\r\n"
              "kind = Poster\r\n[page]\r\nsize = a4-landscape\r\nMargin_Top = 20 mm\r\n"
              "margin = 0.5in\r\n; semicolon comment\r\n[type]\r\nheadline = 1in\r\n"
              "body = 18pt\r\nfloor-body = 18pt\r\n[colours]\r\ntext = #000000   # black\r\n"
              "heading = #003087#not-a-comment\r\n");
    EQ_STR(try_parse(t, &a, &L, &e),
           "t:16:11: 'heading': expected a colour such as '#1A1A1A', got "
           "'#003087#not-a-comment'", "'#' without a blank before it is part of the value");
    *strstr(t, "#not-a-comment") = '\0';
    strcat(t, "\r\n");
    EQ_STR(try_parse(t, &a, &L, &e), "", "BOM, CRLF, comments, case and '_' accepted");
    EQ_STR(L.description, "Poster # 1", "escaped '#' kept, comment dropped");
    NEAR(L.width, SP_MM(297), 1e-9, "A4-landscape: width 297mm");
    NEAR(L.height, SP_MM(210), 1e-9, "A4-landscape: height 210mm");
    NEAR(L.margin_top, SP_MM(20), 1e-9, "margin-top overrides the shorthand (any order)");
    NEAR(L.margin_left, 36, 1e-9, "0.5in = 36pt");
    NEAR(L.size_headline, 72, 1e-9, "1in = 72pt");
    EQ_INT(L.color_text, 0x000000, "colour before a comment");
    free(t);

    /* width and height instead of size, cm and pt */
    t = edit(base, "size = A4\n", "width = 21cm\nheight = 842pt\n", NULL, NULL);
    EQ_STR(try_parse(t, &a, &L, &e), "", "width and height");
    NEAR(L.width, SP_MM(210), 1e-9, "21cm");
    NEAR(L.height, 842, 1e-9, "842pt");
    free(t);

    /* margin-top before the shorthand still wins */
    t = edit(base, "margin = 12mm\n", "margin-top = 25mm\nmargin = 12mm\n", NULL, NULL);
    EQ_STR(try_parse(t, &a, &L, &e), "", "specific margin before shorthand");
    NEAR(L.margin_top, SP_MM(25), 1e-9, "... margin-top 25mm");
    NEAR(L.margin_bottom, SP_MM(12), 1e-9, "... margin-bottom 12mm");
    free(t);

    /* exactly at the floors: 5mm margins, 16pt floor, 35mm QR */
    t = edit(base, "margin = 12mm", "margin = 5mm", "floor-body = 18pt", "floor-body = 16pt");
    EQ_STR(try_parse(t, &a, &L, &e), "", "5mm margins and a 16pt floor are allowed");
    free(t);

    /* tabs on a poster, 24h, passcodes off, qr max */
    t = edit(base, "min-size = 35mm\n",
             "min-size = 40mm\nmax-size = 80mm\necl = q\n[content]\ntime-style = 24h\n"
             "show-passcodes = no\n[tabs]\ncount = 10\nheight = 60mm\ntext-size = 14pt\n",
             NULL, NULL);
    EQ_STR(try_parse(t, &a, &L, &e), "", "tabs, 24h, passcodes off");
    EQ_INT(L.tabs, 10, "10 tabs");
    NEAR(L.tab_height, SP_MM(60), 1e-9, "tab height 60mm");
    NEAR(L.size_tab, 14, 1e-9, "tab text 14pt");
    EQ_INT(L.time_style, SP_TIME_24H, "24h");
    OK(!L.show_passcodes, "passcodes off");
    EQ_INT(L.qr_ecl, 'Q', "ecl q -> Q");
    NEAR(L.qr_max, SP_MM(80), 1e-9, "qr max 80mm");
    free(t);

    sp_arena_free(&a);
}

static void test_other_kinds(void)
{
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e;
    char *t, *t2;

    sp_arena_init(&a);
    EQ_STR(try_parse(kiosk, &a, &L, &e), "", "kiosk layout loads");
    OK(L.screen, "kiosk is a screen layout");
    NEAR(L.width, 1920, 0, "1080p: 1920px wide");
    NEAR(L.height, 1080, 0, "1080p: 1080px high");
    NEAR(L.margin_top, 48, 0, "48px margin");
    NEAR(L.qr_min, 300, 1e-9, "QR 300px at 1080p by default (issue 6)");
    OK(L.qr_whole_pixels, "whole pixels by default on screens");
    OK(L.dark, "dark theme");
    OK(sp_contrast_ratio(L.color_text, L.color_background) >= 7, "dark defaults pass 7:1");
    OK(sp_contrast_ratio(L.color_heading, L.color_background) >= 7, "dark heading passes");
    OK(sp_contrast_ratio(L.color_accent_text, L.color_accent) >= 7, "dark accent passes");
    EQ_INT(L.color_panel, 0xFFFFFF, "light panel behind QR codes");
    NEAR(L.scale, 1, 0, "scale 1");
    EQ_INT(L.dwell_seconds, 20, "dwell 20s by default");

    t = edit(kiosk, "size = 1080p", "size = 1080p-portrait", "dark = yes",
             "scale = 2\ndwell = 30s");
    EQ_STR(try_parse(t, &a, &L, &e), "", "portrait 4K kiosk");
    NEAR(L.width, 1080, 0, "portrait: 1080px wide");
    NEAR(L.height, 1920, 0, "portrait: 1920px high");
    NEAR(L.scale, 2, 0, "scale 2");
    EQ_INT(L.dwell_seconds, 30, "dwell 30s");
    free(t);

    EQ_STR(try_parse(cards, &a, &L, &e), "", "cards layout loads (STANDARDS 10-up geometry)");
    NEAR(L.card_width, SP_MM(85.6), 1e-9, "ID-1 width");
    NEAR(L.card_height, SP_MM(53.98), 1e-9, "ID-1 height");
    EQ_INT(L.card_cols, 2, "2 columns");
    EQ_INT(L.card_rows, 5, "5 rows");
    NEAR(L.card_gap_x, SP_MM(10), 1e-9, "10mm gutter");
    NEAR(L.card_safe, SP_MM(4), 1e-9, "4mm safe area");
    EQ_INT(L.qr_ecl, 'Q', "cards default to EC level Q");
    NEAR(L.qr_min, SP_MM(22), 1e-9, "cards QR 22mm by default");

    t = edit(base, "kind = poster", "kind = leaflet", "min-size = 35mm\n", "");
    EQ_STR(try_parse(t, &a, &L, &e), "", "leaflet with default QR size");
    NEAR(L.qr_min, SP_MM(30), 1e-9, "A4 leaflet QR 30mm (issue 4)");
    free(t);
    t = edit(base, "kind = poster", "kind = booklet", "size = A4", "size = A5");
    t2 = edit(t, "min-size = 35mm\n", "", NULL, NULL);
    free(t);
    t = t2;
    EQ_STR(try_parse(t, &a, &L, &e), "", "A5 booklet");
    NEAR(L.qr_min, SP_MM(25), 1e-9, "A5 QR 25mm (issue 4)");
    free(t);
    sp_arena_free(&a);
}

static void test_load(void)
{
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e = { 0 };
    char dir[] = "/tmp/sp_layout_XXXXXX", path[300], cwd[1024];
    FILE *fp;

    sp_arena_init(&a);
    EQ_INT(sp_layout_load("xyz", SP_DATADIR, &a, &L, &e), -1, "unknown layout");
    EQ_INT(e.code, SP_ERR_USAGE, "... is a usage error");
    EQ_STR(e.msg, "unknown layout 'xyz' (see 'signpost layouts')", "... message");
    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load("README.md", SP_DATADIR, &a, &L, &e), -1, "README.md is no layout");
    OK(!strncmp(e.msg, "unknown layout 'README.md' (see 'signpost layouts'", 50), "... message");
    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load("..", SP_DATADIR, &a, &L, &e), -1, "'..' is no layout");
    EQ_INT(e.code, SP_ERR_USAGE, "... usage error");

    if (!mkdtemp(dir) || !getcwd(cwd, sizeof cwd)) {
        OK(0, "temporary folder");
        sp_arena_free(&a);
        return;
    }
    snprintf(path, sizeof path, "%s/mine", dir);
    fp = fopen(path, "w");
    fputs(base, fp);
    fputs("[content]\ntime-style = 25h\n", fp);
    fclose(fp);

    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load(path, SP_DATADIR, &a, &L, &e), -1, "a path is read");
    EQ_INT(e.code, SP_ERR_INPUT, "... input error");
    EQ_STR(e.file, path, "... error names the path");
    EQ_INT(e.line, 23, "... and the line");
    EQ_INT(e.col, 14, "... and the column");

    /* a file in the current folder needs './' (and the message says so) */
    if (chdir(dir) == 0) {
        memset(&e, 0, sizeof e);
        EQ_INT(sp_layout_load("mine", SP_DATADIR, &a, &L, &e), -1, "bare name is not a path");
        EQ_STR(e.msg, "unknown layout 'mine' (see 'signpost layouts'; for the file here, "
               "write './mine')", "... hint to write ./mine");
        if (chdir(cwd) != 0)
            OK(0, "chdir back");
    }

    fp = fopen(path, "w");
    fputs(base, fp);
    fclose(fp);
    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load(path, NULL, &a, &L, &e), 0, "a good file by path");
    EQ_STR(L.name, "mine", "name is the base name");
    EQ_STR(L.path, path, "path kept");

    memset(&e, 0, sizeof e);
    snprintf(path, sizeof path, "%s/absent", dir);
    EQ_INT(sp_layout_load(path, NULL, &a, &L, &e), -1, "missing file");
    EQ_INT(e.code, SP_ERR_IO, "... is an I/O error");
    OK(strstr(e.msg, "No such file or directory") != NULL, "... with the reason");

    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load(dir, NULL, &a, &L, &e), -1, "a folder is not a layout");
    EQ_INT(e.code, SP_ERR_IO, "... I/O error");

    /* a file over 1 MiB is refused before parsing */
    snprintf(path, sizeof path, "%s/big", dir);
    fp = fopen(path, "w");
    for (int i = 0; i < 1024 * 1024 / 8 + 1; i++)
        fputs("# ......", fp);
    fclose(fp);
    memset(&e, 0, sizeof e);
    EQ_INT(sp_layout_load(path, NULL, &a, &L, &e), -1, "file over 1 MiB");
    EQ_INT(e.code, SP_ERR_INPUT, "... input error");
    EQ_STR(e.msg, "file is larger than 1 MiB", "... message");
    unlink(path);

    snprintf(path, sizeof path, "%s/mine", dir);
    unlink(path);
    rmdir(dir);
    sp_arena_free(&a);
}

/* H10: numbers are read the same under a decimal-comma locale. */
static void test_locale(void)
{
    static const char *const comma[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                         "nl_NL.UTF-8", NULL };
    const char *got = NULL;
    struct sp_arena a;
    struct sp_layout L;
    struct sp_error e;
    char *t;

    for (int i = 0; comma[i] && !got; i++)
        got = setlocale(LC_NUMERIC, comma[i]);
    if (!got)
        got = setlocale(LC_NUMERIC, NULL);
    printf("# LC_NUMERIC is %s (decimal point '%s')\n", got, localeconv()->decimal_point);
    sp_arena_init(&a);
    t = edit(base, "body = 18pt\n", "body = 18.5pt\nline-spacing = 1.25\n", "margin = 12mm",
             "margin = 12.7mm");
    EQ_STR(try_parse(t, &a, &L, &e), "", "decimals parse under this locale");
    NEAR(L.line_spacing, 1.25, 1e-12, "line-spacing 1.25 under LC_NUMERIC");
    NEAR(L.size_body, 18.5, 1e-12, "18.5pt under LC_NUMERIC");
    NEAR(L.margin_top, 36, 1e-9, "12.7mm = 36pt under LC_NUMERIC");
    free(t);
    t = edit(base, "columns = 1", "columns = 6", NULL, NULL);
    EQ_STR(try_parse(t, &a, &L, &e), "t:9:11: 'columns': each column would be 24.33mm wide, "
           "narrower than a QR code ('min-size' 35mm)", "messages print '.' under LC_NUMERIC");
    free(t);
    t = edit(base, "text = #1A1A1A", "text = #767676", NULL, NULL);
    EQ_STR(try_parse(t, &a, &L, &e), "t:17:8: 'text': contrast of '#767676' on '#FFFFFF' is "
           "4.54:1, needs at least 7:1", "contrast printed with '.' under LC_NUMERIC");
    free(t);
    sp_arena_free(&a);
    setlocale(LC_NUMERIC, "C");
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_contrast);
    TEST_RUN(test_base_loads);
    TEST_RUN(test_shipped);
    TEST_RUN(test_list);
    TEST_RUN(test_errors);
    TEST_RUN(test_nul);
    TEST_RUN(test_syntax);
    TEST_RUN(test_other_kinds);
    TEST_RUN(test_load);
    TEST_RUN(test_locale);
    return test_done();
}
