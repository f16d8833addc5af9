/*
 * i18n.c - shipped languages and GNU gettext lookups in the language of the moment.
 * glibc's gettext switches language at run time when LANGUAGE changes and
 * _nl_msg_cat_cntr is increased (the documented GNU way), provided LC_MESSAGES is not
 * "C": it is set to "C.UTF-8" (only LC_MESSAGES; numbers stay in the C locale).  The
 * variable is set only when the language changes, so one language costs one switch.
 */
#include "i18n.h"

#include <glib.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define DOMAIN "signpost"

extern int _nl_msg_cat_cntr;

static const struct sp_language languages[] = {
    { "en", "en-GB", "English", "English", false, false },
    { "cy", "cy", "Welsh", "Cymraeg", false, false },
    { "de", "de", "German", "Deutsch", false, true },
    { "pl", "pl", "Polish", "Polski", false, true },
    { "ur", "ur", "Urdu", "\xD8\xA7\xD8\xB1\xD8\xAF\xD9\x88", true, true },
    { "pa", "pa", "Punjabi (Gurmukhi)", "\xE0\xA8\xAA\xE0\xA9\xB0\xE0\xA8\x9C\xE0\xA8\xBE"
      "\xE0\xA8\xAC\xE0\xA9\x80", false, true },
    { "bn", "bn", "Bengali", "\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA6\x82\xE0\xA6\xB2\xE0\xA6\xBE",
      false, true },
    { "ar", "ar", "Arabic", "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9", true,
      true },
    { "fa", "fa", "Farsi", "\xD9\x81\xD8\xA7\xD8\xB1\xD8\xB3\xDB\x8C", true, true },
};

/* The process-wide state (see i18n.h). */
static struct {
    char *localedir;
    bool messages_ready;               /* LC_MESSAGES set, the domain bound */
    struct sp_langs out;
    bool out_set;
    const struct sp_language *current; /* sp_tr's language; NULL = English */
    const struct sp_language *shown;   /* the language LANGUAGE now names (NULL = none) */
    const struct sp_language *messages;/* messages to the user; NULL = English */
    bool single;                       /* one language chosen by sp_i18n_use() */
} st;

const struct sp_language *sp_i18n_list(size_t *n)
{
    *n = G_N_ELEMENTS(languages);
    return languages;
}

const struct sp_language *sp_i18n_english(void)
{
    return &languages[0];
}

const struct sp_language *sp_i18n_find(const char *tag)
{
    size_t n;

    if (!tag)
        return NULL;
    n = strcspn(tag, "-_.@");
    if (n < 2 || n > 3)
        return NULL;
    /* Punjabi in Shahmukhi (Arabic script) is not Gurmukhi Punjabi */
    if (!g_ascii_strncasecmp(tag, "pa", n) && n == 2 && strlen(tag) >= 7 &&
        !g_ascii_strncasecmp(tag + 3, "Arab", 4))
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(languages); i++)
        if (strlen(languages[i].code) == n && !g_ascii_strncasecmp(tag, languages[i].code, n))
            return &languages[i];
    return NULL;
}

static const char *spoken(void)
{
    static char buf[64];

    if (!buf[0]) {
        size_t at = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(languages); i++)
            at += (size_t)g_snprintf(buf + at, sizeof buf - at, "%s%s", i ? ", " : "",
                                     languages[i].code);
    }
    return buf;
}

int sp_i18n_parse(const char *spec, const char *what, struct sp_langs *out,
                  struct sp_error *err)
{
    const char *plus = spec ? strchr(spec, '+') : NULL;
    char first[40];

    memset(out, 0, sizeof *out);
    if (!spec || !*spec)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "%s: expected a language such as 'cy' or 'cy+en'", what);
    g_snprintf(first, sizeof first, "%.*s", plus ? (int)(plus - spec) : (int)strlen(spec),
               spec);
    out->first = sp_i18n_find(first);
    if (!out->first)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "%s: signpost has no words in '%s'; it speaks %s", what, first,
                            spoken());
    out->tag = plus ? out->first->tag : spec;
    if (out->first == sp_i18n_english() && !plus)
        out->tag = strchr(spec, '-') || strchr(spec, '_') ? spec : out->first->tag;
    if (plus) {
        out->second = sp_i18n_find(plus + 1);
        if (!out->second || strchr(plus + 1, '+'))
            return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                                "%s: signpost has no words in '%s'; it speaks %s", what,
                                plus + 1, spoken());
        if (out->second == out->first) {
            out->second = NULL;  /* "cy+cy" is Welsh */
        } else if (!strcmp(out->second->code, "cy")) {
            /* the Welsh text is read first (Welsh Language Standards) */
            const struct sp_language *t = out->first;
            out->first = out->second;
            out->second = t;
            out->tag = out->first->tag;
        }
    }
    return 0;
}

/* Make LC_MESSAGES gettext-able and bind the domain (once). */
static void ready(void)
{
    if (st.messages_ready)
        return;
    st.messages_ready = true;
    setlocale(LC_MESSAGES, "C.UTF-8");
    if (st.localedir)
        bindtextdomain(DOMAIN, st.localedir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
}

void sp_i18n_bind(const char *localedir)
{
    g_free(st.localedir);
    st.localedir = localedir ? g_strdup(localedir) : NULL;
    if (st.messages_ready && st.localedir) {
        bindtextdomain(DOMAIN, st.localedir);
        st.shown = NULL;  /* look again */
    }
}

bool sp_i18n_has_catalogue(const struct sp_language *lang)
{
    char *path;
    bool ok;

    if (!lang || lang == sp_i18n_english())
        return true;
    if (!st.localedir)
        return false;
    path = g_build_filename(st.localedir, lang->code, "LC_MESSAGES", DOMAIN ".mo", NULL);
    ok = g_file_test(path, G_FILE_TEST_IS_REGULAR);
    g_free(path);
    return ok;
}

/* Point gettext at lang (when it is not already). */
static void show(const struct sp_language *lang)
{
    if (lang == st.shown)
        return;
    ready();
    g_setenv("LANGUAGE", lang ? lang->code : "en", TRUE);
    ++_nl_msg_cat_cntr;
    st.shown = lang;
}

void sp_i18n_set_output(const struct sp_langs *l)
{
    if (l && l->first) {
        st.out = *l;
        st.out_set = true;
    } else {
        memset(&st.out, 0, sizeof st.out);
        st.out_set = false;
    }
    st.current = st.out_set && st.out.first != sp_i18n_english() ? st.out.first : NULL;
    st.single = false;
}

const struct sp_langs *sp_i18n_output(void)
{
    static struct sp_langs english;

    if (st.out_set)
        return &st.out;
    english.first = sp_i18n_english();
    english.tag = english.first->tag;
    return &english;
}

bool sp_i18n_bilingual(void)
{
    return st.out_set && st.out.second != NULL;
}

const struct sp_language *sp_i18n_use(const struct sp_language *lang)
{
    const struct sp_language *was = sp_i18n_current();

    st.single = lang != NULL;
    if (!lang)
        lang = sp_i18n_output()->first;
    st.current = lang == sp_i18n_english() ? NULL : lang;
    return was;
}

bool sp_i18n_joining(void)
{
    return sp_i18n_bilingual() && !st.single;
}

const struct sp_language *sp_i18n_current(void)
{
    return st.current ? st.current : sp_i18n_english();
}

const char *sp_tr(const char *msgid)
{
    if (!st.current || !msgid || !*msgid)
        return msgid;
    show(st.current);
    return dgettext(DOMAIN, msgid);
}

/* gettext's pgettext: "ctx\004msgid", the msgid when not translated. */
static const char *lookup_ctx(const char *ctx, const char *msgid)
{
    char key[512];
    const char *r;

    if (g_snprintf(key, sizeof key, "%s\004%s", ctx, msgid) >= (int)sizeof key)
        return msgid;
    r = dgettext(DOMAIN, key);
    return r == key || !strcmp(r, key) ? msgid : r;
}

const char *sp_trc(const char *ctx, const char *msgid)
{
    if (!st.current || !msgid || !*msgid)
        return msgid;
    show(st.current);
    return lookup_ctx(ctx, msgid);
}

const char *sp_trn(const char *one, const char *many, unsigned long n)
{
    if (!st.current)
        return n == 1 ? one : many;
    show(st.current);
    return dngettext(DOMAIN, one, many, n);
}

/* U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE */
#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"

const char *sp_i18n_fill(struct sp_arena *a, const char *tmpl, const char *x, const char *y,
                         const char *z)
{
    GString *s = g_string_sized_new(strlen(tmpl) + 32);
    bool iso = sp_i18n_current()->rtl;
    const char *r;

    for (const char *q = tmpl; *q; q++) {
        if (q[0] == '{' && q[1] >= '1' && q[1] <= '3' && q[2] == '}') {
            const char *arg = q[1] == '1' ? x : q[1] == '2' ? y : z;
            if (arg && *arg) {
                if (iso)
                    g_string_append(s, FSI);
                g_string_append(s, arg);
                if (iso)
                    g_string_append(s, PDI);
            }
            q += 2;
        } else {
            g_string_append_c(s, *q);
        }
    }
    r = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

const char *sp_i18n_iso(struct sp_arena *a, const char *s)
{
    if (!s || !*s || !sp_i18n_current()->rtl)
        return s;
    return sp_arena_printf(a, FSI "%s" PDI, s);
}

const char *sp_i18n_join(struct sp_arena *a, const char *first, const char *second)
{
    if (!first || !*first)
        return second && *second ? sp_arena_printf(a, SP_I18N_SECOND "%s" SP_I18N_END,
                                                   second) : first;
    if (!second || !*second || !strcmp(first, second))
        return first;
    return sp_arena_printf(a, "%s" SP_I18N_SEP SP_I18N_SECOND "%s" SP_I18N_END, first,
                           second);
}

/* Is the UTF-8 character at p one of the invisible marks (bilingual or bidi)? Its
   length, else 0. */
static size_t mark_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    if (u[0] == 0xE2 && u[1] == 0x81 && (u[2] == 0xA3 || u[2] == 0xA4 || u[2] == 0xA6 ||
                                         u[2] == 0xA7 || u[2] == 0xA8 || u[2] == 0xA9))
        return 3;  /* U+2063, U+2064, U+2066..U+2069 */
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F))
        return 3;  /* U+200E, U+200F */
    return 0;
}

const char *sp_i18n_plain(struct sp_arena *a, const char *s)
{
    char *out, *o;

    if (!s)
        return NULL;
    if (!strstr(s, "\xE2\x81") && !strstr(s, "\xE2\x80\x8E") && !strstr(s, "\xE2\x80\x8F"))
        return s;
    out = o = sp_arena_alloc(a, strlen(s) + 1);
    for (const char *p = s; *p;) {
        size_t k = mark_len(p);
        if (k) {
            p += k;
            continue;
        }
        *o++ = *p++;
    }
    *o = '\0';
    return out;
}

bool sp_i18n_marked(const char *s)
{
    return s && (strstr(s, SP_I18N_SECOND) || strstr(s, SP_I18N_END));
}

/* ---- words in the output language(s) ---- */

const char *sp_say(struct sp_arena *a, const char *msgid, const char *x, const char *y,
                   const char *z)
{
    const struct sp_langs *l = sp_i18n_output();
    const char *one, *two;

    if (!sp_i18n_joining())
        return sp_i18n_fill(a, sp_tr(msgid), x, y, z);
    sp_i18n_use(l->first);
    one = sp_i18n_fill(a, sp_tr(msgid), x, y, z);
    sp_i18n_use(l->second);
    two = sp_i18n_fill(a, sp_tr(msgid), x, y, z);
    sp_i18n_use(NULL);
    return sp_i18n_join(a, one, two);
}

const char *sp_sayc(struct sp_arena *a, const char *ctx, const char *msgid, const char *x,
                    const char *y, const char *z)
{
    const struct sp_langs *l = sp_i18n_output();
    const char *one, *two;

    if (!sp_i18n_joining())
        return sp_i18n_fill(a, sp_trc(ctx, msgid), x, y, z);
    sp_i18n_use(l->first);
    one = sp_i18n_fill(a, sp_trc(ctx, msgid), x, y, z);
    sp_i18n_use(l->second);
    two = sp_i18n_fill(a, sp_trc(ctx, msgid), x, y, z);
    sp_i18n_use(NULL);
    return sp_i18n_join(a, one, two);
}

const char *sp_sayn(struct sp_arena *a, const char *one, const char *many, unsigned long n,
                    const char *y, const char *z)
{
    const struct sp_langs *l = sp_i18n_output();
    const char *num = sp_arena_printf(a, "%lu", n), *r1, *r2;

    if (!sp_i18n_joining())
        return sp_i18n_fill(a, sp_trn(one, many, n), num, y, z);
    sp_i18n_use(l->first);
    r1 = sp_i18n_fill(a, sp_trn(one, many, n), num, y, z);
    sp_i18n_use(l->second);
    r2 = sp_i18n_fill(a, sp_trn(one, many, n), num, y, z);
    sp_i18n_use(NULL);
    return sp_i18n_join(a, r1, r2);
}

const char *sp_tr_both(sp_tr_fn fn, const void *ctx, struct sp_arena *a)
{
    const struct sp_langs *l = sp_i18n_output();
    const char *one, *two;

    if (!sp_i18n_joining())
        return fn(ctx, a);
    sp_i18n_use(l->first);
    one = fn(ctx, a);
    sp_i18n_use(l->second);
    two = fn(ctx, a);
    sp_i18n_use(NULL);
    return sp_i18n_join(a, one, two);
}

static const char *const day_names[7] = {
    N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday")
};

static const char *const day_short[7] = {
    NC_("short day", "Sun"), NC_("short day", "Mon"), NC_("short day", "Tue"),
    NC_("short day", "Wed"), NC_("short day", "Thu"), NC_("short day", "Fri"),
    NC_("short day", "Sat")
};

/* TRANSLATORS: month names as they stand in a date ("26 November 2026"): in Polish the
   genitive ("listopada"). */
static const char *const month_names[12] = {
    NC_("date", "January"), NC_("date", "February"), NC_("date", "March"),
    NC_("date", "April"), NC_("date", "May"), NC_("date", "June"), NC_("date", "July"),
    NC_("date", "August"), NC_("date", "September"), NC_("date", "October"),
    NC_("date", "November"), NC_("date", "December")
};

const char *sp_tr_day(int day)
{
    return day >= 0 && day < 7 ? sp_tr(day_names[day]) : "?";
}

const char *sp_tr_day_short(int day)
{
    return day >= 0 && day < 7 ? sp_trc("short day", day_short[day]) : "?";
}

const char *sp_tr_month(int month)
{
    return month >= 1 && month <= 12 ? sp_trc("date", month_names[month - 1]) : "?";
}

static const char *day_fn(const void *ctx, struct sp_arena *a)
{
    (void)a;
    return sp_tr_day(*(const int *)ctx);
}

const char *sp_say_day(struct sp_arena *a, int day)
{
    return sp_tr_both(day_fn, &day, a);
}


/* ---- messages ---- */

void sp_i18n_messages_from_env(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    const char *env = g_getenv("LANGUAGE");
    const char *lc = NULL, *tag = NULL;
    bool c_locale;

    /* the locale named for messages (POSIX order), whether or not it is installed */
    for (size_t i = 0; i < G_N_ELEMENTS(vars) && !lc; i++) {
        const char *v = g_getenv(vars[i]);
        if (v && *v)
            lc = v;
    }
    c_locale = !lc || !strcmp(lc, "C") || !strcmp(lc, "POSIX") || !strncmp(lc, "C.", 2);
    st.messages = NULL;
    if (env && *env && !c_locale) {
        /* the first language of the list that signpost speaks */
        char **v = g_strsplit(env, ":", -1);
        for (char **p = v; *p && !st.messages; p++)
            st.messages = sp_i18n_find(*p);
        g_strfreev(v);
        if (st.messages == sp_i18n_english())
            st.messages = NULL;
        return;
    }
    if (!c_locale)
        tag = lc;
    st.messages = sp_i18n_find(tag);
    if (st.messages == sp_i18n_english())
        st.messages = NULL;
}

const char *sp_msg(const char *fmt)
{
    const char *r;

    if (!st.messages || !fmt || !*fmt)
        return fmt;
    show(st.messages);
    r = dgettext(DOMAIN, fmt);
    return r;
}

const char *sp_msgn(const char *one, const char *many, unsigned long n)
{
    if (!st.messages)
        return n == 1 ? one : many;
    show(st.messages);
    return dngettext(DOMAIN, one, many, n);
}
