/*
 * text.h - fonts and text measurement: the private fontconfig set over fonts/, the one
 * device-independent PangoContext, line breaking and drawing of single lines.
 *
 * Owns: the FcConfig, font map and PangoContext (sp_text_new/sp_text_free).  Must not:
 * use any system font, read the model, or make layout decisions.  Units: points.
 * The only module that creates Pango objects.
 */
#ifndef SP_TEXT_H
#define SP_TEXT_H

#include <cairo.h>
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "../base/error.h"
#include "../base/mem.h"
#include "plan.h"

struct sp_text;

/*
 * Create the text engine over the fonts in fontdir (which must hold fonts.conf-free TTFs;
 * the fontconfig cache goes to cachedir, created if missing).  Fails with
 * SP_ERR_RESOURCE if Atkinson Hyperlegible Next (regular and bold) is not there.
 */
struct sp_text *sp_text_new(const char *fontdir, const char *cachedir, struct sp_error *err);
void sp_text_free(struct sp_text *t);

/*
 * The family list for a language ("ur" gets Nastaliq first after Atkinson; NULL = the
 * default list).  Every call below takes a struct sp_font: family NULL or "" means
 * "choose by language", where the language is the script of the text when it is Arabic,
 * Bengali or Gurmukhi (sp_text_guess_lang; an "ar" font->lang stays Arabic), else
 * font->lang.  A non-empty family is used as given.  Size <= 0 means 12 pt.
 */
const char *sp_text_family_for(const char *lang);

/*
 * Guess a language tag from the script of most of the letters of s: "bn", "pa", and for
 * the Arabic script "ur", "fa" or "ar" by the letters only one of them uses (else an
 * Arabic-script output language, else "ur"); NULL when most letters are Latin (or none).
 */
const char *sp_text_guess_lang(const char *s);

/* As sp_text_guess_lang, and when that finds none but s has letters of the script of the
   output language out ("ur": an Urdu phrase in a mostly English line of an Urdu poster),
   out: those letters are then set in out's face (Nastaliq), like the rest of the page. */
const char *sp_text_guess_lang_in(const char *s, const char *out);

/* The language a line of s in font f is set in (and tagged with): the guess from its
   script, but an Arabic-script font->lang for Arabic-script text, and font->lang when
   the script says nothing. */
const char *sp_text_lang(const struct sp_font *f, const char *s);

/* Whether a line of s in font f is set right to left: it has a right-to-left letter and
   the output's first language is right-to-left, or most of its letters are. */
bool sp_text_rtl(const struct sp_font *f, const char *s);

/* Is sc a script written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko)? */
bool sp_text_script_rtl(GUnicodeScript sc);

struct sp_line {
    const char *text;   /* the line's text (arena), trailing spaces trimmed */
    double width;       /* advance width, points */
    double height;      /* logical line height, points */
    double baseline;    /* baseline below the top of the line */
};

/*
 * Break utf8 into lines no wider than width (words; a word longer than the width is
 * broken between characters, never hyphenated).  U+00A0 and U+2060 are honoured, so
 * callers glue times, phone numbers and postcodes with them.  Lines go to *lines
 * (arena array).  Returns the number of lines (>= 1 for non-empty text, 0 for "").
 */
int sp_text_break(struct sp_text *t, const struct sp_font *f, const char *utf8,
                  double width, struct sp_arena *a, struct sp_line **lines);

/*
 * Only the first line of utf8 broken at width (for text whose lines have different
 * widths, such as text wrapping round a QR code): *line as sp_text_break measures it,
 * *used the bytes it takes from utf8 with the spaces after it.  *broken is true when its
 * first word did not fit and was broken between characters.  Returns 1, or 0 for "".
 */
int sp_text_first_line(struct sp_text *t, const struct sp_font *f, const char *utf8,
                       double width, struct sp_arena *a, struct sp_line *line, size_t *used,
                       bool *broken);

/* Width of utf8 set on one line. */
double sp_text_width(struct sp_text *t, const struct sp_font *f, const char *utf8);

/* Height and baseline of one line of this font (for empty-line spacing). */
void sp_text_metrics(struct sp_text *t, const struct sp_font *f, double *height,
                     double *baseline);

/* Glyphs the fonts cannot show (tofu) in utf8; 0 is the requirement. */
int sp_text_unknown_glyphs(struct sp_text *t, const struct sp_font *f, const char *utf8);

/*
 * Family of the font pango chose for the first visible character of utf8 (arena string),
 * e.g. "Noto Nastaliq Urdu"; NULL for text with nothing visible.  For tests and checks.
 */
const char *sp_text_font_of(struct sp_text *t, const struct sp_font *f, const char *utf8,
                            struct sp_arena *a);

/*
 * Lines are shaped once: a line measured as it is drawn (sp_text_break's lines, the first
 * line of sp_text_first_line) keeps its shaping in a bounded cache (the 4,096 most
 * recently used lines), and drawing or measuring the same text in the same font again
 * shapes nothing.  Counts of lines found in the cache and shaped into it, for the tests
 * and SIGNPOST_TIMING.
 */
void sp_text_cache_stats(const struct sp_text *t, size_t *hits, size_t *misses);

/* Draw one line with its top-left at (x, y) on cr, in the current cairo colour. */
void sp_text_draw(struct sp_text *t, cairo_t *cr, const struct sp_font *f, const char *utf8,
                  double x, double y);

#endif
