/* dot_write (compiler/dot_write.c) writes the DOT that cgraph's agwrite
 * writes, byte for byte: on the graph of every example and fixture that
 * compiles, on the goldens read back, and on random DOT texts read with
 * cgraph that reach each rule of agwrite (quoting, breaks in long strings,
 * linelength, edge keys, ports, multi-edges and loops, defaults declared in
 * subgraphs, nodes in several subgraphs, anonymous subgraphs). That it
 * runs in linear time is measured by `make bench`, not here. */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <dirent.h>

#include "dot.h"

static void load(void)
{
    const char *err = NULL;
    cr_assert(graphviz_load(&err), "Graphviz: %s", err ? err : "?");
}

static char *by_agwrite(Agraph_t *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(agwrite(g, f), 0);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

static char *by_dot_write(Agraph_t *g)
{
    StrBuf b;
    sb_init(&b);
    cr_assert_eq(dot_write(g, &b), 0);
    sb_putc(&b, '\0');
    return sb_take(&b);
}

/* Both writers on g; on a difference, the first differing line. */
static void same_text(Agraph_t *g, const char *what)
{
    char *want = by_agwrite(g), *got = by_dot_write(g);
    size_t i = 0, line = 1, start = 0;
    for (; want[i] && want[i] == got[i]; i++)
        if (want[i] == '\n')
            line++, start = i + 1;
    if (want[i] != got[i])
        cr_assert_fail("%s: line %zu differs\nagwrite:   %.200s\ndot_write: %.200s", what, line,
                want + start, got + start);
    free(want);
    free(got);
}

/* ---- the graphs pipec builds ------------------------------------------------ */

static int pipe_files(const char *dir, char ***out)
{
    char *path = test_path(dir);
    struct dirent **ents;
    int n = scandir(path, &ents, NULL, alphasort), k = 0;
    cr_assert_gt(n, 0, "cannot list %s", path);
    char **names = calloc((size_t)n, sizeof *names);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(ents[i]->d_name);
        if (l > 5 && strcmp(ents[i]->d_name + l - 5, ".pipe") == 0 &&
            asprintf(&names[k], "%s/%s", dir, ents[i]->d_name) > 0)
            k++;
        free(ents[i]);
    }
    free(ents);
    free(path);
    *out = names;
    return k;
}

/* The files of dir that compile without errors; returns how many. */
static int compare_dir(const char *dir)
{
    char **files;
    int n = pipe_files(dir, &files), done = 0;
    for (int i = 0; i < n; i++) {
        char *path = test_path(files[i]);
        Compilation c;
        compilation_init(&c);
        if (compile_path(&c, NULL, path, files[i]) == COMPILE_OK && c.diags.nerrors == 0 &&
            c.model) {
            EmitContext ctx = {.model = c.model, .source_name = files[i]};
            Arena *a = arena_new();
            Agraph_t *g = dot_graph(&ctx, a);
            cr_assert_not_null(g, "%s: %s", files[i], ctx.err ? ctx.err : "?");
            same_text(g, files[i]);
            agclose(g);
            arena_free(a);
            done++;
        }
        compilation_free(&c);
        free(path);
        free(files[i]);
    }
    free(files);
    return done;
}

Test(dot_write, every_example_and_fixture)
{
    cr_assert_gt(compare_dir("examples"), 0);
    cr_assert_gt(compare_dir("tests/fixtures"), 0); /* hostile-output.pipe among them */
    compare_dir("tests/regress");
}

static void compare_text(const char *dot, const char *what)
{
    Agraph_t *g = agmemread(dot);
    cr_assert_not_null(g, "%s does not parse:\n%s", what, dot);
    same_text(g, what);
    agclose(g);
}

Test(dot_write, goldens_read_back)
{
    load();
    static const char *const goldens[] = {"clickstream", "emr-spark", "firehose-transform"};
    for (size_t i = 0; i < sizeof goldens / sizeof goldens[0]; i++) {
        char *rel = NULL, *text = NULL;
        cr_assert_gt(asprintf(&rel, "tests/golden/%s.dot", goldens[i]), 0);
        char *path = test_path(rel);
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f, "cannot open %s", path);
        size_t cap = 0;
        cr_assert_geq(getdelim(&text, &cap, '\0', f), 0);
        fclose(f);
        compare_text(text, rel);
        free(text);
        free(path);
        free(rel);
    }
}

/* ---- random DOT texts --------------------------------------------------------- */

/* Identifiers and values as DOT source (quoted where DOT needs it): bare,
 * numerals, keywords, '_' and UTF-8, quotes and backslashes. */
static const char *const atoms[] = {
    "a",         "b",       "c_1",       "\"node\"", "\"Graph\"", "\"subgraph\"", "1",
    "-2",        "3.5",     "\".5\"",    "\"1.2.3\"", "\"1-2\"",  "\".\"",        "\"-\"",
    "\"12a\"",   "_x",      "\"é\"",     "\"a b\"",  "\"q\\\"u\"", "\"\\\\N\"",   "\"\"",
    "\"a:b\"",   "\"x;y\"", "<<b>h</b>>", "\"%1\"",  "\"tab\\there\"",
};

/* Pieces of long strings: break points come after some and not others. */
static const char *const pieces[] = {"word ", "under_score ", "dot.ted-", "\\\\n", "\\\"q\\\" ",
                                     "é ", "x", "12", "; ", "__", ". ", "- ", "\\\\\\\\"};

static unsigned rnd(unsigned *s, unsigned n)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) % n;
}

static void put_value(StrBuf *b, unsigned *s)
{
    if (rnd(s, 3)) {
        sb_puts(b, atoms[rnd(s, sizeof atoms / sizeof atoms[0])]);
        return;
    }
    sb_putc(b, '"');
    for (unsigned i = 0, n = 20 + rnd(s, 200); i < n; i++)
        sb_puts(b, pieces[rnd(s, sizeof pieces / sizeof pieces[0])]);
    sb_putc(b, '"');
}

static const char *const attr_names[] = {"color", "label", "style", "tooltip", "weight",
                                         "tailport", "headport", "key", "shape"};

static void put_attrs(StrBuf *b, unsigned *s, bool edge, unsigned least)
{
    unsigned n = least + rnd(s, 4);
    if (n == 0)
        return;
    sb_puts(b, " [");
    for (unsigned i = 0; i < n; i++) {
        const char *name = attr_names[rnd(s, sizeof attr_names / sizeof attr_names[0])];
        if (!edge && (strcmp(name, "key") == 0 || strstr(name, "port")))
            name = "fontsize";
        sb_printf(b, "%s%s=", i ? ", " : "", name);
        put_value(b, s);
    }
    sb_puts(b, "]");
}

static void put_node(StrBuf *b, unsigned *s)
{
    static const char *const names[] = {"a", "b", "c", "d", "\"node\"", "\"1.2.3\"", "-2",
                                        "\"q\\\"u\"", "\"é\"", "e_1"};
    sb_puts(b, names[rnd(s, sizeof names / sizeof names[0])]);
    if (rnd(s, 8) == 0)
        sb_puts(b, rnd(s, 2) ? ":p" : ":\"p q\":n");
}

static void put_body(StrBuf *b, unsigned *s, int depth, const char *op);

static void put_statement(StrBuf *b, unsigned *s, int depth, const char *op)
{
    static const char *const kinds[] = {"graph", "node", "edge"};
    switch (rnd(s, 6)) {
    case 0:
        sb_puts(b, kinds[rnd(s, 3)]);
        put_attrs(b, s, false, 1);
        break;
    case 1:
        if (depth < 3) {
            unsigned k = rnd(s, 4);
            if (k)
                sb_printf(b, "subgraph %s ", k == 1 ? "cluster_x" : k == 2 ? "s" : "\"cluster y\"");
            put_body(b, s, depth + 1, op);
            break;
        }
        /* fall through */
    case 2:
        put_node(b, s);
        put_attrs(b, s, false, 0);
        break;
    default:
        put_node(b, s);
        for (unsigned i = 0, n = 1 + rnd(s, 2); i < n; i++) {
            sb_puts(b, op);
            put_node(b, s);
        }
        put_attrs(b, s, true, 0);
    }
    sb_puts(b, ";\n");
}

static void put_body(StrBuf *b, unsigned *s, int depth, const char *op)
{
    sb_puts(b, "{\n");
    for (unsigned i = 0, n = 1 + rnd(s, 7); i < n; i++)
        put_statement(b, s, depth, op);
    sb_puts(b, "}");
}

static char *random_dot(unsigned seed)
{
    static const char *const heads[] = {"digraph G", "graph \"my graph\"", "strict digraph",
                                        "digraph \"node\"", "graph 12"};
    static const char *const lines[] = {"", "graph [linelength=60];\n", "graph [linelength=0];\n",
                                        "graph [linelength=30];\n", "graph [linelength=200];\n"};
    unsigned s = seed;
    const char *head = heads[rnd(&s, sizeof heads / sizeof heads[0])];
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "%s {\n%s", head, lines[rnd(&s, sizeof lines / sizeof lines[0])]);
    const char *op = strncmp(head, "graph", 5) == 0 ? " -- " : " -> ";
    for (unsigned i = 0, n = 1 + rnd(&s, 12); i < n; i++)
        put_statement(&b, &s, 0, op);
    sb_puts(&b, "}\n");
    return sb_take(&b);
}

Test(dot_write, random_graphs, .timeout = 120)
{
    load();
    for (unsigned seed = 1; seed <= 3000; seed++) {
        char *dot = random_dot(seed), what[32];
        snprintf(what, sizeof what, "random graph %u", seed);
        compare_text(dot, what);
        free(dot);
    }
}
