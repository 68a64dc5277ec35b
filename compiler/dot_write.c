/* The DOT text of a cgraph graph, byte for byte what cgraph's agwrite
 * (Graphviz 2.42) writes, in time linear in the size of the graph.
 *
 * Why not agwrite: for every node and every edge of a graph it asks each
 * subgraph of that graph in turn whether it holds the object (write.c:
 * node_in_subg, write_edge_test), so the root of a diagram with S clusters
 * and N components costs N x S dictionary searches. Measured with the
 * estates of bench/gen (a group per seven components) on 2 cores: perf put
 * 72% of `pipec build -T dot` (10k components) in agwrite, 43% under
 * node_in_subg alone; with emit_dot.c's name lookup already a hash, agwrite
 * still made 10k components take 5.3 s and 20k 18.2 s (2x the input, 3.4x
 * the time; before both fixes, 100k had not finished after 25 minutes).
 * With this file: 0.3 s and 3.4 s for 10k and 100k, the same bytes. No way
 * of building the graph avoids it: the clusters are subgraphs of the root,
 * and the components outside them nodes of the root.
 *
 * Here the same walk asks each object once: before the objects of a graph
 * are written, one pass over its subgraphs marks the nodes and edges they
 * hold, and one pass over its edges records the earliest tail of each node
 * (agwrite's has_no_predecessor_below), so every graph costs its own size
 * plus that of its subgraphs. What is written, and in which order, is
 * agwrite's: the same iterators, the same tests, the same quoting
 * (tests/test_dot_write.c compares the two on every example, fixture and
 * golden, and on thousands of random graphs). A graph this walk does not
 * handle (an anonymous subgraph, node or edge defaults declared in a
 * subgraph: pipec makes neither) goes to agwrite, see supported(). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dot.h"

#define MAX_OUTPUTLINE 128 /* agwrite's line length for long strings */
#define MIN_OUTPUTLINE 60  /* the shortest `linelength` agwrite accepts */

typedef struct Writer {
    StrBuf *out;
    Arena *a; /* owns every array below */
    int level;
    int max_line;
    Agsym_t *tailport, *headport;
    unsigned stamp;       /* of the graph whose objects are being written */
    unsigned *node_below; /* == stamp: the node is in a subgraph of it */
    unsigned *edge_below; /* == stamp: the edge is in a subgraph of it */
    unsigned *has_in;     /* == stamp: the node has an in-edge in it */
    uint64_t *first_tail; /* the smallest sequence number of those tails */
    unsigned char *node_done, *edge_done; /* attributes written */
} Writer;

/* ---- strings: agwrite's quoting ------------------------------------------ */

/* cgraph's ISALNUM: letters, digits, '_', and any byte of a UTF-8 sequence. */
static bool id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c >= 0x80;
}

static bool digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Where agwrite may break a long string: after a character that is none of
 * write.c's is_id_char (letters, digits, '.', '-', non-ASCII: no '_') nor
 * a backslash, before one that is. */
static bool break_char(unsigned char c)
{
    return (id_char(c) && c != '_') || c == '.' || c == '-';
}

static bool may_break(unsigned char last, unsigned char next)
{
    return !(break_char(last) || last == '\\') && break_char(next);
}

/* DOT's keywords are quoted whatever their case. */
static bool keyword(const char *s)
{
    static const char *const words[] = {"node", "edge", "strict", "graph", "digraph",
                                        "subgraph"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(words[i], s) == 0)
            return true;
    return false;
}

/* A numeral stays unquoted: digits, at most one '.', a '-' only first. */
typedef struct Numeral {
    bool maybe;
    int dots;
} Numeral;

static bool numeral_breaks(Numeral *num, unsigned char c, size_t count)
{
    if (c == '-' ? count > 0 : c == '.' ? num->dots++ > 0 : !digit(c))
        num->maybe = false;
    return !num->maybe;
}

/* An ordinary string as agwrite's _agstrcanon writes it: bare when it is an
 * identifier or a numeral, else quoted with `"` escaped and a backslash-
 * newline after every max_line characters or so. */
static void put_plain(Writer *w, const char *s)
{
    if (!s || !*s) {
        sb_puts(w->out, "\"\"");
        return;
    }
    StrBuf *b = w->out;
    size_t mark = b->len, count = 0;
    bool quote = false, pending = false;
    Numeral num = {digit((unsigned char)*s) || *s == '.' || *s == '-', 0};
    sb_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"') {
            sb_putc(b, '\\');
            quote = true;
        } else if (num.maybe ? numeral_breaks(&num, *p, count) : !id_char(*p)) {
            quote = true;
        }
        sb_putc(b, (char)*p);
        count++;
        unsigned char last = (unsigned char)b->data[b->len - 1], next = p[1];
        if (!w->max_line || !next)
            continue;
        if ((pending || count >= (size_t)w->max_line) && may_break(last, next)) {
            sb_puts(b, "\\\n");
            quote = true;
            pending = false;
            count = 0;
        } else if (count >= (size_t)w->max_line) {
            pending = true;
        }
    }
    sb_putc(b, '"');
    if (quote || (count == 1 && (*s == '.' || *s == '-')) || keyword(s))
        return;
    b->len = mark;
    sb_puts(b, s);
}

/* agwrite's agcanonStr: an HTML-like string between <>, others as above. */
static void put_canon(Writer *w, const char *s)
{
    if (s && aghtmlstr((char *)s)) {
        sb_putc(w->out, '<');
        sb_puts(w->out, s);
        sb_putc(w->out, '>');
    } else {
        put_plain(w, s);
    }
}

static void indent(Writer *w)
{
    for (int i = 0; i < w->level; i++)
        sb_putc(w->out, '\t');
}

/* ---- attribute declarations ---------------------------------------------- */

/* Before item `count` of an attribute list: the opener (and one level in)
 * for the first, a comma and a new line for the others. */
static void list_item(Writer *w, int count, const char *opener)
{
    if (count == 0) {
        sb_puts(w->out, opener);
        w->level++;
    } else {
        sb_puts(w->out, ",\n");
        indent(w);
    }
}

/* For a subgraph, agwrite lists only the attributes declared in it (its
 * dictionary without the view on its parent's): in the view, a symbol is
 * the subgraph's own when the parent resolves the name to another one. */
static bool empty(const char *s)
{
    return !s || !*s;
}

static Agsym_t *parent_sym(Agraph_t *g, int kind, Agsym_t *sym)
{
    Agraph_t *p = agparent(g);
    return p ? agattr(p, kind, sym->name, NULL) : NULL;
}

static bool dict_lists(Agraph_t *g, int kind, Agsym_t *sym, bool top)
{
    Agsym_t *psym = top ? NULL : parent_sym(g, kind, sym);
    if (!top && psym == sym)
        return false;
    if (!empty(sym->defval) || sym->print)
        return true;
    /* an empty default: written unless the parent's is empty and printed */
    return !top && psym && !(empty(psym->defval) && psym->print);
}

static void write_dict(Writer *w, Agraph_t *g, int kind, const char *what, bool top)
{
    int count = 0;
    for (Agsym_t *sym = agnxtattr(g, kind, NULL); sym; sym = agnxtattr(g, kind, sym)) {
        if (!dict_lists(g, kind, sym, top))
            continue;
        if (count == 0) {
            indent(w);
            sb_puts(w->out, what);
        }
        list_item(w, count++, " [");
        put_canon(w, sym->name);
        sb_putc(w->out, '=');
        put_canon(w, sym->defval);
    }
    if (count == 0)
        return;
    w->level--;
    if (count > 1) {
        sb_putc(w->out, '\n');
        indent(w);
    }
    sb_puts(w->out, "];\n");
}

/* ---- nodes and edges ------------------------------------------------------ */

/* An edge's key, if it has a name: "\t[key=NAME", then "]" if terminate. */
static bool write_edge_name(Writer *w, Agedge_t *e, bool terminate)
{
    const char *name = agnameof(e);
    if (!name || !*name)
        return false;
    if (!terminate)
        w->level++;
    sb_puts(w->out, "\t[key=");
    put_canon(w, name);
    if (terminate)
        sb_putc(w->out, ']');
    return true;
}

static bool is_port(const Writer *w, const Agsym_t *sym)
{
    return (w->tailport && sym->id == w->tailport->id) ||
           (w->headport && sym->id == w->headport->id);
}

/* The attributes of obj that differ from g's defaults, as "\t[a=b,\n...]".
 * A value equal to the default is the default's interned string itself. */
static void write_attrs(Writer *w, Agraph_t *g, void *obj, int kind)
{
    int count = 0;
    if (kind == AGEDGE && write_edge_name(w, obj, false))
        count++;
    for (Agsym_t *sym = agnxtattr(g, kind, NULL); sym; sym = agnxtattr(g, kind, sym)) {
        char *value = agxget(obj, sym);
        if ((kind == AGEDGE && is_port(w, sym)) || value == sym->defval)
            continue;
        list_item(w, count++, "\t[");
        put_canon(w, sym->name);
        sb_putc(w->out, '=');
        put_canon(w, value);
    }
    if (count > 0) {
        sb_putc(w->out, ']');
        w->level--;
    }
}

static void write_node_name(Writer *w, Agnode_t *n)
{
    const char *name = agnameof(n);
    if (name)
        put_canon(w, name);
    else
        sb_printf(w->out, "_%ld_SUSPECT", (long)AGID(n));
}

static void write_node(Writer *w, Agraph_t *g, Agnode_t *n)
{
    indent(w);
    write_node_name(w, n);
    if (!w->node_done[AGSEQ(n)]) {
        write_attrs(w, g, n, AGNODE);
        w->node_done[AGSEQ(n)] = 1;
    }
    sb_puts(w->out, ";\n");
}

/* ":port" or ":port:compass" after an endpoint, when the edge has one. */
static void write_port(Writer *w, Agedge_t *e, Agsym_t *port)
{
    const char *val = port ? agxget(e, port) : "";
    if (!*val)
        return;
    sb_putc(w->out, ':');
    if (aghtmlstr((char *)val)) {
        put_canon(w, val);
        return;
    }
    const char *colon = strchr(val, ':');
    if (!colon) {
        put_plain(w, val);
        return;
    }
    char *first = arena_strndup(w->a, val, (size_t)(colon - val));
    put_plain(w, first);
    sb_putc(w->out, ':');
    put_plain(w, colon + 1);
}

static void write_edge(Writer *w, Agraph_t *g, Agedge_t *e)
{
    indent(w);
    write_node_name(w, AGTAIL(e));
    write_port(w, e, w->tailport);
    sb_puts(w->out, agroot(g)->desc.directed ? " -> " : " -- ");
    write_node_name(w, AGHEAD(e));
    write_port(w, e, w->headport);
    if (!w->edge_done[AGSEQ(e)]) {
        write_attrs(w, g, e, AGEDGE);
        w->edge_done[AGSEQ(e)] = 1;
    } else {
        write_edge_name(w, e, true);
    }
    sb_puts(w->out, ";\n");
}

/* ---- what agwrite asks of every object, answered in one pass -------------- */

/* Marks, under a new stamp, the nodes and edges of g's subgraphs and the
 * earliest tail of every node's in-edges in g. */
static void survey(Writer *w, Agraph_t *g)
{
    unsigned s = ++w->stamp;
    for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub))
        for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
            w->node_below[AGSEQ(n)] = s;
            for (Agedge_t *e = agfstout(sub, n); e; e = agnxtout(sub, e))
                w->edge_below[AGSEQ(e)] = s;
        }
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            unsigned h = AGSEQ(AGHEAD(e));
            if (w->has_in[h] != s || AGSEQ(n) < w->first_tail[h]) {
                w->has_in[h] = s;
                w->first_tail[h] = AGSEQ(n);
            }
        }
}

/* agwrite's write_node_test: a node is written where it is first met, unless
 * a subgraph writes it, and only if an edge statement does not name it
 * anyway (it has no edges) or it has attributes of its own. */
static bool node_wanted(Writer *w, Agraph_t *g, Agnode_t *n, uint64_t pred)
{
    unsigned k = AGSEQ(n);
    if (w->node_below[k] == w->stamp || k < pred)
        return false;
    bool has_in = w->has_in[k] == w->stamp;
    if (has_in && w->first_tail[k] < pred)
        return false;
    if (!has_in && !agfstout(g, n))
        return true;
    for (Agsym_t *sym = agnxtattr(agroot(g), AGNODE, NULL); sym;
         sym = agnxtattr(agroot(g), AGNODE, sym))
        if (agxget(n, sym) != sym->defval)
            return true;
    return false;
}

/* ---- graphs --------------------------------------------------------------- */

static void write_graph(Writer *w, Agraph_t *g, bool top);

static void write_header(Writer *w, Agraph_t *g, bool top)
{
    const char *name = agnameof(g);
    bool named = name && name[0] != '%';
    indent(w);
    if (top) {
        sb_puts(w->out, g->desc.strict ? "strict " : "");
        sb_puts(w->out, g->desc.directed ? "digraph " : "graph ");
    } else if (named) {
        sb_puts(w->out, "subgraph ");
    }
    if (named) {
        put_canon(w, name);
        sb_putc(w->out, ' ');
    }
    sb_puts(w->out, "{\n");
    w->level++;
    write_dict(w, g, AGRAPH, "graph", top);
    write_dict(w, g, AGNODE, "node", top);
    write_dict(w, g, AGEDGE, "edge", top);
}

/* The subgraphs, then every node and edge of g that none of them wrote. */
static void write_body(Writer *w, Agraph_t *g)
{
    for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub))
        write_graph(w, sub, false);
    survey(w, g);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        if (node_wanted(w, g, n, AGSEQ(n)))
            write_node(w, g, n);
        Agnode_t *prev = n;
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            if (prev != AGHEAD(e) && node_wanted(w, g, AGHEAD(e), AGSEQ(n))) {
                write_node(w, g, AGHEAD(e));
                prev = AGHEAD(e);
            }
            if (w->edge_below[AGSEQ(e)] != w->stamp)
                write_edge(w, g, e);
        }
    }
}

static void write_graph(Writer *w, Agraph_t *g, bool top)
{
    write_header(w, g, top);
    write_body(w, g);
    w->level--;
    indent(w);
    sb_puts(w->out, "}\n");
}

/* ---- entry ---------------------------------------------------------------- */

/* agwrite's answer to a graph this writer does not handle. */
static int agwrite_into(Agraph_t *g, StrBuf *out)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return -1;
    int rc = agwrite(g, f);
    if (fclose(f) != 0)
        rc = -1;
    if (rc == 0)
        sb_putn(out, buf, len);
    free(buf);
    return rc == 0 ? 0 : -1;
}

/* A default the subgraph declares itself (its symbol hides the parent's). */
static bool declares(Agraph_t *sub, int kind)
{
    for (Agsym_t *sym = agnxtattr(sub, kind, NULL); sym; sym = agnxtattr(sub, kind, sym))
        if (parent_sym(sub, kind, sym) != sym)
            return true;
    return false;
}

/* What is written here as agwrite writes it: named subgraphs only (agwrite
 * skips some anonymous ones), and node and edge defaults declared on the
 * root only (agwrite compares a node with the defaults of the graph it was
 * created in, which cgraph does not tell). emit_dot.c makes no other. */
static bool supported(Agraph_t *g)
{
    for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
        const char *name = agnameof(sub);
        if (!name || name[0] == '%' || declares(sub, AGNODE) || declares(sub, AGEDGE) ||
            !supported(sub))
            return false;
    }
    return true;
}

/* agwrite breaks long strings at `linelength` characters (0: never). */
static int line_length(Agraph_t *g)
{
    const char *s = agget(g, "linelength");
    if (s && digit((unsigned char)*s)) {
        int n = (int)strtol(s, NULL, 10);
        if (n == 0 || n >= MIN_OUTPUTLINE)
            return n;
    }
    return MAX_OUTPUTLINE;
}

/* The per-object arrays, indexed by sequence number (cgraph numbers the
 * nodes, and the edges, of a root graph 1, 2, 3 ...). */
static void writer_arrays(Writer *w, Agraph_t *g)
{
    size_t nodes = 0, edges = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        if (AGSEQ(n) > nodes)
            nodes = AGSEQ(n);
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (AGSEQ(e) > edges)
                edges = AGSEQ(e);
    }
    nodes++, edges++;
    w->node_below = arena_alloc(w->a, nodes * sizeof *w->node_below);
    w->has_in = arena_alloc(w->a, nodes * sizeof *w->has_in);
    w->first_tail = arena_alloc(w->a, nodes * sizeof *w->first_tail);
    w->node_done = arena_alloc(w->a, nodes);
    w->edge_below = arena_alloc(w->a, edges * sizeof *w->edge_below);
    w->edge_done = arena_alloc(w->a, edges);
}

int dot_write(Agraph_t *g, StrBuf *out)
{
    if (!supported(g))
        return agwrite_into(g, out);
    Writer w = {.out = out, .a = arena_new(), .max_line = line_length(g)};
    w.tailport = agattr(g, AGEDGE, "tailport", NULL);
    w.headport = agattr(g, AGEDGE, "headport", NULL);
    writer_arrays(&w, g);
    write_graph(&w, g, true);
    arena_free(w.a);
    return 0;
}
