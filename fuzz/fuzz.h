/* Shared by the libFuzzer targets: compile bytes as a Pipe file, a sink for
 * rendered text, and a loud failure for broken invariants. Each target is
 * one fuzz_*.c file with LLVMFuzzerTestOneInput; `make fuzz` builds them
 * against build-fuzz/libpipec.a (clang, ASan + UBSan + fuzzer coverage). */
#ifndef PIPE_FUZZ_H
#define PIPE_FUZZ_H
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#ifdef FUZZ_GRAPHVIZ
#include <gvc.h>
#endif
#include "strbuf.h"

/* An invariant broke: say which (stderr may be closed by -close_fd_mask;
 * libFuzzer still reports the abort and saves the input). */
#define FUZZ_CHECK(cond, ...)                                       \
    do {                                                            \
        if (!(cond)) {                                              \
            fprintf(stderr, "fuzz invariant failed: %s: ", #cond);  \
            fprintf(stderr, __VA_ARGS__);                           \
            fputc('\n', stderr);                                    \
            abort();                                                \
        }                                                           \
    } while (0)

/* /dev/null, opened once for the whole run. */
static inline FILE *fuzz_null(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    if (!f)
        abort();
    return f;
}

/* Compiles data as "fuzz.pipe" with the embedded stdlib. Imports resolve
 * from the working directory (the repository root under `make fuzz`). */
static inline void fuzz_compile(Compilation *c, const uint8_t *data, size_t size)
{
    compilation_init(c);
    compile_text(c, NULL, "fuzz.pipe", (const char *)data, size);
    diag_sort(&c->diags);
}

/* True when the input checked with no errors and has a model to emit. */
static inline bool fuzz_emittable(const Compilation *c)
{
    return c->model && !compilation_failed(c, false);
}

/* Emitter output is text: valid UTF-8 (the checker rejects invalid UTF-8 in
 * the input, and \u{...} escapes are scalar values) with no NUL byte.
 * Returns the offset of the first bad byte, or -1. */
static inline long fuzz_bad_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k = c == 0 ? 0 : c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (k == 0 || i + k > n)
            return (long)i;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80)
                return (long)i;
        if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) ||
            (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))
            return (long)i;
        i += k;
    }
    return -1;
}

/* Runs one emitter over a compilation that checked clean (see
 * fuzz_emittable). rc != 0 is an internal error (exit 2 for a user): a
 * finding. The output is left in out (sb_init'd here; caller frees). */
static inline void fuzz_emit(const Compilation *c, int (*run)(EmitContext *, StrBuf *),
                             StrBuf *out)
{
    sb_init(out);
    EmitContext ctx = {.model = c->model, .source_name = "fuzz.pipe"};
    int rc = run(&ctx, out);
    FUZZ_CHECK(rc == 0, "emitter failed: %s", ctx.err ? ctx.err : "(no message)");
    long bad = fuzz_bad_utf8(out->data ? out->data : "", out->len);
    FUZZ_CHECK(bad < 0, "output byte %ld of %zu is not UTF-8 text", bad, out->len);
}

#ifdef FUZZ_GRAPHVIZ /* the targets that lay out with gvc define it */
/* Graphviz reports a bad HTML-like label, or any other error, on stderr and
 * carries on (the label loses its markup): a finding. The messages come to
 * the handler in pieces: "Error", ": ", the text. */
static int fuzz_graphviz_errors;

static int fuzz_graphviz_err(char *msg)
{
    if (strcmp(msg, "Error") == 0)
        fuzz_graphviz_errors++;
    fputs(msg, stderr);
    return 0;
}

static inline void fuzz_graphviz_watch(void)
{
    agseterrf(fuzz_graphviz_err);
    fuzz_graphviz_errors = 0;
}
#endif

#endif
