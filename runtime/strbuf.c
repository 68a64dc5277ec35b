#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(StrBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void sb_free(StrBuf *b)
{
    free(b->data);
    sb_init(b);
}

static void sb_reserve(StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fputs("pipec: out of memory\n", stderr);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void sb_putn(StrBuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_puts(StrBuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

void sb_putc_grow(StrBuf *b, char c)
{
    sb_putn(b, &c, 1);
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n > 0) {
        sb_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

char *sb_take(StrBuf *b)
{
    if (!b->data)
        sb_reserve(b, 0), b->data[0] = '\0';
    char *p = b->data;
    sb_init(b);
    return p;
}
