/*
 * cache.h - the last good copy of each feed, kept under $XDG_CACHE_HOME/signpost/feeds/
 * (~/.cache/signpost/feeds/ when XDG_CACHE_HOME is unset).
 *
 * Per feed: KEY.meta (a GLib key file: url, ETag, Last-Modified, when fetched, when last
 * confirmed current, SHA-256 and size of the body) and KEY-HASH.body, where KEY is the
 * SHA-256 of the address and HASH the start of the body's SHA-256.  So no file name comes
 * from the address or from a header, and nothing is written outside the folder.  Each
 * file is written to a temporary name and renamed; a new body is in place before the
 * .meta that names it, so a crash leaves the old copy or the new one, never a mixture.
 *
 * Owns: the strings and body of a struct sp_cache_entry (sp_cache_entry_release).
 * Must not: fetch, parse feeds, print, or decide whether a copy is good (feed.c does).
 */
#ifndef SP_CACHE_H
#define SP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../base/error.h"

struct sp_cache_entry {
    char *etag;              /* validators the server sent with this copy, or NULL */
    char *last_modified;
    time_t fetched;          /* when this copy was downloaded (UTC seconds) */
    time_t checked;          /* when the server last confirmed it current (>= fetched) */
    char sha256[65];         /* of the body, lower-case hex */
    size_t len;              /* of the body */
    char *body;              /* after sp_cache_read_body: g_malloc'd, NUL-terminated */
};

/* The default cache folder ($XDG_CACHE_HOME/signpost/feeds), g_malloc'd; not created. */
char *sp_cache_default_dir(void);

/* Read url's entry (not its body).  0 when there is a saved copy whose body file is in
   place with the right size; -1 when there is none (nothing is reported). */
int sp_cache_lookup(const char *dir, const char *url, struct sp_cache_entry *e);

/* Read the body of a looked-up entry into e->body, checking its SHA-256.  0, or -1 when
   it is missing or damaged. */
int sp_cache_read_body(const char *dir, const char *url, struct sp_cache_entry *e);

/*
 * Save body as url's copy, fetched and confirmed at `now`, with its validators (NULL
 * when none).  Creates dir (0700) when needed; removes the body of the copy it replaces.
 * Returns 0, or -1 with SP_ERR_IO (the copy in use is still good).
 */
int sp_cache_store(const char *dir, const char *url, const char *body, size_t len,
                   const char *etag, const char *last_modified, time_t now,
                   struct sp_error *err);

/* The server confirmed url's copy at `now` (304): record it, and any new validators. */
int sp_cache_touch(const char *dir, const char *url, const char *etag,
                   const char *last_modified, time_t now, struct sp_error *err);

/* SHA-256 of data as lower-case hex into out[65]. */
void sp_cache_sha256(const char *data, size_t len, char out[65]);

void sp_cache_entry_release(struct sp_cache_entry *e);

#endif
