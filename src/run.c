/*
 * run.c - dispatch a parsed command, and load its directory files.
 */
#include "run.h"

#include <glib.h>
#include <stdlib.h>

#include "base/paths.h"
#include "input/select.h"
#include "layout/settings.h"

/* Keep warnings about meetings in the selection (and those about no one meeting). */
static int about_selected(const struct sp_diag_entry *e, void *ctx)
{
    const bool *selected = ctx;
    return e->meeting < 0 || e->severity != SP_WARNING || selected[e->meeting];
}

/* "--region 'Cardif' matches no meeting in the files; did you mean 'Cardiff'?" */
static void check_values(const struct sp_options *o, const struct sp_directory *dir,
                         struct sp_diag *diag)
{
    for (size_t i = 0; i < o->sel.nregions; i++) {
        const char *want = o->sel.regions[i], *best;
        if (sp_select_has_region(dir, want))
            continue;
        best = sp_select_suggest_region(dir, want);
        if (best)
            sp_diag_add(diag, SP_WARNING, NULL, 0, 0, "--region '%s' matches no meeting in the "
                        "files; did you mean '%s'?", want, best);
        else
            sp_diag_add(diag, SP_WARNING, NULL, 0, 0, "--region '%s' matches no meeting in the "
                        "files", want);
    }
    for (size_t i = 0; i < o->sel.nfellowships; i++) {
        const char *want = o->sel.fellowships[i], *best;
        if (sp_select_has_fellowship(dir, want))
            continue;
        best = sp_select_suggest_fellowship(dir, want);
        if (best)
            sp_diag_add(diag, SP_WARNING, NULL, 0, 0, "--fellowship '%s' matches no meeting in "
                        "the files; did you mean '%s'?", want, best);
        else
            sp_diag_add(diag, SP_WARNING, NULL, 0, 0, "--fellowship '%s' matches no meeting in "
                        "the files", want);
    }
}

int sp_run_load(const struct sp_options *o, struct sp_directory *dir, struct sp_arena *a,
                struct sp_diag *diag, struct sp_error *err)
{
    struct sp_settings settings;
    size_t from = diag->n, dropped;
    bool *selected;

    /* Step 1: what the settings say of files that do not say it themselves */
    sp_settings_defaults(&settings);
    if (o->settings && sp_settings_load(o->settings, a, &settings, err) != 0)
        return -1;
    for (size_t i = 0; i < o->ninputs; i++) {
        struct sp_source_opts so = o->inputs[i].opts;
        so.fallback_fellowship = settings.fellowship;
        if (!so.timezone)
            so.timezone = settings.timezone;
        if (sp_directory_load(dir, o->inputs[i].path, &so, a, diag, err) != 0)
            return -1;
    }

    /* Step 2: warnings about meetings that are not selected are counted, not shown */
    selected = xcalloc(dir->n ? dir->n : 1, sizeof *selected);
    for (size_t i = 0; i < dir->n; i++)
        selected[i] = sp_select_match(&dir->meetings[i], &o->sel);
    dropped = sp_diag_filter(diag, from, about_selected, selected);
    free(selected);
    if (dropped)
        sp_diag_add(diag, SP_NOTE, NULL, 0, 0, "%zu warning%s about meetings outside the "
                    "selection not shown", dropped, dropped == 1 ? "" : "s");

    /* Step 3: selection values that match nothing, with the nearest name in the data */
    check_values(o, dir, diag);
    return 0;
}

int sp_run(const struct sp_options *o, const char *argv0, struct sp_diag *diag,
           struct sp_error *err)
{
    struct sp_arena a;
    const char *datadir;
    int rc = -1;

    if (o->command == SP_CMD_CHECK)
        return sp_cmd_check(o, diag, err);

    sp_arena_init(&a);
    datadir = sp_paths_datadir(o->data_dir, argv0, &a, err);
    if (datadir) {
        switch (o->command) {
        case SP_CMD_LAYOUTS: rc = sp_cmd_layouts(o, datadir, err); break;
        case SP_CMD_RENDER:  rc = sp_cmd_render(o, datadir, diag, err); break;
        case SP_CMD_KIOSK:   rc = sp_cmd_kiosk(o, datadir, diag, err); break;
        default:
            rc = sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "no command given");
        }
    }
    sp_arena_free(&a);
    return rc;
}
