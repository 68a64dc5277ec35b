/* The checker: names, components and their properties; builds the model.
 * Flows are checked in check_flow.c, lints in check_lint.c. */
#include <stdio.h>
#include <string.h>

#include "check_int.h"
#include "strbuf.h"

/* ---- reporting ------------------------------------------------------------ */

static bool allowed(Checker *ck, Span at, const char *code)
{
    char key[64];
    snprintf(key, sizeof key, "%d:%s", source_pos(ck->src, at.start).line, code);
    return hm_get(&ck->allows, key) != NULL;
}

Diagnostic *check_warn(Checker *ck, const char *code, Span stmt, Span at, const char *fmt, ...)
{
    if (allowed(ck, stmt, code) || allowed(ck, at, code))
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(ck->arena, fmt, ap);
    va_end(ap);
    Severity sev = code_is_hint(code) ? SEV_HINT : SEV_WARNING;
    return diag_add(ck->diags, sev, code, ck->src, at, "%s", msg);
}

Diagnostic *check_error(Checker *ck, const char *code, Span at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(ck->arena, fmt, ap);
    va_end(ap);
    return diag_add(ck->diags, SEV_ERROR, code, ck->src, at, "%s", msg);
}

const char *service_label(const Service *s)
{
    return s->title;
}

const char *check_closest_component(Checker *ck, const char *name)
{
    const PtrVec *cs = &ck->model->components;
    const char **names = arena_alloc(ck->arena, (size_t)(cs->n + 1) * sizeof *names);
    for (int i = 0; i < cs->n; i++)
        names[i] = ((const MComponent *)cs->items[i])->name;
    return closest_name(name, names, cs->n);
}

static void did_you_mean_service(Checker *ck, Diagnostic *g, const char *name)
{
    const PtrVec *ss = &ck->cat->service_list;
    const char **names = arena_alloc(ck->arena, (size_t)(ss->n + 1) * sizeof *names);
    for (int i = 0; i < ss->n; i++)
        names[i] = ((const Service *)ss->items[i])->id;
    const char *near = closest_name(name, names, ss->n);
    if (near)
        diag_help(ck->diags, g, "did you mean `%s`?", near);
    else
        diag_help(ck->diags, g, "`pipec services` lists the catalog; declare your own with "
                                "`service NAME \"Title\" { ... }`");
}

/* ---- pipeline settings ------------------------------------------------ */

static void pipeline_setting(Checker *ck, const Setting *s)
{
    static const char *const names[] = {"region", "layout", "description", "owner"};
    Model *m = ck->model;
    const char *n = s->name.name;
    const Value *v = s->value;
    if (strcmp(n, "layout") == 0) {
        const char *t = value_text(v);
        if (!t || (strcmp(t, "LR") != 0 && strcmp(t, "TB") != 0)) {
            Diagnostic *g = check_error(ck, "E207", v->span, "`layout` is LR or TB");
            diag_note(ck->diags, g, "LR draws the pipeline left to right, TB top to bottom");
            return;
        }
        m->layout_tb = strcmp(t, "TB") == 0;
        return;
    }
    for (int i = 0; i < 4; i++) {
        if (strcmp(n, names[i]) != 0)
            continue;
        if (v->kind != V_STRING) {
            Diagnostic *g = check_error(ck, "E205", v->span, "`%s` expects a string, found %s",
                                        n, value_kind_name(v->kind));
            diag_help(ck->diags, g, "write %s = \"...\"", n);
            return;
        }
        const char **slot = i == 0 ? &m->region : i == 2 ? &m->description : &m->owner;
        *slot = v->str;
        return;
    }
    Diagnostic *g = check_error(ck, "E204", s->name.span, "unknown pipeline setting `%s`", n);
    const char *near = closest_name(n, names, 4);
    if (near)
        diag_help(ck->diags, g, "did you mean `%s`?", near);
    else
        diag_note(ck->diags, g, "a pipeline takes region, layout, description and owner");
}

/* ---- declarations ---------------------------------------------------------- */

/* A component is bound to &model->components, a group to &model->groups:
 * the two kinds share one namespace, and a binding made by another model
 * (another check of the same tree) reads as none. */
MComponent *check_component_named(const Checker *ck, const char *name)
{
    const NameBinding *b = name_binding(name);
    return b->owner == &ck->model->components ? b->what : NULL;
}

const Ident *check_group_named(const Checker *ck, const char *name)
{
    const NameBinding *b = name_binding(name);
    return b->owner == &ck->model->groups ? b->what : NULL;
}

/* A name is defined once across groups and components: E202 with the first
 * definition otherwise; else it is bound to `what`. */
static bool declare_name(Checker *ck, const Ident *name, const PtrVec *kind, void *what)
{
    const MComponent *c = check_component_named(ck, name->name);
    const Ident *g = c ? NULL : check_group_named(ck, name->name);
    if (c || g) {
        Diagnostic *d = check_error(ck, "E202", name->span, "`%s` is defined twice", name->name);
        diag_note_at(ck->diags, d, ck->src, c ? c->name_span : g->span,
                     "`%s` is first defined here", name->name);
        return false;
    }
    NameBinding *b = name_binding(name->name);
    b->owner = kind;
    b->what = what;
    return true;
}

/* c or child into g's items (model.h: group_item reads them back). */
static void group_add(Checker *ck, MGroup *g, MComponent *c, MGroup *child)
{
    void *item = c ? (void *)c : (void *)((uintptr_t)child | 1);
    vec_push(ck->arena, g ? &g->items : &ck->model->top, item);
}

static Service *resolve_service(Checker *ck, const Stmt *st, const char **written)
{
    Service *s = catalog_service(ck->cat, st->service.name);
    *written = st->service.name;
    if (!s) {
        Diagnostic *g = check_error(ck, "E201", st->service.span, "unknown service `%s`",
                                    st->service.name);
        did_you_mean_service(ck, g, st->service.name);
        return NULL;
    }
    if (s->alias_of) {
        Diagnostic *g = check_warn(ck, "W405", st->span, st->service.span,
                                   "`%s` is an old name: the service is now %s", s->id,
                                   s->alias_of->title);
        diag_help(ck->diags, g, "write `%s : %s`", st->name.name, s->alias_of->id);
        s = s->alias_of;
    }
    if (s->deprecated) {
        Diagnostic *g = check_warn(ck, "W405", st->span, st->service.span, "%s is deprecated",
                                   s->title);
        diag_note(ck->diags, g, "%s", s->deprecated);
    }
    return s;
}

static void check_properties(Checker *ck, MComponent *c, const Block *block);

/* Whether a value of type t can name a component (a ref, a list of refs, a
 * struct with one); a struct nested past 16 levels is taken to. */
static bool type_has_ref(const Type *t, int depth)
{
    if (!t || depth > 16)
        return t != NULL;
    if (t->kind == T_REF)
        return true;
    if (t->kind == T_LIST)
        return type_has_ref(t->elem, depth + 1);
    if (t->kind == T_STRUCT && t->decl)
        for (int i = 0; i < t->decl->props.n; i++)
            if (type_has_ref(((const Prop *)t->decl->props.items[i])->type, depth + 1))
                return true;
    return false;
}

int check_service_traits(Checker *ck, const Service *s)
{
    unsigned char *known = &ck->service_traits[s->order];
    if (!*known) {
        int traits = SVC_KNOWN | capacity_lint_traits(s);
        for (int i = 0; i < s->props.n; i++)
            if (type_has_ref(((const Prop *)s->props.items[i])->type, 0))
                traits |= SVC_REFS;
        *known = (unsigned char)traits;
    }
    return *known;
}

/* A component's settings are checked as it is declared, while its statement
 * is in cache, unless they may name a component declared further on. */
static void component_settings(Checker *ck, MComponent *c, const Block *block)
{
    if (!c->service)
        return;
    if (block && (check_service_traits(ck, c->service) & SVC_REFS)) {
        vec_push(ck->arena, &ck->later_components, c);
        vec_push(ck->arena, &ck->later_blocks, (void *)block);
        return;
    }
    check_properties(ck, c, block);
}

/* What the lints will ask of the component, noted while it is in cache. */
static void note_service(Checker *ck, MComponent *c)
{
    const Service *s = c->service;
    if (!s)
        return;
    ck->usage[c->index] |= USE_SERVICE | (s->needs_source ? USE_NEEDS_SOURCE : 0) |
                           (s->needs_consumer ? USE_NEEDS_CONSUMER : 0);
    if (check_service_traits(ck, s) & SVC_CAPACITY)
        vec_push(ck->arena, &ck->capacity_components, c);
}

/* `settings` holds the pipeline settings seen so far (NULL inside groups). */
static void declare_stmts(Checker *ck, const PtrVec *stmts, MGroup *group, HashMap *settings)
{
    for (int i = 0; i < stmts->n; i++) {
        const Stmt *st = stmts->items[i];
        if (st->kind == ST_SETTING) {
            const Setting *first = settings ? hm_get(settings, st->setting->name.name) : NULL;
            if (group) {
                check_error(ck, "E204", st->setting->name.span,
                            "groups take no settings; `%s` belongs to a component or the pipeline",
                            st->setting->name.name);
            } else if (first) {
                Diagnostic *g = check_error(ck, "E202", st->setting->name.span,
                                            "`%s` is set twice", st->setting->name.name);
                diag_note_at(ck->diags, g, ck->src, first->name.span, "first set here");
            } else {
                if (settings)
                    hm_put(settings, st->setting->name.name, (void *)st->setting);
                pipeline_setting(ck, st->setting);
            }
        } else if (st->kind == ST_GROUP) {
            if (!declare_name(ck, &st->name, &ck->model->groups, (void *)&st->name))
                continue;
            MGroup *g = arena_alloc(ck->arena, sizeof *g);
            g->name = st->name.name;
            g->title = st->label;
            g->parent = group;
            g->depth = group ? group->depth + 1 : 0;
            g->span = st->span;
            vec_push(ck->arena, &ck->model->groups, g);
            group_add(ck, group, NULL, g);
            declare_stmts(ck, &st->body, g, NULL);
        } else if (st->kind == ST_COMPONENT) {
            MComponent *c = arena_alloc(ck->arena, sizeof *c);
            c->name = st->name.name;
            c->name_span = st->name.span;
            if (!declare_name(ck, &st->name, &ck->model->components, c))
                continue;
            c->label = st->label;
            c->group = group;
            c->span = st->span;
            c->index = ck->model->components.n;
            c->service = resolve_service(ck, st, &c->written_service);
            note_service(ck, c);
            vec_push(ck->arena, &ck->model->components, c);
            group_add(ck, group, c, NULL);
            component_settings(ck, c, st->block);
        } else if (st->kind == ST_FLOW) {
            check_flow_statement(ck, st);
        }
    }
}

/* ---- properties ------------------------------------------------------------ */

typedef struct RefCtx {
    Checker *ck;
    MComponent *owner;
    const char *prop;
} RefCtx;

static const char *ref_services(Arena *a, const Type *t)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < t->refs.n; i++)
        sb_printf(&b, "%s%s", i ? " or " : "", (const char *)t->refs.items[i]);
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

static bool resolve_ref(VCheck *vc, const Type *t, const Value *v)
{
    RefCtx *rc = vc->ctx;
    Checker *ck = rc->ck;
    MComponent *target = check_component_named(ck, v->str);
    if (!target) {
        Diagnostic *g = check_error(ck, "E203", v->span, "no component named `%s`", v->str);
        const char *near = g ? check_closest_component(ck, v->str) : NULL;
        if (near)
            diag_help(ck->diags, g, "did you mean `%s`?", near);
        return false;
    }
    if (!target->service)
        return false;
    for (int i = 0; i < t->refs.n; i++)
        if (strcmp(t->refs.items[i], target->service->id) == 0) {
            MRef *r = arena_alloc(ck->arena, sizeof *r);
            r->from = rc->owner;
            r->to = target;
            r->prop = rc->prop;
            r->span = v->span;
            vec_push(ck->arena, &ck->model->refs, r);
            return true;
        }
    Diagnostic *g = check_error(ck, "E209", v->span, "`%s` must name a %s component; `%s` is %s",
                                rc->prop, ref_services(ck->arena, t), target->name,
                                target->service->title);
    diag_note_at(ck->diags, g, ck->src, target->name_span, "`%s` is declared here", target->name);
    return false;
}

static void unknown_property(Checker *ck, const MComponent *c, const Setting *s)
{
    const Service *svc = c->service;
    Diagnostic *g = check_error(ck, "E204", s->name.span, "%s has no property `%s`", svc->title,
                                s->name.name);
    const char **names = arena_alloc(ck->arena, (size_t)(svc->props.n + 1) * sizeof *names);
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < svc->props.n; i++) {
        names[i] = ((const Prop *)svc->props.items[i])->name;
        sb_printf(&b, "%s%s", i ? ", " : "", names[i]);
    }
    const char *near = closest_name(s->name.name, names, svc->props.n);
    if (svc->props.n)
        diag_note(ck->diags, g, "%s takes: %s", svc->short_title, b.data);
    else
        diag_note(ck->diags, g, "%s takes no properties", svc->short_title);
    if (near)
        diag_help(ck->diags, g, "did you mean `%s`?", near);
    sb_free(&b);
}

static MProp *default_prop(Checker *ck, const Prop *p)
{
    if (!ck->defaults)
        ck->defaults = arena_alloc(ck->arena, (size_t)(ck->cat->nprops + 1) * sizeof *ck->defaults);
    MProp *mp = ck->defaults[p->uid];
    if (!mp) {
        mp = ck->defaults[p->uid] = arena_alloc(ck->arena, sizeof *mp);
        mp->decl = p;
        mp->value = p->deflt; /* span {0, 0}: a default */
    }
    return mp;
}

/* W405: a value AWS no longer offers (the service's `retired` setting). */
static void retired_value(Checker *ck, const MComponent *c, const Prop *p, const Value *v)
{
    const char *now = prop_replacement(p, value_text(v));
    if (!now)
        return;
    Diagnostic *g = check_warn(ck, "W405", c->span, v->span, "%s `%s` of `%s` is deprecated", p->name,
                               value_text(v), c->name);
    diag_note(ck->diags, g, "%s has deprecated it: it is (or soon will be) refused for new resources; templates use %s instead",
              service_label(c->service), now);
    const char *q = v->kind == V_STRING ? "\"" : "";
    diag_help(ck->diags, g, "write %s = %s%s%s", p->name, q, now, q);
}

/* The settings given, by property (Prop.index): only known properties are
 * recorded, so an unknown one set twice is E204 twice, not E202. */
static void check_properties(Checker *ck, MComponent *c, const Block *block)
{
    const Service *svc = c->service;
    int np = svc->props.n;
    if (np > ck->given_cap) {
        ck->given_cap = np * 2;
        ck->given = arena_alloc(ck->arena, (size_t)ck->given_cap * sizeof *ck->given);
        ck->given_mp = arena_alloc(ck->arena, (size_t)ck->given_cap * sizeof *ck->given_mp);
    }
    const Setting **given = ck->given;
    MProp **given_mp = ck->given_mp;
    for (int i = 0; i < np; i++) {
        given[i] = NULL;
        given_mp[i] = NULL;
    }
    RefCtx rc = {.ck = ck, .owner = c};
    VCheck vc = {.arena = ck->arena, .diags = ck->diags, .src = ck->src, .catalog = ck->cat,
                 .resolve_ref = resolve_ref, .ctx = &rc};
    for (int i = 0; block && i < block->settings.n; i++) {
        const Setting *s = block->settings.items[i];
        const Prop *p = service_prop(svc, s->name.name);
        const Setting *first = p ? given[p->index] : NULL;
        if (first) {
            Diagnostic *g = check_error(ck, "E202", s->name.span, "`%s` is set twice",
                                        s->name.name);
            diag_note_at(ck->diags, g, ck->src, first->name.span, "first set here");
            continue;
        }
        if (!p) {
            unknown_property(ck, c, s);
            continue;
        }
        rc.prop = p->name;
        vc.struct_base = p->type->kind == T_STRUCT ? p->deflt : NULL;
        const Value *v = value_check(&vc, p->type, s->value, p->name);
        given[p->index] = s;
        if (v && p->retired.n)
            retired_value(ck, c, p, v);
        if (v) {
            MProp *mp = arena_alloc(ck->arena, sizeof *mp);
            mp->decl = p;
            mp->value = v;
            mp->span = s->span;
            given_mp[p->index] = mp;
        }
    }
    int n = 0; /* given_mp[0, n): the list so far (n <= i: read before written) */
    for (int i = 0; i < np; i++) {
        const Prop *p = svc->props.items[i];
        MProp *mp = given_mp[i];
        if (!mp && given[i])
            continue; /* given, but wrong: already reported */
        if (!mp && p->deflt)
            mp = default_prop(ck, p);
        if (!mp && !p->optional) {
            Diagnostic *g = check_error(ck, "E208", c->name_span, "`%s` needs `%s` (%s)", c->name,
                                        p->name, type_describe(ck->arena, p->type));
            diag_help(ck->diags, g, "add { %s = ... }", p->name);
        }
        if (mp)
            given_mp[n++] = mp;
    }
    /* the list at its exact size: most components keep most defaults */
    c->props = (PtrVec){arena_alloc(ck->arena, (size_t)(n ? n : 1) * sizeof(void *)), n, n};
    if (n)
        memcpy(c->props.items, given_mp, (size_t)n * sizeof(void *));
}

/* The settings that waited for every component to be declared, in
 * declaration order. */
static void check_later_components(Checker *ck)
{
    for (int i = 0; i < ck->later_components.n; i++)
        check_properties(ck, ck->later_components.items[i], ck->later_blocks.items[i]);
}

/* ---- driver ------------------------------------------------------------------ */

static void collect_allows(Checker *ck)
{
    hm_init(&ck->allows, ck->arena);
    for (int i = 0; i < ck->file->allows.n; i++) {
        const Allow *a = ck->file->allows.items[i];
        hm_set(&ck->allows, arena_printf(ck->arena, "%d:%s", a->line, a->code), (void *)1);
    }
}

static const Item *find_pipeline(Checker *ck, const File *f)
{
    const Item *first = NULL;
    for (int i = 0; i < f->items.n; i++) {
        const Item *it = f->items.items[i];
        if (it->kind != IT_PIPELINE)
            continue;
        if (!first) {
            first = it;
            continue;
        }
        Diagnostic *g = diag_add(ck->diags, SEV_ERROR, "E210", f->src, it->name.span,
                                 "a file holds at most one pipeline; `%s` is a second one",
                                 it->name.name);
        diag_note_at(ck->diags, g, f->src, first->name.span, "the first pipeline is `%s`",
                     first->name.name);
        diag_help(ck->diags, g, "put each pipeline in a file of its own; share "
                                "declarations with `import`");
    }
    return first;
}

static void build_model(Checker *ck, const Item *pipeline)
{
    Model *m = arena_alloc(ck->arena, sizeof *m);
    m->catalog = ck->cat;
    m->src = ck->src;
    m->file = ck->src->name;
    m->name = pipeline->name.name;
    m->title = pipeline->title ? pipeline->title : pipeline->name.name;
    m->diags = ck->diags;
    vec_reserve(ck->arena, &m->components, pipeline->ncomponents);
    ck->model = m;
    int nsvc = ck->cat->service_list.n;
    ck->service_traits = arena_alloc(ck->arena, (size_t)(nsvc ? nsvc : 1));
    HashMap settings;
    hm_init(&settings, ck->arena);
    /* One walk over the statements: declarations, settings and flows each
     * checked while its statement is in cache (a large file's tree is far
     * larger than the processor's caches); what names something further on
     * waits for the end of the walk. */
    check_flows_begin(ck, pipeline);
    declare_stmts(ck, &pipeline->body, NULL, &settings);
    check_later_components(ck);
    check_flows_end(ck);
    check_flow_lints(ck);
    check_capacity_lints(ck);
}

void check_program(Compilation *c)
{
    Program *p = &c->prog;
    c->catalog = catalog_build(c->arena, &c->diags, &p->stdlib, &p->files);
    if (!p->root || p->root->nerrors > 0)
        return;
    Checker ck = {.comp = c, .arena = c->arena, .diags = &c->diags, .cat = c->catalog,
                  .file = p->root, .src = p->root->src};
    for (int i = 1; i < p->files.n; i++) {
        const File *f = p->files.items[i];
        find_pipeline(&ck, f);
    }
    const Item *pipeline = find_pipeline(&ck, p->root);
    if (!pipeline)
        return;
    collect_allows(&ck);
    build_model(&ck, pipeline);
    c->model = ck.model;
}
