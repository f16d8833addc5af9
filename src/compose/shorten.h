/*
 * shorten.h - cut text short to a number of lines at a word boundary, ending "…" and a
 * tail ("… more at example.org/meetings").  Used by the leaflets (notes, entries too long
 * for a page) and the wallet cards (joining details too long for a card).
 *
 * Owns: nothing beyond the call.  Must not: draw, read the model or report.  Units: points.
 */
#ifndef SP_SHORTEN_H
#define SP_SHORTEN_H

#include "../base/mem.h"
#include "plan.h"
#include "text.h"

#define SP_ELLIPSIS "\xE2\x80\xA6"  /* U+2026 */

/* Lines text takes at width, its first line first_w wide (text that runs on after
   something else on its first line); first_w >= width means no run-in. */
int sp_shorten_lines(struct sp_text *t, const struct sp_font *f, const char *text,
                     double first_w, double width);

/*
 * The longest start of text, cut after a word (or, when text has no space, after a
 * character), followed by "…" and tail, that takes at most max_lines lines (as
 * sp_shorten_lines counts them).  Returns a string in `a`, or NULL when text itself
 * already fits.  When not even "…" and the tail fit, returns "…" and the tail.
 */
const char *sp_shorten(struct sp_text *t, const struct sp_font *f, const char *text,
                       double first_w, double width, int max_lines, const char *tail,
                       struct sp_arena *a);

/* s itself, or its first max_chars characters and "…" (names in messages). */
const char *sp_shorten_name(const char *s, long max_chars, struct sp_arena *a);

#endif
