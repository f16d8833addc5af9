/*
 * wrap.h - fast line breaking for long lists (leaflets of thousands of meetings): words
 * measured once per font and cached, lines filled greedily at spaces, each row with its
 * own width (text that runs on after a label, or wraps round a QR code).  Text in a
 * complex script (Arabic, Bengali, Gurmukhi) is shaped as a whole by text.c instead.
 *
 * Owns: the word cache (sp_wrap_new/sp_wrap_free).  Must not: create Pango objects (it
 * measures through text.c), draw, or read the model.  Units: points.
 */
#ifndef SP_WRAP_H
#define SP_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/mem.h"
#include "plan.h"
#include "text.h"

struct sp_wrap;

struct sp_wrap *sp_wrap_new(struct sp_text *t);
void sp_wrap_free(struct sp_wrap *w);

/* Line height of font f times line_spacing (cached; complex-script fonts measured). */
double sp_wrap_pitch(struct sp_wrap *w, const struct sp_font *f, double line_spacing);

/* Width of utf8 on one line (from cached word widths for simple text; leading and
   trailing spaces do not count). */
double sp_wrap_width(struct sp_wrap *w, const struct sp_font *f, const char *utf8);

/*
 * Break utf8 into lines, row k at most widths[k] wide (the last width for every row after
 * the given ones).  Lines break at spaces only (U+00A0 glues); a word wider than its row
 * is broken between characters.  Each line's width is its words' and spaces' (trailing
 * spaces trimmed): up to 1 % wider than the line shaped as a whole, never narrower.  Lines
 * go to *lines (arena).  *first_broken (may be NULL) says whether the first word did not
 * fit the first row whole.  Returns the number of lines (0 for "").
 */
int sp_wrap_break(struct sp_wrap *w, const struct sp_font *f, const char *utf8,
                  const double *widths, int nwidths, struct sp_arena *a,
                  struct sp_line **lines, bool *first_broken);

#endif
