/*
 * test_mem.c - struct sp_arena: strings packed end to end, objects aligned to 16 bytes and
 * zeroed, big allocations in blocks of their own, everything intact across block ends.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../test.h"
#include "base/mem.h"

static void test_strings_packed(void)
{
    struct sp_arena a;
    char *s1, *s2, *s3;

    sp_arena_init(&a);
    s1 = sp_arena_strdup(&a, "7pm");
    s2 = sp_arena_strdup(&a, "Hall");
    s3 = sp_arena_printf(&a, "%d:%02d", 19, 30);
    OK(s2 == s1 + 4, "a string starts right after the last one's NUL (no padding)");
    OK(s3 == s2 + 5, "printf's strings too");
    EQ_STR(s1, "7pm", "first string intact");
    EQ_STR(s2, "Hall", "second string intact");
    EQ_STR(s3, "19:30", "third string intact");
    EQ_INT(a.used_total, 4 + 5 + 6, "bytes handed out are the strings' bytes");
    OK(sp_arena_strdup(&a, NULL) == NULL, "strdup(NULL) is NULL");
    sp_arena_free(&a);
}

static void test_objects_aligned(void)
{
    struct sp_arena a;
    bool aligned = true, zero = true;

    sp_arena_init(&a);
    for (int i = 0; i < 2000; i++) {
        unsigned char *o;

        sp_arena_strndup(&a, "abcdefghijklmnopqrstuvwxyz", (size_t)(i % 23));
        o = sp_arena_alloc(&a, (size_t)(1 + i % 40));
        aligned &= ((uintptr_t)o % 16) == 0;
        for (int k = 0; k < 1 + i % 40; k++)
            zero &= o[k] == 0;
        memset(o, 0xAB, (size_t)(1 + i % 40));  /* the next string must not land on it */
        aligned &= ((uintptr_t)sp_arena_alloc_uninit(&a, 3) % 16) == 0;
    }
    OK(aligned, "every object after a string is aligned to 16 bytes");
    OK(zero, "every object is zeroed");
    sp_arena_free(&a);
}

/* Strings across many 64 KiB blocks, with big allocations between: none overwritten. */
static void test_blocks(void)
{
    struct sp_arena a;
    char *v[5000];
    unsigned char *big[4];
    bool intact = true, big_ok = true;

    sp_arena_init(&a);
    for (int i = 0; i < 5000; i++) {
        char want[64];

        snprintf(want, sizeof want, "meeting %d at the %s hall", i, i % 2 ? "church" : "town");
        v[i] = sp_arena_strdup(&a, want);
        if (i % 1250 == 0) {
            big[i / 1250] = sp_arena_alloc(&a, 40000 + (size_t)i);
            memset(big[i / 1250], i / 1250 + 1, 40000 + (size_t)i);
        }
    }
    for (int i = 0; i < 5000; i++) {
        char want[64];

        snprintf(want, sizeof want, "meeting %d at the %s hall", i, i % 2 ? "church" : "town");
        intact &= !strcmp(v[i], want);
    }
    for (int b = 0; b < 4; b++)
        for (size_t k = 0; k < 40000 + (size_t)b * 1250; k++)
            big_ok &= big[b][k] == b + 1;
    OK(intact, "5,000 strings over several blocks are intact");
    OK(big_ok, "big allocations between them are intact");
    sp_arena_free(&a);
    OK(a.head == NULL && a.used_total == 0, "free empties the arena");
    OK(!strcmp(sp_arena_strdup(&a, "again"), "again"), "usable again after free");
    sp_arena_free(&a);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_strings_packed);
    TEST_RUN(test_objects_aligned);
    TEST_RUN(test_blocks);
    return test_done();
}
