/* The formatter. When an input formats, the output must:
 *   - format again to the same bytes (idempotence) - so it also parses;
 *   - keep every comment, in order, byte for byte;
 *   - keep the tokens (newlines, ',' and ';' aside: layout is fmt's to choose).
 * A broken property aborts, which libFuzzer reports as a finding. */
#include "fuzz.h"

#include "fmt.h"
#include "lsp.h"
#include "parse.h"

static int format(Arena *a, const char *text, size_t len, StrBuf *out)
{
    DiagList d;
    diag_init(&d, a);
    sb_init(out);
    return fmt_text(a, &d, "fuzz.pipe", text, len, out);
}

static const PtrVec *comments(Arena *a, const char *text, size_t len, const Source **src)
{
    DiagList d;
    diag_init(&d, a);
    Source *s = source_from_memory(a, "fuzz.pipe", text, len);
    *src = s;
    return &parse_source(a, &d, s)->comments;
}

static bool layout_token(const Tok *t)
{
    return t->kind == TK_NEWLINE || (t->kind == TK_PUNCT && (t->ch == ',' || t->ch == ';'));
}

/* Index of the next token at or after i that is not layout. */
static int next_tok(const Scan *sc, int i)
{
    while (i < sc->ntok && layout_token(&sc->toks[i]))
        i++;
    return i;
}

static void same_tokens(const Source *a, const Source *b)
{
    Scan x, y;
    scan_init(&x, a->text, a->len);
    scan_init(&y, b->text, b->len);
    int i = next_tok(&x, 0), k = next_tok(&y, 0);
    for (; i < x.ntok && k < y.ntok; i = next_tok(&x, i + 1), k = next_tok(&y, k + 1)) {
        const Tok *s = &x.toks[i], *t = &y.toks[k];
        uint32_t n = s->end - s->start;
        FUZZ_CHECK(n == t->end - t->start && memcmp(a->text + s->start, b->text + t->start, n) == 0,
                   "token at byte %u `%.*s` became `%.*s` at byte %u", s->start, (int)n,
                   a->text + s->start, (int)(t->end - t->start), b->text + t->start, t->start);
    }
    FUZZ_CHECK(i == x.ntok && k == y.ntok, "token count differs (%d of %d, %d of %d)", i, x.ntok,
               k, y.ntok);
    scan_free(&x);
    scan_free(&y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena *a = arena_new();
    StrBuf once, twice;
    if (format(a, (const char *)data, size, &once) != 0) {
        sb_free(&once);
        arena_free(a);
        return 0;
    }
    const char *t1 = once.data ? once.data : "";
    int rc = format(a, t1, once.len, &twice);
    FUZZ_CHECK(rc == 0, "the formatted text does not parse:\n%s", t1);
    const char *t2 = twice.data ? twice.data : "";
    FUZZ_CHECK(once.len == twice.len && memcmp(t1, t2, once.len) == 0,
               "not idempotent:\n--- once\n%s\n--- twice\n%s", t1, t2);

    const Source *s0, *s1;
    const PtrVec *c0 = comments(a, (const char *)data, size, &s0);
    const PtrVec *c1 = comments(a, t1, once.len, &s1);
    FUZZ_CHECK(c0->n == c1->n, "%d comments became %d", c0->n, c1->n);
    for (int i = 0; i < c0->n; i++) {
        const Comment *x = c0->items[i], *y = c1->items[i];
        uint32_t n = x->span.end - x->span.start;
        FUZZ_CHECK(n == y->span.end - y->span.start &&
                       memcmp(s0->text + x->span.start, s1->text + y->span.start, n) == 0,
                   "comment %d changed", i);
    }
    same_tokens(s0, s1);
    sb_free(&once);
    sb_free(&twice);
    arena_free(a);
    return 0;
}
