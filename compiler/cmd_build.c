/* pipec build -T FORMAT [-o OUT] FILE */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "compile.h"
#include "emit.h"
#include "output.h"

static int run_dot(EmitContext *c, const char *f, StrBuf *o) { (void)f; return emit_dot(c, o); }
static int run_md(EmitContext *c, const char *f, StrBuf *o) { (void)f; return emit_md(c, o); }
static int run_yaml(EmitContext *c, const char *f, StrBuf *o) { (void)f; return emit_cfn_yaml(c, o); }
static int run_json(EmitContext *c, const char *f, StrBuf *o) { (void)f; return emit_cfn_json(c, o); }

static const Emitter emitters[] = {
    {"dot", run_dot}, {"svg", emit_render}, {"png", emit_render}, {"pdf", emit_render},
    {"md", run_md},   {"cfn", run_yaml},    {"cfn-json", run_json},
};

const Emitter *emitter_for(const char *format)
{
    for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
        if (strcmp(emitters[i].format, format) == 0)
            return &emitters[i];
    return NULL;
}

const char *emitter_formats(void)
{
    return "dot, svg, png, pdf, md, cfn, cfn-json";
}

int cmd_build(int argc, char **argv)
{
    CommonOptions o;
    cli_defaults(&o);
    const char *format = NULL, *out = NULL, *file = NULL, *v;
    for (int i = 1; i < argc; i++) {
        int r = cli_common_flag(argc, argv, &i, &o);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if ((v = cli_flag_value(argc, argv, &i, "-T", "--format-out")))
            format = v;
        else if ((v = cli_flag_value(argc, argv, &i, "-o", "--output")))
            out = v;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("build: unknown option or missing value '%s'", argv[i]);
        else if (file)
            return cli_usage_error("build: one input file at a time");
        else
            file = argv[i];
    }
    if (!format)
        return cli_usage_error("build: -T FORMAT is required (%s)", emitter_formats());
    const Emitter *em = emitter_for(format);
    if (!em)
        return cli_usage_error("build: unknown format '%s' (%s)", format, emitter_formats());
    if (!file)
        return cli_usage_error("build: no input file");
    /* `-o pipeline.pipe pipeline.pipe` would replace the source by its diagram. */
    struct stat in_st, out_st;
    if (out && strcmp(out, "-") != 0 && strcmp(file, "-") != 0 && stat(file, &in_st) == 0 &&
        stat(out, &out_st) == 0 && in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
        return cli_usage_error("build: the output %s is the input file", out);

    Compilation c;
    compilation_init(&c);
    const char *display = strcmp(file, "-") == 0 ? (o.stdin_name ? o.stdin_name : "<stdin>") : file;
    if (compile_path(&c, &o.load, file, display) != COMPILE_OK) {
        cli_render_diags(&c.diags, &o, stderr);
        compilation_free(&c);
        return 2;
    }
    if (!c.model && c.diags.nerrors == 0 && c.prog.root) {
        diag_add(&c.diags, SEV_ERROR, "E210", c.prog.root->src, (Span){0, 0},
                 "no pipeline in this file: nothing to build");
        Diagnostic *g = c.diags.items.items[c.diags.items.n - 1];
        diag_help(&c.diags, g, "a file to build holds `pipeline NAME \"Title\" { ... }`; "
                               "files without one are libraries for `import`");
    }
    bool failed = compilation_failed(&c, o.werror);
    cli_render_diags(&c.diags, &o, stderr);
    if (failed) {
        compilation_free(&c);
        return 1;
    }
    EmitContext ctx = {.model = c.model, .source_name = display};
    StrBuf buf;
    sb_init(&buf);
    int rc = em->run(&ctx, format, &buf);
    const char *err = ctx.err;
    if (rc == 0 && output_write_atomic(out, buf.data ? buf.data : "", buf.len, &err) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "pipec: cannot write %s output%s%s: %s\n", format, out ? " to " : "",
                out ? out : "", err ? err : "unknown error");
    sb_free(&buf);
    compilation_free(&c);
    return rc == 0 ? 0 : 2;
}
