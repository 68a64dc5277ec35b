/* Growable byte buffer (malloc-backed) for building output text. */
#ifndef PIPE_STRBUF_H
#define PIPE_STRBUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_putn(StrBuf *b, const char *s, size_t n);
void sb_puts(StrBuf *b, const char *s);
/* Emitters write much of their text a byte at a time (escaping): the
 * common case, room in the buffer, is inline. */
void sb_putc_grow(StrBuf *b, char c);
static inline void sb_putc(StrBuf *b, char c)
{
    if (b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        sb_putc_grow(b, c);
    }
}
void sb_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Detach the NUL-terminated contents; caller frees. */
char *sb_take(StrBuf *b);

#endif
