/*
 * read_bmlt.c - BMLT GetSearchResults JSON (NA) into raw records, with format codes
 * decoded from a GetFormats JSON file (or the "formats" list of the same response).
 *
 * Owns: the formats table for one call.  Must not: print or fetch.  Every BMLT value
 * is a string; numbers are accepted too.
 */
#include <string.h>

#include "normalize.h"
#include "readers.h"

struct bmlt_format {
    const char *id, *code, *label, *world_id;
};

struct formats {
    GHashTable *by_id;    /* id string -> struct bmlt_format * */
    GHashTable *by_code;  /* key_string (upper case) -> struct bmlt_format * */
    bool loaded;
    int undecoded_line;   /* first record with codes but no formats file, or 0 */
};

static const char *obj_str(struct sp_arena *a, const struct sp_jval *o, const char *key)
{
    const struct sp_jval *v = sp_json_get(o, key);

    if (!v || (v->type != SP_JSON_STRING && v->type != SP_JSON_NUMBER))
        return NULL;
    return sp_text_clean(a, v->s, v->len, SP_CLEAN_HTML, NULL);
}

/* Add every format of a GetFormats array; English entries win over other languages. */
static void formats_add(struct sp_reader *r, struct formats *f, const struct sp_jval *arr)
{
    for (size_t i = 0; i < arr->n; i++) {
        const struct sp_jval *o = &arr->items[i];
        struct bmlt_format *bf;
        const char *lang, *id;
        if (o->type != SP_JSON_OBJECT)
            continue;
        id = obj_str(r->arena, o, "id");
        if (!id)
            id = obj_str(r->arena, o, "shared_id_bigint");
        if (!id)
            id = obj_str(r->arena, o, "shared_id");
        lang = obj_str(r->arena, o, "lang");
        bf = sp_arena_alloc(r->arena, sizeof *bf);
        bf->id = id;
        bf->code = obj_str(r->arena, o, "key_string");
        bf->label = obj_str(r->arena, o, "name_string");
        bf->world_id = obj_str(r->arena, o, "world_id");
        if (!bf->code)
            continue;
        if (lang && g_ascii_strcasecmp(lang, "en") && id && g_hash_table_contains(f->by_id, id))
            continue;
        if (id && (!lang || !g_ascii_strcasecmp(lang, "en") ||
                   !g_hash_table_contains(f->by_id, id)))
            g_hash_table_insert(f->by_id, (gpointer)id, bf);
        {
            char *up = g_ascii_strup(bf->code, -1);
            const char *key = sp_arena_strdup(r->arena, up);
            g_free(up);
            if (!lang || !g_ascii_strcasecmp(lang, "en") ||
                !g_hash_table_contains(f->by_code, key))
                g_hash_table_insert(f->by_code, (gpointer)key, bf);
        }
    }
    f->loaded = true;
}

static int formats_load_file(struct sp_reader *r, struct formats *f, struct sp_error *err)
{
    char *data = NULL, *fixed;
    gsize len = 0;
    GError *gerr = NULL;
    struct sp_arena mem;
    struct sp_jval root;
    const struct sp_jval *arr;
    int rc = 0;

    if (r->formats_data) {
        len = r->formats_len;
        data = g_malloc(len + 1);
        memcpy(data, r->formats_data, len);
        data[len] = '\0';
    } else if (!g_file_get_contents(r->formats_path, &data, &len, &gerr)) {
        rc = sp_error_set(err, SP_ERR_IO, r->formats_path, 0, 0,
                          "cannot read formats file '%s': %s", r->formats_path,
                          gerr ? gerr->message : "read failed");
        g_clear_error(&gerr);
        return rc;
    }
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        /* a byte-order mark, as on the directory files */
        memmove(data, data + 3, len - 3 + 1);
        len -= 3;
    }
    if (!g_utf8_validate(data, (gssize)len, NULL)) {
        fixed = g_utf8_make_valid(data, (gssize)len);
        g_free(data);
        data = fixed;
        len = strlen(data);
    }
    sp_arena_init(&mem);
    if (sp_json_read_text(r, r->formats_path, data, len, &mem, &root, err) != 0) {
        sp_arena_free(&mem);
        g_free(data);
        return -1;
    }
    arr = root.type == SP_JSON_OBJECT ? sp_json_get(&root, "formats") : &root;
    if (!arr || arr->type != SP_JSON_ARRAY)
        rc = sp_error_set(err, SP_ERR_INPUT, r->formats_path, 1, 1,
                          "expected a BMLT GetFormats array of formats");
    else
        formats_add(r, f, arr);
    sp_arena_free(&mem);
    g_free(data);
    return rc;
}

static void use_format(struct sp_raw *raw, const struct bmlt_format *bf)
{
    const char *w = bf->world_id ? bf->world_id : "";
    if (!g_ascii_strcasecmp(w, "TC") || !g_ascii_strcasecmp(bf->code, "TC"))
        raw->closed = true;
    else if (!g_ascii_strcasecmp(w, "VM") || !g_ascii_strcasecmp(bf->code, "VM"))
        raw->online_format = true;
    else if (!g_ascii_strcasecmp(w, "HY") || !g_ascii_strcasecmp(bf->code, "HY"))
        raw->hybrid_format = true;
    /* monthly: "Wo1" (key), "1. Woche d. Monats", "First week of the month" (name) */
    raw->weeks |= sp_weeks_parse(bf->code, true) | sp_weeks_parse(bf->label, false);
}

/* The list in a record's "formats" (keys) or "format_shared_id_list" (ids), split. */
static char **split_list(const char *s)
{
    char **v = g_strsplit(s, ",", -1);

    for (int i = 0; v[i]; i++)
        g_strstrip(v[i]);
    return v;
}

/*
 * A record's formats: by key ("O,D,Wo1") when it has keys, else by shared id.  Keys and
 * ids missing from the formats file are reported; without a formats file the keys are
 * kept as they are (not decoded), and that is said once for the file.
 */
static void read_formats(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *obj,
                         struct formats *f)
{
    const char *ids = sp_json_text(r, raw, "format_shared_id_list",
                                   sp_json_get(obj, "format_shared_id_list"), 0);
    const char *codes = sp_json_text(r, raw, "formats", sp_json_get(obj, "formats"), 0);
    char **v;

    if (f->loaded && !codes && ids) {
        v = split_list(ids);
        for (int i = 0; v[i]; i++) {
            const struct bmlt_format *bf = *v[i] ? g_hash_table_lookup(f->by_id, v[i]) : NULL;
            if (bf) {
                sp_reader_add_type(r, raw, bf->code, bf->label, bf->world_id, true);
                use_format(raw, bf);
            } else if (*v[i]) {
                sp_reader_report(r, raw, SP_WARNING, "format id '%s' is not in the formats file",
                                 sp_reader_qname(r, v[i]));
            }
        }
        g_strfreev(v);
        return;
    }
    if (!codes)
        return;
    if (!f->loaded && !f->undecoded_line)
        f->undecoded_line = raw->line;  /* said once for the file, at the end */
    v = split_list(codes);
    for (int i = 0; v[i]; i++) {
        const struct bmlt_format *bf = NULL;
        char *up;
        if (!*v[i])
            continue;
        up = g_ascii_strup(v[i], -1);
        if (f->loaded)
            bf = g_hash_table_lookup(f->by_code, up);
        if (bf) {
            sp_reader_add_type(r, raw, bf->code, bf->label, bf->world_id, true);
            use_format(raw, bf);
        } else {
            const char *c = sp_arena_strdup(r->arena, v[i]);
            struct bmlt_format tmp = { NULL, c, NULL, NULL };
            if (f->loaded)
                sp_reader_report(r, raw, SP_WARNING, "format '%s' is not in the formats file",
                                 sp_reader_qname(r, c));
            sp_reader_add_type(r, raw, c, c, NULL, false);
            use_format(raw, &tmp);
        }
        g_free(up);
    }
    g_strfreev(v);
}

static void read_weekday(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    const char *s = sp_json_text(r, raw, "weekday_tinyint", v, 0);

    if (!s)
        return;
    if (s[0] >= '1' && s[0] <= '7' && !s[1])
        raw->days = SP_DAY_BIT(s[0] - '1');
    else
        raw->day_bad = s;
}

static void read_duration(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    const char *s = sp_json_text(r, raw, "duration_time", v, 0);
    int d = s ? sp_time_parse(s) : -1;

    if (d > 0)
        raw->duration_min = d;
}

static void read_venue_type(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v)
{
    const char *s = sp_json_text(r, raw, "venue_type", v, 0);

    if (s && s[0] >= '1' && s[0] <= '3' && !s[1])
        raw->venue_type = s[0] - '0';
    else if (s)
        raw->venue_type_bad = s;  /* reported once the name is known */
}

#define H SP_CLEAN_HTML

/* The fields, in the order they are read; "formats" and "format_shared_id_list" are
   decoded after them (read_formats). */
static const struct sp_field fields[] = {
    { "meeting_name", SP_RAW(name), H, NULL },
    { "id_bigint", SP_RAW(slug), 0, NULL },
    { "comments", SP_RAW(notes), H | SP_CLEAN_MULTILINE, NULL },
    { "time_zone", SP_RAW(timezone), 0, NULL },
    { "weekday_tinyint", 0, 0, read_weekday },
    { "start_time", SP_RAW(time), 0, NULL },
    { "duration_time", 0, 0, read_duration },
    { "venue_type", 0, 0, read_venue_type },
    { "location_text", SP_RAW(venue), H, NULL },
    { "location_street", SP_RAW(address), H, NULL },
    { "location_municipality", SP_RAW(city), H, NULL },
    { "location_city_subsection", SP_RAW(city_subsection), H, NULL },
    { "location_neighborhood", SP_RAW(neighborhood), H, NULL },
    { "location_sub_province", SP_RAW(sub_province), H, NULL },
    { "location_province", SP_RAW(state), H, NULL },
    { "location_postal_code_1", SP_RAW(postal_code), 0, NULL },
    { "location_nation", SP_RAW(country), 0, NULL },
    { "location_info", SP_RAW(location_notes), H, NULL },
    { "virtual_meeting_link", SP_RAW(conference_url), SP_CLEAN_MULTILINE, NULL },
    { "virtual_meeting_additional_info", SP_RAW(conference_url_notes), H, NULL },
    { "phone_meeting_number", SP_RAW(conference_phone), 0, NULL },
};

#undef H

static void read_record(struct sp_reader *r, const struct sp_jval *obj, int line, int col,
                        int record, void *ctx)
{
    struct sp_raw raw;

    sp_raw_begin(r, &raw, line, col, record);
    if (obj->type != SP_JSON_OBJECT) {
        sp_reader_report(r, &raw, SP_PROBLEM, "record %d: not a JSON object", record);
        r->dir->nrejected++;
        return;
    }
    sp_json_fields(r, &raw, obj, fields, G_N_ELEMENTS(fields));
    read_formats(r, &raw, obj, ctx);
    /* the region: the town (municipality), else the county (sub-province), else the
       province; the sub-region: the part of town (city sub-section), else the
       neighbourhood (docs/input.md) */
    raw.region = raw.city ? raw.city : raw.sub_province ? raw.sub_province : raw.state;
    raw.sub_region = raw.city_subsection ? raw.city_subsection : raw.neighborhood;
    if (raw.venue_type_bad)
        sp_reader_report(r, &raw, SP_WARNING, "%s: venue_type '%s' is not 1 (in person), 2 "
                         "(virtual) or 3 (hybrid); attendance worked out from the address and "
                         "link", sp_reader_subject(r, &raw, true),
                         sp_reader_qname(r, raw.venue_type_bad));
    sp_reader_finish(r, &raw);
}

/* GetSearchResults&get_used_formats: {"meetings": [...], "formats": [...]} */
static void read_member(struct sp_reader *r, const char *key, const struct sp_jval *val,
                        void *ctx)
{
    struct formats *f = ctx;

    if (!strcmp(key, "formats") && !f->loaded && val->type == SP_JSON_ARRAY)
        formats_add(r, f, val);
}

int sp_read_bmlt(struct sp_reader *r, struct sp_error *err)
{
    struct formats f;
    int rc = 0;

    f.by_id = g_hash_table_new(g_str_hash, g_str_equal);
    f.by_code = g_hash_table_new(g_str_hash, g_str_equal);
    f.loaded = false;
    f.undecoded_line = 0;
    if (r->formats_path && formats_load_file(r, &f, err))
        rc = -1;
    else
        rc = sp_json_read_records(r, "BMLT meetings", read_record, read_member, &f, err);
    if (rc == 0 && f.undecoded_line)
        sp_diag_add(r->diag, SP_WARNING, r->file, f.undecoded_line, 0,
                    "format codes not decoded: no BMLT formats file (give one with "
                    "--formats)");
    g_hash_table_destroy(f.by_id);
    g_hash_table_destroy(f.by_code);
    return rc;
}
