/*
 * cli.c - option table, parsing into struct sp_options, and help text.
 *
 * getopt_long with a leading '-' in the short-option string returns operands in order,
 * so per-file options (--format, --as, --formats) apply to the files that follow them.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/match.h"
#include "base/mem.h"

enum arg { ARG_NONE, ARG_STR, ARG_INT };

/* Which commands an option belongs to (for --help). */
#define C_ALL    0xFF
#define C_CHECK  (1 << SP_CMD_CHECK)
#define C_RENDER (1 << SP_CMD_RENDER)
#define C_KIOSK  (1 << SP_CMD_KIOSK)
#define C_BOARD  (1 << SP_CMD_BOARD)
#define C_IN     (C_CHECK | C_RENDER | C_KIOSK | C_BOARD)
#define C_OUT    (C_RENDER | C_KIOSK)

enum opt_id {
    O_HELP = 'h', O_LAYOUT = 'l', O_OUTPUT = 'o', O_QUIET = 'q',
    O_VERSION = 256, O_DATADIR, O_WERROR, O_FORMAT, O_AS, O_FORMATS, O_REGION, O_DAY,
    O_FELLOWSHIP, O_ATTENDANCE, O_TYPE, O_SEARCH, O_INCLUDE_CLOSED, O_SETTINGS, O_DATE,
    O_HEADLINE, O_SUBTITLE, O_START_DAY, O_DPI, O_DUMP_PLAN, O_NO_PASSCODES, O_SPLIT,
    O_TABS, O_GROUP_BY, O_PAGES, O_ONLINE_SECTION, O_AT, O_VIEW, O_WATCH, O_CARDS,
    O_ALIGNMENT, O_PRINT_SHOP,
    O_ALLOW_HTTP, O_OFFLINE, O_BMLT, O_SERVICE_BODY, O_MAX_SIZE, O_TIMEOUT, O_POLL,
    O_BRAILLE_TABLE, O_TIMEZONE, O_SHEETS, O_LANG, O_DATA_ONLY
};

struct optdef {
    const char *name;
    int id;
    enum arg arg;
    const char *metavar;
    unsigned cmds;
    const char *help;
};

static const struct optdef optdefs[] = {
    { "help", O_HELP, ARG_NONE, NULL, C_ALL, "show this help and exit" },
    { "version", O_VERSION, ARG_NONE, NULL, C_ALL, "show the version and exit" },
    { "data-dir", O_DATADIR, ARG_STR, "DIR", C_ALL, "where layouts/ and fonts/ are" },
    { "quiet", O_QUIET, ARG_NONE, NULL, C_ALL, "print problems only, no summary or progress" },
    { "werror", O_WERROR, ARG_NONE, NULL, C_ALL, "treat warnings as errors (exit 1)" },
    /* per-file */
    { "format", O_FORMAT, ARG_STR, "FMT", C_IN,
      "format of the files that follow: auto (default), meeting-guide, csv, bmlt" },
    { "as", O_AS, ARG_STR, "FELLOWSHIP", C_IN,
      "fellowship of the files that follow (e.g. 'Narcotics Anonymous')" },
    { "formats", O_FORMATS, ARG_STR, "FILE", C_IN,
      "BMLT GetFormats JSON for the BMLT files that follow" },
    { "timezone", O_TIMEZONE, ARG_STR, "ZONE", C_IN,
      "time zone of the files that follow when they give none, e.g. America/New_York "
      "(default: UK time)" },
    /* selection */
    { "region", O_REGION, ARG_STR, "NAME", C_IN, "only this region or sub-region (repeatable)" },
    { "day", O_DAY, ARG_STR, "DAYS", C_IN, "only these days: mon,tue... weekdays, weekend" },
    { "fellowship", O_FELLOWSHIP, ARG_STR, "NAME", C_IN,
      "only this fellowship, by name or initials (repeatable)" },
    { "attendance", O_ATTENDANCE, ARG_STR, "LIST", C_IN,
      "only in-person, online, hybrid (comma-separated; hybrid counts as both)" },
    { "type", O_TYPE, ARG_STR, "CODE", C_IN, "only meetings with this type code (repeatable)" },
    { "search", O_SEARCH, ARG_STR, "TEXT", C_IN, "only meetings whose name, venue or town has TEXT" },
    { "include-closed", O_INCLUDE_CLOSED, ARG_NONE, NULL, C_IN,
      "keep temporarily closed meetings (left out by default)" },
    /* feeds by web address */
    { "bmlt", O_BMLT, ARG_STR, "ROOT", C_IN,
      "read a BMLT root server's meetings and formats (its address, not a query)" },
    { "service-body", O_SERVICE_BODY, ARG_STR, "ID", C_IN,
      "after --bmlt: only this service body and those below it (repeatable)" },
    { "allow-http", O_ALLOW_HTTP, ARG_NONE, NULL, C_IN,
      "also read plain http:// feed addresses (https:// only by default)" },
    { "offline", O_OFFLINE, ARG_NONE, NULL, C_IN,
      "use the saved copies of feeds; do not go online" },
    { "timeout", O_TIMEOUT, ARG_INT, "SECONDS", C_IN,
      "give up on a feed that sends nothing for this long, 1..600 (default 20)" },
    { "max-size", O_MAX_SIZE, ARG_INT, "MB", C_IN,
      "largest feed accepted, in MB, 1..2000 (default 50)" },
    /* output */
    { "layout", O_LAYOUT, ARG_STR, "NAME", C_OUT, "layout name (see 'signpost layouts') or file" },
    { "output", O_OUTPUT, ARG_STR, "FILE", C_OUT | C_BOARD,
      "output file; .pdf, .png or .svg (braille: .brf, .pef or .txt; board: .html)" },
    { "settings", O_SETTINGS, ARG_STR, "FILE", C_IN,
      "organisation settings file (its [directory] section: fellowship, time zone)" },
    { "date", O_DATE, ARG_STR, "YYYY-MM-DD", C_OUT,
      "date the list is printed (default: SOURCE_DATE_EPOCH, else today)" },
    { "headline", O_HEADLINE, ARG_STR, "TEXT", C_OUT, "poster headline" },
    { "subtitle", O_SUBTITLE, ARG_STR, "TEXT", C_OUT, "poster subtitle" },
    { "start-day", O_START_DAY, ARG_STR, "DAY", C_OUT,
      "first weekday listed: a day, a date, or 'today' (the print date); default Monday" },
    { "dpi", O_DPI, ARG_INT, "N", C_OUT, "PNG resolution, 36..1200 (default 150)" },
    { "dump-plan", O_DUMP_PLAN, ARG_NONE, NULL, C_OUT, "print the composed plan as text and exit" },
    { "leave-off-passcodes", O_NO_PASSCODES, ARG_NONE, NULL, C_OUT | C_BOARD,
      "do not print passcodes (and strip them from QR links)" },
    { "split-by", O_SPLIT, ARG_STR, "WHAT", C_OUT,
      "one output per region, fellowship or town (name added to -o)" },
    { "tabs", O_TABS, ARG_INT, "N", C_RENDER, "tear-off tabs on posters: 0 or 8..10" },
    { "sheets", O_SHEETS, ARG_INT, "N", C_RENDER,
      "posters: at most N sheets; if the meetings need more, say what would fit and exit 1" },
    { "group-by", O_GROUP_BY, ARG_STR, "ORDER", C_RENDER,
      "leaflets: day (day then region), region (region then day) or time" },
    { "pages", O_PAGES, ARG_INT, "N", C_RENDER, "booklets: exact page count" },
    { "online-section", O_ONLINE_SECTION, ARG_NONE, NULL, C_RENDER,
      "leaflets: online meetings in their own section" },
    { "cards", O_CARDS, ARG_STR, "KIND", C_RENDER,
      "cards: directory (default), online (one per online meeting) or split" },
    { "alignment-sheet", O_ALIGNMENT, ARG_NONE, NULL, C_RENDER, "cards: a duplex alignment test sheet" },
    { "print-shop", O_PRINT_SHOP, ARG_NONE, NULL, C_RENDER,
      "cards: single cards with 3 mm bleed for a print shop" },
    { "lang", O_LANG, ARG_STR, "CODE", C_OUT | C_BOARD,
      "language of the words signpost prints: en, cy, de, pl, ur, pa, bn, ar, fa, or two for "
      "bilingual output such as cy+en (default: the settings' lang, else en)" },
    { "braille-table", O_BRAILLE_TABLE, ARG_STR, "TABLE", C_RENDER,
      "braille: liblouis table, e.g. en-ueb-g1.ctb (default: the layout's)" },
    { "at", O_AT, ARG_STR, "TIME", C_KIOSK, "kiosk: the moment shown, 2026-11-26T14:00 (UK time)" },
    { "view", O_VIEW, ARG_STR, "VIEW", C_KIOSK, "kiosk: today (today and tomorrow) or week" },
    { "watch", O_WATCH, ARG_STR, "DIR", C_KIOSK,
      "kiosk: keep the slides in DIR up to date until stopped (Ctrl-C or SIGTERM)" },
    { "poll-interval", O_POLL, ARG_INT, "MINUTES", C_KIOSK,
      "kiosk --watch: check feeds every N minutes, 1..1440 (default 15)" },
    { "data-only", O_DATA_ONLY, ARG_NONE, NULL, C_BOARD,
      "board: write only board-data.js beside -o FILE.html, the page left as it is (for a "
      "scheduled job: the page reads it every few minutes)" },
};

static const struct {
    const char *name;
    enum sp_command cmd;
    const char *usage;
    const char *summary;
} commands[] = {
    { "check", SP_CMD_CHECK, "signpost check [options] FILE...",
      "read meeting directories and report problems and a summary" },
    { "render", SP_CMD_RENDER, "signpost render --layout NAME -o FILE [options] FILE...",
      "make a poster, leaflet, booklet or cards (PDF, PNG or SVG)" },
    { "kiosk", SP_CMD_KIOSK, "signpost kiosk --layout NAME -o DIR [options] FILE...",
      "make screen slides for today or this week" },
    { "board", SP_CMD_BOARD, "signpost board -o FILE.html [options] FILE...",
      "make a live web board: one HTML file for a browser on a screen or a website" },
    { "layouts", SP_CMD_LAYOUTS, "signpost layouts", "list the installed layouts" },
};

void sp_options_init(struct sp_options *o)
{
    memset(o, 0, sizeof *o);
    o->date = (time_t)-1;
    o->start_day = -1;
    o->dpi = 150;
    o->tabs = -1;
}

void sp_options_release(struct sp_options *o)
{
    for (size_t i = 0; i < o->ninputs; i++)
        g_strfreev(o->inputs[i].service_bodies);
    free(o->inputs);
    free(o->regions);
    free(o->fellowships);
    free(o->types);
    for (size_t i = 0; i < o->nfixed; i++)
        free(o->fixed_args[i]);
    free(o->fixed_args);
    memset(o, 0, sizeof *o);
}

static void push(const char ***v, size_t *n, const char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = s;
}

static int parse_int(const char *opt, const char *s, long lo, long hi, long *out,
                     struct sp_error *err)
{
    char *end;
    long v = 0;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "--%s: expected an integer %ld..%ld, got '%s'", opt, lo, hi, s);
    *out = v;
    return 0;
}

/* "2026-11-26" -> midnight UTC of that day. */
static int parse_date(const char *s, time_t *out)
{
    int y, m, d;
    char tail;
    GDateTime *dt;

    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return -1;
    dt = g_date_time_new_utc(y, m, d, 0, 0, 0);
    if (!dt)
        return -1;
    *out = (time_t)g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return 0;
}

static const struct optdef *find_def(int id)
{
    for (size_t i = 0; i < G_N_ELEMENTS(optdefs); i++)
        if (optdefs[i].id == id)
            return &optdefs[i];
    return NULL;
}

static int apply(struct sp_options *o, int id, const char *arg, struct sp_source_opts *cur,
                 struct sp_error *err)
{
    const struct optdef *d = find_def(id);
    const char *name = d ? d->name : "?";
    long v = 0;
    int day;
    unsigned mask;

    switch (id) {
    case O_HELP:    o->help = true; break;
    case O_VERSION: o->command = SP_CMD_VERSION; break;
    case O_DATADIR: o->data_dir = arg; break;
    case O_QUIET:   o->quiet = true; break;
    case O_WERROR:  o->werror = true; break;
    case O_FORMAT: {
        enum sp_format f;
        if (sp_format_parse(arg, &f) != 0)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--format: expected auto, meeting-guide, csv or bmlt, got '%s'",
                                arg);
        cur->format = f;
        break;
    }
    case O_AS:      cur->fellowship = *arg ? arg : NULL; break;
    case O_FORMATS: cur->formats_path = arg; break;
    case O_TIMEZONE: {
        GTimeZone *z = strchr(arg, '/') || !strcmp(arg, "UTC") ?
                       g_time_zone_new_identifier(arg) : NULL;
        if (!z)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--timezone: expected a time zone such as 'Europe/London' or "
                                "'America/New_York', got '%s'", arg);
        g_time_zone_unref(z);
        cur->timezone = arg;
        break;
    }
    case O_REGION:  push(&o->regions, &o->sel.nregions, arg); break;
    case O_FELLOWSHIP: push(&o->fellowships, &o->sel.nfellowships, arg); break;
    case O_TYPE:    push(&o->types, &o->sel.ntypes, arg); break;
    case O_DAY:
        if (sp_select_days(arg, &mask) != 0)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--day: expected days such as 'mon,wed' or 'weekend', got '%s'",
                                arg);
        o->sel.days |= mask;
        break;
    case O_ATTENDANCE:
        if (sp_select_attendance(arg, &mask) != 0)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--attendance: expected in-person, online, hybrid or closed, "
                                "got '%s'", arg);
        o->sel.attendance |= mask;
        if (mask & (1u << SP_ATTEND_CLOSED))
            o->sel.include_closed = true;
        break;
    case O_SEARCH:  o->sel.search = arg; break;
    case O_INCLUDE_CLOSED: o->sel.include_closed = true; break;
    case O_LAYOUT:  o->layout = arg; break;
    case O_OUTPUT:  o->output = arg; break;
    case O_SETTINGS: o->settings = arg; break;
    case O_DATE:
        if (parse_date(arg, &o->date) != 0)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--date: expected a date such as 2026-11-26, got '%s'", arg);
        o->date_given = true;
        break;
    case O_HEADLINE: o->headline = arg; break;
    case O_SUBTITLE: o->subtitle = arg; break;
    case O_START_DAY: {
        time_t when;
        if (!strcmp(arg, "today")) {
            o->start_day = SP_START_PRINT_DATE;  /* the weekday of the print date */
            break;
        }
        if (parse_date(arg, &when) == 0) {
            GDateTime *dt = g_date_time_new_from_unix_utc((gint64)when);
            o->start_day = g_date_time_get_day_of_week(dt) % 7;  /* 7 = Sunday -> 0 */
            g_date_time_unref(dt);
            break;
        }
        if (sp_select_days(arg, &mask) != 0 || (mask & (mask - 1)))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--start-day: expected a day such as 'thursday', a date such as "
                                "2026-11-26, or 'today', got '%s'", arg);
        for (day = 0; day < 7 && !(mask & SP_DAY_BIT(day)); day++)
            ;
        o->start_day = day;
        break;
    }
    case O_DPI:
        if (parse_int(name, arg, 36, 1200, &v, err))
            return -1;
        o->dpi = (double)v;
        break;
    case O_DUMP_PLAN: o->dump_plan = true; break;
    case O_NO_PASSCODES: o->leave_off_passcodes = true; break;
    case O_SPLIT:
        if (!strcmp(arg, "region"))
            o->split = SP_SPLIT_REGION;
        else if (!strcmp(arg, "fellowship"))
            o->split = SP_SPLIT_FELLOWSHIP;
        else if (!strcmp(arg, "town"))
            o->split = SP_SPLIT_TOWN;
        else
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--split-by: expected region, fellowship or town, got '%s'", arg);
        break;
    case O_TABS:
        if (parse_int(name, arg, 0, 10, &v, err))
            return -1;
        if (v != 0 && v < 8)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--tabs: expected 0 or 8..10, got '%s'", arg);
        o->tabs = (int)v;
        break;
    case O_GROUP_BY:
        if (strcmp(arg, "day") && strcmp(arg, "region") && strcmp(arg, "time"))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--group-by: expected day, region or time, got '%s'", arg);
        o->group_by = arg;
        break;
    case O_PAGES:
        if (parse_int(name, arg, 1, 400, &v, err))
            return -1;
        o->pages = (int)v;
        break;
    case O_ONLINE_SECTION: o->online_section = true; break;
    case O_AT:      o->at = arg; break;
    case O_VIEW:
        if (strcmp(arg, "today") && strcmp(arg, "week"))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--view: expected today or week, got '%s'", arg);
        o->view = arg;
        break;
    case O_WATCH:   o->watch_dir = arg; break;
    case O_CARDS:
        if (strcmp(arg, "directory") && strcmp(arg, "online") && strcmp(arg, "split"))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--cards: expected directory, online or split, got '%s'", arg);
        o->cards = arg;
        break;
    case O_SHEETS:
        if (parse_int(name, arg, 1, 1000, &v, err))
            return -1;
        o->sheets = (int)v;
        break;
    case O_ALIGNMENT: o->alignment_sheet = true; break;
    case O_PRINT_SHOP: o->print_shop = true; break;
    case O_DATA_ONLY: o->data_only = true; break;
    case O_ALLOW_HTTP: o->allow_http = true; break;
    case O_OFFLINE: o->offline = true; break;
    case O_BMLT:
        o->inputs = xrealloc(o->inputs, (o->ninputs + 1) * sizeof *o->inputs);
        memset(&o->inputs[o->ninputs], 0, sizeof o->inputs[0]);
        o->inputs[o->ninputs].path = arg;
        o->inputs[o->ninputs].bmlt_root = arg;
        o->inputs[o->ninputs].opts = *cur;
        o->inputs[o->ninputs].opts.format = SP_FORMAT_BMLT;
        o->ninputs++;
        break;
    case O_SERVICE_BODY: {
        struct sp_input *in = o->ninputs ? &o->inputs[o->ninputs - 1] : NULL;
        char **ids;
        if (!in || !in->bmlt_root)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--service-body: give it after --bmlt ROOT");
        ids = g_strsplit(arg, ",", -1);
        for (char **p = ids; *p; p++) {
            const char *num = *p;
            if (!*num || strspn(num, "0123456789") != strlen(num) || strlen(num) > 18) {
                g_strfreev(ids);
                return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                    "--service-body: expected a service body number such as "
                                    "3 (or 3,5), got '%s'", arg);
            }
        }
        for (char **p = ids; *p; p++) {
            in->service_bodies = g_renew(char *, in->service_bodies, in->nservice_bodies + 2);
            in->service_bodies[in->nservice_bodies++] = g_strdup(*p);
            in->service_bodies[in->nservice_bodies] = NULL;
        }
        g_strfreev(ids);
        break;
    }
    case O_MAX_SIZE:
        if (parse_int(name, arg, 1, 2000, &v, err))
            return -1;
        o->max_size_mb = v;
        break;
    case O_TIMEOUT:
        if (parse_int(name, arg, 1, 600, &v, err))
            return -1;
        o->timeout_s = v;
        break;
    case O_POLL:
        if (parse_int(name, arg, 1, 1440, &v, err))
            return -1;
        o->poll_minutes = v;
        break;
    case O_LANG: {
        struct sp_langs langs;
        if (sp_i18n_parse(arg, "--lang", &langs, err) != 0)
            return -1;
        o->lang = arg;
        break;
    }
    case O_BRAILLE_TABLE:
        /* a table file name or list ("en-ueb-g1.ctb"); liblouis checks it at render */
        if (!*arg || strspn(arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789-_.,/") != strlen(arg))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "--braille-table: expected a liblouis table such as "
                                "en-ueb-g1.ctb, got '%s'", arg);
        o->braille_table = arg;
        break;
    default:
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "internal: unhandled option %d", id);
    }
    return 0;
}

/*
 * Option names as people type them: "--Region" and "--régiön" are "--region".  A name
 * that is not an option as typed but is one (or the start of one) once case and accents
 * are ignored is replaced in argv (the new strings are kept in o, as optarg may point
 * into them).  Arguments after "--" are files and are left alone.
 */
static void fold_option_names(int argc, char **argv, struct sp_options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *eq;
        char *name, *folded;
        if (!strcmp(a, "--"))
            break;
        if (strncmp(a, "--", 2) || !a[2])
            continue;
        eq = strchr(a, '=');
        name = g_strndup(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
        folded = sp_match_fold(name);
        if (strcmp(name, folded)) {
            char *fixed = g_strdup_printf("--%s%s", folded, eq ? eq : "");
            o->fixed_args = xrealloc(o->fixed_args, (o->nfixed + 1) * sizeof *o->fixed_args);
            o->fixed_args[o->nfixed++] = xstrdup(fixed);
            argv[i] = o->fixed_args[o->nfixed - 1];
            g_free(fixed);
        }
        g_free(name);
        g_free(folded);
    }
}

/* "; did you mean '--region'?" for a long option that is not one, or "". */
static const char *option_hint(const char *typed, char *buf, size_t size)
{
    const char *names[G_N_ELEMENTS(optdefs)], *best;
    char *name;

    if (strncmp(typed, "--", 2))
        return "";
    for (size_t i = 0; i < G_N_ELEMENTS(optdefs); i++)
        names[i] = optdefs[i].name;
    name = g_strndup(typed + 2, strcspn(typed + 2, "="));
    best = sp_match_suggest(name, names, G_N_ELEMENTS(names));
    g_free(name);
    if (!best)
        return "";
    snprintf(buf, size, "; did you mean '--%s'?", best);
    return buf;
}

int sp_cli_parse(int argc, char **argv, struct sp_options *o, struct sp_error *err)
{
    struct option longopts[G_N_ELEMENTS(optdefs) + 1];
    struct sp_source_opts cur = { SP_FORMAT_AUTO, NULL, NULL, NULL, NULL };
    const char *unused = NULL;  /* a per-file option with no file named after it yet */
    int c;

    for (size_t i = 0; i < G_N_ELEMENTS(optdefs); i++) {
        longopts[i].name = optdefs[i].name;
        longopts[i].has_arg = optdefs[i].arg == ARG_NONE ? no_argument : required_argument;
        longopts[i].flag = NULL;
        longopts[i].val = optdefs[i].id;
    }
    memset(&longopts[G_N_ELEMENTS(optdefs)], 0, sizeof longopts[0]);

    fold_option_names(argc, argv, o);
    opterr = 0;
    optind = 0;  /* full reset (GNU): parse may be called more than once in tests */
    while ((c = getopt_long(argc, argv, "-:hl:o:q", longopts, NULL)) != -1) {
        if (c == 1) {
            /* an operand: the command first, then input files */
            if (o->command == SP_CMD_NONE) {
                size_t i;
                for (i = 0; i < G_N_ELEMENTS(commands); i++)
                    if (!strcmp(optarg, commands[i].name))
                        break;
                if (i == G_N_ELEMENTS(commands))
                    return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                        "unknown command '%s' (see 'signpost --help')", optarg);
                o->command = commands[i].cmd;
                continue;
            }
            o->inputs = xrealloc(o->inputs, (o->ninputs + 1) * sizeof *o->inputs);
            memset(&o->inputs[o->ninputs], 0, sizeof o->inputs[0]);
            o->inputs[o->ninputs].path = optarg;
            o->inputs[o->ninputs].opts = cur;
            o->ninputs++;
            unused = NULL;
            continue;
        }
        if (c == '?') {
            /* optopt is a short option's letter; for long ones print what was typed */
            const char *typed = argv[optind - 1];
            if (optopt > 0 && optopt < 128 && g_ascii_isalnum(optopt) && typed[1] != '-')
                return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "unknown option '-%c'",
                                    optopt);
            if (optopt >= 256 && strchr(typed, '='))
                return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                    "option '%.*s' takes no value", (int)strcspn(typed, "="),
                                    typed);
            {
                char hint[96];
                return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                    "unknown or ambiguous option '%s'%s", typed,
                                    option_hint(typed, hint, sizeof hint));
            }
        }
        if (c == ':')
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "option '%s' needs a value",
                                argv[optind - 1]);
        if (apply(o, c, optarg, &cur, err))
            return -1;
        if ((c == O_FORMAT || c == O_AS || c == O_FORMATS || c == O_TIMEZONE) && !unused)
            unused = find_def(c)->name;
        else if (c == O_BMLT)
            unused = NULL;  /* --bmlt names a file (a server) too */
    }
    /* after "--" every argument is a file, even one that starts with '-' */
    for (; optind < argc; optind++) {
        o->inputs = xrealloc(o->inputs, (o->ninputs + 1) * sizeof *o->inputs);
        memset(&o->inputs[o->ninputs], 0, sizeof o->inputs[0]);
        o->inputs[o->ninputs].path = argv[optind];
        o->inputs[o->ninputs].opts = cur;
        o->ninputs++;
        unused = NULL;
    }
    o->sel.regions = o->regions;
    o->sel.fellowships = o->fellowships;
    o->sel.types = o->types;

    if (o->help || o->command == SP_CMD_VERSION)
        return 0;
    if (o->command == SP_CMD_NONE)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "no command given (see 'signpost --help')");
    if ((o->command == SP_CMD_CHECK || o->command == SP_CMD_RENDER ||
         o->command == SP_CMD_KIOSK || o->command == SP_CMD_BOARD) && o->ninputs == 0)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "no directory file given");
    /* per-file options apply to the files named after them: after the last, to none */
    if (unused && o->ninputs)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "--%s: given after the last file, so it applies to none; "
                            "put it before the files it is for", unused);
    if ((o->command == SP_CMD_RENDER || o->command == SP_CMD_KIOSK ||
         o->command == SP_CMD_BOARD) && !o->output &&
        !o->dump_plan && !o->watch_dir)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "no output file given (use -o FILE)");
    if (o->command == SP_CMD_LAYOUTS && o->ninputs)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "'layouts' takes no files, got '%s'", o->inputs[0].path);
    return 0;
}

/* Options whose help differs by command. */
static const struct {
    enum sp_command cmd;
    int id;
    const char *metavar, *help;
} cmd_help[] = {
    { SP_CMD_RENDER, O_LAYOUT, "NAME",
      "layout name (see 'signpost layouts') or file (default: poster-a4)" },
    { SP_CMD_KIOSK, O_LAYOUT, "NAME",
      "layout name (see 'signpost layouts') or file (default: kiosk-landscape)" },
    { SP_CMD_KIOSK, O_OUTPUT, "DIR",
      "folder for the slides (PNG), slides.json and slides.html; made if missing" },
};

static void print_opts(FILE *fp, unsigned mask, int exact)
{
    for (size_t i = 0; i < G_N_ELEMENTS(optdefs); i++) {
        const struct optdef *d = &optdefs[i];
        const char *metavar = d->metavar, *help = d->help;
        char left[64];
        int id = d->id;

        if (exact ? d->cmds != mask : !(d->cmds & mask))
            continue;
        for (size_t k = 0; k < G_N_ELEMENTS(cmd_help); k++)
            if (cmd_help[k].id == id && mask == (1u << cmd_help[k].cmd) && !exact) {
                metavar = cmd_help[k].metavar;
                help = cmd_help[k].help;
            }
        if (id < 256)
            snprintf(left, sizeof left, "-%c, --%s%s%s", id, d->name, metavar ? " " : "",
                     metavar ? metavar : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", d->name, metavar ? " " : "",
                     metavar ? metavar : "");
        fprintf(fp, "  %-30s %s\n", left, help);
    }
}

static const char exit_codes[] =
    "Exit status:\n"
    "  0  success (warnings may have been printed, unless --werror)\n"
    "  1  check: a record could not be used; any command: a bad layout or settings file,\n"
    "     nothing to show, or (with --werror) any warning or problem.  render and kiosk\n"
    "     still make their output from the usable meetings and print the problems\n"
    "  2  usage error on the command line\n"
    "  3  a file could not be read or written, or a feed fetched (with no saved copy)\n"
    "  4  missing font or data, or an internal error\n"
    "  5  render --split-by: some outputs made, at least one not (each one printed)\n";

void sp_cli_help(FILE *fp, enum sp_command cmd)
{
    int c = (int)cmd;

    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if ((int)commands[i].cmd != c)
            continue;
        fprintf(fp, "Usage: %s\n\n%c%s.\n\nOptions:\n", commands[i].usage,
                g_ascii_toupper(commands[i].summary[0]), commands[i].summary + 1);
        print_opts(fp, 1u << c, 0);
        fprintf(fp, "\n%s", exit_codes);
        return;
    }
    fprintf(fp,
            "Usage: signpost COMMAND [options] FILE...\n\n"
            "signpost turns a directory of mutual-aid recovery meetings (Meeting Guide JSON,\n"
            "12 Step Meeting List CSV, or BMLT JSON) into large-print posters, leaflets,\n"
            "wallet cards and kiosk screens, with a QR code for every online meeting.\n\n"
            "Commands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nOptions for every command:\n");
    print_opts(fp, C_ALL, 1);
    fprintf(fp,
            "\nA FILE of '-' reads standard input; after '--' every argument is a file.\n"
            "A FILE may be a feed's web address (https://...); its last good copy is kept.\n"
            "Per-file options apply to the files named after them:\n"
            "  signpost check --as 'Narcotics Anonymous' --formats f.json na.json aa.json\n\n"
            "'signpost COMMAND --help' lists a command's options.\n\n%s",
            exit_codes);
}
