/*
 * fuzz_pdf_a11y.c - the PDF/UA filter (sp_pdf_a11y_rewrite) on arbitrary bytes must never
 * crash or read past the input, and must fail with a message or give output, never both.
 * Byte 0 chooses the marks (low 2 bits: spans, next 2: links, next 2: figures) and the
 * flags (bit 6: imposed, bit 7: bleed 8.5 pt); the rest is the PDF, fed to the filter in
 * pieces whose sizes come from the data, as cairo feeds it.  When the PDF holds more than
 * one "%PDF-" header (and is not imposed), each from there on is a chunk of one document
 * (sp_pdf_filter_chunked, sp_pdf_filter_next_chunk between them).
 */
#include "output/pdf_a11y.h"
#include "base/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const texts[4] = {
    "Caf\xc3\xa9 \xc5\xb4yn", "a(b)c\\d", "\xff\xfe bad utf-8", "<&>\"'",
};
static const double keys[4] = { 3, 1, 2, 0 };

static int sink(void *closure, const unsigned char *d, size_t n)
{
    size_t *total = closure;
    (void)d;
    *total += n;
    return 0;
}

/* The next "%PDF-" at or after from (a chunk's start), or n. */
static size_t next_header(const unsigned char *p, size_t n, size_t from)
{
    for (size_t i = from; i + 5 <= n; i++)
        if (p[i] == '%' && !memcmp(p + i, "%PDF-", 5))
            return i;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sp_pdf_marks m;
    struct sp_pdf_a11y info;
    struct sp_error err = { 0 };
    struct sp_pdf_filter *f;
    unsigned char *pdf;
    size_t total = 0, at = 0;
    int ioe = 0, rc, chunked;

    if (size < 1)
        return 0;
    sp_pdf_marks_init(&m);
    for (int i = 0; i < (data[0] & 3); i++)
        sp_pdf_marks_span(&m, i ? "cy" : NULL, i > 1 ? texts[i] : NULL, i == 2);
    for (int i = 0; i < ((data[0] >> 2) & 3); i++)
        sp_pdf_marks_link(&m, i ? "https://example.org/x" : NULL, texts[i]);
    for (int i = 0; i < ((data[0] >> 4) & 3); i++)
        sp_pdf_marks_figure(&m, texts[i]);
    memset(&info, 0, sizeof info);
    info.lang = "en-GB";
    info.title = "Fuzz <title>";
    info.creator = "fuzz";
    info.date = 1795651200;
    info.pdfua = true;
    info.marks = &m;
    info.imposed = (data[0] & 64) != 0;
    info.note = "note";
    info.top_keys = keys;
    info.ntop_keys = 4;
    info.bleed = (data[0] & 128) ? 8.5 : 0.0;
    pdf = malloc(size - 1 ? size - 1 : 1);  /* exact size, so ASan sees over-reads */
    memcpy(pdf, data + 1, size - 1);
    f = sp_pdf_filter_new(&info, sink, &total);
    chunked = !info.imposed && size > 7 && next_header(pdf, size - 1, 1) < size - 1;
    if (chunked) {
        info.top_keys = NULL;  /* reading-order keys are for imposed sheets only */
        info.ntop_keys = 0;
        sp_pdf_filter_chunked(f);
    }
    while (at < size - 1) {
        size_t end = chunked ? next_header(pdf, size - 1, at + 1) : size - 1;
        int bad = 0;
        while (at < end && !bad) {
            size_t n = 1 + pdf[at] % 61;   /* uneven pieces, as cairo writes */
            if (n > end - at)
                n = end - at;
            bad = sp_pdf_filter_write(f, pdf + at, n) != 0;
            at += n;
        }
        if (bad || (end < size - 1 && sp_pdf_filter_next_chunk(f)))
            break;
        at = end;
    }
    rc = sp_pdf_filter_finish(f, &ioe, &err);
    sp_pdf_filter_free(f);
    if (rc != 0 && err.msg[0] == '\0') {
        fprintf(stderr, "failure without message\n");
        abort();
    }
    if (rc == 0 && total == 0) {
        fprintf(stderr, "success without output\n");
        abort();
    }
    free(pdf);
    sp_pdf_marks_release(&m);
    return 0;
}
