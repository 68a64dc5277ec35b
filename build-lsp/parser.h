/* A Bison parser, made by GNU Bison 3.8.2.  */

/* Bison interface for Yacc-like parsers in C

   Copyright (C) 1984, 1989-1990, 2000-2015, 2018-2021 Free Software Foundation,
   Inc.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

/* As a special exception, you may create a larger work that contains
   part or all of the Bison parser skeleton and distribute that work
   under terms of your choice, so long as that work isn't itself a
   parser generator using the skeleton or a modified version thereof
   as a parser skeleton.  Alternatively, if you modify or redistribute
   the parser skeleton itself, you may (at your option) remove this
   special exception, which will cause the skeleton and the resulting
   Bison output files to be licensed under the GNU General Public
   License without this special exception.

   This special exception was added by the Free Software Foundation in
   version 2.2 of Bison.  */

/* DO NOT RELY ON FEATURES THAT ARE NOT DOCUMENTED in the manual,
   especially those whose name start with YY_ or yy_.  They are
   private implementation details that can be changed or removed.  */

#ifndef YY_PIPE_YY_BUILD_LSP_PARSER_H_INCLUDED
# define YY_PIPE_YY_BUILD_LSP_PARSER_H_INCLUDED
/* Debug traces.  */
#ifndef PIPE_YYDEBUG
# if defined YYDEBUG
#if YYDEBUG
#   define PIPE_YYDEBUG 1
#  else
#   define PIPE_YYDEBUG 0
#  endif
# else /* ! defined YYDEBUG */
#  define PIPE_YYDEBUG 0
# endif /* ! defined YYDEBUG */
#endif  /* ! defined PIPE_YYDEBUG */
#if PIPE_YYDEBUG
extern int pipe_yydebug;
#endif
/* "%code requires" blocks.  */
#line 6 "grammar/parser.y"

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

#line 75 "build-lsp/parser.h"

/* Token kinds.  */
#ifndef PIPE_YYTOKENTYPE
# define PIPE_YYTOKENTYPE
  enum pipe_yytokentype
  {
    TOK_PIPE_YYEMPTY = -2,
    TOK_YYEOF = 0,                 /* "end of file"  */
    TOK_PIPE_YYerror = 256,        /* error  */
    TOK_PIPE_YYUNDEF = 257,        /* "invalid token"  */
    TOK_PIPELINE = 258,            /* "pipeline"  */
    TOK_GROUP = 259,               /* "group"  */
    TOK_IMPORT = 260,              /* "import"  */
    TOK_SERVICE = 261,             /* "service"  */
    TOK_LINK = 262,                /* "link"  */
    TOK_VIA = 263,                 /* "via"  */
    TOK_FAMILY = 264,              /* "family"  */
    TOK_TYPE = 265,                /* "type"  */
    TOK_TRUE = 266,                /* "true"  */
    TOK_FALSE = 267,               /* "false"  */
    TOK_ARROW = 268,               /* "->"  */
    TOK_DOTDOT = 269,              /* ".."  */
    TOK_NEWLINE = 270,             /* "end of line"  */
    TOK_IDENT = 271,               /* "name"  */
    TOK_STRING = 272,              /* "string"  */
    TOK_INT = 273,                 /* "integer"  */
    TOK_NUMBER = 274,              /* "number"  */
    TOK_DURATION = 275,            /* "duration"  */
    TOK_SIZE = 276                 /* "size"  */
  };
  typedef enum pipe_yytokentype pipe_yytoken_kind_t;
#endif

/* Value type.  */
#if ! defined PIPE_YYSTYPE && ! defined PIPE_YYSTYPE_IS_DECLARED
union PIPE_YYSTYPE
{
  Block * TOK_opt_block;                   /* opt_block  */
  Block * TOK_block;                       /* block  */
  Block * TOK_settings;                    /* settings  */
  Ends * TOK_ends;                         /* ends  */
  Item * TOK_item;                         /* item  */
  Item * TOK_import;                       /* import  */
  Item * TOK_pipeline;                     /* pipeline  */
  Item * TOK_service;                      /* service  */
  Item * TOK_typedecl;                     /* typedecl  */
  Item * TOK_members;                      /* members  */
  Item * TOK_link;                         /* link  */
  Item * TOK_family;                       /* family  */
  Item * TOK_category;                     /* category  */
  PropDecl * TOK_propdecl;                 /* propdecl  */
  PtrVec TOK_stmts;                        /* stmts  */
  PtrVec TOK_names;                        /* names  */
  Setting * TOK_setting;                   /* setting  */
  Stmt * TOK_stmt;                         /* stmt  */
  Stmt * TOK_component;                    /* component  */
  Stmt * TOK_group;                        /* group  */
  Stmt * TOK_flow;                         /* flow  */
  Stmt * TOK_chain;                        /* chain  */
  TypeExpr * TOK_texpr;                    /* texpr  */
  TypeExpr * TOK_targs;                    /* targs  */
  TypeExpr * TOK_targ;                     /* targ  */
  Value * TOK_STRING;                      /* "string"  */
  Value * TOK_INT;                         /* "integer"  */
  Value * TOK_NUMBER;                      /* "number"  */
  Value * TOK_DURATION;                    /* "duration"  */
  Value * TOK_SIZE;                        /* "size"  */
  Value * TOK_scalar;                      /* scalar  */
  Value * TOK_value;                       /* value  */
  Value * TOK_list;                        /* list  */
  Value * TOK_values;                      /* values  */
  Value * TOK_opt_default;                 /* opt_default  */
  const char * TOK_IDENT;                  /* "name"  */
  const char * TOK_opt_title;              /* opt_title  */

#line 151 "build-lsp/parser.h"

};
typedef union PIPE_YYSTYPE PIPE_YYSTYPE;
# define PIPE_YYSTYPE_IS_TRIVIAL 1
# define PIPE_YYSTYPE_IS_DECLARED 1
#endif

/* Location type.  */
typedef Span PIPE_YYLTYPE;




int pipe_yyparse (yyscan_t scanner);

/* "%code provides" blocks.  */
#line 24 "grammar/parser.y"

int pipe_yylex(PIPE_YYSTYPE *yylval, Span *yylloc, yyscan_t scanner);
LexState *pipe_yyget_extra(yyscan_t scanner);

#line 173 "build-lsp/parser.h"

#endif /* !YY_PIPE_YY_BUILD_LSP_PARSER_H_INCLUDED  */
