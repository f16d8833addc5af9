/*
 * poster.c - the timetable poster (A4/A3): the week as a table grouped by day, one row per
 * meeting (repeats merged), a panel of numbered QR codes that the online rows point to,
 * and a slim band with the organisation's contact.  As few sheets as the layout's floors
 * allow: sizes never shrink; the column count and the codes shown are chosen by measuring.
 */
#include <glib.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../input/select.h"
#include "compose.h"
#include "flow.h"
#include "qr.h"
#include "lang.h"
#include "tabs.h"
#include "tr.h"
#include "words.h"

/*
 * Every fixed text of the poster, in one place: a translated or bilingual poster
 * (issue 12) sets these, and nothing below measures or assumes an English word.  "{1}",
 * "{2}" and "{3}" stand for the words filled in (names, times, numbers), in any order.
 */
struct poster_words {
    const char *several_days;   /* heading of the merged rows that run on several days */
    const char *every_day;      /* the same heading when every one of them runs daily */
    const char *continued;      /* "{1} (continued)": a day that goes on in a new column */
    const char *page_of;        /* "Page {1} of {2}" */
    const char *scan_code;      /* "scan code {1}" in a row; the number glued to its word */
    const char *code_title;     /* "Code {1}": the panel's label for a code */
    const char *online_via;     /* "Online ({1}): {2}" (provider, how to join) */
    const char *online_how;     /* "Online: {1}" */
    const char *online;         /* "Online" */
    const char *online_provider;/* "Online ({1})" */
    const char *hybrid_how;     /* "Online ({1}) and in person" */
    const char *hybrid;         /* "Online and in person" */
    const char *join_details;   /* "join details at {1}" (no code on this sheet) */
    const char *by_phone;       /* "By phone" */
    const char *dial_in;        /* "Dial in {1}" */
    const char *meeting_id;     /* "Meeting ID {1}" */
    const char *passcode;       /* "Passcode {1}" */
    const char *every_meeting;  /* beside the directory code: "Every meeting: {1}" (link) */
    const char *printed;        /* "List printed on {1} — check before you travel" */
    const char *closed_key;     /* what a closed meeting is, printed once when one is */
    const char *phone;          /* "phone {1}" */
    const char *email;          /* "email {1}" */
    const char *join_alt;       /* "Join {1} on {2}" */
    const char *join_alt_online;/* "Join {1} online" */
    const char *meeting_id_alt; /* "{1} (meeting ID {2})" */
    const char *directory_alt;  /* "Every meeting, always up to date: {1}" */
    const char *more_marker;    /* "… more at {1}" at the end of a cut text */
    const char *cut_marker;     /* "…" at the end of a cut text without a link */
    const char *monthly;        /* "Only the {1} {2} of the month" (1st and 3rd, Monday) */
    const char *week;           /* "week" ("the 1st week of the month") */
    const char *ordinal[6];     /* "1st" ... "5th", "last" */
    const char *and_;           /* " and " before the last of a list */
    const char *sep;            /* " · " between the parts of the area line */
    /* marks people choose by */
    const char *open, *closed, *women, *men, *young, *lgbtq, *step_free, *sign_language;
};

static const struct poster_words EN = {
    .several_days = N_("Several days a week"),
    .every_day = N_("Every day"),
    .continued = N_("{1} (continued)"),
    .page_of = N_("Page {1} of {2}"),
    .scan_code = N_("scan code\xC2\xA0{1}"),
    .code_title = N_("Code {1}"),
    .online_via = N_("Online ({1}): {2}"),
    .online_how = N_("Online: {1}"),
    .online = N_("Online"),
    .online_provider = N_("Online ({1})"),
    .hybrid_how = N_("Online ({1}) and in person"),
    .hybrid = N_("Online and in person"),
    .join_details = N_("join details at {1}"),
    .by_phone = N_("By phone"),
    .dial_in = N_("Dial in {1}"),
    .meeting_id = N_("Meeting ID {1}"),
    .passcode = N_("Passcode {1}"),
    .every_meeting = N_("Every meeting: {1}"),
    .printed = N_("List printed on {1}\xC2\xA0\xE2\x80\x94 check before you travel"),
    .closed_key = N_("A closed meeting is only for people who want to stop."),
    .phone = N_("phone {1}"),
    .email = N_("email {1}"),
    .join_alt = N_("Join {1} on {2}"),
    .join_alt_online = N_("Join {1} online"),
    .meeting_id_alt = N_("{1} (meeting ID {2})"),
    .directory_alt = N_("Every meeting, always up to date: {1}"),
    .more_marker = N_("\xE2\x80\xA6 more at {1}"),
    .cut_marker = N_("\xE2\x80\xA6"),
    .monthly = N_("Only the {1} {2} of the month"),
    .week = N_("week"),
    .ordinal = { NC_("week of the month", "1st"), NC_("week of the month", "2nd"),
                 NC_("week of the month", "3rd"), NC_("week of the month", "4th"),
                 NC_("week of the month", "5th"), NC_("week of the month", "last") },
    .and_ = N_(" and "),
    .sep = N_(" \xC2\xB7 "),
    .open = N_("Open to all"),
    .closed = N_("Closed meeting"),
    .women = N_("Women only"),
    .men = N_("Men only"),
    .young = N_("Young people"),
    .lgbtq = N_("LGBTQ+"),
    .step_free = N_("Step-free"),
    .sign_language = N_("Sign language"),
};

/* tmpl with "{1}", "{2}", "{3}" replaced by x, y, z (NULL = ""), in the arena; the values
   isolated in a right-to-left language (base/i18n.h). */
static const char *say(struct sp_arena *a, const char *tmpl, const char *x, const char *y,
                       const char *z)
{
    return sp_i18n_fill(a, tmpl, x, y, z);
}

/* The words of EN in the language in use (tr.h).  struct poster_words holds words only,
   so it is walked as an array of them. */
static void words_in(struct poster_words *w)
{
    const size_t n = sizeof *w / sizeof(const char *);
    const size_t ord = offsetof(struct poster_words, ordinal) / sizeof(const char *);
    const char *const *src = (const char *const *)(const void *)&EN;
    const char **dst = (const char **)(void *)w;

    _Static_assert(sizeof(struct poster_words) % sizeof(const char *) == 0,
                   "poster_words holds words only");
    for (size_t i = 0; i < n; i++)
        dst[i] = i >= ord && i < ord + 6 ? sp_trc("week of the month", src[i]) : sp_tr(src[i]);
}

/* Each word of a and b joined "a / b" (a bilingual poster's simple labels). */
static void words_join(struct poster_words *j, const struct poster_words *a,
                       const struct poster_words *b, struct sp_arena *arena)
{
    const size_t n = sizeof *j / sizeof(const char *);
    const char *const *pa = (const char *const *)(const void *)a;
    const char *const *pb = (const char *const *)(const void *)b;
    const char **dst = (const char **)(void *)j;

    for (size_t i = 0; i < n; i++)
        dst[i] = sp_i18n_join(arena, pa[i], pb[i]);
}

static const char *num(struct sp_arena *a, size_t n)
{
    return sp_arena_printf(a, "%zu", n);
}

struct poster;

/* Builds a text in one language: w its words, k its place (0 first, 1 second). */
typedef const char *(*words_fn)(struct poster *p, const struct poster_words *w, int k,
                                const void *ctx, struct sp_arena *a);

static const char *in_each(struct poster *p, words_fn fn, const void *ctx,
                           struct sp_arena *a);

/*
 * QR symbols on posters (docs/standards.md P7): the symbol, without its quiet zone, at
 * least the layout's min-size (35 mm A4, 45 mm A3) and modules at least 0.8 mm.
 */
#define MODULE_MIN SP_MM(0.8)
#define TITLE_MAX_LINES 3      /* a longer name is cut at a word and reported */
#define DETAIL_MAX_LINES 5     /* a longer place line likewise */
#define DETAIL_INDENT SP_MM(6) /* place lines in several columns: indent under the time */
/* the widest two digits between two word joiners (zero width, never in the words):
   code numbers are per sheet, filled in where this stands in any language's words */
#define CODE_PLACEHOLDER "\xE2\x81\xA0" "00" "\xE2\x81\xA0"
#define PAGE_PLACEHOLDER ((size_t)-1) /* "Page 00000 of 00000", measured for "Page 2 of 5" */

enum { CODED = 0, REDUCED = 1 };  /* an online row with its code on the sheet, or without */

/*
 * One table row: a merged row of the timetable, as measuring and paginating need it.  Its
 * words are made again where they are needed (row_words), in a scratch or the page's
 * arena: a poster set of 200,000 meetings held about 300 bytes of words a row until its
 * last sheet (issue 16).
 */
struct prow {
    const struct sp_row *r;
    double qr_box;             /* symbol + quiet zone, points (codable rows) */
    uint16_t title_font, detail_font; /* in poster.fonts */
    uint8_t group;             /* 0 = several days; 1 + rank of its day in the week */
    bool codable;              /* online or hybrid with a link that became a QR symbol */
    bool closed_mark;          /* "Closed meeting" printed: the band explains it */
    bool cut;                  /* its name or place cut to fit (poster.cuts has the words) */
};

/* The words of a row (row_words), in the arena they were made in. */
struct pwords {
    const char *time;          /* Lbl */
    const char *title;         /* bold: the name, after the days for merged rows */
    const char *detail[2];     /* CODED (with the placeholder number) and REDUCED */
    /* codable rows, with WORDS_JOIN: */
    const char *access[3];     /* panel text: meeting ID, passcode, dial-in (NULL = none) */
    const char *site;          /* under the code: the site it opens ("zoom.us") */
    /* codable rows, with WORDS_QR: */
    const struct sp_qr *qr;    /* in the words' arena */
    const char *link_attr;     /* escaped for the Link tag */
    const char *alt;           /* Figure alt and Link /Contents */
};

enum {
    WORDS_NAME = 1,            /* time and name */
    WORDS_CODED = 2,           /* the place line, CODED */
    WORDS_REDUCED = 4,         /* the place line, REDUCED (a row without a code: CODED's) */
    WORDS_TEXT = WORDS_NAME | WORDS_CODED | WORDS_REDUCED,
    WORDS_JOIN = 8,
    WORDS_QR = 16
};

/*
 * What a code cell's size depends on: the code's box, the site under it and the joining
 * details with every digit made a "0" (the widest digit: "Meeting ID 000 0000 0000").
 * Measured once for each shape, never short; the rows have few.
 */
struct cellshape {
    double qr_box;
    const char *site;
    const char *access[3];
};

/* A row's name and place as cut to fit by the widest candidate (NULL: not cut). */
struct cutwords {
    const char *title, *detail[2];
};

/*
 * A row measured for one column width: its sizes only, each an index in the candidate's
 * table of distinct sizes (rows have few: so many lines of so tall a font).  Its lines
 * are broken again when it is drawn.
 */
struct pmeas {
    uint32_t h[2];             /* the whole row, CODED and REDUCED */
    uint32_t tbase;            /* baseline of the first title line below the row top */
    uint16_t ntl, ndl[2];      /* line counts, for the check when drawn (65535 and more
                                  count as 65535) */
};

/* One sheet of the paginated timetable. */
struct sheet {
    size_t s, e;               /* rows [s, e) */
    size_t ncoded;             /* the first ncoded online rows of the sheet have a code */
    size_t nonline;            /* codable rows on the sheet */
    int pcols;                 /* the code panel spans the last pcols columns (ncols: the
                                  whole width, below the table; fewer: at the foot of the
                                  right-hand columns, beside the end of the table) */
    double bottom;             /* table bottom after balancing the columns */
};

/* Where a sheet's code panel goes: across the last `cols` columns, h tall (0 = none). */
struct panelfit {
    int cols;
    double h;
};

/* Where one row goes on its sheet. */
struct place {
    int col;
    double y;                  /* row top */
    int heading;               /* 0 none, 1 the group's heading, 2 "(continued)" */
    double hy;                 /* heading top */
};

/* A column-count candidate: measurements and the pagination they give. */
/* A code panel over the last m columns (fewer than all): its cells. */
struct narrow {
    size_t cpr;                /* cells across; 0 = a cell does not fit that width */
    bool stacked;              /* the words under the code, not beside it (a column too
                                  narrow for both side by side) */
    double cell_w, cell_h;
};

struct layout_try {
    size_t n;                  /* rows measured and paginated: all, or a sample */
    int ncols;
    struct narrow narrow[7];   /* [m]: a panel over the last m columns, 1 <= m < ncols */
    double col_w, body_w;      /* a column; the title beside the time column */
    double detail_x, detail_w; /* the place line: under the title in one column; in
                                  narrower columns from a small indent under the time */
    double group_h[8], gcont_h[8]; /* each group's heading and its "(continued)", in a
                                  column: one long heading (a bilingual or German "several
                                  days") must not make every day's heading two lines tall */
    struct pmeas *pm;
    GArray *sizes;             /* double: the distinct sizes pmeas points to */
    GHashTable *size_of;       /* a size's bits -> 1 + its index in sizes */
    struct sheet *sheets;
    size_t nsheets, cap;
    size_t codes_shown;
    GHashTable *cache;         /* text -> struct broken, for repeated names */
    struct sp_arena arena;
};

struct poster {
    const struct sp_compose_in *in;
    const struct sp_layout *lay;
    const struct poster_words *w;  /* the simple labels: wl[0], or wj when bilingual */
    struct poster_words wl[2];     /* the words in each output language */
    struct poster_words wj;        /* bilingual: each word in both, joined */
    int nlang;                     /* 1, or 2 for a bilingual poster */
    struct sp_text *t;
    struct sp_plan *plan;
    struct sp_arena *a;        /* the plan's arena */
    const char *family;
    const char *lang;          /* the first output language when its script has a face of
                                  its own (Urdu: Nastaliq), else NULL */

    /* rows */
    struct sp_row *rows;
    struct prow *pr;
    size_t n;
    const char *fellowship;    /* named once in the area line, or NULL */
    bool any_closed;

    /* geometry */
    double x0, content_w;
    double time_w;             /* time column: widest time + gap */
    double *time_width;        /* per minute of the day: the width of that time, -1 unset */
    double row_gap, head_gap, group_gap;

    /* header and band */
    struct sp_block header;
    bool numbered;
    int outline_day;           /* a set's bookmark of the day being emitted, or -1 */
    double table_top;          /* below the header and its rule */
    struct sp_block band;
    double band_top;           /* top of the band's rule */
    double band_h;             /* the band below its rule: the directory code or the words */
    double band_qr_y, band_text_y; /* the directory code's box and the words, below the
                                  band's top */
    int ntabs;
    double tabs_h;

    /* the code panel */
    const struct sp_qr *dir_qr;
    double dir_box;
    const char *dir_attr, *dir_alt, *dir_shown;
    int cells_per_row;
    double cell_need;          /* the widest text beside a code that may not break */
    double box;                /* the widest QR box of the poster: every cell's code column */
    double cell_w, cell_h, cell_gap, panel_gap, text_gap;
    GArray *shapes;            /* struct cellshape: the codes' cells, each shape once */
    struct narrow stack;       /* the same panel with the words under each code: more
                                  across, each cell taller; used when that is lower */
    struct sp_font label_font, cell_font, band_bold;

    /* the rows' fonts, each kept once: a poster set has thousands of rows and a handful of
       fonts (issue 16) */
    GPtrArray *fonts;          /* struct sp_font (in the plan's arena), by prow's index */
    const char **times;        /* [minute of the day]: its time as printed, made once */
    GHashTable *cuts;          /* row index -> struct cutwords, for the rows cut to fit */

    struct sp_error tabs_err;
    struct sp_error emit_err;  /* a code that could not be made again when drawn */
};

static struct sp_font font(const struct poster *p, double size, bool bold)
{
    struct sp_font f = { p->family, size, bold, p->lang };
    return f;
}

/* The same font with the family and language for the script of text (Urdu names...). */
static struct sp_font font_for(const struct poster *p, double size, bool bold, const char *text)
{
    struct sp_font f = font(p, size, bold);
    const char *lang = sp_text_guess_lang_in(text, sp_i18n_output()->first->code);

    if (!lang && sp_i18n_output()->second)
        lang = sp_text_guess_lang_in(text, sp_i18n_output()->second->code);
    if (lang) {
        f.lang = lang;
        f.family = sp_text_family_for(lang);
    }
    return f;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* f kept in the plan's arena, once for every row that uses the same font: its index. */
static uint16_t font_kept(struct poster *p, struct sp_font f)
{
    struct sp_font *k;

    for (guint i = 0; i < p->fonts->len; i++) {
        k = g_ptr_array_index(p->fonts, i);
        if (k->size == f.size && k->bold == f.bold && same_str(k->family, f.family) &&
            same_str(k->lang, f.lang))
            return (uint16_t)i;
    }
    g_assert(p->fonts->len < UINT16_MAX);
    k = sp_arena_alloc(p->a, sizeof *k);
    *k = f;
    g_ptr_array_add(p->fonts, k);
    return (uint16_t)(p->fonts->len - 1);
}

static const struct sp_font *font_at(const struct poster *p, uint16_t i)
{
    return g_ptr_array_index(p->fonts, i);
}

/* Box (symbol + quiet zone) of a poster QR code. */
static double qr_box(const struct sp_layout *lay, const struct sp_qr *qr)
{
    double symbol = lay->qr_min;

    if (symbol < qr->n * MODULE_MIN)
        symbol = qr->n * MODULE_MIN;
    return symbol * (qr->n + 2.0 * qr->quiet) / qr->n;
}

/* The directory as people type it: short link, website, or the URL itself. */
static const char *directory_shown(const struct sp_settings *s)
{
    return s->short_link ? s->short_link : s->org_website ? s->org_website : s->directory_url;
}

/* A name for a message: itself, or its first words and "…" when very long. */
static const char *short_name(const char *name, struct sp_arena *a)
{
    size_t n = strlen(name), cut = 60;

    if (n <= cut)
        return name;
    while (cut > 0 && name[cut] != ' ')
        cut--;
    return sp_arena_printf(a, "%.*s\xE2\x80\xA6", (int)(cut ? cut : 60), name);
}

/* ---- words of a row ---- */

static bool has_code(const struct sp_meeting *m, const char *code, const char *world_id)
{
    for (size_t i = 0; i < m->ntypes; i++) {
        const struct sp_type *t = &m->types[i];
        if (t->world_id && world_id && !g_ascii_strcasecmp(t->world_id, world_id))
            return true;
        if (!t->world_id && code && !g_ascii_strcasecmp(t->code, code))
            return true;
    }
    return false;
}

/* Meeting Guide language codes (code4recovery/spec): the label names the language. */
static bool is_language(const struct sp_type *t)
{
    static const char *const langs[] = {
        "AM", "DA", "DE", "EL", "FA", "FR", "HE", "HI", "HR", "HU", "ITA", "JA", "KOR", "LT",
        "ML", "NO", "POL", "POR", "PUN", "RUS", "S", "SK", "SV", "TH", "TL", "UK"
    };

    if (t->world_id)
        return !g_ascii_strcasecmp(t->world_id, "LANG");
    for (size_t i = 0; i < G_N_ELEMENTS(langs); i++)
        if (!g_ascii_strcasecmp(t->code, langs[i]))
            return true;
    return false;
}

/* "1st and 3rd", "last" for a weeks-of-the-month mask. */
static const char *ordinals(const struct poster_words *w, unsigned weeks, struct sp_arena *a)
{
    const char *parts[6];
    GString *s = g_string_new(NULL);
    const char *r;
    int n = 0;

    for (int i = 0; i < 6; i++)
        if (weeks & (1u << i))
            parts[n++] = w->ordinal[i];
    for (int i = 0; i < n; i++) {
        if (i)
            g_string_append(s, i == n - 1 ? w->and_ : sp_trc("list", ", "));
        g_string_append(s, parts[i]);
    }
    r = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

/* The few marks people choose by (issue 9): open/closed, who, access, language. */
static const char *marks(const struct poster_words *w, const struct sp_meeting *m, bool *closed,
                         struct sp_arena *a)
{
    GString *s = g_string_new(NULL);
    const char *r = NULL;

    /* each mark is glued: "Open to all" never breaks across lines */
#define ADD(x) do { if (s->len) g_string_append(s, sp_trc("list", ", ")); \
                    g_string_append(s, sp_words_glue((x), a)); } while (0)
    *closed = false;
    if (has_code(m, "O", "OPEN"))
        ADD(w->open);
    if (has_code(m, "C", "CLOSED")) {
        ADD(w->closed);
        *closed = true;
    }
    if (has_code(m, "W", "W"))
        ADD(w->women);
    if (has_code(m, "M", "M"))
        ADD(w->men);
    if (has_code(m, "Y", "Y") || has_code(m, "YP", NULL)) {
        const char *label = w->young;
        for (size_t i = 0; i < m->ntypes; i++)
            if (!g_ascii_strcasecmp(m->types[i].code, "Y"))
                label = sp_words_type_label(m, &m->types[i]);  /* Alateen for Al-Anon */
        ADD(label);
    }
    if (has_code(m, "LGBTQ", "GL") || has_code(m, "G", NULL) || has_code(m, "L", NULL) ||
        has_code(m, "BI", NULL) || has_code(m, "T", NULL) || has_code(m, "NB", NULL))
        ADD(w->lgbtq);
    if (has_code(m, "X", "WCHR"))
        ADD(w->step_free);
    if (has_code(m, "ASL", NULL) || has_code(m, "BSL", NULL))
        ADD(w->sign_language);
    for (size_t i = 0; i < m->ntypes; i++)
        if (is_language(&m->types[i]) && m->types[i].label && !strstr(s->str, m->types[i].label))
            ADD(m->types[i].label);
#undef ADD
    if (s->len)
        r = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

/* Append part with ", " unless it is already there. */
static void add_part(GString *buf, const char *part)
{
    if (!part || !*part || strstr(buf->str, part))
        return;
    if (buf->len)
        g_string_append(buf, ", ");
    g_string_append(buf, part);
}

/* Where, in person: venue, street, town and postcode (the town left out when the poster's
   area is that town); the postcode glued. */
static const char *place(const struct poster *p, const struct sp_meeting *m, struct sp_arena *a)
{
    const char *area = p->in->part_name;
    bool skip_town = m->town && area && !g_ascii_strcasecmp(m->town, area) && m->postcode;
    GString *buf = g_string_new(NULL);
    const char *r;

    add_part(buf, m->venue);
    add_part(buf, m->address);
    if (m->town && m->postcode && !skip_town) {
        /* a short town travels with its postcode; a very long one must be free to wrap */
        bool glue = g_utf8_strlen(m->town, -1) <= 24;
        char *tp = g_strdup_printf("%s%s%s", m->town, glue ? SP_NBSP : " ",
                                   sp_words_glue(m->postcode, a));
        add_part(buf, tp);
        g_free(tp);
    } else {
        if (!skip_town)
            add_part(buf, m->town);
        add_part(buf, sp_words_glue(m->postcode, a));
    }
    if (!buf->len && m->formatted_address)
        add_part(buf, m->formatted_address);
    r = sp_arena_strdup(a, buf->str);
    g_string_free(buf, TRUE);
    return r;
}

/* For people who cannot scan: meeting ID, passcode, dial-in; NULL entries end it. */
static void access_one(struct poster *p, const struct poster_words *w,
                       const struct sp_meeting *m, const char *out[3], struct sp_arena *a)
{
    int k = 0;

    out[0] = out[1] = out[2] = NULL;
    if (m->meeting_id)
        out[k++] = say(a, w->meeting_id, sp_words_glue(m->meeting_id, a), NULL, NULL);
    if (m->passcode && !p->in->leave_off_passcodes)
        out[k++] = say(a, w->passcode, sp_words_glue(m->passcode, a), NULL, NULL);
    if (m->phone) {
        /* "029 2018 0444, then 5566#": the number and the extension each stay whole */
        char *dial = g_strdup(sp_words_dial_in(m, p->in->leave_off_passcodes, a)), *q;
        while ((q = strstr(dial, "," SP_NBSP)) != NULL) {
            q[1] = ' ';
            memmove(q + 2, q + 3, strlen(q + 3) + 1);
        }
        out[k++] = say(a, w->dial_in, dial, NULL, NULL);
        g_free(dial);
    }
}

/* The same in each output language, line by line ("Meeting ID 812 / ..."). */
static void access_lines(struct poster *p, const struct sp_meeting *m, const char *out[3],
                         struct sp_arena *a)
{
    const struct sp_langs *l = sp_i18n_output();
    const char *two[3];

    if (p->nlang == 1) {
        access_one(p, &p->wl[0], m, out, a);
        return;
    }
    sp_i18n_use(l->first);
    access_one(p, &p->wl[0], m, out, a);
    sp_i18n_use(l->second);
    access_one(p, &p->wl[1], m, two, a);
    sp_i18n_use(NULL);
    for (int i = 0; i < 3; i++)
        out[i] = out[i] ? sp_i18n_join(a, out[i], two[i]) : NULL;
}

/*
 * The detail line of a row: [fellowship. ]where[. marks][. weeks].  For an online row,
 * variant CODED points to its code ("Online (Zoom): scan code 00", the number filled in
 * when the sheet is known), REDUCED to the directory.  In one language (w); the second
 * language of a bilingual poster (k = 1) leaves out what is not words (the fellowship,
 * the address, the joining details), which the first gave.
 */
struct detail_ctx {
    const struct prow *r;
    int variant;
};

static const char *detail_fn(struct poster *p, const struct poster_words *w, int k,
                             const void *ctx, struct sp_arena *a)
{
    const struct prow *r = ((const struct detail_ctx *)ctx)->r;
    int variant = ((const struct detail_ctx *)ctx)->variant;
    const struct sp_meeting *m = r->r->m;
    const char *shown = directory_shown(p->in->settings);
    const char *how = NULL, *res, *marks_s;
    const char *stop = sp_trc("sentence", ". ");
    GString *s = g_string_new(NULL);
    bool closed;

    if (!p->fellowship && m->fellowship && k == 0)
        g_string_append_printf(s, "%s%s", sp_i18n_iso(a, m->fellowship), stop);
    if (r->codable)
        how = variant == CODED ? say(a, w->scan_code, CODE_PLACEHOLDER, NULL, NULL)
                               : say(a, w->join_details, shown, NULL, NULL);
    else if (m->url && p->dir_qr)
        how = say(a, w->join_details, shown, NULL, NULL);  /* a link that is no code */

    if (m->attendance == SP_ATTEND_ONLINE && (how || m->url)) {
        if (how)
            g_string_append(s, m->provider ? say(a, w->online_via, m->provider, how, NULL)
                                           : say(a, w->online_how, how, NULL, NULL));
        else
            g_string_append(s, m->provider ? say(a, w->online_provider, m->provider, NULL, NULL)
                                           : w->online);
    } else if (m->attendance == SP_ATTEND_ONLINE) {
        g_string_append(s, w->by_phone);
    } else if (m->attendance == SP_ATTEND_HYBRID) {
        const char *where = k == 0 ? sp_i18n_iso(a, place(p, m, a)) : "";
        g_string_append(s, how ? say(a, w->hybrid_how, how, NULL, NULL) : w->hybrid);
        if (*where)
            g_string_append_printf(s, ": %s", where);
    } else if (k == 0) {
        g_string_append(s, sp_i18n_iso(a, place(p, m, a)));
    }
    /* no code and no directory to point to: the joining details in the row itself */
    if (!how && k == 0 &&
        (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID)) {
        const char *acc[3];
        access_one(p, w, m, acc, a);
        for (int i = 0; i < 3 && acc[i]; i++)
            g_string_append_printf(s, "%s%s", i ? sp_trc("list", ", ") : ": ", acc[i]);
    }
    marks_s = marks(w, m, &closed, a);
    if (marks_s)
        g_string_append_printf(s, "%s%s", s->len ? stop : "", marks_s);
    if (m->weeks) {
        const char *day = __builtin_popcount(r->r->days & SP_ALL_DAYS) == 1
                          ? sp_tr_day(r->r->first_day) : w->week;
        g_string_append_printf(s, "%s%s", s->len ? stop : "",
                               say(a, w->monthly, ordinals(w, m->weeks, a), day, NULL));
    }
    res = sp_arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return res;
}

static const char *detail_text(struct poster *p, const struct prow *r, int variant,
                               struct sp_arena *a)
{
    struct detail_ctx c = { r, variant };
    return in_each(p, detail_fn, &c, a);
}

/* The alt text of a row's code: "Join Name on Zoom (meeting ID ...)". */
static const char *alt_fn(struct poster *p, const struct poster_words *w, int k,
                          const void *ctx, struct sp_arena *a)
{
    const struct sp_meeting *m = ctx;
    const char *alt = m->provider ? say(a, w->join_alt, m->name, m->provider, NULL)
                                  : say(a, w->join_alt_online, m->name, NULL, NULL);

    (void)p;
    (void)k;
    return m->meeting_id ? say(a, w->meeting_id_alt, alt, m->meeting_id, NULL) : alt;
}

static const char *in_each(struct poster *p, words_fn fn, const void *ctx,
                           struct sp_arena *a)
{
    const struct sp_langs *l = sp_i18n_output();
    const char *one, *two;

    if (p->nlang == 1)
        return fn(p, &p->wl[0], 0, ctx, a);
    sp_i18n_use(l->first);
    one = fn(p, &p->wl[0], 0, ctx, a);
    sp_i18n_use(l->second);
    two = fn(p, &p->wl[1], 1, ctx, a);
    sp_i18n_use(NULL);
    return sp_i18n_join(a, one, two);
}

/* A row's name: after its days when it runs on several. */
static const char *row_title(struct poster *p, const struct sp_row *row, struct sp_arena *a)
{
    /* the name filled in as a value: it keeps its own direction in a right-to-left
       poster */
    if (__builtin_popcount(row->days & SP_ALL_DAYS) > 1)
        return sp_i18n_fill(a, "{1}: {2}",
                            sp_words_days(row->days, sp_compose_week_start(p->in),
                                          SP_DAYS_LONG, a),
                            row->m->name, NULL);
    return row->m->name;
}

/*
 * The words of row i in arena a: its text (WORDS_NAME: time and name; WORDS_CODED and
 * WORDS_REDUCED: the place line's variants), and for a codable row its joining details
 * (WORDS_JOIN) and its code (WORDS_QR).  The same every time: measured rows are drawn
 * with the words they were measured with, cut as they were cut.  Returns -1 (err set)
 * only when a code encoded before cannot be made again (out of memory).
 */
static int row_words(struct poster *p, size_t i, unsigned what, struct sp_arena *a,
                     struct pwords *w, struct sp_error *err)
{
    const struct prow *r = &p->pr[i];
    const struct sp_meeting *m = r->r->m;
    const struct cutwords *cut = r->cut ? g_hash_table_lookup(p->cuts, GSIZE_TO_POINTER(i))
                                        : NULL;

    memset(w, 0, sizeof *w);
    if (what & WORDS_NAME) {
        w->time = p->times[m->start_min % 1440];
        w->title = cut && cut->title ? cut->title : row_title(p, r->r, a);
    }
    if ((what & WORDS_CODED) || ((what & WORDS_REDUCED) && !r->codable))
        w->detail[CODED] = cut && cut->detail[CODED] ? cut->detail[CODED]
                                                     : detail_text(p, r, CODED, a);
    if ((what & WORDS_REDUCED) && !r->codable)
        w->detail[REDUCED] = w->detail[CODED];
    else if (what & WORDS_REDUCED)
        w->detail[REDUCED] = cut && cut->detail[REDUCED] ? cut->detail[REDUCED]
                                                         : detail_text(p, r, REDUCED, a);
    if ((what & (WORDS_JOIN | WORDS_QR)) && r->codable) {
        const char *link = sp_words_link(m, p->in->leave_off_passcodes);
        if (what & WORDS_JOIN) {
            access_lines(p, m, w->access, a);
            w->site = sp_words_site(link, a);
        }
        if (what & WORDS_QR) {
            struct sp_qr *qr = sp_arena_alloc(a, sizeof *qr);
            if (sp_qr_encode_cached(p->in->qr_cache, link, p->lay->qr_ecl, m->name, a, qr,
                                    err) != 0)
                return -1;
            w->qr = qr;
            w->link_attr = sp_words_attr_url(link, a);
            w->alt = in_each(p, alt_fn, m, a);
        }
    }
    return 0;
}

/*
 * What every row needs kept: its group, fonts and marks, and whether its link became a
 * QR code (encoded here once, for its size, and again when drawn; the cache holds most).
 */
static void build_rows(struct poster *p)
{
    const struct sp_compose_in *in = p->in;
    const struct sp_layout *lay = p->lay;
    struct sp_arena *a = p->a;
    struct sp_arena scratch;
    int start = sp_compose_week_start(in);

    sp_arena_init(&scratch);
    p->fonts = g_ptr_array_new();
    p->cuts = g_hash_table_new(g_direct_hash, g_direct_equal);
    /* one copy of each time of day, shared by every row that starts then */
    p->times = sp_arena_alloc(a, 1440 * sizeof *p->times);
    memset(p->times, 0, 1440 * sizeof *p->times);
    p->pr = sp_arena_alloc(a, (p->n ? p->n : 1) * sizeof *p->pr);
    for (size_t i = 0; i < p->n; i++) {
        struct prow *r = &p->pr[i];
        const struct sp_meeting *m = p->rows[i].m;
        const char *link = sp_words_link(m, in->leave_off_passcodes);
        bool multi = __builtin_popcount(p->rows[i].days & SP_ALL_DAYS) > 1;
        const char *title;

        if (scratch.used_total > 256 * 1024)
            sp_arena_free(&scratch);
        memset(r, 0, sizeof *r);
        r->r = &p->rows[i];
        r->group = (uint8_t)(multi ? 0 : 1 + (p->rows[i].first_day - start + 7) % 7);
        if (!p->times[m->start_min % 1440])
            p->times[m->start_min % 1440] = sp_words_time(m->start_min, lay->time_style, a);
        title = row_title(p, r->r, &scratch);
        {
            struct sp_font tf = font_for(p, lay->size_body, true, title);
            if (!tf.lang)
                tf.lang = sp_lang_of_text(m->name, sp_lang_meeting(m));
            r->title_font = font_kept(p, tf);
        }

        if (link && (m->attendance == SP_ATTEND_ONLINE || m->attendance == SP_ATTEND_HYBRID)) {
            struct sp_qr qr;
            struct sp_error qerr = { 0 };
            if (sp_qr_encode_cached(p->in->qr_cache, link, lay->qr_ecl, m->name, &scratch, &qr,
                                    &qerr) == 0) {
                r->codable = true;
                r->qr_box = qr_box(lay, &qr);
            } else {
                /* never fail the poster for one link: the row says where the details are */
                if (in->diag)
                    sp_diag_add(in->diag, SP_WARNING, m->file, m->line, 0,
                                "'%s': link too long for a QR code; the poster says where "
                                "to find the joining details instead", short_name(m->name, a));
            }
        }
        marks(&p->wl[0], m, &r->closed_mark, &scratch);
        p->any_closed |= r->closed_mark;
        r->detail_font = font_kept(p, font_for(p, lay->size_detail, false,
                                               detail_text(p, r, CODED, &scratch)));
    }
    sp_arena_free(&scratch);
}

/* ---- measuring ---- */

/*
 * text, or when it needs more than max lines at width, its longest start that ends at a
 * word and fits with "… more at <directory>" (or "…"); *cut is set then.
 */
static const char *cap_text(struct poster *p, const struct sp_font *f, const char *text,
                            double width, int max, bool *cut, struct sp_arena *a)
{
    const char *shown = directory_shown(p->in->settings);
    const char *tail = shown ? say(a, p->w->more_marker, shown, NULL, NULL) : p->w->cut_marker;
    struct sp_line *lines;
    size_t lo = 0, hi = strlen(text);

    if (sp_text_break(p->t, f, text, width, a, &lines) <= max)
        return sp_arena_strdup(a, text);  /* a copy: text may be in a scratch arena */
    /* binary search on the length; each candidate ends at a space */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2, at = mid;
        while (at > 0 && text[at] != ' ')
            at--;
        if (at > 0 && sp_text_break(p->t, f, sp_arena_printf(a, "%.*s %s", (int)at, text, tail),
                                    width, a, &lines) <= max)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && text[lo] != ' ')
        lo--;
    *cut = true;
    return lo ? sp_arena_printf(a, "%.*s %s", (int)lo, text, tail) : tail;
}

static double lines_height(const struct sp_line *l, int n, double spacing)
{
    double h = 0;

    for (int i = 0; i < n; i++)
        h += l[i].height * spacing;
    return h;
}

/* One measured title, kept for other rows with the same words (names repeat). */
struct broken {
    int n;
    double h, base;            /* as pmeas th and tbase */
};

/* The height of title lines l[0, n) and the first one's baseline below the row top. */
static void title_size(const struct sp_line *l, int n, double spacing, double base0,
                       double *h, double *base)
{
    *h = lines_height(l, n, spacing);
    *base = n ? l[0].height * spacing - l[0].height + l[0].baseline : base0;
}

/* A title's line count and size at the candidate's body width, broken (in scratch) once
   per distinct text and font. */
static int break_cached(struct poster *p, struct layout_try *lt, const struct sp_font *f,
                        const char *text, double base0, struct sp_arena *scratch,
                        double *h, double *base)
{
    char *key = g_strdup_printf("%s\x1f%d\x1f%.2f\x1f%s\x1f%s", f->family, f->bold, f->size,
                                f->lang ? f->lang : "", text);
    struct broken *b = g_hash_table_lookup(lt->cache, key);

    if (!b) {
        struct sp_line *lines;
        b = sp_arena_alloc(&lt->arena, sizeof *b);
        b->n = sp_text_break(p->t, f, text, lt->body_w, scratch, &lines);
        title_size(lines, b->n, p->lay->line_spacing, base0, &b->h, &b->base);
        g_hash_table_insert(lt->cache, key, b);
    } else {
        g_free(key);
    }
    *h = b->h;
    *base = b->base;
    return b->n;
}

/* Index of size v in the candidate's table of sizes (added when new). */
static uint32_t size_index(struct layout_try *lt, double v)
{
    gint64 key;
    gpointer got;

    memcpy(&key, &v, sizeof key);
    got = g_hash_table_lookup(lt->size_of, &key);
    if (!got) {
        gint64 *k = sp_arena_alloc(&lt->arena, sizeof *k);
        *k = key;
        g_array_append_val(lt->sizes, v);
        got = GUINT_TO_POINTER(lt->sizes->len);
        g_hash_table_insert(lt->size_of, k, got);
    }
    return GPOINTER_TO_UINT(got) - 1;
}

static double size_at(const struct layout_try *lt, uint32_t i)
{
    return g_array_index(lt->sizes, double, i);
}

static uint16_t count16(int n)
{
    return (uint16_t)MIN(n, UINT16_MAX);
}

/*
 * Measure rows [0, lt->n) at the candidate's body width.  With cap (the widest candidate)
 * a name or place line longer than a few lines is cut at a word and reported, so every
 * candidate sets the same words and one meeting never stops the poster.
 */
static void measure(struct poster *p, struct layout_try *lt, bool cap)
{
    const struct sp_layout *lay = p->lay;
    double ls = lay->line_spacing;
    double tl_h, tl_base;
    struct sp_font tf = font(p, lay->size_body, true);
    struct sp_arena scratch;

    sp_text_metrics(p->t, &tf, &tl_h, &tl_base);
    lt->pm = sp_arena_alloc(&lt->arena, (lt->n ? lt->n : 1) * sizeof *lt->pm);
    lt->sizes = g_array_new(FALSE, FALSE, sizeof(double));
    lt->size_of = g_hash_table_new(g_int64_hash, g_int64_equal);
    lt->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    sp_arena_init(&scratch);
    for (size_t i = 0; i < lt->n; i++) {
        struct prow *r = &p->pr[i];
        struct pmeas *pm = &lt->pm[i];
        const struct sp_font *title_font = font_at(p, r->title_font);
        const struct sp_font *detail_font = font_at(p, r->detail_font);
        struct pwords w;
        struct sp_line *l;
        struct cutwords *cw = r->cut ? g_hash_table_lookup(p->cuts, GSIZE_TO_POINTER(i)) : NULL;
        double th, tbase, dh[2];
        int ntl, ndl[2];
        bool cut = false;

        if (scratch.used_total > 256 * 1024)
            sp_arena_free(&scratch);  /* the lines are measured: only their sizes are kept */
        row_words(p, i, WORDS_TEXT, &scratch, &w, NULL);
        ntl = break_cached(p, lt, title_font, w.title, tl_base, &scratch, &th, &tbase);
        if (cap && ntl > TITLE_MAX_LINES) {
            if (!cw) {
                cw = sp_arena_alloc(p->a, sizeof *cw);
                memset(cw, 0, sizeof *cw);
            }
            w.title = cw->title = cap_text(p, title_font, w.title, lt->body_w, TITLE_MAX_LINES,
                                           &cut, p->a);
            ntl = sp_text_break(p->t, title_font, w.title, lt->body_w, &scratch, &l);
            title_size(l, ntl, ls, tl_base, &th, &tbase);
        }
        for (int v = 0; v < 2; v++) {
            double h;
            if (v == REDUCED && !r->codable) {
                ndl[v] = ndl[CODED];
                dh[v] = dh[CODED];
            } else {
                ndl[v] = sp_text_break(p->t, detail_font, w.detail[v], lt->detail_w,
                                       &scratch, &l);
                if (cap && ndl[v] > DETAIL_MAX_LINES) {
                    if (!cw) {
                        cw = sp_arena_alloc(p->a, sizeof *cw);
                        memset(cw, 0, sizeof *cw);
                    }
                    w.detail[v] = cw->detail[v] = cap_text(p, detail_font, w.detail[v],
                                                           lt->detail_w, DETAIL_MAX_LINES,
                                                           &cut, p->a);
                    ndl[v] = sp_text_break(p->t, detail_font, w.detail[v], lt->detail_w,
                                           &scratch, &l);
                }
                dh[v] = lines_height(l, ndl[v], ls);
            }
            h = th + dh[v];
            if (h < tl_h * ls)
                h = tl_h * ls;
            pm->h[v] = size_index(lt, h);
            pm->ndl[v] = count16(ndl[v]);
        }
        pm->ntl = count16(ntl);
        pm->tbase = size_index(lt, tbase);
        if (cw) {
            /* kept for every later candidate and for drawing (rows cut are few) */
            r->cut = true;
            g_hash_table_insert(p->cuts, GSIZE_TO_POINTER(i), cw);
        }
        if (cut && p->in->diag)
            sp_diag_add(p->in->diag, SP_WARNING, r->r->m->file, r->r->m->line, 0,
                        "'%s': too long for a row of the poster (at most %d lines for the "
                        "name, %d for the place); cut at a word",
                        short_name(r->r->m->name, p->a),
                        TITLE_MAX_LINES, DETAIL_MAX_LINES);
    }
    /* every row measured: the lookup by text goes (its keys held a copy of every distinct
       title while the whole set was drawn; issue 16) */
    g_hash_table_destroy(lt->cache);
    lt->cache = NULL;
    g_hash_table_destroy(lt->size_of);
    lt->size_of = NULL;
    sp_arena_free(&scratch);
}

/* ---- pagination ---- */

static bool group_starts(const struct poster *p, size_t i)
{
    return i == 0 || p->pr[i].group != p->pr[i - 1].group;
}

/* The k-th codable row of the sheet (0-based) is coded when k < ncoded. */
static int variant_of(const struct poster *p, size_t i, size_t ncoded, size_t *seen)
{
    if (!p->pr[i].codable)
        return CODED;
    return (*seen)++ < ncoded ? CODED : REDUCED;
}

/*
 * Place rows [s, e) in the columns between top and bottom: a group's heading is kept with
 * its first row; a group that goes on at the top of a column gets "(continued)".
 * Fills pl (may be NULL).  Returns the lowest y used, or -1 when they do not fit.
 */
static double fill(const struct poster *p, const struct layout_try *lt, size_t s, size_t e,
                   size_t ncoded, double top, double bottom_all, const struct panelfit *pf,
                   struct place *pl)
{
    int col = 0;
    double y = top, low = top;
    size_t seen = 0;
    /* columns under a narrow panel end above it */
#define COL_BOTTOM(c) (pf && pf->h > 0 && (c) >= lt->ncols - pf->cols ? bottom_all - pf->h \
                                                                      : bottom_all)
    double bottom = COL_BOTTOM(0);

    for (size_t i = s; i < e; i++) {
        double h = size_at(lt, lt->pm[i].h[variant_of(p, i, ncoded, &seen)]);
        bool first = group_starts(p, i);
        bool at_top = y <= top + 0.001;
        int heading = first ? 1 : at_top ? 2 : 0;
        int g = p->pr[i].group;
        double lead = heading == 1 ? (at_top ? 0 : p->group_gap) + lt->group_h[g] + p->head_gap
                    : heading == 2 ? lt->gcont_h[g] + p->head_gap : p->row_gap;

        if (y + lead + h > bottom + 0.001) {
            if (++col >= lt->ncols)
                return -1;
            bottom = COL_BOTTOM(col);
            y = top;
            heading = first ? 1 : 2;
            lead = (heading == 1 ? lt->group_h[g] : lt->gcont_h[g]) + p->head_gap;
            if (y + lead + h > bottom + 0.001)
                return -1;
        }
        if (pl) {
            pl[i - s].col = col;
            pl[i - s].heading = heading;
            pl[i - s].hy = y + (heading == 1 && y > top + 0.001 ? p->group_gap : 0);
            pl[i - s].y = y + lead;
        }
        y += lead + h;
        if (y > low)
            low = y;
    }
    return low;
#undef COL_BOTTOM
}

/* Code cells across a panel over the last m columns (the whole width when m = ncols). */
static size_t panel_cpr(const struct poster *p, const struct layout_try *lt, int m)
{
    if (m >= lt->ncols)
        return (size_t)p->cells_per_row;
    return m >= 1 && m < 7 ? lt->narrow[m].cpr : 0;
}

/* Height of the code panel with ncoded codes over the last m columns (0 = no panel;
   -1 when its cells do not fit that width). */
static double panel_height_over(const struct poster *p, const struct layout_try *lt,
                                size_t ncoded, int m)
{
    size_t cpr = panel_cpr(p, lt, m), rows;
    double ch = m >= lt->ncols ? p->cell_h : lt->narrow[m].cell_h;

    if (ncoded == 0)
        return 0;
    if (cpr == 0)
        return -1;
    rows = (ncoded + cpr - 1) / cpr;
    return p->panel_gap + rows * ch + (rows - 1) * p->cell_gap;
}

/* Height of ncoded cells cpr across, each ch tall (0 = no panel). */
static double cells_height(const struct poster *p, size_t ncoded, size_t cpr, double ch)
{
    size_t rows = (ncoded + cpr - 1) / cpr;

    if (rows == 0)
        return 0;
    return p->panel_gap + rows * ch + (rows - 1) * p->cell_gap;
}

/* Whether a panel across the whole width with ncoded codes has its words under the codes:
   when that makes it lower (three codes of an A4 sheet in one row, not two rows). */
static bool full_stacked(const struct poster *p, size_t ncoded)
{
    return p->stack.cpr > 0 &&
           cells_height(p, ncoded, p->stack.cpr, p->stack.cell_h) <
               cells_height(p, ncoded, (size_t)p->cells_per_row, p->cell_h) - 0.001;
}

/* Height of the code panel across the whole width with ncoded codes (0 = no panel). */
static double panel_height(const struct poster *p, size_t ncoded)
{
    if (full_stacked(p, ncoded))
        return cells_height(p, ncoded, p->stack.cpr, p->stack.cell_h);
    return cells_height(p, ncoded, (size_t)p->cells_per_row, p->cell_h);
}

/*
 * Whether rows [s, e) and ncoded codes fit one sheet: with the panel across the whole
 * width below the table, or else at the foot of the last 1, 2... columns, where a short
 * last column leaves room (so a code is not left out for want of a full-width strip).
 * Returns the panel's column span (ncols = the whole width), or 0 when they do not fit.
 */
static int sheet_fits(const struct poster *p, const struct layout_try *lt, size_t s, size_t e,
                      size_t ncoded)
{
    struct panelfit pf = { lt->ncols, panel_height(p, ncoded) };

    if (fill(p, lt, s, e, ncoded, p->table_top, p->band_top, &pf, NULL) >= 0)
        return lt->ncols;
    for (int m = lt->ncols - 1; m >= 1 && ncoded > 0; m--) {
        pf.cols = m;
        pf.h = panel_height_over(p, lt, ncoded, m);
        if (pf.h < 0 || pf.h > p->band_top - p->table_top)
            continue;  /* its cells do not fit that width, or the panel that height */
        if (fill(p, lt, s, e, ncoded, p->table_top, p->band_top, &pf, NULL) >= 0)
            return m;
    }
    return 0;
}

/* The most codes that fit with rows [s, e) on one sheet (nonline of them codable): all of
   them, or with may_drop as many as fit; -1 when the rows do not fit even with none. */
static long codes_fit(const struct poster *p, const struct layout_try *lt, size_t s, size_t e,
                      size_t nonline, bool may_drop)
{
    for (size_t k = nonline;; k--) {
        if (sheet_fits(p, lt, s, e, k) > 0)
            return (long)k;
        if (!may_drop || k == 0)
            return -1;
    }
}

/* The most rows a sheet starting at row s holds (*e), then the most of their codes (*k);
   *nonline of them are codable.  False when row s alone does not fit. */
static bool sheet_max(const struct poster *p, const struct layout_try *lt, size_t s,
                      bool may_drop, size_t *e_out, size_t *k_out, size_t *non_out)
{
    size_t nonline = 0;

    *e_out = s;
    for (size_t e = s + 1; e <= lt->n; e++) {
        long k;
        nonline += p->pr[e - 1].codable;
        k = codes_fit(p, lt, s, e, nonline, may_drop);
        if (k < 0)
            break;
        *e_out = e;
        *k_out = (size_t)k;
        *non_out = nonline;
    }
    return *e_out > s;
}

static void push_sheet(const struct poster *p, struct layout_try *lt, size_t s, size_t e,
                       size_t k, size_t nonline)
{
    if (lt->nsheets == lt->cap) {
        lt->cap = lt->cap ? 2 * lt->cap : 8;
        lt->sheets = g_renew(struct sheet, lt->sheets, lt->cap);
    }
    lt->sheets[lt->nsheets].s = s;
    lt->sheets[lt->nsheets].e = e;
    lt->sheets[lt->nsheets].ncoded = k;
    lt->sheets[lt->nsheets].nonline = nonline;
    lt->sheets[lt->nsheets].pcols = sheet_fits(p, lt, s, e, k);
    lt->nsheets++;
    lt->codes_shown += k;
}

/*
 * Paginate: each sheet takes as many rows as fit, then as many of their codes as fit
 * (soonest first; the rest point to the directory code, which says how many more there
 * are).  With may_drop false every online row keeps its code.  Returns -1 when a single
 * row does not fit an empty sheet.
 */
static int paginate(struct poster *p, struct layout_try *lt, bool may_drop)
{
    size_t s = 0, e = 0, k = 0, nonline = 0;

    lt->nsheets = 0;
    lt->codes_shown = 0;
    for (; s < lt->n; s = e) {
        if (!sheet_max(p, lt, s, may_drop, &e, &k, &nonline))
            return -1;
        push_sheet(p, lt, s, e, k, nonline);
    }
    return 0;
}

/* Sheets needed from row s on, packing rows first (memo[s], -1 = not known yet). */
static long sheets_from(const struct poster *p, const struct layout_try *lt, size_t s,
                        long *memo, size_t nmemo)
{
    size_t e, k, nonline;

    if (s + 1 >= nmemo)
        return 0;  /* past the last row */
    if (memo[s] >= 0)
        return memo[s];
    if (!sheet_max(p, lt, s, true, &e, &k, &nonline))
        return memo[s] = 100000;
    return memo[s] = 1 + sheets_from(p, lt, e, memo, nmemo);
}

/*
 * The same number of sheets as packing rows first, with more codes: each sheet takes the
 * rows that let it show the most codes while the rows after it still fit the sheets left.
 * Returns -1 when that does not come out at `want` sheets.
 */
static int paginate_codes(struct poster *p, struct layout_try *lt, size_t want)
{
    size_t nmemo = lt->n + 1, s = 0;
    long *memo = g_new(long, nmemo);
    int rc = 0;

    memset(memo, 0xff, nmemo * sizeof *memo);  /* every entry -1: not known yet */
    memo[nmemo - 1] = 0;
    lt->nsheets = 0;
    lt->codes_shown = 0;
    while (s < lt->n && rc == 0) {
        size_t emax, k, nonline, best_e = s;
        long best_k = -1, left = (long)want - (long)lt->nsheets - 1;

        if (!sheet_max(p, lt, s, true, &emax, &k, &nonline)) {
            rc = -1;
            break;
        }
        for (size_t e = emax; e > s; e--) {
            size_t non = 0;
            long kk;
            if (sheets_from(p, lt, e, memo, nmemo) > left)
                break;  /* fewer rows here: the rest would need another sheet */
            for (size_t i = s; i < e; i++)
                non += p->pr[i].codable;
            kk = codes_fit(p, lt, s, e, non, true);
            if (kk > best_k) {
                best_k = kk;
                best_e = e;
            }
        }
        if (best_k < 0) {
            rc = -1;
            break;
        }
        nonline = 0;
        for (size_t i = s; i < best_e; i++)
            nonline += p->pr[i].codable;
        push_sheet(p, lt, s, best_e, (size_t)best_k, nonline);
        s = best_e;
    }
    g_free(memo);
    return rc == 0 && lt->nsheets == want ? 0 : -1;
}

/*
 * Paginate one candidate: the fewest sheets (rows first), then every code kept when that
 * costs no sheet, or else as many codes as the same sheets can show (lists of up to
 * LOOKAHEAD_ROWS rows: the search costs time on long ones).
 */
#define LOOKAHEAD_ROWS 400

static int paginate_best(struct poster *p, struct layout_try *lt)
{
    struct layout_try alt;
    bool any = false;

    for (size_t i = 0; i < lt->n; i++)
        any |= p->pr[i].codable;
    if (paginate(p, lt, p->dir_qr != NULL) != 0)
        return -1;
    if (!p->dir_qr || !any)
        return 0;
    alt = *lt;
    alt.sheets = NULL;
    alt.cap = 0;
    if ((paginate(p, &alt, false) == 0 && alt.nsheets == lt->nsheets) ||
        (lt->n <= LOOKAHEAD_ROWS && paginate_codes(p, &alt, lt->nsheets) == 0)) {
        if (alt.codes_shown > lt->codes_shown) {
            g_free(lt->sheets);
            lt->sheets = alt.sheets;
            lt->cap = alt.cap;
            lt->codes_shown = alt.codes_shown;
            return 0;
        }
    }
    g_free(alt.sheets);
    return 0;
}

/* ---- header, band, panel geometry ---- */

/* "Page 2 of 5", glued: one piece of information. */
static const char *page_text(const struct poster *p, size_t page, size_t npages)
{
    if (page == PAGE_PLACEHOLDER)  /* the widest digits */
        return sp_words_glue(say(p->a, p->w->page_of, "00000", "00000", NULL), p->a);
    return sp_words_glue(say(p->a, p->w->page_of, num(p->a, page), num(p->a, npages), NULL),
                         p->a);
}

static const char *area_line(const struct poster *p, size_t page, size_t npages)
{
    const char *area = p->in->part_name ? p->in->part_name : p->in->settings->area;
    GString *s = g_string_new(NULL);
    const char *r = NULL;

    if (area)
        g_string_append(s, area);
    if (p->fellowship)
        g_string_append_printf(s, "%s%s", s->len ? p->wl[0].sep : "", p->fellowship);
    if (p->numbered)
        g_string_append_printf(s, "%s%s", s->len ? p->wl[0].sep : "",
                               page_text(p, page, npages));
    if (s->len)
        r = sp_arena_strdup(p->a, s->str);
    g_string_free(s, TRUE);
    return r;
}

/* Headline (H1), subtitle, and the area line (with "Page N of M" in a set). */
static void build_header(struct poster *p, size_t page, size_t npages)
{
    const struct sp_layout *lay = p->lay;
    const char *headline = sp_words_headline(p->in, p->a);
    const char *subtitle = sp_words_subtitle_in(p->in, p->a);
    const char *line = area_line(p, page, npages);
    struct sp_font f;
    struct sp_para *para;

    sp_block_init(&p->header);
    f = font_for(p, lay->size_headline, true, headline);
    para = sp_block_add(&p->header, p->a, "H1", &f, lay->color_heading, headline, 0);
    para->spacing = 1.0;  /* a heading is not running text: no extra leading */
    if (subtitle && *subtitle) {
        f = font_for(p, lay->size_subtitle, false, subtitle);
        sp_block_add(&p->header, p->a, "P", &f, lay->color_text, subtitle, 0);
    }
    if (line) {
        f = font_for(p, lay->size_body, true, line);
        sp_block_add(&p->header, p->a, "P", &f, lay->color_text, line, lay->size_body * 0.2);
    }
    sp_block_measure(&p->header, p->t, p->content_w, lay->line_spacing, p->a);
    /* the rule 1 mm below the area line (its descent is white already), the table 2 mm
       below the rule (the heading's ascent adds to it) */
    p->table_top = lay->margin_top + p->header.height + SP_MM(1) + SP_MM(1.2) + SP_MM(2);
}

/* Widest run of text that may not break (words joined by no-break spaces). */
static double widest_word(struct poster *p, const struct sp_font *f, const char *s)
{
    double w = 0;
    char **words = g_strsplit(s, " ", -1);

    for (char **q = words; *q; q++) {
        double x = **q ? sp_text_width(p->t, f, *q) : 0;
        if (x > w)
            w = x;
    }
    g_strfreev(words);
    return w;
}

static const char *cell_label(const struct poster *p, size_t k)
{
    return say(p->a, p->w->code_title, num(p->a, k), NULL, NULL);
}

/* "3 more online meetings: scan for the full list", or NULL when none are left out. */
static const char *more_text(const struct poster *p, size_t more)
{
    return more == 0 ? NULL
           : sp_sayn(p->a, "{1} more online meeting: scan for the full list",
                     "{1} more online meetings: scan for the full list", more, NULL, NULL);
}

/* Width of the text beside a code in a panel cell. */
static double cell_text_w(const struct poster *p)
{
    return p->cell_w - p->box - p->text_gap;
}

/* Lines of text at width tw: one when it fits (one measurement), else broken. */
static double para_height(struct poster *p, const struct sp_font *f, const char *text,
                          double tw)
{
    struct sp_line *l;
    double h, base;
    int n;

    /* the face's own line when the text fits one (a language with a face of its own,
       Nastaliq, is measured by its line: its letters rise and fall beyond the face's) */
    if (!f->lang && sp_text_width(p->t, f, text) <= tw) {
        sp_text_metrics(p->t, f, &h, &base);
        return h;
    }
    n = sp_text_break(p->t, f, text, tw, p->a, &l);
    return lines_height(l, n, 1.0);
}

/* Height of a code cell's text at width tw: its label and the joining details. */
static double cell_text_height(struct poster *p, const struct cellshape *c, double tw)
{
    double h = para_height(p, &p->label_font, cell_label(p, 88), tw);

    for (int i = 0; i < 3 && c->access[i]; i++)
        h += para_height(p, &p->cell_font, c->access[i], tw);
    return h;
}

/* The cells of a panel w wide: as many across as leave room for the text beside each code
   (stacked: under it, when forced or when w is too narrow for beside), at most cap across,
   each as tall as the tallest cell at that width. */
static void cells_at(struct poster *p, double w, bool force_stacked, size_t cap,
                     struct narrow *g)
{
    double tw, site_h = 0;

    memset(g, 0, sizeof *g);
    if (p->box == 0)
        return;
    if (!force_stacked)
        g->cpr = (size_t)((w + p->cell_gap) / (p->box + p->text_gap + p->cell_need +
                                               p->cell_gap) + 1e-9);
    if (g->cpr == 0) {
        /* too narrow for the words beside the code: under it */
        g->stacked = true;
        g->cpr = (size_t)((w + p->cell_gap) / (MAX(p->box, p->cell_need) + p->cell_gap) +
                          1e-9);
    }
    if (g->cpr > cap)
        g->cpr = cap;
    if (g->cpr == 0)
        return;
    g->cell_w = (w - (double)(g->cpr - 1) * p->cell_gap) / (double)g->cpr;
    tw = g->stacked ? g->cell_w : g->cell_w - p->box - p->text_gap;
    g->cell_h = g->stacked ? 0 : p->box;
    for (guint i = 0; i < p->shapes->len; i++) {
        const struct cellshape *c = &g_array_index(p->shapes, struct cellshape, i);
        double qx = (p->box - c->qr_box) / 2;

        /* the site: under the label beside the code, or between code and words */
        if (g->stacked) {
            g->cell_h = MAX(g->cell_h, cell_text_height(p, c, tw));
            site_h = MAX(site_h, para_height(p, &p->cell_font, c->site, g->cell_w - qx));
        } else {
            g->cell_h = MAX(g->cell_h, cell_text_height(p, c, tw) +
                                       para_height(p, &p->cell_font, c->site, tw));
        }
    }
    if (g->stacked)
        g->cell_h += p->box + site_h + p->text_gap;
}

/* The directory's QR code (settings' directory-url), for the band. */
static int build_directory(struct poster *p, struct sp_error *err)
{
    const struct sp_settings *s = p->in->settings;
    struct sp_qr *qr;

    if (!s->directory_url)
        return 0;
    qr = sp_arena_alloc(p->a, sizeof *qr);
    if (sp_qr_encode_cached(p->in->qr_cache, s->directory_url, p->lay->qr_ecl,
                            "directory link", p->a, qr, err) != 0)
        return -1;
    p->dir_qr = qr;
    p->dir_box = qr_box(p->lay, qr);
    p->dir_attr = sp_words_attr_url(s->directory_url, p->a);
    p->dir_alt = say(p->a, p->w->directory_alt, s->directory_url, NULL, NULL);
    p->dir_shown = directory_shown(s);
    return 0;
}

/* "0" for every ASCII digit of s, in a. */
static const char *digits_zero(const char *s, struct sp_arena *a)
{
    char *z = sp_arena_strdup(a, s);

    for (char *q = z; *q; q++)
        if (g_ascii_isdigit(*q))
            *q = '0';
    return z;
}

static guint shape_hash(gconstpointer k)
{
    const struct cellshape *c = k;
    guint h = g_double_hash(&c->qr_box);

    h = h * 31 + (c->site ? g_str_hash(c->site) : 0);
    for (int i = 0; i < 3; i++)
        h = h * 31 + (c->access[i] ? g_str_hash(c->access[i]) : 0);
    return h;
}

static gboolean shape_equal(gconstpointer x, gconstpointer y)
{
    const struct cellshape *a = x, *b = y;

    if (a->qr_box != b->qr_box || !same_str(a->site, b->site))
        return FALSE;
    for (int i = 0; i < 3; i++)
        if (!same_str(a->access[i], b->access[i]))
            return FALSE;
    return TRUE;
}

/* The distinct cell shapes of the codable rows (poster.shapes), in the plan's arena. */
static void build_shapes(struct poster *p)
{
    GHashTable *seen = g_hash_table_new(shape_hash, shape_equal);
    struct sp_arena scratch;

    sp_arena_init(&scratch);
    p->shapes = g_array_new(FALSE, FALSE, sizeof(struct cellshape));
    for (size_t i = 0; i < p->n; i++) {
        struct pwords w;
        struct cellshape c;

        if (!p->pr[i].codable)
            continue;
        if (scratch.used_total > 256 * 1024)
            sp_arena_free(&scratch);
        row_words(p, i, WORDS_JOIN, &scratch, &w, NULL);
        memset(&c, 0, sizeof c);
        c.qr_box = p->pr[i].qr_box;
        c.site = w.site;
        for (int k = 0; k < 3 && w.access[k]; k++)
            c.access[k] = digits_zero(w.access[k], &scratch);
        if (!g_hash_table_contains(seen, &c)) {
            struct cellshape *kept = sp_arena_alloc(p->a, sizeof *kept);
            *kept = c;
            kept->site = c.site ? sp_arena_strdup(p->a, c.site) : NULL;
            for (int k = 0; k < 3 && c.access[k]; k++)
                kept->access[k] = sp_arena_strdup(p->a, c.access[k]);
            g_hash_table_add(seen, kept);
            g_array_append_val(p->shapes, *kept);
        }
    }
    g_hash_table_destroy(seen);
    sp_arena_free(&scratch);
}

/*
 * The code panel's geometry: as many cells across as leave the text beside each code
 * room for its widest unbreakable piece ("812 3456 7890"); one height for every cell.
 */
static void build_panel(struct poster *p)
{
    const struct sp_layout *lay = p->lay;
    double box = 0, need = 0;
    GHashTable *shapes = g_hash_table_new(g_str_hash, g_str_equal);

    p->label_font = font(p, lay->size_body, true);
    p->cell_font = font(p, lay->size_detail, false);
    p->cell_gap = SP_MM(4);
    p->panel_gap = SP_MM(4);
    p->text_gap = SP_MM(3);

    /* the widest piece that must not break: a word of the labels... */
    need = MAX(widest_word(p, &p->label_font, cell_label(p, 88)),
               widest_word(p, &p->cell_font, say(p->a, p->w->meeting_id, "", NULL, NULL)));
    need = MAX(need, widest_word(p, &p->cell_font, say(p->a, p->w->passcode, "", NULL, NULL)));
    need = MAX(need, widest_word(p, &p->cell_font, say(p->a, p->w->dial_in, "", NULL, NULL)));
    /* ... of each meeting's details, by shape (cell shapes: above) */
    build_shapes(p);
    for (guint i = 0; i < p->shapes->len; i++) {
        const struct cellshape *c = &g_array_index(p->shapes, struct cellshape, i);
        box = MAX(box, c->qr_box);
        /* the site it opens, beside the code: never broken inside ("google.co" "m") */
        if (c->site)
            need = MAX(need, widest_word(p, &p->cell_font, c->site));
        for (int k = 0; k < 3 && c->access[k]; k++)
            if (!g_hash_table_contains(shapes, c->access[k])) {
                need = MAX(need, widest_word(p, &p->cell_font, c->access[k]));
                g_hash_table_add(shapes, (gpointer)c->access[k]);
            }
    }
    g_hash_table_destroy(shapes);
    p->cell_need = need;
    p->box = box;
    p->cells_per_row = 1;
    p->cell_h = 0;
    if (box == 0)
        return;
    /* cells across: the most that leave room for the text beside each code */
    for (int k = 2; k <= 6; k++) {
        double cw = (p->content_w - (k - 1) * p->cell_gap) / k;
        if (cw - box - p->text_gap >= need)
            p->cells_per_row = k;
    }
    p->cell_w = (p->content_w - (p->cells_per_row - 1) * p->cell_gap) / p->cells_per_row;
    p->cell_h = box;
    for (guint i = 0; i < p->shapes->len; i++) {
        /* the site under the label, beside the code: the cell no taller than its code
           unless the words are */
        const struct cellshape *c = &g_array_index(p->shapes, struct cellshape, i);
        p->cell_h = MAX(p->cell_h, cell_text_height(p, c, cell_text_w(p)) +
                                   para_height(p, &p->cell_font, c->site, cell_text_w(p)));
    }
    /* the words under each code: more across the width; taller cells */
    cells_at(p, p->content_w, true, 6, &p->stack);
    if (p->stack.cpr <= (size_t)p->cells_per_row)
        memset(&p->stack, 0, sizeof p->stack);  /* no more across: never lower */
}

/*
 * The band at the foot of every sheet: the directory's code with, beside it, how many
 * online meetings it stands in for (when any are left out), the link, and in one
 * paragraph who publishes the list, when it was printed and (when one is printed) what a
 * closed meeting is.  Without a directory link, the words alone.  One paragraph keeps the
 * band to the code's height on A4.
 */
/* "phone 01632 960123" (or the email address); on a bilingual poster the label in both
   languages and the value once ("ffôn / phone 01632 960123"). */
static const char *contact(struct poster *p, bool email, const char *value, struct sp_arena *a)
{
    const char *labels[2];

    if (p->nlang == 1)
        return say(a, email ? p->wl[0].email : p->wl[0].phone, value, NULL, NULL);
    for (int k = 0; k < 2; k++)
        labels[k] = g_strstrip(sp_arena_strdup(a, say(a, email ? p->wl[k].email
                                                               : p->wl[k].phone, "", NULL,
                                                     NULL)));
    return sp_arena_printf(a, "%s %s", sp_i18n_join(a, labels[0], labels[1]), value);
}

/* "Every meeting: example.org/meetings" beside the directory code; on a bilingual poster the
   label in both languages and the link once ("Pob cyfarfod / Every meeting: ..."): the same
   link twice would cost the band a line and say nothing more. */
static const char *every_meeting(struct poster *p)
{
    const char *labels[2];

    if (p->nlang == 1)
        return say(p->a, p->wl[0].every_meeting, p->dir_shown, NULL, NULL);
    for (int k = 0; k < 2; k++) {
        char *l = g_strstrip(sp_arena_strdup(p->a, say(p->a, p->wl[k].every_meeting, "", NULL,
                                                       NULL)));
        size_t n = strlen(l);
        while (n > 0 && (l[n - 1] == ':' || l[n - 1] == ' '))
            l[--n] = '\0';
        labels[k] = l;
    }
    return sp_arena_printf(p->a, "%s: %s", sp_i18n_join(p->a, labels[0], labels[1]),
                           p->dir_shown);
}

/* The band's words in one language: who publishes the list (the first language only),
   how to reach them, when it was printed, and what a closed meeting is. */
static const char *band_fn(struct poster *p, const struct poster_words *w, int k,
                           const void *ctx, struct sp_arena *a)
{
    const struct sp_settings *s = p->in->settings;
    const char *stop = sp_trc("sentence", ". ");
    GString *c = g_string_new(NULL);
    const char *r;

    (void)ctx;
    if (s->org_name && *s->org_name && k == 0)
        g_string_append(c, s->org_name);
    /* with tear-off tabs the phone and link are on the tabs; on a bilingual poster the
       contact is given once, its labels in both languages ("ffôn / phone 01632 ...") */
    if (s->org_phone && !p->ntabs && k == 0)
        g_string_append_printf(c, "%s%s", c->len ? ": " : "",
                               contact(p, false, sp_words_glue(s->org_phone, a), a));
    if (s->org_email && !p->ntabs && k == 0)
        g_string_append_printf(c, "%s%s", c->len ? (s->org_phone && !p->ntabs
                                                    ? sp_trc("list", ", ") : ": ") : "",
                               contact(p, true, s->org_email, a));
    if (c->len && g_ascii_islower(c->str[0]))
        c->str[0] = g_ascii_toupper(c->str[0]);
    if (c->len)
        g_string_append(c, stop);
    g_string_append(c, say(a, w->printed, sp_words_date(p->in->date, a), NULL, NULL));
    if (p->in->data_date)  /* feeds: how current the list is (issue 15) */
        g_string_append_printf(c, "%s%s", stop, sp_words_as_listed(p->in->data_date, a));
    if (p->any_closed)
        g_string_append_printf(c, "%s%s", stop, w->closed_key);
    else
        g_string_append(c, sp_trc("sentence", "."));
    r = sp_arena_strdup(a, c->str);
    g_string_free(c, TRUE);
    return r;
}

/*
 * The band at the foot of every sheet: the directory's code with, beside it, how many
 * online meetings it stands in for (when any are left out), the link, and in one
 * paragraph who publishes the list, when it was printed and (when one is printed) what a
 * closed meeting is.  Without a directory link, the words alone.  One paragraph keeps the
 * band to the code's height on A4.
 */
static void build_band(struct poster *p, bool room_for_more)
{
    const struct sp_layout *lay = p->lay;
    struct sp_font f;
    const char *c = in_each(p, band_fn, NULL, p->a);
    double tw = p->dir_qr ? p->content_w - p->dir_box - p->text_gap : p->content_w;
    bool any_codable = false;

    p->band_bold = font(p, lay->size_footer, true);
    sp_block_init(&p->band);
    f = font_for(p, lay->size_footer, false, c);
    sp_block_add(&p->band, p->a, "P", &f, lay->color_text, c, 0);
    sp_block_measure(&p->band, p->t, tw, 1.0, p->a);
    /* the words 3 mm below the rule; the code's quiet zone is white already, so the
       code's box starts at the rule (at least 3 mm of white between them) and, without
       tear-off tabs, may run into the bottom margin by its quiet zone, never nearer
       than 5 mm to the edge (docs/standards.md P6): the symbol keeps the margin */
    p->band_text_y = SP_MM(0.8) + SP_MM(3);
    p->band_h = p->band_text_y + p->band.height;
    if (p->dir_qr) {
        /* the link's line, and room for "888 more online meetings..." when codes may be
           left out */
        double h = para_height(p, &p->band_bold, every_meeting(p), tw);
        double quiet = p->dir_box * p->dir_qr->quiet / (p->dir_qr->n + 2.0 * p->dir_qr->quiet);
        double over = p->ntabs ? 0 : CLAMP(lay->margin_bottom - SP_MM(5), 0, quiet);

        for (size_t i = 0; i < p->n && room_for_more; i++)
            any_codable |= p->pr[i].codable;
        if (any_codable)
            h += para_height(p, &p->band_bold, more_text(p, 888), tw);
        p->band_qr_y = SP_MM(0.8) + MAX(0, SP_MM(3) - quiet);
        p->band_h = MAX(p->band_qr_y + p->dir_box - over, p->band_text_y + h + p->band.height);
    }
    p->band_top = lay->height - lay->margin_bottom - p->tabs_h - p->band_h;
}

/* ---- emitting ---- */

static void text_item(struct poster *p, struct sp_page *pg, const struct sp_line *l,
                      const struct sp_font *f, uint32_t rgb, double x, double y, double pitch,
                      enum sp_artifact art, const char *text)
{
    struct sp_item it = { 0 };

    it.kind = SP_ITEM_TEXT;
    it.artifact = art;
    it.x = x;
    it.y = y + (pitch - l->height);
    it.h = l->height;
    it.baseline = l->baseline;
    /* measured lines live in the candidate's arena, freed after emitting: copy, into the
       sheet's scratch (a streamed set frees it when the sheet has been drawn) */
    it.text = text ? text : sp_arena_strdup(sp_plan_scratch(p->plan), l->text);
    it.w = text ? sp_text_width(p->t, f, text) : l->width;
    it.font = *f;
    it.rgb = rgb;
    sp_plan_add(p->plan, pg, &it);
}

/* Emit lines top-down from y; returns the y below them. */
static double emit_lines(struct poster *p, struct sp_page *pg, const struct sp_line *l, int n,
                         const struct sp_font *f, uint32_t rgb, double x, double y,
                         double spacing, enum sp_artifact art, int code)
{
    for (int i = 0; i < n; i++) {
        double pitch = l[i].height * spacing;
        const char *text = NULL;
        if (code > 0) {
            /* the row's code number for this sheet, in place of the placeholder (as many
               times as the line has it: a bilingual line may have two) */
            const char *from = l[i].text, *at;
            while ((at = strstr(from, CODE_PLACEHOLDER)) != NULL) {
                size_t off = (size_t)(at - from);
                struct sp_arena *a = sp_plan_scratch(p->plan);
                const char *digits = num(a, (size_t)code);
                from = sp_arena_printf(a, "%.*s%s%s", (int)off, from, digits,
                                       at + strlen(CODE_PLACEHOLDER));
                text = from;
            }
        }
        text_item(p, pg, &l[i], f, rgb, x, y, pitch, art, text);
        y += pitch;
    }
    return y;
}

static void tag(struct poster *p, struct sp_page *pg, bool begin, const char *name)
{
    sp_plan_tag(p->plan, pg, begin, name, NULL, NULL);
}

/* A QR code: its Figure inside its Link (one announcement per code), or an artifact. */
static void emit_qr(struct poster *p, struct sp_page *pg, const struct sp_qr *qr, double x,
                    double y, double size, const char *attr, const char *alt, bool artifact)
{
    struct sp_item it = { 0 };

    if (!artifact) {
        char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE];
        char bs[G_ASCII_DTOSTR_BUF_SIZE];
        /* cairo parses these numbers the C way: never format them in the user's locale */
        const char *a = sp_arena_printf(p->a, "uri='%s' rect=[%s %s %s %s]", attr,
                                        g_ascii_formatd(bx, sizeof bx, "%.2f", x),
                                        g_ascii_formatd(by, sizeof by, "%.2f", y),
                                        g_ascii_formatd(bs, sizeof bs, "%.2f", size), bs);
        sp_plan_tag(p->plan, pg, true, "Link", a, alt);
        sp_plan_tag(p->plan, pg, true, "Figure", NULL, alt);
    }
    it.kind = SP_ITEM_QR;
    it.artifact = artifact ? SP_ARTIFACT_LAYOUT : SP_ARTIFACT_NONE;
    it.x = x;
    it.y = y;
    it.w = it.h = size;
    it.qr = qr;
    it.rgb = 0x000000;
    it.bg = p->lay->color_panel;
    sp_plan_add(p->plan, pg, &it);
    if (!artifact) {
        tag(p, pg, false, "Figure");
        tag(p, pg, false, "Link");
    }
}

static void rule(struct poster *p, struct sp_page *pg, double y, double lw, double x, double w)
{
    sp_plan_rule(p->plan, pg, x, y + lw / 2, w, 0, lw, 0, p->lay->color_heading);
}

/* A group's heading in one language (ctx: the row index). */
static const char *group_fn(struct poster *p, const struct poster_words *w, int k,
                            const void *ctx, struct sp_arena *a)
{
    size_t i = *(const size_t *)ctx;
    const struct prow *r = &p->pr[i];

    (void)k;
    (void)a;
    if (r->group > 0)
        return sp_tr_day(r->r->first_day);
    /* "Every day" when every merged row runs daily */
    for (size_t j = i; j < p->n && p->pr[j].group == 0; j++)
        if ((p->pr[j].r->days & SP_ALL_DAYS) != SP_ALL_DAYS)
            return w->several_days;
    for (size_t j = i; j > 0 && p->pr[j - 1].group == 0; j--)
        if ((p->pr[j - 1].r->days & SP_ALL_DAYS) != SP_ALL_DAYS)
            return w->several_days;
    return w->every_day;
}

static const char *group_name(struct poster *p, size_t i)
{
    return in_each(p, group_fn, &i, p->a);
}

/* "Monday (continued)": a group that goes on in a new column. */
static const char *continued_fn(struct poster *p, const struct poster_words *w, int k,
                                const void *ctx, struct sp_arena *a)
{
    return say(a, w->continued, group_fn(p, w, k, ctx, a), NULL, NULL);
}

static const char *continued(struct poster *p, size_t i)
{
    return in_each(p, continued_fn, &i, p->a);
}

static void emit_heading(struct poster *p, struct sp_page *pg, const char *text, double x,
                         double y, double width, bool artifact)
{
    const struct sp_layout *lay = p->lay;
    struct sp_font f = font(p, lay->size_heading, true);
    struct sp_line *l;
    int n = sp_text_break(p->t, &f, text, width, p->a, &l);

    if (!artifact)
        tag(p, pg, true, "H2");
    emit_lines(p, pg, l, n, &f, lay->color_heading, x, y, 1.0,
               artifact ? SP_ARTIFACT_HEADER : SP_ARTIFACT_NONE, 0);
    if (!artifact)
        tag(p, pg, false, "H2");
}

/* The table of one sheet: a list per day, a list item per row (Lbl time, LBody the rest). */
static void emit_table(struct poster *p, const struct layout_try *lt, const struct sheet *sh,
                       struct sp_page *pg)
{
    const struct sp_layout *lay = p->lay;
    struct place *pl = g_new0(struct place, sh->e - sh->s + 1);
    size_t seen = 0, code = 0;
    bool open = false;
    struct sp_font tf = font(p, lay->size_body, true);
    double t_h, t_base;

    sp_text_metrics(p->t, &tf, &t_h, &t_base);
    {
        struct panelfit pf = { sh->pcols, 0 };
        if (sh->pcols < lt->ncols)
            pf.h = panel_height_over(p, lt, sh->ncoded, sh->pcols);
        fill(p, lt, sh->s, sh->e, sh->ncoded, p->table_top, sh->bottom, &pf, pl);
    }
    for (size_t i = sh->s; i < sh->e; i++) {
        const struct place *q = &pl[i - sh->s];
        const struct prow *r = &p->pr[i];
        const struct pmeas *pm = &lt->pm[i];
        double x = p->x0 + q->col * (lt->col_w + lay->column_gap), y = q->y;
        int v = variant_of(p, i, sh->ncoded, &seen);
        struct sp_line time_line, *tl, *dl;
        struct sp_arena *sa = sp_plan_scratch(p->plan);
        const struct sp_font *title_font = font_at(p, r->title_font);
        const struct sp_font *detail_font = font_at(p, r->detail_font);
        struct pwords w;
        int ntl, ndl;
        int number = r->codable && v == CODED ? (int)++code : 0;

        /* the variant drawn only */
        row_words(p, i, WORDS_NAME | (v == CODED ? WORDS_CODED : WORDS_REDUCED), sa, &w, NULL);

        if (q->heading == 1 || (q->heading == 2 && i == sh->s)) {
            const char *name = group_name(p, i);
            const char *text = q->heading == 1 ? name : continued(p, i);
            if (open)
                tag(p, pg, false, "L");
            emit_heading(p, pg, text, x, q->hy, lt->col_w, false);
            /* a set's bookmarks: each day where it starts, and under it each sheet it goes
               on to, so every sheet has one */
            if (p->numbered && q->heading == 1)
                p->outline_day = sp_plan_add_outline(p->plan, -1, sp_i18n_plain(p->a, text),
                                                     (int)p->plan->npages - 1, q->hy);
            else if (p->numbered)
                sp_plan_add_outline(p->plan, p->outline_day, sp_i18n_plain(p->a, text),
                                    (int)p->plan->npages - 1, q->hy);
            tag(p, pg, true, "L");
            open = true;
        } else if (q->heading == 2) {
            /* the same list goes on in the next column: the repeat is for the eye only */
            emit_heading(p, pg, continued(p, i), x,
                         q->hy, lt->col_w, true);
        }
        tag(p, pg, true, "LI");
        tag(p, pg, true, "Lbl");
        time_line.text = w.time;
        time_line.width = p->time_width[r->r->m->start_min % 1440];
        time_line.height = t_h;
        time_line.baseline = t_base;
        /* the time's baseline on the first title line's baseline */
        text_item(p, pg, &time_line, &tf, lay->color_text, x,
                  y + size_at(lt, pm->tbase) - t_base - (lay->line_spacing - 1) * t_h,
                  t_h * lay->line_spacing,
                  SP_ARTIFACT_NONE, NULL);
        tag(p, pg, false, "Lbl");
        tag(p, pg, true, "LBody");
        tag(p, pg, true, "P");
        /* the lines broken again as they were measured (pmeas keeps only the sizes) */
        ntl = sp_text_break(p->t, title_font, w.title, lt->body_w, sa, &tl);
        ndl = sp_text_break(p->t, detail_font, w.detail[v], lt->detail_w, sa, &dl);
        g_assert(count16(ntl) == pm->ntl && count16(ndl) == pm->ndl[v]);
        y = emit_lines(p, pg, tl, ntl, title_font, lay->color_text, x + p->time_w, y,
                       lay->line_spacing, SP_ARTIFACT_NONE, 0);
        tag(p, pg, false, "P");
        tag(p, pg, true, "P");
        emit_lines(p, pg, dl, ndl, detail_font, lay->color_text,
                   x + lt->detail_x, y, lay->line_spacing, SP_ARTIFACT_NONE, number);
        tag(p, pg, false, "P");
        tag(p, pg, false, "LBody");
        tag(p, pg, false, "LI");
    }
    if (open)
        tag(p, pg, false, "L");
    g_free(pl);
}

/* One paragraph at width tw from y, in its own tag (or as an artifact); returns the y
   below it. */
static double emit_para(struct poster *p, struct sp_page *pg, const char *tagname,
                        const struct sp_font *f, const char *text, double x, double y, double tw,
                        bool artifact)
{
    struct sp_line *l;
    int n = sp_text_break(p->t, f, text, tw, p->a, &l);

    if (!artifact)
        tag(p, pg, true, tagname);
    y = emit_lines(p, pg, l, n, f, p->lay->color_text, x, y, 1.0,
                   artifact ? SP_ARTIFACT_LAYOUT : SP_ARTIFACT_NONE, 0);
    if (!artifact)
        tag(p, pg, false, tagname);
    return y;
}

/*
 * The code panel of one sheet: a list with an item per code (Lbl "Code 3"; LBody the code
 * inside its link, then the meeting ID, passcode and dial-in for people who cannot scan),
 * then the directory code.  Cells run left to right, the code at the left of each.
 */
static void emit_panel(struct poster *p, const struct layout_try *lt, const struct sheet *sh,
                       struct sp_page *pg, double top)
{
    size_t k = 0, cpr = (size_t)p->cells_per_row;
    double box = p->box, gap = p->text_gap, tw = cell_text_w(p);
    double px = p->x0, pw = p->content_w, cw = p->cell_w, ch = p->cell_h;
    bool stacked = false;

    if (sh->ncoded == 0)
        return;
    if (sh->pcols > 0 && sh->pcols < lt->ncols) {
        /* a narrow panel: at the foot of the last pcols columns, on the band */
        int first = lt->ncols - sh->pcols;
        cpr = panel_cpr(p, lt, sh->pcols);
        cw = lt->narrow[sh->pcols].cell_w;
        ch = lt->narrow[sh->pcols].cell_h;
        stacked = lt->narrow[sh->pcols].stacked;
        tw = stacked ? cw : cw - box - gap;
        px = p->x0 + first * (lt->col_w + p->lay->column_gap);
        pw = sh->pcols * lt->col_w + (sh->pcols - 1) * p->lay->column_gap;
        top = p->band_top - panel_height_over(p, lt, sh->ncoded, sh->pcols);
    } else if (full_stacked(p, sh->ncoded)) {
        cpr = p->stack.cpr;
        cw = p->stack.cell_w;
        ch = p->stack.cell_h;
        stacked = true;
        tw = cw;
    }
    rule(p, pg, top + p->panel_gap / 2 - SP_MM(0.25), SP_MM(0.5), px, pw);
    top += p->panel_gap;
    tag(p, pg, true, "L");
    for (size_t i = sh->s; i < sh->e && k < sh->ncoded; i++) {
        const struct prow *r = &p->pr[i];
        double x = px + (double)(k % cpr) * (cw + p->cell_gap);
        double y0 = top + (double)(k / cpr) * (ch + p->cell_gap), y, tx;
        struct pwords w;

        if (!r->codable)
            continue;
        if (row_words(p, i, WORDS_JOIN | WORDS_QR, sp_plan_scratch(p->plan), &w,
                      &p->emit_err) != 0)
            break;  /* out of memory: the poster stops (sp_compose_poster) */
        k++;
        tag(p, pg, true, "LI");
        /* beside: the label and words at the right of the code; stacked: the label, the
           code, then the words, one under the other */
        tx = stacked ? x : x + box + gap;
        y = emit_para(p, pg, "Lbl", &p->label_font, cell_label(p, k), tx, y0, tw, false);
        tag(p, pg, true, "LBody");
        {
            /* the site it opens, beside the code under its label (stacked: under the
               code): whoever proofreads the poster sees where it goes */
            double qy = stacked ? y : y0, qx = x + (box - r->qr_box) / 2;

            emit_qr(p, pg, w.qr, qx, qy, r->qr_box, w.link_attr, w.alt, false);
            if (stacked) {
                double sy = emit_para(p, pg, "P", &p->cell_font, w.site, qx, qy + r->qr_box,
                                      cw - (qx - x), false);
                y = MAX(qy + box, sy) + gap;
            } else
                y = emit_para(p, pg, "P", &p->cell_font, w.site, tx, y, tw, false);
        }
        for (int j = 0; j < 3 && w.access[j]; j++)
            y = emit_para(p, pg, "P", &p->cell_font, w.access[j], tx, y, tw, false);
        tag(p, pg, false, "LBody");
        tag(p, pg, false, "LI");
    }
    tag(p, pg, false, "L");
}

/*
 * The band.  The directory code is content on the first sheet and wherever it stands in
 * for codes that did not fit (its alt text says where it goes); elsewhere it repeats for
 * the eye only, and so does the "Every meeting: <link>" line after the first sheet.  The
 * organisation's words are read once, on the last sheet.
 */
static void emit_band(struct poster *p, const struct sheet *sh, struct sp_page *pg, bool first,
                      bool last)
{
    double y = p->band_top + p->band_text_y, x = p->x0;

    rule(p, pg, p->band_top, SP_MM(0.8), p->x0, p->content_w);
    if (p->dir_qr) {
        size_t more = sh->nonline - sh->ncoded;
        bool artifact = !first && more == 0;
        double tw = p->content_w - p->dir_box - p->text_gap;

        x += p->dir_box + p->text_gap;
        emit_qr(p, pg, p->dir_qr, p->x0, p->band_top + p->band_qr_y, p->dir_box, p->dir_attr,
                p->dir_alt, artifact);
        if (more)
            y = emit_para(p, pg, "P", &p->band_bold, more_text(p, more), x, y, tw, false);
        y = emit_para(p, pg, "P", &p->band_bold,
                      every_meeting(p), x, y, tw,
                      !first);
    }
    p->band.artifact = last ? SP_ARTIFACT_NONE : SP_ARTIFACT_FOOTER;
    sp_block_emit(&p->band, p->plan, pg, x, y, 1.0);
}

/*
 * Text boxes on a 1/100 pt grid, each line's bottom the next one's top exactly: the plan
 * dump ("%.2f") then shows lines that touch as touching, not overlapping by a rounding.
 */
static void snap(struct sp_page *pg, size_t from)
{
    for (size_t i = from; i < pg->n; i++) {
        struct sp_item *it = &pg->items[i];
        double top, bottom;
        if (it->kind != SP_ITEM_TEXT || it->rotate)
            continue;
        top = round(it->y * 100) / 100;
        bottom = round((it->y + it->h) * 100) / 100;
        it->baseline += it->y - top;
        it->y = top;
        it->h = bottom - top;
    }
}

static void emit_sheet(struct poster *p, const struct layout_try *lt, size_t si)
{
    const struct sp_layout *lay = p->lay;
    const struct sheet *sh = &lt->sheets[si];
    struct sp_page *pg = sp_plan_add_page(p->plan);
    bool first = si == 0, last = si + 1 == lt->nsheets;
    double y = lay->margin_top;
    /* what drawing a sheet makes lives as long as its page (the plan's page scratch): a
       set of 30,000 sheets kept it all to the end (issue 16).  What lasts to the end
       (the page label; bookmarks, which sp_plan_add_outline copies) is in the plan's. */
    struct sp_arena *kept = p->a;

    p->a = sp_plan_scratch(p->plan);

    if (first)
        tag(p, pg, true, "Document");
    /* each sheet stands alone on a noticeboard: the header repeats, read once */
    p->header.artifact = first ? SP_ARTIFACT_NONE : SP_ARTIFACT_HEADER;
    sp_block_emit(&p->header, p->plan, pg, p->x0, y, lay->line_spacing);
    if (p->numbered) {
        /* the header was measured with the widest page number: put in this sheet's */
        const char *wide = page_text(p, PAGE_PLACEHOLDER, PAGE_PLACEHOLDER);
        const char *real = page_text(p, si + 1, lt->nsheets);
        for (size_t i = 0; i < pg->n; i++) {
            struct sp_item *it = &pg->items[i];
            const char *at = it->kind == SP_ITEM_TEXT ? strstr(it->text, wide) : NULL;
            if (at) {
                it->text = sp_arena_printf(sp_plan_scratch(p->plan), "%.*s%s%s",
                                           (int)(at - it->text), it->text,
                                           real, at + strlen(wide));
                it->w = sp_text_width(p->t, &it->font, it->text);
            }
        }
        /* the plan's own arena: a page's label outlives its drawing (plan.h) */
        pg->label = sp_arena_printf(kept, "%zu of %zu", si + 1, lt->nsheets);
    }
    y += p->header.height + SP_MM(1);
    rule(p, pg, y, SP_MM(1.2), p->x0, p->content_w);

    emit_table(p, lt, sh, pg);
    emit_panel(p, lt, sh, pg, sh->bottom);
    emit_band(p, sh, pg, first, last);
    snap(pg, 0);
    if (sp_tabs_emit(p->plan, pg, p->in, p->t, p->ntabs, first, &p->tabs_err) != 0)
        p->ntabs = 0;  /* reported once */
    if (last)
        tag(p, pg, false, "Document");
    p->a = kept;
}

/* ---- the whole poster ---- */

static void try_free(struct layout_try *lt)
{
    if (lt->cache)
        g_hash_table_destroy(lt->cache);
    if (lt->size_of)
        g_hash_table_destroy(lt->size_of);
    if (lt->sizes)
        g_array_free(lt->sizes, TRUE);
    g_free(lt->sheets);
    sp_arena_free(&lt->arena);
    memset(lt, 0, sizeof *lt);
}

/* Measure and paginate one column count over the first n rows.  Returns -1 when a row
   fits no sheet. */
/* The cells of a panel over the last 1, 2... columns: no more across than the whole
   width's panel takes. */
static void narrow_panels(struct poster *p, struct layout_try *lt)
{
    size_t cap = MAX((size_t)p->cells_per_row, p->stack.cpr);

    for (int m = 1; m < lt->ncols && m < 7; m++)
        cells_at(p, m * lt->col_w + (m - 1) * p->lay->column_gap, false, cap, &lt->narrow[m]);
}

static int try_columns(struct poster *p, int ncols, size_t n, struct layout_try *lt)
{
    const struct sp_layout *lay = p->lay;

    memset(lt, 0, sizeof *lt);
    sp_arena_init(&lt->arena);
    lt->n = n;
    lt->ncols = ncols;
    lt->col_w = (p->content_w - (ncols - 1) * lay->column_gap) / ncols;
    lt->body_w = lt->col_w - p->time_w;
    /* in several columns the place line takes the column's width less a small indent: the
       time column's white would cost a line in most rows */
    lt->detail_x = ncols == 1 ? p->time_w : DETAIL_INDENT;
    lt->detail_w = lt->col_w - lt->detail_x;
    /* headings: each at this column width (a long one may wrap) */
    for (size_t i = 0; i < p->n; i++) {
        struct sp_font hf = font(p, lay->size_heading, true);
        const char *name;
        if (i > 0 && p->pr[i].group == p->pr[i - 1].group)
            continue;
        name = group_name(p, i);
        lt->group_h[p->pr[i].group] = para_height(p, &hf, name, lt->col_w);
        lt->gcont_h[p->pr[i].group] = para_height(p, &hf, continued(p, i), lt->col_w);
    }
    narrow_panels(p, lt);
    measure(p, lt, ncols == 1);
    return paginate_best(p, lt);
}

static bool better(const struct layout_try *a, const struct layout_try *b)
{
    return a->nsheets < b->nsheets ||
           (a->nsheets == b->nsheets && a->codes_shown > b->codes_shown);
}

/*
 * The column count: the fewest sheets, then the most codes shown, then the fewest columns
 * (longer lines read better).  A column whose body would be under 9 em of the detail size
 * is not tried.  A long list is compared on its first SAMPLE rows, and only a count that
 * wins there is measured in full: measuring is most of a poster's time.
 */
#define SAMPLE 60

/* Is a count of c columns tried: one column always; more while the body beside the time
   keeps at least 9 em of the detail size. */
static bool count_tried(const struct poster *p, int c)
{
    double colw = (p->content_w - (c - 1) * p->lay->column_gap) / c;

    return c == 1 || colw - p->time_w >= 9 * p->lay->size_detail;
}

static int choose(struct poster *p, struct layout_try *best, struct sp_error *err)
{
    const struct sp_layout *lay = p->lay;
    size_t ncodable = 0;

    for (size_t i = 0; i < p->n; i++)
        ncodable += p->pr[i].codable;
    if (p->n > SAMPLE) {
        /* a long list: every count compared on its first SAMPLE rows, and only the winner
           measured in full (measuring every row at every count was most of a poster
           set's time); when a row further on is taller than the winner's column, the
           counts are compared in full below */
        struct layout_try sb, lt;
        int pick = 1;
        if (try_columns(p, 1, SAMPLE, &sb) == 0) {
            for (int c = 2; c <= lay->columns && count_tried(p, c); c++) {
                if (try_columns(p, c, SAMPLE, &lt) == 0 && better(&lt, &sb)) {
                    try_free(&sb);
                    sb = lt;
                    pick = c;
                } else {
                    try_free(&lt);
                }
            }
            try_free(&sb);
            if (try_columns(p, pick, p->n, best) == 0)
                return 0;
            try_free(best);
        } else {
            try_free(&sb);
        }
    }
    if (try_columns(p, 1, p->n, best) != 0) {
        try_free(best);
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "layout '%s': a row of the timetable does not fit an empty sheet "
                            "at its sizes", lay->name);
    }
    for (int c = 2; c <= lay->columns && count_tried(p, c); c++) {
        struct layout_try lt;

        if (best->nsheets == 1 && best->codes_shown == ncodable)
            break;  /* nothing can do better */
        if (p->n > SAMPLE) {
            struct layout_try one = *best, many;
            bool wins;
            one.sheets = NULL;
            one.cap = 0;
            one.n = SAMPLE;
            paginate_best(p, &one);
            wins = try_columns(p, c, SAMPLE, &many) == 0 && better(&many, &one);
            g_free(one.sheets);
            try_free(&many);
            if (!wins)
                continue;
        }
        if (try_columns(p, c, p->n, &lt) == 0 && better(&lt, best)) {
            try_free(best);
            *best = lt;
        } else {
            try_free(&lt);  /* no better, or a row taller than a column */
        }
    }
    return 0;
}

/* Whether the poster is a set whatever its column count: its first SAMPLE rows already
   need more than one sheet at every count (then so do all its rows). */
static bool sample_needs_set(struct poster *p)
{
    const struct sp_layout *lay = p->lay;

    if (p->n <= SAMPLE)
        return false;
    for (int c = 1; c <= lay->columns && count_tried(p, c); c++) {
        struct layout_try lt;
        bool one;
        one = try_columns(p, c, SAMPLE, &lt) == 0 && lt.nsheets <= 1;
        try_free(&lt);
        if (one)
            return false;
    }
    return true;
}

/* Lower each sheet's table bottom as far as its rows allow: balanced columns, the panel
   right below them. */
static void balance(struct poster *p, struct layout_try *lt)
{
    for (size_t si = 0; si < lt->nsheets; si++) {
        struct sheet *sh = &lt->sheets[si];
        double hi = p->band_top - panel_height(p, sh->ncoded);
        double lo = p->table_top, low;

        if (sh->pcols > 0 && sh->pcols < lt->ncols) {
            /* a narrow panel sits on the band at the right; the columns run full height */
            sh->bottom = p->band_top;
            continue;
        }
        low = fill(p, lt, sh->s, sh->e, sh->ncoded, p->table_top, hi, NULL, NULL);
        if (lt->ncols > 1) {
            for (int it = 0; it < 30 && hi - lo > 0.5; it++) {
                double mid = (lo + hi) / 2;
                if (fill(p, lt, sh->s, sh->e, sh->ncoded, p->table_top, mid, NULL, NULL) >= 0)
                    hi = mid;
                else
                    lo = mid;
            }
            low = fill(p, lt, sh->s, sh->e, sh->ncoded, p->table_top, hi, NULL, NULL);
        }
        sh->bottom = low;
    }
}

/* What the poster keeps outside the plan's arena. */
static void poster_free(struct poster *p)
{
    if (p->fonts)
        g_ptr_array_free(p->fonts, TRUE);
    if (p->cuts)
        g_hash_table_destroy(p->cuts);
    if (p->shapes)
        g_array_free(p->shapes, TRUE);
    p->fonts = NULL;
    p->cuts = NULL;
    p->shapes = NULL;
}

int sp_compose_poster(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                      struct sp_error *err)
{
    const struct sp_layout *lay = in->layout;
    struct poster p = { 0 };
    struct layout_try best;
    struct sp_font tf;

    if (in->n == 0)
        return sp_error_set(err, SP_ERR_INPUT, NULL, 0, 0,
                            "no meetings to show (check the selection options)");
    sp_plan_reset(plan, lay->width, lay->height);
    p.in = in;
    p.lay = lay;
    /* the words in the output language(s) */
    {
        const struct sp_langs *l = sp_i18n_output();
        p.nlang = l->second ? 2 : 1;
        sp_i18n_use(l->first);
        words_in(&p.wl[0]);
        if (l->second) {
            sp_i18n_use(l->second);
            words_in(&p.wl[1]);
            words_join(&p.wj, &p.wl[0], &p.wl[1], &plan->arena);
        }
        sp_i18n_use(NULL);
        p.w = p.nlang == 2 ? &p.wj : &p.wl[0];
    }
    p.t = t;
    p.plan = plan;
    p.a = &plan->arena;
    /* a poster in Urdu, Arabic, Farsi, Bengali or Punjabi: its own words (headings,
       labels, the band) in that language's face, as its other text */
    {
        const char *first = sp_i18n_output()->first->code;
        if (strcmp(sp_text_family_for(first), sp_text_family_for(NULL)) != 0)
            p.lang = first;
    }
    p.family = sp_text_family_for(p.lang);
    p.x0 = lay->margin_left;
    p.content_w = lay->width - lay->margin_left - lay->margin_right;
    p.ntabs = sp_tabs_count(in);
    p.tabs_h = sp_tabs_height(lay, p.ntabs);

    /* rows, and the fellowship named once when there is one */
    p.n = sp_compose_rows(in, p.a, &p.rows);
    p.fellowship = p.rows[0].m->fellowship;
    for (size_t i = 0; i < p.n && p.fellowship; i++) {
        const char *f = p.rows[i].m->fellowship;
        if (!f || strcmp(f, p.fellowship))
            p.fellowship = NULL;
    }
    /* merged rows that run on several days first: whoever looks up any day starts there */
    {
        /* reordered in place (through a copy freed at once: a poster set's rows are many) */
        struct sp_row *v = xmalloc(p.n * sizeof *v);
        size_t k = 0;
        for (size_t i = 0; i < p.n; i++)
            if (__builtin_popcount(p.rows[i].days & SP_ALL_DAYS) > 1)
                v[k++] = p.rows[i];
        for (size_t i = 0; i < p.n; i++)
            if (__builtin_popcount(p.rows[i].days & SP_ALL_DAYS) <= 1)
                v[k++] = p.rows[i];
        memcpy(p.rows, v, p.n * sizeof *v);
        free(v);
    }
    if (build_directory(&p, err) != 0)
        return -1;
    build_rows(&p);
    build_panel(&p);

    /* the time column: the widest time of the poster (each time measured once) */
    tf = font(&p, lay->size_body, true);
    p.time_width = sp_arena_alloc(p.a, 1440 * sizeof *p.time_width);
    for (size_t i = 0; i < 1440; i++)
        p.time_width[i] = -1;
    for (size_t i = 0; i < p.n; i++) {
        double *w = &p.time_width[p.rows[i].m->start_min % 1440];
        if (*w < 0)
            *w = sp_text_width(t, &tf, p.times[p.rows[i].m->start_min % 1440]);
        p.time_w = MAX(p.time_w, *w);
    }
    p.time_w += SP_MM(3);
    p.row_gap = lay->para_spacing * lay->size_body;
    p.head_gap = SP_MM(0.5);
    p.group_gap = SP_MM(3);

    build_band(&p, true);
    build_header(&p, 1, 1);
    if (sample_needs_set(&p)) {
        /* a set for sure: numbered from the start (not measured twice) */
        p.numbered = true;
        build_header(&p, PAGE_PLACEHOLDER, PAGE_PLACEHOLDER);
    }
    if (choose(&p, &best, err) != 0)
        goto fail;
    if (best.nsheets > 1 && !p.numbered) {
        /* a set: every sheet says which it is; that line may take room (two lines on a
           bilingual poster), so the rows (as measured) are paginated again.  When that
           costs the winner a sheet or a code, or a row no longer fits its column, the
           column count is chosen again under the taller header (another count may fit
           better now); when not, no count can beat it, as a taller header never saves a
           sheet */
        size_t was_sheets = best.nsheets, was_codes = best.codes_shown;
        p.numbered = true;
        build_header(&p, PAGE_PLACEHOLDER, PAGE_PLACEHOLDER);
        if (paginate_best(&p, &best) != 0 || best.nsheets > was_sheets ||
            best.codes_shown < was_codes) {
            try_free(&best);
            if (choose(&p, &best, err) != 0)
                goto fail;
        }
    }
    {
        /* every code shown: the band needs no room for "N more online meetings...", and
           without it the table may take a line more; kept only when the rows, paginated
           again, still show every code on as few sheets */
        bool all_shown = true;
        for (size_t si = 0; si < best.nsheets; si++)
            all_shown &= best.sheets[si].ncoded == best.sheets[si].nonline;
        if (all_shown && best.codes_shown > 0) {
            struct layout_try was = best;  /* its sheets kept, to go back to */
            best.sheets = NULL;
            best.cap = 0;
            build_band(&p, false);
            if (paginate_best(&p, &best) != 0 || best.nsheets > was.nsheets ||
                best.codes_shown < was.codes_shown) {
                build_band(&p, true);
                g_free(best.sheets);
                best.sheets = was.sheets;
                best.cap = was.cap;
                best.nsheets = was.nsheets;
                best.codes_shown = was.codes_shown;
            } else {
                g_free(was.sheets);
            }
        }
    }
    balance(&p, &best);
    p.outline_day = -1;
    {
        /* the metadata first: a streamed plan (plan.h) draws each sheet as it is made */
        const struct sp_settings *s = in->settings;
        plan->title = sp_arena_printf(&plan->arena, "%s%s%s",
                                      sp_words_headline(in, &plan->arena),
                                      in->part_name ? ": " : "",
                                      in->part_name ? in->part_name : "");
        plan->author = s->org_name;
        sp_i18n_use(sp_i18n_output()->first);  /* the file's description: one language */
        plan->subject = sp_i18n_fill(&plan->arena,
                                     sp_tr("Mutual-aid meetings, list printed on {1}"),
                                     sp_words_date(in->date, &plan->arena), NULL, NULL);
        sp_i18n_use(NULL);
        plan->lang = s->lang ? s->lang : "en-GB";
    }
    for (size_t si = 0; si < best.nsheets; si++) {
        emit_sheet(&p, &best, si);
        if (p.tabs_err.code != SP_OK || p.emit_err.code != SP_OK)
            break;
        if (si + 1 < best.nsheets)
            sp_plan_flush(plan, si + 1);  /* finished: drawn and freed when streamed */
    }
    try_free(&best);
    if (p.tabs_err.code != SP_OK || p.emit_err.code != SP_OK) {
        if (err && err->code == SP_OK)
            *err = p.tabs_err.code != SP_OK ? p.tabs_err : p.emit_err;
        goto fail;
    }
    poster_free(&p);
    return 0;
fail:
    poster_free(&p);
    return -1;
}
