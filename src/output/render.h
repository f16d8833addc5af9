/*
 * render.h - draw one page of a plan onto any cairo_t.
 *
 * Owns: nothing beyond the call.  Must not: read files, parse input, measure or
 * re-break text, include model.h.  Units: points, origin top-left; the caller scales.
 */
#ifndef SP_RENDER_H
#define SP_RENDER_H

#include <cairo.h>

#include "../compose/plan.h"
#include "../compose/text.h"

/* Draw page pageno (0-based) of plan onto cr, emitting structure tags (PDF only). */
void sp_render_page(const struct sp_plan *plan, size_t pageno, struct sp_text *t, cairo_t *cr);

/*
 * The two ways of drawing a QR item (timings in render.c).  sp_render_page uses MASK on
 * PDF surfaces and RUNS on image and SVG surfaces.
 */
enum sp_qr_method {
    SP_QR_RUNS,  /* light box, then all dark modules as one path of merged row runs */
    SP_QR_MASK   /* light box, then a 1-bit image mask scaled with NEAREST filtering */
};

/* Draw one SP_ITEM_QR item with the given method (exposed for the tests and bench). */
void sp_render_qr(cairo_t *cr, const struct sp_item *it, enum sp_qr_method m);

#endif
