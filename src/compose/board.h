/*
 * board.h - the web board's data: every selected meeting once (merged repeats, as in
 * print) with its days, weeks of the month, times and zone as listed, its words, link and
 * QR code; the organisation's words.  The browser works out today's board from it.
 *
 * Owns: nothing beyond *out (strings, arrays and QR symbols in the caller's arena).
 * Must not: decide what is on now (the page does, from its clock), write files.
 */
#ifndef SP_BOARD_H
#define SP_BOARD_H

#include "compose.h"
#include "screen.h"

/*
 * Fill *out from in->meetings and in->settings.  A link too long for a QR code keeps its
 * meeting (with the link, without a code) and is reported to in->diag.  Returns 0, or -1
 * with *err (the settings' directory link too long for a QR code).
 */
int sp_board_compose(const struct sp_compose_in *in, struct sp_arena *a, struct sp_board *out,
                     struct sp_error *err);

#endif
