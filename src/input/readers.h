/*
 * readers.h - internal: what the three readers share.  A reader fills one struct
 * sp_raw per record (through its field table) and hands it to sp_reader_finish()
 * (record.c), which normalises, validates and appends it, or reports why it cannot be
 * used.  reader.c holds the shared helpers, json.c the JSON scanner and decoder.
 *
 * Owns: nothing (the reader context is the caller's).  Must not: be included outside
 * src/input/, print, or include cairo/pango/qrencode.
 */
#ifndef SP_READERS_H
#define SP_READERS_H

#include <glib.h>

#include "directory.h"

#define SP_FIELD_MAX 65536  /* longer text fields are cut, with a warning */

struct sp_reader {
    struct sp_directory *dir;
    struct sp_arena *arena;
    struct sp_diag *diag;
    const char *file;            /* name for messages */
    const char *data;            /* the whole text (for columns), NUL-terminated */
    size_t len;
    const char *fellowship;      /* from the options, or NULL */
    const char *default_fellowship; /* the format's own (BMLT: NA), or NULL */
    const char *timezone;        /* from the options (--timezone), or NULL */
    const char *formats_path;    /* BMLT GetFormats file, or NULL */
    const char *formats_data;    /* its text when already in memory (a fetched feed), or NULL */
    size_t formats_len;
    const char *label;           /* "record" (JSON) or "row" (CSV) */
    GHashTable *slugs;           /* slug -> first line (GINT_TO_POINTER) */
    GHashTable *zones;           /* time zone name -> 1 valid, 2 invalid */
    struct sp_arena scratch;     /* JSON values of the record being read, and its types
                                    until append() interns them */
    GHashTable *type_sets;       /* interned type lists: key (g_malloc'd) -> struct sp_type
                                    array in arena; meetings with the same types share one */
    GHashTable *type_strs;       /* interned type strings: text -> its copy in arena */
    GHashTable *texts;           /* shared field texts (a set of copies in arena): meetings
                                    with the same name, venue, region or notes share one */
    size_t rec_offset, rec_bol;  /* json.c: where the record being read starts, and its line */
    size_t col_at;               /* columns are counted once along a long line: the last */
    int col_of;                  /* offset counted to, and its column */
    const char *map;             /* data is a read-only file mapping starting here (page
                                    aligned), or NULL: pages read past are given back */
    size_t map_dropped;          /* bytes from map already given back */
};

struct sp_raw {
    int line, col, record;       /* col: 0 unless records share lines (one-line JSON): then
                                    -1, and the column is counted when a message needs it */
    size_t offset, bol;          /* with col -1: where the record and its line start */
    size_t diag_start;           /* diag->n when the record was begun */
    const char *name, *slug, *group, *notes, *updated, *timezone, *fellowship;
    unsigned days;               /* SP_DAY_BIT mask, 0 if none */
    const char *day_bad;         /* a day was given but not understood: its text */
    const char *time, *end_time; /* text as given */
    bool time_number;            /* "time" was a JSON number (1900), not text */
    bool name_number;            /* "name" was a JSON number */
    int duration_min;            /* BMLT; -1 when absent */
    const char *attendance;      /* MG attendance_option as given */
    int venue_type;              /* BMLT 1/2/3; 0 when absent */
    const char *venue_type_bad;  /* BMLT venue_type given but not 1..3 */
    const char *venue, *address, *city, *state, *postal_code, *country, *formatted_address;
    const char *region, *sub_region, *location_notes;
    const char *city_subsection, *sub_province, *neighborhood;  /* BMLT, for the region */
    const char *conference_url, *conference_url_notes, *conference_phone,
               *conference_phone_notes;
    struct sp_type *types;
    size_t ntypes, captypes;
    unsigned weeks;              /* SP_WEEK_* from formats or type labels; 0 = not said */
    bool closed;                 /* TC type / format */
    bool online_format;          /* ONL type / BMLT VM */
    bool hybrid_format;          /* HY type / BMLT HY */
};

/* ---- reader.c ---- */

void sp_raw_begin(struct sp_reader *r, struct sp_raw *raw, int line, int col, int record);

/* Clean a field (see sp_text_clean) into the arena; reports repairs and cuts against
 * raw's record.  Returns NULL for absent or blank.  Unless flags has SP_CLEAN_UNIQUE, the
 * text is shared: every field with the same cleaned text gets the same copy (read only). */
const char *sp_reader_text(struct sp_reader *r, const struct sp_raw *raw, const char *field,
                           const char *s, size_t len, unsigned flags);

/* Who a message is about: "record 12" / "row 12" (named false, or no name yet), else
   "meeting 'Name'"; in one-line JSON, where a line says little, "record 812 ('slug')". */
const char *sp_reader_subject(struct sp_reader *r, const struct sp_raw *raw, bool named);

/* Report about raw's record at its line (and column). */
void sp_reader_report(struct sp_reader *r, const struct sp_raw *raw, enum sp_severity sev,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Add a Meeting Guide type code (or English label when labels_ok) to raw. */
void sp_reader_add_mg_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                           bool labels_ok);

/* Add a type with everything known (BMLT formats). */
void sp_reader_add_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                        const char *label, const char *world_id, bool known);

/* Quote a name for a message: at most 60 bytes (on a character boundary) + "...". */
const char *sp_reader_qname(struct sp_reader *r, const char *name);

/* Line and column (1-based; columns count characters) of offset in data. */
void sp_text_position(const char *data, size_t len, size_t offset, int *line, int *col);

/* The records before offset (in r->data) are read: when data is a file mapping, give its
   pages before there back to the system (in steps of a few MB), so a large file never
   needs to be resident at once.  Reading them again stays correct (they come back from the
   file), only slower. */
void sp_reader_done_before(struct sp_reader *r, size_t offset);

/* ---- record.c ---- */

/* Validate and append raw to the directory, or report it and count it rejected. */
void sp_reader_finish(struct sp_reader *r, struct sp_raw *raw);

/* ---- json.c: one scanner for positions, a strict decoder, json-c for exact errors ---- */

enum sp_jtype {
    SP_JSON_NULL = 0, SP_JSON_BOOL, SP_JSON_NUMBER, SP_JSON_STRING, SP_JSON_ARRAY,
    SP_JSON_OBJECT
};

struct sp_jmember;

/* A JSON value as the readers see it.  Text is not NUL-terminated. */
struct sp_jval {
    enum sp_jtype type;
    const char *s;               /* STRING: the decoded text; NUMBER, BOOL: as written */
    size_t len;
    size_t n;                    /* ARRAY: elements; OBJECT: members */
    struct sp_jval *items;       /* ARRAY */
    struct sp_jmember *members;  /* OBJECT, in text order */
};

struct sp_jmember {
    const char *key;
    size_t keylen;
    struct sp_jval val;
};

/* "a string", "a number", "an object", ... for messages. */
const char *sp_json_type_name(enum sp_jtype t);

/* The member of obj called key (the last one when repeated), or NULL. */
const struct sp_jval *sp_json_get(const struct sp_jval *obj, const char *key);

/* One field of a reader's table: a JSON key (or CSV column), where its text goes in
   struct sp_raw (off), how to clean it, or a function that reads it. */
struct sp_field {
    const char *key;
    size_t off;                  /* offsetof(struct sp_raw, ...); unused with read */
    unsigned flags;              /* enum sp_clean_flags */
    void (*read)(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *v);
};

#define SP_RAW(field) offsetof(struct sp_raw, field)

/*
 * Fill raw from obj through the table: each member is matched to its field, then the
 * fields are read in table order (so a reader may rely on, say, the fellowship being
 * known before the types).  Strings and numbers are text; other types are reported.
 */
void sp_json_fields(struct sp_reader *r, struct sp_raw *raw, const struct sp_jval *obj,
                    const struct sp_field *table, size_t n);

/* A string field's text (strings and numbers), or NULL with other types reported. */
const char *sp_json_text(struct sp_reader *r, const struct sp_raw *raw, const char *key,
                         const struct sp_jval *v, unsigned flags);

/* Read one record of a JSON directory: rec is any JSON value (not only an object); col is
   -1 when records share the line (r->rec_offset and r->rec_bol then say where it is). */
typedef void (*sp_json_record_fn)(struct sp_reader *r, const struct sp_jval *rec, int line,
                                  int col, int record, void *ctx);

/* Given the value of a top-level member other than "meetings" (BMLT "formats"). */
typedef void (*sp_json_member_fn)(struct sp_reader *r, const char *key,
                                  const struct sp_jval *val, void *ctx);

/*
 * Read a JSON directory: a top-level array of records, or an object holding one under
 * "meetings" (whose other members go to member_fn first, when it is not NULL).  The text
 * is split into records by one scan that also finds where each starts; each record is
 * decoded on its own, so a large directory never exists as one tree.  JSON that is not
 * plainly that shape, or malformed, is parsed whole with json-c, which reports the error
 * at its line and column (nothing read before it is kept).  noun names the records in
 * messages ("meetings", "BMLT meetings").  Returns 0, or -1 with *err.
 */
int sp_json_read_records(struct sp_reader *r, const char *noun, sp_json_record_fn fn,
                         sp_json_member_fn member_fn, void *ctx, struct sp_error *err);

/* Decode a whole JSON text (a formats file) into out, its memory in mem; a malformed
   text is an SP_ERR_INPUT error at its line:col in file.  Returns 0 or -1. */
int sp_json_read_text(struct sp_reader *r, const char *file, const char *data, size_t len,
                      struct sp_arena *mem, struct sp_jval *out, struct sp_error *err);

/* ---- the readers.  r->data is valid UTF-8, without BOM, NUL-terminated at r->len. ---- */
int sp_read_mg_json(struct sp_reader *r, struct sp_error *err);
int sp_read_bmlt(struct sp_reader *r, struct sp_error *err);
int sp_read_tsml_csv(struct sp_reader *r, const char *data, size_t len, struct sp_error *err);

#endif
