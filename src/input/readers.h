/*
 * readers.h - internal: what the three readers share.  A reader fills one struct
 * sp_raw per record and hands it to sp_reader_finish(), which normalises, validates
 * and appends it (or reports why it cannot be used).
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
    const char *fellowship;      /* from the options, or NULL */
    const char *default_fellowship;
    const char *formats_path;    /* BMLT GetFormats file, or NULL */
    const char *formats_data;    /* its text when already in memory (a fetched feed), or NULL */
    size_t formats_len;
    const char *label;           /* "record" (JSON) or "row" (CSV) */
    GHashTable *reported;        /* "kind:code" already reported in this file */
    GHashTable *slugs;           /* slug -> first line (GINT_TO_POINTER) */
    GHashTable *zones;           /* time zone name -> 1 valid, 2 invalid */
};

struct sp_raw {
    int line, record;
    const char *name, *slug, *group, *notes, *updated, *timezone, *fellowship;
    unsigned days;               /* SP_DAY_BIT mask, 0 if none */
    const char *day_bad;         /* a day was given but not understood: its text */
    const char *time, *end_time; /* text as given */
    int duration_min;            /* BMLT; -1 when absent */
    const char *attendance;      /* MG attendance_option as given */
    int venue_type;              /* BMLT 1/2/3; 0 when absent */
    const char *venue, *address, *city, *state, *postal_code, *country, *formatted_address;
    const char *region, *sub_region, *location_notes;
    const char *conference_url, *conference_url_notes, *conference_phone,
               *conference_phone_notes;
    struct sp_type *types;
    size_t ntypes, captypes;
    bool closed;                 /* TC type / format */
    bool online_format;          /* ONL type / BMLT VM */
    bool hybrid_format;          /* HY type / BMLT HY */
};

void sp_raw_init(struct sp_raw *raw, int line, int record);

/* Clean a field (see sp_text_clean) into the arena; reports repairs and cuts against
 * raw's record.  Returns NULL for absent or blank. */
const char *sp_reader_text(struct sp_reader *r, const struct sp_raw *raw, const char *field,
                           const char *s, size_t len, unsigned flags);

/* Add a Meeting Guide type code (or English label when labels_ok) to raw. */
void sp_reader_add_mg_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                           bool labels_ok);

/* Add a type with everything known (BMLT formats). */
void sp_reader_add_type(struct sp_reader *r, struct sp_raw *raw, const char *code,
                        const char *label, const char *world_id, bool known);

/* Report "kind 'what'" once per file as a warning at line; true the first time. */
bool sp_reader_once(struct sp_reader *r, const char *kind, const char *what, int line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Validate and append raw to the directory, or report it and count it rejected. */
void sp_reader_finish(struct sp_reader *r, struct sp_raw *raw);

/* Quote a name for a message: at most 60 bytes (on a character boundary) + "...". */
const char *sp_reader_qname(struct sp_reader *r, const char *name);

/* ---- JSON helpers shared by the two JSON readers (no json-c types here) ---- */

/* Line and column (1-based, bytes) of offset in data. */
void sp_text_position(const char *data, size_t len, size_t offset, int *line, int *col);

/*
 * The line on which each element of the records array starts, in one pass: the top
 * level array, or the array under key (e.g. "meetings") of a top-level object.
 * Returns a g_malloc'd array of *n lines.
 */
int *sp_json_record_lines(const char *data, size_t len, const char *key, size_t *n);

struct json_object;

/* Parse a whole JSON text with json-c; on failure fill *err with SP_ERR_INPUT at the
 * line:col of the failure in file.  Text after the value is a warning. */
struct json_object *sp_json_parse(struct sp_reader *r, const char *file, const char *data,
                                  size_t len, struct sp_error *err);

/*
 * Read a top-level JSON array of objects one element at a time, calling fn(r, object,
 * line, record number, ctx) for each, so a large directory never exists as one json-c
 * tree (5,000 meetings: half the memory).  Returns 1 when it did; 0 when the text is
 * anything else (a wrapped array, an element that is not an object, malformed JSON),
 * with whatever fn added to the directory and diagnostics rolled back: the caller then
 * parses the whole text with sp_json_parse, which reports errors exactly.
 */
typedef void (*sp_json_record_fn)(struct sp_reader *r, struct json_object *obj, int line,
                                  int record, void *ctx);
int sp_json_each_record(struct sp_reader *r, const char *data, size_t len,
                        sp_json_record_fn fn, void *ctx);

/* The readers. data is valid UTF-8, without BOM; NUL-terminated at data[len]. */
int sp_read_mg_json(struct sp_reader *r, const char *data, size_t len, struct sp_error *err);
int sp_read_bmlt(struct sp_reader *r, const char *data, size_t len, struct sp_error *err);
int sp_read_tsml_csv(struct sp_reader *r, const char *data, size_t len, struct sp_error *err);

#endif
