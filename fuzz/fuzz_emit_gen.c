/* Every emitter on generated pipelines that check clean. Mutated text rarely
 * gets past the checker (a few percent of the emitter targets' corpora do),
 * so this target reads its input as a stream of choices and writes a valid
 * pipeline from the catalog: components of any service with properties of
 * every type within their ranges, refs to components of the right service,
 * flows only along catalog links, nested groups, labels, and strings and
 * names chosen to stress escaping (HTML-like DOT labels, YAML scalars,
 * Markdown tables, JSON, arbitrary Unicode through \u{...}). The text is
 * compiled; when it checks clean (warnings allowed), it goes through
 * emit_md, emit_dot (read back by cgraph), emit_cfn_json (parsed by
 * jansson), emit_cfn_yaml (parsed by libyaml) and, for small pipelines,
 * emit_render to SVG (Graphviz must report no error). FUZZ_GEN_SHOW=1
 * prints each generated text. */
#define FUZZ_GRAPHVIZ
#include "fuzz.h"

#include <jansson.h>
#include <yaml.h>

typedef struct Gen {
    const uint8_t *p, *end;
    StrBuf out;
    const Catalog *cat;
    int ncomp, ngroups;
    const Service *svc[64];
    char name[64][48];
} Gen;

/* A choice in [0, n): the next input byte (0 once the input is used up). */
static unsigned take(Gen *g, unsigned n)
{
    if (n <= 1)
        return 0;
    unsigned v = g->p < g->end ? *g->p++ : 0;
    if (n > 256 && g->p < g->end)
        v = v << 8 | *g->p++;
    return v % n;
}

/* Names that mean something to a back end: DOT keywords, YAML 1.1
 * booleans and nulls, CloudFormation template keys, Markdown-looking. */
static const char *const name_pool[] = {
    "yes", "no", "on", "off", "y", "n", "NaN", "inf", "null_", "_", "__", "Ref", "Type",
    "Resources", "Outputs", "Properties", "DependsOn", "Condition", "Metadata", "AWS",
    "node", "edge", "graph", "digraph", "subgraph", "strict", "cluster_0", "label", "html",
    "table", "br", "td", "x", "a_b", "_1", "ID", "Name", "arn", "s3", "lambda", "pipeline_",
    "tab", "README", "E105", "W401"};

static void gen_name(Gen *g, char *out, size_t size, int index)
{
    unsigned k = take(g, 4);
    if (k == 0)
        snprintf(out, size, "%s%d", name_pool[take(g, sizeof name_pool / sizeof *name_pool)], index);
    else if (k == 1)
        snprintf(out, size, "%s", index < 64 ? name_pool[(index * 7 + take(g, 3)) %
                                                         (sizeof name_pool / sizeof *name_pool)]
                                             : "c");
    else
        snprintf(out, size, "c%d", index);
    /* a name used twice is E202: keep them unique with the index */
    for (int i = 0; i < index && i < 64; i++)
        if (strcmp(g->name[i], out) == 0)
            snprintf(out, size, "c%d_", index);
}

/* A string literal: fixed nasties, or code points read from the input. */
static void gen_string(Gen *g)
{
    static const char *const fixed[] = {
        "", "x", "a\\\"b", "<b>&amp;</b> & < > ' \\\"", "{a|b}|<c>", "line\\nbreak",
        "tab\\there", "\\u{1F600} é ü 中文 \\u{10FFFF}", "$(x) ${AWS::Region} %s %n %%",
        "- item\\n# head\\n> quote", "*_[]()#+-.!|`~", ": - ? & * ! | > ' % @ `", "null",
        "true", "~", "0x1F", "1e9", "-1", "010", "\\u{202E}rtl\\u{202C}", "\\u{7F}\\u{1B}[31m",
        "\\u{FEFF}bom", "\\u{2028}ls\\u{2029}ps", "\\u{85}nel", "back\\\\slash\\\\",
        "\\\\N", "&lt;", "</TD></TR></TABLE>", "]]>", "<!-- x -->", "\\u{A0}nbsp", "s3://b/k",
        "arn:aws:s3:::b", "\\\\\\\"", "'", "''", "#", "|", "---", "...", "? x", "!!str"};
    sb_putc(&g->out, '"');
    if (take(g, 2) == 0) {
        sb_puts(&g->out, fixed[take(g, sizeof fixed / sizeof *fixed)]);
    } else {
        unsigned n = take(g, 24);
        for (unsigned i = 0; i < n; i++) {
            unsigned c = take(g, 65536);
            if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\')
                sb_putc(&g->out, (char)c);
            else if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
                sb_puts(&g->out, "?");
            else
                sb_printf(&g->out, "\\u{%X}", c < 0x80 || take(g, 2) ? c : c + 0x10000 * take(g, 17));
        }
    }
    sb_putc(&g->out, '"');
}

static int64_t pick_in(Gen *g, const Type *t, int64_t dflt)
{
    int64_t lo = t->has_lo ? t->lo : 0, hi = t->has_hi ? t->hi : (lo > INT64_MAX / 4 ? lo : lo + 1000);
    switch (take(g, 5)) {
    case 0: return lo;
    case 1: return hi;
    case 2: return lo + (hi - lo) / 2;
    case 3: return lo + (int64_t)take(g, 65536) % (hi - lo + 1 > 0 ? hi - lo + 1 : 1);
    default: return dflt < lo ? lo : dflt > hi ? hi : dflt;
    }
}

/* A literal of a unit type: the value in the largest unit that divides it. */
static void unit_literal(Gen *g, int64_t v, bool size)
{
    static const struct { const char *u; int64_t m; } dur[] = {
        {"d", 86400000}, {"h", 3600000}, {"m", 60000}, {"s", 1000}, {"ms", 1}};
    static const struct { const char *u; int64_t m; } sz[] = {
        {"TB", 1LL << 40}, {"GB", 1LL << 30}, {"MB", 1LL << 20}, {"KB", 1LL << 10}};
    if (v < 0)
        v = 0;
    if (size) {
        for (size_t i = 0; i < 4; i++)
            if (v % sz[i].m == 0) {
                sb_printf(&g->out, "%lld%s", (long long)(v / sz[i].m), sz[i].u);
                return;
            }
        sb_printf(&g->out, "%lldKB", (long long)(v / 1024 + 1));
        return;
    }
    for (size_t i = 0; i < 5; i++)
        if (v % dur[i].m == 0) {
            sb_printf(&g->out, "%lld%s", (long long)(v / dur[i].m), dur[i].u);
            return;
        }
}

static void gen_value(Gen *g, const Type *t, int depth);

/* Index of a component (from `start` on, wrapping) that a ref of type t may
 * name, or -1. */
static int ref_target(const Gen *g, const Type *t, int start)
{
    for (int k = 0; k < g->ncomp; k++) {
        int i = (start + k) % g->ncomp;
        const Service *s = g->svc[i]->alias_of ? g->svc[i]->alias_of : g->svc[i];
        for (int r = 0; r < t->refs.n; r++)
            if (strcmp(s->id, t->refs.items[r]) == 0 || strcmp(g->svc[i]->id, t->refs.items[r]) == 0)
                return i;
    }
    return -1;
}

/* Whether a valid value of t can be written (a ref needs a component). */
static bool can_gen(const Gen *g, const Type *t, int depth)
{
    if (t->kind == T_REF)
        return ref_target(g, t, 0) >= 0;
    if (t->kind == T_STRUCT) {
        if (depth > 6)
            return false;
        for (int i = 0; i < t->decl->props.n; i++) {
            const Prop *p = t->decl->props.items[i];
            if (!p->deflt && !p->optional && !can_gen(g, p->type, depth + 1))
                return false;
        }
    }
    return true; /* lists may be empty */
}

static void gen_block(Gen *g, const TypeDecl *td, int depth)
{
    sb_puts(&g->out, "{ ");
    bool first = true;
    for (int i = 0; i < td->props.n; i++) {
        const Prop *p = td->props.items[i];
        if ((p->deflt || p->optional) && (depth > 3 || take(g, 2) || !can_gen(g, p->type, depth)))
            continue;
        sb_printf(&g->out, "%s%s = ", first ? "" : ", ", p->name);
        gen_value(g, p->type, depth + 1);
        first = false;
    }
    sb_puts(&g->out, first ? "}" : " }");
}

static void gen_value(Gen *g, const Type *t, int depth)
{
    switch (t->kind) {
    case T_INT: sb_printf(&g->out, "%lld", (long long)pick_in(g, t, 1)); break;
    case T_NUMBER: {
        double lo = t->has_lo ? t->flo : 0, hi = t->has_hi ? t->fhi : lo + 100;
        double v = take(g, 2) ? lo : lo + (hi - lo) * take(g, 101) / 100.0;
        sb_printf(&g->out, "%.4f", v < lo ? lo : v > hi ? hi : v);
        break;
    }
    case T_STRING: gen_string(g); break;
    case T_BOOL: sb_puts(&g->out, take(g, 2) ? "true" : "false"); break;
    case T_DURATION: unit_literal(g, pick_in(g, t, 60000), false); break;
    case T_SIZE: unit_literal(g, pick_in(g, t, 1 << 20), true); break;
    case T_RANGE: {
        unsigned a = take(g, 100), b = take(g, 100);
        sb_printf(&g->out, "%u..%u", a < b ? a : b, a < b ? b : a);
        break;
    }
    case T_ENUM: {
        const char *m = t->members.items[take(g, (unsigned)t->members.n)];
        bool ident = (m[0] < '0' || m[0] > '9') && strspn(m, "abcdefghijklmnopqrstuvwxyz"
                                                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(m);
        sb_printf(&g->out, ident ? "%s" : "\"%s\"", m);
        break;
    }
    case T_REF: {
        /* a component of one of the services named (can_gen said there is one) */
        int i = ref_target(g, t, (int)take(g, (unsigned)g->ncomp));
        sb_puts(&g->out, i >= 0 ? g->name[i] : "nothing");
        break;
    }
    case T_LIST: {
        unsigned n = depth > 3 || !can_gen(g, t->elem, depth + 1) ? 0 : take(g, 4);
        sb_putc(&g->out, '[');
        for (unsigned i = 0; i < n; i++) {
            if (i)
                sb_puts(&g->out, ", ");
            gen_value(g, t->elem, depth + 1);
        }
        sb_putc(&g->out, ']');
        break;
    }
    case T_INSTANCE: {
        const Family *f = g->cat->family_list.n
                              ? g->cat->family_list.items[take(g, (unsigned)g->cat->family_list.n)]
                              : NULL;
        static const char *const sizes[] = {"large", "xlarge", "2xlarge", "metal", "medium"};
        if (f && f->members.n)
            sb_printf(&g->out, "\"%s.%s\"", (const char *)f->members.items[take(g, (unsigned)f->members.n)],
                      sizes[take(g, 5)]);
        else
            sb_puts(&g->out, "\"m5.xlarge\"");
        break;
    }
    case T_STRUCT: gen_block(g, t->decl, depth); break;
    }
}

static void gen_component(Gen *g, int i, int depth)
{
    const Service *s = g->svc[i];
    for (int d = 0; d < depth; d++)
        sb_puts(&g->out, "  ");
    sb_printf(&g->out, "%s : %s", g->name[i], s->id);
    if (take(g, 2)) {
        sb_putc(&g->out, ' ');
        gen_string(g);
    }
    sb_puts(&g->out, " { ");
    bool first = true;
    for (int k = 0; k < s->props.n; k++) {
        const Prop *p = s->props.items[k];
        if ((p->deflt || p->optional) && (take(g, 3) != 0 || !can_gen(g, p->type, 0)))
            continue;
        sb_printf(&g->out, "%s%s = ", first ? "" : ", ", p->name);
        gen_value(g, p->type, 0);
        first = false;
    }
    sb_puts(&g->out, first ? "}\n" : " }\n");
}

/* Components in order, some wrapped in (nested) groups. */
static void gen_members(Gen *g, int *next, int until, int depth)
{
    while (*next < until) {
        if (depth < 6 && take(g, 6) == 0) {
            for (int d = 0; d < depth; d++)
                sb_puts(&g->out, "  ");
            sb_printf(&g->out, "group grp%d_%s", g->ngroups++,
                      name_pool[take(g, sizeof name_pool / sizeof *name_pool)]);
            if (take(g, 2)) {
                sb_putc(&g->out, ' ');
                gen_string(g);
            }
            sb_puts(&g->out, " {\n");
            int stop = *next + 1 + (int)take(g, 4);
            gen_members(g, next, stop < until ? stop : until, depth + 1);
            for (int d = 0; d < depth; d++)
                sb_puts(&g->out, "  ");
            sb_puts(&g->out, "}\n");
        } else {
            gen_component(g, (*next)++, depth);
        }
    }
}

static void generate(Gen *g)
{
    const PtrVec *svcs = &g->cat->service_list;
    g->ncomp = 1 + (int)take(g, 12);
    for (int i = 0; i < g->ncomp; i++) {
        g->svc[i] = svcs->items[take(g, (unsigned)svcs->n)];
        gen_name(g, g->name[i], sizeof g->name[i], i);
    }
    sb_puts(&g->out, "pipeline gen ");
    gen_string(g);
    sb_puts(&g->out, " {\n");
    if (take(g, 2)) {
        sb_puts(&g->out, "  description = ");
        gen_string(g);
        sb_puts(&g->out, "\n  owner = ");
        gen_string(g);
        sb_puts(&g->out, "\n  region = ");
        gen_string(g);
        sb_printf(&g->out, "\n  layout = %s\n", take(g, 2) ? "LR" : "TB");
    }
    int next = 0;
    gen_members(g, &next, g->ncomp, 1);
    /* flows along catalog links only */
    unsigned nflows = take(g, 2 * (unsigned)g->ncomp + 1);
    for (unsigned f = 0; f < nflows; f++) {
        int a = (int)take(g, (unsigned)g->ncomp), b = (int)take(g, (unsigned)g->ncomp);
        if (a == b || !catalog_link(g->cat, g->svc[a], g->svc[b]))
            continue;
        sb_printf(&g->out, "  %s -> %s", g->name[a], g->name[b]);
        if (take(g, 3) == 0) {
            sb_puts(&g->out, " { label = ");
            gen_string(g);
            sb_puts(&g->out, " }");
        }
        sb_putc(&g->out, '\n');
    }
    sb_puts(&g->out, "}\n");
}

static bool yaml_ok(const char *text, size_t len)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        abort();
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool ok = true;
    for (bool end = false; !end;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            fprintf(stderr, "YAML: %s at line %zu column %zu\n", p.problem ? p.problem : "?",
                    p.problem_mark.line + 1, p.problem_mark.column + 1);
            ok = false;
            break;
        }
        end = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return ok;
}

static int run_md(EmitContext *c, StrBuf *o) { return emit_md(c, o); }
static int run_dot(EmitContext *c, StrBuf *o) { return emit_dot(c, o); }
static int run_json(EmitContext *c, StrBuf *o) { return emit_cfn_json(c, o); }
static int run_yaml(EmitContext *c, StrBuf *o) { return emit_cfn_yaml(c, o); }
static int run_svg(EmitContext *c, StrBuf *o) { return emit_render(c, "svg", o); }

static const Catalog *catalog(void)
{
    static Compilation base; /* the stdlib's catalog, built once */
    if (!base.catalog) {
        compilation_init(&base);
        compile_text(&base, NULL, "base.pipe", "", 0);
        if (!base.catalog)
            abort();
    }
    return base.catalog;
}

static unsigned long generated, clean;

static void stats(void)
{
    fprintf(stderr, "fuzz_emit_gen: %lu of %lu generated pipelines checked clean\n", clean,
            generated);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool show;
    static bool init;
    if (!init) {
        init = true;
        show = getenv("FUZZ_GEN_SHOW") != NULL;
        atexit(stats);
    }
    Gen g = {.p = data, .end = data + size, .cat = catalog()};
    sb_init(&g.out);
    generate(&g);
    generated++;
    if (show)
        fprintf(stderr, "---\n%s", g.out.data);
    Compilation c;
    fuzz_compile(&c, (const uint8_t *)g.out.data, g.out.len);
    if (fuzz_emittable(&c)) {
        clean++;
        StrBuf out;
        fuzz_emit(&c, run_md, &out);
        sb_free(&out);

        fuzz_emit(&c, run_dot, &out);
        Agraph_t *graph = agmemread(out.data ? out.data : "");
        FUZZ_CHECK(graph != NULL, "the DOT output does not parse:\n%s", out.data);
        agclose(graph);
        sb_free(&out);

        fuzz_emit(&c, run_json, &out);
        json_error_t err;
        json_t *j = json_loadb(out.data ? out.data : "", out.len, 0, &err);
        FUZZ_CHECK(j != NULL, "the JSON template does not parse: %s (line %d)", err.text, err.line);
        json_decref(j);
        sb_free(&out);

        fuzz_emit(&c, run_yaml, &out);
        FUZZ_CHECK(yaml_ok(out.data ? out.data : "", out.len), "the YAML template does not parse");
        sb_free(&out);

        if (g.ncomp <= 4 && size % 16 == 0) { /* layout is slow: a few of the small ones */
            fuzz_graphviz_watch();
            fuzz_emit(&c, run_svg, &out);
            FUZZ_CHECK(out.len > 0 && strstr(out.data, "</svg>"), "no SVG document");
            FUZZ_CHECK(fuzz_graphviz_errors == 0, "Graphviz reported an error");
            sb_free(&out);
        }
    } else if (show) {
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);
        diag_render_gcc(&c.diags, f);
        fclose(f);
        fprintf(stderr, "(does not check)\n%s", buf);
        free(buf);
    }
    compilation_free(&c);
    sb_free(&g.out);
    return 0;
}
