/* State shared by the reentrant lexer and the pure parser (yyextra). */
#ifndef PIPE_LEXSTATE_H
#define PIPE_LEXSTATE_H
#include <stdbool.h>

#include "ast.h"
#include "diag.h"

#define LEX_MAX_DEPTH 256
#define LEX_MAX_IDENT 1024

typedef struct Delim {
    char open; /* '{', '[' or '(' */
    Span span;
} Delim;

typedef struct LexState {
    Arena *arena;
    DiagList *diags;
    File *file;
    Source *src;
    uint32_t offset;       /* bytes consumed so far */
    int last_token;        /* for newline suppression and messages */
    Span last_span;
    Delim stack[LEX_MAX_DEPTH];
    int depth;
    bool aborted;          /* a limit was hit: stop without more messages */
} LexState;

#endif
