/* The command line as a user (or CI, or pre-commit) sees it: exit codes,
 * --werror, standard input, several files, every --format, colour rules,
 * --version and --help. Runs the real binary. */
#include "helpers.h"

#include <jansson.h>
#include <sys/stat.h>

typedef struct Run {
    int status; /* exit code; -1 if killed by a signal */
    char *out, *err;
    size_t out_len, err_len;
} Run;

/* Runs `cd $ROOT && ENV PIPEC ARGS` through sh with `input` on standard
 * input. ENV is a prefix such as "NO_COLOR=1" or "env -u NO_COLOR". */
static Run sh(const char *env, const char *args, const char *input)
{
    char dir[] = "/tmp/pipec-cli-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *in = NULL, *out = NULL, *err = NULL, *cmd = NULL;
    cr_assert_geq(asprintf(&in, "%s/in", dir), 0);
    cr_assert_geq(asprintf(&out, "%s/out", dir), 0);
    cr_assert_geq(asprintf(&err, "%s/err", dir), 0);
    FILE *f = fopen(in, "wb");
    if (input)
        fputs(input, f);
    fclose(f);
    cr_assert_geq(asprintf(&cmd, "cd '%s' && %s '%s' %s <'%s' >'%s' 2>'%s'", test_root(),
                           env ? env : "", test_pipec(), args, in, out, err), 0);
    int st = system(cmd);
    Run r = {.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1};
    r.out = test_read_file(out, &r.out_len);
    r.err = test_read_file(err, &r.err_len);
    cr_assert_not_null(r.out);
    cr_assert_not_null(r.err);
    unlink(in);
    unlink(out);
    unlink(err);
    rmdir(dir);
    free(in);
    free(out);
    free(err);
    free(cmd);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

static void expect_status(const Run *r, int want, const char *what)
{
    cr_assert_eq(r->status, want, "%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r->status,
                 want, r->out, r->err);
}

static char *slurp(const char *rel, size_t *len)
{
    char *p = test_path(rel);
    char *text = test_read_file(p, len);
    cr_assert_not_null(text, "%s", p);
    free(p);
    return text;
}

#define CLEAN "tests/fixtures/cli-clean.pipe"
#define WARN "tests/fixtures/cli-warn.pipe"
#define HINT "tests/fixtures/cli-hint.pipe"
#define BROKEN "tests/fixtures/cli-error.pipe"

/* ---- exit codes ------------------------------------------------------------------- */

Test(exit, clean_file_is_0_and_silent)
{
    Run r = sh(NULL, "check " CLEAN, NULL);
    expect_status(&r, 0, "clean");
    cr_assert_eq(r.out_len, 0u, "no output: %s", r.out);
    cr_assert_eq(r.err_len, 0u, "no output: %s", r.err);
    run_free(&r);
}

Test(exit, errors_are_1)
{
    Run r = sh("NO_COLOR=1", "check " BROKEN, NULL);
    expect_status(&r, 1, "an unknown service");
    cr_assert_not_null(strstr(r.err, "error[E201]"), "%s", r.err);
    run_free(&r);
}

Test(exit, warnings_alone_are_0)
{
    Run r = sh("NO_COLOR=1", "check " WARN, NULL);
    expect_status(&r, 0, "a warning");
    cr_assert_not_null(strstr(r.err, WARN ":5:3: warning[W401]: `spare` takes part in no flow\n"),
                       "%s", r.err);
    run_free(&r);
}

Test(exit, werror_turns_a_warning_into_1)
{
    Run r = sh("NO_COLOR=1", "check --werror " WARN, NULL);
    expect_status(&r, 1, "--werror with W401");
    cr_assert_not_null(strstr(r.err, "warning[W401]"), "still shown as a warning: %s", r.err);
    run_free(&r);
    r = sh("NO_COLOR=1", "check " WARN " --werror", NULL);
    expect_status(&r, 1, "--werror after the file");
    run_free(&r);
}

Test(exit, werror_ignores_hints)
{
    Run r = sh(NULL, "check --werror --format gcc " HINT, NULL);
    expect_status(&r, 0, "a hint (W408) never fails the run");
    cr_assert_not_null(strstr(r.err, HINT ":4:17: note: `spark` runs for the long term on "
                                     "on-demand capacity [W408]\n"), "%s", r.err);
    run_free(&r);
}

static void expect_usage(const char *args, const char *message)
{
    Run r = sh(NULL, args, NULL);
    expect_status(&r, 2, args);
    cr_assert_eq(r.out_len, 0u, "%s: nothing on stdout", args);
    cr_assert_not_null(strstr(r.err, message), "%s: stderr lacks \"%s\":\n%s", args, message, r.err);
    run_free(&r);
}

Test(exit, usage_errors_are_2)
{
    expect_usage("check --bogus " CLEAN, "pipec: check: unknown option '--bogus'\n");
    expect_usage("check", "pipec: check: no input files\n");
    expect_usage("check --werror", "pipec: check: no input files\n");
    expect_usage("frobnicate " CLEAN, "pipec: unknown command 'frobnicate'\n");
    expect_usage("", "usage: pipec check");
    expect_usage("check --format xml " CLEAN,
                 "pipec: unknown format 'xml' (human, gcc, json, sarif, github)\n");
    expect_usage("check " CLEAN " --format", "pipec: --format needs a value\n");
    expect_usage("check --color sometimes " CLEAN, "pipec: --color takes auto, always or never\n");
}

Test(exit, missing_file_is_2)
{
    Run r = sh("NO_COLOR=1", "check --color never tests/fixtures/no-such-file.pipe", NULL);
    expect_status(&r, 2, "a missing file");
    cr_assert_str_eq(r.err, "tests/fixtures/no-such-file.pipe: error[E103]: cannot read: No such "
                            "file or directory\n");
    run_free(&r);
}

Test(exit, directory_is_2)
{
    Run r = sh("NO_COLOR=1", "check --color never tests/fixtures", NULL);
    expect_status(&r, 2, "a directory");
    cr_assert_str_eq(r.err, "tests/fixtures: error[E103]: cannot read: is a directory\n");
    run_free(&r);
}

Test(exit, fifo_is_2_without_hanging)
{
    char dir[] = "/tmp/pipec-fifo-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *fifo = NULL, *args = NULL;
    cr_assert_geq(asprintf(&fifo, "%s/pipe.pipe", dir), 0);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    /* nobody ever writes to the FIFO: opening it for reading would block */
    cr_assert_geq(asprintf(&args, "check --color never '%s'", fifo), 0);
    char *env = NULL;
    cr_assert_geq(asprintf(&env, "timeout 10"), 0);
    Run r = sh(env, args, NULL);
    cr_assert_neq(r.status, 124, "pipec hung on a FIFO (killed by timeout)");
    expect_status(&r, 2, "a FIFO");
    cr_assert_not_null(strstr(r.err, "cannot read: not a regular file"), "%s", r.err);
    run_free(&r);
    unlink(fifo);
    rmdir(dir);
    free(fifo);
    free(args);
    free(env);
}

Test(exit, io_error_wins_but_other_files_are_reported)
{
    Run r = sh("NO_COLOR=1", "check --format gcc " BROKEN " tests/fixtures/no-such-file.pipe", NULL);
    expect_status(&r, 2, "one unreadable file among others");
    cr_assert_not_null(strstr(r.err, BROKEN ":2:12: error: unknown service `lamda` [E201]\n"), "%s",
                       r.err);
    cr_assert_not_null(strstr(r.err, "no-such-file.pipe"), "%s", r.err);
    run_free(&r);
}

/* ---- standard input ------------------------------------------------------------------ */

static const char broken_text[] = "pipeline p {\n  a : lamda\n}\n";

Test(stdin, dash_with_stdin_filename)
{
    Run r = sh("NO_COLOR=1", "check --color never --stdin-filename src/orders.pipe -", broken_text);
    expect_status(&r, 1, "stdin with an error");
    cr_assert_str_eq(r.err, "src/orders.pipe:2:7: error[E201]: unknown service `lamda`\n"
                            "    2 |   a : lamda\n"
                            "      |       ^^^^^\n"
                            "   = help: did you mean `lambda`?\n");
    run_free(&r);
}

Test(stdin, dash_default_name_and_equals_form)
{
    Run r = sh(NULL, "check --format gcc -", broken_text);
    expect_status(&r, 1, "stdin");
    cr_assert_not_null(strstr(r.err, "<stdin>:2:7: error: unknown service `lamda` [E201]\n"), "%s",
                       r.err);
    run_free(&r);
    r = sh(NULL, "check --format=gcc --stdin-filename=x.pipe -", broken_text);
    expect_status(&r, 1, "stdin, --opt=value");
    cr_assert_not_null(strstr(r.err, "x.pipe:2:7: error: unknown service `lamda` [E201]\n"), "%s",
                       r.err);
    run_free(&r);
}

Test(stdin, clean_input_is_0)
{
    size_t len;
    char *text = slurp(CLEAN, &len);
    Run r = sh(NULL, "check -", text);
    expect_status(&r, 0, "clean stdin");
    cr_assert_eq(r.err_len, 0u, "%s", r.err);
    run_free(&r);
    free(text);
}

/* ---- many files ------------------------------------------------------------------------ */

Test(many, every_file_is_reported_in_order)
{
    /* one call gives exactly the outputs of separate calls, in argument order */
    static const char *const names[] = {"checker", "lexical", "tabs", "unclosed_brace"};
    char *args = strdup("check --color never");
    char *want = NULL;
    size_t want_len = 0;
    FILE *w = open_memstream(&want, &want_len);
    for (int i = 0; i < 4; i++) {
        char *a = NULL, *rel = NULL;
        cr_assert_geq(asprintf(&a, "%s tests/errors/%s.pipe", args, names[i]), 0);
        free(args);
        args = a;
        cr_assert_geq(asprintf(&rel, "tests/errors/%s.err", names[i]), 0);
        size_t n;
        char *e = slurp(rel, &n);
        fwrite(e, 1, n, w);
        free(e);
        free(rel);
    }
    fclose(w);
    Run r = sh("NO_COLOR=1", args, NULL);
    expect_status(&r, 1, "four broken files");
    cr_assert_eq(r.err_len, want_len, "length %zu, want %zu:\n%s", r.err_len, want_len, r.err);
    cr_assert_eq(memcmp(r.err, want, want_len), 0, "output:\n%s", r.err);
    run_free(&r);
    free(args);
    free(want);
}

Test(many, clean_and_broken_together)
{
    Run r = sh(NULL, "check --format gcc " CLEAN " " BROKEN " " WARN, NULL);
    expect_status(&r, 1, "one broken file among clean ones");
    const char *e1 = strstr(r.err, BROKEN ":2:12: error:");
    const char *e2 = strstr(r.err, WARN ":5:3: warning:");
    cr_assert_not_null(e1, "%s", r.err);
    cr_assert_not_null(e2, "%s", r.err);
    cr_assert_lt(e1, e2, "in argument order");
    run_free(&r);

    r = sh(NULL, "check " CLEAN " " CLEAN " " WARN, NULL);
    expect_status(&r, 0, "only a warning");
    run_free(&r);
}

/* ---- --format gcc ------------------------------------------------------------------------ */

Test(format, gcc_lines)
{
    Run r = sh(NULL, "check --format gcc " BROKEN, NULL);
    expect_status(&r, 1, "gcc");
    cr_assert_eq(r.out_len, 0u, "gcc goes to stderr");
    cr_assert_str_eq(r.err,
                     BROKEN ":2:12: error: unknown service `lamda` [E201]\n"
                     BROKEN ":2:12: note: help: did you mean `lambda`?\n"
                     BROKEN ":3:3: warning: `jobs` takes part in no flow [W401]\n"
                     BROKEN ":3:3: note: help: connect it, for example `jobs -> ...`, or remove it\n");
    run_free(&r);
}

Test(format, gcc_every_line_has_a_location)
{
    Run r = sh(NULL, "check --format gcc tests/errors/lexical.pipe tests/errors/checker.pipe", NULL);
    expect_status(&r, 1, "gcc");
    int lines = 0, coded = 0;
    for (char *line = strtok(r.err, "\n"); line; line = strtok(NULL, "\n")) {
        char file[256], sev[16];
        int l, c, n = 0;
        cr_assert_eq(sscanf(line, "%255[^:]:%d:%d: %15[a-z]:%n", file, &l, &c, sev, &n), 4,
                     "not file:line:col: severity: ... : %s", line);
        cr_assert(strcmp(sev, "error") == 0 || strcmp(sev, "warning") == 0 ||
                  strcmp(sev, "note") == 0, "severity %s", sev);
        cr_assert_gt(l, 0);
        cr_assert_gt(c, 0);
        size_t len = strlen(line);
        if (strcmp(sev, "note") != 0) {
            cr_assert(len > 7 && line[len - 1] == ']' && line[len - 6] == '[',
                      "a finding ends with [CODE]: %s", line);
            coded++;
        }
        lines++;
    }
    cr_assert_eq(coded, 12, "8 lexical findings + 4 checker findings, got %d", coded);
    cr_assert_gt(lines, coded, "notes and helps are lines too");
    run_free(&r);
}

/* ---- --format json --------------------------------------------------------------------- */

static json_t *parse_json(const Run *r)
{
    json_error_t jerr;
    json_t *doc = json_loadb(r->out, r->out_len, 0, &jerr);
    cr_assert_not_null(doc, "stdout is not JSON (%s at line %d):\n%s", jerr.text, jerr.line, r->out);
    return doc;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    cr_assert(json_is_string(v), "\"%s\" is a string", key);
    return json_string_value(v);
}

static json_int_t jint(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    cr_assert(json_is_integer(v), "\"%s\" is an integer", key);
    return json_integer_value(v);
}

Test(format, json_document)
{
    Run r = sh(NULL, "check --format json " BROKEN, NULL);
    expect_status(&r, 1, "json");
    cr_assert_eq(r.err_len, 0u, "json goes to stdout only; stderr: %s", r.err);
    json_t *doc = parse_json(&r);
    cr_assert(json_is_array(doc));
    cr_assert_eq(json_array_size(doc), 2u);

    static const char *const keys[] = {"file", "line", "column", "end_line", "end_column",
                                       "severity", "code", "message", "notes"};
    json_t *d;
    size_t i;
    json_array_foreach(doc, i, d) {
        cr_assert(json_is_object(d));
        cr_assert_eq(json_object_size(d), 9u, "exactly the 9 documented keys");
        for (int k = 0; k < 9; k++)
            cr_assert_not_null(json_object_get(d, keys[k]), "diagnostic %zu has \"%s\"", i, keys[k]);
        cr_assert(json_is_array(json_object_get(d, "notes")));
    }

    json_t *e = json_array_get(doc, 0);
    cr_assert_str_eq(jstr(e, "file"), BROKEN);
    cr_assert_eq(jint(e, "line"), 2);
    cr_assert_eq(jint(e, "column"), 12);
    cr_assert_eq(jint(e, "end_line"), 2);
    cr_assert_eq(jint(e, "end_column"), 17, "end is exclusive: `lamda` is columns 12-16");
    cr_assert_str_eq(jstr(e, "severity"), "error");
    cr_assert_str_eq(jstr(e, "code"), "E201");
    cr_assert_str_eq(jstr(e, "message"), "unknown service `lamda`");
    json_t *notes = json_object_get(e, "notes");
    cr_assert_eq(json_array_size(notes), 1u);
    cr_assert_str_eq(jstr(json_array_get(notes, 0), "kind"), "help");
    cr_assert_str_eq(jstr(json_array_get(notes, 0), "message"), "did you mean `lambda`?");

    json_t *w = json_array_get(doc, 1);
    cr_assert_str_eq(jstr(w, "severity"), "warning");
    cr_assert_str_eq(jstr(w, "code"), "W401");
    cr_assert_eq(jint(w, "line"), 3);
    cr_assert_eq(jint(w, "column"), 3);
    cr_assert_eq(jint(w, "end_column"), 7);
    json_decref(doc);
    run_free(&r);
}

Test(format, json_located_note)
{
    Run r = sh(NULL, "check --format json tests/errors/checker.pipe", NULL);
    expect_status(&r, 1, "json");
    json_t *doc = parse_json(&r);
    json_t *dup = NULL, *d;
    size_t i;
    json_array_foreach(doc, i, d)
        if (strcmp(jstr(d, "code"), "E202") == 0)
            dup = d;
    cr_assert_not_null(dup, "E202 present");
    json_t *n = json_array_get(json_object_get(dup, "notes"), 0);
    cr_assert_str_eq(jstr(n, "kind"), "note");
    cr_assert_str_eq(jstr(n, "message"), "`jobs` is first defined here");
    cr_assert_str_eq(jstr(n, "file"), "tests/errors/checker.pipe");
    cr_assert_eq(jint(n, "line"), 4);
    cr_assert_eq(jint(n, "column"), 3);
    json_decref(doc);
    run_free(&r);
}

Test(format, json_clean_is_empty_array)
{
    Run r = sh(NULL, "check --format json " CLEAN, NULL);
    expect_status(&r, 0, "json clean");
    json_t *doc = parse_json(&r);
    cr_assert(json_is_array(doc));
    cr_assert_eq(json_array_size(doc), 0u);
    json_decref(doc);
    run_free(&r);
}

Test(format, json_many_files_one_document)
{
    Run r = sh(NULL, "check --format json " BROKEN " " WARN, NULL);
    expect_status(&r, 1, "json, two files");
    json_t *doc = parse_json(&r);
    cr_assert_eq(json_array_size(doc), 3u, "2 + 1 diagnostics in one array");
    cr_assert_str_eq(jstr(json_array_get(doc, 2), "file"), WARN);
    json_decref(doc);
    run_free(&r);
}

Test(format, json_keeps_every_message)
{
    /* a bad escape of a non-ASCII character: the message must survive */
    Run r = sh(NULL, "check --format json --stdin-filename esc.pipe -",
               "pipeline p {\n  description = \"caf\\\xC3\xA9\"\n}\n");
    expect_status(&r, 1, "json");
    json_t *doc = parse_json(&r);
    cr_assert_eq(json_array_size(doc), 1u);
    json_t *d = json_array_get(doc, 0);
    cr_assert_str_eq(jstr(d, "code"), "E102");
    cr_assert(json_is_string(json_object_get(d, "message")), "the message is missing:\n%s", r.out);
    json_decref(doc);
    run_free(&r);
}

/* ---- --format sarif ------------------------------------------------------------------- */

static json_t *jget(json_t *o, const char *path)
{
    /* "a.b.c" through objects */
    char *copy = strdup(path), *save = NULL;
    json_t *v = o;
    for (char *k = strtok_r(copy, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
        v = json_object_get(v, k);
        cr_assert_not_null(v, "no \"%s\" in %s", k, path);
    }
    free(copy);
    return v;
}

Test(format, sarif_document)
{
    Run r = sh(NULL, "check --format sarif " BROKEN, NULL);
    expect_status(&r, 1, "sarif");
    cr_assert_eq(r.err_len, 0u, "sarif goes to stdout only; stderr: %s", r.err);
    json_t *doc = parse_json(&r);
    cr_assert_str_eq(jstr(doc, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    cr_assert_str_eq(jstr(doc, "version"), "2.1.0");
    json_t *runs = json_object_get(doc, "runs");
    cr_assert(json_is_array(runs));
    cr_assert_eq(json_array_size(runs), 1u);
    json_t *run = json_array_get(runs, 0);
    json_t *driver = jget(run, "tool.driver");
    cr_assert_str_eq(jstr(driver, "name"), "pipec");
    cr_assert_str_eq(jstr(driver, "version"), "0.1.0");
    cr_assert_str_eq(jstr(run, "columnKind"), "unicodeCodePoints");

    json_t *rules = json_object_get(driver, "rules");
    cr_assert(json_is_array(rules));
    static const char *const codes[] = {"E101", "E102", "E103", "E104", "E105", "E201", "E202",
                                        "E203", "E204", "E205", "E206", "E207", "E208", "E209",
                                        "E210", "E301", "E302", "W401", "W402", "W403", "W404",
                                        "W405", "W406", "W407", "W408", "W409"};
    for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
        json_t *rule = NULL, *x;
        size_t i;
        json_array_foreach(rules, i, x)
            if (strcmp(jstr(x, "id"), codes[c]) == 0)
                rule = x;
        cr_assert_not_null(rule, "rule %s", codes[c]);
        cr_assert_gt(strlen(json_string_value(jget(rule, "shortDescription.text"))), 0u);
        cr_assert_gt(strlen(json_string_value(jget(rule, "help.text"))), 0u);
    }
    json_t *e201 = NULL, *x;
    size_t i;
    json_array_foreach(rules, i, x)
        if (strcmp(jstr(x, "id"), "E201") == 0)
            e201 = x;
    cr_assert_str_eq(json_string_value(jget(e201, "shortDescription.text")), "unknown service");

    json_t *results = json_object_get(run, "results");
    cr_assert_eq(json_array_size(results), 2u);
    json_t *res = json_array_get(results, 0);
    cr_assert_str_eq(jstr(res, "ruleId"), "E201");
    cr_assert_str_eq(jstr(res, "level"), "error");
    cr_assert_str_eq(json_string_value(jget(res, "message.text")), "unknown service `lamda`");
    json_int_t idx = jint(res, "ruleIndex");
    cr_assert_str_eq(jstr(json_array_get(rules, (size_t)idx), "id"), "E201", "ruleIndex points at E201");
    json_t *locs = json_object_get(res, "locations");
    cr_assert_eq(json_array_size(locs), 1u);
    json_t *phys = jget(json_array_get(locs, 0), "physicalLocation");
    cr_assert_str_eq(json_string_value(jget(phys, "artifactLocation.uri")), BROKEN);
    json_t *region = jget(phys, "region");
    cr_assert_eq(jint(region, "startLine"), 2);
    cr_assert_eq(jint(region, "startColumn"), 12);
    cr_assert_eq(jint(region, "endLine"), 2);
    cr_assert_eq(jint(region, "endColumn"), 17);

    json_t *warn = json_array_get(results, 1);
    cr_assert_str_eq(jstr(warn, "ruleId"), "W401");
    cr_assert_str_eq(jstr(warn, "level"), "warning");
    json_decref(doc);
    run_free(&r);
}

Test(format, sarif_hint_level_is_note)
{
    Run r = sh(NULL, "check --format sarif " HINT, NULL);
    expect_status(&r, 0, "sarif hint");
    json_t *doc = parse_json(&r);
    json_t *res = json_array_get(jget(json_array_get(json_object_get(doc, "runs"), 0), "results"), 0);
    cr_assert_str_eq(jstr(res, "ruleId"), "W408");
    cr_assert_str_eq(jstr(res, "level"), "note");
    json_decref(doc);
    run_free(&r);
}

Test(format, sarif_every_result_has_a_message)
{
    Run r = sh(NULL, "check --format sarif --stdin-filename esc.pipe -",
               "pipeline p {\n  description = \"caf\\\xC3\xA9\"\n}\n");
    expect_status(&r, 1, "sarif");
    json_t *doc = parse_json(&r);
    json_t *res = json_array_get(jget(json_array_get(json_object_get(doc, "runs"), 0), "results"), 0);
    cr_assert_not_null(res);
    cr_assert_not_null(json_object_get(res, "message"), "SARIF requires result.message:\n%s", r.out);
    json_decref(doc);
    run_free(&r);
}

/* ---- --format github ------------------------------------------------------------------ */

Test(format, github_annotations)
{
    Run r = sh(NULL, "check --format github " BROKEN, NULL);
    expect_status(&r, 1, "github");
    cr_assert_str_eq(r.out,
                     "::error file=" BROKEN ",line=2,col=12,endLine=2,endColumn=17,title=E201::"
                     "unknown service `lamda`%0Ahelp: did you mean `lambda`?\n"
                     "::warning file=" BROKEN ",line=3,col=3,endLine=3,endColumn=7,title=W401::"
                     "`jobs` takes part in no flow%0Ahelp: connect it, for example `jobs -> ...`, "
                     "or remove it\n");
    run_free(&r);
}

Test(format, github_escapes_properties)
{
    Run r = sh(NULL, "check --format github --stdin-filename 'a,b:c%.pipe' -", broken_text);
    expect_status(&r, 1, "github");
    cr_assert_not_null(strstr(r.out, "::error file=a%2Cb%3Ac%25.pipe,line=2,col=7,"), "%s", r.out);
    run_free(&r);
}

/* ---- colour ------------------------------------------------------------------------------- */

static bool has_esc(const Run *r)
{
    return memchr(r->err, 0x1b, r->err_len) != NULL || memchr(r->out, 0x1b, r->out_len) != NULL;
}

Test(color, no_color_beats_always)
{
    Run r = sh("NO_COLOR=1", "check --color always " BROKEN, NULL);
    expect_status(&r, 1, "NO_COLOR");
    cr_assert_gt(r.err_len, 0u);
    cr_assert_not(has_esc(&r), "NO_COLOR=1 with --color always must not colour:\n%s", r.err);
    run_free(&r);
}

Test(color, always_colours)
{
    Run r = sh("env -u NO_COLOR", "check --color always " BROKEN, NULL);
    expect_status(&r, 1, "--color always");
    cr_assert(has_esc(&r), "--color always without NO_COLOR colours");
    cr_assert_not_null(strstr(r.err, "\033[1;31merror[E201]"), "errors in bold red:\n%s", r.err);
    cr_assert_not_null(strstr(r.err, "\033[1;33mwarning[W401]"), "warnings in bold yellow");
    run_free(&r);
}

Test(color, colour_spelling)
{
    /* cli.c accepts --colour as well as --color, in both forms */
    Run r = sh("env -u NO_COLOR", "check --colour=always " BROKEN, NULL);
    expect_status(&r, 1, "--colour=always");
    cr_assert(has_esc(&r), "--colour=always colours like --color=always");
    run_free(&r);
    r = sh("env -u NO_COLOR", "check --colour never " BROKEN, NULL);
    expect_status(&r, 1, "--colour never");
    cr_assert_not(has_esc(&r));
    run_free(&r);
}

Test(color, never_and_auto_off_a_terminal)
{
    Run r = sh("env -u NO_COLOR", "check --color never " BROKEN, NULL);
    cr_assert_not(has_esc(&r), "--color never");
    run_free(&r);
    r = sh("env -u NO_COLOR", "check " BROKEN, NULL);
    cr_assert_not(has_esc(&r), "auto: standard error is a file, not a terminal");
    run_free(&r);
    r = sh("env -u NO_COLOR", "check --color auto " BROKEN, NULL);
    cr_assert_not(has_esc(&r), "--color auto off a terminal");
    run_free(&r);
}

Test(color, coloured_text_is_the_same_text)
{
    Run plain = sh("NO_COLOR=1", "check " BROKEN, NULL);
    Run color = sh("env -u NO_COLOR", "check --color always " BROKEN, NULL);
    /* strip CSI sequences from the coloured output */
    char *s = malloc(color.err_len + 1);
    size_t k = 0;
    for (size_t i = 0; i < color.err_len; i++) {
        if (color.err[i] == 0x1b && i + 1 < color.err_len && color.err[i + 1] == '[') {
            i += 2;
            while (i < color.err_len && !(color.err[i] >= 0x40 && color.err[i] <= 0x7e))
                i++;
            continue;
        }
        s[k++] = color.err[i];
    }
    s[k] = '\0';
    cr_assert_str_eq(s, plain.err);
    free(s);
    run_free(&plain);
    run_free(&color);
}

Test(color, auto_on_a_terminal)
{
    /* `script` gives pipec a pseudo-terminal: auto colours there, unless NO_COLOR */
    if (system("command -v script >/dev/null 2>&1") != 0)
        cr_skip_test("util-linux `script` is not installed");
    char *args = NULL;
    cr_assert_geq(asprintf(&args, "-qec \"env -u NO_COLOR '%s' check " BROKEN "\" /dev/null",
                           test_pipec()), 0);
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "cd '%s' && script %s >/tmp/pipec-tty-$$.out 2>&1; rc=$?; "
                                 "grep -q \"$(printf '\\033')\\[1;31merror\\[E201\\]\" /tmp/pipec-tty-$$.out; "
                                 "g=$?; rm -f /tmp/pipec-tty-$$.out; [ $rc = 1 ] && [ $g = 0 ]",
                           test_root(), args), 0);
    cr_assert_eq(system(cmd), 0, "colour on a terminal: %s", cmd);
    free(cmd);
    free(args);
    cr_assert_geq(asprintf(&args, "-qec \"NO_COLOR=1 '%s' check " BROKEN "\" /dev/null",
                           test_pipec()), 0);
    cr_assert_geq(asprintf(&cmd, "cd '%s' && script %s | grep -q \"$(printf '\\033')\"", test_root(),
                           args), 0);
    cr_assert_neq(system(cmd), 0, "NO_COLOR on a terminal: no escape bytes");
    free(cmd);
    free(args);
}

/* ---- --version, --help ---------------------------------------------------------------- */

Test(info, version)
{
    Run r = sh(NULL, "--version", NULL);
    expect_status(&r, 0, "--version");
    cr_assert_str_eq(r.out, "pipec 0.1.0\n");
    cr_assert_eq(r.err_len, 0u);
    run_free(&r);
}

Test(info, help)
{
    static const char *const forms[] = {"--help", "-h", "help"};
    for (int i = 0; i < 3; i++) {
        Run r = sh(NULL, forms[i], NULL);
        expect_status(&r, 0, forms[i]);
        cr_assert_eq(strncmp(r.out, "usage: pipec check", 18), 0, "%s: usage on stdout:\n%s",
                     forms[i], r.out);
        cr_assert_not_null(strstr(r.out, "--format human|gcc|json|sarif"), "%s", r.out);
        cr_assert_not_null(strstr(r.out, "pipec --version | --help"), "%s", r.out);
        cr_assert_eq(r.err_len, 0u, "%s: nothing on stderr", forms[i]);
        run_free(&r);
    }
}

/* `pipec services NAME` lists a property's retired values under it. */
Test(info, services_lists_retired_values)
{
    Run r = sh(NULL, "services lambda", NULL);
    expect_status(&r, 0, "services lambda");
    const char *line = strstr(r.out, "deprecated (W405): python3.11, nodejs20.x, java17, dotnet8\n");
    cr_assert_not_null(line, "%s", r.out);
    const char *runtime = strstr(r.out, "    runtime ");
    cr_assert(runtime && runtime < line, "under runtime:\n%s", r.out);
    Run s = sh(NULL, "services s3", NULL);
    expect_status(&s, 0, "services s3");
    cr_expect_null(strstr(s.out, "deprecated"), "%s", s.out);
    run_free(&r);
    run_free(&s);
}
