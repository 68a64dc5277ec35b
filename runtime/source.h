/* Source text: loading, line map, byte offset -> line:column. */
#ifndef PIPE_SOURCE_H
#define PIPE_SOURCE_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

#define SOURCE_MAX_BYTES (64u * 1024u * 1024u)

/* A range of bytes [start, end) in one source. */
typedef struct Span {
    uint32_t start, end;
} Span;

typedef struct Source {
    const char *name; /* as shown in diagnostics */
    const char *path; /* on disk, for resolving imports; NULL if none */
    const char *text; /* BOM removed, followed by two NUL bytes (the scanner
                         reads it in place, and writes a NUL after each token
                         while it runs, putting the byte back after) */
    uint32_t len;
    uint32_t *line_starts;
    int nlines;
    int id; /* order of loading, for sorting diagnostics */
} Source;

typedef struct Pos {
    int line, col; /* 1-based; col counts characters */
} Pos;

/* Why a file could not be read. */
typedef enum {
    SOURCE_OK,
    SOURCE_IO_ERROR,  /* errno-style message in *err */
    SOURCE_TOO_LARGE, /* over SOURCE_MAX_BYTES */
} SourceStatus;

Source *source_from_memory(Arena *a, const char *name, const char *text, size_t len);
/* path "-" reads standard input. Refuses folders, FIFOs and devices
 * (they could hang a pre-commit run). */
SourceStatus source_load(Arena *a, const char *path, const char *display,
                         Source **out, const char **err);
Pos source_pos(const Source *s, uint32_t offset);
/* Byte offset of a 1-based line and 0-based column in UTF-16 units or
 * characters (utf16 != 0); clamped to the line. */
uint32_t source_offset(const Source *s, int line0, int col0, int utf16);
/* Count of UTF-16 code units from the start of the line to offset. */
int source_utf16_col(const Source *s, uint32_t offset);
/* The text of a 1-based line, without its line end. */
const char *source_line(const Source *s, int line, size_t *len);

#endif
