/*
 * test_feed.c - fetch.c, cache.c and feed.c without the command line: address checks,
 * BMLT queries, UK dates, the cache's files, back-off, and the watcher (sp_feed_refresh)
 * against the local HTTPS server tests/fetch/server.py, started here and stopped (by its
 * pid) at the end.  The watcher is given its clock, so minutes pass in no time.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/error.h"
#include "base/mem.h"
#include "input/cache.h"
#include "input/directory.h"
#include "input/feed.h"
#include "input/fetch.h"
#include "../test.h"

/* ---- helpers ---- */

static void rm_rf(const char *path)
{
    GDir *d = g_dir_open(path, 0, NULL);
    const char *name;

    if (d) {
        while ((name = g_dir_read_name(d))) {
            char *p = g_build_filename(path, name, NULL);
            rm_rf(p);
            g_free(p);
        }
        g_dir_close(d);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

static char *slurp(const char *path, gsize *len)
{
    char *data = NULL;

    if (!g_file_get_contents(path, &data, len, NULL))
        return NULL;
    return data;
}

static void put(const char *path, const char *data, gssize len)
{
    g_file_set_contents(path, data, len, NULL);
}

/* Usable meetings in a local directory file (what a feed with its content must give). */
static size_t meetings_in(const char *path)
{
    struct sp_directory dir;
    struct sp_arena a;
    struct sp_diag diag;
    struct sp_error err = { 0 };
    size_t n;

    sp_directory_init(&dir);
    sp_arena_init(&a);
    sp_diag_init(&diag);
    n = sp_directory_load(&dir, path, NULL, &a, &diag, &err) == 0 ? dir.n : (size_t)-1;
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return n;
}

static char *uk(time_t t)
{
    char buf[64];
    sp_feed_date_text(t, buf, sizeof buf);
    return g_strdup(buf);
}

/* ---- pure functions ---- */

static void test_is_url(void)
{
    static const struct { const char *s; bool want; } cases[] = {
        /*  0*/ { "https://example.org/feed.json", true },
        /*  1*/ { "HTTP://example.org", true },
        /*  2*/ { "file:///etc/passwd", true },
        /*  3*/ { "examples/aa-south-wales.json", false },
        /*  4*/ { "./https://x", false },
        /*  5*/ { "-", false },
        /*  6*/ { "C:feed.json", false },
        /*  7*/ { "", false },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        OK(sp_fetch_is_url(cases[i].s) == cases[i].want, "is_url %zu: '%s'", i, cases[i].s);
}

static void test_check_url(void)
{
    static const struct { const char *url; bool allow_http; const char *msg; } cases[] = {
        /*  0*/ { "https://example.org/wp-admin/admin-ajax.php?action=meetings", false, NULL },
        /*  1*/ { "http://example.org/feed.json", true, NULL },
        /*  2*/ { "http://example.org/feed.json", false,
                  "cannot read 'http://example.org/feed.json': it is not https; use the "
                  "https:// address, or add --allow-http to read it over plain http" },
        /*  3*/ { "https://ann:pw@example.org/f", false,
                  "cannot read 'https://example.org/f': it has a user name or password in it, "
                  "which signpost never sends; remove it (feeds are public)" },
        /*  4*/ { "file:///tmp/x.json", true,
                  "cannot read 'file:///tmp/x.json': file: addresses are not read; give the "
                  "file's path instead" },
        /*  5*/ { "gopher://example.org/", false,
                  "cannot read 'gopher://example.org/': gopher: addresses are not read; only "
                  "https:// (and http:// with --allow-http)" },
        /*  6*/ { "https://exa mple.org/", false,
                  "cannot read 'https://exa mple.org/': it is not a valid web address" },
        /*  7*/ { "https://ann:pw@exa mple.org/", false,
                  "cannot read 'https://***@exa mple.org/': it is not a valid web address" },
        /*  8*/ { "https://", false, "cannot read 'https://': it is not a valid web address" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        struct sp_error err = { 0 };
        int rc = sp_fetch_check_url(cases[i].url, cases[i].allow_http, &err);
        char name[64];
        snprintf(name, sizeof name, "check_url %zu", i);
        EQ_INT(rc, cases[i].msg ? -1 : 0, name);
        if (cases[i].msg) {
            EQ_STR(err.msg, cases[i].msg, name);
            EQ_INT(err.code, SP_ERR_USAGE, name);
        }
    }
}

static void test_bmlt_urls(void)
{
    struct sp_arena a;
    const char *ids[] = { "3", "57" };

    sp_arena_init(&a);
    EQ_STR(sp_feed_bmlt_search_url("https://example.org/main_server/", ids, 2, &a),
           "https://example.org/main_server/client_interface/json/?switcher=GetSearchResults"
           "&services[]=3&services[]=57&recursive=1", "search: service bodies, recursive");
    EQ_STR(sp_feed_bmlt_search_url("https://example.org/main_server", NULL, 0, &a),
           "https://example.org/main_server/client_interface/json/?switcher=GetSearchResults",
           "search: the whole server");
    EQ_STR(sp_feed_bmlt_formats_url("https://example.org/main_server//", "en", &a),
           "https://example.org/main_server/client_interface/json/?switcher=GetFormats"
           "&lang_enum=en", "formats in English");
    EQ_STR(sp_feed_bmlt_formats_url("https://example.org/bmlt", NULL, &a),
           "https://example.org/bmlt/client_interface/json/?switcher=GetFormats&lang_enum=en",
           "formats: English by default");
    sp_arena_free(&a);
}

static void test_date_text(void)
{
    static const struct { int y, mo, d, h, mi; const char *want; } cases[] = {
        /*  0*/ { 2026, 11, 26, 9, 0, "26 November 2026 09:00" },    /* GMT */
        /*  1*/ { 2026, 7, 1, 12, 5, "1 July 2026 13:05" },          /* BST: UTC + 1 */
        /*  2*/ { 2026, 3, 29, 0, 59, "29 March 2026 00:59" },       /* before the change */
        /*  3*/ { 2026, 3, 29, 1, 0, "29 March 2026 02:00" },        /* after it */
        /*  4*/ { 2026, 12, 31, 23, 30, "31 December 2026 23:30" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GDateTime *dt = g_date_time_new_utc(cases[i].y, cases[i].mo, cases[i].d, cases[i].h,
                                            cases[i].mi, 0);
        char *got = uk((time_t)g_date_time_to_unix(dt));
        char name[64];
        snprintf(name, sizeof name, "UK date %zu", i);
        EQ_STR(got, cases[i].want, name);
        g_free(got);
        g_date_time_unref(dt);
    }
}

static void test_backoff(void)
{
    static const struct { long interval; int failures; long want; } cases[] = {
        /*  0*/ { 60, 1, 60 },
        /*  1*/ { 60, 2, 120 },
        /*  2*/ { 60, 3, 240 },
        /*  3*/ { 60, 4, 480 },
        /*  4*/ { 60, 5, 480 },        /* at most 8 intervals */
        /*  5*/ { 900, 1, 900 },
        /*  6*/ { 900, 3, 3600 },
        /*  7*/ { 900, 9, 7200 },
        /*  8*/ { 3600, 3, 14400 },
        /*  9*/ { 3600, 5, 21600 },    /* and at most 6 hours */
        /* 10*/ { 86400, 2, 86400 },   /* never less than the interval */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char name[64];
        snprintf(name, sizeof name, "backoff %zu: %ld s, %d failures", i, cases[i].interval,
                 cases[i].failures);
        EQ_INT(sp_feed_backoff(cases[i].interval, cases[i].failures), cases[i].want, name);
    }
}

static void test_watch_interval(void)
{
    static const struct { long asked, want; } cases[] = {
        /*  0*/ { 0, SP_FEED_POLL_DEFAULT },
        /*  1*/ { 1, 60 },
        /*  2*/ { 59, 60 },
        /*  3*/ { 60, 60 },
        /*  4*/ { 600, 600 },
    };
    struct sp_feed_source src = { 0 };

    src.url = "https://example.org/feed.json";
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        struct sp_feed_watch *w = sp_feed_watch_new(NULL, cases[i].asked, 1000);
        char name[64];
        EQ_INT(sp_feed_watch_due(w), 0, "nothing watched: nothing due");
        sp_feed_watch_add(w, &src);
        snprintf(name, sizeof name, "interval %zu: asked %ld s", i, cases[i].asked);
        EQ_INT(sp_feed_watch_due(w), 1000 + cases[i].want, name);
        sp_feed_watch_free(w);
    }
}

/* ---- the cache ---- */

static void test_cache(void)
{
    char *dir = g_dir_make_tmp("signpost-cache-XXXXXX", NULL);
    const char *url = "https://example.org/../../feed.json?x=/etc/passwd";
    struct sp_cache_entry e;
    struct sp_error err = { 0 };
    char key[65], sha[65], *meta, *body, *got;
    GDir *d;
    const char *name;
    int nfiles = 0;

    sp_cache_sha256(url, strlen(url), key);
    EQ_INT(sp_cache_lookup(dir, url, &e), -1, "no copy yet");
    EQ_INT(sp_cache_store(dir, url, "[1]", 3, "\"v1\"", "Thu, 26 Nov 2026 09:00:00 GMT", 100,
                          &err), 0, "store");
    EQ_INT(sp_cache_lookup(dir, url, &e), 0, "lookup after store");
    EQ_STR(e.etag, "\"v1\"", "ETag kept");
    EQ_STR(e.last_modified, "Thu, 26 Nov 2026 09:00:00 GMT", "Last-Modified kept");
    EQ_INT(e.fetched, 100, "fetched");
    EQ_INT(e.checked, 100, "checked");
    EQ_INT(e.len, 3, "size");
    EQ_INT(sp_cache_read_body(dir, url, &e), 0, "body read");
    EQ_STR(e.body, "[1]", "body");
    sp_cache_entry_release(&e);

    /* file names: only hashes */
    sp_cache_sha256("[1]", 3, sha);
    meta = g_strdup_printf("%s/%s.meta", dir, key);
    body = g_strdup_printf("%s/%s-%.16s.body", dir, key, sha);
    OK(g_file_test(meta, G_FILE_TEST_IS_REGULAR), "KEY.meta");
    OK(g_file_test(body, G_FILE_TEST_IS_REGULAR), "KEY-HASH.body");

    /* a 304 moves `checked` (and new validators) and keeps the body */
    EQ_INT(sp_cache_touch(dir, url, "\"v2\"", NULL, 200, &err), 0, "touch");
    sp_cache_lookup(dir, url, &e);
    EQ_INT(e.fetched, 100, "touch: fetched unchanged");
    EQ_INT(e.checked, 200, "touch: checked moved");
    EQ_STR(e.etag, "\"v2\"", "touch: new ETag");
    EQ_STR(e.last_modified, "Thu, 26 Nov 2026 09:00:00 GMT", "touch: old Last-Modified kept");
    sp_cache_entry_release(&e);

    /* a new copy replaces the old body */
    EQ_INT(sp_cache_store(dir, url, "[2,3]", 5, NULL, NULL, 300, &err), 0, "store again");
    OK(!g_file_test(body, G_FILE_TEST_EXISTS), "the old body is removed");
    sp_cache_lookup(dir, url, &e);
    EQ_STR(e.etag, NULL, "no ETag now");
    sp_cache_read_body(dir, url, &e);
    EQ_STR(e.body, "[2,3]", "the new body");
    sp_cache_entry_release(&e);
    d = g_dir_open(dir, 0, NULL);
    while ((name = g_dir_read_name(d)))
        nfiles++;
    g_dir_close(d);
    EQ_INT(nfiles, 2, "one .meta and one .body");

    /* a damaged body is no copy at all */
    g_free(body);
    sp_cache_sha256("[2,3]", 5, sha);
    body = g_strdup_printf("%s/%s-%.16s.body", dir, key, sha);
    put(body, "[9,9]", 5);
    EQ_INT(sp_cache_lookup(dir, url, &e), 0, "same size: the entry is found");
    EQ_INT(sp_cache_read_body(dir, url, &e), -1, "but its SHA-256 does not match");
    sp_cache_entry_release(&e);
    put(body, "[2]", 3);
    EQ_INT(sp_cache_lookup(dir, url, &e), -1, "a body of the wrong size: no copy");

    /* a .meta that names another address (a copied file) is not used for this one */
    {
        const char *other = "https://example.org/other";
        char okey[65], *ometa;
        gsize mlen = 0;
        sp_cache_sha256(other, strlen(other), okey);
        ometa = g_strdup_printf("%s/%s.meta", dir, okey);
        got = slurp(meta, &mlen);
        put(ometa, got, (gssize)mlen);
        EQ_INT(sp_cache_lookup(dir, other, &e), -1, "a .meta naming another address: no copy");
        g_free(got);
        g_unlink(ometa);
        g_free(ometa);
    }

    /* an unusable folder */
    EQ_INT(sp_cache_store("/dev/null/x", url, "[1]", 3, NULL, NULL, 1, &err), -1,
           "store into an impossible folder fails");
    EQ_STR(err.msg, "cannot make the cache folder '/dev/null/x': Not a directory",
           "and says why");

    g_free(meta);
    g_free(body);
    rm_rf(dir);
    g_free(dir);
}

/* ---- the watcher, against the local server ---- */

struct server {
    GPid pid;
    int port;
    char *dir;
};

static int server_start(struct server *s)
{
    char *argv[] = { "python3", "tests/fetch/server.py", "--dir", NULL, "--lifetime", "120",
                     NULL };
    char *ports, *path;
    GError *gerr = NULL;
    int hport = 0;

    memset(s, 0, sizeof *s);
    s->dir = g_dir_make_tmp("signpost-feed-XXXXXX", NULL);
    argv[3] = s->dir;
    if (!g_spawn_async(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       &s->pid, &gerr)) {
        printf("# cannot start the test server: %s\n", gerr->message);
        g_clear_error(&gerr);
        return -1;
    }
    path = g_build_filename(s->dir, "ports", NULL);
    for (int i = 0; i < 200 && !g_file_test(path, G_FILE_TEST_EXISTS); i++)
        g_usleep(50000);
    ports = slurp(path, NULL);
    g_free(path);
    if (!ports || sscanf(ports, "%d %d", &s->port, &hport) != 2) {
        g_free(ports);
        return -1;
    }
    g_free(ports);
    return 0;
}

static void server_stop(struct server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        g_spawn_close_pid(s->pid);
    }
    rm_rf(s->dir);
    g_free(s->dir);
}

static char *www(const struct server *s, const char *name)
{
    return g_build_filename(s->dir, "www", name, NULL);
}

static int nrequests(const struct server *s)
{
    char *path = g_build_filename(s->dir, "requests.log", NULL), *log = slurp(path, NULL);
    int n = 0;

    for (char *p = log; p && *p; p++)
        n += *p == '\n';
    g_free(log);
    g_free(path);
    return n;
}

static char *last_request(const struct server *s)
{
    char *path = g_build_filename(s->dir, "requests.log", NULL), *log = slurp(path, NULL);
    char *r = NULL, *end;

    if (log && (end = strrchr(log, '\n')) && end > log) {
        *end = '\0';
        end = strrchr(log, '\n');
        r = g_strdup(end ? end + 1 : log);
    }
    g_free(log);
    g_free(path);
    return r;
}

static void set_mode(const struct server *s, const char *name, const char *mode)
{
    char *n = g_strdup_printf("%s.mode", name), *p = www(s, n);
    if (mode)
        put(p, mode, -1);
    else
        g_unlink(p);
    g_free(p);
    g_free(n);
}

static void serve_file(const struct server *s, const char *name, const char *from)
{
    gsize len = 0;
    char *data = slurp(from, &len), *p = www(s, name);
    put(p, data, (gssize)len);
    g_free(p);
    g_free(data);
}

/* Meetings in url's saved copy (read offline, as a redraw would), or -1. */
static long saved_meetings(const struct sp_feed_opts *fo, const char *url)
{
    struct sp_feed_opts off = *fo;
    struct sp_feed_source src = { 0 };
    struct sp_directory dir;
    struct sp_arena a;
    struct sp_diag diag;
    struct sp_error err = { 0 };
    long n;

    off.offline = true;
    src.url = url;
    sp_directory_init(&dir);
    sp_arena_init(&a);
    sp_diag_init(&diag);
    n = sp_feed_load(&src, &off, &dir, &a, &diag, &err) == 0 ? (long)dir.n : -1;
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&a);
    return n;
}

static void test_watch(void)
{
    struct server s;
    struct sp_feed_opts fo = { 0 };
    struct sp_feed_source src = { 0 };
    struct sp_feed_watch *w;
    struct sp_directory dir;
    struct sp_arena a;
    struct sp_diag diag;
    struct sp_error err = { 0 };
    char log[2048], *url, *cache, *ca, *want, *when, *req, *half;
    size_t aa = meetings_in("examples/aa-south-wales.json");
    size_t bath = meetings_in("examples/smart-bath.csv");
    time_t t0 = time(NULL), t;
    gsize len = 0;
    int n;

    if (server_start(&s) != 0) {
        OK(0, "the local test server started (python3 and openssl are needed)");
        server_stop(&s);
        return;
    }
    url = g_strdup_printf("https://127.0.0.1:%d/f/feed.json", s.port);
    cache = g_build_filename(s.dir, "cache", NULL);
    ca = g_build_filename(s.dir, "cert.pem", NULL);
    fo.cache_dir = cache;
    fo.fetch.ca_file = ca;
    fo.fetch.timeout_s = 1;
    src.url = url;
    serve_file(&s, "feed.json", "examples/aa-south-wales.json");

    /* the load that starts a screen: a saved copy */
    sp_directory_init(&dir);
    sp_arena_init(&a);
    sp_diag_init(&diag);
    EQ_INT(sp_feed_load(&src, &fo, &dir, &a, &diag, &err), 0, "first load");
    EQ_INT(dir.n, aa, "first load: the feed's meetings");
    OK(dir.data_date >= t0 && dir.data_date <= time(NULL), "first load: data date is now");
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&a);

    w = sp_feed_watch_new(&fo, 30, t0);  /* 30 s is raised to a minute */
    sp_feed_watch_add(w, &src);
    EQ_INT(sp_feed_watch_count(w), 1, "one feed watched");
    EQ_INT(sp_feed_watch_due(w), t0 + 60, "first poll a minute after the start");

    /* not due: no request */
    n = nrequests(&s);
    EQ_INT(sp_feed_refresh(w, t0 + 59, log, sizeof log), SP_FEED_UNCHANGED, "not due yet");
    EQ_INT(nrequests(&s), n, "not due: no request");
    EQ_STR(log, "", "not due: nothing logged");

    /* due, unchanged: a 304 */
    t = t0 + 60;
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_UNCHANGED, "unchanged feed");
    EQ_STR(log, "", "unchanged: nothing logged");
    EQ_INT(nrequests(&s), n + 1, "unchanged: one request");
    req = last_request(&s);
    OK(req && strstr(req, " 304 inm=\""), "unchanged: revalidated with If-None-Match (304)");
    g_free(req);
    EQ_INT(sp_feed_watch_due(w), t + 60, "next poll one interval on");

    /* changed: a new copy, read and saved */
    serve_file(&s, "feed.json", "examples/smart-bath.csv");
    t += 60;
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_CHANGED, "changed feed");
    want = g_strdup_printf("%s: new copy read, %zu meetings", url, bath);
    EQ_STR(log, want, "changed: one line");
    g_free(want);
    EQ_INT(saved_meetings(&fo, url), bath, "changed: the saved copy is the new one");
    when = uk(t);

    /* failing: the last good copy kept, backing off 1, 2, 4 minutes */
    set_mode(&s, "feed.json", "status:500");
    t += 60;
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_FAILED, "HTTP 500");
    want = g_strdup_printf("%s: 127.0.0.1 had a problem sending the feed (HTTP 500 Internal "
                           "Server Error): try again later, or tell the site's owner; using "
                           "the copy from %s; next try in 1 min", url, when);
    EQ_STR(log, want, "HTTP 500: one line, with the copy's date and the next try");
    g_free(want);
    EQ_INT(saved_meetings(&fo, url), bath, "HTTP 500: the last good copy is kept");
    EQ_INT(sp_feed_watch_due(w), t + 60, "first failure: next try in one interval");
    t += 60;
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_FAILED, "second failure");
    OK(g_str_has_suffix(log, "; next try in 2 min"), "second failure: 2 min");
    EQ_INT(sp_feed_watch_due(w), t + 120, "second failure: two intervals");
    n = nrequests(&s);
    EQ_INT(sp_feed_refresh(w, t + 60, log, sizeof log), SP_FEED_UNCHANGED, "backing off");
    EQ_INT(nrequests(&s), n, "backing off: no request");
    t += 120;
    set_mode(&s, "feed.json", "stall");
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_FAILED, "time-out");
    want = g_strdup_printf("%s: could not reach 127.0.0.1: timed out after 1 s; using the "
                           "copy from %s; next try in 4 min", url, when);
    EQ_STR(log, want, "time-out: one line");
    g_free(want);

    /* a broken reply is not saved */
    set_mode(&s, "feed.json", NULL);
    half = slurp("examples/aa-south-wales.json", &len);
    req = www(&s, "feed.json");
    put(req, half, (gssize)len / 3);
    g_free(req);
    t += 240;
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_FAILED, "cut-short JSON");
    want = g_strdup_printf("%s: the new copy from 127.0.0.1 could not be used (line ", url);
    OK(g_str_has_prefix(log, want), "cut-short JSON: the new copy was refused");
    g_free(want);
    EQ_INT(saved_meetings(&fo, url), bath, "cut-short JSON: the last good copy is kept");
    EQ_INT(sp_feed_watch_due(w), t + 480, "fourth failure: 8 intervals (the most)");

    /* mended: the same as the saved copy, so unchanged, and the back-off ends */
    serve_file(&s, "feed.json", "examples/smart-bath.csv");
    t += 480;
    EQ_INT(sp_feed_refresh(w, t, log, sizeof log), SP_FEED_UNCHANGED, "mended, same content");
    EQ_STR(log, "", "mended: nothing logged");
    EQ_INT(sp_feed_watch_due(w), t + 60, "mended: back to one interval");

    g_free(half);
    g_free(when);
    sp_feed_watch_free(w);
    g_free(url);
    g_free(cache);
    g_free(ca);
    server_stop(&s);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_is_url);
    TEST_RUN(test_check_url);
    TEST_RUN(test_bmlt_urls);
    TEST_RUN(test_date_text);
    TEST_RUN(test_backoff);
    TEST_RUN(test_watch_interval);
    TEST_RUN(test_cache);
    TEST_RUN(test_watch);
    return test_done();
}
