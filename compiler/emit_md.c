/* pipec build -T md: the pipeline as a Markdown document (CommonMark with
 * GitHub-flavoured tables) with a Mermaid diagram.
 *
 * Layout, in this order:
 *   # Title, the description, a facts line (pipeline id, region, owner,
 *   layout, counts); ## Diagram (a ```mermaid flowchart with the nodes,
 *   edges, mechanisms and nested groups of the diagram); ## Components (one
 *   table row per component, source order); ## Flows (one row per flow,
 *   source order; then the property references such as `transform`);
 *   ## Groups (a heading per group, nested groups one level deeper, members
 *   in source order); ## Findings (the checker's warnings and hints);
 *   ## Services (first-use order: catalog documentation and the integrations
 *   this pipeline uses); a footer naming the source file.
 *
 * Escaping. Every name, label, title and catalog text goes through one of:
 *   md_text   inline Markdown: ASCII punctuation that could start markup is
 *             backslash-escaped, < > & become entities (no raw HTML gets in),
 *             `|` is `\|` (safe in and out of table cells), control
 *             characters become spaces and newlines `<br>` in table cells or
 *             hard line breaks in paragraphs; at a line start, characters that
 *             could open a block (- + = 1.) are escaped too.
 *   md_code   a code span whose fence is longer than any backtick run inside
 *             (settings `name = value`; defaults in italics with "(default)").
 *   md_ticked the checker's messages: `quoted` parts become code spans.
 *   md_emph   italics only where the asterisks are sure to make emphasis.
 *   mm_text   text inside a quoted Mermaid label: " # & < > ` | : ; % become
 *             Mermaid entity codes (#quot; #35; ...) and newlines <br/>, so no
 *             label can end its string, the statement, or the code fence.
 * Mermaid ids are prefixed (c_ for components, g_ for groups) so that names
 * such as `end` or `style` never meet Mermaid's keywords. */
#include <stdbool.h>
#include <string.h>

#include "emit.h"
#include "value.h"

typedef struct Md {
    const Model *m;
    StrBuf *out;
    Arena *a;
} Md;

enum { MD_CELL = 1, MD_LINESTART = 2 };

/* ---- escaping -------------------------------------------------------------- */

static bool is_ctrl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* Inline Markdown text. In a cell, newlines become <br>; elsewhere a space
 * (paragraphs split their lines before calling this). */
static void md_textn(StrBuf *b, const char *s, size_t n, unsigned flags)
{
    bool start = (flags & MD_LINESTART) != 0, digits = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (start && (c == ' ' || c == '\t'))
            continue; /* leading blanks could make an indented code block */
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r') {
            sb_puts(b, flags & MD_CELL ? "<br>" : " ");
            continue;
        }
        if (is_ctrl(c)) {
            sb_putc(b, ' ');
            continue;
        }
        bool was_start = start;
        start = false;
        if (was_start && (c == '-' || c == '+' || c == '=')) {
            sb_putc(b, '\\');
            sb_putc(b, (char)c);
            continue;
        }
        if (was_start && c >= '0' && c <= '9')
            digits = true;
        else if (digits && (c == '.' || c == ')')) {
            digits = false;
            sb_putc(b, '\\');
            sb_putc(b, (char)c);
            continue;
        } else if (!(c >= '0' && c <= '9'))
            digits = false;
        switch (c) {
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '&': sb_puts(b, "&amp;"); break;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '#':
        case '|': case '~': case '$':
            sb_putc(b, '\\');
            sb_putc(b, (char)c);
            break;
        default: sb_putc(b, (char)c);
        }
    }
}

static void md_text(StrBuf *b, const char *s, unsigned flags)
{
    if (s)
        md_textn(b, s, strlen(s), flags);
}

/* *text* in italics; plain when blanks at either end would stop the
 * asterisks from making emphasis. */
static void md_emph(StrBuf *b, const char *s, unsigned flags)
{
    if (!s || !*s)
        return;
    size_t n = strlen(s);
    bool ok = !strchr(" \t\r\n", s[0]) && !strchr(" \t\r\n", s[n - 1]);
    if (ok)
        sb_putc(b, '*');
    md_text(b, s, flags);
    if (ok)
        sb_putc(b, '*');
}

/* A code span. In a table cell `|` is written `\|`, which GFM turns back
 * into `|` inside code as well. */
static void md_code(StrBuf *b, const char *s, unsigned flags)
{
    if (!s || !*s)
        return;
    size_t n = strlen(s), run = 0, longest = 0;
    bool all_spaces = true;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
        if (s[i] != ' ')
            all_spaces = false;
    }
    bool pad = s[0] == '`' || s[n - 1] == '`' || (!all_spaces && s[0] == ' ' && s[n - 1] == ' ');
    for (size_t i = 0; i <= longest; i++)
        sb_putc(b, '`');
    if (pad)
        sb_putc(b, ' ');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_ctrl(c))
            sb_putc(b, ' ');
        else if (c == '|' && (flags & MD_CELL))
            sb_puts(b, "\\|");
        else
            sb_putc(b, (char)c);
    }
    if (pad)
        sb_putc(b, ' ');
    for (size_t i = 0; i <= longest; i++)
        sb_putc(b, '`');
}

/* Text in which `backticked` parts are code (diagnostic messages): each
 * matched pair becomes a code span, an unmatched backtick stays text. */
static void md_ticked(StrBuf *b, const char *s, unsigned flags)
{
    if (!s)
        return;
    Arena *a = arena_new();
    const char *p = s;
    while (*p) {
        const char *open = strchr(p, '`');
        const char *close = open ? strchr(open + 1, '`') : NULL;
        if (!close || close == open + 1) {
            const char *end = close ? close + 1 : p + strlen(p);
            md_textn(b, p, (size_t)(end - p), flags);
            p = end;
            continue;
        }
        md_textn(b, p, (size_t)(open - p), flags);
        md_code(b, arena_strndup(a, open + 1, (size_t)(close - open - 1)), flags);
        p = close + 1;
    }
    arena_free(a);
}

/* Text inside a quoted Mermaid label. */
static void mm_text(StrBuf *b, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '\r' && p[1] == '\n')
            continue;
        switch (c) {
        case '\n': case '\r': sb_puts(b, "<br/>"); break;
        case '"': sb_puts(b, "#quot;"); break;
        case '#': sb_puts(b, "#35;"); break;
        case '&': sb_puts(b, "#amp;"); break;
        case '<': sb_puts(b, "#lt;"); break;
        case '>': sb_puts(b, "#gt;"); break;
        case '`': sb_puts(b, "#96;"); break;
        case '|': sb_puts(b, "#124;"); break;
        case ':': sb_puts(b, "#58;"); break; /* keeps Mermaid's `style...:...#...;` rewrite away */
        case ';': sb_puts(b, "#59;"); break;
        case '%': sb_puts(b, "#37;"); break;
        default:
            if (is_ctrl(c))
                sb_putc(b, ' ');
            else
                sb_putc(b, (char)c);
        }
    }
}

/* A colour from the catalog, used only when it cannot break a classDef:
 * #RGB..#RRGGBBAA or a colour name. */
static bool safe_color(const char *c)
{
    if (!c || !*c)
        return false;
    size_t n = strlen(c);
    if (c[0] == '#') {
        if (n < 4 || n > 9)
            return false;
        for (size_t i = 1; i < n; i++)
            if (!strchr("0123456789abcdefABCDEF", c[i]))
                return false;
        return true;
    }
    if (n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= 'A' && c[i] <= 'Z')))
            return false;
    return true;
}

/* An identifier as Mermaid and CSS class names accept it (names already
 * are; this guards user catalog ids). */
static void mm_ident(StrBuf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        sb_putc(b, ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '_') ? (char)*p : '_');
}

/* ---- helpers ----------------------------------------------------------------- */

static const char *svc_title(const Service *s)
{
    return !s ? "?" : s->title ? s->title : s->id;
}

static const char *svc_short(const Service *s)
{
    return !s ? "?" : s->short_title ? s->short_title : svc_title(s);
}

static const char *group_title(const MGroup *g)
{
    return g->title ? g->title : g->name;
}

static void group_path(StrBuf *b, const MGroup *g, unsigned flags)
{
    if (g->parent) {
        group_path(b, g->parent, flags);
        sb_puts(b, " / ");
    }
    md_text(b, group_title(g), flags);
}


/* Free text as paragraphs: blank lines separate paragraphs, single newlines
 * are hard line breaks, and every line is escaped as a line start. Ends
 * with a blank line. */
static void md_paragraphs(StrBuf *b, const char *s)
{
    const char *p = s;
    bool in_para = false;
    while (*p) {
        const char *e = p;
        while (*e && *e != '\n' && *e != '\r')
            e++;
        const char *q = p, *r = e;
        while (q < r && (*q == ' ' || *q == '\t'))
            q++;
        while (r > q && (r[-1] == ' ' || r[-1] == '\t'))
            r--;
        if (q == r) {
            if (in_para)
                sb_puts(b, "\n\n");
            in_para = false;
        } else {
            if (in_para)
                sb_puts(b, "\\\n"); /* hard line break */
            md_textn(b, q, (size_t)(r - q), MD_LINESTART);
            in_para = true;
        }
        p = e;
        if (*p == '\r' && p[1] == '\n')
            p += 2;
        else if (*p)
            p++;
    }
    if (in_para)
        sb_puts(b, "\n\n");
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static void put_count(StrBuf *b, int n, const char *one, const char *many)
{
    sb_printf(b, "%d %s", n, n == 1 ? one : many);
}

/* Services in order of first use. */
static void used_services(const Model *m, Arena *a, PtrVec *out)
{
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        if (!c->service)
            continue;
        bool seen = false;
        for (int j = 0; j < out->n && !seen; j++)
            seen = out->items[j] == c->service;
        if (!seen)
            vec_push(a, out, c->service);
    }
}

/* ---- title and facts ------------------------------------------------------ */

static void emit_head(Md *md)
{
    const Model *m = md->m;
    StrBuf *b = md->out;
    sb_puts(b, "# ");
    md_text(b, m->title ? m->title : m->name, 0);
    sb_puts(b, "\n\n");
    if (m->description && *m->description)
        md_paragraphs(b, m->description);

    sb_puts(b, "**Pipeline:** ");
    md_code(b, m->name, 0);
    if (m->region && *m->region) {
        sb_puts(b, " · **Region:** ");
        md_text(b, m->region, 0);
    }
    if (m->owner && *m->owner) {
        sb_puts(b, " · **Owner:** ");
        md_text(b, m->owner, 0);
    }
    sb_puts(b, m->layout_tb ? " · **Layout:** top to bottom (TB)" : " · **Layout:** left to right (LR)");
    sb_puts(b, " · ");
    put_count(b, m->components.n, "component", "components");
    sb_puts(b, ", ");
    put_count(b, m->flows.n, "flow", "flows");
    if (m->groups.n) {
        sb_puts(b, ", ");
        put_count(b, m->groups.n, "group", "groups");
    }
    sb_puts(b, "\n\n");
}

/* ---- Mermaid ---------------------------------------------------------------- */

static void mm_indent(StrBuf *b, int depth)
{
    for (int i = 0; i < depth + 1; i++)
        sb_puts(b, "  ");
}

static void mm_node(StrBuf *b, const MComponent *c, int depth)
{
    mm_indent(b, depth);
    sb_puts(b, "c_");
    mm_ident(b, c->name);
    sb_puts(b, "[\"");
    mm_text(b, svc_short(c->service));
    sb_puts(b, "<br/>");
    mm_text(b, c->name);
    if (c->label && *c->label) {
        sb_puts(b, "<br/>");
        mm_text(b, c->label);
    }
    sb_puts(b, "\"]\n");
}

static void mm_items(StrBuf *b, const PtrVec *items, int depth)
{
    for (int i = 0; i < items->n; i++) {
        const MGroupItem it = group_item(items, i);
        if (it.component) {
            mm_node(b, it.component, depth);
        } else if (it.group) {
            const MGroup *g = it.group;
            mm_indent(b, depth);
            sb_puts(b, "subgraph g_");
            mm_ident(b, g->name);
            sb_puts(b, "[\"");
            mm_text(b, group_title(g));
            sb_puts(b, "\"]\n");
            mm_items(b, &g->items, depth + 1);
            mm_indent(b, depth);
            sb_puts(b, "end\n");
        }
    }
}

static void mm_edge(StrBuf *b, const MComponent *from, const MComponent *to, bool dashed,
                    const char *via, const char *label)
{
    bool has_via = via && *via, has_label = label && *label;
    sb_puts(b, "  c_");
    mm_ident(b, from->name);
    sb_puts(b, dashed ? " -.->" : " -->");
    if (has_via || has_label) {
        sb_puts(b, "|\"");
        mm_text(b, has_via ? via : label);
        if (has_via && has_label) {
            sb_puts(b, " / ");
            mm_text(b, label);
        }
        sb_puts(b, "\"|");
    }
    sb_puts(b, " c_");
    mm_ident(b, to->name);
    sb_putc(b, '\n');
}

static void emit_mermaid(Md *md)
{
    const Model *m = md->m;
    StrBuf *b = md->out;
    sb_puts(b, "## Diagram\n\n```mermaid\n");
    sb_puts(b, m->layout_tb ? "flowchart TB\n" : "flowchart LR\n");

    /* One class per category in use, coloured from the catalog. */
    PtrVec cats = {0};
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        const Category *cat = c->service ? c->service->category : NULL;
        if (!cat || !cat->id)
            continue;
        bool seen = false;
        for (int j = 0; j < cats.n && !seen; j++)
            seen = cats.items[j] == cat;
        if (!seen)
            vec_push(md->a, &cats, (void *)cat);
    }
    for (int i = 0; i < cats.n; i++) {
        const Category *cat = cats.items[i];
        const char *fill = cat->external ? "#FFFFFF" : cat->color;
        const char *stroke = cat->color, *text = cat->text;
        sb_puts(b, "  classDef cat_");
        mm_ident(b, cat->id);
        const char *sep = " ";
        if (safe_color(fill)) {
            sb_printf(b, "%sfill:%s", sep, fill);
            sep = ",";
        }
        if (safe_color(stroke)) {
            sb_printf(b, "%sstroke:%s", sep, stroke);
            sep = ",";
        }
        if (safe_color(text)) {
            sb_printf(b, "%scolor:%s", sep, text);
            sep = ",";
        }
        if (*sep == ' ')
            sb_puts(b, " stroke-width:1px");
        sb_putc(b, '\n');
    }

    mm_items(b, &m->top, 0);

    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        mm_edge(b, f->from, f->to, f->link->control, f->link->via, f->label);
    }
    for (int i = 0; i < m->refs.n; i++) {
        const MRef *r = m->refs.items[i];
        mm_edge(b, r->from, r->to, true, r->prop, NULL);
    }

    /* each category's components, in one pass (not one per category) */
    PtrVec *members = arena_alloc(md->a, (size_t)(cats.n + 1) * sizeof *members);
    for (int j = 0; j < m->components.n; j++) {
        const MComponent *c = m->components.items[j];
        for (int i = 0; c->service && i < cats.n; i++)
            if (c->service->category == cats.items[i]) {
                vec_push(md->a, &members[i], (void *)c);
                break;
            }
    }
    for (int i = 0; i < cats.n; i++) {
        const Category *cat = cats.items[i];
        sb_puts(b, "  class ");
        for (int k = 0; k < members[i].n; k++) {
            if (k)
                sb_putc(b, ',');
            sb_puts(b, "c_");
            mm_ident(b, ((const MComponent *)members[i].items[k])->name);
        }
        sb_puts(b, " cat_");
        mm_ident(b, cat->id);
        sb_putc(b, '\n');
    }
    sb_puts(b, "```\n\n");
}

/* ---- tables ----------------------------------------------------------------- */

static void emit_components(Md *md)
{
    const Model *m = md->m;
    StrBuf *b = md->out;
    sb_puts(b, "## Components\n\n");
    sb_puts(b, "| Component | Service | Group | Settings |\n");
    sb_puts(b, "|---|---|---|---|\n");
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        sb_puts(b, "| ");
        md_code(b, c->name, MD_CELL);
        if (c->label && *c->label) {
            sb_puts(b, "<br>");
            md_text(b, c->label, MD_CELL);
        }
        sb_puts(b, " | ");
        md_text(b, svc_title(c->service), MD_CELL);
        sb_puts(b, " (");
        if (c->written_service && c->service && strcmp(c->written_service, c->service->id) != 0) {
            md_code(b, c->written_service, MD_CELL);
            sb_puts(b, ", now ");
        }
        md_code(b, c->service ? c->service->id : "?", MD_CELL);
        sb_puts(b, ") | ");
        if (c->group)
            group_path(b, c->group, MD_CELL);
        sb_puts(b, " | ");
        for (int j = 0; j < c->props.n; j++) {
            const MProp *p = c->props.items[j];
            if (j)
                sb_puts(b, "<br>");
            const char *text = arena_printf(md->a, "%s = %s", p->decl->name,
                                            p->value ? value_format(md->a, p->value) : "");
            if (mprop_is_default(p))
                sb_putc(b, '*');
            md_code(b, text, MD_CELL);
            if (mprop_is_default(p))
                sb_puts(b, " (default)*");
        }
        sb_puts(b, " |\n");
    }
    sb_putc(b, '\n');
}

static void emit_flows(Md *md)
{
    const Model *m = md->m;
    StrBuf *b = md->out;
    sb_puts(b, "## Flows\n\n");
    sb_puts(b, "| From | To | Mechanism | Label |\n");
    sb_puts(b, "|---|---|---|---|\n");
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        sb_puts(b, "| ");
        md_code(b, f->from->name, MD_CELL);
        sb_puts(b, " | ");
        md_code(b, f->to->name, MD_CELL);
        sb_puts(b, " | ");
        md_text(b, f->link->via, MD_CELL);
        if (f->link->control)
            sb_puts(b, " (control, not data)");
        sb_puts(b, " | ");
        md_text(b, f->label, MD_CELL);
        sb_puts(b, " |\n");
    }
    sb_putc(b, '\n');
    if (m->refs.n == 0)
        return;
    sb_puts(b, "Components also use each other through properties:\n\n");
    sb_puts(b, "| Component | Property | Uses |\n");
    sb_puts(b, "|---|---|---|\n");
    for (int i = 0; i < m->refs.n; i++) {
        const MRef *r = m->refs.items[i];
        sb_puts(b, "| ");
        md_code(b, r->from->name, MD_CELL);
        sb_puts(b, " | ");
        md_code(b, r->prop, MD_CELL);
        sb_puts(b, " | ");
        md_code(b, r->to->name, MD_CELL);
        sb_puts(b, " (");
        md_text(b, svc_title(r->to->service), MD_CELL);
        sb_puts(b, ") |\n");
    }
    sb_putc(b, '\n');
}

/* ---- groups ------------------------------------------------------------------ */

static void emit_group(Md *md, const MGroup *g)
{
    StrBuf *b = md->out;
    int level = 3 + g->depth;
    for (int i = 0; i < (level > 6 ? 6 : level); i++)
        sb_putc(b, '#');
    sb_putc(b, ' ');
    md_text(b, group_title(g), 0);
    sb_puts(b, "\n\nGroup ");
    md_code(b, g->name, 0);
    if (g->parent) {
        sb_puts(b, " in ");
        md_emph(b, group_title(g->parent), 0);
    }
    int nc = 0, ng = 0;
    for (int i = 0; i < g->items.n; i++) {
        const MGroupItem it = group_item(&g->items, i);
        nc += it.component != NULL;
        ng += it.group != NULL;
    }
    sb_puts(b, ": ");
    put_count(b, nc, "component", "components");
    if (ng) {
        sb_puts(b, ", ");
        put_count(b, ng, "group", "groups");
    }
    sb_puts(b, ".\n\n");
    for (int i = 0; i < g->items.n; i++) {
        const MGroupItem it = group_item(&g->items, i);
        if (it.component) {
            const MComponent *c = it.component;
            sb_puts(b, "- ");
            md_code(b, c->name, 0);
            sb_puts(b, " (");
            md_text(b, svc_short(c->service), 0);
            sb_putc(b, ')');
            if (c->label && *c->label) {
                sb_puts(b, ": ");
                md_text(b, c->label, 0);
            }
        } else if (it.group) {
            sb_puts(b, "- group ");
            md_emph(b, group_title(it.group), 0);
            sb_puts(b, " (");
            md_code(b, it.group->name, 0);
            sb_putc(b, ')');
        }
        sb_putc(b, '\n');
    }
    if (g->items.n)
        sb_putc(b, '\n');
    for (int i = 0; i < g->items.n; i++) {
        const MGroupItem it = group_item(&g->items, i);
        if (it.group)
            emit_group(md, it.group);
    }
}

static void emit_groups(Md *md)
{
    const Model *m = md->m;
    if (m->groups.n == 0)
        return;
    sb_puts(md->out, "## Groups\n\n");
    for (int i = 0; i < m->top.n; i++) {
        const MGroupItem it = group_item(&m->top, i);
        if (it.group)
            emit_group(md, it.group);
    }
}

/* ---- findings ------------------------------------------------------------ */

static void emit_findings(Md *md)
{
    const Model *m = md->m;
    StrBuf *b = md->out;
    sb_puts(b, "## Findings\n\n");
    int n = 0;
    for (int i = 0; m->diags && i < m->diags->items.n; i++) {
        const Diagnostic *g = m->diags->items.items[i];
        if (g->sev != SEV_WARNING && g->sev != SEV_HINT)
            continue;
        if (n++ == 0) {
            sb_puts(b, "| Severity | Code | Line | Message |\n");
            sb_puts(b, "|---|---|---|---|\n");
        }
        sb_puts(b, g->sev == SEV_WARNING ? "| warning | " : "| hint | ");
        md_text(b, g->code, MD_CELL);
        sb_puts(b, " | ");
        if (g->src) {
            Pos p = source_pos(g->src, g->span.start);
            if (g->src != m->src) {
                md_text(b, g->src->name, MD_CELL);
                sb_putc(b, ':');
            }
            sb_printf(b, "%d", p.line);
        } else if (g->file) {
            md_text(b, g->file, MD_CELL);
        }
        sb_puts(b, " | ");
        md_ticked(b, g->message, MD_CELL);
        for (const DiagNote *nt = g->notes; nt; nt = nt->next) {
            sb_puts(b, "<br>*");
            md_text(b, nt->kind, MD_CELL);
            sb_puts(b, ":* ");
            md_ticked(b, nt->text, MD_CELL);
        }
        sb_puts(b, " |\n");
    }
    sb_puts(b, n ? "\n" : "No findings.\n\n");
}

/* ---- services ---------------------------------------------------------------- */

static bool same_link(const MFlow *a, const MFlow *b)
{
    if (a->link || b->link)
        return a->link == b->link;
    return a->from->service == b->from->service && a->to->service == b->to->service;
}

/* What the pipeline does with one service, gathered in one pass over the
 * model (not a pass over every component and flow per service). */
typedef struct SvcUse {
    PtrVec comps;    /* MComponent * of the service, in order */
    PtrVec flows[2]; /* MFlow *: [0] in from another service, [1] out; in order */
    PtrVec refs;     /* MRef * with an end of the service */
} SvcUse;

static SvcUse *gather_uses(const Model *m, Arena *a)
{
    SvcUse *use = arena_alloc(a, (size_t)(m->catalog->service_list.n + 1) * sizeof *use);
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        if (c->service)
            vec_push(a, &use[c->service->order].comps, (void *)c);
    }
    for (int i = 0; i < m->flows.n; i++) {
        const MFlow *f = m->flows.items[i];
        const Service *from = f->from->service, *to = f->to->service;
        if (from)
            vec_push(a, &use[from->order].flows[1], (void *)f);
        if (to && to != from)
            vec_push(a, &use[to->order].flows[0], (void *)f);
    }
    for (int i = 0; i < m->refs.n; i++) {
        const MRef *r = m->refs.items[i];
        const Service *from = r->from->service, *to = r->to->service;
        if (from)
            vec_push(a, &use[from->order].refs, (void *)r);
        if (to && to != from)
            vec_push(a, &use[to->order].refs, (void *)r);
    }
    return use;
}

/* The flows of one direction grouped by link, groups in the order of their
 * first flow: PtrVec * each, of MFlow *. A service has few links. */
static void group_by_link(Arena *a, const PtrVec *flows, PtrVec *groups)
{
    PtrVec *last = NULL;
    for (int i = 0; i < flows->n; i++) {
        const MFlow *f = flows->items[i];
        if (!last || !same_link(last->items[0], f)) {
            last = NULL;
            for (int g = 0; g < groups->n && !last; g++)
                if (same_link(((PtrVec *)groups->items[g])->items[0], f))
                    last = groups->items[g];
            if (!last) {
                last = arena_alloc(a, sizeof *last);
                vec_push(a, groups, last);
            }
        }
        vec_push(a, last, (void *)f);
    }
}

static void emit_link_group(StrBuf *b, const PtrVec *group, int pass)
{
    const MFlow *f = group->items[0];
    const Service *other = pass ? f->to->service : f->from->service;
    sb_puts(b, pass ? "- to " : "- from ");
    md_text(b, svc_title(other), 0);
    if (f->link->via && *f->link->via) {
        sb_puts(b, " via ");
        md_emph(b, f->link->via, 0);
    }
    if (f->link->control)
        sb_puts(b, " (control, not data)");
    sb_puts(b, ": ");
    for (int k = 0; k < group->n; k++) {
        const MFlow *e = group->items[k];
        if (k)
            sb_puts(b, ", ");
        md_code(b, e->from->name, 0);
        sb_puts(b, " → ");
        md_code(b, e->to->name, 0);
    }
    if (f->link && f->link->doc && *f->link->doc) {
        sb_puts(b, ". ");
        md_text(b, f->link->doc, 0);
    }
    sb_putc(b, '\n');
}

static void emit_ref(StrBuf *b, const MRef *r)
{
    sb_puts(b, "- ");
    md_code(b, r->from->name, 0);
    sb_puts(b, " (");
    md_text(b, svc_short(r->from->service), 0);
    sb_puts(b, ") uses ");
    md_code(b, r->to->name, 0);
    sb_puts(b, " (");
    md_text(b, svc_short(r->to->service), 0);
    sb_puts(b, ") as its ");
    md_code(b, r->prop, 0);
    sb_putc(b, '\n');
}

static void emit_service(Md *md, const Service *s, const SvcUse *use)
{
    StrBuf *b = md->out;
    sb_puts(b, "### ");
    md_text(b, svc_title(s), 0);
    sb_puts(b, "\n\n");
    if (s->category && s->category->title) {
        md_text(b, s->category->title, MD_LINESTART);
        sb_puts(b, " · ");
    }
    md_code(b, s->id, 0);
    sb_puts(b, " · used by ");
    for (int i = 0; i < use->comps.n; i++) {
        if (i)
            sb_puts(b, ", ");
        md_code(b, ((const MComponent *)use->comps.items[i])->name, 0);
    }
    sb_puts(b, "\n\n");
    if (s->doc && *s->doc)
        md_paragraphs(b, s->doc);
    if (s->deprecated && *s->deprecated) {
        sb_puts(b, "**Deprecated:** ");
        md_text(b, s->deprecated, 0);
        sb_puts(b, "\n\n");
    }

    /* The links of this service that the pipeline uses, each once: first
     * those that bring data in, then those that take it out, each in the
     * order of their first flow; then the property references. */
    int items = 0;
    for (int pass = 0; pass < 2; pass++) {
        PtrVec groups = {0};
        group_by_link(md->a, &use->flows[pass], &groups);
        for (int g = 0; g < groups.n; g++) {
            if (items++ == 0)
                sb_puts(b, "In this pipeline:\n\n");
            emit_link_group(b, groups.items[g], pass);
        }
    }
    for (int i = 0; i < use->refs.n; i++) {
        if (items++ == 0)
            sb_puts(b, "In this pipeline:\n\n");
        emit_ref(b, use->refs.items[i]);
    }
    if (items)
        sb_putc(b, '\n');
}

static void emit_services(Md *md)
{
    PtrVec used = {0};
    used_services(md->m, md->a, &used);
    if (used.n == 0)
        return;
    SvcUse *use = gather_uses(md->m, md->a);
    sb_puts(md->out, "## Services\n\n");
    for (int i = 0; i < used.n; i++) {
        const Service *s = used.items[i];
        emit_service(md, s, &use[s->order]);
    }
}

/* ---- entry point --------------------------------------------------------- */

int emit_md(EmitContext *ctx, StrBuf *out)
{
    const Model *m = ctx->model;
    if (!m) {
        ctx->err = "no pipeline to document";
        return -1;
    }
    Md md = {.m = m, .out = out, .a = arena_new()};
    emit_head(&md);
    emit_mermaid(&md);
    emit_components(&md);
    emit_flows(&md);
    emit_groups(&md);
    emit_findings(&md);
    emit_services(&md);
    const char *src = ctx->source_name ? ctx->source_name : m->file;
    if (src) {
        sb_puts(out, "---\n\nGenerated by ");
        md_code(out, "pipec build -T md", 0);
        sb_puts(out, " from ");
        md_code(out, base_name(src), 0);
        sb_puts(out, ".\n");
    }
    arena_free(md.a);
    return 0;
}
