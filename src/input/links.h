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
    const char *url;                  /* safe form: the host in ASCII (IDNA, lower case);
                                         ( ) \ space " < > percent-encoded */
    const char *host;                 /* that host ("us02web.zoom.us", "xn--bcher-kva.de") */
    const char *host_warning;         /* why the host deserves a second look, or NULL: it
                                         mixes scripts in a label ("zoоm.us" with a Cyrillic
                                         о), has full-width letters, or is a number (an IP
                                         address, dotted or not); starts "its host '...'" */
    const char *provider;             /* "Zoom", "Google Meet", ... or NULL */
    bool has_passcode;                /* a pwd=/passcode=/password= query parameter */
    const char *url_without_passcode; /* url minus that parameter, or NULL */
    const char *meeting_id;           /* Zoom "812 3456 7890" from /j/<digits>, or NULL */
    const char *passcode;             /* the passcode parameter when it is one people type
                                         ("pwd=867458"; Zoom's long encoded form is not),
                                         or NULL */
};

/*
 * Check raw (already cleaned text).  Fills *out on SP_LINK_OK and SP_LINK_HTTP.  On
 * SP_LINK_REFUSED, *why says why in lower case ("scheme 'javascript:' is not allowed",
 * "no https: or http: scheme", "no host", "control characters in the link", "a user name
 * or password in the link", "it is GoToMeeting's home page, not a link to a meeting");
 * for a provider's home page out->provider is still set (a meeting ID in the notes may
 * be typed in there).
 */
enum sp_link_status sp_link_check(struct sp_arena *a, const char *raw, struct sp_link *out,
                                  const char **why);

/* The provider for a host name ("us02web.zoom.us" -> "Zoom"), or NULL. */
const char *sp_link_provider(const char *host);

/* "81234567890" -> "812 3456 7890" (11 digits), 12 -> 3-3-3-3, 10 -> 3-3-4, 9 -> 3-3-3;
 * other lengths are returned unchanged.  Non-digits are ignored. */
char *sp_meeting_id_format(struct sp_arena *a, const char *digits);

/*
 * A passcode written in free text, or NULL: "Passcode: 1234", "password - abc", "Pwd 99",
 * "PW: 867458", "enter password 292 718-013" (digit groups kept together), German
 * "Passwort: 647529" and "Kennwort", Polish "hasło", "code 1234" and "PIN 1234#" (digits
 * only).  Keys inside a URL ("?pwd=") and "no password" do not count.  When start and
 * end are not NULL they get the phrase to cut from the text (from the key, or a word
 * before it such as "enter", to the end of the value and a '#').
 */
char *sp_passcode_find(struct sp_arena *a, const char *text, size_t *start, size_t *end);
char *sp_passcode_from_text(struct sp_arena *a, const char *text);

/*
 * A meeting ID written in free text, formatted, or NULL: "Meeting ID: 812 3456 7890",
 * "ID: 869 747 141" (GoToMeeting), "Conference ID: 123 456 789#" (Teams), "Meeting
 * number 2345 678 901" (Webex), "access code"; 9 to 12 digits.  start and end as above.
 */
char *sp_meeting_id_find(struct sp_arena *a, const char *text, size_t *start, size_t *end);
char *sp_meeting_id_from_text(struct sp_arena *a, const char *text);

#endif
