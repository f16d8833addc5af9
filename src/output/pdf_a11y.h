/*
 * pdf_a11y.h - add what cairo 1.16 cannot write to a tagged PDF, as an appended
 * incremental update: catalog /Lang, /ViewerPreferences /DisplayDocTitle, an XMP
 * metadata stream (dc:title, pdfuaid:part 1), page /Tabs /S, link annotation
 * /Contents, Figure /Alt, /Lang on chosen structure elements, and page /TrimBox and
 * /BleedBox for print-shop output with bleed.
 *
 * Owns: nothing after the call.  Must not: use cairo, read the model.  Works on the
 * bytes cairo 1.16 writes (classic xref table, no object streams).
 */
#ifndef SP_PDF_A11Y_H
#define SP_PDF_A11Y_H

#include <stddef.h>

#include "../base/error.h"

struct sp_pdf_a11y {
    const char *lang;           /* catalog /Lang, "en-GB" */
    const char *title;          /* XMP dc:title (cairo already wrote Info /Title) */
    const char *author;         /* XMP dc:creator, or NULL */
    const char *subject;        /* XMP dc:description, or NULL */
    const char *creator_tool;   /* XMP xmp:CreatorTool, or NULL */
    const char *date_iso;       /* XMP xmp:CreateDate/ModifyDate "2026-11-26T00:00:00Z", or NULL */
    const char *const *figure_alts;  /* alt text of the Nth /S /Figure StructElem, in
                                        cairo_tag_begin order; NULL entry = leave as is */
    size_t nfigures;                 /* must equal the number of Figure elements */
    const char *const *link_contents; /* /Contents of the Nth /Subtype /Link annotation
                                         in object order; NULL entry = leave as is */
    size_t nlinks;                   /* must equal the number of Link annotations */
    const char *const *elem_langs; /* optional: /Lang for the Nth StructElem (any type) in
                                      tag order, NULL entries = none; may be NULL */
    size_t nelem_langs;
    double bleed;               /* points, >= 0; 0 = none.  > 0: every /Type /Page gets
                                   /BleedBox = its /MediaBox and /TrimBox = the MediaBox
                                   inset by bleed on all four sides */
};

/*
 * Build the incremental update for the PDF in pdf[0..len) and return it in *out
 * (malloc'd, *outlen bytes) to be appended to the file as it is.  Returns 0, or -1 with
 * SP_ERR_RESOURCE, *out NULL, when the PDF is not in the shape cairo 1.16 writes (message
 * says what was not found, e.g. "pdf update: no 'startxref' found"), when nfigures /
 * nlinks differ from what the PDF holds, when bleed is negative or not finite, or (bleed
 * > 0) when a page has no /MediaBox of 4 numbers or is not more than 2 * bleed across.
 * Text is written as PDF literal strings, escaped, or UTF-16BE hex when not ASCII;
 * invalid UTF-8 is repaired.  Numbers are written in the C locale.  Objects are found
 * through the xref chain, so an already updated file can be updated again.  Deterministic: the
 * same input gives the same bytes.  Never reads outside pdf[0..len).
 */
int sp_pdf_a11y_update(const unsigned char *pdf, size_t len, const struct sp_pdf_a11y *info,
                       unsigned char **out, size_t *outlen, struct sp_error *err);

#endif
