/*
 * read_mg_json.c - Meeting Guide JSON (code4recovery/spec) into raw records.
 *
 * Owns: nothing beyond the call (json-c objects are freed before returning).  Must
 * not: print.  json-c gives no positions, so record lines come from one scan of the
 * text (sp_json_record_lines) and parse errors from json_tokener_get_parse_end().
 */
#include <glib.h>
#include <json-c/json.h>
#include <limits.h>
#include <string.h>

#include "normalize.h"
#include "readers.h"

struct json_object *sp_json_parse(struct sp_reader *r, const char *file, const char *data,
                                  size_t len, struct sp_error *err)
{
    struct json_tokener *tok;
    struct json_object *root;
    enum json_tokener_error jerr;
    int line, col;

    if (len > INT_MAX)
        return sp_error_set(err, SP_ERR_INPUT, file, 0, 0, "file too large"), NULL;
    tok = json_tokener_new_ex(64);
    if (!tok)
        return sp_error_set(err, SP_ERR_RESOURCE, file, 0, 0, "out of memory"), NULL;
    root = json_tokener_parse_ex(tok, data, (int)len);
    jerr = json_tokener_get_error(tok);
    if (!root || jerr != json_tokener_success) {
        size_t off = json_tokener_get_parse_end(tok);
        bool blank = true;
        for (size_t i = 0; i < len && blank; i++)
            if (!strchr(" \t\r\n", data[i]))
                blank = false;
        if (root)
            json_object_put(root);
        if (jerr == json_tokener_continue || jerr == json_tokener_success) {
            /* ran out of text: point at the end */
            sp_text_position(data, len, len, &line, &col);
            json_tokener_free(tok);
            return sp_error_set(err, SP_ERR_INPUT, file, line, col, blank ? "empty file" :
                                "malformed JSON: unexpected end of file"), NULL;
        }
        sp_text_position(data, len, off, &line, &col);
        json_tokener_free(tok);
        return sp_error_set(err, SP_ERR_INPUT, file, line, col, "malformed JSON: %s",
                            json_tokener_error_desc(jerr)), NULL;
    }
    {
        size_t end = json_tokener_get_parse_end(tok);
        while (end < len && strchr(" \t\r\n", data[end]))
            end++;
        if (end < len) {
            sp_text_position(data, len, end, &line, &col);
            sp_diag_add(r->diag, SP_WARNING, file, line, col,
                        "text after the end of the JSON ignored");
        }
    }
    json_tokener_free(tok);
    return root;
}

static const char *type_name(struct json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_object:  return "an object";
    case json_type_array:   return "an array";
    case json_type_boolean: return "a boolean";
    case json_type_double:
    case json_type_int:     return "a number";
    case json_type_string:  return "a string";
    case json_type_null:    break;
    }
    return "null";
}

/* A string field: strings and numbers are taken; other types are reported and ignored. */
static const char *get_str(struct sp_reader *r, const struct sp_raw *raw,
                           struct json_object *obj, const char *key, unsigned flags)
{
    struct json_object *v;

    if (!json_object_object_get_ex(obj, key, &v) || !v)
        return NULL;
    switch (json_object_get_type(v)) {
    case json_type_string:
        return sp_reader_text(r, raw, key, json_object_get_string(v),
                              (size_t)json_object_get_string_len(v), flags);
    case json_type_int:
    case json_type_double:
        return sp_reader_text(r, raw, key, json_object_get_string(v),
                              strlen(json_object_get_string(v)), 0);
    case json_type_null:
        return NULL;
    default:
        sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                    "record %d: '%s' should be a string, not %s; ignored", raw->record, key,
                    type_name(v));
        return NULL;
    }
}

/* One day value: a number 0..6, or a string of day names/numbers. */
static void add_day(struct sp_reader *r, struct sp_raw *raw, struct json_object *v)
{
    if (json_object_is_type(v, json_type_int)) {
        int64_t d = json_object_get_int64(v);
        if (d >= 0 && d <= 6)
            raw->days |= SP_DAY_BIT(d);
        else if (!raw->day_bad)
            raw->day_bad = sp_arena_printf(r->arena, "%lld", (long long)d);
    } else if (json_object_is_type(v, json_type_string)) {
        const char *s = sp_reader_text(r, raw, "day", json_object_get_string(v),
                                       (size_t)json_object_get_string_len(v), 0);
        char bad[64];
        unsigned mask;
        if (!s)
            return;
        mask = sp_days_parse(s, bad, sizeof bad);
        if (mask)
            raw->days |= mask;
        else if (!raw->day_bad)
            raw->day_bad = sp_arena_strdup(r->arena, bad);
    } else if (json_object_is_type(v, json_type_double)) {
        if (!raw->day_bad)
            raw->day_bad = sp_arena_strdup(r->arena, json_object_get_string(v));
    } else if (!json_object_is_type(v, json_type_null)) {
        sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                    "record %d: 'day' should be a number, name or array, not %s; ignored",
                    raw->record, type_name(v));
    }
}

static void read_types(struct sp_reader *r, struct sp_raw *raw, struct json_object *obj)
{
    struct json_object *v;

    if (!json_object_object_get_ex(obj, "types", &v) || !v)
        return;
    if (json_object_is_type(v, json_type_array)) {
        size_t n = json_object_array_length(v);
        for (size_t i = 0; i < n; i++) {
            struct json_object *t = json_object_array_get_idx(v, i);
            if (json_object_is_type(t, json_type_string) ||
                json_object_is_type(t, json_type_int))
                sp_reader_add_mg_type(r, raw, json_object_get_string(t), false);
            else if (t && !json_object_is_type(t, json_type_null))
                sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                            "record %d: type %zu should be a string, not %s; ignored",
                            raw->record, i + 1, type_name(t));
        }
    } else if (json_object_is_type(v, json_type_string)) {
        char **codes = g_strsplit(json_object_get_string(v), ",", -1);
        for (int i = 0; codes[i]; i++)
            sp_reader_add_mg_type(r, raw, codes[i], false);
        g_strfreev(codes);
    } else if (!json_object_is_type(v, json_type_null)) {
        sp_diag_add(r->diag, SP_WARNING, r->file, raw->line, 0,
                    "record %d: 'types' should be an array, not %s; ignored", raw->record,
                    type_name(v));
    }
}

static void read_record(struct sp_reader *r, struct json_object *obj, int line, int record)
{
    struct sp_raw raw;
    struct json_object *v;

    sp_raw_init(&raw, line, record);
    if (!json_object_is_type(obj, json_type_object)) {
        sp_diag_add(r->diag, SP_PROBLEM, r->file, line, 0, "record %d: not a JSON object, but %s",
                    record, type_name(obj));
        r->dir->nrejected++;
        return;
    }
    raw.name = get_str(r, &raw, obj, "name", SP_CLEAN_HTML);
    raw.fellowship = get_str(r, &raw, obj, "fellowship", SP_CLEAN_HTML);
    raw.slug = get_str(r, &raw, obj, "slug", 0);
    raw.group = get_str(r, &raw, obj, "group", SP_CLEAN_HTML);
    raw.notes = get_str(r, &raw, obj, "notes", SP_CLEAN_HTML | SP_CLEAN_MULTILINE);
    raw.updated = get_str(r, &raw, obj, "updated", 0);
    raw.timezone = get_str(r, &raw, obj, "timezone", 0);
    if (json_object_object_get_ex(obj, "day", &v) && v) {
        if (json_object_is_type(v, json_type_array)) {
            size_t n = json_object_array_length(v);
            for (size_t i = 0; i < n; i++)
                add_day(r, &raw, json_object_array_get_idx(v, i));
        } else {
            add_day(r, &raw, v);
        }
    }
    raw.time = get_str(r, &raw, obj, "time", 0);
    raw.end_time = get_str(r, &raw, obj, "end_time", 0);
    raw.attendance = get_str(r, &raw, obj, "attendance_option", 0);
    raw.venue = get_str(r, &raw, obj, "location", SP_CLEAN_HTML);
    raw.address = get_str(r, &raw, obj, "address", SP_CLEAN_HTML);
    raw.city = get_str(r, &raw, obj, "city", SP_CLEAN_HTML);
    raw.state = get_str(r, &raw, obj, "state", SP_CLEAN_HTML);
    raw.postal_code = get_str(r, &raw, obj, "postal_code", 0);
    raw.country = get_str(r, &raw, obj, "country", 0);
    raw.formatted_address = get_str(r, &raw, obj, "formatted_address", SP_CLEAN_HTML);
    raw.region = get_str(r, &raw, obj, "region", SP_CLEAN_HTML);
    raw.sub_region = get_str(r, &raw, obj, "sub_region", SP_CLEAN_HTML);
    if (!raw.region && json_object_object_get_ex(obj, "regions", &v) &&
        json_object_is_type(v, json_type_array)) {
        size_t n = json_object_array_length(v);
        for (size_t i = 0; i < n && i < 2; i++) {
            struct json_object *e = json_object_array_get_idx(v, i);
            const char *s;
            if (!json_object_is_type(e, json_type_string))
                continue;
            s = sp_reader_text(r, &raw, "regions", json_object_get_string(e),
                               (size_t)json_object_get_string_len(e), SP_CLEAN_HTML);
            if (i == 0)
                raw.region = s;
            else if (!raw.sub_region)
                raw.sub_region = s;
        }
    }
    raw.location_notes = get_str(r, &raw, obj, "location_notes",
                                 SP_CLEAN_HTML | SP_CLEAN_MULTILINE);
    raw.conference_url = get_str(r, &raw, obj, "conference_url", 0);
    raw.conference_url_notes = get_str(r, &raw, obj, "conference_url_notes", SP_CLEAN_HTML);
    raw.conference_phone = get_str(r, &raw, obj, "conference_phone", 0);
    raw.conference_phone_notes = get_str(r, &raw, obj, "conference_phone_notes",
                                         SP_CLEAN_HTML);
    read_types(r, &raw, obj);
    sp_reader_finish(r, &raw);
}

struct span {
    size_t start, end;  /* one element: data[start..end) */
    int line;           /* where it starts */
};

/* Split a top-level array of objects into element spans; false if the text is not
   plainly that (then nothing is read this way). */
static bool split_array(const char *data, size_t len, GArray *spans)
{
    size_t i = 0;
    int line = 1;

#define SKIP_WS() \
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || \
                       data[i] == '\n')) { if (data[i] == '\n') line++; i++; }

    SKIP_WS();
    if (i >= len || data[i] != '[')
        return false;
    i++;
    SKIP_WS();
    if (i < len && data[i] == ']') {
        i++;
        SKIP_WS();
        return i == len;
    }
    for (;;) {
        struct span sp;
        int depth = 0;
        bool in_str = false;

        if (i >= len || data[i] != '{')
            return false;
        sp.start = i;
        sp.line = line;
        for (; i < len; i++) {
            char c = data[i];
            if (c == '\n')
                line++;
            if (in_str) {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    in_str = false;
            } else if (c == '"') {
                in_str = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    i++;
                    break;
                }
            }
        }
        if (depth != 0)
            return false;
        sp.end = i;
        g_array_append_val(spans, sp);
        SKIP_WS();
        if (i < len && data[i] == ',') {
            i++;
            SKIP_WS();
            continue;
        }
        if (i < len && data[i] == ']') {
            i++;
            SKIP_WS();
            return i == len;
        }
        return false;
    }
#undef SKIP_WS
}

static struct json_object *parse_span(struct json_tokener *tok, const char *data,
                                      const struct span *sp)
{
    struct json_object *obj;

    json_tokener_reset(tok);
    obj = json_tokener_parse_ex(tok, data + sp->start, (int)(sp->end - sp->start));
    if (obj && (json_tokener_get_error(tok) != json_tokener_success ||
                json_tokener_get_parse_end(tok) != sp->end - sp->start ||
                !json_object_is_type(obj, json_type_object))) {
        json_object_put(obj);
        obj = NULL;
    }
    return obj;
}

/* Undo what reading some records added, before the whole-text fallback reads again. */
static void roll_back(struct sp_reader *r, size_t n, size_t nrejected, size_t ndiag,
                      size_t nproblems)
{
    r->dir->n = n;  /* meetings live in the arena: nothing to free */
    r->dir->nrejected = nrejected;
    for (size_t i = ndiag; i < r->diag->n; i++) {
        free(r->diag->v[i].file);
        free(r->diag->v[i].msg);
    }
    r->diag->n = ndiag;
    r->diag->nproblems = nproblems;
    g_hash_table_remove_all(r->reported);
    g_hash_table_remove_all(r->slugs);
}

int sp_json_each_record(struct sp_reader *r, const char *data, size_t len,
                        sp_json_record_fn fn, void *ctx)
{
    GArray *spans = g_array_new(FALSE, FALSE, sizeof(struct span));
    struct json_tokener *tok = NULL;
    size_t n = r->dir->n, nrejected = r->dir->nrejected;
    size_t ndiag = r->diag->n, nproblems = r->diag->nproblems;
    int ok = len <= INT_MAX && split_array(data, len, spans);

    if (ok)
        tok = json_tokener_new_ex(64);
    ok = ok && tok;
    for (guint i = 0; ok && i < spans->len; i++) {
        const struct span *sp = &g_array_index(spans, struct span, i);
        struct json_object *obj = parse_span(tok, data, sp);
        if (!obj) {
            /* malformed or not an object: read nothing this way */
            roll_back(r, n, nrejected, ndiag, nproblems);
            ok = 0;
            break;
        }
        fn(r, obj, sp->line, (int)i + 1, ctx);
        json_object_put(obj);
    }
    if (tok)
        json_tokener_free(tok);
    g_array_free(spans, TRUE);
    return ok;
}

static void each_record(struct sp_reader *r, struct json_object *obj, int line, int record,
                        void *ctx)
{
    (void)ctx;
    read_record(r, obj, line, record);
}

int sp_read_mg_json(struct sp_reader *r, const char *data, size_t len, struct sp_error *err)
{
    struct json_object *root, *arr;
    int *lines;
    size_t nlines, n;
    const char *key = NULL;

    if (sp_json_each_record(r, data, len, each_record, NULL))
        return 0;
    root = sp_json_parse(r, r->file, data, len, err);
    if (!root)
        return -1;
    arr = root;
    if (json_object_is_type(root, json_type_object)) {
        /* some feeds wrap the array: {"meetings": [...]} */
        if (json_object_object_get_ex(root, "meetings", &arr) &&
            json_object_is_type(arr, json_type_array)) {
            key = "meetings";
        } else {
            json_object_put(root);
            return sp_error_set(err, SP_ERR_INPUT, r->file, 1, 1,
                                "expected an array of meetings, not an object");
        }
    } else if (!json_object_is_type(root, json_type_array)) {
        const char *tn = type_name(root);
        json_object_put(root);
        return sp_error_set(err, SP_ERR_INPUT, r->file, 1, 1,
                            "expected an array of meetings, not %s", tn);
    }
    lines = sp_json_record_lines(data, len, key, &nlines);
    n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++)
        read_record(r, json_object_array_get_idx(arr, i), i < nlines ? lines[i] : 0,
                    (int)i + 1);
    g_free(lines);
    json_object_put(root);
    return 0;
}
