/*
 * brf_back.c - back-translate a BRF file with liblouis, for the braille tests: an
 * independent reading of what signpost embossed (it uses none of signpost's code).
 *
 *   brf_back TABLES < file.brf
 *
 * TABLES is a liblouis table list such as "en-us-brf.dis,en-ueb-g2.ctb".  Each BRF line
 * (CR LF) becomes one UTF-8 line; each form feed becomes a line holding only "=== page".
 */
#include <liblouis/liblouis.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

static void line_out(const char *tables, const char *s, size_t n)
{
    widechar in[512], out[4096];
    int inlen = 0, outlen = (int)(sizeof out / sizeof out[0]);

    while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' '))
        n--;
    for (size_t i = 0; i < n && inlen < 512; i++)
        in[inlen++] = (unsigned char)s[i];
    if (inlen && !lou_backTranslateString(tables, in, &inlen, out, &outlen, NULL, NULL, 0)) {
        fprintf(stderr, "brf_back: liblouis failed on a line\n");
        outlen = 0;
    }
    for (int i = 0; i < (inlen ? outlen : 0); i++) {
        char u[8];
        int k = g_unichar_to_utf8((gunichar)out[i], u);
        fwrite(u, 1, (size_t)k, stdout);
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    char buf[4096];
    size_t n = 0;
    int c;

    if (argc != 2) {
        fprintf(stderr, "usage: brf_back TABLES < file.brf\n");
        return 2;
    }
    lou_setLogLevel(LOU_LOG_OFF);
    if (!lou_getTable(argv[1])) {
        fprintf(stderr, "brf_back: no table '%s'\n", argv[1]);
        return 2;
    }
    while ((c = getchar()) != EOF) {
        if (c == '\n' || c == '\f') {
            if (c == '\n' || n)
                line_out(argv[1], buf, n);
            if (c == '\f')
                puts("=== page");
            n = 0;
        } else if (n + 1 < sizeof buf) {
            buf[n++] = (char)c;
        }
    }
    if (n)
        line_out(argv[1], buf, n);
    lou_free();
    return 0;
}
