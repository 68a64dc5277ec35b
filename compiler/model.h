/* The checked pipeline: what every emitter reads (never the raw AST). */
#ifndef PIPE_MODEL_H
#define PIPE_MODEL_H
#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"

typedef struct MGroup MGroup;
typedef struct MFlow MFlow;

/* A default is one MProp per property, shared by every component that
 * leaves the property out (its span is none: use the component's). */
typedef struct MProp {
    const Prop *decl;
    const Value *value; /* the source value, or the catalog default */
    Span span;          /* of the setting; {0, 0} for a default */
} MProp;

/* Left out by the component, so the catalog's default (a setting never
 * ends at offset 0: a file starts with `pipeline` or another keyword). */
static inline bool mprop_is_default(const MProp *p)
{
    return p->span.end == 0;
}

typedef struct MComponent {
    const char *name;
    const char *label;     /* NULL when none */
    Service *service;      /* resolved (aliases followed) */
    const char *written_service; /* as written, e.g. elasticsearch */
    MGroup *group;         /* innermost group, NULL at top level */
    PtrVec props;          /* MProp * in the service's declaration order;
                              optional properties not set are absent */
    PtrVec in, out;        /* MFlow * */
    int index;             /* source order */
    Span span, name_span;
} MComponent;

struct MFlow {
    MComponent *from, *to;
    const Link *link;  /* its mechanism (via) and whether it is control */
    const char *label; /* the flow's own label, NULL when none */
    int index;
    Span span;         /* the `a -> b` hop */
};

/* A property that names another component (transform = enrich). */
typedef struct MRef {
    MComponent *from, *to;
    const char *prop;
    Span span;
} MRef;

struct MGroup {
    const char *name, *title; /* title NULL when none */
    MGroup *parent;
    PtrVec items;  /* its components and groups in source order (group_item) */
    int depth;
    Span span;
};

typedef struct MGroupItem {
    MComponent *component; /* one of the two is set */
    MGroup *group;
} MGroupItem;

/* Item i of a group's items (or of Model.top). A list holds the component
 * or the group itself, a group tagged in the low bit of its address (both
 * are 8-byte aligned): no allocation per item. */
static inline MGroupItem group_item(const PtrVec *items, int i)
{
    uintptr_t p = (uintptr_t)items->items[i];
    if (p & 1)
        return (MGroupItem){NULL, (MGroup *)(p & ~(uintptr_t)1)};
    return (MGroupItem){(MComponent *)p, NULL};
}

typedef struct Model {
    const Catalog *catalog;
    const Source *src;
    const char *file;        /* the source file name */
    const char *name, *title;
    const char *description, *owner, *region;
    bool layout_tb;
    PtrVec components;       /* MComponent * in source order */
    PtrVec flows;            /* MFlow *, deduplicated, in source order */
    PtrVec refs;             /* MRef * */
    PtrVec groups;           /* every MGroup *, in source order */
    PtrVec top;              /* the top level's components and groups (group_item) */
    const DiagList *diags;   /* the checker's findings (for Markdown) */
} Model;

/* The component named `name` (NULL: none), by a scan of the list: for
 * callers holding a name from outside the syntax tree (the language
 * server, tests). The checker binds names and never scans. */
const MComponent *model_component(const Model *m, const char *name);
const MProp *comp_prop(const MComponent *c, const char *name);
const Value *comp_value(const MComponent *c, const char *name);
/* Field of a nested block value (EMR node groups): NULL if absent. */
const Value *block_value(const Value *v, const char *name);

#endif
