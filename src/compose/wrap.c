/*
 * wrap.c - greedy line breaking with cached word widths.  A line's width is the sum of
 * its words and the spaces between them, each measured once per font by text.c.  Shaped
 * as a whole, a line comes out a little narrower (kerning next to spaces, under 1 %), never
 * wider, so no line overflows its row (tests/unit/test_lists.c measures both).
 */
#include "wrap.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#define MAX_FONTS 32
#define WORD_MAX 128           /* longer words are measured every time (rare) */
#define EPS 0.01

struct font_cache {
    char *family;              /* NULL = the default list */
    double size;
    bool bold;
    double space, height, baseline;
    GHashTable *words;         /* word -> width (double, boxed in the pointer's memory) */
};

struct sp_wrap {
    struct sp_text *t;
    struct font_cache fonts[MAX_FONTS];
    int nfonts;
};

struct sp_wrap *sp_wrap_new(struct sp_text *t)
{
    struct sp_wrap *w = xcalloc(1, sizeof *w);

    w->t = t;
    return w;
}

void sp_wrap_free(struct sp_wrap *w)
{
    if (!w)
        return;
    for (int i = 0; i < w->nfonts; i++) {
        g_free(w->fonts[i].family);
        g_hash_table_destroy(w->fonts[i].words);
    }
    free(w);
}

/* The cache of font f (simple text only: f->lang is NULL), or NULL when full. */
static struct font_cache *cache_of(struct sp_wrap *w, const struct sp_font *f)
{
    struct font_cache *c;

    for (int i = 0; i < w->nfonts; i++) {
        c = &w->fonts[i];
        if (c->size == f->size && c->bold == f->bold && !g_strcmp0(c->family, f->family))
            return c;
    }
    if (w->nfonts == MAX_FONTS)
        return NULL;
    c = &w->fonts[w->nfonts++];
    c->family = g_strdup(f->family);
    c->size = f->size;
    c->bold = f->bold;
    c->space = sp_text_width(w->t, f, " ");
    sp_text_metrics(w->t, f, &c->height, &c->baseline);
    c->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return c;
}

static double word_width(struct sp_wrap *w, struct font_cache *c, const struct sp_font *f,
                         const char *s, size_t len)
{
    char buf[WORD_MAX + 1];
    double *v;

    if (len > WORD_MAX) {
        char *tmp = g_strndup(s, len);
        double width = sp_text_width(w->t, f, tmp);
        g_free(tmp);
        return width;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    v = g_hash_table_lookup(c->words, buf);
    if (v)
        return *v;
    v = g_new(double, 1);
    *v = sp_text_width(w->t, f, buf);
    g_hash_table_insert(c->words, g_strdup(buf), v);
    return *v;
}

/* Text that needs shaping as a whole: complex scripts, or a font chosen by language. */
static bool complex_text(const struct sp_font *f, const char *utf8)
{
    return (f->lang && *f->lang) || sp_text_guess_lang(utf8) != NULL;
}

double sp_wrap_pitch(struct sp_wrap *w, const struct sp_font *f, double line_spacing)
{
    struct font_cache *c = f->lang && *f->lang ? NULL : cache_of(w, f);
    double h, base;

    if (c)
        return c->height * line_spacing;
    sp_text_metrics(w->t, f, &h, &base);
    return h * line_spacing;
}

double sp_wrap_width(struct sp_wrap *w, const struct sp_font *f, const char *utf8)
{
    struct font_cache *c;
    double width = 0;
    bool first = true;

    if (complex_text(f, utf8) || !(c = cache_of(w, f)))
        return sp_text_width(w->t, f, utf8);
    /* the words and the spaces between them, as sp_wrap_break measures a line */
    for (const char *p = utf8; *p;) {
        const char *ws = p, *we;
        while (*ws == ' ')
            ws++;
        if (!*ws)
            break;
        we = ws;
        while (*we && *we != ' ')
            we++;
        width += (first ? 0 : (double)(ws - p) * c->space) + word_width(w, c, f, ws,
                                                                          (size_t)(we - ws));
        first = false;
        p = we;
    }
    return width;
}

static double row_width(const double *widths, int n, int k)
{
    return widths[k < n ? k : n - 1];
}

/* Complex text: row by row through text.c (first lines, then the rest at once). */
static int break_shaped(struct sp_wrap *w, const struct sp_font *f, const char *utf8,
                        const double *widths, int nwidths, struct sp_arena *a,
                        struct sp_line **lines, bool *first_broken)
{
    GArray *v = g_array_new(FALSE, FALSE, sizeof(struct sp_line));
    const char *rest = utf8;
    int k = 0, n;

    /* rows of one width from here on: the rest at once */
    while (nwidths > 1 && fabs(widths[nwidths - 2] - widths[nwidths - 1]) < EPS)
        nwidths--;
    while (*rest) {
        struct sp_line line, *more;
        size_t used;
        bool broken;

        if (k >= nwidths - 1) {
            n = sp_text_break(w->t, f, rest, row_width(widths, nwidths, k), a, &more);
            g_array_append_vals(v, more, (guint)n);
            break;
        }
        if (!sp_text_first_line(w->t, f, rest, widths[k], a, &line, &used, &broken))
            break;
        /* no room at all in this row (text.c takes a width <= 0 as "no limit"): its
           first word does not fit */
        if (widths[k] < 1)
            broken = true;
        if (k == 0 && first_broken)
            *first_broken = broken;
        g_array_append_val(v, line);
        rest += used;
        k++;
    }
    n = (int)v->len;
    *lines = sp_arena_alloc(a, (size_t)(n ? n : 1) * sizeof **lines);
    if (n)
        memcpy(*lines, v->data, (size_t)n * sizeof **lines);
    g_array_free(v, TRUE);
    return n;
}

int sp_wrap_break(struct sp_wrap *w, const struct sp_font *f, const char *utf8,
                  const double *widths, int nwidths, struct sp_arena *a,
                  struct sp_line **lines, bool *first_broken)
{
    struct font_cache *c;
    GArray *v;
    const char *p = utf8, *line_start = NULL, *line_end = NULL;
    double width = 0;
    int k = 0, n;

    if (first_broken)
        *first_broken = false;
    *lines = NULL;
    if (!utf8 || !*utf8)
        return 0;
    if (complex_text(f, utf8) || !(c = cache_of(w, f)))
        return break_shaped(w, f, utf8, widths, nwidths, a, lines, first_broken);
    v = g_array_new(FALSE, FALSE, sizeof(struct sp_line));
    while (*p) {
        const char *ws = p, *we;
        size_t spaces;
        double wt, room;

        while (*ws == ' ')
            ws++;
        if (!*ws)
            break;
        spaces = (size_t)(ws - p);
        we = ws;
        while (*we && *we != ' ')
            we++;
        wt = word_width(w, c, f, ws, (size_t)(we - ws));
        room = row_width(widths, nwidths, k);
        if (line_start && width + (double)spaces * c->space + wt <= room + EPS) {
            width += (double)spaces * c->space + wt;
            line_end = we;
            p = we;
            continue;
        }
        if (line_start) {
            struct sp_line l = { sp_arena_strndup(a, line_start, (size_t)(line_end - line_start)),
                                 width, c->height, c->baseline };
            g_array_append_val(v, l);
            k++;
            room = row_width(widths, nwidths, k);
        }
        if (wt > room + EPS) {
            /* a word wider than its row: broken between characters by text.c */
            struct sp_line *parts;
            char *word = g_strndup(ws, (size_t)(we - ws));
            int np = sp_text_break(w->t, f, word, room, a, &parts);
            g_free(word);
            if (k == 0 && first_broken)
                *first_broken = true;
            for (int i = 0; i + 1 < np; i++) {
                g_array_append_val(v, parts[i]);
                k++;
            }
            /* the last part starts the next line (it is a copy: measure it as text) */
            line_start = ws + (we - ws) - strlen(parts[np - 1].text);
            line_end = we;
            width = parts[np - 1].width;
        } else {
            line_start = ws;
            line_end = we;
            width = wt;
        }
        p = we;
    }
    if (line_start) {
        struct sp_line l = { sp_arena_strndup(a, line_start, (size_t)(line_end - line_start)),
                             width, c->height, c->baseline };
        g_array_append_val(v, l);
    }
    n = (int)v->len;
    *lines = sp_arena_alloc(a, (size_t)(n ? n : 1) * sizeof **lines);
    if (n)
        memcpy(*lines, v->data, (size_t)n * sizeof **lines);
    g_array_free(v, TRUE);
    return n;
}
