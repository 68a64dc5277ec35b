/* Flows: every hop checked against the catalog's links (E203, E301, E302),
 * the shortest route as help, and the flow-graph lints W401-W404. */
#include <string.h>

#include "check_int.h"
#include "strbuf.h"

#define ROUTE_MAX_HOPS 4
/* Flows out of or into one component: beyond this, `[a1, ...] -> [b1, ...]`
 * products from generated input would only cost memory and time. */
#define FLOWS_PER_COMPONENT 10000
/* Hops that the flow statements of a pipeline expand to, in all (`[a, b] ->
 * [c, d]` is 4): the per-component limit alone lets 10000 x 10000 names ask
 * for 10^8 flows. */
#define FLOW_HOPS_MAX 1000000

/* ---- E301 routes --------------------------------------------------------- */

/* Cost of a route, compared in order: fewer hops; then fewer services one
 * would have to build or run oneself (route_weight: SDK apps, external
 * systems, data at rest); then fewer links that are newer than the seed notes
 * (`since`); then catalog declaration order. */
typedef struct RouteCost {
    int hops, weight, newer;
} RouteCost;

static int cost_cmp(RouteCost a, RouteCost b)
{
    if (a.hops != b.hops)
        return a.hops < b.hops ? -1 : 1;
    if (a.weight != b.weight)
        return a.weight < b.weight ? -1 : 1;
    return a.newer < b.newer ? -1 : a.newer > b.newer;
}

/* One breadth-first pass over the catalog (layered, so each service is
 * settled at its hop count with the best cost). Returns the intermediate
 * services in order, or 0 if there is no route within ROUTE_MAX_HOPS. */
static int shortest_route(Checker *ck, const Service *from, const Service *to,
                          const Service **route)
{
    int n = ck->cat->service_list.n;
    RouteCost *cost = arena_alloc(ck->arena, (size_t)n * sizeof *cost);
    const Service **prev = arena_alloc(ck->arena, (size_t)n * sizeof *prev);
    bool *seen = arena_alloc(ck->arena, (size_t)n * sizeof *seen);
    const Service **layer = arena_alloc(ck->arena, (size_t)n * sizeof *layer);
    const Service **next = arena_alloc(ck->arena, (size_t)n * sizeof *next);
    int nlayer = 1, nnext;
    layer[0] = from;
    seen[from->order] = true;
    for (int hop = 1; hop <= ROUTE_MAX_HOPS && nlayer > 0; hop++) {
        nnext = 0;
        for (int i = 0; i < nlayer; i++) {
            const Service *s = layer[i];
            for (int k = 0; k < s->out.n; k++) {
                const Link *l = s->out.items[k];
                const Service *t = l->to;
                if (l->control || (t != to && seen[t->order] && cost[t->order].hops < hop))
                    continue;
                if (t == from)
                    continue;
                RouteCost c = cost[s->order];
                c.hops = hop;
                c.weight += t == to ? 0 : t->route_weight;
                c.newer += l->since ? 1 : 0;
                if (!seen[t->order]) {
                    seen[t->order] = true;
                    cost[t->order] = c;
                    prev[t->order] = s;
                    next[nnext++] = t;
                } else if (cost_cmp(c, cost[t->order]) < 0) {
                    cost[t->order] = c;
                    prev[t->order] = s;
                }
            }
        }
        if (seen[to->order])
            break;
        /* Settle this layer in catalog order for a deterministic tie-break. */
        for (int i = 1; i < nnext; i++)
            for (int j = i; j > 0 && next[j - 1]->order > next[j]->order; j--) {
                const Service *tmp = next[j];
                next[j] = next[j - 1];
                next[j - 1] = tmp;
            }
        const Service **swap = layer;
        layer = next;
        next = swap;
        nlayer = nnext;
    }
    if (!seen[to->order])
        return 0;
    int len = 0;
    for (const Service *s = prev[to->order]; s && s != from; s = prev[s->order])
        len++;
    int i = len;
    for (const Service *s = prev[to->order]; s && s != from; s = prev[s->order])
        route[--i] = s;
    return len;
}

static void route_help(Checker *ck, Diagnostic *g, const MComponent *a, const MComponent *b)
{
    const Service *route[ROUTE_MAX_HOPS];
    int n = shortest_route(ck, a->service, b->service, route);
    if (n == 0)
        return;
    StrBuf titles, chain;
    sb_init(&titles);
    sb_init(&chain);
    sb_printf(&chain, "%s", a->name);
    for (int i = 0; i < n; i++) {
        sb_printf(&titles, "%s%s", i == 0 ? "" : i == n - 1 ? " and " : ", ", route[i]->title);
        sb_printf(&chain, " -> <%s>", route[i]->id);
    }
    sb_printf(&chain, " -> %s", b->name);
    diag_help(ck->diags, g, "route it through %s: %s", titles.data, chain.data);
    sb_free(&titles);
    sb_free(&chain);
}

static void no_link(Checker *ck, const MComponent *a, const MComponent *b, Span at)
{
    const Service *sa = a->service, *sb = b->service;
    Diagnostic *g = check_error(ck, "E301", at, "%s cannot send data to %s", sa->title, sb->title);
    if (!g)
        return;
    StrBuf acc;
    sb_init(&acc);
    for (int i = 0; i < sb->in.n; i++) {
        const Link *l = sb->in.items[i];
        if (!l->control)
            sb_printf(&acc, "%s%s (%s)", acc.len ? ", " : "", l->from->title, l->via);
    }
    if (acc.len)
        diag_note(ck->diags, g, "%s accepts data from: %s", sb->title, acc.data);
    else
        diag_note(ck->diags, g, "%s accepts data from no service of the catalog", sb->title);
    sb_free(&acc);
    if (catalog_link(ck->cat, sb, sa))
        diag_help(ck->diags, g, "data moves the other way: write `%s -> %s`", b->name, a->name);
    else
        route_help(ck, g, a, b);
}

/* ---- flows ----------------------------------------------------------------- */

static MComponent *flow_end(Checker *ck, const Ident *id)
{
    MComponent *c = check_component_named(ck, id->name);
    if (!c) {
        Diagnostic *g = check_error(ck, "E203", id->span, "no component named `%s`", id->name);
        /* Past the error cap g is NULL: skip the search over every name. */
        const char *near = g ? check_closest_component(ck, id->name) : NULL;
        if (near)
            diag_help(ck->diags, g, "did you mean `%s`?", near);
        else if (g && check_group_named(ck, id->name))
            diag_note(ck->diags, g, "`%s` is a group; flows join components", id->name);
    }
    return c;
}

static const char *flow_label(Checker *ck, const Block *block)
{
    const char *label = NULL;
    const Setting *first = NULL;
    for (int i = 0; block && i < block->settings.n; i++) {
        const Setting *s = block->settings.items[i];
        if (first && strcmp(s->name.name, "label") == 0) {
            Diagnostic *g = check_error(ck, "E202", s->name.span, "`label` is set twice");
            diag_note_at(ck->diags, g, ck->src, first->name.span, "first set here");
        } else if (strcmp(s->name.name, "label") != 0) {
            Diagnostic *g = check_error(ck, "E204", s->name.span, "unknown flow setting `%s`",
                                        s->name.name);
            diag_note(ck->diags, g, "a flow takes `label = \"...\"`");
        } else if (s->value->kind != V_STRING) {
            check_error(ck, "E205", s->value->span, "`label` expects a string, found %s",
                        value_kind_name(s->value->kind));
        } else {
            label = s->value->str;
        }
        if (!first && strcmp(s->name.name, "label") == 0)
            first = s;
    }
    return label;
}

/* The hops already drawn out of components with many flows, as (from, to)
 * component indexes: open addressing over 64-bit keys (0 is a free slot).
 * A component with few flows out is asked by a scan of them instead: in
 * cache, where a set of every hop is a cache miss per hop. */
typedef struct PairSet {
    uint64_t *keys;
    size_t cap, n;
    long long hops; /* expanded so far, against FLOW_HOPS_MAX */
    bool over;      /* FLOW_HOPS_MAX reported: no more flows */
} PairSet;

static bool pair_add(Arena *a, PairSet *s, int from, int to)
{
    if ((s->n + 1) * 4 > s->cap * 3) {
        size_t old_cap = s->cap;
        uint64_t *old = s->keys;
        s->cap = old_cap ? old_cap * 2 : 64;
        s->keys = arena_alloc_block(a, s->cap * sizeof *s->keys);
        memset(s->keys, 0, s->cap * sizeof *s->keys);
        for (size_t i = 0; i < old_cap; i++) {
            if (!old[i])
                continue;
            size_t j = (size_t)((old[i] * 0x9E3779B97F4A7C15ULL) >> 32) & (s->cap - 1);
            while (s->keys[j])
                j = (j + 1) & (s->cap - 1);
            s->keys[j] = old[i];
        }
        if (old_cap)
            arena_release(a, old, old_cap * sizeof *old);
    }
    uint64_t key = ((uint64_t)(uint32_t)from << 32 | (uint32_t)to) + 1;
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (s->cap - 1);
    while (s->keys[i]) {
        if (s->keys[i] == key)
            return false;
        i = (i + 1) & (s->cap - 1);
    }
    s->keys[i] = key;
    s->n++;
    return true;
}

enum { FEW_FLOWS = 8, PAIRED = 4 /* flow_cap bit: a's hops are in the set */ };

/* Whether a -> b is new (and from now on drawn). */
static bool new_hop(Checker *ck, PairSet *pairs, MComponent *a, MComponent *b)
{
    if (a->out.n < FEW_FLOWS) {
        for (int i = 0; i < a->out.n; i++)
            if (((const MFlow *)a->out.items[i])->to == b)
                return false;
        return true;
    }
    if (!(ck->flow_cap[a->index] & PAIRED)) {
        ck->flow_cap[a->index] |= PAIRED;
        for (int i = 0; i < a->out.n; i++)
            pair_add(ck->arena, pairs, a->index, ((const MFlow *)a->out.items[i])->to->index);
    }
    return pair_add(ck->arena, pairs, a->index, b->index);
}

static void add_flow(Checker *ck, PairSet *pairs, MComponent *a, MComponent *b, Span at,
                     Span target, const char *label)
{
    if (a == b) {
        Diagnostic *g = check_error(ck, "E302", at, "`%s` sends data to itself", a->name);
        diag_help(ck->diags, g, "a flow joins two different components");
        return;
    }
    if (!a->service || !b->service)
        return;
    const Link *l = catalog_link(ck->cat, a->service, b->service);
    if (!l) {
        no_link(ck, a, b, target);
        return;
    }
    /* `[a, b] -> c` twice, or a chain that repeats a hop: one edge. */
    if (!new_hop(ck, pairs, a, b))
        return;
    if (a->out.n >= FLOWS_PER_COMPONENT || b->in.n >= FLOWS_PER_COMPONENT) {
        bool out = a->out.n >= FLOWS_PER_COMPONENT;
        MComponent *c = out ? a : b;
        if (!(ck->flow_cap[c->index] & (out ? 1 : 2))) {
            ck->flow_cap[c->index] |= out ? 1 : 2;
            check_error(ck, "E105", out ? at : target,
                        "more than %d flows %s `%s`; the limit is %d flows per component",
                        FLOWS_PER_COMPONENT, out ? "out of" : "into", c->name,
                        FLOWS_PER_COMPONENT);
        }
        return;
    }
    MFlow *f = arena_alloc(ck->arena, sizeof *f);
    f->from = a;
    f->to = b;
    f->link = l;
    f->label = label;
    f->span = at;
    f->index = ck->model->flows.n;
    vec_push(ck->arena, &ck->model->flows, f);
    vec_push(ck->arena, &a->out, f);
    vec_push(ck->arena, &b->in, f);
    ck->usage[a->index] |= USE_FLOW | (l->control ? 0 : USE_DATA_OUT);
    ck->usage[b->index] |= USE_FLOW | (l->control ? 0 : USE_DATA_IN);
    if (!l->control && a->index >= b->index)
        ck->backward_flows++;
    if ((check_service_traits(ck, a->service) & SVC_QUEUE) &&
        (check_service_traits(ck, b->service) & SVC_CONSUMER))
        vec_push(ck->arena, &ck->queue_flows, f);
}

/* Over FLOW_HOPS_MAX: E105 once, and the statement adds no flow; its names
 * still count as used (no W401 on top). */
static bool too_many_hops(Checker *ck, PairSet *pairs, const Stmt *st)
{
    long long hops = 0;
    for (int h = 0; h + 1 < st->ends.n; h++)
        hops += (long long)((const Ends *)st->ends.items[h])->names.n *
                ((const Ends *)st->ends.items[h + 1])->names.n;
    if (!pairs->over && pairs->hops + hops <= FLOW_HOPS_MAX) {
        pairs->hops += hops;
        return false;
    }
    if (!pairs->over)
        check_error(ck, "E105", st->span,
                    "flow statements expand to more than %d hops; the limit is %d per pipeline",
                    FLOW_HOPS_MAX, FLOW_HOPS_MAX);
    pairs->over = true;
    for (int h = 0; h < st->ends.n; h++) {
        const Ends *e = st->ends.items[h];
        for (int i = 0; i < e->names.n; i++) {
            const Ident *id = e->names.items[i];
            const MComponent *c = check_component_named(ck, id->name);
            if (c)
                ck->usage[c->index] |= USE_MENTIONED;
        }
    }
    return true;
}

static void check_flow_stmt(Checker *ck, PairSet *pairs, const Stmt *st)
{
    if (too_many_hops(ck, pairs, st))
        return;
    const char *label = flow_label(ck, st->block);
    /* Each name resolved once, in source order (the middle ends of a chain
     * are a right end and a left end); E203 for each that is not defined.
     * Every name takes part in a flow, even when another end is undefined:
     * no W401 on top of the error. */
    int total = 0;
    for (int h = 0; h < st->ends.n; h++)
        total += ((const Ends *)st->ends.items[h])->names.n;
    MComponent *few[16];
    MComponent **comp = total <= 16 ? few : arena_alloc(ck->arena, (size_t)total * sizeof *comp);
    for (int h = 0, k = 0; h < st->ends.n; h++) {
        const Ends *e = st->ends.items[h];
        for (int i = 0; i < e->names.n; i++, k++)
            if ((comp[k] = flow_end(ck, e->names.items[i])))
                ck->usage[comp[k]->index] |= USE_MENTIONED;
    }
    for (int h = 0, first = 0; h + 1 < st->ends.n; h++) {
        const Ends *left = st->ends.items[h], *right = st->ends.items[h + 1];
        MComponent **lc = comp + first, **rc = lc + left->names.n;
        for (int i = 0; i < left->names.n; i++)
            for (int k = 0; k < right->names.n; k++) {
                const Ident *li = left->names.items[i], *ri = right->names.items[k];
                if (lc[i] && rc[k])
                    add_flow(ck, pairs, lc[i], rc[k], span_join(li->span, ri->span), ri->span, label);
            }
        first += left->names.n;
    }
}

/* Whether every name of the statement is declared by now. */
static bool all_declared(const Checker *ck, const Stmt *st)
{
    for (int h = 0; h < st->ends.n; h++) {
        const Ends *e = st->ends.items[h];
        for (int i = 0; i < e->names.n; i++)
            if (!check_component_named(ck, ((const Ident *)e->names.items[i])->name))
                return false;
    }
    return true;
}

void check_flows_begin(Checker *ck, const Item *pipeline)
{
    long long hops = pipeline->nhops; /* an upper bound of the flows: some repeat */
    if (hops > FLOW_HOPS_MAX)
        hops = FLOW_HOPS_MAX;
    vec_reserve(ck->arena, &ck->model->flows, (int)hops);
    /* by component index; the parser's count is an upper bound */
    int n = pipeline->ncomponents;
    ck->usage = arena_alloc(ck->arena, (size_t)(n ? n : 1) * sizeof *ck->usage);
    ck->flow_cap = arena_alloc(ck->arena, (size_t)(n ? n : 1) * sizeof *ck->flow_cap);
    ck->pairs = arena_alloc(ck->arena, sizeof *ck->pairs);
}

void check_flow_statement(Checker *ck, const Stmt *st)
{
    if (ck->later_flows.n || !all_declared(ck, st))
        vec_push(ck->arena, &ck->later_flows, (void *)st);
    else
        check_flow_stmt(ck, ck->pairs, st);
}

void check_flows_end(Checker *ck)
{
    for (int i = 0; i < ck->later_flows.n; i++)
        check_flow_stmt(ck, ck->pairs, ck->later_flows.items[i]);
    if (ck->pairs->cap)
        arena_release(ck->arena, ck->pairs->keys, ck->pairs->cap * sizeof *ck->pairs->keys);
}

/* ---- W401-W403 --------------------------------------------------------------- */


/* From the usage bytes: a component is read only when a lint fires. */
static void usage_lints(Checker *ck)
{
    const Model *m = ck->model;
    for (int i = 0; i < m->refs.n; i++) {
        const MRef *r = m->refs.items[i];
        ck->usage[r->to->index] |= USE_REFERENCED;
        ck->usage[r->from->index] |= USE_REFERENCED;
    }
    for (int i = 0; i < m->components.n; i++) {
        unsigned u = ck->usage[i];
        if (!(u & USE_SERVICE))
            continue;
        const MComponent *c = m->components.items[i];
        if (!(u & (USE_FLOW | USE_REFERENCED | USE_MENTIONED))) {
            Diagnostic *g = check_warn(ck, "W401", c->span, c->name_span,
                                       "`%s` takes part in no flow", c->name);
            diag_help(ck->diags, g, "connect it, for example `%s -> ...`, or remove it", c->name);
            continue;
        }
        if ((u & USE_NEEDS_CONSUMER) && (u & USE_DATA_IN) && !(u & USE_DATA_OUT)) {
            Diagnostic *g = check_warn(ck, "W402", c->span, c->name_span,
                                       "data goes into `%s` (%s) but never comes out", c->name,
                                       c->service->short_title);
            diag_note(ck->diags, g, "nothing consumes it, so its records expire unread");
        }
        if ((u & USE_NEEDS_SOURCE) && !(u & USE_DATA_IN)) {
            Diagnostic *g = check_warn(ck, "W403", c->span, c->name_span,
                                       "`%s` (%s) works on incoming data, but none comes in",
                                       c->name, c->service->short_title);
            StrBuf b;
            sb_init(&b);
            for (int k = 0; k < c->service->in.n && k < 8; k++)
                sb_printf(&b, "%s%s", k ? ", " : "",
                          ((const Link *)c->service->in.items[k])->from->id);
            if (b.len)
                diag_help(ck->diags, g, "feed it from one of: %s", b.data);
            sb_free(&b);
        }
    }
}

/* ---- W404: cycles (iterative Tarjan, linear in flows) ------------------------ */

typedef struct Tarjan {
    int *index, *low, *stack, *comp;
    bool *on;
    int counter, sp, ncomp;
} Tarjan;

static void strong_components(Checker *ck, Tarjan *t)
{
    const PtrVec *cs = &ck->model->components;
    int n = cs->n;
    Arena *a = ck->arena;
    t->index = arena_alloc(a, (size_t)n * sizeof(int));
    t->low = arena_alloc(a, (size_t)n * sizeof(int));
    t->stack = arena_alloc(a, (size_t)n * sizeof(int));
    t->comp = arena_alloc(a, (size_t)n * sizeof(int));
    t->on = arena_alloc(a, (size_t)n * sizeof(bool));
    int *call = arena_alloc(a, (size_t)n * sizeof(int)); /* DFS stack of nodes */
    int *edge = arena_alloc(a, (size_t)n * sizeof(int)); /* next out-edge per node */
    for (int i = 0; i < n; i++)
        t->index[i] = -1;
    for (int root = 0; root < n; root++) {
        if (t->index[root] >= 0)
            continue;
        int depth = 0;
        call[depth++] = root;
        t->index[root] = t->low[root] = t->counter++;
        t->stack[t->sp++] = root;
        t->on[root] = true;
        edge[root] = 0;
        while (depth > 0) {
            int v = call[depth - 1];
            const MComponent *cv = cs->items[v];
            if (edge[v] < cv->out.n) {
                const MFlow *f = cv->out.items[edge[v]++];
                if (f->link->control)
                    continue;
                int w = f->to->index;
                if (t->index[w] < 0) {
                    t->index[w] = t->low[w] = t->counter++;
                    t->stack[t->sp++] = w;
                    t->on[w] = true;
                    edge[w] = 0;
                    call[depth++] = w;
                } else if (t->on[w] && t->index[w] < t->low[v]) {
                    t->low[v] = t->index[w];
                }
                continue;
            }
            depth--;
            if (depth > 0) {
                int u = call[depth - 1];
                if (t->low[v] < t->low[u])
                    t->low[u] = t->low[v];
            }
            if (t->low[v] == t->index[v]) {
                int w;
                do {
                    w = t->stack[--t->sp];
                    t->on[w] = false;
                    t->comp[w] = t->ncomp;
                } while (w != v);
                t->ncomp++;
            }
        }
    }
}

/* Names the loop: a breadth-first walk inside the component from `start`
 * back to it, following flows in source order. */
static void report_cycle(Checker *ck, const Tarjan *t, const MComponent *start)
{
    const PtrVec *cs = &ck->model->components;
    int n = cs->n;
    const MFlow **via = arena_alloc(ck->arena, (size_t)n * sizeof *via);
    int *queue = arena_alloc(ck->arena, (size_t)n * sizeof *queue);
    int head = 0, tail = 0;
    const MFlow *closing = NULL;
    queue[tail++] = start->index;
    while (head < tail && !closing) {
        const MComponent *c = cs->items[queue[head++]];
        for (int k = 0; k < c->out.n && !closing; k++) {
            const MFlow *f = c->out.items[k];
            int w = f->to->index;
            if (f->link->control || t->comp[w] != t->comp[start->index])
                continue;
            if (f->to == start)
                closing = f;
            else if (!via[w] && w != start->index) {
                via[w] = f;
                queue[tail++] = w;
            }
        }
    }
    if (!closing)
        return;
    const MComponent **path = arena_alloc(ck->arena, (size_t)(n + 1) * sizeof *path);
    int len = 0;
    for (const MComponent *c = closing->from; c != start; c = via[c->index]->from)
        path[len++] = c;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, start->name);
    for (int i = len - 1; i >= 0; i--)
        sb_printf(&b, " -> %s", path[i]->name);
    sb_printf(&b, " -> %s", start->name);
    Diagnostic *g = check_warn(ck, "W404", closing->span, closing->span,
                               "cycle in the data flow: %s", b.data);
    diag_note(ck->diags, g, "data that goes round a loop can trigger itself forever "
                            "(an S3 event that invokes a Lambda writing to the same bucket)");
    diag_help(ck->diags, g, "write the output somewhere else (another bucket or prefix), or "
                            "add `# pipe: allow W404` if the loop is intended and guarded");
    sb_free(&b);
}

static void cycle_lints(Checker *ck)
{
    const PtrVec *cs = &ck->model->components;
    /* Data flows that all go to components declared later cannot close a
     * loop: most files, and no graph walk for them. */
    if (cs->n == 0 || ck->backward_flows == 0)
        return;
    Tarjan t = {0};
    strong_components(ck, &t);
    int *size = arena_alloc(ck->arena, (size_t)t.ncomp * sizeof(int));
    bool *done = arena_alloc(ck->arena, (size_t)t.ncomp * sizeof(bool));
    for (int i = 0; i < cs->n; i++)
        size[t.comp[i]]++;
    for (int i = 0; i < cs->n; i++) {
        int k = t.comp[i];
        if (size[k] > 1 && !done[k]) {
            done[k] = true;
            report_cycle(ck, &t, cs->items[i]);
        }
    }
}

void check_flow_lints(Checker *ck)
{
    usage_lints(ck);
    cycle_lints(ck);
}
