/* The language server (`pipec lsp`), shared by its files: lsp.c (protocol,
 * dispatch), lsp_io.c (framing), lsp_doc.c (documents, diagnostics,
 * positions), lsp_scan.c (what the text around the cursor is, on broken text
 * too), lsp_lookup.c (what names mean), lsp_features.c (hover, definition,
 * symbols, formatting) and lsp_complete.c (completion). */
#ifndef PIPE_LSP_H
#define PIPE_LSP_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compile.h"
#include "strbuf.h"

/* ---- framing (lsp_io.c) ------------------------------------------------- */

/* Largest message body taken: a document at the source limit, plus room for
 * the JSON around it. Bigger bodies are never held in memory: input is
 * dropped up to the next header. */
#define LSP_MAX_BODY ((size_t)SOURCE_MAX_BYTES + ((size_t)1 << 20))
#define LSP_MAX_HEADER_LINE 8192
#define LSP_MAX_HEADER_BLOCK 65536 /* all the header lines of one message */

typedef struct LspReader {
    int fd;
    char *buf;
    size_t start, end, cap;
    bool eof;
    bool resync; /* after a bad header: skip to the next Content-Length */
} LspReader;

void lsp_reader_init(LspReader *r, int fd);
void lsp_reader_free(LspReader *r);
/* Reads the next framed body (malloc'd, NUL-terminated; *len excludes the
 * NUL). Bad headers and oversized bodies are skipped with a line on stderr.
 * Returns false at end of input. */
bool lsp_read(LspReader *r, char **body, size_t *len);
/* True when a message may be waiting (buffered bytes, or a readable fd). */
bool lsp_reader_pending(const LspReader *r);
/* Frames and writes msg (and releases it). Returns 0, or -1 on a write error. */
int lsp_write(int fd, json_t *msg);

/* A JSON string from text that may hold invalid UTF-8 (replaced by U+FFFD). */
json_t *lsp_jstr(const char *s);
json_t *lsp_jstrn(const char *s, size_t n);

/* ---- server state -------------------------------------------------------- */

typedef enum { ENC_UTF16, ENC_UTF8, ENC_UTF32 } PosEncoding;

typedef struct Doc {
    char *uri;
    char *name; /* file path for file: URIs (imports resolve), else the URI */
    char *text; /* as the client has it (malloc'd, NUL-terminated) */
    size_t len;
    json_int_t version;
    bool dirty;        /* changed since the last compilation */
    Compilation *cur;  /* the current text */
    Compilation *good; /* the last compilation that produced a model (may be cur) */
    struct Doc *next;
} Doc;

typedef struct Server {
    PosEncoding enc;
    bool initialized, shut_down, exiting;
    Doc *docs;
    LoadOptions load;
    int out_fd;
    bool write_failed;
} Server;

/* The server loop (lsp.c): reads framed messages from in_fd until end of
 * input or `exit`, answers on out_fd. Returns the exit status of `pipec lsp`
 * (0 after shutdown, else 1). The fuzz target runs it over a memory file. */
int lsp_serve(const LoadOptions *load, int in_fd, int out_fd);

/* Messages to the client (lsp.c): msg is released. */
void lsp_send(Server *s, json_t *msg);
void lsp_notify(Server *s, const char *method, json_t *params);

/* ---- documents (lsp_doc.c) ---------------------------------------------- */

Doc *lsp_find_doc(Server *s, const char *uri);
void lsp_doc_free(Doc *d);
/* Compiles a document changed since its last compilation and publishes its
 * diagnostics. */
void lsp_doc_refresh(Server *s, Doc *d);
void lsp_flush_dirty(Server *s);
bool lsp_any_dirty(const Server *s);
const char *lsp_text_document_uri(json_t *params);
void lsp_did_open(Server *s, json_t *params);
void lsp_did_change(Server *s, json_t *params);
/* Forgets the document and publishes an empty list for it. */
void lsp_did_close(Server *s, json_t *params);

/* The root source of the document's current compilation. */
const Source *doc_source(const Doc *d);
/* Byte offset in doc_source of an LSP position object; false if malformed. */
bool lsp_position_offset(const Server *s, const Doc *d, json_t *pos, uint32_t *off);
/* LSP position and range of byte offsets in src (the document's root source
 * when src == doc_source(d); any other loaded source otherwise). */
json_t *lsp_position(const Server *s, const Doc *d, const Source *src, uint32_t off);
json_t *lsp_range(const Server *s, const Doc *d, const Source *src, Span sp);
/* file:///a/b%20c -> /a/b c (malloc'd); NULL when not a file URI. */
char *lsp_uri_to_path(const char *uri);
char *lsp_path_to_uri(const char *path);
/* The URI of a loaded source: the document's own, or a file: URI of its path
 * (malloc'd; NULL for a source with no path). */
char *lsp_source_uri(const Doc *d, const Source *src);
/* The catalog or model of the document's current compilation (which = 0) or
 * of the last one that built a model (which = 1); either may be NULL. */
const Catalog *doc_catalog(const Doc *d, int which);
const Model *doc_model(const Doc *d, int which);

/* ---- the text around the cursor (lsp_scan.c) --------------------------- */

typedef enum { TK_IDENT, TK_STRING, TK_NUMBER, TK_ARROW, TK_DOTDOT, TK_PUNCT, TK_NEWLINE } TokKind;

typedef struct Tok {
    TokKind kind;
    char ch; /* TK_PUNCT: the character */
    uint32_t start, end;
} Tok;

typedef enum {
    FR_TOP,
    FR_PIPELINE,
    FR_GROUP,
    FR_COMPONENT,
    FR_FLOW,
    FR_VALUE,
    FR_SERVICE,
    FR_TYPE,
    FR_OTHER,
    FR_LIST,
    FR_PAREN
} FrameKind;

typedef struct Frame {
    FrameKind kind;
    int open;   /* token index of the opening bracket (-1 for FR_TOP) */
    int name;   /* COMPONENT, GROUP, PIPELINE, SERVICE, TYPE: the name token; PAREN: the callee */
    int svc;    /* COMPONENT: the service token */
    int prop;   /* VALUE, LIST: the property token (-1 if none) */
    int parent; /* index of the enclosing frame (-1 for FR_TOP) */
    int stmt;   /* first token of the current statement / list element */
    int nst;    /* tokens of the current statement seen so far in this frame */
} Frame;

typedef struct Scan {
    const char *text;
    uint32_t len;
    Tok *toks;
    int ntok, cap;
    Frame *frames;
    int nframes, fcap;
} Scan;

/* A component declared in the text (`name : service`), found by scanning. */
typedef struct ScanDecl {
    int name, svc; /* token indexes */
} ScanDecl;

void scan_init(Scan *sc, const char *text, uint32_t len);
/* scan_init over the document's current source; false if there is none. */
bool scan_doc(Scan *sc, const Doc *d);
void scan_free(Scan *sc);
/* Index of the identifier token containing off (start <= off <= end), or -1. */
int scan_ident_at(const Scan *sc, uint32_t off);
/* Index of the first token starting at or after off (ntok if none). */
int scan_token_after(const Scan *sc, uint32_t off);
/* Walks tokens [0, upto) and leaves the open frames in sc->frames. */
void scan_walk(Scan *sc, int upto);
/* Every component declaration and every top-level `service NAME`. */
void scan_decls(Scan *sc, ScanDecl **comps, int *ncomps, int **services, int *nservices);
bool tok_is(const Scan *sc, int i, const char *word);
char *tok_text(const Scan *sc, int i); /* malloc'd */
/* Tokens of the current statement of the innermost frame (after scan_walk)
 * before token `upto`, newlines left out: a malloc'd array of indexes. */
int scan_stmt(const Scan *sc, int upto, int **out);
/* The innermost frame after scan_walk. */
const Frame *scan_top(const Scan *sc);

/* ---- what names mean (lsp_lookup.c) ------------------------------------- */

/* Looked up in the current compilation, then in the last good one. */
Service *lsp_find_service(const Doc *d, const char *id);
const MComponent *lsp_find_component(const Doc *d, const char *name);

/* What a property belongs to: a service or a declared block type. */
typedef struct Owner {
    const Service *svc;
    const TypeDecl *td;
} Owner;

const Prop *lsp_owner_prop(Owner o, const char *name);
const PtrVec *lsp_owner_props(Owner o);
const char *lsp_owner_title(Owner o);
/* The element type of a list (nested lists unwrapped), else t. */
const Type *lsp_elem_type(const Type *t);
/* Whose properties a frame's settings are (after scan_walk): a component's
 * service, a service item, a type item, or a value block's declared type. */
Owner lsp_frame_owner(const Scan *sc, const Doc *d, int fi);
/* The property a value block or list frame is the value of (NULL if unknown). */
const Prop *lsp_frame_prop(const Scan *sc, const Doc *d, int fi);
/* A type the way it is declared: int(1..100), enum(a, b), list(ref(lambda)). */
void lsp_type_spell(StrBuf *b, Arena *a, const Type *t);
void lsp_prop_markdown(StrBuf *b, Arena *a, const Prop *p, const char *owner);
void lsp_service_markdown(StrBuf *b, const Service *s);
/* A component from the model (settings, defaults marked, flows), or from its
 * declaration in the text (svc_text) when no model knows it yet. */
void lsp_component_markdown(StrBuf *b, Arena *a, const Doc *d, const char *name,
                            const char *svc_text);
/* MarkupContent of kind markdown (frees b). */
json_t *lsp_markdown(StrBuf *b);

/* ---- features (lsp_features.c, lsp_complete.c) --------------------------- */

json_t *lsp_hover(Server *s, Doc *d, uint32_t off);
json_t *lsp_completion(Server *s, Doc *d, uint32_t off);
json_t *lsp_definition(Server *s, Doc *d, uint32_t off);
json_t *lsp_document_symbols(Server *s, Doc *d);
json_t *lsp_formatting(Server *s, Doc *d);

#endif
