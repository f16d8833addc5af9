/*
 * directory.c - the top of the input layer: read directory files (a file, standard
 * input or memory), sniff the format, repair the encoding, and hand the text to its
 * reader.  Records are validated in record.c; the readers' shared helpers are in
 * reader.c and json.c.
 *
 * Owns: struct sp_directory's array.  Must not: print, exit, or include
 * cairo/pango/qrencode.
 */
#include "directory.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readers.h"

void sp_directory_init(struct sp_directory *dir)
{
    memset(dir, 0, sizeof *dir);
}

void sp_directory_release(struct sp_directory *dir)
{
    free(dir->meetings);
    memset(dir, 0, sizeof *dir);
}

void sp_directory_fit(struct sp_directory *dir)
{
    if (dir->n == 0 || dir->cap == dir->n)
        return;
    dir->meetings = xrealloc(dir->meetings, dir->n * sizeof *dir->meetings);
    dir->cap = dir->n;
}

const char *sp_format_name(enum sp_format f)
{
    switch (f) {
    case SP_FORMAT_MG_JSON:  return "Meeting Guide JSON";
    case SP_FORMAT_TSML_CSV: return "TSML CSV";
    case SP_FORMAT_BMLT:     return "BMLT JSON";
    case SP_FORMAT_AUTO:     break;
    }
    return "auto";
}

int sp_format_parse(const char *s, enum sp_format *out)
{
    static const struct { const char *name; enum sp_format f; } names[] = {
        { "auto", SP_FORMAT_AUTO }, { "json", SP_FORMAT_MG_JSON },
        { "meeting-guide", SP_FORMAT_MG_JSON }, { "mg", SP_FORMAT_MG_JSON },
        { "csv", SP_FORMAT_TSML_CSV }, { "tsml", SP_FORMAT_TSML_CSV },
        { "bmlt", SP_FORMAT_BMLT },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!g_ascii_strcasecmp(s, names[i].name)) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

/* ---- sniffing ---- */

static bool has_within(const char *data, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (len < nl)
        return false;
    for (size_t i = 0; i + nl <= len; i++)
        if (data[i] == needle[0] && !memcmp(data + i, needle, nl))
            return true;
    return false;
}

enum sp_format sp_directory_sniff(const char *data, size_t len)
{
    size_t i = 0, window;

    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == len)
        return SP_FORMAT_AUTO;
    if (data[i] == '[' || data[i] == '{') {
        window = len - i < 65536 ? len - i : 65536;
        /* a BMLT GetFormats file has key_string and world_id but no meetings */
        if (has_within(data + i, window, "\"key_string\"") &&
            has_within(data + i, window, "\"world_id\"") &&
            !has_within(data + i, window, "\"meeting_name\"") &&
            !has_within(data + i, window, "\"name\""))
            return SP_FORMAT_AUTO;
        if (has_within(data + i, window, "\"weekday_tinyint\"") ||
            has_within(data + i, window, "\"id_bigint\"") ||
            has_within(data + i, window, "\"meeting_name\""))
            return SP_FORMAT_BMLT;
        return SP_FORMAT_MG_JSON;
    }
    /* CSV: a header line with a separator */
    for (size_t j = i; j < len && data[j] != '\n'; j++)
        if (data[j] == ',')
            return SP_FORMAT_TSML_CSV;
    return SP_FORMAT_AUTO;
}

/* ---- loading ---- */

/* The first byte from p on that is not plain ASCII (1 to 0x7F), eight bytes at a time. */
static const char *ascii_end(const char *p, const char *end)
{
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;

    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, sizeof w);
        if ((w & high) || ((w - ones) & ~w & high))  /* a byte >= 0x80, or a NUL */
            break;
        p += 8;
    }
    while (p < end && (unsigned char)*p - 1u < 0x7Fu)  /* 1..0x7F */
        p++;
    return p;
}

/* Replace invalid UTF-8 and NUL bytes, with one warning for each kind.  g_utf8_validate
   checks only the runs that are not plain ASCII (most of a feed is). */
static char *repair_encoding(struct sp_reader *r, const char *data, size_t len, size_t *outlen)
{
    const char *p = data, *end = data + len, *bad;
    size_t nnul = 0, nbad = 0, first_nul = 0, first_bad = 0;
    char *fixed;
    int line, col;

    while ((p = ascii_end(p, end)) < end) {
        const char *q = p + 1;
        while (q < end && (unsigned char)*q >= 0x80)
            q++;  /* the run: a character's bytes after the first are all >= 0x80 */
        /* each bad byte of the run, the run found once (a run of bad bytes is linear) */
        while (p < q && !g_utf8_validate(p, q - p, &bad)) {
            if (*bad == '\0') {
                if (!nnul++)
                    first_nul = (size_t)(bad - data);
            } else if (!nbad++) {
                first_bad = (size_t)(bad - data);
            }
            p = bad + 1;
        }
        p = q;
    }
    if (!nnul && !nbad)
        return NULL;
    if (nnul) {
        sp_text_position(data, len, first_nul, &line, &col);
        if (nnul > 1)
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                        "NUL byte replaced with U+FFFD (%zu places, first here)", nnul);
        else
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col, "NUL byte replaced with U+FFFD");
    }
    if (nbad) {
        sp_text_position(data, len, first_bad, &line, &col);
        if (nbad > 1)
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                        "invalid UTF-8 replaced with U+FFFD (%zu places, first here)", nbad);
        else
            sp_diag_add(r->diag, SP_WARNING, r->file, line, col,
                        "invalid UTF-8 replaced with U+FFFD");
    }
    fixed = g_utf8_make_valid(data, (gssize)len);
    *outlen = strlen(fixed);  /* no NUL is left */
    return fixed;
}

/* How load_mem may use the text it is given. */
enum text_kind {
    TEXT_COPY,        /* copy it (no NUL after it) */
    TEXT_TERMINATED,  /* data[len] is a NUL we may rely on (a file read whole), so valid text
                         is read where it is instead of being copied */
    TEXT_MAPPED       /* as TEXT_TERMINATED, and data is a page-aligned read-only mapping of
                         the file, whose pages the reader gives back as it goes */
};

static int load_mem(struct sp_directory *dir, const char *name, const char *data, size_t len,
                    enum text_kind kind, const struct sp_source_opts *o,
                    struct sp_arena *arena, struct sp_diag *diag, struct sp_error *err,
                    const struct sp_source_mem *fmem)
{
    struct sp_source_opts opts = { SP_FORMAT_AUTO, NULL, NULL, NULL, NULL };
    struct sp_reader r;
    enum sp_format f;
    char *fixed, *copy = NULL;
    const char *text;
    size_t flen = 0;
    int rc;

    if (o)
        opts = *o;
    if (!name)
        name = "-";
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
        return sp_error_set(err, SP_ERR_INPUT, name, 0, 0,
                            "this file is UTF-16; save it as UTF-8 (in a spreadsheet: "
                            "'CSV UTF-8')");
    f = opts.format != SP_FORMAT_AUTO ? opts.format : sp_directory_sniff(data, len);
    if (f == SP_FORMAT_AUTO && has_within(data, len < 65536 ? len : 65536, "\"key_string\""))
        return sp_error_set(err, SP_ERR_INPUT, name, 0, 0,
                            "this is a BMLT formats file (GetFormats), not a meeting "
                            "directory: give it with --formats");
    if (f == SP_FORMAT_AUTO) {
        bool blank = true;
        for (size_t i = 0; i < len && blank; i++)
            if (!strchr(" \t\r\n", data[i]) && !(i < 3 && (unsigned char)data[i] >= 0xBB))
                blank = false;
        return sp_error_set(err, SP_ERR_INPUT, name, 0, 0, blank ? "empty file" :
                            "not a meeting directory (Meeting Guide JSON, TSML CSV or "
                            "BMLT JSON)");
    }

    memset(&r, 0, sizeof r);
    r.dir = dir;
    r.arena = arena;
    r.diag = diag;
    r.file = sp_arena_strdup(arena, name);
    r.fellowship = opts.fellowship && *opts.fellowship ?
                   sp_arena_strdup(arena, opts.fellowship) : NULL;
    r.formats_path = opts.formats_path;
    if (fmem && fmem->formats_data) {
        /* a GetFormats document fetched with the feed */
        r.formats_path = fmem->formats_name ? fmem->formats_name : "formats";
        r.formats_data = fmem->formats_data;
        r.formats_len = fmem->formats_len;
    }
    r.label = f == SP_FORMAT_TSML_CSV ? "row" : "record";
    r.default_fellowship = f == SP_FORMAT_BMLT ? "Narcotics Anonymous" :
                           opts.fallback_fellowship && *opts.fallback_fellowship ?
                           sp_arena_strdup(arena, opts.fallback_fellowship) : NULL;
    r.timezone = opts.timezone && *opts.timezone ? sp_arena_strdup(arena, opts.timezone) : NULL;
    r.slugs = g_hash_table_new(g_str_hash, g_str_equal);
    r.zones = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    sp_arena_init(&r.scratch);
    r.type_sets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r.type_strs = g_hash_table_new(g_str_hash, g_str_equal);
    r.texts = g_hash_table_new(g_str_hash, g_str_equal);

    /* Step 1: a BOM is dropped (keeping line numbers); bad bytes are repaired */
    if (kind == TEXT_MAPPED)
        r.map = data;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    }
    fixed = repair_encoding(&r, data, len, &flen);
    if (r.map) {
        /* the check for bad bytes read every page: give them back; the reader reads
           them again one by one (a repaired copy replaces the mapping) */
        (void)madvise((void *)r.map, (size_t)(data + len - r.map), MADV_DONTNEED);
        if (fixed)
            r.map = NULL;
    }
    if (fixed) {
        copy = fixed;
        len = flen;
        text = copy;
    } else if (kind != TEXT_COPY) {
        text = data;
    } else {
        copy = g_malloc(len + 1);
        memcpy(copy, data, len);
        copy[len] = '\0';
        text = copy;
    }

    /* Step 2: the reader */
    r.data = text;
    r.len = len;
    switch (f) {
    case SP_FORMAT_MG_JSON:
        rc = sp_read_mg_json(&r, err);
        break;
    case SP_FORMAT_BMLT:
        rc = sp_read_bmlt(&r, err);
        break;
    default:
        rc = sp_read_tsml_csv(&r, text, len, err);
        break;
    }
    g_free(copy);
    sp_arena_free(&r.scratch);
    g_hash_table_destroy(r.slugs);
    g_hash_table_destroy(r.zones);
    g_hash_table_destroy(r.type_sets);
    g_hash_table_destroy(r.type_strs);
    g_hash_table_destroy(r.texts);
    if (rc == 0)
        dir->nfiles++;
    return rc;
}

int sp_directory_load_mem(struct sp_directory *dir, const char *name, const char *data,
                          size_t len, const struct sp_source_opts *o,
                          struct sp_arena *arena, struct sp_diag *diag,
                          struct sp_error *err)
{
    return load_mem(dir, name, data, len, TEXT_COPY, o, arena, diag, err, NULL);
}

int sp_directory_load_source(struct sp_directory *dir, const struct sp_source_mem *src,
                             const struct sp_source_opts *opts, struct sp_arena *arena,
                             struct sp_diag *diag, struct sp_error *err)
{
    return load_mem(dir, src->name, src->data, src->len, TEXT_COPY, opts, arena,
                    diag, err, src);
}

/*
 * A mapped file cut short by another program while it is read: touching a page past its
 * new end raises SIGBUS.  The read is then abandoned with an error naming the file, not a
 * crash (the loader's partial state is dropped with the process's arena as for any read
 * error).  Only the thread that maps reads the mapping, and only inside load_mapped.
 */
static sigjmp_buf map_jump;
static volatile sig_atomic_t map_reading;

static void on_sigbus(int sig)
{
    if (map_reading)
        siglongjmp(map_jump, 1);
    signal(sig, SIG_DFL);  /* not ours: as if signpost had no handler */
    raise(sig);
}

void (*sp_directory_test_mapped)(const char *path);

/* Read a regular file through a read-only mapping, so that its pages can be given back
   as they are read (a 100 MB feed need not be resident at once).  Returns 1 when the file
   cannot be mapped so (not a regular file, empty, or a whole number of pages long: the
   text must be followed by a NUL, which the mapping's zero fill past the end gives), and
   the caller reads it the ordinary way.  A file cut short by another program while it is
   read is reported (on_sigbus); feeds saved by signpost are replaced by rename, never
   rewritten. */
static int load_mapped(struct sp_directory *dir, const char *path,
                       const struct sp_source_opts *opts, struct sp_arena *arena,
                       struct sp_diag *diag, struct sp_error *err)
{
    long page = sysconf(_SC_PAGESIZE);
    struct stat st;
    void *map;
    int fd, rc;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || page <= 0 ||
        st.st_size % page == 0 || (unsigned long long)st.st_size > SIZE_MAX / 2) {
        close(fd);
        return 1;
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return 1;
    {
        struct sigaction sa, old;

        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigbus;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, &old);
        if (sp_directory_test_mapped)
            sp_directory_test_mapped(path);  /* tests: cut the file short here */
        if (sigsetjmp(map_jump, 1) == 0) {
            map_reading = 1;
            rc = load_mem(dir, path, map, (size_t)st.st_size, TEXT_MAPPED, opts, arena, diag,
                          err, NULL);
            map_reading = 0;
        } else {
            map_reading = 0;
            rc = sp_error_set(err, SP_ERR_IO, path, 0, 0,
                              "the file was cut short while it was read (another program "
                              "changed it); read it again when it is complete");
        }
        sigaction(SIGBUS, &old, NULL);
    }
    munmap(map, (size_t)st.st_size);
    return rc;
}

int sp_directory_load(struct sp_directory *dir, const char *path,
                      const struct sp_source_opts *opts, struct sp_arena *arena,
                      struct sp_diag *diag, struct sp_error *err)
{
    char *data = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    int rc;

    if (strcmp(path, "-") && (rc = load_mapped(dir, path, opts, arena, diag, err)) != 1)
        return rc;
    if (!strcmp(path, "-")) {
        /* standard input */
        GString *in = g_string_new(NULL);
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            g_string_append_len(in, chunk, (gssize)got);
        if (ferror(stdin)) {
            g_string_free(in, TRUE);
            return sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot read standard input");
        }
        len = in->len;
        data = g_string_free(in, FALSE);
    } else if (!g_file_get_contents(path, &data, &len, &gerr)) {
        int e = gerr && gerr->domain == G_FILE_ERROR ? gerr->code : -1;
        const char *why = e == G_FILE_ERROR_NOENT ? "no such file" :
                          e == G_FILE_ERROR_ACCES ? "permission denied" :
                          e == G_FILE_ERROR_ISDIR ? "is a directory" :
                          gerr ? gerr->message : "read failed";
        rc = sp_error_set(err, SP_ERR_IO, NULL, 0, 0, "cannot read '%s': %s", path, why);
        g_clear_error(&gerr);
        return rc;
    }
    rc = load_mem(dir, path, data, len, TEXT_TERMINATED, opts, arena, diag, err, NULL);
    g_free(data);
    return rc;
}
