/* The formatter: prints the syntax tree in one canonical layout.
 *   - two spaces per level; one statement per line; `a -> b`, `x = v`
 *   - the `:` of consecutive components and the `=` of consecutive settings
 *     line up (a blank line or a comment ends the run)
 *   - a block written on one line stays on one line: `{ a = 1, b = 2 }`;
 *     otherwise one setting per line
 *   - literals keep their spelling (48h stays 48h, 1_000 stays 1_000)
 *   - blank lines are kept, several collapsed to one; every comment is kept,
 *     on its own line or at the end of the line it ended. */
#include "fmt.h"

#include <string.h>

#include "ast.h"
#include "parse.h"

typedef struct Fmt {
    const Source *src;
    StrBuf *out;
    const PtrVec *comments;
    int next_comment;
    uint32_t prev_end; /* source offset of the last thing printed */
    bool at_open;      /* nothing printed yet in this block */
} Fmt;

static void indent(Fmt *f, int depth)
{
    for (int i = 0; i < depth; i++)
        sb_puts(f->out, "  ");
}

static void put_span(Fmt *f, Span s)
{
    sb_putn(f->out, f->src->text + s.start, s.end - s.start);
}

static bool same_line(const Fmt *f, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < f->src->len; i++)
        if (f->src->text[i] == '\n')
            return false;
    return true;
}

/* A blank line before the element at `start` when the source had one. */
static void blank_line_before(Fmt *f, uint32_t start)
{
    int newlines = 0;
    for (uint32_t i = f->prev_end; i < start && i < f->src->len; i++)
        newlines += f->src->text[i] == '\n';
    if (newlines >= 2 && !f->at_open)
        sb_putc(f->out, '\n');
}

static const Comment *peek_comment(const Fmt *f)
{
    return f->next_comment < f->comments->n ? f->comments->items[f->next_comment] : NULL;
}

/* Comments that stand before `upto`, each on its own line. */
static void leading_comments(Fmt *f, uint32_t upto, int depth)
{
    const Comment *c;
    while ((c = peek_comment(f)) && c->span.start < upto) {
        blank_line_before(f, c->span.start);
        indent(f, depth);
        put_span(f, c->span);
        sb_putc(f->out, '\n');
        f->prev_end = c->span.end;
        f->at_open = false;
        f->next_comment++;
    }
}

/* Ends the current line, keeping a comment that followed `end` on it. */
static void end_line(Fmt *f, uint32_t end)
{
    const Comment *c = peek_comment(f);
    if (c && c->span.start >= end && same_line(f, end, c->span.start)) {
        sb_puts(f->out, "  ");
        put_span(f, c->span);
        end = c->span.end;
        f->next_comment++;
    }
    sb_putc(f->out, '\n');
    f->prev_end = end;
    f->at_open = false;
}

/* ---- values ---------------------------------------------------------------- */

static void put_block(Fmt *f, const Block *b, int depth);

static void put_value(Fmt *f, const Value *v, int depth)
{
    switch (v->kind) {
    case V_LIST:
        sb_putc(f->out, '[');
        for (int i = 0; i < v->list.n; i++) {
            if (i)
                sb_puts(f->out, ", ");
            put_value(f, v->list.items[i], depth);
        }
        sb_putc(f->out, ']');
        break;
    case V_RANGE:
        put_span(f, v->lo->span);
        sb_puts(f->out, "..");
        put_span(f, v->hi->span);
        break;
    case V_BLOCK:
        put_block(f, v->block, depth);
        break;
    default:
        put_span(f, v->span); /* literals keep their spelling */
    }
}

static int name_width(const char *s)
{
    return (int)strlen(s);
}

static void put_setting(Fmt *f, const Setting *s, int pad, int depth)
{
    sb_puts(f->out, s->name.name);
    for (int i = name_width(s->name.name); i < pad; i++)
        sb_putc(f->out, ' ');
    sb_puts(f->out, " = ");
    put_value(f, s->value, depth);
}

static bool on_one_line(const Fmt *f, Span s)
{
    return same_line(f, s.start, s.end);
}

/* Two neighbours belong to one aligned run when they stand on consecutive
 * lines, or on one line (`a = 1, bb = 2` in a block of several lines: fmt
 * puts them on consecutive lines, and must align them the first time). A
 * blank line or a comment line between them ends the run. */
static bool adjacent(const Fmt *f, Span prev, Span next)
{
    int newlines = 0;
    for (uint32_t x = prev.end; x < next.start; x++)
        newlines += f->src->text[x] == '\n';
    return newlines <= 1;
}

/* Width to align `=` over the run of settings starting at i. */
static int run_width(const Fmt *f, const PtrVec *settings, int i)
{
    int w = 0;
    for (int k = i; k < settings->n; k++) {
        const Setting *s = settings->items[k];
        if (k > i && !adjacent(f, ((const Setting *)settings->items[k - 1])->span, s->span))
            break;
        if (name_width(s->name.name) > w)
            w = name_width(s->name.name);
    }
    return w;
}

static void put_block(Fmt *f, const Block *b, int depth)
{
    if (b->settings.n == 0) {
        sb_puts(f->out, "{}");
        return;
    }
    if (on_one_line(f, b->span)) {
        sb_puts(f->out, "{ ");
        for (int i = 0; i < b->settings.n; i++) {
            if (i)
                sb_puts(f->out, ", ");
            put_setting(f, b->settings.items[i], 0, depth);
        }
        sb_puts(f->out, " }");
        return;
    }
    sb_puts(f->out, "{\n");
    f->prev_end = b->span.start + 1;
    f->at_open = true;
    int pad = 0;
    for (int i = 0; i < b->settings.n; i++) {
        const Setting *s = b->settings.items[i];
        if (i == 0 || !adjacent(f, ((const Setting *)b->settings.items[i - 1])->span, s->span))
            pad = run_width(f, &b->settings, i);
        leading_comments(f, s->span.start, depth + 1);
        blank_line_before(f, s->span.start);
        indent(f, depth + 1);
        put_setting(f, s, pad, depth + 1);
        end_line(f, s->span.end);
    }
    leading_comments(f, b->span.end, depth + 1);
    indent(f, depth);
    sb_putc(f->out, '}');
}

/* ---- statements ------------------------------------------------------------ */

static void put_ends(Fmt *f, const Ends *e)
{
    if (!e->bracketed) {
        sb_puts(f->out, ((const Ident *)e->names.items[0])->name);
        return;
    }
    sb_putc(f->out, '[');
    for (int i = 0; i < e->names.n; i++)
        sb_printf(f->out, "%s%s", i ? ", " : "", ((const Ident *)e->names.items[i])->name);
    sb_putc(f->out, ']');
}

static void put_stmts(Fmt *f, const PtrVec *stmts, int depth);

static bool is_aligned_kind(const Stmt *s)
{
    return s->kind == ST_COMPONENT || s->kind == ST_SETTING;
}

static const char *stmt_name(const Stmt *s)
{
    return s->kind == ST_SETTING ? s->setting->name.name : s->name.name;
}

static bool same_run(const Fmt *f, const Stmt *prev, const Stmt *s)
{
    return prev->kind == s->kind && adjacent(f, prev->span, s->span);
}

/* Width of the names in the run of same-kind statements starting at i. */
static int stmt_run_width(const Fmt *f, const PtrVec *stmts, int i)
{
    int w = 0;
    for (int k = i; k < stmts->n; k++) {
        const Stmt *s = stmts->items[k];
        if (k > i && !same_run(f, stmts->items[k - 1], s))
            break;
        if (name_width(stmt_name(s)) > w)
            w = name_width(stmt_name(s));
    }
    return w;
}

static void put_stmt(Fmt *f, const Stmt *s, int pad, int depth)
{
    switch (s->kind) {
    case ST_SETTING:
        put_setting(f, s->setting, pad, depth);
        break;
    case ST_COMPONENT:
        sb_puts(f->out, s->name.name);
        for (int i = name_width(s->name.name); i < pad; i++)
            sb_putc(f->out, ' ');
        sb_printf(f->out, " : %s", s->service.name);
        if (s->label) {
            sb_putc(f->out, ' ');
            put_span(f, s->label_span);
        }
        if (s->block) {
            sb_putc(f->out, ' ');
            put_block(f, s->block, depth);
        }
        break;
    case ST_FLOW:
        for (int i = 0; i < s->ends.n; i++) {
            if (i)
                sb_puts(f->out, " -> ");
            put_ends(f, s->ends.items[i]);
        }
        if (s->block) {
            sb_putc(f->out, ' ');
            put_block(f, s->block, depth);
        }
        break;
    case ST_GROUP:
        sb_printf(f->out, "group %s", s->name.name);
        if (s->label) {
            sb_putc(f->out, ' ');
            put_span(f, s->label_span);
        }
        sb_puts(f->out, " {\n");
        f->prev_end = s->label ? s->label_span.end : s->name.span.end;
        f->at_open = true;
        put_stmts(f, &s->body, depth + 1);
        leading_comments(f, s->span.end, depth + 1);
        indent(f, depth);
        sb_putc(f->out, '}');
        break;
    }
}

static void put_stmts(Fmt *f, const PtrVec *stmts, int depth)
{
    int pad = 0;
    for (int i = 0; i < stmts->n; i++) {
        const Stmt *s = stmts->items[i];
        leading_comments(f, s->span.start, depth);
        if (!is_aligned_kind(s))
            pad = 0;
        else if (i == 0 || !same_run(f, stmts->items[i - 1], s))
            pad = stmt_run_width(f, stmts, i);
        blank_line_before(f, s->span.start);
        indent(f, depth);
        put_stmt(f, s, pad, depth);
        end_line(f, s->span.end);
    }
}

/* ---- catalog items ------------------------------------------------------------ */

static void put_type(Fmt *f, const TypeExpr *t)
{
    if (t->is_bound) {
        if (t->lo)
            put_span(f, t->lo->span);
        sb_puts(f->out, "..");
        if (t->hi)
            put_span(f, t->hi->span);
        return;
    }
    if (t->is_string)
        put_span(f, t->span);
    else
        sb_puts(f->out, t->name.name);
    if (t->args.n) {
        sb_putc(f->out, '(');
        for (int i = 0; i < t->args.n; i++) {
            if (i)
                sb_puts(f->out, ", ");
            put_type(f, t->args.items[i]);
        }
        sb_putc(f->out, ')');
    }
}

/* Members of `service` and `type`: settings and property declarations, in
 * source order. */
static void put_members(Fmt *f, const Item *it, int depth)
{
    int ns = 0, np = 0;
    while (ns < it->meta.n || np < it->props.n) {
        const Setting *s = ns < it->meta.n ? it->meta.items[ns] : NULL;
        const PropDecl *p = np < it->props.n ? it->props.items[np] : NULL;
        bool take_setting = s && (!p || s->span.start < p->span.start);
        Span span = take_setting ? s->span : p->span;
        leading_comments(f, span.start, depth);
        blank_line_before(f, span.start);
        indent(f, depth);
        if (take_setting) {
            put_setting(f, s, 0, depth);
            ns++;
        } else {
            sb_printf(f->out, "%s : ", p->name.name);
            put_type(f, p->type);
            if (p->deflt) {
                sb_puts(f->out, " = ");
                put_value(f, p->deflt, depth);
            }
            np++;
        }
        end_line(f, span.end);
    }
}

static void put_title(Fmt *f, const Item *it)
{
    if (it->title) {
        sb_putc(f->out, ' ');
        put_span(f, it->title_span);
    }
}

static void put_item(Fmt *f, const Item *it)
{
    switch (it->kind) {
    case IT_IMPORT:
        sb_puts(f->out, "import ");
        put_span(f, it->title_span);
        break;
    case IT_PIPELINE:
        sb_printf(f->out, "pipeline %s", it->name.name);
        put_title(f, it);
        sb_puts(f->out, " {\n");
        f->prev_end = it->title ? it->title_span.end : it->name.span.end;
        f->at_open = true;
        put_stmts(f, &it->body, 1);
        leading_comments(f, it->span.end, 1);
        sb_putc(f->out, '}');
        break;
    case IT_SERVICE:
    case IT_TYPE:
        sb_printf(f->out, "%s %s", it->kind == IT_SERVICE ? "service" : "type", it->name.name);
        if (it->kind == IT_SERVICE)
            put_title(f, it);
        sb_puts(f->out, " {\n");
        f->prev_end = it->title && it->kind == IT_SERVICE ? it->title_span.end : it->name.span.end;
        f->at_open = true;
        put_members(f, it, 1);
        leading_comments(f, it->span.end, 1);
        sb_putc(f->out, '}');
        break;
    case IT_LINK:
        sb_puts(f->out, "link ");
        put_ends(f, it->from);
        sb_puts(f->out, " -> ");
        put_ends(f, it->to);
        sb_puts(f->out, " via ");
        put_span(f, it->title_span);
        break;
    case IT_FAMILY:
        sb_printf(f->out, "family %s", it->name.name);
        put_title(f, it);
        sb_puts(f->out, " [");
        for (int i = 0; i < it->members.n; i++)
            sb_printf(f->out, "%s%s", i ? ", " : "", ((const Ident *)it->members.items[i])->name);
        sb_putc(f->out, ']');
        break;
    case IT_CATEGORY:
        sb_printf(f->out, "category %s", it->name.name);
        put_title(f, it);
        break;
    }
    if ((it->kind == IT_LINK || it->kind == IT_FAMILY || it->kind == IT_CATEGORY) && it->block) {
        sb_putc(f->out, ' ');
        put_block(f, it->block, 0);
    }
}

int fmt_text(Arena *a, DiagList *d, const char *name, const char *text, size_t len, StrBuf *out)
{
    Source *src = source_from_memory(a, name, text, len);
    int before = d->nerrors;
    File *file = parse_source(a, d, src);
    if (d->nerrors > before || file->nerrors > 0)
        return -1;
    Fmt f = {.src = src, .out = out, .comments = &file->comments, .at_open = true};
    for (int i = 0; i < file->items.n; i++) {
        const Item *it = file->items.items[i];
        leading_comments(&f, it->span.start, 0);
        blank_line_before(&f, it->span.start);
        put_item(&f, it);
        end_line(&f, it->span.end);
    }
    leading_comments(&f, src->len + 1, 0);
    return 0;
}
