/*
 * test_input_normalize.c - text cleaning, days, times, postcodes, address splitting.
 */
#include "base/mem.h"
#include "input/model.h"
#include "input/normalize.h"
#include "../test.h"

static void test_clean(void)
{
    static const struct {
        const char *in;
        unsigned flags;
        const char *want;
        int repaired;
    } cases[] = {
        /*  0*/ { "  Hope  Group ", 0, "Hope Group", 0 },
        /*  1*/ { "Tom &amp; Jerry&#39;s", SP_CLEAN_HTML, "Tom & Jerry's", 0 },
        /*  2*/ { "It&rsquo;s &ldquo;open&rdquo; &#x2013; &hellip;", SP_CLEAN_HTML,
                  "It\u2019s \u201copen\u201d \u2013 \u2026", 0 },
        /*  3*/ { "Tom &amp; Jerry", 0, "Tom &amp; Jerry", 0 },
        /*  4*/ { "&bogus; &#0; &#xD800; & x", SP_CLEAN_HTML, "&bogus; &#0; &#xD800; & x", 0 },
        /*  5*/ { "St\xC2\xA0Mary\xE2\x80\xAF" "Hall", 0, "St Mary Hall", 0 },
        /*  6*/ { "\xE2\x80\x8F\xE2\x80\xAB" "Caf\xC3\xA9\xE2\x80\xAC\xE2\x81\xA9", 0,
                  "Caf\xC3\xA9", 0 },
        /*  7*/ { "\xEF\xBB\xBFName\xE2\x80\x8B", 0, "Name", 0 },
        /*  8*/ { "line one\r\nline two\r\n\r\n\r\nline three", SP_CLEAN_MULTILINE,
                  "line one\nline two\n\nline three", 0 },
        /*  9*/ { "line one\r\nline two", 0, "line one line two", 0 },
        /* 10*/ { "Bad \xFF byte", 0, "Bad \xEF\xBF\xBD byte", 1 },
        /* 11*/ { "   ", 0, NULL, 0 },
        /* 12*/ { "", 0, NULL, 0 },
        /* 13*/ { "tab\there\x01\x7F", 0, "tab here", 0 },
        /* 14*/ { "Ring<br>the bell<br/>twice", SP_CLEAN_HTML | SP_CLEAN_MULTILINE,
                  "Ring\nthe bell\ntwice", 0 },
        /* 15*/ { "<b>Bold</b> and <3", SP_CLEAN_HTML, "Bold and <3", 0 },
        /* 16*/ { "&nbsp;", SP_CLEAN_HTML, NULL, 0 },
        /* 17*/ { "Llanf\xC5\xB5 &amp; Ll\xC5\xB7n", SP_CLEAN_HTML,
                  "Llanf\xC5\xB5 & Ll\xC5\xB7n", 0 },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool rep = false;
        char name[64];
        const char *got = sp_text_clean(&a, cases[i].in, strlen(cases[i].in), cases[i].flags,
                                        &rep);
        snprintf(name, sizeof name, "clean %zu", i);
        EQ_STR(got, cases[i].want, name);
        snprintf(name, sizeof name, "clean %zu repaired flag", i);
        EQ_INT(rep, cases[i].repaired, name);
    }
    {
        /* a NUL inside the length counts as invalid */
        bool rep = false;
        const char *got = sp_text_clean(&a, "a\0b", 3, 0, &rep);
        EQ_STR(got, "a\xEF\xBF\xBD" "b", "NUL replaced");
        EQ_INT(rep, 1, "NUL repaired flag");
    }
    sp_arena_free(&a);
}

static void test_days(void)
{
    static const struct { const char *in; int want; } cases[] = {
        /*  0*/ { "0", 0 }, /*  1*/ { "6", 6 }, /*  2*/ { "7", -1 },
        /*  3*/ { "Sunday", 0 }, /*  4*/ { "monday", 1 }, /*  5*/ { "TUE", 2 },
        /*  6*/ { "Tues", 2 }, /*  7*/ { "Weds", 3 }, /*  8*/ { "Thurs.", 4 },
        /*  9*/ { "thu", 4 }, /* 10*/ { "Th", 4 }, /* 11*/ { "Fri", 5 },
        /* 12*/ { " Saturday ", 6 }, /* 13*/ { "Mondays", 1 }, /* 14*/ { "Mnday", -1 },
        /* 15*/ { "", -1 }, /* 16*/ { "S", -1 }, /* 17*/ { "T", -1 },
        /* 18*/ { "Wednesday", 3 }, /* 19*/ { "sat", 6 }, /* 20*/ { "-1", -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "day %zu '%s'", i, cases[i].in);
        EQ_INT(sp_day_parse(cases[i].in), cases[i].want, name);
    }

    static const struct { const char *in; unsigned want; const char *bad; } lists[] = {
        /*  0*/ { "Monday, Wednesday", SP_DAY_BIT(1) | SP_DAY_BIT(3), "" },
        /*  1*/ { "Tue and Thu", SP_DAY_BIT(2) | SP_DAY_BIT(4), "" },
        /*  2*/ { "1;2/3", SP_DAY_BIT(1) | SP_DAY_BIT(2) | SP_DAY_BIT(3), "" },
        /*  3*/ { "Monday, Funday", 0, "Funday" },
        /*  4*/ { "Sat & Sun", SP_DAY_BIT(6) | SP_DAY_BIT(0), "" },
        /*  5*/ { "", 0, "" },
        /*  6*/ { "Daily", SP_ALL_DAYS, "" },
        /*  7*/ { "Mon-Fri", 0x3Eu, "" },
        /*  8*/ { "Monday to Wednesday, Saturday", 0x4Eu, "" },
        /*  9*/ { "Sat-Sun", 0x41u, "" },
        /* 10*/ { "Mon-Funday", 0, "Mon-Funday" },
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        char name[64], bad[32] = "";
        snprintf(name, sizeof name, "days list %zu", i);
        EQ_INT(sp_days_parse(lists[i].in, bad, sizeof bad), lists[i].want, name);
        snprintf(name, sizeof name, "days list %zu bad item", i);
        EQ_STR(bad, lists[i].bad, name);
    }
}

static void test_times(void)
{
    static const struct { const char *in; int want; } cases[] = {
        /*  0*/ { "19:00", 1140 }, /*  1*/ { "7pm", 1140 }, /*  2*/ { "6:00 PM", 1080 },
        /*  3*/ { "19.30", 1170 }, /*  4*/ { "7.30pm", 1170 }, /*  5*/ { "19:00:00", 1140 },
        /*  6*/ { "12:00 am", 0 }, /*  7*/ { "12pm", 720 }, /*  8*/ { "12:30 p.m.", 750 },
        /*  9*/ { "9:15 a.m.", 555 }, /* 10*/ { "07:05", 425 }, /* 11*/ { "7:5", -1 },
        /* 12*/ { "25:00", -1 }, /* 13*/ { "13pm", -1 }, /* 14*/ { "noon", 720 },
        /* 15*/ { "Midnight", 0 }, /* 16*/ { "1900", 1140 }, /* 17*/ { "", -1 },
        /* 18*/ { "evening", -1 }, /* 19*/ { "24:00", 0 }, /* 20*/ { "7 PM", 1140 },
        /* 21*/ { "10:60", -1 }, /* 22*/ { " 08:00 ", 480 }, /* 23*/ { "8am", 480 },
        /* 24*/ { "01:30:00", 90 }, /* 25*/ { "7p", 1140 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "time %zu '%s'", i, cases[i].in);
        EQ_INT(sp_time_parse(cases[i].in), cases[i].want, name);
    }
}

static void test_postcodes(void)
{
    static const struct { const char *in; const char *want; } cases[] = {
        /*  0*/ { "CF10 1AA", "CF10 1AA" }, /*  1*/ { "cf101aa", "CF10 1AA" },
        /*  2*/ { "WC2H 0EW", "WC2H 0EW" }, /*  3*/ { "M1 1AE", "M1 1AE" },
        /*  4*/ { "B33 8TH", "B33 8TH" }, /*  5*/ { "LL55 4UL", "LL55 4UL" },
        /*  6*/ { "EC1A 1BB", "EC1A 1BB" }, /*  7*/ { "GIR 0AA", "GIR 0AA" },
        /*  8*/ { "60641", NULL }, /*  9*/ { "CF10", NULL }, /* 10*/ { "1AA 1AA", NULL },
        /* 11*/ { "CF10 1A", NULL }, /* 12*/ { "ABCDE 1AA", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[9] = "", name[64];
        bool ok = sp_postcode_parse(cases[i].in, strlen(cases[i].in), out);
        snprintf(name, sizeof name, "postcode %zu '%s'", i, cases[i].in);
        EQ_STR(ok ? out : NULL, cases[i].want, name);
    }
}

static void test_address(void)
{
    static const struct {
        const char *in, *street, *town, *postcode;
        int physical;
    } cases[] = {
        /*  0*/ { "125 Charing Cross Rd, London WC2H 0EW, UK", "125 Charing Cross Rd", "London",
                  "WC2H 0EW", 1 },
        /*  1*/ { "1 High St, Cardiff, CF10 1AA", "1 High St", "Cardiff", "CF10 1AA", 1 },
        /*  2*/ { "St Mary's Hall, 1 High St, Cardiff CF10 1AA, United Kingdom",
                  "St Mary's Hall, 1 High St", "Cardiff", "CF10 1AA", 1 },
        /*  3*/ { "4953 W Addison St, Chicago, IL 60641, USA", "4953 W Addison St", "Chicago",
                  "IL 60641", 1 },
        /*  4*/ { "Cardiff, Wales, UK", NULL, "Cardiff", NULL, 0 },
        /*  5*/ { "1 High St, CF10 1AA", "1 High St", NULL, "CF10 1AA", 1 },
        /*  6*/ { "Caernarfon LL55 4UL", NULL, "Caernarfon", "LL55 4UL", 1 },
        /*  7*/ { "Y Stryd Fawr, Llanrwst", "Y Stryd Fawr", "Llanrwst", NULL, 1 },
        /*  8*/ { "12 Heol y Frenhines", "12 Heol y Frenhines", NULL, NULL, 1 },
        /*  9*/ { "2 Quay St, Leeds ls1 4dt, England, UK", "2 Quay St", "Leeds", "LS1 4DT", 1 },
        /* approximate addresses of online meetings name no place to go */
        /* 10*/ { "Chicago, IL, USA", "Chicago", "IL", NULL, 0 },
        /* 11*/ { "Cardiff CF10, UK", NULL, "Cardiff CF10", NULL, 0 },
        /* 12*/ { "Online, Leeds", "Online", "Leeds", NULL, 0 },
        /* other countries' postcodes are kept (issue 11) */
        /* 13*/ { "2212 Quimby Rd, San Jose, CA 95122, USA", "2212 Quimby Rd", "San Jose",
                  "CA 95122", 1 },
        /* 14*/ { "Hauptstra\xc3\x9f" "e 5, 10115 Berlin, Deutschland", "Hauptstra\xc3\x9f" "e 5",
                  "Berlin", "10115", 1 },
        /* 15*/ { "519 Church St, Toronto, ON M4Y 2C9, Canada", "519 Church St", "Toronto",
                  "ON M4Y 2C9", 1 },
        /* 16*/ { "Kerkstraat 1, 1017 GC Amsterdam, Nederland", "Kerkstraat 1", "Amsterdam",
                  "1017 GC", 1 },
        /* 17*/ { "37 Skowhegan Rd, Fairfield, ME, 04937, USA", "37 Skowhegan Rd", "Fairfield",
                  "ME 04937", 1 },
        /* 18*/ { "Berlin, 10115", "Berlin", "10115", NULL, 0 },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_address ad;
        char name[64];
        sp_address_split(&a, cases[i].in, &ad);
        snprintf(name, sizeof name, "address %zu street", i);
        EQ_STR(ad.street, cases[i].street, name);
        snprintf(name, sizeof name, "address %zu town", i);
        EQ_STR(ad.town, cases[i].town, name);
        snprintf(name, sizeof name, "address %zu postcode", i);
        EQ_STR(ad.postcode, cases[i].postcode, name);
        snprintf(name, sizeof name, "address %zu physical", i);
        EQ_INT(ad.physical, cases[i].physical, name);
    }
    sp_arena_free(&a);
}

/* issue 11: postcodes written alone, the German order, streets written two ways */
static void test_address_more(void)
{
    static const struct { const char *in; int foreign; } pcs[] = {
        /*  0*/ { "95122", 1 }, /*  1*/ { "95122-1234", 1 }, /*  2*/ { "10115", 1 },
        /*  3*/ { "8001", 1 }, /*  4*/ { "1017 GC", 1 }, /*  5*/ { "M4Y 2C9", 1 },
        /*  6*/ { "CF10 1AA", 0 }, /*  7*/ { "123", 0 }, /*  8*/ { "Cardiff", 0 },
    };
    static const struct { const char *a, *b; int same; } streets[] = {
        /*  0*/ { "2212 Quimby Road", "2212 Quimby Rd", 1 },
        /*  1*/ { "2212 Quimby Rd.", "2212 quimby road", 1 },
        /*  2*/ { "1 High Street", "1 High St", 1 },
        /*  3*/ { "4953 West Addison Street", "4953 W Addison St", 1 },
        /*  4*/ { "2212 Quimby Road", "2214 Quimby Road", 0 },
        /*  5*/ { "Leeds Central Library", "1 Calverley St", 0 },
        /*  6*/ { "St Mary's Hall", "St Mary's Road", 0 },
    };
    struct sp_arena a;
    struct sp_address ad;

    for (size_t i = 0; i < sizeof pcs / sizeof pcs[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "foreign postcode %zu", i);
        EQ_INT(sp_postcode_foreign(pcs[i].in), pcs[i].foreign, name);
    }
    for (size_t i = 0; i < sizeof streets / sizeof streets[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "same street %zu", i);
        EQ_INT(sp_same_street(streets[i].a, streets[i].b), streets[i].same, name);
    }
    sp_arena_init(&a);
    sp_address_split(&a, "Hauptstr. 5, 10115 Berlin", &ad);
    EQ_INT(ad.postcode_first, 1, "German: the postcode goes first");
    sp_address_split(&a, "2212 Quimby Rd, San Jose, CA 95122", &ad);
    EQ_INT(ad.postcode_first, 0, "US: the ZIP goes after the town");
    sp_address_split(&a, "125 Charing Cross Rd, London WC2H 0EW", &ad);
    EQ_INT(ad.postcode_first, 0, "UK: the postcode goes after the town");
    sp_arena_free(&a);
}

/* weeks of the month, as real feeds write them (issue 10 item 2) */
static void test_weeks(void)
{
    static const struct { const char *in; int whole; unsigned weeks; } cases[] = {
        /*  0*/ { "First Thursday Speaker Meeting", 0, SP_WEEK_BIT(1) },
        /*  1*/ { "Meets on the 1st & 3rd Mondays", 0, SP_WEEK_BIT(1) | SP_WEEK_BIT(3) },
        /*  2*/ { "1st and 3rd Monday", 0, SP_WEEK_BIT(1) | SP_WEEK_BIT(3) },
        /*  3*/ { "Last Friday of the month", 0, SP_WEEK_LAST },
        /*  4*/ { "2nd and 4th week", 0, SP_WEEK_BIT(2) | SP_WEEK_BIT(4) },
        /*  5*/ { "second Sunday of each month", 0, SP_WEEK_BIT(2) },
        /*  6*/ { "1. Woche d. Monats", 0, SP_WEEK_BIT(1) },
        /*  7*/ { "1. und 3. Woche", 0, SP_WEEK_BIT(1) | SP_WEEK_BIT(3) },
        /*  8*/ { "letzter Montag im Monat", 0, SP_WEEK_LAST },
        /*  9*/ { "Wo1", 1, SP_WEEK_BIT(1) },
        /* 10*/ { "Wo5", 1, SP_WEEK_BIT(5) },
        /* 11*/ { "1st & 3rd", 1, SP_WEEK_BIT(1) | SP_WEEK_BIT(3) },
        /* 12*/ { "First Sunday", 1, SP_WEEK_BIT(1) },
        /* not weeks */
        /* 13*/ { "1st & 3rd", 0, 0 },
        /* 14*/ { "First Step Group", 0, 0 },
        /* 15*/ { "Last Chance Group", 0, 0 },
        /* 16*/ { "Every 2 weeks", 0, 0 },
        /* 17*/ { "12 Steps and 12 Traditions", 0, 0 },
        /* 18*/ { "Fourth of July picnic", 0, 0 },
        /* 19*/ { "W1", 1, 0 },
        /* 20*/ { NULL, 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "weeks %zu", i);
        EQ_INT(sp_weeks_parse(cases[i].in, cases[i].whole), cases[i].weeks, name);
    }
}

/* time zones named in meeting names and notes */
static void test_zones(void)
{
    static const struct { const char *in, *zone; } cases[] = {
        /*  0*/ { "Noon Meeting 1:30pm Eastern", "America/New_York" },
        /*  1*/ { "Daily Reflections (7pm Pacific)", "America/Los_Angeles" },
        /*  2*/ { "Starts 19:00 CET", "Europe/Berlin" },
        /*  3*/ { "Tuesday Night (Eastern Time)", "America/New_York" },
        /*  4*/ { "7 p.m. Central", "America/Chicago" },
        /*  5*/ { "8am EST", "America/New_York" },
        /*  6*/ { "12 Central Library Group", NULL },
        /*  7*/ { "Eastern Europe Group", NULL },
        /*  8*/ { "Hope at 7pm", NULL },
        /*  9*/ { NULL, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "zone %zu", i);
        EQ_STR(sp_zone_from_text(cases[i].in), cases[i].zone, name);
    }
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_clean);
    TEST_RUN(test_days);
    TEST_RUN(test_times);
    TEST_RUN(test_postcodes);
    TEST_RUN(test_address);
    TEST_RUN(test_address_more);
    TEST_RUN(test_weeks);
    TEST_RUN(test_zones);
    return test_done();
}
