/*
 * types.c - the Meeting Guide meeting-type table, built in.
 *
 * Owns: the const tables.  Must not: allocate or print.  The table is the English
 * column of code4recovery/spec's README ("Meeting Types"), plus ONL (Online Meeting)
 * and HY (Hybrid), which the 12 Step Meeting List plugin adds and real feeds carry.
 */
#include "types.h"

#include <glib.h>
#include <string.h>

struct type_def {
    const char *code;
    const char *label;
};

static const struct type_def spec_types[] = {
    { "11", "11th Step Meditation" },
    { "12x12", "12 Steps & 12 Traditions" },
    { "A", "Secular" },
    { "ABSI", "As Bill Sees It" },
    { "AL", "Concurrent with Alateen" },
    { "AL-AN", "Concurrent with Al-Anon" },
    { "AM", "Amharic" },
    { "ASL", "American Sign Language" },
    { "B", "Big Book" },
    { "BA", "Babysitting Available" },
    { "BE", "Newcomer" },
    { "BI", "Bisexual" },
    { "BRK", "Breakfast" },
    { "C", "Closed" },
    { "CAN", "Candlelight" },
    { "CF", "Child-Friendly" },
    { "D", "Discussion" },
    { "DA", "Danish" },
    { "DB", "Digital Basket" },
    { "DD", "Dual Diagnosis" },
    { "DE", "German" },
    { "DR", "Daily Reflections" },
    { "EL", "Greek" },
    { "EN", "English" },
    { "FA", "Persian" },
    { "FF", "Fragrance Free" },
    { "FR", "French" },
    { "G", "Gay" },
    { "GR", "Grapevine" },
    { "H", "Birthday" },
    { "HE", "Hebrew" },
    { "HI", "Hindi" },
    { "HR", "Croatian" },
    { "HU", "Hungarian" },
    { "ITA", "Italian" },
    { "JA", "Japanese" },
    { "KOR", "Korean" },
    { "L", "Lesbian" },
    { "LGBTQ", "LGBTQ" },
    { "LIT", "Literature" },
    { "LS", "Living Sober" },
    { "LT", "Lithuanian" },
    { "M", "Men" },
    { "MED", "Meditation" },
    { "ML", "Malayalam" },
    { "N", "Native American" },
    { "NB", "Non-Binary" },
    { "NDG", "Indigenous" },
    { "NO", "Norwegian" },
    { "O", "Open" },
    { "OUT", "Outdoor" },
    { "P", "Professionals" },
    { "POA", "Proof of Attendance" },
    { "POC", "People of Color" },
    { "POL", "Polish" },
    { "POR", "Portuguese" },
    { "PUN", "Punjabi" },
    { "RUS", "Russian" },
    { "S", "Spanish" },
    { "SEN", "Seniors" },
    { "SK", "Slovak" },
    { "SM", "Smoking Permitted" },
    { "SP", "Speaker" },
    { "ST", "Step Study" },
    { "SV", "Swedish" },
    { "T", "Transgender" },
    { "TC", "Location Temporarily Closed" },
    { "TH", "Thai" },
    { "TL", "Tagalog" },
    { "TR", "Tradition Study" },
    { "UK", "Ukrainian" },
    { "W", "Women" },
    { "X", "Wheelchair Access" },
    { "XB", "Wheelchair-Accessible Bathroom" },
    { "XT", "Cross Talk Permitted" },
    { "Y", "Young People" },
    /* added by the 12 Step Meeting List plugin */
    { "ONL", "Online Meeting" },
    { "HY", "Hybrid" },
};

/* Codes that mean something else in a fellowship (matched as a substring, any case). */
struct type_override {
    const char *fellowship;
    const char *code;
    const char *label;
};

static const struct type_override overrides[] = {
    { "al-anon", "Y", "Alateen" },
    { "alanon", "Y", "Alateen" },
};

static bool fellowship_is(const char *fellowship, const char *key)
{
    size_t kl = strlen(key);

    if (!fellowship)
        return false;
    for (const char *p = fellowship; *p; p++)
        if ((*p | 0x20) == key[0] && !g_ascii_strncasecmp(p, key, kl))
            return true;
    return false;
}

/* Compare code (trimmed by the caller into buf) with a table code, ignoring case. */
const char *sp_type_label(const char *code, const char *fellowship, const char **canon)
{
    char buf[32], first;
    size_t n;

    while (*code == ' ')
        code++;
    n = strlen(code);
    while (n && code[n - 1] == ' ')
        n--;
    if (!n || n >= sizeof buf)
        return NULL;
    memcpy(buf, code, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof overrides / sizeof overrides[0]; i++)
        if (!g_ascii_strcasecmp(buf, overrides[i].code) &&
            fellowship_is(fellowship, overrides[i].fellowship)) {
            if (canon)
                *canon = overrides[i].code;
            return overrides[i].label;
        }
    first = g_ascii_toupper(buf[0]);
    for (size_t i = 0; i < sizeof spec_types / sizeof spec_types[0]; i++)
        if (first == spec_types[i].code[0] &&
            !g_ascii_strcasecmp(buf, spec_types[i].code)) {
            if (canon)
                *canon = spec_types[i].code;
            return spec_types[i].label;
        }
    return NULL;
}

/* Labels compared ignoring case and spaces at the ends; also the common variants. */
const char *sp_type_code_for_label(const char *label, const char *fellowship)
{
    static const struct type_def aliases[] = {
        { "ONL", "Online" },
        { "CF", "Child Friendly" },
        { "BA", "Child Care Available" },
        { "D", "Topic Discussion" },
        { "X", "Wheelchair Accessible" },
        { "BE", "Beginners" },
        { "BE", "Newcomers" },
        /* the 12 Step Meeting List plugin's CSV export and older versions of it */
        { "TC", "Temporarily Closed" },
        { "TC", "Temporary Closure" },
        { "TC", "Temporarily Closed Location" },
        { "TC", "Location Closed Temporarily" },
        { "X", "Handicapped Accessible" },
        { "X", "Wheelchair" },
        { "BE", "Beginner" },
        { "BE", "Newcomers Welcome" },
        { "D", "Topic" },
        { "ONL", "Online Meeting Only" },
        { "ONL", "Virtual" },
        { "HY", "Hybrid Meeting" },
    };
    char buf[96];
    size_t n;

    while (*label == ' ')
        label++;
    n = strlen(label);
    while (n && label[n - 1] == ' ')
        n--;
    if (!n || n >= sizeof buf)
        return NULL;
    memcpy(buf, label, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof overrides / sizeof overrides[0]; i++)
        if (fellowship_is(fellowship, overrides[i].fellowship) &&
            !g_ascii_strcasecmp(buf, overrides[i].label))
            return overrides[i].code;
    for (size_t i = 0; i < sizeof spec_types / sizeof spec_types[0]; i++)
        if (!g_ascii_strcasecmp(buf, spec_types[i].label))
            return spec_types[i].code;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!g_ascii_strcasecmp(buf, aliases[i].label))
            return aliases[i].code;
    return NULL;
}
