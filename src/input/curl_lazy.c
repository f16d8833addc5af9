/*
 * curl_lazy.c - libcurl through dlopen on first use (curl_lazy.h).  The one process-wide
 * state is the loaded table, set once under GOnce, as curl_global_init is once per process.
 */
#include "curl_lazy.h"

#include <dlfcn.h>
#include <glib.h>
#include <stddef.h>

#define SP_CURL_SONAME "libcurl.so.4"

/* stand-ins while libcurl is not loaded: every call fails cleanly */
static CURL *no_easy_init(void)
{
    return NULL;
}

static CURLcode no_easy_setopt(CURL *h, CURLoption o, ...)
{
    (void)h;
    (void)o;
    return CURLE_FAILED_INIT;
}

static CURLcode no_easy_perform(CURL *h)
{
    (void)h;
    return CURLE_FAILED_INIT;
}

static void no_easy_cleanup(CURL *h)
{
    (void)h;
}

static CURLcode no_easy_getinfo(CURL *h, CURLINFO i, ...)
{
    (void)h;
    (void)i;
    return CURLE_FAILED_INIT;
}

static const char *no_easy_strerror(CURLcode c)
{
    (void)c;
    return "libcurl is not loaded";
}

static CURLU *no_url(void)
{
    return NULL;
}

static void no_url_cleanup(CURLU *u)
{
    (void)u;
}

static CURLUcode no_url_set(CURLU *u, CURLUPart p, const char *s, unsigned int f)
{
    (void)u;
    (void)p;
    (void)s;
    (void)f;
    return CURLUE_OUT_OF_MEMORY;
}

static CURLUcode no_url_get(const CURLU *u, CURLUPart p, char **s, unsigned int f)
{
    (void)u;
    (void)p;
    (void)f;
    if (s)
        *s = NULL;
    return CURLUE_OUT_OF_MEMORY;
}

static void no_free(void *p)
{
    (void)p;
}

static struct curl_slist *no_slist_append(struct curl_slist *l, const char *s)
{
    (void)s;
    return l;
}

static void no_slist_free_all(struct curl_slist *l)
{
    (void)l;
}

static const struct sp_curl_api none = {
    no_easy_init, no_easy_setopt, no_easy_perform, no_easy_cleanup, no_easy_getinfo,
    no_easy_strerror, no_url, no_url_cleanup, no_url_set, no_url_get, no_free,
    no_slist_append, no_slist_free_all,
};

struct loaded {
    struct sp_curl_api api;
    const char *why;      /* NULL when loaded */
};

static gpointer load(gpointer data)
{
    struct loaded *l = g_new0(struct loaded, 1);
    void *h = dlopen(SP_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    void **slot = (void **)(void *)&l->api;
    static const char *const names[] = {
        "curl_easy_init", "curl_easy_setopt", "curl_easy_perform", "curl_easy_cleanup",
        "curl_easy_getinfo", "curl_easy_strerror", "curl_url", "curl_url_cleanup",
        "curl_url_set", "curl_url_get", "curl_free", "curl_slist_append",
        "curl_slist_free_all",
    };

    (void)data;
    G_STATIC_ASSERT(sizeof(struct sp_curl_api) == G_N_ELEMENTS(names) * sizeof(void *));
    if (!h) {
        const char *e = dlerror();
        l->why = g_intern_string(e ? e : "cannot load " SP_CURL_SONAME);
        return l;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        slot[i] = dlsym(h, names[i]);
        if (!slot[i]) {
            l->why = g_intern_string(names[i]);
            return l;
        }
    }
    return l;
}

static const struct loaded *loaded(void)
{
    static GOnce once = G_ONCE_INIT;

    return g_once(&once, load, NULL);
}

const struct sp_curl_api *sp_curl_load(const char **why)
{
    const struct loaded *l = loaded();

    if (why)
        *why = l->why;
    return l->why ? NULL : &l->api;
}

const struct sp_curl_api *sp_curl(void)
{
    const struct loaded *l = loaded();

    return l->why ? &none : &l->api;
}
