/*
 * cards.c - wallet cards (ISO/IEC 7810 ID-1), a grid per sheet (10 per A4), printed duplex
 * with long-edge flip: front sheet, back sheet, front, back...  The front has the
 * fellowship or service name (the key line), one welcome line, the short link and phone
 * when they fit, and a QR code (EC Q, symbol >= 22 mm) to the directory or to one online
 * meeting.  Directory cards (the default) are all the same card: the back carries the
 * selection's week (one line per merged meeting: days, time, name, place) when it fits at
 * the card sizes, else the helplines and "scan the front for every meeting".  --cards
 * split makes one such card per town, --cards online one per online meeting (its days,
 * time, meeting ID, passcode and dial-in on the back).  Sizes never shrink: a key line of
 * 16 pt, 14 pt elsewhere (the layout's floor).  Back cells are mirrored (x' = W - x - w).
 */
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "flow.h"
#include "qr.h"
#include "tr.h"
#include "shorten.h"
#include "words.h"

#define MARK_EDGE SP_MM(6)     /* crop marks stop this far from the sheet edge (row 37: 5) */
#define MARK_OFF  SP_MM(2)     /* and this far from the card edge */
#define MARK_MIN  SP_MM(2)     /* shorter marks are left out */
#define MARK_LW   0.5          /* points */
/* docs/standards.md L5 (leaflets, tri-folds and cards): the QR symbol itself (without its
   quiet zone) is at least 22 mm on cards, its modules 0.7 mm (two pixels of a 75 dpi scan
   or photocopy) where the card has room, never under 0.5 mm */
#define QR_SYMBOL_FLOOR SP_MM(22)
#define QR_MODULE_FLOOR SP_MM(0.7)
#define QR_MODULE_MIN SP_MM(0.5)   /* docs/standards.md L5: never smaller */

/* Every fixed text the cards print, in one place, in the output language(s) where used
   (tr.h: sp_say and the builders below). */
#define W_SUPPORT_MEETINGS N_("Support meetings")
#define W_MEETINGS N_("Meetings")
#define W_SCAN_JOIN N_("Scan to join online")
#define W_SCAN_JOIN_ON N_("Scan to join on {1}")  /* the site a meeting's code opens */
#define W_CODE_OPENS N_("Code opens {1}")
#define W_PHONE N_("Phone {1}")
#define W_HELPLINES N_("Helplines")
#define W_CONTACT N_("Contact")
#define W_HELPLINE N_("{1}: {2}")            /* name: number */
#define W_SCAN_ALL N_("Scan the front for every meeting")
#define W_WEEK_LINE N_("{1}: {2}, {3}")      /* days and time: name, place */
#define W_ONLINE N_("Online")
#define W_ONLINE_ON N_("Online ({1})")
#define W_ONLINE_AND N_("{1}, and online")
#define W_PLACE_NOT_GIVEN N_("Place not given")
#define W_ID N_("{1} meeting ID {2}")
#define W_PASSCODE N_("Passcode {1}")
#define W_DIAL_IN N_("Dial in {1}")
#define W_JOIN_AT N_("Join details at:")
#define W_DAYS_TIME N_("{1}, {2}")
#define W_DIRECTORY_ALT N_("Every meeting, always up to date: {1}")
#define W_ALIGN_TITLE N_("Duplex alignment test")
#define W_ALIGN_CARD N_("Card {1}: {2}")
#define W_FRONT N_("front")
#define W_BACK N_("back")
#define W_ALIGN_FRONT N_("Print both sides, flip on the long edge. Hold up to the light: the " \
                         "crosses should line up.")
#define W_ALIGN_BACK N_("Both sides should say the same card number. If not, change the " \
                        "printer's flip setting.")
#define W_OTHER_AREAS N_("Other areas")

struct design {
    struct sp_block front;     /* text at the left, QR code at the right */
    struct sp_block below;     /* under the code, the whole card wide (npara 0: none) */
    struct sp_block back;
    const char *site_back;     /* "Code opens zoom.us" when the front had no room for it */
};

struct cards {
    const struct sp_compose_in *in;
    const struct sp_layout *lay;
    struct sp_text *t;
    struct sp_plan *plan;
    const char *family;
    const char *link_shown;    /* the directory link as printed, or NULL */
    double iw, ih;             /* a card's safe area */
    struct design *d;
    size_t nd, cap;
};

static struct sp_font font(const struct cards *c, double size, bool bold, const char *text)
{
    struct sp_font f = { c->family, size, bold, NULL };

    f.lang = text ? sp_text_guess_lang(text) : NULL;
    if (f.lang)
        f.family = sp_text_family_for(f.lang);
    return f;
}

static struct design *add_design(struct cards *c)
{
    if (c->nd == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->d = xrealloc(c->d, c->cap * sizeof *c->d);
    }
    memset(&c->d[c->nd], 0, sizeof c->d[c->nd]);
    return &c->d[c->nd++];
}

static void report(const struct cards *c, const struct sp_meeting *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(const struct cards *c, const struct sp_meeting *m, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (!c->in->diag)
        return;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    sp_diag_add(c->in->diag, SP_WARNING, m ? m->file : NULL, m ? m->line : 0, 0, "%s", msg);
    g_free(msg);
}

static void measure(struct cards *c, struct sp_block *b)
{
    sp_block_measure(b, c->t, c->iw, c->lay->line_spacing, &c->plan->arena);
}

static bool fits(const struct cards *c, const struct sp_block *b)
{
    return b->height <= c->ih + 0.01;
}

/* A measured paragraph that no longer fits is taken off again. */
static void pop_para(struct cards *c, struct sp_block *b)
{
    b->npara--;
    measure(c, b);
}

static struct sp_para *add(struct cards *c, struct sp_block *b, const char *tag, double size,
                           bool bold, uint32_t rgb, const char *text, double space_before)
{
    struct sp_font f = font(c, size, bold, text);

    return sp_block_add(b, &c->plan->arena, tag, &f, rgb, text, space_before);
}

/*
 * A block taller than the card: its longest paragraph after the key line loses a line
 * (cut at a word, "…"), then the key line, then the last paragraphs go, until it fits.
 * Returns true when it had to.
 */
static bool shorten(struct cards *c, struct sp_block *b)
{
    bool cut = false;

    while (!fits(c, b)) {
        size_t longest = b->npara > 1 ? 1 : 0;
        for (size_t i = 2; i < b->npara; i++)
            if (b->paras[i].nlines > b->paras[longest].nlines)
                longest = i;
        if (b->paras[longest].nlines <= 1 && b->paras[0].nlines > 1)
            longest = 0;
        if (b->paras[longest].nlines > 1) {
            struct sp_para *p = &b->paras[longest];
            const char *s = sp_shorten(c->t, &p->font, p->text, b->text_width, b->text_width,
                                       p->nlines - 1, "", &c->plan->arena);
            if (s)
                p->text = s;
        } else if (b->npara > 1) {
            b->npara--;
        } else {
            break;
        }
        measure(c, b);
        cut = true;
    }
    return cut;
}

/* "Alcoholics Anonymous" when every meeting is of one fellowship, else the organisation. */
static const char *fellowship_of(const struct sp_meeting *const *m, size_t n,
                                 const struct sp_settings *s)
{
    const char *org = s->org_name && *s->org_name ? s->org_name : W_SUPPORT_MEETINGS;

    for (size_t i = 1; i < n; i++)
        if (g_strcmp0(m[i]->fellowship, m[0]->fellowship) != 0)
            return org;
    return n && m[0]->fellowship ? m[0]->fellowship : org;
}

/* Encode url for a card: NULL (and *err) when it cannot be a code that fits a card. */
static const struct sp_qr *card_qr(struct cards *c, const char *url, const char *about,
                                   double *size, struct sp_error *err)
{
    struct sp_arena *a = &c->plan->arena;
    struct sp_qr *qr = sp_arena_alloc(a, sizeof *qr);
    double total, s;

    if (sp_qr_encode_cached(c->in->qr_cache, url, c->lay->qr_ecl, about, a, qr, err) != 0)
        return NULL;
    total = qr->n + 2.0 * qr->quiet;
    s = c->lay->qr_min;
    if (s < QR_SYMBOL_FLOOR * total / qr->n)
        s = QR_SYMBOL_FLOOR * total / qr->n;
    if (s < total * QR_MODULE_FLOOR)
        s = total * QR_MODULE_FLOOR;
    /* a long link: modules as large as the card allows, down to the 0.5 mm floor */
    if (s > c->iw / 2 && total * QR_MODULE_MIN <= c->iw / 2 + 0.01 &&
        QR_SYMBOL_FLOOR * total / qr->n <= c->iw / 2 + 0.01)
        s = c->iw / 2;
    if (s > c->ih + 0.01 || s > c->iw / 2 + 0.01) {
        sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                     "'%s': the link needs a %.0f mm QR code, larger than a card's safe area",
                     about, s * 25.4 / 72);
        return NULL;
    }
    *size = s;
    return qr;
}

/*
 * The front: name (key line), welcome, then the short link and the phone number while
 * they fit; the QR code at the right.  A link too long for one line beside the code goes
 * under it, the card wide, when there is room.  Errors when the name and welcome do not
 * fit.
 */
static int build_front(struct cards *c, struct design *d, const char *name,
                       const struct sp_qr *qr, double size, const char *url, const char *alt,
                       bool to_meeting, struct sp_error *err)
{
    const struct sp_layout *lay = c->lay;
    const struct sp_settings *s = c->in->settings;
    struct sp_arena *a = &c->plan->arena;
    struct sp_block *b = &d->front;
    struct sp_para *p;
    bool link_beside = false, site_said = false;
    /* a meeting's code is not the directory: say what scanning does instead */
    const char *link = to_meeting ? sp_say(a, W_SCAN_JOIN, NULL, NULL, NULL)
                       : s->short_link ? s->short_link : s->org_website;

    sp_block_init(b);
    b->qr = qr;
    b->qr_size = size;
    b->qr_gap = SP_MM(2);
    b->qr_url = sp_words_attr_url(url, a);
    b->qr_alt = alt;
    /* the heading: a fellowship or meeting name, or signpost's "Support meetings" */
    p = add(c, b, "H1", lay->size_headline, true, lay->color_heading,
            !strcmp(name, W_SUPPORT_MEETINGS) ? sp_say(a, W_SUPPORT_MEETINGS, NULL, NULL, NULL)
                                              : name,
            0);
    p->spacing = 1.0;
    measure(c, b);
    if (to_meeting) {
        /* on a meeting's card, what the code does comes before the welcome; with the site
           it opens when that takes no more lines (for whoever proofreads the cards) */
        const char *site = sp_words_site(url, a);
        int nlines;
        add(c, b, "P", lay->size_body, true, lay->color_text, link, SP_MM(1));
        measure(c, b);
        nlines = b->paras[b->npara - 1].nlines;
        if (site) {
            b->paras[b->npara - 1].text = sp_say(a, W_SCAN_JOIN_ON, site, NULL, NULL);
            measure(c, b);
            if (b->paras[b->npara - 1].nlines > nlines) {
                b->paras[b->npara - 1].text = link;
                measure(c, b);
            } else {
                site_said = true;
            }
        }
        if (!fits(c, b))
            pop_para(c, b);
        link = NULL;
    }
    if (s->card_welcome) {
        add(c, b, "P", lay->size_body, false, lay->color_text, sp_words_own(s->card_welcome, a),
            SP_MM(1));
        measure(c, b);
        if (!fits(c, b) && to_meeting)
            pop_para(c, b);
    }
    if (!fits(c, b))
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "'%s' and the welcome line do not fit the front of a card at "
                            "%gpt and %gpt", name, lay->size_headline, lay->size_body);
    /* else on a line of its own, or on the back when the front has no room */
    if (to_meeting && !site_said && sp_words_site(url, a)) {
        const char *opens = sp_say(a, W_CODE_OPENS, sp_words_site(url, a), NULL, NULL);
        add(c, b, "P", lay->size_body, false, lay->color_text, opens, SP_MM(1));
        measure(c, b);
        if (!fits(c, b)) {
            pop_para(c, b);
            d->site_back = opens;
        }
    }
    /* optional lines, in order of use: the link a person can type, then the phone */
    if (link) {
        add(c, b, "P", lay->size_body, true, lay->color_text, link, SP_MM(1));
        measure(c, b);
        link_beside = fits(c, b) && b->paras[b->npara - 1].nlines == 1;
        if (!link_beside)
            pop_para(c, b);
    }
    sp_block_init(&d->below);
    if (link && !link_beside) {
        add(c, &d->below, "P", lay->size_body, true, lay->color_text, link, 0);
        measure(c, &d->below);
        if (b->height + SP_MM(1) + d->below.height > c->ih + 0.01 ||
            d->below.paras[0].nlines > 1)
            d->below.npara = 0;
    }
    if (s->org_phone) {
        add(c, b, "P", lay->size_body, false, lay->color_text,
            sp_say(a, W_PHONE, sp_words_glue(s->org_phone, a), NULL, NULL), link ? 0 : SP_MM(1));
        measure(c, b);
        if (b->height + (d->below.npara ? SP_MM(1) + d->below.height : 0) > c->ih + 0.01)
            pop_para(c, b);
    }
    return 0;
}

/* The directory card's front (the same on every directory and town card). */
static int directory_front(struct cards *c, struct design *d, const char *name,
                           struct sp_error *err)
{
    const struct sp_settings *s = c->in->settings;
    double size = 0;
    const struct sp_qr *qr = card_qr(c, s->directory_url, "directory-url", &size, err);

    if (!qr)
        return -1;
    return build_front(c, d, name, qr, size, s->directory_url,
                       sp_say(&c->plan->arena, W_DIRECTORY_ALT, s->directory_url, NULL, NULL),
                       false, err);
}

/* Compact place: "Venue, Town", "Online (Zoom)", "Venue, Town, and online" (in the
   language in use). */
static const char *short_place(const struct sp_meeting *m, struct sp_arena *a)
{
    const char *where;

    if (m->attendance == SP_ATTEND_ONLINE)
        return m->provider ? sp_i18n_fill(a, sp_tr(W_ONLINE_ON), m->provider, NULL, NULL)
                           : sp_tr(W_ONLINE);
    /* a town name too long for a compact line gives way to its postcode */
    if (m->venue && m->town && !strstr(m->venue, m->town) && g_utf8_strlen(m->town, -1) <= 24)
        where = sp_arena_printf(a, "%s, %s", m->venue, m->town);
    else if (m->venue && m->postcode)
        where = sp_arena_printf(a, "%s, %s", m->venue, sp_words_glue(m->postcode, a));
    else if (m->venue)
        where = m->venue;
    else if (m->town && m->postcode)
        where = sp_arena_printf(a, "%s %s", m->town, sp_words_glue(m->postcode, a));
    else if (m->town || m->postcode)
        where = m->town ? m->town : sp_words_glue(m->postcode, a);
    else
        where = m->formatted_address ? m->formatted_address : sp_tr(W_PLACE_NOT_GIVEN);
    if (m->attendance == SP_ATTEND_HYBRID)
        return sp_i18n_fill(a, sp_tr(W_ONLINE_AND), where, NULL, NULL);
    return where;
}

static const char *place_fn(const void *ctx, struct sp_arena *a)
{
    return short_place(ctx, a);
}

/* A line of the week: "Mon, Thu 7pm: Name, Venue, Town[. Only in the first week...]". */
struct week_line {
    const struct sp_row *row;
    int start_day;
    enum sp_time_style ts;
};

static const char *week_line_fn(const void *ctx, struct sp_arena *a)
{
    const struct week_line *w = ctx;
    const struct sp_meeting *m = w->row->m;
    const char *when = sp_arena_printf(a, "%s %s",
                                       sp_words_days(w->row->days, w->start_day, SP_DAYS_SHORT,
                                                     a),
                                       sp_words_time(m->start_min, w->ts, a));
    const char *line = sp_i18n_fill(a, sp_tr(W_WEEK_LINE), when, m->name, short_place(m, a));
    const char *weeks = sp_words_weeks_only(m->weeks, a);  /* in the language in use */

    return weeks ? sp_arena_printf(a, "%s%s%s", line, sp_trc("sentence", ". "), weeks) : line;
}

/* "Monday to Friday, 7pm to 8pm" */
static const char *days_time_fn(const void *ctx, struct sp_arena *a)
{
    const struct week_line *w = ctx;
    const struct sp_meeting *m = w->row->m;

    return sp_i18n_fill(a, sp_tr(W_DAYS_TIME),
                        sp_words_days(w->row->days, w->start_day, SP_DAYS_LONG, a),
                        sp_words_time_range(m->start_min, m->end_min, w->ts, a), NULL);
}

/* "Zoom meeting ID 812 3456 7890" */
static const char *id_fn(const void *ctx, struct sp_arena *a)
{
    const struct sp_meeting *m = ctx;

    return sp_i18n_fill(a, sp_tr(W_ID), m->provider ? m->provider : sp_tr(W_ONLINE),
                        sp_words_glue(m->meeting_id, a), NULL);
}

static void back_title(struct cards *c, struct sp_block *b, const char *title)
{
    struct sp_para *p;

    sp_block_init(b);
    p = add(c, b, "H2", c->lay->size_heading, true, c->lay->color_heading, title, 0);
    p->spacing = 1.0;
}

/*
 * The back with the week of meetings: one line per merged meeting ("Mon, Thu 7pm: Name,
 * Venue, Town"), in week order.  Returns false when they do not all fit the card.
 */
static bool week_back(struct cards *c, struct sp_block *b, const char *title,
                      const struct sp_meeting *const *ms, size_t n)
{
    const struct sp_layout *lay = c->lay;
    struct sp_arena *a = &c->plan->arena;
    struct sp_compose_in sub = *c->in;
    struct sp_arena rows_arena;
    struct sp_row *rows;
    size_t nrows;
    bool ok = true;

    sub.meetings = ms;
    sub.n = n;
    sp_arena_init(&rows_arena);
    nrows = sp_compose_rows(&sub, &rows_arena, &rows);
    back_title(c, b, title);
    for (size_t i = 0; i < nrows && ok; i++) {
        struct week_line w = { &rows[i], c->in->start_day, lay->time_style };
        add(c, b, "P", lay->size_body, false, lay->color_text, sp_tr_both(week_line_fn, &w, a),
            SP_MM(0.8));
        measure(c, b);
        ok = fits(c, b);
    }
    sp_arena_free(&rows_arena);
    return ok;
}

/* The back when the week does not fit: the helplines, then where every meeting is. */
static void helplines_back(struct cards *c, struct sp_block *b, const char *title)
{
    const struct sp_layout *lay = c->lay;
    const struct sp_settings *s = c->in->settings;
    struct sp_arena *a = &c->plan->arena;
    const char *scan = sp_say(a, W_SCAN_ALL, NULL, NULL, NULL);

    back_title(c, b, title ? title : s->nhelplines ? sp_say(a, W_HELPLINES, NULL, NULL, NULL)
                                                   : sp_say(a, W_CONTACT, NULL, NULL, NULL));
    /* the line that always goes on: every meeting is behind the front's code */
    add(c, b, "P", lay->size_body, true, lay->color_text, scan, SP_MM(0.8));
    measure(c, b);
    shorten(c, b);
    for (size_t i = 0; i < s->nhelplines; i++) {
        const struct sp_helpline *h = &s->helplines[i];
        add(c, b, "P", lay->size_body, false, lay->color_text,
            sp_say(a, W_HELPLINE, h->name, sp_words_glue(h->phone, a), NULL), SP_MM(0.8));
        measure(c, b);
        if (!fits(c, b)) {
            pop_para(c, b);
            break;
        }
    }
    if (!s->nhelplines && s->org_phone) {
        add(c, b, "P", lay->size_body, false, lay->color_text,
            sp_say(a, W_PHONE, sp_words_glue(s->org_phone, a), NULL, NULL), SP_MM(0.8));
        measure(c, b);
        if (!fits(c, b))
            pop_para(c, b);
    }
}

/* The date of the feeds' data as the back's last line, when there is one and it fits
   (issue 15): the meetings and helplines come first. */
static void as_listed_line(struct cards *c, struct sp_block *b)
{
    const char *s = sp_words_as_listed(c->in->data_date, &c->plan->arena);

    if (!s)
        return;
    add(c, b, "P", c->lay->size_body, false, c->lay->color_text, s, SP_MM(0.8));
    measure(c, b);
    if (!fits(c, b))
        pop_para(c, b);
}

/* A directory or town card: the week on the back when it fits, else the helplines. */
static int area_card(struct cards *c, const char *name, const char *title, bool town,
                     const struct sp_meeting *const *ms, size_t n, struct sp_error *err)
{
    struct design *d = add_design(c);

    if (directory_front(c, d, name, err) != 0)
        return -1;
    if (!week_back(c, &d->back, title, ms, n))
        helplines_back(c, &d->back, town ? title : NULL);
    as_listed_line(c, &d->back);
    return 0;
}

/* One card for one online (or hybrid) meeting: QR to its link, back with how to join. */
static int online_card(struct cards *c, const struct sp_row *row, struct sp_error *err)
{
    const struct sp_layout *lay = c->lay;
    const struct sp_settings *s = c->in->settings;
    const struct sp_meeting *m = row->m;
    struct sp_arena *a = &c->plan->arena;
    const char *link = sp_words_link(m, c->in->leave_off_passcodes);
    const struct sp_qr *qr = NULL;
    double size = 0;
    struct design *d;
    const char *alt, *url = link;
    struct sp_para *p;

    if (link) {
        struct sp_error qerr = { 0 };
        qr = card_qr(c, link, sp_shorten_name(m->name, 60, a), &size, &qerr);
        if (!qr) {
            /* the card still goes out, with the directory's code and the way to it */
            report(c, m, "%s; its card has the directory's QR code instead", qerr.msg);
            link = NULL;
        }
    }
    if (!qr) {
        if (!s->directory_url)
            return sp_error_set(err, SP_ERR_INPUT, m->file, m->line, 0,
                                "meeting '%s' has no link for a QR code, and the settings "
                                "have no 'directory-url' for its card", m->name);
        url = s->directory_url;
        if (!(qr = card_qr(c, url, "directory-url", &size, err)))
            return -1;
    }
    alt = link ? sp_words_qr_alt(m, a) : sp_say(a, W_DIRECTORY_ALT, url, NULL, NULL);
    d = add_design(c);
    if (build_front(c, d, m->fellowship ? m->fellowship : m->name, qr, size, url, alt,
                    link != NULL, err) != 0)
        return -1;
    back_title(c, &d->back, m->name);
    {
        struct week_line w = { row, c->in->start_day, lay->time_style };
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_tr_both(days_time_fn, &w, a), SP_MM(0.4));
    }
    if (m->weeks)
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_words_weeks_only(m->weeks, a), SP_MM(0.4));
    if (m->attendance == SP_ATTEND_HYBRID)
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_tr_both(place_fn, m, a), SP_MM(0.4));
    if (m->meeting_id)
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_tr_both(id_fn, m, a), SP_MM(0.4));
    else if (link && (m->provider || m->attendance != SP_ATTEND_HYBRID))
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            m->provider ? sp_say(a, W_ONLINE_ON, m->provider, NULL, NULL)
                        : sp_say(a, W_ONLINE, NULL, NULL, NULL), SP_MM(0.4));
    if (m->passcode && !c->in->leave_off_passcodes)
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_say(a, W_PASSCODE, sp_words_glue(m->passcode, a), NULL, NULL), SP_MM(0.4));
    if (m->phone)
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_words_dial_in_said(m, c->in->leave_off_passcodes, W_DIAL_IN, a), SP_MM(0.4));
    if (!link && c->link_shown && m->url) {
        /* the link on a line of its own: never broken inside */
        add(c, &d->back, "P", lay->size_body, false, lay->color_text,
            sp_say(a, W_JOIN_AT, NULL, NULL, NULL), SP_MM(0.4));
        add(c, &d->back, "P", lay->size_body, true, lay->color_text, c->link_shown, 0);
    }
    p = &d->back.paras[0];
    p->spacing = 1.0;
    measure(c, &d->back);
    if (shorten(c, &d->back))
        report(c, m, "meeting '%s': its joining details do not fit the back of a card at "
               "%gpt; shortened (the directory has them in full)",
               sp_shorten_name(m->name, 60, a), lay->size_body);
    if (d->site_back) {  /* after the joining details, when there is room */
        add(c, &d->back, "P", lay->size_body, false, lay->color_text, d->site_back,
            SP_MM(0.4));
        measure(c, &d->back);
        if (!fits(c, &d->back))
            pop_para(c, &d->back);
    }
    as_listed_line(c, &d->back);
    return 0;
}

static const char *town_of(const struct sp_meeting *m)
{
    return m->town ? m->town : m->region ? m->region : sp_tr(W_OTHER_AREAS);
}

static gint cmp_str(gconstpointer x, gconstpointer y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The one region of every meeting, or NULL. */
static const char *one_region(const struct sp_compose_in *in)
{
    const char *r = in->n ? in->meetings[0]->region : NULL;

    for (size_t i = 1; i < in->n && r; i++)
        if (g_strcmp0(in->meetings[i]->region, r))
            return NULL;
    return r;
}

/* The card designs for in->cards: directory (default), online or split. */
static int build_designs(struct cards *c, struct sp_error *err)
{
    const struct sp_compose_in *in = c->in;
    const struct sp_settings *s = in->settings;
    const char *mode = in->cards ? in->cards : "directory";
    int rc = 0;

    if (!strcmp(mode, "online")) {
        struct sp_arena rows_arena;
        struct sp_row *rows;
        size_t nrows;

        sp_arena_init(&rows_arena);
        nrows = sp_compose_rows(in, &rows_arena, &rows);
        for (size_t i = 0; i < nrows && rc == 0; i++) {
            const struct sp_meeting *m = rows[i].m;
            if (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID)
                rc = online_card(c, &rows[i], err);
        }
        sp_arena_free(&rows_arena);
        if (rc == 0 && c->nd == 0)
            rc = sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                              "--cards online: no online or hybrid meetings in the selection");
        return rc;
    }
    if (!s->directory_url)
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "cards need 'directory-url' in the settings file (the QR code on "
                            "the front)");
    if (!strcmp(mode, "split")) {
        /* one card per town, towns in alphabetical order */
        GPtrArray *towns = g_ptr_array_new();
        const struct sp_meeting **ms = xmalloc(in->n * sizeof *ms);

        for (size_t i = 0; i < in->n; i++) {
            bool found = false;
            for (guint j = 0; j < towns->len && !found; j++)
                found = !strcmp(towns->pdata[j], town_of(in->meetings[i]));
            if (!found)
                g_ptr_array_add(towns, (gpointer)town_of(in->meetings[i]));
        }
        g_ptr_array_sort(towns, cmp_str);
        for (guint j = 0; j < towns->len && rc == 0; j++) {
            const char *town = towns->pdata[j];
            size_t k = 0;
            for (size_t i = 0; i < in->n; i++)
                if (!strcmp(town_of(in->meetings[i]), town))
                    ms[k++] = in->meetings[i];
            rc = area_card(c, fellowship_of(ms, k, s), town, true, ms, k, err);
        }
        free(ms);
        g_ptr_array_free(towns, TRUE);
    } else {
        const char *title = in->part_name ? in->part_name : one_region(in);
        if (!title)
            title = s->area ? s->area : sp_say(&c->plan->arena, W_MEETINGS, NULL, NULL, NULL);
        rc = area_card(c, fellowship_of(in->meetings, in->n, s), title, false, in->meetings,
                       in->n, err);
    }
    return rc;
}

/* Crop marks, safe-area guides and crosses: layout artifacts, never read out. */
static void add_rule(struct cards *c, struct sp_page *page, double x, double y, double w,
                     double h, double lw, double dash, uint32_t rgb)
{
    sp_plan_rule(c->plan, page, x, y, w, h, lw, dash, rgb);
    page->items[page->n - 1].artifact = SP_ARTIFACT_LAYOUT;
}

/* A measured block with its QR code inside its Link (Link > Figure). */
static void emit_block(struct cards *c, struct sp_page *page, const struct sp_block *b,
                       double x, double y)
{
    struct sp_block text = *b;

    text.qr = NULL;
    sp_block_emit(&text, c->plan, page, x, y, c->lay->line_spacing);
    if (b->qr)
        sp_plan_qr_link(c->plan, page, b->qr, x + b->width - b->qr_size, y, b->qr_size,
                        b->qr_url, b->qr_alt, b->qr_dark, b->qr_light);
}

/* One side of a card with the top-left of its safe area at (x, y). */
static void emit_design(struct cards *c, struct sp_page *page, const struct design *d,
                        bool back, double x, double y)
{
    if (back) {
        emit_block(c, page, &d->back, x, y);
        return;
    }
    emit_block(c, page, &d->front, x, y);
    if (d->below.npara)
        emit_block(c, page, &d->below, x, y + d->front.height + SP_MM(1));
}

/* Top-left of cell (col, row) on a front sheet; mirrored for the back (long-edge flip). */
static void cell_pos(const struct cards *c, int col, int row, bool back, double *x, double *y)
{
    const struct sp_layout *lay = c->lay;

    *x = lay->margin_left + col * (lay->card_width + lay->card_gap_x);
    *y = lay->margin_top + row * (lay->card_height + lay->card_gap_y);
    if (back)
        *x = lay->width - *x - lay->card_width;
}

/*
 * Crop marks: every cut line continued into the sheet margins only, from 2 mm off the
 * card grid to 6 mm from the sheet edge.  Marks that would be shorter than 2 mm are left
 * out (a narrow margin).
 */
static void crop_marks(struct cards *c, struct sp_page *page, bool back)
{
    const struct sp_layout *lay = c->lay;
    double gx0, gy0, gx1, gy1, x, y;
    uint32_t rgb = 0x000000;

    cell_pos(c, 0, 0, false, &gx0, &gy0);
    cell_pos(c, lay->card_cols - 1, lay->card_rows - 1, false, &gx1, &gy1);
    gx1 += lay->card_width;
    gy1 += lay->card_height;
    if (back) {
        double t = lay->width - gx1;
        gx1 = lay->width - gx0;
        gx0 = t;
    }
    for (int col = 0; col < lay->card_cols; col++) {
        cell_pos(c, col, 0, back, &x, &y);
        for (int side = 0; side < 2; side++) {
            double cx = x + side * lay->card_width;
            if (gy0 - MARK_OFF - MARK_EDGE >= MARK_MIN)
                add_rule(c, page, cx, MARK_EDGE, 0, gy0 - MARK_OFF - MARK_EDGE, MARK_LW, 0,
                         rgb);
            if (lay->height - MARK_EDGE - gy1 - MARK_OFF >= MARK_MIN)
                add_rule(c, page, cx, gy1 + MARK_OFF, 0,
                         lay->height - MARK_EDGE - gy1 - MARK_OFF, MARK_LW, 0, rgb);
        }
    }
    for (int row = 0; row < lay->card_rows; row++) {
        cell_pos(c, 0, row, back, &x, &y);
        for (int side = 0; side < 2; side++) {
            double cy = y + side * lay->card_height;
            if (side == 0 && row > 0 && lay->card_gap_y == 0)
                continue;  /* butted rows share a cut */
            if (gx0 - MARK_OFF - MARK_EDGE >= MARK_MIN)
                add_rule(c, page, MARK_EDGE, cy, gx0 - MARK_OFF - MARK_EDGE, 0, MARK_LW, 0,
                         rgb);
            if (lay->width - MARK_EDGE - gx1 - MARK_OFF >= MARK_MIN)
                add_rule(c, page, gx1 + MARK_OFF, cy, lay->width - MARK_EDGE - gx1 - MARK_OFF,
                         0, MARK_LW, 0, rgb);
        }
    }
}

/* A bookmark for each page, by its label ("Sheet 1 front"): a file of cards is always
   more than one page, and a reader finds the side to print by it. */
static void page_outline(struct cards *c, const struct sp_page *page)
{
    sp_plan_add_outline(c->plan, -1, page->label, (int)c->plan->npages - 1, 0);
}

/* Designs in slot order: a set that fits one sheet is repeated to fill it; a longer set
   runs on over as many sheets as it needs. */
static size_t make_slots(const struct cards *c, size_t per_sheet, size_t **out)
{
    size_t copies = c->nd && c->nd <= per_sheet ? per_sheet / c->nd : 1;
    size_t n = c->nd * copies;
    size_t *v = xmalloc((n ? n : 1) * sizeof *v);

    for (size_t k = 0; k < copies; k++)
        for (size_t i = 0; i < c->nd; i++)
            v[k * c->nd + i] = i;
    *out = v;
    return n;
}

static void emit_sheets(struct cards *c)
{
    const struct sp_layout *lay = c->lay;
    size_t per = (size_t)lay->card_cols * (size_t)lay->card_rows, *slot, nslot, nsheets;

    nslot = make_slots(c, per, &slot);
    nsheets = (nslot + per - 1) / per;
    for (size_t s = 0; s < nsheets; s++) {
        for (int back = 0; back < 2; back++) {
            struct sp_page *page = sp_plan_add_page(c->plan);
            page->label = sp_i18n_fill(&c->plan->arena, back ? sp_tr(N_("Sheet {1} back"))
                                                             : sp_tr(N_("Sheet {1} front")),
                                       sp_arena_printf(&c->plan->arena, "%zu", s + 1), NULL,
                                       NULL);
            page_outline(c, page);
            if (s == 0 && !back)
                sp_plan_tag(c->plan, page, true, "Document", NULL, NULL);
            for (size_t k = 0; k < per && s * per + k < nslot; k++) {
                const struct design *d = &c->d[slot[s * per + k]];
                double x, y;
                cell_pos(c, (int)(k % (size_t)lay->card_cols), (int)(k / (size_t)lay->card_cols),
                         back, &x, &y);
                emit_design(c, page, d, back, x + lay->card_safe, y + lay->card_safe);
            }
            crop_marks(c, page, back);
            if (s == nsheets - 1 && back)
                sp_plan_tag(c->plan, page, false, "Document", NULL, NULL);
        }
    }
    free(slot);
}

/* Print-shop singles: each card front and back on its own page, card + bleed all round. */
static void emit_singles(struct cards *c)
{
    const struct sp_layout *lay = c->lay;
    double b = c->plan->bleed;

    for (size_t i = 0; i < c->nd; i++) {
        for (int back = 0; back < 2; back++) {
            struct sp_page *page = sp_plan_add_page(c->plan);
            page->label = sp_i18n_fill(&c->plan->arena, back ? sp_tr(N_("Card {1} back"))
                                                             : sp_tr(N_("Card {1} front")),
                                       sp_arena_printf(&c->plan->arena, "%zu", i + 1), NULL,
                                       NULL);
            page_outline(c, page);
            if (i == 0 && !back)
                sp_plan_tag(c->plan, page, true, "Document", NULL, NULL);
            emit_design(c, page, &c->d[i], back, b + lay->card_safe, b + lay->card_safe);
            if (i == c->nd - 1 && back)
                sp_plan_tag(c->plan, page, false, "Document", NULL, NULL);
        }
    }
}

/*
 * The duplex alignment test: one sheet (front and back page), titled (H1) in the top
 * margin of the front.  Each cell has its number, the side, a cross at its centre and
 * its safe area dashed; held to the light, the crosses of both sides line up and each
 * back says the same number as its front.
 */
static void emit_alignment(struct cards *c)
{
    const struct sp_layout *lay = c->lay;
    struct sp_arena *a = &c->plan->arena;
    double arm = SP_MM(5), safe = lay->card_safe, pad = SP_MM(1.5);

    for (int back = 0; back < 2; back++) {
        struct sp_page *page = sp_plan_add_page(c->plan);
        page->label = back ? sp_tr(N_("Alignment back")) : sp_tr(N_("Alignment front"));
        page_outline(c, page);
        if (!back) {
            /* the title between the sheet's 5 mm edge and the first row of cards, clear
               of the crop marks (which stop 2 mm before the grid's left edge) */
            struct sp_block h;
            struct sp_para *p;
            sp_plan_tag(c->plan, page, true, "Document", NULL, NULL);
            sp_block_init(&h);
            p = add(c, &h, "H1", lay->size_headline, true, lay->color_heading,
                    sp_say(a, W_ALIGN_TITLE, NULL, NULL, NULL), 0);
            p->spacing = 1.0;
            sp_block_measure(&h, c->t, lay->card_width - 2 * safe, 1.0, a);
            sp_block_emit(&h, c->plan, page, lay->margin_left + safe,
                          lay->margin_top - h.height - SP_MM(0.5), 1.0);
        }
        for (int k = 0; k < lay->card_cols * lay->card_rows; k++) {
            struct sp_block b;
            struct sp_para *p;
            double x, y, cx, cy;

            cell_pos(c, k % lay->card_cols, k / lay->card_cols, back, &x, &y);
            sp_block_init(&b);
            p = add(c, &b, "H2", lay->size_heading, true, lay->color_heading,
                    sp_say(a, W_ALIGN_CARD, sp_arena_printf(a, "%d", k + 1),
                           back ? sp_tr(W_BACK) : sp_tr(W_FRONT), NULL), 0);
            p->spacing = 1.0;
            add(c, &b, "P", lay->size_body, false, lay->color_text,
                sp_say(a, back ? W_ALIGN_BACK : W_ALIGN_FRONT, NULL, NULL, NULL), SP_MM(1));
            sp_block_measure(&b, c->t, c->iw - 2 * pad, lay->line_spacing, a);
            sp_block_emit(&b, c->plan, page, x + safe + pad, y + safe + pad, lay->line_spacing);
            /* safe area (dashed) and a cross at the card's centre */
            add_rule(c, page, x + safe, y + safe, lay->card_width - 2 * safe, 0, 0.5,
                     SP_MM(1.5), lay->color_text);
            add_rule(c, page, x + safe, y + lay->card_height - safe,
                     lay->card_width - 2 * safe, 0, 0.5, SP_MM(1.5), lay->color_text);
            add_rule(c, page, x + safe, y + safe, 0, lay->card_height - 2 * safe, 0.5,
                     SP_MM(1.5), lay->color_text);
            add_rule(c, page, x + lay->card_width - safe, y + safe, 0,
                     lay->card_height - 2 * safe, 0.5, SP_MM(1.5), lay->color_text);
            cx = x + lay->card_width / 2;
            cy = y + lay->card_height - safe - arm - SP_MM(1);
            add_rule(c, page, cx - arm, cy, 2 * arm, 0, 0.75, 0, lay->color_text);
            add_rule(c, page, cx, cy - arm, 0, 2 * arm, 0.75, 0, lay->color_text);
        }
        crop_marks(c, page, back);
        if (back)
            sp_plan_tag(c->plan, page, false, "Document", NULL, NULL);
    }
}

/* The directory link as printed: the short link, else the URL. */
static const char *link_shown(const struct sp_settings *s)
{
    return s->short_link ? s->short_link : s->directory_url;
}

int sp_compose_cards(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    const struct sp_settings *s = in->settings;
    struct cards c = { 0 };
    int rc = 0;

    c.in = in;
    c.lay = lay;
    c.t = t;
    c.plan = plan;
    c.family = sp_text_family_for(NULL);
    c.link_shown = link_shown(s);
    c.iw = lay->card_width - 2 * lay->card_safe;
    c.ih = lay->card_height - 2 * lay->card_safe;
    sp_plan_release(plan);
    if (in->print_shop && !in->alignment_sheet) {
        double b = lay->bleed > 0 ? lay->bleed : SP_MM(3);
        sp_plan_init(plan, lay->card_width + 2 * b, lay->card_height + 2 * b);
        plan->bleed = b;
    } else {
        sp_plan_init(plan, lay->width, lay->height);
    }
    if (in->alignment_sheet) {
        emit_alignment(&c);
        plan->title = sp_say(&plan->arena, N_("Wallet cards: duplex alignment test"), NULL, NULL,
                             NULL);
    } else {
        if (in->n == 0)
            return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                                "no meetings to show (check the selection options)");
        rc = build_designs(&c, err);
        if (rc == 0 && in->print_shop)
            emit_singles(&c);
        else if (rc == 0)
            emit_sheets(&c);
        plan->title = in->part_name || s->area
                      ? sp_say(&plan->arena, N_("Wallet cards: {1}"),
                               in->part_name ? in->part_name : s->area, NULL, NULL)
                      : sp_say(&plan->arena, N_("Wallet cards: support meetings"), NULL, NULL,
                               NULL);
    }
    free(c.d);
    if (rc == 0) {
        plan->author = s->org_name;
        sp_i18n_use(sp_i18n_output()->first);  /* the file's description: one language */
        plan->subject = sp_i18n_fill(&plan->arena,
                                     sp_tr("Mutual-aid meetings, list printed on {1}"),
                                     sp_words_date(in->date, &plan->arena), NULL, NULL);
        sp_i18n_use(NULL);
        plan->lang = s->lang ? s->lang : "en-GB";
    }
    return rc;
}
