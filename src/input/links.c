/*
 * links.c - join-link safety, providers, meeting IDs and passcodes.
 *
 * Owns: the provider table.  Must not: print or fetch.  Only https: and http: pass;
 * ( ) \ are percent-encoded because cairo 1.16 writes link URIs unescaped.
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
    static const int g11[] = { 3, 4, 4 }, g10[] = { 3, 3, 4 }, g9[] = { 3, 3, 3 };
    const int *g = NULL;

    for (const char *p = s; *p && n < sizeof d - 1; p++)
        if (g_ascii_isdigit(*p))
            d[n++] = *p;
    d[n] = '\0';
    if (n == 11)
        g = g11;
    else if (n == 10)
        g = g10;
    else if (n == 9)
        g = g9;
    if (!g)
        return sp_arena_strdup(a, d);
    for (int k = 0, i = 0; k < 3; k++) {
        if (k)
            out[w++] = ' ';
        for (int j = 0; j < g[k]; j++)
            out[w++] = d[i++];
    }
    out[w] = '\0';
    return sp_arena_strdup(a, out);
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
    hend = host;
    while (*hend && *hend != '/' && *hend != '?' && *hend != '#' && *hend != ':') {
        unsigned char c = (unsigned char)*hend;
        if (!(g_ascii_isalnum(c) || c == '-' || c == '.' || c >= 0x80)) {
            *why = c == '@' ? "user name in the link" : "bad character in the host name";
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

    /* Step 3: the safe form */
    g = g_string_sized_new(strlen(raw) + 16);
    g_string_append(g, st == SP_LINK_OK ? "https://" : "http://");
    for (const char *q = host; q < hend; q++)
        g_string_append_c(g, g_ascii_tolower(*q));
    for (const char *q = hend; *q; q++) {
        if (*q == '(' || *q == ')' || *q == '\\' || *q == ' ' || *q == '"' || *q == '<' ||
            *q == '>' || *q == '{' || *q == '}' || *q == '|' || *q == '^' || *q == '`')
            g_string_append_printf(g, "%%%02X", (unsigned char)*q);
        else
            g_string_append_c(g, *q);
    }
    out->url = sp_arena_strndup(a, g->str, g->len);

    /* Step 4: provider, Zoom meeting ID, passcode parameter */
    {
        char *h = sp_arena_strndup(a, host, (size_t)(hend - host));
        out->provider = sp_link_provider(h);
    }
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
                    out->has_passcode = true;
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
    return st;
}

/* Find one of the keys (any case) in text; return the position after it, or NULL. */
static const char *find_key(const char *text, const char *const *keys, size_t nkeys)
{
    for (const char *p = text; *p; p++) {
        if (p != text && g_ascii_isalpha(p[-1]))
            continue;
        for (size_t k = 0; k < nkeys; k++) {
            size_t kl;
            if (g_ascii_tolower(*p) != keys[k][0])  /* keys are lower case: cheap test first */
                continue;
            kl = strlen(keys[k]);
            if (!g_ascii_strncasecmp(p, keys[k], kl) && !g_ascii_isalpha(p[kl]))
                return p + kl;
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

char *sp_passcode_from_text(struct sp_arena *a, const char *text)
{
    static const char *const keys[] = { "passcode", "pass code", "password", "pwd", "pin" };
    /* words that follow "password" in notes without being one */
    static const char *const not_values[] = {
        "needed", "required", "protected", "see", "available", "on", "in", "by", "via",
        "not", "none", "is", "the", "a", "an", "and", "or", "for", "from", "please", "ask",
        "email", "e-mail", "contact", "sent", "given", "provided", "below", "above", "will"
    };
    const char *p, *e, *from = text;
    bool sep = false, digit = false;

    /* the first key that is not inside a URL */
    for (;;) {
        if (!from || !(p = find_key(from, keys, sizeof keys / sizeof keys[0])))
            return NULL;
        if (!in_url(text, p))
            break;
        from = p;
    }
    /* "no password", "not password-protected" */
    {
        const char *b = p;
        while (b > text && g_ascii_isalpha(b[-1]))
            b--;  /* start of the key word */
        while (b > text && b[-1] == ' ')
            b--;
        if ((b - text >= 2 && !g_ascii_strncasecmp(b - 2, "no", 2) &&
             (b - text == 2 || !g_ascii_isalpha(b[-3]))) ||
            (b - text >= 3 && !g_ascii_strncasecmp(b - 3, "not", 3)))
            return NULL;
    }
    while (*p == ' ' || *p == ':' || *p == '-' || *p == '=' || *p == '\t') {
        sep = sep || *p == ':' || *p == '=' || *p == '-';
        p++;
    }
    if (!g_ascii_strncasecmp(p, "is ", 3)) {
        p += 3;
        sep = true;
    }
    e = p;
    while (*e && *e != ' ' && *e != '\n' && *e != ',' && *e != ';' && *e != ')' && *e != '(')
        e++;
    while (e > p && (e[-1] == '.' || e[-1] == ':'))
        e--;
    if (e == p || e - p > 32)
        return NULL;
    for (const char *q = p; q < e; q++)
        digit = digit || g_ascii_isdigit(*q);
    for (size_t i = 0; i < G_N_ELEMENTS(not_values); i++)
        if ((size_t)(e - p) == strlen(not_values[i]) &&
            !g_ascii_strncasecmp(p, not_values[i], (size_t)(e - p)))
            return NULL;
    /* "Passcode 1234" needs no colon; a word with no digit needs "passcode: word" */
    if (!sep && !digit)
        return NULL;
    return sp_arena_strndup(a, p, (size_t)(e - p));
}

char *sp_meeting_id_from_text(struct sp_arena *a, const char *text)
{
    static const char *const keys[] = { "meeting id", "meeting-id", "meetingid", "zoom id" };
    const char *p;
    char d[16];
    size_t n = 0;

    if (!text || !(p = find_key(text, keys, sizeof keys / sizeof keys[0])))
        return NULL;
    while (*p == ' ' || *p == ':' || *p == '-' || *p == '#' || *p == '=')
        p++;
    for (; *p && n < sizeof d - 1; p++) {
        if (g_ascii_isdigit(*p))
            d[n++] = *p;
        else if (*p != ' ')
            break;
    }
    d[n] = '\0';
    if (n < 9 || n > 11)
        return NULL;
    return sp_meeting_id_format(a, d);
}
