/*
 * words.c - shared wording.  Times follow UK print style (RNIB Clear Print favours
 * "7.30pm" over "19:30" for general readers); the layout can ask for 24-hour.
 */
#include "words.h"

#include <glib.h>
#include <string.h>

#include "../input/select.h"

const char *sp_words_time(int minutes, enum sp_time_style style, struct sp_arena *a)
{
    int h = (minutes / 60) % 24, m = minutes % 60;

    if (style == SP_TIME_24H)
        return sp_arena_printf(a, "%02d:%02d", h, m);
    if (h == 12 && m == 0)
        return "noon";
    if (h == 0 && m == 0)
        return "midnight";
    if (m == 0)
        return sp_arena_printf(a, "%d%s", h % 12 ? h % 12 : 12, h < 12 ? "am" : "pm");
    return sp_arena_printf(a, "%d.%02d%s", h % 12 ? h % 12 : 12, m, h < 12 ? "am" : "pm");
}

const char *sp_words_time_range(int start, int end, enum sp_time_style style,
                                struct sp_arena *a)
{
    return sp_arena_printf(a, "%s" SP_NBSP "to" SP_NBSP "%s",
                           sp_words_time(start, style, a), sp_words_time(end, style, a));
}

const char *sp_words_date(time_t t, struct sp_arena *a)
{
    static const char *const months[12] = {
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"
    };
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)t);
    const char *s;

    if (!dt)
        return "";
    s = sp_arena_printf(a, "%d %s %d", g_date_time_get_day_of_month(dt),
                        months[g_date_time_get_month(dt) - 1], g_date_time_get_year(dt));
    g_date_time_unref(dt);
    return s;
}

const char *sp_words_days(unsigned days, int start_day, enum sp_days_style style,
                          struct sp_arena *a)
{
    GString *s;
    int order[7], n = 0, nparts = 0, k = 0;
    const char *parts[7], *r;
    int start = start_day >= 0 && start_day < 7 ? start_day : 1;

    if ((days & SP_ALL_DAYS) == SP_ALL_DAYS)
        return "Every day";
    for (int i = 0; i < 7; i++)
        if (days & SP_DAY_BIT((start + i) % 7))
            order[n++] = i;  /* rank in the week as listed */
    while (k < n) {
        int j = k;
        while (j + 1 < n && order[j + 1] == order[j] + 1)
            j++;
        if (j - k >= 2) {
            const char *d0 = sp_day_name((start + order[k]) % 7);
            const char *d1 = sp_day_name((start + order[j]) % 7);
            parts[nparts++] = style == SP_DAYS_SHORT
                ? sp_arena_printf(a, "%.3s" SP_NBSP "to" SP_NBSP "%.3s", d0, d1)
                : sp_arena_printf(a, "%s to %s", d0, d1);
            k = j + 1;
        } else {
            const char *d = sp_day_name((start + order[k++]) % 7);
            parts[nparts++] = style == SP_DAYS_SHORT ? sp_arena_strndup(a, d, 3) : d;
        }
    }
    s = g_string_new(NULL);
    for (int i = 0; i < nparts; i++) {
        if (i)
            g_string_append(s, style == SP_DAYS_SHORT ? ", "
                               : i == nparts - 1 ? " and " : ", ");
        g_string_append(s, parts[i]);
    }
    r = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

const char *sp_words_glue(const char *s, struct sp_arena *a)
{
    size_t n = 0, len;
    char *out, *p;

    if (!s)
        return NULL;
    for (const char *q = s; *q; q++)
        n += *q == ' ';
    len = strlen(s);
    out = p = sp_arena_alloc(a, len + n + 1);
    for (const char *q = s; *q; q++) {
        if (*q == ' ') {
            memcpy(p, SP_NBSP, 2);
            p += 2;
        } else {
            *p++ = *q;
        }
    }
    *p = '\0';
    return out;
}

const char *sp_words_glue_numbers(const char *s, struct sp_arena *a)
{
    GString *buf;
    const char *r;

    if (!s)
        return NULL;
    buf = g_string_sized_new(strlen(s) + 8);
    for (const char *p = s; *p; p++) {
        /* "812 3456 7890", "01632 960123", "CF10 1AA": a space between digits holds */
        if (*p == ' ' && p > s && g_ascii_isdigit(p[-1]) && g_ascii_isdigit(p[1]))
            g_string_append(buf, SP_NBSP);
        else
            g_string_append_c(buf, *p);
    }
    r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

/* Append part to buf with a ", " separator unless it is already in buf. */
static void add_part(GString *buf, const char *part)
{
    if (!part || !*part || strstr(buf->str, part))
        return;
    if (buf->len)
        g_string_append(buf, ", ");
    g_string_append(buf, part);
}

const char *sp_words_place(const struct sp_meeting *m, struct sp_arena *a)
{
    GString *buf;
    const char *r;

    if (m->attendance == SP_ATTEND_ONLINE)
        return !m->url && m->phone ? "By phone" : "Online";
    buf = g_string_new(NULL);
    add_part(buf, m->venue);
    add_part(buf, m->address);
    if (m->town && m->postcode) {
        /* a short town travels with its postcode (a postcode alone on a line reads oddly);
           a very long one must be free to wrap, or the glued run would break mid-postcode */
        bool glue = g_utf8_strlen(m->town, -1) <= 24;
        char *tp = g_strdup_printf("%s%s%s", m->town, glue ? SP_NBSP : " ",
                                   sp_words_glue(m->postcode, a));
        add_part(buf, tp);
        g_free(tp);
    } else {
        add_part(buf, m->town);
        add_part(buf, sp_words_glue(m->postcode, a));
    }
    if (!buf->len && m->formatted_address)
        add_part(buf, m->formatted_address);
    if (m->attendance == SP_ATTEND_HYBRID)
        g_string_prepend(buf, buf->len ? "Online and in person: " : "Online and in person");
    r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

const char *sp_words_where(const struct sp_meeting *m, struct sp_arena *a)
{
    if (m->attendance == SP_ATTEND_ONLINE && m->provider && m->url)
        return sp_arena_printf(a, "Online (%s)", m->provider);
    return sp_words_place(m, a);
}

const char *sp_words_access(const struct sp_meeting *m, bool leave_off_passcodes,
                            struct sp_arena *a)
{
    const char *id = m->meeting_id ? sp_words_glue(m->meeting_id, a) : NULL;
    const char *pass = m->passcode && !leave_off_passcodes ? sp_words_glue(m->passcode, a)
                                                           : NULL;

    if (id && pass)
        return sp_arena_printf(a, "Meeting ID %s, passcode %s", id, pass);
    if (id)
        return sp_arena_printf(a, "Meeting ID %s", id);
    if (pass)
        return sp_arena_printf(a, "Passcode %s", pass);
    return NULL;
}

/* Print wording for common Meeting Guide codes: plain words a newcomer understands. */
static const struct { const char *code; const char *label; } plain[] = {
    { "O", "Open to all" },
    { "C", "Closed: for people who want to stop" },
    { "W", "Women only" },
    { "M", "Men only" },
    { "X", "Step-free access" },
    { "BE", "Newcomers welcome" },
    { "LGBTQ", "LGBTQ+" },
    { "T", "Transgender" },
    { "YP", "Young people" },
    { "CF", "Children welcome" },
    { "BA", "Childcare available" },
    { "ASL", "Sign language" },
    { "BSL", "British Sign Language" },
    { "D", "Discussion" },
    { "SP", "Speaker" },
    { "ST", "Step study" },
    { "B", "Big Book" },
    { "LIT", "Literature" },
    { "MED", "Meditation" },
    { "POC", "People of colour" },
    { "FF", "Fragrance free" },
    { "SM", "Smoking permitted" },
    { "NS", "No smoking" },
};

const char *sp_words_type_label(const struct sp_meeting *m, const struct sp_type *t)
{
    (void)m;
    /* codes with fellowship-specific meaning (Y) keep the reader's label */
    if (strcmp(t->code, "Y") != 0)
        for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
            if (!strcmp(plain[i].code, t->code))
                return plain[i].label;
    return t->label ? t->label : t->code;
}

const char *sp_words_types(const struct sp_meeting *m, struct sp_arena *a)
{
    GString *buf = g_string_new(NULL);
    const char *r = NULL;

    for (size_t i = 0; i < m->ntypes; i++) {
        const struct sp_type *t = &m->types[i];
        const char *label;
        if (!strcmp(t->code, "ONL") || !strcmp(t->code, "TC") || !strcmp(t->code, "HY"))
            continue;
        label = sp_words_type_label(m, t);
        if (strstr(buf->str, label))
            continue;
        if (buf->len)
            g_string_append(buf, ", ");
        g_string_append(buf, label);
    }
    if (buf->len)
        r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

const char *sp_words_kind(const struct sp_meeting *m, bool name_fellowship, struct sp_arena *a)
{
    const char *types = sp_words_types(m, a);
    const char *fellowship = name_fellowship ? m->fellowship : NULL;

    if (fellowship && types)
        return sp_arena_printf(a, "%s. %s", fellowship, types);
    return fellowship ? fellowship : types;
}

const char *sp_words_qr_alt(const struct sp_meeting *m, struct sp_arena *a)
{
    return m->provider ? sp_arena_printf(a, "QR code to join %s on %s", m->name, m->provider)
                       : sp_arena_printf(a, "QR code to join %s online", m->name);
}

const char *sp_words_link(const struct sp_meeting *m, bool leave_off_passcodes)
{
    if (!m->url)
        return NULL;
    if (leave_off_passcodes && m->url_has_passcode && m->url_without_passcode)
        return m->url_without_passcode;
    return m->url;
}

const char *sp_words_attr_url(const char *url, struct sp_arena *a)
{
    GString *buf = g_string_new(NULL);
    const char *r;

    for (const char *p = url; *p; p++) {
        if (*p == '\'')
            g_string_append(buf, "%27");
        else
            g_string_append_c(buf, *p);
    }
    r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

/*
 * A dial-in number as people dial it: "+441632960101,,81234567890#" -> "01632 960101"
 * (UK numbers grouped 3-4-4 for 02x, 4-3-4 for 011x and 01x1, else 5-6); the part after
 * the commas is left out when it is the meeting ID shown above, else added as ", then
 * 4321#".  Anything else is shown as given.  Glued so that it never breaks.
 */
const char *sp_words_phone(const struct sp_meeting *m, struct sp_arena *a)
{
    const char *p = m->phone, *comma = strchr(p, ',');
    char digits[32], id[32];
    size_t nd = 0, ni = 0;
    const char *num, *rest = NULL;

    for (const char *q = p; *q && q != comma && nd < sizeof digits - 1; q++)
        if (g_ascii_isdigit(*q))
            digits[nd++] = *q;
    digits[nd] = '\0';
    if (comma) {
        rest = comma;
        while (*rest == ',')
            rest++;
        for (const char *q = m->meeting_id ? m->meeting_id : ""; *q && ni < sizeof id - 1; q++)
            if (g_ascii_isdigit(*q))
                id[ni++] = *q;
        id[ni] = '\0';
        if (ni && !strncmp(rest, id, ni) && (rest[ni] == '#' || rest[ni] == '\0'))
            rest = NULL;
        else if (!*rest)
            rest = NULL;
    }
    if (p[0] == '+' && !strncmp(digits, "44", 2) && nd == 12) {
        memmove(digits + 1, digits + 2, nd - 1);  /* +44 1632... -> 01632... */
        digits[0] = '0';
        nd = 11;
    }
    if (nd == 11 && digits[0] == '0') {
        int g1 = digits[1] == '2' ? 3 : (digits[1] == '1' && (digits[2] == '1' ||
                                                             digits[3] == '1')) ? 4 : 5;
        int g2 = g1 == 3 ? 4 : g1 == 4 ? 3 : 6;
        num = g1 == 5 ? sp_arena_printf(a, "%.5s %s", digits, digits + 5)
                      : sp_arena_printf(a, "%.*s %.*s %s", g1, digits, g2, digits + g1,
                                        digits + g1 + g2);
    } else {
        num = comma ? sp_arena_strndup(a, p, (size_t)(comma - p)) : p;
    }
    if (rest)
        num = sp_arena_printf(a, "%s, then %s", num, rest);
    return sp_words_glue(num, a);
}
