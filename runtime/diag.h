/* Diagnostics: collect, sort, render (human, gcc, json, sarif, github). */
#ifndef PIPE_DIAG_H
#define PIPE_DIAG_H
#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "source.h"

#define DIAG_MAX_ERRORS_PER_FILE 50

typedef enum { SEV_HINT, SEV_WARNING, SEV_ERROR } Severity;

typedef struct DiagNote {
    const char *kind; /* "note" or "help" */
    const char *text;
    const Source *src; /* NULL when the note has no location */
    Span span;
    struct DiagNote *next;
} DiagNote;

typedef struct Diagnostic {
    const Source *src; /* NULL for a diagnostic about a file as a whole */
    const char *file;  /* name to show when src is NULL */
    Span span;
    Severity sev;
    const char *code;
    const char *message;
    DiagNote *notes, *last_note;
    unsigned seq;
} Diagnostic;

typedef struct DiagList {
    Arena *arena;
    PtrVec items; /* Diagnostic * */
    int nerrors, nwarnings, nhints;
    PtrVec counts; /* FileCount *: errors kept and dropped per source */
    unsigned seq;
} DiagList;

/* A rule description, for SARIF's driver.rules. */
typedef struct DiagRule {
    const char *code;
    const char *summary;
    const char *help;
} DiagRule;

void diag_init(DiagList *d, Arena *a);
/* Returns NULL when the per-file error cap is reached (the finding is
 * counted, not kept). */
Diagnostic *diag_add(DiagList *d, Severity sev, const char *code, const Source *src,
                     Span span, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
Diagnostic *diag_add_file(DiagList *d, Severity sev, const char *code, const char *file,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_note(DiagList *d, Diagnostic *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note_at(DiagList *d, Diagnostic *g, const Source *src, Span span,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_help(DiagList *d, Diagnostic *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Stable sort by source order, line, column, then order of discovery. */
void diag_sort(DiagList *d);
int diag_errors_in(const DiagList *d, const Source *src);
const char *diag_severity_name(Severity sev);

void diag_render_human(const DiagList *d, FILE *out, bool color);
void diag_render_gcc(const DiagList *d, FILE *out);
void diag_render_github(const DiagList *d, FILE *out);
/* JSON and SARIF documents; 0 on success. */
int diag_render_json(const DiagList *d, FILE *out);
int diag_render_sarif(const DiagList *d, FILE *out, const char *tool_version,
                      const DiagRule *rules, int nrules);

#endif
