/* DOT emitter: the checked model as a cgraph graph. One card per component
 * (an HTML-like table: a header band in the category colour, then the name,
 * the label and the key settings), clusters for groups, edges labelled with
 * the integration mechanism. emit_render.c lays the same graph out with gvc.
 * Every text that reaches the graph goes through html_put or plain_put. */
#define _POSIX_C_SOURCE 200809L
#include <cgraph.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "value.h"

#define FONT "DejaVu Sans"
#define INK "#232F3E"      /* AWS "squid ink": text on white */
#define MUTED "#545B64"    /* secondary text, edges */
#define FAINT "#879196"    /* property names, cluster borders */

Agraph_t *dot_graph(EmitContext *ctx, Arena *a);

typedef struct Dot {
    Arena *a;
    const Model *m;
} Dot;

/* ---- cgraph helpers (before 13.0 every parameter is char *) -------------- */

static char *S(const char *s)
{
    return (char *)s;
}

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, S(name), S(value), S(""));
}

/* An HTML-like value: interned as HTML first, so that agxset keeps the flag. */
static void set_html(void *obj, const char *name, const StrBuf *html)
{
    Agraph_t *g = agraphof(obj);
    char *h = agstrdup_html(g, S(html->data ? html->data : ""));
    agsafeset(obj, S(name), h, S(""));
    agstrfree(g, h);
}

static void defaults(Agraph_t *g, int kind, const char *const *kv)
{
    for (; kv[0]; kv += 2)
        agattr(g, kind, S(kv[0]), S(kv[1]));
}

/* Object ids in creation order. cgraph's default discipline uses the address
 * of the interned name as the id of a named object, and orders subgraphs by
 * id: the clusters would come out (and be laid out) in heap order, which
 * changes with whatever the process freed before. Here a name's id is its
 * rank among the names seen (even); anonymous objects get odd ids. Names are
 * interned in the graph's string pool (cgraph reads the flags of a refstr in
 * front of them; agclose frees the pool). */
typedef struct Names {
    Agraph_t *g;
    char **v;
    int n, cap;
    IDTYPE anon;
} Names;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    Names *t = calloc(1, sizeof *t);
    if (t) {
        t->g = g;
        t->anon = 1;
    }
    return t;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    Names *t = state;
    (void)objtype;
    if (!str) {
        *id = t->anon;
        t->anon += 2;
        return 1;
    }
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->v[i], str) == 0) {
            *id = (IDTYPE)(2 * i + 2);
            return 1;
        }
    if (!createflag)
        return 0;
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 64;
        char **v = realloc(t->v, (size_t)cap * sizeof *v);
        if (!v)
            return 0;
        t->v = v;
        t->cap = cap;
    }
    if (!(t->v[t->n] = agstrdup(t->g, str)))
        return 0;
    *id = (IDTYPE)(2 * ++t->n);
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype;
    return (id & 1) == 0;
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    Names *t = state;
    (void)objtype;
    return id % 2 == 0 && id >= 2 && id / 2 <= (IDTYPE)t->n ? t->v[id / 2 - 1] : NULL;
}

static void ids_close(void *state)
{
    Names *t = state;
    free(t->v);
    free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t ids_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close,
                              ids_register};
static Agdisc_t graph_disc = {&AgMemDisc, &ids_disc, &AgIoDisc};

/* ---- escaping ------------------------------------------------------------ */

/* Graphviz rejects an empty <font></font> or <b></b>: empty texts fall back. */
static const char *or_else(const char *s, const char *fallback)
{
    return s && *s ? s : fallback;
}

/* Text inside an HTML-like label: entities, \n as <br/>, and a doubled
 * backslash (the renderer expands \N, \G ... in HTML text too). */
static void html_put(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': sb_puts(b, "&amp;"); break;
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&#39;"); break;
        case '\n': sb_puts(b, "<br/>"); break;
        case '\\': sb_puts(b, "\\\\"); break;
        default: sb_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
        }
    }
}

/* Text of a plain string attribute: cgraph quotes it and escapes `"`; the
 * renderer reads backslash escapes (\N, \l ...), so backslashes are doubled
 * and a newline becomes \n. */
static void plain_put(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\')
            sb_puts(b, "\\\\");
        else if (c == '\n')
            sb_puts(b, "\\n");
        else
            sb_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
}

static void set_plain(void *obj, const char *name, const char *text)
{
    StrBuf b;
    sb_init(&b);
    plain_put(&b, text);
    set(obj, name, b.data ? b.data : "");
    sb_free(&b);
}

/* ---- values as a card shows them ----------------------------------------- */

static bool has_digit(const char *s)
{
    return strpbrk(s, "0123456789") != NULL;
}

/* on_demand -> "on demand"; g_2x and flink_1_20 stay as written. */
static void words_put(StrBuf *b, const char *s, bool keep)
{
    for (; *s; s++)
        sb_putc(b, *s == '_' && !keep ? ' ' : *s);
}

/* "48h" -> "48 h", "6m" -> "6 min", "64MB" -> "64 MB". */
static void unit_put(StrBuf *b, const char *s)
{
    size_t n = strspn(s, "0123456789_-");
    sb_putn(b, s, n);
    sb_putc(b, ' ');
    sb_puts(b, strcmp(s + n, "m") == 0 ? "min" : s + n);
}

static int64_t unit_scale(const char *u, size_t n)
{
    static const struct { const char *u; int64_t k; } units[] = {
        {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000},
        {"KB", 1LL << 10}, {"MB", 1LL << 20}, {"GB", 1LL << 30}, {"TB", 1LL << 40},
        {"KiB", 1LL << 10}, {"MiB", 1LL << 20}, {"GiB", 1LL << 30}, {"TiB", 1LL << 40},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i].u) == n && strncmp(units[i].u, u, n) == 0)
            return units[i].k;
    return 0;
}

/* A duration or size as it is spelled in src (48h stays 48 h, not 2 d), when
 * the value's span there spells exactly this value; NULL otherwise. */
static const char *spelled_in(Dot *d, const Source *src, const Value *v)
{
    Span sp = v->span;
    if (!src || sp.end <= sp.start || sp.end > src->len || sp.end - sp.start > 24)
        return NULL;
    const char *s = src->text + sp.start;
    size_t n = sp.end - sp.start, digits = strspn(s, "0123456789_");
    if (digits == 0 || digits >= n || digits > 18)
        return NULL;
    int64_t num = 0;
    for (size_t i = 0; i < digits; i++)
        if (s[i] != '_')
            num = num * 10 + (s[i] - '0');
    int64_t k = unit_scale(s + digits, n - digits);
    if (k == 0 || num > INT64_MAX / k || num * k != v->i)
        return NULL;
    return arena_strndup(d->a, s, n);
}

/* A value set in the pipeline, or a default from the declaring file. */
static const char *spelling(Dot *d, const Prop *decl, const Value *v)
{
    if (v->kind != V_DURATION && v->kind != V_SIZE)
        return NULL;
    const char *s = spelled_in(d, d->m->src, v);
    return s ? s : spelled_in(d, decl->src, v);
}

static void nice_value(StrBuf *b, Dot *d, const Prop *decl, const Value *v)
{
    const char *spelt = spelling(d, decl, v);
    switch (v->kind) {
    case V_DURATION: unit_put(b, spelt ? spelt : format_duration(d->a, v->i)); break;
    case V_SIZE: unit_put(b, spelt ? spelt : format_size(d->a, v->i)); break;
    case V_IDENT: words_put(b, v->str, has_digit(v->str)); break;
    case V_STRING: sb_puts(b, v->str); break;
    case V_LIST:
        for (int i = 0; i < v->list.n; i++) {
            if (i)
                sb_puts(b, ", ");
            nice_value(b, d, decl, v->list.items[i]);
        }
        break;
    default: sb_puts(b, value_format(d->a, v)); break;
    }
}

static void nice_html(StrBuf *b, Dot *d, const Prop *decl, const Value *v)
{
    StrBuf t;
    sb_init(&t);
    nice_value(&t, d, decl, v);
    html_put(b, t.data ? t.data : "");
    sb_free(&t);
}

static void name_html(StrBuf *b, const char *name)
{
    sb_puts(b, "<font color=\"" FAINT "\">");
    words_put(b, name, false);
    sb_puts(b, "</font> ");
}

/* Durations and sizes go without their name when the unit says it all:
 * the only one of its kind on the card, and a setting every component has. */
static bool needs_name(const MComponent *c, const MProp *p)
{
    TypeKind k = p->decl->type->kind;
    if (k == T_STRING || k == T_RANGE)
        return true;
    if (k != T_DURATION && k != T_SIZE)
        return false;
    if (!p->decl->deflt)
        return true;
    int same = 0;
    const PtrVec *sum = &c->service->summary;
    for (int i = 0; i < sum->n; i++) {
        const MProp *q = comp_prop(c, sum->items[i]);
        same += q && q->decl->type->kind == k;
    }
    return same > 1;
}

/* "4 shards", "1 shard"; a name that is no plural goes first: "parallelism 4". */
static void count_item(StrBuf *b, Dot *d, const MProp *p)
{
    const char *name = p->decl->name;
    size_t n = strlen(name);
    if (n < 2 || name[n - 1] != 's') {
        name_html(b, name);
        nice_html(b, d, p->decl, p->value);
        return;
    }
    nice_html(b, d, p->decl, p->value);
    sb_putc(b, ' ');
    bool one = p->value->kind == V_INT && p->value->i == 1;
    words_put(b, one ? arena_strndup(d->a, name, n - 1) : name, false);
}

/* One item of the settings line; false when there is nothing to show. */
static bool summary_item(StrBuf *b, Dot *d, const MComponent *c, const MProp *p)
{
    const Value *v = p->value;
    switch (p->decl->type->kind) {
    case T_STRUCT: case T_REF: return false;
    case T_BOOL:
        if (!v->i)
            sb_puts(b, "no ");
        words_put(b, p->decl->name, false);
        return true;
    case T_INT: case T_NUMBER:
        count_item(b, d, p);
        return true;
    case T_STRING:
        if (!*v->str)
            return false;
        break;
    default: break;
    }
    if (needs_name(c, p))
        name_html(b, p->decl->name);
    nice_html(b, d, p->decl, v);
    return true;
}

static void summary_line(StrBuf *b, Dot *d, const MComponent *c)
{
    const PtrVec *sum = &c->service->summary;
    bool any = false;
    for (int i = 0; i < sum->n; i++) {
        const MProp *p = comp_prop(c, sum->items[i]);
        if (!p)
            continue;
        size_t mark = b->len;
        if (any)
            sb_puts(b, " · ");
        if (summary_item(b, d, c, p))
            any = true;
        else
            b->len = mark;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

/* ---- the card -------------------------------------------------------------- */

static void cell_open(StrBuf *b, const char *align)
{
    sb_printf(b, "<td align=\"%s\">", align);
}

/* One row of a node-group table (EMR master/core/task): the property's name,
 * then each field of the block; a count next to an instance type reads "× 4". */
static void struct_row(StrBuf *b, Dot *d, const MProp *p)
{
    const TypeDecl *t = p->decl->type->decl;
    bool has_instance = false;
    for (int i = 0; i < t->props.n; i++)
        has_instance |= ((const Prop *)t->props.items[i])->type->kind == T_INSTANCE;
    sb_puts(b, "<tr>");
    cell_open(b, "left");
    sb_printf(b, "<b>%s</b></td>", p->decl->name);
    for (int i = 0; i < t->props.n; i++) {
        const Prop *f = t->props.items[i];
        const Value *v = block_value(p->value, f->name);
        if (!v)
            continue;
        bool count = has_instance && f->type->kind == T_INT;
        cell_open(b, count ? "right" : "left");
        if (count)
            sb_puts(b, "× ");
        else if (f->type->kind == T_INT || f->type->kind == T_STRING)
            name_html(b, f->name);
        nice_html(b, d, f, v);
        if (count)
            sb_puts(b, "&nbsp;&nbsp;");
        sb_puts(b, "</td>");
    }
    sb_puts(b, "</tr>");
}

static void struct_rows(StrBuf *b, Dot *d, const MComponent *c)
{
    for (int i = 0; i < c->props.n; i++) {
        const MProp *p = c->props.items[i];
        if (p->decl->type->kind == T_STRUCT && p->value && p->value->kind == V_BLOCK)
            struct_row(b, d, p);
    }
}

static void card_header(StrBuf *b, const Service *s)
{
    const Category *k = s->category;
    const char *title = or_else(s->short_title, or_else(s->title, s->id));
    sb_puts(b, "<tr><td cellpadding=\"5\" width=\"110\"");
    if (k->external)
        sb_printf(b, "><font color=\"%s\"><b>", INK);
    else
        sb_printf(b, " bgcolor=\"%s\"><font color=\"%s\"><b>", k->color, k->text);
    html_put(b, title);
    sb_puts(b, "</b></font></td></tr>");
    if (k->external)
        sb_puts(b, "<hr/>");
}

static void card(StrBuf *b, Dot *d, const MComponent *c)
{
    const Category *k = c->service->category;
    sb_printf(b, "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" "
                 "bgcolor=\"white\" color=\"%s\" style=\"%s\">",
              k->color, k->external ? "rounded,dashed" : "rounded");
    card_header(b, c->service);
    sb_puts(b, "<tr><td cellpadding=\"4\"><font point-size=\"12\"><b>");
    html_put(b, c->name);
    sb_puts(b, "</b></font>");
    if (c->label && *c->label) {
        sb_puts(b, "<br/>");
        html_put(b, c->label);
    }
    StrBuf line;
    sb_init(&line);
    summary_line(&line, d, c);
    if (line.len)
        sb_printf(b, "<br/><font point-size=\"9\" color=\"" MUTED "\">%s</font>", line.data);
    sb_free(&line);
    sb_puts(b, "</td></tr>");
    StrBuf rows;
    sb_init(&rows);
    struct_rows(&rows, d, c);
    if (rows.len)
        sb_printf(b, "<hr/><tr><td><font point-size=\"9\" color=\"" MUTED "\">"
                     "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">"
                     "%s</table>"
                     "</font></td></tr>", rows.data);
    sb_free(&rows);
    sb_puts(b, "</table>");
}

/* Every setting, for the SVG tooltip: the service's title, then name = value. */
static void tooltip(StrBuf *b, Dot *d, const MComponent *c)
{
    plain_put(b, or_else(c->service->title, c->service->id));
    for (int i = 0; i < c->props.n; i++) {
        const MProp *p = c->props.items[i];
        sb_puts(b, "\\n");
        plain_put(b, p->decl->name);
        sb_puts(b, " = ");
        plain_put(b, value_format(d->a, p->value));
        if (p->is_default)
            sb_puts(b, " (default)");
    }
}

static void add_node(Agraph_t *sub, Dot *d, const MComponent *c)
{
    Agnode_t *n = agnode(sub, S(c->name), 1);
    StrBuf b;
    sb_init(&b);
    card(&b, d, c);
    set_html(n, "label", &b);
    b.len = 0;
    tooltip(&b, d, c);
    set(n, "tooltip", b.data);
    sb_free(&b);
}

/* ---- clusters ------------------------------------------------------------ */

static void add_items(Agraph_t *g, Dot *d, const PtrVec *items);

static void add_cluster(Agraph_t *parent, Dot *d, const MGroup *grp)
{
    char *name = arena_printf(d->a, "cluster_%s", grp->name);
    Agraph_t *sub = agsubg(parent, name, 1);
    /* Graph attributes are inherited: without its own tooltip, a cluster
     * would show the pipeline's description. */
    set_plain(sub, "label", grp->title ? grp->title : grp->name);
    set_plain(sub, "tooltip", grp->title ? grp->title : grp->name);
    set(sub, "style", "rounded,dashed");
    set(sub, "color", FAINT);
    set(sub, "fontcolor", MUTED);
    set(sub, "fontsize", "12");
    set(sub, "labeljust", "l");
    set(sub, "margin", "14");
    add_items(sub, d, &grp->items);
}

static void add_items(Agraph_t *g, Dot *d, const PtrVec *items)
{
    for (int i = 0; i < items->n; i++) {
        const MGroupItem *it = items->items[i];
        if (it->component)
            add_node(g, d, it->component);
        else
            add_cluster(g, d, it->group);
    }
}

/* ---- edges --------------------------------------------------------------- */

static Agnode_t *node_of(Agraph_t *g, const MComponent *c)
{
    return agnode(g, S(c->name), 0);
}

static void edge_tooltip(Agedge_t *e, const char *from, const char *to, const char *what)
{
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "%s -> %s: ", from, to);
    sb_puts(&b, what);
    set_plain(e, "tooltip", b.data);
    sb_free(&b);
}

/* Edge labels sit on a white box: a line that crosses one never strikes it through. */
#define LABEL_OPEN "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" " \
                   "bgcolor=\"white\"><tr><td>"
#define LABEL_CLOSE "</td></tr></table>"

static void add_flow(Agraph_t *g, const MFlow *f)
{
    Agedge_t *e = agedge(g, node_of(g, f->from), node_of(g, f->to), NULL, 1);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, LABEL_OPEN);
    html_put(&b, f->via);
    if (f->label && *f->label) {
        sb_puts(&b, "<br/><font color=\"" INK "\"><i>");
        html_put(&b, f->label);
        sb_puts(&b, "</i></font>");
    }
    sb_puts(&b, LABEL_CLOSE);
    set_html(e, "label", &b);
    sb_free(&b);
    if (f->control)
        set(e, "style", "dashed");
    edge_tooltip(e, f->from->name, f->to->name, f->via);
}

/* A property naming another component (transform = enrich): dashed, and
 * left out of the ranking so that it never bends the data flow. */
static void add_ref(Agraph_t *g, const MRef *r)
{
    Agedge_t *e = agedge(g, node_of(g, r->from), node_of(g, r->to), NULL, 1);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, LABEL_OPEN);
    html_put(&b, r->prop);
    sb_puts(&b, LABEL_CLOSE);
    set_html(e, "label", &b);
    sb_free(&b);
    set(e, "style", "dashed");
    set(e, "arrowhead", "odot");
    set(e, "constraint", "false");
    edge_tooltip(e, r->from->name, r->to->name, r->prop);
}

/* ---- the graph ----------------------------------------------------------- */

static bool category_used(const Model *m, const Category *k)
{
    for (int i = 0; i < m->components.n; i++)
        if (((const MComponent *)m->components.items[i])->service->category == k)
            return true;
    return false;
}

/* One legend entry: a square in the category's colour (an outline for
 * external systems), then the category's title. */
static void legend_entry(StrBuf *b, const Category *k, bool first)
{
    if (!first)
        sb_puts(b, "&nbsp;&nbsp;&nbsp;&nbsp;");
    sb_printf(b, "<font color=\"%s\" point-size=\"12\">%s</font>&nbsp;", k->color,
              k->external ? "□" : "■");
    html_put(b, or_else(k->title, k->id));
}

/* The title, then a line with the region and a legend of the categories on
 * the diagram (text, not cells: a cell would stretch to the title's width). */
static void graph_label(StrBuf *b, const Model *m)
{
    sb_puts(b, "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"4\">"
               "<tr><td><font point-size=\"20\">");
    html_put(b, or_else(m->title, m->name));
    sb_puts(b, "</font></td></tr>");
    StrBuf line;
    sb_init(&line);
    if (m->region && *m->region)
        html_put(&line, m->region);
    const PtrVec *cats = &m->catalog->category_list;
    for (int i = 0; i < cats->n; i++)
        if (category_used(m, cats->items[i]))
            legend_entry(&line, cats->items[i], line.len == 0);
    if (line.len)
        sb_printf(b, "<tr><td><font point-size=\"9\" color=\"" MUTED "\">%s</font></td></tr>",
                  line.data);
    sb_free(&line);
    sb_puts(b, "</table>");
}

static void graph_attrs(Agraph_t *g, const Model *m)
{
    static const char *const gdef[] = {
        "fontname", FONT, "fontcolor", INK, "labelloc", "t", "bgcolor", "white",
        "pad", "0.3", "nodesep", "0.6", "ranksep", "0.8", "splines", "spline",
        "outputorder", "edgesfirst", NULL};
    /* label: gvContext declares \N for every graph opened after it; declared
     * here too, the DOT is the same whether or not a render came first. */
    static const char *const ndef[] = {
        "shape", "plain", "fontname", FONT, "fontsize", "10", "fontcolor", INK, "label", "\\N",
        NULL};
    static const char *const edef[] = {
        "fontname", FONT, "fontsize", "9", "fontcolor", MUTED, "color", MUTED,
        "arrowsize", "0.7", "penwidth", "1.2", NULL};
    defaults(g, AGRAPH, gdef);
    set(g, "rankdir", m->layout_tb ? "TB" : "LR");
    defaults(g, AGNODE, ndef);
    defaults(g, AGEDGE, edef);
    StrBuf b;
    sb_init(&b);
    graph_label(&b, m);
    set_html(g, "label", &b);
    sb_free(&b);
    if (m->description)
        set_plain(g, "tooltip", m->description);
}

/* The whole diagram as a cgraph graph; the caller agcloses it. */
Agraph_t *dot_graph(EmitContext *ctx, Arena *a)
{
    const Model *m = ctx->model;
    Agraph_t *g = agopen(S(m->name), Agdirected, &graph_disc);
    if (!g) {
        ctx->err = "cgraph could not create the graph";
        return NULL;
    }
    Dot d = {.a = a, .m = m};
    graph_attrs(g, m);
    add_items(g, &d, &m->top);
    for (int i = 0; i < m->flows.n; i++)
        add_flow(g, m->flows.items[i]);
    for (int i = 0; i < m->refs.n; i++)
        add_ref(g, m->refs.items[i]);
    return g;
}

int emit_dot(EmitContext *ctx, StrBuf *out)
{
    Arena *a = arena_new();
    Agraph_t *g = dot_graph(ctx, a);
    int rc = -1;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = g ? open_memstream(&buf, &len) : NULL;
    if (f) {
        rc = agwrite(g, f);
        if (fclose(f) != 0)
            rc = -1;
        if (rc == 0)
            sb_putn(out, buf, len);
        else
            ctx->err = "cgraph could not write the graph";
    } else if (g) {
        ctx->err = "out of memory";
    }
    free(buf);
    if (g)
        agclose(g);
    arena_free(a);
    return rc == 0 ? 0 : -1;
}
