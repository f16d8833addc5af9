/*
 * pdf_syntax.c - strings into PDF syntax: text strings, names, URIs, XML text, dates.
 * GLib does the UTF-8 repair, the UTF-16 conversion and IDNA.
 */
#include "pdf_syntax.h"

#include "../base/mem.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sp_buf_add(struct sp_buf *b, const void *data, size_t n)
{
    if (n > b->cap - b->n || !b->p) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->n < n)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->n, data, n);
    b->n += n;
}

void sp_buf_str(struct sp_buf *b, const char *s)
{
    sp_buf_add(b, s, strlen(s));
}

void sp_buf_printf(struct sp_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sp_buf_add(b, tmp, (size_t)n);
    } else {
        char *big = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sp_buf_add(b, big, (size_t)n);
        free(big);
    }
}

void sp_pdf_put_text(struct sp_buf *b, const char *s)
{
    const unsigned char *q;
    int ascii = 1;

    for (q = (const unsigned char *)s; *q; q++)
        if (*q >= 0x80)
            ascii = 0;
    if (ascii) {
        sp_buf_str(b, "(");
        for (q = (const unsigned char *)s; *q; q++) {
            if (*q == '(' || *q == ')' || *q == '\\')
                sp_buf_printf(b, "\\%c", *q);
            else if (*q < 0x20 || *q == 0x7f)
                sp_buf_printf(b, "\\%03o", *q);
            else
                sp_buf_add(b, q, 1);
        }
        sp_buf_str(b, ")");
    } else {
        gchar *valid = g_utf8_make_valid(s, -1);
        glong n = 0;
        gunichar2 *u = g_utf8_to_utf16(valid, -1, NULL, &n, NULL);
        static const char hex[] = "0123456789ABCDEF";

        sp_buf_str(b, "<FEFF");
        for (glong i = 0; u && i < n; i++) {
            char h[4] = { hex[(u[i] >> 12) & 15], hex[(u[i] >> 8) & 15], hex[(u[i] >> 4) & 15],
                          hex[u[i] & 15] };
            sp_buf_add(b, h, 4);
        }
        sp_buf_str(b, ">");
        g_free(u);
        g_free(valid);
    }
}

void sp_pdf_put_name(struct sp_buf *b, const char *s)
{
    sp_buf_str(b, "/");
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
        if (*q < '!' || *q > '~' || strchr("()<>[]{}/%#", *q))
            sp_buf_printf(b, "#%02X", *q);
        else
            sp_buf_add(b, q, 1);
    }
}

static int is_hex(char c)
{
    return g_ascii_isxdigit(c);
}

/* Append s[0..n) percent-encoding what a 7-bit, quote-safe URI may not hold. */
static void encode_part(GString *g, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '%' && i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2]))
            g_string_append_c(g, '%');
        else if (c <= 0x20 || c >= 0x7f || strchr("()\\'\"<>{}|^`%", c))
            g_string_append_printf(g, "%%%02X", c);
        else
            g_string_append_c(g, (char)c);
    }
}

char *sp_pdf_uri(const char *uri)
{
    GString *g = g_string_new(NULL);
    const char *s = uri ? uri : "", *colon = strstr(s, "://");
    const char *auth = NULL, *aend = NULL;

    /* the host of scheme://[user@]host[:port]: IDNA when it is not ASCII */
    if (colon) {
        const char *p;
        for (p = s; p < colon && (g_ascii_isalnum(*p) || strchr("+-.", *p)); p++)
            ;
        if (p == colon && p > s) {
            auth = colon + 3;
            aend = auth + strcspn(auth, "/?#");
        }
    }
    if (auth) {
        const char *host = auth, *hend = aend, *at = NULL;
        char *h, *ascii;
        int nonascii = 0;

        for (const char *p = auth; p < aend; p++)
            if (*p == '@')
                at = p;
        if (at)
            host = at + 1;
        for (const char *p = hend; p > host; p--)
            if (p[-1] == ':') {
                hend = p - 1;
                break;
            } else if (!g_ascii_isdigit(p[-1])) {
                break;
            }
        for (const char *p = host; p < hend; p++)
            nonascii |= (unsigned char)*p >= 0x80;
        h = g_strndup(host, (gsize)(hend - host));
        ascii = nonascii && g_utf8_validate(h, -1, NULL) ? g_hostname_to_ascii(h) : NULL;
        encode_part(g, s, (size_t)(host - s));
        if (ascii)
            encode_part(g, ascii, strlen(ascii));
        else
            encode_part(g, host, (size_t)(hend - host));
        encode_part(g, hend, strlen(hend));
        g_free(ascii);
        g_free(h);
    } else {
        encode_part(g, s, strlen(s));
    }
    {
        char *r = xstrdup(g->str);
        g_string_free(g, TRUE);
        return r;
    }
}

void sp_pdf_put_uri(struct sp_buf *b, const char *uri)
{
    char *u = sp_pdf_uri(uri);

    sp_pdf_put_text(b, u);  /* ASCII now: a literal string, escaped */
    free(u);
}

void sp_pdf_put_xml(struct sp_buf *b, const char *s)
{
    gchar *valid = g_utf8_make_valid(s, -1);

    for (const unsigned char *q = (const unsigned char *)valid; *q; q++) {
        switch (*q) {
        case '&': sp_buf_str(b, "&amp;"); break;
        case '<': sp_buf_str(b, "&lt;"); break;
        case '>': sp_buf_str(b, "&gt;"); break;
        case '"': sp_buf_str(b, "&quot;"); break;
        case '\'': sp_buf_str(b, "&apos;"); break;
        default:
            if (*q < 0x20 && *q != '\t' && *q != '\n' && *q != '\r')
                sp_buf_str(b, " ");
            else
                sp_buf_add(b, q, 1);
        }
    }
    g_free(valid);
}

void sp_pdf_date(time_t t, char *buf, size_t size)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, size, "D:%Y%m%d%H%M%SZ", &tm);
}

void sp_pdf_iso_date(time_t t, char *buf, size_t size)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
