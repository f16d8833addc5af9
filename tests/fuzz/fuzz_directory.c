/*
 * fuzz_directory.c - libFuzzer target over sp_directory_load_mem(): the input is read
 * once with format sniffing and once forced to each of the three formats.
 *
 * Owns: everything it allocates, freed before returning.  Must not: print.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "input/directory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum sp_format formats[] = {
        SP_FORMAT_AUTO, SP_FORMAT_MG_JSON, SP_FORMAT_TSML_CSV, SP_FORMAT_BMLT
    };

    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        struct sp_source_opts opts = { formats[i], NULL, NULL };
        struct sp_directory dir;
        struct sp_arena arena;
        struct sp_diag diag;
        struct sp_error err;

        memset(&err, 0, sizeof err);
        sp_directory_init(&dir);
        sp_arena_init(&arena);
        sp_diag_init(&diag);
        sp_directory_load_mem(&dir, "fuzz", (const char *)data, size, &opts, &arena, &diag,
                              &err);
        /* every usable meeting keeps the model's promises */
        for (size_t k = 0; k < dir.n; k++) {
            const struct sp_meeting *m = &dir.meetings[k];
            if (!m->name || !m->fellowship || !(m->days & SP_ALL_DAYS) || m->start_min < 0 ||
                m->start_min > 1439 || m->end_min < 0 || m->end_min > 1439 || m->index != k)
                __builtin_trap();
        }
        sp_diag_release(&diag);
        sp_directory_release(&dir);
        sp_arena_free(&arena);
    }
    return 0;
}
