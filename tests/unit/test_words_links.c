/*
 * test_words_links.c - words printed about links and data (issues 15 and 16): the host and
 * the site a QR code opens, printed beside it, and "Meetings as listed on <date>" for
 * outputs made from feeds.
 */
#include <string.h>

#include "base/mem.h"
#include "compose/words.h"
#include "../test.h"

static void test_host_and_site(void)
{
    static const struct { const char *url, *host, *site; } cases[] = {
        { "https://us02web.zoom.us/j/81234567890?pwd=x", "us02web.zoom.us", "zoom.us" },
        { "https://zoom.us/j/1", "zoom.us", "zoom.us" },
        { "https://teams.microsoft.com/l/meetup-join/19%3a", "teams.microsoft.com",
          "microsoft.com" },
        /* a look-alike under someone else's name: the name that counts is shown */
        { "https://zoom.us.evil.example/j/1", "zoom.us.evil.example", "evil.example" },
        /* a country's short second level keeps three labels */
        { "https://meetings.example.org.uk/x", "meetings.example.org.uk", "example.org.uk" },
        { "https://www.example.co.jp/", "www.example.co.jp", "example.co.jp" },
        { "https://example.de/x", "example.de", "example.de" },
        { "https://xn--zom-ted.us/j/1", "xn--zom-ted.us", "xn--zom-ted.us" },
        /* numbers whole, with a port or not */
        { "https://192.0.2.10:8443/room", "192.0.2.10", "192.0.2.10" },
        { "https://3232235777/room", "3232235777", "3232235777" },
        { "https://0x7f.0.0.1/room", "0x7f.0.0.1", "0x7f.0.0.1" },
        { "http://localhost/x", "localhost", "localhost" },
        { "https://example.org?x=1", "example.org", "example.org" },
        { "https://example.org#top", "example.org", "example.org" },
        { "not a link", NULL, NULL },
        { "https://", NULL, NULL },
        { NULL, NULL, NULL },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "host %zu", i);
        EQ_STR(sp_words_host(cases[i].url, &a), cases[i].host, name);
        snprintf(name, sizeof name, "site %zu", i);
        EQ_STR(sp_words_site(cases[i].url, &a), cases[i].site, name);
    }
    sp_arena_free(&a);
}

static void test_as_listed(void)
{
    struct sp_arena a;

    sp_arena_init(&a);
    EQ_STR(sp_words_as_listed(0, &a), NULL, "no data date (files): nothing to say");
    /* 2026-11-26 09:00 UTC */
    EQ_STR(sp_words_as_listed((time_t)1795683600, &a), "Meetings as listed on 26 November 2026",
           "a feed's date");
    /* the braille title page says the same words */
    OK(!strncmp(sp_words_as_listed((time_t)1795683600, &a), "Meetings as listed on ", 22),
       "the braille wording");
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_host_and_site);
    TEST_RUN(test_as_listed);
    return test_done();
}
