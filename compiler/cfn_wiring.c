/* CloudFormation emitter: flows. One table maps (from kind, to kind) to the
 * handler that wires a flow; a handler returns false to let the next
 * matching row (at the end, the generic SDK grants) try. A flow nothing
 * wires is listed in Metadata with the reason. */
#include <ctype.h>
#include <string.h>

#include "cfn.h"

#define ANY CK_COUNT

/* --- Firehose sources and extra destinations --------------------------------------------- */

static bool firehose_in(Cfn *x, const MFlow *f, CComp *from, CComp *fh)
{
    static const char *const read[] = {"kinesis:DescribeStream", "kinesis:GetShardIterator",
                                       "kinesis:GetRecords", "kinesis:ListShards", NULL};
    if (from->kind != CK_KINESIS)
        return false;
    if (f != fh->fh_source) {
        cfn_unwired(x, f, "a delivery stream reads one Kinesis stream; it already reads another");
        return true;
    }
    cfn_allow(fh->role, cfn_printf(x, "%sRead", from->id), read, cfn_arn(x, from));
    return true;
}

static bool firehose_out(Cfn *x, const MFlow *f, CComp *fh, CComp *to)
{
    if (f == fh->fh_dest)
        return true;
    if (to->kind == CK_FLINK)
        cfn_unwired(x, f, "Firehose as a source was a Kinesis Data Analytics for SQL feature, discontinued; "
                          "a Flink application reads Kinesis Data Streams");
    else
        cfn_unwired(x, f, "a delivery stream has one destination and this one delivers elsewhere");
    return true;
}

/* --- DynamoDB ------------------------------------------------------------------------------- */

static bool ddb_to_kinesis(Cfn *x, const MFlow *f, CComp *t, CComp *s)
{
    jset(t->props, "KinesisStreamSpecification", jo("StreamArn", jatt(s->id, "Arn"), NULL));
    (void)x, (void)f;
    return true;
}

/* KCL keeps its leases in a DynamoDB table named after the application. */
static void kcl_lease(Cfn *x, CComp *reader)
{
    static const char *const lease[] = {"dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:GetItem",
                                        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                        "dynamodb:Scan", NULL};
    cfn_allow(reader->role, "LeaseTable", lease,
              jsub(x, "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/%s*",
                   reader->c->name));
}

static bool ddb_stream_reader(Cfn *x, const MFlow *f, CComp *t, CComp *reader)
{
    cfn_grant_table_stream(x, reader->role, t);
    kcl_lease(x, reader);
    (void)f;
    return true;
}

static bool kinesis_reader(Cfn *x, const MFlow *f, CComp *s, CComp *reader)
{
    if (!(reader->flags & CF_KCL))
        return false;
    cfn_grant_read(x, reader->role, s);
    kcl_lease(x, reader);
    (void)f;
    return true;
}

static bool s3_import(Cfn *x, const MFlow *f, CComp *b, CComp *t)
{
    const char *fmt = cfn_param_id(x, t, "ImportFormat", "String",
                                   cfn_printf(x, "Format of the files imported from %s when the table is created.",
                                              b->c->name), js("DYNAMODB_JSON"));
    static const char *const fmts[] = {"CSV", "DYNAMODB_JSON", "ION", NULL};
    jset(json_object_get(x->params, fmt), "AllowedValues", jstrs(fmts));
    jset(t->props, "ImportSourceSpecification",
         jo("S3BucketSource", jo("S3Bucket", cfn_bucket_name(x, b), "S3KeyPrefix", js("import/"), NULL),
            "InputFormat", jref(fmt), "InputCompressionType", js("NONE"), NULL));
    cfn_note(x, t, "the table is created from the files under import/ in the bucket (once, at creation)");
    (void)f;
    return true;
}

/* --- catalog, endpoints, analytics ----------------------------------------------------------- */

static bool crawler_target(Cfn *x, const MFlow *f, CComp *s, CComp *crawler)
{
    static const char *const ddb[] = {"dynamodb:DescribeTable", "dynamodb:Scan", NULL};
    json_t *targets = json_object_get(crawler->props, "Targets");
    (void)f;
    switch (s->kind) {
    case CK_S3:
        jpush(json_object_get(targets, "S3Targets"),
              jo("Path", cfn_bucket_url(x, s, ""), "Exclusions", ja(js("**/_temporary/**"), NULL), NULL));
        cfn_grant_read(x, crawler->role, s);
        return true;
    case CK_DYNAMODB:
        jpush(json_object_get(targets, "DynamoDBTargets"), jo("Path", jref(s->id), NULL));
        cfn_allow(crawler->role, cfn_printf(x, "%sRead", s->id), ddb, cfn_arn(x, s));
        return true;
    case CK_RDS: {
        const char *conn = cfn_glue_connection(x, crawler, s);
        jpush(json_object_get(targets, "JdbcTargets"),
              jo("ConnectionName", jref(conn), "Path", js(cfn_printf(x, "%s/%%", s->c->name)), NULL));
        return true;
    }
    default:
        return false;
    }
}

static bool endpoint_consumer(Cfn *x, const MFlow *f, CComp *sm, CComp *who)
{
    static const char *const inv[] = {"sagemaker:InvokeEndpoint", NULL};
    cfn_allow(who->role, cfn_printf(x, "%sInvoke", sm->id), inv, jref(sm->id));
    if (who->kind == CK_LAMBDA)
        jset(who->env, cfn_printf(x, "%s_ENDPOINT", cfn_kebab(x, sm->c->name, 60)), jatt(sm->id, "EndpointName"));
    (void)f;
    return true;
}

static bool quicksight_in(Cfn *x, const MFlow *f, CComp *from, CComp *qs)
{
    (void)qs;
    if (!cfn_quicksight_source(from))
        cfn_unwired(x, f, "QuickSight connects to this source in its console (no CloudFormation data source type)");
    return true;
}

static bool dms_out(Cfn *x, const MFlow *f, CComp *dms, CComp *t)
{
    (void)dms;
    if (t->kind != CK_S3 && t->kind != CK_DYNAMODB)
        cfn_unwired(x, f, "DMS targets in this template are S3 and DynamoDB");
    return true;
}

static bool athena_results(Cfn *x, const MFlow *f, CComp *a, CComp *b)
{
    (void)x, (void)f, (void)a, (void)b; /* the workgroup's result location (cfn_build_athena) */
    return true;
}

static bool streaming_ingestion(Cfn *x, const MFlow *f, CComp *s, CComp *dw)
{
    cfn_grant_read(x, dw->role, s);
    cfn_note(x, dw, cfn_printf(x, "streaming ingestion from %s: CREATE EXTERNAL SCHEMA ... FROM KINESIS "
                                  "IAM_ROLE '<RoleArn output>' and a materialized view (SQL, not CloudFormation)",
                               s->c->name));
    (void)f;
    return true;
}

static bool not_templated(Cfn *x, const MFlow *f, CComp *a, CComp *b)
{
    (void)a, (void)b;
    const char *why = "no CloudFormation resource connects these two";
    if (a->kind == CK_REDSHIFT && b->kind == CK_RDS)
        why = "dblink is created in the PostgreSQL database (SQL), not by CloudFormation";
    else if (a->kind == CK_RDS && b->kind == CK_REDSHIFT)
        why = "zero-ETL integrations need an Aurora source and are created outside this template";
    else if (a->kind == CK_DYNAMODB && b->kind == CK_S3)
        why = "export to S3 is an API call (ExportTableToPointInTime), not a resource";
    cfn_unwired(x, f, why);
    return true;
}

/* --- the generic case: SDK writers and readers -------------------------------------------------- */

static bool writer(CfnKind k)
{
    return k == CK_LAMBDA || k == CK_APP || k == CK_CODE || k == CK_EMR || k == CK_GLUEJOB ||
           k == CK_SAGEMAKER || k == CK_PIPELINE || k == CK_REDSHIFT;
}

static bool reader(CfnKind k)
{
    return k == CK_APP || k == CK_CODE || k == CK_EMR || k == CK_GLUEJOB || k == CK_SAGEMAKER ||
           k == CK_PIPELINE || k == CK_REDSHIFT || k == CK_ATHENA;
}

static const char *env_suffix(CfnKind k)
{
    switch (k) {
    case CK_S3: return "BUCKET";
    case CK_DYNAMODB: return "TABLE";
    case CK_KINESIS: return "STREAM";
    case CK_FIREHOSE: return "DELIVERY_STREAM";
    case CK_SQS: return "QUEUE_URL";
    case CK_SNS: return "TOPIC_ARN";
    default: return NULL;
    }
}

static void lambda_env(Cfn *x, CComp *fn, CComp *t)
{
    const char *suf = env_suffix(t->kind);
    if (!suf)
        return;
    char *name = cfn_printf(x, "%s_%s", cfn_kebab(x, t->c->name, 60), suf);
    for (char *p = name; *p; p++)
        *p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    jset(fn->env, name, cfn_name(x, t));
}

/* Engines (Spark, Hive, Glue ETL) write S3 through a committer that lists,
 * reads back and deletes temporary objects. */
static void engine_s3_output(Cfn *x, CComp *a, CComp *b)
{
    static const char *const more[] = {"s3:GetObject", "s3:DeleteObject", "s3:ListMultipartUploadParts", NULL};
    static const char *const list[] = {"s3:ListBucket", "s3:GetBucketLocation", NULL};
    if (b->kind != CK_S3 || (a->kind != CK_EMR && a->kind != CK_GLUEJOB && a->kind != CK_PIPELINE))
        return;
    cfn_allow(a->role, cfn_printf(x, "%sWrite", b->id), more, cfn_bucket_arn(x, b, "*"));
    cfn_allow(a->role, cfn_printf(x, "%sList", b->id), list, cfn_bucket_arn(x, b, NULL));
}

static bool generic(Cfn *x, const MFlow *f, CComp *a, CComp *b)
{
    bool w = a->role && writer(a->kind) && cfn_grant_write(x, a->role, b);
    if (w)
        engine_s3_output(x, a, b);
    bool r = b->role && reader(b->kind) && cfn_grant_read(x, b->role, a);
    if (w && a->kind == CK_LAMBDA)
        lambda_env(x, a, b);
    if (w || r)
        return true;
    if (a->kind == CK_NONE || b->kind == CK_NONE)
        cfn_unwired(x, f, a->kind == CK_NONE ? a->why : b->why);
    else
        cfn_unwired(x, f, "no CloudFormation resource or permission connects these two");
    return true;
}

/* --- the table --------------------------------------------------------------------------------- */

typedef bool (*Wire)(Cfn *, const MFlow *, CComp *, CComp *);

static const struct {
    CfnKind from, to;
    Wire fn;
} pairs[] = {
    {CK_IOT, ANY, cfn_wire_iot},
    {ANY, CK_FIREHOSE, firehose_in},
    {CK_FIREHOSE, ANY, firehose_out},
    {CK_S3, CK_LAMBDA, cfn_wire_s3_notify},
    {CK_S3, CK_SQS, cfn_wire_s3_notify},
    {CK_S3, CK_SNS, cfn_wire_s3_notify},
    {CK_KINESIS, CK_LAMBDA, cfn_wire_esm},
    {CK_DYNAMODB, CK_LAMBDA, cfn_wire_esm},
    {CK_SQS, CK_LAMBDA, cfn_wire_esm},
    {CK_SNS, ANY, cfn_wire_sns},
    {CK_EVENTS, ANY, cfn_wire_events},
    {CK_LOGS, ANY, cfn_wire_logs},
    {ANY, CK_FLINK, cfn_wire_flink_in},
    {CK_FLINK, ANY, cfn_wire_flink_out},
    {CK_DYNAMODB, CK_KINESIS, ddb_to_kinesis},
    {CK_DYNAMODB, CK_CODE, ddb_stream_reader},
    {CK_DYNAMODB, CK_APP, ddb_stream_reader},
    {CK_KINESIS, CK_CODE, kinesis_reader},
    {CK_S3, CK_DYNAMODB, s3_import},
    {ANY, CK_GLUE, crawler_target},
    {CK_SAGEMAKER, CK_LAMBDA, endpoint_consumer},
    {CK_SAGEMAKER, CK_APP, endpoint_consumer},
    {ANY, CK_QUICKSIGHT, quicksight_in},
    {CK_DMS, ANY, dms_out},
    {CK_ATHENA, CK_S3, athena_results},
    {CK_KINESIS, CK_REDSHIFT, streaming_ingestion},
    {CK_REDSHIFT, CK_RDS, not_templated},
    {CK_RDS, CK_REDSHIFT, not_templated},
    {CK_DYNAMODB, CK_S3, not_templated},
    {ANY, ANY, generic},
};

void cfn_wire_flow(Cfn *x, const MFlow *f)
{
    CComp *a = cfn_comp(x, f->from), *b = cfn_comp(x, f->to);
    if (f->link->control) {
        cfn_unwired(x, f, "control relation (access policies), moves no data");
        return;
    }
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if ((pairs[i].from == ANY || pairs[i].from == a->kind) && (pairs[i].to == ANY || pairs[i].to == b->kind) &&
            pairs[i].fn(x, f, a, b))
            return;
}
