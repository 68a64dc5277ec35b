/* The Markdown emitter on inputs that check without errors. */
#include "fuzz.h"

static int run(EmitContext *ctx, StrBuf *out)
{
    return emit_md(ctx, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size);
    if (fuzz_emittable(&c)) {
        StrBuf out;
        fuzz_emit(&c, run, &out);
        sb_free(&out);
    }
    compilation_free(&c);
    return 0;
}
