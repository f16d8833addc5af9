/*
 * paths.c - data folder resolution, the font cache folder, and safe file names (cleaned,
 * and shortened with a stable hash when too long).
 */
#include "paths.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The private folder made when the user's cache folder cannot be used, removed at exit.
   A mutable global, as the folder outlives the command that asked for it. */
static char *private_cache;

static void remove_private_cache(void)
{
    GDir *d;
    const char *name;

    if (!private_cache)
        return;
    d = g_dir_open(private_cache, 0, NULL);
    while (d && (name = g_dir_read_name(d)) != NULL) {
        char *p = g_build_filename(private_cache, name, NULL);
        g_unlink(p);   /* fontconfig's cache files: plain files, no subfolders */
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(private_cache);
    g_free(private_cache);
    private_cache = NULL;
}

const char *sp_paths_cachedir(struct sp_arena *a)
{
    char *dir = g_build_filename(g_get_user_cache_dir(), "signpost", "fontconfig", NULL);
    const char *r;

    if (g_mkdir_with_parents(dir, 0700) == 0 && g_access(dir, W_OK | X_OK) == 0) {
        r = sp_arena_strdup(a, dir);
        g_free(dir);
        return r;
    }
    g_free(dir);
    /* never a fixed name under /tmp, which another user could have made first */
    if (!private_cache) {
        private_cache = g_dir_make_tmp("signpost-fontconfig-XXXXXX", NULL);
        if (private_cache)
            atexit(remove_private_cache);
    }
    return private_cache ? sp_arena_strdup(a, private_cache) : NULL;
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

/* The file name's length limit, less what is added to a part's name later: "-reading"
   (booklets' reading copy) and "-123456" (page numbers of PNG and SVG sets). */
#define PART_NAME_MAX (SP_PATHS_NAME_MAX - 20)
#define PART_HASH_LEN 8

const char *sp_paths_fit_name(const char *name, size_t max, struct sp_arena *a)
{
    size_t len = strlen(name), keep;
    char *sum;
    const char *r;

    if (len <= max)
        return name;
    /* "<cut>-<8 hex digits of the whole name's SHA-256>", cut on a character boundary */
    keep = max > PART_HASH_LEN + 1 ? max - PART_HASH_LEN - 1 : 0;
    while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
        keep--;
    while (keep > 0 && (name[keep - 1] == '-' || name[keep - 1] == '.'))
        keep--;   /* no "--" or ".-" where it was cut */
    sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, name, -1);
    r = keep ? sp_arena_printf(a, "%.*s-%.*s", (int)keep, name, PART_HASH_LEN, sum)
             : sp_arena_printf(a, "%.*s", PART_HASH_LEN, sum);
    g_free(sum);
    return r;
}

const char *sp_paths_part(const char *path, const char *part, struct sp_arena *a)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    const char *base = slash ? slash + 1 : path;
    const char *safe = sp_paths_safe_name(part, a);
    size_t used, room;

    if (dot && dot < base)
        dot = NULL;   /* no extension: "out.d/poster" */
    /* the file name is "<stem>-<part><ext>" */
    used = strlen(base) + 1;
    room = used < PART_NAME_MAX ? PART_NAME_MAX - used : 0;
    if (room < PART_HASH_LEN)
        room = PART_HASH_LEN;   /* the -o name alone is too long: the write will say so */
    safe = sp_paths_fit_name(safe, room, a);
    if (!dot)
        return sp_arena_printf(a, "%s-%s", path, safe);
    return sp_arena_printf(a, "%.*s-%s%s", (int)(dot - path), path, safe, dot);
}
