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
    signed char *waits_by_service; /* by Service.order: 1 they wait, -1 not, 0 unknown */
    PtrVec later_flows;    /* flow statements from the first that named something undeclared */
    struct PairSet *pairs; /* check_flow.c */
    HashMap allows;        /* "line:CODE" -> (void *)1 */
    bool *mentioned;       /* by component index: named in a valid flow hop */
    unsigned char *flow_cap; /* by component index: 1 out, 2 in: E105 reported;
                                4 its hops are in the pair set (check_flow.c) */
    /* check_properties' scratch, by property index (Prop.index). */
    const Setting **given;
    MProp **given_mp;
    int given_cap;
    MProp **defaults; /* by Prop.uid: the shared MProp of each default */
} Checker;

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
