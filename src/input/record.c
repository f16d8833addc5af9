/*
 * record.c - turn one raw record into a normalised meeting, or report why it cannot be
 * used.  The steps: what makes a record unusable; what and when; where; online; how
 * to attend; then it is appended.  Here so the three readers agree.
 *
 * Owns: nothing beyond the call (strings go into the reader's arena).  Must not: print,
 * or know any input format.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "links.h"
#include "normalize.h"
#include "readers.h"

#define DEFAULT_TZ "Europe/London"

/* The longest link a QR code holds at the usual error correction (M, version 40, byte
   mode: 2,331 bytes; docs/standards.md). */
#define SP_QR_LINK_MAX 2331

static void reject(struct sp_reader *r, const struct sp_raw *raw, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reject(struct sp_reader *r, const struct sp_raw *raw, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sp_reader_report(r, raw, SP_PROBLEM, "%s", msg);
    r->dir->nrejected++;
}

/* url as a message shows it (in the record's scratch arena) */
static const char *qurl(struct sp_reader *r, const char *url)
{
    const char *auth = strstr(url, "://"), *at = NULL;
    size_t n;

    /* a user name and password are never repeated in a message: "https://…@host/" */
    for (const char *q = auth ? auth + 3 : ""; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            at = q;
    if (at)
        url = sp_arena_printf(&r->scratch, "%.*s\xE2\x80\xA6%s", (int)(auth + 3 - url), url, at);
    n = strlen(url);
    if (n <= 80)
        return url;
    const char *end = g_utf8_find_prev_char(url, url + 81);
    return sp_arena_printf(&r->scratch, "%.*s...", (int)((end ? end : url) - url), url);
}

static bool zone_valid(struct sp_reader *r, const char *tz)
{
    gpointer v = g_hash_table_lookup(r->zones, tz);
    if (!v) {
        GTimeZone *z = g_time_zone_new_identifier(tz);
        v = GINT_TO_POINTER(z ? 1 : 2);
        if (z)
            g_time_zone_unref(z);
        g_hash_table_insert(r->zones, g_strdup(tz), v);
    }
    return GPOINTER_TO_INT(v) == 1;
}

static const char *join_address(struct sp_arena *a, const char *const *parts, int n)
{
    GString *g = g_string_new(NULL);
    const char *res;

    for (int i = 0; i < n; i++) {
        if (!parts[i])
            continue;
        if (g->len)
            g_string_append(g, ", ");
        g_string_append(g, parts[i]);
    }
    res = g->len ? sp_arena_strndup(a, g->str, g->len) : NULL;
    g_string_free(g, TRUE);
    return res;
}

/* A record's name in its messages ("meeting 'Hope'"), made the first time a message needs
   it: most records have none (making it for each was 3 % of loading 5,000 meetings). */
struct subject {
    struct sp_reader *r;
    const struct sp_raw *raw;
    const char *s;
};

static const char *subj(struct subject *w)
{
    if (!w->s)
        w->s = sp_reader_subject(w->r, w->raw, true);
    return w->s;
}

/* Step 1: a name, a day and a start time, or the record cannot be used. */
static bool usable(struct sp_reader *r, const struct sp_raw *raw, struct subject *w, int *start)
{
    if (!raw->name) {
        reject(r, raw, "%s: no name", sp_reader_subject(r, raw, false));
        return false;
    }
    if (raw->name_number)
        sp_reader_report(r, raw, SP_WARNING, "%s: 'name' is the number %s, not text; used as "
                         "the name", subj(w), raw->name);
    if (!raw->days) {
        if (raw->day_bad)
            reject(r, raw, "%s: unknown day '%s'", subj(w), sp_reader_qname(r, raw->day_bad));
        else
            reject(r, raw, "%s: no day given", subj(w));
        return false;
    }
    if (!raw->time) {
        reject(r, raw, "%s: no start time given", subj(w));
        return false;
    }
    *start = sp_time_parse(raw->time);
    if (*start < 0) {
        reject(r, raw, "%s: unknown time '%s'", subj(w), sp_reader_qname(r, raw->time));
        return false;
    }
    return true;
}

/* Step 2: what it is and when. */
static void fill_when(struct sp_reader *r, const struct sp_raw *raw, struct subject *w, int start,
                      struct sp_meeting *m)
{
    int end = -1;

    m->name = raw->name;
    m->fellowship = raw->fellowship ? raw->fellowship :
                    r->fellowship ? r->fellowship : r->default_fellowship;
    m->slug = raw->slug;
    m->group = raw->group;
    m->notes = raw->notes;
    m->updated = raw->updated;
    m->days = raw->days & SP_ALL_DAYS;
    if (raw->day_bad)  /* ["1", "x"]: the days it could read are used */
        sp_reader_report(r, raw, SP_WARNING, "%s: unknown day '%s' left out; listed on the "
                         "other days given", subj(w), sp_reader_qname(r, raw->day_bad));
    m->start_min = start;
    if (raw->time_number)
        sp_reader_report(r, raw, SP_WARNING, "%s: 'time' is the number %s, not text such as "
                         "\"19:00\"; read as %02d:%02d", subj(w), raw->time, start / 60, start % 60);
    if (raw->end_time) {
        end = sp_time_parse(raw->end_time);
        if (end < 0)
            sp_reader_report(r, raw, SP_WARNING, "%s: unknown end time '%s'; assuming one hour",
                             subj(w), sp_reader_qname(r, raw->end_time));
    } else if (raw->duration_min > 0) {
        end = (start + raw->duration_min) % 1440;
    }
    /* an end before the start is a meeting that runs past midnight only when that makes a
       meeting of at most 8 hours (23:00 to 00:30); 19:00 to 18:00 is a mistake */
    if (end >= 0 && (end == start || (end < start && end + 1440 - start > 8 * 60))) {
        sp_reader_report(r, raw, SP_WARNING, "%s: end time %02d:%02d is %s the start time "
                         "%02d:%02d; assuming one hour", subj(w), end / 60, end % 60,
                         end == start ? "the same as" : "before", start / 60, start % 60);
        end = -1;
    }
    m->weeks = (uint8_t)(raw->weeks | sp_weeks_parse(raw->name, false) |
                         sp_weeks_parse(raw->notes, false));  /* SP_WEEK_*: 6 bits */
    m->end_assumed = end < 0;
    m->end_min = end < 0 ? (start + 60) % 1440 : end;

    /* the zone: the record's own, one named with a time in its name or notes ("1:30pm
       Eastern"), the file's (--timezone, settings), else UK time, assumed */
    {
        const char *named = sp_zone_from_text(raw->name);
        const char *fallback = named ? named : raw->notes ? sp_zone_from_text(raw->notes) : NULL;
        if (!fallback)
            fallback = r->timezone;
        if (raw->timezone && zone_valid(r, raw->timezone))
            m->timezone = raw->timezone;
        else if (raw->timezone)
            sp_reader_report(r, raw, SP_WARNING, "%s: unknown time zone '%s'; using %s", subj(w),
                             sp_reader_qname(r, raw->timezone),
                             fallback ? fallback : DEFAULT_TZ);
        if (!m->timezone)
            m->timezone = fallback;
        if (!m->timezone) {
            m->timezone = DEFAULT_TZ;
            m->timezone_assumed = true;
        }
    }
}

/* A postcode cell: a UK one normalised ("CF10 1AA"), another country's as written, with
   a US state or Canadian province before its ZIP ("CA 95122"). */
static void postcode_cell(struct sp_reader *r, const struct sp_raw *raw, struct sp_address *addr)
{
    char pc[9];
    const char *st = raw->state;

    if (sp_postcode_parse(raw->postal_code, strlen(raw->postal_code), pc)) {
        addr->postcode = sp_arena_strdup(&r->scratch, pc);
    } else if (sp_postcode_foreign(raw->postal_code)) {
        bool us = st && strlen(st) == 2 && g_ascii_isupper(st[0]) && g_ascii_isupper(st[1]);
        addr->postcode = us ? sp_arena_printf(&r->scratch, "%s %s", st, raw->postal_code)
                            : raw->postal_code;
        addr->postcode_first = !us && g_ascii_isdigit(raw->postal_code[0]);
    }
}

/* s (or NULL) kept in the model: one copy of each text, in the reader's shared texts. */
static const char *keep_text(struct sp_reader *r, const char *s)
{
    char *k;

    if (!s || !r->texts)
        return s ? sp_arena_strdup(r->arena, s) : NULL;
    if (!(k = g_hash_table_lookup(r->texts, s))) {
        k = sp_arena_strdup(r->arena, s);
        g_hash_table_add(r->texts, k);
    }
    return k;
}

/* Step 3: where: the address split into street, town and postcode. */
static void fill_where(struct sp_reader *r, const struct sp_raw *raw, struct sp_meeting *m,
                       struct sp_address *addr)
{
    m->venue = raw->venue;
    m->region = raw->region;
    m->sub_region = raw->sub_region;
    m->location_notes = raw->location_notes;
    if (raw->formatted_address) {
        sp_address_split(&r->scratch, raw->formatted_address, addr);
        m->formatted_address = raw->formatted_address;
    } else {
        const char *parts[5];
        memset(addr, 0, sizeof *addr);
        if (raw->postal_code)
            postcode_cell(r, raw, addr);
        if (raw->address) {
            /* an address cell that holds the whole address */
            struct sp_address inner;
            sp_address_split(&r->scratch, raw->address, &inner);
            if (strchr(raw->address, ',') && (inner.postcode || !raw->city)) {
                addr->street = inner.street;
                if (!raw->city)
                    addr->town = inner.town;
                if (!addr->postcode) {
                    addr->postcode = inner.postcode;
                    addr->postcode_first = inner.postcode_first;
                }
            } else {
                addr->street = raw->address;
            }
        }
        if (raw->city)
            addr->town = raw->city;
        if (addr->street && sp_address_is_online_word(addr->street))
            addr->street = NULL;  /* "Online" in the address column is not a place */
        addr->physical = addr->street || addr->postcode;
        parts[0] = raw->address;
        parts[1] = raw->city;
        parts[2] = raw->state;
        parts[3] = addr->postcode && raw->address && strstr(raw->address, addr->postcode) ?
                   NULL : addr->postcode && !addr->postcode_first &&
                   sp_postcode_parse(addr->postcode, strlen(addr->postcode), NULL) ?
                   addr->postcode : raw->postal_code;  /* a UK one normalised */
        parts[4] = raw->country;
        m->formatted_address = keep_text(r, join_address(&r->scratch, parts, 5));
    }
    /* worked out in the record's scratch arena; kept once for the meetings at the place */
    m->address = keep_text(r, addr->street);
    m->town = keep_text(r, addr->town);
    m->postcode = keep_text(r, addr->postcode);
    m->postcode_first = addr->postcode_first;
    /* a venue that is only the street again ("2212 Quimby Road" and "2212 Quimby Rd") is
       said once, in the address's own words */
    if (m->venue && m->address && sp_same_street(m->venue, m->address))
        m->venue = NULL;
}

/* Is there a seam character (blank, dash, comma...; an en or em dash) ending at text[l]
   (going left, back) or starting at p (going right)?  Its length in bytes, or 0. */
static size_t seam_back(const char *text, size_t l)
{
    if (l && strchr(" \t\r\n-,;:|/", text[l - 1]))
        return 1;
    if (l >= 3 && (!memcmp(text + l - 3, "\xe2\x80\x93", 3) ||
                   !memcmp(text + l - 3, "\xe2\x80\x94", 3)))
        return 3;
    return 0;
}

static size_t seam_fwd(const char *p)
{
    if (*p && strchr(" \t\r\n-,;:|/.", *p))
        return 1;
    if (p[0] == '\xe2' && p[1] == '\x80' && (p[2] == '\x93' || p[2] == '\x94'))
        return 3;  /* the string ends at a NUL, so no byte past it is read */
    return 0;
}

/* text with [start, end) cut out and the seams tidied ("Entrance at the back -- PW:
   867458" -> "Entrance at the back"); NULL when nothing is left. */
static const char *cut_phrase(struct sp_arena *a, const char *text, size_t start, size_t end)
{
    const char *right = text + end;
    size_t l = start, k;

    while ((k = seam_back(text, l)) != 0)
        l -= k;
    while ((k = seam_fwd(right)) != 0)
        right += k;
    if (!l && !*right)
        return NULL;
    if (!l)
        return sp_arena_strdup(a, right);
    if (!*right)
        return sp_arena_strndup(a, text, l);
    return sp_arena_printf(a, "%.*s%s%s", (int)l, text, text[l - 1] == '.' ? " " : ". ", right);
}

/* Where text has a passcode key followed by one lone word and then the end, a comma, a
   full stop or a semicolon ("passcode serenity", "password: " is read already): a passcode
   written as a word, or NULL.  Words that say how the passcode is given ("Passcode given
   in the waiting room", "password required") are not lone words or are listed. */
static const char *lone_word_passcode(const char *text)
{
    static const char *const keys[] = { "passcode ", "password ", "passwort ", "kennwort " };
    static const char *const not_values[] = { "required", "needed", "given", "provided",
                                              "below", "above", "protected", "available",
                                              "sent", "none", "inside", "included" };

    for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
        size_t n = strlen(keys[k]);
        for (const char *p = text; *p; p++) {
            const char *w, *e;
            bool listed = false;
            if (g_ascii_strncasecmp(p, keys[k], n) != 0 ||
                (p > text && g_ascii_isalpha(p[-1])))
                continue;
            w = p + n;
            for (e = w; g_ascii_isalpha(*e); e++)
                ;
            if (e == w || (*e && *e != ',' && *e != '.' && *e != ';' && *e != '\n'))
                continue;
            for (size_t v = 0; v < G_N_ELEMENTS(not_values) && !listed; v++)
                listed = (size_t)(e - w) == strlen(not_values[v]) &&
                         !g_ascii_strncasecmp(w, not_values[v], (size_t)(e - w));
            if (!listed)
                return p;
        }
    }
    return NULL;
}

/* Step 4: online: the join link, provider, meeting ID, passcode and dial-in.  Returns
   true when there is a usable link.  The link is checked in the record's scratch arena and
   only what the meeting keeps is copied, once for the meetings that share it (issue 16:
   the same link on every day of a meeting). */
static bool fill_online(struct sp_reader *r, const struct sp_raw *raw, struct subject *w,
                        struct sp_meeting *m)
{
    const char *url = raw->conference_url, *after = NULL, *link_pass = NULL;
    const char *texts[4];
    bool has_url = false;
    size_t ps = 0, pe = 0, is = 0, ie = 0;
    int pass_from = -1, id_from = -1;

    /* Step 4a: a link with a line break in it is refused; one with a space is read up to
       the space (the text after it is read for a passcode below) */
    if (url && strchr(url, '\n')) {
        char *flat = g_strdelimit(sp_arena_strdup(&r->scratch, url), "\n", ' ');
        sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' refused: a line break inside the link",
                         subj(w), qurl(r, flat));
        url = NULL;
    } else if (url && strchr(url, ' ')) {
        /* "https://zoom.us/j/123 Password: 456": a whole link, then words; but in
           "https://exa mple.org/x" the text after the space goes on with the link */
        const char *sp = strchr(url, ' ');
        size_t word = strcspn(sp + 1, " ");
        const char *host = strstr(url, "://");
        bool whole = host && host + 3 < sp && memchr(host + 3, '.', (size_t)(sp - host - 3)) &&
                     !memchr(sp + 1, '/', word) && !memchr(sp + 1, '?', word) &&
                     !memchr(sp + 1, '=', word) && !memchr(sp + 1, '&', word);
        if (whole) {
            after = sp + 1;
            url = sp_arena_strndup(&r->scratch, url, (size_t)(sp - url));
        } else {
            sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' refused: a space inside the link",
                             subj(w), qurl(r, url));
            url = NULL;
        }
    }
    if (url) {
        struct sp_link link;
        const char *why;
        enum sp_link_status st = sp_link_check(&r->scratch, url, &link, &why);
        if (st == SP_LINK_REFUSED) {
            sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' refused: %s", subj(w), qurl(r, url),
                             why);
            m->provider = link.provider;  /* a home page still names the service */
        } else {
            if (st == SP_LINK_HTTP)
                sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' is not https:", subj(w),
                                 qurl(r, link.url));
            if (link.host_warning)  /* a look-alike or numeric host (issue 16) */
                sp_reader_report(r, raw, SP_WARNING, "%s: link '%s': %s", subj(w), qurl(r, url),
                                 link.host_warning);
            if (strlen(link.url) > SP_QR_LINK_MAX)
                sp_reader_report(r, raw, SP_WARNING, "%s: link is %zu characters long, more "
                                 "than a QR code can hold (%d)", subj(w), strlen(link.url),
                                 SP_QR_LINK_MAX);
            m->url = keep_text(r, link.url);
            m->provider = link.provider;
            m->url_is_http = st == SP_LINK_HTTP;
            m->url_has_passcode = link.has_passcode;
            m->url_without_passcode = keep_text(r, link.url_without_passcode);
            m->meeting_id = keep_text(r, link.meeting_id);
            link_pass = keep_text(r, link.passcode);
            has_url = true;
        }
    }
    m->phone = raw->conference_phone;

    /* Step 4b: meeting ID and passcode written in text: after the link, its notes, the
       phone's notes, the meeting's notes */
    texts[0] = after;
    texts[1] = raw->conference_url_notes;
    texts[2] = raw->conference_phone_notes;
    texts[3] = raw->notes;
    for (int i = 0; i < 4; i++) {
        if (!texts[i])
            continue;
        if (!m->meeting_id && (m->meeting_id = sp_meeting_id_find(r->arena, texts[i], &is, &ie)))
            id_from = i;
        if (!m->passcode && (m->passcode = sp_passcode_find(r->arena, texts[i], &ps, &pe)))
            pass_from = i;
    }
    if (id_from < 0 && m->meeting_id && raw->notes) {
        /* the notes repeat the link's meeting ID: it is printed with the link */
        const char *again = sp_meeting_id_find(r->arena, raw->notes, &is, &ie);
        if (again && !strcmp(again, m->meeting_id))
            id_from = 3;
    }
    if (after)
        sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' has text after a space; the link is "
                         "read up to the space%s%s%s", subj(w), qurl(r, raw->conference_url),
                         pass_from == 0 ? " and the passcode '" : "",
                         pass_from == 0 ? m->passcode : "", pass_from == 0 ? "' after it" : "");

    /* Step 4b': joining notes with a passcode key followed by one lone word that the rules
       above do not take ("passcode serenity": a word needs "passcode: serenity"); the
       joining notes are not printed, so say so rather than lose it */
    if (!m->passcode && !link_pass) {
        for (int i = 1; i < 3; i++) {
            const char *at = texts[i] ? lone_word_passcode(texts[i]) : NULL;
            if (at) {
                sp_reader_report(r, raw, SP_WARNING, "%s: its joining notes say '%.40s', "
                                 "which is not read as a passcode and not printed; write "
                                 "'Passcode: ...' to have it printed", subj(w), at);
                break;
            }
        }
    }

    /* Step 4c: the passcode printed is the one the link carries */
    if (link_pass && m->passcode && strcmp(link_pass, m->passcode))
        sp_reader_report(r, raw, SP_WARNING, "%s: passcode '%s' in the text differs from the "
                         "link's '%s'; the link's is printed", subj(w), m->passcode, link_pass);
    if (link_pass)
        m->passcode = link_pass;

    /* Step 4d: what the notes said of the ID and passcode is printed with them, so it is
       cut from the notes (directions around it stay) */
    if (pass_from == 3 && id_from == 3) {
        size_t a0 = is < ps ? is : ps, b0 = is < ps ? ie : pe;
        size_t a1 = is < ps ? ps : is, b1 = is < ps ? pe : ie;
        const char *once = b0 <= a1 ? cut_phrase(r->arena, m->notes, a1, b1) : m->notes;
        m->notes = once ? cut_phrase(r->arena, once, a0, b0 <= a1 ? b0 : b1) : NULL;
    } else if (pass_from == 3) {
        m->notes = cut_phrase(r->arena, m->notes, ps, pe);
    } else if (id_from == 3) {
        m->notes = cut_phrase(r->arena, m->notes, is, ie);
    }
    return has_url;
}

/* The feed's own word for attendance, or -1. */
static int stated_attendance(struct sp_reader *r, const struct sp_raw *raw)
{
    static const int vt[] = { 0, SP_ATTEND_IN_PERSON, SP_ATTEND_ONLINE, SP_ATTEND_HYBRID };
    const char *a = raw->attendance;

    if (a) {
        if (!g_ascii_strcasecmp(a, "in_person") || !g_ascii_strcasecmp(a, "in person"))
            return SP_ATTEND_IN_PERSON;
        if (!g_ascii_strcasecmp(a, "online"))
            return SP_ATTEND_ONLINE;
        if (!g_ascii_strcasecmp(a, "hybrid"))
            return SP_ATTEND_HYBRID;
        if (!g_ascii_strcasecmp(a, "inactive"))
            return SP_ATTEND_CLOSED;  /* TSML: temporarily closed, no online option */
        sp_reader_report(r, raw, SP_WARNING, "unknown attendance_option '%s'",
                         sp_reader_qname(r, a));
        return -1;
    }
    if (raw->venue_type >= 1 && raw->venue_type <= 3)
        return vt[raw->venue_type];
    return -1;
}

/* Step 5: how to attend.  Returns false (reported) when there is no way to. */
static bool attend(struct sp_reader *r, const struct sp_raw *raw, struct subject *w,
                   const struct sp_address *addr, bool has_url, struct sp_meeting *m)
{
    /* a meeting ID for a named service can be typed in on its site ("GoToMeeting, ID 869
       747 141", the feed's link being only the home page) */
    bool reachable = has_url || m->phone || (m->provider && m->meeting_id);
    int att = stated_attendance(r, raw);

    if (att < 0) {
        if (raw->hybrid_format && addr->physical)
            att = SP_ATTEND_HYBRID;
        else if (addr->physical && has_url)
            att = SP_ATTEND_HYBRID;
        else if (addr->physical && !raw->online_format)
            att = SP_ATTEND_IN_PERSON;
        else if (reachable)
            att = SP_ATTEND_ONLINE;
        else if (addr->physical)
            att = SP_ATTEND_IN_PERSON;
        else if (raw->venue && !raw->closed)
            att = SP_ATTEND_IN_PERSON;
        else if (!raw->closed) {
            reject(r, raw, "%s: no address, join link or phone", subj(w));
            return false;
        }
    }
    if (att == SP_ATTEND_ONLINE && !reachable && !raw->closed) {
        reject(r, raw, "%s: online but no usable join link or phone", subj(w));
        return false;
    }
    if (att == SP_ATTEND_HYBRID && !reachable) {
        sp_reader_report(r, raw, SP_WARNING,
                         "%s: hybrid but no usable join link or phone; listed as in person", subj(w));
        att = SP_ATTEND_IN_PERSON;
    }
    /* TC closes the venue: a meeting with a join link or a dial-in goes on online (a
       phone meeting too), as the 12 Step Meeting List plugin lists them */
    if (raw->closed && reachable && att != SP_ATTEND_CLOSED)
        att = SP_ATTEND_ONLINE;
    else if (raw->closed)
        att = SP_ATTEND_CLOSED;
    /* somewhere to go: a venue, a street, a postcode or at least a town */
    if ((att == SP_ATTEND_IN_PERSON || att == SP_ATTEND_HYBRID) && !raw->venue &&
        !addr->street && !addr->postcode && !addr->town) {
        reject(r, raw, "%s: in person but no venue or address", subj(w));
        return false;
    }
    m->attendance = (enum sp_attendance)att;
    return true;
}

/* s kept once in the directory's arena (type codes and labels repeat on every meeting) */
static const char *intern_str(struct sp_reader *r, const char *s)
{
    char *v;

    if (!s)
        return NULL;
    v = g_hash_table_lookup(r->type_strs, s);
    if (!v) {
        v = sp_arena_strdup(r->arena, s);
        g_hash_table_insert(r->type_strs, v, v);
    }
    return v;
}

/*
 * The record's types (built in the scratch arena) as a list in the directory's arena,
 * shared by every meeting with the same list (issue 17: a compact model).
 */
static const struct sp_type *intern_types(struct sp_reader *r, const struct sp_type *t,
                                          size_t n)
{
    GString *key;
    struct sp_type *v;

    if (!n)
        return NULL;
    key = g_string_sized_new(64);
    for (size_t i = 0; i < n; i++) {
        g_string_append(key, t[i].code);
        g_string_append_c(key, '\x1f');
        g_string_append(key, t[i].label ? t[i].label : "");
        g_string_append_c(key, '\x1f');
        g_string_append(key, t[i].world_id ? t[i].world_id : "");
        g_string_append_c(key, t[i].known ? '\x1d' : '\x1e');
    }
    v = g_hash_table_lookup(r->type_sets, key->str);
    if (v) {
        g_string_free(key, TRUE);
        return v;
    }
    v = sp_arena_alloc(r->arena, n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i].code = intern_str(r, t[i].code);
        v[i].label = intern_str(r, t[i].label);
        v[i].world_id = intern_str(r, t[i].world_id);
        v[i].known = t[i].known;
    }
    g_hash_table_insert(r->type_sets, g_string_free(key, FALSE), v);
    return v;
}

/* Step 6: types, provenance, duplicates; append, and tie the record's messages to it. */
static void append(struct sp_reader *r, const struct sp_raw *raw, struct subject *w,
                   struct sp_meeting *m)
{
    struct sp_directory *dir = r->dir;

    m->types = intern_types(r, raw->types, raw->ntypes);
    m->ntypes = (uint32_t)raw->ntypes;  /* a handful; a record is far smaller than 4 GB */
    m->file = r->file;
    m->line = raw->line;
    m->record = raw->record;
    if (m->slug) {
        gpointer first;
        if (g_hash_table_lookup_extended(r->slugs, m->slug, NULL, &first))
            sp_reader_report(r, raw, SP_WARNING, "%s: duplicate slug '%s' (first on line %d)",
                             subj(w), sp_reader_qname(r, m->slug), GPOINTER_TO_INT(first));
        else
            g_hash_table_insert(r->slugs, (gpointer)m->slug, GINT_TO_POINTER(raw->line));
    }
    if (dir->n == dir->cap) {
        /* 1.5x: less room unused at the end, and a smaller old copy while it moves */
        dir->cap = dir->cap ? dir->cap + dir->cap / 2 : 64;
        dir->meetings = xrealloc(dir->meetings, dir->cap * sizeof *dir->meetings);
    }
    m->index = (uint32_t)dir->n;  /* 4 billion meetings would need a terabyte */
    dir->meetings[dir->n++] = *m;
    for (size_t i = raw->diag_start; i < r->diag->n; i++)
        r->diag->v[i].meeting = (long)m->index;
}

void sp_reader_finish(struct sp_reader *r, struct sp_raw *raw)
{
    struct sp_meeting m;
    struct sp_address addr;
    struct subject subject = { r, raw, NULL }, *w = &subject;
    int start;
    bool has_url;

    memset(&m, 0, sizeof m);
    if (!usable(r, raw, w, &start))
        return;
    fill_when(r, raw, w, start, &m);
    fill_where(r, raw, &m, &addr);
    has_url = fill_online(r, raw, w, &m);
    if (!attend(r, raw, w, &addr, has_url, &m))
        return;
    append(r, raw, w, &m);
}
