/*
 * board_html.c - the web board page and its data file.
 *
 * The data goes into the page as JSON in a <script type="application/json"> (escaped for
 * that place, escape.h) and the page's script builds the board from it and the clock;
 * the page also holds a plain list of the week for a browser without scripts.  QR codes
 * travel as "n:base64" of their n*n module bits (a tenth of an SVG path) and are drawn
 * as one SVG path each by the script.
 */
#include "board_html.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../base/i18n.h"
#include "escape.h"

/* ---- data ---- */

static void jstr(GString *g, const char *k, const char *v, bool comma)
{
    struct sp_arena a;

    if (!v)
        return;
    sp_arena_init(&a);
    sp_esc_json_string(g, k, SP_ESC_NUL_TERMINATED);
    g_string_append_c(g, ':');
    /* the script shows text, not the bilingual marks */
    sp_esc_json_string(g, sp_i18n_plain(&a, v), SP_ESC_NUL_TERMINATED);
    sp_arena_free(&a);
    if (comma)
        g_string_append_c(g, ',');
}

static void jint(GString *g, const char *k, long long v)
{
    sp_esc_json_string(g, k, SP_ESC_NUL_TERMINATED);
    g_string_append_printf(g, ":%lld,", v);
}

/* "37:<base64 of the 37*37 module bits, row-major, most significant bit first>" */
static void qr_code(GString *g, const struct sp_qr *q)
{
    size_t nbits = (size_t)q->n * (size_t)q->n, nbytes = (nbits + 7) / 8;
    guchar *bits = g_malloc0(nbytes ? nbytes : 1);
    gchar *b64;
    char head[16];

    for (size_t k = 0; k < nbits; k++)
        if (sp_qr_dark(q, (int)(k / (size_t)q->n), (int)(k % (size_t)q->n)))
            bits[k / 8] |= (guchar)(0x80u >> (k % 8));
    b64 = g_base64_encode(bits, nbytes);
    snprintf(head, sizeof head, "%d:", q->n);
    g_string_append_c(g, '"');
    g_string_append(g, head);
    g_string_append(g, b64);  /* base64 needs no escaping */
    g_string_append_c(g, '"');
    g_free(b64);
    g_free(bits);
}

/* The page's own words, for its script: one set per output language (two for a
   bilingual board, which joins what it builds in each with " / "). */
static const struct { const char *key, *ctx, *msgid; } page_words[] = {
    { "today", NULL, N_("Today, {1}") },
    { "tomorrow", NULL, N_("Tomorrow, {1}") },
    { "date", "day and date", NC_("day and date", "{1} {2} {3}") },
    { "noon", "time", NC_("time", "noon") },
    { "midnight", "time", NC_("time", "midnight") },
    { "am", "time", NC_("time", "{1}am") },
    { "pm", "time", NC_("time", "{1}pm") },
    { "am2", "time", NC_("time", "{1}.{2}am") },
    { "pm2", "time", NC_("time", "{1}.{2}pm") },
    { "range", "time", NC_("time", "{1} to {2}") },
    { "onNow", NULL, N_("On now") },
    { "next", NULL, N_("Next") },
    { "lastNight", NULL, N_("From last night, until {1}.") },
    { "listedAs", NULL, N_("Listed as {1} {2} time.") },
    { "dialIn", NULL, N_("Dial in {1}") },
    { "noMoreToday", NULL, N_("No more meetings here today.") },
    { "noneTomorrow", NULL, N_("No meetings here tomorrow.") },
    { "pause", NULL, N_("Pause updates") },
    { "resume", NULL, N_("Resume updates") },
    { "paused", NULL, N_("Updates paused") },
    { "resumed", NULL, N_("Updates resumed") },
    { "updated", NULL, N_("Updated {1}, {2}.") },
    { "qrDirectory", NULL, N_("QR code: every meeting online at {1}") },
    /* TRANSLATORS: beside a QR code, the site it opens: "Code opens zoom.us" */
    { "codeOpens", NULL, N_("Code opens {1}") },
    { "stop", "sentence", NC_("sentence", ". ") },
};

static void words_json(GString *g)
{
    const struct sp_langs *l = sp_i18n_output();
    const struct sp_language *langs[2] = { l->first, l->second };
    struct sp_arena a;

    sp_arena_init(&a);
    g_string_append(g, "\"words\":[");
    for (int k = 0; k < 2 && langs[k]; k++) {
        sp_i18n_use(langs[k]);
        g_string_append(g, k ? ",{" : "{");
        jstr(g, "lang", langs[k]->tag, true);
        g_string_append_printf(g, "\"clock24\":%s,", langs[k]->clock24 ? "true" : "false");
        for (size_t i = 0; i < G_N_ELEMENTS(page_words); i++)
            jstr(g, page_words[i].key, page_words[i].ctx
                 ? sp_trc(page_words[i].ctx, page_words[i].msgid) : sp_tr(page_words[i].msgid),
                 true);
        g_string_append(g, "\"days\":[");
        for (int d = 0; d < 7; d++) {
            sp_esc_json_string(g, sp_tr_day(d), SP_ESC_NUL_TERMINATED);
            g_string_append(g, d < 6 ? "," : "],");
        }
        g_string_append(g, "\"months\":[");
        for (int m = 1; m <= 12; m++) {
            sp_esc_json_string(g, sp_tr_month(m), SP_ESC_NUL_TERMINATED);
            g_string_append(g, m < 12 ? "," : "]}");
        }
    }
    g_string_append(g, "],");
    sp_i18n_use(NULL);
    sp_arena_free(&a);
}

/* s in HTML, the second language of a bilingual text in its own span with its lang (the
   marks of base/i18n.h). */
static void html_marked(GString *g, const char *s)
{
    const struct sp_langs *l = sp_i18n_output();

    sp_esc_html_marked(g, s, l->second ? l->second->tag : "en-GB");
}

/* A fixed text of the page in the output language(s), in HTML. */
static void say_html(GString *g, const char *msgid, const char *x)
{
    struct sp_arena a;

    sp_arena_init(&a);
    html_marked(g, sp_say(&a, msgid, x, NULL, NULL));
    sp_arena_free(&a);
}

static void data_json(GString *g, const struct sp_board *b)
{
    char when[32];
    struct tm tm;
    time_t t = b->generated;

    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    g_string_append_c(g, '{');
    jstr(g, "title", b->title, true);
    jstr(g, "area", b->area, true);
    jstr(g, "org", b->org, true);
    jstr(g, "lang", b->lang, true);
    jstr(g, "zone", b->zone, true);
    jstr(g, "generated", when, true);
    jstr(g, "listed", b->listed, true);
    jint(g, "refresh", b->refresh_seconds);
    g_string_append_printf(g, "\"time24\":%s,", b->time_24h ? "true" : "false");
    words_json(g);
    if (b->directory_url) {
        g_string_append(g, "\"directory\":{");
        jstr(g, "shown", b->directory_shown, true);
        jstr(g, "url", b->directory_url, false);
        if (b->directory_qr) {
            g_string_append(g, ",\"qr\":");
            qr_code(g, b->directory_qr);
        }
        g_string_append(g, "},");
    }
    g_string_append(g, "\"helplines\":[");
    for (size_t i = 0; i < b->nhelplines; i++) {
        const struct sp_board_helpline *h = &b->helplines[i];
        g_string_append(g, i ? ",{" : "{");
        jstr(g, "name", h->name, true);
        jstr(g, "hours", h->hours, true);
        jstr(g, "phone", h->phone, false);
        g_string_append_c(g, '}');
    }
    g_string_append(g, "],\n\"meetings\":[\n");
    for (size_t i = 0; i < b->n; i++) {
        const struct sp_board_meeting *m = &b->v[i];

        g_string_append(g, i ? ",\n{" : "{");
        jstr(g, "name", m->name, true);
        jstr(g, "where", m->where, true);
        jstr(g, "kind", m->kind, true);
        jstr(g, "access", m->access, true);
        jstr(g, "phone", m->phone, true);
        jstr(g, "url", m->url, true);
        jstr(g, "host", m->host, true);
        jstr(g, "site", m->qr ? m->site : NULL, true);
        jstr(g, "alt", m->url ? m->qr_alt : NULL, true);
        if (m->zone && strcmp(m->zone, b->zone) != 0)
            jstr(g, "zone", m->zone, true);
        if (m->qr) {
            g_string_append(g, "\"qr\":");
            qr_code(g, m->qr);
            g_string_append_c(g, ',');
        }
        jint(g, "days", m->days);
        jint(g, "weeks", m->weeks);
        jint(g, "start", m->start_min);
        g_string_append_printf(g, "\"end\":%d}", m->end_min);
    }
    g_string_append(g, "\n]}");
}

char *sp_board_data_js(const struct sp_board *b)
{
    GString *g = g_string_new("/* signpost web board data: board.html loads this file to "
                              "update itself */\nsignpostBoardData(");

    data_json(g, b);
    g_string_append(g, ");\n");
    return g_string_free(g, FALSE);
}

/* ---- the page ---- */

static void html(GString *g, const char *s)
{
    html_marked(g, s);
}

static const char board_css[] =
    ":root { --fg: #1A1A1A; --bg: #FFFFFF; --head: #003087; --accent: #003087;\n"
    "  --on-accent: #FFFFFF; }\n"
    "@media (prefers-color-scheme: dark) {\n"
    "  :root { --fg: #FFFFFF; --bg: #1A1A1A; --head: #FFD54F; --accent: #FFD54F;\n"
    "    --on-accent: #1A1A1A; } }\n"
    "* { box-sizing: border-box; }\n"
    "html { font-family: 'Atkinson Hyperlegible Next', Verdana, Arial, sans-serif;\n"
    "  font-size: 150%; line-height: 1.5; color: var(--fg); background: var(--bg); }\n"
    "body { margin: 0 auto; max-width: 72rem; padding: 0.5rem 1rem 2rem; }\n"
    "h1, h2, h3 { color: var(--head); line-height: 1.25; }\n"
    "h1 { font-size: 1.6rem; margin: 0.5rem 0; }\n"
    "h2 { font-size: 1.35rem; margin: 1.5rem 0 0.5rem; }\n"
    "h3 { font-size: 1.1rem; margin: 0; }\n"
    "p { margin: 0; }\n"
    "a { color: var(--head); text-decoration-thickness: 2px; }\n"
    "header p { margin: 0.25rem 0; }\n"
    ".controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;\n"
    "  margin: 0.5rem 0; }\n"
    "button { font: inherit; font-weight: bold; min-height: 2.75rem; padding: 0.25rem 1rem;\n"
    "  color: var(--bg); background: var(--fg); border: 2px solid var(--fg);\n"
    "  border-radius: 0.4rem; cursor: pointer; }\n"
    "button:focus-visible, a:focus-visible {\n"
    "  outline: 3px solid #FFFFFF; outline-offset: 0; box-shadow: 0 0 0 6px #000000; }\n"
    "ul.meetings { list-style: none; margin: 0; padding: 0; }\n"
    "li.meeting { display: grid; grid-template-columns: minmax(0, 1fr) auto;\n"
    "  column-gap: 1rem; padding: 0.75rem 0; border-top: 2px solid var(--fg); }\n"
    "li.meeting > * { grid-column: 1; }\n"
    "li.meeting > svg.qr { grid-column: 2; grid-row: 1 / span 6; width: 7.5rem;\n"
    "  height: 7.5rem; }\n"
    ".time { font-weight: bold; }\n"
    ".status { display: inline-block; padding: 0 0.4rem; margin-inline-start: 0.5rem;\n"
    "  color: var(--on-accent); background: var(--accent); }\n"
    ".empty, .note { font-weight: bold; }\n"
    "footer { margin-top: 2rem; }\n"
    "footer svg.qr { width: 7.5rem; height: 7.5rem; display: block; }\n"
    "@media (max-width: 40rem) {\n"
    "  li.meeting { grid-template-columns: minmax(0, 1fr); }\n"
    "  li.meeting > svg.qr { grid-column: 1; grid-row: auto; margin-top: 0.5rem; } }\n"
    "@media (prefers-reduced-motion: reduce) {\n"
    "  *, *::before, *::after { animation: none !important; transition: none !important;\n"
    "    scroll-behavior: auto !important; } }\n"
    "@media print {\n"
    "  html { font-size: 12pt; color: #000000; background: #FFFFFF; }\n"
    "  body { max-width: none; padding: 0; }\n"
    "  h1, h2, h3, a { color: #000000; }\n"
    "  .controls, #live { display: none; }\n"
    "  .status { color: #000000; background: none; border: 1px solid #000000; }\n"
    "  li.meeting { break-inside: avoid; border-top: 1px solid #000000; }\n"
    "  li.meeting > svg.qr, footer svg.qr { width: 25mm; height: 25mm; }\n"
    "  a[href]::after { content: \" (\" attr(href) \")\"; font-size: 0.9em; } }\n";

static const char board_js[] =
    "(function () {\n"
    "  'use strict';\n"
    "  /* the data: embedded below, replaced by board-data.js when it is found */\n"
    "  var data = JSON.parse(document.getElementById('board-data').textContent);\n"
    "  var paused = false, timer = null, loaded = Date.now();\n"
    "  var root = document.getElementById('board');\n"
    "  var live = document.getElementById('live');\n"
    "  var pause = document.getElementById('pause');\n"
    "  var updated = document.getElementById('updated');\n"
    "  var listed = document.getElementById('listed');\n"
    "  var DAY = 86400000;\n"
    "  var formats = {}, offsets = {};\n"
    "  /* the page's words: one set per output language; a text is built in each and the\n"
    "     two joined (a bilingual board, first language first) */\n"
    "  function fill(t, a, b, c) {\n"
    "    return t.replace(/\\{([123])\\}/g, function (_, n) {\n"
    "      var v = [a, b, c][n - 1];\n"
    "      return v === undefined || v === null ? '' : String(v);\n"
    "    });\n"
    "  }\n"
    "  function each(f) {\n"
    "    var out = [];\n"
    "    data.words.forEach(function (w) {\n"
    "      var s = f(w);\n"
    "      if (out.indexOf(s) < 0) out.push(s);\n"
    "    });\n"
    "    return out.join(' / ');\n"
    "  }\n"
    "  function say(k, a, b, c) { return each(function (w) { return fill(w[k], a, b, c); }); }\n"
    "\n"
    "  /* ---- time in a zone: the rules of signpost's when.c ---- */\n"
    "  /* the wall clock of instant t in zone, read as if it were UTC (ms) */\n"
    "  function local(zone, t) {\n"
    "    var f = formats[zone], p = {};\n"
    "    if (!f)\n"
    "      f = formats[zone] = new Intl.DateTimeFormat('en-GB', { timeZone: zone,\n"
    "        hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',\n"
    "        hour: 'numeric', minute: 'numeric', second: 'numeric' });\n"
    "    f.formatToParts(new Date(t)).forEach(function (x) { p[x.type] = x.value; });\n"
    "    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);\n"
    "  }\n"
    "  /* offset of zone at instant t (ms); zones change on quarter hours */\n"
    "  function offset(zone, t) {\n"
    "    var q = Math.floor(t / 900000), key = zone + ' ' + q;\n"
    "    if (!(key in offsets))\n"
    "      offsets[key] = local(zone, q * 900000) - q * 900000;\n"
    "    return offsets[key];\n"
    "  }\n"
    "  /* the instant of local time L in zone: a time the clocks skip means the same time by\n"
    "     the offset before; one that happens twice means the first */\n"
    "  function resolve(zone, L) {\n"
    "    var before = offset(zone, L - 43200000), after = offset(zone, L + 43200000);\n"
    "    var ta = L - before, tb = L - after;\n"
    "    var va = offset(zone, ta) === before, vb = offset(zone, tb) === after;\n"
    "    if (before === after || (va && !vb)) return ta;\n"
    "    if (vb && !va) return tb;\n"
    "    if (va && vb) return Math.min(ta, tb);\n"
    "    return ta;\n"
    "  }\n"
    "  function dayOf(L) { return Math.floor(L / DAY); }\n"
    "  function date(dn) {\n"
    "    var d = new Date(dn * DAY);\n"
    "    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(),\n"
    "      w: d.getUTCDay() };\n"
    "  }\n"
    "  /* 1st..5th week of the month (bits 0..4), last week (bit 5); 0 = every week */\n"
    "  function inWeek(weeks, dt) {\n"
    "    var n = Math.floor((dt.d - 1) / 7) + 1;\n"
    "    var days = new Date(Date.UTC(dt.y, dt.m, 0)).getUTCDate();\n"
    "    if (!weeks) return true;\n"
    "    if (n <= 5 && (weeks & (1 << (n - 1)))) return true;\n"
    "    return !!(weeks & 32) && dt.d + 7 > days;\n"
    "  }\n"
    "  /* a time in the words of w: 24-hour as the layout, the language or a bilingual\n"
    "     board asks, else 7pm, 7.30pm, noon */\n"
    "  function timeIn(w, min) {\n"
    "    var h = Math.floor(min / 60) % 24, m = min % 60, mm = (m < 10 ? '0' : '') + m;\n"
    "    if (data.time24 || w.clock24 || data.words.length > 1)\n"
    "      return (h < 10 ? '0' : '') + h + ':' + mm;\n"
    "    if (h === 12 && m === 0) return w.noon;\n"
    "    if (h === 0 && m === 0) return w.midnight;\n"
    "    return fill(m ? (h < 12 ? w.am2 : w.pm2) : (h < 12 ? w.am : w.pm), h % 12 || 12, mm);\n"
    "  }\n"
    "  function words(min) { return each(function (w) { return timeIn(w, min); }); }\n"
    "  function minuteOf(zone, t) {\n"
    "    var L = local(zone, t);\n"
    "    return Math.floor((L - dayOf(L) * DAY) / 60000);\n"
    "  }\n"
    "  function city(zone) { return zone.split('/').pop().replace(/_/g, ' '); }\n"
    "  /* an id that stays with a meeting when the data is reloaded (focus is kept by it) */\n"
    "  function key(m, day) {\n"
    "    var s = m.name + '|' + m.start + '|' + (m.url || ''), h = 5381;\n"
    "    for (var i = 0; i < s.length; i++) h = (h * 33 + s.charCodeAt(i)) >>> 0;\n"
    "    return 'm' + h.toString(36) + '-' + day;\n"
    "  }\n"
    "\n"
    "  /* today's and tomorrow's meetings, in the screen's zone, at instant now */\n"
    "  function runs(now) {\n"
    "    var Z = data.zone, today = dayOf(local(Z, now)), list = [], next = 0;\n"
    "    var from0 = resolve(Z, (today - 1) * DAY), to0 = resolve(Z, (today + 2) * DAY);\n"
    "    data.meetings.forEach(function (m, i) {\n"
    "      var z = m.zone || Z, len = m.end - m.start, from, to, dn;\n"
    "      if (len <= 0) len += 1440;\n"
    "      if (z === Z) { from = today - 1; to = today + 1; }\n"
    "      else { from = dayOf(local(z, from0)) - 1; to = dayOf(local(z, to0)); }\n"
    "      for (dn = from; dn <= to; dn++) {\n"
    "        var dt = date(dn), s, e, day;\n"
    "        if (!(m.days & (1 << dt.w)) || !inWeek(m.weeks, dt)) continue;\n"
    "        s = resolve(z, dn * DAY + m.start * 60000);\n"
    "        e = resolve(z, (dn + (m.end <= m.start ? 1 : 0)) * DAY + m.end * 60000);\n"
    "        if (e <= s) e = s + len * 60000;\n"
    "        day = dayOf(local(Z, s)) - today;\n"
    "        if (day > 1 || day < -1 || e <= now || (day < 0 && s > now)) continue;\n"
    "        list.push({ m: m, i: i, day: Math.max(day, 0), start: s, end: e, night: day < 0,\n"
    "          other: z !== Z && offset(z, s) !== offset(Z, s) });\n"
    "        if (s > now && (!next || s < next)) next = s;\n"
    "      }\n"
    "    });\n"
    "    list.sort(function (a, b) {\n"
    "      return a.day - b.day || a.start - b.start ||\n"
    "        (a.m.name < b.m.name ? -1 : a.m.name > b.m.name ? 1 : a.i - b.i);\n"
    "    });\n"
    "    list.forEach(function (r) {\n"
    "      r.state = r.start <= now ? say('onNow') : r.start === next ? say('next') : '';\n"
    "    });\n"
    "    return { today: today, list: list };\n"
    "  }\n"
    "\n"
    "  /* ---- the page ---- */\n"
    "  function el(tag, cls, text) {\n"
    "    var e = document.createElement(tag);\n"
    "    if (cls) e.className = cls;\n"
    "    if (text) e.textContent = text;\n"
    "    return e;\n"
    "  }\n"
    "  /* a QR code from \"n:base64 of n*n bits\": one path of dark runs, with its alternative */\n"
    "  function qr(code, label) {\n"
    "    var NS = 'http://www.w3.org/2000/svg', parts = code.split(':'), n = +parts[0];\n"
    "    var bits = atob(parts[1]), d = '', svg = document.createElementNS(NS, 'svg');\n"
    "    var bg = document.createElementNS(NS, 'rect');\n"
    "    var path = document.createElementNS(NS, 'path');\n"
    "    function dark(k) { return (bits.charCodeAt(k >> 3) >> (7 - (k & 7))) & 1; }\n"
    "    for (var y = 0; y < n; y++)\n"
    "      for (var x = 0; x < n; x++) {\n"
    "        if (!dark(y * n + x)) continue;\n"
    "        var x0 = x;\n"
    "        while (x < n && dark(y * n + x)) x++;\n"
    "        d += 'M' + (x0 + 4) + ' ' + (y + 4) + 'h' + (x - x0) + 'v1h-' + (x - x0) + 'z';\n"
    "      }\n"
    "    svg.setAttribute('viewBox', '0 0 ' + (n + 8) + ' ' + (n + 8));\n"
    "    svg.setAttribute('role', 'img');\n"
    "    svg.setAttribute('aria-label', label);\n"
    "    svg.setAttribute('class', 'qr');\n"
    "    bg.setAttribute('width', n + 8);\n"
    "    bg.setAttribute('height', n + 8);\n"
    "    bg.setAttribute('fill', '#FFFFFF');\n"
    "    path.setAttribute('d', d);\n"
    "    path.setAttribute('fill', '#000000');\n"
    "    svg.appendChild(bg);\n"
    "    svg.appendChild(path);\n"
    "    return svg;\n"
    "  }\n"
    "  function dateIn(w, dn) {\n"
    "    var dt = date(dn);\n"
    "    return fill(w.date, w.days[dt.w], dt.d, w.months[dt.m - 1]);\n"
    "  }\n"
    "  function dayTitle(dn, offsetDays) {\n"
    "    return each(function (w) {\n"
    "      return fill(offsetDays ? w.tomorrow : w.today, dateIn(w, dn));\n"
    "    });\n"
    "  }\n"
    "  function meeting(r) {\n"
    "    var m = r.m, li = el('li', 'meeting');\n"
    "    var when = el('p', 'when'), h = el('h3', 'name'), Z = data.zone, note = null;\n"

    "    when.appendChild(el('span', 'time', each(function (w) {\n"
    "      return fill(w.range, timeIn(w, minuteOf(Z, r.start)),\n"
    "        timeIn(w, minuteOf(Z, r.end))).replace(/ /g, '\\u00a0');\n"
    "    })));\n"
    "    if (r.state) {\n"
    "      when.appendChild(document.createTextNode(' '));\n"
    "      when.appendChild(el('strong', 'status', r.state));\n"
    "    }\n"
    "    li.appendChild(when);\n"
    "    if (m.url) {\n"
    "      var a = el('a', null, m.name);\n"
    "      a.href = m.url;\n"
    "      a.id = key(m, r.day);\n"
    "      h.appendChild(a);\n"
    "    } else {\n"
    "      h.textContent = m.name;\n"
    "    }\n"
    "    li.appendChild(h);\n"
    "    if (r.night) note = each(function (w) {\n"
    "      return fill(w.lastNight, timeIn(w, minuteOf(Z, r.end)));\n"
    "    });\n"
    "    else if (r.other) note = each(function (w) {\n"
    "      return fill(w.listedAs, timeIn(w, m.start), city(m.zone));\n"
    "    });\n"
    "    if (note) li.appendChild(el('p', 'note', note));\n"
    "    li.appendChild(el('p', 'where', m.where));\n"
    "    if (m.kind) li.appendChild(el('p', 'kind', m.kind));\n"
    "    if (m.access || m.phone)\n"
    "      li.appendChild(el('p', 'access', [m.access, m.phone ? say('dialIn', m.phone) : null]\n"
    "        .filter(Boolean).join(data.words[0].stop)));\n"
    "    if (m.qr) li.appendChild(qr(m.qr, m.alt + (m.host ? ' (' + m.host + ')' : '')));\n"
    "    /* the site the code opens, in text beside it, for whoever checks the board */\n"
    "    if (m.qr && m.site) li.appendChild(el('p', 'site', say('codeOpens', m.site)));\n"
    "    return li;\n"
    "  }\n"
    "  function render() {\n"
    "    var now = Date.now(), r = runs(now), frag = document.createDocumentFragment();\n"
    "    var focused = document.activeElement && root.contains(document.activeElement)\n"
    "      ? document.activeElement.id : null;\n"
    "    [0, 1].forEach(function (d) {\n"
    "      var sec = el('section', 'day'), h = el('h2', null, dayTitle(r.today + d, d));\n"
    "      var rows = r.list.filter(function (x) { return x.day === d; }), ul;\n"
    "      h.id = 'day-' + d;\n"
    "      sec.setAttribute('aria-labelledby', h.id);\n"
    "      sec.appendChild(h);\n"
    "      if (!rows.length) {\n"
    "        sec.appendChild(el('p', 'empty', d === 0 ? say('noMoreToday')\n"
    "          : say('noneTomorrow')));\n"
    "      } else {\n"
    "        ul = el('ul', 'meetings');\n"
    "        rows.forEach(function (x) { ul.appendChild(meeting(x)); });\n"
    "        sec.appendChild(ul);\n"
    "      }\n"
    "      frag.appendChild(sec);\n"
    "    });\n"
    "    while (root.firstChild) root.removeChild(root.firstChild);\n"
    "    root.appendChild(frag);\n"
    "    if (focused && document.getElementById(focused))\n"
    "      document.getElementById(focused).focus();\n"
    "    updated.textContent = each(function (w) {\n"
    "      return fill(w.updated, timeIn(w, minuteOf(data.zone, now)), dateIn(w, r.today));\n"
    "    });\n"
    "    listed.textContent = data.listed ? data.listed + '.' : '';\n"
    "  }\n"
    "  function reload() {\n"
    "    var s = document.createElement('script');\n"
    "    s.src = 'board-data.js?v=' + Date.now();\n"
    "    s.onload = s.onerror = function () { s.parentNode.removeChild(s); };\n"
    "    document.head.appendChild(s);\n"
    "  }\n"
    "  /* board-data.js calls this with the new data */\n"
    "  window.signpostBoardData = function (d) {\n"
    "    if (!d || !d.meetings) return;\n"
    "    if (!d.words) d.words = data.words;  /* data from before the page's words */\n"
    "    data = d;\n"
    "    if (!paused) render();\n"
    "  };\n"
    "  function tick() {\n"
    "    var now = Date.now();\n"
    "    if (now - loaded >= data.refresh * 1000) {\n"
    "      loaded = now;\n"
    "      reload();\n"
    "    }\n"
    "    if (!paused) render();\n"
    "    timer = setTimeout(tick, 30000 - now % 30000);\n"
    "  }\n"
    "  pause.addEventListener('click', function () {\n"
    "    paused = !paused;\n"
    "    pause.textContent = paused ? say('resume') : say('pause');\n"
    "    live.textContent = paused ? say('paused') : say('resumed');\n"
    "    if (!paused) render();\n"
    "  });\n"
    "  if (data.directory && data.directory.qr && document.getElementById('directory-qr'))\n"
    "    document.getElementById('directory-qr').appendChild(qr(data.directory.qr,\n"
    "      say('qrDirectory', data.directory.url)));\n"
    "  render();\n"
    "  if (window.performance && performance.mark) performance.mark('signpost-board-rendered');\n"
    "  /* board-data.js may be newer than the page (a scheduled job rewrites it alone) */\n"
    "  reload();\n"
    "  timer = setTimeout(tick, 30000 - Date.now() % 30000);\n"
    "})();\n";


/* The week as a plain list, for a browser that runs no scripts. */
static void noscript_list(GString *g, const struct sp_board *b)
{
    struct sp_arena a;

    sp_arena_init(&a);
    g_string_append(g, "<noscript>\n<p>");
    say_html(g, "Your browser is not running this page's script, so here is every meeting "
             "in the week.", NULL);
    g_string_append(g, "</p>\n");
    for (int d = 1; d <= 7; d++) {
        int wd = d % 7;
        bool any = false;

        for (size_t i = 0; i < b->n; i++) {
            const struct sp_board_meeting *m = &b->v[i];

            if (!(m->days & (1u << wd)))
                continue;
            if (!any) {
                g_string_append(g, "<h2>");
                html(g, sp_say_day(&a, wd));
                g_string_append(g, "</h2>\n<ul>\n");
            }
            any = true;
            g_string_append_printf(g, "<li>%02d:%02d ", m->start_min / 60, m->start_min % 60);
            html(g, m->name);
            g_string_append(g, ". ");
            html(g, m->where);
            g_string_append(g, "</li>\n");
        }
        if (any)
            g_string_append(g, "</ul>\n");
    }
    g_string_append(g, "</noscript>\n");
    sp_arena_free(&a);
}

char *sp_board_html(const struct sp_board *b, const struct sp_board_font *fonts, size_t nfonts)
{
    GString *g = g_string_new(NULL);

    g_string_append(g, "<!DOCTYPE html>\n<html lang=\"");
    sp_esc_html_attr(g, b->lang ? b->lang : "en-GB", SP_ESC_NUL_TERMINATED);
    /* a right-to-left language: the page reads right to left (the layout mirrors) */
    if (sp_i18n_output()->first->rtl)
        g_string_append(g, "\" dir=\"rtl");
    g_string_append(g, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    {
        /* no markup in a title */
        struct sp_arena a;
        sp_arena_init(&a);
        sp_esc_html_text(g, sp_i18n_plain(&a, b->title), SP_ESC_NUL_TERMINATED);
        if (b->area) {
            g_string_append(g, ": ");
            sp_esc_html_text(g, b->area, SP_ESC_NUL_TERMINATED);
        }
        sp_arena_free(&a);
    }
    g_string_append(g, "</title>\n<style>\n");
    for (size_t i = 0; i < nfonts; i++) {
        gchar *b64 = g_base64_encode(fonts[i].ttf, fonts[i].len);
        g_string_append(g, "@font-face { font-family: '");
        g_string_append(g, fonts[i].family);  /* a fixed name from the caller */
        g_string_append_printf(g, "'; font-weight: %d; font-style: normal; "
                               "src: url(data:font/ttf;base64,", fonts[i].weight);
        g_string_append(g, b64);
        g_string_append(g, ") format('truetype'); }\n");
        g_free(b64);
    }
    g_string_append(g, board_css);
    g_string_append(g, "</style>\n</head>\n<body>\n<header>\n<h1>");
    html(g, b->title);
    g_string_append(g, "</h1>\n");
    if (b->area || b->org) {
        g_string_append(g, "<p>");
        html(g, b->area ? b->area : "");
        if (b->area && b->org)
            g_string_append(g, ". ");
        if (b->org)
            say_html(g, "Listed by {1}", b->org);
        g_string_append(g, ".</p>\n");
    }
    /* feeds: the date of the data (the script keeps it current when the data reloads) */
    g_string_append(g, "<p id=\"listed\">");
    if (b->listed) {
        html_marked(g, b->listed);
        g_string_append_c(g, '.');
    }
    g_string_append(g, "</p>\n");
    g_string_append(g, "<p id=\"updated\"></p>\n<div class=\"controls\">\n"
                    "<button id=\"pause\" type=\"button\">");
    say_html(g, "Pause updates", NULL);
    g_string_append(g, "</button>\n"
                    "<p id=\"live\" role=\"status\" aria-live=\"polite\"></p>\n</div>\n"
                    "</header>\n<main id=\"board\">\n");
    noscript_list(g, b);
    g_string_append(g, "</main>\n<footer>\n");
    if (b->directory_url) {
        g_string_append(g, "<h2>");
        say_html(g, "Every meeting", NULL);
        g_string_append(g, "</h2>\n<p>");
        say_html(g, "All the meetings, every day:", NULL);
        g_string_append(g, " <a href=\"");
        sp_esc_html_attr(g, b->directory_url, SP_ESC_NUL_TERMINATED);
        g_string_append(g, "\">");
        html(g, b->directory_shown ? b->directory_shown : b->directory_url);
        g_string_append(g, "</a></p>\n<div id=\"directory-qr\"></div>\n");
    }
    if (b->nhelplines) {
        g_string_append(g, "<h2>");
        say_html(g, "Helplines", NULL);
        g_string_append(g, "</h2>\n<ul>\n");
        for (size_t i = 0; i < b->nhelplines; i++) {
            g_string_append(g, "<li>");
            html(g, b->helplines[i].name);
            g_string_append(g, ": ");
            html(g, b->helplines[i].phone);
            if (b->helplines[i].hours) {
                g_string_append(g, " (");
                html(g, b->helplines[i].hours);
                g_string_append(g, ")");
            }
            g_string_append(g, "</li>\n");
        }
        g_string_append(g, "</ul>\n");
    }
    g_string_append(g, "</footer>\n<script type=\"application/json\" id=\"board-data\">\n");
    data_json(g, b);
    g_string_append(g, "\n</script>\n<script>\n");
    g_string_append(g, board_js);
    g_string_append(g, "</script>\n</body>\n</html>\n");
    return g_string_free(g, FALSE);
}
