/*
 * layout.h - layout files (layouts/<name>): paper or screen size, margins, columns,
 * type scale with floors, colours, QR policy, time style.  Parsed into struct sp_layout.
 *
 * Owns: strings in the caller's arena.  Must not: include cairo/pango/qrencode or the
 * model.  Units: every length is stored in points (1 pt = 1/72 in; for screen layouts,
 * given in px, 1 pt = 1 px).  Errors name file:line:col.  The file format (every key,
 * unit, range and default) is documented in layouts/README.md.
 */
#ifndef SP_LAYOUT_H
#define SP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/error.h"
#include "../base/mem.h"

#define SP_MM(x) ((x) * 72.0 / 25.4)

enum sp_layout_kind {
    SP_LAYOUT_POSTER = 0,
    SP_LAYOUT_LEAFLET,
    SP_LAYOUT_BOOKLET,
    SP_LAYOUT_TRIFOLD,
    SP_LAYOUT_CARDS,
    SP_LAYOUT_KIOSK,
    SP_LAYOUT_BRAILLE    /* cells and lines, not paper: BRF, PEF, Unicode braille (issue 14) */
};

enum sp_time_style {
    SP_TIME_12H = 0,  /* "7pm", "7.30pm" (UK) */
    SP_TIME_24H       /* "19:00" */
};

struct sp_layout {
    const char *name;        /* file name without directory */
    const char *path;        /* where it was read from */
    const char *description; /* one line, for `signpost layouts` */
    enum sp_layout_kind kind;
    bool screen;             /* units are px (kiosk) */

    /* page */
    double width, height;    /* points (px for screens) */
    double margin_top, margin_right, margin_bottom, margin_left;
    int columns;             /* >= 1 */
    double column_gap;

    /* type scale (points; px for screens) */
    double size_headline, size_subtitle, size_heading, size_body, size_detail, size_footer;
    double floor_body;       /* no meeting text below this; checked against every size */
    double size_tab;         /* tear-off tab text (posters with tabs), >= 12 pt */
    double line_spacing;     /* multiple of the font's line height, >= 1.0 */
    double para_spacing;     /* space between meetings, multiple of body size */

    /* colours 0xRRGGBB; text/background contrast >= 7:1 is enforced at load */
    uint32_t color_text, color_background, color_heading, color_accent, color_accent_text;
    uint32_t color_panel;    /* light panel behind QR codes (dark themes) */

    /* QR policy */
    char qr_ecl;             /* 'L','M','Q','H' */
    double qr_min;           /* minimum symbol width incl. quiet zone, points (px) */
    double qr_max;           /* 0 = no maximum */
    bool qr_whole_pixels;    /* screens: module size a whole number of px */

    enum sp_time_style time_style;
    bool show_passcodes;     /* default; --leave-off-passcodes overrides */
    int tabs;                /* tear-off tabs along the bottom (posters), 0 = none */
    double tab_height;       /* height of the tab strip */

    /* cards (kind = cards) */
    double card_width, card_height, card_safe, bleed;
    int card_cols, card_rows;
    double card_gap_x, card_gap_y;

    /* screens (kind = kiosk) */
    double scale;            /* 2 for the 4K variant of a 1080p layout.  Every length in
                                this struct (width and height too) is at scale 1: the
                                output multiplies by scale, so 1920x1080 at 2 = 3840x2160 */
    bool dark;               /* dark theme */
    int dwell_seconds;       /* slide duration, >= 15 */

    /* braille (kind = braille): no page, type, colours or QR; width and height are 0 */
    int braille_cells;       /* cells per line, 20..100 (default 40) */
    int braille_lines;       /* lines per page, 10..100 (default 25) */
    const char *braille_table;   /* liblouis table, default "en-ueb-g2.ctb" */
    bool braille_numbers_bottom; /* page numbers on the last line (BANA), not the first (UK) */
};

/*
 * Load a layout.  name_or_path: a path if it contains '/', otherwise the name of a file
 * in <datadir>/layouts/ ("poster-a4"; a file in the current folder is "./mine").
 * out->name is the file's base name, out->path the path read (also the file named in
 * errors).  Returns 0, or -1 with *err (SP_ERR_INPUT with file:line:col for content
 * errors, SP_ERR_IO when unreadable, SP_ERR_USAGE "unknown layout 'xyz' (see 'signpost
 * layouts')").
 */
int sp_layout_load(const char *name_or_path, const char *datadir, struct sp_arena *a,
                   struct sp_layout *out, struct sp_error *err);

/* The same from memory; name is used in messages and as out->name and out->path. */
int sp_layout_parse(const char *name, const char *data, size_t len, struct sp_arena *a,
                    struct sp_layout *out, struct sp_error *err);

/* WCAG 2.2 contrast ratio of two 0xRRGGBB colours (STANDARDS.md row 17), 1.0..21.0. */
double sp_contrast_ratio(uint32_t a, uint32_t b);

/* One installed layout, for `signpost layouts`. */
struct sp_layout_info {
    const char *name;        /* file name in <datadir>/layouts/ */
    const char *path;        /* <datadir>/layouts/<name> */
    const char *description; /* its one-line description, or NULL when it does not load */
    const char *problem;     /* NULL, or why it does not load ("file:line:col: message") */
};

/*
 * List <datadir>/layouts/: every regular file whose name is made of letters, digits,
 * '-' and '_' (so README.md is skipped), sorted by name (bytewise).  Each is parsed;
 * one that does not load is still listed, with ->problem set.  *out lives in `a`.
 * Returns 0, or -1 with *err (SP_ERR_RESOURCE when the folder cannot be read).
 */
int sp_layout_list(const char *datadir, struct sp_arena *a, struct sp_layout_info **out,
                   size_t *n, struct sp_error *err);

/*
 * ---- the key-file reader shared by layouts and the settings file (settings.c) ----
 * The syntax (README.md "File syntax"): '# comment' lines, '[section]' lines and
 * 'key = value' lines; keys and section names are ASCII letters, digits, '-' and '_',
 * matched without case and stored lower case with '_' turned into '-'.  Inside a value
 * (not as its first character) a '#' after a blank starts a comment; '\#' is '#', '\\'
 * is '\' and '\n' a line break.
 * The text must be UTF-8 (a leading byte-order mark is skipped); CR LF is accepted.
 */
struct sp_ini_entry {
    int section;             /* index into sections[], -1 = before any section */
    const char *key;         /* lower case, '-' for '_' */
    const char *value;       /* trimmed, escapes resolved, never empty */
    const char *raw;         /* the value as written (for messages) */
    int line, key_col, value_col;  /* 1-based; columns count bytes */
};

struct sp_ini_section {
    const char *name;        /* lower case, without brackets */
    int line;
};

struct sp_ini {
    struct sp_ini_section *sections;
    size_t nsections;
    struct sp_ini_entry *entries;  /* in file order */
    size_t nentries;
};

/*
 * Split data into sections and entries (no knowledge of keys).  file names the input
 * in messages.  Everything lives in `a`.  Returns 0, or -1 with *err (SP_ERR_INPUT with
 * file:line:col: bad UTF-8, a line that is not a comment, section or 'key = value',
 * an empty value, an unknown escape).
 */
int sp_ini_parse(const char *file, const char *data, size_t len, struct sp_arena *a,
                 struct sp_ini *ini, struct sp_error *err);

/* Read a whole file (at most 1 MiB) into `a`, NUL-terminated.  SP_ERR_IO on failure. */
int sp_ini_read_file(const char *path, struct sp_arena *a, char **data, size_t *len,
                     struct sp_error *err);

#endif
