/*
 * out.h - write a plan to a file: PDF (tagged, through the PDF/UA filter), PNG
 * (one file per page) or SVG (one file per page), always through a temporary file
 * and rename, so a failed run never leaves a broken file where a good one was.
 *
 * Owns: surfaces and files during the call.  Must not: include model.h or json-c.
 */
#ifndef SP_OUT_H
#define SP_OUT_H

#include <cairo.h>
#include <stdio.h>
#include <time.h>

#include "../base/error.h"
#include "../compose/plan.h"
#include "../compose/text.h"

enum sp_out_format { SP_OUT_PDF, SP_OUT_PNG, SP_OUT_SVG };

/* A PDF plan that is printer's sheets made by impose.h from a reading-order plan. */
enum sp_out_imposed { SP_OUT_FLAT = 0, SP_OUT_BOOKLET, SP_OUT_TRIFOLD };

struct sp_out_opts {
    enum sp_out_format format;
    double dpi;          /* PNG: pixels per inch (72 = 1 px per point; kiosk plans use 72) */
    time_t date;         /* PDF CreationDate/ModDate; (time_t)-1 = none */
    const char *creator; /* "signpost 0.1.0" */
};

/* Guess the format from path's extension (.pdf .png .svg); -1 if none matches. */
int sp_out_format_from_path(const char *path, enum sp_out_format *fmt);

/*
 * Write plan to path.  PDF: one file.  PNG/SVG: a single-page plan goes to path; a
 * multi-page plan to path with "-1", "-2"... before the extension (or page->name if set:
 * "<dir>/<name>.png").  Returns 0, or -1 with SP_ERR_IO (file, errno text) or
 * SP_ERR_RESOURCE (cairo failure).  Nothing is left at path on failure.
 */
int sp_out_write(const struct sp_plan *plan, struct sp_text *t, const char *path,
                 const struct sp_out_opts *opts, struct sp_error *err);

/*
 * sp_out_write for a PDF of printer's sheets imposed (impose.h) from a reading-order
 * plan: the structure tree is put back in reading order whatever the sheet order, and
 * its first element says that reading_copy (a path; its file name is given) is the same
 * document in reading order.  kind SP_OUT_FLAT is plain sp_out_write.
 */
int sp_out_write_sheets(const struct sp_plan *sheets, struct sp_text *t, const char *path,
                        const struct sp_out_opts *opts, enum sp_out_imposed kind,
                        const char *reading_copy, struct sp_error *err);

/*
 * A PDF written page by page (issue 17: streaming), for a plan composed with
 * sp_plan_set_sink(plan, sp_out_pdf_sink, w): each finished page is drawn as soon as it is
 * flushed and then freed.  The file is the same, byte for byte, as sp_out_write of the
 * whole plan.  width, height and bleed are the plan's; the plan's language must be set
 * before its first page is flushed, its title, outline and other metadata by close.
 * open returns NULL with *err (the temporary file); close writes the rest, renames the
 * file into place and frees w (returns 0, or -1 with *err and nothing left at path);
 * abandon removes the temporary file and frees w.
 */
struct sp_out_pdf;
struct sp_out_pdf *sp_out_pdf_open(const char *path, double width, double height,
                                   double bleed, struct sp_text *t,
                                   const struct sp_out_opts *opts, struct sp_error *err);
int sp_out_pdf_page(struct sp_out_pdf *w, const struct sp_plan *plan, size_t pageno);
int sp_out_pdf_sink(void *w, const struct sp_plan *plan, size_t pageno);
int sp_out_pdf_close(struct sp_out_pdf *w, const struct sp_plan *plan, struct sp_error *err);
void sp_out_pdf_abandon(struct sp_out_pdf *w);

/* Encode an RGB24 image surface as an 8-bit RGB PNG into fp, with the choices measured
   fastest for slides (out.c; `make bench`).  Returns 0 or an errno value. */
int sp_out_png_encode(cairo_surface_t *s, FILE *fp);

/* The encoder's choices, for the bench and the tests. */
struct sp_png_opts {
    int level;       /* zlib level 0..9 */
    int strategy;    /* zlib strategy: 0 default, 1 filtered, 2 Huffman only, 3 RLE */
    int filter;      /* PNG row filter: 0 none, 1 Sub, 2 Up, 3 Up for a row that repeats
                        the one above and Sub for the others */
    int threads;     /* bands deflated at once, 1..8 */
    int coder;       /* 0 zlib at level and strategy; 1 signpost's run-length coder
                        (fixed codes, runs and the row above; level and strategy unused) */
};
/* Up/Sub, 1 band, the run-length coder */
#define SP_PNG_OPTS_DEFAULT { 1, 0, 3, 1, 1 }
int sp_out_png_encode_with(cairo_surface_t *s, FILE *fp, const struct sp_png_opts *o);

/*
 * Write len bytes to path the same way (temporary file, every write checked, renamed into
 * place; a path that is not a regular file is written directly).  For the text files that
 * go with an output (slides.json, slides.html, board.html).  Returns 0, or -1 with
 * SP_ERR_IO naming path.
 */
int sp_out_write_file(const char *path, const void *data, size_t len, struct sp_error *err);

/* Path of page i for PNG/SVG outputs (arena string), following the rule above. */
const char *sp_out_page_path(const struct sp_plan *plan, const char *path, size_t i,
                             struct sp_arena *a);

#endif
