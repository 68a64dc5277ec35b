/* Internal API of the CloudFormation emitter (emit_cfn.c and cfn_*.c).
 *
 * The emitter builds ONE jansson tree (objects keep insertion order) from the
 * checked model, then serialises it as JSON (jansson) or YAML (libyaml
 * emitter), so both formats always describe the same template.
 *
 *   pass 0  plan          logical IDs, service kinds, flags that later passes
 *                         read (bucket notifications, service-principal writers)
 *   pass 1  cfn_build_*   the resources of each component, in source order
 *   pass 2  cfn_wire_*    every flow and `transform` reference
 *   pass 3  finishing     IAM policies, empty lists, key order, Metadata
 *
 * Intrinsics are the long JSON forms ({"Ref": x}, {"Fn::GetAtt": [a, b]},
 * {"Fn::Sub": s}), valid in both formats.
 *
 * The tree's nodes live in an arena for the build (emit_cfn.c): jansson's
 * allocator serves it, so text jansson returns must not be free()d (use
 * cfn_dumps, not json_dumps). Lookups are indexed (components by model
 * index, logical IDs, Sids): a template of n components costs O(n). */
#ifndef PIPE_CFN_H
#define PIPE_CFN_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "hashmap.h"
#include "model.h"
#include "value.h"

/* What a component becomes. Mapped from Service.id in ONE table (emit_cfn.c). */
typedef enum {
    CK_NONE,       /* no CloudFormation resource (external system, retired service) */
    CK_CODE,       /* external code (KPL, KCL, agent, Spark...): a managed policy */
    CK_IOT, CK_KINESIS, CK_FIREHOSE, CK_FLINK, CK_SQS, CK_SNS, CK_EVENTS,
    CK_PIPELINE, CK_S3, CK_LAMBDA, CK_APP, CK_DYNAMODB, CK_RDS, CK_REDSHIFT,
    CK_GLUE, CK_GLUEJOB, CK_EMR, CK_ATHENA, CK_OPENSEARCH, CK_SAGEMAKER,
    CK_QUICKSIGHT, CK_LOGS, CK_DMS,
    CK_COUNT
} CfnKind;

/* Service facts beyond the kind (same table). */
enum { CF_KCL = 1, CF_SPLUNK = 2, CF_TERADATA = 4 };

typedef struct Cfn Cfn;
typedef struct CComp CComp;

/* An IAM principal the template defines: an AWS::IAM::Role, or an
 * AWS::IAM::ManagedPolicy for code that runs outside the template. */
typedef struct CfnRole {
    const char *id;
    json_t *stmts; /* Statement array (borrowed, lives in the tree) */
    bool managed;
    /* A grant merges into a statement of the same Sid: finding them, and a
     * free number for a new one, must not scan every statement (a role with
     * thousands of flows). Sid -> PtrVec of its statements, in order; and
     * Sid -> the next number to try. */
    HashMap by_sid, sid_next;
} CfnRole;

struct CComp {
    const MComponent *c;
    CfnKind kind;
    const char *id;        /* CamelCase logical ID (unique) */
    const char *why;       /* CK_NONE: why nothing is emitted */
    CfnRole *role;         /* receives the grants of its flows; NULL if none */
    json_t *props;         /* Properties of the main resource */
    json_t *resources;     /* logical IDs emitted for it (Metadata) */
    json_t *env;           /* Lambda Environment.Variables, Flink PropertyMap */
    json_t *policy;        /* SQS/SNS resource policy Statement array, lazily */
    const char *policy_id; /* its QueuePolicy/TopicPolicy */
    /* kind-specific names: Lambda DLQ, Glue database, OpenSearch domain-name
     * parameter, SQS dead-letter queue, Firehose log stream (aux) and log group (aux2) */
    const char *aux;
    const char *aux2;
    /* planning flags */
    bool notifies;         /* S3: has event notifications (computed name) */
    bool svc_writer;       /* SQS/SNS: a service principal writes (S3, SNS, EventBridge) */
    bool async;            /* Lambda: invoked asynchronously (S3, SNS, IoT, Logs, Events) */
    bool stream;           /* DynamoDB: Streams on */
    unsigned flags;        /* CF_* from the service table */
    const MFlow *fh_source;/* Firehose: the Kinesis stream it reads */
    const MFlow *fh_dest;  /* Firehose: the destination it delivers to */
    const CComp *transform;/* Firehose: the first `transform` it names */
    int notifications;     /* S3: flows to Lambda, SQS or SNS */
};

struct Cfn {
    const Model *m;
    const char *source_name;
    Arena *arena;
    json_t *params, *res, *outs;
    HashMap used;          /* logical IDs taken (params and resources) */
    HashMap used_next;     /* cfn_id: stem -> next number to try */
    HashMap out_names, out_next; /* the same for the names of outputs */
    json_t *unwired;       /* Metadata: flows without a CloudFormation wiring */
    json_t *notes;         /* Metadata: what the template leaves to the user */
    CComp *comps;
    int ncomps;
    const char *key_id;    /* shared KMS key for service-principal publishers */
    json_t *key_stmts;     /* its key policy statements */
    PtrVec roles;          /* CfnRole * */
};

/* --- JSON helpers (cfn_util.c) ------------------------------------------ */
json_t *js(const char *s);
json_t *ji(int64_t i);
json_t *jb(bool b);
/* Object from key/value pairs, NULL-terminated: jo("A", js("x"), NULL). */
json_t *jo(const char *k, ...);
/* Array of values, NULL-terminated. */
json_t *ja(json_t *v, ...);
json_t *jstrs(const char *const *v); /* NULL-terminated string list */
void jset(json_t *o, const char *k, json_t *v);
void jpush(json_t *a, json_t *v);
json_t *jref(const char *id);
json_t *jatt(const char *id, const char *attr);
json_t *jsub(Cfn *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* {"Fn::Sub": [fmt, vars]} */
json_t *jsubv(const char *s, json_t *vars);
/* User text placed inside an Fn::Sub template: `${` becomes `${!`, so it
 * stays literal instead of naming a parameter or pseudo parameter. */
const char *cfn_sub_literal(Cfn *x, const char *text);
json_t *jsel(int i, json_t *list);
/* Compact JSON text of v (arena). */
const char *cfn_dumps(Cfn *x, const json_t *v);
/* A string or an array: one action as a string, several as a list. */
json_t *jlist_or_one(json_t *arr);

/* --- template building (cfn_util.c) ------------------------------------- */
char *cfn_printf(Cfn *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* CamelCase of a name, alphanumerics only ("raw_events" -> "RawEvents"). */
char *cfn_camel(Cfn *x, const char *name);
/* At most max bytes, cut on a UTF-8 boundary. */
char *cfn_trunc(Cfn *x, const char *s, size_t max);
/* Lower-case, dash-separated ("raw_events" -> "raw-events"), max n chars. */
char *cfn_kebab(Cfn *x, const char *name, int n);
/* A fresh logical ID base+suffix (numbered on collision). */
const char *cfn_id(Cfn *x, const char *base, const char *suffix);
/* Marks id (a literal or arena text) as taken. */
void cfn_reserve(Cfn *x, const char *id);
/* New resource owned by cc (may be NULL); returns its Properties object. */
json_t *cfn_resource(Cfn *x, CComp *cc, const char *id, const char *type);
json_t *cfn_res(Cfn *x, const char *id); /* the resource object itself */
void cfn_policy_attr(Cfn *x, const char *id, const char *policy); /* Deletion+UpdateReplace */
void cfn_depends(Cfn *x, const char *id, const char *on);
/* A parameter (created once, returned again by name). */
json_t *cfn_param(Cfn *x, const char *name, const char *type, const char *desc);
const char *cfn_param_id(Cfn *x, CComp *cc, const char *suffix, const char *type,
                         const char *desc, json_t *deflt);
void cfn_output(Cfn *x, const char *name, json_t *value, const char *desc);
void cfn_note(Cfn *x, const CComp *cc, const char *text);
void cfn_unwired(Cfn *x, const MFlow *f, const char *why);
CComp *cfn_comp(Cfn *x, const MComponent *c);

/* Shared parameters (names reserved up front). */
json_t *cfn_subnets(Cfn *x);        /* {"Ref": "SubnetIds"} */
json_t *cfn_security_groups(Cfn *x);
json_t *cfn_code_bucket(Cfn *x);    /* {"Ref": "CodeBucketName"} */
json_t *cfn_log_retention(Cfn *x);  /* {"Ref": "LogRetentionDays"} */
/* Log group with retention, owned by cc; returns its ID. */
const char *cfn_log_group(Cfn *x, CComp *cc, const char *suffix, json_t *retention);

/* Property access on a component. */
int64_t cfn_int(const CComp *cc, const char *prop, int64_t dflt);
const char *cfn_text(const CComp *cc, const char *prop);
bool cfn_bool(const CComp *cc, const char *prop, bool dflt);

/* --- references to a component's main resource (cfn_util.c) ------------- */
json_t *cfn_arn(Cfn *x, const CComp *cc);                  /* ARN */
json_t *cfn_arn_path(Cfn *x, const CComp *cc, const char *path); /* ARN + "/path" */
json_t *cfn_name(Cfn *x, const CComp *cc);                 /* name / Ref */
/* S3 bucket (computed name when it has notifications, else GetAtt/Ref). */
json_t *cfn_bucket_name(Cfn *x, const CComp *cc);
json_t *cfn_bucket_arn(Cfn *x, const CComp *cc, const char *path);
json_t *cfn_bucket_url(Cfn *x, const CComp *cc, const char *path); /* s3://b/path */
/* Secure bucket owned by cc (encryption, public access block, TLS policy). */
const char *cfn_bucket(Cfn *x, CComp *cc, const char *suffix, int64_t expire_days,
                       bool versioning);

/* --- IAM (cfn_iam.c) ----------------------------------------------------- */
/* Role assumed by a service principal; cond: trust condition or NULL. */
CfnRole *cfn_role(Cfn *x, CComp *cc, const char *suffix, const char *principal,
                  json_t *cond);
CfnRole *cfn_managed_policy(Cfn *x, CComp *cc, const char *suffix, const char *desc);
/* Adds actions (NULL-terminated) on resources (a value or an array). */
void cfn_allow(CfnRole *r, const char *sid, const char *const *actions, json_t *resources);
void cfn_allow_cond(CfnRole *r, const char *sid, const char *const *actions,
                    json_t *resources, json_t *cond);
bool cfn_grant_write(Cfn *x, CfnRole *r, CComp *target);
bool cfn_grant_read(Cfn *x, CfnRole *r, CComp *source);
void cfn_grant_logs(Cfn *x, CfnRole *r, const char *log_group);
void cfn_grant_code(Cfn *x, CfnRole *r, const char *key_param);
bool cfn_grant_secret(Cfn *x, CfnRole *r, const CComp *db);
void cfn_grant_table_stream(Cfn *x, CfnRole *r, CComp *table);
void cfn_allow_vpc_enis(CfnRole *r);
/* Shared KMS key for topics written by a service principal. */
const char *cfn_kms_key(Cfn *x, const char *service_principal);
void cfn_finish_roles(Cfn *x);
/* Lambda permission for a service principal; returns its ID. */
const char *cfn_lambda_permission(Cfn *x, CComp *fn, const char *principal,
                                  json_t *source_arn, const char *suffix);
/* SQS/SNS resource policy statement for a service principal. */
void cfn_resource_policy(Cfn *x, CComp *target, const char *principal,
                         json_t *source_arn, const char *sid);

/* --- resources (cfn_res_*.c) --------------------------------------------- */
typedef void (*CfnBuild)(Cfn *x, CComp *cc);
void cfn_build_iot(Cfn *, CComp *);
void cfn_build_kinesis(Cfn *, CComp *);
void cfn_build_firehose(Cfn *, CComp *);
void cfn_build_flink(Cfn *, CComp *);
void cfn_build_sqs(Cfn *, CComp *);
void cfn_build_sns(Cfn *, CComp *);
void cfn_build_events(Cfn *, CComp *);
void cfn_build_pipeline(Cfn *, CComp *);
void cfn_build_s3(Cfn *, CComp *);
void cfn_build_lambda(Cfn *, CComp *);
void cfn_build_app(Cfn *, CComp *);
void cfn_build_dynamodb(Cfn *, CComp *);
void cfn_build_rds(Cfn *, CComp *);
void cfn_build_redshift(Cfn *, CComp *);
void cfn_build_glue(Cfn *, CComp *);
void cfn_build_gluejob(Cfn *, CComp *);
void cfn_build_emr(Cfn *, CComp *);
void cfn_build_athena(Cfn *, CComp *);
void cfn_build_opensearch(Cfn *, CComp *);
void cfn_build_sagemaker(Cfn *, CComp *);
void cfn_build_quicksight(Cfn *, CComp *);
void cfn_build_logs(Cfn *, CComp *);
void cfn_build_dms(Cfn *, CComp *);
void cfn_build_code(Cfn *, CComp *);

/* JDBC URL of an RDS component; a Glue JDBC connection to RDS or Redshift. */
json_t *cfn_rds_jdbc(Cfn *x, const CComp *rds);
int cfn_rds_port(const CComp *rds);
const char *cfn_glue_connection(Cfn *x, CComp *owner, CComp *db);
/* QuickSight: true when a data source of this kind is emitted. */
bool cfn_quicksight_source(const CComp *from);

/* --- wiring (cfn_wiring*.c) -------------------------------- */
void cfn_wire_flow(Cfn *x, const MFlow *f);
void cfn_wire_ref(Cfn *x, const MRef *r);
/* Firehose delivery (called by cfn_build_firehose). */
void cfn_firehose_destination(Cfn *x, CComp *fh);
/* Per-pair handlers; true when the flow is wired. */
bool cfn_wire_iot(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_s3_notify(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_esm(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_sns(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_events(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_logs(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_flink_in(Cfn *x, const MFlow *f, CComp *from, CComp *to);
bool cfn_wire_flink_out(Cfn *x, const MFlow *f, CComp *from, CComp *to);

#endif
