/*
 * louis.h - liblouis wrapper: UTF-8 text -> braille cells, with the blanks a line may
 * break at marked.  A passage in another language or script goes through that language's
 * table (Welsh cy-cy-g1/g2, Polish, Urdu ur-pk-g1/g2, Bengali, Punjabi) at the grade of the main
 * table; everything else through the main table (en-ueb-g2.ctb by default).
 *
 * Owns: the liblouis tables while it lives (sp_louis_free calls lou_free).  Must not:
 * lay out lines or pages.  The only includer of <liblouis/liblouis.h>; liblouis' own log
 * messages are switched off (errors come back as struct sp_error).
 */
#ifndef SP_LOUIS_H
#define SP_LOUIS_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/error.h"

/* Translated cells, appended to by sp_louis_translate. */
struct sp_brl_text {
    unsigned char *dots;     /* six-dot patterns (brl.h), n of them */
    unsigned char *brk;      /* per cell: 1 = a blank a line may break at */
    size_t n, cap;
};

void sp_brl_text_clear(struct sp_brl_text *t);
void sp_brl_text_release(struct sp_brl_text *t);

/* Characters a table has no braille for: written without their accent when the bare
   letter has braille ('ę' as 'e'), else left out. */
struct sp_louis_missing {
    size_t plain;            /* written without their accent */
    char plain_first[8];     /* the first of them, UTF-8 */
    char plain_as[8];        /* ... and what it became */
    size_t dropped;          /* left out */
    char dropped_first[8];   /* the first of them, UTF-8 */
    const char *table;       /* the table that lacked the first */
};

struct sp_louis;

/*
 * Open liblouis with table as the main table: a name in liblouis' tables folder
 * ("en-ueb-g2.ctb") or a path.  Returns NULL with SP_ERR_USAGE when liblouis cannot
 * compile it ("braille table 'x' not found or not valid ..."), naming `source` (the
 * option or layout file that gave it) when not NULL.
 */
struct sp_louis *sp_louis_new(const char *table, const char *source, struct sp_error *err);
void sp_louis_free(struct sp_louis *t);

/* The main table as given. */
const char *sp_louis_table(const struct sp_louis *t);

/* The table used for a passage in lang ("cy", "pl", "ur", "bn", "pa"; NULL = main):
   that language's table at the main table's grade when liblouis has it, else main. */
const char *sp_louis_table_for(struct sp_louis *t, const char *lang);

/* Whether the main table is uncontracted (grade 1: its name has "g1" or "g0"). */
bool sp_louis_uncontracted(const struct sp_louis *t);

/*
 * Translate utf8 (a passage: a name, a sentence, a line of a place) in lang (NULL = the
 * document's language) and append its cells to out.  Runs in Arabic, Bengali or
 * Gurmukhi script use their own tables whatever lang says.  U+00A0 and U+202F become
 * blanks a line must not break at; U+2060 (word joiner) is dropped; other blanks (space,
 * tab, new line) become breakable blanks, never two in a row nor one at the start of the
 * passage.  The same text in the same language is translated once (remembered for the
 * life of t).  Characters with no braille
 * in their table are written without their accent or left out, and counted in *miss (may
 * be NULL).  Returns 0, or -1 with
 * SP_ERR_RESOURCE when liblouis fails.
 */
int sp_louis_translate(struct sp_louis *t, const char *utf8, const char *lang,
                       struct sp_brl_text *out, struct sp_louis_missing *miss,
                       struct sp_error *err);

/*
 * The six-dot patterns of the 64 cells in North American braille ASCII as the display
 * table en-us-brf.dis gives them: out[pattern] = the ASCII character (upper case).
 * Returns 0, or -1 when the display table is missing.  For tests of output/brf.c, which
 * carries the same table as constants.
 */
int sp_louis_brf_map(char out[64]);

#endif
