/* Determinism: the same input gives byte-identical output (language.md,
 * "Output is deterministic"). Every example, and the hostile fixture (long,
 * unicode and emoji labels), through every format (dot, svg, png, pdf, md,
 * cfn, cfn-json), run by the real binary:
 *   again     the same run twice
 *   locale    LC_ALL=fr_FR.UTF-8 (decimal comma) instead of C.UTF-8; the
 *             locale is generated with localedef into a private LOCPATH when
 *             the system has none (then de_DE, then POSIX, with a warning)
 *   timezone  TZ=Pacific/Kiritimati (UTC+14) instead of UTC: no local date
 *   folder    a copy of examples/ in /tmp, the same relative file name
 *   absolute  the absolute path from another folder: identical once the
 *             path is written back as the relative name (it appears only
 *             where the file is named: CloudFormation's Source and
 *             Description)
 *   epoch     SOURCE_DATE_EPOCH unset and set: only a PDF may change
 * A difference is reported with its offset and both sides' bytes. */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <ctype.h>
#include <dirent.h>
#include <sys/stat.h>

/* ---- running ------------------------------------------------------------------------ */

typedef struct Bytes {
    char *data;
    size_t len;
} Bytes;

/* `cd DIR && ENV pipec build -T FORMAT FILE`: standard output. */
static Bytes build_in(const char *dir, const char *env, const char *format, const char *file)
{
    char out[] = "/tmp/pipec-det-out-XXXXXX", err[] = "/tmp/pipec-det-err-XXXXXX";
    close(mkstemp(out));
    close(mkstemp(err));
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "cd '%s' && env %s '%s' build -T %s '%s' </dev/null >'%s' 2>'%s'", dir,
                           env, test_pipec(), format, file, out, err), 0);
    int st = system(cmd);
    char *e = test_read_file(err, NULL);
    Bytes b = {0};
    b.data = test_read_file(out, &b.len);
    unlink(out);
    unlink(err);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: exit %d\n%.2000s", cmd,
              WIFEXITED(st) ? WEXITSTATUS(st) : -1, e ? e : "");
    cr_assert_not_null(b.data);
    cr_assert_gt(b.len, 0, "%s: no output", cmd);
    free(e);
    free(cmd);
    return b;
}

/* Printable bytes around an offset, for a failure message. */
static char *excerpt(const Bytes *b, size_t at)
{
    size_t from = at > 40 ? at - 40 : 0, to = at + 40 < b->len ? at + 40 : b->len;
    char *r = malloc((to - from) * 4 + 1), *w = r;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (isprint(c))
            *w++ = (char)c;
        else
            w += sprintf(w, "\\x%02x", c);
    }
    *w = '\0';
    return r;
}

/* Adds a line to the report when a and b differ; true when they do. */
static bool differs(FILE *report, const Bytes *a, const Bytes *b, const char *what)
{
    if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0)
        return false;
    size_t i = 0;
    while (i < a->len && i < b->len && a->data[i] == b->data[i])
        i++;
    size_t line = 1;
    for (size_t k = 0; k < i; k++)
        line += a->data[k] == '\n';
    char *x = excerpt(a, i), *y = excerpt(b, i);
    fprintf(report, "%s: output differs at byte %zu (line %zu; sizes %zu and %zu)\n"
                    "  base:  %s\n  other: %s\n",
            what, i, line, a->len, b->len, x, y);
    free(x);
    free(y);
    return true;
}

/* Replaces every `from` in b by `to` (for the absolute file name). */
static void replace_all(Bytes *b, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to);
    char *r = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&r, &len);
    for (size_t i = 0; i < b->len;) {
        if (i + fl <= b->len && memcmp(b->data + i, from, fl) == 0) {
            fwrite(to, 1, tl, f);
            i += fl;
        } else {
            fputc(b->data[i++], f);
        }
    }
    fclose(f);
    free(b->data);
    b->data = r;
    b->len = len;
}

static void rm_rf(const char *dir)
{
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "rm -rf '%s'", dir), 0);
    (void)!system(cmd);
    free(cmd);
}

/* Folders a test made, removed when it ends, passed or failed. */
static char *temps[4];
static int ntemps;

static void track(const char *dir)
{
    if (ntemps < 4)
        temps[ntemps++] = strdup(dir);
}

static void remove_temps(void)
{
    while (ntemps > 0) {
        char *d = temps[--ntemps];
        rm_rf(d);
        free(d);
    }
}

TestSuite(determinism, .fini = remove_temps);

/* ---- the environments ------------------------------------------------------------------ */

static char *shell_out(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char buf[256] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    pclose(p);
    buf[strcspn(buf, "\n")] = '\0';
    return strdup(buf);
}

/* An env prefix selecting a locale whose decimal separator is a comma:
 * fr_FR or de_DE when installed, else generated with localedef into a
 * folder of ours (*made, removed by the caller), else POSIX. */
static char *comma_locale(char **made)
{
    static const char *const names[] = {"fr_FR", "de_DE"};
    *made = NULL;
    for (size_t i = 0; i < 2; i++) {
        char *env = NULL, *cmd = NULL;
        cr_assert_geq(asprintf(&env, "LC_ALL=%s.UTF-8", names[i]), 0);
        cr_assert_geq(asprintf(&cmd, "env %s locale decimal_point 2>/dev/null", env), 0);
        char *dp = shell_out(cmd);
        free(cmd);
        bool ok = strcmp(dp, ",") == 0;
        free(dp);
        if (ok)
            return env;
        free(env);
    }
    char *dir = strdup("/tmp/pipec-det-locale-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    track(dir);
    for (size_t i = 0; i < 2; i++) {
        char *cmd = NULL, *env = NULL;
        cr_assert_geq(asprintf(&cmd, "localedef -i %s -f UTF-8 '%s/%s.UTF-8' >/dev/null 2>&1", names[i],
                               dir, names[i]), 0);
        int st = system(cmd);
        free(cmd);
        if (st != 0)
            continue;
        cr_assert_geq(asprintf(&env, "LOCPATH=%s LC_ALL=%s.UTF-8", dir, names[i]), 0);
        cr_assert_geq(asprintf(&cmd, "env %s locale decimal_point 2>/dev/null", env), 0);
        char *dp = shell_out(cmd);
        free(cmd);
        bool ok = strcmp(dp, ",") == 0;
        free(dp);
        if (ok) {
            *made = dir;
            return env;
        }
        free(env);
    }
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "rm -rf '%s'", dir), 0);
    (void)!system(cmd);
    free(cmd);
    free(dir);
    cr_log_warn("no locale with a decimal comma (fr_FR, de_DE) and localedef could not make one: "
                "comparing C.UTF-8 with POSIX only");
    return strdup("LC_ALL=POSIX");
}

static const char *far_timezone(void)
{
    struct stat st;
    if (stat("/usr/share/zoneinfo/Pacific/Kiritimati", &st) == 0)
        return "TZ=Pacific/Kiritimati";
    cr_log_warn("no tzdata: TZ given as the POSIX string <+14>-14");
    return "TZ=<+14>-14";
}

#define HOSTILE "hostile-output.pipe" /* in tests/fixtures */

/* Every example's file name (no folder), sorted, then the hostile fixture. */
static char **example_names(int *count)
{
    char *dir = test_path("examples");
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort), k = 0;
    cr_assert_gt(n, 0, "cannot list %s", dir);
    char **names = calloc((size_t)n + 1, sizeof *names);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(ents[i]->d_name);
        if (l > 5 && strcmp(ents[i]->d_name + l - 5, ".pipe") == 0)
            names[k++] = strdup(ents[i]->d_name);
        free(ents[i]);
    }
    free(ents);
    free(dir);
    cr_assert_gt(k, 0, "no examples");
    names[k++] = strdup(HOSTILE);
    *count = k;
    return names;
}



#define BASE_ENV "LC_ALL=C.UTF-8 TZ=UTC"

/* Every example in `format`, compared across the environments. */
static void check_format(const char *format)
{
    int n;
    char **names = example_names(&n);
    char *examples = test_path("examples"), *fixtures = test_path("tests/fixtures"), *made = NULL;
    char *fr = comma_locale(&made), *fr_env = NULL, *tz_env = NULL;
    cr_assert_geq(asprintf(&fr_env, "%s TZ=UTC", fr), 0);
    cr_assert_geq(asprintf(&tz_env, "LC_ALL=C.UTF-8 %s", far_timezone()), 0);
    char copy[] = "/tmp/pipec-det-copy-XXXXXX", elsewhere[] = "/tmp/pipec-det-cwd-XXXXXX";
    cr_assert_not_null(mkdtemp(copy));
    cr_assert_not_null(mkdtemp(elsewhere));
    track(copy);
    track(elsewhere);
    char *cp = NULL;
    cr_assert_geq(asprintf(&cp, "cp '%s'/*.pipe '%s/" HOSTILE "' '%s'/", examples, fixtures, copy),
                  0);
    cr_assert_eq(system(cp), 0, "%s", cp);
    free(cp);

    /* Differences are collected, the folders removed, then the test fails. */
    char *report = NULL;
    size_t report_len = 0;
    FILE *rf = open_memstream(&report, &report_len);
    int failures = 0;
    for (int i = 0; i < n; i++) {
        char *what = NULL, *abs = NULL;
        const char *home = strcmp(names[i], HOSTILE) == 0 ? fixtures : examples;
        Bytes base = build_in(home, BASE_ENV, format, names[i]);

        Bytes again = build_in(home, BASE_ENV, format, names[i]);
        cr_assert_geq(asprintf(&what, "%s -T %s, run twice", names[i], format), 0);
        failures += differs(rf, &base, &again, what);
        free(what);

        Bytes loc = build_in(home, fr_env, format, names[i]);
        cr_assert_geq(asprintf(&what, "%s -T %s, %s", names[i], format, fr), 0);
        failures += differs(rf, &base, &loc, what);
        free(what);

        Bytes tz = build_in(home, tz_env, format, names[i]);
        cr_assert_geq(asprintf(&what, "%s -T %s, %s", names[i], format, tz_env), 0);
        failures += differs(rf, &base, &tz, what);
        free(what);

        Bytes moved = build_in(copy, BASE_ENV, format, names[i]);
        cr_assert_geq(asprintf(&what, "%s -T %s, from a copy in %s", names[i], format, copy), 0);
        failures += differs(rf, &base, &moved, what);
        free(what);

        cr_assert_geq(asprintf(&abs, "%s/%s", home, names[i]), 0);
        Bytes absolute = build_in(elsewhere, BASE_ENV, format, abs);
        replace_all(&absolute, abs, names[i]);
        cr_assert_geq(asprintf(&what, "%s -T %s, absolute path from %s", names[i], format, elsewhere),
                      0);
        failures += differs(rf, &base, &absolute, what);
        free(what);

        Bytes epoch = build_in(home, BASE_ENV " SOURCE_DATE_EPOCH=1700000000", format, names[i]);
        if (strcmp(format, "pdf") != 0) {
            cr_assert_geq(asprintf(&what, "%s -T %s, SOURCE_DATE_EPOCH set", names[i], format), 0);
            failures += differs(rf, &base, &epoch, what);
            free(what);
        }

        Bytes *all[] = {&base, &again, &loc, &tz, &moved, &absolute, &epoch};
        for (size_t k = 0; k < sizeof all / sizeof *all; k++)
            free(all[k]->data);
        free(abs);
    }

    rm_rf(copy);
    rm_rf(elsewhere);
    if (made) {
        rm_rf(made);
        free(made);
    }
    fclose(rf);
    cr_assert_eq(failures, 0, "-T %s is not deterministic (%d differences):\n%.6000s", format,
                 failures, report);
    free(report);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(examples);
    free(fixtures);
    free(fr);
    free(fr_env);
    free(tz_env);
}

Test(determinism, dot, .timeout = 300) { check_format("dot"); }
Test(determinism, svg, .timeout = 300) { check_format("svg"); }
Test(determinism, png, .timeout = 600) { check_format("png"); }
Test(determinism, pdf, .timeout = 600) { check_format("pdf"); }
Test(determinism, md, .timeout = 300) { check_format("md"); }
Test(determinism, cfn, .timeout = 300) { check_format("cfn"); }
Test(determinism, cfn_json, .timeout = 300) { check_format("cfn-json"); }

/* The decimal separator, explicitly: no number of the SVG or the DOT is
 * written with a comma under a comma locale (this also holds when no such
 * locale exists, but then proves little). */
Test(determinism, no_decimal_comma_in_coordinates, .timeout = 120)
{
    char *examples = test_path("examples"), *made = NULL, *fr = comma_locale(&made);
    Bytes svg = build_in(examples, fr, "svg", "clickstream.pipe");
    const char *p = strstr(svg.data, "<svg");
    cr_assert_not_null(p);
    /* points="1,2 3,4" use commas between x and y; a decimal comma would
     * give a digit, a comma, a digit and another comma before the space */
    for (const char *q = strstr(p, " points=\""); q; q = strstr(q + 1, " points=\"")) {
        q += 9;
        const char *e = strchr(q, '"');
        cr_assert_not_null(e);
        for (const char *t = q; t < e;) {
            size_t len = strcspn(t, " \"");
            int commas = 0;
            for (size_t k = 0; k < len; k++)
                commas += t[k] == ',';
            cr_assert_eq(commas, 1, "a point with %d commas: %.*s", commas, (int)len, t);
            t += len;
            while (t < e && *t == ' ')
                t++;
        }
    }
    cr_assert_null(strstr(svg.data, "width=\"0,"), "decimal comma in the SVG");
    free(svg.data);
    if (made) {
        rm_rf(made);
        free(made);
    }
    free(fr);
    free(examples);
}
