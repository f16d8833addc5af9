/*
 * pdf_a11y.c - add what cairo 1.16 cannot write to a tagged PDF, as an appended
 * incremental update (see STANDARDS.md "Tagged PDF with cairo 1.16"), and the page
 * /TrimBox and /BleedBox a print shop needs (issue 5).
 *
 * Owns: nothing after the call.  Must not: use cairo, read the model, read past len.
 * Objects are found through the classic xref chain (startxref, /Prev) and parsed with a
 * small bounded tokenizer; GLib does the UTF-8 repair and UTF-16 conversion.
 */
#include "pdf_a11y.h"

#include "../base/mem.h"

#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_DEPTH    32        /* nesting of arrays/dicts we accept */
#define MAX_OBJNUM   8388607   /* PDF implementation limit for object numbers */
#define MAX_SECTIONS 64        /* xref sections followed through /Prev */

/* ---- growable output buffer ---- */

struct buf {
    unsigned char *p;
    size_t n, cap;
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + n)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void buf_str(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void buf_printf(struct buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- tokenizer over pdf[0..len) ---- */

struct span {
    size_t start, end;  /* [start, end) */
};

struct lex {
    const unsigned char *p;
    size_t len, pos;
};

static int is_ws(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '/' || c == '%';
}

/* Skip white space and comments. */
static void skip_ws(struct lex *lx)
{
    while (lx->pos < lx->len) {
        unsigned char c = lx->p[lx->pos];
        if (is_ws(c)) {
            lx->pos++;
        } else if (c == '%') {
            while (lx->pos < lx->len && lx->p[lx->pos] != '\n' && lx->p[lx->pos] != '\r')
                lx->pos++;
        } else {
            break;
        }
    }
}

/* Regular token (number or keyword) at pos: end of it, or pos when there is none. */
static size_t regular_end(const struct lex *lx, size_t pos)
{
    while (pos < lx->len && !is_ws(lx->p[pos]) && !is_delim(lx->p[pos]))
        pos++;
    return pos;
}

/* Does the keyword kw stand at pos as a whole token? */
static int keyword_at(const struct lex *lx, size_t pos, const char *kw)
{
    size_t n = strlen(kw);
    return pos <= lx->len && lx->len - pos >= n && !memcmp(lx->p + pos, kw, n) &&
           regular_end(lx, pos) == pos + n;
}

/* Read an unsigned decimal of at most maxdigits digits at lx->pos; -1 if none. */
static int read_uint(struct lex *lx, int maxdigits, unsigned long long *v)
{
    size_t end = regular_end(lx, lx->pos);
    unsigned long long x = 0;

    if (end == lx->pos || end - lx->pos > (size_t)maxdigits)
        return -1;
    for (size_t i = lx->pos; i < end; i++) {
        if (lx->p[i] < '0' || lx->p[i] > '9')
            return -1;
        x = x * 10 + (unsigned)(lx->p[i] - '0');
    }
    lx->pos = end;
    *v = x;
    return 0;
}

/* End of "n g R" starting at pos (within lx->len), or 0 if there is none there. */
static size_t ref_end(const struct lex *lx, size_t pos, unsigned long long *num)
{
    struct lex t = *lx;
    unsigned long long n, g;

    t.pos = pos;
    if (read_uint(&t, 10, &n) || n > MAX_OBJNUM)
        return 0;
    skip_ws(&t);
    if (read_uint(&t, 5, &g))
        return 0;
    skip_ws(&t);
    if (!keyword_at(&t, t.pos, "R"))
        return 0;
    if (num)
        *num = n;
    return t.pos + 1;
}

static int parse_value(struct lex *lx, int depth, struct span *out);

struct kv {
    struct span key, val;
};

struct dict {
    struct kv *v;
    size_t n, cap;
};

/* After "<<": entries up to and including ">>", into d unless d is NULL. */
static int parse_dict_body(struct lex *lx, int depth, struct dict *d)
{
    for (;;) {
        struct kv e;
        skip_ws(lx);
        if (lx->pos >= lx->len)
            return -1;
        if (lx->p[lx->pos] == '>') {
            if (lx->pos + 1 < lx->len && lx->p[lx->pos + 1] == '>') {
                lx->pos += 2;
                return 0;
            }
            return -1;
        }
        if (lx->p[lx->pos] != '/')
            return -1;
        if (parse_value(lx, depth, &e.key))
            return -1;
        if (parse_value(lx, depth, &e.val))
            return -1;
        if (d) {
            if (d->n == d->cap) {
                d->cap = d->cap ? d->cap * 2 : 16;
                d->v = xrealloc(d->v, d->cap * sizeof *d->v);
            }
            d->v[d->n++] = e;
        }
    }
}

/* Parse one object (an indirect reference "n g R" counts as one) into *out. */
static int parse_value(struct lex *lx, int depth, struct span *out)
{
    unsigned char c;

    if (depth > MAX_DEPTH)
        return -1;
    skip_ws(lx);
    if (lx->pos >= lx->len)
        return -1;
    out->start = lx->pos;
    c = lx->p[lx->pos];
    if (c == '<' && lx->pos + 1 < lx->len && lx->p[lx->pos + 1] == '<') {
        lx->pos += 2;
        if (parse_dict_body(lx, depth + 1, NULL))
            return -1;
    } else if (c == '<') {
        lx->pos++;
        while (lx->pos < lx->len && lx->p[lx->pos] != '>')
            lx->pos++;
        if (lx->pos >= lx->len)
            return -1;
        lx->pos++;
    } else if (c == '(') {
        int nest = 0;
        for (;;) {
            if (lx->pos >= lx->len)
                return -1;
            c = lx->p[lx->pos++];
            if (c == '\\')
                lx->pos++;
            else if (c == '(')
                nest++;
            else if (c == ')' && --nest == 0)
                break;
        }
        if (lx->pos > lx->len)
            return -1;
    } else if (c == '[') {
        lx->pos++;
        for (;;) {
            struct span sub;
            skip_ws(lx);
            if (lx->pos >= lx->len)
                return -1;
            if (lx->p[lx->pos] == ']') {
                lx->pos++;
                break;
            }
            if (parse_value(lx, depth + 1, &sub))
                return -1;
        }
    } else if (c == '/') {
        lx->pos = regular_end(lx, lx->pos + 1);
    } else if (is_delim(c)) {
        return -1;  /* ')' '>' ']' '{' '}' out of place */
    } else {
        /* a regular token, or "n g R" which counts as one object */
        size_t end = ref_end(lx, lx->pos, NULL);
        lx->pos = end ? end : regular_end(lx, lx->pos);
    }
    out->end = lx->pos;
    return 0;
}

/* Parse a dictionary starting at lx->pos into d (emptied first). */
static int parse_dict(struct lex *lx, struct dict *d)
{
    d->n = 0;
    skip_ws(lx);
    if (lx->pos + 1 >= lx->len || lx->p[lx->pos] != '<' || lx->p[lx->pos + 1] != '<')
        return -1;
    lx->pos += 2;
    return parse_dict_body(lx, 1, d);
}

static int span_is(const unsigned char *p, struct span s, const char *text)
{
    size_t n = strlen(text);
    return s.end - s.start == n && !memcmp(p + s.start, text, n);
}

static const struct kv *dict_get(const unsigned char *p, const struct dict *d, const char *key)
{
    for (size_t i = 0; i < d->n; i++)
        if (span_is(p, d->v[i].key, key))
            return &d->v[i];
    return NULL;
}

/* Value of key is the name `name` (e.g. "/Page"). */
static int dict_name_is(const unsigned char *p, const struct dict *d, const char *key,
                        const char *name)
{
    const struct kv *e = dict_get(p, d, key);
    return e && span_is(p, e->val, name);
}

/* "n g R" value → object number; -1 if it is not (only) a reference. */
static long long ref_num(const unsigned char *p, struct span s)
{
    struct lex t = { p, s.end, s.start };
    unsigned long long n = 0;
    size_t end = ref_end(&t, s.start, &n);

    return end && end == s.end ? (long long)n : -1;
}

/* A plain PDF number ([+-] digits with at most one '.') at s; -1 if it is not one. */
static int span_number(const unsigned char *p, struct span s, double *v)
{
    char tmp[32], *end;
    size_t n = s.end - s.start, digits = 0, dots = 0;

    if (n == 0 || n >= sizeof tmp)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[s.start + i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == '.')
            dots++;
        else if (i > 0 || (c != '+' && c != '-'))
            return -1;
    }
    if (!digits || dots > 1)
        return -1;
    memcpy(tmp, p + s.start, n);
    tmp[n] = '\0';
    *v = g_ascii_strtod(tmp, &end);
    return end == tmp + n && isfinite(*v) ? 0 : -1;
}

/* An array of exactly 4 plain numbers at s (a rectangle) into r[0..3]. */
static int span_rect(const unsigned char *p, struct span s, double r[4])
{
    struct lex lx = { p, s.end, s.start };
    size_t n = 0;

    if (s.end - s.start < 2 || p[s.start] != '[' || p[s.end - 1] != ']')
        return -1;
    lx.pos++;
    lx.len--;
    for (;;) {
        struct span sub;
        skip_ws(&lx);
        if (lx.pos >= lx.len)
            break;
        if (n == 4 || parse_value(&lx, 1, &sub) || span_number(p, sub, &r[n]))
            return -1;
        n++;
    }
    return n == 4 ? 0 : -1;
}

/* ---- xref ---- */

struct xent {
    unsigned num, gen;
    size_t off;
    unsigned seq;  /* order of discovery: newest section first */
    int used;
};

struct xref {
    struct xent *v;
    size_t n, cap;
};

static int xent_cmp(const void *a, const void *b)
{
    const struct xent *x = a, *y = b;
    if (x->num != y->num)
        return x->num < y->num ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Find the last occurrence of a keyword in pdf; (size_t)-1 when absent. */
static size_t find_last(const unsigned char *p, size_t len, const char *kw)
{
    size_t n = strlen(kw);
    if (len < n)
        return (size_t)-1;
    for (size_t i = len - n + 1; i-- > 0;)
        if (!memcmp(p + i, kw, n))
            return i;
    return (size_t)-1;
}

/* Parse one xref table at off into x and its trailer dict into d. */
static int parse_xref_section(const unsigned char *p, size_t len, size_t off, unsigned *seq,
                              struct xref *x, struct dict *d, struct sp_error *err)
{
    struct lex lx = { p, len, off };

    if (!keyword_at(&lx, off, "xref"))
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: no 'xref' table at offset %zu", off);
    lx.pos += 4;
    for (;;) {
        unsigned long long first, count;
        skip_ws(&lx);
        if (keyword_at(&lx, lx.pos, "trailer"))
            break;
        if (read_uint(&lx, 7, &first) || (skip_ws(&lx), read_uint(&lx, 7, &count)) ||
            first + count > MAX_OBJNUM + 1ULL)
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "pdf update: bad 'xref' subsection at offset %zu", lx.pos);
        for (unsigned long long i = 0; i < count; i++) {
            unsigned long long o, g;
            struct xent e;
            skip_ws(&lx);
            if (read_uint(&lx, 10, &o) || (skip_ws(&lx), read_uint(&lx, 5, &g)) ||
                (skip_ws(&lx), lx.pos >= len) ||
                (lx.p[lx.pos] != 'n' && lx.p[lx.pos] != 'f') ||
                regular_end(&lx, lx.pos) != lx.pos + 1)
                return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                    "pdf update: bad 'xref' entry at offset %zu", lx.pos);
            e.num = (unsigned)(first + i);
            e.gen = (unsigned)g;
            e.off = (size_t)o;
            e.used = lx.p[lx.pos] == 'n';
            e.seq = (*seq)++;
            lx.pos++;
            if (x->n == x->cap) {
                x->cap = x->cap ? x->cap * 2 : 64;
                x->v = xrealloc(x->v, x->cap * sizeof *x->v);
            }
            x->v[x->n++] = e;
        }
    }
    lx.pos += 7;
    if (parse_dict(&lx, d))
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: no dictionary after 'trailer'");
    return 0;
}

static const struct xent *xref_find(const struct xref *x, unsigned num)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->v[mid].num < num)
            lo = mid + 1;
        else if (x->v[mid].num > num)
            hi = mid;
        else
            return x->v[mid].used ? &x->v[mid] : NULL;
    }
    return NULL;
}

/* Position lx at the value of object e ("N G obj" checked). */
static int object_open(const unsigned char *p, size_t len, const struct xent *e, struct lex *lx,
                       struct sp_error *err)
{
    unsigned long long n, g;

    lx->p = p;
    lx->len = len;
    lx->pos = e->off;
    if (e->off < len) {
        skip_ws(lx);
        if (!read_uint(lx, 10, &n) && n == e->num && (skip_ws(lx), !read_uint(lx, 5, &g)) &&
            g == e->gen && (skip_ws(lx), keyword_at(lx, lx->pos, "obj"))) {
            lx->pos += 3;
            return 0;
        }
    }
    return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                        "pdf update: no '%u %u obj' at offset %zu", e->num, e->gen, e->off);
}

/* ---- string writers ---- */

/* UTF-8 (repaired if invalid) as a PDF text string: literal if ASCII, else <FEFF...>. */
static void put_pdf_text(struct buf *b, const char *s)
{
    int ascii = 1;
    for (const unsigned char *q = (const unsigned char *)s; *q; q++)
        if (*q >= 0x80)
            ascii = 0;
    if (ascii) {
        buf_str(b, "(");
        for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
            if (*q == '(' || *q == ')' || *q == '\\')
                buf_printf(b, "\\%c", *q);
            else if (*q < 0x20 || *q == 0x7f)
                buf_printf(b, "\\%03o", *q);
            else
                buf_add(b, q, 1);
        }
        buf_str(b, ")");
    } else {
        gchar *valid = g_utf8_make_valid(s, -1);
        glong n = 0;
        gunichar2 *u = g_utf8_to_utf16(valid, -1, NULL, &n, NULL);
        buf_str(b, "<FEFF");
        for (glong i = 0; u && i < n; i++)
            buf_printf(b, "%04X", (unsigned)u[i]);
        buf_str(b, ">");
        g_free(u);
        g_free(valid);
    }
}

/* A number in the C locale, 4 decimals at most, no trailing zeros: 8.5, 251.15, 0. */
static void put_number(struct buf *b, double v)
{
    char tmp[64];
    size_t n;

    g_ascii_formatd(tmp, sizeof tmp, "%.4f", v);
    n = strlen(tmp);
    if (memchr(tmp, '.', n)) {
        while (n > 0 && tmp[n - 1] == '0')
            n--;
        if (n > 0 && tmp[n - 1] == '.')
            n--;
    }
    tmp[n] = '\0';
    buf_str(b, strcmp(tmp, "-0") ? tmp : "0");
}

/* "[a b c d]" */
static void put_rect(struct buf *b, double x0, double y0, double x1, double y1)
{
    buf_str(b, "[");
    put_number(b, x0);
    buf_str(b, " ");
    put_number(b, y0);
    buf_str(b, " ");
    put_number(b, x1);
    buf_str(b, " ");
    put_number(b, y1);
    buf_str(b, "]");
}

/* UTF-8 (repaired) with XML escaping; characters XML 1.0 forbids become spaces. */
static void put_xml_text(struct buf *b, const char *s)
{
    gchar *valid = g_utf8_make_valid(s, -1);
    for (const unsigned char *q = (const unsigned char *)valid; *q; q++) {
        switch (*q) {
        case '&': buf_str(b, "&amp;"); break;
        case '<': buf_str(b, "&lt;"); break;
        case '>': buf_str(b, "&gt;"); break;
        case '"': buf_str(b, "&quot;"); break;
        case '\'': buf_str(b, "&apos;"); break;
        default:
            if (*q < 0x20 && *q != '\t' && *q != '\n' && *q != '\r')
                buf_str(b, " ");
            else
                buf_add(b, q, 1);
        }
    }
    g_free(valid);
}

static void build_xmp(struct buf *b, const struct sp_pdf_a11y *info)
{
    buf_str(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
               "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
               " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
               "  <rdf:Description rdf:about=\"\"\n"
               "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
               "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
               "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
               "   <dc:format>application/pdf</dc:format>\n");
    if (info->title) {
        buf_str(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml_text(b, info->title);
        buf_str(b, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (info->author) {
        buf_str(b, "   <dc:creator><rdf:Seq><rdf:li>");
        put_xml_text(b, info->author);
        buf_str(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (info->subject) {
        buf_str(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml_text(b, info->subject);
        buf_str(b, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    if (info->lang) {
        buf_str(b, "   <dc:language><rdf:Bag><rdf:li>");
        put_xml_text(b, info->lang);
        buf_str(b, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (info->creator_tool) {
        buf_str(b, "   <xmp:CreatorTool>");
        put_xml_text(b, info->creator_tool);
        buf_str(b, "</xmp:CreatorTool>\n");
    }
    if (info->date_iso) {
        buf_str(b, "   <xmp:CreateDate>");
        put_xml_text(b, info->date_iso);
        buf_str(b, "</xmp:CreateDate>\n   <xmp:ModifyDate>");
        put_xml_text(b, info->date_iso);
        buf_str(b, "</xmp:ModifyDate>\n");
    }
    buf_str(b, "   <pdfuaid:part>1</pdfuaid:part>\n"
               "  </rdf:Description>\n"
               " </rdf:RDF>\n"
               "</x:xmpmeta>\n"
               "<?xpacket end=\"w\"?>");
}

/* ---- the update ---- */

/* One object to re-emit: the original entry plus the keys to set (replacing old ones). */
struct change {
    const struct xent *e;
    const char *lang;        /* catalog /Lang or StructElem /Lang, or NULL */
    const char *alt;         /* StructElem /Alt, or NULL */
    const char *contents;    /* Link /Contents, or NULL */
    double bleed;            /* > 0: page /TrimBox and /BleedBox from its /MediaBox */
    int catalog, tabs;
};

struct found {
    const struct xent **v;
    size_t n, cap;
};

static void found_add(struct found *f, const struct xent *e)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n++] = e;
}

static struct change *change_for(struct change *ch, size_t *nch, const struct xent *e)
{
    for (size_t i = 0; i < *nch; i++)
        if (ch[i].e == e)
            return &ch[i];
    memset(&ch[*nch], 0, sizeof ch[*nch]);
    ch[*nch].e = e;
    return &ch[(*nch)++];
}

static int change_cmp(const void *a, const void *b)
{
    const struct change *x = a, *y = b;
    return x->e->num < y->e->num ? -1 : x->e->num > y->e->num;
}

/* Keys this change sets: existing entries with these keys are dropped. */
static int key_replaced(const unsigned char *p, struct span key, const struct change *c)
{
    if (c->catalog && (span_is(p, key, "/ViewerPreferences") || span_is(p, key, "/Metadata")))
        return 1;
    if (c->lang && span_is(p, key, "/Lang"))
        return 1;
    if (c->alt && span_is(p, key, "/Alt"))
        return 1;
    if (c->contents && span_is(p, key, "/Contents"))
        return 1;
    if (c->bleed > 0 && (span_is(p, key, "/TrimBox") || span_is(p, key, "/BleedBox")))
        return 1;
    return c->tabs && span_is(p, key, "/Tabs");
}

static int emit_change(struct buf *b, const unsigned char *p, size_t len, const struct change *c,
                       unsigned xmp_num, struct dict *d, struct sp_error *err)
{
    struct lex lx;
    double r[4] = { 0, 0, 0, 0 };
    struct span media = { 0, 0 };

    if (object_open(p, len, c->e, &lx, err))
        return -1;
    if (parse_dict(&lx, d))
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: object '%u %u obj' is not a dictionary",
                            c->e->num, c->e->gen);
    if (c->bleed > 0) {
        /* the media box, normalised to lower-left, upper-right */
        const struct kv *mb = dict_get(p, d, "/MediaBox");
        char bl[64];

        if (!mb || span_rect(p, mb->val, r))
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "pdf update: page '%u %u obj' has no '/MediaBox' of 4 numbers",
                                c->e->num, c->e->gen);
        media = mb->val;
        if (r[0] > r[2]) {
            double t = r[0];
            r[0] = r[2];
            r[2] = t;
        }
        if (r[1] > r[3]) {
            double t = r[1];
            r[1] = r[3];
            r[3] = t;
        }
        if (!(r[2] - r[0] > 2 * c->bleed && r[3] - r[1] > 2 * c->bleed)) {
            g_ascii_formatd(bl, sizeof bl, "%.2f", c->bleed);
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "pdf update: page '%u %u obj' is too small for a %s pt bleed",
                                c->e->num, c->e->gen, bl);
        }
    }
    buf_printf(b, "%u %u obj\n<<", c->e->num, c->e->gen);
    for (size_t i = 0; i < d->n; i++) {
        if (key_replaced(p, d->v[i].key, c))
            continue;
        buf_str(b, "\n   ");
        buf_add(b, p + d->v[i].key.start, d->v[i].key.end - d->v[i].key.start);
        buf_str(b, " ");
        buf_add(b, p + d->v[i].val.start, d->v[i].val.end - d->v[i].val.start);
    }
    if (c->lang) {
        buf_str(b, "\n   /Lang ");
        put_pdf_text(b, c->lang);
    }
    if (c->catalog) {
        buf_str(b, "\n   /ViewerPreferences << /DisplayDocTitle true >>");
        buf_printf(b, "\n   /Metadata %u 0 R", xmp_num);
    }
    if (c->tabs)
        buf_str(b, "\n   /Tabs /S");
    if (c->bleed > 0) {
        buf_str(b, "\n   /TrimBox ");
        put_rect(b, r[0] + c->bleed, r[1] + c->bleed, r[2] - c->bleed, r[3] - c->bleed);
        buf_str(b, "\n   /BleedBox ");  /* the media box as written: equal, not rounded */
        buf_add(b, p + media.start, media.end - media.start);
    }
    if (c->contents) {
        buf_str(b, "\n   /Contents ");
        put_pdf_text(b, c->contents);
    }
    if (c->alt) {
        buf_str(b, "\n   /Alt ");
        put_pdf_text(b, c->alt);
    }
    buf_str(b, "\n>>\nendobj\n");
    return 0;
}

struct state {
    struct xref x;
    struct dict d, trailer;
    struct found pages, allpages, links, elems, figures;
    struct change *ch;
    struct buf out, xmp;
    size_t *offs;
};

static void state_release(struct state *s)
{
    free(s->x.v);
    free(s->d.v);
    free(s->trailer.v);
    free(s->pages.v);
    free(s->allpages.v);
    free(s->links.v);
    free(s->elems.v);
    free(s->figures.v);
    free(s->ch);
    free(s->out.p);
    free(s->xmp.p);
    free(s->offs);
}

/* Read startxref and the xref chain into s->x (sorted, newest entry per object). */
static int read_xref(const unsigned char *pdf, size_t len, struct state *s, size_t *startxref,
                     struct sp_error *err)
{
    size_t pos = find_last(pdf, len, "startxref"), off, seen[MAX_SECTIONS];
    unsigned long long v;
    unsigned seq = 0;
    struct lex lx = { pdf, len, 0 };
    size_t w = 0;

    if (pos == (size_t)-1)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: no 'startxref' found");
    lx.pos = pos + 9;
    skip_ws(&lx);
    if (read_uint(&lx, 10, &v))
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: no offset after 'startxref'");
    if (v >= len)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: 'startxref' offset %llu is past the end", v);
    *startxref = off = (size_t)v;
    for (size_t nsec = 0;; nsec++) {
        struct dict *d = nsec ? &s->d : &s->trailer;
        const struct kv *prev;
        unsigned long long pv;

        if (nsec == MAX_SECTIONS)
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "pdf update: too many 'xref' sections");
        for (size_t i = 0; i < nsec; i++)
            if (seen[i] == off)
                return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                    "pdf update: 'xref' sections form a loop");
        seen[nsec] = off;
        if (parse_xref_section(pdf, len, off, &seq, &s->x, d, err))
            return -1;
        prev = dict_get(pdf, d, "/Prev");
        if (!prev)
            break;
        lx.pos = prev->val.start;
        lx.len = prev->val.end;
        if (read_uint(&lx, 10, &pv) || pv >= len)
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "pdf update: bad '/Prev' in trailer");
        lx.len = len;
        off = (size_t)pv;
    }
    /* keep the newest entry of each object number */
    if (s->x.n)
        qsort(s->x.v, s->x.n, sizeof *s->x.v, xent_cmp);
    for (size_t r = 0; r < s->x.n; r++)
        if (!w || s->x.v[w - 1].num != s->x.v[r].num)
            s->x.v[w++] = s->x.v[r];
    s->x.n = w;
    return 0;
}

/* Sort the objects of interest: Pages (all, and those with /Annots), Links, StructElems,
 * Figures. */
static int classify(const unsigned char *pdf, size_t len, struct state *s, struct sp_error *err)
{
    for (size_t i = 0; i < s->x.n; i++) {
        const struct xent *e = &s->x.v[i];
        struct lex lx;

        if (!e->used)
            continue;
        if (object_open(pdf, len, e, &lx, err))
            return -1;
        skip_ws(&lx);
        if (lx.pos + 1 >= len || pdf[lx.pos] != '<' || pdf[lx.pos + 1] != '<')
            continue;
        if (parse_dict(&lx, &s->d))
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "pdf update: bad dictionary in object '%u %u obj'",
                                e->num, e->gen);
        skip_ws(&lx);
        if (keyword_at(&lx, lx.pos, "stream"))
            continue;
        if (dict_name_is(pdf, &s->d, "/Type", "/Page")) {
            found_add(&s->allpages, e);
            if (dict_get(pdf, &s->d, "/Annots"))
                found_add(&s->pages, e);
        }
        if (dict_name_is(pdf, &s->d, "/Subtype", "/Link"))
            found_add(&s->links, e);
        if (dict_name_is(pdf, &s->d, "/Type", "/StructElem")) {
            found_add(&s->elems, e);
            if (dict_name_is(pdf, &s->d, "/S", "/Figure"))
                found_add(&s->figures, e);
        }
    }
    return 0;
}

int sp_pdf_a11y_update(const unsigned char *pdf, size_t len, const struct sp_pdf_a11y *info,
                       unsigned char **out, size_t *outlen, struct sp_error *err)
{
    struct state s;
    size_t startxref = 0, nch = 0, xref_at;
    const struct kv *size_kv, *root_kv, *info_kv, *id_kv;
    const struct xent *root;
    unsigned long long size;
    unsigned xmp_num;
    long long rootnum;
    int rc = -1;

    *out = NULL;
    *outlen = 0;
    memset(&s, 0, sizeof s);
    if (!info)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "pdf update: no info given");
    if (!isfinite(info->bleed) || info->bleed < 0)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: bleed must be a number >= 0");
    if (!pdf || len < 5 || memcmp(pdf, "%PDF-", 5))
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "pdf update: no '%%PDF-' header found");

    /* 1. startxref, the xref chain and the newest trailer */
    if (read_xref(pdf, len, &s, &startxref, err))
        goto done;
    size_kv = dict_get(pdf, &s.trailer, "/Size");
    root_kv = dict_get(pdf, &s.trailer, "/Root");
    info_kv = dict_get(pdf, &s.trailer, "/Info");
    id_kv = dict_get(pdf, &s.trailer, "/ID");
    {
        struct lex lx = { pdf, size_kv ? size_kv->val.end : 0, size_kv ? size_kv->val.start : 0 };
        if (!size_kv || read_uint(&lx, 7, &size) || size == 0 || size > MAX_OBJNUM) {
            sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                         "pdf update: no '/Size' in trailer");
            goto done;
        }
    }
    rootnum = root_kv ? ref_num(pdf, root_kv->val) : -1;
    if (rootnum < 0) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "pdf update: no '/Root' in trailer");
        goto done;
    }
    if (info_kv && ref_num(pdf, info_kv->val) < 0)
        info_kv = NULL;
    root = xref_find(&s.x, (unsigned)rootnum);
    if (!root) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                     "pdf update: no catalog object '%lld' in 'xref'", rootnum);
        goto done;
    }
    /* a malformed xref may use numbers past /Size: never reuse one */
    if (s.x.n && s.x.v[s.x.n - 1].num >= size)
        size = s.x.v[s.x.n - 1].num + 1ULL;
    xmp_num = (unsigned)size;

    /* 2. find pages (with annotations), links, structure elements, figures */
    if (classify(pdf, len, &s, err))
        goto done;
    if (s.figures.n != info->nfigures) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                     "pdf update: %zu '/Figure' elements but %zu alt texts",
                     s.figures.n, info->nfigures);
        goto done;
    }
    if (s.links.n != info->nlinks) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                     "pdf update: %zu '/Link' annotations but %zu link texts",
                     s.links.n, info->nlinks);
        goto done;
    }
    if (info->elem_langs && info->nelem_langs > s.elems.n) {
        sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                     "pdf update: %zu '/StructElem' objects but %zu languages",
                     s.elems.n, info->nelem_langs);
        goto done;
    }

    /* 3. what to change in which object (an object may get several keys) */
    s.ch = xcalloc(1 + s.pages.n + s.allpages.n + s.links.n + s.elems.n, sizeof *s.ch);
    {
        struct change *c = change_for(s.ch, &nch, root);
        c->catalog = 1;
        c->lang = info->lang;
    }
    for (size_t i = 0; i < s.pages.n; i++)
        change_for(s.ch, &nch, s.pages.v[i])->tabs = 1;
    for (size_t i = 0; info->bleed > 0 && i < s.allpages.n; i++)
        change_for(s.ch, &nch, s.allpages.v[i])->bleed = info->bleed;
    for (size_t i = 0; i < s.links.n; i++)
        if (info->link_contents && info->link_contents[i])
            change_for(s.ch, &nch, s.links.v[i])->contents = info->link_contents[i];
    for (size_t i = 0; i < s.figures.n; i++)
        if (info->figure_alts && info->figure_alts[i])
            change_for(s.ch, &nch, s.figures.v[i])->alt = info->figure_alts[i];
    for (size_t i = 0; info->elem_langs && i < info->nelem_langs; i++)
        if (info->elem_langs[i])
            change_for(s.ch, &nch, s.elems.v[i])->lang = info->elem_langs[i];
    qsort(s.ch, nch, sizeof *s.ch, change_cmp);

    /* 4. the objects, then the XMP stream, each offset recorded for the xref */
    s.offs = xcalloc(nch + 1, sizeof *s.offs);
    if (len && pdf[len - 1] != '\n' && pdf[len - 1] != '\r')
        buf_str(&s.out, "\n");
    for (size_t i = 0; i < nch; i++) {
        s.offs[i] = len + s.out.n;
        if (emit_change(&s.out, pdf, len, &s.ch[i], xmp_num, &s.d, err))
            goto done;
    }
    build_xmp(&s.xmp, info);
    s.offs[nch] = len + s.out.n;
    buf_printf(&s.out, "%u 0 obj\n<< /Type /Metadata\n   /Subtype /XML\n   /Length %zu\n>>\n"
               "stream\n", xmp_num, s.xmp.n);
    buf_add(&s.out, s.xmp.p, s.xmp.n);
    buf_str(&s.out, "\nendstream\nendobj\n");

    /* 5. xref with one subsection per object, trailer, startxref */
    xref_at = len + s.out.n;
    buf_str(&s.out, "xref\n");
    for (size_t i = 0; i < nch; i++)
        buf_printf(&s.out, "%u 1\n%010zu %05u n \n", s.ch[i].e->num, s.offs[i], s.ch[i].e->gen);
    buf_printf(&s.out, "%u 1\n%010zu 00000 n \n", xmp_num, s.offs[nch]);
    buf_printf(&s.out, "trailer\n<< /Size %llu\n   /Root ", size + 1);
    buf_add(&s.out, pdf + root_kv->val.start, root_kv->val.end - root_kv->val.start);
    if (info_kv) {
        buf_str(&s.out, "\n   /Info ");
        buf_add(&s.out, pdf + info_kv->val.start, info_kv->val.end - info_kv->val.start);
    }
    if (id_kv) {
        buf_str(&s.out, "\n   /ID ");
        buf_add(&s.out, pdf + id_kv->val.start, id_kv->val.end - id_kv->val.start);
    }
    buf_printf(&s.out, "\n   /Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n", startxref, xref_at);

    *out = s.out.p;
    *outlen = s.out.n;
    s.out.p = NULL;
    rc = 0;
done:
    state_release(&s);
    return rc;
}
