/*
 * links.c - join-link safety, providers, meeting IDs and passcodes.
 *
 * Owns: the provider table.  Must not: print or fetch.  Only https: and http: pass, with
 * no user name or password; hosts are converted to ASCII (IDNA), so a QR code and a PDF
 * link open the same address, and look-alike hosts are named (docs/standards.md, "Links
 * and hosts"); ( ) \ are percent-encoded because cairo 1.16 writes link URIs unescaped.
 */
#include "links.h"

#include <glib.h>
#include <string.h>

struct provider {
    const char *domain;  /* the host or any subdomain of it */
    const char *name;
};

static const struct provider providers[] = {
    { "zoom.us", "Zoom" }, { "zoom.com", "Zoom" }, { "zoomgov.com", "Zoom" },
    { "meet.google.com", "Google Meet" },
    { "teams.microsoft.com", "Microsoft Teams" }, { "teams.live.com", "Microsoft Teams" },
    { "meet.jit.si", "Jitsi" }, { "jitsi.org", "Jitsi" },
    { "webex.com", "Webex" },
    { "skype.com", "Skype" },
    { "gotomeeting.com", "GoToMeeting" }, { "gotomeet.me", "GoToMeeting" },
    { "meet.goto.com", "GoToMeeting" },
    { "whereby.com", "Whereby" },
    { "discord.gg", "Discord" }, { "discord.com", "Discord" },
    { "freeconferencecall.com", "FreeConferenceCall" },
    { "bluejeans.com", "BlueJeans" },
    { "chime.aws", "Amazon Chime" },
};

const char *sp_link_provider(const char *host)
{
    size_t hl = strlen(host);

    for (size_t i = 0; i < sizeof providers / sizeof providers[0]; i++) {
        const char *d = providers[i].domain;
        size_t dl = strlen(d);
        if (hl == dl && !g_ascii_strcasecmp(host, d))
            return providers[i].name;
        if (hl > dl && host[hl - dl - 1] == '.' && !g_ascii_strcasecmp(host + hl - dl, d))
            return providers[i].name;
    }
    return NULL;
}

char *sp_meeting_id_format(struct sp_arena *a, const char *s)
{
    char d[32], out[48];
    size_t n = 0, w = 0;
    static const int g12[] = { 3, 3, 3, 3 }, g11[] = { 3, 4, 4 }, g10[] = { 3, 3, 4 },
                     g9[] = { 3, 3, 3 };
    const int *g = NULL;
    int ng = 3;

    for (const char *p = s; *p && n < sizeof d - 1; p++)
        if (g_ascii_isdigit(*p))
            d[n++] = *p;
    d[n] = '\0';
    if (n == 12) {
        g = g12;
        ng = 4;
    } else if (n == 11)
        g = g11;
    else if (n == 10)
        g = g10;
    else if (n == 9)
        g = g9;
    if (!g)
        return sp_arena_strdup(a, d);
    for (int k = 0, i = 0; k < ng; k++) {
        if (k)
            out[w++] = ' ';
        for (int j = 0; j < g[k]; j++)
            out[w++] = d[i++];
    }
    out[w] = '\0';
    return sp_arena_strdup(a, out);
}

/* An English name for a script in a message ("Cyrillic"), else its ISO 15924 code. */
static const char *script_name(GUnicodeScript sc, char buf[5])
{
    static const struct { GUnicodeScript sc; const char *name; } names[] = {
        { G_UNICODE_SCRIPT_LATIN, "Latin" }, { G_UNICODE_SCRIPT_CYRILLIC, "Cyrillic" },
        { G_UNICODE_SCRIPT_GREEK, "Greek" }, { G_UNICODE_SCRIPT_ARMENIAN, "Armenian" },
        { G_UNICODE_SCRIPT_HEBREW, "Hebrew" }, { G_UNICODE_SCRIPT_ARABIC, "Arabic" },
        { G_UNICODE_SCRIPT_CHEROKEE, "Cherokee" }, { G_UNICODE_SCRIPT_HAN, "Han" },
        { G_UNICODE_SCRIPT_HIRAGANA, "Hiragana" }, { G_UNICODE_SCRIPT_KATAKANA, "Katakana" },
        { G_UNICODE_SCRIPT_HANGUL, "Hangul" },
    };
    guint32 iso = g_unicode_script_to_iso15924(sc);

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (names[i].sc == sc)
            return names[i].name;
    for (int k = 0; k < 4; k++)
        buf[k] = (char)((iso >> (24 - 8 * k)) & 0xFF);
    buf[4] = '\0';
    return buf;
}

/* Scripts that one writing system mixes in a word: Han with Hiragana and Katakana
   (Japanese), Bopomofo (Chinese) or Hangul (Korean), and any of these with Latin (Unicode
   TS #39, "highly restrictive", simplified); Latin with Cyrillic or Greek is not. */
static bool one_writing_system(GUnicodeScript a, GUnicodeScript b)
{
    static const GUnicodeScript cjk[] = {
        G_UNICODE_SCRIPT_HAN, G_UNICODE_SCRIPT_HIRAGANA, G_UNICODE_SCRIPT_KATAKANA,
        G_UNICODE_SCRIPT_BOPOMOFO, G_UNICODE_SCRIPT_HANGUL
    };
    bool ca = a == G_UNICODE_SCRIPT_LATIN, cb = b == G_UNICODE_SCRIPT_LATIN;
    bool ja = false, jb = false;

    for (size_t i = 0; i < G_N_ELEMENTS(cjk); i++) {
        ja |= a == cjk[i];
        jb |= b == cjk[i];
    }
    return (ja && jb) || (ca && jb) || (ja && cb);
}

/* A dotted or plain number that resolvers read as an IPv4 address: "192.0.2.1",
   "3232235777", "0x7f.1" (one to four parts, decimal, octal or 0x hexadecimal). */
static bool numeric_host(const char *h)
{
    int parts = 0;

    for (const char *p = h; *p;) {
        const char *s = p;
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p += 2;
            while (g_ascii_isxdigit(*p))
                p++;
        } else {
            while (g_ascii_isdigit(*p))
                p++;
        }
        if (p == s || (*p && *p != '.'))
            return false;
        parts++;
        if (*p == '.' && *++p == '\0')
            break;  /* a trailing dot */
    }
    return parts >= 1 && parts <= 4;
}

/*
 * What a reader proofreading a poster should look at twice in a host (unicode: the host as
 * written, or decoded from xn-- labels): letters of two scripts in one label, full-width
 * forms, a numeric address.  NULL when nothing.
 */
static const char *host_doubt(struct sp_arena *a, const char *shown, const char *unicode,
                              const char *ascii)
{
    char b1[5], b2[5];

    if (numeric_host(ascii))
        return sp_arena_printf(a, "its host '%s' is a number (an IP address), not a name",
                               shown);
    for (const char *p = unicode; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0xFF01 && c <= 0xFFEF)
            return sp_arena_printf(a, "its host '%s' has full-width characters; the code "
                                   "opens %s", shown, ascii);
    }
    for (const char *label = unicode; *label;) {
        GUnicodeScript first = G_UNICODE_SCRIPT_COMMON;
        const char *p = label;
        for (; *p && *p != '.'; p = g_utf8_next_char(p)) {
            GUnicodeScript sc = g_unichar_get_script(g_utf8_get_char(p));
            if (sc == G_UNICODE_SCRIPT_COMMON || sc == G_UNICODE_SCRIPT_INHERITED ||
                sc == G_UNICODE_SCRIPT_UNKNOWN)
                continue;
            if (first == G_UNICODE_SCRIPT_COMMON)
                first = sc;
            else if (sc != first && !one_writing_system(first, sc))
                return sp_arena_printf(a, "its host '%s' mixes %s and %s letters, as "
                                       "look-alike addresses do; the code opens %s", shown,
                                       script_name(first, b1), script_name(sc, b2), ascii);
        }
        label = *p ? p + 1 : p;
    }
    return NULL;
}

static bool is_passcode_param(const char *p, size_t n)
{
    return (n == 3 && !g_ascii_strncasecmp(p, "pwd", 3)) ||
           (n == 8 && !g_ascii_strncasecmp(p, "passcode", 8)) ||
           (n == 8 && !g_ascii_strncasecmp(p, "password", 8));
}

enum sp_link_status sp_link_check(struct sp_arena *a, const char *raw, struct sp_link *out,
                                  const char **why)
{
    const char *p, *host, *hend, *rest;
    enum sp_link_status st;
    GString *g;

    memset(out, 0, sizeof *out);
    *why = NULL;

    /* Step 0: "&amp;" in a link (WordPress writes "&#038;") is an HTML-escaped "&" */
    if (strstr(raw, "&amp;") || strstr(raw, "&#038;") || strstr(raw, "&#38;")) {
        GString *u = g_string_new(NULL);
        for (const char *q = raw; *q;) {
            if (!strncmp(q, "&amp;", 5))
                q += 5;
            else if (!strncmp(q, "&#038;", 6))
                q += 6;
            else if (!strncmp(q, "&#38;", 5))
                q += 5;
            else {
                g_string_append_c(u, *q++);
                continue;
            }
            g_string_append_c(u, '&');
        }
        raw = sp_arena_strdup(a, u->str);
        g_string_free(u, TRUE);
    }

    /* Step 1: the scheme */
    p = raw;
    while (g_ascii_isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p != ':' || p == raw) {
        *why = "no https: or http: scheme";
        return SP_LINK_REFUSED;
    }
    if ((size_t)(p - raw) == 5 && !g_ascii_strncasecmp(raw, "https", 5)) {
        st = SP_LINK_OK;
    } else if ((size_t)(p - raw) == 4 && !g_ascii_strncasecmp(raw, "http", 4)) {
        st = SP_LINK_HTTP;
    } else {
        *why = sp_arena_printf(a, "scheme '%.*s:' is not allowed",
                               (int)((p - raw) > 20 ? 20 : (p - raw)), raw);
        return SP_LINK_REFUSED;
    }

    /* Step 2: the authority: a plain host name, an optional port, no user info */
    if (p[1] != '/' || p[2] != '/') {
        *why = "no '//' after the scheme";
        return SP_LINK_REFUSED;
    }
    host = p + 3;
    /* "https://user:pass@host/": credentials are never printed or opened (issue 16) */
    for (const char *q = host; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@') {
            *why = "a user name or password in the link";
            return SP_LINK_REFUSED;
        }
    hend = host;
    while (*hend && *hend != '/' && *hend != '?' && *hend != '#' && *hend != ':') {
        unsigned char c = (unsigned char)*hend;
        if (!(g_ascii_isalnum(c) || c == '-' || c == '.' || c >= 0x80)) {
            *why = "bad character in the host name";
            return SP_LINK_REFUSED;
        }
        hend++;
    }
    if (hend == host || *host == '.' || *host == '-') {
        *why = "no host";
        return SP_LINK_REFUSED;
    }
    rest = hend;
    if (*rest == ':') {
        rest++;
        if (!g_ascii_isdigit(*rest)) {
            *why = "bad port";
            return SP_LINK_REFUSED;
        }
        while (g_ascii_isdigit(*rest))
            rest++;
        if (*rest && *rest != '/' && *rest != '?' && *rest != '#') {
            *why = "bad port";
            return SP_LINK_REFUSED;
        }
    }
    for (const char *q = raw; *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7F) {
            *why = "control characters in the link";
            return SP_LINK_REFUSED;
        }

    /* Step 2b: the host in ASCII (IDNA), as a QR code and a PDF link must carry it; what
       it looks like, for the warning */
    {
        char *h = sp_arena_strndup(a, host, (size_t)(hend - host));
        char *ascii = g_utf8_validate(h, -1, NULL) ? g_hostname_to_ascii(h) : NULL;
        char *unicode = ascii ? g_hostname_to_unicode(ascii) : NULL;

        if (!ascii || !unicode) {
            g_free(ascii);
            g_free(unicode);
            *why = "a host name that cannot be written in ASCII (IDNA)";
            return SP_LINK_REFUSED;
        }
        out->host = sp_arena_strdup(a, ascii);
        for (char *q = (char *)out->host; *q; q++)
            *q = g_ascii_tolower(*q);
        /* shown as written, or decoded when written as xn-- */
        out->host_warning = host_doubt(a, g_hostname_is_non_ascii(h) ? h : unicode,
                                       g_hostname_is_non_ascii(h) ? h : unicode, out->host);
        g_free(ascii);
        g_free(unicode);
    }

    /* Step 3: the safe form */
    g = g_string_sized_new(strlen(raw) + 16);
    g_string_append(g, st == SP_LINK_OK ? "https://" : "http://");
    g_string_append(g, out->host);
    for (const char *q = hend; *q; q++) {
        if (*q == '(' || *q == ')' || *q == '\\' || *q == ' ' || *q == '"' || *q == '<' ||
            *q == '>' || *q == '{' || *q == '}' || *q == '|' || *q == '^' || *q == '`')
            g_string_append_printf(g, "%%%02X", (unsigned char)*q);
        else
            g_string_append_c(g, *q);
    }
    out->url = sp_arena_strndup(a, g->str, g->len);

    /* Step 4: provider, Zoom meeting ID, passcode parameter */
    out->provider = sp_link_provider(out->host);
    {
        const char *path = strchr(out->url + (st == SP_LINK_OK ? 8 : 7), '/');
        if (out->provider && !strcmp(out->provider, "Zoom") && path &&
            (path[1] == 'j' || path[1] == 'w' || path[1] == 's') && path[2] == '/') {
            size_t nd = strspn(path + 3, "0123456789");
            char end = path[3 + nd];
            if (nd >= 9 && nd <= 11 && (end == '\0' || end == '?' || end == '#' || end == '/')) {
                char digits[12];
                memcpy(digits, path + 3, nd);
                digits[nd] = '\0';
                out->meeting_id = sp_meeting_id_format(a, digits);
            }
        }
    }
    {
        const char *q = strchr(out->url, '?');
        if (q) {
            GString *w = g_string_new_len(out->url, q - out->url);
            const char *frag = strchr(q, '#');
            const char *qend = frag ? frag : q + strlen(q);
            const char *s = q + 1;
            bool first = true;
            while (s < qend) {
                const char *e = s;
                while (e < qend && *e != '&')
                    e++;
                const char *eq = memchr(s, '=', (size_t)(e - s));
                size_t kl = eq ? (size_t)(eq - s) : (size_t)(e - s);
                if (is_passcode_param(s, kl)) {
                    size_t vl = eq ? (size_t)(e - eq - 1) : 0;
                    out->has_passcode = true;
                    /* a passcode people type ("pwd=867458"), not Zoom's long encoded one */
                    if (vl && vl <= 12 && !memchr(eq + 1, '.', vl) && !memchr(eq + 1, '%', vl))
                        out->passcode = sp_arena_strndup(a, eq + 1, vl);
                } else if (e > s) {
                    g_string_append_c(w, first ? '?' : '&');
                    g_string_append_len(w, s, e - s);
                    first = false;
                }
                s = e + 1;
            }
            if (frag)
                g_string_append(w, frag);
            if (out->has_passcode)
                out->url_without_passcode = sp_arena_strndup(a, w->str, w->len);
            g_string_free(w, TRUE);
        }
    }
    g_string_free(g, TRUE);

    /* Step 5: a provider's home or sign-in page is not a way into a meeting */
    if (out->provider) {
        static const char *const pages[] = {
            "", "/", "/join", "/join/", "/home", "/meeting", "/meetings", "/signin", "/download",
            "/en-us", "/en-gb", "/en-us/", "/en-gb/"
        };
        size_t pl = strcspn(rest, "?#");
        for (size_t i = 0; i < G_N_ELEMENTS(pages); i++)
            if (pl == strlen(pages[i]) && !g_ascii_strncasecmp(rest, pages[i], pl) &&
                !strchr(rest, '?')) {
                *why = sp_arena_printf(a, "it is %s's home page, not a link to a meeting",
                                       out->provider);
                out->url = NULL;
                return SP_LINK_REFUSED;
            }
    }
    return st;
}

/* Find the first of the keys (any case, a whole word) in text at or after from; return
   the position after it and set *at to where it starts, or NULL. */
static const char *find_key(const char *text, const char *from, const char *const *keys,
                            size_t nkeys, const char **at)
{
    for (const char *p = from; *p; p++) {
        char c;
        if (p != text && g_ascii_isalpha(p[-1]))
            continue;
        c = g_ascii_tolower(*p);
        for (size_t k = 0; k < nkeys; k++) {
            size_t kl;
            if (c != keys[k][0])  /* keys are lower case: cheap test first */
                continue;
            kl = strlen(keys[k]);
            if (!g_ascii_strncasecmp(p, keys[k], kl) && !g_ascii_isalpha(p[kl]) &&
                (unsigned char)p[kl] < 0x80) {
                *at = p;
                return p + kl;
            }
        }
    }
    return NULL;
}

/* Is the key at p inside a URL ("...?pwd=...")?  Then it is the link's, not a note's. */
static bool in_url(const char *text, const char *p)
{
    const char *t = p;

    while (t > text && t[-1] != ' ' && t[-1] != '\n' && t[-1] != '\t')
        t--;
    for (; t < p; t++)
        if (*t == '?' || *t == '&' || *t == '/')
            return true;
    return false;
}

/* Digit groups from p: "292 718-013", "867458"; returns the end, or p if none. */
static const char *digit_groups(const char *p, size_t *ndigits)
{
    const char *e = p, *q;

    *ndigits = 0;
    while (g_ascii_isdigit(*e)) {
        e++;
        (*ndigits)++;
    }
    if (e == p)
        return p;
    for (;;) {
        size_t n = 0;
        if (*e != ' ' && *e != '-')
            break;
        for (q = e + 1; g_ascii_isdigit(*q); q++)
            n++;
        if (!n || g_ascii_isalpha(*q))
            break;  /* "1234 2nd floor": a new word, not a group */
        e = q;
        *ndigits += n;
    }
    return g_ascii_isalpha(*e) ? p : e;
}

/* Words just before a key that go with it: "enter password 1234", "the passcode is". */
static const char *phrase_start(const char *text, const char *key)
{
    static const char *const lead[] = {
        "enter", "use", "the", "zoom", "meeting", "and", "with", "then", "please"
    };
    const char *s = key;

    for (;;) {
        const char *w = s, *b;
        while (w > text && w[-1] == ' ')
            w--;
        b = w;
        while (b > text && g_ascii_isalpha(b[-1]))
            b--;
        if (b == w)
            return s;
        {
            bool found = false;
            for (size_t i = 0; i < G_N_ELEMENTS(lead) && !found; i++)
                found = (size_t)(w - b) == strlen(lead[i]) &&
                        !g_ascii_strncasecmp(b, lead[i], (size_t)(w - b));
            if (!found)
                return s;
        }
        s = b;
    }
}

char *sp_passcode_find(struct sp_arena *a, const char *text, size_t *start, size_t *end)
{
    static const char *const keys[] = {
        "passcode", "pass code", "password", "passwort", "kennwort", "has\xc5\x82o", "haslo",
        "pwd", "pw", "pin", "code"
    };
    /* words that follow "password" in notes without being one */
    static const char *const not_values[] = {
        "needed", "required", "protected", "see", "available", "on", "in", "by", "via",
        "not", "none", "is", "the", "a", "an", "and", "or", "for", "from", "please", "ask",
        "email", "e-mail", "contact", "sent", "given", "provided", "below", "above", "will",
        "erforderlich", "nicht", "bitte", "per"
    };
    const char *from = text, *key, *p;

    if (!text)
        return NULL;
    for (; (p = find_key(text, from, keys, G_N_ELEMENTS(keys), &key)) != NULL; from = p) {
        const char *e, *b;
        bool sep = false, digit = false, digits_only;
        size_t nd;

        if (in_url(text, key))
            continue;
        /* "no password", "not password-protected" */
        b = key;
        while (b > text && b[-1] == ' ')
            b--;
        if ((b - text >= 2 && !g_ascii_strncasecmp(b - 2, "no", 2) &&
             (b - text == 2 || !g_ascii_isalpha(b[-3]))) ||
            (b - text >= 3 && !g_ascii_strncasecmp(b - 3, "not", 3)))
            return NULL;
        while (*p == ' ' || *p == ':' || *p == '-' || *p == '=' || *p == '\t') {
            sep = sep || *p == ':' || *p == '=' || *p == '-';
            p++;
        }
        if (!g_ascii_strncasecmp(p, "is ", 3)) {
            p += 3;
            sep = true;
        }
        /* digits, in groups ("292 718-013"), or one word */
        e = digit_groups(p, &nd);
        digits_only = e > p;
        if (!digits_only) {
            e = p;
            while (*e && *e != ' ' && *e != '\n' && *e != ',' && *e != ';' && *e != ')' &&
                   *e != '(' && *e != '#')
                e++;
            while (e > p && (e[-1] == '.' || e[-1] == ':'))
                e--;
        }
        if (e == p || e - p > 32)
            continue;
        for (const char *q = p; q < e; q++)
            digit = digit || g_ascii_isdigit(*q);
        {
            bool bad = false;
            for (size_t i = 0; i < G_N_ELEMENTS(not_values) && !bad; i++)
                bad = (size_t)(e - p) == strlen(not_values[i]) &&
                      !g_ascii_strncasecmp(p, not_values[i], (size_t)(e - p));
            if (bad)
                return NULL;
        }
        /* "Passcode 1234" needs no colon; a word with no digit needs "passcode: word";
           "code" and "PIN" take digits only ("dress code: smart" is not one) */
        if (!sep && !digit)
            continue;
        if ((!g_ascii_strncasecmp(key, "code", 4) || !g_ascii_strncasecmp(key, "pin", 3)) &&
            !digits_only)
            continue;
        if (start)
            *start = (size_t)(phrase_start(text, key) - text);
        if (end)
            *end = (size_t)(e - text) + (*e == '#');
        return sp_arena_strndup(a, p, (size_t)(e - p));
    }
    return NULL;
}

char *sp_passcode_from_text(struct sp_arena *a, const char *text)
{
    return sp_passcode_find(a, text, NULL, NULL);
}

char *sp_meeting_id_find(struct sp_arena *a, const char *text, size_t *start, size_t *end)
{
    static const char *const keys[] = {
        "meeting id", "meeting-id", "meetingid", "zoom id", "webex id", "teams id",
        "conference id", "meeting number", "meeting code", "access code", "id"
    };
    const char *from = text, *key, *p;

    if (!text)
        return NULL;
    for (; (p = find_key(text, from, keys, G_N_ELEMENTS(keys), &key)) != NULL; from = p) {
        const char *e;
        char d[16];
        size_t n = 0;

        if (in_url(text, key))
            continue;
        while (*p == ' ' || *p == ':' || *p == '-' || *p == '#' || *p == '=' || *p == '.')
            p++;
        if (!g_ascii_isdigit(*p))
            continue;
        for (e = p; *e && (g_ascii_isdigit(*e) || ((*e == ' ' || *e == '-') &&
                                                   g_ascii_isdigit(e[1]))); e++)
            if (g_ascii_isdigit(*e) && n < sizeof d - 1)
                d[n++] = *e;
        d[n] = '\0';
        if (n < 9 || n > 12 || g_ascii_isalpha(*e))
            continue;
        if (start)
            *start = (size_t)(phrase_start(text, key) - text);
        if (end)
            *end = (size_t)(e - text) + (*e == '#');
        return sp_meeting_id_format(a, d);
    }
    return NULL;
}

char *sp_meeting_id_from_text(struct sp_arena *a, const char *text)
{
    return sp_meeting_id_find(a, text, NULL, NULL);
}
