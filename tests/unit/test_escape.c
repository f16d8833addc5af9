/*
 * test_escape.c - the HTML text, HTML attribute, JavaScript string and JSON string
 * escapers with the nasty cases: backslash, both quotes, "</script>", "<!--", U+2028,
 * U+2029, NUL, ESC, DEL, C1 controls and invalid UTF-8.  JSON results are also parsed back
 * with json-c, and every result is checked to contain no raw control character.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../test.h"
#include "output/escape.h"

typedef void (*esc_fn)(GString *, const char *, size_t);

static char *run(esc_fn f, const char *s, size_t len)
{
    GString *g = g_string_new(NULL);

    f(g, s, len);
    return g_string_free(g, FALSE);
}

static int has_control(const char *s, bool allow_ws)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 || *p == 0x7F) && !(allow_ws && (*p == '\n' || *p == '\t' || *p == '\r')))
            return 1;
    return 0;
}

static void test_table(void)
{
    static const struct {
        const char *in;
        size_t len;
        const char *text, *attr, *js;
    } cases[] = {
        /*  0*/ { "Caf\xc3\xa9 & \"Bar\"", SP_ESC_NUL_TERMINATED,
                  "Caf\xc3\xa9 &amp; \"Bar\"", "Caf\xc3\xa9 &amp; &quot;Bar&quot;",
                  "\"Caf\xc3\xa9 \\u0026 \\\"Bar\\\"\"" },
        /*  1*/ { "South Wales\\", SP_ESC_NUL_TERMINATED, "South Wales\\", "South Wales\\",
                  "\"South Wales\\\\\"" },
        /*  2*/ { "it's", SP_ESC_NUL_TERMINATED, "it's", "it&#39;s", "\"it\\u0027s\"" },
        /*  3*/ { "</script><!--", SP_ESC_NUL_TERMINATED, "&lt;/script&gt;&lt;!--",
                  "&lt;/script&gt;&lt;!--", "\"\\u003C/script\\u003E\\u003C!--\"" },
        /*  4*/ { "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", SP_ESC_NUL_TERMINATED,
                  "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c",
                  "\"a\\u2028b\\u2029c\"" },
        /*  5*/ { "a\0b", 3, "a\xef\xbf\xbd" "b", "a\xef\xbf\xbd" "b", "\"a\\u0000b\"" },
        /*  6*/ { "a\x1b[31mb", SP_ESC_NUL_TERMINATED, "a\xef\xbf\xbd[31mb",
                  "a\xef\xbf\xbd[31mb", "\"a\\u001B[31mb\"" },
        /*  7*/ { "line\nnext\ttab", SP_ESC_NUL_TERMINATED, "line\nnext\ttab",
                  "line&#10;next&#9;tab", "\"line\\nnext\\ttab\"" },
        /*  8*/ { "del\x7f", SP_ESC_NUL_TERMINATED, "del\xef\xbf\xbd", "del\xef\xbf\xbd",
                  "\"del\\u007F\"" },
        /*  9*/ { "bad \xff\xfe utf8 \xc3", SP_ESC_NUL_TERMINATED,
                  "bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd",
                  "bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd",
                  "\"bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd\"" },
        /* 10*/ { "C1 \xc2\x85 end", SP_ESC_NUL_TERMINATED, "C1 \xef\xbf\xbd end",
                  "C1 \xef\xbf\xbd end", "\"C1 \xc2\x85 end\"" },
        /* 11*/ { "https://example.org/a?b=1&c=2", SP_ESC_NUL_TERMINATED,
                  "https://example.org/a?b=1&amp;c=2", "https://example.org/a?b=1&amp;c=2",
                  "\"https://example.org/a?b=1\\u0026c=2\"" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = run(sp_esc_html_text, cases[i].in, cases[i].len);
        char *a = run(sp_esc_html_attr, cases[i].in, cases[i].len);
        char *j = run(sp_esc_js_string, cases[i].in, cases[i].len);
        char *js = run(sp_esc_json_string, cases[i].in, cases[i].len);
        char name[64];

        snprintf(name, sizeof name, "case %zu: HTML text", i);
        EQ_STR(t, cases[i].text, name);
        snprintf(name, sizeof name, "case %zu: HTML attribute", i);
        EQ_STR(a, cases[i].attr, name);
        snprintf(name, sizeof name, "case %zu: JavaScript string", i);
        EQ_STR(j, cases[i].js, name);
        OK(!has_control(t, true) && !has_control(a, false) && !has_control(j, false) &&
           !has_control(js, false), "case %zu: no raw control character in any output", i);
        OK(!strstr(j, "</") && !strstr(js, "</") && !strstr(j, "<!--"),
           "case %zu: nothing that ends or comments out a script", i);
        g_free(t);
        g_free(a);
        g_free(j);
        g_free(js);
    }
}

/* JSON: what json-c parses back is the input (a NUL included), with invalid bytes as
   U+FFFD. */
static void test_json_round_trip(void)
{
    static const struct { const char *in; size_t len; const char *back; size_t back_len; } c[] = {
        /* 0*/ { "Caf\xc3\xa9 & \"Bar\" \\ it's </script>", SP_ESC_NUL_TERMINATED,
                 "Caf\xc3\xa9 & \"Bar\" \\ it's </script>", 0 },
        /* 1*/ { "a\0b\x1b" "c", 5, "a\0b\x1b" "c", 5 },
        /* 2*/ { "\xe2\x80\xa8|\xe2\x80\xa9", SP_ESC_NUL_TERMINATED,
                 "\xe2\x80\xa8|\xe2\x80\xa9", 0 },
        /* 3*/ { "x\xffy", SP_ESC_NUL_TERMINATED, "x\xef\xbf\xbdy", 0 },
    };

    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char *js = run(sp_esc_json_string, c[i].in, c[i].len);
        struct json_object *o = json_tokener_parse(js);
        size_t want_len = c[i].back_len ? c[i].back_len : strlen(c[i].back);

        OK(o && json_object_is_type(o, json_type_string), "json %zu parses as a string", i);
        OK(o && (size_t)json_object_get_string_len(o) == want_len &&
           !memcmp(json_object_get_string(o), c[i].back, want_len),
           "json %zu reads back as the input", i);
        json_object_put(o);
        g_free(js);
    }
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_table);
    TEST_RUN(test_json_round_trip);
    return test_done();
}
