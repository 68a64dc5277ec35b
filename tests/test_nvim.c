/* The language server with a real client: headless Neovim (Debian's
 * `neovim`, 0.7.2) runs tests/nvim/pipe_lsp_test.lua against `pipec lsp`.
 * Skipped, with the reason printed, when nvim is not installed. */
#include "helpers.h"

#include <limits.h>
#include <sys/stat.h>

/* The .pipe file the Lua script expects (see its header). */
static const char *NVIM_DOC = "pipeline t {\n"
                              "  lbl : s3 \"é😀\"; q -> w\n"
                              "  q : sqs\n"
                              "  w : redshift\n"
                              "  events : kinesis_streams { shards = 2 }\n"
                              "  fn : lambda\n"
                              "  events   ->    fn\n"
                              "}\n";

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

Test(nvim, lsp_end_to_end, .timeout = 120)
{
    if (system("command -v nvim >/dev/null 2>&1") != 0) {
        printf("test_nvim: skipped: nvim not found (install the Debian package `neovim`)\n");
        fflush(stdout);
        cr_skip_test("nvim not found (install the Debian package `neovim`)");
    }
    char pipec[PATH_MAX], script[PATH_MAX];
    cr_assert_not_null(realpath(test_pipec(), pipec), "no pipec at %s", test_pipec());
    char *lua = test_path("tests/nvim/pipe_lsp_test.lua");
    cr_assert_not_null(realpath(lua, script), "no %s", lua);
    free(lua);

    char dir[] = "/tmp/pipec-nvim-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *doc, *wrapper, *wrapper_text, *out_path, *cmd;
    cr_assert(asprintf(&doc, "%s/test.pipe", dir) > 0 && asprintf(&wrapper, "%s/pipels", dir) > 0 &&
              asprintf(&out_path, "%s/out", dir) > 0 &&
              asprintf(&wrapper_text, "#!/bin/sh\nexec '%s' lsp \"$@\"\n", pipec) > 0);
    write_file(doc, NVIM_DOC, 0644);
    write_file(wrapper, wrapper_text, 0755);
    cr_assert(asprintf(&cmd,
                       "cd '%s' && HOME='%s' XDG_CACHE_HOME='%s' XDG_STATE_HOME='%s' "
                       "XDG_DATA_HOME='%s' XDG_CONFIG_HOME='%s' PIPELS='%s' PIPEFILE='%s' "
                       "PIPEC='%s' timeout 100 nvim --headless -u NONE -i NONE -n "
                       "-c 'luafile %s' >'%s' 2>&1 </dev/null",
                       dir, dir, dir, dir, dir, dir, wrapper, doc, pipec, script, out_path) > 0);
    int st = system(cmd);
    char *out = test_read_file(out_path, NULL);
    int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    cr_log_info("%s", out ? out : "");
    cr_assert_eq(rc, 0, "nvim exited with %d:\n%s", rc, out ? out : "");
    cr_assert(out && strstr(out, "lsp e2e: ") && strstr(out, " passed, 0 failed"), "%s",
              out ? out : "");
    cr_assert_null(strstr(out, "not ok"), "%s", out);
    free(out);
    char *rm;
    cr_assert(asprintf(&rm, "rm -rf '%s'", dir) > 0);
    cr_assert_eq(system(rm), 0);
    free(rm);
    free(doc);
    free(wrapper);
    free(wrapper_text);
    free(out_path);
    free(cmd);
}
