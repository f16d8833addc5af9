/*
 * qr.c - URL -> struct sp_qr through libqrencode (8-bit mode with optimal segments,
 * case-sensitive, automatic version).  The QRcode is freed before returning.
 */
#include "qr.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

static int level_of(char ecl, QRecLevel *lv)
{
    switch (ecl) {
    case 'L': *lv = QR_ECLEVEL_L; return 0;
    case 'M': *lv = QR_ECLEVEL_M; return 0;
    case 'Q': *lv = QR_ECLEVEL_Q; return 0;
    case 'H': *lv = QR_ECLEVEL_H; return 0;
    default: return -1;
    }
}

int sp_qr_encode(const char *url, char ecl, const char *about, struct sp_arena *a,
                 struct sp_qr *out, struct sp_error *err)
{
    QRecLevel lv;
    QRcode *q;
    uint8_t *dark;
    size_t i, nn;

    memset(out, 0, sizeof *out);
    if (level_of(ecl, &lv))
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "unknown QR error-correction level '%c'", ecl ? ecl : '?');
    if (!url || !*url)
        return about ? sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0, "'%s': empty URL", about)
                     : sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0, "empty URL");
    errno = 0;
    q = QRcode_encodeString(url, 0 /*version: smallest*/, lv, QR_MODE_8, 1 /*casesensitive*/);
    if (!q) {
        if (errno == ENOMEM) {
            return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "out of memory");
        }
        /* ERANGE (too long) and EINVAL both mean this URL cannot be a QR code */
        return about ? sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                                    "'%s': URL too long for a QR code", about)
                     : sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                                    "URL too long for a QR code");
    }
    nn = (size_t)q->width * (size_t)q->width;
    dark = sp_arena_alloc(a, nn);
    for (i = 0; i < nn; i++)
        dark[i] = q->data[i] & 1;
    out->n = q->width;
    out->quiet = 4;
    out->version = q->version;
    out->ecl = ecl;
    out->dark = dark;
    QRcode_free(q);
    return 0;
}
