/* CloudFormation emitter: Athena, SageMaker, QuickSight, DMS and Data
 * Pipeline. Their sources and targets are known when they are built, so
 * each builds its own connections; the generic grants come from wiring. */
#include <string.h>

#include "cfn.h"

static CComp *first_out(Cfn *x, const CComp *cc, CfnKind kind)
{
    for (int i = 0; i < cc->c->out.n; i++) {
        CComp *o = cfn_comp(x, ((MFlow *)cc->c->out.items[i])->to);
        if (o->kind == kind)
            return o;
    }
    return NULL;
}

/* --- Athena ------------------------------------------------------------------- */

void cfn_build_athena(Cfn *x, CComp *cc)
{
    static const char *const run[] = {"athena:StartQueryExecution", "athena:StopQueryExecution",
                                      "athena:GetQueryExecution", "athena:GetQueryResults",
                                      "athena:GetWorkGroup", NULL};
    static const char *const list[] = {"s3:GetBucketLocation", "s3:ListBucket", NULL};
    static const char *const rw[] = {"s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload",
                                     "s3:ListMultipartUploadParts", NULL};
    CComp *res = first_out(x, cc, CK_S3);
    json_t *loc, *bucket, *objects;
    if (res) {
        loc = cfn_bucket_url(x, res, "athena/");
        bucket = cfn_bucket_arn(x, res, NULL);
        objects = cfn_bucket_arn(x, res, "athena/*");
    } else {
        const char *b = cfn_bucket(x, cc, "Results", 30, true);
        loc = jsub(x, "s3://${%s}/athena/", b);
        bucket = jatt(b, "Arn");
        objects = jsub(x, "${%s.Arn}/athena/*", b);
    }
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Athena::WorkGroup");
    const char *wg = cfn_text(cc, "workgroup");
    jset(p, "Name", wg ? js(wg) : jsub(x, "${AWS::StackName}-%s", cfn_kebab(x, cc->c->name, 100)));
    jset(p, "State", js("ENABLED"));
    jset(p, "RecursiveDeleteOption", jb(false));
    jset(p, "WorkGroupConfiguration",
         jo("EnforceWorkGroupConfiguration", jb(true), "PublishCloudWatchMetricsEnabled", jb(true),
            "BytesScannedCutoffPerQuery", ji(cfn_int(cc, "bytes_scanned_cutoff", 10LL << 30)),
            "EngineVersion", jo("SelectedEngineVersion", js("Athena engine version 3"), NULL),
            "ResultConfiguration", jo("OutputLocation", loc,
                                      "EncryptionConfiguration", jo("EncryptionOption", js("SSE_S3"), NULL),
                                      NULL), NULL));
    cc->role = cfn_managed_policy(x, cc, "QueryPolicy",
                                  cfn_printf(x, "Run queries in the %s workgroup: attach to the "
                                                "analysts, dashboards and functions that query",
                                             cc->c->name));
    cfn_allow(cc->role, "Workgroup", run, cfn_arn(x, cc));
    cfn_allow(cc->role, "ResultsList", list, bucket);
    cfn_allow(cc->role, "Results", rw, objects);
    cfn_output(x, cfn_printf(x, "%sWorkGroupName", cc->id), jref(cc->id), NULL);
    cfn_output(x, cfn_printf(x, "%sQueryPolicyArn", cc->id), jref(cc->role->id), NULL);
}

/* --- SageMaker ------------------------------------------------------------------- */

void cfn_build_sagemaker(Cfn *x, CComp *cc)
{
    static const char *const logs[] = {"logs:CreateLogGroup", "logs:CreateLogStream",
                                       "logs:DescribeLogStreams", "logs:PutLogEvents", NULL};
    static const char *const get[] = {"s3:GetObject", NULL};
    cc->role = cfn_role(x, cc, "Role", "sagemaker.amazonaws.com", NULL);
    const char *img = cfn_param_id(x, cc, "ImageUri", "String",
                                   cfn_printf(x, "Inference image of the %s model (a %s SageMaker "
                                                 "framework image, or an ECR image whose repository "
                                                 "policy allows sagemaker.amazonaws.com).",
                                              cc->c->name, cfn_text(cc, "framework")), NULL);
    const char *data = cfn_param_id(x, cc, "ModelDataUrl", "String",
                                    "s3://bucket/path/model.tar.gz: the artifact of the training job "
                                    "(training jobs are not CloudFormation resources).", NULL);
    jset(json_object_get(x->params, data), "AllowedPattern", js("^s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)$"));
    json_t *bucket = jsel(2, jo("Fn::Split", ja(js("/"), jref(data), NULL), NULL));
    cfn_allow(cc->role, "ModelArtifact", get,
              jsubv("arn:${AWS::Partition}:s3:::${Bucket}/*", jo("Bucket", bucket, NULL)));
    cfn_allow(cc->role, "Logs", logs,
              jsub(x, "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/sagemaker/*"));
    const char *model = cfn_id(x, cc->id, "Model"), *cfg = cfn_id(x, cc->id, "EndpointConfig");
    json_t *m = cfn_resource(x, cc, model, "AWS::SageMaker::Model");
    jset(m, "ExecutionRoleArn", jatt(cc->role->id, "Arn"));
    jset(m, "EnableNetworkIsolation", jb(true));
    jset(m, "PrimaryContainer", jo("Image", jref(img), "ModelDataUrl", jref(data), "Mode", js("SingleModel"), NULL));
    json_t *c = cfn_resource(x, cc, cfg, "AWS::SageMaker::EndpointConfig");
    jset(c, "ProductionVariants",
         ja(jo("VariantName", js("primary"), "ModelName", jatt(model, "ModelName"),
               "InstanceType", js(cfn_text(cc, "instance")), "InitialInstanceCount", ji(1),
               "InitialVariantWeight", ji(1), NULL), NULL));
    json_t *e = cc->props = cfn_resource(x, cc, cc->id, "AWS::SageMaker::Endpoint");
    jset(e, "EndpointConfigName", jatt(cfg, "EndpointConfigName"));
    if (cfn_bool(cc, "spot", false))
        cfn_note(x, cc, cfn_printf(x, "train with managed spot training, checkpoints in %s; training "
                                      "jobs are started by the SDK, not by the template",
                                   cfn_text(cc, "checkpoint") ? cfn_text(cc, "checkpoint") : "S3"));
    cfn_output(x, cfn_printf(x, "%sEndpointName", cc->id), jatt(cc->id, "EndpointName"), NULL);
}

/* --- QuickSight ---------------------------------------------------------------------- */

bool cfn_quicksight_source(const CComp *from)
{
    switch (from->kind) {
    case CK_ATHENA: case CK_REDSHIFT: case CK_RDS: case CK_S3: case CK_OPENSEARCH: return true;
    default: return (from->flags & CF_TERADATA) != 0;
    }
}

static CfnRole *qs_role(Cfn *x, CComp *cc)
{
    if (!cc->role)
        cc->role = cfn_role(x, cc, "Role", "quicksight.amazonaws.com", NULL);
    return cc->role;
}

static json_t *managed_arns(Cfn *x, CfnRole *r)
{
    json_t *p = json_object_get(cfn_res(x, r->id), "Properties");
    json_t *a = json_object_get(p, "ManagedPolicyArns");
    if (!a) {
        a = json_array();
        jset(p, "ManagedPolicyArns", a);
    }
    return a;
}

static json_t *vpc_connection(Cfn *x)
{
    json_t *p = cfn_param(x, "QuickSightVpcConnectionArn", "String",
                          "QuickSight VPC connection that reaches the databases in the VPC.");
    jset(p, "AllowedPattern", js("^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:\\d{12}:vpcConnection/.+$"));
    return jo("VpcConnectionArn", jref("QuickSightVpcConnectionArn"), NULL);
}

static const char *rds_qs_type(const CComp *db, const char **params)
{
    const char *e = cfn_text(db, "engine");
    *params = "RdsParameters";
    if (strcmp(e, "aurora_postgres") == 0)
        return *params = "AuroraPostgreSqlParameters", "AURORA_POSTGRESQL";
    if (strcmp(e, "aurora_mysql") == 0)
        return *params = "AuroraParameters", "AURORA";
    return strcmp(e, "mysql") == 0 ? "MYSQL" : strcmp(e, "mariadb") == 0 ? "MARIADB"
         : strcmp(e, "oracle") == 0 ? "ORACLE" : strcmp(e, "sqlserver") == 0 ? "SQLSERVER" : "POSTGRESQL";
}

/* Databases in the VPC: credentials from the secret the service keeps. */
static json_t *qs_database(Cfn *x, CComp *from, json_t *ds, const char **type, const char **params)
{
    json_t *secret;
    json_t *v;
    if (from->kind == CK_REDSHIFT) {
        *type = "REDSHIFT", *params = "RedshiftParameters";
        v = jo("ClusterId", jref(from->id), "Database", js(cfn_text(from, "database")),
               "Host", jatt(from->id, "Endpoint.Address"), "Port", ji(5439), NULL);
        secret = jatt(from->id, "MasterPasswordSecretArn");
    } else if (from->kind == CK_RDS) {
        *type = rds_qs_type(from, params);
        v = strcmp(*params, "RdsParameters") == 0
                ? jo("InstanceId", jref(from->id), "Database", js(from->c->name), NULL)
                : jo("Host", jatt(from->id, "Endpoint.Address"), "Port", ji(cfn_rds_port(from)),
                     "Database", js(from->c->name), NULL);
        secret = jatt(from->id, "MasterUserSecret.SecretArn");
    } else {
        *type = "TERADATA", *params = "TeradataParameters";
        v = jo("Host", jref(cfn_param_id(x, from, "Host", "String", "Teradata host name.", NULL)),
               "Port", ji(1025),
               "Database", jref(cfn_param_id(x, from, "Database", "String", "Teradata database.", NULL)), NULL);
        secret = jref(cfn_param_id(x, from, "SecretArn", "String",
                                   cfn_printf(x, "Secrets Manager secret with the %s credentials.", from->c->name),
                                   NULL));
    }
    jset(ds, "Credentials", jo("SecretArn", secret, NULL));
    jset(ds, "VpcConnectionProperties", vpc_connection(x));
    return v;
}

/* Type and DataSourceParameters of one source. */
static const char *qs_source(Cfn *x, CComp *cc, CComp *from, json_t *ds)
{
    const char *params = NULL, *type = NULL;
    json_t *v;
    switch (from->kind) {
    case CK_ATHENA:
        type = "ATHENA", params = "AthenaParameters";
        jpush(managed_arns(x, qs_role(x, cc)), jref(from->role->id));
        v = jo("WorkGroup", jref(from->id), "RoleArn", jatt(cc->role->id, "Arn"), NULL);
        break;
    case CK_S3:
        type = "S3", params = "S3Parameters";
        cfn_grant_read(x, qs_role(x, cc), from);
        v = jo("ManifestFileLocation", jo("Bucket", cfn_bucket_name(x, from), "Key", js("manifest.json"), NULL),
               "RoleArn", jatt(cc->role->id, "Arn"), NULL);
        break;
    case CK_OPENSEARCH:
        type = "AMAZON_OPENSEARCH", params = "AmazonOpenSearchParameters";
        v = jo("Domain", jref(from->aux), NULL);
        break;
    default:
        v = qs_database(x, from, ds, &type, &params);
    }
    jset(ds, "DataSourceParameters", jo(params, v, NULL));
    return type;
}

void cfn_build_quicksight(Cfn *x, CComp *cc)
{
    static const char *const acts[] = {"quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions",
                                       "quicksight:PassDataSource", "quicksight:UpdateDataSource",
                                       "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions", NULL};
    for (int i = 0; i < cc->c->in.n; i++) {
        CComp *from = cfn_comp(x, ((MFlow *)cc->c->in.items[i])->from);
        if (!cfn_quicksight_source(from))
            continue;
        json_t *principal = cfn_param(x, "QuickSightPrincipalArn", "String",
                                      "QuickSight user or group that owns the data sources.");
        jset(principal, "AllowedPattern", js("^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:\\d{12}:(user|group)/.+$"));
        const char *id = cfn_id(x, cc->id, from->id);
        json_t *ds = json_object();
        const char *type = qs_source(x, cc, from, ds);
        json_t *p = cfn_resource(x, cc, id, "AWS::QuickSight::DataSource");
        jset(p, "AwsAccountId", jref("AWS::AccountId"));
        jset(p, "DataSourceId", jsub(x, "${AWS::StackName}-%s-%s", cfn_kebab(x, cc->c->name, 40),
                                     cfn_kebab(x, from->c->name, 40)));
        jset(p, "Name", js(cfn_printf(x, "%s: %s", cfn_trunc(x, cc->c->label ? cc->c->label : cc->c->name, 60),
                                      cfn_trunc(x, from->c->label ? from->c->label : from->c->name, 60))));
        jset(p, "Type", js(type));
        json_object_update(p, ds);
        json_decref(ds);
        jset(p, "SslProperties", jo("DisableSsl", jb(false), NULL));
        jset(p, "Permissions", ja(jo("Principal", jref("QuickSightPrincipalArn"), "Actions", jstrs(acts), NULL), NULL));
    }
}

/* --- DMS ---------------------------------------------------------------------------------- */

static const struct { const char *engine, *settings; int port; } dms_engines[] = {
    {"mysql", "MySqlSettings", 3306},       {"mariadb", "MySqlSettings", 3306},
    {"postgres", "PostgreSqlSettings", 5432}, {"oracle", "OracleSettings", 1521},
    {"sqlserver", "MicrosoftSqlServerSettings", 1433}, {"mongodb", "MongoDbSettings", 27017},
};

static const char *dms_source(Cfn *x, CComp *cc)
{
    static const char *const get[] = {"secretsmanager:GetSecretValue", NULL};
    const char *engine = cfn_text(cc, "source_engine");
    size_t e = 0;
    for (size_t i = 0; engine && i < sizeof dms_engines / sizeof dms_engines[0]; i++)
        if (strcmp(dms_engines[i].engine, engine) == 0)
            e = i;
    const char *host = cfn_param_id(x, cc, "SourceServerName", "String", "Host name of the source database.", NULL);
    const char *port = cfn_param_id(x, cc, "SourcePort", "Number", "Port of the source database.",
                                    ji(dms_engines[e].port));
    const char *secret = cfn_param_id(x, cc, "SourceSecretArn", "String",
                                      "Secrets Manager secret with the source database user name and password.", NULL);
    jset(json_object_get(x->params, secret), "AllowedPattern",
         js("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+$"));
    CfnRole *sr = cfn_role(x, cc, "SecretsRole", "dms.${AWS::Region}.amazonaws.com", NULL);
    cfn_allow(sr, "SourceSecret", get, jref(secret));
    const char *id = cfn_id(x, cc->id, "Source");
    json_t *p = cfn_resource(x, cc, id, "AWS::DMS::Endpoint");
    jset(p, "EndpointType", js("source"));
    jset(p, "EngineName", js(dms_engines[e].engine));
    jset(p, "ServerName", jref(host));
    jset(p, "Port", jref(port));
    jset(p, "SslMode", js("require"));
    jset(p, dms_engines[e].settings, jo("SecretsManagerSecretId", jref(secret),
                                        "SecretsManagerAccessRoleArn", jatt(sr->id, "Arn"), NULL));
    return id;
}

static json_t *dms_target_settings(Cfn *x, CComp *cc, CComp *t, const char **engine)
{
    static const char *const put[] = {"s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging", NULL};
    static const char *const list[] = {"s3:ListBucket", NULL};
    static const char *const ddb[] = {"dynamodb:DescribeTable", "dynamodb:CreateTable", "dynamodb:PutItem",
                                      "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", NULL};
    const char *folder = cfn_kebab(x, cc->c->name, 60);
    if (t->kind == CK_S3) {
        *engine = "s3";
        cfn_allow(cc->role, cfn_printf(x, "%sWrite", t->id), put, cfn_bucket_arn(x, t, cfn_printf(x, "%s/*", folder)));
        cfn_allow(cc->role, cfn_printf(x, "%sList", t->id), list, cfn_bucket_arn(x, t, NULL));
        return jo("S3Settings", jo("BucketName", cfn_bucket_name(x, t), "BucketFolder", js(folder),
                                   "ServiceAccessRoleArn", jatt(cc->role->id, "Arn"),
                                   "DataFormat", js("parquet"), "ParquetVersion", js("parquet-2-0"),
                                   "EncryptionMode", js("SSE_S3"), "TimestampColumnName", js("dms_commit_ts"),
                                   "IncludeOpForFullLoad", jb(true), NULL), NULL);
    }
    *engine = "dynamodb";
    const char *ctl = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/awsdms_*";
    cfn_allow(cc->role, cfn_printf(x, "%sWrite", t->id), ddb, ja(cfn_arn(x, t), jsub(x, "%s", ctl), NULL));
    return jo("DynamoDbSettings", jo("ServiceAccessRoleArn", jatt(cc->role->id, "Arn"), NULL), NULL);
}

void cfn_build_dms(Cfn *x, CComp *cc)
{
    const char *sg = cfn_id(x, cc->id, "SubnetGroup");
    json_t *g = cfn_resource(x, cc, sg, "AWS::DMS::ReplicationSubnetGroup");
    jset(g, "ReplicationSubnetGroupDescription", js(cfn_printf(x, "Subnets of %s", cc->c->name)));
    jset(g, "SubnetIds", cfn_subnets(x));
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::DMS::ReplicationInstance");
    jset(p, "ReplicationInstanceClass", js(cfn_text(cc, "instance_class")));
    jset(p, "ReplicationSubnetGroupIdentifier", jref(sg));
    jset(p, "VpcSecurityGroupIds", cfn_security_groups(x));
    jset(p, "PubliclyAccessible", jb(false));
    jset(p, "MultiAZ", jb(true));
    jset(p, "AutoMinorVersionUpgrade", jb(true));
    jset(p, "AllocatedStorage", ji(50));
    const char *src = dms_source(x, cc);
    cc->role = cfn_role(x, cc, "Role", "dms.amazonaws.com", NULL);
    const char *maps = NULL;
    const char *mig = cfn_text(cc, "migration");
    mig = !mig || strcmp(mig, "full_load_and_cdc") == 0 ? "full-load-and-cdc"
          : strcmp(mig, "full_load") == 0 ? "full-load" : "cdc";
    for (int i = 0; i < cc->c->out.n; i++) {
        CComp *t = cfn_comp(x, ((MFlow *)cc->c->out.items[i])->to);
        if (t->kind != CK_S3 && t->kind != CK_DYNAMODB)
            continue;
        if (!maps)
            maps = cfn_param_id(x, cc, "TableMappings", "String", "DMS table mappings (JSON).",
                                js("{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"all\","
                                   "\"object-locator\":{\"schema-name\":\"%\",\"table-name\":\"%\"},\"rule-action\":\"include\"}]}"));
        const char *engine, *ep = cfn_id(x, cc->id, cfn_printf(x, "%sTarget", t->id));
        json_t *settings = dms_target_settings(x, cc, t, &engine);
        json_t *e = cfn_resource(x, cc, ep, "AWS::DMS::Endpoint");
        jset(e, "EndpointType", js("target"));
        jset(e, "EngineName", js(engine));
        json_object_update(e, settings);
        json_decref(settings);
        json_t *task = cfn_resource(x, cc, cfn_id(x, cc->id, cfn_printf(x, "%sTask", t->id)),
                                    "AWS::DMS::ReplicationTask");
        jset(task, "MigrationType", js(mig));
        jset(task, "ReplicationInstanceArn", jref(cc->id));
        jset(task, "SourceEndpointArn", jref(src));
        jset(task, "TargetEndpointArn", jref(ep));
        jset(task, "TableMappings", jref(maps));
    }
    cfn_note(x, cc, "DMS needs the account roles dms-vpc-role and dms-cloudwatch-logs-role (created once per account)");
}

/* --- Data Pipeline -------------------------------------------------------------------------- */

static json_t *field(const char *key, json_t *value, bool ref)
{
    return jo("Key", js(key), ref ? "RefValue" : "StringValue", value, NULL);
}

static json_t *data_node(Cfn *x, CComp *o)
{
    json_t *f = json_array();
    if (o->kind == CK_S3) {
        jpush(f, field("type", js("S3DataNode"), false));
        jpush(f, field("directoryPath", cfn_bucket_url(x, o, "datapipeline/"), false));
    } else if (o->kind == CK_DYNAMODB) {
        jpush(f, field("type", js("DynamoDBDataNode"), false));
        jpush(f, field("tableName", jref(o->id), false));
    } else {
        json_decref(f);
        return NULL;
    }
    jpush(f, field("schedule", js("Schedule"), true));
    return jo("Id", js(o->id), "Name", js(o->c->name), "Fields", f, NULL);
}

static const char *pipeline_roles(Cfn *x, CComp *cc, const char **profile)
{
    static const char *const pass[] = {"iam:PassRole", NULL};
    CfnRole *svc = cfn_role(x, cc, "ServiceRole", "datapipeline.amazonaws.com", NULL);
    jset(json_object_get(cfn_res(x, svc->id), "Properties"), "ManagedPolicyArns",
         ja(jsub(x, "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSDataPipelineRole"), NULL));
    cc->role = cfn_role(x, cc, "ResourceRole", "ec2.amazonaws.com", NULL);
    cfn_allow(svc, "PassResourceRole", pass, jatt(cc->role->id, "Arn"));
    *profile = cfn_id(x, cc->id, "InstanceProfile");
    json_t *ip = cfn_resource(x, cc, *profile, "AWS::IAM::InstanceProfile");
    jset(ip, "InstanceProfileName", jref(cc->role->id)); /* Data Pipeline finds it by the role name */
    jset(ip, "Roles", ja(jref(cc->role->id), NULL));
    return svc->id;
}

void cfn_build_pipeline(Cfn *x, CComp *cc)
{
    static const char *const logw[] = {"s3:PutObject", NULL};
    const char *logs = cfn_bucket(x, cc, "Logs", 90, true), *profile;
    const char *svc = pipeline_roles(x, cc, &profile);
    cfn_allow(cc->role, "PipelineLogs", logw, jsub(x, "${%s.Arn}/*", logs));
    json_t *objs = ja(jo("Id", js("Default"), "Name", js("Default"),
                         "Fields", ja(field("type", js("Default"), false), field("scheduleType", js("cron"), false),
                                      field("schedule", js("Schedule"), true),
                                      field("failureAndRerunMode", js("CASCADE"), false),
                                      field("role", jref(svc), false), field("resourceRole", jref(cc->role->id), false),
                                      field("pipelineLogUri", jsub(x, "s3://${%s}/", logs), false), NULL), NULL),
                      jo("Id", js("Schedule"), "Name", js("Schedule"),
                         "Fields", ja(field("type", js("Schedule"), false),
                                      field("period", js(cfn_text(cc, "schedule")), false),
                                      field("startAt", js("FIRST_ACTIVATION_DATE_TIME"), false), NULL), NULL),
                      NULL);
    PtrVec *dirs[2] = {&((MComponent *)cc->c)->in, &((MComponent *)cc->c)->out};
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < dirs[d]->n; i++) {
            MFlow *f = dirs[d]->items[i];
            json_t *n = data_node(x, cfn_comp(x, d ? f->to : f->from));
            if (n)
                jpush(objs, n);
        }
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::DataPipeline::Pipeline");
    jset(p, "Name", jsub(x, "${AWS::StackName}-%s", cfn_kebab(x, cc->c->name, 100)));
    jset(p, "Description", js(cc->c->label ? cc->c->label : cc->c->name));
    jset(p, "Activate", jb(false));
    jset(p, "ParameterObjects", json_array());
    jset(p, "PipelineObjects", objs);
    cfn_depends(x, cc->id, profile);
    cfn_note(x, cc, "AWS Data Pipeline is closed to new customers; the activities between the data nodes are "
                    "left to the pipeline definition");
}
