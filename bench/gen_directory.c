/*
 * gen_directory.c - write a large, fictional but realistic meeting directory for the
 * load benchmark: Meeting Guide JSON, TSML CSV, BMLT GetSearchResults or GetFormats.
 *
 * Owns: its own PRNG (splitmix64), so the same --seed gives the same bytes everywhere, and
 * a set of (name, day, time) so no two meetings of a file are duplicates.  Must not: read
 * the clock, the locale or any file.  Phone numbers are Ofcom drama ones.
 */
#include <glib.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum gen_format { GEN_MG_JSON, GEN_CSV, GEN_BMLT, GEN_BMLT_FORMATS };

enum gen_attend { GEN_IN_PERSON, GEN_ONLINE, GEN_HYBRID, GEN_CLOSED };

struct gen_opts {
    unsigned long meetings;    /* records to write */
    uint64_t seed;
    enum gen_format format;
};

struct gen_rng {
    uint64_t state;
};

struct gen_town {
    const char *town;
    const char *region;
    const char *subs[3];       /* sub-regions */
    const char *outward[2];    /* postcode outward codes */
    int welsh;                 /* Welsh street and venue names */
};

/* One generated meeting: every string is either a table entry or one of the buffers. */
struct gen_meeting {
    unsigned long n;           /* 1-based record number */
    const char *fellowship;    /* CSV: "SMART Recovery" or "Al-Anon"; NULL otherwise */
    const struct gen_town *town;
    const char *sub;
    enum gen_attend attend;
    unsigned days;             /* bit 0 = Sunday */
    int start, dur;            /* minutes */
    const char *codes[6];      /* Meeting Guide codes, NULL-terminated */
    char name[200];
    char venue[120];
    char street[96];
    char postcode[12];
    char url[160];
    char phone[48];
    char notes[400];
    char updated[24];
    int lower_code;            /* write the first code in lower case (mg-json) */
    int day_as_string;         /* "day": "3" (mg-json) */
    int twelve_hour;           /* "7:30 PM" */
};

static const struct gen_town towns[] = {
    { "Cardiff", "Cardiff", { "Canton", "Roath", "Cathays" }, { "CF10", "CF24" }, 1 },
    { "Swansea", "Swansea", { "Uplands", "Sketty", "Mumbles" }, { "SA1", "SA2" }, 1 },
    { "Newport", "Newport", { "Maindee", "Pill", "Caerleon" }, { "NP19", "NP20" }, 1 },
    { "Penarth", "Vale of Glamorgan", { "Penarth", "Barry", "Cowbridge" }, { "CF64", "CF62" }, 1 },
    { "Pontypridd", "Valleys", { "Pontypridd", "Treforest", "Porth" }, { "CF37", "CF39" }, 1 },
    { "Merthyr Tydfil", "Valleys", { "Merthyr", "Dowlais", "Troedyrhiw" }, { "CF47", "CF48" }, 1 },
    { "Aberystwyth", "Ceredigion", { "Aberystwyth", "Penparcau", "Llanbadarn" },
      { "SY23", "SY24" }, 1 },
    { "Carmarthen", "Carmarthenshire", { "Carmarthen", "Johnstown", "Llangain" },
      { "SA31", "SA33" }, 1 },
    { "Bangor", "Gwynedd", { "Bangor", "Hirael", "Menai Bridge" }, { "LL57", "LL59" }, 1 },
    { "Wrexham", "Wrexham", { "Wrexham", "Rhosddu", "Gresford" }, { "LL11", "LL12" }, 1 },
    { "Llanddŵ", "Powys", { "Llanddŵ", "Cwm-y-Dŵr", "Bryn-y-Mŷr" }, { "SY17", "LD3" }, 1 },
    { "Cwm-y-Dŵr", "Powys", { "Cwm-y-Dŵr", "Tŷ Coch", "Pen-y-Bŵlch" }, { "LD3", "LD8" }, 1 },
    { "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", "Anglesey",
      { "Llanfairpwll", "Pentraeth", "Gaerwen" }, { "LL61", "LL60" }, 1 },
    { "Bristol", "Bristol", { "Clifton", "Easton", "Bedminster" }, { "BS1", "BS5" }, 0 },
    { "Bath", "Bath", { "City Centre", "Widcombe", "Larkhall" }, { "BA1", "BA2" }, 0 },
    { "Gloucester", "Gloucestershire", { "Kingsholm", "Tuffley", "Quedgeley" },
      { "GL1", "GL2" }, 0 },
    { "Hereford", "Herefordshire", { "Hereford", "Holmer", "Belmont" }, { "HR1", "HR2" }, 0 },
    { "Taunton", "Somerset", { "Taunton", "Wellington", "Bishops Hull" }, { "TA1", "TA2" }, 0 },
    { "Exeter", "Devon", { "Heavitree", "St Thomas", "Pinhoe" }, { "EX1", "EX4" }, 0 },
    { "Weston-super-Mare", "North Somerset", { "Weston", "Worle", "Uphill" },
      { "BS22", "BS23" }, 0 },
};

static const char *const streets_en[] = {
    "High Street", "Church Road", "Station Road", "Mill Lane", "Park View", "Victoria Terrace",
    "Orchard Close", "Chapel Street", "Bridge Street", "Heron Way", "Tanners Yard",
    "Rowan Avenue",
};
static const char *const streets_cy[] = {
    "Heol y Felin", "Stryd y Capel", "Ffordd yr Orsaf", "Lôn y Wennol", "Heol Tŷ Gwyn",
    "Ffordd y Dŵr", "Stryd Fawr", "Lôn Bryn-y-Mŷr", "Clos y Bont", "Heol yr Ysgol",
};
static const char *const venue_pre[] = {
    "St Aldhelm's", "Riverside", "Heron Street", "Rowan Tree", "Old School", "Lantern",
    "Kingfisher", "Orchard", "Quayside", "Hillcrest",
};
static const char *const venue_en[] = {
    "Community Centre", "Methodist Church Hall", "Parish Rooms", "Friends Meeting House",
    "Youth Centre", "Library Meeting Room", "Baptist Vestry", "Village Hall",
};
static const char *const venue_cy[] = {
    "Neuadd Bentref Tŷ Coch", "Canolfan Gymunedol", "Festri Capel Seion", "Tŷ Cwrdd",
    "Neuadd Goffa", "Ysgubor Tŷ Gwyn", "Canolfan y Dŵr",
};
/* Themes per fellowship, so files of different formats never hold the same name. */
static const char *const themes_aa[] = {
    "Big Book Study", "Step Study", "Serenity", "Hope", "Early Risers", "Lunchtime",
    "Candlelight", "Newcomers", "Women's Meeting", "Men's Meeting", "Speaker Meeting",
    "Living Sober", "Just for Today", "Keep It Simple", "Daily Reflections",
    "Friday Night Live", "Traditions", "Into Action", "Back to Basics", "Open Door",
};
static const char *const themes_na[] = {
    "Clean and Serene", "Basic Text Study", "Just for Today NA", "Living Clean", "It Works",
    "Recovery in Action", "Clean Time", "Step Working Guides", "Spiritual Principle a Day",
    "Miracles Happen", "New Beginnings", "Hope and Recovery", "Freedom Group", "Never Alone",
    "Clean and Free", "Surrender Group", "Keep Coming Back", "Unity Group", "We Do Recover",
};
static const char *const themes_smart[] = {
    "Evening", "Morning", "Lunchtime", "Family & Friends", "Check-in", "Toolbox", "Weekend",
    "Women's Group", "Men's Group", "Young Adults",
};
static const char *const themes_alanon[] = {
    "Family Group", "Hope for Today", "Courage to Change", "Serenity", "One Day at a Time",
    "Steps and Traditions", "Newcomers", "Friday Group", "Sunday Group", "Paths to Recovery",
};
static const char *const notes_pool[] = {
    /* English */
    "Step-free access through the side door.",
    "Tea and coffee from 15 minutes before the meeting.",
    "Newcomers especially welcome.",
    "Hearing loop in the main hall.",
    "Free parking behind the building after 6pm.",
    /* Welsh */
    "Croeso i bawb. Paned o de ar ôl y cyfarfod.",
    "Mae'r neuadd drws nesaf i'r Tŷ Capel.",
    "Parcio ger y bont dros y dŵr; mae'r drws ar ochr y bŵth ffôn.",
    "Cyfarfod dwyieithog: Cymraeg a Saesneg. Mae croeso i ddysgwyr.",
    /* Polish */
    "Mityng w języku polskim. Zapraszamy wszystkich!",
    "Wejście od strony parkingu, pierwsze piętro. Kawa i herbata po mityngu.",
    /* Urdu */
    "یہ میٹنگ اردو اور انگریزی میں ہوتی ہے۔ سب کو خوش آمدید۔",
    "خواتین کے لیے علیحدہ کمرہ دستیاب ہے۔ چائے مفت ہے۔",
};
#define NOTES_WELSH_FIRST 5
#define NOTES_WELSH_COUNT 4

/* Meeting Guide codes the generator uses, with the label a spreadsheet would carry. */
static const struct { const char *code, *label; } mg_types[] = {
    { "D", "Discussion" }, { "B", "Big Book" }, { "ST", "Step Study" }, { "SP", "Speaker" },
    { "BE", "Newcomer" }, { "W", "Women" }, { "M", "Men" }, { "X", "Wheelchair Access" },
    { "XB", "Wheelchair-Accessible Bathroom" }, { "Y", "Young People" },
    { "LIT", "Literature" }, { "MED", "Meditation" }, { "DR", "Daily Reflections" },
    { "BRK", "Breakfast" }, { "CAN", "Candlelight" }, { "POL", "Polish" },
    { "TR", "Tradition Study" }, { "12x12", "12 Steps & 12 Traditions" },
    { "LGBTQ", "LGBTQ" }, { "O", "Open" }, { "C", "Closed" },
    { "TC", "Location Temporarily Closed" }, { "ONL", "Online Meeting" },
};
#define MG_TYPES_PICK 19   /* the first 19 are the optional extras */

/* BMLT formats written by --format bmlt-formats; keys used by --format bmlt. */
static const struct {
    const char *id, *key, *name, *world_id, *mg;
} bmlt_formats[] = {
    { "1", "O", "Open", "OPEN", "O" },          { "2", "C", "Closed", "CLOSED", "C" },
    { "3", "BT", "Basic Text", "BT", "B" },     { "4", "JFT", "Just for Today", "JFT", "DR" },
    { "5", "IW", "It Works -How and Why", "IW", "LIT" },
    { "6", "ST", "Step Study", "STEP", "ST" },  { "7", "SP", "Speaker", "SPK", "SP" },
    { "8", "D", "Discussion", "DISC", "D" },    { "9", "BEG", "Beginners", "BEG", "BE" },
    { "10", "WC", "Wheelchair Accessible", "WCHR", "X" },
    { "11", "W", "Women", "W", "W" },           { "12", "M", "Men", "M", "M" },
    { "13", "LC", "Living Clean", "LC", NULL }, { "14", "CL", "Candlelight", "CAN", "CAN" },
    { "15", "VM", "Virtual Meeting", "VM", NULL },
    { "16", "HY", "Hybrid", "HYBR", NULL },
    { "17", "TC", "Temporarily Closed", "TC", "TC" },
    { "18", "PL", "Polish", "LANG", "POL" },    { "19", "Y", "Young People", "Y", "Y" },
    { "20", "GL", "Gay/Lesbian", "GL", "LGBTQ" },
    { "21", "NS", "Non-Smoking", "NS", NULL },  { "22", "MED", "Meditation", "MED", "MED" },
    { "23", "BRK", "Breakfast", "BRK", "BRK" },
};

static const char *const day_names[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- PRNG: splitmix64 (Steele, Lea, Flood 2014); public-domain constants ---- */

static uint64_t rng_next(struct gen_rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform-enough integer in 0..n-1 (n < 2^32). */
static unsigned rng_below(struct gen_rng *r, unsigned n)
{
    return (unsigned)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct/100. */
static int rng_pct(struct gen_rng *r, unsigned pct)
{
    return rng_below(r, 100) < pct;
}

#define PICK(r, a) ((a)[rng_below((r), (unsigned)COUNT(a))])

/* ---- output helpers ---- */

static void put_json_str(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    putc('"', fp);
    for (; *p; p++) {
        if (*p == '"' || *p == '\\') {
            putc('\\', fp);
            putc(*p, fp);
        } else if (*p < 0x20) {
            fprintf(fp, "\\u%04x", *p);
        } else {
            putc(*p, fp);
        }
    }
    putc('"', fp);
}

/* ,\n    "key": "value" (the comma only after the first field of a record) */
static void put_json_field(FILE *fp, int *first, const char *key, const char *val)
{
    fputs(*first ? "\n    " : ",\n    ", fp);
    *first = 0;
    put_json_str(fp, key);
    fputs(": ", fp);
    put_json_str(fp, val);
}

static void put_csv_field(FILE *fp, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        putc('"', fp);
        for (; *s; s++) {
            if (*s == '"')
                putc('"', fp);
            putc(*s, fp);
        }
        putc('"', fp);
    } else {
        fputs(s, fp);
    }
    fputs(last ? "\r\n" : ",", fp);
}

static void fmt_time(char *buf, size_t size, int min, int twelve)
{
    int h = (min / 60) % 24, m = min % 60;
    if (twelve)
        snprintf(buf, size, "%d:%02d %s", h % 12 ? h % 12 : 12, m, h < 12 ? "AM" : "PM");
    else
        snprintf(buf, size, "%02d:%02d", h, m);
}

/* ---- one meeting ---- */

static int first_day(unsigned days)
{
    int d = 0;
    while (!(days & (1u << d)))
        d++;
    return d;
}


static int has_code(const struct gen_meeting *m, const char *code)
{
    for (size_t i = 0; m->codes[i]; i++)
        if (strcmp(m->codes[i], code) == 0)
            return 1;
    return 0;
}

static void add_code(struct gen_meeting *m, const char *code)
{
    size_t i = 0;
    while (m->codes[i])
        i++;
    if (i + 1 < COUNT(m->codes) && !has_code(m, code))
        m->codes[i] = code;
}

static void make_url(struct gen_rng *r, struct gen_meeting *m)
{
    static const char b62[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned kind = rng_below(r, 100);
    uint64_t id = UINT64_C(81000000000) + rng_next(r) % UINT64_C(8999999999);

    if (kind < 60) {
        char pwd[33];
        for (size_t i = 0; i < 32; i++)
            pwd[i] = b62[rng_below(r, 62)];
        pwd[32] = '\0';
        snprintf(m->url, sizeof m->url, "https://%szoom.us/j/%" PRIu64 "?pwd=%s.1",
                 rng_pct(r, 30) ? "us02web." : "", id, pwd);
        snprintf(m->phone, sizeof m->phone, "+441632960%03u,,%" PRIu64 "#",
                 rng_below(r, 1000), id);
    } else if (kind < 75) {
        char c[12];
        for (size_t i = 0; i < 10; i++)
            c[i] = (char)('a' + rng_below(r, 26));
        snprintf(m->url, sizeof m->url, "https://meet.google.com/%.3s-%.4s-%.3s",
                 c, c + 3, c + 7);
    } else if (kind < 85) {
        snprintf(m->url, sizeof m->url, "https://meet.jit.si/SignpostBench%06lu", m->n);
    } else if (kind < 92) {
        snprintf(m->url, sizeof m->url,
                 "https://teams.microsoft.com/l/meetup-join/19%%3ameeting_QmVuY2g%06lu"
                 "%%40thread.v2/0", m->n);
    } else {
        snprintf(m->url, sizeof m->url, "https://example.org/meetings/online/%06lu", m->n);
        snprintf(m->phone, sizeof m->phone, "029 2018 0%03u", rng_below(r, 1000));
    }
}

static void make_meeting(struct gen_rng *r, unsigned long n, enum gen_format fmt,
                         struct gen_meeting *m)
{
    static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";
    static const int durs[] = { 60, 60, 60, 75, 90 };
    unsigned a;

    memset(m, 0, sizeof *m);
    m->n = n;
    m->town = &towns[rng_below(r, COUNT(towns))];
    m->sub = m->town->subs[rng_below(r, 3)];

    /* attendance: 60 % in person, 20 % online, 12 % hybrid, 8 % temporarily closed */
    a = rng_below(r, 100);
    m->attend = a < 60 ? GEN_IN_PERSON : a < 80 ? GEN_ONLINE : a < 92 ? GEN_HYBRID : GEN_CLOSED;

    /* days: 30 % run on 2 to 5 days */
    m->days = 1u << rng_below(r, 7);
    if (rng_pct(r, 30)) {
        unsigned extra = 1 + rng_below(r, 4);
        while (extra) {
            unsigned bit = 1u << rng_below(r, 7);
            if (!(m->days & bit)) {
                m->days |= bit;
                extra--;
            }
        }
    }
    m->start = 7 * 60 + 15 * (int)rng_below(r, 61);    /* 07:00 .. 22:00 */
    m->dur = durs[rng_below(r, COUNT(durs))];

    /* types: open or closed, then up to three more */
    m->codes[0] = rng_pct(r, 70) ? "O" : "C";
    for (unsigned k = rng_below(r, 4); k > 0; k--)
        add_code(m, mg_types[rng_below(r, MG_TYPES_PICK)].code);
    if (m->attend == GEN_CLOSED)
        add_code(m, "TC");

    /* name: sometimes long, sometimes with an HTML entity */
    {
        const char *prefix = "", *theme;
        if (fmt == GEN_CSV) {
            m->fellowship = n % 3 ? "SMART Recovery" : "Al-Anon";
            prefix = n % 3 ? "SMART " : "Al-Anon ";
            theme = n % 3 ? PICK(r, themes_smart) : PICK(r, themes_alanon);
        } else {
            theme = fmt == GEN_BMLT ? PICK(r, themes_na) : PICK(r, themes_aa);
        }
        if (rng_pct(r, 5))
            snprintf(m->name, sizeof m->name, "%s%s and %s %s and Newcomers' Welcome "
                     "Discussion Group of the Riverside", prefix, m->sub, m->town->town, theme);
        else if (rng_pct(r, 2))
            snprintf(m->name, sizeof m->name, "%s%s %s &amp; Friends", prefix, m->sub, theme);
        else
            snprintf(m->name, sizeof m->name, "%s%s %s", prefix, m->sub, theme);
    }

    if (m->attend != GEN_ONLINE) {
        if (m->town->welsh && rng_pct(r, 60))
            snprintf(m->venue, sizeof m->venue, "%s", PICK(r, venue_cy));
        else
            snprintf(m->venue, sizeof m->venue, "%s %s", PICK(r, venue_pre), PICK(r, venue_en));
        snprintf(m->street, sizeof m->street, "%u %s", 1 + rng_below(r, 180),
                 m->town->welsh && rng_pct(r, 50) ? PICK(r, streets_cy) : PICK(r, streets_en));
        snprintf(m->postcode, sizeof m->postcode, "%s %u%c%c",
                 m->town->outward[rng_below(r, 2)], rng_below(r, 10),
                 inward[rng_below(r, 20)], inward[rng_below(r, 20)]);
    }
    if (m->attend == GEN_ONLINE || m->attend == GEN_HYBRID)
        make_url(r, m);

    if (rng_pct(r, 45)) {
        const char *note = m->town->welsh && rng_pct(r, 40)
            ? notes_pool[NOTES_WELSH_FIRST + rng_below(r, NOTES_WELSH_COUNT)]
            : PICK(r, notes_pool);
        snprintf(m->notes, sizeof m->notes, "%s", note);
    }
    snprintf(m->updated, sizeof m->updated, "2024-%02u-%02u %02u:%02u:00",
             1 + rng_below(r, 12), 1 + rng_below(r, 28), rng_below(r, 24), rng_below(r, 60));
    m->lower_code = rng_pct(r, 2);
    m->day_as_string = rng_pct(r, 2);
    m->twelve_hour = rng_pct(r, 3);
}


/* ---- no duplicates: (name, day, time) is claimed once per file ---- */

/* The days a format writes: CSV and BMLT keep the first day of a multi-day meeting. */
static unsigned written_days(const struct gen_meeting *m, enum gen_format fmt)
{
    return fmt == GEN_MG_JSON ? m->days : 1u << first_day(m->days);
}

static int is_free(GHashTable *seen, const struct gen_meeting *m, unsigned days, int claim)
{
    for (int d = 0; d < 7; d++) {
        char *key;
        if (!(days & (1u << d)))
            continue;
        key = g_strdup_printf("%s|%d|%d", m->name, d, m->start);
        if (!claim && g_hash_table_contains(seen, key)) {
            g_free(key);
            return 0;
        }
        if (claim)
            g_hash_table_add(seen, key);
        else
            g_free(key);
    }
    return 1;
}

/* Move the start by 15 minutes until (name, day, time) is free; then rename. */
static void make_unique(GHashTable *seen, enum gen_format fmt, struct gen_meeting *m)
{
    unsigned days = written_days(m, fmt);
    for (int tries = 0; tries < 61 && !is_free(seen, m, days, 0); tries++)
        m->start = 7 * 60 + (m->start - 7 * 60 + 15) % (61 * 15);
    if (!is_free(seen, m, days, 0)) {
        size_t len = strlen(m->name);
        snprintf(m->name + len, sizeof m->name - len, " %lu", m->n);
    }
    is_free(seen, m, days, /*claim*/ 1);
}

/* ---- Meeting Guide JSON ---- */

static void write_mg(FILE *fp, const struct gen_meeting *m, int last)
{
    static const char *const attend_opt[] = { "in_person", "online", "hybrid", NULL };
    char buf[64], slug[32];
    int first = 1, nd = 0;

    fputs("  {", fp);
    put_json_field(fp, &first, "name", m->name);
    snprintf(slug, sizeof slug, "bench-%06lu", m->n);
    put_json_field(fp, &first, "slug", slug);

    for (int d = 0; d < 7; d++)
        nd += (m->days >> d) & 1;
    if (nd > 1) {
        fputs(",\n    \"day\": [", fp);
        for (int d = 0, k = 0; d < 7; d++)
            if (m->days & (1u << d))
                fprintf(fp, "%s%d", k++ ? ", " : "", d);
        fputs("]", fp);
    } else if (m->day_as_string) {
        fprintf(fp, ",\n    \"day\": \"%d\"", first_day(m->days));
    } else {
        fprintf(fp, ",\n    \"day\": %d", first_day(m->days));
    }
    fmt_time(buf, sizeof buf, m->start, m->twelve_hour);
    put_json_field(fp, &first, "time", buf);
    fmt_time(buf, sizeof buf, m->start + m->dur, 0);
    put_json_field(fp, &first, "end_time", buf);

    fputs(",\n    \"types\": [", fp);
    for (size_t i = 0; m->codes[i]; i++) {
        if (i)
            fputs(", ", fp);
        if (i == 0 && m->lower_code) {
            snprintf(buf, sizeof buf, "%c", m->codes[0][0] + ('a' - 'A'));
            put_json_str(fp, buf);
        } else {
            put_json_str(fp, m->codes[i]);
        }
    }
    fputs("]", fp);

    if (m->venue[0]) {
        char addr[256];
        put_json_field(fp, &first, "location", m->venue);
        snprintf(addr, sizeof addr, "%s, %s %s, UK", m->street, m->town->town, m->postcode);
        put_json_field(fp, &first, "formatted_address", addr);
    } else {
        char addr[128];
        snprintf(addr, sizeof addr, "%s, UK", m->town->town);
        put_json_field(fp, &first, "formatted_address", addr);
    }
    put_json_field(fp, &first, "region", m->town->region);
    put_json_field(fp, &first, "sub_region", m->sub);
    if (m->notes[0])
        put_json_field(fp, &first, "notes", m->notes);
    if (m->url[0])
        put_json_field(fp, &first, "conference_url", m->url);
    if (m->phone[0])
        put_json_field(fp, &first, "conference_phone", m->phone);
    put_json_field(fp, &first, "timezone", "Europe/London");
    if (m->attend != GEN_CLOSED)   /* the TC code says it; "inactive" means something else */
        put_json_field(fp, &first, "attendance_option", attend_opt[m->attend]);
    put_json_field(fp, &first, "updated", m->updated);
    fputs(last ? "\n  }\n" : "\n  },\n", fp);
}

/* ---- TSML CSV (one day per row: the day of a multi-day meeting is its first) ---- */

static const char *mg_label(const char *code)
{
    for (size_t i = 0; i < COUNT(mg_types); i++)
        if (strcmp(mg_types[i].code, code) == 0)
            return mg_types[i].label;
    return code;
}

static void write_csv_header(FILE *fp)
{
    fputs("Time,End Time,Day,Name,Location,Address,City,State,Postal Code,Country,Types,"
          "Region,Sub Region,Notes,Conference URL,Conference Phone,Group,Updated,Fellowship\r\n",
          fp);
}

static void write_csv(FILE *fp, const struct gen_meeting *m, int labels)
{
    char start[16], end[16], types[256];
    size_t used = 0;

    fmt_time(start, sizeof start, m->start, 1);
    fmt_time(end, sizeof end, m->start + m->dur, 1);
    types[0] = '\0';
    for (size_t i = 0; m->codes[i]; i++) {
        const char *t = labels ? mg_label(m->codes[i]) : m->codes[i];
        int k = snprintf(types + used, sizeof types - used, "%s%s", i ? ", " : "", t);
        if (k > 0 && (size_t)k < sizeof types - used)
            used += (size_t)k;
    }
    if (m->attend == GEN_ONLINE && used + 16 < sizeof types)
        snprintf(types + used, sizeof types - used, ", %s", labels ? "Online" : "ONL");

    put_csv_field(fp, start, 0);
    put_csv_field(fp, end, 0);
    put_csv_field(fp, day_names[first_day(m->days)], 0);
    put_csv_field(fp, m->name, 0);
    put_csv_field(fp, m->venue, 0);
    put_csv_field(fp, m->street, 0);
    put_csv_field(fp, m->town->town, 0);
    put_csv_field(fp, "", 0);
    put_csv_field(fp, m->postcode, 0);
    put_csv_field(fp, "UK", 0);
    put_csv_field(fp, types, 0);
    put_csv_field(fp, m->town->region, 0);
    put_csv_field(fp, m->sub, 0);
    put_csv_field(fp, m->notes, 0);
    put_csv_field(fp, m->url, 0);
    put_csv_field(fp, m->phone, 0);
    put_csv_field(fp, "", 0);
    put_csv_field(fp, m->updated, 0);
    put_csv_field(fp, m->fellowship, 1);
}

/* ---- BMLT (one weekday per record, so a multi-day meeting keeps its first day) ---- */

static void write_bmlt(FILE *fp, const struct gen_meeting *m, int last)
{
    static const char *const venue_type[] = { "1", "2", "3", "1" };
    char buf[256], fmts[128];
    size_t used = 0;
    int first = 1;

    fmts[0] = '\0';
    for (size_t i = 0; i < COUNT(bmlt_formats); i++) {
        const char *mg = bmlt_formats[i].mg;
        int on = mg ? has_code(m, mg) : 0;
        if (strcmp(bmlt_formats[i].key, "VM") == 0)
            on = m->attend == GEN_ONLINE;
        else if (strcmp(bmlt_formats[i].key, "HY") == 0)
            on = m->attend == GEN_HYBRID;
        if (on) {
            int k = snprintf(fmts + used, sizeof fmts - used, "%s%s", used ? "," : "",
                             bmlt_formats[i].key);
            if (k > 0 && (size_t)k < sizeof fmts - used)
                used += (size_t)k;
        }
    }

    fputs("  {", fp);
    snprintf(buf, sizeof buf, "%lu", 10000 + m->n);
    put_json_field(fp, &first, "id_bigint", buf);
    snprintf(buf, sizeof buf, "%lu", 1 + m->n % 9);
    put_json_field(fp, &first, "service_body_bigint", buf);
    snprintf(buf, sizeof buf, "%d", first_day(m->days) + 1);
    put_json_field(fp, &first, "weekday_tinyint", buf);
    put_json_field(fp, &first, "venue_type", venue_type[m->attend]);
    snprintf(buf, sizeof buf, "%02d:%02d:00", m->start / 60, m->start % 60);
    put_json_field(fp, &first, "start_time", buf);
    snprintf(buf, sizeof buf, "%02d:%02d:00", m->dur / 60, m->dur % 60);
    put_json_field(fp, &first, "duration_time", buf);
    put_json_field(fp, &first, "time_zone", "Europe/London");
    put_json_field(fp, &first, "formats", fmts);
    put_json_field(fp, &first, "lang_enum", "en");
    put_json_field(fp, &first, "longitude", "0");
    put_json_field(fp, &first, "latitude", "0");
    put_json_field(fp, &first, "meeting_name", m->name);
    put_json_field(fp, &first, "location_text", m->venue);
    put_json_field(fp, &first, "location_info", "");
    put_json_field(fp, &first, "location_street", m->street);
    put_json_field(fp, &first, "location_neighborhood", m->sub);
    put_json_field(fp, &first, "location_municipality", m->town->town);
    put_json_field(fp, &first, "location_sub_province", m->town->region);
    put_json_field(fp, &first, "location_province", m->town->welsh ? "Wales" : "England");
    put_json_field(fp, &first, "location_postal_code_1", m->postcode);
    put_json_field(fp, &first, "location_nation", "GB");
    put_json_field(fp, &first, "comments", m->notes);
    put_json_field(fp, &first, "virtual_meeting_link", m->url);
    put_json_field(fp, &first, "phone_meeting_number", m->phone);
    put_json_field(fp, &first, "virtual_meeting_additional_info", "");
    put_json_field(fp, &first, "published", "1");
    fputs(last ? "\n  }\n" : "\n  },\n", fp);
}

static void write_bmlt_formats(FILE *fp)
{
    fputs("[\n", fp);
    for (size_t i = 0; i < COUNT(bmlt_formats); i++) {
        int first = 1;
        fputs("  {", fp);
        put_json_field(fp, &first, "key_string", bmlt_formats[i].key);
        put_json_field(fp, &first, "name_string", bmlt_formats[i].name);
        put_json_field(fp, &first, "description_string", bmlt_formats[i].name);
        put_json_field(fp, &first, "lang", "en");
        put_json_field(fp, &first, "id", bmlt_formats[i].id);
        put_json_field(fp, &first, "world_id", bmlt_formats[i].world_id);
        fputs(i + 1 < COUNT(bmlt_formats) ? "\n  },\n" : "\n  }\n", fp);
    }
    fputs("]\n", fp);
}

/* ---- command line ---- */

static void usage(FILE *fp)
{
    fputs("usage: gen_directory [--meetings N] [--seed S] "
          "[--format mg-json|csv|bmlt|bmlt-formats]\n"
          "Writes a fictional meeting directory to standard output (default: 5000 meetings,\n"
          "seed 1, mg-json).  The same seed always gives the same bytes.\n", fp);
}

static int parse_ulong(const char *opt, const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (!*s || *s == '-' || *end || errno || v > max) {
        fprintf(stderr, "gen_directory: %s: expected an integer 0..%lu, got '%s'\n",
                opt, max, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, struct gen_opts *o)
{
    o->meetings = 5000;
    o->seed = 1;
    o->format = GEN_MG_JSON;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        unsigned long v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 1;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "gen_directory: unknown option or missing value '%s'\n", a);
            return -1;
        }
        if (strcmp(a, "--meetings") == 0) {
            if (parse_ulong(a, argv[++i], 10000000UL, &o->meetings))
                return -1;
        } else if (strcmp(a, "--seed") == 0) {
            if (parse_ulong(a, argv[++i], 0xFFFFFFFFUL, &v))
                return -1;
            o->seed = v;
        } else if (strcmp(a, "--format") == 0) {
            const char *f = argv[++i];
            if (strcmp(f, "mg-json") == 0)
                o->format = GEN_MG_JSON;
            else if (strcmp(f, "csv") == 0)
                o->format = GEN_CSV;
            else if (strcmp(f, "bmlt") == 0)
                o->format = GEN_BMLT;
            else if (strcmp(f, "bmlt-formats") == 0)
                o->format = GEN_BMLT_FORMATS;
            else {
                fprintf(stderr, "gen_directory: --format: unknown format '%s'\n", f);
                return -1;
            }
        } else {
            fprintf(stderr, "gen_directory: unknown option '%s'\n", a);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct gen_opts opts;
    struct gen_rng rng;
    struct gen_meeting m;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int rc = parse_args(argc, argv, &opts);

    if (rc != 0) {
        if (rc < 0)
            usage(stderr);
        g_hash_table_destroy(seen);
        return rc < 0 ? 2 : 0;
    }
    rng.state = opts.seed;

    if (opts.format == GEN_BMLT_FORMATS) {
        write_bmlt_formats(stdout);
    } else if (opts.format == GEN_CSV) {
        write_csv_header(stdout);
        for (unsigned long n = 1; n <= opts.meetings; n++) {
            make_meeting(&rng, n, opts.format, &m);
            make_unique(seen, opts.format, &m);
            write_csv(stdout, &m, /*labels*/ n % 2 == 0);
        }
    } else {
        fputs("[\n", stdout);
        for (unsigned long n = 1; n <= opts.meetings; n++) {
            make_meeting(&rng, n, opts.format, &m);
            make_unique(seen, opts.format, &m);
            if (opts.format == GEN_BMLT)
                write_bmlt(stdout, &m, n == opts.meetings);
            else
                write_mg(stdout, &m, n == opts.meetings);
        }
        fputs("]\n", stdout);
    }
    g_hash_table_destroy(seen);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gen_directory: cannot write output: %s\n", strerror(errno));
        return 3;
    }
    return 0;
}
