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

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_days);
    TEST_RUN(test_rows);
    return test_done();
}
