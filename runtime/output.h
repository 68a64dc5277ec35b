/* Atomic output: write to a temporary file beside the target, then rename.
 * The old file survives any failure; no half-written file is ever left. */
#ifndef PIPE_OUTPUT_H
#define PIPE_OUTPUT_H
#include <stddef.h>

/* Writes data to path ("-" or NULL: standard output). Returns 0, or -1
 * with a message in *err (static or strerror text). */
int output_write_atomic(const char *path, const char *data, size_t len, const char **err);

#endif
