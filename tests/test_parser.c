/* The parser: every construct of the grammar, checked on the tree it builds
 * (compiler/ast.h), plus the catalog items a user may write and syntax
 * errors of the simplest kinds. */
#include "helpers.h"

#include <math.h>

/* ---- helpers ------------------------------------------------------------------- */

static Parsed *parse_n(const char *text, size_t len)
{
    return test_parse_named("parse.pipe", text, len);
}

static Parsed *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

#define parsed_free test_parsed_free
#define dump test_parsed_dump

/* Parses text that must be free of diagnostics. */
static Parsed *parse_ok(const char *text)
{
    Parsed *p = parse(text);
    cr_assert_eq(p->diags.items.n, 0, "want a clean parse of:\n%s\ngot:\n%s", text, dump(p));
    cr_assert_eq(p->file->nerrors, 0);
    return p;
}

static char *span_text(const Parsed *p, Span s)
{
    return arena_strndup(p->arena, p->src->text + s.start, s.end - s.start);
}

static Pos pos_of(const Parsed *p, Span s)
{
    return source_pos(p->src, s.start);
}

static Item *item_n(const Parsed *p, int i)
{
    cr_assert_lt(i, p->file->items.n, "item #%d of %d", i, p->file->items.n);
    return p->file->items.items[i];
}

static Stmt *body_n(const PtrVec *body, int i)
{
    cr_assert_lt(i, body->n, "statement #%d of %d", i, body->n);
    return body->items[i];
}

static Stmt *stmt_n(const Parsed *p, int i)
{
    Item *pl = item_n(p, 0);
    cr_assert_eq(pl->kind, IT_PIPELINE);
    return body_n(&pl->body, i);
}

static Setting *setting_n(const Block *b, int i)
{
    cr_assert_not_null(b, "a block");
    cr_assert_lt(i, b->settings.n, "setting #%d of %d", i, b->settings.n);
    return b->settings.items[i];
}

static const char *end_name(const Stmt *flow, int end, int name)
{
    cr_assert_lt(end, flow->ends.n);
    const Ends *e = flow->ends.items[end];
    cr_assert_lt(name, e->names.n);
    return ((const Ident *)e->names.items[name])->name;
}

static const Ends *ends_n(const Stmt *flow, int i)
{
    cr_assert_lt(i, flow->ends.n);
    return flow->ends.items[i];
}

/* Value of setting `x` in `pipeline p { x = TEXT }`. */
static const Value *value_of(Parsed **out, const char *text)
{
    char *src = NULL;
    cr_assert_geq(asprintf(&src, "pipeline p {\n  x = %s\n}\n", text), 0);
    Parsed *p = parse_ok(src);
    free(src);
    *out = p;
    Stmt *st = stmt_n(p, 0);
    cr_assert_eq(st->kind, ST_SETTING);
    return st->setting->value;
}

static int count_code(const Parsed *p, const char *code)
{
    int n = 0;
    for (int i = 0; i < p->diags.items.n; i++)
        n += strcmp(((const Diagnostic *)p->diags.items.items[i])->code, code) == 0;
    return n;
}

static void expect_diag(const Parsed *p, int i, const char *code, int line, int col,
                        const char *msg)
{
    cr_assert_lt(i, p->diags.items.n, "diagnostic #%d; all:\n%s", i, dump(p));
    const Diagnostic *g = p->diags.items.items[i];
    Pos pos = source_pos(g->src, g->span.start);
    cr_assert_str_eq(g->code, code, "diagnostic #%d; all:\n%s", i, dump(p));
    cr_assert_eq(pos.line, line, "diagnostic #%d line %d, want %d\n%s", i, pos.line, line, dump(p));
    cr_assert_eq(pos.col, col, "diagnostic #%d column %d, want %d\n%s", i, pos.col, col, dump(p));
    if (msg)
        cr_assert_str_eq(g->message, msg, "diagnostic #%d message", i);
}

/* ---- pipelines -------------------------------------------------------------- */

Test(pipeline, without_title)
{
    Parsed *p = parse_ok("pipeline orders {\n}\n");
    cr_assert_eq(p->file->items.n, 1);
    Item *it = item_n(p, 0);
    cr_assert_eq(it->kind, IT_PIPELINE);
    cr_assert_str_eq(it->name.name, "orders");
    cr_assert_str_eq(span_text(p, it->name.span), "orders");
    cr_assert_null(it->title, "no title");
    cr_assert_eq(it->body.n, 0);
    cr_assert_str_eq(span_text(p, it->span), "pipeline orders {\n}", "the item spans to '}'");
    parsed_free(p);
}

Test(pipeline, with_title)
{
    Parsed *p = parse_ok("pipeline clickstream \"Clickstream analytics\" {\n  region = \"eu-west-1\"\n}\n");
    Item *it = item_n(p, 0);
    cr_assert_str_eq(it->name.name, "clickstream");
    cr_assert_str_eq(it->title, "Clickstream analytics");
    cr_assert_str_eq(span_text(p, it->title_span), "\"Clickstream analytics\"");
    cr_assert_eq(it->body.n, 1);
    parsed_free(p);
}

Test(pipeline, one_line_and_empty)
{
    Parsed *p = parse_ok("pipeline p {}");
    cr_assert_eq(item_n(p, 0)->body.n, 0);
    parsed_free(p);
    p = parse_ok("pipeline p { a : s3; b : sqs; a -> b }");
    cr_assert_eq(item_n(p, 0)->body.n, 3);
    parsed_free(p);
}

/* Counted as the parser goes, for the checker to size its tables by; each
 * pipeline counts its own. */
Test(pipeline, counts_components_and_hops)
{
    Parsed *p = parse_ok("pipeline p {\n"
                         "  a : s3\n"
                         "  group g { b : sqs; group h { c : sqs } }\n"
                         "  d : lambda\n"
                         "  a -> [b, c] -> d\n"
                         "  group k { [a, b] -> [c, d] -> a }\n"
                         "}\n"
                         "pipeline q { x : s3 }\n");
    cr_assert_eq(item_n(p, 0)->ncomponents, 4);
    cr_assert_eq(item_n(p, 0)->nhops, 2 + 2 + 4 + 2);
    cr_assert_eq(item_n(p, 1)->ncomponents, 1);
    cr_assert_eq(item_n(p, 1)->nhops, 0);
    parsed_free(p);
}

Test(pipeline, settings)
{
    Parsed *p = parse_ok("pipeline p {\n  region = \"eu-west-1\"\n  layout = LR\n"
                         "  description = \"d\"; owner = \"team\"\n}\n");
    cr_assert_eq(item_n(p, 0)->body.n, 4);
    static const char *const names[] = {"region", "layout", "description", "owner"};
    for (int i = 0; i < 4; i++) {
        Stmt *st = stmt_n(p, i);
        cr_assert_eq(st->kind, ST_SETTING, "statement #%d", i);
        cr_assert_str_eq(st->setting->name.name, names[i]);
    }
    cr_assert_eq(stmt_n(p, 1)->setting->value->kind, V_IDENT);
    cr_assert_str_eq(stmt_n(p, 1)->setting->value->str, "LR");
    cr_assert_str_eq(span_text(p, stmt_n(p, 0)->setting->span), "region = \"eu-west-1\"");
    parsed_free(p);
}

/* ---- components ---------------------------------------------------------------- */

Test(component, plain)
{
    Parsed *p = parse_ok("pipeline p {\n  catalog : glue\n}\n");
    Stmt *c = stmt_n(p, 0);
    cr_assert_eq(c->kind, ST_COMPONENT);
    cr_assert_str_eq(c->name.name, "catalog");
    cr_assert_str_eq(c->service.name, "glue");
    cr_assert_null(c->label);
    cr_assert_null(c->block);
    Pos at = pos_of(p, c->service.span);
    cr_assert_eq(at.line, 2);
    cr_assert_eq(at.col, 13);
    cr_assert_str_eq(span_text(p, c->span), "catalog : glue");
    parsed_free(p);
}

Test(component, with_label)
{
    Parsed *p = parse_ok("pipeline p {\n  sensors : iot_core \"Field sensors\"\n}\n");
    Stmt *c = stmt_n(p, 0);
    cr_assert_str_eq(c->label, "Field sensors");
    cr_assert_str_eq(span_text(p, c->label_span), "\"Field sensors\"");
    cr_assert_null(c->block);
    parsed_free(p);
}

Test(component, with_block)
{
    Parsed *p = parse_ok("pipeline p {\n  events : kinesis_streams { shards = 4, retention = 48h }\n}\n");
    Stmt *c = stmt_n(p, 0);
    cr_assert_null(c->label);
    cr_assert_eq(c->block->settings.n, 2);
    cr_assert_str_eq(setting_n(c->block, 0)->name.name, "shards");
    cr_assert_eq(setting_n(c->block, 0)->value->i, 4);
    cr_assert_str_eq(setting_n(c->block, 1)->name.name, "retention");
    cr_assert_eq(setting_n(c->block, 1)->value->kind, V_DURATION);
    cr_assert_eq(setting_n(c->block, 1)->value->i, 48 * 3600000LL);
    cr_assert_str_eq(span_text(p, c->block->span), "{ shards = 4, retention = 48h }");
    parsed_free(p);
}

Test(component, with_label_and_block)
{
    Parsed *p = parse_ok("pipeline p {\n  s : iot_core \"Field\" { topic = \"a/b\" }\n}\n");
    Stmt *c = stmt_n(p, 0);
    cr_assert_str_eq(c->label, "Field");
    cr_assert_eq(c->block->settings.n, 1);
    cr_assert_str_eq(setting_n(c->block, 0)->value->str, "a/b");
    parsed_free(p);
}

Test(block, separators)
{
    static const char *const forms[] = {
        "{ a = 1, b = 2, c = 3 }",
        "{ a = 1; b = 2; c = 3 }",
        "{\n    a = 1\n    b = 2\n    c = 3\n  }",
        "{ a = 1,\n    b = 2; c = 3\n  }",
        "{\n\n    a = 1\n\n    b = 2,\n    c = 3,\n  }",
        "{ a = 1, b = 2, c = 3, }",
        "{ a = 1; b = 2; c = 3; }",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char *src = NULL;
        cr_assert_geq(asprintf(&src, "pipeline p {\n  f : lambda %s\n}\n", forms[i]), 0);
        Parsed *p = parse_ok(src);
        Stmt *c = stmt_n(p, 0);
        cr_assert_eq(c->block->settings.n, 3, "form #%zu: 3 settings", i);
        for (int k = 0; k < 3; k++) {
            cr_assert_eq(setting_n(c->block, k)->name.name[0], 'a' + k, "form #%zu", i);
            cr_assert_eq(setting_n(c->block, k)->value->i, k + 1, "form #%zu", i);
        }
        parsed_free(p);
        free(src);
    }
}

Test(block, empty)
{
    Parsed *p = parse_ok("pipeline p {\n  f : lambda {}\n  g : lambda {\n  }\n}\n");
    cr_assert_not_null(stmt_n(p, 0)->block, "an empty block is still a block");
    cr_assert_eq(stmt_n(p, 0)->block->settings.n, 0);
    cr_assert_eq(stmt_n(p, 1)->block->settings.n, 0);
    parsed_free(p);
}

/* ---- flows ------------------------------------------------------------------------ */

Test(flow, simple)
{
    Parsed *p = parse_ok("pipeline p {\n  a -> b\n}\n");
    Stmt *f = stmt_n(p, 0);
    cr_assert_eq(f->kind, ST_FLOW);
    cr_assert_eq(f->ends.n, 2);
    cr_assert_str_eq(end_name(f, 0, 0), "a");
    cr_assert_str_eq(end_name(f, 1, 0), "b");
    cr_assert_not(ends_n(f, 0)->bracketed);
    cr_assert_null(f->block);
    Span arrow = ends_n(f, 1)->arrow;
    cr_assert_str_eq(span_text(p, arrow), "->");
    cr_assert_eq(pos_of(p, arrow).col, 5);
    cr_assert_str_eq(span_text(p, f->span), "a -> b");
    parsed_free(p);
}

Test(flow, chain)
{
    Parsed *p = parse_ok("pipeline p {\n  sensors -> events -> archive -> lake\n}\n");
    Stmt *f = stmt_n(p, 0);
    cr_assert_eq(f->ends.n, 4);
    static const char *const names[] = {"sensors", "events", "archive", "lake"};
    static const int arrow_cols[] = {11, 21, 32};
    for (int i = 0; i < 4; i++)
        cr_assert_str_eq(end_name(f, i, 0), names[i]);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(pos_of(p, ends_n(f, i + 1)->arrow).col, arrow_cols[i], "arrow #%d", i);
    parsed_free(p);
}

Test(flow, fan_out_and_fan_in)
{
    Parsed *p = parse_ok("pipeline p {\n  a -> [b, c, d]\n  [b, c] -> e\n  [x, y] -> [z, w,]\n"
                         "  a -> [b]\n}\n");
    Stmt *out = stmt_n(p, 0);
    const Ends *e = ends_n(out, 1);
    cr_assert(e->bracketed);
    cr_assert_eq(e->names.n, 3);
    cr_assert_str_eq(end_name(out, 1, 2), "d");
    cr_assert_str_eq(span_text(p, e->span), "[b, c, d]");

    Stmt *in = stmt_n(p, 1);
    cr_assert(ends_n(in, 0)->bracketed);
    cr_assert_eq(ends_n(in, 0)->names.n, 2);
    cr_assert_not(ends_n(in, 1)->bracketed);

    Stmt *both = stmt_n(p, 2);
    cr_assert_eq(ends_n(both, 0)->names.n, 2);
    cr_assert_eq(ends_n(both, 1)->names.n, 2, "a trailing comma adds no name");
    cr_assert_str_eq(end_name(both, 1, 1), "w");

    Stmt *one = stmt_n(p, 3);
    cr_assert(ends_n(one, 1)->bracketed, "[b] is a bracketed list of one");
    cr_assert_eq(ends_n(one, 1)->names.n, 1);
    parsed_free(p);
}

Test(flow, edge_block)
{
    Parsed *p = parse_ok("pipeline p {\n  events -> [enrich] { label = \"fan-out\" }\n"
                         "  a -> b -> c {\n    label = \"x\"\n    style = dashed\n  }\n}\n");
    Stmt *f = stmt_n(p, 0);
    cr_assert_not_null(f->block);
    cr_assert_eq(f->block->settings.n, 1);
    cr_assert_str_eq(setting_n(f->block, 0)->name.name, "label");
    cr_assert_str_eq(setting_n(f->block, 0)->value->str, "fan-out");
    cr_assert_str_eq(span_text(p, f->span), "events -> [enrich] { label = \"fan-out\" }",
                     "the flow's span includes its block");
    Stmt *g = stmt_n(p, 1);
    cr_assert_eq(g->ends.n, 3);
    cr_assert_eq(g->block->settings.n, 2);
    parsed_free(p);
}

/* ---- groups ----------------------------------------------------------------------- */

Test(group, with_and_without_title)
{
    Parsed *p = parse_ok("pipeline p {\n  group ingest \"Ingestion\" {\n    s : iot_core\n"
                         "    e : kinesis_streams\n  }\n  group other {\n  }\n}\n");
    Stmt *g = stmt_n(p, 0);
    cr_assert_eq(g->kind, ST_GROUP);
    cr_assert_str_eq(g->name.name, "ingest");
    cr_assert_str_eq(g->label, "Ingestion");
    cr_assert_eq(g->body.n, 2);
    cr_assert_eq(body_n(&g->body, 1)->kind, ST_COMPONENT);
    cr_assert_str_eq(body_n(&g->body, 1)->name.name, "e");
    Stmt *h = stmt_n(p, 1);
    cr_assert_null(h->label);
    cr_assert_eq(h->body.n, 0);
    parsed_free(p);
}

Test(group, nested)
{
    Parsed *p = parse_ok("pipeline p {\n"
                         "  group a {\n"
                         "    group b \"B\" {\n"
                         "      group c { x : s3; y : sqs }\n"
                         "      z : lambda\n"
                         "    }\n"
                         "  }\n"
                         "  x -> z\n"
                         "}\n");
    Stmt *a = stmt_n(p, 0);
    cr_assert_eq(a->body.n, 1);
    Stmt *b = body_n(&a->body, 0);
    cr_assert_eq(b->kind, ST_GROUP);
    cr_assert_str_eq(b->label, "B");
    cr_assert_eq(b->body.n, 2);
    Stmt *c = body_n(&b->body, 0);
    cr_assert_eq(c->kind, ST_GROUP);
    cr_assert_eq(c->body.n, 2);
    cr_assert_str_eq(body_n(&c->body, 1)->service.name, "sqs");
    cr_assert_eq(stmt_n(p, 1)->kind, ST_FLOW);
    parsed_free(p);
}

/* ---- values --------------------------------------------------------------------- */

Test(values, scalars)
{
    Parsed *p;
    const Value *v = value_of(&p, "\"text\"");
    cr_assert_eq(v->kind, V_STRING);
    cr_assert_str_eq(v->str, "text");
    parsed_free(p);

    v = value_of(&p, "4");
    cr_assert_eq(v->kind, V_INT);
    cr_assert_eq(v->i, 4);
    parsed_free(p);

    v = value_of(&p, "0.25");
    cr_assert_eq(v->kind, V_NUMBER);
    cr_assert_float_eq(v->num, 0.25, 1e-12);
    parsed_free(p);

    v = value_of(&p, "90s");
    cr_assert_eq(v->kind, V_DURATION);
    cr_assert_eq(v->i, 90000);
    parsed_free(p);

    v = value_of(&p, "64MB");
    cr_assert_eq(v->kind, V_SIZE);
    cr_assert_eq(v->i, 64LL << 20);
    parsed_free(p);

    v = value_of(&p, "true");
    cr_assert_eq(v->kind, V_BOOL);
    cr_assert_eq(v->i, 1);
    parsed_free(p);

    v = value_of(&p, "false");
    cr_assert_eq(v->kind, V_BOOL);
    cr_assert_eq(v->i, 0);
    parsed_free(p);

    v = value_of(&p, "spot");
    cr_assert_eq(v->kind, V_IDENT);
    cr_assert_str_eq(v->str, "spot");
    parsed_free(p);
}

Test(values, ranges)
{
    Parsed *p;
    const Value *v = value_of(&p, "2..20");
    cr_assert_eq(v->kind, V_RANGE);
    cr_assert_eq(v->lo->i, 2);
    cr_assert_eq(v->hi->i, 20);
    parsed_free(p);
    v = value_of(&p, "1.5..2.5");
    cr_assert_eq(v->kind, V_RANGE);
    cr_assert_eq(v->lo->kind, V_NUMBER);
    cr_assert_float_eq(v->hi->num, 2.5, 1e-12);
    parsed_free(p);
    v = value_of(&p, "1h..7d");
    cr_assert_eq(v->lo->kind, V_DURATION);
    cr_assert_eq(v->hi->i, 7 * 86400000LL);
    parsed_free(p);
}

Test(values, lists)
{
    Parsed *p;
    const Value *v = value_of(&p, "[spark, hive, \"presto\"]");
    cr_assert_eq(v->kind, V_LIST);
    cr_assert_eq(v->list.n, 3);
    cr_assert_eq(((Value *)v->list.items[0])->kind, V_IDENT);
    cr_assert_str_eq(((Value *)v->list.items[1])->str, "hive");
    cr_assert_eq(((Value *)v->list.items[2])->kind, V_STRING);
    cr_assert_str_eq(span_text(p, v->span), "[spark, hive, \"presto\"]");
    parsed_free(p);

    v = value_of(&p, "[]");
    cr_assert_eq(v->kind, V_LIST);
    cr_assert_eq(v->list.n, 0);
    parsed_free(p);

    v = value_of(&p, "[1, 2, 3,]");
    cr_assert_eq(v->list.n, 3, "a trailing comma adds no element");
    cr_assert_str_eq(span_text(p, v->span), "[1, 2, 3,]");
    parsed_free(p);

    v = value_of(&p, "[\n    1,\n    2,\n  ]");
    cr_assert_eq(v->list.n, 2);
    parsed_free(p);

    v = value_of(&p, "[[1, 2], [], [3]]");
    cr_assert_eq(v->list.n, 3);
    const Value *inner = v->list.items[0];
    cr_assert_eq(inner->kind, V_LIST);
    cr_assert_eq(inner->list.n, 2);
    cr_assert_eq(((Value *)v->list.items[1])->list.n, 0);
    parsed_free(p);

    v = value_of(&p, "[1s, 2MB, 1..2, true]");
    cr_assert_eq(v->list.n, 4);
    cr_assert_eq(((Value *)v->list.items[0])->kind, V_DURATION);
    cr_assert_eq(((Value *)v->list.items[1])->kind, V_SIZE);
    cr_assert_eq(((Value *)v->list.items[2])->kind, V_RANGE);
    cr_assert_eq(((Value *)v->list.items[3])->kind, V_BOOL);
    parsed_free(p);
}

Test(values, nested_blocks)
{
    Parsed *p;
    const Value *v = value_of(&p, "{ instance = \"r5.2xlarge\", count = 2, extra = { deep = true } }");
    cr_assert_eq(v->kind, V_BLOCK);
    cr_assert_eq(v->block->settings.n, 3);
    cr_assert_str_eq(setting_n(v->block, 0)->value->str, "r5.2xlarge");
    const Value *deep = setting_n(v->block, 2)->value;
    cr_assert_eq(deep->kind, V_BLOCK);
    cr_assert_eq(setting_n(deep->block, 0)->value->kind, V_BOOL);
    parsed_free(p);

    v = value_of(&p, "[{ a = 1 }, {\n    a = 2\n    b = 3\n  }]");
    cr_assert_eq(v->kind, V_LIST);
    cr_assert_eq(v->list.n, 2);
    const Value *second = v->list.items[1];
    cr_assert_eq(second->kind, V_BLOCK);
    cr_assert_eq(second->block->settings.n, 2, "newlines separate settings inside the block");
    parsed_free(p);
}

Test(values, emr_style_component)
{
    Parsed *p = parse_ok("pipeline p {\n"
                         "  spark : emr {\n"
                         "    apps = [spark, hive]\n"
                         "    autoscale = 2..20\n"
                         "    master = { instance = \"m5.xlarge\" }\n"
                         "    core = { instance = \"r5.2xlarge\", count = 4, market = on_demand }\n"
                         "  }\n"
                         "}\n");
    Block *b = stmt_n(p, 0)->block;
    cr_assert_eq(b->settings.n, 4);
    cr_assert_eq(setting_n(b, 1)->value->kind, V_RANGE);
    cr_assert_eq(setting_n(b, 3)->value->block->settings.n, 3);
    parsed_free(p);
}

/* ---- catalog items --------------------------------------------------------------------- */

Test(items, import)
{
    Parsed *p = parse_ok("import \"lib/kafka.pipe\"\nimport \"other.pipe\"; pipeline p {}\n");
    cr_assert_eq(p->file->items.n, 3);
    Item *it = item_n(p, 0);
    cr_assert_eq(it->kind, IT_IMPORT);
    cr_assert_str_eq(it->title, "lib/kafka.pipe");
    cr_assert_str_eq(span_text(p, it->title_span), "\"lib/kafka.pipe\"");
    cr_assert_str_eq(item_n(p, 1)->title, "other.pipe");
    cr_assert_eq(item_n(p, 2)->kind, IT_PIPELINE);
    parsed_free(p);
}

static const PropDecl *prop_n(const Item *it, int i)
{
    cr_assert_lt(i, it->props.n, "property #%d of %d", i, it->props.n);
    return it->props.items[i];
}

static const TypeExpr *targ_n(const TypeExpr *t, int i)
{
    cr_assert_lt(i, t->args.n, "type argument #%d of %d", i, t->args.n);
    return t->args.items[i];
}

Test(items, service)
{
    Parsed *p = parse_ok(
        "service kafka \"Apache Kafka (self-managed)\" {\n"
        "  category = external\n"
        "  cfn = []\n"
        "  brokers : int(1..100) = 3\n"
        "  topic : string\n"
        "  retention : duration(24h..)\n"
        "  burst : size(..16MB) = 1MB\n"
        "  mode : enum(plain, \"tls\") = plain\n"
        "  sink : ref(lambda, firehose)\n"
        "  apps : list(enum(a, b))\n"
        "  node : instance_group; share : number(0.0..1.0) = 0.5\n"
        "}\n");
    Item *s = item_n(p, 0);
    cr_assert_eq(s->kind, IT_SERVICE);
    cr_assert_str_eq(s->name.name, "kafka");
    cr_assert_str_eq(s->title, "Apache Kafka (self-managed)");
    cr_assert_eq(s->meta.n, 2, "two settings");
    cr_assert_str_eq(((Setting *)s->meta.items[0])->name.name, "category");
    cr_assert_eq(((Setting *)s->meta.items[1])->value->kind, V_LIST);
    cr_assert_eq(s->props.n, 9, "nine property declarations");

    const PropDecl *brokers = prop_n(s, 0);
    cr_assert_str_eq(brokers->name.name, "brokers");
    cr_assert_str_eq(brokers->type->name.name, "int");
    cr_assert_eq(brokers->type->args.n, 1);
    const TypeExpr *bound = targ_n(brokers->type, 0);
    cr_assert(bound->is_bound);
    cr_assert_eq(bound->lo->i, 1);
    cr_assert_eq(bound->hi->i, 100);
    cr_assert_eq(brokers->deflt->i, 3);

    const PropDecl *topic = prop_n(s, 1);
    cr_assert_str_eq(topic->type->name.name, "string");
    cr_assert_eq(topic->type->args.n, 0);
    cr_assert_null(topic->deflt, "no default: required");

    const TypeExpr *open_hi = targ_n(prop_n(s, 2)->type, 0);
    cr_assert(open_hi->is_bound);
    cr_assert_eq(open_hi->lo->i, 24 * 3600000LL);
    cr_assert_null(open_hi->hi);

    const TypeExpr *open_lo = targ_n(prop_n(s, 3)->type, 0);
    cr_assert_null(open_lo->lo);
    cr_assert_eq(open_lo->hi->i, 16LL << 20);
    cr_assert_eq(prop_n(s, 3)->deflt->i, 1LL << 20);

    const PropDecl *mode = prop_n(s, 4);
    cr_assert_str_eq(mode->type->name.name, "enum");
    cr_assert_eq(mode->type->args.n, 2);
    cr_assert_str_eq(targ_n(mode->type, 0)->name.name, "plain");
    cr_assert_not(targ_n(mode->type, 0)->is_string);
    cr_assert_str_eq(targ_n(mode->type, 1)->name.name, "tls");
    cr_assert(targ_n(mode->type, 1)->is_string);
    cr_assert_eq(mode->deflt->kind, V_IDENT);

    const PropDecl *sink = prop_n(s, 5);
    cr_assert_str_eq(sink->type->name.name, "ref");
    cr_assert_eq(sink->type->args.n, 2);
    cr_assert_str_eq(targ_n(sink->type, 1)->name.name, "firehose");

    const PropDecl *apps = prop_n(s, 6);
    cr_assert_str_eq(apps->type->name.name, "list");
    const TypeExpr *inner = targ_n(apps->type, 0);
    cr_assert_str_eq(inner->name.name, "enum");
    cr_assert_eq(inner->args.n, 2);

    cr_assert_str_eq(prop_n(s, 7)->type->name.name, "instance_group");
    const TypeExpr *fb = targ_n(prop_n(s, 8)->type, 0);
    cr_assert_eq(fb->lo->kind, V_NUMBER);
    cr_assert_float_eq(fb->hi->num, 1.0, 1e-12);
    parsed_free(p);
}

Test(items, service_without_title)
{
    Parsed *p = parse_ok("service thing {\n  category = external\n}\n");
    cr_assert_null(item_n(p, 0)->title);
    cr_assert_eq(item_n(p, 0)->meta.n, 1);
    parsed_free(p);
}

Test(items, link)
{
    Parsed *p = parse_ok("link kafka -> [kinesis_streams, firehose] via \"Kafka Connect sink\"\n"
                         "link [app, kpl] -> kinesis_streams via \"PutRecords\" { doc = \"d\" }\n"
                         "link ranger -> emr via \"access control\" { control = true }\n");
    Item *l = item_n(p, 0);
    cr_assert_eq(l->kind, IT_LINK);
    cr_assert_eq(l->from->names.n, 1);
    cr_assert_str_eq(((Ident *)l->from->names.items[0])->name, "kafka");
    cr_assert(l->to->bracketed);
    cr_assert_eq(l->to->names.n, 2);
    cr_assert_str_eq(((Ident *)l->to->names.items[1])->name, "firehose");
    cr_assert_str_eq(l->title, "Kafka Connect sink");
    cr_assert_null(l->block);
    Item *m = item_n(p, 1);
    cr_assert(m->from->bracketed);
    cr_assert_eq(m->from->names.n, 2);
    cr_assert_eq(m->block->settings.n, 1);
    cr_assert_eq(setting_n(item_n(p, 2)->block, 0)->value->kind, V_BOOL);
    parsed_free(p);
}

Test(items, family)
{
    Parsed *p = parse_ok("family memory \"Memory optimized\" [r4, r5, r6i, x1, z1d] {\n"
                         "  current = [r6i, r6g]\n  fits = [spark]\n}\n"
                         "family tiny [t9]\n");
    Item *f = item_n(p, 0);
    cr_assert_eq(f->kind, IT_FAMILY);
    cr_assert_str_eq(f->name.name, "memory");
    cr_assert_str_eq(f->title, "Memory optimized");
    cr_assert_eq(f->members.n, 5);
    cr_assert_str_eq(((Ident *)f->members.items[4])->name, "z1d");
    cr_assert_eq(f->block->settings.n, 2);
    Item *g = item_n(p, 1);
    cr_assert_null(g->title);
    cr_assert_null(g->block);
    cr_assert_eq(g->members.n, 1);
    parsed_free(p);
}

Test(items, type)
{
    Parsed *p = parse_ok("type instance_group { instance : instance; count : int(1..500) = 1; "
                         "market : enum(on_demand, spot) = on_demand }\n"
                         "type other {\n  a : string = \"x\"\n  b : bool\n}\n");
    Item *t = item_n(p, 0);
    cr_assert_eq(t->kind, IT_TYPE);
    cr_assert_str_eq(t->name.name, "instance_group");
    cr_assert_eq(t->props.n, 3);
    cr_assert_str_eq(prop_n(t, 0)->type->name.name, "instance");
    cr_assert_eq(prop_n(t, 2)->deflt->kind, V_IDENT);
    cr_assert_eq(item_n(p, 1)->props.n, 2);
    parsed_free(p);
}

Test(items, category)
{
    Parsed *p = parse_ok("category analytics \"Analytics\" { color = \"#8C4FFF\", text = \"#FFFFFF\" }\n"
                         "category bare\n");
    Item *c = item_n(p, 0);
    cr_assert_eq(c->kind, IT_CATEGORY);
    cr_assert_str_eq(c->name.name, "analytics");
    cr_assert_str_eq(c->title, "Analytics");
    cr_assert_eq(c->block->settings.n, 2);
    cr_assert_null(item_n(p, 1)->block);
    parsed_free(p);
}

Test(items, category_is_not_reserved)
{
    Compilation *c = test_compile("pipeline p {\n  category : glue\n  lake : s3\n"
                                  "  in : kinesis_streams\n  out : lambda\n  raw : s3\n"
                                  "  in -> out -> raw -> category\n  lake -> category\n}\n");
    char *all = test_render(c);
    cr_assert_eq(test_count(c, "E101"), 0, "contextual words are names:\n%s", all);
    cr_assert_eq(c->prog.root->nerrors, 0);
    free(all);
    test_free(c);
}

Test(items, user_service_checks_clean)
{
    static const char src[] =
        "category onprem \"On premises\" { color = \"#5A6B86\", text = \"#FFFFFF\", external = true }\n"
        "service kafka \"Apache Kafka (self-managed)\" {\n"
        "  category = onprem\n"
        "  brokers : int(1..100) = 3\n"
        "  topic : string\n"
        "  mode : enum(plain, tls) = tls\n"
        "  retention : duration(1h..720h) = 24h\n"
        "  max_message : size(1KB..16MB) = 1MB\n"
        "}\n"
        "link kafka -> [kinesis_streams, firehose] via \"Kafka Connect sink\"\n"
        "\n"
        "pipeline orders \"Orders\" {\n"
        "  source : kafka \"On-prem Kafka\" { brokers = 5, topic = \"orders\", mode = plain,\n"
        "                                   retention = 48h, max_message = 2MB }\n"
        "  events : kinesis_streams\n"
        "  reader : lambda\n"
        "  source -> events -> reader\n"
        "}\n";
    Compilation *c = test_compile(src);
    char *all = test_render(c);
    cr_assert_eq(c->diags.items.n, 0, "a user service used in its own file checks clean:\n%s", all);
    cr_assert_not_null(c->model, "the model is built");
    free(all);
    test_free(c);

    /* and its declarations are really applied: out of range, missing */
    char *bad = strdup(src);
    char *at = strstr(bad, "brokers = 5");
    memcpy(at, "brokers = 0", 11);
    c = test_compile(bad);
    all = test_render(c);
    cr_assert_eq(test_count(c, "E206"), 1, "brokers = 0 is out of 1..100:\n%s", all);
    test_expect_at(c, "E206", 13, 46);
    free(all);
    test_free(c);
    free(bad);
}

/* ---- CRLF + BOM ------------------------------------------------------------------------- */

Test(encoding, crlf_and_bom_parse_like_lf)
{
    static const char lf[] = "# orders\npipeline p \"P\" {\n  group g {\n    a : s3 { versioning = true }\n"
                             "  }\n  b : lambda; c : sqs\n  a -> [b,\n    c]\n}\n";
    /* the same text with a BOM and CRLF line ends */
    char crlf[512] = "\xEF\xBB\xBF";
    size_t k = 3;
    for (const char *s = lf; *s; s++) {
        if (*s == '\n')
            crlf[k++] = '\r';
        crlf[k++] = *s;
    }
    crlf[k] = '\0';
    Parsed *a = parse_ok(lf);
    Parsed *b = parse_ok(crlf);
    cr_assert_eq(a->file->items.n, b->file->items.n);
    Item *pa = item_n(a, 0), *pb = item_n(b, 0);
    cr_assert_eq(pa->body.n, 4);
    cr_assert_eq(pb->body.n, pa->body.n, "same statements");
    for (int i = 0; i < pa->body.n; i++) {
        Stmt *sa = pa->body.items[i], *sb = pb->body.items[i];
        cr_assert_eq(sa->kind, sb->kind, "statement #%d kind", i);
        Pos qa = source_pos(a->src, sa->span.start), qb = source_pos(b->src, sb->span.start);
        cr_assert_eq(qa.line, qb.line, "statement #%d line", i);
        cr_assert_eq(qa.col, qb.col, "statement #%d column", i);
    }
    cr_assert_eq(b->file->comments.n, 1);
    parsed_free(a);
    parsed_free(b);

    Compilation *c = test_compile(crlf);
    char *all = test_render(c);
    cr_assert_eq(c->diags.nerrors, 0, "CRLF+BOM checks without errors:\n%s", all);
    free(all);
    test_free(c);
}

/* ---- syntax errors -------------------------------------------------------------------------- */

Test(syntax, keyword_as_component_name)
{
    Parsed *p = parse("pipeline p {\n  via : s3\n}\n");
    cr_assert_eq(p->diags.items.n, 1, "%s", dump(p));
    expect_diag(p, 0, "E101", 2, 3,
                "unexpected 'via', expected 'group', end of line, a name, '}' or '['");
    parsed_free(p);
}

Test(syntax, expected_tokens_are_quoted)
{
    /* every token in "expected ..." is quoted the same way: '->' as '{' */
    Parsed *p = parse("pipeline p {\n  a : s3\n  b : sqs\n  a -> b b\n}\n");
    expect_diag(p, 0, "E101", 4, 10, "unexpected 'b', expected '->', end of line, '{' or '}'");
    parsed_free(p);
}

Test(syntax, name_at_top_level)
{
    Parsed *p = parse("foo bar\npipeline p {\n}\n");
    cr_assert_eq(p->diags.items.n, 1, "%s", dump(p));
    expect_diag(p, 0, "E101", 1, 1, "unexpected name 'foo' at the top level");
    const Diagnostic *g = p->diags.items.items[0];
    cr_assert_not_null(g->notes);
    cr_assert_str_eq(g->notes->kind, "help");
    cr_assert_str_eq(g->notes->text,
                     "components, flows and settings go inside `pipeline NAME { ... }`");
    cr_assert_eq(p->file->nerrors, 1);
    parsed_free(p);
}

Test(syntax, pipeline_without_name)
{
    Parsed *p = parse("pipeline {\n}\n");
    expect_diag(p, 0, "E101", 1, 10, "unexpected '{', expected a name");
    parsed_free(p);
}

Test(syntax, two_names_in_a_group)
{
    Parsed *p = parse("pipeline p {\n  group g {\n   x y\n  }\n}\n");
    cr_assert_eq(p->diags.items.n, 1, "%s", dump(p));
    expect_diag(p, 0, "E101", 3, 6, "unexpected 'y', expected '->', ':' or '='");
    parsed_free(p);
}

Test(syntax, recovery_keeps_later_statements)
{
    Parsed *p = parse("pipeline p {\n  a : = s3\n  b : sqs\n  c : lambda\n  b -> c\n}\n");
    cr_assert_eq(count_code(p, "E101"), 1, "%s", dump(p));
    expect_diag(p, 0, "E101", 2, 7, "unexpected '=', expected a name");
    Item *pl = item_n(p, 0);
    cr_assert_eq(pl->kind, IT_PIPELINE, "the pipeline item survives");
    cr_assert_eq(pl->body.n, 3, "b, c and the flow are kept");
    cr_assert_eq(p->file->nerrors, 1);
    parsed_free(p);
}

Test(syntax, never_returns_null)
{
    static const char *const junk[] = {"", "}", "{", "]]]]", "->", "pipeline", "\"", ";;;;",
                                       "pipeline p { a -> }", "service s { x : }"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        Parsed *p = parse(junk[i]);
        cr_assert_not_null(p->file, "input #%zu", i);
        if (i == 0 || i == 7)
            cr_assert_eq(p->diags.items.n, 0, "input #%zu is fine:\n%s", i, dump(p));
        else
            cr_assert_gt(p->file->nerrors, 0, "input #%zu (%s) is an error", i, junk[i]);
        parsed_free(p);
    }
}
