/* The parse driver: scanner set-up, parse, tear-down (Graphviz's agconcat). */
#include "parse.h"

#include "lexstate.h"
#include "parser.h"
#define YYSTYPE PIPE_YYSTYPE
#define YYLTYPE Span
#include "lexer.h"

/* The text in place, with no copy: a Source's text is followed by the two
 * NULs flex wants at the end of a buffer it does not own. */
static YY_BUFFER_STATE scan_in_place(Source *src, yyscan_t scanner)
{
    return pipe_yy_scan_buffer((char *)src->text, (yy_size_t)src->len + 2, scanner);
}

/* The same grammar built without LAC (Makefile: parser_quick.c). */
int pipe_yyparse_quick(yyscan_t scanner, LexState *lexstate);

/* One parse of src into a new File. A quick pass reports nothing: it stops
 * at the first syntax error, or returns false if anything (the scanner too)
 * had something to say. */
static File *parse_pass(Arena *a, DiagList *d, Source *src, bool quick, bool *clean)
{
    File *f = arena_alloc(a, sizeof *f);
    f->src = src;
    LexState st = {.arena = a, .diags = d, .file = f, .src = src, .quick = quick};
    yyscan_t scanner;
    if (pipe_yylex_init_extra(&st, &scanner) != 0) {
        diag_add(d, SEV_ERROR, "E101", src, (Span){0, 0}, "cannot start the scanner");
        f->nerrors = 1;
        *clean = false;
        return f;
    }
    int before = diag_errors_in(d, src);
    int items = d->items.n;
    YY_BUFFER_STATE buf = scan_in_place(src, scanner);
    if (quick)
        pipe_yyparse_quick(scanner, &st);
    else
        pipe_yyparse(scanner, &st);
    pipe_yy_restore_text(scanner);
    pipe_yy_delete_buffer(buf, scanner);
    pipe_yylex_destroy(scanner);
    lex_state_release(&st);
    f->nerrors = diag_errors_in(d, src) - before;
    *clean = !st.failed && d->items.n == items;
    return f;
}

/* LAC (exploring the stack before each default reduction) is what makes
 * "expected X or Y" exact, and it cost 12-15% of the parse on clean text.
 * So a file is parsed first by the parser without it, with its findings
 * set aside; only when it meets a syntax error (or the scanner reports
 * something) is the file parsed again, with LAC and the real diagnostics.
 * A clean file, the usual case, is parsed once. */
File *parse_source(Arena *a, DiagList *d, Source *src)
{
    DiagList scratch;
    diag_init(&scratch, a);
    bool clean;
    File *f = parse_pass(a, &scratch, src, true, &clean);
    if (clean)
        return f;
    return parse_pass(a, d, src, false, &clean);
}

long parse_lex_only(Arena *a, DiagList *d, Source *src)
{
    File *f = arena_alloc(a, sizeof *f);
    f->src = src;
    LexState st = {.arena = a, .diags = d, .file = f, .src = src};
    yyscan_t scanner;
    if (pipe_yylex_init_extra(&st, &scanner) != 0)
        return -1;
    YY_BUFFER_STATE buf = scan_in_place(src, scanner);
    long n = 0;
    PIPE_YYSTYPE v;
    Span loc;
    while (pipe_yylex(&v, &loc, scanner) != TOK_YYEOF)
        n++;
    pipe_yy_restore_text(scanner);
    pipe_yy_delete_buffer(buf, scanner);
    pipe_yylex_destroy(scanner);
    lex_state_release(&st);
    return n;
}
