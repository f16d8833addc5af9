/*
 * test.h - a header-only TAP test framework for the unit tests.
 *
 * Usage: int main(int argc, char **argv) { test_init(argc, argv); ... return test_done(); }
 * Each check prints "ok N - name" or "not ok N - name" with the failing expression.
 * -f NAME runs only the test functions whose name contains NAME (TEST_RUN).
 */
#ifndef SP_TEST_H
#define SP_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_count, test_failed;
static const char *test_filter;

static inline void test_init(int argc, char **argv)
{
    for (int i = 1; i < argc - 1; i++)
        if (!strcmp(argv[i], "-f"))
            test_filter = argv[i + 1];
}

static inline int test_done(void)
{
    printf("1..%d\n", test_count);
    return test_failed ? 1 : 0;
}

static inline int test_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#include <stdarg.h>
static inline int test_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    test_count++;
    printf("%sok %d - ", cond ? "" : "not ", test_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond) {
        test_failed++;
        printf("#   failed at %s:%d\n", file, line);
    }
    fflush(stdout);
    return cond;
}

/* Run a test function if it matches -f. */
#define TEST_RUN(fn) \
    do { if (!test_filter || strstr(#fn, test_filter)) { printf("# %s\n", #fn); fn(); } } while (0)

#define OK(cond, ...) test_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define EQ_INT(got, want, name) \
    do { long long g_ = (long long)(got), w_ = (long long)(want); \
         if (!test_ok(g_ == w_, __FILE__, __LINE__, "%s", name)) \
             printf("#   got %lld, want %lld (%s)\n", g_, w_, #got); } while (0)

#define EQ_STR(got, want, name) \
    do { const char *g_ = (got), *w_ = (want); \
         int same_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && !strcmp(g_, w_)); \
         if (!test_ok(same_, __FILE__, __LINE__, "%s", name)) \
             printf("#   got '%s', want '%s' (%s)\n", g_ ? g_ : "(null)", \
                    w_ ? w_ : "(null)", #got); } while (0)

#define NEAR(got, want, tol, name) \
    do { double g_ = (got), w_ = (want); \
         if (!test_ok(fabs(g_ - w_) <= (tol), __FILE__, __LINE__, "%s", name)) \
             printf("#   got %.4f, want %.4f +- %.4f (%s)\n", g_, w_, (double)(tol), #got); \
    } while (0)

#endif
