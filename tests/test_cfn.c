/* The CloudFormation emitter: cfn-lint over every example, YAML and JSON
 * describing the same template, golden templates, the wiring of each
 * integration, least-privilege roles and secure defaults. */
#include "helpers.h"

#include <glob.h>
#include <jansson.h>
#include <yaml.h>

static void go_root(void)
{
    if (chdir(test_root()) != 0)
        cr_assert_fail("cannot enter %s", test_root());
}

TestSuite(cfn, .init = go_root, .timeout = 600);

/* --- running pipec ------------------------------------------------------------ */

static char *build(const char *format, const char *file)
{
    char *args, *out = NULL, *err = NULL;
    if (asprintf(&args, "build -T %s %s", format, file) < 0)
        abort();
    int rc = test_run(args, NULL, &out, &err);
    cr_assert_eq(rc, 0, "pipec %s failed (%d): %s", args, rc, err ? err : "");
    free(args);
    free(err);
    return out;
}

static json_t *template_of(const char *file)
{
    char *text = build("cfn-json", file);
    json_error_t e;
    json_t *t = json_loads(text, 0, &e);
    cr_assert_not_null(t, "%s: invalid JSON at %d: %s", file, e.line, e.text);
    free(text);
    return t;
}

/* Template of a pipeline given as text (read from stdin). */
static json_t *template_text(const char *pipe)
{
    char *out = NULL, *err = NULL;
    int rc = test_run("build -T cfn-json -", pipe, &out, &err);
    cr_assert_eq(rc, 0, "pipec failed (%d): %s", rc, err ? err : "");
    json_error_t e;
    json_t *t = json_loads(out, 0, &e);
    cr_assert_not_null(t, "invalid JSON: %s", e.text);
    free(out);
    free(err);
    return t;
}

static int examples(glob_t *g)
{
    cr_assert_eq(glob("examples/*.pipe", 0, NULL, g), 0, "no examples");
    return (int)g->gl_pathc;
}

/* --- template access ----------------------------------------------------------- */

static json_t *res(json_t *t, const char *id)
{
    json_t *r = json_object_get(json_object_get(t, "Resources"), id);
    cr_assert_not_null(r, "no resource %s", id);
    return r;
}

static json_t *props(json_t *t, const char *id) { return json_object_get(res(t, id), "Properties"); }

/* Value at a dotted path ("A.B.0.C"). */
static json_t *at(json_t *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *s = strtok(buf, "."); s && v; s = strtok(NULL, "."))
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(s)) : json_object_get(v, s);
    return v;
}

static const char *type_of(json_t *t, const char *id)
{
    return json_string_value(json_object_get(res(t, id), "Type"));
}

static int count_type(json_t *t, const char *type)
{
    int n = 0;
    const char *id;
    json_t *r;
    json_object_foreach(json_object_get(t, "Resources"), id, r) n +=
        strcmp(json_string_value(json_object_get(r, "Type")), type) == 0;
    return n;
}

static bool is_getatt(json_t *v, const char *id, const char *attr)
{
    json_t *a = json_object_get(v, "Fn::GetAtt");
    return a && strcmp(json_string_value(json_array_get(a, 0)), id) == 0 &&
           strcmp(json_string_value(json_array_get(a, 1)), attr) == 0;
}

static bool is_ref(json_t *v, const char *id)
{
    json_t *r = json_object_get(v, "Ref");
    return r && strcmp(json_string_value(r), id) == 0;
}

static bool depends_on(json_t *t, const char *id, const char *on)
{
    json_t *d = json_object_get(res(t, id), "DependsOn");
    if (json_is_string(d))
        return strcmp(json_string_value(d), on) == 0;
    size_t i;
    json_t *v;
    json_array_foreach(d, i, v) if (strcmp(json_string_value(v), on) == 0) return true;
    return false;
}

/* Every Allow statement of a role or managed policy, in one array. */
static json_t *statements(json_t *t, const char *id)
{
    json_t *all = json_array(), *p = props(t, id), *v;
    size_t i;
    if (json_object_get(p, "PolicyDocument"))
        json_array_extend(all, at(p, "PolicyDocument.Statement"));
    json_array_foreach(json_object_get(p, "Policies"), i, v) json_array_extend(all, at(v, "PolicyDocument.Statement"));
    return all;
}

static bool has_action(json_t *st, const char *action)
{
    json_t *a = json_object_get(st, "Action"), *v;
    size_t i;
    if (json_is_string(a))
        return strcmp(json_string_value(a), action) == 0;
    json_array_foreach(a, i, v) if (strcmp(json_string_value(v), action) == 0) return true;
    return false;
}

static size_t action_count(json_t *st)
{
    json_t *a = json_object_get(st, "Action");
    return json_is_string(a) ? 1 : json_array_size(a);
}

/* --- YAML to jansson (libyaml parser) --------------------------------------------- */

static json_t *y_scalar(const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return json_stringn(s, n);
    if (!strcmp(s, "true") || !strcmp(s, "false"))
        return json_boolean(s[0] == 't');
    if (!strcmp(s, "null") || !strcmp(s, "~") || n == 0)
        return json_null();
    bool num = n > 0;
    for (size_t i = (s[0] == '-'); i < n; i++)
        num = num && s[i] >= '0' && s[i] <= '9';
    if (num && n > (size_t)(s[0] == '-'))
        return json_integer(strtoll(s, NULL, 10));
    return json_stringn(s, n);
}

static json_t *y_node(yaml_parser_t *p, yaml_event_t *ev);

static json_t *y_next(yaml_parser_t *p)
{
    yaml_event_t ev;
    if (!yaml_parser_parse(p, &ev))
        return NULL;
    json_t *v = y_node(p, &ev);
    yaml_event_delete(&ev);
    return v;
}

/* NULL at the end of a collection (the end event is consumed). */
static json_t *y_node(yaml_parser_t *p, yaml_event_t *ev)
{
    if (ev->type == YAML_SCALAR_EVENT)
        return y_scalar(ev);
    if (ev->type == YAML_SEQUENCE_START_EVENT) {
        json_t *a = json_array(), *v;
        while ((v = y_next(p)))
            json_array_append_new(a, v);
        return a;
    }
    if (ev->type == YAML_MAPPING_START_EVENT) {
        json_t *o = json_object(), *k, *v;
        while ((k = y_next(p))) {
            v = y_next(p);
            cr_assert(json_is_string(k) && v, "bad YAML mapping");
            json_object_set_new(o, json_string_value(k), v);
            json_decref(k);
        }
        return o;
    }
    return NULL;
}

static json_t *yaml_to_json(const char *text)
{
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
    json_t *doc = NULL;
    yaml_event_t ev;
    while (yaml_parser_parse(&p, &ev)) {
        yaml_event_type_t type = ev.type;
        if (type == YAML_MAPPING_START_EVENT && !doc)
            doc = y_node(&p, &ev);
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    cr_assert_eq(p.error, YAML_NO_ERROR, "YAML parse error: %s", p.problem ? p.problem : "?");
    yaml_parser_delete(&p);
    return doc;
}

/* --- cfn-lint -------------------------------------------------------------------------- */

static const char *cfn_lint(void)
{
    if (system("command -v cfn-lint >/dev/null 2>&1") == 0)
        return "cfn-lint";
    if (access("/root/.pyenv/shims/cfn-lint", X_OK) == 0)
        return "/root/.pyenv/shims/cfn-lint";
    return NULL;
}

/* Informational findings accepted (reported, not failed):
 *   I2530  java21 without SnapStart (it needs a published version the ESM would
 *          have to invoke; the template keeps $LATEST). */
static bool accepted_info(const char *line) { return strncmp(line, "I2530 ", 6) == 0; }

static void write_file(const char *path, const char *text)
{
    FILE *o = fopen(path, "w");
    cr_assert_not_null(o, "cannot write %s", path);
    fputs(text, o);
    fclose(o);
}

/* cfn-lint over every template in dir (then removed): no error, no warning,
 * and no informational finding but the accepted ones. */
static void lint_dir(const char *lint, const char *dir)
{
    char *cmd;
    if (asprintf(&cmd, "%s --include-checks I -- %s/*.yaml %s/*.json 2>&1", lint, dir, dir) < 0)
        abort();
    FILE *p = popen(cmd, "r");
    char line[4096];
    int errors = 0, infos = 0;
    while (fgets(line, sizeof line, p)) {
        if ((line[0] == 'E' || line[0] == 'W') && line[1] >= '0' && line[1] <= '9') {
            errors++;
            cr_log_error("%s", line);
        } else if (line[0] == 'I' && line[1] >= '0' && line[1] <= '9') {
            infos++;
            cr_log_info("accepted: %s", line);
            cr_expect(accepted_info(line), "unexpected informational finding: %s", line);
        }
    }
    int st = pclose(p);
    /* exit status: bit 2 errors, 4 warnings, 8 informational; 1 or more: it failed */
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    cr_expect(code == 0 || code == 8, "cfn-lint exited with %d", code);
    cr_expect_eq(errors, 0, "cfn-lint reported %d errors or warnings", errors);
    cr_log_info("cfn-lint: %d accepted informational findings", infos);
    char *rm;
    if (asprintf(&rm, "rm -rf %s", dir) >= 0 && system(rm) == -1)
        abort();
    free(rm);
    free(cmd);
}

/* The YAML and the JSON template of a pipeline file, written into dir. */
static void write_templates(const char *dir, const char *file)
{
    const char *base = strrchr(file, '/') + 1;
    for (int j = 0; j < 2; j++) {
        char *text = build(j ? "cfn-json" : "cfn", file), *path;
        if (asprintf(&path, "%s/%.*s.%s", dir, (int)(strlen(base) - 5), base, j ? "json" : "yaml") < 0)
            abort();
        write_file(path, text);
        free(text);
        free(path);
    }
}

static const char *lint_or_skip(void)
{
    const char *lint = cfn_lint();
    if (!lint) {
        cr_log_warn("cfn-lint not found on PATH: skipping the lint of the templates");
        cr_skip_test("cfn-lint is not installed");
    }
    return lint;
}

Test(cfn, cfn_lint_every_example)
{
    const char *lint = lint_or_skip();
    char dir[] = "/tmp/pipec-cfn-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    glob_t g;
    int n = examples(&g);
    for (int i = 0; i < n; i++)
        write_templates(dir, g.gl_pathv[i]);
    globfree(&g);
    lint_dir(lint, dir);
}

/* Every RDS engine with the catalog's defaults, in regions far apart: the
 * default instance class is a Graviton one, which Oracle and SQL Server do
 * not run on (cfn-lint E3025 checks the class against engine and region). */
Test(cfn, cfn_lint_every_rds_engine)
{
    static const char *const engines[] = {"postgres", "mysql", "mariadb", "aurora_postgres",
                                          "aurora_mysql", "oracle", "sqlserver"};
    static const char *const regions[] = {"us-east-1", "eu-west-3", "sa-east-1", "ap-northeast-2"};
    const char *lint = lint_or_skip();
    char dir[] = "/tmp/pipec-rds-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++) {
        char *pipe, *path;
        const char *region = regions[i % (sizeof regions / sizeof regions[0])];
        if (asprintf(&pipe, "pipeline p \"P\" {\n  region = \"%s\"\n  db : rds { engine = %s }\n"
                            "  crawl : glue\n  db -> crawl\n}\n", region, engines[i]) < 0 ||
            asprintf(&path, "%s/%s.pipe", dir, engines[i]) < 0)
            abort();
        write_file(path, pipe);
        write_templates(dir, path);
        remove(path);
        free(pipe);
        free(path);
    }
    lint_dir(lint, dir);
}

/* A class the pipeline sets is the template's; only the default changes. */
Test(cfn, rds_instance_class_by_engine)
{
    json_t *t = template_text("pipeline p \"P\" {\n  o : rds { engine = oracle }\n"
                              "  s : rds { engine = sqlserver, instance = \"db.m5.xlarge\" }\n"
                              "  g : rds { engine = postgres }\n  c : glue\n  o -> c\n  s -> c\n  g -> c\n}\n");
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "O"), "DBInstanceClass")), "db.r5.large");
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "S"), "DBInstanceClass")), "db.m5.xlarge");
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "G"), "DBInstanceClass")), "db.r6g.large");
    const char *note = json_string_value(at(t, "Metadata.pipec.Notes.0.Note"));
    cr_assert_not_null(note);
    cr_expect(strstr(note, "db.r5.large") != NULL, "%s", note);
    cr_expect_str_eq(json_string_value(at(t, "Metadata.pipec.Notes.0.Component")), "o");
    cr_expect_null(at(t, "Metadata.pipec.Notes.1"), "one note: only o's class was changed");
    json_decref(t);
}

/* --- YAML and JSON are one template --------------------------------------------------- */

Test(cfn, yaml_and_json_describe_the_same_template)
{
    glob_t g;
    int n = examples(&g);
    for (int i = 0; i < n; i++) {
        char *y = build("cfn", g.gl_pathv[i]);
        json_t *a = yaml_to_json(y), *b = template_of(g.gl_pathv[i]);
        cr_expect(json_equal(a, b), "%s: YAML and JSON differ", g.gl_pathv[i]);
        json_decref(a);
        json_decref(b);
        free(y);
    }
    globfree(&g);
}

Test(cfn, output_is_deterministic)
{
    char *a = build("cfn", "examples/iot-fleet.pipe"), *b = build("cfn", "examples/iot-fleet.pipe");
    cr_expect_str_eq(a, b);
    free(a);
    free(b);
}

/* --- golden templates (UPDATE_GOLDEN=1 rewrites them) ----------------------------------- */

static void golden(const char *name)
{
    char *file, *gold;
    if (asprintf(&file, "examples/%s.pipe", name) < 0 || asprintf(&gold, "tests/golden/%s.yaml", name) < 0)
        abort();
    char *got = build("cfn", file);
    if (getenv("UPDATE_GOLDEN")) {
        FILE *f = fopen(gold, "w");
        fputs(got, f);
        fclose(f);
    }
    char *want = test_read_file(gold, NULL);
    cr_assert_not_null(want, "missing %s (run with UPDATE_GOLDEN=1)", gold);
    cr_expect_str_eq(got, want, "%s differs from the golden template", file);
    free(file);
    free(gold);
    free(got);
    free(want);
}

Test(cfn, golden_clickstream) { golden("clickstream"); }
Test(cfn, golden_s3_events) { golden("s3-events"); }
Test(cfn, golden_iot_fleet) { golden("iot-fleet"); }
Test(cfn, golden_firehose_transform) { golden("firehose-transform"); }

/* --- wiring of each integration --------------------------------------------------------- */

Test(cfn, s3_to_lambda_notification_and_permission)
{
    json_t *t = template_text("pipeline p \"P\" {\n  uploads : s3\n  resize : lambda\n"
                              "  uploads -> resize { label = \"images/*.png created\" }\n}\n");
    json_t *cfg = at(props(t, "Uploads"), "NotificationConfiguration.LambdaConfigurations.0");
    cr_assert_not_null(cfg);
    cr_expect_str_eq(json_string_value(json_object_get(cfg, "Event")), "s3:ObjectCreated:*");
    cr_expect(is_getatt(json_object_get(cfg, "Function"), "Resize", "Arn"));
    cr_expect_str_eq(json_string_value(at(cfg, "Filter.S3Key.Rules.0.Value")), "images/");
    cr_expect_str_eq(json_string_value(at(cfg, "Filter.S3Key.Rules.1.Value")), ".png");
    json_t *perm = props(t, "ResizeInvokeFromUploads");
    cr_expect_str_eq(type_of(t, "ResizeInvokeFromUploads"), "AWS::Lambda::Permission");
    cr_expect_str_eq(json_string_value(json_object_get(perm, "Principal")), "s3.amazonaws.com");
    cr_expect(is_ref(json_object_get(perm, "SourceAccount"), "AWS::AccountId"));
    /* no cycle: the permission names the bucket by its computed name, and the
     * bucket waits for the permission */
    cr_expect_null(json_object_get(json_object_get(perm, "SourceArn"), "Fn::GetAtt"));
    cr_expect(json_object_get(props(t, "Uploads"), "BucketName") != NULL);
    cr_expect(depends_on(t, "Uploads", "ResizeInvokeFromUploads"));
    json_decref(t);
}

Test(cfn, sqs_to_lambda_mapping_and_exact_role)
{
    json_t *t = template_text("pipeline p \"P\" {\n  jobs : sqs { visibility_timeout = 2m }\n"
                              "  work : lambda { timeout = 20s }\n  jobs -> work\n}\n");
    cr_expect_eq(count_type(t, "AWS::Lambda::EventSourceMapping"), 1);
    json_t *esm = props(t, "JobsToWork");
    cr_expect(is_getatt(json_object_get(esm, "EventSourceArn"), "Jobs", "Arn"));
    cr_expect(is_ref(json_object_get(esm, "FunctionName"), "Work"));
    cr_expect_null(json_object_get(esm, "StartingPosition"));
    json_t *st = statements(t, "WorkRole"), *v;
    size_t i;
    cr_expect_eq(json_array_size(st), 2, "logs and the queue, nothing else");
    json_array_foreach(st, i, v) {
        if (has_action(v, "sqs:ReceiveMessage")) {
            cr_expect_eq(action_count(v), 3);
            cr_expect(has_action(v, "sqs:DeleteMessage") && has_action(v, "sqs:GetQueueAttributes"));
            cr_expect(is_getatt(json_object_get(v, "Resource"), "Jobs", "Arn"));
        } else {
            cr_expect(has_action(v, "logs:CreateLogStream") && has_action(v, "logs:PutLogEvents"));
            cr_expect_eq(action_count(v), 2);
            cr_expect(is_getatt(json_object_get(v, "Resource"), "WorkLogs", "Arn"));
        }
    }
    cr_expect_eq(json_integer_value(json_object_get(props(t, "Jobs"), "VisibilityTimeout")), 120);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "Work"), "Timeout")), 20);
    json_decref(st);
    json_decref(t);
}

Test(cfn, iot_rule_has_one_action_per_target)
{
    json_t *t = template_text("pipeline p \"P\" {\n  rule : iot_core { topic = \"cars/+/data\" }\n"
                              "  s : kinesis_streams\n  f : firehose\n  d : dynamodb\n  q : sqs\n  n : sns\n"
                              "  b : s3\n  l : lambda\n  rule -> [s, f, d, q, n, b, l]\n  f -> b\n}\n");
    cr_expect_eq(count_type(t, "AWS::IoT::TopicRule"), 1);
    json_t *acts = at(props(t, "Rule"), "TopicRulePayload.Actions");
    cr_expect_eq(json_array_size(acts), 7);
    static const char *const kinds[] = {"Kinesis", "Firehose", "DynamoDBv2", "Sqs", "Sns", "S3", "Lambda"};
    for (size_t i = 0; i < 7; i++)
        cr_expect_not_null(json_object_get(json_array_get(acts, i), kinds[i]), "action %zu is not %s", i, kinds[i]);
    cr_expect(is_ref(at(acts, "0.Kinesis.StreamName"), "S"), "a stream name, not an ARN");
    cr_expect_str_eq(json_string_value(at(props(t, "Rule"), "TopicRulePayload.Sql")), "SELECT * FROM 'cars/+/data'");
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "LInvokeFromRule"), "Principal")), "iot.amazonaws.com");
    json_decref(t);
}

Test(cfn, firehose_transform_is_a_processing_configuration)
{
    json_t *t = template_text("pipeline p \"P\" {\n  fix : lambda\n  s : kinesis_streams\n"
                              "  f : firehose { transform = fix, buffer_interval = 60s, buffer_size = 64MB }\n"
                              "  b : s3\n  s -> f -> b\n}\n");
    json_t *f = props(t, "F"), *d = json_object_get(f, "ExtendedS3DestinationConfiguration");
    cr_expect_str_eq(json_string_value(at(d, "ProcessingConfiguration.Processors.0.Type")), "Lambda");
    json_t *prm = at(d, "ProcessingConfiguration.Processors.0.Parameters.0");
    cr_expect_str_eq(json_string_value(json_object_get(prm, "ParameterName")), "LambdaArn");
    cr_expect(is_getatt(json_object_get(prm, "ParameterValue"), "Fix", "Arn"));
    cr_expect(is_getatt(json_object_get(d, "BucketARN"), "B", "Arn"), "an ARN, not a name");
    cr_expect_eq(json_integer_value(at(d, "BufferingHints.IntervalInSeconds")), 60);
    cr_expect_eq(json_integer_value(at(d, "BufferingHints.SizeInMBs")), 64);
    /* Kinesis source: the stream is encrypted, not the delivery stream */
    cr_expect_str_eq(json_string_value(json_object_get(f, "DeliveryStreamType")), "KinesisStreamAsSource");
    cr_expect_null(json_object_get(f, "DeliveryStreamEncryptionConfigurationInput"));
    json_t *st = statements(t, "FRole"), *v;
    size_t i;
    bool invoke = false;
    json_array_foreach(st, i, v) invoke = invoke || has_action(v, "lambda:InvokeFunction");
    cr_expect(invoke);
    json_decref(st);
    json_decref(t);
}

Test(cfn, stream_sources_of_lambda)
{
    json_t *t = template_text("pipeline p \"P\" {\n  s : kinesis_streams { shards = 2, retention = 48h }\n"
                              "  d : dynamodb { partition_key = \"pk\" }\n  l : lambda\n  [s, d] -> l\n}\n");
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "SToL"), "StartingPosition")), "LATEST");
    cr_expect(is_getatt(json_object_get(props(t, "DToL"), "EventSourceArn"), "D", "StreamArn"));
    cr_expect_not_null(at(props(t, "D"), "StreamSpecification.StreamViewType"));
    cr_expect_eq(json_integer_value(json_object_get(props(t, "S"), "ShardCount")), 2);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "S"), "RetentionPeriodHours")), 48);
    json_decref(t);
}

Test(cfn, s3_to_sqs_and_sns_resource_policies)
{
    json_t *t = template_text("pipeline p \"P\" {\n  b : s3\n  q : sqs\n  n : sns\n  c : lambda\n"
                              "  b -> q { label = \"a/* created\" }\n  b -> n { label = \"b/* created\" }\n"
                              "  q -> c\n  n -> c\n}\n");
    cr_expect_str_eq(type_of(t, "QPolicy"), "AWS::SQS::QueuePolicy");
    cr_expect_str_eq(type_of(t, "NPolicy"), "AWS::SNS::TopicPolicy");
    cr_expect(depends_on(t, "B", "QPolicy") && depends_on(t, "B", "NPolicy"));
    /* S3 cannot use alias/aws/sns: a customer managed key */
    cr_expect(is_ref(json_object_get(props(t, "N"), "KmsMasterKeyId"), "NotificationKey"));
    cr_expect_eq(json_is_true(json_object_get(props(t, "Q"), "SqsManagedSseEnabled")), 1);
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "NToC"), "Protocol")), "lambda");
    json_decref(t);
}

Test(cfn, firehose_destinations_without_literal_secrets)
{
    json_t *t = template_text(
        "pipeline p \"P\" {\n  a : firehose\n  dw : redshift { database = \"sales\" }\n  a -> dw\n"
        "  b : firehose\n  os : opensearch\n  b -> os\n  c : firehose\n  sp : splunk\n  c -> sp\n}\n");
    json_t *r = at(props(t, "A"), "RedshiftDestinationConfiguration");
    cr_expect(is_getatt(at(r, "SecretsManagerConfiguration.SecretARN"), "Dw", "MasterPasswordSecretArn"));
    cr_expect_null(json_object_get(r, "Password"));
    cr_expect_eq(json_is_true(json_object_get(props(t, "Dw"), "ManageMasterPassword")), 1);
    cr_expect(is_getatt(at(props(t, "B"), "AmazonopensearchserviceDestinationConfiguration.DomainARN"), "Os", "Arn"));
    json_t *s = at(props(t, "C"), "SplunkDestinationConfiguration");
    cr_expect(is_ref(json_object_get(s, "HECEndpoint"), "SpHecEndpoint"));
    cr_expect_null(json_object_get(s, "HECToken"));
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "C"), "DeliveryStreamType")), "DirectPut");
    cr_expect_not_null(json_object_get(props(t, "C"), "DeliveryStreamEncryptionConfigurationInput"));
    json_decref(t);
}

Test(cfn, glue_crawler_targets_and_athena_results)
{
    json_t *t = template_text("pipeline p \"P\" {\n  raw : s3\n  tbl : dynamodb\n  db : rds\n  cat : glue\n"
                              "  q : athena\n  [raw, tbl, db] -> cat -> q\n}\n");
    json_t *tg = json_object_get(props(t, "Cat"), "Targets");
    cr_expect_eq(json_array_size(json_object_get(tg, "S3Targets")), 1);
    cr_expect(is_ref(at(tg, "DynamoDBTargets.0.Path"), "Tbl"));
    cr_expect(is_ref(at(tg, "JdbcTargets.0.ConnectionName"), "CatDbConnection"));
    cr_expect_str_eq(type_of(t, "CatDbConnection"), "AWS::Glue::Connection");
    cr_expect_not_null(at(props(t, "Q"), "WorkGroupConfiguration.ResultConfiguration.OutputLocation"));
    json_decref(t);
}

Test(cfn, logs_subscriptions_and_sns_subscriptions)
{
    json_t *t = template_text("pipeline p \"P\" {\n  lg : cloudwatch_logs { filter = \"ERROR\" }\n"
                              "  s : kinesis_streams\n  l : lambda\n  lg -> [s, l]\n  n : sns\n  q : sqs\n"
                              "  n -> q\n  s -> l\n}\n");
    json_t *f = props(t, "LgToS");
    cr_expect_str_eq(type_of(t, "LgToS"), "AWS::Logs::SubscriptionFilter");
    cr_expect(is_getatt(json_object_get(f, "RoleArn"), "LgSubscriptionRole", "Arn"));
    cr_expect_str_eq(json_string_value(json_object_get(f, "FilterPattern")), "ERROR");
    cr_expect_null(json_object_get(props(t, "LgToL"), "RoleArn"));
    cr_expect(depends_on(t, "LgToL", "LInvokeFromLg"));
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "NToQ"), "Protocol")), "sqs");
    cr_expect_str_eq(type_of(t, "QPolicy"), "AWS::SQS::QueuePolicy");
    json_decref(t);
}

Test(cfn, emr_groups_markets_and_managed_scaling)
{
    json_t *t = template_text("pipeline p \"P\" {\n  raw : s3\n  c : emr { apps = [spark, hive], "
                              "core = { instance = \"r5.xlarge\", count = 3 }, "
                              "task = { instance = \"r5.2xlarge\", count = 4, market = spot }, autoscale = 2..20 }\n"
                              "  raw -> c\n}\n");
    json_t *c = props(t, "C");
    cr_expect_str_eq(json_string_value(at(c, "Applications.0.Name")), "Spark");
    cr_expect_str_eq(json_string_value(at(c, "Applications.1.Name")), "Hive");
    cr_expect_eq(json_integer_value(at(c, "Instances.CoreInstanceGroup.InstanceCount")), 3);
    cr_expect_str_eq(json_string_value(at(c, "Instances.CoreInstanceGroup.Market")), "ON_DEMAND");
    cr_expect_str_eq(json_string_value(at(c, "Instances.TaskInstanceGroups.0.Market")), "SPOT");
    cr_expect_eq(json_integer_value(at(c, "ManagedScalingPolicy.ComputeLimits.MinimumCapacityUnits")), 2);
    cr_expect_eq(json_integer_value(at(c, "ManagedScalingPolicy.ComputeLimits.MaximumCapacityUnits")), 20);
    json_decref(t);
}

Test(cfn, dynamodb_autoscaling_and_asg)
{
    json_t *t = template_text("pipeline p \"P\" {\n  web : app { runs_on = ec2, autoscale = 2..10 }\n"
                              "  carts : dynamodb { billing = provisioned, autoscale = 5..500 }\n  web -> carts\n}\n");
    cr_expect_eq(count_type(t, "AWS::ApplicationAutoScaling::ScalableTarget"), 2);
    cr_expect_eq(count_type(t, "AWS::ApplicationAutoScaling::ScalingPolicy"), 2);
    cr_expect_eq(json_integer_value(at(props(t, "CartsReadScaling"), "MaxCapacity")), 500);
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "Web"), "MinSize")), "2");
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "Web"), "MaxSize")), "10");
    cr_expect_str_eq(json_string_value(at(props(t, "WebLaunchTemplate"), "LaunchTemplateData.MetadataOptions.HttpTokens")),
                     "required");
    json_decref(t);
}

Test(cfn, flink_application_properties)
{
    json_t *t = template_text("pipeline p \"P\" {\n  s : kinesis_streams\n  a : kinesis_analytics\n"
                              "  o : kinesis_streams\n  s -> a -> o\n}\n");
    json_t *a = props(t, "A");
    cr_expect_str_eq(json_string_value(json_object_get(a, "RuntimeEnvironment")), "FLINK-1_20");
    json_t *m = at(a, "ApplicationConfiguration.EnvironmentProperties.PropertyGroups.0.PropertyMap");
    cr_expect(is_getatt(json_object_get(m, "source.s.stream.arn"), "S", "Arn"));
    cr_expect(is_getatt(json_object_get(m, "sink.o.stream.arn"), "O", "Arn"));
    json_decref(t);
}

Test(cfn, logical_ids_and_not_templated_components)
{
    json_t *t = template_text("pipeline p \"P\" {\n  raw_events : s3\n  raw__events : s3\n  ingest : kcl\n"
                              "  ext : splunk\n  s : kinesis_streams\n  s -> ingest\n}\n");
    cr_expect_str_eq(type_of(t, "RawEvents"), "AWS::S3::Bucket");
    cr_expect_str_eq(type_of(t, "RawEvents2"), "AWS::S3::Bucket");
    cr_expect_not_null(at(t, "Metadata.pipec.Components.ext.NotTemplated"));
    cr_expect_not_null(strstr(json_string_value(json_object_get(t, "Description")), "ext (Splunk)"));
    cr_expect_str_eq(type_of(t, "IngestPolicy"), "AWS::IAM::ManagedPolicy");
    json_decref(t);
}

/* Numbering on a CamelCase collision skips an ID another component holds
 * (X2 below) and resumes after the last number given: the same IDs as a
 * search from 2 every time, in time linear in the number of collisions. */
Test(cfn, colliding_logical_ids_are_numbered_in_order)
{
    json_t *t = template_text("pipeline p \"P\" {\n  x2 : s3\n  x : s3\n  x_ : sqs\n  _x : sns\n"
                              "  x__ : dynamodb\n}\n");
    cr_expect_str_eq(type_of(t, "X2"), "AWS::S3::Bucket");
    cr_expect_str_eq(type_of(t, "X"), "AWS::S3::Bucket");
    cr_expect_str_eq(type_of(t, "X3"), "AWS::SQS::Queue");
    cr_expect_str_eq(type_of(t, "X4"), "AWS::SNS::Topic");
    cr_expect_str_eq(type_of(t, "X5"), "AWS::DynamoDB::Table");
    json_decref(t);
}

Test(cfn, property_units)
{
    json_t *t = template_text(
        "pipeline p \"P\" {\n  q : sqs { visibility_timeout = 6m, retention = 14d }\n"
        "  f : lambda { memory = 1024MB, timeout = 60s, runtime = \"nodejs20.x\" }\n"
        "  s : kinesis_streams { retention = 168h }\n  lg : cloudwatch_logs { retention = 10d }\n"
        "  a : athena { bytes_scanned_cutoff = 1TB }\n  o : opensearch { volume = 500GB, nodes = 3 }\n"
        "  b : s3 { lifecycle = 30d }\n  q -> f\n  b -> a\n}\n");
    cr_expect_eq(json_integer_value(json_object_get(props(t, "Q"), "VisibilityTimeout")), 360);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "Q"), "MessageRetentionPeriod")), 1209600);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "F"), "MemorySize")), 1024);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "F"), "Timeout")), 60);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "S"), "RetentionPeriodHours")), 168);
    cr_expect_eq(json_integer_value(json_object_get(props(t, "Lg"), "RetentionInDays")), 14, "rounded up");
    cr_expect_eq(json_integer_value(at(props(t, "A"), "WorkGroupConfiguration.BytesScannedCutoffPerQuery")),
                 1099511627776LL);
    cr_expect_eq(json_integer_value(at(props(t, "O"), "EBSOptions.VolumeSize")), 500);
    cr_expect_eq(json_integer_value(at(props(t, "O"), "ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount")), 3);
    cr_expect_eq(json_integer_value(at(props(t, "B"), "LifecycleConfiguration.Rules.0.ExpirationInDays")), 30);
    /* a runtime Lambda no longer creates is replaced, and the change noted */
    cr_expect_str_eq(json_string_value(json_object_get(props(t, "F"), "Runtime")), "nodejs24.x");
    cr_expect_str_eq(json_string_value(at(t, "Metadata.pipec.Notes.0.Note")),
                     "runtime nodejs20.x is deprecated by Lambda: the template uses nodejs24.x");
    json_decref(t);
}

/* --- secure by default, over every example -------------------------------------------------- */

/* Resource "*" is accepted only in KMS key policies and for the ENI actions
 * of VPC connections (EC2 has no resource-level permission for them). */
static bool eni_only(json_t *st)
{
    json_t *a = json_object_get(st, "Action"), *v;
    size_t i;
    json_array_foreach(a, i, v) {
        const char *s = json_string_value(v);
        if (strncmp(s, "ec2:Describe", 12) != 0 && strcmp(s, "ec2:CreateNetworkInterface") != 0 &&
            strcmp(s, "ec2:DeleteNetworkInterface") != 0)
            return false;
    }
    return json_is_array(a);
}

static void check_statements(const char *file, const char *id, json_t *stmts, bool key_policy)
{
    size_t i, j;
    json_t *st, *a;
    json_array_foreach(stmts, i, st) {
        if (strcmp(json_string_value(json_object_get(st, "Effect")), "Allow") != 0)
            continue;
        json_t *acts = json_object_get(st, "Action");
        if (json_is_string(acts))
            cr_expect_null(strchr(json_string_value(acts), '*'), "%s %s: wildcard action", file, id);
        json_array_foreach(acts, j, a) cr_expect_null(strchr(json_string_value(a), '*'),
                                                     "%s %s: wildcard action %s", file, id, json_string_value(a));
        json_t *r = json_object_get(st, "Resource");
        bool star = json_is_string(r) && strcmp(json_string_value(r), "*") == 0;
        cr_expect(!star || key_policy || eni_only(st), "%s %s: Resource \"*\"", file, id);
    }
}

static bool has_secure_transport_policy(json_t *t, const char *bucket)
{
    const char *id;
    json_t *r;
    json_object_foreach(json_object_get(t, "Resources"), id, r) {
        json_t *p = json_object_get(r, "Properties");
        if (strcmp(json_string_value(json_object_get(r, "Type")), "AWS::S3::BucketPolicy") != 0 ||
            !is_ref(json_object_get(p, "Bucket"), bucket))
            continue;
        size_t i;
        json_t *st;
        json_array_foreach(at(p, "PolicyDocument.Statement"), i, st) if (
            strcmp(json_string_value(json_object_get(st, "Effect")), "Deny") == 0 &&
            strcmp(json_string_value(at(st, "Condition.Bool.aws:SecureTransport")), "false") == 0) return true;
    }
    return false;
}

static void check_no_literal_secret(const char *file, const char *key, json_t *v)
{
    const char *k;
    json_t *c;
    size_t i;
    size_t n = key ? strlen(key) : 0;
    if (key && (strcasestr(key, "password") || (n >= 5 && strcmp(key + n - 5, "Token") == 0)))
        cr_expect(!json_is_string(v), "%s: literal secret in %s", file, key);
    if (json_is_object(v))
        json_object_foreach(v, k, c) check_no_literal_secret(file, k, c);
    else if (json_is_array(v))
        json_array_foreach(v, i, c) check_no_literal_secret(file, key, c);
}

static void check_resource(const char *file, const char *id, const char *type, json_t *p, json_t *t)
{
    if (!strcmp(type, "AWS::IAM::Role") || !strcmp(type, "AWS::IAM::ManagedPolicy")) {
        json_t *st = statements(t, id);
        check_statements(file, id, st, false);
        json_decref(st);
    } else if (!strcmp(type, "AWS::KMS::Key")) {
        check_statements(file, id, at(p, "KeyPolicy.Statement"), true);
    } else if (!strcmp(type, "AWS::S3::Bucket")) {
        cr_expect_not_null(json_object_get(p, "BucketEncryption"), "%s %s: not encrypted", file, id);
        static const char *const flags[] = {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                                            "RestrictPublicBuckets"};
        for (int i = 0; i < 4; i++)
            cr_expect(json_is_true(json_object_get(json_object_get(p, "PublicAccessBlockConfiguration"), flags[i])),
                      "%s %s: %s", file, id, flags[i]);
        cr_expect(has_secure_transport_policy(t, id), "%s %s: no TLS-only bucket policy", file, id);
    } else if (!strcmp(type, "AWS::SQS::Queue")) {
        cr_expect(json_object_get(p, "KmsMasterKeyId") || json_is_true(json_object_get(p, "SqsManagedSseEnabled")),
                  "%s %s: queue not encrypted", file, id);
    } else if (!strcmp(type, "AWS::SNS::Topic")) {
        cr_expect_not_null(json_object_get(p, "KmsMasterKeyId"), "%s %s: topic not encrypted", file, id);
    } else if (!strcmp(type, "AWS::Kinesis::Stream")) {
        cr_expect_str_eq(json_string_value(at(p, "StreamEncryption.EncryptionType")), "KMS", "%s %s", file, id);
    } else if (!strcmp(type, "AWS::DynamoDB::Table")) {
        cr_expect(json_is_true(at(p, "SSESpecification.SSEEnabled")), "%s %s: table not encrypted", file, id);
        cr_expect(json_is_true(at(p, "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")), "%s %s", file, id);
    } else if (!strcmp(type, "AWS::OpenSearchService::Domain")) {
        cr_expect(json_is_true(at(p, "EncryptionAtRestOptions.Enabled")), "%s %s", file, id);
        cr_expect(json_is_true(at(p, "NodeToNodeEncryptionOptions.Enabled")), "%s %s", file, id);
        cr_expect(json_is_true(at(p, "DomainEndpointOptions.EnforceHTTPS")), "%s %s", file, id);
        check_statements(file, id, at(p, "AccessPolicies.Statement"), false);
    } else if (!strcmp(type, "AWS::Redshift::Cluster")) {
        cr_expect(json_is_true(json_object_get(p, "Encrypted")), "%s %s", file, id);
    } else if (!strcmp(type, "AWS::SQS::QueuePolicy") || !strcmp(type, "AWS::SNS::TopicPolicy") ||
               !strcmp(type, "AWS::S3::BucketPolicy")) {
        check_statements(file, id, at(p, "PolicyDocument.Statement"), false);
    }
}

Test(cfn, every_example_is_secure_by_default)
{
    glob_t g;
    int n = examples(&g);
    for (int i = 0; i < n; i++) {
        json_t *t = template_of(g.gl_pathv[i]), *r;
        const char *id;
        json_object_foreach(json_object_get(t, "Resources"), id, r) check_resource(
            g.gl_pathv[i], id, json_string_value(json_object_get(r, "Type")), json_object_get(r, "Properties"), t);
        check_no_literal_secret(g.gl_pathv[i], NULL, json_object_get(t, "Resources"));
        json_decref(t);
    }
    globfree(&g);
}
