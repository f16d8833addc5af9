/*
 * atomic.h - the one way signpost writes a file: the bytes go to a new temporary file
 * beside the target ("<name>.XXXXXX.tmp", made with mkstemp: unique, O_EXCL, so never a
 * symlink followed), which is flushed, fsync'd and renamed over the target only when every
 * write and the close have succeeded.  Live temporary files are listed in a small
 * registry that a SIGINT/SIGTERM/SIGHUP handler empties (unlink) before the signal is
 * raised again, so a stopped run leaves none behind.
 *
 * Owns: the registry (the only mutable global: a signal handler can reach nothing else).
 * Must not: know what the bytes mean, or print.
 */
#ifndef SP_ATOMIC_H
#define SP_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

struct sp_atomic_live;  /* registry entry (private) */

/* One file being written. */
struct sp_atomic_file {
    char *path;                  /* owned copy of the final path */
    char *tmp;                   /* owned temporary path, or NULL when path is written
                                    directly (an existing path that is not a regular file) */
    FILE *fp;                    /* open "w+b" (readable: the PDF writer maps it) until
                                    sp_atomic_close; NULL after */
    struct sp_atomic_live *live; /* the registry entry for tmp, or NULL */
};

/*
 * Open the file that will become path.  A path that exists and is not a regular file (a
 * device such as /dev/full or /dev/stdout, a FIFO) is opened and written directly, since
 * it cannot be renamed over.  Otherwise a temporary file is made beside it, with mode
 * (0666 when 0) less the umask, as fopen would give.  Returns 0, or -1 with SP_ERR_IO
 * "cannot write 'path': reason" (and nothing left behind).
 */
int sp_atomic_open(struct sp_atomic_file *f, const char *path, unsigned mode,
                   struct sp_error *err);

/*
 * Finish writing: fflush, fsync (temporary files only) and fclose.  werr is the errno of
 * an earlier failed write (0 = none).  On any error the temporary file is removed and -1
 * returned with SP_ERR_IO naming path; f is then released.  On success the temporary file
 * stays, complete, until sp_atomic_commit (so several files can be committed together).
 */
int sp_atomic_close(struct sp_atomic_file *f, int werr, struct sp_error *err);

/* Rename the closed temporary file over path (closing it first if still open) and
   release f.  Returns 0, or -1 with SP_ERR_IO; the temporary file is then removed. */
int sp_atomic_commit(struct sp_atomic_file *f, struct sp_error *err);

/* Give up: close, remove the temporary file, release f.  Safe on a released f. */
void sp_atomic_abandon(struct sp_atomic_file *f);

/*
 * Write len bytes of data to path through the above.  Returns 0, or -1 with SP_ERR_IO
 * "cannot write 'path': reason"; on failure nothing is left at path (an earlier file
 * there is kept) and no temporary file remains.  sp_atomic_write_mode sets the mode.
 */
int sp_atomic_write(const char *path, const void *data, size_t len, struct sp_error *err);
int sp_atomic_write_mode(const char *path, const void *data, size_t len, unsigned mode,
                         struct sp_error *err);

/*
 * Install the clean-up handler for SIGINT, SIGTERM and SIGHUP (main.c, once, before any
 * thread starts).  A signal that is ignored (SIG_IGN, as nohup does) stays ignored; a
 * signal a caller blocks and takes itself (kiosk --watch) never reaches the handler.  The
 * handler unlinks every live temporary file of this process, then the signal is raised
 * again with its default action, so the exit status still says which signal it was.
 */
void sp_atomic_install_cleanup(void);

/* Temporary files currently live in this process (for tests). */
size_t sp_atomic_live_count(void);

#endif
