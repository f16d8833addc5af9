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

static const char *qurl(struct sp_reader *r, const char *url)
{
    size_t n = strlen(url);
    if (n <= 80)
        return url;
    const char *end = g_utf8_find_prev_char(url, url + 81);
    return sp_arena_printf(r->arena, "%.*s...", (int)((end ? end : url) - url), url);
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

/* Step 1: a name, a day and a start time, or the record cannot be used. */
static bool usable(struct sp_reader *r, const struct sp_raw *raw, const char *w, int *start)
{
    if (!raw->name) {
        reject(r, raw, "%s: no name", sp_reader_subject(r, raw, false));
        return false;
    }
    if (!raw->days) {
        if (raw->day_bad)
            reject(r, raw, "%s: unknown day '%s'", w, sp_reader_qname(r, raw->day_bad));
        else
            reject(r, raw, "%s: no day given", w);
        return false;
    }
    if (!raw->time) {
        reject(r, raw, "%s: no start time given", w);
        return false;
    }
    *start = sp_time_parse(raw->time);
    if (*start < 0) {
        reject(r, raw, "%s: unknown time '%s'", w, sp_reader_qname(r, raw->time));
        return false;
    }
    return true;
}

/* Step 2: what it is and when. */
static void fill_when(struct sp_reader *r, const struct sp_raw *raw, const char *w, int start,
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
    m->start_min = start;
    if (raw->end_time) {
        end = sp_time_parse(raw->end_time);
        if (end < 0)
            sp_reader_report(r, raw, SP_WARNING, "%s: unknown end time '%s'; assuming one hour",
                             w, sp_reader_qname(r, raw->end_time));
    } else if (raw->duration_min > 0) {
        end = (start + raw->duration_min) % 1440;
    }
    m->end_assumed = end < 0;
    m->end_min = end < 0 ? (start + 60) % 1440 : end;
    m->timezone = DEFAULT_TZ;
    if (raw->timezone) {
        if (zone_valid(r, raw->timezone))
            m->timezone = raw->timezone;
        else
            sp_reader_report(r, raw, SP_WARNING, "%s: unknown time zone '%s'; using "
                             DEFAULT_TZ, w, sp_reader_qname(r, raw->timezone));
    }
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
        sp_address_split(r->arena, raw->formatted_address, addr);
        m->formatted_address = raw->formatted_address;
    } else {
        char pc[9];
        const char *parts[5];
        memset(addr, 0, sizeof *addr);
        if (raw->postal_code && sp_postcode_parse(raw->postal_code, strlen(raw->postal_code), pc))
            addr->postcode = sp_arena_strdup(r->arena, pc);
        if (raw->address) {
            /* an address cell that holds the whole address */
            struct sp_address inner;
            sp_address_split(r->arena, raw->address, &inner);
            if (strchr(raw->address, ',') && (inner.postcode || !raw->city)) {
                addr->street = inner.street;
                if (!raw->city)
                    addr->town = inner.town;
                if (!addr->postcode)
                    addr->postcode = inner.postcode;
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
                   NULL : addr->postcode ? addr->postcode : raw->postal_code;
        parts[4] = raw->country;
        m->formatted_address = join_address(r->arena, parts, 5);
    }
    m->address = addr->street;
    m->town = addr->town;
    m->postcode = addr->postcode;
}

/* Step 4: online: the join link, provider, meeting ID, passcode and dial-in.  Returns
   true when there is a usable link. */
static bool fill_online(struct sp_reader *r, const struct sp_raw *raw, const char *w,
                        struct sp_meeting *m)
{
    const char *texts[3] = { raw->conference_url_notes, raw->conference_phone_notes,
                             raw->notes };
    bool has_url = false;

    if (raw->conference_url) {
        struct sp_link link;
        const char *why;
        enum sp_link_status st = sp_link_check(r->arena, raw->conference_url, &link, &why);
        if (st == SP_LINK_REFUSED) {
            sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' refused: %s", w,
                             qurl(r, raw->conference_url), why);
        } else {
            if (st == SP_LINK_HTTP)
                sp_reader_report(r, raw, SP_WARNING, "%s: link '%s' is not https:", w,
                                 qurl(r, link.url));
            m->url = link.url;
            m->provider = link.provider;
            m->url_is_http = st == SP_LINK_HTTP;
            m->url_has_passcode = link.has_passcode;
            m->url_without_passcode = link.url_without_passcode;
            m->meeting_id = link.meeting_id;
            has_url = true;
        }
    }
    m->phone = raw->conference_phone;
    for (int i = 0; i < 3; i++) {
        if (!m->meeting_id && texts[i])
            m->meeting_id = sp_meeting_id_from_text(r->arena, texts[i]);
        if (!m->passcode && texts[i])
            m->passcode = sp_passcode_from_text(r->arena, texts[i]);
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
static bool attend(struct sp_reader *r, const struct sp_raw *raw, const char *w,
                   const struct sp_address *addr, bool has_url, struct sp_meeting *m)
{
    bool reachable = has_url || m->phone;
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
            reject(r, raw, "%s: no address, join link or phone", w);
            return false;
        }
    }
    if (att == SP_ATTEND_ONLINE && !reachable && !raw->closed) {
        reject(r, raw, "%s: online but no usable join link or phone", w);
        return false;
    }
    if (att == SP_ATTEND_HYBRID && !reachable) {
        sp_reader_report(r, raw, SP_WARNING,
                         "%s: hybrid but no usable join link or phone; listed as in person", w);
        att = SP_ATTEND_IN_PERSON;
    }
    /* TC closes the venue: an online meeting goes on, a hybrid one goes online only
       (as the 12 Step Meeting List plugin lists them) */
    if (raw->closed && has_url && (att == SP_ATTEND_ONLINE || att == SP_ATTEND_HYBRID))
        att = SP_ATTEND_ONLINE;
    else if (raw->closed)
        att = SP_ATTEND_CLOSED;
    /* somewhere to go: a venue, a street, a postcode or at least a town */
    if ((att == SP_ATTEND_IN_PERSON || att == SP_ATTEND_HYBRID) && !raw->venue &&
        !addr->street && !addr->postcode && !addr->town) {
        reject(r, raw, "%s: in person but no venue or address", w);
        return false;
    }
    m->attendance = (enum sp_attendance)att;
    return true;
}

/* Step 6: types, provenance, duplicates; append, and tie the record's messages to it. */
static void append(struct sp_reader *r, const struct sp_raw *raw, const char *w,
                   struct sp_meeting *m)
{
    struct sp_directory *dir = r->dir;

    m->types = raw->types;
    m->ntypes = raw->ntypes;
    m->file = r->file;
    m->line = raw->line;
    m->record = raw->record;
    if (m->slug) {
        gpointer first;
        if (g_hash_table_lookup_extended(r->slugs, m->slug, NULL, &first))
            sp_reader_report(r, raw, SP_WARNING, "%s: duplicate slug '%s' (first on line %d)",
                             w, sp_reader_qname(r, m->slug), GPOINTER_TO_INT(first));
        else
            g_hash_table_insert(r->slugs, (gpointer)m->slug, GINT_TO_POINTER(raw->line));
    }
    if (dir->n == dir->cap) {
        dir->cap = dir->cap ? dir->cap * 2 : 64;
        dir->meetings = xrealloc(dir->meetings, dir->cap * sizeof *dir->meetings);
    }
    m->index = dir->n;
    dir->meetings[dir->n++] = *m;
    for (size_t i = raw->diag_start; i < r->diag->n; i++)
        r->diag->v[i].meeting = (long)m->index;
}

void sp_reader_finish(struct sp_reader *r, struct sp_raw *raw)
{
    struct sp_meeting m;
    struct sp_address addr;
    const char *w = sp_reader_subject(r, raw, true);
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
