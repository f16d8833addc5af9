/*
 * braille.h - the meeting list in braille: the leaflet's content (the same selection,
 * grouping and merged repeats) translated with liblouis and laid out in cells and lines
 * as UKAAF and BANA describe: a title page, contents with braille page numbers, centred
 * day headings, each meeting a block (time and name, then place, then how to join), page
 * numbers top right (UK) or bottom right (North America).  No QR codes: online meetings
 * give the service, meeting ID, passcode, dial-in and the directory's short address.
 *
 * Owns: nothing beyond the pages it fills.  Must not: write files, draw, or use cairo or
 * pango.  Units: cells and lines.
 */
#ifndef SP_BRAILLE_H
#define SP_BRAILLE_H

#include "../base/error.h"
#include "brl.h"
#include "compose.h"
#include "louis.h"

/*
 * Compose in (a layout of kind braille: in->layout->braille_cells, _lines,
 * _numbers_bottom) into doc (initialised; its size is set here), translating with tr.
 * Per-meeting problems (characters without braille) go to in->diag as warnings.
 * Returns 0, or -1 with *err (no meetings selected, a bad --group-by, liblouis failing).
 */
int sp_compose_braille(const struct sp_compose_in *in, struct sp_louis *tr,
                       struct sp_brl_doc *doc, struct sp_error *err);

/*
 * Lay out cells as lines of at most `cells` cells: the first line starts `first` cells
 * in, the others `rest` cells in (centred when centre).  Lines break at breakable blanks
 * (never inside a word, a time, a phone number, a postcode or a meeting ID); when one
 * unbreakable run is longer than a line, it breaks at a glued blank if it has one, else
 * at the line's end (no hyphen is ever added).  Returns the number of lines; line i is
 * cells [start[i], start[i] + len[i]) of t, placed at indent[i].  Arrays are malloc'd.
 */
size_t sp_braille_break(const struct sp_brl_text *t, int cells, int first, int rest,
                        bool centre, size_t **start, int **len, int **indent);

#endif
