/*
 * fetch.c - one GET of a feed with libcurl, redirects followed by hand so that every
 * hop is checked (https only, no credentials, no loops) and each failure gets a
 * sentence a clinic can act on.
 *
 * Owns: one curl easy handle per call.  Must not: parse bodies, touch the cache, print.
 */
#include "fetch.h"

#include <glib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "curl_lazy.h"

/* libcurl's functions, from the library opened on first use (curl_lazy.h); curl.h
   defines two of the names as macros of its own */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init()        (sp_curl()->easy_init())
#define curl_easy_setopt(...)   (sp_curl()->easy_setopt(__VA_ARGS__))
#define curl_easy_perform(h)    (sp_curl()->easy_perform(h))
#define curl_easy_cleanup(h)    (sp_curl()->easy_cleanup(h))
#define curl_easy_getinfo(...)  (sp_curl()->easy_getinfo(__VA_ARGS__))
#define curl_easy_strerror(c)   (sp_curl()->easy_strerror(c))
#define curl_url()              (sp_curl()->url())
#define curl_url_cleanup(u)     (sp_curl()->url_cleanup(u))
#define curl_url_set(...)       (sp_curl()->url_set(__VA_ARGS__))
#define curl_url_get(...)       (sp_curl()->url_get(__VA_ARGS__))
#define curl_free(p)            (sp_curl()->free(p))
#define curl_slist_append(l, s) (sp_curl()->slist_append(l, s))
#define curl_slist_free_all(l)  (sp_curl()->slist_free_all(l))

#define USER_AGENT "signpost/" SP_VERSION " (meeting lists for print and screens)"
#define HEADER_MAX 1024  /* longer ETag / Last-Modified values are ignored */

bool sp_fetch_is_url(const char *s)
{
    size_t i = 0;

    if (!s || !g_ascii_isalpha(s[0]))
        return false;
    while (g_ascii_isalnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return !strncmp(s + i, "://", 3);
}

/* The scheme of a "scheme://" string, lower case, into buf. */
static void scheme_of(const char *s, char *buf, size_t size)
{
    size_t i = 0;

    while (s[i] && s[i] != ':' && i + 1 < size) {
        buf[i] = g_ascii_tolower(s[i]);
        i++;
    }
    buf[i] = '\0';
}

/* url with any user name and password taken out (for messages), g_malloc'd. */
static char *without_credentials(const char *url)
{
    CURLU *u = curl_url();
    char *s = NULL, *r;

    if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        curl_url_set(u, CURLUPART_USER, NULL, 0);
        curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
        curl_url_set(u, CURLUPART_OPTIONS, NULL, 0);
        curl_url_get(u, CURLUPART_URL, &s, 0);
    }
    if (s) {
        r = g_strdup(s);
    } else {
        /* not parsed: show it, with anything that may be a user name or password hidden */
        const char *at = strrchr(url, '@'), *start = strstr(url, "://");
        r = at && start && start < at ?
            g_strdup_printf("%.*s***%s", (int)(start + 3 - url), url, at) : g_strdup(url);
    }
    curl_free(s);
    curl_url_cleanup(u);
    return r;
}

void sp_fetch_host(const char *url, char *buf, size_t size)
{
    CURLU *u = curl_url();
    char *h = NULL;

    buf[0] = '\0';
    if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h)
        g_strlcpy(buf, h, size);
    curl_free(h);
    curl_url_cleanup(u);
}

/* Why url may not be fetched, or NULL when it may.  g_malloc'd.  first: the address the
   user gave (http: allowed with allow_http); otherwise a redirect target (https only). */
static char *url_problem(const char *url, bool allow_http, bool first)
{
    char scheme[16], *shown, *user = NULL, *pass = NULL, *host = NULL, *why = NULL;
    CURLU *u;

    scheme_of(url, scheme, sizeof scheme);
    u = curl_url();
    if (!u)
        return g_strdup("out of memory");
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        curl_url_cleanup(u);
        return g_strdup("it is not a valid web address");
    }
    curl_url_get(u, CURLUPART_USER, &user, 0);
    curl_url_get(u, CURLUPART_PASSWORD, &pass, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    shown = without_credentials(url);
    if ((user && *user) || (pass && *pass))
        why = g_strdup("it has a user name or password in it, which signpost never sends; "
                       "remove it (feeds are public)");
    else if (!strcmp(scheme, "file"))
        why = g_strdup(first ? "file: addresses are not read; give the file's path instead" :
                       "it is a file: address, which is never followed");
    else if (!strcmp(scheme, "http") && !(first && allow_http))
        why = g_strdup(first ? "it is not https; use the https:// address, or add "
                       "--allow-http to read it over plain http" :
                       "it is not https, and a redirect is only followed to https");
    else if (strcmp(scheme, "https") && strcmp(scheme, "http"))
        why = g_strdup_printf("%s: addresses are not read; only https:// (and http:// with "
                              "--allow-http)", scheme);
    else if (!host || !*host)
        why = g_strdup("it has no host name");
    g_free(shown);
    curl_free(user);
    curl_free(pass);
    curl_free(host);
    curl_url_cleanup(u);
    return why;
}

int sp_fetch_check_url(const char *url, bool allow_http, struct sp_error *err)
{
    const char *no_curl;
    char *why, *shown;
    int rc;

    if (!sp_curl_load(&no_curl))
        return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                            "cannot read web addresses: libcurl cannot be loaded (%s)",
                            no_curl);
    why = url_problem(url, allow_http, /*first*/ true);

    if (!why)
        return 0;
    shown = without_credentials(url);
    rc = sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0, "cannot read '%.300s': %s", shown, why);
    g_free(shown);
    g_free(why);
    return rc;
}

/* ---- one transfer ---- */

struct xfer {
    GString *body;
    size_t max;
    bool too_big;
    char *etag, *last_modified, *content_type;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;

    if (x->body->len + len > x->max) {
        x->too_big = true;
        return 0;  /* curl stops with CURLE_WRITE_ERROR */
    }
    g_string_append_len(x->body, p, (gssize)len);
    return len;
}

/* A header value, trimmed, printable ASCII only and not too long; else NULL. */
static char *header_value(const char *v, size_t len)
{
    while (len && (*v == ' ' || *v == '\t')) {
        v++;
        len--;
    }
    while (len && (v[len - 1] == '\r' || v[len - 1] == '\n' || v[len - 1] == ' ' ||
                   v[len - 1] == '\t'))
        len--;
    if (!len || len > HEADER_MAX)
        return NULL;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] >= 0x7F)
            return NULL;
    return g_strndup(v, len);
}

static void xfer_clear_headers(struct xfer *x)
{
    g_clear_pointer(&x->etag, g_free);
    g_clear_pointer(&x->last_modified, g_free);
    g_clear_pointer(&x->content_type, g_free);
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    static const struct { const char *name; size_t off; } keep[] = {
        { "etag:", offsetof(struct xfer, etag) },
        { "last-modified:", offsetof(struct xfer, last_modified) },
        { "content-type:", offsetof(struct xfer, content_type) },
    };
    struct xfer *x = ud;
    size_t len = size * n;

    if (len >= 5 && !g_ascii_strncasecmp(p, "HTTP/", 5)) {
        xfer_clear_headers(x);  /* a new response (after 100 Continue, or a redirect) */
        return len;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(keep); i++) {
        size_t kl = strlen(keep[i].name);
        if (len > kl && !g_ascii_strncasecmp(p, keep[i].name, kl)) {
            char **slot = (char **)((char *)x + keep[i].off);
            g_free(*slot);
            *slot = header_value(p + kl, len - kl);
        }
    }
    return len;
}

static const char *status_text(long st)
{
    switch (st) {
    case 400: return " Bad Request";
    case 401: return " Unauthorized";
    case 403: return " Forbidden";
    case 404: return " Not Found";
    case 410: return " Gone";
    case 429: return " Too Many Requests";
    case 500: return " Internal Server Error";
    case 502: return " Bad Gateway";
    case 503: return " Service Unavailable";
    case 504: return " Gateway Timeout";
    default:  return "";
    }
}

static void say(struct sp_fetch_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(struct sp_fetch_result *res, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(res->msg, sizeof res->msg, fmt, ap);
    va_end(ap);
    res->status = SP_FETCH_FAILED;
}

static void size_words(size_t bytes, char *buf, size_t size)
{
    if (bytes % 1000000 == 0)
        snprintf(buf, size, "%zu MB", bytes / 1000000);
    else
        snprintf(buf, size, "%zu bytes", bytes);
}

/* Put a failed transfer into words. */
static void describe_curl(struct sp_fetch_result *res, CURL *h, CURLcode rc,
                          const struct xfer *x, const char *host, long timeout,
                          const char *ca_file, const char *detail)
{
    curl_off_t got = 0, want = -1;
    double total = 0;
    char lim[32];

    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &total);
        if (total >= (double)SP_FETCH_TOTAL_LIMIT - 1)
            say(res, "the download from %s took longer than %ld minutes", host,
                SP_FETCH_TOTAL_LIMIT / 60);
        else
            say(res, "could not reach %s: timed out after %ld s", host, timeout);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        say(res, "could not reach %s: no such host name (check the address, and that this "
            "computer is online)", host);
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        say(res, "could not reach the proxy server (check the https_proxy setting)");
        break;
    case CURLE_COULDNT_CONNECT:
        say(res, "could not reach %s: the connection was refused (the server may be down)",
            host);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        say(res, "could not reach %s safely: its certificate could not be checked (%s)", host,
            detail);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        say(res, "could not reach %s safely: the secure connection failed (%s)", host, detail);
        break;
    case CURLE_SSL_CACERT_BADFILE:
        say(res, "cannot read the certificate file '%s'", ca_file ? ca_file : "(system)");
        break;
    case CURLE_FILESIZE_EXCEEDED:
        size_words(x->max, lim, sizeof lim);
        say(res, "the feed from %s is larger than %s (the limit; raise it with --max-size)",
            host, lim);
        break;
    case CURLE_WRITE_ERROR:
        size_words(x->max, lim, sizeof lim);
        if (x->too_big)
            say(res, "the feed from %s is larger than %s (the limit; raise it with "
                "--max-size)", host, lim);
        else
            say(res, "could not keep the feed from %s in memory", host);
        break;
    case CURLE_PARTIAL_FILE:
        curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &got);
        curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &want);
        if (want > 0)
            say(res, "the feed from %s was cut short: %lld of %lld bytes arrived", host,
                (long long)got, (long long)want);
        else
            say(res, "the feed from %s was cut short", host);
        break;
    case CURLE_BAD_CONTENT_ENCODING:
        say(res, "the feed from %s arrived damaged (its compression could not be undone)",
            host);
        break;
    case CURLE_GOT_NOTHING:
        say(res, "could not reach %s: the server closed the connection without answering",
            host);
        break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        say(res, "could not reach %s: the connection broke off", host);
        break;
    default:
        say(res, "could not reach %s: %s", host, detail[0] ? detail : curl_easy_strerror(rc));
        break;
    }
}

/* Does the body look like a web page rather than data? */
static bool looks_html(const struct xfer *x)
{
    const char *s = x->body->str;
    size_t i = 0, n = x->body->len;

    if (x->content_type && !g_ascii_strncasecmp(x->content_type, "text/html", 9))
        return true;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && g_ascii_isspace(s[i]))
        i++;
    return i < n && s[i] == '<';
}

static void describe_status(struct sp_fetch_result *res, long st, const char *host)
{
    const char *t = status_text(st);

    if (st == 404 || st == 410)
        say(res, "%s has no feed at this address (HTTP %ld%s): check the address", host, st, t);
    else if (st == 401 || st == 403)
        say(res, "%s refused to send the feed (HTTP %ld%s): it may need to be made public",
            host, st, t);
    else if (st == 429 || st == 503)
        say(res, "%s is busy (HTTP %ld%s): try again later", host, st, t);
    else if (st >= 500)
        say(res, "%s had a problem sending the feed (HTTP %ld%s): try again later, or tell "
            "the site's owner", host, st, t);
    else
        say(res, "%s answered HTTP %ld%s instead of sending the feed", host, st, t);
}

enum sp_fetch_status sp_fetch(const char *url, const struct sp_fetch_opts *o,
                              struct sp_fetch_result *res)
{
    struct sp_fetch_opts opts = { 0 };
    struct xfer x = { 0 };
    struct curl_slist *hdrs = NULL;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char errbuf[CURL_ERROR_SIZE], host[256], *cur = g_strdup(url), *why;
    CURL *h;

    /* Step 1: defaults, and the address itself */
    if (o)
        opts = *o;
    if (opts.timeout_s <= 0)
        opts.timeout_s = SP_FETCH_TIMEOUT_DEFAULT;
    if (!opts.max_bytes)
        opts.max_bytes = (size_t)SP_FETCH_MAX_MB_DEFAULT * 1000000;
    memset(res, 0, sizeof *res);
    res->status = SP_FETCH_FAILED;
    if (!sp_curl_load(NULL)) {
        say(res, "cannot read web addresses: libcurl cannot be loaded");
        g_hash_table_destroy(seen);
        g_free(cur);
        return res->status;
    }
    sp_fetch_host(url, host, sizeof host);
    why = url_problem(url, opts.allow_http, /*first*/ true);
    h = why ? NULL : curl_easy_init();
    if (why) {
        say(res, "cannot read this address: %s", why);
        g_free(why);
        goto out;
    }
    if (!h) {
        say(res, "could not start a download (out of memory)");
        goto out;
    }

    /* Step 2: what every request carries */
    x.body = g_string_new(NULL);
    x.max = opts.max_bytes;
    hdrs = curl_slist_append(hdrs, "Accept: application/json, text/csv;q=0.9, */*;q=0.1");
    if (opts.if_none_match) {
        char *line = g_strdup_printf("If-None-Match: %s", opts.if_none_match);
        hdrs = curl_slist_append(hdrs, line);
        g_free(line);
    }
    if (opts.if_modified_since) {
        char *line = g_strdup_printf("If-Modified-Since: %s", opts.if_modified_since);
        hdrs = curl_slist_append(hdrs, line);
        g_free(line);
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_USERAGENT, USER_AGENT);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (opts.ca_file)
        curl_easy_setopt(h, CURLOPT_CAINFO, opts.ca_file);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, opts.timeout_s);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, opts.timeout_s);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, SP_FETCH_TOTAL_LIMIT);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)opts.max_bytes);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);

    /* Step 3: one request per hop; redirects are checked before they are followed */
    for (int hop = 0;; hop++) {
        CURLcode rc;
        long st = 0;
        char *next = NULL;

        g_hash_table_add(seen, g_strdup(cur));
        g_string_truncate(x.body, 0);
        x.too_big = false;
        xfer_clear_headers(&x);
        errbuf[0] = '\0';
        curl_easy_setopt(h, CURLOPT_URL, cur);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR,
                         hop == 0 && opts.allow_http ? "http,https" : "https");
        rc = curl_easy_perform(h);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &st);
        res->http_status = st;
        if (rc != CURLE_OK) {
            describe_curl(res, h, rc, &x, host, opts.timeout_s, opts.ca_file, errbuf);
            break;
        }
        if (st == 301 || st == 302 || st == 303 || st == 307 || st == 308) {
            char target_host[256];
            curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &next);
            if (!next) {
                say(res, "%s sent a redirect without an address", host);
                break;
            }
            why = url_problem(next, false, /*first*/ false);
            if (why) {
                char *shown = without_credentials(next);
                say(res, "%s redirected to '%.200s'; not followed: %s", host, shown, why);
                g_free(shown);
                g_free(why);
                break;
            }
            if (g_hash_table_contains(seen, next)) {
                say(res, "%s redirects in a loop (back to '%.200s'): tell the site's owner",
                    host, next);
                break;
            }
            if (hop + 1 > SP_FETCH_MAX_REDIRECTS) {
                say(res, "%s redirected more than %d times; not followed further", host,
                    SP_FETCH_MAX_REDIRECTS);
                break;
            }
            sp_fetch_host(next, target_host, sizeof target_host);
            g_strlcpy(host, target_host, sizeof host);
            g_free(cur);
            cur = g_strdup(next);
            continue;
        }
        if (st == 304 && (opts.if_none_match || opts.if_modified_since)) {
            res->status = SP_FETCH_NOT_MODIFIED;
            res->etag = g_steal_pointer(&x.etag);
            res->last_modified = g_steal_pointer(&x.last_modified);
            break;
        }
        if (st != 200) {
            describe_status(res, st, host);
            break;
        }
        if (x.body->len == 0) {
            say(res, "%s sent an empty reply instead of the feed", host);
            break;
        }
        if (looks_html(&x)) {
            say(res, "%s sent a web page instead of the feed: check the address (it must be "
                "the feed itself, not a page that shows the meetings)", host);
            break;
        }
        res->status = SP_FETCH_OK;
        res->len = x.body->len;
        res->body = g_string_free(x.body, FALSE);
        x.body = NULL;
        res->etag = g_steal_pointer(&x.etag);
        res->last_modified = g_steal_pointer(&x.last_modified);
        break;
    }

out:
    if (x.body)
        g_string_free(x.body, TRUE);
    xfer_clear_headers(&x);
    curl_slist_free_all(hdrs);
    if (h)
        curl_easy_cleanup(h);
    g_hash_table_destroy(seen);
    g_free(cur);
    return res->status;
}

void sp_fetch_result_release(struct sp_fetch_result *res)
{
    g_free(res->body);
    g_free(res->etag);
    g_free(res->last_modified);
    memset(res, 0, sizeof *res);
}
