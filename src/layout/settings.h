/*
 * settings.h - the organisation's settings file (who publishes the list, headline and
 * subtitle, links, helplines, introduction), in the layouts' key-file syntax
 * (layouts/README.md "The settings file"; examples/settings.ini).
 *
 * Owns: strings in the caller's arena.  Must not: include cairo/pango/qrencode.
 */
#ifndef SP_SETTINGS_H
#define SP_SETTINGS_H

#include <stddef.h>

#include "../base/error.h"
#include "../base/mem.h"

struct sp_helpline {
    const char *name;    /* "Alcoholics Anonymous national helpline" */
    const char *phone;   /* "01632 960000" */
    const char *hours;   /* "24 hours" or NULL */
};

struct sp_settings {
    const char *org_name;       /* "Example Recovery Network"; "" without a settings file */
    const char *org_phone;      /* or NULL */
    const char *org_email;      /* or NULL */
    const char *org_website;    /* display text, or NULL */
    const char *directory_url;  /* full online directory (QR in footers), https:, or NULL */
    const char *short_link;     /* short form printed on tabs ("example.org/meet"), or NULL */
    const char *area;           /* "Cardiff and the Vale", or NULL */
    const char *headline;       /* default "Free support meetings near you" */
    const char *subtitle;       /* or NULL: then it fits the meetings' fellowship
                                   (sp_words_subtitle) */
    const char *intro;          /* leaflet introduction; '\n' separates paragraphs; or NULL */
    const char *card_welcome;   /* one line for wallet card fronts, or NULL */
    const char *lang;           /* output language, default "en-GB"; "cy+en" for bilingual
                                   output (base/i18n.h: sp_i18n_parse) */
    const char *fellowship;     /* [directory]: fellowship of files that do not say, or NULL */
    const char *timezone;       /* [directory]: IANA time zone of files that give none, or
                                   NULL (then UK time) */
    struct sp_helpline *helplines;  /* in file order */
    size_t nhelplines;              /* 0..20 */
    int directory_url_line, directory_url_col;  /* where directory-url was set (messages) */
};

/* Fill *s with the built-in defaults (no file). */
void sp_settings_defaults(struct sp_settings *s);

/*
 * Read a settings file over the defaults (it calls sp_settings_defaults(s) first, so
 * command-line options are applied afterwards).  Unknown sections and keys, duplicate
 * keys, bad values (phone, email, https link, language tag) are errors naming
 * file:line:col.  Returns 0, or -1 with *err (SP_ERR_INPUT / SP_ERR_IO).
 */
int sp_settings_load(const char *path, struct sp_arena *a, struct sp_settings *s,
                     struct sp_error *err);

/* The same from memory; name is used in messages. */
int sp_settings_parse(const char *name, const char *data, size_t len, struct sp_arena *a,
                      struct sp_settings *s, struct sp_error *err);

#endif
