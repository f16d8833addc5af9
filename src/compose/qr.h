/*
 * qr.h - libqrencode wrapper: URL -> struct sp_qr (modules decided, quiet zone noted).
 *
 * Owns: nothing after the call (modules are copied into the arena).  Must not: draw.
 * The only includer of <qrencode.h>.  Always 8-bit mode, case-sensitive.
 */
#ifndef SP_QR_H
#define SP_QR_H

#include "../base/error.h"
#include "../base/mem.h"
#include "plan.h"

/*
 * Encode url at error-correction level ecl ('L','M','Q','H') into *out (modules in
 * arena; quiet = 4).  Returns 0, or -1 with SP_ERR_INPUT "URL too long for a QR code"
 * (about = name of the meeting or thing, used in the message: "'%s': URL too long...").
 */
int sp_qr_encode(const char *url, char ecl, const char *about, struct sp_arena *a,
                 struct sp_qr *out, struct sp_error *err);

#endif
