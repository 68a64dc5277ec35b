/* What the text around the cursor is: a forgiving tokenizer and a walk that
 * tracks the open brackets (pipeline, group, component block, value block,
 * list, ...). It works on text that does not parse, which is what an editor
 * holds while the user types. Linear in the size of the document. */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

static bool is_id0(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_id(char c)
{
    return is_id0(c) || (c >= '0' && c <= '9');
}

static void push_tok(Scan *sc, TokKind k, char ch, uint32_t a, uint32_t b)
{
    if (sc->ntok == sc->cap) {
        sc->cap = sc->cap ? sc->cap * 2 : 256;
        sc->toks = realloc(sc->toks, (size_t)sc->cap * sizeof *sc->toks);
        if (!sc->toks)
            abort();
    }
    sc->toks[sc->ntok++] = (Tok){k, ch, a, b};
}

void scan_init(Scan *sc, const char *text, uint32_t len)
{
    memset(sc, 0, sizeof *sc);
    sc->text = text;
    sc->len = len;
    uint32_t i = 0;
    while (i < len) {
        char c = text[i];
        uint32_t s = i;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
        } else if (c == '\n') {
            push_tok(sc, TK_NEWLINE, 0, i, i + 1);
            i++;
        } else if (c == '#') {
            while (i < len && text[i] != '\n')
                i++;
        } else if (c == '"') {
            i++;
            while (i < len && text[i] != '"' && text[i] != '\n')
                i += text[i] == '\\' && i + 1 < len && text[i + 1] != '\n' ? 2 : 1;
            if (i < len && text[i] == '"')
                i++;
            push_tok(sc, TK_STRING, 0, s, i);
        } else if (is_id0(c)) {
            while (i < len && is_id(text[i]))
                i++;
            push_tok(sc, TK_IDENT, 0, s, i);
        } else if (c >= '0' && c <= '9') {
            while (i < len && (is_id(text[i]) || (text[i] == '.' && i + 1 < len &&
                                                  text[i + 1] >= '0' && text[i + 1] <= '9')))
                i++;
            push_tok(sc, TK_NUMBER, 0, s, i);
        } else if (c == '-' && i + 1 < len && text[i + 1] == '>') {
            push_tok(sc, TK_ARROW, 0, i, i + 2);
            i += 2;
        } else if (c == '.' && i + 1 < len && text[i + 1] == '.') {
            push_tok(sc, TK_DOTDOT, 0, i, i + 2);
            i += 2;
        } else {
            i++;
            if ((unsigned char)c >= 0x80) { /* one token per character */
                while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
                    i++;
                c = '?';
            }
            push_tok(sc, TK_PUNCT, c, s, i);
        }
    }
}

bool scan_doc(Scan *sc, const Doc *d)
{
    const Source *src = doc_source(d);
    if (!src)
        return false;
    scan_init(sc, src->text, src->len);
    return true;
}

void scan_free(Scan *sc)
{
    free(sc->toks);
    free(sc->frames);
    memset(sc, 0, sizeof *sc);
}

int scan_ident_at(const Scan *sc, uint32_t off)
{
    int lo = 0, hi = sc->ntok - 1;
    while (lo <= hi) { /* last token with start <= off */
        int mid = (lo + hi) / 2;
        if (sc->toks[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    int i = hi;
    if (i >= 0 && sc->toks[i].kind == TK_IDENT && off <= sc->toks[i].end)
        return i;
    return -1;
}

int scan_token_after(const Scan *sc, uint32_t off)
{
    int lo = 0, hi = sc->ntok;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (sc->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool tok_is(const Scan *sc, int i, const char *word)
{
    if (i < 0 || i >= sc->ntok)
        return false;
    const Tok *t = &sc->toks[i];
    size_t n = strlen(word);
    if (n == 1 && t->kind == TK_PUNCT)
        return t->ch == word[0];
    if (t->kind == TK_ARROW)
        return strcmp(word, "->") == 0;
    return t->kind == TK_IDENT && t->end - t->start == n &&
           memcmp(sc->text + t->start, word, n) == 0;
}

char *tok_text(const Scan *sc, int i)
{
    const Tok *t = &sc->toks[i];
    size_t n = t->end - t->start;
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, sc->text + t->start, n);
    s[n] = '\0';
    return s;
}

static int push_frame(Scan *sc, Frame f)
{
    if (sc->nframes == sc->fcap) {
        sc->fcap = sc->fcap ? sc->fcap * 2 : 16;
        sc->frames = realloc(sc->frames, (size_t)sc->fcap * sizeof *sc->frames);
        if (!sc->frames)
            abort();
    }
    sc->frames[sc->nframes] = f;
    return sc->nframes++;
}

const Frame *scan_top(const Scan *sc)
{
    return &sc->frames[sc->nframes - 1];
}

static bool is_brace(FrameKind k)
{
    return k != FR_LIST && k != FR_PAREN;
}

static bool is_ident(const Scan *sc, int i)
{
    return i >= 0 && i < sc->ntok && sc->toks[i].kind == TK_IDENT;
}

int scan_stmt(const Scan *sc, int upto, int **out)
{
    const Frame *f = scan_top(sc);
    int n = 0;
    int *v = malloc(sizeof *v * (size_t)(upto - f->stmt + 1 > 0 ? upto - f->stmt + 1 : 1));
    if (!v)
        abort();
    for (int j = f->stmt; j < upto; j++)
        if (sc->toks[j].kind != TK_NEWLINE)
            v[n++] = j;
    *out = v;
    return n;
}

/* Kind of the frame a `{` at token i opens, from its statement. */
static Frame open_brace(const Scan *sc, int i)
{
    const Frame *top = scan_top(sc);
    Frame f = {.kind = FR_OTHER,
               .open = i,
               .name = -1,
               .svc = -1,
               .prop = -1,
               .parent = sc->nframes - 1,
               .stmt = i + 1};
    int *st;
    int n = scan_stmt(sc, i, &st);
    bool setting = n >= 2 && tok_is(sc, st[n - 1], "=") && is_ident(sc, st[n - 2]);
    switch (top->kind) {
    case FR_TOP:
        if (n >= 2 && tok_is(sc, st[0], "pipeline"))
            f.kind = FR_PIPELINE, f.name = st[1];
        else if (n >= 2 && tok_is(sc, st[0], "service"))
            f.kind = FR_SERVICE, f.name = st[1];
        else if (n >= 2 && tok_is(sc, st[0], "type"))
            f.kind = FR_TYPE, f.name = st[1];
        break;
    case FR_PIPELINE:
    case FR_GROUP:
        if (n >= 2 && tok_is(sc, st[0], "group")) {
            f.kind = FR_GROUP, f.name = st[1];
        } else if (n >= 3 && is_ident(sc, st[0]) && tok_is(sc, st[1], ":") && is_ident(sc, st[2])) {
            f.kind = FR_COMPONENT, f.name = st[0], f.svc = st[2];
        } else if (setting) {
            f.kind = FR_VALUE, f.prop = st[n - 2];
        } else {
            for (int k = 0; k < n; k++)
                if (sc->toks[st[k]].kind == TK_ARROW)
                    f.kind = FR_FLOW;
        }
        break;
    case FR_COMPONENT:
    case FR_VALUE:
    case FR_SERVICE:
    case FR_TYPE:
    case FR_LIST:
        if (setting)
            f.kind = FR_VALUE, f.prop = st[n - 2];
        else if (top->kind == FR_LIST)
            f.kind = FR_VALUE; /* an element of a list of blocks */
        break;
    default: break;
    }
    free(st);
    return f;
}

/* Pops up to and including the innermost frame accepted by `want`; does
 * nothing when there is none (an unbalanced closer). */
static void close_frame(Scan *sc, bool brace, char ch)
{
    for (int k = sc->nframes - 1; k > 0; k--) {
        const Frame *f = &sc->frames[k];
        bool match = brace ? is_brace(f->kind) : f->kind == (ch == ']' ? FR_LIST : FR_PAREN);
        if (match) {
            sc->nframes = k;
            return;
        }
        if (!brace && is_brace(f->kind))
            return; /* a `]` does not close past a `{` */
    }
}

typedef struct Collect {
    ScanDecl *comps;
    int ncomps, ccap;
    int *services;
    int nservices, scap;
} Collect;

static void collect(Scan *sc, Collect *c, int i)
{
    const Frame *top = scan_top(sc);
    if (top->nst != 0)
        return;
    if ((top->kind == FR_PIPELINE || top->kind == FR_GROUP) && is_ident(sc, i) &&
        tok_is(sc, i + 1, ":") && is_ident(sc, i + 2)) {
        if (c->ncomps == c->ccap) {
            c->ccap = c->ccap ? c->ccap * 2 : 64;
            c->comps = realloc(c->comps, (size_t)c->ccap * sizeof *c->comps);
            if (!c->comps)
                abort();
        }
        c->comps[c->ncomps++] = (ScanDecl){i, i + 2};
    } else if (top->kind == FR_TOP && tok_is(sc, i, "service") && is_ident(sc, i + 1)) {
        if (c->nservices == c->scap) {
            c->scap = c->scap ? c->scap * 2 : 16;
            c->services = realloc(c->services, (size_t)c->scap * sizeof *c->services);
            if (!c->services)
                abort();
        }
        c->services[c->nservices++] = i + 1;
    }
}

/* Recovery from brackets left open while typing: at the newline at token
 * i, a line that starts `name :`, `name ->`, `name =` or `group name` cannot
 * continue a list; one that starts `name :`, `name ->` or `group name` cannot
 * be inside a component, flow or value block either. Returns true when the
 * next line starts a statement of its own (`name :`, `name =`, `group`). */
static bool recover(Scan *sc, int i)
{
    int j = i + 1;
    while (j < sc->ntok && sc->toks[j].kind == TK_NEWLINE)
        j++;
    if (!is_ident(sc, j))
        return false;
    bool decl = tok_is(sc, j + 1, ":") || tok_is(sc, j + 1, "->") ||
                (tok_is(sc, j, "group") && is_ident(sc, j + 1));
    bool setting = tok_is(sc, j + 1, "=");
    if (!decl && !setting)
        return false;
    int k = sc->nframes - 1;
    while (k > 0 && !is_brace(sc->frames[k].kind))
        k--;
    FrameKind fk = sc->frames[k].kind;
    if (decl && (fk == FR_COMPONENT || fk == FR_FLOW || fk == FR_VALUE)) {
        int b = k;
        while (b > 0 && sc->frames[b].kind != FR_PIPELINE && sc->frames[b].kind != FR_GROUP) {
            FrameKind bk = sc->frames[b].kind;
            if (bk != FR_COMPONENT && bk != FR_FLOW && bk != FR_VALUE && is_brace(bk))
                break;
            b--;
        }
        if (sc->frames[b].kind == FR_PIPELINE || sc->frames[b].kind == FR_GROUP)
            k = b;
    }
    sc->nframes = k + 1;
    return !tok_is(sc, j + 1, "->") || tok_is(sc, j, "group");
}

static void walk(Scan *sc, int upto, Collect *c)
{
    sc->nframes = 0;
    push_frame(sc, (Frame){.kind = FR_TOP,
                           .open = -1,
                           .name = -1,
                           .svc = -1,
                           .prop = -1,
                           .parent = -1,
                           .stmt = 0});
    int last = -1; /* last token that is not a newline */
    for (int i = 0; i < upto && i < sc->ntok; i++) {
        const Tok *t = &sc->toks[i];
        Frame *top = &sc->frames[sc->nframes - 1];
        if (t->kind == TK_NEWLINE) {
            bool fresh = recover(sc, i);
            top = &sc->frames[sc->nframes - 1];
            /* A line ending in `->` or `,` continues on the next. */
            if (is_brace(top->kind) && (fresh || !(last >= 0 && (sc->toks[last].kind == TK_ARROW ||
                                                                 tok_is(sc, last, ",")))))
                top->stmt = i + 1, top->nst = 0;
            continue;
        }
        if (c)
            collect(sc, c, i);
        last = i;
        top->nst++;
        if (t->kind != TK_PUNCT)
            continue;
        if (t->ch == ';' || (t->ch == ',' && top->kind != FR_TOP && top->kind != FR_PIPELINE &&
                             top->kind != FR_GROUP)) {
            top->stmt = i + 1, top->nst = 0;
        } else if (t->ch == '{') {
            push_frame(sc, open_brace(sc, i));
        } else if (t->ch == '[') {
            Frame f = {.kind = FR_LIST,
                       .open = i,
                       .name = -1,
                       .svc = -1,
                       .prop = -1,
                       .parent = sc->nframes - 1,
                       .stmt = i + 1};
            int *st;
            int n = scan_stmt(sc, i, &st);
            if (n >= 2 && tok_is(sc, st[n - 1], "=") && is_ident(sc, st[n - 2]))
                f.prop = st[n - 2];
            free(st);
            push_frame(sc, f);
        } else if (t->ch == '(') {
            push_frame(sc, (Frame){.kind = FR_PAREN,
                                   .open = i,
                                   .name = is_ident(sc, i - 1) ? i - 1 : -1,
                                   .svc = -1,
                                   .prop = -1,
                                   .parent = sc->nframes - 1,
                                   .stmt = i + 1});
        } else if (t->ch == '}' || t->ch == ']' || t->ch == ')') {
            close_frame(sc, t->ch == '}', t->ch);
        }
    }
}

void scan_walk(Scan *sc, int upto)
{
    walk(sc, upto, NULL);
}

void scan_decls(Scan *sc, ScanDecl **comps, int *ncomps, int **services, int *nservices)
{
    Collect c = {0};
    walk(sc, sc->ntok, &c);
    *comps = c.comps;
    *ncomps = c.ncomps;
    *services = c.services;
    *nservices = c.nservices;
}
