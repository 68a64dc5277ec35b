/* One compilation: load, parse, build the catalog, check, produce the model. */
#ifndef PIPE_COMPILE_H
#define PIPE_COMPILE_H
#include <stdbool.h>

#include "catalog.h"
#include "model.h"
#include "parse.h"

typedef struct Compilation {
    Arena *arena;
    DiagList diags;
    Program prog;
    Catalog *catalog;
    Model *model; /* NULL when the file has no pipeline or did not parse */
} Compilation;

typedef enum { COMPILE_OK, COMPILE_IO_ERROR } CompileStatus;

void compilation_init(Compilation *c);
void compilation_free(Compilation *c);
/* Loads the stdlib then the root file ("-" for stdin) and checks it. */
CompileStatus compile_path(Compilation *c, const LoadOptions *opt, const char *path,
                           const char *display);
void compile_text(Compilation *c, const LoadOptions *opt, const char *name, const char *text,
                  size_t len);
/* Errors that fail the run (hints never count; warnings with werror). */
bool compilation_failed(const Compilation *c, bool werror);

/* The checker (check.c): fills c->catalog and c->model, reports into c->diags. */
void check_program(Compilation *c);

#endif
