/* The DOT emitter on inputs that check without errors; the output must read
 * back as a graph with cgraph (no gvc layout here: too slow to fuzz). */
#include "fuzz.h"

#include <cgraph.h>

static int run(EmitContext *ctx, StrBuf *out)
{
    return emit_dot(ctx, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size);
    if (fuzz_emittable(&c)) {
        StrBuf out;
        fuzz_emit(&c, run, &out);
        Agraph_t *g = agmemread(out.data ? out.data : "");
        FUZZ_CHECK(g != NULL, "the DOT output does not parse:\n%s", out.data ? out.data : "");
        agclose(g);
        sb_free(&out);
    }
    compilation_free(&c);
    return 0;
}
