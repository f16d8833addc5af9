/*
 * render.h - draw one page of a plan onto any cairo_t; on PDF surfaces, also mark what
 * cairo 1.16 cannot (reserved tags, pdf_a11y.h) and record it for the PDF filter.
 * Owns: nothing beyond the call but sp_render_state.  Must not: read files, parse input,
 * measure or re-break text, include model.h.  Units: points, origin top-left.
 */
#ifndef SP_RENDER_H
#define SP_RENDER_H

#include <cairo.h>
#include <stdbool.h>

#include "../compose/plan.h"
#include "../compose/text.h"
#include "pdf_a11y.h"

struct sp_render_open;

/*
 * Drawing state carried from page to page (structure elements may span pages), and the
 * plan check: counts of what would make the PDF fail PDF/UA, as far as the plan shows it.
 */
struct sp_render_state {
    struct sp_pdf_marks *marks;  /* recorded for the PDF filter, or NULL */
    const char *doc_lang;        /* the plan's language ("en-GB") */
    struct sp_render_open *open; /* elements open at the end of the last page drawn */
    size_t depth, cap;
    size_t page;                 /* the page being drawn */
    /* the plan check */
    size_t untagged;             /* text or QR drawn outside every structure element */
    size_t furniture_in_content; /* items marked as furniture inside a structure leaf */
    size_t figures_without_alt;
    size_t split_elements;       /* content of one element left unreferenced by cairo
                                    (a leaf on one page that has children on a later one) */
    size_t heading_skips;        /* first heading not H1, or a level skipped going down */
    int heading_level;           /* last heading level seen, 0 = none yet */
    bool has_h1;
};

/* Start drawing plan (marks may be NULL: nothing recorded). */
void sp_render_state_init(struct sp_render_state *rs, const struct sp_plan *plan,
                          struct sp_pdf_marks *marks);
void sp_render_state_release(struct sp_render_state *rs);

/*
 * Draw page pageno (0-based) of plan onto cr; call for pages 0, 1, 2... in order.  On a
 * PDF surface: drawing outside any structure leaf (rules, backgrounds, crop marks) and
 * items marked as furniture go inside a reserved artifact tag; text in another language
 * or a complex script inside a reserved span (its /Lang and /ActualText); link targets
 * are made 7-bit and quote-safe (pdf_syntax.h); a Figure followed by an empty Link for
 * the same code is drawn inside that Link (one announcement); and what the PDF filter
 * needs is recorded in rs->marks, in drawing order.
 */
void sp_render_page_with(struct sp_render_state *rs, const struct sp_plan *plan,
                         size_t pageno, struct sp_text *t, cairo_t *cr);

/*
 * A break between two cairo documents (a PDF written in chunks, pdf_a11y.h) before the
 * next page: true when every element open is one that may be ended and begun again (the
 * Document at the bottom, grouping elements above it, none with drawing of its own).
 * suspend ends them in cairo (the state keeps them open); resume begins them again, with
 * no attributes, on the next document's cairo_t.
 */
bool sp_render_state_can_suspend(const struct sp_render_state *rs);
void sp_render_state_suspend(const struct sp_render_state *rs, cairo_t *cr);
void sp_render_state_resume(const struct sp_render_state *rs, cairo_t *cr);

/* End every element still open (a plan that leaves one open at its end). */
void sp_render_state_close(struct sp_render_state *rs, cairo_t *cr);

/*
 * After the last page: may the file claim PDF/UA-1?  True when nothing above was counted,
 * every structure element was closed, and there is an H1.  (tests/tools/pdfua_check
 * confirms the claim on the bytes.)
 */
bool sp_render_state_conforms(const struct sp_render_state *rs);

/* Draw page pageno of plan onto cr on its own (a fresh state: no element open before). */
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
