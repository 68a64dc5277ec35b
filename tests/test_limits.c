/* Resource limits with a coded diagnostic (E105) and recursion bounded by
 * the nesting limit. The limits that already had tests (input size, nesting,
 * identifier length, errors per file, imports) are in test_hostile.c and
 * test_imports.c; these are the ones added with the fuzzing work:
 *   - a string literal over 1 MiB;
 *   - more than 10000 flows out of or into one component;
 *   - flow statements expanding to more than 1000000 hops in a pipeline;
 *   - 256 levels of nested groups, and of nested blocks and lists (the most
 *     the lexer accepts), through check, fmt and every emitter, each run on a
 *     thread with a small stack: recursion follows the nesting only, and
 *     each level costs little stack. */
#include "helpers.h"

#include <pthread.h>

#include "emit.h"
#include "fmt.h"

/* ---- helpers ------------------------------------------------------------------ */

static char *printed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *printed(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    cr_assert_geq(vasprintf(&s, fmt, ap), 0);
    va_end(ap);
    return s;
}

static char *repeat(const char *s, int n)
{
    size_t k = strlen(s);
    char *r = malloc(k * (size_t)n + 1);
    for (int i = 0; i < n; i++)
        memcpy(r + k * (size_t)i, s, k);
    r[k * (size_t)n] = '\0';
    return r;
}

/* Runs fn(arg) on a thread with `stack` bytes of stack. */
static void on_small_stack(size_t stack, void *(*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    cr_assert_eq(pthread_attr_setstacksize(&attr, stack), 0);
    pthread_t th;
    cr_assert_eq(pthread_create(&th, &attr, fn, arg), 0);
    pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
}

/* ---- string literals ------------------------------------------------------------ */

static char *with_string(size_t n)
{
    const char *head = "pipeline p {\n  description = \"";
    size_t k = strlen(head);
    char *text = malloc(k + n + 16);
    memcpy(text, head, k);
    memset(text + k, 'x', n);
    strcpy(text + k + n, "\"\n}\n");
    return text;
}

Test(strings, over_one_mib_is_E105)
{
    char *text = with_string((1u << 20) + 1);
    Compilation *c = test_compile(text);
    char *all = test_render(c);
    cr_assert_eq(c->diags.items.n, 1, "%.300s", all);
    test_expect_at(c, "E105", 2, 17);
    cr_assert_str_eq(((const Diagnostic *)c->diags.items.items[0])->message,
                     "string is 1048577 bytes long; the limit is 1048576 (1 MiB)");
    free(all);
    test_free(c);
    free(text);
}

Test(strings, exactly_one_mib_is_fine)
{
    char *text = with_string(1u << 20);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 0);
    cr_assert_not_null(c->model);
    cr_assert_eq(strlen(c->model->description), 1u << 20);
    test_free(c);
    free(text);
}

Test(strings, unterminated_over_one_mib_is_E105)
{
    char *text = with_string(3u << 20);
    *strrchr(text, '"') = ' '; /* the string runs to the end of the line */
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 1);
    test_expect_at(c, "E105", 2, 17);
    test_free(c);
    free(text);
}

/* ---- flows per component ---------------------------------------------------------- */

/* `hub` and n others; out: hub -> [o0, ...]; in: [o0, ...] -> hub. */
static char *fan(int n, bool out)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fprintf(f, "pipeline p {\n  hub : %s\n", out ? "sqs" : "s3");
    for (int i = 0; i < n; i++)
        fprintf(f, "  o%d : lambda\n", i);
    fputs(out ? "  hub -> [" : "  [", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%so%d", i ? ", " : "", i);
    fputs(out ? "]\n}\n" : "] -> hub\n}\n", f);
    fclose(f);
    return text;
}

Test(flows, ten_thousand_out_is_fine)
{
    char *text = fan(10000, true);
    Compilation *c = test_compile(text);
    cr_assert_eq(c->diags.nerrors, 0);
    cr_assert_eq(c->model->flows.n, 10000);
    test_free(c);
    free(text);
}

Test(flows, more_than_ten_thousand_out_is_E105_once)
{
    char *text = fan(10003, true);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 1);
    cr_assert_eq(c->diags.nerrors, 1);
    const Diagnostic *g = test_find(c, "E105");
    cr_assert_str_eq(g->message, "more than 10000 flows out of `hub`; the limit is 10000 flows "
                                 "per component");
    test_expect_at(c, "E105", 10006, 3); /* the hop `hub -> o10000` */
    cr_assert_eq(c->model->flows.n, 10000, "the flows past the limit are left out");
    test_free(c);
    free(text);
}

Test(flows, more_than_ten_thousand_in_is_E105_once)
{
    char *text = fan(10001, false);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 1);
    cr_assert_eq(c->diags.nerrors, 1);
    const Diagnostic *g = test_find(c, "E105");
    cr_assert_str_eq(g->message, "more than 10000 flows into `hub`; the limit is 10000 flows "
                                 "per component");
    cr_assert_eq(c->model->flows.n, 10000);
    test_free(c);
    free(text);
}

Test(flows, repeated_hops_do_not_count)
{
    /* the same 10000 hops written twice: one edge each, no E105 */
    char *one = fan(10000, true);
    char *hops = strstr(one, "  hub -> [");
    char *text = printed("%.*s%s%s", (int)(strrchr(one, '}') - one), one, hops, "");
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 0);
    cr_assert_eq(c->model->flows.n, 10000);
    test_free(c);
    free(text);
    free(one);
}

/* A component with few flows out is asked by a scan of its flows, one with
 * more through a set that takes in the flows it had: both see a repeat. */
Test(flows, repeated_hops_few_and_many_out)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  few : sqs\n  many : sqs\n"
                                  "  o0 : lambda\n  o1 : lambda\n  o2 : lambda\n"
                                  "  o3 : lambda\n  o4 : lambda\n  o5 : lambda\n"
                                  "  o6 : lambda\n  o7 : lambda\n  o8 : lambda\n"
                                  "  few -> [o0, o1]\n"
                                  "  few -> o1\n"
                                  "  [few, many] -> o0\n"
                                  "  many -> [o1, o2, o3, o4, o5, o6, o7, o8]\n"
                                  "  many -> [o0, o8]\n"
                                  "}\n");
    cr_assert_eq(c->diags.nerrors, 0);
    cr_assert_eq(c->model->flows.n, 11, "2 out of few, 9 out of many");
    const MComponent *many = model_component(c->model, "many");
    cr_assert_eq(many->out.n, 9);
    test_free(c);
}

/* `[a0, ..., aN-1] -> [b0, ..., bM-1]`: N * M hops from N + M names. */
static char *product(int n, int m)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("pipeline p {\n", f);
    for (int i = 0; i < (n > m ? n : m); i++)
        fprintf(f, "  a%d : sqs\n  b%d : lambda\n", i, i);
    fputs("  [", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%sa%d", i ? ", " : "", i);
    fputs("] -> [", f);
    for (int i = 0; i < m; i++)
        fprintf(f, "%sb%d", i ? ", " : "", i);
    fputs("]\n}\n", f);
    fclose(f);
    return text;
}

/* The flows-per-component limit alone does not bound a product: 10000 x
 * 10000 names (a 300 KB file) gave each source exactly 10000 flows, 100
 * million in all (gigabytes), and a 64 MiB file could ask for 10^12 hops.
 * Flow statements may expand to 1000000 hops per pipeline in all. */
Test(flows, product_of_ten_thousand_squared_is_E105_quickly, .timeout = 20)
{
    char *text = product(10000, 10000);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 1);
    cr_assert_eq(c->diags.nerrors, 1, "only the limit");
    cr_assert_eq(test_count(c, "W401"), 0, "names of a statement over the limit still count");
    const Diagnostic *g = test_find(c, "E105");
    cr_assert_str_eq(g->message, "flow statements expand to more than 1000000 hops; the limit "
                                 "is 1000000 per pipeline");
    test_expect_at(c, "E105", 20002, 3);
    cr_assert_eq(c->model->flows.n, 0, "the statement over the limit adds no flow");
    test_free(c);
    free(text);
}

Test(flows, a_million_hops_is_fine, .timeout = 60)
{
    char *text = product(1000, 1000);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 0);
    cr_assert_eq(c->model->flows.n, 1000000);
    test_free(c);
    free(text);
}

Test(flows, the_limit_counts_every_statement, .timeout = 60)
{
    /* 1000 x 1000 twice: the second statement passes the limit */
    char *one = product(1000, 1000);
    char *hops = strstr(one, "  [");
    char *text = printed("%.*s%s", (int)(strrchr(one, '}') - one), one, hops);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 1);
    test_expect_at(c, "E105", 2003, 3);
    cr_assert_eq(c->model->flows.n, 1000000);
    test_free(c);
    free(text);
    free(one);
}

/* ---- 256 levels of nesting through every path ---------------------------------------- */

/* pipeline `{` is level 1, then 255 groups: 256. */
static char *deep_groups(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("pipeline p {\n", f);
    for (int i = 0; i < 255; i++)
        fprintf(f, "%*sgroup g%d \"Group %d\" {\n", 2 * (i + 1), "", i, i);
    fputs("a : s3\nb : lambda\na -> b\n", f);
    for (int i = 0; i < 255; i++)
        fputs("}\n", f);
    fputs("}\n", f);
    fclose(f);
    return text;
}

/* A block type nested 254 deep in a component's block (levels 3 to 256),
 * and a list 254 deep (levels 3 to 256) of a list(list(...int)) type. */
static char *deep_blocks(void)
{
    char *open = repeat("{ x = ", 253), *close = repeat(" }", 253);
    char *lopen = repeat("[", 254), *lclose = repeat("]", 254);
    char *topen = repeat("list(", 254), *tclose = repeat(")", 254);
    char *text = printed("type t {\n  x : t = {}\n}\n"
                         "service deep \"Deep\" {\n  category = storage\n  v : t = {}\n"
                         "  l : %sint%s = []\n}\n"
                         "link deep -> s3 via \"copy\"\n"
                         "pipeline p {\n  a : deep { v = %s{}%s }\n  c : deep { l = %s1%s }\n"
                         "  b : s3\n  a -> b\n  c -> b\n}\n",
                         topen, tclose, open, close, lopen, lclose);
    free(open);
    free(close);
    free(lopen);
    free(lclose);
    free(topen);
    free(tclose);
    return text;
}

typedef struct Job {
    const char *text;
    const char *format; /* NULL: check and fmt; else an emitter */
    int rc;
    size_t out_len;
    char *out;
} Job;

static void *run_job(void *arg)
{
    Job *j = arg;
    Compilation c;
    compilation_init(&c);
    compile_text(&c, NULL, "deep.pipe", j->text, strlen(j->text));
    StrBuf out;
    sb_init(&out);
    if (!j->format) {
        j->rc = c.diags.items.n; /* check: no diagnostic at all */
        DiagList d;
        diag_init(&d, c.arena);
        if (fmt_text(c.arena, &d, "deep.pipe", j->text, strlen(j->text), &out) != 0)
            j->rc = -1;
    } else {
        const Emitter *em = emitter_for(j->format);
        EmitContext ctx = {.model = c.model, .source_name = "deep.pipe"};
        j->rc = c.model && em ? em->run(&ctx, j->format, &out) : -2;
    }
    j->out_len = out.len;
    j->out = out.data ? strdup(out.data) : NULL;
    sb_free(&out);
    compilation_free(&c);
    return NULL;
}

/* Check + fmt and each emitter on a 512 KB stack (1 MB for svg: Graphviz's
 * own recursion over 255 nested clusters is not ours to bound). */
static void every_path(const char *text, const char *what)
{
    static const char *const formats[] = {NULL, "dot", "md", "cfn", "cfn-json", "svg"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        Job j = {.text = text, .format = formats[i]};
        on_small_stack(formats[i] && strcmp(formats[i], "svg") == 0 ? 1 << 20 : 512 << 10,
                       run_job, &j);
        cr_assert_eq(j.rc, 0, "%s: %s failed (%d)", what, formats[i] ? formats[i] : "check/fmt",
                     j.rc);
        cr_assert_gt(j.out_len, 0, "%s: %s wrote nothing", what,
                     formats[i] ? formats[i] : "fmt");
        if (!formats[i]) { /* fmt: idempotent */
            Job again = {.text = j.out};
            on_small_stack(512 << 10, run_job, &again);
            cr_assert_eq(again.rc, 0, "%s: the formatted text does not check clean", what);
            cr_assert_str_eq(again.out, j.out, "%s: fmt is not idempotent", what);
            free(again.out);
        }
        free(j.out);
    }
}

Test(nesting, groups_256_levels_every_path, .timeout = 120)
{
    char *text = deep_groups();
    every_path(text, "256 levels of groups");
    free(text);
}

Test(nesting, blocks_and_lists_256_levels_every_path, .timeout = 120)
{
    char *text = deep_blocks();
    every_path(text, "256 levels of blocks and lists");
    free(text);
}

Test(nesting, one_more_level_is_E105)
{
    char *groups = deep_groups();
    char *g = printed("pipeline q {\n  group extra {\n%s\n}\n}\n", strchr(groups, '\n') + 1);
    Compilation *c = test_compile(g);
    cr_assert_eq(test_count(c, "E105"), 1);
    test_free(c);
    free(g);
    free(groups);

    char *blocks = deep_blocks();
    char *b = strstr(blocks, "v = {");
    char *more = printed("%.*sv = { x = %s", (int)(b - blocks), blocks, b + 4);
    c = test_compile(more);
    cr_assert_eq(test_count(c, "E105"), 1);
    test_free(c);
    free(more);
    free(blocks);
}
