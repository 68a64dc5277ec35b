/* Subcommands that are not built yet say so plainly (exit 2). */
#include <stdio.h>

#include "cli.h"

static int pending(const char *name)
{
    fprintf(stderr, "pipec: '%s' is not built yet in this version\n", name);
    return 2;
}

int cmd_lsp(int argc, char **argv) { (void)argc; (void)argv; return pending("lsp"); }
