/* Editor support (editors/), each part run in the real tool:
 *  - the VS Code TextMate grammar, tokenized by vscode-textmate and
 *    vscode-oniguruma (tests/editors/tokenize.js), and the extension manifest;
 *  - Vim's syntax groups, ftplugin settings and indentation (vim, or nvim),
 *    `:make` through compiler/pipec.vim into the quickfix list, :PipeFormat;
 *  - Emacs's pipe-mode: byte-compiled without warnings, its faces, settings,
 *    indentation, and compilation-mode reading `pipec check --format gcc`;
 *  - every file of examples/ and stdlib/: no error highlighting in any of the
 *    three, and re-indenting changes nothing (Vim, Emacs);
 *  - the built-in service ids of the three grammars against `pipec services`,
 *    and editors/update-service-ids.sh catching up with a new service;
 *  - the Neovim snippet of editors/README.md against `pipec lsp`.
 * A missing tool skips its test with the reason printed; it never fails it. */
#include "helpers.h"

#include <limits.h>
#include <stdarg.h>

#define sh test_sh

static bool have(const char *tool)
{
    return sh("command -v %s >/dev/null 2>&1", tool) == 0;
}

#define SKIP(...)                                                   \
    do {                                                            \
        fprintf(stderr, "test_editors: skipped: " __VA_ARGS__);     \
        fputc('\n', stderr);                                        \
        cr_skip_test(__VA_ARGS__);                                  \
    } while (0)

/* Absolute paths: the editors run in other folders. */
static char *abs_path(const char *p)
{
    char buf[PATH_MAX];
    cr_assert_not_null(realpath(p, buf), "no such file: %s", p);
    return strdup(buf);
}

static char *root(void) { return abs_path(test_root()); }

static char *pipec(void) { return abs_path(test_pipec()); }

static char *tmpdir(void)
{
    char *d = strdup("/tmp/pipec-editors-XXXXXX");
    cr_assert_not_null(mkdtemp(d));
    return d;
}

static char *join(const char *dir, const char *name)
{
    char *p;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

static char *slurp(const char *dir, const char *name)
{
    char *p = join(dir, name);
    char *s = test_read_file(p, NULL);
    free(p);
    return s ? s : strdup("");
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char *p = join(dir, name);
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f, "cannot write %s", p);
    fputs(text, f);
    fclose(f);
    free(p);
}

/* True if `text` has a line that is exactly `line`. */
static bool has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return true;
    return false;
}

/* Line `lnum` (1-based) of `text`, malloc'd. */
static char *nth_line(const char *text, int lnum)
{
    const char *p = text;
    for (int i = 1; i < lnum && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    cr_assert_not_null(p, "no line %d", lnum);
    return strndup(p, strcspn(p, "\n"));
}

/* The group (or face) at line:col of a dump of `LINE:COL:NAME` lines that
 * give the first column of each run: the last run on that line at or before
 * col. "" if the dump says nothing there. */
static void group_at(const char *dump, int lnum, int col, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = dump; *p; ) {
        int l, c;
        char name[128];
        if (sscanf(p, "%d:%d:%127[^\n]", &l, &c, name) == 3 && l == lnum && c <= col)
            snprintf(out, size, "%s", name);
        p += strcspn(p, "\n");
        if (*p)
            p++;
    }
}

/* Asserts that every column of the nth (0-based) occurrence of `needle` on
 * line `lnum` of `source` has the group `want` in `dump`. */
static void expect_at(const char *what, const char *source, const char *dump, int lnum,
                      const char *needle, int nth, const char *want)
{
    char *line = nth_line(source, lnum);
    const char *at = line - 1;
    for (int i = 0; i <= nth && at; i++)
        at = strstr(at + 1, needle);
    cr_assert_not_null(at, "%s: `%s` is not on line %d", what, needle, lnum);
    int col = (int)(at - line) + 1;
    for (int c = col; c < col + (int)strlen(needle); c++) {
        char got[128];
        group_at(dump, lnum, c, got, sizeof got);
        if (strcmp(got, want) != 0) {
            cr_expect_fail("%s %d:%d (`%s`): got %s, want %s", what, lnum, c, needle, got, want);
            break;
        }
    }
    free(line);
}

/* Lists the .pipe files of examples/ and stdlib/ into dir/clean; returns how many. */
static int list_real_files(const char *root_dir, const char *dir)
{
    cr_assert_eq(sh("ls '%s'/examples/*.pipe '%s'/stdlib/*.pipe >'%s/clean'", root_dir, root_dir, dir), 0);
    char *list = slurp(dir, "clean");
    int n = 0;
    for (const char *q = list; *q; q++)
        n += *q == '\n';
    free(list);
    cr_assert_gt(n, 0);
    return n;
}

/* Asserts `clean N files` and no `dirty` line in a script's output. */
static void expect_clean(const char *what, const char *out, int n)
{
    char *line;
    if (asprintf(&line, "clean %d files", n) < 0)
        abort();
    cr_expect(has_line(out, line), "%s: want `%s`:\n%s", what, line, out);
    free(line);
    const char *dirty = strstr(out, "dirty ");
    cr_expect_null(dirty, "%s: errors shown or indentation changed in examples/ or stdlib/:\n%s", what,
                   dirty ? dirty : "");
}

/* ---- VS Code ------------------------------------------------------------ */

Test(editors, vscode_grammar, .timeout = 300)
{
    if (!have("node"))
        SKIP("node is not installed (Debian: nodejs), the VS Code grammar is not tested");
    char *r = root(), *p = pipec(), *d = tmpdir();
    char *mods = join(r, "tests/editors/node_modules/vscode-textmate");
    if (access(mods, F_OK) != 0) {
        if (!have("npm"))
            SKIP("npm is not installed (Debian: npm), cannot install vscode-textmate");
        if (sh("npm ci --prefix '%s/tests/editors' --no-audit --no-fund >'%s/npm' 2>&1", r, d) != 0) {
            char *log = slurp(d, "npm");
            fprintf(stderr, "%s", log);
            free(log);
            free(mods);
            free(r);
            free(p);
            free(d);
            SKIP("`npm ci` in tests/editors failed (no access to the npm registry?)");
        }
    }
    free(mods);
    int rc = sh("cd '%s' && ROOT='%s' PIPEC='%s' node tests/editors/tokenize.js >'%s/out' 2>&1",
                r, r, p, d);
    char *out = slurp(d, "out");
    cr_assert_eq(rc, 0, "tokenize.js failed:\n%s", out);
    cr_assert_null(strstr(out, "FAIL"), "%s", out);
    cr_assert_not_null(strstr(out, "\nok "), "%s", out);
    /* The grammar's ids were compared with `pipec services`, not skipped. */
    cr_assert_not_null(strstr(out, "from pipec services"), "%s", out);
    /* Nothing in examples/ and stdlib/ is marked invalid. */
    cr_assert_not_null(strstr(out, "clean: "), "%s", out);
    free(out);
    sh("rm -rf '%s'", d);
    free(r);
    free(p);
    free(d);
}

/* ---- Vim ---------------------------------------------------------------- */

/* The editor command: $PIPE_TEST_VIM, else vim, else Neovim; NULL if none. */
static const char *vim_command(void)
{
    const char *v = getenv("PIPE_TEST_VIM");
    if (v && *v)
        return v;
    if (have("vim"))
        return "vim -Nu NONE -i NONE -es";
    if (have("nvim"))
        return "nvim -u NONE -i NONE -n -es";
    return NULL;
}

static const char *sample_rel = "tests/editors/sample.pipe";

Test(editors, vim_syntax, .timeout = 120)
{
    const char *vim = vim_command();
    if (!vim)
        SKIP("neither vim nor nvim is installed (Debian: vim-nox or neovim)");
    char *r = root(), *d = tmpdir();
    int nreal = list_real_files(r, d);
    int rc = sh("cd '%s' && PIPE_ROOT='%s' PIPE_SAMPLE='%s/%s' PIPE_REINDENT='%s/examples/clickstream.pipe' "
                "PIPE_CLEAN=clean PIPE_OUT='%s/out' timeout 100 %s -S '%s/tests/editors/vim-syntax.vim' "
                "</dev/null >'%s/log' 2>&1",
                d, r, r, sample_rel, r, d, vim, r, d);
    char *out = slurp(d, "out");
    char *log = slurp(d, "log");
    cr_assert_eq(rc, 0, "%s failed:\n%s\n%s", vim, log, out);

    /* ftdetect, ftplugin, compiler and indent files are picked up. */
    static const char *opts[] = {
        "opt filetype=pipe", "opt syntax=pipe", "opt commentstring=# %s", "opt shiftwidth=2",
        "opt expandtab=1", "opt formatprg=pipec fmt -",
        "opt makeprg=pipec check --format gcc %:S", "opt current_compiler=pipec",
        "opt indentexpr=GetPipeIndent(v:lnum)",
    };
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        cr_expect(has_line(out, opts[i]), "missing `%s` in:\n%s", opts[i], out);
    /* Re-indenting examples/clickstream.pipe from flat gives it back. */
    cr_expect(has_line(out, "indent ok"), "indentation differs:\n%s", out);
    /* No error groups in examples/ and stdlib/; re-indenting keeps them. */
    expect_clean("vim", out, nreal);

    char *path = join(r, sample_rel);
    char *src = test_read_file(path, NULL);
    cr_assert_not_null(src);
    static const struct { int line; const char *text; int nth; const char *group; } want[] = {
        {1, "# Every kind", 0, "pipeComment"},
        {2, "import", 0, "pipeKeyword"},
        {2, "\"lib/common.pipe\"", 0, "pipeString"},
        {4, "category", 0, "pipeKeyword"},
        {4, "onprem", 0, "pipeDeclName"},
        {4, "\"#5A6B86\"", 0, "pipeString"},
        {4, "=", 0, "pipeAssign"},
        {4, "true", 0, "pipeBoolean"},
        {6, "service", 0, "pipeKeyword"},
        {6, "kafka", 0, "pipeDeclName"},
        {7, "category", 0, "-"},           /* a setting inside a service */
        {8, "brokers", 0, "pipeComponent"},
        {8, "int", 0, "pipeType"},
        {8, "1", 0, "pipeNumber"},
        {8, "..", 0, "pipeRange"},
        {8, "100", 0, "pipeNumber"},
        {9, "duration", 0, "pipeType"},
        {9, "1h", 0, "pipeDuration"},
        {9, "7d", 0, "pipeDuration"},
        {10, "size", 0, "pipeType"},
        {10, "1GiB", 0, "pipeSize"},
        {13, "link", 0, "pipeKeyword"},
        {13, "->", 0, "pipeArrow"},
        {13, "kinesis_streams", 0, "-"},   /* not after `:` */
        {13, "via", 0, "pipeKeyword"},
        {14, "family", 0, "pipeKeyword"},
        {14, "r5", 0, "-"},
        {15, "type", 0, "pipeKeyword"},
        {15, "node", 0, "pipeDeclName"},
        {15, "instance", 0, "pipeComponent"},
        {15, "instance", 1, "pipeType"},
        {15, "count", 0, "pipeComponent"},
        {17, "pipeline", 0, "pipeKeyword"},
        {17, "demo", 0, "pipeDeclName"},
        {17, "Escapes: ", 0, "pipeString"},
        {17, "\\\"", 0, "pipeEscape"},
        {17, "\\\\", 0, "pipeEscape"},
        {17, "\\n", 0, "pipeEscape"},
        {17, "\\t", 0, "pipeEscape"},
        {17, "\\u{1F600}", 0, "pipeEscape"},
        {19, "group", 0, "pipeKeyword"},
        {19, "ingest", 0, "pipeDeclName"},
        {20, "events", 0, "pipeComponent"},
        {20, "kinesis_streams", 0, "pipeService"},
        {20, "1_000", 0, "pipeNumber"},
        {20, "48h", 0, "pipeDuration"},
        {22, "fn", 0, "pipeComponent"},
        {22, "lambda", 0, "pipeService"},
        {22, "512MB", 0, "pipeSize"},
        {22, "500ms", 0, "pipeDuration"},
        {22, "2.5", 0, "pipeNumber"},
        {23, "s3", 0, "pipeService"},
        {23, "false", 0, "pipeBoolean"},
        {24, "sqs", 0, "pipeService"},
        {24, "# ", 0, "pipeAllowComment"},
        {24, "pipe: allow", 0, "pipeAllowKeyword"},
        {24, "W401", 0, "pipeDiagCode"},
        {24, "W402", 0, "pipeDiagCode"},
        {25, "category", 0, "pipeComponent"}, /* a component may be called category */
        {25, "glue", 0, "pipeService"},
        {26, "events", 0, "-"},
        {26, "->", 0, "pipeArrow"},
        {26, "\"fan-out\"", 0, "pipeString"},
        {27, "2", 0, "pipeNumber"},
        {27, "..", 0, "pipeRange"},
        {27, "20", 0, "pipeNumber"},
        {28, "oops ", 0, "pipeString"},
        {28, "\\q", 0, "pipeEscapeError"},
        {29, "\"no end", 0, "pipeStringError"},
        {30, "10mb", 0, "pipeNumberError"},
        {31, "@", 0, "pipeBadChar"},
        {31, "x", 0, "-"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        expect_at("vim", src, out, want[i].line, want[i].text, want[i].nth, want[i].group);
    free(src);
    free(path);
    free(out);
    free(log);
    sh("rm -rf '%s'", d);
    free(r);
    free(d);
}

/* One `file:line:col: severity: message [CODE]` line of pipec's gcc output. */
typedef struct {
    int line, col;
    char type;
    char message[512];
} GccDiag;

static int parse_gcc(const char *text, GccDiag *out, int max)
{
    int n = 0;
    for (const char *p = text; *p && n < max; ) {
        char *line = strndup(p, strcspn(p, "\n"));
        char sev[16];
        int l, c, off = 0;
        if (sscanf(line, "%*[^:]:%d:%d: %15[a-z]: %n", &l, &c, sev, &off) == 3 && off > 0) {
            size_t len = strlen(line);
            bool coded = len > 6 && line[len - 1] == ']' && line[len - 6] == '[';
            /* Notes without a code of their own continue the entry above. */
            if (strcmp(sev, "note") != 0 || coded) {
                out[n].line = l;
                out[n].col = c;
                out[n].type = strcmp(sev, "error") == 0 ? 'E' : strcmp(sev, "warning") == 0 ? 'W' : 'I';
                snprintf(out[n].message, sizeof out[n].message, "%s", line + off);
                n++;
            }
        }
        free(line);
        p += strcspn(p, "\n");
        if (*p)
            p++;
    }
    return n;
}

/* A file with an E301, a W404 warning and a W408 hint, each with notes. */
static void write_make_pipe(const char *dir)
{
    write_text(dir, "make.pipe",
               "# an E301, a W404 warning and a W408 hint, each with notes\n"
               "pipeline broken {\n"
               "  jobs      : sqs\n"
               "  warehouse : redshift\n"
               "  spare     : s3\n"
               "  cluster   : emr { lifetime = long_running }\n"
               "  jobs -> warehouse\n"
               "  spare -> cluster -> spare\n"
               "}\n");
}

Test(editors, vim_make_quickfix, .timeout = 120)
{
    const char *vim = vim_command();
    if (!vim)
        SKIP("neither vim nor nvim is installed (Debian: vim-nox or neovim)");
    char *r = root(), *p = pipec(), *d = tmpdir();
    write_make_pipe(d);
    write_text(d, "broken.pipe", "pipeline p {\n  a : s3 {\n}\n");
    /* examples/clickstream.pipe with its indentation removed. */
    cr_assert_eq(sh("sed 's/^[[:space:]]*//' '%s/examples/clickstream.pipe' >'%s/cs.pipe'", r, d), 0);
    int rc = sh("cd '%s' && PIPE_ROOT='%s' PIPEC='%s' PIPE_FILE=make.pipe PIPE_BROKEN=broken.pipe "
                "PIPE_FORMAT=cs.pipe PIPE_OUT='%s/out' "
                "timeout 100 %s -S '%s/tests/editors/vim-make.vim' </dev/null >'%s/log' 2>&1",
                d, r, p, d, vim, r, d);
    char *out = slurp(d, "out");
    char *log = slurp(d, "log");
    cr_assert_eq(rc, 0, "%s failed:\n%s\n%s", vim, log, out);

    char *mp;
    if (asprintf(&mp, "opt makeprg=%s check --format gcc %%:S", p) < 0)
        abort();
    cr_expect(has_line(out, mp), "missing `%s` in:\n%s", mp, out);
    free(mp);

    /* The E301 of `jobs -> warehouse` points at `warehouse`, with its notes
     * (what Redshift accepts, the route to take) in the same entry. */
    const char *e301 = strstr(out, "\n7:11:E:1:make.pipe:");
    cr_assert_not_null(e301, "no E301 entry at 7:11 of type E:\n%s", out);
    char *entry = strndup(e301 + 1, strcspn(e301 + 1, "\n"));
    cr_expect_not_null(strstr(entry, "[E301] | "), "E301 without its notes: %s", entry);
    cr_expect_not_null(strstr(entry, "| help: route it through"), "E301 without its help: %s", entry);
    free(entry);

    /* Every diagnostic of pipec's own gcc output is one entry, in order, at
     * its line and column, of its type (note -> I), its text first. */
    cr_assert_eq(sh("cd '%s' && '%s' check --format gcc make.pipe >gcc 2>&1", d, p), 1);
    char *gcc = slurp(d, "gcc");
    GccDiag diags[32];
    int n = parse_gcc(gcc, diags, 32);
    cr_assert_geq(n, 3, "expected an error, a warning and a hint:\n%s", gcc);
    int entries = 0;
    for (const char *q = strchr(out, '\n'); q && q[1]; q = strchr(q + 1, '\n'))
        entries += q[1] >= '0' && q[1] <= '9'; /* LNUM:COL:... (not `format ...`) */
    cr_expect_eq(entries, n, "%d quickfix entries for %d diagnostics:\n%s\n---\n%s", entries, n,
                 out, gcc);
    bool types[3] = {false, false, false};
    const char *q = strchr(out, '\n');
    for (int i = 0; i < n && q; i++, q = strchr(q + 1, '\n')) {
        char *want;
        if (asprintf(&want, "%d:%d:%c:1:make.pipe:%s", diags[i].line, diags[i].col, diags[i].type,
                     diags[i].message) < 0)
            abort();
        cr_expect(strncmp(q + 1, want, strlen(want)) == 0, "entry %d: want `%s`, got `%.*s`", i + 1,
                  want, (int)strcspn(q + 1, "\n"), q + 1);
        types[diags[i].type == 'E' ? 0 : diags[i].type == 'W' ? 1 : 2] = true;
        free(want);
    }
    cr_expect(types[0] && types[1] && types[2], "want E, W and I entries:\n%s", out);

    /* :PipeFormat leaves a file that does not parse as it is and says why,
     * and gives a good file what `pipec fmt -` prints (or, while pipec cannot
     * format it, leaves it as it is too). */
    cr_expect(has_line(out, "format broken changed=0"), "%s", out);
    cr_expect_null(strstr(out, "format broken message=\n"), "no message from a failed format:\n%s", out);
    cr_expect_not_null(strstr(out, "format broken message="), "%s", out);
    int fmt_rc = sh("cd '%s' && '%s' fmt - <cs.pipe >cs.want 2>/dev/null", d, p);
    char *formatted = slurp(d, "out.fmt");
    char *expected = slurp(d, fmt_rc == 0 ? "cs.want" : "cs.pipe");
    cr_expect_str_eq(formatted, expected, ":PipeFormat (pipec fmt exit %d) gave:\n%s", fmt_rc, formatted);
    if (fmt_rc == 0) {
        char *flat = slurp(d, "cs.pipe");
        cr_expect_str_neq(formatted, flat, "pipec fmt left the flattened file as it was");
        free(flat);
    }
    free(formatted);
    free(expected);
    free(gcc);
    free(out);
    free(log);
    sh("rm -rf '%s'", d);
    free(r);
    free(p);
    free(d);
}

/* ---- Emacs -------------------------------------------------------------- */

Test(editors, emacs_mode, .timeout = 180)
{
    if (!have("emacs"))
        SKIP("emacs is not installed (Debian: emacs-nox), pipe-mode.el is not tested");
    char *r = root(), *d = tmpdir();
    cr_assert_eq(sh("cp '%s/editors/emacs/pipe-mode.el' '%s/'", r, d), 0);
    int rc = sh("cd '%s' && timeout 120 emacs -Q --batch -f batch-byte-compile pipe-mode.el "
                "</dev/null >compile.log 2>&1", d);
    char *log = slurp(d, "compile.log");
    cr_assert_eq(rc, 0, "byte-compile failed:\n%s", log);
    cr_expect_null(strstr(log, "Warning"), "byte-compile warnings:\n%s", log);
    cr_expect_null(strstr(log, "Error"), "byte-compile errors:\n%s", log);
    char *elc = join(d, "pipe-mode.elc");
    cr_assert_eq(access(elc, F_OK), 0, "no pipe-mode.elc:\n%s", log);
    free(elc);
    free(log);

    char *p = pipec();
    int nreal = list_real_files(r, d);
    write_make_pipe(d);
    cr_assert_eq(sh("cd '%s' && '%s' check --format gcc make.pipe >gcc 2>&1", d, p), 1);
    rc = sh("cd '%s' && PIPE_ELDIR='%s' PIPE_SAMPLE='%s/%s' PIPE_REINDENT='%s/examples/clickstream.pipe' "
            "PIPE_GCC=gcc PIPE_CLEAN=clean PIPE_OUT='%s/out' timeout 120 emacs -Q --batch "
            "-l '%s/tests/editors/emacs-faces.el' </dev/null >run.log 2>&1",
            d, d, r, sample_rel, r, d, r);
    char *out = slurp(d, "out");
    log = slurp(d, "run.log");
    cr_assert_eq(rc, 0, "emacs failed:\n%s\n%s", log, out);
    static const char *opts[] = {
        "opt loaded=pipe-mode.elc", "opt major-mode=pipe-mode", "opt comment-start=# ",
        "opt compile-command=pipec check --format gcc sample.pipe", "opt indent-tabs-mode=nil",
        "opt pipe-indent-offset=2", "indent ok",
    };
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        cr_expect(has_line(out, opts[i]), "missing `%s` in:\n%s", opts[i], out);

    /* No warning faces in examples/ and stdlib/; re-indenting keeps them. */
    expect_clean("emacs", out, nreal);

    /* compilation-mode (M-x compile) reads every line of pipec's gcc output:
     * error 2, warning 1, note 0 (info), at its line and column. */
    char *gcc = slurp(d, "gcc");
    char *want_compile = NULL;
    size_t wlen = 0;
    FILE *w = open_memstream(&want_compile, &wlen);
    int lines = 0;
    for (const char *q = gcc; *q; lines++) {
        int l, c;
        char sev[16];
        if (sscanf(q, "%*[^:]:%d:%d: %15[a-z]:", &l, &c, sev) == 3)
            fprintf(w, "compile %d:%d:%d\n", l, c,
                    strcmp(sev, "error") == 0 ? 2 : strcmp(sev, "warning") == 0 ? 1 : 0);
        else
            fprintf(w, "compile none\n");
        q += strcspn(q, "\n");
        if (*q)
            q++;
    }
    fclose(w);
    cr_assert_geq(lines, 3, "%s", gcc);
    const char *got_compile = strstr(out, "compile ");
    cr_assert_not_null(got_compile, "%s", out);
    cr_expect(strncmp(got_compile, want_compile, strlen(want_compile)) == 0 &&
                  strncmp(got_compile + strlen(want_compile), "compile ", 8) != 0,
              "compilation-mode read pipec's output as:\n%s\nwant:\n%s\nfrom:\n%s", got_compile,
              want_compile, gcc);
    free(want_compile);
    free(gcc);

    char *path = join(r, sample_rel);
    char *src = test_read_file(path, NULL);
    cr_assert_not_null(src);
    static const struct { int line; const char *text; int nth; const char *face; } want[] = {
        {1, "Every kind", 0, "font-lock-comment-face"},
        {2, "import", 0, "font-lock-keyword-face"},
        {2, "\"lib/common.pipe\"", 0, "font-lock-string-face"},
        {4, "category", 0, "font-lock-keyword-face"},
        {4, "onprem", 0, "font-lock-function-name-face"},
        {4, "true", 0, "font-lock-constant-face"},
        {7, "category", 0, "-"},
        {8, "brokers", 0, "font-lock-variable-name-face"},
        {8, "int", 0, "font-lock-builtin-face"},
        {8, "100", 0, "pipe-number-face"},
        {8, "..", 0, "pipe-operator-face"},
        {9, "1h", 0, "pipe-number-face"},
        {10, "1GiB", 0, "pipe-number-face"},
        {13, "->", 0, "pipe-arrow-face"},
        {13, "kinesis_streams", 0, "-"},
        {13, "via", 0, "font-lock-keyword-face"},
        {15, "node", 0, "font-lock-function-name-face"},
        {15, "instance", 1, "font-lock-builtin-face"},
        {15, "count", 0, "font-lock-variable-name-face"},
        {17, "pipeline", 0, "font-lock-keyword-face"},
        {17, "Escapes: ", 0, "font-lock-string-face"},
        {17, "\\\"", 0, "pipe-escape-face"},
        {17, "\\u{1F600}", 0, "pipe-escape-face"},
        {20, "events", 0, "font-lock-variable-name-face"},
        {20, "kinesis_streams", 0, "font-lock-type-face"},
        {20, "1_000", 0, "pipe-number-face"},
        {20, "48h", 0, "pipe-number-face"},
        {22, "512MB", 0, "pipe-number-face"},
        {22, "2.5", 0, "pipe-number-face"},
        {23, "false", 0, "font-lock-constant-face"},
        {24, "sqs", 0, "font-lock-type-face"},
        {24, "pipe: allow", 0, "font-lock-preprocessor-face"},
        {24, "W401", 0, "font-lock-constant-face"},
        {24, ", ", 0, "font-lock-comment-face"},
        {25, "category", 0, "font-lock-variable-name-face"},
        {25, "glue", 0, "font-lock-type-face"},
        {26, "->", 0, "pipe-arrow-face"},
        {28, "\\q", 0, "font-lock-warning-face"},
        {28, " here", 0, "font-lock-string-face"},
        {29, "\"no end", 0, "font-lock-warning-face"},
        {30, "10mb", 0, "font-lock-warning-face"},
        {31, "@", 0, "font-lock-warning-face"},
        /* The unterminated string of line 29 does not run on. */
        {32, "}", 0, "-"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        expect_at("emacs", src, out, want[i].line, want[i].text, want[i].nth, want[i].face);
    free(src);
    free(path);
    free(out);
    free(log);
    sh("rm -rf '%s'", d);
    free(p);
    free(r);
    free(d);
}

/* ---- service ids -------------------------------------------------------- */

Test(editors, service_ids_match_pipec_services, .timeout = 60)
{
    char *r = root(), *p = pipec(), *d = tmpdir();
    int rc = sh("sh '%s/tests/editors/service-ids.sh' '%s' >'%s/out' 2>&1", r, p, d);
    char *out = slurp(d, "out");
    cr_assert_eq(rc, 0, "the grammars' service ids differ from `pipec services` "
                 "(run sh editors/update-service-ids.sh %s):\n%s", p, out);
    char *services = NULL;
    cr_assert_eq(test_run("services", NULL, &services, NULL), 0);
    int n = 0;
    for (const char *q = services; *q; q++)
        n += *q == '\n';
    cr_assert_geq(n, 30, "%s", services);
    for (const char *g = "vim\0emacs\0vscode\0"; *g; g += strlen(g) + 1) {
        char *line;
        if (asprintf(&line, "%s: ok %d", g, n) < 0)
            abort();
        cr_expect(has_line(out, line), "want `%s`:\n%s", line, out);
        free(line);
    }
    free(services);
    free(out);
    sh("rm -rf '%s'", d);
    free(r);
    free(p);
    free(d);
}

/* A service added to the standard library makes the check fail until
 * editors/update-service-ids.sh has rewritten the grammars. */
Test(editors, service_ids_drift_is_caught_and_regenerated, .timeout = 60)
{
    char *r = root(), *p = pipec(), *d = tmpdir();
    cr_assert_eq(sh("cp -r '%s/stdlib' '%s/stdlib' && cp -r '%s/editors' '%s/editors'", r, d, r, d), 0);
    char *services_pipe = join(d, "stdlib/services.pipe");
    FILE *f = fopen(services_pipe, "a");
    cr_assert_not_null(f);
    free(services_pipe);
    fputs("\nservice zz_partner \"A partner system\" {\n  short = \"Partner\"\n"
          "  category = external\n  cfn = []\n  doc = \"A test service.\"\n  summary = []\n}\n", f);
    fclose(f);
    char *wrapper;
    if (asprintf(&wrapper, "#!/bin/sh\nexec '%s' \"$@\" --stdlib '%s/stdlib'\n", p, d) < 0)
        abort();
    write_text(d, "pipec", wrapper);
    free(wrapper);
    cr_assert_eq(sh("chmod +x '%s/pipec'", d), 0);

    int rc = sh("sh '%s/tests/editors/service-ids.sh' '%s/pipec' '%s/editors' >'%s/out' 2>&1", r, d, d, d);
    char *out = slurp(d, "out");
    cr_assert_eq(rc, 1, "%s", out);
    cr_expect(has_line(out, "vim: missing [zz_partner] extra []"), "%s", out);
    cr_expect(has_line(out, "emacs: missing [zz_partner] extra []"), "%s", out);
    cr_expect(has_line(out, "vscode: missing [zz_partner] extra []"), "%s", out);
    free(out);

    rc = sh("sh '%s/editors/update-service-ids.sh' '%s/pipec' >'%s/gen' 2>&1", d, d, d);
    char *gen = slurp(d, "gen");
    cr_assert_eq(rc, 0, "%s", gen);
    free(gen);
    rc = sh("sh '%s/tests/editors/service-ids.sh' '%s/pipec' '%s/editors' >'%s/out' 2>&1", r, d, d, d);
    out = slurp(d, "out");
    cr_assert_eq(rc, 0, "%s", out);
    free(out);
    /* The generator is idempotent: a second run changes nothing. */
    cr_assert_eq(sh("sh '%s/editors/update-service-ids.sh' '%s/pipec' >'%s/gen' 2>&1", d, d, d), 0);
    gen = slurp(d, "gen");
    cr_expect_str_eq(gen, "", "second run rewrote: %s", gen);
    free(gen);
    /* And the grammars of the checkout are what it generates from pipec. */
    cr_assert_eq(sh("rm -rf '%s/editors' && cp -r '%s/editors' '%s/editors' && "
                    "sh '%s/editors/update-service-ids.sh' '%s' >'%s/gen' 2>&1", d, r, d, d, p, d), 0);
    gen = slurp(d, "gen");
    cr_expect_str_eq(gen, "", "the checkout's grammars are not what update-service-ids.sh writes: %s", gen);
    free(gen);
    sh("rm -rf '%s'", d);
    free(r);
    free(p);
    free(d);
}

/* ---- Neovim and the language server ------------------------------------- */

/* The Neovim 0.7 snippet of editors/README.md starts `pipec lsp` for a file
 * that ftdetect marks as pipe, and the diagnostics arrive. */
Test(editors, nvim_lsp_snippet, .timeout = 120)
{
    if (!have("nvim"))
        SKIP("nvim is not installed (Debian: neovim), the README's Neovim snippet is not tested");
    char *r = root(), *p = pipec(), *d = tmpdir();
    char *err = NULL;
    int rc = test_run("lsp", "", NULL, &err);
    if (rc == 2 && err && strstr(err, "not built")) {
        free(err);
        sh("rm -rf '%s'", d);
        free(r);
        free(p);
        free(d);
        SKIP("pipec lsp is not built yet");
    }
    free(err);
    write_make_pipe(d);
    cr_assert_eq(sh("cd '%s' && mkdir bin && ln -s '%s' bin/pipec && "
                    "awk '/^local pipec_client/ { on = 1 } on { print } on && /^}\\)/ { exit }' "
                    "'%s/editors/README.md' >snippet.lua && test -s snippet.lua", d, p, r), 0,
                 "no `local pipec_client ... })` snippet in editors/README.md");
    rc = sh("cd '%s' && PATH='%s/bin':\"$PATH\" PIPE_ROOT='%s' PIPE_SNIPPET=snippet.lua PIPE_FILE=make.pipe "
            "PIPE_OUT='%s/out' timeout 100 nvim --headless -u NONE -i NONE -n "
            "-c 'luafile %s/tests/editors/nvim-lsp.lua' </dev/null >log 2>&1", d, d, r, d, r);
    char *out = slurp(d, "out");
    char *log = slurp(d, "log");
    cr_assert_eq(rc, 0, "nvim failed:\n%s\n%s", log, out);
    cr_expect(has_line(out, "filetype=pipe"), "%s", out);
    cr_expect(has_line(out, "clients=1"), "%s", out);
    /* The E301 (severity 1, error) at `warehouse`, line 7 column 11. */
    cr_expect_not_null(strstr(out, "\ndiag 7:11:1:"), "no error at 7:11:\n%s\n%s", out, log);
    free(out);
    free(log);
    sh("rm -rf '%s'", d);
    free(r);
    free(p);
    free(d);
}
