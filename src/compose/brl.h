/*
 * brl.h - braille pages: the braille counterpart of plan.h.  A document is a run of
 * pages, each a grid of `lines` lines of `cells` cells; a cell is a six-dot pattern
 * (bit 0 = dot 1 ... bit 5 = dot 6; 0 is the blank cell).
 *
 * Owns: its pages and metadata strings (sp_brl_doc_release).  Must not: know about
 * meetings, liblouis, layouts or files.
 */
#ifndef SP_BRL_H
#define SP_BRL_H

#include <stddef.h>
#include <stdio.h>

#include "../base/mem.h"

struct sp_brl_doc {
    int cells;                /* cells per line, >= 1 */
    int lines;                /* lines per page, >= 1 */
    size_t npages;
    unsigned char *dots;      /* npages * lines * cells patterns, row-major per page */
    size_t cap;               /* pages allocated */

    /* metadata (PEF): strings in `arena`, or static; NULL when unknown */
    const char *title;        /* "Free support meetings near you: South Wales" */
    const char *author;       /* the organisation */
    const char *lang;         /* language tag of the text, "en-GB" */
    const char *date;         /* the print date, "2026-11-26" */
    const char *identifier;   /* stable id for the same content */
    const char *table;        /* liblouis table it was translated with ("en-ueb-g2.ctb") */
    struct sp_arena arena;
};

void sp_brl_doc_init(struct sp_brl_doc *d, int cells, int lines);
void sp_brl_doc_release(struct sp_brl_doc *d);

/* Append a blank page; returns its index. */
size_t sp_brl_doc_add_page(struct sp_brl_doc *d);

/* The cells of one line (cells long; pointer valid until the next add_page). */
unsigned char *sp_brl_line(const struct sp_brl_doc *d, size_t page, int line);

/* Length of a line without its trailing blank cells (0 for a blank line). */
int sp_brl_line_len(const struct sp_brl_doc *d, size_t page, int line);

/* Lines a page uses: its last non-blank line + 1 (0 for a blank page). */
int sp_brl_page_used(const struct sp_brl_doc *d, size_t page);

/* Unicode braille for a pattern: U+2800 + pattern, as UTF-8 (3 bytes) into buf[4]. */
void sp_brl_utf8(unsigned char pattern, char buf[4]);

/*
 * The debugging view (--dump-plan for braille layouts): "page N" then each line in
 * Unicode braille, trailing blanks trimmed.  Returns 0, or -1 when fp fails.
 */
int sp_brl_doc_dump(const struct sp_brl_doc *d, FILE *fp);

#endif
