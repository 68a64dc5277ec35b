/* pipec services [NAME] and pipec explain CODE: browsing the catalog and the
 * diagnostic codes. */
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "compile.h"
#include "value.h"

static void print_links(const PtrVec *links, bool incoming)
{
    for (int i = 0; i < links->n; i++) {
        const Link *l = links->items[i];
        const Service *other = incoming ? l->from : l->to;
        printf("    %-18s %s%s\n", other->id, l->via, l->control ? " (control, not data)" : "");
    }
    if (links->n == 0)
        puts("    (none)");
}

static void print_props(Arena *a, const Service *s)
{
    for (int i = 0; i < s->props.n; i++) {
        const Prop *p = s->props.items[i];
        const char *def = p->deflt ? value_format(a, p->deflt) : p->optional ? "(optional)" : "(required)";
        const char *type = type_describe(a, p->type);
        if (p->type->kind == T_ENUM) {
            const char *list = "";
            for (int k = 0; k < p->type->members.n; k++)
                list = arena_printf(a, "%s%s%s", list, k ? ", " : "", (const char *)p->type->members.items[k]);
            type = arena_printf(a, "one of %s", list);
        } else if (p->type->has_lo || p->type->has_hi) {
            Value lo = {.kind = p->type->kind == T_DURATION ? V_DURATION : p->type->kind == T_SIZE ? V_SIZE : V_INT,
                        .i = p->type->lo};
            Value hi = lo;
            hi.i = p->type->hi;
            type = arena_printf(a, "%s in %s..%s", type, p->type->has_lo ? value_format(a, &lo) : "",
                                p->type->has_hi ? value_format(a, &hi) : "");
        }
        printf("    %-18s %s; default %s\n", p->name, type, def);
        if (p->retired.n) {
            printf("    %-18s deprecated (W405):", "");
            for (int k = 0; k < p->retired.n; k++)
                printf("%s %s", k ? "," : "", (const char *)p->retired.items[k]);
            putchar('\n');
        }
    }
    if (s->props.n == 0)
        puts("    (none)");
}

static void show_service(Arena *a, const Service *s)
{
    printf("%s: %s\n", s->id, s->title);
    printf("  category: %s\n", s->category->title);
    if (s->cfn.n) {
        printf("  CloudFormation:");
        for (int i = 0; i < s->cfn.n; i++)
            printf("%s %s", i ? "," : "", (const char *)s->cfn.items[i]);
        putchar('\n');
    } else {
        puts("  CloudFormation: none (not templated)");
    }
    if (s->alias_of)
        printf("  old name of: %s (W405)\n", s->alias_of->id);
    if (s->deprecated)
        printf("  deprecated: %s\n", s->deprecated);
    if (s->doc)
        printf("\n  %s\n", s->doc);
    puts("\n  properties:");
    print_props(a, s);
    puts("\n  accepts data from:");
    print_links(&s->in, true);
    puts("\n  sends data to:");
    print_links(&s->out, false);
}

int cmd_services(int argc, char **argv)
{
    CommonOptions o;
    cli_defaults(&o);
    const char *name = NULL;
    for (int i = 1; i < argc; i++) {
        int r = cli_common_flag(argc, argv, &i, &o);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (argv[i][0] == '-' || name)
            return cli_usage_error("services: takes at most one service name");
        name = argv[i];
    }
    Compilation c;
    compilation_init(&c);
    compile_text(&c, &o.load, "<services>", "", 0);
    int rc = 0;
    if (c.diags.nerrors) {
        cli_render_diags(&c.diags, &o, stderr);
        rc = 2;
    } else if (!name) {
        const PtrVec *ss = &c.catalog->service_list;
        for (int i = 0; i < ss->n; i++) {
            const Service *s = ss->items[i];
            printf("%-18s %-52s %s\n", s->id, s->title, s->category->id);
        }
    } else {
        const Service *s = catalog_service(c.catalog, name);
        if (s) {
            show_service(c.arena, s);
        } else {
            const char **names = arena_alloc(c.arena, (size_t)(c.catalog->service_list.n + 1) * sizeof *names);
            for (int i = 0; i < c.catalog->service_list.n; i++)
                names[i] = ((const Service *)c.catalog->service_list.items[i])->id;
            const char *near = closest_name(name, names, c.catalog->service_list.n);
            fprintf(stderr, "pipec: no service '%s' in the catalog%s%s%s\n", name,
                    near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
            rc = 2;
        }
    }
    compilation_free(&c);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    if (argc == 2 && argv[1][0] != '-') {
        char code[8] = {0};
        for (int i = 0; i < 7 && argv[1][i]; i++)
            code[i] = (char)(argv[1][i] >= 'a' && argv[1][i] <= 'z' ? argv[1][i] - 32 : argv[1][i]);
        const CodeInfo *ci = code_info(code);
        if (!ci) {
            fprintf(stderr, "pipec: unknown diagnostic code '%s' (E101-E105, E201-E210, "
                            "E301-E302, W401-W409)\n", argv[1]);
            return 2;
        }
        fputs(ci->explanation, stdout);
        if (ci->explanation[0] && ci->explanation[strlen(ci->explanation) - 1] != '\n')
            putchar('\n');
        return 0;
    }
    if (argc == 1) {
        int n;
        const CodeInfo *t = code_table(&n);
        for (int i = 0; i < n; i++)
            printf("%s  %s\n", t[i].code, t[i].summary);
        return 0;
    }
    return cli_usage_error("explain: takes one code, such as E301");
}
