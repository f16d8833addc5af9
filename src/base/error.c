/*
 * error.c - error records, the diagnostics list, and their one-line text with control
 * characters escaped (nothing from a file name or argument can drive the terminal).
 */
#include "error.h"
#include "i18n.h"
#include "mem.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int sp_error_set(struct sp_error *err, enum sp_errcode code, const char *file,
                 int line, int col, const char *fmt, ...)
{
    va_list ap;

    if (!err || err->code != SP_OK)
        return -1;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, sp_msg(fmt), ap);  /* in the user's language */
    va_end(ap);
    return -1;
}

/* Is c a character that moves the terminal or reorders the text rather than showing? */
static int hidden_char(gunichar c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E ||
           c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Append s escaped to buf[*at..size); stops before an escape or character that would not
   fit whole.  Returns 0, or -1 when s was cut. */
static int put_escaped(char *buf, size_t size, size_t *at, const char *s)
{
    const char *p = s;

    while (p && *p) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        char tmp[16];
        size_t n;

        if (c == (gunichar)-1 || c == (gunichar)-2) {
            snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned char)*p);  /* not UTF-8 */
            n = 1;
        } else if (hidden_char(c)) {
            n = (size_t)(g_utf8_next_char(p) - p);
            if (c == '\n' || c == '\r' || c == '\t')
                snprintf(tmp, sizeof tmp, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
            else if (c < 0x80)
                snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)c);
            else
                snprintf(tmp, sizeof tmp, "\\u%04X", (unsigned)c);
        } else {
            n = (size_t)(g_utf8_next_char(p) - p);
            memcpy(tmp, p, n);
            tmp[n] = '\0';
        }
        if (*at + strlen(tmp) + 1 > size)
            return -1;
        memcpy(buf + *at, tmp, strlen(tmp) + 1);
        *at += strlen(tmp);
        p += n;
    }
    return 0;
}

size_t sp_error_escape(const char *s, char *buf, size_t size)
{
    size_t at = 0;

    if (!size)
        return 0;
    buf[0] = '\0';
    put_escaped(buf, size, &at, s);
    return at;
}

/* "file:line:col: " (escaped) + the escaped message + tail */
static void format_line(char *buf, size_t size, const char *file, int line, int col,
                        const char *label, const char *msg)
{
    size_t at = 0;
    char num[48];

    if (!size)
        return;
    buf[0] = '\0';
    if (file && *file) {
        if (line > 0 && col > 0)
            snprintf(num, sizeof num, ":%d:%d: ", line, col);
        else if (line > 0)
            snprintf(num, sizeof num, ":%d: ", line);
        else
            snprintf(num, sizeof num, ": ");
        if (put_escaped(buf, size, &at, file) || put_escaped(buf, size, &at, num))
            return;
    }
    if (label && put_escaped(buf, size, &at, label))
        return;
    put_escaped(buf, size, &at, msg);
}

void sp_error_format(const struct sp_error *err, char *buf, size_t size)
{
    format_line(buf, size, err->file, err->line, err->col, NULL, err->msg);
}

int sp_error_exit_status(enum sp_errcode code)
{
    switch (code) {
    case SP_OK:           return 0;
    case SP_ERR_INPUT:    return 1;
    case SP_ERR_USAGE:    return 2;
    case SP_ERR_IO:       return 3;
    case SP_ERR_RESOURCE: return 4;
    case SP_ERR_PARTIAL:  return 5;
    }
    return 4;
}

void sp_diag_init(struct sp_diag *d)
{
    memset(d, 0, sizeof *d);
}

void sp_diag_release(struct sp_diag *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

void sp_diag_add(struct sp_diag *d, enum sp_severity sev, const char *file, int line,
                 int col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    struct sp_diag_entry *e;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, sp_msg(fmt), ap);  /* in the user's language */
    va_end(ap);
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->v = xrealloc(d->v, d->cap * sizeof *d->v);
    }
    e = &d->v[d->n++];
    e->severity = sev;
    e->file = xstrdup(file ? file : "");
    e->line = line;
    e->col = col;
    e->msg = xstrdup(msg);
    e->meeting = -1;
    if (sev == SP_PROBLEM)
        d->nproblems++;
    else if (sev == SP_NOTE)
        d->nnotes++;
}

void sp_diag_format(const struct sp_diag_entry *e, char *buf, size_t size)
{
    format_line(buf, size, e->file, e->line, e->col,
                e->severity == SP_PROBLEM ? sp_msg("problem: ") :
                e->severity == SP_NOTE ? sp_msg("note: ") : sp_msg("warning: "), e->msg);
}

static void drop(struct sp_diag *d, struct sp_diag_entry *e)
{
    if (e->severity == SP_PROBLEM)
        d->nproblems--;
    else if (e->severity == SP_NOTE)
        d->nnotes--;
    free(e->file);
    free(e->msg);
}

size_t sp_diag_filter(struct sp_diag *d, size_t from,
                      int (*keep)(const struct sp_diag_entry *e, void *ctx), void *ctx)
{
    size_t w = from, removed = 0;

    for (size_t i = from; i < d->n; i++) {
        if (keep(&d->v[i], ctx)) {
            d->v[w++] = d->v[i];
        } else {
            drop(d, &d->v[i]);
            removed++;
        }
    }
    d->n = w;
    return removed;
}

void sp_diag_compact(struct sp_diag *d)
{
    GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    struct sp_diag_entry *kept = xmalloc((d->n ? d->n : 1) * sizeof *kept);
    size_t *count = xcalloc(d->n ? d->n : 1, sizeof *count);
    size_t nkept = 0;

    /* Step 1: the first of each message is kept and counts the others, which go */
    for (size_t i = 0; i < d->n; i++) {
        struct sp_diag_entry *e = &d->v[i];
        char *key = g_strdup_printf("%d\t%s\t%s", (int)e->severity, e->file, e->msg);
        gpointer at;
        if (g_hash_table_lookup_extended(first, key, NULL, &at)) {
            count[GPOINTER_TO_SIZE(at)]++;
            drop(d, e);
            g_free(key);
        } else {
            g_hash_table_insert(first, key, GSIZE_TO_POINTER(nkept));
            count[nkept] = 1;
            kept[nkept++] = *e;
        }
    }
    free(d->v);
    d->v = kept;
    d->n = nkept;
    d->cap = nkept ? nkept : 1;
    /* Step 2: say how often */
    for (size_t i = 0; i < d->n; i++)
        if (count[i] > 1) {
            char *m = g_strdup_printf(sp_msgn("%s (%zu time)", "%s (%zu times)", count[i]),
                                      d->v[i].msg, count[i]);
            free(d->v[i].msg);
            d->v[i].msg = xstrdup(m);
            g_free(m);
        }
    free(count);
    g_hash_table_destroy(first);
}
