/*
 * test_messages.c - base/error.c's escaping of messages (sp_error_escape, and through it
 * sp_error_format and sp_diag_format) and base/paths.c's file names for split outputs
 * (sp_paths_fit_name, sp_paths_part): the nasty cases, byte for byte.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "../test.h"
#include "base/error.h"
#include "base/paths.h"

static void test_escape(void)
{
    static const struct {
        const char *in, *want, *name;
    } cases[] = {
        { "plain.json", "plain.json", "plain text kept" },
        { "bad\x1b[31mred.json", "bad\\x1b[31mred.json", "ESC" },
        { "a\nb\rc\td", "a\\nb\\rc\\td", "newline, return, tab" },
        { "nul\x01\x07\x7f", "nul\\x01\\x07\\x7f", "other C0 controls and DEL" },
        { "c1\xc2\x9b" "2J", "c1\\u009B2J", "C1 CSI (U+009B)" },
        { "evil\xe2\x80\xaegpj.exe", "evil\\u202Egpj.exe", "right-to-left override" },
        { "iso\xe2\x81\xa6x\xe2\x81\xa9", "iso\\u2066x\\u2069", "bidi isolates" },
        { "raw\x9b" "2J", "raw\\x9b2J", "a byte that is not UTF-8" },
        { "Llanddŵ, Bryn-y-Mŷr", "Llanddŵ, Bryn-y-Mŷr", "Welsh kept" },
        { "اردو", "اردو", "Urdu kept" },
        { "back\\slash 'q'", "back\\slash 'q'", "backslash and quotes kept" },
    };
    char buf[256];

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        sp_error_escape(cases[i].in, buf, sizeof buf);
        EQ_STR(buf, cases[i].want, cases[i].name);
    }

    /* cut only between whole escapes and characters */
    EQ_INT(sp_error_escape("ab\x1b", buf, 5), 2, "an escape that does not fit is left out");
    EQ_STR(buf, "ab", "cut before the escape");
    sp_error_escape("aŵ", buf, 3);
    EQ_STR(buf, "a", "cut before a character that does not fit");
    EQ_INT(sp_error_escape("x", buf, 0), 0, "size 0 writes nothing");
}

static void test_format(void)
{
    struct sp_error err = { 0 };
    struct sp_diag d;
    char buf[600];

    sp_error_set(&err, SP_ERR_IO, "in\x1b]0;title\x07.json", 3, 7, "cannot read '%s'",
                 "x\ny");
    sp_error_format(&err, buf, sizeof buf);
    EQ_STR(buf, "in\\x1b]0;title\\x07.json:3:7: cannot read 'x\\ny'",
           "sp_error_format escapes the file name and the message");

    memset(&err, 0, sizeof err);
    sp_error_set(&err, SP_ERR_USAGE, NULL, 0, 0, "--dpi: expected an integer, got '%s'",
                 "\x1b[2J");
    sp_error_format(&err, buf, sizeof buf);
    EQ_STR(buf, "--dpi: expected an integer, got '\\x1b[2J'", "an argument in a usage error");

    sp_diag_init(&d);
    sp_diag_add(&d, SP_WARNING, "w\x1b.csv", 2, 0, "note %s", "\x1b[1mbold");
    sp_diag_add(&d, SP_PROBLEM, NULL, 0, 0, "cannot write '%s'", "a\rb.pdf");
    sp_diag_format(&d.v[0], buf, sizeof buf);
    EQ_STR(buf, "w\\x1b.csv:2: warning: note \\x1b[1mbold", "sp_diag_format: warning");
    sp_diag_format(&d.v[1], buf, sizeof buf);
    EQ_STR(buf, "problem: cannot write 'a\\rb.pdf'", "sp_diag_format: problem, no file");
    sp_diag_release(&d);

    /* a message of escapes longer than the buffer: cut whole, still terminated */
    memset(&err, 0, sizeof err);
    sp_error_set(&err, SP_ERR_IO, NULL, 0, 0, "%s", "\x1b\x1b\x1b\x1b\x1b");
    sp_error_format(&err, buf, 10);
    EQ_STR(buf, "\\x1b\\x1b", "two whole escapes in 10 bytes");
}

static void test_fit_name(void)
{
    struct sp_arena a;
    char name[400], want[16];
    const char *r, *r2;
    gchar *sum;

    sp_arena_init(&a);
    EQ_STR(sp_paths_fit_name("Cardiff", 20, &a), "Cardiff", "short names unchanged");

    /* 300 bytes: "x" and 'ŵ' (2 bytes) repeated: cut on a character boundary + 8 hex */
    strcpy(name, "x");
    while (strlen(name) < 299)
        strcat(name, "\xc5\xb5");
    r = sp_paths_fit_name(name, 100, &a);
    sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, name, -1);
    snprintf(want, sizeof want, "-%.8s", sum);
    g_free(sum);
    OK(strlen(r) <= 100, "at most 100 bytes (%zu)", strlen(r));
    OK(strlen(r) >= 98, "only what the cut needs is lost (%zu)", strlen(r));
    OK(g_utf8_validate(r, -1, NULL), "still valid UTF-8");
    OK(!strcmp(r + strlen(r) - 9, want), "ends with '-' and the SHA-256's first 8 hex (%s)", want);
    OK(!strncmp(r, name, strlen(r) - 9), "starts with the name itself");
    r2 = sp_paths_fit_name(name, 100, &a);
    EQ_STR(r2, r, "stable: the same name gives the same result");
    name[250] = 'y';  /* differs only after the cut */
    r2 = sp_paths_fit_name(name, 100, &a);
    OK(strcmp(r2, r) != 0, "two names cut to the same start still differ");
    EQ_INT(strlen(sp_paths_fit_name(name, 5, &a)), 8, "too small a budget: the 8 digits alone");
    sp_arena_free(&a);
}

static void test_part(void)
{
    struct sp_arena a;
    char part[400];
    const char *p, *base;

    sp_arena_init(&a);
    EQ_STR(sp_paths_part("out/poster.pdf", "Cardiff", &a), "out/poster-Cardiff.pdf", "short");
    EQ_STR(sp_paths_part("out/poster", "Bath North", &a), "out/poster-Bath-North",
           "no extension; cleaned");
    EQ_STR(sp_paths_part("out.d/poster", "A", &a), "out.d/poster-A", "a dot in the folder");
    EQ_STR(sp_paths_part("p.pdf", "../../escape", &a), "p-escape.pdf", "no '/' or '..'");

    memset(part, 'R', 300);
    part[300] = '\0';
    p = sp_paths_part("/some/where/poster.pdf", part, &a);
    base = strrchr(p, '/') + 1;
    EQ_INT(strlen(base), SP_PATHS_NAME_MAX - 20, "a 300-byte region: 235-byte file name");
    OK(!strncmp(p, "/some/where/poster-RRR", 22) && !strcmp(p + strlen(p) - 4, ".pdf"),
       "folder, stem and extension kept (%s)", p);
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_escape);
    TEST_RUN(test_format);
    TEST_RUN(test_fit_name);
    TEST_RUN(test_part);
    return test_done();
}
