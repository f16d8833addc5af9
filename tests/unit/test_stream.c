/*
 * test_stream.c - issue 17's machinery: lines shaped once (text.c's line and paragraph
 * caches), QR codes encoded once per URL (qr.c), plans that stream to a sink and free
 * their pages (plan.c), and the PDF written page by page (out.c) byte for byte the same as
 * the whole plan written at once, for a leaflet and a poster set.
 */
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"
#include "base/i18n.h"
#include "compose/compose.h"
#include "compose/qr.h"
#include "input/directory.h"
#include "layout/layout.h"
#include "layout/settings.h"
#include "output/out.h"

static struct sp_text *tx;
static struct sp_arena ar;
static struct sp_settings set;

static const char *const towns[] = { "Cardiff", "Swansea", "Newport", "Bath", "Bristol" };
static const char *const notes[] = {
    NULL,
    "Step-free access through the side door. Tea and coffee from fifteen minutes before.",
    "Cyfarfod dwyieithog: Cymraeg a Saesneg. Mae croeso i ddysgwyr.",
    "یہ میٹنگ اردو اور انگریزی میں ہوتی ہے۔ سب کو خوش آمدید۔",
};

/* n fictional meetings over a week: in person, online (example.org links) and notes */
static struct sp_meeting *meetings(size_t n)
{
    struct sp_meeting *v = xcalloc(n, sizeof *v);

    for (size_t i = 0; i < n; i++) {
        struct sp_meeting *m = &v[i];
        m->name = sp_arena_printf(&ar, "%s Meeting %zu", towns[i % 5], i + 1);
        m->fellowship = "Alcoholics Anonymous";
        m->days = SP_DAY_BIT(i % 7) | (i % 4 == 0 ? SP_DAY_BIT((i + 2) % 7) : 0);
        m->start_min = (int)(7 * 60 + (i * 15) % (14 * 60));
        m->end_min = m->start_min + 60;
        m->timezone = "Europe/London";
        m->town = towns[i % 5];
        m->region = towns[i % 5];
        m->notes = notes[i % 4];
        if (i % 3 == 0) {
            m->attendance = SP_ATTEND_ONLINE;
            m->url = sp_arena_printf(&ar, "https://example.org/join/%zu", i + 1);
            m->meeting_id = "812 3456 7890";
            m->phone = "01632 960123";
        } else {
            m->attendance = SP_ATTEND_IN_PERSON;
            m->venue = "Example Community Hall";
            m->address = sp_arena_printf(&ar, "%zu High Street", i + 1);
            m->postcode = "CF10 1AA";
        }
        m->file = "test.json";
        m->line = m->record = (int)i + 1;
        m->index = i;
    }
    return v;
}

static int load_layout(const char *name, struct sp_layout *lay)
{
    struct sp_error err = { 0 };

    if (sp_layout_load(name, ".", &ar, lay, &err) != 0) {
        printf("# %s\n", err.msg);
        return -1;
    }
    return 0;
}

static void input(struct sp_compose_in *in, const struct sp_layout *lay,
                  const struct sp_meeting **v, size_t n, struct sp_qr_cache *qc)
{
    memset(in, 0, sizeof *in);
    in->meetings = v;
    in->n = n;
    in->layout = lay;
    in->settings = &set;
    in->date = 1795651200;  /* 26 November 2026 */
    in->start_day = -1;
    in->tabs = -1;
    in->creator = "signpost test";
    in->qr_cache = qc;
}

static gchar *slurp(const char *path, gsize *len)
{
    gchar *data = NULL;

    if (!g_file_get_contents(path, &data, len, NULL))
        *len = 0;
    return data;
}

/* A sink that draws through the streaming writer and notes how many pages were held. */
struct watch {
    struct sp_out_pdf *w;
    size_t calls, most_held;
};

static int watch_sink(void *ctx, const struct sp_plan *p, size_t pageno)
{
    struct watch *wt = ctx;

    wt->calls++;
    if (p->npages - pageno > wt->most_held)
        wt->most_held = p->npages - pageno;
    return sp_out_pdf_sink(wt->w, p, pageno);
}

/* layout over n meetings: written whole, then streamed; the two files must be equal */
static void same_bytes(const char *layout, size_t n, size_t min_pages)
{
    struct sp_layout lay;
    struct sp_meeting *m = meetings(n);
    const struct sp_meeting **v = xmalloc(n * sizeof *v);
    struct sp_qr_cache *qc = sp_qr_cache_new();
    struct sp_compose_in in;
    struct sp_out_opts oo = { SP_OUT_PDF, 72, 1795651200, "signpost test" };
    struct sp_plan whole, streamed;
    struct sp_error err = { 0 };
    struct watch wt = { 0 };
    char *dir = g_dir_make_tmp("sp-stream-XXXXXX", NULL);
    char *p1 = g_build_filename(dir, "whole.pdf", NULL);
    char *p2 = g_build_filename(dir, "streamed.pdf", NULL);
    gchar *b1, *b2;
    gsize l1, l2;

    for (size_t i = 0; i < n; i++)
        v[i] = &m[i];
    if (load_layout(layout, &lay) != 0) {
        OK(0, "%s: layout loads", layout);
        return;
    }
    input(&in, &lay, v, n, qc);

    sp_plan_init(&whole, lay.width, lay.height);
    OK(sp_compose(&in, tx, &whole, &err) == 0, "%s: composed whole (%s)", layout, err.msg);
    OK(whole.npages >= min_pages, "%s: %zu pages (at least %zu)", layout, whole.npages,
       min_pages);
    OK(sp_out_write(&whole, tx, p1, &oo, &err) == 0, "%s: whole plan written", layout);

    sp_plan_init(&streamed, lay.width, lay.height);
    wt.w = sp_out_pdf_open(p2, lay.width, lay.height, 0, tx, &oo, &err);
    OK(wt.w != NULL, "%s: streaming writer opened", layout);
    sp_plan_set_sink(&streamed, watch_sink, &wt);
    OK(sp_compose(&in, tx, &streamed, &err) == 0, "%s: composed streaming", layout);
    EQ_INT((long)streamed.npages, (long)whole.npages, "same page count");
    OK(wt.most_held <= 2, "%s: a page was drawn while at most %zu pages were held",
       layout, wt.most_held);
    OK(wt.calls + 1 >= whole.npages, "%s: %zu pages drawn while composing", layout, wt.calls);
    sp_plan_set_sink(&streamed, sp_out_pdf_sink, wt.w);
    OK(sp_plan_flush(&streamed, streamed.npages) == 0, "the last page flushed");
    for (size_t i = 0; i + 1 < streamed.npages; i++)
        if (streamed.pages[i].items) {
            OK(0, "page %zu still holds its items", i + 1);
            break;
        }
    OK(sp_out_pdf_close(wt.w, &streamed, &err) == 0, "%s: streamed file closed", layout);

    b1 = slurp(p1, &l1);
    b2 = slurp(p2, &l2);
    OK(l1 > 1000 && l1 == l2 && !memcmp(b1, b2, l1),
       "%s: streamed PDF is the whole plan's, byte for byte (%zu and %zu bytes)", layout,
       (size_t)l1, (size_t)l2);
    g_free(b1);
    g_free(b2);
    g_unlink(p1);
    g_unlink(p2);
    g_rmdir(dir);
    g_free(p1);
    g_free(p2);
    g_free(dir);
    sp_plan_release(&whole);
    sp_plan_release(&streamed);
    sp_qr_cache_free(qc);
    free(v);
    free(m);
}

static void test_streamed_equals_whole(void)
{
    same_bytes("leaflet-a4", 160, 8);
    same_bytes("poster-a4", 60, 3);
}

/*
 * The same in a right-to-left and in a bilingual output: the languages pass (tr.h: the
 * mirror, the bilingual runs, the document's language) reaches every streamed page before
 * it is drawn, as it reaches every page of a whole plan.
 */
static void test_streamed_equals_whole_languages(void)
{
    static const char *const specs[] = { "ur", "cy+en" };

    sp_i18n_bind("locale");
    for (size_t k = 0; k < G_N_ELEMENTS(specs); k++) {
        struct sp_langs l;
        struct sp_error err = { 0 };

        if (sp_i18n_parse(specs[k], "--lang", &l, &err) != 0) {
            OK(0, "parse %s: %s", specs[k], err.msg);
            continue;
        }
        sp_i18n_set_output(&l);
        same_bytes("leaflet-a4", 80, 4);
        same_bytes("poster-a4", 40, 2);
    }
    sp_i18n_set_output(NULL);
}

/* A streamed composition whose writer is abandoned leaves no file. */
static void test_abandon(void)
{
    char *dir = g_dir_make_tmp("sp-stream-XXXXXX", NULL);
    char *p = g_build_filename(dir, "gone.pdf", NULL);
    struct sp_error err = { 0 };
    struct sp_out_pdf *w = sp_out_pdf_open(p, 595, 842, 0, tx, NULL, &err);
    GDir *d;

    OK(w != NULL, "writer opened");
    sp_out_pdf_abandon(w);
    d = g_dir_open(dir, 0, NULL);
    OK(d && g_dir_read_name(d) == NULL, "nothing left in the folder");
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
    g_free(p);
    g_free(dir);
}

static int count_sink(void *ctx, const struct sp_plan *p, size_t pageno)
{
    size_t *seen = ctx;

    (void)p;
    if (pageno != *seen)
        return -1;  /* out of order */
    (*seen)++;
    return 0;
}

static void test_plan_sink(void)
{
    struct sp_plan p;
    struct sp_item it = { 0 };
    size_t seen = 0;
    struct sp_arena *g0, *g3;

    sp_plan_init(&p, 100, 100);
    OK(sp_plan_scratch(&p) == &p.arena, "without a sink the scratch arena is the plan's");
    OK(!sp_plan_streams(&p), "a new plan does not stream");
    sp_plan_add(&p, sp_plan_add_page(&p), &it);
    OK(sp_plan_flush(&p, 1) == 0 && p.pages[0].n == 1, "flush without a sink keeps pages");
    sp_plan_set_sink(&p, count_sink, &seen);
    OK(sp_plan_streams(&p), "with a sink the plan streams");
    g0 = sp_plan_scratch(&p);
    OK(g0 != &p.arena, "with a sink the scratch arena is a page generation");
    sp_arena_strdup(g0, "made while page 1 was the newest");
    for (int i = 1; i < 4; i++) {
        sp_plan_flush(&p, p.npages);
        sp_plan_add(&p, sp_plan_add_page(&p), &it);
    }
    g3 = sp_plan_scratch(&p);
    OK(g3 == g0, "page 4 reuses the generation of page 1 (three pages on)");
    EQ_INT((long)seen, 3, "three pages went to the sink, in order");
    OK(p.pages[0].items == NULL && p.pages[0].n == 0, "a flushed page's items are freed");
    OK(p.pages[3].n == 1, "the newest page keeps its items");
    seen = 99;  /* the sink now fails */
    OK(sp_plan_flush(&p, 4) == -1, "a failing sink is reported");
    OK(sp_plan_flush(&p, 4) == -1, "and remembered");
    sp_plan_release(&p);
}

/* Draw text on a small image and return its pixels (malloc'd). */
static unsigned char *pixels(struct sp_text *t, const struct sp_font *f, const char *s,
                             size_t *len)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 40);
    cairo_t *cr = cairo_create(img);
    unsigned char *copy;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    sp_text_draw(t, cr, f, s, 2, 2);
    cairo_surface_flush(img);
    *len = (size_t)cairo_image_surface_get_stride(img) * 40;
    copy = xmalloc(*len);
    memcpy(copy, cairo_image_surface_get_data(img), *len);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    return copy;
}

static void test_shape_once(void)
{
    struct sp_font f = { NULL, 18, false, NULL };
    struct sp_line *lines;
    struct sp_arena a;
    size_t h0, m0, h1, m1, l1, l2;
    unsigned char *p1, *p2;
    int n;

    sp_arena_init(&a);
    sp_text_cache_stats(tx, &h0, &m0);
    n = sp_text_break(tx, &f, "Rowan Tree Community Centre, 14 Heol y Wennol, Cardiff "
                      "CF11 9ZA. Open to all, step-free.", 200, &a, &lines);
    OK(n >= 2, "a paragraph broken into %d lines", n);
    sp_text_cache_stats(tx, &h1, &m1);
    OK(m1 - m0 >= (size_t)n, "its %d lines were shaped alone (%zu)", n, m1 - m0);
    p1 = pixels(tx, &f, lines[1].text, &l1);
    sp_text_cache_stats(tx, &h0, &m0);
    EQ_INT((long)(m0 - m1), 0, "drawing a measured line shapes nothing");
    OK(h0 > h1, "the line came from the cache");
    NEAR(sp_text_width(tx, &f, lines[1].text), lines[1].width, 1e-9,
         "the width measured again is the one kept");

    /* the same paragraph again: nothing shaped */
    sp_text_cache_stats(tx, &h1, &m1);
    EQ_INT(sp_text_break(tx, &f, "Rowan Tree Community Centre, 14 Heol y Wennol, Cardiff "
                         "CF11 9ZA. Open to all, step-free.", 200, &a, &lines), n,
           "the same lines the second time");
    sp_text_cache_stats(tx, &h0, &m0);
    EQ_INT((long)(m0 - m1), 0, "a paragraph broken again shapes nothing");

    /* a fresh engine shapes the line itself: the same pixels */
    {
        struct sp_error err = { 0 };
        struct sp_text *t2 = sp_text_new("fonts", "build/fccache", &err);
        p2 = t2 ? pixels(t2, &f, lines[1].text, &l2) : NULL;
        OK(p2 && l1 == l2 && !memcmp(p1, p2, l1), "a cached line draws as a fresh one");
        free(p2);
        sp_text_free(t2);
    }
    free(p1);

    /* bounded: after 4,096 other lines the first is shaped again */
    {
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
        cairo_t *cr = cairo_create(img);
        char buf[64];

        sp_text_draw(tx, cr, &f, "the first line", 0, 0);
        for (int i = 0; i < 4096; i++) {
            snprintf(buf, sizeof buf, "line %d", i);
            sp_text_draw(tx, cr, &f, buf, 0, 0);
        }
        sp_text_cache_stats(tx, &h1, &m1);
        sp_text_draw(tx, cr, &f, "the first line", 0, 0);
        sp_text_cache_stats(tx, &h0, &m0);
        EQ_INT((long)(m0 - m1), 1, "the cache holds at most 4,096 lines");
        sp_text_draw(tx, cr, &f, "line 4095", 0, 0);
        sp_text_cache_stats(tx, &h1, &m1);
        EQ_INT((long)(m1 - m0), 0, "a recent line is still there");
        cairo_destroy(cr);
        cairo_surface_destroy(img);
    }
    sp_arena_free(&a);
}

static void test_qr_once(void)
{
    struct sp_qr_cache *c = sp_qr_cache_new();
    struct sp_arena a;
    struct sp_qr q1, q2, q3, q4;
    struct sp_error err = { 0 };
    size_t enc, reused;

    sp_arena_init(&a);
    OK(sp_qr_encode_cached(c, "https://example.org/join/1", 'M', "m", &a, &q1, &err) == 0,
       "encoded");
    OK(sp_qr_encode_cached(c, "https://example.org/join/1", 'M', "m", &a, &q2, &err) == 0,
       "encoded again");
    OK(q1.bits == q2.bits && q1.n == q2.n && q1.version == q2.version,
       "the same URL gives the same modules, encoded once");
    OK(sp_qr_encode_cached(c, "https://example.org/join/1", 'Q', "m", &a, &q3, &err) == 0 &&
       q3.bits != q1.bits && q3.ecl == 'Q', "another error-correction level is another code");
    OK(sp_qr_encode("https://example.org/join/1", 'M', "m", &a, &q4, &err) == 0 &&
       q4.n == q1.n && !memcmp(q4.bits, q1.bits, (size_t)q1.n * sp_qr_row_bytes(q1.n)),
       "the cached modules are libqrencode's");
    sp_qr_cache_stats(c, &enc, &reused);
    EQ_INT((long)enc, 2, "two codes encoded");
    EQ_INT((long)reused, 1, "one reused");
    OK(sp_qr_encode_cached(NULL, "https://example.org/x", 'M', "m", &a, &q4, &err) == 0,
       "no cache: encoded directly");
    OK(sp_qr_encode_cached(c, "", 'M', "m", &a, &q4, &err) != 0 &&
       strstr(err.msg, "empty URL"), "errors are those of sp_qr_encode: %s", err.msg);
    sp_qr_cache_free(c);
    sp_arena_free(&a);
}

/* Meetings with the same types share one list (and its strings) in the model. */
static void test_compact_types(void)
{
    static const char json[] =
        "[{\"name\":\"A\",\"day\":1,\"time\":\"19:00\",\"types\":[\"O\",\"W\"],"
        "\"formatted_address\":\"1 High St, Cardiff CF10 1AA, UK\"},\n"
        " {\"name\":\"B\",\"day\":2,\"time\":\"19:00\",\"types\":[\"O\",\"W\"],"
        "\"formatted_address\":\"2 High St, Cardiff CF10 1AA, UK\"},\n"
        " {\"name\":\"C\",\"day\":3,\"time\":\"19:00\",\"types\":[\"C\",\"ZZ9\"],"
        "\"formatted_address\":\"3 High St, Cardiff CF10 1AA, UK\"},\n"
        " {\"name\":\"D\",\"day\":4,\"time\":\"19:00\",\"types\":[\"c\",\"zz9\"],"
        "\"formatted_address\":\"4 High St, Cardiff CF10 1AA, UK\"},\n"
        " {\"name\":\"E\",\"day\":5,\"time\":\"19:00\",\"types\":[\"O\"],"
        "\"formatted_address\":\"5 High St, Cardiff CF10 1AA, UK\"}]\n";
    struct sp_source_opts opts = { .format = SP_FORMAT_AUTO };
    struct sp_directory dir;
    struct sp_diag diag;
    struct sp_arena a;
    struct sp_error err = { 0 };

    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_diag_init(&diag);
    OK(sp_directory_load_mem(&dir, "t.json", json, sizeof json - 1, &opts, &a, &diag, &err)
       == 0 && dir.n == 5, "five meetings loaded (%s)", err.msg);
    if (dir.n == 5) {
        const struct sp_meeting *m = dir.meetings;
        EQ_INT((long)m[0].ntypes, 2, "two types");
        OK(m[0].types == m[1].types, "the same types: one list, shared");
        EQ_STR(m[1].types[1].code, "W", "its second code");
        EQ_STR(m[1].types[1].label, "Women", "and label");
        OK(m[2].types != m[0].types, "other types: another list");
        OK(m[3].types == m[2].types && !strcmp(m[3].types[1].code, "ZZ9") &&
           !m[3].types[1].known, "an unknown code, upper-cased, shared too");
        OK(m[4].types != m[0].types && m[4].ntypes == 1 &&
           m[4].types[0].code == m[0].types[0].code,
           "a code in two lists is one string");
    }
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };

    test_init(argc, argv);
    sp_arena_init(&ar);
    if (sp_settings_load("examples/settings.ini", &ar, &set, &err) != 0 ||
        !(tx = sp_text_new("fonts", "build/fccache", &err))) {
        printf("Bail out! %s\n", err.msg);
        return 1;
    }
    TEST_RUN(test_plan_sink);
    TEST_RUN(test_compact_types);
    TEST_RUN(test_qr_once);
    TEST_RUN(test_shape_once);
    TEST_RUN(test_abandon);
    TEST_RUN(test_streamed_equals_whole);
    TEST_RUN(test_streamed_equals_whole_languages);
    sp_text_free(tx);
    sp_arena_free(&ar);
    return test_done();
}
