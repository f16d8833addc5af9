/*
 * read_mg_json.c - Meeting Guide JSON (code4recovery/spec) into raw records.
 *
 * Owns: its field table.  Must not: print.  Records come from json.c (one scan for
 * where each starts, then each decoded on its own).
 */
#include <string.h>

#include "normalize.h"
#include "readers.h"

/* One day value: a number 0..6, or a string of day names/numbers. */
static void add_day(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    if (v->type == SP_JSON_NUMBER) {
        bool integer = v->len <= 3 && !memchr(v->s, '.', v->len) && !memchr(v->s, 'e', v->len) &&
                       !memchr(v->s, 'E', v->len);
        int d = integer ? atoi(sp_arena_strndup(r->arena, v->s, v->len)) : -1;
        if (integer && d >= 0 && d <= 6)
            raw->days |= SP_DAY_BIT(d);
        else if (!raw->day_bad)
            raw->day_bad = sp_arena_strndup(r->arena, v->s, v->len);
    } else if (v->type == SP_JSON_STRING) {
        const char *s = sp_reader_text(r, raw, "day", v->s, v->len, 0);
        char bad[64];
        unsigned mask;
        if (!s)
            return;
        mask = sp_days_parse(s, bad, sizeof bad);
        if (mask)
            raw->days |= mask;
        else if (!raw->day_bad)
            raw->day_bad = sp_arena_strdup(r->arena, bad);
    } else if (v->type != SP_JSON_NULL) {
        sp_reader_report(r, raw, SP_WARNING,
                         "%s: 'day' should be a number, name or array, not %s; ignored",
                         sp_reader_subject(r, raw, false), sp_json_type_name(v->type));
    }
}

static void read_day(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    if (v->type == SP_JSON_ARRAY)
        for (size_t i = 0; i < v->n; i++)
            add_day(r, raw, &v->items[i]);
    else
        add_day(r, raw, v);
}

static void read_types(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    if (v->type == SP_JSON_ARRAY) {
        for (size_t i = 0; i < v->n; i++) {
            const struct sp_jval *t = &v->items[i];
            if (t->type == SP_JSON_STRING || t->type == SP_JSON_NUMBER)
                sp_reader_add_mg_type(r, raw, sp_arena_strndup(&r->scratch, t->s, t->len), false);
            else if (t->type != SP_JSON_NULL)
                sp_reader_report(r, raw, SP_WARNING,
                                 "%s: type %zu should be a string, not %s; ignored",
                                 sp_reader_subject(r, raw, false), i + 1,
                                 sp_json_type_name(t->type));
        }
    } else if (v->type == SP_JSON_STRING) {
        char *all = sp_arena_strndup(r->arena, v->s, v->len);
        char **codes = g_strsplit(all, ",", -1);
        for (int i = 0; codes[i]; i++)
            sp_reader_add_mg_type(r, raw, codes[i], false);
        g_strfreev(codes);
    } else if (v->type != SP_JSON_NULL) {
        sp_reader_report(r, raw, SP_WARNING, "%s: 'types' should be an array, not %s; ignored",
                         sp_reader_subject(r, raw, false), sp_json_type_name(v->type));
    }
}

/* "regions": ["Region", "Sub-region", ...] (tsml-ui), when there is no "region". */
static void read_regions(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    if (raw->region || v->type != SP_JSON_ARRAY)
        return;
    for (size_t i = 0; i < v->n && i < 2; i++) {
        const struct sp_jval *e = &v->items[i];
        const char *s;
        if (e->type != SP_JSON_STRING)
            continue;
        s = sp_reader_text(r, raw, "regions", e->s, e->len, SP_CLEAN_HTML);
        if (i == 0)
            raw->region = s;
        else if (!raw->sub_region)
            raw->sub_region = s;
    }
}

/* A name or time that is a JSON number is read, and said (record.c). */
static void read_name(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    raw->name = sp_json_text(r, raw, "name", v, SP_CLEAN_HTML);
    raw->name_number = raw->name && v->type == SP_JSON_NUMBER;
}

static void read_time(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    raw->time = sp_json_text(r, raw, "time", v, 0);
    raw->time_number = raw->time && v->type == SP_JSON_NUMBER;
}

#define H SP_CLEAN_HTML
#define ML (SP_CLEAN_HTML | SP_CLEAN_MULTILINE)
#define U  SP_CLEAN_UNIQUE

/* The fields, in the order they are read (the fellowship before the types). */
static const struct sp_field fields[] = {
    { "name", 0, 0, read_name },
    { "fellowship", SP_RAW(fellowship), H, NULL },
    { "slug", SP_RAW(slug), U, NULL },
    { "group", SP_RAW(group), H, NULL },
    { "notes", SP_RAW(notes), ML, NULL },
    { "updated", SP_RAW(updated), U, NULL },
    { "timezone", SP_RAW(timezone), 0, NULL },
    { "day", 0, 0, read_day },
    { "time", 0, 0, read_time },
    { "end_time", SP_RAW(end_time), 0, NULL },
    { "attendance_option", SP_RAW(attendance), 0, NULL },
    { "location", SP_RAW(venue), H, NULL },
    { "address", SP_RAW(address), H | U, NULL },
    { "city", SP_RAW(city), H, NULL },
    { "state", SP_RAW(state), H, NULL },
    { "postal_code", SP_RAW(postal_code), 0, NULL },
    { "country", SP_RAW(country), 0, NULL },
    { "formatted_address", SP_RAW(formatted_address), H | U, NULL },
    { "region", SP_RAW(region), H, NULL },
    { "sub_region", SP_RAW(sub_region), H, NULL },
    { "regions", 0, 0, read_regions },
    { "location_notes", SP_RAW(location_notes), ML, NULL },
    { "conference_url", SP_RAW(conference_url), SP_CLEAN_MULTILINE | U, NULL },
    { "conference_url_notes", SP_RAW(conference_url_notes), H, NULL },
    { "conference_phone", SP_RAW(conference_phone), U, NULL },
    { "conference_phone_notes", SP_RAW(conference_phone_notes), H, NULL },
    { "types", 0, 0, read_types },
};

#undef H
#undef ML
#undef U

static void read_record(struct sp_reader *r, const struct sp_jval *obj, int line, int col,
                        int record, void *ctx)
{
    struct sp_raw raw;

    (void)ctx;
    sp_raw_begin(r, &raw, line, col, record);
    if (obj->type != SP_JSON_OBJECT) {
        sp_reader_report(r, &raw, SP_PROBLEM, "record %d: not a JSON object, but %s", record,
                         sp_json_type_name(obj->type));
        r->dir->nrejected++;
        return;
    }
    sp_json_fields(r, &raw, obj, fields, G_N_ELEMENTS(fields));
    sp_reader_finish(r, &raw);
}

int sp_read_mg_json(struct sp_reader *r, struct sp_error *err)
{
    return sp_json_read_records(r, "meetings", read_record, NULL, NULL, err);
}
