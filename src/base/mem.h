/*
 * mem.h - allocation that cannot fail (it exits 4 with "signpost: out of memory"),
 * and struct sp_arena, a bump allocator that owns everything parsed in one run.
 *
 * Owns: arena blocks until sp_arena_free().  Must not: be used for objects with
 * external lifetimes (PangoLayout, cairo surfaces, QRcode): those have _new/_free pairs.
 */
#ifndef SP_MEM_H
#define SP_MEM_H

#include <stddef.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct sp_arena_block;

struct sp_arena {
    struct sp_arena_block *head;
    size_t used_total;  /* bytes handed out, for the bench report */
};

void sp_arena_init(struct sp_arena *a);
/* Free every block; the arena can be used again afterwards. */
void sp_arena_free(struct sp_arena *a);
/* Zero-filled, aligned to 16 bytes; never NULL. */
void *sp_arena_alloc(struct sp_arena *a, size_t n);
/* The same, not zeroed: for buffers written in full at once. */
void *sp_arena_alloc_uninit(struct sp_arena *a, size_t n);
/* Strings are packed end to end (no alignment): never store anything else in them. */
char *sp_arena_strdup(struct sp_arena *a, const char *s);
char *sp_arena_strndup(struct sp_arena *a, const char *s, size_t n);
char *sp_arena_printf(struct sp_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
