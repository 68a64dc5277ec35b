/* Shared state of the checker's passes (check.c, check_flow.c, check_lint.c). */
#ifndef PIPE_CHECK_INT_H
#define PIPE_CHECK_INT_H
#include "codes.h"
#include "compile.h"
#include "value.h"

typedef struct Checker {
    Compilation *comp;
    Arena *arena;
    DiagList *diags;
    const Catalog *cat;
    Model *model;
    const File *file;      /* the file holding the pipeline */
    const Source *src;
    /* Settings that may name a component declared further on, checked
     * after the walk: the components and the blocks of their statements. */
    PtrVec later_components, later_blocks;
    PtrVec later_flows;    /* flow statements from the first that named something undeclared */
    struct PairSet *pairs; /* check_flow.c */
    int backward_flows;    /* data flows to a component declared no later than their source */
    /* What the capacity lints look at, gathered as it is checked: the
     * components of services that can have them, the queue -> consumer flows. */
    unsigned char *service_traits; /* by Service.order: SVC_* bits, 0 not yet known */
    PtrVec capacity_components, queue_flows;
    HashMap allows;        /* "line:CODE" -> (void *)1 */
    unsigned char *usage;  /* by component index: USE_* bits, for the lints */
    unsigned char *flow_cap; /* by component index: 1 out, 2 in: E105 reported;
                                4 its hops are in the pair set (check_flow.c) */
    /* check_properties' scratch, by property index (Prop.index). */
    const Setting **given;
    MProp **given_mp;
    int given_cap;
    MProp **defaults; /* by Prop.uid: the shared MProp of each default */
} Checker;

/* What the lints need to know of a component, kept in one byte by index so
 * that they read a small array instead of every component. */
enum {
    USE_MENTIONED = 1,   /* named in a flow statement (even one in error) */
    USE_FLOW = 2,        /* has a flow in or out */
    USE_DATA_IN = 4,     /* ... a data flow in */
    USE_DATA_OUT = 8,    /* ... a data flow out */
    USE_REFERENCED = 16, /* names or is named by a property */
    USE_SERVICE = 32,    /* its service is known */
    USE_NEEDS_SOURCE = 64,
    USE_NEEDS_CONSUMER = 128,
};

/* What the checker asks of a service, worked out once per service: whether
 * its settings can name a component (they then wait for the end of the
 * walk), and which capacity lints can apply to its components. */
enum { SVC_KNOWN = 1, SVC_REFS = 2, SVC_CAPACITY = 4, SVC_QUEUE = 8, SVC_CONSUMER = 16 };
int check_service_traits(Checker *ck, const Service *s);
/* The lint traits (check_lint.c). */
int capacity_lint_traits(const Service *s);

/* Reports a warning or hint unless `# pipe: allow CODE` covers the line of
 * `stmt` or of `at`. Returns NULL when suppressed. */
Diagnostic *check_warn(Checker *ck, const char *code, Span stmt, Span at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
Diagnostic *check_error(Checker *ck, const char *code, Span at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* What a name of the pipeline declares (NULL: nothing). Names are bound
 * through their NameBinding, so a use costs no hash lookup. */
MComponent *check_component_named(const Checker *ck, const char *name);
const Ident *check_group_named(const Checker *ck, const char *name);
/* "did you mean" over the names of every component. */
const char *check_closest_component(Checker *ck, const char *name);
const char *service_label(const Service *s);

/* Flows (check_flow.c) are checked during the walk of the declarations:
 * a statement whose names are all declared by then at once; from the first
 * that names something not (yet) declared, it and every later one at the
 * end, so that flows are still numbered and deduplicated in source order. */
void check_flows_begin(Checker *ck, const Item *pipeline);
void check_flow_statement(Checker *ck, const Stmt *st);
void check_flows_end(Checker *ck);
void check_flow_lints(Checker *ck);
void check_capacity_lints(Checker *ck);

#endif
