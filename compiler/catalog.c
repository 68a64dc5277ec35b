/* Building the catalog from `category`, `service`, `link`, `family` and
 * `type` items: the stdlib first, then the user's own. */
#include "catalog.h"

#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "value.h"

typedef struct Builder {
    Catalog *cat;
    Arena *arena;
    DiagList *diags;
    const Source *src; /* file of the item being read */
    bool builtin;
    HashMap family_at;   /* family id -> DeclAt: where it was first declared */
    HashMap category_at; /* category id -> DeclAt */
} Builder;

/* Where a family or category was first declared (for the E202 note). */
typedef struct DeclAt {
    const Source *src;
    Span span;
} DeclAt;

/* ---- small helpers --------------------------------------------------- */

static const Setting *meta(const PtrVec *settings, const char *name)
{
    for (int i = 0; i < settings->n; i++) {
        const Setting *s = settings->items[i];
        if (strcmp(s->name.name, name) == 0)
            return s;
    }
    return NULL;
}

static const Value *meta_value(const PtrVec *settings, const char *name)
{
    const Setting *s = meta(settings, name);
    return s ? s->value : NULL;
}

static const PtrVec *block_settings(const Block *b)
{
    static const PtrVec empty;
    return b ? &b->settings : &empty;
}

static void names_of(Arena *a, const Value *v, PtrVec *out)
{
    if (!v || v->kind != V_LIST)
        return;
    for (int i = 0; i < v->list.n; i++) {
        const char *t = value_text(v->list.items[i]);
        if (t)
            vec_push(a, out, (void *)t);
    }
}

static void duplicate(Builder *b, const char *what, Ident name, const Source *first_src,
                      Span first)
{
    Diagnostic *g = diag_add(b->diags, SEV_ERROR, "E202", b->src, name.span,
                             "%s `%s` is declared twice", what, name.name);
    diag_note_at(b->diags, g, first_src, first, "first declared here");
}

const char *closest_name(const char *name, const char *const *candidates, int n)
{
    size_t len = strlen(name);
    size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (int i = 0; i < n; i++) {
        const char *c = candidates[i];
        size_t m = strlen(c);
        if ((m > len ? m - len : len - m) > limit || m > 64 || len > 64)
            continue;
        /* Damerau-Levenshtein (optimal string alignment), two rows + one. */
        size_t prev2[66], prev[66], cur[66];
        for (size_t j = 0; j <= m; j++)
            prev[j] = j;
        for (size_t k = 1; k <= len; k++) {
            cur[0] = k;
            for (size_t j = 1; j <= m; j++) {
                size_t cost = name[k - 1] == c[j - 1] ? 0 : 1;
                size_t v = prev[j] + 1;
                if (cur[j - 1] + 1 < v)
                    v = cur[j - 1] + 1;
                if (prev[j - 1] + cost < v)
                    v = prev[j - 1] + cost;
                if (k > 1 && j > 1 && name[k - 1] == c[j - 2] && name[k - 2] == c[j - 1] &&
                    prev2[j - 2] + 1 < v)
                    v = prev2[j - 2] + 1;
                cur[j] = v;
            }
            memcpy(prev2, prev, sizeof prev);
            memcpy(prev, cur, sizeof cur);
        }
        size_t d = prev[m];
        if (d < best_d || (d == best_d && best && strcmp(c, best) < 0)) {
            best_d = d;
            best = c;
        }
    }
    return best_d <= limit && best_d > 0 ? best : NULL;
}

/* ---- types ------------------------------------------------------------- */

static bool bound_value(Builder *b, Type *t, const Value *v, bool is_lo)
{
    ValueKind want = t->kind == T_INT ? V_INT : t->kind == T_DURATION ? V_DURATION
                   : t->kind == T_SIZE ? V_SIZE : V_NUMBER;
    if (v->kind != want && !(want == V_NUMBER && v->kind == V_INT)) {
        diag_add(b->diags, SEV_ERROR, "E205", b->src, v->span,
                 "a bound of %s must be %s", type_describe(b->arena, t), value_kind_name(want));
        return false;
    }
    double f = v->kind == V_NUMBER ? v->num : (double)v->i;
    int64_t x = v->kind == V_NUMBER ? 0 : v->i; /* i and num share memory */
    if (is_lo) {
        t->has_lo = true;
        t->lo = x;
        t->flo = f;
    } else {
        t->has_hi = true;
        t->hi = x;
        t->fhi = f;
    }
    return true;
}

static Type *resolve_type(Builder *b, const TypeExpr *e)
{
    static const struct { const char *name; TypeKind kind; } simple[] = {
        {"int", T_INT}, {"number", T_NUMBER}, {"string", T_STRING}, {"bool", T_BOOL},
        {"duration", T_DURATION}, {"size", T_SIZE}, {"range", T_RANGE},
        {"instance", T_INSTANCE}, {"enum", T_ENUM}, {"ref", T_REF}, {"list", T_LIST},
    };
    Type *t = arena_alloc(b->arena, sizeof *t);
    const char *name = e->name.name;
    bool found = false;
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if (name && strcmp(simple[i].name, name) == 0) {
            t->kind = simple[i].kind;
            found = true;
        }
    if (!found) {
        TypeDecl *td = name ? hm_get(&b->cat->types, name) : NULL;
        if (!td) {
            diag_add(b->diags, SEV_ERROR, "E205", b->src, e->span, "unknown type `%s`",
                     name ? name : "..");
            return NULL;
        }
        t->kind = T_STRUCT;
        t->decl = td;
        return t;
    }
    for (int i = 0; i < e->args.n; i++) {
        const TypeExpr *arg = e->args.items[i];
        switch (t->kind) {
        case T_ENUM:
        case T_REF:
            if (arg->is_bound || arg->args.n) {
                diag_add(b->diags, SEV_ERROR, "E205", b->src, arg->span,
                         "`%s(...)` takes names", name);
                return NULL;
            }
            if (t->kind == T_REF && !catalog_service(b->cat, arg->name.name)) {
                diag_add(b->diags, SEV_ERROR, "E201", b->src, arg->span,
                         "unknown service `%s` in ref(...)", arg->name.name);
                return NULL;
            }
            vec_push(b->arena, t->kind == T_ENUM ? &t->members : &t->refs, (void *)arg->name.name);
            break;
        case T_LIST:
            if (i > 0 || !(t->elem = resolve_type(b, arg)))
                return NULL;
            break;
        case T_INT: case T_NUMBER: case T_DURATION: case T_SIZE:
            if (!arg->is_bound || i > 0) {
                diag_add(b->diags, SEV_ERROR, "E205", b->src, arg->span,
                         "`%s(...)` takes one range of bounds, such as (1..100)", name);
                return NULL;
            }
            if ((arg->lo && !bound_value(b, t, arg->lo, true)) ||
                (arg->hi && !bound_value(b, t, arg->hi, false)))
                return NULL;
            break;
        default:
            diag_add(b->diags, SEV_ERROR, "E205", b->src, arg->span, "`%s` takes no arguments", name);
            return NULL;
        }
    }
    if ((t->kind == T_ENUM || t->kind == T_REF || t->kind == T_LIST) && e->args.n == 0) {
        diag_add(b->diags, SEV_ERROR, "E205", b->src, e->span, "`%s` needs arguments", name);
        return NULL;
    }
    return t;
}

const char *type_describe(Arena *a, const Type *t)
{
    switch (t->kind) {
    case T_INT: return "an integer";
    case T_NUMBER: return "a number";
    case T_STRING: return "a string";
    case T_BOOL: return "a boolean";
    case T_DURATION: return "a duration";
    case T_SIZE: return "a size";
    case T_RANGE: return "a range";
    case T_INSTANCE: return "an instance type";
    case T_ENUM: return "one of its values";
    case T_REF: {
        StrBuf b;
        sb_init(&b);
        for (int i = 0; i < t->refs.n; i++)
            sb_printf(&b, "%s%s", i ? " or " : "", (const char *)t->refs.items[i]);
        const char *s = arena_printf(a, "the name of a %s component", b.data);
        sb_free(&b);
        return s;
    }
    case T_LIST: return arena_printf(a, "a list of %s", type_describe(a, t->elem));
    case T_STRUCT: return arena_printf(a, "a `%s` block", t->decl->id);
    }
    return "a value";
}

/* Reads `name : TYPE = default` declarations; defaults are checked. */
static void read_props(Builder *b, const PtrVec *decls, const PtrVec *optional, PtrVec *out,
                       HashMap *map)
{
    for (int i = 0; i < decls->n; i++) {
        const PropDecl *d = decls->items[i];
        Prop *p = arena_alloc(b->arena, sizeof *p);
        p->uid = b->cat->nprops++;
        p->name = d->name.name;
        p->src = b->src;
        p->span = d->name.span;
        if (!(p->type = resolve_type(b, d->type)))
            continue;
        if (optional && vec_has_str(optional, p->name))
            p->optional = true;
        if (d->deflt) {
            VCheck vc = {.arena = b->arena, .diags = b->diags, .src = b->src, .catalog = b->cat};
            p->deflt = value_check(&vc, p->type, d->deflt, p->name);
        }
        if (map && !hm_put(map, p->name, p)) {
            const Prop *first = hm_get(map, p->name);
            duplicate(b, "property", d->name, first->src, first->span);
            continue;
        }
        p->index = out->n;
        vec_push(b->arena, out, p);
    }
}

/* `retired = { runtime = ["python3.11", ...] }`: members of an enum property
 * still accepted but no longer offered. The default cannot be one. */
static void read_retired(Builder *b, Service *s, const Setting *retired)
{
    if (!retired)
        return;
    if (retired->value->kind != V_BLOCK) {
        diag_add(b->diags, SEV_ERROR, "E205", b->src, retired->value->span,
                 "`retired` is a block: { property = [values] }");
        return;
    }
    const PtrVec *props = &retired->value->block->settings;
    for (int i = 0; i < props->n; i++) {
        const Setting *set = props->items[i];
        Prop *p = (Prop *)service_prop(s, set->name.name);
        if (!p || !p->type || p->type->kind != T_ENUM) {
            diag_add(b->diags, SEV_ERROR, "E204", b->src, set->name.span,
                     "`retired` names `%s`, which is not an enum property of %s", set->name.name, s->id);
            continue;
        }
        const Value *list = set->value;
        for (int k = 0; list->kind == V_LIST && k < list->list.n; k++) {
            const Value *v = list->list.items[k];
            const char *t = value_text(v);
            if (!t || !vec_has_str(&p->type->members, t)) {
                diag_add(b->diags, SEV_ERROR, "E207", b->src, v->span,
                         "retired value is not one of the values of `%s`", p->name);
                continue;
            }
            if (p->deflt && value_text(p->deflt) && strcmp(value_text(p->deflt), t) == 0)
                diag_add(b->diags, SEV_ERROR, "E206", b->src, v->span,
                         "the default of `%s` cannot be retired", p->name);
            vec_push(b->arena, &p->retired, (void *)t);
        }
        if (list->kind != V_LIST)
            diag_add(b->diags, SEV_ERROR, "E205", b->src, list->span,
                     "the retired values of `%s` are a list", p->name);
    }
}

/* ---- items ------------------------------------------------------------- */

static void add_category(Builder *b, const Item *it)
{
    Category *c = arena_alloc(b->arena, sizeof *c);
    const PtrVec *s = block_settings(it->block);
    c->id = it->name.name;
    c->title = it->title ? it->title : it->name.name;
    c->color = value_text(meta_value(s, "color"));
    c->text = value_text(meta_value(s, "text"));
    c->external = value_bool(meta_value(s, "external"), false);
    c->route_weight = (int)value_int(meta_value(s, "route_weight"), c->external ? 2 : 0);
    if (!c->color)
        c->color = "#5A6B86";
    if (!c->text)
        c->text = "#FFFFFF";
    if (hm_put(&b->cat->categories, c->id, c)) {
        vec_push(b->arena, &b->cat->category_list, c);
        DeclAt *at = arena_alloc(b->arena, sizeof *at);
        at->src = b->src;
        at->span = it->name.span;
        hm_put(&b->category_at, c->id, at);
    } else {
        const DeclAt *at = hm_get(&b->category_at, c->id);
        duplicate(b, "category", it->name, at ? at->src : b->src, at ? at->span : it->name.span);
    }
}

static void declare_service(Builder *b, const Item *it)
{
    Service *prev = hm_get(&b->cat->services, it->name.name);
    if (prev) {
        duplicate(b, "service", it->name, prev->src, prev->span);
        return;
    }
    Service *s = arena_alloc(b->arena, sizeof *s);
    s->id = it->name.name;
    s->title = it->title ? it->title : it->name.name;
    s->builtin = b->builtin;
    s->src = b->src;
    s->span = it->name.span;
    s->order = b->cat->service_list.n;
    hm_init(&s->prop_map, b->arena);
    hm_put(&b->cat->services, s->id, s);
    vec_push(b->arena, &b->cat->service_list, s);
}

static const Category *category_of(Builder *b, const Item *it)
{
    const Setting *cs = meta(&it->meta, "category");
    const char *id = cs ? value_text(cs->value) : "external";
    const Category *c = id ? hm_get(&b->cat->categories, id) : NULL;
    if (!c && cs) {
        Diagnostic *g = diag_add(b->diags, SEV_ERROR, "E207", b->src, cs->value->span,
                                 "unknown category `%s`", id ? id : "?");
        /* Candidates in the arena, not on the stack: there may be millions.
         * None past the error cap (g is NULL), where the help is not shown. */
        int n = b->cat->category_list.n;
        const char **names =
            g && id ? arena_alloc(b->arena, (size_t)(n + 1) * sizeof *names) : NULL;
        for (int i = 0; names && i < n; i++)
            names[i] = ((const Category *)b->cat->category_list.items[i])->id;
        const char *near = names ? closest_name(id, names, n) : NULL;
        if (near)
            diag_help(b->diags, g, "did you mean `%s`?", near);
    }
    if (!c) {
        static const Category fallback = {"external", "External system", "#5A6B86", "#232F3E", true, 2};
        c = &fallback;
    }
    return c;
}

static void define_service(Builder *b, const Item *it)
{
    Service *s = hm_get(&b->cat->services, it->name.name);
    if (!s || s->src != b->src || s->span.start != it->name.span.start)
        return; /* a duplicate, already reported */
    const PtrVec *m = &it->meta;
    s->category = category_of(b, it);
    s->short_title = value_text(meta_value(m, "short"));
    if (!s->short_title)
        s->short_title = s->title;
    s->doc = value_text(meta_value(m, "doc"));
    s->deprecated = value_text(meta_value(m, "deprecated"));
    s->needs_source = value_bool(meta_value(m, "needs_source"), false);
    s->needs_consumer = value_bool(meta_value(m, "needs_consumer"), false);
    s->route_weight = (int)value_int(meta_value(m, "route_weight"), s->category->route_weight);
    names_of(b->arena, meta_value(m, "cfn"), &s->cfn);
    names_of(b->arena, meta_value(m, "summary"), &s->summary);
    const Setting *alias = meta(m, "alias_of");
    if (alias) {
        const char *target = value_text(alias->value);
        s->alias_of = target ? hm_get(&b->cat->services, target) : NULL;
        if (!s->alias_of)
            diag_add(b->diags, SEV_ERROR, "E201", b->src, alias->value->span,
                     "unknown service `%s` in alias_of", target ? target : "?");
    }
    PtrVec optional = {0};
    names_of(b->arena, meta_value(m, "optional"), &optional);
    read_props(b, &it->props, &optional, &s->props, &s->prop_map);
    read_retired(b, s, meta(m, "retired"));
}

static void add_type(Builder *b, const Item *it)
{
    TypeDecl *prev = hm_get(&b->cat->types, it->name.name);
    if (prev) {
        duplicate(b, "type", it->name, prev->src, prev->span);
        return;
    }
    TypeDecl *t = arena_alloc(b->arena, sizeof *t);
    t->id = it->name.name;
    t->src = b->src;
    t->span = it->name.span;
    hm_put(&b->cat->types, t->id, t);
}

static void define_type(Builder *b, const Item *it)
{
    TypeDecl *t = hm_get(&b->cat->types, it->name.name);
    if (!t || t->src != b->src || t->span.start != it->name.span.start)
        return;
    PtrVec optional = {0};
    names_of(b->arena, meta_value(&it->meta, "optional"), &optional);
    HashMap fields; /* for E202 on a field declared twice */
    hm_init(&fields, b->arena);
    read_props(b, &it->props, &optional, &t->props, &fields);
}

static Service *link_end(Builder *b, const Ident *id)
{
    Service *s = hm_get(&b->cat->services, id->name);
    if (!s) {
        Diagnostic *g = diag_add(b->diags, SEV_ERROR, "E201", b->src, id->span,
                                 "unknown service `%s` in a link", id->name);
        int n = b->cat->service_list.n; /* candidates: as for categories */
        const char **names = g ? arena_alloc(b->arena, (size_t)(n + 1) * sizeof *names) : NULL;
        for (int i = 0; names && i < n; i++)
            names[i] = ((const Service *)b->cat->service_list.items[i])->id;
        const char *near = names ? closest_name(id->name, names, n) : NULL;
        if (near)
            diag_help(b->diags, g, "did you mean `%s`?", near);
    }
    return s;
}

static const char *link_key(Arena *a, const Service *from, const Service *to)
{
    return arena_printf(a, "%s>%s", from->id, to->id);
}

static void add_link(Builder *b, const Item *it)
{
    const PtrVec *m = block_settings(it->block);
    for (int i = 0; i < it->from->names.n; i++) {
        Service *from = link_end(b, it->from->names.items[i]);
        for (int k = 0; k < it->to->names.n; k++) {
            const Ident *to_id = it->to->names.items[k];
            Service *to = i == 0 ? link_end(b, to_id) : hm_get(&b->cat->services, to_id->name);
            if (!from || !to)
                continue;
            Link *l = arena_alloc(b->arena, sizeof *l);
            l->from = from;
            l->to = to;
            l->via = it->title;
            l->doc = value_text(meta_value(m, "doc"));
            l->control = value_bool(meta_value(m, "control"), false);
            l->since = (int)value_int(meta_value(m, "since"), 0);
            l->src = b->src;
            l->span = span_join(((const Ident *)it->from->names.items[i])->span, to_id->span);
            const char *key = link_key(b->arena, from, to);
            const Link *prev = hm_get(&b->cat->links, key);
            if (prev) {
                Diagnostic *g = diag_add(b->diags, SEV_ERROR, "E202", b->src, l->span,
                                         "the link %s -> %s is declared twice", from->id, to->id);
                diag_note_at(b->diags, g, prev->src, prev->span, "first declared here");
                continue;
            }
            hm_put(&b->cat->links, key, l);
            vec_push(b->arena, &b->cat->link_list, l);
            vec_push(b->arena, &from->out, l);
            vec_push(b->arena, &to->in, l);
        }
    }
}

static void add_family(Builder *b, const Item *it)
{
    Family *prev = hm_get(&b->cat->families, it->name.name);
    if (prev) {
        const DeclAt *at = hm_get(&b->family_at, it->name.name);
        duplicate(b, "family", it->name, at ? at->src : b->src, at ? at->span : it->name.span);
        return;
    }
    DeclAt *at = arena_alloc(b->arena, sizeof *at);
    at->src = b->src;
    at->span = it->name.span;
    hm_put(&b->family_at, it->name.name, at);
    Family *f = arena_alloc(b->arena, sizeof *f);
    f->id = it->name.name;
    f->title = it->title ? it->title : it->name.name;
    for (int i = 0; i < it->members.n; i++)
        vec_push(b->arena, &f->members, (void *)((const Ident *)it->members.items[i])->name);
    const PtrVec *m = block_settings(it->block);
    names_of(b->arena, meta_value(m, "current"), &f->current);
    names_of(b->arena, meta_value(m, "fits"), &f->fits);
    hm_put(&b->cat->families, f->id, f);
    vec_push(b->arena, &b->cat->family_list, f);
}

/* ---- passes -------------------------------------------------------------- */

typedef void (*ItemFn)(Builder *b, const Item *it);

static void each_item(Builder *b, const PtrVec *stdlib, const PtrVec *user, ItemKind kind,
                      ItemFn fn)
{
    const PtrVec *sets[2] = {stdlib, user};
    for (int s = 0; s < 2; s++) {
        if (!sets[s])
            continue;
        b->builtin = s == 0;
        for (int i = 0; i < sets[s]->n; i++) {
            const File *f = sets[s]->items[i];
            b->src = f->src;
            for (int k = 0; k < f->items.n; k++) {
                const Item *it = f->items.items[k];
                if (it->kind == kind)
                    fn(b, it);
            }
        }
    }
}

Catalog *catalog_build(Arena *a, DiagList *d, const PtrVec *stdlib, const PtrVec *user)
{
    Catalog *c = arena_alloc(a, sizeof *c);
    c->arena = a;
    hm_init(&c->services, a);
    hm_init(&c->links, a);
    hm_init(&c->families, a);
    hm_init(&c->types, a);
    hm_init(&c->categories, a);
    Builder b = {.cat = c, .arena = a, .diags = d};
    hm_init(&b.family_at, a);
    hm_init(&b.category_at, a);
    /* Names first, so that declarations may refer to later ones. */
    each_item(&b, stdlib, user, IT_CATEGORY, add_category);
    each_item(&b, stdlib, user, IT_FAMILY, add_family);
    each_item(&b, stdlib, user, IT_TYPE, add_type);
    each_item(&b, stdlib, user, IT_SERVICE, declare_service);
    each_item(&b, stdlib, user, IT_TYPE, define_type);
    each_item(&b, stdlib, user, IT_SERVICE, define_service);
    each_item(&b, stdlib, user, IT_LINK, add_link);
    return c;
}

/* ---- queries ----------------------------------------------------------- */

Service *catalog_service(const Catalog *c, const char *id)
{
    return hm_get(&c->services, id);
}

const Link *catalog_link(const Catalog *c, const Service *from, const Service *to)
{
    /* A service has a few links out (the stdlib's most, S3, has 14): a scan
     * of them is cheaper than making and hashing the key, once per hop. */
    if (from->out.n <= 16) {
        for (int i = 0; i < from->out.n; i++) {
            const Link *l = from->out.items[i];
            if (l->to == to)
                return l;
        }
        return NULL;
    }
    char key[256];
    size_t a = strlen(from->id), b = strlen(to->id);
    if (a + b + 2 > sizeof key)
        return NULL;
    memcpy(key, from->id, a);
    key[a] = '>';
    memcpy(key + a + 1, to->id, b + 1);
    return hm_get(&c->links, key);
}

/* The letters before the first digit: "nodejs" of "nodejs20.x". */
static size_t language_len(const char *v)
{
    size_t n = 0;
    while (v[n] && !(v[n] >= '0' && v[n] <= '9'))
        n++;
    return n;
}

const char *prop_replacement(const Prop *p, const char *value)
{
    if (!value || !vec_has_str(&p->retired, value))
        return NULL;
    size_t n = language_len(value);
    const PtrVec *m = &p->type->members;
    for (int i = 0; i < m->n; i++) {
        const char *c = m->items[i];
        if (language_len(c) == n && strncmp(c, value, n) == 0 && !vec_has_str(&p->retired, c))
            return c;
    }
    return p->deflt ? value_text(p->deflt) : NULL;
}

const Prop *service_prop(const Service *s, const char *name)
{
    return hm_get(&s->prop_map, name);
}

const Prop *typedecl_prop(const TypeDecl *t, const char *name)
{
    for (int i = 0; i < t->props.n; i++) {
        const Prop *p = t->props.items[i];
        if (strcmp(p->name, name) == 0)
            return p;
    }
    return NULL;
}

/* "m6gd" belongs to the family listing "m6g": a listed generation followed
 * only by lowercase attribute letters (a, d, n, e, ...). */
static bool generation_matches(const char *gen, const char *prefix, size_t plen)
{
    size_t n = strlen(gen);
    if (n > plen || strncmp(prefix, gen, n) != 0)
        return false;
    for (size_t i = n; i < plen; i++)
        if (prefix[i] < 'a' || prefix[i] > 'z')
            return false;
    return true;
}

const Family *catalog_family_of(const Catalog *c, const char *instance, const char **generation)
{
    const char *p = instance;
    if (strncmp(p, "ml.", 3) == 0 || strncmp(p, "db.", 3) == 0)
        p += 3;
    const char *dot = strchr(p, '.');
    if (!dot || dot == p || !dot[1])
        return NULL;
    size_t plen = (size_t)(dot - p);
    const Family *best = NULL;
    size_t best_len = 0;
    for (int i = 0; i < c->family_list.n; i++) {
        const Family *f = c->family_list.items[i];
        const PtrVec *lists[2] = {&f->members, &f->current};
        for (int l = 0; l < 2; l++)
            for (int k = 0; k < lists[l]->n; k++) {
                const char *gen = lists[l]->items[k];
                size_t n = strlen(gen);
                if (n > best_len && generation_matches(gen, p, plen)) {
                    best = f;
                    best_len = n;
                    if (generation)
                        *generation = gen;
                }
            }
    }
    return best;
}
