/*
 * compose.h - (selected meetings, layout, settings, text engine) -> plan.  One composer
 * per output kind; they share words.c (wording) and flow.c (blocks and columns).
 *
 * Owns: nothing beyond the plan it fills.  Must not: write files or draw.
 */
#ifndef SP_COMPOSE_H
#define SP_COMPOSE_H

#include <stdbool.h>
#include <time.h>

#include "../base/error.h"
#include "../input/model.h"
#include "../layout/layout.h"
#include "../layout/settings.h"
#include "plan.h"
#include "qr.h"
#include "text.h"

struct sp_compose_in {
    const struct sp_meeting *const *meetings;  /* the selection, any order */
    size_t n;
    const struct sp_layout *layout;
    const struct sp_settings *settings;
    time_t date;               /* the day the list is printed */
    time_t data_date;          /* when the feeds' data was last known current (UTC seconds;
                                  sp_directory.data_date), 0 when the inputs were files:
                                  print it ("Meetings as listed on ...") only when set */
    int start_day;             /* first weekday listed, 0 = Sunday; -1 = Monday */
    bool leave_off_passcodes;
    const char *headline;      /* override, or NULL for the settings' */
    const char *subtitle;      /* override, or NULL */
    const char *part_name;     /* e.g. the region of a --split-by output, or NULL */
    int tabs;                  /* tear-off tabs; -1 = the layout's */
    const char *creator;       /* "signpost 0.1.0" */
    struct sp_qr_cache *qr_cache; /* QR codes encoded once per URL in the run (qr.h); may
                                  be NULL; must outlive the plans composed with it */
    struct sp_diag *diag;      /* per-meeting problems that do not stop the output (a
                                  note cut short, a link too long for a QR code); may be
                                  NULL (then they are not reported) */
    /* leaflets */
    const char *group_by;      /* "day", "region", "time"; NULL = "day" */
    bool online_section;
    int pages;                 /* exact page count asked for, 0 = as needed */
    /* cards */
    const char *cards;         /* "directory" (default), "online", "split" */
    bool alignment_sheet;      /* a duplex alignment test sheet instead of cards */
    bool print_shop;           /* single cards with bleed */
    /* screens */
    time_t at;                 /* the moment shown (UTC seconds) */
    const char *view;          /* "today" (today and tomorrow) or "week" */
};

/* A (day, meeting) pair: meetings on several days appear once per day. */
struct sp_entry {
    int day;                   /* 0 = Sunday */
    const struct sp_meeting *m;
};

/*
 * Expand meetings to one entry per day and sort: weekday order from start_day (Monday
 * first by default), then start time, name, and directory order.  *out is malloc'd.
 */
size_t sp_compose_entries(const struct sp_compose_in *in, struct sp_entry **out);

/*
 * A row of a list: one meeting, or several records that would print exactly the same
 * (name, fellowship, place, region, times, link, phone, meeting ID, passcode, types,
 * notes, weeks of the month) merged into one, with every day any of them runs.  So a
 * meeting held Monday to Friday, whether one record with five days or five records,
 * is one row that names each day ("Monday to Friday").
 */
struct sp_row {
    unsigned days;                         /* SP_DAY_BIT mask, >= 1 bit set */
    int first_day;                         /* its first day in the week from start_day */
    const struct sp_meeting *m;            /* the first merged record: what is printed */
    const struct sp_meeting *const *same;  /* every merged record, m first */
    size_t nsame;
};

/*
 * Merge the selection into rows, sorted by first day (in week order from start_day,
 * Monday first by default), then start time, name and directory order.  *out and the
 * `same` arrays live in `a`.  Returns the number of rows.
 */
size_t sp_compose_rows(const struct sp_compose_in *in, struct sp_arena *a,
                       struct sp_row **out);

/* The first weekday of the week as listed (in->start_day, or Monday). */
int sp_compose_week_start(const struct sp_compose_in *in);

/* Compose any layout kind (dispatches on in->layout->kind).  plan must be initialised;
   it is reset first. */
int sp_compose(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
               struct sp_error *err);

/* Posters (A4/A3): header, days, meetings with QR codes, footer; a numbered set when
   needed.  Returns 0, or -1 with *err (a meeting too long for a column, a bad URL). */
int sp_compose_poster(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                      struct sp_error *err);

/* Leaflets (A4/A5 flowing lists), A5 booklets (reading order; see impose.h) and DL
   tri-folds, by layout kind. */
int sp_compose_leaflet(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                       struct sp_error *err);

/* Wallet cards, 10 per A4 sheet, fronts and backs (or print-shop singles with bleed). */
int sp_compose_cards(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err);

/* Kiosk slides for in->at and in->view: one plan page per slide (page->name "slide-01"). */
int sp_compose_kiosk(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err);

#endif
