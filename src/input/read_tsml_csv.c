/*
 * read_tsml_csv.c - TSML (12 Step Meeting List) CSV into raw records, with libcsv.
 *
 * Owns: the column map and the row being read.  Must not: print.  libcsv has no
 * positions, so the text is fed one physical line at a time and each row keeps the
 * line on which it started.
 */
#include <csv.h>
#include <string.h>

#include "normalize.h"
#include "readers.h"

enum col {
    COL_NONE = -1, COL_TIME, COL_END, COL_DAY, COL_NAME, COL_LOCATION, COL_ADDRESS, COL_CITY,
    COL_STATE, COL_POSTAL, COL_COUNTRY, COL_TYPES, COL_REGION, COL_SUBREGION, COL_NOTES,
    COL_CONFURL, COL_CONFURLNOTES, COL_CONFPHONE, COL_CONFPHONENOTES, COL_GROUP,
    COL_UPDATED, COL_SLUG, COL_FELLOWSHIP, COL_LOCNOTES, COL_FADDR, COL_TZ, COL_ATTEND,
    NCOLS
};

/* Header names with case, spaces, '_' and '-' removed. */
static const struct { const char *key; enum col col; } headers[] = {
    { "time", COL_TIME }, { "starttime", COL_TIME }, { "endtime", COL_END },
    { "day", COL_DAY }, { "days", COL_DAY }, { "weekday", COL_DAY },
    { "name", COL_NAME }, { "meetingname", COL_NAME },
    { "location", COL_LOCATION }, { "locationname", COL_LOCATION }, { "venue", COL_LOCATION },
    { "address", COL_ADDRESS }, { "streetaddress", COL_ADDRESS }, { "street", COL_ADDRESS },
    { "city", COL_CITY }, { "town", COL_CITY }, { "state", COL_STATE }, { "county", COL_STATE },
    { "postalcode", COL_POSTAL }, { "postcode", COL_POSTAL }, { "zip", COL_POSTAL },
    { "zipcode", COL_POSTAL }, { "country", COL_COUNTRY },
    { "types", COL_TYPES }, { "type", COL_TYPES }, { "meetingtypes", COL_TYPES },
    { "region", COL_REGION }, { "subregion", COL_SUBREGION }, { "notes", COL_NOTES },
    { "meetingnotes", COL_NOTES }, { "conferenceurl", COL_CONFURL },
    { "conferenceurlnotes", COL_CONFURLNOTES }, { "conferencephone", COL_CONFPHONE },
    { "conferencephonenotes", COL_CONFPHONENOTES }, { "group", COL_GROUP },
    { "groupname", COL_GROUP }, { "updated", COL_UPDATED }, { "lastupdated", COL_UPDATED },
    { "slug", COL_SLUG }, { "id", COL_SLUG }, { "fellowship", COL_FELLOWSHIP },
    { "locationnotes", COL_LOCNOTES }, { "formattedaddress", COL_FADDR },
    { "fulladdress", COL_FADDR }, { "timezone", COL_TZ }, { "attendanceoption", COL_ATTEND },
    { "attendance", COL_ATTEND },
};

struct field {
    char *s;
    size_t len;
};

struct csv_state {
    struct sp_reader *r;
    struct sp_error *err;
    struct field *fields;
    size_t nfields, cap;
    int colmap[NCOLS];      /* column index for each enum col, or -1 */
    size_t nheader;
    bool have_header;
    int row_line;           /* physical line where the current row started */
    int nrows;              /* data rows so far */
    bool row_ended;         /* a row ended while feeding the current line */
    bool fatal;
};

static void on_field(void *s, size_t len, void *data)
{
    struct csv_state *st = data;

    if (st->nfields == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->fields = xrealloc(st->fields, st->cap * sizeof *st->fields);
    }
    st->fields[st->nfields].s = xstrndup(s ? s : "", len);
    st->fields[st->nfields].len = len;
    st->nfields++;
}

static void clear_fields(struct csv_state *st)
{
    for (size_t i = 0; i < st->nfields; i++)
        free(st->fields[i].s);
    st->nfields = 0;
}

static enum col header_col(const char *h)
{
    char key[48];
    size_t n = 0;

    for (; *h && n < sizeof key - 1; h++) {
        unsigned char c = (unsigned char)*h;
        if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '.')
            continue;
        if (c == 0xEF && (unsigned char)h[1] == 0xBB && (unsigned char)h[2] == 0xBF) {
            h += 2;  /* a BOM left on a header cell */
            continue;
        }
        key[n++] = (char)g_ascii_tolower((char)c);
    }
    key[n] = '\0';
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
        if (!strcmp(key, headers[i].key))
            return headers[i].col;
    return COL_NONE;
}

static void read_header(struct csv_state *st)
{
    struct sp_reader *r = st->r;
    static const struct { enum col col; const char *name; } required[] = {
        { COL_NAME, "Name" }, { COL_DAY, "Day" }, { COL_TIME, "Time" },
    };

    for (int c = 0; c < NCOLS; c++)
        st->colmap[c] = -1;
    for (size_t i = 0; i < st->nfields; i++) {
        enum col c = header_col(st->fields[i].s);
        if (c != COL_NONE && st->colmap[c] < 0)
            st->colmap[c] = (int)i;
    }
    st->nheader = st->nfields;
    st->have_header = true;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (st->colmap[required[i].col] < 0) {
            sp_error_set(st->err, SP_ERR_INPUT, r->file, st->row_line, 0,
                         "no '%s' column in the header", required[i].name);
            st->fatal = true;
            return;
        }
}

static void cell_day(struct sp_reader *r, struct sp_raw *raw, const char *s)
{
    char bad[64];

    raw->days = sp_days_parse(s, bad, sizeof bad);
    if (!raw->days)
        raw->day_bad = sp_arena_strdup(r->arena, bad);
}

static void cell_types(struct sp_reader *r, struct sp_raw *raw, const char *s)
{
    char **v = g_strsplit_set(s, ",;", -1);

    for (int i = 0; v[i]; i++)
        sp_reader_add_mg_type(r, raw, v[i], true);
    g_strfreev(v);
}

#define H SP_CLEAN_HTML
#define ML (SP_CLEAN_HTML | SP_CLEAN_MULTILINE)
#define U  SP_CLEAN_UNIQUE

/* Each column's field, in the order they are read (the fellowship before the types);
   the label names the column in messages. */
static const struct {
    enum col col;
    const char *label;
    size_t off;
    unsigned flags;
    void (*read)(struct sp_reader *r, struct sp_raw *raw, const char *text);
} row_fields[] = {
    { COL_NAME, "Name", SP_RAW(name), H, NULL },
    { COL_FELLOWSHIP, "Fellowship", SP_RAW(fellowship), 0, NULL },
    { COL_SLUG, "Slug", SP_RAW(slug), U, NULL },
    { COL_GROUP, "Group", SP_RAW(group), H, NULL },
    { COL_NOTES, "Notes", SP_RAW(notes), ML, NULL },
    { COL_UPDATED, "Updated", SP_RAW(updated), U, NULL },
    { COL_TZ, "Timezone", SP_RAW(timezone), 0, NULL },
    { COL_DAY, "Day", 0, 0, cell_day },
    { COL_TIME, "Time", SP_RAW(time), 0, NULL },
    { COL_END, "End Time", SP_RAW(end_time), 0, NULL },
    { COL_ATTEND, "Attendance Option", SP_RAW(attendance), 0, NULL },
    { COL_LOCATION, "Location", SP_RAW(venue), H, NULL },
    { COL_ADDRESS, "Address", SP_RAW(address), H | U, NULL },
    { COL_CITY, "City", SP_RAW(city), H, NULL },
    { COL_STATE, "State", SP_RAW(state), H, NULL },
    { COL_POSTAL, "Postal Code", SP_RAW(postal_code), 0, NULL },
    { COL_COUNTRY, "Country", SP_RAW(country), 0, NULL },
    { COL_FADDR, "Formatted Address", SP_RAW(formatted_address), H | U, NULL },
    { COL_REGION, "Region", SP_RAW(region), H, NULL },
    { COL_SUBREGION, "Sub Region", SP_RAW(sub_region), H, NULL },
    { COL_LOCNOTES, "Location Notes", SP_RAW(location_notes), ML, NULL },
    { COL_CONFURL, "Conference URL", SP_RAW(conference_url), SP_CLEAN_MULTILINE | U, NULL },
    { COL_CONFURLNOTES, "Conference URL Notes", SP_RAW(conference_url_notes), H, NULL },
    { COL_CONFPHONE, "Conference Phone", SP_RAW(conference_phone), U, NULL },
    { COL_CONFPHONENOTES, "Conference Phone Notes", SP_RAW(conference_phone_notes), H, NULL },
    { COL_TYPES, "Types", 0, 0, cell_types },
};

#undef H
#undef ML
#undef U

static void read_row(struct csv_state *st)
{
    struct sp_reader *r = st->r;
    struct sp_raw raw;

    sp_raw_begin(r, &raw, st->row_line, 0, ++st->nrows);
    if (st->nfields != st->nheader)
        sp_reader_report(r, &raw, SP_WARNING, "row %d: %zu fields, but the header has %zu",
                         raw.record, st->nfields, st->nheader);
    for (size_t k = 0; k < G_N_ELEMENTS(row_fields); k++) {
        int i = st->colmap[row_fields[k].col];
        const char *text;
        if (i < 0 || (size_t)i >= st->nfields)
            continue;
        /* cells are pieces of the file, which was checked whole: valid UTF-8, no NUL */
        text = sp_reader_text(r, &raw, row_fields[k].label, st->fields[i].s, st->fields[i].len,
                              row_fields[k].flags | SP_CLEAN_VALID);
        if (row_fields[k].read && text)
            row_fields[k].read(r, &raw, text);
        else if (!row_fields[k].read)
            *(const char **)(void *)((char *)&raw + row_fields[k].off) = text;
    }
    sp_reader_finish(r, &raw);
    /* the row's working texts go */
    if (r->scratch.used_total > 256 * 1024)
        sp_arena_free(&r->scratch);
}

static void on_row(int term, void *data)
{
    struct csv_state *st = data;
    bool blank = true;

    (void)term;
    st->row_ended = true;
    for (size_t i = 0; i < st->nfields && blank; i++)
        for (const char *p = st->fields[i].s; *p && blank; p++)
            if (*p != ' ' && *p != '\t')
                blank = false;
    if (!st->fatal && !blank) {
        if (!st->have_header)
            read_header(st);
        else
            read_row(st);
    }
    clear_fields(st);
}

int sp_read_tsml_csv(struct sp_reader *r, const char *data, size_t len, struct sp_error *err)
{
    struct csv_parser p;
    struct csv_state st;
    const unsigned char opts = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
    size_t pos = 0;
    int line = 1;
    bool pending = false;  /* a row runs on from an earlier line */
    int rc = 0;

    memset(&st, 0, sizeof st);
    st.r = r;
    st.err = err;
    if (len && memchr(data, '\r', len) && !memchr(data, '\n', len)) {
        /* CR-only line ends (Excel for Mac's "CSV (Macintosh)"): make them LF, so rows
           have lines and a bad row costs only itself */
        char *lf = g_strndup(data, len);
        for (size_t i = 0; i < len; i++)
            if (lf[i] == '\r')
                lf[i] = '\n';
        rc = sp_read_tsml_csv(r, lf, len, err);
        g_free(lf);
        return rc;
    }
    if (csv_init(&p, opts) != 0)
        return sp_error_set(err, SP_ERR_RESOURCE, r->file, 0, 0, "out of memory");

    /* Step 1: feed one physical line at a time, so each row knows its first line */
    while (pos < len && !st.fatal) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        size_t done;

        if (!pending)
            st.row_line = line;
        st.row_ended = false;
        done = csv_parse(&p, data + pos, n, on_field, on_row, &st);
        if (done != n) {
            /* a stray quote: report it, drop the row, start afresh on the next line */
            int col = 1 + (int)g_utf8_strlen(data + pos, (gssize)done);
            sp_diag_add(r->diag, SP_PROBLEM, r->file, line, col,
                        "row %d: malformed quotes (a quote inside a quoted field must be "
                        "doubled)", st.nrows + 1);
            if (st.have_header) {
                st.nrows++;
                r->dir->nrejected++;
            }
            clear_fields(&st);
            csv_free(&p);
            csv_init(&p, opts);
            pending = false;
        } else if (st.row_ended) {
            pending = false;
        } else {
            bool blank = true;
            for (size_t i = 0; i < n && blank; i++)
                if (!strchr(" \t\r\n", data[pos + i]))
                    blank = false;
            pending = pending || !blank || st.nfields > 0;
        }
        pos += n;
        line++;
        if (!pending && data == r->data)
            sp_reader_done_before(r, pos);  /* the rows so far are read: a mapped file's
                                               pages before here are given back */
    }

    /* Step 2: the last row, and a quote that never closed */
    if (!st.fatal && csv_fini(&p, on_field, on_row, &st) != 0) {
        sp_diag_add(r->diag, SP_PROBLEM, r->file, st.row_line, 0,
                    "row %d: unbalanced quote: the quoted field runs to the end of the file",
                    st.nrows + 1);
        if (st.have_header) {
            st.nrows++;
            r->dir->nrejected++;
        }
        clear_fields(&st);
    }
    if (!st.fatal && !st.have_header)
        rc = sp_error_set(err, SP_ERR_INPUT, r->file, 0, 0, "empty file");
    if (st.fatal)
        rc = -1;
    clear_fields(&st);
    free(st.fields);
    csv_free(&p);
    return rc;
}
