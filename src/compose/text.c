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
#include <string.h>

#define SP_FAMILY_MAIN "Atkinson Hyperlegible Next"

struct sp_text {
    FcConfig *cfg;
    PangoFontMap *fm;
    PangoContext *ctx;
    PangoLayout *layout;   /* reused for every call; reset by setup() */
};

const char *sp_text_family_for(const char *lang)
{
    if (lang) {
        if (!strncmp(lang, "ur", 2) || !strncmp(lang, "pnb", 3) || !strcmp(lang, "pa-Arab"))
            return SP_FAMILY_MAIN ", Noto Nastaliq Urdu";
        if (!strncmp(lang, "ar", 2))
            return SP_FAMILY_MAIN ", Noto Naskh Arabic";
        if (!strncmp(lang, "bn", 2) || !strncmp(lang, "syl", 3))
            return SP_FAMILY_MAIN ", Noto Sans Bengali";
        if (!strncmp(lang, "pa", 2))
            return SP_FAMILY_MAIN ", Noto Sans Gurmukhi";
    }
    return SP_FAMILY_MAIN ", Noto Naskh Arabic, Noto Sans Bengali, Noto Sans Gurmukhi";
}

const char *sp_text_guess_lang(const char *s)
{
    const char *p;

    if (!s || !g_utf8_validate(s, -1, NULL))
        return NULL;
    for (p = s; *p; p = g_utf8_next_char(p)) {
        switch (g_unichar_get_script(g_utf8_get_char(p))) {
        case G_UNICODE_SCRIPT_ARABIC:
            return "ur";
        case G_UNICODE_SCRIPT_BENGALI:
            return "bn";
        case G_UNICODE_SCRIPT_GURMUKHI:
            return "pa";
        default:
            break;
        }
    }
    return NULL;
}

/* The language used for s: its script decides when it has one we know ("ar" kept). */
static const char *lang_for(const struct sp_font *f, const char *s)
{
    const char *g = sp_text_guess_lang(s);

    if (!g)
        return f->lang;
    if (f->lang && !strcmp(g, "ur") && !strncmp(f->lang, "ar", 2))
        return f->lang;
    return g;
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
    cairo_font_options_t *fo;
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
    t->ctx = pango_font_map_create_context(t->fm);
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(t->ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(t->ctx, 72.0);
    pango_context_set_round_glyph_positions(t->ctx, FALSE);
    t->layout = pango_layout_new(t->ctx);
    return t;
}

void sp_text_free(struct sp_text *t)
{
    if (!t)
        return;
    g_object_unref(t->layout);
    g_object_unref(t->ctx);
    /* drop pango's pattern and fontset caches now (they outlive the last unref otherwise) */
    pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(t->fm));
    g_object_unref(t->fm);
    FcConfigDestroy(t->cfg);
    free(t);
}

/*
 * Prepare the shared layout for utf8 in font f: width < 0 = one line, no wrapping.
 * f->family NULL (or "") chooses the family list from the language.
 */
static PangoLayout *setup(struct sp_text *t, const struct sp_font *f, const char *utf8,
                          double width)
{
    PangoLayout *l = t->layout;
    PangoFontDescription *fd = pango_font_description_new();
    PangoAttrList *attrs = pango_attr_list_new();
    const char *lang = lang_for(f, utf8);
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

double sp_text_width(struct sp_text *t, const struct sp_font *f, const char *utf8)
{
    PangoRectangle log;

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

static int is_trailing_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int sp_text_break(struct sp_text *t, const struct sp_font *f, const char *utf8,
                  double width, struct sp_arena *a, struct sp_line **lines)
{
    PangoLayout *l;
    GSList *it;
    char **texts;
    int n, i;

    *lines = NULL;
    if (!utf8 || !*utf8)
        return 0;
    l = setup(t, f, utf8, width > 0 ? width : -1);
    n = pango_layout_get_line_count(l);
    texts = xcalloc((size_t)n, sizeof *texts);
    i = 0;
    for (it = pango_layout_get_lines_readonly(l); it && i < n; it = it->next) {
        const PangoLayoutLine *pl = it->data;
        size_t len = (size_t)pl->length;

        while (len > 0 && is_trailing_space((unsigned char)utf8[pl->start_index + len - 1]))
            len--;
        texts[i++] = sp_arena_strndup(a, utf8 + pl->start_index, len);
    }
    n = i;
    *lines = sp_arena_alloc(a, (size_t)n * sizeof **lines);
    /* one line that is the whole text: the wrapped layout already measured it exactly as
       it will be drawn (most paragraphs; this halves the shaping work) */
    if (n == 1 && strlen(texts[0]) == strlen(utf8)) {
        PangoRectangle log;

        pango_layout_get_extents(l, NULL, &log);
        (*lines)[0].text = texts[0];
        (*lines)[0].width = (double)log.width / PANGO_SCALE;
        (*lines)[0].height = (double)log.height / PANGO_SCALE;
        (*lines)[0].baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
        free(texts);
        return 1;
    }
    /* measure every line as it will be drawn: alone, unwrapped */
    for (i = 0; i < n; i++) {
        struct sp_line *ln = &(*lines)[i];
        PangoRectangle log;

        l = setup(t, f, texts[i], -1);
        pango_layout_get_extents(l, NULL, &log);
        ln->text = texts[i];
        ln->width = (double)log.width / PANGO_SCALE;
        ln->height = (double)log.height / PANGO_SCALE;
        ln->baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
    }
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
    line->text = sp_arena_strndup(a, utf8, len);
    if (nlines == 1 && len == all) {
        pango_layout_get_extents(l, NULL, &log);
        line->baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
    } else {
        l = setup(t, f, line->text, -1);
        pango_layout_get_extents(l, NULL, &log);
        line->baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
    }
    line->width = (double)log.width / PANGO_SCALE;
    line->height = (double)log.height / PANGO_SCALE;
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
    PangoLayout *l = setup(t, f, utf8, -1);

    /* no pango_cairo_update_context: the layout keeps the device-independent metrics */
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
}
