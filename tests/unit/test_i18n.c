/*
 * test_i18n.c - the languages (issue 12): the table and --lang parsing, gettext lookups
 * in the output language (switching back and forth, contexts, plural forms), filling and
 * isolating values, bilingual joins, dates and times per language, BMLT world_ids as
 * signpost's types, the face chosen for Farsi, Arabic and Urdu, even lines for mixed
 * scripts, and the plan's languages pass (runs with their /Lang, the right-to-left mirror).
 * Needs the catalogues built into locale/ (make builds them before `make check`).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "compose/flow.h"
#include "compose/plan.h"
#include "compose/text.h"
#include "compose/tr.h"
#include "compose/words.h"
#include "test.h"

static struct sp_text *t;
static struct sp_arena a;

/* The output language(s) from a --lang value. */
static void use(const char *spec)
{
    struct sp_langs l;
    struct sp_error err = { 0 };

    if (sp_i18n_parse(spec, "--lang", &l, &err) == 0)
        sp_i18n_set_output(&l);
    else
        OK(0, "parse '%s': %s", spec, err.msg);
}

static void test_table(void)
{
    size_t n;
    const struct sp_language *v = sp_i18n_list(&n);
    static const char *const want[] = { "en", "cy", "de", "pl", "ur", "pa", "bn", "ar", "fa" };

    EQ_INT(n, G_N_ELEMENTS(want), "nine languages shipped");
    for (size_t i = 0; i < n && i < G_N_ELEMENTS(want); i++)
        EQ_STR(v[i].code, want[i], "in the README's order");
    EQ_STR(sp_i18n_find("de-DE")->code, "de", "de-DE is German");
    EQ_STR(sp_i18n_find("EN_gb")->code, "en", "EN_gb is English, any case, '_' for '-'");
    EQ_STR(sp_i18n_find("cy_GB.UTF-8")->code, "cy", "a locale name finds its language");
    EQ_STR(sp_i18n_find("pa-Guru")->code, "pa", "Punjabi in Gurmukhi");
    OK(sp_i18n_find("pa-Arab") == NULL, "Punjabi in Shahmukhi is not the Gurmukhi catalogue");
    OK(sp_i18n_find("fr") == NULL, "French is not shipped");
    OK(sp_i18n_find("ur")->rtl && sp_i18n_find("ar")->rtl && sp_i18n_find("fa")->rtl &&
       !sp_i18n_find("bn")->rtl, "Urdu, Arabic and Farsi are right to left, Bengali is not");
    OK(sp_i18n_find("de")->clock24 && !sp_i18n_find("en")->clock24 &&
       !sp_i18n_find("cy")->clock24, "German writes 24-hour times, English and Welsh do not");
}

static void test_parse(void)
{
    struct sp_langs l;
    struct sp_error err = { 0 };

    EQ_INT(sp_i18n_parse("cy+en", "--lang", &l, &err), 0, "cy+en parses");
    EQ_STR(l.first->code, "cy", "Welsh first");
    EQ_STR(l.second->code, "en", "English second");
    EQ_INT(sp_i18n_parse("en+cy", "--lang", &l, &err), 0, "en+cy parses");
    EQ_STR(l.first->code, "cy", "with Welsh in the pair, Welsh first (en+cy is cy+en)");
    EQ_STR(l.tag, "cy", "the document's /Lang is the first language's");
    EQ_INT(sp_i18n_parse("pl+en", "--lang", &l, &err), 0, "any pair");
    EQ_STR(l.first->code, "pl", "other pairs keep their order");
    EQ_INT(sp_i18n_parse("de-DE", "lang", &l, &err), 0, "de-DE");
    EQ_STR(l.tag, "de-DE", "the tag as written is the document's /Lang");
    EQ_INT(sp_i18n_parse("cy+cy", "--lang", &l, &err), 0, "cy+cy");
    OK(l.second == NULL, "cy+cy is Welsh alone");
    EQ_INT(sp_i18n_parse("fr", "--lang", &l, &err), -1, "fr refused");
    EQ_STR(err.msg, "--lang: signpost has no words in 'fr'; it speaks en, cy, de, pl, ur, pa, "
           "bn, ar, fa", "the message names what it speaks");
    EQ_INT(err.code, SP_ERR_USAGE, "a usage error");
    memset(&err, 0, sizeof err);
    EQ_INT(sp_i18n_parse("cy+xx", "lang", &l, &err), -1, "cy+xx refused");
    EQ_STR(err.msg, "lang: signpost has no words in 'xx'; it speaks en, cy, de, pl, ur, pa, bn, "
           "ar, fa", "naming the unknown one of the pair");
}

static void test_lookup(void)
{
    use("de");
    EQ_STR(sp_tr("Monday"), "Montag", "German");
    EQ_STR(sp_trc("date", "November"), "November", "a context");
    EQ_STR(sp_tr("no such msgid"), "no such msgid", "an unknown msgid is itself");
    use("pl");
    EQ_STR(sp_trc("date", "November"), "listopada", "Polish months in a date: genitive");
    EQ_STR(sp_trn("%zu page", "%zu pages", 1), "%zu strona", "Polish plural: 1");
    EQ_STR(sp_trn("%zu page", "%zu pages", 3), "%zu strony", "Polish plural: 3");
    EQ_STR(sp_trn("%zu page", "%zu pages", 5), "%zu stron", "Polish plural: 5");
    EQ_STR(sp_trn("%zu page", "%zu pages", 22), "%zu strony", "Polish plural: 22");
    use("cy");
    EQ_STR(sp_trn("%zu sheet", "%zu sheets", 2), "%zu ddalen", "Welsh plural: 2 (soft mutation)");
    use("ar");
    EQ_STR(sp_trn("%zu page", "%zu pages", 2), "%zu صفحتان", "Arabic plural: the dual");
    /* back and forth, as a bilingual output does for each word */
    use("cy+en");
    for (int i = 0; i < 3; i++) {
        sp_i18n_use(sp_i18n_find("cy"));
        EQ_STR(sp_tr("Monday"), "Dydd Llun", "Welsh, then...");
        sp_i18n_use(sp_i18n_find("en"));
        EQ_STR(sp_tr("Monday"), "Monday", "... English, then Welsh again");
    }
    sp_i18n_use(NULL);
    EQ_STR(sp_say(&a, "Monday", NULL, NULL, NULL),
           "Dydd Llun / " SP_I18N_SECOND "Monday" SP_I18N_END, "sp_say joins Welsh / English");
    EQ_STR(sp_say(&a, "Page {1} of {2}", "1", "3", NULL),
           "Tudalen 1 o 3 / " SP_I18N_SECOND "Page 1 of 3" SP_I18N_END, "with the values in both");
    EQ_STR(sp_say(&a, "LGBTQ+", NULL, NULL, NULL), "LHDTC+ / " SP_I18N_SECOND "LGBTQ+"
           SP_I18N_END, "a label");
    EQ_STR(sp_words_days(SP_DAY_BIT(1) | SP_DAY_BIT(2) | SP_DAY_BIT(3) | SP_DAY_BIT(4) |
                         SP_DAY_BIT(5), -1, SP_DAYS_LONG, &a),
           "Dydd Llun – Dydd Gwener / " SP_I18N_SECOND "Monday to Friday" SP_I18N_END,
           "a whole phrase in each language, not word by word");
    sp_i18n_set_output(NULL);
}

static void test_fill(void)
{
    use("en");
    EQ_STR(sp_i18n_fill(&a, "{2}, {1}{3}", "a", "b", NULL), "b, a", "fill in any order");
    use("ur");
    EQ_STR(sp_i18n_fill(&a, "{1} (x)", "Hope Group", NULL, NULL),
           "\xE2\x81\xA8Hope Group\xE2\x81\xA9 (x)",
           "right to left: a value is isolated (U+2068 ... U+2069)");
    EQ_STR(sp_i18n_iso(&a, "12 High Street"), "\xE2\x81\xA8" "12 High Street\xE2\x81\xA9",
           "and so is an address");
    use("en");
    EQ_STR(sp_i18n_iso(&a, "12 High Street"), "12 High Street", "left to right: as it is");
    EQ_STR(sp_i18n_join(&a, "Ar-lein", "Online"),
           "Ar-lein / " SP_I18N_SECOND "Online" SP_I18N_END, "join");
    EQ_STR(sp_i18n_join(&a, "LGBTQ+", "LGBTQ+"), "LGBTQ+", "the same words once");
    OK(sp_i18n_marked(sp_i18n_join(&a, "a", "b")), "a join is marked");
    EQ_STR(sp_i18n_plain(&a, sp_i18n_join(&a, "Ar-lein", "Online")), "Ar-lein / Online",
           "plain: the marks left out");
    EQ_STR(sp_i18n_plain(&a, "\xE2\x81\xA8x\xE2\x81\xA9"), "x", "and the isolates");
    sp_i18n_set_output(NULL);
}

static void test_dates_times(void)
{
    time_t d = 1795651200;  /* 2026-11-26 */

    use("en");
    EQ_STR(sp_words_time(19 * 60 + 30, SP_TIME_12H, &a), "7.30pm", "English: 7.30pm");
    EQ_STR(sp_words_date(d, &a), "26 November 2026", "English date");
    use("de");
    EQ_STR(sp_words_time(19 * 60 + 30, SP_TIME_12H, &a), "19:30",
           "German: 24-hour whatever the layout says");
    EQ_STR(sp_words_time_range(19 * 60, 20 * 60 + 30, SP_TIME_12H, &a),
           "19:00" SP_NBSP "bis" SP_NBSP "20:30", "a German range, glued");
    EQ_STR(sp_words_date(d, &a), "26. November 2026", "German date");
    use("pl");
    EQ_STR(sp_words_date(d, &a), "26 listopada 2026", "Polish date: the month in the genitive");
    use("cy");
    EQ_STR(sp_words_time(19 * 60 + 30, SP_TIME_12H, &a), "7.30yh", "Welsh: 7.30yh");
    EQ_STR(sp_words_time(10 * 60, SP_TIME_12H, &a), "10yb", "Welsh: 10yb");
    EQ_STR(sp_words_time(12 * 60, SP_TIME_12H, &a), "canol dydd", "Welsh: noon");
    EQ_STR(sp_words_date(d, &a), "26 Tachwedd 2026", "Welsh date");
    use("cy+en");
    EQ_STR(sp_words_time(19 * 60 + 30, SP_TIME_12H, &a), "19:30",
           "bilingual: one 24-hour time, read the same in both languages");
    use("ur");
    EQ_STR(sp_words_time(19 * 60 + 30, SP_TIME_12H, &a), "19:30",
           "Urdu: 24-hour, Western digits (left to right inside the line)");
    sp_i18n_set_output(NULL);
}

static void test_world_ids(void)
{
    struct sp_type wchr = { "WC", "barrierefrei", "WCHR", true };
    struct sp_type wchr_en = { "WC", "Wheelchair Accessible", "WCHR", true };
    struct sp_type bt = { "BT", "Basistext", "BT", true };
    struct sp_type x = { "X", "Wheelchair Access", NULL, true };
    struct sp_type types[] = { wchr, bt };
    struct sp_meeting m = { 0 };

    m.name = "Test";
    m.types = types;
    m.ntypes = 2;
    use("en");
    EQ_STR(sp_words_type_label(&m, &wchr), "Step-free access",
           "BMLT WCHR 'barrierefrei' is signpost's step-free access");
    EQ_STR(sp_words_type_label(&m, &wchr_en), "Step-free access", "and so is 'Wheelchair Accessible'");
    EQ_STR(sp_words_type_label(&m, &x), "Step-free access", "as is Meeting Guide X");
    EQ_STR(sp_words_type_label(&m, &bt), "Basistext", "a format signpost has no words for keeps "
           "its feed's text");
    use("de");
    EQ_STR(sp_words_type_label(&m, &wchr_en), "Stufenloser Zugang", "printed in the output language");
    EQ_STR(sp_words_types(&m, &a), "Stufenloser Zugang, Basistext", "in a list");
    sp_i18n_set_output(NULL);
}

static void test_faces(void)
{
    struct sp_font f = { NULL, 18, false, NULL };
    static const char farsi[] = "\xd8\xac\xd9\x84\xd8\xb3\xd9\x87 \xd8\xaf\xd9\x88\xd8\xb3\xd8\xaa"
                                "\xd8\xa7\xd9\x86 \xdb\x8c\xda\xa9\xd8\xb4\xd9\x86\xd8\xa8\xd9\x87";
    static const char arabic[] = "\xd8\xa7\xd8\xac\xd8\xaa\xd9\x85\xd8\xa7\xd8\xb9 \xd8\xa7\xd9\x84"
                                 "\xd8\xac\xd9\x85\xd8\xb9\xd8\xa9";
    static const char urdu[] = "\xdb\x81\xd8\xb1 \xd9\x85\xd9\x86\xda\xaf\xd9\x84 \xda\xa9\xd9\x88"
                               " \xd9\x85\xdb\x8c\xd9\xb9\xd9\x86\xda\xaf";

    sp_i18n_set_output(NULL);
    EQ_STR(sp_text_guess_lang(farsi), "fa", "Farsi told by its letters (yeh, keheh, heh)");
    EQ_STR(sp_text_guess_lang(arabic), "ar", "Arabic by its letters (teh marbuta)");
    EQ_STR(sp_text_guess_lang(urdu), "ur", "Urdu by its letters (tteh, heh goal)");
    EQ_STR(sp_text_guess_lang("Hope Group \xd8\xac\xd9\x84\xd8\xb3\xd9\x87 meets here"), NULL,
           "a Latin line with a Farsi word is a Latin line");
    EQ_STR(sp_text_font_of(t, &f, farsi, &a), "Noto Naskh Arabic", "Farsi in Naskh");
    EQ_STR(sp_text_font_of(t, &f, arabic, &a), "Noto Naskh Arabic", "Arabic in Naskh");
    EQ_STR(sp_text_font_of(t, &f, urdu, &a), "Noto Nastaliq Urdu", "Urdu in Nastaliq");
    f.lang = "fa";
    EQ_STR(sp_text_font_of(t, &f, "\xd8\xac\xd9\x84\xd8\xb3\xd9\x87", &a), "Noto Naskh Arabic",
           "a short word of a Farsi text (no telling letters) in Naskh by its language");
    f.lang = "ur";
    EQ_STR(sp_text_font_of(t, &f, "\xd8\xac\xd9\x84\xd8\xb3\xd9\x87", &a), "Noto Nastaliq Urdu",
           "the same word in an Urdu text in Nastaliq");
}

static void test_even_lines(void)
{
    struct sp_font f = { NULL, 18, true, NULL };
    struct sp_line *latin, *mixed, *farsi;
    double h, base;

    sp_text_break(t, &f, "Tuesday Night Step Study", 1000, &a, &latin);
    sp_text_break(t, &f, "Tuesday Night \xd8\xac\xd9\x84\xd8\xb3\xd9\x87 \xd8\xaf\xd9\x88\xd8\xb3"
                  "\xd8\xaa\xd8\xa7\xd9\x86 Study", 1000, &a, &mixed);
    sp_text_break(t, &f, "\xd8\xac\xd9\x84\xd8\xb3\xd9\x87 \xd8\xaf\xd9\x88\xd8\xb3\xd8\xaa\xd8\xa7"
                  "\xd9\x86 \xdb\x8c\xda\xa9\xd8\xb4\xd9\x86\xd8\xa8\xd9\x87", 1000, &a, &farsi);
    sp_text_metrics(t, &f, &h, &base);
    NEAR(mixed[0].height, latin[0].height, 0.01,
         "a Farsi name in a Latin line keeps the line's height (even spacing)");
    NEAR(mixed[0].baseline, latin[0].baseline, 0.01, "and its baseline");
    OK(farsi[0].height > latin[0].height + 1,
       "a Farsi line keeps its own (taller) Naskh line (%.1f > %.1f)", farsi[0].height,
       latin[0].height);
}

/* The plan pass: a bilingual line becomes two runs, the second with its language. */
static void test_plan_runs(void)
{
    struct sp_plan p;
    struct sp_page *pg;
    struct sp_item it = { 0 };
    const char *text;

    use("cy+en");
    sp_plan_init(&p, 600, 800);
    pg = sp_plan_add_page(&p);
    text = sp_say(&p.arena, "Monday", NULL, NULL, NULL);
    it.kind = SP_ITEM_TEXT;
    it.x = 50;
    it.y = 100;
    it.font.size = 18;
    it.text = text;
    it.w = sp_text_width(t, &it.font, text);
    it.h = 23.4;
    sp_plan_add(&p, pg, &it);
    sp_plan_tag(&p, pg, false, "H2", NULL, NULL);
    sp_tr_plan_finish(&p, t);
    EQ_STR(p.lang, "cy", "the document is Welsh");
    EQ_INT(p.pages[0].n, 3, "the line is two runs (and the end tag)");
    EQ_STR(p.pages[0].items[0].text, "Dydd Llun / ", "the Welsh run, first");
    OK(p.pages[0].items[0].font.lang == NULL, "in the document's language");
    EQ_STR(p.pages[0].items[1].text, "Monday", "the English run");
    EQ_STR(p.pages[0].items[1].font.lang, "en-GB", "with its own language (its /Lang)");
    OK(p.pages[0].items[1].x > p.pages[0].items[0].x + p.pages[0].items[0].w - 0.5,
       "after the Welsh, on the same line");
    NEAR(p.pages[0].items[1].x + p.pages[0].items[1].w, 50 + it.w, 1.0,
         "the runs cover the line as it was measured");
    sp_plan_release(&p);
    sp_i18n_set_output(NULL);
}

/* The plan pass: a right-to-left output is mirrored. */
static void test_plan_mirror(void)
{
    struct sp_plan p;
    struct sp_page *pg;
    struct sp_item it = { 0 };

    use("ur");
    sp_plan_init(&p, 600, 800);
    pg = sp_plan_add_page(&p);
    it.kind = SP_ITEM_TEXT;
    it.x = 40;
    it.w = 100;
    it.text = "19:30";
    sp_plan_add(&p, pg, &it);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_RULE;
    it.x = 40;
    it.w = 520;
    sp_plan_add(&p, pg, &it);
    memset(&it, 0, sizeof it);
    it.kind = SP_ITEM_TAG_BEGIN;
    it.text = "Link";
    it.attr = "uri='https://example.org/m' rect=[40.00 100.00 90.00 90.00]";
    sp_plan_add(&p, pg, &it);
    sp_tr_plan_finish(&p, t);
    NEAR(p.pages[0].items[0].x, 600 - 40 - 100, 0.001, "text: the box is mirrored (right side)");
    NEAR(p.pages[0].items[1].x, 40, 0.001, "a full-width rule stays where it was");
    EQ_STR(p.pages[0].items[2].attr, "uri='https://example.org/m' rect=[470.00 100.00 90.00 90.00]",
           "a link's rectangle is mirrored with its code");
    EQ_STR(p.lang, "ur", "the document is Urdu");
    sp_plan_release(&p);
    sp_i18n_set_output(NULL);
}

static void test_messages(void)
{
    char *was = g_strdup(g_getenv("LANGUAGE"));

    g_setenv("LC_ALL", "de_DE.UTF-8", TRUE);
    g_unsetenv("LANGUAGE");
    sp_i18n_messages_from_env();
    EQ_STR(sp_msg("no meetings to show (check the selection options)"),
           "keine Meetings anzuzeigen (prüfen Sie die Auswahloptionen)",
           "messages in the user's language (LC_ALL)");
    g_setenv("LANGUAGE", "cy:de", TRUE);
    sp_i18n_messages_from_env();
    EQ_STR(sp_msg("no command given"), "dim gorchymyn wedi'i roi",
           "LANGUAGE's first shipped language wins");
    g_setenv("LC_ALL", "C", TRUE);
    sp_i18n_messages_from_env();
    EQ_STR(sp_msg("no command given"), "no command given",
           "in the C locale LANGUAGE is ignored (as gettext does)");
    use("cy");
    EQ_STR(sp_tr("Monday"), "Dydd Llun", "the output language is apart from the messages'");
    sp_i18n_set_output(NULL);
    if (was)
        g_setenv("LANGUAGE", was, TRUE);
    else
        g_unsetenv("LANGUAGE");
    g_free(was);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };

    test_init(argc, argv);
    sp_arena_init(&a);
    OK(g_file_test("locale/cy/LC_MESSAGES/signpost.mo", G_FILE_TEST_IS_REGULAR),
       "the catalogues are built (make builds locale/ before make check)");
    sp_i18n_bind("locale");
    t = sp_text_new("fonts", "build/fccache-test", &err);
    OK(t != NULL, "text engine (%s)", err.msg);
    TEST_RUN(test_table);
    TEST_RUN(test_parse);
    TEST_RUN(test_lookup);
    TEST_RUN(test_fill);
    TEST_RUN(test_dates_times);
    TEST_RUN(test_world_ids);
    if (t) {
        TEST_RUN(test_faces);
        TEST_RUN(test_even_lines);
        TEST_RUN(test_plan_runs);
        TEST_RUN(test_plan_mirror);
    }
    TEST_RUN(test_messages);
    sp_text_free(t);
    sp_arena_free(&a);
    return test_done();
}
