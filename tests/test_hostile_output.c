/* Hostile text through every emitter. tests/fixtures/hostile-output.pipe
 * fills every free-text field (pipeline title, description, owner, region,
 * group titles, component labels, flow labels, string settings, and a user
 * service's title, short title, doc and `via`) with the metacharacters of
 * DOT, YAML, JSON, Markdown, Mermaid and HTML, CloudFormation's `${...}` and
 * `!Ref`, YAML's `null` `yes` `0x10` `: ` `- `, unicode (é, an emoji, the
 * RTL mark U+200F), and one label of 5,000 characters. The real pipec binary
 * builds every format, and each output is read back with a real parser:
 *   dot       cgraph agmemread: the nodes, edges and clusters of the model,
 *             nothing else; every label decodes back to its text
 *   svg       xmllint --noout; one node, edge, cluster group per item
 *   png, pdf  render, with their magic bytes
 *   md        cmark-gfm -e table -t xml: one table row per component and per
 *             flow, cell texts round-trip, no raw HTML, no stray code block;
 *             the mermaid fence opens once and closes once and no label has a
 *             raw quote, backtick or newline
 *   cfn       libyaml's parser, converted to a jansson tree (plain scalars
 *             resolved as YAML 1.1 would), equals cfn-json parsed by jansson;
 *             the keys are those of the same pipeline with harmless text, no
 *             tag, anchor or alias, labels only as string values, every
 *             Fn::Sub / Ref / GetAtt names something the template defines;
 *             YAML look-alikes (null, yes, 0x10, 1:20, - x, !Ref x, block
 *             scalars, NEL/LS/PS) one by one; a hostile file name
 *   fmt       the fixtures are canonical: fmt writes every string back
 *   check     --format json and sarif with hostile text in the messages
 *             (tests/fixtures/hostile-messages.pipe) and a hostile file name:
 *             jansson parses both, the texts round-trip, gcc stays one line
 *             per finding.
 * The truth is the model of the fixture, compiled in-process. */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <cgraph.h>
#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "cmark_xml.h"
#include "value.h"

#define FIXTURE "tests/fixtures/hostile-output.pipe"
#define MESSAGES "tests/fixtures/hostile-messages.pipe"

/* ---- temporary files ------------------------------------------------------------ */

/* Every temporary file and folder a test makes, removed (files first) when
 * it ends, passed or failed. */
static char *temps[32];
static int ntemps;

static void track(const char *path)
{
    if (ntemps < (int)(sizeof temps / sizeof temps[0]))
        temps[ntemps++] = strdup(path);
}

static void remove_temps(void)
{
    while (ntemps > 0) {
        char *p = temps[--ntemps];
        remove(p);
        free(p);
    }
}

TestSuite(hostile_output, .fini = remove_temps);

/* ---- running pipec ------------------------------------------------------------ */

typedef struct Out {
    int status;
    char *data, *err;
    size_t len;
} Out;

/* A word for sh: 'text' with each ' written '\''. */
static char *shq(const char *s)
{
    size_t n = 3;
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 4 : 1;
    char *r = malloc(n), *w = r;
    *w++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(w, "'\\''", 4);
            w += 4;
        } else {
            *w++ = *p;
        }
    }
    *w++ = '\'';
    *w = '\0';
    return r;
}

/* `cd ROOT && pipec ARGS`, standard output as bytes (binary formats too);
 * standard input is /dev/null unless ARGS redirect it. */
static Out pipec(const char *args)
{
    char dir[] = "/tmp/pipec-hout-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *out = NULL, *err = NULL, *cmd = NULL, *root = shq(test_root()), *bin = shq(test_pipec());
    cr_assert_geq(asprintf(&out, "%s/out", dir), 0);
    cr_assert_geq(asprintf(&err, "%s/err", dir), 0);
    cr_assert_geq(asprintf(&cmd, "cd %s && timeout -s KILL 120 %s </dev/null %s >'%s' 2>'%s'", root,
                           bin, args, out, err), 0);
    int st = system(cmd);
    Out o = {.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1};
    o.data = test_read_file(out, &o.len);
    o.err = test_read_file(err, NULL);
    cr_assert_not_null(o.data);
    cr_assert_not_null(o.err);
    unlink(out);
    unlink(err);
    rmdir(dir);
    free(out);
    free(err);
    free(cmd);
    free(root);
    free(bin);
    return o;
}

static void out_free(Out *o)
{
    free(o->data);
    free(o->err);
}

/* pipec build -T FORMAT FILE: must succeed (warnings are allowed). */
static Out build(const char *format, const char *file)
{
    char *q = shq(file), *args = NULL;
    cr_assert_geq(asprintf(&args, "build -T %s %s", format, q), 0);
    Out o = pipec(args);
    cr_assert_eq(o.status, 0, "build -T %s %s: exit %d\n%.3000s", format, file, o.status, o.err);
    cr_assert_gt(o.len, 0, "build -T %s %s: no output", format, file);
    free(q);
    free(args);
    return o;
}

/* Runs a shell command; its standard output and status. */
static char *shell(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p, "popen %s", cmd);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(m);
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

static char *write_temp(const char *data, size_t len, const char *suffix)
{
    char *path = NULL;
    cr_assert_geq(asprintf(&path, "/tmp/pipec-hout-XXXXXX%s", suffix), 0);
    int fd = mkstemps(path, (int)strlen(suffix));
    cr_assert_geq(fd, 0);
    track(path);
    cr_assert_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

/* ---- the truth: the fixture's model --------------------------------------------- */

static Compilation *fixture(void)
{
    char *path = test_path(FIXTURE);
    Compilation *c = malloc(sizeof *c);
    compilation_init(c);
    cr_assert_eq(compile_path(c, NULL, path, FIXTURE), COMPILE_OK, "cannot read %s", path);
    char *msgs = test_render(c);
    cr_assert_eq(c->diags.nerrors, 0, "%s has errors:\n%s", FIXTURE, msgs);
    free(msgs);
    cr_assert_not_null(c->model);
    free(path);
    return c;
}

static const char *group_title(const MGroup *g)
{
    return g->title ? g->title : g->name;
}

/* A copy in which control characters other than \n are spaces (every
 * emitter draws a tab, which no label can show, as a space). */
static char *ctl_spaces(const char *s, bool keep_newline)
{
    char *r = strdup(s ? s : "");
    for (char *p = r; *p; p++)
        if (((unsigned char)*p < 0x20 && !(keep_newline && *p == '\n')) || *p == 0x7f)
            *p = ' ';
    return r;
}

/* The fixture really is hostile: guards against a fixture edited tame. */
Test(hostile_output, fixture_is_hostile)
{
    Compilation *c = fixture();
    const Model *m = c->model;
    static const char *const needles[] = {
        "\"", "'", "\\", "\n", "\t", "{", "}", "[", "]", "<", ">", "&", "|", ";", ":", "#", "%",
        "*", "_", "~", "$", "!", "@", "=", "-", "->", "`", "```", "…", "-->", "subgraph", "end",
        "}}", "]]", "<!--", "</table>", "${AWS::Region}", "!Ref", "null", "yes", "0x10", "é",
        "😀", "\xE2\x80\x8F"};
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        cr_assert_not_null(strstr(m->title, needles[i]), "title lacks %s", needles[i]);
        cr_assert_not_null(strstr(m->description, needles[i]), "description lacks %s", needles[i]);
        cr_assert_not_null(strstr(m->region, needles[i]), "region lacks %s", needles[i]);
        for (int k = 0; k < m->groups.n; k++)
            cr_assert_not_null(strstr(group_title(m->groups.items[k]), needles[i]));
    }
    cr_assert_str_eq(m->owner, "null");
    bool long_label = false;
    int flows_labelled = 0, strings = 0;
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *k = m->components.items[i];
        long_label |= k->label && strlen(k->label) >= 5000;
        for (int j = 0; j < k->props.n; j++) {
            const MProp *p = k->props.items[j];
            strings += !mprop_is_default(p) && p->value->kind == V_STRING &&
                       strstr(p->value->str, "</table>") != NULL;
        }
    }
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        flows_labelled += f->label && strstr(f->label, "<!--") != NULL;
    }
    cr_assert(long_label, "no label of 5,000 characters");
    cr_assert_geq(strings, 15, "hostile string settings: %d", strings);
    cr_assert_geq(flows_labelled, 8, "hostile flow labels: %d", flows_labelled);
    cr_assert_geq(m->groups.n, 2);
    test_free(c);
}

/* fmt writes every hostile string back as it was: the fixtures are in
 * canonical form, so formatting them changes nothing. */
Test(hostile_output, fmt_keeps_hostile_text)
{
    Out o = pipec("fmt --check " FIXTURE " " MESSAGES);
    cr_assert_eq(o.status, 0, "fmt would change a hostile fixture:\n%s%s", o.data, o.err);
    out_free(&o);
    o = pipec("fmt - <" FIXTURE);
    cr_assert_eq(o.status, 0);
    char *path = test_path(FIXTURE), *text = test_read_file(path, NULL);
    cr_assert_str_eq(o.data, text, "fmt - changed the text");
    free(text);
    free(path);
    out_free(&o);
}

/* ---- DOT --------------------------------------------------------------------------- */

static char *attr(void *obj, const char *name)
{
    char *v = agget(obj, (char *)name);
    return v ? v : "";
}

/* Text of an HTML-like label: tags dropped (<br/> is a newline), entities
 * and the doubled backslash decoded. */
static char *html_text(const char *h)
{
    static const struct {
        const char *e, *c;
    } ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
                {"&nbsp;", " "}, {"&apos;", "'"}};
    char *r = malloc(strlen(h) + 1), *w = r;
    while (*h) {
        if (*h == '<') {
            const char *e = strchr(h, '>');
            cr_assert_not_null(e, "unclosed tag in an HTML-like label");
            if (strncmp(h, "<br/>", 5) == 0 || strncmp(h, "<br />", 6) == 0)
                *w++ = '\n';
            h = e + 1;
        } else if (*h == '&') {
            size_t k = 0;
            while (k < sizeof ents / sizeof ents[0] && strncmp(h, ents[k].e, strlen(ents[k].e)))
                k++;
            cr_assert_lt(k, sizeof ents / sizeof ents[0], "unknown entity at %.40s", h);
            *w++ = ents[k].c[0];
            h += strlen(ents[k].e);
        } else if (h[0] == '\\' && h[1] == '\\') {
            *w++ = '\\';
            h += 2;
        } else {
            cr_assert(h[0] != '\\', "lone backslash in an HTML-like label at %.40s", h);
            *w++ = *h++;
        }
    }
    *w = '\0';
    return r;
}

/* Text of a plain (escString) attribute: \\ and \n decoded; any other
 * backslash escape would be expanded by the renderer (\N, \G, \l ...). */
static char *plain_text(const char *s)
{
    char *r = malloc(strlen(s) + 1), *w = r;
    for (; *s; s++) {
        if (s[0] == '\\') {
            cr_assert(s[1] == '\\' || s[1] == 'n', "renderer escape \\%c in a plain label", s[1]);
            *w++ = s[1] == 'n' ? '\n' : '\\';
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
    return r;
}

static void count_subgraphs(Agraph_t *g, int *all, int *clusters)
{
    for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s)) {
        (*all)++;
        *clusters += strncmp(agnameof(s), "cluster_", 8) == 0;
        count_subgraphs(s, all, clusters);
    }
}

/* The edge tail -> head whose label text contains every one of the texts. */
static Agedge_t *edge_with(Agraph_t *g, const char *tail, const char *head, const char *a,
                           const char *b)
{
    Agnode_t *t = agnode(g, (char *)tail, 0), *h = agnode(g, (char *)head, 0);
    cr_assert(t && h, "no node %s or %s", tail, head);
    for (Agedge_t *e = agfstout(g, t); e; e = agnxtout(g, e)) {
        if (aghead(e) != h)
            continue;
        char *text = html_text(attr(e, "label"));
        bool ok = (!a || strstr(text, a)) && (!b || strstr(text, b));
        free(text);
        if (ok)
            return e;
    }
    return NULL;
}

Test(hostile_output, dot_reads_back_as_the_model, .timeout = 120)
{
    Compilation *c = fixture();
    const Model *m = c->model;
    Out o = build("dot", FIXTURE);
    cr_assert_eq(strlen(o.data), o.len, "NUL byte in the DOT");
    Agraph_t *g = agmemread(o.data);
    cr_assert_not_null(g, "cgraph cannot read the DOT back");
    cr_assert_str_eq(agnameof(g), m->name);

    /* Exactly the components, by name. */
    cr_assert_eq(agnnodes(g), m->components.n, "nodes: %d, components: %d", agnnodes(g),
                 m->components.n);
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *k = m->components.items[i];
        Agnode_t *n = agnode(g, (char *)k->name, 0);
        cr_assert_not_null(n, "no node %s", k->name);
        cr_assert(aghtmlstr(attr(n, "label")), "label of %s is not HTML-like", k->name);
        char *text = html_text(attr(n, "label"));
        char *want = ctl_spaces(k->label, true);
        cr_assert_not_null(strstr(text, want), "label of %s does not round-trip:\n%.600s\nwant\n%.600s",
                           k->name, text, want);
        /* String settings shown on the card come back as written. */
        for (int j = 0; j < k->service->summary.n; j++) {
            const MProp *p = comp_prop(k, k->service->summary.items[j]);
            if (p && p->value->kind == V_STRING && *p->value->str) {
                char *v = ctl_spaces(p->value->str, true);
                cr_assert_not_null(strstr(text, v), "setting %s of %s lost:\n%.600s", p->decl->name,
                                   k->name, text);
                free(v);
            }
        }
        free(text);
        free(want);
        free(plain_text(attr(n, "tooltip"))); /* only \\ and \n escapes */
    }

    /* One edge per flow and per reference, each with its texts. */
    cr_assert_eq(agnedges(g), m->flows.n + m->refs.n, "edges: %d, flows + refs: %d", agnedges(g),
                 m->flows.n + m->refs.n);
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        char *via = ctl_spaces(f->link->via, true);
        char *label = f->label && *f->label ? ctl_spaces(f->label, true) : NULL;
        cr_assert_not_null(edge_with(g, f->from->name, f->to->name, via, label),
                           "no edge %s -> %s with its mechanism and label", f->from->name,
                           f->to->name);
        free(via);
        free(label);
    }
    for (int i = 0; i < m->refs.n; i++) {
        const MRef *r = m->refs.items[i];
        cr_assert_not_null(edge_with(g, r->from->name, r->to->name, r->prop, NULL));
    }

    /* One cluster per group, nothing else, titles decoded back. */
    int subs = 0, clusters = 0;
    count_subgraphs(g, &subs, &clusters);
    cr_assert_eq(clusters, m->groups.n, "clusters: %d, groups: %d", clusters, m->groups.n);
    cr_assert_eq(subs, clusters, "subgraphs that are no cluster: %d", subs - clusters);
    for (int i = 0; i < m->groups.n; i++) {
        const MGroup *grp = m->groups.items[i];
        char *name = NULL;
        cr_assert_geq(asprintf(&name, "cluster_%s", grp->name), 0);
        Agraph_t *parent = g;
        if (grp->parent) {
            /* agsubg finds direct children only: walk down from the root. */
            const MGroup *chain[16];
            int depth = 0;
            for (const MGroup *q = grp->parent; q && depth < 16; q = q->parent)
                chain[depth++] = q;
            for (int d = depth - 1; d >= 0; d--) {
                char *cn = NULL;
                cr_assert_geq(asprintf(&cn, "cluster_%s", chain[d]->name), 0);
                parent = agsubg(parent, cn, 0);
                cr_assert_not_null(parent, "cluster %s missing", cn);
                free(cn);
            }
        }
        Agraph_t *s = agsubg(parent, name, 0);
        cr_assert_not_null(s, "no %s under its parent", name);
        char *t = plain_text(attr(s, "label")), *want = ctl_spaces(group_title(grp), true);
        cr_assert_str_eq(t, want, "cluster title of %s", grp->name);
        free(t);
        free(want);
        free(name);
    }

    /* The graph: title in its label, description as its tooltip. */
    char *title = html_text(attr(g, "label")), *want = ctl_spaces(m->title, true);
    cr_assert_not_null(strstr(title, want), "title lost:\n%.600s", title);
    free(title);
    free(want);
    char *tip = plain_text(attr(g, "tooltip"));
    want = ctl_spaces(m->description, true);
    cr_assert_str_eq(tip, want);
    free(tip);
    free(want);
    agclose(g);
    out_free(&o);
    test_free(c);
}

/* ---- SVG, PNG, PDF ------------------------------------------------------------------ */

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

Test(hostile_output, svg_is_well_formed_xml, .timeout = 180)
{
    Compilation *c = fixture();
    const Model *m = c->model;
    Out o = build("svg", FIXTURE);
    cr_assert_eq(strlen(o.data), o.len, "NUL byte in the SVG");
    cr_assert_eq(count_of(o.data, "class=\"node\""), m->components.n);
    cr_assert_eq(count_of(o.data, "class=\"edge\""), m->flows.n + m->refs.n);
    cr_assert_eq(count_of(o.data, "class=\"cluster\""), m->groups.n);
    int st;
    free(shell("command -v xmllint", &st));
    if (st != 0) {
        cr_log_warn("xmllint not found (Debian: libxml2-utils): SVG well-formedness not checked");
    } else {
        char *path = write_temp(o.data, o.len, ".svg"), *cmd = NULL;
        cr_assert_geq(asprintf(&cmd, "xmllint --noout --nonet '%s' 2>&1", path), 0);
        char *msg = shell(cmd, &st);
        cr_assert_eq(st, 0, "xmllint rejects the SVG:\n%.3000s", msg);
        free(msg);
        free(cmd);
        unlink(path);
        free(path);
    }
    out_free(&o);
    test_free(c);
}

Test(hostile_output, png_and_pdf_render, .timeout = 240)
{
    Out png = build("png", FIXTURE);
    cr_assert(png.len > 8 && memcmp(png.data, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
    Out pdf = build("pdf", FIXTURE);
    cr_assert(pdf.len > 5 && memcmp(pdf.data, "%PDF-", 5) == 0, "not a PDF");
    cr_assert_not_null(memmem(pdf.data, pdf.len, "%%EOF", 5), "PDF without %%%%EOF");
    out_free(&png);
    out_free(&pdf);
}

/* ---- Markdown: cmark's XML (cmark_xml.h) ---------------------------------------------- */


/* What a reader sees: text and code as they are, <br> and breaks as
 * newlines. Any other inline HTML fails (no raw HTML may get through). */
static void x_text_into(const XNode *x, FILE *f)
{
    if (!strcmp(x->name, "text") || !strcmp(x->name, "code"))
        fputs(x->text ? x->text : "", f);
    else if (!strcmp(x->name, "softbreak") || !strcmp(x->name, "linebreak"))
        fputc('\n', f);
    else if (!strcmp(x->name, "html_inline")) {
        cr_assert(x->text && !strcmp(x->text, "<br>"), "raw inline HTML: %s", x->text);
        fputc('\n', f);
    }
    for (int i = 0; i < x->nkids; i++)
        x_text_into(x->kids[i], f);
}

static char *x_text(const XNode *x)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    x_text_into(x, f);
    fclose(f);
    return buf;
}

static XNode *table_with(XNode *root, const char *first)
{
    XNode **t = NULL, *found = NULL;
    int n = 0;
    x_all(root, "table", &t, &n);
    for (int i = 0; i < n && !found; i++) {
        char *s = x_text(t[i]->kids[0]->kids[0]);
        if (!strcmp(s, first))
            found = t[i];
        free(s);
    }
    free(t);
    cr_assert_not_null(found, "no table headed %s", first);
    return found;
}

static char *cell(const XNode *table, int row, int col)
{
    cr_assert_lt(row + 1, table->nkids);
    const XNode *r = table->kids[row + 1];
    cr_assert_lt(col, r->nkids, "row %d has %d cells", row, r->nkids);
    return x_text(r->kids[col]);
}

static void group_path(FILE *f, const MGroup *g)
{
    if (g->parent) {
        group_path(f, g->parent);
        fputs(" / ", f);
    }
    char *t = ctl_spaces(group_title(g), true);
    fputs(t, f);
    free(t);
}

/* Decodes a quoted Mermaid label: #name; and #NN; codes, <br/> as \n. */
static char *mm_decode(const char *s, size_t n)
{
    char *r = malloc(n + 1), *w = r;
    for (size_t i = 0; i < n;) {
        if (!strncmp(s + i, "<br/>", 5)) {
            *w++ = '\n';
            i += 5;
        } else if (s[i] == '#') {
            const char *semi = memchr(s + i, ';', n - i);
            cr_assert_not_null(semi, "raw # in a Mermaid label");
            char name[16] = {0};
            size_t l = (size_t)(semi - (s + i + 1));
            cr_assert(l > 0 && l < sizeof name, "bad Mermaid entity");
            memcpy(name, s + i + 1, l);
            char ch = !strcmp(name, "quot") ? '"' : !strcmp(name, "lt") ? '<'
                    : !strcmp(name, "gt") ? '>' : !strcmp(name, "amp") ? '&' : (char)atoi(name);
            cr_assert(ch != 0, "unknown Mermaid entity #%s;", name);
            *w++ = ch;
            i += l + 2;
        } else {
            *w++ = s[i++];
        }
    }
    *w = '\0';
    return r;
}

Test(hostile_output, markdown_tables_text_and_mermaid, .timeout = 120)
{
    Compilation *c = fixture();
    const Model *m = c->model;
    Out o = build("md", FIXTURE);
    cr_assert_eq(strlen(o.data), o.len, "NUL byte in the Markdown");
    char *path = write_temp(o.data, o.len, ".md"), *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "cmark-gfm -e table -t xml '%s' 2>&1", path), 0);
    int st;
    char *xml = shell(cmd, &st);
    cr_assert_eq(st, 0, "cmark-gfm failed (Debian package cmark-gfm):\n%.2000s", xml);
    XNode *root = x_document(xml);

    /* One heading 1: the title, on one line. */
    XNode **hs = NULL;
    int nh = 0;
    x_all(root, "heading", &hs, &nh);
    cr_assert_gt(nh, 0);
    char *h1 = x_text(hs[0]), *want = ctl_spaces(m->title, false);
    cr_assert_str_eq(h1, want);
    free(h1);
    free(want);
    for (int i = 0; i < nh; i++) {
        char *t = x_text(hs[i]);
        cr_assert_null(strstr(t, "not a heading"), "the description made a heading");
        free(t);
    }
    free(hs);

    /* No raw HTML block, one code block (the diagram), no list from the
     * description. */
    XNode **v = NULL;
    int n = 0;
    x_all(root, "html_block", &v, &n);
    cr_assert_eq(n, 0, "raw HTML block in the Markdown");
    free(v);
    v = NULL;
    n = 0;
    x_all(root, "code_block", &v, &n);
    cr_assert_eq(n, 1, "code blocks: %d (only the mermaid diagram)", n);
    cr_assert_str_eq(v[0]->info ? v[0]->info : "", "mermaid");
    char *mermaid = strdup(v[0]->text ? v[0]->text : "");
    free(v);
    v = NULL;
    n = 0;
    x_all(root, "item", &v, &n);
    for (int i = 0; i < n; i++) {
        char *t = x_text(v[i]);
        cr_assert_null(strstr(t, "not a list"), "the description made a list item");
        free(t);
    }
    free(v);
    XNode *rootcopy = root;
    char *all = x_text(rootcopy); /* text reaches the reader: no inline HTML but <br> */
    cr_assert_not_null(strstr(all, "not a fence"));
    free(all);

    /* Components: one row each, in source order; name, label, group path. */
    XNode *comps = table_with(root, "Component");
    cr_assert_eq(comps->nkids - 1, m->components.n, "component rows: %d, components: %d",
                 comps->nkids - 1, m->components.n);
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *k = m->components.items[i];
        char *got = cell(comps, i, 0), *w = NULL;
        char *label = ctl_spaces(k->label, true);
        if (k->label && *k->label)
            cr_assert_geq(asprintf(&w, "%s\n%s", k->name, label), 0);
        else
            w = strdup(k->name);
        cr_assert_str_eq(got, w, "component cell of %s", k->name);
        free(got);
        free(w);
        free(label);
        char *grp = NULL;
        size_t glen = 0;
        FILE *f = open_memstream(&grp, &glen);
        if (k->group)
            group_path(f, k->group);
        fclose(f);
        got = cell(comps, i, 2);
        cr_assert_str_eq(got, grp, "group cell of %s", k->name);
        free(got);
        free(grp);
        got = cell(comps, i, 3);
        for (int j = 0; j < k->props.n; j++) {
            const MProp *p = k->props.items[j];
            if (p->value->kind == V_STRING && !mprop_is_default(p)) {
                char *s = NULL; /* as Pipe writes it: quoted, with escapes */
                cr_assert_geq(asprintf(&s, "%s = %s", p->decl->name,
                                       value_format(c->arena, p->value)), 0);
                cr_assert_not_null(strstr(got, s), "setting %s of %s lost:\n%.500s", p->decl->name,
                                   k->name, got);
                free(s);
            }
        }
        free(got);
    }

    /* Flows: one row each; mechanism and label round-trip. */
    XNode *flows = table_with(root, "From");
    cr_assert_eq(flows->nkids - 1, m->flows.n, "flow rows: %d, flows: %d", flows->nkids - 1,
                 m->flows.n);
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        char *got = cell(flows, i, 0);
        cr_assert_str_eq(got, f->from->name);
        free(got);
        got = cell(flows, i, 1);
        cr_assert_str_eq(got, f->to->name);
        free(got);
        got = cell(flows, i, 2);
        char *via = ctl_spaces(f->link->via, true);
        cr_assert_not_null(strstr(got, via), "mechanism of flow %d: %s", i, got);
        free(via);
        free(got);
        got = cell(flows, i, 3);
        char *label = ctl_spaces(f->label, true);
        cr_assert_str_eq(got, label, "label of flow %d", i);
        free(label);
        free(got);
    }

    /* The fence: one ```mermaid line, one closing ``` line, nothing else
     * starting with three backticks. */
    int opens = 0, closes = 0;
    for (const char *p = o.data; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 10 && !strncmp(p, "```mermaid", 10))
            opens++;
        else if (len >= 3 && !strncmp(p, "```", 3))
            closes++;
        p = e ? e + 1 : p + len;
    }
    cr_assert_eq(opens, 1, "```mermaid lines: %d", opens);
    cr_assert_eq(closes, 1, "closing fences: %d", closes);

    /* Mermaid statements: labels are one quoted string each, without a raw
     * quote, backtick or newline; they decode back to the text. */
    cr_assert_null(strchr(mermaid, '`'), "raw backtick in the Mermaid block");
    int nodes = 0, edges = 0, subgraphs = 0, ends = 0;
    for (char *save = NULL, *line = strtok_r(mermaid, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        while (*line == ' ')
            line++;
        int quotes = count_of(line, "\"");
        if (!strcmp(line, "end")) {
            ends++;
            continue;
        }
        if (!strncmp(line, "flowchart ", 10) || !strncmp(line, "classDef ", 9) ||
            !strncmp(line, "class ", 6)) {
            cr_assert_eq(quotes, 0, "quote in %.80s", line);
            continue;
        }
        const char *open = strchr(line, '"'), *close = strrchr(line, '"');
        cr_assert_eq(quotes, 2, "a label with a raw quote: %.200s", line);
        char *text = mm_decode(open + 1, (size_t)(close - open - 1));
        if (!strncmp(line, "subgraph g_", 11)) {
            subgraphs++;
            cr_assert_str_eq(close, "\"]");
            const char *id = line + 11;
            size_t idn = strcspn(id, "[");
            const MGroup *grp = NULL;
            for (int i = 0; i < m->groups.n && !grp; i++)
                if (strlen(((MGroup *)m->groups.items[i])->name) == idn &&
                    !strncmp(((MGroup *)m->groups.items[i])->name, id, idn))
                    grp = m->groups.items[i];
            cr_assert_not_null(grp, "subgraph of no group: %.60s", line);
            char *w = ctl_spaces(group_title(grp), true);
            cr_assert_str_eq(text, w);
            free(w);
        } else if (strstr(line, " -->|\"") || strstr(line, " -.->|\"")) {
            edges++;
            cr_assert_eq(strncmp(close, "\"| c_", 5), 0, "edge label closed early: %.200s", line);
        } else if (strstr(line, " -->") || strstr(line, " -.->")) {
            cr_assert_fail("unlabelled edge %s", line);
        } else {
            nodes++;
            cr_assert_eq(strncmp(line, "c_", 2), 0, "unexpected Mermaid line: %.100s", line);
            cr_assert_str_eq(close, "\"]", "node label closed early: %.200s", line);
            const char *id = line + 2;
            size_t idn = strcspn(id, "[");
            const MComponent *k = NULL;
            for (int i = 0; i < m->components.n && !k; i++)
                if (strlen(((MComponent *)m->components.items[i])->name) == idn &&
                    !strncmp(((MComponent *)m->components.items[i])->name, id, idn))
                    k = m->components.items[i];
            cr_assert_not_null(k, "node of no component: %.60s", line);
            if (k->label && *k->label) {
                char *w = ctl_spaces(k->label, true);
                size_t wl = strlen(w), tl = strlen(text);
                cr_assert(tl >= wl && !strcmp(text + tl - wl, w), "node label of %s: %.300s",
                          k->name, text);
                free(w);
            }
        }
        free(text);
    }
    cr_assert_eq(nodes, m->components.n);
    cr_assert_eq(edges, m->flows.n + m->refs.n);
    cr_assert_eq(subgraphs, m->groups.n);
    cr_assert_eq(ends, m->groups.n);

    free(mermaid);
    x_free(root);
    free(xml);
    free(cmd);
    unlink(path);
    free(path);
    out_free(&o);
    test_free(c);
}

/* ---- CloudFormation ----------------------------------------------------------------- */

static const char *yaml_what(yaml_event_type_t t)
{
    switch (t) {
    case YAML_ALIAS_EVENT: return "alias";
    case YAML_SCALAR_EVENT: return "scalar";
    case YAML_SEQUENCE_START_EVENT: return "sequence";
    case YAML_MAPPING_START_EVENT: return "mapping";
    default: return "other event";
    }
}

static void y_next(yaml_parser_t *p, yaml_event_t *ev)
{
    if (!yaml_parser_parse(p, ev))
        cr_assert_fail("libyaml: %s at line %zu column %zu", p->problem ? p->problem : "?",
                       p->problem_mark.line + 1, p->problem_mark.column + 1);
}

static bool all_of(const char *s, const char *set)
{
    return *s && strspn(s, set) == strlen(s);
}

/* A plain scalar as a YAML 1.1 reader (CloudFormation's among them) takes
 * it. Forms that 1.1 and 1.2 read differently (0x10, 010, 1:20, yes) are
 * returned as a marker object, so they never equal the JSON string. */
static json_t *resolve_plain(const char *s)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    static const char *const trues[] = {"true", "True", "TRUE"};
    static const char *const falses[] = {"false", "False", "FALSE"};
    static const char *const ambiguous[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                                            "on", "On", "ON", "off", "Off", "OFF", "=", "<<"};
    for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
        if (!strcmp(s, nulls[i]))
            return json_null();
    for (size_t i = 0; i < 3; i++) {
        if (!strcmp(s, trues[i]))
            return json_true();
        if (!strcmp(s, falses[i]))
            return json_false();
    }
    for (size_t i = 0; i < sizeof ambiguous / sizeof *ambiguous; i++)
        if (!strcmp(s, ambiguous[i]))
            return json_pack("{ss}", "ambiguous", s);
    const char *d = s + (*s == '-' || *s == '+');
    if (all_of(d, "0123456789")) {
        if (d[0] == '0' && d[1])
            return json_pack("{ss}", "ambiguous octal", s);
        return json_integer(strtoll(s, NULL, 10));
    }
    if (!strncmp(d, "0x", 2) || !strncmp(d, "0o", 2) || !strncmp(d, "0b", 2) ||
        (strchr(d, ':') && all_of(d, "0123456789:._")) || all_of(d, "0123456789_") ||
        !strcasecmp(d, ".inf") || !strcasecmp(s, ".nan"))
        return json_pack("{ss}", "ambiguous number", s);
    char *end;
    if (all_of(d, "0123456789.eE+-")) {
        double x = strtod(s, &end);
        if (*end == '\0')
            return json_real(x);
    }
    return json_string(s);
}

static json_t *y_node(yaml_parser_t *p, yaml_event_t *ev)
{
    json_t *r = NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        cr_assert_null(ev->data.scalar.anchor, "anchor in the template");
        cr_assert(!ev->data.scalar.tag || !strcmp((char *)ev->data.scalar.tag, "!"),
                  "tag %s on \"%.60s\"", ev->data.scalar.tag, ev->data.scalar.value);
        if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag)
            r = resolve_plain((char *)ev->data.scalar.value);
        else
            r = json_stringn((char *)ev->data.scalar.value, ev->data.scalar.length);
        cr_assert_not_null(r, "scalar is not valid UTF-8");
        break;
    case YAML_SEQUENCE_START_EVENT:
        cr_assert_null(ev->data.sequence_start.anchor, "anchor in the template");
        cr_assert_null(ev->data.sequence_start.tag, "tag %s on a sequence",
                       ev->data.sequence_start.tag);
        r = json_array();
        for (;;) {
            yaml_event_t k;
            y_next(p, &k);
            if (k.type == YAML_SEQUENCE_END_EVENT) {
                yaml_event_delete(&k);
                break;
            }
            json_array_append_new(r, y_node(p, &k));
            yaml_event_delete(&k);
        }
        break;
    case YAML_MAPPING_START_EVENT:
        cr_assert_null(ev->data.mapping_start.anchor, "anchor in the template");
        cr_assert_null(ev->data.mapping_start.tag, "tag %s on a mapping (an intrinsic's short form?)",
                       ev->data.mapping_start.tag);
        r = json_object();
        for (;;) {
            yaml_event_t k;
            y_next(p, &k);
            if (k.type == YAML_MAPPING_END_EVENT) {
                yaml_event_delete(&k);
                break;
            }
            cr_assert_eq(k.type, YAML_SCALAR_EVENT, "a %s as a mapping key", yaml_what(k.type));
            json_t *key = y_node(p, &k);
            cr_assert(json_is_string(key), "a key that a YAML reader takes for a non-string: %.60s",
                      k.data.scalar.value);
            const char *ks = json_string_value(key);
            cr_assert_null(json_object_get(r, ks), "duplicate key %s", ks);
            yaml_event_t v;
            y_next(p, &v);
            json_object_set_new(r, ks, y_node(p, &v));
            yaml_event_delete(&v);
            json_decref(key);
            yaml_event_delete(&k);
        }
        break;
    default:
        cr_assert_fail("unexpected YAML %s", yaml_what(ev->type));
    }
    return r;
}

static json_t *yaml_to_json(const char *text, size_t len)
{
    yaml_parser_t p;
    cr_assert(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_event_t ev;
    y_next(&p, &ev);
    cr_assert_eq(ev.type, YAML_STREAM_START_EVENT);
    yaml_event_delete(&ev);
    y_next(&p, &ev);
    cr_assert_eq(ev.type, YAML_DOCUMENT_START_EVENT);
    yaml_event_delete(&ev);
    y_next(&p, &ev);
    json_t *root = y_node(&p, &ev);
    yaml_event_delete(&ev);
    y_next(&p, &ev);
    cr_assert_eq(ev.type, YAML_DOCUMENT_END_EVENT);
    yaml_event_delete(&ev);
    y_next(&p, &ev);
    cr_assert_eq(ev.type, YAML_STREAM_END_EVENT, "more than one YAML document");
    yaml_event_delete(&ev);
    yaml_parser_delete(&p);
    return root;
}

static json_t *json_of(const Out *o)
{
    json_error_t e;
    json_t *j = json_loadb(o->data, o->len, JSON_REJECT_DUPLICATES, &e);
    cr_assert_not_null(j, "jansson: %s at line %d column %d", e.text, e.line, e.column);
    return j;
}

/* Every key path, arrays as [], sorted, one per line. */
static void key_paths(json_t *v, const char *path, FILE *f)
{
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, c) {
            char *p = NULL;
            cr_assert_geq(asprintf(&p, "%s/%s", path, k), 0);
            fprintf(f, "%s\n", p);
            key_paths(c, p, f);
            free(p);
        }
    } else if (json_is_array(v)) {
        char *p = NULL;
        cr_assert_geq(asprintf(&p, "%s[]", path), 0);
        json_array_foreach(v, i, c) key_paths(c, p, f);
        free(p);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, distinct key paths of the template outside Metadata. */
static char *paths_of(json_t *root)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const char *k;
    json_t *c;
    json_object_foreach(root, k, c) {
        if (strcmp(k, "Metadata") == 0)
            continue;
        char *p = NULL;
        cr_assert_geq(asprintf(&p, "/%s", k), 0);
        fprintf(f, "%s\n", p);
        key_paths(c, p, f);
        free(p);
    }
    fclose(f);
    int n = 0, cap = 64;
    char **lines = malloc(sizeof *lines * (size_t)cap);
    for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (n == cap)
            lines = realloc(lines, sizeof *lines * (size_t)(cap *= 2));
        lines[n++] = l;
    }
    qsort(lines, (size_t)n, sizeof *lines, cmp_str);
    char *out = NULL;
    size_t olen = 0;
    FILE *o = open_memstream(&out, &olen);
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(lines[i], lines[i - 1]))
            fprintf(o, "%s\n", lines[i]);
    fclose(o);
    free(lines);
    free(buf);
    return out;
}

/* The fixture with every string literal replaced by "x": the same
 * components, flows and groups with harmless text. */
static char *tame_copy(const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (const char *p = text; *p; p++) {
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            if (!*p)
                break;
            fputc('\n', f);
        } else if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\')
                    p++;
            fputs("\"x\"", f);
        } else {
            fputc(*p, f);
        }
    }
    fclose(f);
    return buf;
}

static const char *const label_keys[] = {"Label", "Description", "Name", "Title", "Value",
                                         "Note", "NotTemplated", "Reason", "Via", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return true;
    return false;
}

/* Where the text `needle` occurs: never in a key, and, inside a string,
 * only under one of `keys` (NULL: anywhere). */
static void find_text(json_t *v, const char *needle, const char *key, const char *const *keys,
                      const char *what, int *hits)
{
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, c) {
            cr_assert_null(strstr(k, needle), "%s became a key: %.80s", what, k);
            find_text(c, needle, k, keys, what, hits);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c) find_text(c, needle, key, keys, what, hits);
    } else if (json_is_string(v) && strstr(json_string_value(v), needle)) {
        (*hits)++;
        cr_assert(!keys || (key && in_list(key, keys)), "%s is the value of %s", what,
                  key ? key : "(top)");
    }
}

static bool is_key_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           strchr(":_.-/*", ch);
}

/* Keys are identifiers, condition keys and intrinsic names: never text. */
static void check_keys(json_t *v)
{
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, c) {
            for (const char *p = k; *p; p++)
                cr_assert(is_key_char((unsigned char)*p), "unexpected key %.80s", k);
            check_keys(c);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c) check_keys(c);
    }
}

static bool defined(json_t *root, const char *name, json_t *vars)
{
    if (!strncmp(name, "AWS::", 5))
        return true;
    if (vars && json_object_get(vars, name))
        return true;
    size_t n = strcspn(name, ".");
    char *id = strndup(name, n);
    bool ok = json_object_get(json_object_get(root, "Resources"), id) ||
              (n == strlen(name) && json_object_get(json_object_get(root, "Parameters"), id));
    free(id);
    return ok;
}

/* Every ${X} of an Fn::Sub (${!X} is a literal), every Ref and GetAtt
 * names a pseudo parameter, a parameter, a resource or a Sub variable. */
static void check_intrinsics(json_t *root, json_t *v, int *subs)
{
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_array(v)) {
        json_array_foreach(v, i, c) check_intrinsics(root, c, subs);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *sub = json_object_get(v, "Fn::Sub"), *ref = json_object_get(v, "Ref"),
           *att = json_object_get(v, "Fn::GetAtt");
    if (sub) {
        json_t *vars = NULL;
        if (json_is_array(sub)) {
            vars = json_array_get(sub, 1);
            sub = json_array_get(sub, 0);
        }
        cr_assert(json_is_string(sub), "Fn::Sub without a string");
        (*subs)++;
        const char *s = json_string_value(sub);
        for (const char *p = s; (p = strstr(p, "${"));) {
            if (p[2] == '!') {
                p += 3;
                continue;
            }
            const char *e = strchr(p, '}');
            cr_assert_not_null(e, "unclosed ${ in Fn::Sub %.200s", s);
            char *name = strndup(p + 2, (size_t)(e - p - 2));
            cr_assert(defined(root, name, vars),
                      "Fn::Sub names ${%s}, which the template does not define:\n%.300s", name, s);
            free(name);
            p = e + 1;
        }
    }
    if (ref) {
        cr_assert(json_is_string(ref), "Ref to a non-string");
        cr_assert(!strchr(json_string_value(ref), '.') && defined(root, json_string_value(ref), NULL),
                  "Ref to %s, which the template does not define", json_string_value(ref));
    }
    if (att) {
        json_t *id = json_is_array(att) ? json_array_get(att, 0) : NULL;
        cr_assert(json_is_string(id) &&
                      json_object_get(json_object_get(root, "Resources"), json_string_value(id)),
                  "Fn::GetAtt of no resource");
    }
    json_object_foreach(v, k, c) check_intrinsics(root, c, subs);
}

Test(hostile_output, cloudformation_yaml_equals_json, .timeout = 120)
{
    Compilation *c = fixture();
    const Model *m = c->model;
    Out y = build("cfn", FIXTURE), j = build("cfn-json", FIXTURE);
    json_t *from_yaml = yaml_to_json(y.data, y.len), *from_json = json_of(&j);
    char *a = json_dumps(from_yaml, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    char *b = json_dumps(from_json, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    if (!json_equal(from_yaml, from_json)) {
        /* Show the first line that differs. */
        size_t i = 0, line = 1, start = 0;
        for (; a[i] && a[i] == b[i]; i++)
            if (a[i] == '\n') {
                line++;
                start = i + 1;
            }
        cr_assert_fail("the YAML does not read as the JSON (line %zu):\nyaml: %.200s\njson: %.200s",
                       line, a + start, b + start);
    }
    cr_assert_str_eq(a, b, "same values, different key order");
    free(a);
    free(b);

    /* Keys: only identifiers, and the very keys of the tame pipeline. */
    check_keys(from_json);
    char *path = test_path(FIXTURE), *text = test_read_file(path, NULL);
    cr_assert_not_null(text);
    char *tame = tame_copy(text), *tpath = write_temp(tame, strlen(tame), ".pipe");
    Out t = build("cfn-json", tpath);
    json_t *tame_json = json_of(&t);
    char *hp = paths_of(from_json), *tp = paths_of(tame_json);
    cr_assert_str_eq(hp, tp, "hostile text changed the template's keys");
    json_t *hr = json_object_get(from_json, "Resources"), *tr = json_object_get(tame_json, "Resources");
    cr_assert_eq(json_object_size(hr), json_object_size(tr));
    const char *id;
    json_t *res;
    json_object_foreach(hr, id, res) {
        json_t *other = json_object_get(tr, id);
        cr_assert_not_null(other, "resource %s only with hostile text", id);
        cr_assert(json_equal(json_object_get(res, "Type"), json_object_get(other, "Type")));
    }
    json_t *comps = json_object_get(json_object_get(json_object_get(from_json, "Metadata"), "pipec"),
                                    "Components");
    cr_assert_eq(json_object_size(comps), (size_t)m->components.n);

    /* Labels, titles and flow labels: string values under a text key only;
     * string settings: never a key. */
    int hits = 0;
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *k = m->components.items[i];
        if (!k->label || strlen(k->label) < 20)
            continue;
        char *needle = strndup(k->label, 24);
        int before = hits;
        find_text(from_json, needle, NULL, label_keys, k->name, &hits);
        cr_assert_gt(hits, before, "label of %s is nowhere in the template", k->name);
        free(needle);
        for (int p = 0; p < k->props.n; p++) {
            const MProp *mp = k->props.items[p];
            if (mp->value->kind == V_STRING && strlen(mp->value->str) >= 20) {
                char *sn = strndup(mp->value->str, 24);
                find_text(from_json, sn, NULL, NULL, mp->decl->name, &hits);
                free(sn);
            }
        }
    }
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        if (f->label && strlen(f->label) >= 20) {
            char *needle = strndup(f->label, 24);
            find_text(from_json, needle, NULL, label_keys, "a flow label", &hits);
            free(needle);
        }
    }
    char *tn = strndup(m->title, 24);
    find_text(from_json, tn, NULL, label_keys, "the title", &hits);
    free(tn);

    /* The Description fits CloudFormation's 1,024 bytes. */
    json_t *d = json_object_get(from_json, "Description");
    cr_assert(json_is_string(d));
    cr_assert_leq(json_string_length(d), 1024, "Description of %zu bytes", json_string_length(d));

    /* Intrinsics: hostile text never becomes a reference. */
    int subs = 0;
    check_intrinsics(from_json, from_json, &subs);
    cr_assert_gt(subs, 0);

    json_decref(from_yaml);
    json_decref(from_json);
    json_decref(tame_json);
    unlink(tpath);
    free(tpath);
    free(tame);
    free(text);
    free(path);
    free(hp);
    free(tp);
    out_free(&y);
    out_free(&j);
    out_free(&t);
    test_free(c);
}

/* The reader above is strict where it matters: plain scalars resolve,
 * quoted ones stay strings. */
Test(hostile_output, yaml_reader_resolves_plain_scalars)
{
    static const char doc[] = "a: yes\nb: 'yes'\nc: 0x10\nd: null\ne: \"null\"\nf: 12\ng: 1.5\n"
                              "h: [x, '1']\ni: {}\n";
    json_t *v = yaml_to_json(doc, sizeof doc - 1);
    json_t *want = json_pack("{s:{ss}, s:s, s:{ss}, s:n, s:s, s:i, s:f, s:[ss], s:{}}", "a",
                             "ambiguous", "yes", "b", "yes", "c", "ambiguous number", "0x10", "d",
                             "e", "null", "f", 12, "g", 1.5, "h", "x", "1", "i");
    cr_assert_not_null(want);
    cr_assert(json_equal(v, want), "yaml reader: %s", json_dumps(v, JSON_COMPACT));
    json_decref(v);
    json_decref(want);
}

/* YAML scalars that a reader would take for something else, one by one:
 * each is a label, a title or a setting and must come back as a string. */
Test(hostile_output, cloudformation_yaml_scalars_stay_strings, .timeout = 120)
{
    static const char *const words[] = {
        "null", "Null", "~", "yes", "no", "on", "off", "y", "n", "true", "False", "0x10", "010",
        "0o7", "1_000", "1:20", "1e3", ".inf", ".NaN", "-", "- x", ": x", "x: y", "? x", "!Ref x",
        "& x", "* x", "| x", "> x", "% x", "@x", "`x", "#x", "x #y", "'x'", "\\\"x\\\"", "{x}",
        "[x]", "x,", " x", "x ", "---", "...", "<<", "=", "2024-01-01", "12:30:00", "+1", "-0",
        /* block scalars: trailing newlines, indentation, blanks, YAML's
         * other line breaks (NEL, LS, PS) and a BOM inside */
        "a\\n", "a\\n\\n", "\\n", "  a\\n b\\n", "a \\n", "\\ta\\n", "- a\\n- b\\n", "#a\\n",
        "a\\u{85}b\\n", "a\\u{2028}b", "a\\u{2029}b\\n", "\\u{FEFF}a", "a\\u{A0}", "\\u{7F}"};
    char *src = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&src, &len);
    fprintf(f, "pipeline words \"%s\" {\n  owner = \"%s\"\n  description = \"%s\"\n", words[0],
            words[3], words[11]);
    size_t n = sizeof words / sizeof *words;
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  c%zu : lambda \"%s\" { handler = \"%s\" }\n", i, words[i], words[i]);
    for (size_t i = 0; i + 1 < n; i++)
        fprintf(f, "  c%zu -> q%zu { label = \"%s\" }\n  q%zu : sqs\n", i, i, words[i], i);
    fputs("}\n", f);
    fclose(f);
    char *path = write_temp(src, len, ".pipe");
    Out y = build("cfn", path), j = build("cfn-json", path);
    json_t *from_yaml = yaml_to_json(y.data, y.len), *from_json = json_of(&j);
    if (!json_equal(from_yaml, from_json)) {
        char *a = json_dumps(from_yaml, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        char *b = json_dumps(from_json, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        size_t i = 0, start = 0;
        for (; a[i] && a[i] == b[i]; i++)
            if (a[i] == '\n')
                start = i + 1;
        cr_assert_fail("the YAML does not read as the JSON:\nyaml: %.200s\njson: %.200s", a + start,
                       b + start);
    }
    json_decref(from_yaml);
    json_decref(from_json);
    out_free(&y);
    out_free(&j);
    unlink(path);
    free(path);
    free(src);
}

/* The file name given is text too: it reaches CloudFormation's Source and
 * Description and the Markdown footer. */
Test(hostile_output, hostile_file_name_in_cfn_and_md, .timeout = 120)
{
    char dir[] = "/tmp/pipec-hout-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    track(dir);
    char *src = test_path("examples/clickstream.pipe"), *text = test_read_file(src, NULL), *path = NULL;
    cr_assert_not_null(text);
    cr_assert_geq(asprintf(&path, "%s/${AWS::Region} \"q\" #x: - !Ref `y` 'z' null.pipe", dir), 0);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    track(path);
    fputs(text, f);
    fclose(f);
    Out y = build("cfn", path), j = build("cfn-json", path), md = build("md", path);
    json_t *from_yaml = yaml_to_json(y.data, y.len), *from_json = json_of(&j);
    cr_assert(json_equal(from_yaml, from_json), "the YAML does not read as the JSON");
    check_keys(from_json);
    int subs = 0;
    check_intrinsics(from_json, from_json, &subs);
    const char *given = json_string_value(
        json_object_get(json_object_get(json_object_get(from_json, "Metadata"), "pipec"), "Source"));
    cr_assert_str_eq(given ? given : "", path, "Metadata Source");
    const char *desc = json_string_value(json_object_get(from_json, "Description"));
    cr_assert_not_null(strstr(desc, "${AWS::Region} \"q\""), "file name in the Description: %s", desc);
    const char *base = strrchr(path, '/') + 1;
    char *mdpath = write_temp(md.data, md.len, ".md"), *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "cmark-gfm -e table -t xml '%s' 2>&1", mdpath), 0);
    int st;
    char *xml = shell(cmd, &st);
    cr_assert_eq(st, 0);
    XNode *root = x_document(xml);
    char *all = x_text(root);
    cr_assert_not_null(strstr(all, base), "the file name is not in the Markdown footer");
    free(all);
    x_free(root);
    free(xml);
    free(cmd);
    unlink(mdpath);
    free(mdpath);
    json_decref(from_yaml);
    json_decref(from_json);
    out_free(&y);
    out_free(&j);
    out_free(&md);
    unlink(path);
    rmdir(dir);
    free(path);
    free(text);
    free(src);
}

/* ---- check --format json | sarif | gcc ------------------------------------------------ */

/* The hostile text of tests/fixtures/hostile-messages.pipe, decoded. */
#define MSG_CORE                                                                                  \
    "\"dq\" 'sq' \\bs \n2nd\tTAB { } [ ] < > & | ; : # % * _ ~ $ ! @ = - > ` `` ``` --> </table> " \
    "<!-- ${AWS::Region} !Ref null yes 0x10 \xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\x8Frtl"

/* A copy of the messages fixture under a hostile file name. */
static char *hostile_copy(char **dir)
{
    *dir = strdup("/tmp/pipec-hout-XXXXXX");
    cr_assert_not_null(mkdtemp(*dir));
    track(*dir);
    char *src = test_path(MESSAGES), *text = test_read_file(src, NULL), *path = NULL;
    cr_assert_not_null(text, "cannot read %s", src);
    cr_assert_geq(asprintf(&path, "%s/we\"ird \\ $x `y` 'q' #1 %%41 <a>&amp; \xC3\xA9.pipe", *dir), 0);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    track(path);
    fputs(text, f);
    fclose(f);
    free(src);
    free(text);
    return path;
}

static Out check_as(const char *format, const char *path)
{
    char *q = shq(path), *args = NULL;
    cr_assert_geq(asprintf(&args, "check --format %s %s", format, q), 0);
    Out o = pipec(args);
    cr_assert_eq(o.status, 1, "check --format %s: exit %d\n%.2000s", format, o.status, o.err);
    free(q);
    free(args);
    return o;
}

static bool has_message(json_t *arr, const char *code, const char *text)
{
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        if (strcmp(json_string_value(json_object_get(e, "code")), code) == 0 &&
            strstr(json_string_value(json_object_get(e, "message")), text))
            return true;
    }
    return false;
}

Test(hostile_output, check_json_keeps_hostile_messages)
{
    char *dir, *path = hostile_copy(&dir);
    Out o = check_as("json", path);
    json_t *arr = json_of(&o);
    cr_assert(json_is_array(arr));
    cr_assert_geq(json_array_size(arr), 8);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        cr_assert_str_eq(json_string_value(json_object_get(e, "file")), path, "file name mangled");
        cr_assert(json_is_integer(json_object_get(e, "line")));
        cr_assert(json_is_integer(json_object_get(e, "column")));
        cr_assert(json_is_string(json_object_get(e, "message")));
        cr_assert(json_is_array(json_object_get(e, "notes")));
    }
    cr_assert(has_message(arr, "E207", "'mode " MSG_CORE "'"), "E207 for mode");
    cr_assert(has_message(arr, "E207", "'runs_on " MSG_CORE "'"), "E207 for runs_on");
    cr_assert(has_message(arr, "E207", "\"instance " MSG_CORE "\""), "E207 for instance");
    cr_assert(has_message(arr, "E204", "unknown_setting_x"), "E204");
    json_decref(arr);
    out_free(&o);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

/* A URI reference: unreserved and reserved characters and %XX only. */
static char *uri_decode(const char *u)
{
    char *r = malloc(strlen(u) + 1), *w = r;
    for (const char *p = u; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '%') {
            cr_assert(p[1] && p[2] && strchr("0123456789ABCDEFabcdef", p[1]) &&
                          strchr("0123456789ABCDEFabcdef", p[2]),
                      "bad %% escape in the SARIF uri %s", u);
            char hex[3] = {p[1], p[2], 0};
            *w++ = (char)strtol(hex, NULL, 16);
            p += 2;
            continue;
        }
        cr_assert(ch < 0x80 && (isalnum(ch) || strchr("-._~:/?@!$&'()*+,;=", ch)) && ch != '#' &&
                      ch != '?',
                  "SARIF artifactLocation.uri is no URI: character '%c' in %s", ch, u);
        *w++ = (char)ch;
    }
    *w = '\0';
    return r;
}

Test(hostile_output, check_sarif_keeps_hostile_messages)
{
    char *dir, *path = hostile_copy(&dir);
    Out js = check_as("json", path), sa = check_as("sarif", path);
    json_t *arr = json_of(&js), *doc = json_of(&sa);
    cr_assert_str_eq(json_string_value(json_object_get(doc, "version")), "2.1.0");
    json_t *results = json_object_get(json_array_get(json_object_get(doc, "runs"), 0), "results");
    cr_assert(json_is_array(results));
    cr_assert_eq(json_array_size(results), json_array_size(arr));
    size_t i;
    json_t *r;
    json_array_foreach(results, i, r) {
        const char *text = json_string_value(json_object_get(json_object_get(r, "message"), "text"));
        cr_assert_not_null(text);
        bool found = false;
        size_t k;
        json_t *e;
        json_array_foreach(arr, k, e) found |=
            !strcmp(json_string_value(json_object_get(e, "message")), text);
        cr_assert(found, "SARIF message not in the JSON output: %.200s", text);
        json_t *loc = json_object_get(json_array_get(json_object_get(r, "locations"), 0),
                                      "physicalLocation");
        const char *uri =
            json_string_value(json_object_get(json_object_get(loc, "artifactLocation"), "uri"));
        cr_assert_not_null(uri);
        char *back = uri_decode(uri);
        size_t pl = strlen(path), bl = strlen(back);
        /* absolute (file:///...) or relative: ends with the path as given */
        cr_assert(bl >= pl && !strcmp(back + bl - pl, path), "uri %s does not name %s", uri, path);
        free(back);
    }
    json_decref(arr);
    json_decref(doc);
    out_free(&js);
    out_free(&sa);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

Test(hostile_output, check_gcc_is_one_line_per_finding)
{
    char *dir, *path = hostile_copy(&dir);
    Out js = check_as("json", path), gcc = check_as("gcc", path);
    cr_assert_eq(gcc.len, 0, "gcc format on standard output");
    json_t *arr = json_of(&js);
    size_t want = 0, i;
    json_t *e;
    json_array_foreach(arr, i, e) want += 1 + json_array_size(json_object_get(e, "notes"));
    size_t lines = 0;
    for (char *save = NULL, *l = strtok_r(gcc.err, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        lines++;
        cr_assert_eq(strncmp(l, path, strlen(path)), 0, "line without the file name: %.200s", l);
        int ln, col;
        cr_assert_eq(sscanf(l + strlen(path), ":%d:%d:", &ln, &col), 2, "no location: %.200s", l);
    }
    cr_assert_eq(lines, want, "gcc lines: %zu, findings and notes: %zu", lines, want);
    json_decref(arr);
    out_free(&js);
    out_free(&gcc);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}
