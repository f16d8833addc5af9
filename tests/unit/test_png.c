/*
 * test_png.c - the PNG encoder (out.c): every filter, level, strategy, band count and
 * coder (zlib, or signpost's run-length coder) decodes (with cairo's own PNG reader, which
 * checks the CRCs and zlib's Adler-32) to exactly the pixels encoded; odd sizes; rows
 * repeated once and several times running; rows too long for a match with the row above;
 * a full disk is an error.
 */
#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"
#include "output/out.h"

struct reader {
    const unsigned char *p;
    size_t len, pos;
};

static cairo_status_t read_fn(void *c, unsigned char *d, unsigned int n)
{
    struct reader *r = c;

    if (r->pos + n > r->len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(d, r->p + r->pos, n);
    r->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

/* A w x h surface: flat background, some rows repeated (once, and three times running),
   some noise (antialiasing-like). */
static cairo_surface_t *picture(int w, int h, unsigned seed)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);

    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(d + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            if ((y % 7 == 3 || y % 11 >= 8) && y > 0)  /* repeats the row above */
                row[x] = ((uint32_t *)(void *)(d + (size_t)(y - 1) * stride))[x];
            else if ((seed >> 16) % 5 == 0)
                row[x] = (seed >> 8) & 0xFFFFFF;
            else
                row[x] = y < h / 2 ? 0xFFFFFF : 0x1A1A1A;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

static int same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);

    if (cairo_image_surface_get_width(b) != w || cairo_image_surface_get_height(b) != h)
        return 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *p = (const uint32_t *)(const void *)(cairo_image_surface_get_data(a) +
                            (size_t)y * cairo_image_surface_get_stride(a));
        const uint32_t *q = (const uint32_t *)(const void *)(cairo_image_surface_get_data(b) +
                            (size_t)y * cairo_image_surface_get_stride(b));
        for (int x = 0; x < w; x++)
            if ((p[x] & 0xFFFFFF) != (q[x] & 0xFFFFFF))
                return 0;
    }
    return 1;
}

static void test_round_trip(void)
{
    /* 6 and 7 px: not whole groups of four pixels (the Sub filter takes four at a
       time); 11000 px: a row of 33001 bytes, past deflate's 32768-byte window; 22000 px:
       a row of 66001 bytes, summed for the Adler-32 in more than one go */
    static const struct { int w, h; } sizes[] = { { 1, 1 }, { 7, 5 }, { 6, 40 },
                                                  { 640, 300 }, { 11000, 3 }, { 22000, 12 } };
    static const struct sp_png_opts opts[] = {
        /*  0*/ SP_PNG_OPTS_DEFAULT,
        /*  1*/ { 1, 0, 0, 1, 0 }, /*  2*/ { 1, 0, 1, 1, 0 }, /*  3*/ { 1, 0, 2, 1, 0 },
        /*  4*/ { 1, 3, 1, 1, 0 }, /*  5*/ { 0, 0, 1, 1, 0 }, /*  6*/ { 6, 0, 3, 1, 0 },
        /*  7*/ { 1, 0, 3, 2, 0 }, /*  8*/ { 1, 3, 1, 3, 0 }, /*  9*/ { 1, 0, 3, 4, 0 },
        /* 10*/ { 1, 0, 0, 1, 1 }, /* 11*/ { 1, 0, 1, 1, 1 }, /* 12*/ { 1, 0, 2, 1, 1 },
        /* 13*/ { 1, 0, 3, 1, 1 }, /* 14*/ { 1, 0, 3, 2, 1 }, /* 15*/ { 1, 0, 1, 3, 1 },
        /* 16*/ { 1, 0, 3, 4, 1 },
    };

    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        cairo_surface_t *s = picture(sizes[i].w, sizes[i].h, (unsigned)i + 1);

        for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *fp = open_memstream(&buf, &len);
            struct reader r;
            cairo_surface_t *back;
            int rc = sp_out_png_encode_with(s, fp, &opts[k]);

            fclose(fp);
            r.p = (const unsigned char *)buf;
            r.len = len;
            r.pos = 0;
            back = cairo_image_surface_create_from_png_stream(read_fn, &r);
            OK(rc == 0 && cairo_surface_status(back) == CAIRO_STATUS_SUCCESS &&
               same_pixels(s, back), "%dx%d, options %zu (level %d, strategy %d, filter %d, "
               "%d bands, coder %d): decodes to the same pixels", sizes[i].w, sizes[i].h, k,
               opts[k].level, opts[k].strategy, opts[k].filter, opts[k].threads,
               opts[k].coder);
            cairo_surface_destroy(back);
            free(buf);
        }
        cairo_surface_destroy(s);
    }
}

static void test_full_disk(void)
{
    cairo_surface_t *s = picture(200, 100, 9);
    FILE *fp = fopen("/dev/full", "wb");
    int rc;

    if (!fp) {
        OK(1, "# SKIP no /dev/full");
        cairo_surface_destroy(s);
        return;
    }
    setvbuf(fp, NULL, _IONBF, 0);
    rc = sp_out_png_encode(s, fp);
    fclose(fp);
    EQ_INT(rc, ENOSPC, "writing to a full disk returns ENOSPC");
    cairo_surface_destroy(s);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_round_trip);
    TEST_RUN(test_full_disk);
    return test_done();
}
