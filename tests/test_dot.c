/* pipec build -T dot|svg|png|pdf: the DOT of every example is read back with
 * cgraph (agmemread) and matches the model exactly (one node per component,
 * one edge per flow and per reference, one cluster per group, nested as the
 * groups are); attributes say what they should (dashed control links and
 * transforms, rankdir, category colours); SVG is well-formed XML naming
 * every component; PNG and PDF carry their magic bytes; every format is
 * byte-identical over two runs; hostile labels cannot change the graph's
 * structure and round-trip as text; three goldens match byte for byte
 * (UPDATE_GOLDEN=1 rewrites them). */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <cgraph.h>
#include <dirent.h>

#include "emit.h"

/* ---- compiling and emitting ------------------------------------------------ */

static Compilation *compile_file(const char *rel)
{
    char *path = test_path(rel);
    Compilation *c = malloc(sizeof *c);
    compilation_init(c);
    cr_assert_eq(compile_path(c, NULL, path, rel), COMPILE_OK, "cannot read %s", rel);
    free(path);
    cr_assert_eq(c->diags.nerrors, 0, "%s has errors", rel);
    cr_assert_not_null(c->model, "%s has no pipeline", rel);
    return c;
}

static Compilation *compile_src(const char *text)
{
    Compilation *c = test_compile(text);
    char *msgs = test_render(c);
    cr_assert_eq(c->diags.nerrors, 0, "errors:\n%s", msgs);
    free(msgs);
    cr_assert_not_null(c->model);
    return c;
}

/* The output of one format, NUL-terminated (binary formats have *len). */
static char *emit(const Compilation *c, const char *format, size_t *len)
{
    EmitContext ctx = {.model = c->model, .source_name = "test.pipe"};
    StrBuf b;
    sb_init(&b);
    int rc = strcmp(format, "dot") == 0 ? emit_dot(&ctx, &b) : emit_render(&ctx, format, &b);
    cr_assert_eq(rc, 0, "emit %s failed: %s", format, ctx.err ? ctx.err : "?");
    cr_assert_gt(b.len, 0, "empty %s output", format);
    if (len)
        *len = b.len;
    return sb_take(&b);
}

static Agraph_t *read_back(const Compilation *c, char **dot_out)
{
    char *dot = emit(c, "dot", NULL);
    Agraph_t *g = agmemread(dot);
    cr_assert_not_null(g, "cgraph cannot read the DOT back:\n%s", dot);
    if (dot_out)
        *dot_out = dot;
    else
        free(dot);
    return g;
}

/* Every .pipe file of examples/, sorted. */
static int examples(char ***out)
{
    char *dir = test_path("examples");
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort), k = 0;
    cr_assert_gt(n, 0, "cannot list %s", dir);
    char **names = calloc((size_t)n, sizeof *names);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(ents[i]->d_name);
        if (l > 5 && strcmp(ents[i]->d_name + l - 5, ".pipe") == 0 &&
            asprintf(&names[k], "examples/%s", ents[i]->d_name) > 0)
            k++;
        free(ents[i]);
    }
    free(ents);
    free(dir);
    cr_assert_gt(k, 0, "no examples");
    *out = names;
    return k;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- reading labels back ------------------------------------------------- */

static char *attr(void *obj, const char *name)
{
    char *v = agget(obj, (char *)name);
    return v ? v : "";
}

/* The text of an HTML-like label: tags dropped, <br/> as a newline, entities
 * and the renderer's doubled backslash decoded. */
static char *html_text(const char *h)
{
    static const struct { const char *e; const char *c; } ents[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
        {"&nbsp;", " "},
    };
    char *r = malloc(strlen(h) + 1), *w = r;
    while (*h) {
        if (*h == '<') {
            const char *e = strchr(h, '>');
            cr_assert_not_null(e, "unclosed tag in %s", h);
            if (strncmp(h, "<br/>", 5) == 0)
                *w++ = '\n';
            h = e + 1;
        } else if (*h == '&') {
            size_t k = 0;
            while (k < sizeof ents / sizeof ents[0] && strncmp(h, ents[k].e, strlen(ents[k].e)))
                k++;
            cr_assert_lt(k, sizeof ents / sizeof ents[0], "unknown entity at %s", h);
            *w++ = ents[k].c[0];
            h += strlen(ents[k].e);
        } else if (h[0] == '\\' && h[1] == '\\') {
            *w++ = '\\';
            h += 2;
        } else {
            *w++ = *h++;
        }
    }
    *w = '\0';
    return r;
}

/* The text of a plain label: \\ and \n decoded. */
static char *plain_text(const char *s)
{
    char *r = malloc(strlen(s) + 1), *w = r;
    for (; *s; s++) {
        if (s[0] == '\\' && (s[1] == '\\' || s[1] == 'n')) {
            *w++ = s[1] == 'n' ? '\n' : '\\';
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
    return r;
}

static bool html_has(void *obj, const char *name, const char *text)
{
    char *v = attr(obj, name);
    cr_assert(aghtmlstr(v), "%s is not an HTML-like label: %s", name, v);
    char *t = html_text(v);
    bool ok = strstr(t, text) != NULL;
    free(t);
    return ok;
}

/* ---- the structure ------------------------------------------------------- */

static int count_clusters(Agraph_t *g)
{
    int n = 0;
    for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s))
        n += 1 + count_clusters(s);
    return n;
}

/* An edge tail -> head whose label holds text; NULL if none. */
static Agedge_t *find_edge(Agraph_t *g, const char *tail, const char *head, const char *text)
{
    Agnode_t *t = agnode(g, (char *)tail, 0), *h = agnode(g, (char *)head, 0);
    cr_assert(t && h, "no node %s or %s", tail, head);
    for (Agedge_t *e = agfstout(g, t); e; e = agnxtout(g, e))
        if (aghead(e) == h && html_has(e, "label", text))
            return e;
    return NULL;
}

static void check_groups(Agraph_t *root, const Model *m)
{
    cr_assert_eq(count_clusters(root), m->groups.n, "clusters: %d, groups: %d",
                 count_clusters(root), m->groups.n);
    for (int i = 0; i < m->groups.n; i++) {
        const MGroup *grp = m->groups.items[i];
        char name[256];
        snprintf(name, sizeof name, "cluster_%s", grp->name);
        Agraph_t *parent = root;
        if (grp->parent) {
            char pname[256];
            snprintf(pname, sizeof pname, "cluster_%s", grp->parent->name);
            parent = agsubg(root, pname, 0);
            for (Agraph_t *s = agfstsubg(root); !parent && s; s = agnxtsubg(s))
                parent = agsubg(s, pname, 0);
            cr_assert_not_null(parent, "no cluster %s", pname);
        }
        Agraph_t *sub = agsubg(parent, name, 0);
        cr_assert_not_null(sub, "no cluster %s in its parent", name);
        char *title = plain_text(attr(sub, "label"));
        cr_assert_str_eq(title, grp->title ? grp->title : grp->name);
        free(title);
        for (int k = 0; k < grp->items.n; k++) {
            const MGroupItem it = group_item(&grp->items, k);
            if (it.component)
                cr_assert_not_null(agnode(sub, (char *)it.component->name, 0),
                                   "%s not in %s", it.component->name, name);
        }
    }
}

static void check_node(Agraph_t *g, const MComponent *c)
{
    Agnode_t *n = agnode(g, (char *)c->name, 0);
    cr_assert_not_null(n, "no node %s", c->name);
    char *label = attr(n, "label");
    const Category *k = c->service->category;
    char want[64];
    snprintf(want, sizeof want, k->external ? "color=\"%s\"" : "bgcolor=\"%s\"", k->color);
    cr_assert(strstr(label, want), "%s: no %s in %s", c->name, want, label);
    if (k->external)
        cr_assert(strstr(label, "dashed"), "external %s is not dashed", c->name);
    cr_assert(html_has(n, "label", c->name));
    cr_assert(html_has(n, "label", c->service->short_title ? c->service->short_title
                                                            : c->service->title));
    if (c->label)
        cr_assert(html_has(n, "label", c->label), "%s: label %s", c->name, c->label);
}

static void check_edges(Agraph_t *g, const Model *m)
{
    cr_assert_eq(agnedges(g), m->flows.n + m->refs.n, "edges: %d, flows + refs: %d",
                 agnedges(g), m->flows.n + m->refs.n);
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        Agedge_t *e = find_edge(g, f->from->name, f->to->name, f->link->via);
        cr_assert_not_null(e, "no edge %s -> %s (%s)", f->from->name, f->to->name, f->link->via);
        if (f->label)
            cr_assert(html_has(e, "label", f->label));
        cr_assert_str_eq(attr(e, "style"), f->link->control ? "dashed" : "");
    }
    for (int i = 0; i < m->refs.n; i++) {
        const MRef *r = m->refs.items[i];
        Agedge_t *e = find_edge(g, r->from->name, r->to->name, r->prop);
        cr_assert_not_null(e, "no %s edge %s -> %s", r->prop, r->from->name, r->to->name);
        cr_assert_str_eq(attr(e, "style"), "dashed");
        cr_assert_str_eq(attr(e, "constraint"), "false");
    }
}

static void check_structure(const Compilation *c)
{
    const Model *m = c->model;
    Agraph_t *g = read_back(c, NULL);
    cr_assert_eq(agnnodes(g), m->components.n, "nodes: %d, components: %d", agnnodes(g),
                 m->components.n);
    for (int i = 0; i < m->components.n; i++)
        check_node(g, m->components.items[i]);
    check_edges(g, m);
    check_groups(g, m);
    cr_assert_str_eq(attr(g, "rankdir"), m->layout_tb ? "TB" : "LR");
    cr_assert(html_has(g, "label", m->title ? m->title : m->name));
    agclose(g);
}

Test(dot, every_example_reads_back_as_the_model)
{
    char **names;
    int n = examples(&names);
    for (int i = 0; i < n; i++) {
        Compilation *c = compile_file(names[i]);
        check_structure(c);
        test_free(c);
    }
    free_names(names, n);
}

Test(dot, control_link_and_transform_are_dashed)
{
    Compilation *c = compile_file("examples/emr-spark.pipe");
    Agraph_t *g = read_back(c, NULL);
    Agedge_t *e = find_edge(g, "policies", "sessions", "access control");
    cr_assert_not_null(e);
    cr_assert_str_eq(attr(e, "style"), "dashed");
    e = find_edge(g, "raw", "sessions", "EMRFS");
    cr_assert_not_null(e);
    cr_assert_str_eq(attr(e, "style"), "");
    agclose(g);
    test_free(c);

    c = compile_file("examples/clickstream.pipe");
    g = read_back(c, NULL);
    e = find_edge(g, "archive", "enrich", "transform");
    cr_assert_not_null(e);
    char *t = html_text(attr(e, "label"));
    cr_assert_str_eq(t, "transform");
    free(t);
    cr_assert_str_eq(attr(e, "style"), "dashed");
    cr_assert_str_eq(attr(e, "constraint"), "false");
    e = find_edge(g, "events", "enrich", "event source mapping\nfan-out");
    cr_assert_not_null(e, "the flow's own label follows the mechanism");
    agclose(g);
    test_free(c);
}

Test(dot, layout_and_category_colours)
{
    Compilation *c = compile_file("examples/capacity-planning.pipe");
    Agraph_t *g = read_back(c, NULL);
    cr_assert_str_eq(attr(g, "rankdir"), "TB");
    agclose(g);
    test_free(c);

    c = compile_file("examples/clickstream.pipe");
    g = read_back(c, NULL);
    cr_assert_str_eq(attr(g, "rankdir"), "LR");
    static const struct { const char *node, *color; } want[] = {
        {"sensors", "#7AA116"}, {"events", "#8C4FFF"}, {"enrich", "#ED7100"},
        {"lake", "#7AA116"},    {"bi", "#8C4FFF"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char fill[64];
        snprintf(fill, sizeof fill, "bgcolor=\"%s\"", want[i].color);
        cr_assert(strstr(attr(agnode(g, (char *)want[i].node, 0), "label"), fill), "%s: %s",
                  want[i].node, fill);
    }
    cr_assert(html_has(agnode(g, "events", 0), "label", "4 shards · 48 h"));
    cr_assert(html_has(agnode(g, "enrich", 0), "label", "python3.12 · 512 MB · 60 s"));
    agclose(g);
    test_free(c);
}

Test(dot, emr_node_groups_are_rows_of_the_card)
{
    Compilation *c = compile_file("examples/emr-spark.pipe");
    Agraph_t *g = read_back(c, NULL);
    cr_assert_eq(agnnodes(g), c->model->components.n, "no extra nodes for node groups");
    Agnode_t *n = agnode(g, "sessions", 0);
    cr_assert(html_has(n, "label", "masterm5.xlarge× 1  on demand"));
    cr_assert(html_has(n, "label", "corer6i.2xlarge× 3  on demand"));
    cr_assert(html_has(n, "label", "taskr5.2xlarge× 4  spot"));
    agclose(g);
    test_free(c);
}

Test(dot, nested_groups_are_nested_clusters)
{
    Compilation *c = compile_src("pipeline p {\n"
                                 "  group outer \"Outer\" {\n"
                                 "    a : s3\n"
                                 "    group inner {\n"
                                 "      b : lambda\n"
                                 "      group deepest \"Deep\" { d : sqs }\n"
                                 "    }\n"
                                 "  }\n"
                                 "  a -> b -> d\n"
                                 "}\n");
    Agraph_t *g = read_back(c, NULL);
    check_groups(g, c->model);
    Agraph_t *outer = agsubg(g, "cluster_outer", 0);
    Agraph_t *inner = agsubg(outer, "cluster_inner", 0);
    cr_assert_not_null(inner);
    cr_assert_null(agsubg(g, "cluster_inner", 0), "inner is not a child of the root");
    Agraph_t *deep = agsubg(inner, "cluster_deepest", 0);
    cr_assert_not_null(deep);
    cr_assert_str_eq(attr(deep, "label"), "Deep");
    cr_assert_str_eq(attr(inner, "label"), "inner", "a group without a title shows its name");
    cr_assert_not_null(agnode(deep, "d", 0));
    cr_assert_null(agnode(deep, "b", 0));
    cr_assert_eq(agnnodes(g), 3);
    cr_assert_eq(agnedges(g), 2);
    agclose(g);
    test_free(c);
}

/* ---- hostile text ---------------------------------------------------------- */

/* Pipe source; the C string holds Pipe escapes (\\\" is Pipe's \"). */
static const char hostile_src[] =
    "pipeline hostile \"T \\\"q\\\" \\\\ <b>&amp; {x} [y] | z; a -> b\\nline\" {\n"
    "  group g1 \"G \\\"1\\\" \\\\N <i> & {}[]|;->\\nsecond\" {\n"
    "    node : kinesis_streams \"L \\\"q\\\" \\\\ \\\\N\\\\l <t> & {b} [c] | p ; s -> a\\nnext\"\n"
    "    edge : lambda \"it's\"\n"
    "  }\n"
    "  graph : s3 \"]]> <!-- --> </table> <br/> &#39;\"\n"
    "  subgraph : sqs\n"
    "  strict : sns\n"
    "  digraph : lambda\n"
    "  node -> edge { label = \"f \\\"q\\\" \\\\ <x> & {} [] | ; -> \\nl2\" }\n"
    "  edge -> graph { label = \"]]> <!-- \\\\\\\" -> graph [color=red]\" }\n"
    "  graph -> subgraph\n"
    "  strict -> digraph { label = \"}\\n}\\n{\" }\n"
    "}\n";

/* The same texts as the model holds them. */
#define H_TITLE "T \"q\" \\ <b>&amp; {x} [y] | z; a -> b\nline"
#define H_GROUP "G \"1\" \\N <i> & {}[]|;->\nsecond"
#define H_LABEL "L \"q\" \\ \\N\\l <t> & {b} [c] | p ; s -> a\nnext"
#define H_GRAPH "]]> <!-- --> </table> <br/> &#39;"
#define H_FLOW1 "f \"q\" \\ <x> & {} [] | ; -> \nl2"
#define H_FLOW2 "]]> <!-- \\\" -> graph [color=red]"

Test(dot, hostile_labels_keep_the_structure_and_round_trip)
{
    Compilation *c = compile_src(hostile_src);
    char *dot;
    Agraph_t *g = read_back(c, &dot);
    cr_assert_eq(agnnodes(g), 6, "nodes: %d\n%s", agnnodes(g), dot);
    cr_assert_eq(agnedges(g), 4, "edges: %d\n%s", agnedges(g), dot);
    cr_assert_eq(count_clusters(g), 1);
    static const char *const names[] = {"node", "edge", "graph", "subgraph", "strict", "digraph"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        cr_assert_not_null(agnode(g, (char *)names[i], 0), "no node %s", names[i]);
    check_structure(c);

    char *t = html_text(attr(agnode(g, "node", 0), "label"));
    cr_assert(strstr(t, H_LABEL), "component label does not round-trip: %s", t);
    free(t);
    cr_assert(html_has(agnode(g, "graph", 0), "label", H_GRAPH));
    cr_assert(html_has(agnode(g, "edge", 0), "label", "it's"));
    cr_assert(html_has(g, "label", H_TITLE));
    cr_assert_not_null(find_edge(g, "node", "edge", H_FLOW1));
    cr_assert_not_null(find_edge(g, "edge", "graph", H_FLOW2));
    cr_assert_not_null(find_edge(g, "strict", "digraph", "}\n}\n{"));
    Agraph_t *sub = agsubg(g, "cluster_g1", 0);
    char *title = plain_text(attr(sub, "label"));
    cr_assert_str_eq(title, H_GROUP);
    free(title);
    agclose(g);

    size_t len;
    char *svg = emit(c, "svg", &len);
    cr_assert_eq(strlen(svg), len);
    free(svg);
    free(emit(c, "png", NULL));
    free(dot);
    test_free(c);
}

/* An empty title, label, service title or mechanism would make an empty
 * <font></font> or <b></b>, which Graphviz rejects (and then draws the raw
 * HTML as text). */
Test(dot, empty_texts_never_break_a_label)
{
    Compilation *c = compile_src("service thing \"\" {\n"
                                 "  short = \"\"\n"
                                 "  category = external\n"
                                 "}\n"
                                 "link thing -> s3 via \"\"\n"
                                 "pipeline p \"\" {\n"
                                 "  region = \"\"\n"
                                 "  group g \"\" { t : thing \"\" }\n"
                                 "  b : s3\n"
                                 "  t -> b { label = \"\" }\n"
                                 "}\n");
    Agraph_t *g = read_back(c, NULL);
    cr_assert_eq(agnnodes(g), 2);
    cr_assert_eq(agnedges(g), 1);
    cr_assert(html_has(g, "label", "p"), "the pipeline's name stands in for its title");
    cr_assert(html_has(agnode(g, "t", 0), "label", "thing"), "the service id for its title");
    agclose(g);
    agreseterrors();
    free(emit(c, "svg", NULL));
    cr_assert_eq(agerrors(), 0, "Graphviz rejected a label");
    test_free(c);
}

/* ---- rendered formats -------------------------------------------------------- */

/* Well-formedness without libxml2: tags balance, quotes close, nothing but
 * entities after '&'. xmllint (Debian libxml2-utils) checks more when it is
 * installed. */
static void check_xml(const char *s)
{
    const char *stack[256];
    size_t lens[256];
    int depth = 0;
    while ((s = strchr(s, '<'))) {
        if (strncmp(s, "<!--", 4) == 0) {
            s = strstr(s, "-->");
            cr_assert_not_null(s, "unclosed comment");
            continue;
        }
        const char *e = s + 1;
        char q = 0;
        for (; *e && (q || *e != '>'); e++)
            if (*e == '"' || *e == '\'')
                q = q == *e ? 0 : q ? q : *e;
        cr_assert_eq(*e, '>', "unclosed tag");
        if (s[1] == '/') {
            cr_assert_gt(depth, 0, "closing tag with nothing open");
            depth--;
            cr_assert(strncmp(s + 2, stack[depth], lens[depth]) == 0,
                      "tags do not balance at %.40s", s);
        } else if (s[1] != '?' && s[1] != '!' && e[-1] != '/') {
            cr_assert_lt(depth, 256);
            stack[depth] = s + 1;
            lens[depth] = strcspn(s + 1, " \t\n/>");
            depth++;
        }
        s = e + 1;
    }
    cr_assert_eq(depth, 0, "%d tags left open", depth);
}

static void check_svg(const char *svg, size_t len, const Model *m)
{
    cr_assert_eq(strlen(svg), len, "NUL byte in the SVG");
    cr_assert(strstr(svg, "<svg"), "no <svg> element");
    check_xml(svg);
    for (int i = 0; i < m->components.n; i++) {
        char want[256];
        const MComponent *c = m->components.items[i];
        snprintf(want, sizeof want, "<title>%s</title>", c->name);
        cr_assert(strstr(svg, want), "no %s in the SVG", want);
    }
    if (system("command -v xmllint >/dev/null 2>&1") != 0)
        return;
    char path[] = "/tmp/pipec-dot-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, svg, len), (ssize_t)len);
    close(fd);
    char *cmd;
    cr_assert_gt(asprintf(&cmd, "xmllint --noout --nonet %s", path), 0);
    int rc = system(cmd);
    unlink(path);
    free(cmd);
    cr_assert_eq(rc, 0, "xmllint rejects the SVG");
}

/* Each format twice: byte-identical, and shaped as the format says. */
static void check_formats(const Compilation *c)
{
    static const char *const formats[] = {"dot", "svg", "png", "pdf"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        size_t n1, n2;
        agreseterrors();
        char *a = emit(c, formats[i], &n1), *b = emit(c, formats[i], &n2);
        cr_assert_eq(agerrors(), 0, "%s: Graphviz reported an error (a label that does not "
                                    "parse?)", formats[i]);
        cr_assert(n1 == n2 && memcmp(a, b, n1) == 0, "%s: two runs differ", formats[i]);
        if (strcmp(formats[i], "svg") == 0)
            check_svg(a, n1, c->model);
        if (strcmp(formats[i], "png") == 0)
            cr_assert(n1 > 8 && memcmp(a, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
        if (strcmp(formats[i], "pdf") == 0) {
            cr_assert(n1 > 5 && memcmp(a, "%PDF-", 5) == 0, "not a PDF");
            cr_assert(memmem(a, n1, "%%EOF", 5), "PDF without %%%%EOF");
        }
        free(a);
        free(b);
    }
}

Test(dot, every_example_renders_deterministically, .timeout = 300)
{
    char **names;
    int n = examples(&names);
    for (int i = 0; i < n; i++) {
        Compilation *c = compile_file(names[i]);
        check_formats(c);
        test_free(c);
    }
    free_names(names, n);
}

Test(dot, pdf_date_follows_source_date_epoch)
{
    Compilation *c = compile_file("examples/clickstream.pipe");
    size_t len;
    unsetenv("SOURCE_DATE_EPOCH");
    char *pdf = emit(c, "pdf", &len);
    cr_assert(memmem(pdf, len, "/CreationDate (D:19700101000000", 31), "date not pinned");
    free(pdf);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    pdf = emit(c, "pdf", &len);
    unsetenv("SOURCE_DATE_EPOCH");
    cr_assert(memmem(pdf, len, "/CreationDate (D:20231114221320", 31), "SOURCE_DATE_EPOCH ignored");
    free(pdf);
    test_free(c);
}

Test(dot, unknown_render_format_fails_cleanly)
{
    Compilation *c = compile_file("examples/clickstream.pipe");
    EmitContext ctx = {.model = c->model, .source_name = "x"};
    StrBuf b;
    sb_init(&b);
    cr_assert_eq(emit_render(&ctx, "gif", &b), -1);
    cr_assert_not_null(ctx.err);
    cr_assert_eq(b.len, 0);
    sb_free(&b);
    test_free(c);
}

/* ---- goldens and the command line ------------------------------------------------ */

static void check_golden(const char *example, const char *golden)
{
    Compilation *c = compile_file(example);
    size_t len;
    char *dot = emit(c, "dot", &len);
    char *path = test_path(golden);
    if (getenv("UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        cr_assert_not_null(f, "cannot write %s", path);
        fwrite(dot, 1, len, f);
        fclose(f);
    }
    size_t glen;
    char *want = test_read_file(path, &glen);
    cr_assert_not_null(want, "missing %s (UPDATE_GOLDEN=1 writes it)", golden);
    cr_assert(glen == len && memcmp(want, dot, len) == 0, "%s differs from %s:\n%s", example,
              golden, dot);
    free(want);
    free(path);
    free(dot);
    test_free(c);
}

Test(dot, golden_clickstream)
{
    check_golden("examples/clickstream.pipe", "tests/golden/clickstream.dot");
}

Test(dot, golden_emr_spark)
{
    check_golden("examples/emr-spark.pipe", "tests/golden/emr-spark.dot");
}

Test(dot, golden_firehose_transform)
{
    check_golden("examples/firehose-transform.pipe", "tests/golden/firehose-transform.dot");
}

Test(dot, build_command_writes_every_format)
{
    char *golden = test_path("tests/golden/clickstream.dot");
    char *want = test_read_file(golden, NULL);
    cr_assert_not_null(want);
    char *args, *out = NULL, *err = NULL;
    cr_assert_gt(asprintf(&args, "build -T dot %s/examples/clickstream.pipe", test_root()), 0);
    cr_assert_eq(test_run(args, NULL, &out, &err), 0, "stderr: %s", err);
    cr_assert_str_eq(out, want);
    free(args);
    free(out);
    free(err);
    static const char *const formats[] = {"svg", "png", "pdf"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char dir[] = "/tmp/pipec-dot-XXXXXX";
        cr_assert_not_null(mkdtemp(dir));
        cr_assert_gt(asprintf(&args, "build -T %s -o %s/out.%s %s/examples/clickstream.pipe",
                              formats[i], dir, formats[i], test_root()), 0);
        cr_assert_eq(test_run(args, NULL, NULL, &err), 0, "stderr: %s", err);
        cr_assert(!strstr(err, "Error:") && !strstr(err, "Warning:"), "%s: Graphviz says %s",
                  formats[i], err);
        char *file;
        cr_assert_gt(asprintf(&file, "%s/out.%s", dir, formats[i]), 0);
        size_t len = 0;
        char *data = test_read_file(file, &len);
        cr_assert(data && len > 100, "%s not written", file);
        unlink(file);
        rmdir(dir);
        free(file);
        free(data);
        free(args);
        free(err);
    }
    free(want);
    free(golden);
}
