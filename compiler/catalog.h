/* The catalog: services, links, families, types and categories, built from
 * the stdlib and the user's own catalog items. Emitters read presentation
 * (titles, colours, CloudFormation types) from here, never hard-code it. */
#ifndef PIPE_CATALOG_H
#define PIPE_CATALOG_H
#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"
#include "hashmap.h"

typedef enum {
    T_INT, T_NUMBER, T_STRING, T_BOOL, T_DURATION, T_SIZE, T_RANGE,
    T_ENUM, T_REF, T_LIST, T_INSTANCE, T_STRUCT
} TypeKind;

typedef struct TypeDecl TypeDecl;

typedef struct Type {
    TypeKind kind;
    bool has_lo, has_hi;
    int64_t lo, hi;    /* INT, DURATION (ms), SIZE (bytes) */
    double flo, fhi;   /* NUMBER */
    PtrVec members;    /* ENUM: const char * */
    PtrVec refs;       /* REF: const char * service ids */
    struct Type *elem; /* LIST */
    TypeDecl *decl;    /* STRUCT */
} Type;

typedef struct Prop {
    const char *name;
    Type *type;
    const Value *deflt; /* NULL: required, or optional when `optional` */
    bool optional;
    PtrVec retired; /* ENUM: const char * members still accepted, no longer
                       offered by AWS (the service's `retired` setting): W405 */
    int index; /* position in its service's or type's props */
    int uid;   /* 0.. over every property of the catalog */
    const Source *src;
    Span span;
} Prop;

struct TypeDecl {
    const char *id;
    PtrVec props; /* Prop * */
    const Source *src;
    Span span;
};

typedef struct Category {
    const char *id, *title;
    const char *color, *text;
    bool external;
    int route_weight;
} Category;

typedef struct Service {
    const char *id, *title, *short_title;
    const Category *category;
    PtrVec cfn;     /* const char * CloudFormation types */
    const char *doc;
    const char *deprecated;       /* W405 text, or NULL */
    struct Service *alias_of;     /* old name of another service */
    bool needs_source, needs_consumer;
    int route_weight;             /* preference in E301 routes (0 best) */
    PtrVec props;   /* Prop * in declaration order */
    HashMap prop_map;
    PtrVec summary; /* const char * property names shown on cards */
    PtrVec out, in; /* Link * in declaration order */
    bool builtin;
    int order;
    const Source *src;
    Span span;
} Service;

typedef struct Link {
    Service *from, *to;
    const char *via;
    const char *doc;
    bool control; /* not data (Ranger -> EMR): drawn dashed */
    int since;    /* year AWS added it, when after the seed notes; 0 if not */
    const Source *src;
    Span span;
} Link;

typedef struct Family {
    const char *id, *title;
    PtrVec members; /* const char *: the seed's generations */
    PtrVec current; /* const char *: current generations */
    PtrVec fits;    /* const char *: workloads it suits */
} Family;

typedef struct Catalog {
    Arena *arena;
    HashMap services, links, families, types, categories;
    PtrVec service_list, link_list, family_list, category_list; /* declaration order */
    int nprops; /* Prop.uid < nprops */
} Catalog;

/* Builds the catalog from catalog items in files (stdlib first, then user
 * files); reports bad declarations into d. */
Catalog *catalog_build(Arena *a, DiagList *d, const PtrVec *stdlib, const PtrVec *user);
Service *catalog_service(const Catalog *c, const char *id);
const Link *catalog_link(const Catalog *c, const Service *from, const Service *to);
const Prop *service_prop(const Service *s, const char *name);
const Prop *typedecl_prop(const TypeDecl *t, const char *name);
/* What replaces a retired value of p: the first member of its enum that is
 * not retired and starts with the same letters (enums list the newest
 * first), else the default. NULL when the value is not retired. */
const char *prop_replacement(const Prop *p, const char *value);
/* Family of an instance type string ("r5.2xlarge", "ml.p3.2xlarge"); NULL if none. */
const Family *catalog_family_of(const Catalog *c, const char *instance, const char **generation);
const char *type_describe(Arena *a, const Type *t);

/* The closest name within edit distance, for "did you mean"; NULL if none. */
const char *closest_name(const char *name, const char *const *candidates, int n);

#endif
