/*
 * curl_lazy.h - libcurl opened (dlopen) the first time a feed is read, not at start-up:
 * its 33 libraries doubled the start-up of every run (about 10 ms; issue 17), and most
 * runs read files.  fetch.c calls curl through this table.
 *
 * Owns: the library handle, once per process.  Must not: be used before sp_curl_load.
 */
#ifndef SP_CURL_LAZY_H
#define SP_CURL_LAZY_H

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

struct sp_curl_api {
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
    void (*free)(void *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
};

/*
 * Load libcurl (once; thread-safe).  Returns its functions, or NULL with *why (a static
 * string: the loader's message) when it cannot be loaded.
 */
const struct sp_curl_api *sp_curl_load(const char **why);

/* The functions: libcurl's when it loaded, else stand-ins that fail (NULL handles,
   error codes) and never crash. */
const struct sp_curl_api *sp_curl(void);

#endif
