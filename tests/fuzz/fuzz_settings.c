/*
 * fuzz_settings.c - libFuzzer target over the settings file (sp_settings_parse) and the
 * settings link check every run makes (sp_run_check_settings, input/links.h rules).
 * Seeds: tests/fuzz/seeds/settings/.  Invariants: a failure says why; an accepted
 * directory link is https:, 7-bit, and in links.h's safe form: no ( ) \ " < > space or
 * control character (a ' is encoded later, for cairo's attribute, by pdf_syntax).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/settings.h"
#include "run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sp_arena a;
    struct sp_settings s;
    struct sp_error e = { 0 };

    sp_arena_init(&a);
    if (sp_settings_parse("fuzz.ini", (const char *)data, size, &a, &s, &e) != 0) {
        if (e.code == SP_OK || !e.msg[0])
            abort();  /* a failure must say why */
    } else if (sp_run_check_settings("fuzz.ini", &s, &a, &e) != 0) {
        if (e.code != SP_ERR_INPUT || !e.msg[0] || strcmp(e.file, "fuzz.ini") || e.line < 1)
            abort();  /* refused: file, line and why */
    } else if (s.directory_url) {
        if (strncmp(s.directory_url, "https://", 8))
            abort();
        for (const unsigned char *p = (const unsigned char *)s.directory_url; *p; p++)
            if (*p <= 0x20 || *p >= 0x7f || strchr("()\\\"<>", *p))
                abort();
    }
    sp_arena_free(&a);
    return 0;
}
