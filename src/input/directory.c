/*
 * directory.c - load directory files (sniffing the format), repair their encoding,
 * and turn each reader's raw records into normalised meetings or reported problems.
 *
 * Owns: struct sp_directory's array.  Must not: print, exit, or include
 * cairo/pango/qrencode.  Validation lives here so the three readers agree.
 */
#include "directory.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "links.h"
#include "normalize.h"
#include "readers.h"
#include "types.h"

#define DEFAULT_TZ "Europe/London"

void sp_directory_init(struct sp_directory *dir)
{
    memset(dir, 0, sizeof *dir);
}

void sp_directory_release(struct sp_directory *dir)
{
    free(dir->meetings);
    memset(dir, 0, sizeof *dir);
}

const char *sp_format_name(enum sp_format f)
{
    switch (f) {
    case SP_FORMAT_MG_JSON:  return "Meeting Guide JSON";
    case SP_FORMAT_TSML_CSV: return "TSML CSV";
    case SP_FORMAT_BMLT:     return "BMLT JSON";
    case SP_FORMAT_AUTO:     break;
    }
    return "auto";
}

int sp_format_parse(const char *s, enum sp_format *out)
{
    static const struct { const char *name; enum sp_format f; } names[] = {
        { "auto", SP_FORMAT_AUTO }, { "json", SP_FORMAT_MG_JSON },
        { "meeting-guide", SP_FORMAT_MG_JSON }, { "mg", SP_FORMAT_MG_JSON },
        { "csv", SP_FORMAT_TSML_CSV }, { "tsml", SP_FORMAT_TSML_CSV },
        { "bmlt", SP_FORMAT_BMLT },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!g_ascii_strcasecmp(s, names[i].name)) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

/* ---- sniffing ---- */

static bool has_within(const char *data, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (len < nl)
        return false;
    for (size_t i = 0; i + nl <= len; i++)
        if (data[i] == needle[0] && !memcmp(data + i, needle, nl))
            return true;
    return false;
}

enum sp_format sp_directory_sniff(const char *data, size_t len)
{
    size_t i = 0, window;

    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == len)
        return SP_FORMAT_AUTO;
    if (data[i] == '[' || data[i] == '{') {
        window = len - i < 65536 ? len - i : 65536;
        /* a BMLT GetFormats file has key_string and world_id but no meetings */
        if (has_within(data + i, window, "\"key_string\"") &&
            has_within(data + i, window, "\"world_id\"") &&
            !has_within(data + i, window, "\"meeting_name\"") &&
            !has_within(data + i, window, "\"name\""))
            return SP_FORMAT_AUTO;
        if (has_within(data + i, window, "\"weekday_tinyint\"") ||
            has_within(data + i, window, "\"id_bigint\"") ||
            has_within(data + i, window, "\"meeting_name\""))
            return SP_FORMAT_BMLT;
        return SP_FORMAT_MG_JSON;
    }
    /* CSV: a header line with a separator */
    for (size_t j = i; j < len && data[j] != '\n'; j++)
        if (data[j] == ',')
            return SP_FORMAT_TSML_CSV;
    return SP_FORMAT_AUTO;
}

/* ---- positions ---- */

void sp_text_position(const char *data, size_t len, size_t offset, int *line, int *col)
{
    int l = 1;
    size_t bol = 0;

    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++)
        if (data[i] == '\n') {
            l++;
            bol = i + 1;
        }
    *line = l;
    /* columns count characters, not bytes */
    *col = 1 + (int)g_utf8_strlen(data + bol, (gssize)(offset - bol));
}

int *sp_json_record_lines(const char *data, size_t len, const char *key, size_t *n)
{
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(int));
    int line = 1, depth = 0, target = -1;
    bool in_str = false, expect = false, key_match = false;
    size_t str_start = 0;
    size_t keylen = key ? strlen(key) : 0;
    char last_sig = 0;

    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (in_str) {
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in_str = false;
                if (depth == 1 && key && target < 0)
                    key_match = i - str_start == keylen && !memcmp(data + str_start, key, keylen);
            } else if (c == '\n') {
                line++;
            }
            continue;
        }
        if (c == '\n') {
            line++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if (target >= 0 && depth == target && expect && c != ']') {
            int l = line;
            g_array_append_val(lines, l);
            expect = false;
        }
        switch (c) {
        case '"':
            in_str = true;
            str_start = i + 1;
            break;
        case '[':
        case '{':
            depth++;
            if (c == '[' && target < 0 &&
                ((!key && depth == 1) || (key && depth == 2 && key_match && last_sig == ':'))) {
                target = depth;
                expect = true;
            }
            break;
        case ']':
        case '}':
            if (depth == target)
                target = -2;  /* done: ignore anything after the records array */
            depth--;
            break;
        case ',':
            if (depth == target)
                expect = true;
            if (depth == 1)
                key_match = false;
            break;
        default:
            break;
        }
        last_sig = c;
    }
    *n = lines->len;
    return (int *)g_array_free(lines, FALSE);
}

/* ---- the reader context ---- */

void sp_raw_init(struct sp_raw *raw, int line, int record)
{
    memset(raw, 0, sizeof *raw);
    raw->line = line;
    raw->record = record;
    raw->duration_min = -1;
}

const char *sp_reader_qname(struct sp_reader *r, const char *name)
{
    size_t n = strlen(name);
    if (n <= 60)
        return name;
    const char *end = g_utf8_find_prev_char(name, name + 61);
    if (!end)
        end = name;
    return sp_arena_printf(r->arena, "%.*s...", (int)(end - name), name);
}

/* "meeting 'X'" when the record has a name, else "record N" / "row N". */
static const char *who(struct sp_reader *r, const struct sp_raw *raw)
{
    if (raw->name)
        return sp_arena_printf(r->arena, "meeting '%s'", sp_reader_qname(r, raw->name));
    return sp_arena_printf(r->arena, "%s %d", r->label, raw->record);
}

const char *sp_reader_text(struct sp_reader *r, const struct sp_raw *raw, const char *field,
                           const char *s, size_t len, unsigned flags)
{
    bool repaired = false;
    char *t;

    if (!s)
        return NULL;
    if (len > SP_FIELD_MAX) {
        const char *cut = g_utf8_find_prev_char(s, s + SP_FIELD_MAX + 1);
        sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                    "%s %d: '%s' is %zu bytes long; cut to %d", r->label, raw->record, field,
                    len, SP_FIELD_MAX);
        len = cut ? (size_t)(cut - s) : SP_FIELD_MAX;
    }
    t = sp_text_clean(r->arena, s, len, flags, &repaired);
    if (repaired)
        sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                    "%s %d: invalid UTF-8 in '%s' replaced with U+FFFD", r->label,
                    raw->record, field);
    return t;
}

bool sp_reader_once(struct sp_reader *r, const char *kind, const char *what, int line,
                    const char *fmt, ...)
{
    char *key = g_strdup_printf("%s:%s", kind, what);
    char msg[512];
    va_list ap;

    if (g_hash_table_contains(r->reported, key)) {
        g_free(key);
        return false;
    }
    g_hash_table_add(r->reported, key);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sp_diag_add(r->diag, SP_WARNING, r->file, line, 0, "%s", msg);
    return true;
}

void sp_reader_add_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                        const char *label, const char *world_id, bool known)
{
    struct sp_type *t;

    for (size_t i = 0; i < raw->ntypes; i++)
        if (!strcmp(raw->types[i].code, code))
            return;  /* listed twice */
    if (raw->ntypes == raw->captypes) {
        size_t cap = raw->captypes ? raw->captypes * 2 : 8;
        struct sp_type *v = sp_arena_alloc(r->arena, cap * sizeof *v);
        if (raw->ntypes)
            memcpy(v, raw->types, raw->ntypes * sizeof *v);
        raw->types = v;
        raw->captypes = cap;
    }
    t = &raw->types[raw->ntypes++];
    t->code = code;
    t->label = label ? label : code;
    t->world_id = world_id;
    t->known = known;
}

void sp_reader_add_mg_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                           bool labels_ok)
{
    const char *fellowship = raw->fellowship ? raw->fellowship :
                             r->fellowship ? r->fellowship : r->default_fellowship;
    const char *canon = NULL, *label;
    char *c;

    c = sp_text_clean(r->arena, code, strlen(code), 0, NULL);
    if (!c)
        return;
    label = sp_type_label(c, fellowship, &canon);
    if (!label && labels_ok) {
        const char *k = sp_type_code_for_label(c, fellowship);
        if (k)
            label = sp_type_label(k, fellowship, &canon);
    }
    if (!label) {
        if (strlen(c) <= 8 && !strchr(c, ' ')) {
            for (char *q = c; *q; q++)  /* codes are upper case: "zz" is "ZZ" */
                *q = g_ascii_toupper(*q);
        }
        sp_reader_once(r, "type", c, raw->line, "unknown type code '%s'",
                       sp_reader_qname(r, c));
        sp_reader_add_type(r, raw, c, c, NULL, false);
        return;
    }
    if (!strcmp(canon, "TC"))
        raw->closed = true;
    else if (!strcmp(canon, "ONL"))
        raw->online_format = true;
    else if (!strcmp(canon, "HY"))
        raw->hybrid_format = true;
    sp_reader_add_type(r, raw, canon, label, NULL, true);
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

static void reject(struct sp_reader *r, const struct sp_raw *raw, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reject(struct sp_reader *r, const struct sp_raw *raw, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sp_diag_add(r->diag, SP_PROBLEM, r->file, raw->line, 0, "%s", msg);
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

void sp_reader_finish(struct sp_reader *r, struct sp_raw *raw)
{
    struct sp_meeting m;
    struct sp_address addr;
    const char *w;
    int start, end = -1;
    bool has_url = false;

    memset(&m, 0, sizeof m);

    /* Step 1: what makes a record unusable */
    if (!raw->name) {
        reject(r, raw, "%s %d: no name", r->label, raw->record);
        return;
    }
    w = who(r, raw);
    if (!raw->days) {
        if (raw->day_bad)
            reject(r, raw, "%s: unknown day '%s'", w, sp_reader_qname(r, raw->day_bad));
        else
            reject(r, raw, "%s: no day given", w);
        return;
    }
    if (!raw->time) {
        reject(r, raw, "%s: no start time given", w);
        return;
    }
    start = sp_time_parse(raw->time);
    if (start < 0) {
        reject(r, raw, "%s: unknown time '%s'", w, sp_reader_qname(r, raw->time));
        return;
    }

    /* Step 2: the fields that always have a value */
    m.name = raw->name;
    m.fellowship = raw->fellowship ? raw->fellowship :
                   r->fellowship ? r->fellowship : r->default_fellowship;
    m.slug = raw->slug;
    m.group = raw->group;
    m.notes = raw->notes;
    m.updated = raw->updated;
    m.days = raw->days & SP_ALL_DAYS;
    m.start_min = start;
    if (raw->end_time) {
        end = sp_time_parse(raw->end_time);
        if (end < 0)
            sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                        "%s: unknown end time '%s'; assuming one hour", w,
                        sp_reader_qname(r, raw->end_time));
    } else if (raw->duration_min > 0) {
        end = (start + raw->duration_min) % 1440;
    }
    m.end_assumed = end < 0;
    m.end_min = end < 0 ? (start + 60) % 1440 : end;
    m.timezone = DEFAULT_TZ;
    if (raw->timezone) {
        if (zone_valid(r, raw->timezone))
            m.timezone = raw->timezone;
        else
            sp_reader_once(r, "tz", raw->timezone, raw->line,
                           "%s: unknown time zone '%s'; using " DEFAULT_TZ, w,
                           sp_reader_qname(r, raw->timezone));
    }

    /* Step 3: where */
    m.venue = raw->venue;
    m.region = raw->region;
    m.sub_region = raw->sub_region;
    m.location_notes = raw->location_notes;
    if (raw->formatted_address) {
        sp_address_split(r->arena, raw->formatted_address, &addr);
        m.formatted_address = raw->formatted_address;
    } else {
        char pc[9];
        const char *parts[5];
        memset(&addr, 0, sizeof addr);
        if (raw->postal_code && sp_postcode_parse(raw->postal_code, strlen(raw->postal_code), pc))
            addr.postcode = sp_arena_strdup(r->arena, pc);
        if (raw->address) {
            /* an address cell that holds the whole address */
            struct sp_address inner;
            sp_address_split(r->arena, raw->address, &inner);
            if (strchr(raw->address, ',') && (inner.postcode || !raw->city)) {
                addr.street = inner.street;
                if (!raw->city)
                    addr.town = inner.town;
                if (!addr.postcode)
                    addr.postcode = inner.postcode;
            } else {
                addr.street = raw->address;
            }
        }
        if (raw->city)
            addr.town = raw->city;
        if (addr.street && sp_address_is_online_word(addr.street))
            addr.street = NULL;  /* "Online" in the address column is not a place */
        addr.physical = addr.street || addr.postcode;
        parts[0] = raw->address;
        parts[1] = raw->city;
        parts[2] = raw->state;
        parts[3] = addr.postcode && raw->address && strstr(raw->address, addr.postcode) ?
                   NULL : addr.postcode ? addr.postcode : raw->postal_code;
        parts[4] = raw->country;
        m.formatted_address = join_address(r->arena, parts, 5);
    }
    m.address = addr.street;
    m.town = addr.town;
    m.postcode = addr.postcode;

    /* Step 4: online */
    if (raw->conference_url) {
        struct sp_link link;
        const char *why;
        enum sp_link_status st = sp_link_check(r->arena, raw->conference_url, &link, &why);
        if (st == SP_LINK_REFUSED) {
            sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                        "%s: link '%s' refused: %s", w, qurl(r, raw->conference_url), why);
        } else {
            if (st == SP_LINK_HTTP)
                sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                            "%s: link '%s' is not https:", w, qurl(r, link.url));
            m.url = link.url;
            m.provider = link.provider;
            m.url_is_http = st == SP_LINK_HTTP;
            m.url_has_passcode = link.has_passcode;
            m.url_without_passcode = link.url_without_passcode;
            m.meeting_id = link.meeting_id;
            has_url = true;
        }
    }
    m.phone = raw->conference_phone;
    {
        const char *texts[3] = { raw->conference_url_notes, raw->conference_phone_notes,
                                 raw->notes };
        for (int i = 0; i < 3; i++) {
            if (!m.meeting_id && texts[i])
                m.meeting_id = sp_meeting_id_from_text(r->arena, texts[i]);
            if (!m.passcode && texts[i])
                m.passcode = sp_passcode_from_text(r->arena, texts[i]);
        }
    }

    /* Step 5: attendance */
    {
        bool reachable = has_url || m.phone;
        int att = -1;
        if (raw->attendance) {
            const char *a = raw->attendance;
            if (!g_ascii_strcasecmp(a, "in_person") || !g_ascii_strcasecmp(a, "in person"))
                att = SP_ATTEND_IN_PERSON;
            else if (!g_ascii_strcasecmp(a, "online"))
                att = SP_ATTEND_ONLINE;
            else if (!g_ascii_strcasecmp(a, "hybrid"))
                att = SP_ATTEND_HYBRID;
            else if (!g_ascii_strcasecmp(a, "inactive"))
                att = SP_ATTEND_CLOSED;  /* TSML: temporarily closed, no online option */
            else {
                sp_reader_once(r, "attendance", a, raw->line,
                               "unknown attendance_option '%s'", sp_reader_qname(r, a));
            }
        } else if (raw->venue_type >= 1 && raw->venue_type <= 3) {
            static const int vt[] = { 0, SP_ATTEND_IN_PERSON, SP_ATTEND_ONLINE,
                                      SP_ATTEND_HYBRID };
            att = vt[raw->venue_type];
        }
        if (att < 0) {
            if (raw->hybrid_format && addr.physical)
                att = SP_ATTEND_HYBRID;
            else if (addr.physical && has_url)
                att = SP_ATTEND_HYBRID;
            else if (addr.physical && !raw->online_format)
                att = SP_ATTEND_IN_PERSON;
            else if (reachable)
                att = SP_ATTEND_ONLINE;
            else if (addr.physical)
                att = SP_ATTEND_IN_PERSON;
            else if (raw->venue && !raw->closed)
                att = SP_ATTEND_IN_PERSON;
            else if (!raw->closed) {
                reject(r, raw, "%s: no address, join link or phone", w);
                return;
            }
        }
        if (att == SP_ATTEND_ONLINE && !reachable && !raw->closed) {
            reject(r, raw, "%s: online but no usable join link or phone", w);
            return;
        }
        if (att == SP_ATTEND_HYBRID && !reachable) {
            sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
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
            !addr.street && !addr.postcode && !addr.town) {
            reject(r, raw, "%s: in person but no venue or address", w);
            return;
        }
        m.attendance = (enum sp_attendance)att;
    }

    /* Step 6: types, provenance, duplicates */
    m.types = raw->types;
    m.ntypes = raw->ntypes;
    m.file = r->file;
    m.line = raw->line;
    m.record = raw->record;
    if (m.slug) {
        gpointer first;
        if (g_hash_table_lookup_extended(r->slugs, m.slug, NULL, &first))
            sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                        "%s: duplicate slug '%s' (first on line %d)", w,
                        sp_reader_qname(r, m.slug), GPOINTER_TO_INT(first));
        else
            g_hash_table_insert(r->slugs, (gpointer)m.slug, GINT_TO_POINTER(raw->line));
    }
    if (r->dir->n == r->dir->cap) {
        r->dir->cap = r->dir->cap ? r->dir->cap * 2 : 64;
        r->dir->meetings = xrealloc(r->dir->meetings, r->dir->cap * sizeof *r->dir->meetings);
    }
    m.index = r->dir->n;
    r->dir->meetings[r->dir->n++] = m;
}

/* ---- loading ---- */

/* Replace invalid UTF-8 and NUL bytes, with one warning for each kind. */
static char *repair_encoding(struct sp_reader *r, const char *data, size_t len, size_t *outlen)
{
    const char *p = data, *end = data + len, *bad;
    size_t nnul = 0, nbad = 0, first_nul = 0, first_bad = 0;
    char *fixed;
    int line, col;

    while (p < end && !g_utf8_validate(p, end - p, &bad)) {
        if (*bad == '\0') {
            if (!nnul++)
                first_nul = (size_t)(bad - data);
        } else if (!nbad++) {
            first_bad = (size_t)(bad - data);
        }
        p = bad + 1;
    }
    if (!nnul && !nbad)
        return NULL;
    if (nnul) {
        sp_text_position(data, len, first_nul, &line, &col);
        if (nnul > 1)
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                        "NUL byte replaced with U+FFFD (%zu places, first here)", nnul);
        else
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col, "NUL byte replaced with U+FFFD");
    }
    if (nbad) {
        sp_text_position(data, len, first_bad, &line, &col);
        if (nbad > 1)
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                        "invalid UTF-8 replaced with U+FFFD (%zu places, first here)", nbad);
        else
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                        "invalid UTF-8 replaced with U+FFFD");
    }
    fixed = g_utf8_make_valid(data, (gssize)len);
    *outlen = strlen(fixed);  /* no NUL is left */
    return fixed;
}

/* terminated: data[len] is a NUL we may rely on (a file read whole), so valid text is
   read where it is instead of being copied. */
static int load_mem(struct sp_directory *dir, const char *name, const char *data, size_t len,
                    bool terminated, const struct sp_source_opts *o, struct sp_arena *arena,
                    struct sp_diag *diag, struct sp_error *err,
                    const struct sp_source_mem *fmem)
{
    struct sp_source_opts opts = { SP_FORMAT_AUTO, NULL, NULL };
    struct sp_reader r;
    enum sp_format f;
    char *fixed, *copy = NULL;
    const char *text;
    size_t flen = 0;
    int rc;

    if (o)
        opts = *o;
    if (!name)
        name = "-";
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
        return sp_error_set(err, SP_ERR_INPUT, name, 0, 0,
                            "this file is UTF-16; save it as UTF-8 (in a spreadsheet: "
                            "'CSV UTF-8')");
    f = opts.format != SP_FORMAT_AUTO ? opts.format : sp_directory_sniff(data, len);
    if (f == SP_FORMAT_AUTO && has_within(data, len < 65536 ? len : 65536, "\"key_string\""))
        return sp_error_set(err, SP_ERR_INPUT, name, 0, 0,
                            "this is a BMLT formats file (GetFormats), not a meeting "
                            "directory: give it with --formats");
    if (f == SP_FORMAT_AUTO) {
        bool blank = true;
        for (size_t i = 0; i < len && blank; i++)
            if (!strchr(" \t\r\n", data[i]) && !(i < 3 && (unsigned char)data[i] >= 0xBB))
                blank = false;
        return sp_error_set(err, SP_ERR_INPUT, name, 0, 0, blank ? "empty file" :
                            "not a meeting directory (Meeting Guide JSON, TSML CSV or "
                            "BMLT JSON)");
    }

    memset(&r, 0, sizeof r);
    r.dir = dir;
    r.arena = arena;
    r.diag = diag;
    r.file = sp_arena_strdup(arena, name);
    r.fellowship = opts.fellowship && *opts.fellowship ?
                   sp_arena_strdup(arena, opts.fellowship) : NULL;
    r.formats_path = opts.formats_path;
    if (fmem && fmem->formats_data) {
        /* a GetFormats document fetched with the feed */
        r.formats_path = fmem->formats_name ? fmem->formats_name : "formats";
        r.formats_data = fmem->formats_data;
        r.formats_len = fmem->formats_len;
    }
    r.label = f == SP_FORMAT_TSML_CSV ? "row" : "record";
    r.default_fellowship = f == SP_FORMAT_BMLT ? "Narcotics Anonymous" :
                           "Alcoholics Anonymous";
    r.reported = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r.slugs = g_hash_table_new(g_str_hash, g_str_equal);
    r.zones = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    /* Step 1: a BOM is dropped (keeping line numbers); bad bytes are repaired */
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    }
    fixed = repair_encoding(&r, data, len, &flen);
    if (fixed) {
        copy = fixed;
        len = flen;
        text = copy;
    } else if (terminated) {
        text = data;
    } else {
        copy = g_malloc(len + 1);
        memcpy(copy, data, len);
        copy[len] = '\0';
        text = copy;
    }

    /* Step 2: the reader */
    switch (f) {
    case SP_FORMAT_MG_JSON:
        rc = sp_read_mg_json(&r, text, len, err);
        break;
    case SP_FORMAT_BMLT:
        rc = sp_read_bmlt(&r, text, len, err);
        break;
    default:
        rc = sp_read_tsml_csv(&r, text, len, err);
        break;
    }
    g_free(copy);
    g_hash_table_destroy(r.reported);
    g_hash_table_destroy(r.slugs);
    g_hash_table_destroy(r.zones);
    if (rc == 0)
        dir->nfiles++;
    return rc;
}

int sp_directory_load_mem(struct sp_directory *dir, const char *name, const char *data,
                          size_t len, const struct sp_source_opts *o,
                          struct sp_arena *arena, struct sp_diag *diag,
                          struct sp_error *err)
{
    return load_mem(dir, name, data, len, /*terminated*/ false, o, arena, diag, err, NULL);
}

int sp_directory_load_source(struct sp_directory *dir, const struct sp_source_mem *src,
                             const struct sp_source_opts *opts, struct sp_arena *arena,
                             struct sp_diag *diag, struct sp_error *err)
{
    return load_mem(dir, src->name, src->data, src->len, /*terminated*/ false, opts, arena,
                    diag, err, src);
}

int sp_directory_load(struct sp_directory *dir, const char *path,
                      const struct sp_source_opts *opts, struct sp_arena *arena,
                      struct sp_diag *diag, struct sp_error *err)
{
    char *data = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    int rc;

    if (!strcmp(path, "-")) {
        /* standard input */
        GString *in = g_string_new(NULL);
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            g_string_append_len(in, chunk, (gssize)got);
        if (ferror(stdin)) {
            g_string_free(in, TRUE);
            return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot read standard input");
        }
        len = in->len;
        data = g_string_free(in, FALSE);
    } else if (!g_file_get_contents(path, &data, &len, &gerr)) {
        int e = gerr && gerr->domain == G_FILE_ERROR ? gerr->code : -1;
        const char *why = e == G_FILE_ERROR_NOENT ? "no such file" :
                          e == G_FILE_ERROR_ACCES ? "permission denied" :
                          e == G_FILE_ERROR_ISDIR ? "is a directory" :
                          gerr ? gerr->message : "read failed";
        rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot read '%s': %s", path, why);
        g_clear_error(&gerr);
        return rc;
    }
    rc = load_mem(dir, path, data, len, /*terminated*/ true, opts, arena, diag, err, NULL);
    g_free(data);
    return rc;
}
