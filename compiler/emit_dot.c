/* DOT emitter: the checked model as a cgraph graph. One card per component
 * (an HTML-like table: a header band in the category colour, then the name,
 * the label and the key settings; dot_card.c writes it), clusters for groups,
 * edges labelled with the integration mechanism. emit_render.c lays the same
 * graph out with gvc. Every text that reaches the graph goes through
 * dot_html_put or dot_plain_put. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dot.h"
#include "hashmap.h"

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

static void set_plain(void *obj, const char *name, const char *text)
{
    StrBuf b;
    sb_init(&b);
    dot_plain_put(&b, text);
    set(obj, name, b.data ? b.data : "");
    sb_free(&b);
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
    Arena *a;    /* the table's memory */
    HashMap ids; /* name -> id: a scan of v made building the graph quadratic */
} Names;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    Names *t = calloc(1, sizeof *t);
    if (t) {
        t->g = g;
        t->anon = 1;
        t->a = arena_new();
        hm_init(&t->ids, t->a);
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
    void *known = hm_get(&t->ids, str);
    if (known) {
        *id = (IDTYPE)(uintptr_t)known;
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
    hm_put(&t->ids, t->v[t->n - 1], (void *)(uintptr_t)*id);
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
    arena_free(t->a);
    free(t->v);
    free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t ids_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close,
                              ids_register};

/* ---- nodes --------------------------------------------------------------- */

static void add_node(Agraph_t *sub, Dot *d, const MComponent *c)
{
    Agnode_t *n = agnode(sub, S(c->name), 1);
    StrBuf b;
    sb_init(&b);
    dot_card(&b, d, c);
    set_html(n, "label", &b);
    b.len = 0;
    dot_tooltip(&b, d, c);
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
        const MGroupItem it = group_item(items, i);
        if (it.component)
            add_node(g, d, it.component);
        else
            add_cluster(g, d, it.group);
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
    dot_html_put(&b, f->link->via);
    if (f->label && *f->label) {
        sb_puts(&b, "<br/><font color=\"" INK "\"><i>");
        dot_html_put(&b, f->label);
        sb_puts(&b, "</i></font>");
    }
    sb_puts(&b, LABEL_CLOSE);
    set_html(e, "label", &b);
    sb_free(&b);
    if (f->link->control)
        set(e, "style", "dashed");
    edge_tooltip(e, f->from->name, f->to->name, f->link->via);
}

/* A property naming another component (transform = enrich): dashed, and
 * left out of the ranking so that it never bends the data flow. */
static void add_ref(Agraph_t *g, const MRef *r)
{
    Agedge_t *e = agedge(g, node_of(g, r->from), node_of(g, r->to), NULL, 1);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, LABEL_OPEN);
    dot_html_put(&b, r->prop);
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
    dot_html_put(b, dot_or_else(k->title, k->id));
}

/* The title, then a line with the region and a legend of the categories on
 * the diagram (text, not cells: a cell would stretch to the title's width). */
static void graph_label(StrBuf *b, const Model *m)
{
    sb_puts(b, "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"4\">"
               "<tr><td><font point-size=\"20\">");
    dot_html_put(b, dot_or_else(m->title, m->name));
    sb_puts(b, "</font></td></tr>");
    StrBuf line;
    sb_init(&line);
    if (m->region && *m->region)
        dot_html_put(&line, m->region);
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
    if (!graphviz_load(&ctx->err))
        return NULL;
    /* cgraph's own disciplines live in the library loaded just now */
    static Agdisc_t graph_disc;
    graph_disc = (Agdisc_t){&AgMemDisc, &ids_disc, &AgIoDisc};
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
    int rc = g ? dot_write(g, out) : -1;
    if (g && rc != 0)
        ctx->err = "cgraph could not write the graph";
    if (g)
        agclose(g);
    arena_free(a);
    return rc;
}
