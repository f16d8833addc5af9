/*
 * test_pdf_syntax.c - the one writer of strings into PDF syntax: text strings, names,
 * URIs (also for cairo's attribute), XML text and dates, each with the strings that
 * would break out of their context: ) \ ( >> < newline, control characters, non-ASCII,
 * invalid UTF-8.
 */
#include "../test.h"
#include "output/pdf_syntax.h"

#include <stdlib.h>
#include <string.h>

static char *text(const char *s)
{
    static char out[1024];
    struct sp_buf b = { 0 };

    sp_pdf_put_text(&b, s);
    snprintf(out, sizeof out, "%.*s", (int)b.n, (const char *)b.p);
    free(b.p);
    return out;
}

static char *name(const char *s)
{
    static char out[256];
    struct sp_buf b = { 0 };

    sp_pdf_put_name(&b, s);
    snprintf(out, sizeof out, "%.*s", (int)b.n, (const char *)b.p);
    free(b.p);
    return out;
}

static char *xml(const char *s)
{
    static char out[256];
    struct sp_buf b = { 0 };

    sp_pdf_put_xml(&b, s);
    snprintf(out, sizeof out, "%.*s", (int)b.n, (const char *)b.p);
    free(b.p);
    return out;
}

static void test_text(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        { "Cardiff", "(Cardiff)" },
        { "", "()" },
        { "a(b)c\\d", "(a\\(b\\)c\\\\d)" },
        { "m)>>/A<</S/JavaScript/JS(app.alert(1)", "(m\\)>>/A<</S/JavaScript/JS\\(app.alert\\(1\\))" },
        { "line\nbreak\r\t", "(line\\012break\\015\\011)" },
        { "esc\x1b del\x7f", "(esc\\033 del\\177)" },
        { "Caf\xc3\xa9", "<FEFF00430061006600E9>" },
        { "\xf0\x9f\x98\x80", "<FEFFD83DDE00>" },              /* outside the BMP: a pair */
        { "bad \xff utf-8", "<FEFF0062006100640020FFFD0020007500740066002D0038>" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        EQ_STR(text(cases[i].in), cases[i].want, "text string");
}

static void test_name(void)
{
    EQ_STR(name("Span"), "/Span", "name: plain");
    EQ_STR(name(""), "/", "name: empty");
    EQ_STR(name("a b/c(d)#e"), "/a#20b#2Fc#28d#29#23e", "name: delimiters and # escaped");
    EQ_STR(name("Caf\xc3\xa9\n"), "/Caf#C3#A9#0A", "name: bytes outside ! to ~ escaped");
}

static void test_uri(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        { "https://example.org/meetings", "https://example.org/meetings" },
        { "https://example.org/m)>>/A<</S/JavaScript/JS(app.alert(1)",
          "https://example.org/m%29%3E%3E/A%3C%3C/S/JavaScript/JS%28app.alert%281%29" },
        { "https://example.org/a b\\c'd\"e{f}|g^h`i", "https://example.org/a%20b%5Cc%27d%22e%7Bf%7D%7Cg%5Eh%60i" },
        { "https://example.org/%41%zz%", "https://example.org/%41%25zz%25" },
        { "https://example.org/\xc3\xa9t\xc3\xa9", "https://example.org/%C3%A9t%C3%A9" },
        { "https://caf\xc3\xa9.example.org/x", "https://xn--caf-dma.example.org/x" },
        { "https://zo\xd0\xbem.us/j/81234567890", "https://xn--zom-ted.us/j/81234567890" },
        { "https://user@caf\xc3\xa9.example.org:8443/x?y=1#z",
          "https://user@xn--caf-dma.example.org:8443/x?y=1#z" },
        { "https://example.org/\n\x7f", "https://example.org/%0A%7F" },
        { "no scheme (at all)", "no%20scheme%20%28at%20all%29" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *u = sp_pdf_uri(cases[i].in), *again = sp_pdf_uri(u);
        EQ_STR(u, cases[i].want, "uri: 7-bit, quote-safe");
        EQ_STR(again, u, "uri: idempotent");
        for (const char *p = u; *p; p++)
            if (*p == '(' || *p == ')' || *p == '\\' || *p == '\'' || (unsigned char)*p < 0x21 ||
                (unsigned char)*p > 0x7e) {
                OK(0, "uri: a character that ends a PDF or cairo string: '%c'", *p);
                break;
            }
        free(u);
        free(again);
    }
    {
        struct sp_buf b = { 0 };
        sp_pdf_put_uri(&b, "https://example.org/(x)");
        OK(b.n == strlen("(https://example.org/%28x%29)") &&
           !memcmp(b.p, "(https://example.org/%28x%29)", b.n), "put_uri: a literal string");
        free(b.p);
    }
}

static void test_xml_and_dates(void)
{
    char d[32];

    EQ_STR(xml("<b>&\"'</b>"), "&lt;b&gt;&amp;&quot;&apos;&lt;/b&gt;", "xml: entities");
    EQ_STR(xml("a\x01" "b\tc"), "a b\tc", "xml: a control character becomes a space");
    EQ_STR(xml("bad \xff"), "bad \xef\xbf\xbd", "xml: invalid UTF-8 repaired");
    sp_pdf_date(1795651200, d, sizeof d);
    EQ_STR(d, "D:20261126000000Z", "PDF date: D: prefix, UTC");
    sp_pdf_iso_date(1795651200 + 3661, d, sizeof d);
    EQ_STR(d, "2026-11-26T01:01:01Z", "XMP date");
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_text);
    TEST_RUN(test_name);
    TEST_RUN(test_uri);
    TEST_RUN(test_xml_and_dates);
    return test_done();
}
