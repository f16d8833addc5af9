/*
 * test_text.c - fonts come only from fonts/, every script we need has glyphs, Urdu gets
 * Nastaliq, long words wrap inside the width, NBSP-glued numbers never split.
 */
#include <cairo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"
#include "compose/text.h"

#define FONTDIR SP_DATADIR "/fonts"
#define CACHEDIR SP_DATADIR "/build/fccache"
#define WELSH_WORD "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"

static struct sp_text *tx;

/*
 * pango 1.50 keeps a reference cycle between its fc font map and the fonts it cached, so
 * after many fonts and a failed sp_text_new the map is never finalized and the fontconfig
 * patterns it holds show up as leaks.  signpost's own allocations are still checked.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static struct sp_font font(const char *family, double size, const char *lang)
{
    struct sp_font f = { family, size, false, lang };
    return f;
}

static void test_missing_fonts(void)
{
    char dir[] = "/tmp/sp_fontsXXXXXX", want[512], link[600];
    struct sp_error err = { 0 };
    struct sp_text *t;

    OK(mkdtemp(dir) != NULL, "temp dir");
    t = sp_text_new(dir, CACHEDIR, &err);
    OK(t == NULL, "empty font dir fails");
    EQ_INT(err.code, SP_ERR_RESOURCE, "empty font dir: SP_ERR_RESOURCE");
    snprintf(want, sizeof want, "font 'Atkinson Hyperlegible Next' not found in '%s'", dir);
    EQ_STR(err.msg, want, "empty font dir: message");

    /* regular face alone is not enough: bold is required too */
    snprintf(link, sizeof link, "%s/AtkinsonHyperlegibleNext_400Regular.ttf", dir);
    OK(symlink(FONTDIR "/AtkinsonHyperlegibleNext_400Regular.ttf", link) == 0, "link regular");
    memset(&err, 0, sizeof err);
    t = sp_text_new(dir, CACHEDIR, &err);
    OK(t == NULL, "regular without bold fails");
    EQ_STR(err.msg, want, "regular without bold: message");
    unlink(link);
    rmdir(dir);
}

static void test_guess_lang(void)
{
    EQ_STR(sp_text_guess_lang("ہر منگل کو ملاقات"), "ur", "Arabic script -> ur");
    EQ_STR(sp_text_guess_lang("Meeting: প্রতি মঙ্গলবার"), "bn", "Bengali -> bn");
    EQ_STR(sp_text_guess_lang("ਹਰ ਮੰਗਲਵਾਰ"), "pa", "Gurmukhi -> pa");
    EQ_STR(sp_text_guess_lang("Café Ŵyn, Caerdydd"), NULL, "Welsh Latin -> NULL");
    EQ_STR(sp_text_guess_lang(""), NULL, "empty -> NULL");
    EQ_STR(sp_text_family_for("ur"), "Atkinson Hyperlegible Next, Noto Nastaliq Urdu",
           "family for ur");
    EQ_STR(sp_text_family_for(NULL),
           "Atkinson Hyperlegible Next, Noto Naskh Arabic, Noto Sans Bengali, "
           "Noto Sans Gurmukhi", "default family list");
    EQ_STR(sp_text_family_for("bn"), "Atkinson Hyperlegible Next, Noto Sans Bengali",
           "family for bn");
    EQ_STR(sp_text_family_for("pa"), "Atkinson Hyperlegible Next, Noto Sans Gurmukhi",
           "family for pa");
    EQ_STR(sp_text_family_for("ar"), "Atkinson Hyperlegible Next, Noto Naskh Arabic",
           "family for ar");
}

static void test_coverage(void)
{
    static const struct { const char *name, *s, *lang; } cases[] = {
        { "Welsh letters", "ŵ ŷ Ŵ Ŷ ẁ ẃ ẅ ỳ Ẁ Ẃ Ẅ Ỳ â ê î ô û", "cy" },
        { "Welsh place", WELSH_WORD, "cy" },
        { "Polish", "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ Zażółć gęślą jaźń", "pl" },
        { "Urdu", "ہر منگل کو شام سات بجے ملاقات ہوتی ہے۔", "ur" },
        { "Urdu, no lang", "ہر منگل کو شام سات بجے ملاقات ہوتی ہے۔", NULL },
        { "Bengali", "প্রতি মঙ্গলবার সন্ধ্যা সাতটায় সভা", "bn" },
        { "Punjabi", "ਹਰ ਮੰਗਲਵਾਰ ਸ਼ਾਮ ਸੱਤ ਵਜੇ ਮੀਟਿੰਗ", "pa" },
        { "Punctuation", "7.30pm – 9pm · “Open to all” — £0 € ’s", NULL },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_font f = font(NULL, 18, cases[i].lang);
        struct sp_font b = font(NULL, 18, cases[i].lang);

        b.bold = true;
        EQ_INT(sp_text_unknown_glyphs(tx, &f, cases[i].s), 0, cases[i].name);
        EQ_INT(sp_text_unknown_glyphs(tx, &b, cases[i].s), 0, cases[i].name);
    }
}

static void test_font_choice(void)
{
    struct sp_arena a;
    struct sp_font f = font(NULL, 18, NULL);
    struct sp_font ur = font(NULL, 18, "ur");
    struct sp_font en = font(NULL, 18, "en-GB");
    struct sp_font dj = font("DejaVu Sans", 18, NULL);
    struct sp_font sans = font("Sans", 18, NULL);
    struct sp_font bn = font(NULL, 18, NULL);
    const char *urdu = "ہر منگل کو ملاقات";

    sp_arena_init(&a);
    EQ_STR(sp_text_font_of(tx, &f, "Café Ŵyn", &a), "Atkinson Hyperlegible Next",
           "Latin -> Atkinson");
    EQ_STR(sp_text_font_of(tx, &ur, urdu, &a), "Noto Nastaliq Urdu", "ur -> Nastaliq");
    EQ_STR(sp_text_font_of(tx, &f, urdu, &a), "Noto Nastaliq Urdu",
           "Urdu with no lang -> Nastaliq (script guessed)");
    EQ_STR(sp_text_font_of(tx, &en, urdu, &a), "Noto Nastaliq Urdu",
           "Urdu inside an en-GB item -> Nastaliq");
    EQ_STR(sp_text_font_of(tx, &bn, "প্রতি মঙ্গলবার", &a), "Noto Sans Bengali",
           "Bengali -> Noto Sans Bengali");
    EQ_STR(sp_text_font_of(tx, &dj, "Hello", &a), "Atkinson Hyperlegible Next",
           "isolation: 'DejaVu Sans' resolves to Atkinson");
    EQ_STR(sp_text_font_of(tx, &sans, "Hello", &a), "Atkinson Hyperlegible Next",
           "isolation: 'Sans' resolves to Atkinson");
    sp_arena_free(&a);
}

static void test_break_long_word(void)
{
    struct sp_arena a;
    struct sp_font f = font(NULL, 24, "cy");
    struct sp_line *lines;
    char joined[256] = "";
    double width = 150;
    int n, i, all_fit = 1, no_hyphen = 1;

    sp_arena_init(&a);
    OK(sp_text_width(tx, &f, WELSH_WORD) > 3 * width, "word is much wider than the box");
    n = sp_text_break(tx, &f, "Near " WELSH_WORD " station", width, &a, &lines);
    OK(n >= 4, "58-letter word wraps onto several lines (%d)", n);
    for (i = 0; i < n; i++) {
        if (lines[i].width > width + 1e-9)
            all_fit = 0;
        if (strchr(lines[i].text, '-'))
            no_hyphen = 0;
        if (i)
            strcat(joined, " ");
        strcat(joined, lines[i].text);
        NEAR(lines[i].width, sp_text_width(tx, &f, lines[i].text), 1e-9,
             "line width = width of the line drawn alone");
    }
    OK(all_fit, "every line width <= box width");
    OK(no_hyphen, "no hyphen inserted");
    /* the word is split between characters, so rejoin the middle lines without spaces */
    {
        char flat[256] = "";
        const char *p;
        size_t k = 0;

        for (p = joined; *p; p++)
            if (*p != ' ')
                flat[k++] = *p;
        EQ_STR(flat, "Near" WELSH_WORD "station", "all letters kept, in order");
    }
    EQ_INT(sp_text_break(tx, &f, "", width, &a, &lines), 0, "empty text: 0 lines");
    sp_arena_free(&a);
}

static void test_break_nbsp(void)
{
    struct sp_arena a;
    struct sp_font f = font(NULL, 18, NULL);
    const char *s = "For help call 01632\xc2\xa0" "960123 any day between 7pm and 10pm";
    double glued = sp_text_width(tx, &f, "01632\xc2\xa0" "960123");
    double w;
    int ok = 1, tries = 0, broke = 0;

    sp_arena_init(&a);
    for (w = glued + 1; w < 4 * glued; w += 3) {
        struct sp_line *lines;
        int n = sp_text_break(tx, &f, s, w, &a, &lines), i;

        tries++;
        if (n > 1)
            broke++;
        for (i = 0; i < n; i++) {
            const char *p = strstr(lines[i].text, "01632");
            const char *q = strstr(lines[i].text, "960123");

            if ((p || q) && !strstr(lines[i].text, "01632\xc2\xa0" "960123"))
                ok = 0;
        }
    }
    OK(broke == tries, "text wraps at every tried width (%d)", tries);
    OK(ok, "'01632 960123' (NBSP) never split across lines");

    /* control: with an ordinary space the number does split at some width */
    broke = 0;
    for (w = glued + 1; w < 4 * glued; w += 3) {
        struct sp_line *lines;
        int n = sp_text_break(tx, &f, "For help call 01632 960123 any day between 7pm and "
                              "10pm", w, &a, &lines), i;

        for (i = 0; i < n; i++)
            if (strstr(lines[i].text, "01632") && !strstr(lines[i].text, "960123"))
                broke = 1;
    }
    OK(broke, "control: with a plain space '01632 960123' is split at some width");
    sp_arena_free(&a);
}

static void test_metrics(void)
{
    struct sp_arena a;
    struct sp_font f = font(NULL, 20, NULL);
    struct sp_font ur = font(NULL, 20, "ur");
    struct sp_line *lat, *urd;
    double h, b;

    sp_arena_init(&a);
    sp_text_metrics(tx, &f, &h, &b);
    OK(h > 20 && h < 40, "20 pt line height is 1..2 em (%.2f)", h);
    OK(b > 0 && b < h, "baseline inside the line (%.2f)", b);
    EQ_INT(sp_text_break(tx, &f, "Tuesday  ", 500, &a, &lat), 1, "one line");
    EQ_STR(lat[0].text, "Tuesday", "trailing spaces trimmed");
    NEAR(lat[0].height, h, 1e-6, "line height = font metrics height");
    EQ_INT(sp_text_break(tx, &ur, "ہر منگل", 500, &a, &urd), 1, "one Urdu line");
    OK(urd[0].height > 1.3 * lat[0].height, "Nastaliq line is taller (%.2f vs %.2f)",
       urd[0].height, lat[0].height);
    sp_arena_free(&a);
}

static void test_device_independent(void)
{
    struct sp_font f = font(NULL, 13, NULL);
    const char *s = "Thursday 7.30pm to 9pm, St Illtyd's Hall";
    double before = sp_text_width(tx, &f, s), after;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 100);
    cairo_t *cr = cairo_create(img);

    cairo_scale(cr, 150 / 72.0, 150 / 72.0);
    sp_text_draw(tx, cr, &f, s, 5, 5);
    OK(cairo_status(cr) == CAIRO_STATUS_SUCCESS, "drawing on an image surface works");
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    after = sp_text_width(tx, &f, s);
    NEAR(after, before, 0, "drawing on a hinted 150 dpi surface does not change measuring");
    OK(fabs(before - 13 * strlen(s) * 0.5) < 13 * strlen(s) * 0.25,
       "width is plausible for 13 pt (%.2f)", before);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };

    test_init(argc, argv);
    tx = sp_text_new(FONTDIR, CACHEDIR, &err);
    if (!OK(tx != NULL, "sp_text_new over fonts/ (%s)", err.msg))
        return test_done();
    TEST_RUN(test_missing_fonts);
    TEST_RUN(test_guess_lang);
    TEST_RUN(test_coverage);
    TEST_RUN(test_font_choice);
    TEST_RUN(test_break_long_word);
    TEST_RUN(test_break_nbsp);
    TEST_RUN(test_metrics);
    TEST_RUN(test_device_independent);
    sp_text_free(tx);
    return test_done();
}
