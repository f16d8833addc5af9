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
    SP_CLEAN_HTML      = (1 << 1),  /* decode HTML entities and drop simple tags (<br> = break) */
    SP_CLEAN_VALID     = (1 << 2),  /* the caller knows s is valid UTF-8 with no NUL (it was
                                       checked with the whole file): not checked again */
    SP_CLEAN_UNIQUE    = (1 << 3)   /* for readers (sp_reader_text): values usually differ from
                                       record to record (slugs, dates, links), so one copy
                                       is not shared between meetings; ignored here */
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
    const char *postcode;  /* "WC2H 0EW"; other countries as written: "CA 95122" (US state
                              and ZIP), "10115" (German PLZ), "1234 AB" (Dutch) */
    bool postcode_first;   /* written before the town ("10115 Berlin") */
    bool physical;         /* a street part or a postcode: somewhere to go in person */
};

/* "Online", "Zoom", "Virtual"...: an address cell that names no place. */
bool sp_address_is_online_word(const char *s);

/*
 * Split "125 Charing Cross Rd, London WC2H 0EW, UK" into street, town and postcode.
 * Trailing country parts (UK, United Kingdom, England, Wales, USA, Germany, DE ...) are
 * dropped.  Other countries' postcodes are kept as written: a US state and ZIP after the
 * town ("San Jose, CA 95122"), a Canadian one ("Toronto, ON M5V 2T6"), a European one
 * before the town ("Hauptstraße 5, 10115 Berlin", "1234 AB Amsterdam").
 */
void sp_address_split(struct sp_arena *a, const char *s, struct sp_address *out);

/* A postcode of another country, written alone (a CSV "Postal Code" cell): US ZIP
   ("95122", "95122-1234"), Canadian ("M5V 2T6"), European 4-5 digits ("10115", "1234
   AB").  Not UK (sp_postcode_parse). */
bool sp_postcode_foreign(const char *s);

/* Two ways of writing the same street: "2212 Quimby Road" and "2212 Quimby Rd." (case,
   punctuation and the usual abbreviations do not count). */
bool sp_same_street(const char *a, const char *b);

/*
 * A time zone named after a time in free text ("1:30pm Eastern", "7pm (Pacific)",
 * "19:00 CET") or as "<zone> time" ("Eastern Time"): its IANA name
 * ("America/New_York"), or NULL.  A bare number before a word ("12 Central Library")
 * is not a time.  s may be NULL.
 */
const char *sp_zone_from_text(const char *s);

/*
 * The weeks of the month a meeting runs, as written in a name, note, type label or BMLT
 * format: English ordinals before a weekday, "week" or "of the month" ("First
 * Thursday", "1st & 3rd Mondays", "last Friday of the month", "2nd and 4th week");
 * German ("1. Woche d. Monats", "1. und 3. Woche", "letzter Montag", BMLT keys "Wo1" to
 * "Wo5"); with whole set, the text may be the ordinals alone ("1st & 3rd", a type
 * label).  Returns SP_WEEK_* bits, 0 when none.  s may be NULL.
 */
unsigned sp_weeks_parse(const char *s, bool whole);

#endif
