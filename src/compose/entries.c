/*
 * entries.c - one entry per (day, meeting), sorted for reading; and rows, where records
 * that print the same are merged with all their days.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"

static int day_rank(int day, int start)
{
    return (day - start + 7) % 7;
}

static gint cmp_entry(gconstpointer a, gconstpointer b, gpointer ctx)
{
    const struct sp_entry *x = a, *y = b;
    int start = *(const int *)ctx;
    int c;

    if (day_rank(x->day, start) != day_rank(y->day, start))
        return day_rank(x->day, start) - day_rank(y->day, start);
    if (x->m->start_min != y->m->start_min)
        return x->m->start_min - y->m->start_min;
    c = strcmp(x->m->name, y->m->name);
    if (c)
        return c;
    return x->m->index < y->m->index ? -1 : x->m->index > y->m->index;  /* stable tiebreak */
}

size_t sp_compose_entries(const struct sp_compose_in *in, struct sp_entry **out)
{
    size_t n = 0, k = 0;
    struct sp_entry *v;
    int start;

    for (size_t i = 0; i < in->n; i++)
        n += (size_t)__builtin_popcount(in->meetings[i]->days & SP_ALL_DAYS);
    v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < in->n; i++)
        for (int d = 0; d < 7; d++)
            if (in->meetings[i]->days & SP_DAY_BIT(d)) {
                v[k].day = d;
                v[k].m = in->meetings[i];
                k++;
            }
    start = sp_compose_week_start(in);
    g_qsort_with_data(v, (gint)k, sizeof *v, cmp_entry, &start);
    *out = v;
    return k;
}

int sp_compose_week_start(const struct sp_compose_in *in)
{
    return in->start_day >= 0 && in->start_day < 7 ? in->start_day : 1;
}

/*
 * Everything a row prints: records that print the same merge.  Compared field by field
 * through the meeting (no key string a record: at 200,000 meetings the keys were the
 * largest thing a leaflet held, issue 16).
 */
#define ROW_TEXTS 17

static void row_texts(const struct sp_meeting *m, const char *f[ROW_TEXTS])
{
    const char *v[ROW_TEXTS] = {
        m->name, m->fellowship, m->venue, m->address, m->town, m->postcode,
        m->formatted_address, m->region, m->sub_region, m->location_notes, m->url,
        m->phone, m->meeting_id, m->passcode, m->notes, m->timezone, m->group
    };
    memcpy(f, v, sizeof v);
}

static guint row_hash(gconstpointer p)
{
    const struct sp_meeting *m = p;
    const char *f[ROW_TEXTS];
    guint h = (guint)m->start_min * 31u + (guint)m->end_min;

    row_texts(m, f);
    for (size_t i = 0; i < ROW_TEXTS; i++)
        h = h * 33u + (f[i] ? g_str_hash(f[i]) : 1u);  /* NULL differs from any text */
    h = h * 33u + (guint)m->attendance * 7u + m->weeks * 3u + (guint)m->url_is_http;
    for (size_t i = 0; i < m->ntypes; i++)
        h = h * 33u + g_str_hash(m->types[i].code);
    return h;
}

static gboolean row_equal(gconstpointer a, gconstpointer b)
{
    const struct sp_meeting *x = a, *y = b;
    const char *fx[ROW_TEXTS], *fy[ROW_TEXTS];

    if (x->start_min != y->start_min || x->end_min != y->end_min ||
        x->attendance != y->attendance || x->weeks != y->weeks ||
        x->url_is_http != y->url_is_http || x->ntypes != y->ntypes)
        return FALSE;
    row_texts(x, fx);
    row_texts(y, fy);
    for (size_t i = 0; i < ROW_TEXTS; i++)
        if (fx[i] != fy[i] && (!fx[i] || !fy[i] || strcmp(fx[i], fy[i])))
            return FALSE;
    for (size_t i = 0; i < x->ntypes; i++)
        if (strcmp(x->types[i].code, y->types[i].code))
            return FALSE;
    return TRUE;
}

static int first_day(unsigned days, int start)
{
    for (int i = 0; i < 7; i++)
        if (days & SP_DAY_BIT((start + i) % 7))
            return (start + i) % 7;
    return start;
}

static gint cmp_row(gconstpointer a, gconstpointer b, gpointer ctx)
{
    const struct sp_row *x = a, *y = b;
    int start = *(const int *)ctx;
    int c;

    if (day_rank(x->first_day, start) != day_rank(y->first_day, start))
        return day_rank(x->first_day, start) - day_rank(y->first_day, start);
    if (x->m->start_min != y->m->start_min)
        return x->m->start_min - y->m->start_min;
    c = strcmp(x->m->name, y->m->name);
    if (c)
        return c;
    return x->m->index < y->m->index ? -1 : x->m->index > y->m->index;  /* stable tiebreak */
}

size_t sp_compose_rows(const struct sp_compose_in *in, struct sp_arena *a,
                       struct sp_row **out)
{
    GHashTable *seen = g_hash_table_new(row_hash, row_equal);  /* meeting -> its row */
    struct sp_row *rows = sp_arena_alloc(a, (in->n ? in->n : 1) * sizeof *rows);
    size_t *count = xcalloc(in->n ? in->n : 1, sizeof *count);
    size_t *owner = xmalloc((in->n ? in->n : 1) * sizeof *owner);
    size_t nrows = 0;
    int start = sp_compose_week_start(in);

    /* pass 1: find each record's row (the first record with the same key) */
    for (size_t i = 0; i < in->n; i++) {
        gpointer key = (gpointer)in->meetings[i];
        gpointer found;
        if (g_hash_table_lookup_extended(seen, key, NULL, &found)) {
            owner[i] = GPOINTER_TO_SIZE(found);
        } else {
            owner[i] = nrows;
            rows[nrows].m = in->meetings[i];
            rows[nrows].days = 0;
            rows[nrows].nsame = 0;
            g_hash_table_insert(seen, key, GSIZE_TO_POINTER(nrows));
            nrows++;
        }
        count[owner[i]]++;
    }
    /* pass 2: collect the merged records and their days, in directory order */
    for (size_t r = 0; r < nrows; r++)
        rows[r].same = sp_arena_alloc(a, count[r] * sizeof *rows[r].same);
    for (size_t i = 0; i < in->n; i++) {
        struct sp_row *row = &rows[owner[i]];
        ((const struct sp_meeting **)row->same)[row->nsame++] = in->meetings[i];
        row->days |= in->meetings[i]->days & SP_ALL_DAYS;
    }
    for (size_t r = 0; r < nrows; r++)
        rows[r].first_day = first_day(rows[r].days, start);
    g_qsort_with_data(rows, (gint)nrows, sizeof *rows, cmp_row, &start);
    g_hash_table_destroy(seen);
    free(count);
    free(owner);
    *out = rows;
    return nrows;
}
