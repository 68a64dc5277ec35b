/* Language features: hover, go-to-definition, document symbols and
 * formatting (completion is in lsp_complete.c). What the cursor is on comes
 * from the text (lsp_scan.c), so the features keep working while the
 * document does not parse; what a name means comes from the current
 * compilation, or the last one that built a model, and the catalog
 * (lsp_lookup.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "lsp.h"
#include "strbuf.h"

/* ---- what the cursor is on ---------------------------------------------- */

typedef enum { WHAT_NONE, WHAT_SERVICE, WHAT_COMPONENT, WHAT_PROPERTY } WhatKind;

typedef struct What {
    WhatKind kind;
    const Prop *prop;  /* WHAT_PROPERTY */
    const char *owner; /* WHAT_PROPERTY: title of what it belongs to */
} What;

static What classify(Scan *sc, const Doc *d, int cur)
{
    What w = {WHAT_NONE, NULL, NULL};
    scan_walk(sc, cur);
    const Frame *top = scan_top(sc);
    int fi = sc->nframes - 1;
    int *st;
    int n = scan_stmt(sc, cur, &st);
    int next = cur + 1;
    switch (top->kind) {
    case FR_PIPELINE:
    case FR_GROUP:
        if (n == 2 && tok_is(sc, st[1], ":"))
            w.kind = WHAT_SERVICE;
        else if (n == 0 && tok_is(sc, next, ":"))
            w.kind = WHAT_COMPONENT;
        else if (tok_is(sc, cur, "group") || tok_is(sc, cur, "pipeline") ||
                 (n >= 1 && (tok_is(sc, st[0], "group") || tok_is(sc, st[n - 1], "="))) ||
                 tok_is(sc, next, "=") || (n >= 1 && tok_is(sc, st[n - 1], ":")))
            w.kind = WHAT_NONE;
        else
            w.kind = WHAT_COMPONENT;
        break;
    case FR_LIST: {
        FrameKind pk = sc->frames[top->parent].kind;
        if (pk == FR_PIPELINE || pk == FR_GROUP) {
            w.kind = WHAT_COMPONENT;
        } else if (pk == FR_TOP) {
            w.kind = WHAT_SERVICE;
        } else {
            const Prop *p = lsp_frame_prop(sc, d, fi);
            const Type *t = p ? lsp_elem_type(p->type) : NULL;
            if (t && t->kind == T_REF)
                w.kind = WHAT_COMPONENT;
        }
        break;
    }
    case FR_COMPONENT:
    case FR_VALUE: {
        Owner o = lsp_frame_owner(sc, d, fi);
        if (n == 0 && tok_is(sc, next, "=")) {
            char *name = tok_text(sc, cur);
            if ((w.prop = lsp_owner_prop(o, name)))
                w.kind = WHAT_PROPERTY, w.owner = lsp_owner_title(o);
            free(name);
        } else if (n == 2 && tok_is(sc, st[1], "=")) {
            char *name = tok_text(sc, st[0]);
            const Prop *p = lsp_owner_prop(o, name);
            const Type *t = p ? lsp_elem_type(p->type) : NULL;
            if (t && t->kind == T_REF)
                w.kind = WHAT_COMPONENT;
            free(name);
        }
        break;
    }
    case FR_TOP:
        if (n == 1 && tok_is(sc, st[0], "service"))
            w.kind = WHAT_SERVICE;
        else if (n >= 1 && tok_is(sc, st[0], "link") && !tok_is(sc, cur, "via")) {
            w.kind = WHAT_SERVICE;
            for (int k = 0; k < n; k++)
                if (tok_is(sc, st[k], "via"))
                    w.kind = WHAT_NONE;
        }
        break;
    case FR_SERVICE:
    case FR_TYPE:
        if (n == 0 && tok_is(sc, next, ":")) {
            Owner o = lsp_frame_owner(sc, d, fi);
            char *name = tok_text(sc, cur);
            if ((w.prop = lsp_owner_prop(o, name)))
                w.kind = WHAT_PROPERTY, w.owner = lsp_owner_title(o);
            free(name);
        } else if (n == 2 && tok_is(sc, st[0], "alias_of") && tok_is(sc, st[1], "=")) {
            w.kind = WHAT_SERVICE;
        }
        break;
    case FR_PAREN:
        if (tok_is(sc, top->name, "ref"))
            w.kind = WHAT_SERVICE;
        break;
    default: break;
    }
    free(st);
    return w;
}

/* The service token of the declaration of component `name` in the text. */
static int declared_service_tok(Scan *sc, const char *name, int *name_tok)
{
    ScanDecl *comps;
    int nc, *svcs, ns, found = -1;
    scan_decls(sc, &comps, &nc, &svcs, &ns);
    size_t len = strlen(name);
    for (int i = 0; i < nc && found < 0; i++) {
        const Tok *t = &sc->toks[comps[i].name];
        if (t->end - t->start == len && memcmp(sc->text + t->start, name, len) == 0) {
            found = comps[i].svc;
            if (name_tok)
                *name_tok = comps[i].name;
        }
    }
    free(comps);
    free(svcs);
    return found;
}

json_t *lsp_hover(Server *s, Doc *d, uint32_t off)
{
    Scan sc;
    if (!scan_doc(&sc, d))
        return json_null();
    int cur = scan_ident_at(&sc, off);
    json_t *result = json_null();
    if (cur < 0) {
        scan_free(&sc);
        return result;
    }
    What w = classify(&sc, d, cur);
    char *name = tok_text(&sc, cur);
    Arena *a = arena_new();
    StrBuf b;
    sb_init(&b);
    if (w.kind == WHAT_SERVICE) {
        const Service *svc = lsp_find_service(d, name);
        if (svc)
            lsp_service_markdown(&b, svc);
    } else if (w.kind == WHAT_COMPONENT) {
        int svc_tok = declared_service_tok(&sc, name, NULL);
        char *svc_text = svc_tok >= 0 ? tok_text(&sc, svc_tok) : NULL;
        if (svc_tok >= 0 || lsp_find_component(d, name))
            lsp_component_markdown(&b, a, d, name, svc_text);
        free(svc_text);
    } else if (w.kind == WHAT_PROPERTY) {
        lsp_prop_markdown(&b, a, w.prop, w.owner);
    }
    if (b.len) {
        Span sp = {sc.toks[cur].start, sc.toks[cur].end};
        result = json_pack("{s:o, s:o}", "contents", lsp_markdown(&b), "range",
                           lsp_range(s, d, doc_source(d), sp));
    }
    sb_free(&b);
    arena_free(a);
    free(name);
    scan_free(&sc);
    return result;
}

/* ---- go to definition -------------------------------------------------------- */

json_t *lsp_definition(Server *s, Doc *d, uint32_t off)
{
    Scan sc;
    if (!scan_doc(&sc, d))
        return json_null();
    int cur = scan_ident_at(&sc, off);
    json_t *result = json_null();
    if (cur < 0) {
        scan_free(&sc);
        return result;
    }
    What w = classify(&sc, d, cur);
    char *name = tok_text(&sc, cur);
    const Source *src = doc_source(d);
    int target = -1;
    if (w.kind == WHAT_COMPONENT) {
        declared_service_tok(&sc, name, &target);
    } else if (w.kind == WHAT_SERVICE) {
        ScanDecl *comps;
        int nc, *svcs, ns;
        scan_decls(&sc, &comps, &nc, &svcs, &ns);
        size_t len = strlen(name);
        for (int i = 0; i < ns && target < 0; i++) {
            const Tok *t = &sc.toks[svcs[i]];
            if (t->end - t->start == len && memcmp(sc.text + t->start, name, len) == 0)
                target = svcs[i];
        }
        free(comps);
        free(svcs);
        const Service *svc = target < 0 ? lsp_find_service(d, name) : NULL;
        if (svc && !svc->builtin && svc->src && svc->src != src && svc->src->path) {
            char *uri = lsp_source_uri(d, svc->src);
            if (uri) {
                result = json_pack("{s:s, s:o}", "uri", uri, "range",
                                   lsp_range(s, d, svc->src, svc->span));
                free(uri);
            }
        }
    }
    if (target >= 0) {
        Span sp = {sc.toks[target].start, sc.toks[target].end};
        result = json_pack("{s:s, s:o}", "uri", d->uri, "range", lsp_range(s, d, src, sp));
    }
    free(name);
    scan_free(&sc);
    return result;
}

/* ---- document symbols ---------------------------------------------------- */

enum {
    SK_MODULE = 2,
    SK_NAMESPACE = 3,
    SK_CLASS = 5,
    SK_PROPERTY = 7,
    SK_ENUM = 10,
    SK_OBJECT = 19,
    SK_STRUCT = 23
};

static json_t *symbol(Server *s, Doc *d, const char *name, const char *detail, int kind, Span range,
                      Span sel)
{
    const Source *src = doc_source(d);
    if (sel.start < range.start)
        range.start = sel.start;
    if (sel.end > range.end)
        range.end = sel.end;
    json_t *j = json_pack("{s:o, s:i, s:o, s:o}", "name", lsp_jstr(name), "kind", kind, "range",
                          lsp_range(s, d, src, range), "selectionRange", lsp_range(s, d, src, sel));
    if (detail)
        json_object_set_new(j, "detail", lsp_jstr(detail));
    return j;
}

static json_t *stmt_symbols(Server *s, Doc *d, const PtrVec *stmts)
{
    json_t *list = json_array();
    for (int i = 0; i < stmts->n; i++) {
        const Stmt *st = stmts->items[i];
        if ((st->kind != ST_COMPONENT && st->kind != ST_GROUP) || !st->name.name ||
            !st->name.name[0])
            continue;
        if (st->kind == ST_COMPONENT) {
            json_array_append_new(list, symbol(s, d, st->name.name, st->service.name, SK_OBJECT,
                                               st->span, st->name.span));
        } else if (st->kind == ST_GROUP) {
            json_t *g =
                symbol(s, d, st->name.name, st->label, SK_NAMESPACE, st->span, st->name.span);
            json_object_set_new(g, "children", stmt_symbols(s, d, &st->body));
            json_array_append_new(list, g);
        }
    }
    return list;
}

json_t *lsp_document_symbols(Server *s, Doc *d)
{
    json_t *list = json_array();
    const File *f = d->cur ? d->cur->prog.root : NULL;
    for (int i = 0; f && i < f->items.n; i++) {
        const Item *it = f->items.items[i];
        if (!it->name.name || !it->name.name[0])
            continue;
        json_t *sym = NULL;
        switch (it->kind) {
        case IT_PIPELINE:
            sym = symbol(s, d, it->name.name, it->title, SK_MODULE, it->span, it->name.span);
            json_object_set_new(sym, "children", stmt_symbols(s, d, &it->body));
            break;
        case IT_SERVICE:
        case IT_TYPE: {
            sym = symbol(s, d, it->name.name, it->title,
                         it->kind == IT_SERVICE ? SK_CLASS : SK_STRUCT, it->span, it->name.span);
            json_t *kids = json_array();
            for (int k = 0; k < it->props.n; k++) {
                const PropDecl *p = it->props.items[k];
                if (p->name.name && p->name.name[0])
                    json_array_append_new(kids, symbol(s, d, p->name.name,
                                                       p->type ? p->type->name.name : NULL,
                                                       SK_PROPERTY, p->span, p->name.span));
            }
            json_object_set_new(sym, "children", kids);
            break;
        }
        case IT_FAMILY:
            sym = symbol(s, d, it->name.name, it->title, SK_ENUM, it->span, it->name.span);
            break;
        default: break;
        }
        if (sym)
            json_array_append_new(list, sym);
    }
    return list;
}

/* ---- formatting ------------------------------------------------------------ */

/* Position of the end of the raw text, in the negotiated encoding. */
static json_t *end_position(const Server *s, const char *text, size_t len)
{
    size_t line = 0, start = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            line++, start = i + 1;
    size_t col = 0;
    if (s->enc == ENC_UTF8) {
        col = len - start;
    } else {
        for (size_t i = start; i < len; i++) {
            unsigned char c = (unsigned char)text[i];
            if ((c & 0xC0) != 0x80)
                col += s->enc == ENC_UTF16 && c >= 0xF0 ? 2 : 1;
        }
    }
    return json_pack("{s:I, s:I}", "line", (json_int_t)line, "character", (json_int_t)col);
}

json_t *lsp_formatting(Server *s, Doc *d)
{
    json_t *edits = json_array();
    Arena *a = arena_new();
    DiagList dl;
    diag_init(&dl, a);
    StrBuf out;
    sb_init(&out);
    if (fmt_text(a, &dl, d->name, d->text, d->len, &out) == 0 &&
        !(out.len == d->len && (out.len == 0 || memcmp(out.data, d->text, out.len) == 0)))
        json_array_append_new(edits,
                              json_pack("{s:{s:{s:i, s:i}, s:o}, s:o}", "range", "start", "line", 0,
                                        "character", 0, "end", end_position(s, d->text, d->len),
                                        "newText", lsp_jstrn(out.data ? out.data : "", out.len)));
    sb_free(&out);
    arena_free(a);
    return edits;
}
