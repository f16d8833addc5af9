/*
 * fetch.h - one GET of a feed over HTTPS with libcurl, with the checks a feed needs:
 * https only (plain http only when asked, and never after a redirect), certificates
 * checked, redirects followed by hand (https only, no credentials, loops and chains longer
 * than SP_FETCH_MAX_REDIRECTS refused), a time-out, a size cap, gzip, a conditional request.
 *
 * Owns: the body and headers it returns (sp_fetch_result_release).  Must not: parse the
 * body, touch the cache, print or exit.  The only file that includes <curl/curl.h>.
 * Failures are described in words a clinic can act on ("could not reach example.org:
 * timed out after 20 s"), never with curl's error numbers.
 */
#ifndef SP_FETCH_H
#define SP_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/error.h"

#define SP_FETCH_TIMEOUT_DEFAULT 20L            /* seconds with nothing arriving */
#define SP_FETCH_TOTAL_LIMIT     600L           /* seconds for one whole download */
#define SP_FETCH_MAX_MB_DEFAULT  50L            /* size cap, MB (1 MB = 1,000,000 bytes) */
#define SP_FETCH_MAX_REDIRECTS   5

struct sp_fetch_opts {
    bool allow_http;             /* accept a plain http: address as given (not a redirect) */
    long timeout_s;              /* give up when nothing arrives for this long; 0 = default */
    size_t max_bytes;            /* largest body accepted after gzip decoding; 0 = default */
    const char *ca_file;         /* PEM file of trusted CA certificates, or NULL (system) */
    const char *if_none_match;   /* ETag of the copy we have, or NULL */
    const char *if_modified_since; /* Last-Modified of the copy we have, or NULL */
};

enum sp_fetch_status {
    SP_FETCH_OK = 0,             /* 200: body is a new copy */
    SP_FETCH_NOT_MODIFIED,       /* 304: the copy we have is current */
    SP_FETCH_FAILED              /* msg says why */
};

struct sp_fetch_result {
    enum sp_fetch_status status;
    char *body;                  /* OK: g_malloc'd, NUL-terminated (NUL not counted) */
    size_t len;
    char *etag;                  /* validators of the new copy, or NULL */
    char *last_modified;
    long http_status;            /* last HTTP status seen, 0 if none */
    char msg[512];               /* FAILED: one clause, no "signpost:" and no full stop */
};

/* True when s is written as an address ("scheme://..."), not a file name. */
bool sp_fetch_is_url(const char *s);

/*
 * Check an address the user gave, before any network use: https: (http: only with
 * allow_http), a host, and no user name or password in it.  Returns 0, or -1 with
 * SP_ERR_USAGE; messages never repeat a password.
 */
int sp_fetch_check_url(const char *url, bool allow_http, struct sp_error *err);

/* The host of url ("example.org", "127.0.0.1") into buf; "" when there is none. */
void sp_fetch_host(const char *url, char *buf, size_t size);

/* GET url.  Always fills *res (release it); returns res->status. */
enum sp_fetch_status sp_fetch(const char *url, const struct sp_fetch_opts *o,
                              struct sp_fetch_result *res);

void sp_fetch_result_release(struct sp_fetch_result *res);

#endif
