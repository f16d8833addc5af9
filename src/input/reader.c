/*
 * reader.c - helpers the three readers share: cleaning a field into the arena with its
 * repairs reported, saying which record a message is about, and adding type codes.
 *
 * Owns: nothing beyond the call.  Must not: print, or know any one input format.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "normalize.h"
#include "readers.h"
#include "types.h"

#define DROP_STEP (4u << 20)  /* give pages back 4 MB at a time */

void sp_reader_done_before(struct sp_reader *r, size_t offset)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), upto;

    if (!r->map || offset > r->len)
        return;
    upto = (size_t)(r->data + offset - r->map) / page * page;
    if (upto < r->map_dropped + DROP_STEP)
        return;
    /* a private read-only mapping: dropped pages are read from the file again if touched */
    (void)madvise((void *)(r->map + r->map_dropped), upto - r->map_dropped, MADV_DONTNEED);
    r->map_dropped = upto;
}

void sp_text_position(const char *data, size_t len, size_t offset, int *line, int *col)
{
    int l = 1;
    size_t bol = 0;

    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++)
        if (data[i] == '\n') {
            l++;
            bol = i + 1;
        }
    *line = l;
    /* columns count characters, not bytes */
    *col = 1 + (int)g_utf8_strlen(data + bol, (gssize)(offset - bol));
}

void sp_raw_begin(struct sp_reader *r, struct sp_raw *raw, int line, int col, int record)
{
    memset(raw, 0, sizeof *raw);
    raw->line = line;
    raw->col = col;
    raw->record = record;
    raw->duration_min = -1;
    raw->diag_start = r->diag->n;
    if (col < 0) {
        raw->offset = r->rec_offset;
        raw->bol = r->rec_bol;
    }
}

/* The column of data[off] on the line starting at bol, counted on from the last one asked
   for (records are read in order), so a whole feed on one line is counted once. */
static int column_of(struct sp_reader *r, size_t bol, size_t off)
{
    if (r->col_at < bol || r->col_at > off || !r->col_of) {
        r->col_at = bol;
        r->col_of = 1;
    }
    r->col_of += (int)g_utf8_strlen(r->data + r->col_at, (gssize)(off - r->col_at));
    r->col_at = off;
    return r->col_of;
}

const char *sp_reader_qname(struct sp_reader *r, const char *name)
{
    size_t n = strlen(name);
    if (n <= 60)
        return name;
    const char *end = g_utf8_find_prev_char(name, name + 61);
    if (!end)
        end = name;
    return sp_arena_printf(&r->scratch, "%.*s...", (int)(end - name), name);
}

const char *sp_reader_subject(struct sp_reader *r, const struct sp_raw *raw, bool named)
{
    if (raw->col != 0) {
        const char *id = raw->slug ? raw->slug : raw->name;
        if (id)
            return sp_arena_printf(&r->scratch, "%s %d ('%s')", r->label, raw->record,
                                   sp_reader_qname(r, id));
    } else if (named && raw->name) {
        return sp_arena_printf(&r->scratch, "meeting '%s'", sp_reader_qname(r, raw->name));
    }
    return sp_arena_printf(&r->scratch, "%s %d", r->label, raw->record);
}

void sp_reader_report(struct sp_reader *r, const struct sp_raw *raw, enum sp_severity sev,
                      const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sp_diag_add(r->diag, sev, r->file, raw->line,
                raw->col < 0 ? column_of(r, raw->bol, raw->offset) : raw->col, "%s", msg);
}

const char *sp_reader_text(struct sp_reader *r, const struct sp_raw *raw, const char *field,
                           const char *s, size_t len, unsigned flags)
{
    bool repaired = false;
    char *t;

    if (!s)
        return NULL;
    if (len > SP_FIELD_MAX) {
        const char *cut = g_utf8_find_prev_char(s, s + SP_FIELD_MAX + 1);
        sp_reader_report(r, raw, SP_WARNING, "%s: '%s' is %zu bytes long; cut to %d",
                         sp_reader_subject(r, raw, false), field, len, SP_FIELD_MAX);
        len = cut ? (size_t)(cut - s) : SP_FIELD_MAX;
    }
    if (s >= r->data && s + len <= r->data + r->len)
        flags |= SP_CLEAN_VALID;  /* read where it stands in the file, which was checked whole */
    if ((flags & SP_CLEAN_UNIQUE) || !r->texts) {
        t = sp_text_clean(r->arena, s, len, flags, &repaired);
    } else {
        /* cleaned in the record's scratch arena; kept once (issue 16: a compact model) */
        char *shared;
        t = sp_text_clean(&r->scratch, s, len, flags, &repaired);
        if (t && !(shared = g_hash_table_lookup(r->texts, t))) {
            shared = sp_arena_strdup(r->arena, t);
            g_hash_table_add(r->texts, shared);
        }
        if (t)
            t = shared;
    }
    if (repaired)
        sp_reader_report(r, raw, SP_WARNING, "%s: invalid UTF-8 in '%s' replaced with U+FFFD",
                         sp_reader_subject(r, raw, false), field);
    return t;
}

void sp_reader_add_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                        const char *label, const char *world_id, bool known)
{
    struct sp_type *t;

    for (size_t i = 0; i < raw->ntypes; i++)
        if (!strcmp(raw->types[i].code, code))
            return;  /* listed twice */
    if (raw->ntypes == raw->captypes) {
        size_t cap = raw->captypes ? raw->captypes * 2 : 8;
        /* in the record's scratch arena: append() keeps one copy per distinct list */
        struct sp_type *v = sp_arena_alloc(&r->scratch, cap * sizeof *v);
        if (raw->ntypes)
            memcpy(v, raw->types, raw->ntypes * sizeof *v);
        raw->types = v;
        raw->captypes = cap;
    }
    t = &raw->types[raw->ntypes++];
    t->code = code;
    t->label = label ? label : code;
    t->world_id = world_id;
    t->known = known;
}

void sp_reader_add_mg_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                           bool labels_ok)
{
    const char *fellowship = raw->fellowship ? raw->fellowship :
                             r->fellowship ? r->fellowship : r->default_fellowship;
    const char *canon = NULL, *label;
    char *c;

    c = sp_text_clean(&r->scratch, code, strlen(code), 0, NULL);  /* interned if kept */
    if (!c)
        return;
    label = sp_type_label(c, fellowship, &canon);
    if (!label && labels_ok) {
        const char *k = sp_type_code_for_label(c, fellowship);
        if (k)
            label = sp_type_label(k, fellowship, &canon);
    }
    if (!label) {
        if (strlen(c) <= 8 && !strchr(c, ' ')) {
            for (char *q = c; *q; q++)  /* codes are upper case: "zz" is "ZZ" */
                *q = g_ascii_toupper(*q);
        }
        /* a label such as "1st & 3rd" or "First Sunday" says which weeks it runs */
        unsigned weeks = sp_weeks_parse(c, true);
        raw->weeks |= weeks;
        if (!weeks)
            sp_reader_report(r, raw, SP_WARNING, "unknown type code '%s'",
                             sp_reader_qname(r, c));
        sp_reader_add_type(r, raw, c, c, NULL, false);
        return;
    }
    if (!strcmp(canon, "TC"))
        raw->closed = true;
    else if (!strcmp(canon, "ONL"))
        raw->online_format = true;
    else if (!strcmp(canon, "HY"))
        raw->hybrid_format = true;
    sp_reader_add_type(r, raw, canon, label, NULL, true);
}
