/* Options shared by the subcommands, and the table of subcommands. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"

const Command cli_commands[] = {
    {"check", cmd_check}, {"build", cmd_build},     {"fmt", cmd_fmt},
    {"services", cmd_services}, {"explain", cmd_explain}, {"lsp", cmd_lsp},
    {NULL, NULL},
};

static bool color_auto(void)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(STDERR_FILENO) && !(nc && *nc);
}

void cli_defaults(CommonOptions *o)
{
    memset(o, 0, sizeof *o);
    o->format = FMT_HUMAN;
    o->color = color_auto();
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pipec: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'pipec --help'.\n", stderr);
    va_end(ap);
    return 2;
}

const char *cli_flag_value(int argc, char **argv, int *i, const char *shortf, const char *longf)
{
    const char *a = argv[*i];
    size_t n = longf ? strlen(longf) : 0;
    if ((shortf && strcmp(a, shortf) == 0) || (longf && strcmp(a, longf) == 0)) {
        if (*i + 1 >= argc)
            return NULL;
        return argv[++*i];
    }
    if (longf && strncmp(a, longf, n) == 0 && a[n] == '=')
        return a + n + 1;
    if (shortf && strncmp(a, shortf, strlen(shortf)) == 0 && a[strlen(shortf)])
        return a + strlen(shortf);
    return NULL;
}

static bool is_flag(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

int cli_common_flag(int argc, char **argv, int *i, CommonOptions *o)
{
    const char *a = argv[*i];
    const char *v;
    if (strcmp(a, "--werror") == 0) {
        o->werror = true;
        return 1;
    }
    if (strcmp(a, "--no-stdlib") == 0) {
        o->load.no_stdlib = true;
        return 1;
    }
    if (is_flag(a, "--format")) {
        if (!(v = cli_flag_value(argc, argv, i, NULL, "--format")))
            return cli_usage_error("--format needs a value"), -1;
        static const char *const names[] = {"human", "gcc", "json", "sarif", "github"};
        for (int k = 0; k < 5; k++)
            if (strcmp(v, names[k]) == 0) {
                o->format = (DiagFormat)k;
                return 1;
            }
        cli_usage_error("unknown format '%s' (human, gcc, json, sarif, github)", v);
        return -1;
    }
    if (is_flag(a, "--color") || is_flag(a, "--colour")) {
        v = cli_flag_value(argc, argv, i, NULL, a[6] == 'u' ? "--colour" : "--color");
        if (!v)
            return cli_usage_error("--color needs a value"), -1;
        const char *nc = getenv("NO_COLOR");
        if (strcmp(v, "always") == 0)
            o->color = !(nc && *nc);
        else if (strcmp(v, "never") == 0)
            o->color = false;
        else if (strcmp(v, "auto") == 0)
            o->color = color_auto();
        else
            return cli_usage_error("--color takes auto, always or never"), -1;
        return 1;
    }
    if (is_flag(a, "--stdin-filename")) {
        if (!(v = cli_flag_value(argc, argv, i, NULL, "--stdin-filename")))
            return cli_usage_error("--stdin-filename needs a value"), -1;
        o->stdin_name = v;
        return 1;
    }
    if (is_flag(a, "--stdlib")) {
        if (!(v = cli_flag_value(argc, argv, i, NULL, "--stdlib")))
            return cli_usage_error("--stdlib needs a folder"), -1;
        o->load.stdlib_dir = v;
        return 1;
    }
    return 0;
}

void cli_render_diags(DiagList *d, const CommonOptions *o, FILE *human_out)
{
    diag_sort(d);
    switch (o->format) {
    case FMT_HUMAN: diag_render_human(d, human_out, o->color); break;
    case FMT_GCC: diag_render_gcc(d, human_out); break;
    case FMT_GITHUB: diag_render_github(d, stdout); break;
    case FMT_JSON: diag_render_json(d, stdout); break;
    case FMT_SARIF:
        diag_render_sarif(d, stdout, PIPEC_VERSION, code_rules(), code_rule_count());
        break;
    }
    fflush(stdout);
}
