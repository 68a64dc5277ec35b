/* Layout and SVG rendering in-process with gvc (emit_render), on small
 * inputs that check without errors: slow per input, so capped at 2 KB.
 * Graphviz must not report an error (a label it could not parse). */
#define FUZZ_GRAPHVIZ
#include "fuzz.h"

static int run(EmitContext *ctx, StrBuf *out)
{
    return emit_render(ctx, "svg", out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 2048)
        return -1; /* not added to the corpus */
    Compilation c;
    fuzz_compile(&c, data, size);
    if (fuzz_emittable(&c)) {
        StrBuf out;
        fuzz_graphviz_watch();
        fuzz_emit(&c, run, &out);
        FUZZ_CHECK(out.len > 0 && strstr(out.data, "</svg>") != NULL, "no SVG document");
        FUZZ_CHECK(fuzz_graphviz_errors == 0, "Graphviz reported an error");
        sb_free(&out);
    }
    compilation_free(&c);
    return 0;
}
