/* The front end, catalog and checker (compile_text with the embedded
 * stdlib), then the diagnostics in every output format. */
#include "fuzz.h"

#include "codes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size);
    FILE *out = fuzz_null();
    diag_render_human(&c.diags, out, false);
    diag_render_human(&c.diags, out, true);
    diag_render_gcc(&c.diags, out);
    diag_render_github(&c.diags, out);
    FUZZ_CHECK(diag_render_json(&c.diags, out) == 0, "json rendering failed");
    FUZZ_CHECK(diag_render_sarif(&c.diags, out, "fuzz", code_rules(), code_rule_count()) == 0,
               "sarif rendering failed");
    /* every code reported is in the table (explain, SARIF rules) */
    for (int i = 0; i < c.diags.items.n; i++) {
        const Diagnostic *g = c.diags.items.items[i];
        FUZZ_CHECK(code_info(g->code) != NULL, "unknown code %s", g->code);
    }
    compilation_free(&c);
    return 0;
}
