/*
 * when.h - the moment logic for screens, in UK time (Europe/London through GLib's
 * GTimeZone): which meetings are on today, tomorrow or this week for a given moment,
 * which have finished, which is on now and which is next, correct across the clocks
 * changing.
 *
 * Owns: the entry array of a struct sp_when_list (sp_when_list_release).  Must not:
 * measure, draw, or read files other than the system time-zone data.
 *
 * Wall-clock times that do not exist or happen twice (RFC 5545 section 3.3.5 rules):
 * - a time in the hour skipped when the clocks go forward (01:00-01:59 on the last
 *   Sunday of March) means the same time by the offset before the gap: 01:30 GMT, which
 *   the clocks show as 02:30 BST.  The screen shows the meeting at 2.30am and says it is
 *   listed as 1.30am;
 * - a time in the hour that happens twice when the clocks go back (01:00-01:59 on the
 *   last Sunday of October) means the first occurrence (BST).
 * A meeting's end is its listed end time on the same rule (the next day when the end is
 * not after the start); when that is not after the start (a start moved by the gap), the
 * meeting lasts its listed length.
 *
 * A meeting's day and times are in its own zone (`timezone`, an IANA name; UK when the
 * feed gives none) and are converted to the screen's zone (UK unless a caller names
 * another); a meeting that runs only in some weeks of the month (`weeks`) is listed only
 * on the dates of those weeks, counted in its own zone's calendar.
 */
#ifndef SP_WHEN_H
#define SP_WHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../base/error.h"
#include "../input/model.h"

#define SP_WHEN_ZONE "Europe/London"

/*
 * Parse a moment: "2026-11-26T14:00", "2026-11-26T14:00:30" or "2026-11-26 14:00" in
 * UK time (the rules above for times that do not exist or happen twice), or the same
 * with "Z" or an offset such as "+01:00" for an exact instant (which also picks the
 * second 01:30 of an October night: "2026-10-25T01:30+00:00").  *at = UTC seconds.
 * Returns 0, or -1 with SP_ERR_USAGE ("--at: expected a moment such as
 * 2026-11-26T14:00 (UK time), got '...'"), or SP_ERR_RESOURCE when the system has no
 * time-zone data for Europe/London.
 */
int sp_when_parse(const char *text, time_t *at, struct sp_error *err);

/* The UK date and time of an instant. */
struct sp_moment {
    time_t at;            /* UTC seconds */
    int year, month, mday;  /* UK calendar date (month 1..12) */
    int wday;             /* 0 = Sunday ... 6 = Saturday */
    int minute;           /* UK minutes after midnight, 0..1439 */
    int second;           /* 0..59 */
    int utc_offset;       /* seconds east of UTC: 0 (GMT) or 3600 (BST) */
};

/* Fill *m for `at`.  Returns 0, or -1 with SP_ERR_RESOURCE (no time-zone data). */
int sp_when_moment(time_t at, struct sp_moment *m, struct sp_error *err);

/*
 * UTC instant of UK wall-clock time `minute` (0..1439) on the day `day_offset` days after
 * the date of m (negative: before), by the rules above.  *shifted (may be NULL) is set
 * when the time does not exist that day and was moved by the gap.
 */
time_t sp_when_instant(const struct sp_moment *m, int day_offset, int minute, bool *shifted);

/* ISO 8601 UK local time of an instant with its offset, "2026-11-26T14:00:00+00:00",
   into buf (>= 32 bytes). */
void sp_when_format(time_t at, char *buf, size_t size);

enum sp_when_state {
    SP_WHEN_LATER = 0,    /* starts later, not the next one */
    SP_WHEN_ON_NOW,       /* start <= moment < end */
    SP_WHEN_NEXT          /* the earliest start after the moment (all meetings sharing it) */
};

struct sp_when_entry {
    const struct sp_meeting *m;
    int day;              /* index into list->days (0 = today) */
    time_t start, end;    /* UTC instants, end > start */
    int start_shown, end_shown;  /* UK wall-clock minutes of start and end (for words) */
    bool started_yesterday;      /* ran past midnight from the day before; on now */
    bool shifted;         /* start fell in the spring-forward gap and was moved */
    bool other_zone;      /* listed in another zone whose clock differs from the screen's
                             at the start (m->timezone, m->start_min say how it is listed) */
    enum sp_when_state state;
};

struct sp_when_day {
    int offset;           /* days after the moment's date: 0 = today, 1 = tomorrow */
    int year, month, mday, wday;
    int clocks;           /* +1 the clocks go forward this day, -1 back, 0 neither */
    size_t first, n;      /* its entries: list->v[first .. first + n) */
    size_t finished;      /* meetings listed for this day that had already finished */
};

struct sp_when_list {
    struct sp_moment now; /* the moment, its date and time in the screen's zone */
    const char *zone;     /* the screen's zone (static string or the caller's) */
    struct sp_when_entry *v;  /* malloc'd, grouped by day, in time order within a day */
    size_t n;
    struct sp_when_day days[7];
    int ndays;            /* 2 ("today" view: today and tomorrow) or 7 ("week") */
    time_t next_change;   /* the next instant after the moment at which a listed meeting
                             starts or ends (the screen should be redrawn then); 0 = none */
};

/*
 * Select the meetings for a view at moment `at`: view "today" lists today and tomorrow,
 * "week" the seven days from today.  Meetings that have finished are left out; a
 * meeting of the day before still running after midnight is listed first today.
 * Within a day: start, then name, then directory order.  Returns 0, or -1 with *err
 * (SP_ERR_USAGE for an unknown view, SP_ERR_RESOURCE without time-zone data).
 */
int sp_when_select(const struct sp_meeting *const *meetings, size_t n, time_t at,
                   const char *view, struct sp_when_list *out, struct sp_error *err);

/* The same for a screen in zone `zone` (IANA name; NULL = Europe/London): days, times
   shown and clock changes are that zone's.  SP_ERR_RESOURCE for a zone without data. */
int sp_when_select_zone(const struct sp_meeting *const *meetings, size_t n, time_t at,
                        const char *view, const char *zone, struct sp_when_list *out,
                        struct sp_error *err);

/*
 * Does a meeting with weeks-of-the-month mask `weeks` (SP_WEEK_BIT(1..5), SP_WEEK_LAST;
 * 0 = every week) run on the date year-month-mday?  The n-th week is days 7n-6..7n (the
 * n-th of that weekday in the month); "last" is the last seven days of the month.
 */
bool sp_when_runs_in_week(unsigned weeks, int year, int month, int mday);
void sp_when_list_release(struct sp_when_list *l);

/* The next turn of the hour (UK time) after `at`: watch mode redraws then at the latest. */
time_t sp_when_next_hour(time_t at);

#endif
