/*
 * directory.h - load meeting directory files (sniffing the format), combine them into
 * one struct sp_directory, and report every record that cannot be used.
 *
 * Owns: struct sp_directory's array (strings live in the caller's arena).  Must not:
 * print, exit, or include cairo/pango/qrencode.
 */
#ifndef SP_DIRECTORY_H
#define SP_DIRECTORY_H

#include "../base/error.h"
#include "../base/mem.h"
#include "model.h"

/* Per-file options.  Initialise with designated initialisers ({ .format = ... }): fields
   are added as feeds need them. */
struct sp_source_opts {
    enum sp_format format;       /* SP_FORMAT_AUTO to sniff */
    const char *fellowship;      /* fellowship of the meetings that do not name one, or
                                    NULL: a BMLT server is NA's ("Narcotics Anonymous");
                                    Meeting Guide JSON and CSV say it per meeting or not
                                    at all (then sp_meeting.fellowship is NULL) */
    const char *formats_path;    /* BMLT GetFormats JSON, or NULL */
    const char *timezone;        /* IANA zone of meetings that give none, or NULL: UK time
                                    (sp_meeting.timezone_assumed) */
    const char *fallback_fellowship; /* the settings' [directory] fellowship: for meetings
                                    that neither the record, --as nor the format (BMLT)
                                    name one; or NULL */
};

void sp_directory_init(struct sp_directory *dir);
void sp_directory_release(struct sp_directory *dir);

/* Give back the room grown past dir->n (call when every file is read; issue 16). */
void sp_directory_fit(struct sp_directory *dir);

/*
 * Read one directory file and append its usable meetings to *dir.  Records that
 * cannot be used and repairs (invalid UTF-8, unknown codes, http links...) go to *diag
 * as SP_PROBLEM / SP_WARNING with file:line.  Returns 0, or -1 with *err set when the
 * whole file cannot be read (SP_ERR_IO) or is not a directory at all (SP_ERR_INPUT,
 * e.g. malformed JSON with line:col).
 */
int sp_directory_load(struct sp_directory *dir, const char *path,
                      const struct sp_source_opts *opts, struct sp_arena *arena,
                      struct sp_diag *diag, struct sp_error *err);

/* Tests only: called with the path between mapping a file and reading it (NULL in
   signpost), to cut the file short there. */
extern void (*sp_directory_test_mapped)(const char *path);

/* The same from memory (used by tests and fuzzers); name is used in messages. */
int sp_directory_load_mem(struct sp_directory *dir, const char *name, const char *data,
                          size_t len, const struct sp_source_opts *opts,
                          struct sp_arena *arena, struct sp_diag *diag,
                          struct sp_error *err);

/* A directory and (for BMLT) its GetFormats document, both already in memory. */
struct sp_source_mem {
    const char *name;            /* for messages and sp_meeting.file (a path or an address) */
    const char *data;
    size_t len;
    const char *formats_name;    /* for messages; NULL when there is no formats document */
    const char *formats_data;    /* used instead of opts->formats_path when not NULL */
    size_t formats_len;
};

/* The same as sp_directory_load_mem, for a feed read over the network (see fetch.h). */
int sp_directory_load_source(struct sp_directory *dir, const struct sp_source_mem *src,
                             const struct sp_source_opts *opts, struct sp_arena *arena,
                             struct sp_diag *diag, struct sp_error *err);

/* Sniff a buffer: SP_FORMAT_MG_JSON, SP_FORMAT_BMLT, SP_FORMAT_TSML_CSV or AUTO if unknown. */
enum sp_format sp_directory_sniff(const char *data, size_t len);

/* "Meeting Guide JSON", "TSML CSV", "BMLT JSON". */
const char *sp_format_name(enum sp_format f);

/* Parse a --format value ("auto", "json", "meeting-guide", "csv", "tsml", "bmlt"); -1 if unknown. */
int sp_format_parse(const char *s, enum sp_format *out);

#endif
