/*
 * read_bmlt.c - BMLT GetSearchResults JSON (NA) into raw records, with format codes
 * decoded from a GetFormats JSON file (or the "formats" list of the same response).
 *
 * Owns: the formats table for one call.  Must not: print or fetch.  Every BMLT value
 * is a string; numbers are accepted too.
 */
#include <json-c/json.h>
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
};

static const char *obj_str(struct sp_arena *a, struct json_object *o, const char *key)
{
    struct json_object *v;
    const char *s;

    if (!json_object_object_get_ex(o, key, &v) || !v)
        return NULL;
    if (!json_object_is_type(v, json_type_string) && !json_object_is_type(v, json_type_int))
        return NULL;
    s = json_object_get_string(v);
    return sp_text_clean(a, s, strlen(s), SP_CLEAN_HTML, NULL);
}

/* Add every format of a GetFormats array; English entries win over other languages. */
static void formats_add(struct sp_reader *r, struct formats *f, struct json_object *arr)
{
    size_t n = json_object_array_length(arr);

    for (size_t i = 0; i < n; i++) {
        struct json_object *o = json_object_array_get_idx(arr, i);
        struct bmlt_format *bf;
        const char *lang, *id;
        if (!json_object_is_type(o, json_type_object))
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
    struct json_object *root, *arr;
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
    root = sp_json_parse(r, r->formats_path, data, len, err);
    if (!root) {
        g_free(data);
        return -1;
    }
    arr = root;
    if (json_object_is_type(root, json_type_object) &&
        !json_object_object_get_ex(root, "formats", &arr))
        arr = NULL;
    if (!arr || !json_object_is_type(arr, json_type_array))
        rc = sp_error_set(err, SP_ERR_INPUT, r->formats_path, 1, 1,
                          "expected a BMLT GetFormats array of formats");
    else
        formats_add(r, f, arr);
    json_object_put(root);
    g_free(data);
    return rc;
}

static const char *get_str(struct sp_reader *r, const struct sp_raw *raw,
                           struct json_object *obj, const char *key, unsigned flags)
{
    struct json_object *v;

    if (!json_object_object_get_ex(obj, key, &v) || !v)
        return NULL;
    if (json_object_is_type(v, json_type_string))
        return sp_reader_text(r, raw, key, json_object_get_string(v),
                              (size_t)json_object_get_string_len(v), flags);
    if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double))
        return sp_reader_text(r, raw, key, json_object_get_string(v),
                              strlen(json_object_get_string(v)), 0);
    if (!json_object_is_type(v, json_type_null))
        sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                    "record %d: '%s' should be a string, not %s; ignored", raw->record, key,
                    json_object_is_type(v, json_type_array) ? "an array" :
                    json_object_is_type(v, json_type_object) ? "an object" : "a boolean");
    return NULL;
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
}

static void read_formats(struct sp_reader *r, struct sp_raw *raw, struct json_object *obj,
                         struct formats *f)
{
    const char *ids = get_str(r, raw, obj, "format_shared_id_list", 0);
    const char *codes = get_str(r, raw, obj, "formats", 0);
    char **v;

    if (f->loaded && ids) {
        v = g_strsplit(ids, ",", -1);
        for (int i = 0; v[i]; i++) {
            const struct bmlt_format *bf;
            g_strstrip(v[i]);
            if (!*v[i])
                continue;
            bf = g_hash_table_lookup(f->by_id, v[i]);
            if (bf) {
                sp_reader_add_type(r, raw, bf->code, bf->label, bf->world_id, true);
                use_format(raw, bf);
            } else {
                sp_reader_once(r, "format-id", v[i], raw->line, "unknown format id '%s'",
                               sp_reader_qname(r, v[i]));
            }
        }
        g_strfreev(v);
        return;
    }
    if (!codes)
        return;
    if (!f->loaded)
        sp_reader_once(r, "no-formats", "", raw->line,
                       "format codes not decoded: no BMLT formats file (give one with "
                       "--formats)");
    v = g_strsplit(codes, ",", -1);
    for (int i = 0; v[i]; i++) {
        const struct bmlt_format *bf = NULL;
        char *up;
        g_strstrip(v[i]);
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
                sp_reader_once(r, "format-code", up, raw->line, "unknown format code '%s'",
                               sp_reader_qname(r, c));
            sp_reader_add_type(r, raw, c, c, NULL, false);
            use_format(raw, &tmp);
        }
        g_free(up);
    }
    g_strfreev(v);
}

static void read_record(struct sp_reader *r, struct json_object *obj, int line, int record,
                        struct formats *f)
{
    struct sp_raw raw;
    const char *s;

    sp_raw_init(&raw, line, record);
    if (!json_object_is_type(obj, json_type_object)) {
        sp_diag_add(r->diag, SP_PROBLEM, r->file, line, 0, "record %d: not a JSON object",
                    record);
        r->dir->nrejected++;
        return;
    }
    raw.name = get_str(r, &raw, obj, "meeting_name", SP_CLEAN_HTML);
    raw.slug = get_str(r, &raw, obj, "id_bigint", 0);
    raw.notes = get_str(r, &raw, obj, "comments", SP_CLEAN_HTML | SP_CLEAN_MULTILINE);
    raw.timezone = get_str(r, &raw, obj, "time_zone", 0);
    s = get_str(r, &raw, obj, "weekday_tinyint", 0);
    if (s) {
        if (s[0] >= '1' && s[0] <= '7' && !s[1])
            raw.days = SP_DAY_BIT(s[0] - '1');
        else
            raw.day_bad = s;
    }
    raw.time = get_str(r, &raw, obj, "start_time", 0);
    s = get_str(r, &raw, obj, "duration_time", 0);
    if (s) {
        int d = sp_time_parse(s);
        if (d > 0)
            raw.duration_min = d;
    }
    s = get_str(r, &raw, obj, "venue_type", 0);
    if (s && s[0] >= '1' && s[0] <= '3' && !s[1])
        raw.venue_type = s[0] - '0';
    raw.venue = get_str(r, &raw, obj, "location_text", SP_CLEAN_HTML);
    raw.address = get_str(r, &raw, obj, "location_street", SP_CLEAN_HTML);
    raw.city = get_str(r, &raw, obj, "location_municipality", SP_CLEAN_HTML);
    raw.state = get_str(r, &raw, obj, "location_province", SP_CLEAN_HTML);
    raw.postal_code = get_str(r, &raw, obj, "location_postal_code_1", 0);
    raw.country = get_str(r, &raw, obj, "location_nation", 0);
    raw.region = get_str(r, &raw, obj, "location_sub_province", SP_CLEAN_HTML);
    raw.sub_region = get_str(r, &raw, obj, "location_neighborhood", SP_CLEAN_HTML);
    raw.location_notes = get_str(r, &raw, obj, "location_info", SP_CLEAN_HTML);
    raw.conference_url = get_str(r, &raw, obj, "virtual_meeting_link", 0);
    raw.conference_url_notes = get_str(r, &raw, obj, "virtual_meeting_additional_info",
                                       SP_CLEAN_HTML);
    raw.conference_phone = get_str(r, &raw, obj, "phone_meeting_number", 0);
    read_formats(r, &raw, obj, f);
    sp_reader_finish(r, &raw);
}

static void each_record(struct sp_reader *r, struct json_object *obj, int line, int record,
                        void *ctx)
{
    read_record(r, obj, line, record, ctx);
}

int sp_read_bmlt(struct sp_reader *r, const char *data, size_t len, struct sp_error *err)
{
    struct json_object *root, *arr, *fmts;
    struct formats f;
    int *lines;
    size_t nlines, n;
    const char *key = NULL;
    int rc = 0;

    f.by_id = g_hash_table_new(g_str_hash, g_str_equal);
    f.by_code = g_hash_table_new(g_str_hash, g_str_equal);
    f.loaded = false;
    if (r->formats_path && formats_load_file(r, &f, err)) {
        rc = -1;
        goto out;
    }
    if (sp_json_each_record(r, data, len, each_record, &f))
        goto out;
    root = sp_json_parse(r, r->file, data, len, err);
    if (!root) {
        rc = -1;
        goto out;
    }
    arr = root;
    if (json_object_is_type(root, json_type_object)) {
        /* GetSearchResults&get_used_formats: {"meetings": [...], "formats": [...]} */
        if (!json_object_object_get_ex(root, "meetings", &arr) ||
            !json_object_is_type(arr, json_type_array)) {
            json_object_put(root);
            rc = sp_error_set(err, SP_ERR_INPUT, r->file, 1, 1,
                              "expected an array of BMLT meetings, not an object");
            goto out;
        }
        key = "meetings";
        if (!f.loaded && json_object_object_get_ex(root, "formats", &fmts) &&
            json_object_is_type(fmts, json_type_array))
            formats_add(r, &f, fmts);
    } else if (!json_object_is_type(root, json_type_array)) {
        json_object_put(root);
        rc = sp_error_set(err, SP_ERR_INPUT, r->file, 1, 1,
                          "expected an array of BMLT meetings");
        goto out;
    }
    lines = sp_json_record_lines(data, len, key, &nlines);
    n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++)
        read_record(r, json_object_array_get_idx(arr, i), i < nlines ? lines[i] : 0,
                    (int)i + 1, &f);
    g_free(lines);
    json_object_put(root);
out:
    g_hash_table_destroy(f.by_id);
    g_hash_table_destroy(f.by_code);
    return rc;
}
