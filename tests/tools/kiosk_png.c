/*
 * kiosk_png.c - test helper for the kiosk slides: scale a PNG (a phone camera further
 * away) and report its size.
 *
 *   kiosk_png scale IN.png OUT.png PERCENT   resample with cairo's GOOD filter
 *   kiosk_png size IN.png                    prints "WIDTHxHEIGHT"
 *
 * Exit 0 on success, 1 on a bad PNG or write failure, 2 on bad arguments.
 */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cairo_surface_t *load(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);

    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "kiosk_png: cannot read '%s': %s\n", path,
                cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

int main(int argc, char **argv)
{
    cairo_surface_t *in, *out;
    cairo_pattern_t *pat;
    cairo_t *cr;
    double f;
    int w, h, rc;

    if (argc == 3 && !strcmp(argv[1], "size")) {
        if (!(in = load(argv[2])))
            return 1;
        printf("%dx%d\n", cairo_image_surface_get_width(in), cairo_image_surface_get_height(in));
        cairo_surface_destroy(in);
        return 0;
    }
    if (argc != 5 || strcmp(argv[1], "scale") || (f = atof(argv[4]) / 100.0) <= 0 || f > 4) {
        fprintf(stderr, "usage: kiosk_png scale IN.png OUT.png PERCENT | size IN.png\n");
        return 2;
    }
    if (!(in = load(argv[2])))
        return 1;
    w = (int)(cairo_image_surface_get_width(in) * f + 0.5);
    h = (int)(cairo_image_surface_get_height(in) * f + 0.5);
    out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cr = cairo_create(out);
    cairo_scale(cr, f, f);
    pat = cairo_pattern_create_for_surface(in);
    cairo_pattern_set_filter(pat, CAIRO_FILTER_GOOD);
    cairo_set_source(cr, pat);
    cairo_paint(cr);
    cairo_pattern_destroy(pat);
    cairo_destroy(cr);
    rc = cairo_surface_write_to_png(out, argv[3]) == CAIRO_STATUS_SUCCESS ? 0 : 1;
    cairo_surface_destroy(out);
    cairo_surface_destroy(in);
    return rc;
}
