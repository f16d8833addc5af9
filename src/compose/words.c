/*
 * words.c - shared wording.  Times follow UK print style (RNIB Clear Print favours
 * "7.30pm" over "19:30" for general readers); the layout can ask for 24-hour, and
 * languages that write 24-hour times (German, Polish...) and bilingual outputs always
 * get it.  Every word is in the output language(s) (tr.h): a function that builds from
 * several words builds in one language at a time and joins the results (sp_tr_both).
 */
#include "words.h"

#include <glib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "tr.h"

/* One language: "7pm", "7.30pm", "noon" or "19:30". */
static const char *time_one(int minutes, enum sp_time_style style, struct sp_arena *a)
{
    int h = (minutes / 60) % 24, m = minutes % 60;
    const char *hh, *mm;

    if (style == SP_TIME_24H || sp_i18n_current()->clock24 || sp_i18n_bilingual())
        return sp_arena_printf(a, "%02d:%02d", h, m);
    if (h == 12 && m == 0)
        return sp_trc("time", "noon");
    if (h == 0 && m == 0)
        return sp_trc("time", "midnight");
    hh = sp_arena_printf(a, "%d", h % 12 ? h % 12 : 12);
    mm = sp_arena_printf(a, "%02d", m);
    /* TRANSLATORS: {1} is the hour (1-12), {2} the minutes; no spaces (one piece) */
    if (m == 0)
        return sp_i18n_fill(a, h < 12 ? sp_trc("time", "{1}am") : sp_trc("time", "{1}pm"), hh,
                            NULL, NULL);
    return sp_i18n_fill(a, h < 12 ? sp_trc("time", "{1}.{2}am") : sp_trc("time", "{1}.{2}pm"),
                        hh, mm, NULL);
}

struct time_ctx {
    int start, end;
    enum sp_time_style style;
};

static const char *time_fn(const void *ctx, struct sp_arena *a)
{
    const struct time_ctx *c = ctx;
    return time_one(c->start, c->style, a);
}

const char *sp_words_time(int minutes, enum sp_time_style style, struct sp_arena *a)
{
    struct time_ctx c = { minutes, -1, style };
    return sp_tr_both(time_fn, &c, a);
}

static const char *range_fn(const void *ctx, struct sp_arena *a)
{
    const struct time_ctx *c = ctx;
    /* TRANSLATORS: a time range, "7pm to 8.30pm"; its spaces become no-break spaces */
    return sp_words_glue(sp_i18n_fill(a, sp_trc("time", "{1} to {2}"),
                                      time_one(c->start, c->style, a),
                                      time_one(c->end, c->style, a), NULL), a);
}

const char *sp_words_time_range(int start, int end, enum sp_time_style style,
                                struct sp_arena *a)
{
    struct time_ctx c = { start, end, style };
    return sp_tr_both(range_fn, &c, a);
}

static const char *date_fn(const void *ctx, struct sp_arena *a)
{
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)*(const time_t *)ctx);
    const char *s;

    if (!dt)
        return "";
    /* TRANSLATORS: a date: {1} the day of the month, {2} the month's name (as translated
       with context "date"), {3} the year: "26 November 2026", German "{1}. {2} {3}" */
    s = sp_i18n_fill(a, sp_trc("date", "{1} {2} {3}"),
                     sp_arena_printf(a, "%d", g_date_time_get_day_of_month(dt)),
                     sp_tr_month(g_date_time_get_month(dt)),
                     sp_arena_printf(a, "%d", g_date_time_get_year(dt)));
    g_date_time_unref(dt);
    return s;
}

static const char *const week_names[6] = {
    NC_("weeks of the month", "first"), NC_("weeks of the month", "second"),
    NC_("weeks of the month", "third"), NC_("weeks of the month", "fourth"),
    NC_("weeks of the month", "fifth"), NC_("weeks of the month", "last")
};

static const char *weeks_only_fn(const void *ctx, struct sp_arena *a)
{
    unsigned weeks = *(const unsigned *)ctx;
    GString *s = g_string_new(NULL);
    const char *r;
    int n = 0, total = __builtin_popcount(weeks & 0x3F);

    for (int i = 0; i < 6; i++)
        if (weeks & (1u << i)) {
            if (n++)
                g_string_append(s, n == total ? sp_trc("list", " and ")
                                              : sp_trc("list", ", "));
            g_string_append(s, sp_trc("weeks of the month", week_names[i]));
        }
    r = sp_i18n_fill(a, sp_tr(N_("Only in the {1} week of the month")), s->str, NULL, NULL);
    g_string_free(s, TRUE);
    return r;
}

const char *sp_words_weeks_only(unsigned weeks, struct sp_arena *a)
{
    if (!(weeks & 0x3F))
        return NULL;
    return sp_tr_both(weeks_only_fn, &weeks, a);
}

const char *sp_words_host(const char *url, struct sp_arena *a)
{
    const char *p = url ? strstr(url, "://") : NULL;
    size_t n;

    if (!p)
        return NULL;
    p += 3;
    n = strcspn(p, "/?#:");
    return n ? sp_arena_strndup(a, p, n) : NULL;
}

const char *sp_words_site(const char *url, struct sp_arena *a)
{
    const char *h = sp_words_host(url, a), *dots[3] = { NULL, NULL, NULL };
    size_t last;

    if (!h || strspn(h, "0123456789.") == strlen(h) || !g_ascii_strncasecmp(h, "0x", 2))
        return h;  /* none, or a number: whole (its digits are what to check) */
    for (const char *p = h; *p; p++)
        if (*p == '.') {
            dots[2] = dots[1];
            dots[1] = dots[0];
            dots[0] = p;
        }
    if (!dots[1])
        return h;
    last = strlen(dots[0] + 1);
    /* "org.uk", "co.jp", "com.au": a two-letter country with a short second level */
    if (last == 2 && dots[0] - dots[1] - 1 <= 3)
        return dots[2] ? dots[2] + 1 : h;
    return dots[1] + 1;
}

static const char *listed_fn(const void *ctx, struct sp_arena *a)
{
    /* TRANSLATORS: {1} the date of the directory's data: "Meetings as listed on 26
       November 2026" */
    return sp_i18n_fill(a, sp_tr("Meetings as listed on {1}"), date_fn(ctx, a), NULL, NULL);
}

const char *sp_words_as_listed(time_t data_date, struct sp_arena *a)
{
    if (!data_date)
        return NULL;
    return sp_tr_both(listed_fn, &data_date, a);
}

const char *sp_words_date(time_t t, struct sp_arena *a)
{
    return sp_tr_both(date_fn, &t, a);
}

struct days_ctx {
    unsigned days;
    int start_day;
    enum sp_days_style style;
};

static const char *days_fn(const void *ctx, struct sp_arena *a)
{
    const struct days_ctx *c = ctx;
    GString *s;
    int order[7], n = 0, nparts = 0, k = 0;
    const char *parts[7], *r;
    int start = c->start_day >= 0 && c->start_day < 7 ? c->start_day : 1;
    bool shrt = c->style == SP_DAYS_SHORT;

    if ((c->days & SP_ALL_DAYS) == SP_ALL_DAYS)
        return sp_tr("Every day");
    for (int i = 0; i < 7; i++)
        if (c->days & SP_DAY_BIT((start + i) % 7))
            order[n++] = i;  /* rank in the week as listed */
    while (k < n) {
        int j = k;
        while (j + 1 < n && order[j + 1] == order[j] + 1)
            j++;
        if (j - k >= 2) {
            int d0 = (start + order[k]) % 7, d1 = (start + order[j]) % 7;
            /* TRANSLATORS: a run of days, "Monday to Friday" */
            const char *run = sp_i18n_fill(a, sp_trc("days", "{1} to {2}"),
                                           shrt ? sp_tr_day_short(d0) : sp_tr_day(d0),
                                           shrt ? sp_tr_day_short(d1) : sp_tr_day(d1), NULL);
            parts[nparts++] = shrt ? sp_words_glue(run, a) : run;
            k = j + 1;
        } else {
            int d = (start + order[k++]) % 7;
            parts[nparts++] = shrt ? sp_tr_day_short(d) : sp_tr_day(d);
        }
    }
    s = g_string_new(NULL);
    for (int i = 0; i < nparts; i++) {
        if (i)
            /* TRANSLATORS: between the items of a list, and before its last one */
            g_string_append(s, shrt || i < nparts - 1 ? sp_trc("list", ", ")
                                                      : sp_trc("list", " and "));
        g_string_append(s, parts[i]);
    }
    r = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

const char *sp_words_days(unsigned days, int start_day, enum sp_days_style style,
                          struct sp_arena *a)
{
    struct days_ctx c = { days, start_day, style };
    return sp_tr_both(days_fn, &c, a);
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

/* Append part to buf with a ", " separator unless buf already holds it as a whole part
   (any case): "Leeds Central Library, Leeds" keeps its town, "Leeds, Leeds" does not. */
static void add_part(GString *buf, const char *part)
{
    size_t pl;

    if (!part || !*part)
        return;
    pl = strlen(part);
    for (const char *p = buf->str; (p = g_strstr_len(p, -1, part)) != NULL; p++) {
        bool starts = p == buf->str || (p - buf->str >= 2 && !strncmp(p - 2, ", ", 2)) ||
                      (p - buf->str >= 2 && !strncmp(p - 2, ": ", 2));
        bool ends = !p[pl] || !strncmp(p + pl, ", ", 2);
        if (starts && ends)
            return;
    }
    if (buf->len)
        g_string_append(buf, ", ");
    g_string_append(buf, part);
}

const char *sp_words_place(const struct sp_meeting *m, struct sp_arena *a)
{
    GString *buf;
    const char *r;

    if (m->attendance == SP_ATTEND_ONLINE)
        return !m->url && m->phone ? sp_say(a, N_("By phone"), NULL, NULL, NULL)
                                   : sp_say(a, N_("Online"), NULL, NULL, NULL);
    buf = g_string_new(NULL);
    add_part(buf, m->venue);
    add_part(buf, m->address);
    if (m->town && m->postcode) {
        /* a short town travels with its postcode (a postcode alone on a line reads oddly);
           a very long one must be free to wrap, or the glued run would break mid-postcode */
        bool glue = g_utf8_strlen(m->town, -1) <= 24;
        char *tp = m->postcode_first
                   ? g_strdup_printf("%s%s%s", sp_words_glue(m->postcode, a),
                                     glue ? SP_NBSP : " ", m->town)
                   : g_strdup_printf("%s%s%s", m->town, glue ? SP_NBSP : " ",
                                     sp_words_glue(m->postcode, a));
        add_part(buf, tp);
        g_free(tp);
    } else {
        add_part(buf, m->town);
        add_part(buf, sp_words_glue(m->postcode, a));
    }
    if (!buf->len && m->formatted_address)
        add_part(buf, m->formatted_address);
    if (m->attendance == SP_ATTEND_HYBRID) {
        r = sp_arena_strdup(a, buf->str);
        g_string_free(buf, TRUE);
        return *r ? sp_say(a, N_("Online and in person: {1}"), r, NULL, NULL)
                  : sp_say(a, N_("Online and in person"), NULL, NULL, NULL);
    }
    r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

const char *sp_words_where(const struct sp_meeting *m, struct sp_arena *a)
{
    if (m->attendance == SP_ATTEND_ONLINE && m->provider && m->url)
        return sp_say(a, N_("Online ({1})"), m->provider, NULL, NULL);
    return sp_words_place(m, a);
}

const char *sp_words_access(const struct sp_meeting *m, bool leave_off_passcodes,
                            struct sp_arena *a)
{
    const char *id = m->meeting_id ? sp_words_glue(m->meeting_id, a) : NULL;
    const char *pass = m->passcode && !leave_off_passcodes ? sp_words_glue(m->passcode, a)
                                                           : NULL;

    /* no link, but a service and its meeting ID: join on the service's own site */
    if (!m->url && m->provider && id)
        return pass ? sp_say(a, N_("On {1}: meeting ID {2}, passcode {3}"), m->provider, id,
                             pass)
                    : sp_say(a, N_("On {1}: meeting ID {2}"), m->provider, id, NULL);
    if (id && pass)
        return sp_say(a, N_("Meeting ID {1}, passcode {2}"), id, pass, NULL);
    if (id)
        return sp_say(a, N_("Meeting ID {1}"), id, NULL, NULL);
    if (pass)
        return sp_say(a, N_("Passcode {1}"), pass, NULL, NULL);
    return NULL;
}

/* Print wording for common Meeting Guide codes: plain words a newcomer understands. */
static const struct { const char *code; const char *label; } plain[] = {
    { "O", N_("Open to all") },
    { "C", N_("Closed: for people who want to stop") },
    { "W", N_("Women only") },
    { "M", N_("Men only") },
    { "X", N_("Step-free access") },
    { "BE", N_("Newcomers welcome") },
    { "LGBTQ", N_("LGBTQ+") },
    { "T", N_("Transgender") },
    { "YP", N_("Young people") },
    { "CF", N_("Children welcome") },
    { "BA", N_("Childcare available") },
    { "ASL", N_("Sign language") },
    { "BSL", N_("British Sign Language") },
    { "D", N_("Discussion") },
    { "SP", N_("Speaker") },
    { "ST", N_("Step study") },
    { "TR", N_("Tradition study") },
    { "B", N_("Big Book") },
    { "LIT", N_("Literature") },
    { "MED", N_("Meditation") },
    { "CAN", N_("Candlelight") },
    { "POC", N_("People of colour") },
    { "FF", N_("Fragrance free") },
    { "SM", N_("Smoking permitted") },
    { "NS", N_("No smoking") },
};

/*
 * BMLT formats by their NAWS world_id (the list in bmlt-enabled/bmlt-server's format
 * editor) mapped to the Meeting Guide code that means the same, so "barrierefrei" and
 * "Wheelchair Accessible" print as one label in the output language.  A world_id not
 * here (BT, JFT, LANG...) keeps its feed's own text.
 */
static const struct { const char *world_id; const char *code; } world_ids[] = {
    { "OPEN", "O" }, { "CLOSED", "C" }, { "W", "W" }, { "M", "M" }, { "WCHR", "X" },
    { "BEG", "BE" }, { "GL", "LGBTQ" }, { "Y", "YP" }, { "CW", "CF" }, { "DISC", "D" },
    { "TOP", "D" }, { "SPK", "SP" }, { "STEP", "ST" }, { "TRAD", "TR" }, { "LIT", "LIT" },
    { "MED", "MED" }, { "CAN", "CAN" }, { "NS", "NS" }, { "SMOK", "SM" },
};

/* The signpost code of a type: its world_id's, else its own. */
static const char *code_of(const struct sp_type *t)
{
    if (t->world_id && *t->world_id) {
        for (size_t i = 0; i < G_N_ELEMENTS(world_ids); i++)
            if (!g_ascii_strcasecmp(t->world_id, world_ids[i].world_id))
                return world_ids[i].code;
        return NULL;  /* a format signpost has no words for: the feed's text */
    }
    return t->code;
}

const char *sp_words_type_label(const struct sp_meeting *m, const struct sp_type *t)
{
    const char *code = code_of(t);

    (void)m;
    /* codes with fellowship-specific meaning (Y) keep the reader's label */
    if (code && strcmp(code, "Y") != 0)
        for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
            if (!strcmp(plain[i].code, code))
                return sp_tr(plain[i].label);
    return t->label ? t->label : t->code;
}

static const char *types_fn(const void *ctx, struct sp_arena *a)
{
    const struct sp_meeting *m = ctx;
    GString *buf = g_string_new(NULL);
    const char *r = NULL;

    for (size_t i = 0; i < m->ntypes; i++) {
        const struct sp_type *t = &m->types[i];
        const char *label;
        if (!strcmp(t->code, "ONL") || !strcmp(t->code, "TC") || !strcmp(t->code, "HY"))
            continue;
        if (t->world_id && (!g_ascii_strcasecmp(t->world_id, "VM") ||
                            !g_ascii_strcasecmp(t->world_id, "TC") ||
                            !g_ascii_strcasecmp(t->world_id, "HYBR")))
            continue;  /* said by the place ("Online") */
        label = sp_words_type_label(m, t);
        if (strstr(buf->str, label))
            continue;
        if (buf->len)
            g_string_append(buf, sp_trc("list", ", "));
        g_string_append(buf, label);
    }
    if (buf->len)
        r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

const char *sp_words_types(const struct sp_meeting *m, struct sp_arena *a)
{
    return sp_tr_both(types_fn, m, a);
}

struct kind_ctx {
    const struct sp_meeting *m;
    bool name_fellowship;
};

static const char *kind_fn(const void *ctx, struct sp_arena *a)
{
    const struct kind_ctx *c = ctx;
    const char *types = types_fn(c->m, a);
    const char *fellowship = c->name_fellowship ? c->m->fellowship : NULL;

    /* TRANSLATORS: two sentences in a row ("Alcoholics Anonymous. Open to all") */
    if (fellowship && types)
        return sp_i18n_fill(a, sp_trc("sentence", "{1}. {2}"), fellowship, types, NULL);
    return fellowship ? fellowship : types;
}

const char *sp_words_kind(const struct sp_meeting *m, bool name_fellowship, struct sp_arena *a)
{
    struct kind_ctx c = { m, name_fellowship };
    return sp_tr_both(kind_fn, &c, a);
}

const char *sp_words_qr_alt(const struct sp_meeting *m, struct sp_arena *a)
{
    return m->provider ? sp_say(a, N_("QR code to join {1} on {2}"), m->name, m->provider,
                                NULL)
                       : sp_say(a, N_("QR code to join {1} online"), m->name, NULL, NULL);
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

/* Length of the country calling code at the start of digits (E.164: 1 to 3 digits). */
static int country_code_len(const char *d)
{
    static const char *const two[] = {
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
        "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
        "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
        "95", "98",
    };
    if (d[0] == '1' || d[0] == '7')
        return 1;
    for (size_t i = 0; i < G_N_ELEMENTS(two); i++)
        if (!strncmp(d, two[i], 2))
            return 2;
    return 3;
}

/* A UK number in national form ("01632 960101", "029 2018 0123", "0113 496 0123"). */
static const char *uk_grouped(const char *d, struct sp_arena *a)
{
    int g1 = d[1] == '2' ? 3 :
             (d[1] == '1' && (d[2] == '1' || d[3] == '1')) || d[1] == '3' || d[1] == '8' ? 4 : 5;
    int g2 = g1 == 3 ? 4 : g1 == 4 ? 3 : 6;

    if (g1 == 5)
        return sp_arena_printf(a, "%.5s %s", d, d + 5);
    return sp_arena_printf(a, "%.*s %.*s %s", g1, d, g2, d + g1, d + g1 + g2);
}

/*
 * The number part of a dial-in, grouped as its country writes it: UK numbers in national
 * form (+44 dropped: UK readers dial 0); North American "+1 646 558 8656"; others "+CC"
 * then the rest as written.  NULL when it is not a phone number.
 */
static const char *number_grouped(const char *p, size_t len, struct sp_arena *a)
{
    char d[24];
    size_t nd = 0;
    bool plus = false;

    for (size_t i = 0; i < len; i++) {
        if (g_ascii_isdigit(p[i]) && nd < sizeof d - 1)
            d[nd++] = p[i];
        else if (p[i] == '+' && !nd)
            plus = true;
        else if (!strchr(" -().", p[i]))
            return NULL;
    }
    d[nd] = '\0';
    if (nd < 6)
        return NULL;
    if (plus && !strncmp(d, "44", 2) && nd == 12) {
        memmove(d + 1, d + 2, nd - 1);  /* +44 1632... -> 01632... */
        d[0] = '0';
        nd = 11;
        plus = false;
    }
    if (!plus && nd == 11 && d[0] == '0')
        return uk_grouped(d, a);
    if (plus && d[0] == '1' && nd == 11)
        return sp_arena_printf(a, "+1 %.3s %.3s %s", d + 1, d + 4, d + 7);
    if (plus && memchr(p, ' ', len)) {
        while (len && p[len - 1] == ' ')
            len--;
        return sp_arena_strndup(a, p, len);  /* written with spaces: as written */
    }
    if (plus) {
        /* "+CC" then the rest in threes, the last four */
        int cc = country_code_len(d);
        size_t n = nd - (size_t)cc, i = 0;
        GString *g = g_string_new(NULL);
        const char *r;
        g_string_append_printf(g, "+%.*s", cc, d);
        while (i < n) {
            size_t take = n - i <= 4 ? n - i : n - i == 5 ? 2 : 3;
            g_string_append_printf(g, " %.*s", (int)take, d + cc + i);
            i += take;
        }
        r = sp_arena_strdup(a, g->str);
        g_string_free(g, TRUE);
        return r;
    }
    return sp_arena_strndup(a, p, len);
}

/* "867687734" -> "867 687 734" (9 to 12 digits, as meeting IDs are read); others as they are. */
static const char *id_grouped(const char *d, size_t n, struct sp_arena *a)
{
    static const int g9[] = { 3, 3, 3, 0 }, g10[] = { 3, 3, 4, 0 }, g11[] = { 3, 4, 4, 0 },
                     g12[] = { 3, 3, 3, 3 };
    const int *g = n == 9 ? g9 : n == 10 ? g10 : n == 11 ? g11 : n == 12 ? g12 : NULL;
    GString *s;
    const char *r;

    if (!g)
        return sp_arena_strndup(a, d, n);
    s = g_string_new(NULL);
    for (int k = 0, i = 0; k < 4 && g[k]; i += g[k++])
        g_string_append_printf(s, "%s%.*s", k ? " " : "", g[k], d + i);
    r = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

/* digits of s (at most size - 1) into d; their count. */
static size_t digits_of(const char *s, char *d, size_t size)
{
    size_t n = 0;

    for (; s && *s && n + 1 < size; s++)
        if (g_ascii_isdigit(*s))
            d[n++] = *s;
    d[n] = '\0';
    return n;
}

struct dial_ctx {
    const struct sp_meeting *m;
    bool leave_off_passcodes;
};

static const char *dial_fn(const void *ctx, struct sp_arena *a)
{
    const struct sp_meeting *m = ((const struct dial_ctx *)ctx)->m;
    bool leave_off_passcodes = ((const struct dial_ctx *)ctx)->leave_off_passcodes;
    const char *p = m->phone, *end, *num;
    char shown[32];
    size_t nshown = digits_of(m->meeting_id, shown, sizeof shown);
    GString *out;
    int ngroups = 0;

    /* Step 1: the number: up to the first pause (','), 'then', or a tone ('#', '*') */
    for (end = p; *end && *end != ',' && *end != ';' && *end != '#' && *end != '*' &&
                  !g_ascii_isalpha(*end); end++)
        ;
    while (end > p && end[-1] == ' ')
        end--;
    num = number_grouped(p, (size_t)(end - p), a);
    if (!num)
        return sp_words_glue(p, a);
    out = g_string_new(sp_words_glue(num, a));

    /* Step 2: the tones after it: the first group is the meeting ID (left out when it is
       the one printed with the meeting), a later one the passcode ('*' before it is
       Zoom's way of saying so); empty '#' presses are left out */
    for (const char *q = end; *q;) {
        char d[32];
        size_t n = 0;
        bool star = false, pass;
        while (*q && !g_ascii_isdigit(*q) && *q != '*')
            q++;
        if (*q == '*') {
            star = true;
            q++;
        }
        while (g_ascii_isdigit(*q) && n < sizeof d - 1)
            d[n++] = *q++;
        while (g_ascii_isdigit(*q))
            q++;
        if (!n)
            continue;
        pass = star || ngroups++ > 0;
        if (pass && leave_off_passcodes)
            continue;
        if (!pass && n == nshown && !memcmp(d, shown, n))
            continue;
        g_string_append_printf(out, "%s%s", sp_trc("list", ", "), sp_words_glue(sp_i18n_fill(
            a, pass ? sp_trc("dial-in", "passcode {1}") : sp_trc("dial-in", "meeting ID {1}"),
            sp_arena_printf(a, "%s%s", pass ? sp_arena_strndup(a, d, n) : id_grouped(d, n, a),
                            *q == '#' ? " #" : ""), NULL, NULL), a));
    }
    num = sp_arena_strdup(a, out->str);
    g_string_free(out, TRUE);
    return num;
}

const char *sp_words_dial_in(const struct sp_meeting *m, bool leave_off_passcodes,
                             struct sp_arena *a)
{
    struct dial_ctx c = { m, leave_off_passcodes };

    if (!m->phone)
        return NULL;
    return sp_tr_both(dial_fn, &c, a);
}

struct dial_said_ctx {
    struct dial_ctx d;
    const char *msgid;
};

static const char *dial_said_fn(const void *ctx, struct sp_arena *a)
{
    const struct dial_said_ctx *c = ctx;

    return sp_i18n_fill(a, sp_tr(c->msgid), dial_fn(&c->d, a), NULL, NULL);
}

const char *sp_words_dial_in_said(const struct sp_meeting *m, bool leave_off_passcodes,
                                  const char *msgid, struct sp_arena *a)
{
    struct dial_said_ctx c = { { m, leave_off_passcodes }, msgid };

    if (!m->phone)
        return NULL;
    return sp_tr_both(dial_said_fn, &c, a);
}

const char *sp_words_phone(const struct sp_meeting *m, struct sp_arena *a)
{
    return sp_words_dial_in(m, /*leave_off_passcodes*/ true, a);
}

/* ---- the subtitle ---- */

enum problem {
    P_UNKNOWN = 0, P_ALCOHOL = 1, P_DRUGS = 2, P_FAMILY_ALCOHOL = 4, P_FAMILY_DRUGS = 8,
    P_GAMBLING = 16, P_FOOD = 32, P_OTHER = 64
};

/* What a fellowship is about, from its name (or initials), case-insensitively. */
static unsigned problem_of(const char *fellowship)
{
    static const struct { const char *key; unsigned p; } names[] = {
        { "al-anon", P_FAMILY_ALCOHOL }, { "al anon", P_FAMILY_ALCOHOL },
        { "alanon", P_FAMILY_ALCOHOL }, { "alateen", P_FAMILY_ALCOHOL },
        { "acoa", P_FAMILY_ALCOHOL }, { "adult children of alcoholics", P_FAMILY_ALCOHOL },
        { "nar-anon", P_FAMILY_DRUGS }, { "naranon", P_FAMILY_DRUGS },
        { "families anonymous", P_FAMILY_DRUGS },
        { "alcoholics anonymous", P_ALCOHOL },
        { "narcotics anonymous", P_DRUGS }, { "cocaine anonymous", P_DRUGS },
        { "crystal meth", P_DRUGS }, { "heroin anonymous", P_DRUGS },
        { "marijuana anonymous", P_DRUGS }, { "pills anonymous", P_DRUGS },
        { "smart recovery", P_ALCOHOL | P_DRUGS },
        { "gamblers anonymous", P_GAMBLING },
        { "overeaters", P_FOOD }, { "eating disorders", P_FOOD }, { "food addicts", P_FOOD },
        { "anorexics", P_FOOD },
    };
    static const struct { const char *initials; unsigned p; } short_names[] = {
        { "AA", P_ALCOHOL }, { "NA", P_DRUGS }, { "CA", P_DRUGS }, { "CMA", P_DRUGS },
        { "MA", P_DRUGS }, { "GA", P_GAMBLING }, { "OA", P_FOOD }, { "EDA", P_FOOD },
    };
    char *folded;
    unsigned p = P_OTHER;

    if (!fellowship)
        return P_UNKNOWN;
    for (size_t i = 0; i < G_N_ELEMENTS(short_names); i++)
        if (!g_ascii_strcasecmp(fellowship, short_names[i].initials))
            return short_names[i].p;
    folded = g_utf8_casefold(fellowship, -1);
    for (size_t i = 0; i < G_N_ELEMENTS(names) && p == P_OTHER; i++)
        if (strstr(folded, names[i].key))
            p = names[i].p;
    g_free(folded);
    return p;
}

const char *sp_words_subtitle(const struct sp_compose_in *in)
{
    static const struct { unsigned p; const char *words; } lines[] = {
        { P_ALCOHOL, N_("Drinking a problem? You don't have to do it alone.") },
        { P_DRUGS, N_("Drugs a problem? You don't have to do it alone.") },
        { P_ALCOHOL | P_DRUGS, N_("Drugs or alcohol a problem? You don't have to do it alone.") },
        { P_FAMILY_ALCOHOL,
          N_("Worried about someone's drinking? You don't have to do it alone.") },
        { P_FAMILY_DRUGS,
          N_("Worried about someone's drug use? You don't have to do it alone.") },
        { P_FAMILY_ALCOHOL | P_FAMILY_DRUGS,
          N_("Worried about someone's drinking or drug use? You don't have to do it alone.") },
        { P_GAMBLING, N_("Gambling a problem? You don't have to do it alone.") },
        { P_FOOD, N_("Struggling with food? You don't have to do it alone.") },
    };
    static const char *const neutral = N_("You don't have to do it alone.");
    unsigned all = 0;

    if (in->subtitle)
        return in->subtitle;
    if (in->settings && in->settings->subtitle)
        return in->settings->subtitle;
    for (size_t i = 0; i < in->n; i++) {
        unsigned p = problem_of(in->meetings[i]->fellowship);
        if (p == P_UNKNOWN || p == P_OTHER)
            return sp_tr(neutral);
        all |= p;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++)
        if (lines[i].p == all)
            return sp_tr(lines[i].words);
    return sp_tr(neutral);
}

static const char *subtitle_fn(const void *ctx, struct sp_arena *a)
{
    (void)a;
    return sp_words_subtitle(ctx);
}

const char *sp_words_subtitle_in(const struct sp_compose_in *in, struct sp_arena *a)
{
    if (in->subtitle)
        return sp_words_own(in->subtitle, a);
    if (in->settings && in->settings->subtitle)
        return sp_words_own(in->settings->subtitle, a);
    return sp_tr_both(subtitle_fn, in, a);
}

const char *sp_words_own(const char *text, struct sp_arena *a)
{
    /* signpost's default headline (settings.c) is one of its own sentences */
    static const char *const defaults[] = { N_("Free support meetings near you") };

    (void)defaults;
    if (!text || !*text || strchr(text, '{'))
        return text;
    return sp_say(a, text, NULL, NULL, NULL);
}

const char *sp_words_headline(const struct sp_compose_in *in, struct sp_arena *a)
{
    if (in->headline)
        return sp_words_own(in->headline, a);
    return in->settings ? sp_words_own(in->settings->headline, a) : NULL;
}
