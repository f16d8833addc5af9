/*
 * slides.h - a folder of kiosk slides for a signage player or a browser: the slide images
 * (slide-01.png ... or .svg, through out.c), slides.json (the manifest, with each slide's
 * meetings as text) and slides.html (an accessible player: the slides as images and as
 * text, with Pause/Play, Previous and Next).  Slides left from a longer set are removed.
 *
 * Owns: the files it writes, during the call.  Must not: include model.h, compose or
 * select meetings.  Every file is written to a temporary name and renamed into place.
 */
#ifndef SP_SLIDES_H
#define SP_SLIDES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../base/error.h"
#include "../compose/plan.h"
#include "../compose/screen.h"
#include "../compose/text.h"
#include "out.h"

struct sp_slides_out {
    const char *dir;          /* the folder (created by the caller) */
    enum sp_out_format format;  /* SP_OUT_PNG or SP_OUT_SVG */
    double scale;             /* output pixels per plan px (2 for 4K) */
    int dwell_seconds;        /* per slide */
    const char *layout;       /* layout name, for the manifest */
    const char *view;         /* "today" or "week" */
    const char *zone;         /* the screen's time zone, "Europe/London" */
    const char *moment;       /* ISO 8601 with offset, "2026-11-26T14:00:00+00:00" */
    const char *generated;    /* ISO 8601 with offset: when the files were made */
    const char *changes_at;   /* ISO 8601: when the slides should be redrawn, or NULL */
    size_t nmeetings;         /* meetings selected for the moment */
    const char *creator;      /* "signpost 0.1.0" */
    uint32_t text_rgb, background_rgb, heading_rgb;  /* the player page's colours (the
                                 layout's: 7:1 checked when it was loaded) */
};

/*
 * Write the slides of plan (one page per slide, page->name set) with their text into
 * o->dir.  Returns 0, or -1 with *err (SP_ERR_IO naming the file, SP_ERR_RESOURCE for a
 * cairo failure); on failure the files already there are left as they were.
 */
int sp_slides_write(const struct sp_plan *plan, struct sp_text *t, const struct sp_slides *text,
                    const struct sp_slides_out *o, struct sp_error *err);

/* The manifest and the player page alone (malloc'd, NUL-terminated; for tests). */
char *sp_slides_manifest(const struct sp_plan *plan, const struct sp_slides *text,
                         const struct sp_slides_out *o);
char *sp_slides_player(const struct sp_plan *plan, const struct sp_slides *text,
                       const struct sp_slides_out *o);

#endif
