/*
 * out.c - PDF (cairo through the pdf_a11y filter), PNG and SVG files from a plan, each
 * written to a temporary file beside it and renamed (base/atomic.h); every write and
 * fclose checked.  A path that exists and is not a regular file (/dev/full, a FIFO) is
 * written directly.
 */
#include "out.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/atomic.h"
#include "../compose/impose.h"
#include "pdf_a11y.h"
#include "render.h"

struct sink {
    FILE *fp;
    int err;   /* first errno seen, 0 = fine */
};

/* One output file being written (base/atomic.h); tmp and fp mirror f's fields. */
struct target {
    const char *path;  /* the caller's final path */
    const char *tmp;   /* the temporary file beside path, or NULL when writing path directly */
    FILE *fp;
    struct sp_atomic_file f;
};

static cairo_status_t sink_write(void *closure, const unsigned char *d, unsigned int n)
{
    struct sink *s = closure;

    if (s->err)
        return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(d, 1, n, s->fp) != n) {
        s->err = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/*
 * PNG encoding (issue 17: kiosk slides, 91 % of whose time was PNG encoding).  Slides are
 * flat colour and antialiased text.  Each row becomes RGB bytes filtered with Up when it
 * repeats the row above (background, stripes: all zeros) and Sub otherwise (flat runs
 * become zeros).  zlib at level 1 spent most of its time hashing those zeros, so the rows
 * go through signpost's own coder (band_rle below: fixed codes, runs and the row above).
 * The image can also be cut into bands coded in parallel (each band a raw deflate stream
 * ended by a sync flush, so they join into one zlib stream with the Adler-32 sums
 * combined): on the loaded machine 2 bands gained nothing, so one band is the default and
 * the parallelism is across slides instead (write_png_pages: the next slide is drawn
 * while the last ones are coded).  Files stay lossless: test_png decodes every choice.
 *
 * Measured with bench/png_encode on a 1080p board (4 slides, a shared 2-core machine, ms
 * a slide, median): cairo's own writer 96-120 ms and 184 KB; libpng at level 1 with Sub
 * 21-32 ms and 230 KB; this coder 3.5-3.7 ms and 327 KB.  The coder was 6.9-10.7 ms until
 * its three costs went: zlib's Adler-32 over every byte matched with the row above (now
 * one SSE2 pass a row, row_sums), a row repeating a repeated row filtered and scanned
 * again (now one match, at once), and the Sub filter one byte at a time (now four pixels
 * at a time).  The bytes written are the same as before those changes.
 */
struct png_band {
    const unsigned char *data;   /* the surface */
    int stride, width, y0, y1;   /* rows y0 .. y1 - 1 */
    int level, strategy, filter; /* zlib level and strategy; PNG filter (out.h) */
    bool last;
    unsigned char *out;          /* raw deflate bytes (malloc'd) */
    size_t len, cap;
    uLong adler;                 /* Adler-32 of the filtered rows */
    size_t raw;                  /* bytes of filtered rows */
    int err;                     /* zlib error, 0 = fine */
};

static void band_out(struct png_band *b, z_stream *z, int flush)
{
    int r;

    do {
        if (b->len == b->cap) {
            b->cap = b->cap ? 2 * b->cap : 65536;
            b->out = xrealloc(b->out, b->cap);
        }
        z->next_out = b->out + b->len;
        z->avail_out = (uInt)(b->cap - b->len);
        r = deflate(z, flush);
        b->len = b->cap - z->avail_out;
        if (r == Z_STREAM_ERROR) {
            b->err = r;
            return;
        }
    } while (z->avail_out == 0 || (flush == Z_FINISH && r != Z_STREAM_END));
}

/* The PNG filter of row y: the band's, or for 3 Up when the row repeats the one above
   (background, stripes: all zeros) and Sub otherwise.  The first row of a band has no
   row above in its own stream, which is fine for PNG. */
static int row_filter(const struct png_band *b, int y)
{
    const unsigned char *src = b->data + (size_t)y * b->stride;

    if (b->filter != 3)
        return b->filter;
    return y > 0 && !memcmp(src, src - b->stride, (size_t)b->width * 4) ? 2 : 1;
}

/* Row y of the band as PNG filter byte f and filtered RGB bytes (rowlen = 1 + 3 * width),
   into row, which has rowlen + 1 bytes. */
static void filter_row(const struct png_band *b, int y, int f, unsigned char *row)
{
    const unsigned char *src = b->data + (size_t)y * b->stride;
    const uint32_t *px = (const uint32_t *)(const void *)src;
    unsigned char *o = row + 1;

    row[0] = (unsigned char)f;
    if (f == 2 && y > 0 && b->filter == 3) {
        memset(o, 0, (size_t)b->width * 3);  /* the row repeats the one above */
    } else if (f == 1) {
        uint32_t prev = 0;
        int x = 0, w = b->width;
#if defined(__SSE2__) && defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* four pixels at a time: each byte minus the same byte of the pixel to the left;
           then each pixel's R, G, B in that order, stored as four bytes whose fourth the
           next store writes over (the row has a byte to spare at its end) */
        __m128i left = _mm_setzero_si128();

        for (; x + 4 <= w; x += 4, o += 12) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(px + x));
            __m128i d = _mm_sub_epi8(v, _mm_or_si128(_mm_slli_si128(v, 4), left));
            uint64_t lo = (uint64_t)_mm_cvtsi128_si64(d);
            uint64_t hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(d, d));
            uint32_t rgb[4] = { __builtin_bswap32((uint32_t)lo) >> 8,
                                __builtin_bswap32((uint32_t)(lo >> 32)) >> 8,
                                __builtin_bswap32((uint32_t)hi) >> 8,
                                __builtin_bswap32((uint32_t)(hi >> 32)) >> 8 };

            memcpy(o, &rgb[0], 4);
            memcpy(o + 3, &rgb[1], 4);
            memcpy(o + 6, &rgb[2], 4);
            memcpy(o + 9, &rgb[3], 4);
            left = _mm_srli_si128(v, 12);
        }
        if (x > 0)
            prev = px[x - 1];
#endif
        for (; x < w; x++, o += 3) {
            uint32_t v = px[x];
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the four bytewise differences at once, no borrow between bytes; then R, G,
               B in that order, and one store of four bytes whose fourth the next pixel
               writes over (the row has a byte to spare at its end) */
            uint32_t d = ((v | 0x80808080u) - (prev & 0x7f7f7f7fu)) ^
                         ((v ^ ~prev) & 0x80808080u);
            uint32_t rgb = __builtin_bswap32(d) >> 8;

            memcpy(o, &rgb, 4);
#else
            o[0] = (unsigned char)((v >> 16) - (prev >> 16));
            o[1] = (unsigned char)((v >> 8) - (prev >> 8));
            o[2] = (unsigned char)(v - prev);
#endif
            prev = v;
        }
    } else if (f == 2) {
        const uint32_t *up = y > 0 ? (const uint32_t *)(const void *)(src - b->stride) : NULL;
        for (int x = 0; x < b->width; x++, o += 3) {
            unsigned v = px[x], u = up ? up[x] : 0;
            o[0] = (unsigned char)((v >> 16) - (u >> 16));
            o[1] = (unsigned char)((v >> 8) - (u >> 8));
            o[2] = (unsigned char)(v - u);
        }
    } else {
        for (int x = 0; x < b->width; x++, o += 3) {
            unsigned v = px[x];
            o[0] = (unsigned char)(v >> 16);
            o[1] = (unsigned char)(v >> 8);
            o[2] = (unsigned char)v;
        }
    }
}

static gpointer band_deflate(gpointer p)
{
    struct png_band *b = p;
    size_t rowlen = 1 + (size_t)b->width * 3;
    unsigned char *row = xmalloc(rowlen + 1);  /* + 1: filter_row's last store */
    z_stream z;

    memset(&z, 0, sizeof z);
    b->adler = adler32(0L, Z_NULL, 0);
    if (deflateInit2(&z, b->level, Z_DEFLATED, -15, 8, b->strategy) != Z_OK) {
        b->err = Z_STREAM_ERROR;
        free(row);
        return NULL;
    }
    for (int y = b->y0; y < b->y1 && !b->err; y++) {
        filter_row(b, y, row_filter(b, y), row);
        b->adler = adler32(b->adler, row, (uInt)rowlen);
        b->raw += rowlen;
        z.next_in = row;
        z.avail_in = (uInt)rowlen;
        band_out(b, &z, Z_NO_FLUSH);
    }
    if (!b->err)
        band_out(b, &z, b->last ? Z_FINISH : Z_SYNC_FLUSH);
    deflateEnd(&z);
    free(row);
    return NULL;
}

/*
 * signpost's own deflate coder for slides (coder 1): fixed Huffman codes (RFC 1951
 * 3.2.6) and two kinds of match only: a run of the byte just before (distance 1: flat
 * colour after the Sub filter, a repeated row after Up) and the bytes of the row above
 * (distance one row: what goes on down the screen).  One pass, no hash table, no trees;
 * the Adler-32 is kept as it goes (a run of n bytes in one step).
 */
#define ADLER_MOD 65521u

struct bitout {
    struct png_band *b;
    uint64_t acc;      /* bits not written yet, the first in the low bits */
    int n;             /* how many (< 32 between calls) */
};

static void bits_room(struct png_band *b, size_t need)
{
    while (b->len + need > b->cap) {
        b->cap = b->cap ? 2 * b->cap : 65536;
        b->out = xrealloc(b->out, b->cap);
    }
}

/* Put the n low bits of v (n <= 32) after the bits already put. */
static inline void bits_put(struct bitout *o, uint32_t v, int n)
{
    o->acc |= (uint64_t)v << o->n;
    o->n += n;
    if (o->n >= 32) {
        unsigned char *p;

        bits_room(o->b, 4);
        p = o->b->out + o->b->len;
        p[0] = (unsigned char)o->acc;
        p[1] = (unsigned char)(o->acc >> 8);
        p[2] = (unsigned char)(o->acc >> 16);
        p[3] = (unsigned char)(o->acc >> 24);
        o->b->len += 4;
        o->acc >>= 32;
        o->n -= 32;
    }
}

/* The bits put, to the end of their byte (zeros after them). */
static void bits_align(struct bitout *o)
{
    bits_room(o->b, 8);
    while (o->n > 0) {
        o->b->out[o->b->len++] = (unsigned char)o->acc;
        o->acc >>= 8;
        o->n = o->n > 8 ? o->n - 8 : 0;
    }
    o->acc = 0;
}

static uint32_t reversed(uint32_t v, int n)
{
    uint32_t r = 0;

    for (int i = 0; i < n; i++, v >>= 1)
        r = (r << 1) | (v & 1);
    return r;
}

/* The fixed code of literal/length symbol s, reversed to be put low bit first; *n its
   length in bits. */
static uint32_t fixed_code(int s, int *n)
{
    if (s < 144)
        return *n = 8, reversed(0x30 + (uint32_t)s, 8);
    if (s < 256)
        return *n = 9, reversed(0x190 + (uint32_t)(s - 144), 9);
    if (s < 280)
        return *n = 7, reversed((uint32_t)(s - 256), 7);
    return *n = 8, reversed(0xC0 + (uint32_t)(s - 280), 8);
}

/* Distance d (1..32768): its 5-bit code and extra bits, ready to put; *n their length. */
static uint32_t dist_code(unsigned d, int *n)
{
    static const unsigned short base[30] = {
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
    static const unsigned char extra[30] = {
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
        12, 12, 13, 13 };
    int c = 29;

    while (base[c] > d)
        c--;
    *n = 5 + extra[c];
    return reversed((uint32_t)c, 5) | ((uint32_t)(d - base[c]) << 5);
}

struct rle_codes {
    uint32_t lit[256], len[259], d1, drow, eob;  /* len[3..258]: code and extra bits */
    int lit_n[256], len_n[259], d1_n, drow_n, eob_n;  /* drow_n 0: rows too long */
};

static void rle_codes_init(struct rle_codes *c, size_t rowlen)
{
    static const unsigned short base[29] = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
        115, 131, 163, 195, 227, 258 };
    static const unsigned char extra[29] = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5,
        0 };

    for (int s = 0; s < 256; s++)
        c->lit[s] = fixed_code(s, &c->lit_n[s]);
    for (int l = 3, k = 0; l <= 258; l++) {
        int n;
        uint32_t code;

        while (k < 28 && base[k + 1] <= l)
            k++;
        code = fixed_code(257 + k, &n);
        c->len[l] = code | ((uint32_t)(l - base[k]) << n);
        c->len_n[l] = n + extra[k];
    }
    c->d1 = dist_code(1, &c->d1_n);
    c->drow = 0;
    c->drow_n = 0;
    if (rowlen <= 32768)
        c->drow = dist_code((unsigned)rowlen, &c->drow_n);
    c->eob = fixed_code(256, &c->eob_n);
}

/* Matches for len bytes at one distance, 258 at most each; returns the bytes covered
   (all but the last one or two when they cannot make a match of 3). */
static size_t put_match(struct bitout *o, const struct rle_codes *c, size_t len, uint32_t dc,
                        int dn)
{
    size_t done = 0;

    while (len - done >= 3) {
        size_t m = len - done > 258 ? 258 : len - done;

        if (len - done > 258 && len - done - 258 < 3)
            m = len - done - 3;
        bits_put(o, c->len[m], c->len_n[m]);
        bits_put(o, dc, dn);
        done += m;
    }
    return done;
}

/* How many of the n bytes at p equal v; and how many equal those at q (eight at a time). */
static size_t run_of(const unsigned char *p, size_t n, unsigned char v)
{
    size_t k = 0;
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t pat = 0x0101010101010101ull * v;

    for (; k + 8 <= n; k += 8) {
        uint64_t w;

        memcpy(&w, p + k, 8);
        if ((w ^= pat) != 0)
            return k + (size_t)(__builtin_ctzll(w) >> 3);
    }
#endif
    while (k < n && p[k] == v)
        k++;
    return k;
}

static size_t same_as(const unsigned char *p, const unsigned char *q, size_t n)
{
    size_t k = 0;
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; k + 8 <= n; k += 8) {
        uint64_t w, u;

        memcpy(&w, p + k, 8);
        memcpy(&u, q + k, 8);
        if ((w ^= u) != 0)
            return k + (size_t)(__builtin_ctzll(w) >> 3);
    }
#endif
    while (k < n && p[k] == q[k])
        k++;
    return k;
}

/*
 * What a row of n bytes adds to the Adler-32: the sum of its bytes (*sum) and the sum of
 * each byte times its place in the row, 0 to n - 1 (*placed); then
 *   a' = a + sum,  s' = s + n a + n sum - placed.
 * Sixteen bytes at a time with SSE2 where there is SSE2 (every x86-64).
 */
static void row_sums(const unsigned char *p, size_t n, uint64_t *sum, uint64_t *placed)
{
    uint64_t s1 = 0, s2 = 0;
    size_t k = 0;
#if defined(__SSE2__)
    /* blocks of 16: the byte sums of each half (psadbw) and, over the blocks, the sum of
       the sums before each block (before); within a block, each byte times 0..15 */
    const __m128i zero = _mm_setzero_si128();
    const __m128i wlo = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7);
    const __m128i whi = _mm_setr_epi16(8, 9, 10, 11, 12, 13, 14, 15);

    while (n - k >= 16) {
        /* at most 4,096 blocks in one go: in a block each 32-bit lane of inner gains at
           most (6 + 7 + 14 + 15) x 255 = 10,710, so 4,096 blocks stay far below 2^32 */
        size_t blocks = (n - k) / 16 > 4096 ? 4096 : (n - k) / 16;
        __m128i sums = zero, before = zero, inner = zero;
        uint64_t lanes[2];
        uint32_t in[4];

        for (size_t i = 0; i < blocks; i++, k += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));

            before = _mm_add_epi64(before, sums);
            sums = _mm_add_epi64(sums, _mm_sad_epu8(v, zero));
            inner = _mm_add_epi32(inner, _mm_madd_epi16(_mm_unpacklo_epi8(v, zero), wlo));
            inner = _mm_add_epi32(inner, _mm_madd_epi16(_mm_unpackhi_epi8(v, zero), whi));
        }
        {
            uint64_t bs, bb, bi;
            uint64_t base = k - 16 * blocks;  /* the first block's place */

            _mm_storeu_si128((__m128i *)(void *)lanes, sums);
            bs = lanes[0] + lanes[1];
            _mm_storeu_si128((__m128i *)(void *)lanes, before);
            bb = lanes[0] + lanes[1];
            _mm_storeu_si128((__m128i *)(void *)in, inner);
            bi = (uint64_t)in[0] + in[1] + in[2] + in[3];
            /* sum over blocks j of 16 j x (block j's sum) = 16 ((blocks - 1) bs - bb) */
            s2 += base * bs + 16 * ((blocks - 1) * bs - bb) + bi;
            s1 += bs;
        }
    }
#endif
    for (; k < n; k++) {
        s1 += p[k];
        s2 += (uint64_t)k * p[k];
    }
    *sum = s1;
    *placed = s2;
}

static gpointer band_rle(gpointer p)
{
    struct png_band *b = p;
    size_t rowlen = 1 + (size_t)b->width * 3;
    unsigned char *row = xmalloc(rowlen + 1), *prev = xmalloc(rowlen + 1), *tmp;
    struct rle_codes *c = xmalloc(sizeof *c);
    struct bitout o = { b, 0, 0 };
    uint64_t a = 1, s = 0;  /* the Adler-32's two sums */
    bool above = false, prev_zeros = false;  /* prev: a row that repeats the one above */

    rle_codes_init(c, rowlen);
    bits_put(&o, b->last ? 3 : 2, 3);  /* BFINAL when last; BTYPE 01: fixed codes */
    for (int y = b->y0; y < b->y1; y++) {
        int f = row_filter(b, y);
        bool zeros = f == 2 && y > 0 && b->filter == 3;
        uint64_t sum, placed;
        size_t i = 0;

        if (zeros && prev_zeros && above && c->drow_n) {
            /* the same filtered row as the last (filter byte 2, then zeros): one match a
               row back, as the loop below would find; its sums are 2 and 0 */
            put_match(&o, c, rowlen, c->drow, c->drow_n);
            s = (s + rowlen * a + rowlen * 2) % ADLER_MOD;
            a = (a + 2) % ADLER_MOD;
            b->raw += rowlen;
            continue;
        }
        filter_row(b, y, f, row);
        while (i < rowlen) {
            size_t r1 = 0, r2 = 0, n;

            /* a run of the byte before, or the bytes of the row above (each worth
               looking for only when the next byte starts one) */
            if (i > 0 && row[i] == row[i - 1])
                r1 = run_of(row + i, rowlen - i, row[i - 1]);
            if (above && c->drow_n && i + r1 < rowlen && row[i] == prev[i])
                r2 = same_as(row + i, prev + i, rowlen - i);
            if (r1 >= 3 && r1 >= r2) {
                n = put_match(&o, c, r1, c->d1, c->d1_n);
            } else if (r2 >= 3) {
                n = put_match(&o, c, r2, c->drow, c->drow_n);
            } else {
                n = 1;
                bits_put(&o, c->lit[row[i]], c->lit_n[row[i]]);
            }
            i += n;
        }
        row_sums(row, rowlen, &sum, &placed);
        s = (s + rowlen * a + (rowlen * sum - placed) % ADLER_MOD) % ADLER_MOD;
        a = (a + sum) % ADLER_MOD;
        b->raw += rowlen;
        tmp = prev;
        prev = row;
        row = tmp;
        above = true;
        prev_zeros = zeros;
    }
    bits_put(&o, c->eob, c->eob_n);
    if (!b->last) {
        /* a sync flush: an empty stored block, so the next band starts on a byte */
        bits_put(&o, 0, 3);
        bits_align(&o);
        bits_room(b, 4);
        memcpy(b->out + b->len, "\0\0\xff\xff", 4);
        b->len += 4;
    } else {
        bits_align(&o);
    }
    b->adler = (uLong)((s << 16) | a);
    free(row);
    free(prev);
    free(c);
    return NULL;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* fwrite that remembers the first error */
static void png_put(FILE *fp, const void *d, size_t n, int *err)
{
    if (!*err && n && fwrite(d, 1, n, fp) != n)
        *err = errno ? errno : EIO;
}

int sp_out_png_encode_with(cairo_surface_t *s, FILE *fp, const struct sp_png_opts *o)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int nb = o->threads > 1 ? o->threads : 1;
    struct png_band band[8];
    GThread *th[8] = { NULL };
    GThreadFunc code = o->coder == 1 ? band_rle : band_deflate;
    unsigned char hdr[8 + 13 + 4], zh[2] = { 0x78, 0x01 }, tail[4];
    uLong crc, adler;
    size_t total;
    int err = 0;

    cairo_surface_flush(s);
    memset(band, 0, sizeof band);
    if (nb > 8)
        nb = 8;
    if (nb > h / 64)
        nb = h / 64 > 0 ? h / 64 : 1;  /* a band is worth a thread only when it is big */
    for (int i = 0; i < nb; i++) {
        memset(&band[i], 0, sizeof band[i]);
        band[i].data = cairo_image_surface_get_data(s);
        band[i].stride = cairo_image_surface_get_stride(s);
        band[i].width = w;
        band[i].y0 = (int)((long)h * i / nb);
        band[i].y1 = (int)((long)h * (i + 1) / nb);
        band[i].level = o->level;
        band[i].strategy = o->strategy;
        band[i].filter = o->filter;
        band[i].last = i == nb - 1;
    }
    for (int i = 1; i < nb; i++)
        th[i] = g_thread_new("png-band", code, &band[i]);
    code(&band[0]);
    for (int i = 1; i < nb; i++)
        g_thread_join(th[i]);

    /* one zlib stream: header, the bands, the combined Adler-32 */
    adler = band[0].adler;
    total = sizeof zh + sizeof tail;
    for (int i = 0; i < nb; i++) {
        if (band[i].err)
            err = EIO;
        if (i)
            adler = adler32_combine(adler, band[i].adler, (z_off_t)band[i].raw);
        total += band[i].len;
    }
    put32(tail, (uint32_t)adler);
    if (!err && total > 0x7fffffffu)
        err = EFBIG;

    memcpy(hdr, "\0\0\0\x0dIHDR", 8);
    put32(hdr + 8, (uint32_t)w);
    put32(hdr + 12, (uint32_t)h);
    hdr[16] = 8;   /* bit depth */
    hdr[17] = 2;   /* RGB */
    hdr[18] = hdr[19] = hdr[20] = 0;
    put32(hdr + 21, (uint32_t)crc32(0L, hdr + 4, 17));
    png_put(fp, sig, sizeof sig, &err);
    png_put(fp, hdr, sizeof hdr, &err);
    {
        unsigned char len[8], c[4];

        put32(len, (uint32_t)total);
        memcpy(len + 4, "IDAT", 4);
        crc = crc32(0L, len + 4, 4);
        crc = crc32(crc, zh, sizeof zh);
        for (int i = 0; i < nb; i++)
            crc = crc32(crc, band[i].out, (uInt)band[i].len);
        crc = crc32(crc, tail, sizeof tail);
        put32(c, (uint32_t)crc);
        png_put(fp, len, sizeof len, &err);
        png_put(fp, zh, sizeof zh, &err);
        for (int i = 0; i < nb; i++)
            png_put(fp, band[i].out, band[i].len, &err);
        png_put(fp, tail, sizeof tail, &err);
        png_put(fp, c, sizeof c, &err);
    }
    png_put(fp, "\0\0\0\0IEND\xae\x42\x60\x82", 12, &err);
    for (int i = 0; i < nb; i++)
        free(band[i].out);
    return err;
}

int sp_out_png_encode(cairo_surface_t *s, FILE *fp)
{
    struct sp_png_opts o = SP_PNG_OPTS_DEFAULT;

    return sp_out_png_encode_with(s, fp, &o);
}

int sp_out_format_from_path(const char *path, enum sp_out_format *fmt)
{
    const char *dot = path ? strrchr(path, '.') : NULL;

    if (!dot || strchr(dot, '/'))
        return -1;
    if (!strcasecmp(dot, ".pdf"))
        *fmt = SP_OUT_PDF;
    else if (!strcasecmp(dot, ".png"))
        *fmt = SP_OUT_PNG;
    else if (!strcasecmp(dot, ".svg"))
        *fmt = SP_OUT_SVG;
    else
        return -1;
    return 0;
}

const char *sp_out_page_path(const struct sp_plan *plan, const char *path, size_t i,
                             struct sp_arena *a)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    const char *name = i < plan->npages ? plan->pages[i].name : NULL;
    size_t stem;

    if (dot && slash && dot < slash)
        dot = NULL;
    stem = dot ? (size_t)(dot - path) : strlen(path);
    if (name && *name) {
        int dirlen = slash ? (int)(slash - path + 1) : 0;

        return sp_arena_printf(a, "%.*s%s%s", dirlen, path, name, dot ? dot : "");
    }
    if (plan->npages <= 1)
        return sp_arena_strdup(a, path);
    return sp_arena_printf(a, "%.*s-%zu%s", (int)stem, path, i + 1, dot ? dot : "");
}

static int io_error(struct sp_error *err, const char *path, int e)
{
    return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", path,
                        strerror(e ? e : EIO));
}

/* Open the file that will become path: a temporary file beside it (base/atomic.h). */
static int target_open(struct target *tg, const char *path, struct sp_error *err)
{
    memset(tg, 0, sizeof *tg);
    if (sp_atomic_open(&tg->f, path, 0666, err) != 0)
        return -1;
    tg->path = path;   /* the caller's string: still there after an abandon */
    tg->tmp = tg->f.tmp;
    tg->fp = tg->f.fp;
    return 0;
}

static void target_forget(struct target *tg)
{
    tg->tmp = NULL;
    tg->fp = NULL;
}

/* Close tg; on error (werr = errno of an earlier write, or a failing fclose) remove tmp. */
static int target_close(struct target *tg, int werr, struct sp_error *err)
{
    tg->fp = NULL;
    if (sp_atomic_close(&tg->f, werr, err) != 0) {
        target_forget(tg);
        return -1;
    }
    return 0;
}

/* Move a closed target's tmp file into place. */
static int target_commit(struct target *tg, struct sp_error *err)
{
    target_forget(tg);
    return sp_atomic_commit(&tg->f, err);
}

static void target_abandon(struct target *tg)
{
    target_forget(tg);
    sp_atomic_abandon(&tg->f);
}

static int cairo_error(struct sp_error *err, const char *path, cairo_status_t st)
{
    return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "cannot render '%s': %s", path,
                        cairo_status_to_string(st));
}

static void pdf_outline(cairo_surface_t *s, const struct sp_plan *plan)
{
    int *ids;
    size_t i;

    if (!plan->noutline)
        return;
    ids = xcalloc(plan->noutline, sizeof *ids);
    for (i = 0; i < plan->noutline; i++) {
        const struct sp_outline_entry *o = &plan->outline[i];
        int parent = CAIRO_PDF_OUTLINE_ROOT;
        char y[G_ASCII_DTOSTR_BUF_SIZE], link[96];

        if (o->parent >= 0 && (size_t)o->parent < i)
            parent = ids[o->parent];
        /* C-locale number: cairo parses the attribute itself */
        g_ascii_formatd(y, sizeof y, "%.2f", o->y);
        snprintf(link, sizeof link, "page=%d pos=[0 %s]", o->page + 1, y);
        ids[i] = cairo_pdf_surface_add_outline(s, parent, o->title ? o->title : "", link,
                                               CAIRO_PDF_OUTLINE_FLAG_OPEN);
    }
    free(ids);
}

/* Destroy cr, finish and destroy s; returns the first error of the two. */
static cairo_status_t finish(cairo_t *cr, cairo_surface_t *s)
{
    cairo_status_t st = cairo_status(cr);

    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st;
}

/* cairo writes into the PDF/UA filter, which writes into the file. */
static cairo_status_t filter_write(void *closure, const unsigned char *d, unsigned int n)
{
    return sp_pdf_filter_write(closure, d, n) ? CAIRO_STATUS_WRITE_ERROR
                                              : CAIRO_STATUS_SUCCESS;
}

static int file_sink(void *closure, const unsigned char *d, size_t n)
{
    return fwrite(d, 1, n, closure) == n ? 0 : (errno ? errno : EIO);
}

/*
 * Reading-order key of a child of the imposed sheets' Document element: the logical page
 * (booklet) or panel (tri-fold) under the x where it first draws, from the imposition's
 * own rules (impose.h).
 */
static double reading_key(const struct sp_plan *plan, enum sp_out_imposed kind,
                          const struct sp_pdf_top *top)
{
    if (kind == SP_OUT_BOOKLET) {
        size_t left, right;
        sp_impose_booklet_side(2 * plan->npages, top->page, &left, &right);
        return top->x >= plan->width / 2 ? (double)right : (double)left;
    }
    for (int p = 0; p < SP_PANEL_COUNT; p++) {
        enum sp_trifold_panel panel = (enum sp_trifold_panel)p;
        double x0 = sp_impose_trifold_x(panel);
        double w = panel == SP_PANEL_TUCK_IN || panel == SP_PANEL_INSIDE_3
                   ? SP_TRIFOLD_NARROW : SP_TRIFOLD_WIDE;
        if ((size_t)sp_impose_trifold_side(panel) == top->page + 1 && top->x >= x0 &&
            top->x < x0 + w)
            return p;
    }
    return top->page ? SP_PANEL_INSIDE_1 : SP_PANEL_FRONT;
}

/*
 * A PDF being written: cairo -> the PDF/UA filter (pdf_a11y.h) -> the tmp file.  Nothing
 * is held in memory but one object at a time, and nothing is read back.  Pages are drawn
 * as they come (sp_out_pdf_page), so a streamed plan is written while it is composed; a
 * page is shown (cairo_show_page) only when the next one comes or at close, so the last
 * page can close every element left open first, as a whole plan drawn at once does.
 */
struct sp_out_pdf {
    struct target tg;
    struct sp_out_opts opts;
    struct sp_text *t;
    struct sp_pdf_marks marks;
    struct sp_pdf_a11y info;
    struct sp_render_state rs;
    struct sp_pdf_filter *f;
    cairo_surface_t *s;
    cairo_t *cr;
    char producer[96];
    size_t drawn;       /* pages drawn so far */
    bool started;       /* rs initialised (at the first page: the plan's language is known) */
    /* a long streamed PDF in chunks (pdf_a11y.h), each a cairo document of its own */
    double width, height;
    size_t chunk;       /* pages a chunk holds at least; 0: one document */
    size_t in_chunk;    /* pages drawn on the current cairo document */
    size_t chunks;      /* cairo documents finished before the current one */
    cairo_status_t chunk_status;  /* the first error finishing one, or SUCCESS */
};

/*
 * Pages a cairo document of a streamed PDF holds at least: cairo keeps a document's whole
 * structure tree until its surface finishes (about 1.5 KB a meeting of a leaflet), so a long
 * leaflet or poster set is written as several documents that the PDF filter joins into one
 * file, and memory stays bounded.  SIGNPOST_PDF_CHUNK_PAGES sets it (the tests use a few
 * pages; 0 writes one document).
 */
static size_t chunk_pages(void)
{
    const char *e = getenv("SIGNPOST_PDF_CHUNK_PAGES");

    if (e && *e) {
        char *end;
        long v = strtol(e, &end, 10);
        if (!*end && v >= 0)
            return (size_t)v;
    }
    return 200;
}

struct sp_out_pdf *sp_out_pdf_open(const char *path, double width, double height,
                                   double bleed, struct sp_text *t,
                                   const struct sp_out_opts *o, struct sp_error *err)
{
    struct sp_out_pdf *w = xcalloc(1, sizeof *w);
    struct sp_out_opts opts = { SP_OUT_PDF, 72.0, (time_t)-1, NULL };

    if (o)
        opts = *o;
    if (target_open(&w->tg, path, err)) {
        free(w);
        return NULL;
    }
    w->opts = opts;
    w->t = t;
    sp_pdf_marks_init(&w->marks);
    snprintf(w->producer, sizeof w->producer, "cairo %s (https://cairographics.org)",
             cairo_version_string());
    w->info.creator = w->opts.creator;
    w->info.producer = w->producer;
    w->info.date = w->opts.date;
    w->info.bleed = bleed;
    w->info.marks = &w->marks;
    w->f = sp_pdf_filter_new(&w->info, file_sink, w->tg.fp);
    /* metadata goes to the filter, not to cairo (it writes dates without "D:") */
    w->s = cairo_pdf_surface_create_for_stream(filter_write, w->f, width, height);
    cairo_pdf_surface_restrict_to_version(w->s, CAIRO_PDF_VERSION_1_5);
    w->cr = cairo_create(w->s);
    w->width = width;
    w->height = height;
    w->chunk_status = CAIRO_STATUS_SUCCESS;
    return w;
}

/* cairo formats numbers with the C library: run it in the C numeric locale. */
static locale_t c_numeric(locale_t *old)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);

    *old = c ? uselocale(c) : (locale_t)0;
    return c;
}

static void locale_back(locale_t c, locale_t old)
{
    if (c) {
        uselocale(old);
        freelocale(c);
    }
}

static void pdf_page(struct sp_out_pdf *w, const struct sp_plan *plan, size_t i)
{
    if (!w->started) {
        sp_render_state_init(&w->rs, plan, &w->marks);
        w->started = true;
    }
    if (w->in_chunk)
        cairo_show_page(w->cr);
    if (plan->pages[i].label)
        cairo_pdf_surface_set_page_label(w->s, plan->pages[i].label);
    sp_render_page_with(&w->rs, plan, i, w->t, w->cr);
    w->drawn++;
    w->in_chunk++;
}

/* Finish the current cairo document and start the next (the open elements ended and begun
   again).  A failure is kept for close, which reports it. */
static void pdf_next_chunk(struct sp_out_pdf *w)
{
    cairo_status_t st;

    sp_render_state_suspend(&w->rs, w->cr);
    cairo_show_page(w->cr);
    sp_pdf_filter_chunked(w->f);
    st = finish(w->cr, w->s);
    if (w->chunk_status == CAIRO_STATUS_SUCCESS)
        w->chunk_status = st;
    /* a failure stays in the filter: finish reports it */
    if (sp_pdf_filter_next_chunk(w->f) == 0)
        sp_pdf_marks_clear(&w->marks);  /* all matched: the next chunk's from nothing */
    w->s = cairo_pdf_surface_create_for_stream(filter_write, w->f, w->width, w->height);
    cairo_pdf_surface_restrict_to_version(w->s, CAIRO_PDF_VERSION_1_5);
    w->cr = cairo_create(w->s);
    sp_render_state_resume(&w->rs, w->cr);
    w->in_chunk = 0;
    w->chunks++;
}

int sp_out_pdf_page(struct sp_out_pdf *w, const struct sp_plan *plan, size_t pageno)
{
    locale_t old, c = c_numeric(&old);

    if (!w->drawn)
        w->chunk = chunk_pages();
    /* only between pages where every open element may be ended and begun again */
    if (w->chunk && w->in_chunk >= w->chunk && w->started &&
        sp_render_state_can_suspend(&w->rs))
        pdf_next_chunk(w);
    if (w->chunks && sp_pdf_filter_failed(w->f)) {
        /* a chunk could not be joined: nothing more is drawn (close reports why) */
        locale_back(c, old);
        return -1;
    }
    pdf_page(w, plan, pageno);
    locale_back(c, old);
    return cairo_status(w->cr) == CAIRO_STATUS_SUCCESS &&
           w->chunk_status == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int sp_out_pdf_sink(void *ctx, const struct sp_plan *plan, size_t pageno)
{
    return sp_out_pdf_page(ctx, plan, pageno);
}

static void pdf_free(struct sp_out_pdf *w)
{
    if (w->started)
        sp_render_state_release(&w->rs);
    sp_pdf_filter_free(w->f);
    sp_pdf_marks_release(&w->marks);
    free(w);
}

void sp_out_pdf_abandon(struct sp_out_pdf *w)
{
    if (!w)
        return;
    cairo_destroy(w->cr);
    cairo_surface_finish(w->s);
    cairo_surface_destroy(w->s);
    target_abandon(&w->tg);
    pdf_free(w);
}

static int pdf_close(struct sp_out_pdf *w, const struct sp_plan *plan, enum sp_out_imposed imposed,
                     const char *reading_copy, struct sp_error *err)
{
    const char *path = w->tg.path;
    struct sp_pdf_a11y *info = &w->info;
    cairo_status_t st;
    double *keys = NULL;
    const char **titles = NULL;
    char *note = NULL;
    const char *timing = getenv("SIGNPOST_TIMING");
    int ioe = 0, rc, *oparent = NULL;
    size_t *opage = NULL;
    double *oy = NULL;

    /* what the plan says only when it is complete */
    info->lang = plan->lang ? plan->lang : "en-GB";
    info->title = plan->title;
    info->author = plan->author;
    info->subject = plan->subject;
    info->keywords = plan->keywords;
    info->imposed = imposed != SP_OUT_FLAT;
    if (plan->noutline) {
        titles = xcalloc(plan->noutline, sizeof *titles);
        for (size_t i = 0; i < plan->noutline; i++)
            titles[i] = plan->outline[i].title ? plan->outline[i].title : "";
        info->outline = titles;
        info->noutline = plan->noutline;
    }
    if (w->started)
        sp_render_state_close(&w->rs, w->cr);  /* a plan that leaves an element open */
    if (w->in_chunk)
        cairo_show_page(w->cr);
    if (!w->chunks) {
        pdf_outline(w->s, plan);
    } else if (plan->noutline) {
        /* chunked: the filter writes the bookmarks (cairo's point into one chunk only) */
        oparent = xcalloc(plan->noutline, sizeof *oparent);
        opage = xcalloc(plan->noutline, sizeof *opage);
        oy = xcalloc(plan->noutline, sizeof *oy);
        for (size_t i = 0; i < plan->noutline; i++) {
            oparent[i] = plan->outline[i].parent;
            opage[i] = plan->outline[i].page >= 0 ? (size_t)plan->outline[i].page : 0;
            /* to 0.01 pt, as the attribute cairo gets without chunks */
            oy[i] = w->height - floor(plan->outline[i].y * 100 + 0.5) / 100;
        }
        info->outline_parent = oparent;
        info->outline_page = opage;
        info->outline_y = oy;
    }
    st = finish(w->cr, w->s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = w->chunk_status;

    /* what is known only now: the claim, the reading order of imposed sheets */
    info->pdfua = w->started && sp_render_state_conforms(&w->rs);
    if (info->imposed && w->marks.ntops) {
        const char *slash = reading_copy ? strrchr(reading_copy, '/') : NULL;
        const char *name = slash ? slash + 1 : reading_copy;

        keys = xcalloc(w->marks.ntops, sizeof *keys);
        for (size_t i = 0; i < w->marks.ntops; i++)
            keys[i] = reading_key(plan, imposed, &w->marks.tops[i]);
        info->top_keys = keys;
        info->ntop_keys = w->marks.ntops;
        if (name && *name)
            note = g_strdup_printf(imposed == SP_OUT_BOOKLET
                                   ? "The pages of this file are in printing order, two to a "
                                     "side of each sheet. To read the booklet on screen, open "
                                     "%s: the same booklet, one page after another."
                                   : "This file is the leaflet laid out for printing, three "
                                     "panels to a side. To read it on screen, open %s: the "
                                     "same panels in reading order.", name);
        info->note = note;
    }
    rc = sp_pdf_filter_finish(w->f, &ioe, err);
    if (timing && *timing && strcmp(timing, "0")) {
        size_t hits, misses;

        /* the PDF/UA filter's share of the run (bench/run.sh "pdf-update"); the shaped
           lines found in text.c's cache and shaped into it, composing and drawing */
        sp_text_cache_stats(w->t, &hits, &misses);
        fprintf(stderr, "timing: %s: pdf update %.3f s, %zu pages, lines shaped %zu, "
                "reused %zu\n", path, sp_pdf_filter_seconds(w->f), plan->npages, misses,
                hits);
    }
    free(keys);
    free(titles);
    free(oparent);
    free(opage);
    free(oy);
    g_free(note);
    if (rc != 0 && ioe) {
        err->code = SP_OK;  /* the write failure, with the file's name */
        target_close(&w->tg, ioe, err);
        pdf_free(w);
        return -1;
    }
    if (rc != 0) {
        target_abandon(&w->tg);
        pdf_free(w);
        return -1;
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        target_abandon(&w->tg);
        pdf_free(w);
        return cairo_error(err, path, st);
    }
    rc = target_close(&w->tg, 0, err) ? -1 : target_commit(&w->tg, err);
    pdf_free(w);
    return rc;
}

int sp_out_pdf_close(struct sp_out_pdf *w, const struct sp_plan *plan, struct sp_error *err)
{
    locale_t old, c = c_numeric(&old);
    int rc;

    if (!plan->npages) {
        sp_out_pdf_abandon(w);
        rc = sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "nothing to write");
    } else {
        rc = pdf_close(w, plan, SP_OUT_FLAT, NULL, err);
    }
    locale_back(c, old);
    return rc;
}

/* The whole plan as one PDF (called in the C numeric locale). */
static int write_pdf(const struct sp_plan *plan, struct sp_text *t, const char *path,
                     const struct sp_out_opts *opts, enum sp_out_imposed imposed,
                     const char *reading_copy, struct sp_error *err)
{
    struct sp_out_pdf *w = sp_out_pdf_open(path, plan->width, plan->height, plan->bleed, t,
                                           opts, err);

    if (!w)
        return -1;
    for (size_t i = 0; i < plan->npages; i++)
        pdf_page(w, plan, i);
    return pdf_close(w, plan, imposed, reading_copy, err);
}

/* Does the page begin with a filled rectangle covering all of it? */
static int has_background(const struct sp_plan *plan, size_t pageno)
{
    const struct sp_page *pg = &plan->pages[pageno];
    const struct sp_item *it = pg->n ? &pg->items[0] : NULL;

    return it && it->kind == SP_ITEM_RECT && it->line_width <= 0 && it->x <= 0 && it->y <= 0
           && it->x + it->w >= plan->width && it->y + it->h >= plan->height;
}

/*
 * Draw page i on an image surface at opts->dpi; the caller checks its status.  The
 * surface is reuse when it has the page's size (cleared to zeros first: the state of a new
 * one, so the pixels are the same), else a new one (reuse is then destroyed).
 */
static cairo_surface_t *draw_png(const struct sp_plan *plan, size_t i, struct sp_text *t,
                                 const struct sp_out_opts *opts, cairo_surface_t *reuse,
                                 cairo_status_t *st)
{
    double dpi = opts->dpi > 0 ? opts->dpi : 72.0;
    int w = (int)lround(plan->width * dpi / 72.0), h = (int)lround(plan->height * dpi / 72.0);
    cairo_surface_t *s = NULL;
    cairo_t *cr;

    w = w > 0 ? w : 1;
    h = h > 0 ? h : 1;
    if (reuse && cairo_image_surface_get_width(reuse) == w &&
        cairo_image_surface_get_height(reuse) == h) {
        s = reuse;
        cairo_surface_flush(s);
        memset(cairo_image_surface_get_data(s), 0,
               (size_t)cairo_image_surface_get_stride(s) * (size_t)h);
        cairo_surface_mark_dirty(s);
    } else if (reuse) {
        cairo_surface_destroy(reuse);
    }
    if (!s)
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cr = cairo_create(s);

    if (!has_background(plan, i)) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    sp_render_page(plan, i, t, cr);
    *st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Render page i into an open target: PNG or SVG. */
static int write_page(const struct sp_plan *plan, size_t i, struct sp_text *t,
                      const struct sp_out_opts *opts, struct target *tg, struct sp_error *err)
{
    struct sink sk = { tg->fp, 0 };
    cairo_surface_t *s;
    cairo_t *cr;
    cairo_status_t st;

    if (opts->format == SP_OUT_PNG) {
        s = draw_png(plan, i, t, opts, NULL, &st);
        if (st == CAIRO_STATUS_SUCCESS && !sk.err) {
            int e = sp_out_png_encode(s, sk.fp);
            if (e && !sk.err)
                sk.err = e;
        }
        cairo_surface_destroy(s);
    } else {
        s = cairo_svg_surface_create_for_stream(sink_write, &sk, plan->width, plan->height);
        cr = cairo_create(s);
        sp_render_page(plan, i, t, cr);
        cairo_show_page(cr);
        st = finish(cr, s);
    }
    if (sk.err || st == CAIRO_STATUS_WRITE_ERROR) {
        int e = sk.err ? sk.err : EIO;

        target_abandon(tg);
        return io_error(err, tg->path, e);
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        target_abandon(tg);
        return cairo_error(err, tg->path, st);
    }
    return target_close(tg, 0, err);
}

/*
 * PNG pages are drawn here and encoded by worker threads meanwhile (issue 17: the next
 * slide is drawn while the last one is encoded).  Pango and the plan stay on this thread;
 * a worker has only its surface and its open file.  At most workers pages wait while one
 * is drawn, so memory stays bounded whatever the page count; a finished page's surface is drawn on
 * again (a new 1080p surface costs about 2,000 page faults); the files are the same, byte
 * for byte, as when they are written one after the other.
 */
struct png_job {
    cairo_surface_t *s;   /* drawn; given back to the drawing thread when finished */
    FILE *fp;             /* the target's open file */
    bool sync;            /* a temporary file: flushed to the disk here (base/atomic.h
                             does it again on close, then with nothing left to write) */
    int err;              /* errno from encoding and writing, 0 = fine */
    GAsyncQueue *done;    /* the job is pushed here when finished */
};

static void png_job_run(gpointer data, gpointer user)
{
    struct png_job *j = data;

    (void)user;
    j->err = sp_out_png_encode(j->s, j->fp);
    if (!j->err && fflush(j->fp) != 0)
        j->err = errno ? errno : EIO;
    if (!j->err && j->sync && fsync(fileno(j->fp)) != 0)
        j->err = errno ? errno : EIO;
    g_async_queue_push(j->done, j);
}

static int png_workers(void)
{
    int n = (int)g_get_num_processors() - 1;

    return n < 1 ? 1 : n > 4 ? 4 : n;
}

/* PNG pages through the workers; every target opened and, when all is well, closed. */
static int write_png_pages(const struct sp_plan *plan, struct sp_text *t, const char *path,
                           const struct sp_out_opts *opts, struct target *tgs, size_t *done,
                           struct sp_arena *a, struct sp_error *err)
{
    int workers = png_workers();
    struct png_job *jobs = xcalloc(plan->npages, sizeof *jobs);
    GAsyncQueue *finished = g_async_queue_new();
    GThreadPool *pool = g_thread_pool_new(png_job_run, NULL, workers, FALSE, NULL);
    GPtrArray *spare = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_surface_destroy);
    size_t opened = 0, queued = 0, waiting = 0;
    int rc = 0;

    for (size_t i = 0; i < plan->npages && !rc; i++) {
        cairo_status_t st;
        struct png_job *j;

        if (target_open(&tgs[i], sp_out_page_path(plan, path, i, a), err) != 0) {
            rc = -1;
            break;
        }
        opened = i + 1;
        /* the surfaces of finished pages, to draw on again; at most workers pages
           waiting while this one is drawn (workers + 1 surfaces in all) */
        while ((j = waiting > (size_t)workers ? g_async_queue_pop(finished)
                                              : g_async_queue_try_pop(finished)) != NULL) {
            g_ptr_array_add(spare, j->s);
            j->s = NULL;
            waiting--;
        }
        jobs[i].s = draw_png(plan, i, t, opts,
                             spare->len ? g_ptr_array_steal_index(spare, spare->len - 1)
                                        : NULL, &st);
        if (st != CAIRO_STATUS_SUCCESS) {
            rc = st == CAIRO_STATUS_WRITE_ERROR ? io_error(err, tgs[i].path, EIO)
                                                : cairo_error(err, tgs[i].path, st);
            break;
        }
        jobs[i].fp = tgs[i].fp;
        jobs[i].sync = tgs[i].tmp != NULL;
        jobs[i].done = finished;
        g_thread_pool_push(pool, &jobs[i], NULL);
        queued = i + 1;
        waiting++;
    }
    g_thread_pool_free(pool, FALSE, TRUE);  /* every job queued is finished */
    g_async_queue_unref(finished);
    for (size_t i = 0; i < opened; i++)
        if (jobs[i].s)
            cairo_surface_destroy(jobs[i].s);
    g_ptr_array_free(spare, TRUE);
    /* the first page that failed, as when written one after the other */
    for (size_t i = 0; i < queued && !rc; i++)
        if (jobs[i].err)
            rc = io_error(err, tgs[i].path, jobs[i].err);
    /* closed in order; after a failure the rest are abandoned (and the caller abandons
       those closed before it) */
    for (size_t i = 0; i < opened; i++) {
        if (rc)
            target_abandon(&tgs[i]);
        else if (target_close(&tgs[i], 0, err) != 0)
            rc = -1;
        else
            *done = i + 1;
    }
    free(jobs);
    return rc;
}

/* PNG/SVG: every page to its tmp file first, then rename them all, so a failure leaves none. */
static int write_pages(const struct sp_plan *plan, struct sp_text *t, const char *path,
                       const struct sp_out_opts *opts, struct sp_error *err)
{
    struct sp_arena a;
    struct target *tgs;
    size_t i, done = 0;
    int rc = 0;

    sp_arena_init(&a);
    tgs = xcalloc(plan->npages ? plan->npages : 1, sizeof *tgs);
    if (opts->format == SP_OUT_PNG && plan->npages > 1) {
        rc = write_png_pages(plan, t, path, opts, tgs, &done, &a, err);
    } else {
        for (i = 0; i < plan->npages && !rc; i++) {
            const char *p = sp_out_page_path(plan, path, i, &a);

            if (target_open(&tgs[i], p, err) || write_page(plan, i, t, opts, &tgs[i], err))
                rc = -1;
            else
                done = i + 1;
        }
    }
    for (i = 0; i < done; i++) {
        if (rc)
            target_abandon(&tgs[i]);
        else if (target_commit(&tgs[i], err))
            rc = -1;   /* the pages after it are still renamed: each is complete */
    }
    free(tgs);
    sp_arena_free(&a);
    return rc;
}

static int write_any(const struct sp_plan *plan, struct sp_text *t, const char *path,
                     const struct sp_out_opts *o, enum sp_out_imposed imposed,
                     const char *reading_copy, struct sp_error *err)
{
    struct sp_out_opts opts = { SP_OUT_PDF, 72.0, (time_t)-1, NULL };

    if (o)
        opts = *o;
    if (!plan->npages)
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "nothing to write to '%s'",
                            path);
    /* cairo formats and parses numbers (tag attributes, PDF operators) with the C
       library: run it in the C numeric locale, whatever the caller's, for this thread */
    {
        locale_t old, c = c_numeric(&old);
        int rc = opts.format == SP_OUT_PDF
                 ? write_pdf(plan, t, path, &opts, imposed, reading_copy, err)
                 : write_pages(plan, t, path, &opts, err);
        locale_back(c, old);
        return rc;
    }
}

int sp_out_write(const struct sp_plan *plan, struct sp_text *t, const char *path,
                 const struct sp_out_opts *o, struct sp_error *err)
{
    return write_any(plan, t, path, o, SP_OUT_FLAT, NULL, err);
}

int sp_out_write_sheets(const struct sp_plan *sheets, struct sp_text *t, const char *path,
                        const struct sp_out_opts *opts, enum sp_out_imposed kind,
                        const char *reading_copy, struct sp_error *err)
{
    return write_any(sheets, t, path, opts, kind, reading_copy, err);
}

int sp_out_write_file(const char *path, const void *data, size_t len, struct sp_error *err)
{
    return sp_atomic_write(path, data, len, err);
}
