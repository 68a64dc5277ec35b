/* Shared helpers for the Criterion suites: compile text in memory, find
 * diagnostics, run the pipec binary as a user would. Include it first: it
 * defines _GNU_SOURCE (asprintf, open_memstream) before any system header. */
#ifndef PIPE_TEST_HELPERS_H
#define PIPE_TEST_HELPERS_H
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile.h"

/* The repository root and the pipec binary (set by `make test`). */
static inline const char *test_root(void)
{
    const char *r = getenv("ROOT");
    return r ? r : ".";
}

static inline const char *test_pipec(void)
{
    const char *p = getenv("PIPEC");
    return p ? p : "build/pipec";
}

static inline char *test_path(const char *rel)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", test_root(), rel) < 0)
        abort();
    return p;
}

/* Compiles text as "test.pipe" with the embedded stdlib. Free with test_free. */
static inline Compilation *test_compile(const char *text)
{
    Compilation *c = malloc(sizeof *c);
    compilation_init(c);
    compile_text(c, NULL, "test.pipe", text, strlen(text));
    diag_sort(&c->diags);
    return c;
}

static inline void test_free(Compilation *c)
{
    compilation_free(c);
    free(c);
}

static inline int test_count(const Compilation *c, const char *code)
{
    int n = 0;
    for (int i = 0; i < c->diags.items.n; i++)
        n += strcmp(((const Diagnostic *)c->diags.items.items[i])->code, code) == 0;
    return n;
}

static inline const Diagnostic *test_find(const Compilation *c, const char *code)
{
    for (int i = 0; i < c->diags.items.n; i++) {
        const Diagnostic *g = c->diags.items.items[i];
        if (strcmp(g->code, code) == 0)
            return g;
    }
    return NULL;
}

/* Asserts that `code` is reported at line:col (1-based, characters). */
static inline void test_expect_at(const Compilation *c, const char *code, int line, int col)
{
    const Diagnostic *g = test_find(c, code);
    cr_assert_not_null(g, "expected %s", code);
    Pos p = source_pos(g->src, g->span.start);
    cr_assert_eq(p.line, line, "%s line: got %d, want %d", code, p.line, line);
    cr_assert_eq(p.col, col, "%s column: got %d, want %d", code, p.col, col);
}

/* Diagnostics as gcc-format text (for failure messages). */
static inline char *test_render_diags(const DiagList *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diag_render_gcc(d, f);
    fclose(f);
    return buf;
}

/* All diagnostics of a compilation, as gcc-format text. */
static inline char *test_render(const Compilation *c)
{
    return test_render_diags(&c->diags);
}

static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 65536 > cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap + 1);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Runs `pipec ARGS` through sh with `input` on stdin (NULL: /dev/null).
 * Captures stdout and stderr (malloc'd, may be NULL if not wanted) and
 * returns the exit status (or -1 if killed by a signal). */
static inline int test_run(const char *args, const char *input, char **out, char **err)
{
    char dir[] = "/tmp/pipec-test-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char *in_path, *out_path, *err_path, *cmd;
    if (asprintf(&in_path, "%s/in", dir) < 0 || asprintf(&out_path, "%s/out", dir) < 0 ||
        asprintf(&err_path, "%s/err", dir) < 0)
        abort();
    FILE *f = fopen(in_path, "wb");
    if (input)
        fputs(input, f);
    fclose(f);
    if (asprintf(&cmd, "%s %s <%s >%s 2>%s", test_pipec(), args, in_path, out_path, err_path) < 0)
        abort();
    int st = system(cmd);
    int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (out)
        *out = test_read_file(out_path, NULL);
    if (err)
        *err = test_read_file(err_path, NULL);
    unlink(in_path);
    unlink(out_path);
    unlink(err_path);
    rmdir(dir);
    free(in_path);
    free(out_path);
    free(err_path);
    free(cmd);
    return rc;
}

/* A source parsed on its own (no stdlib, no checker): the lexer and parser
 * suites inspect the tree. `name` is the file name in diagnostics. */
typedef struct Parsed {
    Arena *arena;
    DiagList diags;
    Source *src;
    File *file;
} Parsed;

static inline Parsed *test_parse_named(const char *name, const char *text, size_t len)
{
    Parsed *p = calloc(1, sizeof *p);
    p->arena = arena_new();
    diag_init(&p->diags, p->arena);
    p->src = source_from_memory(p->arena, name, text, len);
    p->file = parse_source(p->arena, &p->diags, p->src);
    diag_sort(&p->diags);
    return p;
}

static inline void test_parsed_free(Parsed *p)
{
    arena_free(p->arena);
    free(p);
}

/* gcc-style dump of a parse's diagnostics, for failure messages. */
static inline char *test_parsed_dump(const Parsed *p)
{
    return test_render_diags(&p->diags);
}

/* Runs a shell command built like printf; returns its exit status. */
static inline int test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int test_sh(const char *fmt, ...)
{
    char *cmd;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&cmd, fmt, ap) < 0)
        abort();
    va_end(ap);
    int st = system(cmd);
    free(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif
