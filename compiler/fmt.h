/* The formatter: one canonical layout, every comment kept, idempotent. */
#ifndef PIPE_FMT_H
#define PIPE_FMT_H
#include "diag.h"
#include "strbuf.h"

/* Formats text (named `name` in diagnostics). Returns 0 and appends the
 * formatted text to out; -1 when the input does not parse (errors in d,
 * out untouched). */
int fmt_text(Arena *a, DiagList *d, const char *name, const char *text, size_t len, StrBuf *out);

#endif
