#include <stddef.h>

#include "ast.h"

Value *ast_value(Arena *a, ValueKind kind, Span span)
{
    Value *v = arena_alloc(a, sizeof *v);
    v->kind = kind;
    v->span = span;
    return v;
}

Stmt *ast_stmt(Arena *a, StmtKind kind, Span span)
{
    bool named = kind == ST_COMPONENT || kind == ST_GROUP;
    Stmt *s = arena_alloc(a, named ? sizeof *s : offsetof(Stmt, name));
    s->kind = kind;
    s->span = span;
    return s;
}

Item *ast_item(Arena *a, ItemKind kind, Span span)
{
    Item *it = arena_alloc(a, sizeof *it);
    it->kind = kind;
    it->span = span;
    return it;
}

Ident *ast_ident(Arena *a, const char *name, Span span)
{
    Ident *id = arena_alloc(a, sizeof *id);
    id->name = name;
    id->span = span;
    return id;
}

Span span_join(Span a, Span b)
{
    return (Span){a.start < b.start ? a.start : b.start, a.end > b.end ? a.end : b.end};
}

const char *value_kind_name(ValueKind k)
{
    static const char *const names[] = {
        [V_STRING] = "a string",     [V_INT] = "an integer",  [V_NUMBER] = "a number",
        [V_DURATION] = "a duration", [V_SIZE] = "a size",     [V_BOOL] = "a boolean",
        [V_IDENT] = "a name",        [V_RANGE] = "a range",   [V_LIST] = "a list",
        [V_BLOCK] = "a block",
    };
    return names[k];
}
