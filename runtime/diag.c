#include "diag.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct FileCount {
    const Source *src;
    int errors, dropped;
} FileCount;

void diag_init(DiagList *d, Arena *a)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
}

static FileCount *count_for(DiagList *d, const Source *src)
{
    for (int i = 0; i < d->counts.n; i++) {
        FileCount *c = d->counts.items[i];
        if (c->src == src)
            return c;
    }
    FileCount *c = arena_alloc(d->arena, sizeof *c);
    c->src = src;
    vec_push(d->arena, &d->counts, c);
    return c;
}

/* Length of a valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
               : p[0] >= 0xE0 && p[0] <= 0xEF ? 3 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return len;
}

/* Messages quote the user's text: keep them valid UTF-8 (JSON and SARIF
 * need it) and free of control characters (no escape sequence from a file
 * may reach the terminal). */
static char *clean_text(Arena *a, const char *text)
{
    size_t n = strlen(text);
    char *out = arena_alloc(a, n * 6 + 1), *o = out;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_len(p + i, n - i);
        if (len == 0) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else if (len == 1 && ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') || p[i] == 0x7F)) {
            o += sprintf(o, "U+%04X", p[i]);
            i++;
        } else {
            memcpy(o, p + i, len);
            o += len;
            i += len;
        }
    }
    *o = '\0';
    return out;
}

static Diagnostic *diag_vadd(DiagList *d, Severity sev, const char *code,
                             const Source *src, const char *file, Span span,
                             const char *fmt, va_list ap)
{
    if (sev == SEV_ERROR) {
        d->nerrors++;
        FileCount *c = count_for(d, src);
        if (c->errors >= DIAG_MAX_ERRORS_PER_FILE) {
            c->dropped++;
            return NULL;
        }
        c->errors++;
    } else if (sev == SEV_WARNING) {
        d->nwarnings++;
    } else {
        d->nhints++;
    }
    Diagnostic *g = arena_alloc(d->arena, sizeof *g);
    g->src = src;
    g->file = src ? src->name : arena_strdup(d->arena, file);
    g->span = span;
    g->sev = sev;
    g->code = code;
    g->message = clean_text(d->arena, arena_vprintf(d->arena, fmt, ap));
    g->seq = d->seq++;
    vec_push(d->arena, &d->items, g);
    return g;
}

Diagnostic *diag_add(DiagList *d, Severity sev, const char *code, const Source *src,
                     Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Diagnostic *g = diag_vadd(d, sev, code, src, NULL, span, fmt, ap);
    va_end(ap);
    return g;
}

Diagnostic *diag_add_file(DiagList *d, Severity sev, const char *code, const char *file,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Diagnostic *g = diag_vadd(d, sev, code, NULL, file, (Span){0, 0}, fmt, ap);
    va_end(ap);
    return g;
}

static void add_note(DiagList *d, Diagnostic *g, const char *kind, const Source *src,
                     Span span, const char *fmt, va_list ap)
{
    if (!g)
        return;
    DiagNote *n = arena_alloc(d->arena, sizeof *n);
    n->kind = kind;
    n->src = src;
    n->span = span;
    n->text = clean_text(d->arena, arena_vprintf(d->arena, fmt, ap));
    if (g->last_note)
        g->last_note->next = n;
    else
        g->notes = n;
    g->last_note = n;
}

void diag_note(DiagList *d, Diagnostic *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_note(d, g, "note", NULL, (Span){0, 0}, fmt, ap);
    va_end(ap);
}

void diag_note_at(DiagList *d, Diagnostic *g, const Source *src, Span span,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_note(d, g, "note", src, span, fmt, ap);
    va_end(ap);
}

void diag_help(DiagList *d, Diagnostic *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_note(d, g, "help", NULL, (Span){0, 0}, fmt, ap);
    va_end(ap);
}

static int src_order(const Diagnostic *g)
{
    return g->src ? g->src->id : -1;
}

static int cmp_diag(const void *pa, const void *pb)
{
    const Diagnostic *a = *(Diagnostic *const *)pa, *b = *(Diagnostic *const *)pb;
    if (src_order(a) != src_order(b))
        return src_order(a) < src_order(b) ? -1 : 1;
    if (!a->src || !b->src) {
        int c = strcmp(a->file, b->file);
        if (c)
            return c;
    }
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_sort(DiagList *d)
{
    if (d->items.n > 1)
        qsort(d->items.items, (size_t)d->items.n, sizeof(void *), cmp_diag);
}

int diag_errors_in(const DiagList *d, const Source *src)
{
    for (int i = 0; i < d->counts.n; i++) {
        const FileCount *c = d->counts.items[i];
        if (c->src == src)
            return c->errors + c->dropped;
    }
    return 0;
}

const char *diag_severity_name(Severity sev)
{
    switch (sev) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    default: return "note";
    }
}

/* ---- human ---------------------------------------------------------- */

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_BLUE "\033[1;34m"

static const char *sev_color(Severity sev)
{
    switch (sev) {
    case SEV_ERROR: return "\033[1;31m";
    case SEV_WARNING: return "\033[1;33m";
    default: return "\033[1;36m";
    }
}

static Pos start_pos(const Diagnostic *g)
{
    return g->src ? source_pos(g->src, g->span.start) : (Pos){0, 0};
}

static void print_location(FILE *out, const char *file, const Source *src, Span span)
{
    if (!src) {
        fputs(file, out);
        return;
    }
    Pos p = source_pos(src, span.start);
    fprintf(out, "%s:%d:%d", src->name, p.line, p.col);
}

/* Prints text; continuation lines are indented to `indent` columns. */
static void print_indented(FILE *out, const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, out);
        if (*p == '\n' && p[1])
            fprintf(out, "%*s", indent, "");
    }
}

#define SNIPPET_MAX 160 /* bytes of a long line shown around the caret */

static size_t char_start(const char *line, size_t i)
{
    while (i > 0 && ((unsigned char)line[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The source line (a window of it when long) and a caret underline of the
 * span's first line. */
static void print_snippet(FILE *out, const Source *src, Span span, bool color,
                          const char *mark_color)
{
    Pos p = source_pos(src, span.start);
    size_t len;
    const char *line = source_line(src, p.line, &len);
    size_t col_bytes = span.start - (uint32_t)(line - src->text);
    if (col_bytes > len)
        col_bytes = len;
    size_t from = 0, to = len;
    if (len > SNIPPET_MAX) {
        from = col_bytes > SNIPPET_MAX / 2 ? char_start(line, col_bytes - SNIPPET_MAX / 2) : 0;
        to = from + SNIPPET_MAX < len ? char_start(line, from + SNIPPET_MAX) : len;
    }
    fprintf(out, "%s%5d |%s ", color ? C_BLUE : "", p.line, color ? C_RESET : "");
    fputs(from > 0 ? "..." : "", out);
    /* Control bytes become one placeholder character, so the caret below
     * still lines up and nothing from the file drives the terminal. */
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            fputs("\xEF\xBF\xBD", out);
        else
            fputc(c, out);
    }
    fputs(to < len ? "..." : "", out);
    fprintf(out, "\n%s%5s |%s ", color ? C_BLUE : "", "", color ? C_RESET : "");
    fputs(from > 0 ? "   " : "", out);
    /* Keep tabs so the caret lines up under tab-indented text. */
    for (size_t i = from; i < col_bytes; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c & 0xC0) == 0x80)
            continue;
        fputc(c == '\t' ? '\t' : ' ', out);
    }
    uint32_t end = span.end;
    uint32_t line_end = (uint32_t)(line - src->text) + (uint32_t)to;
    if (end > line_end)
        end = line_end;
    int width = 0;
    for (uint32_t i = span.start; i < end; i++)
        if (((unsigned char)src->text[i] & 0xC0) != 0x80)
            width++;
    if (width < 1)
        width = 1;
    if (color)
        fputs(mark_color, out);
    for (int i = 0; i < width; i++)
        fputc('^', out);
    if (color)
        fputs(C_RESET, out);
    fputc('\n', out);
}

static void render_overflow(const DiagList *d, FILE *out, bool gcc)
{
    for (int i = 0; i < d->counts.n; i++) {
        const FileCount *c = d->counts.items[i];
        if (!c->dropped)
            continue;
        const char *name = c->src ? c->src->name : "<input>";
        fprintf(out, "%s: note: %d more error%s not shown (the limit is %d per file)%s\n",
                name, c->dropped, c->dropped == 1 ? "" : "s", DIAG_MAX_ERRORS_PER_FILE,
                gcc ? " [E105]" : "");
    }
}

void diag_render_human(const DiagList *d, FILE *out, bool color)
{
    for (int i = 0; i < d->items.n; i++) {
        const Diagnostic *g = d->items.items[i];
        if (color)
            fputs(C_BOLD, out);
        print_location(out, g->file, g->src, g->span);
        fprintf(out, ": %s%s[%s]%s%s: ", color ? sev_color(g->sev) : "",
                diag_severity_name(g->sev), g->code, color ? C_RESET : "",
                color ? C_BOLD : "");
        print_indented(out, g->message, 4);
        fprintf(out, "%s\n", color ? C_RESET : "");
        if (g->src)
            print_snippet(out, g->src, g->span, color, sev_color(g->sev));
        for (const DiagNote *n = g->notes; n; n = n->next) {
            fprintf(out, "   %s=%s %s: ", color ? C_BLUE : "", color ? C_RESET : "", n->kind);
            print_indented(out, n->text, (int)strlen(n->kind) + 7);
            fputc('\n', out);
            if (n->src) {
                fprintf(out, "  %s-->%s ", color ? C_BLUE : "", color ? C_RESET : "");
                print_location(out, n->src->name, n->src, n->span);
                fputc('\n', out);
                print_snippet(out, n->src, n->span, color, C_BLUE);
            }
        }
    }
    render_overflow(d, out, false);
}

/* ---- gcc and GitHub annotations ------------------------------------- */

static void print_flat(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++)
        fputc(*p == '\n' ? ' ' : *p, out);
}

void diag_render_gcc(const DiagList *d, FILE *out)
{
    for (int i = 0; i < d->items.n; i++) {
        const Diagnostic *g = d->items.items[i];
        print_location(out, g->file, g->src, g->span);
        fprintf(out, ": %s: ", diag_severity_name(g->sev));
        print_flat(out, g->message);
        fprintf(out, " [%s]\n", g->code);
        for (const DiagNote *n = g->notes; n; n = n->next) {
            if (n->src)
                print_location(out, n->src->name, n->src, n->span);
            else
                print_location(out, g->file, g->src, g->span);
            fprintf(out, ": note: %s", strcmp(n->kind, "help") == 0 ? "help: " : "");
            print_flat(out, n->text);
            fputc('\n', out);
        }
    }
    render_overflow(d, out, true);
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also : and ,. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': property ? fputs("%3A", out) : fputc(':', out); break;
        case ',': property ? fputs("%2C", out) : fputc(',', out); break;
        default: fputc(*s, out);
        }
    }
}

void diag_render_github(const DiagList *d, FILE *out)
{
    for (int i = 0; i < d->items.n; i++) {
        const Diagnostic *g = d->items.items[i];
        const char *kind = g->sev == SEV_ERROR ? "error" : g->sev == SEV_WARNING ? "warning" : "notice";
        fprintf(out, "::%s file=", kind);
        gh_escape(out, g->file, true);
        if (g->src) {
            Pos a = source_pos(g->src, g->span.start), b = source_pos(g->src, g->span.end);
            fprintf(out, ",line=%d,col=%d,endLine=%d,endColumn=%d", a.line, a.col, b.line, b.col);
        }
        fputs(",title=", out);
        gh_escape(out, g->code, true);
        fputs("::", out);
        gh_escape(out, g->message, false);
        for (const DiagNote *n = g->notes; n; n = n->next) {
            fprintf(out, "%%0A%s: ", n->kind);
            gh_escape(out, n->text, false);
        }
        fputc('\n', out);
    }
}

/* ---- JSON and SARIF --------------------------------------------------- */

static void set_range(json_t *o, const Diagnostic *g, const char *line, const char *col,
                      const char *eline, const char *ecol)
{
    Pos a = start_pos(g);
    Pos b = g->src ? source_pos(g->src, g->span.end) : a;
    if (!g->src)
        a = b = (Pos){1, 1};
    json_object_set_new(o, line, json_integer(a.line));
    json_object_set_new(o, col, json_integer(a.col));
    json_object_set_new(o, eline, json_integer(b.line));
    json_object_set_new(o, ecol, json_integer(b.col));
}

static json_t *notes_json(const Diagnostic *g)
{
    json_t *arr = json_array();
    for (const DiagNote *n = g->notes; n; n = n->next) {
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(n->kind));
        json_object_set_new(o, "message", json_string(n->text));
        if (n->src) {
            Pos p = source_pos(n->src, n->span.start);
            json_object_set_new(o, "file", json_string(n->src->name));
            json_object_set_new(o, "line", json_integer(p.line));
            json_object_set_new(o, "column", json_integer(p.col));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static int dump_json(json_t *doc, FILE *out)
{
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    fputc('\n', out);
    json_decref(doc);
    return rc;
}

int diag_render_json(const DiagList *d, FILE *out)
{
    json_t *arr = json_array();
    for (int i = 0; i < d->items.n; i++) {
        const Diagnostic *g = d->items.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(g->file));
        set_range(o, g, "line", "column", "end_line", "end_column");
        json_object_set_new(o, "severity", json_string(diag_severity_name(g->sev)));
        json_object_set_new(o, "code", json_string(g->code));
        json_object_set_new(o, "message", json_string(g->message));
        json_object_set_new(o, "notes", notes_json(g));
        json_array_append_new(arr, o);
    }
    return dump_json(arr, out);
}

static const char *sarif_level(Severity sev)
{
    return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning" : "note";
}

/* A file name as a URI reference: everything but unreserved characters and
 * '/' percent-encoded (a space or '#' in a name must not break the URI). */
static char *uri_of(const char *file)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(file);
    char *out = malloc(n * 3 + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return out;
}

static json_t *sarif_location(const char *file, const Diagnostic *g, const Source *src,
                              Span span)
{
    json_t *region = json_object();
    Diagnostic tmp = *g;
    tmp.src = src;
    tmp.span = span;
    set_range(region, &tmp, "startLine", "startColumn", "endLine", "endColumn");
    char *uri = uri_of(file);
    json_t *phys = json_pack("{s:{s:s}, s:o}", "artifactLocation", "uri", uri, "region", region);
    free(uri);
    return json_pack("{s:o}", "physicalLocation", phys);
}

static json_t *sarif_rules(const DiagRule *rules, int nrules)
{
    json_t *arr = json_array();
    for (int i = 0; i < nrules; i++)
        json_array_append_new(arr, json_pack("{s:s, s:{s:s}, s:{s:s}}", "id", rules[i].code,
                                             "shortDescription", "text", rules[i].summary,
                                             "help", "text", rules[i].help));
    return arr;
}

static json_t *sarif_result(const Diagnostic *g, const DiagRule *rules, int nrules)
{
    json_t *res = json_object();
    json_object_set_new(res, "ruleId", json_string(g->code));
    for (int i = 0; i < nrules; i++)
        if (strcmp(rules[i].code, g->code) == 0)
            json_object_set_new(res, "ruleIndex", json_integer(i));
    json_object_set_new(res, "level", json_string(sarif_level(g->sev)));
    json_object_set_new(res, "message", json_pack("{s:s}", "text", g->message));
    json_t *locs = json_array();
    json_array_append_new(locs, sarif_location(g->file, g, g->src, g->span));
    json_object_set_new(res, "locations", locs);
    json_t *related = json_array();
    int id = 0;
    for (const DiagNote *n = g->notes; n; n = n->next) {
        json_t *loc = n->src ? sarif_location(n->src->name, g, n->src, n->span)
                             : sarif_location(g->file, g, g->src, g->span);
        json_object_set_new(loc, "id", json_integer(id++));
        json_object_set_new(loc, "message",
                            json_pack("{s:s++}", "text", n->kind, ": ", n->text));
        json_array_append_new(related, loc);
    }
    if (json_array_size(related))
        json_object_set_new(res, "relatedLocations", related);
    else
        json_decref(related);
    return res;
}

int diag_render_sarif(const DiagList *d, FILE *out, const char *tool_version,
                      const DiagRule *rules, int nrules)
{
    json_t *results = json_array();
    for (int i = 0; i < d->items.n; i++)
        json_array_append_new(results, sarif_result(d->items.items[i], rules, nrules));
    json_t *driver = json_pack("{s:s, s:s, s:o}", "name", "pipec", "version", tool_version,
                               "rules", sarif_rules(rules, nrules));
    json_t *run = json_pack("{s:{s:o}, s:s, s:o}", "tool", "driver", driver, "columnKind",
                            "unicodeCodePoints", "results", results);
    json_t *doc = json_pack("{s:s, s:s, s:[o]}", "$schema",
                            "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
                            "runs", run);
    return dump_json(doc, out);
}
