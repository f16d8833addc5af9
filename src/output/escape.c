/*
 * escape.c - HTML text, HTML attribute, JavaScript string and JSON string escaping.
 *
 * GLib's g_markup_escape_text covers the HTML cases but passes control characters and
 * needs NUL-free input, and json-c leaves "</script>" and U+2028 as they are; so the four
 * are written here, over one UTF-8 walk that turns invalid bytes into U+FFFD.
 */
#include "escape.h"

#include <stdbool.h>
#include <string.h>

#include "../base/i18n.h"

enum lang { HTML_TEXT, HTML_ATTR, JS_STRING, JSON_STRING };

#define REPLACEMENT 0xFFFDu

/* Next code point of s[*i .. len); invalid UTF-8 gives U+FFFD and skips one byte. */
static gunichar next_char(const char *s, size_t len, size_t *i)
{
    const guchar *p = (const guchar *)s + *i;
    size_t left = len - *i;
    gunichar c;
    int n;

    if (p[0] < 0x80) {
        (*i)++;
        return p[0];
    }
    n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
    if (n == 0 || (size_t)n > left) {
        (*i)++;
        return REPLACEMENT;
    }
    c = g_utf8_get_char_validated((const gchar *)p, (gssize)n);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        (*i)++;
        return REPLACEMENT;
    }
    *i += (size_t)n;
    return c;
}

static void u_escape(GString *g, gunichar c)
{
    g_string_append_printf(g, "\\u%04X", (unsigned)c);
}

static void escape(GString *g, const char *s, size_t len, enum lang lang)
{
    size_t i = 0;

    if (!s)
        s = "";
    if (len == SP_ESC_NUL_TERMINATED)
        len = strlen(s);
    while (i < len) {
        gunichar c = next_char(s, len, &i);
        bool control = c < 0x20 || c == 0x7F;

        if (lang == HTML_TEXT || lang == HTML_ATTR) {
            if (c == '&')
                g_string_append(g, "&amp;");
            else if (c == '<')
                g_string_append(g, "&lt;");
            else if (c == '>')
                g_string_append(g, "&gt;");
            else if (lang == HTML_ATTR && c == '"')
                g_string_append(g, "&quot;");
            else if (lang == HTML_ATTR && c == '\'')
                g_string_append(g, "&#39;");
            else if (c == '\t' || c == '\n' || c == '\r')
                lang == HTML_ATTR ? g_string_append_printf(g, "&#%u;", (unsigned)c)
                                  : (void)g_string_append_c(g, (char)c);
            else if (control || (c >= 0x80 && c < 0xA0))
                g_string_append_unichar(g, REPLACEMENT);
            else
                g_string_append_unichar(g, c);
            continue;
        }
        switch (c) {
        case '\\': g_string_append(g, "\\\\"); break;
        case '"':  g_string_append(g, "\\\""); break;
        case '\n': g_string_append(g, "\\n"); break;
        case '\r': g_string_append(g, "\\r"); break;
        case '\t': g_string_append(g, "\\t"); break;
        case '\'': case '<': case '>': case '&':
            u_escape(g, c);
            break;
        default:
            if (control || c == 0x2028 || c == 0x2029)
                u_escape(g, c);
            else
                g_string_append_unichar(g, c);
        }
    }
}

void sp_esc_html_text(GString *g, const char *s, size_t len)
{
    escape(g, s, len, HTML_TEXT);
}

void sp_esc_html_attr(GString *g, const char *s, size_t len)
{
    escape(g, s, len, HTML_ATTR);
}

void sp_esc_js_string(GString *g, const char *s, size_t len)
{
    g_string_append_c(g, '"');
    escape(g, s, len, JS_STRING);
    g_string_append_c(g, '"');
}

void sp_esc_json_string(GString *g, const char *s, size_t len)
{
    g_string_append_c(g, '"');
    escape(g, s, len, JSON_STRING);
    g_string_append_c(g, '"');
}

void sp_esc_html_marked(GString *g, const char *s, const char *second_lang)
{
    const char *p = s;

    while (p && *p) {
        const char *m2 = strstr(p, SP_I18N_SECOND), *m1 = strstr(p, SP_I18N_END);
        const char *next = m2 && (!m1 || m2 < m1) ? m2 : m1;
        size_t n = next ? (size_t)(next - p) : strlen(p);

        sp_esc_html_text(g, p, n);
        if (!next)
            break;
        if (next == m2) {
            g_string_append(g, "<span lang=\"");
            sp_esc_html_attr(g, second_lang, SP_ESC_NUL_TERMINATED);
            g_string_append(g, "\">");
        } else {
            g_string_append(g, "</span>");
        }
        p = next + strlen(SP_I18N_SECOND);
    }
}
