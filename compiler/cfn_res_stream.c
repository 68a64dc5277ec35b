/* CloudFormation emitter: IoT topic rules, Firehose delivery streams,
 * Managed Flink applications and EventBridge rules. Rule actions, targets,
 * Firehose sources and destinations are completed in cfn_wiring*.c. */
#include <string.h>

#include "cfn.h"

static json_t *account_condition(void)
{
    return jo("StringEquals", jo("aws:SourceAccount", jref("AWS::AccountId"), NULL), NULL);
}

/* --- IoT ------------------------------------------------------------------------ */

void cfn_build_iot(Cfn *x, CComp *cc)
{
    static const char *const logs[] = {"logs:CreateLogStream", "logs:DescribeLogStreams",
                                       "logs:PutLogEvents", NULL};
    cc->role = cfn_role(x, cc, "Role", "iot.amazonaws.com", account_condition());
    const char *errors = cfn_log_group(x, cc, "Errors", NULL);
    cfn_allow(cc->role, "ErrorLogs", logs, jatt(errors, "Arn"));
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::IoT::TopicRule");
    const char *sql = cfn_text(cc, "sql");
    if (!sql || !*sql)
        sql = cfn_printf(x, "SELECT * FROM '%s'", cfn_text(cc, "topic"));
    cc->env = json_array();
    json_t *err = jo("CloudwatchLogs", jo("LogGroupName", jref(errors),
                                          "RoleArn", jatt(cc->role->id, "Arn"), NULL), NULL);
    jset(p, "TopicRulePayload", jo("AwsIotSqlVersion", js("2016-03-23"), "RuleDisabled", jb(false),
                                   "Sql", js(sql), "Actions", cc->env, "ErrorAction", err, NULL));
    cfn_output(x, cfn_printf(x, "%sRuleArn", cc->id), jatt(cc->id, "Arn"), NULL);
}

/* --- Firehose ---------------------------------------------------------------------- */

void cfn_build_firehose(Cfn *x, CComp *cc)
{
    static const char *const logs[] = {"logs:PutLogEvents", NULL};
    json_t *ext = jo("StringEquals", jo("sts:ExternalId", jref("AWS::AccountId"), NULL), NULL);
    cc->role = cfn_role(x, cc, "Role", "firehose.amazonaws.com", ext);
    const char *lg = cc->aux2 = cfn_log_group(x, cc, "Logs", NULL);
    const char *ls = cc->aux = cfn_id(x, cc->id, "LogStream");
    json_t *s = cfn_resource(x, cc, ls, "AWS::Logs::LogStream");
    jset(s, "LogGroupName", jref(lg));
    jset(s, "LogStreamName", js("delivery"));
    cfn_allow(cc->role, "DeliveryLogs", logs,
              jsub(x, "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${%s}:log-stream:*", lg));
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::KinesisFirehose::DeliveryStream");
    if (cc->fh_source) {
        CComp *src = cfn_comp(x, cc->fh_source->from);
        jset(p, "DeliveryStreamType", js("KinesisStreamAsSource"));
        jset(p, "KinesisStreamSourceConfiguration",
             jo("KinesisStreamARN", jatt(src->id, "Arn"), "RoleARN", jatt(cc->role->id, "Arn"), NULL));
    } else {
        /* Server-side encryption only for Direct PUT: with a Kinesis source the
         * stream is encrypted instead (mapping.md; cfn-lint misses the mix). */
        jset(p, "DeliveryStreamType", js("DirectPut"));
        jset(p, "DeliveryStreamEncryptionConfigurationInput", jo("KeyType", js("AWS_OWNED_CMK"), NULL));
    }
    cfn_firehose_destination(x, cc);
    cfn_output(x, cfn_printf(x, "%sDeliveryStreamArn", cc->id), jatt(cc->id, "Arn"), NULL);
}

/* --- Managed Service for Apache Flink ----------------------------------------------- */

static const char *flink_runtime(Cfn *x, const CComp *cc)
{
    const char *r = cfn_text(cc, "runtime"); /* flink_1_20 -> FLINK-1_20 */
    if (!r || strncmp(r, "flink_", 6) != 0)
        return "FLINK-1_20";
    return cfn_printf(x, "FLINK-%s", r + 6);
}

static void flink_logging(Cfn *x, CComp *cc, const char *lg)
{
    static const char *const acts[] = {"logs:DescribeLogGroups", "logs:DescribeLogStreams",
                                       "logs:PutLogEvents", NULL};
    const char *ls = cfn_id(x, cc->id, "LogStream");
    json_t *s = cfn_resource(x, cc, ls, "AWS::Logs::LogStream");
    jset(s, "LogGroupName", jref(lg));
    jset(s, "LogStreamName", js("flink"));
    const char *stream_arn = cfn_printf(x, "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                                           "log-group:${%s}:log-stream:${%s}", lg, ls);
    cfn_allow(cc->role, "Logs", acts, ja(jatt(lg, "Arn"), jsub(x, "%s", stream_arn), NULL));
    const char *opt = cfn_id(x, cc->id, "Logging");
    json_t *o = cfn_resource(x, cc, opt, "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption");
    jset(o, "ApplicationName", jref(cc->id));
    jset(o, "CloudWatchLoggingOption", jo("LogStreamARN", jsub(x, "%s", stream_arn), NULL));
}

void cfn_build_flink(Cfn *x, CComp *cc)
{
    cc->role = cfn_role(x, cc, "Role", "kinesisanalytics.amazonaws.com", account_condition());
    const char *key = cfn_param_id(x, cc, "CodeKey", "String",
                                   cfn_printf(x, "Key of the %s application jar in CodeBucketName; "
                                                 "sources and sinks are in its PropertyMap.", cc->c->name),
                                   js(cfn_printf(x, "flink/%s.jar", cc->c->name)));
    cfn_grant_code(x, cc->role, key);
    const char *lg = cfn_log_group(x, cc, "Logs", NULL);
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::KinesisAnalyticsV2::Application");
    jset(p, "RuntimeEnvironment", js(flink_runtime(x, cc)));
    jset(p, "ApplicationMode", js("STREAMING"));
    jset(p, "ServiceExecutionRole", jatt(cc->role->id, "Arn"));
    json_t *code = jo("CodeContentType", js("ZIPFILE"),
                      "CodeContent", jo("S3ContentLocation",
                                        jo("BucketARN", jsub(x, "arn:${AWS::Partition}:s3:::${CodeBucketName}"),
                                           "FileKey", jref(key), NULL), NULL), NULL);
    cc->env = jo("aws.region", jref("AWS::Region"), NULL);
    json_t *groups = ja(jo("PropertyGroupId", js("FlinkApplicationProperties"), "PropertyMap", cc->env, NULL), NULL);
    json_t *flink = jo("CheckpointConfiguration", jo("ConfigurationType", js("DEFAULT"), NULL),
                       "MonitoringConfiguration", jo("ConfigurationType", js("CUSTOM"), "LogLevel", js("INFO"),
                                                     "MetricsLevel", js("APPLICATION"), NULL),
                       "ParallelismConfiguration", jo("ConfigurationType", js("CUSTOM"),
                                                      "Parallelism", ji(cfn_int(cc, "parallelism", 1)),
                                                      "ParallelismPerKPU", ji(1),
                                                      "AutoScalingEnabled", jb(true), NULL), NULL);
    jset(p, "ApplicationConfiguration",
         jo("ApplicationCodeConfiguration", code,
            "ApplicationSnapshotConfiguration", jo("SnapshotsEnabled", jb(true), NULL),
            "EnvironmentProperties", jo("PropertyGroups", groups, NULL),
            "FlinkApplicationConfiguration", flink, NULL));
    flink_logging(x, cc, lg);
    cfn_output(x, cfn_printf(x, "%sApplicationName", cc->id), jref(cc->id), NULL);
}

/* --- EventBridge -------------------------------------------------------------------------- */

void cfn_build_events(Cfn *x, CComp *cc)
{
    json_t *p = cc->props = cfn_resource(x, cc, cc->id, "AWS::Events::Rule");
    const char *sched = cfn_text(cc, "schedule"), *pattern = cfn_text(cc, "pattern");
    jset(p, "Description", js(cc->c->label ? cc->c->label : cc->c->name));
    json_t *pat = pattern ? json_loads(pattern, 0, NULL) : NULL;
    if (pat)
        jset(p, "EventPattern", pat);
    else if (pattern)
        jset(p, "EventPattern", js(pattern));
    if (sched)
        jset(p, "ScheduleExpression", js(sched));
    if (!sched && !pattern) {
        const char *id = cfn_param_id(x, cc, "Schedule", "String",
                                      "When the rule runs: rate(...) or cron(...).", js("rate(1 day)"));
        jset(p, "ScheduleExpression", jref(id));
    }
    jset(p, "State", js("ENABLED"));
    cc->env = json_array();
    jset(p, "Targets", cc->env);
    cfn_output(x, cfn_printf(x, "%sRuleArn", cc->id), jatt(cc->id, "Arn"), NULL);
}
