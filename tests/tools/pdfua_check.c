/*
 * pdfua_check.c - the machine-checkable part of PDF/UA-1 (ISO 14289-1, as the Matterhorn
 * Protocol and veraPDF's PDF/UA-1 profile list it) for signpost's tests, with signpost's
 * own rules added (prefix "sp-").  veraPDF is not packaged for Debian 12, so this is the
 * checker run over every output.  It has its own PDF reader and shares no code with the
 * writer it checks.  Rules and their sources: docs/standards.md "Checking PDF/UA".
 *
 *   pdfua_check [-q] FILE...     findings, one a line: "FILE: RULE: message"; -q prints
 *                                nothing for a file with no findings
 *   pdfua_check --text FILE      the text in structure order: "Type: text", one line per
 *                                element with content of its own (ActualText, ToUnicode)
 *   pdfua_check --tree FILE      the structure tree, indented, with pages and text
 *   pdfua_check --rules          the rules, one a line
 *
 * Exit status: 0 nothing found, 1 findings, 2 usage error or a file it cannot read.
 * Reads classic xref tables (with /Prev) and FlateDecode streams: what cairo writes.
 */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---- memory: one arena per file ---- */

static GPtrArray *arena;

static void *amalloc(size_t n)
{
    void *p = g_malloc0(n ? n : 1);
    g_ptr_array_add(arena, p);
    return p;
}

/* ---- objects ---- */

enum { O_NULL, O_BOOL, O_INT, O_REAL, O_STR, O_NAME, O_ARR, O_DICT, O_REF, O_STREAM };

typedef struct obj obj;
struct obj {
    int t;
    long long i;               /* INT, BOOL */
    double r;                  /* REAL (and INT) */
    unsigned char *s;          /* STR bytes, NAME (without '/'), NUL-terminated */
    size_t n;                  /* STR/NAME length */
    obj **a;                   /* ARR items, DICT values */
    char **k;                  /* DICT keys */
    size_t na;
    int num, gen;              /* REF target */
    obj *dict;                 /* STREAM: its dictionary */
    size_t data, len;          /* STREAM: raw data offset and length in the file */
};

static obj null_obj = { O_NULL, 0, 0, NULL, 0, NULL, NULL, 0, 0, 0, NULL, 0, 0 };

struct pdf {
    const char *path;
    unsigned char *b;
    size_t n;
    size_t *xoff;              /* by object number: offset + 1, 0 = none */
    size_t nx;
    obj **cache;
    unsigned char *loading;
    obj *trailer;
};

struct lx {
    const unsigned char *b;
    size_t n, i;
};

static int is_ws(unsigned char c)
{
    return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
}

static int is_delim(unsigned char c)
{
    return strchr("()<>[]{}/%", c) != NULL && c;
}

static void skip(struct lx *l)
{
    while (l->i < l->n) {
        if (is_ws(l->b[l->i]))
            l->i++;
        else if (l->b[l->i] == '%')
            while (l->i < l->n && l->b[l->i] != 10 && l->b[l->i] != 13)
                l->i++;
        else
            break;
    }
}

static size_t tok_end(const struct lx *l, size_t i)
{
    while (i < l->n && !is_ws(l->b[i]) && !is_delim(l->b[i]))
        i++;
    return i;
}

static int kw(const struct lx *l, const char *k)
{
    size_t n = strlen(k);
    return l->n - l->i >= n && !memcmp(l->b + l->i, k, n) && tok_end(l, l->i) == l->i + n;
}

static obj *new_obj(int t)
{
    obj *o = amalloc(sizeof *o);
    o->t = t;
    return o;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static obj *parse(struct lx *l, int depth);

/* A number, or "n g R". */
static obj *parse_number(struct lx *l)
{
    size_t e = tok_end(l, l->i);
    char tmp[64];
    obj *o;
    int real = 0;

    if (e - l->i >= sizeof tmp || e == l->i)
        return NULL;
    memcpy(tmp, l->b + l->i, e - l->i);
    tmp[e - l->i] = 0;
    for (char *c = tmp; *c; c++) {
        if (*c == '.')
            real = 1;
        else if (!g_ascii_isdigit(*c) && !(c == tmp && (*c == '-' || *c == '+')))
            return NULL;
    }
    l->i = e;
    if (!real) {
        /* "n g R"? */
        struct lx t = *l;
        size_t e2;
        skip(&t);
        e2 = tok_end(&t, t.i);
        if (e2 > t.i && e2 - t.i < 8 && strspn((const char *)t.b + t.i, "0123456789") >= e2 - t.i) {
            int gen = atoi((const char *)t.b + t.i);
            t.i = e2;
            skip(&t);
            if (kw(&t, "R")) {
                o = new_obj(O_REF);
                o->num = atoi(tmp);
                o->gen = gen;
                l->i = t.i + 1;
                return o;
            }
        }
        o = new_obj(O_INT);
        o->i = g_ascii_strtoll(tmp, NULL, 10);
        o->r = (double)o->i;
        return o;
    }
    o = new_obj(O_REAL);
    o->r = g_ascii_strtod(tmp, NULL);
    return o;
}

static obj *parse(struct lx *l, int depth)
{
    obj *o;
    unsigned char c;

    skip(l);
    if (l->i >= l->n || depth > 64)
        return NULL;
    c = l->b[l->i];
    if (c == '<' && l->i + 1 < l->n && l->b[l->i + 1] == '<') {
        GPtrArray *ks = g_ptr_array_new(), *vs = g_ptr_array_new();
        l->i += 2;
        for (;;) {
            obj *key, *val;
            skip(l);
            if (l->i + 1 < l->n && l->b[l->i] == '>' && l->b[l->i + 1] == '>') {
                l->i += 2;
                break;
            }
            key = parse(l, depth + 1);
            if (!key || key->t != O_NAME || !(val = parse(l, depth + 1))) {
                g_ptr_array_free(ks, TRUE);
                g_ptr_array_free(vs, TRUE);
                return NULL;
            }
            g_ptr_array_add(ks, key->s);
            g_ptr_array_add(vs, val);
        }
        o = new_obj(O_DICT);
        o->na = ks->len;
        o->k = amalloc(ks->len * sizeof *o->k);
        o->a = amalloc(vs->len * sizeof *o->a);
        if (ks->len) {
            memcpy(o->k, ks->pdata, ks->len * sizeof *o->k);
            memcpy(o->a, vs->pdata, vs->len * sizeof *o->a);
        }
        g_ptr_array_free(ks, TRUE);
        g_ptr_array_free(vs, TRUE);
        return o;
    }
    if (c == '<') {
        GByteArray *g = g_byte_array_new();
        int hi = -1;
        l->i++;
        while (l->i < l->n && l->b[l->i] != '>') {
            int v = hexval(l->b[l->i++]);
            if (v < 0)
                continue;
            if (hi < 0) {
                hi = v;
            } else {
                guint8 byte = (guint8)(hi * 16 + v);
                g_byte_array_append(g, &byte, 1);
                hi = -1;
            }
        }
        if (hi >= 0) {
            guint8 byte = (guint8)(hi * 16);
            g_byte_array_append(g, &byte, 1);
        }
        l->i++;
        o = new_obj(O_STR);
        o->n = g->len;
        o->s = amalloc(g->len + 1);
        if (g->len)
            memcpy(o->s, g->data, g->len);
        g_byte_array_free(g, TRUE);
        return o;
    }
    if (c == '(') {
        GByteArray *g = g_byte_array_new();
        int nest = 1;
        l->i++;
        while (l->i < l->n) {
            guint8 ch = l->b[l->i++];
            if (ch == '\\' && l->i < l->n) {
                guint8 e = l->b[l->i++];
                switch (e) {
                case 'n': ch = 10; break;
                case 'r': ch = 13; break;
                case 't': ch = 9; break;
                case 'b': ch = 8; break;
                case 'f': ch = 12; break;
                case 10: continue;
                case 13:
                    if (l->i < l->n && l->b[l->i] == 10)
                        l->i++;
                    continue;
                default:
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && l->i < l->n && l->b[l->i] >= '0' &&
                                        l->b[l->i] <= '7'; k++)
                            v = v * 8 + (l->b[l->i++] - '0');
                        ch = (guint8)v;
                    } else {
                        ch = e;
                    }
                }
            } else if (ch == '(') {
                nest++;
            } else if (ch == ')' && --nest == 0) {
                break;
            }
            g_byte_array_append(g, &ch, 1);
        }
        o = new_obj(O_STR);
        o->n = g->len;
        o->s = amalloc(g->len + 1);
        if (g->len)
            memcpy(o->s, g->data, g->len);
        g_byte_array_free(g, TRUE);
        return o;
    }
    if (c == '[') {
        GPtrArray *vs = g_ptr_array_new();
        l->i++;
        for (;;) {
            obj *v;
            skip(l);
            if (l->i < l->n && l->b[l->i] == ']') {
                l->i++;
                break;
            }
            if (!(v = parse(l, depth + 1))) {
                g_ptr_array_free(vs, TRUE);
                return NULL;
            }
            g_ptr_array_add(vs, v);
        }
        o = new_obj(O_ARR);
        o->na = vs->len;
        o->a = amalloc(vs->len * sizeof *o->a);
        if (vs->len)
            memcpy(o->a, vs->pdata, vs->len * sizeof *o->a);
        g_ptr_array_free(vs, TRUE);
        return o;
    }
    if (c == '/') {
        size_t e = tok_end(l, l->i + 1), w = 0;
        o = new_obj(O_NAME);
        o->s = amalloc(e - l->i);
        for (size_t j = l->i + 1; j < e; j++) {
            if (l->b[j] == '#' && j + 2 < e && hexval(l->b[j + 1]) >= 0 &&
                hexval(l->b[j + 2]) >= 0) {
                o->s[w++] = (unsigned char)(hexval(l->b[j + 1]) * 16 + hexval(l->b[j + 2]));
                j += 2;
            } else {
                o->s[w++] = l->b[j];
            }
        }
        o->n = w;
        l->i = e;
        return o;
    }
    if (kw(l, "true") || kw(l, "false")) {
        o = new_obj(O_BOOL);
        o->i = l->b[l->i] == 't';
        l->i = tok_end(l, l->i);
        return o;
    }
    if (kw(l, "null")) {
        l->i += 4;
        return &null_obj;
    }
    return parse_number(l);
}

/* ---- the file ---- */

static obj *load(struct pdf *d, int num);

static obj *res(struct pdf *d, obj *o)
{
    for (int k = 0; o && o->t == O_REF && k < 8; k++)
        o = load(d, o->num);
    return o && o->t != O_REF ? o : &null_obj;
}

static obj *get(struct pdf *d, obj *dict, const char *key)
{
    if (dict && dict->t == O_STREAM)
        dict = dict->dict;
    if (!dict || dict->t != O_DICT)
        return &null_obj;
    for (size_t i = 0; i < dict->na; i++)
        if (!strcmp(dict->k[i], key))
            return res(d, dict->a[i]);
    return &null_obj;
}

/* The unresolved value (a reference stays a reference). */
static obj *get_raw(obj *dict, const char *key)
{
    if (dict && dict->t == O_STREAM)
        dict = dict->dict;
    if (!dict || dict->t != O_DICT)
        return NULL;
    for (size_t i = 0; i < dict->na; i++)
        if (!strcmp(dict->k[i], key))
            return dict->a[i];
    return NULL;
}

static int is_name(obj *o, const char *n)
{
    return o && o->t == O_NAME && !strcmp((const char *)o->s, n);
}

static obj *load(struct pdf *d, int num)
{
    struct lx l;
    obj *o;

    if (num <= 0 || (size_t)num >= d->nx || !d->xoff[num])
        return &null_obj;
    if (d->cache[num])
        return d->cache[num];
    if (d->loading[num])
        return &null_obj;
    d->loading[num] = 1;
    l = (struct lx){ d->b, d->n, d->xoff[num] - 1 };
    skip(&l);
    l.i = tok_end(&l, l.i);  /* num */
    skip(&l);
    l.i = tok_end(&l, l.i);  /* gen */
    skip(&l);
    if (!kw(&l, "obj")) {
        d->loading[num] = 0;
        return &null_obj;
    }
    l.i += 3;
    o = parse(&l, 0);
    if (!o)
        o = &null_obj;
    skip(&l);
    if (o->t == O_DICT && kw(&l, "stream")) {
        obj *s = new_obj(O_STREAM), *len;
        l.i += 6;
        if (l.i < l.n && l.b[l.i] == 13)
            l.i++;
        if (l.i < l.n && l.b[l.i] == 10)
            l.i++;
        s->dict = o;
        s->data = l.i;
        d->cache[num] = s;  /* /Length may be a reference to a later object */
        len = get(d, o, "Length");
        s->len = len->t == O_INT && len->i >= 0 && (size_t)len->i <= d->n - l.i
                 ? (size_t)len->i : 0;
        o = s;
    }
    d->cache[num] = o;
    d->loading[num] = 0;
    return o;
}

static int read_xref(struct pdf *d)
{
    size_t off = 0, seen = 0;
    const unsigned char *p = NULL;

    for (size_t i = d->n >= 9 ? d->n - 9 : 0; i-- > 0 && i + 1030 > d->n;)
        if (!memcmp(d->b + i, "startxref", 9)) {
            p = d->b + i + 9;
            break;
        }
    if (!p)
        return -1;
    off = (size_t)strtoull((const char *)p, NULL, 10);
    d->nx = 16;
    d->xoff = g_malloc0(d->nx * sizeof *d->xoff);
    while (off && off < d->n && seen++ < 64) {
        struct lx l = { d->b, d->n, off };
        obj *tr, *prev;
        if (!kw(&l, "xref"))
            return -1;
        l.i += 4;
        for (;;) {
            long first, count;
            skip(&l);
            if (kw(&l, "trailer"))
                break;
            first = strtol((const char *)l.b + l.i, NULL, 10);
            l.i = tok_end(&l, l.i);
            skip(&l);
            count = strtol((const char *)l.b + l.i, NULL, 10);
            l.i = tok_end(&l, l.i);
            if (first < 0 || count < 0 || first + count > 8388608)
                return -1;
            if ((size_t)(first + count) > d->nx) {
                size_t nn = (size_t)(first + count) * 2;
                d->xoff = g_realloc(d->xoff, nn * sizeof *d->xoff);
                memset(d->xoff + d->nx, 0, (nn - d->nx) * sizeof *d->xoff);
                d->nx = nn;
            }
            for (long k = 0; k < count; k++) {
                size_t o, g;
                skip(&l);
                o = (size_t)strtoull((const char *)l.b + l.i, NULL, 10);
                l.i = tok_end(&l, l.i);
                skip(&l);
                g = (size_t)strtoull((const char *)l.b + l.i, NULL, 10);
                l.i = tok_end(&l, l.i);
                skip(&l);
                (void)g;
                if (l.i >= l.n)
                    return -1;
                /* the newest section wins: later (older) sections never overwrite */
                if (l.b[l.i] == 'n' && !d->xoff[first + k])
                    d->xoff[first + k] = o + 1;
                else if (l.b[l.i] == 'f' && !d->xoff[first + k])
                    d->xoff[first + k] = 0;
                l.i++;
            }
        }
        l.i += 7;
        tr = parse(&l, 0);
        if (!tr || tr->t != O_DICT)
            return -1;
        if (!d->trailer)
            d->trailer = tr;
        prev = get_raw(tr, "Prev");
        off = prev && prev->t == O_INT ? (size_t)prev->i : 0;
    }
    d->cache = g_malloc0(d->nx * sizeof *d->cache);
    d->loading = g_malloc0(d->nx);
    return d->trailer ? 0 : -1;
}

/* Decoded stream data (g_malloc'd), or NULL for a filter we do not read. */
static unsigned char *stream_data(struct pdf *d, obj *s, size_t *len)
{
    obj *f;
    unsigned char *out;

    *len = 0;
    if (!s || s->t != O_STREAM || s->data + s->len > d->n)
        return NULL;
    f = get(d, s, "Filter");
    if (f->t == O_ARR && f->na == 1)
        f = res(d, f->a[0]);
    if (f->t == O_NULL) {
        out = g_malloc(s->len + 1);
        memcpy(out, d->b + s->data, s->len);
        out[s->len] = 0;
        *len = s->len;
        return out;
    }
    if (is_name(f, "FlateDecode")) {
        z_stream z;
        size_t cap = s->len * 4 + 1024;
        int rc;
        memset(&z, 0, sizeof z);
        if (inflateInit(&z) != Z_OK)
            return NULL;
        out = g_malloc(cap);
        z.next_in = d->b + s->data;
        z.avail_in = (uInt)s->len;
        do {
            if (cap - *len < 4096) {
                cap *= 2;
                out = g_realloc(out, cap);
            }
            z.next_out = out + *len;
            z.avail_out = (uInt)(cap - *len - 1);
            rc = inflate(&z, Z_NO_FLUSH);
            *len = cap - 1 - z.avail_out;
        } while (rc == Z_OK);
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            g_free(out);
            *len = 0;
            return NULL;
        }
        out[*len] = 0;
        return out;
    }
    return NULL;
}

/* ---- findings ---- */

static const struct rule {
    const char *id;
    const char *what;
} rules[] = {
    { "7.1-untagged", "content neither marked as Artifact nor tagged (Matterhorn 01-005)" },
    { "7.1-artifact-in-tagged", "content marked as Artifact inside tagged content (01-003)" },
    { "7.1-tagged-in-artifact", "tagged content inside content marked as Artifact (01-004)" },
    { "7.1-marked", "catalog without /MarkInfo /Marked true, or /Suspects true" },
    { "7.1-struct-tree", "no structure tree, or an element whose /P is not its parent" },
    { "7.1-display-title", "no /ViewerPreferences /DisplayDocTitle true (07-001)" },
    { "7.1-metadata", "no XMP metadata with dc:title (06-001, 06-003)" },
    { "5-pdfuaid", "the XMP does not claim pdfuaid:part 1 (06-002)" },
    { "7.1-standard-type", "a structure type that is not standard nor role-mapped (02-001)" },
    { "mcid-content", "an MCID twice on a page, nested, or in no structure element" },
    { "mcid-elements", "an MCID referenced by two elements, or by one but not in the content" },
    { "parent-tree", "a parent tree entry missing or pointing to another element" },
    { "mc-balance", "BDC/BMC and EMC do not balance in a content stream" },
    { "7.2-lang", "no or an empty /Lang in the catalog, or a malformed /Lang anywhere" },
    { "7.2-list", "L, LI, Lbl, LBody out of their places (ISO 32000-1 table 333)" },
    { "7.3-figure-alt", "Figure without /Alt or /ActualText (13-004)" },
    { "7.4-headings", "first numbered heading not H1, or a level skipped (14-002, 14-003)" },
    { "7.18.1-annot", "annotation other than Link not in the structure tree" },
    { "7.18.3-tabs", "page with annotations without /Tabs /S" },
    { "7.18.5-link", "Link annotation not in a Link element (28-011), or without /Contents" },
    { "7.21.3.2-cidtogid", "CIDFontType2 without /CIDToGIDMap" },
    { "7.21.4.1-embedded", "font program not embedded" },
    { "7.21.7-tounicode", "font without /ToUnicode, or a code that maps to no Unicode outside "
                          "ActualText" },
    { "7.21.8-notdef", ".notdef glyph (code 0 of a CID font) shown" },
    { "pdf-date", "an Info date without the D: prefix (ISO 32000-1 7.9.4)" },
    { "sp-artifact-type", "Artifact without /Type Pagination|Layout|Page|Background" },
    { "sp-h1", "no H1 in the document" },
    { "sp-bookmarks", "more than one page and no bookmarks" },
    { "sp-reserved-type", "a Ruby/Warichu type: a reserved tag the PDF update did not turn" },
};

#define NRULES (sizeof rules / sizeof rules[0])

static const char *cur_path;
static int quiet;
static size_t counts[NRULES];
static GString *msgs[NRULES];  /* the first five messages of each rule */
static GString *report;

static void finding(const char *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void finding(const char *id, const char *fmt, ...)
{
    size_t r;
    va_list ap;

    for (r = 0; r < NRULES && strcmp(rules[r].id, id); r++)
        ;
    if (r == NRULES) {
        fprintf(stderr, "pdfua_check: unknown rule %s\n", id);
        abort();
    }
    if (counts[r]++ >= 5)
        return;  /* the first five of each rule, then a count */
    if (!msgs[r])
        msgs[r] = g_string_new(NULL);
    g_string_append_printf(msgs[r], "%s: %s: ", cur_path, id);
    va_start(ap, fmt);
    g_string_append_vprintf(msgs[r], fmt, ap);
    va_end(ap);
    g_string_append_c(msgs[r], '\n');
}

/* ---- fonts ---- */

struct font {
    int bytes;                 /* bytes per code: 2 for Type0, 1 for simple fonts */
    int type0, type3;
    GHashTable *map;           /* code -> UTF-8 (g_strdup) */
    char *name;
    size_t unmapped, notdef;
};

static GHashTable *fonts;      /* font object pointer -> struct font */

static void utf16_append(GString *g, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        gunichar u = (gunichar)(s[i] << 8 | s[i + 1]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
            gunichar lo = (gunichar)(s[i + 2] << 8 | s[i + 3]);
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        }
        g_string_append_unichar(g, u);
    }
}

static guint32 code_of(const unsigned char *s, size_t n)
{
    guint32 c = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        c = c << 8 | s[i];
    return c;
}

static void parse_cmap(struct font *f, const unsigned char *b, size_t n)
{
    struct lx l = { b, n, 0 };
    GPtrArray *ops = g_ptr_array_new();

    while (l.i < l.n) {
        obj *o;
        skip(&l);
        if (l.i >= l.n)
            break;
        if (kw(&l, "endbfchar")) {
            for (size_t i = 0; i + 1 < ops->len; i += 2) {
                obj *src = ops->pdata[i], *dst = ops->pdata[i + 1];
                GString *g = g_string_new(NULL);
                if (src->t == O_STR && dst->t == O_STR) {
                    utf16_append(g, dst->s, dst->n);
                    g_hash_table_insert(f->map, GUINT_TO_POINTER(code_of(src->s, src->n)),
                                        g_string_free(g, FALSE));
                } else {
                    g_string_free(g, TRUE);
                }
            }
            g_ptr_array_set_size(ops, 0);
            l.i += 9;
            continue;
        }
        if (kw(&l, "endbfrange")) {
            for (size_t i = 0; i + 2 < ops->len; i += 3) {
                obj *lo = ops->pdata[i], *hi = ops->pdata[i + 1], *dst = ops->pdata[i + 2];
                guint32 a, z;
                if (lo->t != O_STR || hi->t != O_STR)
                    continue;
                a = code_of(lo->s, lo->n);
                z = code_of(hi->s, hi->n);
                for (guint32 c = a; c <= z && c - a < 65536; c++) {
                    GString *g = g_string_new(NULL);
                    if (dst->t == O_STR && dst->n >= 2) {
                        unsigned char tmp[64];
                        size_t m = dst->n < sizeof tmp ? dst->n : sizeof tmp;
                        memcpy(tmp, dst->s, m);
                        tmp[m - 1] = (unsigned char)(tmp[m - 1] + (c - a));
                        utf16_append(g, tmp, m);
                    } else if (dst->t == O_ARR && c - a < dst->na && dst->a[c - a]->t == O_STR) {
                        utf16_append(g, dst->a[c - a]->s, dst->a[c - a]->n);
                    }
                    g_hash_table_insert(f->map, GUINT_TO_POINTER(c), g_string_free(g, FALSE));
                }
            }
            g_ptr_array_set_size(ops, 0);
            l.i += 10;
            continue;
        }
        if (kw(&l, "beginbfchar") || kw(&l, "beginbfrange")) {
            g_ptr_array_set_size(ops, 0);
            l.i = tok_end(&l, l.i);
            continue;
        }
        o = parse(&l, 0);
        if (o)
            g_ptr_array_add(ops, o);
        else
            l.i = tok_end(&l, l.i) > l.i ? tok_end(&l, l.i) : l.i + 1;
    }
    g_ptr_array_free(ops, TRUE);
}

static struct font *font_info(struct pdf *d, obj *fo)
{
    struct font *f = g_hash_table_lookup(fonts, fo);
    obj *desc, *sub, *tu;

    if (f)
        return f;
    f = g_malloc0(sizeof *f);
    g_hash_table_insert(fonts, fo, f);
    f->map = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    sub = get(d, fo, "Subtype");
    f->type0 = is_name(sub, "Type0");
    f->type3 = is_name(sub, "Type3");
    f->bytes = f->type0 ? 2 : 1;
    f->name = g_strdup(get(d, fo, "BaseFont")->t == O_NAME
                       ? (const char *)get(d, fo, "BaseFont")->s : "(unnamed)");
    desc = get(d, fo, "FontDescriptor");
    if (f->type0) {
        obj *df = get(d, fo, "DescendantFonts");
        obj *cid = df->t == O_ARR && df->na ? res(d, df->a[0]) : &null_obj;
        desc = get(d, cid, "FontDescriptor");
        if (is_name(get(d, cid, "Subtype"), "CIDFontType2") &&
            get(d, cid, "CIDToGIDMap")->t == O_NULL)
            finding("7.21.3.2-cidtogid", "font %s: CIDFontType2 without /CIDToGIDMap", f->name);
        if (!is_name(get(d, fo, "Encoding"), "Identity-H") &&
            !is_name(get(d, fo, "Encoding"), "Identity-V"))
            f->bytes = 2;  /* other CMaps: read as 2-byte codes (cairo writes Identity-H) */
    }
    if (!f->type3 && get(d, desc, "FontFile")->t == O_NULL &&
        get(d, desc, "FontFile2")->t == O_NULL && get(d, desc, "FontFile3")->t == O_NULL)
        finding("7.21.4.1-embedded", "font %s is not embedded", f->name);
    tu = get(d, fo, "ToUnicode");
    if (tu->t == O_STREAM) {
        size_t n;
        unsigned char *b = stream_data(d, tu, &n);
        if (b)
            parse_cmap(f, b, n);
        g_free(b);
    } else {
        finding("7.21.7-tounicode", "font %s has no /ToUnicode", f->name);
    }
    return f;
}

static void font_free(gpointer p)
{
    struct font *f = p;
    g_hash_table_destroy(f->map);
    g_free(f->name);
    g_free(f);
}

/* ---- content ---- */

struct mc {
    char *tag;
    long long mcid;            /* -1 none */
    int artifact;
    int actual;                /* this sequence carries /ActualText */
};

struct mcid_info {
    GString *text;
    int in_content;            /* times seen in the content */
    obj *elem;                 /* the element that references it */
    int refs;                  /* elements that reference it */
};

struct page {
    obj *dict;
    int num;                   /* object number */
    GHashTable *mcids;         /* mcid -> struct mcid_info */
};

struct doc {
    struct pdf *pdf;
    GPtrArray *pages;          /* struct page * */
    GHashTable *page_index;    /* object number -> index + 1 */
};

static struct mcid_info *mcid_get(struct page *pg, long long m)
{
    struct mcid_info *mi = g_hash_table_lookup(pg->mcids, GINT_TO_POINTER((int)m));
    if (!mi) {
        mi = g_malloc0(sizeof *mi);
        mi->text = g_string_new(NULL);
        g_hash_table_insert(pg->mcids, GINT_TO_POINTER((int)m), mi);
    }
    return mi;
}

static void mcid_free(gpointer p)
{
    struct mcid_info *mi = p;
    g_string_free(mi->text, TRUE);
    g_free(mi);
}

struct cstate {
    struct doc *dc;
    struct page *pg;
    size_t pgno;
    GArray *stack;             /* struct mc */
    int in_actual;             /* depth of ActualText sequences */
    struct font *font;
    int newline;               /* a line break before the next text */
};

static int painting(const char *op)
{
    static const char *const ops[] = { "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh",
                                       "Tj", "TJ", "'", "\"", NULL };
    for (const char *const *o = ops; *o; o++)
        if (!strcmp(op, *o))
            return 1;
    return 0;
}

/* The innermost marked sequence with an MCID, or NULL. */
static struct mc *cur_mcid(struct cstate *cs)
{
    for (guint i = cs->stack->len; i-- > 0;) {
        struct mc *m = &g_array_index(cs->stack, struct mc, i);
        if (m->mcid >= 0)
            return m;
    }
    return NULL;
}

static void check_paint(struct cstate *cs, const char *op)
{
    int tagged = 0, art = 0, art_inside = 0, tagged_inside = 0;

    for (guint i = 0; i < cs->stack->len; i++) {
        struct mc *m = &g_array_index(cs->stack, struct mc, i);
        if (m->artifact) {
            if (tagged)
                art_inside = 1;
            art = 1;
        }
        if (m->mcid >= 0) {
            if (art)
                tagged_inside = 1;
            tagged = 1;
        }
    }
    if (!tagged && !art)
        finding("7.1-untagged", "page %zu: '%s' outside tagged content and artifacts",
                cs->pgno + 1, op);
    if (art_inside)
        finding("7.1-artifact-in-tagged", "page %zu: '%s'", cs->pgno + 1, op);
    if (tagged_inside)
        finding("7.1-tagged-in-artifact", "page %zu: '%s'", cs->pgno + 1, op);
}

static void add_text(struct cstate *cs, const char *s)
{
    struct mc *m = cur_mcid(cs);
    struct mcid_info *mi;

    if (!m)
        return;
    mi = mcid_get(cs->pg, m->mcid);
    if (cs->newline && mi->text->len && mi->text->str[mi->text->len - 1] != ' ')
        g_string_append_c(mi->text, ' ');
    cs->newline = 0;
    g_string_append(mi->text, s);
}

static void show_string(struct cstate *cs, obj *s)
{
    struct font *f = cs->font;
    GString *g;

    if (!f || s->t != O_STR)
        return;
    g = g_string_new(NULL);
    for (size_t i = 0; i + (size_t)f->bytes <= s->n; i += (size_t)f->bytes) {
        guint32 c = code_of(s->s + i, (size_t)f->bytes);
        const char *u = g_hash_table_lookup(f->map, GUINT_TO_POINTER(c));
        if (f->type0 && c == 0)
            f->notdef++;
        if (cs->in_actual)
            continue;  /* the ActualText stands for these codes */
        if (!u || !*u || strstr(u, "\xEF\xBF\xBD"))  /* cairo maps what it cannot to U+FFFD */
            f->unmapped++;
        else
            g_string_append(g, u);
    }
    if (!cs->in_actual)
        add_text(cs, g->str);
    g_string_free(g, TRUE);
}

static void run_content(struct cstate *cs, struct pdf *d, const unsigned char *b, size_t n,
                        obj *resources, int depth);

static int lang_ok(obj *o)
{
    /* BCP 47, loosely: letters, then "-" subtags of letters or digits */
    size_t i = 0, k;
    if (!o || o->t != O_STR || !o->n)
        return 0;
    for (k = 0; i < o->n && g_ascii_isalpha(o->s[i]); i++, k++)
        ;
    if (k < 2 || k > 8)
        return 0;
    while (i < o->n && o->s[i] == '-') {
        for (i++, k = 0; i < o->n && g_ascii_isalnum(o->s[i]); i++, k++)
            ;
        if (!k || k > 8)
            return 0;
    }
    return i == o->n;
}

static void do_bdc(struct cstate *cs, struct pdf *d, obj *tag, obj *props, obj *resources)
{
    struct mc m = { NULL, -1, 0, 0 };

    m.tag = g_strdup(tag && tag->t == O_NAME ? (const char *)tag->s : "");
    if (props && props->t == O_NAME)
        props = get(d, get(d, resources, "Properties"), (const char *)props->s);
    if (!strcmp(m.tag, "Artifact")) {
        obj *ty = get(d, props, "Type"), *st = get(d, props, "Subtype");
        m.artifact = 1;
        if (!(is_name(ty, "Pagination") || is_name(ty, "Layout") || is_name(ty, "Page") ||
              is_name(ty, "Background")))
            finding("sp-artifact-type", "page %zu: Artifact without a /Type", cs->pgno + 1);
        else if (is_name(ty, "Pagination") && st->t != O_NULL && !is_name(st, "Header") &&
                 !is_name(st, "Footer") && !is_name(st, "Watermark"))
            finding("sp-artifact-type", "page %zu: Pagination artifact of /Subtype /%s",
                    cs->pgno + 1, st->t == O_NAME ? (const char *)st->s : "?");
    }
    if (props && props->t == O_DICT) {
        obj *mc = get(d, props, "MCID"), *at = get(d, props, "ActualText");
        obj *lang = get(d, props, "Lang");
        if (mc->t == O_INT && !m.artifact) {
            struct mcid_info *mi;
            if (cur_mcid(cs))
                finding("mcid-content", "page %zu: MCID %lld inside MCID %lld", cs->pgno + 1,
                        mc->i, cur_mcid(cs)->mcid);
            m.mcid = mc->i;
            mi = mcid_get(cs->pg, mc->i);
            if (mi->in_content++)
                finding("mcid-content", "page %zu: MCID %lld used twice", cs->pgno + 1, mc->i);
        }
        if (lang->t != O_NULL && !lang_ok(lang))
            finding("7.2-lang", "page %zu: malformed /Lang in marked content", cs->pgno + 1);
        if (at->t == O_STR) {
            m.actual = 1;
            if (!cs->in_actual) {
                GString *g = g_string_new(NULL);
                if (at->n >= 2 && at->s[0] == 0xFE && at->s[1] == 0xFF)
                    utf16_append(g, at->s + 2, at->n - 2);
                else
                    g_string_append_len(g, (const char *)at->s, (gssize)at->n);
                g_array_append_val(cs->stack, m);
                add_text(cs, g->str);
                g_string_free(g, TRUE);
                cs->in_actual++;
                return;
            }
            cs->in_actual++;
        }
    }
    g_array_append_val(cs->stack, m);
}

static void do_emc(struct cstate *cs)
{
    struct mc *m;

    if (!cs->stack->len) {
        finding("mc-balance", "page %zu: EMC without BDC", cs->pgno + 1);
        return;
    }
    m = &g_array_index(cs->stack, struct mc, cs->stack->len - 1);
    if (m->actual)
        cs->in_actual--;
    g_free(m->tag);
    g_array_set_size(cs->stack, cs->stack->len - 1);
}

static void run_content(struct cstate *cs, struct pdf *d, const unsigned char *b, size_t n,
                        obj *resources, int depth)
{
    struct lx l = { b, n, 0 };
    GPtrArray *ops = g_ptr_array_new();

    while (l.i < l.n) {
        obj *o;
        unsigned char c;
        size_t e;
        char op[16];

        skip(&l);
        if (l.i >= l.n)
            break;
        c = l.b[l.i];
        if (strchr("(<[/+-.0123456789", c) || kw(&l, "true") || kw(&l, "false") ||
            kw(&l, "null")) {
            o = parse(&l, 0);
            if (!o) {
                l.i++;
                continue;
            }
            g_ptr_array_add(ops, o);
            continue;
        }
        e = tok_end(&l, l.i);
        if (e == l.i) {
            l.i++;
            continue;
        }
        snprintf(op, sizeof op, "%.*s", (int)(e - l.i < 15 ? e - l.i : 15), l.b + l.i);
        l.i = e;
        if (!strcmp(op, "BI")) {
            size_t q;
            while (l.i < l.n) {
                skip(&l);
                if (kw(&l, "ID"))
                    break;
                if (!parse(&l, 0))
                    l.i++;
            }
            for (q = l.i + 3; q + 2 <= l.n; q++)
                if (is_ws(l.b[q - 1]) && l.b[q] == 'E' && l.b[q + 1] == 'I' &&
                    (q + 2 == l.n || is_ws(l.b[q + 2])))
                    break;
            l.i = q + 2;
            check_paint(cs, "BI");
        } else if (!strcmp(op, "BDC") && ops->len >= 2) {
            do_bdc(cs, d, ops->pdata[ops->len - 2], ops->pdata[ops->len - 1], resources);
        } else if (!strcmp(op, "BMC") && ops->len >= 1) {
            obj *t = ops->pdata[ops->len - 1];
            do_bdc(cs, d, t, NULL, resources);
            if (is_name(t, "Artifact"))
                finding("sp-artifact-type", "page %zu: Artifact BMC without a /Type",
                        cs->pgno + 1);
        } else if (!strcmp(op, "EMC")) {
            do_emc(cs);
        } else if (!strcmp(op, "Tf") && ops->len >= 2) {
            obj *fn = ops->pdata[ops->len - 2];
            obj *fo = fn->t == O_NAME ? get(d, get(d, resources, "Font"), (const char *)fn->s)
                                      : &null_obj;
            cs->font = fo->t == O_DICT ? font_info(d, fo) : NULL;
        } else if (!strcmp(op, "Td") || !strcmp(op, "TD") || !strcmp(op, "T*") ||
                   !strcmp(op, "Tm")) {
            cs->newline = 1;
        } else if (!strcmp(op, "Do") && ops->len >= 1) {
            obj *nm = ops->pdata[ops->len - 1];
            obj *x = nm->t == O_NAME ? get(d, get(d, resources, "XObject"), (const char *)nm->s)
                                     : &null_obj;
            if (is_name(get(d, x, "Subtype"), "Form") && depth < 8) {
                size_t fl;
                unsigned char *fb = stream_data(d, x, &fl);
                obj *fr = get(d, x, "Resources");
                if (fb)
                    run_content(cs, d, fb, fl, fr->t == O_DICT ? fr : resources, depth + 1);
                g_free(fb);
            } else {
                check_paint(cs, "Do");
            }
        } else if (painting(op)) {
            check_paint(cs, op);
            if (!strcmp(op, "Tj") || !strcmp(op, "'")) {
                if (ops->len >= 1)
                    show_string(cs, ops->pdata[ops->len - 1]);
                if (!strcmp(op, "'"))
                    cs->newline = 1;
            } else if (!strcmp(op, "\"")) {
                if (ops->len >= 1)
                    show_string(cs, ops->pdata[ops->len - 1]);
                cs->newline = 1;
            } else if (!strcmp(op, "TJ") && ops->len >= 1) {
                obj *a = ops->pdata[ops->len - 1];
                for (size_t i = 0; a->t == O_ARR && i < a->na; i++)
                    show_string(cs, a->a[i]);
            }
        }
        g_ptr_array_set_size(ops, 0);
    }
    g_ptr_array_free(ops, TRUE);
}

/* ---- structure ---- */

static const char *const standard_types[] = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu",
    "WT", "WP", "Figure", "Formula", "Form", NULL
};

static int standard(const char *s)
{
    for (const char *const *t = standard_types; *t; t++)
        if (!strcmp(s, *t))
            return 1;
    return 0;
}

struct walk {
    struct doc *dc;
    obj *rolemap;
    int heading;               /* last level */
    int h1;
    GHashTable *annots;        /* annotation object -> element with its OBJR */
    GString *text;             /* --text / --tree output, or NULL */
    int tree;
    size_t elems;
};

/* The standard type of an element (through the role map), or its own name. */
static const char *type_of(struct walk *w, obj *e)
{
    struct pdf *d = w->dc->pdf;
    obj *s = get(d, e, "S");
    const char *t = s->t == O_NAME ? (const char *)s->s : "";

    for (int k = 0; k < 8 && !standard(t); k++) {
        obj *m = get(d, w->rolemap, t);
        if (m->t != O_NAME)
            break;
        t = (const char *)m->s;
    }
    return t;
}

static struct page *page_of(struct doc *dc, obj *pgref)
{
    gpointer v;
    if (!pgref || pgref->t != O_REF)
        return NULL;
    v = g_hash_table_lookup(dc->page_index, GINT_TO_POINTER(pgref->num));
    return v ? g_ptr_array_index(dc->pages, GPOINTER_TO_SIZE(v) - 1) : NULL;
}

static void norm_append(GString *out, const char *s)
{
    for (; *s; s++) {
        char c = (*s == '\n' || *s == '\t' || *s == '\r') ? ' ' : *s;
        if (c == ' ' && (!out->len || out->str[out->len - 1] == ' '))
            continue;
        g_string_append_c(out, c);
    }
}

static void walk_elem(struct walk *w, obj *eref, obj *parent, obj *pg, int depth);

static void walk_kids(struct walk *w, obj *e, obj *kids, obj *pg, int depth, GString *own,
                      GString *pages)
{
    struct pdf *d = w->dc->pdf;
    obj *list = kids;
    size_t nk = 1;

    if (kids->t == O_ARR)
        nk = kids->na;
    for (size_t i = 0; i < nk; i++) {
        obj *k = kids->t == O_ARR ? kids->a[i] : list;
        obj *kr = k;
        if (k->t == O_REF)
            k = res(d, k);
        if (k->t == O_INT) {
            struct page *p = page_of(w->dc, pg);
            if (!p) {
                finding("mcid-elements", "element %s: MCID %lld without a page", type_of(w, e),
                        k->i);
                continue;
            }
            {
                struct mcid_info *mi = mcid_get(p, k->i);
                if (mi->refs++)
                    finding("mcid-elements", "MCID %lld on a page in two elements", k->i);
                mi->elem = e;
                norm_append(own, mi->text->str);
                g_string_append_printf(pages, " p%u", GPOINTER_TO_UINT(
                    g_hash_table_lookup(w->dc->page_index, GINT_TO_POINTER(pg->num))));
            }
        } else if (k->t == O_DICT && is_name(get(d, k, "Type"), "MCR")) {
            obj *mpg = get_raw(k, "Pg");
            struct page *p = page_of(w->dc, mpg ? mpg : pg);
            obj *mc = get(d, k, "MCID");
            if (p && mc->t == O_INT) {
                struct mcid_info *mi = mcid_get(p, mc->i);
                if (mi->refs++)
                    finding("mcid-elements", "MCID %lld on a page in two elements", mc->i);
                mi->elem = e;
                norm_append(own, mi->text->str);
            }
        } else if (k->t == O_DICT && is_name(get(d, k, "Type"), "OBJR")) {
            obj *a = get_raw(k, "Obj");
            if (a && a->t == O_REF) {
                obj *ao = res(d, a);
                if (g_hash_table_lookup(w->annots, ao))
                    finding("7.18.5-link", "annotation %d referenced by two elements", a->num);
                g_hash_table_insert(w->annots, ao, e);
                if (is_name(get(d, ao, "Subtype"), "Link") && strcmp(type_of(w, e), "Link"))
                    finding("7.18.5-link", "Link annotation %d inside a %s element", a->num,
                            type_of(w, e));
            }
        } else if (k->t == O_DICT) {
            walk_elem(w, kr, e, pg, depth + 1);
        }
    }
}

static void walk_elem(struct walk *w, obj *eref, obj *parent, obj *pg, int depth)
{
    struct pdf *d = w->dc->pdf;
    obj *e = res(d, eref), *kids, *p, *alt, *at;
    const char *t, *pt;
    GString *own, *pages;
    size_t mark;

    if (e->t != O_DICT || depth > 100)
        return;
    w->elems++;
    t = type_of(w, e);
    pt = parent ? type_of(w, parent) : "";
    {
        obj *s = get(d, e, "S");
        const char *raw = s->t == O_NAME ? (const char *)s->s : "";
        if (!standard(t))
            finding("7.1-standard-type", "structure type '%s' is not standard nor mapped", raw);
        if (!strcmp(t, "Ruby") || !strcmp(t, "RB") || !strcmp(t, "RT") || !strcmp(t, "RP") ||
            !strcmp(t, "Warichu") || !strcmp(t, "WT") || !strcmp(t, "WP"))
            finding("sp-reserved-type", "structure type '%s'", t);
    }
    p = get_raw(e, "P");
    if (parent && (!p || p->t != O_REF || res(d, p) != parent))
        finding("7.1-struct-tree", "element %s: /P is not its parent", t);
    if (get_raw(e, "Pg"))
        pg = get_raw(e, "Pg");
    /* lists */
    if (!strcmp(t, "LI") && strcmp(pt, "L"))
        finding("7.2-list", "LI inside %s", pt);
    if ((!strcmp(t, "Lbl") || !strcmp(t, "LBody")) && strcmp(pt, "LI"))
        finding("7.2-list", "%s inside %s", t, pt);
    if (!strcmp(pt, "L") && strcmp(t, "LI") && strcmp(t, "L") && strcmp(t, "Caption"))
        finding("7.2-list", "%s inside L", t);
    if (!strcmp(pt, "LI") && strcmp(t, "Lbl") && strcmp(t, "LBody"))
        finding("7.2-list", "%s inside LI", t);
    /* headings */
    if (t[0] == 'H' && t[1] >= '1' && t[1] <= '6' && !t[2]) {
        int level = t[1] - '0';
        if (!w->heading && level != 1)
            finding("7.4-headings", "the first heading is H%d", level);
        else if (w->heading && level > w->heading + 1)
            finding("7.4-headings", "H%d after H%d", level, w->heading);
        w->heading = level;
        w->h1 |= level == 1;
    }
    alt = get(d, e, "Alt");
    at = get(d, e, "ActualText");
    if (!strcmp(t, "Figure") && !(alt->t == O_STR && alt->n) && !(at->t == O_STR && at->n))
        finding("7.3-figure-alt", "Figure without /Alt");
    if (get(d, e, "Lang")->t != O_NULL && !lang_ok(get(d, e, "Lang")))
        finding("7.2-lang", "element %s: malformed /Lang", t);

    own = g_string_new(NULL);
    pages = g_string_new(NULL);
    mark = w->text ? w->text->len : 0;  /* this element's line goes before its children's */
    kids = get_raw(e, "K");
    if (kids)
        walk_kids(w, e, kids->t == O_REF && res(d, kids)->t != O_DICT ? res(d, kids) : kids,
                  pg, depth, own, pages);
    if (w->text) {
        const char *txt = own->str;
        GString *alt_s = g_string_new(NULL);
        if (at->t == O_STR || alt->t == O_STR) {
            obj *s = at->t == O_STR ? at : alt;
            if (s->n >= 2 && s->s[0] == 0xFE && s->s[1] == 0xFF)
                utf16_append(alt_s, s->s + 2, s->n - 2);
            else
                g_string_append_len(alt_s, (const char *)s->s, (gssize)s->n);
            /* ActualText replaces the element's content; Alt describes a figure or an
               element with no content of its own */
            if (at->t == O_STR || !own->len || !strcmp(t, "Figure"))
                txt = alt_s->str;
        }
        while (*txt == ' ')
            txt++;
        GString *line = g_string_new(NULL);
        if (w->tree)
            g_string_append_printf(line, "%*s%s%s%s%s%s\n", depth * 2, "", t, pages->str,
                                   *txt ? " \"" : "", txt, *txt ? "\"" : "");
        else if (*txt)
            g_string_append_printf(line, "%s: %s\n", t, txt);
        g_string_insert(w->text, (gssize)mark, line->str);
        g_string_free(line, TRUE);
        g_string_free(alt_s, TRUE);
    }
    g_string_free(own, TRUE);
    g_string_free(pages, TRUE);
}

/* Collect a number tree's (key, value) pairs. */
static void number_tree(struct pdf *d, obj *node, GHashTable *out, int depth)
{
    obj *nums = get(d, node, "Nums"), *kids = get(d, node, "Kids");

    if (depth > 32)
        return;
    for (size_t i = 0; nums->t == O_ARR && i + 1 < nums->na; i += 2)
        if (nums->a[i]->t == O_INT)
            g_hash_table_insert(out, GINT_TO_POINTER((int)nums->a[i]->i), nums->a[i + 1]);
    for (size_t i = 0; kids->t == O_ARR && i < kids->na; i++)
        number_tree(d, res(d, kids->a[i]), out, depth + 1);
}

static void collect_pages(struct doc *dc, obj *node, obj *inh_res, int depth)
{
    struct pdf *d = dc->pdf;
    obj *r = get(d, node, "Resources");

    if (depth > 64)
        return;
    if (r->t == O_DICT)
        inh_res = r;
    if (is_name(get(d, node, "Type"), "Pages")) {
        obj *kids = get(d, node, "Kids");
        for (size_t i = 0; kids->t == O_ARR && i < kids->na; i++)
            if (kids->a[i]->t == O_REF) {
                obj *k = res(d, kids->a[i]);
                if (is_name(get(d, k, "Type"), "Page")) {
                    struct page *p = g_malloc0(sizeof *p);
                    p->dict = k;
                    p->num = kids->a[i]->num;
                    p->mcids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                     mcid_free);
                    if (get(d, k, "Resources")->t != O_DICT && inh_res) {
                        /* inherited resources: remember them on the page */
                        obj *nd = new_obj(O_DICT);
                        nd->na = k->na + 1;
                        nd->k = amalloc(nd->na * sizeof *nd->k);
                        nd->a = amalloc(nd->na * sizeof *nd->a);
                        memcpy(nd->k, k->k, k->na * sizeof *nd->k);
                        memcpy(nd->a, k->a, k->na * sizeof *nd->a);
                        nd->k[k->na] = "Resources";
                        nd->a[k->na] = inh_res;
                        p->dict = nd;
                    }
                    g_ptr_array_add(dc->pages, p);
                    g_hash_table_insert(dc->page_index, GINT_TO_POINTER(p->num),
                                        GSIZE_TO_POINTER(dc->pages->len));
                } else {
                    collect_pages(dc, k, inh_res, depth + 1);
                }
            }
    }
}

static void page_free(gpointer p)
{
    struct page *pg = p;
    g_hash_table_destroy(pg->mcids);
    g_free(pg);
}

/* Check one file.  mode 0: findings; 1: --text; 2: --tree.  Returns findings, or -1. */
static long check_file(const char *path, int mode)
{
    struct pdf d;
    struct doc dc;
    obj *cat, *info, *st, *md, *vp, *mi, *lang, *outl;
    GHashTable *ptree;
    struct walk w;
    gchar *data = NULL;
    gsize len = 0;
    long total = 0;

    memset(&d, 0, sizeof d);
    memset(&dc, 0, sizeof dc);
    memset(counts, 0, sizeof counts);
    cur_path = path;
    if (!g_file_get_contents(path, &data, &len, NULL)) {
        fprintf(stderr, "pdfua_check: cannot read '%s'\n", path);
        return -1;
    }
    arena = g_ptr_array_new_with_free_func(g_free);
    fonts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, font_free);
    report = g_string_new(NULL);
    d.path = path;
    d.b = (unsigned char *)data;
    d.n = len;
    if (len < 8 || memcmp(data, "%PDF-1.", 7) || read_xref(&d)) {
        fprintf(stderr, "pdfua_check: '%s': not a PDF with a classic xref table\n", path);
        total = -1;
        goto out;
    }
    dc.pdf = &d;
    dc.pages = g_ptr_array_new_with_free_func(page_free);
    dc.page_index = g_hash_table_new(g_direct_hash, g_direct_equal);
    cat = get(&d, d.trailer, "Root");
    info = get(&d, d.trailer, "Info");

    /* catalog */
    mi = get(&d, cat, "MarkInfo");
    if (!(get(&d, mi, "Marked")->t == O_BOOL && get(&d, mi, "Marked")->i))
        finding("7.1-marked", "no /MarkInfo << /Marked true >>");
    if (get(&d, mi, "Suspects")->t == O_BOOL && get(&d, mi, "Suspects")->i)
        finding("7.1-marked", "/Suspects true");
    vp = get(&d, cat, "ViewerPreferences");
    if (!(get(&d, vp, "DisplayDocTitle")->t == O_BOOL && get(&d, vp, "DisplayDocTitle")->i))
        finding("7.1-display-title", "no /DisplayDocTitle true");
    lang = get(&d, cat, "Lang");
    if (!lang_ok(lang))
        finding("7.2-lang", lang->t == O_NULL ? "no /Lang in the catalog"
                                              : "catalog /Lang is empty or malformed");
    md = get(&d, cat, "Metadata");
    {
        size_t ml;
        unsigned char *x = stream_data(&d, md, &ml);
        if (!x) {
            finding("7.1-metadata", "no XMP metadata stream");
            finding("5-pdfuaid", "no XMP, so no pdfuaid:part");
        } else {
            if (!strstr((char *)x, "<dc:title>"))
                finding("7.1-metadata", "no dc:title in the XMP");
            if (!strstr((char *)x, "<pdfuaid:part>1</pdfuaid:part>") &&
                !strstr((char *)x, "pdfuaid:part=\"1\""))
                finding("5-pdfuaid", "the XMP does not claim pdfuaid:part 1");
        }
        g_free(x);
    }
    for (int k = 0; k < 2; k++) {
        obj *dt = get(&d, info, k ? "ModDate" : "CreationDate");
        if (dt->t == O_STR && (dt->n < 2 || memcmp(dt->s, "D:", 2)))
            finding("pdf-date", "Info /%s is '%.*s'", k ? "ModDate" : "CreationDate",
                    (int)(dt->n > 30 ? 30 : dt->n), dt->s);
    }

    /* pages and their content */
    collect_pages(&dc, get(&d, cat, "Pages"), NULL, 0);
    outl = get(&d, cat, "Outlines");
    if (dc.pages->len > 1 && get(&d, outl, "First")->t == O_NULL)
        finding("sp-bookmarks", "%u pages and no bookmarks", dc.pages->len);
    for (guint i = 0; i < dc.pages->len; i++) {
        struct page *pg = g_ptr_array_index(dc.pages, i);
        obj *c = get(&d, pg->dict, "Contents"), *r = get(&d, pg->dict, "Resources");
        obj *an = get(&d, pg->dict, "Annots");
        struct cstate cs = { &dc, pg, i, g_array_new(FALSE, TRUE, sizeof(struct mc)), 0, NULL,
                             0 };
        size_t nc = c->t == O_ARR ? c->na : 1;
        for (size_t k = 0; k < nc; k++) {
            obj *s = c->t == O_ARR ? res(&d, c->a[k]) : c;
            size_t cl;
            unsigned char *cb = stream_data(&d, s, &cl);
            if (cb)
                run_content(&cs, &d, cb, cl, r, 0);
            g_free(cb);
        }
        if (cs.stack->len)
            finding("mc-balance", "page %u: %u marked sequences not closed", i + 1,
                    cs.stack->len);
        for (guint k = 0; k < cs.stack->len; k++)
            g_free(g_array_index(cs.stack, struct mc, k).tag);
        g_array_free(cs.stack, TRUE);
        if (an->t == O_ARR && an->na && !is_name(get(&d, pg->dict, "Tabs"), "S"))
            finding("7.18.3-tabs", "page %u has annotations and no /Tabs /S", i + 1);
    }
    {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, fonts);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            struct font *f = v;
            if (f->unmapped)
                finding("7.21.7-tounicode", "font %s: %zu codes shown map to no Unicode",
                        f->name, f->unmapped);
            if (f->notdef)
                finding("7.21.8-notdef", "font %s: .notdef shown %zu times", f->name,
                        f->notdef);
        }
    }

    /* the structure tree */
    st = get(&d, cat, "StructTreeRoot");
    memset(&w, 0, sizeof w);
    w.dc = &dc;
    w.annots = g_hash_table_new(g_direct_hash, g_direct_equal);
    w.tree = mode == 2;
    w.text = mode ? g_string_new(NULL) : NULL;
    ptree = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (st->t != O_DICT) {
        finding("7.1-struct-tree", "no /StructTreeRoot");
    } else {
        obj *k = get_raw(st, "K");
        w.rolemap = get(&d, st, "RoleMap");
        if (k) {
            obj *kl = k->t == O_REF && res(&d, k)->t == O_ARR ? res(&d, k) : k;
            size_t nk = kl->t == O_ARR ? kl->na : 1;
            for (size_t i = 0; i < nk; i++)
                walk_elem(&w, kl->t == O_ARR ? kl->a[i] : kl, NULL, NULL, 0);
        }
        number_tree(&d, get(&d, st, "ParentTree"), ptree, 0);
    }
    if (!w.h1)
        finding("sp-h1", "no H1");

    /* MCIDs: in the content once, in one element, and that element in the parent tree */
    for (guint i = 0; i < dc.pages->len; i++) {
        struct page *pg = g_ptr_array_index(dc.pages, i);
        obj *sp = get(&d, pg->dict, "StructParents");
        obj *arr = sp->t == O_INT ? res(&d, g_hash_table_lookup(ptree, GINT_TO_POINTER(
                                                                 (int)sp->i))) : &null_obj;
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, pg->mcids);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            struct mcid_info *m = v;
            int mcid = GPOINTER_TO_INT(k);
            if (m->in_content && !m->refs)
                finding("mcid-content", "page %u: MCID %d is in no structure element", i + 1,
                        mcid);
            if (m->refs && !m->in_content)
                finding("mcid-elements", "page %u: MCID %d is referenced but not in the "
                        "content", i + 1, mcid);
            if (m->in_content && m->refs) {
                obj *e = arr->t == O_ARR && (size_t)mcid < arr->na ? res(&d, arr->a[mcid])
                                                                   : &null_obj;
                if (e != m->elem)
                    finding("parent-tree", "page %u: MCID %d: the parent tree points to %s",
                            i + 1, mcid, e->t == O_NULL ? "nothing" : "another element");
            }
        }
        /* the page's parent-tree array: no entry for an MCID the page does not have */
        for (size_t e = 0; arr->t == O_ARR && e < arr->na; e++) {
            struct mcid_info *m = g_hash_table_lookup(pg->mcids, GINT_TO_POINTER((int)e));
            if (arr->a[e]->t != O_NULL && (!m || !m->in_content))
                finding("parent-tree", "page %u: parent tree entry %zu for an MCID that is not "
                        "in the content", i + 1, e);
        }
        /* annotations */
        {
            obj *an = get(&d, pg->dict, "Annots");
            for (size_t a = 0; an->t == O_ARR && a < an->na; a++) {
                obj *ao = res(&d, an->a[a]), *sub = get(&d, ao, "Subtype");
                obj *e = g_hash_table_lookup(w.annots, ao), *spk = get(&d, ao, "StructParent");
                obj *cont = get(&d, ao, "Contents");
                if (is_name(sub, "Popup") || is_name(sub, "PrinterMark"))
                    continue;
                if (!e)
                    finding(is_name(sub, "Link") ? "7.18.5-link" : "7.18.1-annot",
                            "page %u: %s annotation in no structure element", i + 1,
                            sub->t == O_NAME ? (const char *)sub->s : "?");
                else if (spk->t != O_INT ||
                         res(&d, g_hash_table_lookup(ptree, GINT_TO_POINTER((int)spk->i))) != e)
                    finding("parent-tree", "page %u: annotation's /StructParent does not lead "
                            "to its element", i + 1);
                if (is_name(sub, "Link") && !(cont->t == O_STR && cont->n))
                    finding("7.18.5-link", "page %u: Link annotation without /Contents", i + 1);
            }
        }
    }

    if (mode) {
        fputs(w.text->str, stdout);
    }
    for (size_t r = 0; r < NRULES; r++) {
        total += (long)counts[r];
        if (msgs[r]) {
            g_string_append(report, msgs[r]->str);
            g_string_free(msgs[r], TRUE);
            msgs[r] = NULL;
        }
        if (counts[r] > 5)
            g_string_append_printf(report, "%s: %s: ... and %zu more\n", path, rules[r].id,
                                   counts[r] - 5);
    }
    if (!mode) {
        fputs(report->str, stdout);
        if (!total && !quiet)
            printf("%s: ok (%u pages, %zu structure elements)\n", path, dc.pages->len,
                   w.elems);
    } else if (total) {
        fputs(report->str, stderr);
    }
    if (w.text)
        g_string_free(w.text, TRUE);
    g_hash_table_destroy(w.annots);
    g_hash_table_destroy(ptree);
    g_ptr_array_free(dc.pages, TRUE);
    g_hash_table_destroy(dc.page_index);
out:
    g_free(d.xoff);
    g_free(d.cache);
    g_free(d.loading);
    g_hash_table_destroy(fonts);
    g_ptr_array_free(arena, TRUE);
    g_string_free(report, TRUE);
    g_free(data);
    return total;
}

int main(int argc, char **argv)
{
    int mode = 0, status = 0, files = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-q")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "--text")) {
            mode = 1;
        } else if (!strcmp(argv[i], "--tree")) {
            mode = 2;
        } else if (!strcmp(argv[i], "--rules")) {
            for (size_t r = 0; r < NRULES; r++)
                printf("%-24s %s\n", rules[r].id, rules[r].what);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "usage: pdfua_check [-q] [--text|--tree|--rules] FILE...\n");
            return 2;
        } else {
            long n = check_file(argv[i], mode);
            files++;
            if (n < 0)
                status = 2;
            else if (n > 0 && status == 0)
                status = 1;
        }
    }
    if (!files) {
        fprintf(stderr, "usage: pdfua_check [-q] [--text|--tree|--rules] FILE...\n");
        return 2;
    }
    return status;
}
