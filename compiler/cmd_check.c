/* pipec check FILE...: lint many files in one run (pre-commit passes batches). */
#include <string.h>

#include "cli.h"
#include "compile.h"

int cmd_check(int argc, char **argv)
{
    CommonOptions o;
    cli_defaults(&o);
    const char *files[argc];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        int r = cli_common_flag(argc, argv, &i, &o);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("check: unknown option '%s'", argv[i]);
        files[nfiles++] = argv[i];
    }
    if (nfiles == 0)
        return cli_usage_error("check: no input files");

    /* One arena for the whole run: every file's diagnostics render together
     * (one JSON or SARIF document), sorted by file, line and column. */
    Compilation all;
    compilation_init(&all);
    bool failed = false, io_error = false;
    for (int i = 0; i < nfiles; i++) {
        Compilation c = all;
        c.prog = (Program){.next_source_id = all.prog.next_source_id};
        c.model = NULL;
        c.catalog = NULL;
        const char *display = strcmp(files[i], "-") == 0
                                  ? (o.stdin_name ? o.stdin_name : "<stdin>") : files[i];
        if (compile_path(&c, &o.load, files[i], display) != COMPILE_OK)
            io_error = true;
        failed |= compilation_failed(&c, o.werror);
        all.diags = c.diags;
        all.prog.next_source_id = c.prog.next_source_id;
    }
    cli_render_diags(&all.diags, &o, stderr);
    compilation_free(&all);
    return io_error ? 2 : failed ? 1 : 0;
}
