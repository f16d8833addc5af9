/*
 * types.h - the Meeting Guide meeting-type table (code -> English label), built in,
 * with the few codes that mean something else in another fellowship.
 *
 * Owns: the const table.  Must not: allocate, print, or know any input format.
 */
#ifndef SP_TYPES_H
#define SP_TYPES_H

#include <stdbool.h>

/*
 * Look up a type code for a fellowship (NULL = Alcoholics Anonymous), ignoring case:
 * "o", "O" and " O " are all "Open".  Returns the English label and sets *canon to the
 * spec's spelling of the code ("12x12", "ONL"); NULL when the code is unknown.
 */
const char *sp_type_label(const char *code, const char *fellowship, const char **canon);

/*
 * Find the code for an English label as a spreadsheet may hold it ("Wheelchair Access",
 * "open", "Online Meeting"), ignoring case and spaces at the ends; NULL if none.
 */
const char *sp_type_code_for_label(const char *label, const char *fellowship);

#endif
