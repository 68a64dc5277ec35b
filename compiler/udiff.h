/* Unified diff of two texts, line by line (for `fmt --diff`). */
#ifndef PIPE_UDIFF_H
#define PIPE_UDIFF_H
#include <stddef.h>
#include <stdio.h>

void udiff_print(FILE *out, const char *name, const char *a, size_t alen, const char *b,
                 size_t blen);

#endif
