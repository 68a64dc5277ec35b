/* Every checker code (E201-E210, E301, E302, W401-W409): one case that
 * triggers it at the exact line and column with the key parts of its message,
 * notes and help, and one close case that must not trigger it. Also: hint
 * severities, --werror, `# pipe: allow`, and all errors in one run. */
#include "helpers.h"
#include "codes.h"
#include "strbuf.h"

/* ---- helpers ------------------------------------------------------------- */

/* The diagnostic of `code`, asserted present (with every finding in the
 * failure message). */
static const Diagnostic *must_find(const Compilation *c, const char *code)
{
    const Diagnostic *g = test_find(c, code);
    if (!g) {
        char *all = test_render(c);
        cr_assert_fail("expected %s; got:\n%s", code, all ? all : "");
    }
    return g;
}

static void expect_none(const Compilation *c, const char *code)
{
    if (test_count(c, code) != 0) {
        char *all = test_render(c);
        cr_assert_fail("%s must not be reported; got:\n%s", code, all ? all : "");
    }
}

static void expect_no_errors(const Compilation *c)
{
    if (c->diags.nerrors != 0) {
        char *all = test_render(c);
        cr_assert_fail("expected no errors; got:\n%s", all ? all : "");
    }
}

static void expect_message(const Diagnostic *g, const char *want)
{
    cr_assert_str_eq(g->message, want, "%s message", g->code);
}

static void expect_message_has(const Diagnostic *g, const char *part)
{
    cr_assert_not_null(strstr(g->message, part), "%s message \"%s\" lacks \"%s\"", g->code,
                       g->message, part);
}

/* The first note of `kind` ("note" or "help") whose text contains `part`. */
static const DiagNote *note_with(const Diagnostic *g, const char *kind, const char *part)
{
    for (const DiagNote *n = g->notes; n; n = n->next)
        if (strcmp(n->kind, kind) == 0 && strstr(n->text, part))
            return n;
    return NULL;
}

static const DiagNote *expect_note(const Diagnostic *g, const char *kind, const char *part)
{
    const DiagNote *n = note_with(g, kind, part);
    if (!n) {
        char *all = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&all, &len);
        for (const DiagNote *k = g->notes; k; k = k->next)
            fprintf(f, "  %s: %s\n", k->kind, k->text);
        fclose(f);
        cr_assert_fail("%s: no %s containing \"%s\"; notes:\n%s", g->code, kind, part, all);
    }
    return n;
}

static void expect_help_eq(const Diagnostic *g, const char *want)
{
    const DiagNote *n = expect_note(g, "help", "");
    for (; n; n = n->next)
        if (strcmp(n->kind, "help") == 0 && strcmp(n->text, want) == 0)
            return;
    cr_assert_fail("%s: no help \"%s\"", g->code, want);
}

static void expect_note_at(const DiagNote *n, int line, int col)
{
    cr_assert_not_null(n->src, "the note \"%s\" has no location", n->text);
    Pos p = source_pos(n->src, n->span.start);
    cr_assert_eq(p.line, line, "note line: got %d, want %d", p.line, line);
    cr_assert_eq(p.col, col, "note column: got %d, want %d", p.col, col);
}

/* ---- E201 unknown service ------------------------------------------------ */

Test(codes, e201_unknown_service_did_you_mean)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_stream\n"
                                  "}\n");
    test_expect_at(c, "E201", 2, 7);
    const Diagnostic *g = must_find(c, "E201");
    cr_assert_eq(g->sev, SEV_ERROR);
    expect_message(g, "unknown service `kinesis_stream`");
    expect_help_eq(g, "did you mean `kinesis_streams`?");
    cr_assert_eq(test_count(c, "E201"), 1);
    test_free(c);
}

Test(codes, e201_not_for_a_known_service)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams\n"
                                  "}\n");
    expect_none(c, "E201");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E202 duplicate name --------------------------------------------------- */

Test(codes, e202_duplicate_component_notes_first_definition)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "    a : sqs\n"
                                  "  a -> b\n"
                                  "}\n");
    test_expect_at(c, "E202", 4, 5);
    const Diagnostic *g = must_find(c, "E202");
    expect_message(g, "`a` is defined twice");
    const DiagNote *n = expect_note(g, "note", "first defined here");
    expect_note_at(n, 2, 3);
    cr_assert_eq(test_count(c, "E202"), 1);
    test_free(c);
}

Test(codes, e202_group_and_component_share_the_namespace)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  group a { x : s3 }\n"
                                  "  a : s3\n"
                                  "  x -> a\n"
                                  "}\n");
    test_expect_at(c, "E202", 3, 3);
    expect_note_at(expect_note(must_find(c, "E202"), "note", "first defined"), 2, 9);
    test_free(c);
}

Test(codes, e202_property_set_twice)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { shards = 1, shards = 2 }\n"
                                  "}\n");
    test_expect_at(c, "E202", 2, 37);
    expect_note_at(expect_note(must_find(c, "E202"), "note", "first set here"), 2, 25);
    test_free(c);
}

Test(codes, e202_pipeline_setting_set_twice)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  region = \"eu-west-1\"\n"
                                  "  layout = TB\n"
                                  "  region = \"us-east-1\"\n"
                                  "}\n");
    test_expect_at(c, "E202", 4, 3);
    expect_note_at(expect_note(must_find(c, "E202"), "note", "first set here"), 2, 3);
    /* The first one stands, as for a component's settings. */
    cr_assert_str_eq(c->model->region, "eu-west-1");
    test_free(c);
}

Test(codes, e202_flow_label_set_twice)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "  a -> b { label = \"one\", label = \"two\" }\n"
                                  "}\n");
    test_expect_at(c, "E202", 4, 27);
    expect_note_at(expect_note(must_find(c, "E202"), "note", "first set here"), 4, 12);
    cr_assert_str_eq(((const MFlow *)c->model->flows.items[0])->label, "one");
    test_free(c);
}

Test(codes, e202_not_for_distinct_names)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "  group g { a2 : sqs }\n"
                                  "  a -> b\n"
                                  "  a -> a2\n"
                                  "  a2 -> b\n"
                                  "}\n");
    expect_none(c, "E202");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E203 undefined component ------------------------------------------- */

Test(codes, e203_undefined_component_in_flow)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  stream : kinesis_streams\n"
                                  "  fn : lambda\n"
                                  "  stream -> fnn\n"
                                  "}\n");
    test_expect_at(c, "E203", 4, 13);
    const Diagnostic *g = must_find(c, "E203");
    expect_message(g, "no component named `fnn`");
    expect_help_eq(g, "did you mean `fn`?");
    test_free(c);
}

Test(codes, e203_undefined_component_in_ref)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  enrich : lambda\n"
                                  "  fh : firehose { transform = enrih }\n"
                                  "  lake : s3\n"
                                  "  fh -> lake\n"
                                  "}\n");
    test_expect_at(c, "E203", 3, 31);
    expect_help_eq(must_find(c, "E203"), "did you mean `enrich`?");
    test_free(c);
}

Test(codes, e203_not_when_every_name_is_defined)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  stream : kinesis_streams\n"
                                  "  fn : lambda\n"
                                  "  stream -> fn\n"
                                  "}\n");
    expect_none(c, "E203");
    expect_no_errors(c);
    test_free(c);
}

Test(codes, e203_a_group_in_a_flow_is_named_as_such)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  group storage { lake : s3 }\n"
                                  "  fn : lambda\n"
                                  "  fn -> storage\n"
                                  "}\n");
    test_expect_at(c, "E203", 4, 9);
    expect_note(must_find(c, "E203"), "note", "`storage` is a group; flows join components");
    cr_assert_eq(test_count(c, "E203"), 1);
    test_free(c);
}

/* Names are bound as they are declared; a flow may come first, a component
 * may share its name with its service, and a group's name with nothing. */
Test(codes, e203_not_for_names_declared_after_the_flow)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lambda -> lake\n"
                                  "  lambda : lambda { timeout = 30s }\n"
                                  "  group lake_zone { lake : s3 }\n"
                                  "}\n");
    expect_none(c, "E203");
    expect_none(c, "E202");
    expect_no_errors(c);
    cr_assert_eq(c->model->flows.n, 1);
    const MFlow *f = c->model->flows.items[0];
    cr_assert_str_eq(f->from->service->id, "lambda");
    cr_assert_eq(f->to, model_component(c->model, "lake"));
    test_free(c);
}

/* Settings and flows are checked during the walk of the declarations; what
 * names a component declared further on waits, and flows keep source order:
 * the first of two equal hops stands, even when it named a later component. */
Test(codes, e203_not_for_a_reference_to_a_later_component)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  src : kinesis_streams\n"
                                  "  fh : firehose { transform = enrich }\n"
                                  "  enrich : lambda\n"
                                  "  lake : s3\n"
                                  "  src -> fh -> lake\n"
                                  "}\n");
    expect_none(c, "E203");
    expect_no_errors(c);
    cr_assert_eq(c->model->refs.n, 1);
    const MRef *r = c->model->refs.items[0];
    cr_assert_str_eq(r->to->name, "enrich");
    test_free(c);
}

Test(codes, flows_keep_source_order_across_forward_names)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q -> f { label = \"first\" }\n"
                                  "  q : sqs\n"
                                  "  f : lambda\n"
                                  "  s : kinesis_streams\n"
                                  "  g : lambda\n"
                                  "  s -> g\n"
                                  "  q -> f { label = \"second\" }\n"
                                  "}\n");
    expect_no_errors(c);
    cr_assert_eq(c->model->flows.n, 2);
    const MFlow *f0 = c->model->flows.items[0], *f1 = c->model->flows.items[1];
    cr_assert_str_eq(f0->from->name, "q");
    cr_assert_str_eq(f0->label, "first");
    cr_assert_eq(f0->index, 0);
    cr_assert_str_eq(f1->from->name, "s");
    cr_assert_eq(f1->index, 1);
    test_free(c);
}

Test(codes, e202_component_then_group_of_the_same_name)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  group a { x : s3 }\n"
                                  "}\n");
    test_expect_at(c, "E202", 3, 9);
    expect_note_at(expect_note(must_find(c, "E202"), "note", "first defined"), 2, 3);
    cr_assert_eq(test_count(c, "E202"), 1);
    test_free(c);
}

/* ---- E204 unknown property ------------------------------------------------- */

Test(codes, e204_unknown_property_did_you_mean)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { shard = 4 }\n"
                                  "}\n");
    test_expect_at(c, "E204", 2, 25);
    const Diagnostic *g = must_find(c, "E204");
    expect_message(g, "Amazon Kinesis Data Streams has no property `shard`");
    expect_note(g, "note", "takes: shards, retention, mode");
    expect_help_eq(g, "did you mean `shards`?");
    test_free(c);
}

Test(codes, e204_unknown_pipeline_setting)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  regoin = \"eu-west-1\"\n"
                                  "}\n");
    test_expect_at(c, "E204", 2, 3);
    expect_help_eq(must_find(c, "E204"), "did you mean `region`?");
    test_free(c);
}

Test(codes, e204_transform_only_on_firehose_and_analytics)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  fn : lambda\n"
                                  "  q : sqs { transform = fn }\n"
                                  "  q -> fn\n"
                                  "}\n");
    test_expect_at(c, "E204", 3, 13);
    test_free(c);
}

Test(codes, e204_not_for_a_declared_property)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { shards = 4 }\n"
                                  "}\n");
    expect_none(c, "E204");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E205 wrong value type ------------------------------------------------- */

Test(codes, e205_wrong_value_type)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { shards = \"4\" }\n"
                                  "}\n");
    test_expect_at(c, "E205", 2, 34);
    const Diagnostic *g = must_find(c, "E205");
    expect_message(g, "`shards` expects an integer, found a string");
    expect_note(g, "help", "an integer such as 4");
    test_free(c);
}

Test(codes, e205_duration_without_unit)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  fn : lambda { timeout = 60 }\n"
                                  "}\n");
    test_expect_at(c, "E205", 2, 27);
    expect_message(must_find(c, "E205"), "`timeout` expects a duration, found an integer");
    test_free(c);
}

Test(codes, e205_not_for_the_right_type)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { shards = 4 }\n"
                                  "  fn : lambda { timeout = 60s }\n"
                                  "  s -> fn\n"
                                  "}\n");
    expect_none(c, "E205");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E206 out of range ----------------------------------------------------- */

Test(codes, e206_out_of_range_with_allowed_range)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { retention = 12h }\n"
                                  "}\n");
    test_expect_at(c, "E206", 2, 37);
    const Diagnostic *g = must_find(c, "E206");
    expect_message(g, "`retention` = 12h is out of range");
    /* 24h..8760h as declared, or in the largest whole unit. */
    const DiagNote *n = expect_note(g, "note", "`retention` allows ");
    cr_assert(strstr(n->text, "allows 24h..8760h") || strstr(n->text, "allows 1d..365d"), "%s",
              n->text);
    test_free(c);
}

Test(codes, e206_open_upper_bound)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { shards = 0 }\n"
                                  "}\n");
    test_expect_at(c, "E206", 2, 34);
    expect_note(must_find(c, "E206"), "note", "`shards` allows 1..");
    test_free(c);
}

Test(codes, e206_not_at_the_bounds)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { retention = 24h, shards = 1 }\n"
                                  "  t : kinesis_streams { retention = 8760h }\n"
                                  "  [s, t] -> fn\n"
                                  "  fn : lambda { timeout = 900s, memory = 10240MB }\n"
                                  "}\n");
    expect_none(c, "E206");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E207 not an enum value -------------------------------------------- */

Test(codes, e207_not_an_enum_value)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  s : kinesis_streams { mode = provision }\n"
                                  "}\n");
    test_expect_at(c, "E207", 2, 32);
    const Diagnostic *g = must_find(c, "E207");
    expect_message(g, "'provision' is not a value of `mode`");
    expect_note(g, "note", "`mode` is one of: provisioned, on_demand");
    expect_help_eq(g, "did you mean 'provisioned'?");
    test_free(c);
}

Test(codes, e207_layout_setting)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  layout = RL\n"
                                  "}\n");
    test_expect_at(c, "E207", 2, 12);
    test_free(c);
}

Test(codes, e207_not_for_an_enum_value)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  layout = TB\n"
                                  "  s : kinesis_streams { mode = on_demand }\n"
                                  "}\n");
    expect_none(c, "E207");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E208 required property missing --------------------------------------- */

static const char *const kafka_decl = "service kafka \"Apache Kafka (self-managed)\" {\n"
                                      "  category = external\n"
                                      "  brokers : int(1..100)\n"
                                      "}\n";

Test(codes, e208_required_property_missing)
{
    char *text = NULL;
    cr_assert(asprintf(&text, "%spipeline p {\n  k : kafka\n}\n", kafka_decl) > 0);
    Compilation *c = test_compile(text);
    test_expect_at(c, "E208", 6, 3);
    const Diagnostic *g = must_find(c, "E208");
    expect_message(g, "`k` needs `brokers` (an integer)");
    expect_help_eq(g, "add { brokers = ... }");
    test_free(c);
    free(text);
}

Test(codes, e208_not_when_the_property_is_given)
{
    char *text = NULL;
    cr_assert(asprintf(&text, "%spipeline p {\n  k : kafka { brokers = 3 }\n}\n", kafka_decl) > 0);
    Compilation *c = test_compile(text);
    expect_none(c, "E208");
    expect_no_errors(c);
    test_free(c);
    free(text);
}

Test(codes, e208_not_for_optional_properties)
{
    /* s3 lifecycle, glue schedule, firehose transform have no default but
     * are optional. */
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  crawler : glue\n"
                                  "  lake -> crawler\n"
                                  "}\n");
    expect_none(c, "E208");
    expect_no_errors(c);
    test_free(c);
}

/* ---- E209 reference to the wrong service -------------------------------- */

Test(codes, e209_ref_to_wrong_service)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  fh : firehose { transform = lake }\n"
                                  "  fh -> lake\n"
                                  "}\n");
    test_expect_at(c, "E209", 3, 31);
    const Diagnostic *g = must_find(c, "E209");
    expect_message(g, "`transform` must name a lambda component; `lake` is Amazon S3");
    expect_note_at(expect_note(g, "note", "declared here"), 2, 3);
    test_free(c);
}

Test(codes, e209_not_for_a_lambda)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  enrich : lambda\n"
                                  "  fh : firehose { transform = enrich }\n"
                                  "  fh -> lake\n"
                                  "}\n");
    expect_none(c, "E209");
    expect_no_errors(c);
    cr_assert_eq(c->model->refs.n, 1);
    test_free(c);
}

/* ---- E210 pipelines per file ------------------------------------------- */

Test(codes, e210_two_pipelines)
{
    Compilation *c = test_compile("pipeline one {\n"
                                  "  a : s3\n"
                                  "}\n"
                                  "pipeline two {\n"
                                  "}\n");
    test_expect_at(c, "E210", 4, 10);
    const Diagnostic *g = must_find(c, "E210");
    expect_message_has(g, "`two` is a second one");
    expect_note_at(expect_note(g, "note", "the first pipeline is `one`"), 1, 10);
    cr_assert_eq(test_count(c, "E210"), 1);
    test_free(c);
}

Test(codes, e210_not_for_one_pipeline)
{
    Compilation *c = test_compile("pipeline one {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "  a -> b\n"
                                  "}\n");
    expect_none(c, "E210");
    expect_no_errors(c);
    test_free(c);
}

Test(codes, e210_not_for_check_of_a_library)
{
    /* A file without a pipeline is a library for `import`: fine to check. */
    Compilation *c = test_compile("service kafka \"Kafka\" { category = external }\n");
    expect_none(c, "E210");
    cr_assert_eq(c->diags.items.n, 0);
    cr_assert_null(c->model);
    char *err = NULL;
    int rc = test_run("check --format gcc -", "link kafka_connect -> s3 via \"sink\"\n", NULL, &err);
    cr_assert_eq(rc, 0, "check of a library exits 0; stderr:\n%s", err);
    cr_assert_null(strstr(err, "E210"), "%s", err);
    free(err);
    test_free(c);
}

Test(codes, e210_build_without_pipeline_via_cli)
{
    char *err = NULL;
    int rc = test_run("build -T dot --format gcc -", "# nothing to build\n"
                                                   "link kafka_connect -> s3 via \"sink\"\n",
                      NULL, &err);
    cr_assert_eq(rc, 1, "build of a file with no pipeline exits 1; stderr:\n%s", err);
    cr_assert_not_null(strstr(err, "[E210]"), "%s", err);
    cr_assert_not_null(strstr(err, "no pipeline"), "%s", err);
    free(err);
}

/* ---- E301 no integration ----------------------------------------------- */

Test(codes, e301_sqs_to_redshift_with_note_and_route)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  jobs : sqs\n"
                                  "  warehouse : redshift\n"
                                  "  jobs -> warehouse\n"
                                  "}\n");
    test_expect_at(c, "E301", 4, 11);
    const Diagnostic *g = must_find(c, "E301");
    expect_message(g, "Amazon SQS cannot send data to Amazon Redshift");
    const DiagNote *n = expect_note(g, "note", "Amazon Redshift accepts data from: ");
    cr_assert_not_null(strstr(n->text, "Amazon S3 (COPY)"), "%s", n->text);
    cr_assert_not_null(strstr(n->text, "Amazon Data Firehose"), "%s", n->text);
    expect_help_eq(g, "route it through AWS Lambda and Amazon Data Firehose: "
                      "jobs -> <lambda> -> <firehose> -> warehouse");
    test_free(c);
}

Test(codes, e301_reverse_direction_help)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  fh : firehose\n"
                                  "  lake -> fh\n"
                                  "}\n");
    test_expect_at(c, "E301", 4, 11);
    expect_help_eq(must_find(c, "E301"), "data moves the other way: write `fh -> lake`");
    test_free(c);
}

Test(codes, e301_sagemaker_trains_only_from_s3)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  db : dynamodb\n"
                                  "  model : sagemaker\n"
                                  "  db -> model\n"
                                  "}\n");
    test_expect_at(c, "E301", 4, 9);
    expect_note(must_find(c, "E301"), "note", "Amazon SageMaker accepts data from: Amazon S3");
    test_free(c);
}

Test(codes, e301_not_for_a_catalog_link)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  staging : s3\n"
                                  "  warehouse : redshift\n"
                                  "  staging -> warehouse\n"
                                  "}\n");
    expect_none(c, "E301");
    expect_no_errors(c);
    cr_assert_eq(c->model->flows.n, 1);
    cr_assert_str_eq(((const MFlow *)c->model->flows.items[0])->link->via, "COPY");
    test_free(c);
}

/* ---- E302 flow to itself ----------------------------------------------- */

Test(codes, e302_flow_to_itself)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  a -> a\n"
                                  "}\n");
    test_expect_at(c, "E302", 3, 3);
    expect_message(must_find(c, "E302"), "`a` sends data to itself");
    expect_none(c, "E301");
    test_free(c);
}

Test(codes, e302_in_a_fan_out)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  fn : lambda\n"
                                  "  q : sqs\n"
                                  "  fn -> [q, fn]\n"
                                  "}\n");
    test_expect_at(c, "E302", 4, 3);
    cr_assert_eq(test_count(c, "E302"), 1);
    test_free(c);
}

Test(codes, e302_not_between_two_components_of_one_service)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : lambda\n"
                                  "  b : lambda\n"
                                  "  q : sqs\n"
                                  "  a -> q -> b\n"
                                  "}\n");
    expect_none(c, "E302");
    expect_no_errors(c);
    test_free(c);
}

/* ---- W401 no flow ---------------------------------------------------------- */

Test(codes, w401_component_in_no_flow)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "  a -> b\n"
                                  "    lonely : s3\n"
                                  "}\n");
    test_expect_at(c, "W401", 5, 5);
    const Diagnostic *g = must_find(c, "W401");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "`lonely` takes part in no flow");
    cr_assert_eq(test_count(c, "W401"), 1);
    test_free(c);
}

/* A flow whose other end is undefined (E203) or of an unknown service
 * (E201) still names the component: no W401 on top of the error. */
Test(codes, w401_not_for_a_component_in_a_broken_flow)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  a -> nothere\n"
                                  "  b : bogus_svc\n"
                                  "  d : lambda\n"
                                  "  b -> d\n"
                                  "  e : sqs\n"
                                  "  missing -> [e]\n"
                                  "}\n");
    test_expect_at(c, "E203", 3, 8);
    test_expect_at(c, "E201", 4, 7);
    expect_none(c, "W401");
    test_free(c);
}

Test(codes, w401_not_for_a_referenced_component)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  agent : kinesis_agent\n"
                                  "  fn : lambda\n"
                                  "  fh : firehose { transform = fn }\n"
                                  "  lake : s3\n"
                                  "  agent -> fh -> lake\n"
                                  "}\n");
    expect_none(c, "W401");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

/* ---- W402 data in, nothing out ------------------------------------------ */

Test(codes, w402_stream_without_consumer)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  src : app\n"
                                  "  stream : kinesis_streams\n"
                                  "  src -> stream\n"
                                  "}\n");
    test_expect_at(c, "W402", 3, 3);
    const Diagnostic *g = must_find(c, "W402");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "data goes into `stream` (Kinesis Data Streams) but never comes out");
    test_free(c);
}

Test(codes, w402_not_with_a_consumer)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  src : app\n"
                                  "  stream : kinesis_streams\n"
                                  "  fn : lambda\n"
                                  "  src -> stream -> fn\n"
                                  "}\n");
    expect_none(c, "W402");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

/* ---- W403 no incoming data ----------------------------------------------- */

Test(codes, w403_athena_without_source)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  adhoc : athena\n"
                                  "  bi : quicksight\n"
                                  "  adhoc -> bi\n"
                                  "}\n");
    test_expect_at(c, "W403", 2, 3);
    const Diagnostic *g = must_find(c, "W403");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "`adhoc` (Athena) works on incoming data, but none comes in");
    const DiagNote *n = expect_note(g, "help", "feed it from one of: ");
    cr_assert_not_null(strstr(n->text, "s3"), "%s", n->text);
    cr_assert_not_null(strstr(n->text, "glue"), "%s", n->text);
    cr_assert_eq(test_count(c, "W403"), 1);
    test_free(c);
}

Test(codes, w403_not_with_a_source)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  adhoc : athena\n"
                                  "  bi : quicksight\n"
                                  "  lake -> adhoc -> bi\n"
                                  "}\n");
    expect_none(c, "W403");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

/* ---- W404 cycle -------------------------------------------------------------- */

Test(codes, w404_cycle_names_the_loop)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "  a -> b -> a\n"
                                  "}\n");
    test_expect_at(c, "W404", 4, 8);
    const Diagnostic *g = must_find(c, "W404");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "cycle in the data flow: a -> b -> a");
    cr_assert_eq(test_count(c, "W404"), 1);
    test_free(c);
}

Test(codes, w404_longer_cycle_reported_once)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  q : sqs\n"
                                  "  fn : lambda\n"
                                  "  lake -> q -> fn\n"
                                  "  fn -> lake\n"
                                  "}\n");
    test_expect_at(c, "W404", 6, 3);
    expect_message(must_find(c, "W404"), "cycle in the data flow: lake -> q -> fn -> lake");
    cr_assert_eq(test_count(c, "W404"), 1);
    test_free(c);
}

Test(codes, w404_not_for_another_bucket)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3\n"
                                  "  b : lambda\n"
                                  "  out : s3\n"
                                  "  a -> b -> out\n"
                                  "}\n");
    expect_none(c, "W404");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

/* Only flows to a component declared earlier can close a loop: the graph is
 * walked only when there are some, and those alone make no cycle. */
Test(codes, w404_not_for_flows_against_declaration_order)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  out : s3\n"
                                  "  b : lambda\n"
                                  "  a : s3\n"
                                  "  a -> b -> out\n"
                                  "}\n");
    expect_none(c, "W404");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

Test(codes, w404_cycle_declared_backwards)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  fn : lambda\n"
                                  "  q : sqs\n"
                                  "  lake : s3\n"
                                  "  fn -> lake -> q -> fn\n"
                                  "}\n");
    expect_message(must_find(c, "W404"), "cycle in the data flow: fn -> lake -> q -> fn");
    cr_assert_eq(test_count(c, "W404"), 1);
    test_free(c);
}

/* ---- W405 deprecated ------------------------------------------------------ */

Test(codes, w405_old_name_elasticsearch)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  fh : firehose\n"
                                  "  es : elasticsearch\n"
                                  "  fh -> es\n"
                                  "}\n");
    test_expect_at(c, "W405", 3, 8);
    const Diagnostic *g = must_find(c, "W405");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "`elasticsearch` is an old name: the service is now Amazon OpenSearch Service");
    expect_help_eq(g, "write `es : opensearch`");
    test_free(c);
}

Test(codes, w405_retired_service)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  ml : amazon_ml\n"
                                  "  lake -> ml\n"
                                  "}\n");
    test_expect_at(c, "W405", 3, 8);
    const Diagnostic *g = must_find(c, "W405");
    expect_message(g, "Amazon Machine Learning is deprecated");
    expect_note(g, "note", "sagemaker");
    test_free(c);
}

Test(codes, w405_not_for_current_names)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  fh : firehose\n"
                                  "  es : opensearch\n"
                                  "  lake : s3\n"
                                  "  ml : sagemaker\n"
                                  "  lake -> fh -> es\n"
                                  "  lake -> ml\n"
                                  "}\n");
    expect_none(c, "W405");
    test_free(c);
}

/* A value the catalog lists as retired (`retired` in stdlib/services.pipe):
 * the newest value of the same language is suggested, quoted as written. */
Test(codes, w405_retired_runtime)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q : sqs { visibility_timeout = 5m }\n"
                                  "  f : lambda { timeout = 30s, runtime = \"nodejs20.x\" }\n"
                                  "  g : lambda { runtime = \"dotnet8\" }\n"
                                  "  q -> [f, g]\n"
                                  "}\n");
    test_expect_at(c, "W405", 3, 41);
    cr_assert_eq(test_count(c, "W405"), 2);
    const Diagnostic *second = c->diags.items.items[c->diags.items.n - 1];
    cr_assert_str_eq(second->code, "W405");
    Pos at = source_pos(second->src, second->span.start);
    cr_expect(at.line == 4 && at.col == 26, "dotnet8 at %d:%d", at.line, at.col);
    expect_help_eq(second, "write runtime = \"dotnet10\"");
    const Diagnostic *g = must_find(c, "W405");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "runtime `nodejs20.x` of `f` is deprecated");
    expect_note(g, "note", "templates use nodejs24.x");
    expect_help_eq(g, "write runtime = \"nodejs24.x\"");
    test_free(c);
}

Test(codes, w405_not_for_current_runtimes)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q : sqs { visibility_timeout = 5m }\n"
                                  "  a : lambda { runtime = \"python3.14\" }\n"
                                  "  b : lambda { runtime = \"nodejs24.x\" }\n"
                                  "  d : lambda { runtime = \"java25\" }\n"
                                  "  e : lambda { runtime = \"dotnet10\" }\n"
                                  "  f : lambda\n"
                                  "  q -> [a, b, d, e, f]\n"
                                  "}\n");
    expect_none(c, "W405");
    cr_assert_eq(c->diags.items.n, 0);
    test_free(c);
}

/* ---- W406 spot on data nodes ----------------------------------------------- */

Test(codes, w406_spot_core_nodes)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr {\n"
                                  "    core = { instance = \"r5.xlarge\", count = 2, market = spot }\n"
                                  "  }\n"
                                  "  out : s3\n"
                                  "  lake -> cluster -> out\n"
                                  "}\n");
    test_expect_at(c, "W406", 4, 5);
    const Diagnostic *g = must_find(c, "W406");
    cr_assert_eq(g->sev, SEV_WARNING);
    expect_message(g, "spot capacity on the core nodes of `cluster`");
    expect_note(g, "note", "HDFS");
    expect_note(g, "help", "task = { market = spot");
    cr_assert_eq(test_count(c, "W406"), 1);
    test_free(c);
}

Test(codes, w406_spot_master_node)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr { master = { market = spot } }\n"
                                  "  lake -> cluster\n"
                                  "}\n");
    test_expect_at(c, "W406", 3, 19);
    expect_message(must_find(c, "W406"), "spot capacity on the master nodes of `cluster`");
    test_free(c);
}

Test(codes, w406_sagemaker_spot_without_checkpoint)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  model : sagemaker { spot = true }\n"
                                  "  lake -> model\n"
                                  "}\n");
    test_expect_at(c, "W406", 3, 23);
    expect_note(must_find(c, "W406"), "help", "checkpoint");
    test_free(c);
}

Test(codes, w406_not_for_spot_task_nodes_only)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr {\n"
                                  "    task = { instance = \"r5.xlarge\", count = 4, market = spot }\n"
                                  "  }\n"
                                  "  model : sagemaker { spot = true, checkpoint = \"s3://b/ck/\" }\n"
                                  "  out : s3\n"
                                  "  lake -> cluster -> out\n"
                                  "  lake -> model\n"
                                  "}\n");
    expect_none(c, "W406");
    expect_no_errors(c);
    test_free(c);
}

/* ---- W407 family does not fit (hint) -------------------------------------- */

Test(codes, w407_spark_on_general_purpose_core_nodes)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr {\n"
                                  "    apps = [spark]\n"
                                  "    core = { instance = \"m5.2xlarge\", count = 2 }\n"
                                  "  }\n"
                                  "  out : s3\n"
                                  "  lake -> cluster -> out\n"
                                  "}\n");
    test_expect_at(c, "W407", 5, 5);
    const Diagnostic *g = must_find(c, "W407");
    cr_assert_eq(g->sev, SEV_HINT);
    expect_message_has(g, "\"m5.2xlarge\" is General purpose, which does not fit spark");
    expect_note(g, "note", "Memory optimized");
    cr_assert_eq(test_count(c, "W407"), 1);
    test_free(c);
}

Test(codes, w407_deep_learning_on_compute)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  model : sagemaker { framework = tensorflow, instance = \"ml.c5.xlarge\" }\n"
                                  "  lake -> model\n"
                                  "}\n");
    test_expect_at(c, "W407", 3, 47);
    expect_note(must_find(c, "W407"), "note", "Accelerated computing");
    test_free(c);
}

Test(codes, w407_app_instance)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  w : app { workload = spark, instance = \"t3.large\" }\n"
                                  "  s : kinesis_streams\n"
                                  "  fn : lambda\n"
                                  "  w -> s -> fn\n"
                                  "}\n");
    test_expect_at(c, "W407", 2, 31);
    test_free(c);
}

/* An app on Fargate, ECS, EKS or on premises has no EC2 instance type to
 * fit (its `instance` only sizes an EC2 Auto Scaling group). */
Test(codes, w407_not_for_an_app_off_ec2)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  w : app { runs_on = fargate, workload = spark }\n"
                                  "  s : kinesis_streams\n"
                                  "  fn : lambda\n"
                                  "  w -> s -> fn\n"
                                  "}\n");
    expect_none(c, "W407");
    test_free(c);
}

Test(codes, w407_not_for_spark_on_r5_core_nodes)
{
    /* And never for the master (m5 by default), which only coordinates. */
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr {\n"
                                  "    apps = [spark]\n"
                                  "    master = { instance = \"m5.xlarge\" }\n"
                                  "    core = { instance = \"r5.2xlarge\", count = 2 }\n"
                                  "  }\n"
                                  "  out : s3\n"
                                  "  lake -> cluster -> out\n"
                                  "}\n");
    expect_none(c, "W407");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

/* ---- W408 long-running on demand (hint) -------------------------------- */

Test(codes, w408_long_running_on_demand)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr { lifetime = long_running }\n"
                                  "  lake -> cluster\n"
                                  "}\n");
    test_expect_at(c, "W408", 3, 19);
    const Diagnostic *g = must_find(c, "W408");
    cr_assert_eq(g->sev, SEV_HINT);
    expect_message(g, "`cluster` runs for the long term on on-demand capacity");
    expect_help_eq(g, "set purchase = reserved");
    test_free(c);
}

Test(codes, w408_not_with_purchase_reserved)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lake : s3\n"
                                  "  cluster : emr { lifetime = long_running, purchase = reserved }\n"
                                  "  short : emr { lifetime = transient }\n"
                                  "  lake -> [cluster, short]\n"
                                  "}\n");
    expect_none(c, "W408");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

/* ---- W409 SQS visibility timeout ------------------------------------------- */

Test(codes, w409_visibility_shorter_than_lambda_timeout)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q : sqs\n"
                                  "  fn : lambda { timeout = 60s }\n"
                                  "  q -> fn\n"
                                  "}\n");
    test_expect_at(c, "W409", 4, 3);
    const Diagnostic *g = must_find(c, "W409");
    cr_assert_eq(g->sev, SEV_WARNING);
    /* Durations as written (the stdlib's 30s, the user's 60s). */
    expect_message(g, "the visibility timeout of `q` (30s) is shorter than the timeout of "
                      "`fn` (60s)");
    expect_note(g, "note", "six times");
    expect_help_eq(g, "set visibility_timeout = 6m on `q`");
    test_free(c);
}

Test(codes, w409_not_with_six_times_the_timeout)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q : sqs { visibility_timeout = 6m }\n"
                                  "  same : sqs { visibility_timeout = 60s }\n"
                                  "  fn : lambda { timeout = 60s }\n"
                                  "  [q, same] -> fn\n"
                                  "}\n");
    expect_none(c, "W409");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

Test(codes, w409_not_for_an_app_consumer)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  q : sqs { visibility_timeout = 1s }\n"
                                  "  worker : app\n"
                                  "  q -> worker\n"
                                  "}\n");
    expect_none(c, "W409");
    test_free(c);
}

/* ---- hints and --werror ---------------------------------------------------- */

static const char *const hints_only = "pipeline p {\n"
                                      "  lake : s3\n"
                                      "  cluster : emr {\n"
                                      "    apps = [spark]\n"
                                      "    core = { instance = \"m5.2xlarge\", count = 2 }\n"
                                      "    lifetime = long_running\n"
                                      "  }\n"
                                      "  out : s3\n"
                                      "  lake -> cluster -> out\n"
                                      "}\n";

Test(codes, hints_never_fail_even_with_werror)
{
    Compilation *c = test_compile(hints_only);
    cr_assert_eq(c->diags.items.n, 2, "%s", test_render(c));
    cr_assert_eq(test_find(c, "W407")->sev, SEV_HINT);
    cr_assert_eq(test_find(c, "W408")->sev, SEV_HINT);
    cr_assert_not(compilation_failed(c, true));
    test_free(c);

    char *err = NULL;
    int rc = test_run("check --werror --format gcc -", hints_only, NULL, &err);
    cr_assert_eq(rc, 0, "hints only, --werror: exit 0; stderr:\n%s", err);
    cr_assert_not_null(strstr(err, "[W407]"), "%s", err);
    cr_assert_not_null(strstr(err, "[W408]"), "%s", err);
    cr_assert_not_null(strstr(err, ": note: "), "hints render as notes: %s", err);
    free(err);
}

Test(codes, werror_fails_on_a_warning)
{
    static const char *const text = "pipeline p {\n  lonely : s3\n}\n";
    char *err = NULL;
    int rc = test_run("check --werror --format gcc -", text, NULL, &err);
    cr_assert_eq(rc, 1, "W401 with --werror: exit 1; stderr:\n%s", err);
    cr_assert_not_null(strstr(err, "[W401]"), "%s", err);
    free(err);
    rc = test_run("check --format gcc -", text, NULL, &err);
    cr_assert_eq(rc, 0, "W401 without --werror: exit 0; stderr:\n%s", err);
    free(err);
}

/* ---- # pipe: allow ----------------------------------------------------------- */

Test(codes, allow_on_the_same_line)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lonely : s3   # pipe: allow W401\n"
                                  "}\n");
    expect_none(c, "W401");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    test_free(c);
}

Test(codes, allow_on_the_line_before)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  # pipe: allow W402, W401\n"
                                  "  lonely : s3\n"
                                  "  other : s3\n"
                                  "}\n");
    /* Only the next statement is covered. */
    test_expect_at(c, "W401", 4, 3);
    cr_assert_eq(test_count(c, "W401"), 1);
    test_free(c);
}

/* The finding is on a line inside a multi-line component; the comment
 * covers the whole statement, or just the line of the finding. */
Test(codes, allow_covers_a_multi_line_statement)
{
    static const char *const spot = "pipeline p {\n"
                                    "  lake : s3\n"
                                    "  %s\n"
                                    "  cluster : emr {\n"
                                    "    apps = [spark]\n"
                                    "    core = { instance = \"r5.xlarge\", market = spot }  %s\n"
                                    "  }\n"
                                    "  lake -> cluster\n"
                                    "}\n";
    char *text = NULL;
    cr_assert(asprintf(&text, spot, "", "") > 0);
    Compilation *c = test_compile(text);
    test_expect_at(c, "W406", 6, 5);
    test_free(c);
    free(text);

    cr_assert(asprintf(&text, spot, "# pipe: allow W406", "") > 0);
    c = test_compile(text);
    expect_none(c, "W406");
    test_free(c);
    free(text);

    cr_assert(asprintf(&text, spot, "", "# pipe: allow W406") > 0);
    c = test_compile(text);
    expect_none(c, "W406");
    test_free(c);
    free(text);
}

Test(codes, allow_of_another_code_does_not_suppress)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lonely : s3   # pipe: allow W402\n"
                                  "}\n");
    test_expect_at(c, "W401", 2, 3);
    test_free(c);
}

Test(codes, allow_does_not_suppress_an_error)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  jobs : sqs\n"
                                  "  warehouse : redshift\n"
                                  "  # pipe: allow E301\n"
                                  "  jobs -> warehouse   # pipe: allow E301\n"
                                  "}\n");
    test_expect_at(c, "E301", 5, 11);
    cr_assert(compilation_failed(c, false));
    test_free(c);
}

/* ---- everything in one run ------------------------------------------------- */

Test(codes, every_error_in_one_run)
{
    Compilation *c = test_compile(
        "service kafka \"Apache Kafka\" {\n"
        "  category = external\n"
        "  brokers : int(1..100)\n"
        "}\n"
        "pipeline p {\n"
        "  a : s3\n"
        "  a : sqs\n"                                                       /* E202 */
        "  u : kinesis_stream\n"                                            /* E201 */
        "  s : kinesis_streams { shard = 1, shards = \"x\", retention = 1h, mode = provision }\n"
        "  k : kafka\n"                                                     /* E208 */
        "  fh : firehose { transform = a }\n"                               /* E209 */
        "  q : sqs\n"
        "  w : redshift\n"
        "  q -> w\n"                                                        /* E301 */
        "  a -> a\n"                                                        /* E302 */
        "  a -> nothere\n"                                                  /* E203 */
        "}\n"
        "pipeline second {\n"                                               /* E210 */
        "}\n");
    static const char *const codes[] = {"E201", "E202", "E203", "E204", "E205", "E206",
                                        "E207", "E208", "E209", "E210", "E301", "E302"};
    char *all = test_render(c);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        cr_expect_geq(test_count(c, codes[i]), 1, "%s missing; got:\n%s", codes[i], all);
    test_expect_at(c, "E201", 8, 7);
    test_expect_at(c, "E204", 9, 25);
    test_expect_at(c, "E210", 18, 10);
    free(all);
    test_free(c);
}

Test(codes, every_warning_in_one_run)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  lonely : s3\n"                                  /* W401 */
                                  "  src : app\n"
                                  "  stream : kinesis_streams\n"                     /* W402 */
                                  "  src -> stream\n"
                                  "  adhoc : athena\n"                               /* W403 */
                                  "  bi : quicksight\n"
                                  "  adhoc -> bi\n"
                                  "  a : s3\n"
                                  "  b : lambda { timeout = 60s }\n"
                                  "  a -> b -> a\n"                                  /* W404 */
                                  "  ml : amazon_ml\n"                               /* W405 */
                                  "  a -> ml\n"
                                  "  cluster : emr {\n"
                                  "    apps = [spark]\n"
                                  "    core = { instance = \"m5.xlarge\", market = spot }\n" /* W406 W407 */
                                  "    lifetime = long_running\n"                    /* W408 */
                                  "  }\n"
                                  "  a -> cluster\n"
                                  "  q : sqs\n"
                                  "  q -> b\n"                                       /* W409 */
                                  "}\n");
    static const char *const codes[] = {"W401", "W402", "W403", "W404", "W405",
                                        "W406", "W407", "W408", "W409"};
    char *all = test_render(c);
    cr_expect_eq(c->diags.nerrors, 0, "%s", all);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        cr_expect_eq(test_count(c, codes[i]), 1, "%s: want exactly one; got:\n%s", codes[i], all);
    free(all);
    test_free(c);
}

/* ---- `pipec explain`: its examples say what they claim ---------------------------- */

/* The example after `heading` in an explanation, its 4-space indent removed
 * (NULL: none). Free it. */
static char *explain_example(const char *text, const char *heading)
{
    const char *p = strstr(text, heading);
    if (!p)
        return NULL;
    p += strlen(heading);
    while (*p == '\n')
        p++;
    StrBuf b;
    sb_init(&b);
    while (strncmp(p, "    ", 4) == 0 || *p == '\n') {
        if (*p == '\n') {
            sb_putc(&b, '\n');
            p++;
            continue;
        }
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        sb_printf(&b, "%.*s\n", (int)(n - 4), p + 4);
        p += n + (end != NULL);
    }
    return sb_take(&b);
}

/* Every explanation's Wrong example reports its code and its Right example
 * does not, except the codes whose examples need more than one file or
 * more than the limits a test should reach. */
Test(codes, explain_examples_report_what_they_say)
{
    static const char *const other_files[] = {"E103", "E104", "E105", "E210"};
    int n;
    const CodeInfo *t = code_table(&n);
    int checked = 0;
    for (int i = 0; i < n; i++) {
        bool skip = false;
        for (size_t k = 0; k < sizeof other_files / sizeof other_files[0]; k++)
            skip |= strcmp(t[i].code, other_files[k]) == 0;
        char *wrong = explain_example(t[i].explanation, "Wrong:");
        char *right = explain_example(t[i].explanation, "Right:");
        if (skip || !wrong || !right) {
            free(wrong);
            free(right);
            continue;
        }
        Compilation *c = test_compile(wrong);
        cr_expect_gt(test_count(c, t[i].code), 0, "%s: the Wrong example does not report it:\n%s",
                     t[i].code, wrong);
        test_free(c);
        c = test_compile(right);
        cr_expect_eq(test_count(c, t[i].code), 0, "%s: the Right example reports it:\n%s",
                     t[i].code, right);
        test_free(c);
        free(wrong);
        free(right);
        checked++;
    }
    cr_expect_geq(checked, 20, "only %d codes checked", checked);
}
