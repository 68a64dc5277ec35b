/* CloudFormation emitter: the service table, the passes that build the
 * template tree (see cfn.h) and its two serialisations, JSON with jansson
 * and YAML with the libyaml emitter, walking the same tree. */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "cfn.h"
#include "emit.h"

/* --- the ONE table: service id -> what it becomes ----------------------------------- */

static const struct {
    const char *service;
    CfnKind kind;
    CfnBuild build;
    unsigned flags;
} services[] = {
    {"iot_core", CK_IOT, cfn_build_iot, 0},
    {"kinesis_streams", CK_KINESIS, cfn_build_kinesis, 0},
    {"firehose", CK_FIREHOSE, cfn_build_firehose, 0},
    {"kinesis_analytics", CK_FLINK, cfn_build_flink, 0},
    {"sqs", CK_SQS, cfn_build_sqs, 0},
    {"sns", CK_SNS, cfn_build_sns, 0},
    {"cloudwatch_events", CK_EVENTS, cfn_build_events, 0},
    {"data_pipeline", CK_PIPELINE, cfn_build_pipeline, 0},
    {"s3", CK_S3, cfn_build_s3, 0},
    {"lambda", CK_LAMBDA, cfn_build_lambda, 0},
    {"app", CK_APP, cfn_build_app, 0},
    {"dynamodb", CK_DYNAMODB, cfn_build_dynamodb, 0},
    {"rds", CK_RDS, cfn_build_rds, 0},
    {"redshift", CK_REDSHIFT, cfn_build_redshift, 0},
    {"glue", CK_GLUE, cfn_build_glue, 0},
    {"glue_job", CK_GLUEJOB, cfn_build_gluejob, 0},
    {"emr", CK_EMR, cfn_build_emr, 0},
    {"athena", CK_ATHENA, cfn_build_athena, 0},
    {"opensearch", CK_OPENSEARCH, cfn_build_opensearch, 0},
    {"sagemaker", CK_SAGEMAKER, cfn_build_sagemaker, 0},
    {"quicksight", CK_QUICKSIGHT, cfn_build_quicksight, 0},
    {"cloudwatch_logs", CK_LOGS, cfn_build_logs, 0},
    {"dms", CK_DMS, cfn_build_dms, 0},
    {"kpl", CK_CODE, cfn_build_code, 0},
    {"kinesis_agent", CK_CODE, cfn_build_code, 0},
    {"kcl", CK_CODE, cfn_build_code, CF_KCL},
    {"spark", CK_CODE, cfn_build_code, 0},
    {"kafka_connect", CK_CODE, cfn_build_code, 0},
    {"logstash", CK_CODE, cfn_build_code, 0},
    {"splunk", CK_NONE, NULL, CF_SPLUNK},
    {"teradata", CK_NONE, NULL, CF_TERADATA},
};

/* Names every template may use for its shared parameters and key. */
static const char *const reserved[] = {"SubnetIds", "SecurityGroupIds", "CodeBucketName", "LogRetentionDays",
                                       "ImageId", "QuickSightPrincipalArn", "QuickSightVpcConnectionArn",
                                       "NotificationKey", NULL};

static void classify(Cfn *x, CComp *cc)
{
    const Service *s = cc->c->service;
    for (size_t i = 0; s && i < sizeof services / sizeof services[0]; i++)
        if (strcmp(services[i].service, s->id) == 0) {
            cc->kind = services[i].kind;
            cc->flags = services[i].flags;
        }
    if (cc->kind == CK_NONE)
        cc->why = !s ? "unknown service"
                  : s->cfn.n ? cfn_printf(x, "no CloudFormation mapping for %s in this emitter", s->id)
                             : cfn_printf(x, "%s has no CloudFormation resource", s->title);
}

/* --- pass 0: IDs and the facts later passes need ------------------------------------ */

static bool any_flow(Cfn *x, const CComp *cc, bool in, const CfnKind *kinds, int nk, unsigned flags)
{
    const PtrVec *v = in ? &cc->c->in : &cc->c->out;
    for (int i = 0; i < v->n; i++) {
        const MFlow *f = v->items[i];
        CComp *o = cfn_comp(x, in ? f->from : f->to);
        for (int k = 0; k < nk; k++)
            if (o->kind == kinds[k])
                return true;
        if (o->flags & flags)
            return true;
    }
    return false;
}

static const MFlow *first_flow(Cfn *x, const CComp *cc, bool in, const CfnKind *kinds, int nk, unsigned flags)
{
    const PtrVec *v = in ? &cc->c->in : &cc->c->out;
    for (int i = 0; i < v->n; i++) {
        const MFlow *f = v->items[i];
        CComp *o = cfn_comp(x, in ? f->from : f->to);
        for (int k = 0; k < nk; k++)
            if (o->kind == kinds[k])
                return f;
        if (o->flags & flags)
            return f;
    }
    return NULL;
}

static int count_flows(Cfn *x, const CComp *cc, bool in, const CfnKind *kinds, int nk)
{
    const PtrVec *v = in ? &cc->c->in : &cc->c->out;
    int n = 0;
    for (int i = 0; i < v->n; i++) {
        const MFlow *f = v->items[i];
        CComp *o = cfn_comp(x, in ? f->from : f->to);
        for (int k = 0; k < nk; k++)
            n += o->kind == kinds[k];
    }
    return n;
}

/* The first `transform` of each component, in one pass over the references
 * rather than one per Firehose. */
static void plan_transforms(Cfn *x)
{
    for (int i = 0; i < x->m->refs.n; i++) {
        const MRef *r = x->m->refs.items[i];
        CComp *from = cfn_comp(x, r->from);
        if (from && !from->transform && strcmp(r->prop, "transform") == 0)
            from->transform = cfn_comp(x, r->to);
    }
}

static void plan(Cfn *x)
{
    static const CfnKind notify[] = {CK_LAMBDA, CK_SQS, CK_SNS}, svc[] = {CK_S3, CK_SNS, CK_EVENTS},
                         async[] = {CK_S3, CK_SNS, CK_IOT, CK_LOGS, CK_EVENTS}, stream[] = {CK_LAMBDA, CK_APP},
                         kin[] = {CK_KINESIS}, dest[] = {CK_S3, CK_REDSHIFT, CK_OPENSEARCH};
    for (const char *const *r = reserved; *r; r++)
        cfn_reserve(x, *r);
    for (int i = 0; i < x->ncomps; i++) {
        CComp *cc = &x->comps[i];
        cc->c = x->m->components.items[i];
        cc->resources = json_array();
        classify(x, cc);
        cc->id = cfn_id(x, cfn_camel(x, cc->c->name), NULL);
    }
    /* Names others refer to before the component is built. */
    for (int i = 0; i < x->ncomps; i++)
        if (x->comps[i].kind == CK_OPENSEARCH)
            x->comps[i].aux = cfn_id(x, x->comps[i].id, "DomainName");
    for (int i = 0; i < x->ncomps; i++) {
        CComp *cc = &x->comps[i];
        cc->notifications = cc->kind == CK_S3 ? count_flows(x, cc, false, notify, 3) : 0;
        cc->notifies = cc->notifications > 0;
        cc->svc_writer = (cc->kind == CK_SQS || cc->kind == CK_SNS) && any_flow(x, cc, true, svc, 3, 0);
        cc->async = cc->kind == CK_LAMBDA && any_flow(x, cc, true, async, 5, 0);
        cc->stream = cc->kind == CK_DYNAMODB && any_flow(x, cc, false, stream, 2, CF_KCL);
        if (cc->kind == CK_FIREHOSE) {
            cc->fh_source = first_flow(x, cc, true, kin, 1, 0);
            cc->fh_dest = first_flow(x, cc, false, dest, 3, CF_SPLUNK);
        }
    }
    plan_transforms(x);
}

/* --- pass 3: finishing touches ----------------------------------------------------------- */

static void drop_empty(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v && (json_is_array(v) ? json_array_size(v) : json_object_size(v)) == 0)
        json_object_del(obj, key);
}

static void finish_components(Cfn *x)
{
    for (int i = 0; i < x->ncomps; i++) {
        CComp *cc = &x->comps[i];
        if (cc->kind == CK_LAMBDA && json_object_size(cc->env) == 0)
            json_object_del(cc->props, "Environment");
        if (cc->kind == CK_EVENTS)
            drop_empty(cc->props, "Targets");
        if (cc->kind == CK_GLUE) {
            json_t *t = json_object_get(cc->props, "Targets");
            drop_empty(t, "S3Targets");
            drop_empty(t, "DynamoDBTargets");
            drop_empty(t, "JdbcTargets");
        }
    }
}

static const char *const resource_keys[] = {"Type", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy",
                                            "Properties", NULL};

/* True when r holds only keys of resource_keys, in that order. */
static bool keys_in_order(json_t *r)
{
    const char *const *next = resource_keys;
    const char *k;
    json_t *v;
    json_object_foreach(r, k, v) {
        while (*next && strcmp(*next, k) != 0)
            next++;
        if (!*next)
            return false;
        next++;
    }
    return true;
}

/* Type, DependsOn, policies, Properties: the same order in every resource.
 * Most resources are already in order; only the others are rebuilt, not a
 * copy of every resource and of x->res. Replacing the value of an existing
 * key keeps its place in x->res. */
static void order_resources(Cfn *x)
{
    const char *id;
    json_t *r;
    json_object_foreach(x->res, id, r) {
        json_t *dep = json_object_get(r, "DependsOn");
        if (dep && json_array_size(dep) == 1)
            json_object_set(r, "DependsOn", json_array_get(dep, 0));
        if (keys_in_order(r))
            continue;
        json_t *n = json_object();
        for (const char *const *k = resource_keys; *k; k++)
            if (json_object_get(r, *k))
                json_object_set(n, *k, json_object_get(r, *k));
        json_object_set_new(x->res, id, n);
    }
}

static json_t *components_meta(Cfn *x, json_t **none)
{
    json_t *m = json_object();
    *none = json_array();
    for (int i = 0; i < x->ncomps; i++) {
        CComp *cc = &x->comps[i];
        json_t *res = json_array(), *v;
        size_t j;
        json_array_foreach(cc->resources, j, v) if (json_object_get(x->res, json_string_value(v)))
            json_array_append(res, v);
        json_t *e = jo("Service", js(cc->c->service ? cc->c->service->id : "?"), NULL);
        if (cc->c->label)
            jset(e, "Label", js(cc->c->label));
        if (cc->kind == CK_NONE) {
            jset(e, "NotTemplated", js(cc->why));
            jpush(*none, js(cfn_printf(x, "%s (%s)", cc->c->name,
                                       cc->c->service ? cc->c->service->short_title : "?")));
        }
        jset(e, "Resources", res);
        jset(m, cc->c->name, e);
    }
    return m;
}

static json_t *metadata(Cfn *x, json_t **none)
{
    const Model *m = x->m;
    json_t *p = jo("Source", js(x->source_name), "Pipeline", js(m->name), NULL);
    if (m->title)
        jset(p, "Title", js(m->title));
    if (m->owner)
        jset(p, "Owner", js(m->owner));
    if (m->region)
        jset(p, "Region", js(m->region));
    jset(p, "Components", components_meta(x, none));
    if (json_array_size(x->unwired))
        jset(p, "NotWired", json_incref(x->unwired));
    if (json_array_size(x->notes))
        jset(p, "Notes", json_incref(x->notes));
    json_t *md = jo("pipec", p, NULL);
    if (m->region)
        jset(md, "cfn-lint", jo("config", jo("regions", ja(js(m->region), NULL), NULL), NULL));
    return md;
}

/* At most 1024 bytes, cut on a UTF-8 boundary. */
static json_t *description(Cfn *x, json_t *none)
{
    const Model *m = x->m;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, m->title ? m->title : m->name);
    if (m->description)
        sb_printf(&b, ": %s", m->description);
    if (b.len && !strchr(".!?", b.data[b.len - 1]))
        sb_putc(&b, '.');
    size_t i, keep = b.len;
    json_t *v;
    StrBuf tail;
    sb_init(&tail);
    json_array_foreach(none, i, v) sb_printf(&tail, "%s%s", i ? ", " : " Not in this template: ", json_string_value(v));
    if (tail.len)
        sb_putc(&tail, '.');
    sb_printf(&tail, " Generated by pipec from %s.", x->source_name);
    size_t room = tail.len < 1024 ? 1024 - tail.len : 0;
    if (keep > room) {
        keep = room > 3 ? room - 3 : 0;
        while (keep > 0 && ((unsigned char)b.data[keep] & 0xC0) == 0x80)
            keep--;
        b.len = keep;
        sb_puts(&b, "...");
    }
    sb_putn(&b, tail.data, tail.len > 1024 ? 1024 : tail.len);
    json_t *d = json_stringn(b.data, b.len > 1024 ? 1024 : b.len);
    sb_free(&b);
    sb_free(&tail);
    return d ? d : js(m->name);
}

/* --- the driver --------------------------------------------------------------------------------- */

static void cfn_init(Cfn *x, const EmitContext *ctx)
{
    *x = (Cfn){.m = ctx->model, .source_name = ctx->source_name ? ctx->source_name : ctx->model->file};
    x->arena = arena_new();
    x->params = json_object();
    x->res = json_object();
    x->outs = json_object();
    hm_init(&x->used, x->arena);
    hm_init(&x->used_next, x->arena);
    hm_init(&x->out_names, x->arena);
    hm_init(&x->out_next, x->arena);
    x->unwired = json_array();
    x->notes = json_array();
    x->ncomps = ctx->model->components.n;
    x->comps = calloc((size_t)x->ncomps + 1, sizeof *x->comps);
}

static void cfn_free(Cfn *x)
{
    for (int i = 0; i < x->ncomps; i++)
        json_decref(x->comps[i].resources);
    json_decref(x->params);
    json_decref(x->res);
    json_decref(x->outs);
    json_decref(x->unwired);
    json_decref(x->notes);
    free(x->comps);
    arena_free(x->arena);
}

/* QuickSight last, whatever the declaration order: its data sources read
 * what the builders of their sources made (an Athena workgroup's policy). */
static void build_components(Cfn *x)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < x->ncomps; i++) {
            if ((x->comps[i].kind == CK_QUICKSIGHT) != (pass == 1))
                continue;
            for (size_t k = 0; k < sizeof services / sizeof services[0]; k++)
                if (x->comps[i].kind != CK_NONE && services[k].kind == x->comps[i].kind &&
                    services[k].build) {
                    services[k].build(x, &x->comps[i]);
                    break;
                }
        }
}

/* --- the tree's memory ---------------------------------------------------------------------------- */

/* A template of n components is millions of jansson nodes: malloc and free
 * of each, one by one, took some 40% of a large build, a share growing with
 * the heap (glibc merges the chunks as the tree is torn down). They
 * are made in an arena instead and dropped all at once. jansson takes its
 * allocator process-wide, so ours serves the arena of the build running on
 * this thread and the heap to everyone else (other threads, jansson users
 * outside a build). Inside a build, never free() what jansson returns
 * (json_dumps): see cfn_dumps. */
static _Thread_local Arena *tree_arena;

static void *tree_alloc(size_t n) { return tree_arena ? arena_alloc(tree_arena, n) : malloc(n); }

/* A node freed during the build (a replaced value, a temporary list) stays
 * in the arena until the end; one freed outside comes from the heap. */
static void tree_free(void *p)
{
    if (!tree_arena)
        free(p);
}

static void install_allocator(void) { json_set_alloc_funcs(tree_alloc, tree_free); }

static json_t *build_tree(const EmitContext *ctx)
{
    Cfn x;
    cfn_init(&x, ctx);
    plan(&x);
    build_components(&x);
    for (int i = 0; i < ctx->model->flows.n; i++)
        cfn_wire_flow(&x, ctx->model->flows.items[i]);
    for (int i = 0; i < ctx->model->refs.n; i++)
        cfn_wire_ref(&x, ctx->model->refs.items[i]);
    cfn_finish_roles(&x);
    finish_components(&x);
    order_resources(&x);
    json_t *none, *md = metadata(&x, &none);
    json_t *root = jo("AWSTemplateFormatVersion", js("2010-09-09"), "Description", description(&x, none),
                      "Metadata", md, NULL);
    if (json_object_size(x.params))
        jset(root, "Parameters", json_incref(x.params));
    jset(root, "Resources", json_incref(x.res));
    if (json_object_size(x.outs))
        jset(root, "Outputs", json_incref(x.outs));
    json_decref(none);
    cfn_free(&x);
    return root;
}

/* The template, every node in *tree (a new arena): free it with arena_free
 * (no json_decref: nothing in it came from the heap). */
static json_t *build_template(const EmitContext *ctx, Arena **tree)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_allocator);
    *tree = tree_arena = arena_new();
    json_t *root = build_tree(ctx);
    tree_arena = NULL;
    return root;
}

/* --- JSON ----------------------------------------------------------------------------------------- */

static int json_write(const char *buf, size_t size, void *data)
{
    sb_putn(data, buf, size);
    return 0;
}

/* Straight into out: json_dumps would hold a second copy of the whole text. */
int emit_cfn_json(EmitContext *ctx, StrBuf *out)
{
    Arena *tree;
    json_t *root = build_template(ctx, &tree);
    size_t start = out->len;
    int rc = json_dump_callback(root, json_write, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    arena_free(tree);
    if (rc != 0) {
        out->len = start; /* nothing of a failed dump */
        if (out->data)
            out->data[start] = '\0';
        ctx->err = "jansson could not serialise the template";
        return -1;
    }
    sb_putc(out, '\n');
    return 0;
}

/* --- YAML ------------------------------------------------------------------------------------------- */

static int yaml_write(void *data, unsigned char *buf, size_t size)
{
    sb_putn(data, (const char *)buf, size);
    return 1;
}

/* A word some YAML reader takes for a boolean or null. Every scalar of the
 * template passes here: the length test spares the comparisons for most. */
static bool yaml_word(const char *s, size_t n)
{
    static const char *const words[] = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", NULL};
    if (n > 5)
        return false;
    for (const char *const *w = words; *w; w++)
        if (strcasecmp(s, *w) == 0)
            return true;
    return false;
}

/* Plain when a YAML reader cannot take it for anything but this string. */
static bool plain_safe(const char *s)
{
    size_t n = strlen(s);
    if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '/' || s[0] == '_') || s[n - 1] == ' ' || s[n - 1] == ':')
        return false;
    if (yaml_word(s, n))
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!isalnum(c) && !strchr("_./-:* ()+=@,", c))
            return false;
        if ((c == ':' && p[1] == ' ') || (c == ' ' && (p[1] == '#' || p[1] == ' ')))
            return false;
    }
    return true;
}

static int y_scalar(yaml_emitter_t *e, const char *s, size_t n, bool plain)
{
    yaml_event_t ev;
    bool block = n > 1 && s[0] != '\n' && s[0] != ' ' && s[n - 1] == '\n' && !strstr(s, " \n");
    yaml_scalar_style_t st = plain ? YAML_PLAIN_SCALAR_STYLE
                             : block ? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, 1, 1, st);
    return yaml_emitter_emit(e, &ev);
}

static int y_node(yaml_emitter_t *e, json_t *v)
{
    yaml_event_t ev;
    char num[64];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *c;
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                            json_object_size(v) ? YAML_BLOCK_MAPPING_STYLE : YAML_FLOW_MAPPING_STYLE);
        if (!yaml_emitter_emit(e, &ev))
            return 0;
        json_object_foreach(v, k, c) if (!y_scalar(e, k, strlen(k), plain_safe(k)) || !y_node(e, c)) return 0;
        yaml_mapping_end_event_initialize(&ev);
        return yaml_emitter_emit(e, &ev);
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *c;
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                             json_array_size(v) ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE);
        if (!yaml_emitter_emit(e, &ev))
            return 0;
        json_array_foreach(v, i, c) if (!y_node(e, c)) return 0;
        yaml_sequence_end_event_initialize(&ev);
        return yaml_emitter_emit(e, &ev);
    }
    case JSON_STRING:
        return y_scalar(e, json_string_value(v), json_string_length(v), plain_safe(json_string_value(v)));
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return y_scalar(e, num, strlen(num), true);
    case JSON_REAL:
        snprintf(num, sizeof num, "%.17g", json_real_value(v));
        return y_scalar(e, num, strlen(num), true);
    case JSON_TRUE: return y_scalar(e, "true", 4, true);
    case JSON_FALSE: return y_scalar(e, "false", 5, true);
    default: return y_scalar(e, "null", 4, true);
    }
}

static int y_document(yaml_emitter_t *e, json_t *root)
{
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    if (!yaml_emitter_emit(e, &ev))
        return 0;
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    if (!yaml_emitter_emit(e, &ev) || !y_node(e, root))
        return 0;
    yaml_document_end_event_initialize(&ev, 1);
    if (!yaml_emitter_emit(e, &ev))
        return 0;
    yaml_stream_end_event_initialize(&ev);
    return yaml_emitter_emit(e, &ev);
}

int emit_cfn_yaml(EmitContext *ctx, StrBuf *out)
{
    Arena *tree;
    json_t *root = build_template(ctx, &tree);
    yaml_emitter_t e;
    if (!yaml_emitter_initialize(&e)) {
        arena_free(tree);
        ctx->err = "libyaml could not start an emitter";
        return -1;
    }
    yaml_emitter_set_output(&e, yaml_write, out);
    yaml_emitter_set_unicode(&e, 1);
    yaml_emitter_set_width(&e, -1);
    yaml_emitter_set_indent(&e, 2);
    int ok = y_document(&e, root);
    if (!ok)
        ctx->err = e.problem ? e.problem : "libyaml could not write the template";
    yaml_emitter_delete(&e);
    arena_free(tree);
    return ok ? 0 : -1;
}
