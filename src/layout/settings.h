/*
 * settings.h - the organisation's settings file (who publishes the list, headline and
 * subtitle, links, helplines, introduction), a GLib key file.
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
    const char *org_name;       /* "Example Recovery Network" */
    const char *org_phone;      /* or NULL */
    const char *org_email;      /* or NULL */
    const char *org_website;    /* display text, or NULL */
    const char *directory_url;  /* full online directory (QR in footers), https:, or NULL */
    const char *short_link;     /* short form printed on tabs ("example.org/meet"), or NULL */
    const char *area;           /* "Cardiff and the Vale", or NULL */
    const char *headline;       /* default "Free support meetings near you" */
    const char *subtitle;       /* default "Drugs or alcohol a problem? You don't have to do it alone." */
    const char *intro;          /* leaflet introduction paragraph(s), or NULL */
    const char *card_welcome;   /* one line for wallet card fronts, or NULL */
    const char *lang;           /* document language, default "en-GB" */
    struct sp_helpline *helplines;
    size_t nhelplines;
};

/* Fill *s with the built-in defaults (no file). */
void sp_settings_defaults(struct sp_settings *s);

/*
 * Read a settings file over the defaults.  Unknown keys are errors (file:line).
 * Returns 0, or -1 with *err (SP_ERR_INPUT / SP_ERR_IO).
 */
int sp_settings_load(const char *path, struct sp_arena *a, struct sp_settings *s,
                     struct sp_error *err);

#endif
