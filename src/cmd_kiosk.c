/*
 * cmd_kiosk.c - `signpost kiosk`: directory -> selection -> moment -> slides in a folder
 * (slide-01.png ..., slides.json, slides.html), once or kept current (--watch).
 *
 * Output: -o DIR writes PNG slides into DIR; -o DIR/NAME.svg (or .png) writes that format
 * into DIR (NAME is not used: slides are always slide-NN).  --watch DIR is the folder
 * (with -o it must name the same one).  Each slide, the manifest and the page are written
 * to a temporary name and renamed; slides left from a longer set are removed afterwards.
 * Watch mode redraws when an input file changes, at the turn of every hour (and so of
 * every day), and when a listed meeting starts or ends; it keeps the last good slides when
 * an update fails, logs one line per refresh on stdout, and returns on SIGINT or SIGTERM
 * (blocked and taken with sigtimedwait, so there is no signal handler and no global).
 * SIGNPOST_TIMING=1 prints per-slide times (compose, draw, PNG encoding) on stdout.
 */
#include <cairo.h>
#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/paths.h"
#include "compose/compose.h"
#include "compose/when.h"
#include "input/select.h"
#include "layout/layout.h"
#include "layout/settings.h"
#include "output/out.h"
#include "output/render.h"
#include "run.h"

#define POLL_MS 200     /* watch: how often input files are checked */
#define SETTLE_MS 100   /* watch: a changed file must stay unchanged this long */

struct kiosk_run {
    const struct sp_options *o;
    struct sp_layout layout;
    struct sp_settings settings;
    struct sp_text *t;
    const char *dir;            /* output folder */
    enum sp_out_format fmt;     /* PNG or SVG */
    const char *ext;            /* "png" or "svg" */
    const char *view;           /* "today" or "week" */
    bool fixed_at;              /* --at given */
    time_t at;
    bool timing;                /* SIGNPOST_TIMING */
};

struct refresh_info {
    size_t nslides, nmeetings;
    time_t next_change;         /* 0 = none */
};

static double now_ms(void)
{
    return (double)g_get_monotonic_time() / 1000.0;
}

/* Seconds since 1970 for "generated at": SOURCE_DATE_EPOCH when set (reproducible). */
static time_t generated_at(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end;

    if (sde && *sde) {
        gint64 v = g_ascii_strtoll(sde, &end, 10);
        if (!*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

static int write_atomic(const char *path, const char *data, size_t len, struct sp_error *err)
{
    char *tmp = g_strconcat(path, ".tmp", NULL);
    FILE *fp = fopen(tmp, "wb");
    int e = 0;

    if (!fp)
        e = errno;
    else {
        if (fwrite(data, 1, len, fp) != len)
            e = errno ? errno : EIO;
        if (fclose(fp) != 0 && !e)
            e = errno ? errno : EIO;
        if (!e && rename(tmp, path) != 0)
            e = errno;
        if (e)
            unlink(tmp);
    }
    g_free(tmp);
    if (e)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", path,
                            strerror(e));
    return 0;
}

/* ---- the manifest and the player page ---- */

static void add_str(struct json_object *o, const char *k, const char *v)
{
    json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

static char *manifest_json(const struct kiosk_run *r, const struct sp_plan *plan,
                           const struct refresh_info *info)
{
    struct json_object *root = json_object_new_object(), *slides = json_object_new_array();
    char buf[40];
    char *out;

    add_str(root, "generator", "signpost " SP_VERSION);
    sp_when_format(generated_at(), buf, sizeof buf);
    add_str(root, "generated_at", buf);
    sp_when_format(r->at, buf, sizeof buf);
    add_str(root, "moment", buf);
    add_str(root, "time_zone", SP_WHEN_ZONE);
    add_str(root, "view", r->view);
    add_str(root, "title", plan->title);
    add_str(root, "layout", r->layout.name);
    json_object_object_add(root, "width",
                           json_object_new_int((int)(plan->width * r->layout.scale + 0.5)));
    json_object_object_add(root, "height",
                           json_object_new_int((int)(plan->height * r->layout.scale + 0.5)));
    add_str(root, "format", r->ext);
    json_object_object_add(root, "dwell_seconds", json_object_new_int(r->layout.dwell_seconds));
    json_object_object_add(root, "meetings", json_object_new_int64((int64_t)info->nmeetings));
    if (info->next_change) {
        sp_when_format(info->next_change, buf, sizeof buf);
        add_str(root, "changes_at", buf);
    } else {
        add_str(root, "changes_at", NULL);
    }
    for (size_t i = 0; i < plan->npages; i++) {
        struct json_object *s = json_object_new_object();
        char *f = g_strdup_printf("%s.%s", plan->pages[i].name, r->ext);

        add_str(s, "file", f);
        g_free(f);
        json_object_object_add(s, "seconds", json_object_new_int(r->layout.dwell_seconds));
        add_str(s, "label", plan->pages[i].label);
        json_object_array_add(slides, s);
    }
    json_object_object_add(root, "slides", slides);
    out = g_strdup_printf("%s\n", json_object_to_json_string_ext(root,
                          JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                          JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
    return out;
}

/* HTML text escaping for the title and alt text. */
static void html_escape(GString *g, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': g_string_append(g, "&amp;"); break;
        case '<': g_string_append(g, "&lt;"); break;
        case '>': g_string_append(g, "&gt;"); break;
        case '"': g_string_append(g, "&quot;"); break;
        default:  g_string_append_c(g, *s);
        }
    }
}

/*
 * A page that plays the slides full screen, with visible Pause/Play, Previous and Next
 * buttons (WCAG 2.2.2: moving content that lasts more than 5 s can be paused) and the
 * keyboard (space pauses, arrows step).  The slide list is written into the page (a
 * file:// page cannot fetch slides.json); at the end of each round it reloads itself, so
 * a refreshed folder is picked up.
 */
static char *player_html(const struct kiosk_run *r, const struct sp_plan *plan,
                         const char *stamp)
{
    GString *g = g_string_new(NULL);
    const char *title = plan->title ? plan->title : "Meetings";

    g_string_append(g, "<!DOCTYPE html>\n<html lang=\"");
    html_escape(g, plan->lang ? plan->lang : "en-GB");
    g_string_append(g, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    html_escape(g, title);
    g_string_append(g,
        "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<style>\n"
        "html, body { margin: 0; height: 100%; background: #000; }\n"
        "main { height: 100%; display: flex; align-items: center; justify-content: center; }\n"
        "main img { max-width: 100%; max-height: 100%; display: block; }\n"
        "#controls { position: fixed; right: 16px; bottom: 16px; display: flex; gap: 12px; }\n"
        "#controls button { font: bold 28px sans-serif; min-width: 96px; min-height: 64px;\n"
        "  padding: 8px 20px; color: #FFFFFF; background: #1A1A1A; border: 3px solid #FFFFFF;\n"
        "  border-radius: 8px; cursor: pointer; }\n"
        "#controls button:focus-visible { outline: 4px solid #FFD54F; outline-offset: 2px; }\n"
        "#status { position: absolute; left: -10000px; }\n"
        "</style>\n</head>\n<body>\n<main>\n<img id=\"slide\" src=\"");
    if (plan->npages)
        g_string_append_printf(g, "%s.%s?v=%s", plan->pages[0].name, r->ext, stamp);
    g_string_append(g, "\" alt=\"");
    html_escape(g, title);
    g_string_append(g, "\">\n</main>\n"
        "<div id=\"controls\" role=\"group\" aria-label=\"Slide controls\">\n"
        "<button id=\"prev\" type=\"button\">Previous</button>\n"
        "<button id=\"pause\" type=\"button\">Pause</button>\n"
        "<button id=\"next\" type=\"button\">Next</button>\n"
        "</div>\n<p id=\"status\" aria-live=\"polite\"></p>\n<script>\n"
        "var slides = [");
    for (size_t i = 0; i < plan->npages; i++)
        g_string_append_printf(g, "%s\n  { file: \"%s.%s\", seconds: %d, label: \"%s\" }",
                               i ? "," : "", plan->pages[i].name, r->ext,
                               r->layout.dwell_seconds,
                               plan->pages[i].label ? plan->pages[i].label : "");
    g_string_append_printf(g, "\n];\nvar stamp = \"%s\";\nvar title = \"", stamp);
    html_escape(g, title);
    g_string_append(g, "\";\n"
        "var i = 0, playing = true, timer = null;\n"
        "var img = document.getElementById('slide'), btn = document.getElementById('pause');\n"
        "var status = document.getElementById('status');\n"
        "function show(n) {\n"
        "  i = (n + slides.length) % slides.length;\n"
        "  img.src = slides[i].file + '?v=' + stamp;\n"
        "  img.alt = title + ', slide ' + slides[i].label;\n"
        "  schedule();\n"
        "}\n"
        "function schedule() {\n"
        "  clearTimeout(timer);\n"
        "  if (!playing) return;\n"
        "  timer = setTimeout(function () {\n"
        "    if (i + 1 >= slides.length) location.reload(); else show(i + 1);\n"
        "  }, slides[i].seconds * 1000);\n"
        "}\n"
        "function toggle() {\n"
        "  playing = !playing;\n"
        "  btn.textContent = playing ? 'Pause' : 'Play';\n"
        "  status.textContent = playing ? 'Playing' : 'Paused';\n"
        "  schedule();\n"
        "}\n"
        "btn.addEventListener('click', toggle);\n"
        "document.getElementById('prev').addEventListener('click', function () { show(i - 1); });\n"
        "document.getElementById('next').addEventListener('click', function () { show(i + 1); });\n"
        "document.addEventListener('keydown', function (e) {\n"
        "  if (e.target.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) return;\n"
        "  if (e.key === ' ' || e.key === 'k') { e.preventDefault(); toggle(); }\n"
        "  else if (e.key === 'ArrowLeft') show(i - 1);\n"
        "  else if (e.key === 'ArrowRight') show(i + 1);\n"
        "});\n"
        "if (slides.length) show(0);\n"
        "</script>\n</body>\n</html>\n");
    return g_string_free(g, FALSE);
}

/* Remove slide-NN.{png,svg}(.tmp) files that are not part of the current set. */
static void remove_stale(const struct kiosk_run *r, size_t nslides)
{
    DIR *d = opendir(r->dir);
    struct dirent *de;

    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        unsigned num;
        char ext[8] = "", tail[8] = "";
        int got = sscanf(de->d_name, "slide-%u.%3[a-z]%5s", &num, ext, tail);
        bool ours = got >= 2 && (!strcmp(ext, "png") || !strcmp(ext, "svg")) &&
                    (got == 2 || !strcmp(tail, ".tmp"));

        if (!ours || (got == 2 && num >= 1 && num <= nslides && !strcmp(ext, r->ext)))
            continue;
        {
            char *p = g_build_filename(r->dir, de->d_name, NULL);
            unlink(p);
            g_free(p);
        }
    }
    closedir(d);
}

/* ---- PNG slides ---- */

struct slide_times {
    double draw, encode;    /* ms, summed over slides (encode includes the file write) */
};

/* Every slide to "<name>.png.tmp", then all renamed: a failure leaves the old set. */
static int write_png_slides(const struct kiosk_run *r, const struct sp_plan *plan,
                            struct slide_times *tm, struct sp_error *err)
{
    double sc = r->layout.scale;
    int w = (int)(plan->width * sc + 0.5), h = (int)(plan->height * sc + 0.5);
    char **tmp = xcalloc(plan->npages ? plan->npages : 1, sizeof *tmp);
    size_t done = 0;
    int rc = 0;

    for (size_t i = 0; i < plan->npages && rc == 0; i++) {
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(s);
        double t0 = now_ms(), t1;
        cairo_status_t st;
        FILE *fp;
        int e = 0;

        cairo_scale(cr, sc, sc);
        sp_render_page(plan, i, r->t, cr);
        st = cairo_status(cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        t1 = now_ms();
        tmp[i] = g_strdup_printf("%s/%s.png.tmp", r->dir, plan->pages[i].name);
        if (st != CAIRO_STATUS_SUCCESS) {
            rc = sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "cannot render '%s': %s",
                              tmp[i], cairo_status_to_string(st));
        } else if (!(fp = fopen(tmp[i], "wb"))) {
            rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", tmp[i],
                              strerror(errno));
        } else {
            e = sp_out_png_encode(s, fp);
            if (fclose(fp) != 0 && !e)
                e = errno ? errno : EIO;
            if (e)
                rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", tmp[i],
                                  strerror(e));
        }
        cairo_surface_destroy(s);
        tm->draw += t1 - t0;
        tm->encode += now_ms() - t1;
        done = i + 1;
    }
    for (size_t i = 0; i < done; i++) {
        if (rc == 0) {
            char *path = g_strndup(tmp[i], strlen(tmp[i]) - 4);
            if (rename(tmp[i], path) != 0)
                rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", path,
                                  strerror(errno));
            g_free(path);
        }
        if (rc != 0)
            unlink(tmp[i]);
        g_free(tmp[i]);
    }
    free(tmp);
    return rc;
}

/* ---- one refresh ---- */

static int refresh(struct kiosk_run *r, struct sp_diag *diag, struct refresh_info *info,
                   struct sp_error *err)
{
    const struct sp_options *o = r->o;
    struct sp_arena a;
    struct sp_directory dir;
    const struct sp_meeting **sel = NULL;
    struct sp_compose_in in = { 0 };
    struct sp_plan plan;
    struct sp_when_list wl = { 0 };
    size_t nsel;
    double t0, t1, t2;
    int rc = -1;

    memset(info, 0, sizeof *info);
    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_plan_init(&plan, r->layout.width, r->layout.height);
    if (!r->fixed_at)
        r->at = time(NULL);
    if (sp_run_load(o, &dir, &a, diag, err) != 0)
        goto out;
    nsel = sp_select(&dir, &o->sel, &sel);
    in.meetings = sel;
    in.n = nsel;
    in.layout = &r->layout;
    in.settings = &r->settings;
    in.date = r->at;
    in.start_day = o->start_day;
    in.leave_off_passcodes = o->leave_off_passcodes || !r->layout.show_passcodes;
    in.headline = o->headline;
    in.subtitle = o->subtitle;
    in.tabs = -1;
    in.creator = "signpost " SP_VERSION;
    in.diag = diag;
    in.at = r->at;
    in.view = r->view;
    if (sp_when_select(sel, nsel, r->at, r->view, &wl, err) != 0)
        goto out;
    info->nmeetings = wl.n;
    info->next_change = wl.next_change;

    t0 = now_ms();
    if (sp_compose(&in, r->t, &plan, err) != 0)
        goto out;
    t1 = now_ms();
    info->nslides = plan.npages;
    if (o->dump_plan) {
        rc = sp_plan_dump(&plan, stdout);
        if (rc != 0)
            sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write the plan to stdout");
        goto out;
    }
    {
        struct sp_out_opts oo = { r->fmt, 72.0 * r->layout.scale, (time_t)-1, in.creator };
        struct slide_times tm = { 0, 0 };
        char *json, *html, *mpath, *hpath, stamp[24];

        if (r->fmt == SP_OUT_PNG) {
            rc = write_png_slides(r, &plan, &tm, err);
        } else {
            char *path = g_strdup_printf("%s/slides.%s", r->dir, r->ext);
            rc = sp_out_write(&plan, r->t, path, &oo, err);
            g_free(path);
        }
        if (rc != 0)
            goto out;
        t2 = now_ms();
        snprintf(stamp, sizeof stamp, "%lld", (long long)generated_at());
        json = manifest_json(r, &plan, info);
        html = player_html(r, &plan, stamp);
        mpath = g_build_filename(r->dir, "slides.json", NULL);
        hpath = g_build_filename(r->dir, "slides.html", NULL);
        rc = write_atomic(mpath, json, strlen(json), err);
        if (rc == 0)
            rc = write_atomic(hpath, html, strlen(html), err);
        g_free(json);
        g_free(html);
        g_free(mpath);
        g_free(hpath);
        if (rc == 0)
            remove_stale(r, plan.npages);
        if (rc == 0 && r->timing && plan.npages) {
            double n = (double)plan.npages;
            printf("timing: %zu slides %dx%d %s: compose %.2f ms/slide, draw %.2f ms/slide, "
                   "png encode+write %.2f ms/slide, slides %.2f ms/slide in all; "
                   "%.1f slides/s (compose + draw + encode)\n",
                   plan.npages, (int)(plan.width * r->layout.scale + 0.5),
                   (int)(plan.height * r->layout.scale + 0.5), r->ext, (t1 - t0) / n,
                   tm.draw / n, tm.encode / n, (t2 - t1) / n, n * 1000.0 / (t2 - t0));
            fflush(stdout);
        }
    }
out:
    sp_when_list_release(&wl);
    sp_plan_release(&plan);
    free(sel);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return rc;
}

/* ---- watch mode ---- */

struct stamp {
    bool exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
};

static void take_stamps(const struct sp_options *o, struct stamp *s)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        struct stat st;
        memset(&s[i], 0, sizeof s[i]);
        if (stat(o->inputs[i].path, &st) == 0) {
            s[i].exists = true;
            s[i].dev = st.st_dev;
            s[i].ino = st.st_ino;
            s[i].size = st.st_size;
            s[i].mtime = st.st_mtim;
        }
    }
}

static bool stamps_differ(const struct stamp *a, const struct stamp *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].exists != b[i].exists || a[i].dev != b[i].dev || a[i].ino != b[i].ino ||
            a[i].size != b[i].size || a[i].mtime.tv_sec != b[i].mtime.tv_sec ||
            a[i].mtime.tv_nsec != b[i].mtime.tv_nsec)
            return true;
    return false;
}

/* Wait up to ms for SIGINT/SIGTERM; returns the signal, or 0 on timeout. */
static int wait_signal(const sigset_t *set, int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    int sig;

    do
        sig = sigtimedwait(set, NULL, &ts);
    while (sig < 0 && errno == EINTR);
    return sig > 0 ? sig : 0;
}

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_line(const char *fmt, ...)
{
    char when[40];
    va_list ap;

    sp_when_format(time(NULL), when, sizeof when);
    printf("%s ", when);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

/* One refresh in watch mode: log it; on failure keep what is there. */
#define RETRY_S 60  /* after a failed refresh, seconds before a timed retry */

static void watch_refresh(struct kiosk_run *r, const char *why, struct refresh_info *last,
                          char *last_when, size_t last_when_size)
{
    struct sp_diag diag;
    struct sp_error err = { 0 };
    struct refresh_info info;
    char at[40];

    sp_diag_init(&diag);
    if (refresh(r, &diag, &info, &err) == 0) {
        sp_when_format(r->at, at, sizeof at);
        *last = info;
        sp_when_format(time(NULL), last_when, last_when_size);
        log_line("refreshed '%s' (%s): %zu slide%s, %zu meeting%s, %s at %s, %zu warning%s",
                 r->dir, why, info.nslides, info.nslides == 1 ? "" : "s", info.nmeetings,
                 info.nmeetings == 1 ? "" : "s",
                 strcmp(r->view, "week") ? "today and tomorrow" : "this week", at, diag.n,
                 diag.n == 1 ? "" : "s");
    } else {
        char buf[1400];
        sp_error_format(&err, buf, sizeof buf);
        if (last_when[0])
            log_line("error (%s): %s; kept the %zu slide%s from %s", why, buf, last->nslides,
                     last->nslides == 1 ? "" : "s", last_when);
        else
            log_line("error (%s): %s; no slides written yet", why, buf);
        /* try again in a minute (or sooner, when the file changes), not at every poll */
        last->next_change = time(NULL) + RETRY_S;
    }
    sp_diag_release(&diag);
}

static int watch(struct kiosk_run *r, struct sp_error *err)
{
    const struct sp_options *o = r->o;
    sigset_t set, old;
    struct stamp *cur = xcalloc(o->ninputs, sizeof *cur);
    struct stamp *seen = xcalloc(o->ninputs, sizeof *seen);
    struct refresh_info last = { 0 };
    char last_when[40] = "";
    int sig = 0;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &set, &old) != 0) {
        free(cur);
        free(seen);
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "cannot block signals: %s",
                            strerror(errno));
    }
    take_stamps(o, seen);
    watch_refresh(r, "start", &last, last_when, sizeof last_when);
    for (;;) {
        time_t now, due = 0;

        if ((sig = wait_signal(&set, POLL_MS)) != 0)
            break;
        take_stamps(o, cur);
        if (stamps_differ(cur, seen, o->ninputs)) {
            /* let the writer finish: the file must stay the same for SETTLE_MS */
            do {
                memcpy(seen, cur, o->ninputs * sizeof *cur);
                if ((sig = wait_signal(&set, SETTLE_MS)) != 0)
                    break;
                take_stamps(o, cur);
            } while (stamps_differ(cur, seen, o->ninputs));
            if (sig)
                break;
            watch_refresh(r, "file changed", &last, last_when, sizeof last_when);
            continue;
        }
        if (r->fixed_at)
            continue;  /* a fixed moment never moves on */
        now = time(NULL);
        due = sp_when_next_hour(r->at);
        if (last.next_change && last.next_change < due)
            due = last.next_change;
        if (now >= due)
            watch_refresh(r, due == sp_when_next_hour(r->at) ? "new hour" : "meeting started "
                          "or ended", &last, last_when, sizeof last_when);
    }
    log_line("stopped (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(cur);
    free(seen);
    return 0;
}

/* ---- the command ---- */

/* Output folder and format from -o / --watch. */
static int output_place(struct kiosk_run *r, struct sp_arena *a, struct sp_error *err)
{
    const struct sp_options *o = r->o;
    const char *path = o->watch_dir ? o->watch_dir : o->output;
    enum sp_out_format fmt;

    if (o->watch_dir && o->output && strcmp(o->watch_dir, o->output) != 0)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "--watch '%s' and -o '%s' must name the same folder", o->watch_dir,
                            o->output);
    r->fmt = SP_OUT_PNG;
    r->dir = path;
    if (path && sp_out_format_from_path(path, &fmt) == 0) {
        char *d;
        if (fmt == SP_OUT_PDF)
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "-o: kiosk slides are PNG or SVG: give a folder, or "
                                "FOLDER/slides.svg, got '%s'", path);
        r->fmt = fmt;
        d = g_path_get_dirname(path);
        r->dir = sp_arena_strdup(a, d);
        g_free(d);
    }
    r->ext = r->fmt == SP_OUT_SVG ? "svg" : "png";
    if (r->dir && !o->dump_plan && g_mkdir_with_parents(r->dir, 0777) != 0)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot create the folder '%s': %s",
                            r->dir, strerror(errno));
    return 0;
}

int sp_cmd_kiosk(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                 struct sp_error *err)
{
    struct sp_arena a;
    struct kiosk_run r;
    struct refresh_info info;
    char *fontdir = g_build_filename(datadir, "fonts", NULL);
    const char *timing = getenv("SIGNPOST_TIMING");
    int rc = -1;

    memset(&r, 0, sizeof r);
    sp_arena_init(&a);
    sp_settings_defaults(&r.settings);
    r.o = o;
    r.view = o->view ? o->view : "today";
    r.timing = timing && *timing && strcmp(timing, "0") != 0;
    if (o->at) {
        if (sp_when_parse(o->at, &r.at, err) != 0)
            goto out;
        r.fixed_at = true;
    }
    if (output_place(&r, &a, err) != 0)
        goto out;
    if (sp_layout_load(o->layout ? o->layout : "kiosk-landscape", datadir, &a, &r.layout,
                       err) != 0)
        goto out;
    if (r.layout.kind != SP_LAYOUT_KIOSK) {
        sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                     "layout '%s' is not a screen layout (kind = kiosk); see 'signpost "
                     "layouts'", r.layout.name);
        goto out;
    }
    if (o->settings && (sp_settings_load(o->settings, &a, &r.settings, err) != 0 ||
                        sp_run_check_settings(o->settings, &r.settings, &a, err) != 0))
        goto out;
    r.t = sp_text_new(fontdir, sp_paths_cachedir(&a), err);
    if (!r.t)
        goto out;
    if (o->watch_dir && !o->dump_plan)
        rc = watch(&r, err);
    else
        rc = refresh(&r, diag, &info, err);
out:
    g_free(fontdir);
    sp_text_free(r.t);
    sp_arena_free(&a);
    return rc;
}
