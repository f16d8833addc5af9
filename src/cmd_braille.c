/*
 * cmd_braille.c - `signpost render` with a braille layout: compose the list in braille
 * cells (compose/braille.c) and write BRF, PEF or Unicode braille text (output/brf.c).
 * Called by cmd_render.c for each output (so --split-by works as for print).
 */
#include <stdio.h>

#include "compose/braille.h"
#include "output/brf.h"
#include "run.h"

bool sp_cmd_braille_path(const char *path)
{
    enum sp_brf_format fmt;

    return path && sp_brf_format_from_path(path, &fmt) == 0;
}

int sp_cmd_braille_one(const struct sp_options *o, const struct sp_compose_in *in,
                       const char *path, struct sp_error *err)
{
    const struct sp_layout *L = in->layout;
    const char *table = o->braille_table ? o->braille_table : L->braille_table;
    enum sp_brf_format fmt = SP_BRF_BRF;
    struct sp_louis *tr;
    struct sp_brl_doc doc;
    int rc;

    if (!o->dump_plan && sp_brf_format_from_path(path, &fmt) != 0)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "-o: a braille layout writes .brf, .pef or .txt, got '%s'", path);
    tr = sp_louis_new(table, o->braille_table ? "--braille-table" : L->path, err);
    if (!tr)
        return -1;
    sp_brl_doc_init(&doc, L->braille_cells, L->braille_lines);
    rc = sp_compose_braille(in, tr, &doc, err);
    if (rc == 0 && o->dump_plan) {
        if (in->part_name)
            printf("part \"%s\"\n", in->part_name);
        if (sp_brl_doc_dump(&doc, stdout) != 0)
            rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write the plan to stdout");
    } else if (rc == 0) {
        rc = sp_brf_write(&doc, fmt, path, err);
    }
    sp_brl_doc_release(&doc);
    sp_louis_free(tr);
    return rc;
}
