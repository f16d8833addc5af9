/*
 * run.c - dispatch a parsed command.
 */
#include "run.h"

#include "base/paths.h"
#include "input/links.h"
#include "layout/settings.h"

int sp_run_check_settings(const char *path, struct sp_settings *s, struct sp_arena *a,
                          struct sp_error *err)
{
    struct sp_link link;
    const char *why = NULL;

    if (!path || !s->directory_url)
        return 0;
    switch (sp_link_check(a, s->directory_url, &link, &why)) {
    case SP_LINK_OK:
        s->directory_url = link.url;
        return 0;
    case SP_LINK_HTTP:
        why = "an http: link (settings links must be https:)";
        break;
    case SP_LINK_REFUSED:
        break;
    }
    return sp_error_set(err, SP_ERR_INPUT, path, s->directory_url_line, s->directory_url_col,
                        "'directory-url': %s", why ? why : "refused");
}

int sp_run_load(const struct sp_options *o, struct sp_directory *dir, struct sp_arena *a,
                struct sp_diag *diag, struct sp_error *err)
{
    for (size_t i = 0; i < o->ninputs; i++)
        if (sp_directory_load(dir, o->inputs[i].path, &o->inputs[i].opts, a, diag, err) != 0)
            return -1;
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
