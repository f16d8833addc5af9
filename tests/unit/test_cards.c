/*
 * test_cards.c - tear-off tabs (tabs.c) on an A4 poster page: strip height, ten rotated
 * tabs inside the page, text at least 16 pt, dashed cut lines, QR codes only when they fit
 * at 15 mm, one tab tagged and the others artifacts, nothing overlapping.  With
 * SP_TABS_PDF=path it also writes the page there for tests/cards/tabs.t.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"
#include "compose/compose.h"
#include "compose/flow.h"
#include "compose/tabs.h"
#include "layout/layout.h"
#include "layout/settings.h"
#include "output/out.h"

static struct sp_text *tx;
static struct sp_arena ar;
static struct sp_layout lay;
static struct sp_settings set;

static void setup(struct sp_compose_in *in, int tabs)
{
    memset(in, 0, sizeof *in);
    in->layout = &lay;
    in->settings = &set;
    in->tabs = tabs;
}

static int overlap(const struct sp_item *a, const struct sp_item *b)
{
    return a->x < b->x + b->w - 0.01 && b->x < a->x + a->w - 0.01 &&
           a->y < b->y + b->h - 0.01 && b->y < a->y + a->h - 0.01;
}

static void count(const struct sp_page *pg, int *text, int *qr, int *rule, int *p)
{
    *text = *qr = *rule = *p = 0;
    for (size_t i = 0; i < pg->n; i++) {
        const struct sp_item *it = &pg->items[i];
        *text += it->kind == SP_ITEM_TEXT;
        *qr += it->kind == SP_ITEM_QR;
        *rule += it->kind == SP_ITEM_RULE;
        *p += it->kind == SP_ITEM_TAG_BEGIN && !strcmp(it->text, "P");
    }
}

/* Text and QR items marked as layout artifacts, and Link / Figure tags. */
static void count_marked(const struct sp_page *pg, int *art, int *links, int *figures)
{
    *art = *links = *figures = 0;
    for (size_t i = 0; i < pg->n; i++) {
        const struct sp_item *it = &pg->items[i];
        *art += (it->kind == SP_ITEM_TEXT || it->kind == SP_ITEM_QR) &&
                it->artifact == SP_ARTIFACT_LAYOUT;
        *links += it->kind == SP_ITEM_TAG_BEGIN && !strcmp(it->text, "Link");
        *figures += it->kind == SP_ITEM_TAG_BEGIN && !strcmp(it->text, "Figure");
    }
}

static void check_page(const struct sp_page *pg, const char *what)
{
    double edge = SP_MM(5);
    int inside = 1, big = 1, rot = 1, apart = 1, dashed = 1, qrok = 1;

    for (size_t i = 0; i < pg->n; i++) {
        const struct sp_item *it = &pg->items[i];
        double x1 = it->x + it->w, y1 = it->y + it->h;
        if (it->kind == SP_ITEM_TAG_BEGIN || it->kind == SP_ITEM_TAG_END)
            continue;
        if (it->kind == SP_ITEM_RULE) {
            x1 = it->x + (it->w > 0 ? it->w : 0);
            y1 = it->y + (it->h > 0 ? it->h : 0);
            dashed &= it->dash > 0;
        }
        if (it->x < edge || it->y < edge || x1 > lay.width - edge || y1 > lay.height - edge)
            inside = 0;
        if (it->kind == SP_ITEM_TEXT) {
            big &= it->font.size >= 16;
            rot &= it->rotate == 90;
        }
        if (it->kind == SP_ITEM_QR)
            qrok &= it->w >= SP_MM(15) - 0.01 && it->qr->ecl == 'Q';
        if (it->kind != SP_ITEM_TEXT && it->kind != SP_ITEM_QR)
            continue;
        for (size_t k = i + 1; k < pg->n; k++)
            if ((pg->items[k].kind == SP_ITEM_TEXT || pg->items[k].kind == SP_ITEM_QR) &&
                overlap(it, &pg->items[k]))
                apart = 0;
    }
    OK(inside, "%s: everything at least 5 mm from the sheet edge", what);
    OK(big, "%s: tab text at least 16pt", what);
    OK(rot, "%s: tab text reads bottom-to-top (rotate 90)", what);
    OK(apart, "%s: no text or QR code overlaps another", what);
    OK(dashed, "%s: every cut line is dashed", what);
    OK(qrok, "%s: tab QR codes at least 15 mm, EC level Q", what);
}

static void test_height(void)
{
    NEAR(sp_tabs_height(&lay, 0), 0, 1e-9, "no tabs: nothing reserved");
    NEAR(sp_tabs_height(&lay, 10), lay.tab_height + SP_MM(4), 1e-6,
         "10 tabs: tab height plus the 4 mm gap");
}

static void test_short_tabs(void)
{
    struct sp_compose_in in;
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_error err = { 0 };
    int text, qr, rule, p, art, links, figures;

    setup(&in, 10);
    sp_plan_init(&plan, lay.width, lay.height);
    pg = sp_plan_add_page(&plan);
    lay.tab_height = SP_MM(70);
    EQ_INT(sp_tabs_emit(&plan, pg, &in, tx, sp_tabs_count(&in), true, &err), 0,
           "70 mm tabs emit");
    count(pg, &text, &qr, &rule, &p);
    count_marked(pg, &art, &links, &figures);
    EQ_INT(text, 20, "70 mm: link and phone on every tab");
    EQ_INT(p, 1, "70 mm: one tab is a P, read once");
    EQ_INT(art, 18, "70 mm: the other nine tabs' text are artifacts");
    EQ_INT(qr, 0, "70 mm: no QR code (a 15 mm code does not fit beside 16pt text)");
    EQ_INT(rule, 12, "70 mm: tear line and 11 cut lines");
    check_page(pg, "70 mm");
    sp_plan_release(&plan);

    /* a later sheet of a set: every tab an artifact */
    sp_plan_init(&plan, lay.width, lay.height);
    pg = sp_plan_add_page(&plan);
    EQ_INT(sp_tabs_emit(&plan, pg, &in, tx, 10, false, &err), 0, "untagged tabs emit");
    count(pg, &text, &qr, &rule, &p);
    count_marked(pg, &art, &links, &figures);
    EQ_INT(p, 0, "without tag_first: no tab is tagged");
    EQ_INT(art, 20, "without tag_first: all 20 lines are artifacts");
    sp_plan_release(&plan);
}

static void test_tall_tabs(void)
{
    struct sp_compose_in in;
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_error err = { 0 };
    int text, qr, rule, p, art, links, figures;
    const char *pdf = getenv("SP_TABS_PDF");

    setup(&in, 8);
    sp_plan_init(&plan, lay.width, lay.height);
    pg = sp_plan_add_page(&plan);
    lay.tab_height = SP_MM(85);
    sp_plan_tag(&plan, pg, true, "Document", NULL, NULL);
    EQ_INT(sp_tabs_emit(&plan, pg, &in, tx, 8, true, &err), 0, "85 mm tabs emit");
    sp_plan_tag(&plan, pg, false, "Document", NULL, NULL);
    count(pg, &text, &qr, &rule, &p);
    count_marked(pg, &art, &links, &figures);
    EQ_INT(text, 16, "85 mm: eight tabs of two lines");
    EQ_INT(p, 1, "85 mm: one tab tagged");
    EQ_INT(qr, 8, "85 mm: a QR code on every tab");
    EQ_INT(art, 7 * 2 + 7, "85 mm: seven tabs' text and codes are artifacts");
    EQ_INT(links, 1, "85 mm: one link, the first tab's code");
    EQ_INT(figures, 1, "85 mm: its Figure (inside the Link)");
    EQ_INT(rule, 10, "85 mm: tear line and 9 cut lines");
    check_page(pg, "85 mm");
    if (pdf) {
        struct sp_out_opts oo = { SP_OUT_PDF, 150, 0, "signpost test" };
        plan.title = "Tabs test";
        plan.lang = "en-GB";
        EQ_INT(sp_out_write(&plan, tx, pdf, &oo, &err), 0, "tabbed page written");
    }
    sp_plan_release(&plan);
}

static void test_errors(void)
{
    struct sp_compose_in in;
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_error err = { 0 };
    struct sp_settings empty;

    sp_settings_defaults(&empty);
    setup(&in, 10);
    in.settings = &empty;
    sp_plan_init(&plan, lay.width, lay.height);
    pg = sp_plan_add_page(&plan);
    EQ_INT(sp_tabs_emit(&plan, pg, &in, tx, 10, true, &err), -1, "nothing to print: error");
    EQ_STR(err.msg, "tear-off tabs need a 'short-link', 'website', 'directory-url' or 'phone' "
           "in the settings file", "message names the settings keys");
    EQ_INT((int)pg->n, 0, "nothing drawn");
    memset(&err, 0, sizeof err);
    lay.tab_height = SP_MM(30);
    EQ_INT(sp_tabs_emit(&plan, pg, &in, tx, 0, true, &err), 0,
           "0 tabs: nothing to do");
    sp_plan_release(&plan);
}

static void test_too_long(void)
{
    struct sp_compose_in in;
    struct sp_plan plan;
    struct sp_page *pg;
    struct sp_error err = { 0 };
    struct sp_settings s = set;

    s.short_link = "example.org/a-very-long-link-to-every-meeting";
    setup(&in, 10);
    in.settings = &s;
    lay.tab_height = SP_MM(55);
    sp_plan_init(&plan, lay.width, lay.height);
    pg = sp_plan_add_page(&plan);
    EQ_INT(sp_tabs_emit(&plan, pg, &in, tx, 10, true, &err), -1,
           "link too long for the tab: error");
    OK(strstr(err.msg, "'example.org/a-very-long-link-to-every-meeting' does not fit a 19 x 55 "
                       "mm tab at 16pt") != NULL, "message says what does not fit: %s", err.msg);
    sp_plan_release(&plan);
}

int main(int argc, char **argv)
{
    struct sp_error err = { 0 };

    test_init(argc, argv);
    sp_arena_init(&ar);
    if (sp_layout_load("poster-a4", ".", &ar, &lay, &err) != 0 ||
        sp_settings_load("examples/settings.ini", &ar, &set, &err) != 0 ||
        !(tx = sp_text_new("fonts", "build/fccache", &err))) {
        printf("Bail out! %s\n", err.msg);
        return 1;
    }
    TEST_RUN(test_height);
    TEST_RUN(test_short_tabs);
    TEST_RUN(test_tall_tabs);
    TEST_RUN(test_errors);
    TEST_RUN(test_too_long);
    sp_text_free(tx);
    sp_arena_free(&ar);
    return test_done();
}
