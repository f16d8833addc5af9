/*
 * pdf_syntax.h - the one place where strings become PDF syntax (issue 16): text strings,
 * names, link targets (also for cairo's attribute), XMP text and dates; everything from
 * the settings, the data and the metadata goes through these.
 * Owns: nothing beyond the call.  Must not: use cairo, read the model.
 */
#ifndef SP_PDF_SYNTAX_H
#define SP_PDF_SYNTAX_H

#include <stddef.h>
#include <time.h>

/* A growable byte buffer (malloc'd; free(b.p) when done). */
struct sp_buf {
    unsigned char *p;
    size_t n, cap;
};

void sp_buf_add(struct sp_buf *b, const void *data, size_t n);
void sp_buf_str(struct sp_buf *b, const char *s);
void sp_buf_printf(struct sp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A PDF text string: "(...)" when s is printable ASCII, with \ ( ) escaped and control
 * characters as octal escapes; otherwise "<FEFF...>" (UTF-16BE hex).  Invalid UTF-8 is
 * repaired (U+FFFD) first.  Nothing in s can end the string early.
 */
void sp_pdf_put_text(struct sp_buf *b, const char *s);

/* A PDF name "/..." with every byte outside ! to ~, and the delimiters and '#', as #xx.
   An empty name is written as "/". */
void sp_pdf_put_name(struct sp_buf *b, const char *s);

/*
 * The 7-bit form of a link target, for /URI and for cairo's uri='...' attribute
 * (malloc'd): a non-ASCII host is converted to ASCII (IDNA, GLib); then every byte that
 * is not printable ASCII, and ( ) \ ' " < > { } | ^ ` and space, and a '%' not followed
 * by two hex digits, is percent-encoded.  Already encoded sequences are kept, so the
 * function is idempotent.  The result never contains a character that ends a PDF
 * literal string or a cairo attribute string.
 */
char *sp_pdf_uri(const char *uri);

/* "(...)" of sp_pdf_uri(uri), escaped as a literal string (7-bit ASCII, PDF 32000 12.6.4.7). */
void sp_pdf_put_uri(struct sp_buf *b, const char *uri);

/* XML character data (XMP): & < > " ' as entities; characters XML 1.0 forbids become a
   space; invalid UTF-8 is repaired. */
void sp_pdf_put_xml(struct sp_buf *b, const char *s);

/* The PDF date of t in UTC, "D:20261126000000Z" (ISO 32000 7.9.4), into buf (>= 24). */
void sp_pdf_date(time_t t, char *buf, size_t size);

/* The XMP (ISO 8601) date of t in UTC, "2026-11-26T00:00:00Z", into buf (>= 24). */
void sp_pdf_iso_date(time_t t, char *buf, size_t size);

#endif
