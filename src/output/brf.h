/*
 * brf.h - write braille pages (compose/brl.h) as a file: BRF (braille ASCII for
 * embossers), PEF (Portable Embosser Format, XML of Unicode braille) or a Unicode braille
 * text file (for braille displays and for review), always through a temporary file and
 * rename.
 *
 * Owns: the bytes during the call.  Must not: include model.h, liblouis or cairo; lay
 * out or translate anything (the pages are final).
 */
#ifndef SP_BRF_H
#define SP_BRF_H

#include <glib.h>

#include "../base/error.h"
#include "../compose/brl.h"

enum sp_brf_format {
    SP_BRF_BRF = 0,   /* .brf: North American braille ASCII, upper case, CR LF, form feed
                         after every page */
    SP_BRF_PEF,       /* .pef: PEF 2008-1, one volume, one section */
    SP_BRF_TXT        /* .txt: UTF-8 lines of U+2800 cells, LF, form feed after every page */
};

/* The format from path's extension (.brf .pef .txt, any case); -1 if none matches. */
int sp_brf_format_from_path(const char *path, enum sp_brf_format *fmt);

/* The braille ASCII character of a six-dot pattern (0..63), as en-us-brf.dis has it. */
char sp_brf_char(unsigned char pattern);

/* Encode every page of d in fmt, appended to buf. */
void sp_brf_encode(const struct sp_brl_doc *d, enum sp_brf_format fmt, GString *buf);

/* Encode and write to path (sp_atomic_write).  Returns 0, or -1 with SP_ERR_IO. */
int sp_brf_write(const struct sp_brl_doc *d, enum sp_brf_format fmt, const char *path,
                 struct sp_error *err);

#endif
