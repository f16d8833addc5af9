/*
 * feed.c - a directory read from its address: fetch, read, keep the last good copy; BMLT
 * queries; polling for watch loops.
 *
 * A feed has one or two parts (a BMLT feed: the meetings and the GetFormats document).
 * Each part offers up to two candidates, the new copy (when the server sent one) and the
 * saved copy.  The combinations are tried new-first; the first that reads wins, its new
 * parts are saved, and every saved copy used in place of a new one is reported.
 *
 * Owns: struct sp_feed_watch.  Must not: print, exit, or include cairo/pango/qrencode.
 */
#include "feed.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

enum { CAND_NEW, CAND_SAVED };

struct part {
    const char *url;
    char host[256];
    bool have_saved;
    struct sp_cache_entry saved;   /* with its body when have_saved */
    struct sp_fetch_result got;
    bool asked;                    /* a request was made (not offline) */
    char why_new[600];             /* why the new copy could not be used, or "" */
    int cand[2], ncand;
};

/* What one update did. */
struct outcome {
    time_t date;                   /* when the data used was last known current */
    bool changed;                  /* a new copy, different from the saved one, was saved */
    bool failed;                   /* a part could not be refreshed (its saved copy used) */
    GString *notes;                /* the warnings about that, "; "-separated */
};

/* ---- dates ---- */

void sp_feed_date_text(time_t t, char *buf, size_t size)
{
    static const char *const months[] = {
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"
    };
    GTimeZone *tz = g_time_zone_new_identifier("Europe/London");
    GDateTime *utc = g_date_time_new_from_unix_utc((gint64)t), *uk;

    if (!tz)
        tz = g_time_zone_new_utc();
    uk = utc ? g_date_time_to_timezone(utc, tz) : NULL;
    if (uk)
        snprintf(buf, size, "%d %s %d %02d:%02d", g_date_time_get_day_of_month(uk),
                 months[g_date_time_get_month(uk) - 1], g_date_time_get_year(uk),
                 g_date_time_get_hour(uk), g_date_time_get_minute(uk));
    else
        snprintf(buf, size, "(unknown date)");
    if (uk)
        g_date_time_unref(uk);
    if (utc)
        g_date_time_unref(utc);
    g_time_zone_unref(tz);
}

/* ---- BMLT ---- */

static const char *bmlt_root(const char *root, struct sp_arena *a)
{
    size_t n = strlen(root);

    while (n > 0 && root[n - 1] == '/')
        n--;
    return sp_arena_strndup(a, root, n);
}

const char *sp_feed_bmlt_search_url(const char *root, const char *const *ids, size_t n,
                                    struct sp_arena *a)
{
    GString *g = g_string_new(bmlt_root(root, a));
    const char *r;

    g_string_append(g, "/client_interface/json/?switcher=GetSearchResults");
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(g, "&services[]=%s", ids[i]);
    if (n)
        g_string_append(g, "&recursive=1");  /* and the service bodies under them */
    r = sp_arena_strndup(a, g->str, g->len);
    g_string_free(g, TRUE);
    return r;
}

const char *sp_feed_bmlt_formats_url(const char *root, const char *lang, struct sp_arena *a)
{
    return sp_arena_printf(a, "%s/client_interface/json/?switcher=GetFormats&lang_enum=%s",
                           bmlt_root(root, a), lang && *lang ? lang : "en");
}

/* ---- one update ---- */

static void part_get(struct part *p, const char *url, const struct sp_feed_opts *fo,
                     const char *cdir)
{
    struct sp_fetch_opts o = fo->fetch;

    memset(p, 0, sizeof *p);
    p->url = url;
    sp_fetch_host(url, p->host, sizeof p->host);
    if (sp_cache_lookup(cdir, url, &p->saved) == 0) {
        if (sp_cache_read_body(cdir, url, &p->saved) == 0)
            p->have_saved = true;
        else
            sp_cache_entry_release(&p->saved);
    }
    p->got.status = SP_FETCH_FAILED;
    if (!fo->offline) {
        o.if_none_match = p->have_saved ? p->saved.etag : NULL;
        o.if_modified_since = p->have_saved ? p->saved.last_modified : NULL;
        p->asked = true;
        sp_fetch(url, &o, &p->got);
    }
    if (p->got.status == SP_FETCH_OK)
        p->cand[p->ncand++] = CAND_NEW;
    if (p->have_saved)
        p->cand[p->ncand++] = CAND_SAVED;
}

static void part_release(struct part *p)
{
    sp_cache_entry_release(&p->saved);
    sp_fetch_result_release(&p->got);
}

static const char *cand_data(const struct part *p, int c, size_t *len)
{
    if (c == CAND_NEW) {
        *len = p->got.len;
        return p->got.body;
    }
    *len = p->saved.len;
    return p->saved.body;
}

/* An error as a clause for a warning: "line 3, column 7: ..." (the file is the feed). */
static void error_clause(const struct sp_error *e, char *buf, size_t size)
{
    if (e->line > 0)
        snprintf(buf, size, "line %d, column %d: %s", e->line, e->col, e->msg);
    else
        snprintf(buf, size, "%s", e->msg);
}

/* Read one combination into dir (rolled back on failure); problems into tdiag. */
static int try_read(const struct sp_feed_source *src, const struct part *m, int mc,
                    const struct part *f, int fc, struct sp_directory *dir, struct sp_arena *a,
                    struct sp_diag *tdiag, struct sp_error *err)
{
    struct sp_source_mem mem = { 0 };
    size_t n0 = dir->n, r0 = dir->nrejected, f0 = dir->nfiles;
    int rc;

    mem.name = src->url;
    mem.data = cand_data(m, mc, &mem.len);
    if (f) {
        mem.formats_name = f->url;
        mem.formats_data = cand_data(f, fc, &mem.formats_len);
    }
    rc = sp_directory_load_source(dir, &mem, &src->opts, a, tdiag, err);
    if (rc == 0 && dir->n == n0 && mc == CAND_NEW && m->have_saved)
        rc = sp_error_set(err, SP_ERR_INPUT, src->url, 0, 0,
                          "it has no meetings that can be used");
    if (rc != 0) {
        dir->n = n0;
        dir->nrejected = r0;
        dir->nfiles = f0;
    }
    return rc;
}

static void note(struct outcome *oc, struct sp_diag *diag, const char *url, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void note(struct outcome *oc, struct sp_diag *diag, const char *url, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sp_diag_add(diag, SP_WARNING, url, 0, 0, "%s", msg);
    if (oc->notes->len)
        g_string_append(oc->notes, "; ");
    g_string_append(oc->notes, msg);
}

/* Save, confirm or report the candidate a part ended up with. */
static void part_settle(struct part *p, int c, const char *cdir, time_t now,
                        struct sp_diag *diag, struct outcome *oc)
{
    struct sp_error serr = { 0 };
    char when[64];
    time_t date = now;

    if (c == CAND_NEW) {
        char sha[65];
        sp_cache_sha256(p->got.body, p->got.len, sha);
        if (!p->have_saved || strcmp(sha, p->saved.sha256))
            oc->changed = true;
        if (sp_cache_store(cdir, p->url, p->got.body, p->got.len, p->got.etag,
                           p->got.last_modified, now, &serr) != 0)
            note(oc, diag, p->url, "%s; it is used now but cannot be used when offline",
                 serr.msg);
    } else if (p->got.status == SP_FETCH_NOT_MODIFIED) {
        sp_cache_touch(cdir, p->url, p->got.etag, p->got.last_modified, now, &serr);
    } else {
        date = p->saved.checked;
        sp_feed_date_text(date, when, sizeof when);
        if (p->asked && p->got.status == SP_FETCH_FAILED) {
            oc->failed = true;
            note(oc, diag, p->url, "%s; using the copy from %s", p->got.msg, when);
        } else if (p->asked) {
            oc->failed = true;
            note(oc, diag, p->url, "the new copy from %s could not be used (%s); using the "
                 "copy from %s", p->host, p->why_new[0] ? p->why_new :
                 "it could not be read with the formats", when);
        }
    }
    if (!oc->date || date < oc->date)
        oc->date = date;
}

/* The error when a part has nothing to offer. */
static int part_missing(const struct part *p, const struct sp_feed_opts *fo,
                        struct sp_error *err)
{
    if (fo->offline)
        return sp_error_set(err, SP_ERR_IO, p->url, 0, 0,
                            "no saved copy of this feed to use offline; run once without "
                            "--offline to fetch it");
    return sp_error_set(err, SP_ERR_IO, p->url, 0, 0, "%s; there is no saved copy to use",
                        p->got.msg);
}

static int feed_update(const struct sp_feed_source *src, const struct sp_feed_opts *fo,
                       time_t now, struct sp_directory *dir, struct sp_arena *a,
                       struct sp_diag *diag, struct outcome *oc, struct sp_error *err)
{
    char *cdir = fo->cache_dir ? g_strdup(fo->cache_dir) : sp_cache_default_dir();
    struct part m, f, *fp = NULL;
    struct sp_diag tdiag;
    struct sp_error first = { 0 };
    int rc = -1, mi = -1, fi = 0;

    /* Step 1: every part's new and saved copies */
    sp_diag_init(&tdiag);
    part_get(&m, src->url, fo, cdir);
    if (src->formats_url) {
        part_get(&f, src->formats_url, fo, cdir);
        fp = &f;
    }
    if (!m.ncand || (fp && !fp->ncand)) {
        rc = part_missing(m.ncand ? fp : &m, fo, err);
        goto out;
    }

    /* Step 2: the first combination that reads, new copies first */
    for (int i = 0; i < m.ncand && mi < 0; i++) {
        for (int j = 0; j < (fp ? fp->ncand : 1); j++) {
            struct sp_error e = { 0 };
            struct part *blame;
            if (try_read(src, &m, m.cand[i], fp, fp ? fp->cand[j] : 0, dir, a, &tdiag,
                         &e) == 0) {
                mi = i;
                fi = j;
                break;
            }
            /* who is to blame: the formats document when the error names it */
            blame = fp && !strncmp(e.file, fp->url, sizeof e.file - 1) ? fp : &m;
            if (blame->cand[blame == fp ? j : i] == CAND_NEW && !blame->why_new[0])
                error_clause(&e, blame->why_new, sizeof blame->why_new);
            if (!first.code)
                first = e;
            sp_diag_release(&tdiag);
            sp_diag_init(&tdiag);
        }
    }
    if (mi < 0) {
        *err = first;
        goto out;
    }

    /* Step 3: keep what was read, and say which saved copies stood in */
    part_settle(&m, m.cand[mi], cdir, now, diag, oc);
    if (fp)
        part_settle(fp, fp->cand[fi], cdir, now, diag, oc);
    for (size_t k = 0; k < tdiag.n; k++) {
        const struct sp_diag_entry *e = &tdiag.v[k];
        sp_diag_add(diag, e->severity, e->file, e->line, e->col, "%s", e->msg);
    }
    rc = 0;
out:
    sp_diag_release(&tdiag);
    part_release(&m);
    if (fp)
        part_release(fp);
    g_free(cdir);
    return rc;
}

int sp_feed_load(const struct sp_feed_source *src, const struct sp_feed_opts *fo,
                 struct sp_directory *dir, struct sp_arena *a, struct sp_diag *diag,
                 struct sp_error *err)
{
    struct outcome oc = { 0 };
    int rc;

    oc.notes = g_string_new(NULL);
    rc = feed_update(src, fo, time(NULL), dir, a, diag, &oc, err);
    if (rc == 0 && (!dir->data_date || oc.date < dir->data_date))
        dir->data_date = oc.date;
    g_string_free(oc.notes, TRUE);
    return rc;
}

/* ---- watching ---- */

struct watched {
    struct sp_feed_source src;
    time_t due;
    int failures;
};

struct sp_feed_watch {
    struct sp_feed_opts fo;
    long interval;
    time_t start;                  /* when the watch began: first polls are one interval on */
    GArray *items;                 /* struct watched */
    GStringChunk *strings;         /* every string the watcher keeps */
};

static const char *keep(struct sp_feed_watch *w, const char *s)
{
    return s ? g_string_chunk_insert(w->strings, s) : NULL;
}

struct sp_feed_watch *sp_feed_watch_new(const struct sp_feed_opts *fo, long interval_s,
                                        time_t now)
{
    struct sp_feed_watch *w = g_new0(struct sp_feed_watch, 1);

    w->strings = g_string_chunk_new(1024);
    w->items = g_array_new(FALSE, TRUE, sizeof(struct watched));
    if (fo)
        w->fo = *fo;
    w->fo.cache_dir = keep(w, w->fo.cache_dir);
    w->fo.fetch.ca_file = keep(w, w->fo.fetch.ca_file);
    w->fo.fetch.if_none_match = NULL;
    w->fo.fetch.if_modified_since = NULL;
    w->interval = interval_s <= 0 ? SP_FEED_POLL_DEFAULT :
                  interval_s < SP_FEED_POLL_MIN ? SP_FEED_POLL_MIN : interval_s;
#ifdef SP_TEST
    {
        /* test builds only: the watch tests poll every second instead of every minute */
        const char *t = getenv("SIGNPOST_TEST_POLL_SECONDS");
        if (t && atol(t) > 0)
            w->interval = atol(t);
    }
#endif
    w->fo.offline = false;
    w->start = now;
    return w;
}

void sp_feed_watch_free(struct sp_feed_watch *w)
{
    if (!w)
        return;
    g_array_free(w->items, TRUE);
    g_string_chunk_free(w->strings);
    g_free(w);
}

void sp_feed_watch_add(struct sp_feed_watch *w, const struct sp_feed_source *src)
{
    struct watched it = { 0 };

    it.src = *src;
    it.src.url = keep(w, src->url);
    it.src.formats_url = keep(w, src->formats_url);
    it.src.opts.fellowship = keep(w, src->opts.fellowship);
    it.src.opts.formats_path = keep(w, src->opts.formats_path);
    it.due = w->start + w->interval;
    g_array_append_val(w->items, it);
}

size_t sp_feed_watch_count(const struct sp_feed_watch *w)
{
    return w ? w->items->len : 0;
}

time_t sp_feed_watch_due(const struct sp_feed_watch *w)
{
    time_t due = 0;

    for (guint i = 0; w && i < w->items->len; i++) {
        const struct watched *it = &g_array_index(w->items, struct watched, i);
        if (!due || it->due < due)
            due = it->due;
    }
    return due;
}

long sp_feed_backoff(long interval_s, int failures)
{
    long cap = interval_s * 8, d = interval_s;

    if (cap > SP_FEED_BACKOFF_MAX)
        cap = SP_FEED_BACKOFF_MAX;
    if (cap < interval_s)
        cap = interval_s;
    for (int k = 1; k < failures && d < cap; k++)
        d *= 2;
    return d < cap ? d : cap;
}

static void duration_text(long s, char *buf, size_t size)
{
    if (s < 3600)
        snprintf(buf, size, "%ld min", (s + 59) / 60);
    else if (s % 3600 == 0)
        snprintf(buf, size, "%ld h", s / 3600);
    else
        snprintf(buf, size, "%ld h %ld min", s / 3600, (s % 3600 + 59) / 60);
}

enum sp_feed_change sp_feed_refresh(struct sp_feed_watch *w, time_t now, char *log,
                                    size_t size)
{
    GString *lines = g_string_new(NULL);
    bool changed = false, failed = false;

    for (guint i = 0; i < w->items->len; i++) {
        struct watched *it = &g_array_index(w->items, struct watched, i);
        struct sp_arena a;
        struct sp_directory dir;
        struct sp_diag diag;
        struct sp_error err = { 0 };
        struct outcome oc = { 0 };
        char wait[32];
        int rc;

        if (it->due > now)
            continue;
        sp_arena_init(&a);
        sp_directory_init(&dir);
        sp_diag_init(&diag);
        oc.notes = g_string_new(NULL);
        rc = feed_update(&it->src, &w->fo, now, &dir, &a, &diag, &oc, &err);
        if (rc == 0 && oc.changed) {
            changed = true;
            g_string_append_printf(lines, "%s%s: new copy read, %zu meeting%s", lines->len ?
                                   "\n" : "", it->src.url, dir.n, dir.n == 1 ? "" : "s");
        }
        if (rc != 0 || oc.failed) {
            char msg[1400];
            failed = true;
            it->failures++;
            if (rc != 0)
                sp_error_format(&err, msg, sizeof msg);
            else
                snprintf(msg, sizeof msg, "%s: %s", it->src.url, oc.notes->str);
            duration_text(sp_feed_backoff(w->interval, it->failures), wait, sizeof wait);
            g_string_append_printf(lines, "%s%s; next try in %s", lines->len ? "\n" : "",
                                   msg, wait);
            it->due = now + sp_feed_backoff(w->interval, it->failures);
        } else {
            it->failures = 0;
            it->due = now + w->interval;
        }
        g_string_free(oc.notes, TRUE);
        sp_diag_release(&diag);
        sp_directory_release(&dir);
        sp_arena_free(&a);
    }
    if (log && size)
        g_strlcpy(log, lines->str, size);
    g_string_free(lines, TRUE);
    return changed ? SP_FEED_CHANGED : failed ? SP_FEED_FAILED : SP_FEED_UNCHANGED;
}
