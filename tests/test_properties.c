/* Every property of every service, generated from the catalog: a good value
 * is accepted and kept in the model, a value of the wrong type is E205 (E207
 * for a wrong enum name or instance type, E209 for a ref to a component of
 * the wrong service), a value just outside a bound is E206 and the bound
 * itself is accepted. Then the nested EMR node-group blocks. */
#include "helpers.h"

#include <inttypes.h>

#include "strbuf.h"
#include "value.h"

/* ---- generated values -------------------------------------------------- */

static bool is_ident(const char *s)
{
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return false;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

static void put_member(StrBuf *b, const char *m)
{
    if (is_ident(m) && strcmp(m, "true") != 0 && strcmp(m, "false") != 0)
        sb_puts(b, m);
    else
        sb_printf(b, "\"%s\"", m);
}

/* A valid value of type t, the way a user writes it. Refs name the
 * component `r_<service>` that every generated file declares. */
static void good_value(Arena *a, StrBuf *b, const Type *t)
{
    switch (t->kind) {
    case T_INT: sb_printf(b, "%" PRId64, t->has_lo ? t->lo : 1); break;
    case T_NUMBER: sb_printf(b, "%g", t->has_lo ? t->flo : 1.5); break;
    case T_STRING: sb_puts(b, "\"x\""); break;
    case T_BOOL: sb_puts(b, "true"); break;
    case T_DURATION: sb_puts(b, format_duration(a, t->has_lo ? t->lo : 60000)); break;
    case T_SIZE: sb_puts(b, format_size(a, t->has_lo ? t->lo : 1 << 20)); break;
    case T_RANGE: sb_puts(b, "2..20"); break;
    case T_ENUM: put_member(b, t->members.items[0]); break;
    case T_REF: sb_printf(b, "r_%s", (const char *)t->refs.items[0]); break;
    case T_LIST:
        sb_putc(b, '[');
        good_value(a, b, t->elem);
        sb_putc(b, ']');
        break;
    case T_INSTANCE: sb_puts(b, "\"m5.large\""); break;
    case T_STRUCT:
        sb_puts(b, "{ ");
        for (int i = 0; i < t->decl->props.n; i++) {
            const Prop *p = t->decl->props.items[i];
            sb_printf(b, "%s%s = ", i ? ", " : "", p->name);
            if (p->deflt)
                sb_puts(b, value_format(a, p->deflt));
            else
                good_value(a, b, p->type);
        }
        sb_puts(b, " }");
        break;
    }
}

/* A value of another kind than t takes. */
static const char *wrong_value(const Type *t)
{
    switch (t->kind) {
    case T_INT: case T_NUMBER: return "\"7\"";
    case T_INSTANCE: return "7";
    case T_STRING: return "42";
    case T_BOOL: return "\"true\"";
    case T_DURATION: case T_SIZE: return "5";
    case T_RANGE: return "5";
    case T_ENUM: return "42";
    case T_REF: return "\"r_x\"";
    case T_LIST: return "5";
    case T_STRUCT: return "5";
    }
    return "5";
}

/* The text of one case: helper components for refs, then `x : svc { prop = value }`
 * on line `*line`, with the value at column `*col`. */
static char *case_text(const Catalog *cat, const Service *s, const char *prop, const char *value,
                       int *line, int *col)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "pipeline p {\n");
    int n = 2;
    /* One component of each service a ref may name, plus one of another
     * service for E209. */
    for (int i = 0; i < s->props.n; i++) {
        const Prop *p = s->props.items[i];
        for (int k = 0; p->type->kind == T_REF && k < p->type->refs.n; k++) {
            sb_printf(&b, "  r_%s : %s\n", (const char *)p->type->refs.items[k],
                      (const char *)p->type->refs.items[k]);
            n++;
        }
    }
    (void)cat;
    sb_puts(&b, "  r_other : snowball\n");
    n++;
    int prefix = (int)strlen("  x : ") + (int)strlen(s->id) + (int)strlen(" { ") +
                 (int)strlen(prop) + (int)strlen(" = ");
    sb_printf(&b, "  x : %s { %s = %s }\n}\n", s->id, prop, value);
    *line = n;
    *col = prefix + 1;
    char *out = strdup(b.data);
    sb_free(&b);
    return out;
}

typedef struct Stats {
    int good, wrong, enums, refs, ranges, bounds;
} Stats;

/* Compiles one case and checks that it gives `code` at the value (or no
 * error when code is NULL). Returns the compilation for more checks. */
static Compilation *run_case_at(const Catalog *cat, const Service *s, const Prop *p,
                                const char *value, const char *code, int offset)
{
    int line, col;
    char *text = case_text(cat, s, p->name, value, &line, &col);
    col += offset;
    Compilation *c = test_compile(text);
    char *all = test_render(c);
    if (!code) {
        cr_expect_eq(c->diags.nerrors, 0, "%s.%s = %s must be accepted:\n%s", s->id, p->name,
                     value, all);
    } else {
        const Diagnostic *g = test_find(c, code);
        cr_expect_not_null(g, "%s.%s = %s: want %s, got:\n%s", s->id, p->name, value, code, all);
        cr_expect_eq(c->diags.nerrors, 1, "%s.%s = %s: want one error, got:\n%s", s->id,
                     p->name, value, all);
        if (g) {
            Pos pos = source_pos(g->src, g->span.start);
            cr_expect(pos.line == line && pos.col == col,
                      "%s.%s = %s: %s at %d:%d, want %d:%d", s->id, p->name, value, code,
                      pos.line, pos.col, line, col);
        }
    }
    free(all);
    free(text);
    return c;
}

static Compilation *run_case(const Catalog *cat, const Service *s, const Prop *p,
                             const char *value, const char *code)
{
    return run_case_at(cat, s, p, value, code, 0);
}

static Compilation *stdlib_only(void)
{
    Compilation *c = test_compile("");
    cr_assert_not_null(c->catalog);
    return c;
}

/* ---- every property ---------------------------------------------------------- */

Test(properties, good_value_of_every_property)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    int checked = 0;
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        for (int k = 0; k < s->props.n; k++) {
            const Prop *p = s->props.items[k];
            StrBuf b;
            sb_init(&b);
            if (p->deflt)
                sb_puts(&b, value_format(cat->arena, p->deflt));
            else
                good_value(cat->arena, &b, p->type);
            Compilation *c = run_case(cat, s, p, b.data, NULL);
            /* The value is kept in the model as written (not the default). */
            const MComponent *x = c->model ? model_component(c->model, "x") : NULL;
            const MProp *mp = x ? comp_prop(x, p->name) : NULL;
            cr_expect(mp && !mprop_is_default(mp), "%s.%s = %s not kept", s->id, p->name, b.data);
            if (mp && p->type->kind != T_STRUCT)
                cr_expect_str_eq(value_format(c->arena, mp->value), b.data, "%s.%s", s->id,
                                 p->name);
            test_free(c);
            sb_free(&b);
            checked++;
        }
    }
    cr_expect_gt(checked, 60, "only %d properties", checked);
    test_free(lib);
}

Test(properties, generated_value_of_every_optional_property)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    int checked = 0;
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        for (int k = 0; k < s->props.n; k++) {
            const Prop *p = s->props.items[k];
            if (p->deflt)
                continue;
            cr_expect(p->optional, "%s.%s: no default and not optional", s->id, p->name);
            StrBuf b;
            sb_init(&b);
            good_value(cat->arena, &b, p->type);
            Compilation *c = run_case(cat, s, p, b.data, NULL);
            test_free(c);
            sb_free(&b);
            checked++;
        }
    }
    /* transform x2, lifecycle, sort_key, autoscale x3, workload, schedule x2,
     * database, workgroup, task, checkpoint, pattern ... */
    cr_expect_geq(checked, 10, "only %d optional properties", checked);
    test_free(lib);
}

Test(properties, wrong_type_of_every_property_is_e205)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        for (int k = 0; k < s->props.n; k++) {
            const Prop *p = s->props.items[k];
            test_free(run_case(cat, s, p, wrong_value(p->type), "E205"));
        }
    }
    test_free(lib);
}

Test(properties, wrong_enum_name_is_e207)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    int checked = 0;
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        for (int k = 0; k < s->props.n; k++) {
            const Prop *p = s->props.items[k];
            const Type *t = p->type;
            const char *bad = NULL;
            if (t->kind == T_ENUM)
                bad = "zz_not_a_member";
            else if (t->kind == T_LIST && t->elem->kind == T_ENUM)
                bad = "[zz_not_a_member]";
            else if (t->kind == T_INSTANCE)
                bad = "\"qq9.large\"";
            if (!bad)
                continue;
            /* In a list, the finding points at the element. */
            Compilation *c = run_case_at(cat, s, p, bad, "E207", t->kind == T_LIST ? 1 : 0);
            const Diagnostic *g = test_find(c, "E207");
            if (g && t->kind != T_INSTANCE) {
                /* The note lists every member. */
                const Type *e = t->kind == T_LIST ? t->elem : t;
                const DiagNote *n = g->notes;
                cr_expect(n && strstr(n->text, "is one of: "), "%s.%s: no member list", s->id,
                          p->name);
                for (int m = 0; n && m < e->members.n; m++)
                    cr_expect_not_null(strstr(n->text, e->members.items[m]), "%s.%s: %s",
                                       s->id, p->name, (const char *)e->members.items[m]);
            }
            test_free(c);
            checked++;
        }
    }
    cr_expect_geq(checked, 20, "only %d enum properties", checked);
    test_free(lib);
}

Test(properties, ref_to_a_wrong_service_is_e209)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    int checked = 0;
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        for (int k = 0; k < s->props.n; k++) {
            const Prop *p = s->props.items[k];
            if (p->type->kind != T_REF)
                continue;
            /* r_other is a snowball; no ref in the stdlib names snowball. */
            test_free(run_case(cat, s, p, "r_other", "E209"));
            test_free(run_case(cat, s, p, "r_nowhere", "E203"));
            checked++;
        }
    }
    cr_expect_eq(checked, 2, "firehose.transform and kinesis_analytics.transform");
    test_free(lib);
}

/* lo - 1 unit and hi + 1 unit of every bounded property; lo and hi pass. */
Test(properties, out_of_range_of_every_bounded_property_is_e206)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    Arena *a = cat->arena;
    int outside = 0;
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        for (int k = 0; k < s->props.n; k++) {
            const Prop *p = s->props.items[k];
            const Type *t = p->type;
            if (t->kind != T_INT && t->kind != T_DURATION && t->kind != T_SIZE &&
                t->kind != T_NUMBER)
                continue;
            for (int end = 0; end < 2; end++) {
                bool has = end == 0 ? t->has_lo : t->has_hi;
                if (!has)
                    continue;
                int64_t x = end == 0 ? t->lo : t->hi;
                const char *at = NULL, *past = NULL;
                switch (t->kind) {
                case T_INT:
                    at = arena_printf(a, "%" PRId64, x);
                    if (end == 1 || x > 0)
                        past = arena_printf(a, "%" PRId64, end == 0 ? x - 1 : x + 1);
                    break;
                case T_DURATION: /* one millisecond */
                    at = format_duration(a, x);
                    if (end == 1 || x > 0)
                        past = arena_printf(a, "%" PRId64 "ms", end == 0 ? x - 1 : x + 1);
                    break;
                case T_SIZE: /* one KB: sizes have no byte unit */
                    cr_assert_eq(x % 1024, 0, "%s.%s: bound not in KB", s->id, p->name);
                    at = format_size(a, x);
                    if (end == 1 || x > 0)
                        past = arena_printf(a, "%" PRId64 "KB", x / 1024 + (end == 0 ? -1 : 1));
                    break;
                default: {
                    double f = end == 0 ? t->flo : t->fhi;
                    at = arena_printf(a, "%g", f);
                    if (end == 1 || f >= 1)
                        past = arena_printf(a, "%g", end == 0 ? f - 1 : f + 1);
                }
                }
                test_free(run_case(cat, s, p, at, NULL));
                if (past) {
                    Compilation *c = run_case(cat, s, p, past, "E206");
                    const Diagnostic *g = test_find(c, "E206");
                    if (g)
                        cr_expect(g->notes && strstr(g->notes->text, " allows "),
                                  "%s.%s: no note with the allowed range", s->id, p->name);
                    test_free(c);
                    outside++;
                }
            }
        }
    }
    /* shards, retention x2, buffer_interval (hi), buffer_size x2, parallelism,
     * visibility_timeout (hi), retention x2, lifecycle x2, memory x2, timeout x2,
     * storage x2, nodes x2, workers x2, bytes_scanned_cutoff (lo), nodes x2,
     * volume x2, logs retention x2: 29 with today's stdlib. */
    cr_expect_geq(outside, 29, "only %d out-of-range cases", outside);
    test_free(lib);
}

Test(properties, bounds_of_catalog_md)
{
    /* The ranges catalog.md fixes, read back from the stdlib. */
    static const struct {
        const char *svc, *prop, *range;
    } want[] = {
        {"kinesis_streams", "shards", "1.."},
        {"kinesis_streams", "retention", "1d..365d"},
        {"lambda", "memory", "128MB..10GB"},
        {"lambda", "timeout", "1s..15m"},
        {"firehose", "buffer_interval", "0s..15m"},
        {"firehose", "buffer_size", "1MB..128MB"},
        {"sqs", "visibility_timeout", "0s..12h"},
        {"sqs", "retention", "1m..14d"},
        {"redshift", "nodes", "1..128"},
    };
    Compilation *c = stdlib_only();
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const Service *s = catalog_service(c->catalog, want[i].svc);
        cr_assert_not_null(s, "%s", want[i].svc);
        const Prop *p = service_prop(s, want[i].prop);
        cr_assert_not_null(p, "%s.%s", want[i].svc, want[i].prop);
        const Type *t = p->type;
        const char *lo = "", *hi = "";
        if (t->kind == T_DURATION) {
            lo = t->has_lo ? format_duration(c->arena, t->lo) : "";
            hi = t->has_hi ? format_duration(c->arena, t->hi) : "";
        } else if (t->kind == T_SIZE) {
            lo = t->has_lo ? format_size(c->arena, t->lo) : "";
            hi = t->has_hi ? format_size(c->arena, t->hi) : "";
        } else {
            lo = t->has_lo ? arena_printf(c->arena, "%" PRId64, t->lo) : "";
            hi = t->has_hi ? arena_printf(c->arena, "%" PRId64, t->hi) : "";
        }
        cr_expect_str_eq(arena_printf(c->arena, "%s..%s", lo, hi), want[i].range, "%s.%s",
                         want[i].svc, want[i].prop);
    }
    /* The defaults catalog.md names (AWS's own), as the stdlib writes them. */
    static const struct {
        const char *svc, *prop, *value;
    } defaults[] = {
        {"sqs", "visibility_timeout", "30s"}, {"sqs", "retention", "4d"},
        {"lambda", "timeout", "3s"},          {"lambda", "memory", "128MB"},
        {"kinesis_streams", "retention", "24h"}, {"firehose", "buffer_interval", "300s"},
        {"firehose", "buffer_size", "5MB"},   {"emr", "purchase", "on_demand"},
        {"app", "runs_on", "ec2"},            {"app", "purchase", "on_demand"},
    };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        const Prop *p = service_prop(catalog_service(c->catalog, defaults[i].svc), defaults[i].prop);
        cr_assert(p && p->deflt, "%s.%s", defaults[i].svc, defaults[i].prop);
        cr_expect_str_eq(value_format(c->arena, p->deflt), defaults[i].value, "%s.%s",
                         defaults[i].svc, defaults[i].prop);
    }
    test_free(c);
}

/* Current-generation instance types of every family are accepted, with
 * their attribute letters (m5a: AMD, m6gd: local NVMe, c6gn: network). */
Test(properties, current_instance_types_belong_to_their_family)
{
    static const char *const types[][2] = {
        {"m5.large", "general"},      {"m5a.large", "general"},    {"m6i.large", "general"},
        {"m6a.large", "general"},     {"m6gd.large", "general"},   {"m7a.large", "general"},
        {"t4g.small", "general"},     {"c5n.xlarge", "compute"},   {"c6a.large", "compute"},
        {"c7a.xlarge", "compute"},    {"c6gn.large", "compute"},   {"r5.xlarge", "memory"},
        {"r6a.2xlarge", "memory"},    {"r7a.large", "memory"},     {"r7iz.large", "memory"},
        {"x2idn.16xlarge", "memory"}, {"p3.2xlarge", "accelerated"}, {"g5.xlarge", "accelerated"},
        {"g6.xlarge", "accelerated"}, {"inf2.xlarge", "accelerated"}, {"i3en.large", "storage"},
        {"i4g.large", "storage"},     {"d3en.xlarge", "storage"},  {"ml.p3.2xlarge", "accelerated"},
    };
    Compilation *c = stdlib_only();
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const Family *f = catalog_family_of(c->catalog, types[i][0], NULL);
        cr_expect(f && strcmp(f->id, types[i][1]) == 0, "%s: family %s, want %s", types[i][0],
                  f ? f->id : "(none)", types[i][1]);
    }
    static const char *const not_types[] = {"r5", "xlarge", "zz9.large", "r5.", ".large"};
    for (size_t i = 0; i < sizeof not_types / sizeof not_types[0]; i++)
        cr_expect_null(catalog_family_of(c->catalog, not_types[i], NULL), "%s", not_types[i]);
    test_free(c);
}

/* The [fixed] property names of catalog.md, and the enum members it names. */
Test(properties, fixed_property_names_of_catalog_md)
{
    static const char *const props[][2] = {
        {"iot_core", "topic sql"},
        {"kinesis_streams", "shards retention mode"},
        {"firehose", "buffer_interval buffer_size transform compression"},
        {"kinesis_analytics", "transform runtime"},
        {"sqs", "fifo visibility_timeout retention"},
        {"s3", "versioning lifecycle"},
        {"lambda", "runtime memory timeout handler"},
        {"dynamodb", "partition_key sort_key billing autoscale"},
        {"glue", "schedule"},
        {"emr", "apps master core task autoscale lifetime purchase"},
        {"sagemaker", "framework instance spot checkpoint"},
        {"opensearch", "access"},
        {"redshift", "nodes node_type"},
        {"rds", "engine"},
        {"app", "runs_on purchase autoscale instance"},
    };
    static const char *const enums[][3] = {
        {"kinesis_streams", "mode", "provisioned on_demand"},
        {"emr", "apps", "spark hadoop presto hbase jupyter hive pig flink"},
        {"emr", "lifetime", "transient long_running"},
        {"emr", "purchase", "on_demand spot reserved"},
        {"app", "purchase", "on_demand spot reserved"},
        {"app", "runs_on", "ec2 ecs fargate eks on_premises"},
        {"rds", "engine", "postgres mysql mariadb aurora_postgres aurora_mysql oracle sqlserver"},
        {"opensearch", "access", "iam cognito"},
        {"sagemaker", "framework", "tensorflow pytorch mxnet"},
    };
    Compilation *c = stdlib_only();
    char buf[256];
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
        const Service *s = catalog_service(c->catalog, props[i][0]);
        cr_assert_not_null(s, "%s", props[i][0]);
        snprintf(buf, sizeof buf, "%s", props[i][1]);
        for (char *n = strtok(buf, " "); n; n = strtok(NULL, " "))
            cr_expect_not_null(service_prop(s, n), "%s has no property %s", s->id, n);
    }
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        const Prop *p = service_prop(catalog_service(c->catalog, enums[i][0]), enums[i][1]);
        cr_assert_not_null(p, "%s.%s", enums[i][0], enums[i][1]);
        const Type *t = p->type->kind == T_LIST ? p->type->elem : p->type;
        cr_assert_eq(t->kind, T_ENUM, "%s.%s is an enum", enums[i][0], enums[i][1]);
        snprintf(buf, sizeof buf, "%s", enums[i][2]);
        for (char *m = strtok(buf, " "); m; m = strtok(NULL, " ")) {
            bool found = false;
            for (int k = 0; k < t->members.n; k++)
                found |= strcmp(t->members.items[k], m) == 0;
            cr_expect(found, "%s.%s lacks %s", enums[i][0], enums[i][1], m);
        }
    }
    /* transform: ref(lambda), on Firehose and Kinesis Analytics only. */
    for (int i = 0; i < c->catalog->service_list.n; i++) {
        const Service *s = c->catalog->service_list.items[i];
        const Prop *p = service_prop(s, "transform");
        bool want = strcmp(s->id, "firehose") == 0 || strcmp(s->id, "kinesis_analytics") == 0;
        cr_expect_eq(p != NULL, want, "%s: transform", s->id);
        if (p)
            cr_expect(p->type->kind == T_REF && p->type->refs.n == 1 &&
                          strcmp(p->type->refs.items[0], "lambda") == 0,
                      "%s.transform is ref(lambda)", s->id);
    }
    /* The shared node-group type. */
    const Prop *core = service_prop(catalog_service(c->catalog, "emr"), "core");
    cr_assert(core && core->type->kind == T_STRUCT);
    const TypeDecl *ig = core->type->decl;
    cr_assert_str_eq(ig->id, "instance_group");
    const Prop *count = typedecl_prop(ig, "count");
    cr_assert(count && count->type->has_lo && count->type->lo == 1 && count->type->hi == 500);
    cr_assert_str_eq(value_format(c->arena, typedecl_prop(ig, "instance")->deflt), "\"m5.xlarge\"");
    cr_assert_str_eq(value_format(c->arena, typedecl_prop(ig, "market")->deflt), "on_demand");
    test_free(c);
}

/* ---- nested blocks: EMR node groups ----------------------------------------- */

static const char *const emr_head = "pipeline p {\n"
                                    "  lake : s3\n"
                                    "  out : s3\n"
                                    "  lake -> cluster -> out\n";

static Compilation *emr(const char *settings)
{
    char *text = NULL;
    cr_assert(asprintf(&text, "%s  cluster : emr { %s }\n}\n", emr_head, settings) > 0);
    Compilation *c = test_compile(text);
    free(text);
    return c;
}

/* Column of the first `needle` on line 5 (the cluster line). */
static int col_of(const char *settings, const char *needle)
{
    const char *p = strstr(settings, needle);
    cr_assert_not_null(p);
    return (int)strlen("  cluster : emr { ") + (int)(p - settings) + 1;
}

Test(properties, node_group_unknown_field_is_e204)
{
    const char *s = "core = { instnce = \"r5.xlarge\" }";
    Compilation *c = emr(s);
    test_expect_at(c, "E204", 5, col_of(s, "instnce"));
    const Diagnostic *g = test_find(c, "E204");
    cr_assert_str_eq(g->message, "`core` has no field `instnce`");
    cr_assert(g->notes && strcmp(g->notes->text, "did you mean `instance`?") == 0);
    cr_assert_eq(c->diags.nerrors, 1, "%s", test_render(c));
    test_free(c);
}

Test(properties, node_group_wrong_market_is_e207)
{
    const char *s = "task = { instance = \"r5.xlarge\", market = spott }";
    Compilation *c = emr(s);
    test_expect_at(c, "E207", 5, col_of(s, "spott"));
    const Diagnostic *g = test_find(c, "E207");
    cr_assert_str_eq(g->message, "'spott' is not a value of `task.market`");
    cr_assert_eq(c->diags.nerrors, 1, "%s", test_render(c));
    test_free(c);
}

Test(properties, node_group_count_zero_is_e206)
{
    const char *s = "core = { count = 0 }";
    Compilation *c = emr(s);
    test_expect_at(c, "E206", 5, col_of(s, "0"));
    const Diagnostic *g = test_find(c, "E206");
    cr_assert_str_eq(g->message, "`core.count` = 0 is out of range");
    cr_assert(g->notes && strstr(g->notes->text, "1..500"), "%s", g->notes ? g->notes->text : "");
    test_free(c);
    c = emr("core = { count = 501 }");
    cr_assert_eq(test_count(c, "E206"), 1, "%s", test_render(c));
    test_free(c);
    c = emr("core = { count = 500 }, task = { count = 1 }");
    cr_assert_eq(c->diags.nerrors, 0, "%s", test_render(c));
    test_free(c);
}

Test(properties, node_group_wrong_field_type_and_instance)
{
    const char *s = "master = { count = \"1\" }, core = { instance = \"qq9.large\" }";
    Compilation *c = emr(s);
    test_expect_at(c, "E205", 5, col_of(s, "\"1\""));
    cr_assert_str_eq(test_find(c, "E205")->message, "`master.count` expects an integer, found a string");
    test_expect_at(c, "E207", 5, col_of(s, "\"qq9"));
    test_free(c);
    const char *s2 = "core = 4";
    c = emr(s2);
    test_expect_at(c, "E205", 5, col_of(s2, "4"));
    test_free(c);
    const char *s3 = "core = { count = 2, count = 3 }";
    c = emr(s3);
    test_expect_at(c, "E202", 5, col_of(s3, "count = 3"));
    test_free(c);
}

Test(properties, node_group_keeps_the_service_default_instance)
{
    Compilation *c = emr("core = { count = 4 }, task = { count = 2, market = spot }");
    cr_assert_eq(c->diags.nerrors, 0, "%s", test_render(c));
    const MComponent *x = model_component(c->model, "cluster");
    cr_assert_not_null(x);

    const MProp *core = comp_prop(x, "core");
    cr_assert(core && !mprop_is_default(core));
    cr_assert_str_eq(value_text(block_value(core->value, "instance")), "r5.xlarge",
                     "core keeps the stdlib's default block instance");
    cr_assert_eq(value_int(block_value(core->value, "count"), 0), 4);
    cr_assert_str_eq(value_text(block_value(core->value, "market")), "on_demand");

    /* master untouched: the stdlib default block, filled from the type. */
    const MProp *master = comp_prop(x, "master");
    cr_assert(master && mprop_is_default(master));
    cr_assert_str_eq(value_text(block_value(master->value, "instance")), "m5.xlarge");
    cr_assert_eq(value_int(block_value(master->value, "count"), 0), 1);
    cr_assert_str_eq(value_text(block_value(master->value, "market")), "on_demand");

    /* task has no default block: the type's defaults fill it. */
    const Value *task = comp_value(x, "task");
    cr_assert_not_null(task);
    cr_assert_str_eq(value_text(block_value(task, "instance")), "m5.xlarge");
    cr_assert_eq(value_int(block_value(task, "count"), 0), 2);
    cr_assert_str_eq(value_text(block_value(task, "market")), "spot");
    test_free(c);
}

Test(properties, emr_defaults_when_nothing_is_set)
{
    Compilation *c = emr("");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    const MComponent *x = model_component(c->model, "cluster");
    const Value *core = comp_value(x, "core");
    cr_assert_str_eq(value_text(block_value(core, "instance")), "r5.xlarge");
    cr_assert_eq(value_int(block_value(core, "count"), 0), 2);
    cr_assert_null(comp_value(x, "task"), "task is optional and absent");
    cr_assert_null(comp_value(x, "autoscale"));
    cr_assert_str_eq(value_format(c->arena, comp_value(x, "apps")), "[spark]");
    cr_assert_str_eq(value_text(comp_value(x, "lifetime")), "transient");
    test_free(c);
}

Test(properties, required_field_of_a_user_type_is_e208)
{
    Compilation *c = test_compile("type pair { a : int; b : int = 2 }\n"
                                  "service thing \"Thing\" {\n"
                                  "  category = external\n"
                                  "  optional = [cfg]\n"
                                  "  cfg : pair\n"
                                  "}\n"
                                  "pipeline p {\n"
                                  "  t : thing { cfg = { b = 3 } }\n"
                                  "  u : thing { cfg = { a = 1 } }\n"
                                  "  v : thing\n"
                                  "}\n");
    test_expect_at(c, "E208", 8, 21);
    cr_assert_str_eq(test_find(c, "E208")->message, "`cfg` needs `a` (an integer)");
    cr_assert_eq(test_count(c, "E208"), 1, "%s", test_render(c));
    const MComponent *u = model_component(c->model, "u");
    cr_assert_eq(value_int(block_value(comp_value(u, "cfg"), "b"), 0), 2);
    test_free(c);
}

Test(properties, range_values)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  web : app { autoscale = 10..2 }\n"
                                  "  db : dynamodb { billing = provisioned, autoscale = 5..500 }\n"
                                  "  web -> db\n"
                                  "}\n");
    test_expect_at(c, "E206", 2, 27);
    cr_assert_eq(c->diags.nerrors, 1, "%s", test_render(c));
    test_free(c);
}

/* The ends of a range are of one kind: `2..20s` is no count of instances. */
Test(properties, range_with_ends_of_two_kinds_is_e205)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  web : app { autoscale = 2..20s }\n"
                                  "  db : dynamodb { autoscale = 5..500, billing = provisioned }\n"
                                  "  web -> db\n"
                                  "}\n");
    test_expect_at(c, "E205", 2, 27);
    cr_assert_eq(c->diags.nerrors, 1, "%s", test_render(c));
    test_free(c);
}

Test(properties, list_element_of_wrong_type)
{
    Compilation *c = emr("apps = [spark, 3, hive]");
    test_expect_at(c, "E205", 5, col_of("apps = [spark, 3, hive]", "3"));
    test_free(c);
}
