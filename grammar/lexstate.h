/* State shared by the reentrant lexer and the pure parser (yyextra). */
#ifndef PIPE_LEXSTATE_H
#define PIPE_LEXSTATE_H
#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"

#define LEX_MAX_DEPTH 256
#define LEX_MAX_IDENT 1024
#define LEX_MAX_STRING (1 << 20) /* bytes between a string's quotes: 1 MiB */
#define LEX_NAME_CACHE 4096 /* slots of the cache of recent names (a power of 2) */

typedef struct Delim {
    char open; /* '{', '[' or '(' */
    Span span;
} Delim;

/* A slot of the cache of recent names or of the table of all names: the
 * hash is compared first, as the text of a name met long ago is rarely in
 * the processor's cache. */
typedef struct NameSlot {
    const char *name; /* NULL: free */
    uint32_t hash;
} NameSlot;

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
    bool quick;            /* the parser without LAC: stop at the first error */
    bool failed;           /* ... and it met one (the parse is done again) */
    int ncomponents;       /* in the pipeline being parsed (Item.ncomponents) */
    long long nhops;       /* ... and the hops its flows write (Item.nhops) */
    /* Names recently read, by hash: a name met again (a service, a property,
     * a component in a flow) shares the copy already in the arena. */
    NameSlot names[LEX_NAME_CACHE];
    /* Every name of the file (open addressing): one copy of each. */
    NameSlot *interned;
    size_t interned_cap, interned_n;
} LexState;

/* Gives the table of interned names back to the arena (after the parse). */
void lex_state_release(LexState *st);

/* The scanner reads a Source's text in place (yy_scan_buffer over the text
 * and its two trailing NULs) and, while it runs, keeps a NUL after the token
 * it returned last. This puts the byte back: call it before destroying the
 * scanner, wherever the parse stopped. */
void pipe_yy_restore_text(void *scanner);

#endif
