/*
 * screen.h - what the screens say, as text: the lines of each kiosk slide (for the player
 * page and slides.json) and the data of the web board.  Pure data shared by the screen
 * composers (kiosk.c, board.c) and their writers (output/slides.c, output/board_html.c).
 *
 * Owns: nothing (strings and arrays live in the arena of whoever filled them).  Must not:
 * include model.h, cairo or pango.  Every string is UTF-8, never NULL unless it says so.
 */
#ifndef SP_SCREEN_H
#define SP_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "plan.h"

/* ---- kiosk slides ---- */

enum sp_slide_line_kind {
    SP_SLIDE_DAY = 0,   /* a day heading: text ("Tomorrow, Friday 27 November") */
    SP_SLIDE_MEETING,   /* a row of the board: the fields below */
    SP_SLIDE_MESSAGE    /* a sentence: text ("No more meetings here today.", "31 more ...") */
};

struct sp_slide_line {
    enum sp_slide_line_kind kind;
    const char *text;     /* DAY and MESSAGE */
    /* MEETING */
    const char *time;     /* "7.30pm" (the screen's zone) */
    const char *name;
    const char *where;    /* "Example Hall, Cardiff", "Online (Zoom): code A" */
    const char *status;   /* "On now", "Next", or "" */
    const char *note;     /* "Listed as 1.30am: ...", "7pm New York time", or NULL */
    const char *code;     /* letter of its QR code on this slide ("A"), or NULL */
    const char *url;      /* its join link (online and hybrid meetings), or NULL */
};

struct sp_slide {
    const char *heading;  /* the slide's title line: its first day ("Today, Thursday ...") */
    const char *alt;      /* a short alternative for the image ("Slide 1 of 3: ...") */
    struct sp_slide_line *lines;
    size_t n;
};

struct sp_slides {
    const char *title;    /* "Meetings today and tomorrow: South Wales" */
    struct sp_slide *v;   /* one per plan page, same order */
    size_t n;
    size_t nrows;         /* meeting rows on the slides */
    size_t nmore;         /* meeting rows left off by the 4-slide cap ("N more at ...") */
};

/* ---- the web board ---- */

struct sp_board_meeting {
    const char *name;
    const char *where;    /* "Example Hall, 1 Test Street, Cardiff CF10 1ZZ" or "Online (Zoom)" */
    const char *kind;     /* "Alcoholics Anonymous. Open to all", or NULL */
    const char *access;   /* "Meeting ID 812 3456 7890, passcode 1234", or NULL */
    const char *phone;    /* dial-in, display form, or NULL */
    const char *url;      /* join link, or NULL */
    const char *host;     /* the link's host ("us02web.zoom.us"), or NULL */
    const char *site;     /* the site it opens, beside its code ("zoom.us"), or NULL */
    const char *qr_alt;   /* "QR code to join Name on Zoom", with url */
    const struct sp_qr *qr;  /* with url */
    unsigned days;        /* SP_DAY_BIT mask in its own zone (merged repeats: every day) */
    unsigned weeks;       /* weeks of the month, 0 = every week */
    int start_min, end_min;  /* in its own zone */
    const char *zone;     /* IANA name of its zone */
    bool online, in_person;
};

struct sp_board_helpline {
    const char *name, *phone;
    const char *hours;    /* or NULL */
};

struct sp_board {
    const char *title;    /* "Meetings today and tomorrow" */
    const char *area;     /* or NULL */
    const char *org;      /* organisation name, or NULL */
    const char *lang;     /* "en-GB" */
    const char *zone;     /* the screen's zone, "Europe/London" */
    const char *directory_url, *directory_shown;  /* or NULL */
    const struct sp_qr *directory_qr;              /* with directory_url */
    bool time_24h;
    time_t generated;     /* when the data was made (UTC seconds) */
    const char *listed;   /* "Meetings as listed on ..." (data from feeds), or NULL */
    int refresh_seconds;  /* how often the page looks for new data */
    struct sp_board_meeting *v;
    size_t n;
    struct sp_board_helpline *helplines;
    size_t nhelplines;
};

#endif
