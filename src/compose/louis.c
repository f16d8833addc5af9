/*
 * louis.c - liblouis wrapper (see louis.h).  Translation runs in dotsIO mode, so the
 * cells come back as dot patterns whatever display table a table list names; BRF
 * characters are output/brf.c's business.  Characters a table has no braille for are
 * found one code point at a time (cached per table) and left out before translating,
 * because liblouis would otherwise write them as "'\x4e2d'" escapes in braille.
 */
#include "louis.h"

#include <glib.h>
#include <liblouis/liblouis.h>
#include <string.h>

#include "../base/mem.h"
#include "lang.h"

/* Per-table knowledge of which code points have braille: 0 unknown, 1 yes, 2 no. */
struct charset {
    unsigned char ascii[128];
    GHashTable *other;       /* code point -> 1 or 2 */
};

/* A passage translated before: the same text in the same language gives the same cells
   (meeting lists repeat "Alcoholics Anonymous. Open to all", places, days...). */
struct memo {
    size_t n;
    unsigned char *dots, *brk;
    struct sp_louis_missing miss;
};

struct sp_louis {
    char *main;
    bool g1;
    GHashTable *memo;        /* "lang\x1ftext" -> struct memo * */
    GHashTable *charsets;    /* table name -> struct charset * */
    GHashTable *usable;      /* table name -> 1 (compiles) or 2 (does not) */
    widechar *in, *out;
    int *inpos;
    unsigned char *glue;
    size_t cap_in, cap_out;
};

/* Language tables at grade 1 and grade 2 (liblouis 3.24 names). */
static const struct {
    const char *lang;
    const char *g1, *g2;
} lang_tables[] = {
    { "cy", "cy-cy-g1.utb", "cy-cy-g2.ctb" },
    { "pl", "Pl-Pl-g1.utb", "Pl-Pl-g1.utb" },  /* no contracted Polish table in 3.24 */
    { "ur", "ur-pk-g1.utb", "ur-pk-g2.ctb" },
    { "bn", "bn.tbl", "bn.tbl" },
    { "pa", "pa.tbl", "pa.tbl" },
};

void sp_brl_text_clear(struct sp_brl_text *t)
{
    t->n = 0;
}

void sp_brl_text_release(struct sp_brl_text *t)
{
    free(t->dots);
    free(t->brk);
    memset(t, 0, sizeof *t);
}

static void text_push(struct sp_brl_text *t, unsigned char dots, unsigned char brk)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 128;
        t->dots = xrealloc(t->dots, t->cap);
        t->brk = xrealloc(t->brk, t->cap);
    }
    t->dots[t->n] = dots;
    t->brk[t->n] = brk;
    t->n++;
}

static void free_memo(gpointer p)
{
    struct memo *m = p;

    free(m->dots);
    free(m->brk);
    free(m);
}

static void free_charset(gpointer p)
{
    struct charset *cs = p;

    g_hash_table_destroy(cs->other);
    free(cs);
}

struct sp_louis *sp_louis_new(const char *table, const char *source, struct sp_error *err)
{
    struct sp_louis *t;
    widechar a = 'a', out[16];
    int inlen = 1, outlen = 16;

    lou_setLogLevel(LOU_LOG_OFF);  /* a library never prints; we report our own errors */
    /* a table that compiles and turns letters into braille (not a display table alone) */
    if (!table || !*table || !lou_getTable(table) ||
        !lou_translate(table, &a, &inlen, out, &outlen, NULL, NULL, NULL, NULL, NULL,
                       dotsIO | noUndefined) || outlen == 0) {
        const char *hint = "try en-ueb-g1.ctb, en-ueb-g2.ctb, cy-cy-g1.utb or cy-cy-g2.ctb";
        if (source && !strncmp(source, "--", 2))
            sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                         "%s: liblouis has no translation table '%s' (%s)", source,
                         table ? table : "", hint);
        else
            sp_error_set(err, SP_ERR_INPUT, source, 0, 0,
                         "'table': liblouis has no translation table '%s' (%s)",
                         table ? table : "", hint);
        return NULL;
    }
    t = xcalloc(1, sizeof *t);
    t->main = xstrdup(table);
    t->g1 = strstr(table, "g1") || strstr(table, "g0") || strstr(table, "G0");
    t->charsets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_charset);
    t->usable = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    t->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_memo);
    return t;
}

void sp_louis_free(struct sp_louis *t)
{
    if (!t)
        return;
    g_hash_table_destroy(t->charsets);
    g_hash_table_destroy(t->usable);
    g_hash_table_destroy(t->memo);
    free(t->main);
    free(t->in);
    free(t->out);
    free(t->inpos);
    free(t->glue);
    free(t);
    lou_free();
}

const char *sp_louis_table(const struct sp_louis *t)
{
    return t->main;
}

bool sp_louis_uncontracted(const struct sp_louis *t)
{
    return t->g1;
}

static bool usable(struct sp_louis *t, const char *table)
{
    gpointer v = g_hash_table_lookup(t->usable, table);

    if (!v) {
        v = GINT_TO_POINTER(lou_getTable(table) ? 1 : 2);
        g_hash_table_insert(t->usable, g_strdup(table), v);
    }
    return GPOINTER_TO_INT(v) == 1;
}

const char *sp_louis_table_for(struct sp_louis *t, const char *lang)
{
    if (!lang)
        return t->main;
    for (size_t i = 0; i < G_N_ELEMENTS(lang_tables); i++) {
        const char *name;
        if (strcmp(lang_tables[i].lang, lang))
            continue;
        /* a main table of that language already (cy-cy-g1.utb for a Welsh list) */
        if (!strncmp(t->main, lang, strlen(lang)) && t->main[strlen(lang)] == '-')
            return t->main;
        name = t->g1 ? lang_tables[i].g1 : lang_tables[i].g2;
        return usable(t, name) ? name : t->main;
    }
    return t->main;
}

/* Whether table has braille for code point c (translated alone, undefined dropped). */
static bool has_braille(struct sp_louis *t, const char *table, gunichar c)
{
    struct charset *cs = g_hash_table_lookup(t->charsets, table);
    unsigned char known;

    if (!cs) {
        cs = xcalloc(1, sizeof *cs);
        cs->other = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_hash_table_insert(t->charsets, g_strdup(table), cs);
    }
    known = c < 128 ? cs->ascii[c]
                    : (unsigned char)GPOINTER_TO_UINT(g_hash_table_lookup(cs->other,
                                                                          GUINT_TO_POINTER(c)));
    if (!known) {
        widechar in = (widechar)c, out[32];
        int inlen = 1, outlen = 32;
        known = lou_translate(table, &in, &inlen, out, &outlen, NULL, NULL, NULL, NULL, NULL,
                              dotsIO | noUndefined) && outlen > 0 ? 1 : 2;
        if (c < 128)
            cs->ascii[c] = known;
        else
            g_hash_table_insert(cs->other, GUINT_TO_POINTER(c), GUINT_TO_POINTER(known));
    }
    return known == 1;
}

static void utf8_of(gunichar c, char buf[8])
{
    int n = g_unichar_to_utf8(c, buf);
    buf[n] = '\0';
}

/* The letter without its accent ('ę' -> 'e'), or 0 when it has none. */
static gunichar bare(gunichar c)
{
    gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d));

    return n > 1 && d[0] != c ? d[0] : 0;
}

static void grow_in(struct sp_louis *t, size_t n)
{
    if (n <= t->cap_in)
        return;
    t->cap_in = n + 64;
    t->in = xrealloc(t->in, t->cap_in * sizeof *t->in);
    t->glue = xrealloc(t->glue, t->cap_in);
}

/* Translate u[0..n) (glue[i]: u[i] is a blank that holds) with table; append to out. */
static int translate_run(struct sp_louis *t, const char *table, const gunichar *u,
                         const unsigned char *glue, size_t n, struct sp_brl_text *out,
                         struct sp_louis_missing *miss, struct sp_error *err)
{
    size_t k = 0;
    int inlen, outlen;

    /* Step 1: leave out what the table has no braille for. */
    grow_in(t, n);
    for (size_t i = 0; i < n; i++) {
        gunichar c = u[i];
        if (!has_braille(t, table, c)) {
            gunichar b = bare(c);
            bool plain = b && has_braille(t, table, b);
            if (miss && *(plain ? &miss->plain : &miss->dropped) == 0) {
                utf8_of(c, plain ? miss->plain_first : miss->dropped_first);
                if (plain)
                    utf8_of(b, miss->plain_as);
                if (!miss->plain && !miss->dropped)
                    miss->table = table;
            }
            if (miss)
                *(plain ? &miss->plain : &miss->dropped) += 1;
            if (!plain)
                continue;
            c = b;
        }
        t->in[k] = (widechar)c;
        t->glue[k] = glue[i];
        k++;
    }
    if (k == 0)
        return 0;

    /* Step 2: translate, growing the output until liblouis takes all the input. */
    for (;;) {
        if (t->cap_out < 4 * k + 64) {
            t->cap_out = 4 * k + 64;
            t->out = xrealloc(t->out, t->cap_out * sizeof *t->out);
            t->inpos = xrealloc(t->inpos, t->cap_out * sizeof *t->inpos);
        }
        inlen = (int)k;
        outlen = (int)t->cap_out;
        if (!lou_translate(table, t->in, &inlen, t->out, &outlen, NULL, NULL, NULL, t->inpos,
                           NULL, dotsIO | noUndefined))
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                                "liblouis could not translate with table '%s'", table);
        if ((size_t)inlen >= k)
            break;
        t->cap_out *= 2;
    }

    /* Step 3: cells, one blank at a time, breakable unless it came from a glued blank. */
    for (int j = 0; j < outlen; j++) {
        unsigned char d = (unsigned char)(t->out[j] & 0x3F);  /* six dots: BRF has no 7, 8 */
        int from = t->inpos[j];
        if (d == 0) {
            if (out->n == 0 || out->dots[out->n - 1] == 0)
                continue;
            text_push(out, 0, from >= 0 && from < (int)k && t->glue[from] ? 0 : 1);
        } else {
            text_push(out, d, 0);
        }
    }
    return 0;
}

/* Marks a character whose run is decided by its neighbours. */
static const char FOLLOWS[] = "follows";

static const char *script_or(gunichar c, const char *lang)
{
    const char *s = sp_lang_of_char(c);
    return s ? s : lang;
}

/* Translate utf8 into out (empty): the work behind sp_louis_translate. */
static int translate_fresh(struct sp_louis *t, const char *utf8, const char *lang,
                           struct sp_brl_text *out, struct sp_louis_missing *miss,
                           struct sp_error *err)
{
    gchar *nfc;
    gunichar *u;
    unsigned char *glue;
    const char **run_lang;
    size_t n = 0, start;
    int rc = 0;

    if (!utf8 || !*utf8)
        return 0;
    nfc = g_utf8_normalize(utf8, -1, G_NORMALIZE_NFC);
    if (!nfc)
        return 0;  /* not UTF-8: the model never holds such text */

    /* Step 1: code points, blanks made plain or glued, invisible joiners dropped. */
    u = xmalloc((strlen(nfc) + 1) * sizeof *u);
    glue = xmalloc(strlen(nfc) + 1);
    run_lang = xmalloc((strlen(nfc) + 1) * sizeof *run_lang);
    for (const char *p = nfc; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF)
            continue;
        glue[n] = c == 0x00A0 || c == 0x202F;
        if (glue[n] || c == '\t' || c == '\n' || c == '\r')
            c = ' ';
        u[n++] = c;
    }

    /* Step 2: the language of each letter: its script's, or the passage's.  Digits,
       blanks and marks go with the letters before them (or after them, at the start). */
    for (size_t i = 0; i < n; i++)
        run_lang[i] = g_unichar_isalpha(u[i]) ? script_or(u[i], lang) : FOLLOWS;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        if (run_lang[i] != FOLLOWS)
            continue;
        while (j < n && run_lang[j] == FOLLOWS)
            j++;
        for (size_t k = i; k < j; k++)
            run_lang[k] = i > 0 ? run_lang[i - 1] : j < n ? run_lang[j] : lang;
        i = j - 1;
    }

    /* Step 3: one translation per run. */
    start = 0;
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (i < n && run_lang[i] == run_lang[start])
            continue;
        rc = translate_run(t, sp_louis_table_for(t, run_lang[start]), u + start, glue + start,
                           i - start, out, miss, err);
        start = i;
    }
    free(run_lang);
    free(glue);
    free(u);
    g_free(nfc);
    return rc;
}

static void merge_missing(struct sp_louis_missing *to, const struct sp_louis_missing *from)
{
    if (!to)
        return;
    if (!to->plain && !to->dropped && (from->plain || from->dropped))
        to->table = from->table;
    if (!to->plain && from->plain) {
        memcpy(to->plain_first, from->plain_first, sizeof to->plain_first);
        memcpy(to->plain_as, from->plain_as, sizeof to->plain_as);
    }
    if (!to->dropped && from->dropped)
        memcpy(to->dropped_first, from->dropped_first, sizeof to->dropped_first);
    to->plain += from->plain;
    to->dropped += from->dropped;
}

int sp_louis_translate(struct sp_louis *t, const char *utf8, const char *lang,
                       struct sp_brl_text *out, struct sp_louis_missing *miss,
                       struct sp_error *err)
{
    gchar *key;
    struct memo *m;

    if (!utf8 || !*utf8)
        return 0;
    key = g_strconcat(lang ? lang : "", "\x1f", utf8, NULL);
    m = g_hash_table_lookup(t->memo, key);
    if (m) {
        g_free(key);
    } else {
        struct sp_brl_text fresh = { 0 };
        m = xcalloc(1, sizeof *m);
        if (translate_fresh(t, utf8, lang, &fresh, &m->miss, err) != 0) {
            sp_brl_text_release(&fresh);
            free(m);
            g_free(key);
            return -1;
        }
        m->n = fresh.n;
        m->dots = fresh.dots;
        m->brk = fresh.brk;
        g_hash_table_insert(t->memo, key, m);
    }
    /* append, never two blanks in a row nor one at the start */
    for (size_t i = 0; i < m->n; i++) {
        if (m->dots[i] == 0 && (out->n == 0 || out->dots[out->n - 1] == 0))
            continue;
        text_push(out, m->dots[i], m->brk[i]);
    }
    merge_missing(miss, &m->miss);
    return 0;
}

int sp_louis_brf_map(char out[64])
{
    widechar d[64], c[64];

    lou_setLogLevel(LOU_LOG_OFF);
    for (int i = 0; i < 64; i++)
        d[i] = (widechar)(LOU_DOTS | (unsigned)i);
    if (!lou_dotsToChar("en-us-brf.dis", d, c, 64, 0))
        return -1;
    for (int i = 0; i < 64; i++)
        out[i] = (char)c[i];
    return 0;
}
