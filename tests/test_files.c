/* Files: what pipec does to the files around it. Runs the real binary.
 *   output   `build -o` and `fmt` write atomically: a failure (/dev/full, a
 *            missing folder, a directory as target, an immutable file or
 *            folder, an append-only file, a full filesystem, a file size
 *            limit) exits 2 with a message naming the target, leaves the old
 *            file byte-identical (same inode, same mtime) and no temporary
 *            `.NAME.XXXXXX` behind; a success replaces the file (new inode)
 *            and keeps its mode and owner; a symbolic link stays a link and
 *            the file it points to is written; `-o` naming the input is
 *            refused; a failing build never touches the -o file;
 *            /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N write to
 *            the descriptor (through a pipe, appending with >>).
 *   fmt      input that does not parse is left untouched (exit 1); a file
 *            already formatted is not rewritten; --check and --diff write
 *            nothing; in place keeps mode, owner and symbolic links.
 *   inputs   a missing file, a folder, a FIFO (without hanging), a device
 *            (/dev/null) and an unreadable file exit 2 with a message naming
 *            the file, for check, build and fmt; `-` with empty input is an
 *            empty file (check 0, build E210).
 * Tests that need root powers (chattr, mount, chown) skip with the reason
 * when they are not available. */
#include "helpers.h" /* first: it sets _GNU_SOURCE */

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#define EXAMPLE "examples/clickstream.pipe"
#define BROKEN "tests/fixtures/cli-error.pipe" /* E201: exit 1 */

/* ---- helpers ------------------------------------------------------------------ */

typedef struct Run {
    int status; /* exit code; -1 if killed by a signal */
    char *out, *err;
    size_t out_len;
} Run;

/* The folder a test made, removed when it ends, passed or failed (a
 * failed assertion skips the test's own clean-up). */
static char *made_dir;

static void remove_made_dir(void)
{
    if (!made_dir)
        return;
    char *cmd = NULL;
    if (asprintf(&cmd, "umount '%s/small' 2>/dev/null; chattr -R -i -a '%s' 2>/dev/null; "
                       "rm -rf '%s'", made_dir, made_dir, made_dir) > 0)
        (void)!system(cmd);
    free(cmd);
    free(made_dir);
    made_dir = NULL;
}

TestSuite(output, .fini = remove_made_dir);
TestSuite(fmt_files, .fini = remove_made_dir);
TestSuite(inputs, .fini = remove_made_dir);

static char *tmp_dir(void)
{
    char *dir = strdup("/tmp/pipec-files-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    free(made_dir);
    made_dir = strdup(dir);
    return dir;
}

static char *join(const char *dir, const char *name)
{
    char *p = NULL;
    cr_assert_geq(asprintf(&p, "%s/%s", dir, name), 0);
    return p;
}

static void sh_ok(const char *fmt, const char *arg)
{
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, fmt, arg), 0);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    free(cmd);
}

static void rm_rf(char *dir)
{
    /* immutable or append-only bits set by a test would stop rm */
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "chattr -R -i -a '%s' 2>/dev/null; rm -rf '%s'", dir, dir), 0);
    (void)!system(cmd);
    free(cmd);
    free(dir);
}

/* `cd DIR && CMD` through sh, where CMD may use $P (pipec) and $ROOT. */
static Run run(const char *dir, const char *cmd)
{
    char out[] = "/tmp/pipec-files-out-XXXXXX", err[] = "/tmp/pipec-files-err-XXXXXX";
    close(mkstemp(out));
    close(mkstemp(err));
    char *full = NULL;
    cr_assert_geq(asprintf(&full, "P='%s'; ROOT='%s'; cd '%s' && { %s ; } </dev/null >'%s' 2>'%s'",
                           test_pipec(), test_root(), dir, cmd, out, err), 0);
    int st = system(full);
    Run r = {.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1};
    r.out = test_read_file(out, &r.out_len);
    r.err = test_read_file(err, NULL);
    cr_assert_not_null(r.out);
    cr_assert_not_null(r.err);
    unlink(out);
    unlink(err);
    free(full);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

static void expect_status(const Run *r, int want, const char *what)
{
    cr_assert_neq(r->status, 124, "%s: killed by the timeout", what);
    cr_assert_eq(r->status, want, "%s: exit %d, want %d\nstderr:\n%.2000s", what, r->status, want,
                 r->err);
}

static void expect_err(const Run *r, const char *text, const char *what)
{
    cr_assert_not_null(strstr(r->err, text), "%s: the message does not say \"%s\":\n%.2000s", what,
                       text, r->err);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* A file's bytes and metadata, to prove that nothing touched it. */
typedef struct Snap {
    char *data;
    size_t len;
    struct stat st;
} Snap;

/* An old file: the text, and an mtime far in the past (a rewrite, even in
 * the same second, shows). */
static Snap old_file(const char *path, const char *text)
{
    write_file(path, text);
    struct timespec t[2] = {{1000000000, 0}, {1000000000, 0}};
    cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
    Snap s;
    s.data = test_read_file(path, &s.len);
    cr_assert_eq(lstat(path, &s.st), 0);
    return s;
}

static void expect_untouched(const Snap *s, const char *path, const char *what)
{
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0, "%s: %s is gone", what, path);
    size_t len;
    char *data = test_read_file(path, &len);
    cr_assert(data && len == s->len && memcmp(data, s->data, len) == 0, "%s: %s changed", what, path);
    cr_assert_eq(st.st_ino, s->st.st_ino, "%s: %s was replaced", what, path);
    cr_assert_eq(st.st_mtim.tv_sec, s->st.st_mtim.tv_sec, "%s: %s was rewritten", what, path);
    cr_assert_eq(st.st_mode, s->st.st_mode, "%s: mode of %s changed", what, path);
    free(data);
}

static void snap_free(Snap *s)
{
    free(s->data);
}

/* The names in a folder, sorted, one per line. */
static char *listing(const char *dir)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    cr_assert_geq(n, 0, "cannot list %s", dir);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (int i = 0; i < n; i++) {
        if (strcmp(ents[i]->d_name, ".") && strcmp(ents[i]->d_name, ".."))
            fprintf(f, "%s\n", ents[i]->d_name);
        free(ents[i]);
    }
    free(ents);
    fclose(f);
    return buf;
}

/* No temporary file (.NAME.XXXXXX) and nothing else new in the folder. */
static void expect_listing(const char *dir, const char *before, const char *what)
{
    char *now = listing(dir);
    cr_assert_str_eq(now, before,
                     "%s: the folder changed (temporary file left?)\nbefore:\n%s\nnow:\n%s", what,
                     before, now);
    free(now);
}

/* chattr +FLAG on path; false (with the reason logged) when the filesystem
 * or the privileges do not allow it. */
static bool try_chattr(const char *flag, const char *path)
{
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "chattr %s '%s' 2>/dev/null", flag, path), 0);
    int st = system(cmd);
    free(cmd);
    if (st != 0)
        cr_log_warn("chattr %s is not available here (no e2fsprogs, no CAP_LINUX_IMMUTABLE "
                    "or a filesystem without attributes): test skipped", flag);
    return st == 0;
}

static void chattr_off(const char *flag, const char *path)
{
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "chattr %s '%s' 2>/dev/null", flag, path), 0);
    (void)!system(cmd);
    free(cmd);
}

static const char old_text[] = "<svg>the old diagram, which must survive</svg>\n";

/* ---- build -o: failures ---------------------------------------------------------------- */

Test(output, dev_full_is_2_and_writes_nothing_elsewhere, .timeout = 60)
{
    char *dir = tmp_dir(), *keep = join(dir, "keep.svg");
    Snap s = old_file(keep, old_text);
    char *before = listing(dir);
    Run r = run(dir, "$P build -T svg -o /dev/full \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 2, "-o /dev/full");
    expect_err(&r, "/dev/full", "-o /dev/full");
    expect_err(&r, "No space left on device", "-o /dev/full");
    cr_assert_eq(r.out_len, 0, "output on stdout as well");
    expect_listing(dir, before, "-o /dev/full");
    expect_untouched(&s, keep, "-o /dev/full");
    run_free(&r);
    /* fmt - to /dev/full: stdout cannot take it either */
    r = run(dir, "$P fmt - <\"$ROOT/" EXAMPLE "\" >/dev/full");
    expect_status(&r, 2, "fmt - >/dev/full");
    expect_listing(dir, before, "fmt - >/dev/full");
    run_free(&r);
    free(before);
    snap_free(&s);
    free(keep);
    rm_rf(dir);
}

Test(output, missing_folder_is_2_and_creates_nothing)
{
    char *dir = tmp_dir();
    char *before = listing(dir);
    Run r = run(dir, "$P build -T svg -o missing_dir/x.svg \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 2, "-o missing_dir/x.svg");
    expect_err(&r, "missing_dir/x.svg", "-o missing_dir/x.svg");
    expect_err(&r, "No such file or directory", "-o missing_dir/x.svg");
    expect_listing(dir, before, "-o missing_dir/x.svg");
    run_free(&r);
    free(before);
    rm_rf(dir);
}

Test(output, directory_as_target_is_2)
{
    char *dir = tmp_dir(), *target = join(dir, "out.svg");
    cr_assert_eq(mkdir(target, 0755), 0);
    char *before = listing(dir);
    Run r = run(dir, "$P build -T svg -o out.svg \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 2, "-o a directory");
    expect_err(&r, "out.svg", "-o a directory");
    expect_err(&r, "is a directory", "-o a directory");
    expect_listing(dir, before, "-o a directory");
    char *inside = listing(target);
    cr_assert_str_eq(inside, "", "something was written into the directory");
    free(inside);
    run_free(&r);
    free(before);
    free(target);
    rm_rf(dir);
}

/* An output file with attribute `on` (chattr): pipec exits 2, names it
 * (and says `why` if given), and the file and its folder are as they were.
 * root ignores file permissions, so "read-only" is the immutable attribute. */
static void attribute_refused(const char *on, const char *off, const char *file,
                              const char *format, const char *what, const char *why)
{
    char *dir = tmp_dir(), *target = join(dir, file);
    Snap s = old_file(target, old_text);
    if (!try_chattr(on, target)) {
        snap_free(&s);
        free(target);
        rm_rf(dir);
        cr_skip_test("chattr %s not available", on);
    }
    char *before = listing(dir), *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "$P build -T %s -o %s \"$ROOT/" EXAMPLE "\"", format, file), 0);
    Run r = run(dir, cmd);
    chattr_off(off, target);
    expect_status(&r, 2, what);
    expect_err(&r, file, what);
    if (why)
        expect_err(&r, why, what);
    expect_listing(dir, before, what);
    expect_untouched(&s, target, what);
    run_free(&r);
    free(cmd);
    free(before);
    snap_free(&s);
    free(target);
    rm_rf(dir);
}

Test(output, immutable_file_survives, .timeout = 60)
{
    attribute_refused("+i", "-i", "out.svg", "svg", "-o an immutable file",
                      "Operation not permitted");
}

Test(output, append_only_file_survives, .timeout = 60)
{
    attribute_refused("+a", "-a", "out.md", "md", "-o an append-only file", NULL);
}

Test(output, immutable_folder_survives, .timeout = 60)
{
    char *dir = tmp_dir(), *sub = join(dir, "site"), *target = join(sub, "out.svg");
    cr_assert_eq(mkdir(sub, 0755), 0);
    Snap s = old_file(target, old_text);
    if (!try_chattr("+i", sub)) {
        snap_free(&s);
        free(target);
        free(sub);
        rm_rf(dir);
        cr_skip_test("chattr +i not available");
    }
    char *before = listing(sub);
    Run r = run(dir, "$P build -T svg -o site/out.svg \"$ROOT/" EXAMPLE "\"");
    chattr_off("-i", sub);
    expect_status(&r, 2, "-o in an immutable folder");
    expect_err(&r, "site/out.svg", "-o in an immutable folder");
    expect_listing(sub, before, "-o in an immutable folder");
    expect_untouched(&s, target, "-o in an immutable folder");
    run_free(&r);
    free(before);
    snap_free(&s);
    free(target);
    free(sub);
    rm_rf(dir);
}

/* A write that fails half-way: the file size limit (with SIGXFSZ ignored,
 * write returns EFBIG), then a full filesystem (a 64 KiB tmpfs). */
Test(output, file_size_limit_midway_keeps_the_old_file, .timeout = 60)
{
    char *dir = tmp_dir(), *target = join(dir, "out.png");
    Snap s = old_file(target, old_text);
    char *before = listing(dir);
    /* ulimit -f counts 512-byte blocks in dash, 1024 in bash: 16 is at
     * most 16 KiB, far less than the PNG */
    Run r = run(dir, "trap '' XFSZ; ulimit -f 16 && $P build -T png -o out.png \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 2, "-o past the file size limit");
    expect_err(&r, "out.png", "-o past the file size limit");
    expect_listing(dir, before, "-o past the file size limit");
    expect_untouched(&s, target, "-o past the file size limit");
    run_free(&r);
    free(before);
    snap_free(&s);
    free(target);
    rm_rf(dir);
}

Test(output, full_filesystem_keeps_the_old_file, .timeout = 60)
{
    char *dir = tmp_dir(), *mnt = join(dir, "small");
    cr_assert_eq(mkdir(mnt, 0755), 0);
    char *cmd = NULL;
    cr_assert_geq(asprintf(&cmd, "mount -t tmpfs -o size=64k pipec-test '%s' 2>/dev/null", mnt), 0);
    if (system(cmd) != 0) {
        free(cmd);
        free(mnt);
        rm_rf(dir);
        cr_log_warn("cannot mount a tmpfs (not root, or no CAP_SYS_ADMIN): test skipped");
        cr_skip_test("mount -t tmpfs not available");
    }
    free(cmd);
    char *target = join(mnt, "out.png");
    Snap s = old_file(target, old_text);
    char *before = listing(mnt);
    Run r = run(dir, "$P build -T png -o small/out.png \"$ROOT/" EXAMPLE "\"");
    char *after = listing(mnt);
    size_t len = 0;
    char *data = test_read_file(target, &len);
    struct stat st;
    int have = lstat(target, &st);
    sh_ok("umount '%s'", mnt);
    expect_status(&r, 2, "-o on a full filesystem");
    expect_err(&r, "small/out.png", "-o on a full filesystem");
    expect_err(&r, "No space left on device", "-o on a full filesystem");
    cr_assert_str_eq(after, before, "temporary file left on the full filesystem:\n%s", after);
    cr_assert_eq(have, 0, "the old file is gone");
    cr_assert(len == s.len && memcmp(data, s.data, len) == 0, "the old file changed");
    cr_assert_eq(st.st_ino, s.st.st_ino, "the old file was replaced");
    free(data);
    free(after);
    run_free(&r);
    free(before);
    snap_free(&s);
    free(target);
    free(mnt);
    rm_rf(dir);
}

Test(output, failing_builds_never_touch_the_output, .timeout = 60)
{
    char *dir = tmp_dir(), *target = join(dir, "out.svg"), *lib = join(dir, "lib.pipe");
    write_file(lib, "service thing \"Thing\" { category = external }\n");
    Snap s = old_file(target, old_text);
    char *before = listing(dir);
    static const struct {
        const char *cmd, *what;
        int status;
    } cases[] = {
        {"$P build -T svg -o out.svg \"$ROOT/" BROKEN "\"", "input with an error", 1},
        {"$P build -T svg -o out.svg lib.pipe", "input without a pipeline (E210)", 1},
        {"$P build -T svg -o out.svg --werror \"$ROOT/tests/fixtures/cli-warn.pipe\"",
         "a warning with --werror", 1},
        {"$P build -T svg -o out.svg missing.pipe", "a missing input", 2},
        {"$P build -T nope -o out.svg \"$ROOT/" EXAMPLE "\"", "an unknown format", 2},
        {"$P build -o out.svg \"$ROOT/" EXAMPLE "\"", "no format", 2},
        {"$P build -T svg -o out.svg - <\"$ROOT/" BROKEN "\"", "standard input with an error", 1},
        /* the renderer fails: Graphviz finds no layout plugin */
        {"GVBINDIR=/nonexistent $P build -T png -o out.svg \"$ROOT/" EXAMPLE "\"",
         "a failing renderer", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run r = run(dir, cases[i].cmd);
        expect_status(&r, cases[i].status, cases[i].what);
        expect_untouched(&s, target, cases[i].what);
        expect_listing(dir, before, cases[i].what);
        run_free(&r);
    }
    free(before);
    snap_free(&s);
    free(target);
    free(lib);
    rm_rf(dir);
}

Test(output, output_naming_the_input_is_refused)
{
    char *dir = tmp_dir(), *src = join(dir, "p.pipe"), *link = join(dir, "alias.svg");
    char *ex = test_path(EXAMPLE), *text = test_read_file(ex, NULL);
    cr_assert_not_null(text);
    Snap s = old_file(src, text);
    cr_assert_eq(symlink("p.pipe", link), 0);
    Run r = run(dir, "$P build -T dot -o p.pipe p.pipe");
    expect_status(&r, 2, "-o the input");
    expect_err(&r, "p.pipe", "-o the input");
    expect_untouched(&s, src, "-o the input");
    run_free(&r);
    r = run(dir, "$P build -T svg -o alias.svg p.pipe");
    expect_status(&r, 2, "-o a link to the input");
    expect_untouched(&s, src, "-o a link to the input");
    run_free(&r);
    r = run(dir, "$P build -T svg -o ./p.pipe \"$PWD/p.pipe\"");
    expect_status(&r, 2, "-o the input spelled differently");
    expect_untouched(&s, src, "-o the input spelled differently");
    run_free(&r);
    snap_free(&s);
    free(text);
    free(ex);
    free(src);
    free(link);
    rm_rf(dir);
}

/* ---- build -o: success -------------------------------------------------------------------- */

Test(output, every_format_replaces_the_file_and_keeps_its_mode, .timeout = 240)
{
    static const char *const formats[] = {"dot", "svg", "png", "pdf", "md", "cfn", "cfn-json"};
    char *dir = tmp_dir();
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *name = NULL, *cmd = NULL;
        cr_assert_geq(asprintf(&name, "out.%s", formats[i]), 0);
        char *target = join(dir, name);
        Snap s = old_file(target, old_text);
        cr_assert_eq(chmod(target, 0640), 0);
        char *before = listing(dir);
        cr_assert_geq(asprintf(&cmd, "$P build -T %s -o %s \"$ROOT/" EXAMPLE "\"", formats[i], name),
                      0);
        Run r = run(dir, cmd);
        expect_status(&r, 0, cmd);
        cr_assert_eq(r.out_len, 0, "%s: output on stdout too", cmd);
        expect_listing(dir, before, cmd);
        struct stat st;
        cr_assert_eq(stat(target, &st), 0);
        cr_assert_eq(st.st_mode & 07777, 0640, "%s: mode %o, want 640", cmd, st.st_mode & 07777);
        cr_assert_neq(st.st_ino, s.st.st_ino, "%s: written in place, not renamed", cmd);
        /* the same bytes as on standard output */
        free(cmd);
        cr_assert_geq(asprintf(&cmd, "$P build -T %s \"$ROOT/" EXAMPLE "\"", formats[i]), 0);
        Run o = run(dir, cmd);
        expect_status(&o, 0, cmd);
        size_t len = 0;
        char *data = test_read_file(target, &len);
        cr_assert_not_null(data);
        cr_assert(len == o.out_len && memcmp(data, o.out, len) == 0, "%s: -o differs from stdout",
                  formats[i]);
        free(data);
        run_free(&o);
        run_free(&r);
        free(before);
        snap_free(&s);
        free(cmd);
        free(target);
        free(name);
    }
    rm_rf(dir);
}

/* /dev/stdout and friends name a descriptor the shell opened: written to
 * as `-` is (through a pipe, appending with >>), never replaced. */
Test(output, descriptor_paths_write_to_the_descriptor, .timeout = 60)
{
    char *dir = tmp_dir();
    struct stat before, after;
    bool have_link = lstat("/dev/stdout", &before) == 0;
    Run want = run(dir, "$P build -T dot \"$ROOT/" EXAMPLE "\"");
    expect_status(&want, 0, "build to stdout");
    static const struct {
        const char *cmd, *file, *prefix;
    } cases[] = {
        {"$P build -T dot -o /dev/stdout \"$ROOT/" EXAMPLE "\" | cat >piped.dot", "piped.dot", ""},
        {"echo first >appended.dot && $P build -T dot -o /dev/stdout \"$ROOT/" EXAMPLE
         "\" >>appended.dot", "appended.dot", "first\n"},
        {"$P build -T dot -o /dev/stderr \"$ROOT/" EXAMPLE "\" 2>stderr.dot", "stderr.dot", ""},
        {"$P build -T dot -o /dev/fd/3 \"$ROOT/" EXAMPLE "\" 3>fd3.dot", "fd3.dot", ""},
        {"$P build -T dot -o /proc/self/fd/1 \"$ROOT/" EXAMPLE "\" | cat >proc.dot", "proc.dot", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Run r = run(dir, cases[i].cmd);
        expect_status(&r, 0, cases[i].cmd);
        char *path = join(dir, cases[i].file), *wanted = NULL;
        cr_assert_geq(asprintf(&wanted, "%s%s", cases[i].prefix, want.out), 0);
        char *got = test_read_file(path, NULL);
        cr_assert_not_null(got, "%s: no %s", cases[i].cmd, cases[i].file);
        cr_assert_str_eq(got, wanted, "%s: wrong content", cases[i].cmd);
        free(got);
        free(wanted);
        free(path);
        run_free(&r);
    }
    char *l = listing(dir);
    cr_assert_str_eq(l, "appended.dot\nfd3.dot\npiped.dot\nproc.dot\nstderr.dot\n",
                     "files other than the redirections:\n%s", l);
    free(l);
    if (have_link) {
        cr_assert_eq(lstat("/dev/stdout", &after), 0, "/dev/stdout is gone");
        cr_assert_eq(after.st_ino, before.st_ino, "/dev/stdout was replaced");
        cr_assert_eq(after.st_mode, before.st_mode, "/dev/stdout changed");
    }
    run_free(&want);
    rm_rf(dir);
}

Test(output, new_file_follows_the_umask)
{
    char *dir = tmp_dir(), *target = join(dir, "new.dot");
    Run r = run(dir, "umask 027 && $P build -T dot -o new.dot \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 0, "-o a new file");
    struct stat st;
    cr_assert_eq(stat(target, &st), 0);
    cr_assert_eq(st.st_mode & 07777, 0640, "mode %o, want 640 (0666 & ~027)", st.st_mode & 07777);
    char *l = listing(dir);
    cr_assert_str_eq(l, "new.dot\n");
    free(l);
    run_free(&r);
    free(target);
    rm_rf(dir);
}

Test(output, symbolic_link_stays_a_link, .timeout = 60)
{
    char *dir = tmp_dir(), *site = join(dir, "site"), *target = join(site, "real.svg");
    char *link = join(dir, "out.svg"), *dangling = join(dir, "later.svg");
    char *made = join(site, "made.svg");
    cr_assert_eq(mkdir(site, 0755), 0);
    Snap s = old_file(target, old_text);
    cr_assert_eq(chmod(target, 0604), 0);
    cr_assert_eq(symlink("site/real.svg", link), 0);
    cr_assert_eq(symlink("site/made.svg", dangling), 0);
    Run r = run(dir, "$P build -T svg -o out.svg \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 0, "-o a symbolic link");
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link was replaced by a regular file");
    cr_assert_eq(stat(target, &st), 0);
    cr_assert_eq(st.st_mode & 07777, 0604, "mode of the target: %o", st.st_mode & 07777);
    size_t len;
    char *data = test_read_file(target, &len);
    cr_assert(len > 4 && strstr(data, "<svg"), "the target was not written");
    cr_assert_null(strstr(data, "the old diagram"), "the target still holds the old text");
    free(data);
    run_free(&r);
    /* a dangling link: the file it names is created */
    r = run(dir, "$P build -T svg -o later.svg \"$ROOT/" EXAMPLE "\"");
    expect_status(&r, 0, "-o a dangling link");
    cr_assert_eq(lstat(dangling, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the dangling link was replaced");
    cr_assert_eq(stat(made, &st), 0, "the file the link names was not created");
    char *l = listing(site);
    cr_assert_str_eq(l, "made.svg\nreal.svg\n", "temporary files left:\n%s", l);
    free(l);
    run_free(&r);
    snap_free(&s);
    free(made);
    free(dangling);
    free(link);
    free(target);
    free(site);
    rm_rf(dir);
}

/* ---- fmt ------------------------------------------------------------------------------------- */

static const char messy[] = "pipeline p {\n  a:s3\n      b:lambda\n  a->b\n}\n";
static const char tidy[] = "pipeline p {\n  a : s3\n  b : lambda\n  a -> b\n}\n";
static const char unparsable[] = "pipeline p {\n  a : s3 {\n  a -> \n";

Test(fmt_files, unparsable_file_is_left_untouched)
{
    char *dir = tmp_dir(), *bad = join(dir, "bad.pipe");
    Snap s = old_file(bad, unparsable);
    char *before = listing(dir);
    Run r = run(dir, "$P fmt bad.pipe");
    expect_status(&r, 1, "fmt of a file that does not parse");
    expect_err(&r, "bad.pipe", "fmt of a file that does not parse");
    expect_untouched(&s, bad, "fmt of a file that does not parse");
    expect_listing(dir, before, "fmt of a file that does not parse");
    run_free(&r);
    free(before);
    snap_free(&s);
    free(bad);
    rm_rf(dir);
}

Test(fmt_files, one_bad_file_does_not_stop_the_others)
{
    char *dir = tmp_dir(), *bad = join(dir, "bad.pipe"), *good = join(dir, "good.pipe");
    Snap s = old_file(bad, unparsable);
    write_file(good, messy);
    Run r = run(dir, "$P fmt bad.pipe good.pipe");
    expect_status(&r, 1, "fmt of a bad and a good file");
    expect_untouched(&s, bad, "fmt of a bad and a good file");
    char *text = test_read_file(good, NULL);
    cr_assert_str_eq(text, tidy);
    free(text);
    char *l = listing(dir);
    cr_assert_str_eq(l, "bad.pipe\ngood.pipe\n");
    free(l);
    run_free(&r);
    snap_free(&s);
    free(bad);
    free(good);
    rm_rf(dir);
}

Test(fmt_files, in_place_keeps_mode_and_owner)
{
    static const mode_t modes[] = {0640, 0600, 0755, 0444};
    char *dir = tmp_dir(), *f = join(dir, "p.pipe");
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        Snap s = old_file(f, messy);
        cr_assert_eq(chmod(f, modes[i]), 0);
        bool chowned = geteuid() == 0 && chown(f, 1234, 2345) == 0;
        Run r = run(dir, "$P fmt p.pipe");
        expect_status(&r, 0, "fmt in place");
        struct stat st;
        cr_assert_eq(stat(f, &st), 0);
        cr_assert_eq(st.st_mode & 07777, modes[i], "mode %o, want %o", st.st_mode & 07777, modes[i]);
        if (chowned) {
            cr_assert_eq(st.st_uid, 1234, "owner %d, want 1234", (int)st.st_uid);
            cr_assert_eq(st.st_gid, 2345, "group %d, want 2345", (int)st.st_gid);
        }
        char *text = test_read_file(f, NULL);
        cr_assert_str_eq(text, tidy);
        free(text);
        char *l = listing(dir);
        cr_assert_str_eq(l, "p.pipe\n", "temporary file left:\n%s", l);
        free(l);
        run_free(&r);
        snap_free(&s);
        cr_assert_eq(unlink(f), 0);
    }
    if (geteuid() != 0)
        cr_log_warn("not root: the owner of a formatted file was not checked");
    free(f);
    rm_rf(dir);
}

Test(fmt_files, symbolic_link_stays_a_link)
{
    char *dir = tmp_dir(), *real = join(dir, "real.pipe"), *link = join(dir, "link.pipe");
    Snap s = old_file(real, messy);
    cr_assert_eq(chmod(real, 0640), 0);
    cr_assert_eq(symlink("real.pipe", link), 0);
    Run r = run(dir, "$P fmt link.pipe");
    expect_status(&r, 0, "fmt of a symbolic link");
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "fmt replaced the link by a regular file");
    char *text = test_read_file(real, NULL);
    cr_assert_str_eq(text, tidy, "the file behind the link was not formatted");
    free(text);
    cr_assert_eq(stat(real, &st), 0);
    cr_assert_eq(st.st_mode & 07777, 0640);
    char *l = listing(dir);
    cr_assert_str_eq(l, "link.pipe\nreal.pipe\n", "temporary file left:\n%s", l);
    free(l);
    run_free(&r);
    snap_free(&s);
    free(real);
    free(link);
    rm_rf(dir);
}

Test(fmt_files, formatted_file_is_not_rewritten)
{
    char *dir = tmp_dir(), *f = join(dir, "p.pipe");
    Snap s = old_file(f, tidy);
    Run r = run(dir, "$P fmt p.pipe");
    expect_status(&r, 0, "fmt of a formatted file");
    expect_untouched(&s, f, "fmt of a formatted file");
    run_free(&r);
    snap_free(&s);
    free(f);
    rm_rf(dir);
}

Test(fmt_files, check_and_diff_write_nothing)
{
    char *dir = tmp_dir(), *f = join(dir, "p.pipe");
    Snap s = old_file(f, messy);
    char *before = listing(dir);
    Run r = run(dir, "$P fmt --check p.pipe");
    expect_status(&r, 1, "fmt --check");
    cr_assert_str_eq(r.out, "p.pipe\n");
    expect_untouched(&s, f, "fmt --check");
    run_free(&r);
    r = run(dir, "$P fmt --diff p.pipe");
    expect_status(&r, 1, "fmt --diff");
    cr_assert_not_null(strstr(r.out, "+  a : s3"), "%s", r.out);
    expect_untouched(&s, f, "fmt --diff");
    expect_listing(dir, before, "fmt --check and --diff");
    run_free(&r);
    free(before);
    snap_free(&s);
    free(f);
    rm_rf(dir);
}

Test(fmt_files, write_failure_is_2_and_keeps_the_file, .timeout = 60)
{
    char *dir = tmp_dir(), *sub = join(dir, "src"), *f = join(sub, "p.pipe");
    cr_assert_eq(mkdir(sub, 0755), 0);
    Snap s = old_file(f, messy);
    if (!try_chattr("+i", sub)) {
        snap_free(&s);
        free(f);
        free(sub);
        rm_rf(dir);
        cr_skip_test("chattr +i not available");
    }
    char *before = listing(sub);
    Run r = run(dir, "$P fmt src/p.pipe");
    chattr_off("-i", sub);
    expect_status(&r, 2, "fmt in an immutable folder");
    expect_err(&r, "src/p.pipe", "fmt in an immutable folder");
    expect_untouched(&s, f, "fmt in an immutable folder");
    expect_listing(sub, before, "fmt in an immutable folder");
    run_free(&r);
    free(before);
    snap_free(&s);
    free(f);
    free(sub);
    rm_rf(dir);
}

/* ---- inputs that are no readable file ---------------------------------------------------- */

static const char *const commands[] = {"check", "build -T dot", "build -T svg -o out.svg", "fmt",
                                       "fmt --check"};

/* Every command on `name` exits 2, names it, says why, writes nothing. */
static void expect_refused(const char *dir, const char *name, const char *why)
{
    char *before = listing(dir);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char *cmd = NULL, *what = NULL;
        cr_assert_geq(asprintf(&cmd, "timeout -s KILL 5 $P %s %s", commands[i], name), 0);
        cr_assert_geq(asprintf(&what, "%s on %s", commands[i], name), 0);
        Run r = run(dir, cmd);
        cr_assert_neq(r.status, 137, "%s: hung (killed after 5 s)", what);
        expect_status(&r, 2, what);
        expect_err(&r, name, what);
        expect_err(&r, why, what);
        cr_assert_eq(r.out_len, 0, "%s: wrote to stdout:\n%s", what, r.out);
        expect_listing(dir, before, what);
        run_free(&r);
        free(cmd);
        free(what);
    }
    free(before);
}

Test(inputs, missing_file)
{
    char *dir = tmp_dir();
    expect_refused(dir, "missing.pipe", "No such file or directory");
    rm_rf(dir);
}

Test(inputs, folder)
{
    char *dir = tmp_dir(), *sub = join(dir, "folder.pipe");
    cr_assert_eq(mkdir(sub, 0755), 0);
    expect_refused(dir, "folder.pipe", "is a directory");
    free(sub);
    rm_rf(dir);
}

Test(inputs, fifo_without_hanging, .timeout = 60)
{
    char *dir = tmp_dir(), *fifo = join(dir, "fifo.pipe");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    expect_refused(dir, "fifo.pipe", "not a regular file");
    free(fifo);
    rm_rf(dir);
}

/* Devices are refused like FIFOs (a device can block or never end); empty
 * input is read with `-`. */
Test(inputs, device)
{
    char *dir = tmp_dir();
    expect_refused(dir, "/dev/null", "not a regular file");
    rm_rf(dir);
}

Test(inputs, empty_standard_input)
{
    char *dir = tmp_dir();
    Run r = run(dir, "$P check - </dev/null");
    expect_status(&r, 0, "check of empty input");
    cr_assert_str_eq(r.err, "");
    run_free(&r);
    r = run(dir, "$P build -T dot - </dev/null");
    expect_status(&r, 1, "build of empty input");
    expect_err(&r, "E210", "build of empty input");
    run_free(&r);
    r = run(dir, "$P fmt - </dev/null");
    expect_status(&r, 0, "fmt of empty input");
    cr_assert_eq(r.out_len, 0);
    run_free(&r);
    char *l = listing(dir);
    cr_assert_str_eq(l, "");
    free(l);
    rm_rf(dir);
}

Test(inputs, unreadable_file)
{
    if (geteuid() == 0)
        cr_skip_test("running as root, which reads every file: unreadable input not tested");
    char *dir = tmp_dir(), *f = join(dir, "secret.pipe");
    write_file(f, tidy);
    cr_assert_eq(chmod(f, 0), 0);
    expect_refused(dir, "secret.pipe", "Permission denied");
    free(f);
    rm_rf(dir);
}
