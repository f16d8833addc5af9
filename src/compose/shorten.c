/*
 * shorten.c - cutting text short at a word boundary: a bisection over the places the
 * text may be cut, each tried by breaking it into lines (prefixes only grow, so the
 * line count only grows with them).
 */
#include "shorten.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

int sp_shorten_lines(struct sp_text *t, const struct sp_font *f, const char *text,
                     double first_w, double width)
{
    struct sp_arena scratch;
    struct sp_line *lines;
    int n;

    sp_arena_init(&scratch);
    if (first_w > width)
        first_w = width;
    n = sp_text_break(t, f, text, first_w, &scratch, &lines);
    if (n > 1 && first_w < width - 0.01) {
        const char *r = text + strlen(lines[0].text);
        while (*r == ' ')
            r++;
        n = 1 + sp_text_break(t, f, r, width, &scratch, &lines);
    }
    sp_arena_free(&scratch);
    return n;
}

const char *sp_shorten(struct sp_text *t, const struct sp_font *f, const char *text,
                       double first_w, double width, int max_lines, const char *tail,
                       struct sp_arena *a)
{
    GArray *cuts;
    size_t lo = 0, hi, best = 0;
    bool found = false;
    const char *r;

    if (!tail)
        tail = "";
    if (sp_shorten_lines(t, f, text, first_w, width) <= max_lines)
        return NULL;
    cuts = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (const char *p = text; *p; p++)
        if (*p == ' ' && p > text && p[-1] != ' ') {
            size_t at = (size_t)(p - text);
            g_array_append_val(cuts, at);
        }
    if (cuts->len == 0)
        for (const char *p = g_utf8_next_char(text); *p; p = g_utf8_next_char(p)) {
            size_t at = (size_t)(p - text);
            g_array_append_val(cuts, at);
        }
    hi = cuts->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t at = g_array_index(cuts, size_t, mid);
        char *try = g_strdup_printf("%.*s" SP_ELLIPSIS "%s", (int)at, text, tail);
        bool fits = sp_shorten_lines(t, f, try, first_w, width) <= max_lines;

        g_free(try);
        if (fits) {
            best = at;
            found = true;
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    r = found ? sp_arena_printf(a, "%.*s" SP_ELLIPSIS "%s", (int)best, text, tail)
              : sp_arena_printf(a, SP_ELLIPSIS "%s", tail);
    g_array_free(cuts, TRUE);
    return r;
}

const char *sp_shorten_name(const char *s, long max_chars, struct sp_arena *a)
{
    if (g_utf8_strlen(s, -1) <= max_chars)
        return s;
    return sp_arena_printf(a, "%.*s" SP_ELLIPSIS,
                           (int)(g_utf8_offset_to_pointer(s, max_chars) - s), s);
}
