/*
 * brf.c - BRF, PEF and Unicode braille text from braille pages (see brf.h).
 *
 * BRF: each line is the page's line with trailing blanks trimmed and CR LF; a page ends
 * with a form feed.  Blank lines at the end of a page are left out (the form feed moves
 * the paper on), except that a page number on the last line keeps the lines before it.
 * PEF (PEF 1.0, version 2008-1): head/meta with the Dublin Core format, identifier,
 * title, creator, date, language and description; body/volume (cols, rows, rowgap 0,
 * single-sided)/section/page/row, rows of U+2800..U+283F with trailing blanks trimmed.
 */
#include "brf.h"

#include <string.h>

#include "../base/atomic.h"

/* North American braille ASCII: the character for each six-dot pattern 0..63 (bit 0 =
   dot 1); the same table as liblouis' en-us-brf.dis (checked in test_braille). */
static const char brf_chars[65] =
    " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=";

char sp_brf_char(unsigned char pattern)
{
    return brf_chars[pattern & 0x3F];
}

int sp_brf_format_from_path(const char *path, enum sp_brf_format *fmt)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *slash = path ? strrchr(path, '/') : NULL;

    if (!dot || (slash && dot < slash))
        return -1;
    if (!g_ascii_strcasecmp(dot, ".brf"))
        *fmt = SP_BRF_BRF;
    else if (!g_ascii_strcasecmp(dot, ".pef"))
        *fmt = SP_BRF_PEF;
    else if (!g_ascii_strcasecmp(dot, ".txt"))
        *fmt = SP_BRF_TXT;
    else
        return -1;
    return 0;
}

static void xml_text(GString *buf, const char *s)
{
    gchar *e = g_markup_escape_text(s, -1);
    g_string_append(buf, e);
    g_free(e);
}

static void meta(GString *buf, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    g_string_append_printf(buf, "      <dc:%s>", name);
    xml_text(buf, value);
    g_string_append_printf(buf, "</dc:%s>\n", name);
}

static void encode_pef(const struct sp_brl_doc *d, GString *buf)
{
    char u[4];

    g_string_append(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<pef version=\"2008-1\" xmlns=\"http://www.daisy.org/ns/2008/pef\">\n"
                         "  <head>\n"
                         "    <meta xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    meta(buf, "format", "application/x-pef+xml");
    meta(buf, "identifier", d->identifier ? d->identifier : "signpost");
    meta(buf, "title", d->title);
    meta(buf, "creator", d->author);
    meta(buf, "date", d->date);
    meta(buf, "language", d->lang);
    if (d->table) {
        gchar *desc = g_strdup_printf("Braille translated with liblouis table %s", d->table);
        meta(buf, "description", desc);
        g_free(desc);
    }
    g_string_append(buf, "    </meta>\n  </head>\n  <body>\n");
    g_string_append_printf(buf, "    <volume cols=\"%d\" rows=\"%d\" rowgap=\"0\" "
                                "duplex=\"false\">\n      <section>\n", d->cells, d->lines);
    for (size_t p = 0; p < d->npages; p++) {
        int used = sp_brl_page_used(d, p);
        g_string_append(buf, "        <page>\n");
        for (int l = 0; l < used; l++) {
            const unsigned char *c = sp_brl_line(d, p, l);
            int n = sp_brl_line_len(d, p, l);
            g_string_append(buf, "          <row>");
            for (int i = 0; i < n; i++) {
                sp_brl_utf8(c[i] & 0x3F, u);
                g_string_append(buf, u);
            }
            g_string_append(buf, "</row>\n");
        }
        g_string_append(buf, "        </page>\n");
    }
    g_string_append(buf, "      </section>\n    </volume>\n  </body>\n</pef>\n");
}

void sp_brf_encode(const struct sp_brl_doc *d, enum sp_brf_format fmt, GString *buf)
{
    char u[4];

    if (fmt == SP_BRF_PEF) {
        encode_pef(d, buf);
        return;
    }
    for (size_t p = 0; p < d->npages; p++) {
        int used = sp_brl_page_used(d, p);
        for (int l = 0; l < used; l++) {
            const unsigned char *c = sp_brl_line(d, p, l);
            int n = sp_brl_line_len(d, p, l);
            for (int i = 0; i < n; i++) {
                if (fmt == SP_BRF_BRF) {
                    g_string_append_c(buf, sp_brf_char(c[i]));
                } else {
                    sp_brl_utf8(c[i] & 0x3F, u);
                    g_string_append(buf, u);
                }
            }
            g_string_append(buf, fmt == SP_BRF_BRF ? "\r\n" : "\n");
        }
        g_string_append_c(buf, '\f');
    }
}

int sp_brf_write(const struct sp_brl_doc *d, enum sp_brf_format fmt, const char *path,
                 struct sp_error *err)
{
    GString *buf = g_string_sized_new((gsize)d->npages * (gsize)d->lines *
                                      (gsize)(d->cells + 2) + 1024);
    int rc;

    sp_brf_encode(d, fmt, buf);
    rc = sp_atomic_write(path, buf->str, buf->len, err);
    g_string_free(buf, TRUE);
    return rc;
}
