/* Hostile input: empty files, deep nesting, huge names, binary junk, invalid
 * UTF-8, NUL bytes, files over the size limit, escape sequences. pipec must
 * answer with a coded diagnostic at file:line:col and exit 1 (or 0 for input
 * that is merely empty) - never crash, hang or blow up. */
#include "helpers.h"

#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

/* ---- helpers ------------------------------------------------------------------- */

typedef struct Run {
    int status;      /* exit code; -1 if killed by a signal */
    bool signaled;
    char *out, *err;
    size_t out_len, err_len;
    double seconds;
} Run;

static char *tmp_dir(void)
{
    char *dir = strdup("/tmp/pipec-hostile-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return dir;
}

static char *write_tmp(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = NULL;
    cr_assert_geq(asprintf(&path, "%s/%s", dir, name), 0);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

static void rm_rf(char *dir)
{
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "rm -rf '%s'", dir), 0);
    cr_assert_eq(system(cmd), 0);
    free(cmd);
    free(dir);
}

/* Runs `cd DIR && ENV PIPEC ARGS <IN`, with a time limit. */
static Run run_in(const char *dir, const char *env, const char *args, const char *stdin_path,
                  int timeout_s)
{
    char *out = NULL, *err = NULL, *cmd = NULL;
    cr_assert_geq(asprintf(&out, "%s/.out", dir), 0);
    cr_assert_geq(asprintf(&err, "%s/.err", dir), 0);
    cr_assert_geq(asprintf(&cmd, "cd '%s' && %s timeout -s KILL %d '%s' %s <'%s' >'%s' 2>'%s'", dir,
                           env ? env : "", timeout_s, test_pipec(), args,
                           stdin_path ? stdin_path : "/dev/null", out, err), 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int st = system(cmd);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    Run r = {0};
    r.seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    /* sh reports a child killed by signal N as 128+N */
    r.signaled = !WIFEXITED(st) || r.status > 128;
    r.out = test_read_file(out, &r.out_len);
    r.err = test_read_file(err, &r.err_len);
    cr_assert_not_null(r.out);
    cr_assert_not_null(r.err);
    unlink(out);
    unlink(err);
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

/* Exit code `want`, no signal, no sanitizer report, not killed by the timeout. */
static void expect_survived(const Run *r, int want, const char *what)
{
    cr_assert_not(r->signaled, "%s: killed by a signal or the timeout (status %d)", what, r->status);
    cr_assert_null(memmem(r->err, r->err_len, "Sanitizer", 9), "%s: sanitizer report:\n%.4000s",
                   what, r->err);
    cr_assert_null(memmem(r->err, r->err_len, "runtime error:", 14), "%s: UBSan report:\n%.4000s",
                   what, r->err);
    cr_assert_eq(r->status, want, "%s: exit %d, want %d\n%.2000s", what, r->status, want, r->err);
}

/* The first gcc-format line: "FILE:LINE:COL: error: ... [CODE]". */
static void expect_first(const Run *r, const char *file, int line, int col, const char *code,
                         const char *msg)
{
    char *want = NULL;
    cr_assert_geq(asprintf(&want, "%s:%d:%d: error: %s [%s]\n", file, line, col, msg, code), 0);
    cr_assert_geq(r->err_len, strlen(want), "output too short:\n%s", r->err);
    cr_assert_eq(strncmp(r->err, want, strlen(want)), 0, "first line: want\n%s\ngot\n%.2000s", want,
                 r->err);
    free(want);
}

/* Every line of gcc output has a location, or is the "N more errors" count. */
static int expect_all_located(const Run *r, const char *file)
{
    int findings = 0;
    char *copy = strndup(r->err, r->err_len);
    for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(file);
        cr_assert_eq(strncmp(line, file, n), 0, "line without the file name: %.200s", line);
        int l, c;
        char sev[16];
        if (sscanf(line + n, ":%d:%d: %15[a-z]:", &l, &c, sev) == 3) {
            cr_assert_gt(l, 0);
            cr_assert_gt(c, 0);
            if (strcmp(sev, "note") != 0) {
                cr_assert_not_null(strstr(line, " [E1"), "a coded front-end error: %.200s", line);
                findings++;
            }
        } else {
            cr_assert_not_null(strstr(line, ": note: "), "unlocated line: %.200s", line);
            cr_assert_not_null(strstr(line, "more error"), "unlocated line: %.200s", line);
        }
    }
    free(copy);
    return findings;
}

/* A fixed LCG (Knuth's MMIX constants): the same bytes on every run. */
static uint64_t lcg_state;
static unsigned char lcg_byte(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned char)(lcg_state >> 56);
}

/* ---- empty and near-empty ------------------------------------------------------- */

Test(empty, empty_file_checks_clean)
{
    /* cmd_check: a file without a pipeline is a library; nothing to report */
    char *dir = tmp_dir();
    free(write_tmp(dir, "empty.pipe", "", 0));
    Run r = run_in(dir, NULL, "check empty.pipe", NULL, 20);
    expect_survived(&r, 0, "empty file");
    cr_assert_eq(r.err_len, 0u, "%s", r.err);
    cr_assert_eq(r.out_len, 0u);
    run_free(&r);

    r = run_in(dir, NULL, "check --format json empty.pipe", NULL, 20);
    expect_survived(&r, 0, "empty file, json");
    cr_assert_str_eq(r.out, "[]\n");
    run_free(&r);

    r = run_in(dir, NULL, "check -", NULL, 20);
    expect_survived(&r, 0, "empty stdin");
    run_free(&r);
    rm_rf(dir);

    Compilation *c = test_compile("");
    cr_assert_eq(c->diags.items.n, 0);
    cr_assert_null(c->model, "no pipeline, no model");
    test_free(c);
}

Test(empty, comments_and_blank_lines_only)
{
    static const char text[] = "# just a comment\n\n   \n\t# another\r\n\n# last, no newline";
    char *dir = tmp_dir();
    free(write_tmp(dir, "comments.pipe", text, sizeof text - 1));
    Run r = run_in(dir, NULL, "check comments.pipe", NULL, 20);
    expect_survived(&r, 0, "comments only");
    cr_assert_eq(r.err_len, 0u, "%s", r.err);
    run_free(&r);
    rm_rf(dir);

    Compilation *c = test_compile(text);
    cr_assert_eq(c->diags.items.n, 0);
    cr_assert_eq(c->prog.root->comments.n, 3);
    test_free(c);
}

Test(empty, bom_only_and_newlines_only)
{
    Compilation *c = test_compile("\xEF\xBB\xBF");
    cr_assert_eq(c->diags.items.n, 0, "a BOM alone is an empty file");
    test_free(c);
    c = test_compile("\n\n\n\r\n;;\n");
    cr_assert_eq(c->diags.items.n, 0, "blank lines and empty statements");
    test_free(c);
}

/* ---- nesting ---------------------------------------------------------------------------- */

static char *nested(const char *prefix, char open, int depth, const char *suffix)
{
    size_t pl = strlen(prefix), sl = strlen(suffix);
    char *s = malloc(pl + (size_t)depth + sl + 1);
    memcpy(s, prefix, pl);
    memset(s + pl, open, (size_t)depth);
    memcpy(s + pl + depth, suffix, sl + 1);
    return s;
}

Test(nesting, twenty_thousand_brackets)
{
    char *text = nested("pipeline p {\n  x = ", '[', 20000, "\n}\n");
    char *dir = tmp_dir();
    free(write_tmp(dir, "deep.pipe", text, strlen(text)));
    Run r = run_in(dir, NULL, "check --format gcc deep.pipe", NULL, 30);
    expect_survived(&r, 1, "20000 '['");
    /* '{' is level 1, the 256th '[' (column 7 + 255) is level 257 */
    cr_assert_str_eq(r.err, "deep.pipe:2:262: error: nesting is deeper than 256 levels [E105]\n");
    run_free(&r);
    rm_rf(dir);
    free(text);
}

Test(nesting, twenty_thousand_braces_and_parens)
{
    char *dir = tmp_dir();
    char *braces = nested("pipeline p {\n  a : s3 ", '{', 20000, "\n");
    free(write_tmp(dir, "braces.pipe", braces, strlen(braces)));
    Run r = run_in(dir, NULL, "check --format gcc braces.pipe", NULL, 30);
    expect_survived(&r, 1, "20000 '{'");
    /* a block cannot start with '{' (E101), then the limit (E105) */
    cr_assert_str_eq(r.err, "braces.pipe:2:11: error: unexpected '{', expected end of line, a name, "
                            "',' or '}' [E101]\n"
                            "braces.pipe:2:265: error: nesting is deeper than 256 levels [E105]\n");
    run_free(&r);

    char *parens = nested("service s {\n  x : list", '(', 20000, "\n}\n");
    free(write_tmp(dir, "parens.pipe", parens, strlen(parens)));
    r = run_in(dir, NULL, "check --format gcc parens.pipe", NULL, 30);
    expect_survived(&r, 1, "20000 '('");
    cr_assert_str_eq(r.err, "parens.pipe:2:12: error: unexpected '(' [E101]\n"
                            "parens.pipe:2:266: error: nesting is deeper than 256 levels [E105]\n");
    run_free(&r);
    rm_rf(dir);
    free(braces);
    free(parens);
}

Test(nesting, exactly_256_levels_is_fine)
{
    /* pipeline '{' + 255 '[' = 256 levels: a valid (if silly) nested list */
    char *open = nested("pipeline p {\n  x = ", '[', 255, "");
    char *text = NULL;
    char closing[256];
    memset(closing, ']', 255);
    closing[255] = '\0';
    cr_assert_geq(asprintf(&text, "%s%s\n}\n", open, closing), 0);
    Compilation *c = test_compile(text);
    cr_assert_eq(test_count(c, "E105"), 0, "256 levels are allowed");
    cr_assert_eq(test_count(c, "E101"), 0);
    cr_assert_eq(c->prog.root->nerrors, 0);
    test_free(c);
    free(open);
    free(text);

    open = nested("pipeline p {\n  x = ", '[', 256, "");
    c = test_compile(open);
    cr_assert_eq(test_count(c, "E105"), 1, "257 levels are not");
    cr_assert_eq(c->diags.items.n, 1, "and nothing else is reported after the limit");
    test_free(c);
    free(open);
}

Test(nesting, deep_groups)
{
    /* 250 nested groups with a flow at the bottom: the checker recurses */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("pipeline p {\n", f);
    for (int i = 0; i < 250; i++)
        fprintf(f, "group g%d {\n", i);
    fputs("a : s3\nb : lambda\na -> b\n", f);
    for (int i = 0; i < 250; i++)
        fputs("}\n", f);
    fputs("}\n", f);
    fclose(f);
    Compilation *c = test_compile(text);
    char *all = test_render(c);
    cr_assert_eq(c->diags.items.n, 0, "%s", all);
    cr_assert_not_null(c->model);
    cr_assert_eq(c->model->groups.n, 250);
    free(all);
    test_free(c);
    free(text);
}

/* ---- huge tokens -------------------------------------------------------------------------- */

Test(huge, two_megabyte_identifier)
{
    size_t n = 2u << 20;
    char *text = malloc(n + 64);
    strcpy(text, "pipeline p {\n  ");
    size_t k = strlen(text);
    memset(text + k, 'q', n);
    strcpy(text + k + n, " : s3\n}\n");
    char *dir = tmp_dir();
    free(write_tmp(dir, "long.pipe", text, strlen(text)));
    Run r = run_in(dir, NULL, "check --format gcc long.pipe", NULL, 30);
    expect_survived(&r, 1, "2 MB identifier");
    cr_assert_str_eq(r.err, "long.pipe:2:3: error: identifier is 2097152 bytes long; the limit is "
                            "1024 [E105]\n");
    run_free(&r);
    rm_rf(dir);
    free(text);
}

Test(huge, two_megabyte_string_and_line)
{
    size_t n = 2u << 20;
    char *text = malloc(n + 128);
    strcpy(text, "pipeline p {\n  description = \"");
    size_t k = strlen(text);
    memset(text + k, 'x', n);
    strcpy(text + k + n, "\" @\n}\n");
    Compilation *c = test_compile(text);
    /* the string is over the 1 MiB limit (E105, test_limits.c); the column
     * of what follows it is still exact */
    cr_assert_eq(c->diags.items.n, 2);
    test_expect_at(c, "E105", 2, 17);
    test_expect_at(c, "E102", 2, (int)n + 20);
    test_free(c);
    free(text);
}

Test(huge, many_lines)
{
    /* 500000 blank lines, then an error: the line number is exact */
    size_t n = 500000;
    char *text = malloc(n + 64);
    memset(text, '\n', n);
    strcpy(text + n, "pipeline p {\n  @\n}\n");
    Compilation *c = test_compile(text);
    cr_assert_eq(c->diags.items.n, 1);
    test_expect_at(c, "E102", (int)n + 2, 3);
    test_free(c);
    free(text);
}

Test(huge, fan_out_product_is_limited)
{
    /* `[a0..a1499] -> [b0..b1499]` is 63 KB of text and 2.25 million flows:
     * the flow limit (E105 lists "flows") must stop it quickly */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("pipeline p {\n", f);
    for (int i = 0; i < 1500; i++)
        fprintf(f, "  a%d : sqs\n  b%d : lambda\n", i, i);
    fputs("  [", f);
    for (int i = 0; i < 1500; i++)
        fprintf(f, "%sa%d", i ? ", " : "", i);
    fputs("] -> [", f);
    for (int i = 0; i < 1500; i++)
        fprintf(f, "%sb%d", i ? ", " : "", i);
    fputs("]\n}\n", f);
    fclose(f);
    char *dir = tmp_dir();
    free(write_tmp(dir, "fan.pipe", text, len));
    Run r = run_in(dir, NULL, "check --format gcc fan.pipe", NULL, 5);
    cr_assert_not(r.signaled, "2.25 million flows from 63 KB: still running after 5 s");
    expect_survived(&r, 1, "fan-out product");
    cr_assert_not_null(strstr(r.err, "[E105]"), "E105 for too many flows:\n%.2000s", r.err);
    run_free(&r);
    rm_rf(dir);
    free(text);
}

/* ---- binary junk, invalid UTF-8, NUL -------------------------------------------------- */

Test(binary, four_kilobytes_of_lcg_bytes)
{
    unsigned char buf[4096];
    lcg_state = 20240611;
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = lcg_byte();
    char *dir = tmp_dir();
    free(write_tmp(dir, "junk.pipe", buf, sizeof buf));
    Run r = run_in(dir, NULL, "check --format gcc junk.pipe", NULL, 20);
    expect_survived(&r, 1, "binary junk");
    int findings = expect_all_located(&r, "junk.pipe");
    cr_assert_eq(findings, 50, "the cap: 50 errors shown");
    cr_assert_not_null(strstr(r.err, "junk.pipe: note: "), "and a count of the rest");
    run_free(&r);

    r = run_in(dir, "NO_COLOR=1", "check --color never junk.pipe", NULL, 20);
    expect_survived(&r, 1, "binary junk, human");
    cr_assert_eq(strncmp(r.err, "junk.pipe:1:", 12), 0, "%.200s", r.err);
    run_free(&r);
    rm_rf(dir);
}

Test(binary, many_seeds_in_process)
{
    /* 200 random buffers through the whole front end and checker */
    for (uint64_t seed = 1; seed <= 200; seed++) {
        lcg_state = seed;
        size_t n = 1 + lcg_byte() * 16u;
        char *buf = malloc(n);
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)lcg_byte();
        Compilation c;
        compilation_init(&c);
        compile_text(&c, NULL, "junk.pipe", buf, n);
        cr_assert_leq(c.diags.items.n, 60, "seed %llu: at most 50 errors kept",
                      (unsigned long long)seed);
        for (int i = 0; i < c.diags.items.n; i++) {
            const Diagnostic *g = c.diags.items.items[i];
            cr_assert_not_null(g->src, "seed %llu: every finding has a location",
                               (unsigned long long)seed);
            cr_assert_leq(g->span.start, g->span.end);
            cr_assert_leq(g->span.end, g->src->len, "seed %llu: span inside the text",
                          (unsigned long long)seed);
        }
        compilation_free(&c);
        free(buf);
    }
}

static const char seed_text[] =
    "# clickstream.pipe\n"
    "pipeline clickstream \"Clickstream analytics\" {\n"
    "  region = \"eu-west-1\"\n"
    "  layout = LR\n"
    "\n"
    "  group ingest \"Ingestion\" {\n"
    "    sensors : iot_core \"Field sensors\" { topic = \"sensors/+/telemetry\" }\n"
    "    events  : kinesis_streams { shards = 4, retention = 48h }\n"
    "  }\n"
    "\n"
    "  enrich  : lambda { runtime = \"python3.12\", memory = 512MB, timeout = 60s }\n"
    "  archive : firehose { buffer_interval = 60s, buffer_size = 64MB, transform = enrich }\n"
    "  lake    : s3 { versioning = true }\n"
    "  catalog : glue\n"
    "  adhoc   : athena\n"
    "  bi      : quicksight\n"
    "\n"
    "  sensors -> events -> archive -> lake\n"
    "  lake -> catalog -> adhoc -> bi\n"
    "  events -> [enrich] { label = \"fan-out\" }\n"
    "}\n";

Test(binary, mutated_pipelines_in_process)
{
    /* token-level mutations of a real pipeline: each must compile without
     * crashing, and a parse error must stop the checker from running */
    static const char *const pieces[] = {"{", "}", "[", "]", "(", ")", "->", ",", ";", "\n", "=",
                                         ":", "\"", "..", "#", "group g {", "1..", "x",
                                         "\xFF", "\\u{", "9999999999999999999999", "@"};
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    lcg_state = 7;
    size_t base = sizeof seed_text - 1;
    for (int iter = 0; iter < 300; iter++) {
        char buf[4096];
        size_t n = 0;
        int edits = 1 + lcg_byte() % 4;
        size_t cut[4];
        for (int e = 0; e < edits; e++)
            cut[e] = (size_t)((lcg_byte() << 8) | lcg_byte()) % base;
        for (size_t i = 0; i < base; i++) {
            for (int e = 0; e < edits; e++)
                if (cut[e] == i) {
                    int what = lcg_byte() % 3;
                    if (what == 0) /* insert a piece */ {
                        const char *p = pieces[lcg_byte() % npieces];
                        memcpy(buf + n, p, strlen(p));
                        n += strlen(p);
                    } else if (what == 1) /* delete a few bytes */ {
                        i += lcg_byte() % 8;
                    }
                }
            if (i < base)
                buf[n++] = seed_text[i];
        }
        Compilation c;
        compilation_init(&c);
        compile_text(&c, NULL, "mutant.pipe", buf, n);
        if (c.prog.root->nerrors > 0)
            cr_assert_null(c.model, "iteration %d: no model after a syntax error", iter);
        compilation_free(&c);
    }
}

Test(encoding, invalid_utf8_file)
{
    static const char text[] = "pipeline p {\n  a : s3 \"caf\xE9\"\n  \xC0\xAF\n}\n";
    char *dir = tmp_dir();
    free(write_tmp(dir, "latin1.pipe", text, sizeof text - 1));
    Run r = run_in(dir, NULL, "check --format gcc latin1.pipe", NULL, 20);
    expect_survived(&r, 1, "invalid UTF-8");
    expect_first(&r, "latin1.pipe", 2, 14, "E102", "invalid UTF-8 byte 0xE9");
    cr_assert_eq(expect_all_located(&r, "latin1.pipe"), 3, "0xE9, 0xC0 and 0xAF:\n%s", r.err);
    run_free(&r);
    rm_rf(dir);
}

Test(encoding, nul_byte_file)
{
    static const char text[] = "pipeline p {\n  a : s3\n  \0\n}\n";
    char *dir = tmp_dir();
    free(write_tmp(dir, "nul.pipe", text, sizeof text - 1));
    Run r = run_in(dir, NULL, "check --format gcc nul.pipe", NULL, 20);
    expect_survived(&r, 1, "NUL byte");
    cr_assert_str_eq(r.err, "nul.pipe:3:3: error: NUL byte in source [E102]\n");
    run_free(&r);

    /* the human format must not copy the NUL into the terminal either */
    r = run_in(dir, "NO_COLOR=1", "check --color never nul.pipe", NULL, 20);
    expect_survived(&r, 1, "NUL byte, human");
    cr_assert_eq(strncmp(r.err, "nul.pipe:3:3: error[E102]: NUL byte in source\n", 46), 0, "%s",
                 r.err);
    cr_assert_null(memchr(r.err, '\0', r.err_len), "raw NUL in the snippet");
    run_free(&r);
    rm_rf(dir);
}

Test(encoding, nul_then_high_byte)
{
    /* NUL followed by a byte >= 0x80: each is one E102. (With flex's
     * `%option fast` tables this read past the end of yy_transition; only
     * visible under ASan.) */
    static const char text[] = "a\0\xFF";
    Compilation c;
    compilation_init(&c);
    compile_text(&c, NULL, "nulff.pipe", text, sizeof text - 1);
    diag_sort(&c.diags);
    cr_assert_eq(test_count(&c, "E102"), 2, "%s", test_render(&c));
    const Diagnostic *g = test_find(&c, "E102");
    cr_assert_str_eq(g->message, "NUL byte in source");
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.col, 2);
    g = NULL;
    for (int i = 0; i < c.diags.items.n; i++)
        if (strcmp(((const Diagnostic *)c.diags.items.items[i])->message,
                   "invalid UTF-8 byte 0xFF") == 0)
            g = c.diags.items.items[i];
    cr_assert_not_null(g, "%s", test_render(&c));
    p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, 1);
    cr_assert_eq(p.col, 3);
    compilation_free(&c);
}

Test(encoding, only_nul_bytes)
{
    char zeros[4096] = {0};
    char *dir = tmp_dir();
    free(write_tmp(dir, "zeros.pipe", zeros, sizeof zeros));
    Run r = run_in(dir, NULL, "check --format gcc zeros.pipe", NULL, 20);
    expect_survived(&r, 1, "4 KB of NUL bytes");
    expect_first(&r, "zeros.pipe", 1, 1, "E102", "NUL byte in source");
    cr_assert_eq(expect_all_located(&r, "zeros.pipe"), 50);
    run_free(&r);
    rm_rf(dir);
}

Test(encoding, terminal_escapes_are_not_passed_through)
{
    /* ESC [ 2 J clears the screen; ESC ] 0 ; sets the window title. A file
     * must not be able to drive the terminal of whoever checks it. */
    static const char text[] = "pipeline p {\n  \x1b[2J\x1b]0;owned\x07\n}\n";
    char *dir = tmp_dir();
    free(write_tmp(dir, "esc.pipe", text, sizeof text - 1));
    Run r = run_in(dir, "NO_COLOR=1", "check --color never esc.pipe", NULL, 20);
    expect_survived(&r, 1, "escape sequences");
    cr_assert_eq(strncmp(r.err, "esc.pipe:2:3: error[E102]: ", 27), 0, "%s", r.err);
    cr_assert_null(memchr(r.err, 0x1b, r.err_len), "raw ESC in the output");
    cr_assert_null(memchr(r.err, 0x07, r.err_len), "raw BEL in the output");
    run_free(&r);
    rm_rf(dir);
}

/* ---- size limit ------------------------------------------------------------------------ */

Test(size, over_64_mib_is_E105_quickly)
{
    char *dir = tmp_dir();
    char *path = NULL;
    cr_assert_geq(asprintf(&path, "%s/big.pipe", dir), 0);
    /* 65 MiB of real bytes (a comment line repeated), not a sparse file */
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    static char line[1024];
    memset(line, ' ', sizeof line);
    line[0] = '#';
    line[sizeof line - 1] = '\n';
    for (int i = 0; i < 65 * 1024; i++)
        cr_assert_eq(fwrite(line, 1, sizeof line, f), sizeof line);
    fclose(f);

    Run r = run_in(dir, "NO_COLOR=1", "check --color never big.pipe", NULL, 30);
    expect_survived(&r, 1, "65 MiB file");
    cr_assert_str_eq(r.err, "big.pipe: error[E105]: file is larger than 64 MiB\n");
    cr_assert_lt(r.seconds, 5.0, "refused without reading it all: %.2f s", r.seconds);
    run_free(&r);

    r = run_in(dir, NULL, "check --format gcc -", path, 60);
    expect_survived(&r, 1, "65 MiB on standard input");
    cr_assert_str_eq(r.err, "<stdin>: error: file is larger than 64 MiB [E105]\n");
    run_free(&r);

    /* imported, it is E105 at the import string of the importer */
    static const char importer[] = "import \"big.pipe\"\n";
    free(write_tmp(dir, "importer.pipe", importer, sizeof importer - 1));
    r = run_in(dir, NULL, "check --format gcc importer.pipe", NULL, 30);
    expect_survived(&r, 1, "importing a 65 MiB file");
    cr_assert_str_eq(r.err, "importer.pipe:1:8: error: cannot import \"big.pipe\": file is larger "
                            "than 64 MiB [E105]\n");
    run_free(&r);

    r = run_in(dir, NULL, "check --format json big.pipe", NULL, 30);
    expect_survived(&r, 1, "65 MiB file, json");
    cr_assert_not_null(strstr(r.out, "\"code\": \"E105\""), "%s", r.out);
    run_free(&r);

    unlink(path);
    free(path);
    rm_rf(dir);
}
