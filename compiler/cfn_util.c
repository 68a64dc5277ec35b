/* CloudFormation emitter: JSON helpers, logical IDs, parameters, outputs and
 * the references every service uses (ARNs, names, secure buckets). */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfn.h"

/* --- JSON ------------------------------------------------------------------ */

json_t *js(const char *s) { return json_string(s ? s : ""); }
json_t *ji(int64_t i) { return json_integer((json_int_t)i); }
json_t *jb(bool b) { return json_boolean(b); }
void jset(json_t *o, const char *k, json_t *v) { json_object_set_new(o, k, v); }
void jpush(json_t *a, json_t *v) { json_array_append_new(a, v); }

json_t *jo(const char *k, ...)
{
    json_t *o = json_object();
    va_list ap;
    va_start(ap, k);
    for (; k; k = va_arg(ap, const char *)) {
        json_t *v = va_arg(ap, json_t *);
        if (v)
            json_object_set_new(o, k, v);
    }
    va_end(ap);
    return o;
}

json_t *ja(json_t *v, ...)
{
    json_t *a = json_array();
    va_list ap;
    va_start(ap, v);
    for (; v; v = va_arg(ap, json_t *))
        json_array_append_new(a, v);
    va_end(ap);
    return a;
}

json_t *jstrs(const char *const *v)
{
    json_t *a = json_array();
    for (; v && *v; v++)
        jpush(a, js(*v));
    return a;
}

json_t *jref(const char *id) { return jo("Ref", js(id), NULL); }
json_t *jatt(const char *id, const char *attr) { return jo("Fn::GetAtt", ja(js(id), js(attr), NULL), NULL); }
const char *cfn_sub_literal(Cfn *x, const char *text)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, "${")); p += 2)
        n++;
    if (n == 0)
        return text;
    char *out = cfn_printf(x, "%*s", (int)(strlen(text) + n), ""), *o = out;
    for (const char *p = text; *p; p++) {
        *o++ = *p;
        if (p[0] == '$' && p[1] == '{') {
            *o++ = *++p;
            *o++ = '!';
        }
    }
    *o = '\0';
    return out;
}

json_t *jsubv(const char *s, json_t *vars) { return jo("Fn::Sub", ja(js(s), vars, NULL), NULL); }
json_t *jsel(int i, json_t *list) { return jo("Fn::Select", ja(ji(i), list, NULL), NULL); }

json_t *jsub(Cfn *x, const char *fmt, ...)
{
    (void)x;
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    json_t *v = jo("Fn::Sub", js(s), NULL);
    free(s);
    return v;
}

/* Compact JSON text in the arena. Not json_dumps: its text comes from
 * jansson's allocator, which is the tree's arena during a build. */
const char *cfn_dumps(Cfn *x, const json_t *v)
{
    size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER, n = json_dumpb(v, NULL, 0, flags);
    char *text = arena_alloc(x->arena, n + 1);
    json_dumpb(v, text, n, flags);
    return text;
}

json_t *jlist_or_one(json_t *arr)
{
    if (json_is_array(arr) && json_array_size(arr) == 1) {
        json_t *one = json_incref(json_array_get(arr, 0));
        json_decref(arr);
        return one;
    }
    return arr;
}

/* --- names and IDs ------------------------------------------------------- */

char *cfn_printf(Cfn *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(x->arena, fmt, ap);
    va_end(ap);
    return s;
}

char *cfn_camel(Cfn *x, const char *name)
{
    size_t n = strlen(name);
    char *out = arena_alloc(x->arena, n + 2);
    size_t j = 0;
    bool up = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (!isalnum(ch) || ch >= 0x80) {
            up = true;
            continue;
        }
        out[j++] = up ? (char)toupper(ch) : (char)ch;
        up = false;
    }
    if (j == 0 || isdigit((unsigned char)out[0])) {
        memmove(out + 1, out, j);
        out[0] = 'C';
        j++;
    }
    out[j] = '\0';
    return out;
}

char *cfn_trunc(Cfn *x, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return arena_strndup(x->arena, s, n);
}

char *cfn_kebab(Cfn *x, const char *name, int max)
{
    char *out = arena_alloc(x->arena, (size_t)max + 1);
    int j = 0;
    for (const char *p = name; *p && j < max; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isalnum(ch) && ch < 0x80)
            out[j++] = (char)tolower(ch);
        else if (j > 0 && out[j - 1] != '-')
            out[j++] = '-';
    }
    while (j > 0 && out[j - 1] == '-')
        j--;
    if (j == 0)
        out[j++] = 'x';
    out[j] = '\0';
    return out;
}

/* The first of stem, stem2, stem3... not in taken; it is taken then. Names
 * are never given back, so the search on a stem resumes where the previous
 * one stopped (next: stem -> number to try): n names on one stem (many
 * components with one CamelCase) cost O(n), not O(n^2). Keys must outlive x:
 * literals or arena text. */
static const char *fresh_name(Cfn *x, HashMap *taken, HashMap *next, const char *stem)
{
    const char *id = stem;
    if (hm_get(taken, id)) {
        intptr_t n = (intptr_t)hm_get(next, stem);
        for (n = n ? n : 2; hm_get(taken, id = cfn_printf(x, "%s%jd", stem, (intmax_t)n)); n++)
            ;
        hm_set(next, stem, (void *)(n + 1));
    }
    hm_put(taken, id, (void *)1);
    return id;
}

const char *cfn_id(Cfn *x, const char *base, const char *suffix)
{
    return fresh_name(x, &x->used, &x->used_next, cfn_printf(x, "%s%s", base, suffix ? suffix : ""));
}

void cfn_reserve(Cfn *x, const char *id) { hm_put(&x->used, id, (void *)1); }

/* Called for every flow end, many times per component: the checker numbers
 * components in model order (MComponent.index), so the lookup is O(1); the
 * scan only serves a model built some other way. */
CComp *cfn_comp(Cfn *x, const MComponent *c)
{
    if (c && c->index >= 0 && c->index < x->ncomps && x->comps[c->index].c == c)
        return &x->comps[c->index];
    for (int i = 0; i < x->ncomps; i++)
        if (x->comps[i].c == c)
            return &x->comps[i];
    return NULL;
}

/* --- resources, parameters, outputs --------------------------------------- */

json_t *cfn_resource(Cfn *x, CComp *cc, const char *id, const char *type)
{
    json_t *props = json_object();
    jset(x->res, id, jo("Type", js(type), "Properties", props, NULL));
    if (cc)
        jpush(cc->resources, js(id));
    return props;
}

json_t *cfn_res(Cfn *x, const char *id) { return json_object_get(x->res, id); }

void cfn_policy_attr(Cfn *x, const char *id, const char *policy)
{
    json_t *r = cfn_res(x, id);
    jset(r, "DeletionPolicy", js(policy));
    jset(r, "UpdateReplacePolicy", js(policy));
}

void cfn_depends(Cfn *x, const char *id, const char *on)
{
    json_t *r = cfn_res(x, id);
    json_t *d = json_object_get(r, "DependsOn");
    if (!d) {
        d = json_array();
        jset(r, "DependsOn", d);
    }
    size_t i;
    json_t *v;
    json_array_foreach(d, i, v) if (strcmp(json_string_value(v), on) == 0) return;
    jpush(d, js(on));
}

json_t *cfn_param(Cfn *x, const char *name, const char *type, const char *desc)
{
    json_t *p = json_object_get(x->params, name);
    if (p)
        return p;
    p = jo("Type", js(type), NULL);
    if (desc)
        jset(p, "Description", js(desc));
    jset(x->params, name, p);
    cfn_reserve(x, name);
    return p;
}

const char *cfn_param_id(Cfn *x, CComp *cc, const char *suffix, const char *type,
                         const char *desc, json_t *deflt)
{
    const char *id = cfn_id(x, cc->id, suffix);
    json_t *p = cfn_param(x, id, type, desc);
    if (deflt)
        jset(p, "Default", deflt);
    return id;
}

void cfn_output(Cfn *x, const char *name, json_t *value, const char *desc)
{
    json_t *o = json_object();
    if (desc)
        jset(o, "Description", js(desc));
    jset(o, "Value", value);
    jset(x->outs, fresh_name(x, &x->out_names, &x->out_next, arena_strdup(x->arena, name)), o);
}

void cfn_note(Cfn *x, const CComp *cc, const char *text)
{
    jpush(x->notes, jo("Component", js(cc->c->name), "Note", js(text), NULL));
}

void cfn_unwired(Cfn *x, const MFlow *f, const char *why)
{
    jpush(x->unwired, jo("Flow", js(cfn_printf(x, "%s -> %s", f->from->name, f->to->name)),
                         "Via", js(f->link->via), "Reason", js(why), NULL));
}

/* --- shared parameters ------------------------------------------------------ */

json_t *cfn_subnets(Cfn *x)
{
    cfn_param(x, "SubnetIds", "List<AWS::EC2::Subnet::Id>",
              "Private subnets (at least three, in different Availability Zones) for the "
              "resources that run in a VPC: databases, clusters, Auto Scaling groups.");
    return jref("SubnetIds");
}

json_t *cfn_security_groups(Cfn *x)
{
    cfn_param(x, "SecurityGroupIds", "List<AWS::EC2::SecurityGroup::Id>",
              "Security groups for the resources in the VPC; they must allow the traffic "
              "between the components of this pipeline.");
    return jref("SecurityGroupIds");
}

json_t *cfn_code_bucket(Cfn *x)
{
    json_t *p = cfn_param(x, "CodeBucketName", "String",
                          "Existing S3 bucket holding the code packages (Lambda zip files, "
                          "Flink jars, Glue scripts) named by the *CodeKey parameters.");
    jset(p, "AllowedPattern", js("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"));
    return jref("CodeBucketName");
}

json_t *cfn_log_retention(Cfn *x)
{
    json_t *p = cfn_param(x, "LogRetentionDays", "Number",
                          "Days to keep the logs of functions, delivery streams and rules.");
    if (!json_object_get(p, "Default")) {
        jset(p, "Default", ji(30));
        static const int days[] = {1, 3, 5, 7, 14, 30, 60, 90, 180, 365, 731, 1827, 3653};
        json_t *a = json_array();
        for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
            jpush(a, ji(days[i]));
        jset(p, "AllowedValues", a);
    }
    return jref("LogRetentionDays");
}

const char *cfn_log_group(Cfn *x, CComp *cc, const char *suffix, json_t *retention)
{
    const char *id = cfn_id(x, cc->id, suffix);
    json_t *p = cfn_resource(x, cc, id, "AWS::Logs::LogGroup");
    jset(p, "RetentionInDays", retention ? retention : cfn_log_retention(x));
    cfn_policy_attr(x, id, "Delete");
    return id;
}

/* --- component properties ----------------------------------------------------- */

int64_t cfn_int(const CComp *cc, const char *prop, int64_t dflt)
{
    const Value *v = comp_value(cc->c, prop);
    return v ? value_int(v, dflt) : dflt;
}

const char *cfn_text(const CComp *cc, const char *prop)
{
    const Value *v = comp_value(cc->c, prop);
    return v ? value_text(v) : NULL;
}

bool cfn_bool(const CComp *cc, const char *prop, bool dflt)
{
    const Value *v = comp_value(cc->c, prop);
    return v ? value_bool(v, dflt) : dflt;
}

/* --- references ------------------------------------------------------------------ */

/* Buckets with event notifications get a name computed from the stack
 * (account, region, stack ID), so that grants can name the bucket without a
 * Ref or GetAtt on it: no circular dependency (mapping.md, template 02). */
static json_t *bucket_suffix(void)
{
    json_t *stack = jo("Fn::Split", ja(js("/"), jref("AWS::StackId"), NULL), NULL);
    json_t *uuid = jo("Fn::Split", ja(js("-"), jsel(2, stack), NULL), NULL);
    return jo("Suffix", jsel(4, uuid), NULL);
}

static const char *bucket_stem(Cfn *x, const CComp *cc)
{
    return cfn_printf(x, "%s-${AWS::AccountId}-${AWS::Region}-${Suffix}",
                      cfn_kebab(x, cc->c->name, 20));
}

json_t *cfn_bucket_name(Cfn *x, const CComp *cc)
{
    if (!cc->notifies)
        return jref(cc->id);
    return jsubv(bucket_stem(x, cc), bucket_suffix());
}

json_t *cfn_bucket_arn(Cfn *x, const CComp *cc, const char *path)
{
    if (cc->notifies)
        return jsubv(cfn_printf(x, "arn:${AWS::Partition}:s3:::%s%s%s", bucket_stem(x, cc),
                                path ? "/" : "", path ? path : ""),
                     bucket_suffix());
    if (!path)
        return jatt(cc->id, "Arn");
    return jsub(x, "${%s.Arn}/%s", cc->id, path);
}

json_t *cfn_bucket_url(Cfn *x, const CComp *cc, const char *path)
{
    if (cc->notifies)
        return jsubv(cfn_printf(x, "s3://%s/%s", bucket_stem(x, cc), path ? path : ""),
                     bucket_suffix());
    return jsub(x, "s3://${%s}/%s", cc->id, path ? path : "");
}

json_t *cfn_arn(Cfn *x, const CComp *cc)
{
    return cfn_arn_path(x, cc, NULL);
}

json_t *cfn_arn_path(Cfn *x, const CComp *cc, const char *path)
{
    const char *sep = path ? "/" : "", *p = path ? path : "";
    switch (cc->kind) {
    case CK_S3: return cfn_bucket_arn(x, cc, path);
    case CK_SNS: return path ? jsub(x, "${%s}%s%s", cc->id, sep, p) : jref(cc->id);
    case CK_SAGEMAKER: return jref(cc->id);
    case CK_OPENSEARCH:
        return jsub(x, "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/${%s}%s%s",
                    cc->aux, sep, p);
    case CK_ATHENA:
        return jsub(x, "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/${%s}",
                    cc->id);
    case CK_REDSHIFT:
        return jsub(x, "arn:${AWS::Partition}:redshift:${AWS::Region}:${AWS::AccountId}:cluster:${%s}",
                    cc->id);
    default:
        if (!path)
            return jatt(cc->id, "Arn");
        return jsub(x, "${%s.Arn}/%s", cc->id, path);
    }
}

json_t *cfn_name(Cfn *x, const CComp *cc)
{
    if (cc->kind == CK_S3)
        return cfn_bucket_name(x, cc);
    return jref(cc->id);
}

/* --- a secure bucket ---------------------------------------------------------------- */

/* The bucket policy may Ref the bucket even when it notifies: nothing the
 * bucket depends on refers to the policy. */
static void bucket_tls_policy(Cfn *x, CComp *cc, const char *id)
{
    const char *pid = cfn_id(x, id, "Policy");
    json_t *p = cfn_resource(x, cc, pid, "AWS::S3::BucketPolicy");
    jset(p, "Bucket", jref(id));
    json_t *deny = jo("Sid", js("DenyInsecureTransport"), "Effect", js("Deny"),
                      "Principal", js("*"), "Action", js("s3:*"),
                      "Resource", ja(jatt(id, "Arn"), jsub(x, "${%s.Arn}/*", id), NULL),
                      "Condition", jo("Bool", jo("aws:SecureTransport", js("false"), NULL), NULL),
                      NULL);
    jset(p, "PolicyDocument", jo("Version", js("2012-10-17"), "Statement", ja(deny, NULL), NULL));
}

const char *cfn_bucket(Cfn *x, CComp *cc, const char *suffix, int64_t expire_days, bool versioning)
{
    const char *id = suffix ? cfn_id(x, cc->id, suffix) : cc->id;
    json_t *p = cfn_resource(x, cc, id, "AWS::S3::Bucket");
    cfn_policy_attr(x, id, "Retain");
    if (!suffix && cc->notifies)
        jset(p, "BucketName", cfn_bucket_name(x, cc));
    json_t *sse = jo("ServerSideEncryptionByDefault", jo("SSEAlgorithm", js("AES256"), NULL), NULL);
    jset(p, "BucketEncryption", jo("ServerSideEncryptionConfiguration", ja(sse, NULL), NULL));
    jset(p, "PublicAccessBlockConfiguration",
         jo("BlockPublicAcls", jb(true), "BlockPublicPolicy", jb(true),
            "IgnorePublicAcls", jb(true), "RestrictPublicBuckets", jb(true), NULL));
    jset(p, "OwnershipControls",
         jo("Rules", ja(jo("ObjectOwnership", js("BucketOwnerEnforced"), NULL), NULL), NULL));
    if (versioning)
        jset(p, "VersioningConfiguration", jo("Status", js("Enabled"), NULL));
    json_t *rule = jo("Id", js(expire_days > 0 ? "expire-objects" : "abort-incomplete-uploads"),
                      "Status", js("Enabled"), NULL);
    if (expire_days > 0) {
        jset(rule, "ExpirationInDays", ji(expire_days));
        if (versioning)
            jset(rule, "NoncurrentVersionExpiration", jo("NoncurrentDays", ji(expire_days), NULL));
    }
    jset(rule, "AbortIncompleteMultipartUpload", jo("DaysAfterInitiation", ji(7), NULL));
    jset(p, "LifecycleConfiguration", jo("Rules", ja(rule, NULL), NULL));
    bucket_tls_policy(x, cc, id);
    return id;
}
