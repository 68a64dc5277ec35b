/* pipec: the command line. Subcommands, options and exit status only. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: pipec check [--format human|gcc|json|sarif|github] [--werror] FILE...\n"
          "       pipec build -T dot|svg|png|pdf|md|cfn|cfn-json [-o OUT] FILE\n"
          "       pipec fmt [--check | --diff] FILE...\n"
          "       pipec services [NAME]\n"
          "       pipec explain CODE\n"
          "       pipec lsp\n"
          "       pipec --version | --help\n"
          "\n"
          "common options: --color auto|always|never, --stdin-filename NAME,\n"
          "                --stdlib DIR, --no-stdlib\n"
          "FILE '-' reads standard input. Exit status: 0 ok, 1 errors in the input,\n"
          "2 usage, I/O or internal error.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("pipec %s\n", PIPEC_VERSION);
        return 0;
    }
    for (const Command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, cmd) == 0)
            return c->run(argc - 1, argv + 1);
    fprintf(stderr, "pipec: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
