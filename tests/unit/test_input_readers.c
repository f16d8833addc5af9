/*
 * test_input_readers.c - the three readers on the fixtures in tests/data/input/:
 * normalised fields, record lines, and the exact diagnostics.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

static void run_load(struct run *r, const char *path, enum sp_format f, const char *fellowship,
                     const char *formats)
{
    struct sp_source_opts o = { f, fellowship, formats, NULL, NULL };
    memset(r, 0, sizeof *r);
    sp_directory_init(&r->dir);
    sp_arena_init(&r->arena);
    sp_diag_init(&r->diag);
    r->rc = sp_directory_load(&r->dir, path, &o, &r->arena, &r->diag, &r->err);
    sp_diag_compact(&r->diag);  /* each message once, as they are printed */
}

/* len bytes of data (NULs allowed) loaded as the file "mem" */
static void run_mem_len(struct run *r, const char *data, size_t len, enum sp_format f)
{
    struct sp_source_opts o = { f, NULL, NULL, NULL, NULL };
    memset(r, 0, sizeof *r);
    sp_directory_init(&r->dir);
    sp_arena_init(&r->arena);
    sp_diag_init(&r->diag);
    r->rc = sp_directory_load_mem(&r->dir, "mem", data, len, &o, &r->arena, &r->diag, &r->err);
    sp_diag_compact(&r->diag);
}

static void run_mem(struct run *r, const char *data, enum sp_format f)
{
    run_mem_len(r, data, strlen(data), f);
}

static void run_free(struct run *r)
{
    sp_diag_release(&r->diag);
    sp_directory_release(&r->dir);
    sp_arena_free(&r->arena);
}

/* Compare the formatted diagnostics with want (NULL-terminated). */
static void check_diags(const struct run *r, const char *const *want, const char *what)
{
    size_t n = 0;
    char name[128];

    while (want[n])
        n++;
    snprintf(name, sizeof name, "%s: diagnostic count", what);
    EQ_INT(r->diag.n, n, name);
    for (size_t i = 0; i < r->diag.n && i < n; i++) {
        char buf[1200];
        sp_diag_format(&r->diag.v[i], buf, sizeof buf);
        snprintf(name, sizeof name, "%s: diagnostic %zu", what, i);
        EQ_STR(buf, want[i], name);
    }
}

static const struct sp_meeting *find(const struct run *r, const char *name)
{
    for (size_t i = 0; i < r->dir.n; i++)
        if (!strcmp(r->dir.meetings[i].name, name))
            return &r->dir.meetings[i];
    return NULL;
}

static void test_mg_json(void)
{
    static const char *const diags[] = {
        "tests/data/input/mg_messy.json:13:17: warning: invalid UTF-8 replaced with U+FFFD",
        "tests/data/input/mg_messy.json:6: problem: record 5: no name",
        "tests/data/input/mg_messy.json:7: problem: meeting 'No Day': no day given",
        "tests/data/input/mg_messy.json:8: problem: meeting 'Bad Time': unknown time 'evening'",
        "tests/data/input/mg_messy.json:9: warning: meeting 'JS Link': link "
        "'javascript:alert(1)' refused: scheme 'javascript:' is not allowed",
        "tests/data/input/mg_messy.json:9: problem: meeting 'JS Link': no address, join link "
        "or phone",
        "tests/data/input/mg_messy.json:10: warning: unknown type code 'ZZ' (2 times)",
        "tests/data/input/mg_messy.json:10: warning: meeting 'Plain HTTP': link "
        "'http://example.org/join' is not https:",
        "tests/data/input/mg_messy.json:11: warning: meeting 'Duplicate': unknown time zone "
        "'Mars/Olympus'; using Europe/London",
        "tests/data/input/mg_messy.json:11: warning: meeting 'Duplicate': duplicate slug "
        "'sunday-serenity' (first on line 2)",
        NULL
    };
    struct run r;
    const struct sp_meeting *m;

    run_load(&r, "tests/data/input/mg_messy.json", SP_FORMAT_AUTO, NULL, NULL);
    EQ_INT(r.rc, 0, "mg: loads");
    EQ_INT(r.dir.n, 8, "mg: usable meetings (inactive = temporarily closed)");
    EQ_INT(r.dir.nrejected, 4, "mg: rejected");
    EQ_INT(r.diag.nproblems, 4, "mg: problems");
    check_diags(&r, diags, "mg");

    /* BOM, CRLF, HTML entities, three-part UK address, lower-case and odd codes */
    m = find(&r, "Sunday Serenity");
    OK(m, "mg: Sunday Serenity read");
    if (m) {
        EQ_INT(m->line, 2, "mg 1: line");
        EQ_INT(m->record, 1, "mg 1: record");
        EQ_INT(m->index, 0, "mg 1: index");
        EQ_STR(m->file, "tests/data/input/mg_messy.json", "mg 1: file");
        EQ_STR(m->fellowship, NULL, "mg 1: no fellowship in the feed: none (issue 11)");
        EQ_INT(m->days, SP_DAY_BIT(0), "mg 1: Sunday");
        EQ_INT(m->start_min, 18 * 60, "mg 1: start");
        EQ_INT(m->end_min, 19 * 60 + 30, "mg 1: end");
        EQ_INT(m->end_assumed, 0, "mg 1: end given");
        EQ_STR(m->timezone, "Europe/London", "mg 1: tz default");
        EQ_INT(m->attendance, SP_ATTEND_IN_PERSON, "mg 1: in person (three-part address)");
        EQ_STR(m->venue, "St Mary's Hall", "mg 1: &#39; decoded");
        EQ_STR(m->address, "125 Charing Cross Rd", "mg 1: street");
        EQ_STR(m->town, "London", "mg 1: town");
        EQ_STR(m->postcode, "WC2H 0EW", "mg 1: postcode");
        EQ_STR(m->formatted_address, "125 Charing Cross Rd, London WC2H 0EW, UK",
               "mg 1: formatted address as given");
        EQ_STR(m->region, "London", "mg 1: region");
        EQ_STR(m->sub_region, "Soho", "mg 1: sub-region");
        EQ_STR(m->notes, "Ring the bell & wait", "mg 1: &amp; decoded");
        EQ_STR(m->updated, "2024-05-31 14:32:23", "mg 1: updated");
        EQ_STR(m->url, NULL, "mg 1: no url");
        EQ_INT(m->ntypes, 3, "mg 1: 3 types");
        if (m->ntypes == 3) {
            EQ_STR(m->types[1].code, "X", "mg 1: 'x' upper-cased");
            EQ_STR(m->types[1].label, "Wheelchair Access", "mg 1: X label");
            EQ_STR(m->types[2].code, "12x12", "mg 1: 12x12 code");
            EQ_INT(m->types[2].known, 1, "mg 1: 12x12 known");
        }
    }
    /* NBSP and bidi in the name, day as a name, 12-hour time, Zoom passcode */
    m = find(&r, "Hope Online");
    OK(m, "mg: NBSP and RLM cleaned from 'Hope Online'");
    if (m) {
        EQ_INT(m->days, SP_DAY_BIT(1), "mg 2: 'Monday'");
        EQ_INT(m->start_min, 19 * 60, "mg 2: '7pm'");
        EQ_INT(m->end_min, 20 * 60, "mg 2: end +60");
        EQ_INT(m->end_assumed, 1, "mg 2: end assumed");
        EQ_INT(m->attendance, SP_ATTEND_ONLINE, "mg 2: online");
        EQ_STR(m->provider, "Zoom", "mg 2: provider");
        EQ_INT(m->url_has_passcode, 1, "mg 2: passcode in url");
        EQ_STR(m->url_without_passcode, "https://us02web.zoom.us/j/81234567890",
               "mg 2: url without passcode");
        EQ_STR(m->meeting_id, "812 3456 7890", "mg 2: meeting id");
        EQ_STR(m->passcode, "1234", "mg 2: passcode from conference_url_notes");
        EQ_STR(m->types[0].code, "ONL", "mg 2: 'onl'");
    }
    /* days as an array of strings, "6:00 PM", split address fields, hybrid */
    m = find(&r, "Cardiff Hybrid");
    OK(m, "mg: Cardiff Hybrid read");
    if (m) {
        EQ_INT(m->days, SP_DAY_BIT(2) | SP_DAY_BIT(4), "mg 3: [\"2\",\"4\"]");
        EQ_INT(m->start_min, 18 * 60, "mg 3: '6:00 PM'");
        EQ_INT(m->attendance, SP_ATTEND_HYBRID, "mg 3: hybrid");
        EQ_STR(m->postcode, "CF10 1AA", "mg 3: postcode normalised");
        EQ_STR(m->address, "1 High St", "mg 3: street");
        EQ_STR(m->town, "Cardiff", "mg 3: town");
        EQ_STR(m->formatted_address, "1 High St, Cardiff, CF10 1AA", "mg 3: assembled");
        EQ_STR(m->timezone, "Europe/Dublin", "mg 3: timezone kept");
        EQ_STR(m->provider, "Google Meet", "mg 3: provider");
    }
    m = find(&r, "Closed For Now");
    OK(m, "mg: Closed For Now read");
    if (m) {
        EQ_INT(m->attendance, SP_ATTEND_CLOSED, "mg 4: TC closes");
        EQ_INT(m->days, SP_DAY_BIT(3), "mg 4: day \"3\"");
        EQ_INT(m->start_min, 19 * 60 + 30, "mg 4: '19.30'");
    }
    m = find(&r, "Plain HTTP");
    OK(m, "mg: Plain HTTP read");
    if (m) {
        EQ_INT(m->url_is_http, 1, "mg 9: http flagged");
        EQ_INT(m->attendance, SP_ATTEND_HYBRID, "mg 9: hybrid");
        EQ_INT(m->types[0].known, 0, "mg 9: ZZ unknown");
        EQ_STR(m->types[0].label, "ZZ", "mg 9: ZZ label is the code");
    }
    m = find(&r, "Bad \xEF\xBF\xBD UTF");
    OK(m, "mg: invalid UTF-8 repaired in the name");
    if (m) {
        EQ_INT(m->attendance, SP_ATTEND_IN_PERSON, "mg 12: attendance_option in_person");
        EQ_STR(m->venue, "Caf\xC3\xA9", "mg 12: venue");
        EQ_INT(m->index, 7, "mg 12: index");
    }
    m = find(&r, "Inactive");
    OK(m, "mg: attendance_option 'inactive' is kept");
    if (m)
        EQ_INT(m->attendance, SP_ATTEND_CLOSED, "mg 11: inactive = temporarily closed");
    run_free(&r);
}

static void test_mg_lines(void)
{
    struct run r;

    run_load(&r, "tests/data/input/mg_pretty.json", SP_FORMAT_AUTO, NULL, NULL);
    EQ_INT(r.dir.n, 2, "pretty: two meetings");
    if (r.dir.n == 2) {
        EQ_INT(r.dir.meetings[0].line, 2, "pretty: first starts on line 2");
        EQ_INT(r.dir.meetings[1].line, 9, "pretty: second starts on line 9");
    }
    run_free(&r);
    run_load(&r, "tests/data/input/mg_wrapped.json", SP_FORMAT_AUTO, NULL, NULL);
    EQ_INT(r.dir.n, 1, "wrapped: {\"meetings\": [...]} read");
    if (r.dir.n == 1)
        EQ_INT(r.dir.meetings[0].line, 2, "wrapped: line 2");
    run_free(&r);
}

static void test_bmlt(void)
{
    static const char *const diags[] = {
        "tests/data/input/bmlt_results.json:22: warning: format 'XX' is not in the formats file",
        "tests/data/input/bmlt_results.json:82: problem: meeting 'Bad Weekday': unknown day '8'",
        NULL
    };
    static const char *const diags_nofmt[] = {
        "tests/data/input/bmlt_results.json:82: problem: meeting 'Bad Weekday': unknown day '8'",
        "tests/data/input/bmlt_results.json:2: warning: format codes not decoded: no BMLT "
        "formats file (give one with --formats)",
        NULL
    };
    struct run r;
    const struct sp_meeting *m;

    run_load(&r, "tests/data/input/bmlt_results.json", SP_FORMAT_AUTO, NULL,
             "tests/data/input/bmlt_formats.json");
    EQ_INT(r.rc, 0, "bmlt: loads");
    EQ_INT(r.dir.n, 4, "bmlt: usable");
    EQ_INT(r.dir.nrejected, 1, "bmlt: rejected");
    check_diags(&r, diags, "bmlt");
    m = find(&r, "Just For Today");
    OK(m, "bmlt: first read");
    if (m) {
        EQ_STR(m->fellowship, "Narcotics Anonymous", "bmlt 1: default fellowship");
        EQ_INT(m->days, SP_DAY_BIT(0), "bmlt 1: weekday 1 = Sunday");
        EQ_INT(m->start_min, 19 * 60, "bmlt 1: 19:00:00");
        EQ_INT(m->end_min, 20 * 60 + 30, "bmlt 1: + 01:30:00");
        EQ_INT(m->end_assumed, 0, "bmlt 1: duration given");
        EQ_INT(m->attendance, SP_ATTEND_IN_PERSON, "bmlt 1: venue_type 1");
        EQ_STR(m->slug, "101", "bmlt 1: id_bigint");
        EQ_STR(m->venue, "Community Centre", "bmlt 1: venue");
        EQ_STR(m->postcode, "CF10 1BB", "bmlt 1: postcode");
        EQ_STR(m->region, "Cardiff", "bmlt 1: region from the municipality first");
        EQ_INT(m->line, 2, "bmlt 1: line");
        EQ_INT(m->ntypes, 2, "bmlt 1: two formats");
        if (m->ntypes == 2) {
            EQ_STR(m->types[0].code, "O", "bmlt 1: English O, not Spanish A");
            EQ_STR(m->types[0].label, "Open", "bmlt 1: O label");
            EQ_STR(m->types[0].world_id, "OPEN", "bmlt 1: world_id");
            EQ_STR(m->types[1].label, "Basic Text", "bmlt 1: BT label");
            EQ_INT(m->types[1].known, 1, "bmlt 1: BT known");
        }
    }
    m = find(&r, "Online Recovery");
    if (OK(m, "bmlt: second read")) {
        EQ_INT(m->days, SP_DAY_BIT(6), "bmlt 2: weekday 7 = Saturday");
        EQ_INT(m->attendance, SP_ATTEND_ONLINE, "bmlt 2: venue_type 2");
        EQ_STR(m->phone, "0113 496 0123", "bmlt 2: phone");
        EQ_STR(m->meeting_id, "812 3456 7890", "bmlt 2: meeting id");
        EQ_INT(m->ntypes, 2, "bmlt 2: format XX, not in the formats file, kept undecoded");
        if (m->ntypes == 2)
            EQ_INT(m->types[1].known, 0, "bmlt 2: XX not known");
        EQ_INT(m->line, 22, "bmlt 2: line");
    }
    m = find(&r, "Hybrid Hope");
    if (OK(m, "bmlt: third read")) {
        EQ_INT(m->attendance, SP_ATTEND_HYBRID, "bmlt 3: venue_type 3");
        EQ_INT(m->end_assumed, 1, "bmlt 3: duration 00:00:00 means assumed");
        EQ_STR(m->provider, "Jitsi", "bmlt 3: provider");
        EQ_STR(m->types[0].world_id, "CLOSED", "bmlt 3: C world id");
    }
    m = find(&r, "Closed Hall");
    if (OK(m, "bmlt: fourth read"))
        EQ_INT(m->attendance, SP_ATTEND_CLOSED, "bmlt 4: TC world id closes");
    run_free(&r);

    run_load(&r, "tests/data/input/bmlt_results.json", SP_FORMAT_BMLT, "NA Wales", NULL);
    check_diags(&r, diags_nofmt, "bmlt without formats");
    m = find(&r, "Just For Today");
    if (OK(m, "bmlt no formats: read")) {
        EQ_STR(m->fellowship, "NA Wales", "bmlt: --fellowship wins");
        EQ_STR(m->types[0].code, "O", "bmlt no formats: code kept");
        EQ_INT(m->types[0].known, 0, "bmlt no formats: not known");
    }
    run_free(&r);

    run_load(&r, "tests/data/input/bmlt_results.json", SP_FORMAT_AUTO, NULL,
             "tests/data/input/no-such-formats.json");
    EQ_INT(r.rc, -1, "bmlt: missing formats file fails");
    EQ_INT(r.err.code, SP_ERR_IO, "bmlt: missing formats file is I/O");
    run_free(&r);
}

static void test_csv(void)
{
    static const char *const diags[] = {
        "tests/data/input/tsml.csv:6: warning: row 4: 7 fields, but the header has 16",
        "tests/data/input/tsml.csv:9: problem: row 6: no name",
        "tests/data/input/tsml.csv:10: problem: meeting 'Welsh Day': unknown day 'Funday'",
        NULL
    };
    struct run r;
    const struct sp_meeting *m;

    run_load(&r, "tests/data/input/tsml.csv", SP_FORMAT_AUTO, NULL, NULL);
    EQ_INT(r.rc, 0, "csv: loads");
    EQ_INT(r.dir.n, 5, "csv: usable");
    EQ_INT(r.dir.nrejected, 2, "csv: rejected");
    check_diags(&r, diags, "csv");
    m = find(&r, "Hope Group");
    if (OK(m, "csv: Hope Group")) {
        EQ_INT(m->line, 2, "csv 1: line");
        EQ_INT(m->record, 1, "csv 1: row");
        EQ_INT(m->ntypes, 2, "csv 1: labels to codes");
        if (m->ntypes == 2) {
            EQ_STR(m->types[0].code, "O", "csv 1: Open = O");
            EQ_STR(m->types[1].code, "X", "csv 1: Wheelchair Access = X");
        }
        EQ_STR(m->notes, "Tea & biscuits", "csv 1: entity");
        EQ_STR(m->slug, "hope-1", "csv 1: ID column is the slug");
        EQ_INT(m->end_min, 20 * 60, "csv 1: end time");
        EQ_STR(m->postcode, "WC2H 0EW", "csv 1: postcode");
    }
    m = find(&r, "Quoted Notes");
    if (OK(m, "csv: Quoted Notes")) {
        EQ_INT(m->days, SP_DAY_BIT(2), "csv 2: 'tue'");
        EQ_INT(m->start_min, 19 * 60 + 30, "csv 2: '7.30pm'");
        EQ_STR(m->notes, "first line\nsecond line", "csv 2: CRLF in a quoted field");
        EQ_STR(m->address, "2 Quay St", "csv 2: street from a whole address");
        EQ_STR(m->town, "Leeds", "csv 2: town from a whole address");
        EQ_STR(m->postcode, "LS1 4DT", "csv 2: postcode from a whole address");
        EQ_INT(m->ntypes, 2, "csv 2: lower-case codes with ';'");
    }
    m = find(&r, "Teen Meeting");
    if (OK(m, "csv: Teen Meeting")) {
        EQ_INT(m->line, 5, "csv 3: physical line after a two-line row");
        EQ_STR(m->fellowship, "Al-Anon Family Groups", "csv 3: Fellowship column");
        EQ_STR(m->types[0].label, "Alateen", "csv 3: Al-Anon Y = Alateen");
    }
    m = find(&r, "Twice Weekly");
    if (OK(m, "csv: Twice Weekly")) {
        EQ_INT(m->line, 8, "csv 5: line after a blank line");
        EQ_INT(m->days, SP_DAY_BIT(2) | SP_DAY_BIT(4), "csv 5: 'Tue, Thu'");
        EQ_INT(m->attendance, SP_ATTEND_ONLINE, "csv 5: online");
        EQ_STR(m->passcode, "9876", "csv 5: passcode from notes");
        EQ_STR(m->meeting_id, "123 456 7890", "csv 5: meeting id");
        EQ_STR(m->types[0].code, "ONL", "csv 5: 'Online' label");
    }
    run_free(&r);
}

static void test_mem_cases(void)
{
    static const struct {
        const char *data;
        enum sp_format f;
        int rc, n;
        const char *first_diag;  /* or the error when rc is -1 */
    } cases[] = {
        /*  0*/ { "[]", SP_FORMAT_AUTO, 0, 0, NULL },
        /*  1*/ { "", SP_FORMAT_AUTO, -1, 0, "mem: empty file" },
        /*  2*/ { "[{\"name\": 1}", SP_FORMAT_MG_JSON, -1, 0,
                  "mem:1:13: malformed JSON: unexpected end of file" },
        /*  3*/ { "[\n{\"name\": x}]", SP_FORMAT_AUTO, -1, 0,
                  "mem:2:10: malformed JSON: unexpected character" },
        /*  4*/ { "{\"a\": 1}", SP_FORMAT_AUTO, -1, 0,
                  "mem:1:1: expected an array of meetings, not an object" },
        /*  5*/ { "[{\"name\": [\"x\"], \"day\": 1, \"time\": \"19:00\"}]", SP_FORMAT_AUTO, 0, 0,
                  "mem:1: warning: record 1: 'name' should be a string, not an array; ignored" },
        /*  6*/ { "[5]", SP_FORMAT_AUTO, 0, 0,
                  "mem:1: problem: record 1: not a JSON object, but a number" },
        /*  7*/ { "[{\"name\":\"N\",\"day\":{},\"time\":\"19:00\"}]", SP_FORMAT_AUTO, 0, 0,
                  "mem:1: warning: record 1: 'day' should be a number, name or array, not an "
                  "object; ignored" },
        /*  8*/ { "Name,Day,Time,Address\n\"Open,Monday,19:00,1 High St\n", SP_FORMAT_AUTO, 0,
                  0, "mem:2: problem: row 1: unbalanced quote: the quoted field runs to the end "
                  "of the file" },
        /*  9*/ { "Title,When\nx,y\n", SP_FORMAT_TSML_CSV, -1, 0,
                  "mem:1: no 'Name' column in the header" },
        /* 10*/ { "hello", SP_FORMAT_AUTO, -1, 0,
                  "mem: not a meeting directory (Meeting Guide JSON, TSML CSV or BMLT JSON)" },
        /* 11*/ { "[{\"name\":\"N\",\"day\":1,\"time\":\"19:00\",\"address\":\"1 High St\"}] x",
                  SP_FORMAT_AUTO, 0, 1, "mem:1:61: warning: text after the end of the JSON "
                  "ignored" },
        /* 12*/ { "Name,Day,Time,Address\nA,Monday,19:00,1 \"High\" St\nB,Monday,19:00,2 High St\n",
                  SP_FORMAT_AUTO, 0, 1, "mem:2:18: problem: row 1: malformed quotes (a quote "
                  "inside a quoted field must be doubled)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run r;
        char name[64], buf[1200];
        run_mem(&r, cases[i].data, cases[i].f);
        snprintf(name, sizeof name, "mem %zu rc", i);
        EQ_INT(r.rc, cases[i].rc, name);
        snprintf(name, sizeof name, "mem %zu meetings", i);
        EQ_INT(r.dir.n, cases[i].n, name);
        buf[0] = '\0';
        if (r.rc)
            sp_error_format(&r.err, buf, sizeof buf);
        else if (r.diag.n)
            sp_diag_format(&r.diag.v[0], buf, sizeof buf);
        snprintf(name, sizeof name, "mem %zu message", i);
        EQ_STR(buf[0] ? buf : NULL, cases[i].first_diag, name);
        run_free(&r);
    }
}

static void test_sniff(void)
{
    EQ_INT(sp_directory_sniff("\xEF\xBB\xBF [", 5), SP_FORMAT_MG_JSON, "sniff: BOM + array");
    EQ_INT(sp_directory_sniff("[{\"id_bigint\":\"1\"}]", 19), SP_FORMAT_BMLT, "sniff: bmlt");
    EQ_INT(sp_directory_sniff("Name,Day\n", 9), SP_FORMAT_TSML_CSV, "sniff: csv");
    EQ_INT(sp_directory_sniff("  \n", 3), SP_FORMAT_AUTO, "sniff: blank");
    {
        enum sp_format f = SP_FORMAT_AUTO;
        EQ_INT(sp_format_parse("tsml", &f), 0, "format parse tsml");
        EQ_INT(f, SP_FORMAT_TSML_CSV, "format parse tsml value");
        EQ_INT(sp_format_parse("xml", &f), -1, "format parse unknown");
        EQ_STR(sp_format_name(SP_FORMAT_BMLT), "BMLT JSON", "format name");
    }
}

/* Issue 16 item 9, a compact model: texts that repeat from meeting to meeting (names,
   venues, regions, notes) are kept once and shared; texts that are usually unique (slugs,
   dates, links, full addresses) are not looked up; a repaired text is not mixed up with the
   text it was repaired from. */
static void test_shared_texts(void)
{
    struct run r;
    const char *json =
        "[{\"name\":\"Hope\",\"slug\":\"s1\",\"day\":1,\"time\":\"19:00\","
        "\"location\":\"Hall\",\"formatted_address\":\"1 Road, Town AB1 2CD, UK\","
        "\"region\":\"Powys\",\"notes\":\"Step free\",\"updated\":\"2024-01-02\"},\n"
        " {\"name\":\" Hope \",\"slug\":\"s2\",\"day\":2,\"time\":\"19:00\","
        "\"location\":\"Hall\",\"formatted_address\":\"1 Road, Town AB1 2CD, UK\","
        "\"region\":\"Powys\",\"notes\":\"Step free\",\"updated\":\"2024-01-02\"},\n"
        " {\"name\":\"Hope &amp; Unity\",\"slug\":\"s3\",\"day\":3,\"time\":\"19:00\","
        "\"location\":\"Hall\",\"formatted_address\":\"2 Road, Town AB1 2CD, UK\","
        "\"region\":\"Gwynedd\"}]";
    const struct sp_meeting *m;

    run_mem(&r, json, SP_FORMAT_MG_JSON);
    EQ_INT(r.rc, 0, "shared: loads");
    EQ_INT(r.dir.n, 3, "shared: three meetings");
    if (r.dir.n == 3) {
        m = r.dir.meetings;
        OK(m[0].name == m[1].name, "shared: the same name (after trimming) is one copy");
        OK(m[0].venue == m[1].venue && m[1].venue == m[2].venue, "shared: one venue copy");
        OK(m[0].region == m[1].region, "shared: one region copy");
        OK(m[0].notes == m[1].notes, "shared: one copy of the same notes");
        EQ_STR(m[0].address, "1 Road", "shared: street from the address");
        EQ_STR(m[0].town, "Town", "shared: town from the address");
        EQ_STR(m[0].postcode, "AB1 2CD", "shared: postcode from the address");
        OK(m[0].address == m[1].address && m[0].town == m[1].town &&
           m[0].postcode == m[1].postcode, "shared: one copy of the address's parts");
        OK(m[0].town == m[2].town && m[0].address != m[2].address,
           "shared: the same town at another address; another street its own copy");
        EQ_STR(m[2].name, "Hope & Unity", "shared: a decoded name is its own text");
        EQ_STR(m[2].region, "Gwynedd", "shared: another region is its own text");
        OK(m[0].region != m[2].region, "shared: different texts are different copies");
        OK(m[0].updated != m[1].updated && !strcmp(m[0].updated, m[1].updated),
           "shared: dates are not looked up (usually unique), each its own copy");
        EQ_STR(m[0].slug, "s1", "shared: first slug");
        EQ_STR(m[1].slug, "s2", "shared: second slug");
    }
    run_free(&r);
}

/* Real feeds: a passcode written as a lone word without a colon ("passcode serenity") is
   not read (a word needs "passcode: word"), and the joining notes are not printed: a
   warning says so.  Notes that say how the passcode is given are left alone. */
static void test_lone_word_passcode(void)
{
    struct run r;
    const char *json =
        "[{\"name\":\"Lone\",\"day\":1,\"time\":\"12:00\","
        "\"conference_url\":\"https://zoom.us/j/81234567890\","
        "\"conference_url_notes\":\"Meeting ID 812 3456 7890, passcode serenity\"},\n"
        " {\"name\":\"Given\",\"day\":2,\"time\":\"12:00\","
        "\"conference_url\":\"https://zoom.us/j/81234567891\","
        "\"conference_url_notes\":\"Passcode given in the waiting room.\"},\n"
        " {\"name\":\"Colon\",\"day\":3,\"time\":\"12:00\","
        "\"conference_url\":\"https://zoom.us/j/81234567892\","
        "\"conference_url_notes\":\"Passcode: serenity\"}]";
    const char *const want[] = {
        "mem:1: warning: meeting 'Lone': its joining notes say 'passcode serenity', which is "
        "not read as a passcode and not printed; write 'Passcode: ...' to have it printed",
        NULL
    };
    const struct sp_meeting *m;

    run_mem(&r, json, SP_FORMAT_MG_JSON);
    EQ_INT(r.rc, 0, "lone word: loads");
    check_diags(&r, want, "lone word");
    m = find(&r, "Colon");
    OK(m && m->passcode && !strcmp(m->passcode, "serenity"), "lone word: 'Passcode: word' read");
    m = find(&r, "Lone");
    OK(m && !m->passcode, "lone word: not read as a passcode");
    run_free(&r);
}

/* Issue 16: a mapped file cut short by another program while it is read is an error naming
   the file, not a crash (SIGBUS past the new end).  The hook cuts the file to 10 bytes after
   it is mapped and before it is read; the next read of the same path still works. */
static void cut_short(const char *path)
{
    if (truncate(path, 10) != 0)
        perror("truncate");
}

static void test_cut_short(void)
{
    char path[] = "/tmp/signpost-cut-XXXXXX";
    int fd = mkstemp(path);
    GString *json = g_string_new("[");
    struct run r;

    for (int i = 0; i < 3000; i++)  /* over 100 KB: many pages past the cut */
        g_string_append_printf(json, "%s{\"name\":\"Meeting %d\",\"day\":%d,"
                               "\"time\":\"19:00\",\"location\":\"Hall\"}",
                               i ? ",\n" : "", i, i % 7);
    g_string_append(json, "]\n");
    OK(fd >= 0 && write(fd, json->str, json->len) == (ssize_t)json->len, "cut: file written");
    if (fd >= 0)
        close(fd);
    sp_directory_test_mapped = cut_short;
    run_load(&r, path, SP_FORMAT_AUTO, NULL, NULL);
    sp_directory_test_mapped = NULL;
    EQ_INT(r.rc, -1, "cut: the read fails");
    EQ_INT(r.err.code, SP_ERR_IO, "cut: an input/output error");
    OK(strstr(r.err.msg, "cut short while it was read") != NULL, "cut: the message says so");
    OK(!strcmp(r.err.file, path), "cut: and names the file");
    run_free(&r);
    /* the same path again, now 10 bytes of it: read as it is (a JSON error, no signal) */
    run_load(&r, path, SP_FORMAT_AUTO, NULL, NULL);
    EQ_INT(r.rc, -1, "cut: read again, what is left is not a directory");
    OK(r.err.code == SP_ERR_INPUT, "cut: an input error this time");
    run_free(&r);
    unlink(path);
    g_string_free(json, TRUE);
}

/* The meetings array grows by half (64, 96, 144...) and sp_directory_fit gives back the room
   past the last meeting; another file appended after it still goes on the end (issue 16). */
static void test_grow_and_fit(void)
{
    GString *g = g_string_new("[");
    struct sp_source_opts o = { SP_FORMAT_MG_JSON, NULL, NULL, NULL, NULL };
    struct run r;
    bool same = true;

    for (int i = 0; i < 100; i++)
        g_string_append_printf(g, "%s{\"name\":\"Group %d\",\"day\":%d,\"time\":\"19:00\","
                               "\"location\":\"Hall\",\"address\":\"1 Road\","
                               "\"city\":\"Town\"}", i ? ",\n" : "", i, i % 7);
    g_string_append(g, "]");
    run_mem(&r, g->str, SP_FORMAT_MG_JSON);
    EQ_INT(r.rc, 0, "grow: loads");
    EQ_INT(r.dir.n, 100, "grow: 100 meetings");
    EQ_INT(r.dir.cap, 144, "grow: room for 144 (64, 96, 144)");
    sp_directory_fit(&r.dir);
    EQ_INT(r.dir.cap, 100, "fit: room for exactly 100");
    for (size_t i = 0; i < r.dir.n; i++) {
        char want[32];
        snprintf(want, sizeof want, "Group %zu", i);
        same &= !strcmp(r.dir.meetings[i].name, want) && r.dir.meetings[i].index == i;
    }
    OK(same, "fit: every meeting kept, in order, with its index");
    r.rc = sp_directory_load_mem(&r.dir, "mem2", g->str, g->len, &o, &r.arena, &r.diag,
                                 &r.err);
    EQ_INT(r.dir.n, 200, "fit: a second file appends after it");
    OK(r.dir.n == 200 && !strcmp(r.dir.meetings[199].name, "Group 99") &&
       r.dir.meetings[199].index == 199, "fit: the last meeting of the second file");
    sp_directory_fit(&r.dir);
    EQ_INT(r.dir.cap, 200, "fit again: 200");
    run_free(&r);
    g_string_free(g, TRUE);
}

/* Meetings with the same join link (the same meeting on several days) keep one copy of the
   link and what comes from it; another link is its own copy (issue 16). */
static void test_shared_links(void)
{
    struct run r;
    const char *json =
        "[{\"name\":\"Hope\",\"day\":1,\"time\":\"19:00\","
        "\"conference_url\":\"https://zoom.us/j/81234567890?pwd=867458\"},\n"
        " {\"name\":\"Hope\",\"day\":3,\"time\":\"19:00\","
        "\"conference_url\":\"https://zoom.us/j/81234567890?pwd=867458\"},\n"
        " {\"name\":\"Unity\",\"day\":3,\"time\":\"20:00\","
        "\"conference_url\":\"https://zoom.us/j/81234567899?pwd=867458\"}]";
    const struct sp_meeting *m;

    run_mem(&r, json, SP_FORMAT_MG_JSON);
    EQ_INT(r.rc, 0, "links: loads");
    EQ_INT(r.dir.n, 3, "links: three meetings");
    if (r.dir.n == 3) {
        m = r.dir.meetings;
        EQ_STR(m[0].url, "https://zoom.us/j/81234567890?pwd=867458", "links: the link");
        EQ_STR(m[0].url_without_passcode, "https://zoom.us/j/81234567890",
               "links: without its passcode");
        EQ_STR(m[0].meeting_id, "812 3456 7890", "links: meeting ID");
        EQ_STR(m[0].passcode, "867458", "links: passcode");
        OK(m[0].url == m[1].url, "links: one copy of the same link");
        OK(m[0].url_without_passcode == m[1].url_without_passcode,
           "links: one copy of it without the passcode");
        OK(m[0].meeting_id == m[1].meeting_id, "links: one copy of the meeting ID");
        OK(m[0].url != m[2].url && !strcmp(m[2].url, "https://zoom.us/j/81234567899?pwd=867458"),
           "links: another link is its own copy");
        EQ_STR(m[2].meeting_id, "812 3456 7899", "links: its own meeting ID");
    }
    run_free(&r);
}

/* The "... replaced with U+FFFD" message of r, formatted ("" when there is none). */
static void replaced_message(const struct run *r, char *got, size_t size)
{
    *got = '\0';
    for (size_t i = 0; i < r->diag.n; i++)
        if (strstr(r->diag.v[i].msg, "replaced"))
            sp_diag_format(&r->diag.v[i], got, size);
}

/* The file's UTF-8 check skips plain ASCII eight bytes at a time: a bad byte, a NUL or a
   good accented letter at every place around those eight-byte steps is found (or passed)
   exactly where it is. */
static void test_encoding_places(void)
{
    static const struct { const char *bytes; size_t len; const char *name; const char *msg; }
        kinds[] = {
            { "\xff", 1, "\xEF\xBF\xBD", "invalid UTF-8 replaced with U+FFFD" },
            { "\0", 1, "\xEF\xBF\xBD", "NUL byte replaced with U+FFFD" },
            { "\xc3", 1, "\xEF\xBF\xBD", "invalid UTF-8 replaced with U+FFFD" },
            { "\xc3\xa9", 2, "\xC3\xA9", NULL },
            { "\xe2\x80\x94", 3, "\xE2\x80\x94", NULL },
        };
    bool all = true;

    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
        for (int at = 0; at < 40; at++) {
            GString *g = g_string_new("[{\"name\":\"");
            char want_name[128], want_msg[160], got[1200] = "";
            struct run r;
            bool good;

            for (int i = 0; i < at; i++)
                g_string_append_c(g, 'a');
            g_string_append_len(g, kinds[k].bytes, (gssize)kinds[k].len);
            g_string_append(g, "z\",\"day\":1,\"time\":\"19:00\",\"location\":\"Hall\","
                               "\"address\":\"1 Road\",\"city\":\"Town\"}]\n");
            run_mem_len(&r, g->str, g->len, SP_FORMAT_MG_JSON);
            snprintf(want_name, sizeof want_name, "%.*s%sz", at,
                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", kinds[k].name);
            if (kinds[k].msg)
                snprintf(want_msg, sizeof want_msg, "mem:1:%d: warning: %s", 11 + at,
                         kinds[k].msg);
            replaced_message(&r, got, sizeof got);
            good = r.rc == 0 && r.dir.n == 1 && !strcmp(r.dir.meetings[0].name, want_name) &&
                   (kinds[k].msg ? !strcmp(got, want_msg) : !*got);
            if (!good) {
                fprintf(stderr, "# kind %zu at %d: name '%s', message '%s'\n", k, at,
                        r.dir.n ? r.dir.meetings[0].name : "(none)", got);
                all = false;
            }
            run_free(&r);
            g_string_free(g, TRUE);
        }
    OK(all, "encoding: a bad byte, a NUL, a cut or a good letter after 0..39 ASCII bytes");

    {
        /* two bad bytes far apart: counted, the first one placed */
        struct run r;
        GString *g = g_string_new("[{\"name\":\"abcdefghijklmnopq\xffrstuvwxyz\","
                                  "\"location\":\"0123456789012345678901234\xfe\","
                                  "\"day\":1,\"time\":\"19:00\",\"address\":\"1 Road\","
                                  "\"city\":\"Town\"}]\n");
        char got[1200] = "";
        run_mem_len(&r, g->str, g->len, SP_FORMAT_MG_JSON);
        replaced_message(&r, got, sizeof got);
        EQ_STR(got, "mem:1:28: warning: invalid UTF-8 replaced with U+FFFD "
                    "(2 places, first here)", "encoding: two bad bytes counted, the first placed");
        run_free(&r);
        g_string_free(g, TRUE);
    }
    {
        /* a long run with no ASCII in it (a legacy-encoded or binary feed): each bad byte
           counted, good letters between them kept (the run is checked once: issue 16) */
        struct run r;
        GString *g = g_string_new("[{\"name\":\"x");
        char got[1200] = "";
        for (int i = 0; i < 50000; i++)
            g_string_append(g, i % 2 ? "\xc3\xa9" : "\xff");
        g_string_append(g, "\",\"day\":1,\"time\":\"19:00\",\"address\":\"1 Road\","
                           "\"city\":\"Town\"}]\n");
        run_mem_len(&r, g->str, g->len, SP_FORMAT_MG_JSON);
        replaced_message(&r, got, sizeof got);
        EQ_STR(got, "mem:1:12: warning: invalid UTF-8 replaced with U+FFFD "
                    "(25000 places, first here)", "encoding: a long run of bad and good letters");
        run_free(&r);
        g_string_free(g, TRUE);
    }
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_mg_json);
    TEST_RUN(test_mg_lines);
    TEST_RUN(test_bmlt);
    TEST_RUN(test_csv);
    TEST_RUN(test_mem_cases);
    TEST_RUN(test_sniff);
    TEST_RUN(test_shared_texts);
    TEST_RUN(test_cut_short);
    TEST_RUN(test_lone_word_passcode);
    TEST_RUN(test_grow_and_fit);
    TEST_RUN(test_shared_links);
    TEST_RUN(test_encoding_places);
    return test_done();
}
