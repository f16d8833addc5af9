/*
 * cmd_check.c - `signpost check`: load, validate, and print a summary a volunteer can
 * act on (counts by attendance, fellowship, weekday and region; online meetings with
 * no usable link; duplicates across files).  Problems go to diag (main.c prints them).
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "input/feed.h"
#include "input/select.h"
#include "run.h"

struct count { const char *key; size_t n; };

static int by_count(const void *a, const void *b)
{
    const struct count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->key, y->key);
}

/* name folded for the duplicates check: g_utf8_casefold, whose result for ASCII (most
   names) is its lower case, made here without decoding each character. */
static char *fold_name(const char *name)
{
    for (const char *q = name; *q; q++)
        if ((unsigned char)*q >= 0x80)
            return g_utf8_casefold(name, -1);
    return g_ascii_strdown(name, -1);
}

/* Print "label: k1 n1, k2 n2 ..." sorted by count then name. */
static void print_counts(FILE *fp, const char *label, GHashTable *h)
{
    GHashTableIter it;
    gpointer k, v;
    size_t n = g_hash_table_size(h), i = 0;
    struct count *c = g_new(struct count, n ? n : 1);

    g_hash_table_iter_init(&it, h);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        c[i].key = k;
        c[i].n = GPOINTER_TO_SIZE(v);
        i++;
    }
    qsort(c, n, sizeof *c, by_count);
    fprintf(fp, "%-14s", label);
    for (i = 0; i < n; i++)
        fprintf(fp, "%s%s %zu", i ? ", " : "", c[i].key, c[i].n);
    fprintf(fp, "%s\n", n ? "" : "none");
    g_free(c);
}

static void bump(GHashTable *h, const char *key)
{
    gpointer v = g_hash_table_lookup(h, key);
    g_hash_table_insert(h, (gpointer)key, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(v) + 1));
}

int sp_cmd_check(const struct sp_options *o, struct sp_diag *diag, struct sp_error *err)
{
    struct sp_arena a;
    struct sp_directory dir;
    const struct sp_meeting **sel = NULL;
    size_t nsel, nolink = 0, ndup = 0, per_day[7] = { 0 }, per_att[4] = { 0 };
    size_t nclosed_out = 0, nunknown = 0, nassumed = 0;
    GHashTable *fell, *reg, *seen;
    FILE *fp = stdout;
    int rc = -1;

    sp_arena_init(&a);
    sp_directory_init(&dir);
    if (sp_run_load(o, &dir, &a, diag, err) != 0)
        goto out;

    nsel = sp_select(&dir, &o->sel, &sel);
    if (nsel == 0 && dir.n > 0) {
        /* a selection that matches nothing: say what there is */
        char *regions = sp_select_region_list(&dir);
        if (!o->quiet)
            printf("No meeting matches the selection.  Regions in the files: %s\n", regions);
        free(regions);
        rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                          sp_msgn("no meeting matches the selection (%zu meeting in the files)",
                                  "no meeting matches the selection (%zu meetings in the files)",
                                  dir.n), dir.n);
        goto out;
    }
    nclosed_out = sp_run_closed_left_out(o, &dir);
    fell = g_hash_table_new(g_str_hash, g_str_equal);
    reg = g_hash_table_new(g_str_hash, g_str_equal);
    seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

    for (size_t i = 0; i < nsel; i++) {
        const struct sp_meeting *m = sel[i];
        char *folded;

        per_att[m->attendance]++;
        bump(fell, m->fellowship ? m->fellowship : "(not known)");
        nunknown += !m->fellowship;
        nassumed += m->timezone_assumed;
        bump(reg, m->region ? m->region : "(no region)");
        /* duplicates: same name (any case), day and start time; one key per name and
           time, holding the first meeting of each day */
        folded = fold_name(m->name);
        {
            char *key = g_strdup_printf("%s\t%d", folded, m->start_min);
            const struct sp_meeting **first = g_hash_table_lookup(seen, key);
            if (!first) {
                first = g_new0(const struct sp_meeting *, 7);
                g_hash_table_insert(seen, key, first);
            } else {
                g_free(key);
            }
            for (int d = 0; d < 7; d++) {
                if (!(m->days & SP_DAY_BIT(d)))
                    continue;
                per_day[d]++;
                if (first[d]) {
                    ndup++;
                    sp_diag_add(diag, SP_WARNING, m->file, m->line, 0,
                                "meeting '%s' on %s at %02d:%02d duplicates %s:%d", m->name,
                                sp_day_name(d), m->start_min / 60, m->start_min % 60,
                                first[d]->file, first[d]->line);
                } else {
                    first[d] = m;
                }
            }
        }
        g_free(folded);
    }

    if (!o->quiet) {
        fprintf(fp, "%zu meeting%s from %zu file%s", nsel, nsel == 1 ? "" : "s", o->ninputs,
                o->ninputs == 1 ? "" : "s");
        if (nsel != dir.n)
            fprintf(fp, " (%zu in the files; the rest not selected)", dir.n);
        fprintf(fp, "; %zu record%s could not be used\n\n", dir.nrejected,
                dir.nrejected == 1 ? "" : "s");
        fprintf(fp, "%-14sin person %zu, online %zu, online and in person %zu, "
                "temporarily closed %zu", "Attendance:", per_att[SP_ATTEND_IN_PERSON],
                per_att[SP_ATTEND_ONLINE], per_att[SP_ATTEND_HYBRID],
                per_att[SP_ATTEND_CLOSED] + nclosed_out);
        if (nclosed_out)
            fprintf(fp, " (left out; --include-closed lists them)");
        fprintf(fp, "\n");
        print_counts(fp, "Fellowship:", fell);
        if (nunknown)
            fprintf(fp, "%-14s%zu meeting%s name%s no fellowship, so none is printed: give it "
                    "with --as NAME before the file, or 'fellowship = NAME' in the settings "
                    "file's [directory] section\n", "", nunknown, nunknown == 1 ? "" : "s",
                    nunknown == 1 ? "s" : "");
        if (nassumed)
            fprintf(fp, "%-14s%zu meeting%s give%s no time zone: UK time (Europe/London) is "
                    "assumed; give another with --timezone ZONE before the file, or "
                    "'timezone = ZONE' in the settings file's [directory] section\n",
                    "Time zone:", nassumed, nassumed == 1 ? "" : "s", nassumed == 1 ? "s" : "");
        fprintf(fp, "%-14s", "Weekday:");
        for (int k = 0; k < 7; k++) {
            int d = (k + 1) % 7;  /* Monday first, as UK readers expect */
            fprintf(fp, "%s%.3s %zu", k ? ", " : "", sp_day_name(d), per_day[d]);
        }
        fprintf(fp, "\n");
        print_counts(fp, "Region:", reg);
        if (dir.data_date) {
            char when[64];
            sp_feed_date_text(dir.data_date, when, sizeof when);
            fprintf(fp, "%-14s%s (UK time)\n", "Data as of:", when);
        }
        fprintf(fp, "\n");
    }

    for (size_t i = 0; i < nsel; i++) {
        const struct sp_meeting *m = sel[i];
        if ((m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID) && !m->url) {
            char file[1024];  /* the file name, escaped as in every message */

            sp_error_escape(m->file, file, sizeof file);
            if (!nolink++ && !o->quiet)
                fprintf(fp, "Online meetings without a usable link:\n");
            if (!o->quiet && m->phone)
                fprintf(fp, "  %s:%d: '%s' (dial-in only: %s)\n", file, m->line, m->name,
                        m->phone);
            else if (!o->quiet && m->provider && m->meeting_id)
                fprintf(fp, "  %s:%d: '%s' (%s meeting ID %s only)\n", m->file, m->line,
                        m->name, m->provider, m->meeting_id);
            else if (!o->quiet)
                fprintf(fp, "  %s:%d: '%s'\n", file, m->line, m->name);
        }
    }
    if (!o->quiet) {
        if (!nolink)
            fprintf(fp, "Online meetings without a usable link: none\n");
        fprintf(fp, "Duplicates (same name, day and time): %zu\n", ndup);
        sp_diag_compact(diag);  /* counted as they are printed: each once */
        fprintf(fp, "Problems: %zu, warnings: %zu\n", diag->nproblems,
                diag->n - diag->nproblems - diag->nnotes);
    }
    g_hash_table_destroy(fell);
    g_hash_table_destroy(reg);
    g_hash_table_destroy(seen);
    rc = 0;
out:
    free(sel);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return rc;
}
