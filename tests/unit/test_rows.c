/*
 * test_rows.c - merged rows (records that print the same become one row with all their
 * days) and the wording of their days ("Monday to Friday", "Mon, Wed, Fri", "Every day").
 */
#include <stdio.h>
#include <string.h>

#include "../test.h"
#include "compose/compose.h"
#include "compose/words.h"

#define MON SP_DAY_BIT(1)
#define TUE SP_DAY_BIT(2)
#define WED SP_DAY_BIT(3)
#define THU SP_DAY_BIT(4)
#define FRI SP_DAY_BIT(5)
#define SAT SP_DAY_BIT(6)
#define SUN SP_DAY_BIT(0)

static void test_days(void)
{
    static const struct {
        unsigned days;
        int start;
        const char *lng, *shrt;
    } cases[] = {
        /*  0*/ { SP_ALL_DAYS, -1, "Every day", "Every day" },
        /*  1*/ { MON | TUE | WED | THU | FRI, -1, "Monday to Friday",
                  "Mon\xC2\xA0to\xC2\xA0" "Fri" },
        /*  2*/ { MON | WED | FRI, -1, "Monday, Wednesday and Friday", "Mon, Wed, Fri" },
        /*  3*/ { TUE, -1, "Tuesday", "Tue" },
        /*  4*/ { MON | THU, -1, "Monday and Thursday", "Mon, Thu" },
        /*  5*/ { SAT | SUN, -1, "Saturday and Sunday", "Sat, Sun" },
        /*  6*/ { MON | TUE | WED | FRI | SUN, -1, "Monday to Wednesday, Friday and Sunday",
                  "Mon\xC2\xA0to\xC2\xA0Wed, Fri, Sun" },
        /*  7*/ { SUN | MON | TUE, 0, "Sunday to Tuesday", "Sun\xC2\xA0to\xC2\xA0Tue" },
        /*  8*/ { SUN | MON | TUE, -1, "Monday, Tuesday and Sunday", "Mon, Tue, Sun" },
        /*  9*/ { SP_ALL_DAYS & ~SAT, -1, "Monday to Friday and Sunday",
                  "Mon\xC2\xA0to\xC2\xA0" "Fri, Sun" },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "days %zu long", i);
        EQ_STR(sp_words_days(cases[i].days, cases[i].start, SP_DAYS_LONG, &a), cases[i].lng,
               name);
        snprintf(name, sizeof name, "days %zu short", i);
        EQ_STR(sp_words_days(cases[i].days, cases[i].start, SP_DAYS_SHORT, &a), cases[i].shrt,
               name);
    }
    sp_arena_free(&a);
}

static struct sp_meeting meeting(const char *name, unsigned days, int start, size_t index)
{
    struct sp_meeting m = { 0 };
    m.name = name;
    m.fellowship = "Alcoholics Anonymous";
    m.days = days;
    m.start_min = start;
    m.end_min = start + 60;
    m.venue = "Hall";
    m.town = "Cardiff";
    m.index = index;
    return m;
}

static void test_rows(void)
{
    struct sp_meeting ms[8];
    const struct sp_meeting *sel[8];
    struct sp_compose_in in = { 0 };
    struct sp_row *rows;
    struct sp_arena a;
    size_t n;

    /* five records of one lunchtime meeting (one per weekday), given out of order */
    ms[0] = meeting("Lunchtime", WED, 720, 0);
    ms[1] = meeting("Lunchtime", MON, 720, 1);
    ms[2] = meeting("Lunchtime", FRI, 720, 2);
    ms[3] = meeting("Lunchtime", TUE | THU, 720, 3);
    /* the same name at another time is another row */
    ms[4] = meeting("Lunchtime", WED, 780, 4);
    /* the same meeting on Monday but a different place: not merged */
    ms[5] = meeting("Lunchtime", MON, 720, 5);
    ms[5].venue = "Library";
    /* an evening meeting on Sunday, and one with no fellowship known */
    ms[6] = meeting("Evening", SUN, 1140, 6);
    ms[7] = meeting("Evening", SUN, 1140, 7);
    ms[7].fellowship = NULL;
    for (int i = 0; i < 8; i++)
        sel[i] = &ms[i];
    in.meetings = sel;
    in.n = 8;
    in.start_day = -1;

    sp_arena_init(&a);
    n = sp_compose_rows(&in, &a, &rows);
    EQ_INT(n, 5, "five rows from eight records");
    EQ_INT(rows[0].days, MON | TUE | WED | THU | FRI, "row 0: Monday to Friday");
    EQ_INT(rows[0].nsame, 4, "row 0 merges four records");
    OK(rows[0].m == &ms[0] && rows[0].same[1] == &ms[1] && rows[0].same[3] == &ms[3],
       "row 0 keeps its records in directory order");
    EQ_INT(rows[0].first_day, 1, "row 0 starts on Monday");
    OK(rows[1].m == &ms[5], "row 1: the other venue on Monday");
    OK(rows[2].m == &ms[4] && rows[2].first_day == 3, "row 2: 1pm on Wednesday");
    OK(rows[3].m == &ms[6] && rows[4].m == &ms[7], "Sunday last, unknown fellowship apart");
    EQ_INT(rows[3].first_day, 0, "row 3 on Sunday");

    /* a week that starts on Sunday puts Sunday's rows first */
    in.start_day = 0;
    n = sp_compose_rows(&in, &a, &rows);
    OK(n == 5 && rows[0].m == &ms[6], "week from Sunday: Sunday first");

    /* nothing selected */
    in.n = 0;
    EQ_INT(sp_compose_rows(&in, &a, &rows), 0, "no meetings, no rows");
    sp_arena_free(&a);
}

/* Records merge only when everything printed is the same: each field, the times, the
   attendance and the type list in turn made different from an otherwise equal record. */
static void test_rows_differ(void)
{
    static const struct sp_type open_t[] = { { "O", "Open", NULL, true } };
    static const struct sp_type closed_t[] = { { "C", "Closed", NULL, true } };
    static const char *const what[] = {
        "name", "fellowship", "venue", "address", "town", "postcode", "formatted address",
        "region", "sub-region", "location notes", "link", "phone", "meeting ID",
        "passcode", "notes", "time zone", "group", "end time", "attendance", "weeks",
        "http link", "types", "no types"
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t c = 0; c < G_N_ELEMENTS(what); c++) {
        struct sp_meeting ms[2];
        const struct sp_meeting *sel[2] = { &ms[0], &ms[1] };
        struct sp_compose_in in = { 0 };
        struct sp_row *rows;
        const char **f;
        char name[80];

        ms[0] = meeting("Hope", MON, 1140, 0);
        ms[0].types = open_t;
        ms[0].ntypes = 1;
        ms[1] = ms[0];
        ms[1].days = TUE;
        ms[1].index = 1;
        /* the text fields in row order; NULL in one of the two, then a different text */
        {
            const char **v[] = {
                &ms[1].name, &ms[1].fellowship, &ms[1].venue, &ms[1].address, &ms[1].town,
                &ms[1].postcode, &ms[1].formatted_address, &ms[1].region, &ms[1].sub_region,
                &ms[1].location_notes, &ms[1].url, &ms[1].phone, &ms[1].meeting_id,
                &ms[1].passcode, &ms[1].notes, &ms[1].timezone, &ms[1].group
            };
            f = c < G_N_ELEMENTS(v) ? v[c] : NULL;
            if (f)
                *f = *f ? "Other" : "Given";
        }
        if (c == 17)
            ms[1].end_min += 30;
        if (c == 18)
            ms[1].attendance = SP_ATTEND_HYBRID;
        if (c == 19)
            ms[1].weeks = SP_WEEK_BIT(1);
        if (c == 20)
            ms[1].url_is_http = true;
        if (c == 21)
            ms[1].types = closed_t;
        if (c == 22)
            ms[1].ntypes = 0;
        in.meetings = sel;
        in.n = 2;
        in.start_day = -1;
        snprintf(name, sizeof name, "a different %s: two rows", what[c]);
        EQ_INT(sp_compose_rows(&in, &a, &rows), 2, name);
    }
    {
        /* the same words in other copies: one row with both days */
        char name_copy[] = "Hope", venue_copy[] = "Hall", code_copy[] = "O";
        struct sp_type t_copy[] = { { code_copy, "Open", NULL, true } };
        struct sp_meeting ms[2];
        const struct sp_meeting *sel[2] = { &ms[0], &ms[1] };
        struct sp_compose_in in = { 0 };
        struct sp_row *rows;

        ms[0] = meeting("Hope", MON, 1140, 0);
        ms[0].types = open_t;
        ms[0].ntypes = 1;
        ms[1] = meeting(name_copy, TUE, 1140, 1);
        ms[1].venue = venue_copy;
        ms[1].types = t_copy;
        ms[1].ntypes = 1;
        in.meetings = sel;
        in.n = 2;
        in.start_day = -1;
        EQ_INT(sp_compose_rows(&in, &a, &rows), 1, "the same words in other copies: one row");
        EQ_INT(rows[0].days, MON | TUE, "with both days");
    }
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_days);
    TEST_RUN(test_rows);
    TEST_RUN(test_rows_differ);
    return test_done();
}
