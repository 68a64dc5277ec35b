/* The shipped examples: each checks without errors and without warnings,
 * except the ones its top comment says it exists to show; each has a model;
 * clickstream.pipe's model in detail. */
#include "helpers.h"

#include <dirent.h>

#include "value.h"

/* ---- helpers ------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The examples/ *.pipe file names, sorted; NULL-terminated. */
static char **example_names(int *n)
{
    char *dir = test_path("examples");
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    char **names = NULL;
    int count = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".pipe") == 0) {
            names = realloc(names, (size_t)(count + 2) * sizeof *names);
            names[count++] = strdup(e->d_name);
        }
    }
    closedir(d);
    free(dir);
    cr_assert_gt(count, 0, "no examples");
    qsort(names, (size_t)count, sizeof *names, cmp_str);
    names[count] = NULL;
    *n = count;
    return names;
}

static void free_names(char **names)
{
    for (char **p = names; *p; p++)
        free(*p);
    free(names);
}

static Compilation *compile_example(const char *name)
{
    char *rel = NULL;
    cr_assert(asprintf(&rel, "examples/%s", name) > 0);
    char *path = test_path(rel);
    Compilation *c = malloc(sizeof *c);
    compilation_init(c);
    cr_assert_eq(compile_path(c, NULL, path, rel), COMPILE_OK, "cannot read %s", path);
    diag_sort(&c->diags);
    free(path);
    free(rel);
    return c;
}

/* The codes the file's top comment (the leading `#` lines) says it exists
 * to show: "exists to show W405" (a comma- or "and"-separated list). */
static int shown_codes(const char *name, char codes[][5], int max)
{
    char *rel = NULL;
    cr_assert(asprintf(&rel, "examples/%s", name) > 0);
    char *path = test_path(rel);
    char *text = test_read_file(path, NULL);
    cr_assert_not_null(text);
    /* The top comment: every line from the start that begins with '#'. */
    size_t end = 0;
    while (text[end] == '#') {
        const char *nl = strchr(text + end, '\n');
        end = nl ? (size_t)(nl - text) + 1 : strlen(text);
    }
    text[end] = '\0';
    int n = 0;
    const char *p = strstr(text, "exists to show");
    if (p) {
        /* Codes up to the end of the sentence. */
        const char *stop = strchr(p, '.');
        if (!stop)
            stop = text + end;
        for (const char *q = p; q + 4 <= stop && n < max; q++)
            if ((q[0] == 'W' || q[0] == 'E') && q[1] >= '0' && q[1] <= '9' && q[2] >= '0' &&
                q[2] <= '9' && q[3] >= '0' && q[3] <= '9') {
                memcpy(codes[n], q, 4);
                codes[n++][4] = '\0';
            }
    }
    free(text);
    free(path);
    free(rel);
    return n;
}

static bool listed(char codes[][5], int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return true;
    return false;
}

/* ---- every example ------------------------------------------------------------ */

Test(examples, every_example_checks_clean)
{
    int n;
    char **names = example_names(&n);
    int showing = 0;
    for (int i = 0; i < n; i++) {
        char codes[8][5];
        int nc = shown_codes(names[i], codes, 8);
        showing += nc > 0;
        Compilation *c = compile_example(names[i]);
        char *all = test_render(c);
        cr_expect_eq(c->diags.nerrors, 0, "%s has errors:\n%s", names[i], all);
        for (int d = 0; d < c->diags.items.n; d++) {
            const Diagnostic *g = c->diags.items.items[d];
            cr_expect(listed(codes, nc, g->code), "%s: %s is not what it exists to show:\n%s",
                      names[i], g->code, all);
        }
        /* What it exists to show, it does show. */
        for (int k = 0; k < nc; k++)
            cr_expect_geq(test_count(c, codes[k]), 1, "%s exists to show %s, which is missing",
                          names[i], codes[k]);
        if (nc == 0)
            cr_expect_not(compilation_failed(c, true), "%s fails with --werror:\n%s", names[i],
                          all);
        free(all);
        test_free(c);
    }
    free_names(names);
    cr_expect_geq(showing, 1, "data-pipeline.pipe says it exists to show W405");
}

Test(examples, data_pipeline_shows_exactly_w405)
{
    char codes[8][5];
    cr_assert_eq(shown_codes("data-pipeline.pipe", codes, 8), 1);
    cr_assert_str_eq(codes[0], "W405");
    Compilation *c = compile_example("data-pipeline.pipe");
    cr_assert_eq(c->diags.items.n, 1, "%s", test_render(c));
    const Diagnostic *g = c->diags.items.items[0];
    cr_assert_str_eq(g->code, "W405");
    cr_assert_eq(g->sev, SEV_WARNING);
    /* On `nightly : data_pipeline`, at the service name. */
    test_expect_at(c, "W405", 16, 13);
    cr_assert_str_eq(g->message, "AWS Data Pipeline is deprecated");
    test_free(c);
}

Test(examples, every_example_has_a_model)
{
    int n;
    char **names = example_names(&n);
    cr_expect_geq(n, 14, "fewer examples than shipped");
    for (int i = 0; i < n; i++) {
        Compilation *c = compile_example(names[i]);
        cr_expect_not_null(c->model, "%s has no model", names[i]);
        if (c->model) {
            const Model *m = c->model;
            cr_expect_gt(m->components.n, 1, "%s: no components", names[i]);
            cr_expect_gt(m->flows.n, 0, "%s: no flows", names[i]);
            cr_expect_not_null(m->region, "%s: no region", names[i]);
            cr_expect_str_eq(m->file, c->prog.root->src->name);
            for (int k = 0; k < m->components.n; k++) {
                const MComponent *x = m->components.items[k];
                cr_expect_not_null(x->service, "%s: %s unresolved", names[i], x->name);
                cr_expect_eq(x->index, k);
                cr_expect_eq(model_component(m, x->name), x);
            }
            for (int k = 0; k < m->flows.n; k++) {
                const MFlow *f = m->flows.items[k];
                cr_expect(f->link && f->link->via && f->from != f->to, "%s: flow %d", names[i], k);
                cr_expect_eq(f->index, k);
            }
        }
        test_free(c);
    }
    free_names(names);
}

Test(examples, every_example_passes_pipec_check)
{
    int n;
    char **names = example_names(&n);
    char *args = strdup("check --werror --format gcc");
    for (int i = 0; i < n; i++) {
        char *more = NULL;
        cr_assert(asprintf(&more, "%s %s/examples/%s", args, test_root(), names[i]) > 0);
        free(args);
        args = more;
    }
    char *err = NULL;
    int rc = test_run(args, NULL, NULL, &err);
    cr_assert_eq(rc, 1, "--werror fails on data-pipeline.pipe's W405 only:\n%s", err);
    cr_assert_null(strstr(err, "error:"), "%s", err);
    free(err);
    /* Without --werror, the examples pass. */
    char *plain = NULL;
    cr_assert(asprintf(&plain, "check%s", args + strlen("check --werror")) > 0);
    rc = test_run(plain, NULL, NULL, &err);
    cr_assert_eq(rc, 0, "%s", err);
    free(err);
    free(plain);
    free(args);
    free_names(names);
}

/* ---- clickstream.pipe in detail ------------------------------------------------ */

static const MComponent *comp(const Model *m, const char *name)
{
    const MComponent *c = model_component(m, name);
    cr_assert_not_null(c, "no component %s", name);
    return c;
}

static const MFlow *flow(const Model *m, const char *from, const char *to)
{
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        if (strcmp(f->from->name, from) == 0 && strcmp(f->to->name, to) == 0)
            return f;
    }
    cr_assert_fail("no flow %s -> %s", from, to);
    return NULL;
}

Test(examples, clickstream_model)
{
    Compilation *c = compile_example("clickstream.pipe");
    cr_assert_eq(c->diags.items.n, 0, "%s", test_render(c));
    const Model *m = c->model;
    cr_assert_not_null(m);
    cr_assert_str_eq(m->name, "clickstream");
    cr_assert_str_eq(m->title, "Clickstream analytics");
    cr_assert_str_eq(m->region, "eu-west-1");
    cr_assert_not(m->layout_tb);

    /* 8 components, in source order, with their services. */
    static const char *const names[][2] = {
        {"sensors", "iot_core"}, {"events", "kinesis_streams"}, {"enrich", "lambda"},
        {"archive", "firehose"}, {"lake", "s3"},                {"catalog", "glue"},
        {"adhoc", "athena"},     {"bi", "quicksight"},
    };
    cr_assert_eq(m->components.n, 8);
    for (int i = 0; i < 8; i++) {
        const MComponent *x = m->components.items[i];
        cr_expect_str_eq(x->name, names[i][0]);
        cr_expect_str_eq(x->service->id, names[i][1], "%s", x->name);
    }
    cr_assert_str_eq(comp(m, "sensors")->label, "Field sensors");
    cr_assert_null(comp(m, "events")->label);

    /* 7 flows: two chains of three hops and the fan-out. */
    cr_assert_eq(m->flows.n, 7);
    static const char *const hops[][3] = {
        {"sensors", "events", "IoT rule action"},
        {"events", "archive", "Firehose source"},
        {"archive", "lake", "Firehose delivery"},
        {"lake", "catalog", "S3 crawler"},
        {"catalog", "adhoc", "Data Catalog"},
        {"adhoc", "bi", "data source"},
        {"events", "enrich", "event source mapping"},
    };
    for (int i = 0; i < 7; i++) {
        const MFlow *f = m->flows.items[i];
        cr_expect_str_eq(f->from->name, hops[i][0], "flow %d", i);
        cr_expect_str_eq(f->to->name, hops[i][1], "flow %d", i);
        cr_expect_str_eq(f->link->via, hops[i][2], "flow %d", i);
        cr_expect_not(f->link->control);
    }
    cr_assert_str_eq(flow(m, "events", "enrich")->label, "fan-out");
    cr_assert_null(flow(m, "sensors", "events")->label);
    cr_assert_eq(comp(m, "events")->out.n, 2);
    cr_assert_eq(comp(m, "enrich")->in.n, 1);
    cr_assert_eq(comp(m, "enrich")->out.n, 0);

    /* The `transform` reference from archive to enrich. */
    cr_assert_eq(m->refs.n, 1);
    const MRef *r = m->refs.items[0];
    cr_assert_str_eq(r->from->name, "archive");
    cr_assert_str_eq(r->to->name, "enrich");
    cr_assert_str_eq(r->prop, "transform");
    const MProp *t = comp_prop(comp(m, "archive"), "transform");
    cr_assert(t && !mprop_is_default(t));
    cr_assert_str_eq(value_text(t->value), "enrich");

    /* The group "ingest" with its two components. */
    cr_assert_eq(m->groups.n, 1);
    const MGroup *g = m->groups.items[0];
    cr_assert_str_eq(g->name, "ingest");
    cr_assert_str_eq(g->title, "Ingestion");
    cr_assert_null(g->parent);
    cr_assert_eq(g->items.n, 2);
    cr_assert_str_eq(group_item(&g->items, 0).component->name, "sensors");
    cr_assert_str_eq(group_item(&g->items, 1).component->name, "events");
    cr_assert_eq(comp(m, "sensors")->group, g);
    cr_assert_eq(comp(m, "events")->group, g);
    cr_assert_null(comp(m, "enrich")->group);
    /* Top level: the group, then the six other components. */
    cr_assert_eq(m->top.n, 7);
    cr_assert_eq(group_item(&m->top, 0).group, g);

    /* Values as written, and defaults filled. */
    const MComponent *archive = comp(m, "archive");
    const MProp *comp_gz = comp_prop(archive, "compression");
    cr_assert_not_null(comp_gz);
    cr_assert_str_eq(value_text(comp_gz->value), "gzip");
    cr_assert(mprop_is_default(comp_gz));
    const MProp *bi = comp_prop(archive, "buffer_interval");
    cr_assert(bi && !mprop_is_default(bi));
    cr_assert_eq(bi->value->i, 60000);
    cr_assert_eq(value_int(comp_value(archive, "buffer_size"), 0), 64LL << 20);
    const MComponent *events = comp(m, "events");
    cr_assert_eq(value_int(comp_value(events, "shards"), 0), 4);
    cr_assert_eq(value_int(comp_value(events, "retention"), 0), 48LL * 3600 * 1000);
    const MProp *mode = comp_prop(events, "mode");
    cr_assert(mode && mprop_is_default(mode));
    cr_assert_str_eq(value_text(mode->value), "provisioned");
    const MComponent *enrich = comp(m, "enrich");
    cr_assert_str_eq(value_text(comp_value(enrich, "runtime")), "python3.12");
    cr_assert_eq(value_int(comp_value(enrich, "memory"), 0), 512LL << 20);
    cr_assert_eq(value_int(comp_value(enrich, "timeout"), 0), 60000);
    cr_assert(mprop_is_default(comp_prop(enrich, "handler")));
    cr_assert(value_bool(comp_value(comp(m, "lake"), "versioning"), false));
    cr_assert_null(comp_prop(comp(m, "lake"), "lifecycle"), "optional, not set: absent");
    cr_assert_str_eq(value_text(comp_value(comp(m, "sensors"), "topic")), "sensors/+/telemetry");
    /* Props in the service's declaration order. */
    const Service *fh = archive->service;
    cr_assert_eq(archive->props.n, fh->props.n);
    for (int i = 0; i < fh->props.n; i++)
        cr_expect_eq(((const MProp *)archive->props.items[i])->decl, fh->props.items[i]);
    test_free(c);
}
