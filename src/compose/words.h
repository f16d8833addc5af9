/*
 * words.h - the words every output shares: times ("7pm", "7.30pm", "19:30"), dates
 * ("26 November 2026"), place lines, type labels in plain words, and glue that keeps
 * single pieces of information (times, phone numbers, postcodes, meeting IDs) on one line.
 * Every word is in the output language (base/i18n.h); in a bilingual output a function's
 * whole result is given in both languages, first language first (tr.h), unless the
 * caller has chosen one language (sp_i18n_use).
 *
 * Owns: strings in the caller's arena.  Must not: measure or draw.
 */
#ifndef SP_WORDS_H
#define SP_WORDS_H

#include <stdbool.h>
#include <time.h>

#include "../base/mem.h"
#include "../input/model.h"
#include "../layout/layout.h"

#define SP_NBSP "\xC2\xA0"   /* U+00A0 NO-BREAK SPACE */

/* "7pm", "7.30pm", "noon", "midnight" (12h) or "19:30" (24h). */
const char *sp_words_time(int minutes, enum sp_time_style style, struct sp_arena *a);

/* "7pm to 8.30pm" glued with no-break spaces. */
const char *sp_words_time_range(int start, int end, enum sp_time_style style,
                                struct sp_arena *a);

/* "26 November 2026" (UTC date of t). */
const char *sp_words_date(time_t t, struct sp_arena *a);

/* "Meetings as listed on 26 November 2026": the date of the feeds' data
   (sp_compose_in.data_date, the braille title page's words), or NULL when it is 0 (the
   inputs were files). */
const char *sp_words_as_listed(time_t data_date, struct sp_arena *a);

enum sp_days_style {
    SP_DAYS_LONG = 0,  /* "Monday, Wednesday and Friday", "Monday to Friday" */
    SP_DAYS_SHORT      /* "Mon, Wed, Fri", "Mon to Fri" */
};

/*
 * The days of a merged row, in week order from start_day (0 = Sunday; -1 = Monday):
 * "Every day"; a run of three or more days is "Monday to Friday"; other days are listed
 * ("Monday and Thursday"; short: "Mon, Thu").  One day is its name ("Tuesday"/"Tue").
 */
const char *sp_words_days(unsigned days, int start_day, enum sp_days_style style,
                          struct sp_arena *a);

/* Replace every space in s with a no-break space (phone numbers, postcodes, IDs). */
const char *sp_words_glue(const char *s, struct sp_arena *a);

/* Free text (notes) with the spaces between digits made no-break, so meeting IDs,
   phone numbers and postcodes written in it stay on one line. */
const char *sp_words_glue_numbers(const char *s, struct sp_arena *a);

/* Where: "Venue, 12 Street, Town POSTCODE" (postcode glued), "Online", or
   "Online and in person: Venue, Town POSTCODE".  NULL parts are skipped. */
const char *sp_words_place(const struct sp_meeting *m, struct sp_arena *a);

/* Where, in one line: "Online (Zoom)" for an online meeting whose provider is known,
   else sp_words_place(). */
const char *sp_words_where(const struct sp_meeting *m, struct sp_arena *a);

/* For people who cannot scan: "Meeting ID 812 3456 7890, passcode 1234", or either part
   alone ("Passcode 1234"); the passcode is left out when asked.  NULL if neither. */
const char *sp_words_access(const struct sp_meeting *m, bool leave_off_passcodes,
                            struct sp_arena *a);

/* Plain-English type labels for print, joined with ", " ("Open to all, Women only");
   codes already said elsewhere (online, temporarily closed) are left out; NULL if none. */
const char *sp_words_types(const struct sp_meeting *m, struct sp_arena *a);

/* Who and what kind, one line: "Alcoholics Anonymous. Open to all, Discussion"; the
   fellowship or the types alone when the other is not known or empty; NULL if neither.
   With name_fellowship false the fellowship is left out (a list of one fellowship that
   names it once in its heading). */
const char *sp_words_kind(const struct sp_meeting *m, bool name_fellowship, struct sp_arena *a);

/* Plain label for one type code of a meeting ("Step-free access" for X). */
const char *sp_words_type_label(const struct sp_meeting *m, const struct sp_type *t);

/*
 * A dial-in as people dial it: the number grouped for its country (UK numbers in national
 * form, "+1 646 558 8656", other countries "+CC" then the rest), then the tones of a
 * one-tap or written-out dial-in in words: "+16465588656,,867687734#,,#,,*123456#" and
 * "+1 646 558 8656 then 867687734#" become "+1 646 558 8656, meeting ID 867 687 734 #,
 * passcode 123456 #".  The meeting ID is left out when it is the one printed with the
 * meeting (m->meeting_id), the passcode when passcodes are left off.  Each piece is glued
 * so it never breaks; a dial-in that is not a number is shown as given.
 */
const char *sp_words_dial_in(const struct sp_meeting *m, bool leave_off_passcodes,
                             struct sp_arena *a);

/* sp_words_dial_in() with the passcode always left out (callers that do not say whether
   passcodes may be printed: it never prints one). */
const char *sp_words_phone(const struct sp_meeting *m, struct sp_arena *a);
/* The dial-in put into a sentence, msgid ("Dial in {1}", marked N_() by the caller), in
   each output language: a bilingual output says the whole sentence in each. */
const char *sp_words_dial_in_said(const struct sp_meeting *m, bool leave_off_passcodes,
                                  const char *msgid, struct sp_arena *a);

/* Alt text for a meeting's QR code: "QR code to join Name on Zoom" (or "... online"). */
const char *sp_words_qr_alt(const struct sp_meeting *m, struct sp_arena *a);

/* The link to use for a meeting: url, or url_without_passcode when passcodes are left
   off (NULL when the meeting has no link). */
const char *sp_words_link(const struct sp_meeting *m, bool leave_off_passcodes);

/* "Only in the first and third week of the month" for a monthly meeting (weeks:
   SP_WEEK_BIT / SP_WEEK_LAST), in the output language(s); NULL for every week. */
const char *sp_words_weeks_only(unsigned weeks, struct sp_arena *a);

/* The host a link opens ("us02web.zoom.us"), as its QR code carries it (links are kept
   with the host in ASCII, input/links.h), printed beside a meeting's code so whoever
   proofreads the page can see where it goes; NULL when url is NULL or has no host. */
const char *sp_words_host(const char *url, struct sp_arena *a);

/* The site a link opens, printed beside a meeting's QR code: the host's last two labels
   ("zoom.us" for us02web.zoom.us, "evil.example" for zoom.us.evil.example), three under a
   country's short second level ("example.org.uk"), a numeric host whole; NULL as above. */
const char *sp_words_site(const char *url, struct sp_arena *a);

struct sp_compose_in;

/*
 * The line under the headline: --subtitle, else the settings' subtitle, else words that
 * fit the fellowship of the meetings shown ("Drinking a problem? You don't have to do it
 * alone." for Alcoholics Anonymous alone; "Drugs or alcohol a problem? ..." for a mix of
 * AA, NA and SMART Recovery), or the neutral "You don't have to do it alone." when a
 * fellowship is not known or the meetings are for different kinds of problem.
 */
const char *sp_words_subtitle(const struct sp_compose_in *in);

/* The same in the output languages: both of a bilingual output, joined (tr.h). */
const char *sp_words_subtitle_in(const struct sp_compose_in *in, struct sp_arena *a);

/*
 * The settings' (or an option's) own words in the output languages: a text that is word
 * for word one of signpost's own sentences (the default headline "Free support meetings
 * near you", the subtitles) is translated like them; any other text is the
 * organisation's and is printed as it is.
 */
const char *sp_words_own(const char *text, struct sp_arena *a);

/* The headline: --headline, else the settings', through sp_words_own(). */
const char *sp_words_headline(const struct sp_compose_in *in, struct sp_arena *a);

/* Escape a URL for a cairo tag attribute value in single quotes ("'" -> "%27"). */
const char *sp_words_attr_url(const char *url, struct sp_arena *a);

#endif
