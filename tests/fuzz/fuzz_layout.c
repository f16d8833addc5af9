/*
 * fuzz_layout.c - libFuzzer target over the in-memory layout and settings parsers
 * (sp_layout_parse, sp_settings_parse).  Seeds: tests/fuzz/seeds/layout/.
 * Invariant checked: success leaves a layout that obeys the load-time rules.
 */
#include <stdint.h>
#include <stdlib.h>

#include "layout/layout.h"
#include "layout/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sp_arena a;
    struct sp_layout L;
    struct sp_settings s;
    struct sp_error e = { 0 };

    sp_arena_init(&a);
    if (sp_layout_parse("fuzz", (const char *)data, size, &a, &L, &e) == 0) {
        /* what every caller relies on (STANDARDS.md rows 2, 15, 37) */
        if (L.columns < 1 || L.width <= 0 || L.height <= 0 || !L.description ||
            L.size_body < L.floor_body - 1e-6 || L.line_spacing < 1.0 ||
            sp_contrast_ratio(L.color_text, L.color_background) < 7.0 ||
            (!L.screen && L.margin_left < SP_MM(5) - 1e-6) || L.qr_min <= 0)
            abort();
    } else if (e.code == SP_OK || !e.msg[0]) {
        abort();  /* a failure must say why */
    }
    e.code = SP_OK;
    e.msg[0] = '\0';
    if (sp_settings_parse("fuzz", (const char *)data, size, &a, &s, &e) == 0) {
        if (!s.org_name || !s.headline || (s.nhelplines && !s.helplines[0].phone))
            abort();
    } else if (e.code == SP_OK) {
        abort();
    }
    sp_arena_free(&a);
    return 0;
}
