/*
 * normalize.c - clean the text of directory fields and parse days, times, UK
 * postcodes and one-line addresses.
 *
 * Owns: nothing beyond the call.  Must not: know any input format or print.  GLib's
 * UTF-8 functions do validation and repair; HTML entities are decoded here because
 * GLib has only XML's five.
 */
#include "normalize.h"
#include "model.h"

#include <glib.h>
#include <string.h>

/* ---- HTML entities ---- */

struct entity {
    const char *name;
    unsigned cp;
};

static const struct entity entities[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0xA0 }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 }, { "rdquo", 0x201D },
    { "ldquo", 0x201C }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
    { "bull", 0x2022 }, { "middot", 0xB7 }, { "copy", 0xA9 }, { "reg", 0xAE },
    { "pound", 0xA3 }, { "euro", 0x20AC }, { "eacute", 0xE9 }, { "egrave", 0xE8 },
    { "aacute", 0xE1 }, { "agrave", 0xE0 }, { "oacute", 0xF3 }, { "uacute", 0xFA },
    { "iacute", 0xED }, { "ntilde", 0xF1 }, { "ccedil", 0xE7 }, { "uuml", 0xFC },
    { "ouml", 0xF6 }, { "auml", 0xE4 }, { "szlig", 0xDF }, { "wcirc", 0x175 },
    { "ycirc", 0x177 }, { "Wcirc", 0x174 }, { "Ycirc", 0x176 }, { "ecirc", 0xEA },
    { "acirc", 0xE2 }, { "icirc", 0xEE }, { "ocirc", 0xF4 }, { "ucirc", 0xFB },
    { "laquo", 0xAB }, { "raquo", 0xBB }, { "deg", 0xB0 }, { "times", 0xD7 },
    { "zwnj", 0x200C }, { "zwj", 0x200D }, { "lrm", 0x200E }, { "rlm", 0x200F },
    { "shy", 0xAD },
};

static unsigned entity_lookup(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
        if (strlen(entities[i].name) == n && !memcmp(entities[i].name, name, n))
            return entities[i].cp;
    return 0;
}

/* Parse the entity at s ('&'): returns its length and *cp, or 0 if it is not one. */
static size_t entity_parse(const char *s, unsigned *cp)
{
    size_t i = 1;
    unsigned long v = 0;

    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        i = hex ? 3 : 2;
        size_t start = i;
        for (; i - start < 8; i++) {
            char c = s[i];
            if (c >= '0' && c <= '9')
                v = v * (hex ? 16 : 10) + (unsigned long)(c - '0');
            else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                v = v * 16 + (unsigned long)((c | 0x20) - 'a' + 10);
            else
                break;
        }
        if (i == start || s[i] != ';' || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
            return 0;
        *cp = (unsigned)v;
        return i + 1;
    }
    while (i < 10 && g_ascii_isalnum(s[i]))
        i++;
    if (s[i] != ';' || i == 1)
        return 0;
    *cp = entity_lookup(s + 1, i - 1);
    return *cp ? i + 1 : 0;
}

void sp_html_decode(char *s)
{
    char *w = s;
    const char *r = s;

    while (*r) {
        unsigned cp;
        size_t n;
        if (*r == '&' && (n = entity_parse(r, &cp)) > 0) {
            /* a UTF-8 encoding is never longer than the entity text (>= 4 bytes) */
            w += g_unichar_to_utf8(cp, w);
            r += n;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* ---- simple HTML tags ---- */

static const char *const tags[] = {
    "br", "p", "div", "span", "b", "i", "u", "em", "strong", "a", "small", "li", "ul", "ol",
    "font", "h1", "h2", "h3", "h4",
};

/* If s starts a simple tag, return its length and set *brk for block tags. */
static size_t tag_parse(const char *s, bool *brk)
{
    size_t i = 1, n0;
    bool close = false;

    if (s[i] == '/') {
        close = true;
        i++;
    }
    n0 = i;
    while (g_ascii_isalnum(s[i]))
        i++;
    if (i == n0)
        return 0;
    size_t nlen = i - n0;
    bool known = false;
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
        if (strlen(tags[k]) == nlen && !g_ascii_strncasecmp(tags[k], s + n0, nlen))
            known = true;
    if (!known || (s[i] != '>' && s[i] != ' ' && s[i] != '/'))
        return 0;
    while (s[i] && s[i] != '>' && s[i] != '<' && i < 512)
        i++;
    if (s[i] != '>')
        return 0;
    *brk = (nlen == 2 && !g_ascii_strncasecmp(s + n0, "br", 2)) ||
           (close && nlen == 1 && (s[n0] | 0x20) == 'p') ||
           (close && nlen == 3 && !g_ascii_strncasecmp(s + n0, "div", 3)) ||
           (!close && nlen == 2 && !g_ascii_strncasecmp(s + n0, "li", 2));
    return i + 1;
}

/* ---- cleaning ---- */

static bool is_dropped(gunichar c)
{
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0) ||
           c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0x061C ||
           (c >= 0xFFF9 && c <= 0xFFFB);
}

static bool is_space(gunichar c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

char *sp_text_clean(struct sp_arena *a, const char *s, size_t len, unsigned flags,
                    bool *repaired)
{
    char stackbuf[512];
    char *tmp, *out, *w;
    const char *r;
    bool pending_space = false, multiline = flags & SP_CLEAN_MULTILINE;
    int pending_breaks = 0;

    if (!s || !len)
        return NULL;

    /* Step 0: most fields are plain words: printable ASCII, single spaces between them,
       nothing to decode.  Those are copied as they are. */
    {
        size_t i = 0;
        bool plain = s[0] != ' ' && s[len - 1] != ' ';
        for (; i < len && plain; i++) {
            unsigned char c = (unsigned char)s[i];
            plain = (c > 0x20 && c < 0x7F && !((flags & SP_CLEAN_HTML) && (c == '&' || c == '<')))
                    || (c == ' ' && s[i + 1] != ' ');
        }
        if (plain)
            return sp_arena_strndup(a, s, len);
    }

    /* Step 1: valid UTF-8 (NUL counts as invalid: it would cut the string short).  Plain
       ASCII, most of every directory, needs no check; a terminated string that needs no
       entity decoding is read in place. */
    {
        bool ascii = true;
        for (size_t i = 0; i < len && ascii; i++)
            ascii = (unsigned char)s[i] >= 1 && (unsigned char)s[i] <= 0x7F;
        if (!ascii && !(flags & SP_CLEAN_VALID) && !g_utf8_validate(s, (gssize)len, NULL)) {
            tmp = g_utf8_make_valid(s, (gssize)len);
            if (repaired)
                *repaired = true;
        } else if (!(flags & SP_CLEAN_HTML) && s[len] == '\0') {
            tmp = (char *)s;  /* read only */
        } else if (len < sizeof stackbuf) {  /* most fields: no malloc */
            memcpy(stackbuf, s, len);
            stackbuf[len] = '\0';
            tmp = stackbuf;
        } else {
            tmp = g_strndup(s, len);
        }
    }

    /* Step 2: entities (the text only gets shorter) */
    if (flags & SP_CLEAN_HTML)
        sp_html_decode(tmp);

    /* Step 3: one pass folding spaces, dropping controls and tags, collapsing */
    out = w = sp_arena_alloc_uninit(a, strlen(tmp) + 1);
    r = tmp;
    while (*r) {
        gunichar c;
        const char *next;
        bool brk = false;
        size_t tn;

        if (*r == '<' && (flags & SP_CLEAN_HTML) && (tn = tag_parse(r, &brk)) > 0) {
            r += tn;
            if (brk)
                c = '\n';
            else
                continue;
            next = r;
        } else if ((unsigned char)*r < 0x80) {
            c = (unsigned char)*r;  /* ASCII: most of every directory */
            next = r + 1;
        } else {
            c = g_utf8_get_char(r);
            next = g_utf8_next_char(r);
        }
        if (c == '\r') {
            c = '\n';
            if (*next == '\n')
                next++;
        }
        r = next;
        if (c == '\n' && !multiline)
            c = ' ';
        if (c == '\n') {
            pending_space = false;
            pending_breaks++;
            continue;
        }
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (is_dropped(c))
            continue;
        if (w != out) {
            if (pending_breaks)
                for (int k = 0; k < (pending_breaks > 1 ? 2 : 1); k++)
                    *w++ = '\n';
            else if (pending_space)
                *w++ = ' ';
        }
        pending_space = false;
        pending_breaks = 0;
        if (c < 0x80)
            *w++ = (char)c;
        else
            w += g_unichar_to_utf8(c, w);
    }
    *w = '\0';
    if (tmp != stackbuf && tmp != s)
        g_free(tmp);
    return w == out ? NULL : out;
}

/* ---- days ---- */

static const char *const day_names[7] = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"
};

int sp_day_parse(const char *s)
{
    char buf[16] = "";
    size_t n = 0;

    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s && n < sizeof buf - 1; s++)
        buf[n++] = (char)g_ascii_tolower(*s);
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '.'))
        n--;
    if (*s || !n)
        return -1;
    buf[n] = '\0';
    if (n == 1 && buf[0] >= '0' && buf[0] <= '6')
        return buf[0] - '0';
    if (n > 3 && buf[n - 1] == 's' && buf[n - 2] == 'y')  /* "Mondays" */
        buf[--n] = '\0';
    for (int d = 0; d < 7; d++) {
        const char *name = day_names[d];
        if (!strcmp(buf, name))
            return d;
        /* a prefix of at least 2 letters that is not ambiguous (tu/th, sa/su) */
        if (n >= 2 && n < strlen(name) && !strncmp(buf, name, n)) {
            if (n == 2 && (!strcmp(buf, "tu") || !strcmp(buf, "th") || !strcmp(buf, "sa") ||
                           !strcmp(buf, "su") || !strcmp(buf, "mo") || !strcmp(buf, "we") ||
                           !strcmp(buf, "fr")))
                return d;
            if (n >= 3)
                return d;
        }
    }
    if (!strcmp(buf, "weds"))
        return 3;
    if (!strcmp(buf, "thur") || !strcmp(buf, "thurs") || !strcmp(buf, "thu"))
        return 4;
    return -1;
}

/* "daily", "every day", "weekdays", "weekends", "Mon-Fri", "Monday to Friday": adds the
   days to *mask and returns true. */
static bool day_range(const char *item, unsigned *mask)
{
    char buf[32];
    char *sep, *a, *b;
    int from, to;

    g_strlcpy(buf, item, sizeof buf);
    g_strstrip(buf);
    if (!g_ascii_strcasecmp(buf, "daily") || !g_ascii_strcasecmp(buf, "every day") ||
        !g_ascii_strcasecmp(buf, "everyday") || !g_ascii_strcasecmp(buf, "every") ||
        !g_ascii_strcasecmp(buf, "all")) {
        *mask |= SP_ALL_DAYS;
        return true;
    }
    if (!g_ascii_strcasecmp(buf, "weekdays")) {
        *mask |= 0x3Eu;
        return true;
    }
    if (!g_ascii_strcasecmp(buf, "weekends") || !g_ascii_strcasecmp(buf, "weekend")) {
        *mask |= 0x41u;
        return true;
    }
    sep = strstr(buf, " to ");
    if (sep) {
        *sep = '\0';
        b = sep + 4;
    } else if ((sep = strchr(buf, '-')) != NULL) {
        *sep = '\0';
        b = sep + 1;
    } else {
        return false;
    }
    a = buf;
    from = sp_day_parse(a);
    to = sp_day_parse(b);
    if (from < 0 || to < 0)
        return false;
    for (int d = from;; d = (d + 1) % 7) {  /* "Sat-Sun" wraps round the week */
        *mask |= SP_DAY_BIT(d);
        if (d == to)
            break;
    }
    return true;
}

unsigned sp_days_parse(const char *s, char *bad, size_t badsize)
{
    unsigned mask = 0;
    const char *p = s;

    while (*p) {
        const char *end = p;
        char item[32];
        size_t n;
        int d;

        while (*end && *end != ',' && *end != ';' && *end != '/' && *end != '&' &&
               g_ascii_strncasecmp(end, " and ", 5))
            end++;
        n = (size_t)(end - p);
        if (n >= sizeof item)
            n = sizeof item - 1;
        memcpy(item, p, n);
        item[n] = '\0';
        d = sp_day_parse(item);
        if (d < 0 && day_range(item, &mask))
            d = 7;  /* "daily", "Mon-Fri", "Monday to Friday": mask already set */
        if (d == 7) {
            /* done */
        } else if (d < 0) {
            bool blank = true;
            for (size_t i = 0; i < n; i++)
                if (item[i] != ' ')
                    blank = false;
            if (!blank) {
                if (bad && badsize)
                    g_strlcpy(bad, g_strstrip(item), badsize);
                return 0;
            }
        } else {
            mask |= SP_DAY_BIT(d);
        }
        if (!*end)
            break;
        p = end + (g_ascii_strncasecmp(end, " and ", 5) ? 1 : 5);
    }
    if (!mask && bad && badsize)
        g_strlcpy(bad, s, badsize);
    return mask;
}

/* ---- times ---- */

static int digits(const char **p, int max)
{
    int v = 0, n = 0;
    while (n < max && g_ascii_isdigit(**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

int sp_time_parse(const char *s)
{
    char buf[32] = "";
    const char *p;
    size_t n = 0;
    int h, m = 0, ndig;
    int ampm = 0;  /* 1 am, 2 pm */

    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s && n < sizeof buf - 1; s++)
        if (*s != '.' || n == 0 || !g_ascii_isalpha(buf[n - 1]))
            buf[n++] = (char)g_ascii_tolower(*s);
    if (*s)
        return -1;
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        n--;
    buf[n] = '\0';
    if (!strcmp(buf, "noon") || !strcmp(buf, "midday") || !strcmp(buf, "12 noon"))
        return 720;
    if (!strcmp(buf, "midnight"))
        return 0;

    /* am/pm suffix ("pm", "p", "p.m." with the dots already gone) */
    if (n >= 1 && (buf[n - 1] == 'm' || buf[n - 1] == 'a' || buf[n - 1] == 'p')) {
        size_t k = buf[n - 1] == 'm' ? n - 1 : n;
        if (k >= 1 && (buf[k - 1] == 'a' || buf[k - 1] == 'p') && (k == n || k == n - 1)) {
            ampm = buf[k - 1] == 'a' ? 1 : 2;
            n = k - 1;
            while (n && buf[n - 1] == ' ')
                n--;
            buf[n] = '\0';
        }
    }
    p = buf;
    const char *start = p;
    h = digits(&p, 4);
    ndig = (int)(p - start);
    if (h < 0)
        return -1;
    if (*p == ':' || *p == '.') {
        if (ndig > 2)
            return -1;
        p++;
        const char *ms = p;
        m = digits(&p, 2);
        if (m < 0 || p - ms != 2)
            return -1;
        if (*p == ':') {  /* seconds */
            p++;
            const char *ss = p;
            if (digits(&p, 2) < 0 || p - ss != 2)
                return -1;
        }
    } else if (ndig >= 3) {  /* "1900", "730pm" */
        m = h % 100;
        h /= 100;
    }
    if (*p)
        return -1;
    if (m > 59)
        return -1;
    if (ampm) {
        if (h < 1 || h > 12) {
            if (!(h == 0 && ampm == 1))
                return -1;
        }
        if (h == 12)
            h = 0;
        if (ampm == 2)
            h += 12;
    }
    if (h == 24 && m == 0)
        h = 0;
    if (h > 23)
        return -1;
    return h * 60 + m;
}

/* ---- postcodes ---- */

bool sp_postcode_parse(const char *s, size_t len, char out[9])
{
    char c[8];
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ')
            continue;
        if (n == 7 || !g_ascii_isalnum(s[i]))
            return false;
        c[n++] = (char)g_ascii_toupper(s[i]);
    }
    if (n < 5)
        return false;
    /* inward code: digit letter letter */
    if (!g_ascii_isdigit(c[n - 3]) || !g_ascii_isalpha(c[n - 2]) || !g_ascii_isalpha(c[n - 1]))
        return false;
    /* outward code: A9, A9A, A99, AA9, AA9A, AA99 (and GIR 0AA) */
    size_t on = n - 3;
    bool ok = false;
    if (on == 3 && !memcmp(c, "GIR", 3))
        ok = true;
    else if (on >= 2 && on <= 4 && g_ascii_isalpha(c[0])) {
        size_t i = g_ascii_isalpha(c[1]) ? 2 : 1;
        if (i < on && g_ascii_isdigit(c[i])) {
            i++;
            if (i == on)
                ok = true;
            else if (i + 1 == on && g_ascii_isalnum(c[i]))
                ok = true;
        }
    }
    if (!ok)
        return false;
    if (out) {
        memcpy(out, c, on);
        out[on] = ' ';
        memcpy(out + on + 1, c + on, 3);
        out[on + 4] = '\0';
    }
    return true;
}

/*
 * Look for a postcode at the end of part (the last one or two words).  On success,
 * write it to pc and return the length of what comes before it (trimmed); else -1.
 */
static long postcode_tail(const char *part, char pc[9])
{
    size_t n = strlen(part);
    const char *words[3] = { NULL, NULL, NULL };
    int nw = 0;

    /* the start of the last two words */
    size_t i = n;
    while (nw < 2 && i > 0) {
        while (i > 0 && part[i - 1] != ' ')
            i--;
        words[nw++] = part + i;
        while (i > 0 && part[i - 1] == ' ')
            i--;
    }
    for (int k = 0; k < nw; k++) {
        const char *w = words[k];
        if (sp_postcode_parse(w, (size_t)(part + n - w), pc)) {
            size_t pre = (size_t)(w - part);
            while (pre > 0 && (part[pre - 1] == ' ' || part[pre - 1] == ','))
                pre--;
            return (long)pre;
        }
    }
    return -1;
}

static const char *const countries[] = {
    "uk", "u.k.", "united kingdom", "gb", "great britain", "england", "wales", "cymru",
    "scotland", "northern ireland", "usa", "us", "u.s.a.", "united states",
    "united states of america", "ireland", "canada", "ca", "germany", "deutschland", "de",
    "austria", "\xc3\xb6sterreich", "at", "switzerland", "schweiz", "suisse", "ch",
    "france", "fr", "netherlands", "nederland", "nl", "belgium", "belgi\xc3\xab", "be",
    "spain", "espa\xc3\xb1" "a", "es", "italy", "italia", "it", "poland", "polska", "pl",
    "denmark", "danmark", "dk", "sweden", "sverige", "se", "norway", "norge", "no",
    "australia", "au", "new zealand", "nz",
};

static bool is_country(const char *s)
{
    char c = g_ascii_tolower(*s);

    if (strlen(s) > 24)
        return false;
    for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++)
        if (countries[i][0] == c && !g_ascii_strcasecmp(s, countries[i]))
            return true;
    return false;
}

static char *join_parts(struct sp_arena *a, char **parts, int from, int to)
{
    GString *g = g_string_new(NULL);
    char *r;

    for (int i = from; i < to; i++) {
        if (!*parts[i])
            continue;
        if (g->len)
            g_string_append(g, ", ");
        g_string_append(g, parts[i]);
    }
    r = g->len ? sp_arena_strdup(a, g->str) : NULL;
    g_string_free(g, TRUE);
    return r;
}

/* Words that name a street or a building, in English and Welsh ("Y Stryd Fawr"). */
static bool has_place_word(const char *s)
{
    static const char *const words[] = {
        "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "way", "close", "drive",
        "place", "square", "terrace", "crescent", "hill", "row", "walk", "court", "gardens",
        "grove", "parade", "green", "mews", "yard", "wharf", "quay", "heol", "stryd",
        "ffordd", "lon", "l\xc3\xb4n", "rhodfa", "hall", "church", "chapel", "centre", "center",
        "house", "library", "hospital", "school", "neuadd", "capel", "eglwys", "canolfan"
    };
    char **tok = g_strsplit_set(s, " ,.-'", -1);
    bool found = false;

    for (char **t = tok; *t && !found; t++)
        for (size_t i = 0; i < G_N_ELEMENTS(words) && !found; i++)
            found = **t && !g_ascii_strcasecmp(*t, words[i]);
    g_strfreev(tok);
    return found;
}

static bool has_digit(const char *s)
{
    for (; *s; s++)
        if (g_ascii_isdigit(*s))
            return true;
    return false;
}

bool sp_address_is_online_word(const char *s)
{
    static const char *const words[] = {
        "online", "on line", "zoom", "virtual", "remote", "internet", "web", "video",
        "phone", "telephone", "tbc", "n/a", "none"
    };

    if (!s)
        return false;
    while (*s == ' ')
        s++;
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        if (!g_ascii_strcasecmp(s, words[i]))
            return true;
    return false;
}

/* "CA 95122", "CA 95122-1234", "ON M5V 2T6": a US state or Canadian province with its
   ZIP or postal code (the form written after the town). */
static bool state_and_zip(const char *s)
{
    const char *p = s;

    if (!g_ascii_isupper(p[0]) || !g_ascii_isupper(p[1]) || p[2] != ' ')
        return false;
    p += 3;
    if (strspn(p, "0123456789") == 5 &&
        (!p[5] || (p[5] == '-' && strspn(p + 6, "0123456789") == 4 && !p[10])))
        return true;
    if (g_ascii_isalpha(p[0]) && g_ascii_isdigit(p[1]) && g_ascii_isalpha(p[2])) {
        const char *q = p + 3 + (p[3] == ' ');  /* Canada: "M5V 2T6" */
        return g_ascii_isdigit(q[0]) && g_ascii_isalpha(q[1]) && g_ascii_isdigit(q[2]) && !q[3];
    }
    return false;
}

bool sp_postcode_foreign(const char *s)
{
    size_t d;

    if (!s || sp_postcode_parse(s, strlen(s), NULL))
        return false;
    d = strspn(s, "0123456789");
    if (d == 5 && (!s[5] || (s[5] == '-' && strspn(s + 6, "0123456789") == 4 && !s[10])))
        return true;  /* US ZIP, German/French/Italian/Spanish ... */
    if (d == 4 && (!s[4] || (s[4] == ' ' && g_ascii_isalpha(s[5]) && g_ascii_isalpha(s[6]) &&
                            !s[7])))
        return true;  /* Swiss, Austrian, Danish ...; Dutch "1234 AB" */
    return g_ascii_isalpha(s[0]) && g_ascii_isdigit(s[1]) && g_ascii_isalpha(s[2]) &&
           s[3] == ' ' && g_ascii_isdigit(s[4]) && g_ascii_isalpha(s[5]) &&
           g_ascii_isdigit(s[6]) && !s[7];  /* Canada */
}

/* "10115 Berlin", "1234 AB Amsterdam": a European postcode before the town; the length
   of the postcode, or 0. */
static size_t postcode_before_town(const char *s)
{
    size_t d = strspn(s, "0123456789");

    if ((d != 4 && d != 5) || s[d] != ' ')
        return 0;
    if (d == 4 && g_ascii_isupper(s[5]) && g_ascii_isupper(s[6]) && s[7] == ' ' && s[8])
        return 7;  /* Dutch */
    return s[d + 1] && !g_ascii_isdigit(s[d + 1]) ? d : 0;
}

/* Postcodes of other countries (no UK one was found): true when one was. */
static bool split_foreign(struct sp_arena *a, char **parts, int n, struct sp_address *out)
{
    int pc = -1, town = -1;

    if (n >= 2 && state_and_zip(parts[n - 1])) {
        pc = n - 1;
        town = n - 2;
        out->postcode = sp_arena_strdup(a, parts[pc]);
    } else if (n >= 3 && strspn(parts[n - 1], "0123456789") == 5 && !parts[n - 1][5] &&
               g_ascii_isupper(parts[n - 2][0]) && g_ascii_isupper(parts[n - 2][1]) &&
               !parts[n - 2][2]) {
        /* "San Jose, CA, 95122" */
        pc = n - 2;
        town = n - 3;
        out->postcode = sp_arena_printf(a, "%s %s", parts[n - 2], parts[n - 1]);
    } else {
        for (int i = n - 1; i >= 0 && pc < 0; i--) {
            size_t k = postcode_before_town(parts[i]);
            if (k) {
                pc = town = i;
                out->postcode = sp_arena_strndup(a, parts[i], k);
                out->town = sp_arena_strdup(a, parts[i] + k + 1);
                out->postcode_first = true;
            }
        }
    }
    if (pc < 0)
        return false;
    if (!out->town && town >= 0)
        out->town = sp_arena_strdup(a, parts[town]);
    out->street = join_parts(a, parts, 0, town);
    /* a street with a house number (or a building) is somewhere to go; a ZIP alone is an
       area, as approximate addresses of online meetings give */
    out->physical = out->street != NULL && !sp_address_is_online_word(out->street) &&
                    (has_digit(out->street) || has_place_word(out->street));
    return true;
}

void sp_address_split(struct sp_arena *a, const char *s, struct sp_address *out)
{
    char **parts;
    int n = 0, pcpart = -1;
    char pc[9];

    memset(out, 0, sizeof *out);
    if (!s || !*s)
        return;
    parts = g_strsplit(s, ",", 64);
    for (int i = 0; parts[i]; i++)
        g_strstrip(parts[i]);
    n = (int)g_strv_length(parts);
    while (n > 0 && (!*parts[n - 1] || is_country(parts[n - 1])))
        n--;

    /* the postcode: alone in a part, or at the end of the town part */
    for (int i = n - 1; i >= 0 && pcpart < 0; i--) {
        long pre = postcode_tail(parts[i], pc);
        if (pre >= 0) {
            pcpart = i;
            parts[i][pre] = '\0';
            out->postcode = sp_arena_strdup(a, pc);
        }
    }
    if (pcpart >= 0) {
        int townpart = pcpart;
        if (!*parts[pcpart])
            townpart = pcpart - 1;
        if (townpart >= 0 && townpart != pcpart && g_ascii_isdigit(parts[townpart][0]))
            townpart++;  /* "1 High St, CF10 1AA": the part before is a street */
        if (townpart >= 1 || (townpart == 0 && pcpart > 0)) {
            out->town = townpart >= 0 && *parts[townpart] ?
                        sp_arena_strdup(a, parts[townpart]) : NULL;
            out->street = join_parts(a, parts, 0, townpart);
        } else if (townpart == 0) {
            /* "London WC2H 0EW" alone: a town and postcode, no street */
            out->town = *parts[0] ? sp_arena_strdup(a, parts[0]) : NULL;
        }
        out->physical = true;
    } else if (split_foreign(a, parts, n, out)) {
        /* done */
    } else if (n >= 2) {
        out->street = join_parts(a, parts, 0, n - 1);
        out->town = sp_arena_strdup(a, parts[n - 1]);
        /* no postcode: a place to go only when the street has a house number ("12 High
           St"); "Chicago, IL" and other approximate addresses of online meetings are not */
        out->physical = out->street != NULL && !sp_address_is_online_word(out->street) &&
                        (has_digit(out->street) || has_place_word(out->street));
    } else if (n == 1) {
        /* one part: a street if it starts with a house number ("1 High St"), else just a
           place name ("Leeds", "Cardiff CF10") */
        if (g_ascii_isdigit(parts[0][0])) {
            out->street = sp_arena_strdup(a, parts[0]);
            out->physical = true;
        } else {
            out->town = sp_arena_strdup(a, parts[0]);
        }
    }
    g_strfreev(parts);
}

/* ---- words in free text: time zones and weeks of the month ---- */

struct token {
    char text[24];   /* lower case, dots dropped ("p.m." -> "pm") */
    bool number;     /* digits, maybe with ':' or '.' inside ("7.30", "19:00") */
    bool clock;      /* a number with ':' or '.' inside */
};

/* Split s into words and numbers (at most max). */
static size_t tokenize(const char *s, struct token *t, size_t max)
{
    size_t n = 0;

    while (*s && n < max) {
        size_t k = 0;
        if (g_ascii_isdigit(*s)) {
            t[n].number = true;
            t[n].clock = false;
            while (g_ascii_isdigit(*s) ||
                   ((*s == ':' || *s == '.') && g_ascii_isdigit(s[1]) && k)) {
                if (*s == ':' || *s == '.')
                    t[n].clock = true;
                if (k < sizeof t[n].text - 1)
                    t[n].text[k++] = *s;
                s++;
            }
        } else if (g_ascii_isalpha(*s) || (unsigned char)*s >= 0x80) {
            t[n].number = t[n].clock = false;
            while (g_ascii_isalpha(*s) || (unsigned char)*s >= 0x80 ||
                   (*s == '.' && g_ascii_isalpha(s[1]))) {
                if (*s != '.' && k < sizeof t[n].text - 1)
                    t[n].text[k++] = (char)g_ascii_tolower(*s);
                s++;
            }
        } else {
            s++;
            continue;
        }
        t[n].text[k] = '\0';
        n++;
    }
    return n;
}

static const struct { const char *word; const char *zone; bool long_form; } zone_words[] = {
    { "eastern", "America/New_York", true }, { "et", "America/New_York", false },
    { "est", "America/New_York", false }, { "edt", "America/New_York", false },
    { "central", "America/Chicago", true }, { "ct", "America/Chicago", false },
    { "cst", "America/Chicago", false }, { "cdt", "America/Chicago", false },
    { "mountain", "America/Denver", true }, { "mt", "America/Denver", false },
    { "mst", "America/Denver", false }, { "mdt", "America/Denver", false },
    { "arizona", "America/Phoenix", true },
    { "pacific", "America/Los_Angeles", true }, { "pt", "America/Los_Angeles", false },
    { "pst", "America/Los_Angeles", false }, { "pdt", "America/Los_Angeles", false },
    { "alaska", "America/Anchorage", true }, { "akst", "America/Anchorage", false },
    { "akdt", "America/Anchorage", false },
    { "hawaii", "Pacific/Honolulu", true }, { "hst", "Pacific/Honolulu", false },
    { "atlantic", "America/Halifax", true }, { "ast", "America/Halifax", false },
    { "adt", "America/Halifax", false },
    { "gmt", "Europe/London", false }, { "bst", "Europe/London", false },
    { "uk", "Europe/London", true },
    { "cet", "Europe/Berlin", false }, { "cest", "Europe/Berlin", false },
    { "aest", "Australia/Sydney", false }, { "aedt", "Australia/Sydney", false },
    { "nzst", "Pacific/Auckland", false }, { "nzdt", "Pacific/Auckland", false },
};

static const char *zone_word(const struct token *t, bool *long_form)
{
    if (t->number)
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(zone_words); i++)
        if (!strcmp(t->text, zone_words[i].word)) {
            *long_form = zone_words[i].long_form;
            return zone_words[i].zone;
        }
    return NULL;
}

const char *sp_zone_from_text(const char *s)
{
    struct token t[64] = { { "", false, false } };
    size_t n;

    if (!s || (!strpbrk(s, "0123456789") && !strstr(s, "ime")))  /* a time, or "Time" */
        return NULL;
    n = tokenize(s, t, G_N_ELEMENTS(t));
    for (size_t i = 0; i < n; i++) {
        const char *z;
        bool long_form = false;
        if (t[i].number) {
            /* "1:30pm Eastern", "19:00 CET", "7 pm (Pacific)" */
            size_t j = i + 1;
            bool ampm = j < n && (!strcmp(t[j].text, "am") || !strcmp(t[j].text, "pm"));
            if (ampm)
                j++;
            if ((ampm || t[i].clock) && j < n && (z = zone_word(&t[j], &long_form)) != NULL)
                return z;
        } else if (i + 1 < n && !strcmp(t[i + 1].text, "time") &&
                   (z = zone_word(&t[i], &long_form)) != NULL && long_form) {
            return z;  /* "Eastern Time" */
        }
    }
    return NULL;
}

/* 1..5 for an ordinal word or number token (t[i], with "st"/"nd"/... in t[i + 1]);
   6 for "last"; 0 if none.  *used is the number of tokens it took; *bare is set for a
   number without "st"/"nd"/... (German "1." once its dot is gone). */
static int ordinal(const struct token *t, size_t i, size_t n, size_t *used, bool *bare)
{
    static const char *const words[] = { "first", "second", "third", "fourth", "fifth" };
    static const char *const german[] = { "erste", "zweite", "dritte", "vierte", "fünfte" };

    *used = 1;
    if (t[i].number && !t[i].clock && t[i].text[1] == '\0' && t[i].text[0] >= '1' &&
        t[i].text[0] <= '5') {
        int v = t[i].text[0] - '0';
        if (i + 1 < n && (!strcmp(t[i + 1].text, "st") || !strcmp(t[i + 1].text, "nd") ||
                          !strcmp(t[i + 1].text, "rd") || !strcmp(t[i + 1].text, "th"))) {
            *used = 2;
        } else {
            *bare = true;
        }
        return v;
    }
    for (int k = 0; k < 5; k++)
        if (!strcmp(t[i].text, words[k]) || !strncmp(t[i].text, german[k], strlen(german[k])))
            return k + 1;
    if (!strcmp(t[i].text, "last") || !strncmp(t[i].text, "letzte", 6))
        return 6;
    return 0;
}

/* A weekday name, English or German, singular or plural, or a short form. */
static bool weekday_word(const char *w, bool german_only)
{
    static const char *const days[] = {
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
        "sonntag",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    };
    size_t n = strlen(w);

    for (size_t i = 0; i < (german_only ? 8 : G_N_ELEMENTS(days)); i++) {
        size_t dn = strlen(days[i]);
        /* the name, or the name and a plural 's' */
        if (!strcmp(w, days[i]) ||
            (n == dn + 1 && g_str_has_prefix(w, days[i]) && g_str_has_suffix(w, "s")))
            return true;
    }
    return false;
}

/* Could s say a week of the month at all?  A cheap look before the words are split:
   a digit, or a word starting like an ordinal or "last"/"letzte". */
static bool may_have_weeks(const char *s)
{
    for (const char *p = s; *p; p++) {
        const char *w = NULL, *w2 = NULL;
        if (g_ascii_isdigit(*p))
            return true;
        if (p != s && g_ascii_isalpha(p[-1]))
            continue;
        switch (*p | 0x20) {
        case 'f': w = "fi"; w2 = "fo"; break;     /* first, fifth, fourth, fünfte */
        case 's': w = "second"; break;
        case 't': w = "third"; break;
        case 'l': w = "last"; w2 = "letzte"; break;
        case 'e': w = "erste"; break;
        case 'z': w = "zweite"; break;
        case 'd': w = "dritte"; break;
        case 'v': w = "vierte"; break;
        default: continue;
        }
        if (!g_ascii_strncasecmp(p, w, strlen(w)) ||
            (w2 && !g_ascii_strncasecmp(p, w2, strlen(w2))) ||
            ((*p | 0x20) == 'f' && (unsigned char)p[1] == 0xC3))
            return true;
    }
    return false;
}

unsigned sp_weeks_parse(const char *s, bool whole)
{
    struct token t[96];  /* tokenize() fills t[0..n) */
    size_t n;

    if (!s || !may_have_weeks(s))
        return 0;
    n = tokenize(s, t, G_N_ELEMENTS(t));
    for (size_t i = 0; i < n; i++) {
        unsigned mask = 0;
        size_t j = i, used;
        bool bare = false;
        int v;

        /* BMLT keys "Wo1".."Wo5" ("wo" then the number) */
        if (!strcmp(t[i].text, "wo") && i + 1 < n && t[i + 1].number && !t[i + 1].clock &&
            t[i + 1].text[0] >= '1' && t[i + 1].text[0] <= '5' && !t[i + 1].text[1])
            return SP_WEEK_BIT(t[i + 1].text[0] - '0');
        /* a list of ordinals: "1st & 3rd", "first and third", "1. und 3." */
        while (j < n && (v = ordinal(t, j, n, &used, &bare)) != 0) {
            mask |= v == 6 ? SP_WEEK_LAST : SP_WEEK_BIT(v);
            j += used;
            if (j < n && (!strcmp(t[j].text, "and") || !strcmp(t[j].text, "und") ||
                          !strcmp(t[j].text, "or") || !strcmp(t[j].text, "oder")))
                j++;
        }
        if (!mask)
            continue;
        /* ... then what they count: a weekday, the week, or "of the month"; a bare
           number ("2 weeks") counts only in German ("2. Woche") */
        if (bare) {
            if (j < n && (weekday_word(t[j].text, true) || !strcmp(t[j].text, "woche")))
                return mask;
            i = j > i ? j - 1 : i;
            continue;
        }
        if (j == n && whole)
            return mask;
        if (j < n && (weekday_word(t[j].text, false) || !strcmp(t[j].text, "week") ||
                      !strcmp(t[j].text, "weeks") || !strcmp(t[j].text, "woche")))
            return mask;
        if (j + 2 < n && !strcmp(t[j].text, "of") && !strcmp(t[j + 2].text, "month") &&
            (!strcmp(t[j + 1].text, "the") || !strcmp(t[j + 1].text, "each") ||
             !strcmp(t[j + 1].text, "every")))
            return mask;
        i = j > i ? j - 1 : i;
    }
    return 0;
}

/* ---- streets written two ways ---- */

static const struct { const char *abbr, *word; } street_words[] = {
    { "rd", "road" }, { "st", "street" }, { "str", "strasse" }, { "stra\xc3\x9f" "e", "strasse" },
    { "ave", "avenue" }, { "av", "avenue" }, { "dr", "drive" }, { "ln", "lane" },
    { "blvd", "boulevard" }, { "ct", "court" }, { "pl", "place" }, { "ter", "terrace" },
    { "terr", "terrace" }, { "cres", "crescent" }, { "cl", "close" }, { "sq", "square" },
    { "hwy", "highway" }, { "pkwy", "parkway" }, { "n", "north" }, { "s", "south" },
    { "e", "east" }, { "w", "west" }, { "ste", "suite" }, { "mt", "mount" }, { "gdns", "gardens" },
    { "pde", "parade" }, { "sr", "state route" },
};

/* The words of a street, lower case, abbreviations written out, punctuation dropped. */
static char *street_key(const char *s)
{
    GString *g = g_string_new(NULL);
    char **w = g_strsplit_set(s, " ,.-'", -1);
    char *r;

    for (char **p = w; *p; p++) {
        char *low;
        const char *word;
        if (!**p)
            continue;
        low = g_ascii_strdown(*p, -1);
        word = low;
        for (size_t i = 0; i < G_N_ELEMENTS(street_words); i++)
            if (!strcmp(low, street_words[i].abbr))
                word = street_words[i].word;
        if (g->len)
            g_string_append_c(g, ' ');
        g_string_append(g, word);
        g_free(low);
    }
    g_strfreev(w);
    r = g_string_free(g, FALSE);
    return r;
}

bool sp_same_street(const char *a, const char *b)
{
    char *ka, *kb;
    bool same;

    if (!a || !b)
        return false;
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    if (g_ascii_tolower(*a) != g_ascii_tolower(*b))
        return false;  /* most venues are names, not the street again: said at once */
    ka = street_key(a);
    kb = street_key(b);
    same = *ka && !strcmp(ka, kb);
    g_free(ka);
    g_free(kb);
    return same;
}
