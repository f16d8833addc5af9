/*
 * test_input_facts.c - the feed shapes of issue 11 (and the monthly weeks and time zones
 * of issue 10), each read from a small fictional record: the fact that ends up in the
 * model and the exact message about it.
 */
#include <glib.h>

#include "base/error.h"
#include "base/mem.h"
#include "input/directory.h"
#include "../test.h"

struct run {
    struct sp_directory dir;
    struct sp_arena arena;
    struct sp_diag diag;
    struct sp_error err;
    int rc;
};

static void load(struct run *r, const char *data, const struct sp_source_opts *o)
{
    memset(r, 0, sizeof *r);
    sp_directory_init(&r->dir);
    sp_arena_init(&r->arena);
    sp_diag_init(&r->diag);
    r->rc = sp_directory_load_mem(&r->dir, "f", data, strlen(data), o, &r->arena, &r->diag,
                                  &r->err);
    sp_diag_compact(&r->diag);
}

static void done(struct run *r)
{
    sp_diag_release(&r->diag);
    sp_directory_release(&r->dir);
    sp_arena_free(&r->arena);
}

static const struct sp_meeting *find(const struct run *r, const char *name)
{
    for (size_t i = 0; i < r->dir.n; i++)
        if (!strcmp(r->dir.meetings[i].name, name))
            return &r->dir.meetings[i];
    return NULL;
}

/* The formatted diagnostics, one per line. */
static const char *diags(struct run *r)
{
    GString *g = g_string_new(NULL);
    const char *s;

    for (size_t i = 0; i < r->diag.n; i++) {
        char buf[1200];
        sp_diag_format(&r->diag.v[i], buf, sizeof buf);
        g_string_append_printf(g, "%s%s", i ? "\n" : "", buf);
    }
    s = sp_arena_strdup(&r->arena, g->str);
    g_string_free(g, TRUE);
    return s;
}

#define REC(extra) "{\"day\":1,\"time\":\"19:00\"," extra "}"

/* A Meeting Guide feed names no fellowship: none, unless --as or the settings say. */
static void test_fellowship(void)
{
    static const char mg[] = "[" REC("\"name\":\"A\",\"formatted_address\":\"1 High St, "
                                     "Cardiff CF10 1AA\"") "]";
    static const char bmlt[] =
        "[{\"id_bigint\":\"1\",\"meeting_name\":\"B\",\"weekday_tinyint\":\"2\","
        "\"start_time\":\"19:00:00\",\"venue_type\":\"1\",\"location_street\":\"1 High St\","
        "\"location_municipality\":\"Bristol\"}]";
    static const char csv[] = "Name,Day,Time,Address,Fellowship\nC,Monday,19:00,1 High St,"
                              "SMART Recovery\nD,Monday,19:00,1 High St,\n";
    struct sp_source_opts none = { .format = SP_FORMAT_AUTO };
    struct sp_source_opts as = { .fellowship = "Eating Disorders Anonymous" };
    struct sp_source_opts settings = { .fallback_fellowship = "Alcoholics Anonymous" };
    struct run r;

    load(&r, mg, &none);
    EQ_STR(r.dir.meetings[0].fellowship, NULL, "MG without fellowship: none");
    done(&r);
    load(&r, mg, &as);
    EQ_STR(r.dir.meetings[0].fellowship, "Eating Disorders Anonymous", "MG with --as");
    done(&r);
    load(&r, mg, &settings);
    EQ_STR(r.dir.meetings[0].fellowship, "Alcoholics Anonymous", "MG with [directory]");
    done(&r);
    load(&r, bmlt, &settings);
    EQ_STR(r.dir.meetings[0].fellowship, "Narcotics Anonymous", "BMLT: NA over the settings");
    done(&r);
    load(&r, csv, &none);
    EQ_STR(find(&r, "C")->fellowship, "SMART Recovery", "CSV Fellowship column");
    EQ_STR(find(&r, "D")->fellowship, NULL, "CSV empty Fellowship cell: none");
    done(&r);
}

/* Passcodes and meeting IDs: what is printed, and what is left of the notes. */
static void test_join_details(void)
{
    static const char data[] = "["
        REC("\"name\":\"Outlet\",\"conference_url\":\"https://zoom.us/j/81234567890\","
            "\"notes\":\"Entrance in back of bldg/behind the outlet store -- PW: 867458\"") ",\n"
        REC("\"name\":\"Only\",\"conference_url\":\"https://zoom.us/j/81234567891\","
            "\"notes\":\"Meeting ID: 812 3456 7891, passcode 4321\"") ",\n"
        REC("\"name\":\"Groups\",\"conference_url\":\"https://zoom.us/j/81234567892\","
            "\"notes\":\"Ring the bell. Then enter password 292 718-013. Parking at the "
            "rear.\"") ",\n"
        REC("\"name\":\"Passwort\",\"conference_url\":\"https://zoom.us/j/81234567893\","
            "\"conference_url_notes\":\"Passwort: 647529\"") ",\n"
        REC("\"name\":\"GoTo\",\"conference_url\":\"http://www.gotomeeting.com\","
            "\"notes\":\"ID: 869 747 141\"") ",\n"
        REC("\"name\":\"Spaces\",\"conference_url\":\"https://zoom.us/j/81234567894 "
            "Password: 456\"") ",\n"
        REC("\"name\":\"Newline\",\"conference_url\":\"https://zoom.us/j/812\\n34567895\","
            "\"conference_phone\":\"01632 960111\"") ",\n"
        REC("\"name\":\"Pwd\",\"conference_url\":\"https://zoom.us/j/81234567896?pwd=111222\","
            "\"notes\":\"Passcode: 999888\"") ",\n"
        REC("\"name\":\"Teams\",\"conference_url\":\"https://teams.microsoft.com/l/meetup-join/"
            "x\",\"conference_url_notes\":\"Conference ID: 123 456 789#\"") "]";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;
    const struct sp_meeting *m;

    load(&r, data, &o);
    m = find(&r, "Outlet");
    if (OK(m, "Outlet read")) {
        EQ_STR(m->passcode, "867458", "PW: in the notes");
        EQ_STR(m->notes, "Entrance in back of bldg/behind the outlet store",
               "the directions stay, the passcode is cut");
    }
    m = find(&r, "Only");
    if (OK(m, "Only read")) {
        EQ_STR(m->passcode, "4321", "passcode after the ID");
        EQ_STR(m->notes, NULL, "notes of only the ID and passcode: nothing left");
    }
    m = find(&r, "Groups");
    if (OK(m, "Groups read")) {
        EQ_STR(m->passcode, "292 718-013", "digit groups kept together");
        EQ_STR(m->notes, "Ring the bell. Parking at the rear.", "'enter password ...' cut out");
    }
    m = find(&r, "Passwort");
    if (OK(m, "Passwort read"))
        EQ_STR(m->passcode, "647529", "German 'Passwort'");
    m = find(&r, "GoTo");
    if (OK(m, "GoTo kept: its ID can be typed in on the site")) {
        EQ_STR(m->url, NULL, "home page: no link");
        EQ_STR(m->provider, "GoToMeeting", "the service is kept");
        EQ_STR(m->meeting_id, "869 747 141", "'ID:' in the notes");
        EQ_INT(m->attendance, SP_ATTEND_ONLINE, "listed as online");
    }
    m = find(&r, "Spaces");
    if (OK(m, "Spaces read")) {
        EQ_STR(m->url, "https://zoom.us/j/81234567894", "the link up to the space");
        EQ_STR(m->passcode, "456", "the passcode after it");
    }
    m = find(&r, "Newline");
    if (OK(m, "Newline kept (it has a dial-in)")) {
        EQ_STR(m->url, NULL, "a link with a line break is refused");
        EQ_STR(m->phone, "01632 960111", "dial-in kept");
    }
    m = find(&r, "Pwd");
    if (OK(m, "Pwd read"))
        EQ_STR(m->passcode, "111222", "the link's passcode is the one printed");
    m = find(&r, "Teams");
    if (OK(m, "Teams read")) {
        EQ_STR(m->meeting_id, "123 456 789", "Teams conference ID");
        EQ_STR(m->provider, "Microsoft Teams", "Teams named");
    }
    EQ_STR(diags(&r),
           "f:5: warning: meeting 'GoTo': link 'http://www.gotomeeting.com' refused: it is "
           "GoToMeeting's home page, not a link to a meeting\n"
           "f:6: warning: meeting 'Spaces': link 'https://zoom.us/j/81234567894 Password: 456' "
           "has text after a space; the link is read up to the space and the passcode '456' "
           "after it\n"
           "f:7: warning: meeting 'Newline': link 'https://zoom.us/j/812 34567895' refused: a "
           "line break inside the link\n"
           "f:8: warning: meeting 'Pwd': passcode '999888' in the text differs from the "
           "link's '111222'; the link's is printed", "join details: messages");
    done(&r);
}

/* Temporarily closed: labels in words, a phone meeting, and what is left out. */
static void test_closed(void)
{
    static const char csv[] =
        "Name,Day,Time,Address,City,Types,Conference Phone,Conference URL\n"
        "Words,Monday,19:00,1 High St,Leeds,\"Temporary Closure, Wheelchair Access, Open\",,\n"
        "Phone,Monday,19:00,1 High St,Leeds,\"TC\",01632 960222,\n"
        "Link,Monday,19:00,1 High St,Leeds,\"TC\",,https://zoom.us/j/81234567890\n"
        "Open,Monday,19:00,1 High St,Leeds,\"Open\",,\n";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;
    const struct sp_meeting *m;

    load(&r, csv, &o);
    m = find(&r, "Words");
    if (OK(m, "Words read")) {
        EQ_INT(m->attendance, SP_ATTEND_CLOSED, "'Temporary Closure' closes");
        EQ_INT(m->ntypes, 3, "three labels, three codes");
        if (m->ntypes == 3) {
            EQ_STR(m->types[0].code, "TC", "TC");
            EQ_STR(m->types[1].code, "X", "X");
            EQ_STR(m->types[2].code, "O", "O");
        }
    }
    m = find(&r, "Phone");
    if (OK(m, "Phone read"))
        EQ_INT(m->attendance, SP_ATTEND_ONLINE, "TC with only a dial-in: online");
    m = find(&r, "Link");
    if (OK(m, "Link read"))
        EQ_INT(m->attendance, SP_ATTEND_ONLINE, "TC with a link: online");
    m = find(&r, "Open");
    if (OK(m, "Open read"))
        EQ_INT(m->attendance, SP_ATTEND_IN_PERSON, "Open: in person");
    EQ_STR(diags(&r), "", "closed: nothing to say");
    done(&r);
}

/* Addresses of other countries, repeated streets, towns in venue names. */
static void test_addresses(void)
{
    static const char mg[] = "["
        REC("\"name\":\"US\",\"location\":\"2212 Quimby Road\",\"formatted_address\":"
            "\"2212 Quimby Rd, San Jose, CA 95122, USA\"") ",\n"
        REC("\"name\":\"DE\",\"location\":\"Gemeindehaus\",\"formatted_address\":"
            "\"Hauptstra\xc3\x9f" "e 5, 10115 Berlin, Germany\"") ",\n"
        REC("\"name\":\"Leeds\",\"location\":\"Leeds Central Library\",\"formatted_address\":"
            "\"Calverley St, Leeds LS1 3AB, UK\"") ",\n"
        REC("\"name\":\"Split\",\"address\":\"4953 W Addison St\",\"city\":\"Chicago\","
            "\"state\":\"IL\",\"postal_code\":\"60641\",\"country\":\"US\"") "]";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;
    const struct sp_meeting *m;

    load(&r, mg, &o);
    m = find(&r, "US");
    if (OK(m, "US read")) {
        EQ_STR(m->venue, NULL, "a venue that repeats the street is said once");
        EQ_STR(m->address, "2212 Quimby Rd", "street");
        EQ_STR(m->town, "San Jose", "town");
        EQ_STR(m->postcode, "CA 95122", "state and ZIP kept");
        EQ_INT(m->attendance, SP_ATTEND_IN_PERSON, "in person");
    }
    m = find(&r, "DE");
    if (OK(m, "DE read")) {
        EQ_STR(m->town, "Berlin", "town after the PLZ");
        EQ_STR(m->postcode, "10115", "PLZ kept");
        EQ_INT(m->postcode_first, 1, "PLZ before the town");
    }
    m = find(&r, "Leeds");
    if (OK(m, "Leeds read")) {
        EQ_STR(m->venue, "Leeds Central Library", "venue");
        EQ_STR(m->town, "Leeds", "the town is kept though the venue has it");
    }
    m = find(&r, "Split");
    if (OK(m, "Split fields read")) {
        EQ_STR(m->postcode, "IL 60641", "state and ZIP from split fields");
        EQ_STR(m->formatted_address, "4953 W Addison St, Chicago, IL, 60641, US", "assembled");
    }
    done(&r);
}

/* BMLT: the region from the municipality; venue_type and formats reported; weeks. */
static void test_bmlt(void)
{
    static const char data[] =
        "{\"meetings\": [\n"
        "{\"id_bigint\":\"1\",\"meeting_name\":\"Berlin\",\"weekday_tinyint\":\"2\","
        "\"start_time\":\"19:00:00\",\"venue_type\":\"1\",\"location_street\":\"Hauptstr. 5\","
        "\"location_municipality\":\"Berlin\",\"location_city_subsection\":\"Kreuzberg\","
        "\"location_sub_province\":\"\",\"formats\":\"O,Wo1\"},\n"
        "{\"id_bigint\":\"2\",\"meeting_name\":\"County\",\"weekday_tinyint\":\"3\","
        "\"start_time\":\"19:00:00\",\"venue_type\":\"9\",\"location_street\":\"1 High St\","
        "\"location_sub_province\":\"Somerset\",\"location_neighborhood\":\"Frome\","
        "\"formats\":\"O,ZZ\"}\n"
        "], \"formats\": [\n"
        "{\"key_string\":\"O\",\"name_string\":\"Open\",\"lang\":\"en\",\"id\":\"1\","
        "\"world_id\":\"OPEN\"},\n"
        "{\"key_string\":\"Wo1\",\"name_string\":\"1. Woche d. Monats\",\"lang\":\"de\","
        "\"id\":\"60\"}\n"
        "]}";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;
    const struct sp_meeting *m;

    load(&r, data, &o);
    EQ_INT(r.rc, 0, "bmlt: loads");
    m = find(&r, "Berlin");
    if (OK(m, "Berlin read")) {
        EQ_STR(m->region, "Berlin", "region: the municipality");
        EQ_STR(m->sub_region, "Kreuzberg", "sub-region: the city sub-section");
        EQ_INT(m->weeks, SP_WEEK_BIT(1), "Wo1: the first week of the month");
    }
    m = find(&r, "County");
    if (OK(m, "County read")) {
        EQ_STR(m->region, "Somerset", "region: the sub-province when there is no town");
        EQ_STR(m->sub_region, "Frome", "sub-region: the neighbourhood");
        EQ_INT(m->attendance, SP_ATTEND_IN_PERSON, "venue_type 9: worked out (a street)");
        EQ_INT(m->weeks, 0, "every week");
    }
    EQ_STR(diags(&r),
           "f:3: warning: format 'ZZ' is not in the formats file\n"
           "f:3: warning: meeting 'County': venue_type '9' is not 1 (in person), 2 (virtual) "
           "or 3 (hybrid); attendance worked out from the address and link", "bmlt: messages");
    done(&r);
}

/* Time zones: the record's, one named in the name, the file's, else UK time. */
static void test_zones(void)
{
    static const char data[] = "["
        REC("\"name\":\"Own\",\"timezone\":\"America/Chicago\",\"address\":\"1 Main St\"") ",\n"
        REC("\"name\":\"Noon 1:30pm Eastern\",\"conference_url\":\"https://zoom.us/j/812345678\"")
        ",\n"
        REC("\"name\":\"Plain\",\"address\":\"1 Main St\"") ",\n"
        REC("\"name\":\"Mars\",\"timezone\":\"Mars/Olympus\",\"address\":\"1 Main St\"") "]";
    struct sp_source_opts none = { .format = SP_FORMAT_AUTO };
    struct sp_source_opts given = { .timezone = "America/Denver" };
    struct run r;

    load(&r, data, &none);
    EQ_STR(find(&r, "Own")->timezone, "America/Chicago", "the record's zone");
    EQ_INT(find(&r, "Own")->timezone_assumed, 0, "the record's zone: not assumed");
    EQ_STR(find(&r, "Noon 1:30pm Eastern")->timezone, "America/New_York", "'1:30pm Eastern'");
    EQ_STR(find(&r, "Plain")->timezone, "Europe/London", "none: UK time");
    EQ_INT(find(&r, "Plain")->timezone_assumed, 1, "none: assumed");
    EQ_STR(diags(&r), "f:4: warning: meeting 'Mars': unknown time zone 'Mars/Olympus'; using "
           "Europe/London", "zones: messages");
    done(&r);
    load(&r, data, &given);
    EQ_STR(find(&r, "Plain")->timezone, "America/Denver", "--timezone for the file");
    EQ_INT(find(&r, "Plain")->timezone_assumed, 0, "--timezone: not assumed");
    EQ_STR(find(&r, "Own")->timezone, "America/Chicago", "the record's zone wins");
    EQ_STR(find(&r, "Mars")->timezone, "America/Denver", "a bad zone falls back to the file's");
    done(&r);
}

/* Monthly meetings in Meeting Guide and CSV feeds. */
static void test_weeks(void)
{
    static const char mg[] = "["
        REC("\"name\":\"First Thursday Speakers\",\"address\":\"1 Main St\"") ",\n"
        REC("\"name\":\"Monthly\",\"notes\":\"Meets 1st & 3rd Mondays\",\"address\":\"1 Main St\"")
        ",\n"
        REC("\"name\":\"First Step Group\",\"address\":\"1 Main St\"") "]";
    static const char csv[] = "Name,Day,Time,Address,Types\nT,Monday,19:00,1 Main St,"
                              "\"Open, 1st & 3rd\"\n";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;

    load(&r, mg, &o);
    EQ_INT(find(&r, "First Thursday Speakers")->weeks, SP_WEEK_BIT(1), "name: First Thursday");
    EQ_INT(find(&r, "Monthly")->weeks, SP_WEEK_BIT(1) | SP_WEEK_BIT(3), "notes: 1st & 3rd");
    EQ_INT(find(&r, "First Step Group")->weeks, 0, "'First Step' is no week");
    done(&r);
    load(&r, csv, &o);
    EQ_INT(r.dir.meetings[0].weeks, SP_WEEK_BIT(1) | SP_WEEK_BIT(3), "type label: 1st & 3rd");
    EQ_STR(diags(&r), "", "a weeks label is not an unknown type");
    done(&r);
}

/* What used to pass in silence. */
static void test_silent(void)
{
    static const char data[] = "[\n"
        "{\"name\":12,\"day\":1,\"time\":\"19:00\",\"address\":\"1 Main St\"},\n"
        "{\"name\":\"Number Time\",\"day\":1,\"time\":1900,\"address\":\"1 Main St\"},\n"
        "{\"name\":\"Days\",\"day\":[\"1\",\"x\"],\"time\":\"19:00\",\"address\":\"1 Main St\"},\n"
        "{\"name\":\"Backwards\",\"day\":1,\"time\":\"19:00\",\"end_time\":\"18:00\","
        "\"address\":\"1 Main St\"},\n"
        "{\"name\":\"Late\",\"day\":1,\"time\":\"23:00\",\"end_time\":\"00:30\","
        "\"address\":\"1 Main St\"}\n]";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;

    load(&r, data, &o);
    EQ_INT(r.dir.n, 5, "all five kept");
    EQ_INT(find(&r, "Number Time")->start_min, 19 * 60, "1900 read as 19:00");
    EQ_INT(find(&r, "Days")->days, SP_DAY_BIT(1), "the good day kept");
    EQ_INT(find(&r, "Backwards")->end_assumed, 1, "an end before the start: assumed");
    EQ_INT(find(&r, "Backwards")->end_min, 20 * 60, "assumed one hour");
    EQ_INT(find(&r, "Late")->end_min, 30, "23:00 to 00:30 runs past midnight");
    EQ_INT(find(&r, "Late")->end_assumed, 0, "past midnight: as given");
    EQ_STR(diags(&r),
           "f:2: warning: meeting '12': 'name' is the number 12, not text; used as the name\n"
           "f:3: warning: meeting 'Number Time': 'time' is the number 1900, not text such as "
           "\"19:00\"; read as 19:00\n"
           "f:4: warning: meeting 'Days': unknown day 'x' left out; listed on the other days "
           "given\n"
           "f:5: warning: meeting 'Backwards': end time 18:00 is before the start time 19:00; "
           "assuming one hour", "silent cases: messages");
    done(&r);
}

/* One-line JSON: records located by column and named by slug; each message once. */
static void test_one_line(void)
{
    static const char data[] =
        "[{\"name\":\"A\",\"slug\":\"a\",\"day\":1,\"time\":\"19:00\",\"address\":\"1 Main St\","
        "\"types\":[\"ZZ\"]},{\"name\":\"B\",\"slug\":\"the-new-reality\",\"day\":1,"
        "\"time\":\"19:00\",\"address\":\"1 Main St\",\"types\":[\"ZZ\"],"
        "\"conference_url\":\"http://example.org/b\"}]";
    struct sp_source_opts o = { .format = SP_FORMAT_AUTO };
    struct run r;

    load(&r, data, &o);
    EQ_STR(diags(&r),
           "f:1:2: warning: unknown type code 'ZZ' (2 times)\n"
           "f:1:86: warning: record 2 ('the-new-reality'): link 'http://example.org/b' is not "
           "https:", "one-line JSON: column, slug, count");
    EQ_INT(r.diag.v[0].meeting, 0, "the message is tied to the first meeting");
    done(&r);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_fellowship);
    TEST_RUN(test_join_details);
    TEST_RUN(test_closed);
    TEST_RUN(test_addresses);
    TEST_RUN(test_bmlt);
    TEST_RUN(test_zones);
    TEST_RUN(test_weeks);
    TEST_RUN(test_silent);
    TEST_RUN(test_one_line);
    return test_done();
}
