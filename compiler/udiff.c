/* A unified diff: common prefix and suffix trimmed, then a longest common
 * subsequence over the lines in between (bounded; past the bound the middle
 * is shown as replaced, which is still a correct diff). */
#include "udiff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
#define LCS_MAX_CELLS (4u * 1024u * 1024u)

typedef struct Lines {
    const char **at;
    size_t *len;
    size_t n;
} Lines;

static Lines split(const char *s, size_t n)
{
    Lines l = {0};
    size_t cap = 16;
    l.at = malloc(cap * sizeof *l.at);
    l.len = malloc(cap * sizeof *l.len);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        if (l.n == cap) {
            cap *= 2;
            l.at = realloc(l.at, cap * sizeof *l.at);
            l.len = realloc(l.len, cap * sizeof *l.len);
        }
        l.at[l.n] = s + i;
        l.len[l.n++] = j - i + (j < n);
        i = j + 1;
    }
    return l;
}

static bool eq(const Lines *a, size_t i, const Lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->at[i], b->at[j], a->len[i]) == 0;
}

typedef struct Edit {
    char op; /* ' ', '-', '+' */
    size_t ai, bi;
} Edit;

/* The edit script between a[a0..a1) and b[b0..b1). */
static size_t script(const Lines *a, const Lines *b, size_t a0, size_t a1, size_t b0, size_t b1,
                     Edit *out)
{
    size_t n = a1 - a0, m = b1 - b0, k = 0;
    if ((n + 1) * (m + 1) > LCS_MAX_CELLS) {
        for (size_t i = a0; i < a1; i++)
            out[k++] = (Edit){'-', i, b0};
        for (size_t j = b0; j < b1; j++)
            out[k++] = (Edit){'+', a1, j};
        return k;
    }
    unsigned *t = calloc((n + 1) * (m + 1), sizeof *t);
#define T(i, j) t[(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            T(i, j) = eq(a, a0 + i, b, b0 + j) ? T(i + 1, j + 1) + 1
                    : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && eq(a, a0 + i, b, b0 + j)) {
            out[k++] = (Edit){' ', a0 + i++, b0 + j++};
        } else if (i < n && (j == m || T(i + 1, j) >= T(i, j + 1))) {
            out[k++] = (Edit){'-', a0 + i++, b0 + j};
        } else {
            out[k++] = (Edit){'+', a0 + i, b0 + j++};
        }
    }
#undef T
    free(t);
    return k;
}

static void put_line(FILE *out, char op, const char *s, size_t len)
{
    fputc(op, out);
    fwrite(s, 1, len, out);
    if (len == 0 || s[len - 1] != '\n')
        fputs("\n\\ No newline at end of file\n", out);
}

void udiff_print(FILE *out, const char *name, const char *as, size_t alen, const char *bs,
                 size_t blen)
{
    Lines a = split(as, alen), b = split(bs, blen);
    size_t pre = 0;
    while (pre < a.n && pre < b.n && eq(&a, pre, &b, pre))
        pre++;
    size_t suf = 0;
    while (suf < a.n - pre && suf < b.n - pre && eq(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
        suf++;
    Edit *ed = malloc((a.n + b.n + 1) * sizeof *ed);
    size_t k = 0;
    for (size_t i = 0; i < pre; i++)
        ed[k++] = (Edit){' ', i, i};
    k += script(&a, &b, pre, a.n - suf, pre, b.n - suf, ed + k);
    for (size_t i = 0; i < suf; i++)
        ed[k++] = (Edit){' ', a.n - suf + i, b.n - suf + i};

    fprintf(out, "--- %s\n+++ %s\n", name, name);
    for (size_t i = 0; i < k;) {
        if (ed[i].op == ' ') {
            i++;
            continue;
        }
        /* A hunk: from CONTEXT lines before this change to CONTEXT after the
         * last change that is within 2*CONTEXT of the previous one. */
        size_t start = i > CONTEXT ? i - CONTEXT : 0, end = i;
        for (size_t j = i; j < k; j++) {
            if (ed[j].op != ' ')
                end = j;
            else if (j - end > 2 * CONTEXT)
                break;
        }
        end = end + CONTEXT + 1 < k ? end + CONTEXT + 1 : k;
        size_t na = 0, nb = 0;
        for (size_t j = start; j < end; j++) {
            na += ed[j].op != '+';
            nb += ed[j].op != '-';
        }
        fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", ed[start].ai + (na > 0), na,
                ed[start].bi + (nb > 0), nb);
        for (size_t j = start; j < end; j++) {
            if (ed[j].op == '+')
                put_line(out, '+', b.at[ed[j].bi], b.len[ed[j].bi]);
            else
                put_line(out, ed[j].op, a.at[ed[j].ai], a.len[ed[j].ai]);
        }
        i = end;
    }
    free(ed);
    free(a.at);
    free(a.len);
    free(b.at);
    free(b.len);
}
