/*
 * board_html.h - the live web board: one self-contained HTML file (styles, script, data,
 * fonts and QR codes inside it; no request leaves the page) that shows today's and
 * tomorrow's meetings, works out "On now" and "Next" from the browser's clock in the
 * screen's zone, rolls to the next day at midnight, and looks for new data in
 * board-data.js beside it on a schedule (written with it) without losing focus or the
 * paused state.  Real text with headings and a list per day, links and SVG QR codes with
 * a text alternative for online meetings; reflows to 400 %, 7:1 colours in the light and
 * dark schemes, no key shortcuts, a pause for the updates, reduced motion honoured, and
 * a print style that gives a clean list.
 *
 * Owns: nothing.  Must not: include model.h, read or write files (the caller does).
 */
#ifndef SP_BOARD_HTML_H
#define SP_BOARD_HTML_H

#include <stddef.h>

#include "../compose/screen.h"

struct sp_board_font {
    const char *family;        /* "Atkinson Hyperlegible Next" */
    int weight;                /* 400, 700 */
    const unsigned char *ttf;  /* the font file's bytes, embedded as a data: URL */
    size_t len;
};

/* The page (malloc'd, NUL-terminated), with fonts[0..nfonts) embedded. */
char *sp_board_html(const struct sp_board *b, const struct sp_board_font *fonts, size_t nfonts);

/* board-data.js: the same data as a call of signpostBoardData({...}) (malloc'd). */
char *sp_board_data_js(const struct sp_board *b);

#endif
