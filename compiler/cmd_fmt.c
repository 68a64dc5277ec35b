/* pipec fmt [--check | --diff] FILE...: canonical formatting, comments kept.
 * In place (atomically) by default; `-` writes to standard output. */
#include <string.h>

#include "cli.h"
#include "fmt.h"
#include "output.h"
#include "udiff.h"

typedef enum { MODE_WRITE, MODE_CHECK, MODE_DIFF } FmtMode;

/* 0 unchanged, 1 changed (or would change), 2 I/O error, 3 did not parse. */
static int fmt_one(const char *path, const char *display, FmtMode mode, const CommonOptions *o)
{
    Arena *a = arena_new();
    DiagList d;
    diag_init(&d, a);
    Source *src;
    const char *err;
    int rc;
    if (source_load(a, path, display, &src, &err) != SOURCE_OK) {
        fprintf(stderr, "pipec: cannot read %s: %s\n", display, err);
        arena_free(a);
        return 2;
    }
    StrBuf out;
    sb_init(&out);
    if (fmt_text(a, &d, display, src->text, src->len, &out) != 0) {
        cli_render_diags(&d, o, stderr);
        fprintf(stderr, "pipec: %s does not parse; left untouched\n", display);
        sb_free(&out);
        arena_free(a);
        return 3;
    }
    const char *text = out.data ? out.data : "";
    bool changed = out.len != src->len || memcmp(text, src->text, out.len) != 0;
    bool is_stdin = strcmp(path, "-") == 0;
    rc = changed ? 1 : 0;
    if (mode == MODE_CHECK) {
        if (changed)
            printf("%s\n", display);
    } else if (mode == MODE_DIFF) {
        if (changed)
            udiff_print(stdout, display, src->text, src->len, text, out.len);
    } else if (is_stdin || changed) {
        if (output_write_atomic(is_stdin ? NULL : path, text, out.len, &err) != 0) {
            fprintf(stderr, "pipec: cannot write %s: %s\n", display, err);
            rc = 2;
        }
    }
    sb_free(&out);
    arena_free(a);
    return rc;
}

int cmd_fmt(int argc, char **argv)
{
    CommonOptions o;
    cli_defaults(&o);
    FmtMode mode = MODE_WRITE;
    const char *files[argc];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        int r = cli_common_flag(argc, argv, &i, &o);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (strcmp(argv[i], "--check") == 0)
            mode = MODE_CHECK;
        else if (strcmp(argv[i], "--diff") == 0)
            mode = MODE_DIFF;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("fmt: unknown option '%s'", argv[i]);
        else
            files[nfiles++] = argv[i];
    }
    if (nfiles == 0)
        return cli_usage_error("fmt: no input files ('-' reads standard input)");
    int worst = 0;
    bool any_changed = false, bad_input = false;
    for (int i = 0; i < nfiles; i++) {
        const char *display = strcmp(files[i], "-") == 0
                                  ? (o.stdin_name ? o.stdin_name : "<stdin>") : files[i];
        int rc = fmt_one(files[i], display, mode, &o);
        if (rc == 2)
            worst = 2;
        any_changed |= rc == 1;
        bad_input |= rc == 3;
    }
    fflush(stdout);
    if (worst == 2)
        return 2;
    if (bad_input)
        return 1;
    return mode != MODE_WRITE && any_changed ? 1 : 0;
}
