/*
 * test_when.c - moments in UK time: parsing --at (including the hour that does not
 * exist in March and the one that happens twice in October), days and weekdays,
 * meetings that have finished, are on now or are next, meetings past midnight, and
 * the two views.  Instants are checked as UTC seconds computed independently.
 */
#include <stdio.h>
#include <string.h>

#include "../test.h"
#include "compose/when.h"

/* UTC seconds of a UTC date and time (independent of when.c: days-from-civil). */
static time_t utc(int y, int mo, int d, int h, int mi)
{
    int yy = y - (mo <= 2);
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = (long)era * 146097 + doe - 719468;

    return (time_t)(days * 86400 + h * 3600 + mi * 60);
}

static time_t parse(const char *s)
{
    time_t t = 0;
    struct sp_error err = { 0 };

    if (sp_when_parse(s, &t, &err) != 0)
        printf("#   parse '%s': %s\n", s, err.msg);
    return t;
}

static void test_parse(void)
{
    static const struct { const char *in; int y, mo, d, h, mi; } cases[] = {
        /*  0*/ { "2026-11-26T14:00", 2026, 11, 26, 14, 0 },     /* GMT: UK = UTC */
        /*  1*/ { "2026-07-01T14:00", 2026, 7, 1, 13, 0 },       /* BST: UK = UTC + 1 */
        /*  2*/ { "2026-07-01 09:30", 2026, 7, 1, 8, 30 },
        /*  3*/ { "2026-03-29T00:30", 2026, 3, 29, 0, 30 },      /* before the change */
        /*  4*/ { "2026-03-29T01:30", 2026, 3, 29, 1, 30 },      /* the gap: 01:30 GMT */
        /*  5*/ { "2026-03-29T02:30", 2026, 3, 29, 1, 30 },      /* = the same instant */
        /*  6*/ { "2026-03-29T03:00", 2026, 3, 29, 2, 0 },
        /*  7*/ { "2026-10-25T00:30", 2026, 10, 24, 23, 30 },    /* BST */
        /*  8*/ { "2026-10-25T01:30", 2026, 10, 25, 0, 30 },     /* first 01:30 (BST) */
        /*  9*/ { "2026-10-25T01:30+00:00", 2026, 10, 25, 1, 30 }, /* the second one */
        /* 10*/ { "2026-10-25T02:30", 2026, 10, 25, 2, 30 },     /* GMT again */
        /* 11*/ { "2026-11-26T14:00Z", 2026, 11, 26, 14, 0 },
    };
    struct sp_error err = { 0 };
    time_t t;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        EQ_INT(parse(cases[i].in), utc(cases[i].y, cases[i].mo, cases[i].d, cases[i].h,
                                       cases[i].mi), cases[i].in);
    OK(sp_when_parse("26/11/2026 14:00", &t, &err) == -1 && err.code == SP_ERR_USAGE,
       "a moment in another shape is a usage error");
    EQ_STR(err.msg, "--at: expected a moment such as 2026-11-26T14:00 (UK time), got "
           "'26/11/2026 14:00'", "its message quotes what was typed");
    memset(&err, 0, sizeof err);
    OK(sp_when_parse("2026-02-30T10:00", &t, &err) == -1, "30 February is refused");
    memset(&err, 0, sizeof err);
    OK(sp_when_parse("2026-11-26T24:00", &t, &err) == -1, "24:00 is refused");
}

static void test_moment(void)
{
    struct sp_moment m;
    char buf[40];

    sp_when_moment(utc(2026, 3, 28, 23, 30), &m, NULL);  /* Saturday night, GMT */
    EQ_INT(m.wday, 6, "28 March 2026 is a Saturday");
    EQ_INT(m.minute, 23 * 60 + 30, "23:30 GMT");
    sp_when_moment(utc(2026, 10, 24, 23, 30), &m, NULL);  /* 00:30 BST on Sunday */
    EQ_INT(m.wday, 0, "23:30 UTC on 24 October is already Sunday in the UK");
    EQ_INT(m.mday, 25, "the UK date is the 25th");
    EQ_INT(m.minute, 30, "00:30 BST");
    EQ_INT(m.utc_offset, 3600, "BST is UTC+1");
    sp_when_format(utc(2026, 10, 25, 1, 30), buf, sizeof buf);
    EQ_STR(buf, "2026-10-25T01:30:00+00:00", "the second 01:30 is formatted with +00:00");
    EQ_INT(sp_when_next_hour(utc(2026, 11, 26, 14, 25) + 7), utc(2026, 11, 26, 15, 0),
           "next turn of the hour");
    EQ_INT(sp_when_next_hour(utc(2026, 11, 26, 23, 0)), utc(2026, 11, 27, 0, 0),
           "at the turn of the hour the next one is an hour away (and a new day)");

    /* instants of wall-clock times on the change days */
    sp_when_moment(utc(2026, 3, 28, 12, 0), &m, NULL);
    {
        bool shifted = false;
        EQ_INT(sp_when_instant(&m, 1, 90, &shifted), utc(2026, 3, 29, 1, 30),
               "1:30 on 29 March (does not exist) is 01:30 GMT = 02:30 BST");
        OK(shifted, "and is marked as moved by the gap");
        EQ_INT(sp_when_instant(&m, 1, 150, &shifted), utc(2026, 3, 29, 1, 30),
               "2:30 BST on 29 March");
        OK(!shifted, "which exists");
    }
}

/* Meetings for the list tests. */
static struct sp_meeting mk(const char *name, unsigned days, int start, int end, size_t idx)
{
    struct sp_meeting m;

    memset(&m, 0, sizeof m);
    m.name = name;
    m.fellowship = "Alcoholics Anonymous";
    m.days = days;
    m.start_min = start;
    m.end_min = end;
    m.index = idx;
    return m;
}

static const char *names(const struct sp_when_list *l, int day, char *buf, size_t size)
{
    const struct sp_when_day *D = &l->days[day];
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = D->first; i < D->first + D->n && used < size; i++) {
        const struct sp_when_entry *e = &l->v[i];
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s", used ? ", " : "",
                                 e->m->name, e->state == SP_WHEN_ON_NOW ? " (on now)"
                                             : e->state == SP_WHEN_NEXT ? " (next)" : "");
    }
    return buf;
}

static void test_select(void)
{
    struct sp_meeting ms[] = {
        mk("Thu lunch", SP_DAY_BIT(4), 13 * 60, 13 * 60 + 45, 0),   /* finished at 14:00 */
        mk("Thu two", SP_DAY_BIT(4), 14 * 60, 15 * 60, 1),          /* on now at 14:00 */
        mk("Thu seven", SP_DAY_BIT(4), 19 * 60, 20 * 60, 2),        /* next */
        mk("Thu seven B", SP_DAY_BIT(4), 19 * 60, 20 * 60, 3),      /* also next */
        mk("Thu eight", SP_DAY_BIT(4), 20 * 60, 21 * 60, 4),
        mk("Fri noon", SP_DAY_BIT(5), 12 * 60, 13 * 60, 5),
        mk("Sat ten", SP_DAY_BIT(6), 10 * 60, 11 * 60, 6),
        mk("Wed night owls", SP_DAY_BIT(3), 23 * 60 + 30, 30, 7),   /* past midnight */
        mk("Every day", SP_ALL_DAYS, 7 * 60, 8 * 60, 8),
    };
    const struct sp_meeting *sel[sizeof ms / sizeof ms[0]];
    struct sp_when_list l;
    struct sp_error err = { 0 };
    char buf[512];

    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        sel[i] = &ms[i];

    /* Thursday 26 November 2026, 14:00 GMT */
    OK(sp_when_select(sel, 9, utc(2026, 11, 26, 14, 0), "today", &l, &err) == 0, "select");
    EQ_INT(l.ndays, 2, "today and tomorrow: two days");
    EQ_INT(l.days[0].wday, 4, "today is Thursday");
    EQ_INT(l.days[1].mday, 27, "tomorrow is the 27th");
    EQ_STR(names(&l, 0, buf, sizeof buf),
           "Thu two (on now), Thu seven (next), Thu seven B (next), Thu eight",
           "today: finished ones dropped, on now, next (both at 7pm), in time order");
    EQ_INT(l.days[0].finished, 2, "two meetings of today had finished");
    EQ_STR(names(&l, 1, buf, sizeof buf), "Every day, Fri noon", "tomorrow: all of Friday");
    EQ_INT(l.next_change, utc(2026, 11, 26, 15, 0), "next change: 'Thu two' ends at 3pm");
    sp_when_list_release(&l);

    /* Thursday 00:15: Wednesday's 23:30 meeting is still on */
    sp_when_select(sel, 9, utc(2026, 11, 26, 0, 15), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf),
           "Wed night owls (on now), Every day (next), Thu lunch, Thu two, Thu seven, "
           "Thu seven B, Thu eight", "after midnight the night owls are on now, listed first");
    OK(l.v[0].started_yesterday, "marked as started the day before");
    EQ_INT(l.v[0].start_shown, 23 * 60 + 30, "shown from 11.30pm");
    sp_when_list_release(&l);

    /* the week from Thursday: seven days, Thursday's finished ones gone */
    sp_when_select(sel, 9, utc(2026, 11, 26, 21, 30), "week", &l, &err);
    EQ_INT(l.ndays, 7, "a week: seven days");
    EQ_INT(l.days[0].n, 0, "nothing left today at 9.30pm");
    EQ_INT(l.days[0].finished, 6, "six of today's meetings had finished");
    EQ_INT(l.days[6].wday, 3, "the seventh day is Wednesday");
    EQ_STR(names(&l, 6, buf, sizeof buf), "Every day, Wed night owls",
           "Wednesday lists the night owls");
    EQ_STR(names(&l, 1, buf, sizeof buf), "Every day (next), Fri noon", "Friday");
    sp_when_list_release(&l);

    memset(&err, 0, sizeof err);
    OK(sp_when_select(sel, 9, 0, "month", &l, &err) == -1 && err.code == SP_ERR_USAGE,
       "unknown view");
}

static void test_clock_changes(void)
{
    struct sp_meeting ms[] = {
        mk("Sun half one", SP_DAY_BIT(0), 90, 150, 0),     /* 01:30-02:30 on Sundays */
        mk("Sun half twelve", SP_DAY_BIT(0), 30, 90, 1),   /* 00:30-01:30 */
        mk("Sun three", SP_DAY_BIT(0), 180, 240, 2),       /* 03:00-04:00 */
        mk("Sat late", SP_DAY_BIT(6), 23 * 60, 60, 3),     /* 23:00-01:00 */
    };
    const struct sp_meeting *sel[] = { &ms[0], &ms[1], &ms[2], &ms[3] };
    struct sp_when_list l;
    struct sp_error err = { 0 };
    const struct sp_when_entry *e;
    char buf[512];

    /* Spring: Sunday 29 March 2026, 00:45 GMT (clocks jump 01:00 GMT -> 02:00 BST) */
    sp_when_select(sel, 4, parse("2026-03-29T00:45"), "today", &l, &err);
    EQ_INT(l.days[0].clocks, 1, "29 March: the clocks go forward");
    EQ_INT(l.days[1].clocks, 0, "30 March: no change");
    EQ_STR(names(&l, 0, buf, sizeof buf),
           "Sat late (on now), Sun half twelve (on now), Sun half one (next), Sun three",
           "00:45 on the spring night: two on now, the 1.30am meeting next");
    e = &l.v[2];
    EQ_INT(e->start, utc(2026, 3, 29, 1, 30), "1.30am (does not exist) starts at 01:30 GMT");
    OK(e->shifted, "its start was moved by the gap");
    EQ_INT(e->start_shown, 150, "shown as 2.30am (BST)");
    EQ_INT(e->end - e->start, 3600, "it still lasts its listed hour");
    EQ_INT(e->end_shown, 210, "until 3.30am");
    EQ_INT(l.v[1].end, utc(2026, 3, 29, 1, 30),
           "the 00:30-01:30 one lasts its hour: its end (in the gap) is 01:30 GMT");
    sp_when_list_release(&l);

    /* at 2026-03-29T02:40 BST (01:40 UTC): the moved meeting is on now */
    sp_when_select(sel, 4, parse("2026-03-29T02:40"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "Sun half one (on now), Sun three (next)",
           "02:40 BST: the 1.30am meeting (moved to 2.30am) is on now");
    sp_when_list_release(&l);

    /* Autumn: Sunday 25 October 2026 (clocks go back 02:00 BST -> 01:00 GMT) */
    sp_when_select(sel, 4, parse("2026-10-25T00:45"), "today", &l, &err);  /* BST */
    EQ_INT(l.days[0].clocks, -1, "25 October: the clocks go back");
    EQ_STR(names(&l, 0, buf, sizeof buf),
           "Sat late (on now), Sun half twelve (on now), Sun half one (next), Sun three",
           "00:45 BST on the autumn night: two on now, the 1.30am meeting next");
    EQ_INT(l.v[0].end, utc(2026, 10, 25, 0, 0), "'Sat late' ends at the first 1am (BST)");
    sp_when_list_release(&l);

    sp_when_select(sel, 4, parse("2026-10-25T01:15"), "today", &l, &err);  /* first 01:15 */
    EQ_STR(names(&l, 0, buf, sizeof buf),
           "Sun half twelve (on now), Sun half one (next), Sun three",
           "first 01:15: 'Sat late' is over, the 1.30am meeting is next");
    e = &l.v[1];
    EQ_INT(e->start, utc(2026, 10, 25, 0, 30), "1.30am is the first 01:30 (BST)");
    EQ_INT(e->end, utc(2026, 10, 25, 2, 30), "and ends at 2.30am GMT: two real hours");
    EQ_INT(e->start_shown, 90, "shown from 1.30am");
    EQ_INT(e->end_shown, 150, "to 2.30am");
    sp_when_list_release(&l);

    /* the second 01:15 (GMT): 'Sat late' and 'Sun half twelve' are over */
    sp_when_select(sel, 4, parse("2026-10-25T01:15+00:00"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "Sun half one (on now), Sun three (next)",
           "second 01:15: only the 1.30am meeting is on");
    sp_when_list_release(&l);
}

static void test_weeks_of_month(void)
{
    static const struct { unsigned weeks; int y, mo, d; bool runs; } cases[] = {
        /*  0*/ { 0, 2026, 11, 26, true },                         /* every week */
        /*  1*/ { SP_WEEK_BIT(1), 2026, 11, 5, true },             /* 1st Thursday */
        /*  2*/ { SP_WEEK_BIT(1), 2026, 11, 12, false },
        /*  3*/ { SP_WEEK_BIT(1) | SP_WEEK_BIT(3), 2026, 11, 19, true },  /* 3rd */
        /*  4*/ { SP_WEEK_BIT(1) | SP_WEEK_BIT(3), 2026, 11, 26, false }, /* the 4th */
        /*  5*/ { SP_WEEK_BIT(4), 2026, 11, 26, true },
        /*  6*/ { SP_WEEK_LAST, 2026, 11, 26, true },              /* 26 + 7 > 30 */
        /*  7*/ { SP_WEEK_LAST, 2026, 11, 23, false },             /* 23 + 7 = 30 */
        /*  8*/ { SP_WEEK_LAST, 2026, 11, 24, true },
        /*  9*/ { SP_WEEK_BIT(5), 2026, 11, 30, true },            /* 5th Monday */
        /* 10*/ { SP_WEEK_BIT(5), 2026, 11, 28, false },           /* 4th Saturday */
        /* 11*/ { SP_WEEK_LAST, 2028, 2, 23, true },               /* leap year: 29 days */
        /* 12*/ { SP_WEEK_LAST, 2028, 2, 22, false },
        /* 13*/ { SP_WEEK_LAST, 2027, 2, 22, true },               /* 28 days */
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "weeks 0x%02x on %d-%02d-%02d: %s", cases[i].weeks,
                 cases[i].y, cases[i].mo, cases[i].d, cases[i].runs ? "runs" : "does not run");
        OK(sp_when_runs_in_week(cases[i].weeks, cases[i].y, cases[i].mo, cases[i].d) ==
           cases[i].runs, "%s", name);
    }
}

static struct sp_meeting mkw(const char *name, unsigned days, int start, int end, unsigned weeks,
                             size_t idx)
{
    struct sp_meeting m = mk(name, days, start, end, idx);

    m.weeks = weeks;
    return m;
}

static void test_monthly(void)
{
    struct sp_meeting ms[] = {
        mkw("Mon last", SP_DAY_BIT(1), 19 * 60, 20 * 60, SP_WEEK_LAST, 0),
        mkw("Mon first", SP_DAY_BIT(1), 19 * 60, 20 * 60, SP_WEEK_BIT(1), 1),
        mkw("Tue first", SP_DAY_BIT(2), 19 * 60, 20 * 60, SP_WEEK_BIT(1), 2),
        mkw("Tue last", SP_DAY_BIT(2), 19 * 60, 20 * 60, SP_WEEK_LAST, 3),
        mkw("Tue 1st and 3rd", SP_DAY_BIT(2), 18 * 60, 19 * 60,
            SP_WEEK_BIT(1) | SP_WEEK_BIT(3), 4),
        mkw("Sat late, last week", SP_DAY_BIT(6), 23 * 60, 60, SP_WEEK_LAST, 5),
        mkw("Sat late, first week", SP_DAY_BIT(6), 23 * 60, 60, SP_WEEK_BIT(1), 6),
        mkw("Sun first", SP_DAY_BIT(0), 10 * 60, 11 * 60, SP_WEEK_BIT(1), 7),
        mkw("Sun 5th", SP_DAY_BIT(0), 10 * 60, 11 * 60, SP_WEEK_BIT(5), 8),
    };
    const struct sp_meeting *sel[sizeof ms / sizeof ms[0]];
    size_t n = sizeof ms / sizeof ms[0];
    struct sp_when_list l;
    struct sp_error err = { 0 };
    char buf[512];

    for (size_t i = 0; i < n; i++)
        sel[i] = &ms[i];

    /* Monday 30 November 2026 (the 5th and last Monday), tomorrow Tuesday 1 December */
    sp_when_select(sel, n, utc(2026, 11, 30, 12, 0), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "Mon last (next)",
           "30 November: the last-Monday meeting, not the first-Monday one");
    EQ_STR(names(&l, 1, buf, sizeof buf), "Tue 1st and 3rd, Tue first",
           "1 December (into the next month): the first-Tuesday meetings, not the last-Tuesday");
    sp_when_list_release(&l);

    /* Monday 23 November 2026: Tuesday 24th is the last Tuesday of November */
    sp_when_select(sel, n, utc(2026, 11, 23, 12, 0), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "", "23 November: the 4th Monday, not the last");
    EQ_STR(names(&l, 1, buf, sizeof buf), "Tue last (next)",
           "24 November: the last Tuesday (the 4th, not the 1st or 3rd)");
    sp_when_list_release(&l);

    /* Sunday 1 November 2026, 00:30 GMT: Saturday 31 October was the last (5th) Saturday;
       the day before is in the other month */
    sp_when_select(sel, n, utc(2026, 11, 1, 0, 30), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "Sat late, last week (on now), Sun first (next)",
           "1 November after midnight: last Saturday's late meeting from October is on now");
    sp_when_list_release(&l);

    /* Saturday 31 October 23:30 BST... (GMT after 25 October): the same meeting on its date */
    sp_when_select(sel, n, utc(2026, 10, 31, 23, 30), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "Sat late, last week (on now)",
           "31 October: the last-Saturday meeting is on, the first-Saturday one is not");
    EQ_STR(names(&l, 1, buf, sizeof buf), "Sun first (next)",
           "tomorrow, 1 November: the first-Sunday meeting");
    sp_when_list_release(&l);

    /* the week from Sunday 25 October: the 29th..31st are the last week, 1st November the
       first */
    sp_when_select(sel, n, utc(2026, 10, 25, 12, 0), "week", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "", "Sunday 25 October: neither 1st nor 5th Sunday");
    EQ_STR(names(&l, 1, buf, sizeof buf), "Mon last (next)", "Monday 26th: the last Monday");
    EQ_STR(names(&l, 2, buf, sizeof buf), "Tue last", "Tuesday 27th: the last Tuesday");
    EQ_STR(names(&l, 6, buf, sizeof buf), "Sat late, last week", "Saturday 31st: last Saturday");
    sp_when_list_release(&l);

    /* the week from Wednesday 25 November 2026: Sunday 29th is the 5th Sunday */
    sp_when_select(sel, n, utc(2026, 11, 25, 12, 0), "week", &l, &err);
    EQ_STR(names(&l, 4, buf, sizeof buf), "Sun 5th", "Sunday 29 November: the 5th Sunday");
    EQ_STR(names(&l, 5, buf, sizeof buf), "Mon last", "Monday 30th: the last Monday");
    EQ_STR(names(&l, 6, buf, sizeof buf), "Tue 1st and 3rd, Tue first",
           "Tuesday 1 December: first Tuesday");
    sp_when_list_release(&l);
}

/* A New York feed on a UK screen: the US clocks change three weeks before the UK's in
   March and one week after in October/November (2026: US 8 March and 1 November, UK
   29 March and 25 October). */
static void test_zones(void)
{
    struct sp_meeting ms[] = {
        mk("NY noon", SP_DAY_BIT(1), 12 * 60, 13 * 60, 0),   /* Mondays 12-1pm New York */
        mk("NY seven", SP_DAY_BIT(1), 19 * 60, 20 * 60, 1),  /* Mondays 7-8pm New York */
        mk("UK one", SP_DAY_BIT(1), 13 * 60, 14 * 60, 2),    /* Mondays 1-2pm UK */
    };
    const struct sp_meeting *sel[] = { &ms[0], &ms[1], &ms[2] };
    static const struct { int y, mo, d; int noon_shown; const char *what; } mondays[] = {
        /* 0*/ { 2026, 1, 12, 17 * 60, "January: EST and GMT, 5 hours" },
        /* 1*/ { 2026, 3, 16, 16 * 60, "16 March: EDT and GMT, 4 hours" },
        /* 2*/ { 2026, 3, 30, 17 * 60, "30 March: EDT and BST, 5 hours" },
        /* 3*/ { 2026, 10, 26, 16 * 60, "26 October: EDT and GMT, 4 hours" },
        /* 4*/ { 2026, 11, 2, 17 * 60, "2 November: EST and GMT, 5 hours" },
    };
    struct sp_when_list l;
    struct sp_error err = { 0 };
    char buf[512];

    ms[0].timezone = ms[1].timezone = "America/New_York";
    ms[2].timezone = "Europe/London";
    for (size_t i = 0; i < sizeof mondays / sizeof mondays[0]; i++) {
        char name[120];
        const struct sp_when_entry *e = NULL;
        time_t at = utc(mondays[i].y, mondays[i].mo, mondays[i].d, 9, 0);  /* 9 or 10am UK */

        sp_when_select(sel, 3, at, "today", &l, &err);
        for (size_t j = 0; j < l.n; j++)
            if (l.v[j].m == &ms[0])
                e = &l.v[j];
        snprintf(name, sizeof name, "%s: New York noon shows at %d:00 UK", mondays[i].what,
                 mondays[i].noon_shown / 60);
        OK(e && e->day == 0 && e->start_shown == mondays[i].noon_shown, "%s", name);
        OK(e && e->other_zone, "and is marked as listed in another zone");
        sp_when_list_release(&l);
    }

    /* 16 March 12:30 UK: the New York noon meeting is not on now (it starts at 4pm UK) */
    sp_when_select(sel, 3, parse("2026-03-16T12:30"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "UK one (next), NY noon, NY seven",
           "16 March 12:30 UK: New York noon is later, not on now; 7pm NY is 11pm UK today");
    EQ_INT(l.v[2].start_shown, 23 * 60, "7pm New York (EDT) is 11pm GMT");
    sp_when_list_release(&l);
    sp_when_select(sel, 3, parse("2026-03-16T16:30"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "NY noon (on now), NY seven (next)",
           "16 March 4.30pm UK: New York noon is on now");
    sp_when_list_release(&l);

    /* 30 March and 2 November: 7pm New York is midnight UK, so it is listed on Tuesday */
    sp_when_select(sel, 3, parse("2026-03-30T20:00"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "", "30 March 8pm UK: nothing more on Monday");
    EQ_STR(names(&l, 1, buf, sizeof buf), "NY seven (next)",
           "7pm New York Monday is Tuesday midnight UK (BST)");
    EQ_INT(l.v[0].start_shown, 0, "shown at midnight");
    sp_when_list_release(&l);
    sp_when_select(sel, 3, parse("2026-11-03T00:30"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "NY seven (on now)",
           "Tuesday 3 November 00:30 GMT: Monday's 7pm New York meeting is on now");
    OK(!l.v[0].started_yesterday, "it started today in UK time (midnight)");
    sp_when_list_release(&l);
    sp_when_select(sel, 3, parse("2026-10-26T23:30"), "today", &l, &err);
    EQ_STR(names(&l, 0, buf, sizeof buf), "NY seven (on now)",
           "Monday 26 October 11.30pm GMT: 7pm EDT started at 11pm UK");
    sp_when_list_release(&l);

    /* a New York screen: the UK meeting at 1pm UK is 8am or 9am there */
    memset(&err, 0, sizeof err);
    OK(sp_when_select_zone(sel, 3, utc(2026, 3, 16, 10, 0), "today", "America/New_York", &l,
                           &err) == 0, "select for a screen in New York");
    EQ_STR(names(&l, 0, buf, sizeof buf), "UK one (next), NY noon, NY seven",
           "16 March in New York: UK 1pm first");
    EQ_INT(l.v[0].start_shown, 9 * 60, "1pm GMT is 9am EDT");
    EQ_INT(l.v[1].start_shown, 12 * 60, "New York noon is noon there");
    OK(!l.v[1].other_zone, "and is not marked as another zone");
    sp_when_list_release(&l);
    memset(&err, 0, sizeof err);
    OK(sp_when_select_zone(sel, 3, 0, "today", "Nowhere/Atlantis", &l, &err) == -1 &&
       err.code == SP_ERR_RESOURCE, "a screen zone without data is an error");
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_parse);
    TEST_RUN(test_moment);
    TEST_RUN(test_select);
    TEST_RUN(test_clock_changes);
    TEST_RUN(test_weeks_of_month);
    TEST_RUN(test_monthly);
    TEST_RUN(test_zones);
    return test_done();
}
