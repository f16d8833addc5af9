/*
 * test_lists.c - the list composers (leaflets, booklets, tri-folds) on meetings made in
 * code, and their helpers: cached-width line breaking (wrap.c) against pango's own
 * measurements, cutting text short (shorten.c), the fellowship named once or per entry (or
 * not at all when unknown), merged rows and their pointers, list structure and artifacts
 * in the plan, and per-meeting problems reported once per output.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"
#include "compose/compose.h"
#include "compose/shorten.h"
#include "compose/wrap.h"
#include "layout/layout.h"
#include "layout/settings.h"

static struct sp_text *tx;
static struct sp_arena ar;
static struct sp_settings set;

#define MON SP_DAY_BIT(1)
#define TUE SP_DAY_BIT(2)
#define WED SP_DAY_BIT(3)
#define FRI SP_DAY_BIT(5)

static struct sp_meeting meeting(const char *name, const char *fellowship, unsigned days,
                                 int start, size_t index)
{
    struct sp_meeting m = { 0 };

    m.name = name;
    m.fellowship = fellowship;
    m.days = days;
    m.start_min = start;
    m.end_min = start + 60;
    m.timezone = "Europe/London";
    m.attendance = SP_ATTEND_IN_PERSON;
    m.venue = "Example Hall";
    m.address = "1 High Street";
    m.town = "Cardiff";
    m.postcode = "CF10 1AA";
    m.region = "Cardiff";
    m.file = "test.json";
    m.line = (int)index + 1;
    m.record = (int)index + 1;
    m.index = index;
    return m;
}

static int compose(const char *layout, struct sp_meeting *m, size_t n, struct sp_diag *diag,
                   struct sp_plan *plan)
{
    struct sp_layout lay;
    struct sp_compose_in in;
    const struct sp_meeting **v = xmalloc(n * sizeof *v);
    struct sp_error err = { 0 };
    int rc;

    for (size_t i = 0; i < n; i++)
        v[i] = &m[i];
    if (sp_layout_load(layout, ".", &ar, &lay, &err) != 0) {
        printf("# %s\n", err.msg);
        free(v);
        return -1;
    }
    memset(&in, 0, sizeof in);
    in.meetings = v;
    in.n = n;
    in.layout = &lay;
    in.settings = &set;
    in.date = 1795651200;  /* 26 November 2026 */
    in.start_day = -1;
    in.tabs = -1;
    in.diag = diag;
    sp_plan_init(plan, lay.width, lay.height);
    rc = sp_compose(&in, tx, plan, &err);
    if (rc != 0)
        printf("# %s\n", err.msg);
    free(v);
    return rc;
}

/* How often text (a whole line's text) occurs in the plan; with prefix, lines starting so. */
static int count_text(const struct sp_plan *p, const char *text, bool prefix)
{
    int n = 0;

    for (size_t i = 0; i < p->npages; i++)
        for (size_t k = 0; k < p->pages[i].n; k++) {
            const struct sp_item *it = &p->pages[i].items[k];
            if (it->kind == SP_ITEM_TEXT &&
                (prefix ? !strncmp(it->text, text, strlen(text)) : !strcmp(it->text, text)))
                n++;
        }
    return n;
}

/* Text anywhere inside a line (for words that may share a line with others). */
static int count_in(const struct sp_plan *p, const char *text)
{
    int n = 0;

    for (size_t i = 0; i < p->npages; i++)
        for (size_t k = 0; k < p->pages[i].n; k++) {
            const struct sp_item *it = &p->pages[i].items[k];
            const char *s = it->kind == SP_ITEM_TEXT ? it->text : NULL;
            for (; s && (s = strstr(s, text)); s += strlen(text))
                n++;
        }
    return n;
}

/* How often text occurs in the plan's text read as one run (lines joined with spaces). */
static int count_joined(const struct sp_plan *p, const char *text)
{
    GString *g = g_string_new(NULL);
    int n = 0;

    for (size_t i = 0; i < p->npages; i++)
        for (size_t k = 0; k < p->pages[i].n; k++)
            if (p->pages[i].items[k].kind == SP_ITEM_TEXT)
                g_string_append_printf(g, "%s ", p->pages[i].items[k].text);
    for (const char *s = g->str; (s = strstr(s, text)); s += strlen(text))
        n++;
    g_string_free(g, TRUE);
    return n;
}

/* ---- wrap.c: cached widths against pango ---- */

static void test_wrap(void)
{
    static const char *const texts[] = {
        /* 0 */ "Rowan Tree Community Centre, 14 Heol y Wennol, CF11 9ZA. Monday and "
                "Wednesday. Open to all, Discussion, Step-free access. Use the side door on "
                "Heol y Wennol.",
        /* 1 */ "Cyfarfod dwyieithog: Cymraeg a Saesneg. Mae'r drws wrth ochr y T\xC5\xB7 Capel.",
        /* 2 */ "Mityng w j\xC4\x99zyku polskim. Wej\xC5\x9B" "cie od strony parkingu, pierwsze "
                "pi\xC4\x99tro.",
        /* 3 */ "Meeting ID 812\xC2\xA0" "3456\xC2\xA0" "7890, passcode 2468. Dial in "
                "01632\xC2\xA0" "960101.",
    };
    struct sp_font fonts[2] = { { NULL, 16, false, NULL }, { NULL, 18, true, NULL } };
    struct sp_wrap *w = sp_wrap_new(tx);
    double worst = 0;
    int over = 0, lost = 0, lines = 0, narrower = 0;

    for (size_t f = 0; f < 2; f++)
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
            for (double width = 215; width <= 500; width += 95) {
                double widths[2] = { width - 40, width };
                struct sp_line *l;
                int n = sp_wrap_break(w, &fonts[f], texts[i], widths, 2, &ar, &l, NULL);
                GString *joined = g_string_new(NULL);
                for (int k = 0; k < n; k++) {
                    double pango = sp_text_width(tx, &fonts[f], l[k].text);
                    double d = (l[k].width - pango) / l[k].width;
                    if (pango > l[k].width + 0.01)
                        narrower++;
                    if (d > worst)
                        worst = d;
                    over += l[k].width > widths[k ? 1 : 0] + 0.01;
                    g_string_append_printf(joined, "%s%s", k ? " " : "", l[k].text);
                    lines++;
                }
                lost += strcmp(joined->str, texts[i]) != 0;
                g_string_free(joined, TRUE);
            }
    printf("# %d lines, at most %.2f %% wider than pango's shaping of the line\n", lines,
           worst * 100);
    EQ_INT(narrower, 0, "no line is narrower than pango shapes it (so none overflows its row)");
    OK(worst < 0.01, "and none more than 1 %% wider (kerning across spaces)");
    EQ_INT(over, 0, "no line wider than its row (the first row narrower)");
    EQ_INT(lost, 0, "the lines joined with spaces are the text: breaks at spaces only");

    {
        double widths[1] = { 60 };
        struct sp_line *l;
        bool broken = false;
        struct sp_font f = { NULL, 16, false, NULL };
        int n = sp_wrap_break(w, &f, "Llanfairpwllgwyngyllgogerychwyrndrobwll Hall", widths, 1,
                              &ar, &l, &broken);
        int wide = 0;
        for (int k = 0; k < n; k++)
            wide += l[k].width > 60.01;
        OK(n > 3, "a word wider than its row is broken between characters (%d lines)", n);
        EQ_INT(wide, 0, "and no part is wider than the row");
        OK(broken, "the caller is told its first word did not fit");
        n = sp_wrap_break(w, &f, "Short words here", widths, 1, &ar, &l, &broken);
        OK(!broken && n == 3, "short words: not broken (%d lines)", n);
        EQ_INT(sp_wrap_break(w, &f, "", widths, 1, &ar, &l, &broken), 0, "empty text: no lines");
    }
    {
        /* Urdu is shaped as a whole by pango, and still breaks */
        double widths[2] = { 100, 200 };
        struct sp_line *l;
        struct sp_font f = { NULL, 16, false, "ur" };
        int n = sp_wrap_break(w, &f,
                              "\xDB\x8C\xDB\x81 \xD9\x85\xDB\x8C\xD9\xB9\xD9\x86\xDA\xAF "
                              "\xD8\xA7\xD8\xB1\xD8\xAF\xD9\x88 \xD8\xA7\xD9\x88\xD8\xB1 "
                              "\xD8\xA7\xD9\x86\xDA\xAF\xD8\xB1\xDB\x8C\xD8\xB2\xDB\x8C "
                              "\xD9\x85\xDB\x8C\xDA\xBA \xDB\x81\xD9\x88\xD8\xAA\xDB\x8C",
                              widths, 2, &ar, &l, NULL);
        OK(n >= 1 && l[0].width <= 100.01, "complex script: rows honoured (%d lines)", n);
    }
    sp_wrap_free(w);
}

/* ---- shorten.c ---- */

static void test_shorten(void)
{
    struct sp_font f = { NULL, 16, false, NULL };
    const char *note = "Use the side door on Heol y Wennol. Step-free access to the hall, and "
                       "tea and coffee after the meeting in the small room upstairs. Parking "
                       "in the yard at the back, by the gate marked Private.";
    const char *cut;

    EQ_STR(sp_shorten(tx, &f, "Short note.", 300, 300, 3, "", &ar), NULL,
           "text that fits is not cut");
    cut = sp_shorten(tx, &f, note, 300, 300, 2, " more at example.org/meetings", &ar);
    OK(cut != NULL, "a long note is cut");
    if (cut) {
        size_t k = strlen(cut) - strlen("\xE2\x80\xA6 more at example.org/meetings");
        OK(!strcmp(cut + k, "\xE2\x80\xA6 more at example.org/meetings"),
           "it ends '… more at <link>': %s", cut);
        OK(!strncmp(cut, note, k) && note[k] == ' ', "it is the note's start, cut after a word");
        OK(sp_shorten_lines(tx, &f, cut, 300, 300) <= 2, "it takes at most the 2 lines asked");
        OK(sp_shorten_lines(tx, &f, cut, 300, 300) == 2, "and uses them (no shorter than needed)");
    }
    cut = sp_shorten(tx, &f, note, 150, 300, 2, "", &ar);
    OK(cut && sp_shorten_lines(tx, &f, cut, 150, 300) <= 2,
       "a run-in first line (narrower) is counted as such");
    cut = sp_shorten(tx, &f, "https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 120, 120, 1, "", &ar);
    OK(cut && sp_shorten_lines(tx, &f, cut, 120, 120) == 1,
       "text with no space: cut between characters");
    EQ_STR(sp_shorten_name("Canton Lunchtime", 60, &ar), "Canton Lunchtime", "a short name stays");
    EQ_STR(sp_shorten_name("Caf\xC3\xA9 Llanfair Meeting", 4, &ar), "Caf\xC3\xA9\xE2\x80\xA6",
           "a long name: its first characters and '…' (UTF-8 safe)");
}

/* ---- leaflets ---- */

/* Structure: each page's tags nest and balance (Document aside); every text item is inside
   a P, Lbl or heading, or is furniture; furniture text is header; rules are layout. */
static void check_structure(const struct sp_plan *p, const char *what)
{
    int unbalanced = 0, loose = 0, bad_rule = 0, lbl_not_first = 0;

    for (size_t i = 0; i < p->npages; i++) {
        const char *stack[32];
        int depth = 0;
        for (size_t k = 0; k < p->pages[i].n; k++) {
            const struct sp_item *it = &p->pages[i].items[k];
            if ((it->kind == SP_ITEM_TAG_BEGIN || it->kind == SP_ITEM_TAG_END) &&
                !strcmp(it->text, "Document"))
                continue;
            if (it->kind == SP_ITEM_TAG_BEGIN) {
                if (!strcmp(it->text, "Lbl") && (depth == 0 || strcmp(stack[depth - 1], "LI")))
                    lbl_not_first++;
                if (depth < 32)
                    stack[depth] = it->text;
                depth++;
            } else if (it->kind == SP_ITEM_TAG_END) {
                if (depth == 0 || strcmp(stack[depth - 1], it->text))
                    unbalanced++;
                depth--;
            } else if (it->kind == SP_ITEM_TEXT && !it->artifact) {
                const char *t = depth ? stack[depth - 1] : "";
                if (strcmp(t, "P") && strcmp(t, "Lbl") && t[0] != 'H')
                    loose++;
            } else if (it->kind == SP_ITEM_RULE && it->artifact != SP_ARTIFACT_LAYOUT) {
                bad_rule++;
            }
        }
        unbalanced += depth != 0;
    }
    EQ_INT(unbalanced, 0, what);
    EQ_INT(loose, 0, "every text line is in a P, Lbl or heading, or is furniture");
    EQ_INT(bad_rule, 0, "rules are layout artifacts");
    EQ_INT(lbl_not_first, 0, "each Lbl is inside its LI");
}

static void test_fellowship(void)
{
    struct sp_meeting m[3] = {
        meeting("Canton Lunchtime", "Alcoholics Anonymous", MON, 750, 0),
        meeting("Roath Step", "Alcoholics Anonymous", TUE, 1140, 1),
        meeting("Bristol Recovery", "Narcotics Anonymous", WED, 1170, 2),
    };
    struct sp_plan p;

    EQ_INT(compose("leaflet-a5", m, 2, NULL, &p), 0, "one fellowship: composes");
    EQ_INT(count_text(&p, "Alcoholics Anonymous", false), 1, "named once, on the cover");
    EQ_INT(count_in(&p, "Alcoholics Anonymous."), 0, "and not in the entries");
    sp_plan_release(&p);
    EQ_INT(compose("leaflet-a5", m, 3, NULL, &p), 0, "two fellowships: composes");
    EQ_INT(count_text(&p, "Alcoholics Anonymous", false), 0, "no fellowship on the cover");
    EQ_INT(count_in(&p, "Alcoholics Anonymous.") + count_in(&p, "Narcotics Anonymous."), 3,
           "each entry names its own");
    sp_plan_release(&p);
    m[0].fellowship = m[1].fellowship = NULL;
    EQ_INT(compose("leaflet-a5", m, 2, NULL, &p), 0, "unknown fellowship: composes");
    EQ_INT(count_in(&p, "Anonymous"), 0, "none is printed");
    sp_plan_release(&p);
    m[1].fellowship = "Alcoholics Anonymous";
    EQ_INT(compose("leaflet-a5", m, 2, NULL, &p), 0, "one known, one unknown: composes");
    EQ_INT(count_text(&p, "Alcoholics Anonymous", false), 0,
           "not 'one fellowship': none on the cover");
    EQ_INT(count_in(&p, "Alcoholics Anonymous."), 1, "the known one is named in its entry");
    sp_plan_release(&p);
}

static void test_merged(void)
{
    struct sp_meeting m[4] = {
        meeting("Lunchtime Run", "Alcoholics Anonymous", MON | TUE | WED, 750, 0),
        meeting("Gap Group", "Alcoholics Anonymous", MON, 1140, 1),
        meeting("Gap Group", "Alcoholics Anonymous", WED, 1140, 2),
        meeting("Gap Group", "Alcoholics Anonymous", FRI, 1140, 3),
    };
    struct sp_plan p;

    EQ_INT(compose("leaflet-a5", m, 4, NULL, &p), 0, "merged rows compose");
    EQ_INT(count_text(&p, "Lunchtime Run", false), 1, "a run: one full entry");
    EQ_INT(count_in(&p, "Monday to Wednesday."), 1, "naming its days");
    EQ_INT(count_in(&p, "Lunchtime Run: see Monday"), 2, "a pointer under its other days");
    EQ_INT(count_text(&p, "Gap Group", false), 1, "three records that print the same: one entry");
    EQ_INT(count_in(&p, "Monday, Wednesday and Friday."), 1, "naming the three days");
    EQ_INT(count_in(&p, "Gap Group: see Monday"), 2, "a pointer under Wednesday and Friday");
    check_structure(&p, "leaflet: tags balance on every page");
    sp_plan_release(&p);

    EQ_INT(compose("trifold-dl", m, 4, NULL, &p), 0, "tri-fold of merged rows composes");
    EQ_INT(count_text(&p, "On several days", false), 1, "an 'On several days' group");
    EQ_INT(count_in(&p, ": see "), 0, "no pointers on a tri-fold");
    EQ_INT(count_in(&p, "Mon\xC2\xA0to\xC2\xA0Wed."), 1, "short day names on a tri-fold: a run");
    EQ_INT(count_in(&p, "Mon, Wed, Fri."), 1, "and a gap");
    check_structure(&p, "tri-fold: tags balance on every panel");
    sp_plan_release(&p);
}

static void test_reported_once(void)
{
    struct sp_meeting m[2] = {
        meeting("Canton Lunchtime", "Alcoholics Anonymous", MON, 750, 0),
        meeting("Roath Step", "Alcoholics Anonymous", TUE, 1140, 1),
    };
    struct sp_diag d;
    struct sp_plan p;
    GString *note = g_string_new(NULL);

    for (int i = 0; i < 300; i++)
        g_string_append_printf(note, "word%03d ", i);
    m[0].notes = note->str;
    sp_diag_init(&d);
    EQ_INT(compose("booklet-a5", m, 2, &d, &p), 0, "a 2,400-character note: the booklet is made");
    EQ_INT((int)d.n, 1, "the cut is reported once");
    if (d.n) {
        EQ_STR(d.v[0].file, "test.json", "with the meeting's file");
        EQ_INT(d.v[0].line, 1, "and line");
        OK(strstr(d.v[0].msg, "'Canton Lunchtime': its note (2400 characters) is cut to 3 lines")
           != NULL, "saying what was cut: %s", d.v[0].msg);
    }
    EQ_INT(count_in(&p, "\xE2\x80\xA6 more at example.org/meetings"), 1,
           "the note ends '… more at <directory link>'");
    EQ_INT(count_in(&p, "word299"), 0, "its end is left to the directory");
    sp_plan_release(&p);
    sp_diag_release(&d);
    g_string_free(note, TRUE);
}

static void test_monthly(void)
{
    struct sp_meeting m[2] = {
        meeting("Monthly Speaker", "Alcoholics Anonymous", MON, 1140, 0),
        meeting("Weekly Step", "Alcoholics Anonymous", TUE, 1140, 1),
    };
    struct sp_plan p;

    m[0].weeks = SP_WEEK_BIT(1) | SP_WEEK_BIT(3);
    EQ_INT(compose("leaflet-a5", m, 2, NULL, &p), 0, "a monthly meeting composes");
    EQ_INT(count_joined(&p, "Only in the first and third week of the month."), 1,
           "its entry says which weeks of the month");
    EQ_INT(count_joined(&p, "week of the month"), 1, "a weekly meeting says nothing of weeks");
    sp_plan_release(&p);
}

static void test_furniture(void)
{
    struct sp_meeting m[1] = { meeting("Canton Lunchtime", "Alcoholics Anonymous", MON, 750, 0) };
    struct sp_plan p;
    int heads = 0, other = 0;

    EQ_INT(compose("leaflet-a4", m, 1, NULL, &p), 0, "an A4 leaflet composes");
    for (size_t i = 0; i < p.npages; i++)
        for (size_t k = 0; k < p.pages[i].n; k++) {
            const struct sp_item *it = &p.pages[i].items[k];
            if (it->kind != SP_ITEM_TEXT || !it->artifact)
                continue;
            if (it->artifact == SP_ARTIFACT_HEADER &&
                (!strncmp(it->text, "Page ", 5) || i > 0))
                heads++;
            else
                other++;
        }
    EQ_INT(heads, (int)(p.npages - 1) * 2,
           "running head and 'Page n of N' on every page but the cover");
    EQ_INT(other, 0, "no other text is furniture");
    check_structure(&p, "A4 leaflet: tags balance on every page");
    sp_plan_release(&p);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };

    test_init(argc, argv);
    sp_arena_init(&ar);
    if (sp_settings_load("examples/settings.ini", &ar, &set, &err) != 0 ||
        !(tx = sp_text_new("fonts", "build/fccache", &err))) {
        printf("Bail out! %s\n", err.msg);
        return 1;
    }
    TEST_RUN(test_wrap);
    TEST_RUN(test_shorten);
    TEST_RUN(test_fellowship);
    TEST_RUN(test_merged);
    TEST_RUN(test_reported_once);
    TEST_RUN(test_monthly);
    TEST_RUN(test_furniture);
    sp_text_free(tx);
    sp_arena_free(&ar);
    return test_done();
}
