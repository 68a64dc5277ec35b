/* pipec build -T md: every example parses as CommonMark + GFM tables (checked
 * with `cmark-gfm -e table -t xml`), tables have one row per component and
 * per flow, the Mermaid block is intact and matches the model, hostile names
 * and labels round-trip as text without breaking tables or the fence, the
 * output is deterministic, and two goldens match byte for byte
 * (UPDATE_GOLDEN=1 rewrites them). Needs the Debian package cmark-gfm. */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <dirent.h>

#include "cmark_xml.h"

/* ---- cmark's XML (cmark_xml.h) ------------------------------------------------ */


/* The text a reader sees: <br> and hard breaks as newlines. */
static void x_text_into(const XNode *x, FILE *f)
{
    if (strcmp(x->name, "text") == 0 || strcmp(x->name, "code") == 0)
        fputs(x->text, f);
    else if (strcmp(x->name, "html_inline") == 0)
        fputs(strcmp(x->text, "<br>") == 0 ? "\n" : x->text, f);
    else if (strcmp(x->name, "linebreak") == 0)
        fputc('\n', f);
    else if (strcmp(x->name, "softbreak") == 0)
        fputc(' ', f);
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

/* ---- running pipec and cmark-gfm -------------------------------------------- */

static char *build_md_file(const char *path)
{
    char *args, *out = NULL, *err = NULL;
    cr_assert(asprintf(&args, "build -T md '%s'", path) > 0);
    int rc = test_run(args, NULL, &out, &err);
    cr_assert_eq(rc, 0, "build -T md %s: exit %d\n%s", path, rc, err ? err : "");
    cr_assert(out && *out, "build -T md %s: no output", path);
    free(args);
    free(err);
    return out;
}

static char *build_md_text(const char *text)
{
    char *out = NULL, *err = NULL;
    int rc = test_run("build -T md -", text, &out, &err);
    cr_assert_eq(rc, 0, "build -T md -: exit %d\n%s", rc, err ? err : "");
    free(err);
    return out;
}

static char *to_xml(const char *md)
{
    char path[] = "/tmp/pipec-md-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(md, f);
    fclose(f);
    char *cmd;
    cr_assert(asprintf(&cmd, "cmark-gfm -e table -t xml '%s' 2>&1", path) > 0);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(m);
    int st = pclose(p);
    unlink(path);
    free(cmd);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "cmark-gfm failed (is the Debian package cmark-gfm installed?):\n%s", buf);
    return buf;
}

static char *read_rel(const char *rel)
{
    char *path = test_path(rel);
    char *text = test_read_file(path, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    free(path);
    return text;
}

static Compilation *compile_ok(const char *text)
{
    Compilation *c = test_compile(text);
    cr_assert_eq(c->diags.nerrors, 0, "errors:\n%s", test_render(c));
    cr_assert_not_null(c->model);
    return c;
}

/* ---- the document's parts ------------------------------------------------- */

typedef struct Doc {
    char *md, *xml;
    XNode *root;
} Doc;

static Doc doc_of(char *md)
{
    Doc d = {.md = md, .xml = to_xml(md)};
    d.root = x_document(d.xml);
    return d;
}

static void doc_free(Doc *d)
{
    x_free(d->root);
    free(d->xml);
    free(d->md);
}

static char *cell_text(const XNode *row, int i)
{
    cr_assert(i < row->nkids, "row has %d cells, wanted %d", row->nkids, i + 1);
    return x_text(row->kids[i]);
}

/* The table whose header's first cell reads `first`; NULL if none. */
static XNode *table_with(const Doc *d, const char *first)
{
    XNode **t = NULL;
    int n = 0;
    XNode *found = NULL;
    x_all(d->root, "table", &t, &n);
    for (int i = 0; i < n && !found; i++) {
        XNode *h = t[i]->kids[0];
        cr_assert_str_eq(h->name, "table_header");
        char *s = cell_text(h, 0);
        if (strcmp(s, first) == 0)
            found = t[i];
        free(s);
    }
    free(t);
    return found;
}

static int table_rows(const XNode *t)
{
    return t ? t->nkids - 1 : -1;
}

/* The row whose first cell's text starts with `name` followed by the end or
 * a newline. */
static XNode *row_named(const XNode *t, const char *name)
{
    for (int i = 1; i < t->nkids; i++) {
        char *s = cell_text(t->kids[i], 0);
        size_t n = strlen(name);
        bool hit = strncmp(s, name, n) == 0 && (s[n] == '\0' || s[n] == '\n');
        free(s);
        if (hit)
            return t->kids[i];
    }
    return NULL;
}

/* The Markdown source of every table row has as many unescaped `|` as its
 * header: GFM would silently drop or pad cells, so count them in the text. */
static void check_raw_rows(const char *md)
{
    int header = -1, line_no = 0;
    bool in_fence = false;
    for (const char *p = md; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        line_no++;
        if (n >= 3 && strncmp(p, "```", 3) == 0)
            in_fence = !in_fence;
        if (!in_fence && n > 0 && p[0] == '|') {
            int pipes = 0;
            for (size_t i = 0; i < n; i++) {
                if (p[i] == '\\') {
                    i++;
                    continue;
                }
                pipes += p[i] == '|';
            }
            if (header < 0)
                header = pipes;
            cr_assert_eq(pipes, header, "line %d has %d cell separators, its header %d:\n%.*s",
                         line_no, pipes, header, (int)n, p);
        } else {
            header = -1;
        }
        p = e ? e + 1 : p + n;
    }
    cr_assert(!in_fence, "a code fence is left open");
}

typedef struct Mermaid {
    int fences_open, fences_close, blocks;
    int nodes, edges, dashed, subgraphs, ends;
    char *body;
} Mermaid;

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Counts the fence lines in the Markdown and the statements of the (single)
 * mermaid code block as cmark-gfm parsed it. */
static Mermaid mermaid_of(const Doc *d)
{
    Mermaid mm = {0};
    for (const char *p = d->md; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 10 && strncmp(p, "```mermaid", 10) == 0)
            mm.fences_open++;
        else if (n >= 3 && strncmp(p, "```", 3) == 0)
            mm.fences_close++;
        p = e ? e + 1 : p + n;
    }
    XNode **cb = NULL;
    int n = 0;
    x_all(d->root, "code_block", &cb, &n);
    mm.blocks = n;
    for (int i = 0; i < n; i++)
        if (cb[i]->info && strcmp(cb[i]->info, "mermaid") == 0)
            mm.body = cb[i]->text;
    free(cb);
    cr_assert_not_null(mm.body, "no mermaid code block");
    char *copy = strdup(mm.body), *save = NULL;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        while (*l == ' ')
            l++;
        if (strcmp(l, "end") == 0)
            mm.ends++;
        else if (starts(l, "subgraph "))
            mm.subgraphs++;
        else if (starts(l, "c_") && (strstr(l, " -->") || strstr(l, " -.->"))) {
            mm.edges++;
            mm.dashed += strstr(l, " -.->") != NULL;
        } else if (starts(l, "c_") && strstr(l, "[\""))
            mm.nodes++;
    }
    free(copy);
    return mm;
}

/* The text of a quoted Mermaid label with its entity codes decoded and
 * <br/> as newlines (what Mermaid shows). */
static char *mm_decode(const char *s, size_t n)
{
    char *r = malloc(n + 1), *w = r;
    for (size_t i = 0; i < n;) {
        if (strncmp(s + i, "<br/>", 5) == 0) {
            *w++ = '\n';
            i += 5;
        } else if (s[i] == '#' && i + 1 < n) {
            const char *semi = memchr(s + i, ';', n - i);
            cr_assert_not_null(semi, "raw # in a Mermaid label: %.*s", (int)n, s);
            char name[16] = {0};
            size_t l = (size_t)(semi - (s + i + 1));
            cr_assert(l > 0 && l < sizeof name, "bad entity in %.*s", (int)n, s);
            memcpy(name, s + i + 1, l);
            char c = !strcmp(name, "quot") ? '"' : !strcmp(name, "lt") ? '<' : !strcmp(name, "gt") ? '>'
                   : !strcmp(name, "amp") ? '&' : (char)atoi(name);
            cr_assert(c != 0, "unknown entity #%s;", name);
            *w++ = c;
            i += l + 2;
        } else {
            *w++ = s[i++];
        }
    }
    *w = '\0';
    return r;
}

/* The decoded label of the statement that begins with `head` (a node
 * `c_x["`, a subgraph `subgraph g_x["` or an edge `c_a -->|"`). */
static char *mm_label(const Mermaid *mm, const char *head)
{
    const char *p = strstr(mm->body, head);
    cr_assert_not_null(p, "no `%s` in the Mermaid block:\n%s", head, mm->body);
    p += strlen(head);
    const char *q = strchr(p, '"');
    cr_assert_not_null(q);
    const char *eol = strchr(p, '\n');
    cr_assert(q < eol, "label runs past its line");
    /* Nothing after the closing quote but the statement's end. */
    cr_assert(q[1] == ']' || q[1] == '|', "label of `%s` closed early: %.*s", head,
              (int)(eol - p), p);
    return mm_decode(p, (size_t)(q - p));
}

static int heading_count(const Doc *d, const char *level)
{
    XNode **h = NULL;
    int n = 0, k = 0;
    x_all(d->root, "heading", &h, &n);
    for (int i = 0; i < n; i++)
        k += h[i]->level && strcmp(h[i]->level, level) == 0;
    free(h);
    return k;
}

/* A heading reading `text` (whose newlines a heading shows as spaces). */
static bool has_heading(const Doc *d, const char *text)
{
    XNode **h = NULL;
    int n = 0;
    bool hit = false;
    char *want = strdup(text);
    for (char *p = want; *p; p++)
        if (*p == '\n')
            *p = ' ';
    x_all(d->root, "heading", &h, &n);
    for (int i = 0; i < n && !hit; i++) {
        char *s = x_text(h[i]);
        hit = strcmp(s, want) == 0;
        free(s);
    }
    free(h);
    free(want);
    return hit;
}

/* Everything the model says must be in the document, for one pipeline. */
static void check_document(const Doc *d, const Model *m, const char *what)
{
    check_raw_rows(d->md);
    cr_assert_eq(heading_count(d, "1"), 1, "%s: one title", what);
    XNode *comps = table_with(d, "Component");
    XNode *flows = table_with(d, "From");
    cr_assert_not_null(comps, "%s: no components table", what);
    cr_assert_not_null(flows, "%s: no flows table", what);
    cr_assert_eq(table_rows(comps), m->components.n, "%s: component rows", what);
    cr_assert_eq(table_rows(flows), m->flows.n, "%s: flow rows", what);
    cr_assert_eq(comps->kids[0]->nkids, 4);
    cr_assert_eq(flows->kids[0]->nkids, 4);
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        char *s = cell_text(comps->kids[i + 1], 0);
        cr_assert(strncmp(s, c->name, strlen(c->name)) == 0,
                  "%s: row %d is `%s`, wanted component %s (source order)", what, i + 1, s, c->name);
        free(s);
    }
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        char *from = cell_text(flows->kids[i + 1], 0), *to = cell_text(flows->kids[i + 1], 1);
        cr_assert_str_eq(from, f->from->name, "%s: flow %d", what, i + 1);
        cr_assert_str_eq(to, f->to->name, "%s: flow %d", what, i + 1);
        free(from);
        free(to);
    }

    Mermaid mm = mermaid_of(d);
    cr_assert_eq(mm.fences_open, 1, "%s: one ```mermaid fence", what);
    cr_assert_eq(mm.fences_close, 1, "%s: one closing fence", what);
    cr_assert_eq(mm.blocks, 1, "%s: one code block", what);
    int control = 0;
    for (int i = 0; i < m->flows.n; i++)
        control += ((const MFlow *)m->flows.items[i])->link->control;
    cr_assert_eq(mm.nodes, m->components.n, "%s: Mermaid nodes", what);
    cr_assert_eq(mm.edges, m->flows.n + m->refs.n, "%s: Mermaid edges", what);
    cr_assert_eq(mm.dashed, control + m->refs.n, "%s: dashed edges", what);
    cr_assert_eq(mm.subgraphs, m->groups.n, "%s: subgraphs", what);
    cr_assert_eq(mm.ends, m->groups.n, "%s: subgraph ends", what);
    cr_assert(starts(mm.body, m->layout_tb ? "flowchart TB\n" : "flowchart LR\n"), "%s: direction",
              what);
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        char head[300];
        snprintf(head, sizeof head, "c_%s[\"", c->name);
        char *label = mm_label(&mm, head);
        cr_assert(strstr(label, c->name), "%s: node %s reads %s", what, c->name, label);
        free(label);
    }

    cr_assert(has_heading(d, "Components") && has_heading(d, "Flows") &&
                  has_heading(d, "Findings") && has_heading(d, "Diagram"),
              "%s: sections", what);
    if (m->groups.n)
        cr_assert(has_heading(d, "Groups"), "%s: groups section", what);
    for (int i = 0; i < m->groups.n; i++) {
        const MGroup *g = m->groups.items[i];
        cr_assert(has_heading(d, g->title ? g->title : g->name), "%s: heading of group %s", what,
                  g->name);
    }
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        cr_assert(has_heading(d, c->service->title), "%s: section of service %s", what,
                  c->service->id);
    }
}

/* ---- every example -------------------------------------------------------- */

static char **example_names(int *n)
{
    char *dir = test_path("examples");
    DIR *dp = opendir(dir);
    cr_assert_not_null(dp, "cannot open %s", dir);
    char **names = NULL;
    *n = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".pipe") == 0) {
            names = realloc(names, sizeof *names * (size_t)(*n + 1));
            names[(*n)++] = strdup(de->d_name);
        }
    }
    closedir(dp);
    free(dir);
    cr_assert_gt(*n, 0, "no examples");
    return names;
}

Test(md, every_example_is_valid_markdown_matching_its_model, .timeout = 120)
{
    int n;
    char **names = example_names(&n);
    for (int i = 0; i < n; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "examples/%s", names[i]);
        char *path = test_path(rel), *text = read_rel(rel);
        Compilation *c = compile_ok(text);
        Doc d = doc_of(build_md_file(path));
        check_document(&d, c->model, names[i]);
        doc_free(&d);
        test_free(c);
        free(text);
        free(path);
        free(names[i]);
    }
    free(names);
}

Test(md, deterministic, .timeout = 120)
{
    int n;
    char **names = example_names(&n);
    for (int i = 0; i < n; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "examples/%s", names[i]);
        char *path = test_path(rel);
        char *a = build_md_file(path), *b = build_md_file(path);
        cr_assert_str_eq(a, b, "%s: two runs differ", names[i]);
        free(a);
        free(b);
        free(path);
        free(names[i]);
    }
    free(names);
}

/* ---- goldens ------------------------------------------------------------------- */

static void golden(const char *example)
{
    char rel[256], grel[256];
    snprintf(rel, sizeof rel, "examples/%s.pipe", example);
    snprintf(grel, sizeof grel, "tests/golden/%s.md", example);
    char *path = test_path(rel), *gpath = test_path(grel);
    char *got = build_md_file(path);
    if (getenv("UPDATE_GOLDEN")) {
        FILE *f = fopen(gpath, "wb");
        cr_assert_not_null(f, "cannot write %s", gpath);
        fputs(got, f);
        fclose(f);
    }
    size_t len;
    char *want = test_read_file(gpath, &len);
    cr_assert_not_null(want, "missing %s (UPDATE_GOLDEN=1 writes it)", gpath);
    if (strcmp(got, want) != 0) {
        size_t i = 0;
        while (got[i] && got[i] == want[i])
            i++;
        size_t from = i > 80 ? i - 80 : 0;
        cr_assert_fail("%s differs from %s at byte %zu:\n--- want\n%.200s\n--- got\n%.200s", example,
                       grel, i, want + from, got + from);
    }
    free(want);
    free(got);
    free(path);
    free(gpath);
}

Test(md, golden_clickstream) { golden("clickstream"); }
Test(md, golden_emr_spark) { golden("emr-spark"); }
Test(md, golden_data_pipeline) { golden("data-pipeline"); }

/* ---- hostile names and labels -------------------------------------------------- */

/* Every character with a meaning in Markdown, GFM tables, HTML or Mermaid,
 * a newline, a code fence and Mermaid's `end`. Pipe escapes: \" \\ \n. */
#define NASTY_PIPE "| ` * _ < > [ ] # \\\" \\\\ & ~ $ % ; : #quot; &amp; \\n```\\nend"
#define NASTY_TEXT "| ` * _ < > [ ] # \" \\ & ~ $ % ; : #quot; &amp; \n```\nend"

static const char *hostile_src =
    "pipeline hostile \"T " NASTY_PIPE "\" {\n"
    "  description = \"- a list?\\n1. ordered?\\n\\n    code? " NASTY_PIPE "\"\n"
    "  owner = \"o " NASTY_PIPE "\"\n"
    "  group end \"G " NASTY_PIPE "\" {\n"
    "    group style \"H " NASTY_PIPE "\" {\n"
    "      graph : lambda \"L " NASTY_PIPE "\" { handler = \"a|b`c\" }\n"
    "    }\n"
    "    click : s3 \"```\"\n"
    "  }\n"
    "  class : sqs { visibility_timeout = 60s }\n"
    "  subgraph : firehose { transform = graph }\n"
    "  call : s3\n"
    "  graph -> class { label = \"F " NASTY_PIPE "\" }\n"
    "  click -> graph\n"
    "  class -> graph\n"
    "  graph -> subgraph -> call\n"
    "}\n";

static char *with_prefix(const char *prefix, const char *text)
{
    char *s;
    cr_assert(asprintf(&s, "%s%s", prefix, text) > 0);
    return s;
}

Test(md, hostile_labels_stay_text, .timeout = 60)
{
    char *text = strdup(hostile_src);
    Compilation *c = compile_ok(text);
    Doc d = doc_of(build_md_text(text));
    check_document(&d, c->model, "hostile");

    char *nasty = strdup(NASTY_TEXT);

    /* The title, as one heading. */
    char *title = with_prefix("T ", nasty);
    cr_assert(has_heading(&d, title), "title heading lost:\n%s", d.md);

    /* The component and flow labels, cell by cell. */
    XNode *comps = table_with(&d, "Component"), *flows = table_with(&d, "From");
    XNode *row = row_named(comps, "graph");
    cr_assert_not_null(row);
    char *got = cell_text(row, 0), *want = with_prefix("graph\nL ", nasty);
    cr_assert_str_eq(got, want);
    free(got);
    free(want);
    got = cell_text(row, 3);
    cr_assert(strstr(got, "handler = \"a|b`c\""), "settings cell: %s", got);
    free(got);
    got = cell_text(row, 2);
    char *gt = with_prefix("G ", nasty), *ht = with_prefix("H ", nasty);
    char *path;
    cr_assert(asprintf(&path, "%s / %s", gt, ht) > 0);
    cr_assert_str_eq(got, path);
    free(got);
    free(path);
    row = row_named(comps, "click");
    got = cell_text(row, 0);
    cr_assert_str_eq(got, "click\n```");
    free(got);
    cr_assert_not_null(row_named(comps, "subgraph"));
    cr_assert_not_null(row_named(comps, "call"));
    cr_assert_eq(table_rows(flows), 5);
    got = cell_text(flows->kids[1], 3);
    want = with_prefix("F ", nasty);
    cr_assert_str_eq(got, want);
    free(got);
    free(want);

    /* The groups section: a heading per group, nested one level deeper. */
    cr_assert(has_heading(&d, gt) && has_heading(&d, ht), "group headings");
    free(gt);
    free(ht);
    cr_assert_eq(heading_count(&d, "4"), 1, "nested group heading");

    /* Mermaid: labels decode back to the text, ids never meet keywords. */
    Mermaid mm = mermaid_of(&d);
    char *label = mm_label(&mm, "c_graph[\"");
    want = with_prefix("Lambda\ngraph\nL ", nasty);
    cr_assert_str_eq(label, want);
    free(label);
    free(want);
    label = mm_label(&mm, "c_graph -->|\"");
    want = with_prefix("SendMessage / F ", nasty);
    cr_assert_str_eq(label, want);
    free(label);
    free(want);
    label = mm_label(&mm, "subgraph g_end[\"");
    want = with_prefix("G ", nasty);
    cr_assert_str_eq(label, want);
    free(label);
    free(want);
    /* No raw backtick: "`...`" would be a Mermaid markdown string, and a
     * run of three must never be able to close the fence. */
    cr_assert_null(strchr(mm.body, '`'), "raw backtick in the Mermaid block:\n%s", mm.body);
    cr_assert_not_null(strstr(mm.body, "  subgraph g_end[\"G "), "outer group at depth 0");
    cr_assert_not_null(strstr(mm.body, "\n    subgraph g_style[\"H "), "inner group nested");
    cr_assert_not_null(strstr(mm.body, "\n      c_graph[\""), "node inside the inner group");
    cr_assert_not_null(strstr(mm.body, "\n  c_subgraph -.->|\"transform\"| c_graph\n"),
                       "transform edge:\n%s", mm.body);
    for (const char *p = mm.body; *p; p = strchr(p, '\n') + 1) {
        const char *s = p;
        while (*s == ' ')
            s++;
        cr_assert(starts(s, "c_") || starts(s, "subgraph g_") || starts(s, "end\n") ||
                      starts(s, "class ") || starts(s, "classDef ") || starts(s, "flowchart "),
                  "unexpected Mermaid line: %.60s", s);
        if (!strchr(p, '\n'))
            break;
    }

    /* The description: list and code look-alikes stay in paragraphs. */
    XNode **para = NULL;
    int np = 0;
    x_all(d.root, "list", &para, &np);
    int lists = np;
    free(para);
    para = NULL;
    np = 0;
    x_all(d.root, "paragraph", &para, &np);
    char *first = x_text(para[0]);
    cr_assert_str_eq(first, "- a list?\n1. ordered?");
    free(first);
    char *second = x_text(para[1]);
    want = with_prefix("code? ", nasty);
    for (char *p; (p = strstr(want, " \n"));) /* paragraphs trim line ends */
        memmove(p, p + 1, strlen(p));
    cr_assert_str_eq(second, want);
    free(second);
    free(want);
    free(para);
    /* Lists: the group members and the services' integrations only. */
    cr_assert(lists >= 1);
    XNode **html = NULL;
    int nh = 0;
    x_all(d.root, "html_block", &html, &nh);
    cr_assert_eq(nh, 0, "no raw HTML block");
    free(html);

    /* The checker's W404 (graph -> class -> graph) is listed. */
    XNode *find = table_with(&d, "Severity");
    cr_assert_not_null(find, "findings table");
    bool w404 = false;
    for (int i = 1; i < find->nkids; i++) {
        char *code = cell_text(find->kids[i], 1);
        w404 |= strcmp(code, "W404") == 0;
        free(code);
    }
    cr_assert(w404, "W404 listed");

    free(title);
    free(nasty);
    doc_free(&d);
    test_free(c);
    free(text);
}

Test(md, reserved_mermaid_words_as_names)
{
    const char *src = "pipeline p {\n"
                      "  end : s3\n  graph : lambda\n  style : sqs\n  class : s3\n"
                      "  click : lambda\n  subgraph : sns\n  call : lambda\n  default : s3\n"
                      "  flowchart : lambda\n"
                      "  end -> graph -> style -> click\n  class -> subgraph -> call\n"
                      "  default -> flowchart\n"
                      "}\n";
    Compilation *c = compile_ok(src);
    Doc d = doc_of(build_md_text(src));
    check_document(&d, c->model, "reserved");
    Mermaid mm = mermaid_of(&d);
    cr_assert_eq(mm.ends, 0);
    cr_assert_not_null(strstr(mm.body, "\n  c_end[\"S3<br/>end\"]\n"));
    cr_assert_not_null(strstr(mm.body, "\n  c_end -->|\"S3 event notification\"| c_graph\n"));
    doc_free(&d);
    test_free(c);
}

Test(md, findings_and_no_findings)
{
    const char *quiet = "pipeline p \"P\" {\n  a : s3\n  b : lambda\n  a -> b\n}\n";
    Doc d = doc_of(build_md_text(quiet));
    cr_assert_null(table_with(&d, "Severity"));
    cr_assert_not_null(strstr(d.md, "## Findings\n\nNo findings.\n"));
    doc_free(&d);

    /* A warning (W401) and a hint (W408), with line numbers. */
    const char *noisy = "pipeline p \"P\" {\n"
                        "  lonely : sqs\n"
                        "  raw : s3\n"
                        "  spark : emr { lifetime = long_running }\n"
                        "  out : s3\n"
                        "  raw -> spark -> out\n"
                        "}\n";
    Compilation *c = compile_ok(noisy);
    d = doc_of(build_md_text(noisy));
    check_document(&d, c->model, "noisy");
    XNode *t = table_with(&d, "Severity");
    cr_assert_not_null(t);
    int warnings = 0, hints = 0;
    for (int i = 0; i < c->diags.items.n; i++) {
        const Diagnostic *g = c->diags.items.items[i];
        warnings += g->sev == SEV_WARNING;
        hints += g->sev == SEV_HINT;
    }
    cr_assert_gt(warnings, 0);
    cr_assert_gt(hints, 0);
    cr_assert_eq(table_rows(t), warnings + hints);
    bool w401 = false, w408 = false;
    for (int i = 1; i < t->nkids; i++) {
        char *sev = cell_text(t->kids[i], 0), *code = cell_text(t->kids[i], 1),
             *line = cell_text(t->kids[i], 2);
        if (strcmp(code, "W401") == 0) {
            w401 = true;
            cr_assert_str_eq(sev, "warning");
            cr_assert_str_eq(line, "2");
        }
        if (strcmp(code, "W408") == 0) {
            w408 = true;
            cr_assert_str_eq(sev, "hint");
            cr_assert_str_eq(line, "4");
        }
        free(sev);
        free(code);
        free(line);
    }
    cr_assert(w401 && w408, "W401 and W408 listed:\n%s", d.md);
    doc_free(&d);
    test_free(c);
}

Test(md, settings_defaults_and_services)
{
    const char *src = "pipeline p \"P\" {\n"
                      "  region = \"eu-west-1\"\n  owner = \"team\"\n  layout = TB\n"
                      "  lake : s3 { versioning = true }\n"
                      "  dw : redshift { nodes = 2 }\n"
                      "  lake -> dw\n"
                      "}\n";
    Compilation *c = compile_ok(src);
    Doc d = doc_of(build_md_text(src));
    check_document(&d, c->model, "settings");
    cr_assert_not_null(strstr(d.md, "**Region:** eu-west-1"));
    cr_assert_not_null(strstr(d.md, "**Owner:** team"));
    cr_assert_not_null(strstr(d.md, "top to bottom (TB)"));
    XNode *t = table_with(&d, "Component");
    char *dw = cell_text(row_named(t, "dw"), 3);
    cr_assert(strstr(dw, "nodes = 2\n"), "set value first, plain: %s", dw);
    cr_assert(strstr(dw, " (default)"), "defaults marked: %s", dw);
    free(dw);
    /* Defaults in italics, the set value not. */
    XNode *cell = row_named(t, "dw")->kids[3];
    cr_assert_str_eq(cell->kids[0]->name, "code");
    bool emph = false;
    for (int i = 0; i < cell->nkids; i++)
        emph |= strcmp(cell->kids[i]->name, "emph") == 0;
    cr_assert(emph);
    /* The Redshift section says how it loads from S3. */
    cr_assert(has_heading(&d, "Amazon Redshift"));
    cr_assert_not_null(strstr(d.md, "- from Amazon S3 via *COPY*: `lake` → `dw`"), "%s", d.md);
    /* Catalog colours, never hard-coded ids. */
    const Service *s3 = catalog_service(c->catalog, "s3");
    char *def;
    cr_assert(asprintf(&def, "classDef cat_%s fill:%s,stroke:%s,color:%s\n", s3->category->id,
                       s3->category->color, s3->category->color, s3->category->text) > 0);
    cr_assert_not_null(strstr(d.md, def), "%s", d.md);
    free(def);
    doc_free(&d);
    test_free(c);
}

Test(md, external_category_is_outlined)
{
    const char *src = "pipeline p \"P\" {\n  s : splunk\n  f : firehose\n  f -> s\n"
                      "  a : app\n  a -> f\n}\n";
    Compilation *c = compile_ok(src);
    Doc d = doc_of(build_md_text(src));
    const Service *sp = catalog_service(c->catalog, "splunk");
    cr_assert(sp->category->external);
    char *def;
    cr_assert(asprintf(&def, "classDef cat_%s fill:#FFFFFF,stroke:%s,color:%s\n", sp->category->id,
                       sp->category->color, sp->category->text) > 0);
    cr_assert_not_null(strstr(d.md, def), "%s", d.md);
    free(def);
    doc_free(&d);
    test_free(c);
}

/* Catalog text is escaped like user text: a user's own category, service
 * and link with markup in their titles, docs and mechanism, and a colour
 * that would break the classDef line. */
Test(md, user_catalog_text_is_escaped)
{
    const char *src =
        "category weird \"Weird <b>|cat</b>\" { color = \"#123\\nclass x\", text = \"#FFF\" }\n"
        "service kafka \"Kafka | `self` <managed>\" {\n"
        "  short = \"Kafka ```\"\n  category = weird\n"
        "  doc = \"- A doc\\n1. with | pipes & <tags> [x](y)\"\n"
        "  brokers : int(1..100) = 3\n}\n"
        "link kafka -> kinesis_streams via \" Kafka | Connect \\\"sink\\\"\\nnext\" "
        "{ doc = \"Link doc with `code` | pipe\" }\n"
        "pipeline p \"P\" {\n  k : kafka { brokers = 5 }\n  s : kinesis_streams\n  l : lambda\n"
        "  k -> s -> l\n}\n";
    Compilation *c = compile_ok(src);
    Doc d = doc_of(build_md_text(src));
    check_document(&d, c->model, "user catalog");
    XNode *t = table_with(&d, "Component");
    char *svc = cell_text(row_named(t, "k"), 1);
    cr_assert_str_eq(svc, "Kafka | `self` <managed> (kafka)");
    free(svc);
    XNode *f = table_with(&d, "From");
    char *via = cell_text(f->kids[1], 2);
    cr_assert_str_eq(via, "Kafka | Connect \"sink\"\nnext"); /* cells are trimmed */
    free(via);
    /* A mechanism with a blank at its end is not italicised (the asterisks
     * would show). */
    XNode **items = NULL;
    int ni = 0;
    x_all(d.root, "item", &items, &ni);
    int mentions = 0;
    for (int i = 0; i < ni; i++) {
        char *s = x_text(items[i]);
        if (strstr(s, "Kafka | Connect")) {
            mentions++;
            cr_assert_null(strchr(s, '*'), "stray asterisk: %s", s);
            cr_assert_not_null(strstr(s, "Link doc with `code` | pipe"), "link doc: %s", s);
        }
        free(s);
    }
    cr_assert_eq(mentions, 2, "the link under both services");
    free(items);
    cr_assert(has_heading(&d, "Kafka | `self` <managed>"));
    /* The doc stays a paragraph: no list made of its "- " and "1. ". */
    XNode **lists = NULL;
    int nl = 0;
    x_all(d.root, "list", &lists, &nl);
    for (int i = 0; i < nl; i++) {
        char *s = x_text(lists[i]);
        cr_assert_null(strstr(s, "A doc"), "doc became a list: %s", s);
        free(s);
    }
    free(lists);
    cr_assert_not_null(strstr(d.md, "\n  classDef cat_weird color:#FFF\n"), "%s", d.md);
    Mermaid mm = mermaid_of(&d);
    cr_assert_null(strstr(mm.body, "class x"));
    char *label = mm_label(&mm, "c_k[\"");
    cr_assert_str_eq(label, "Kafka ```\nk");
    free(label);
    doc_free(&d);
    test_free(c);
}

Test(md, empty_pipeline)
{
    Compilation *c = compile_ok("pipeline p {}\n");
    Doc d = doc_of(build_md_text("pipeline p {}\n"));
    check_document(&d, c->model, "empty");
    cr_assert_not_null(strstr(d.md, "```mermaid\nflowchart LR\n```\n"));
    cr_assert(has_heading(&d, "p"));
    doc_free(&d);
    test_free(c);
}
