/* The syntax tree, as the parser builds it (all memory in one arena). */
#ifndef PIPE_AST_H
#define PIPE_AST_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"

typedef struct Block Block;

typedef enum {
    V_STRING, V_INT, V_NUMBER, V_DURATION, V_SIZE, V_BOOL, V_IDENT, V_RANGE, V_LIST, V_BLOCK
} ValueKind;

/* Only the fields of its kind are meaningful: those of other kinds share
 * memory in the union (a large file holds millions of values), so read a
 * field only after checking the kind (value_text, value_int do). */
typedef struct Value {
    ValueKind kind;
    Span span;
    union {
        struct { /* STRING, IDENT, INT, NUMBER, DURATION, SIZE, BOOL */
            union {
                int64_t i;  /* INT; DURATION in ms; SIZE in bytes; BOOL */
                double num; /* NUMBER */
            };
            const char *str; /* STRING (unescaped), IDENT; DURATION, SIZE: as written */
        };
        struct {
            struct Value *lo, *hi; /* RANGE; either may be NULL in type bounds */
        };
        PtrVec list;  /* LIST: Value * */
        Block *block; /* BLOCK */
    };
} Value;

/* Every name the scanner reads is interned in its file (one copy per
 * distinct name) and stored after a NameBinding: the checker binds a name to
 * what it declares there, so a use finds its declaration without a hash
 * lookup. Only names from the scanner have one (never a literal). */
typedef struct NameBinding {
    const void *owner; /* who bound it (an address in the model); any other: unbound */
    void *what;
} NameBinding;

static inline NameBinding *name_binding(const char *name)
{
    return (NameBinding *)(void *)(name - sizeof(NameBinding));
}

typedef struct Ident {
    const char *name;
    Span span;
} Ident;

typedef struct Setting {
    Ident name;
    Value *value;
    Span span;
} Setting;

/* A type in `name : TYPE = default`, or one argument of a type:
 * `int(1..100)`, `enum(a, "b")`, `ref(lambda)`, `list(enum(x, y))`. */
typedef struct TypeExpr {
    Ident name;     /* int, enum, ref, list, instance, a declared type, an enum member */
    bool is_string; /* a quoted enum member */
    bool is_bound;  /* a `lo..hi` argument; lo or hi may be NULL */
    Value *lo, *hi;
    PtrVec args;    /* TypeExpr * */
    Span span;
} TypeExpr;

typedef struct PropDecl {
    Ident name;
    TypeExpr *type;
    Value *deflt; /* NULL: required unless listed optional */
    Span span;
} PropDecl;

struct Block {
    PtrVec settings; /* Setting * */
    Span span;
};

/* Either side of a flow or link: one name or a bracketed list. */
typedef struct Ends {
    PtrVec names; /* Ident * */
    bool bracketed;
    Span span;
    Span arrow;   /* in a flow, the `->` before this end (none before the first) */
} Ends;

typedef enum { ST_SETTING, ST_COMPONENT, ST_FLOW, ST_GROUP } StmtKind;

/* The fields in the union belong to one kind each and share memory. The
 * name and label are last: only a component or a group has them, and a
 * statement of another kind (a flow: a large file has hundreds of
 * thousands) is allocated without them (ast_stmt). Read them only after
 * checking the kind. */
typedef struct Stmt {
    StmtKind kind;
    Span span;
    Block *block;               /* COMPONENT, FLOW (NULL: none) */
    union {
        Setting *setting;       /* ST_SETTING */
        Ident service;          /* COMPONENT */
        PtrVec body;            /* GROUP: Stmt * */
        PtrVec ends;            /* FLOW: Ends * */
    };
    Ident name;                 /* COMPONENT, GROUP */
    const char *label;          /* COMPONENT label, GROUP title (NULL: none) */
    Span label_span;
} Stmt;

typedef enum { IT_IMPORT, IT_PIPELINE, IT_SERVICE, IT_LINK, IT_FAMILY, IT_TYPE, IT_CATEGORY } ItemKind;

typedef struct Item {
    ItemKind kind;
    Span span;
    Ident name;        /* PIPELINE, SERVICE, FAMILY, TYPE, CATEGORY */
    const char *title; /* PIPELINE, SERVICE, FAMILY, CATEGORY; IMPORT path */
    Span title_span;
    PtrVec body;       /* PIPELINE: Stmt * */
    PtrVec props;      /* SERVICE, TYPE: PropDecl * */
    PtrVec meta;       /* SERVICE, TYPE: Setting * */
    Ends *from, *to;   /* LINK */
    Block *block;      /* LINK, FAMILY, CATEGORY (NULL: none) */
    PtrVec members;    /* FAMILY: Ident * */
    /* PIPELINE: its components and the hops its flows write (repeats
     * included), counted by the parser: what the checker sizes tables by */
    int ncomponents;
    long long nhops;
} Item;

/* `# pipe: allow W401, W402`: codes suppressed on `line`. */
typedef struct Allow {
    int line;
    const char *code;
} Allow;

typedef struct Comment {
    Span span;      /* from '#' to the end of the line */
    bool own_line;  /* nothing but blanks before it on its line */
} Comment;

typedef struct File {
    Source *src;
    PtrVec items;    /* Item * */
    PtrVec allows;   /* Allow * */
    PtrVec comments; /* Comment * */
    int nerrors;     /* syntax and lexical errors */
} File;

Value *ast_value(Arena *a, ValueKind kind, Span span);
Stmt *ast_stmt(Arena *a, StmtKind kind, Span span);
Item *ast_item(Arena *a, ItemKind kind, Span span);
Ident *ast_ident(Arena *a, const char *name, Span span);
Span span_join(Span a, Span b);
const char *value_kind_name(ValueKind k);

#endif
