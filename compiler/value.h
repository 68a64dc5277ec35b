/* Typed values: checking a setting against a property type, defaults,
 * and printing values back the way a user writes them. */
#ifndef PIPE_VALUE_H
#define PIPE_VALUE_H
#include <stdbool.h>

#include "catalog.h"

typedef struct VCheck {
    Arena *arena;
    DiagList *diags;
    const Source *src;
    const Catalog *catalog;
    /* Resolves a ref(...) value; reports E203/E209 itself. */
    bool (*resolve_ref)(struct VCheck *vc, const Type *t, const Value *v);
    void *ctx;
    /* For a block property: the service's default block, whose fields fill
     * what the user leaves out before the type's own defaults do. */
    const Value *struct_base;
} VCheck;

/* Checks v against t (E205, E206, E207, E204 inside blocks, E208). Returns
 * the value to keep: for a declared type, a block with every field filled
 * in (defaults added); NULL when v is wrong. `what` names the property. */
const Value *value_check(VCheck *vc, const Type *t, const Value *v, const char *what);
/* The value written the way Pipe spells it: 48h, 64MB, "x", [a, b], 2..20. */
const char *value_format(Arena *a, const Value *v);
const char *format_duration(Arena *a, int64_t ms);
const char *format_size(Arena *a, int64_t bytes);
/* Text of an IDENT or STRING value, or NULL. */
const char *value_text(const Value *v);
int64_t value_int(const Value *v, int64_t fallback);
bool value_bool(const Value *v, bool fallback);

#endif
