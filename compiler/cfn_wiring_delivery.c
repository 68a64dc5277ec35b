/* CloudFormation emitter: Firehose destinations and processing, SNS
 * subscriptions, EventBridge targets, CloudWatch Logs subscription filters
 * and the sources and sinks of Flink applications. */
#include <string.h>

#include "cfn.h"

#define MIB (1LL << 20)

/* --- Firehose ----------------------------------------------------------------- */

static json_t *buffering(const CComp *fh, int64_t max_s, int64_t max_mb)
{
    int64_t s = cfn_int(fh, "buffer_interval", 300000) / 1000, mb = cfn_int(fh, "buffer_size", 5 * MIB) / MIB;
    s = s > max_s ? max_s : s;
    mb = mb > max_mb ? max_mb : mb < 1 ? 1 : mb;
    return jo("IntervalInSeconds", ji(s), "SizeInMBs", ji(mb), NULL);
}

static const char *compression(const CComp *fh, bool redshift)
{
    const char *c = cfn_text(fh, "compression");
    if (!c || strcmp(c, "gzip") == 0)
        return "GZIP";
    if (strcmp(c, "none") == 0)
        return "UNCOMPRESSED";
    if (redshift) /* COPY reads GZIP or plain files, not Snappy or ZIP */
        return "GZIP";
    return strcmp(c, "snappy") == 0 ? "Snappy" : strcmp(c, "zip") == 0 ? "ZIP" : "HADOOP_SNAPPY";
}

static json_t *cw_logging(const CComp *fh)
{
    return jo("Enabled", jb(true), "LogGroupName", jref(fh->aux2), "LogStreamName", jref(fh->aux), NULL);
}

static bool fed_by_logs(Cfn *x, const CComp *fh)
{
    for (int i = 0; i < fh->c->in.n; i++)
        if (cfn_comp(x, ((MFlow *)fh->c->in.items[i])->from)->kind == CK_LOGS)
            return true;
    return false;
}

static json_t *param(const char *name, json_t *value)
{
    return jo("ParameterName", js(name), "ParameterValue", value, NULL);
}

static json_t *processing(Cfn *x, CComp *fh, bool unwrap_logs)
{
    static const char *const inv[] = {"lambda:InvokeFunction", "lambda:GetFunctionConfiguration", NULL};
    json_t *procs = json_array();
    if (unwrap_logs && fed_by_logs(x, fh)) {
        jpush(procs, jo("Type", js("Decompression"), "Parameters", ja(param("CompressionFormat", js("GZIP")), NULL), NULL));
        jpush(procs, jo("Type", js("CloudWatchLogProcessing"),
                        "Parameters", ja(param("DataMessageExtraction", js("true")), NULL), NULL));
    }
    const CComp *fn = fh->transform;
    if (fn) {
        cfn_allow(fh->role, cfn_printf(x, "%sTransform", fn->id), inv,
                  ja(jatt(fn->id, "Arn"), jsub(x, "${%s.Arn}:*", fn->id), NULL));
        jpush(procs, jo("Type", js("Lambda"), "Parameters", ja(param("LambdaArn", jatt(fn->id, "Arn")), NULL), NULL));
    }
    if (!json_array_size(procs)) {
        json_decref(procs);
        return NULL;
    }
    return jo("Enabled", jb(true), "Processors", procs, NULL);
}

static void grant_delivery(CComp *fh, json_t *bucket, json_t *objects, const char *sid)
{
    static const char *const acts[] = {"s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
                                       "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject", NULL};
    cfn_allow(fh->role, sid, acts, ja(bucket, objects, NULL));
}

/* The delivery stream's own bucket (backup, staging or, without a
 * destination flow, the destination). */
static json_t *own_bucket(Cfn *x, CComp *fh, const char *suffix, const char *prefix, bool redshift)
{
    const char *b = cfn_bucket(x, fh, suffix, 30, true);
    grant_delivery(fh, jatt(b, "Arn"), jsub(x, "${%s.Arn}/*", b), cfn_printf(x, "%sDelivery", b));
    return jo("BucketARN", jatt(b, "Arn"), "RoleARN", jatt(fh->role->id, "Arn"), "Prefix", js(prefix),
              "CompressionFormat", js(compression(fh, redshift)), "BufferingHints", buffering(fh, 900, 128), NULL);
}

static json_t *s3_destination(Cfn *x, CComp *fh, CComp *b)
{
    const char *n = cfn_kebab(x, fh->c->name, 60);
    const char *date = "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/";
    json_t *d;
    if (b) {
        grant_delivery(fh, cfn_bucket_arn(x, b, NULL), cfn_bucket_arn(x, b, "*"), cfn_printf(x, "%sDelivery", b->id));
        d = jo("BucketARN", cfn_bucket_arn(x, b, NULL), "RoleARN", jatt(fh->role->id, "Arn"), NULL);
    } else {
        d = own_bucket(x, fh, "Destination", "", false);
        json_object_del(d, "Prefix");
        json_object_del(d, "CompressionFormat");
        json_object_del(d, "BufferingHints");
        cfn_note(x, fh, "no destination flow: the delivery stream writes to its own bucket");
    }
    jset(d, "Prefix", js(cfn_printf(x, "%s/%s", n, date)));
    jset(d, "ErrorOutputPrefix", js(cfn_printf(x, "errors/%s/!{firehose:error-output-type}/%s", n, date)));
    jset(d, "BufferingHints", buffering(fh, 900, 128));
    jset(d, "CompressionFormat", js(compression(fh, false)));
    jset(d, "CloudWatchLoggingOptions", cw_logging(fh));
    jset(d, "ProcessingConfiguration", processing(x, fh, true));
    return d;
}

static json_t *redshift_destination(Cfn *x, CComp *fh, CComp *dw)
{
    static const char *const get[] = {"secretsmanager:GetSecretValue", NULL};
    const char *table = cfn_param_id(x, fh, "TargetTable", "String",
                                     cfn_printf(x, "Table of %s that %s loads with COPY.", dw->c->name, fh->c->name),
                                     js(cfn_printf(x, "public.%s", fh->c->name)));
    cfn_allow(fh->role, cfn_printf(x, "%sSecret", dw->id), get, jatt(dw->id, "MasterPasswordSecretArn"));
    json_t *s3 = own_bucket(x, fh, "Staging", "redshift-staging/", true);
    bool gz = strcmp(compression(fh, true), "GZIP") == 0;
    return jo("ClusterJDBCURL", jsub(x, "jdbc:redshift://${%s.Endpoint.Address}:${%s.Endpoint.Port}/%s",
                                     dw->id, dw->id, cfn_sub_literal(x, cfn_text(dw, "database"))),
              "RoleARN", jatt(fh->role->id, "Arn"),
              "SecretsManagerConfiguration", jo("Enabled", jb(true), "SecretARN", jatt(dw->id, "MasterPasswordSecretArn"),
                                                "RoleARN", jatt(fh->role->id, "Arn"), NULL),
              "CopyCommand", jo("DataTableName", jref(table), "CopyOptions", js(gz ? "JSON 'auto' GZIP" : "JSON 'auto'"), NULL),
              "S3Configuration", s3, "CloudWatchLoggingOptions", cw_logging(fh),
              "ProcessingConfiguration", processing(x, fh, false),
              "RetryOptions", jo("DurationInSeconds", ji(3600), NULL), "S3BackupMode", js("Disabled"), NULL);
}

static json_t *opensearch_destination(Cfn *x, CComp *fh, CComp *d)
{
    static const char *const w[] = {"es:DescribeDomain", "es:DescribeDomains", "es:DescribeDomainConfig",
                                    "es:ESHttpPost", "es:ESHttpPut", NULL};
    static const char *const r[] = {"es:ESHttpGet", NULL};
    static const char *const paths[] = {"_all/_settings", "_cluster/stats", "_nodes", "_nodes/stats",
                                        "_nodes/*/stats", "_stats", NULL};
    const char *index = cfn_kebab(x, fh->c->name, 60);
    cfn_allow(fh->role, cfn_printf(x, "%sDelivery", d->id), w, ja(cfn_arn(x, d), cfn_arn_path(x, d, "*"), NULL));
    json_t *get = json_array();
    for (const char *const *p = paths; *p; p++)
        jpush(get, cfn_arn_path(x, d, *p));
    jpush(get, cfn_arn_path(x, d, cfn_printf(x, "%s*/_stats", index)));
    cfn_allow(fh->role, cfn_printf(x, "%sStats", d->id), r, get);
    return jo("DomainARN", jatt(d->id, "Arn"), "IndexName", js(index), "IndexRotationPeriod", js("OneDay"),
              "RoleARN", jatt(fh->role->id, "Arn"), "BufferingHints", buffering(fh, 900, 100),
              "RetryOptions", jo("DurationInSeconds", ji(300), NULL), "S3BackupMode", js("FailedDocumentsOnly"),
              "S3Configuration", own_bucket(x, fh, "Backup", "opensearch-failed/", false),
              "CloudWatchLoggingOptions", cw_logging(fh), "ProcessingConfiguration", processing(x, fh, false), NULL);
}

static json_t *splunk_destination(Cfn *x, CComp *fh, CComp *sp)
{
    static const char *const get[] = {"secretsmanager:GetSecretValue", NULL};
    const char *ep = cfn_printf(x, "%sHecEndpoint", sp->id), *tok = cfn_printf(x, "%sHecTokenSecretArn", sp->id);
    json_t *p = cfn_param(x, ep, "String", cfn_printf(x, "HTTP Event Collector URL of %s (https://host:8088).", sp->c->name));
    jset(p, "AllowedPattern", js("^https://.+$"));
    p = cfn_param(x, tok, "String", cfn_printf(x, "Secrets Manager secret holding the HEC token of %s.", sp->c->name));
    jset(p, "AllowedPattern", js("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+$"));
    cfn_allow(fh->role, cfn_printf(x, "%sToken", sp->id), get, jref(tok));
    return jo("HECEndpoint", jref(ep), "HECEndpointType", js("Event"), "HECAcknowledgmentTimeoutInSeconds", ji(300),
              "SecretsManagerConfiguration", jo("Enabled", jb(true), "SecretARN", jref(tok),
                                                "RoleARN", jatt(fh->role->id, "Arn"), NULL),
              "BufferingHints", buffering(fh, 60, 5), "RetryOptions", jo("DurationInSeconds", ji(300), NULL),
              "S3BackupMode", js("FailedEventsOnly"),
              "S3Configuration", own_bucket(x, fh, "Backup", "splunk-failed/", false),
              "CloudWatchLoggingOptions", cw_logging(fh), "ProcessingConfiguration", processing(x, fh, true), NULL);
}

void cfn_firehose_destination(Cfn *x, CComp *fh)
{
    CComp *d = fh->fh_dest ? cfn_comp(x, fh->fh_dest->to) : NULL;
    if (d && d->kind == CK_REDSHIFT)
        jset(fh->props, "RedshiftDestinationConfiguration", redshift_destination(x, fh, d));
    else if (d && d->kind == CK_OPENSEARCH)
        jset(fh->props, "AmazonopensearchserviceDestinationConfiguration", opensearch_destination(x, fh, d));
    else if (d && (d->flags & CF_SPLUNK))
        jset(fh->props, "SplunkDestinationConfiguration", splunk_destination(x, fh, d));
    else
        jset(fh->props, "ExtendedS3DestinationConfiguration", s3_destination(x, fh, d));
}

/* --- SNS subscriptions -------------------------------------------------------------- */

static const char *subscription(Cfn *x, CComp *topic, CComp *t, const char *protocol, json_t *endpoint)
{
    const char *id = cfn_id(x, topic->id, cfn_printf(x, "To%s", t->id));
    json_t *p = cfn_resource(x, topic, id, "AWS::SNS::Subscription");
    jset(p, "TopicArn", jref(topic->id));
    jset(p, "Protocol", js(protocol));
    jset(p, "Endpoint", endpoint);
    return id;
}

bool cfn_wire_sns(Cfn *x, const MFlow *f, CComp *topic, CComp *t)
{
    static const char *const fh[] = {"firehose:DescribeDeliveryStream", "firehose:PutRecord",
                                     "firehose:PutRecordBatch", NULL};
    (void)f;
    switch (t->kind) {
    case CK_SQS: {
        const char *id = subscription(x, topic, t, "sqs", jatt(t->id, "Arn"));
        jset(json_object_get(cfn_res(x, id), "Properties"), "RawMessageDelivery", jb(true));
        cfn_resource_policy(x, t, "sns.amazonaws.com", jref(topic->id), cfn_printf(x, "AllowSns%s", topic->id));
        return true;
    }
    case CK_LAMBDA:
        subscription(x, topic, t, "lambda", jatt(t->id, "Arn"));
        cfn_lambda_permission(x, t, "sns.amazonaws.com", jref(topic->id), cfn_printf(x, "InvokeFrom%s", topic->id));
        return true;
    case CK_FIREHOSE: {
        if (!topic->role)
            topic->role = cfn_role(x, topic, "SubscriptionRole", "sns.amazonaws.com", NULL);
        cfn_allow(topic->role, cfn_printf(x, "%sDelivery", t->id), fh, cfn_arn(x, t));
        const char *id = subscription(x, topic, t, "firehose", jatt(t->id, "Arn"));
        jset(json_object_get(cfn_res(x, id), "Properties"), "SubscriptionRoleArn", jatt(topic->role->id, "Arn"));
        return true;
    }
    case CK_APP: {
        const char *ep = cfn_param_id(x, t, "Endpoint", "String",
                                      cfn_printf(x, "HTTPS endpoint of %s that %s delivers to (it confirms the "
                                                    "subscription).", t->c->name, topic->c->name), NULL);
        jset(json_object_get(x->params, ep), "AllowedPattern", js("^https://.+$"));
        subscription(x, topic, t, "https", jref(ep));
        return true;
    }
    default:
        return false;
    }
}

/* --- EventBridge targets ------------------------------------------------------------- */

bool cfn_wire_events(Cfn *x, const MFlow *f, CComp *rule, CComp *t)
{
    static const char *const kin[] = {"kinesis:PutRecord", "kinesis:PutRecords", NULL};
    static const char *const fh[] = {"firehose:PutRecord", "firehose:PutRecordBatch", NULL};
    json_t *tg = jo("Id", js(cfn_kebab(x, t->c->name, 64)), "Arn", cfn_arn(x, t), NULL);
    json_t *src = jatt(rule->id, "Arn");
    (void)f;
    switch (t->kind) {
    case CK_LAMBDA:
        cfn_lambda_permission(x, t, "events.amazonaws.com", src, cfn_printf(x, "InvokeFrom%s", rule->id));
        break;
    case CK_SQS:
    case CK_SNS:
        cfn_resource_policy(x, t, "events.amazonaws.com", src, cfn_printf(x, "AllowEvents%s", rule->id));
        break;
    case CK_KINESIS:
    case CK_FIREHOSE:
        json_decref(src);
        if (!rule->role)
            rule->role = cfn_role(x, rule, "Role", "events.amazonaws.com", NULL);
        cfn_allow(rule->role, cfn_printf(x, "%sTarget", t->id), t->kind == CK_KINESIS ? kin : fh, cfn_arn(x, t));
        jset(tg, "RoleArn", jatt(rule->role->id, "Arn"));
        if (t->kind == CK_KINESIS)
            jset(tg, "KinesisParameters", jo("PartitionKeyPath", js("$.id"), NULL));
        break;
    default:
        json_decref(src);
        json_decref(tg);
        return false;
    }
    jpush(rule->env, tg);
    return true;
}

/* --- CloudWatch Logs subscription filters --------------------------------------------- */

bool cfn_wire_logs(Cfn *x, const MFlow *f, CComp *lg, CComp *t)
{
    static const char *const kin[] = {"kinesis:PutRecord", NULL};
    static const char *const fh[] = {"firehose:PutRecord", "firehose:PutRecordBatch", NULL};
    if (t->kind != CK_KINESIS && t->kind != CK_FIREHOSE && t->kind != CK_LAMBDA) {
        cfn_unwired(x, f, t->kind == CK_OPENSEARCH
                              ? "CloudWatch Logs streams to OpenSearch through a Lambda function the console "
                                "generates: draw cloudwatch_logs -> lambda -> opensearch (or go through Firehose)"
                              : "exporting a log group to S3 is an API call (CreateExportTask), not a resource");
        return true;
    }
    const char *id = cfn_id(x, lg->id, cfn_printf(x, "To%s", t->id));
    json_t *p = cfn_resource(x, lg, id, "AWS::Logs::SubscriptionFilter");
    jset(p, "LogGroupName", jref(lg->id));
    jset(p, "FilterPattern", js(cfn_text(lg, "filter")));
    jset(p, "DestinationArn", jatt(t->id, "Arn"));
    if (t->kind == CK_LAMBDA) {
        const char *perm = cfn_lambda_permission(x, t, "logs.amazonaws.com", jatt(lg->id, "Arn"),
                                                 cfn_printf(x, "InvokeFrom%s", lg->id));
        cfn_depends(x, id, perm); /* CloudWatch Logs test-invokes the function */
        return true;
    }
    if (!lg->role) {
        json_t *cond = jo("StringLike", jo("aws:SourceArn",
                                           jsub(x, "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"),
                                           NULL), NULL);
        lg->role = cfn_role(x, lg, "SubscriptionRole", "logs.amazonaws.com", cond);
    }
    cfn_allow(lg->role, cfn_printf(x, "%sDelivery", t->id), t->kind == CK_KINESIS ? kin : fh, cfn_arn(x, t));
    jset(p, "RoleArn", jatt(lg->role->id, "Arn"));
    return true;
}

/* --- Flink sources and sinks (in the application code: properties + IAM) --------------------- */

static void flink_prop(Cfn *x, CComp *app, const char *dir, const CComp *o, const char *what, json_t *v)
{
    jset(app->env, cfn_printf(x, "%s.%s.%s", dir, o->c->name, what), v);
}

bool cfn_wire_flink_in(Cfn *x, const MFlow *f, CComp *s, CComp *app)
{
    (void)f;
    if (s->kind == CK_KINESIS)
        flink_prop(x, app, "source", s, "stream.arn", jatt(s->id, "Arn"));
    else if (s->kind == CK_S3)
        flink_prop(x, app, "reference", s, "bucket", cfn_bucket_name(x, s));
    else
        return false;
    cfn_grant_read(x, app->role, s);
    return true;
}

bool cfn_wire_flink_out(Cfn *x, const MFlow *f, CComp *app, CComp *t)
{
    (void)f;
    switch (t->kind) {
    case CK_KINESIS: flink_prop(x, app, "sink", t, "stream.arn", jatt(t->id, "Arn")); break;
    case CK_FIREHOSE: flink_prop(x, app, "sink", t, "delivery.stream", jref(t->id)); break;
    case CK_LAMBDA: flink_prop(x, app, "sink", t, "function.arn", jatt(t->id, "Arn")); break;
    case CK_S3:
        flink_prop(x, app, "sink", t, "bucket", cfn_bucket_name(x, t));
        cfn_grant_read(x, app->role, t);
        break;
    default: return false;
    }
    cfn_grant_write(x, app->role, t);
    return true;
}

void cfn_wire_ref(Cfn *x, const MRef *r)
{
    CComp *from = cfn_comp(x, r->from), *to = cfn_comp(x, r->to);
    if (from->kind != CK_FLINK || to->kind != CK_LAMBDA)
        return; /* Firehose transforms are its ProcessingConfiguration */
    jset(from->env, "transform.function.arn", jatt(to->id, "Arn"));
    cfn_grant_write(x, from->role, to);
    cfn_note(x, from, cfn_printf(x, "the %s transform runs in the Flink code (function ARN in "
                                    "transform.function.arn)", to->c->name));
}
