/*
 * plan.c - the positioned display list and its stable text dump.
 */
#include "plan.h"

#include <string.h>

void sp_plan_init(struct sp_plan *p, double width, double height)
{
    memset(p, 0, sizeof *p);
    sp_arena_init(&p->arena);
    for (size_t i = 0; i < 3; i++)
        sp_arena_init(&p->gens[i]);
    p->width = width;
    p->height = height;
    p->lang = "en-GB";
}

void sp_plan_reset(struct sp_plan *p, double width, double height)
{
    sp_plan_sink_fn fn = p->sink;
    void *ctx = p->sink_ctx;
    void (*finish)(void *, struct sp_plan *, size_t) = p->finish_page;
    void *fctx = p->finish_ctx;

    sp_plan_release(p);
    sp_plan_init(p, width, height);
    p->sink = fn;
    p->sink_ctx = ctx;
    p->finish_page = finish;
    p->finish_ctx = fctx;
}

void sp_plan_set_sink(struct sp_plan *p, sp_plan_sink_fn fn, void *ctx)
{
    p->sink = fn;
    p->sink_ctx = ctx;
}

bool sp_plan_streams(const struct sp_plan *p)
{
    return p->sink != NULL;
}

int sp_plan_flush(struct sp_plan *p, size_t upto)
{
    if (!p->sink)
        return 0;
    if (upto > p->npages)
        upto = p->npages;
    for (; p->flushed < upto; p->flushed++) {
        struct sp_page *pg = &p->pages[p->flushed];

        if (p->finish_page)
            p->finish_page(p->finish_ctx, p, p->flushed);
        if (!p->sink_failed && p->sink(p->sink_ctx, p, p->flushed) != 0)
            p->sink_failed = 1;
        free(pg->items);
        pg->items = NULL;
        pg->n = pg->cap = 0;
    }
    return p->sink_failed ? -1 : 0;
}

void sp_plan_release(struct sp_plan *p)
{
    for (size_t i = 0; i < p->npages; i++)
        free(p->pages[i].items);
    free(p->pages);
    free(p->outline);
    sp_arena_free(&p->arena);
    for (size_t i = 0; i < 3; i++)
        sp_arena_free(&p->gens[i]);
    memset(p, 0, sizeof *p);
}

struct sp_page *sp_plan_add_page(struct sp_plan *p)
{
    /* the previous page is complete: give back its item array's slack (up to half of it
       after doubling), which matters for poster sets of thousands of pages */
    if (p->npages > 0) {
        struct sp_page *last = &p->pages[p->npages - 1];
        if (last->n && last->n < last->cap) {
            last->items = xrealloc(last->items, last->n * sizeof *last->items);
            last->cap = last->n;
        }
    }
    /* page k is added: what was made while page k - 3 was the newest is on flushed pages */
    if (p->sink && p->npages >= 3 && p->flushed + 1 >= p->npages) {
        struct sp_arena *g = &p->gens[p->npages % 3];
        sp_arena_free(g);
        sp_arena_init(g);
    }
    if (p->npages == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        p->pages = xrealloc(p->pages, p->cap * sizeof *p->pages);
    }
    memset(&p->pages[p->npages], 0, sizeof p->pages[0]);
    return &p->pages[p->npages++];
}

struct sp_item *sp_plan_add(struct sp_plan *p, struct sp_page *page, const struct sp_item *it)
{
    (void)p;
    if (page->n == page->cap) {
        page->cap = page->cap ? 2 * page->cap : 64;
        page->items = xrealloc(page->items, page->cap * sizeof *page->items);
    }
    page->items[page->n] = *it;
    return &page->items[page->n++];
}

int sp_plan_add_outline(struct sp_plan *p, int parent, const char *title, int page, double y)
{
    struct sp_outline_entry *e;

    if (p->noutline == p->outline_cap) {
        p->outline_cap = p->outline_cap ? 2 * p->outline_cap : 16;
        p->outline = xrealloc(p->outline, p->outline_cap * sizeof *p->outline);
    }
    e = &p->outline[p->noutline];
    e->parent = parent;
    e->title = sp_plan_str(p, title);
    e->page = page;
    e->y = y;
    return (int)p->noutline++;
}

struct sp_arena *sp_plan_scratch(struct sp_plan *p)
{
    if (!p->sink || !p->npages)
        return &p->arena;
    return &p->gens[(p->npages - 1) % 3];
}

const char *sp_plan_str(struct sp_plan *p, const char *s)
{
    return sp_arena_strdup(&p->arena, s);
}

static const char *kind_name(enum sp_item_kind k)
{
    switch (k) {
    case SP_ITEM_TEXT:      return "text";
    case SP_ITEM_RECT:      return "rect";
    case SP_ITEM_RULE:      return "rule";
    case SP_ITEM_QR:        return "qr";
    case SP_ITEM_TAG_BEGIN: return "begin";
    case SP_ITEM_TAG_END:   return "end";
    }
    return "?";
}

/* " artifact=header" etc. in the dump; nothing for real content */
static const char *artifact_name(enum sp_artifact a)
{
    switch (a) {
    case SP_ARTIFACT_LAYOUT: return " artifact=layout";
    case SP_ARTIFACT_HEADER: return " artifact=header";
    case SP_ARTIFACT_FOOTER: return " artifact=footer";
    case SP_ARTIFACT_NONE:   break;
    }
    return "";
}

int sp_plan_dump(const struct sp_plan *p, FILE *fp)
{
    fprintf(fp, "plan %.2f x %.2f pages %zu", p->width, p->height, p->npages);
    if (p->bleed > 0)
        fprintf(fp, " bleed %.2f", p->bleed);
    fprintf(fp, "\n");
    if (p->title)
        fprintf(fp, "title \"%s\"\n", p->title);
    for (size_t i = 0; i < p->noutline; i++)
        fprintf(fp, "outline %zu parent %d page %d y %.2f \"%s\"\n", i, p->outline[i].parent,
                p->outline[i].page + 1, p->outline[i].y, p->outline[i].title);
    for (size_t pg = 0; pg < p->npages; pg++) {
        const struct sp_page *page = &p->pages[pg];
        fprintf(fp, "page %zu", pg + 1);
        if (page->label)
            fprintf(fp, " label \"%s\"", page->label);
        if (page->name)
            fprintf(fp, " name \"%s\"", page->name);
        fprintf(fp, "\n");
        for (size_t i = 0; i < page->n; i++) {
            const struct sp_item *it = &page->items[i];
            switch (it->kind) {
            case SP_ITEM_TAG_BEGIN:
                fprintf(fp, "  begin %s", it->text);
                if (it->attr)
                    fprintf(fp, " [%s]", it->attr);
                if (it->alt)
                    fprintf(fp, " alt \"%s\"", it->alt);
                fprintf(fp, "\n");
                break;
            case SP_ITEM_TAG_END:
                fprintf(fp, "  end %s\n", it->text);
                break;
            case SP_ITEM_TEXT:
                fprintf(fp, "  text %.2f %.2f %.2f %.2f %s%.1fpt%s%s #%06X%s%s \"%s\"\n", it->x,
                        it->y, it->w, it->h, it->font.bold ? "bold " : "", it->font.size,
                        it->font.lang ? " " : "", it->font.lang ? it->font.lang : "",
                        (unsigned)it->rgb, it->rotate ? " rot90" : "",
                        artifact_name(it->artifact), it->text);
                break;
            case SP_ITEM_QR:
                fprintf(fp, "  qr %.2f %.2f %.2f %.2f v%d %c %d+%d modules\n", it->x, it->y,
                        it->w, it->h, it->qr ? it->qr->version : 0, it->qr ? it->qr->ecl : '?',
                        it->qr ? it->qr->n : 0, it->qr ? it->qr->quiet : 0);
                break;
            default:
                fprintf(fp, "  %s %.2f %.2f %.2f %.2f #%06X", kind_name(it->kind), it->x, it->y,
                        it->w, it->h, (unsigned)it->rgb);
                if (it->line_width > 0)
                    fprintf(fp, " lw %.2f", it->line_width);
                if (it->dash > 0)
                    fprintf(fp, " dash %.2f", it->dash);
                fprintf(fp, "\n");
                break;
            }
        }
    }
    return ferror(fp) ? -1 : 0;
}
