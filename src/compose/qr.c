/*
 * qr.c - URL -> struct sp_qr through libqrencode (8-bit mode with optimal segments,
 * case-sensitive, automatic version).  The QRcode is freed before returning.
 */
#include "qr.h"

#include <errno.h>
#include <glib.h>
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
    uint8_t *bits;
    size_t rb;
    int r, c;

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
    /* packed one bit a module (plan.h): libqrencode gives a byte a module, LSB = dark */
    rb = sp_qr_row_bytes(q->width);
    bits = sp_arena_alloc(a, rb * (size_t)q->width);
    memset(bits, 0, rb * (size_t)q->width);
    for (r = 0; r < q->width; r++)
        for (c = 0; c < q->width; c++)
            if (q->data[(size_t)r * (size_t)q->width + (size_t)c] & 1)
                bits[(size_t)r * rb + (size_t)c / 8] |= (uint8_t)(0x80u >> (c % 8));
    out->n = q->width;
    out->quiet = 4;
    out->version = q->version;
    out->ecl = ecl;
    out->bits = bits;
    QRcode_free(q);
    return 0;
}

struct sp_qr_cache {
    GHashTable *codes;    /* "<ecl><url>" (arena) -> struct sp_qr (arena) */
    struct sp_arena arena;
    size_t encoded, reused;
    size_t max;           /* codes kept at most */
};

struct sp_qr_cache *sp_qr_cache_new(void)
{
    struct sp_qr_cache *c = xcalloc(1, sizeof *c);
    const char *max = g_getenv("SIGNPOST_QR_CACHE_MAX");

    c->codes = g_hash_table_new(g_str_hash, g_str_equal);
    sp_arena_init(&c->arena);
    c->max = SP_QR_CACHE_MAX;
    /* for the tests: a small cache makes a small directory take the paths of a big one */
    if (max && *max) {
        char *end;
        guint64 v = g_ascii_strtoull(max, &end, 10);
        if (*end == '\0' && v <= SP_QR_CACHE_MAX)
            c->max = (size_t)v;
    }
    return c;
}

void sp_qr_cache_free(struct sp_qr_cache *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->codes);
    sp_arena_free(&c->arena);
    free(c);
}

int sp_qr_encode_cached(struct sp_qr_cache *c, const char *url, char ecl, const char *about,
                        struct sp_arena *a, struct sp_qr *out, struct sp_error *err)
{
    char *key;
    const struct sp_qr *hit;
    struct sp_qr *kept;

    if (!c || !url)
        return sp_qr_encode(url, ecl, about, a, out, err);
    key = g_strdup_printf("%c%s", ecl, url);
    hit = g_hash_table_lookup(c->codes, key);
    if (hit) {
        g_free(key);
        c->reused++;
        *out = *hit;
        return 0;
    }
    c->encoded++;
    if (g_hash_table_size(c->codes) >= c->max) {
        g_free(key);
        return sp_qr_encode(url, ecl, about, a, out, err);
    }
    if (sp_qr_encode(url, ecl, about, &c->arena, out, err) != 0) {
        g_free(key);
        return -1;
    }
    kept = sp_arena_alloc(&c->arena, sizeof *kept);
    *kept = *out;
    g_hash_table_insert(c->codes, sp_arena_strdup(&c->arena, key), kept);
    g_free(key);
    return 0;
}

void sp_qr_cache_stats(const struct sp_qr_cache *c, size_t *encoded, size_t *reused)
{
    if (encoded)
        *encoded = c ? c->encoded : 0;
    if (reused)
        *reused = c ? c->reused : 0;
}
