/*
 * test_glyphs.c - every string of every example directory can be set in the bundled
 * fonts: zero unknown glyphs (tofu), regular and bold, with the family list signpost
 * chooses for the string's script (issue 3: Welsh, Polish, Urdu notes...); and every
 * translation of every shipped catalogue in its language's fonts (issue 12).
 */
#include <glib.h>
#include <string.h>

#include "base/error.h"
#include "base/i18n.h"
#include "compose/text.h"
#include "compose/words.h"
#include "input/directory.h"
#include "test.h"

static struct sp_text *t;
static size_t nchecked;

static void check(const char *what, const char *s, const struct sp_meeting *m)
{
    struct sp_font f = { NULL, 18, false, NULL };

    if (!s)
        return;
    f.lang = sp_text_guess_lang(s);
    for (int bold = 0; bold < 2; bold++) {
        int unknown;
        f.bold = bold;
        unknown = sp_text_unknown_glyphs(t, &f, s);
        nchecked++;
        if (unknown)
            OK(0, "%s:%d %s %s: %d unknown glyphs in '%s'", m->file, m->line, what,
               bold ? "bold" : "regular", unknown, s);
    }
}

static void test_examples(void)
{
    static const struct { const char *path; const char *formats; } files[] = {
        { "examples/aa-south-wales.json", NULL },
        { "examples/na-bristol-bmlt.json", "examples/na-bristol-formats.json" },
        { "examples/smart-bath.csv", NULL },
    };
    struct sp_arena a;
    struct sp_directory dir;
    struct sp_diag diag;
    struct sp_error err = { 0 };

    sp_arena_init(&a);
    sp_directory_init(&dir);
    sp_diag_init(&diag);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct sp_source_opts o = { .format = SP_FORMAT_AUTO, .formats_path = files[i].formats };
        EQ_INT(sp_directory_load(&dir, files[i].path, &o, &a, &diag, &err), 0, files[i].path);
    }
    OK(dir.n >= 90, "examples loaded (%zu meetings)", dir.n);
    nchecked = 0;
    for (size_t i = 0; i < dir.n; i++) {
        const struct sp_meeting *m = &dir.meetings[i];
        check("name", m->name, m);
        check("fellowship", m->fellowship, m);
        check("group", m->group, m);
        check("notes", m->notes, m);
        check("venue", m->venue, m);
        check("address", m->address, m);
        check("town", m->town, m);
        check("postcode", m->postcode, m);
        check("formatted address", m->formatted_address, m);
        check("region", m->region, m);
        check("sub-region", m->sub_region, m);
        check("location notes", m->location_notes, m);
        check("place line", sp_words_place(m, &a), m);
        check("type labels", sp_words_types(m, &a), m);
        for (size_t k = 0; k < m->ntypes; k++)
            check("type label", m->types[k].label, m);
    }
    OK(nchecked > 1000, "every string checked in regular and bold (%zu)", nchecked);
    OK(test_failed == 0, "no unknown glyph in any example string");
    sp_diag_release(&diag);
    sp_directory_release(&dir);
    sp_arena_free(&a);
}

/* The msgstr texts of a .po file (C escapes resolved), in a GPtrArray of g_strdup'd
   strings; NULL when the file cannot be read. */
static GPtrArray *po_strings(const char *path)
{
    gchar *data = NULL, **lines;
    GPtrArray *v;
    GString *cur = NULL;

    if (!g_file_get_contents(path, &data, NULL, NULL))
        return NULL;
    v = g_ptr_array_new_with_free_func(g_free);
    lines = g_strsplit(data, "\n", -1);
    for (gchar **l = lines; *l; l++) {
        const char *q = NULL;
        if (!strncmp(*l, "msgstr", 6)) {
            if (cur)
                g_ptr_array_add(v, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
            q = strchr(*l, '"');
        } else if (**l == '"' && cur) {
            q = *l;
        } else if (cur && !**l) {
            g_ptr_array_add(v, g_string_free(cur, FALSE));
            cur = NULL;
        }
        if (q && cur) {
            gchar *body = g_strndup(q + 1, strlen(q) - 2), *plain = g_strcompress(body);
            g_string_append(cur, plain);
            g_free(plain);
            g_free(body);
        }
    }
    if (cur)
        g_ptr_array_add(v, g_string_free(cur, FALSE));
    g_strfreev(lines);
    g_free(data);
    return v;
}

/* Every translation of every shipped language sets in its fonts with no unknown glyph
   (the text as the composers set it: the language's family list, regular and bold). */
static void test_catalogues(void)
{
    size_t n;
    const struct sp_language *langs = sp_i18n_list(&n);

    for (size_t i = 1; i < n; i++) {
        char *path = g_strdup_printf("po/%s.po", langs[i].code);
        GPtrArray *v = po_strings(path);
        struct sp_langs out = { &langs[i], NULL, langs[i].tag };
        size_t bad = 0, checked = 0;

        OK(v != NULL && v->len > 300, "%s: %u translations read", path, v ? v->len : 0);
        sp_i18n_set_output(&out);  /* the language's own reading of the Arabic script */
        for (guint k = 0; v && k < v->len; k++) {
            const char *s = g_ptr_array_index(v, k);
            struct sp_font f = { NULL, 18, false, langs[i].tag };
            if (!*s || k == 0)
                continue;  /* the header */
            for (int bold = 0; bold < 2; bold++) {
                int unknown;
                f.bold = bold;
                unknown = sp_text_unknown_glyphs(t, &f, s);
                checked++;
                if (unknown && bad++ < 5)
                    OK(0, "%s %s: %d unknown glyphs in '%s'", langs[i].code,
                       bold ? "bold" : "regular", unknown, s);
            }
        }
        OK(bad == 0 && checked > 600, "%s (%s): no unknown glyph in %zu settings", langs[i].name,
           langs[i].code, checked);
        sp_i18n_set_output(NULL);
        if (v)
            g_ptr_array_free(v, TRUE);
        g_free(path);
    }
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };

    test_init(argc, argv);
    t = sp_text_new("fonts", "build/fccache-test", &err);
    OK(t != NULL, "text engine over fonts/ (%s)", err.msg);
    if (t) {
        struct sp_font f = { NULL, 18, false, NULL };
        /* the check can fail: Ethiopic has no font in fonts/ */
        OK(sp_text_unknown_glyphs(t, &f, "\xe1\x88\xb0\xe1\x88\x8b\xe1\x88\x9d") > 0,
           "a script with no bundled font shows as unknown glyphs");
        TEST_RUN(test_examples);
        TEST_RUN(test_catalogues);
    }
    sp_text_free(t);
    return test_done();
}
