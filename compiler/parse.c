/* The parse driver: scanner set-up, parse, tear-down (Graphviz's agconcat). */
#include "parse.h"

#include "lexstate.h"
#include "parser.h"
#define YYSTYPE PIPE_YYSTYPE
#define YYLTYPE Span
#include "lexer.h"

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
    YY_BUFFER_STATE buf = pipe_yy_scan_bytes(src->text, (int)src->len, scanner);
    pipe_yyparse(scanner);
    pipe_yy_delete_buffer(buf, scanner);
    pipe_yylex_destroy(scanner);
    f->nerrors = diag_errors_in(d, src) - before;
    return f;
}
