/*
 * tabs.h - tear-off tabs along the bottom edge of a poster page: 8 to 10 vertical tabs
 * with dashed cut lines, each with the directory's short link and phone number reading
 * bottom-to-top, and a small QR code to the directory when one fits.
 *
 * Owns: nothing beyond the items it adds.  Must not: read the model or draw.  Units: points.
 */
#ifndef SP_TABS_H
#define SP_TABS_H

#include <stdbool.h>

#include "../base/error.h"
#include "../layout/layout.h"
#include "compose.h"
#include "plan.h"
#include "text.h"

/* The tab count to use: in->tabs when >= 0, else the layout's ([tabs] count). */
int sp_tabs_count(const struct sp_compose_in *in);

/*
 * Height to reserve at the bottom of the page's content area (above the bottom margin)
 * for ntabs tabs: the layout's tab_height plus a 4 mm gap above the tear line.
 * 0 when ntabs <= 0.
 */
double sp_tabs_height(const struct sp_layout *lay, int ntabs);

/*
 * Draw ntabs tabs in the strip [H - margin_bottom - tab_height, H - margin_bottom] across
 * the content width, with a dashed tear line along its top and dashed cut lines between
 * the tabs running down to 6 mm from the sheet edge.  Each tab has its text lines
 * (lay->size_tab, at least 16 pt by the layout's floor, rotated 90 degrees) and, when a
 * 15 mm code fits the tab beside the text, a QR code (EC Q) to settings->directory_url.
 * With tag_first the first tab is content (a P, and a Link holding the code's Figure);
 * every other tab, and every tab without tag_first, is a layout artifact (the same words
 * ten times are read once).  Does nothing when ntabs <= 0.  Returns 0, or -1 with *err:
 * nothing to print on a tab (no short link, website, directory link or phone in the
 * settings), or the text does not fit the tab at its size (sizes never shrink).
 */
int sp_tabs_emit(struct sp_plan *plan, struct sp_page *page, const struct sp_compose_in *in,
                 struct sp_text *t, int ntabs, bool tag_first, struct sp_error *err);

#endif
