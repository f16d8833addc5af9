/*
 * tr.h - the composers' side of translation (issue 12): fixed words in the output
 * language (base/i18n.h), in both languages of a bilingual output (first language first),
 * day and month names, and the pass that finishes a plan for its languages: bilingual
 * runs become text items of their own with their own language, and a right-to-left
 * output is mirrored.
 *
 * Owns: nothing (strings in the caller's arena).  Must not: draw, or decide layout
 * (the finishing pass only moves what the composer placed).
 */
#ifndef SP_TR_H
#define SP_TR_H

#include <stdbool.h>

#include "../base/i18n.h"
#include "../base/mem.h"
#include "plan.h"
#include "text.h"

/* Whether the output is written right to left (its first language). */
bool sp_tr_rtl(void);

/*
 * Finish a composed plan for its languages: the document language (plan->lang) is the
 * first output language's tag; each text item holding a bilingual mark is split into one
 * item per language run (the second language's with font.lang set, placed along the
 * line's own direction); in a right-to-left output every page is mirrored (x' = W - x - w,
 * link rectangles too), so columns, the time column and QR codes change sides and
 * left-aligned text becomes right-aligned, ragged left; bookmarks, labels, alt text and
 * the title lose the invisible marks.  Call once, after composing, before imposing.
 */
void sp_tr_plan_finish(struct sp_plan *plan, struct sp_text *t);

/*
 * The same for one page (ctx: the struct sp_text), and the document's language: set as a
 * streamed plan's finish_page (plan.h), so each page is finished before it is drawn.
 * sp_tr_plan_finish() then finishes the pages not yet streamed and unsets it.
 */
void sp_tr_page_hook(void *ctx, struct sp_plan *plan, size_t pageno);

#endif
