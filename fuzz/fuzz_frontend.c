/* The front end alone: lexer + parser on arbitrary bytes, then the
 * diagnostics rendered (every span must map back to a line and column). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena *a = arena_new();
    DiagList d;
    diag_init(&d, a);
    Source *src = source_from_memory(a, "fuzz.pipe", (const char *)data, size);
    File *f = parse_source(a, &d, src);
    FUZZ_CHECK(f != NULL, "parse_source returned NULL");
    FUZZ_CHECK(f->nerrors <= d.nerrors, "%d errors in the file, %d in the list", f->nerrors,
               d.nerrors);
    /* the scanner reads the text in place and writes a NUL after each token
     * while it runs: every byte must be back when it is done */
    size_t skip = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    FUZZ_CHECK(src->len == size - skip, "source length %u for %zu bytes", src->len, size);
    FUZZ_CHECK(memcmp(src->text, data + skip, src->len) == 0, "the source text changed");
    FUZZ_CHECK(src->text[src->len] == 0 && src->text[src->len + 1] == 0, "the two NULs");
    diag_sort(&d);
    diag_render_gcc(&d, fuzz_null());
    arena_free(a);
    return 0;
}
