/*
 * text.c - the private fontconfig set over fonts/, one device-independent PangoContext
 * (hint metrics off, unrounded glyph positions), line breaking and single-line drawing.
 * Every measurement and every drawing goes through one_line()/setup(), so a line drawn
 * on any surface has exactly the advance it was measured with.
 */
#include "text.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "../base/i18n.h"

#define SP_FAMILY_MAIN "Atkinson Hyperlegible Next"

/*
 * Shaped lines kept for reuse (issue 17: shape once).  A line that is measured as it will
 * be drawn (alone, unwrapped) keeps its layout here, so drawing it, or measuring the same
 * text again, shapes nothing.  Keyed by everything setup() reads (font and text); the
 * least recently used line is dropped when the cache is full, so memory stays bounded
 * whatever the size of the directory.
 */
#define LINE_CACHE_MAX 4096

struct line {
    char *key;             /* font fields, then the text (g_malloc'd; the table's key) */
    PangoLayout *layout;   /* as setup() makes it for the text, width -1 (owned) */
    double width, height, baseline;
    GList link;            /* in the LRU list, most recent first */
};

/* A paragraph broken at a width (sp_text_break's wrapped path): its lines as offsets into
   the text, with their measurements.  Kept in a second LRU, PARA_CACHE_MAX entries. */
#define PARA_CACHE_MAX 1024

struct para_line {
    char *text;            /* the line as sp_text_break gives it (isolates closed) */
    double width, height, baseline;
};

struct para {
    char *key;             /* the line key, then the width */
    int n;
    struct para_line *lines;
    GList link;
};

struct sp_text {
    FcConfig *cfg;
    PangoFontMap *fm;
    PangoContext *ctx;
    PangoLayout *layout;   /* reused for every call; reset by setup() */
    GHashTable *lines;     /* key -> struct line */
    GQueue lru;            /* struct line, most recently used first */
    GString *key;          /* scratch for keys */
    size_t hits, misses;   /* for SIGNPOST_TIMING and the tests */
    GHashTable *paras;     /* key -> struct para */
    GQueue para_lru;
    /* right-to-left lines (issue 12) have a context of their own, so no layout ever sees
       its context's direction change under it (cached lines keep their shaping) */
    PangoContext *ctx_rtl; /* base direction right to left */
    PangoLayout *layout_rtl;
    PangoLayout *probe;    /* the main face's line metrics (even_line), apart from layout */
    GHashTable *main_lines;/* "bold size" -> double[2]: that line's height and baseline */
};

static bool ascii_only(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if (*p >= 0x80)
            return false;
    return true;
}

const char *sp_text_family_for(const char *lang)
{
    if (lang) {
        if (!strncmp(lang, "ur", 2) || !strncmp(lang, "pnb", 3) || !strcmp(lang, "pa-Arab"))
            return SP_FAMILY_MAIN ", Noto Nastaliq Urdu";
        /* Farsi and Arabic are set in Naskh (issue 12) */
        if (!strncmp(lang, "ar", 2) || !strncmp(lang, "fa", 2) || !strncmp(lang, "ps", 2))
            return SP_FAMILY_MAIN ", Noto Naskh Arabic";
        if (!strncmp(lang, "bn", 2) || !strncmp(lang, "syl", 3))
            return SP_FAMILY_MAIN ", Noto Sans Bengali";
        if (!strncmp(lang, "pa", 2))
            return SP_FAMILY_MAIN ", Noto Sans Gurmukhi";
    }
    return SP_FAMILY_MAIN ", Noto Naskh Arabic, Noto Sans Bengali, Noto Sans Gurmukhi";
}

/* Is lang written in the Arabic script ("ur", "fa", "ar"...)? */
static bool arabic_script_lang(const char *lang)
{
    return lang && (!strncmp(lang, "ur", 2) || !strncmp(lang, "fa", 2) ||
                    !strncmp(lang, "ar", 2) || !strncmp(lang, "ps", 2) ||
                    !strncmp(lang, "pnb", 3) || !strcmp(lang, "pa-Arab"));
}

/*
 * Which language of the Arabic script s is in, by the letters only one of them uses:
 * Urdu (U+0679 tteh, U+0688 ddal, U+0691 rreh, U+06BA noon ghunna, U+06BE heh
 * doachashmee, U+06C1 heh goal, U+06D2 yeh barree), Arabic (U+0629 teh marbuta, U+064A
 * yeh, U+0643 kaf, U+0649 alef maksura), Farsi (U+06CC yeh, U+06A9 keheh or U+0698 jeh
 * without any Urdu letter, or U+0647 heh, which Urdu writes as U+06C1).  With none of
 * them, an Arabic-script output language, else Urdu.
 */
static const char *arabic_lang(const char *s)
{
    int ur = 0, ar = 0, fa = 0;
    const struct sp_langs *out = sp_i18n_output();

    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        switch (g_utf8_get_char(p)) {
        case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06BE: case 0x06C1:
        case 0x06D2: case 0x06D3:
            ur++;
            break;
        case 0x0629: case 0x064A: case 0x0643: case 0x0649:
            ar++;
            break;
        case 0x06CC: case 0x06A9: case 0x0698: case 0x0647:
            fa++;
            break;
        default:
            break;
        }
    }
    if (ur)
        return "ur";
    if (ar > fa)
        return "ar";
    if (fa)
        return "fa";
    if (arabic_script_lang(out->first->code))
        return out->first->code;
    if (out->second && arabic_script_lang(out->second->code))
        return out->second->code;
    return "ur";
}

const char *sp_text_guess_lang(const char *s)
{
    int latin = 0, arabic = 0, bengali = 0, gurmukhi = 0;

    if (!s || ascii_only(s))
        return NULL;  /* ASCII: no script of the list (the common case, measured first) */
    if (!g_utf8_validate(s, -1, NULL))
        return NULL;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        switch (g_unichar_get_script(g_utf8_get_char(p))) {
        case G_UNICODE_SCRIPT_ARABIC:   arabic++; break;
        case G_UNICODE_SCRIPT_BENGALI:  bengali++; break;
        case G_UNICODE_SCRIPT_GURMUKHI: gurmukhi++; break;
        case G_UNICODE_SCRIPT_LATIN:    latin++; break;
        default: break;
        }
    }
    /* the script of most of the letters: a Farsi name in an English line is an English
       line (its name is set in the fallback face, at the line's own height) */
    if (arabic && arabic >= bengali && arabic >= gurmukhi && arabic * 2 >= latin)
        return arabic_lang(s);
    if (bengali && bengali >= gurmukhi && bengali * 2 >= latin)
        return "bn";
    if (gurmukhi && gurmukhi * 2 >= latin)
        return "pa";
    return NULL;
}

/* The script a language is written in, among those sp_text_guess_lang knows (else 0). */
static GUnicodeScript lang_script(const char *lang)
{
    if (arabic_script_lang(lang))
        return G_UNICODE_SCRIPT_ARABIC;
    if (lang && (!strncmp(lang, "bn", 2) || !strncmp(lang, "syl", 3)))
        return G_UNICODE_SCRIPT_BENGALI;
    if (lang && !strncmp(lang, "pa", 2))
        return G_UNICODE_SCRIPT_GURMUKHI;
    return G_UNICODE_SCRIPT_COMMON;
}

const char *sp_text_guess_lang_in(const char *s, const char *out)
{
    const char *g = sp_text_guess_lang(s);
    GUnicodeScript want = lang_script(out);

    if (g || want == G_UNICODE_SCRIPT_COMMON || !s || ascii_only(s) ||
        !g_utf8_validate(s, -1, NULL))
        return g;
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        if (g_unichar_get_script(g_utf8_get_char(p)) == want)
            return out;
    return NULL;
}

/* The language used for s: its script decides when it has one we know (an Arabic-script
   font->lang is kept for Arabic-script text), else font->lang. */
static const char *lang_for(const struct sp_font *f, const char *s)
{
    const char *g = sp_text_guess_lang(s);

    if (!g)
        return f->lang;
    if (arabic_script_lang(g) && arabic_script_lang(f->lang))
        return f->lang;
    return g;
}

const char *sp_text_lang(const struct sp_font *f, const char *s)
{
    return lang_for(f, s);
}

bool sp_text_script_rtl(GUnicodeScript sc)
{
    return sc == G_UNICODE_SCRIPT_ARABIC || sc == G_UNICODE_SCRIPT_HEBREW ||
           sc == G_UNICODE_SCRIPT_SYRIAC || sc == G_UNICODE_SCRIPT_THAANA ||
           sc == G_UNICODE_SCRIPT_NKO;
}

/* Has s a letter of a right-to-left script? */
static bool has_rtl(const char *s)
{
    for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
        if (sp_text_script_rtl(g_unichar_get_script(g_utf8_get_char(p))))
            return true;
    }
    return false;
}

/*
 * The direction of the first letter of s outside isolates (U+2066..U+2069: the values
 * filled into a sentence): 1 right to left, -1 left to right, 0 none (digits and marks
 * only, or letters only inside isolates).
 */
static int first_strong(const char *s)
{
    int depth = 0;

    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x2066 && c <= 0x2068) {
            depth++;
            continue;
        }
        if (c == 0x2069) {
            depth -= depth > 0;
            continue;
        }
        if (depth || !g_unichar_isalpha(c))
            continue;
        switch (g_unichar_get_script(c)) {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
            return 1;
        default:
            return -1;
        }
    }
    return 0;
}

bool sp_text_rtl(const struct sp_font *f, const char *s)
{
    const char *lang;

    if (ascii_only(s) || !has_rtl(s))
        return false;
    if (sp_i18n_output()->first->rtl) {
        /* a right-to-left output: a line with its words is right to left (names and
           addresses in it are isolated, so they keep their own order); a line with
           letters only inside isolates takes the first of them */
        return first_strong(s) >= 0;
    }
    lang = lang_for(f, s);
    return arabic_script_lang(lang) && sp_text_guess_lang(s) != NULL;
}

static int has_face(FcConfig *cfg, int weight)
{
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_WEIGHT, (char *)0);
    FcFontSet *fs;
    int found = 0;

    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)SP_FAMILY_MAIN);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    fs = FcFontList(cfg, pat, os);
    if (fs) {
        found = fs->nfont > 0;
        FcFontSetDestroy(fs);
    }
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

/* A context of fm as every measurement and drawing needs it: 72 dpi, unhinted metrics and
   outlines, glyph positions not rounded (what is measured is what is drawn, at any size). */
static PangoContext *new_context(PangoFontMap *fm)
{
    PangoContext *ctx = pango_font_map_create_context(fm);
    cairo_font_options_t *fo = cairo_font_options_create();

    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    return ctx;
}

/* Append s to the GString with XML's five special characters escaped. */
static void xml_escape(GString *g, const char *s)
{
    char *e = g_markup_escape_text(s, -1);

    g_string_append(g, e);
    g_free(e);
}

struct sp_text *sp_text_new(const char *fontdir, const char *cachedir, struct sp_error *err)
{
    struct sp_text *t;
    FcConfig *cfg;
    GString *conf;
    int ok;

    if (cachedir && g_mkdir_with_parents(cachedir, 0755) != 0) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "cannot create font cache '%s': %s",
                     cachedir, g_strerror(errno));
        return NULL;
    }
    conf = g_string_new("<?xml version=\"1.0\"?>\n<fontconfig>\n<cachedir>");
    xml_escape(conf, cachedir ? cachedir : "build/fccache");
    /* any family not in fonts/ (e.g. "Sans", "DejaVu Sans") falls back to Atkinson */
    g_string_append(conf, "</cachedir>\n<match target=\"pattern\"><edit name=\"family\" "
                    "mode=\"append_last\"><string>" SP_FAMILY_MAIN "</string></edit>"
                    "</match>\n</fontconfig>\n");
    cfg = FcConfigCreate();
    ok = FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)conf->str, FcTrue);
    g_string_free(conf, TRUE);
    if (!ok) {
        FcConfigDestroy(cfg);
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "cannot set up fontconfig for '%s'",
                     fontdir);
        return NULL;
    }
    FcConfigAppFontAddDir(cfg, (const FcChar8 *)fontdir);
    if (!has_face(cfg, FC_WEIGHT_REGULAR) || !has_face(cfg, FC_WEIGHT_BOLD)) {
        FcConfigDestroy(cfg);
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "font '%s' not found in '%s'",
                     SP_FAMILY_MAIN, fontdir);
        return NULL;
    }

    t = xcalloc(1, sizeof *t);
    t->cfg = cfg;
    /*
     * pango's font map runs FcInit() in a thread, which would load the system's fonts.conf
     * and scan system fonts (slow, and it leaks under LeakSanitizer) unless a current
     * config exists.  Ours is the only one signpost needs, so make it current.
     */
    FcConfigSetCurrent(cfg);
    t->fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(t->fm), cfg);  /* takes a reference */
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(t->fm), 72.0);
    t->ctx = new_context(t->fm);
    t->layout = pango_layout_new(t->ctx);
    t->lines = g_hash_table_new(g_str_hash, g_str_equal);
    g_queue_init(&t->lru);
    t->key = g_string_sized_new(128);
    t->paras = g_hash_table_new(g_str_hash, g_str_equal);
    g_queue_init(&t->para_lru);
    t->ctx_rtl = new_context(t->fm);
    pango_context_set_base_dir(t->ctx_rtl, PANGO_DIRECTION_RTL);
    t->layout_rtl = pango_layout_new(t->ctx_rtl);
    pango_layout_set_auto_dir(t->layout_rtl, FALSE);
    t->probe = pango_layout_new(t->ctx);
    t->main_lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return t;
}

static void para_free(struct para *pa)
{
    for (int i = 0; i < pa->n; i++)
        g_free(pa->lines[i].text);
    g_free(pa->lines);
    g_free(pa->key);
    g_free(pa);
}

static void line_free(struct line *ln)
{
    g_object_unref(ln->layout);
    g_free(ln->key);
    g_free(ln);
}

void sp_text_free(struct sp_text *t)
{
    if (!t)
        return;
    while (t->lru.head)
        line_free(g_queue_pop_head_link(&t->lru)->data);
    g_hash_table_destroy(t->lines);
    while (t->para_lru.head)
        para_free(g_queue_pop_head_link(&t->para_lru)->data);
    g_hash_table_destroy(t->paras);
    g_string_free(t->key, TRUE);
    g_object_unref(t->layout);
    g_object_unref(t->layout_rtl);
    g_object_unref(t->probe);
    g_hash_table_destroy(t->main_lines);
    g_object_unref(t->ctx_rtl);
    g_object_unref(t->ctx);
    /* drop pango's pattern and fontset caches now (they outlive the last unref otherwise) */
    pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(t->fm));
    g_object_unref(t->fm);
    FcConfigDestroy(t->cfg);
    free(t);
}

/*
 * Prepare layout l for utf8 in font f: width < 0 = one line, no wrapping.
 * f->family NULL (or "") chooses the family list from the language.
 */
static PangoLayout *setup_on(PangoLayout *l, const struct sp_font *f, const char *utf8,
                             double width)
{
    PangoFontDescription *fd = pango_font_description_new();
    PangoAttrList *attrs = pango_attr_list_new();
    bool ascii = !utf8 || ascii_only(utf8);
    const char *lang = ascii ? f->lang : lang_for(f, utf8);
    const char *family = f->family && *f->family ? f->family : sp_text_family_for(lang);

    pango_font_description_set_family(fd, family);
    pango_font_description_set_weight(fd, f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(fd, (f->size > 0 ? f->size : 12.0) * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);

    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_attr_list_insert(attrs, pango_attr_language_new(
                               pango_language_from_string(lang ? lang : "en-GB")));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);

    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(l, width < 0 ? -1 : (int)(width * PANGO_SCALE));
    pango_layout_set_text(l, utf8 ? utf8 : "", -1);
    return l;
}

/* Is utf8 set right to left (sp_text_rtl; ASCII never is)? */
static bool line_rtl(const struct sp_font *f, const char *utf8)
{
    return utf8 && sp_text_rtl(f, utf8);
}

/* The shared layout, prepared as setup_on() does (for measurements that are not kept). */
static PangoLayout *setup(struct sp_text *t, const struct sp_font *f, const char *utf8,
                          double width)
{
    /* a right-to-left line is set right to left even when it starts with a name or a
       number in another script (pango would take the first letter's direction) */
    return setup_on(line_rtl(f, utf8) ? t->layout_rtl : t->layout, f, utf8, width);
}

/* A double's exact bits as 16 hex digits in out[0..15] (a key part: no printf, which was a
   few per cent of a long leaflet's time). */
static void hex_double(double v, char out[16])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t bits;

    memcpy(&bits, &v, sizeof bits);
    for (int i = 15; i >= 0; i--, bits >>= 4)
        out[i] = hex[bits & 0xF];
}

/* The main face's line (Atkinson Hyperlegible Next at f's size and weight): its height
   and baseline, measured once per size and weight on the probe layout. */
static void main_line(struct sp_text *t, const struct sp_font *f, double *h, double *base)
{
    char key[24];
    double *v;

    /* the weight and the size's exact bits (no printf: this runs for every line that is
       not ASCII) */
    key[0] = f->bold ? 'b' : 'r';
    hex_double(f->size, key + 1);
    key[17] = '\0';
    v = g_hash_table_lookup(t->main_lines, key);
    if (!v) {
        PangoFontDescription *fd = pango_font_description_new();
        PangoRectangle log;

        pango_font_description_set_family(fd, SP_FAMILY_MAIN);
        pango_font_description_set_weight(fd, f->bold ? PANGO_WEIGHT_BOLD
                                                      : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(fd, (f->size > 0 ? f->size : 12.0) *
                                                     PANGO_SCALE);
        pango_layout_set_font_description(t->probe, fd);
        pango_font_description_free(fd);
        pango_layout_set_text(t->probe, "x", -1);
        pango_layout_get_extents(t->probe, NULL, &log);
        v = g_new(double, 2);
        v[0] = (double)log.height / PANGO_SCALE;
        v[1] = (double)pango_layout_get_baseline(t->probe) / PANGO_SCALE;
        g_hash_table_insert(t->main_lines, g_strdup(key), v);
    }
    *h = v[0];
    *base = v[1];
}

/*
 * Even line spacing (issue 12): a line whose language is written in the Latin script
 * (most of its letters Latin) keeps the main face's line height and baseline, whatever
 * taller fallback face a word of another script takes (a Farsi name in Naskh), so the
 * lines of a list stay evenly spaced.  Lines in Urdu, Arabic, Farsi, Bengali or Punjabi
 * keep their own face's (taller) line, and so does a mostly Latin line of a paragraph in
 * one of them that has any of its letters.
 */
static void even_line(struct sp_text *t, const struct sp_font *f, const char *s, double *h,
                      double *base)
{
    double h0, b0;

    if (!s || ascii_only(s))
        return;
    /* by the line's own letters: most of them Latin (a name or a word in another script
       in an English line, a Latin line of an Urdu paragraph) */
    {
        int latin = 0, other = 0;
        for (const char *p = s; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (!g_unichar_isalpha(c))
                continue;
            if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN)
                latin++;
            else
                other++;
        }
        if (!latin || other > latin)
            return;
        /* a line of a paragraph in such a language with some of its letters (an Urdu
           day before an English name): those are set in its taller face (Nastaliq rises
           and falls far beyond the Latin line), so the line keeps its own height */
        if (other && f->lang && (arabic_script_lang(f->lang) || !strncmp(f->lang, "bn", 2) ||
                                 !strncmp(f->lang, "pa", 2) || !strncmp(f->lang, "syl", 3)))
            return;
    }
    main_line(t, f, &h0, &b0);
    if (*h > h0 + 0.001) {
        *h = h0;
        *base = b0;
    }
}

static void key_double(GString *k, double v)
{
    char buf[16];

    hex_double(v, buf);
    g_string_append_len(k, buf, sizeof buf);
}

/* The cache key of utf8 in font f: every field setup_on() reads, the direction (rtl:
   line_rtl), then the text. */
static const char *line_key(struct sp_text *t, const struct sp_font *f, const char *utf8,
                            bool rtl)
{
    GString *k = t->key;

    g_string_truncate(k, 0);
    g_string_append(k, f->family ? f->family : "");
    g_string_append_c(k, '\x1f');
    key_double(k, f->size);
    g_string_append_c(k, '\x1f');
    g_string_append_c(k, f->bold ? 'b' : 'r');
    g_string_append_c(k, '\x1f');
    g_string_append(k, f->lang ? f->lang : "");
    g_string_append_c(k, '\x1f');
    g_string_append_c(k, rtl ? 'R' : 'L');
    g_string_append_c(k, '\x1f');
    g_string_append(k, utf8 ? utf8 : "");
    return k->str;
}

/*
 * The cached line for utf8 in f (moved to the front), or NULL when it is not cached and
 * make is false.  With make, a line not cached is shaped (alone, unwrapped: as it is
 * drawn), measured and kept, and the least recently used line dropped when there are
 * more than LINE_CACHE_MAX.
 */
static struct line *line_get(struct sp_text *t, const struct sp_font *f, const char *utf8,
                             bool make)
{
    bool rtl = line_rtl(f, utf8);
    const char *key = line_key(t, f, utf8, rtl);
    struct line *ln = g_hash_table_lookup(t->lines, key);
    PangoRectangle log;

    if (ln) {
        t->hits++;
        g_queue_unlink(&t->lru, &ln->link);
        g_queue_push_head_link(&t->lru, &ln->link);
        return ln;
    }
    if (!make)
        return NULL;
    t->misses++;
    ln = g_new0(struct line, 1);
    ln->key = g_strdup(key);
    if (rtl) {
        ln->layout = pango_layout_new(t->ctx_rtl);
        pango_layout_set_auto_dir(ln->layout, FALSE);
    } else {
        ln->layout = pango_layout_new(t->ctx);
    }
    setup_on(ln->layout, f, utf8, -1);
    pango_layout_get_extents(ln->layout, NULL, &log);
    ln->width = (double)log.width / PANGO_SCALE;
    ln->height = (double)log.height / PANGO_SCALE;
    ln->baseline = (double)pango_layout_get_baseline(ln->layout) / PANGO_SCALE;
    ln->link.data = ln;
    g_hash_table_insert(t->lines, ln->key, ln);
    g_queue_push_head_link(&t->lru, &ln->link);
    if (t->lru.length > LINE_CACHE_MAX) {
        struct line *old = g_queue_pop_tail_link(&t->lru)->data;
        g_hash_table_remove(t->lines, old->key);
        line_free(old);
    }
    return ln;
}

static void even_line(struct sp_text *t, const struct sp_font *f, const char *s, double *h,
                      double *base);

/* The measured line as a line of text, at the even line height (even_line). */
static void line_copy(struct sp_text *t, const struct sp_font *f, const struct line *ln,
                      const char *text, struct sp_line *out)
{
    out->text = text;
    out->width = ln->width;
    out->height = ln->height;
    out->baseline = ln->baseline;
    even_line(t, f, text, &out->height, &out->baseline);
}

void sp_text_cache_stats(const struct sp_text *t, size_t *hits, size_t *misses)
{
    if (hits)
        *hits = t->hits;
    if (misses)
        *misses = t->misses;
}

double sp_text_width(struct sp_text *t, const struct sp_font *f, const char *utf8)
{
    const struct line *ln = line_get(t, f, utf8, false);
    PangoRectangle log;

    if (ln)
        return ln->width;
    pango_layout_get_extents(setup(t, f, utf8, -1), NULL, &log);
    return (double)log.width / PANGO_SCALE;
}

void sp_text_metrics(struct sp_text *t, const struct sp_font *f, double *height,
                     double *baseline)
{
    PangoLayout *l = setup(t, f, "", -1);
    PangoRectangle log;

    pango_layout_get_extents(l, NULL, &log);
    if (height)
        *height = (double)log.height / PANGO_SCALE;
    if (baseline)
        *baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
}

/* Is the UTF-8 character at p a direction isolate: 1 an initiator (U+2066 LRI, U+2067
   RLI, U+2068 FSI), -1 U+2069 PDI, else 0? */
static int isolate_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    if (u[0] != 0xE2 || u[1] != 0x81)
        return 0;
    return u[2] >= 0xA6 && u[2] <= 0xA8 ? 1 : u[2] == 0xA9 ? -1 : 0;
}

/*
 * Line [start, start + len) of utf8 as a text of its own (arena): when the text has
 * isolates (values filled into a right-to-left sentence, base/i18n.h) and the line starts
 * or ends inside one, the line opens and closes it again, so a name or an address that
 * runs over two lines keeps its direction on each.
 */
static char *line_text(const char *utf8, size_t start, size_t len, struct sp_arena *a)
{
    int before = 0, open;
    GString *g;
    char *r;

    if (!strstr(utf8, "\xE2\x81"))
        return sp_arena_strndup(a, utf8 + start, len);
    for (size_t i = 0; i < start; i++)
        before += isolate_at(utf8 + i), before = before < 0 ? 0 : before;
    open = before;
    for (size_t i = start; i < start + len; i++)
        open += isolate_at(utf8 + i), open = open < 0 ? 0 : open;
    if (!before && !open)
        return sp_arena_strndup(a, utf8 + start, len);
    g = g_string_new(NULL);
    for (int k = 0; k < before; k++)
        g_string_append(g, "\xE2\x81\xA8");  /* FSI: the value goes on here */
    g_string_append_len(g, utf8 + start, (gssize)len);
    for (int k = 0; k < open; k++)
        g_string_append(g, "\xE2\x81\xA9");  /* PDI: and ends on the next line */
    r = sp_arena_strdup(a, g->str);
    g_string_free(g, TRUE);
    return r;
}

static int is_trailing_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Probably one line at width: its characters at half an em each fit.  Such text is shaped
 * alone first (as it will be drawn, and kept); text that then does not fit is broken as a
 * paragraph after all.
 */
static bool likely_one_line(const struct sp_font *f, const char *utf8, double width)
{
    double size = f->size > 0 ? f->size : 12.0;

    return width <= 0 || (double)g_utf8_strlen(utf8, -1) * size * 0.5 <= width;
}

/* The line fits width as pango's wrapping decides it (in pango units). */
static bool fits(const struct line *ln, double width)
{
    return width <= 0 || (int)(ln->width * PANGO_SCALE + 0.5) <= (int)(width * PANGO_SCALE);
}

static int break_wrapped(struct sp_text *t, const struct sp_font *f, const char *utf8,
                         double width, struct sp_arena *a, struct sp_line **lines);

int sp_text_break(struct sp_text *t, const struct sp_font *f, const char *utf8,
                  double width, struct sp_arena *a, struct sp_line **lines)
{
    int n, i;
    bool rtl;

    *lines = NULL;
    if (!utf8 || !*utf8)
        return 0;
    /* text with no line break of its own that fits on one line: shaped once, alone, as it
       will be drawn (from the cache when it was shaped before) */
    if (!strpbrk(utf8, "\n\r\t") && !is_trailing_space((unsigned char)utf8[strlen(utf8) - 1]) &&
        (line_get(t, f, utf8, false) || likely_one_line(f, utf8, width))) {
        const struct line *ln = line_get(t, f, utf8, true);
        if (fits(ln, width) && pango_layout_get_line_count(ln->layout) == 1) {
            *lines = sp_arena_alloc(a, sizeof **lines);
            line_copy(t, f, ln, sp_arena_strdup(a, utf8), &(*lines)[0]);
            return 1;
        }
    }
    /* broken at this width before (the same paragraph measured again) */
    rtl = line_rtl(f, utf8);
    {
        struct para *pa;

        line_key(t, f, utf8, rtl);
        g_string_append_c(t->key, '\x1f');
        key_double(t->key, width);
        pa = g_hash_table_lookup(t->paras, t->key->str);
        if (pa) {
            g_queue_unlink(&t->para_lru, &pa->link);
            g_queue_push_head_link(&t->para_lru, &pa->link);
            *lines = sp_arena_alloc(a, (size_t)pa->n * sizeof **lines);
            for (i = 0; i < pa->n; i++) {
                struct sp_line *ln = &(*lines)[i];
                ln->text = sp_arena_strdup(a, pa->lines[i].text);
                ln->width = pa->lines[i].width;
                ln->height = pa->lines[i].height;
                ln->baseline = pa->lines[i].baseline;
            }
            return pa->n;
        }
    }
    n = break_wrapped(t, f, utf8, width, a, lines);
    {
        struct para *pa = g_new0(struct para, 1);

        line_key(t, f, utf8, rtl);
        g_string_append_c(t->key, '\x1f');
        key_double(t->key, width);
        pa->key = g_strdup(t->key->str);
        pa->n = n;
        pa->lines = g_new(struct para_line, n ? n : 1);
        for (i = 0; i < n; i++) {
            const struct sp_line *ln = &(*lines)[i];
            pa->lines[i].text = g_strdup(ln->text);
            pa->lines[i].width = ln->width;
            pa->lines[i].height = ln->height;
            pa->lines[i].baseline = ln->baseline;
        }
        pa->link.data = pa;
        g_hash_table_insert(t->paras, pa->key, pa);
        g_queue_push_head_link(&t->para_lru, &pa->link);
        if (t->para_lru.length > PARA_CACHE_MAX) {
            struct para *old = g_queue_pop_tail_link(&t->para_lru)->data;
            g_hash_table_remove(t->paras, old->key);
            para_free(old);
        }
    }
    return n;
}

/* sp_text_break's wrapped path: pango breaks the paragraph; each line measured alone. */
static int break_wrapped(struct sp_text *t, const struct sp_font *f, const char *utf8,
                         double width, struct sp_arena *a, struct sp_line **lines)
{
    PangoLayout *l;
    GSList *it;
    char **texts;
    int n, i;

    l = setup(t, f, utf8, width > 0 ? width : -1);
    n = pango_layout_get_line_count(l);
    texts = xcalloc((size_t)n, sizeof *texts);
    i = 0;
    for (it = pango_layout_get_lines_readonly(l); it && i < n; it = it->next) {
        const PangoLayoutLine *pl = it->data;
        size_t len = (size_t)pl->length;

        while (len > 0 && is_trailing_space((unsigned char)utf8[pl->start_index + len - 1]))
            len--;
        texts[i++] = line_text(utf8, (size_t)pl->start_index, len, a);
    }
    n = i;
    *lines = sp_arena_alloc(a, (size_t)n * sizeof **lines);
    /* one line that is the whole text: the wrapped layout already measured it exactly as
       it will be drawn */
    if (n == 1 && strlen(texts[0]) == strlen(utf8)) {
        PangoRectangle log;

        pango_layout_get_extents(l, NULL, &log);
        (*lines)[0].text = texts[0];
        (*lines)[0].width = (double)log.width / PANGO_SCALE;
        (*lines)[0].height = (double)log.height / PANGO_SCALE;
        (*lines)[0].baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
        even_line(t, f, texts[0], &(*lines)[0].height, &(*lines)[0].baseline);
        free(texts);
        return 1;
    }
    /* measure every line as it will be drawn: alone, unwrapped (and keep it for drawing) */
    for (i = 0; i < n; i++)
        line_copy(t, f, line_get(t, f, texts[i], true), texts[i], &(*lines)[i]);
    free(texts);
    return n;
}

int sp_text_first_line(struct sp_text *t, const struct sp_font *f, const char *utf8,
                       double width, struct sp_arena *a, struct sp_line *line, size_t *used,
                       bool *broken)
{
    PangoLayout *l;
    const PangoLayoutLine *pl;
    PangoRectangle log;
    size_t len, all = utf8 ? strlen(utf8) : 0;
    int nlines;

    *used = 0;
    *broken = false;
    if (!all)
        return 0;
    l = setup(t, f, utf8, width > 0 ? width : -1);
    nlines = pango_layout_get_line_count(l);
    pl = pango_layout_get_line_readonly(l, 0);
    len = (size_t)pl->length;
    *used = len;
    while (len > 0 && is_trailing_space((unsigned char)utf8[len - 1]))
        len--;
    /* a word broken between characters: the line ends where a line may not break */
    if (nlines > 1) {
        gint nattrs = 0;
        const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &nattrs);
        glong at = g_utf8_pointer_to_offset(utf8, utf8 + *used);
        *broken = at < nattrs && !attrs[at].is_line_break;
    }
    line->text = line_text(utf8, 0, len, a);
    if (nlines == 1 && len == all) {
        pango_layout_get_extents(l, NULL, &log);
        line->baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
        line->width = (double)log.width / PANGO_SCALE;
        line->height = (double)log.height / PANGO_SCALE;
        even_line(t, f, line->text, &line->height, &line->baseline);
    } else {
        /* measured alone, as it will be drawn, and kept for drawing */
        line_copy(t, f, line_get(t, f, line->text, true), line->text, line);
    }
    return 1;
}

int sp_text_unknown_glyphs(struct sp_text *t, const struct sp_font *f, const char *utf8)
{
    return pango_layout_get_unknown_glyphs_count(setup(t, f, utf8, -1));
}

const char *sp_text_font_of(struct sp_text *t, const struct sp_font *f, const char *utf8,
                            struct sp_arena *a)
{
    PangoLayoutIter *iter = pango_layout_get_iter(setup(t, f, utf8, -1));
    const char *res = NULL;

    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
        PangoFontDescription *fd;

        if (!run)
            continue;
        fd = pango_font_describe(run->item->analysis.font);
        if (g_unichar_isgraph(g_utf8_get_char(utf8 + run->item->offset))) {
            res = sp_arena_strdup(a, pango_font_description_get_family(fd));
            pango_font_description_free(fd);
            break;
        }
        pango_font_description_free(fd);
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
    return res;
}

void sp_text_draw(struct sp_text *t, cairo_t *cr, const struct sp_font *f, const char *utf8,
                  double x, double y)
{
    const struct line *ln = line_get(t, f, utf8, true);
    double h = ln->height, base = ln->baseline;

    /* the baseline where the line was measured to have it (even_line) */
    even_line(t, f, utf8, &h, &base);
    /* no pango_cairo_update_context: the layout keeps the device-independent metrics */
    cairo_move_to(cr, x, y + base - ln->baseline);
    pango_cairo_show_layout(cr, ln->layout);
}
