/* CloudFormation emitter: storage, streams and queues (S3, Kinesis, SQS,
 * SNS, DynamoDB, CloudWatch Logs).
 * One function per service kind; flows are wired in cfn_wiring*.c. */
#include <string.h>

#include "cfn.h"

#define DAY_MS 86400000LL

/* Smallest value CloudWatch Logs accepts that keeps at least `days`. */
static int64_t retention_days(int64_t days)
{
    static const int allowed[] = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
                                  731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i] >= days)
            return allowed[i];
    return 3653;
}

void cfn_build_s3(Cfn *x, CComp *cc)
{
    const Value *life = comp_value(cc->c, "lifecycle");
    int64_t days = life ? (value_int(life, 0) + DAY_MS - 1) / DAY_MS : 0;
    cfn_bucket(x, cc, NULL, days, cfn_bool(cc, "versioning", true));
    cc->props = json_object_get(cfn_res(x, cc->id), "Properties");
    cfn_output(x, cfn_printf(x, "%sBucketName", cc->id), cfn_bucket_name(x, cc), NULL);
}

void cfn_build_kinesis(Cfn *x, CComp *cc)
{
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Kinesis::Stream");
    cfn_policy_attr(x, cc->id, "Delete");
    const char *mode = cfn_text(cc, "mode");
    bool on_demand = mode && strcmp(mode, "on_demand") == 0;
    jset(p, "StreamModeDetails", jo("StreamMode", js(on_demand ? "ON_DEMAND" : "PROVISIONED"), NULL));
    if (!on_demand)
        jset(p, "ShardCount", ji(cfn_int(cc, "shards", 1)));
    jset(p, "RetentionPeriodHours", ji(cfn_int(cc, "retention", 24 * 3600000LL) / 3600000LL));
    jset(p, "StreamEncryption", jo("EncryptionType", js("KMS"), "KeyId", js("alias/aws/kinesis"), NULL));
    cfn_output(x, cfn_printf(x, "%sStreamArn", cc->id), jatt(cc->id, "Arn"), NULL);
}

/* The longest timeout of the Lambda functions polling this queue (E3505). */
static int64_t consumer_timeout_s(Cfn *x, const CComp *q)
{
    int64_t t = 0;
    for (int i = 0; i < q->c->out.n; i++) {
        CComp *to = cfn_comp(x, ((MFlow *)q->c->out.items[i])->to);
        if (to->kind == CK_LAMBDA && cfn_int(to, "timeout", 3000) / 1000 > t)
            t = cfn_int(to, "timeout", 3000) / 1000;
    }
    return t;
}

static void queue_encryption(json_t *p, const CComp *cc)
{
    /* A service principal (S3, SNS, EventBridge) cannot use alias/aws/sqs. */
    if (cc->svc_writer)
        jset(p, "SqsManagedSseEnabled", jb(true));
    else
        jset(p, "KmsMasterKeyId", js("alias/aws/sqs"));
}

void cfn_build_sqs(Cfn *x, CComp *cc)
{
    bool fifo = cfn_bool(cc, "fifo", false);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::SQS::Queue");
    cfn_policy_attr(x, cc->id, "Delete");
    const char *dlq = cc->aux = cfn_id(x, cc->id, "DeadLetters");
    if (fifo)
        jset(p, "FifoQueue", jb(true));
    queue_encryption(p, cc);
    jset(p, "MessageRetentionPeriod", ji(cfn_int(cc, "retention", 4 * DAY_MS) / 1000));
    int64_t vis = cfn_int(cc, "visibility_timeout", 30000) / 1000, need = consumer_timeout_s(x, cc);
    if (vis < need)
        cfn_note(x, cc, cfn_printf(x, "visibility timeout raised from %llds to %llds, the timeout "
                                      "of the consuming function",
                                   (long long)vis, (long long)need));
    jset(p, "VisibilityTimeout", ji(vis < need ? need : vis));
    jset(p, "RedrivePolicy", jo("deadLetterTargetArn", jatt(dlq, "Arn"), "maxReceiveCount", ji(5), NULL));
    json_t *d = cfn_resource(x, cc, dlq, "AWS::SQS::Queue");
    cfn_policy_attr(x, dlq, "Delete");
    if (fifo)
        jset(d, "FifoQueue", jb(true));
    queue_encryption(d, cc);
    jset(d, "MessageRetentionPeriod", ji(14 * 86400));
    cfn_output(x, cfn_printf(x, "%sQueueUrl", cc->id), jref(cc->id), NULL);
}

void cfn_build_sns(Cfn *x, CComp *cc)
{
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::SNS::Topic");
    if (cfn_bool(cc, "fifo", false)) {
        jset(p, "FifoTopic", jb(true));
        jset(p, "TopicName", jsub(x, "${AWS::StackName}-%s.fifo", cfn_kebab(x, cc->c->name, 40)));
    }
    if (!cc->svc_writer) {
        jset(p, "KmsMasterKeyId", js("alias/aws/sns"));
    } else {
        /* alias/aws/sns cannot be granted to S3 or EventBridge: a key of ours. */
        for (int i = 0; i < cc->c->in.n; i++) {
            CComp *from = cfn_comp(x, ((MFlow *)cc->c->in.items[i])->from);
            if (from->kind == CK_S3)
                cfn_kms_key(x, "s3.amazonaws.com");
            else if (from->kind == CK_EVENTS)
                cfn_kms_key(x, "events.amazonaws.com");
        }
        jset(p, "KmsMasterKeyId", jref(cfn_kms_key(x, NULL)));
    }
    cfn_output(x, cfn_printf(x, "%sTopicArn", cc->id), jref(cc->id), NULL);
}

/* --- DynamoDB ------------------------------------------------------------------- */

static void table_autoscaling(Cfn *x, CComp *cc, int64_t lo, int64_t hi)
{
    static const char *const dims[] = {"Read", "Write"};
    for (int i = 0; i < 2; i++) {
        const char *t = cfn_id(x, cc->id, cfn_printf(x, "%sScaling", dims[i]));
        json_t *p = cfn_resource(x, cc, t, "AWS::ApplicationAutoScaling::ScalableTarget");
        jset(p, "ServiceNamespace", js("dynamodb"));
        jset(p, "ResourceId", jsub(x, "table/${%s}", cc->id));
        jset(p, "ScalableDimension", js(cfn_printf(x, "dynamodb:table:%sCapacityUnits", dims[i])));
        jset(p, "MinCapacity", ji(lo));
        jset(p, "MaxCapacity", ji(hi));
        const char *pol = cfn_id(x, cc->id, cfn_printf(x, "%sScalingPolicy", dims[i]));
        json_t *q = cfn_resource(x, cc, pol, "AWS::ApplicationAutoScaling::ScalingPolicy");
        jset(q, "PolicyName", jsub(x, "${AWS::StackName}-%s-%s", cfn_kebab(x, cc->c->name, 60),
                                   i ? "write" : "read"));
        jset(q, "PolicyType", js("TargetTrackingScaling"));
        jset(q, "ScalingTargetId", jref(t));
        jset(q, "TargetTrackingScalingPolicyConfiguration",
             jo("TargetValue", ji(70),
                "PredefinedMetricSpecification",
                jo("PredefinedMetricType",
                   js(cfn_printf(x, "DynamoDB%sCapacityUtilization", dims[i])), NULL),
                NULL));
    }
}

void cfn_build_dynamodb(Cfn *x, CComp *cc)
{
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::DynamoDB::Table");
    cfn_policy_attr(x, cc->id, "Retain");
    const char *pk = cfn_text(cc, "partition_key"), *sk = cfn_text(cc, "sort_key");
    json_t *defs = ja(jo("AttributeName", js(pk), "AttributeType", js("S"), NULL), NULL);
    json_t *keys = ja(jo("AttributeName", js(pk), "KeyType", js("HASH"), NULL), NULL);
    if (sk && strcmp(sk, pk) != 0) {
        jpush(defs, jo("AttributeName", js(sk), "AttributeType", js("S"), NULL));
        jpush(keys, jo("AttributeName", js(sk), "KeyType", js("RANGE"), NULL));
    }
    const char *billing = cfn_text(cc, "billing");
    const Value *as = comp_value(cc->c, "autoscale");
    bool prov = billing && strcmp(billing, "provisioned") == 0;
    jset(p, "BillingMode", js(prov ? "PROVISIONED" : "PAY_PER_REQUEST"));
    jset(p, "AttributeDefinitions", defs);
    jset(p, "KeySchema", keys);
    int64_t lo = as && as->lo ? value_int(as->lo, 5) : 5, hi = as && as->hi ? value_int(as->hi, lo) : lo;
    if (prov)
        jset(p, "ProvisionedThroughput",
             jo("ReadCapacityUnits", ji(lo), "WriteCapacityUnits", ji(lo), NULL));
    if (cc->stream) {
        const char *v = cfn_param_id(x, cc, "StreamViewType", "String",
                                     "What DynamoDB Streams records hold for each changed item.",
                                     js("NEW_AND_OLD_IMAGES"));
        static const char *const views[] = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE",
                                            "NEW_AND_OLD_IMAGES", NULL};
        jset(json_object_get(x->params, v), "AllowedValues", jstrs(views));
        jset(p, "StreamSpecification", jo("StreamViewType", jref(v), NULL));
    }
    jset(p, "SSESpecification", jo("SSEEnabled", jb(true), "SSEType", js("KMS"), NULL));
    jset(p, "PointInTimeRecoverySpecification", jo("PointInTimeRecoveryEnabled", jb(true), NULL));
    jset(p, "DeletionProtectionEnabled", jb(true));
    if (prov && as)
        table_autoscaling(x, cc, lo, hi);
    else if (as)
        cfn_note(x, cc, "autoscale applies to provisioned capacity; on-demand tables scale by themselves");
    cfn_output(x, cfn_printf(x, "%sTableName", cc->id), jref(cc->id), NULL);
    if (cc->stream)
        cfn_output(x, cfn_printf(x, "%sStreamArn", cc->id), jatt(cc->id, "StreamArn"), NULL);
}

/* --- CloudWatch Logs -------------------------------------------------------------------------- */

void cfn_build_logs(Cfn *x, CComp *cc)
{
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Logs::LogGroup");
    cfn_policy_attr(x, cc->id, "Delete");
    int64_t days = (cfn_int(cc, "retention", 30 * DAY_MS) + DAY_MS - 1) / DAY_MS;
    jset(p, "RetentionInDays", ji(retention_days(days)));
    if (cc->c->label && cc->c->label[0] == '/')
        cfn_note(x, cc, cfn_printf(x, "the log group gets a generated name; to subscribe to the "
                                      "existing group %s, import it or set LogGroupName",
                                   cc->c->label));
    cfn_output(x, cfn_printf(x, "%sLogGroupName", cc->id), jref(cc->id), NULL);
}
