/* Loading a program: the stdlib, the root file and its imports. Each file is
 * loaded once (by real path); a cycle is E104 with the chain in a note. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "strbuf.h"

typedef struct Loader {
    Arena *arena;
    DiagList *diags;
    Program *prog;
    PtrVec stack; /* const char * real paths being loaded */
    PtrVec done;  /* const char * real paths loaded */
} Loader;

static File *parse_new(Arena *a, DiagList *d, Program *p, Source *src)
{
    src->id = p->next_source_id++;
    return parse_source(a, d, src);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_stdlib_dir(Arena *a, DiagList *d, const char *dir, Program *p)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        diag_add_file(d, SEV_ERROR, "E103", dir, "cannot read the stdlib folder: %s",
                      strerror(errno));
        return -1;
    }
    PtrVec names = {0};
    for (struct dirent *e; (e = readdir(dp));) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".pipe") == 0)
            vec_push(a, &names, arena_printf(a, "%s/%s", dir, e->d_name));
    }
    closedir(dp);
    qsort(names.items, (size_t)names.n, sizeof(void *), cmp_str);
    for (int i = 0; i < names.n; i++) {
        Source *src;
        const char *err;
        if (source_load(a, names.items[i], NULL, &src, &err) != SOURCE_OK) {
            diag_add_file(d, SEV_ERROR, "E103", names.items[i], "cannot read: %s", err);
            return -1;
        }
        vec_push(a, &p->stdlib, parse_new(a, d, p, src));
    }
    return 0;
}

/* The embedded stdlib, parsed once per process into an arena of its own:
 * its Files are read-only after parsing, so every compilation (each file of
 * `pipec check`, each edit in `pipec lsp`) shares them. Their sources keep
 * the ids 0.. of that first parse; a compilation numbers its own sources
 * after them, so diagnostics still sort stdlib first, then in load order. */
static struct {
    bool tried, ok;
    Arena *arena;
    PtrVec files; /* File * */
} shared_stdlib;

bool stdlib_parse(Arena *a, PtrVec *files)
{
    DiagList d;
    diag_init(&d, a);
    for (int i = 0; i < pipe_stdlib_count; i++) {
        const EmbeddedFile *e = &pipe_stdlib_files[i];
        Source *src = source_from_memory(a, e->name, (const char *)e->data, e->len);
        src->id = i;
        vec_push(a, files, parse_source(a, &d, src));
    }
    return d.items.n == 0 && d.nerrors == 0 && d.nwarnings == 0 && d.nhints == 0;
}

static bool share_stdlib(void)
{
    if (shared_stdlib.tried)
        return shared_stdlib.ok;
    shared_stdlib.tried = true;
    /* parsed at build time: nothing to do (compiler/stdlib_image_gen.c) */
    if (pipe_stdlib_image_count == pipe_stdlib_count && pipe_stdlib_count > 0) {
        shared_stdlib.files = (PtrVec){(void **)pipe_stdlib_image, pipe_stdlib_image_count,
                                       pipe_stdlib_image_count};
        return shared_stdlib.ok = true;
    }
    Arena *a = arena_new();
    /* A stdlib with findings is parsed per compilation, which reports them. */
    shared_stdlib.ok = stdlib_parse(a, &shared_stdlib.files);
    if (shared_stdlib.ok) {
        shared_stdlib.arena = a;
    } else {
        arena_free(a);
        shared_stdlib.files = (PtrVec){0};
    }
    return shared_stdlib.ok;
}

int load_stdlib(Arena *a, DiagList *d, const LoadOptions *opt, Program *p)
{
    if (opt && opt->no_stdlib)
        return 0;
    if (opt && opt->stdlib_dir)
        return load_stdlib_dir(a, d, opt->stdlib_dir, p);
    if (share_stdlib()) {
        for (int i = 0; i < shared_stdlib.files.n; i++)
            vec_push(a, &p->stdlib, shared_stdlib.files.items[i]);
        if (p->next_source_id < shared_stdlib.files.n)
            p->next_source_id = shared_stdlib.files.n;
        return 0;
    }
    for (int i = 0; i < pipe_stdlib_count; i++) {
        const EmbeddedFile *e = &pipe_stdlib_files[i];
        Source *src = source_from_memory(a, e->name, (const char *)e->data, e->len);
        vec_push(a, &p->stdlib, parse_new(a, d, p, src));
    }
    return 0;
}

static char *dir_of(Arena *a, const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        return arena_strdup(a, ".");
    return arena_strndup(a, path, (size_t)(slash - path));
}

static void load_imports(Loader *l, File *f, const char *real);

static void load_import(Loader *l, File *from, const Item *it)
{
    Arena *a = l->arena;
    const char *rel = it->title;
    const char *path = rel[0] == '/' ? rel : arena_printf(a, "%s/%s", dir_of(a, from->src->path), rel);
    char resolved[PATH_MAX];
    if (!realpath(path, resolved)) {
        Diagnostic *g = diag_add(l->diags, SEV_ERROR, "E103", from->src, it->title_span,
                                 "cannot import \"%s\": %s", rel, strerror(errno));
        diag_note(l->diags, g, "imports are resolved relative to the importing file: %s", path);
        return;
    }
    if (vec_has_str(&l->stack, resolved)) {
        StrBuf chain;
        sb_init(&chain);
        for (int i = 0; i < l->stack.n; i++)
            sb_printf(&chain, "%s -> ", (const char *)l->stack.items[i]);
        sb_puts(&chain, resolved);
        Diagnostic *g = diag_add(l->diags, SEV_ERROR, "E104", from->src, it->title_span,
                                 "import cycle: \"%s\" is already being imported", rel);
        diag_note(l->diags, g, "the chain of imports: %s", chain.data);
        sb_free(&chain);
        return;
    }
    if (vec_has_str(&l->done, resolved))
        return;
    if (l->stack.n >= LOAD_MAX_IMPORT_DEPTH || l->done.n >= LOAD_MAX_FILES) {
        diag_add(l->diags, SEV_ERROR, "E105", from->src, it->title_span,
                 "too many imports (the limits are %d levels deep and %d files)",
                 LOAD_MAX_IMPORT_DEPTH, LOAD_MAX_FILES);
        return;
    }
    Source *src;
    const char *err;
    /* Load by the path as the user would write it (relative stays relative,
     * so messages do not depend on where the checkout lives); the real path
     * only identifies the file for cycles and repeats. */
    SourceStatus st = source_load(a, path, path, &src, &err);
    if (st != SOURCE_OK) {
        diag_add(l->diags, SEV_ERROR, st == SOURCE_TOO_LARGE ? "E105" : "E103", from->src,
                 it->title_span, "cannot import \"%s\": %s", rel, err);
        return;
    }
    File *f = parse_new(a, l->diags, l->prog, src);
    vec_push(a, &l->prog->files, f);
    load_imports(l, f, arena_strdup(a, resolved));
}

static void load_imports(Loader *l, File *f, const char *real)
{
    vec_push(l->arena, &l->done, (void *)real);
    vec_push(l->arena, &l->stack, (void *)real);
    for (int i = 0; i < f->items.n; i++) {
        const Item *it = f->items.items[i];
        if (it->kind == IT_IMPORT)
            load_import(l, f, it);
    }
    l->stack.n--;
}

static void load_from(Arena *a, DiagList *d, Program *p, Source *src)
{
    File *f = parse_new(a, d, p, src);
    p->root = f;
    vec_push(a, &p->files, f);
    Loader l = {.arena = a, .diags = d, .prog = p};
    char resolved[PATH_MAX];
    const char *real = src->path && realpath(src->path, resolved) ? arena_strdup(a, resolved)
                                                                 : src->name;
    load_imports(&l, f, real);
}

int load_root(Arena *a, DiagList *d, Program *p, const char *path, const char *display)
{
    Source *src;
    const char *err;
    SourceStatus st = source_load(a, path, display, &src, &err);
    if (st == SOURCE_TOO_LARGE) {
        diag_add_file(d, SEV_ERROR, "E105", display ? display : path, "%s", err);
        return 1;
    }
    if (st != SOURCE_OK) {
        diag_add_file(d, SEV_ERROR, "E103", display ? display : path, "cannot read: %s", err);
        return -1;
    }
    load_from(a, d, p, src);
    return 0;
}

void load_root_text(Arena *a, DiagList *d, Program *p, const char *name, const char *text,
                    size_t len)
{
    Source *src = source_from_memory(a, name, text, len);
    if (name[0] == '/')
        src->path = src->name;
    load_from(a, d, p, src);
}
