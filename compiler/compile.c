#include "compile.h"

#include <string.h>

#include "codes.h"

void compilation_init(Compilation *c)
{
    memset(c, 0, sizeof *c);
    c->arena = arena_new();
    diag_init(&c->diags, c->arena);
}

void compilation_free(Compilation *c)
{
    arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

static bool stdlib_ok(Compilation *c, const LoadOptions *opt)
{
    return load_stdlib(c->arena, &c->diags, opt, &c->prog) == 0;
}

CompileStatus compile_path(Compilation *c, const LoadOptions *opt, const char *path,
                           const char *display)
{
    if (!stdlib_ok(c, opt))
        return COMPILE_IO_ERROR;
    int rc = load_root(c->arena, &c->diags, &c->prog, path, display);
    if (rc < 0)
        return COMPILE_IO_ERROR;
    if (rc == 0)
        check_program(c);
    return COMPILE_OK;
}

void compile_text(Compilation *c, const LoadOptions *opt, const char *name, const char *text,
                  size_t len)
{
    stdlib_ok(c, opt);
    load_root_text(c->arena, &c->diags, &c->prog, name, text, len);
    check_program(c);
}

bool compilation_failed(const Compilation *c, bool werror)
{
    if (c->diags.nerrors > 0)
        return true;
    if (!werror)
        return false;
    for (int i = 0; i < c->diags.items.n; i++) {
        const Diagnostic *g = c->diags.items.items[i];
        if (g->sev == SEV_WARNING && !code_is_hint(g->code))
            return true;
    }
    return false;
}
