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

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_parse);
    TEST_RUN(test_moment);
    TEST_RUN(test_select);
    TEST_RUN(test_clock_changes);
    return test_done();
}
