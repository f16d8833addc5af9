/*
 * lang.c - passage language by script and, for Welsh, by word lists (see lang.h).
 * Not a general language identifier: signpost only needs to tell Welsh from English in
 * UK directories, and the script of everything else.  The lists are short on purpose:
 * words that are common in meeting names, notes and Welsh addresses and that are not
 * English words too ("a", "i", "am", "at" are left out).
 */
#include "lang.h"

#include <glib.h>
#include <string.h>

static const char *const welsh_words[] = {
    /* function words */
    "y", "yr", "ac", "ar", "yn", "gyda", "efo", "mae", "maer", "yw", "ydy", "oes", "bod",
    "wrth", "ger", "dros", "drwy", "trwy", "dan", "heb", "rhwng", "ond", "neu", "hefyd",
    "pob", "bob", "ein", "eich", "eu", "ei", "fy", "hwn", "hon", "hyn", "sy", "sydd", "wedi",
    "gan", "tan", "ochr", "pawb", "croeso", "diolch", "os", "gwelwch", "yma", "yno",
    /* days and times */
    "dydd", "ddydd", "nos", "bore", "prynhawn", "noswaith", "llun", "mawrth", "mercher",
    "iau", "gwener", "sadwrn", "sul", "wythnos", "mis",
    /* meetings */
    "cyfarfod", "cyfarfodydd", "grwp", "cymraeg", "saesneg", "dwyieithog", "ar-lein",
    "agored", "caeedig", "merched", "dynion", "newydd", "adferiad", "sobrwydd", "camau",
    "trafodaeth", "siaradwr", "myfyrdod", "cymorth", "cefnogaeth", "ieuenctid",
    /* places */
    "canolfan", "neuadd", "capel", "eglwys", "ysgol", "stryd", "heol", "ffordd", "lon",
    "ty", "drws", "cefn", "blaen", "parcio", "mynediad", "cadeiriau", "olwyn", "llawr",
    "llyfrgell", "cymuned", "cymunedol", "gwesty", "swyddfa", "maes", "pont", "dwr", "afon",
    "cwm", "caerdydd", "abertawe", "casnewydd", "wrecsam", "caerfyrddin", "aberystwyth",
    "cymru", "gogledd", "de", "gorllewin", "dwyrain", "uchaf", "isaf", "fawr", "fach",
    "ddraig", "gymraeg",
};

static const char *const english_words[] = {
    "the", "and", "of", "to", "in", "is", "at", "on", "for", "with", "by", "from", "or",
    "near", "next", "behind", "opposite", "please", "use", "via", "this", "that", "are",
    "be", "we", "you", "our", "your", "all", "only", "everyone", "welcome", "open",
    "closed", "meeting", "meetings", "group", "room", "hall", "church", "centre", "center",
    "street", "road", "lane", "house", "library", "door", "back", "front", "entrance",
    "parking", "car", "park", "women", "men", "bilingual", "english", "welsh", "step",
    "steps", "recovery", "village", "community", "online", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon",
    "evening", "lunchtime", "night", "reflections", "speaker", "discussion", "newcomers",
    "big", "book", "study", "upstairs", "downstairs", "side", "main", "floor", "first",
    "second", "access", "wheelchair", "free", "new",
};

const char *sp_lang_of_char(unsigned c)
{
    switch (g_unichar_get_script((gunichar)c)) {
    case G_UNICODE_SCRIPT_ARABIC:   return "ur";
    case G_UNICODE_SCRIPT_BENGALI:  return "bn";
    case G_UNICODE_SCRIPT_GURMUKHI: return "pa";
    default:                        return NULL;
    }
}

/* The two word lists as sets, made once (looking a word up by comparing it with every
   word of a list was a few per cent of a long leaflet: every name and note is classified) */
static GHashTable *word_sets[2];

static GHashTable *set_of(const char *const *list, size_t n)
{
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);

    for (size_t i = 0; i < n; i++)
        g_hash_table_add(h, (gpointer)list[i]);
    return h;
}

enum { WELSH = 0, ENGLISH = 1 };

/* Is w one of the words of list (WELSH or ENGLISH)? */
static bool in_list(const char *w, int list)
{
    static gsize made;

    if (g_once_init_enter(&made)) {
        word_sets[WELSH] = set_of(welsh_words, G_N_ELEMENTS(welsh_words));
        word_sets[ENGLISH] = set_of(english_words, G_N_ELEMENTS(english_words));
        g_once_init_leave(&made, 1);
    }
    return g_hash_table_contains(word_sets[list], w);
}

/* Classify one word (lower case, folded to ASCII letters where it can be): 1 Welsh,
   -1 English, 0 neither. */
static int classify(const char *word, size_t len)
{
    char key[40];
    size_t k = 0;
    bool welsh_letter = false;
    const char *p = word, *end = word + len;

    while (p < end && k + 1 < sizeof key) {
        gunichar c = g_unichar_tolower(g_utf8_get_char(p));
        p = g_utf8_next_char(p);
        switch (c) {
        case 0x0175: case 0x0177: case 0x1E81: case 0x1E83: case 0x1E85: case 0x1EF3:
            welsh_letter = true;  /* ŵ ŷ ẁ ẃ ẅ ỳ */
            key[k++] = c == 0x0175 || c == 0x1E81 || c == 0x1E83 || c == 0x1E85 ? 'w' : 'y';
            break;
        case 0x00E2: case 0x00EA: case 0x00EE: case 0x00F4: case 0x00FB:
            welsh_letter = true;  /* â ê î ô û (to bach) */
            key[k++] = c == 0x00E2 ? 'a' : c == 0x00EA ? 'e' : c == 0x00EE ? 'i'
                       : c == 0x00F4 ? 'o' : 'u';
            break;
        case '\'': case 0x2019:
            break;  /* "mae'r" -> "maer", "Women's" -> "womens" */
        default:
            if (c < 0x80)
                key[k++] = (char)c;
            else
                return 0;  /* another script or letter: no opinion */
        }
    }
    key[k] = '\0';
    if (welsh_letter || in_list(key, WELSH))
        return 1;
    if (in_list(key, ENGLISH))
        return -1;
    if (k > 1 && key[k - 1] == 's') {
        key[k - 1] = '\0';  /* "women's" -> "womens" -> "women": English either way */
        if (in_list(key, ENGLISH))
            return -1;
    }
    return 0;
}

bool sp_lang_is_welsh(const char *utf8, bool likely_welsh)
{
    int welsh = 0, english = 0, words = 0;
    const char *p = utf8;

    if (!utf8)
        return false;
    while (*p) {
        const char *start;
        /* a word: letters, apostrophes and inner hyphens ("ar-lein", "Cwm-y-Dŵr") */
        while (*p && !g_unichar_isalpha(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (!*p)
            break;
        start = p;
        while (*p) {
            gunichar c = g_utf8_get_char(p);
            if (!(g_unichar_isalpha(c) || c == '\'' || c == 0x2019 || c == '-'))
                break;
            p = g_utf8_next_char(p);
        }
        words++;
        switch (classify(start, (size_t)(p - start))) {
        case 1:  welsh++; break;
        case -1: english++; break;
        default: break;
        }
    }
    if (welsh == 0 || welsh <= english)
        return false;
    return welsh >= 2 || welsh == words || likely_welsh;
}

bool sp_lang_is_polish(const char *utf8)
{
    static const gunichar polish[] = {
        0x0105, 0x0107, 0x0119, 0x0142, 0x0144, 0x015B, 0x017A, 0x017C,  /* ą ć ę ł ń ś ź ż */
    };

    for (const char *p = utf8; p && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_unichar_tolower(g_utf8_get_char(p));
        for (size_t i = 0; i < G_N_ELEMENTS(polish); i++)
            if (c == polish[i])
                return true;
    }
    return false;
}

const char *sp_lang_passage(const char *utf8, bool likely_welsh)
{
    if (sp_lang_is_welsh(utf8, likely_welsh))
        return "cy";
    if (sp_lang_is_polish(utf8))
        return "pl";
    return NULL;
}

bool sp_lang_meeting_welsh(const struct sp_meeting *m)
{
    for (size_t i = 0; i < m->ntypes; i++) {
        const struct sp_type *t = &m->types[i];
        if (!g_ascii_strcasecmp(t->code, "CY") || !g_ascii_strcasecmp(t->code, "WEL") ||
            !g_ascii_strcasecmp(t->code, "W-CY") ||
            (t->label && (!g_ascii_strcasecmp(t->label, "Welsh") ||
                          !g_ascii_strcasecmp(t->label, "Cymraeg"))))
            return true;
    }
    return false;
}

const char *sp_lang_meeting(const struct sp_meeting *m)
{
    static const struct { const char *key, *tag; } codes[] = {
        /* Meeting Guide (code4recovery/spec) language codes */
        { "POL", "pl" }, { "PUN", "pa" }, { "FA", "fa" }, { "DE", "de" }, { "EN", "en" },
        { "S", "es" }, { "FR", "fr" }, { "ITA", "it" }, { "POR", "pt" }, { "RUS", "ru" },
        { "UK", "uk" }, { "LT", "lt" }, { "HI", "hi" },
        /* codes UK feeds make up */
        { "PL", "pl" }, { "UR", "ur" }, { "URD", "ur" }, { "AR", "ar" }, { "ARA", "ar" },
        { "BN", "bn" }, { "BEN", "bn" }, { "CY", "cy" }, { "WEL", "cy" }, { "W-CY", "cy" },
        { "PA", "pa" },
    };
    static const struct { const char *key, *tag; } labels[] = {
        { "polish", "pl" }, { "polski", "pl" }, { "urdu", "ur" }, { "welsh", "cy" },
        { "cymraeg", "cy" }, { "farsi", "fa" }, { "persian", "fa" }, { "arabic", "ar" },
        { "bengali", "bn" }, { "bangla", "bn" }, { "punjabi", "pa" }, { "german", "de" },
        { "deutsch", "de" }, { "english", "en" },
    };
    const char *found = NULL;

    for (size_t i = 0; i < m->ntypes; i++) {
        const struct sp_type *t = &m->types[i];
        const char *tag = NULL;
        bool bmlt = t->world_id && *t->world_id;
        /* a BMLT format is a language only when its world_id says so */
        if (bmlt && g_ascii_strcasecmp(t->world_id, "LANG") != 0)
            continue;
        for (size_t k = 0; k < G_N_ELEMENTS(codes) && !tag && !bmlt; k++)
            if (!g_ascii_strcasecmp(t->code, codes[k].key))
                tag = codes[k].tag;
        for (size_t k = 0; k < G_N_ELEMENTS(labels) && !tag && t->label; k++)
            if (!g_ascii_strcasecmp(t->label, labels[k].key))
                tag = labels[k].tag;
        if (!tag)
            continue;
        if (found && strcmp(found, tag) != 0)
            return NULL;  /* two languages: say neither */
        found = tag;
    }
    return found;
}

/* Does the passage have a word on the English list? */
static bool has_english_word(const char *utf8)
{
    const char *p = utf8;

    if (!p)
        return false;
    while (*p) {
        const char *start;
        while (*p && !g_unichar_isalpha(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        start = p;
        while (*p && (g_unichar_isalpha(g_utf8_get_char(p)) || *p == '\''))
            p = g_utf8_next_char(p);
        if (p > start && classify(start, (size_t)(p - start)) < 0)
            return true;
    }
    return false;
}

const char *sp_lang_of_text(const char *utf8, const char *hint)
{
    if (!utf8 || !*utf8)
        return NULL;
    if (sp_lang_is_welsh(utf8, hint && !strcmp(hint, "cy")))
        return "cy";
    if (sp_lang_is_polish(utf8))
        return "pl";
    if (hint && strcmp(hint, "en") != 0 && !has_english_word(utf8))
        return hint;
    return NULL;
}

void sp_lang_sentences(const char *utf8, void (*fn)(const char *s, size_t len, void *ctx),
                       void *ctx)
{
    const char *start = utf8, *p = utf8;

    if (!utf8)
        return;
    while (*p) {
        if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n')) {
            p++;
            while (*p == ' ' || *p == '\n')
                p++;
            fn(start, (size_t)(p - start), ctx);
            start = p;
            continue;
        }
        p++;
    }
    if (p > start)
        fn(start, (size_t)(p - start), ctx);
}
