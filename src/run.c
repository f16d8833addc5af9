/*
 * run.c - dispatch a parsed command.
 */
#include "run.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/paths.h"
#include "input/feed.h"
#include "input/links.h"
#include "input/select.h"
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

int sp_run_languages(const struct sp_options *o, const struct sp_settings *s,
                     const char *datadir, struct sp_langs *out, struct sp_error *err)
{
    struct sp_langs l;
    const char *spec = o->lang ? o->lang : s && s->lang ? s->lang : "en-GB";
    char *dir = g_build_filename(datadir, "locale", NULL);
    const struct sp_language *miss = NULL;

    sp_i18n_bind(dir);
    if (sp_i18n_parse(spec, o->lang ? "--lang" : "lang", &l, err) != 0) {
        g_free(dir);
        if (!o->lang)
            err->code = SP_ERR_INPUT;  /* the settings file is wrong */
        return -1;
    }
    if (!sp_i18n_has_catalogue(l.first))
        miss = l.first;
    else if (l.second && !sp_i18n_has_catalogue(l.second))
        miss = l.second;
    if (miss) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                     "no catalogue for %s ('%s/%s/LC_MESSAGES/signpost.mo'; 'make' builds it)",
                     miss->name, dir, miss->code);
        g_free(dir);
        return -1;
    }
    g_free(dir);
    sp_i18n_set_output(&l);
    if (out)
        *out = l;
    return 0;
}

/* How feeds are fetched, from the options (and SIGNPOST_CA_FILE: extra trusted CAs). */
static void feed_opts(const struct sp_options *o, struct sp_feed_opts *fo)
{
    const char *ca = g_getenv("SIGNPOST_CA_FILE");

    memset(fo, 0, sizeof *fo);
    fo->fetch.allow_http = o->allow_http;
    fo->fetch.timeout_s = o->timeout_s;
    fo->fetch.max_bytes = o->max_size_mb > 0 ? (size_t)o->max_size_mb * 1000000 : 0;
    fo->fetch.ca_file = ca && *ca ? ca : NULL;
    fo->offline = o->offline;
}

/* The language to ask a BMLT server for its formats in: the output's first language when
   BMLT servers carry format names in it (German, Polish, Farsi), else English.  Formats
   with a world_id are printed in the output language either way; this gives the others,
   which keep their feed text, in the reader's language where the server has it. */
static const char *bmlt_lang(void)
{
    static const char *const carried[] = { "de", "pl", "fa" };
    const char *code = sp_i18n_output()->first->code;

    for (size_t i = 0; i < G_N_ELEMENTS(carried); i++)
        if (!strcmp(code, carried[i]))
            return code;
    return "en";
}

/* The feed behind an input: 1 (and *src) for a web address or --bmlt, 0 for a file, -1
   with SP_ERR_USAGE for an address that may not be read. */
static int input_feed(const struct sp_options *o, const struct sp_input *in,
                      struct sp_arena *a, struct sp_feed_source *src, struct sp_error *err)
{
    const char *formats = in->opts.formats_path;
    bool formats_url = formats && sp_fetch_is_url(formats);

    memset(src, 0, sizeof *src);
    src->opts = in->opts;
    if (in->bmlt_root) {
        if (sp_fetch_check_url(in->bmlt_root, o->allow_http, err) != 0)
            return -1;
        if (strchr(in->bmlt_root, '?'))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--bmlt: give the root server's address, such as "
                                "https://example.org/main_server, not a query");
        src->url = sp_feed_bmlt_search_url(in->bmlt_root,
                                           (const char *const *)in->service_bodies,
                                           in->nservice_bodies, a);
        if (!formats)
            src->formats_url = sp_feed_bmlt_formats_url(in->bmlt_root, bmlt_lang(), a);
    } else if (sp_fetch_is_url(in->path)) {
        if (sp_fetch_check_url(in->path, o->allow_http, err) != 0)
            return -1;
        src->url = in->path;
    } else {
        if (formats_url)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--formats '%s' is a web address but '%s' is a file: give "
                                "both as files or both as addresses", formats, in->path);
        return 0;
    }
    if (formats_url) {
        if (sp_fetch_check_url(formats, o->allow_http, err) != 0)
            return -1;
        src->formats_url = formats;
        src->opts.formats_path = NULL;
    }
    return 1;
}

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
    struct sp_feed_opts fo;
    size_t from = diag->n, dropped;
    bool *selected;

    /* Step 1: what the settings say of files that do not say it themselves */
    sp_settings_defaults(&settings);
    if (o->settings && sp_settings_load(o->settings, a, &settings, err) != 0)
        return -1;
    feed_opts(o, &fo);
    for (size_t i = 0; i < o->ninputs; i++) {
        struct sp_feed_source src;
        struct sp_source_opts so = o->inputs[i].opts;
        int kind;

        so.fallback_fellowship = settings.fellowship;
        if (!so.timezone)
            so.timezone = settings.timezone;
        kind = input_feed(o, &o->inputs[i], a, &src, err);
        if (kind < 0)
            return -1;
        if (kind == 1) {
            const char *formats_path = src.opts.formats_path;
            src.opts = so;
            src.opts.formats_path = formats_path;
            if (sp_feed_load(&src, &fo, dir, a, diag, err) != 0)
                return -1;
        }
        if (kind == 0 && sp_directory_load(dir, o->inputs[i].path, &so, a, diag, err) != 0)
            return -1;
    }
    sp_directory_fit(dir);

    /* Step 2: warnings about meetings that are not selected are counted, not shown */
    selected = xcalloc(dir->n ? dir->n : 1, sizeof *selected);
    for (size_t i = 0; i < dir->n; i++)
        selected[i] = sp_select_match(&dir->meetings[i], &o->sel);
    dropped = sp_diag_filter(diag, from, about_selected, selected);
    free(selected);
    if (dropped)
        sp_diag_add(diag, SP_NOTE, NULL, 0, 0,
                    sp_msgn("%zu warning about meetings outside the selection not shown",
                            "%zu warnings about meetings outside the selection not shown",
                            dropped), dropped);

    /* Step 3: selection values that match nothing, with the nearest name in the data */
    check_values(o, dir, diag);
    return 0;
}

size_t sp_run_closed_left_out(const struct sp_options *o, const struct sp_directory *dir)
{
    struct sp_selection with_closed = o->sel;
    size_t n = 0;

    if (o->sel.include_closed)
        return 0;
    with_closed.include_closed = true;
    for (size_t i = 0; i < dir->n; i++)
        n += dir->meetings[i].attendance == SP_ATTEND_CLOSED &&
             sp_select_match(&dir->meetings[i], &with_closed);
    return n;
}

struct sp_feed_watch *sp_run_feed_watch(const struct sp_options *o, time_t now,
                                        struct sp_error *err)
{
    struct sp_feed_opts fo;
    struct sp_feed_watch *w;
    struct sp_arena a;

    feed_opts(o, &fo);
    w = sp_feed_watch_new(&fo, o->poll_minutes * 60, now);
    sp_arena_init(&a);
    for (size_t i = 0; i < o->ninputs; i++) {
        struct sp_feed_source src;
        int kind = input_feed(o, &o->inputs[i], &a, &src, err);
        if (kind < 0) {
            sp_feed_watch_free(w);
            sp_arena_free(&a);
            return NULL;
        }
        if (kind == 1)
            sp_feed_watch_add(w, &src);  /* copies the strings */
    }
    sp_arena_free(&a);
    if (!sp_feed_watch_count(w)) {
        sp_feed_watch_free(w);
        return NULL;
    }
    return w;
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
        case SP_CMD_BOARD:   rc = sp_cmd_board(o, datadir, diag, err); break;
        default:
            rc = sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "no command given");
        }
    }
    sp_arena_free(&a);
    return rc;
}

int sp_run_make_parent(const char *path, struct sp_error *err)
{
    char *parent = g_path_get_dirname(path);
    int rc = 0;

    if (g_mkdir_with_parents(parent, 0777) != 0)
        rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot make folder '%s': %s", parent,
                          g_strerror(errno));
    g_free(parent);
    return rc;
}
