/*
 * mem.c - xmalloc family and the arena.  With -DSP_TEST, SP_TEST_ALLOC_FAIL=N makes
 * the Nth allocation fail, to test the out-of-memory path.
 */
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void oom(void)
{
    fputs("signpost: out of memory\n", stderr);
    exit(4);
}

#ifdef SP_TEST
static int should_fail(void)
{
    static long count, fail_at = -1;
    if (fail_at < 0) {
        const char *s = getenv("SP_TEST_ALLOC_FAIL");
        fail_at = s ? strtol(s, NULL, 10) : 0;
    }
    return fail_at > 0 && ++count == fail_at;
}
#else
#define should_fail() 0
#endif

void *xmalloc(size_t n)
{
    void *p = should_fail() ? NULL : malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = should_fail() ? NULL : calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = should_fail() ? NULL : realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

struct sp_arena_block {
    struct sp_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

#define BLOCK_SIZE (64 * 1024)

void sp_arena_init(struct sp_arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

void sp_arena_free(struct sp_arena *a)
{
    struct sp_arena_block *b = a->head;
    while (b) {
        struct sp_arena_block *next = b->next;
        free(b);
        b = next;
    }
    sp_arena_init(a);
}

/*
 * Bump-allocate n bytes, not zeroed (strings are written over at once), at a multiple of
 * align (16 for objects; 1 for strings, which need none: issue 16, a model of short strings
 * was an eighth padding).
 */
static void *arena_raw(struct sp_arena *a, size_t n, size_t align)
{
    struct sp_arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    void *p;

    if (!b || at > b->size || b->size - at < n) {
        size_t size = n > BLOCK_SIZE / 4 ? (n + 15) & ~(size_t)15 : BLOCK_SIZE;
        b = xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        if (n > BLOCK_SIZE / 4 && a->head) {
            /* big allocation: own block, keep filling the current one */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
        at = 0;
    }
    p = b->data + at;
    b->used = at + n;
    a->used_total += n;
    return p;
}

void *sp_arena_alloc_uninit(struct sp_arena *a, size_t n)
{
    return arena_raw(a, n, 16);
}

void *sp_arena_alloc(struct sp_arena *a, size_t n)
{
    void *p = arena_raw(a, n, 16);
    memset(p, 0, n);
    return p;
}

char *sp_arena_strndup(struct sp_arena *a, const char *s, size_t n)
{
    char *p = arena_raw(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sp_arena_strdup(struct sp_arena *a, const char *s)
{
    return s ? sp_arena_strndup(a, s, strlen(s)) : NULL;
}

char *sp_arena_printf(struct sp_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    p = arena_raw(a, (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
