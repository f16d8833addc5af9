/*
 * kiosk.h - screen slides as a departure board: a table of rows (time, meeting, where,
 * status) under the day, QR codes for the soonest online meetings and the full list in a
 * side panel, at most SP_KIOSK_MAX_SLIDES slides a cycle.
 *
 * Owns: nothing beyond the plan and the slide text it fills.  Must not: select meetings
 * for the moment (when.c does, once, and the caller passes the result), write files.
 */
#ifndef SP_KIOSK_H
#define SP_KIOSK_H

#include "compose.h"
#include "screen.h"
#include "when.h"

#define SP_KIOSK_MAX_SLIDES 4   /* a cycle longer than this is cut, with "N more at ..." */

/*
 * Compose the slides for the moment `when` (from sp_when_select over in->meetings, which
 * must be the same selection) into plan (one page per slide, page->name "slide-01") and,
 * when text is not NULL, the same content as text into *text (strings in plan->arena).
 * Records that print the same are one row (sp_compose_rows); in the week view a meeting
 * at the same time on several days is one row under its first day, naming the days.
 * Returns 0, or -1 with *err (a row taller than the screen, a URL too long for a QR code).
 */
int sp_kiosk_compose(const struct sp_compose_in *in, const struct sp_when_list *when,
                     struct sp_text *t, struct sp_plan *plan, struct sp_slides *text,
                     struct sp_error *err);

#endif
