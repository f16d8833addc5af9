/*
 * atomic.h - write a whole file so that it appears only when complete: the bytes go to
 * "<path>.tmp" in the same folder, which is renamed to path once every write and the
 * fclose have succeeded.
 *
 * Owns: nothing after the call.  Must not: know what the bytes mean.
 */
#ifndef SP_ATOMIC_H
#define SP_ATOMIC_H

#include <stddef.h>

#include "error.h"

/*
 * Write len bytes of data to path.  A path that exists and is not a regular file (a
 * device such as /dev/full or /dev/stdout) is written directly, since it cannot be
 * renamed over.  Returns 0, or -1 with SP_ERR_IO "cannot write 'path': reason"; on
 * failure nothing is left at path (an earlier file there is kept) and no .tmp remains.
 */
int sp_atomic_write(const char *path, const void *data, size_t len, struct sp_error *err);

#endif
