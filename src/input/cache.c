/*
 * cache.c - the feeds' last good copies: one .meta key file and one .body per address,
 * named from SHA-256 hashes only, each written to a temporary name and renamed, with an
 * fsync before the rename (base/atomic.h, as every file signpost writes).
 *
 * Owns: the files in its folder.  Must not: fetch, parse feeds, or print.
 */
#include "cache.h"

#include "../base/atomic.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define GROUP "feed"

void sp_cache_sha256(const char *data, size_t len, char out[65])
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);

    g_checksum_update(c, (const guchar *)data, (gssize)len);
    g_strlcpy(out, g_checksum_get_string(c), 65);
    g_checksum_free(c);
}

char *sp_cache_default_dir(void)
{
    return g_build_filename(g_get_user_cache_dir(), "signpost", "feeds", NULL);
}

static char *meta_path(const char *dir, const char *url)
{
    char key[65], name[80];

    sp_cache_sha256(url, strlen(url), key);
    snprintf(name, sizeof name, "%s.meta", key);
    return g_build_filename(dir, name, NULL);
}

static char *body_path(const char *dir, const char *url, const char *sha)
{
    char key[65], name[96];

    sp_cache_sha256(url, strlen(url), key);
    snprintf(name, sizeof name, "%s-%.16s.body", key, sha);
    return g_build_filename(dir, name, NULL);
}

static bool is_hex64(const char *s)
{
    size_t i;

    for (i = 0; s && i < 64; i++)
        if (!g_ascii_isxdigit(s[i]) || g_ascii_isupper(s[i]))
            return false;
    return s && s[i] == '\0';
}

void sp_cache_entry_release(struct sp_cache_entry *e)
{
    g_free(e->etag);
    g_free(e->last_modified);
    g_free(e->body);
    memset(e, 0, sizeof *e);
}

int sp_cache_lookup(const char *dir, const char *url, struct sp_cache_entry *e)
{
    GKeyFile *kf = g_key_file_new();
    char *path = meta_path(dir, url), *saved_url = NULL, *sha = NULL, *bpath = NULL;
    gint64 size;
    GStatBuf st;
    int rc = -1;

    memset(e, 0, sizeof *e);
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, NULL))
        goto out;
    saved_url = g_key_file_get_string(kf, GROUP, "url", NULL);
    sha = g_key_file_get_string(kf, GROUP, "sha256", NULL);
    size = g_key_file_get_int64(kf, GROUP, "size", NULL);
    if (!saved_url || strcmp(saved_url, url) || !is_hex64(sha) || size <= 0)
        goto out;
    bpath = body_path(dir, url, sha);
    if (g_stat(bpath, &st) != 0 || !S_ISREG(st.st_mode) || (gint64)st.st_size != size)
        goto out;
    g_strlcpy(e->sha256, sha, sizeof e->sha256);
    e->len = (size_t)size;
    e->etag = g_key_file_get_string(kf, GROUP, "etag", NULL);
    e->last_modified = g_key_file_get_string(kf, GROUP, "last-modified", NULL);
    e->fetched = (time_t)g_key_file_get_int64(kf, GROUP, "fetched", NULL);
    e->checked = (time_t)g_key_file_get_int64(kf, GROUP, "checked", NULL);
    if (e->checked < e->fetched)
        e->checked = e->fetched;
    rc = 0;
out:
    g_free(saved_url);
    g_free(sha);
    g_free(bpath);
    g_free(path);
    g_key_file_free(kf);
    if (rc != 0)
        sp_cache_entry_release(e);
    return rc;
}

int sp_cache_read_body(const char *dir, const char *url, struct sp_cache_entry *e)
{
    char *path = body_path(dir, url, e->sha256), *data = NULL, sha[65];
    gsize len = 0;

    g_clear_pointer(&e->body, g_free);
    if (!g_file_get_contents(path, &data, &len, NULL)) {
        g_free(path);
        return -1;
    }
    g_free(path);
    sp_cache_sha256(data, len, sha);
    if (len != e->len || strcmp(sha, e->sha256)) {
        g_free(data);
        return -1;
    }
    e->body = data;
    return 0;
}

static int write_file(const char *path, const char *data, size_t len, struct sp_error *err)
{
    struct sp_error e = { 0 };

    if (sp_atomic_write_mode(path, data, len, 0644, &e) != 0)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot save a copy of the feed: %s",
                            e.msg);
    return 0;
}

static int write_meta(const char *dir, const char *url, const struct sp_cache_entry *e,
                      struct sp_error *err)
{
    GKeyFile *kf = g_key_file_new();
    char *path = meta_path(dir, url), *text;
    gsize len = 0;
    int rc;

    g_key_file_set_string(kf, GROUP, "url", url);
    if (e->etag)
        g_key_file_set_string(kf, GROUP, "etag", e->etag);
    if (e->last_modified)
        g_key_file_set_string(kf, GROUP, "last-modified", e->last_modified);
    g_key_file_set_int64(kf, GROUP, "fetched", (gint64)e->fetched);
    g_key_file_set_int64(kf, GROUP, "checked", (gint64)e->checked);
    g_key_file_set_string(kf, GROUP, "sha256", e->sha256);
    g_key_file_set_int64(kf, GROUP, "size", (gint64)e->len);
    text = g_key_file_to_data(kf, &len, NULL);
    rc = write_file(path, text, len, err);
    g_free(text);
    g_free(path);
    g_key_file_free(kf);
    return rc;
}

static int make_dir(const char *dir, struct sp_error *err)
{
    if (g_mkdir_with_parents(dir, 0700) != 0)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot make the cache folder '%s': %s",
                            dir, g_strerror(errno));
    return 0;
}

int sp_cache_store(const char *dir, const char *url, const char *body, size_t len,
                   const char *etag, const char *last_modified, time_t now,
                   struct sp_error *err)
{
    struct sp_cache_entry old, e;
    char *bpath;
    bool had_old;
    int rc;

    if (make_dir(dir, err) != 0)
        return -1;
    had_old = sp_cache_lookup(dir, url, &old) == 0;

    /* Step 1: the body, under a name of its own, so the old copy stays whole until the
       .meta points at the new one */
    memset(&e, 0, sizeof e);
    sp_cache_sha256(body, len, e.sha256);
    e.len = len;
    e.etag = (char *)etag;
    e.last_modified = (char *)last_modified;
    e.fetched = now;
    e.checked = now;
    bpath = body_path(dir, url, e.sha256);
    rc = write_file(bpath, body, len, err);
    g_free(bpath);

    /* Step 2: the .meta, then the old body goes */
    if (rc == 0)
        rc = write_meta(dir, url, &e, err);
    if (rc == 0 && had_old && strncmp(old.sha256, e.sha256, 16)) {
        char *opath = body_path(dir, url, old.sha256);
        g_unlink(opath);
        g_free(opath);
    }
    if (had_old)
        sp_cache_entry_release(&old);
    return rc;
}

int sp_cache_touch(const char *dir, const char *url, const char *etag,
                   const char *last_modified, time_t now, struct sp_error *err)
{
    struct sp_cache_entry e;
    int rc;

    if (sp_cache_lookup(dir, url, &e) != 0)
        return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "the saved copy of the feed is gone");
    if (etag) {
        g_free(e.etag);
        e.etag = g_strdup(etag);
    }
    if (last_modified) {
        g_free(e.last_modified);
        e.last_modified = g_strdup(last_modified);
    }
    e.checked = now;
    rc = write_meta(dir, url, &e, err);
    sp_cache_entry_release(&e);
    return rc;
}
