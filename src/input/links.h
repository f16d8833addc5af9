/*
 * links.h - decide whether a join link may become a link or QR code, name its
 * provider, and find meeting IDs and passcodes in links and notes.
 *
 * Owns: nothing beyond the call (strings go into the caller's arena).  Must not:
 * print, fetch anything, or know any input format.
 */
#ifndef SP_LINKS_H
#define SP_LINKS_H

#include <stdbool.h>

#include "../base/mem.h"

enum sp_link_status {
    SP_LINK_OK = 0,    /* https: */
    SP_LINK_HTTP,      /* http: accepted with a warning */
    SP_LINK_REFUSED    /* javascript:, data:, file:, other schemes, or malformed */
};

struct sp_link {
    const char *url;                  /* safe form: ( ) \ space " < > percent-encoded */
    const char *provider;             /* "Zoom", "Google Meet", ... or NULL */
    bool has_passcode;                /* a pwd=/passcode=/password= query parameter */
    const char *url_without_passcode; /* url minus that parameter, or NULL */
    const char *meeting_id;           /* Zoom "812 3456 7890" from /j/<digits>, or NULL */
};

/*
 * Check raw (already cleaned text).  Fills *out on SP_LINK_OK and SP_LINK_HTTP.  On
 * SP_LINK_REFUSED, *why says why in lower case ("scheme 'javascript:' is not allowed",
 * "no https: or http: scheme", "no host", "spaces or control characters").
 */
enum sp_link_status sp_link_check(struct sp_arena *a, const char *raw, struct sp_link *out,
                                  const char **why);

/* The provider for a host name ("us02web.zoom.us" -> "Zoom"), or NULL. */
const char *sp_link_provider(const char *host);

/* "81234567890" -> "812 3456 7890" (11 digits), 10 -> 3-3-4, 9 -> 3-3-3; other lengths
 * are returned unchanged.  Non-digits are ignored. */
char *sp_meeting_id_format(struct sp_arena *a, const char *digits);

/* A passcode written in free text ("Passcode: 1234", "password - abc", "Pwd 99"), or NULL. */
char *sp_passcode_from_text(struct sp_arena *a, const char *text);

/* A meeting ID written in free text ("Meeting ID: 812 3456 7890"), formatted, or NULL. */
char *sp_meeting_id_from_text(struct sp_arena *a, const char *text);

#endif
