/* Pipe grammar: pure, with locations (byte spans), LAC and custom error
 * messages. Actions only build the tree through small helpers; every check
 * that needs the catalog belongs to the checker. */
%require "3.6"

%code requires {
#include "ast.h"
#include "lexstate.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                     \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;           \
        }                                                             \
    } while (0)
}

%code provides {
int pipe_yylex(PIPE_YYSTYPE *yylval, Span *yylloc, yyscan_t scanner);
LexState *pipe_yyget_extra(yyscan_t scanner);
}

%code {
#include <string.h>

#include "strbuf.h"

/* The parser's own copy of yyextra: a call into the scanner for it in
 * every action showed in the profile of large files. */
#define ST (lexstate)
#define A (ST->arena)

static void pipe_yyerror(Span *loc, yyscan_t scanner, LexState *lexstate, const char *msg);
static Ends *ends_one(Arena *a, const char *name, Span span);
static Stmt *make_flow(Arena *a, Ends *first, Span arrow, Ends *next, Span span);
static void add_hop(Arena *a, Stmt *flow, Span arrow, Ends *next);
static void item_member(Arena *a, Item *it, void *member, bool is_prop);
static void push_stmt(Arena *a, PtrVec *v, Stmt *s);

/* What the checker sizes its tables by, counted here so that it need not
 * walk the whole tree once more for it (Item.ncomponents, Item.nhops). */
static void count_hops(LexState *st, const Ends *left, const Ends *right)
{
    st->nhops += (long long)left->names.n * right->names.n;
}
}

%define api.prefix {pipe_yy}
%define api.pure full
%define api.location.type {Span}
%define api.header.include {"parser.h"}
%define api.token.prefix {TOK_}
%define api.value.type union
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {LexState *lexstate}

%token PIPELINE "pipeline" GROUP "group" IMPORT "import" SERVICE "service"
%token LINK "link" VIA "via" FAMILY "family" TYPE "type" TRUE "true" FALSE "false"
%token ARROW "->" DOTDOT ".." NEWLINE "end of line"
%token <const char *> IDENT "name"
/* A string is its unescaped text: most are labels and titles, which need
 * no Value (a large file has hundreds of thousands). */
%token <const char *> STRING "string"
%token <Value *> INT "integer" NUMBER "number" DURATION "duration" SIZE "size"

%type <Item *> item import pipeline service link family typedecl category members
%type <Stmt *> stmt component flow group chain
%type <PtrVec> stmts names
%type <Setting *> setting
%type <Block *> block opt_block settings
%type <Value *> value scalar list values
%type <Ends *> ends
%type <const char *> opt_title
%type <PropDecl *> propdecl
%type <TypeExpr *> texpr targ targs
%type <Value *> opt_default

%%

file
    : items
    ;

items
    : item_opt
    | items sep item_opt
    ;

item_opt
    : %empty
    | item   { vec_push(A, &ST->file->items, $1); }
    | error
    ;

sep : NEWLINE | ';' ;
bsep : NEWLINE | ';' | ',' ;

item : import | pipeline | service | link | family | typedecl | category ;

import
    : "import" STRING
        { $$ = ast_item(A, IT_IMPORT, @$); $$->title = $2; $$->title_span = @2; }
    ;

opt_title
    : %empty   { $$ = NULL; }
    | STRING   { $$ = $1; }
    ;

/* pipeline -> "pipeline" IDENT STRING? "{" stmts "}" */
pipeline
    : "pipeline" IDENT opt_title '{' stmts '}'
        {
          $$ = ast_item(A, IT_PIPELINE, @$);
          $$->name = (Ident){$2, @2};
          $$->title = $3;
          $$->title_span = @3;
          $$->body = $5;
          $$->ncomponents = ST->ncomponents;
          $$->nhops = ST->nhops;
          ST->ncomponents = 0;
          ST->nhops = 0;
        }
    ;

stmts
    : stmt_opt_first          { $$ = (PtrVec){0}; }
    | stmt                    { $$ = (PtrVec){0}; push_stmt(A, &$$, $1); }
    | stmts sep stmt          { $$ = $1; push_stmt(A, &$$, $3); }
    | stmts sep stmt_empty    { $$ = $1; }
    ;

stmt_opt_first : %empty | error ;
stmt_empty : %empty | error ;

stmt
    : setting     { $$ = ast_stmt(A, ST_SETTING, @$); $$->setting = $1; }
    | component
    | flow
    | group
    ;

/* component -> IDENT ":" IDENT STRING? block? */
component
    : IDENT ':' IDENT opt_title opt_block
        {
          $$ = ast_stmt(A, ST_COMPONENT, @$);
          $$->name = (Ident){$1, @1};
          $$->service = (Ident){$3, @3};
          $$->label = $4;
          $$->label_span = @4;
          $$->block = $5;
          ST->ncomponents++;
        }
    ;

/* group -> "group" IDENT STRING? "{" stmts "}" */
group
    : "group" IDENT opt_title '{' stmts '}'
        {
          $$ = ast_stmt(A, ST_GROUP, @$);
          $$->name = (Ident){$2, @2};
          $$->label = $3;
          $$->label_span = @3;
          $$->body = $5;
        }
    ;

/* flow -> ends ("->" ends)+ block? */
flow
    : chain opt_block   { $$ = $1; $$->block = $2; $$->span = @$; }
    ;

chain
    : ends "->" ends    { $$ = make_flow(A, $1, @2, $3, @$); count_hops(ST, $1, $3); }
    | chain "->" ends   { $$ = $1; count_hops(ST, $$->ends.items[$$->ends.n - 1], $3); add_hop(A, $$, @2, $3); }
    ;

ends
    : IDENT               { $$ = ends_one(A, $1, @1); }
    | '[' names ']'       { $$ = arena_alloc(A, sizeof *$$); $$->names = $2; $$->bracketed = true; $$->span = @$; }
    | '[' names ',' ']'   { $$ = arena_alloc(A, sizeof *$$); $$->names = $2; $$->bracketed = true; $$->span = @$; }
    ;

names
    : IDENT               { $$ = (PtrVec){0}; vec_push(A, &$$, ast_ident(A, $1, @1)); }
    | names ',' IDENT     { $$ = $1; vec_push(A, &$$, ast_ident(A, $3, @3)); }
    ;

setting
    : IDENT '=' value
        { $$ = arena_alloc(A, sizeof *$$); $$->name = (Ident){$1, @1}; $$->value = $3; $$->span = @$; }
    ;

opt_block
    : %empty   { $$ = NULL; }
    | block
    ;

/* block -> "{" (setting (("," | ";" | NEWLINE) setting)*)? "}" */
block
    : '{' settings '}'    { $$ = $2; $$->span = @$; }
    ;

settings
    : setting_empty          { $$ = arena_alloc(A, sizeof *$$); }
    | setting                { $$ = arena_alloc(A, sizeof *$$); vec_push(A, &$$->settings, $1); }
    | settings bsep setting  { $$ = $1; vec_push(A, &$$->settings, $3); }
    | settings bsep setting_empty { $$ = $1; }
    ;

setting_empty : %empty | error ;

scalar : INT | NUMBER | DURATION | SIZE ;

value
    : scalar
    | scalar ".." scalar  { $$ = ast_value(A, V_RANGE, @$); $$->lo = $1; $$->hi = $3; }
    | STRING              { $$ = ast_value(A, V_STRING, @$); $$->str = $1; }
    | "true"              { $$ = ast_value(A, V_BOOL, @$); $$->i = 1; }
    | "false"             { $$ = ast_value(A, V_BOOL, @$); $$->i = 0; }
    | IDENT               { $$ = ast_value(A, V_IDENT, @$); $$->str = $1; }
    | list
    | block               { $$ = ast_value(A, V_BLOCK, @$); $$->block = $1; }
    ;

list
    : '[' ']'             { $$ = ast_value(A, V_LIST, @$); }
    | '[' values ']'      { $$ = $2; $$->span = @$; }
    | '[' values ',' ']'  { $$ = $2; $$->span = @$; }
    ;

values
    : value               { $$ = ast_value(A, V_LIST, @$); vec_push(A, &$$->list, $1); }
    | values ',' value    { $$ = $1; vec_push(A, &$$->list, $3); }
    ;

/* service -> "service" IDENT STRING? "{" (setting | propdecl)* "}" */
service
    : "service" IDENT opt_title '{' members '}'
        { $$ = $5; $$->kind = IT_SERVICE; $$->span = @$; $$->name = (Ident){$2, @2};
          $$->title = $3; $$->title_span = @3; }
    ;

/* type -> "type" IDENT "{" propdecl* "}" */
typedecl
    : "type" IDENT '{' members '}'
        { $$ = $4; $$->kind = IT_TYPE; $$->span = @$; $$->name = (Ident){$2, @2}; }
    ;

members
    : member_empty              { $$ = ast_item(A, IT_SERVICE, @$); }
    | setting                   { $$ = ast_item(A, IT_SERVICE, @$); item_member(A, $$, $1, false); }
    | propdecl                  { $$ = ast_item(A, IT_SERVICE, @$); item_member(A, $$, $1, true); }
    | members bsep setting      { $$ = $1; item_member(A, $$, $3, false); }
    | members bsep propdecl     { $$ = $1; item_member(A, $$, $3, true); }
    | members bsep member_empty { $$ = $1; }
    ;

member_empty : %empty | error ;

propdecl
    : IDENT ':' texpr opt_default
        { $$ = arena_alloc(A, sizeof *$$); $$->name = (Ident){$1, @1}; $$->type = $3;
          $$->deflt = $4; $$->span = @$; }
    ;

opt_default
    : %empty      { $$ = NULL; }
    | '=' value   { $$ = $2; }
    ;

texpr
    : IDENT                  { $$ = arena_alloc(A, sizeof *$$); $$->name = (Ident){$1, @1}; $$->span = @$; }
    | IDENT '(' targs ')'    { $$ = $3; $$->name = (Ident){$1, @1}; $$->span = @$; }
    ;

targs
    : targ                   { $$ = arena_alloc(A, sizeof *$$); vec_push(A, &$$->args, $1); }
    | targs ',' targ         { $$ = $1; vec_push(A, &$$->args, $3); }
    ;

targ
    : texpr
    | STRING                 { $$ = arena_alloc(A, sizeof *$$); $$->name = (Ident){$1, @1};
                               $$->is_string = true; $$->span = @$; }
    | scalar ".." scalar     { $$ = arena_alloc(A, sizeof *$$); $$->is_bound = true; $$->lo = $1; $$->hi = $3; $$->span = @$; }
    | scalar ".."            { $$ = arena_alloc(A, sizeof *$$); $$->is_bound = true; $$->lo = $1; $$->span = @$; }
    | ".." scalar            { $$ = arena_alloc(A, sizeof *$$); $$->is_bound = true; $$->hi = $2; $$->span = @$; }
    ;

/* link -> "link" ends "->" ends "via" STRING block? */
link
    : "link" ends "->" ends "via" STRING opt_block
        { $$ = ast_item(A, IT_LINK, @$); $$->from = $2; $$->to = $4; $$->title = $6;
          $$->title_span = @6; $$->block = $7; }
    ;

/* family -> "family" IDENT STRING? "[" names "]" block? */
family
    : "family" IDENT opt_title '[' names ']' opt_block
        { $$ = ast_item(A, IT_FAMILY, @$); $$->name = (Ident){$2, @2}; $$->title = $3;
          $$->title_span = @3; $$->members = $5; $$->block = $7; }
    ;

/* category -> "category" IDENT STRING? block?   ("category" is not reserved) */
category
    : IDENT IDENT opt_title opt_block
        {
          if (strcmp($1, "category") != 0) {
              Diagnostic *g = diag_add(ST->diags, SEV_ERROR, "E101", ST->src, @1,
                                       "unexpected name '%s' at the top level", $1);
              diag_help(ST->diags, g, "components, flows and settings go inside `pipeline NAME { ... }`");
          }
          $$ = ast_item(A, IT_CATEGORY, @$); $$->name = (Ident){$2, @2}; $$->title = $3;
          $$->title_span = @3; $$->block = $4;
        }
    ;

%%

/* The usual end, one name: the Ends, its Ident and its one-slot list in a
 * single allocation (a large file has millions). */
static Ends *ends_one(Arena *a, const char *name, Span span)
{
    struct {
        Ends e;
        Ident id;
        void *slot[1];
    } *one = arena_alloc(a, sizeof *one);
    one->id = (Ident){name, span};
    one->slot[0] = &one->id;
    one->e.names = (PtrVec){one->slot, 1, 1};
    one->e.span = span;
    return &one->e;
}

static void add_hop(Arena *a, Stmt *flow, Span arrow, Ends *next)
{
    next->arrow = arrow;
    vec_push(a, &flow->ends, next);
}

static Stmt *make_flow(Arena *a, Ends *first, Span arrow, Ends *next, Span span)
{
    Stmt *s = ast_stmt(a, ST_FLOW, span);
    vec_push(a, &s->ends, first);
    add_hop(a, s, arrow, next);
    return s;
}

static void item_member(Arena *a, Item *it, void *member, bool is_prop)
{
    vec_push(a, is_prop ? &it->props : &it->meta, member);
}

static void push_stmt(Arena *a, PtrVec *v, Stmt *s)
{
    vec_push(a, v, s);
}

static void pipe_yyerror(Span *loc, yyscan_t scanner, LexState *lexstate, const char *msg)
{
    (void)scanner;
    LexState *st = ST;
    if (st->quick)
        st->failed = true;
    if (st->aborted || st->quick)
        return;
    diag_add(st->diags, SEV_ERROR, "E101", st->src, *loc, "%s", msg);
}

/* How a token is named in "unexpected X, expected Y". */
static const char *token_desc(yysymbol_kind_t sym, bool after_arrow)
{
    switch (sym) {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_NEWLINE: return "end of line";
    case YYSYMBOL_IDENT: return after_arrow ? "a component name" : "a name";
    case YYSYMBOL_STRING: return "a string";
    case YYSYMBOL_INT: return "an integer";
    case YYSYMBOL_NUMBER: return "a number";
    case YYSYMBOL_DURATION: return "a duration";
    case YYSYMBOL_SIZE: return "a size";
    default: return NULL;
    }
}

/* ';' has no name of its own in the symbol table. */
#define SEMICOLON_SYMBOL YYTRANSLATE(';')

static void describe(StrBuf *b, yysymbol_kind_t sym, bool after_arrow)
{
    const char *d = token_desc(sym, after_arrow);
    const char *name = yysymbol_name(sym);
    size_t n = strlen(name);
    if (d)
        sb_puts(b, d);
    else if (name[0] != '\'' && n > 0) /* bison >= 3.6 spells "->" and keywords bare */
        sb_printf(b, "'%s'", name);
    else
        sb_puts(b, name); /* '{' is already quoted */
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, LexState *lexstate)
{
    (void)scanner;
    LexState *st = ST;
    if (st->quick) {
        st->failed = true;
        return 2; /* stop now: parse_source parses again, with LAC */
    }
    if (st->aborted)
        return 0;
    Span loc = *yypcontext_location(ctx);
    yysymbol_kind_t bad = yypcontext_token(ctx);
    bool after_arrow = st->last_token == TOK_ARROW;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "unexpected ");
    if (bad == YYSYMBOL_IDENT || (bad >= YYSYMBOL_PIPELINE && bad <= YYSYMBOL_FALSE))
        sb_printf(&b, "'%.*s'", (int)(loc.end - loc.start), st->src->text + loc.start);
    else
        describe(&b, bad, false);

    yysymbol_kind_t expected[8];
    int n = yypcontext_expected_tokens(ctx, expected, 8);
    int shown = 0;
    bool has_newline = false;
    for (int i = 0; i < n; i++)
        has_newline |= expected[i] == YYSYMBOL_NEWLINE;
    if (n > 0 && n <= 6) {
        sb_puts(&b, ", expected ");
        for (int i = 0; i < n; i++) {
            if (expected[i] == YYSYMBOL_YYerror || (has_newline && expected[i] == SEMICOLON_SYMBOL))
                continue;
            if (shown)
                sb_puts(&b, i == n - 1 ? " or " : ", ");
            describe(&b, expected[i], after_arrow);
            shown++;
        }
    }
    /* Lua's "to close '{' at line N": name where an open bracket began. */
    const Delim *open = st->depth > 0 ? &st->stack[st->depth - 1] : NULL;
    if (open && bad == YYSYMBOL_YYEOF) {
        Pos p = source_pos(st->src, open->span.start);
        sb_printf(&b, " (to close '%c' at line %d)", open->open, p.line);
    }
    Diagnostic *g = diag_add(st->diags, SEV_ERROR, "E101", st->src, loc, "%s", b.data);
    if (g && open && bad == YYSYMBOL_YYEOF)
        diag_note_at(st->diags, g, st->src, open->span, "'%c' opened here", open->open);
    sb_free(&b);
    return 0;
}
