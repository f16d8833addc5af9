/*
 * model.h - the normalised meeting directory: pure data, no functions.
 *
 * Owns: nothing (all strings live in the directory's arena).  Must not: include
 * cairo, pango, qrencode or json-c.  Every string is valid, trimmed UTF-8 with no
 * control characters, NBSPs folded to spaces, HTML entities decoded; NULL when absent
 * (never "").
 */
#ifndef SP_MODEL_H
#define SP_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <time.h>

enum sp_attendance {
    SP_ATTEND_IN_PERSON = 0,
    SP_ATTEND_ONLINE,
    SP_ATTEND_HYBRID,    /* both a venue and a join link */
    SP_ATTEND_CLOSED     /* temporarily closed (TC): left out unless asked for */
};

enum sp_format {
    SP_FORMAT_AUTO = 0,  /* sniffed from content */
    SP_FORMAT_MG_JSON,   /* Meeting Guide JSON (code4recovery/spec) */
    SP_FORMAT_TSML_CSV,  /* 12 Step Meeting List CSV */
    SP_FORMAT_BMLT       /* BMLT GetSearchResults JSON */
};

#define SP_DAY_BIT(d) (1u << (d))  /* d: 0 = Sunday ... 6 = Saturday */
#define SP_ALL_DAYS   0x7Fu

/* Monthly meetings: which weeks of the month (the 1st ... 5th weekday of its kind in the
   month, and the last one).  0 in sp_meeting.weeks means every week. */
#define SP_WEEK_BIT(n) (1u << ((n) - 1))  /* n: 1 = first ... 5 = fifth */
#define SP_WEEK_LAST   (1u << 5)

struct sp_type {
    const char *code;   /* as normalised: upper case for Meeting Guide codes ("O", "ONL") */
    const char *label;  /* English label ("Open"); the code itself when unknown */
    const char *world_id; /* BMLT NAWS world_id ("OPEN", "CLOSED", ...) or NULL */
    bool known;         /* false when the code is not in the spec table / formats file */
};

struct sp_meeting {
    /* what it is */
    const char *name;        /* never NULL */
    const char *fellowship;  /* "Alcoholics Anonymous", "Narcotics Anonymous", ...; NULL when
                                the feed does not say and no --as / settings value gives it */
    const char *slug;        /* MG slug / BMLT id_bigint / CSV "Slug" or "ID"; NULL if none */
    const char *group;       /* group name, or NULL */
    const char *notes;       /* free text, or NULL */
    const char *updated;     /* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" as given, or NULL */

    /* when */
    unsigned days;           /* SP_DAY_BIT() set; >= 1 bit set */
    int start_min;           /* minutes after midnight, 0..1439 */
    int end_min;             /* minutes after midnight, 0..1439 (may be < start: runs past midnight) */
    /* the small fields fill the gaps before the pointers: one array element a meeting, so
       every byte of padding counts (issue 16: 240 bytes, now 224) */
    uint8_t weeks;           /* weeks of the month it runs (SP_WEEK_*); 0 = every week */
    bool end_assumed;        /* end_min was not given: start + 60 */
    bool timezone_assumed;   /* the feed gave none (nor --timezone / settings): UK time */
    bool postcode_first;     /* the postcode goes before the town ("10115 Berlin") */
    const char *timezone;    /* IANA name; "Europe/London" by default */

    /* where */
    enum sp_attendance attendance;
    bool url_is_http;        /* plain http: (warned) */
    bool url_has_passcode;   /* the URL itself carries a passcode (Zoom pwd=, ...) */
    const char *venue;       /* location / venue name, or NULL */
    const char *address;     /* street part of the address ("125 Charing Cross Rd"), or NULL */
    const char *town;        /* town/city, or NULL */
    const char *postcode;    /* UK postcode normalised "CF10 1AA"; another country's as
                                written ("CA 95122", "10115"); or NULL */
    const char *formatted_address; /* the full one-line address as given/assembled, or NULL */
    const char *region;      /* or NULL */
    const char *sub_region;  /* or NULL */
    const char *location_notes; /* or NULL */

    /* online */
    const char *url;         /* safe join URL (https:, or http: with a warning), "()\" escaped; or NULL */
    const char *provider;    /* "Zoom", "Google Meet", "Microsoft Teams", ...; NULL if unknown host */
    const char *url_without_passcode; /* URL with the passcode parameter removed, or NULL */
    const char *phone;       /* dial-in number as given (display form), or NULL */
    const char *meeting_id;  /* "812 3456 7890" display form, or NULL */
    const char *passcode;    /* or NULL */

    /* types */
    const struct sp_type *types;

    /* provenance */
    const char *file;        /* path as given on the command line */
    uint32_t ntypes;         /* (of types: here, with the ints, to leave no padding) */
    int line;                /* JSON: line where the record starts; CSV: physical line of the row */
    int record;              /* 1-based record number in its file (CSV: data row number) */
    uint32_t index;          /* position in the whole directory: the stable sort tiebreak */
};

struct sp_directory {
    struct sp_meeting *meetings;  /* usable meetings only; problems are in the diag list */
    size_t n, cap;
    size_t nfiles;
    size_t nrejected;             /* records reported as unusable */
    time_t data_date;             /* when the feeds' data was last known current (UTC
                                     seconds): the oldest of the feeds read, each when it was
                                     fetched or the server last confirmed the saved copy;
                                     0 when no input was a feed (files carry no such date).
                                     Set by sp_run_load. */
};

#endif
