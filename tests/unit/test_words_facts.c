/*
 * test_words_facts.c - the wording of facts read from real feeds (issue 11): dial-ins
 * with tones, join details without a link, addresses of other countries and towns inside
 * venue names, and the subtitle that fits the fellowship.
 */
#include "base/mem.h"
#include "compose/compose.h"
#include "compose/words.h"
#include "../test.h"

#define NB "\xC2\xA0"

static void test_dial_in(void)
{
    static const struct {
        const char *phone, *meeting_id;
        int leave_off;
        const char *want;
    } cases[] = {
        /*  0*/ { "+16465588656,,867687734#,,#,,#", NULL, 0,
                  "+1" NB "646" NB "558" NB "8656, meeting" NB "ID" NB "867" NB "687" NB "734"
                  NB "#" },
        /*  1*/ { "+1 646 558 8656 then 867687734#", NULL, 0,
                  "+1" NB "646" NB "558" NB "8656, meeting" NB "ID" NB "867" NB "687" NB "734"
                  NB "#" },
        /*  2*/ { "+16465588656,,867687734#,,,,*123456#", NULL, 0,
                  "+1" NB "646" NB "558" NB "8656, meeting" NB "ID" NB "867" NB "687" NB "734"
                  NB "#, passcode" NB "123456" NB "#" },
        /* the passcode left off */
        /*  3*/ { "+16465588656,,867687734#,,,,*123456#", NULL, 1,
                  "+1" NB "646" NB "558" NB "8656, meeting" NB "ID" NB "867" NB "687" NB "734"
                  NB "#" },
        /* the meeting ID printed with the meeting is not said again */
        /*  4*/ { "+441632960101,,81234567890#", "812 3456 7890", 0, "01632" NB "960101" },
        /*  5*/ { "+442920180555,,4321#", NULL, 0,
                  "029" NB "2018" NB "0555, meeting" NB "ID" NB "4321" NB "#" },
        /*  6*/ { "0113 496 0123", NULL, 0, "0113" NB "496" NB "0123" },
        /*  7*/ { "+4930123456789,,123456789#", NULL, 0,
                  "+49" NB "301" NB "234" NB "56" NB "789, meeting" NB "ID" NB "123" NB "456"
                  NB "789" NB "#" },
        /*  8*/ { "+49 30 1234567", NULL, 0, "+49" NB "30" NB "1234567" },
        /*  9*/ { "ask the secretary", NULL, 0, "ask" NB "the" NB "secretary" },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_meeting m;
        char name[64];
        memset(&m, 0, sizeof m);
        m.phone = cases[i].phone;
        m.meeting_id = cases[i].meeting_id;
        snprintf(name, sizeof name, "dial-in %zu", i);
        EQ_STR(sp_words_dial_in(&m, cases[i].leave_off, &a), cases[i].want, name);
    }
    {
        struct sp_meeting m;
        memset(&m, 0, sizeof m);
        m.phone = "+16465588656,,867687734#,,,,*123456#";
        EQ_STR(sp_words_phone(&m, &a), "+1" NB "646" NB "558" NB "8656, meeting" NB "ID" NB
               "867" NB "687" NB "734" NB "#", "sp_words_phone never prints a passcode");
    }
    sp_arena_free(&a);
}

static void test_access_and_place(void)
{
    struct sp_arena a;
    struct sp_meeting m;

    sp_arena_init(&a);
    memset(&m, 0, sizeof m);
    m.attendance = SP_ATTEND_ONLINE;
    m.provider = "GoToMeeting";
    m.meeting_id = "869 747 141";
    EQ_STR(sp_words_access(&m, false, &a), "On GoToMeeting: meeting ID 869" NB "747" NB "141",
           "no link: join on the service's site with the ID");
    m.url = "https://zoom.us/j/81234567890";
    m.provider = "Zoom";
    m.meeting_id = "812 3456 7890";
    m.passcode = "292 718-013";
    EQ_STR(sp_words_access(&m, false, &a), "Meeting ID 812" NB "3456" NB "7890, passcode 292" NB
           "718-013", "a link: ID and passcode");
    EQ_STR(sp_words_access(&m, true, &a), "Meeting ID 812" NB "3456" NB "7890",
           "passcode left off");

    memset(&m, 0, sizeof m);
    m.attendance = SP_ATTEND_IN_PERSON;
    m.venue = "Leeds Central Library";
    m.address = "Calverley St";
    m.town = "Leeds";
    m.postcode = "LS1 3AB";
    EQ_STR(sp_words_place(&m, &a), "Leeds Central Library, Calverley St, Leeds" NB "LS1" NB
           "3AB", "a town inside the venue's name is still said");
    m.venue = "Gemeindehaus";
    m.address = "Hauptstra\xc3\x9f" "e 5";
    m.town = "Berlin";
    m.postcode = "10115";
    m.postcode_first = true;
    EQ_STR(sp_words_place(&m, &a), "Gemeindehaus, Hauptstra\xc3\x9f" "e 5, 10115" NB "Berlin",
           "a German postcode before the town");
    m.venue = "Berlin";
    m.address = NULL;
    EQ_STR(sp_words_place(&m, &a), "Berlin, 10115" NB "Berlin", "venue and town both kept");
    m.venue = "Hall";
    m.address = "1 High St";
    m.town = "Hall";
    m.postcode = NULL;
    m.postcode_first = false;
    EQ_STR(sp_words_place(&m, &a), "Hall, 1 High St", "a true repeat is said once");
    sp_arena_free(&a);
}

static void test_subtitle(void)
{
    static const struct { const char *f1, *f2, *want; } cases[] = {
        /*  0*/ { "Alcoholics Anonymous", NULL,
                  "Drinking a problem? You don't have to do it alone." },
        /*  1*/ { "Alcoholics Anonymous", "Narcotics Anonymous",
                  "Drugs or alcohol a problem? You don't have to do it alone." },
        /*  2*/ { "SMART Recovery", NULL,
                  "Drugs or alcohol a problem? You don't have to do it alone." },
        /*  3*/ { "Narcotics Anonymous", "Cocaine Anonymous",
                  "Drugs a problem? You don't have to do it alone." },
        /*  4*/ { "Al-Anon Family Groups", NULL,
                  "Worried about someone's drinking? You don't have to do it alone." },
        /*  5*/ { "Gamblers Anonymous", NULL,
                  "Gambling a problem? You don't have to do it alone." },
        /*  6*/ { "Eating Disorders Anonymous", NULL,
                  "Struggling with food? You don't have to do it alone." },
        /* unknown or mixed: neutral */
        /*  7*/ { NULL, NULL, "You don't have to do it alone." },
        /*  8*/ { "Alcoholics Anonymous", "", "You don't have to do it alone." },
        /*  9*/ { "Alcoholics Anonymous", "Gamblers Anonymous", "You don't have to do it alone." },
        /* 10*/ { "Debtors Anonymous", NULL, "You don't have to do it alone." },
    };
    struct sp_settings s;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_meeting m1, m2;
        const struct sp_meeting *v[2] = { &m1, &m2 };
        struct sp_compose_in in;
        char name[64];
        memset(&m1, 0, sizeof m1);
        memset(&m2, 0, sizeof m2);
        memset(&in, 0, sizeof in);
        m1.fellowship = cases[i].f1;
        m2.fellowship = cases[i].f2 && *cases[i].f2 ? cases[i].f2 : NULL;
        in.meetings = v;
        in.n = cases[i].f2 ? 2 : 1;
        snprintf(name, sizeof name, "subtitle %zu", i);
        EQ_STR(sp_words_subtitle(&in), cases[i].want, name);
    }
    {
        struct sp_meeting m;
        const struct sp_meeting *v[1] = { &m };
        struct sp_compose_in in;
        memset(&m, 0, sizeof m);
        memset(&in, 0, sizeof in);
        sp_settings_defaults(&s);
        m.fellowship = "Alcoholics Anonymous";
        in.meetings = v;
        in.n = 1;
        in.settings = &s;
        s.subtitle = "Our own words.";
        EQ_STR(sp_words_subtitle(&in), "Our own words.", "the settings' subtitle wins");
        in.subtitle = "Typed words.";
        EQ_STR(sp_words_subtitle(&in), "Typed words.", "--subtitle wins over all");
    }
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_dial_in);
    TEST_RUN(test_access_and_place);
    TEST_RUN(test_subtitle);
    return test_done();
}
