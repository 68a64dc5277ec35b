/* `make bench`: generates the inputs, runs every measurement against its
 * baseline in the same run, and prints one table.
 *
 *   bench DIR PIPEC [--quick]
 *
 * DIR holds the helpers built by `make bench` (gen, hello, frontend) and
 * receives the generated inputs. Every time is the median of several runs;
 * a process is timed from just before posix_spawn to the return of wait4,
 * whose rusage gives the peak memory. Baselines and pipec alternate run by
 * run, so that a change of load on the machine hits both alike. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *dir, *pipec;
static bool quick;
static int failures; /* targets missed */

/* ---- helpers -------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    if (n == 0)
        return -1;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *path_in(const char *name)
{
    char *p;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *p;
    if (vasprintf(&p, f, ap) < 0)
        abort();
    va_end(ap);
    return p;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* ---- running a process ---------------------------------------------------- */

typedef struct Run {
    double ms;    /* wall time */
    long rss_kb;  /* peak resident memory */
    int status;   /* exit status; -1 killed (timeout or signal) */
} Run;

static volatile pid_t running;

static void on_alarm(int sig)
{
    (void)sig;
    if (running > 0)
        kill(running, SIGKILL);
}

/* Runs argv with stdin from in (or /dev/null) and stdout to out (or
 * /dev/null), stderr to /dev/null; killed after timeout_s seconds. */
static Run run(char *const argv[], const char *in, const char *out, double timeout_s)
{
    Run r = {.status = -1};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null",
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    struct itimerval it = {.it_value = {(time_t)timeout_s,
                                        (suseconds_t)((timeout_s - (time_t)timeout_s) * 1e6)}};
    double t0 = now_ms();
    pid_t pid;
    if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return r;
    }
    running = pid;
    setitimer(ITIMER_REAL, &it, NULL);
    int st;
    struct rusage ru;
    pid_t w;
    while ((w = wait4(pid, &st, 0, &ru)) < 0 && errno == EINTR)
        ;
    r.ms = now_ms() - t0;
    struct itimerval off = {0};
    setitimer(ITIMER_REAL, &off, NULL);
    running = 0;
    posix_spawn_file_actions_destroy(&fa);
    if (w == pid) {
        r.rss_kb = ru.ru_maxrss;
        r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    return r;
}

/* Median time of n runs of a and b, alternating; false if a run failed. */
static bool race(char *const a[], char *const b[], int n, double timeout_s, double *ma,
                 double *mb)
{
    double *ta = calloc((size_t)n, sizeof *ta), *tb = calloc((size_t)n, sizeof *tb);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        Run ra = run(a, NULL, NULL, timeout_s);
        Run rb = b ? run(b, NULL, NULL, timeout_s) : (Run){0};
        ok = ra.status == 0 && rb.status == 0;
        ta[i] = ra.ms;
        tb[i] = rb.ms;
    }
    *ma = median(ta, n);
    if (mb)
        *mb = median(tb, n);
    free(ta);
    free(tb);
    return ok;
}

/* ---- the table ---------------------------------------------------------------- */

static void row(const char *n, const char *what, const char *value, const char *base,
                const char *ratio, const char *target, int ok)
{
    printf("%-3s %-44s %-12s %-26s %-8s %-22s %s\n", n, what, value, base, ratio, target,
           ok < 0 ? "n/a" : ok ? "yes" : "NO");
    if (ok == 0)
        failures++;
    fflush(stdout);
}

static void gen(const char *mode, long n, const char *name)
{
    char *out = path_in(name), *g = path_in("gen"), *arg = fmt("%ld", n);
    char *argv[] = {g, (char *)mode, arg, out, NULL};
    if (run(argv, NULL, NULL, 60).status != 0) {
        fprintf(stderr, "bench: cannot generate %s\n", out);
        exit(2);
    }
    free(out);
    free(g);
    free(arg);
}

/* 1. pipec check on a 50-line file against a hello-world C program. */
static void startup(void)
{
    char *hello = path_in("hello"), *file = path_in("lines50.pipe");
    char *a[] = {(char *)pipec, "check", file, NULL}, *b[] = {hello, NULL};
    int n = quick ? 60 : 400;
    double mp, mh;
    for (int i = 0; i < 20; i++) { /* warm the page cache */
        run(a, NULL, NULL, 10);
        run(b, NULL, NULL, 10);
    }
    bool ok = race(a, b, n, 10, &mp, &mh);
    if (!ok) {
        row("1", "check, 50-line file (process start to exit)", "FAILED", "", "", "<=2 ms, <=2x", 0);
        return;
    }
    char *v = fmt("%.2f ms", mp), *base = fmt("hello-world C %.2f ms", mh),
         *r = fmt("%.2fx", mp / mh);
    row("1", "check, 50-line file (process start to exit)", v, base, r, "<=2 ms, <=2x floor",
        mp <= 2.0 && mp <= 2 * mh);
}

/* 2. Front end and checker in MB/s (bench/frontend.c, in-process). */
static void frontend(const char *file)
{
    char *fe = path_in("frontend"), *out = path_in("frontend.txt");
    char *runs = fmt("%d", quick ? 3 : 5);
    char *argv[] = {fe, (char *)file, runs, NULL};
    Run r = run(argv, NULL, out, 240);
    double lex = 0, parse = 0, check = 0, x, cx, cpu[3] = {0};
    long bytes = 0;
    FILE *f = fopen(out, "r");
    char key[32];
    double ms;
    while (f && fscanf(f, "%31s", key) == 1) {
        if (strcmp(key, "bytes") == 0 && fscanf(f, "%ld", &bytes) == 1)
            continue;
        if (fscanf(f, "%lf %lf %*f %lf", &ms, &x, &cx) != 3)
            continue;
        if (strcmp(key, "lex") == 0)
            lex = x, cpu[0] = cx;
        else if (strcmp(key, "parse") == 0)
            parse = x, cpu[1] = cx;
        else if (strcmp(key, "check") == 0)
            check = x, cpu[2] = cx;
    }
    if (f)
        fclose(f);
    if (r.status != 0 || !lex) {
        row("2", "front end on the 50 MB file", "FAILED", "", "", "", 0);
        return;
    }
    char *what = fmt("front end (lex+parse+AST), %.0f MB file", bytes / 1e6);
    char *v = fmt("%.1f MB/s", parse), *base = fmt("lexer only %.1f MB/s", lex),
         *ratio = fmt("%.0f%%", 100 * parse / lex);
    row("2", what, v, base, ratio, ">=80 MB/s, >=60%", parse >= 80 && parse >= 0.6 * lex);
    v = fmt("%.1f MB/s", check);
    row("", "check (front end + checker), same file", v, "", "", ">=40 MB/s", check >= 40);
    /* The same runs in CPU time, for a machine busy with other work. */
    printf("%-3s %-44s %-12s %-26s %-8s\n", "", "  (CPU time: front end, lexer, check)",
           fmt("%.1f MB/s", cpu[1]), fmt("lexer only %.1f MB/s", cpu[0]),
           fmt("%.0f%%", 100 * cpu[1] / cpu[0]));
    printf("%-3s %-44s %-12s\n", "", "", fmt("%.1f MB/s", cpu[2]));
}

/* 3a. build -T svg against dot -Tsvg on pipec's own DOT. */
static void svg(int comps)
{
    char *file = path_in(fmt("svg%d.pipe", comps)), *dot = path_in(fmt("svg%d.dot", comps));
    gen("-c", comps, fmt("svg%d.pipe", comps));
    char *mk[] = {(char *)pipec, "build", "-T", "dot", file, NULL};
    char *what = fmt("build -T svg, %d components", comps);
    if (run(mk, NULL, dot, 120).status != 0) {
        row("3", what, "FAILED", "(no DOT from pipec)", "", "<=1.1x dot", 0);
        return;
    }
    char *dotexe = access("/usr/bin/dot", X_OK) == 0 ? "/usr/bin/dot" : NULL;
    if (!dotexe) {
        row("3", what, "", "dot not installed", "", "<=1.1x dot", -1);
        return;
    }
    char *a[] = {(char *)pipec, "build", "-T", "svg", file, NULL};
    char *b[] = {dotexe, "-Tsvg", dot, NULL};
    int n = quick ? 3 : comps >= 500 ? 5 : 11;
    double mp, md;
    run(a, NULL, NULL, 120);
    run(b, NULL, NULL, 120);
    bool ok = race(a, b, n, 120, &mp, &md);
    if (!ok) {
        double m2;
        race(b, NULL, 1, 120, &md, &m2);
        row("3", what, "FAILED", fmt("dot -Tsvg %.1f ms", md), "", "<=1.1x dot", 0);
        return;
    }
    row("3", what, fmt("%.1f ms", mp), fmt("dot -Tsvg %.1f ms", md), fmt("%.2fx", mp / md),
        "<=1.1x dot", mp <= 1.1 * md);
}

/* 3b. Emitters linear in size: 100k components against 10k. */
static void linear(const char *format)
{
    char *small = path_in("c10000.pipe"), *big = path_in("c100000.pipe");
    char *a[] = {(char *)pipec, "build", "-T", (char *)format, small, NULL};
    char *b[] = {(char *)pipec, "build", "-T", (char *)format, big, NULL};
    char *what = fmt("build -T %s, 10k -> 100k components", format);
    const double limit = 40;
    int n = quick ? 1 : 5; /* a ratio of two noisy medians: five runs each */
    double *ta = calloc((size_t)n, sizeof *ta), *tb = calloc((size_t)n, sizeof *tb);
    for (int i = 0; i < n; i++) {
        Run r = run(a, NULL, NULL, limit);
        if (r.status != 0) {
            row("3", what, r.status < 0 ? fmt("> %.0f s", limit) : "FAILED", "at 10k", "",
                "<=11x", 0);
            return;
        }
        ta[i] = r.ms;
        r = run(b, NULL, NULL, limit);
        if (r.status != 0) {
            row("3", what, r.status < 0 ? fmt("> %.0f s", limit) : "FAILED",
                fmt("10k: %.0f ms", ta[i]), "", "<=11x", 0);
            return;
        }
        tb[i] = r.ms;
        if (r.ms > limit * 1000 / 3)
            n = i + 1; /* slow: one run tells enough */
    }
    double s = median(ta, n), l = median(tb, n);
    row("3", what, fmt("%.0f ms", l), fmt("10k: %.0f ms", s), fmt("%.1fx", l / s), "<=11x",
        l <= 11 * s);
}

/* 4. Peak memory of check on the 50 MB file. */
static void memory(const char *file)
{
    char *argv[] = {(char *)pipec, "check", (char *)file, NULL};
    long best = 0;
    int n = quick ? 1 : 3, status = 0;
    for (int i = 0; i < n; i++) {
        Run r = run(argv, NULL, NULL, 120);
        status |= r.status;
        if (!best || r.rss_kb < best)
            best = r.rss_kb;
    }
    double mb = file_size(file) / 1e6, rss = best * 1024 / 1e6;
    if (status != 0) {
        row("4", "check max RSS, 50 MB file", "FAILED", "", "", "<=3x input", 0);
        return;
    }
    row("4", "check max RSS, 50 MB file", fmt("%.0f MB", rss), fmt("input %.1f MB", mb),
        fmt("%.2fx", rss / mb), "<=3x input", rss <= 3 * mb);
}

/* ---- 5. the language server ------------------------------------------------- */

typedef struct Lsp {
    pid_t pid;
    int in, out; /* our ends: we write to in, read from out */
    char *buf;
    size_t len, cap;
} Lsp;

static bool lsp_send(Lsp *l, const char *body)
{
    char head[64];
    size_t n = strlen(body);
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    if (write(l->in, head, (size_t)h) != h)
        return false;
    for (size_t off = 0; off < n;) {
        ssize_t w = write(l->in, body + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        off += (size_t)w;
    }
    return true;
}

/* The next message body (malloc'd), or NULL after timeout_ms or at EOF. */
static char *lsp_recv(Lsp *l, double timeout_ms)
{
    double end = now_ms() + timeout_ms;
    for (;;) {
        char *sep = l->len ? memmem(l->buf, l->len, "\r\n\r\n", 4) : NULL;
        if (sep) {
            const char *cl = memmem(l->buf, (size_t)(sep - l->buf), "Content-Length:", 15);
            size_t n = cl ? strtoul(cl + 15, NULL, 10) : 0;
            size_t start = (size_t)(sep - l->buf) + 4;
            if (l->len >= start + n) {
                char *body = malloc(n + 1);
                memcpy(body, l->buf + start, n);
                body[n] = '\0';
                memmove(l->buf, l->buf + start + n, l->len - start - n);
                l->len -= start + n;
                return body;
            }
        }
        double left = end - now_ms();
        if (left <= 0)
            return NULL;
        struct pollfd p = {l->out, POLLIN, 0};
        if (poll(&p, 1, (int)left + 1) <= 0)
            continue;
        if (l->cap - l->len < 65536) {
            l->cap = l->cap * 2 + 65536;
            l->buf = realloc(l->buf, l->cap);
        }
        ssize_t r = read(l->out, l->buf + l->len, l->cap - l->len);
        if (r <= 0)
            return NULL;
        l->len += (size_t)r;
    }
}

/* Waits for a message containing `what`; false on timeout. */
static bool lsp_wait(Lsp *l, const char *what, double timeout_ms)
{
    double end = now_ms() + timeout_ms;
    for (;;) {
        char *m = lsp_recv(l, end - now_ms());
        if (!m)
            return false;
        bool hit = strstr(m, what) != NULL;
        free(m);
        if (hit)
            return true;
    }
}

static char *json_string(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n * 2 + 3), *o = out;
    *o++ = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            *o++ = '\\';
            *o++ = *s;
        } else if (*s == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        } else {
            *o++ = *s;
        }
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    long n = file_size(path);
    char *t = malloc((size_t)n + 1);
    size_t got = fread(t, 1, (size_t)n, f);
    t[got] = '\0';
    fclose(f);
    return t;
}

static void lsp(void)
{
    const char *what = "lsp didChange -> publishDiagnostics, 1k comp.";
    char *file = path_in("c1000.pipe");
    char *text = read_text(file);
    int to_srv[2], from_srv[2];
    if (!text || pipe(to_srv) != 0 || pipe(from_srv) != 0) {
        row("5", what, "FAILED", "", "", "<=20 ms", 0);
        return;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, to_srv[0], 0);
    posix_spawn_file_actions_adddup2(&fa, from_srv[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, to_srv[1]);
    posix_spawn_file_actions_addclose(&fa, from_srv[0]);
    char *argv[] = {(char *)pipec, "lsp", NULL};
    Lsp l = {0};
    if (posix_spawn(&l.pid, pipec, &fa, NULL, argv, environ) != 0) {
        row("5", what, "FAILED", "cannot start pipec lsp", "", "<=20 ms", 0);
        return;
    }
    posix_spawn_file_actions_destroy(&fa);
    close(to_srv[0]);
    close(from_srv[1]);
    l.in = to_srv[1];
    l.out = from_srv[0];
    signal(SIGPIPE, SIG_IGN);

    const char *uri = "file:///bench/c1000.pipe";
    bool ok = lsp_send(&l, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                           "{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}}") &&
              lsp_wait(&l, "\"id\":1", 10000) &&
              lsp_send(&l, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    char *jtext = json_string(text);
    char *open = fmt("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
                     "{\"textDocument\":{\"uri\":\"%s\",\"languageId\":\"pipe\",\"version\":1,"
                     "\"text\":%s}}}", uri, jtext);
    ok = ok && lsp_send(&l, open) && lsp_wait(&l, "publishDiagnostics", 10000);
    int n = quick ? 5 : 21;
    double *t = calloc((size_t)n, sizeof *t);
    int done = 0;
    for (int i = 0; ok && i < n; i++) {
        /* A real edit: the pipeline's title changes on every keystroke. */
        char *edited = strdup(text);
        char *title = strstr(edited, "Generated analytics estate");
        if (title)
            title[0] = (char)('A' + i % 26);
        char *jt = json_string(edited);
        char *change = fmt("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
                           "{\"textDocument\":{\"uri\":\"%s\",\"version\":%d},"
                           "\"contentChanges\":[{\"text\":%s}]}}", uri, i + 2, jt);
        double t0 = now_ms();
        ok = lsp_send(&l, change) && lsp_wait(&l, "publishDiagnostics", 10000);
        t[done++] = now_ms() - t0;
        free(edited);
        free(jt);
        free(change);
    }
    lsp_send(&l, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\",\"params\":null}");
    lsp_wait(&l, "\"id\":2", 2000);
    lsp_send(&l, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\",\"params\":null}");
    close(l.in);
    close(l.out);
    int st;
    running = l.pid;
    alarm(5);
    waitpid(l.pid, &st, 0);
    alarm(0);
    running = 0;
    if (!ok) {
        row("5", what, "FAILED", "(no publishDiagnostics)", "", "<=20 ms", 0);
        return;
    }
    double m = median(t, done);
    row("5", what, fmt("%.1f ms", m), "", "", "<=20 ms", m <= 20);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench DIR PIPEC [--quick]\n", stderr);
        return 2;
    }
    dir = argv[1];
    pipec = argv[2];
    quick = argc > 3 && strcmp(argv[3], "--quick") == 0;
    signal(SIGALRM, on_alarm);
    double t0 = now_ms();

    fprintf(stderr, "bench: generating inputs in %s\n", dir);
    gen("-l", 50, "lines50.pipe");
    gen("-c", 1000, "c1000.pipe");
    gen("-c", 10000, "c10000.pipe");
    gen("-c", 100000, "c100000.pipe");
    char *big = path_in("big.pipe");
    gen("-b", 50000000, "big.pipe");

    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    double load[1] = {0};
    getloadavg(load, 1);
    printf("pipec benchmark: %ld cores, load average %.2f at start; medians of repeated runs,\n"
           "each against its baseline measured in the same run (see bench/README.md)\n\n",
           cpus, load[0]);
    printf("%-3s %-44s %-12s %-26s %-8s %-22s %s\n", "#", "measure", "pipec", "baseline", "ratio",
           "target", "ok");
    startup();
    frontend(big);
    svg(20);
    svg(100);
    svg(500);
    linear("dot");
    linear("md");
    linear("cfn");
    memory(big);
    lsp();
    getloadavg(load, 1);
    printf("\n%d target(s) missed; load average %.2f at the end; %.0f s in all\n", failures,
           load[0], (now_ms() - t0) / 1e3);
    return 0;
}
