/*
 * slides.c - the slide folder: images through out.c, slides.json and slides.html.
 *
 * The player page carries its data as JSON inside a <script> (a page opened from the disk
 * cannot fetch files), escaped for that place (escape.h); every text also goes into the
 * HTML as HTML.  At the end of each round the page fetches slides.json again (over
 * http), or reloads the images only (from the disk), so focus and the paused state stay.
 */
#include "slides.h"

#include <dirent.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../base/i18n.h"
#include "escape.h"

static const char *ext_of(const struct sp_slides_out *o)
{
    return o->format == SP_OUT_SVG ? "svg" : "png";
}

/* ---- slides.json ---- */

static void key(GString *g, int indent, const char *k)
{
    g_string_append_printf(g, "%*s", indent, "");
    sp_esc_json_string(g, k, SP_ESC_NUL_TERMINATED);
    g_string_append(g, ": ");
}

static void str_field(GString *g, int indent, const char *k, const char *v, bool last)
{
    key(g, indent, k);
    if (v) {
        struct sp_arena a;
        sp_arena_init(&a);
        /* text for the script: the bilingual marks left out */
        sp_esc_json_string(g, sp_i18n_plain(&a, v), SP_ESC_NUL_TERMINATED);
        sp_arena_free(&a);
    } else
        g_string_append(g, "null");
    g_string_append(g, last ? "\n" : ",\n");
}

static void int_field(GString *g, int indent, const char *k, long long v, bool last)
{
    key(g, indent, k);
    g_string_append_printf(g, "%lld%s", v, last ? "\n" : ",\n");
}

static void line_json(GString *g, const struct sp_slide_line *l, bool last)
{
    static const char *const kinds[] = { "day", "meeting", "message" };

    g_string_append(g, "        {\n");
    str_field(g, 10, "kind", kinds[l->kind], false);
    if (l->kind != SP_SLIDE_MEETING) {
        str_field(g, 10, "text", l->text, true);
    } else {
        str_field(g, 10, "time", l->time, false);
        str_field(g, 10, "name", l->name, false);
        str_field(g, 10, "where", l->where, false);
        str_field(g, 10, "status", l->status, false);
        str_field(g, 10, "note", l->note, false);
        str_field(g, 10, "code", l->code, false);
        str_field(g, 10, "url", l->url, true);
    }
    g_string_append(g, last ? "        }\n" : "        },\n");
}

/* The player's own words in the output language(s) (joined when bilingual). */
static void words_json(GString *g)
{
    static const struct { const char *key, *msgid; } words[] = {
        { "slide_of", N_("Slide {1} of {2}") },
        { "slide_heading", N_("Slide {1} of {2}: {3}") },
        { "pause", N_("Pause") },
        { "play", N_("Play") },
        { "paused", N_("Paused") },
        { "playing", N_("Playing") },
        { "reduced", N_("Paused, because this device asks for less motion. Press Play to "
                        "start.") },
    };
    struct sp_arena a;

    sp_arena_init(&a);
    key(g, 2, "words");
    g_string_append(g, "{\n");
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        /* templates for the script: "{1}" stays "{1}" (isolated in a right-to-left
           language, so the number keeps its direction) */
        str_field(g, 4, words[i].key, sp_say(&a, words[i].msgid, "{1}", "{2}", "{3}"),
                  i + 1 == G_N_ELEMENTS(words));
    g_string_append(g, "  },\n");
    sp_arena_free(&a);
}

static void manifest(GString *g, const struct sp_plan *plan, const struct sp_slides *text,
                     const struct sp_slides_out *o)
{
    g_string_append(g, "{\n");
    str_field(g, 2, "generator", o->creator, false);
    str_field(g, 2, "generated_at", o->generated, false);
    str_field(g, 2, "moment", o->moment, false);
    str_field(g, 2, "time_zone", o->zone, false);
    str_field(g, 2, "view", o->view, false);
    str_field(g, 2, "title", plan->title, false);
    str_field(g, 2, "lang", plan->lang ? plan->lang : "en-GB", false);
    str_field(g, 2, "layout", o->layout, false);
    int_field(g, 2, "width", (long long)(plan->width * o->scale + 0.5), false);
    int_field(g, 2, "height", (long long)(plan->height * o->scale + 0.5), false);
    str_field(g, 2, "format", ext_of(o), false);
    int_field(g, 2, "dwell_seconds", o->dwell_seconds, false);
    int_field(g, 2, "meetings", (long long)o->nmeetings, false);
    int_field(g, 2, "rows_shown", (long long)text->nrows, false);
    int_field(g, 2, "rows_not_shown", (long long)text->nmore, false);
    str_field(g, 2, "changes_at", o->changes_at, false);
    words_json(g);
    key(g, 2, "slides");
    g_string_append(g, "[\n");
    for (size_t i = 0; i < plan->npages; i++) {
        const struct sp_slide *s = i < text->n ? &text->v[i] : NULL;
        char *file = g_strdup_printf("%s.%s", plan->pages[i].name, ext_of(o));

        g_string_append(g, "    {\n");
        str_field(g, 6, "file", file, false);
        int_field(g, 6, "seconds", o->dwell_seconds, false);
        str_field(g, 6, "label", plan->pages[i].label, false);
        str_field(g, 6, "heading", s ? s->heading : NULL, false);
        str_field(g, 6, "alt", s ? s->alt : NULL, false);
        key(g, 6, "lines");
        g_string_append(g, "[\n");
        for (size_t j = 0; s && j < s->n; j++)
            line_json(g, &s->lines[j], j + 1 == s->n);
        g_string_append(g, "      ]\n");
        g_string_append(g, i + 1 == plan->npages ? "    }\n" : "    },\n");
        g_free(file);
    }
    g_string_append(g, "  ]\n}\n");
}

char *sp_slides_manifest(const struct sp_plan *plan, const struct sp_slides *text,
                         const struct sp_slides_out *o)
{
    GString *g = g_string_new(NULL);

    manifest(g, plan, text, o);
    return g_string_free(g, FALSE);
}

/* ---- slides.html ---- */

/* s in HTML, the second language of a bilingual text in its own span with its lang. */
static void html(GString *g, const char *s)
{
    const struct sp_langs *l = sp_i18n_output();

    sp_esc_html_marked(g, s, l->second ? l->second->tag : "en-GB");
}

static void attr(GString *g, const char *s)
{
    struct sp_arena a;

    sp_arena_init(&a);
    sp_esc_html_attr(g, sp_i18n_plain(&a, s), SP_ESC_NUL_TERMINATED);
    sp_arena_free(&a);
}

/* A fixed text of the page in the output language(s), in HTML. */
static void say_html(GString *g, const char *msgid, const char *x, const char *y,
                     const char *z)
{
    struct sp_arena a;

    sp_arena_init(&a);
    html(g, sp_say(&a, msgid, x, y, z));
    sp_arena_free(&a);
}

/* One slide's text: a section with a heading, its days as lists. */
static void section(GString *g, size_t i, size_t n, const struct sp_slide *s)
{
    bool in_list = false;

    g_string_append_printf(g, "<section id=\"slide-%zu\" class=\"slide-text\" "
                           "aria-labelledby=\"slide-%zu-h\">\n<h2 id=\"slide-%zu-h\">", i + 1,
                           i + 1, i + 1);
    {
        char si[24], sn[24];
        g_snprintf(si, sizeof si, "%zu", i + 1);
        g_snprintf(sn, sizeof sn, "%zu", n);
        say_html(g, "Slide {1} of {2}: {3}", si, sn, s->heading);
    }
    g_string_append(g, "</h2>\n");
    for (size_t j = 0; j < s->n; j++) {
        const struct sp_slide_line *l = &s->lines[j];

        if (l->kind != SP_SLIDE_MEETING && in_list) {
            g_string_append(g, "</ul>\n");
            in_list = false;
        }
        if (l->kind == SP_SLIDE_DAY) {
            g_string_append(g, "<h3>");
            html(g, l->text);
            g_string_append(g, "</h3>\n");
        } else if (l->kind == SP_SLIDE_MESSAGE) {
            g_string_append(g, "<p>");
            html(g, l->text);
            g_string_append(g, "</p>\n");
        } else {
            if (!in_list)
                g_string_append(g, "<ul>\n");
            in_list = true;
            g_string_append(g, "<li><span class=\"time\">");
            html(g, l->time);
            g_string_append(g, ":</span> ");
            if (l->url) {
                g_string_append(g, "<a href=\"");
                attr(g, l->url);
                g_string_append(g, "\">");
                html(g, l->name);
                g_string_append(g, "</a>");
            } else {
                html(g, l->name);
            }
            g_string_append(g, ". ");
            html(g, l->where);
            g_string_append(g, ".");
            if (l->status && *l->status) {
                g_string_append(g, " <strong>");
                html(g, l->status);
                g_string_append(g, ".</strong>");
            }
            if (l->note) {
                g_string_append(g, " ");
                html(g, l->note);
                g_string_append(g, ".");
            }
            g_string_append(g, "</li>\n");
        }
    }
    if (in_list)
        g_string_append(g, "</ul>\n");
    g_string_append(g, "</section>\n");
}

/*
 * The player's script: no global names (one function scope), no key shortcuts (the
 * buttons take Tab, Enter and Space), paused from the start when the system asks for
 * reduced motion, and at the end of each round the data again without reloading the page.
 */
static const char player_js[] =
    "(function () {\n"
    "  'use strict';\n"
    "  var data = JSON.parse(document.getElementById('slides-data').textContent);\n"
    "  var index = 0, playing = true, timer = null;\n"
    "  var img = document.getElementById('slide-image');\n"
    "  var pause = document.getElementById('pause');\n"
    "  var live = document.getElementById('live');\n"
    "  var where = document.getElementById('where');\n"
    "  var link = document.getElementById('slide-link');\n"
    "  var texts = document.getElementById('slide-texts');\n"
    "  var reduce = window.matchMedia &&\n"
    "    window.matchMedia('(prefers-reduced-motion: reduce)').matches;\n"
    "  function fill(t, a, b, c) {\n"
    "    return t.replace(/\\{([123])\\}/g, function (_, k) { return String([a, b, c][k - 1]); });\n"
    "  }\n"
    "  function el(tag, text) {\n"
    "    var e = document.createElement(tag);\n"
    "    if (text) e.textContent = text;\n"
    "    return e;\n"
    "  }\n"
    "  function build() {\n"
    "    var n = data.slides.length;\n"
    "    while (texts.firstChild) texts.removeChild(texts.firstChild);\n"
    "    data.slides.forEach(function (s, i) {\n"
    "      var sec = el('section'), h = el('h2', fill(data.words.slide_heading, i + 1, n,\n"
    "        s.heading)), list = null;\n"
    "      sec.id = 'slide-' + (i + 1);\n"
    "      sec.className = 'slide-text';\n"
    "      h.id = sec.id + '-h';\n"
    "      sec.setAttribute('aria-labelledby', h.id);\n"
    "      sec.appendChild(h);\n"
    "      s.lines.forEach(function (l) {\n"
    "        if (l.kind !== 'meeting') {\n"
    "          list = null;\n"
    "          sec.appendChild(el(l.kind === 'day' ? 'h3' : 'p', l.text));\n"
    "          return;\n"
    "        }\n"
    "        if (!list) list = sec.appendChild(el('ul'));\n"
    "        var li = list.appendChild(el('li')), name = l.url ? el('a', l.name) : null;\n"
    "        var t = li.appendChild(el('span', l.time + ':'));\n"
    "        t.className = 'time';\n"
    "        li.appendChild(document.createTextNode(' '));\n"
    "        if (name) { name.href = l.url; li.appendChild(name); }\n"
    "        else li.appendChild(document.createTextNode(l.name));\n"
    "        li.appendChild(document.createTextNode('. ' + l.where + '.'));\n"
    "        if (l.status) {\n"
    "          li.appendChild(document.createTextNode(' '));\n"
    "          li.appendChild(el('strong', l.status + '.'));\n"
    "        }\n"
    "        if (l.note) li.appendChild(document.createTextNode(' ' + l.note + '.'));\n"
    "      });\n"
    "      texts.appendChild(sec);\n"
    "    });\n"
    "  }\n"
    "  function show(n) {\n"
    "    var count = data.slides.length, s;\n"
    "    if (!count) return;\n"
    "    index = (n + count) % count;\n"
    "    s = data.slides[index];\n"
    "    img.src = s.file + '?v=' + encodeURIComponent(data.stamp);\n"
    "    img.alt = s.alt;\n"
    "    where.textContent = fill(data.words.slide_of, index + 1, count);\n"
    "    link.href = '#slide-' + (index + 1);\n"
    "    schedule();\n"
    "  }\n"
    "  function schedule() {\n"
    "    clearTimeout(timer);\n"
    "    timer = null;\n"
    "    if (!playing || !data.slides.length) return;\n"
    "    timer = setTimeout(next, data.slides[index].seconds * 1000);\n"
    "  }\n"
    "  function next() {\n"
    "    if (index + 1 < data.slides.length) { show(index + 1); return; }\n"
    "    /* the end of a round: new data if the folder was refreshed, the page stays */\n"
    "    var done = function (fresh) {\n"
    "      if (fresh && fresh.slides && fresh.generated_at !== data.generated_at) {\n"
    "        fresh.stamp = fresh.generated_at;\n"
    "        data = fresh;\n"
    "        build();\n"
    "      } else if (!fresh) {\n"
    "        data.stamp = String(Date.now());\n"
    "      }\n"
    "      show(0);\n"
    "    };\n"
    "    if (!window.fetch || location.protocol === 'file:') { done(null); return; }\n"
    "    fetch('slides.json', { cache: 'no-store' })\n"
    "      .then(function (r) { return r.ok ? r.json() : null; })\n"
    "      .then(done, function () { done(null); });\n"
    "  }\n"
    "  function set(p, words) {\n"
    "    playing = p;\n"
    "    pause.textContent = p ? data.words.pause : data.words.play;\n"
    "    if (words) live.textContent = words;\n"
    "    schedule();\n"
    "  }\n"
    "  pause.addEventListener('click', function () {\n"
    "    set(!playing, playing ? data.words.paused : data.words.playing);\n"
    "  });\n"
    "  document.getElementById('prev').addEventListener('click', function () {\n"
    "    show(index - 1);\n"
    "  });\n"
    "  document.getElementById('next').addEventListener('click', function () {\n"
    "    show(index + 1);\n"
    "  });\n"
    "  data.stamp = data.generated_at;\n"
    "  if (reduce)\n"
    "    set(false, data.words.reduced);\n"
    "  show(0);\n"
    "})();\n";

static const char player_css[] =
    "* { box-sizing: border-box; }\n"
    "html { font-family: 'Atkinson Hyperlegible Next', 'Atkinson Hyperlegible', Verdana,\n"
    "  Arial, sans-serif; font-size: 125%; line-height: 1.5; }\n"
    "body { margin: 0; padding: 0 1rem 2rem; }\n"
    "header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;\n"
    "  padding: 0.5rem 0; }\n"
    "h1 { font-size: 1.6rem; margin: 0; }\n"
    "h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; }\n"
    "h3 { font-size: 1.15rem; margin: 1rem 0 0.25rem; }\n"
    ".controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; }\n"
    ".controls p { margin: 0; }\n"
    "button { font: inherit; font-weight: bold; min-width: 6rem; min-height: 2.75rem;\n"
    "  padding: 0.25rem 1rem; border-radius: 0.4rem; cursor: pointer; }\n"
    "button:focus-visible, a:focus-visible {\n"
    "  outline: 3px solid #FFFFFF; outline-offset: 0; box-shadow: 0 0 0 6px #000000; }\n"
    "figure { margin: 0; }\n"
    "figure img { display: block; max-width: 100%; height: auto; }\n"
    "figcaption { padding: 0.5rem 0; }\n"
    "ul { padding-inline-start: 1.25rem; }\n"
    "li { margin: 0.25rem 0; }\n"
    ".time { font-weight: bold; }\n"
    "#live { font-weight: bold; }\n"
    "@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto; } }\n";

static void colour(GString *g, const char *prop, uint32_t rgb)
{
    g_string_append_printf(g, "%s: #%06X;", prop, (unsigned)(rgb & 0xFFFFFF));
}

char *sp_slides_player(const struct sp_plan *plan, const struct sp_slides *text,
                       const struct sp_slides_out *o)
{
    GString *g = g_string_new(NULL);
    GString *json = g_string_new(NULL);
    const char *title = plan->title ? plan->title : "Meetings";
    const struct sp_slide *first = text->n && text->v ? &text->v[0] : NULL;
    int w = (int)(plan->width * o->scale + 0.5), h = (int)(plan->height * o->scale + 0.5);
    struct sp_arena arena;

    sp_arena_init(&arena);

    g_string_append(g, "<!DOCTYPE html>\n<html lang=\"");
    attr(g, plan->lang ? plan->lang : "en-GB");
    if (sp_i18n_output()->first->rtl)
        g_string_append(g, "\" dir=\"rtl");
    g_string_append(g, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    sp_esc_html_text(g, sp_i18n_plain(&arena, title), SP_ESC_NUL_TERMINATED);
    g_string_append(g, "</title>\n<style>\n");
    g_string_append(g, player_css);
    g_string_append(g, "body { ");
    colour(g, "color", o->text_rgb);
    colour(g, " background", o->background_rgb);
    g_string_append(g, " }\nh1, h2, h3, a { ");
    colour(g, "color", o->heading_rgb);
    g_string_append(g, " }\nbutton { ");
    colour(g, "color", o->background_rgb);
    colour(g, " background", o->text_rgb);
    g_string_append(g, " border: 2px solid ");
    g_string_append_printf(g, "#%06X; }\n", (unsigned)(o->text_rgb & 0xFFFFFF));
    g_string_append(g, "</style>\n</head>\n<body>\n<header>\n<h1>");
    html(g, title);
    g_string_append(g, "</h1>\n<div class=\"controls\" role=\"group\" aria-label=\"");
    attr(g, sp_say(&arena, "Slides", NULL, NULL, NULL));
    g_string_append(g, "\">\n<button id=\"prev\" type=\"button\">");
    say_html(g, "Previous", NULL, NULL, NULL);
    g_string_append(g, "</button>\n<button id=\"pause\" type=\"button\">");
    say_html(g, "Pause", NULL, NULL, NULL);
    g_string_append(g, "</button>\n<button id=\"next\" type=\"button\">");
    say_html(g, "Next", NULL, NULL, NULL);
    g_string_append(g, "</button>\n<p id=\"where\">");
    say_html(g, "Slide {1} of {2}", "1", sp_arena_printf(&arena, "%zu", plan->npages), NULL);
    g_string_append(g, "</p>\n<p id=\"live\" role=\"status\" aria-live=\"polite\"></p>\n"
                    "</div>\n</header>\n<main>\n<figure>\n<img id=\"slide-image\" src=\"");
    if (plan->npages) {
        char *src = g_strdup_printf("%s.%s?v=%s", plan->pages[0].name, ext_of(o),
                                    o->generated ? o->generated : "");
        attr(g, src);
        g_free(src);
    }
    g_string_append_printf(g, "\" width=\"%d\" height=\"%d\" alt=\"", w, h);
    attr(g, first ? first->alt : title);
    g_string_append(g, "\">\n<figcaption><a id=\"slide-link\" href=\"#slide-1\">");
    say_html(g, "The meetings on this slide, as text", NULL, NULL, NULL);
    g_string_append(g, "</a></figcaption>\n</figure>\n<div id=\"slide-texts\">\n");
    for (size_t i = 0; text->v && i < text->n; i++)
        section(g, i, text->n, &text->v[i]);
    g_string_append(g, "</div>\n</main>\n"
                    "<script type=\"application/json\" id=\"slides-data\">\n");
    manifest(json, plan, text, o);
    /* the manifest's strings are escaped for a script element already (escape.h) */
    g_string_append(g, json->str);
    g_string_append(g, "</script>\n<script>\n");
    g_string_append(g, player_js);
    g_string_append(g, "</script>\n</body>\n</html>\n");
    g_string_free(json, TRUE);
    sp_arena_free(&arena);
    return g_string_free(g, FALSE);
}

/* ---- the folder ---- */

/* Remove slide-NN.{png,svg} (and their temporary files) not in the current set. */
static void remove_stale(const char *dir, const char *ext, size_t nslides)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        unsigned num;
        char e[8] = "", tail[16] = "";
        int got = sscanf(de->d_name, "slide-%u.%3[a-z]%15s", &num, e, tail);
        /* a temporary file: ".tmp" (older runs) or ".XXXXXX.tmp" (base/atomic.h) */
        bool tmp = !strcmp(tail, ".tmp") ||
                   (strlen(tail) == 11 && tail[0] == '.' && !strcmp(tail + 7, ".tmp"));
        bool ours = got >= 2 && (!strcmp(e, "png") || !strcmp(e, "svg")) && (got == 2 || tmp);

        if (!ours || (got == 2 && num >= 1 && num <= nslides && !strcmp(e, ext)))
            continue;
        {
            char *p = g_build_filename(dir, de->d_name, NULL);
            unlink(p);
            g_free(p);
        }
    }
    closedir(d);
}

int sp_slides_write(const struct sp_plan *plan, struct sp_text *t, const struct sp_slides *text,
                    const struct sp_slides_out *o, struct sp_error *err)
{
    struct sp_out_opts oo = { o->format, 72.0 * o->scale, (time_t)-1, o->creator };
    char *path = g_strdup_printf("%s/slides.%s", o->dir, ext_of(o));
    char *json = NULL, *page = NULL, *mpath, *hpath;
    int rc;

    rc = sp_out_write(plan, t, path, &oo, err);
    g_free(path);
    if (rc != 0)
        return -1;
    json = sp_slides_manifest(plan, text, o);
    page = sp_slides_player(plan, text, o);
    mpath = g_build_filename(o->dir, "slides.json", NULL);
    hpath = g_build_filename(o->dir, "slides.html", NULL);
    rc = sp_out_write_file(mpath, json, strlen(json), err);
    if (rc == 0)
        rc = sp_out_write_file(hpath, page, strlen(page), err);
    if (rc == 0)
        remove_stale(o->dir, ext_of(o), plan->npages);
    g_free(json);
    g_free(page);
    g_free(mpath);
    g_free(hpath);
    return rc;
}
