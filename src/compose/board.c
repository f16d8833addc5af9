/*
 * board.c - the web board's data from the selection: one entry per merged row (records
 * that print the same, with all their days), words from words.c, each distinct link
 * encoded as a QR code once.
 */
#include "board.h"

#include <glib.h>
#include <string.h>

#include "qr.h"
#include "tr.h"
#include "words.h"

int sp_board_compose(const struct sp_compose_in *in, struct sp_arena *a, struct sp_board *out,
                     struct sp_error *err)
{
    const struct sp_settings *s = in->settings;
    GHashTable *codes = g_hash_table_new(g_str_hash, g_str_equal);
    struct sp_row *rows = NULL;
    size_t n = sp_compose_rows(in, a, &rows);
    int rc = -1;

    memset(out, 0, sizeof *out);
    out->title = in->headline ? sp_words_own(in->headline, a)
                 : sp_say(a, "Meetings today and tomorrow", NULL, NULL, NULL);
    out->area = s->area;
    out->org = s->org_name && *s->org_name ? s->org_name : NULL;
    out->lang = sp_i18n_output()->tag;
    out->zone = "Europe/London";
    out->directory_url = s->directory_url;
    out->directory_shown = s->short_link ? s->short_link : s->org_website ? s->org_website
                           : s->directory_url;
    /* the page writes times in each language's way; 24-hour when the layout says so (and
       always for German, Polish... and a bilingual board: words.c) */
    out->time_24h = in->layout && in->layout->time_style == SP_TIME_24H;
    out->generated = in->date;
    out->listed = sp_words_as_listed(in->data_date, a);
    out->refresh_seconds = 300;
    if (s->directory_url) {
        struct sp_qr *q = sp_arena_alloc(a, sizeof *q);
        if (sp_qr_encode(s->directory_url, 'M', "directory link", a, q, err) != 0)
            goto out;
        out->directory_qr = q;
    }
    out->helplines = sp_arena_alloc(a, (s->nhelplines + 1) * sizeof *out->helplines);
    for (size_t i = 0; i < s->nhelplines; i++) {
        out->helplines[i].name = s->helplines[i].name;
        out->helplines[i].phone = sp_words_glue(s->helplines[i].phone, a);
        out->helplines[i].hours = s->helplines[i].hours;
    }
    out->nhelplines = s->nhelplines;

    out->v = sp_arena_alloc(a, (n + 1) * sizeof *out->v);
    for (size_t i = 0; i < n; i++) {
        const struct sp_meeting *m = rows[i].m;
        struct sp_board_meeting *b = &out->v[out->n++];

        memset(b, 0, sizeof *b);
        b->name = m->name;
        b->where = sp_words_where(m, a);
        b->kind = sp_words_kind(m, true, a);
        b->days = rows[i].days;
        b->weeks = m->weeks;
        b->start_min = m->start_min;
        b->end_min = m->end_min;
        b->zone = m->timezone ? m->timezone : "Europe/London";
        b->online = m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID;
        b->in_person = m->attendance != SP_ATTEND_ONLINE;
        if (!b->online)
            continue;
        b->access = sp_words_access(m, in->leave_off_passcodes, a);
        b->phone = m->phone ? sp_words_dial_in(m, in->leave_off_passcodes, a) : NULL;
        b->url = sp_words_link(m, in->leave_off_passcodes);
        if (!b->url)
            continue;
        b->host = sp_words_host(b->url, a);
        b->site = sp_words_site(b->url, a);
        b->qr_alt = sp_words_qr_alt(m, a);
        b->qr = g_hash_table_lookup(codes, b->url);
        if (!b->qr) {
            struct sp_qr *q = sp_arena_alloc(a, sizeof *q);
            struct sp_error e = { 0 };

            if (sp_qr_encode(b->url, 'M', m->name, a, q, &e) == 0) {
                g_hash_table_insert(codes, (gpointer)b->url, q);
                b->qr = q;
            } else if (in->diag) {
                sp_diag_add(in->diag, SP_WARNING, m->file, m->line, 0, "%s", e.msg);
            }
        }
    }
    rc = 0;
out:
    g_hash_table_destroy(codes);
    return rc;
}
