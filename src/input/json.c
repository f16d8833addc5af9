/*
 * json.c - the JSON side of reading directories: one scanner that splits the records
 * array and knows where each record starts, a strict decoder for one record, and json-c
 * for whatever the decoder refuses (json-c reports errors exactly, as a byte offset).
 *
 * Owns: the decoded values (in the reader's scratch arena, reset between records).
 * Must not: print.  The decoder is ours because a json-c tree costs a malloc per value
 * and a hash table per object, most of the time of a 5,000-meeting check; json-c stays
 * the judge of what is malformed.
 */
#include <json-c/json.h>
#include <limits.h>
#include <string.h>

#include "normalize.h"
#include "readers.h"

#define MAX_DEPTH 32   /* deeper records go to json-c (depth 64) */

const char *sp_json_type_name(enum sp_jtype t)
{
    switch (t) {
    case SP_JSON_OBJECT: return "an object";
    case SP_JSON_ARRAY:  return "an array";
    case SP_JSON_BOOL:   return "a boolean";
    case SP_JSON_NUMBER: return "a number";
    case SP_JSON_STRING: return "a string";
    case SP_JSON_NULL:   break;
    }
    return "null";
}

const struct sp_jval *sp_json_get(const struct sp_jval *obj, const char *key)
{
    size_t kl = strlen(key);
    const struct sp_jval *found = NULL;

    if (!obj || obj->type != SP_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (obj->members[i].keylen == kl && !memcmp(obj->members[i].key, key, kl))
            found = &obj->members[i].val;
    return found;
}

/* ---- the scanner: structure and lines only ---- */

struct scan {
    const char *d;
    size_t len, i;
    int line;
    size_t bol;       /* where the current line begins */
};

static void skip_ws(struct scan *s)
{
    while (s->i < s->len) {
        char c = s->d[s->i];
        if (c == '\n') {
            s->line++;
            s->bol = s->i + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            break;
        }
        s->i++;
    }
}

/* Step over one string (s->i at its opening quote).  Most strings have no escape and no
   line break: memchr finds their end. */
static bool skip_string(struct scan *s)
{
    const char *q = memchr(s->d + s->i + 1, '"', s->len - s->i - 1);
    size_t n;

    if (q) {
        n = (size_t)(q - (s->d + s->i + 1));
        if (!memchr(s->d + s->i + 1, '\\', n) && !memchr(s->d + s->i + 1, '\n', n)) {
            s->i = (size_t)(q - s->d) + 1;
            return true;
        }
    }
    for (s->i++; s->i < s->len; s->i++) {
        char c = s->d[s->i];
        if (c == '\\') {
            s->i++;
        } else if (c == '"') {
            s->i++;
            return true;
        } else if (c == '\n') {
            s->line++;
            s->bol = s->i + 1;
        }
    }
    return false;
}

/* Step over one value of any kind, nested brackets balanced; false if the text ends or
   the brackets do not match.  Scalars are taken up to the next delimiter: the decoder
   judges them. */
static bool skip_value(struct scan *s)
{
    char stack[MAX_DEPTH * 2];
    int depth = 0;

    skip_ws(s);
    if (s->i >= s->len)
        return false;
    do {
        char c;
        skip_ws(s);
        if (s->i >= s->len)
            return false;
        c = s->d[s->i];
        if (c == '"') {
            if (!skip_string(s))
                return false;
        } else if (c == '{' || c == '[') {
            if (depth == (int)sizeof stack)
                return false;
            stack[depth++] = c == '{' ? '}' : ']';
            s->i++;
        } else if (c == '}' || c == ']') {
            if (!depth || stack[depth - 1] != c)
                return false;
            depth--;
            s->i++;
        } else if (c == ',' || c == ':') {
            if (!depth)
                return false;
            s->i++;
        } else {
            size_t start = s->i;
            while (s->i < s->len && !strchr(",:{}[]\" \t\r\n", s->d[s->i]))
                s->i++;
            if (s->i == start)
                return false;
        }
    } while (depth);
    return true;
}

struct span {
    size_t start, end;  /* data[start..end) */
    int line;           /* where it starts */
    size_t bol;         /* the start of that line */
};

struct split {
    GArray *records;    /* struct span */
    GArray *members;    /* wrapped: struct span of each other member's value, with keys */
    GPtrArray *keys;    /* wrapped: the key (g_strndup) of each entry of members */
    bool wrapped;
};

/* Split the array at s->i (its '[') into element spans. */
static bool split_array(struct scan *s, GArray *out)
{
    s->i++;
    skip_ws(s);
    if (s->i < s->len && s->d[s->i] == ']') {
        s->i++;
        return true;
    }
    for (;;) {
        struct span sp;
        skip_ws(s);
        sp.start = s->i;
        sp.line = s->line;
        sp.bol = s->bol;
        if (!skip_value(s))
            return false;
        sp.end = s->i;
        g_array_append_val(out, sp);
        skip_ws(s);
        if (s->i < s->len && s->d[s->i] == ',') {
            s->i++;
            continue;
        }
        if (s->i < s->len && s->d[s->i] == ']') {
            s->i++;
            return true;
        }
        return false;
    }
}

/* A top-level array, or an object with a "meetings" array: 0, else -1 (the caller then
   lets json-c say what is wrong).  Text after the value is reported and ignored. */
static int split_text(struct sp_reader *r, struct split *out)
{
    struct scan s = { r->data, r->len, 0, 1, 0 };
    bool ok = false;

    skip_ws(&s);
    if (s.i < s.len && s.d[s.i] == '[') {
        ok = split_array(&s, out->records);
    } else if (s.i < s.len && s.d[s.i] == '{') {
        bool have = false;
        s.i++;
        skip_ws(&s);
        ok = s.i < s.len && s.d[s.i] == '}';
        if (ok)
            s.i++;
        while (!ok && s.i < s.len && s.d[s.i] == '"') {
            size_t k0 = s.i + 1;
            struct span sp;
            char *key;
            if (!skip_string(&s))
                return -1;
            key = g_strndup(s.d + k0, s.i - 1 - k0);
            skip_ws(&s);
            if (s.i >= s.len || s.d[s.i] != ':') {
                g_free(key);
                return -1;
            }
            s.i++;
            skip_ws(&s);
            if (!strcmp(key, "meetings") && s.i < s.len && s.d[s.i] == '[') {
                g_free(key);
                if (have || !split_array(&s, out->records))
                    return -1;
                have = true;
            } else {
                sp.start = s.i;
                sp.line = s.line;
                sp.bol = s.bol;
                if (!skip_value(&s)) {
                    g_free(key);
                    return -1;
                }
                sp.end = s.i;
                g_array_append_val(out->members, sp);
                g_ptr_array_add(out->keys, key);
            }
            skip_ws(&s);
            if (s.i < s.len && s.d[s.i] == ',') {
                s.i++;
                skip_ws(&s);
            } else if (s.i < s.len && s.d[s.i] == '}') {
                s.i++;
                ok = true;
            } else {
                return -1;
            }
        }
        if (!have)
            return -1;
        out->wrapped = true;
    }
    if (!ok)
        return -1;
    skip_ws(&s);
    if (s.i < s.len) {
        int line, col;
        sp_text_position(r->data, r->len, s.i, &line, &col);
        sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                    "text after the end of the JSON ignored");
    }
    return 0;
}

/* ---- the decoder: strict JSON (RFC 8259) for one value ---- */

struct dec {
    const char *d;
    size_t end, i;
    struct sp_arena *mem;
    int depth;
};

static void dws(struct dec *x)
{
    while (x->i < x->end &&
           (x->d[x->i] == ' ' || x->d[x->i] == '\t' || x->d[x->i] == '\r' ||
            x->d[x->i] == '\n'))
        x->i++;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            v |= (c | 0x20) - 'a' + 10;
        else
            return -1;
    }
    return v;
}

static bool dstring(struct dec *x, const char **out, size_t *outlen)
{
    size_t start = ++x->i;
    bool esc = false;
    char *buf, *w;

    /* Step 1: find the end; most strings have no escapes and are used where they are.
       Raw control characters are let through, as json-c does. */
    {
        const char *q = memchr(x->d + x->i, '"', x->end - x->i);
        if (q && !memchr(x->d + x->i, '\\', (size_t)(q - (x->d + x->i))))
            x->i = (size_t)(q - x->d);  /* no escape: the first quote ends it */
    }
    for (; x->i < x->end && x->d[x->i] != '"'; x->i++) {
        if (x->d[x->i] == '\\') {
            esc = true;  /* a backslash: step over what it escapes */
            x->i++;
        }
    }
    if (x->i >= x->end)
        return false;
    if (!esc) {
        *out = x->d + start;
        *outlen = x->i - start;
        x->i++;
        return true;
    }

    /* Step 2: decode the escapes into the scratch arena (never longer than the text) */
    buf = w = sp_arena_alloc_uninit(x->mem, x->i - start + 1);
    for (size_t k = start; k < x->i; k++) {
        char c = x->d[k];
        int cp, lo;
        if (c != '\\') {
            *w++ = c;
            continue;
        }
        c = x->d[++k];
        switch (c) {
        case '"': case '\\': case '/': *w++ = c; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u':
            if (k + 4 >= x->i || (cp = hex4(x->d + k + 1)) < 0)
                return false;
            k += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && k + 6 < x->i && x->d[k + 1] == '\\' &&
                x->d[k + 2] == 'u' && (lo = hex4(x->d + k + 3)) >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD;  /* a lone surrogate */
            }
            w += g_unichar_to_utf8((gunichar)cp, w);
            break;
        default:
            return false;
        }
    }
    *w = '\0';
    *out = buf;
    *outlen = (size_t)(w - buf);
    x->i++;
    return true;
}

static bool dnumber(struct dec *x)
{
    size_t i = x->i;
    const char *d = x->d;

    if (i < x->end && d[i] == '-')
        i++;
    if (i < x->end && d[i] == '0') {
        i++;
    } else if (i < x->end && d[i] >= '1' && d[i] <= '9') {
        while (i < x->end && g_ascii_isdigit(d[i]))
            i++;
    } else {
        return false;
    }
    if (i < x->end && d[i] == '.') {
        size_t f = ++i;
        while (i < x->end && g_ascii_isdigit(d[i]))
            i++;
        if (i == f)
            return false;
    }
    if (i < x->end && (d[i] == 'e' || d[i] == 'E')) {
        size_t e;
        i++;
        if (i < x->end && (d[i] == '+' || d[i] == '-'))
            i++;
        e = i;
        while (i < x->end && g_ascii_isdigit(d[i]))
            i++;
        if (i == e)
            return false;
    }
    x->i = i;
    return true;
}

static bool dvalue(struct dec *x, struct sp_jval *v);

/* Elements or members are gathered in a small array first, then copied once. */
static bool dcontainer(struct dec *x, struct sp_jval *v, bool object)
{
    struct sp_jmember local[24], *tmp = local;
    size_t n = 0, cap = G_N_ELEMENTS(local);
    bool ok = false;

    if (++x->depth > MAX_DEPTH)
        return false;
    x->i++;
    dws(x);
    if (x->i < x->end && x->d[x->i] == (object ? '}' : ']')) {
        x->i++;
        ok = true;
    }
    while (!ok) {
        struct sp_jmember m = { NULL, 0, { 0 } };
        if (n == cap) {
            struct sp_jmember *bigger = sp_arena_alloc_uninit(x->mem, 2 * cap * sizeof *tmp);
            memcpy(bigger, tmp, n * sizeof *tmp);
            tmp = bigger;
            cap *= 2;
        }
        dws(x);
        if (object) {
            if (x->i >= x->end || x->d[x->i] != '"' || !dstring(x, &m.key, &m.keylen))
                break;
            dws(x);
            if (x->i >= x->end || x->d[x->i] != ':')
                break;
            x->i++;
        }
        if (!dvalue(x, &m.val))
            break;
        tmp[n++] = m;
        dws(x);
        if (x->i < x->end && x->d[x->i] == ',') {
            x->i++;
            continue;
        }
        if (x->i < x->end && x->d[x->i] == (object ? '}' : ']')) {
            x->i++;
            ok = true;
        }
        break;
    }
    if (!ok)
        return false;
    x->depth--;
    v->type = object ? SP_JSON_OBJECT : SP_JSON_ARRAY;
    v->n = n;
    if (object) {
        v->members = sp_arena_alloc_uninit(x->mem, (n ? n : 1) * sizeof *v->members);
        memcpy(v->members, tmp, n * sizeof *tmp);
    } else {
        v->items = sp_arena_alloc_uninit(x->mem, (n ? n : 1) * sizeof *v->items);
        for (size_t k = 0; k < n; k++)
            v->items[k] = tmp[k].val;
    }
    return true;
}

static bool dvalue(struct dec *x, struct sp_jval *v)
{
    static const struct { const char *word; size_t len; enum sp_jtype t; } lits[] = {
        { "true", 4, SP_JSON_BOOL }, { "false", 5, SP_JSON_BOOL }, { "null", 4, SP_JSON_NULL },
    };
    char c;

    memset(v, 0, sizeof *v);
    dws(x);
    if (x->i >= x->end)
        return false;
    c = x->d[x->i];
    if (c == '"') {
        v->type = SP_JSON_STRING;
        return dstring(x, &v->s, &v->len);
    }
    if (c == '{' || c == '[')
        return dcontainer(x, v, c == '{');
    if (c == '-' || g_ascii_isdigit(c)) {
        size_t start = x->i;
        if (!dnumber(x))
            return false;
        v->type = SP_JSON_NUMBER;
        v->s = x->d + start;
        v->len = x->i - start;
        return true;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(lits); k++)
        if (x->end - x->i >= lits[k].len && !memcmp(x->d + x->i, lits[k].word, lits[k].len)) {
            v->type = lits[k].t;
            v->s = lits[k].word;
            v->len = lits[k].len;
            x->i += lits[k].len;
            return true;
        }
    return false;
}

/* Decode data[start..end) as exactly one value. */
static bool decode(const char *data, size_t start, size_t end, struct sp_arena *mem,
                   struct sp_jval *out)
{
    struct dec x = { data, end, start, mem, 0 };

    if (!dvalue(&x, out))
        return false;
    dws(&x);
    return x.i == end;
}

/* ---- the scanner and the decoder together: a top-level array read in one pass ---- */

/* Count the line breaks in data[from..to) into s (memchr: most values have none). */
static void count_lines(struct scan *s, size_t from, size_t to)
{
    const char *p = s->d + from, *end = s->d + to, *nl;

    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        s->line++;
        s->bol = (size_t)(nl - s->d) + 1;
        p = nl + 1;
    }
}

/* Does another value start on the same line after data[i] (past blanks and a comma)? */
static bool next_on_line(const struct scan *s, size_t i)
{
    for (; i < s->len; i++) {
        char c = s->d[i];
        if (c == '\n')
            return false;
        if (c != ' ' && c != '\t' && c != '\r' && c != ',')
            return c != ']';
    }
    return false;
}

/*
 * Read a top-level array of records in one pass: each element is decoded where it
 * stands (the decoder finds its end; the lines it spans are counted), and read at once.
 * Returns 0 when the whole text was read so, -1 when it is not plainly a top-level array
 * or an element is malformed (then nothing read is kept: the caller starts again on the
 * slow path, which reports errors exactly).
 */
static int read_array_stream(struct sp_reader *r, sp_json_record_fn fn, void *ctx)
{
    struct scan s = { r->data, r->len, 0, 1, 0 };
    int prev_line = -1, record = 0;

    skip_ws(&s);
    if (s.i >= s.len || s.d[s.i] != '[')
        return -1;
    s.i++;
    skip_ws(&s);
    if (s.i < s.len && s.d[s.i] == ']') {
        s.i++;
    } else {
        for (;;) {
            struct dec x = { s.d, s.len, s.i, &r->scratch, 0 };
            struct sp_jval v;
            size_t start = s.i, bol = s.bol;
            int line = s.line, col = 0;
            if (!dvalue(&x, &v))
                return -1;
            count_lines(&s, start, x.i);
            s.i = x.i;
            if (line == prev_line || next_on_line(&s, s.i)) {
                col = -1;  /* records share the line: the column says which */
                r->rec_offset = start;
                r->rec_bol = bol;
            }
            prev_line = s.line;
            fn(r, &v, line, col, ++record, ctx);
            if (r->scratch.used_total > 256 * 1024)
                sp_arena_free(&r->scratch);
            sp_reader_done_before(r, bol);
            skip_ws(&s);
            if (s.i < s.len && s.d[s.i] == ',') {
                s.i++;
                skip_ws(&s);
                continue;
            }
            if (s.i < s.len && s.d[s.i] == ']') {
                s.i++;
                break;
            }
            return -1;
        }
    }
    skip_ws(&s);
    if (s.i < s.len) {
        /* counted from the scanner's line, not from the start (pages given back) */
        int line, col;
        sp_text_position(r->data + s.bol, r->len - s.bol, s.i - s.bol, &line, &col);
        sp_diag_add(r->diag, SP_WARNING, r->file, s.line + line - 1, col,
                    "text after the end of the JSON ignored");
    }
    return 0;
}

/* ---- json-c: what the decoder refused ---- */

static void from_jsonc(struct json_object *o, struct sp_arena *mem, struct sp_jval *v)
{
    memset(v, 0, sizeof *v);
    switch (json_object_get_type(o)) {
    case json_type_null:
        v->type = SP_JSON_NULL;
        break;
    case json_type_boolean:
    case json_type_int:
    case json_type_double:
    case json_type_string: {
        const char *s = json_object_get_string(o);
        v->type = json_object_is_type(o, json_type_boolean) ? SP_JSON_BOOL :
                  json_object_is_type(o, json_type_string) ? SP_JSON_STRING : SP_JSON_NUMBER;
        v->len = json_object_is_type(o, json_type_string) ?
                 (size_t)json_object_get_string_len(o) : strlen(s);
        v->s = sp_arena_strndup(mem, s, v->len);
        break;
    }
    case json_type_array:
        v->type = SP_JSON_ARRAY;
        v->n = json_object_array_length(o);
        v->items = sp_arena_alloc(mem, (v->n ? v->n : 1) * sizeof *v->items);
        for (size_t i = 0; i < v->n; i++)
            from_jsonc(json_object_array_get_idx(o, i), mem, &v->items[i]);
        break;
    case json_type_object: {
        size_t i = 0;
        v->type = SP_JSON_OBJECT;
        v->n = (size_t)json_object_object_length(o);
        v->members = sp_arena_alloc(mem, (v->n ? v->n : 1) * sizeof *v->members);
        json_object_object_foreach(o, key, val) {
            v->members[i].key = sp_arena_strdup(mem, key);
            v->members[i].keylen = strlen(key);
            from_jsonc(val, mem, &v->members[i].val);
            i++;
        }
        break;
    }
    }
}

/* Parse data[start..end) with json-c into *out; false if json-c refuses it too. */
static bool decode_jsonc(const char *data, size_t start, size_t end, struct sp_arena *mem,
                         struct sp_jval *out)
{
    struct json_tokener *tok = json_tokener_new_ex(64);
    struct json_object *obj;
    bool ok;

    if (!tok || end - start > INT_MAX) {
        if (tok)
            json_tokener_free(tok);
        return false;
    }
    obj = json_tokener_parse_ex(tok, data + start, (int)(end - start));
    ok = obj && json_tokener_get_error(tok) == json_tokener_success &&
         json_tokener_get_parse_end(tok) == end - start;
    if (ok)
        from_jsonc(obj, mem, out);
    json_object_put(obj);
    json_tokener_free(tok);
    return ok;
}

/* Parse a whole text with json-c: NULL with *err at the line:col of the failure. */
static struct json_object *parse_whole(struct sp_reader *r, const char *file, const char *data,
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
        json_object_put(root);
        json_tokener_free(tok);
        if (jerr == json_tokener_continue || jerr == json_tokener_success) {
            /* ran out of text: point at the end */
            sp_text_position(data, len, len, &line, &col);
            return sp_error_set(err, SP_ERR_INPUT, file, line, col, blank ? "empty file" :
                                "malformed JSON: unexpected end of file"), NULL;
        }
        sp_text_position(data, len, off, &line, &col);
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

int sp_json_read_text(struct sp_reader *r, const char *file, const char *data, size_t len,
                      struct sp_arena *mem, struct sp_jval *out, struct sp_error *err)
{
    struct json_object *root;
    size_t start = 0, end = len;

    while (start < end && strchr(" \t\r\n", data[start]))
        start++;
    while (end > start && strchr(" \t\r\n", data[end - 1]))
        end--;
    if (start < end && decode(data, start, end, mem, out))
        return 0;
    root = parse_whole(r, file, data, len, err);
    if (!root)
        return -1;
    from_jsonc(root, mem, out);
    json_object_put(root);
    return 0;
}

/* ---- fields ---- */

const char *sp_json_text(struct sp_reader *r, const struct sp_raw *raw, const char *key,
                         const struct sp_jval *v, unsigned flags)
{
    if (!v)
        return NULL;
    switch (v->type) {
    case SP_JSON_STRING:
        return sp_reader_text(r, raw, key, v->s, v->len, flags);
    case SP_JSON_NUMBER:
        return sp_reader_text(r, raw, key, v->s, v->len, 0);
    case SP_JSON_NULL:
        return NULL;
    default:
        sp_reader_report(r, raw, SP_WARNING, "%s: '%s' should be a string, not %s; ignored",
                         sp_reader_subject(r, raw, false), key, sp_json_type_name(v->type));
        return NULL;
    }
}

void sp_json_fields(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *obj,
                    const struct sp_field *table, size_t n)
{
    const struct sp_jval *slot[64] = { NULL };

    g_assert(n <= G_N_ELEMENTS(slot));
    /* Step 1: each member to its field (the last of repeated keys wins, as in json-c) */
    for (size_t i = 0; i < obj->n; i++) {
        const struct sp_jmember *m = &obj->members[i];
        for (size_t k = 0; k < n; k++)
            if (table[k].key[0] == m->key[0] && !strncmp(table[k].key, m->key, m->keylen) &&
                table[k].key[m->keylen] == '\0') {
                slot[k] = &m->val;
                break;
            }
    }
    /* Step 2: the fields in table order */
    for (size_t k = 0; k < n; k++) {
        if (!slot[k])
            continue;
        if (table[k].read)
            table[k].read(r, raw, slot[k]);
        else
            *(const char **)(void *)((char *)raw + table[k].off) =
                sp_json_text(r, raw, table[k].key, slot[k], table[k].flags);
    }
}

/* ---- records ---- */

/* Undo what reading some records added, before the whole-text parse reports the error. */
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
    g_hash_table_remove_all(r->slugs);
}

/* Records read from a json-c tree (JSON the scanner did not take: unusual but valid). */
static int read_tree(struct sp_reader *r, const char *noun, sp_json_record_fn fn,
                     sp_json_member_fn member_fn, void *ctx, struct sp_error *err)
{
    struct json_object *root = parse_whole(r, r->file, r->data, r->len, err);
    struct sp_jval v;
    const struct sp_jval *arr;

    if (!root)
        return -1;
    from_jsonc(root, &r->scratch, &v);
    json_object_put(root);
    arr = &v;
    if (v.type == SP_JSON_OBJECT) {
        arr = sp_json_get(&v, "meetings");
        if (!arr || arr->type != SP_JSON_ARRAY)
            return sp_error_set(err, SP_ERR_INPUT, r->file, 1, 1,
                                "expected an array of %s, not an object", noun);
        for (size_t i = 0; member_fn && i < v.n; i++)
            if (strcmp(v.members[i].key, "meetings"))
                member_fn(r, v.members[i].key, &v.members[i].val, ctx);
    } else if (v.type != SP_JSON_ARRAY) {
        return sp_error_set(err, SP_ERR_INPUT, r->file, 1, 1, "expected an array of %s, not %s",
                            noun, sp_json_type_name(v.type));
    }
    for (size_t i = 0; i < arr->n; i++)
        fn(r, &arr->items[i], 0, 0, (int)i + 1, ctx);
    return 0;
}

int sp_json_read_records(struct sp_reader *r, const char *noun, sp_json_record_fn fn,
                         sp_json_member_fn member_fn, void *ctx, struct sp_error *err)
{
    struct split sp = { g_array_new(FALSE, FALSE, sizeof(struct span)),
                        g_array_new(FALSE, FALSE, sizeof(struct span)),
                        g_ptr_array_new_with_free_func(g_free), false };
    size_t n = r->dir->n, nrejected = r->dir->nrejected;
    size_t ndiag = r->diag->n, nproblems = r->diag->nproblems;
    int rc = 0;
    bool whole;

    /* Step 0: most feeds are a plain array of records: read in one pass */
    if (read_array_stream(r, fn, ctx) == 0) {
        sp_arena_free(&r->scratch);
        g_array_free(sp.records, TRUE);
        g_array_free(sp.members, TRUE);
        g_ptr_array_free(sp.keys, TRUE);
        return 0;
    }
    roll_back(r, n, nrejected, ndiag, nproblems);
    whole = split_text(r, &sp) != 0;

    /* Step 1: the other members of a wrapped feed (BMLT "formats") */
    for (guint i = 0; !whole && member_fn && i < sp.members->len; i++) {
        const struct span *s = &g_array_index(sp.members, struct span, i);
        struct sp_jval v;
        if (decode(r->data, s->start, s->end, &r->scratch, &v) ||
            decode_jsonc(r->data, s->start, s->end, &r->scratch, &v))
            member_fn(r, g_ptr_array_index(sp.keys, i), &v, ctx);
        else
            whole = true;
    }

    /* Step 2: each record on its own; one that neither decoder takes means the text is
       malformed, and json-c's whole-text parse says where */
    for (guint i = 0; !whole && i < sp.records->len; i++) {
        const struct span *s = &g_array_index(sp.records, struct span, i);
        const struct span *prev = i ? s - 1 : NULL;
        const struct span *next = i + 1 < sp.records->len ? s + 1 : NULL;
        struct sp_jval v;
        int col = 0;

        if (!decode(r->data, s->start, s->end, &r->scratch, &v) &&
            !decode_jsonc(r->data, s->start, s->end, &r->scratch, &v)) {
            whole = true;
            break;
        }
        if ((prev && prev->line == s->line) || (next && next->line == s->line)) {
            /* records share the line (one-line JSON): the column will say which */
            col = -1;
            r->rec_offset = s->start;
            r->rec_bol = s->bol;
        }
        fn(r, &v, s->line, col, (int)i + 1, ctx);
        if (r->scratch.used_total > 256 * 1024)
            sp_arena_free(&r->scratch);
    }
    if (whole) {
        roll_back(r, n, nrejected, ndiag, nproblems);
        rc = read_tree(r, noun, fn, member_fn, ctx, err);
    }
    sp_arena_free(&r->scratch);
    g_array_free(sp.records, TRUE);
    g_array_free(sp.members, TRUE);
    g_ptr_array_free(sp.keys, TRUE);
    return rc;
}
