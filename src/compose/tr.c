/*
 * tr.c - translated and bilingual words for the composers, and the languages pass over a
 * finished plan (see tr.h).  The pass measures only the runs it makes (a line split at a
 * bilingual mark); it moves nothing else but for the mirror of a right-to-left page.
 */
#include "tr.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

bool sp_tr_rtl(void)
{
    return sp_i18n_output()->first->rtl;
}

/* ---- the languages pass ---- */

/* One piece of a marked line: its text (marks removed) and whether it is in the second
   language. */
struct run {
    GString *text;
    bool second;
};

/* Split s at the bilingual marks; *in2 says whether s starts inside the second language
   and is left saying where it ends.  Returns the number of runs in v (at most max; the
   rest go into the last); a run may be empty. */
static int split_runs(const char *s, bool *in2, struct run *v, int max)
{
    int n = 0;

    v[0].text = g_string_new(NULL);
    v[0].second = *in2;
    for (const char *p = s; *p;) {
        bool mark2 = !strncmp(p, SP_I18N_SECOND, 3), mark1 = !strncmp(p, SP_I18N_END, 3);
        if (mark1 || mark2) {
            p += 3;
            if (mark2 != *in2) {
                *in2 = mark2;
                if (v[n].text->len && n + 1 < max)
                    v[++n].text = g_string_new(NULL);
                v[n].second = mark2;
            }
            continue;
        }
        g_string_append_c(v[n].text, *p++);
    }
    return n + 1;
}

#define MAX_RUNS 16

/* Replace the marked text item it (copied into out) by its runs, each with its language. */
static void split_item(const struct sp_item *it, bool *in2, struct sp_text *t,
                       struct sp_plan *plan, struct sp_item **out, size_t *nout,
                       size_t *cap)
{
    struct run v[MAX_RUNS];
    const struct sp_langs *l = sp_i18n_output();
    int n = split_runs(it->text, in2, v, MAX_RUNS);
    bool rtl = it->rotate == 0 && sp_text_rtl(&it->font, sp_i18n_plain(&plan->arena, it->text));
    double done = 0;

    for (int k = 0; k < n; k++) {
        struct sp_item r = *it;
        double w;

        if (!v[k].text->len) {
            g_string_free(v[k].text, TRUE);
            continue;
        }
        r.text = sp_plan_str(plan, v[k].text->str);
        if (v[k].second && l->second)
            r.font.lang = l->second->tag;
        if (n > 1 && it->rotate == 0) {
            w = sp_text_width(t, &r.font, r.text);
            r.w = w;
            r.x = rtl ? it->x + it->w - done - w : it->x + done;
            done += w;
        }
        if (*nout == *cap) {
            *cap = *cap ? 2 * *cap : 64;
            *out = xrealloc(*out, *cap * sizeof **out);
        }
        (*out)[(*nout)++] = r;
        g_string_free(v[k].text, TRUE);
    }
}

/* "rect=[x y w h]" in a tag attribute, mirrored on a page of width W. */
static const char *mirror_attr(const char *attr, double W, struct sp_arena *a)
{
    const char *p = attr ? strstr(attr, "rect=[") : NULL;
    double v[4];
    char *end;
    char b[4][G_ASCII_DTOSTR_BUF_SIZE];

    if (!p)
        return attr;
    end = (char *)p + 6;
    for (int i = 0; i < 4; i++)
        v[i] = g_ascii_strtod(end, &end);
    if (*end != ']')
        return attr;
    return sp_arena_printf(a, "%.*srect=[%s %s %s %s]%s", (int)(p - attr), attr,
                           g_ascii_formatd(b[0], sizeof b[0], "%.2f", W - v[0] - v[2]),
                           g_ascii_formatd(b[1], sizeof b[1], "%.2f", v[1]),
                           g_ascii_formatd(b[2], sizeof b[2], "%.2f", v[2]),
                           g_ascii_formatd(b[3], sizeof b[3], "%.2f", v[3]), end + 1);
}

static void mirror_item(struct sp_item *it, double W, struct sp_arena *a)
{
    switch (it->kind) {
    case SP_ITEM_RULE:
        /* a line from (x, y) to (x + w, y + h) */
        if (it->w >= 0) {
            it->x = W - it->x - it->w;
            if (it->h != 0) {
                it->x += it->w;
                it->w = -it->w;
            }
        } else {
            it->x = W - it->x;
            it->w = -it->w;
        }
        break;
    case SP_ITEM_TEXT:
    case SP_ITEM_RECT:
    case SP_ITEM_QR:
        it->x = W - it->x - it->w;
        break;
    case SP_ITEM_TAG_BEGIN:
        it->attr = mirror_attr(it->attr, W, a);
        break;
    case SP_ITEM_TAG_END:
        break;
    }
}

/* Tags whose end closes a paragraph: a bilingual run never goes on past them. */
static bool ends_paragraph(const char *tag)
{
    return tag && (!strcmp(tag, "P") || !strcmp(tag, "Lbl") || !strcmp(tag, "LBody") ||
                   !strcmp(tag, "LI") || (tag[0] == 'H' && tag[1] >= '1' && tag[1] <= '6'));
}

/* The document's own words: its language, and its metadata without the marks. */
static void finish_document(struct sp_plan *plan)
{
    const struct sp_langs *l = sp_i18n_output();
    struct sp_arena *a = &plan->arena;

    plan->lang = l->tag;
    plan->title = sp_i18n_plain(a, plan->title);
    plan->subject = sp_i18n_plain(a, plan->subject);
    plan->author = sp_i18n_plain(a, plan->author);
}

/* One page: mirrored in a right-to-left output, its bilingual runs split. */
static void finish_page(struct sp_plan *plan, size_t pi, struct sp_text *t)
{
    struct sp_arena *a = &plan->arena;
    bool mirror = sp_i18n_output()->first->rtl;
    struct sp_page *pg = &plan->pages[pi];
    struct sp_item *out = NULL;
    size_t nout = 0, cap = 0;
    bool in2 = false, any = false;

    pg->label = sp_i18n_plain(a, pg->label);
    for (size_t i = 0; i < pg->n; i++) {
        struct sp_item *it = &pg->items[i];
        if (mirror)
            mirror_item(it, plan->width, a);
        if (it->kind == SP_ITEM_TAG_BEGIN)
            it->alt = sp_i18n_plain(a, it->alt);
        any |= it->kind == SP_ITEM_TEXT && it->text && (in2 || sp_i18n_marked(it->text));
    }
    if (!any)
        return;
    /* bilingual runs: one item per language */
    for (size_t i = 0; i < pg->n; i++) {
        const struct sp_item *it = &pg->items[i];
        if (it->kind == SP_ITEM_TEXT && it->text && (in2 || sp_i18n_marked(it->text))) {
            split_item(it, &in2, t, plan, &out, &nout, &cap);
            continue;
        }
        if (it->kind == SP_ITEM_TAG_END && ends_paragraph(it->text))
            in2 = false;
        if (nout == cap) {
            cap = cap ? 2 * cap : 64;
            out = xrealloc(out, cap * sizeof *out);
        }
        out[nout++] = *it;
    }
    free(pg->items);
    pg->items = out;
    pg->n = nout;
    pg->cap = cap;
}

void sp_tr_page_hook(void *ctx, struct sp_plan *plan, size_t pageno)
{
    finish_document(plan);  /* the language is needed from the first page drawn */
    finish_page(plan, pageno, ctx);
}

void sp_tr_plan_finish(struct sp_plan *plan, struct sp_text *t)
{
    finish_document(plan);
    for (size_t i = 0; i < plan->noutline; i++)
        plan->outline[i].title = sp_i18n_plain(&plan->arena, plan->outline[i].title);
    /* pages already streamed were finished on their way out (sp_tr_page_hook): they are
       empty now */
    for (size_t pi = plan->flushed; pi < plan->npages; pi++)
        finish_page(plan, pi, t);
    plan->finish_page = NULL;
}
