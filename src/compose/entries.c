/*
 * entries.c - one entry per (day, meeting), sorted for reading.
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
    start = in->start_day >= 0 ? in->start_day : 1;
    g_qsort_with_data(v, (gint)k, sizeof *v, cmp_entry, &start);
    *out = v;
    return k;
}
