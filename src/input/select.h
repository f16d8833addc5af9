/*
 * select.h - choose meetings from a directory: region/sub-region, weekdays, fellowship,
 * attendance, type codes, text search; temporarily closed left out unless asked for.
 * Shared by every command.
 *
 * Owns: the result array (caller frees with free()).  Must not: change the directory.
 */
#ifndef SP_SELECT_H
#define SP_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct sp_selection {
    const char *const *regions;  /* match region or sub-region, case-insensitive; none = all */
    size_t nregions;
    unsigned days;               /* SP_DAY_BIT mask; 0 = every day */
    const char *const *fellowships; /* case-insensitive, whole name or a prefix word
                                       ("AA" also matches by initials); none = all */
    size_t nfellowships;
    unsigned attendance;         /* mask of (1 << enum sp_attendance); 0 = all but closed */
    const char *const *types;    /* a meeting must have every one of these codes */
    size_t ntypes;
    const char *search;          /* case-insensitive substring of name, venue or town */
    bool include_closed;         /* keep temporarily closed meetings */
};

/*
 * Fill *out (malloc'd array of pointers into dir, in directory order) with the meetings
 * that match; returns how many.
 */
size_t sp_select(const struct sp_directory *dir, const struct sp_selection *sel,
                 const struct sp_meeting ***out);

/* True when m matches sel. */
bool sp_select_match(const struct sp_meeting *m, const struct sp_selection *sel);

/* Parse "mon,wed", "weekdays", "weekend", "all", "Mon-Fri", "sunday" into a day mask (the
   readers' sp_days_parse); -1 if bad. */
int sp_select_days(const char *s, unsigned *mask);

/* Parse "in-person,online,hybrid,closed" into an attendance mask; -1 if bad. */
int sp_select_attendance(const char *s, unsigned *mask);

/* "in person", "online", "online and in person", "temporarily closed". */
const char *sp_attendance_label(enum sp_attendance a);

/*
 * The region (or sub-region) names of dir that come nearest to want, for "did you mean"
 * (sp_match_suggest), or NULL.  sp_select_has_region() is true when some meeting has
 * want as its region or sub-region (ignoring case and accents).  The same for
 * fellowships (their initials count: "AA").
 */
const char *sp_select_suggest_region(const struct sp_directory *dir, const char *want);
bool sp_select_has_region(const struct sp_directory *dir, const char *want);
const char *sp_select_suggest_fellowship(const struct sp_directory *dir, const char *want);
bool sp_select_has_fellowship(const struct sp_directory *dir, const char *want);

/*
 * The distinct regions of dir ("(no region)" for none) with their meeting counts, most
 * first: "Cardiff 30, Bristol 12, (no region) 2" (malloc'd; free()).
 */
char *sp_select_region_list(const struct sp_directory *dir);

/* English day name, 0 = Sunday. */
const char *sp_day_name(int day);

#endif
