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

/* A writable fontconfig cache folder (created). */
const char *sp_paths_cachedir(struct sp_arena *a);

/* Make a string safe as one file-name component: no '/', no leading '.', no control
   characters; spaces become '-'; "" becomes "unnamed". */
const char *sp_paths_safe_name(const char *s, struct sp_arena *a);

#endif
