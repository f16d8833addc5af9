/*
 * cmd_board.c - `signpost board -o FILE.html`: options -> (directory -> selection -> board
 * data -> one HTML page, and board-data.js beside it for the page to reload).
 *
 * The page is self-contained (output/board_html.h); the fonts embedded in it are the
 * bundled Atkinson Hyperlegible Next regular and bold, read from the data folder (a
 * missing one is an error, as for every other output: no silent fallback).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compose/board.h"
#include "input/select.h"
#include "layout/settings.h"
#include "output/board_html.h"
#include "output/out.h"
#include "run.h"

static const struct { const char *file; int weight; } board_fonts[] = {
    { "AtkinsonHyperlegibleNext_400Regular.ttf", 400 },
    { "AtkinsonHyperlegibleNext_700Bold.ttf", 700 },
};

/* When the data was made: --date, else SOURCE_DATE_EPOCH, else now. */
static time_t made_at(const struct sp_options *o)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end;

    if (o->date_given)
        return o->date;
    if (sde && *sde) {
        gint64 v = g_ascii_strtoll(sde, &end, 10);
        if (!*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

/* FILE.html -> FILE's folder/board-data.js */
static char *data_path(const char *out)
{
    char *dir = g_path_get_dirname(out);
    char *p = g_build_filename(dir, "board-data.js", NULL);

    g_free(dir);
    return p;
}

int sp_cmd_board(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                 struct sp_error *err)
{
    struct sp_arena a;
    struct sp_directory dir;
    struct sp_settings settings;
    const struct sp_meeting **sel = NULL;
    struct sp_compose_in in = { 0 };
    struct sp_board board;
    struct sp_board_font fonts[G_N_ELEMENTS(board_fonts)];
    gchar *bytes[G_N_ELEMENTS(board_fonts)] = { NULL };
    const char *dot = o->output ? strrchr(o->output, '.') : NULL;
    char *page = NULL, *js = NULL, *jspath = NULL;
    int rc = -1;

    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_settings_defaults(&settings);
    if (!dot || (g_ascii_strcasecmp(dot, ".html") && g_ascii_strcasecmp(dot, ".htm"))) {
        sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                     "-o: the board is one HTML file such as board.html, got '%s'",
                     o->output ? o->output : "");
        goto out;
    }
    if (o->settings && (sp_settings_load(o->settings, &a, &settings, err) != 0 ||
                        sp_run_check_settings(o->settings, &settings, &a, err) != 0))
        goto out;
    if (sp_run_languages(o, &settings, datadir, NULL, err) != 0)
        goto out;
    for (size_t i = 0; i < G_N_ELEMENTS(board_fonts); i++) {
        char *path = g_build_filename(datadir, "fonts", board_fonts[i].file, NULL);
        gsize len = 0;
        GError *ge = NULL;

        if (!g_file_get_contents(path, &bytes[i], &len, &ge)) {
            sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "cannot read the font '%s': %s",
                         path, ge->message);
            g_error_free(ge);
            g_free(path);
            goto out;
        }
        g_free(path);
        fonts[i].family = "Atkinson Hyperlegible Next";
        fonts[i].weight = board_fonts[i].weight;
        fonts[i].ttf = (const unsigned char *)bytes[i];
        fonts[i].len = len;
    }
    if (sp_run_load(o, &dir, &a, diag, err) != 0)
        goto out;
    in.n = sp_select(&dir, &o->sel, &sel);
    in.meetings = sel;
    in.settings = &settings;
    in.date = made_at(o);
    in.data_date = dir.data_date;
    in.start_day = o->start_day;
    in.leave_off_passcodes = o->leave_off_passcodes;
    in.headline = o->headline;
    in.creator = "signpost " SP_VERSION;
    in.diag = diag;
    if (sp_board_compose(&in, &a, &board, err) != 0 || sp_run_make_parent(o->output, err) != 0)
        goto out;
    js = sp_board_data_js(&board);
    jspath = data_path(o->output);
    /* the data file first: a page never points at data older than itself; with
       --data-only (a scheduled job) the page is left alone: it reads the new data itself */
    if (sp_out_write_file(jspath, js, strlen(js), err) != 0)
        goto out;
    if (o->data_only) {
        if (!g_file_test(o->output, G_FILE_TEST_EXISTS))
            sp_diag_add(diag, SP_WARNING, NULL, 0, 0, "--data-only: there is no page '%s' "
                        "to read it yet: make it once without --data-only", o->output);
        rc = 0;
        goto out;
    }
    page = sp_board_html(&board, fonts, G_N_ELEMENTS(fonts));
    if (sp_out_write_file(o->output, page, strlen(page), err) != 0)
        goto out;
    rc = 0;
out:
    for (size_t i = 0; i < G_N_ELEMENTS(board_fonts); i++)
        g_free(bytes[i]);
    g_free(page);
    g_free(js);
    g_free(jspath);
    free(sel);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return rc;
}
