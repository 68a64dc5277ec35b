/* The catalog as the checker sees it: every link is a legal flow, every
 * other ordered pair of services is E301, every service works bare, aliases,
 * the embedded stdlib against --stdlib and --no-stdlib, and user-declared
 * catalog items. */
#include "helpers.h"

#include "strbuf.h"
#include "value.h"

/* ---- helpers ------------------------------------------------------------- */

static Compilation *compile_with(const LoadOptions *opt, const char *text)
{
    Compilation *c = malloc(sizeof *c);
    compilation_init(c);
    compile_text(c, opt, "test.pipe", text, strlen(text));
    diag_sort(&c->diags);
    return c;
}

/* The catalog of the embedded stdlib (kept alive in a compilation). */
static Compilation *stdlib_only(void)
{
    Compilation *c = test_compile("");
    cr_assert_not_null(c->catalog);
    return c;
}

static bool is_alias(const Service *s)
{
    return s->alias_of != NULL;
}

static int line_of(const Diagnostic *g)
{
    return source_pos(g->src, g->span.start).line;
}

/* ---- links ---------------------------------------------------------------- */

Test(catalog, every_link_is_a_legal_flow)
{
    Compilation *lib = stdlib_only();
    const PtrVec *links = &lib->catalog->link_list;
    cr_assert_gt(links->n, 100, "the stdlib declares every link of catalog.md");
    for (int i = 0; i < links->n; i++) {
        const Link *l = links->items[i];
        char *text = NULL;
        cr_assert(asprintf(&text, "pipeline p {\n  a : %s\n  b : %s\n  a -> b\n}\n", l->from->id,
                           l->to->id) > 0);
        Compilation *c = test_compile(text);
        char *all = test_render(c);
        cr_expect_eq(test_count(c, "E301"), 0, "%s -> %s rejected:\n%s", l->from->id, l->to->id,
                     all);
        cr_expect_eq(c->diags.nerrors, 0, "%s -> %s:\n%s", l->from->id, l->to->id, all);
        if (c->model && c->model->flows.n == 1) {
            const MFlow *f = c->model->flows.items[0];
            cr_expect_eq(f->link, catalog_link(c->catalog, f->from->service, f->to->service));
            cr_expect_str_eq(f->link->via, l->via, "%s -> %s via", l->from->id, l->to->id);
            cr_expect_eq(f->link->control, l->control);
        } else {
            cr_expect_fail("%s -> %s: no flow in the model", l->from->id, l->to->id);
        }
        free(all);
        free(text);
        test_free(c);
    }
    test_free(lib);
}

/* The integration table of catalog.md (S and A rows), one row a line:
 * "from, from -> to, to". Every pair must be a link (more may exist). */
static const char *const table[] = {
    "iot_core -> kinesis_streams, firehose, dynamodb, sqs, sns, s3, lambda, opensearch",
    "app, kpl, kinesis_agent, spark, kafka_connect -> kinesis_streams",
    "kinesis_streams -> spark, kcl, app",
    "kinesis_streams -> lambda",
    "kinesis_streams -> firehose",
    "kinesis_streams, firehose -> kinesis_analytics",
    "s3 -> kinesis_analytics",
    "app, kinesis_agent, cloudwatch_logs, cloudwatch_events -> firehose",
    "firehose -> s3, splunk, redshift, opensearch",
    "kinesis_analytics -> kinesis_streams, firehose, lambda",
    "app, s3 -> sqs",
    "sqs -> app, lambda",
    "s3 -> lambda, sns",
    "snowball, snowball_edge, dms, emr, glue_job, data_pipeline, athena, redshift -> s3",
    "app, lambda -> s3, dynamodb, kinesis_streams, firehose, sqs, sns",
    "dms, data_pipeline -> dynamodb",
    "dynamodb -> glue",
    "dynamodb -> emr",
    "dynamodb -> lambda",
    "dynamodb -> kcl",
    "s3, rds -> glue",
    "glue -> athena, emr",
    "glue -> redshift",
    "s3, rds, dynamodb, glue -> glue_job",
    "glue_job -> redshift, rds",
    "s3 -> emr",
    "ranger -> emr",
    "s3, redshift -> amazon_ml",
    "s3 -> sagemaker",
    "sagemaker -> app, lambda",
    "data_pipeline -> rds, emr",
    "s3, rds, dynamodb -> data_pipeline",
    "cloudwatch_logs -> opensearch, kinesis_streams, lambda",
    "opensearch -> kibana, logstash",
    "logstash -> opensearch",
    "s3, glue -> athena",
    "athena -> s3",
    "athena -> quicksight",
    "s3 -> redshift",
    "redshift -> quicksight",
    "redshift -> rds",
    "rds, redshift, athena, s3, jira, excel, teradata, salesforce -> quicksight",
    "sns -> sqs, lambda, app, firehose",
    "cloudwatch_events -> lambda, sqs, sns, kinesis_streams",
    "kinesis_streams -> redshift",
    "dynamodb -> redshift",
    "rds -> redshift",
    "dynamodb -> kinesis_streams",
    "dynamodb -> s3",
    "s3 -> dynamodb",
    "kinesis_analytics -> s3",
    "emr -> dynamodb, redshift",
    "glue_job -> dynamodb",
    "sagemaker -> s3",
    "cloudwatch_logs -> s3",
    "opensearch -> quicksight",
};

/* Splits "a, b" into ids (at most 16). */
static int split_ids(char *text, char **ids)
{
    int n = 0;
    for (char *tok = strtok(text, ", "); tok && n < 16; tok = strtok(NULL, ", "))
        ids[n++] = tok;
    return n;
}

Test(catalog, every_row_of_catalog_md_is_a_link)
{
    Compilation *c = stdlib_only();
    int pairs = 0;
    for (size_t r = 0; r < sizeof table / sizeof table[0]; r++) {
        char *row = strdup(table[r]);
        char *arrow = strstr(row, " -> ");
        cr_assert_not_null(arrow);
        *arrow = '\0';
        char *from[16], *to[16];
        char *right = strdup(arrow + 4);
        int nf = split_ids(row, from);
        int nt = split_ids(right, to);
        for (int i = 0; i < nf; i++)
            for (int k = 0; k < nt; k++) {
                Service *a = catalog_service(c->catalog, from[i]);
                Service *b = catalog_service(c->catalog, to[k]);
                cr_expect(a && b, "unknown service in %s -> %s", from[i], to[k]);
                if (a && b)
                    cr_expect_not_null(catalog_link(c->catalog, a, b), "%s -> %s is missing",
                                       from[i], to[k]);
                pairs++;
            }
        free(right);
        free(row);
    }
    cr_expect_eq(pairs, 129, "the table holds 129 pairs");
    const Link *ranger = catalog_link(c->catalog, catalog_service(c->catalog, "ranger"),
                                      catalog_service(c->catalog, "emr"));
    cr_assert(ranger && ranger->control, "ranger -> emr is a control link (drawn dashed)");
    test_free(c);
}

Test(catalog, pairs_that_are_not_links)
{
    static const char *const no[][2] = {
        {"sqs", "redshift"}, {"dynamodb", "sagemaker"}, {"kinesis_streams", "s3"},
        {"lambda", "redshift"}, {"quicksight", "s3"}, {"kibana", "opensearch"},
        {"emr", "ranger"}, {"glue", "s3"}, {"sns", "s3"}, {"firehose", "lambda"},
        {"app", "sagemaker"}, {"kinesis_streams", "sagemaker"}, {"redshift", "sagemaker"},
    };
    Compilation *c = stdlib_only();
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        Service *a = catalog_service(c->catalog, no[i][0]), *b = catalog_service(c->catalog, no[i][1]);
        cr_assert(a && b, "%s, %s", no[i][0], no[i][1]);
        cr_expect_null(catalog_link(c->catalog, a, b), "%s -> %s must not exist", no[i][0],
                       no[i][1]);
    }
    /* SageMaker takes training data only from S3 (the seed's one prohibition). */
    const Service *sm = catalog_service(c->catalog, "sagemaker");
    for (int i = 0; i < sm->in.n; i++)
        cr_expect_str_eq(((const Link *)sm->in.items[i])->from->id, "s3");
    test_free(c);
}

/* Every ordered pair (from, to) that is not a link, from != to, neither an
 * alias: E301. One file per source service, one component per target and
 * one flow per line, so each rejected pair is found by its line. */
Test(catalog, every_other_pair_is_e301)
{
    Compilation *lib = stdlib_only();
    const Catalog *cat = lib->catalog;
    const PtrVec *svcs = &cat->service_list;
    int pairs = 0;
    for (int i = 0; i < svcs->n; i++) {
        const Service *from = svcs->items[i];
        if (is_alias(from))
            continue;
        StrBuf b;
        sb_init(&b);
        sb_puts(&b, "pipeline p {\n  src : ");
        sb_puts(&b, from->id);
        sb_puts(&b, "\n");
        /* Lines 3..: components; then one flow per line. */
        int ntargets = 0;
        const Service **targets = calloc((size_t)svcs->n, sizeof *targets);
        for (int k = 0; k < svcs->n; k++) {
            const Service *to = svcs->items[k];
            if (to == from || is_alias(to) || catalog_link(cat, from, to))
                continue;
            targets[ntargets++] = to;
            sb_printf(&b, "  t%d : %s\n", ntargets - 1, to->id);
        }
        int first_flow_line = 3 + ntargets;
        for (int k = 0; k < ntargets; k++)
            sb_printf(&b, "  src -> t%d\n", k);
        sb_puts(&b, "}\n");
        Compilation *c = test_compile(b.data);
        char *seen = calloc((size_t)ntargets + 1, 1);
        int others = 0;
        for (int d = 0; d < c->diags.items.n; d++) {
            const Diagnostic *g = c->diags.items.items[d];
            if (strcmp(g->code, "E301") != 0) {
                others += g->sev == SEV_ERROR;
                continue;
            }
            int k = line_of(g) - first_flow_line;
            cr_expect(k >= 0 && k < ntargets, "E301 on an unexpected line %d", line_of(g));
            if (k >= 0 && k < ntargets)
                seen[k]++;
            /* The message names both services by their titles. */
            if (k >= 0 && k < ntargets) {
                char *want = NULL;
                cr_assert(asprintf(&want, "%s cannot send data to %s", from->title,
                                   targets[k]->title) > 0);
                cr_expect_str_eq(g->message, want);
                free(want);
            }
        }
        for (int k = 0; k < ntargets; k++) {
            cr_expect_eq(seen[k], 1, "%s -> %s: want one E301, got %d", from->id, targets[k]->id,
                         seen[k]);
            pairs++;
        }
        cr_expect_eq(others, 0, "%s: errors other than E301:\n%s", from->id, test_render(c));
        cr_expect_eq(c->model->flows.n, 0, "%s: rejected flows must not reach the model", from->id);
        free(seen);
        free(targets);
        sb_free(&b);
        test_free(c);
    }
    /* ~45 services, ~130 links: well over a thousand rejected pairs. */
    cr_expect_gt(pairs, 1000, "only %d pairs checked", pairs);
    test_free(lib);
}

/* ---- services --------------------------------------------------------------- */

Test(catalog, every_service_works_bare)
{
    Compilation *lib = stdlib_only();
    const PtrVec *svcs = &lib->catalog->service_list;
    cr_assert_geq(svcs->n, 40);
    for (int i = 0; i < svcs->n; i++) {
        const Service *s = svcs->items[i];
        char *text = NULL;
        cr_assert(asprintf(&text, "pipeline p {\n  x : %s\n}\n", s->id) > 0);
        Compilation *c = test_compile(text);
        char *all = test_render(c);
        for (int d = 0; d < c->diags.items.n; d++) {
            const Diagnostic *g = c->diags.items.items[d];
            cr_expect(strcmp(g->code, "W401") == 0 || strcmp(g->code, "W403") == 0 ||
                          strcmp(g->code, "W405") == 0,
                      "`x : %s` gives %s:\n%s", s->id, g->code, all);
        }
        cr_expect_eq(test_count(c, "W401"), 1, "%s:\n%s", s->id, all);
        /* W405 exactly for deprecated services and old names. */
        cr_expect_eq(test_count(c, "W405"), (s->deprecated || s->alias_of) ? 1 : 0, "%s:\n%s",
                     s->id, all);
        cr_assert_not_null(c->model);
        cr_assert_eq(c->model->components.n, 1);
        const MComponent *x = c->model->components.items[0];
        /* (each compilation builds its own catalog: compare ids) */
        cr_expect_str_eq(x->service->id, s->alias_of ? s->alias_of->id : s->id);
        cr_expect_str_eq(x->written_service, s->id);
        /* Every built-in property has a default (or is optional). */
        for (int k = 0; k < x->service->props.n; k++) {
            const Prop *p = x->service->props.items[k];
            cr_expect(p->deflt || p->optional, "%s.%s has no default", s->id, p->name);
            const MProp *mp = comp_prop(x, p->name);
            if (p->deflt) {
                cr_expect(mp && mprop_is_default(mp) && mp->value == p->deflt, "%s.%s not filled",
                          s->id, p->name);
            } else {
                cr_expect_null(mp, "%s.%s is optional: absent", s->id, p->name);
            }
        }
        cr_expect_not_null(x->service->category, "%s has no category", s->id);
        cr_expect_not_null(x->service->short_title);
        free(all);
        free(text);
        test_free(c);
    }
    test_free(lib);
}

Test(catalog, services_of_catalog_md_are_declared)
{
    static const char *const ids[] = {
        "iot_core", "kinesis_streams", "firehose", "kinesis_analytics", "sqs", "sns", "s3",
        "lambda", "dynamodb", "glue", "glue_job", "emr", "amazon_ml", "sagemaker",
        "data_pipeline", "opensearch", "elasticsearch", "athena", "redshift", "quicksight",
        "rds", "cloudwatch_logs", "cloudwatch_events", "dms", "snowball", "snowball_edge", "app",
        "kpl", "kinesis_agent", "kcl", "spark", "kafka_connect", "splunk", "kibana", "logstash",
        "jira", "excel", "teradata", "salesforce", "ranger",
    };
    Compilation *c = stdlib_only();
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        cr_expect_not_null(catalog_service(c->catalog, ids[i]), "service %s missing", ids[i]);
    test_free(c);
}

/* ---- aliases ------------------------------------------------------------------ */

Test(catalog, elasticsearch_works_like_opensearch)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  logs : cloudwatch_logs\n"
                                  "  fh : firehose\n"
                                  "  es : elasticsearch { nodes = 3, access = cognito }\n"
                                  "  dash : kibana\n"
                                  "  logs -> fh -> es -> dash\n"
                                  "  logs -> es\n"
                                  "}\n");
    char *all = test_render(c);
    cr_assert_eq(c->diags.nerrors, 0, "%s", all);
    cr_assert_eq(c->diags.items.n, 1, "only W405 expected:\n%s", all);
    test_expect_at(c, "W405", 4, 8);
    const MComponent *es = model_component(c->model, "es");
    cr_assert_not_null(es);
    cr_assert_str_eq(es->service->id, "opensearch");
    cr_assert_str_eq(es->written_service, "elasticsearch");
    cr_assert_eq(value_int(comp_value(es, "nodes"), 0), 3);
    cr_assert_eq(value_int(comp_value(es, "volume"), 0), 100LL << 30, "opensearch's default volume");
    cr_assert_eq(c->model->flows.n, 4);
    free(all);
    test_free(c);
}

Test(catalog, elasticsearch_rejects_what_opensearch_rejects)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q : sqs\n"
                                  "  es : elasticsearch { shards = 2 }\n"
                                  "  q -> es\n"
                                  "}\n");
    test_expect_at(c, "E204", 3, 24);
    test_expect_at(c, "E301", 4, 8);
    cr_assert_str_eq(test_find(c, "E301")->message,
                     "Amazon SQS cannot send data to Amazon OpenSearch Service");
    test_free(c);
}

/* ---- the stdlib ------------------------------------------------------------------ */

Test(catalog, embedded_stdlib_has_no_diagnostics)
{
    Compilation *c = test_compile("");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    cr_assert_null(c->model);
    cr_assert_gt(c->prog.stdlib.n, 0);
    for (int i = 0; i < c->prog.stdlib.n; i++)
        cr_assert_eq(((const File *)c->prog.stdlib.items[i])->nerrors, 0);
    test_free(c);
}

/* Counts and names of everything in a catalog, as one string. */
static char *catalog_summary(const Catalog *cat)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < cat->service_list.n; i++) {
        const Service *s = cat->service_list.items[i];
        sb_printf(&b, "service %s %s props=%d in=%d out=%d\n", s->id, s->title, s->props.n,
                  s->in.n, s->out.n);
    }
    for (int i = 0; i < cat->link_list.n; i++) {
        const Link *l = cat->link_list.items[i];
        sb_printf(&b, "link %s %s %s\n", l->from->id, l->to->id, l->via);
    }
    for (int i = 0; i < cat->family_list.n; i++) {
        const Family *f = cat->family_list.items[i];
        sb_printf(&b, "family %s %d %d %d\n", f->id, f->members.n, f->current.n, f->fits.n);
    }
    for (int i = 0; i < cat->category_list.n; i++) {
        const Category *k = cat->category_list.items[i];
        sb_printf(&b, "category %s %s\n", k->id, k->color);
    }
    char *s = strdup(b.data ? b.data : "");
    sb_free(&b);
    return s;
}

static const char *const mixed = "pipeline p {\n"
                                 "  jobs : sqs\n"
                                 "  warehouse : redshift { nodes = 0 }\n"
                                 "  lonely : kinesis_stream\n"
                                 "  jobs -> warehouse\n"
                                 "}\n";

Test(catalog, stdlib_folder_gives_the_embedded_result)
{
    char *dir = test_path("stdlib");
    LoadOptions opt = {.stdlib_dir = dir};
    Compilation *a = test_compile(mixed);
    Compilation *b = compile_with(&opt, mixed);
    char *ra = test_render(a), *rb = test_render(b);
    cr_assert_str_eq(ra, rb);
    cr_assert_gt(a->diags.nerrors, 0);
    char *ca = catalog_summary(a->catalog), *cb = catalog_summary(b->catalog);
    cr_assert_str_eq(ca, cb);
    cr_assert_eq(b->prog.stdlib.n, a->prog.stdlib.n);
    free(ra);
    free(rb);
    free(ca);
    free(cb);
    test_free(a);
    test_free(b);

    /* And through the command line. */
    char *args = NULL, *e1 = NULL, *e2 = NULL;
    cr_assert(asprintf(&args, "check --format gcc --stdlib %s -", dir) > 0);
    int r1 = test_run("check --format gcc -", mixed, NULL, &e1);
    int r2 = test_run(args, mixed, NULL, &e2);
    cr_assert_eq(r1, 1);
    cr_assert_eq(r2, 1);
    cr_assert_str_eq(e1, e2);
    free(e1);
    free(e2);
    free(args);
    free(dir);
}

Test(catalog, stdlib_folder_that_does_not_exist)
{
    char *err = NULL;
    int rc = test_run("check --stdlib /nonexistent/pipe-stdlib -", "pipeline p {\n}\n", NULL, &err);
    cr_assert_eq(rc, 2, "an unreadable stdlib folder is an I/O error; stderr:\n%s", err);
    free(err);
}

Test(catalog, no_stdlib_makes_s3_unknown)
{
    LoadOptions opt = {.no_stdlib = true};
    Compilation *c = compile_with(&opt, "pipeline p {\n  x : s3\n}\n");
    test_expect_at(c, "E201", 2, 7);
    cr_assert_eq(c->catalog->service_list.n, 0);
    test_free(c);

    char *err = NULL;
    int rc = test_run("check --no-stdlib --format gcc -", "pipeline p {\n  x : s3\n}\n", NULL, &err);
    cr_assert_eq(rc, 1, "%s", err);
    cr_assert_not_null(strstr(err, "<stdin>:2:7: error: unknown service `s3` [E201]"), "%s", err);
    free(err);
}

Test(catalog, no_stdlib_with_own_catalog)
{
    LoadOptions opt = {.no_stdlib = true};
    Compilation *c = compile_with(&opt, "service src \"Source\" { }\n"
                                        "service dst \"Sink\" { }\n"
                                        "link src -> dst via \"push\"\n"
                                        "pipeline p {\n"
                                        "  a : src\n"
                                        "  b : dst\n"
                                        "  a -> b\n"
                                        "}\n");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    cr_assert_eq(c->model->flows.n, 1);
    cr_assert_str_eq(((const MFlow *)c->model->flows.items[0])->link->via, "push");
    test_free(c);
}

/* A service with many links out is looked up another way than one with a
 * few (a scan of them): both find every link and only those. */
Test(catalog, many_links_out_of_one_service)
{
    LoadOptions opt = {.no_stdlib = true};
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "service hub \"Hub\" { }\nservice lone \"Lone\" { }\n");
    for (int i = 0; i < 20; i++)
        sb_printf(&b, "service t%d \"T%d\" { }\nlink hub -> t%d via \"v%d\"\n", i, i, i, i);
    sb_puts(&b, "pipeline p {\n  h : hub\n  x : lone\n");
    for (int i = 0; i < 20; i++)
        sb_printf(&b, "  c%d : t%d\n  h -> c%d\n", i, i, i);
    sb_puts(&b, "  h -> x\n}\n");
    Compilation *c = compile_with(&opt, b.data);
    cr_assert_eq(test_count(c, "E301"), 1, "%s", test_render(c));
    cr_assert_eq(c->model->flows.n, 20);
    for (int i = 0; i < 20; i++) {
        const MFlow *f = c->model->flows.items[i];
        char via[8];
        snprintf(via, sizeof via, "v%d", i);
        cr_assert_str_eq(f->link->via, via);
    }
    sb_free(&b);
    test_free(c);
}

/* ---- user-declared catalog items --------------------------------------------- */

static const char *const kafka = "service kafka \"Apache Kafka (self-managed)\" {\n"
                                 "  category = external\n"
                                 "  brokers : int(1..100) = 3\n"
                                 "}\n";

Test(catalog, user_service_and_link_extend_the_catalog)
{
    char *with = NULL, *without = NULL;
    const char *body = "pipeline p {\n"
                       "  k : kafka { brokers = 5 }\n"
                       "  s : kinesis_streams\n"
                       "  fn : lambda\n"
                       "  k -> s -> fn\n"
                       "}\n";
    cr_assert(asprintf(&with, "%slink kafka -> [kinesis_streams, firehose] via \"Kafka Connect "
                              "sink\"\n%s", kafka, body) > 0);
    cr_assert(asprintf(&without, "%s%s", kafka, body) > 0);

    Compilation *c = test_compile(with);
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    const MComponent *k = model_component(c->model, "k");
    cr_assert_str_eq(k->service->id, "kafka");
    cr_assert_not(k->service->builtin);
    cr_assert_str_eq(k->service->category->id, "external");
    cr_assert_eq(value_int(comp_value(k, "brokers"), 0), 5);
    const MFlow *f = c->model->flows.items[0];
    cr_assert_str_eq(f->link->via, "Kafka Connect sink");
    cr_assert_not_null(catalog_link(c->catalog, k->service, catalog_service(c->catalog, "firehose")));
    test_free(c);

    c = test_compile(without);
    test_expect_at(c, "E301", 9, 8);
    test_free(c);
    free(with);
    free(without);
}

Test(catalog, user_service_properties_are_checked)
{
    char *text = NULL;
    cr_assert(asprintf(&text, "%spipeline p {\n  k : kafka { brokers = 101, topics = 2 }\n}\n",
                       kafka) > 0);
    Compilation *c = test_compile(text);
    test_expect_at(c, "E206", 6, 25);
    test_expect_at(c, "E204", 6, 30);
    test_free(c);
    free(text);
}

/* `retired` in a user's service: its values warn where they are used, and
 * a list that cannot be right is reported where it is declared. */
Test(catalog, user_service_retired_values)
{
    const char *text = "service kafka \"Apache Kafka\" {\n"
                       "  category = external\n"
                       "  retired = { version = [v2_8, v9], brokers = [1] }\n"
                       "  version : enum(v3_7, v3_6, v2_8) = v3_7\n"
                       "  brokers : int = 3\n"
                       "}\n"
                       "pipeline p {\n  k : kafka { version = v2_8 }\n  j : kafka { version = v3_6 }\n}\n";
    Compilation *c = test_compile(text);
    test_expect_at(c, "E207", 3, 32);  /* v9: not a value of version */
    test_expect_at(c, "E204", 3, 37);  /* brokers: not an enum */
    test_expect_at(c, "W405", 8, 25);  /* v2_8, used */
    cr_assert_eq(test_count(c, "W405"), 1, "v3_6 is current");
    const Diagnostic *g = test_find(c, "W405");
    const DiagNote *help = g->last_note;
    cr_assert_not_null(help);
    cr_expect_str_eq(help->kind, "help");
    cr_expect_str_eq(help->text, "write version = v3_7", "the newest v, written as an identifier");
    test_free(c);
}

Test(catalog, a_default_cannot_be_retired)
{
    Compilation *c = test_compile("service kafka \"Apache Kafka\" {\n"
                                  "  category = external\n"
                                  "  retired = { version = [v3_7] }\n"
                                  "  version : enum(v3_7, v2_8) = v3_7\n"
                                  "}\n");
    test_expect_at(c, "E206", 3, 26);
    test_free(c);
}

Test(catalog, user_family_and_type)
{
    const char *text = "family graviton_mem \"Graviton memory\" [zz8g] { fits = [kafka] }\n"
                       "type broker_group {\n"
                       "  instance : instance = \"zz8g.large\"\n"
                       "  count : int(1..9) = 3\n"
                       "}\n"
                       "service kafka \"Kafka\" {\n"
                       "  category = external\n"
                       "  brokers : broker_group = { count = 5 }\n"
                       "}\n"
                       "link kafka -> kinesis_streams via \"Kafka Connect sink\"\n"
                       "pipeline p {\n"
                       "  k : kafka { brokers = { instance = \"zz8g.xlarge\" } }\n"
                       "  web : app { instance = \"zz8g.2xlarge\", workload = kafka }\n"
                       "  s : kinesis_streams\n"
                       "  fn : lambda\n"
                       "  [k, web] -> s -> fn\n"
                       "}\n";
    Compilation *c = test_compile(text);
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    const MComponent *k = model_component(c->model, "k");
    const Value *b = comp_value(k, "brokers");
    cr_assert_str_eq(value_text(block_value(b, "instance")), "zz8g.xlarge");
    /* The service's default block fills what the user leaves out. */
    cr_assert_eq(value_int(block_value(b, "count"), 0), 5);
    const Family *f = catalog_family_of(c->catalog, "zz8g.large", NULL);
    cr_assert(f && strcmp(f->id, "graviton_mem") == 0);
    test_free(c);

    /* Without the family, the same instance type is unknown. */
    c = test_compile("pipeline p {\n"
                     "  web : app { instance = \"zz8g.2xlarge\" }\n"
                     "}\n");
    test_expect_at(c, "E207", 2, 26);
    test_free(c);
}

Test(catalog, user_catalog_items_in_an_imported_library)
{
    char dir[] = "/tmp/pipec-catalog-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *lib = NULL, *main = NULL;
    cr_assert(asprintf(&lib, "%s/kafka.pipe", dir) > 0);
    cr_assert(asprintf(&main, "%s/main.pipe", dir) > 0);
    FILE *f = fopen(lib, "w");
    fprintf(f, "%slink kafka -> kinesis_streams via \"Kafka Connect sink\"\n", kafka);
    fclose(f);
    f = fopen(main, "w");
    fputs("import \"kafka.pipe\"\n"
          "pipeline p {\n"
          "  k : kafka\n"
          "  s : kinesis_streams\n"
          "  fn : lambda\n"
          "  k -> s -> fn\n"
          "}\n", f);
    fclose(f);
    Compilation c;
    compilation_init(&c);
    cr_assert_eq(compile_path(&c, NULL, main, "main.pipe"), COMPILE_OK);
    diag_sort(&c.diags);
    cr_assert_eq(c.diags.items.n, 0, "%s", test_render(&c));
    cr_assert_eq(c.model->flows.n, 2);
    compilation_free(&c);
    unlink(lib);
    unlink(main);
    rmdir(dir);
    free(lib);
    free(main);
}

Test(catalog, duplicate_user_declarations_are_e202)
{
    Compilation *c = test_compile("service s3 \"My S3\" { }\n"
                                  "link s3 -> redshift via \"again\"\n");
    cr_assert_eq(test_count(c, "E202"), 2, "%s", test_render(c));
    test_expect_at(c, "E202", 1, 9);
    test_free(c);
}

/* The note of a duplicate points at the first declaration (in the stdlib),
 * for every kind of catalog item. */
Test(catalog, duplicate_notes_point_at_the_first_declaration)
{
    static const struct {
        const char *text, *file;
        int col;
    } cases[] = {
        {"family memory \"Mine\" [zz1]\n", "compute.pipe", 8},
        {"type instance_group { a : int = 1 }\n", "types.pipe", 6},
        {"service sqs \"My queue\" { }\n", "services.pipe", 9},
        {"link s3 -> athena via \"again\"\n", "integrations.pipe", 6},
        {"category storage \"Mine\" { color = \"#000000\" }\n", "categories.pipe", 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Compilation *c = test_compile(cases[i].text);
        test_expect_at(c, "E202", 1, cases[i].col);
        const Diagnostic *g = test_find(c, "E202");
        const DiagNote *n = g->notes;
        cr_assert(n && n->src, "%s: the note has no location", cases[i].text);
        cr_expect_not_null(strstr(n->src->name, cases[i].file),
                           "%s: the note points at %s, want the stdlib's %s", cases[i].text,
                           n->src->name, cases[i].file);
        test_free(c);
    }
}

Test(catalog, field_declared_twice_in_a_type_is_e202)
{
    Compilation *c = test_compile("type pair {\n"
                                  "  a : int = 1\n"
                                  "  a : int = 2\n"
                                  "}\n");
    test_expect_at(c, "E202", 3, 3);
    const DiagNote *n = test_find(c, "E202")->notes;
    cr_assert(n && n->src);
    cr_assert_eq(source_pos(n->src, n->span.start).line, 2);
    test_free(c);
}

Test(catalog, unknown_service_in_a_user_link)
{
    Compilation *c = test_compile("link kafak -> kinesis_streams via \"x\"\n");
    test_expect_at(c, "E201", 1, 6);
    test_free(c);
}
