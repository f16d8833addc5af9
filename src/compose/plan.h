/*
 * plan.h - the positioned display list: the only input to render.c and the out modules.
 *
 * Owns: nothing (items, strings and QR symbols live in plan->arena).  Must not:
 * include model.h, measure text or make layout decisions.  Units: points (for screen
 * layouts 1 pt = 1 px), origin top-left of the page, y down.
 */
#ifndef SP_PLAN_H
#define SP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../base/mem.h"

enum sp_item_kind {
    SP_ITEM_TEXT,       /* one line of text, already broken by compose */
    SP_ITEM_RECT,       /* filled rectangle (panel background) */
    SP_ITEM_RULE,       /* stroked line from (x,y) to (x+w,y+h) */
    SP_ITEM_QR,         /* QR symbol; the box includes the quiet zone */
    SP_ITEM_TAG_BEGIN,  /* structure element begins: text = tag name ("H1", "P", "Link") */
    SP_ITEM_TAG_END     /* structure element ends: text = tag name */
};

/*
 * Page furniture that a screen reader should not read as content (PDF/UA: /Artifact).
 * Rules and backgrounds drawn outside any structure element are layout artifacts
 * whatever this says; text marked here is kept out of the structure tree.
 */
enum sp_artifact {
    SP_ARTIFACT_NONE = 0,  /* real content (tagged) */
    SP_ARTIFACT_LAYOUT,    /* rules, backgrounds, crop marks, repeated decoration */
    SP_ARTIFACT_HEADER,    /* running heads repeated on each page (Pagination/Header) */
    SP_ARTIFACT_FOOTER     /* page numbers and footers repeated on each page */
};

struct sp_font {
    const char *family;  /* fontconfig family list, "Atkinson Hyperlegible Next" */
    double size;         /* points */
    bool bold;
    const char *lang;    /* BCP 47 tag ("en-GB", "cy", "ur") or NULL for en-GB */
};

struct sp_qr {
    int n;               /* modules per side, without quiet zone */
    int quiet;           /* quiet zone in modules on every side (4) */
    int version;         /* QR version 1..40 */
    char ecl;            /* 'L', 'M', 'Q', 'H' */
    const uint8_t *bits; /* n rows of sp_qr_row_bytes(n) bytes, top row first; module c of a
                            row is bit 7 - c % 8 of byte c / 8 (1 = dark); unused bits 0.
                            Read through sp_qr_dark() */
};

/* Bytes per row of sp_qr.bits: one bit a module (issue 16: a code is kept as long as the
   run's QR cache, so it is stored packed, about 200 bytes for a version 5 code). */
static inline size_t sp_qr_row_bytes(int n)
{
    return ((size_t)n + 7) / 8;
}

/* Whether module (row r, column c) of q is dark; 0 <= r, c < q->n. */
static inline bool sp_qr_dark(const struct sp_qr *q, int r, int c)
{
    return (q->bits[(size_t)r * sp_qr_row_bytes(q->n) + (size_t)c / 8] >> (7 - c % 8)) & 1;
}

struct sp_item {
    enum sp_item_kind kind;
    enum sp_artifact artifact; /* not SP_ARTIFACT_NONE: furniture, drawn outside the tags */
    double x, y, w, h;   /* box in points; TEXT: y is the top of the line box */
    uint32_t rgb;        /* 0xRRGGBB: TEXT colour, RECT fill, RULE stroke, QR dark modules */
    uint32_t bg;         /* QR: light colour (module background incl. quiet zone) */

    /* TEXT */
    const char *text;    /* TEXT: UTF-8, one line; TAG: tag name */
    struct sp_font font;
    double baseline;     /* TEXT: baseline offset below y */
    int rotate;          /* TEXT: 0, or 90 = reads bottom-to-top (box is then the rotated box) */

    /* RULE / RECT */
    double line_width;   /* RULE stroke width; RECT: 0 = filled, > 0 = stroked outline */
    double dash;         /* RULE: dash length, 0 = solid */

    /* QR */
    const struct sp_qr *qr;

    /* TAG_BEGIN */
    const char *attr;    /* cairo tag attributes ("uri='https://…' rect=[x y w h]") or NULL */
    const char *alt;     /* Figure: alt text; Link: /Contents text; else NULL */
};

struct sp_outline_entry {
    int parent;          /* index of parent entry, or -1 for top level */
    const char *title;
    int page;            /* 0-based page index */
    double y;            /* points from the top */
};

struct sp_page {
    struct sp_item *items;
    size_t n, cap;
    const char *label;   /* PDF page label, or NULL */
    const char *name;    /* file-name stem for per-page outputs (kiosk slides), or NULL */
};

struct sp_plan;

/*
 * Where finished pages go when a plan is streamed (issue 17): called once per page, in
 * order, by sp_plan_flush; returns 0, or -1 (the plan then remembers the failure and
 * stops calling it).  The page's items are freed after the call.
 */
typedef int (*sp_plan_sink_fn)(void *ctx, const struct sp_plan *p, size_t pageno);

struct sp_plan {
    struct sp_arena arena;
    double width, height;   /* page size in points */
    double bleed;           /* print-shop bleed in points (TrimBox/BleedBox), 0 = none */
    struct sp_page *pages;
    size_t npages, cap;
    struct sp_outline_entry *outline;
    size_t noutline, outline_cap;
    /* metadata */
    const char *title, *author, *subject, *keywords, *lang;  /* lang: "en-GB" */
    /* streaming (sp_plan_set_sink): pages [0, flushed) went to the sink, their items freed */
    sp_plan_sink_fn sink;
    void *sink_ctx;
    /* when set, called on each page just before the sink gets it (the languages pass of
       compose/tr.h, which must see every page before it is drawn and freed) */
    void (*finish_page)(void *ctx, struct sp_plan *p, size_t pageno);
    void *finish_ctx;
    size_t flushed;
    int sink_failed;     /* the sink returned -1 */
    struct sp_arena gens[3]; /* sp_plan_scratch: by newest page, modulo 3 */
};

void sp_plan_init(struct sp_plan *p, double width, double height);
void sp_plan_release(struct sp_plan *p);

/* Release and init again at this size, keeping the sink (for composers that start over:
   a composition tried and dropped must have gone to a sink that discards). */
void sp_plan_reset(struct sp_plan *p, double width, double height);

/* Append a page and return it (pointer valid until the next sp_plan_add_page). */
struct sp_page *sp_plan_add_page(struct sp_plan *p);

/* Append an item (copied) to page; returns the stored item. */
struct sp_item *sp_plan_add(struct sp_plan *p, struct sp_page *page, const struct sp_item *it);

/* Add an outline (bookmark) entry; returns its index. */
int sp_plan_add_outline(struct sp_plan *p, int parent, const char *title, int page, double y);

/*
 * Stream the plan: pages finished with sp_plan_flush go to fn and their items are freed
 * (their labels, names and the plan's count stay), so a long output holds only the pages
 * not yet finished.  Composers that support it (sp_plan_streams) flush as they go; fn NULL
 * turns streaming off.
 */
void sp_plan_set_sink(struct sp_plan *p, sp_plan_sink_fn fn, void *ctx);

/* Does the plan stream? */
bool sp_plan_streams(const struct sp_plan *p);

/*
 * Pages [p->flushed, upto) are finished: give each to the sink (if any) and free its
 * items.  Returns 0, or -1 when the sink failed (now or before).  Without a sink it does
 * nothing.
 */
int sp_plan_flush(struct sp_plan *p, size_t upto);

/*
 * An arena for what a composer makes for the page it is filling (measured lines, an
 * entry's strings and QR symbol): when the plan streams, what was made while page k was
 * the newest page is freed when page k + 3 is added, if pages up to k + 1 were flushed by
 * then (so use it only for what goes on the newest page or the next one).  Without a sink
 * it is the plan's own arena.
 */
struct sp_arena *sp_plan_scratch(struct sp_plan *p);

/* Copy a string into the plan's arena. */
const char *sp_plan_str(struct sp_plan *p, const char *s);

/*
 * Write the plan as stable text (the --dump-plan format and golden files): one line
 * per page and per item, coordinates "%.2f".  Returns 0 or -1 on write error.
 */
int sp_plan_dump(const struct sp_plan *p, FILE *fp);

#endif
