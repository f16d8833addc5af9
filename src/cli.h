/*
 * cli.h - the command line: one option table drives parsing and --help; the result is
 * struct sp_options.  No globals.
 *
 * Owns: the arrays in struct sp_options (sp_options_release).  Must not: exit, print
 * (except the help/version text into a caller's FILE), or load data.
 */
#ifndef SP_CLI_H
#define SP_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "base/error.h"
#include "input/directory.h"
#include "input/select.h"

enum sp_command {
    SP_CMD_NONE = 0,
    SP_CMD_HELP,
    SP_CMD_VERSION,
    SP_CMD_CHECK,
    SP_CMD_RENDER,
    SP_CMD_LAYOUTS,
    SP_CMD_KIOSK,
    SP_CMD_BOARD
};

/* One directory file with the per-file options in force where it was named. */
struct sp_input {
    const char *path;            /* a file, '-', or a web address (https://...) */
    struct sp_source_opts opts;
    const char *bmlt_root;       /* --bmlt ROOT: read this BMLT root server (path = ROOT) */
    char **service_bodies;       /* --service-body IDs for it (owned, NULL-terminated), or NULL */
    size_t nservice_bodies;
};

#define SP_START_PRINT_DATE (-2)

enum sp_split { SP_SPLIT_NONE = 0, SP_SPLIT_REGION, SP_SPLIT_FELLOWSHIP, SP_SPLIT_TOWN };

struct sp_options {
    enum sp_command command;
    bool help;                   /* --help (for the command, if one was named) */
    struct sp_input *inputs;
    size_t ninputs;

    /* selection (shared by every command) */
    struct sp_selection sel;
    const char **regions, **fellowships, **types;  /* owned arrays behind sel */

    /* output */
    const char *layout;          /* name or path; default per command */
    const char *output;          /* -o */
    const char *settings;        /* --settings FILE */
    const char *data_dir;        /* --data-dir */
    const char *headline, *subtitle;
    time_t date;                 /* --date / SOURCE_DATE_EPOCH / input mtime; -1 = unset */
    bool date_given;
    int start_day;               /* --start-day: first weekday shown, 0 = Sunday; -1 = Monday
                                    first; SP_START_PRINT_DATE = the print date's weekday */
    double dpi;                  /* PNG resolution (default 150) */
    bool dump_plan;
    bool leave_off_passcodes;
    bool werror;
    bool quiet;
    enum sp_split split;
    int tabs;                    /* --tabs N (posters), -1 = layout default */
    const char *group_by;        /* leaflets: "day", "region", "time" */
    int pages;                   /* booklets: exact page count, 0 = as needed */
    bool online_section;         /* leaflets: online meetings in their own section */
    const char *at;              /* kiosk: moment "2026-11-26T14:00" */
    const char *view;            /* kiosk: "today" or "week" */
    const char *watch_dir;       /* kiosk: keep this folder current */
    const char *cards;           /* cards: "directory", "online", "split" */
    bool back_only, alignment_sheet, print_shop;

    /* feeds read from their web addresses */
    bool allow_http;             /* --allow-http: plain http: addresses too */
    bool offline;                /* --offline: saved copies only, no network */
    long max_size_mb;            /* --max-size MB; 0 = the default (50) */
    long timeout_s;              /* --timeout SECONDS; 0 = the default (20) */
    long poll_minutes;           /* --poll-interval MINUTES (watching); 0 = default (15) */
    const char *braille_table;   /* braille: liblouis table (--braille-table), or NULL */
    char **fixed_args;           /* argv strings rewritten with their option names folded
                                    ("--Region" -> "--region"); owned */
    size_t nfixed;
    int sheets;                  /* posters: --sheets N, the most sheets allowed; 0 = any */
    const char *lang;            /* --lang CODE or CODE+CODE (checked), or NULL: the
                                    settings' lang */
    bool data_only;              /* board: --data-only, write board-data.js alone */
};

void sp_options_init(struct sp_options *o);
void sp_options_release(struct sp_options *o);

/*
 * Parse argv into *o.  Returns 0, or -1 with SP_ERR_USAGE and a message quoting what
 * the user typed ("--dpi: expected an integer 36..1200, got 'abc'").
 */
int sp_cli_parse(int argc, char **argv, struct sp_options *o, struct sp_error *err);

/* Print --help (for a command, or the overview when cmd is SP_CMD_NONE/HELP). */
void sp_cli_help(FILE *fp, enum sp_command cmd);

#endif
