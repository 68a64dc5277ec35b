/* CloudFormation emitter: flows that make AWS invoke or feed a target: IoT
 * rule actions, S3 event notifications (with the permission or resource
 * policy each needs, free of circular dependencies) and Lambda event source
 * mappings (Kinesis, DynamoDB Streams, SQS). */
#include <string.h>

#include "cfn.h"

/* --- IoT rule actions --------------------------------------------------------- */

static json_t *iot_action(Cfn *x, CComp *rule, CComp *t)
{
    static const char *const kin[] = {"kinesis:PutRecord", NULL};
    static const char *const fh[] = {"firehose:PutRecord", NULL};
    static const char *const ddb[] = {"dynamodb:PutItem", NULL};
    static const char *const sqs[] = {"sqs:SendMessage", NULL};
    static const char *const s3[] = {"s3:PutObject", NULL};
    static const char *const es[] = {"es:ESHttpPut", NULL};
    CfnRole *r = rule->role;
    json_t *role = jatt(r->id, "Arn");
    const char *sid = cfn_printf(x, "%sAction", t->id), *dir = cfn_kebab(x, rule->c->name, 40);
    switch (t->kind) {
    case CK_KINESIS:
        cfn_allow(r, sid, kin, cfn_arn(x, t));
        return jo("Kinesis", jo("StreamName", jref(t->id), "PartitionKey", js("${newuuid()}"), "RoleArn", role, NULL), NULL);
    case CK_FIREHOSE:
        cfn_allow(r, sid, fh, cfn_arn(x, t));
        return jo("Firehose", jo("DeliveryStreamName", jref(t->id), "Separator", js("\n"),
                                 "BatchMode", jb(false), "RoleArn", role, NULL), NULL);
    case CK_DYNAMODB:
        cfn_allow(r, sid, ddb, cfn_arn(x, t));
        return jo("DynamoDBv2", jo("PutItem", jo("TableName", jref(t->id), NULL), "RoleArn", role, NULL), NULL);
    case CK_SQS:
        cfn_allow(r, sid, sqs, cfn_arn(x, t));
        return jo("Sqs", jo("QueueUrl", jref(t->id), "UseBase64", jb(false), "RoleArn", role, NULL), NULL);
    case CK_SNS:
        json_decref(role);
        cfn_grant_write(x, r, t);
        return jo("Sns", jo("TargetArn", jref(t->id), "MessageFormat", js("RAW"),
                            "RoleArn", jatt(r->id, "Arn"), NULL), NULL);
    case CK_S3:
        cfn_allow(r, sid, s3, cfn_bucket_arn(x, t, cfn_printf(x, "%s/*", dir)));
        return jo("S3", jo("BucketName", cfn_bucket_name(x, t),
                           "Key", js(cfn_printf(x, "%s/${topic()}/${timestamp()}.json", dir)),
                           "RoleArn", role, NULL), NULL);
    case CK_LAMBDA:
        json_decref(role);
        cfn_lambda_permission(x, t, "iot.amazonaws.com", jatt(rule->id, "Arn"),
                              cfn_printf(x, "InvokeFrom%s", rule->id));
        return jo("Lambda", jo("FunctionArn", jatt(t->id, "Arn"), NULL), NULL);
    case CK_OPENSEARCH:
        cfn_allow(r, sid, es, cfn_arn_path(x, t, "*"));
        return jo("OpenSearch", jo("Endpoint", jsub(x, "https://${%s.DomainEndpoint}", t->id),
                                   "Index", js(dir), "Type", js("_doc"), "Id", js("${newuuid()}"),
                                   "RoleArn", role, NULL), NULL);
    default:
        json_decref(role);
        return NULL;
    }
}

bool cfn_wire_iot(Cfn *x, const MFlow *f, CComp *rule, CComp *t)
{
    json_t *a = iot_action(x, rule, t);
    if (!a)
        return false;
    jpush(rule->env, a);
    (void)f;
    return true;
}

/* --- S3 event notifications ------------------------------------------------------- */

typedef struct S3Filter {
    const char *event, *prefix, *suffix;
    const char *prefix_param; /* a parameter holds the prefix (then prefix is "${P}") */
} S3Filter;

/* The flow label names the keys and the event: a label such as
 * `images/<star>.jpg created` gives ObjectCreated, prefix images/, suffix .jpg;
 * `removed` or `deleted` gives ObjectRemoved. */
static S3Filter s3_filter(Cfn *x, const MFlow *f)
{
    S3Filter r = {"s3:ObjectCreated:*", NULL, NULL, NULL};
    const char *l = f->label;
    if (!l)
        return r;
    if (strstr(l, "removed") || strstr(l, "deleted"))
        r.event = "s3:ObjectRemoved:*";
    for (const char *p = l; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        const char *star = memchr(p, '*', (size_t)(e - p));
        bool pathy = memchr(p, '/', (size_t)(e - p)) || star;
        if (pathy && e > p) {
            const char *cut = star ? star : e;
            if (cut > p)
                r.prefix = cfn_printf(x, "%.*s", (int)(cut - p), p);
            if (star) {
                const char *last = star;
                for (const char *q = star; q < e; q++)
                    if (*q == '*')
                        last = q;
                if (last + 1 < e)
                    r.suffix = cfn_printf(x, "%.*s", (int)(e - last - 1), last + 1);
            }
            break;
        }
        p = e;
    }
    return r;
}

static json_t *filter_rules(Cfn *x, CComp *b, CComp *t, S3Filter *flt)
{
    if (!flt->prefix && !flt->suffix && b->notifications > 1) {
        /* S3 rejects overlapping filters for one event type: one prefix each. */
        const char *pid = cfn_id(x, b->id, cfn_printf(x, "%sPrefix", t->id));
        json_t *p = cfn_param(x, pid, "String",
                              cfn_printf(x, "Key prefix of the objects of %s that notify %s (S3 rejects "
                                            "overlapping filters for one event type).", b->c->name, t->c->name));
        jset(p, "Default", js(cfn_printf(x, "%s/", cfn_kebab(x, t->c->name, 60))));
        flt->prefix = cfn_printf(x, "${%s}", pid);
        flt->prefix_param = pid;
    }
    json_t *rules = json_array();
    if (flt->prefix)
        jpush(rules, jo("Name", js("prefix"),
                        "Value", flt->prefix_param ? jref(flt->prefix_param) : js(flt->prefix), NULL));
    if (flt->suffix)
        jpush(rules, jo("Name", js("suffix"), "Value", js(flt->suffix), NULL));
    if (!json_array_size(rules)) {
        json_decref(rules);
        return NULL;
    }
    return jo("S3Key", jo("Rules", rules, NULL), NULL);
}

static json_t *notification_list(CComp *b, const char *key)
{
    json_t *nc = json_object_get(b->props, "NotificationConfiguration");
    if (!nc) {
        nc = json_object();
        jset(b->props, "NotificationConfiguration", nc);
    }
    json_t *l = json_object_get(nc, key);
    if (!l) {
        l = json_array();
        jset(nc, key, l);
    }
    return l;
}

bool cfn_wire_s3_notify(Cfn *x, const MFlow *f, CComp *b, CComp *t)
{
    static const char *const get[] = {"s3:GetObject", NULL};
    S3Filter flt = s3_filter(x, f);
    json_t *filter = filter_rules(x, b, t, &flt);
    json_t *src = cfn_bucket_arn(x, b, NULL);
    const char *grant_id;
    if (t->kind == CK_LAMBDA) {
        jpush(notification_list(b, "LambdaConfigurations"),
              jo("Event", js(flt.event), "Function", jatt(t->id, "Arn"), "Filter", filter, NULL));
        grant_id = cfn_lambda_permission(x, t, "s3.amazonaws.com", src, cfn_printf(x, "InvokeFrom%s", b->id));
        cfn_allow(t->role, cfn_printf(x, "%sRead", b->id), get,
                  cfn_bucket_arn(x, b, cfn_printf(x, "%s*", flt.prefix ? flt.prefix : "")));
    } else {
        bool sqs = t->kind == CK_SQS;
        jpush(notification_list(b, sqs ? "QueueConfigurations" : "TopicConfigurations"),
              jo("Event", js(flt.event), sqs ? "Queue" : "Topic", sqs ? jatt(t->id, "Arn") : jref(t->id),
                 "Filter", filter, NULL));
        cfn_resource_policy(x, t, "s3.amazonaws.com", src, cfn_printf(x, "AllowS3%s", b->id));
        grant_id = t->policy_id;
    }
    /* S3 checks the destination when the configuration is written. */
    cfn_depends(x, b->id, grant_id);
    return true;
}

/* --- Lambda event source mappings ----------------------------------------------------- */

bool cfn_wire_esm(Cfn *x, const MFlow *f, CComp *src, CComp *fn)
{
    static const char *const sqs[] = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", NULL};
    const char *id = cfn_id(x, src->id, cfn_printf(x, "To%s", fn->id));
    json_t *p = cfn_resource(x, fn, id, "AWS::Lambda::EventSourceMapping");
    jset(p, "FunctionName", jref(fn->id));
    if (src->kind == CK_SQS) {
        cfn_allow(fn->role, cfn_printf(x, "%sRead", src->id), sqs, cfn_arn(x, src));
        jset(p, "EventSourceArn", jatt(src->id, "Arn"));
        jset(p, "BatchSize", ji(10));
        jset(p, "MaximumBatchingWindowInSeconds", ji(5));
    } else {
        if (src->kind == CK_KINESIS)
            cfn_grant_read(x, fn->role, src);
        else
            cfn_grant_table_stream(x, fn->role, src);
        jset(p, "EventSourceArn", jatt(src->id, src->kind == CK_KINESIS ? "Arn" : "StreamArn"));
        jset(p, "StartingPosition", js(src->kind == CK_KINESIS ? "LATEST" : "TRIM_HORIZON"));
        jset(p, "BatchSize", ji(100));
        jset(p, "MaximumBatchingWindowInSeconds", ji(5));
        jset(p, "BisectBatchOnFunctionError", jb(true));
        jset(p, "MaximumRetryAttempts", ji(3));
        jset(p, "MaximumRecordAgeInSeconds", ji(3600));
        jset(p, "DestinationConfig", jo("OnFailure", jo("Destination", jatt(fn->aux, "Arn"), NULL), NULL));
    }
    jset(p, "FunctionResponseTypes", ja(js("ReportBatchItemFailures"), NULL));
    (void)f;
    return true;
}
