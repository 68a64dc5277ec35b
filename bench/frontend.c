/* In-process front-end timer for `make bench`.
 *
 *   frontend FILE [RUNS]
 *
 * Reads FILE once, then RUNS times each (median reported, in MB/s of FILE):
 *   lex    the scanner alone (pipe_yylex until end of file), set up exactly
 *          as parse_source sets it up: same generated lexer, same bytes;
 *   parse  parse_source: lex + parse + syntax tree in an arena;
 *   check  compile_text: stdlib, source, parse, catalog and checker.
 * Prints one line per measure: `NAME MEDIAN_MS MB_PER_S CPU_MS CPU_MB_PER_S`
 * (wall time, then CPU time), then the arena bytes of one parse (`ast BYTES`). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compile.h"
#include "parse.h"

static double clock_ms(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Wall time, and the process's CPU time beside it (less sensitive to other
 * load on the machine). */
typedef struct Stamp {
    double wall, cpu;
} Stamp;

static Stamp stamp(void)
{
    return (Stamp){clock_ms(CLOCK_MONOTONIC), clock_ms(CLOCK_PROCESS_CPUTIME_ID)};
}

static void elapsed(Stamp t0, double *wall, double *cpu)
{
    Stamp t1 = stamp();
    *wall = t1.wall - t0.wall;
    *cpu = t1.cpu - t0.cpu;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        exit(2);
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: frontend FILE [RUNS]\n", stderr);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1)
        runs = 1;
    size_t len;
    char *text = read_file(argv[1], &len);
    double mb = (double)len / 1e6;

    /* One source for the lexer and parser runs (its copy is not timed). */
    Arena *keep = arena_new();
    Source *src = source_from_memory(keep, argv[1], text, len);
    double *t = malloc((size_t)runs * sizeof *t);
    double *c = malloc((size_t)runs * sizeof *c);
    long tokens = 0;
    size_t ast_bytes = 0;
    int errors = 0;

    /* The three measures alternate within each round, so that a change of
     * load on the machine hits them alike (their ratio is the figure). */
    double *lt = malloc((size_t)runs * sizeof *lt), *lc = malloc((size_t)runs * sizeof *lc);
    double *pt = malloc((size_t)runs * sizeof *pt), *pc = malloc((size_t)runs * sizeof *pc);
    int check_errors = 0;
    for (int r = 0; r < runs; r++) {
        Arena *a = arena_new();
        DiagList d;
        diag_init(&d, a);
        Stamp t0 = stamp();
        tokens = parse_lex_only(a, &d, src);
        elapsed(t0, &lt[r], &lc[r]);
        arena_free(a);

        a = arena_new();
        diag_init(&d, a);
        t0 = stamp();
        File *f = parse_source(a, &d, src);
        elapsed(t0, &pt[r], &pc[r]);
        errors = f->nerrors;
        ast_bytes = arena_bytes(a);
        arena_free(a);

        Compilation comp;
        compilation_init(&comp);
        t0 = stamp();
        compile_text(&comp, NULL, argv[1], text, len);
        elapsed(t0, &t[r], &c[r]);
        check_errors = comp.diags.nerrors;
        compilation_free(&comp);
    }
    double lex = median(lt, runs), lex_cpu = median(lc, runs);
    double parse = median(pt, runs), parse_cpu = median(pc, runs);
    double check = median(t, runs), check_cpu = median(c, runs);
    free(lt), free(lc), free(pt), free(pc);

    printf("bytes %zu\ntokens %ld\n", len, tokens);
    printf("lex %.2f %.1f %.2f %.1f\n", lex, mb / (lex / 1e3), lex_cpu, mb / (lex_cpu / 1e3));
    printf("parse %.2f %.1f %.2f %.1f\n", parse, mb / (parse / 1e3), parse_cpu,
           mb / (parse_cpu / 1e3));
    printf("check %.2f %.1f %.2f %.1f\n", check, mb / (check / 1e3), check_cpu,
           mb / (check_cpu / 1e3));
    printf("ast %zu\n", ast_bytes);
    if (errors || check_errors) {
        fprintf(stderr, "frontend: %s has %d syntax and %d check errors\n", argv[1], errors,
                check_errors);
        return 1;
    }
    arena_free(keep);
    free(t);
    free(c);
    free(text);
    return 0;
}
