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

File *parse_source(Arena *a, DiagList *d, Source *src)
{
    File *f = arena_alloc(a, sizeof *f);
    f->src = src;
    LexState st = {.arena = a, .diags = d, .file = f, .src = src};
    yyscan_t scanner;
    if (pipe_yylex_init_extra(&st, &scanner) != 0) {
        diag_add(d, SEV_ERROR, "E101", src, (Span){0, 0}, "cannot start the scanner");
        f->nerrors = 1;
        return f;
    }
    int before = diag_errors_in(d, src);
    YY_BUFFER_STATE buf = scan_in_place(src, scanner);
    pipe_yyparse(scanner);
    pipe_yy_restore_text(scanner);
    pipe_yy_delete_buffer(buf, scanner);
    pipe_yylex_destroy(scanner);
    f->nerrors = diag_errors_in(d, src) - before;
    return f;
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
    return n;
}
