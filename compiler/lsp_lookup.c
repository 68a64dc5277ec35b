/* What names mean for the language server: services, components and
 * properties looked up in the document's compilations, and the Markdown that
 * describes them (hover, completion documentation). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexstate.h"
#include "lsp.h"
#include "strbuf.h"
#include "value.h"

/* ---- looking names up ------------------------------------------------------ */

Service *lsp_find_service(const Doc *d, const char *id)
{
    for (int w = 0; w < 2; w++) {
        const Catalog *c = doc_catalog(d, w);
        Service *s = c ? catalog_service(c, id) : NULL;
        if (s)
            return s;
    }
    return NULL;
}

static const TypeDecl *find_type(const Doc *d, const char *id)
{
    for (int w = 0; w < 2; w++) {
        const Catalog *c = doc_catalog(d, w);
        const TypeDecl *t = c ? hm_get(&c->types, id) : NULL;
        if (t)
            return t;
    }
    return NULL;
}

const MComponent *lsp_find_component(const Doc *d, const char *name)
{
    for (int w = 0; w < 2; w++) {
        const Model *m = doc_model(d, w);
        const MComponent *c = m ? model_component(m, name) : NULL;
        if (c)
            return c;
    }
    return NULL;
}

const Prop *lsp_owner_prop(Owner o, const char *name)
{
    if (o.svc)
        return service_prop(o.svc, name);
    if (o.td)
        return typedecl_prop(o.td, name);
    return NULL;
}

const PtrVec *lsp_owner_props(Owner o)
{
    return o.svc ? &o.svc->props : o.td ? &o.td->props : NULL;
}

const Type *lsp_elem_type(const Type *t)
{
    while (t && t->kind == T_LIST)
        t = t->elem;
    return t;
}

/* The scan's frames nest as deep as the text does (a document may hold
 * `x={x={...` a million levels deep); the walk up through value blocks stops
 * at the parser's nesting limit, past which the document does not compile. */
static const Prop *frame_prop(const Scan *sc, const Doc *d, int fi, int depth);

static Owner frame_owner(const Scan *sc, const Doc *d, int fi, int depth)
{
    Owner o = {0};
    const Frame *f = &sc->frames[fi];
    char *name = NULL;
    if (f->kind == FR_COMPONENT || f->kind == FR_SERVICE) {
        name = tok_text(sc, f->kind == FR_COMPONENT ? f->svc : f->name);
        const Service *s = lsp_find_service(d, name);
        o.svc = s && s->alias_of ? s->alias_of : s;
    } else if (f->kind == FR_TYPE) {
        name = tok_text(sc, f->name);
        o.td = find_type(d, name);
    } else if (f->kind == FR_VALUE) {
        const Prop *p = frame_prop(sc, d, fi, depth);
        const Type *t = p ? lsp_elem_type(p->type) : NULL;
        if (t && t->kind == T_STRUCT)
            o.td = t->decl;
    }
    free(name);
    return o;
}

Owner lsp_frame_owner(const Scan *sc, const Doc *d, int fi)
{
    return frame_owner(sc, d, fi, 0);
}

/* The property a value block or list is the value of. */
static const Prop *frame_prop(const Scan *sc, const Doc *d, int fi, int depth)
{
    const Frame *f = &sc->frames[fi];
    if (depth >= LEX_MAX_DEPTH)
        return NULL;
    if (f->prop >= 0 && f->parent >= 0) {
        char *name = tok_text(sc, f->prop);
        const Prop *p = lsp_owner_prop(frame_owner(sc, d, f->parent, depth + 1), name);
        free(name);
        return p;
    }
    if (f->parent >= 0 && sc->frames[f->parent].kind == FR_LIST)
        return frame_prop(sc, d, f->parent, depth + 1);
    return NULL;
}

const Prop *lsp_frame_prop(const Scan *sc, const Doc *d, int fi)
{
    return frame_prop(sc, d, fi, 0);
}

/* ---- describing types ------------------------------------------------------ */

static void bound_text(StrBuf *b, Arena *a, const Type *t, bool hi)
{
    int64_t v = hi ? t->hi : t->lo;
    switch (t->kind) {
    case T_DURATION: sb_puts(b, format_duration(a, v)); break;
    case T_SIZE: sb_puts(b, format_size(a, v)); break;
    case T_NUMBER: sb_printf(b, "%g", hi ? t->fhi : t->flo); break;
    default: sb_printf(b, "%lld", (long long)v); break;
    }
}

void lsp_type_spell(StrBuf *b, Arena *a, const Type *t)
{
    static const char *const names[] = {"int",   "number", "string", "bool", "duration", "size",
                                        "range", "enum",   "ref",    "list", "instance", ""};
    if (t->kind == T_STRUCT) {
        sb_puts(b, t->decl ? t->decl->id : "block");
        return;
    }
    sb_puts(b, names[t->kind]);
    if (t->kind == T_LIST) {
        sb_putc(b, '(');
        lsp_type_spell(b, a, t->elem);
        sb_putc(b, ')');
    } else if (t->kind == T_ENUM || t->kind == T_REF) {
        const PtrVec *v = t->kind == T_ENUM ? &t->members : &t->refs;
        sb_putc(b, '(');
        for (int i = 0; i < v->n; i++)
            sb_printf(b, "%s%s", i ? ", " : "", (const char *)v->items[i]);
        sb_putc(b, ')');
    } else if (t->has_lo || t->has_hi) {
        sb_putc(b, '(');
        if (t->has_lo)
            bound_text(b, a, t, false);
        sb_puts(b, "..");
        if (t->has_hi)
            bound_text(b, a, t, true);
        sb_putc(b, ')');
    }
}

/* The comment after a declaration on its line in the catalog source. */
static void trailing_comment(StrBuf *b, const Source *src, Span at)
{
    if (!src || !src->text || at.start >= src->len)
        return;
    size_t n;
    const char *line = source_line(src, source_pos(src, at.start).line, &n);
    if (!line)
        return;
    bool in_str = false;
    for (size_t i = (size_t)(at.start - (uint32_t)(line - src->text)); i < n; i++) {
        if (in_str && line[i] == '\\')
            i++;
        else if (line[i] == '"')
            in_str = !in_str;
        else if (!in_str && line[i] == '#') {
            i++;
            while (i < n && line[i] == ' ')
                i++;
            size_t e = n;
            while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\r'))
                e--;
            if (e > i) {
                sb_putn(b, line + i, e - i);
                sb_puts(b, "\n\n");
            }
            return;
        }
    }
}

void lsp_prop_markdown(StrBuf *b, Arena *a, const Prop *p, const char *owner)
{
    const Type *t = p->type;
    sb_printf(b, "**%s** : `", p->name);
    lsp_type_spell(b, a, t);
    sb_puts(b, "`");
    if (p->deflt)
        sb_printf(b, " = `%s`", value_format(a, p->deflt));
    sb_puts(b, "\n\n");
    const char *desc = type_describe(a, t);
    sb_printf(b, "%c%s", desc[0] >= 'a' && desc[0] <= 'z' ? desc[0] - 32 : desc[0], desc + 1);
    const Type *e = lsp_elem_type(t);
    if (e->kind == T_ENUM) {
        sb_puts(b, ":");
        for (int i = 0; i < e->members.n; i++)
            sb_printf(b, "%s `%s`", i ? "," : "", (const char *)e->members.items[i]);
    } else if (t->has_lo && t->has_hi) {
        sb_puts(b, " from ");
        bound_text(b, a, t, false);
        sb_puts(b, " to ");
        bound_text(b, a, t, true);
    } else if (t->has_lo) {
        sb_puts(b, ", at least ");
        bound_text(b, a, t, false);
    } else if (t->has_hi) {
        sb_puts(b, ", at most ");
        bound_text(b, a, t, true);
    }
    sb_puts(b, ".\n\n");
    if (p->deflt)
        sb_printf(b, "Default: `%s`\n\n", value_format(a, p->deflt));
    else
        sb_puts(b, p->optional ? "Optional (no default).\n\n" : "Required (no default).\n\n");
    trailing_comment(b, p->src, p->span);
    if (owner)
        sb_printf(b, "Property of %s.", owner);
}

void lsp_service_markdown(StrBuf *b, const Service *s)
{
    sb_printf(b, "**%s** (`%s`)", s->title ? s->title : s->id, s->id);
    if (s->category && s->category->title)
        sb_printf(b, " — %s", s->category->title);
    sb_puts(b, "\n\n");
    if (s->alias_of)
        sb_printf(b, "*Old name of `%s` (%s).*\n\n", s->alias_of->id, s->alias_of->title);
    if (s->deprecated)
        sb_printf(b, "*Deprecated:* %s\n\n", s->deprecated);
    const Service *r = s->alias_of ? s->alias_of : s;
    if (r->doc)
        sb_printf(b, "%s\n\n", r->doc);
    for (int dir = 0; dir < 2; dir++) {
        const PtrVec *links = dir == 0 ? &r->in : &r->out;
        if (links->n == 0)
            continue;
        sb_puts(b, dir == 0 ? "**Accepts data from:**\n" : "**Feeds:**\n");
        for (int i = 0; i < links->n; i++) {
            const Link *l = links->items[i];
            const Service *o = dir == 0 ? l->from : l->to;
            sb_printf(b, "- `%s` %s", o->id, o->title);
            if (l->via)
                sb_printf(b, " — via %s", l->via);
            if (l->control)
                sb_puts(b, " (control)");
            sb_putc(b, '\n');
        }
        sb_putc(b, '\n');
    }
    if (r->cfn.n) {
        sb_puts(b, "**CloudFormation:**");
        for (int i = 0; i < r->cfn.n; i++)
            sb_printf(b, "%s `%s`", i ? "," : "", (const char *)r->cfn.items[i]);
        sb_puts(b, "\n\n");
    }
    if (r->props.n) {
        sb_puts(b, "**Properties:**");
        for (int i = 0; i < r->props.n; i++)
            sb_printf(b, "%s `%s`", i ? "," : "", ((const Prop *)r->props.items[i])->name);
        sb_putc(b, '\n');
    }
}

void lsp_component_markdown(StrBuf *b, Arena *a, const Doc *d, const char *name,
                            const char *svc_text)
{
    const MComponent *c = lsp_find_component(d, name);
    if (!c) {
        const Service *s = svc_text ? lsp_find_service(d, svc_text) : NULL;
        sb_printf(b, "**%s**", name);
        if (svc_text)
            sb_printf(b, " : `%s`", svc_text);
        if (s)
            sb_printf(b, " — %s", s->title);
        sb_puts(b, "\n\n*Settings are shown once the document compiles.*");
        return;
    }
    sb_printf(b, "**%s** : `%s`", c->name, c->written_service ? c->written_service : "?");
    if (c->service)
        sb_printf(b, " — %s", c->service->title);
    sb_puts(b, "\n\n");
    if (c->label)
        sb_printf(b, "*%s*\n\n", c->label);
    if (c->group)
        sb_printf(b, "In group `%s`.\n\n", c->group->name);
    if (c->props.n) {
        sb_puts(b, "**Settings:**\n");
        for (int i = 0; i < c->props.n; i++) {
            const MProp *p = c->props.items[i];
            sb_printf(b, "- `%s` = `%s`%s\n", p->decl->name, value_format(a, p->value),
                      mprop_is_default(p) ? " *(default)*" : "");
        }
        sb_putc(b, '\n');
    }
    for (int dir = 0; dir < 2; dir++) {
        const PtrVec *fs = dir == 0 ? &c->in : &c->out;
        if (fs->n == 0)
            continue;
        sb_puts(b, dir == 0 ? "**Receives from:**" : "**Sends to:**");
        for (int i = 0; i < fs->n; i++) {
            const MFlow *f = fs->items[i];
            const MComponent *o = dir == 0 ? f->from : f->to;
            sb_printf(b, "%s `%s`", i ? "," : "", o->name);
            if (f->link->via)
                sb_printf(b, " (via %s)", f->link->via);
        }
        sb_puts(b, "\n\n");
    }
}

const char *lsp_owner_title(Owner o)
{
    return o.svc ? o.svc->title : o.td ? o.td->id : NULL;
}

json_t *lsp_markdown(StrBuf *b)
{
    json_t *j = json_pack("{s:s, s:o}", "kind", "markdown", "value",
                          lsp_jstrn(b->data ? b->data : "", b->len));
    sb_free(b);
    return j;
}
