/* A Bison parser, made by GNU Bison 3.8.2.  */

/* Bison implementation for Yacc-like parsers in C

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

/* C LALR(1) parser skeleton written by Richard Stallman, by
   simplifying the original so-called "semantic" parser.  */

/* DO NOT RELY ON FEATURES THAT ARE NOT DOCUMENTED in the manual,
   especially those whose name start with YY_ or yy_.  They are
   private implementation details that can be changed or removed.  */

/* All symbols defined below should begin with yy or YY, to avoid
   infringing on user name space.  This should be done even for local
   variables, as they might otherwise be expanded by user macros.
   There are some unavoidable exceptions within include files to
   define necessary library symbols; they are noted "INFRINGES ON
   USER NAME SPACE" below.  */

/* Identify Bison output, and Bison version.  */
#define YYBISON 30802

/* Bison version string.  */
#define YYBISON_VERSION "3.8.2"

/* Skeleton name.  */
#define YYSKELETON_NAME "yacc.c"

/* Pure parsers.  */
#define YYPURE 2

/* Push parsers.  */
#define YYPUSH 0

/* Pull parsers.  */
#define YYPULL 1

/* Substitute the type names.  */
#define YYSTYPE         PIPE_YYSTYPE
#define YYLTYPE         PIPE_YYLTYPE
/* Substitute the variable and function names.  */
#define yyparse         pipe_yyparse
#define yylex           pipe_yylex
#define yyerror         pipe_yyerror
#define yydebug         pipe_yydebug
#define yynerrs         pipe_yynerrs


# ifndef YY_CAST
#  ifdef __cplusplus
#   define YY_CAST(Type, Val) static_cast<Type> (Val)
#   define YY_REINTERPRET_CAST(Type, Val) reinterpret_cast<Type> (Val)
#  else
#   define YY_CAST(Type, Val) ((Type) (Val))
#   define YY_REINTERPRET_CAST(Type, Val) ((Type) (Val))
#  endif
# endif
# ifndef YY_NULLPTR
#  if defined __cplusplus
#   if 201103L <= __cplusplus
#    define YY_NULLPTR nullptr
#   else
#    define YY_NULLPTR 0
#   endif
#  else
#   define YY_NULLPTR ((void*)0)
#  endif
# endif

#include "parser.h"
/* Symbol kind.  */
enum yysymbol_kind_t
{
  YYSYMBOL_YYEMPTY = -2,
  YYSYMBOL_YYEOF = 0,                      /* "end of file"  */
  YYSYMBOL_YYerror = 1,                    /* error  */
  YYSYMBOL_YYUNDEF = 2,                    /* "invalid token"  */
  YYSYMBOL_PIPELINE = 3,                   /* "pipeline"  */
  YYSYMBOL_GROUP = 4,                      /* "group"  */
  YYSYMBOL_IMPORT = 5,                     /* "import"  */
  YYSYMBOL_SERVICE = 6,                    /* "service"  */
  YYSYMBOL_LINK = 7,                       /* "link"  */
  YYSYMBOL_VIA = 8,                        /* "via"  */
  YYSYMBOL_FAMILY = 9,                     /* "family"  */
  YYSYMBOL_TYPE = 10,                      /* "type"  */
  YYSYMBOL_TRUE = 11,                      /* "true"  */
  YYSYMBOL_FALSE = 12,                     /* "false"  */
  YYSYMBOL_ARROW = 13,                     /* "->"  */
  YYSYMBOL_DOTDOT = 14,                    /* ".."  */
  YYSYMBOL_NEWLINE = 15,                   /* "end of line"  */
  YYSYMBOL_IDENT = 16,                     /* "name"  */
  YYSYMBOL_STRING = 17,                    /* "string"  */
  YYSYMBOL_INT = 18,                       /* "integer"  */
  YYSYMBOL_NUMBER = 19,                    /* "number"  */
  YYSYMBOL_DURATION = 20,                  /* "duration"  */
  YYSYMBOL_SIZE = 21,                      /* "size"  */
  YYSYMBOL_22_ = 22,                       /* ';'  */
  YYSYMBOL_23_ = 23,                       /* ','  */
  YYSYMBOL_24_ = 24,                       /* '{'  */
  YYSYMBOL_25_ = 25,                       /* '}'  */
  YYSYMBOL_26_ = 26,                       /* ':'  */
  YYSYMBOL_27_ = 27,                       /* '['  */
  YYSYMBOL_28_ = 28,                       /* ']'  */
  YYSYMBOL_29_ = 29,                       /* '='  */
  YYSYMBOL_30_ = 30,                       /* '('  */
  YYSYMBOL_31_ = 31,                       /* ')'  */
  YYSYMBOL_YYACCEPT = 32,                  /* $accept  */
  YYSYMBOL_file = 33,                      /* file  */
  YYSYMBOL_items = 34,                     /* items  */
  YYSYMBOL_item_opt = 35,                  /* item_opt  */
  YYSYMBOL_sep = 36,                       /* sep  */
  YYSYMBOL_bsep = 37,                      /* bsep  */
  YYSYMBOL_item = 38,                      /* item  */
  YYSYMBOL_import = 39,                    /* import  */
  YYSYMBOL_opt_title = 40,                 /* opt_title  */
  YYSYMBOL_pipeline = 41,                  /* pipeline  */
  YYSYMBOL_stmts = 42,                     /* stmts  */
  YYSYMBOL_stmt_opt_first = 43,            /* stmt_opt_first  */
  YYSYMBOL_stmt_empty = 44,                /* stmt_empty  */
  YYSYMBOL_stmt = 45,                      /* stmt  */
  YYSYMBOL_component = 46,                 /* component  */
  YYSYMBOL_group = 47,                     /* group  */
  YYSYMBOL_flow = 48,                      /* flow  */
  YYSYMBOL_chain = 49,                     /* chain  */
  YYSYMBOL_ends = 50,                      /* ends  */
  YYSYMBOL_names = 51,                     /* names  */
  YYSYMBOL_setting = 52,                   /* setting  */
  YYSYMBOL_opt_block = 53,                 /* opt_block  */
  YYSYMBOL_block = 54,                     /* block  */
  YYSYMBOL_settings = 55,                  /* settings  */
  YYSYMBOL_setting_empty = 56,             /* setting_empty  */
  YYSYMBOL_scalar = 57,                    /* scalar  */
  YYSYMBOL_value = 58,                     /* value  */
  YYSYMBOL_list = 59,                      /* list  */
  YYSYMBOL_values = 60,                    /* values  */
  YYSYMBOL_service = 61,                   /* service  */
  YYSYMBOL_typedecl = 62,                  /* typedecl  */
  YYSYMBOL_members = 63,                   /* members  */
  YYSYMBOL_member_empty = 64,              /* member_empty  */
  YYSYMBOL_propdecl = 65,                  /* propdecl  */
  YYSYMBOL_opt_default = 66,               /* opt_default  */
  YYSYMBOL_texpr = 67,                     /* texpr  */
  YYSYMBOL_targs = 68,                     /* targs  */
  YYSYMBOL_targ = 69,                      /* targ  */
  YYSYMBOL_link = 70,                      /* link  */
  YYSYMBOL_family = 71,                    /* family  */
  YYSYMBOL_category = 72                   /* category  */
};
typedef enum yysymbol_kind_t yysymbol_kind_t;



/* Unqualified %code blocks.  */
#line 29 "grammar/parser.y"

#include <string.h>

#include "strbuf.h"

#define ST (pipe_yyget_extra(scanner))
#define A (ST->arena)

static void pipe_yyerror(Span *loc, yyscan_t scanner, const char *msg);
static Ends *ends_one(Arena *a, const char *name, Span span);
static Stmt *make_flow(Arena *a, Ends *first, Span arrow, Ends *next, Span span);
static void add_hop(Arena *a, Stmt *flow, Span arrow, Ends *next);
static void item_member(Arena *a, Item *it, void *member, bool is_prop);
static void push_stmt(Arena *a, PtrVec *v, Stmt *s);

#line 199 "build-lsp/parser.c"

#ifdef short
# undef short
#endif

/* On compilers that do not define __PTRDIFF_MAX__ etc., make sure
   <limits.h> and (if available) <stdint.h> are included
   so that the code can choose integer types of a good width.  */

#ifndef __PTRDIFF_MAX__
# include <limits.h> /* INFRINGES ON USER NAME SPACE */
# if defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stdint.h> /* INFRINGES ON USER NAME SPACE */
#  define YY_STDINT_H
# endif
#endif

/* Narrow types that promote to a signed type and that can represent a
   signed or unsigned integer of at least N bits.  In tables they can
   save space and decrease cache pressure.  Promoting to a signed type
   helps avoid bugs in integer arithmetic.  */

#ifdef __INT_LEAST8_MAX__
typedef __INT_LEAST8_TYPE__ yytype_int8;
#elif defined YY_STDINT_H
typedef int_least8_t yytype_int8;
#else
typedef signed char yytype_int8;
#endif

#ifdef __INT_LEAST16_MAX__
typedef __INT_LEAST16_TYPE__ yytype_int16;
#elif defined YY_STDINT_H
typedef int_least16_t yytype_int16;
#else
typedef short yytype_int16;
#endif

/* Work around bug in HP-UX 11.23, which defines these macros
   incorrectly for preprocessor constants.  This workaround can likely
   be removed in 2023, as HPE has promised support for HP-UX 11.23
   (aka HP-UX 11i v2) only through the end of 2022; see Table 2 of
   <https://h20195.www2.hpe.com/V2/getpdf.aspx/4AA4-7673ENW.pdf>.  */
#ifdef __hpux
# undef UINT_LEAST8_MAX
# undef UINT_LEAST16_MAX
# define UINT_LEAST8_MAX 255
# define UINT_LEAST16_MAX 65535
#endif

#if defined __UINT_LEAST8_MAX__ && __UINT_LEAST8_MAX__ <= __INT_MAX__
typedef __UINT_LEAST8_TYPE__ yytype_uint8;
#elif (!defined __UINT_LEAST8_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST8_MAX <= INT_MAX)
typedef uint_least8_t yytype_uint8;
#elif !defined __UINT_LEAST8_MAX__ && UCHAR_MAX <= INT_MAX
typedef unsigned char yytype_uint8;
#else
typedef short yytype_uint8;
#endif

#if defined __UINT_LEAST16_MAX__ && __UINT_LEAST16_MAX__ <= __INT_MAX__
typedef __UINT_LEAST16_TYPE__ yytype_uint16;
#elif (!defined __UINT_LEAST16_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST16_MAX <= INT_MAX)
typedef uint_least16_t yytype_uint16;
#elif !defined __UINT_LEAST16_MAX__ && USHRT_MAX <= INT_MAX
typedef unsigned short yytype_uint16;
#else
typedef int yytype_uint16;
#endif

#ifndef YYPTRDIFF_T
# if defined __PTRDIFF_TYPE__ && defined __PTRDIFF_MAX__
#  define YYPTRDIFF_T __PTRDIFF_TYPE__
#  define YYPTRDIFF_MAXIMUM __PTRDIFF_MAX__
# elif defined PTRDIFF_MAX
#  ifndef ptrdiff_t
#   include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  endif
#  define YYPTRDIFF_T ptrdiff_t
#  define YYPTRDIFF_MAXIMUM PTRDIFF_MAX
# else
#  define YYPTRDIFF_T long
#  define YYPTRDIFF_MAXIMUM LONG_MAX
# endif
#endif

#ifndef YYSIZE_T
# ifdef __SIZE_TYPE__
#  define YYSIZE_T __SIZE_TYPE__
# elif defined size_t
#  define YYSIZE_T size_t
# elif defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  define YYSIZE_T size_t
# else
#  define YYSIZE_T unsigned
# endif
#endif

#define YYSIZE_MAXIMUM                                  \
  YY_CAST (YYPTRDIFF_T,                                 \
           (YYPTRDIFF_MAXIMUM < YY_CAST (YYSIZE_T, -1)  \
            ? YYPTRDIFF_MAXIMUM                         \
            : YY_CAST (YYSIZE_T, -1)))

#define YYSIZEOF(X) YY_CAST (YYPTRDIFF_T, sizeof (X))


/* Stored state numbers (used for stacks). */
typedef yytype_uint8 yy_state_t;

/* State numbers in computations.  */
typedef int yy_state_fast_t;

#ifndef YY_
# if defined YYENABLE_NLS && YYENABLE_NLS
#  if ENABLE_NLS
#   include <libintl.h> /* INFRINGES ON USER NAME SPACE */
#   define YY_(Msgid) dgettext ("bison-runtime", Msgid)
#  endif
# endif
# ifndef YY_
#  define YY_(Msgid) Msgid
# endif
#endif


#ifndef YY_ATTRIBUTE_PURE
# if defined __GNUC__ && 2 < __GNUC__ + (96 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_PURE __attribute__ ((__pure__))
# else
#  define YY_ATTRIBUTE_PURE
# endif
#endif

#ifndef YY_ATTRIBUTE_UNUSED
# if defined __GNUC__ && 2 < __GNUC__ + (7 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_UNUSED __attribute__ ((__unused__))
# else
#  define YY_ATTRIBUTE_UNUSED
# endif
#endif

/* Suppress unused-variable warnings by "using" E.  */
#if ! defined lint || defined __GNUC__
# define YY_USE(E) ((void) (E))
#else
# define YY_USE(E) /* empty */
#endif

/* Suppress an incorrect diagnostic about yylval being uninitialized.  */
#if defined __GNUC__ && ! defined __ICC && 406 <= __GNUC__ * 100 + __GNUC_MINOR__
# if __GNUC__ * 100 + __GNUC_MINOR__ < 407
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")
# else
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")              \
    _Pragma ("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
# endif
# define YY_IGNORE_MAYBE_UNINITIALIZED_END      \
    _Pragma ("GCC diagnostic pop")
#else
# define YY_INITIAL_VALUE(Value) Value
#endif
#ifndef YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_END
#endif
#ifndef YY_INITIAL_VALUE
# define YY_INITIAL_VALUE(Value) /* Nothing. */
#endif

#if defined __cplusplus && defined __GNUC__ && ! defined __ICC && 6 <= __GNUC__
# define YY_IGNORE_USELESS_CAST_BEGIN                          \
    _Pragma ("GCC diagnostic push")                            \
    _Pragma ("GCC diagnostic ignored \"-Wuseless-cast\"")
# define YY_IGNORE_USELESS_CAST_END            \
    _Pragma ("GCC diagnostic pop")
#endif
#ifndef YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_END
#endif


#define YY_ASSERT(E) ((void) (0 && (E)))

#if 1

/* The parser invokes alloca or malloc; define the necessary symbols.  */

# ifdef YYSTACK_ALLOC
   /* Pacify GCC's 'empty if-body' warning.  */
#  define YYSTACK_FREE(Ptr) do { /* empty */; } while (0)
#  ifndef YYSTACK_ALLOC_MAXIMUM
    /* The OS might guarantee only one guard page at the bottom of the stack,
       and a page size can be as small as 4096 bytes.  So we cannot safely
       invoke alloca (N) if N exceeds 4096.  Use a slightly smaller number
       to allow for a few compiler-allocated temporary stack slots.  */
#   define YYSTACK_ALLOC_MAXIMUM 4032 /* reasonable circa 2006 */
#  endif
# else
#  define YYSTACK_ALLOC YYMALLOC
#  define YYSTACK_FREE YYFREE
#  ifndef YYSTACK_ALLOC_MAXIMUM
#   define YYSTACK_ALLOC_MAXIMUM YYSIZE_MAXIMUM
#  endif
#  if (defined __cplusplus && ! defined EXIT_SUCCESS \
       && ! ((defined YYMALLOC || defined malloc) \
             && (defined YYFREE || defined free)))
#   include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
#   ifndef EXIT_SUCCESS
#    define EXIT_SUCCESS 0
#   endif
#  endif
#  ifndef YYMALLOC
#   define YYMALLOC malloc
#   if ! defined malloc && ! defined EXIT_SUCCESS
void *malloc (YYSIZE_T); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
#  ifndef YYFREE
#   define YYFREE free
#   if ! defined free && ! defined EXIT_SUCCESS
void free (void *); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
# endif
# define YYCOPY_NEEDED 1
#endif /* 1 */

#if (! defined yyoverflow \
     && (! defined __cplusplus \
         || (defined PIPE_YYLTYPE_IS_TRIVIAL && PIPE_YYLTYPE_IS_TRIVIAL \
             && defined PIPE_YYSTYPE_IS_TRIVIAL && PIPE_YYSTYPE_IS_TRIVIAL)))

/* A type that is properly aligned for any stack member.  */
union yyalloc
{
  yy_state_t yyss_alloc;
  YYSTYPE yyvs_alloc;
  YYLTYPE yyls_alloc;
};

/* The size of the maximum gap between one aligned stack and the next.  */
# define YYSTACK_GAP_MAXIMUM (YYSIZEOF (union yyalloc) - 1)

/* The size of an array large to enough to hold all stacks, each with
   N elements.  */
# define YYSTACK_BYTES(N) \
     ((N) * (YYSIZEOF (yy_state_t) + YYSIZEOF (YYSTYPE) \
             + YYSIZEOF (YYLTYPE)) \
      + 2 * YYSTACK_GAP_MAXIMUM)

# define YYCOPY_NEEDED 1

/* Relocate STACK from its old location to the new one.  The
   local variables YYSIZE and YYSTACKSIZE give the old and new number of
   elements in the stack, and YYPTR gives the new location of the
   stack.  Advance YYPTR to a properly aligned location for the next
   stack.  */
# define YYSTACK_RELOCATE(Stack_alloc, Stack)                           \
    do                                                                  \
      {                                                                 \
        YYPTRDIFF_T yynewbytes;                                         \
        YYCOPY (&yyptr->Stack_alloc, Stack, yysize);                    \
        Stack = &yyptr->Stack_alloc;                                    \
        yynewbytes = yystacksize * YYSIZEOF (*Stack) + YYSTACK_GAP_MAXIMUM; \
        yyptr += yynewbytes / YYSIZEOF (*yyptr);                        \
      }                                                                 \
    while (0)

#endif

#if defined YYCOPY_NEEDED && YYCOPY_NEEDED
/* Copy COUNT objects from SRC to DST.  The source and destination do
   not overlap.  */
# ifndef YYCOPY
#  if defined __GNUC__ && 1 < __GNUC__
#   define YYCOPY(Dst, Src, Count) \
      __builtin_memcpy (Dst, Src, YY_CAST (YYSIZE_T, (Count)) * sizeof (*(Src)))
#  else
#   define YYCOPY(Dst, Src, Count)              \
      do                                        \
        {                                       \
          YYPTRDIFF_T yyi;                      \
          for (yyi = 0; yyi < (Count); yyi++)   \
            (Dst)[yyi] = (Src)[yyi];            \
        }                                       \
      while (0)
#  endif
# endif
#endif /* !YYCOPY_NEEDED */

/* YYFINAL -- State number of the termination state.  */
#define YYFINAL  29
/* YYLAST -- Last index in YYTABLE.  */
#define YYLAST   187

/* YYNTOKENS -- Number of terminals.  */
#define YYNTOKENS  32
/* YYNNTS -- Number of nonterminals.  */
#define YYNNTS  41
/* YYNRULES -- Number of rules.  */
#define YYNRULES  97
/* YYNSTATES -- Number of states.  */
#define YYNSTATES  159

/* YYMAXUTOK -- Last valid token kind.  */
#define YYMAXUTOK   276


/* YYTRANSLATE(TOKEN-NUM) -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex, with out-of-bounds checking.  */
#define YYTRANSLATE(YYX)                                \
  (0 <= (YYX) && (YYX) <= YYMAXUTOK                     \
   ? YY_CAST (yysymbol_kind_t, yytranslate[YYX])        \
   : YYSYMBOL_YYUNDEF)

/* YYTRANSLATE[TOKEN-NUM] -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex.  */
static const yytype_int8 yytranslate[] =
{
       0,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
      30,    31,     2,     2,    23,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,    26,    22,
       2,    29,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,    27,     2,    28,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,    24,     2,    25,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     1,     2,     3,     4,
       5,     6,     7,     8,     9,    10,    11,    12,    13,    14,
      15,    16,    17,    18,    19,    20,    21
};

#if PIPE_YYDEBUG
/* YYRLINE[YYN] -- Source line where rule number YYN was defined.  */
static const yytype_int16 yyrline[] =
{
       0,    78,    78,    82,    83,    87,    88,    89,    92,    92,
      93,    93,    93,    95,    95,    95,    95,    95,    95,    95,
      98,   103,   104,   109,   120,   121,   122,   123,   126,   126,
     127,   127,   130,   131,   132,   133,   138,   151,   163,   167,
     168,   172,   173,   174,   178,   179,   183,   188,   189,   194,
     198,   199,   200,   201,   204,   204,   206,   206,   206,   206,
     209,   210,   211,   212,   213,   214,   215,   216,   220,   221,
     222,   226,   227,   232,   239,   244,   245,   246,   247,   248,
     249,   252,   252,   255,   261,   262,   266,   267,   271,   272,
     276,   277,   279,   280,   281,   286,   293,   300
};
#endif

/** Accessing symbol of state STATE.  */
#define YY_ACCESSING_SYMBOL(State) YY_CAST (yysymbol_kind_t, yystos[State])

#if 1
/* The user-facing name of the symbol whose (internal) number is
   YYSYMBOL.  No bounds checking.  */
static const char *yysymbol_name (yysymbol_kind_t yysymbol) YY_ATTRIBUTE_UNUSED;

static const char *
yysymbol_name (yysymbol_kind_t yysymbol)
{
  static const char *const yy_sname[] =
  {
  "end of file", "error", "invalid token", "pipeline", "group", "import",
  "service", "link", "via", "family", "type", "true", "false", "->", "..",
  "end of line", "name", "string", "integer", "number", "duration", "size",
  "';'", "','", "'{'", "'}'", "':'", "'['", "']'", "'='", "'('", "')'",
  "$accept", "file", "items", "item_opt", "sep", "bsep", "item", "import",
  "opt_title", "pipeline", "stmts", "stmt_opt_first", "stmt_empty", "stmt",
  "component", "group", "flow", "chain", "ends", "names", "setting",
  "opt_block", "block", "settings", "setting_empty", "scalar", "value",
  "list", "values", "service", "typedecl", "members", "member_empty",
  "propdecl", "opt_default", "texpr", "targs", "targ", "link", "family",
  "category", YY_NULLPTR
  };
  return yy_sname[yysymbol];
}
#endif

#define YYPACT_NINF (-101)

#define yypact_value_is_default(Yyn) \
  ((Yyn) == YYPACT_NINF)

#define YYTABLE_NINF (-82)

#define yytable_value_is_error(Yyn) \
  0

/* YYPACT[STATE-NUM] -- Index in YYTABLE of the portion describing
   STATE-NUM.  */
static const yytype_int16 yypact[] =
{
     103,  -101,     4,    12,    15,    -5,    23,    31,    42,    10,
       1,  -101,  -101,  -101,  -101,  -101,  -101,  -101,  -101,  -101,
      50,  -101,    50,  -101,    52,    56,    50,    55,    50,  -101,
    -101,  -101,   103,  -101,    57,    66,  -101,    -9,    -5,    74,
      61,    81,  -101,    11,    61,    -7,  -101,   107,    52,  -101,
      65,  -101,    27,  -101,  -101,    77,  -101,  -101,  -101,    95,
      94,    60,  -101,  -101,  -101,  -101,  -101,     0,   111,  -101,
      48,  -101,  -101,    99,    25,   116,   138,  -101,  -101,  -101,
    -101,    61,  -101,   104,  -101,    73,  -101,    50,   123,  -101,
      39,    -5,  -101,    -5,  -101,    81,   130,    81,   117,   131,
    -101,  -101,  -101,  -101,  -101,  -101,  -101,  -101,   110,  -101,
     139,  -101,  -101,  -101,  -101,  -101,  -101,    77,   137,    50,
    -101,  -101,  -101,  -101,  -101,  -101,  -101,   150,   138,  -101,
    -101,  -101,    28,   154,  -101,  -101,    11,    81,   154,  -101,
     149,  -101,    -6,  -101,  -101,   124,  -101,  -101,    92,  -101,
    -101,   154,   150,  -101,  -101,  -101,  -101,  -101,  -101
};

/* YYDEFACT[STATE-NUM] -- Default reduction number in state STATE-NUM.
   Performed when YYTABLE does not specify something else to do.  Zero
   means the default is an error.  */
static const yytype_int8 yydefact[] =
{
       0,     7,     0,     0,     0,     0,     0,     0,     0,     0,
       2,     3,     6,    13,    14,    15,    18,    16,    17,    19,
      21,    20,    21,    41,     0,     0,    21,     0,    21,     1,
       8,     9,     0,    22,     0,     0,    44,     0,     0,     0,
       0,    47,     4,     0,     0,     0,    42,     0,     0,    82,
       0,    76,     0,    75,    77,     0,    97,    48,    29,     0,
      41,     0,    24,    25,    33,    35,    34,    47,     0,    32,
       0,    45,    43,     0,     0,     0,     0,    10,    11,    12,
      74,     0,    55,     0,    51,     0,    50,    21,     0,    23,
       0,     0,    38,     0,    73,    47,     0,    47,    86,    84,
      63,    64,    65,    62,    56,    57,    58,    59,     0,    67,
      60,    46,    66,    78,    80,    79,    49,     0,     0,    21,
      31,    27,    26,    40,    39,    95,    96,     0,     0,    83,
      68,    71,     0,     0,    52,    53,     0,    47,     0,    91,
       0,    90,     0,    88,    85,     0,    69,    61,     0,    36,
      94,    93,     0,    87,    70,    72,    37,    92,    89
};

/* YYPGOTO[NTERM-NUM].  */
static const yytype_int16 yypgoto[] =
{
    -101,  -101,  -101,   144,   167,    93,  -101,  -101,   -22,  -101,
      43,  -101,  -101,    90,  -101,  -101,  -101,  -101,    -4,   133,
     -37,   -65,   -71,  -101,    67,   -92,  -100,  -101,  -101,  -101,
    -101,   141,   101,   102,  -101,   112,  -101,    34,  -101,  -101,
    -101
};

/* YYDEFGOTO[NTERM-NUM].  */
static const yytype_uint8 yydefgoto[] =
{
       0,     9,    10,    11,    90,    81,    12,    13,    34,    14,
      61,    62,   121,    63,    64,    65,    66,    67,    68,    37,
      69,    56,    57,    85,    86,   110,   111,   112,   132,    15,
      16,    52,    53,    54,   129,   141,   142,   143,    17,    18,
      19
};

/* YYTABLE[YYPACT[STATE-NUM]] -- What to do in state STATE-NUM.  If
   positive, shift that token.  If negative, reduce the rule whose
   number is the opposite.  If YYTABLE_NINF, syntax error.  */
static const yytype_int16 yytable[] =
{
      35,    25,    92,    51,    39,   109,    41,    51,   131,    71,
      29,    23,    58,    91,    45,    59,    30,   152,    84,    46,
      20,    72,    24,    31,    55,   153,   -28,    60,   144,    21,
     125,    22,   126,   -28,    47,   140,   -28,   109,    24,    26,
     120,   147,    77,    59,   113,   155,   150,    27,    96,    78,
      79,   145,    80,    97,   -30,    60,   146,   109,    28,   157,
     140,   -30,    49,    77,   -30,   118,    24,    33,    36,    38,
      78,    79,   149,    94,   109,    30,   -81,    50,    82,    40,
     134,    43,    31,   -81,   -81,    89,   -81,   123,    77,   124,
      44,    75,   -54,    83,    76,    78,    79,   137,   116,   -54,
     -54,    48,   -54,    -5,     1,    55,     2,    30,     3,     4,
       5,    87,     6,     7,    31,    73,    95,   156,    -5,     8,
      88,   100,   101,    76,    93,    -5,   102,   103,   104,   105,
     106,   107,    98,    76,    55,   100,   101,   108,   130,   119,
     102,   103,   104,   105,   106,   107,    71,   127,    55,   100,
     101,   108,   154,   133,   102,   103,   104,   105,   106,   107,
     128,   136,    55,   151,   138,   108,    98,   139,   104,   105,
     106,   107,   104,   105,   106,   107,    42,    32,   117,   148,
     122,    74,   114,   115,   135,    70,   158,    99
};

static const yytype_uint8 yycheck[] =
{
      22,     5,    67,    40,    26,    76,    28,    44,   108,    16,
       0,    16,     1,    13,    23,     4,    15,    23,    55,    28,
      16,    28,    27,    22,    24,    31,    15,    16,   128,    17,
      95,    16,    97,    22,    38,   127,    25,   108,    27,    16,
       1,   133,    15,     4,    81,   145,   138,    16,    23,    22,
      23,    23,    25,    28,    15,    16,    28,   128,    16,   151,
     152,    22,     1,    15,    25,    87,    27,    17,    16,    13,
      22,    23,   137,    25,   145,    15,    15,    16,     1,    24,
     117,    24,    22,    22,    23,    25,    25,    91,    15,    93,
      24,    26,    15,    16,    29,    22,    23,   119,    25,    22,
      23,    27,    25,     0,     1,    24,     3,    15,     5,     6,
       7,    16,     9,    10,    22,     8,    17,    25,    15,    16,
      26,    11,    12,    29,    13,    22,    16,    17,    18,    19,
      20,    21,    16,    29,    24,    11,    12,    27,    28,    16,
      16,    17,    18,    19,    20,    21,    16,    30,    24,    11,
      12,    27,    28,    14,    16,    17,    18,    19,    20,    21,
      29,    24,    24,    14,    14,    27,    16,    17,    18,    19,
      20,    21,    18,    19,    20,    21,    32,    10,    85,   136,
      90,    48,    81,    81,   117,    44,   152,    75
};

/* YYSTOS[STATE-NUM] -- The symbol kind of the accessing symbol of
   state STATE-NUM.  */
static const yytype_int8 yystos[] =
{
       0,     1,     3,     5,     6,     7,     9,    10,    16,    33,
      34,    35,    38,    39,    41,    61,    62,    70,    71,    72,
      16,    17,    16,    16,    27,    50,    16,    16,    16,     0,
      15,    22,    36,    17,    40,    40,    16,    51,    13,    40,
      24,    40,    35,    24,    24,    23,    28,    50,    27,     1,
      16,    52,    63,    64,    65,    24,    53,    54,     1,     4,
      16,    42,    43,    45,    46,    47,    48,    49,    50,    52,
      63,    16,    28,     8,    51,    26,    29,    15,    22,    23,
      25,    37,     1,    16,    52,    55,    56,    16,    26,    25,
      36,    13,    53,    13,    25,    17,    23,    28,    16,    67,
      11,    12,    16,    17,    18,    19,    20,    21,    27,    54,
      57,    58,    59,    52,    64,    65,    25,    37,    40,    16,
       1,    44,    45,    50,    50,    53,    53,    30,    29,    66,
      28,    58,    60,    14,    52,    56,    24,    40,    14,    17,
      57,    67,    68,    69,    58,    23,    28,    57,    42,    53,
      57,    14,    23,    31,    28,    58,    25,    57,    69
};

/* YYR1[RULE-NUM] -- Symbol kind of the left-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr1[] =
{
       0,    32,    33,    34,    34,    35,    35,    35,    36,    36,
      37,    37,    37,    38,    38,    38,    38,    38,    38,    38,
      39,    40,    40,    41,    42,    42,    42,    42,    43,    43,
      44,    44,    45,    45,    45,    45,    46,    47,    48,    49,
      49,    50,    50,    50,    51,    51,    52,    53,    53,    54,
      55,    55,    55,    55,    56,    56,    57,    57,    57,    57,
      58,    58,    58,    58,    58,    58,    58,    58,    59,    59,
      59,    60,    60,    61,    62,    63,    63,    63,    63,    63,
      63,    64,    64,    65,    66,    66,    67,    67,    68,    68,
      69,    69,    69,    69,    69,    70,    71,    72
};

/* YYR2[RULE-NUM] -- Number of symbols on the right-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr2[] =
{
       0,     2,     1,     1,     3,     0,     1,     1,     1,     1,
       1,     1,     1,     1,     1,     1,     1,     1,     1,     1,
       2,     0,     1,     6,     1,     1,     3,     3,     0,     1,
       0,     1,     1,     1,     1,     1,     5,     6,     2,     3,
       3,     1,     3,     4,     1,     3,     3,     0,     1,     3,
       1,     1,     3,     3,     0,     1,     1,     1,     1,     1,
       1,     3,     1,     1,     1,     1,     1,     1,     2,     3,
       4,     1,     3,     6,     5,     1,     1,     1,     3,     3,
       3,     0,     1,     4,     0,     2,     1,     4,     1,     3,
       1,     1,     3,     2,     2,     7,     7,     4
};


enum { YYENOMEM = -2 };

#define yyerrok         (yyerrstatus = 0)
#define yyclearin       (yychar = TOK_PIPE_YYEMPTY)

#define YYACCEPT        goto yyacceptlab
#define YYABORT         goto yyabortlab
#define YYERROR         goto yyerrorlab
#define YYNOMEM         goto yyexhaustedlab


#define YYRECOVERING()  (!!yyerrstatus)

#define YYBACKUP(Token, Value)                                    \
  do                                                              \
    if (yychar == TOK_PIPE_YYEMPTY)                                        \
      {                                                           \
        yychar = (Token);                                         \
        yylval = (Value);                                         \
        YYPOPSTACK (yylen);                                       \
        yystate = *yyssp;                                         \
        YY_LAC_DISCARD ("YYBACKUP");                              \
        goto yybackup;                                            \
      }                                                           \
    else                                                          \
      {                                                           \
        yyerror (&yylloc, scanner, YY_("syntax error: cannot back up")); \
        YYERROR;                                                  \
      }                                                           \
  while (0)

/* Backward compatibility with an undocumented macro.
   Use TOK_PIPE_YYerror or TOK_PIPE_YYUNDEF. */
#define YYERRCODE TOK_PIPE_YYUNDEF

/* YYLLOC_DEFAULT -- Set CURRENT to span from RHS[1] to RHS[N].
   If N is 0, then set CURRENT to the empty location which ends
   the previous symbol: RHS[0] (always defined).  */

#ifndef YYLLOC_DEFAULT
# define YYLLOC_DEFAULT(Current, Rhs, N)                                \
    do                                                                  \
      if (N)                                                            \
        {                                                               \
          (Current).first_line   = YYRHSLOC (Rhs, 1).first_line;        \
          (Current).first_column = YYRHSLOC (Rhs, 1).first_column;      \
          (Current).last_line    = YYRHSLOC (Rhs, N).last_line;         \
          (Current).last_column  = YYRHSLOC (Rhs, N).last_column;       \
        }                                                               \
      else                                                              \
        {                                                               \
          (Current).first_line   = (Current).last_line   =              \
            YYRHSLOC (Rhs, 0).last_line;                                \
          (Current).first_column = (Current).last_column =              \
            YYRHSLOC (Rhs, 0).last_column;                              \
        }                                                               \
    while (0)
#endif

#define YYRHSLOC(Rhs, K) ((Rhs)[K])


/* Enable debugging if requested.  */
#if PIPE_YYDEBUG

# ifndef YYFPRINTF
#  include <stdio.h> /* INFRINGES ON USER NAME SPACE */
#  define YYFPRINTF fprintf
# endif

# define YYDPRINTF(Args)                        \
do {                                            \
  if (yydebug)                                  \
    YYFPRINTF Args;                             \
} while (0)


/* YYLOCATION_PRINT -- Print the location on the stream.
   This macro was not mandated originally: define only if we know
   we won't break user code: when these are the locations we know.  */

# ifndef YYLOCATION_PRINT

#  if defined YY_LOCATION_PRINT

   /* Temporary convenience wrapper in case some people defined the
      undocumented and private YY_LOCATION_PRINT macros.  */
#   define YYLOCATION_PRINT(File, Loc)  YY_LOCATION_PRINT(File, *(Loc))

#  elif defined PIPE_YYLTYPE_IS_TRIVIAL && PIPE_YYLTYPE_IS_TRIVIAL

/* Print *YYLOCP on YYO.  Private, do not rely on its existence. */

YY_ATTRIBUTE_UNUSED
static int
yy_location_print_ (FILE *yyo, YYLTYPE const * const yylocp)
{
  int res = 0;
  int end_col = 0 != yylocp->last_column ? yylocp->last_column - 1 : 0;
  if (0 <= yylocp->first_line)
    {
      res += YYFPRINTF (yyo, "%d", yylocp->first_line);
      if (0 <= yylocp->first_column)
        res += YYFPRINTF (yyo, ".%d", yylocp->first_column);
    }
  if (0 <= yylocp->last_line)
    {
      if (yylocp->first_line < yylocp->last_line)
        {
          res += YYFPRINTF (yyo, "-%d", yylocp->last_line);
          if (0 <= end_col)
            res += YYFPRINTF (yyo, ".%d", end_col);
        }
      else if (0 <= end_col && yylocp->first_column < end_col)
        res += YYFPRINTF (yyo, "-%d", end_col);
    }
  return res;
}

#   define YYLOCATION_PRINT  yy_location_print_

    /* Temporary convenience wrapper in case some people defined the
       undocumented and private YY_LOCATION_PRINT macros.  */
#   define YY_LOCATION_PRINT(File, Loc)  YYLOCATION_PRINT(File, &(Loc))

#  else

#   define YYLOCATION_PRINT(File, Loc) ((void) 0)
    /* Temporary convenience wrapper in case some people defined the
       undocumented and private YY_LOCATION_PRINT macros.  */
#   define YY_LOCATION_PRINT  YYLOCATION_PRINT

#  endif
# endif /* !defined YYLOCATION_PRINT */


# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)                    \
do {                                                                      \
  if (yydebug)                                                            \
    {                                                                     \
      YYFPRINTF (stderr, "%s ", Title);                                   \
      yy_symbol_print (stderr,                                            \
                  Kind, Value, Location, scanner); \
      YYFPRINTF (stderr, "\n");                                           \
    }                                                                     \
} while (0)


/*-----------------------------------.
| Print this symbol's value on YYO.  |
`-----------------------------------*/

static void
yy_symbol_value_print (FILE *yyo,
                       yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep, YYLTYPE const * const yylocationp, yyscan_t scanner)
{
  FILE *yyoutput = yyo;
  YY_USE (yyoutput);
  YY_USE (yylocationp);
  YY_USE (scanner);
  if (!yyvaluep)
    return;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}


/*---------------------------.
| Print this symbol on YYO.  |
`---------------------------*/

static void
yy_symbol_print (FILE *yyo,
                 yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep, YYLTYPE const * const yylocationp, yyscan_t scanner)
{
  YYFPRINTF (yyo, "%s %s (",
             yykind < YYNTOKENS ? "token" : "nterm", yysymbol_name (yykind));

  YYLOCATION_PRINT (yyo, yylocationp);
  YYFPRINTF (yyo, ": ");
  yy_symbol_value_print (yyo, yykind, yyvaluep, yylocationp, scanner);
  YYFPRINTF (yyo, ")");
}

/*------------------------------------------------------------------.
| yy_stack_print -- Print the state stack from its BOTTOM up to its |
| TOP (included).                                                   |
`------------------------------------------------------------------*/

static void
yy_stack_print (yy_state_t *yybottom, yy_state_t *yytop)
{
  YYFPRINTF (stderr, "Stack now");
  for (; yybottom <= yytop; yybottom++)
    {
      int yybot = *yybottom;
      YYFPRINTF (stderr, " %d", yybot);
    }
  YYFPRINTF (stderr, "\n");
}

# define YY_STACK_PRINT(Bottom, Top)                            \
do {                                                            \
  if (yydebug)                                                  \
    yy_stack_print ((Bottom), (Top));                           \
} while (0)


/*------------------------------------------------.
| Report that the YYRULE is going to be reduced.  |
`------------------------------------------------*/

static void
yy_reduce_print (yy_state_t *yyssp, YYSTYPE *yyvsp, YYLTYPE *yylsp,
                 int yyrule, yyscan_t scanner)
{
  int yylno = yyrline[yyrule];
  int yynrhs = yyr2[yyrule];
  int yyi;
  YYFPRINTF (stderr, "Reducing stack by rule %d (line %d):\n",
             yyrule - 1, yylno);
  /* The symbols being reduced.  */
  for (yyi = 0; yyi < yynrhs; yyi++)
    {
      YYFPRINTF (stderr, "   $%d = ", yyi + 1);
      yy_symbol_print (stderr,
                       YY_ACCESSING_SYMBOL (+yyssp[yyi + 1 - yynrhs]),
                       &yyvsp[(yyi + 1) - (yynrhs)],
                       &(yylsp[(yyi + 1) - (yynrhs)]), scanner);
      YYFPRINTF (stderr, "\n");
    }
}

# define YY_REDUCE_PRINT(Rule)          \
do {                                    \
  if (yydebug)                          \
    yy_reduce_print (yyssp, yyvsp, yylsp, Rule, scanner); \
} while (0)

/* Nonzero means print parse trace.  It is left uninitialized so that
   multiple parsers can coexist.  */
int yydebug;
#else /* !PIPE_YYDEBUG */
# define YYDPRINTF(Args) ((void) 0)
# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)
# define YY_STACK_PRINT(Bottom, Top)
# define YY_REDUCE_PRINT(Rule)
#endif /* !PIPE_YYDEBUG */


/* YYINITDEPTH -- initial size of the parser's stacks.  */
#ifndef YYINITDEPTH
# define YYINITDEPTH 200
#endif

/* YYMAXDEPTH -- maximum size the stacks can grow to (effective only
   if the built-in stack extension method is used).

   Do not make this value too large; the results are undefined if
   YYSTACK_ALLOC_MAXIMUM < YYSTACK_BYTES (YYMAXDEPTH)
   evaluated with infinite-precision integer arithmetic.  */

#ifndef YYMAXDEPTH
# define YYMAXDEPTH 10000
#endif


/* Given a state stack such that *YYBOTTOM is its bottom, such that
   *YYTOP is either its top or is YYTOP_EMPTY to indicate an empty
   stack, and such that *YYCAPACITY is the maximum number of elements it
   can hold without a reallocation, make sure there is enough room to
   store YYADD more elements.  If not, allocate a new stack using
   YYSTACK_ALLOC, copy the existing elements, and adjust *YYBOTTOM,
   *YYTOP, and *YYCAPACITY to reflect the new capacity and memory
   location.  If *YYBOTTOM != YYBOTTOM_NO_FREE, then free the old stack
   using YYSTACK_FREE.  Return 0 if successful or if no reallocation is
   required.  Return YYENOMEM if memory is exhausted.  */
static int
yy_lac_stack_realloc (YYPTRDIFF_T *yycapacity, YYPTRDIFF_T yyadd,
#if PIPE_YYDEBUG
                      char const *yydebug_prefix,
                      char const *yydebug_suffix,
#endif
                      yy_state_t **yybottom,
                      yy_state_t *yybottom_no_free,
                      yy_state_t **yytop, yy_state_t *yytop_empty)
{
  YYPTRDIFF_T yysize_old =
    *yytop == yytop_empty ? 0 : *yytop - *yybottom + 1;
  YYPTRDIFF_T yysize_new = yysize_old + yyadd;
  if (*yycapacity < yysize_new)
    {
      YYPTRDIFF_T yyalloc = 2 * yysize_new;
      yy_state_t *yybottom_new;
      /* Use YYMAXDEPTH for maximum stack size given that the stack
         should never need to grow larger than the main state stack
         needs to grow without LAC.  */
      if (YYMAXDEPTH < yysize_new)
        {
          YYDPRINTF ((stderr, "%smax size exceeded%s", yydebug_prefix,
                      yydebug_suffix));
          return YYENOMEM;
        }
      if (YYMAXDEPTH < yyalloc)
        yyalloc = YYMAXDEPTH;
      yybottom_new =
        YY_CAST (yy_state_t *,
                 YYSTACK_ALLOC (YY_CAST (YYSIZE_T,
                                         yyalloc * YYSIZEOF (*yybottom_new))));
      if (!yybottom_new)
        {
          YYDPRINTF ((stderr, "%srealloc failed%s", yydebug_prefix,
                      yydebug_suffix));
          return YYENOMEM;
        }
      if (*yytop != yytop_empty)
        {
          YYCOPY (yybottom_new, *yybottom, yysize_old);
          *yytop = yybottom_new + (yysize_old - 1);
        }
      if (*yybottom != yybottom_no_free)
        YYSTACK_FREE (*yybottom);
      *yybottom = yybottom_new;
      *yycapacity = yyalloc;
    }
  return 0;
}

/* Establish the initial context for the current lookahead if no initial
   context is currently established.

   We define a context as a snapshot of the parser stacks.  We define
   the initial context for a lookahead as the context in which the
   parser initially examines that lookahead in order to select a
   syntactic action.  Thus, if the lookahead eventually proves
   syntactically unacceptable (possibly in a later context reached via a
   series of reductions), the initial context can be used to determine
   the exact set of tokens that would be syntactically acceptable in the
   lookahead's place.  Moreover, it is the context after which any
   further semantic actions would be erroneous because they would be
   determined by a syntactically unacceptable token.

   YY_LAC_ESTABLISH should be invoked when a reduction is about to be
   performed in an inconsistent state (which, for the purposes of LAC,
   includes consistent states that don't know they're consistent because
   their default reductions have been disabled).  Iff there is a
   lookahead token, it should also be invoked before reporting a syntax
   error.  This latter case is for the sake of the debugging output.

   For parse.lac=full, the implementation of YY_LAC_ESTABLISH is as
   follows.  If no initial context is currently established for the
   current lookahead, then check if that lookahead can eventually be
   shifted if syntactic actions continue from the current context.
   Report a syntax error if it cannot.  */
#define YY_LAC_ESTABLISH                                                \
do {                                                                    \
  if (!yy_lac_established)                                              \
    {                                                                   \
      YYDPRINTF ((stderr,                                               \
                  "LAC: initial context established for %s\n",          \
                  yysymbol_name (yytoken)));                            \
      yy_lac_established = 1;                                           \
      switch (yy_lac (yyesa, &yyes, &yyes_capacity, yyssp, yytoken))    \
        {                                                               \
        case YYENOMEM:                                                  \
          YYNOMEM;                                                      \
        case 1:                                                         \
          goto yyerrlab;                                                \
        }                                                               \
    }                                                                   \
} while (0)

/* Discard any previous initial lookahead context because of Event,
   which may be a lookahead change or an invalidation of the currently
   established initial context for the current lookahead.

   The most common example of a lookahead change is a shift.  An example
   of both cases is syntax error recovery.  That is, a syntax error
   occurs when the lookahead is syntactically erroneous for the
   currently established initial context, so error recovery manipulates
   the parser stacks to try to find a new initial context in which the
   current lookahead is syntactically acceptable.  If it fails to find
   such a context, it discards the lookahead.  */
#if PIPE_YYDEBUG
# define YY_LAC_DISCARD(Event)                                           \
do {                                                                     \
  if (yy_lac_established)                                                \
    {                                                                    \
      YYDPRINTF ((stderr, "LAC: initial context discarded due to "       \
                  Event "\n"));                                          \
      yy_lac_established = 0;                                            \
    }                                                                    \
} while (0)
#else
# define YY_LAC_DISCARD(Event) yy_lac_established = 0
#endif

/* Given the stack whose top is *YYSSP, return 0 iff YYTOKEN can
   eventually (after perhaps some reductions) be shifted, return 1 if
   not, or return YYENOMEM if memory is exhausted.  As preconditions and
   postconditions: *YYES_CAPACITY is the allocated size of the array to
   which *YYES points, and either *YYES = YYESA or *YYES points to an
   array allocated with YYSTACK_ALLOC.  yy_lac may overwrite the
   contents of either array, alter *YYES and *YYES_CAPACITY, and free
   any old *YYES other than YYESA.  */
static int
yy_lac (yy_state_t *yyesa, yy_state_t **yyes,
        YYPTRDIFF_T *yyes_capacity, yy_state_t *yyssp, yysymbol_kind_t yytoken)
{
  yy_state_t *yyes_prev = yyssp;
  yy_state_t *yyesp = yyes_prev;
  /* Reduce until we encounter a shift and thereby accept the token.  */
  YYDPRINTF ((stderr, "LAC: checking lookahead %s:", yysymbol_name (yytoken)));
  if (yytoken == YYSYMBOL_YYUNDEF)
    {
      YYDPRINTF ((stderr, " Always Err\n"));
      return 1;
    }
  while (1)
    {
      int yyrule = yypact[+*yyesp];
      if (yypact_value_is_default (yyrule)
          || (yyrule += yytoken) < 0 || YYLAST < yyrule
          || yycheck[yyrule] != yytoken)
        {
          /* Use the default action.  */
          yyrule = yydefact[+*yyesp];
          if (yyrule == 0)
            {
              YYDPRINTF ((stderr, " Err\n"));
              return 1;
            }
        }
      else
        {
          /* Use the action from yytable.  */
          yyrule = yytable[yyrule];
          if (yytable_value_is_error (yyrule))
            {
              YYDPRINTF ((stderr, " Err\n"));
              return 1;
            }
          if (0 < yyrule)
            {
              YYDPRINTF ((stderr, " S%d\n", yyrule));
              return 0;
            }
          yyrule = -yyrule;
        }
      /* By now we know we have to simulate a reduce.  */
      YYDPRINTF ((stderr, " R%d", yyrule - 1));
      {
        /* Pop the corresponding number of values from the stack.  */
        YYPTRDIFF_T yylen = yyr2[yyrule];
        /* First pop from the LAC stack as many tokens as possible.  */
        if (yyesp != yyes_prev)
          {
            YYPTRDIFF_T yysize = yyesp - *yyes + 1;
            if (yylen < yysize)
              {
                yyesp -= yylen;
                yylen = 0;
              }
            else
              {
                yyesp = yyes_prev;
                yylen -= yysize;
              }
          }
        /* Only afterwards look at the main stack.  */
        if (yylen)
          yyesp = yyes_prev -= yylen;
      }
      /* Push the resulting state of the reduction.  */
      {
        yy_state_fast_t yystate;
        {
          const int yylhs = yyr1[yyrule] - YYNTOKENS;
          const int yyi = yypgoto[yylhs] + *yyesp;
          yystate = (0 <= yyi && yyi <= YYLAST && yycheck[yyi] == *yyesp
                     ? yytable[yyi]
                     : yydefgoto[yylhs]);
        }
        if (yyesp == yyes_prev)
          {
            yyesp = *yyes;
            YY_IGNORE_USELESS_CAST_BEGIN
            *yyesp = YY_CAST (yy_state_t, yystate);
            YY_IGNORE_USELESS_CAST_END
          }
        else
          {
            if (yy_lac_stack_realloc (yyes_capacity, 1,
#if PIPE_YYDEBUG
                                      " (", ")",
#endif
                                      yyes, yyesa, &yyesp, yyes_prev))
              {
                YYDPRINTF ((stderr, "\n"));
                return YYENOMEM;
              }
            YY_IGNORE_USELESS_CAST_BEGIN
            *++yyesp = YY_CAST (yy_state_t, yystate);
            YY_IGNORE_USELESS_CAST_END
          }
        YYDPRINTF ((stderr, " G%d", yystate));
      }
    }
}

/* Context of a parse error.  */
typedef struct
{
  yy_state_t *yyssp;
  yy_state_t *yyesa;
  yy_state_t **yyes;
  YYPTRDIFF_T *yyes_capacity;
  yysymbol_kind_t yytoken;
  YYLTYPE *yylloc;
} yypcontext_t;

/* Put in YYARG at most YYARGN of the expected tokens given the
   current YYCTX, and return the number of tokens stored in YYARG.  If
   YYARG is null, return the number of expected tokens (guaranteed to
   be less than YYNTOKENS).  Return YYENOMEM on memory exhaustion.
   Return 0 if there are more than YYARGN expected tokens, yet fill
   YYARG up to YYARGN. */
static int
yypcontext_expected_tokens (const yypcontext_t *yyctx,
                            yysymbol_kind_t yyarg[], int yyargn)
{
  /* Actual size of YYARG. */
  int yycount = 0;

  int yyx;
  for (yyx = 0; yyx < YYNTOKENS; ++yyx)
    {
      yysymbol_kind_t yysym = YY_CAST (yysymbol_kind_t, yyx);
      if (yysym != YYSYMBOL_YYerror && yysym != YYSYMBOL_YYUNDEF)
        switch (yy_lac (yyctx->yyesa, yyctx->yyes, yyctx->yyes_capacity, yyctx->yyssp, yysym))
          {
          case YYENOMEM:
            return YYENOMEM;
          case 1:
            continue;
          default:
            if (!yyarg)
              ++yycount;
            else if (yycount == yyargn)
              return 0;
            else
              yyarg[yycount++] = yysym;
          }
    }
  if (yyarg && yycount == 0 && 0 < yyargn)
    yyarg[0] = YYSYMBOL_YYEMPTY;
  return yycount;
}




/* The kind of the lookahead of this context.  */
static yysymbol_kind_t
yypcontext_token (const yypcontext_t *yyctx) YY_ATTRIBUTE_UNUSED;

static yysymbol_kind_t
yypcontext_token (const yypcontext_t *yyctx)
{
  return yyctx->yytoken;
}

/* The location of the lookahead of this context.  */
static YYLTYPE *
yypcontext_location (const yypcontext_t *yyctx) YY_ATTRIBUTE_UNUSED;

static YYLTYPE *
yypcontext_location (const yypcontext_t *yyctx)
{
  return yyctx->yylloc;
}

/* User defined function to report a syntax error.  */
static int
yyreport_syntax_error (const yypcontext_t *yyctx, yyscan_t scanner);

/*-----------------------------------------------.
| Release the memory associated to this symbol.  |
`-----------------------------------------------*/

static void
yydestruct (const char *yymsg,
            yysymbol_kind_t yykind, YYSTYPE *yyvaluep, YYLTYPE *yylocationp, yyscan_t scanner)
{
  YY_USE (yyvaluep);
  YY_USE (yylocationp);
  YY_USE (scanner);
  if (!yymsg)
    yymsg = "Deleting";
  YY_SYMBOL_PRINT (yymsg, yykind, yyvaluep, yylocationp);

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}






/*----------.
| yyparse.  |
`----------*/

int
yyparse (yyscan_t scanner)
{
/* Lookahead token kind.  */
int yychar;


/* The semantic value of the lookahead symbol.  */
/* Default value used for initialization, for pacifying older GCCs
   or non-GCC compilers.  */
YY_INITIAL_VALUE (static YYSTYPE yyval_default;)
YYSTYPE yylval YY_INITIAL_VALUE (= yyval_default);

/* Location data for the lookahead symbol.  */
static YYLTYPE yyloc_default
# if defined PIPE_YYLTYPE_IS_TRIVIAL && PIPE_YYLTYPE_IS_TRIVIAL
  = { 1, 1, 1, 1 }
# endif
;
YYLTYPE yylloc = yyloc_default;

    /* Number of syntax errors so far.  */
    int yynerrs = 0;

    yy_state_fast_t yystate = 0;
    /* Number of tokens to shift before error messages enabled.  */
    int yyerrstatus = 0;

    /* Refer to the stacks through separate pointers, to allow yyoverflow
       to reallocate them elsewhere.  */

    /* Their size.  */
    YYPTRDIFF_T yystacksize = YYINITDEPTH;

    /* The state stack: array, bottom, top.  */
    yy_state_t yyssa[YYINITDEPTH];
    yy_state_t *yyss = yyssa;
    yy_state_t *yyssp = yyss;

    /* The semantic value stack: array, bottom, top.  */
    YYSTYPE yyvsa[YYINITDEPTH];
    YYSTYPE *yyvs = yyvsa;
    YYSTYPE *yyvsp = yyvs;

    /* The location stack: array, bottom, top.  */
    YYLTYPE yylsa[YYINITDEPTH];
    YYLTYPE *yyls = yylsa;
    YYLTYPE *yylsp = yyls;

    yy_state_t yyesa[20];
    yy_state_t *yyes = yyesa;
    YYPTRDIFF_T yyes_capacity = 20 < YYMAXDEPTH ? 20 : YYMAXDEPTH;

  /* Whether LAC context is established.  A Boolean.  */
  int yy_lac_established = 0;
  int yyn;
  /* The return value of yyparse.  */
  int yyresult;
  /* Lookahead symbol kind.  */
  yysymbol_kind_t yytoken = YYSYMBOL_YYEMPTY;
  /* The variables used to return semantic value and location from the
     action routines.  */
  YYSTYPE yyval;
  YYLTYPE yyloc;

  /* The locations where the error started and ended.  */
  YYLTYPE yyerror_range[3];



#define YYPOPSTACK(N)   (yyvsp -= (N), yyssp -= (N), yylsp -= (N))

  /* The number of symbols on the RHS of the reduced rule.
     Keep to zero when no symbol should be popped.  */
  int yylen = 0;

  YYDPRINTF ((stderr, "Starting parse\n"));

  yychar = TOK_PIPE_YYEMPTY; /* Cause a token to be read.  */

  yylsp[0] = yylloc;
  goto yysetstate;


/*------------------------------------------------------------.
| yynewstate -- push a new state, which is found in yystate.  |
`------------------------------------------------------------*/
yynewstate:
  /* In all cases, when you get here, the value and location stacks
     have just been pushed.  So pushing a state here evens the stacks.  */
  yyssp++;


/*--------------------------------------------------------------------.
| yysetstate -- set current state (the top of the stack) to yystate.  |
`--------------------------------------------------------------------*/
yysetstate:
  YYDPRINTF ((stderr, "Entering state %d\n", yystate));
  YY_ASSERT (0 <= yystate && yystate < YYNSTATES);
  YY_IGNORE_USELESS_CAST_BEGIN
  *yyssp = YY_CAST (yy_state_t, yystate);
  YY_IGNORE_USELESS_CAST_END
  YY_STACK_PRINT (yyss, yyssp);

  if (yyss + yystacksize - 1 <= yyssp)
#if !defined yyoverflow && !defined YYSTACK_RELOCATE
    YYNOMEM;
#else
    {
      /* Get the current used size of the three stacks, in elements.  */
      YYPTRDIFF_T yysize = yyssp - yyss + 1;

# if defined yyoverflow
      {
        /* Give user a chance to reallocate the stack.  Use copies of
           these so that the &'s don't force the real ones into
           memory.  */
        yy_state_t *yyss1 = yyss;
        YYSTYPE *yyvs1 = yyvs;
        YYLTYPE *yyls1 = yyls;

        /* Each stack pointer address is followed by the size of the
           data in use in that stack, in bytes.  This used to be a
           conditional around just the two extra args, but that might
           be undefined if yyoverflow is a macro.  */
        yyoverflow (YY_("memory exhausted"),
                    &yyss1, yysize * YYSIZEOF (*yyssp),
                    &yyvs1, yysize * YYSIZEOF (*yyvsp),
                    &yyls1, yysize * YYSIZEOF (*yylsp),
                    &yystacksize);
        yyss = yyss1;
        yyvs = yyvs1;
        yyls = yyls1;
      }
# else /* defined YYSTACK_RELOCATE */
      /* Extend the stack our own way.  */
      if (YYMAXDEPTH <= yystacksize)
        YYNOMEM;
      yystacksize *= 2;
      if (YYMAXDEPTH < yystacksize)
        yystacksize = YYMAXDEPTH;

      {
        yy_state_t *yyss1 = yyss;
        union yyalloc *yyptr =
          YY_CAST (union yyalloc *,
                   YYSTACK_ALLOC (YY_CAST (YYSIZE_T, YYSTACK_BYTES (yystacksize))));
        if (! yyptr)
          YYNOMEM;
        YYSTACK_RELOCATE (yyss_alloc, yyss);
        YYSTACK_RELOCATE (yyvs_alloc, yyvs);
        YYSTACK_RELOCATE (yyls_alloc, yyls);
#  undef YYSTACK_RELOCATE
        if (yyss1 != yyssa)
          YYSTACK_FREE (yyss1);
      }
# endif

      yyssp = yyss + yysize - 1;
      yyvsp = yyvs + yysize - 1;
      yylsp = yyls + yysize - 1;

      YY_IGNORE_USELESS_CAST_BEGIN
      YYDPRINTF ((stderr, "Stack size increased to %ld\n",
                  YY_CAST (long, yystacksize)));
      YY_IGNORE_USELESS_CAST_END

      if (yyss + yystacksize - 1 <= yyssp)
        YYABORT;
    }
#endif /* !defined yyoverflow && !defined YYSTACK_RELOCATE */


  if (yystate == YYFINAL)
    YYACCEPT;

  goto yybackup;


/*-----------.
| yybackup.  |
`-----------*/
yybackup:
  /* Do appropriate processing given the current state.  Read a
     lookahead token if we need one and don't already have one.  */

  /* First try to decide what to do without reference to lookahead token.  */
  yyn = yypact[yystate];
  if (yypact_value_is_default (yyn))
    goto yydefault;

  /* Not known => get a lookahead token if don't already have one.  */

  /* YYCHAR is either empty, or end-of-input, or a valid lookahead.  */
  if (yychar == TOK_PIPE_YYEMPTY)
    {
      YYDPRINTF ((stderr, "Reading a token\n"));
      yychar = yylex (&yylval, &yylloc, scanner);
    }

  if (yychar <= TOK_YYEOF)
    {
      yychar = TOK_YYEOF;
      yytoken = YYSYMBOL_YYEOF;
      YYDPRINTF ((stderr, "Now at end of input.\n"));
    }
  else if (yychar == TOK_PIPE_YYerror)
    {
      /* The scanner already issued an error message, process directly
         to error recovery.  But do not keep the error token as
         lookahead, it is too special and may lead us to an endless
         loop in error recovery. */
      yychar = TOK_PIPE_YYUNDEF;
      yytoken = YYSYMBOL_YYerror;
      yyerror_range[1] = yylloc;
      goto yyerrlab1;
    }
  else
    {
      yytoken = YYTRANSLATE (yychar);
      YY_SYMBOL_PRINT ("Next token is", yytoken, &yylval, &yylloc);
    }

  /* If the proper action on seeing token YYTOKEN is to reduce or to
     detect an error, take that action.  */
  yyn += yytoken;
  if (yyn < 0 || YYLAST < yyn || yycheck[yyn] != yytoken)
    {
      YY_LAC_ESTABLISH;
      goto yydefault;
    }
  yyn = yytable[yyn];
  if (yyn <= 0)
    {
      if (yytable_value_is_error (yyn))
        goto yyerrlab;
      yyn = -yyn;
      YY_LAC_ESTABLISH;
      goto yyreduce;
    }

  /* Count tokens shifted since error; after three, turn off error
     status.  */
  if (yyerrstatus)
    yyerrstatus--;

  /* Shift the lookahead token.  */
  YY_SYMBOL_PRINT ("Shifting", yytoken, &yylval, &yylloc);
  yystate = yyn;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END
  *++yylsp = yylloc;

  /* Discard the shifted token.  */
  yychar = TOK_PIPE_YYEMPTY;
  YY_LAC_DISCARD ("shift");
  goto yynewstate;


/*-----------------------------------------------------------.
| yydefault -- do the default action for the current state.  |
`-----------------------------------------------------------*/
yydefault:
  yyn = yydefact[yystate];
  if (yyn == 0)
    goto yyerrlab;
  goto yyreduce;


/*-----------------------------.
| yyreduce -- do a reduction.  |
`-----------------------------*/
yyreduce:
  /* yyn is the number of a rule to reduce with.  */
  yylen = yyr2[yyn];

  /* If YYLEN is nonzero, implement the default value of the action:
     '$$ = $1'.

     Otherwise, the following line sets YYVAL to garbage.
     This behavior is undocumented and Bison
     users should not rely upon it.  Assigning to YYVAL
     unconditionally makes the parser a bit smaller, and it avoids a
     GCC warning that YYVAL may be used uninitialized.  */
  yyval = yyvsp[1-yylen];

  /* Default location. */
  YYLLOC_DEFAULT (yyloc, (yylsp - yylen), yylen);
  yyerror_range[1] = yyloc;
  YY_REDUCE_PRINT (yyn);
  {
    int yychar_backup = yychar;
    switch (yyn)
      {
  case 6: /* item_opt: item  */
#line 88 "grammar/parser.y"
             { vec_push(A, &ST->file->items, (yyvsp[0].TOK_item)); }
#line 1695 "build-lsp/parser.c"
    break;

  case 20: /* import: "import" "string"  */
#line 99 "grammar/parser.y"
        { (yyval.TOK_import) = ast_item(A, IT_IMPORT, (yyloc)); (yyval.TOK_import)->title = (yyvsp[0].TOK_STRING)->str; (yyval.TOK_import)->title_span = (yylsp[0]); }
#line 1701 "build-lsp/parser.c"
    break;

  case 21: /* opt_title: %empty  */
#line 103 "grammar/parser.y"
               { (yyval.TOK_opt_title) = NULL; }
#line 1707 "build-lsp/parser.c"
    break;

  case 22: /* opt_title: "string"  */
#line 104 "grammar/parser.y"
               { (yyval.TOK_opt_title) = (yyvsp[0].TOK_STRING)->str; }
#line 1713 "build-lsp/parser.c"
    break;

  case 23: /* pipeline: "pipeline" "name" opt_title '{' stmts '}'  */
#line 110 "grammar/parser.y"
        {
          (yyval.TOK_pipeline) = ast_item(A, IT_PIPELINE, (yyloc));
          (yyval.TOK_pipeline)->name = (Ident){(yyvsp[-4].TOK_IDENT), (yylsp[-4])};
          (yyval.TOK_pipeline)->title = (yyvsp[-3].TOK_opt_title);
          (yyval.TOK_pipeline)->title_span = (yylsp[-3]);
          (yyval.TOK_pipeline)->body = (yyvsp[-1].TOK_stmts);
        }
#line 1725 "build-lsp/parser.c"
    break;

  case 24: /* stmts: stmt_opt_first  */
#line 120 "grammar/parser.y"
                              { (yyval.TOK_stmts) = (PtrVec){0}; }
#line 1731 "build-lsp/parser.c"
    break;

  case 25: /* stmts: stmt  */
#line 121 "grammar/parser.y"
                              { (yyval.TOK_stmts) = (PtrVec){0}; push_stmt(A, &(yyval.TOK_stmts), (yyvsp[0].TOK_stmt)); }
#line 1737 "build-lsp/parser.c"
    break;

  case 26: /* stmts: stmts sep stmt  */
#line 122 "grammar/parser.y"
                              { (yyval.TOK_stmts) = (yyvsp[-2].TOK_stmts); push_stmt(A, &(yyval.TOK_stmts), (yyvsp[0].TOK_stmt)); }
#line 1743 "build-lsp/parser.c"
    break;

  case 27: /* stmts: stmts sep stmt_empty  */
#line 123 "grammar/parser.y"
                              { (yyval.TOK_stmts) = (yyvsp[-2].TOK_stmts); }
#line 1749 "build-lsp/parser.c"
    break;

  case 32: /* stmt: setting  */
#line 130 "grammar/parser.y"
                  { (yyval.TOK_stmt) = ast_stmt(A, ST_SETTING, (yyloc)); (yyval.TOK_stmt)->setting = (yyvsp[0].TOK_setting); }
#line 1755 "build-lsp/parser.c"
    break;

  case 36: /* component: "name" ':' "name" opt_title opt_block  */
#line 139 "grammar/parser.y"
        {
          (yyval.TOK_component) = ast_stmt(A, ST_COMPONENT, (yyloc));
          (yyval.TOK_component)->name = (Ident){(yyvsp[-4].TOK_IDENT), (yylsp[-4])};
          (yyval.TOK_component)->service = (Ident){(yyvsp[-2].TOK_IDENT), (yylsp[-2])};
          (yyval.TOK_component)->label = (yyvsp[-1].TOK_opt_title);
          (yyval.TOK_component)->label_span = (yylsp[-1]);
          (yyval.TOK_component)->block = (yyvsp[0].TOK_opt_block);
        }
#line 1768 "build-lsp/parser.c"
    break;

  case 37: /* group: "group" "name" opt_title '{' stmts '}'  */
#line 152 "grammar/parser.y"
        {
          (yyval.TOK_group) = ast_stmt(A, ST_GROUP, (yyloc));
          (yyval.TOK_group)->name = (Ident){(yyvsp[-4].TOK_IDENT), (yylsp[-4])};
          (yyval.TOK_group)->label = (yyvsp[-3].TOK_opt_title);
          (yyval.TOK_group)->label_span = (yylsp[-3]);
          (yyval.TOK_group)->body = (yyvsp[-1].TOK_stmts);
        }
#line 1780 "build-lsp/parser.c"
    break;

  case 38: /* flow: chain opt_block  */
#line 163 "grammar/parser.y"
                        { (yyval.TOK_flow) = (yyvsp[-1].TOK_chain); (yyval.TOK_flow)->block = (yyvsp[0].TOK_opt_block); (yyval.TOK_flow)->span = (yyloc); }
#line 1786 "build-lsp/parser.c"
    break;

  case 39: /* chain: ends "->" ends  */
#line 167 "grammar/parser.y"
                        { (yyval.TOK_chain) = make_flow(A, (yyvsp[-2].TOK_ends), (yylsp[-1]), (yyvsp[0].TOK_ends), (yyloc)); }
#line 1792 "build-lsp/parser.c"
    break;

  case 40: /* chain: chain "->" ends  */
#line 168 "grammar/parser.y"
                        { (yyval.TOK_chain) = (yyvsp[-2].TOK_chain); add_hop(A, (yyval.TOK_chain), (yylsp[-1]), (yyvsp[0].TOK_ends)); }
#line 1798 "build-lsp/parser.c"
    break;

  case 41: /* ends: "name"  */
#line 172 "grammar/parser.y"
                          { (yyval.TOK_ends) = ends_one(A, (yyvsp[0].TOK_IDENT), (yylsp[0])); }
#line 1804 "build-lsp/parser.c"
    break;

  case 42: /* ends: '[' names ']'  */
#line 173 "grammar/parser.y"
                          { (yyval.TOK_ends) = arena_alloc(A, sizeof *(yyval.TOK_ends)); (yyval.TOK_ends)->names = (yyvsp[-1].TOK_names); (yyval.TOK_ends)->bracketed = true; (yyval.TOK_ends)->span = (yyloc); }
#line 1810 "build-lsp/parser.c"
    break;

  case 43: /* ends: '[' names ',' ']'  */
#line 174 "grammar/parser.y"
                          { (yyval.TOK_ends) = arena_alloc(A, sizeof *(yyval.TOK_ends)); (yyval.TOK_ends)->names = (yyvsp[-2].TOK_names); (yyval.TOK_ends)->bracketed = true; (yyval.TOK_ends)->span = (yyloc); }
#line 1816 "build-lsp/parser.c"
    break;

  case 44: /* names: "name"  */
#line 178 "grammar/parser.y"
                          { (yyval.TOK_names) = (PtrVec){0}; vec_push(A, &(yyval.TOK_names), ast_ident(A, (yyvsp[0].TOK_IDENT), (yylsp[0]))); }
#line 1822 "build-lsp/parser.c"
    break;

  case 45: /* names: names ',' "name"  */
#line 179 "grammar/parser.y"
                          { (yyval.TOK_names) = (yyvsp[-2].TOK_names); vec_push(A, &(yyval.TOK_names), ast_ident(A, (yyvsp[0].TOK_IDENT), (yylsp[0]))); }
#line 1828 "build-lsp/parser.c"
    break;

  case 46: /* setting: "name" '=' value  */
#line 184 "grammar/parser.y"
        { (yyval.TOK_setting) = arena_alloc(A, sizeof *(yyval.TOK_setting)); (yyval.TOK_setting)->name = (Ident){(yyvsp[-2].TOK_IDENT), (yylsp[-2])}; (yyval.TOK_setting)->value = (yyvsp[0].TOK_value); (yyval.TOK_setting)->span = (yyloc); }
#line 1834 "build-lsp/parser.c"
    break;

  case 47: /* opt_block: %empty  */
#line 188 "grammar/parser.y"
               { (yyval.TOK_opt_block) = NULL; }
#line 1840 "build-lsp/parser.c"
    break;

  case 49: /* block: '{' settings '}'  */
#line 194 "grammar/parser.y"
                          { (yyval.TOK_block) = (yyvsp[-1].TOK_settings); (yyval.TOK_block)->span = (yyloc); }
#line 1846 "build-lsp/parser.c"
    break;

  case 50: /* settings: setting_empty  */
#line 198 "grammar/parser.y"
                             { (yyval.TOK_settings) = arena_alloc(A, sizeof *(yyval.TOK_settings)); }
#line 1852 "build-lsp/parser.c"
    break;

  case 51: /* settings: setting  */
#line 199 "grammar/parser.y"
                             { (yyval.TOK_settings) = arena_alloc(A, sizeof *(yyval.TOK_settings)); vec_push(A, &(yyval.TOK_settings)->settings, (yyvsp[0].TOK_setting)); }
#line 1858 "build-lsp/parser.c"
    break;

  case 52: /* settings: settings bsep setting  */
#line 200 "grammar/parser.y"
                             { (yyval.TOK_settings) = (yyvsp[-2].TOK_settings); vec_push(A, &(yyval.TOK_settings)->settings, (yyvsp[0].TOK_setting)); }
#line 1864 "build-lsp/parser.c"
    break;

  case 53: /* settings: settings bsep setting_empty  */
#line 201 "grammar/parser.y"
                                  { (yyval.TOK_settings) = (yyvsp[-2].TOK_settings); }
#line 1870 "build-lsp/parser.c"
    break;

  case 61: /* value: scalar ".." scalar  */
#line 210 "grammar/parser.y"
                          { (yyval.TOK_value) = ast_value(A, V_RANGE, (yyloc)); (yyval.TOK_value)->lo = (yyvsp[-2].TOK_scalar); (yyval.TOK_value)->hi = (yyvsp[0].TOK_scalar); }
#line 1876 "build-lsp/parser.c"
    break;

  case 63: /* value: "true"  */
#line 212 "grammar/parser.y"
                          { (yyval.TOK_value) = ast_value(A, V_BOOL, (yyloc)); (yyval.TOK_value)->i = 1; }
#line 1882 "build-lsp/parser.c"
    break;

  case 64: /* value: "false"  */
#line 213 "grammar/parser.y"
                          { (yyval.TOK_value) = ast_value(A, V_BOOL, (yyloc)); (yyval.TOK_value)->i = 0; }
#line 1888 "build-lsp/parser.c"
    break;

  case 65: /* value: "name"  */
#line 214 "grammar/parser.y"
                          { (yyval.TOK_value) = ast_value(A, V_IDENT, (yyloc)); (yyval.TOK_value)->str = (yyvsp[0].TOK_IDENT); }
#line 1894 "build-lsp/parser.c"
    break;

  case 67: /* value: block  */
#line 216 "grammar/parser.y"
                          { (yyval.TOK_value) = ast_value(A, V_BLOCK, (yyloc)); (yyval.TOK_value)->block = (yyvsp[0].TOK_block); }
#line 1900 "build-lsp/parser.c"
    break;

  case 68: /* list: '[' ']'  */
#line 220 "grammar/parser.y"
                          { (yyval.TOK_list) = ast_value(A, V_LIST, (yyloc)); }
#line 1906 "build-lsp/parser.c"
    break;

  case 69: /* list: '[' values ']'  */
#line 221 "grammar/parser.y"
                          { (yyval.TOK_list) = (yyvsp[-1].TOK_values); (yyval.TOK_list)->span = (yyloc); }
#line 1912 "build-lsp/parser.c"
    break;

  case 70: /* list: '[' values ',' ']'  */
#line 222 "grammar/parser.y"
                          { (yyval.TOK_list) = (yyvsp[-2].TOK_values); (yyval.TOK_list)->span = (yyloc); }
#line 1918 "build-lsp/parser.c"
    break;

  case 71: /* values: value  */
#line 226 "grammar/parser.y"
                          { (yyval.TOK_values) = ast_value(A, V_LIST, (yyloc)); vec_push(A, &(yyval.TOK_values)->list, (yyvsp[0].TOK_value)); }
#line 1924 "build-lsp/parser.c"
    break;

  case 72: /* values: values ',' value  */
#line 227 "grammar/parser.y"
                          { (yyval.TOK_values) = (yyvsp[-2].TOK_values); vec_push(A, &(yyval.TOK_values)->list, (yyvsp[0].TOK_value)); }
#line 1930 "build-lsp/parser.c"
    break;

  case 73: /* service: "service" "name" opt_title '{' members '}'  */
#line 233 "grammar/parser.y"
        { (yyval.TOK_service) = (yyvsp[-1].TOK_members); (yyval.TOK_service)->kind = IT_SERVICE; (yyval.TOK_service)->span = (yyloc); (yyval.TOK_service)->name = (Ident){(yyvsp[-4].TOK_IDENT), (yylsp[-4])};
          (yyval.TOK_service)->title = (yyvsp[-3].TOK_opt_title); (yyval.TOK_service)->title_span = (yylsp[-3]); }
#line 1937 "build-lsp/parser.c"
    break;

  case 74: /* typedecl: "type" "name" '{' members '}'  */
#line 240 "grammar/parser.y"
        { (yyval.TOK_typedecl) = (yyvsp[-1].TOK_members); (yyval.TOK_typedecl)->kind = IT_TYPE; (yyval.TOK_typedecl)->span = (yyloc); (yyval.TOK_typedecl)->name = (Ident){(yyvsp[-3].TOK_IDENT), (yylsp[-3])}; }
#line 1943 "build-lsp/parser.c"
    break;

  case 75: /* members: member_empty  */
#line 244 "grammar/parser.y"
                                { (yyval.TOK_members) = ast_item(A, IT_SERVICE, (yyloc)); }
#line 1949 "build-lsp/parser.c"
    break;

  case 76: /* members: setting  */
#line 245 "grammar/parser.y"
                                { (yyval.TOK_members) = ast_item(A, IT_SERVICE, (yyloc)); item_member(A, (yyval.TOK_members), (yyvsp[0].TOK_setting), false); }
#line 1955 "build-lsp/parser.c"
    break;

  case 77: /* members: propdecl  */
#line 246 "grammar/parser.y"
                                { (yyval.TOK_members) = ast_item(A, IT_SERVICE, (yyloc)); item_member(A, (yyval.TOK_members), (yyvsp[0].TOK_propdecl), true); }
#line 1961 "build-lsp/parser.c"
    break;

  case 78: /* members: members bsep setting  */
#line 247 "grammar/parser.y"
                                { (yyval.TOK_members) = (yyvsp[-2].TOK_members); item_member(A, (yyval.TOK_members), (yyvsp[0].TOK_setting), false); }
#line 1967 "build-lsp/parser.c"
    break;

  case 79: /* members: members bsep propdecl  */
#line 248 "grammar/parser.y"
                                { (yyval.TOK_members) = (yyvsp[-2].TOK_members); item_member(A, (yyval.TOK_members), (yyvsp[0].TOK_propdecl), true); }
#line 1973 "build-lsp/parser.c"
    break;

  case 80: /* members: members bsep member_empty  */
#line 249 "grammar/parser.y"
                                { (yyval.TOK_members) = (yyvsp[-2].TOK_members); }
#line 1979 "build-lsp/parser.c"
    break;

  case 83: /* propdecl: "name" ':' texpr opt_default  */
#line 256 "grammar/parser.y"
        { (yyval.TOK_propdecl) = arena_alloc(A, sizeof *(yyval.TOK_propdecl)); (yyval.TOK_propdecl)->name = (Ident){(yyvsp[-3].TOK_IDENT), (yylsp[-3])}; (yyval.TOK_propdecl)->type = (yyvsp[-1].TOK_texpr);
          (yyval.TOK_propdecl)->deflt = (yyvsp[0].TOK_opt_default); (yyval.TOK_propdecl)->span = (yyloc); }
#line 1986 "build-lsp/parser.c"
    break;

  case 84: /* opt_default: %empty  */
#line 261 "grammar/parser.y"
                  { (yyval.TOK_opt_default) = NULL; }
#line 1992 "build-lsp/parser.c"
    break;

  case 85: /* opt_default: '=' value  */
#line 262 "grammar/parser.y"
                  { (yyval.TOK_opt_default) = (yyvsp[0].TOK_value); }
#line 1998 "build-lsp/parser.c"
    break;

  case 86: /* texpr: "name"  */
#line 266 "grammar/parser.y"
                             { (yyval.TOK_texpr) = arena_alloc(A, sizeof *(yyval.TOK_texpr)); (yyval.TOK_texpr)->name = (Ident){(yyvsp[0].TOK_IDENT), (yylsp[0])}; (yyval.TOK_texpr)->span = (yyloc); }
#line 2004 "build-lsp/parser.c"
    break;

  case 87: /* texpr: "name" '(' targs ')'  */
#line 267 "grammar/parser.y"
                             { (yyval.TOK_texpr) = (yyvsp[-1].TOK_targs); (yyval.TOK_texpr)->name = (Ident){(yyvsp[-3].TOK_IDENT), (yylsp[-3])}; (yyval.TOK_texpr)->span = (yyloc); }
#line 2010 "build-lsp/parser.c"
    break;

  case 88: /* targs: targ  */
#line 271 "grammar/parser.y"
                             { (yyval.TOK_targs) = arena_alloc(A, sizeof *(yyval.TOK_targs)); vec_push(A, &(yyval.TOK_targs)->args, (yyvsp[0].TOK_targ)); }
#line 2016 "build-lsp/parser.c"
    break;

  case 89: /* targs: targs ',' targ  */
#line 272 "grammar/parser.y"
                             { (yyval.TOK_targs) = (yyvsp[-2].TOK_targs); vec_push(A, &(yyval.TOK_targs)->args, (yyvsp[0].TOK_targ)); }
#line 2022 "build-lsp/parser.c"
    break;

  case 91: /* targ: "string"  */
#line 277 "grammar/parser.y"
                             { (yyval.TOK_targ) = arena_alloc(A, sizeof *(yyval.TOK_targ)); (yyval.TOK_targ)->name = (Ident){(yyvsp[0].TOK_STRING)->str, (yylsp[0])};
                               (yyval.TOK_targ)->is_string = true; (yyval.TOK_targ)->span = (yyloc); }
#line 2029 "build-lsp/parser.c"
    break;

  case 92: /* targ: scalar ".." scalar  */
#line 279 "grammar/parser.y"
                             { (yyval.TOK_targ) = arena_alloc(A, sizeof *(yyval.TOK_targ)); (yyval.TOK_targ)->is_bound = true; (yyval.TOK_targ)->lo = (yyvsp[-2].TOK_scalar); (yyval.TOK_targ)->hi = (yyvsp[0].TOK_scalar); (yyval.TOK_targ)->span = (yyloc); }
#line 2035 "build-lsp/parser.c"
    break;

  case 93: /* targ: scalar ".."  */
#line 280 "grammar/parser.y"
                             { (yyval.TOK_targ) = arena_alloc(A, sizeof *(yyval.TOK_targ)); (yyval.TOK_targ)->is_bound = true; (yyval.TOK_targ)->lo = (yyvsp[-1].TOK_scalar); (yyval.TOK_targ)->span = (yyloc); }
#line 2041 "build-lsp/parser.c"
    break;

  case 94: /* targ: ".." scalar  */
#line 281 "grammar/parser.y"
                             { (yyval.TOK_targ) = arena_alloc(A, sizeof *(yyval.TOK_targ)); (yyval.TOK_targ)->is_bound = true; (yyval.TOK_targ)->hi = (yyvsp[0].TOK_scalar); (yyval.TOK_targ)->span = (yyloc); }
#line 2047 "build-lsp/parser.c"
    break;

  case 95: /* link: "link" ends "->" ends "via" "string" opt_block  */
#line 287 "grammar/parser.y"
        { (yyval.TOK_link) = ast_item(A, IT_LINK, (yyloc)); (yyval.TOK_link)->from = (yyvsp[-5].TOK_ends); (yyval.TOK_link)->to = (yyvsp[-3].TOK_ends); (yyval.TOK_link)->title = (yyvsp[-1].TOK_STRING)->str;
          (yyval.TOK_link)->title_span = (yylsp[-1]); (yyval.TOK_link)->block = (yyvsp[0].TOK_opt_block); }
#line 2054 "build-lsp/parser.c"
    break;

  case 96: /* family: "family" "name" opt_title '[' names ']' opt_block  */
#line 294 "grammar/parser.y"
        { (yyval.TOK_family) = ast_item(A, IT_FAMILY, (yyloc)); (yyval.TOK_family)->name = (Ident){(yyvsp[-5].TOK_IDENT), (yylsp[-5])}; (yyval.TOK_family)->title = (yyvsp[-4].TOK_opt_title);
          (yyval.TOK_family)->title_span = (yylsp[-4]); (yyval.TOK_family)->members = (yyvsp[-2].TOK_names); (yyval.TOK_family)->block = (yyvsp[0].TOK_opt_block); }
#line 2061 "build-lsp/parser.c"
    break;

  case 97: /* category: "name" "name" opt_title opt_block  */
#line 301 "grammar/parser.y"
        {
          if (strcmp((yyvsp[-3].TOK_IDENT), "category") != 0) {
              Diagnostic *g = diag_add(ST->diags, SEV_ERROR, "E101", ST->src, (yylsp[-3]),
                                       "unexpected name '%s' at the top level", (yyvsp[-3].TOK_IDENT));
              diag_help(ST->diags, g, "components, flows and settings go inside `pipeline NAME { ... }`");
          }
          (yyval.TOK_category) = ast_item(A, IT_CATEGORY, (yyloc)); (yyval.TOK_category)->name = (Ident){(yyvsp[-2].TOK_IDENT), (yylsp[-2])}; (yyval.TOK_category)->title = (yyvsp[-1].TOK_opt_title);
          (yyval.TOK_category)->title_span = (yylsp[-1]); (yyval.TOK_category)->block = (yyvsp[0].TOK_opt_block);
        }
#line 2075 "build-lsp/parser.c"
    break;


#line 2079 "build-lsp/parser.c"

        default: break;
      }
    if (yychar_backup != yychar)
      YY_LAC_DISCARD ("yychar change");
  }
  /* User semantic actions sometimes alter yychar, and that requires
     that yytoken be updated with the new translation.  We take the
     approach of translating immediately before every use of yytoken.
     One alternative is translating here after every semantic action,
     but that translation would be missed if the semantic action invokes
     YYABORT, YYACCEPT, or YYERROR immediately after altering yychar or
     if it invokes YYBACKUP.  In the case of YYABORT or YYACCEPT, an
     incorrect destructor might then be invoked immediately.  In the
     case of YYERROR or YYBACKUP, subsequent parser actions might lead
     to an incorrect destructor call or verbose syntax error message
     before the lookahead is translated.  */
  YY_SYMBOL_PRINT ("-> $$ =", YY_CAST (yysymbol_kind_t, yyr1[yyn]), &yyval, &yyloc);

  YYPOPSTACK (yylen);
  yylen = 0;

  *++yyvsp = yyval;
  *++yylsp = yyloc;

  /* Now 'shift' the result of the reduction.  Determine what state
     that goes to, based on the state we popped back to and the rule
     number reduced by.  */
  {
    const int yylhs = yyr1[yyn] - YYNTOKENS;
    const int yyi = yypgoto[yylhs] + *yyssp;
    yystate = (0 <= yyi && yyi <= YYLAST && yycheck[yyi] == *yyssp
               ? yytable[yyi]
               : yydefgoto[yylhs]);
  }

  goto yynewstate;


/*--------------------------------------.
| yyerrlab -- here on detecting error.  |
`--------------------------------------*/
yyerrlab:
  /* Make sure we have latest lookahead translation.  See comments at
     user semantic actions for why this is necessary.  */
  yytoken = yychar == TOK_PIPE_YYEMPTY ? YYSYMBOL_YYEMPTY : YYTRANSLATE (yychar);
  /* If not already recovering from an error, report this error.  */
  if (!yyerrstatus)
    {
      ++yynerrs;
      {
        yypcontext_t yyctx
          = {yyssp, yyesa, &yyes, &yyes_capacity, yytoken, &yylloc};
        if (yychar != TOK_PIPE_YYEMPTY)
          YY_LAC_ESTABLISH;
        if (yyreport_syntax_error (&yyctx, scanner) == 2)
          YYNOMEM;
      }
    }

  yyerror_range[1] = yylloc;
  if (yyerrstatus == 3)
    {
      /* If just tried and failed to reuse lookahead token after an
         error, discard it.  */

      if (yychar <= TOK_YYEOF)
        {
          /* Return failure if at end of input.  */
          if (yychar == TOK_YYEOF)
            YYABORT;
        }
      else
        {
          yydestruct ("Error: discarding",
                      yytoken, &yylval, &yylloc, scanner);
          yychar = TOK_PIPE_YYEMPTY;
        }
    }

  /* Else will try to reuse lookahead token after shifting the error
     token.  */
  goto yyerrlab1;


/*---------------------------------------------------.
| yyerrorlab -- error raised explicitly by YYERROR.  |
`---------------------------------------------------*/
yyerrorlab:
  /* Pacify compilers when the user code never invokes YYERROR and the
     label yyerrorlab therefore never appears in user code.  */
  if (0)
    YYERROR;
  ++yynerrs;

  /* Do not reclaim the symbols of the rule whose action triggered
     this YYERROR.  */
  YYPOPSTACK (yylen);
  yylen = 0;
  YY_STACK_PRINT (yyss, yyssp);
  yystate = *yyssp;
  goto yyerrlab1;


/*-------------------------------------------------------------.
| yyerrlab1 -- common code for both syntax error and YYERROR.  |
`-------------------------------------------------------------*/
yyerrlab1:
  yyerrstatus = 3;      /* Each real token shifted decrements this.  */

  /* Pop stack until we find a state that shifts the error token.  */
  for (;;)
    {
      yyn = yypact[yystate];
      if (!yypact_value_is_default (yyn))
        {
          yyn += YYSYMBOL_YYerror;
          if (0 <= yyn && yyn <= YYLAST && yycheck[yyn] == YYSYMBOL_YYerror)
            {
              yyn = yytable[yyn];
              if (0 < yyn)
                break;
            }
        }

      /* Pop the current state because it cannot handle the error token.  */
      if (yyssp == yyss)
        YYABORT;

      yyerror_range[1] = *yylsp;
      yydestruct ("Error: popping",
                  YY_ACCESSING_SYMBOL (yystate), yyvsp, yylsp, scanner);
      YYPOPSTACK (1);
      yystate = *yyssp;
      YY_STACK_PRINT (yyss, yyssp);
    }

  /* If the stack popping above didn't lose the initial context for the
     current lookahead token, the shift below will for sure.  */
  YY_LAC_DISCARD ("error recovery");

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END

  yyerror_range[2] = yylloc;
  ++yylsp;
  YYLLOC_DEFAULT (*yylsp, yyerror_range, 2);

  /* Shift the error token.  */
  YY_SYMBOL_PRINT ("Shifting", YY_ACCESSING_SYMBOL (yyn), yyvsp, yylsp);

  yystate = yyn;
  goto yynewstate;


/*-------------------------------------.
| yyacceptlab -- YYACCEPT comes here.  |
`-------------------------------------*/
yyacceptlab:
  yyresult = 0;
  goto yyreturnlab;


/*-----------------------------------.
| yyabortlab -- YYABORT comes here.  |
`-----------------------------------*/
yyabortlab:
  yyresult = 1;
  goto yyreturnlab;


/*-----------------------------------------------------------.
| yyexhaustedlab -- YYNOMEM (memory exhaustion) comes here.  |
`-----------------------------------------------------------*/
yyexhaustedlab:
  yyerror (&yylloc, scanner, YY_("memory exhausted"));
  yyresult = 2;
  goto yyreturnlab;


/*----------------------------------------------------------.
| yyreturnlab -- parsing is finished, clean up and return.  |
`----------------------------------------------------------*/
yyreturnlab:
  if (yychar != TOK_PIPE_YYEMPTY)
    {
      /* Make sure we have latest lookahead translation.  See comments at
         user semantic actions for why this is necessary.  */
      yytoken = YYTRANSLATE (yychar);
      yydestruct ("Cleanup: discarding lookahead",
                  yytoken, &yylval, &yylloc, scanner);
    }
  /* Do not reclaim the symbols of the rule whose action triggered
     this YYABORT or YYACCEPT.  */
  YYPOPSTACK (yylen);
  YY_STACK_PRINT (yyss, yyssp);
  while (yyssp != yyss)
    {
      yydestruct ("Cleanup: popping",
                  YY_ACCESSING_SYMBOL (+*yyssp), yyvsp, yylsp, scanner);
      YYPOPSTACK (1);
    }
#ifndef yyoverflow
  if (yyss != yyssa)
    YYSTACK_FREE (yyss);
#endif
  if (yyes != yyesa)
    YYSTACK_FREE (yyes);

  return yyresult;
}

#line 312 "grammar/parser.y"


static Ends *ends_one(Arena *a, const char *name, Span span)
{
    Ends *e = arena_alloc(a, sizeof *e);
    vec_push(a, &e->names, ast_ident(a, name, span));
    e->span = span;
    return e;
}

static void add_hop(Arena *a, Stmt *flow, Span arrow, Ends *next)
{
    Span *sp = arena_alloc(a, sizeof *sp);
    *sp = arrow;
    vec_push(a, &flow->arrows, sp);
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

static void pipe_yyerror(Span *loc, yyscan_t scanner, const char *msg)
{
    LexState *st = ST;
    if (st->aborted)
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
    else if (name[0] == '"' && n >= 2) /* "->" as bison spells an alias */
        sb_printf(b, "'%.*s'", (int)(n - 2), name + 1);
    else
        sb_puts(b, name); /* '{' is already quoted */
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner)
{
    LexState *st = ST;
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
