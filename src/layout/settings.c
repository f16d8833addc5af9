/*
 * settings.c - the organisation's settings file: [organisation], [links], [text] and
 * repeated [helpline] sections, read with the layouts' key-file reader (layout.h) so
 * that every error names file:line:col; GKeyFile would merge the repeated [helpline]s.
 */
#include "settings.h"
#include "layout.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#define MAX_HELPLINES 20

enum vtype {
    V_LINE,   /* one line of text */
    V_PARAS,  /* paragraphs ('\n' allowed) */
    V_PHONE,
    V_EMAIL,
    V_HTTPS,
    V_NOSPACE,
    V_LANG,
    V_ZONE    /* an IANA time zone name */
};

struct sdef {
    const char *section;
    const char *key;
    enum vtype type;
    size_t max;   /* characters */
    size_t off;   /* field in struct sp_settings, or in struct sp_helpline for [helpline] */
};

#define S(field) offsetof(struct sp_settings, field)
#define H(field) offsetof(struct sp_helpline, field)

static const struct sdef skeys[] = {
    { "organisation", "name", V_LINE, 100, S(org_name) },
    { "organisation", "phone", V_PHONE, 40, S(org_phone) },
    { "organisation", "email", V_EMAIL, 100, S(org_email) },
    { "organisation", "website", V_NOSPACE, 100, S(org_website) },
    { "organisation", "area", V_LINE, 100, S(area) },
    { "links", "directory-url", V_HTTPS, 500, S(directory_url) },
    { "links", "short-link", V_NOSPACE, 40, S(short_link) },
    { "text", "headline", V_LINE, 100, S(headline) },
    { "text", "subtitle", V_LINE, 200, S(subtitle) },
    { "text", "intro", V_PARAS, 2000, S(intro) },
    { "text", "card-welcome", V_LINE, 80, S(card_welcome) },
    { "text", "lang", V_LANG, 35, S(lang) },
    { "directory", "fellowship", V_LINE, 100, S(fellowship) },
    { "directory", "timezone", V_ZONE, 64, S(timezone) },
    { "helpline", "name", V_LINE, 100, H(name) },
    { "helpline", "phone", V_PHONE, 40, H(phone) },
    { "helpline", "hours", V_LINE, 60, H(hours) },
};

#define NSKEYS (sizeof skeys / sizeof skeys[0])

void sp_settings_defaults(struct sp_settings *s)
{
    memset(s, 0, sizeof *s);
    s->org_name = "";
    s->headline = "Free support meetings near you";
    s->lang = "en-GB";
}

static const char *clip(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s), max = 60;

    if (n <= max || size < max + 4) {
        snprintf(buf, size, "%s", s);
        return buf;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    snprintf(buf, size, "%.*s...", (int)max, s);
    return buf;
}

static int ok_phone(const char *v)
{
    int digits = 0;

    for (const char *p = v; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr(" +()-", *p))
            return 0;
    }
    return digits >= 3;
}

static int ok_email(const char *v)
{
    const char *at = strchr(v, '@');

    if (!at || at == v || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
        return 0;
    for (const char *p = v; *p; p++)
        if (isspace((unsigned char)*p))
            return 0;
    return 1;
}

static int ok_nospace(const char *v)
{
    for (const char *p = v; *p; p++)
        if (isspace((unsigned char)*p))
            return 0;
    return 1;
}

static int ok_https(const char *v)
{
    const char *host = v + 8;

    if (g_ascii_strncasecmp(v, "https://", 8) || !ok_nospace(v))
        return 0;
    if (!*host || *host == '/' || *host == '?' || *host == '#')
        return 0;
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return 0;  /* QR codes need ASCII links (STANDARDS.md, byte mode) */
    return 1;
}

/*
 * A zone file (TZif) for v where glib looks for one (TZDIR, else /usr/share/zoneinfo; an
 * absolute name as it is): glib accepts such a zone, and reading its four first bytes
 * costs far less than glib's parse of the whole file (issue 17: a millisecond of every
 * run).  Anything else is still decided by glib.
 */
static int zone_file(const char *v)
{
    const char *dir = g_getenv("TZDIR");
    char *path, head[4];
    FILE *fp;
    int ok = 0;

    if (*v == ':')
        v++;
    path = g_path_is_absolute(v) ? g_strdup(v)
                                 : g_build_filename(dir ? dir : "/usr/share/zoneinfo", v, NULL);
    fp = fopen(path, "rb");
    if (fp) {
        ok = fread(head, 1, 4, fp) == 4 && !memcmp(head, "TZif", 4);
        fclose(fp);
    }
    g_free(path);
    return ok;
}

/* BCP 47, loosely: 2-3 letters, then -subtags of 1-8 letters or digits; two of them
   joined by '+' for bilingual output ("cy+en"). */
static int ok_one_lang(const char *v);

static int ok_lang(const char *v)
{
    const char *plus = strchr(v, '+');
    char first[40];

    if (!plus)
        return ok_one_lang(v);
    if ((size_t)(plus - v) >= sizeof first)
        return 0;
    memcpy(first, v, (size_t)(plus - v));
    first[plus - v] = '\0';
    return ok_one_lang(first) && ok_one_lang(plus + 1);
}

static int ok_one_lang(const char *v)
{
    size_t n = 0;

    while (isalpha((unsigned char)v[n]))
        n++;
    if (n < 2 || n > 3)
        return 0;
    v += n;
    while (*v == '-') {
        v++;
        n = 0;
        while (isalnum((unsigned char)v[n]))
            n++;
        if (n < 1 || n > 8)
            return 0;
        v += n;
    }
    return *v == '\0';
}

static int check_value(const char *file, const struct sdef *d, const struct sp_ini_entry *e,
                       struct sp_error *err)
{
    const char *v = e->value;
    const char *expected = NULL;
    char q[80];

    if (d->type != V_PARAS && strchr(v, '\n'))
        return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->value_col,
                            "'%s': must be one line (only 'intro' may use '\\n')", e->key);
    if ((size_t)g_utf8_strlen(v, -1) > d->max)
        return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->value_col,
                            "'%s': longer than %zu characters", e->key, d->max);
    switch (d->type) {
    case V_LINE:
    case V_PARAS:
        break;
    case V_PHONE:
        if (!ok_phone(v))
            expected = "a phone number such as '01632 960000'";
        break;
    case V_EMAIL:
        if (!ok_email(v))
            expected = "an email address such as 'info@example.org'";
        break;
    case V_HTTPS:
        if (!ok_https(v))
            expected = "an https:// link such as 'https://example.org/meetings'";
        break;
    case V_NOSPACE:
        if (!ok_nospace(v))
            expected = "a link without spaces such as 'example.org/meetings'";
        break;
    case V_LANG:
        if (!ok_lang(v))
            expected = "a language tag such as 'en-GB' or 'cy'";
        break;
    case V_ZONE: {
        int named = strchr(v, '/') || !strcmp(v, "UTC"), ok = named && zone_file(v);

        if (named && !ok) {
            GTimeZone *z = g_time_zone_new_identifier(v);
            ok = z != NULL;
            if (z)
                g_time_zone_unref(z);
        }
        if (!ok)
            expected = "a time zone such as 'Europe/London' or 'America/New_York'";
        break;
    }
    }
    if (expected)
        return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->value_col,
                            "'%s': expected %s, got '%s'", e->key, expected,
                            clip(q, sizeof q, e->raw));
    return 0;
}

static int find_key(const char *section, const char *key)
{
    for (size_t i = 0; i < NSKEYS; i++)
        if (!strcmp(skeys[i].section, section) && !strcmp(skeys[i].key, key))
            return (int)i;
    return -1;
}

int sp_settings_parse(const char *name, const char *data, size_t len, struct sp_arena *a,
                      struct sp_settings *s, struct sp_error *err)
{
    const char *file = name ? name : "settings";
    struct sp_ini ini = { 0 };
    int *hl;           /* helpline number of each section, -1 for others */
    size_t nh = 0;

    sp_settings_defaults(s);
    if (sp_ini_parse(file, data, len, a, &ini, err))
        return -1;

    /* Step 1: sections - known, not repeated (except [helpline]), not too many. */
    hl = sp_arena_alloc(a, (ini.nsections + 1) * sizeof *hl);
    for (size_t i = 0; i < ini.nsections; i++) {
        const struct sp_ini_section *sec = &ini.sections[i];
        hl[i] = -1;
        if (!strcmp(sec->name, "helpline")) {
            if (nh == MAX_HELPLINES)
                return sp_error_set(err, SP_ERR_INPUT, file, sec->line, 1,
                                    "more than %d '[helpline]' sections", MAX_HELPLINES);
            hl[i] = (int)nh++;
            continue;
        }
        if (strcmp(sec->name, "organisation") && strcmp(sec->name, "links") &&
            strcmp(sec->name, "text") && strcmp(sec->name, "directory"))
            return sp_error_set(err, SP_ERR_INPUT, file, sec->line, 1,
                                "unknown section '[%s]' (expected '[organisation]', "
                                "'[links]', '[text]', '[directory]' or '[helpline]')",
                                sec->name);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(ini.sections[j].name, sec->name))
                return sp_error_set(err, SP_ERR_INPUT, file, sec->line, 1,
                                    "duplicate section '[%s]' (first on line %d)", sec->name,
                                    ini.sections[j].line);
    }
    if (nh) {
        s->helplines = sp_arena_alloc(a, nh * sizeof *s->helplines);
        s->nhelplines = nh;
    }

    /* Step 2: every key, in file order. */
    for (size_t i = 0; i < ini.nentries; i++) {
        const struct sp_ini_entry *e = &ini.entries[i];
        const char *sec;
        int k;
        void *base;

        if (e->section < 0)
            return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                "'%s': key before the first section (start with "
                                "'[organisation]')", e->key);
        sec = ini.sections[e->section].name;
        k = find_key(sec, e->key);
        if (k < 0)
            return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                "'%s': unknown key in section '[%s]'", e->key, sec);
        for (size_t j = 0; j < i; j++)
            if (ini.entries[j].section == e->section && !strcmp(ini.entries[j].key, e->key))
                return sp_error_set(err, SP_ERR_INPUT, file, e->line, e->key_col,
                                    "'%s': duplicate key (first set on line %d)", e->key,
                                    ini.entries[j].line);
        if (check_value(file, &skeys[k], e, err))
            return -1;
        base = hl[e->section] >= 0 ? (void *)&s->helplines[hl[e->section]] : (void *)s;
        *(const char **)(void *)((unsigned char *)base + skeys[k].off) = e->value;
        if (base == (void *)s && skeys[k].off == S(directory_url)) {
            s->directory_url_line = e->line;
            s->directory_url_col = e->value_col;
        }
    }

    /* Step 3: what must be there. */
    for (size_t i = 0; i < ini.nsections; i++) {
        const struct sp_helpline *h;
        if (hl[i] < 0)
            continue;
        h = &s->helplines[hl[i]];
        if (!h->name || !h->phone)
            return sp_error_set(err, SP_ERR_INPUT, file, ini.sections[i].line, 1,
                                "missing key '%s' in section '[helpline]'",
                                !h->name ? "name" : "phone");
    }
    if (!*s->org_name)
        return sp_error_set(err, SP_ERR_INPUT, file, 0, 0,
                            "missing key 'name' in section '[organisation]'");
    return 0;
}

int sp_settings_load(const char *path, struct sp_arena *a, struct sp_settings *s,
                     struct sp_error *err)
{
    char *data = NULL;
    size_t len = 0;

    sp_settings_defaults(s);
    if (sp_ini_read_file(path, a, &data, &len, err))
        return -1;
    return sp_settings_parse(path, data, len, a, s, err);
}
