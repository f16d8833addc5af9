/*
 * layout.c - layout files: a small line-based key-file reader (also used by settings.c),
 * the layout keys with their units, defaults and ranges, and the accessibility checks.
 * Not GKeyFile: it gives no line numbers, merges repeated sections (the settings'
 * [helpline]s) and every message here needs file:line:col and the text as written.
 */
#include "layout.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "../base/match.h"

#define MAX_FILE (1024 * 1024)
#define EPS 1e-6

/* ------------------------------------------------------------------------------------ */
/* Small helpers                                                                        */
/* ------------------------------------------------------------------------------------ */

/* Copy s for a message: at most ~60 bytes, cut on a UTF-8 boundary, "..." when cut. */
static const char *clip(char *buf, size_t size, const char *s, size_t len)
{
    size_t max = size - 4 < 60 ? size - 4 : 60;
    size_t n = len;

    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        snprintf(buf, size, "%.*s...", (int)n, s);
    } else {
        snprintf(buf, size, "%.*s", (int)n, s);
    }
    return buf;
}

static int is_key_char(int c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* Lower-case copy with '_' turned into '-'. */
static char *norm_name(struct sp_arena *a, const char *s, size_t n)
{
    char *r = sp_arena_strndup(a, s, n);
    for (char *p = r; *p; p++)
        *p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
    return r;
}

/* Grow an arena array of `size`-byte elements to hold one more. */
static void *grow(struct sp_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
    void *nv;

    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 16;
    nv = sp_arena_alloc(a, *cap * size);
    if (n)
        memcpy(nv, v, n * size);
    return nv;
}

/* ------------------------------------------------------------------------------------ */
/* The key-file reader                                                                  */
/* ------------------------------------------------------------------------------------ */

struct reader {
    const char *file;
    struct sp_arena *a;
    struct sp_ini *ini;
    size_t cap_s, cap_e;
    struct sp_error *err;
};

static int bad_utf8(const char *file, const char *bad, const char *start, struct sp_error *err)
{
    int line = 1;
    const char *ls = start;

    for (const char *p = start; p < bad; p++)
        if (*p == '\n') {
            line++;
            ls = p + 1;
        }
    if (*bad == '\0')
        return sp_error_set(err, SP_ERR_INPUT, file, line, (int)(bad - ls) + 1,
                            "unexpected NUL byte");
    return sp_error_set(err, SP_ERR_INPUT, file, line, (int)(bad - ls) + 1,
                        "invalid UTF-8 (byte 0x%02X)", (unsigned char)*bad);
}

static int read_section(struct reader *r, const char *s, size_t i, size_t n, int line)
{
    size_t j = i + 1, k;
    char q[80];
    struct sp_ini_section *sec;

    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    k = j;
    while (k < n && is_key_char(s[k]))
        k++;
    if (k == j) {
        size_t e = n;
        while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)i + 1,
                            "expected a section name such as '[page]', got '%s'",
                            clip(q, sizeof q, s + i, e - i));
    }
    {
        size_t m = k;
        while (m < n && (s[m] == ' ' || s[m] == '\t'))
            m++;
        if (m >= n || s[m] != ']')
            return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)m + 1,
                                "expected ']' after the section name '%.*s'",
                                (int)(k - j), s + j);
        m++;
        while (m < n && (s[m] == ' ' || s[m] == '\t'))
            m++;
        if (m < n && s[m] != '#' && s[m] != ';')
            return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)m + 1,
                                "unexpected text after ']': '%s'",
                                clip(q, sizeof q, s + m, n - m));
    }
    r->ini->sections = grow(r->a, r->ini->sections, r->ini->nsections, &r->cap_s,
                            sizeof *r->ini->sections);
    sec = &r->ini->sections[r->ini->nsections++];
    sec->name = norm_name(r->a, s + j, k - j);
    sec->line = line;
    return 0;
}

static int read_entry(struct reader *r, const char *s, size_t i, size_t n, int line)
{
    size_t k = i, j, vs, ve;
    char q[80];
    char *val;
    size_t vn = 0;
    struct sp_ini_entry *e;

    while (k < n && is_key_char(s[k]))
        k++;
    j = k;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (k == i || j >= n || s[j] != '=') {
        size_t end = n;
        while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)i + 1,
                            "expected 'key = value', got '%s'",
                            clip(q, sizeof q, s + i, end - i));
    }
    vs = j + 1;
    while (vs < n && (s[vs] == ' ' || s[vs] == '\t'))
        vs++;

    /* The value runs to the end of the line or to a '#' that follows a blank. */
    ve = vs;
    while (ve < n && !(ve > vs && s[ve] == '#' && (s[ve - 1] == ' ' || s[ve - 1] == '\t')))
        ve++;
    while (ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
        ve--;
    if (ve == vs)
        return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)vs + 1,
                            "'%s': missing value after '='", norm_name(r->a, s + i, k - i));

    /* Escapes: \# \\ \n. */
    val = sp_arena_alloc(r->a, ve - vs + 1);
    for (size_t p = vs; p < ve; p++) {
        if (s[p] != '\\') {
            val[vn++] = s[p];
            continue;
        }
        if (p + 1 >= ve)
            return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)p + 1,
                                "'%s': '\\' at the end of a value (write '\\\\' for one)",
                                norm_name(r->a, s + i, k - i));
        p++;
        if (s[p] == '#' || s[p] == '\\')
            val[vn++] = s[p];
        else if (s[p] == 'n')
            val[vn++] = '\n';
        else
            return sp_error_set(r->err, SP_ERR_INPUT, r->file, line, (int)p,
                                "'%s': unknown escape '\\%s' (use '\\#', '\\\\' or '\\n')",
                                norm_name(r->a, s + i, k - i),
                                clip(q, sizeof q, s + p, g_utf8_next_char(s + p) - (s + p)));
    }
    val[vn] = '\0';

    r->ini->entries = grow(r->a, r->ini->entries, r->ini->nentries, &r->cap_e,
                           sizeof *r->ini->entries);
    e = &r->ini->entries[r->ini->nentries++];
    e->section = (int)r->ini->nsections - 1;
    e->key = norm_name(r->a, s + i, k - i);
    e->value = val;
    e->raw = sp_arena_strndup(r->a, s + vs, ve - vs);
    e->line = line;
    e->key_col = (int)i + 1;
    e->value_col = (int)vs + 1;
    return 0;
}

int sp_ini_parse(const char *file, const char *data, size_t len, struct sp_arena *a,
                 struct sp_ini *ini, struct sp_error *err)
{
    struct reader r = { file, a, ini, 0, 0, err };
    const char *bad = NULL;
    const char *p, *end;
    int line = 1;

    memset(ini, 0, sizeof *ini);
    if (!data)
        len = 0;

    /* Step 1: the whole text must be UTF-8 without NUL; skip a byte-order mark. */
    p = data;
    end = data + len;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        p += 3;
    if (end > p && !g_utf8_validate(p, end - p, &bad))
        return bad_utf8(file, bad, p, err);

    /* Step 2: one line at a time. */
    while (p < end) {
        const char *nl = memchr(p, '\n', end - p);
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        size_t i = 0;

        if (n > 0 && p[n - 1] == '\r')
            n--;
        for (size_t c = 0; c < n; c++)
            if ((unsigned char)p[c] < 0x20 && p[c] != '\t')
                return sp_error_set(err, SP_ERR_INPUT, file, line, (int)c + 1,
                                    "unexpected control character (0x%02X)",
                                    (unsigned char)p[c]);
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        if (i < n && p[i] != '#' && p[i] != ';') {
            int rc = p[i] == '[' ? read_section(&r, p, i, n, line)
                                 : read_entry(&r, p, i, n, line);
            if (rc)
                return -1;
        }
        if (!nl)
            break;
        p = nl + 1;
        line++;
    }
    return 0;
}

int sp_ini_read_file(const char *path, struct sp_arena *a, char **data, size_t *len,
                     struct sp_error *err)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    size_t n;
    struct stat st;

    if (!fp)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot open '%s': %s", path,
                            strerror(errno));
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot read '%s': %s", path,
                            strerror(EISDIR));
    }
    buf = xmalloc(MAX_FILE + 1);
    n = fread(buf, 1, MAX_FILE + 1, fp);
    if (ferror(fp)) {
        int e = errno;
        fclose(fp);
        free(buf);
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot read '%s': %s", path,
                            strerror(e));
    }
    fclose(fp);
    if (n > MAX_FILE) {
        free(buf);
        return sp_error_set(err, SP_ERR_INPUT, path, 0, 0, "file is larger than 1 MiB");
    }
    *data = sp_arena_strndup(a, buf, n);  /* NUL-terminated; embedded NULs kept */
    *len = n;
    free(buf);
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* Contrast (STANDARDS.md rows 15 and 17)                                               */
/* ------------------------------------------------------------------------------------ */

static double channel(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) +
           0.0722 * channel(rgb & 0xFF);
}

double sp_contrast_ratio(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ------------------------------------------------------------------------------------ */
/* Layout keys                                                                          */
/* ------------------------------------------------------------------------------------ */

enum ktype {
    K_TEXT,    /* one line of UTF-8 */
    K_KIND,    /* poster, leaflet, ... */
    K_PAGE,    /* paper or screen size by name */
    K_LEN,     /* length: mm/cm/in/pt (print) or px (screen) */
    K_FONT,    /* type size: same units, shown in pt */
    K_NUM,     /* plain number */
    K_INT,     /* whole number */
    K_BOOL,    /* yes/no */
    K_COLOUR,  /* #RRGGBB */
    K_ECL,     /* L M Q H */
    K_TIME,    /* 12h / 24h */
    K_LENNONE, /* length or 'none' (0) */
    K_SECONDS, /* "20s" */
    K_PAGENUMS /* braille page numbers: top or bottom */
};

#define F(field) offsetof(struct sp_layout, field)
#define NOFIELD ((size_t)-1)

struct kdef {
    const char *section;
    const char *key;
    enum ktype type;
    size_t off;      /* field in struct sp_layout, or NOFIELD */
    double lo, hi;   /* print: mm for K_LEN, pt for K_FONT; plain for numbers */
    double slo, shi; /* screen: px */
    const char *why; /* appended to "must be at least" messages */
};

static const char row37[] = " from the sheet edge (office printers cannot print nearer)";

/* Ranges and reasons: see layouts/README.md; row numbers are STANDARDS.md's. */
static const struct kdef keys[] = {
    { "layout", "description", K_TEXT, F(description), 0, 0, 0, 0, NULL },
    { "layout", "kind", K_KIND, F(kind), 0, 0, 0, 0, NULL },

    { "page", "size", K_PAGE, NOFIELD, 0, 0, 0, 0, NULL },
    { "page", "width", K_LEN, F(width), 50, 1200, 320, 7680, NULL },
    { "page", "height", K_LEN, F(height), 50, 1200, 320, 7680, NULL },
    /* row 37: keep all ink >= 5 mm from the sheet edge */
    { "page", "margin", K_LEN, NOFIELD, 5, 100, 0, 500, row37 },
    { "page", "margin-top", K_LEN, F(margin_top), 5, 100, 0, 500, row37 },
    { "page", "margin-right", K_LEN, F(margin_right), 5, 100, 0, 500, row37 },
    { "page", "margin-bottom", K_LEN, F(margin_bottom), 5, 100, 0, 500, row37 },
    { "page", "margin-left", K_LEN, F(margin_left), 5, 100, 0, 500, row37 },
    { "page", "columns", K_INT, F(columns), 1, 6, 1, 6, NULL },
    { "page", "column-gap", K_LEN, F(column_gap), 0, 50, 0, 400, NULL },

    { "type", "headline", K_FONT, F(size_headline), 6, 300, 6, 600, NULL },
    { "type", "subtitle", K_FONT, F(size_subtitle), 6, 300, 6, 600, NULL },
    { "type", "heading", K_FONT, F(size_heading), 6, 300, 6, 600, NULL },
    { "type", "body", K_FONT, F(size_body), 6, 300, 6, 600, NULL },
    { "type", "detail", K_FONT, F(size_detail), 6, 300, 6, 600, NULL },
    { "type", "footer", K_FONT, F(size_footer), 6, 300, 6, 600, NULL },
    { "type", "floor-body", K_FONT, F(floor_body), 6, 300, 6, 600, NULL },
    /* row 9: never tighter than single line spacing */
    { "type", "line-spacing", K_NUM, F(line_spacing), 1.0, 3.0, 1.0, 3.0,
      " (never tighter than single spacing)" },
    { "type", "para-spacing", K_NUM, F(para_spacing), 0, 4, 0, 4, NULL },

    { "colours", "text", K_COLOUR, F(color_text), 0, 0, 0, 0, NULL },
    { "colours", "background", K_COLOUR, F(color_background), 0, 0, 0, 0, NULL },
    { "colours", "heading", K_COLOUR, F(color_heading), 0, 0, 0, 0, NULL },
    { "colours", "accent", K_COLOUR, F(color_accent), 0, 0, 0, 0, NULL },
    { "colours", "accent-text", K_COLOUR, F(color_accent_text), 0, 0, 0, 0, NULL },
    { "colours", "panel", K_COLOUR, F(color_panel), 0, 0, 0, 0, NULL },

    { "qr", "ecl", K_ECL, F(qr_ecl), 0, 0, 0, 0, NULL },
    /* 15 mm: absolute floor for any printed QR code (the tabs' size, issue 5) */
    { "qr", "min-size", K_LEN, F(qr_min), 15, 300, 100, 2000,
      " (smaller codes do not scan reliably)" },
    { "qr", "max-size", K_LENNONE, F(qr_max), 15, 1000, 100, 4000, NULL },
    { "qr", "whole-pixels", K_BOOL, F(qr_whole_pixels), 0, 0, 0, 0, NULL },

    { "content", "time-style", K_TIME, F(time_style), 0, 0, 0, 0, NULL },
    { "content", "show-passcodes", K_BOOL, F(show_passcodes), 0, 0, 0, 0, NULL },

    { "tabs", "count", K_INT, F(tabs), 0, 10, 0, 10, NULL },
    { "tabs", "height", K_LEN, F(tab_height), 30, 120, 30, 120, NULL },
    /* issue 5: tab text >= 12 pt */
    { "tabs", "text-size", K_FONT, F(size_tab), 12, 48, 12, 48, NULL },

    { "cards", "width", K_LEN, F(card_width), 40, 150, 0, 0, NULL },
    { "cards", "height", K_LEN, F(card_height), 25, 150, 0, 0, NULL },
    /* issue 5: card content >= 4 mm inside the card edge (row 36 says >= 3, 5 advised) */
    { "cards", "safe", K_LEN, F(card_safe), 4, 20, 0, 0,
      " inside each card edge (cutting is not exact)" },
    /* row 35: bleed 3 mm for a print shop */
    { "cards", "bleed", K_LEN, F(bleed), 0, 5, 0, 0, NULL },
    { "cards", "columns", K_INT, F(card_cols), 1, 6, 0, 0, NULL },
    { "cards", "rows", K_INT, F(card_rows), 1, 12, 0, 0, NULL },
    { "cards", "gap-x", K_LEN, F(card_gap_x), 0, 30, 0, 0, NULL },
    { "cards", "gap-y", K_LEN, F(card_gap_y), 0, 30, 0, 0, NULL },

    { "screen", "scale", K_NUM, F(scale), 1, 4, 1, 4, NULL },
    { "screen", "dark", K_BOOL, F(dark), 0, 0, 0, 0, NULL },
    /* row 40 / WCAG 2.2.2: slides stay >= 15 s; the player page has a pause button */
    { "screen", "dwell", K_SECONDS, F(dwell_seconds), 15, 600, 15, 600,
      " so that slow readers can finish a slide" },

    /* issue 14, docs/standards.md Braille B2: 40 x 25 by default; embossers and
       displays differ, so both are settable */
    { "braille", "cells", K_INT, F(braille_cells), 20, 100, 0, 0, NULL },
    { "braille", "lines", K_INT, F(braille_lines), 10, 100, 0, 0, NULL },
    { "braille", "table", K_TEXT, F(braille_table), 0, 0, 0, 0, NULL },
    { "braille", "page-numbers", K_PAGENUMS, F(braille_numbers_bottom), 0, 0, 0, 0, NULL },
};

#define NKEYS (sizeof keys / sizeof keys[0])

static const char *const sections[] = {
    "layout", "page", "type", "colours", "qr", "content", "tabs", "cards", "screen", "braille"
};

static const char *const kind_names[] = {
    "poster", "leaflet", "booklet", "trifold", "cards", "kiosk", "braille"
};

struct page_name {
    const char *name;
    double w, h;     /* portrait paper in mm, or landscape screen in px */
    bool screen;
};

static const struct page_name pages[] = {
    { "A3", 297, 420, false },      { "A4", 210, 297, false },
    { "A5", 148, 210, false },      { "A6", 105, 148, false },
    { "DL", 99, 210, false },       { "Letter", 215.9, 279.4, false },
    { "1080p", 1920, 1080, true },  { "4k", 3840, 2160, true },
};

struct lstate {
    const char *file;
    struct sp_arena *a;
    struct sp_layout *L;
    struct sp_error *err;
    const struct sp_ini_entry *at[NKEYS];  /* the entry that set each key, or NULL */
    double margin;                         /* the 'margin' shorthand, points */
};

static int key_index(const char *section, const char *key)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].section, section) && !strcmp(keys[i].key, key))
            return (int)i;
    return -1;
}

/* The entry that set section.key, or NULL when it was left to its default. */
static const struct sp_ini_entry *set_by(const struct lstate *st, const char *section,
                                         const char *key)
{
    int i = key_index(section, key);
    return i < 0 ? NULL : st->at[i];
}

static int line_of(const struct sp_ini_entry *e)
{
    return e ? e->line : 0;
}

static int col_of(const struct sp_ini_entry *e)
{
    return e ? e->value_col : 0;
}

/* A length as the user would write it: mm for print lengths, pt for type, px for screens. */
static const char *fmt_len(char *buf, size_t size, double pt, enum ktype t, bool screen)
{
    char num[G_ASCII_DTOSTR_BUF_SIZE];

    /* g_ascii_formatd: '.' whatever LC_NUMERIC says, like the files themselves */
    g_ascii_formatd(num, sizeof num, "%.4g", screen || t == K_FONT ? pt : pt * 25.4 / 72.0);
    snprintf(buf, size, "%s%s", num, screen ? "px" : t == K_FONT ? "pt" : "mm");
    return buf;
}

/* A plain number with a suffix, '.' as the decimal point in every locale. */
static void plain(char *buf, size_t size, double v, const char *suffix)
{
    char num[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd(num, sizeof num, "%.4g", v);
    snprintf(buf, size, "%s%s", num, suffix);
}

/* Plain decimal number "12", "12.5", ".5"; *rest points after it.  C locale always. */
static int parse_number(const char *s, double *v, const char **rest)
{
    const char *p = s;
    char buf[40];

    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
        return -1;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        if (!isdigit((unsigned char)p[1]))
            return -1;
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if ((size_t)(p - s) >= sizeof buf)
        return -1;
    memcpy(buf, s, p - s);
    buf[p - s] = '\0';
    *v = g_ascii_strtod(buf, NULL);
    *rest = p;
    return 0;
}

static int bad_value(struct lstate *st, const struct sp_ini_entry *e, const char *expected)
{
    char q[80];
    return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                        "'%s': expected %s, got '%s'", e->key, expected,
                        clip(q, sizeof q, e->raw, strlen(e->raw)));
}

/* "12mm", "0.5in", "24pt", "48px" (one optional space before the unit) -> points. */
static int parse_length(struct lstate *st, const struct sp_ini_entry *e, enum ktype t,
                        double *out)
{
    bool screen = st->L->screen;
    const char *ex = screen ? "a length such as '48px'"
                            : t == K_FONT ? "a size such as '18pt'" : "a length such as '12mm'";
    const char *rest;
    double v, k;
    char q[80];

    if (parse_number(e->value, &v, &rest))
        return bad_value(st, e, ex);
    if (*rest == ' ')
        rest++;
    if (!g_ascii_strcasecmp(rest, "mm"))
        k = 72.0 / 25.4;
    else if (!g_ascii_strcasecmp(rest, "cm"))
        k = 72.0 / 2.54;
    else if (!g_ascii_strcasecmp(rest, "in"))
        k = 72.0;
    else if (!g_ascii_strcasecmp(rest, "pt"))
        k = 1.0;
    else if (!g_ascii_strcasecmp(rest, "px"))
        k = 0.0;
    else
        return bad_value(st, e, ex);

    if (screen && k != 0.0)
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'%s': screen layouts (kind = kiosk) measure in px, got '%s'",
                            e->key, clip(q, sizeof q, e->raw, strlen(e->raw)));
    if (!screen && k == 0.0)
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'%s': px is only for screen layouts; use mm, cm, in or pt, "
                            "got '%s'", e->key, clip(q, sizeof q, e->raw, strlen(e->raw)));
    *out = screen ? v : v * k;
    return 0;
}

/* Range check in the key's display unit (mm, pt, px, or plain). */
static int check_range(struct lstate *st, const struct kdef *d, const struct sp_ini_entry *e,
                       double v_pt)
{
    bool screen = st->L->screen;
    bool is_len = d->type == K_LEN || d->type == K_FONT || d->type == K_LENNONE;
    double lo = screen && is_len ? d->slo : d->lo;
    double hi = screen && is_len ? d->shi : d->hi;
    double v = v_pt;
    char q[80], b[64];

    if (is_len && !screen && d->type != K_FONT)
        v = v_pt * 25.4 / 72.0;
    if (v < lo - EPS) {
        if (is_len)
            fmt_len(b, sizeof b, screen ? lo : d->type == K_FONT ? lo : lo * 72.0 / 25.4,
                    d->type, screen);
        else
            plain(b, sizeof b, lo, d->type == K_SECONDS ? "s" : "");
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'%s': must be at least %s%s, got '%s'", e->key, b,
                            d->why ? d->why : "", clip(q, sizeof q, e->raw, strlen(e->raw)));
    }
    if (v > hi + EPS) {
        if (is_len)
            fmt_len(b, sizeof b, screen ? hi : d->type == K_FONT ? hi : hi * 72.0 / 25.4,
                    d->type, screen);
        else
            plain(b, sizeof b, hi, d->type == K_SECONDS ? "s" : "");
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'%s': must be at most %s, got '%s'", e->key, b,
                            clip(q, sizeof q, e->raw, strlen(e->raw)));
    }
    return 0;
}

static int parse_page(struct lstate *st, const struct sp_ini_entry *e)
{
    struct sp_layout *L = st->L;
    const char *v = e->value;
    size_t n = strlen(v);
    bool land = false, port = false;
    char q[80];

    if (n > 10 && !g_ascii_strcasecmp(v + n - 10, "-landscape")) {
        land = true;
        n -= 10;
    } else if (n > 9 && !g_ascii_strcasecmp(v + n - 9, "-portrait")) {
        port = true;
        n -= 9;
    }
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        const struct page_name *p = &pages[i];
        if (strlen(p->name) != n || g_ascii_strncasecmp(p->name, v, n))
            continue;
        if (p->screen != L->screen)
            return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                                L->screen ? "'size': '%s' is a paper size; screen layouts "
                                            "use '1080p', '1080p-portrait' or '4k'"
                                          : "'size': '%s' is a screen size; print layouts "
                                            "use paper sizes such as 'A4'",
                                clip(q, sizeof q, e->raw, strlen(e->raw)));
        if (p->screen) {
            /* screens are landscape unless asked */
            L->width = port ? p->h : p->w;
            L->height = port ? p->w : p->h;
        } else {
            L->width = SP_MM(land ? p->h : p->w);
            L->height = SP_MM(land ? p->w : p->h);
        }
        return 0;
    }
    return bad_value(st, e, L->screen ? "a screen size such as '1080p' or '1080p-portrait'"
                                      : "a paper size such as 'A4' or 'A4-landscape'");
}

/* The struct member at byte offset off (from the table's offsetof). */
static void *field_at(struct sp_layout *L, size_t off)
{
    return (void *)((unsigned char *)L + off);
}

static int parse_value(struct lstate *st, const struct kdef *d, const struct sp_ini_entry *e)
{
    /* the only keys without a field: 'size' (sets two) and the 'margin' shorthand */
    void *field = d->off == NOFIELD ? (void *)&st->margin : field_at(st->L, d->off);
    const char *v = e->value;
    const char *rest;
    double num = 0;

    switch (d->type) {
    case K_TEXT:
        if (strchr(v, '\n') || g_utf8_strlen(v, -1) > 100)
            return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                                "'%s': must be one line of at most 100 characters", e->key);
        *(const char **)field = v;
        return 0;
    case K_KIND:
        return 0;  /* read before everything else */
    case K_PAGE:
        return parse_page(st, e);
    case K_LEN:
    case K_FONT:
        if (parse_length(st, e, d->type, &num) || check_range(st, d, e, num))
            return -1;
        *(double *)field = num;
        return 0;
    case K_LENNONE:
        if (!g_ascii_strcasecmp(v, "none")) {
            *(double *)field = 0;
            return 0;
        }
        if (parse_length(st, e, K_LEN, &num) || check_range(st, d, e, num))
            return -1;
        *(double *)field = num;
        return 0;
    case K_NUM:
        if (parse_number(v, &num, &rest) || *rest)
            return bad_value(st, e, "a number such as '1.15'");
        if (check_range(st, d, e, num))
            return -1;
        *(double *)field = num;
        return 0;
    case K_INT:
    case K_SECONDS:
        if (!isdigit((unsigned char)*v) || strlen(v) > 8 ||
            parse_number(v, &num, &rest) || strchr(v, '.') ||
            (d->type == K_INT ? *rest != '\0' : g_ascii_strcasecmp(rest, "s") != 0))
            return bad_value(st, e, d->type == K_INT ? "a whole number such as '2'"
                                                     : "a time in seconds such as '20s'");
        if (check_range(st, d, e, num))
            return -1;
        *(int *)field = (int)num;
        return 0;
    case K_BOOL:
        if (!g_ascii_strcasecmp(v, "yes") || !g_ascii_strcasecmp(v, "true") ||
            !g_ascii_strcasecmp(v, "on"))
            *(bool *)field = true;
        else if (!g_ascii_strcasecmp(v, "no") || !g_ascii_strcasecmp(v, "false") ||
                 !g_ascii_strcasecmp(v, "off"))
            *(bool *)field = false;
        else
            return bad_value(st, e, "'yes' or 'no'");
        return 0;
    case K_COLOUR: {
        unsigned long c;
        if (v[0] != '#' || strlen(v) != 7 || strspn(v + 1, "0123456789abcdefABCDEF") != 6)
            return bad_value(st, e, "a colour such as '#1A1A1A'");
        c = strtoul(v + 1, NULL, 16);
        *(uint32_t *)field = (uint32_t)c;
        return 0;
    }
    case K_ECL:
        if (strlen(v) != 1 || !strchr("LMQHlmqh", v[0]))
            return bad_value(st, e, "one of L, M, Q, H");
        *(char *)field = (char)toupper((unsigned char)v[0]);
        return 0;
    case K_TIME:
        if (!g_ascii_strcasecmp(v, "12h"))
            *(enum sp_time_style *)field = SP_TIME_12H;
        else if (!g_ascii_strcasecmp(v, "24h"))
            *(enum sp_time_style *)field = SP_TIME_24H;
        else
            return bad_value(st, e, "'12h' (7.30pm) or '24h' (19:30)");
        return 0;
    case K_PAGENUMS:
        if (!g_ascii_strcasecmp(v, "top"))
            *(bool *)field = false;
        else if (!g_ascii_strcasecmp(v, "bottom"))
            *(bool *)field = true;
        else
            return bad_value(st, e, "'top' (UK) or 'bottom' (North America)");
        return 0;
    }
    return 0;
}

/* Defaults that depend only on the kind and theme; sizes derived from body come later. */
static void set_defaults(struct sp_layout *L)
{
    bool scr = L->screen;
    double mm = scr ? 1.0 : 72.0 / 25.4;  /* points per mm, or 1 for px below */

    L->margin_top = L->margin_right = L->margin_bottom = L->margin_left = scr ? 48 : 12 * mm;
    L->columns = 1;
    L->column_gap = scr ? 32 : 8 * mm;
    L->line_spacing = 1.15;
    L->para_spacing = 0.75;
    L->size_tab = 12;
    if (L->dark) {
        L->color_text = 0xFFFFFF;
        L->color_background = 0x1A1A1A;
        L->color_heading = 0xFFD54F;
        L->color_accent = 0xFFD54F;
        L->color_accent_text = 0x1A1A1A;
    } else {
        L->color_text = 0x1A1A1A;
        L->color_background = 0xFFFFFF;
        L->color_heading = 0x003087;
        L->color_accent = 0x003087;
        L->color_accent_text = 0xFFFFFF;
    }
    L->color_panel = 0xFFFFFF;
    L->qr_ecl = L->kind == SP_LAYOUT_CARDS ? 'Q' : 'M';
    L->qr_max = 0;
    L->qr_whole_pixels = scr;
    L->time_style = SP_TIME_12H;
    L->show_passcodes = true;
    L->tabs = 0;
    L->tab_height = 55 * mm;
    /* STANDARDS.md "Print geometry": ID-1 cards 2 x 5 on A4, 10 mm gutter, rows butted */
    L->card_width = SP_MM(85.60);
    L->card_height = SP_MM(53.98);
    L->card_safe = SP_MM(4);
    L->bleed = 0;
    L->card_cols = 2;
    L->card_rows = 5;
    L->card_gap_x = SP_MM(10);
    L->card_gap_y = 0;
    L->scale = 1;
    L->dwell_seconds = 20;
    L->braille_cells = 40;
    L->braille_lines = 25;
    L->braille_table = "en-ueb-g2.ctb";
    L->braille_numbers_bottom = false;
}

/* The QR floor for this kind and page (issues 3-6), in points, and words for messages. */
static double qr_floor(const struct sp_layout *L, const char **where)
{
    double shortside = L->width < L->height ? L->width : L->height;

    switch (L->kind) {
    case SP_LAYOUT_POSTER:
        /* issue 3: >= 35 mm on A4 posters, >= 45 mm on A3 (short side 297 mm) */
        if (shortside >= SP_MM(290)) {
            *where = "on A3 posters";
            return SP_MM(45);
        }
        *where = "on A4 posters";
        return SP_MM(35);
    case SP_LAYOUT_LEAFLET:
    case SP_LAYOUT_BOOKLET:
    case SP_LAYOUT_TRIFOLD:
        /* issue 4: >= 30 mm on A4, >= 25 mm on A5 */
        if (shortside >= SP_MM(200)) {
            *where = "on A4 leaflets";
            return SP_MM(30);
        }
        *where = "on A5 leaflets";
        return SP_MM(25);
    case SP_LAYOUT_CARDS:
        /* issue 5: card QR codes >= 22 mm (STANDARDS.md QR sizes: 22.5 mm advised) */
        *where = "on cards";
        return SP_MM(22);
    case SP_LAYOUT_KIOSK:
        /* issue 6: >= 300 px at 1080p, scaled with the screen's short side */
        *where = "on screens of this size";
        return 300.0 * shortside / 1080.0;
    case SP_LAYOUT_BRAILLE:
        break;  /* no QR codes in braille */
    }
    *where = "";
    return 0;
}

static int contrast_pair(struct lstate *st, const char *fg_key, uint32_t fg, const char *bg_key,
                         uint32_t bg)
{
    const struct sp_ini_entry *e = set_by(st, "colours", fg_key);
    const char *key = fg_key;
    double r = sp_contrast_ratio(fg, bg);
    double shown = round(r * 100.0) / 100.0;
    char num[G_ASCII_DTOSTR_BUF_SIZE];

    /* row 15: WCAG AAA 7:1 for text; 6.996 is shown as 6.99, never as a passing 7.00 */
    if (r >= 7.0)
        return 0;
    if (shown >= 7.0)
        shown = 6.99;
    if (!e && bg_key) {
        e = set_by(st, "colours", bg_key);
        key = bg_key;
    }
    g_ascii_formatd(num, sizeof num, "%.2f", shown);
    return sp_error_set(st->err, SP_ERR_INPUT, st->file, line_of(e), col_of(e),
                        "'%s': contrast of '#%06X' on '#%06X' is %s:1, needs at least 7:1",
                        key, (unsigned)fg, (unsigned)bg, num);
}

static int missing(struct lstate *st, const char *section, const char *key, const char *extra)
{
    return sp_error_set(st->err, SP_ERR_INPUT, st->file, 0, 0,
                        "missing key '%s' in section '[%s]'%s", key, section, extra);
}

/* Cross-field rules, after every value is read. */
static int validate(struct lstate *st)
{
    struct sp_layout *L = st->L;
    bool scr = L->screen;
    const struct sp_ini_entry *e, *fl = set_by(st, "type", "floor-body");
    char b1[64], b2[64], q[80];
    const char *where;
    double need, colw;

    /* Step 1: required keys. */
    if (!set_by(st, "layout", "description"))
        return missing(st, "layout", "description", "");
    if (L->kind == SP_LAYOUT_BRAILLE)
        return 0;  /* cells and lines only, each checked against its range */
    if (!set_by(st, "page", "size")) {
        if (!set_by(st, "page", "width") && !set_by(st, "page", "height"))
            return missing(st, "page", "size", " (or 'width' and 'height')");
        if (!set_by(st, "page", "width"))
            return missing(st, "page", "width", " (needed with 'height')");
        if (!set_by(st, "page", "height"))
            return missing(st, "page", "height", " (needed with 'width')");
    } else if ((e = set_by(st, "page", "width")) || (e = set_by(st, "page", "height"))) {
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->key_col,
                            "'%s': cannot be used together with 'size' (line %d)", e->key,
                            set_by(st, "page", "size")->line);
    }
    if (!set_by(st, "type", "headline"))
        return missing(st, "type", "headline", "");
    if (!set_by(st, "type", "body"))
        return missing(st, "type", "body", "");
    if (!fl)
        return missing(st, "type", "floor-body", "");

    /* Step 2: the large-print floor for this kind. */
    switch (L->kind) {
    case SP_LAYOUT_CARDS:
        /* issue 5: card text >= 12 pt (row 1, clear print) */
        need = 12;
        where = "card text needs at least";
        break;
    case SP_LAYOUT_KIOSK:
        /* issue 6: body >= 48 px at 1080 px, scaled with the screen's short side */
        need = 48.0 * (L->width < L->height ? L->width : L->height) / 1080.0;
        where = "screen text at this size needs at least";
        break;
    default:
        /* row 2: large print body >= 16 pt */
        need = 16;
        where = "large print needs at least";
        break;
    }
    if (L->floor_body < need - EPS)
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, fl->line, fl->value_col,
                            "'floor-body': %s %s, got '%s'", where,
                            fmt_len(b1, sizeof b1, need, K_FONT, scr),
                            clip(q, sizeof q, fl->raw, strlen(fl->raw)));

    /* Step 3: sizes derived from body, then every size >= the floor. */
    {
        static const char *const names[] = {
            "body", "headline", "subtitle", "heading", "detail", "footer"
        };
        double *sizes[] = {
            &L->size_body, &L->size_headline, &L->size_subtitle, &L->size_heading,
            &L->size_detail, &L->size_footer
        };
        if (!set_by(st, "type", "subtitle"))
            L->size_subtitle = round(L->size_body * 1.5);
        if (!set_by(st, "type", "heading"))
            L->size_heading = round(L->size_body * 1.5);
        if (!set_by(st, "type", "detail"))
            L->size_detail = L->size_body;
        if (!set_by(st, "type", "footer"))
            L->size_footer = L->size_body;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (*sizes[i] >= L->floor_body - EPS)
                continue;
            e = set_by(st, "type", names[i]);
            if (!e)
                e = fl;
            return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                                "'%s': %s is below 'floor-body' (%s)", names[i],
                                fmt_len(b1, sizeof b1, *sizes[i], K_FONT, scr),
                                fmt_len(b2, sizeof b2, L->floor_body, K_FONT, scr));
        }
    }

    /* Step 4: contrast (row 15, 7:1), for every text colour on what it sits on. */
    if (contrast_pair(st, "text", L->color_text, "background", L->color_background) ||
        contrast_pair(st, "heading", L->color_heading, "background", L->color_background) ||
        contrast_pair(st, "accent-text", L->color_accent_text, "accent", L->color_accent) ||
        contrast_pair(st, "panel", L->color_panel, NULL, 0x000000))
        return -1;

    /* Step 5: QR policy. */
    e = set_by(st, "qr", "min-size");
    need = qr_floor(L, &where);
    if (!e)
        L->qr_min = need;
    else if (L->qr_min < need - EPS)
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'min-size': QR codes %s must be at least %s, got '%s'", where,
                            fmt_len(b1, sizeof b1, need, K_LEN, scr),
                            clip(q, sizeof q, e->raw, strlen(e->raw)));
    e = set_by(st, "qr", "max-size");
    if (e && L->qr_max > 0 && L->qr_max < L->qr_min - EPS)
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'max-size': must be at least 'min-size' (%s), got '%s'",
                            fmt_len(b1, sizeof b1, L->qr_min, K_LEN, scr),
                            clip(q, sizeof q, e->raw, strlen(e->raw)));
    e = set_by(st, "qr", "whole-pixels");
    if (e && L->qr_whole_pixels && !scr)
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'whole-pixels': only screen layouts (kind = kiosk) use it");

    /* Step 6: tear-off tabs: none, or 8 to 10 (issue 5). */
    e = set_by(st, "tabs", "count");
    if (e && L->tabs != 0 && (L->tabs < 8 || L->tabs > 10))
        return sp_error_set(st->err, SP_ERR_INPUT, st->file, e->line, e->value_col,
                            "'count': expected 0 (no tabs) or 8 to 10 tabs, got '%s'",
                            clip(q, sizeof q, e->raw, strlen(e->raw)));

    /* Step 7: geometry - something left inside the margins, columns wide enough. */
    {
        double cw = L->width - L->margin_left - L->margin_right;
        double ch = L->height - L->margin_top - L->margin_bottom;
        if (L->tabs)
            ch -= L->tab_height;
        if (cw < L->qr_min || ch < L->qr_min) {
            e = set_by(st, "page", cw < L->qr_min ? "margin-left" : "margin-top");
            if (!e)
                e = set_by(st, "page", "margin");
            return sp_error_set(st->err, SP_ERR_INPUT, st->file, line_of(e), col_of(e),
                                "'%s': the margins%s leave %s x %s, too small for the page",
                                e ? e->key : "margin",
                                L->tabs ? " and tabs" : "",
                                fmt_len(b1, sizeof b1, cw > 0 ? cw : 0, K_LEN, scr),
                                fmt_len(b2, sizeof b2, ch > 0 ? ch : 0, K_LEN, scr));
        }
        colw = (cw - (L->columns - 1) * L->column_gap) / L->columns;
        if (L->kind != SP_LAYOUT_CARDS && colw < L->qr_min - EPS) {
            e = set_by(st, "page", "columns");
            if (!e)
                e = set_by(st, "page", "column-gap");
            return sp_error_set(st->err, SP_ERR_INPUT, st->file, line_of(e), col_of(e),
                                "'columns': each column would be %s wide, narrower than "
                                "a QR code ('min-size' %s)",
                                fmt_len(b1, sizeof b1, colw > 0 ? colw : 0, K_LEN, scr),
                                fmt_len(b2, sizeof b2, L->qr_min, K_LEN, scr));
        }
        if (L->kind == SP_LAYOUT_CARDS) {
            double gw = L->card_cols * L->card_width + (L->card_cols - 1) * L->card_gap_x;
            double gh = L->card_rows * L->card_height + (L->card_rows - 1) * L->card_gap_y;
            if (gw > cw + 0.01 || gh > ch + 0.01) {
                bool across = gw > cw + 0.01;
                e = set_by(st, "cards", across ? "columns" : "rows");
                return sp_error_set(st->err, SP_ERR_INPUT, st->file, line_of(e), col_of(e),
                                    "'%s': the cards need %s %s but the sheet has %s "
                                    "inside its margins", across ? "columns" : "rows",
                                    fmt_len(b1, sizeof b1, across ? gw : gh, K_LEN, false),
                                    across ? "across" : "down",
                                    fmt_len(b2, sizeof b2, across ? cw : ch, K_LEN, false));
            }
            if (L->qr_min > L->card_height - 2 * L->card_safe + EPS) {
                e = set_by(st, "qr", "min-size");
                return sp_error_set(st->err, SP_ERR_INPUT, st->file, line_of(e), col_of(e),
                                    "'min-size': a %s QR code does not fit inside a card's "
                                    "safe area", fmt_len(b1, sizeof b1, L->qr_min, K_LEN,
                                                         false));
            }
        }
    }
    return 0;
}

/* Sections that belong to one kind only. */
static int section_allowed(const struct sp_layout *L, const char *section)
{
    /* braille has cells and lines: no paper, type sizes, colours or QR codes */
    if (L->kind == SP_LAYOUT_BRAILLE)
        return !strcmp(section, "layout") || !strcmp(section, "content") ||
               !strcmp(section, "braille");
    if (!strcmp(section, "braille"))
        return 0;
    if (!strcmp(section, "tabs"))
        return L->kind == SP_LAYOUT_POSTER;
    if (!strcmp(section, "cards"))
        return L->kind == SP_LAYOUT_CARDS;
    if (!strcmp(section, "screen"))
        return L->kind == SP_LAYOUT_KIOSK;
    return 1;
}

static const char *section_owner(const char *section)
{
    return !strcmp(section, "tabs") ? "poster" : !strcmp(section, "cards") ? "cards"
           : !strcmp(section, "braille") ? "braille" : "kiosk";
}

static int parse_layout(const char *file, const char *data, size_t len, struct sp_arena *a,
                        struct sp_layout *L, struct sp_error *err)
{
    struct sp_ini ini = { 0 };
    struct lstate st;
    const struct sp_ini_entry *ke, *de;
    char q[80];

    memset(L, 0, sizeof *L);
    memset(&st, 0, sizeof st);
    st.file = file;
    st.a = a;
    st.L = L;
    st.err = err;

    /* Step 1: syntax, sections, keys, duplicates. */
    if (sp_ini_parse(file, data, len, a, &ini, err))
        return -1;
    for (size_t i = 0; i < ini.nsections; i++) {
        const struct sp_ini_section *s = &ini.sections[i];
        size_t k;
        for (k = 0; k < sizeof sections / sizeof sections[0]; k++)
            if (!strcmp(sections[k], s->name))
                break;
        if (k == sizeof sections / sizeof sections[0])
            return sp_error_set(err, SP_ERR_INPUT, file, s->line, 1,
                                "unknown section '[%s]'", s->name);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(ini.sections[j].name, s->name))
                return sp_error_set(err, SP_ERR_INPUT, file, s->line, 1,
                                    "duplicate section '[%s]' (first on line %d)", s->name,
                                    ini.sections[j].line);
    }
    for (size_t i = 0; i < ini.nentries; i++) {
        const struct sp_ini_entry *e = &ini.entries[i];
        const char *sec = e->section < 0 ? NULL : ini.sections[e->section].name;
        int k;
        if (!sec)
            return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                "'%s': key before the first section (start with "
                                "'[layout]')", e->key);
        k = key_index(sec, e->key);
        if (k < 0) {
            const char *home = NULL;
            int homes = 0;
            for (size_t j = 0; j < NKEYS; j++)
                if (!strcmp(keys[j].key, e->key)) {
                    home = keys[j].section;
                    homes++;
                }
            if (homes == 1)
                return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                    "'%s': unknown key in section '[%s]' (it belongs in "
                                    "'[%s]')", e->key, sec, home);
            return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                "'%s': unknown key in section '[%s]'", e->key, sec);
        }
        if (st.at[k])
            return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                "'%s': duplicate key (first set on line %d)", e->key,
                                st.at[k]->line);
        st.at[k] = e;
    }

    /* Step 2: the kind (and theme) decide units and defaults. */
    ke = set_by(&st, "layout", "kind");
    if (!ke)
        return missing(&st, "layout", "kind", "");
    for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++)
        if (!g_ascii_strcasecmp(ke->value, kind_names[k])) {
            L->kind = (enum sp_layout_kind)k;
            break;
        }
    if (g_ascii_strcasecmp(ke->value, kind_names[L->kind]))
        return sp_error_set(err, SP_ERR_INPUT, file, ke->line, ke->value_col,
                            "'kind': expected one of poster, leaflet, booklet, trifold, "
                            "cards, kiosk, braille, got '%s'", clip(q, sizeof q, ke->raw,
                                                            strlen(ke->raw)));
    L->screen = L->kind == SP_LAYOUT_KIOSK;
    for (size_t i = 0; i < ini.nsections; i++)
        if (L->kind == SP_LAYOUT_BRAILLE && !section_allowed(L, ini.sections[i].name))
            return sp_error_set(err, SP_ERR_INPUT, file, ini.sections[i].line, 1,
                                "section '[%s]' is not for braille layouts (they have "
                                "'[braille]' cells and lines)", ini.sections[i].name);
        else if (!section_allowed(L, ini.sections[i].name))
            return sp_error_set(err, SP_ERR_INPUT, file, ini.sections[i].line, 1,
                                "section '[%s]' is only for layouts of kind '%s'",
                                ini.sections[i].name, section_owner(ini.sections[i].name));
    de = set_by(&st, "screen", "dark");
    if (de && parse_value(&st, &keys[key_index("screen", "dark")], de))
        return -1;
    set_defaults(L);

    /* Step 3: every value, in file order. */
    for (size_t i = 0; i < ini.nentries; i++) {
        const struct sp_ini_entry *e = &ini.entries[i];
        int k = key_index(ini.sections[e->section].name, e->key);
        if (parse_value(&st, &keys[k], e))
            return -1;
    }
    if (set_by(&st, "page", "margin")) {
        if (!set_by(&st, "page", "margin-top"))
            L->margin_top = st.margin;
        if (!set_by(&st, "page", "margin-right"))
            L->margin_right = st.margin;
        if (!set_by(&st, "page", "margin-bottom"))
            L->margin_bottom = st.margin;
        if (!set_by(&st, "page", "margin-left"))
            L->margin_left = st.margin;
    }

    /* Step 4: the rules that tie keys together. */
    return validate(&st);
}

int sp_layout_parse(const char *name, const char *data, size_t len, struct sp_arena *a,
                    struct sp_layout *out, struct sp_error *err)
{
    const char *nm = name ? name : "layout";

    if (parse_layout(nm, data, len, a, out, err))
        return -1;
    out->name = sp_arena_strdup(a, nm);
    out->path = out->name;
    return 0;
}

static int valid_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!is_key_char(*s))
            return 0;
    return 1;
}

/*
 * A layout name as typed ("Poster-A4", "poster_a4"): the installed layout it names once
 * case and accents are ignored (*exact), else the nearest one for "did you mean"; NULL.
 */
static const char *layout_like(const char *name, const char *datadir, struct sp_arena *a,
                               bool *exact)
{
    const char *dir = sp_arena_printf(a, "%s/layouts", datadir);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *found = NULL;
    DIR *d = opendir(dir);
    struct dirent *de;

    *exact = false;
    while (d && (de = readdir(d)) != NULL)
        if (valid_name(de->d_name))
            g_ptr_array_add(names, g_strdup(de->d_name));
    if (d)
        closedir(d);
    for (guint i = 0; i < names->len && !found; i++)
        if (sp_match_equal(names->pdata[i], name)) {
            found = sp_arena_strdup(a, names->pdata[i]);
            *exact = true;
        }
    if (!found) {
        g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
        found = sp_match_suggest(name, (const char *const *)names->pdata, names->len);
        found = found ? sp_arena_strdup(a, found) : NULL;
    }
    g_ptr_array_free(names, TRUE);
    return found;
}

int sp_layout_load(const char *name_or_path, const char *datadir, struct sp_arena *a,
                   struct sp_layout *out, struct sp_error *err)
{
    const char *path = name_or_path;
    const char *base;
    char *data = NULL;
    size_t len = 0;
    struct stat sb;

    if (!strchr(name_or_path, '/')) {
        const char *hint = "", *like = NULL;
        bool exact = false;
        if (valid_name(name_or_path) && datadir) {
            path = sp_arena_printf(a, "%s/layouts/%s", datadir, name_or_path);
            if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
                goto found;
        }
        if (datadir)
            like = layout_like(name_or_path, datadir, a, &exact);
        if (like && exact) {
            path = sp_arena_printf(a, "%s/layouts/%s", datadir, like);
            goto found;
        }
        if (stat(name_or_path, &sb) == 0 && S_ISREG(sb.st_mode))
            hint = sp_arena_printf(a, "; for the file here, write './%s'", name_or_path);
        else if (like)
            hint = sp_arena_printf(a, "; did you mean '%s'?", like);
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "unknown layout '%s' (see 'signpost layouts'%s)", name_or_path,
                            hint);
    }
found:
    if (sp_ini_read_file(path, a, &data, &len, err))
        return -1;
    if (parse_layout(path, data, len, a, out, err))
        return -1;
    base = strrchr(path, '/');
    out->name = sp_arena_strdup(a, base ? base + 1 : path);
    out->path = sp_arena_strdup(a, path);
    return 0;
}

static int cmp_info(const void *x, const void *y)
{
    const struct sp_layout_info *a = x, *b = y;
    return strcmp(a->name, b->name);
}

int sp_layout_list(const char *datadir, struct sp_arena *a, struct sp_layout_info **out,
                   size_t *n, struct sp_error *err)
{
    const char *dir = sp_arena_printf(a, "%s/layouts", datadir ? datadir : ".");
    DIR *d = opendir(dir);
    struct dirent *de;
    struct sp_layout_info *v = NULL;
    size_t nv = 0, cap = 0;

    *out = NULL;
    *n = 0;
    if (!d)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "cannot read the layouts folder '%s': %s", dir, strerror(errno));
    while ((de = readdir(d)) != NULL) {
        struct sp_layout L = { 0 };
        struct sp_error e = { 0 };
        struct stat sb;
        const char *path;

        if (!valid_name(de->d_name))
            continue;
        path = sp_arena_printf(a, "%s/%s", dir, de->d_name);
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        v = grow(a, v, nv, &cap, sizeof *v);
        v[nv].name = sp_arena_strdup(a, de->d_name);
        v[nv].path = path;
        if (sp_layout_load(path, NULL, a, &L, &e) == 0) {
            v[nv].description = L.description;
            v[nv].problem = NULL;
        } else {
            char buf[900];
            sp_error_format(&e, buf, sizeof buf);
            v[nv].description = NULL;
            v[nv].problem = sp_arena_strdup(a, buf);
        }
        nv++;
    }
    closedir(d);
    if (nv)
        qsort(v, nv, sizeof *v, cmp_info);
    *out = v;
    *n = nv;
    return 0;
}
