/* Subcommands of pipec and the options they share. */
#ifndef PIPE_CLI_H
#define PIPE_CLI_H
#include <stdbool.h>
#include <stdio.h>

#include "parse.h"

#define PIPEC_VERSION "0.1.0"

typedef enum { FMT_HUMAN, FMT_GCC, FMT_JSON, FMT_SARIF, FMT_GITHUB } DiagFormat;

typedef struct CommonOptions {
    DiagFormat format;
    bool color;
    bool werror;
    const char *stdin_name;
    LoadOptions load;
} CommonOptions;

typedef struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
} Command;

extern const Command cli_commands[];

void cli_defaults(CommonOptions *o);
/* Takes the shared option at argv[*i] (advancing *i past its value).
 * Returns 1 if taken, 0 if it is not a shared option, -1 on a usage error. */
int cli_common_flag(int argc, char **argv, int *i, CommonOptions *o);
/* Value of `-o X`, `--opt X` or `--opt=X` at argv[*i]; NULL if absent. */
const char *cli_flag_value(int argc, char **argv, int *i, const char *shortf, const char *longf);
/* Renders diagnostics in the chosen format: human and gcc to human_out,
 * json and sarif to standard output. */
void cli_render_diags(DiagList *d, const CommonOptions *o, FILE *human_out);
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_services(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_lsp(int argc, char **argv);

#endif
