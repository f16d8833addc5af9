/*
 * braille.c - the meeting list in braille (see braille.h).
 *
 * Reading order: title page -> contents -> about meetings -> the meetings, grouped day ->
 * region (default), region -> day or by day alone, an "Every day" group first, online
 * meetings last with --online-section -> helplines and contact.  A row that runs on
 * several days (sp_compose_rows) is given in full under its first day and named, with a
 * pointer to that day, under each of the others, so every day's list is complete.
 *
 * Layout (docs/standards.md, Braille B3-B8, after UKAAF's "Guiding principles for the
 * presentation of braille" and BANA's "Braille Formats"): the page number is on the first
 * line at the right (UK) or on the last line at the right (North America); in UK style the
 * first line also carries a running head (the section).  Main headings are centred with a blank line before and after; second
 * headings start in cell 5 after a blank line; a meeting is a two-level list item (BANA
 * 1-5, 3-5): its first line (time and name) starts in cell 1 with runovers in cell 5, each
 * detail starts in cell 3 with runovers in cell 5; paragraphs start in cell 3 with
 * runovers in cell 1.  A heading is never the last thing on a page; a meeting is kept on
 * one page when it fits on one, and a group that goes on over a page starts the new page
 * with its heading again ("Cardiff (continued)").  Words are never hyphenated.
 */
#include "braille.h"

#include <glib.h>
#include <string.h>

#include "../base/i18n.h"
#include "../input/select.h"
#include "lang.h"
#include "words.h"

/* ---- the fixed words: one table, so that they can be translated ---- */

enum word {
    W_CONTENTS, W_ABOUT, W_HELPLINES, W_CONTACT, W_EVERY_DAY, W_ONLINE_MEETINGS,
    W_CONTINUED, W_DETAILS_UNDER, W_PRINTED_ON, W_CHECK, W_FROM, W_PHONE, W_EMAIL,
    W_WEBSITE, W_UP_TO_DATE, W_LINKS, W_DIAL_IN, W_LIST_FROM, W_OTHER_AREAS, W_ONLINE,
    W_BRAILLE_CODE, W_UEB_G1, W_UEB_G2, W_TABLE, W_WEEKS_ONLY, W_WEEKS_OF_MONTH, W_AND,
    W_WEEK_1, W_WEEK_2, W_WEEK_3, W_WEEK_4, W_WEEK_5, W_WEEK_LAST, W_AS_LISTED, W_COUNT
};

static const char *const words[W_COUNT] = {
    [W_CONTENTS] = N_("Contents"),
    [W_ABOUT] = N_("About meetings"),
    [W_HELPLINES] = N_("Helplines and contact"),
    [W_CONTACT] = N_("Contact"),
    [W_EVERY_DAY] = N_("Every day"),
    [W_ONLINE_MEETINGS] = N_("Online meetings"),
    [W_CONTINUED] = N_("{1} (continued)"),
    [W_DETAILS_UNDER] = N_("({1}; details under {2})"),
    [W_PRINTED_ON] = N_("List printed on {1}"),
    [W_CHECK] = N_("List printed on {1}. Check before you travel."),
    [W_FROM] = N_("From {1}"),
    [W_PHONE] = N_("Phone {1}"),
    [W_EMAIL] = N_("Email {1}"),
    [W_WEBSITE] = N_("Website {1}"),
    [W_UP_TO_DATE] = N_("Every meeting, always up to date: {1}"),
    [W_LINKS] = N_("Links to join: {1}"),
    [W_DIAL_IN] = N_("Dial in {1}"),
    [W_LIST_FROM] = N_("This list is from {1}"),
    [W_OTHER_AREAS] = N_("Other areas"),
    [W_ONLINE] = N_("Online"),
    [W_BRAILLE_CODE] = N_("Braille: {1}"),
    [W_UEB_G1] = N_("Unified English Braille, uncontracted (grade 1)"),
    [W_UEB_G2] = N_("Unified English Braille, contracted (grade 2)"),
    [W_TABLE] = N_("liblouis table {1}"),
    [W_WEEKS_ONLY] = N_("Only in the {1} week of the month"),
    [W_WEEKS_OF_MONTH] = "",
    [W_AND] = "",
    [W_WEEK_1] = NC_("weeks of the month", "first"),
    [W_WEEK_2] = NC_("weeks of the month", "second"),
    [W_WEEK_3] = NC_("weeks of the month", "third"),
    [W_WEEK_4] = NC_("weeks of the month", "fourth"),
    [W_WEEK_5] = NC_("weeks of the month", "fifth"),
    [W_WEEK_LAST] = NC_("weeks of the month", "last"),
    [W_AS_LISTED] = N_("Meetings as listed on {1}"),
};

/* A word of the table in the output language (braille is in the first language alone:
   its table is that language's). */
#define WORD(w) sp_tr(words[w])

#define EVERY_DAY 7            /* day value of the "Every day" group */
#define GUIDE_DOT 0x10         /* dots 5: guide dots in the contents */
#define MIN_GAP 3              /* blank cells between a running head and the page number */

/* ---- lines and blocks ---- */

struct bline {
    int indent;                /* cells before the first one */
    int n;                     /* cells */
    const unsigned char *cells;
};

struct bblock {
    struct bline *v;
    size_t n;
    int blank_before;          /* blank lines before it, unless a page or a blank is above */
    bool new_page;             /* starts a fresh page */
    bool keep;                 /* all on one page, when it fits on one */
    bool with_next;            /* on the same page as the start of the next block */
    size_t head;               /* running head (index into heads) of pages it starts */
    long target;               /* contents entry that points here, or -1 */
    long cont;                 /* block repeated at the top of a page this one starts, or -1 */
    bool main_heading;         /* a page it starts needs no running head: it says the same */
    int lead;                  /* lines that stay together when it must be split, or 0 (2) */
};

/* A sequence of blocks (GArray of struct bblock). */
struct bseq {
    GArray *v;
};

struct brl {
    const struct sp_compose_in *in;
    const struct sp_settings *s;
    struct sp_louis *tr;
    struct sp_brl_doc *doc;
    struct sp_arena *a;        /* the document's arena: lines live as long as the doc */
    struct sp_error *err;
    int W, H;                  /* cells per line, lines per page */
    int body;                  /* body lines per page */
    bool bottom;               /* page numbers on the last line */
    struct sp_brl_text tx;     /* scratch translation */
    struct sp_louis_missing miss;
    GPtrArray *heads;          /* struct bline * running heads; [0] = none */
    GPtrArray *targets;        /* contents entry names (const char *) */
    GArray *conts;             /* struct bblock: continued headings (bblock.cont) */
    int rc;
};

/* ---- translation ---- */

static void miss_report(struct brl *b, const char *file, int line, const char *what)
{
    const struct sp_louis_missing *m = &b->miss;
    const char *table = m->table ? m->table : sp_louis_table(b->tr);

    if (b->in->diag && m->plain)
        sp_diag_add(b->in->diag, SP_WARNING, file, line, 0,
                    sp_msgn("'%s': %zu letter with no braille in table '%s' written without "
                            "the accent (such as '%s' as '%s')",
                            "'%s': %zu letters with no braille in table '%s' written without "
                            "the accent (such as '%s' as '%s')", m->plain),
                    what, m->plain, table, m->plain_first, m->plain_as);
    if (b->in->diag && m->dropped)
        sp_diag_add(b->in->diag, SP_WARNING, file, line, 0,
                    sp_msgn("'%s': %zu character with no braille in table '%s' left out "
                            "(such as '%s')",
                            "'%s': %zu characters with no braille in table '%s' left out "
                            "(such as '%s')", m->dropped),
                    what, m->dropped, table, m->dropped_first);
    memset(&b->miss, 0, sizeof b->miss);
}

/* Append text in lang (NULL = the list's language) to the scratch translation. */
static void tr_add(struct brl *b, const char *text, const char *lang)
{
    if (b->rc == 0 && text)
        b->rc = sp_louis_translate(b->tr, text, lang, &b->tx, &b->miss, b->err);
}

/* Notes and other free text: each sentence in Welsh or in the list's language. */
struct sentence_ctx {
    struct brl *b;
    bool likely_welsh;
};

static void tr_sentence(const char *s, size_t len, void *ctx)
{
    struct sentence_ctx *c = ctx;
    char *piece = g_strndup(s, len);

    tr_add(c->b, piece, sp_lang_passage(piece, c->likely_welsh));
    g_free(piece);
}

static void tr_free_text(struct brl *b, const char *text, bool likely_welsh)
{
    struct sentence_ctx c = { b, likely_welsh };

    sp_lang_sentences(text, tr_sentence, &c);
}

/* The scratch translation as one line's cells (arena copy). */
static struct bline *tx_line(struct brl *b)
{
    struct bline *l = sp_arena_alloc(b->a, sizeof *l);
    unsigned char *c = sp_arena_alloc_uninit(b->a, b->tx.n ? b->tx.n : 1);
    size_t n = b->tx.n;

    while (n > 0 && b->tx.dots[n - 1] == 0)
        n--;
    if (n)
        memcpy(c, b->tx.dots, n);
    l->cells = c;
    l->n = (int)n;
    return l;
}

/* ---- breaking lines ---- */

size_t sp_braille_break(const struct sp_brl_text *t, int cells, int first, int rest,
                        bool centre, size_t **start, int **len, int **indent)
{
    size_t pos = 0, nl = 0, cap = 4;
    size_t n = t->n;

    *start = xmalloc(cap * sizeof **start);
    *len = xmalloc(cap * sizeof **len);
    *indent = xmalloc(cap * sizeof **indent);
    while (n > 0 && t->dots[n - 1] == 0)
        n--;
    while (pos < n && t->dots[pos] == 0)
        pos++;
    while (pos < n) {
        int ind = nl == 0 ? first : rest;
        size_t width = (size_t)(cells - ind > 1 ? cells - ind : 1);
        size_t end, next;

        if (n - pos <= width) {
            end = next = n;
        } else {
            size_t k;
            /* the last breakable blank that leaves the line no longer than width */
            for (k = pos + width; k > pos && !(t->dots[k] == 0 && t->brk[k]); k--)
                ;
            if (k == pos) {
                /* one unbreakable run longer than the line: a glued blank, else cut */
                for (k = pos + width; k > pos && t->dots[k] != 0; k--)
                    ;
            }
            end = k > pos ? k : pos + width;
            next = end;
        }
        while (end > pos && t->dots[end - 1] == 0)
            end--;
        if (nl == cap) {
            cap *= 2;
            *start = xrealloc(*start, cap * sizeof **start);
            *len = xrealloc(*len, cap * sizeof **len);
            *indent = xrealloc(*indent, cap * sizeof **indent);
        }
        (*start)[nl] = pos;
        (*len)[nl] = (int)(end - pos);
        (*indent)[nl] = centre ? (cells - (int)(end - pos)) / 2 : ind;
        nl++;
        pos = next;
        while (pos < n && t->dots[pos] == 0)
            pos++;
    }
    return nl;
}

/* Break the scratch translation and append its lines to block bk (then clear it). */
static void tx_lines(struct brl *b, struct bblock *bk, int first, int rest, bool centre)
{
    size_t *start;
    int *len, *indent;
    size_t nl = sp_braille_break(&b->tx, b->W, first, rest, centre, &start, &len, &indent);
    struct bline *v = sp_arena_alloc(b->a, (bk->n + nl + 1) * sizeof *v);

    if (bk->n)
        memcpy(v, bk->v, bk->n * sizeof *v);
    for (size_t i = 0; i < nl; i++) {
        unsigned char *c = sp_arena_alloc_uninit(b->a, (size_t)len[i] + 1);
        memcpy(c, b->tx.dots + start[i], (size_t)len[i]);
        v[bk->n + i].cells = c;
        v[bk->n + i].n = len[i];
        v[bk->n + i].indent = indent[i];
    }
    bk->v = v;
    bk->n += nl;
    free(start);
    free(len);
    free(indent);
    sp_brl_text_clear(&b->tx);
}

/* One item of a block: text (in lang) set first/rest. */
static void item(struct brl *b, struct bblock *bk, const char *text, const char *lang,
                 int first, int rest)
{
    if (!text || !*text)
        return;
    tr_add(b, text, lang);
    tx_lines(b, bk, first, rest, false);
}

static void blank_line(struct brl *b, struct bblock *bk)
{
    struct bline *v = sp_arena_alloc(b->a, (bk->n + 1) * sizeof *v);

    if (bk->n)
        memcpy(v, bk->v, bk->n * sizeof *v);
    v[bk->n].n = 0;
    v[bk->n].cells = NULL;
    v[bk->n].indent = 0;
    bk->v = v;
    bk->n++;
}

static struct bblock block_new(size_t head)
{
    struct bblock bk = { NULL, 0, 0, false, true, false, head, -1, -1, false, 0 };
    return bk;
}

static void push(struct bseq *q, const struct bblock *bk)
{
    g_array_append_val(q->v, *bk);
}

static size_t add_head(struct brl *b, const char *text)
{
    tr_add(b, text, NULL);
    g_ptr_array_add(b->heads, tx_line(b));
    sp_brl_text_clear(&b->tx);
    return b->heads->len - 1;
}

/* A main heading: centred, a blank line before and after, kept with what follows. */
static struct bblock heading1(struct brl *b, const char *text, size_t head)
{
    struct bblock bk = block_new(head);

    tr_add(b, text, NULL);
    tx_lines(b, &bk, 0, 0, true);
    blank_line(b, &bk);
    bk.blank_before = 1;
    bk.with_next = true;
    bk.main_heading = true;
    return bk;
}

/* A second heading: in cell 5 after a blank line, kept with what follows. */
static struct bblock heading2(struct brl *b, const char *text, const char *lang, size_t head)
{
    struct bblock bk = block_new(head);

    tr_add(b, text, lang);
    tx_lines(b, &bk, 4, 4, false);
    bk.blank_before = 1;
    bk.with_next = true;
    return bk;
}

/* A paragraph of prose: cell 3, runovers in cell 1. */
static struct bblock paragraph(struct brl *b, const char *text, size_t head)
{
    struct bblock bk = block_new(head);

    tr_free_text(b, text, false);
    tx_lines(b, &bk, 2, 0, false);
    bk.keep = false;
    return bk;
}

static const char *cat(struct brl *b, enum word w, const char *value)
{
    return sp_i18n_fill(b->a, WORD(w), value, NULL, NULL);
}

/* ---- the title page ---- */

static const char *area_of(const struct brl *b)
{
    return b->in->part_name ? b->in->part_name : b->s->area;
}

static const char *short_address(const struct sp_settings *s)
{
    return s->short_link ? s->short_link : s->org_website ? s->org_website : s->directory_url;
}

static void title_page(struct brl *b, struct bseq *q)
{
    const struct sp_settings *s = b->s;
    struct bblock bk = block_new(0);
    const char *area = area_of(b), *addr = short_address(s);
    const char *table = sp_louis_table(b->tr);

    bk.new_page = true;
    blank_line(b, &bk);
    tr_add(b, sp_words_headline(b->in, b->a), NULL);
    tx_lines(b, &bk, 0, 0, true);
    if (area) {
        blank_line(b, &bk);
        tr_add(b, area, NULL);
        tx_lines(b, &bk, 0, 0, true);
    }
    blank_line(b, &bk);
    tr_add(b, sp_words_own(b->in->subtitle ? b->in->subtitle : s->subtitle, b->a), NULL);
    tx_lines(b, &bk, 0, 0, true);
    push(q, &bk);

    bk = block_new(0);
    bk.blank_before = 1;
    item(b, &bk, cat(b, W_CHECK, sp_words_date(b->in->date, b->a)), NULL, 0, 2);
    if (b->in->data_date)
        item(b, &bk, cat(b, W_AS_LISTED, sp_words_date(b->in->data_date, b->a)), NULL, 0, 2);
    if (s->org_name && *s->org_name)
        item(b, &bk, cat(b, W_FROM, s->org_name), NULL, 0, 2);
    if (s->org_phone)
        item(b, &bk, cat(b, W_PHONE, sp_words_glue(s->org_phone, b->a)), NULL, 0, 2);
    if (addr)
        item(b, &bk, cat(b, W_UP_TO_DATE, addr), NULL, 0, 2);
    push(q, &bk);

    bk = block_new(0);
    bk.blank_before = 1;
    if (!strncmp(table, "en-ueb-", 7))
        item(b, &bk, cat(b, W_BRAILLE_CODE, WORD(sp_louis_uncontracted(b->tr) ? W_UEB_G1
                                                                               : W_UEB_G2)),
             NULL, 0, 2);
    else
        item(b, &bk, cat(b, W_BRAILLE_CODE, cat(b, W_TABLE, table)), NULL, 0, 2);
    push(q, &bk);
    miss_report(b, NULL, 0, "title page");
}

/* ---- the meetings ---- */

struct entry {
    const struct sp_row *row;
    int day;                   /* 0 = Sunday .. 6, or EVERY_DAY */
    int rank;                  /* the day's place in the week from the start; -1 every day */
    const char *region;        /* never NULL */
    bool online;               /* in the online section */
    bool full;                 /* the whole block (else a pointer to the first day) */
};

enum group_by { GROUP_DAY, GROUP_REGION, GROUP_TIME };

static gint cmp_entry(gconstpointer x_, gconstpointer y_, gpointer ctx)
{
    const struct entry *x = x_, *y = y_;
    enum group_by by = *(const enum group_by *)ctx;
    int c;

    if (x->online != y->online)
        return x->online ? 1 : -1;
    if (by == GROUP_REGION && !x->online) {
        c = g_ascii_strcasecmp(x->region, y->region);
        if (!c)
            c = strcmp(x->region, y->region);
        if (c)
            return c;
    }
    if (x->rank != y->rank)
        return x->rank - y->rank;
    if (by == GROUP_DAY && !x->online) {
        c = g_ascii_strcasecmp(x->region, y->region);
        if (!c)
            c = strcmp(x->region, y->region);
        if (c)
            return c;
    }
    if (x->row->m->start_min != y->row->m->start_min)
        return x->row->m->start_min - y->row->m->start_min;
    c = strcmp(x->row->m->name, y->row->m->name);
    if (c)
        return c;
    return x->row->m->index < y->row->m->index ? -1 : x->row->m->index > y->row->m->index;
}

static const char *day_label(int day)
{
    return day == EVERY_DAY ? WORD(W_EVERY_DAY) : sp_tr_day(day);
}

static void group_names(enum group_by by, const struct entry *e, const char **l1,
                        const char **l2)
{
    if (e->online) {
        *l1 = WORD(W_ONLINE_MEETINGS);
        *l2 = day_label(e->day);
    } else if (by == GROUP_REGION) {
        *l1 = e->region;
        *l2 = day_label(e->day);
    } else if (by == GROUP_DAY) {
        *l1 = day_label(e->day);
        *l2 = e->region;
    } else {
        *l1 = day_label(e->day);
        *l2 = NULL;
    }
}

static const char *weeks_words(struct brl *b, unsigned weeks)
{
    static const enum word names[6] = {
        W_WEEK_1, W_WEEK_2, W_WEEK_3, W_WEEK_4, W_WEEK_5, W_WEEK_LAST
    };
    GString *s = g_string_new(NULL);
    const char *r;
    int n = 0, total = __builtin_popcount(weeks & 0x3F), k = 0;

    for (int i = 0; i < 6; i++)
        if (weeks & (1u << i)) {
            k++;
            if (n++)
                g_string_append(s, k == total ? sp_trc("list", " and ")
                                              : sp_trc("list", ", "));
            g_string_append(s, sp_trc("weeks of the month", words[names[i]]));
        }
    r = sp_i18n_fill(b->a, WORD(W_WEEKS_ONLY), s->str, NULL, NULL);
    g_string_free(s, TRUE);
    return r;
}

/* The header line of a meeting: "7pm to 8pm: Name", the name in its own language. */
static void meeting_header(struct brl *b, struct bblock *bk, const struct sp_meeting *m,
                           bool likely_welsh)
{
    const struct sp_layout *L = b->in->layout;

    tr_add(b, sp_arena_printf(b->a, "%s: ", sp_words_time_range(m->start_min, m->end_min,
                                                               L->time_style, b->a)), NULL);
    tr_add(b, m->name, sp_lang_passage(m->name, likely_welsh));
    tx_lines(b, bk, 0, 4, false);
}

static struct bblock meeting_block(struct brl *b, const struct entry *e, size_t head,
                                   int week_start)
{
    const struct sp_meeting *m = e->row->m;
    const struct sp_settings *s = b->s;
    bool welsh = sp_lang_meeting_welsh(m);
    bool online = m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID;
    bool several = e->day != EVERY_DAY && (e->row->days & (e->row->days - 1)) != 0;
    struct bblock bk = block_new(head);
    const char *days = several ? sp_words_days(e->row->days, week_start, SP_DAYS_LONG, b->a)
                               : NULL;

    meeting_header(b, &bk, m, welsh);
    bk.lead = (int)bk.n + 1;  /* split or not, its time and name stay with its next line */
    if (!e->full) {
        /* named under a later day: where the details are */
        item(b, &bk, sp_i18n_fill(b->a, WORD(W_DETAILS_UNDER), days,
                                  day_label(e->row->first_day), NULL), NULL, 2, 4);
        miss_report(b, m->file, m->line, m->name);
        return bk;
    }
    if (days)
        item(b, &bk, days, NULL, 2, 4);
    if (m->weeks)
        item(b, &bk, weeks_words(b, m->weeks), NULL, 2, 4);
    item(b, &bk, sp_words_where(m, b->a), NULL, 2, 4);
    if (online) {
        const char *addr = short_address(s);
        item(b, &bk, sp_words_access(m, b->in->leave_off_passcodes, b->a), NULL, 2, 4);
        if (m->phone)
            item(b, &bk, cat(b, W_DIAL_IN,
                             sp_words_dial_in(m, b->in->leave_off_passcodes, b->a)), NULL, 2, 4);
        if (m->url && addr)
            item(b, &bk, cat(b, W_LINKS, addr), NULL, 2, 4);
    }
    item(b, &bk, sp_words_kind(m, true, b->a), NULL, 2, 4);
    if (m->notes) {
        tr_free_text(b, sp_words_glue_numbers(m->notes, b->a), welsh);
        tx_lines(b, &bk, 2, 4, false);
    }
    miss_report(b, m->file, m->line, m->name);
    return bk;
}

static int build_entries(struct brl *b, enum group_by by, struct entry **out, size_t *nout)
{
    const struct sp_compose_in *in = b->in;
    struct sp_row *rows;
    size_t nrows = sp_compose_rows(in, b->a, &rows), k = 0, n = 0;
    int start = sp_compose_week_start(in);
    struct entry *v;

    for (size_t r = 0; r < nrows; r++)
        n += rows[r].days == SP_ALL_DAYS ? 1 : (size_t)__builtin_popcount(rows[r].days);
    v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t r = 0; r < nrows; r++) {
        const struct sp_meeting *m = rows[r].m;
        struct entry base = { &rows[r], 0, 0, NULL, false, true };

        base.online = in->online_section && m->attendance == SP_ATTEND_ONLINE;
        base.region = m->region ? m->region
                      : m->attendance == SP_ATTEND_ONLINE ? WORD(W_ONLINE)
                      : m->town ? m->town : WORD(W_OTHER_AREAS);
        if (rows[r].days == SP_ALL_DAYS) {
            base.day = EVERY_DAY;
            base.rank = -1;
            v[k++] = base;
            continue;
        }
        for (int d = 0; d < 7; d++)
            if (rows[r].days & SP_DAY_BIT(d)) {
                base.day = d;
                base.rank = (d - start + 7) % 7;
                base.full = d == rows[r].first_day;
                v[k++] = base;
            }
    }
    g_qsort_with_data(v, (gint)k, sizeof *v, cmp_entry, &by);
    *out = v;
    *nout = k;
    return 0;
}

static void meetings(struct brl *b, struct bseq *q, enum group_by by)
{
    struct entry *e;
    size_t ne;
    const char *prev1 = NULL, *prev2 = NULL;
    size_t head = 0;
    long cont = -1;
    int week_start = sp_compose_week_start(b->in);

    build_entries(b, by, &e, &ne);
    for (size_t i = 0; i < ne && b->rc == 0; i++) {
        const char *l1, *l2;
        bool new1, new2;
        struct bblock bk;

        group_names(by, &e[i], &l1, &l2);
        new1 = !prev1 || strcmp(prev1, l1);
        new2 = l2 && (new1 || !prev2 || strcmp(prev2, l2));
        if (new1) {
            head = add_head(b, l1);
            bk = heading1(b, l1, head);
            bk.target = (long)b->targets->len;
            g_ptr_array_add(b->targets, (gpointer)l1);
            push(q, &bk);
        }
        if (new2) {
            bk = heading2(b, l2, sp_lang_passage(l2, false), head);
            push(q, &bk);
        }
        if (new1 || new2) {
            /* a page that goes on with this group starts with its heading again */
            const char *again = cat(b, W_CONTINUED, l2 ? l2 : l1);
            struct bblock c = l2 ? heading2(b, again, sp_lang_passage(l2, false), head)
                                 : heading1(b, again, head);
            cont = (long)b->conts->len;
            g_array_append_val(b->conts, c);
        }
        bk = meeting_block(b, &e[i], head, week_start);
        bk.cont = new1 || new2 ? -1 : cont;  /* the first one follows its heading */
        push(q, &bk);
        prev1 = l1;
        prev2 = l2;
    }
    free(e);
}

/* ---- front and back matter ---- */

static void about(struct brl *b, struct bseq *q)
{
    const char *text = b->s->intro;
    gchar **paras;
    bool first = true;
    size_t head;

    if (!text || !*text)
        return;
    head = add_head(b, WORD(W_ABOUT));
    paras = g_strsplit(text, "\n", -1);
    for (gchar **p = paras; *p; p++) {
        struct bblock bk;
        if (!**p)
            continue;
        if (first) {
            bk = heading1(b, WORD(W_ABOUT), head);
            bk.target = (long)b->targets->len;
            g_ptr_array_add(b->targets, (gpointer)WORD(W_ABOUT));
            push(q, &bk);
            first = false;
        }
        bk = paragraph(b, *p, head);
        push(q, &bk);
    }
    g_strfreev(paras);
    miss_report(b, NULL, 0, "intro");
}

static void back_matter(struct brl *b, struct bseq *q)
{
    const struct sp_settings *s = b->s;
    const char *title = WORD(s->nhelplines ? W_HELPLINES : W_CONTACT);
    size_t head = add_head(b, title);
    struct bblock bk = heading1(b, title, head);

    bk.target = (long)b->targets->len;
    g_ptr_array_add(b->targets, (gpointer)title);
    push(q, &bk);
    for (size_t i = 0; i < s->nhelplines; i++) {
        const struct sp_helpline *h = &s->helplines[i];
        bk = block_new(head);
        item(b, &bk, h->name, NULL, 0, 2);
        item(b, &bk, sp_words_glue(h->phone, b->a), NULL, 2, 4);
        item(b, &bk, h->hours, NULL, 2, 4);
        push(q, &bk);
    }
    bk = block_new(head);
    bk.blank_before = s->nhelplines ? 1 : 0;
    if (s->org_name && *s->org_name)
        item(b, &bk, cat(b, W_LIST_FROM, s->org_name), NULL, 0, 2);
    if (s->org_phone)
        item(b, &bk, cat(b, W_PHONE, sp_words_glue(s->org_phone, b->a)), NULL, 0, 2);
    if (s->org_email)
        item(b, &bk, cat(b, W_EMAIL, s->org_email), NULL, 0, 2);
    if (s->org_website)
        item(b, &bk, cat(b, W_WEBSITE, s->org_website), NULL, 0, 2);
    item(b, &bk, cat(b, W_PRINTED_ON, sp_words_date(b->in->date, b->a)), NULL, 0, 2);
    push(q, &bk);
    miss_report(b, NULL, 0, "helplines and contact");
}

/* The braille of a page number ("#ab" for 12 in UEB). */
static struct bline *number(struct brl *b, size_t n)
{
    struct bline *l;
    char buf[24];

    snprintf(buf, sizeof buf, "%zu", n);
    tr_add(b, buf, NULL);
    l = tx_line(b);
    sp_brl_text_clear(&b->tx);
    return l;
}

/* One contents entry: the name, guide dots, its page number at the right margin. */
static struct bblock contents_entry(struct brl *b, const char *name, size_t page,
                                    size_t head)
{
    struct bblock bk = block_new(head);
    const struct bline *num = number(b, page);
    int right = b->W - num->n;   /* where the number starts */
    struct bline *last;
    unsigned char *c;
    int from;

    /* the name keeps clear of the number column: a blank, two guide dots, a blank */
    tr_add(b, name, NULL);
    {
        int keep_w = b->W;
        b->W = right - 4 > 8 ? right - 4 : 8;
        tx_lines(b, &bk, 0, 2, false);
        b->W = keep_w;
    }
    if (bk.n == 0)
        blank_line(b, &bk);
    last = &bk.v[bk.n - 1];
    c = sp_arena_alloc(b->a, (size_t)b->W);
    if (last->n)
        memcpy(c, last->cells, (size_t)last->n);
    from = last->n + 1;
    for (int k = from; k < right - last->indent - 1; k++)
        c[k] = GUIDE_DOT;
    memcpy(c + right - last->indent, num->cells, (size_t)num->n);
    last->cells = c;
    last->n = right - last->indent + num->n;
    return bk;
}

static void contents(struct brl *b, struct bseq *q, const size_t *pages)
{
    size_t head = 1;  /* add_head(b, W_CONTENTS) is heads[1]: see sp_compose_braille */
    struct bblock bk = heading1(b, WORD(W_CONTENTS), head);

    g_array_set_size(q->v, 0);
    bk.new_page = true;
    push(q, &bk);
    for (guint i = 0; i < b->targets->len; i++) {
        bk = contents_entry(b, b->targets->pdata[i], pages[i] + 1, head);
        push(q, &bk);
    }
}

/* ---- pages ---- */

struct pager {
    struct brl *b;
    bool write;
    size_t npages;
    int line;                  /* next body line on the current page */
    bool last_blank;           /* the line above is blank, or this is the page top */
    GArray *page_head;         /* size_t per page */
    size_t *target_page;       /* per contents entry */
};

static void new_page(struct pager *p, size_t head)
{
    if (p->write)
        sp_brl_doc_add_page(p->b->doc);
    g_array_append_val(p->page_head, head);
    p->npages++;
    p->line = 0;
    p->last_blank = true;
}

static void put(struct pager *p, const struct bline *l, size_t head)
{
    if (p->npages == 0 || p->line >= p->b->body)
        new_page(p, head);
    if (p->write && l->n) {
        int row = p->b->bottom ? p->line : p->line + 1;
        unsigned char *dst = sp_brl_line(p->b->doc, p->npages - 1, row);
        int ind = l->indent + l->n <= p->b->W ? l->indent : p->b->W - l->n;
        memcpy(dst + (ind > 0 ? ind : 0), l->cells,
               (size_t)(l->n <= p->b->W ? l->n : p->b->W));
    }
    p->line++;
    p->last_blank = l->n == 0;
}

/* Lines of bk that must start on the same page: all of a kept block that fits a page,
   else its lead (the first two lines, or a meeting's time and name and one more). */
static int first_need(const struct bblock *bk, int room)
{
    int lead = bk->lead > 0 ? bk->lead : 2;

    if (bk->keep && (int)bk->n <= room)
        return (int)bk->n;
    if (lead > room)
        lead = room;
    return (int)bk->n < lead ? (int)bk->n : lead;
}

/* Lines needed on this page to start block i (headings bring the start of what follows);
   room: the lines a page has for it, less those its headings above take. */
static int need_of(const struct bblock *v, size_t n, size_t i, bool after_blank, int room)
{
    const struct bblock *bk = &v[i];
    int blanks = after_blank ? 0 : bk->blank_before;

    if (bk->with_next && i + 1 < n && !v[i + 1].new_page) {
        bool ends_blank = bk->n && bk->v[bk->n - 1].n == 0;
        int own = blanks + (int)bk->n;
        return own + need_of(v, n, i + 1, ends_blank, room - own);
    }
    return blanks + first_need(bk, room - blanks);
}

static void place_seq(struct pager *p, const struct bseq *q)
{
    const struct bblock *v = (const struct bblock *)(void *)q->v->data;
    size_t n = q->v->len;
    int B = p->b->body;
    bool glued = false;   /* the block before is a heading that keeps this one with it */

    for (size_t i = 0; i < n; i++) {
        const struct bblock *bk = &v[i];
        const struct bblock *cont = bk->cont >= 0
            ? &g_array_index(p->b->conts, struct bblock, (guint)bk->cont) : NULL;
        /* after its heading, the room left on this page; else a fresh page's */
        int room = glued ? B - p->line : B - (cont ? (int)cont->n : 0);
        int blanks;

        if (p->npages == 0 || p->line >= B || (bk->new_page && p->line > 0) ||
            (p->line > 0 && p->line + need_of(v, n, i, p->last_blank, room) > B))
            new_page(p, bk->main_heading ? 0 : bk->head);
        if (p->line == 0 && cont)
            for (size_t k = 0; k < cont->n; k++)
                put(p, &cont->v[k], bk->head);
        blanks = p->last_blank ? 0 : bk->blank_before;
        for (int k = 0; k < blanks; k++) {
            static const struct bline empty = { 0, 0, NULL };
            put(p, &empty, bk->head);
        }
        for (size_t k = 0; k < bk->n; k++) {
            put(p, &bk->v[k], bk->head);
            if (k == 0 && bk->target >= 0)
                p->target_page[bk->target] = p->npages - 1;
        }
        glued = bk->with_next;
    }
}

static void paginate(struct brl *b, const struct bseq *const *seqs, size_t nseqs, bool write,
                     size_t *target_page, size_t *npages)
{
    struct pager p = { b, write, 0, 0, true, g_array_new(FALSE, FALSE, sizeof(size_t)),
                       target_page };

    for (size_t s = 0; s < nseqs; s++)
        place_seq(&p, seqs[s]);
    if (write) {
        /* page numbers, and in UK style the running head on the same line */
        for (size_t k = 0; k < p.npages; k++) {
            const struct bline *num = number(b, k + 1);
            const struct bline *h = b->heads->pdata[g_array_index(p.page_head, size_t, k)];
            unsigned char *row = sp_brl_line(b->doc, k, b->bottom ? b->H - 1 : 0);
            int avail = b->W - num->n - MIN_GAP, len = h->n, at;

            memcpy(row + b->W - num->n, num->cells, (size_t)num->n);
            if (b->bottom || len == 0 || avail <= 0)
                continue;
            if (len > avail) {
                /* too long: cut at a blank (a whole word less), never inside a word */
                len = avail;
                while (len > 0 && h->cells[len] != 0)
                    len--;
                while (len > 0 && h->cells[len - 1] == 0)
                    len--;
                if (len == 0)
                    len = avail;
            }
            at = (b->W - len) / 2;
            if (at + len > avail)
                at = avail - len;
            memcpy(row + (at > 0 ? at : 0), h->cells, (size_t)len);
        }
    }
    *npages = p.npages;
    g_array_free(p.page_head, TRUE);
}

/* ---- the whole list ---- */

static void metadata(struct brl *b)
{
    const struct sp_settings *s = b->s;
    struct sp_brl_doc *d = b->doc;
    const char *area = area_of(b);
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)b->in->date);
    gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, d->dots,
                                             d->npages * (size_t)d->lines * (size_t)d->cells);

    d->title = sp_arena_printf(b->a, "%s%s%s", b->in->headline ? b->in->headline : s->headline,
                               area ? ": " : "", area ? area : "");
    d->author = s->org_name && *s->org_name ? s->org_name : NULL;
    d->lang = s->lang ? s->lang : "en-GB";
    if (dt) {
        gchar *iso = g_date_time_format(dt, "%Y-%m-%d");
        d->date = sp_arena_strdup(b->a, iso);
        g_free(iso);
        g_date_time_unref(dt);
    }
    d->identifier = sp_arena_printf(b->a, "signpost-%.16s", sum);
    d->table = sp_arena_strdup(b->a, sp_louis_table(b->tr));
    g_free(sum);
}

static int compose_braille(const struct sp_compose_in *in, struct sp_louis *tr,
                           struct sp_brl_doc *doc, struct sp_error *err);

int sp_compose_braille(const struct sp_compose_in *in, struct sp_louis *tr,
                       struct sp_brl_doc *doc, struct sp_error *err)
{
    int rc;

    /* braille is in one language, the output's first (its table is that language's) */
    sp_i18n_use(sp_i18n_output()->first);
    rc = compose_braille(in, tr, doc, err);
    sp_i18n_use(NULL);
    return rc;
}

static int compose_braille(const struct sp_compose_in *in, struct sp_louis *tr,
                           struct sp_brl_doc *doc, struct sp_error *err)
{
    const struct sp_layout *L = in->layout;
    const char *by_name = in->group_by ? in->group_by : "day";
    enum group_by by;
    struct brl b;
    struct bseq title = { g_array_new(FALSE, FALSE, sizeof(struct bblock)) };
    struct bseq toc = { g_array_new(FALSE, FALSE, sizeof(struct bblock)) };
    struct bseq body = { g_array_new(FALSE, FALSE, sizeof(struct bblock)) };
    const struct bseq *seqs[3] = { &title, &toc, &body };
    size_t *pages = NULL, *found = NULL, npages = 0;

    if (in->n == 0)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "no meetings to show (check the selection options)");
    if (!strcmp(by_name, "day"))
        by = GROUP_DAY;
    else if (!strcmp(by_name, "region"))
        by = GROUP_REGION;
    else if (!strcmp(by_name, "time"))
        by = GROUP_TIME;
    else
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "--group-by: expected day, region or time, got '%s'", by_name);

    /* Step 1: an empty document of the layout's size. */
    sp_brl_doc_release(doc);
    sp_brl_doc_init(doc, L->braille_cells, L->braille_lines);
    memset(&b, 0, sizeof b);
    b.in = in;
    b.s = in->settings;
    b.tr = tr;
    b.doc = doc;
    b.a = &doc->arena;
    b.err = err;
    b.W = doc->cells;
    b.H = doc->lines;
    b.body = b.H - 1;
    b.bottom = L->braille_numbers_bottom;
    b.heads = g_ptr_array_new();
    b.targets = g_ptr_array_new();
    b.conts = g_array_new(FALSE, FALSE, sizeof(struct bblock));
    g_ptr_array_add(b.heads, sp_arena_alloc(b.a, sizeof(struct bline)));  /* [0]: none */
    add_head(&b, WORD(W_CONTENTS));                                       /* [1] */

    /* Step 2: the blocks of the title page and the body. */
    title_page(&b, &title);
    about(&b, &body);
    meetings(&b, &body, by);
    back_matter(&b, &body);
    if (body.v->len)
        g_array_index(body.v, struct bblock, 0).new_page = true;

    /* Step 3: the contents' page numbers, until laying out with them gives them back. */
    pages = xcalloc(b.targets->len + 1, sizeof *pages);
    found = xcalloc(b.targets->len + 1, sizeof *found);
    for (int round = 0; round < 8 && b.rc == 0; round++) {
        contents(&b, &toc, pages);
        paginate(&b, seqs, 3, false, found, &npages);
        if (!memcmp(found, pages, b.targets->len * sizeof *pages))
            break;
        memcpy(pages, found, b.targets->len * sizeof *pages);
    }

    /* Step 4: the pages themselves. */
    if (b.rc == 0) {
        paginate(&b, seqs, 3, true, found, &npages);
        metadata(&b);
    }
    free(pages);
    free(found);
    sp_brl_text_release(&b.tx);
    g_ptr_array_free(b.heads, TRUE);
    g_ptr_array_free(b.targets, TRUE);
    g_array_free(b.conts, TRUE);
    g_array_free(title.v, TRUE);
    g_array_free(toc.v, TRUE);
    g_array_free(body.v, TRUE);
    return b.rc;
}
