/*
 * cmd_kiosk.c - `signpost kiosk`: options -> (directory -> selection -> the moment's
 * meetings, once -> slides -> folder), once or kept current (--watch).
 *
 * Output: -o DIR writes PNG slides into DIR; -o DIR/NAME.svg (or .png) writes that format
 * into DIR (NAME is not used: slides are always slide-NN).  --watch DIR is the folder
 * (with -o it must name the same one).  The folder's files are written by output/slides.c.
 * Watch mode redraws when an input file changes, at the turn of every hour (and so of
 * every day), and when a listed meeting starts or ends; after any failed refresh it keeps
 * the last good slides and tries again on a timer (SIGNPOST_WATCH_RETRY seconds, default
 * 60), with or without --at; it logs one line per refresh on stdout and returns on SIGINT
 * or SIGTERM (blocked and taken with sigtimedwait: no signal handler, no global).
 * SIGNPOST_TIMING=1 prints the time spent composing and writing on stdout.
 */
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/paths.h"
#include "compose/kiosk.h"
#include "compose/when.h"
#include "input/feed.h"
#include "input/fetch.h"
#include "input/select.h"
#include "layout/layout.h"
#include "layout/settings.h"
#include "output/out.h"
#include "output/slides.h"
#include "run.h"

#define POLL_MS 200     /* watch: how often input files are checked */
#define SETTLE_MS 100   /* watch: a changed file must stay unchanged this long */
#define RETRY_S 60      /* watch: seconds before a failed refresh is tried again */

struct kiosk_run {
    const struct sp_options *o;
    const struct sp_options *load; /* what refresh() loads with: o, or in watch mode after
                                    the first load a copy with offline set (feeds are
                                    polled on their own timer and read from their saved
                                    copies in between) */
    struct sp_options offline;  /* that copy */
    struct sp_layout layout;
    struct sp_settings settings;
    struct sp_text *t;
    const char *dir;            /* output folder */
    enum sp_out_format fmt;     /* PNG or SVG */
    const char *view;           /* "today" or "week" */
    bool fixed_at;              /* --at given */
    time_t at;
    bool timing;                /* SIGNPOST_TIMING */
    int retry_s;                /* SIGNPOST_WATCH_RETRY */
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
    struct sp_slides text;
    size_t nsel;
    double t0, t1, t2;
    int rc = -1;

    memset(info, 0, sizeof *info);
    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_plan_init(&plan, r->layout.width, r->layout.height);
    if (!r->fixed_at)
        r->at = time(NULL);
    if (sp_run_load(r->load ? r->load : o, &dir, &a, diag, err) != 0)
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
    in.data_date = dir.data_date;
    in.at = r->at;
    in.view = r->view;

    /* the moment's meetings, once: the slides and the log line both use them */
    t0 = now_ms();
    if (sp_when_select(sel, nsel, r->at, r->view, &wl, err) != 0)
        goto out;
    info->nmeetings = wl.n;
    info->next_change = wl.next_change;
    if (sp_kiosk_compose(&in, &wl, r->t, &plan, &text, err) != 0)
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
        struct sp_slides_out so = { 0 };
        char moment[40], made[40], changes[40];

        sp_when_format(r->at, moment, sizeof moment);
        sp_when_format(generated_at(), made, sizeof made);
        if (wl.next_change)
            sp_when_format(wl.next_change, changes, sizeof changes);
        so.dir = r->dir;
        so.format = r->fmt;
        so.scale = r->layout.scale;
        so.dwell_seconds = r->layout.dwell_seconds;
        so.layout = r->layout.name;
        so.view = r->view;
        so.zone = wl.zone;
        so.moment = moment;
        so.generated = made;
        so.changes_at = wl.next_change ? changes : NULL;
        so.nmeetings = wl.n;
        so.creator = in.creator;
        so.text_rgb = r->layout.color_text;
        so.background_rgb = r->layout.color_background;
        so.heading_rgb = r->layout.color_heading;
        rc = sp_slides_write(&plan, r->t, &text, &so, err);
    }
    t2 = now_ms();
    if (rc == 0 && r->timing && plan.npages) {
        double n = (double)plan.npages;
        printf("timing: %zu slides %dx%d: select and compose %.2f ms/slide, draw, encode and "
               "write %.2f ms/slide; %.1f slides/s\n", plan.npages,
               (int)(plan.width * r->layout.scale + 0.5),
               (int)(plan.height * r->layout.scale + 0.5), (t1 - t0) / n, (t2 - t1) / n,
               n * 1000.0 / (t2 - t0));
        fflush(stdout);
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
        if (o->inputs[i].bmlt_root || sp_fetch_is_url(o->inputs[i].path))
            continue;  /* a feed: polled by its own watcher */
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

struct watch_state {
    struct refresh_info last;   /* of the last good refresh */
    char last_when[40];         /* when it was made; "" = none yet */
    time_t retry_at;            /* after a failure: when to try again; 0 = no failure */
};

/* One refresh in watch mode: log it; on failure keep what is there and set the retry. */
static void watch_refresh(struct kiosk_run *r, const char *why, struct watch_state *w)
{
    struct sp_diag diag;
    struct sp_error err = { 0 };
    struct refresh_info info;
    char at[40], dir[1024];  /* dir: escaped as in every message */

    sp_diag_init(&diag);
    if (refresh(r, &diag, &info, &err) == 0) {
        sp_when_format(r->at, at, sizeof at);
        w->last = info;
        w->retry_at = 0;
        sp_when_format(time(NULL), w->last_when, sizeof w->last_when);
        sp_error_escape(r->dir, dir, sizeof dir);
        log_line("refreshed '%s' (%s): %zu slide%s, %zu meeting%s, %s at %s, %zu warning%s",
                 dir, why, info.nslides, info.nslides == 1 ? "" : "s", info.nmeetings,
                 info.nmeetings == 1 ? "" : "s",
                 strcmp(r->view, "week") ? "today and tomorrow" : "this week", at, diag.n,
                 diag.n == 1 ? "" : "s");
    } else {
        char buf[1400];
        sp_error_format(&err, buf, sizeof buf);
        w->retry_at = time(NULL) + r->retry_s;
        if (w->last_when[0])
            log_line("error (%s): %s; kept the %zu slide%s from %s; trying again in %d s", why,
                     buf, w->last.nslides, w->last.nslides == 1 ? "" : "s", w->last_when,
                     r->retry_s);
        else
            log_line("error (%s): %s; no slides written yet; trying again in %d s", why, buf,
                     r->retry_s);
    }
    sp_diag_release(&diag);
}

static int watch(struct kiosk_run *r, struct sp_error *err)
{
    const struct sp_options *o = r->o;
    sigset_t set, old;
    struct stamp *cur = xcalloc(o->ninputs, sizeof *cur);
    struct stamp *seen = xcalloc(o->ninputs, sizeof *seen);
    struct watch_state w;
    struct sp_feed_watch *fw = NULL;
    int sig = 0;

    memset(&w, 0, sizeof w);
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
    watch_refresh(r, "start", &w);
    /* feeds by web address: polled every --poll-interval, backing off on errors; the
       slides are redrawn from the saved copies only when a feed changed */
    fw = sp_run_feed_watch(o, time(NULL), err);
    if (!fw && err && err->code != SP_OK) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(cur);
        free(seen);
        return -1;
    }
    if (fw) {
        r->offline = *o;
        r->offline.offline = true;
        r->load = &r->offline;
    }
    for (;;) {
        time_t now, hour, due;

        if ((sig = wait_signal(&set, POLL_MS)) != 0)
            break;
        if (fw && sp_feed_watch_due(fw) && time(NULL) >= sp_feed_watch_due(fw)) {
            char line[1400];
            enum sp_feed_change c = sp_feed_refresh(fw, time(NULL), line, sizeof line);
            if (line[0])
                log_line("%s", line);
            if (c == SP_FEED_CHANGED) {
                watch_refresh(r, "feed changed", &w);
                continue;
            }
        }
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
            watch_refresh(r, "file changed", &w);
            continue;
        }
        now = time(NULL);
        if (w.retry_at) {
            /* a failure is retried on its timer, whatever else is due */
            if (now >= w.retry_at)
                watch_refresh(r, "retry", &w);
            continue;
        }
        if (r->fixed_at)
            continue;  /* a fixed moment never moves on */
        hour = sp_when_next_hour(r->at);
        due = w.last.next_change && w.last.next_change < hour ? w.last.next_change : hour;
        if (now >= due)
            watch_refresh(r, due == hour ? "new hour" : "meeting started or ended", &w);
    }
    log_line("stopped (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
    sp_feed_watch_free(fw);
    r->load = NULL;
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
    if (r->dir && !o->dump_plan && g_mkdir_with_parents(r->dir, 0777) != 0)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot create the folder '%s': %s",
                            r->dir, strerror(errno));
    return 0;
}

/* A whole number of seconds from the environment, 1..86400, else def. */
static int env_seconds(const char *name, int def)
{
    const char *s = getenv(name);
    char *end;
    long v;

    if (!s || !*s)
        return def;
    v = strtol(s, &end, 10);
    return *end || v < 1 || v > 86400 ? def : (int)v;
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
    r.retry_s = env_seconds("SIGNPOST_WATCH_RETRY", RETRY_S);
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
    if (sp_run_languages(o, &r.settings, datadir, NULL, err) != 0)
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
