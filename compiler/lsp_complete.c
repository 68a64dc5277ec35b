/* Completion: service ids after `name :`, component names in flows and
 * refs, property names in blocks, values after `prop =`. Works on text that
 * does not parse: the context comes from scanning the text before the cursor,
 * the names from the text, the last good model and the catalog. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "strbuf.h"
#include "value.h"

/* ---- completion ------------------------------------------------------------ */

enum {
    CK_FIELD = 5,
    CK_VARIABLE = 6,
    CK_CLASS = 7,
    CK_PROPERTY = 10,
    CK_VALUE = 12,
    CK_KEYWORD = 14,
    CK_ENUM_MEMBER = 20
};

typedef struct Items {
    json_t *list;
    HashMap seen;
    Arena *arena;
} Items;

static json_t *add_item(Items *it, const char *label, int kind, const char *detail)
{
    if (!hm_put(&it->seen, arena_strdup(it->arena, label), (void *)1))
        return NULL;
    json_t *j = json_pack("{s:o, s:i}", "label", lsp_jstr(label), "kind", kind);
    if (detail)
        json_object_set_new(j, "detail", lsp_jstr(detail));
    json_array_append_new(it->list, j);
    return j;
}

static void set_doc(json_t *item, StrBuf *b)
{
    if (item && b->len)
        json_object_set_new(item, "documentation", lsp_markdown(b));
    sb_free(b);
}

static void complete_services(Items *it, const Doc *d)
{
    for (int w = 0; w < 2; w++) {
        const Catalog *c = doc_catalog(d, w);
        for (int i = 0; c && i < c->service_list.n; i++) {
            const Service *s = c->service_list.items[i];
            json_t *j = add_item(it, s->id, CK_CLASS, s->title);
            if (!j)
                continue;
            if (s->deprecated || s->alias_of)
                json_object_set_new(j, "tags", json_pack("[i]", 1));
            StrBuf b;
            sb_init(&b);
            const Service *r = s->alias_of ? s->alias_of : s;
            if (r->doc)
                sb_puts(&b, r->doc);
            set_doc(j, &b);
        }
    }
}

static bool service_in(const Service *s, const Type *refs)
{
    if (!refs)
        return true;
    return s && vec_has_str(&refs->refs, s->id);
}

/* Components declared in the text, then those of the last model; with a
 * ref type, only components of the services it names. */
static void complete_components(Items *it, Scan *sc, const Doc *d, const Type *refs)
{
    ScanDecl *comps;
    int nc, *svcs, ns;
    scan_decls(sc, &comps, &nc, &svcs, &ns);
    for (int i = 0; i < nc; i++) {
        char *name = tok_text(sc, comps[i].name), *svc = tok_text(sc, comps[i].svc);
        const Service *s = lsp_find_service(d, svc);
        if (s && s->alias_of)
            s = s->alias_of;
        if (service_in(s, refs)) {
            add_item(it, name, CK_VARIABLE,
                     arena_printf(it->arena, "%s%s%s", svc, s ? " — " : "", s ? s->title : ""));
        }
        free(name);
        free(svc);
    }
    free(comps);
    free(svcs);
    for (int w = 0; w < 2; w++) {
        const Model *m = doc_model(d, w);
        for (int i = 0; m && i < m->components.n; i++) {
            const MComponent *c = m->components.items[i];
            if (c->service && service_in(c->service, refs))
                add_item(it, c->name, CK_VARIABLE,
                         arena_printf(it->arena, "%s — %s", c->written_service, c->service->title));
        }
    }
}

static void complete_props(Items *it, Owner o)
{
    const PtrVec *ps = lsp_owner_props(o);
    for (int i = 0; ps && i < ps->n; i++) {
        const Prop *p = ps->items[i];
        StrBuf detail;
        sb_init(&detail);
        lsp_type_spell(&detail, it->arena, p->type);
        if (p->deflt)
            sb_printf(&detail, " = %s", value_format(it->arena, p->deflt));
        else if (!p->optional)
            sb_puts(&detail, " (required)");
        json_t *j = add_item(it, p->name, o.svc ? CK_PROPERTY : CK_FIELD, detail.data);
        sb_free(&detail);
        StrBuf b;
        sb_init(&b);
        lsp_prop_markdown(&b, it->arena, p, lsp_owner_title(o));
        set_doc(j, &b);
    }
}

static void complete_values(Items *it, Scan *sc, const Doc *d, const Prop *p)
{
    const Type *t = p ? lsp_elem_type(p->type) : NULL;
    if (!t)
        return;
    const char *dflt = p->deflt && p->type == t ? value_text(p->deflt) : NULL;
    if (t->kind == T_ENUM) {
        for (int i = 0; i < t->members.n; i++) {
            const char *m = t->members.items[i];
            const char *now = p->type == t ? prop_replacement(p, m) : NULL;
            json_t *j = add_item(it, m, CK_ENUM_MEMBER,
                                 dflt && strcmp(dflt, m) == 0 ? "default"
                                 : now ? "deprecated" : NULL);
            if (now) /* CompletionItemTag.Deprecated: editors strike it through */
                json_object_set_new(j, "tags", json_pack("[i]", 1));
        }
    } else if (t->kind == T_BOOL) {
        const char *def =
            p->deflt && p->deflt->kind == V_BOOL ? (p->deflt->i ? "true" : "false") : "";
        add_item(it, "true", CK_KEYWORD, strcmp(def, "true") == 0 ? "default" : NULL);
        add_item(it, "false", CK_KEYWORD, strcmp(def, "false") == 0 ? "default" : NULL);
    } else if (t->kind == T_REF) {
        complete_components(it, sc, d, t);
    }
}

static bool in_string_or_comment(const Source *src, uint32_t off)
{
    Pos p = source_pos(src, off);
    bool in_str = false;
    for (uint32_t i = src->line_starts[p.line - 1]; i < off; i++) {
        char c = src->text[i];
        if (in_str && c == '\\')
            i++;
        else if (c == '"')
            in_str = !in_str;
        else if (!in_str && c == '#')
            return true;
    }
    return in_str;
}

json_t *lsp_completion(Server *s, Doc *d, uint32_t off)
{
    (void)s;
    Scan sc;
    if (!scan_doc(&sc, d))
        return json_array();
    Items it = {.list = json_array(), .arena = arena_new()};
    hm_init(&it.seen, it.arena);
    if (in_string_or_comment(doc_source(d), off))
        goto done;
    int cur = scan_ident_at(&sc, off);
    int k = cur >= 0 ? cur : scan_token_after(&sc, off);
    scan_walk(&sc, k);
    const Frame *top = scan_top(&sc);
    int fi = sc.nframes - 1;
    int *st;
    int n = scan_stmt(&sc, k, &st);
    bool after_eq = n == 2 && tok_is(&sc, st[1], "=");
    switch (top->kind) {
    case FR_PIPELINE:
    case FR_GROUP:
        if (n == 2 && tok_is(&sc, st[1], ":"))
            complete_services(&it, d);
        else if (n == 0 || sc.toks[st[n - 1]].kind == TK_ARROW)
            complete_components(&it, &sc, d, NULL);
        else if (after_eq && tok_is(&sc, st[0], "layout")) {
            add_item(&it, "LR", CK_ENUM_MEMBER, "left to right");
            add_item(&it, "TB", CK_ENUM_MEMBER, "top to bottom");
        }
        break;
    case FR_LIST: {
        FrameKind pk = sc.frames[top->parent].kind;
        if (n != 0)
            break;
        if (pk == FR_PIPELINE || pk == FR_GROUP)
            complete_components(&it, &sc, d, NULL);
        else if (pk == FR_TOP)
            complete_services(&it, d);
        else
            complete_values(&it, &sc, d, lsp_frame_prop(&sc, d, fi));
        break;
    }
    case FR_COMPONENT:
    case FR_VALUE: {
        Owner o = lsp_frame_owner(&sc, d, fi);
        if (n == 0) {
            complete_props(&it, o);
        } else if (after_eq) {
            char *name = tok_text(&sc, st[0]);
            complete_values(&it, &sc, d, lsp_owner_prop(o, name));
            free(name);
        }
        break;
    }
    case FR_TOP:
        if (n >= 1 && tok_is(&sc, st[0], "link") &&
            (tok_is(&sc, st[n - 1], "link") || sc.toks[st[n - 1]].kind == TK_ARROW))
            complete_services(&it, d);
        break;
    case FR_SERVICE:
        if (after_eq && tok_is(&sc, st[0], "alias_of"))
            complete_services(&it, d);
        break;
    case FR_PAREN:
        if (tok_is(&sc, top->name, "ref"))
            complete_services(&it, d);
        break;
    default: break;
    }
    free(st);
done:
    scan_free(&sc);
    arena_free(it.arena);
    return json_pack("{s:b, s:o}", "isIncomplete", 0, "items", it.list);
}
