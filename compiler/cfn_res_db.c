/* CloudFormation emitter: databases and search (RDS, Redshift, OpenSearch):
 * in a VPC or IAM-guarded, encrypted, administrator passwords kept by the
 * service in Secrets Manager. */
#include <stdlib.h>
#include <string.h>

#include "cfn.h"

#define GIB (1LL << 30)

/* --- RDS ----------------------------------------------------------------------------- */

typedef struct Engine {
    const char *id, *engine, *license;
    int port;
    bool aurora, dbname;
    bool graviton; /* runs on Graviton (db.*g*) instance classes */
} Engine;

static const Engine engines[] = {
    {"postgres", "postgres", NULL, 5432, false, true, true},
    {"mysql", "mysql", NULL, 3306, false, true, true},
    {"mariadb", "mariadb", NULL, 3306, false, true, true},
    {"aurora_postgres", "aurora-postgresql", NULL, 5432, true, true, true},
    {"aurora_mysql", "aurora-mysql", NULL, 3306, true, true, true},
    {"oracle", "oracle-se2", "license-included", 1521, false, false, false},
    {"sqlserver", "sqlserver-se", "license-included", 1433, false, false, false},
};

/* The catalog's default class is a Graviton one (db.r6g.large), which Oracle
 * and SQL Server do not run on: for them the template uses the Intel class of
 * the same family and size, offered for both license-included editions in
 * every region cfn-lint knows of. A class the pipeline sets is kept as set. */
#define NON_GRAVITON_DEFAULT "db.r5.large"

static const char *instance_class(Cfn *x, const CComp *cc, const Engine *e)
{
    const MProp *p = comp_prop(cc->c, "instance");
    const char *cls = p ? value_text(p->value) : NULL;
    if (e->graviton || !p || !mprop_is_default(p))
        return cls;
    cfn_note(x, cc, cfn_printf(x, "%s does not run on Graviton classes such as %s (the catalog's "
                                  "default): the template uses %s; set instance to choose",
                               e->engine, cls, NON_GRAVITON_DEFAULT));
    return NON_GRAVITON_DEFAULT;
}

static const Engine *rds_engine(const CComp *cc)
{
    const char *e = cfn_text(cc, "engine");
    for (size_t i = 0; e && i < sizeof engines / sizeof engines[0]; i++)
        if (strcmp(engines[i].id, e) == 0)
            return &engines[i];
    return &engines[0];
}

int cfn_rds_port(const CComp *cc)
{
    return rds_engine(cc)->port;
}

/* JDBC URL of an RDS component, for Glue connections. */
json_t *cfn_rds_jdbc(Cfn *x, const CComp *cc)
{
    const Engine *e = rds_engine(cc);
    const char *proto = strstr(e->engine, "postgres") ? "postgresql"
                        : strstr(e->engine, "oracle")  ? "oracle:thin:@"
                        : strstr(e->engine, "sqlserver") ? "sqlserver"
                                                         : "mysql";
    if (strstr(e->engine, "oracle"))
        return jsub(x, "jdbc:%s//${%s.Endpoint.Address}:${%s.Endpoint.Port}/ORCL", proto, cc->id, cc->id);
    if (strstr(e->engine, "sqlserver"))
        return jsub(x, "jdbc:%s://${%s.Endpoint.Address}:${%s.Endpoint.Port};databaseName=master", proto,
                    cc->id, cc->id);
    return jsub(x, "jdbc:%s://${%s.Endpoint.Address}:${%s.Endpoint.Port}/%s", proto, cc->id, cc->id,
                cc->c->name);
}

static const char *db_subnet_group(Cfn *x, CComp *cc, const char *type, const char *desc_key)
{
    const char *id = cfn_id(x, cc->id, "SubnetGroup");
    json_t *p = cfn_resource(x, cc, id, type);
    jset(p, desc_key, js(cfn_printf(x, "Subnets of %s", cc->c->name)));
    jset(p, "SubnetIds", cfn_subnets(x));
    return id;
}

static const char *master_user(Cfn *x, CComp *cc, const char *dflt)
{
    const char *u = cfn_param_id(x, cc, "MasterUsername", "String",
                                 "Administrator user name; its password is generated and kept in "
                                 "AWS Secrets Manager by the service (no password in the template).",
                                 js(dflt));
    jset(json_object_get(x->params, u), "AllowedPattern", js("^[a-z][a-z0-9_]{0,62}$"));
    return u;
}

void cfn_build_rds(Cfn *x, CComp *cc)
{
    const Engine *e = rds_engine(cc);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, e->aurora ? "AWS::RDS::DBCluster"
                                                                  : "AWS::RDS::DBInstance");
    cfn_policy_attr(x, cc->id, "Snapshot");
    const char *sg = db_subnet_group(x, cc, "AWS::RDS::DBSubnetGroup", "DBSubnetGroupDescription");
    jset(p, "Engine", js(e->engine));
    if (!e->aurora) {
        jset(p, "DBInstanceClass", js(instance_class(x, cc, e)));
        jset(p, "AllocatedStorage", js(cfn_printf(x, "%lld", (long long)(cfn_int(cc, "storage", 100 * GIB) / GIB))));
        jset(p, "StorageType", js("gp3"));
        if (e->license)
            jset(p, "LicenseModel", js(e->license));
    }
    if (e->dbname)
        jset(p, e->aurora ? "DatabaseName" : "DBName", js(cc->c->name));
    jset(p, "MasterUsername", jref(master_user(x, cc, "dbadmin")));
    jset(p, "ManageMasterUserPassword", jb(true));
    jset(p, "StorageEncrypted", jb(true));
    jset(p, "DBSubnetGroupName", jref(sg));
    jset(p, e->aurora ? "VpcSecurityGroupIds" : "VPCSecurityGroups", cfn_security_groups(x));
    if (!e->aurora) {
        jset(p, "PubliclyAccessible", jb(false));
        jset(p, "MultiAZ", jb(true));
        jset(p, "AutoMinorVersionUpgrade", jb(true));
    }
    jset(p, "BackupRetentionPeriod", ji(7));
    jset(p, "CopyTagsToSnapshot", jb(true));
    jset(p, "DeletionProtection", jb(true));
    if (e->aurora) {
        const char *inst = cfn_id(x, cc->id, "Instance");
        json_t *q = cfn_resource(x, cc, inst, "AWS::RDS::DBInstance");
        cfn_policy_attr(x, inst, "Delete"); /* the data lives in the cluster */
        jset(q, "DBClusterIdentifier", jref(cc->id));
        jset(q, "DBInstanceClass", js(cfn_text(cc, "instance")));
        jset(q, "Engine", js(e->engine));
        jset(q, "PubliclyAccessible", jb(false));
        jset(q, "AutoMinorVersionUpgrade", jb(true));
    }
    const char *purchase = cfn_text(cc, "purchase");
    if (purchase && strcmp(purchase, "reserved") == 0)
        cfn_note(x, cc, "reserved DB instances are a billing purchase (console or API), not a template resource");
    cfn_output(x, cfn_printf(x, "%sEndpoint", cc->id), jatt(cc->id, "Endpoint.Address"), NULL);
    cfn_output(x, cfn_printf(x, "%sSecretArn", cc->id), jatt(cc->id, "MasterUserSecret.SecretArn"),
               "Secrets Manager secret with the administrator credentials");
}

/* --- Redshift ------------------------------------------------------------------------------ */

static bool redshift_needs_role(Cfn *x, const CComp *cc)
{
    for (int i = 0; i < cc->c->in.n; i++) {
        CfnKind k = cfn_comp(x, ((MFlow *)cc->c->in.items[i])->from)->kind;
        if (k == CK_S3 || k == CK_DYNAMODB || k == CK_GLUE || k == CK_KINESIS)
            return true;
    }
    for (int i = 0; i < cc->c->out.n; i++)
        if (cfn_comp(x, ((MFlow *)cc->c->out.items[i])->to)->kind == CK_S3)
            return true;
    return false;
}

static bool fed_by_firehose(Cfn *x, const CComp *cc)
{
    for (int i = 0; i < cc->c->in.n; i++)
        if (cfn_comp(x, ((MFlow *)cc->c->in.items[i])->from)->kind == CK_FIREHOSE)
            return true;
    return false;
}

static json_t *redshift_public(Cfn *x, CComp *cc)
{
    if (!fed_by_firehose(x, cc))
        return jb(false);
    const char *id = cfn_param_id(x, cc, "PubliclyAccessible", "String",
                                  "Firehose reaches a provisioned cluster on a public endpoint "
                                  "restricted to the Firehose CIDR of the region (security groups); "
                                  "keep false unless Firehose delivers to it.",
                                  js("false"));
    static const char *const tf[] = {"true", "false", NULL};
    jset(json_object_get(x->params, id), "AllowedValues", jstrs(tf));
    return jref(id);
}

void cfn_build_redshift(Cfn *x, CComp *cc)
{
    const char *sg = db_subnet_group(x, cc, "AWS::Redshift::ClusterSubnetGroup", "Description");
    const char *pg = cfn_id(x, cc->id, "Parameters");
    json_t *q = cfn_resource(x, cc, pg, "AWS::Redshift::ClusterParameterGroup");
    jset(q, "Description", js("TLS only, user activity logging"));
    jset(q, "ParameterGroupFamily", js("redshift-1.0"));
    jset(q, "Parameters", ja(jo("ParameterName", js("require_ssl"), "ParameterValue", js("true"), NULL),
                             jo("ParameterName", js("enable_user_activity_logging"), "ParameterValue", js("true"), NULL),
                             NULL));
    if (redshift_needs_role(x, cc))
        cc->role = cfn_role(x, cc, "Role", "redshift.amazonaws.com", NULL);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Redshift::Cluster");
    cfn_policy_attr(x, cc->id, "Snapshot");
    int64_t nodes = cfn_int(cc, "nodes", 2);
    jset(p, "ClusterType", js(nodes > 1 ? "multi-node" : "single-node"));
    jset(p, "NodeType", js(cfn_text(cc, "node_type")));
    if (nodes > 1)
        jset(p, "NumberOfNodes", ji(nodes));
    jset(p, "DBName", js(cfn_text(cc, "database")));
    jset(p, "MasterUsername", jref(master_user(x, cc, "awsuser")));
    jset(p, "ManageMasterPassword", jb(true));
    jset(p, "Encrypted", jb(true));
    jset(p, "PubliclyAccessible", redshift_public(x, cc));
    jset(p, "EnhancedVpcRouting", jb(true));
    jset(p, "ClusterSubnetGroupName", jref(sg));
    jset(p, "VpcSecurityGroupIds", cfn_security_groups(x));
    jset(p, "ClusterParameterGroupName", jref(pg));
    jset(p, "AutomatedSnapshotRetentionPeriod", ji(7));
    jset(p, "AllowVersionUpgrade", jb(true));
    if (cc->role)
        jset(p, "IamRoles", ja(jatt(cc->role->id, "Arn"), NULL));
    jset(p, "LoggingProperties",
         jo("LogDestinationType", js("cloudwatch"),
            "LogExports", ja(js("connectionlog"), js("useractivitylog"), js("userlog"), NULL), NULL));
    const char *purchase = cfn_text(cc, "purchase");
    if (purchase && strcmp(purchase, "reserved") == 0)
        cfn_note(x, cc, "reserved nodes are a billing purchase (console or API), not a template resource");
    cfn_output(x, cfn_printf(x, "%sEndpoint", cc->id), jatt(cc->id, "Endpoint.Address"), NULL);
    cfn_output(x, cfn_printf(x, "%sSecretArn", cc->id), jatt(cc->id, "MasterPasswordSecretArn"),
               "Secrets Manager secret with the administrator credentials");
    if (cc->role)
        cfn_output(x, cfn_printf(x, "%sRoleArn", cc->id), jatt(cc->role->id, "Arn"),
                   "IAM role for COPY, UNLOAD and Spectrum: IAM_ROLE '<this ARN>'");
}

/* --- OpenSearch ------------------------------------------------------------------------------ */

static void zone_awareness(json_t *cfg, int64_t nodes)
{
    int azs = nodes % 3 == 0 ? 3 : nodes % 2 == 0 ? 2 : 0;
    jset(cfg, "ZoneAwarenessEnabled", jb(azs > 0));
    if (azs)
        jset(cfg, "ZoneAwarenessConfig", jo("AvailabilityZoneCount", ji(azs), NULL));
}

/* The log group and its resource policy; the domain (made after this)
 * depends on the policy: *policy is its id. */
static const char *domain_logs(Cfn *x, CComp *cc, const char **policy)
{
    const char *lg = cfn_log_group(x, cc, "Logs", NULL);
    const char *rp = cfn_id(x, cc->id, "LogsPolicy");
    json_t *p = cfn_resource(x, cc, rp, "AWS::Logs::ResourcePolicy");
    jset(p, "PolicyName", jsub(x, "${AWS::StackName}-%s-logs", cfn_kebab(x, cc->c->name, 60)));
    json_t *doc = jo("Version", js("2012-10-17"),
                     "Statement", ja(jo("Effect", js("Allow"),
                                        "Principal", jo("Service", js("es.amazonaws.com"), NULL),
                                        "Action", ja(js("logs:PutLogEvents"), js("logs:CreateLogStream"), NULL),
                                        "Resource", js(cfn_printf(x, "${%s.Arn}", lg)),
                                        "Condition", jo("StringEquals", jo("aws:SourceAccount", js("${AWS::AccountId}"), NULL), NULL),
                                        NULL), NULL), NULL);
    jset(p, "PolicyDocument", jsub(x, "%s", cfn_dumps(x, doc)));
    json_decref(doc);
    *policy = rp;
    return lg;
}

static void domain_security(Cfn *x, CComp *cc, json_t *p)
{
    const char *master = cfn_param_id(x, cc, "MasterUserArn", "String",
                                      "IAM role or user that administers the domain (fine-grained "
                                      "access control master); map writer roles to OpenSearch roles with it.",
                                      NULL);
    jset(json_object_get(x->params, master), "AllowedPattern", js("^arn:aws[a-z-]*:iam::\\d{12}:(role|user)/.+$"));
    jset(p, "AdvancedSecurityOptions",
         jo("Enabled", jb(true), "InternalUserDatabaseEnabled", jb(false),
            "MasterUserOptions", jo("MasterUserARN", jref(master), NULL), NULL));
    const char *access = cfn_text(cc, "access");
    if (access && strcmp(access, "cognito") == 0) {
        const char *up = cfn_param_id(x, cc, "UserPoolId", "String", "Cognito user pool analysts sign in with.", NULL);
        const char *ip = cfn_param_id(x, cc, "IdentityPoolId", "String", "Cognito identity pool of the domain.", NULL);
        const char *rl = cfn_param_id(x, cc, "CognitoRoleArn", "String",
                                      "Role with AmazonOpenSearchServiceCognitoAccess that lets the domain configure Cognito.", NULL);
        jset(p, "CognitoOptions", jo("Enabled", jb(true), "UserPoolId", jref(up),
                                     "IdentityPoolId", jref(ip), "RoleArn", jref(rl), NULL));
    }
    static const char *const http[] = {"es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost",
                                       "es:ESHttpPut", "es:ESHttpPatch", "es:ESHttpDelete", NULL};
    json_t *st = jo("Sid", js("AccountPrincipalsWithIamPermission"), "Effect", js("Allow"),
                    "Principal", jo("AWS", jsub(x, "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"), NULL),
                    "Action", jstrs(http), "Resource", cfn_arn_path(x, cc, "*"), NULL);
    jset(p, "AccessPolicies", jo("Version", js("2012-10-17"), "Statement", ja(st, NULL), NULL));
}

void cfn_build_opensearch(Cfn *x, CComp *cc)
{
    json_t *dn = cfn_param(x, cc->aux, "String", "Name of the OpenSearch domain.");
    jset(dn, "Default", js(cfn_kebab(x, cc->c->name, 28)));
    jset(dn, "AllowedPattern", js("^[a-z][a-z0-9-]{2,27}$"));
    const char *policy;
    const char *lg = domain_logs(x, cc, &policy);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::OpenSearchService::Domain");
    cfn_depends(x, cc->id, policy);
    cfn_policy_attr(x, cc->id, "Retain");
    jset(p, "DomainName", jref(cc->aux));
    jset(p, "EngineVersion", js("OpenSearch_2.19"));
    int64_t nodes = cfn_int(cc, "nodes", 2);
    json_t *cfg = jo("InstanceType", js(cfn_text(cc, "instance")), "InstanceCount", ji(nodes), NULL);
    zone_awareness(cfg, nodes);
    jset(p, "ClusterConfig", cfg);
    jset(p, "EBSOptions", jo("EBSEnabled", jb(true), "VolumeType", js("gp3"),
                             "VolumeSize", ji(cfn_int(cc, "volume", 100 * GIB) / GIB), NULL));
    jset(p, "EncryptionAtRestOptions", jo("Enabled", jb(true), NULL));
    jset(p, "NodeToNodeEncryptionOptions", jo("Enabled", jb(true), NULL));
    jset(p, "DomainEndpointOptions", jo("EnforceHTTPS", jb(true),
                                        "TLSSecurityPolicy", js("Policy-Min-TLS-1-2-PFS-2023-10"), NULL));
    domain_security(x, cc, p);
    json_t *log = jo("Enabled", jb(true), "CloudWatchLogsLogGroupArn", jatt(lg, "Arn"), NULL);
    jset(p, "LogPublishingOptions", jo("ES_APPLICATION_LOGS", log, "AUDIT_LOGS", json_deep_copy(log), NULL));
    if (cc->c->in.n)
        cfn_note(x, cc, "fine-grained access control: map the roles that write to the domain to an "
                        "OpenSearch role (security plugin REST API, as the master user)");
    cfn_output(x, cfn_printf(x, "%sEndpoint", cc->id), jatt(cc->id, "DomainEndpoint"), NULL);
}
