/*
 * brl.c - braille pages (see brl.h).
 */
#include "brl.h"

#include <string.h>

void sp_brl_doc_init(struct sp_brl_doc *d, int cells, int lines)
{
    memset(d, 0, sizeof *d);
    d->cells = cells > 0 ? cells : 1;
    d->lines = lines > 0 ? lines : 1;
    sp_arena_init(&d->arena);
}

void sp_brl_doc_release(struct sp_brl_doc *d)
{
    free(d->dots);
    sp_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

size_t sp_brl_doc_add_page(struct sp_brl_doc *d)
{
    size_t page = (size_t)d->lines * (size_t)d->cells;

    if (d->npages == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->dots = xrealloc(d->dots, d->cap * page);
    }
    memset(d->dots + d->npages * page, 0, page);
    return d->npages++;
}

unsigned char *sp_brl_line(const struct sp_brl_doc *d, size_t page, int line)
{
    return d->dots + (page * (size_t)d->lines + (size_t)line) * (size_t)d->cells;
}

int sp_brl_line_len(const struct sp_brl_doc *d, size_t page, int line)
{
    const unsigned char *c = sp_brl_line(d, page, line);
    int n = d->cells;

    while (n > 0 && c[n - 1] == 0)
        n--;
    return n;
}

int sp_brl_page_used(const struct sp_brl_doc *d, size_t page)
{
    int n = d->lines;

    while (n > 0 && sp_brl_line_len(d, page, n - 1) == 0)
        n--;
    return n;
}

void sp_brl_utf8(unsigned char pattern, char buf[4])
{
    unsigned cp = 0x2800u + pattern;

    buf[0] = (char)(0xE0 | (cp >> 12));
    buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = (char)(0x80 | (cp & 0x3F));
    buf[3] = '\0';
}

int sp_brl_doc_dump(const struct sp_brl_doc *d, FILE *fp)
{
    char u[4];

    fprintf(fp, "braille %d cells x %d lines, %zu pages, table %s\n", d->cells, d->lines,
            d->npages, d->table ? d->table : "-");
    for (size_t p = 0; p < d->npages; p++) {
        int used = sp_brl_page_used(d, p);
        fprintf(fp, "page %zu\n", p + 1);
        for (int l = 0; l < used; l++) {
            const unsigned char *c = sp_brl_line(d, p, l);
            int n = sp_brl_line_len(d, p, l);
            for (int i = 0; i < n; i++) {
                sp_brl_utf8(c[i], u);
                fputs(u, fp);
            }
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? -1 : 0;
}
