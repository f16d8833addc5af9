/*
 * fuzz_reader.h - the body shared by the directory fuzz targets: read the input with one
 * format and check that every usable meeting keeps the model's promises (a name, a day,
 * times in range, a time zone; strings NULL rather than empty).
 *
 * Owns: everything it allocates, freed before returning.  Must not: print.
 */
#ifndef SP_FUZZ_READER_H
#define SP_FUZZ_READER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "input/directory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_read(const uint8_t *data, size_t size, enum sp_format format)
{
    struct sp_source_opts opts = { .format = format };
    struct sp_directory dir;
    struct sp_arena arena;
    struct sp_diag diag;
    struct sp_error err;

    memset(&err, 0, sizeof err);
    sp_directory_init(&dir);
    sp_arena_init(&arena);
    sp_diag_init(&diag);
    sp_directory_load_mem(&dir, "fuzz", (const char *)data, size, &opts, &arena, &diag, &err);
    for (size_t k = 0; k < dir.n; k++) {
        const struct sp_meeting *m = &dir.meetings[k];
        /* the fellowship may be unknown (NULL); everything else is always there */
        if (!m->name || !m->timezone || !(m->days & SP_ALL_DAYS) || m->start_min < 0 ||
            m->start_min > 1439 || m->end_min < 0 || m->end_min > 1439 || m->index != k ||
            (m->weeks & ~0x3Fu) || (m->notes && !*m->notes))
            __builtin_trap();
    }
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&arena);
}

#endif
