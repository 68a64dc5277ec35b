/* The lexer: every token kind, every literal form, every E102, the newline
 * rules, BOM and CRLF, comments and `# pipe: allow` comments.
 *
 * Two levels: lex() runs the scanner alone and returns the raw token stream
 * (kinds, spans, values); parse() runs lexer + parser on a source and gives
 * the tree and the diagnostics. */
#include "helpers.h"

#include <math.h>
#include <stdint.h>

#include "lexstate.h"
#include "strbuf.h"
#include "parser.h"
#define YYSTYPE PIPE_YYSTYPE
#define YYLTYPE Span
#include "lexer.h"

/* ---- helpers --------------------------------------------------------------- */

static Parsed *parse_n(const char *text, size_t len)
{
    return test_parse_named("lex.pipe", text, len);
}

static Parsed *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

#define parsed_free test_parsed_free
#define dump test_parsed_dump

static const Diagnostic *diag_n(const Parsed *p, int i)
{
    cr_assert_lt(i, p->diags.items.n, "wanted diagnostic #%d, have %d:\n%s", i,
                 p->diags.items.n, dump(p));
    return p->diags.items.items[i];
}

static int count_code(const Parsed *p, const char *code)
{
    int n = 0;
    for (int i = 0; i < p->diags.items.n; i++)
        n += strcmp(((const Diagnostic *)p->diags.items.items[i])->code, code) == 0;
    return n;
}

/* Asserts diagnostic #i: code, line, column and exact message. */
static void expect_diag(const Parsed *p, int i, const char *code, int line, int col,
                        const char *msg)
{
    const Diagnostic *g = diag_n(p, i);
    Pos pos = source_pos(g->src, g->span.start);
    cr_assert_str_eq(g->code, code, "diagnostic #%d code; all:\n%s", i, dump(p));
    cr_assert_eq(pos.line, line, "diagnostic #%d line: got %d want %d\n%s", i, pos.line, line,
                 dump(p));
    cr_assert_eq(pos.col, col, "diagnostic #%d column: got %d want %d\n%s", i, pos.col, col,
                 dump(p));
    if (msg)
        cr_assert_str_eq(g->message, msg, "diagnostic #%d message", i);
}

static void expect_only(const Parsed *p, const char *code, int line, int col, const char *msg)
{
    cr_assert_eq(p->diags.items.n, 1, "want exactly one diagnostic, got:\n%s", dump(p));
    expect_diag(p, 0, code, line, col, msg);
}

static void expect_clean(const Parsed *p)
{
    cr_assert_eq(p->diags.items.n, 0, "want no diagnostics, got:\n%s", dump(p));
    cr_assert_eq(p->file->nerrors, 0, "File.nerrors");
}

static const char *note_text(const Diagnostic *g, const char *kind)
{
    for (const DiagNote *n = g->notes; n; n = n->next)
        if (strcmp(n->kind, kind) == 0)
            return n->text;
    return NULL;
}

/* The text of a span, NUL-terminated, in the parse's arena. */
static char *span_text(const Parsed *p, Span s)
{
    return arena_strndup(p->arena, p->src->text + s.start, s.end - s.start);
}

static Item *item_n(const Parsed *p, int i)
{
    cr_assert_lt(i, p->file->items.n, "item #%d of %d", i, p->file->items.n);
    return p->file->items.items[i];
}

static Stmt *stmt_n(const Parsed *p, int i)
{
    Item *pl = item_n(p, 0);
    cr_assert_eq(pl->kind, IT_PIPELINE, "first item is a pipeline");
    cr_assert_lt(i, pl->body.n, "statement #%d of %d", i, pl->body.n);
    return pl->body.items[i];
}

/* Parses `pipeline p { x = TEXT }` and returns x's value; no diagnostics allowed. */
static const Value *value_of(Parsed **out, const char *text)
{
    char *src = NULL;
    cr_assert_geq(asprintf(&src, "pipeline p {\n  x = %s\n}\n", text), 0);
    Parsed *p = parse(src);
    free(src);
    cr_assert_eq(p->diags.items.n, 0, "`x = %s` should lex cleanly, got:\n%s", text, dump(p));
    Stmt *st = stmt_n(p, 0);
    cr_assert_eq(st->kind, ST_SETTING, "a setting");
    cr_assert_str_eq(st->setting->name.name, "x");
    *out = p;
    return st->setting->value;
}

/* Parses `pipeline p { x = TEXT }` expecting diagnostics; returns the parse. */
static Parsed *value_err(const char *text)
{
    char *src = NULL;
    cr_assert_geq(asprintf(&src, "pipeline p {\n  x = %s\n}\n", text), 0);
    Parsed *p = parse(src);
    free(src);
    return p;
}

static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p >= 0xC2 && *p <= 0xDF) ? 2 : (*p >= 0xE0 && *p <= 0xEF) ? 3
              : (*p >= 0xF0 && *p <= 0xF4) ? 4 : 0;
        if (n == 0)
            return false;
        for (int i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

/* ---- raw token stream ---------------------------------------------------- */

typedef struct Tok {
    int kind;
    Span span;
    PIPE_YYSTYPE v;
} Tok;

typedef struct Lexed {
    Arena *arena;
    DiagList diags;
    Source *src;
    File *file;
    Tok toks[4096];
    int n;
} Lexed;

static Lexed *lex_n(const char *text, size_t len)
{
    Lexed *L = calloc(1, sizeof *L);
    L->arena = arena_new();
    diag_init(&L->diags, L->arena);
    L->src = source_from_memory(L->arena, "lex.pipe", text, len);
    L->file = arena_alloc(L->arena, sizeof *L->file);
    L->file->src = L->src;
    LexState *st = calloc(1, sizeof *st);
    st->arena = L->arena;
    st->diags = &L->diags;
    st->file = L->file;
    st->src = L->src;
    yyscan_t sc;
    cr_assert_eq(pipe_yylex_init_extra(st, &sc), 0, "scanner init");
    YY_BUFFER_STATE b = pipe_yy_scan_bytes(L->src->text, (int)L->src->len, sc);
    for (;;) {
        Tok t;
        memset(&t, 0, sizeof t);
        t.kind = pipe_yylex(&t.v, &t.span, sc);
        if (t.kind == TOK_YYEOF)
            break;
        cr_assert_lt(L->n, 4096, "token stream does not end");
        L->toks[L->n++] = t;
    }
    pipe_yy_delete_buffer(b, sc);
    pipe_yylex_destroy(sc);
    free(st);
    return L;
}

static Lexed *lex(const char *text)
{
    return lex_n(text, strlen(text));
}

static void lexed_free(Lexed *L)
{
    arena_free(L->arena);
    free(L);
}

static const char *kind_name(int k)
{
    static char buf[8][16];
    static int slot;
    switch (k) {
    case TOK_PIPELINE: return "PIPELINE";
    case TOK_GROUP: return "GROUP";
    case TOK_IMPORT: return "IMPORT";
    case TOK_SERVICE: return "SERVICE";
    case TOK_LINK: return "LINK";
    case TOK_VIA: return "VIA";
    case TOK_FAMILY: return "FAMILY";
    case TOK_TYPE: return "TYPE";
    case TOK_TRUE: return "TRUE";
    case TOK_FALSE: return "FALSE";
    case TOK_ARROW: return "ARROW";
    case TOK_DOTDOT: return "DOTDOT";
    case TOK_NEWLINE: return "NEWLINE";
    case TOK_IDENT: return "IDENT";
    case TOK_STRING: return "STRING";
    case TOK_INT: return "INT";
    case TOK_NUMBER: return "NUMBER";
    case TOK_DURATION: return "DURATION";
    case TOK_SIZE: return "SIZE";
    default:
        slot = (slot + 1) % 8;
        snprintf(buf[slot], sizeof buf[slot], k < 256 ? "'%c'" : "#%d", k);
        return buf[slot];
    }
}

static char *kinds_text(const Lexed *L)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (int i = 0; i < L->n; i++)
        fprintf(f, "%s%s", i ? " " : "", kind_name(L->toks[i].kind));
    fclose(f);
    return buf;
}

static void expect_kinds_(const Lexed *L, const char *what, const int *want, int n)
{
    char *got = kinds_text(L);
    cr_assert_eq(L->n, n, "%s: %d tokens, want %d: got [%s]", what, L->n, n, got);
    for (int i = 0; i < n; i++)
        cr_assert_eq(L->toks[i].kind, want[i], "%s: token #%d is %s, want %s (all: [%s])", what,
                     i, kind_name(L->toks[i].kind), kind_name(want[i]), got);
    free(got);
}

#define expect_kinds(L, what, ...)                                                    \
    do {                                                                              \
        const int want_[] = {__VA_ARGS__};                                            \
        expect_kinds_((L), (what), want_, (int)(sizeof want_ / sizeof want_[0]));     \
    } while (0)

/* ---- token kinds ------------------------------------------------------------ */

Test(tokens, keywords)
{
    static const struct { const char *text; int kind; } kw[] = {
        {"pipeline", TOK_PIPELINE}, {"group", TOK_GROUP}, {"import", TOK_IMPORT},
        {"service", TOK_SERVICE},   {"link", TOK_LINK},   {"via", TOK_VIA},
        {"family", TOK_FAMILY},     {"type", TOK_TYPE},   {"true", TOK_TRUE},
        {"false", TOK_FALSE},
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        Lexed *L = lex(kw[i].text);
        expect_kinds(L, kw[i].text, kw[i].kind, TOK_NEWLINE);
        cr_assert_eq(L->toks[0].span.start, 0u, "%s start", kw[i].text);
        cr_assert_eq(L->toks[0].span.end, (uint32_t)strlen(kw[i].text), "%s end", kw[i].text);
        cr_assert_eq(L->diags.items.n, 0, "%s: no diagnostics", kw[i].text);
        lexed_free(L);
    }
}

Test(tokens, keyword_prefixes_are_identifiers)
{
    /* longest match: a keyword followed by identifier characters is a name */
    static const char *const words[] = {"pipelines", "groups", "imported", "service_x",
                                        "linked", "via2", "family_", "types", "true_",
                                        "falsey", "Pipeline", "TRUE"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        Lexed *L = lex(words[i]);
        expect_kinds(L, words[i], TOK_IDENT, TOK_NEWLINE);
        cr_assert_str_eq(L->toks[0].v.TOK_IDENT, words[i]);
        lexed_free(L);
    }
}

Test(tokens, identifiers)
{
    Lexed *L = lex("a _ _x A9_b in out raw lake category z_1_2");
    expect_kinds(L, "identifiers", TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT,
                 TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_NEWLINE);
    static const char *const names[] = {"a",   "_",   "_x",   "A9_b",     "in",   "out",
                                        "raw", "lake", "category", "z_1_2"};
    for (int i = 0; i < 10; i++)
        cr_assert_str_eq(L->toks[i].v.TOK_IDENT, names[i], "identifier #%d", i);
    cr_assert_eq(L->toks[3].span.start, 7u, "A9_b starts at byte 7");
    cr_assert_eq(L->toks[3].span.end, 11u, "A9_b ends at byte 11");
    cr_assert_eq(L->diags.items.n, 0);
    lexed_free(L);
}

Test(tokens, punctuation)
{
    Lexed *L = lex("-> .. { } [ ] ( ) : = , ;");
    expect_kinds(L, "punctuation", TOK_ARROW, TOK_DOTDOT, '{', '}', '[', ']', '(', ')', ':',
                 '=', ',', ';', TOK_NEWLINE);
    cr_assert_eq(L->toks[0].span.start, 0u);
    cr_assert_eq(L->toks[0].span.end, 2u, "'->' is two bytes");
    cr_assert_eq(L->toks[1].span.start, 3u);
    cr_assert_eq(L->toks[1].span.end, 5u, "'..' is two bytes");
    cr_assert_eq(L->diags.items.n, 0);
    lexed_free(L);
}

Test(tokens, literal_kinds)
{
    Lexed *L = lex("\"s\" 42 1_000 2.5 60s 64MB 2..20 true false");
    expect_kinds(L, "literals", TOK_STRING, TOK_INT, TOK_INT, TOK_NUMBER, TOK_DURATION,
                 TOK_SIZE, TOK_INT, TOK_DOTDOT, TOK_INT, TOK_TRUE, TOK_FALSE, TOK_NEWLINE);
    cr_assert_str_eq(L->toks[0].v.TOK_STRING, "s", "a string is its unescaped text");
    cr_assert_eq(L->toks[1].v.TOK_INT->kind, V_INT);
    cr_assert_eq(L->toks[3].v.TOK_NUMBER->kind, V_NUMBER);
    cr_assert_eq(L->toks[4].v.TOK_DURATION->kind, V_DURATION);
    cr_assert_eq(L->toks[5].v.TOK_SIZE->kind, V_SIZE);
    cr_assert_eq(L->diags.items.n, 0);
    lexed_free(L);
}

/* A number followed by a dot that starts no decimal: the dot is given back
 * (these rules keep the scanner from backing up, and must not change what
 * it reads). */
Test(tokens, number_then_a_dot)
{
    Lexed *L = lex("1..5 7. 1.2_x 3.");
    expect_kinds(L, "dots", TOK_INT, TOK_DOTDOT, TOK_INT, TOK_INT, TOK_NUMBER, TOK_IDENT,
                 TOK_INT, TOK_NEWLINE);
    cr_assert_eq(L->toks[0].span.start, 0);
    cr_assert_eq(L->toks[0].span.end, 1);
    cr_assert_eq(L->toks[1].span.start, 1);
    cr_assert_eq(L->toks[1].span.end, 3);
    cr_assert_eq(L->toks[3].v.TOK_INT->i, 7);
    cr_assert_eq(L->toks[3].span.end, 6, "`7` alone");
    cr_assert_eq(L->toks[4].v.TOK_NUMBER->num, 1.2);
    cr_assert_eq(L->toks[4].span.end, 11, "`1.2` without its `_`");
    cr_assert_str_eq(L->toks[5].v.TOK_IDENT, "_x");
    int bad = 0;
    for (int i = 0; i < L->diags.items.n; i++)
        bad += strcmp(((const Diagnostic *)L->diags.items.items[i])->code, "E102") == 0;
    cr_assert_eq(bad, 2, "the two lone dots");
    lexed_free(L);
}

/* ---- strings ----------------------------------------------------------------- */

static void expect_string(const char *literal, const char *want, size_t want_len)
{
    Parsed *p;
    const Value *v = value_of(&p, literal);
    cr_assert_eq(v->kind, V_STRING, "%s is a string", literal);
    cr_assert_eq(strlen(v->str), want_len, "%s: decoded length %zu, want %zu", literal,
                 strlen(v->str), want_len);
    cr_assert_eq(memcmp(v->str, want, want_len), 0, "%s decodes to the wrong bytes", literal);
    /* the span covers the quotes */
    cr_assert_eq(v->span.end - v->span.start, (uint32_t)strlen(literal), "%s span", literal);
    parsed_free(p);
}

Test(strings, plain_and_empty)
{
    expect_string("\"hello\"", "hello", 5);
    expect_string("\"\"", "", 0);
    expect_string("\"sensors/+/telemetry # not a comment\"", "sensors/+/telemetry # not a comment",
                  35);
}

Test(strings, escapes_each)
{
    expect_string("\"say \\\"hi\\\"\"", "say \"hi\"", 8);
    expect_string("\"a\\\\b\"", "a\\b", 3);
    expect_string("\"ends with backslash\\\\\"", "ends with backslash\\", 20);
    expect_string("\"line1\\nline2\"", "line1\nline2", 11);
    expect_string("\"col1\\tcol2\"", "col1\tcol2", 9);
    expect_string("\"\\u{1F600}\"", "\xF0\x9F\x98\x80", 4);
}

Test(strings, unicode_escape_forms)
{
    expect_string("\"\\u{41}\"", "A", 1);
    expect_string("\"\\u{e9}\"", "\xC3\xA9", 2);        /* lower-case hex, 2 bytes */
    expect_string("\"\\u{20AC}\"", "\xE2\x82\xAC", 3);  /* euro sign, 3 bytes */
    expect_string("\"\\u{10FFFF}\"", "\xF4\x8F\xBF\xBF", 4);
    expect_string("\"x\\u{1F600}y\\n\"", "x\xF0\x9F\x98\x80y\n", 7);
}

Test(strings, utf8_text_kept)
{
    expect_string("\"h\xC3\xA9llo \xF0\x9F\x98\x80\"", "h\xC3\xA9llo \xF0\x9F\x98\x80", 11);
}

Test(strings, bad_escape_q)
{
    Parsed *p = value_err("\"a\\qb\"");
    /* `  x = "a\qb"`: the backslash is column 9 */
    expect_only(p, "E102", 2, 9, "invalid escape '\\q' in string");
    const Diagnostic *g = diag_n(p, 0);
    cr_assert_eq(g->span.end - g->span.start, 2u, "the span covers '\\q'");
    cr_assert_str_eq(note_text(g, "help"), "escapes are \\\" \\\\ \\n \\t and \\u{HEX}");
    parsed_free(p);
}

Test(strings, bad_unicode_escapes)
{
    static const char *const bad[] = {
        "\"\\u{D800}\"",   /* surrogate */
        "\"\\u{110000}\"", /* beyond Unicode */
        "\"\\u{0}\"",      /* NUL */
        "\"\\u{}\"",       /* no digits */
        "\"\\u{1234567}\"", /* 7 digits */
        "\"\\u{12\"",      /* no closing brace */
        "\"\\u41\"",       /* no braces */
        "\"\\u{G}\"",      /* not hex */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Parsed *p = value_err(bad[i]);
        cr_assert_eq(p->diags.items.n, 1, "%s: one diagnostic, got:\n%s", bad[i], dump(p));
        expect_diag(p, 0, "E102", 2, 8, "invalid escape '\\u' in string");
        parsed_free(p);
    }
}

Test(strings, bad_escape_of_non_ascii_keeps_message_utf8)
{
    /* `"\é"`: the message quotes the escaped character; it must quote all of
     * it, or the message is invalid UTF-8 and JSON/SARIF lose it. */
    Parsed *p = value_err("\"a\\\xC3\xA9\"");
    cr_assert_eq(count_code(p, "E102"), 1, "one E102:\n%s", dump(p));
    const Diagnostic *g = diag_n(p, 0);
    cr_assert(utf8_valid(g->message), "message is not valid UTF-8: %s", g->message);
    parsed_free(p);
}

Test(strings, unterminated_at_end_of_line)
{
    Parsed *p = parse("pipeline p {\n  description = \"abc\n  a : s3\n}\n");
    /* one error only: the parser goes on as if the string ended there */
    expect_only(p, "E102", 2, 17, "unterminated string (a string ends with '\"' on the same line)");
    const Diagnostic *g = diag_n(p, 0);
    cr_assert_str_eq(span_text(p, g->span), "\"abc", "the span runs to the end of the line");
    cr_assert_eq(item_n(p, 0)->body.n, 2, "both statements are kept");
    cr_assert_str_eq(stmt_n(p, 0)->setting->value->str, "abc");
    parsed_free(p);
}

Test(strings, unterminated_at_end_of_file)
{
    Parsed *p = parse("import \"lib.pipe");
    cr_assert_eq(count_code(p, "E102"), 1, "%s", dump(p));
    expect_diag(p, 0, "E102", 1, 8, "unterminated string (a string ends with '\"' on the same line)");
    parsed_free(p);
}

Test(strings, unterminated_crlf_excludes_cr)
{
    Parsed *p = parse("pipeline p {\r\n  description = \"abc\r\n}\r\n");
    expect_only(p, "E102", 2, 17, NULL);
    cr_assert_str_eq(span_text(p, diag_n(p, 0)->span), "\"abc", "\\r is not part of the string");
    parsed_free(p);
}

Test(strings, invalid_utf8_inside)
{
    Parsed *p = value_err("\"a\xFF" "b\"");
    expect_only(p, "E102", 2, 9, "invalid UTF-8 byte 0xFF");
    cr_assert_eq(diag_n(p, 0)->span.end - diag_n(p, 0)->span.start, 1u, "one byte");
    parsed_free(p);
}

Test(strings, encoded_surrogate_is_invalid)
{
    Parsed *p = value_err("\"\xED\xA0\x80\"");
    expect_only(p, "E102", 2, 8, "invalid UTF-8 byte 0xED");
    parsed_free(p);
}

/* ---- numbers ----------------------------------------------------------------- */

static void expect_int(const char *text, ValueKind kind, int64_t want)
{
    Parsed *p;
    const Value *v = value_of(&p, text);
    cr_assert_eq(v->kind, kind, "%s: kind %s, want %s", text, value_kind_name(v->kind),
                 value_kind_name(kind));
    cr_assert_eq(v->i, want, "%s: value %lld, want %lld", text, (long long)v->i, (long long)want);
    cr_assert_eq(v->span.end - v->span.start, (uint32_t)strlen(text), "%s: span", text);
    parsed_free(p);
}

Test(numbers, integers)
{
    expect_int("0", V_INT, 0);
    expect_int("42", V_INT, 42);
    expect_int("1_000", V_INT, 1000);
    expect_int("1_000_000", V_INT, 1000000);
    expect_int("007", V_INT, 7);
    expect_int("9223372036854775807", V_INT, INT64_MAX);
    expect_int("9_223_372_036_854_775_807", V_INT, INT64_MAX);
}

static void expect_number(const char *text, double want)
{
    Parsed *p;
    const Value *v = value_of(&p, text);
    cr_assert_eq(v->kind, V_NUMBER, "%s is a number", text);
    cr_assert(fabs(v->num - want) <= fabs(want) * 1e-12, "%s: %.17g, want %.17g", text, v->num,
              want);
    parsed_free(p);
}

Test(numbers, decimals)
{
    expect_number("2.5", 2.5);
    expect_number("0.001", 0.001);
    expect_number("1_000.25", 1000.25);
    expect_number("3.1_4", 3.14);
}

Test(numbers, long_decimal_keeps_its_value)
{
    /* 1 followed by 150 zeros, then ".5": 1e150 */
    char text[200];
    text[0] = '1';
    memset(text + 1, '0', 150);
    strcpy(text + 151, ".5");
    expect_number(text, 1e150);
}

Test(numbers, durations_each_unit)
{
    expect_int("250ms", V_DURATION, 250);
    expect_int("60s", V_DURATION, 60000);
    expect_int("5m", V_DURATION, 300000);
    expect_int("48h", V_DURATION, 172800000);
    expect_int("7d", V_DURATION, 604800000);
    expect_int("1_500ms", V_DURATION, 1500);
    expect_int("0s", V_DURATION, 0);
}

Test(numbers, sizes_each_unit)
{
    expect_int("1KB", V_SIZE, 1024);
    expect_int("512MB", V_SIZE, 536870912);
    expect_int("2GB", V_SIZE, 2147483648LL);
    expect_int("3TB", V_SIZE, 3298534883328LL);
    expect_int("1KiB", V_SIZE, 1024);
    expect_int("64MiB", V_SIZE, 67108864);
    expect_int("1GiB", V_SIZE, 1073741824);
    expect_int("1TiB", V_SIZE, 1099511627776LL);
}

Test(numbers, largest_values_of_each_unit)
{
    expect_int("9223372036854775807ms", V_DURATION, INT64_MAX);
    expect_int("9223372036854775s", V_DURATION, 9223372036854775000LL);
    expect_int("106751991167d", V_DURATION, 9223372036828800000LL);
    expect_int("9007199254740991KB", V_SIZE, 9223372036854774784LL);
    expect_int("8388607TB", V_SIZE, 9223370937343148032LL);
}

static void expect_too_large(const char *text)
{
    Parsed *p = value_err(text);
    expect_only(p, "E102", 2, 7, "number is too large for 64 bits");
    const Diagnostic *g = diag_n(p, 0);
    cr_assert_eq(g->span.end - g->span.start, (uint32_t)strlen(text),
                 "%s: the span covers the whole literal", text);
    parsed_free(p);
}

Test(numbers, too_large_for_64_bits)
{
    expect_too_large("9223372036854775808");
    expect_too_large("99999999999999999999999");
    expect_too_large("9_223_372_036_854_775_808");
}

Test(numbers, durations_and_sizes_overflow_when_converted)
{
    /* the digits fit in 64 bits; the value in ms or bytes does not */
    expect_too_large("106751991168d");
    expect_too_large("9223372036854776s");
    expect_too_large("2562047788016h");
    expect_too_large("8388608TB");
    expect_too_large("9007199254740992KiB");
}

Test(numbers, unknown_unit)
{
    Parsed *p = value_err("5mb");
    /* `  x = 5mb`: the unit starts at column 8 */
    expect_only(p, "E102", 2, 8, "unknown unit 'mb' after a number");
    const Diagnostic *g = diag_n(p, 0);
    cr_assert_str_eq(span_text(p, g->span), "mb", "the span covers the unit");
    cr_assert_str_eq(note_text(g, "help"),
                     "durations end in ms, s, m, h or d; sizes in KB, MB, GB or TB");
    parsed_free(p);
}

Test(numbers, units_are_case_sensitive)
{
    static const struct { const char *text, *unit; } cases[] = {
        {"5S", "S"}, {"5Ms", "Ms"}, {"5kb", "kb"}, {"5Kb", "Kb"}, {"5MBs", "MBs"},
        {"5sec", "sec"}, {"5Kib", "Kib"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Parsed *p = value_err(cases[i].text);
        char want[64];
        snprintf(want, sizeof want, "unknown unit '%s' after a number", cases[i].unit);
        cr_assert_eq(p->diags.items.n, 1, "%s: one diagnostic, got:\n%s", cases[i].text, dump(p));
        expect_diag(p, 0, "E102", 2, 8, want);
        parsed_free(p);
    }
}

Test(numbers, trailing_underscore_names_the_unit)
{
    /* `5_` and `5__0` are malformed numbers; the message must not quote an
     * empty unit ("unknown unit ''") */
    static const struct { const char *text, *unit; } cases[] = {{"5_", "_"}, {"5__0", "__0"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Parsed *p = value_err(cases[i].text);
        char want[64];
        snprintf(want, sizeof want, "unknown unit '%s' after a number", cases[i].unit);
        cr_assert_eq(p->diags.items.n, 1, "%s: one diagnostic, got:\n%s", cases[i].text, dump(p));
        expect_diag(p, 0, "E102", 2, 8, want);
        parsed_free(p);
    }
}

Test(numbers, ranges)
{
    Lexed *L = lex("2..20 1s..5m 1MB..2GB 1.5..2.5");
    expect_kinds(L, "ranges", TOK_INT, TOK_DOTDOT, TOK_INT, TOK_DURATION, TOK_DOTDOT,
                 TOK_DURATION, TOK_SIZE, TOK_DOTDOT, TOK_SIZE, TOK_NUMBER, TOK_DOTDOT, TOK_NUMBER,
                 TOK_NEWLINE);
    lexed_free(L);

    Parsed *p;
    const Value *v = value_of(&p, "2..20");
    cr_assert_eq(v->kind, V_RANGE);
    cr_assert_eq(v->lo->kind, V_INT);
    cr_assert_eq(v->lo->i, 2);
    cr_assert_eq(v->hi->i, 20);
    cr_assert_str_eq(span_text(p, v->span), "2..20");
    parsed_free(p);

    v = value_of(&p, "24h..8760h");
    cr_assert_eq(v->kind, V_RANGE);
    cr_assert_eq(v->lo->kind, V_DURATION);
    cr_assert_eq(v->lo->i, 86400000);
    cr_assert_eq(v->hi->i, 31536000000LL);
    parsed_free(p);

    v = value_of(&p, "1MB..128MB");
    cr_assert_eq(v->lo->kind, V_SIZE);
    cr_assert_eq(v->lo->i, 1048576);
    cr_assert_eq(v->hi->i, 134217728);
    parsed_free(p);
}

Test(values, booleans)
{
    Parsed *p;
    const Value *v = value_of(&p, "true");
    cr_assert_eq(v->kind, V_BOOL);
    cr_assert_eq(v->i, 1);
    parsed_free(p);
    v = value_of(&p, "false");
    cr_assert_eq(v->kind, V_BOOL);
    cr_assert_eq(v->i, 0);
    parsed_free(p);
}

Test(values, identifier_value)
{
    Parsed *p;
    const Value *v = value_of(&p, "on_demand");
    cr_assert_eq(v->kind, V_IDENT);
    cr_assert_str_eq(v->str, "on_demand");
    parsed_free(p);
}

Test(identifiers, limit_1024_bytes)
{
    char name[1100];
    memset(name, 'a', 1024);
    name[1024] = '\0';
    char *src = NULL;
    cr_assert_geq(asprintf(&src, "pipeline p {\n  %s : s3\n}\n", name), 0);
    Parsed *p = parse(src);
    expect_clean(p);
    cr_assert_eq(strlen(stmt_n(p, 0)->name.name), 1024u);
    parsed_free(p);
    free(src);

    memset(name, 'a', 1025);
    name[1025] = '\0';
    cr_assert_geq(asprintf(&src, "pipeline p {\n  %s : s3\n}\n", name), 0);
    p = parse(src);
    expect_only(p, "E105", 2, 3, "identifier is 1025 bytes long; the limit is 1024");
    parsed_free(p);
    free(src);
}

/* A name is one copy per file however many other names come between two
 * uses: the checker binds a name to its declaration through that copy. */
Test(identifiers, interned_across_many_names)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "pipeline p {\n");
    enum { N = 20000 };
    for (int i = 0; i < N; i++)
        sb_printf(&b, "  n_%d : s3\n", i);
    sb_puts(&b, "  n_0 -> n_1\n}\n");
    Parsed *p = parse(b.data);
    expect_clean(p);
    const Stmt *flow = stmt_n(p, N);
    cr_assert_eq(flow->kind, ST_FLOW);
    const Ends *from = flow->ends.items[0], *to = flow->ends.items[1];
    const Ident *a = from->names.items[0], *c = to->names.items[0];
    cr_assert_str_eq(a->name, "n_0");
    cr_assert_eq(a->name, stmt_n(p, 0)->name.name, "n_0 is not one copy");
    cr_assert_eq(c->name, stmt_n(p, 1)->name.name, "n_1 is not one copy");
    /* distinct names stay distinct, and every one is bindable */
    cr_assert_neq(stmt_n(p, 0)->name.name, stmt_n(p, 1)->name.name);
    for (int i = 0; i < N; i++)
        cr_assert_null(name_binding(stmt_n(p, i)->name.name)->owner);
    parsed_free(p);
    sb_free(&b);
}

/* A name over the limit becomes `_`, itself interned like any other name. */
Test(identifiers, name_over_the_limit_is_interned)
{
    char name[1100];
    memset(name, 'b', 1025);
    name[1025] = '\0';
    char *src = NULL;
    cr_assert_geq(asprintf(&src, "pipeline p {\n  %s : s3\n  _ : s3\n}\n", name), 0);
    Parsed *p = parse(src);
    cr_assert_eq(count_code(p, "E105"), 1);
    cr_assert_str_eq(stmt_n(p, 0)->name.name, "_");
    cr_assert_eq(stmt_n(p, 0)->name.name, stmt_n(p, 1)->name.name);
    parsed_free(p);
    free(src);
}

/* ---- E102: characters -------------------------------------------------------- */

Test(bad_chars, at_sign_and_dollar)
{
    Parsed *p = parse("pipeline p {\n  a : lambda @\n  $b : sqs\n}\n");
    cr_assert_eq(p->diags.items.n, 2, "%s", dump(p));
    expect_diag(p, 0, "E102", 2, 14, "unexpected character '@'");
    expect_diag(p, 1, "E102", 3, 3, "unexpected character '$'");
    cr_assert_null(diag_n(p, 0)->notes, "no help for '@'");
    cr_assert_eq(item_n(p, 0)->body.n, 2, "the statements survive");
    parsed_free(p);
}

Test(bad_chars, dash_has_help)
{
    Parsed *p = parse("pipeline p {\n  my-queue : sqs\n}\n");
    cr_assert_geq(p->diags.items.n, 1, "%s", dump(p));
    expect_diag(p, 0, "E102", 2, 5, "unexpected character '-'");
    cr_assert_str_eq(note_text(diag_n(p, 0), "help"),
                     "a flow is written `a -> b`; names cannot contain '-', use '_'");
    parsed_free(p);
}

Test(bad_chars, long_arrow)
{
    /* `-->`: a stray '-' and then a real arrow; the flow itself parses */
    Parsed *p = parse("pipeline p {\n  a : s3\n  b : sqs\n  a --> b\n}\n");
    expect_only(p, "E102", 4, 5, "unexpected character '-'");
    cr_assert_eq(stmt_n(p, 2)->kind, ST_FLOW);
    parsed_free(p);
}

Test(bad_chars, fat_arrow)
{
    /* `a => b` in a pipeline: the '>' is dropped, what is left is the
     * setting `a = b`; one error, no cascade */
    Parsed *p = parse("pipeline p {\n  a : s3\n  b : sqs\n  a => b\n}\n");
    expect_only(p, "E102", 4, 6, "unexpected character '>'");
    cr_assert_eq(stmt_n(p, 2)->kind, ST_SETTING);
    parsed_free(p);

    /* after an arrow it is a syntax error at the '=' */
    p = parse("pipeline p {\n  a : s3\n  b : sqs\n  a -> b => a\n}\n");
    cr_assert_eq(p->diags.items.n, 2, "%s", dump(p));
    expect_diag(p, 0, "E101", 4, 10, "unexpected '=', expected '->', end of line, '{' or '}'");
    expect_diag(p, 1, "E102", 4, 11, "unexpected character '>'");
    parsed_free(p);
}

Test(bad_chars, valid_utf8_character)
{
    Parsed *p = parse("pipeline p {\n  \xC3\xA9 : s3\n}\n");
    expect_diag(p, 0, "E102", 2, 3, "unexpected character '\xC3\xA9'");
    cr_assert_eq(diag_n(p, 0)->span.end - diag_n(p, 0)->span.start, 2u, "both bytes");
    parsed_free(p);
}

Test(bad_chars, control_character_message_is_printable)
{
    /* an ESC in the source must not reach the terminal through the message */
    Parsed *p = parse("pipeline p {\n  \x1b[2J\n}\n");
    const Diagnostic *g = diag_n(p, 0);
    cr_assert_str_eq(g->code, "E102");
    for (const char *c = g->message; *c; c++)
        cr_assert((unsigned char)*c >= 0x20 && *c != 0x7f,
                  "message carries raw control byte 0x%02X", (unsigned char)*c);
    parsed_free(p);
}

Test(bad_chars, bom_in_the_middle)
{
    Parsed *p = parse("pipeline p {\n \xEF\xBB\xBF\n}\n");
    expect_only(p, "E102", 2, 2, "unexpected character '\xEF\xBB\xBF'");
    parsed_free(p);
}

Test(invalid_utf8, bare_bytes)
{
    Parsed *p = parse("pipeline p {\n  \xC3\n  \xFF\n}\n");
    cr_assert_eq(p->diags.items.n, 2, "%s", dump(p));
    expect_diag(p, 0, "E102", 2, 3, "invalid UTF-8 byte 0xC3");
    expect_diag(p, 1, "E102", 3, 3, "invalid UTF-8 byte 0xFF");
    parsed_free(p);
}

Test(invalid_utf8, overlong_encoding)
{
    Parsed *p = parse("pipeline p {\n  \xC0\xAF\n}\n");
    cr_assert_eq(count_code(p, "E102"), 2, "%s", dump(p));
    expect_diag(p, 0, "E102", 2, 3, "invalid UTF-8 byte 0xC0");
    cr_assert_str_eq(diag_n(p, 1)->message, "invalid UTF-8 byte 0xAF");
    parsed_free(p);
}

/* The first bytes of a three- or four-byte sequence, cut short: one E102
 * per byte, as for any other stray byte. */
Test(invalid_utf8, sequence_cut_short)
{
    Parsed *p = parse("pipeline p {\n  \xE0\xA0 \xF0\x90\x80\n}\n");
    cr_assert_eq(count_code(p, "E102"), 5, "%s", dump(p));
    expect_diag(p, 0, "E102", 2, 3, "invalid UTF-8 byte 0xE0");
    expect_diag(p, 1, "E102", 2, 4, "invalid UTF-8 byte 0xA0");
    cr_assert_str_eq(diag_n(p, 2)->message, "invalid UTF-8 byte 0xF0");
    cr_assert_str_eq(diag_n(p, 4)->message, "invalid UTF-8 byte 0x80");
    parsed_free(p);
}

Test(invalid_utf8, in_comment)
{
    Parsed *p = parse("# caf\xE9\npipeline p {\n}\n");
    expect_only(p, "E102", 1, 6, "invalid UTF-8 byte 0xE9");
    cr_assert_eq(p->file->comments.n, 1, "the comment is still kept");
    parsed_free(p);
}

Test(invalid_utf8, valid_utf8_comment_is_fine)
{
    Parsed *p = parse("# caf\xC3\xA9 \xF0\x9F\x98\x80\npipeline p {\n}\n");
    expect_clean(p);
    parsed_free(p);
}

Test(nul, nul_byte)
{
    static const char src[] = "pipeline p {\n  a : s3\0\n}\n";
    Parsed *p = parse_n(src, sizeof src - 1);
    expect_only(p, "E102", 2, 9, "NUL byte in source");
    parsed_free(p);
}

Test(nul, nul_byte_in_string)
{
    static const char src[] = "pipeline p {\n  x = \"a\0b\"\n}\n";
    Parsed *p = parse_n(src, sizeof src - 1);
    cr_assert_geq(count_code(p, "E102"), 1, "%s", dump(p));
    int nul = 0;
    for (int i = 0; i < p->diags.items.n; i++) {
        const Diagnostic *g = p->diags.items.items[i];
        if (strcmp(g->message, "NUL byte in source") == 0) {
            Pos pos = source_pos(p->src, g->span.start);
            cr_assert_eq(pos.line, 2);
            cr_assert_eq(pos.col, 9);
            nul++;
        }
    }
    cr_assert_eq(nul, 1, "the NUL is reported once:\n%s", dump(p));
    parsed_free(p);
}

/* ---- newlines ------------------------------------------------------------------ */

Test(newlines, line_ending_in_arrow_continues)
{
    Lexed *L = lex("a ->\nb");
    expect_kinds(L, "a ->\\nb", TOK_IDENT, TOK_ARROW, TOK_IDENT, TOK_NEWLINE);
    lexed_free(L);
    L = lex("a -> # comment\n\n  b");
    expect_kinds(L, "arrow, comment, blank line", TOK_IDENT, TOK_ARROW, TOK_IDENT, TOK_NEWLINE);
    lexed_free(L);
}

Test(newlines, line_ending_in_comma_continues)
{
    Lexed *L = lex("a = 1,\nb = 2");
    expect_kinds(L, "a = 1,\\nb = 2", TOK_IDENT, '=', TOK_INT, ',', TOK_IDENT, '=', TOK_INT,
                 TOK_NEWLINE);
    lexed_free(L);
}

Test(newlines, ignored_inside_brackets_and_parens)
{
    Lexed *L = lex("[a\n,\nb\n]\n(\nc\n)\n");
    expect_kinds(L, "brackets", '[', TOK_IDENT, ',', TOK_IDENT, ']', TOK_NEWLINE, '(', TOK_IDENT,
                 ')', TOK_NEWLINE);
    lexed_free(L);
}

Test(newlines, statement_newlines_inside_braces)
{
    Lexed *L = lex("{\na = 1\nb = 2\n}\n");
    expect_kinds(L, "block", '{', TOK_IDENT, '=', TOK_INT, TOK_NEWLINE, TOK_IDENT, '=', TOK_INT,
                 TOK_NEWLINE, '}', TOK_NEWLINE);
    lexed_free(L);
    /* a block inside a list: newlines inside the braces count again */
    L = lex("[{ a = 1\n b = 2 }]");
    expect_kinds(L, "block in list", '[', '{', TOK_IDENT, '=', TOK_INT, TOK_NEWLINE, TOK_IDENT,
                 '=', TOK_INT, '}', ']', TOK_NEWLINE);
    lexed_free(L);
}

Test(newlines, blank_lines_collapse)
{
    Lexed *L = lex("\n\n a\n\n\n\nb\n\n");
    expect_kinds(L, "blank lines", TOK_IDENT, TOK_NEWLINE, TOK_IDENT, TOK_NEWLINE);
    lexed_free(L);
}

Test(newlines, semicolon_separates)
{
    Lexed *L = lex("a ; b;c");
    expect_kinds(L, "semicolons", TOK_IDENT, ';', TOK_IDENT, ';', TOK_IDENT, TOK_NEWLINE);
    lexed_free(L);
    /* a newline right after ';' adds no second separator */
    L = lex("a;\nb");
    expect_kinds(L, "semicolon then newline", TOK_IDENT, ';', TOK_IDENT, TOK_NEWLINE);
    lexed_free(L);
}

Test(newlines, final_statement_ends_at_eof)
{
    Lexed *L = lex("a -> b");
    expect_kinds(L, "no final newline", TOK_IDENT, TOK_ARROW, TOK_IDENT, TOK_NEWLINE);
    cr_assert_eq(L->toks[3].span.start, 6u, "the synthetic newline sits at the end");
    cr_assert_eq(L->toks[3].span.end, 6u);
    lexed_free(L);
    L = lex("");
    cr_assert_eq(L->n, 0, "an empty source has no tokens");
    lexed_free(L);
}

Test(newlines, parse_level_rules)
{
    Parsed *p = parse("pipeline p {\n"
                      "  a : s3; b : sqs; c : lambda\n"
                      "  x = [1,\n    2,\n\n    3\n  ]\n"
                      "  a -> b ->\n    c\n"
                      "  a ->\n    [b,\n     c]\n"
                      "}\n");
    expect_clean(p);
    cr_assert_eq(item_n(p, 0)->body.n, 6, "3 components, 1 setting, 2 flows");
    cr_assert_eq(stmt_n(p, 3)->setting->value->list.n, 3, "the list spans lines");
    cr_assert_eq(stmt_n(p, 4)->ends.n, 3, "the chain continues after '->'");
    const Ends *fan = stmt_n(p, 5)->ends.items[1];
    cr_assert(fan->bracketed);
    cr_assert_eq(fan->names.n, 2);
    parsed_free(p);
}

Test(newlines, line_starting_with_arrow_does_not_continue)
{
    Parsed *p = parse("pipeline p {\n  a : s3\n  b : sqs\n  a\n  -> b\n}\n");
    cr_assert_geq(count_code(p, "E101"), 1, "a lone `a` is an incomplete statement:\n%s", dump(p));
    expect_diag(p, 0, "E101", 4, 4, NULL);
    parsed_free(p);
}

/* ---- BOM and CRLF ------------------------------------------------------------- */

Test(bom, skipped)
{
    Parsed *p = parse("\xEF\xBB\xBFpipeline p {\n  a : s3\n}\n");
    expect_clean(p);
    cr_assert_str_eq(item_n(p, 0)->name.name, "p");
    cr_assert_eq(p->src->len, 24u, "the BOM is not part of the text");
    parsed_free(p);

    p = parse("\xEF\xBB\xBF@pipeline p {\n}\n");
    expect_only(p, "E102", 1, 1, "unexpected character '@'");
    parsed_free(p);
}

Test(crlf, accepted)
{
    Parsed *p = parse("pipeline p {\r\n  a : s3 { versioning = true }\r\n  b : sqs\r\n"
                      "  a -> b\r\n}\r\n");
    expect_clean(p);
    cr_assert_eq(item_n(p, 0)->body.n, 3);
    Pos pos = source_pos(p->src, stmt_n(p, 1)->name.span.start);
    cr_assert_eq(pos.line, 3);
    cr_assert_eq(pos.col, 3);
    parsed_free(p);
}

Test(crlf, columns_same_as_lf)
{
    Parsed *p = parse("pipeline p {\r\n  a : s3 @\r\n}\r\n");
    expect_only(p, "E102", 2, 10, "unexpected character '@'");
    parsed_free(p);
}

Test(crlf, end_of_line_column_same_as_lf)
{
    /* `x =` with no value: the error is at the end of the line, and a CRLF
     * file must report the same column as an LF one (the \r belongs to the
     * line end). */
    Parsed *lf = parse("pipeline p {\n  a : s3 { x = }\n  x =\n}\n");
    Parsed *crlf = parse("pipeline p {\r\n  a : s3 { x = }\r\n  x =\r\n}\r\n");
    cr_assert_eq(lf->diags.items.n, 2, "LF:\n%s", dump(lf));
    cr_assert_eq(crlf->diags.items.n, 2, "CRLF:\n%s", dump(crlf));
    expect_diag(lf, 1, "E101", 3, 6, "unexpected end of line");
    expect_diag(crlf, 1, "E101", 3, 6, "unexpected end of line");
    parsed_free(lf);
    parsed_free(crlf);
}

/* ---- comments ------------------------------------------------------------------ */

Test(comments, kept_with_own_line)
{
    Parsed *p = parse("# head\n"
                      "pipeline p { # after brace\n"
                      "  # own line\n"
                      "\t# tab indented\n"
                      "  a : s3   # trailing\n"
                      "}\n"
                      "# tail, no newline");
    expect_clean(p);
    static const struct { const char *text; bool own; } want[] = {
        {"# head", true},        {"# after brace", false}, {"# own line", true},
        {"# tab indented", true}, {"# trailing", false},   {"# tail, no newline", true},
    };
    cr_assert_eq(p->file->comments.n, 6, "6 comments");
    for (int i = 0; i < 6; i++) {
        const Comment *c = p->file->comments.items[i];
        cr_assert_str_eq(span_text(p, c->span), want[i].text, "comment #%d text", i);
        cr_assert_eq(c->own_line, want[i].own, "comment #%d own_line", i);
    }
    parsed_free(p);
}

Test(comments, crlf_comment_excludes_cr)
{
    Parsed *p = parse("# one\r\npipeline p {\r\n  a : s3 # two\r\n}\r\n");
    expect_clean(p);
    cr_assert_eq(p->file->comments.n, 2);
    cr_assert_str_eq(span_text(p, ((Comment *)p->file->comments.items[0])->span), "# one");
    cr_assert_str_eq(span_text(p, ((Comment *)p->file->comments.items[1])->span), "# two");
    parsed_free(p);
}

Test(comments, hash_in_string_is_not_a_comment)
{
    Parsed *p = parse("pipeline p {\n  color = \"#8C4FFF\"\n}\n");
    expect_clean(p);
    cr_assert_eq(p->file->comments.n, 0);
    parsed_free(p);
}

Test(comments, allow_comments_recorded)
{
    Parsed *p = parse("pipeline p {\n"
                      "  a : s3  # pipe: allow W401\n"
                      "  # pipe: allow W401, W402\n"
                      "  b : sqs\n"
                      "  c : sqs # pipe:allow W404\n"
                      "  # see pipe: allow W409 (not an allow comment)\n"
                      "}\n");
    expect_clean(p);
    static const struct { int line; const char *code; } want[] = {
        {2, "W401"}, {4, "W401"}, {4, "W402"}, {5, "W404"},
    };
    cr_assert_eq(p->file->allows.n, 4, "4 allowed codes");
    for (int i = 0; i < 4; i++) {
        const Allow *a = p->file->allows.items[i];
        cr_assert_eq(a->line, want[i].line, "allow #%d line", i);
        cr_assert_str_eq(a->code, want[i].code, "allow #%d code", i);
    }
    cr_assert_eq(p->file->comments.n, 4, "allow comments are comments too");
    parsed_free(p);
}

Test(comments, allow_comment_crlf)
{
    Parsed *p = parse("pipeline p {\r\n  # pipe: allow W401\r\n  a : s3\r\n}\r\n");
    expect_clean(p);
    cr_assert_eq(p->file->allows.n, 1);
    cr_assert_eq(((Allow *)p->file->allows.items[0])->line, 3);
    cr_assert_str_eq(((Allow *)p->file->allows.items[0])->code, "W401", "no \\r in the code");
    parsed_free(p);
}

Test(comments, allow_suppresses_warnings)
{
    Compilation *c = test_compile("pipeline p {\n"
                                  "  a : s3      # pipe: allow W401\n"
                                  "  # pipe: allow W401\n"
                                  "  b : sqs\n"
                                  "  d : lambda  # pipe: allow W402\n"
                                  "}\n");
    char *all = test_render(c);
    cr_assert_eq(test_count(c, "W401"), 1, "only d keeps its W401:\n%s", all);
    test_expect_at(c, "W401", 5, 3);
    free(all);
    test_free(c);
}
