/*
 * png_encode.c - kiosk slides inside one process: compose the board for a moment, draw
 * each slide at its size, and encode it as PNG in several ways, to choose the encoder
 * (issue 17: >= 100 slides/s at 1080p; PNG encoding was 91 % of the time).  Prints, per
 * way, milliseconds per slide (median of the runs) and kilobytes per slide, then the
 * slides per second of draw + encode with each, and last the slides per second of
 * sp_out_write, the writer kiosk uses (draw here, encode on workers, write, sync, rename).
 *
 *   png_encode [--runs N] [--layout NAME] [--at MOMENT] FILE
 *
 * Ways: cairo's own PNG writer (zlib's default level); libpng at level 1 with the Sub
 * filter (signpost's encoder before issue 17); signpost's encoder (out.c) with zlib levels,
 * strategies, filters and 1, 2 or 4 bands deflated in parallel.
 */
#include <cairo.h>
#include <glib.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/error.h"
#include "base/mem.h"
#include "compose/kiosk.h"
#include "input/directory.h"
#include "input/select.h"
#include "layout/layout.h"
#include "layout/settings.h"
#include "output/out.h"
#include "output/render.h"

static double now_ms(void)
{
    return (double)g_get_monotonic_time() / 1000.0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static cairo_status_t count_write(void *c, const unsigned char *d, unsigned int n)
{
    (void)d;
    *(size_t *)c += n;
    return CAIRO_STATUS_SUCCESS;
}

/* ---- the encoder before issue 17: libpng, level 1, Sub ---- */

static void lp_write(png_structp png, png_bytep data, size_t n)
{
    *(size_t *)png_get_io_ptr(png) += n;
    (void)data;
}

static void lp_flush(png_structp png)
{
    (void)png;
}

static size_t libpng_encode(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    unsigned char *row = xmalloc((size_t)w * 3);
    size_t bytes = 0;

    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return 0;
    }
    png_set_write_fn(png, &bytes, lp_write, lp_flush);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            row[3 * x] = (unsigned char)(px[x] >> 16);
            row[3 * x + 1] = (unsigned char)(px[x] >> 8);
            row[3 * x + 2] = (unsigned char)px[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    return bytes;
}

/* ---- the ways ---- */

enum way_kind { W_CAIRO, W_LIBPNG, W_OURS };

struct way {
    const char *name;
    enum way_kind kind;
    struct sp_png_opts o;
};

static size_t encode(const struct way *w, cairo_surface_t *s)
{
    size_t bytes = 0;

    if (w->kind == W_CAIRO) {
        cairo_surface_write_to_png_stream(s, count_write, &bytes);
    } else if (w->kind == W_LIBPNG) {
        bytes = libpng_encode(s);
    } else {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);

        if (fp) {
            sp_out_png_encode_with(s, fp, &w->o);
            fclose(fp);
            bytes = len;
            free(buf);
        }
    }
    return bytes;
}

int main(int argc, char **argv)
{
    static const struct way ways[] = {
        { "cairo_surface_write_to_png (zlib default)", W_CAIRO, { 0, 0, 0, 0, 0 } },
        { "libpng level 1, Sub (before)", W_LIBPNG, { 0, 0, 0, 0, 0 } },
        { "signpost level 1, default strategy, Sub", W_OURS, { 1, Z_DEFAULT_STRATEGY, 1, 1, 0 } },
        { "signpost level 6, default strategy, Sub", W_OURS, { 6, Z_DEFAULT_STRATEGY, 1, 1, 0 } },
        { "signpost level 1, RLE, no filter", W_OURS, { 1, Z_RLE, 0, 1, 0 } },
        { "signpost level 1, RLE, Sub", W_OURS, { 1, Z_RLE, 1, 1, 0 } },
        { "signpost level 1, RLE, Sub, 2 bands", W_OURS, { 1, Z_RLE, 1, 2, 0 } },
        { "signpost level 1, RLE, Sub, 4 bands", W_OURS, { 1, Z_RLE, 1, 4, 0 } },
        { "signpost level 1, Huffman only, Sub", W_OURS, { 1, Z_HUFFMAN_ONLY, 1, 1, 0 } },
        { "signpost level 0 (stored), Sub", W_OURS, { 0, Z_DEFAULT_STRATEGY, 1, 1, 0 } },
        { "signpost level 1, RLE, Up", W_OURS, { 1, Z_RLE, 2, 1, 0 } },
        { "signpost level 1, RLE, Up when repeated", W_OURS, { 1, Z_RLE, 3, 1, 0 } },
        { "signpost level 1, Up when repeated (before)", W_OURS, { 1, 0, 3, 1, 0 } },
        { "signpost level 1, Up when repeated, 2 bands", W_OURS, { 1, 0, 3, 2, 0 } },
        { "signpost own coder, Sub", W_OURS, { 1, 0, 1, 1, 1 } },
        { "signpost own coder, Up when repeated (chosen)", W_OURS, { 1, 0, 3, 1, 1 } },
        { "signpost own coder, Up when repeated, 2 bands", W_OURS, { 1, 0, 3, 2, 1 } },
    };
    const char *layout = "kiosk-landscape", *at_text = "2026-11-26T14:00", *path = NULL;
    int runs = 5;
    struct sp_arena a;
    struct sp_directory dir;
    struct sp_layout lay;
    struct sp_settings set;
    struct sp_selection selopt;
    struct sp_source_opts so = { .format = SP_FORMAT_AUTO };
    struct sp_error err = { 0 };
    struct sp_diag diag;
    struct sp_text *t;
    struct sp_plan plan;
    struct sp_when_list wl;
    struct sp_compose_in in = { 0 };
    const struct sp_meeting **sel = NULL;
    cairo_surface_t **surf;
    double draw = 0, t0, *times;
    time_t at;
    char msg[1400];

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--layout") && i + 1 < argc)
            layout = argv[++i];
        else if (!strcmp(argv[i], "--at") && i + 1 < argc)
            at_text = argv[++i];
        else
            path = argv[i];
    }
    if (!path || runs < 1) {
        fprintf(stderr, "usage: png_encode [--runs N] [--layout NAME] [--at MOMENT] FILE\n");
        return 2;
    }
    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_diag_init(&diag);
    sp_settings_defaults(&set);
    memset(&selopt, 0, sizeof selopt);
    if (sp_when_parse(at_text, &at, &err) != 0 ||
        sp_layout_load(layout, SP_DATADIR, &a, &lay, &err) != 0 ||
        sp_settings_load(SP_DATADIR "/examples/settings.ini", &a, &set, &err) != 0 ||
        sp_directory_load(&dir, path, &so, &a, &diag, &err) != 0 ||
        !(t = sp_text_new(SP_DATADIR "/fonts", SP_DATADIR "/build/fccache", &err))) {
        sp_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "png_encode: %s\n", msg);
        return 1;
    }
    in.n = sp_select(&dir, &selopt, &sel);
    in.meetings = sel;
    in.layout = &lay;
    in.settings = &set;
    in.at = at;
    in.view = "today";
    in.start_day = -1;
    in.tabs = -1;
    sp_plan_init(&plan, lay.width, lay.height);
    t0 = now_ms();
    if (sp_when_select(sel, in.n, at, "today", &wl, &err) != 0 ||
        sp_kiosk_compose(&in, &wl, t, &plan, NULL, &err) != 0) {
        sp_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "png_encode: %s\n", msg);
        return 1;
    }
    printf("%zu meetings in the file, %zu today and tomorrow at %s: %zu slides %gx%g "
           "(scale %g), composed in %.1f ms\n", dir.n, wl.n, at_text, plan.npages,
           plan.width * lay.scale, plan.height * lay.scale, lay.scale, now_ms() - t0);

    /* draw each slide once; the encoders then run on the same pixels */
    surf = xcalloc(plan.npages, sizeof *surf);
    for (size_t i = 0; i < plan.npages; i++) {
        int w = (int)(plan.width * lay.scale + 0.5), h = (int)(plan.height * lay.scale + 0.5);
        cairo_t *cr;

        t0 = now_ms();
        surf[i] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cr = cairo_create(surf[i]);
        cairo_scale(cr, lay.scale, lay.scale);
        sp_render_page(&plan, i, t, cr);
        cairo_destroy(cr);
        cairo_surface_flush(surf[i]);
        draw += now_ms() - t0;
    }
    draw /= (double)plan.npages;
    printf("draw: %.2f ms/slide the first time (new surface, glyphs not yet cached)\n", draw);
    /* as the kiosk draws: on a surface drawn on before, with the glyphs cached */
    times = xcalloc((size_t)runs, sizeof *times);
    for (int r = 0; r < runs; r++) {
        t0 = now_ms();
        for (size_t i = 0; i < plan.npages; i++) {
            cairo_t *cr;

            cairo_surface_flush(surf[i]);
            memset(cairo_image_surface_get_data(surf[i]), 0,
                   (size_t)cairo_image_surface_get_stride(surf[i]) *
                       (size_t)cairo_image_surface_get_height(surf[i]));
            cairo_surface_mark_dirty(surf[i]);
            cr = cairo_create(surf[i]);
            cairo_scale(cr, lay.scale, lay.scale);
            sp_render_page(&plan, i, t, cr);
            cairo_destroy(cr);
            cairo_surface_flush(surf[i]);
        }
        times[r] = (now_ms() - t0) / (double)plan.npages;
    }
    qsort(times, (size_t)runs, sizeof *times, cmp_double);
    draw = times[runs / 2];
    printf("draw: %.2f ms/slide again (median of %d)\n\n%-44s %10s %10s %10s\n", draw, runs,
           "encoder", "ms/slide", "KB/slide", "slides/s*");

    for (size_t k = 0; k < G_N_ELEMENTS(ways); k++) {
        size_t bytes = 0;
        double med;

        for (int r = 0; r < runs; r++) {
            t0 = now_ms();
            bytes = 0;
            for (size_t i = 0; i < plan.npages; i++)
                bytes += encode(&ways[k], surf[i]);
            times[r] = (now_ms() - t0) / (double)plan.npages;
        }
        qsort(times, (size_t)runs, sizeof *times, cmp_double);
        med = times[runs / 2];
        printf("%-44s %10.2f %10.1f %10.1f\n", ways[k].name, med,
               (double)bytes / (double)plan.npages / 1024.0, 1000.0 / (draw + med));
    }
    printf("\n* slides/s = 1000 / (draw + encode) per slide, one process\n");

    /* what the kiosk does: sp_out_write draws each slide on this thread while workers
       encode the last ones, each file written to a temporary file, synced and renamed */
    {
        char tmpdir[] = "/tmp/png_encode.XXXXXX", *file;
        struct sp_out_opts oo = { .format = SP_OUT_PNG, .dpi = 72.0 * lay.scale,
                                  .date = (time_t)-1, .creator = "bench" };

        if (!mkdtemp(tmpdir)) {
            perror("png_encode: mkdtemp");
            return 1;
        }
        file = g_build_filename(tmpdir, "slide.png", NULL);
        for (int r = 0; r < runs; r++) {
            t0 = now_ms();
            if (sp_out_write(&plan, t, file, &oo, &err) != 0) {
                sp_error_format(&err, msg, sizeof msg);
                fprintf(stderr, "png_encode: %s\n", msg);
                return 1;
            }
            times[r] = (now_ms() - t0) / (double)plan.npages;
        }
        qsort(times, (size_t)runs, sizeof *times, cmp_double);
        printf("signpost's writer (draw here, encode on %u worker(s), write, sync, rename): "
               "%.2f ms/slide, %.1f slides/s (median of %d; min-max %.1f-%.1f)\n",
               g_get_num_processors() > 1 ? MIN(g_get_num_processors() - 1, 4) : 1,
               times[runs / 2], 1000.0 / times[runs / 2], runs, 1000.0 / times[runs - 1],
               1000.0 / times[0]);
        for (size_t i = 0; i < plan.npages; i++)
            remove(sp_out_page_path(&plan, file, i, &a));
        remove(tmpdir);
        g_free(file);
    }
    for (size_t i = 0; i < plan.npages; i++)
        cairo_surface_destroy(surf[i]);
    free(surf);
    free(times);
    sp_when_list_release(&wl);
    sp_plan_release(&plan);
    sp_text_free(t);
    free(sel);
    sp_directory_release(&dir);
    sp_diag_release(&diag);
    sp_arena_free(&a);
    return 0;
}
