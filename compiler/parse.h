/* Front end: source text -> syntax tree, and a program's files with imports. */
#ifndef PIPE_PARSE_H
#define PIPE_PARSE_H
#include <stdbool.h>

#include "ast.h"
#include "diag.h"

#define LOAD_MAX_IMPORT_DEPTH 32
#define LOAD_MAX_FILES 256

/* Parses one source; never returns NULL. Errors go to d (E101, E102, E105). */
File *parse_source(Arena *a, DiagList *d, Source *src);
/* The scanner alone over src, set up as parse_source sets it up (for the
 * benchmark's lexer-only baseline). Returns the number of tokens. */
long parse_lex_only(Arena *a, DiagList *d, Source *src);

typedef struct EmbeddedFile {
    const char *name;
    const unsigned char *data;
    unsigned long len;
} EmbeddedFile;

extern const EmbeddedFile pipe_stdlib_files[];
extern const int pipe_stdlib_count;
/* The embedded stdlib as parsed at build time (compiler/stdlib_image_gen.c):
 * count 0 when there is no image. */
extern File *const *const pipe_stdlib_image;
extern const int pipe_stdlib_image_count;
/* Parses the embedded stdlib into a, one File per source (ids 0..) pushed
 * on files; true when it has no finding at all. */
bool stdlib_parse(Arena *a, PtrVec *files);

typedef struct LoadOptions {
    const char *stdlib_dir; /* replaces the embedded stdlib */
    bool no_stdlib;
} LoadOptions;

typedef struct Program {
    PtrVec stdlib; /* File * */
    PtrVec files;  /* File *: the root first, then its imports */
    File *root;
    int next_source_id;
} Program;

/* Loads the stdlib (embedded or from a folder). Returns 0, or -1 if a
 * stdlib folder cannot be read (reported in d). */
int load_stdlib(Arena *a, DiagList *d, const LoadOptions *opt, Program *p);
/* Loads the root file and, transitively, its imports (E103, E104).
 * Returns 0; -1 if the root itself cannot be read (I/O: exit 2). */
int load_root(Arena *a, DiagList *d, Program *p, const char *path, const char *display);
/* As load_root, from text already in memory (LSP, tests). */
void load_root_text(Arena *a, DiagList *d, Program *p, const char *name, const char *text,
                    size_t len);

#endif
