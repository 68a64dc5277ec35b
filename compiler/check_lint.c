/* Capacity lints from the seed's "EC2 for Big Data" and "Instance Types"
 * notes: spot on data nodes (W406), families that do not fit the workload
 * (W407), long-running clusters on demand (W408), and the SQS visibility
 * timeout a consuming Lambda needs (W409). Property names are the catalog's
 * [fixed] ones; which workloads fit which family is data (`family ... fits`). */
#include <string.h>

#include "check_int.h"
#include "strbuf.h"

static Span prop_span(const MComponent *c, const char *name)
{
    const MProp *p = comp_prop(c, name);
    return p && !mprop_is_default(p) ? p->span : c->name_span;
}

static bool is_spot(const Value *v)
{
    const char *t = value_text(v);
    return t && strcmp(t, "spot") == 0;
}

/* W406: spot capacity where losing an instance loses data or the cluster. */
static void spot_lints(Checker *ck, const MComponent *c)
{
    bool all_spot = is_spot(comp_value(c, "purchase"));
    static const char *const holders[] = {"master", "core"};
    const Value *groups[2] = {comp_value(c, "master"), comp_value(c, "core")};
    for (int i = 0; i < 2; i++) {
        if (!groups[i] || groups[i]->kind != V_BLOCK)
            continue;
        if (!all_spot && !is_spot(block_value(groups[i], "market")))
            continue;
        Span at = all_spot ? prop_span(c, "purchase") : prop_span(c, holders[i]);
        Diagnostic *g = check_warn(ck, "W406", c->span, at,
                                   "spot capacity on the %s nodes of `%s`", holders[i], c->name);
        diag_note(ck->diags, g, i == 0 ? "the master node runs the cluster: when AWS reclaims it, "
                                         "the whole cluster and its running steps are lost"
                                       : "core nodes hold HDFS data: when AWS reclaims them, "
                                         "that data is lost");
        diag_help(ck->diags, g, "keep %s nodes on demand (or reserved) and put spot capacity "
                                "on task nodes: task = { market = spot, ... }", holders[i]);
    }
    if (value_bool(comp_value(c, "spot"), false) && comp_value(c, "checkpoint") == NULL &&
        service_prop(c->service, "checkpoint")) {
        Diagnostic *g = check_warn(ck, "W406", c->span, prop_span(c, "spot"),
                                   "spot training on `%s` without a checkpoint location", c->name);
        diag_note(ck->diags, g, "spot instances can be interrupted at any time; without "
                                "checkpoints the training job starts over");
        diag_help(ck->diags, g, "add checkpoint = \"s3://bucket/checkpoints/\"");
    }
}

/* The workloads a component runs: EMR apps, a SageMaker framework, an app's
 * declared workload. */
static void workloads_of(Checker *ck, const MComponent *c, PtrVec *out)
{
    static const char *const props[] = {"apps", "framework", "workload"};
    for (int i = 0; i < 3; i++) {
        const Value *v = comp_value(c, props[i]);
        if (!v)
            continue;
        if (v->kind == V_LIST) {
            for (int k = 0; k < v->list.n; k++)
                if (value_text(v->list.items[k]))
                    vec_push(ck->arena, out, (void *)value_text(v->list.items[k]));
        } else if (value_text(v)) {
            vec_push(ck->arena, out, (void *)value_text(v));
        }
    }
}

/* W407 for one instance: the first workload that some family fits but this
 * instance's family does not. */
static void family_hint(Checker *ck, const MComponent *c, const char *role, const Value *inst,
                        Span at, const PtrVec *work)
{
    const char *text = value_text(inst);
    if (!text)
        return;
    const char *gen = NULL;
    const Family *f = catalog_family_of(ck->cat, text, &gen);
    if (!f)
        return;
    for (int w = 0; w < work->n; w++) {
        const char *load = work->items[w];
        if (vec_has_str(&f->fits, load))
            return;
    }
    for (int w = 0; w < work->n; w++) {
        const char *load = work->items[w];
        StrBuf good;
        sb_init(&good);
        for (int i = 0; i < ck->cat->family_list.n; i++) {
            const Family *o = ck->cat->family_list.items[i];
            if (!vec_has_str(&o->fits, load))
                continue;
            sb_printf(&good, "%s%s (%s", good.len ? "; " : "", o->title,
                      (const char *)(o->current.n ? o->current.items[0] : o->members.items[0]));
            if (o->members.n)
                sb_printf(&good, ", %s", (const char *)o->members.items[o->members.n - 1]);
            sb_putc(&good, ')');
        }
        if (good.len) {
            Diagnostic *g = check_warn(ck, "W407", c->span, at,
                                       "%s%s\"%s\" is %s, which does not fit %s", role,
                                       *role ? " " : "", text, f->title, load);
            diag_note(ck->diags, g, "%s fits: %s", load, good.data);
            sb_free(&good);
            return;
        }
        sb_free(&good);
    }
}

static void family_lints(Checker *ck, const MComponent *c)
{
    PtrVec work = {0};
    workloads_of(ck, c, &work);
    if (work.n == 0)
        return;
    /* The nodes that do the work; never an EMR master, which coordinates. */
    static const char *const groups[] = {"core", "task"};
    for (int i = 0; i < 2; i++) {
        const Value *g = comp_value(c, groups[i]);
        if (g && g->kind == V_BLOCK)
            family_hint(ck, c, arena_printf(ck->arena, "the %s nodes' instance type", groups[i]),
                        block_value(g, "instance"), prop_span(c, groups[i]), &work);
    }
    /* An app off EC2 (ECS, Fargate, EKS, on premises) has no instance to fit. */
    const char *runs_on = value_text(comp_value(c, "runs_on"));
    if (runs_on && strcmp(runs_on, "ec2") != 0)
        return;
    const MProp *inst = comp_prop(c, "instance");
    if (inst && inst->decl->type->kind == T_INSTANCE)
        family_hint(ck, c, "the instance type", inst->value, prop_span(c, "instance"), &work);
}

/* W408: a long-running cluster on demand; reserved capacity is cheaper. */
static void reserved_lint(Checker *ck, const MComponent *c)
{
    const char *life = value_text(comp_value(c, "lifetime"));
    const char *buy = value_text(comp_value(c, "purchase"));
    if (!life || strcmp(life, "long_running") != 0 || !buy || strcmp(buy, "on_demand") != 0)
        return;
    Diagnostic *g = check_warn(ck, "W408", c->span, prop_span(c, "lifetime"),
                               "`%s` runs for the long term on on-demand capacity", c->name);
    diag_note(ck->diags, g, "reserved instances cost much less for clusters that run a year or more");
    diag_help(ck->diags, g, "set purchase = reserved");
}

/* W409: Lambda's event source mapping refuses a queue whose visibility
 * timeout is shorter than the function's timeout. */
static void visibility_lint(Checker *ck, const MFlow *f)
{
    const Value *vis = comp_value(f->from, "visibility_timeout");
    const Value *tmo = comp_value(f->to, "timeout");
    if (!vis || !tmo || vis->kind != V_DURATION || tmo->kind != V_DURATION || vis->i >= tmo->i)
        return;
    if (!f->to->service || !service_prop(f->to->service, "timeout") ||
        !f->link || strstr(f->link->via, "event source") == NULL)
        return;
    Diagnostic *g = check_warn(ck, "W409", f->span, f->span,
                               "the visibility timeout of `%s` (%s) is shorter than the timeout "
                               "of `%s` (%s)", f->from->name, value_format(ck->arena, vis),
                               f->to->name, value_format(ck->arena, tmo));
    diag_note(ck->diags, g, "AWS refuses the event source mapping unless the queue's visibility "
                            "timeout is at least the function's timeout; it recommends six times it");
    diag_help(ck->diags, g, "set visibility_timeout = %s on `%s`",
              format_duration(ck->arena, tmo->i * 6 > 43200000 ? 43200000 : tmo->i * 6),
              f->from->name);
}

/* Which of these lints can apply to a service's components (SVC_CAPACITY,
 * SVC_QUEUE, SVC_CONSUMER): the components of the others, most of them, are
 * never read by these lints. */
int capacity_lint_traits(const Service *s)
{
    static const char *const capacity[] = {"purchase", "master", "core", "spot", "apps",
                                           "framework", "workload", "instance", "lifetime"};
    int traits = 0;
    for (size_t i = 0; i < sizeof capacity / sizeof *capacity; i++)
        if (service_prop(s, capacity[i]))
            traits |= SVC_CAPACITY;
    if (service_prop(s, "visibility_timeout"))
        traits |= SVC_QUEUE;
    if (service_prop(s, "timeout"))
        traits |= SVC_CONSUMER;
    return traits;
}

/* Over what the checker gathered (check.c, check_flow.c). */
void check_capacity_lints(Checker *ck)
{
    for (int i = 0; i < ck->capacity_components.n; i++) {
        const MComponent *c = ck->capacity_components.items[i];
        spot_lints(ck, c);
        family_lints(ck, c);
        reserved_lint(ck, c);
    }
    for (int i = 0; i < ck->queue_flows.n; i++)
        visibility_lint(ck, ck->queue_flows.items[i]);
}
