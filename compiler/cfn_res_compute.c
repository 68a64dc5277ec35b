/* CloudFormation emitter: compute (Lambda, applications, external code, EMR)
 * and the Glue crawler and job. Each gets its own IAM role; the grants of its
 * flows are added by cfn_wiring*.c. */
#include <string.h>

#include "cfn.h"

#define MIB (1LL << 20)

static json_t *account_condition(void)
{
    return jo("StringEquals", jo("aws:SourceAccount", jref("AWS::AccountId"), NULL), NULL);
}

/* --- Lambda ------------------------------------------------------------------- */

static bool has_stream_source(Cfn *x, const CComp *cc)
{
    for (int i = 0; i < cc->c->in.n; i++) {
        CfnKind k = cfn_comp(x, ((MFlow *)cc->c->in.items[i])->from)->kind;
        if (k == CK_KINESIS || k == CK_DYNAMODB)
            return true;
    }
    return false;
}

/* Failed asynchronous invocations and stream batches land here. */
static const char *lambda_dlq(Cfn *x, CComp *cc)
{
    static const char *const send[] = {"sqs:SendMessage", NULL};
    const char *id = cfn_id(x, cc->id, "DeadLetters");
    json_t *q = cfn_resource(x, cc, id, "AWS::SQS::Queue");
    cfn_policy_attr(x, id, "Delete");
    jset(q, "KmsMasterKeyId", js("alias/aws/sqs"));
    jset(q, "MessageRetentionPeriod", ji(14 * 86400));
    cfn_allow(cc->role, "DeadLetters", send, jatt(id, "Arn"));
    return id;
}

/* A runtime the catalog lists as retired (W405) is replaced by the newest
 * of its language, and the change noted: Lambda refuses to create (and
 * cfn-lint rejects) a function on a retired runtime. */
static const char *runtime(Cfn *x, CComp *cc)
{
    const char *r = cfn_text(cc, "runtime");
    const Prop *p = service_prop(cc->c->service, "runtime");
    const char *now = p ? prop_replacement(p, r) : NULL;
    if (!now)
        return r;
    cfn_note(x, cc, cfn_printf(x, "runtime %s is deprecated by Lambda: the template uses %s", r, now));
    return now;
}

void cfn_build_lambda(Cfn *x, CComp *cc)
{
    cc->role = cfn_role(x, cc, "Role", "lambda.amazonaws.com", NULL);
    const char *lg = cfn_log_group(x, cc, "Logs", NULL);
    cfn_grant_logs(x, cc->role, lg);
    if (cc->async || has_stream_source(x, cc))
        cc->aux = lambda_dlq(x, cc);
    json_decref(cfn_code_bucket(x)); /* declares the parameter */
    const char *key = cfn_param_id(x, cc, "CodeKey", "String",
                                   cfn_printf(x, "Key of the %s deployment package in CodeBucketName.",
                                              cc->c->name),
                                   js(cfn_printf(x, "lambda/%s.zip", cc->c->name)));
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Lambda::Function");
    jset(p, "Runtime", js(runtime(x, cc)));
    jset(p, "Handler", js(cfn_text(cc, "handler")));
    jset(p, "Role", jatt(cc->role->id, "Arn"));
    jset(p, "MemorySize", ji(cfn_int(cc, "memory", 128 * MIB) / MIB));
    jset(p, "Timeout", ji(cfn_int(cc, "timeout", 3000) / 1000));
    jset(p, "Code", jo("S3Bucket", jref("CodeBucketName"), "S3Key", jref(key), NULL));
    jset(p, "LoggingConfig", jo("LogGroup", jref(lg), NULL));
    if (cc->async)
        jset(p, "DeadLetterConfig", jo("TargetArn", jatt(cc->aux, "Arn"), NULL));
    cc->env = json_object();
    jset(p, "Environment", jo("Variables", cc->env, NULL));
    cfn_output(x, cfn_printf(x, "%sFunctionArn", cc->id), jatt(cc->id, "Arn"), NULL);
}

/* --- SDK applications ------------------------------------------------------------ */

static void app_fleet(Cfn *x, CComp *cc)
{
    const char *prof = cfn_id(x, cc->id, "InstanceProfile");
    json_t *ip = cfn_resource(x, cc, prof, "AWS::IAM::InstanceProfile");
    jset(ip, "Roles", ja(jref(cc->role->id), NULL));
    json_t *ami = cfn_param(x, "ImageId", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                            "Machine image of the application instances (latest Amazon Linux 2023 by default).");
    jset(ami, "Default", js("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"));
    const char *lt = cfn_id(x, cc->id, "LaunchTemplate");
    json_t *l = cfn_resource(x, cc, lt, "AWS::EC2::LaunchTemplate");
    json_t *data = jo("ImageId", jref("ImageId"), "InstanceType", js(cfn_text(cc, "instance")),
                      "IamInstanceProfile", jo("Arn", jatt(prof, "Arn"), NULL),
                      "SecurityGroupIds", cfn_security_groups(x),
                      "MetadataOptions", jo("HttpTokens", js("required"), "HttpPutResponseHopLimit", ji(1),
                                            "HttpEndpoint", js("enabled"), NULL),
                      "BlockDeviceMappings", ja(jo("DeviceName", js("/dev/xvda"),
                                                   "Ebs", jo("VolumeType", js("gp3"), "VolumeSize", ji(20),
                                                             "Encrypted", jb(true),
                                                             "DeleteOnTermination", jb(true), NULL), NULL), NULL),
                      "Monitoring", jo("Enabled", jb(true), NULL), NULL);
    const char *purchase = cfn_text(cc, "purchase");
    if (purchase && strcmp(purchase, "spot") == 0)
        jset(data, "InstanceMarketOptions", jo("MarketType", js("spot"), NULL));
    else if (purchase && strcmp(purchase, "reserved") == 0)
        cfn_note(x, cc, "reserved instances are a billing purchase matched to running instances, not a template resource");
    jset(l, "LaunchTemplateData", data);
    const Value *as = comp_value(cc->c, "autoscale");
    int64_t lo = as && as->lo ? value_int(as->lo, 1) : 1, hi = as && as->hi ? value_int(as->hi, lo) : lo;
    json_t *g = cc->props = cfn_resource(x, cc, cc->id, "AWS::AutoScaling::AutoScalingGroup");
    jset(g, "MinSize", js(cfn_printf(x, "%lld", (long long)lo)));
    jset(g, "MaxSize", js(cfn_printf(x, "%lld", (long long)hi)));
    jset(g, "VPCZoneIdentifier", cfn_subnets(x));
    jset(g, "HealthCheckType", js("EC2"));
    jset(g, "LaunchTemplate", jo("LaunchTemplateId", jref(lt),
                                 "Version", jatt(lt, "LatestVersionNumber"), NULL));
    jset(g, "MetricsCollection", ja(jo("Granularity", js("1Minute"), NULL), NULL));
    cfn_output(x, cfn_printf(x, "%sGroupName", cc->id), jref(cc->id), NULL);
}

void cfn_build_app(Cfn *x, CComp *cc)
{
    const char *on = cfn_text(cc, "runs_on");
    if (!on || strcmp(on, "ec2") == 0) {
        cc->role = cfn_role(x, cc, "Role", "ec2.amazonaws.com", NULL);
        app_fleet(x, cc);
    } else if (strcmp(on, "ecs") == 0 || strcmp(on, "fargate") == 0) {
        cc->role = cfn_role(x, cc, "TaskRole", "ecs-tasks.amazonaws.com", account_condition());
        cfn_note(x, cc, cfn_printf(x, "runs on %s: use the TaskRole as the task role of its ECS service",
                                   strcmp(on, "ecs") == 0 ? "ECS" : "Fargate"));
        cfn_output(x, cfn_printf(x, "%sTaskRoleArn", cc->id), jatt(cc->role->id, "Arn"), NULL);
    } else {
        cc->role = cfn_managed_policy(x, cc, "Policy",
                                      cfn_printf(x, "Access of %s (runs on %s): attach to its role or user",
                                                 cc->c->name, on));
    }
}

/* External code (KPL, KCL, agents, Spark, Kafka Connect, Logstash): the
 * template cannot run it, but it can hold exactly the access it needs. */
void cfn_build_code(Cfn *x, CComp *cc)
{
    cc->role = cfn_managed_policy(x, cc, "Policy",
                                  cfn_printf(x, "Access of %s (%s): attach to the role that runs it",
                                             cc->c->name, cc->c->service->title));
}

/* --- EMR ---------------------------------------------------------------------------- */

static json_t *instance_group(Cfn *x, const CComp *cc, const char *prop, const char *name)
{
    const Value *g = comp_value(cc->c, prop);
    if (!g)
        return NULL;
    const char *market = value_text(block_value(g, "market"));
    (void)x;
    return jo("Name", js(name), "InstanceCount", ji(value_int(block_value(g, "count"), 1)),
              "InstanceType", js(value_text(block_value(g, "instance"))),
              "Market", js(market && strcmp(market, "spot") == 0 ? "SPOT" : "ON_DEMAND"), NULL);
}

static json_t *emr_apps(Cfn *x, const CComp *cc)
{
    static const char *const map[][2] = {{"spark", "Spark"}, {"hadoop", "Hadoop"}, {"presto", "Presto"},
                                         {"hbase", "HBase"}, {"jupyter", "JupyterEnterpriseGateway"},
                                         {"hive", "Hive"}, {"pig", "Pig"}, {"flink", "Flink"}};
    json_t *a = json_array();
    const Value *apps = comp_value(cc->c, "apps");
    for (int i = 0; apps && i < apps->list.n; i++) {
        const char *id = value_text(apps->list.items[i]);
        for (size_t j = 0; id && j < sizeof map / sizeof map[0]; j++)
            if (strcmp(map[j][0], id) == 0)
                jpush(a, jo("Name", js(map[j][1]), NULL));
    }
    (void)x;
    return a;
}

static bool reads_catalog(Cfn *x, const CComp *cc)
{
    for (int i = 0; i < cc->c->in.n; i++)
        if (cfn_comp(x, ((MFlow *)cc->c->in.items[i])->from)->kind == CK_GLUE)
            return true;
    return false;
}

static json_t *glue_metastore(void)
{
    const char *f = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";
    json_t *a = json_array();
    static const char *const cls[] = {"hive-site", "spark-hive-site"};
    for (int i = 0; i < 2; i++)
        jpush(a, jo("Classification", js(cls[i]), "ConfigurationProperties",
                    jo("hive.metastore.client.factory.class", js(f), NULL), NULL));
    return a;
}

static const char *emr_service_role(Cfn *x, CComp *cc)
{
    static const char *const pass[] = {"iam:PassRole", NULL};
    CfnRole *svc = cfn_role(x, cc, "ServiceRole", "elasticmapreduce.amazonaws.com", account_condition());
    jset(json_object_get(cfn_res(x, svc->id), "Properties"), "ManagedPolicyArns",
         ja(jsub(x, "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"), NULL));
    cfn_allow_cond(svc, "PassInstanceRole", pass, jatt(cc->role->id, "Arn"),
                   jo("StringLike", jo("iam:PassedToService", js("ec2.amazonaws.com"), NULL), NULL));
    return svc->id;
}

static const char *emr_security(Cfn *x, CComp *cc)
{
    const char *id = cfn_id(x, cc->id, "Security");
    json_t *p = cfn_resource(x, cc, id, "AWS::EMR::SecurityConfiguration");
    jset(p, "SecurityConfiguration",
         jo("EncryptionConfiguration",
            jo("EnableInTransitEncryption", jb(false), "EnableAtRestEncryption", jb(true),
               "AtRestEncryptionConfiguration",
               jo("S3EncryptionConfiguration", jo("EncryptionMode", js("SSE-S3"), NULL), NULL), NULL),
            NULL));
    return id;
}

static json_t *emr_instances(Cfn *x, CComp *cc)
{
    json_t *in = jo("Ec2SubnetId", jsel(0, cfn_subnets(x)), "KeepJobFlowAliveWhenNoSteps", jb(true),
                    "TerminationProtected", jb(false),
                    "MasterInstanceGroup", instance_group(x, cc, "master", "master"),
                    "CoreInstanceGroup", instance_group(x, cc, "core", "core"), NULL);
    json_t *task = instance_group(x, cc, "task", "task");
    if (task)
        jset(in, "TaskInstanceGroups", ja(task, NULL));
    return in;
}

void cfn_build_emr(Cfn *x, CComp *cc)
{
    static const char *const logw[] = {"s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", NULL};
    static const char *const list[] = {"s3:ListBucket", "s3:GetBucketLocation", NULL};
    const char *logs = cfn_bucket(x, cc, "Logs", 90, true);
    cc->role = cfn_role(x, cc, "InstanceRole", "ec2.amazonaws.com", NULL);
    cfn_allow(cc->role, "ClusterLogs", logw, jsub(x, "${%s.Arn}/*", logs));
    cfn_allow(cc->role, "ClusterLogsList", list, jatt(logs, "Arn"));
    const char *prof = cfn_id(x, cc->id, "InstanceProfile");
    json_t *ip = cfn_resource(x, cc, prof, "AWS::IAM::InstanceProfile");
    jset(ip, "Roles", ja(jref(cc->role->id), NULL));
    const char *svc = emr_service_role(x, cc), *sec = emr_security(x, cc);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::EMR::Cluster");
    cfn_policy_attr(x, cc->id, "Delete");
    jset(p, "Name", jsub(x, "${AWS::StackName}-%s", cfn_kebab(x, cc->c->name, 80)));
    jset(p, "ReleaseLabel", js(cfn_text(cc, "release")));
    jset(p, "Applications", emr_apps(x, cc));
    jset(p, "ServiceRole", jref(svc));
    jset(p, "JobFlowRole", jref(prof));
    jset(p, "SecurityConfiguration", jref(sec));
    jset(p, "LogUri", jsub(x, "s3://${%s}/logs/", logs));
    jset(p, "VisibleToAllUsers", jb(true));
    const char *life = cfn_text(cc, "lifetime");
    if (!life || strcmp(life, "transient") == 0)
        jset(p, "AutoTerminationPolicy", jo("IdleTimeout", ji(3600), NULL));
    if (reads_catalog(x, cc))
        jset(p, "Configurations", glue_metastore());
    jset(p, "Instances", emr_instances(x, cc));
    const Value *as = comp_value(cc->c, "autoscale");
    if (as && as->lo && as->hi)
        jset(p, "ManagedScalingPolicy",
             jo("ComputeLimits", jo("UnitType", js("Instances"), "MinimumCapacityUnits", ji(value_int(as->lo, 1)),
                                    "MaximumCapacityUnits", ji(value_int(as->hi, 1)), NULL), NULL));
    jset(p, "Tags", ja(jo("Key", js("for-use-with-amazon-emr-managed-policies"), "Value", js("true"), NULL), NULL));
    const char *purchase = cfn_text(cc, "purchase");
    if (purchase && strcmp(purchase, "reserved") == 0)
        cfn_note(x, cc, "reserved instances are a billing purchase matched to the on-demand nodes, not a template resource");
    cfn_note(x, cc, "AmazonEMRServicePolicy_v2 acts only on resources tagged for-use-with-amazon-emr-managed-policies=true: tag the subnet");
    cfn_output(x, cfn_printf(x, "%sClusterId", cc->id), jref(cc->id), NULL);
}

/* --- Glue crawler, catalog database and ETL job ---------------------------------------- */

static const char *glue_security(Cfn *x, CComp *cc)
{
    const char *id = cfn_id(x, cc->id, "Security");
    json_t *p = cfn_resource(x, cc, id, "AWS::Glue::SecurityConfiguration");
    jset(p, "Name", jsub(x, "${AWS::StackName}-%s", cfn_kebab(x, cc->c->name, 80)));
    jset(p, "EncryptionConfiguration",
         jo("S3Encryptions", ja(jo("S3EncryptionMode", js("SSE-S3"), NULL), NULL),
            "CloudWatchEncryption", jo("CloudWatchEncryptionMode", js("DISABLED"), NULL),
            "JobBookmarksEncryption", jo("JobBookmarksEncryptionMode", js("DISABLED"), NULL), NULL));
    return id;
}

static void glue_logs(Cfn *x, CfnRole *r, const char *kind)
{
    static const char *const acts[] = {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", NULL};
    cfn_allow(r, "GlueLogs", acts,
              jsub(x, "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws-glue/%s*", kind));
}

void cfn_build_glue(Cfn *x, CComp *cc)
{
    static const char *const write[] = {
        "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
        "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition",
        "glue:BatchCreatePartition", "glue:UpdatePartition", NULL};
    const char *db = cfn_text(cc, "database");
    db = cfn_kebab(x, db ? db : cc->c->name, 250);
    for (char *p = (char *)db; *p; p++)
        if (*p == '-')
            *p = '_';
    cc->aux = cfn_id(x, cc->id, "Database");
    json_t *d = cfn_resource(x, cc, cc->aux, "AWS::Glue::Database");
    jset(d, "CatalogId", jref("AWS::AccountId"));
    jset(d, "DatabaseInput", jo("Name", js(db), "Description",
                                js(cc->c->label ? cc->c->label : cc->c->name), NULL));
    cc->role = cfn_role(x, cc, "Role", "glue.amazonaws.com", NULL);
    const char *pre = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}";
    cfn_allow(cc->role, "CatalogWrite", write,
              ja(jsub(x, "%s:catalog", pre), jsub(x, "%s:database/${%s}", pre, cc->aux),
                 jsub(x, "%s:table/${%s}/*", pre, cc->aux), NULL));
    glue_logs(x, cc->role, "crawlers");
    const char *sec = glue_security(x, cc);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Glue::Crawler");
    jset(p, "Role", jatt(cc->role->id, "Arn"));
    jset(p, "DatabaseName", jref(cc->aux));
    jset(p, "Targets", jo("S3Targets", json_array(), "DynamoDBTargets", json_array(),
                          "JdbcTargets", json_array(), NULL));
    jset(p, "SchemaChangePolicy", jo("UpdateBehavior", js("UPDATE_IN_DATABASE"),
                                     "DeleteBehavior", js("DEPRECATE_IN_DATABASE"), NULL));
    jset(p, "RecrawlPolicy", jo("RecrawlBehavior", js("CRAWL_EVERYTHING"), NULL));
    const char *sched = cfn_text(cc, "schedule");
    if (sched)
        jset(p, "Schedule", jo("ScheduleExpression", js(sched), NULL));
    jset(p, "CrawlerSecurityConfiguration", jref(sec));
    cfn_output(x, cfn_printf(x, "%sDatabaseName", cc->id), jref(cc->aux), NULL);
}

/* A JDBC connection to an RDS or Redshift component, for a crawler or a job. */
const char *cfn_glue_connection(Cfn *x, CComp *owner, CComp *db)
{
    static const char *const get[] = {"glue:GetConnection", NULL};
    const char *id = cfn_id(x, owner->id, cfn_printf(x, "%sConnection", db->id));
    json_t *p = cfn_resource(x, owner, id, "AWS::Glue::Connection");
    json_t *url = db->kind == CK_REDSHIFT
                      ? jsub(x, "jdbc:redshift://${%s.Endpoint.Address}:${%s.Endpoint.Port}/%s", db->id,
                             db->id, cfn_sub_literal(x, cfn_text(db, "database")))
                      : cfn_rds_jdbc(x, db);
    json_t *secret = db->kind == CK_REDSHIFT ? jatt(db->id, "MasterPasswordSecretArn")
                                             : jatt(db->id, "MasterUserSecret.SecretArn");
    jset(p, "CatalogId", jref("AWS::AccountId"));
    jset(p, "ConnectionInput",
         jo("ConnectionType", js("JDBC"),
            "ConnectionProperties", jo("JDBC_CONNECTION_URL", url, "SECRET_ID", secret,
                                       "JDBC_ENFORCE_SSL", js("true"), NULL),
            "PhysicalConnectionRequirements",
            jo("SubnetId", jsel(0, cfn_subnets(x)), "SecurityGroupIdList", cfn_security_groups(x), NULL),
            NULL));
    const char *pre = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}";
    cfn_allow(owner->role, "Connections", get,
              ja(jsub(x, "%s:catalog", pre), jsub(x, "%s:connection/${%s}", pre, id), NULL));
    cfn_grant_secret(x, owner->role, db);
    cfn_allow_vpc_enis(owner->role);
    return id;
}

static const char *worker_type(const CComp *cc)
{
    const char *w = cfn_text(cc, "worker_type");
    if (!w)
        return "G.1X";
    return strcmp(w, "g_2x") == 0 ? "G.2X" : strcmp(w, "g_4x") == 0 ? "G.4X"
                                           : strcmp(w, "g_8x") == 0 ? "G.8X" : "G.1X";
}

static json_t *job_connections(Cfn *x, CComp *cc)
{
    json_t *names = json_array();
    PtrVec *dirs[2] = {&((MComponent *)cc->c)->in, &((MComponent *)cc->c)->out};
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < dirs[d]->n; i++) {
            MFlow *f = dirs[d]->items[i];
            CComp *o = cfn_comp(x, d ? f->to : f->from);
            if (o->kind == CK_RDS || o->kind == CK_REDSHIFT)
                jpush(names, jref(cfn_glue_connection(x, cc, o)));
        }
    return names;
}

void cfn_build_gluejob(Cfn *x, CComp *cc)
{
    cc->role = cfn_role(x, cc, "Role", "glue.amazonaws.com", NULL);
    const char *key = cfn_param_id(x, cc, "CodeKey", "String",
                                   cfn_printf(x, "Key of the %s PySpark script in CodeBucketName.", cc->c->name),
                                   js(cfn_printf(x, "glue/%s.py", cc->c->name)));
    cfn_grant_code(x, cc->role, key);
    glue_logs(x, cc->role, "jobs");
    const char *sec = glue_security(x, cc);
    json_t *conns = job_connections(x, cc);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Glue::Job");
    jset(p, "Role", jatt(cc->role->id, "Arn"));
    jset(p, "Command", jo("Name", js("glueetl"), "PythonVersion", js("3"),
                          "ScriptLocation", jsub(x, "s3://${CodeBucketName}/${%s}", key), NULL));
    jset(p, "GlueVersion", js("5.0"));
    jset(p, "WorkerType", js(worker_type(cc)));
    jset(p, "NumberOfWorkers", ji(cfn_int(cc, "workers", 2)));
    jset(p, "Timeout", ji(480));
    jset(p, "MaxRetries", ji(0));
    jset(p, "ExecutionProperty", jo("MaxConcurrentRuns", ji(1), NULL));
    jset(p, "SecurityConfiguration", jref(sec));
    jset(p, "DefaultArguments", jo("--job-language", js("python"), "--enable-metrics", js("true"),
                                   "--enable-continuous-cloudwatch-log", js("true"), NULL));
    if (json_array_size(conns))
        jset(p, "Connections", jo("Connections", conns, NULL));
    else
        json_decref(conns);
    cfn_output(x, cfn_printf(x, "%sJobName", cc->id), jref(cc->id), NULL);
}
