/*
 * cmd_braille.c - `signpost render` with a braille layout: compose the list in braille
 * cells (compose/braille.c) and write BRF, PEF or Unicode braille text (output/brf.c).
 * Called by cmd_render.c for each output (so --split-by works as for print).
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "compose/braille.h"
#include "output/brf.h"
#include "run.h"

bool sp_cmd_braille_path(const char *path)
{
    enum sp_brf_format fmt;

    return path && sp_brf_format_from_path(path, &fmt) == 0;
}

/*
 * The braille table of the output language (issue 12) when neither --braille-table nor
 * the layout chose one for it: the layout's table is English (UEB) and the output is in
 * another language, at the same grade where that language has two.  NULL to keep it.
 */
static const char *language_table(const char *layout_table)
{
    static const struct { const char *code, *g1, *g2; } tables[] = {
        { "cy", "cy-cy-g1.utb", "cy-cy-g2.ctb" }, { "de", "de-g1.ctb", "de-g2.ctb" },
        { "pl", "Pl-Pl-g1.utb", "Pl-Pl-g1.utb" }, { "ur", "ur-pk-g1.utb", "ur-pk-g2.ctb" },
        { "ar", "ar-ar-g1.utb", "ar-ar-g2.ctb" }, { "fa", "fa-ir-g1.utb", "fa-ir-g1.utb" },
        { "bn", "bn.tbl", "bn.tbl" }, { "pa", "pa.tbl", "pa.tbl" },
    };
    const char *code = sp_i18n_output()->first->code;
    bool g1 = layout_table && (strstr(layout_table, "g1") || strstr(layout_table, "g0"));

    if (!layout_table || strncmp(layout_table, "en-", 3) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (!strcmp(tables[i].code, code))
            return g1 ? tables[i].g1 : tables[i].g2;
    return NULL;
}

int sp_cmd_braille_one(const struct sp_options *o, const struct sp_compose_in *in,
                       const char *path, struct sp_error *err)
{
    const struct sp_layout *L = in->layout;
    const char *lt = o->braille_table ? NULL : language_table(L->braille_table);
    const char *table = o->braille_table ? o->braille_table : lt ? lt : L->braille_table;
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
