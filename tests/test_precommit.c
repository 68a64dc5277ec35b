/* The project's pre-commit hooks, run by the real pre-commit against a
 * throwaway git repository, offline. */
#include "helpers.h"

#include <libgen.h>
#include <sys/stat.h>

static char repo[64];
static char *config_rev;

#define sh test_sh

static void write_file(const char *name, const char *text)
{
    char *p;
    if (asprintf(&p, "%s/%s", repo, name) < 0)
        abort();
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

static bool have_tools(void)
{
    return sh("command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1") == 0;
}

/* The checkout's HEAD: pre-commit clones the hooks repository at a commit. */
static void setup(void)
{
    strcpy(repo, "/tmp/pipec-precommit-XXXXXX");
    cr_assert_not_null(mkdtemp(repo));
    char *out = NULL;
    char *cmd;
    if (asprintf(&cmd, "git -C '%s' rev-parse HEAD > %s/rev", test_root(), repo) < 0)
        abort();
    cr_assert_eq(system(cmd), 0);
    free(cmd);
    char *revpath;
    if (asprintf(&revpath, "%s/rev", repo) < 0)
        abort();
    out = test_read_file(revpath, NULL);
    free(revpath);
    out[strcspn(out, "\n")] = '\0';
    config_rev = out;
    cr_assert_eq(sh("cd %s && rm rev && git init -q && git config user.email t@example.invalid "
                    "&& git config user.name t", repo), 0);
    char *config;
    if (asprintf(&config,
                 "repos:\n"
                 "- repo: %s\n"
                 "  rev: %s\n"
                 "  hooks:\n"
                 "  - id: pipec-check\n"
                 "  - id: pipec-fmt\n",
                 test_root(), config_rev) < 0)
        abort();
    write_file(".pre-commit-config.yaml", config);
    free(config);
}

static void teardown(void)
{
    sh("rm -rf %s", repo);
    free(config_rev);
}

/* Runs `pre-commit run --all-files` with pipec on PATH; output in *log. */
static int run_hooks(char **log)
{
    char *pipec = strdup(test_pipec());
    char *bindir = dirname(pipec);
    char *logpath;
    if (asprintf(&logpath, "%s.log", repo) < 0)
        abort();
    int rc = sh("cd %s && git add -A && PATH='%s':\"$PATH\" PRE_COMMIT_HOME=%s/.cache "
                "pre-commit run --all-files --color never > %s 2>&1",
                repo, bindir, repo, logpath);
    *log = test_read_file(logpath, NULL);
    unlink(logpath);
    free(logpath);
    free(pipec);
    return rc;
}

static const char *clean =
    "pipeline orders \"Orders\" {\n"
    "  jobs   : sqs { visibility_timeout = 6m }\n"
    "  worker : lambda { timeout = 60s }\n"
    "\n"
    "  jobs -> worker\n"
    "}\n";

TestSuite(precommit, .init = setup, .fini = teardown, .timeout = 120);

Test(precommit, clean_file_passes)
{
    if (!have_tools())
        cr_skip_test("pre-commit or git is not installed");
    write_file("orders.pipe", clean);
    char *log;
    int rc = run_hooks(&log);
    cr_assert_eq(rc, 0, "pre-commit failed:\n%s", log);
    cr_assert(strstr(log, "pipec check") && strstr(log, "Passed"), "%s", log);
    cr_assert_null(strstr(log, "Failed"), "%s", log);
    free(log);
}

Test(precommit, integration_error_fails_with_e301)
{
    if (!have_tools())
        cr_skip_test("pre-commit or git is not installed");
    write_file("bad.pipe", "pipeline bad {\n"
                           "  jobs      : sqs\n"
                           "  warehouse : redshift\n"
                           "\n"
                           "  jobs -> warehouse\n"
                           "}\n");
    char *log;
    int rc = run_hooks(&log);
    cr_assert_eq(rc, 1, "%s", log);
    cr_assert_not_null(strstr(log, "Failed"), "%s", log);
    cr_assert_not_null(strstr(log, "bad.pipe:5:11: error: Amazon SQS cannot send data to Amazon "
                                   "Redshift [E301]"), "%s", log);
    free(log);
}

Test(precommit, unformatted_file_fails_the_fmt_hook)
{
    if (!have_tools())
        cr_skip_test("pre-commit or git is not installed");
    write_file("messy.pipe", "pipeline orders \"Orders\" {\n"
                             "  jobs : sqs { visibility_timeout = 6m }\n"
                             "  worker:lambda{timeout=60s}\n"
                             "  jobs->worker\n"
                             "}\n");
    char *log;
    int rc = run_hooks(&log);
    cr_assert_eq(rc, 1, "%s", log);
    char *fmt_line = strstr(log, "pipec fmt");
    cr_assert_not_null(fmt_line, "%s", log);
    cr_assert_not_null(strstr(fmt_line, "Failed"), "%s", log);
    cr_assert_not_null(strstr(log, "files were modified by this hook"), "%s", log);
    char *path;
    if (asprintf(&path, "%s/messy.pipe", repo) < 0)
        abort();
    char *text = test_read_file(path, NULL);
    cr_assert_not_null(strstr(text, "  jobs   : sqs { visibility_timeout = 6m }\n"
                                    "  worker : lambda { timeout = 60s }\n"
                                    "  jobs -> worker\n"), "%s", text);
    free(text);
    free(path);
    free(log);
}
