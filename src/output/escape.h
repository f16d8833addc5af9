/*
 * escape.h - one escaping routine per output language signpost writes besides PDF: HTML
 * text, HTML attribute values, JavaScript string literals inside an HTML <script>, and
 * JSON strings.  Each appends to a GString and takes a length, so a NUL inside the data
 * is escaped like any other control character rather than ending the string.
 *
 * Owns: nothing.  Must not: know what the strings mean.  Input is UTF-8; an invalid byte
 * is written as U+FFFD.  Control characters (U+0000..U+001F and U+007F, except tab, line
 * feed and carriage return in HTML text) cannot appear raw in any of the outputs.
 */
#ifndef SP_ESCAPE_H
#define SP_ESCAPE_H

#include <glib.h>
#include <stddef.h>

#define SP_ESC_NUL_TERMINATED ((size_t)-1)  /* len: up to the first NUL */

/* HTML text content: & < > as entities, other control characters as U+FFFD. */
void sp_esc_html_text(GString *g, const char *s, size_t len);

/* A double- or single-quoted HTML attribute value: also " and ' as entities; tab, line
   feed and carriage return as character references. */
void sp_esc_html_attr(GString *g, const char *s, size_t len);

/* HTML text content holding a bilingual text (base/i18n.h's marks): the second language's
   words in a <span lang="second_lang">, the marks themselves left out. */
void sp_esc_html_marked(GString *g, const char *s, const char *second_lang);

/*
 * A JavaScript string literal with its double quotes, safe inside an HTML <script>: \ "
 * and ' escaped; < > & as \u003C \u003E \u0026 (so "</script>" and "<!--" cannot end
 * or confuse the script); U+2028 and U+2029 (line ends to old JavaScript) and every
 * control character as \uXXXX.
 */
void sp_esc_js_string(GString *g, const char *s, size_t len);

/* A JSON string with its double quotes: valid JSON (RFC 8259) that is also safe inside
   an HTML <script> by the rules above ("'" is \u0027, since JSON has no \'). */
void sp_esc_json_string(GString *g, const char *s, size_t len);

#endif
