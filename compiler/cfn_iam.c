/* CloudFormation emitter: IAM roles and least-privilege policies, resource
 * policies (Lambda permissions, queue and topic policies) and the KMS key
 * that service principals need to publish to encrypted topics.
 *
 * Every grant names exact actions on exact ARNs. The only `Resource: "*"` is
 * in the KMS key policy (a key policy always names its own key as "*") and in
 * the ENI actions of a VPC connection (EC2 has no resource-level permission
 * for them): see cfn_allow_vpc_enis. */
#include <stdio.h>
#include <string.h>

#include "cfn.h"

/* --- roles ------------------------------------------------------------------ */

static json_t *principal_value(Cfn *x, const char *principal)
{
    return strstr(principal, "${") ? jsub(x, "%s", principal) : js(principal);
}

CfnRole *cfn_role(Cfn *x, CComp *cc, const char *suffix, const char *principal, json_t *cond)
{
    CfnRole *r = arena_alloc(x->arena, sizeof *r);
    r->id = cfn_id(x, cc->id, suffix);
    r->stmts = json_array();
    hm_init(&r->by_sid, x->arena);
    hm_init(&r->sid_next, x->arena);
    json_t *p = cfn_resource(x, cc, r->id, "AWS::IAM::Role");
    json_t *trust = jo("Effect", js("Allow"),
                       "Principal", jo("Service", principal_value(x, principal), NULL),
                       "Action", js("sts:AssumeRole"), "Condition", cond, NULL);
    jset(p, "AssumeRolePolicyDocument",
         jo("Version", js("2012-10-17"), "Statement", ja(trust, NULL), NULL));
    json_t *doc = jo("Version", js("2012-10-17"), "Statement", r->stmts, NULL);
    const char *name = cfn_printf(x, "%s-%s", cfn_kebab(x, cc->c->name, 60), cfn_kebab(x, suffix, 40));
    jset(p, "Policies", ja(jo("PolicyName", js(name),
                              "PolicyDocument", doc, NULL), NULL));
    vec_push(x->arena, &x->roles, r);
    return r;
}

CfnRole *cfn_managed_policy(Cfn *x, CComp *cc, const char *suffix, const char *desc)
{
    CfnRole *r = arena_alloc(x->arena, sizeof *r);
    r->id = cfn_id(x, cc->id, suffix);
    r->stmts = json_array();
    hm_init(&r->by_sid, x->arena);
    hm_init(&r->sid_next, x->arena);
    r->managed = true;
    json_t *p = cfn_resource(x, cc, r->id, "AWS::IAM::ManagedPolicy");
    jset(p, "Description", js(desc));
    jset(p, "PolicyDocument", jo("Version", js("2012-10-17"), "Statement", r->stmts, NULL));
    vec_push(x->arena, &x->roles, r);
    return r;
}

/* --- statements --------------------------------------------------------------- */

static void union_into(json_t *list, json_t *items)
{
    size_t i, j;
    json_t *v, *w;
    json_array_foreach(items, i, v) {
        bool found = false;
        json_array_foreach(list, j, w) found = found || json_equal(v, w);
        if (!found)
            json_array_append(list, v);
    }
}

/* json_equal is false when either side is NULL. */
static bool same(json_t *a, json_t *b)
{
    return (!a && !b) || (a && b && json_equal(a, b));
}

static json_t *as_list(json_t *v)
{
    return json_is_array(v) ? v : ja(v, NULL);
}

/* A statement of r with this Sid that takes the grant, or NULL. */
static json_t *merge_target(CfnRole *r, const char *sid, json_t *acts, json_t *res, json_t *cond)
{
    const PtrVec *v = sid ? hm_get(&r->by_sid, sid) : NULL;
    for (int i = 0; v && i < v->n; i++) {
        json_t *st = v->items[i];
        if (!same(json_object_get(st, "Condition"), cond))
            continue;
        if (same(json_object_get(st, "Resource"), res)) {
            union_into(json_object_get(st, "Action"), acts);
            return st;
        }
        if (same(json_object_get(st, "Action"), acts)) {
            union_into(json_object_get(st, "Resource"), res);
            return st;
        }
    }
    return NULL;
}

/* sid, or sid2, sid3... when sid is taken by different grants. Sids are
 * never given back, so the search resumes where the last one stopped. */
static const char *free_sid(CfnRole *r, const char *sid)
{
    Arena *a = r->by_sid.arena;
    if (!hm_get(&r->by_sid, sid))
        return arena_strdup(a, sid);
    char buf[300];
    intptr_t n = (intptr_t)hm_get(&r->sid_next, sid);
    for (n = n ? n : 2;; n++) {
        snprintf(buf, sizeof buf, "%s%jd", sid, (intmax_t)n);
        if (!hm_get(&r->by_sid, buf))
            break;
    }
    hm_set(&r->sid_next, arena_strdup(a, sid), (void *)(n + 1));
    return arena_strdup(a, buf);
}

static void index_statement(CfnRole *r, const char *sid, json_t *st)
{
    PtrVec *v = hm_get(&r->by_sid, sid);
    if (!v) {
        v = arena_alloc(r->by_sid.arena, sizeof *v);
        hm_put(&r->by_sid, sid, v);
    }
    vec_push(r->by_sid.arena, v, st);
}

void cfn_allow_cond(CfnRole *r, const char *sid, const char *const *actions, json_t *resources,
                    json_t *cond)
{
    if (!r) {
        json_decref(resources);
        json_decref(cond);
        return;
    }
    json_t *acts = jstrs(actions), *res = as_list(resources);
    if (merge_target(r, sid, acts, res, cond)) {
        json_decref(acts);
        json_decref(res);
        json_decref(cond);
        return;
    }
    const char *use = sid ? free_sid(r, sid) : NULL;
    json_t *st = jo("Sid", use ? js(use) : NULL, "Effect", js("Allow"), "Action", acts,
                    "Resource", res, "Condition", cond, NULL);
    jpush(r->stmts, st);
    if (use)
        index_statement(r, use, st);
}

void cfn_allow(CfnRole *r, const char *sid, const char *const *actions, json_t *resources)
{
    cfn_allow_cond(r, sid, actions, resources, NULL);
}

void cfn_grant_logs(Cfn *x, CfnRole *r, const char *log_group)
{
    static const char *const acts[] = {"logs:CreateLogStream", "logs:PutLogEvents", NULL};
    cfn_allow(r, "Logs", acts, jatt(log_group, "Arn"));
    (void)x;
}

void cfn_grant_code(Cfn *x, CfnRole *r, const char *key_param)
{
    static const char *const acts[] = {"s3:GetObject", "s3:GetObjectVersion", NULL};
    json_decref(cfn_code_bucket(x)); /* declares the parameter */
    cfn_allow(r, "ReadCode", acts,
              jsub(x, "arn:${AWS::Partition}:s3:::${CodeBucketName}/${%s}", key_param));
}

/* --- grants by the kind of the other end ------------------------------------------ */

static const char *sid_of(Cfn *x, const CComp *cc, const char *what)
{
    return cfn_printf(x, "%s%s", cc->id, what);
}

static void grant_catalog(Cfn *x, CfnRole *r, const CComp *glue)
{
    static const char *const acts[] = {"glue:GetDatabase", "glue:GetDatabases", "glue:GetTable",
                                       "glue:GetTables", "glue:GetPartition", "glue:GetPartitions",
                                       "glue:BatchGetPartition", NULL};
    const char *pre = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}";
    json_t *res = ja(jsub(x, "%s:catalog", pre), jsub(x, "%s:database/${%s}", pre, glue->aux),
                     jsub(x, "%s:table/${%s}/*", pre, glue->aux), NULL);
    cfn_allow(r, sid_of(x, glue, "Tables"), acts, res);
}

static json_t *secret_of(Cfn *x, const CComp *db)
{
    (void)x;
    if (db->kind == CK_REDSHIFT)
        return jatt(db->id, "MasterPasswordSecretArn");
    return jatt(db->id, "MasterUserSecret.SecretArn");
}

bool cfn_grant_secret(Cfn *x, CfnRole *r, const CComp *db)
{
    static const char *const acts[] = {"secretsmanager:GetSecretValue", NULL};
    if (db->kind != CK_REDSHIFT && db->kind != CK_RDS)
        return false;
    cfn_allow(r, sid_of(x, db, "Secret"), acts, secret_of(x, db));
    return true;
}

bool cfn_grant_write(Cfn *x, CfnRole *r, CComp *t)
{
    static const char *const s3[] = {"s3:PutObject", "s3:AbortMultipartUpload", NULL};
    static const char *const ddb[] = {"dynamodb:DescribeTable", "dynamodb:PutItem",
                                      "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", NULL};
    static const char *const kin[] = {"kinesis:DescribeStreamSummary", "kinesis:ListShards",
                                      "kinesis:PutRecord", "kinesis:PutRecords", NULL};
    static const char *const fh[] = {"firehose:PutRecord", "firehose:PutRecordBatch", NULL};
    static const char *const sqs[] = {"sqs:SendMessage", NULL};
    static const char *const sns[] = {"sns:Publish", NULL};
    static const char *const es[] = {"es:ESHttpPost", "es:ESHttpPut", NULL};
    static const char *const fn[] = {"lambda:InvokeFunction", NULL};
    static const char *const kms[] = {"kms:GenerateDataKey", "kms:Decrypt", NULL};
    const char *sid = sid_of(x, t, "Write");
    switch (t->kind) {
    case CK_S3: cfn_allow(r, sid, s3, cfn_bucket_arn(x, t, "*")); break;
    case CK_DYNAMODB: cfn_allow(r, sid, ddb, cfn_arn(x, t)); break;
    case CK_KINESIS: cfn_allow(r, sid, kin, cfn_arn(x, t)); break;
    case CK_FIREHOSE: cfn_allow(r, sid, fh, cfn_arn(x, t)); break;
    case CK_SQS: cfn_allow(r, sid, sqs, cfn_arn(x, t)); break;
    case CK_SNS:
        cfn_allow(r, sid, sns, cfn_arn(x, t));
        if (t->svc_writer)
            cfn_allow(r, "NotificationKey", kms, jatt(cfn_kms_key(x, NULL), "Arn"));
        break;
    case CK_OPENSEARCH: cfn_allow(r, sid, es, cfn_arn_path(x, t, "*")); break;
    case CK_LAMBDA: cfn_allow(r, sid, fn, cfn_arn(x, t)); break;
    case CK_REDSHIFT:
    case CK_RDS: return cfn_grant_secret(x, r, t);
    default: return false;
    }
    return true;
}

bool cfn_grant_read(Cfn *x, CfnRole *r, CComp *s)
{
    static const char *const list[] = {"s3:ListBucket", "s3:GetBucketLocation", NULL};
    static const char *const get[] = {"s3:GetObject", NULL};
    static const char *const ddb[] = {"dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:Query",
                                      "dynamodb:GetItem", "dynamodb:BatchGetItem", NULL};
    static const char *const kin[] = {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
                                      "kinesis:GetRecords", "kinesis:GetShardIterator",
                                      "kinesis:ListShards", NULL};
    static const char *const sqs[] = {"sqs:ReceiveMessage", "sqs:DeleteMessage",
                                      "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility", NULL};
    static const char *const es[] = {"es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", NULL};
    switch (s->kind) {
    case CK_S3:
        cfn_allow(r, sid_of(x, s, "List"), list, cfn_bucket_arn(x, s, NULL));
        cfn_allow(r, sid_of(x, s, "Read"), get, cfn_bucket_arn(x, s, "*"));
        break;
    case CK_DYNAMODB: cfn_allow(r, sid_of(x, s, "Read"), ddb, cfn_arn(x, s)); break;
    case CK_KINESIS: cfn_allow(r, sid_of(x, s, "Read"), kin, cfn_arn(x, s)); break;
    case CK_SQS: cfn_allow(r, sid_of(x, s, "Read"), sqs, cfn_arn(x, s)); break;
    case CK_OPENSEARCH: cfn_allow(r, sid_of(x, s, "Read"), es, cfn_arn_path(x, s, "*")); break;
    case CK_GLUE: grant_catalog(x, r, s); break;
    case CK_REDSHIFT:
    case CK_RDS: return cfn_grant_secret(x, r, s);
    default: return false;
    }
    return true;
}

void cfn_grant_table_stream(Cfn *x, CfnRole *r, CComp *table)
{
    static const char *const acts[] = {"dynamodb:DescribeStream", "dynamodb:GetRecords",
                                       "dynamodb:GetShardIterator", "dynamodb:ListStreams", NULL};
    cfn_allow(r, sid_of(x, table, "Stream"), acts, jatt(table->id, "StreamArn"));
}

/* ENI actions of a resource placed in a VPC: EC2 has no resource-level
 * permission for Describe* and CreateNetworkInterface, hence "*". */
void cfn_allow_vpc_enis(CfnRole *r)
{
    static const char *const acts[] = {"ec2:DescribeVpcs", "ec2:DescribeSubnets",
                                       "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces",
                                       "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                                       NULL};
    cfn_allow(r, "VpcNetworkInterfaces", acts, js("*"));
}

/* --- KMS key for service principals ---------------------------------------------------- */

const char *cfn_kms_key(Cfn *x, const char *principal)
{
    static const char *const admin[] = {
        "kms:CancelKeyDeletion", "kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey",
        "kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation",
        "kms:Encrypt", "kms:GenerateDataKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
        "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags", "kms:PutKeyPolicy",
        "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:RetireGrant", "kms:RevokeGrant",
        "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
        "kms:UpdateKeyDescription", NULL};
    static const char *const use[] = {"kms:GenerateDataKey", "kms:Decrypt", NULL};
    if (!x->key_id) {
        x->key_id = "NotificationKey"; /* reserved for it */
        json_t *p = cfn_resource(x, NULL, x->key_id, "AWS::KMS::Key");
        cfn_policy_attr(x, x->key_id, "Retain");
        jset(p, "Description", js("Encrypts SNS topics that AWS services (S3, EventBridge) publish to"));
        jset(p, "EnableKeyRotation", jb(true));
        x->key_stmts = ja(jo("Sid", js("AccountAdministration"), "Effect", js("Allow"),
                             "Principal", jo("AWS", jsub(x, "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"), NULL),
                             "Action", jstrs(admin), "Resource", js("*"), NULL),
                          NULL);
        jset(p, "KeyPolicy", jo("Version", js("2012-10-17"), "Statement", x->key_stmts, NULL));
    }
    if (principal) {
        const char *sid = strcmp(principal, "s3.amazonaws.com") == 0 ? "AllowS3"
                          : strcmp(principal, "events.amazonaws.com") == 0 ? "AllowEventBridge"
                                                                          : "AllowService";
        size_t i;
        json_t *st;
        json_array_foreach(x->key_stmts, i, st) if (strcmp(json_string_value(json_object_get(st, "Sid")), sid) == 0) return x->key_id;
        json_t *cond = strstr(principal, "s3.") ? jo("StringEquals", jo("aws:SourceAccount", jref("AWS::AccountId"), NULL), NULL)
                                                : NULL;
        jpush(x->key_stmts, jo("Sid", js(sid), "Effect", js("Allow"), "Principal", jo("Service", js(principal), NULL),
                               "Action", jstrs(use), "Resource", js("*"), "Condition", cond, NULL));
    }
    return x->key_id;
}

/* --- resource policies -------------------------------------------------------------------- */

const char *cfn_lambda_permission(Cfn *x, CComp *fn, const char *principal, json_t *source_arn,
                                  const char *suffix)
{
    const char *id = cfn_id(x, fn->id, suffix);
    json_t *p = cfn_resource(x, fn, id, "AWS::Lambda::Permission");
    jset(p, "FunctionName", jref(fn->id));
    jset(p, "Action", js("lambda:InvokeFunction"));
    jset(p, "Principal", js(principal));
    jset(p, "SourceArn", source_arn);
    /* S3 bucket ARNs name no account (cfn-lint W3663); SNS and EventBridge
     * ARNs do, and their source ARN condition is the documented one. */
    if (!strstr(principal, "sns.") && !strstr(principal, "events."))
        jset(p, "SourceAccount", jref("AWS::AccountId"));
    return id;
}

static json_t *deny_insecure(Cfn *x, CComp *t)
{
    return jo("Sid", js("DenyInsecureTransport"), "Effect", js("Deny"), "Principal", js("*"),
              "Action", js(t->kind == CK_SQS ? "sqs:SendMessage" : "sns:Publish"),
              "Resource", cfn_arn(x, t),
              "Condition", jo("Bool", jo("aws:SecureTransport", js("false"), NULL), NULL), NULL);
}

void cfn_resource_policy(Cfn *x, CComp *t, const char *principal, json_t *source_arn,
                         const char *sid)
{
    bool sqs = t->kind == CK_SQS;
    if (!t->policy) {
        t->policy_id = cfn_id(x, t->id, "Policy");
        json_t *p = cfn_resource(x, t, t->policy_id, sqs ? "AWS::SQS::QueuePolicy" : "AWS::SNS::TopicPolicy");
        jset(p, sqs ? "Queues" : "Topics", ja(jref(t->id), NULL));
        t->policy = json_array();
        jset(p, "PolicyDocument", jo("Version", js("2012-10-17"), "Statement", t->policy, NULL));
        jpush(t->policy, deny_insecure(x, t));
    }
    json_t *cond = jo("ArnLike", jo("aws:SourceArn", source_arn, NULL), NULL);
    if (strstr(principal, "s3."))
        jset(cond, "StringEquals", jo("aws:SourceAccount", jref("AWS::AccountId"), NULL));
    json_t *st = jo("Sid", js(sid), "Effect", js("Allow"),
                    "Principal", jo("Service", js(principal), NULL),
                    "Action", js(sqs ? "sqs:SendMessage" : "sns:Publish"),
                    "Resource", cfn_arn(x, t), "Condition", cond, NULL);
    json_array_insert_new(t->policy, json_array_size(t->policy) - 1, st);
}

/* --- finishing ------------------------------------------------------------------------------- */

static void compact_statement(json_t *st)
{
    json_t *a = json_object_get(st, "Action"), *r = json_object_get(st, "Resource");
    json_object_set_new(st, "Action", jlist_or_one(json_incref(a)));
    json_object_set_new(st, "Resource", jlist_or_one(json_incref(r)));
}

void cfn_finish_roles(Cfn *x)
{
    for (int i = 0; i < x->roles.n; i++) {
        CfnRole *r = x->roles.items[i];
        if (json_array_size(r->stmts) == 0) {
            if (r->managed)
                json_object_del(x->res, r->id);
            else
                json_object_del(json_object_get(cfn_res(x, r->id), "Properties"), "Policies");
            continue;
        }
        size_t j;
        json_t *st;
        json_array_foreach(r->stmts, j, st) compact_statement(st);
    }
}
