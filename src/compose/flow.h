/*
 * flow.h - measured blocks (paragraphs of text, optionally a QR code at the right) and
 * a column flow that places them on pages with keep-together rules.  Shared by every
 * composer: posters, leaflets, cards and screens.
 *
 * Owns: block arrays in the plan's arena.  Must not: read the model or draw.
 * Units: points.
 */
#ifndef SP_FLOW_H
#define SP_FLOW_H

#include <stdbool.h>

#include "plan.h"
#include "text.h"

struct sp_para {
    const char *tag;        /* structure tag: "P", "H1", "H2"...; NULL = untagged (inside
                               the block's own tag) */
    struct sp_font font;
    uint32_t rgb;
    const char *text;
    double space_before;    /* points */
    bool center;            /* headings only: centred */
    double spacing;         /* line spacing for this paragraph; 0 = the block's */
    /* measured */
    struct sp_line *lines;
    int nlines;
    double height;
};

struct sp_block {
    struct sp_para *paras;
    size_t npara, cap;
    /* optional QR code at the right, top-aligned */
    const struct sp_qr *qr;
    double qr_size;         /* symbol width including quiet zone */
    double qr_gap;          /* between text and QR */
    const char *qr_url;     /* link over the symbol (already escaped for attributes) */
    const char *qr_alt;     /* Figure alt text and link /Contents */
    uint32_t qr_dark, qr_light;
    bool keep_with_next;    /* headings: never last in a column */
    enum sp_artifact artifact; /* furniture (running head, repeated footer): every item is
                               emitted with this marking and without structure tags */
    bool scratch;           /* measured in a scratch arena: emit copies its text into the
                               plan (otherwise the plan's own strings are used as they are) */
    double space_after;
    /* measured */
    double width, height, text_width;
};

void sp_block_init(struct sp_block *b);

/* Add a paragraph (text copied into a).  Returns it for adjustments. */
struct sp_para *sp_block_add(struct sp_block *b, struct sp_arena *a, const char *tag,
                             const struct sp_font *f, uint32_t rgb, const char *text,
                             double space_before);

/* Break every paragraph to the available width (width minus the QR column). */
void sp_block_measure(struct sp_block *b, struct sp_text *t, double width,
                      double line_spacing, struct sp_arena *a);

/* Emit the measured block with its top-left at (x, y).  A block with `scratch` set has
   its text and alt text copied into the plan; its QR symbol must live as long as the
   plan either way. */
void sp_block_emit(const struct sp_block *b, struct sp_plan *plan, struct sp_page *page,
                   double x, double y, double line_spacing);

/* Emit a TAG_BEGIN / TAG_END item. */
void sp_plan_tag(struct sp_plan *plan, struct sp_page *page, bool begin, const char *name,
                 const char *attr, const char *alt);

/* A stroked line from (x, y) to (x + w, y + h); dash 0 = solid. */
void sp_plan_rule(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                  double h, double line_width, double dash, uint32_t rgb);

/* A filled rectangle (line_width 0) or its outline (line_width > 0). */
void sp_plan_rect(struct sp_plan *plan, struct sp_page *page, double x, double y, double w,
                  double h, double line_width, uint32_t rgb);

/* A QR code item with its Figure and Link tags. */
void sp_plan_qr(struct sp_plan *plan, struct sp_page *page, const struct sp_qr *qr, double x,
                double y, double size, const char *url_attr, const char *alt, uint32_t dark,
                uint32_t light);

/* The same with the Figure inside its Link (Link > Figure > QR), so a screen reader meets
   the code once, as a link; without url_attr it is a Figure alone. */
void sp_plan_qr_link(struct sp_plan *plan, struct sp_page *page, const struct sp_qr *qr,
                     double x, double y, double size, const char *url_attr, const char *alt,
                     uint32_t dark, uint32_t light);

/* ---- column flow ---- */

struct sp_flow;
typedef void (*sp_flow_page_fn)(struct sp_flow *f, void *ctx);

struct sp_flow {
    struct sp_plan *plan;
    struct sp_page *page;      /* current page */
    size_t pageno;             /* index of the current page */
    int ncols, col;
    double col_w, col_gap, x0; /* column geometry */
    double top, bottom;        /* body area of the current page (set by new_page) */
    double y;                  /* next free y in the current column */
    double line_spacing;
    sp_flow_page_fn new_page;  /* draws the header, sets top/bottom */
    sp_flow_page_fn end_page;  /* draws the footer of a finished page, or NULL */
    void *ctx;
};

/* Start the flow: creates the first page through new_page. */
void sp_flow_start(struct sp_flow *f);

/* Finish the last page (calls end_page). */
void sp_flow_finish(struct sp_flow *f);

/* Move to the next column (or page). */
void sp_flow_next_column(struct sp_flow *f);

/* Room left in the current column. */
double sp_flow_room(const struct sp_flow *f);

/*
 * Place a block (measured to col_w) in the flow; with next_h > 0 the block is kept with
 * that much of what follows.  Returns 0, or -1 when the block is taller than a whole
 * column (the caller reports it).
 */
int sp_flow_place(struct sp_flow *f, const struct sp_block *b, double next_h);

/* True when the flow is at the top of a column. */
bool sp_flow_at_top(const struct sp_flow *f);

#endif
