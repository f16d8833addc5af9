/*
 * main.c - argv -> sp_cli_parse -> sp_run; prints problems, warnings and errors to
 * stderr as "signpost: file:line:col: ..." (control characters escaped by
 * sp_error_format / sp_diag_format); maps error codes to exit status; installs the
 * handler that removes temporary files on SIGINT/SIGTERM/SIGHUP.
 * The only place that calls exit().
 */
#include <glib.h>
#include <locale.h>
#include <stdio.h>

#include "base/atomic.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli.h"
#include "run.h"

int main(int argc, char **argv)
{
    struct sp_options opts;
    struct sp_error err = { 0 };
    struct sp_diag diag;
    char buf[1400];
    int rc, status;

    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");  /* numbers are parsed and printed the C way */
    sp_i18n_messages_from_env();  /* messages in the user's language (LANGUAGE, LANG...) */
    {
        /* the catalogues of the installed (or built) data, for messages before a command
           finds its own data folder */
        struct sp_arena a;
        struct sp_error e = { 0 };
        const char *d;
        sp_arena_init(&a);
        if ((d = sp_paths_datadir(NULL, argv[0], &a, &e)) != NULL) {
            char *dir = g_build_filename(d, "locale", NULL);
            sp_i18n_bind(dir);
            g_free(dir);
        }
        sp_arena_free(&a);
    }
    sp_atomic_install_cleanup();  /* before any thread: no temporary file outlives a signal */
    sp_options_init(&opts);
    sp_diag_init(&diag);

    if (sp_cli_parse(argc, argv, &opts, &err) != 0) {
        sp_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "signpost: %s\n", buf);
        fprintf(stderr, "%s\n", sp_msg("Try 'signpost --help' for more information."));
        sp_options_release(&opts);
        return 2;
    }
    if (opts.help) {
        sp_cli_help(stdout, opts.command);
        sp_options_release(&opts);
        return 0;
    }
    if (opts.command == SP_CMD_VERSION) {
        printf("signpost %s\n", SP_VERSION);
        sp_options_release(&opts);
        return 0;
    }

    rc = sp_run(&opts, argv[0], &diag, &err);

    sp_diag_compact(&diag);  /* each message once, with a count */
    for (size_t i = 0; i < diag.n; i++) {
        if (opts.quiet && diag.v[i].severity != SP_PROBLEM)
            continue;  /* -q: problems only */
        sp_diag_format(&diag.v[i], buf, sizeof buf);
        fprintf(stderr, "signpost: %s\n", buf);
    }
    if (rc != 0) {
        sp_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "signpost: %s\n", buf);
        status = sp_error_exit_status(err.code);
    } else if (diag.nproblems > 0 && opts.command == SP_CMD_CHECK) {
        status = 1;
    } else if (opts.werror && diag.n > diag.nnotes) {
        fprintf(stderr, "signpost: %s\n", sp_msg("warnings treated as errors (--werror)"));
        status = 1;
    } else {
        status = 0;
    }
    sp_diag_release(&diag);
    sp_options_release(&opts);
    return status;
}
