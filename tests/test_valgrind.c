/* Memcheck over the examples in every output format: runs tests/valgrind.sh
 * (see there) on the pipec under test. Skipped, with the reason printed,
 * when valgrind is not installed or pipec is a sanitizer build (`make
 * sanitize`: valgrind cannot run an ASan binary). About two minutes on two
 * cores. */
#include "helpers.h"

Test(valgrind, examples_every_format_clean, .timeout = 900)
{
    char *cmd = NULL;
    char *script = test_path("tests/valgrind.sh");
    cr_assert_geq(asprintf(&cmd, "sh '%s' '%s' 2>&1", script, test_pipec()), 0);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char *out = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&out, &len);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        fwrite(buf, 1, n, o);
    fclose(o);
    int st = pclose(p);
    int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (rc == 77) {
        printf("test_valgrind: %s", out); /* the reason, on stdout */
        cr_skip_test("%s", out);
    }
    cr_assert_eq(rc, 0, "valgrind findings (exit %d):\n%.20000s", rc, out);
    free(out);
    free(cmd);
    free(script);
}
