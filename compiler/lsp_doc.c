/* Documents of the language server: one compilation per version (and the
 * last one that built a model, for completion on broken text), diagnostics
 * published as LSP wants them, full-text sync, and conversion between byte
 * offsets and LSP positions in the negotiated encoding. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "strbuf.h"

/* ---- positions ------------------------------------------------------------ */

const Source *doc_source(const Doc *d)
{
    return d->cur && d->cur->prog.root ? d->cur->prog.root->src : NULL;
}

/* The client counts a leading BOM (U+FEFF) that Source drops. */
static int bom_units(const Server *s, const Doc *d, const Source *src, int line0)
{
    if (line0 != 0 || src != doc_source(d) || d->len < 3 || memcmp(d->text, "\xEF\xBB\xBF", 3) != 0)
        return 0;
    return s->enc == ENC_UTF8 ? 3 : 1;
}

json_t *lsp_position(const Server *s, const Doc *d, const Source *src, uint32_t off)
{
    if (!src)
        return json_pack("{s:i, s:i}", "line", 0, "character", 0);
    if (off > src->len)
        off = src->len;
    Pos p = source_pos(src, off);
    int line0 = p.line - 1, col;
    if (s->enc == ENC_UTF16)
        col = source_utf16_col(src, off);
    else if (s->enc == ENC_UTF32)
        col = p.col - 1;
    else
        col = (int)(off - src->line_starts[line0]);
    col += bom_units(s, d, src, line0);
    return json_pack("{s:i, s:i}", "line", line0, "character", col);
}

json_t *lsp_range(const Server *s, const Doc *d, const Source *src, Span sp)
{
    if (sp.end < sp.start)
        sp.end = sp.start;
    return json_pack("{s:o, s:o}", "start", lsp_position(s, d, src, sp.start), "end",
                     lsp_position(s, d, src, sp.end));
}

static bool get_int(json_t *o, const char *key, json_int_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return false;
    *out = json_integer_value(v);
    return true;
}

bool lsp_position_offset(const Server *s, const Doc *d, json_t *pos, uint32_t *off)
{
    json_int_t line, ch;
    const Source *src = doc_source(d);
    if (!src || !json_is_object(pos) || !get_int(pos, "line", &line) ||
        !get_int(pos, "character", &ch) || line < 0 || ch < 0)
        return false;
    if (line >= src->nlines) {
        *off = src->len;
        return true;
    }
    int line0 = (int)line;
    json_int_t col = ch - bom_units(s, d, src, line0);
    if (col < 0)
        col = 0;
    if (col > (json_int_t)src->len)
        col = src->len;
    if (s->enc == ENC_UTF8) {
        uint32_t start = src->line_starts[line0], end = start;
        while (end < src->len && src->text[end] != '\n')
            end++;
        uint32_t o = start + (uint32_t)col;
        *off = o > end ? end : o;
    } else {
        *off = source_offset(src, line0, (int)col, s->enc == ENC_UTF16);
    }
    return true;
}

/* ---- URIs ----------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *lsp_uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL;
    StrBuf b;
    sb_init(&b);
    for (; *p && *p != '?' && *p != '#'; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
            char c = (char)(h * 16 + l);
            if (c == '\0') {
                sb_free(&b);
                return NULL;
            }
            sb_putc(&b, c);
            p += 2;
        } else {
            sb_putc(&b, *p);
        }
    }
    return sb_take(&b);
}

char *lsp_path_to_uri(const char *path)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            sb_putc(&b, (char)*p);
        else
            sb_printf(&b, "%%%02X", *p);
    }
    return sb_take(&b);
}

char *lsp_source_uri(const Doc *d, const Source *src)
{
    if (src == doc_source(d))
        return strdup(d->uri);
    return src && src->path ? lsp_path_to_uri(src->path) : NULL;
}

/* ---- documents ------------------------------------------------------------ */

const Catalog *doc_catalog(const Doc *d, int which)
{
    const Compilation *c = which == 0 ? d->cur : d->good;
    return c ? c->catalog : NULL;
}

const Model *doc_model(const Doc *d, int which)
{
    const Compilation *c = which == 0 ? d->cur : d->good;
    return c ? c->model : NULL;
}

Doc *lsp_find_doc(Server *s, const char *uri)
{
    for (Doc *d = s->docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

static void free_compilation(Compilation *c)
{
    if (c) {
        compilation_free(c);
        free(c);
    }
}

void lsp_doc_free(Doc *d)
{
    if (d->good != d->cur)
        free_compilation(d->good);
    free_compilation(d->cur);
    free(d->uri);
    free(d->name);
    free(d->text);
    free(d);
}

static void doc_compile(Server *s, Doc *d)
{
    Compilation *c = malloc(sizeof *c);
    if (!c)
        abort();
    compilation_init(c);
    compile_text(c, &s->load, d->name, d->text, d->len);
    diag_sort(&c->diags);
    if (d->cur != d->good)
        free_compilation(d->cur);
    if (c->model) {
        free_compilation(d->good);
        d->good = c;
    }
    d->cur = c;
    d->dirty = false;
}

/* ---- diagnostics ---------------------------------------------------------- */

static int severity(Severity sev)
{
    return sev == SEV_ERROR ? 1 : sev == SEV_WARNING ? 2 : 3;
}

/* Where a finding in an imported file is shown: the root's import of that
 * file, or its first import. */
static Span import_span(const Doc *d, const Source *src, bool *found)
{
    const File *root = d->cur->prog.root;
    *found = false;
    Span first = {0, 0};
    for (int i = 0; root && i < root->items.n; i++) {
        const Item *it = root->items.items[i];
        if (it->kind != IT_IMPORT)
            continue;
        if (!*found)
            first = it->span;
        *found = true;
        const char *t = it->title;
        size_t tl = t ? strlen(t) : 0, pl = src && src->path ? strlen(src->path) : 0;
        if (tl && pl >= tl && strcmp(src->path + pl - tl, t) == 0)
            return it->span;
    }
    return first;
}

static json_t *diagnostic_json(Server *s, Doc *d, const Diagnostic *g)
{
    const Source *root = doc_source(d);
    StrBuf msg;
    sb_init(&msg);
    json_t *range, *related = json_array();
    if (g->src == root) {
        sb_puts(&msg, g->message);
        range = lsp_range(s, d, root, g->span);
    } else {
        bool found;
        range = lsp_range(s, d, root, import_span(d, g->src, &found));
        if (g->src) {
            Pos p = source_pos(g->src, g->span.start);
            sb_printf(&msg, "%s:%d:%d: %s", g->src->name, p.line, p.col, g->message);
            char *uri = lsp_source_uri(d, g->src);
            if (uri) {
                json_array_append_new(related,
                                      json_pack("{s:{s:s, s:o}, s:o}", "location", "uri", uri,
                                                "range", lsp_range(s, d, g->src, g->span),
                                                "message", lsp_jstr(g->message)));
                free(uri);
            }
        } else {
            sb_printf(&msg, "%s: %s", g->file ? g->file : "", g->message);
        }
    }
    for (const DiagNote *n = g->notes; n; n = n->next) {
        char *uri = n->src ? lsp_source_uri(d, n->src) : NULL;
        if (uri) {
            json_array_append_new(related, json_pack("{s:{s:s, s:o}, s:o}", "location", "uri", uri,
                                                     "range", lsp_range(s, d, n->src, n->span),
                                                     "message", lsp_jstr(n->text)));
            free(uri);
        } else {
            sb_printf(&msg, "\n%s: %s", n->kind, n->text);
        }
    }
    json_t *j = json_pack("{s:o, s:i, s:s, s:s, s:o}", "range", range, "severity", severity(g->sev),
                          "code", g->code ? g->code : "", "source", "pipec", "message",
                          lsp_jstrn(msg.data ? msg.data : "", msg.len));
    sb_free(&msg);
    if (json_array_size(related))
        json_object_set_new(j, "relatedInformation", related);
    else
        json_decref(related);
    return j;
}

static void publish(Server *s, Doc *d)
{
    json_t *list = json_array();
    const DiagList *dl = &d->cur->diags;
    for (int i = 0; i < dl->items.n; i++)
        json_array_append_new(list, diagnostic_json(s, d, dl->items.items[i]));
    json_t *params = json_pack("{s:s, s:o}", "uri", d->uri, "diagnostics", list);
    json_object_set_new(params, "version", json_integer(d->version));
    lsp_notify(s, "textDocument/publishDiagnostics", params);
}

/* Compiles and publishes a document changed since its last compilation. */
void lsp_doc_refresh(Server *s, Doc *d)
{
    if (d->dirty) {
        doc_compile(s, d);
        publish(s, d);
    }
}

void lsp_flush_dirty(Server *s)
{
    for (Doc *d = s->docs; d; d = d->next)
        lsp_doc_refresh(s, d);
}

bool lsp_any_dirty(const Server *s)
{
    for (const Doc *d = s->docs; d; d = d->next)
        if (d->dirty)
            return true;
    return false;
}

/* ---- text synchronisation ------------------------------------------------- */

const char *lsp_text_document_uri(json_t *params)
{
    return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

void lsp_did_open(Server *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text))
        return;
    Doc *d = lsp_find_doc(s, uri);
    if (!d) {
        d = calloc(1, sizeof *d);
        if (!d)
            abort();
        d->uri = strdup(uri);
        d->name = lsp_uri_to_path(uri);
        if (!d->name)
            d->name = strdup(uri);
        d->next = s->docs;
        s->docs = d;
    }
    free(d->text);
    d->len = json_string_length(text);
    d->text = malloc(d->len + 1);
    memcpy(d->text, json_string_value(text), d->len);
    d->text[d->len] = '\0';
    json_int_t v = 0;
    get_int(td, "version", &v);
    d->version = v;
    d->dirty = true;
}

/* Byte offset in raw text of an LSP position (for ranged changes). */
static size_t raw_offset(const Server *s, const char *text, size_t len, json_t *pos)
{
    json_int_t line, ch;
    if (!get_int(pos, "line", &line) || !get_int(pos, "character", &ch) || line < 0 || ch < 0)
        return len;
    size_t i = 0;
    for (json_int_t l = 0; l < line && i < len; i++)
        if (text[i] == '\n')
            l++;
    json_int_t col = 0;
    while (i < len && text[i] != '\n' && col < ch) {
        unsigned char c = (unsigned char)text[i];
        int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        col += s->enc == ENC_UTF8 ? n : (s->enc == ENC_UTF16 && n == 4) ? 2 : 1;
        i += (size_t)n;
    }
    return i > len ? len : i;
}

void lsp_did_change(Server *s, json_t *params)
{
    Doc *d = lsp_find_doc(s, lsp_text_document_uri(params) ? lsp_text_document_uri(params) : "");
    json_t *changes = json_object_get(params, "contentChanges");
    if (!d || !json_is_array(changes))
        return;
    size_t i;
    json_t *ch;
    json_array_foreach (changes, i, ch) {
        json_t *text = json_object_get(ch, "text");
        if (!json_is_string(text))
            continue;
        const char *t = json_string_value(text);
        size_t tl = json_string_length(text);
        json_t *range = json_object_get(ch, "range");
        size_t a = 0, b = d->len;
        if (json_is_object(range)) { /* tolerated, though we ask for full text */
            a = raw_offset(s, d->text, d->len, json_object_get(range, "start"));
            b = raw_offset(s, d->text, d->len, json_object_get(range, "end"));
            if (b < a)
                b = a;
        }
        size_t n = a + tl + (d->len - b);
        char *nt = malloc(n + 1);
        if (!nt)
            abort();
        memcpy(nt, d->text, a);
        memcpy(nt + a, t, tl);
        memcpy(nt + a + tl, d->text + b, d->len - b);
        nt[n] = '\0';
        free(d->text);
        d->text = nt;
        d->len = n;
    }
    json_int_t v;
    if (get_int(json_object_get(params, "textDocument"), "version", &v))
        d->version = v;
    d->dirty = true;
}

void lsp_did_close(Server *s, json_t *params)
{
    const char *uri = lsp_text_document_uri(params);
    if (!uri)
        return;
    for (Doc **p = &s->docs; *p; p = &(*p)->next) {
        if (strcmp((*p)->uri, uri) != 0)
            continue;
        Doc *d = *p;
        *p = d->next;
        lsp_notify(s, "textDocument/publishDiagnostics",
                   json_pack("{s:s, s:[]}", "uri", uri, "diagnostics"));
        lsp_doc_free(d);
        return;
    }
}
