/*
 * lang.h - which language a short passage (a meeting's name, a sentence of its notes) is
 * in, for outputs that treat languages differently (braille tables).  By script, as the
 * text engine does (Arabic script "ur", Bengali "bn", Gurmukhi "pa"), and for Welsh,
 * which shares the Latin script with English, by its words.
 *
 * Owns: nothing (returns static strings).  Must not: allocate, measure or draw.
 */
#ifndef SP_LANG_H
#define SP_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "../input/model.h"

/* The language of the script of code point c ("ur", "bn", "pa"), or NULL for Latin,
   Common (digits, punctuation, spaces) and every other script. */
const char *sp_lang_of_char(unsigned c);

/*
 * Welsh or not, by words: a word counts as Welsh when it is on a list of common Welsh
 * words (function words, place and meeting vocabulary: "y", "yn", "mae", "cyfarfod",
 * "canolfan", "caerdydd"...) or has a letter English never uses (ŵ, ŷ, a circumflex);
 * a word counts as English when it is on a list of common English words ("the", "and",
 * "meeting", "sunday"...).  The passage is Welsh when its Welsh words outnumber its English
 * ones and there are at least two of them (or every word is Welsh).  With likely_welsh
 * (the meeting says it is held in Welsh) one Welsh word that outnumbers the English will
 * do.
 */
bool sp_lang_is_welsh(const char *utf8, bool likely_welsh);

/* Polish or not: the passage has a letter of Polish that English and Welsh never use
   (ą ć ę ł ń ś ź ż). */
bool sp_lang_is_polish(const char *utf8);

/* The language of a passage in Latin script for choosing a braille table: "cy" (Welsh,
   sp_lang_is_welsh), "pl" (Polish), or NULL (the document's language). */
const char *sp_lang_passage(const char *utf8, bool likely_welsh);

/* Whether a meeting's types say it is held in Welsh: a type code "CY", "WEL" or "W-CY",
   or a label "Welsh" or "Cymraeg" (no standard code exists; feeds make their own). */
bool sp_lang_meeting_welsh(const struct sp_meeting *m);

/*
 * The language a meeting is held in, from its types (issue 12): a Meeting Guide language
 * code ("POL", "PUN", "FA", "DE"...), a code feeds make up ("PL", "UR", "CY"...), or a
 * label naming it ("Polish", "Polski", "Urdu", "Cymraeg"...), as a BCP 47 tag ("pl",
 * "ur"...); NULL when none says, or when two different languages do.  For the language of
 * its name and notes.
 */
const char *sp_lang_meeting(const struct sp_meeting *m);

/*
 * The language of a passage of a meeting's own text (its name, a sentence of its notes)
 * for tagging: Welsh by its words (sp_lang_is_welsh), Polish by its letters, else hint
 * (the meeting's language, sp_lang_meeting) unless the passage has English words
 * ("Saturday Polish Speaking" is English); NULL = the document's language.  Scripts other
 * than Latin are told by the text engine (text.h).
 */
const char *sp_lang_of_text(const char *utf8, const char *hint);

/*
 * Split utf8 into sentences for sp_lang_is_welsh: after '.', '!' or '?' followed by a
 * blank.  Calls fn(start, len, ctx) for each piece in order; the pieces cover the whole
 * text (blanks between sentences stay with the sentence before).
 */
void sp_lang_sentences(const char *utf8, void (*fn)(const char *s, size_t len, void *ctx),
                       void *ctx);

#endif
