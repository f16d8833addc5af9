/*
 * paths.c - data folder resolution and safe file names.
 */
#include "paths.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#ifndef SP_DATADIR
#define SP_DATADIR "/usr/local/share/signpost"
#endif

static int is_datadir(const char *d)
{
    char *l = g_build_filename(d, "layouts", NULL);
    char *f = g_build_filename(d, "fonts", NULL);
    int ok = g_file_test(l, G_FILE_TEST_IS_DIR) && g_file_test(f, G_FILE_TEST_IS_DIR);
    g_free(l);
    g_free(f);
    return ok;
}

const char *sp_paths_datadir(const char *option, const char *argv0, struct sp_arena *a,
                             struct sp_error *err)
{
    const char *env = getenv("SIGNPOST_DATA");
    char *dir;

    if (option) {
        if (!is_datadir(option)) {
            sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                         "--data-dir: '%s' has no layouts/ and fonts/ folders", option);
            return NULL;
        }
        return sp_arena_strdup(a, option);
    }
    if (env && *env) {
        if (!is_datadir(env)) {
            sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                         "SIGNPOST_DATA: '%s' has no layouts/ and fonts/ folders", env);
            return NULL;
        }
        return sp_arena_strdup(a, env);
    }
    if (is_datadir(SP_DATADIR))
        return SP_DATADIR;
    if (argv0 && strchr(argv0, '/')) {
        /* next to the program: a build in the source tree (build/..), or an installed one
           (bin/../share/signpost, as `make install` lays it out) */
        static const char *const rel[] = { "..", "../share/signpost" };
        char *bin = g_path_get_dirname(argv0);
        for (size_t i = 0; i < G_N_ELEMENTS(rel); i++) {
            dir = g_build_filename(bin, rel[i], NULL);
            if (is_datadir(dir)) {
                const char *r = sp_arena_strdup(a, dir);
                g_free(dir);
                g_free(bin);
                return r;
            }
            g_free(dir);
        }
        g_free(bin);
    }
    sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0,
                 "cannot find signpost's data (layouts/ and fonts/); use --data-dir");
    return NULL;
}

const char *sp_paths_cachedir(struct sp_arena *a)
{
    char *dir = g_build_filename(g_get_user_cache_dir(), "signpost", "fontconfig", NULL);
    const char *r;

    if (g_mkdir_with_parents(dir, 0755) != 0) {
        g_free(dir);
        dir = g_build_filename(g_get_tmp_dir(), "signpost-fontconfig", NULL);
        g_mkdir_with_parents(dir, 0700);
    }
    r = sp_arena_strdup(a, dir);
    g_free(dir);
    return r;
}

const char *sp_paths_safe_name(const char *s, struct sp_arena *a)
{
    size_t len = s ? strlen(s) : 0;
    char *out = sp_arena_alloc(a, len + 8);
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' ||
            c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
            continue;
        if (c == ' ')
            c = '-';
        if (c == '.' && (n == 0 || out[n - 1] == '.'))
            continue;  /* no leading dot, no ".." */
        out[n++] = (char)c;
    }
    while (n > 0 && (out[n - 1] == '.' || out[n - 1] == '-'))
        n--;
    if (n == 0)
        return "unnamed";
    out[n] = '\0';
    return out;
}
