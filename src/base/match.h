/*
 * match.h - names as people type them: compared ignoring case and accents ("caerdydd"
 * is "Caerdydd", "zurich" is "Zürich"), and the nearest name for "did you mean".
 *
 * Owns: nothing beyond the call (sp_match_fold's result is the caller's, g_free).
 * Must not: print, or know what the names are.
 */
#ifndef SP_MATCH_H
#define SP_MATCH_H

#include <stdbool.h>
#include <stddef.h>

/* s without accents, case-folded, '_' as '-', blanks trimmed (g_free it). */
char *sp_match_fold(const char *s);

/* a and b are the same name, ignoring case and accents.  NULL matches nothing. */
bool sp_match_equal(const char *a, const char *b);

/*
 * The name among names[0..n) nearest to want, when near enough to be a typing mistake
 * (at most a third of its letters wrong, two at most, or want is the start of one), else
 * NULL.  Ties go to the first.
 */
const char *sp_match_suggest(const char *want, const char *const *names, size_t n);

#endif
