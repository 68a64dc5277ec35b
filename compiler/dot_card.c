/* What a card shows: the HTML-like label of a component's node (a header
 * band in the category colour, then the name, the label and the key
 * settings, then a row per block property) and its SVG tooltip, with the
 * escaping that every text on the diagram goes through. emit_dot.c puts the
 * cards into the graph. */
#include <stdint.h>
#include <string.h>

#include "dot.h"
#include "value.h"

/* ---- escaping ------------------------------------------------------------ */

/* Graphviz rejects an empty <font></font> or <b></b>: empty texts fall back. */
const char *dot_or_else(const char *s, const char *fallback)
{
    return s && *s ? s : fallback;
}

/* U+FFFE and U+FFFF are not XML characters: Graphviz's HTML-like label
 * parser rejects them and the SVG writer copies them into invalid XML.
 * True (and U+FFFD written) for one at s. */
static bool xml_nonchar(StrBuf *b, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] != 0xEF || u[1] != 0xBF || (u[2] != 0xBE && u[2] != 0xBF))
        return false;
    sb_puts(b, "\xEF\xBF\xBD");
    return true;
}

/* Text inside an HTML-like label: entities, \n as <br/>, and a doubled
 * backslash (the renderer expands \N, \G ... in HTML text too). */
void dot_html_put(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (xml_nonchar(b, s)) {
            s += 2;
            continue;
        }
        switch (c) {
        case '&': sb_puts(b, "&amp;"); break;
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&#39;"); break;
        case '\n': sb_puts(b, "<br/>"); break;
        case '\\': sb_puts(b, "\\\\"); break;
        default: sb_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
        }
    }
}

/* Text of a plain string attribute: cgraph quotes it and escapes `"`; the
 * renderer reads backslash escapes (\N, \l ...), so backslashes are doubled
 * and a newline becomes \n. */
void dot_plain_put(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (xml_nonchar(b, s))
            s += 2;
        else if (c == '\\')
            sb_puts(b, "\\\\");
        else if (c == '\n')
            sb_puts(b, "\\n");
        else
            sb_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
}

/* ---- values as a card shows them ----------------------------------------- */

static bool has_digit(const char *s)
{
    return strpbrk(s, "0123456789") != NULL;
}

/* on_demand -> "on demand"; g_2x and flink_1_20 stay as written. */
static void words_put(StrBuf *b, const char *s, bool keep)
{
    for (; *s; s++)
        sb_putc(b, *s == '_' && !keep ? ' ' : *s);
}

/* "48h" -> "48 h", "6m" -> "6 min", "64MB" -> "64 MB". */
static void unit_put(StrBuf *b, const char *s)
{
    size_t n = strspn(s, "0123456789_-");
    sb_putn(b, s, n);
    sb_putc(b, ' ');
    sb_puts(b, strcmp(s + n, "m") == 0 ? "min" : s + n);
}

static int64_t unit_scale(const char *u, size_t n)
{
    static const struct { const char *u; int64_t k; } units[] = {
        {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000},
        {"KB", 1LL << 10}, {"MB", 1LL << 20}, {"GB", 1LL << 30}, {"TB", 1LL << 40},
        {"KiB", 1LL << 10}, {"MiB", 1LL << 20}, {"GiB", 1LL << 30}, {"TiB", 1LL << 40},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i].u) == n && strncmp(units[i].u, u, n) == 0)
            return units[i].k;
    return 0;
}

/* A duration or size as it is spelled in src (48h stays 48 h, not 2 d), when
 * the value's span there spells exactly this value; NULL otherwise. */
static const char *spelled_in(Dot *d, const Source *src, const Value *v)
{
    Span sp = v->span;
    if (!src || sp.end <= sp.start || sp.end > src->len || sp.end - sp.start > 24)
        return NULL;
    const char *s = src->text + sp.start;
    size_t n = sp.end - sp.start, digits = strspn(s, "0123456789_");
    if (digits == 0 || digits >= n || digits > 18)
        return NULL;
    int64_t num = 0;
    for (size_t i = 0; i < digits; i++)
        if (s[i] != '_')
            num = num * 10 + (s[i] - '0');
    int64_t k = unit_scale(s + digits, n - digits);
    if (k == 0 || num > INT64_MAX / k || num * k != v->i)
        return NULL;
    return arena_strndup(d->a, s, n);
}

/* A value set in the pipeline, or a default from the declaring file. */
static const char *spelling(Dot *d, const Prop *decl, const Value *v)
{
    if (v->kind != V_DURATION && v->kind != V_SIZE)
        return NULL;
    const char *s = spelled_in(d, d->m->src, v);
    return s ? s : spelled_in(d, decl->src, v);
}

static void nice_value(StrBuf *b, Dot *d, const Prop *decl, const Value *v)
{
    const char *spelt = spelling(d, decl, v);
    switch (v->kind) {
    case V_DURATION: unit_put(b, spelt ? spelt : format_duration(d->a, v->i)); break;
    case V_SIZE: unit_put(b, spelt ? spelt : format_size(d->a, v->i)); break;
    case V_IDENT: words_put(b, v->str, has_digit(v->str)); break;
    case V_STRING: sb_puts(b, v->str); break;
    case V_LIST:
        for (int i = 0; i < v->list.n; i++) {
            if (i)
                sb_puts(b, ", ");
            nice_value(b, d, decl, v->list.items[i]);
        }
        break;
    default: sb_puts(b, value_format(d->a, v)); break;
    }
}

static void nice_html(StrBuf *b, Dot *d, const Prop *decl, const Value *v)
{
    StrBuf t;
    sb_init(&t);
    nice_value(&t, d, decl, v);
    dot_html_put(b, t.data ? t.data : "");
    sb_free(&t);
}

static void name_html(StrBuf *b, const char *name)
{
    sb_puts(b, "<font color=\"" FAINT "\">");
    words_put(b, name, false);
    sb_puts(b, "</font> ");
}

/* Durations and sizes go without their name when the unit says it all:
 * the only one of its kind on the card, and a setting every component has. */
static bool needs_name(const MComponent *c, const MProp *p)
{
    TypeKind k = p->decl->type->kind;
    if (k == T_STRING || k == T_RANGE)
        return true;
    if (k != T_DURATION && k != T_SIZE)
        return false;
    if (!p->decl->deflt)
        return true;
    int same = 0;
    const PtrVec *sum = &c->service->summary;
    for (int i = 0; i < sum->n; i++) {
        const MProp *q = comp_prop(c, sum->items[i]);
        same += q && q->decl->type->kind == k;
    }
    return same > 1;
}

/* "4 shards", "1 shard"; a name that is no plural goes first: "parallelism 4". */
static void count_item(StrBuf *b, Dot *d, const MProp *p)
{
    const char *name = p->decl->name;
    size_t n = strlen(name);
    if (n < 2 || name[n - 1] != 's') {
        name_html(b, name);
        nice_html(b, d, p->decl, p->value);
        return;
    }
    nice_html(b, d, p->decl, p->value);
    sb_putc(b, ' ');
    bool one = p->value->kind == V_INT && p->value->i == 1;
    words_put(b, one ? arena_strndup(d->a, name, n - 1) : name, false);
}

/* One item of the settings line; false when there is nothing to show. */
static bool summary_item(StrBuf *b, Dot *d, const MComponent *c, const MProp *p)
{
    const Value *v = p->value;
    switch (p->decl->type->kind) {
    case T_STRUCT: case T_REF: return false;
    case T_BOOL:
        if (!v->i)
            sb_puts(b, "no ");
        words_put(b, p->decl->name, false);
        return true;
    case T_INT: case T_NUMBER:
        count_item(b, d, p);
        return true;
    case T_STRING:
        if (!*v->str)
            return false;
        break;
    default: break;
    }
    if (needs_name(c, p))
        name_html(b, p->decl->name);
    nice_html(b, d, p->decl, v);
    return true;
}

static void summary_line(StrBuf *b, Dot *d, const MComponent *c)
{
    const PtrVec *sum = &c->service->summary;
    bool any = false;
    for (int i = 0; i < sum->n; i++) {
        const MProp *p = comp_prop(c, sum->items[i]);
        if (!p)
            continue;
        size_t mark = b->len;
        if (any)
            sb_puts(b, " · ");
        if (summary_item(b, d, c, p))
            any = true;
        else
            b->len = mark;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

/* ---- the card -------------------------------------------------------------- */

static void cell_open(StrBuf *b, const char *align)
{
    sb_printf(b, "<td align=\"%s\">", align);
}

/* One row of a node-group table (EMR master/core/task): the property's name,
 * then each field of the block; a count next to an instance type reads "× 4". */
static void struct_row(StrBuf *b, Dot *d, const MProp *p)
{
    const TypeDecl *t = p->decl->type->decl;
    bool has_instance = false;
    for (int i = 0; i < t->props.n; i++)
        has_instance |= ((const Prop *)t->props.items[i])->type->kind == T_INSTANCE;
    sb_puts(b, "<tr>");
    cell_open(b, "left");
    sb_printf(b, "<b>%s</b></td>", p->decl->name);
    for (int i = 0; i < t->props.n; i++) {
        const Prop *f = t->props.items[i];
        const Value *v = block_value(p->value, f->name);
        if (!v)
            continue;
        bool count = has_instance && f->type->kind == T_INT;
        cell_open(b, count ? "right" : "left");
        if (count)
            sb_puts(b, "× ");
        else if (f->type->kind == T_INT || f->type->kind == T_STRING)
            name_html(b, f->name);
        nice_html(b, d, f, v);
        if (count)
            sb_puts(b, "&nbsp;&nbsp;");
        sb_puts(b, "</td>");
    }
    sb_puts(b, "</tr>");
}

static void struct_rows(StrBuf *b, Dot *d, const MComponent *c)
{
    for (int i = 0; i < c->props.n; i++) {
        const MProp *p = c->props.items[i];
        if (p->decl->type->kind == T_STRUCT && p->value && p->value->kind == V_BLOCK)
            struct_row(b, d, p);
    }
}

static void card_header(StrBuf *b, const Service *s)
{
    const Category *k = s->category;
    const char *title = dot_or_else(s->short_title, dot_or_else(s->title, s->id));
    sb_puts(b, "<tr><td cellpadding=\"5\" width=\"110\"");
    if (k->external)
        sb_printf(b, "><font color=\"%s\"><b>", INK);
    else
        sb_printf(b, " bgcolor=\"%s\"><font color=\"%s\"><b>", k->color, k->text);
    dot_html_put(b, title);
    sb_puts(b, "</b></font></td></tr>");
    if (k->external)
        sb_puts(b, "<hr/>");
}

void dot_card(StrBuf *b, Dot *d, const MComponent *c)
{
    const Category *k = c->service->category;
    sb_printf(b, "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" "
                 "bgcolor=\"white\" color=\"%s\" style=\"%s\">",
              k->color, k->external ? "rounded,dashed" : "rounded");
    card_header(b, c->service);
    sb_puts(b, "<tr><td cellpadding=\"4\"><font point-size=\"12\"><b>");
    dot_html_put(b, c->name);
    sb_puts(b, "</b></font>");
    if (c->label && *c->label) {
        sb_puts(b, "<br/>");
        dot_html_put(b, c->label);
    }
    StrBuf line;
    sb_init(&line);
    summary_line(&line, d, c);
    if (line.len)
        sb_printf(b, "<br/><font point-size=\"9\" color=\"" MUTED "\">%s</font>", line.data);
    sb_free(&line);
    sb_puts(b, "</td></tr>");
    StrBuf rows;
    sb_init(&rows);
    struct_rows(&rows, d, c);
    if (rows.len)
        sb_printf(b, "<hr/><tr><td><font point-size=\"9\" color=\"" MUTED "\">"
                     "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">"
                     "%s</table>"
                     "</font></td></tr>", rows.data);
    sb_free(&rows);
    sb_puts(b, "</table>");
}

/* Every setting, for the SVG tooltip: the service's title, then name = value. */
void dot_tooltip(StrBuf *b, Dot *d, const MComponent *c)
{
    dot_plain_put(b, dot_or_else(c->service->title, c->service->id));
    for (int i = 0; i < c->props.n; i++) {
        const MProp *p = c->props.items[i];
        sb_puts(b, "\\n");
        dot_plain_put(b, p->decl->name);
        sb_puts(b, " = ");
        dot_plain_put(b, value_format(d->a, p->value));
        if (mprop_is_default(p))
            sb_puts(b, " (default)");
    }
}
