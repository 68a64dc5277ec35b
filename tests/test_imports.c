/* Imports: E103 (not found), E104 (cycle, with the chain in a note), a
 * diamond loaded once, paths relative to the importing file, and the E105
 * limits (32 levels, 256 files). Fixtures live in tests/fixtures/. */
#include "helpers.h"

#include <limits.h>
#include <sys/stat.h>

typedef struct Loaded {
    Compilation c;
    char *path;
} Loaded;

/* Compiles a file through the same path as `pipec check` (compile_path). */
static Loaded *load_file(const char *path)
{
    Loaded *l = calloc(1, sizeof *l);
    l->path = strdup(path);
    compilation_init(&l->c);
    CompileStatus st = compile_path(&l->c, NULL, path, NULL);
    cr_assert_eq(st, COMPILE_OK, "%s can be read", path);
    diag_sort(&l->c.diags);
    return l;
}

static Loaded *load_fixture(const char *name)
{
    char *rel = NULL;
    cr_assert_geq(asprintf(&rel, "tests/fixtures/%s", name), 0);
    char *path = test_path(rel);
    Loaded *l = load_file(path);
    free(rel);
    free(path);
    return l;
}

static void loaded_free(Loaded *l)
{
    compilation_free(&l->c);
    free(l->path);
    free(l);
}

static char *render(const Compilation *c)
{
    return test_render(c);
}

static const Diagnostic *only(const Compilation *c, const char *code)
{
    char *all = render(c);
    cr_assert_eq(test_count(c, code), 1, "exactly one %s:\n%s", code, all);
    free(all);
    return test_find(c, code);
}

static char *real(const char *rel)
{
    char *p = test_path(rel);
    char buf[PATH_MAX];
    cr_assert_not_null(realpath(p, buf), "%s exists", p);
    free(p);
    return strdup(buf);
}

static const char *ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0 ? s + n - k : NULL;
}

/* ---- E103 -------------------------------------------------------------------- */

Test(imports, missing_file_is_E103_at_the_string)
{
    Loaded *l = load_fixture("import-missing.pipe");
    const Diagnostic *g = only(&l->c, "E103");
    cr_assert_eq(l->c.diags.items.n, 1, "nothing else is reported");
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 2);
    cr_assert_eq(p.col, 8, "the import string starts at column 8");
    cr_assert_eq(g->span.end - g->span.start, (uint32_t)strlen("\"does-not-exist.pipe\""),
                 "the span is the string, quotes included");
    cr_assert_str_eq(g->message, "cannot import \"does-not-exist.pipe\": No such file or directory");
    cr_assert_not_null(g->notes);
    cr_assert_str_eq(g->notes->kind, "note");
    char *want = NULL;
    char *dir = test_path("tests/fixtures");
    cr_assert_geq(asprintf(&want, "imports are resolved relative to the importing file: "
                                  "%s/does-not-exist.pipe", dir), 0);
    cr_assert_str_eq(g->notes->text, want);
    cr_assert(ends_with(g->src->name, "tests/fixtures/import-missing.pipe"));
    free(want);
    free(dir);
    loaded_free(l);
}

Test(imports, missing_file_exit_code)
{
    char *err = NULL;
    char *path = test_path("tests/fixtures/import-missing.pipe");
    char *args = NULL;
    cr_assert_geq(asprintf(&args, "check --color never '%s'", path), 0);
    int rc = test_run(args, NULL, NULL, &err);
    cr_assert_eq(rc, 1, "an unresolved import is an error in the input (exit 1), got %d:\n%s", rc,
                 err);
    cr_assert_not_null(strstr(err, "import-missing.pipe:2:8: error[E103]: cannot import"), "%s", err);
    free(err);
    free(args);
    free(path);
}

/* ---- E104 -------------------------------------------------------------------- */

Test(imports, cycle_is_E104_with_the_chain)
{
    Loaded *l = load_fixture("import-a.pipe");
    const Diagnostic *g = only(&l->c, "E104");
    cr_assert(ends_with(g->src->name, "tests/fixtures/import-b.pipe"),
              "reported in the file that closes the cycle: %s", g->src->name);
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 2);
    cr_assert_eq(p.col, 8);
    cr_assert_str_eq(g->message, "import cycle: \"import-a.pipe\" is already being imported");
    char *a = real("tests/fixtures/import-a.pipe"), *b = real("tests/fixtures/import-b.pipe");
    char *want = NULL;
    cr_assert_geq(asprintf(&want, "the chain of imports: %s -> %s -> %s", a, b, a), 0);
    cr_assert_not_null(g->notes);
    cr_assert_str_eq(g->notes->text, want);
    cr_assert_eq(l->c.prog.files.n, 2, "each file is loaded once");
    cr_assert_eq(test_count(&l->c, "E202"), 0, "no duplicate definitions from the cycle");
    free(a);
    free(b);
    free(want);
    loaded_free(l);
}

Test(imports, self_import_is_E104)
{
    Loaded *l = load_fixture("import-self.pipe");
    const Diagnostic *g = only(&l->c, "E104");
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 1);
    cr_assert_eq(p.col, 8);
    char *s = real("tests/fixtures/import-self.pipe");
    char *want = NULL;
    cr_assert_geq(asprintf(&want, "the chain of imports: %s -> %s", s, s), 0);
    cr_assert_str_eq(g->notes->text, want);
    free(s);
    free(want);
    loaded_free(l);
}

Test(imports, cycle_exit_code)
{
    char *err = NULL, *args = NULL;
    char *path = test_path("tests/fixtures/import-a.pipe");
    cr_assert_geq(asprintf(&args, "check --format gcc '%s'", path), 0);
    int rc = test_run(args, NULL, NULL, &err);
    cr_assert_eq(rc, 1, "exit %d:\n%s", rc, err);
    cr_assert_not_null(strstr(err, "import-b.pipe:2:8: error: import cycle: \"import-a.pipe\" is "
                                   "already being imported [E104]"), "%s", err);
    free(err);
    free(args);
    free(path);
}

/* ---- diamonds and relative paths ------------------------------------------------ */

Test(imports, diamond_is_loaded_once)
{
    Loaded *l = load_fixture("diamond-root.pipe");
    char *all = render(&l->c);
    cr_assert_eq(l->c.diags.items.n, 0, "a diamond checks clean (no E202 for kafka):\n%s", all);
    cr_assert_eq(l->c.prog.files.n, 4, "root, left, base, right: base once");
    cr_assert_not_null(l->c.model);
    int base = 0;
    for (int i = 0; i < l->c.prog.files.n; i++)
        base += ends_with(((File *)l->c.prog.files.items[i])->src->name, "diamond-base.pipe") != NULL;
    cr_assert_eq(base, 1, "diamond-base.pipe is loaded once");
    free(all);
    loaded_free(l);
}

Test(imports, diamond_errors_reported_once)
{
    Loaded *l = load_fixture("diamond-bad-root.pipe");
    const Diagnostic *g = only(&l->c, "E101");
    cr_assert(ends_with(g->src->name, "diamond-bad-base.pipe"), "%s", g->src->name);
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 3);
    cr_assert_eq(p.col, 10);
    cr_assert_eq(l->c.prog.files.n, 4);
    loaded_free(l);
}

Test(imports, relative_to_the_importing_file)
{
    Loaded *l = load_fixture("nested-root.pipe");
    char *all = render(&l->c);
    cr_assert_eq(l->c.diags.items.n, 0,
                 "nested/mid.pipe's \"leaf.pipe\" is nested/leaf.pipe:\n%s", all);
    cr_assert_eq(l->c.prog.files.n, 3);
    free(all);
    loaded_free(l);

    /* and not relative to the current directory */
    char *dir = test_path("tests/fixtures/nested");
    char *err = NULL, *args = NULL;
    cr_assert_geq(asprintf(&args, "check '%s/../nested-root.pipe'", dir), 0);
    int rc = test_run(args, NULL, NULL, &err);
    cr_assert_eq(rc, 0, "exit %d:\n%s", rc, err);
    free(err);
    free(args);
    free(dir);
}

Test(imports, display_names_stay_relative)
{
    /* a file given by a relative path: its second-level imports should be
     * shown relative too (diagnostics must not depend on where the checkout
     * lives) */
    char *err = NULL, *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "cd '%s' && '%s' check --format gcc tests/fixtures/diamond-bad-root.pipe",
                           test_root(), test_pipec()), 0);
    char dir[] = "/tmp/pipec-imp-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *full = NULL;
    cr_assert_geq(asprintf(&full, "(%s) 2>%s/err", cmd, dir), 0);
    int st = system(full);
    cr_assert(WIFEXITED(st));
    cr_assert_eq(WEXITSTATUS(st), 1);
    char *path = NULL;
    cr_assert_geq(asprintf(&path, "%s/err", dir), 0);
    err = test_read_file(path, NULL);
    unlink(path);
    rmdir(dir);
    cr_assert_str_eq(err, "tests/fixtures/diamond-bad-base.pipe:3:10: error: unexpected '=', "
                          "expected a name [E101]\n");
    free(err);
    free(cmd);
    free(full);
    free(path);
}

/* ---- E105: limits ------------------------------------------------------------------ */

static char *make_dir(void)
{
    char *dir = strdup("/tmp/pipec-imports-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return dir;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *path = NULL;
    cr_assert_geq(asprintf(&path, "%s/%s", dir, name), 0);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
    free(path);
}

static void remove_dir(const char *dir)
{
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "rm -rf '%s'", dir), 0);
    cr_assert_eq(system(cmd), 0);
    free(cmd);
}

Test(imports, depth_limit_is_E105)
{
    char *dir = make_dir();
    /* l00 -> l01 -> ... -> l39: the 33rd level cannot import */
    for (int i = 0; i < 40; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "l%02d.pipe", i);
        snprintf(text, sizeof text, i < 39 ? "import \"l%02d.pipe\"\n" : "# leaf\n", i + 1);
        write_file(dir, name, text);
    }
    char *root = NULL;
    cr_assert_geq(asprintf(&root, "%s/l00.pipe", dir), 0);
    Loaded *l = load_file(root);
    const Diagnostic *g = only(&l->c, "E105");
    cr_assert_str_eq(g->message, "too many imports (the limits are 32 levels deep and 256 files)");
    cr_assert(ends_with(g->src->name, "/l31.pipe"), "reported in the 32nd file: %s", g->src->name);
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 1);
    cr_assert_eq(p.col, 8);
    cr_assert_eq(l->c.prog.files.n, 32, "32 levels are loaded");
    loaded_free(l);
    free(root);
    remove_dir(dir);
    free(dir);
}

Test(imports, file_limit_is_E105)
{
    char *dir = make_dir();
    char *rootsrc = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&rootsrc, &len);
    for (int i = 0; i < 300; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%03d.pipe", i);
        write_file(dir, name, "# empty library\n");
        fprintf(f, "import \"%s\"\n", name);
    }
    fclose(f);
    write_file(dir, "root.pipe", rootsrc);
    char *root = NULL;
    cr_assert_geq(asprintf(&root, "%s/root.pipe", dir), 0);
    Loaded *l = load_file(root);
    char *all = render(&l->c);
    cr_assert_eq(l->c.prog.files.n, 256, "at most 256 files (root included)");
    cr_assert_gt(test_count(&l->c, "E105"), 0, "%s", all);
    const Diagnostic *g = test_find(&l->c, "E105");
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 256, "the first import over the limit is on line 256");
    cr_assert_eq(p.col, 8);
    cr_assert_eq(l->c.diags.nerrors, test_count(&l->c, "E105"), "nothing but E105:\n%s", all);
    free(all);
    loaded_free(l);
    free(root);
    free(rootsrc);
    remove_dir(dir);
    free(dir);
}
