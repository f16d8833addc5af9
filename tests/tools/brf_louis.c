/*
 * brf_louis.c - liblouis on its own, for the braille tests: an independent reading of
 * what signpost embossed (it uses none of signpost's code).
 *
 *   brf_louis back TABLES < file.brf      back-translate, one text line per BRF line;
 *                                         each form feed becomes a line "=== page"
 *   brf_louis forward TABLES < file.txt   translate each UTF-8 line to braille ASCII
 *
 * TABLES is a liblouis table list with the display table first, such as
 * "en-us-brf.dis,en-ueb-g2.ctb".
 */
#include <liblouis/liblouis.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

static void line_out(const char *tables, int back, const char *s, size_t n)
{
    widechar in[1024], out[8192];
    int inlen = 0, outlen = (int)(sizeof out / sizeof out[0]);
    int ok;

    while (n > 0 && (s[n - 1] == '\r' || (back && s[n - 1] == ' ')))
        n--;
    if (back) {
        for (size_t i = 0; i < n && inlen < 1024; i++)
            in[inlen++] = (unsigned char)s[i];
    } else {
        const char *p = s, *end = s + n;
        while (p < end && inlen < 1024) {
            in[inlen++] = g_utf8_get_char(p);
            p = g_utf8_next_char(p);
        }
    }
    if (inlen) {
        ok = back ? lou_backTranslateString(tables, in, &inlen, out, &outlen, NULL, NULL, 0)
                  : lou_translateString(tables, in, &inlen, out, &outlen, NULL, NULL, 0);
        if (!ok) {
            fprintf(stderr, "brf_louis: liblouis failed on a line\n");
            outlen = 0;
        }
    } else {
        outlen = 0;
    }
    for (int i = 0; i < outlen; i++) {
        char u[8];
        gunichar c = back ? (gunichar)out[i] : (gunichar)g_ascii_toupper((gchar)out[i]);
        int k = g_unichar_to_utf8(c, u);
        fwrite(u, 1, (size_t)k, stdout);
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    char buf[8192];
    size_t n = 0;
    int c, back;

    if (argc != 3 || (strcmp(argv[1], "back") && strcmp(argv[1], "forward"))) {
        fprintf(stderr, "usage: brf_louis back|forward TABLES < input\n");
        return 2;
    }
    back = !strcmp(argv[1], "back");
    lou_setLogLevel(LOU_LOG_OFF);
    if (!lou_getTable(argv[2])) {
        fprintf(stderr, "brf_louis: no table '%s'\n", argv[2]);
        return 2;
    }
    while ((c = getchar()) != EOF) {
        if (c == '\n' || (back && c == '\f')) {
            if (c == '\n' || n)
                line_out(argv[2], back, buf, n);
            if (c == '\f')
                puts("=== page");
            n = 0;
        } else if (n + 1 < sizeof buf) {
            buf[n++] = (char)c;
        }
    }
    if (n)
        line_out(argv[2], back, buf, n);
    lou_free();
    return 0;
}
