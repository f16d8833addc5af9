/*
 * atomic.c - whole-file writes through "<path>.tmp" and rename (see atomic.h).
 */
#include "atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

static int io_error(struct sp_error *err, const char *path, int e)
{
    return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", path,
                        strerror(e ? e : EIO));
}

int sp_atomic_write(const char *path, const void *data, size_t len, struct sp_error *err)
{
    struct stat st;
    char *tmp = NULL;
    const char *target = path;
    FILE *fp;
    int e = 0;

    /* Step 1: a device is written in place; anything else goes to <path>.tmp. */
    if (!(stat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
        size_t n = strlen(path);
        tmp = xmalloc(n + 5);
        memcpy(tmp, path, n);
        memcpy(tmp + n, ".tmp", 5);
        target = tmp;
    }
    fp = fopen(target, "wb");
    if (!fp) {
        e = errno;
        free(tmp);
        return io_error(err, path, e);
    }

    /* Step 2: every byte, then fclose (a full disk often shows up only there). */
    if (len && fwrite(data, 1, len, fp) != len)
        e = errno ? errno : EIO;
    if (fclose(fp) != 0 && !e)
        e = errno ? errno : EIO;

    /* Step 3: into place, or nothing left behind. */
    if (!e && tmp && rename(tmp, path) != 0)
        e = errno ? errno : EIO;
    if (e && tmp)
        unlink(tmp);
    free(tmp);
    return e ? io_error(err, path, e) : 0;
}
