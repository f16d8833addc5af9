/*
 * i18n.h - the languages signpost speaks: the table of shipped languages, GNU gettext
 * catalogues (domain "signpost", <datadir>/locale/<code>/LC_MESSAGES/signpost.mo), the
 * output language(s) of a run and the language of messages to the user.
 *
 * Owns: process-wide state, as gettext's own is (the catalogue folder, the output
 * languages, the messages language, the LANGUAGE variable).  Set it once per command,
 * before composing (sp_i18n_set_output), and from one thread only.  Must not: allocate
 * per lookup, print, or read files other than the catalogues (through gettext).
 */
#ifndef SP_I18N_H
#define SP_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "mem.h"

/* Marks a word for the catalogue where it is defined (tables); translated where used. */
#define N_(s) (s)
/* The same with a context (xgettext keyword NC_:1c,2); gives the word. */
#define NC_(ctx, s) (s)

struct sp_language {
    const char *code;      /* catalogue name: "cy", "pa" */
    const char *tag;       /* BCP 47 for /Lang and lang=: "en-GB", "cy", "pa" */
    const char *name;      /* in English: "Welsh" */
    const char *native;    /* in itself: "Cymraeg" */
    bool rtl;              /* written right to left: the layout is mirrored */
    bool clock24;          /* times as "19:30" whatever the layout's time-style */
};

/* Every shipped language, English (UK, the msgids) first; *n is set. */
const struct sp_language *sp_i18n_list(size_t *n);

/* The shipped language of a BCP 47 tag ("de-DE" -> German, "pa-Guru" -> Punjabi), or
   NULL.  Case and '_' for '-' do not matter. */
const struct sp_language *sp_i18n_find(const char *tag);

/* English (UK): the language of the msgids. */
const struct sp_language *sp_i18n_english(void);

/* The output: one language, or two for bilingual output ("cy+en"). */
struct sp_langs {
    const struct sp_language *first;   /* never NULL: its words come first (or left) */
    const struct sp_language *second;  /* or NULL */
    const char *tag;                   /* BCP 47 of the first as the user wrote it
                                          ("de-DE"), for the PDF's /Lang */
};

/*
 * Parse "de", "de-DE", "cy+en" (any two shipped languages) into *out.  With Welsh in a
 * pair, Welsh comes first (docs/standards.md, Languages I3).  what names the setting in
 * messages ("--lang").  Returns 0, or -1 with SP_ERR_USAGE: "--lang: no words for 'fr';
 * signpost speaks en, cy, ...".  out->tag points into spec or the table.
 */
int sp_i18n_parse(const char *spec, const char *what, struct sp_langs *out,
                  struct sp_error *err);

/*
 * Use the catalogues in localedir (<datadir>/locale).  May be called again (the folder
 * of a later --data-dir wins).
 */
void sp_i18n_bind(const char *localedir);

/* Whether the catalogue of lang is in the bound folder (English needs none). */
bool sp_i18n_has_catalogue(const struct sp_language *lang);

/*
 * The output languages of this command: sp_tr() and friends answer in l->first until
 * sp_i18n_use() says otherwise.  NULL = English alone.
 */
void sp_i18n_set_output(const struct sp_langs *l);

/* The output languages (English alone when never set). */
const struct sp_langs *sp_i18n_output(void);

/* Whether the output is bilingual. */
bool sp_i18n_bilingual(void);

/* Answer in lang from now on, in it alone (NULL = the output languages again: the first,
   both joined where callers join).  Returns the one in use before. */
const struct sp_language *sp_i18n_use(const struct sp_language *lang);

/* Whether words are to be given in both output languages now: a bilingual output, and no
   one language chosen by sp_i18n_use(). */
bool sp_i18n_joining(void);

/* The language sp_tr() answers in. */
const struct sp_language *sp_i18n_current(void);

/* msgid in the current language (msgid itself in English or when not translated). */
const char *sp_tr(const char *msgid) __attribute__((format_arg(1)));

/* The same with a context ("date" for a month in a date...). */
const char *sp_trc(const char *ctx, const char *msgid) __attribute__((format_arg(2)));

/* The plural form for n ("{1} meeting", "{1} meetings"). */
const char *sp_trn(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/*
 * tmpl with "{1}", "{2}", "{3}" replaced by x, y, z (NULL = ""), in the arena.  In a
 * right-to-left language each filled-in value is isolated (U+2068 ... U+2069), so a
 * number, time, name or link keeps its own direction inside the sentence.
 */
const char *sp_i18n_fill(struct sp_arena *a, const char *tmpl, const char *x, const char *y,
                         const char *z);

/* s isolated (U+2068 ... U+2069) when the language in use is right to left: a name,
   an address or a note put into a sentence keeps its own direction; else s. */
const char *sp_i18n_iso(struct sp_arena *a, const char *s);

/* ---- words in the output language(s) ---- */

/*
 * msgid translated into each output language with "{1}" "{2}" "{3}" filled in
 * (sp_i18n_fill), joined "Welsh / English" in a bilingual output (sp_i18n_join); in one
 * language, or inside sp_tr_both(), only in the language in use.
 */
const char *sp_say(struct sp_arena *a, const char *msgid, const char *x, const char *y,
                   const char *z);

/* The same with a gettext context. */
const char *sp_sayc(struct sp_arena *a, const char *ctx, const char *msgid, const char *x,
                    const char *y, const char *z);

/* The plural form for n ("{1} more online meetings"), {1} filled with n. */
const char *sp_sayn(struct sp_arena *a, const char *one, const char *many, unsigned long n,
                    const char *y, const char *z);

/*
 * Text built by fn in each output language (fn answers in sp_i18n_current()), joined as
 * sp_say() joins; in one language fn is called once.  For words that hold other
 * translated words ("Monday to Friday", "Only the first Monday of the month").
 */
typedef const char *(*sp_tr_fn)(const void *ctx, struct sp_arena *a);
const char *sp_tr_both(sp_tr_fn fn, const void *ctx, struct sp_arena *a);

/* Day names in the language in use: day 0 = Sunday.  "Monday" / "Mon". */
const char *sp_tr_day(int day);
const char *sp_tr_day_short(int day);

/* A day's name in the output language(s) (joined when bilingual). */
const char *sp_say_day(struct sp_arena *a, int day);

/* A month's name as it stands in a date (1 = January): "November", "listopada". */
const char *sp_tr_month(int month);

/* ---- bilingual text ---- */

/* Invisible marks around the second language's words in a bilingual text: the plan's
   post-pass (compose/tr.h) makes them runs of their own with their own /Lang. */
#define SP_I18N_SECOND "\xE2\x81\xA3"   /* U+2063 INVISIBLE SEPARATOR: begins */
#define SP_I18N_END    "\xE2\x81\xA4"   /* U+2064 INVISIBLE PLUS: ends */
#define SP_I18N_SEP    " / "            /* between the two, printed */

/* "first / second", the second inside its marks; first alone when the two are the
   same (a name, a number) or second is NULL or empty. */
const char *sp_i18n_join(struct sp_arena *a, const char *first, const char *second);

/* s without the bilingual marks and the direction isolates (for alt text, bookmarks,
   file metadata, braille); s itself when it has none. */
const char *sp_i18n_plain(struct sp_arena *a, const char *s);

/* Whether s has a bilingual mark. */
bool sp_i18n_marked(const char *s);

/* ---- messages to the user ---- */

/*
 * Choose the messages language from the environment as gettext does: LANGUAGE (unless
 * the locale is C), else LC_ALL, LC_MESSAGES, LANG.  English when none names a shipped
 * language.  Call once at start, before any output language is set.
 */
void sp_i18n_messages_from_env(void);

/* A message (printf format) in the messages language. */
const char *sp_msg(const char *fmt) __attribute__((format_arg(1)));

/* The plural form of a message for n. */
const char *sp_msgn(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

#endif
