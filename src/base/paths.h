/*
 * paths.h - where signpost's data (layouts/, fonts/) and caches live.
 *
 * Owns: the returned strings (arena).  Must not: open files other than to test that a
 * folder exists.  Order: --data-dir, $SIGNPOST_DATA, the compiled-in SP_DATADIR, then
 * the folder above the executable.
 */
#ifndef SP_PATHS_H
#define SP_PATHS_H

#include "error.h"
#include "mem.h"

/* Resolve the data folder (must contain layouts/ and fonts/).  SP_ERR_RESOURCE if none. */
const char *sp_paths_datadir(const char *option, const char *argv0, struct sp_arena *a,
                             struct sp_error *err);

/*
 * A writable fontconfig cache folder: $XDG_CACHE_HOME/signpost/fontconfig (by default
 * ~/.cache/signpost/fontconfig), made 0700.  When that cannot be made or written, a
 * private folder made by mkdtemp in $TMPDIR (or /tmp), the same for the whole process and
 * removed at exit; never a fixed name another user could have made first.  NULL only if
 * even that fails.
 */
const char *sp_paths_cachedir(struct sp_arena *a);

/* Make a string safe as one file-name component: no '/', no leading '.', no control
   characters; spaces become '-'; "" becomes "unnamed". */
const char *sp_paths_safe_name(const char *s, struct sp_arena *a);

/* The longest file name (one path component) most file systems take: NAME_MAX. */
#define SP_PATHS_NAME_MAX 255

/*
 * name if it has at most max bytes; else its first bytes, cut on a UTF-8 character
 * boundary, then "-" and the first 8 hex digits of the SHA-256 of the whole name, max
 * bytes in all (just the 8 digits when max is smaller than 10).  The same name always
 * gives the same result; two names cut to the same start still differ.
 */
const char *sp_paths_fit_name(const char *name, size_t max, struct sp_arena *a);

/*
 * The output path for one part of a split: "out/poster.pdf" + "Cardiff" ->
 * "out/poster-Cardiff.pdf".  The part is cleaned (sp_paths_safe_name) and shortened
 * (sp_paths_fit_name) so that the file name stays 20 bytes inside SP_PATHS_NAME_MAX,
 * leaving room for "-reading" and page numbers added later.  An -o name that is too long
 * by itself is left so, and the write reports it.
 */
const char *sp_paths_part(const char *path, const char *part, struct sp_arena *a);

#endif
