/*
 * cmd_render.c - `signpost render`: directory -> selection -> (split) -> compose -> out,
 * then one summary line per output written (stdout; -q leaves it out).  A poster over
 * --sheets is refused with the choices that would fit.
 */
#include <math.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/paths.h"
#include "compose/compose.h"
#include "compose/impose.h"
#include "input/select.h"
#include "layout/layout.h"
#include "layout/settings.h"
#include "output/out.h"
#include "run.h"

/* The print date: --date, else SOURCE_DATE_EPOCH, else today (midnight UTC of today's
   UK date), so two runs on the same day give the same bytes. */
static int print_date(const struct sp_options *o, time_t *out, struct sp_error *err)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    GDateTime *now, *day;
    GTimeZone *tz;

    if (o->date_given) {
        *out = o->date;
        return 0;
    }
    if (sde && *sde) {
        char *end;
        gint64 v = g_ascii_strtoll(sde, &end, 10);
        if (*end || v < 0)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "SOURCE_DATE_EPOCH: expected seconds since 1970, got '%s'", sde);
        *out = (time_t)v;
        return 0;
    }
    tz = g_time_zone_new_identifier("Europe/London");
    now = g_date_time_new_now(tz ? tz : g_time_zone_new_utc());
    day = g_date_time_new_utc(g_date_time_get_year(now), g_date_time_get_month(now),
                              g_date_time_get_day_of_month(now), 0, 0, 0);
    *out = (time_t)g_date_time_to_unix(day);
    g_date_time_unref(day);
    g_date_time_unref(now);
    if (tz)
        g_time_zone_unref(tz);
    return 0;
}

/* "out/poster.pdf" + "Cardiff" -> "out/poster-Cardiff.pdf", a long name shortened with a
   stable hash (base/paths.h) */
static const char *part_path(const char *path, const char *part, struct sp_arena *a)
{
    return sp_paths_part(path, part, a);
}

/*
 * part_path(), made unique within the run: two parts whose names clean to the same file
 * name ("Bath/North", "BathNorth"; or differing only in case, for case-insensitive file
 * systems) get "-2", "-3"... so no output replaces another.
 */
static const char *unique_path(GHashTable *used, const char *path, const char *part,
                               struct sp_arena *a)
{
    const char *p = part_path(path, part, a);

    for (int k = 2;; k++) {
        char *key = g_utf8_casefold(p, -1);
        if (!g_hash_table_contains(used, key)) {
            g_hash_table_add(used, key);
            return p;
        }
        g_free(key);
        p = part_path(path, sp_arena_printf(a, "%s-%d", part, k), a);
    }
}

static const char *split_key(const struct sp_meeting *m, enum sp_split split)
{
    switch (split) {
    case SP_SPLIT_REGION:     return m->region ? m->region : "Other areas";
    case SP_SPLIT_FELLOWSHIP: return m->fellowship ? m->fellowship : "Other fellowships";
    case SP_SPLIT_TOWN:       return m->town ? m->town : m->region ? m->region : "Other areas";
    case SP_SPLIT_NONE:       break;
    }
    return NULL;
}

static gint cmp_key(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "out/booklet.pdf" -> "out/booklet-reading.pdf" */
static const char *reading_path(const char *path, struct sp_arena *a)
{
    const char *slash, *dot;

    if (!path)
        return NULL;
    slash = strrchr(path, '/');
    dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash))
        return sp_arena_printf(a, "%s-reading", path);
    return sp_arena_printf(a, "%.*s-reading%s", (int)(dot - path), path, dot);
}

/* "A4", "A3", or "297 x 420 mm": the paper of a layout, for messages. */
static const char *paper_name(const struct sp_layout *lay, struct sp_arena *a)
{
    static const struct { const char *name; double w, h; } papers[] = {
        { "A5", 148, 210 }, { "A4", 210, 297 }, { "A3", 297, 420 },
    };
    double w = lay->width * 25.4 / 72, h = lay->height * 25.4 / 72;

    for (size_t i = 0; i < G_N_ELEMENTS(papers); i++)
        if (fabs(w - papers[i].w) < 1 && fabs(h - papers[i].h) < 1)
            return papers[i].name;
    return sp_arena_printf(a, "%.0f x %.0f mm", w, h);
}

/* "1 sheet", "3 sheets": one and many are "%zu sheet" and "%zu sheets", in the user's
   language (sp_msgn) */
static const char *count_of(size_t n, const char *one, const char *many, struct sp_arena *a)
{
    /* the formats are the two literals of each call (msgfmt --check holds translations to
       the same conversions) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    return sp_arena_printf(a, sp_msgn(one, many, n), n);
#pragma GCC diagnostic pop
}

/* Sheets a poster of these meetings takes with layout lay, composed but not written (its
   warnings are not reported again); -1 when it cannot be made. */
static long poster_sheets(const struct sp_compose_in *in, const struct sp_layout *lay,
                          const struct sp_meeting *const *m, size_t n, struct sp_text *t)
{
    struct sp_compose_in c = *in;
    struct sp_plan plan;
    struct sp_error e = { 0 };
    long r;

    c.layout = lay;
    c.meetings = m;
    c.n = n;
    c.diag = NULL;
    sp_plan_init(&plan, lay->width, lay->height);
    r = n && sp_compose(&c, t, &plan, &e) == 0 ? (long)plan.npages : -1;
    sp_plan_release(&plan);
    return r;
}

/*
 * --sheets N and a poster that needs more: say so with numbers, and what would fit
 * (the A3 layout; one poster per town; weekdays and weekend apart).  Always returns -1
 * with SP_ERR_INPUT (exit 1).
 */
static int too_many_sheets(const struct sp_options *o, const struct sp_compose_in *in,
                           struct sp_text *t, const char *datadir, size_t need,
                           struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    struct sp_arena a;
    GString *msg = g_string_new(NULL);
    GString *alt = g_string_new(NULL);
    struct sp_layout a3;
    struct sp_error e = { 0 };

    sp_arena_init(&a);
    if (in->part_name)
        g_string_append_printf(msg, "'%s': ", in->part_name);
    g_string_append_printf(msg, sp_msg("%s need %zu %s sheets at %g pt, more than --sheets %d"),
                           count_of(in->n, "%zu meeting", "%zu meetings", &a), need,
                           paper_name(lay, &a), lay->size_body, o->sheets);
    /* the bigger sheet */
    if (lay->width < SP_MM(290) && strcmp(lay->name, "poster-a3") != 0 &&
        sp_layout_load("poster-a3", datadir, &a, &a3, &e) == 0) {
        long k = poster_sheets(in, &a3, in->meetings, in->n, t);
        if (k > 0 && (size_t)k < need)
            g_string_append_printf(alt, sp_msg("; poster-a3 %s"), k <= o->sheets
                                   ? sp_arena_printf(&a, sp_msg("holds them on %ld"), k)
                                   : sp_arena_printf(&a, sp_msg("needs %ld"), k));
    }
    /* one poster per town */
    if (o->split != SP_SPLIT_TOWN) {
        GPtrArray *towns = g_ptr_array_new();
        const struct sp_meeting **part = xmalloc(in->n * sizeof *part);
        long most = 0;

        for (size_t i = 0; i < in->n; i++) {
            const char *k = split_key(in->meetings[i], SP_SPLIT_TOWN);
            gboolean found = FALSE;
            for (guint j = 0; j < towns->len && !found; j++)
                found = strcmp(towns->pdata[j], k) == 0;
            if (!found)
                g_ptr_array_add(towns, (gpointer)k);
        }
        for (guint j = 0; j < towns->len && towns->len > 1 && most >= 0; j++) {
            size_t n = 0;
            long k;
            for (size_t i = 0; i < in->n; i++)
                if (!strcmp(split_key(in->meetings[i], SP_SPLIT_TOWN), towns->pdata[j]))
                    part[n++] = in->meetings[i];
            k = poster_sheets(in, lay, part, n, t);
            most = k < 0 ? -1 : MAX(most, k);
        }
        if (towns->len > 1 && most > 0 && (size_t)most < need)
            g_string_append_printf(alt, sp_msg("%s--split-by town (%u towns, at most %s each)"),
                                   alt->len ? sp_msg("; or use ") : sp_msg("; use "),
                                   towns->len,
                                   count_of((size_t)most, "%zu sheet", "%zu sheets", &a));
        free(part);
        g_ptr_array_free(towns, TRUE);
    }
    /* weekdays and the weekend apart */
    if (o->sel.days == 0) {
        const struct sp_meeting **wd = xmalloc(in->n * sizeof *wd);
        const struct sp_meeting **we = xmalloc(in->n * sizeof *we);
        size_t nwd = 0, nwe = 0;
        unsigned weekend = SP_DAY_BIT(0) | SP_DAY_BIT(6);

        for (size_t i = 0; i < in->n; i++) {
            if (in->meetings[i]->days & ~weekend & SP_ALL_DAYS)
                wd[nwd++] = in->meetings[i];
            if (in->meetings[i]->days & weekend)
                we[nwe++] = in->meetings[i];
        }
        if (nwd && nwe) {
            long kd = poster_sheets(in, lay, wd, nwd, t), ke = poster_sheets(in, lay, we, nwe, t);
            if (kd > 0 && ke > 0 && (size_t)kd < need)
                g_string_append_printf(alt, sp_msg("%s--day weekdays (%s) and --day weekend (%s)"),
                                       !alt->len ? sp_msg("; use ")
                                       : strstr(alt->str, "--split-by") ? sp_msg(" or ")
                                       : sp_msg("; or use "),
                                       count_of((size_t)kd, "%zu sheet", "%zu sheets", &a),
                                       count_of((size_t)ke, "%zu sheet", "%zu sheets", &a));
        }
        free(wd);
        free(we);
    }
    sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0, "%s%s", msg->str, alt->str);
    g_string_free(msg, TRUE);
    g_string_free(alt, TRUE);
    sp_arena_free(&a);
    return -1;
}

/*
 * One line per output written (stdout, unless -q): "wrote poster.pdf: 1 sheet, 14
 * meetings (3 online)", in the output's own units; and a warning when an output is
 * longer than its kind is meant to be (a poster over 4 sheets, a leaflet over 100 pages).
 */
static void summary(const struct sp_options *o, const struct sp_compose_in *in,
                    const struct sp_plan *plan, const struct sp_plan *sheets, const char *path,
                    struct sp_diag *diag)
{
    enum sp_layout_kind kind = in->layout->kind;
    enum sp_out_format fmt = SP_OUT_PDF;
    struct sp_arena a;
    const char *units, *files, *meetings;
    size_t online = 0, n = plan->npages;

    sp_arena_init(&a);
    sp_out_format_from_path(path, &fmt);
    for (size_t i = 0; i < in->n; i++)
        online += in->meetings[i]->attendance == SP_ATTEND_ONLINE ||
                  in->meetings[i]->attendance == SP_ATTEND_HYBRID;
    meetings = sp_arena_printf(&a, sp_msg("%s (%zu online)"),
                               count_of(in->n, "%zu meeting", "%zu meetings", &a), online);
    switch (kind) {
    case SP_LAYOUT_POSTER:
        units = count_of(n, "%zu sheet", "%zu sheets", &a);
        if (n > 4)
            sp_diag_add(diag, SP_WARNING, path, 0, 0,
                        "a poster of %zu sheets is more than a noticeboard holds (try %s"
                        "--split-by town, or --day)", n,
                        in->layout->width < SP_MM(290) ? "--layout poster-a3, " : "");
        break;
    case SP_LAYOUT_LEAFLET:
        units = count_of(n, "%zu page", "%zu pages", &a);
        if (n > 100)
            sp_diag_add(diag, SP_WARNING, path, 0, 0,
                        "a leaflet of %zu pages is unusually long (try --split-by region or "
                        "a selection)", n);
        break;
    case SP_LAYOUT_BOOKLET:
    case SP_LAYOUT_TRIFOLD:
        /* the printing sheets at path, both sides; the reading copy beside it */
        units = sp_arena_printf(&a, sp_msg("%s, both sides (%s)"),
                                count_of((sheets->npages + 1) / 2, "%zu sheet", "%zu sheets", &a),
                                kind == SP_LAYOUT_BOOKLET
                                ? count_of(n, "%zu page", "%zu pages", &a)
                                : count_of(n, "%zu panel", "%zu panels", &a));
        if (kind == SP_LAYOUT_BOOKLET && n > 100)
            sp_diag_add(diag, SP_WARNING, path, 0, 0,
                        "a booklet of %zu pages is unusually long (try --split-by region or "
                        "a selection)", n);
        break;
    case SP_LAYOUT_CARDS:
        units = in->print_shop ? count_of(n, "%zu card side", "%zu card sides", &a)
                : sp_arena_printf(&a, sp_msg("%s (%s, both sides)"),
                                  count_of(n, "%zu page", "%zu pages", &a),
                                  count_of((n + 1) / 2, "%zu sheet", "%zu sheets", &a));
        break;
    default:
        units = count_of(n, "%zu slide", "%zu slides", &a);
        break;
    }
    if (!o->quiet) {
        const struct sp_plan *written = kind == SP_LAYOUT_BOOKLET || kind == SP_LAYOUT_TRIFOLD
                                        ? sheets : plan;
        if (fmt != SP_OUT_PDF && written->npages > 1)
            files = sp_arena_printf(&a, sp_msg("%s \xE2\x80\xA6 %s (%zu files)"),
                                    sp_out_page_path(written, path, 0, &a),
                                    sp_out_page_path(written, path, written->npages - 1, &a),
                                    written->npages);
        else
            files = path;
        printf(sp_msg("wrote %s: %s, %s\n"), files, units, meetings);
        if (kind == SP_LAYOUT_BOOKLET || kind == SP_LAYOUT_TRIFOLD)
            printf(sp_msg("wrote %s: %s, in reading order for screens\n"), reading_path(path, &a),
                   kind == SP_LAYOUT_BOOKLET ? count_of(n, "%zu page", "%zu pages", &a)
                                             : count_of(n, "%zu panel", "%zu panels", &a));
    }
    sp_arena_free(&a);
}

/*
 * Compose and write one output.  Booklets and tri-folds are composed in reading order
 * and imposed on sheets: the sheets go to path (for printing), the reading-order pages to
 * "<stem>-reading.<ext>" (for screens and screen readers).  --dump-plan prints the
 * reading-order plan, then the imposed one.
 */
static int render_one(const struct sp_options *o, struct sp_compose_in *in, struct sp_text *t,
                      const char *datadir, const char *path, struct sp_diag *diag,
                      struct sp_error *err)
{
    struct sp_plan plan, sheets;
    struct sp_out_opts oo = { SP_OUT_PDF, o->dpi, in->date, in->creator };
    enum sp_layout_kind kind = in->layout->kind;
    bool imposed = kind == SP_LAYOUT_BOOKLET || kind == SP_LAYOUT_TRIFOLD;
    struct sp_arena a;
    struct sp_out_pdf *stream = NULL;
    int rc;

    /* braille (issue 14): cells and lines, not a plan; see cmd_braille.c */
    if (kind == SP_LAYOUT_BRAILLE)
        return sp_cmd_braille_one(o, in, path, err);
    if (!o->dump_plan && sp_cmd_braille_path(path))
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "-o: '%s' is a braille file; use a braille layout such as "
                            "'--layout braille-brf'", path);

    sp_arena_init(&a);
    sp_plan_init(&plan, in->layout->width, in->layout->height);
    sp_plan_init(&sheets, in->layout->width, in->layout->height);
    /* a leaflet or poster PDF is written while it is composed (issue 17): each finished page
       drawn and freed as the composer flushes it */
    if ((kind == SP_LAYOUT_LEAFLET || kind == SP_LAYOUT_POSTER) && !o->dump_plan && path &&
        sp_out_format_from_path(path, &oo.format) == 0 && oo.format == SP_OUT_PDF) {
        stream = sp_out_pdf_open(path, plan.width, plan.height, 0, t, &oo, err);
        if (!stream) {
            sp_plan_release(&sheets);
            sp_plan_release(&plan);
            sp_arena_free(&a);
            return -1;
        }
        sp_plan_set_sink(&plan, sp_out_pdf_sink, stream);
    }
    rc = sp_compose(in, t, &plan, err);
    if (rc == 0 && kind == SP_LAYOUT_POSTER && o->sheets > 0 && plan.npages > (size_t)o->sheets)
        rc = too_many_sheets(o, in, t, datadir, plan.npages, err);
    if (rc == 0 && imposed)
        rc = kind == SP_LAYOUT_BOOKLET
             ? sp_impose_booklet(&plan, &sheets, err)
             : sp_impose_trifold(&plan, in->layout->width, in->layout->height, &sheets, err);
    if (rc == 0 && o->dump_plan) {
        if (in->part_name)
            printf("part \"%s\"\n", in->part_name);
        rc = sp_plan_dump(&plan, stdout);
        if (rc == 0 && imposed) {
            printf("imposed\n");
            rc = sp_plan_dump(&sheets, stdout);
        }
        if (rc != 0)
            sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write the plan to stdout");
    } else if (rc == 0) {
        if (sp_out_format_from_path(path, &oo.format) != 0)
            rc = sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                              "-o: cannot tell the format of '%s' (use .pdf, .png or .svg)",
                              path);
        else if (imposed)
            /* the reading copy first: if it fails, the sheets at -o are left as they were */
            rc = sp_out_write(&plan, t, reading_path(path, &a), &oo, err) != 0 ? -1
                 : sp_out_write_sheets(&sheets, t, path, &oo,
                                       kind == SP_LAYOUT_BOOKLET ? SP_OUT_BOOKLET
                                                                 : SP_OUT_TRIFOLD,
                                       reading_path(path, &a), err);
        else if (stream) {
            /* the pages not flushed yet (all of them when the composer started its plan
               over without the sink) */
            sp_plan_set_sink(&plan, sp_out_pdf_sink, stream);
            sp_plan_flush(&plan, plan.npages);
            /* a page that could not be drawn (a full disk, a cairo error) left cairo in its
               error state: close reports it, with the file's name, and writes nothing */
            rc = sp_out_pdf_close(stream, &plan, err);
            stream = NULL;
        } else
            rc = sp_out_write(&plan, t, path, &oo, err);
        if (rc == 0)
            summary(o, in, &plan, &sheets, path, diag);
    }
    if (stream)
        sp_out_pdf_abandon(stream);  /* not written: the composition failed */
    /* the sheets point into the reading plan's arena: release them first */
    sp_plan_release(&sheets);
    sp_plan_release(&plan);
    sp_arena_free(&a);
    return rc;
}

/*
 * One output per key.  A part that fails (a file that cannot be written, a poster that does
 * not fit) is reported and the others are still made; a usage error stops at once.  Each
 * failure goes to diag as a problem, and the result is SP_ERR_PARTIAL (exit 5) when some
 * parts were made, the failure itself when there was only one part, or the first
 * failure's code when none was made.
 */
static int render_parts(const struct sp_options *o, struct sp_compose_in *in, struct sp_text *t,
                        const char *datadir, GPtrArray *keys, const struct sp_meeting **sel, size_t nsel,
                        GHashTable *used, struct sp_arena *a, struct sp_diag *diag,
                        struct sp_error *err)
{
    const struct sp_meeting **part = xmalloc((nsel ? nsel : 1) * sizeof *part);
    struct sp_error first = { 0 };
    unsigned nfail = 0;

    for (guint j = 0; j < keys->len; j++) {
        struct sp_error e = { 0 };
        size_t n = 0;

        for (size_t i = 0; i < nsel; i++)
            if (!strcmp(split_key(sel[i], o->split), keys->pdata[j]))
                part[n++] = sel[i];
        in->meetings = part;
        in->n = n;
        in->part_name = keys->pdata[j];
        if (render_one(o, in, t, datadir,
                       o->output ? unique_path(used, o->output, keys->pdata[j], a) : NULL,
                       diag, &e) == 0)
            continue;
        if (e.code == SP_ERR_USAGE) {   /* the same for every part: say it once and stop */
            free(part);
            *err = e;
            return -1;
        }
        if (!nfail++)
            first = e;
        if (keys->len > 1)
            sp_diag_add(diag, SP_PROBLEM, e.file, e.line, e.col, "%s", e.msg);
    }
    free(part);
    if (!nfail)
        return 0;
    if (keys->len == 1) {
        *err = first;
        return -1;
    }
    if (nfail == keys->len)
        return sp_error_set(err, first.code, NULL, 0, 0, "none of the %u outputs could be made",
                            keys->len);
    return sp_error_set(err, SP_ERR_PARTIAL, NULL, 0, 0,
                        "%u of the %u outputs could not be made; the other %u were",
                        nfail, keys->len, keys->len - nfail);
}

int sp_cmd_render(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                  struct sp_error *err)
{
    struct sp_arena a;
    struct sp_directory dir;
    struct sp_layout layout;
    struct sp_settings settings;
    struct sp_text *t = NULL;
    const struct sp_meeting **sel = NULL;
    struct sp_compose_in in = { 0 };
    char *fontdir = g_build_filename(datadir, "fonts", NULL);
    const char *timing = getenv("SIGNPOST_TIMING");
    size_t nsel;
    int rc = -1;

    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_settings_defaults(&settings);
    if (o->output && !o->dump_plan && !sp_cmd_braille_path(o->output)) {
        enum sp_out_format fmt;
        if (sp_out_format_from_path(o->output, &fmt) != 0) {
            sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                         "-o: cannot tell the format of '%s' (use .pdf, .png or .svg)",
                         o->output);
            goto out;
        }
    }
    if (sp_layout_load(o->layout ? o->layout : "poster-a4", datadir, &a, &layout, err) != 0)
        goto out;
    if (layout.kind == SP_LAYOUT_KIOSK) {
        /* a screen's slides depend on the moment shown: the kiosk command makes them */
        sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                     "layout '%s' is a screen: make its slides with 'signpost kiosk --layout "
                     "%s -o FOLDER' (or 'signpost board -o board.html' for a web page)",
                     layout.name, layout.name);
        goto out;
    }
    if (o->settings && (sp_settings_load(o->settings, &a, &settings, err) != 0 ||
                        sp_run_check_settings(o->settings, &settings, &a, err) != 0))
        goto out;
    if (sp_run_languages(o, &settings, datadir, NULL, err) != 0)
        goto out;
    if (sp_run_load(o, &dir, &a, diag, err) != 0)
        goto out;
    t = sp_text_new(fontdir, sp_paths_cachedir(&a), err);
    if (!t)
        goto out;

    in.layout = &layout;
    in.settings = &settings;
    in.start_day = o->start_day;
    in.leave_off_passcodes = o->leave_off_passcodes || !layout.show_passcodes;
    in.headline = o->headline;
    in.subtitle = o->subtitle;
    in.tabs = o->tabs;
    in.creator = "signpost " SP_VERSION;
    in.qr_cache = sp_qr_cache_new();  /* freed after every plan that uses it */
    in.data_date = dir.data_date;
    in.diag = diag;
    in.group_by = o->group_by;
    in.online_section = o->online_section;
    in.pages = o->pages;
    in.cards = o->cards;
    in.alignment_sheet = o->alignment_sheet;
    in.print_shop = o->print_shop;
    if (o->sel.nregions == 1)
        in.part_name = o->sel.regions[0];  /* the poster says which area it covers */
    if (print_date(o, &in.date, err) != 0)
        goto out;
    if (o->start_day == SP_START_PRINT_DATE) {
        GDateTime *dt = g_date_time_new_from_unix_utc((gint64)in.date);
        in.start_day = g_date_time_get_day_of_week(dt) % 7;
        g_date_time_unref(dt);
    }
    if (o->output && !o->dump_plan && sp_run_make_parent(o->output, err) != 0)
        goto out;

    nsel = sp_select(&dir, &o->sel, &sel);
    if (o->split == SP_SPLIT_NONE) {
        in.meetings = sel;
        in.n = nsel;
        rc = render_one(o, &in, t, datadir, o->output, diag, err);
    } else {
        /* one output per distinct key, in order of first appearance sorted by name */
        GPtrArray *keys = g_ptr_array_new();
        GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

        for (size_t i = 0; i < nsel; i++) {
            const char *k = split_key(sel[i], o->split);
            gboolean found = FALSE;
            for (guint j = 0; j < keys->len && !found; j++)
                found = strcmp(keys->pdata[j], k) == 0;
            if (!found)
                g_ptr_array_add(keys, (gpointer)k);
        }
        g_ptr_array_sort(keys, cmp_key);
        rc = keys->len ? 0 : sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                                          "no meetings to show (check the selection options)");
        if (rc == 0)
            rc = render_parts(o, &in, t, datadir, keys, sel, nsel, used, &a, diag, err);
        g_hash_table_destroy(used);
        g_ptr_array_free(keys, TRUE);
    }
    if (rc == 0) {
        /* every output written: say what the selection left out by default, so that no
           meeting of the files is missing unsaid (check counts them too) */
        size_t closed = sp_run_closed_left_out(o, &dir);
        if (closed)
            sp_diag_add(diag, SP_NOTE, NULL, 0, 0,
                        sp_msgn("%zu temporarily closed meeting left out (--include-closed "
                                "lists it)",
                                "%zu temporarily closed meetings left out (--include-closed "
                                "lists them)", closed), closed);
    }
out:
    if (in.qr_cache && timing && *timing && strcmp(timing, "0")) {
        size_t encoded, reused;
        sp_qr_cache_stats(in.qr_cache, &encoded, &reused);
        fprintf(stderr, "timing: qr codes encoded %zu, reused %zu\n", encoded, reused);
    }
    sp_qr_cache_free(in.qr_cache);
    free(sel);
    g_free(fontdir);
    sp_text_free(t);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return rc;
}
