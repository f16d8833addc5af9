/*
 * impose.h - imposition: a reading-order plan (one logical page per plan page) laid out
 * on printer sheets.  A5 booklets go two-up on A4 landscape in saddle-stitch order; DL
 * tri-folds go three panels to a side of one A4 landscape sheet.
 *
 * Owns: nothing (the sheets' items point into the reading plan's arena, so release the
 * imposed plan before the reading plan).  Must not: measure text, read the model.
 * Both layouts print duplex with flip on short edge (STANDARDS.md "Duplex back side").
 */
#ifndef SP_IMPOSE_H
#define SP_IMPOSE_H

#include <stddef.h>

#include "../base/error.h"
#include "../layout/layout.h"
#include "plan.h"

/* Logical pages of a saddle-stitched booklet of n pages: n rounded up to a multiple of 4
   (the padding pages are blank and come last). */
size_t sp_impose_booklet_pages(size_t n);

/*
 * Which logical pages (0-based) go on sheet side `side` (0 = sheet 1 front, 1 = sheet 1
 * back, 2 = sheet 2 front, ...) of a booklet of p pages (p a multiple of 4): *left and
 * *right.  Sheet k's front has p-1-2k | 2k, its back 2k+1 | p-2-2k, so with flip on short
 * edge page 2 lies behind page 1, and folding the stack makes pages 1..p in order.
 */
void sp_impose_booklet_side(size_t p, size_t side, size_t *left, size_t *right);

/*
 * Impose reading (pages of width w x height h) as a booklet: out is re-initialised with
 * sheet sides of 2w x h (A5 pages: A4 landscape, 297 mm, each page against the fold in
 * the middle), padded with blank pages to a multiple of 4.  Structure tags are
 * kept per logical page inside one Document element (the tag order is the sheet order:
 * the reading-order PDF is the one for screen readers); links move with their page;
 * sheet sides are labelled "Sheet 1 front", "Sheet 1 back"...  Returns 0, or -1 with
 * SP_ERR_INPUT when reading has no pages.
 */
int sp_impose_booklet(const struct sp_plan *reading, struct sp_plan *out,
                      struct sp_error *err);

/* Tri-fold panel order in the reading plan and panel widths (STANDARDS.md row 39). */
enum sp_trifold_panel {
    SP_PANEL_FRONT = 0, SP_PANEL_TUCK_IN, SP_PANEL_INSIDE_1, SP_PANEL_INSIDE_2,
    SP_PANEL_INSIDE_3, SP_PANEL_BACK, SP_PANEL_COUNT
};
#define SP_TRIFOLD_WIDE   SP_MM(100.0)  /* front, back, inside 1 and 2 */
#define SP_TRIFOLD_NARROW SP_MM(97.0)  /* the tuck-in panel and inside 3 */

/* x position (points) of a panel on its side of the sheet: outside is tuck-in (0) |
   back (97 mm) | front (197 mm); inside is inside 1 (0) | 2 (100 mm) | 3 (200 mm). */
double sp_impose_trifold_x(enum sp_trifold_panel panel);

/* 1 for the outside side (sheet page 1), 2 for the inside (sheet page 2). */
int sp_impose_trifold_side(enum sp_trifold_panel panel);

/*
 * Impose the 6 panel pages of reading (in sp_trifold_panel order, each 100 mm wide) on
 * two sides of sheet_w x sheet_h.  Each side's panels are drawn in reading order (front,
 * tuck-in, back; inside 1, 2, 3).  Returns 0, or -1 with SP_ERR_INPUT when reading does
 * not have exactly 6 pages.
 */
int sp_impose_trifold(const struct sp_plan *reading, double sheet_w, double sheet_h,
                      struct sp_plan *out, struct sp_error *err);

#endif
