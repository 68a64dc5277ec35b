/* The stdlib parsed at build time (compiler/stdlib_image_gen.c) is the tree
 * a parse at run time makes: compared node by node, and through the
 * catalog (`pipec services`, checks of every example) against a stdlib read
 * from the folder, which is parsed at run time. */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <criterion/criterion.h>
#include <string.h>

#include "parse.h"

static void same_span(Span a, Span b, const char *what)
{
    cr_expect(a.start == b.start && a.end == b.end, "%s: span %u-%u, not %u-%u", what, a.start,
              a.end, b.start, b.end);
}

static void same_str(const char *a, const char *b, const char *what)
{
    cr_expect((a == NULL) == (b == NULL), "%s: one is NULL", what);
    if (a && b)
        cr_expect_str_eq(a, b, "%s", what);
}

static void same_ident(Ident a, Ident b, const char *what)
{
    same_str(a.name, b.name, what);
    same_span(a.span, b.span, what);
}

static void same_block(const Block *a, const Block *b);

static void same_value(const Value *a, const Value *b)
{
    cr_assert((a == NULL) == (b == NULL), "a value is missing");
    if (!a)
        return;
    cr_assert_eq(a->kind, b->kind);
    same_span(a->span, b->span, "value");
    switch (a->kind) {
    case V_NUMBER: cr_expect(a->num == b->num); break;
    case V_STRING: case V_IDENT: same_str(a->str, b->str, "value text"); break;
    case V_INT: case V_BOOL: cr_expect_eq(a->i, b->i); break;
    case V_DURATION: case V_SIZE:
        cr_expect_eq(a->i, b->i);
        same_str(a->str, b->str, "unit text");
        break;
    case V_RANGE: same_value(a->lo, b->lo); same_value(a->hi, b->hi); break;
    case V_LIST:
        cr_assert_eq(a->list.n, b->list.n);
        for (int i = 0; i < a->list.n; i++)
            same_value(a->list.items[i], b->list.items[i]);
        break;
    case V_BLOCK: same_block(a->block, b->block); break;
    }
}

static void same_setting(const Setting *a, const Setting *b)
{
    same_ident(a->name, b->name, "setting");
    same_span(a->span, b->span, "setting");
    same_value(a->value, b->value);
}

static void same_settings(const PtrVec *a, const PtrVec *b)
{
    cr_assert_eq(a->n, b->n);
    for (int i = 0; i < a->n; i++)
        same_setting(a->items[i], b->items[i]);
}

static void same_block(const Block *a, const Block *b)
{
    cr_assert((a == NULL) == (b == NULL), "a block is missing");
    if (a)
        same_settings(&a->settings, &b->settings);
}

static void same_type(const TypeExpr *a, const TypeExpr *b)
{
    cr_assert((a == NULL) == (b == NULL), "a type is missing");
    if (!a)
        return;
    same_ident(a->name, b->name, "type");
    cr_expect(a->is_string == b->is_string && a->is_bound == b->is_bound);
    same_value(a->lo, b->lo);
    same_value(a->hi, b->hi);
    cr_assert_eq(a->args.n, b->args.n);
    for (int i = 0; i < a->args.n; i++)
        same_type(a->args.items[i], b->args.items[i]);
}

static void same_ends(const Ends *a, const Ends *b)
{
    cr_assert((a == NULL) == (b == NULL), "ends missing");
    if (!a)
        return;
    cr_assert_eq(a->names.n, b->names.n);
    for (int i = 0; i < a->names.n; i++)
        same_ident(*(Ident *)a->names.items[i], *(Ident *)b->names.items[i], "end");
}

static void same_item(const Item *a, const Item *b)
{
    cr_assert_eq(a->kind, b->kind);
    same_span(a->span, b->span, "item");
    same_ident(a->name, b->name, "item name");
    same_str(a->title, b->title, "item title");
    cr_assert_eq(a->props.n, b->props.n);
    for (int i = 0; i < a->props.n; i++) {
        const PropDecl *p = a->props.items[i], *q = b->props.items[i];
        same_ident(p->name, q->name, "property");
        same_type(p->type, q->type);
        same_value(p->deflt, q->deflt);
    }
    same_settings(&a->meta, &b->meta);
    same_ends(a->from, b->from);
    same_ends(a->to, b->to);
    same_block(a->block, b->block);
    cr_assert_eq(a->members.n, b->members.n);
    for (int i = 0; i < a->members.n; i++)
        same_ident(*(Ident *)a->members.items[i], *(Ident *)b->members.items[i], "member");
    cr_assert_eq(a->body.n, 0, "the stdlib has no pipeline");
}

Test(stdlib_image, present)
{
    cr_assert_gt(pipe_stdlib_count, 0);
    cr_assert_eq(pipe_stdlib_image_count, pipe_stdlib_count,
                 "the build made no image of the stdlib (it has findings?)");
}

Test(stdlib_image, same_tree_as_a_parse)
{
    Arena *a = arena_new();
    PtrVec files = {0};
    cr_assert(stdlib_parse(a, &files), "the stdlib has findings");
    cr_assert_eq(files.n, pipe_stdlib_image_count);
    for (int f = 0; f < files.n; f++) {
        const File *x = pipe_stdlib_image[f], *y = files.items[f];
        cr_assert_str_eq(x->src->name, y->src->name);
        cr_assert_eq(x->src->len, y->src->len);
        cr_assert(memcmp(x->src->text, pipe_stdlib_files[f].data, x->src->len) == 0,
                  "%s: the text differs from the embedded file", x->src->name);
        cr_assert_eq(x->src->nlines, y->src->nlines);
        cr_assert(memcmp(x->src->line_starts, y->src->line_starts,
                         (size_t)x->src->nlines * sizeof *x->src->line_starts) == 0);
        cr_assert_eq(x->src->id, f);
        cr_assert_eq(x->nerrors, 0);
        cr_assert_eq(x->items.n, y->items.n, "%s", x->src->name);
        for (int i = 0; i < x->items.n; i++)
            same_item(x->items.items[i], y->items.items[i]);
        cr_assert_eq(x->comments.n, y->comments.n);
        cr_assert_eq(x->allows.n, y->allows.n);
    }
    arena_free(a);
}

/* `--stdlib DIR` parses the files of the folder at run time: the catalog
 * and the findings must be those of the built-in image. */
static void same_output(const char *command, const char *args)
{
    char *cmd_a = NULL, *cmd_b = NULL, *out_a = NULL, *out_b = NULL, *err_a = NULL, *err_b = NULL;
    char *dir = test_path("stdlib");
    cr_assert_geq(asprintf(&cmd_a, "%s %s", command, args), 0);
    cr_assert_geq(asprintf(&cmd_b, "%s --stdlib '%s' %s", command, dir, args), 0);
    int rc_a = test_run(cmd_a, NULL, &out_a, &err_a);
    int rc_b = test_run(cmd_b, NULL, &out_b, &err_b);
    cr_expect_eq(rc_a, rc_b, "%s", args);
    cr_expect_str_eq(out_a, out_b, "%s", args);
    cr_expect_str_eq(err_a, err_b, "%s", args);
    free(cmd_a), free(cmd_b), free(out_a), free(out_b), free(err_a), free(err_b), free(dir);
}

Test(stdlib_image, same_catalog_as_the_folder)
{
    char *list = NULL, *err = NULL;
    cr_assert_eq(test_run("services", NULL, &list, &err), 0);
    same_output("services", "");
    /* every service's page */
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        char name[64];
        if (sscanf(line, " %63[a-z0-9_]", name) == 1 && line[0] != ' ') {
            same_output("services", name);
        }
    }
    free(list);
    free(err);
    char *examples = test_path("examples"), *fixtures = test_path("tests/fixtures");
    char *args = NULL;
    cr_assert_geq(asprintf(&args, "--format gcc '%s'/*.pipe '%s'/*.pipe", examples, fixtures), 0);
    same_output("check", args);
    free(args);
    free(examples);
    free(fixtures);
}
