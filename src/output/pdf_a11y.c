/*
 * pdf_a11y.c - the PDF/UA filter: each object cairo writes is parsed when complete (a
 * small bounded tokenizer), then copied, changed or held back; the xref is rebuilt.
 * Content streams are inflated when cairo's content dictionary says so, deflated again
 * only when they held a reserved tag (zlib, cairo's own dependency).
 */
#include "pdf_a11y.h"

#include "pdf_syntax.h"

#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_DEPTH    32               /* nesting of arrays/dicts we accept */
#define MAX_OBJNUM   8388607          /* PDF implementation limit for object numbers */
#define MAX_INFLATE  (256u << 20)     /* one content stream, inflated */

/* ---- marks ---- */

#define GROW(v, n, cap)                                                   \
    do {                                                                  \
        if ((n) == (cap)) {                                               \
            (cap) = (cap) ? 2 * (cap) : 16;                               \
            (v) = xrealloc((v), (cap) * sizeof *(v));                     \
        }                                                                 \
    } while (0)

void sp_pdf_marks_init(struct sp_pdf_marks *m)
{
    memset(m, 0, sizeof *m);
    sp_arena_init(&m->arena);
}

void sp_pdf_marks_release(struct sp_pdf_marks *m)
{
    free(m->spans);
    free(m->links);
    free(m->alts);
    free(m->tops);
    sp_arena_free(&m->arena);
    memset(m, 0, sizeof *m);
}

void sp_pdf_marks_clear(struct sp_pdf_marks *m)
{
    sp_pdf_marks_release(m);
    sp_pdf_marks_init(m);
}

static const char *mstr(struct sp_pdf_marks *m, const char *s)
{
    return s ? sp_arena_strdup(&m->arena, s) : NULL;
}

void sp_pdf_marks_span(struct sp_pdf_marks *m, const char *lang, const char *actual_text,
                       bool in_content)
{
    GROW(m->spans, m->nspans, m->capspans);
    m->spans[m->nspans].lang = mstr(m, lang);
    m->spans[m->nspans].actual_text = mstr(m, actual_text);
    m->spans[m->nspans].in_content = in_content && actual_text;
    m->nspans++;
}

void sp_pdf_marks_link(struct sp_pdf_marks *m, const char *uri, const char *contents)
{
    GROW(m->links, m->nlinks, m->caplinks);
    m->links[m->nlinks].uri = mstr(m, uri);
    m->links[m->nlinks].contents = mstr(m, contents ? contents : "link");
    m->nlinks++;
}

void sp_pdf_marks_figure(struct sp_pdf_marks *m, const char *alt)
{
    GROW(m->alts, m->nalts, m->capalts);
    m->alts[m->nalts++] = mstr(m, alt);
}

void sp_pdf_marks_top(struct sp_pdf_marks *m, size_t page, double x)
{
    GROW(m->tops, m->ntops, m->captops);
    m->tops[m->ntops].page = page;
    m->tops[m->ntops].x = x;
    m->ntops++;
}

/* memmem (a GNU extension): the first needle[0..m) in hay[0..n), or NULL. */
static const unsigned char *find_bytes(const unsigned char *hay, size_t n, const char *needle,
                                       size_t m)
{
    const unsigned char *end = hay + n, *q = hay;

    if (m == 0 || n < m)
        return m == 0 ? hay : NULL;
    while ((q = memchr(q, (unsigned char)needle[0], (size_t)(end - q) - m + 1)) != NULL) {
        if (!memcmp(q, needle, m))
            return q;
        q++;
        if ((size_t)(end - q) < m)
            break;
    }
    return NULL;
}

/* ---- tokenizer over p[0..len): eof is set when a token runs into the end ---- */

struct span {
    size_t start, end;  /* [start, end) */
};

struct lex {
    const unsigned char *p;
    size_t len, pos;
    int eof;
};

/* Character classes (ISO 32000-1 7.2.2): 1 = white space, 2 = delimiter. */
static const unsigned char cls[256] = {
    [0] = 1, ['\t'] = 1, ['\n'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
    ['('] = 2, [')'] = 2, ['<'] = 2, ['>'] = 2, ['['] = 2, [']'] = 2, ['{'] = 2, ['}'] = 2,
    ['/'] = 2, ['%'] = 2,
};

static int is_ws(unsigned char c)
{
    return cls[c] == 1;
}

static int is_delim(unsigned char c)
{
    return cls[c] == 2;
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
            if (lx->pos >= lx->len)
                lx->eof = 1;
        } else {
            break;
        }
    }
    if (lx->pos >= lx->len)
        lx->eof = 1;
}

/* Regular token (number or keyword) at pos: end of it, or pos when there is none. */
static size_t regular_end(struct lex *lx, size_t pos)
{
    while (pos < lx->len && !cls[lx->p[pos]])
        pos++;
    if (pos >= lx->len)
        lx->eof = 1;
    return pos;
}

/* Does the keyword kw stand at pos as a whole token? */
static int keyword_at(struct lex *lx, size_t pos, const char *kw)
{
    size_t n = strlen(kw);

    if (pos > lx->len || lx->len - pos < n) {
        lx->eof = 1;
        return 0;
    }
    return !memcmp(lx->p + pos, kw, n) && regular_end(lx, pos) == pos + n;
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

/* End of "n g R" starting at pos, or 0 if there is none there. */
static size_t ref_end(struct lex *lx, size_t pos, unsigned long long *num)
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
            if (lx->pos + 1 >= lx->len)
                lx->eof = 1;
            return -1;
        }
        if (lx->p[lx->pos] != '/')
            return -1;
        if (parse_value(lx, depth, &e.key))
            return -1;
        if (parse_value(lx, depth, &e.val))
            return -1;
        if (d) {
            GROW(d->v, d->n, d->cap);
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
        if (lx->pos + 1 >= lx->len) {
            lx->eof = 1;
            return -1;
        }
        lx->pos++;
        while (lx->pos < lx->len && lx->p[lx->pos] != '>')
            lx->pos++;
        if (lx->pos >= lx->len) {
            lx->eof = 1;
            return -1;
        }
        lx->pos++;
    } else if (c == '(') {
        int nest = 0;
        for (;;) {
            if (lx->pos >= lx->len) {
                lx->eof = 1;
                return -1;
            }
            c = lx->p[lx->pos++];
            if (c == '\\')
                lx->pos++;
            else if (c == '(')
                nest++;
            else if (c == ')' && --nest == 0)
                break;
        }
        if (lx->pos > lx->len) {
            lx->eof = 1;
            return -1;
        }
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
    if (lx->pos + 1 >= lx->len) {
        lx->eof = 1;
        return -1;
    }
    if (lx->p[lx->pos] != '<' || lx->p[lx->pos + 1] != '<')
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

/* "n g R" value -> object number; -1 if it is not (only) a reference. */
static long long ref_num(const unsigned char *p, struct span s)
{
    struct lex t = { p, s.end, s.start, 0 };
    unsigned long long n = 0;
    size_t end = ref_end(&t, s.start, &n);

    return end && end == s.end ? (long long)n : -1;
}

/* A plain non-negative integer at s; -1 if it is not one. */
static long long span_uint(const unsigned char *p, struct span s)
{
    struct lex t = { p, s.end, s.start, 0 };
    unsigned long long v;

    if (read_uint(&t, 12, &v) || t.pos != s.end)
        return -1;
    return (long long)v;
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
    struct lex lx = { p, s.end, s.start, 0 };
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

/* The elements of the array at s (or the one value s when it is not an array). */
static int span_items(const unsigned char *p, struct span s, struct span **v, size_t *n,
                      size_t *cap)
{
    struct lex lx = { p, s.end, s.start, 0 };

    *n = 0;
    if (s.end == s.start || p[s.start] != '[') {
        GROW(*v, *n, *cap);
        (*v)[(*n)++] = s;
        return 0;
    }
    lx.pos++;
    lx.len--;
    for (;;) {
        struct span sub;
        skip_ws(&lx);
        if (lx.pos >= lx.len)
            return p[s.end - 1] == ']' ? 0 : -1;
        if (parse_value(&lx, 1, &sub))
            return -1;
        GROW(*v, *n, *cap);
        (*v)[(*n)++] = sub;
    }
}

/* A number in the C locale, 4 decimals at most, no trailing zeros: 8.5, 251.15, 0. */
static void put_number(struct sp_buf *b, double v)
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
    sp_buf_str(b, strcmp(tmp, "-0") ? tmp : "0");
}

/* "[a b c d]" */
static void put_rect(struct sp_buf *b, double x0, double y0, double x1, double y1)
{
    sp_buf_str(b, "[");
    put_number(b, x0);
    sp_buf_str(b, " ");
    put_number(b, y0);
    sp_buf_str(b, " ");
    put_number(b, x1);
    sp_buf_str(b, " ");
    put_number(b, y1);
    sp_buf_str(b, "]");
}

/* ---- the filter ---- */

enum { F_DROPPED = 1 };  /* object flags */

enum { ST_HEADER, ST_OBJECTS, ST_TAIL };

/* Per-page bookkeeping between a content stream and its page dictionary. */
struct pending {
    int has;             /* a content stream was seen, its page not yet */
    unsigned stream;     /* its object number */
    unsigned *mcids;     /* MCIDs of the artifacts taken out of it */
    size_t n, cap;
    int applied;         /* the page's parent-tree array was changed */
    unsigned array;      /* ... that array */
};

/* A page's /StructParents key whose parent-tree array was changed (checked at the end). */
struct check {
    long long key;
    unsigned array;
    int ok;
};

struct sp_pdf_filter {
    const struct sp_pdf_a11y *info;
    sp_pdf_sink sink;
    void *closure;
    int failed, io_errno;
    struct sp_error err;

    int state;
    struct sp_buf in;      /* input not yet consumed: in.p[start..in.n) */
    size_t start;
    size_t scan;           /* where the search for "endstream" resumes (from start) */
    size_t written;        /* bytes given to the sink */
    struct sp_buf out;     /* one object being built */
    struct sp_buf tmp, tmp2;

    /* the xref: entries of object numbers win.. in memory; those below win (earlier
       chunks) in xref_fd, as the 20-byte xref lines, so a long document's table is not
       held (issue 16 item 9) */
    unsigned long long win;
    int xref_fd;           /* -1 until a chunk ends */
    size_t *offs;          /* by object number - win: offset + 1 of what we wrote, 0 = none */
    unsigned char *flags;
    unsigned *gens;
    size_t noffs;          /* entries of offs, flags and gens in use (all set) */
    size_t capoffs;        /* entries allocated */
    unsigned long long maxnum;

    GHashTable *newlen;    /* length object number -> new stream length + 1 */
    GHashTable *oldlen;    /* length object number -> stream length cairo wrote + 1 */
    struct pending pend;
    struct check *checks;
    size_t nchecks, capchecks;

    size_t nspans, nspan_elems, nlinks, nfigures, noutline;
    long long info_num, cat_num, doc_num, doc_kids;
    unsigned cat_gen, doc_gen;
    struct sp_buf catalog, doc;  /* held back until the end: the dictionaries' bytes */
    int have_struct_root;

    struct dict d, d2;
    struct span *items;
    size_t nitems, capitems;
    double seconds;        /* wall time spent in the filter */

    /* every page object, in page order (bookmarks of a chunked document) */
    unsigned *pagenums;
    size_t npagenums, cappagenums;

    /* a document in chunks (sp_pdf_filter_chunked) */
    int chunked;
    unsigned chunk;                /* the chunk being read, from 0 */
    unsigned long long base;       /* added to this chunk's object numbers */
    long long key_base, key_end;   /* parent-tree keys: added to this chunk's; past the last */
    size_t page_base;              /* pages in the chunks before this one */
    long long chunk_cat, chunk_info;  /* this chunk's catalog and information (renumbered) */
    long long pages_num, root_num; /* the first chunk's page tree root, structure tree root */
    unsigned pages_gen, root_gen;
    struct sp_buf pages_root, struct_root;  /* ... held back: their dictionaries' bytes */
    struct leaf { unsigned num; long long lo, hi; } *ptree, *labels;  /* number-tree leaves */
    size_t nptree, capptree, nlabels, caplabels;
    unsigned *subpages, *parts;    /* later chunks' page tree roots and Document elements */
    size_t nsubpages, capsubpages, nparts, capparts;
    struct sp_buf ren;             /* an object of a later chunk, renumbered */
};

static double cpu_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double sp_pdf_filter_seconds(const struct sp_pdf_filter *f)
{
    return f->seconds;
}

static int fail(struct sp_pdf_filter *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(struct sp_pdf_filter *f, const char *fmt, ...)
{
    va_list ap;
    char msg[400];

    if (!f->failed) {
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        sp_error_set(&f->err, SP_ERR_RESOURCE, NULL, 0, 0, "pdf update: %s", msg);
    }
    f->failed = 1;
    return -1;
}

static int emit(struct sp_pdf_filter *f, const void *p, size_t n)
{
    int e;

    if (f->failed)
        return -1;
    if (!n)
        return 0;
    e = f->sink(f->closure, p, n);
    if (e) {
        f->io_errno = e;
        f->failed = 1;
        sp_error_set(&f->err, SP_ERR_IO, NULL, 0, 0, "write failed");
        return -1;
    }
    f->written += n;
    return 0;
}

/* Make room for object number num in the tables. */
static int ensure_num(struct sp_pdf_filter *f, unsigned long long num)
{
    if (num > MAX_OBJNUM)
        return fail(f, "object number %llu is too large", num);
    if (num < f->win)
        return 0;  /* an earlier chunk's: in the file */
    num -= f->win;
    if (num >= f->capoffs) {
        size_t n = f->capoffs ? f->capoffs : 1024;
        while (n <= num)
            n *= 2;
        f->offs = xrealloc(f->offs, n * sizeof *f->offs);
        f->flags = xrealloc(f->flags, n);
        f->gens = xrealloc(f->gens, n * sizeof *f->gens);
        f->capoffs = n;
    }
    if (num >= f->noffs) {
        /* set only the entries up to num: memory not yet needed is never touched (a
           doubled table would otherwise be resident in full) */
        size_t n = (size_t)num + 1;
        memset(f->offs + f->noffs, 0, (n - f->noffs) * sizeof *f->offs);
        memset(f->flags + f->noffs, 0, n - f->noffs);
        memset(f->gens + f->noffs, 0, (n - f->noffs) * sizeof *f->gens);
        f->noffs = n;
    }
    if (num + f->win > f->maxnum)
        f->maxnum = num + f->win;
    return 0;
}

/* Was object r (of this window) left out as an artifact element? */
static int dropped_at(const struct sp_pdf_filter *f, long long r)
{
    return r >= 0 && (unsigned long long)r >= f->win && (size_t)r - f->win < f->noffs &&
           (f->flags[r - (long long)f->win] & F_DROPPED);
}

/* "oooooooooo ggggg n \n": 20 bytes, no terminator (an xref line). */
static void xref_fmt(char line[20], size_t off, unsigned gen)
{
    char tmp[48];

    snprintf(tmp, sizeof tmp, "%010zu %05u n \n", off, gen & 0xffffu);
    memcpy(line, tmp, 20);
}

/* One xref line at num in the file: read (a zero line: none yet) or written. */
static int xref_line(struct sp_pdf_filter *f, unsigned long long num, char line[20], int put)
{
    off_t at = (off_t)num * 20;
    ssize_t n = put ? pwrite(f->xref_fd, line, 20, at) : pread(f->xref_fd, line, 20, at);

    if (!put && n >= 0 && n < 20)
        memset(line + n, 0, (size_t)(20 - n));  /* past the end: none */
    else if (n != 20)
        return fail(f, "cannot %s the cross-reference table's temporary file: %s",
                    put ? "write" : "read", strerror(errno));
    return 0;
}

/* The object num (gen) starts at f->written: its xref entry. */
static int record(struct sp_pdf_filter *f, unsigned num, unsigned gen)
{
    if (ensure_num(f, num))
        return -1;
    if (num < f->win) {
        /* held back from an earlier chunk (a root, the catalog) */
        char line[20];
        if (xref_line(f, num, line, 0))
            return -1;
        if (line[0])
            return fail(f, "object %u written twice", num);
        xref_fmt(line, f->written, gen);
        return xref_line(f, num, line, 1);
    }
    if (f->offs[num - f->win])
        return fail(f, "object %u written twice", num);
    f->offs[num - f->win] = f->written + 1;
    f->gens[num - f->win] = gen;
    return 0;
}

/* The window's entries into the file (free ones as zero lines), and a new window at num. */
static int xref_flush(struct sp_pdf_filter *f, unsigned long long num)
{
    char buf[20 * 1024];
    size_t n = 0;
    off_t at = (off_t)f->win * 20;

    if (f->xref_fd < 0) {
        /* in TMPDIR (mkstemp: unique, O_EXCL), unlinked at once: nothing is left behind */
        GError *ge = NULL;
        gchar *name = NULL;
        f->xref_fd = g_file_open_tmp("signpost-xref-XXXXXX", &name, &ge);
        if (f->xref_fd < 0) {
            fail(f, "cannot make a temporary file for the cross-reference table: %s",
                 ge ? ge->message : "unknown error");
            g_clear_error(&ge);
            return -1;
        }
        unlink(name);
        g_free(name);
    }
    for (size_t i = 0; i < f->noffs; i++) {
        if (f->offs[i])
            xref_fmt(buf + n, f->offs[i] - 1, f->gens[i]);
        else
            memset(buf + n, 0, 20);
        n += 20;
        if (n == sizeof buf || i + 1 == f->noffs) {
            if (pwrite(f->xref_fd, buf, n, at) != (ssize_t)n)
                return fail(f, "cannot write the cross-reference table's temporary file: %s",
                            strerror(errno));
            at += (off_t)n;
            n = 0;
        }
    }
    f->win = num;
    f->noffs = 0;
    return 0;
}

/* Write the object built in f->out as object num, recording its offset. */
static int put_object(struct sp_pdf_filter *f, unsigned num, unsigned gen)
{
    if (record(f, num, gen))
        return -1;
    emit(f, f->out.p, f->out.n);
    f->out.n = 0;
    return f->failed ? -1 : 0;
}

/* Every entry of d whose key is not in skip (NULL-terminated), one a line. */
static void put_entries(struct sp_buf *b, const unsigned char *p, const struct dict *d,
                        const char *const *skip)
{
    for (size_t i = 0; i < d->n; i++) {
        int drop = 0;
        for (const char *const *k = skip; k && *k && !drop; k++)
            drop = span_is(p, d->v[i].key, *k);
        if (drop)
            continue;
        sp_buf_str(b, "\n   ");
        sp_buf_add(b, p + d->v[i].key.start, d->v[i].key.end - d->v[i].key.start);
        sp_buf_str(b, " ");
        sp_buf_add(b, p + d->v[i].val.start, d->v[i].val.end - d->v[i].val.start);
    }
}

/* "num gen obj\n<<" + every entry of d whose key is not in skip (NULL-terminated). */
static void open_dict(struct sp_buf *b, unsigned num, unsigned gen, const unsigned char *p,
                      const struct dict *d, const char *const *skip)
{
    sp_buf_printf(b, "%u %u obj\n<<", num, gen);
    put_entries(b, p, d, skip);
}

static void close_dict(struct sp_buf *b)
{
    sp_buf_str(b, "\n>>\nendobj\n");
}

/* ---- content streams ---- */

static int inflate_all(const unsigned char *p, size_t n, struct sp_buf *out)
{
    z_stream z;
    int rc;

    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return -1;
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    out->n = 0;
    do {
        if (out->cap - out->n < 65536 || !out->p) {
            size_t cap = out->cap ? out->cap * 2 : 262144;
            if (cap > MAX_INFLATE + 65536) {
                inflateEnd(&z);
                return -1;
            }
            out->p = xrealloc(out->p, cap);
            out->cap = cap;
        }
        z.next_out = out->p + out->n;
        z.avail_out = (uInt)(out->cap - out->n);
        rc = inflate(&z, Z_NO_FLUSH);
        out->n = out->cap - z.avail_out;
    } while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
    inflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

static int deflate_all(const unsigned char *p, size_t n, struct sp_buf *out)
{
    z_stream z;
    int rc;

    memset(&z, 0, sizeof z);
    /* level 1: the stream is compressed twice (cairo, then here); see docs/standards.md */
    if (deflateInit(&z, Z_BEST_SPEED) != Z_OK)
        return -1;
    out->n = 0;
    {
        size_t cap = deflateBound(&z, (uLong)n) + 16;
        if (out->cap < cap) {
            out->p = xrealloc(out->p, cap);
            out->cap = cap;
        }
    }
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = out->p;
    z.avail_out = (uInt)out->cap;
    rc = deflate(&z, Z_FINISH);
    out->n = out->cap - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

/* Marked-content kinds on the rewriter's stack. */
enum { MC_KEEP, MC_DROP, MC_SPAN_AT };

static int reserved_kind(const unsigned char *p, size_t n)
{
    if (n == 3 && p[0] == '/') {
        if (!memcmp(p + 1, SP_PDF_TAG_LAYOUT, 2))
            return 1;
        if (!memcmp(p + 1, SP_PDF_TAG_HEADER, 2))
            return 2;
        if (!memcmp(p + 1, SP_PDF_TAG_FOOTER, 2))
            return 3;
        if (!memcmp(p + 1, SP_PDF_TAG_SPAN, 2))
            return 4;
    }
    return 0;
}

/* The /MCID value inside a property dictionary at p[s]; -1 if none. */
static long long mcid_of(const unsigned char *p, struct span s, struct dict *d)
{
    struct lex lx = { p, s.end, s.start, 0 };
    const struct kv *e;

    if (parse_dict(&lx, d))
        return -1;
    e = dict_get(p, d, "/MCID");
    return e ? span_uint(p, e->val) : -1;
}

static int has_reserved(const unsigned char *p, size_t n)
{
    static const char *const pats[] = { "/" SP_PDF_TAG_LAYOUT, "/" SP_PDF_TAG_HEADER,
                                        "/" SP_PDF_TAG_FOOTER, "/" SP_PDF_TAG_SPAN };
    for (size_t i = 0; i < 4; i++)
        if (find_bytes(p, n, pats[i], 3))
            return 1;
    return 0;
}

/* End of the literal string starting at s[i] == '(' (after its ')'), or n. */
static size_t skip_string(const unsigned char *s, size_t n, size_t i)
{
    int nest = 0;

    while (i < n) {
        unsigned char c = s[i++];
        if (c == '\\')
            i++;
        else if (c == '(')
            nest++;
        else if (c == ')' && --nest == 0)
            return i;
    }
    return n;
}

/* End of the array or dictionary starting at s[i] ('[' or "<<"), or n. */
static size_t skip_nested(const unsigned char *s, size_t n, size_t i)
{
    int depth = 0;

    while (i < n) {
        unsigned char c = s[i];
        if (c == '(') {
            i = skip_string(s, n, i);
        } else if (c == '[' || (c == '<' && i + 1 < n && s[i + 1] == '<')) {
            depth++;
            i += c == '[' ? 1 : 2;
        } else if (c == ']' || (c == '>' && i + 1 < n && s[i + 1] == '>')) {
            i += c == ']' ? 1 : 2;
            if (--depth == 0)
                return i;
        } else if (c == '<') {
            while (i < n && s[i] != '>')
                i++;
            i++;
        } else {
            i++;
        }
    }
    return n;
}

/*
 * Rewrite the markings of one inflated content stream s[0..n) into out: reserved
 * artifact tags become /Artifact (their MCIDs go to f->pend), reserved spans become
 * /Span with /Lang and /ActualText (cairo's own per-cluster ActualText spans inside
 * are dropped, with their EMC).  A flat scan: strings, arrays and dictionaries are
 * skipped whole, only marked-content operators are looked at.  Returns 1 when something
 * changed, 0 if not, -1 on error.
 */
static int rewrite_content(struct sp_pdf_filter *f, const unsigned char *s, size_t n,
                           struct sp_buf *out)
{
    size_t i = 0, copied = 0, op_start = 0, nops = 0;
    struct span name = { 0, 0 }, dict = { 0, 0 };  /* the last name and dictionary operands */
    unsigned char stack[256];
    size_t depth = 0, in_at = 0;  /* in_at: depth of the enclosing ActualText span + 1 */
    int changed = 0;
    const struct sp_pdf_marks *m = f->info->marks;

    out->n = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t start = i, e;

        if (cls[c] == 1) {
            i++;
            continue;
        }
        if (c == '%') {
            while (i < n && s[i] != '\n' && s[i] != '\r')
                i++;
            continue;
        }
        if (c == '(' || c == '[' || c == '<' || c == '/' || !cls[c]) {
            /* an operand, unless it is a regular token that is an operator */
            if (c == '(') {
                i = skip_string(s, n, i);
            } else if (c == '[' || (c == '<' && i + 1 < n && s[i + 1] == '<')) {
                i = skip_nested(s, n, i);
                if (c == '<') {
                    dict.start = start;
                    dict.end = i;
                }
            } else if (c == '<') {
                while (i < n && s[i] != '>')
                    i++;
                i++;
            } else if (c == '/') {
                for (i++; i < n && !cls[s[i]]; i++)
                    ;
                name.start = start;
                name.end = i;
            } else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
                for (; i < n && !cls[s[i]]; i++)
                    ;
            } else {
                goto op;
            }
            if (!nops++)
                op_start = start;
            continue;
        }
        return fail(f, "stray '%c' in a content stream", c);
    op:
        for (e = i; e < n && !cls[s[e]]; e++)
            ;
        i = e;
        if (e - start == 2 && s[start] == 'B' && s[start + 1] == 'I') {
            /* inline image: to "ID", one white-space byte, the data, "EI" standing alone */
            const unsigned char *id = find_bytes(s + i, n - i, "ID", 2);
            size_t q = id ? (size_t)(id - s) + 3 : n;
            for (; q + 2 <= n; q++)
                if (is_ws(s[q - 1]) && s[q] == 'E' && s[q + 1] == 'I' &&
                    (q + 2 == n || cls[s[q + 2]]))
                    break;
            if (q + 2 > n)
                return fail(f, "inline image without 'EI' in a content stream");
            i = q + 2;
        } else if (e - start == 3 && !memcmp(s + start, "BDC", 3)) {
            int kind = nops == 2 && name.start == op_start && dict.end > name.end
                       ? reserved_kind(s + name.start, name.end - name.start) : 0;
            int mc = MC_KEEP;

            if (depth == sizeof stack)
                return fail(f, "marked content nested too deeply");
            if (kind) {
                long long mcid = mcid_of(s, dict, &f->d2);

                if (mcid < 0)
                    return fail(f, "reserved tag without /MCID in a content stream");
                sp_buf_add(out, s + copied, op_start - copied);
                if (kind == 1) {
                    sp_buf_str(out, "/Artifact << /Type /Layout >> BDC");
                } else if (kind == 2 || kind == 3) {
                    sp_buf_str(out, kind == 2
                               ? "/Artifact << /Type /Pagination /Subtype /Header >> BDC"
                               : "/Artifact << /Type /Pagination /Subtype /Footer >> BDC");
                } else {
                    const struct sp_pdf_span *sp;

                    if (!m || f->nspans >= m->nspans)
                        return fail(f, "more language or text spans than were drawn");
                    sp = &m->spans[f->nspans++];
                    sp_buf_printf(out, "/Span << /MCID %lld", mcid);
                    if (sp->lang) {
                        sp_buf_str(out, " /Lang ");
                        sp_pdf_put_text(out, sp->lang);
                    }
                    if (sp->actual_text && sp->in_content) {
                        sp_buf_str(out, " /ActualText ");
                        sp_pdf_put_text(out, sp->actual_text);
                        mc = MC_SPAN_AT;
                    }
                    sp_buf_str(out, " >> BDC");
                }
                copied = e;
                changed = 1;
                if (kind <= 3) {
                    GROW(f->pend.mcids, f->pend.n, f->pend.cap);
                    f->pend.mcids[f->pend.n++] = (unsigned)mcid;
                }
            } else if (in_at && nops == 2 && span_is(s, name, "/Span") && dict.end > name.end &&
                       find_bytes(s + dict.start, dict.end - dict.start, "/ActualText", 11)) {
                /* cairo's per-cluster ActualText inside ours: drop it and its EMC */
                sp_buf_add(out, s + copied, op_start - copied);
                copied = e;
                mc = MC_DROP;
                changed = 1;
            }
            stack[depth++] = (unsigned char)mc;
            if (mc == MC_SPAN_AT && !in_at)
                in_at = depth;
        } else if (e - start == 3 && !memcmp(s + start, "BMC", 3)) {
            if (depth == sizeof stack)
                return fail(f, "marked content nested too deeply");
            stack[depth++] = MC_KEEP;
        } else if (e - start == 3 && !memcmp(s + start, "EMC", 3)) {
            if (!depth)
                return fail(f, "'EMC' without 'BDC' in a content stream");
            depth--;
            if (stack[depth] == MC_DROP) {
                sp_buf_add(out, s + copied, start - copied);
                copied = e;
            }
            if (in_at == depth + 1)
                in_at = 0;
        } else if ((e - start == 4 && !memcmp(s + start, "true", 4)) ||
                   (e - start == 5 && !memcmp(s + start, "false", 5)) ||
                   (e - start == 4 && !memcmp(s + start, "null", 4))) {
            if (!nops++)
                op_start = start;
            continue;
        }
        nops = 0;
        name.start = name.end = dict.start = dict.end = 0;
    }
    if (changed)
        sp_buf_add(out, s + copied, n - copied);
    return changed;
}

/* ---- objects ---- */

/* A content stream (cairo's dictionary: /Length and /Filter /FlateDecode only). */
static int is_content_dict(const unsigned char *p, const struct dict *d)
{
    return d->n == 2 && dict_get(p, d, "/Length") && dict_name_is(p, d, "/Filter",
                                                                    "/FlateDecode");
}

static int do_stream(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p,
                     size_t obj_start, size_t obj_end, struct span dict, struct span data)
{
    struct lex lx = { p, dict.end, dict.start, 0 };
    int changed = 0;

    if (parse_dict(&lx, &f->d))
        return fail(f, "bad stream dictionary in object %u", num);
    {
        /* the data's length: checked now when direct, when its object comes if not */
        const struct kv *len = dict_get(p, &f->d, "/Length");
        long long lref = len ? ref_num(p, len->val) : -1;
        if (lref >= 0)
            g_hash_table_insert(f->oldlen, GUINT_TO_POINTER((unsigned)lref),
                                GSIZE_TO_POINTER(data.end - data.start + 1));
        else if (!len || span_uint(p, len->val) != (long long)(data.end - data.start))
            return fail(f, "stream %u: its /Length does not match its data", num);
    }
    if (is_content_dict(p, &f->d)) {
        f->pend.has = 1;
        f->pend.stream = num;
        f->pend.n = 0;
        f->pend.applied = 0;
        if (!inflate_all(p + data.start, data.end - data.start, &f->tmp) &&
            has_reserved(f->tmp.p, f->tmp.n)) {
            changed = rewrite_content(f, f->tmp.p, f->tmp.n, &f->tmp2);
            if (changed < 0)
                return -1;
        }
    }
    if (!changed) {
        if (record(f, num, gen))
            return -1;
        return emit(f, p + obj_start, obj_end - obj_start) || emit(f, "\n", 1);
    }
    if (deflate_all(f->tmp2.p, f->tmp2.n, &f->tmp))
        return fail(f, "cannot compress the content stream %u", num);
    {
        const struct kv *len = dict_get(p, &f->d, "/Length");
        long long lref = ref_num(p, len->val);

        sp_buf_printf(&f->out, "%u %u obj\n<< /Length ", num, gen);
        if (lref >= 0) {
            sp_buf_printf(&f->out, "%lld 0 R", lref);
            g_hash_table_insert(f->newlen, GUINT_TO_POINTER((unsigned)lref),
                                GSIZE_TO_POINTER(f->tmp.n + 1));
        } else {
            sp_buf_printf(&f->out, "%zu", f->tmp.n);
        }
        sp_buf_str(&f->out, "\n   /Filter /FlateDecode\n>>\nstream\n");
        sp_buf_add(&f->out, f->tmp.p, f->tmp.n);
        sp_buf_str(&f->out, "\nendstream\nendobj\n");
    }
    return put_object(f, num, gen);
}

/* A page's parent-tree array: entries of the artifacts taken out of its content -> null. */
static int do_array(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p,
                    struct span val)
{
    f->pend.applied = 1;
    f->pend.array = num;
    if (!f->pend.n)
        return 1;  /* nothing taken out: as cairo wrote it */
    if (span_items(p, val, &f->items, &f->nitems, &f->capitems))
        return fail(f, "bad array in object %u", num);
    sp_buf_printf(&f->out, "%u %u obj\n[", num, gen);
    for (size_t i = 0; i < f->nitems; i++) {
        int null = 0;
        for (size_t k = 0; k < f->pend.n; k++)
            if (f->pend.mcids[k] == i)
                null = 1;
        if (null) {
            long long r = ref_num(p, f->items[i]);
            if (r < 0 || (unsigned long long)r < f->win || ensure_num(f, (unsigned long long)r))
                return fail(f, "artifact MCID %zu has no element in array %u", i, num);
            f->flags[r - (long long)f->win] |= F_DROPPED;
            sp_buf_str(&f->out, "\n  null");
        } else {
            sp_buf_str(&f->out, "\n  ");
            sp_buf_add(&f->out, p + f->items[i].start, f->items[i].end - f->items[i].start);
        }
    }
    for (size_t k = 0; k < f->pend.n; k++)
        if (f->pend.mcids[k] >= f->nitems)
            return fail(f, "artifact MCID %u is not in array %u", f->pend.mcids[k], num);
    sp_buf_str(&f->out, "\n]\nendobj\n");
    return put_object(f, num, gen);
}

/* Is every element of the array a reference or null? */
static int refs_only(const unsigned char *p, const struct span *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ref_num(p, v[i]) < 0 && !span_is(p, v[i], "null"))
            return 0;
    return 1;
}

/* /K without the dropped elements (sorted by keys when given, `first` put first), written
   as "\n   /K [ ... ]"; nothing when no child is left. */
static int put_kids_more(struct sp_pdf_filter *f, struct sp_buf *b, const unsigned char *p,
                         struct span k, const double *keys, long long first,
                         const unsigned *more, size_t nmore);

static int put_kids(struct sp_pdf_filter *f, struct sp_buf *b, const unsigned char *p,
                    struct span k, const double *keys, long long first)
{
    return put_kids_more(f, b, p, k, keys, first, NULL, 0);
}

/* ... and the objects more[0..nmore) after them (a chunked document's Parts). */
static int put_kids_more(struct sp_pdf_filter *f, struct sp_buf *b, const unsigned char *p,
                         struct span k, const double *keys, long long first,
                         const unsigned *more, size_t nmore)
{
    struct sp_buf t = { 0 };
    size_t *order, kept = 0;

    if (span_items(p, k, &f->items, &f->nitems, &f->capitems))
        return fail(f, "bad /K array");
    order = xmalloc((f->nitems ? f->nitems : 1) * sizeof *order);
    for (size_t i = 0; i < f->nitems; i++)
        order[i] = i;
    if (keys) {
        /* stable insertion sort: the children are few and mostly in order already */
        for (size_t i = 1; i < f->nitems; i++) {
            size_t v = order[i], j = i;
            while (j > 0 && keys[order[j - 1]] > keys[v]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = v;
        }
    }
    if (first >= 0) {
        sp_buf_printf(&t, " %lld 0 R", first);
        kept++;
    }
    for (size_t i = 0; i < f->nitems; i++) {
        struct span s = f->items[order[i]];
        long long r = ref_num(p, s);
        if (dropped_at(f, r))
            continue;
        sp_buf_str(&t, " ");
        sp_buf_add(&t, p + s.start, s.end - s.start);
        kept++;
    }
    for (size_t i = 0; i < nmore; i++, kept++)
        sp_buf_printf(&t, " %u 0 R", more[i]);
    if (kept) {
        sp_buf_str(b, "\n   /K [");
        sp_buf_add(b, t.p, t.n);
        sp_buf_str(b, " ]");
    }
    free(t.p);
    free(order);
    return 0;
}

static int is_artifact_elem(const unsigned char *p, const struct dict *d)
{
    return dict_name_is(p, d, "/S", "/" SP_PDF_TAG_LAYOUT) ||
           dict_name_is(p, d, "/S", "/" SP_PDF_TAG_HEADER) ||
           dict_name_is(p, d, "/S", "/" SP_PDF_TAG_FOOTER);
}

static int do_elem(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p,
                   struct span val)
{
    static const char *const skip[] = { "/K", "/S", "/Alt", "/Lang", "/ActualText", NULL };
    static const char *const skip_p[] = { "/K", "/S", "/Alt", "/Lang", "/ActualText", "/P",
                                          NULL };
    const struct sp_pdf_marks *m = f->info->marks;
    int is_doc = dict_name_is(p, &f->d, "/S", "/Document");
    /* chunked: the first chunk's Document is held back, a later chunk's is a Part of it */
    int hold = is_doc && f->doc_num < 0 && (f->info->imposed || (f->chunked && !f->chunk));
    int part = is_doc && f->chunked && f->chunk > 0;
    const struct kv *k = dict_get(p, &f->d, "/K"), *s = dict_get(p, &f->d, "/S");
    const struct sp_pdf_span *sp = NULL;
    const char *alt = NULL;
    int dropped = dropped_at(f, num);

    if (is_artifact_elem(p, &f->d) != dropped)
        return fail(f, dropped ? "element %u is in no page's content as an artifact"
                               : "artifact element %u is not in a page's parent tree", num);
    if (dropped)
        return 0;  /* left out: a free entry in the xref */
    /* 1 below: no change, the caller copies the object as cairo wrote it */
    if (dict_name_is(p, &f->d, "/S", "/" SP_PDF_TAG_SPAN)) {
        if (!m || f->nspan_elems >= m->nspans)
            return fail(f, "more span elements than spans drawn");
        sp = &m->spans[f->nspan_elems++];
    } else if (dict_name_is(p, &f->d, "/S", "/Figure")) {
        if (!m || f->nfigures >= m->nalts)
            return fail(f, "more '/Figure' elements than figures drawn");
        alt = m->alts[f->nfigures++];
    }
    if (part && f->doc_num < 0)
        return fail(f, "a later chunk's Document element %u before the first chunk's", num);
    if (!sp && !alt && !hold && !part) {
        /* unchanged unless a child was taken out: then as cairo wrote it */
        int any = 0;
        if (k && !span_items(p, k->val, &f->items, &f->nitems, &f->capitems))
            for (size_t i = 0; i < f->nitems && !any; i++) {
                long long r = ref_num(p, f->items[i]);
                any = dropped_at(f, r);
            }
        if (!any)
            return 1;
    }
    if (hold) {
        /* held back: its children are sorted when the reading-order keys are known */
        f->doc_num = num;
        f->doc_gen = gen;
        f->doc.n = 0;
        sp_buf_add(&f->doc, p + val.start, val.end - val.start);
        return 0;
    }
    open_dict(&f->out, num, gen, p, &f->d, part ? skip_p : skip);
    sp_buf_str(&f->out, "\n   /S ");
    if (part) {
        sp_buf_printf(&f->out, "/Part\n   /P %lld %u R", f->doc_num, f->doc_gen);
        GROW(f->parts, f->nparts, f->capparts);
        f->parts[f->nparts++] = num;
    } else if (sp)
        sp_buf_str(&f->out, "/Span");
    else if (s)
        sp_buf_add(&f->out, p + s->val.start, s->val.end - s->val.start);
    if (k && put_kids(f, &f->out, p, k->val, NULL, -1))
        return -1;
    if (sp && sp->lang) {
        sp_buf_str(&f->out, "\n   /Lang ");
        sp_pdf_put_text(&f->out, sp->lang);
    } else if (!sp && dict_get(p, &f->d, "/Lang")) {
        const struct kv *l = dict_get(p, &f->d, "/Lang");
        sp_buf_str(&f->out, "\n   /Lang ");
        sp_buf_add(&f->out, p + l->val.start, l->val.end - l->val.start);
    }
    if (sp && sp->actual_text) {
        sp_buf_str(&f->out, "\n   /ActualText ");
        sp_pdf_put_text(&f->out, sp->actual_text);
    }
    if (alt) {
        sp_buf_str(&f->out, "\n   /Alt ");
        sp_pdf_put_text(&f->out, alt);
    } else if (dict_get(p, &f->d, "/Alt")) {
        const struct kv *a = dict_get(p, &f->d, "/Alt");
        sp_buf_str(&f->out, "\n   /Alt ");
        sp_buf_add(&f->out, p + a->val.start, a->val.end - a->val.start);
    }
    close_dict(&f->out);
    return put_object(f, num, gen);
}

static int do_link(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p)
{
    static const char *const skip[] = { "/A", "/Contents", NULL };
    const struct sp_pdf_marks *m = f->info->marks;
    const struct sp_pdf_link *l;
    const struct kv *a = dict_get(p, &f->d, "/A");

    if (!m || f->nlinks >= m->nlinks)
        return fail(f, "more link annotations than links drawn");
    l = &m->links[f->nlinks++];
    if (l->uri) {
        /* cairo wrote the target unescaped: it must be exactly the one we gave it */
        struct lex lx = { p, a ? a->val.end : 0, a ? a->val.start : 0, 0 };
        const struct kv *u;
        size_t ul = strlen(l->uri);

        if (!a || parse_dict(&lx, &f->d2) || !(u = dict_get(p, &f->d2, "/URI")) ||
            u->val.end - u->val.start != ul + 2 || p[u->val.start] != '(' ||
            memcmp(p + u->val.start + 1, l->uri, ul))
            return fail(f, "link annotation %u does not go to '%.200s'", num, l->uri);
    }
    open_dict(&f->out, num, gen, p, &f->d, l->uri ? skip : skip + 1);
    if (l->uri) {
        sp_buf_str(&f->out, "\n   /A << /Type /Action /S /URI /URI ");
        sp_pdf_put_uri(&f->out, l->uri);
        sp_buf_str(&f->out, " >>");
    }
    sp_buf_str(&f->out, "\n   /Contents ");
    sp_pdf_put_text(&f->out, l->contents);
    close_dict(&f->out);
    return put_object(f, num, gen);
}

static int do_page(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p)
{
    static const char *const skip[] = { "/Tabs", "/TrimBox", "/BleedBox", NULL };
    double r[4] = { 0, 0, 0, 0 }, bleed = f->info->bleed;
    const struct kv *mb = dict_get(p, &f->d, "/MediaBox");
    const struct kv *c = dict_get(p, &f->d, "/Contents");
    const struct kv *sp = dict_get(p, &f->d, "/StructParents");

    if (f->pend.has && f->pend.n) {
        if (!c || ref_num(p, c->val) != (long long)f->pend.stream || !f->pend.applied)
            return fail(f, "page %u: artifacts taken out of its content but not out of its "
                        "parent tree", num);
        if (!sp || span_uint(p, sp->val) < 0)
            return fail(f, "page %u has artifacts and no /StructParents", num);
        GROW(f->checks, f->nchecks, f->capchecks);
        f->checks[f->nchecks].key = span_uint(p, sp->val);
        f->checks[f->nchecks].array = f->pend.array;
        f->checks[f->nchecks].ok = 0;
        f->nchecks++;
    }
    f->pend.has = 0;
    f->pend.n = 0;
    if (bleed > 0) {
        if (!mb || span_rect(p, mb->val, r))
            return fail(f, "page '%u %u obj' has no '/MediaBox' of 4 numbers", num, gen);
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
        if (!(r[2] - r[0] > 2 * bleed && r[3] - r[1] > 2 * bleed)) {
            char bl[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_formatd(bl, sizeof bl, "%.2f", bleed);
            return fail(f, "page '%u %u obj' is too small for a %s pt bleed", num, gen, bl);
        }
    }
    if (!dict_get(p, &f->d, "/Annots") && bleed <= 0)
        return 1;  /* as cairo wrote it */
    open_dict(&f->out, num, gen, p, &f->d, skip);
    if (dict_get(p, &f->d, "/Annots"))
        sp_buf_str(&f->out, "\n   /Tabs /S");  /* pages with annotations (PDF/UA 7.18.3) */
    if (bleed > 0) {
        sp_buf_str(&f->out, "\n   /TrimBox ");
        put_rect(&f->out, r[0] + bleed, r[1] + bleed, r[2] - bleed, r[3] - bleed);
        sp_buf_str(&f->out, "\n   /BleedBox ");  /* the media box as written: equal */
        sp_buf_add(&f->out, p + mb->val.start, mb->val.end - mb->val.start);
    }
    close_dict(&f->out);
    return put_object(f, num, gen);
}

/* The parent tree's /Nums: the changed arrays must be the ones the pages point to. */
static void check_nums(struct sp_pdf_filter *f, const unsigned char *p, struct span nums,
                       long long add)
{
    if (span_items(p, nums, &f->items, &f->nitems, &f->capitems))
        return;
    for (size_t i = 0; i + 1 < f->nitems; i += 2) {
        long long key = span_uint(p, f->items[i]), r = ref_num(p, f->items[i + 1]);
        if (key >= 0)
            key += add;
        for (size_t c = 0; c < f->nchecks; c++)
            if (f->checks[c].key == key && r == (long long)f->checks[c].array)
                f->checks[c].ok = 1;
    }
}

static int do_info(struct sp_pdf_filter *f, unsigned num, unsigned gen)
{
    const struct sp_pdf_a11y *in = f->info;
    const char *keys[] = { "/Title", "/Author", "/Subject", "/Keywords", "/Creator",
                           "/Producer" };
    const char *vals[] = { in->title, in->author, in->subject, in->keywords, in->creator,
                           in->producer };

    f->info_num = num;
    sp_buf_printf(&f->out, "%u %u obj\n<<", num, gen);
    for (size_t i = 0; i < 6; i++) {
        if (!vals[i])
            continue;
        sp_buf_printf(&f->out, "\n   %s ", keys[i]);
        sp_pdf_put_text(&f->out, vals[i]);
    }
    if (in->date != (time_t)-1) {
        char d[32];
        sp_pdf_date(in->date, d, sizeof d);
        sp_buf_str(&f->out, "\n   /CreationDate ");
        sp_pdf_put_text(&f->out, d);
        sp_buf_str(&f->out, "\n   /ModDate ");
        sp_pdf_put_text(&f->out, d);
    }
    close_dict(&f->out);
    return put_object(f, num, gen);
}

/* ---- chunks ---- */

static int pump(struct sp_pdf_filter *f, int final);

/*
 * p[s) into b with every reference "n g R" as "n+base g R", and the number after
 * /StructParents or /StructParent raised by key_base: an object of a later chunk.
 * Strings are copied as they are.
 */
static void renumber_into(struct sp_pdf_filter *f, const unsigned char *p, struct span s,
                          struct sp_buf *b)
{
    struct lex lx = { p, s.end, s.start, 0 };
    size_t run = s.start;
    size_t i = run;
    int key_next = 0;  /* the token before was /StructParents or /StructParent */

    while (i < s.end) {
        unsigned char c = p[i];

        if (c == '(') {
            int nest = 0;
            do {
                c = p[i++];
                if (c == '\\')
                    i++;
                else if (c == '(')
                    nest++;
                else if (c == ')')
                    nest--;
            } while (nest > 0 && i < s.end);
            key_next = 0;
        } else if (c == '<' && i + 1 < s.end && p[i + 1] == '<') {
            i += 2;
            key_next = 0;
        } else if (c == '<') {
            while (i < s.end && p[i] != '>')
                i++;
            i++;
            key_next = 0;
        } else if (c == '%') {
            while (i < s.end && p[i] != '\n' && p[i] != '\r')
                i++;
        } else if (c == '/') {
            size_t e = regular_end(&lx, i + 1);
            key_next = (e - i == 14 && !memcmp(p + i, "/StructParents", 14)) ||
                       (e - i == 13 && !memcmp(p + i, "/StructParent", 13));
            i = e;
        } else if (c >= '0' && c <= '9') {
            unsigned long long n;
            size_t e = ref_end(&lx, i, &n), ne = regular_end(&lx, i);

            if (e || key_next) {
                struct lex t = { p, ne, i, 0 };
                unsigned long long v = 0;
                if (!e && read_uint(&t, 12, &v)) {
                    i = ne;  /* not a plain integer: left as it is */
                    key_next = 0;
                    continue;
                }
                sp_buf_add(b, p + run, i - run);
                if (e)
                    sp_buf_printf(b, "%llu", n + f->base);
                else
                    sp_buf_printf(b, "%lld", (long long)v + f->key_base);
                run = ne;
                i = e ? e : ne;
            } else {
                i = ne;
            }
            key_next = 0;
        } else {
            if (!is_ws(c))
                key_next = 0;
            i++;
        }
    }
    sp_buf_add(b, p + run, s.end - run);
}

/* A number-tree leaf of a chunk (the parent tree, or the page labels): keys raised to
   the whole document's, /Limits added, recorded for the root written at the end. */
static int do_nums(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p)
{
    const struct kv *nums = dict_get(p, &f->d, "/Nums");
    long long lo = -1, hi = -1, add;
    int labels = 0;

    if (dict_get(p, &f->d, "/Kids") || dict_get(p, &f->d, "/Limits"))
        return fail(f, "number tree %u has more than one node", num);
    if (span_items(p, nums->val, &f->items, &f->nitems, &f->capitems) || f->nitems % 2)
        return fail(f, "bad /Nums in object %u", num);
    for (size_t i = 1; i < f->nitems; i += 2)
        if (p[f->items[i].start] == '<')
            labels = 1;  /* values are dictionaries: page labels */
    add = labels ? (long long)f->page_base : f->key_base;
    if (!labels)
        check_nums(f, p, nums->val, add);
    /* check_nums used f->items: list them again */
    span_items(p, nums->val, &f->items, &f->nitems, &f->capitems);
    sp_buf_printf(&f->out, "%u %u obj\n<< /Nums [", num, gen);
    for (size_t i = 0; i + 1 < f->nitems; i += 2) {
        long long key = span_uint(p, f->items[i]);
        if (key < 0)
            return fail(f, "bad key in number tree %u", num);
        key += add;
        if (lo < 0)
            lo = key;
        if (key <= hi)
            return fail(f, "keys out of order in number tree %u", num);
        hi = key;
        sp_buf_printf(&f->out, " %lld ", key);
        sp_buf_add(&f->out, p + f->items[i + 1].start,
                   f->items[i + 1].end - f->items[i + 1].start);
    }
    if (lo < 0) {
        f->out.n = 0;
        return 0;  /* empty: nothing points to it once the chunk's root is gone */
    }
    sp_buf_printf(&f->out, " ]\n   /Limits [ %lld %lld ]\n>>\nendobj\n", lo, hi);
    if (labels) {
        GROW(f->labels, f->nlabels, f->caplabels);
        f->labels[f->nlabels++] = (struct leaf){ num, lo, hi };
    } else {
        GROW(f->ptree, f->nptree, f->capptree);
        f->ptree[f->nptree++] = (struct leaf){ num, lo, hi };
        if (hi + 1 > f->key_end)
            f->key_end = hi + 1;
    }
    return put_object(f, num, gen);
}

/* The objects a chunked document joins or leaves out; 1: not one of them. */
static int do_chunked(struct sp_pdf_filter *f, unsigned num, unsigned gen,
                      const unsigned char *p, struct span val)
{
    if (dict_name_is(p, &f->d, "/Type", "/Pages")) {
        if (dict_get(p, &f->d, "/Parent"))
            return fail(f, "page tree node %u is not a root", num);
        if (!f->chunk) {
            f->pages_num = num;
            f->pages_gen = gen;
            sp_buf_add(&f->pages_root, p + val.start, val.end - val.start);
            return 0;
        }
        open_dict(&f->out, num, gen, p, &f->d, NULL);
        sp_buf_printf(&f->out, "\n   /Parent %lld %u R", f->pages_num, f->pages_gen);
        close_dict(&f->out);
        GROW(f->subpages, f->nsubpages, f->capsubpages);
        f->subpages[f->nsubpages++] = num;
        return put_object(f, num, gen);
    }
    if (dict_name_is(p, &f->d, "/Type", "/StructTreeRoot")) {
        const struct kv *k = dict_get(p, &f->d, "/K");
        if (!f->chunk) {
            f->root_num = num;
            f->root_gen = gen;
            sp_buf_add(&f->struct_root, p + val.start, val.end - val.start);
            f->have_struct_root = 1;
            return 0;
        }
        if (!k || span_items(p, k->val, &f->items, &f->nitems, &f->capitems) ||
            f->nitems != 1 || !f->nparts ||
            ref_num(p, f->items[0]) != (long long)f->parts[f->nparts - 1])
            return fail(f, "the structure tree of chunk %u is not one Document element",
                        f->chunk + 1);
        return 0;  /* left out: its Document is a Part of the first chunk's */
    }
    if (dict_name_is(p, &f->d, "/Type", "/Catalog")) {
        f->chunk_cat = num;
        return f->chunk ? 0 : 1;  /* the first chunk's is held back as always */
    }
    if (!dict_get(p, &f->d, "/Type") && dict_get(p, &f->d, "/Producer")) {
        f->chunk_info = num;
        return f->chunk ? 0 : 1;
    }
    if (!dict_get(p, &f->d, "/Type") && dict_get(p, &f->d, "/Nums"))
        return do_nums(f, num, gen, p);
    return 1;
}

/* The first chunk's Document element, held back: its children left out now, while this
   chunk's artifact elements are still known (the next chunk starts a new window). */
static int hold_doc_kids(struct sp_pdf_filter *f)
{
    static const char *const skip[] = { "/K", NULL };
    const unsigned char *p = f->doc.p;
    struct lex lx = { p, f->doc.n, 0, 0 };
    struct sp_buf b = { 0 };
    const struct kv *k;

    if (f->doc_num < 0)
        return fail(f, "the first chunk has no Document element");
    if (parse_dict(&lx, &f->d))
        return fail(f, "bad '/Document' element");
    k = dict_get(p, &f->d, "/K");
    sp_buf_str(&b, "<<");
    put_entries(&b, p, &f->d, skip);
    if (k && put_kids(f, &b, p, k->val, NULL, -1)) {
        free(b.p);
        return -1;
    }
    sp_buf_str(&b, "\n>>");
    free(f->doc.p);
    f->doc = b;
    return 0;
}

/* A chunked document's xref, from the file: free entries chained, then copied out. */
static int xref_from_file(struct sp_pdf_filter *f, unsigned newsize)
{
    enum { BLOCK = 1024 };
    char *buf = xmalloc(20 * BLOCK + 1);
    unsigned nf = 0;
    int rc = 0;

    if (xref_flush(f, newsize) || ftruncate(f->xref_fd, (off_t)newsize * 20)) {
        free(buf);
        return f->failed ? -1 : fail(f, "cannot write the cross-reference table's temporary "
                                        "file: %s", strerror(errno));
    }
    /* backwards: each free entry points to the next free number above it */
    for (unsigned end = newsize; end > 0 && !rc;) {
        unsigned start = end > BLOCK ? end - BLOCK : 0;
        size_t n = (size_t)(end - start) * 20;
        if (pread(f->xref_fd, buf, n, (off_t)start * 20) != (ssize_t)n) {
            rc = fail(f, "cannot read the cross-reference table's temporary file");
            break;
        }
        for (unsigned i = end; i-- > start;) {
            char *line = buf + (size_t)(i - start) * 20, tmp[48];
            if (i == 0 || !line[0]) {
                /* 20 bytes, without snprintf's terminator over the next line */
                snprintf(tmp, sizeof tmp, i ? "%010u 00001 f \n" : "%010u 65535 f \n", nf);
                memcpy(line, tmp, 20);
                if (i)
                    nf = i;
            }
        }
        if (pwrite(f->xref_fd, buf, n, (off_t)start * 20) != (ssize_t)n)
            rc = fail(f, "cannot write the cross-reference table's temporary file");
        end = start;
    }
    for (unsigned start = 0; start < newsize && !rc; start += BLOCK) {
        unsigned end = newsize - start > BLOCK ? start + BLOCK : newsize;
        size_t n = (size_t)(end - start) * 20;
        if (pread(f->xref_fd, buf, n, (off_t)start * 20) != (ssize_t)n)
            rc = fail(f, "cannot read the cross-reference table's temporary file");
        else
            rc = emit(f, buf, n);
    }
    free(buf);
    return rc;
}

int sp_pdf_filter_failed(const struct sp_pdf_filter *f)
{
    return f->failed;
}

void sp_pdf_filter_chunked(struct sp_pdf_filter *f)
{
    if (f->chunk == 0)
        f->chunked = 1;
}

/* cairo's trailer in f->in from f->start: its /Size, and /Root and /Info checked against
   the catalog and information dictionary written (numbers as in the file). */
static int read_trailer(struct sp_pdf_filter *f, long long cat, long long info,
                        unsigned long long *size, struct span *id, const unsigned char **idp)
{
    const unsigned char *p = f->in.p + f->start;
    size_t len = f->in.n - f->start, tpos;
    const unsigned char *t = find_bytes(p, len, "trailer", 7);
    struct lex lx;
    const struct kv *size_kv, *root_kv, *info_kv, *id_kv;

    tpos = t ? (size_t)(t - p) + 7 : len;
    lx = (struct lex){ p, len, tpos, 0 };
    if (tpos >= len || parse_dict(&lx, &f->d2))
        return fail(f, "no dictionary after 'trailer'");
    size_kv = dict_get(p, &f->d2, "/Size");
    root_kv = dict_get(p, &f->d2, "/Root");
    info_kv = dict_get(p, &f->d2, "/Info");
    id_kv = dict_get(p, &f->d2, "/ID");
    if (!size_kv || span_uint(p, size_kv->val) <= 0)
        return fail(f, "no '/Size' in trailer");
    *size = (unsigned long long)span_uint(p, size_kv->val);
    if (!root_kv || ref_num(p, root_kv->val) < 0 ||
        ref_num(p, root_kv->val) + (long long)f->base != cat)
        return fail(f, "the trailer's '/Root' is not the catalog that was written");
    if (info_kv && ref_num(p, info_kv->val) + (long long)f->base != info)
        return fail(f, "the trailer's '/Info' is not the document information that was "
                    "written");
    if (id) {
        *id = id_kv ? id_kv->val : (struct span){ 0, 0 };
        *idp = p;
    }
    return 0;
}

int sp_pdf_filter_next_chunk(struct sp_pdf_filter *f)
{
    unsigned long long size = 0;
    double t0 = cpu_now();

    if (!f->chunked)
        return fail(f, "a next chunk, but the document is not chunked");
    if (!f->failed)
        pump(f, 1);
    if (!f->failed && f->state != ST_TAIL)
        fail(f, "no 'xref' after the objects");
    if (f->failed ||
        read_trailer(f, f->chunk_cat, f->chunk ? f->chunk_info : f->info_num, &size, NULL,
                     NULL))
        return -1;
    if (g_hash_table_size(f->oldlen) || g_hash_table_size(f->newlen))
        return fail(f, "a stream's length object never came");
    for (size_t c = 0; c < f->nchecks; c++)
        if (!f->checks[c].ok)
            return fail(f, "the parent tree does not use the changed array %u",
                        f->checks[c].array);
    if (f->chunk && f->nparts != f->chunk)
        return fail(f, "chunk %u has no Document element", f->chunk + 1);
    {
        /* what this chunk drew was all found: the caller may now empty the marks */
        const struct sp_pdf_marks *m = f->info->marks;
        size_t ns = m ? m->nspans : 0, nl = m ? m->nlinks : 0, na = m ? m->nalts : 0;
        if (f->nspans != ns || f->nspan_elems != ns)
            return fail(f, "%zu spans drawn, %zu marked in content, %zu elements", ns,
                        f->nspans, f->nspan_elems);
        if (f->nlinks != nl)
            return fail(f, "%zu '/Link' annotations but %zu links drawn", f->nlinks, nl);
        if (f->nfigures != na)
            return fail(f, "%zu '/Figure' elements but %zu figures drawn", f->nfigures, na);
        f->nspans = f->nspan_elems = f->nlinks = f->nfigures = 0;
    }
    f->nchecks = 0;
    if (!f->chunk && hold_doc_kids(f))
        return -1;
    f->base += size;
    if (f->maxnum >= f->base)
        return fail(f, "chunk %u has object numbers over its /Size", f->chunk + 1);
    if (xref_flush(f, f->base))
        return -1;
    f->key_base = f->key_end;
    f->page_base = f->npagenums;
    f->chunk++;
    f->chunk_cat = f->chunk_info = -1;
    f->in.n = 0;
    f->start = 0;
    f->scan = 0;
    f->state = ST_HEADER;
    f->seconds += cpu_now() - t0;
    return 0;
}

/* One complete object: p[obj_start..obj_end) is "num gen obj ... endobj". */
static int do_object(struct sp_pdf_filter *f, unsigned num, unsigned gen, const unsigned char *p,
                     size_t obj_start, size_t obj_end, struct span val, int stream,
                     struct span data)
{
    struct lex lx = { p, val.end, val.start, 0 };

    if (f->chunk > 0 && p != f->ren.p) {
        /* a later chunk: renumbered, then as any object */
        struct sp_buf *b = &f->ren;
        struct span v2, d2 = { 0, 0 };
        unsigned long long n2 = num + f->base;

        if (n2 > MAX_OBJNUM)
            return fail(f, "object number %llu is too large", n2);
        b->n = 0;
        sp_buf_printf(b, "%llu %u obj\n", n2, gen);
        v2.start = b->n;
        renumber_into(f, p, val, b);
        v2.end = b->n;
        if (stream) {
            sp_buf_str(b, "\nstream\n");
            d2.start = b->n;
            sp_buf_add(b, p + data.start, data.end - data.start);
            d2.end = b->n;
            sp_buf_str(b, "\nendstream");
        }
        sp_buf_str(b, "\nendobj");
        return do_object(f, (unsigned)n2, gen, b->p, 0, b->n, v2, stream, d2);
    }
    if (stream)
        return do_stream(f, num, gen, p, obj_start, obj_end, val, data);
    if (p[val.start] == '<' && val.end - val.start >= 2 && p[val.start + 1] == '<') {
        if (parse_dict(&lx, &f->d))
            return fail(f, "bad dictionary in object %u", num);
        if (f->chunked) {
            int rc = do_chunked(f, num, gen, p, val);
            if (rc <= 0)
                return rc;
        }
        if (dict_name_is(p, &f->d, "/Type", "/Page")) {
            GROW(f->pagenums, f->npagenums, f->cappagenums);
            f->pagenums[f->npagenums++] = num;
        }
        if (dict_name_is(p, &f->d, "/Type", "/Page")) {
            int rc = do_page(f, num, gen, p);
            if (rc <= 0)
                return rc;
        }
        if (dict_name_is(p, &f->d, "/Subtype", "/Link"))
            return do_link(f, num, gen, p);
        if (dict_name_is(p, &f->d, "/Type", "/StructElem")) {
            int rc = do_elem(f, num, gen, p, val);
            if (rc <= 0)
                return rc;
        }
        if (dict_name_is(p, &f->d, "/Type", "/StructTreeRoot")) {
            const struct kv *k = dict_get(p, &f->d, "/K");
            static const char *const skip[] = { "/K", NULL };
            f->have_struct_root = 1;
            open_dict(&f->out, num, gen, p, &f->d, skip);
            if (k && put_kids(f, &f->out, p, k->val, NULL, -1))
                return -1;
            close_dict(&f->out);
            return put_object(f, num, gen);
        }
        if (dict_name_is(p, &f->d, "/Type", "/Catalog")) {
            f->cat_num = num;
            f->cat_gen = gen;
            f->catalog.n = 0;
            sp_buf_add(&f->catalog, p + val.start, val.end - val.start);
            return 0;
        }
        if (dict_name_is(p, &f->d, "/Subtype", "/CIDFontType2") &&
            !dict_get(p, &f->d, "/CIDToGIDMap")) {
            open_dict(&f->out, num, gen, p, &f->d, NULL);
            sp_buf_str(&f->out, "\n   /CIDToGIDMap /Identity");
            close_dict(&f->out);
            return put_object(f, num, gen);
        }
        if (!dict_get(p, &f->d, "/Type") && dict_get(p, &f->d, "/Producer"))
            return do_info(f, num, gen);
        if (!dict_get(p, &f->d, "/Type") && dict_get(p, &f->d, "/Title") &&
            dict_get(p, &f->d, "/Parent") && f->info->outline) {
            /* a bookmark: its title from our writer, not cairo's */
            static const char *const skip[] = { "/Title", NULL };
            if (f->noutline >= f->info->noutline)
                return fail(f, "more bookmarks than were added");
            open_dict(&f->out, num, gen, p, &f->d, skip);
            sp_buf_str(&f->out, "\n   /Title ");
            sp_pdf_put_text(&f->out, f->info->outline[f->noutline++]);
            close_dict(&f->out);
            return put_object(f, num, gen);
        }
        if (dict_get(p, &f->d, "/Nums"))
            check_nums(f, p, dict_get(p, &f->d, "/Nums")->val, 0);
    } else if (p[val.start] == '[') {
        if (f->pend.has && !f->pend.applied &&
            !span_items(p, val, &f->items, &f->nitems, &f->capitems) &&
            refs_only(p, f->items, f->nitems)) {
            int rc = do_array(f, num, gen, p, val);
            if (rc <= 0)
                return rc;
        }
    } else {
        long long v = span_uint(p, val);
        gpointer nl = v >= 0 ? g_hash_table_lookup(f->newlen, GUINT_TO_POINTER(num)) : NULL;
        gpointer ol = g_hash_table_lookup(f->oldlen, GUINT_TO_POINTER(num));
        if (ol) {
            g_hash_table_remove(f->oldlen, GUINT_TO_POINTER(num));
            if (v != (long long)GPOINTER_TO_SIZE(ol) - 1)
                return fail(f, "the length in object %u does not match its stream", num);
        }
        if (nl) {
            g_hash_table_remove(f->newlen, GUINT_TO_POINTER(num));
            sp_buf_printf(&f->out, "%u %u obj\n%zu\nendobj\n", num, gen,
                          GPOINTER_TO_SIZE(nl) - 1);
            return put_object(f, num, gen);
        }
    }
    /* as cairo wrote it */
    if (record(f, num, gen))
        return -1;
    return emit(f, p + obj_start, obj_end - obj_start) || emit(f, "\n", 1);
}

/* Find the end of stream data from p[from..len): the EOL before "endstream". */
static int find_endstream(const unsigned char *p, size_t len, size_t from, size_t *data_end,
                          size_t *after)
{
    for (size_t i = from; i + 9 <= len;) {
        const unsigned char *q = find_bytes(p + i, len - i, "endstream", 9);
        size_t at;

        if (!q)
            return 0;
        at = (size_t)(q - p);
        if (at > from && (p[at - 1] == '\n' || p[at - 1] == '\r')) {
            /* one EOL byte: cairo writes "\nendstream", and data may end in '\r' (the
               stream's /Length, checked when its object comes, settles it) */
            *data_end = at - 1;
            *after = at + 9;
            return 1;
        }
        i = at + 1;
    }
    return 0;
}

/* Parse and handle complete objects from the input buffer.  Returns 0 or -1. */
static int pump(struct sp_pdf_filter *f, int final)
{
    for (;;) {
        const unsigned char *p = f->in.p + f->start;
        size_t len = f->in.n - f->start;
        struct lex lx = { p, len, 0, 0 };
        unsigned long long num, gen;
        struct span val, data = { 0, 0 };
        int stream = 0;
        size_t obj_start, obj_end;

        if (f->failed)
            return -1;
        if (f->state == ST_HEADER) {
            /* the header lines: everything up to the first line that starts an object */
            size_t i = 0;
            if (len < 5 && !final)
                return 0;
            if (len < 5 || memcmp(p, "%PDF-", 5))
                return fail(f, "no '%%PDF-' header found");
            for (;;) {
                const unsigned char *nl = memchr(p + i, '\n', len - i);
                if (!nl)
                    return final ? fail(f, "nothing after the header") : 0;
                i = (size_t)(nl - p) + 1;
                if (i < len && p[i] != '%')
                    break;
                if (i >= len)
                    return final ? fail(f, "nothing after the header") : 0;
            }
            if (f->chunk == 0 && emit(f, p, i))  /* a later chunk's header: left out */
                return -1;
            f->start += i;
            f->state = ST_OBJECTS;
            continue;
        }
        if (f->state == ST_TAIL)
            return 0;
        skip_ws(&lx);
        if (lx.pos >= len)
            return final ? fail(f, "no 'xref' after the objects") : 0;
        lx.eof = 0;
        if (keyword_at(&lx, lx.pos, "xref")) {
            f->start += lx.pos;
            f->state = ST_TAIL;
            return 0;
        }
        obj_start = lx.pos;
        if (read_uint(&lx, 10, &num) || (skip_ws(&lx), read_uint(&lx, 5, &gen)) ||
            (skip_ws(&lx), !keyword_at(&lx, lx.pos, "obj"))) {
            if (lx.eof && !final)
                return 0;
            return fail(f, "no object at offset %zu of cairo's output", f->start + obj_start);
        }
        if (num > MAX_OBJNUM)
            return fail(f, "object number %llu is too large", num);
        lx.pos += 3;
        if (parse_value(&lx, 0, &val)) {
            if (lx.eof && !final)
                return 0;
            return fail(f, "bad value in object %llu", num);
        }
        skip_ws(&lx);
        if (keyword_at(&lx, lx.pos, "stream")) {
            size_t d0 = lx.pos + 6, dend, after;
            if (d0 < len && p[d0] == '\r')
                d0++;
            if (d0 >= len) {
                if (!final)
                    return 0;
                return fail(f, "stream %llu is cut short", num);
            }
            if (p[d0] == '\n')
                d0++;
            if (!find_endstream(p, len, f->scan > d0 ? f->scan : d0, &dend, &after)) {
                if (final)
                    return fail(f, "no 'endstream' in object %llu", num);
                f->scan = len > 10 ? len - 10 : 0;
                return 0;
            }
            data.start = d0;
            data.end = dend;
            lx.pos = after;
            skip_ws(&lx);
            stream = 1;
        }
        if (!keyword_at(&lx, lx.pos, "endobj")) {
            if (lx.eof && !final)
                return 0;
            return fail(f, "no 'endobj' after object %llu", num);
        }
        obj_end = lx.pos + 6;
        f->scan = 0;
        if (do_object(f, (unsigned)num, (unsigned)gen, p, obj_start, obj_end, val, stream,
                      data))
            return -1;
        f->start += obj_end;
        if (f->start > (1u << 20) && f->start > f->in.n / 2) {
            memmove(f->in.p, f->in.p + f->start, f->in.n - f->start);
            f->in.n -= f->start;
            f->start = 0;
        }
    }
}

struct sp_pdf_filter *sp_pdf_filter_new(const struct sp_pdf_a11y *info, sp_pdf_sink sink,
                                        void *closure)
{
    struct sp_pdf_filter *f = xcalloc(1, sizeof *f);

    f->info = info;
    f->sink = sink;
    f->closure = closure;
    f->newlen = g_hash_table_new(g_direct_hash, g_direct_equal);
    f->oldlen = g_hash_table_new(g_direct_hash, g_direct_equal);
    f->info_num = f->cat_num = f->doc_num = -1;
    f->chunk_cat = f->chunk_info = f->pages_num = f->root_num = -1;
    f->xref_fd = -1;
    if (!info)
        fail(f, "no info given");
    else if (!isfinite(info->bleed) || info->bleed < 0)
        fail(f, "bleed must be a number >= 0");
    return f;
}

/*
 * After "xref": cairo's cross-reference table is rebuilt, never copied, and only the
 * trailer after it is read.  Give up the table's lines as they come (about 20 bytes an
 * object: tens of MB for a large document), keeping the last few bytes in case
 * "trailer" is split between two writes.
 */
static void tail_trim(struct sp_pdf_filter *f)
{
    size_t len = f->in.n - f->start;

    if (len < 4096 || find_bytes(f->in.p + f->start, len, "trailer", 7))
        return;
    f->in.p[0] = 'x';  /* the tail still starts at "xref" */
    memcpy(f->in.p + 1, "ref\n", 4);
    memmove(f->in.p + 5, f->in.p + f->in.n - 8, 8);
    f->start = 0;
    f->in.n = 13;
}

int sp_pdf_filter_write(struct sp_pdf_filter *f, const unsigned char *data, size_t n)
{
    size_t from = f->in.n > f->start + 6 ? f->in.n - 6 : f->start;

    if (f->failed)
        return -1;
    sp_buf_add(&f->in, data, n);
    if (f->state == ST_TAIL) {
        tail_trim(f);
        return 0;
    }
    /* cairo writes an object in many small pieces: try to parse only when one may have
       ended (every object ends with "endobj"), so a large one is not parsed again and
       again */
    if (f->state == ST_OBJECTS && !find_bytes(f->in.p + from, f->in.n - from, "endobj", 6) &&
        !find_bytes(f->in.p + from, f->in.n - from, "xref", 4))
        return 0;
    {
        double t0 = cpu_now();
        int rc = pump(f, 0);
        f->seconds += cpu_now() - t0;
        return rc;
    }
}

void sp_pdf_filter_free(struct sp_pdf_filter *f)
{
    if (!f)
        return;
    free(f->in.p);
    free(f->out.p);
    free(f->tmp.p);
    free(f->tmp2.p);
    free(f->offs);
    free(f->flags);
    free(f->gens);
    g_hash_table_destroy(f->newlen);
    g_hash_table_destroy(f->oldlen);
    free(f->pend.mcids);
    free(f->checks);
    free(f->catalog.p);
    free(f->doc.p);
    free(f->d.v);
    free(f->d2.v);
    free(f->items);
    free(f->pagenums);
    free(f->pages_root.p);
    free(f->struct_root.p);
    free(f->ptree);
    free(f->labels);
    free(f->subpages);
    free(f->parts);
    free(f->ren.p);
    if (f->xref_fd >= 0)
        close(f->xref_fd);
    free(f);
}

/* One XMP property: open, the value escaped for XML, close; nothing when v is NULL. */
static void xmp_field(struct sp_buf *b, const char *open, const char *v, const char *close)
{
    if (!v)
        return;
    sp_buf_str(b, open);
    sp_pdf_put_xml(b, v);
    sp_buf_str(b, close);
}

static void build_xmp(struct sp_buf *b, const struct sp_pdf_a11y *info)
{
    sp_buf_str(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "  <rdf:Description rdf:about=\"\"\n"
                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                  "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                  "   <dc:format>application/pdf</dc:format>\n");
    xmp_field(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", info->title,
              "</rdf:li></rdf:Alt></dc:title>\n");
    xmp_field(b, "   <dc:creator><rdf:Seq><rdf:li>", info->author,
              "</rdf:li></rdf:Seq></dc:creator>\n");
    xmp_field(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", info->subject,
              "</rdf:li></rdf:Alt></dc:description>\n");
    xmp_field(b, "   <dc:language><rdf:Bag><rdf:li>", info->lang,
              "</rdf:li></rdf:Bag></dc:language>\n");
    xmp_field(b, "   <pdf:Keywords>", info->keywords, "</pdf:Keywords>\n");
    xmp_field(b, "   <pdf:Producer>", info->producer, "</pdf:Producer>\n");
    xmp_field(b, "   <xmp:CreatorTool>", info->creator, "</xmp:CreatorTool>\n");
    if (info->date != (time_t)-1) {
        char d[32];
        sp_pdf_iso_date(info->date, d, sizeof d);
        sp_buf_printf(b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                         "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n", d, d);
    }
    if (info->pdfua)
        sp_buf_str(b, "   <pdfuaid:part>1</pdfuaid:part>\n");
    sp_buf_str(b, "  </rdf:Description>\n"
                  " </rdf:RDF>\n"
                  "</x:xmpmeta>\n"
                  "<?xpacket end=\"w\"?>");
}

/* The held-back Document element: children in reading order, the note first. */
static int put_document(struct sp_pdf_filter *f, long long note)
{
    static const char *const skip[] = { "/K", NULL };
    const unsigned char *p = f->doc.p;
    struct lex lx = { p, f->doc.n, 0, 0 };
    const struct kv *k;
    int rc = 0;

    if (parse_dict(&lx, &f->d))
        return fail(f, "bad '/Document' element");
    k = dict_get(p, &f->d, "/K");
    if (k && span_items(p, k->val, &f->items, &f->nitems, &f->capitems) == 0 &&
        f->info->top_keys && f->nitems != f->info->ntop_keys) {
        size_t n = f->nitems;
        return fail(f, "the '/Document' element has %zu children but %zu reading-order keys",
                    n, f->info->ntop_keys);
    }
    open_dict(&f->out, (unsigned)f->doc_num, f->doc_gen, p, &f->d, skip);
    if (k)
        rc = put_kids_more(f, &f->out, p, k->val, f->info->top_keys, note, f->parts,
                           f->nparts);
    else if (note >= 0)
        sp_buf_printf(&f->out, "\n   /K [ %lld 0 R ]", note);
    close_dict(&f->out);
    return rc ? -1 : put_object(f, (unsigned)f->doc_num, f->doc_gen);
}

/* A number tree's root over the leaves v[0..n). */
static int put_num_root(struct sp_pdf_filter *f, unsigned num, const struct leaf *v, size_t n)
{
    sp_buf_printf(&f->out, "%u 0 obj\n<< /Kids [", num);
    for (size_t i = 0; i < n; i++)
        sp_buf_printf(&f->out, " %u 0 R", v[i].num);
    sp_buf_str(&f->out, " ]\n>>\nendobj\n");
    return put_object(f, num, 0);
}

/* A chunked document's bookmarks from info->outline_*: objects num (the root) and
   num + 1 + i for entry i, all open. */
static int put_outline(struct sp_pdf_filter *f, unsigned num)
{
    const struct sp_pdf_a11y *in = f->info;
    size_t n = in->noutline;
    long long *first = xmalloc((n + 1) * sizeof *first), *last = xmalloc((n + 1) * sizeof *last);
    long long *next = xmalloc(n * sizeof *next), *prev = xmalloc(n * sizeof *prev);
    size_t *count = xcalloc(n + 1, sizeof *count);
    int rc = 0;

    /* slot n is the root; an entry's parent comes before it */
    for (size_t i = 0; i <= n; i++)
        first[i] = last[i] = -1;
    for (size_t i = 0; i < n; i++) {
        int par = in->outline_parent[i];
        size_t up = par >= 0 && (size_t)par < i ? (size_t)par : n;
        next[i] = -1;
        prev[i] = last[up];
        if (last[up] >= 0)
            next[last[up]] = (long long)i;
        else
            first[up] = (long long)i;
        last[up] = (long long)i;
        if (in->outline_page[i] >= f->npagenums) {
            rc = fail(f, "bookmark %zu goes to page %zu of %zu", i + 1,
                      in->outline_page[i] + 1, f->npagenums);
            goto done;
        }
    }
    /* every entry is open: its count is all its descendants */
    for (size_t i = n; i-- > 0;) {
        int par = in->outline_parent[i];
        size_t up = par >= 0 && (size_t)par < i ? (size_t)par : n;
        count[up] += 1 + count[i];
    }
    sp_buf_printf(&f->out, "%u 0 obj\n<< /Type /Outlines", num);
    if (first[n] >= 0)
        sp_buf_printf(&f->out, "\n   /First %lld 0 R\n   /Last %lld 0 R\n   /Count %zu",
                      num + 1 + first[n], num + 1 + last[n], count[n]);
    sp_buf_str(&f->out, "\n>>\nendobj\n");
    if (put_object(f, num, 0)) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < n && !rc; i++) {
        int par = in->outline_parent[i];
        unsigned me = num + 1 + (unsigned)i;
        sp_buf_printf(&f->out, "%u 0 obj\n<< /Title ", me);
        sp_pdf_put_text(&f->out, in->outline[i] ? in->outline[i] : "");
        sp_buf_printf(&f->out, "\n   /Parent %u 0 R",
                      par >= 0 && (size_t)par < i ? num + 1 + (unsigned)par : num);
        if (prev[i] >= 0)
            sp_buf_printf(&f->out, "\n   /Prev %lld 0 R", num + 1 + prev[i]);
        if (next[i] >= 0)
            sp_buf_printf(&f->out, "\n   /Next %lld 0 R", num + 1 + next[i]);
        if (first[i] >= 0)
            sp_buf_printf(&f->out, "\n   /First %lld 0 R\n   /Last %lld 0 R\n   /Count %zu",
                          num + 1 + first[i], num + 1 + last[i], count[i]);
        sp_buf_printf(&f->out, "\n   /Dest [ %u 0 R /XYZ 0 ", f->pagenums[in->outline_page[i]]);
        put_number(&f->out, in->outline_y[i]);
        sp_buf_str(&f->out, " 0 ]\n>>\nendobj\n");
        rc = put_object(f, me, 0);
    }
done:
    free(first);
    free(last);
    free(next);
    free(prev);
    free(count);
    return rc;
}

/* A chunked document's held-back roots: the structure tree root (its parent tree now
   ptree), the page tree root (every chunk's pages), the number-tree roots, bookmarks. */
static int put_chunk_roots(struct sp_pdf_filter *f, unsigned ptree, unsigned labels,
                           unsigned outline)
{
    if (f->root_num < 0 || f->pages_num < 0)
        return fail(f, "a chunked document without a structure tree or page tree");
    {
        static const char *const skip[] = { "/K", "/ParentTree", "/ParentTreeNextKey", NULL };
        const unsigned char *p = f->struct_root.p;
        struct lex lx = { p, f->struct_root.n, 0, 0 };
        const struct kv *k;
        if (parse_dict(&lx, &f->d))
            return fail(f, "bad structure tree root");
        k = dict_get(p, &f->d, "/K");
        open_dict(&f->out, (unsigned)f->root_num, f->root_gen, p, &f->d, skip);
        if (k && put_kids(f, &f->out, p, k->val, NULL, -1))
            return -1;
        sp_buf_printf(&f->out, "\n   /ParentTree %u 0 R\n   /ParentTreeNextKey %lld", ptree,
                      f->key_end);
        close_dict(&f->out);
        if (put_object(f, (unsigned)f->root_num, f->root_gen))
            return -1;
    }
    {
        static const char *const skip[] = { "/Kids", "/Count", NULL };
        const unsigned char *p = f->pages_root.p;
        struct lex lx = { p, f->pages_root.n, 0, 0 };
        const struct kv *k;
        if (parse_dict(&lx, &f->d) || !(k = dict_get(p, &f->d, "/Kids")) ||
            span_items(p, k->val, &f->items, &f->nitems, &f->capitems))
            return fail(f, "bad page tree root");
        open_dict(&f->out, (unsigned)f->pages_num, f->pages_gen, p, &f->d, skip);
        sp_buf_str(&f->out, "\n   /Kids [");
        for (size_t i = 0; i < f->nitems; i++) {
            sp_buf_str(&f->out, " ");
            sp_buf_add(&f->out, p + f->items[i].start, f->items[i].end - f->items[i].start);
        }
        for (size_t i = 0; i < f->nsubpages; i++)
            sp_buf_printf(&f->out, " %u 0 R", f->subpages[i]);
        sp_buf_printf(&f->out, " ]\n   /Count %zu", f->npagenums);
        close_dict(&f->out);
        if (put_object(f, (unsigned)f->pages_num, f->pages_gen))
            return -1;
    }
    if (put_num_root(f, ptree, f->ptree, f->nptree))
        return -1;
    if (labels && put_num_root(f, labels, f->labels, f->nlabels))
        return -1;
    return outline ? put_outline(f, outline) : 0;
}

int sp_pdf_filter_finish(struct sp_pdf_filter *f, int *io_errno, struct sp_error *err)
{
    const struct sp_pdf_a11y *in = f->info;
    const unsigned char *p = NULL;
    size_t xref_at;
    struct span id_span = { 0, 0 };
    unsigned long long size = 0;
    unsigned xmp_num, note_num = 0, newsize, ptree_num = 0, labels_num = 0, outline_num = 0;
    struct sp_buf xmp = { 0 };

    double t0 = cpu_now();

    if (io_errno)
        *io_errno = 0;
    if (!f->failed)
        pump(f, 1);
    if (!f->failed && f->state != ST_TAIL)
        fail(f, "no 'xref' after the objects");
    if (f->failed)
        goto failed;

    /* cairo's trailer (the last chunk's): /Size, /Root, /Info, /ID */
    if (read_trailer(f, f->chunked ? f->chunk_cat : f->cat_num,
                     f->chunked && f->chunk ? f->chunk_info : f->info_num, &size, &id_span,
                     &p))
        goto failed;
    size += f->base;

    /* everything drawn was found, and every changed array is the one its page uses */
    {
        const struct sp_pdf_marks *m = in->marks;
        size_t ns = m ? m->nspans : 0, nl = m ? m->nlinks : 0, na = m ? m->nalts : 0;
        if (f->nspans != ns || f->nspan_elems != ns)
            fail(f, "%zu spans drawn, %zu marked in content, %zu elements", ns, f->nspans,
                 f->nspan_elems);
        else if (f->nlinks != nl)
            fail(f, "%zu '/Link' annotations but %zu links drawn", f->nlinks, nl);
        else if (f->nfigures != na)
            fail(f, "%zu '/Figure' elements but %zu figures drawn", f->nfigures, na);
        else if (in->outline && !f->chunked && f->noutline != in->noutline)
            fail(f, "%zu bookmarks written but %zu added", f->noutline, in->noutline);
        if (g_hash_table_size(f->oldlen) || g_hash_table_size(f->newlen))
            fail(f, "a stream's length object never came");
        for (size_t c = 0; c < f->nchecks && !f->failed; c++)
            if (!f->checks[c].ok)
                fail(f, "the parent tree does not use the changed array %u",
                     f->checks[c].array);
        if (f->failed)
            goto failed;
    }

    if (size <= f->maxnum)
        size = f->maxnum + 1;
    xmp_num = (unsigned)size;
    newsize = xmp_num + 1;
    if (in->imposed && f->doc_num >= 0 && in->note)
        note_num = newsize++;
    if (f->chunked) {
        ptree_num = newsize++;
        if (f->nlabels)
            labels_num = newsize++;
        if (in->noutline && in->outline_page) {
            outline_num = newsize;
            newsize += 1 + (unsigned)in->noutline;
        }
        if (put_chunk_roots(f, ptree_num, labels_num, outline_num))
            goto failed;
    }

    /* held back: the Document element, the note, the XMP packet, the catalog */
    if (f->doc_num >= 0 && put_document(f, note_num ? (long long)note_num : -1))
        goto failed;
    if (note_num) {
        sp_buf_printf(&f->out, "%u 0 obj\n<< /Type /StructElem\n   /S /P\n   /P %lld 0 R",
                      note_num, f->doc_num);
        if (in->lang) {
            sp_buf_str(&f->out, "\n   /Lang ");
            sp_pdf_put_text(&f->out, in->lang);
        }
        sp_buf_str(&f->out, "\n   /ActualText ");
        sp_pdf_put_text(&f->out, in->note);
        sp_buf_str(&f->out, "\n   /Alt ");
        sp_pdf_put_text(&f->out, in->note);
        close_dict(&f->out);
        if (put_object(f, note_num, 0))
            goto failed;
    }
    build_xmp(&xmp, in);
    sp_buf_printf(&f->out, "%u 0 obj\n<< /Type /Metadata\n   /Subtype /XML\n   /Length %zu\n>>\n"
                  "stream\n", xmp_num, xmp.n);
    sp_buf_add(&f->out, xmp.p, xmp.n);
    sp_buf_str(&f->out, "\nendstream\nendobj\n");
    free(xmp.p);
    if (put_object(f, xmp_num, 0))
        goto failed;
    {
        static const char *const skip[] = { "/Lang", "/MarkInfo", "/ViewerPreferences",
                                            "/Metadata", NULL };
        static const char *const skip_chunked[] = { "/Lang", "/MarkInfo",
                                                    "/ViewerPreferences", "/Metadata",
                                                    "/Outlines", "/PageLabels", NULL };
        const unsigned char *cp = f->catalog.p;
        struct lex cl = { cp, f->catalog.n, 0, 0 };
        if (parse_dict(&cl, &f->d)) {
            fail(f, "bad catalog");
            goto failed;
        }
        /* chunked: the joined bookmarks and labels in place of the first chunk's */
        open_dict(&f->out, (unsigned)f->cat_num, f->cat_gen, cp, &f->d,
                  f->chunked ? skip_chunked : skip);
        if (outline_num)
            sp_buf_printf(&f->out, "\n   /Outlines %u 0 R", outline_num);
        if (labels_num)
            sp_buf_printf(&f->out, "\n   /PageLabels %u 0 R", labels_num);
        if (in->lang) {
            sp_buf_str(&f->out, "\n   /Lang ");
            sp_pdf_put_text(&f->out, in->lang);
        }
        if (dict_get(cp, &f->d, "/StructTreeRoot"))
            sp_buf_str(&f->out, "\n   /MarkInfo << /Marked true >>");
        sp_buf_printf(&f->out, "\n   /ViewerPreferences << /DisplayDocTitle true >>"
                      "\n   /Metadata %u 0 R", xmp_num);
        close_dict(&f->out);
        if (put_object(f, (unsigned)f->cat_num, f->cat_gen))
            goto failed;
    }

    /* the xref: every number below newsize, free ones chained from 0 */
    if (ensure_num(f, newsize))
        goto failed;
    xref_at = f->written;
    sp_buf_printf(&f->out, "xref\n0 %u\n", newsize);
    if (f->chunked) {
        emit(f, f->out.p, f->out.n);
        f->out.n = 0;
        if (xref_from_file(f, newsize))
            goto failed;
    } else {
        unsigned *next = xcalloc(newsize + 1, sizeof *next), nf = 0;
        /* next[i]: the first free number above i (0 ends the chain) */
        for (unsigned i = newsize; i-- > 0;) {
            next[i] = nf;
            if (i && !f->offs[i])
                nf = i;
        }
        sp_buf_printf(&f->out, "%010u 65535 f \n", next[0]);
        for (unsigned i = 1; i < newsize; i++) {
            if (f->offs[i])
                sp_buf_printf(&f->out, "%010zu %05u n \n", f->offs[i] - 1, f->gens[i]);
            else
                sp_buf_printf(&f->out, "%010u 00001 f \n", next[i]);
            if (f->out.n >= 65536) {
                /* written as it goes: 20 bytes an object is tens of MB for a large file */
                emit(f, f->out.p, f->out.n);
                f->out.n = 0;
            }
        }
        free(next);
    }
    sp_buf_printf(&f->out, "trailer\n<< /Size %u\n   /Root %lld 0 R", newsize, f->cat_num);
    if (f->info_num >= 0)
        sp_buf_printf(&f->out, "\n   /Info %lld 0 R", f->info_num);
    if (id_span.end > id_span.start) {
        sp_buf_str(&f->out, "\n   /ID ");
        sp_buf_add(&f->out, p + id_span.start, id_span.end - id_span.start);
    }
    sp_buf_printf(&f->out, "\n>>\nstartxref\n%zu\n%%%%EOF\n", xref_at);
    emit(f, f->out.p, f->out.n);
    f->out.n = 0;
    f->seconds += cpu_now() - t0;
    if (!f->failed)
        return 0;
failed:
    if (io_errno)
        *io_errno = f->io_errno;
    if (err && !err->code)
        *err = f->err;
    return -1;
}

static int mem_sink(void *closure, const unsigned char *data, size_t n)
{
    sp_buf_add(closure, data, n);
    return 0;
}

int sp_pdf_a11y_rewrite(const unsigned char *pdf, size_t len, const struct sp_pdf_a11y *info,
                        unsigned char **out, size_t *outlen, struct sp_error *err)
{
    struct sp_buf b = { 0 };
    struct sp_pdf_filter *f = sp_pdf_filter_new(info, mem_sink, &b);
    int rc;

    *out = NULL;
    *outlen = 0;
    sp_pdf_filter_write(f, pdf, len);
    rc = sp_pdf_filter_finish(f, NULL, err);
    sp_pdf_filter_free(f);
    if (rc) {
        free(b.p);
        return -1;
    }
    *out = b.p;
    *outlen = b.n;
    return 0;
}
