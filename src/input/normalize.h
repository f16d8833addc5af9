/*
 * normalize.h - clean the text of directory fields and parse days, times, UK
 * postcodes and one-line addresses.
 *
 * Owns: nothing beyond the call (results go into the caller's arena).  Must not: know
 * any input format, print, or include cairo/pango/json-c.
 */
#ifndef SP_NORMALIZE_H
#define SP_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/mem.h"

enum sp_clean_flags {
    SP_CLEAN_MULTILINE = (1 << 0),  /* keep line breaks (notes); otherwise they become spaces */
    SP_CLEAN_HTML      = (1 << 1)   /* decode HTML entities and drop simple tags (<br> = break) */
};

/*
 * Clean len bytes of s into the arena: invalid UTF-8 repaired (U+FFFD) and *repaired
 * set to true (it is never set to false); NBSP and other Unicode spaces folded to
 * spaces; bidi, zero-width and control characters dropped; runs of spaces collapsed;
 * trimmed.  Returns NULL when nothing is left (never "").  repaired may be NULL.
 */
char *sp_text_clean(struct sp_arena *a, const char *s, size_t len, unsigned flags,
                    bool *repaired);

/* Decode HTML entities (&amp; &#39; &#x2019; &rsquo; ...) in place; unknown ones are kept. */
void sp_html_decode(char *s);

/* One day: "0".."6" or an English name or abbreviation ("Mon", "tuesday", "Thurs.").
 * Returns 0 (Sunday) .. 6 (Saturday), or -1. */
int sp_day_parse(const char *s);

/* A list of days separated by ',', ';', '/', '&' or " and ": returns the SP_DAY_BIT mask,
 * or 0 when any item is not a day (then the first bad item is copied, truncated, into
 * bad[badsize] when bad is not NULL). */
unsigned sp_days_parse(const char *s, char *bad, size_t badsize);

/* "19:00", "7pm", "6:00 PM", "19.30", "7.30pm", "19:00:00", "1900", "noon", "midnight":
 * minutes after midnight 0..1439, or -1.  "24:00" is 0. */
int sp_time_parse(const char *s);

/* Is s (len bytes) a UK postcode, with or without its space, any case?  When it is and
 * out is not NULL, write the normal form ("CF10 1AA", NUL-terminated, <= 9 bytes). */
bool sp_postcode_parse(const char *s, size_t len, char out[9]);

/* One-line address split into parts.  Fields point into the arena or are NULL. */
struct sp_address {
    const char *street;    /* "125 Charing Cross Rd" (may hold several parts) */
    const char *town;      /* "London" */
    const char *postcode;  /* "WC2H 0EW" */
    bool physical;         /* a street part or a postcode: somewhere to go in person */
};

/*
 * Split "125 Charing Cross Rd, London WC2H 0EW, UK" into street, town and postcode.
 * Trailing country parts (UK, United Kingdom, England, Wales, Cymru, Scotland,
 * Northern Ireland, GB, USA ...) are dropped.  Three comma parts are enough.
 */
/* "Online", "Zoom", "Virtual"...: an address cell that names no place. */
bool sp_address_is_online_word(const char *s);

void sp_address_split(struct sp_arena *a, const char *s, struct sp_address *out);

#endif
