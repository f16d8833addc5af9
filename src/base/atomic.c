/*
 * atomic.c - files written through a mkstemp temporary beside the target and renamed
 * (see atomic.h), and the registry that a signal handler empties.
 *
 * The registry is a list guarded by a spin lock (a C11 atomic_flag: lock-free, so usable in
 * a signal handler).  Normal code takes it only with SIGINT/SIGTERM/SIGHUP blocked in its
 * own thread, so the handler can never spin on a lock its own thread holds; a handler in
 * another thread waits the few instructions the holder needs.  The temporary file is
 * created and registered, and renamed and unregistered, inside the lock, so a signal sees
 * either no file or a registered one.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "mem.h"

/* The longest file name most file systems take (NAME_MAX), and what the temporary name
   adds to the target's: ".XXXXXX.tmp". */
#define NAME_LIMIT 255
#define TMP_SUFFIX ".XXXXXX.tmp"

struct sp_atomic_live {
    char *tmp;
    pid_t owner;                 /* a forked child must not remove its parent's files */
    struct sp_atomic_live *next;
};

/* The registry: the only mutable globals in signpost (a handler can reach nothing else). */
static struct sp_atomic_live *live_head;
static atomic_flag live_lock = ATOMIC_FLAG_INIT;
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void lock(sigset_t *old)
{
    sigset_t set;

    sigemptyset(&set);
    for (size_t i = 0; i < G_N_ELEMENTS(cleanup_signals); i++)
        sigaddset(&set, cleanup_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
    while (atomic_flag_test_and_set_explicit(&live_lock, memory_order_acquire))
        ;
}

static void unlock(const sigset_t *old)
{
    atomic_flag_clear_explicit(&live_lock, memory_order_release);
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Take l out of the list (the caller holds the lock). */
static void unlink_node(struct sp_atomic_live *l)
{
    for (struct sp_atomic_live **p = &live_head; *p; p = &(*p)->next) {
        if (*p == l) {
            *p = l->next;
            return;
        }
    }
}

static void on_signal(int sig)
{
    pid_t me = getpid();

    /* held by another thread for a few instructions at most; never released again here,
       so no new temporary file can appear before the signal ends the process */
    while (atomic_flag_test_and_set_explicit(&live_lock, memory_order_acquire))
        ;
    for (struct sp_atomic_live *l = live_head; l; l = l->next)
        if (l->owner == me)
            unlink(l->tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

void sp_atomic_install_cleanup(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cleanup_signals); i++) {
        struct sigaction sa, old;

        if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;  /* nohup, or a shell's background job: leave it ignored */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t j = 0; j < G_N_ELEMENTS(cleanup_signals); j++)
            sigaddset(&sa.sa_mask, cleanup_signals[j]);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

size_t sp_atomic_live_count(void)
{
    sigset_t old;
    size_t n = 0;

    lock(&old);
    for (struct sp_atomic_live *l = live_head; l; l = l->next)
        n++;
    unlock(&old);
    return n;
}

static int io_error(struct sp_error *err, const char *path, int e)
{
    return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot write '%s': %s", path,
                        strerror(e ? e : EIO));
}

/* "<dir>/<name>.XXXXXX.tmp", the name cut (on a UTF-8 boundary) to stay within NAME_MAX */
static char *tmp_template(const char *path)
{
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path), *t, *name;
    size_t n = strlen(base), max = NAME_LIMIT - (sizeof TMP_SUFFIX - 1);

    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
            n--;
    }
    name = g_strdup_printf("%.*s" TMP_SUFFIX, (int)n, base);
    t = g_build_filename(dir, name, NULL);
    g_free(name);
    g_free(base);
    g_free(dir);
    return t;
}

static void release(struct sp_atomic_file *f)
{
    free(f->path);
    g_free(f->tmp);
    if (f->live) {
        g_free(f->live->tmp);
        free(f->live);
    }
    memset(f, 0, sizeof *f);
}

int sp_atomic_open(struct sp_atomic_file *f, const char *path, unsigned mode,
                   struct sp_error *err)
{
    struct stat st;
    sigset_t old;
    int fd, e;

    memset(f, 0, sizeof *f);
    f->path = xstrdup(path);

    /* a device, FIFO or folder: written directly (a folder then fails to open) */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        f->fp = fopen(path, "wb");
        if (!f->fp) {
            e = errno;
            release(f);
            return io_error(err, path, e);
        }
        return 0;
    }

    f->tmp = tmp_template(path);
    f->live = xmalloc(sizeof *f->live);
    f->live->tmp = g_strdup(f->tmp);  /* filled in below, inside the lock */
    f->live->owner = getpid();
    f->live->next = NULL;

    /* O_CREAT | O_EXCL (g_mkstemp_full adds them): a fresh file, never through a symlink */
    lock(&old);
    fd = g_mkstemp_full(f->tmp, O_RDWR | O_CLOEXEC, (int)(mode ? mode : 0666));
    e = errno;
    if (fd >= 0) {
        strcpy(f->live->tmp, f->tmp);
        f->live->next = live_head;
        live_head = f->live;
    }
    unlock(&old);
    if (fd < 0) {
        release(f);
        return io_error(err, path, e);
    }
    f->fp = fdopen(fd, "w+b");
    if (!f->fp) {
        e = errno;
        close(fd);
        sp_atomic_abandon(f);
        return io_error(err, path, e);
    }
    return 0;
}

void sp_atomic_abandon(struct sp_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    f->fp = NULL;
    if (f->live) {
        sigset_t old;

        lock(&old);
        unlink(f->tmp);
        unlink_node(f->live);
        unlock(&old);
    }
    release(f);
}

int sp_atomic_close(struct sp_atomic_file *f, int werr, struct sp_error *err)
{
    int e = werr;

    if (!f->fp)
        return 0;
    /* fsync before the rename: after a power cut the name holds the old file or the whole
       new one, never an empty one (a device written directly is not synced) */
    if (!e && fflush(f->fp) != 0)
        e = errno ? errno : EIO;
    if (!e && f->tmp && fsync(fileno(f->fp)) != 0)
        e = errno ? errno : EIO;
    if (fclose(f->fp) != 0 && !e)
        e = errno ? errno : EIO;   /* a full disk often shows up only here */
    f->fp = NULL;
    if (e) {
        char *path = xstrdup(f->path);

        sp_atomic_abandon(f);
        io_error(err, path, e);
        free(path);
        return -1;
    }
    return 0;
}

int sp_atomic_commit(struct sp_atomic_file *f, struct sp_error *err)
{
    sigset_t old;
    int e = 0;

    if (f->fp && sp_atomic_close(f, 0, err) != 0)
        return -1;
    if (f->live) {
        lock(&old);
        if (rename(f->tmp, f->path) != 0) {
            e = errno ? errno : EIO;
            unlink(f->tmp);
        }
        unlink_node(f->live);
        unlock(&old);
    }
    if (e)
        io_error(err, f->path, e);
    release(f);
    return e ? -1 : 0;
}

int sp_atomic_write_mode(const char *path, const void *data, size_t len, unsigned mode,
                         struct sp_error *err)
{
    struct sp_atomic_file f;
    int werr = 0;

    if (sp_atomic_open(&f, path, mode, err) != 0)
        return -1;
    if (len && fwrite(data, 1, len, f.fp) != len)
        werr = errno ? errno : EIO;
    if (sp_atomic_close(&f, werr, err) != 0)
        return -1;
    return sp_atomic_commit(&f, err);
}

int sp_atomic_write(const char *path, const void *data, size_t len, struct sp_error *err)
{
    return sp_atomic_write_mode(path, data, len, 0666, err);
}
