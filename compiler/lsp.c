/* `pipec lsp`: a language server on stdin/stdout (JSON-RPC 2.0 over LSP
 * framing). This file holds the protocol: lifecycle, dispatch and errors.
 * Documents, diagnostics and positions are in lsp_doc.c, framing in
 * lsp_io.c, the cursor's context in lsp_scan.c, the features in
 * lsp_features.c, lsp_complete.c and lsp_lookup.c. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lsp.h"
#include "strbuf.h"

enum {
    ERR_PARSE = -32700,
    ERR_INVALID_REQUEST = -32600,
    ERR_METHOD_NOT_FOUND = -32601,
    ERR_INVALID_PARAMS = -32602,
    ERR_NOT_INITIALIZED = -32002,
};

/* ---- to the client ------------------------------------------------------- */

void lsp_send(Server *s, json_t *msg)
{
    if (!msg || s->write_failed) {
        json_decref(msg);
        return;
    }
    if (lsp_write(s->out_fd, msg) != 0) {
        fputs("pipec lsp: cannot write to the client\n", stderr);
        s->write_failed = true;
    }
}

void lsp_notify(Server *s, const char *method, json_t *params)
{
    lsp_send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* ---- requests ------------------------------------------------------------- */

static PosEncoding choose_encoding(json_t *params)
{
    json_t *encs = json_object_get(
        json_object_get(json_object_get(params, "capabilities"), "general"), "positionEncodings");
    if (!json_is_array(encs) || json_array_size(encs) == 0)
        return ENC_UTF16;
    bool u8 = false, u32 = false;
    size_t i;
    json_t *e;
    json_array_foreach (encs, i, e) {
        const char *v = json_string_value(e);
        if (!v)
            continue;
        if (strcmp(v, "utf-16") == 0)
            return ENC_UTF16;
        u8 |= strcmp(v, "utf-8") == 0;
        u32 |= strcmp(v, "utf-32") == 0;
    }
    return u8 ? ENC_UTF8 : u32 ? ENC_UTF32 : ENC_UTF16;
}

static json_t *initialize(Server *s, json_t *params)
{
    s->enc = choose_encoding(params);
    s->initialized = true;
    static const char *const enc_names[] = {"utf-16", "utf-8", "utf-32"};
    return json_pack(
        "{s:{s:s, s:{s:b, s:i, s:b}, s:b, s:{s:[s,s,s,s,s], s:b}, s:b, s:b, s:b}, s:{s:s, s:s}}",
        "capabilities", "positionEncoding", enc_names[s->enc], "textDocumentSync", "openClose", 1,
        "change", 1, "save", 0, "hoverProvider", 1, "completionProvider", "triggerCharacters", ":",
        ">", "[", "=", ",", "resolveProvider", 0, "definitionProvider", 1,
        "documentFormattingProvider", 1, "documentSymbolProvider", 1, "serverInfo", "name", "pipec",
        "version", PIPEC_VERSION);
}

typedef json_t *(*PosFeature)(Server *, Doc *, uint32_t);
typedef json_t *(*DocFeature)(Server *, Doc *);

static const struct {
    const char *method;
    PosFeature at;
    DocFeature doc;
    bool list; /* result for an unknown document: [] rather than null */
} features[] = {
    {"textDocument/hover", lsp_hover, NULL, false},
    {"textDocument/completion", lsp_completion, NULL, true},
    {"textDocument/definition", lsp_definition, NULL, false},
    {"textDocument/documentSymbol", NULL, lsp_document_symbols, true},
    {"textDocument/formatting", NULL, lsp_formatting, true},
};

static json_t *error_obj(int code, const char *message)
{
    return json_pack("{s:i, s:s}", "code", code, "message", message);
}

static void reply(Server *s, json_t *id, json_t *result, json_t *error)
{
    json_t *m = json_pack("{s:s, s:O}", "jsonrpc", "2.0", "id", id ? id : json_null());
    if (error) {
        json_object_set_new(m, "error", error);
        json_decref(result);
    } else {
        json_object_set_new(m, "result", result ? result : json_null());
    }
    lsp_send(s, m);
}

static void request(Server *s, json_t *id, const char *method, json_t *params)
{
    if (strcmp(method, "initialize") == 0) {
        if (s->initialized)
            reply(s, id, NULL, error_obj(ERR_INVALID_REQUEST, "already initialized"));
        else
            reply(s, id, initialize(s, params), NULL);
        return;
    }
    if (!s->initialized) {
        reply(s, id, NULL, error_obj(ERR_NOT_INITIALIZED, "server not initialized"));
        return;
    }
    if (s->shut_down) {
        reply(s, id, NULL, error_obj(ERR_INVALID_REQUEST, "server is shut down"));
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        s->shut_down = true;
        reply(s, id, json_null(), NULL);
        return;
    }
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++) {
        if (strcmp(method, features[i].method) != 0)
            continue;
        const char *uri = lsp_text_document_uri(params);
        json_t *pos = json_object_get(params, "position");
        if (!uri || (features[i].at && !json_is_object(pos))) {
            reply(s, id, NULL, error_obj(ERR_INVALID_PARAMS, "missing textDocument or position"));
            return;
        }
        Doc *d = lsp_find_doc(s, uri);
        if (!d) {
            reply(s, id, features[i].list ? json_array() : json_null(), NULL);
            return;
        }
        lsp_doc_refresh(s, d);
        if (features[i].doc) {
            reply(s, id, features[i].doc(s, d), NULL);
            return;
        }
        uint32_t off;
        if (!lsp_position_offset(s, d, pos, &off)) {
            reply(s, id, NULL, error_obj(ERR_INVALID_PARAMS, "bad position"));
            return;
        }
        reply(s, id, features[i].at(s, d, off), NULL);
        return;
    }
    reply(s, id, NULL, error_obj(ERR_METHOD_NOT_FOUND, "method not found"));
}

static void notification(Server *s, const char *method, json_t *params)
{
    if (strcmp(method, "exit") == 0) {
        s->exiting = true;
        return;
    }
    if (!s->initialized || s->shut_down)
        return;
    if (strcmp(method, "textDocument/didOpen") == 0)
        lsp_did_open(s, params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        lsp_did_change(s, params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        lsp_did_close(s, params);
    /* initialized, didSave, $/cancelRequest, ...: nothing to do */
}

static void handle(Server *s, const char *body, size_t len)
{
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
    if (!msg) {
        char text[256];
        snprintf(text, sizeof text, "parse error: %s", err.text);
        reply(s, NULL, NULL, error_obj(ERR_PARSE, text));
        return;
    }
    json_t *id = json_object_get(msg, "id");
    json_t *method = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    const char *version = json_string_value(json_object_get(msg, "jsonrpc"));
    if (!json_is_object(msg)) {
        reply(s, NULL, NULL, error_obj(ERR_INVALID_REQUEST, "a message is a JSON object"));
    } else if (id && !json_is_string(id) && !json_is_integer(id) && !json_is_null(id)) {
        reply(s, NULL, NULL, error_obj(ERR_INVALID_REQUEST, "id must be a number or a string"));
    } else if (!method && id && (json_object_get(msg, "result") || json_object_get(msg, "error"))) {
        /* a response: we send no requests, so there is nothing to match */
    } else if (!json_is_string(method) || !version || strcmp(version, "2.0") != 0 ||
               (params && !json_is_object(params) && !json_is_array(params))) {
        if (id)
            reply(s, id, NULL, error_obj(ERR_INVALID_REQUEST, "invalid request"));
    } else if (id) {
        request(s, id, json_string_value(method), params);
    } else {
        notification(s, json_string_value(method), params);
    }
    json_decref(msg);
}

static int lsp_usage(void)
{
    fputs("usage: pipec lsp [--stdio] [--stdlib DIR | --no-stdlib]\n"
          "Runs the Pipe language server on standard input and output.\n",
          stdout);
    return 0;
}

int cmd_lsp(int argc, char **argv)
{
    CommonOptions o;
    cli_defaults(&o);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--stdio") == 0)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return lsp_usage();
        int r = cli_common_flag(argc, argv, &i, &o);
        if (r < 0)
            return 2;
        if (r == 0)
            return cli_usage_error("lsp: unknown argument '%s'", argv[i]);
    }
    signal(SIGPIPE, SIG_IGN);
    return lsp_serve(&o.load, STDIN_FILENO, STDOUT_FILENO);
}

int lsp_serve(const LoadOptions *load, int in_fd, int out_fd)
{
    Server s = {.enc = ENC_UTF16, .load = *load, .out_fd = out_fd};
    LspReader r;
    lsp_reader_init(&r, in_fd);
    char *body;
    size_t len;
    for (;;) {
        /* Compile changed documents once the client has nothing more queued:
         * a burst of edits costs one compilation. */
        if (lsp_any_dirty(&s) && !lsp_reader_pending(&r))
            lsp_flush_dirty(&s);
        if (!lsp_read(&r, &body, &len))
            break;
        handle(&s, body, len);
        free(body);
        if (s.exiting || s.write_failed)
            break;
    }
    lsp_reader_free(&r);
    while (s.docs) {
        Doc *d = s.docs;
        s.docs = d->next;
        lsp_doc_free(d);
    }
    return s.shut_down && !s.write_failed ? 0 : 1;
}
