/*
 * test_match.c - names as people type them: case and accents ignored, and the nearest
 * name for "did you mean" (base/match.c).
 */
#include <glib.h>

#include "base/match.h"
#include "../test.h"

static void test_equal(void)
{
    static const struct { const char *a, *b; int eq; } cases[] = {
        /*  0*/ { "Cardiff", "cardiff", 1 },
        /*  1*/ { "Ynys M\xc3\xb4n", "ynys mon", 1 },
        /*  2*/ { "Z\xc3\xbcrich", "ZURICH", 1 },
        /*  3*/ { "poster_a4", "Poster-A4", 1 },
        /*  4*/ { "  Bath ", "bath", 1 },
        /*  5*/ { "T\xc5\xb6", "t\xc5\xb7", 1 },
        /*  6*/ { "Cardiff", "Cardif", 0 },
        /*  7*/ { "Bath", "Bristol", 0 },
        /*  8*/ { "Ab", "X\xc3\xbc", 0 },
        /*  9*/ { NULL, "x", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "equal %zu", i);
        EQ_INT(sp_match_equal(cases[i].a, cases[i].b), cases[i].eq, name);
    }
}

static void test_suggest(void)
{
    static const char *const regions[] = { "Cardiff", "Ynys M\xc3\xb4n", "Bristol", "Bath" };
    static const char *const options[] = { "region", "fellowship", "format", "formats" };
    static const struct { const char *want; const char *const *names; size_t n; const char *best; }
    cases[] = {
        /*  0*/ { "Cardif", regions, 4, "Cardiff" },
        /*  1*/ { "Ynys-Mon", regions, 4, "Ynys M\xc3\xb4n" },
        /*  2*/ { "Bristl", regions, 4, "Bristol" },
        /*  3*/ { "Leeds", regions, 4, NULL },
        /*  4*/ { "regoin", options, 4, "region" },
        /*  5*/ { "felowship", options, 4, "fellowship" },
        /*  6*/ { "form", options, 4, "format" },
        /*  7*/ { "x", options, 4, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "suggest %zu", i);
        EQ_STR(sp_match_suggest(cases[i].want, cases[i].names, cases[i].n), cases[i].best, name);
    }
    {
        char *f = sp_match_fold(" Caf\xc3\xa9_Bar ");
        EQ_STR(f, "cafe-bar", "fold: accents off, lower case, '_' as '-', trimmed");
        g_free(f);
    }
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    TEST_RUN(test_equal);
    TEST_RUN(test_suggest);
    return test_done();
}
