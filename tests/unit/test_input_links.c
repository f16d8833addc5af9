/*
 * test_input_links.c - link safety, providers, meeting IDs and passcodes; the type table.
 */
#include "base/mem.h"
#include "input/links.h"
#include "input/types.h"
#include "../test.h"

static void test_links(void)
{
    static const struct {
        const char *in;
        int status;
        const char *url, *provider, *without, *meeting_id, *why;
        int has_pass;
    } cases[] = {
        /*  0*/ { "https://us02web.zoom.us/j/81234567890?pwd=abcDEF123", SP_LINK_OK,
                  "https://us02web.zoom.us/j/81234567890?pwd=abcDEF123", "Zoom",
                  "https://us02web.zoom.us/j/81234567890", "812 3456 7890", NULL, 1 },
        /*  1*/ { "https://zoom.us/j/1234567890?from=addon&pwd=x1&uname=a#frag", SP_LINK_OK,
                  "https://zoom.us/j/1234567890?from=addon&pwd=x1&uname=a#frag", "Zoom",
                  "https://zoom.us/j/1234567890?from=addon&uname=a#frag", "123 456 7890",
                  NULL, 1 },
        /* an HTML-escaped "&" (WordPress writes "&#038;"): the passcode is still found */
        /* 1b*/ { "https://zoom.us/j/1234567890?uname=a&amp;pwd=x1", SP_LINK_OK,
                  "https://zoom.us/j/1234567890?uname=a&pwd=x1", "Zoom",
                  "https://zoom.us/j/1234567890?uname=a", "123 456 7890", NULL, 1 },
        /* 1c*/ { "https://zoom.us/j/1234567890?pwd=x1&#038;uname=a", SP_LINK_OK,
                  "https://zoom.us/j/1234567890?pwd=x1&uname=a", "Zoom",
                  "https://zoom.us/j/1234567890?uname=a", "123 456 7890", NULL, 1 },
        /*  2*/ { "https://meet.google.com/abc-defg-hij", SP_LINK_OK,
                  "https://meet.google.com/abc-defg-hij", "Google Meet", NULL, NULL, NULL, 0 },
        /*  3*/ { "https://teams.microsoft.com/l/meetup-join/19%3a(x)", SP_LINK_OK,
                  "https://teams.microsoft.com/l/meetup-join/19%3a%28x%29", "Microsoft Teams",
                  NULL, NULL, NULL, 0 },
        /*  4*/ { "https://meet.jit.si/HopeGroup", SP_LINK_OK, "https://meet.jit.si/HopeGroup",
                  "Jitsi", NULL, NULL, NULL, 0 },
        /*  5*/ { "https://example.webex.com/meet/x", SP_LINK_OK,
                  "https://example.webex.com/meet/x", "Webex", NULL, NULL, NULL, 0 },
        /*  6*/ { "https://join.skype.com/AbC", SP_LINK_OK, "https://join.skype.com/AbC",
                  "Skype", NULL, NULL, NULL, 0 },
        /*  7*/ { "https://global.gotomeeting.com/join/123", SP_LINK_OK,
                  "https://global.gotomeeting.com/join/123", "GoToMeeting", NULL, NULL, NULL, 0 },
        /*  8*/ { "https://whereby.com/hope", SP_LINK_OK, "https://whereby.com/hope", "Whereby",
                  NULL, NULL, NULL, 0 },
        /*  9*/ { "https://meet.example.org/room\\1 x", SP_LINK_OK,
                  "https://meet.example.org/room%5C1%20x", NULL, NULL, NULL, NULL, 0 },
        /* 10*/ { "http://example.org/join", SP_LINK_HTTP, "http://example.org/join", NULL,
                  NULL, NULL, NULL, 0 },
        /* 11*/ { "HTTPS://Zoom.US/j/812345678", SP_LINK_OK, "https://zoom.us/j/812345678",
                  "Zoom", NULL, "812 345 678", NULL, 0 },
        /* 12*/ { "javascript:alert(1)", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "scheme 'javascript:' is not allowed", 0 },
        /* 13*/ { "data:text/html,<b>x</b>", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "scheme 'data:' is not allowed", 0 },
        /* 14*/ { "file:///etc/passwd", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "scheme 'file:' is not allowed", 0 },
        /* 15*/ { "zoom.us/j/123", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "no https: or http: scheme", 0 },
        /* 16*/ { "https://", SP_LINK_REFUSED, NULL, NULL, NULL, NULL, "no host", 0 },
        /* 17*/ { "https:example.org", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "no '//' after the scheme", 0 },
        /* 18*/ { "https://user@evil.example/", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "a user name or password in the link", 0 },
        /* issue 16: user:pass@ is refused for what it is, not as a "bad port" */
        /* 18b*/ { "https://user:secret@example.org/room", SP_LINK_REFUSED, NULL, NULL, NULL,
                   NULL, "a user name or password in the link", 0 },
        /* 18c*/ { "https://zoom.us:443@evil.example/j/81234567890", SP_LINK_REFUSED, NULL,
                   NULL, NULL, NULL, "a user name or password in the link", 0 },
        /* 19*/ { "https://example.org:80x/", SP_LINK_REFUSED, NULL, NULL, NULL, NULL,
                  "bad port", 0 },
        /* 20*/ { "https://example.org:8443/a", SP_LINK_OK, "https://example.org:8443/a", NULL,
                  NULL, NULL, NULL, 0 },
        /* 21*/ { "https://notzoom.us.example.org/j/81234567890", SP_LINK_OK,
                  "https://notzoom.us.example.org/j/81234567890", NULL, NULL, NULL, NULL, 0 },
        /* 22*/ { "https://evilzoom.us/j/81234567890", SP_LINK_OK,
                  "https://evilzoom.us/j/81234567890", NULL, NULL, NULL, NULL, 0 },
        /* 23*/ { "https://example.org/?passcode=1&a=2", SP_LINK_OK,
                  "https://example.org/?passcode=1&a=2", NULL, "https://example.org/?a=2",
                  NULL, NULL, 1 },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_link l;
        const char *why;
        char name[64];
        int st = (int)sp_link_check(&a, cases[i].in, &l, &why);
        snprintf(name, sizeof name, "link %zu status", i);
        EQ_INT(st, cases[i].status, name);
        snprintf(name, sizeof name, "link %zu why", i);
        EQ_STR(why, cases[i].why, name);
        if (st == SP_LINK_REFUSED)
            continue;
        snprintf(name, sizeof name, "link %zu url", i);
        EQ_STR(l.url, cases[i].url, name);
        snprintf(name, sizeof name, "link %zu provider", i);
        EQ_STR(l.provider, cases[i].provider, name);
        snprintf(name, sizeof name, "link %zu without passcode", i);
        EQ_STR(l.url_without_passcode, cases[i].without, name);
        snprintf(name, sizeof name, "link %zu meeting id", i);
        EQ_STR(l.meeting_id, cases[i].meeting_id, name);
        snprintf(name, sizeof name, "link %zu has passcode", i);
        EQ_INT(l.has_passcode, cases[i].has_pass, name);
    }
    sp_arena_free(&a);
}

static void test_notes(void)
{
    static const struct { const char *in, *pass, *id; } cases[] = {
        /*  0*/ { "Passcode: 1234", "1234", NULL },
        /*  1*/ { "Meeting ID: 812 3456 7890 Password: abc", "abc", "812 3456 7890" },
        /*  2*/ { "password - Serenity.", "Serenity", NULL },
        /*  3*/ { "The passcode is 4321, ring first", "4321", NULL },
        /*  4*/ { "Spinning class upstairs", NULL, NULL },
        /*  5*/ { "meeting id 123456789", NULL, "123 456 789" },
        /*  6*/ { "No codes here", NULL, NULL },
        /*  7*/ { "PWD=hope", "hope", NULL },
        /* notes that mention a password without giving one */
        /*  8*/ { "No password needed", NULL, NULL },
        /*  9*/ { "Password protected - email us for details", NULL, NULL },
        /* 10*/ { "Backup link https://zoom.us/j/1?pwd=Zm9vYmFyYmF6.1", NULL, NULL },
        /* 11*/ { "Passcode serenity", NULL, NULL },
        /* 12*/ { "Passcode: serenity", "serenity", NULL },
        /* 13*/ { "password is hope2024", "hope2024", NULL },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "notes %zu passcode", i);
        EQ_STR(sp_passcode_from_text(&a, cases[i].in), cases[i].pass, name);
        snprintf(name, sizeof name, "notes %zu meeting id", i);
        EQ_STR(sp_meeting_id_from_text(&a, cases[i].in), cases[i].id, name);
    }
    EQ_STR(sp_meeting_id_format(&a, "81234567890"), "812 3456 7890", "id 11 digits");
    EQ_STR(sp_meeting_id_format(&a, "12345"), "12345", "id other length unchanged");
    sp_arena_free(&a);
}

/* issue 11: the passcode and ID forms real feeds carry, and what is cut from the notes */
static void test_notes_more(void)
{
    static const struct {
        const char *in, *pass, *id, *pass_phrase;  /* pass_phrase: what is cut for it */
    } cases[] = {
        /*  0*/ { "enter password 292 718-013", "292 718-013", NULL,
                  "enter password 292 718-013" },
        /*  1*/ { "Passwort: 647529", "647529", NULL, "Passwort: 647529" },
        /*  2*/ { "Kennwort 647529 (bitte)", "647529", NULL, "Kennwort 647529" },
        /*  3*/ { "Has\xc5\x82o: 5521", "5521", NULL, "Has\xc5\x82o: 5521" },
        /*  4*/ { "Entrance in back of bldg/behind the outlet store -- PW: 867458", "867458",
                  NULL, "PW: 867458" },
        /*  5*/ { "pwd 4455", "4455", NULL, "pwd 4455" },
        /*  6*/ { "Code: 7781", "7781", NULL, "Code: 7781" },
        /*  7*/ { "Dress code: smart casual", NULL, NULL, NULL },
        /*  8*/ { "Postcode CF10 1AA", NULL, NULL, NULL },
        /*  9*/ { "PIN 1234#", "1234", NULL, "PIN 1234#" },
        /* 10*/ { "GoToMeeting ID: 869 747 141", NULL, "869 747 141", NULL },
        /* 11*/ { "Conference ID: 123 456 789#", NULL, "123 456 789", NULL },
        /* 12*/ { "Teams meeting ID 123 456 789 012", NULL, "123 456 789 012", NULL },
        /* 13*/ { "Meeting number 2345 678 9012", NULL, "234 5678 9012", NULL },
        /* 14*/ { "Group ID 12345, room 2", NULL, NULL, NULL },
        /* 15*/ { "Passcode 1234 2nd floor", "1234", NULL, "Passcode 1234" },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        size_t start = 0, end = 0;
        const char *pass = sp_passcode_find(&a, cases[i].in, &start, &end);
        snprintf(name, sizeof name, "notes+ %zu passcode", i);
        EQ_STR(pass, cases[i].pass, name);
        snprintf(name, sizeof name, "notes+ %zu phrase", i);
        EQ_STR(pass ? sp_arena_strndup(&a, cases[i].in + start, end - start) : NULL,
               cases[i].pass_phrase, name);
        snprintf(name, sizeof name, "notes+ %zu meeting id", i);
        EQ_STR(sp_meeting_id_from_text(&a, cases[i].in), cases[i].id, name);
    }
    sp_arena_free(&a);
}

/* a provider's home page is refused, but names its service; a passcode people type */
static void test_links_more(void)
{
    static const struct {
        const char *in;
        int status;
        const char *provider, *passcode, *why;
    } cases[] = {
        /*  0*/ { "http://www.gotomeeting.com", SP_LINK_REFUSED, "GoToMeeting", NULL,
                  "it is GoToMeeting's home page, not a link to a meeting" },
        /*  1*/ { "https://zoom.us/", SP_LINK_REFUSED, "Zoom", NULL,
                  "it is Zoom's home page, not a link to a meeting" },
        /*  2*/ { "https://zoom.us/join", SP_LINK_REFUSED, "Zoom", NULL,
                  "it is Zoom's home page, not a link to a meeting" },
        /*  3*/ { "https://www.webex.com", SP_LINK_REFUSED, "Webex", NULL,
                  "it is Webex's home page, not a link to a meeting" },
        /*  4*/ { "https://example.org/", SP_LINK_OK, NULL, NULL, NULL },
        /*  5*/ { "https://zoom.us/j/81234567890?pwd=867458", SP_LINK_OK, "Zoom", "867458", NULL },
        /*  6*/ { "https://zoom.us/j/81234567890?pwd=Zm9vYmFyRXhhbXBsZU9ubHkxMjM0NTY3OA.1",
                  SP_LINK_OK, "Zoom", NULL, NULL },
        /*  7*/ { "https://meet.google.com/abc-defg-hij", SP_LINK_OK, "Google Meet", NULL, NULL },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_link l;
        const char *why = NULL;
        char name[64];
        enum sp_link_status st = sp_link_check(&a, cases[i].in, &l, &why);
        snprintf(name, sizeof name, "links+ %zu status", i);
        EQ_INT(st, cases[i].status, name);
        snprintf(name, sizeof name, "links+ %zu provider", i);
        EQ_STR(l.provider, cases[i].provider, name);
        snprintf(name, sizeof name, "links+ %zu passcode", i);
        EQ_STR(l.passcode, cases[i].passcode, name);
        snprintf(name, sizeof name, "links+ %zu why", i);
        EQ_STR(why, cases[i].why, name);
    }
    sp_arena_free(&a);
}

static void test_types(void)
{
    static const struct { const char *code, *fellowship, *label, *canon; } cases[] = {
        /*  0*/ { "O", NULL, "Open", "O" },
        /*  1*/ { "o", NULL, "Open", "O" },
        /*  2*/ { " onl ", NULL, "Online Meeting", "ONL" },
        /*  3*/ { "12X12", NULL, "12 Steps & 12 Traditions", "12x12" },
        /*  4*/ { "Y", "Alcoholics Anonymous", "Young People", "Y" },
        /*  5*/ { "Y", "Al-Anon Family Groups", "Alateen", "Y" },
        /*  6*/ { "y", "al-anon", "Alateen", "Y" },
        /*  7*/ { "X", NULL, "Wheelchair Access", "X" },
        /*  8*/ { "TC", NULL, "Location Temporarily Closed", "TC" },
        /*  9*/ { "ZZ", NULL, NULL, NULL },
        /* 10*/ { "", NULL, NULL, NULL },
        /* 11*/ { "AL-AN", NULL, "Concurrent with Al-Anon", "AL-AN" },
        /* 12*/ { "LGBTQ", NULL, "LGBTQ", "LGBTQ" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *canon = NULL;
        char name[64];
        snprintf(name, sizeof name, "type %zu label", i);
        EQ_STR(sp_type_label(cases[i].code, cases[i].fellowship, &canon), cases[i].label, name);
        snprintf(name, sizeof name, "type %zu canonical code", i);
        EQ_STR(canon, cases[i].canon, name);
    }
    static const struct { const char *label, *fellowship, *code; } labels[] = {
        /*  0*/ { "Open", NULL, "O" },
        /*  1*/ { " wheelchair access ", NULL, "X" },
        /*  2*/ { "Online", NULL, "ONL" },
        /*  3*/ { "Alateen", "Al-Anon", "Y" },
        /*  4*/ { "Alateen", NULL, NULL },
        /*  5*/ { "Nonsense", NULL, NULL },
        /* the 12 Step Meeting List plugin's CSV labels (issue 11) */
        /*  6*/ { "Temporary Closure", NULL, "TC" },
        /*  7*/ { "Location Temporarily Closed", NULL, "TC" },
        /*  8*/ { "Wheelchair Access", NULL, "X" },
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "label %zu", i);
        EQ_STR(sp_type_code_for_label(labels[i].label, labels[i].fellowship), labels[i].code,
               name);
    }
}

/*
 * issue 16 item 4: the host in ASCII (IDNA) in the safe form, so a QR code opens what the
 * PDF link opens; look-alike and numeric hosts named; plain hosts not.
 */
static void test_hosts(void)
{
    static const struct { const char *in, *url, *host, *warning; } cases[] = {
        { "https://bücher.example/treffen", "https://xn--bcher-kva.example/treffen",
          "xn--bcher-kva.example", NULL },
        { "https://Zoom.US/j/81234567890", "https://zoom.us/j/81234567890", "zoom.us", NULL },
        /* a Cyrillic о (U+043E) in "zoom" */
        { "https://zo\xD0\xBEm.us/j/81234567890", "https://xn--zom-ted.us/j/81234567890",
          "xn--zom-ted.us", "its host 'zo\xD0\xBEm.us' mixes Latin and Cyrillic letters, as "
          "look-alike addresses do; the code opens xn--zom-ted.us" },
        /* the same written in xn-- form: decoded to say what it looks like */
        { "https://xn--zom-ted.us/j/81234567890", "https://xn--zom-ted.us/j/81234567890",
          "xn--zom-ted.us", "its host 'zo\xD0\xBEm.us' mixes Latin and Cyrillic letters, as "
          "look-alike addresses do; the code opens xn--zom-ted.us" },
        /* a Greek ο (U+03BF) */
        { "https://g\xCE\xBFogle.example/x", "https://xn--gogle-rce.example/x",
          "xn--gogle-rce.example", "its host 'g\xCE\xBFogle.example' mixes Latin and Greek "
          "letters, as look-alike addresses do; the code opens xn--gogle-rce.example" },
        /* full-width letters and dot (U+FF5A ..., U+FF0E) */
        { "https://\xEF\xBD\x9A\xEF\xBD\x8F\xEF\xBD\x8F\xEF\xBD\x8D\xEF\xBC\x8E"
          "\xEF\xBD\x95\xEF\xBD\x93/j/1", "https://zoom.us/j/1", "zoom.us",
          "its host '\xEF\xBD\x9A\xEF\xBD\x8F\xEF\xBD\x8F\xEF\xBD\x8D\xEF\xBC\x8E"
          "\xEF\xBD\x95\xEF\xBD\x93' has full-width characters; the code opens zoom.us" },
        /* numeric hosts: decimal, dotted, hexadecimal, with a port */
        { "https://3232235777/j/1", "https://3232235777/j/1", "3232235777",
          "its host '3232235777' is a number (an IP address), not a name" },
        { "https://192.0.2.10/room", "https://192.0.2.10/room", "192.0.2.10",
          "its host '192.0.2.10' is a number (an IP address), not a name" },
        { "https://0x7f.1:8443/x", "https://0x7f.1:8443/x", "0x7f.1",
          "its host '0x7f.1' is a number (an IP address), not a name" },
        /* not doubtful: one script per label, Japanese kana with Han, digits in a name */
        { "https://\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.example/",
          "https://xn--e1afmkfd.example/", "xn--e1afmkfd.example", NULL },
        { "https://\xE4\xBE\x8B\xE3\x81\x88.example/", "https://xn--r8jz45g.example/",
          "xn--r8jz45g.example", NULL },
        { "https://us02web.zoom.us/j/1", "https://us02web.zoom.us/j/1", "us02web.zoom.us",
          NULL },
        { "https://123.example.org/x", "https://123.example.org/x", "123.example.org", NULL },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sp_link l;
        const char *why;
        char name[64];
        int st = (int)sp_link_check(&a, cases[i].in, &l, &why);

        snprintf(name, sizeof name, "host %zu accepted", i);
        EQ_INT(st, SP_LINK_OK, name);
        if (st != SP_LINK_OK)
            continue;
        snprintf(name, sizeof name, "host %zu url (ASCII host)", i);
        EQ_STR(l.url, cases[i].url, name);
        snprintf(name, sizeof name, "host %zu host", i);
        EQ_STR(l.host, cases[i].host, name);
        snprintf(name, sizeof name, "host %zu warning", i);
        EQ_STR(l.host_warning, cases[i].warning, name);
    }
    {
        struct sp_link l;
        const char *why;
        EQ_INT(sp_link_check(&a, "https://bad\xFF\xFEhost.example/", &l, &why),
               SP_LINK_REFUSED, "a host that is not UTF-8 is refused");
        EQ_STR(why, "a host name that cannot be written in ASCII (IDNA)", "... and says why");
    }
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_links);
    TEST_RUN(test_notes);
    TEST_RUN(test_notes_more);
    TEST_RUN(test_links_more);
    TEST_RUN(test_hosts);
    TEST_RUN(test_types);
    return test_done();
}
