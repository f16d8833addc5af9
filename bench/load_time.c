/*
 * load_time.c - time loading and validating a directory inside one process, without the
 * process start-up (dynamic linking of cairo, pango and friends: about 4 ms) that a
 * whole `signpost check` run also pays.  Prints the median and the fastest of N loads in
 * milliseconds and the peak RSS.
 *
 *   load_time [--runs N] [--formats FILE] FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/error.h"
#include "base/mem.h"
#include "input/directory.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    struct sp_source_opts opts = { .format = SP_FORMAT_AUTO };
    const char *path = NULL;
    int runs = 10;
    double *t, first = 0;
    size_t n = 0;
    struct rusage ru;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--formats") && i + 1 < argc)
            opts.formats_path = argv[++i];
        else
            path = argv[i];
    }
    if (!path || runs < 1) {
        fprintf(stderr, "usage: load_time [--runs N] [--formats FILE] FILE\n");
        return 2;
    }
    t = xcalloc((size_t)runs, sizeof *t);
    for (int r = 0; r < runs; r++) {
        struct sp_arena a;
        struct sp_directory dir;
        struct sp_diag diag;
        struct sp_error err = { 0 };
        double t0 = now_ms();

        sp_arena_init(&a);
        sp_directory_init(&dir);
        sp_diag_init(&diag);
        if (sp_directory_load(&dir, path, &opts, &a, &diag, &err) != 0) {
            fprintf(stderr, "load_time: %s\n", err.msg);
            return 1;
        }
        t[r] = now_ms() - t0;
        if (r == 0)
            first = t[r];  /* a cold heap, as in a one-off run */
        n = dir.n;
        sp_diag_release(&diag);
        sp_directory_release(&dir);
        sp_arena_free(&a);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu meetings: first load %.1f ms; median %.1f ms, fastest %.1f ms over %d loads; "
           "peak RSS %.1f MB\n", n, first, t[runs / 2], t[0], runs, ru.ru_maxrss / 1024.0);
    free(t);
    return 0;
}
