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
 * Encode url at error-correction level ecl ('L','M','Q','H') into *out (modules a bit each,
 * as plan.h says, in arena; quiet = 4).  Returns 0, or -1 with SP_ERR_INPUT "URL too long
 * for a QR code"
 * (about = name of the meeting or thing, used in the message: "'%s': URL too long...").
 */
int sp_qr_encode(const char *url, char ecl, const char *about, struct sp_arena *a,
                 struct sp_qr *out, struct sp_error *err);

/*
 * QR codes encoded once per distinct URL in a run (issue 17): the same link on every
 * sheet of a poster set, in every part of a --split-by run, in each fitting attempt.  The
 * modules live in the cache (so as long as the plans that use them), at most
 * SP_QR_CACHE_MAX distinct codes (past that, codes are encoded into the caller's arena).
 * SIGNPOST_QR_CACHE_MAX=N (N <= SP_QR_CACHE_MAX) keeps fewer, for the tests.
 */
#define SP_QR_CACHE_MAX 8192

struct sp_qr_cache;

struct sp_qr_cache *sp_qr_cache_new(void);
void sp_qr_cache_free(struct sp_qr_cache *c);

/* sp_qr_encode through cache c (NULL: no cache).  Failures are not cached. */
int sp_qr_encode_cached(struct sp_qr_cache *c, const char *url, char ecl, const char *about,
                        struct sp_arena *a, struct sp_qr *out, struct sp_error *err);

/* Codes encoded by libqrencode and codes found in the cache, for the tests and timing. */
void sp_qr_cache_stats(const struct sp_qr_cache *c, size_t *encoded, size_t *reused);

#endif
