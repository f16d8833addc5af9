/*
 * feed.h - a meeting directory read from its web address: fetched (fetch.h), checked by
 * reading it, and kept as the last good copy (cache.h).  A copy replaces the saved one
 * only after it was read successfully with at least one usable meeting; when the server
 * cannot be reached, sends an error, a web page, a cut-short or broken reply, the saved
 * copy is used and a warning says so and how old it is.  Also: BMLT root-server queries,
 * and a watcher that polls feeds for a screen that must stay current.
 *
 * Owns: struct sp_feed_watch.  Must not: print, exit, or include cairo/pango/qrencode.
 * Dates in messages are UK time ("26 November 2026 09:00").
 */
#ifndef SP_FEED_H
#define SP_FEED_H

#include <stdbool.h>
#include <time.h>

#include "../base/error.h"
#include "../base/mem.h"
#include "directory.h"
#include "fetch.h"

struct sp_feed_opts {
    struct sp_fetch_opts fetch;  /* https rules, time-out, size cap, CA file (validators are
                                    set per request from the saved copy) */
    bool offline;                /* use saved copies only; never touch the network */
    const char *cache_dir;       /* NULL = sp_cache_default_dir() */
};

/* One feed: a directory address, and for BMLT the GetFormats address read with it. */
struct sp_feed_source {
    const char *url;
    const char *formats_url;     /* or NULL */
    struct sp_source_opts opts;  /* as for a file: format, fellowship, a formats FILE */
};

/*
 * Read src into dir: fetch it (offline: the saved copy), read it, and keep it as the last
 * good copy.  A saved copy used in place of a failed or unusable new one gets a warning
 * in diag ("could not reach example.org: timed out after 20 s; using the copy from 26
 * November 2026 09:00").  dir->data_date becomes the older of its value (0 = none yet)
 * and this feed's date (now for a copy fetched or confirmed now; else when the saved copy
 * was last confirmed).  Returns 0, or -1 with *err when there is nothing usable: SP_ERR_IO
 * (could not fetch, or offline with no saved copy) or the reader's SP_ERR_INPUT.
 */
int sp_feed_load(const struct sp_feed_source *src, const struct sp_feed_opts *fo,
                 struct sp_directory *dir, struct sp_arena *a, struct sp_diag *diag,
                 struct sp_error *err);

/*
 * BMLT root server queries (root without a trailing '/'; ids may be NULL when n is 0, for
 * every meeting on the server): GetSearchResults for those service bodies and the ones
 * under them, and GetFormats in language lang ("en").  Strings live in a.
 */
const char *sp_feed_bmlt_search_url(const char *root, const char *const *ids, size_t n,
                                    struct sp_arena *a);
const char *sp_feed_bmlt_formats_url(const char *root, const char *lang, struct sp_arena *a);

/* "26 November 2026 09:00" (UK time, English month names) into buf. */
void sp_feed_date_text(time_t t, char *buf, size_t size);

/* ---- watching feeds (kiosk --watch, web board) ---- */

#define SP_FEED_POLL_DEFAULT 900L    /* seconds: 15 minutes */
#define SP_FEED_POLL_MIN     60L     /* never more often than once a minute */
#define SP_FEED_BACKOFF_MAX  21600L  /* seconds: 6 hours at most between tries */

enum sp_feed_change {
    SP_FEED_UNCHANGED = 0,       /* nothing due, or every copy polled is the same */
    SP_FEED_CHANGED,             /* a new copy was read and saved: redraw (offline) */
    SP_FEED_FAILED               /* a poll failed; the last good copy is kept */
};

struct sp_feed_watch;

/* A watcher polling every interval_s seconds (0 = SP_FEED_POLL_DEFAULT; less than
   SP_FEED_POLL_MIN is raised to it).  fo is copied.  First polls are due at now +
   interval. */
struct sp_feed_watch *sp_feed_watch_new(const struct sp_feed_opts *fo, long interval_s,
                                        time_t now);
void sp_feed_watch_free(struct sp_feed_watch *w);

/* Watch src too (copied). */
void sp_feed_watch_add(struct sp_feed_watch *w, const struct sp_feed_source *src);

/* How many feeds are watched; when the next poll is due (0 when none). */
size_t sp_feed_watch_count(const struct sp_feed_watch *w);
time_t sp_feed_watch_due(const struct sp_feed_watch *w);

/* The interval after which a feed that has failed `failures` times in a row is tried
   again: interval, then doubling, at most 8 intervals and SP_FEED_BACKOFF_MAX. */
long sp_feed_backoff(long interval_s, int failures);

/*
 * Poll every feed due at `now` (others are left alone): fetch, read, and save a new copy
 * only when it reads successfully.  Returns CHANGED when any saved copy changed (redraw
 * from the saved copies: sp_run_load with offline set), else FAILED when any poll failed
 * (its feed backs off: sp_feed_backoff), else UNCHANGED.  log gets one line per feed
 * that changed or failed ("" when none), without a trailing newline.
 */
enum sp_feed_change sp_feed_refresh(struct sp_feed_watch *w, time_t now, char *log,
                                    size_t size);

#endif
