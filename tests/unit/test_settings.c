/*
 * test_settings.c - the settings file: the shipped example loads with its values,
 * defaults, repeated [helpline] sections, and every error message pinned with
 * file:line:col.
 */
#include "layout/settings.h"

#include <stdio.h>
#include <string.h>

#include "../test.h"

static const char base[] =
    "[organisation]\n"                                  /*  1 */
    "name = Test Network\n"                             /*  2 */
    "phone = 01632 960001\n"                            /*  3 */
    "\n"                                                /*  4 */
    "[links]\n"                                         /*  5 */
    "directory-url = https://example.org/meetings\n"    /*  6 */
    "\n"                                                /*  7 */
    "[helpline]\n"                                      /*  8 */
    "name = Line one\n"                                 /*  9 */
    "phone = 01632 960002\n"                            /* 10 */
    "\n"                                                /* 11 */
    "[helpline]\n"                                      /* 12 */
    "name = Line two\n"                                 /* 13 */
    "phone = 07700 900003\n"                            /* 14 */
    "hours = 24 hours\n";                               /* 15 */

static const char *try_parse(const char *text, struct sp_arena *a, struct sp_settings *s)
{
    static char buf[1024];
    struct sp_error e = { 0 };

    if (sp_settings_parse("s", text, strlen(text), a, s, &e) == 0)
        return "";
    sp_error_format(&e, buf, sizeof buf);
    return e.code == SP_ERR_INPUT ? buf : "(wrong error code)";
}

static char *edit(const char *src, const char *find, const char *repl)
{
    const char *p = strstr(src, find);
    char *out = xmalloc(strlen(src) + strlen(repl) + 1);

    if (!p) {
        printf("# edit: '%s' not found\n", find);
        strcpy(out, src);
        return out;
    }
    sprintf(out, "%.*s%s%s", (int)(p - src), src, repl, p + strlen(find));
    return out;
}

static void test_defaults(void)
{
    struct sp_settings s;

    sp_settings_defaults(&s);
    EQ_STR(s.org_name, "", "no organisation by default");
    EQ_STR(s.headline, "Free support meetings near you", "default headline");
    EQ_STR(s.subtitle, NULL, "no subtitle by default: it follows the fellowship");
    OK(!s.fellowship && !s.timezone, "no directory defaults");
    EQ_STR(s.lang, "en-GB", "default language");
    OK(!s.org_phone && !s.directory_url && !s.intro && !s.card_welcome, "optional fields NULL");
    EQ_INT(s.nhelplines, 0, "no helplines by default");
}

static void test_example(void)
{
    struct sp_arena a;
    struct sp_settings s;
    struct sp_error e = { 0 };

    sp_arena_init(&a);
    EQ_INT(sp_settings_load("examples/settings.ini", &a, &s, &e), 0, "example settings load");
    if (e.code)
        printf("# %s:%d:%d: %s\n", e.file, e.line, e.col, e.msg);
    EQ_STR(s.org_name, "Example Recovery Network", "organisation");
    EQ_STR(s.org_phone, "01632 960123", "phone in the Ofcom drama range");
    EQ_STR(s.org_email, "info@example.org", "email on example.org");
    EQ_STR(s.org_website, "example.org", "website");
    EQ_STR(s.directory_url, "https://example.org/meetings", "directory link");
    EQ_STR(s.short_link, "example.org/meetings", "short link");
    EQ_STR(s.area, "South Wales and the West", "area");
    EQ_STR(s.headline, "Free support meetings near you", "headline");
    EQ_STR(s.subtitle, "Drugs or alcohol a problem? You don't have to do it alone.",
           "subtitle");
    OK(s.intro && !strncmp(s.intro, "What is a meeting?", 18), "intro starts with a question");
    OK(s.intro && strstr(s.intro, "\nYou are welcome to just listen"), "intro paragraph 2");
    OK(s.intro && strstr(s.intro, "confidential"), "intro mentions confidentiality");
    EQ_STR(s.card_welcome, "You are welcome: just turn up and listen", "card welcome");
    EQ_STR(s.lang, "en-GB", "language");
    EQ_INT(s.nhelplines, 3, "three helplines");
    if (s.nhelplines == 3) {
        EQ_STR(s.helplines[0].name, "Example Alcohol Helpline", "helpline 1 name");
        EQ_STR(s.helplines[0].phone, "01632 960000", "helpline 1 phone");
        EQ_STR(s.helplines[0].hours, "24 hours", "helpline 1 hours");
        EQ_STR(s.helplines[1].phone, "01632 960555", "helpline 2 phone");
        EQ_STR(s.helplines[2].phone, "029 2018 0123", "helpline 3 phone (drama range)");
    }
    sp_arena_free(&a);
}

static void test_base(void)
{
    struct sp_arena a;
    struct sp_settings s;

    sp_arena_init(&a);
    EQ_STR(try_parse(base, &a, &s), "", "base settings load");
    EQ_STR(s.org_name, "Test Network", "name");
    EQ_STR(s.headline, "Free support meetings near you", "headline keeps its default");
    EQ_INT(s.nhelplines, 2, "two [helpline] sections");
    EQ_STR(s.helplines[0].name, "Line one", "first helpline first");
    OK(s.helplines[0].hours == NULL, "hours optional");
    EQ_STR(s.helplines[1].hours, "24 hours", "second helpline hours");
    sp_arena_free(&a);
}

/* [directory]: what the directory files do not say (issue 11) */
static void test_directory(void)
{
    static const struct {
        const char *text, *fellowship, *timezone, *error;
    } cases[] = {
        /*  0*/ { "[directory]\nfellowship = Eating Disorders Anonymous\n"
                  "timezone = America/New_York\n",
                  "Eating Disorders Anonymous", "America/New_York", "" },
        /*  1*/ { "[directory]\ntimezone = UTC\n", NULL, "UTC", "" },
        /*  2*/ { "[directory]\ntimezone = Eastern\n", NULL, NULL,
                  "s:10:12: 'timezone': expected a time zone such as 'Europe/London' or "
                  "'America/New_York', got 'Eastern'" },
        /*  3*/ { "[directory]\ntimezone = Mars/Olympus\n", NULL, NULL,
                  "s:10:12: 'timezone': expected a time zone such as 'Europe/London' or "
                  "'America/New_York', got 'Mars/Olympus'" },
        /*  4*/ { "[directory]\ncolour = blue\n", NULL, NULL,
                  "s:10:1: 'colour': unknown key in section '[directory]'" },
        /* a zone file without a '/' in its name is still not a place's zone */
        /*  5*/ { "[directory]\ntimezone = EST\n", NULL, NULL,
                  "s:10:12: 'timezone': expected a time zone such as 'Europe/London' or "
                  "'America/New_York', got 'EST'" },
        /* a POSIX rule (no file) as glib reads it */
        /*  6*/ { "[directory]\ntimezone = CET-1CEST,M3.5.0,M10.5.0/3\n", NULL,
                  "CET-1CEST,M3.5.0,M10.5.0/3", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_arena a;
        struct sp_settings s;
        char text[1024], name[64];
        sp_arena_init(&a);
        snprintf(text, sizeof text, "[organisation]\nname = Test Network\n\n[links]\n"
                 "directory-url = https://example.org/meetings\n\n[text]\nlang = en-GB\n%s",
                 cases[i].text);
        snprintf(name, sizeof name, "directory %zu: result", i);
        EQ_STR(try_parse(text, &a, &s), cases[i].error, name);
        if (!*cases[i].error) {
            snprintf(name, sizeof name, "directory %zu: fellowship", i);
            EQ_STR(s.fellowship, cases[i].fellowship, name);
            snprintf(name, sizeof name, "directory %zu: timezone", i);
            EQ_STR(s.timezone, cases[i].timezone, name);
        }
        sp_arena_free(&a);
    }
}

struct err_case {
    const char *name, *find, *repl, *want;
};

static const struct err_case cases[] = {
    /*  0*/ { "unknown key", "phone = 01632 960001", "fax = 01632 960001",
              "s:3:1: 'fax': unknown key in section '[organisation]'" },
    /*  1*/ { "unknown section", "[links]", "[link]",
              "s:5:1: unknown section '[link]' (expected '[organisation]', '[links]', "
              "'[text]', '[directory]' or '[helpline]')" },
    /*  2*/ { "duplicate section", "[links]", "[organisation]",
              "s:5:1: duplicate section '[organisation]' (first on line 1)" },
    /*  3*/ { "duplicate key", "phone = 01632 960001", "phone = 01632 960001\nphone = 1",
              "s:4:1: 'phone': duplicate key (first set on line 3)" },
    /*  4*/ { "duplicate key in one helpline", "hours = 24 hours", "name = again",
              "s:15:1: 'name': duplicate key (first set on line 13)" },
    /*  5*/ { "helpline without phone", "phone = 07700 900003\n", "",
              "s:12:1: missing key 'phone' in section '[helpline]'" },
    /*  6*/ { "helpline without name", "name = Line one\n", "",
              "s:8:1: missing key 'name' in section '[helpline]'" },
    /*  7*/ { "missing organisation name", "name = Test Network\n", "",
              "s: missing key 'name' in section '[organisation]'" },
    /*  8*/ { "http link", "https://example.org/meetings", "http://example.org/meetings",
              "s:6:17: 'directory-url': expected an https:// link such as "
              "'https://example.org/meetings', got 'http://example.org/meetings'" },
    /*  9*/ { "link with a space", "https://example.org/meetings", "https://example.org/my list",
              "s:6:17: 'directory-url': expected an https:// link such as "
              "'https://example.org/meetings', got 'https://example.org/my list'" },
    /* 10*/ { "bad phone", "phone = 01632 960001", "phone = call us",
              "s:3:9: 'phone': expected a phone number such as '01632 960000', got 'call us'" },
    /* 11*/ { "bad email", "phone = 01632 960001", "email = info at example.org",
              "s:3:9: 'email': expected an email address such as 'info@example.org', "
              "got 'info at example.org'" },
    /* 12*/ { "bad language", "[links]", "[text]\nlang = English\n[links]",
              "s:6:8: 'lang': expected a language tag such as 'en-GB' or 'cy', got 'English'" },
    /* 13*/ { "headline on two lines", "[links]", "[text]\nheadline = One\\nTwo\n[links]",
              "s:6:12: 'headline': must be one line (only 'intro' may use '\\n')" },
    /* 14*/ { "key before a section", "[organisation]\n", "name = X\n[organisation]\n",
              "s:1:1: 'name': key before the first section (start with '[organisation]')" },
    /* 15*/ { "short link too long", "[links]\n",
              "[links]\nshort-link = example.org/a-very-long-path-that-will-not-fit-a-tab\n",
              "s:6:14: 'short-link': longer than 40 characters" },
    /* 16*/ { "invalid UTF-8", "Test Network", "Test \xc3\x28 Network",
              "s:2:13: invalid UTF-8 (byte 0xC3)" },
    /* 17*/ { "missing value", "phone = 01632 960001", "phone =",
              "s:3:8: 'phone': missing value after '='" },
};

static void test_errors(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_arena a;
        struct sp_settings s;
        char *t = edit(base, cases[i].find, cases[i].repl);
        char name[120];

        sp_arena_init(&a);
        snprintf(name, sizeof name, "%2zu %s", i, cases[i].name);
        EQ_STR(try_parse(t, &a, &s), cases[i].want, name);
        free(t);
        sp_arena_free(&a);
    }
}

static void test_text(void)
{
    struct sp_arena a;
    struct sp_settings s;
    char *t;

    sp_arena_init(&a);
    t = edit(base, "[links]", "[Text]\nHeadline = Cyfarfodydd \\# am ddim  # Welsh\n"
             "intro = One.\\nTwo \\\\ three.\ncard_welcome = Croeso\nlang = cy\n[links]");
    EQ_STR(try_parse(t, &a, &s), "", "text section with escapes, case and '_'");
    EQ_STR(s.headline, "Cyfarfodydd # am ddim", "escaped '#', comment dropped");
    EQ_STR(s.intro, "One.\nTwo \\ three.", "'\\n' and '\\\\' in intro");
    EQ_STR(s.card_welcome, "Croeso", "card_welcome spelled with '_'");
    EQ_STR(s.lang, "cy", "Welsh language tag");
    free(t);

    {
        struct sp_error e = { 0 };
        EQ_INT(sp_settings_load("/nonexistent/settings.ini", &a, &s, &e), -1, "missing file");
        EQ_INT(e.code, SP_ERR_IO, "... I/O error");
        EQ_STR(e.msg, "cannot open '/nonexistent/settings.ini': No such file or directory",
               "... message");
    }
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_defaults);
    TEST_RUN(test_example);
    TEST_RUN(test_base);
    TEST_RUN(test_directory);
    TEST_RUN(test_errors);
    TEST_RUN(test_text);
    return test_done();
}
