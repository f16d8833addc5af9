/*
 * test_atomic.c - base/atomic.c: the temporary file (beside the target, unique, a fresh
 * regular file, the umask's mode, a long name cut), close/commit/abandon, the registry,
 * and the signal handler in forked children (SIGTERM removes the file and still kills with
 * SIGTERM; an ignored SIGHUP stays ignored; a child never removes its parent's files).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test.h"
#include "base/atomic.h"

static char dir[] = "/tmp/sp_atomicXXXXXX";

static const char *at(const char *name)
{
    static char buf[4][1024];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int exists(const char *p)
{
    struct stat st;

    return lstat(p, &st) == 0;
}

/* Files in dir whose names end in ".tmp". */
static int count_tmp(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    while (d && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        n += len > 4 && !strcmp(de->d_name + len - 4, ".tmp");
    }
    if (d)
        closedir(d);
    return n;
}

static char *slurp(const char *p)
{
    static char buf[256];
    FILE *fp = fopen(p, "rb");
    size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;

    if (fp)
        fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void test_temporary_name(void)
{
    struct sp_atomic_file f, g;
    struct sp_error err = { 0 };
    struct stat st;
    const char *path = at("poster.pdf");
    const char *base;
    mode_t um = umask(022);

    EQ_INT(sp_atomic_open(&f, path, 0666, &err), 0, "open");
    OK(f.tmp != NULL, "a temporary file for a new path");
    OK(f.tmp && !strncmp(f.tmp, dir, strlen(dir)) && f.tmp[strlen(dir)] == '/',
       "beside the target, in the same folder");
    base = f.tmp ? strrchr(f.tmp, '/') + 1 : "";
    OK(strlen(base) == strlen("poster.pdf.XXXXXX.tmp") && !strncmp(base, "poster.pdf.", 11) &&
       !strcmp(base + 17, ".tmp") && strstr(base, "XXXXXX") == NULL,
       "named poster.pdf.<6 random>.tmp (%s)", base);
    OK(lstat(f.tmp, &st) == 0 && S_ISREG(st.st_mode), "a regular file, not a link");
    EQ_INT(st.st_mode & 0777, 0644, "mode 0666 less the umask, as fopen gives");
    OK(!exists(path), "nothing at the target yet");
    EQ_INT(sp_atomic_live_count(), 1, "registered");

    EQ_INT(sp_atomic_open(&g, path, 0666, &err), 0, "a second open of the same path");
    OK(f.tmp && g.tmp && strcmp(f.tmp, g.tmp), "gets another temporary name");
    EQ_INT(sp_atomic_live_count(), 2, "both registered");
    fputs("second", g.fp);
    fputs("first", f.fp);
    EQ_INT(sp_atomic_close(&g, 0, &err), 0, "close");
    EQ_INT(sp_atomic_commit(&g, &err), 0, "commit the second");
    EQ_STR(slurp(path), "second", "the target holds the second");
    EQ_INT(sp_atomic_commit(&f, &err), 0, "commit the first (closed by commit)");
    EQ_STR(slurp(path), "first", "then the first, whole");
    EQ_INT(sp_atomic_live_count(), 0, "nothing registered");
    EQ_INT(count_tmp(), 0, "no temporary file left");
    umask(um);
}

static void test_long_name(void)
{
    struct sp_atomic_file f;
    struct sp_error err = { 0 };
    char name[260], *base;

    /* 251 bytes: "a", 124 two-byte 'ŵ' and ".x"; the temporary name must cut it, and byte
       244 is the second byte of a 'ŵ' */
    strcpy(name, "a");
    for (int i = 0; i < 124; i++)
        strcat(name, "\xc5\xb5");
    strcat(name, ".x");
    EQ_INT(sp_atomic_open(&f, at(name), 0666, &err), 0, "a 251-byte name opens");
    base = f.tmp ? strrchr(f.tmp, '/') + 1 : NULL;
    OK(base && strlen(base) <= 255, "temporary name within 255 bytes (%zu)",
       base ? strlen(base) : 0);
    OK(base && strlen(base) == 243 + 11, "cut on a character boundary: 243 bytes + 11");
    EQ_INT(sp_atomic_commit(&f, &err), 0, "renamed to the full name");
    OK(exists(at(name)), "the full 251-byte name exists");
    unlink(at(name));
}

static void test_failures(void)
{
    struct sp_atomic_file f;
    struct sp_error err = { 0 };
    char want[1200];

    /* an earlier write error: nothing left, the old file kept */
    EQ_INT(sp_atomic_write(at("keep.txt"), "old", 3, &err), 0, "old file written");
    EQ_INT(sp_atomic_open(&f, at("keep.txt"), 0666, &err), 0, "open");
    fputs("partial", f.fp);
    EQ_INT(sp_atomic_close(&f, ENOSPC, &err), -1, "close with a write error fails");
    snprintf(want, sizeof want, "cannot write '%s': No space left on device", at("keep.txt"));
    EQ_STR(err.msg, want, "the message names the target");
    EQ_STR(slurp(at("keep.txt")), "old", "the old file is untouched");
    EQ_INT(count_tmp(), 0, "no temporary file left");
    EQ_INT(sp_atomic_live_count(), 0, "nothing registered");

    /* abandon */
    EQ_INT(sp_atomic_open(&f, at("keep.txt"), 0666, &err), 0, "open");
    sp_atomic_abandon(&f);
    sp_atomic_abandon(&f);
    EQ_INT(count_tmp(), 0, "abandon removes it (twice is harmless)");

    /* a folder where the file should be: fails, nothing made */
    mkdir(at("folder.pdf"), 0755);
    memset(&err, 0, sizeof err);
    EQ_INT(sp_atomic_write(at("folder.pdf"), "x", 1, &err), -1, "a folder at the target fails");
    snprintf(want, sizeof want, "cannot write '%s': Is a directory", at("folder.pdf"));
    EQ_STR(err.msg, want, "EISDIR message");
    rmdir(at("folder.pdf"));

    /* a missing folder */
    memset(&err, 0, sizeof err);
    EQ_INT(sp_atomic_write(at("none/x.pdf"), "x", 1, &err), -1, "missing folder fails");
    snprintf(want, sizeof want, "cannot write '%s': No such file or directory", at("none/x.pdf"));
    EQ_STR(err.msg, want, "ENOENT message");

    /* a device is written in place */
    memset(&err, 0, sizeof err);
    EQ_INT(sp_atomic_write("/dev/null", "x", 1, &err), 0, "/dev/null written directly");
    EQ_INT(sp_atomic_write("/dev/full", "x", 1, &err), -1, "/dev/full: ENOSPC");
    EQ_STR(err.msg, "cannot write '/dev/full': No space left on device", "ENOSPC message");
    EQ_INT(sp_atomic_live_count(), 0, "nothing registered");
}

static void test_symlinks(void)
{
    struct sp_error err = { 0 };
    char buf[8] = "";
    FILE *fp;

    /* a link planted at the old fixed name and at the template itself is never followed */
    fp = fopen(at("victim"), "w");
    fputs("victim", fp);
    fclose(fp);
    OK(symlink(at("victim"), at("out.pdf.tmp")) == 0 &&
       symlink(at("victim"), at("out.pdf.XXXXXX.tmp")) == 0, "links planted");
    EQ_INT(sp_atomic_write(at("out.pdf"), "new", 3, &err), 0, "written");
    EQ_STR(slurp(at("victim")), "victim", "the file the links point to is untouched");
    EQ_STR(slurp(at("out.pdf")), "new", "the output is there");
    OK(readlink(at("out.pdf.tmp"), buf, sizeof buf - 1) > 0, "the planted link is still a link");
    unlink(at("out.pdf.tmp"));
    unlink(at("out.pdf.XXXXXX.tmp"));

    /* a link at the target itself is replaced, not written through */
    OK(symlink(at("victim"), at("link.pdf")) == 0, "link at the target");
    EQ_INT(sp_atomic_write(at("link.pdf"), "new", 3, &err), 0, "written");
    EQ_STR(slurp(at("victim")), "victim", "not written through the link");
    unlink(at("link.pdf"));
}

/* In a child: open an atomic file, send its name to the parent, then raise sig. */
static void child(int fd, int sig, int ignore, const char *path)
{
    struct sp_atomic_file f;
    struct sp_error err = { 0 };

    /* as a foreground run starts (a test run in the background may inherit SIGINT ignored) */
    signal(sig, ignore ? SIG_IGN : SIG_DFL);
    sp_atomic_install_cleanup();
    if (sp_atomic_open(&f, path, 0666, &err) != 0)
        _exit(90);
    fputs("partial", f.fp);
    fflush(f.fp);
    if (write(fd, f.tmp, strlen(f.tmp) + 1) < 0)
        _exit(91);
    raise(sig);
    /* only when the signal is ignored */
    _exit(exists(f.tmp) ? 42 : 43);
}

static void run_child(int sig, int ignore, int *status, char *tmp, size_t size)
{
    int p[2];
    pid_t pid;
    ssize_t n;

    tmp[0] = '\0';
    if (pipe(p) != 0)
        return;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        child(p[1], sig, ignore, at("killed.pdf"));
    }
    close(p[1]);
    n = read(p[0], tmp, size - 1);
    tmp[n > 0 ? n : 0] = '\0';
    close(p[0]);
    waitpid(pid, status, 0);
}

static void test_signals(void)
{
    static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
    static const char *const names[] = { "SIGTERM", "SIGINT", "SIGHUP" };
    char tmp[1100];
    int status;

    for (int i = 0; i < 3; i++) {
        run_child(sigs[i], 0, &status, tmp, sizeof tmp);
        OK(*tmp && !strncmp(tmp, dir, strlen(dir)), "%s: the child made %s", names[i], tmp);
        OK(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i],
           "%s: the child still dies of %s", names[i], names[i]);
        OK(*tmp && !exists(tmp), "%s: its temporary file is gone", names[i]);
        OK(!exists(at("killed.pdf")), "%s: nothing at the target", names[i]);
    }

    /* an ignored signal (nohup) stays ignored: the run goes on, the file stays */
    run_child(SIGHUP, 1, &status, tmp, sizeof tmp);
    OK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "ignored SIGHUP: the child carries on");
    unlink(tmp);

    /* a forked child killed never removes its parent's temporary files */
    {
        struct sp_atomic_file f;
        struct sp_error err = { 0 };
        pid_t pid;

        sp_atomic_install_cleanup();
        EQ_INT(sp_atomic_open(&f, at("parent.pdf"), 0666, &err), 0, "parent opens");
        fflush(stdout);
        pid = fork();
        if (pid == 0)
            raise(SIGTERM);
        waitpid(pid, &status, 0);
        OK(WIFSIGNALED(status), "the child died");
        OK(f.tmp && exists(f.tmp), "the parent's temporary file is still there");
        EQ_INT(sp_atomic_commit(&f, &err), 0, "and commits");
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
    }
    EQ_INT(count_tmp(), 0, "no temporary file left");
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    TEST_RUN(test_temporary_name);
    TEST_RUN(test_long_name);
    TEST_RUN(test_failures);
    TEST_RUN(test_symlinks);
    TEST_RUN(test_signals);
    {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            printf("# could not remove %s\n", dir);
    }
    return test_done();
}
