/*
 * cmd_layouts.c - `signpost layouts`: one line per installed layout.
 */
#include <stdio.h>

#include "layout/layout.h"
#include "run.h"

int sp_cmd_layouts(const struct sp_options *o, const char *datadir, struct sp_error *err)
{
    struct sp_arena a;
    struct sp_layout_info *v = NULL;
    size_t n = 0;
    int rc;

    sp_arena_init(&a);
    rc = sp_layout_list(datadir, &a, &v, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (v[i].description)
            printf("%-18s %s\n", v[i].name, v[i].description);
        else
            printf("%-18s (does not load: %s)\n", v[i].name, v[i].problem);
    }
    sp_arena_free(&a);
    return rc;
}
