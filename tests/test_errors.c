/* Byte-exact human diagnostics: for every tests/errors/NAME.pipe, the
 * standard error of `pipec check --color never tests/errors/NAME.pipe` (run
 * from the repository root, NO_COLOR=1) must equal tests/errors/NAME.err.
 *
 * To regenerate after an intended change of wording:
 *   PIPE_UPDATE_ERR=1 make test   (then read every changed .err file!) */
#include "helpers.h"

#include <dirent.h>
#include <sys/stat.h>

typedef struct Run {
    int status; /* exit code, or -1 if killed by a signal */
    char *out, *err;
    size_t out_len, err_len;
} Run;

/* Runs `cd $ROOT && NO_COLOR=1 $PIPEC ARGS`, capturing both streams. */
static Run run_pipec(const char *args)
{
    char dir[] = "/tmp/pipec-errors-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "cd '%s' && NO_COLOR=1 '%s' %s </dev/null >'%s/out' 2>'%s/err'",
                           test_root(), test_pipec(), args, dir, dir), 0);
    int st = system(cmd);
    Run r = {.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1};
    char *p = NULL;
    cr_assert_geq(asprintf(&p, "%s/out", dir), 0);
    r.out = test_read_file(p, &r.out_len);
    unlink(p);
    free(p);
    cr_assert_geq(asprintf(&p, "%s/err", dir), 0);
    r.err = test_read_file(p, &r.err_len);
    unlink(p);
    free(p);
    rmdir(dir);
    free(cmd);
    cr_assert_not_null(r.out);
    cr_assert_not_null(r.err);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

/* The 1-based number of the first line where a and b differ, and both lines. */
static int first_difference(const char *a, size_t alen, const char *b, size_t blen,
                            char **la, char **lb)
{
    size_t i = 0, line_start = 0;
    int line = 1;
    while (i < alen && i < blen && a[i] == b[i]) {
        if (a[i] == '\n') {
            line++;
            line_start = i + 1;
        }
        i++;
    }
    size_t ea = line_start, eb = line_start;
    while (ea < alen && a[ea] != '\n')
        ea++;
    while (eb < blen && b[eb] != '\n')
        eb++;
    *la = strndup(a + (line_start < alen ? line_start : alen), ea > line_start ? ea - line_start : 0);
    *lb = strndup(b + (line_start < blen ? line_start : blen), eb > line_start ? eb - line_start : 0);
    return line;
}

static void check_case(const char *name)
{
    char *args = NULL, *err_rel = NULL;
    cr_assert_geq(asprintf(&args, "check --color never tests/errors/%s.pipe", name), 0);
    cr_assert_geq(asprintf(&err_rel, "tests/errors/%s.err", name), 0);
    char *err_path = test_path(err_rel);
    Run r = run_pipec(args);

    cr_assert_eq(r.status, 1, "%s: exit %d, want 1 (errors in the input)\n%s", name, r.status,
                 r.err);
    cr_assert_eq(r.out_len, 0u, "%s: nothing on standard output, got:\n%s", name, r.out);

    if (getenv("PIPE_UPDATE_ERR")) {
        FILE *f = fopen(err_path, "wb");
        cr_assert_not_null(f, "%s", err_path);
        fwrite(r.err, 1, r.err_len, f);
        fclose(f);
    }
    size_t want_len = 0;
    char *want = test_read_file(err_path, &want_len);
    cr_assert_not_null(want, "%s is missing", err_path);
    if (want_len != r.err_len || memcmp(want, r.err, want_len) != 0) {
        char *lw, *lg;
        int line = first_difference(want, want_len, r.err, r.err_len, &lw, &lg);
        cr_assert_fail("%s: standard error differs from %s at line %d\n"
                       "  want: %s\n  got:  %s\n(want %zu bytes, got %zu)\n--- full output:\n%s",
                       name, err_rel, line, lw, lg, want_len, r.err_len, r.err);
    }
    free(want);
    run_free(&r);
    free(args);
    free(err_rel);
    free(err_path);
}

/* Every case, by name: tests/errors/NAME.pipe with NAME.err. */
#define CASES(X)                                                                      \
    X(arrow_typo) X(checker) X(crlf_bom) X(invalid_utf8) X(lexical) X(missing_value)  \
    X(multi_syntax) X(sixty) X(tabs) X(toplevel) X(unclosed_brace) X(unicode_columns) \
    X(unterminated_string)

#define DEFINE_CASE(name) \
    Test(errors, name) { check_case(#name); }
CASES(DEFINE_CASE)

#define NAME_OF(name) #name,
static const char *const case_names[] = {CASES(NAME_OF)};
enum { NCASES = sizeof case_names / sizeof case_names[0] };

static bool is_case(const char *name, size_t len)
{
    for (int i = 0; i < NCASES; i++)
        if (strlen(case_names[i]) == len && strncmp(case_names[i], name, len) == 0)
            return true;
    return false;
}

Test(errors, every_file_is_a_case)
{
    char *dir = test_path("tests/errors");
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    int pipes = 0, errs = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".pipe") == 0) {
            cr_assert(is_case(e->d_name, n - 5), "tests/errors/%s has no Test in test_errors.c",
                      e->d_name);
            pipes++;
        } else if (n > 4 && strcmp(e->d_name + n - 4, ".err") == 0) {
            cr_assert(is_case(e->d_name, n - 4), "tests/errors/%s has no .pipe", e->d_name);
            errs++;
        }
    }
    closedir(d);
    cr_assert_eq(pipes, NCASES, "%d .pipe files for %d cases", pipes, NCASES);
    cr_assert_eq(errs, NCASES, "%d .err files for %d cases", errs, NCASES);
    cr_assert_geq(NCASES, 8);
    free(dir);
}

/* ---- the cap of 50 errors per file --------------------------------------------- */

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

Test(errors, sixty_errors_show_fifty_and_a_count)
{
    Run r = run_pipec("check --color never tests/errors/sixty.pipe");
    cr_assert_eq(r.status, 1);
    cr_assert_eq(count_lines_with(r.err, ": error[E101]: "), 50, "50 errors shown:\n%s", r.err);
    const char *last = "tests/errors/sixty.pipe: note: 10 more errors not shown (the limit is 50 per file)\n";
    size_t n = strlen(last);
    cr_assert_geq(r.err_len, n);
    cr_assert_str_eq(r.err + r.err_len - n, last, "the output ends with the count");
    /* the 50 shown are the first 50, in order */
    cr_assert_not_null(strstr(r.err, "sixty.pipe:3:9: error[E101]"), "first error (c01)");
    cr_assert_not_null(strstr(r.err, "sixty.pipe:52:9: error[E101]"), "50th error (c50)");
    cr_assert_null(strstr(r.err, "sixty.pipe:53:9:"), "51st error is not shown");
    run_free(&r);

    r = run_pipec("check --format gcc tests/errors/sixty.pipe");
    cr_assert_eq(r.status, 1);
    cr_assert_eq(count_lines_with(r.err, ": error: "), 50);
    cr_assert_not_null(strstr(r.err, "tests/errors/sixty.pipe: note: 10 more errors not shown "
                                     "(the limit is 50 per file) [E105]\n"), "%s", r.err);
    run_free(&r);
}

Test(errors, cap_counts_in_the_library)
{
    /* 60 errors in memory: 50 kept, all 60 counted */
    char *src = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&src, &len);
    fputs("pipeline many {\n", f);
    for (int i = 0; i < 60; i++)
        fprintf(f, "  c%02d : = s3\n", i);
    fputs("}\n", f);
    fclose(f);
    Compilation *c = test_compile(src);
    cr_assert_eq(test_count(c, "E101"), 50, "50 kept");
    cr_assert_eq(c->diags.nerrors, 60, "60 counted");
    cr_assert_eq(c->prog.root->nerrors, 60, "File.nerrors counts all of them");
    test_free(c);
    free(src);
}

Test(errors, fifty_errors_have_no_count_line)
{
    char dir[] = "/tmp/pipec-fifty-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *path = NULL;
    cr_assert_geq(asprintf(&path, "%s/fifty.pipe", dir), 0);
    FILE *f = fopen(path, "w");
    fputs("pipeline many {\n", f);
    for (int i = 0; i < 50; i++)
        fprintf(f, "  c%02d : = s3\n", i);
    fputs("}\n", f);
    fclose(f);
    char *args = NULL;
    cr_assert_geq(asprintf(&args, "check --format gcc '%s'", path), 0);
    Run r = run_pipec(args);
    cr_assert_eq(r.status, 1);
    cr_assert_eq(count_lines_with(r.err, ": error: "), 50);
    cr_assert_null(strstr(r.err, "more error"), "exactly at the cap nothing is dropped:\n%s", r.err);
    run_free(&r);
    unlink(path);
    rmdir(dir);
    free(path);
    free(args);
}

/* ---- determinism -------------------------------------------------------------- */

Test(errors, output_is_deterministic)
{
    Run a = run_pipec("check --color never tests/errors/checker.pipe tests/errors/lexical.pipe");
    Run b = run_pipec("check --color never tests/errors/checker.pipe tests/errors/lexical.pipe");
    cr_assert_eq(a.err_len, b.err_len);
    cr_assert_eq(memcmp(a.err, b.err, a.err_len), 0, "two runs give the same bytes");
    run_free(&a);
    run_free(&b);
}
