/*
 * pdf_a11y.h - the PDF/UA filter between cairo 1.16's output stream and the file: adds
 * what cairo cannot write, turns the renderer's reserved tags into artifacts and spans,
 * puts imposed sheets' structure in reading order (docs/standards.md, "Tagged PDF").
 * Owns: the filter, one object at a time.  Must not: use cairo, read the model, read back.
 */
#ifndef SP_PDF_A11Y_H
#define SP_PDF_A11Y_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../base/error.h"
#include "../base/mem.h"

/*
 * Reserved cairo tag names (valid for cairo 1.16, which refuses unknown names such as
 * "Artifact"): the renderer uses them, and only them, for what cairo cannot mark, and
 * the filter turns them into what they stand for.  Plans never use them (render.c
 * renames a plan tag with one of these names to "Span").
 */
#define SP_PDF_TAG_LAYOUT "RB"  /* /Artifact << /Type /Layout >> */
#define SP_PDF_TAG_HEADER "RT"  /* /Artifact << /Type /Pagination /Subtype /Header >> */
#define SP_PDF_TAG_FOOTER "RP"  /* /Artifact << /Type /Pagination /Subtype /Footer >> */
#define SP_PDF_TAG_SPAN   "WT"  /* /Span << /MCID n /Lang .. /ActualText .. >> */

struct sp_pdf_span {
    const char *lang;         /* /Lang, or NULL */
    const char *actual_text;  /* /ActualText of the element (the source text of the run),
                                 or NULL */
    bool in_content;          /* the ActualText also on the marked content, in place of
                                 cairo's per-cluster spans (left-to-right runs: poppler
                                 reverses a right-to-left ActualText, see render.c) */
};

struct sp_pdf_link {
    const char *uri;          /* the target as given to cairo (sp_pdf_uri form), or NULL
                                 for a link that is not a URI */
    const char *contents;     /* the annotation's /Contents */
};

struct sp_pdf_top {
    size_t page;              /* page (0-based) of the element's first drawing */
    double x;                 /* x of that drawing, points; -1 when it draws nothing */
};

/*
 * What the renderer records while it draws, in drawing order: one entry per reserved
 * "WT" tag (spans), per Link tag (links), per Figure tag (alts), and per child element of
 * a top-level Document element (tops).  The filter reads spans and links as cairo writes
 * each page, the rest when the document is finished.  Strings are copied into arena.
 */
struct sp_pdf_marks {
    struct sp_arena arena;
    struct sp_pdf_span *spans;
    size_t nspans, capspans;
    struct sp_pdf_link *links;
    size_t nlinks, caplinks;
    const char **alts;
    size_t nalts, capalts;
    struct sp_pdf_top *tops;
    size_t ntops, captops;
};

void sp_pdf_marks_init(struct sp_pdf_marks *m);
void sp_pdf_marks_release(struct sp_pdf_marks *m);
void sp_pdf_marks_clear(struct sp_pdf_marks *m);  /* empty, ready for more */
void sp_pdf_marks_span(struct sp_pdf_marks *m, const char *lang, const char *actual_text,
                       bool in_content);
void sp_pdf_marks_link(struct sp_pdf_marks *m, const char *uri, const char *contents);
void sp_pdf_marks_figure(struct sp_pdf_marks *m, const char *alt);
void sp_pdf_marks_top(struct sp_pdf_marks *m, size_t page, double x);

struct sp_pdf_a11y {
    const char *lang;           /* catalog /Lang, "en-GB" */
    const char *title;          /* Info /Title, XMP dc:title */
    const char *author;         /* Info /Author, XMP dc:creator, or NULL */
    const char *subject;        /* Info /Subject, XMP dc:description, or NULL */
    const char *keywords;       /* Info /Keywords, or NULL */
    const char *creator;        /* Info /Creator, XMP xmp:CreatorTool, or NULL */
    const char *producer;       /* Info /Producer, or NULL */
    time_t date;                /* creation and modification date; (time_t)-1 = none */
    double bleed;               /* points, >= 0; > 0: every page gets /BleedBox = its
                                   /MediaBox and /TrimBox = the MediaBox inset by bleed */
    bool pdfua;                 /* claim PDF/UA-1 (XMP pdfuaid:part 1) */
    bool imposed;               /* sheets of an imposed plan: the Document element's
                                   children are sorted by top_keys, and note is added */
    const struct sp_pdf_marks *marks;  /* may be NULL when no tag carries anything */
    const char *const *outline;  /* the title of each bookmark, in the order they were
                                    added to cairo (rewritten with pdf_syntax), or NULL */
    size_t noutline;
    /* a document written in chunks (sp_pdf_filter_chunked): cairo writes no bookmarks, the
       filter writes them from these (each noutline long): parent index (-1: top level),
       page (0-based), and the target's height on its page (PDF units, from the bottom) */
    const int *outline_parent;
    const size_t *outline_page;
    const double *outline_y;
    /* read when the document is finished (so they may be set after the pages): */
    const char *note;           /* imposed: text of the first structure element */
    const double *top_keys;     /* imposed: reading-order key of the Document element's
                                   Nth child (tag order); equal keys keep their order */
    size_t ntop_keys;
};

/* Where the filter writes: returns 0, or an errno value (the filter then stops). */
typedef int (*sp_pdf_sink)(void *closure, const unsigned char *data, size_t n);

struct sp_pdf_filter;

/* A filter writing to sink.  info (and marks) must outlive the filter. */
struct sp_pdf_filter *sp_pdf_filter_new(const struct sp_pdf_a11y *info, sp_pdf_sink sink,
                                        void *closure);

/* Feed the next bytes cairo wrote.  Returns 0, or -1 once anything failed (details at
   finish). */
int sp_pdf_filter_write(struct sp_pdf_filter *f, const unsigned char *data, size_t n);

/*
 * Write what was held back (catalog, XMP, xref, trailer).  Returns 0, or -1 with
 * SP_ERR_IO (*io_errno set, from the sink) or SP_ERR_RESOURCE ("pdf update: ..." when
 * the input is not what cairo 1.16 writes, or the marks do not match it: a count, a
 * link target, an artifact missing from the parent tree).
 */
int sp_pdf_filter_finish(struct sp_pdf_filter *f, int *io_errno, struct sp_error *err);

/*
 * One document from several cairo documents ("chunks"), so that cairo's structure tree,
 * which it holds until its surface finishes, never holds more than one chunk.  Call
 * sp_pdf_filter_chunked before the first chunk's surface finishes, and
 * sp_pdf_filter_next_chunk after each chunk's surface has finished and before the next
 * one writes anything.  The chunks become one file: every object of chunk k is
 * renumbered after those of chunk k-1; the page trees, parent trees and page labels are
 * joined (one tree node per chunk); the Document element of each later chunk becomes a
 * /Part of the first chunk's Document; bookmarks come from info->outline_* (cairo's
 * bookmarks can only point into their own chunk).  A chunk must open with every
 * structure element cairo had open closed, and the Document element reopened.  After
 * sp_pdf_filter_next_chunk returns 0, every mark was matched: the caller empties the
 * marks (sp_pdf_marks_clear), so they hold one chunk's.
 */
void sp_pdf_filter_chunked(struct sp_pdf_filter *f);
int sp_pdf_filter_failed(const struct sp_pdf_filter *f);  /* finish would fail */
int sp_pdf_filter_next_chunk(struct sp_pdf_filter *f);

void sp_pdf_filter_free(struct sp_pdf_filter *f);

/* Seconds (monotonic clock) spent in the filter so far: for SIGNPOST_TIMING and bench. */
double sp_pdf_filter_seconds(const struct sp_pdf_filter *f);

/*
 * The whole filter on a complete file in memory (tests, fuzzing): *out is malloc'd.
 * Returns 0, or -1 with *err, *out NULL.  Deterministic; never reads outside pdf[0..len).
 */
int sp_pdf_a11y_rewrite(const unsigned char *pdf, size_t len, const struct sp_pdf_a11y *info,
                        unsigned char **out, size_t *outlen, struct sp_error *err);

#endif
