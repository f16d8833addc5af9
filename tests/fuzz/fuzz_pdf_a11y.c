/*
 * fuzz_pdf_a11y.c - sp_pdf_a11y_update() on arbitrary bytes must never crash or read
 * past the input.  Byte 0 chooses the counts (low nibble: figure alts, high nibble: link
 * texts); the rest is the PDF.  An odd input size asks for an 8.5 pt bleed (page /TrimBox
 * and /BleedBox from /MediaBox).  When an update is made, the updated file must be
 * accepted again (the xref chain through /Prev), or the target aborts.
 */
#include "output/pdf_a11y.h"
#include "base/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const texts[16] = {
    "Caf\xc3\xa9 \xc5\xb4yn", "a(b)c\\d", "plain", "", "tab\there", "\xff\xfe bad utf-8",
    "<&>\"'", "7", "8", "9", "10", "11", "12", "13", "14", "15",
};
static const char *const langs[4] = { NULL, "cy", "en-GB", "pl" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sp_pdf_a11y info = {
        .lang = "en-GB", .title = "Fuzz <title>", .author = "A", .subject = "S",
        .creator_tool = "fuzz", .date_iso = "2026-11-26T00:00:00Z",
        .figure_alts = texts, .link_contents = texts, .elem_langs = langs,
    };
    struct sp_error err = { 0 };
    unsigned char *pdf, *upd = NULL, *upd2 = NULL, *both;
    size_t ulen = 0, ulen2 = 0;

    if (size < 1)
        return 0;
    info.nfigures = data[0] & 15;
    info.nlinks = data[0] >> 4;
    info.nelem_langs = data[0] & 3;
    info.bleed = (size & 1) ? 8.5 : 0.0;
    pdf = malloc(size - 1 ? size - 1 : 1);  /* exact size, so ASan sees over-reads */
    memcpy(pdf, data + 1, size - 1);
    if (sp_pdf_a11y_update(pdf, size - 1, &info, &upd, &ulen, &err) == 0) {
        both = malloc(size - 1 + ulen);
        memcpy(both, pdf, size - 1);
        memcpy(both + size - 1, upd, ulen);
        if (sp_pdf_a11y_update(both, size - 1 + ulen, &info, &upd2, &ulen2, &err) != 0) {
            fprintf(stderr, "updated file refused: %s\n", err.msg);
            abort();
        }
        free(both);
    } else if (err.msg[0] == '\0' || upd != NULL || ulen != 0) {
        fprintf(stderr, "failure without message or with output\n");
        abort();
    }
    free(upd);
    free(upd2);
    free(pdf);
    return 0;
}
