/*
 * error.h - error codes, the caller-owned error record, and the diagnostics list.
 *
 * Owns: the text of errors and warnings.  Must not: print anything (main.c prints),
 * exit, or allocate from an arena.  Messages are git-style: lower case, no full stop,
 * the subject in single quotes.
 */
#ifndef SP_ERROR_H
#define SP_ERROR_H

#include <stddef.h>

/* Exit status (sp_error_exit_status): OK 0, INPUT 1, USAGE 2, IO 3, RESOURCE 4,
   PARTIAL 5. */
enum sp_errcode {
    SP_OK = 0,
    SP_ERR_INPUT,    /* directory or layout data invalid */
    SP_ERR_USAGE,    /* bad command line */
    SP_ERR_IO,       /* reading input or writing output failed */
    SP_ERR_RESOURCE, /* font missing, cairo failure, out of memory, internal */
    SP_ERR_PARTIAL   /* several outputs: some made, at least one not (each one reported) */
};

struct sp_error {
    enum sp_errcode code;
    char file[256];  /* "" when not about a file */
    int  line, col;  /* 1-based; 0 when unknown */
    char msg[512];   /* lower case, no full stop, subject in '' */
};

/*
 * Fill *err (unless it is already filled: the first error wins) and return -1, so
 * callers can write `return sp_error_set(...)`.  err may be NULL.
 */
int sp_error_set(struct sp_error *err, enum sp_errcode code, const char *file,
                 int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Copy s into buf (size bytes, always terminated when size > 0) with every character that
 * would act on a terminal instead of showing escaped: \n \r \t, other C0 controls and DEL
 * as \xNN (ESC is \x1b), C1 controls and the bidirectional overrides and isolates as
 * \uNNNN, and a byte that is not UTF-8 as \xNN.  Everything else, Welsh or Urdu text
 * included, is kept.  Cut only between whole characters.  Returns the length written.
 * Every message signpost prints goes through it (sp_error_format, sp_diag_format).
 */
size_t sp_error_escape(const char *s, char *buf, size_t size);

/* Format as "file:line:col: msg" (parts omitted when unknown) into buf, escaped as by
   sp_error_escape: one line whatever the file name or message holds. */
void sp_error_format(const struct sp_error *err, char *buf, size_t size);

/* Exit status for an error code (0..4). */
int sp_error_exit_status(enum sp_errcode code);

/* ---- diagnostics: warnings and per-record problems that do not stop the run ---- */

enum sp_severity {
    SP_WARNING = 0,  /* something repaired or doubtful; output still made */
    SP_PROBLEM = 1,  /* a record could not be used (it is left out and reported) */
    SP_NOTE = 2      /* information only (what was not shown); never an error */
};

struct sp_diag_entry {
    enum sp_severity severity;
    char *file;      /* owned; "" when not about a file */
    int   line, col; /* 1-based; 0 when unknown */
    char *msg;       /* owned */
    long  meeting;   /* index (struct sp_meeting.index) of the meeting it is about, or -1 */
};

struct sp_diag {
    struct sp_diag_entry *v;
    size_t n, cap;
    size_t nproblems;  /* entries with severity SP_PROBLEM */
    size_t nnotes;     /* entries with severity SP_NOTE */
};

void sp_diag_init(struct sp_diag *d);
void sp_diag_release(struct sp_diag *d);

/* Append one entry.  file may be NULL. */
void sp_diag_add(struct sp_diag *d, enum sp_severity sev, const char *file, int line,
                 int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Format entry i as "file:line:col: warning: msg" (or "problem:", "note:"), escaped
   likewise. */
void sp_diag_format(const struct sp_diag_entry *e, char *buf, size_t size);

/* Keep entries [from, n) for which keep(entry, ctx) is true, in order; returns how many
   were removed. */
size_t sp_diag_filter(struct sp_diag *d, size_t from,
                      int (*keep)(const struct sp_diag_entry *e, void *ctx), void *ctx);

/* Say each message once: entries with the same severity, file and text are merged into
   the first, which gets " (N times)" and keeps its position. */
void sp_diag_compact(struct sp_diag *d);

#endif
