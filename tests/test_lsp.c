/* The language server, driven as an editor drives it: a scripted JSON-RPC
 * client spawns `$PIPEC lsp`, writes framed messages and reads framed
 * replies with a timeout. */
#include "helpers.h"

#include "fmt.h"
#include "strbuf.h"

/* ---- the client ---------------------------------------------------------- */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <time.h>

#define LSP_TIMEOUT_MS 10000

typedef struct LspClient {
    pid_t pid;
    int to, from; /* server's stdin, stdout */
    char *buf;
    size_t len, cap;
    int next_id;
    bool eof;
} LspClient;

static inline long long lsp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Starts `$PIPEC lsp --stdio` (stderr to /dev/null unless LSP_TEST_STDERR). */
static inline void lsp_start(LspClient *c)
{
    int in[2], out[2];
    cr_assert(pipe(in) == 0 && pipe(out) == 0);
    memset(c, 0, sizeof *c);
    c->next_id = 1;
    signal(SIGPIPE, SIG_IGN);
    c->pid = fork();
    cr_assert(c->pid >= 0);
    if (c->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        if (!getenv("LSP_TEST_STDERR")) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 2);
        }
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execl(test_pipec(), "pipec", "lsp", "--stdio", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    c->to = in[1];
    c->from = out[0];
    fcntl(c->from, F_SETFL, fcntl(c->from, F_GETFL) | O_NONBLOCK);
}

/* Reads what the server has written (waiting at most ms); false on EOF or timeout. */
static inline bool lsp_fill(LspClient *c, int ms)
{
    struct pollfd p = {.fd = c->from, .events = POLLIN};
    if (poll(&p, 1, ms) <= 0)
        return false;
    if (c->cap - c->len < 65536) {
        c->cap = c->cap ? c->cap * 2 : 1 << 17;
        c->buf = realloc(c->buf, c->cap);
    }
    ssize_t n = read(c->from, c->buf + c->len, c->cap - c->len);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return true;
    if (n <= 0) {
        c->eof = true;
        return false;
    }
    c->len += (size_t)n;
    return true;
}

/* Writes raw bytes, reading replies meanwhile so neither side blocks. */
static inline void lsp_send_raw(LspClient *c, const char *data, size_t n)
{
    while (n > 0) {
        struct pollfd p[2] = {{.fd = c->to, .events = POLLOUT}, {.fd = c->from, .events = POLLIN}};
        cr_assert(poll(p, 2, LSP_TIMEOUT_MS) > 0, "server stopped reading");
        if (p[1].revents)
            lsp_fill(c, 0);
        if (p[0].revents & (POLLERR | POLLHUP))
            cr_assert_fail("server closed its input");
        if (p[0].revents & POLLOUT) {
            ssize_t k = write(c->to, data, n > 65536 ? 65536 : n);
            cr_assert(k > 0 || errno == EINTR || errno == EAGAIN, "write to server failed");
            if (k > 0) {
                data += k;
                n -= (size_t)k;
            }
        }
    }
}

static inline void lsp_send(LspClient *c, json_t *msg)
{
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    lsp_send_raw(c, head, (size_t)h);
    lsp_send_raw(c, body, strlen(body));
    free(body);
}

static inline int lsp_request(LspClient *c, const char *method, json_t *params)
{
    int id = c->next_id++;
    json_t *m = json_pack("{s:s, s:i, s:s}", "jsonrpc", "2.0", "id", id, "method", method);
    if (params)
        json_object_set_new(m, "params", params);
    lsp_send(c, m);
    return id;
}

static inline void lsp_notify(LspClient *c, const char *method, json_t *params)
{
    json_t *m = json_pack("{s:s, s:s}", "jsonrpc", "2.0", "method", method);
    if (params)
        json_object_set_new(m, "params", params);
    lsp_send(c, m);
}

/* The next message from the server, or NULL after ms without one. */
static inline json_t *lsp_recv(LspClient *c, int ms)
{
    long long deadline = lsp_now_ms() + ms;
    for (;;) {
        char *end = c->len ? memmem(c->buf, c->len, "\r\n\r\n", 4) : NULL;
        if (end) {
            size_t hlen = (size_t)(end - c->buf) + 4;
            char *cl = memmem(c->buf, hlen, "Content-Length: ", 16);
            cr_assert_not_null(cl, "reply without Content-Length");
            size_t n = strtoul(cl + 16, NULL, 10);
            if (c->len >= hlen + n) {
                json_error_t err;
                json_t *j = json_loadb(c->buf + hlen, n, 0, &err);
                cr_assert_not_null(j, "server sent bad JSON: %s", err.text);
                memmove(c->buf, c->buf + hlen + n, c->len - hlen - n);
                c->len -= hlen + n;
                return j;
            }
        }
        long long left = deadline - lsp_now_ms();
        if (left <= 0 || c->eof)
            return NULL;
        lsp_fill(c, (int)left);
    }
}

/* Waits for the reply to request `id` (skipping notifications). */
static inline json_t *lsp_reply(LspClient *c, int id)
{
    for (;;) {
        json_t *m = lsp_recv(c, LSP_TIMEOUT_MS);
        cr_assert_not_null(m, "no reply to request %d", id);
        json_t *mid = json_object_get(m, "id");
        if (json_is_integer(mid) && json_integer_value(mid) == id)
            return m;
        json_decref(m);
    }
}

/* The result of a request (the whole reply is kept in *reply to free). */
static inline json_t *lsp_call(LspClient *c, const char *method, json_t *params, json_t **reply)
{
    *reply = lsp_reply(c, lsp_request(c, method, params));
    json_t *err = json_object_get(*reply, "error");
    cr_assert_null(err, "%s failed: %s", method,
                   json_string_value(json_object_get(err, "message")));
    return json_object_get(*reply, "result");
}

/* Waits for publishDiagnostics about uri; returns its params (free with json_decref). */
static inline json_t *lsp_diagnostics(LspClient *c, const char *uri)
{
    for (;;) {
        json_t *m = lsp_recv(c, LSP_TIMEOUT_MS);
        cr_assert_not_null(m, "no diagnostics for %s", uri);
        const char *method = json_string_value(json_object_get(m, "method"));
        json_t *p = json_object_get(m, "params");
        if (method && strcmp(method, "textDocument/publishDiagnostics") == 0 &&
            strcmp(json_string_value(json_object_get(p, "uri")), uri) == 0) {
            json_incref(p);
            json_decref(m);
            return p;
        }
        json_decref(m);
    }
}

static inline void lsp_initialize(LspClient *c)
{
    json_t *r;
    lsp_call(c, "initialize", json_pack("{s:i, s:{}}", "processId", (int)getpid(), "capabilities"),
             &r);
    json_decref(r);
    lsp_notify(c, "initialized", json_object());
}

static inline void lsp_open(LspClient *c, const char *uri, const char *text)
{
    lsp_notify(c, "textDocument/didOpen",
               json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri, "languageId",
                         "pipe", "version", 1, "text", text));
}

static inline void lsp_change(LspClient *c, const char *uri, int version, const char *text)
{
    lsp_notify(c, "textDocument/didChange",
               json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", uri, "version",
                         version, "contentChanges", "text", text));
}

static inline json_t *lsp_at(const char *uri, int line, int ch)
{
    return json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri, "position", "line",
                     line, "character", ch);
}

/* Closes the server's input and waits for it (killed after a timeout).
 * Returns its exit status, or -1 if it did not exit normally. */
static inline int lsp_finish(LspClient *c)
{
    if (c->to >= 0)
        close(c->to);
    c->to = -1;
    int st = 0;
    long long deadline = lsp_now_ms() + LSP_TIMEOUT_MS;
    pid_t r;
    while ((r = waitpid(c->pid, &st, WNOHANG)) == 0 && lsp_now_ms() < deadline) {
        lsp_fill(c, 20);
    }
    if (r == 0) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, &st, 0);
        st = -1;
    }
    close(c->from);
    free(c->buf);
    c->buf = NULL;
    return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Sends shutdown (checking its null result) and exit. */
static inline int lsp_shutdown_exit(LspClient *c)
{
    json_t *r;
    json_t *res = lsp_call(c, "shutdown", NULL, &r);
    cr_assert(json_is_null(res));
    json_decref(r);
    lsp_notify(c, "exit", NULL);
    return lsp_finish(c);
}

/* ---- documents ------------------------------------------------------------ */

static const char *URI = "file:///tmp/pipec-lsp-test/shop.pipe";

/* E301 after "é😀" on the same line: `w` is UTF-16 character 23, byte 26. */
static const char *DOC_E301 = "pipeline t {\n"
                              "  q : sqs\n"
                              "  w : redshift\n"
                              "  lbl : s3 \"é😀\"; q -> w\n"
                              "}\n";
static const char *DOC_FIXED = "pipeline t {\n"
                               "  q : sqs\n"
                               "  w : lambda\n"
                               "  lbl : s3 \"é😀\"; q -> w -> lbl\n"
                               "}\n";

static const char *DOC_MAIN =
    "pipeline shop \"Shop\" {\n"                                      /* 0 */
    "  group ingest \"Ingestion\" {\n"                                /* 1 */
    "    events : kinesis_streams { shards = 4, mode = on_demand }\n" /* 2 */
    "  }\n"                                                           /* 3 */
    "  enrich : lambda { runtime = \"python3.12\" }\n"                /* 4 */
    "  hose   : firehose { transform = enrich }\n"                    /* 5 */
    "  lake   : s3\n"                                                 /* 6 */
    "  events -> hose -> lake\n"                                      /* 7 */
    "  events -> enrich\n"                                            /* 8 */
    "}\n";

/* Being typed: does not parse. */
static const char *DOC_BROKEN = "pipeline shop {\n"
                                "  events : kinesis_streams { shards = 4, mode =  }\n"
                                "  enrich : lambda\n"
                                "  hose : firehose { transform =  }\n"
                                "  q : sqs {  }\n"
                                "  x : \n"
                                "  events -> \n"
                                "}\n";

static const char *DOC_USER_SERVICE = "service kafka \"Apache Kafka\" {\n"
                                      "  category = external\n"
                                      "  brokers : int(1..100) = 3\n"
                                      "}\n"
                                      "link kafka -> [kinesis_streams] via \"Kafka Connect sink\"\n"
                                      "pipeline p {\n"
                                      "  k : kafka\n"
                                      "  s : kinesis_streams\n"
                                      "  f : lambda\n"
                                      "  k -> s -> f\n"
                                      "}\n";

static LspClient *open_doc(const char *text)
{
    static LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    lsp_open(&c, URI, text);
    return &c;
}

static json_t *find_code(json_t *diags, const char *code)
{
    size_t i;
    json_t *d;
    json_array_foreach (diags, i, d) {
        if (strcmp(json_string_value(json_object_get(d, "code")), code) == 0)
            return d;
    }
    return NULL;
}

static void expect_range(json_t *range, int l0, int c0, int l1, int c1)
{
    json_int_t sl, sc, el, ec;
    cr_assert(json_unpack(range, "{s:{s:I, s:I}, s:{s:I, s:I}}", "start", "line", &sl, "character",
                          &sc, "end", "line", &el, "character", &ec) == 0,
              "not a range");
    cr_assert(sl == l0 && sc == c0 && el == l1 && ec == c1, "range %d:%d-%d:%d, want %d:%d-%d:%d",
              (int)sl, (int)sc, (int)el, (int)ec, l0, c0, l1, c1);
}

/* Markdown of a hover (asserting there is one). */
static const char *hover_text(LspClient *c, int line, int ch, json_t **reply)
{
    json_t *res = lsp_call(c, "textDocument/hover", lsp_at(URI, line, ch), reply);
    cr_assert(json_is_object(res), "no hover at %d:%d", line, ch);
    json_t *contents = json_object_get(res, "contents");
    cr_assert_str_eq(json_string_value(json_object_get(contents, "kind")), "markdown");
    return json_string_value(json_object_get(contents, "value"));
}

/* Completion labels at line:ch, as one string ",a,b,c," (free it). */
static char *completion_labels(LspClient *c, int line, int ch, const char *detail_of,
                               const char **detail)
{
    json_t *reply;
    json_t *res = lsp_call(c, "textDocument/completion", lsp_at(URI, line, ch), &reply);
    json_t *items = json_is_array(res) ? res : json_object_get(res, "items");
    cr_assert(json_is_array(items));
    StrBuf b;
    sb_init(&b);
    sb_putc(&b, ',');
    size_t i;
    json_t *it;
    static char saved[256];
    json_array_foreach (items, i, it) {
        const char *label = json_string_value(json_object_get(it, "label"));
        sb_printf(&b, "%s,", label);
        if (detail_of && strcmp(label, detail_of) == 0) {
            const char *d = json_string_value(json_object_get(it, "detail"));
            snprintf(saved, sizeof saved, "%s", d ? d : "");
            *detail = saved;
        }
    }
    json_decref(reply);
    return sb_take(&b);
}

/* ---- lifecycle -------------------------------------------------------------- */

Test(lsp, initialize_capabilities)
{
    LspClient c;
    lsp_start(&c);
    json_t *reply;
    json_t *res = lsp_call(&c, "initialize", json_pack("{s:{}}", "capabilities"), &reply);
    json_t *caps = json_object_get(res, "capabilities");
    json_t *sync = json_object_get(caps, "textDocumentSync");
    cr_assert_eq(json_integer_value(json_object_get(sync, "change")), 1);
    cr_assert(json_is_true(json_object_get(sync, "openClose")));
    cr_assert(json_is_true(json_object_get(caps, "hoverProvider")));
    cr_assert(json_is_object(json_object_get(caps, "completionProvider")));
    cr_assert(json_is_true(json_object_get(caps, "definitionProvider")));
    cr_assert(json_is_true(json_object_get(caps, "documentFormattingProvider")));
    cr_assert(json_is_true(json_object_get(caps, "documentSymbolProvider")));
    cr_assert_str_eq(json_string_value(json_object_get(caps, "positionEncoding")), "utf-16");
    json_t *info = json_object_get(res, "serverInfo");
    cr_assert_str_eq(json_string_value(json_object_get(info, "name")), "pipec");
    cr_assert_not_null(json_string_value(json_object_get(info, "version")));
    json_decref(reply);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

Test(lsp, shutdown_then_exit_is_0)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

Test(lsp, exit_without_shutdown_is_1)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    lsp_notify(&c, "exit", NULL);
    cr_assert_eq(lsp_finish(&c), 1);
}

Test(lsp, end_of_input_without_shutdown_is_1)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    cr_assert_eq(lsp_finish(&c), 1);
}

Test(lsp, requests_after_shutdown_are_refused)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    json_t *r;
    lsp_call(&c, "shutdown", NULL, &r);
    json_decref(r);
    r = lsp_reply(&c, lsp_request(&c, "textDocument/hover", lsp_at(URI, 0, 0)));
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(r, "error"), "code")), -32600);
    json_decref(r);
    lsp_notify(&c, "exit", NULL);
    cr_assert_eq(lsp_finish(&c), 0);
}

Test(lsp, request_before_initialize)
{
    LspClient c;
    lsp_start(&c);
    json_t *r = lsp_reply(&c, lsp_request(&c, "textDocument/hover", lsp_at(URI, 0, 0)));
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(r, "error"), "code")), -32002);
    json_decref(r);
    lsp_initialize(&c);
    r = lsp_reply(&c, lsp_request(&c, "initialize", json_pack("{s:{}}", "capabilities")));
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(r, "error"), "code")), -32600,
                 "a second initialize is an invalid request");
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

Test(lsp, stdio_flag_and_bad_arguments)
{
    cr_assert_eq(test_run("lsp --bogus", NULL, NULL, NULL), 2);
    char *out = NULL;
    cr_assert_eq(test_run("lsp --stdio", "", &out, NULL), 1, "end of input before shutdown");
    cr_assert_str_eq(out, "", "nothing but protocol on stdout");
    free(out);
}

/* ---- protocol errors ----------------------------------------------------------- */

static int error_code(json_t *reply)
{
    return (int)json_integer_value(json_object_get(json_object_get(reply, "error"), "code"));
}

Test(lsp, unknown_method)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    lsp_notify(&c, "workspace/somethingNew", json_object()); /* no reply to a notification */
    int id = lsp_request(&c, "pipe/doesNotExist", json_object());
    json_t *m = lsp_recv(&c, LSP_TIMEOUT_MS);
    cr_assert_not_null(m);
    cr_assert_eq(json_integer_value(json_object_get(m, "id")), id, "the notification got a reply");
    cr_assert_eq(error_code(m), -32601);
    json_decref(m);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

static void raw(LspClient *c, const char *s)
{
    lsp_send_raw(c, s, strlen(s));
}

static void send_body(LspClient *c, const char *body)
{
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    lsp_send_raw(c, head, (size_t)h);
    raw(c, body);
}

/* Sends a body (framed here) and expects an error reply with `code` and id null. */
static void expect_error_null_id(LspClient *c, const char *body, int code)
{
    send_body(c, body);
    json_t *m = lsp_recv(c, LSP_TIMEOUT_MS);
    cr_assert_not_null(m, "no reply to %s", body);
    cr_assert(json_is_null(json_object_get(m, "id")), "id should be null");
    cr_assert_eq(error_code(m), code, "error for %s", body);
    json_decref(m);
}

static void expect_alive(LspClient *c)
{
    json_t *r = lsp_reply(c, lsp_request(c, "pipe/ping", NULL));
    cr_assert_eq(error_code(r), -32601);
    json_decref(r);
}

Test(lsp, malformed_json)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    expect_error_null_id(&c, "{\"a\": 1,", -32700);
    expect_alive(&c);
    expect_error_null_id(&c, "", -32700);
    expect_error_null_id(&c, "{\"jsonrpc\":\"2.0\",\"id\":1} trailing", -32700);
    expect_error_null_id(&c, "[]", -32600);
    expect_error_null_id(&c, "\"str\"", -32600);
    expect_error_null_id(&c, "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}", -32600);
    expect_error_null_id(&c, "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"x\"}", -32600);
    /* a request without a method */
    send_body(&c, "{\"jsonrpc\":\"2.0\",\"id\":77}");
    json_t *m = lsp_reply(&c, 77);
    cr_assert_eq(error_code(m), -32600);
    json_decref(m);
    /* invalid params */
    m = lsp_reply(&c, lsp_request(&c, "textDocument/hover", json_pack("{s:i}", "x", 1)));
    cr_assert_eq(error_code(m), -32602);
    json_decref(m);
    expect_alive(&c);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

Test(lsp, bad_headers_are_skipped)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    raw(&c, "Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1000,\"method\":\"x\"}");
    expect_alive(&c);
    raw(&c, "garbage without a colon\r\n\r\n");
    expect_alive(&c);
    raw(&c, "Content-Length: 999999999999\r\n\r\n{}");
    expect_alive(&c);
    raw(&c, "Content-Length: 12\r\nContent-Length: 13\r\n\r\n{}");
    expect_alive(&c);
    /* other headers are fine, in any case */
    const char *body = "{\"jsonrpc\":\"2.0\",\"id\":55,\"method\":\"pipe/x\"}";
    char msg[256];
    snprintf(
        msg, sizeof msg,
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:%zu\r\n\r\n%s",
        strlen(body), body);
    raw(&c, msg);
    json_t *m = lsp_reply(&c, 55);
    cr_assert_eq(error_code(m), -32601);
    json_decref(m);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

Test(lsp, random_bytes_never_crash)
{
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    unsigned seed = 12345;
    char junk[4096];
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < sizeof junk; i++) {
            seed = seed * 1103515245u + 12345u;
            junk[i] = (char)(seed >> 16);
        }
        char head[64];
        int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", sizeof junk);
        lsp_send_raw(&c, head, (size_t)h);
        lsp_send_raw(&c, junk, sizeof junk);
        json_t *m = lsp_recv(&c, LSP_TIMEOUT_MS);
        cr_assert_not_null(m);
        cr_assert_eq(error_code(m), -32700);
        json_decref(m);
    }
    /* documents with odd content: NUL bytes, invalid positions */
    lsp_notify(&c, "textDocument/didOpen",
               json_pack("{s:{s:s, s:s, s:i, s:s%}}", "textDocument", "uri", URI, "languageId",
                         "pipe", "version", 1, "text", "pipeline p {\0 a : s3 }\n", (size_t)24));
    json_t *p = lsp_diagnostics(&c, URI);
    cr_assert_gt(json_array_size(json_object_get(p, "diagnostics")), 0);
    json_decref(p);
    json_t *r;
    json_t *res = lsp_call(&c, "textDocument/hover", lsp_at(URI, 99, 99), &r);
    cr_assert(json_is_null(res));
    json_decref(r);
    res = lsp_call(&c, "textDocument/completion", lsp_at(URI, 0, 1000), &r);
    json_decref(r);
    r = lsp_reply(&c, lsp_request(&c, "textDocument/hover", lsp_at(URI, -1, 0)));
    cr_assert_eq(error_code(r), -32602);
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

/* ---- diagnostics ------------------------------------------------------------- */

Test(lsp, diagnostics_on_open_change_close)
{
    LspClient *c = open_doc(DOC_E301);
    json_t *p = lsp_diagnostics(c, URI);
    cr_assert_eq(json_integer_value(json_object_get(p, "version")), 1);
    json_t *diags = json_object_get(p, "diagnostics");
    json_t *d = find_code(diags, "E301");
    cr_assert_not_null(d, "E301 expected");
    /* `w` after "é😀" on line 4: UTF-16 character 23 (the emoji counts 2) */
    expect_range(json_object_get(d, "range"), 3, 23, 3, 24);
    cr_assert_eq(json_integer_value(json_object_get(d, "severity")), 1);
    cr_assert_str_eq(json_string_value(json_object_get(d, "source")), "pipec");
    const char *msg = json_string_value(json_object_get(d, "message"));
    cr_assert(strstr(msg, "cannot send data to Amazon Redshift"), "%s", msg);
    cr_assert(strstr(msg, "\nnote: Amazon Redshift accepts data from"), "notes appended: %s", msg);
    cr_assert(strstr(msg, "\nhelp: "), "help appended: %s", msg);
    json_t *w = find_code(diags, "W401");
    cr_assert_not_null(w);
    cr_assert_eq(json_integer_value(json_object_get(w, "severity")), 2);
    json_decref(p);

    lsp_change(c, URI, 2, DOC_FIXED);
    p = lsp_diagnostics(c, URI);
    cr_assert_eq(json_integer_value(json_object_get(p, "version")), 2);
    cr_assert_eq(json_array_size(json_object_get(p, "diagnostics")), 0, "%s", json_dumps(p, 0));
    json_decref(p);

    lsp_change(c, URI, 3, DOC_E301);
    p = lsp_diagnostics(c, URI);
    cr_assert_not_null(find_code(json_object_get(p, "diagnostics"), "E301"));
    json_decref(p);

    lsp_notify(c, "textDocument/didClose", json_pack("{s:{s:s}}", "textDocument", "uri", URI));
    p = lsp_diagnostics(c, URI);
    cr_assert_eq(json_array_size(json_object_get(p, "diagnostics")), 0);
    json_decref(p);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

Test(lsp, related_information_and_hints)
{
    LspClient *c = open_doc("pipeline t {\n"
                            "  a : s3\n"
                            "  a : sqs\n"
                            "  big : emr { master = { instance = \"c5.xlarge\" } }\n"
                            "}\n");
    json_t *p = lsp_diagnostics(c, URI);
    json_t *diags = json_object_get(p, "diagnostics");
    json_t *d = find_code(diags, "E202");
    cr_assert_not_null(d);
    expect_range(json_object_get(d, "range"), 2, 2, 2, 3);
    json_t *rel = json_array_get(json_object_get(d, "relatedInformation"), 0);
    cr_assert_not_null(rel, "the first definition as relatedInformation");
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(rel, "location"), "uri")),
                     URI);
    expect_range(json_object_get(json_object_get(rel, "location"), "range"), 1, 2, 1, 3);
    size_t i;
    json_t *g;
    json_array_foreach (diags, i, g) {
        const char *code = json_string_value(json_object_get(g, "code"));
        int sev = (int)json_integer_value(json_object_get(g, "severity"));
        if (strcmp(code, "W407") == 0 || strcmp(code, "W408") == 0)
            cr_assert_eq(sev, 3, "hints are Information");
        else
            cr_assert(sev == (code[0] == 'E' ? 1 : 2), "%s severity %d", code, sev);
    }
    json_decref(p);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

Test(lsp, utf8_position_encoding)
{
    LspClient c;
    lsp_start(&c);
    json_t *reply;
    json_t *res = lsp_call(
        &c, "initialize",
        json_pack("{s:{s:{s:[s]}}}", "capabilities", "general", "positionEncodings", "utf-8"),
        &reply);
    cr_assert_str_eq(json_string_value(
                         json_object_get(json_object_get(res, "capabilities"), "positionEncoding")),
                     "utf-8");
    json_decref(reply);
    lsp_open(&c, URI, DOC_E301);
    json_t *p = lsp_diagnostics(&c, URI);
    /* é is 2 bytes, 😀 4: `w` is at byte 26 */
    expect_range(json_object_get(find_code(json_object_get(p, "diagnostics"), "E301"), "range"), 3,
                 26, 3, 27);
    json_decref(p);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);

    lsp_start(&c);
    res = lsp_call(&c, "initialize",
                   json_pack("{s:{s:{s:[s,s]}}}", "capabilities", "general", "positionEncodings",
                             "utf-32", "utf-16"),
                   &reply);
    cr_assert_str_eq(json_string_value(
                         json_object_get(json_object_get(res, "capabilities"), "positionEncoding")),
                     "utf-16", "utf-16 when the client offers it");
    json_decref(reply);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);

    lsp_start(&c);
    res = lsp_call(
        &c, "initialize",
        json_pack("{s:{s:{s:[s]}}}", "capabilities", "general", "positionEncodings", "utf-32"),
        &reply);
    json_decref(reply);
    lsp_open(&c, URI, DOC_E301);
    p = lsp_diagnostics(&c, URI);
    expect_range(json_object_get(find_code(json_object_get(p, "diagnostics"), "E301"), "range"), 3,
                 22, 3, 23);
    json_decref(p);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
}

/* Edits to a 1,000-component document: each version gets its own, right
 * diagnostics. (Speed is measured by `make bench`, not by a test.) */
Test(lsp, large_document_each_change_is_checked, .timeout = 60)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "pipeline big {\n");
    for (int i = 0; i < 500; i++)
        sb_printf(&b, "  s%d : kinesis_streams { shards = 2 }\n  f%d : lambda\n", i, i);
    for (int i = 0; i < 500; i++)
        sb_printf(&b, "  s%d -> f%d\n", i, i);
    sb_puts(&b, "}\n");
    LspClient *c = open_doc(b.data);
    json_t *p = lsp_diagnostics(c, URI);
    cr_assert_eq(json_array_size(json_object_get(p, "diagnostics")), 0);
    json_decref(p);
    for (int v = 2; v < 7; v++) {
        b.data[b.len - 4] = v % 2 ? '9' : '1'; /* s499 -> f491 leaves f499 alone */
        lsp_change(c, URI, v, b.data);
        p = lsp_diagnostics(c, URI);
        cr_assert_eq(json_integer_value(json_object_get(p, "version")), v);
        json_t *diags = json_object_get(p, "diagnostics");
        if (v % 2) {
            cr_assert_eq(json_array_size(diags), 0, "version %d", v);
        } else {
            cr_assert_eq(json_array_size(diags), 1, "version %d", v);
            cr_assert_not_null(find_code(diags, "W401"));
        }
        json_decref(p);
    }
    sb_free(&b);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* ---- hover ----------------------------------------------------------------- */

Test(lsp, hover)
{
    LspClient *c = open_doc(DOC_MAIN);
    json_decref(lsp_diagnostics(c, URI));
    json_t *r;
    /* a service id */
    const char *t = hover_text(c, 2, 15, &r);
    cr_assert(strstr(t, "Amazon Kinesis Data Streams"), "%s", t);
    cr_assert(strstr(t, "Durable, ordered stream"), "doc: %s", t);
    cr_assert(strstr(t, "Accepts data from") && strstr(t, "Feeds") && strstr(t, "via "), "%s", t);
    cr_assert(strstr(t, "AWS::Kinesis::Stream"), "CloudFormation: %s", t);
    expect_range(json_object_get(json_object_get(r, "result"), "range"), 2, 13, 2, 28);
    json_decref(r);
    /* a component in a flow */
    t = hover_text(c, 7, 13, &r);
    cr_assert(strstr(t, "**hose**") && strstr(t, "firehose"), "%s", t);
    cr_assert(strstr(t, "`transform` = `enrich`"), "%s", t);
    cr_assert(strstr(t, "`buffer_interval` = `300s` *(default)*") ||
                  strstr(t, "`buffer_interval` = `5m` *(default)*"),
              "defaults marked: %s", t);
    json_decref(r);
    /* its declaration, and a ref value */
    t = hover_text(c, 5, 3, &r);
    cr_assert(strstr(t, "**hose**"), "%s", t);
    json_decref(r);
    t = hover_text(c, 5, 36, &r);
    cr_assert(strstr(t, "**enrich**") && strstr(t, "lambda"), "%s", t);
    json_decref(r);
    /* a property */
    t = hover_text(c, 2, 33, &r);
    cr_assert(strstr(t, "**shards**") && strstr(t, "int(1..)"), "%s", t);
    cr_assert(strstr(t, "at least 1") && strstr(t, "Default: `1`"), "%s", t);
    json_decref(r);
    t = hover_text(c, 2, 44, &r);
    cr_assert(strstr(t, "`provisioned`") && strstr(t, "`on_demand`"), "%s", t);
    json_decref(r);
    t = hover_text(c, 5, 25, &r);
    cr_assert(strstr(t, "ref(lambda)"), "%s", t);
    json_decref(r);
    /* nothing under the cursor */
    json_t *res = lsp_call(c, "textDocument/hover", lsp_at(URI, 3, 0), &r);
    cr_assert(json_is_null(res));
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* ---- completion --------------------------------------------------------------- */

Test(lsp, completion_on_broken_text)
{
    LspClient *c = open_doc(DOC_BROKEN);
    json_t *p = lsp_diagnostics(c, URI);
    cr_assert_not_null(find_code(json_object_get(p, "diagnostics"), "E101"), "does not parse");
    json_decref(p);
    const char *detail = NULL;
    /* service ids after `x : ` */
    char *l = completion_labels(c, 5, 6, "kinesis_streams", &detail);
    cr_assert(strstr(l, ",kinesis_streams,") && strstr(l, ",s3,"), "%s", l);
    cr_assert_str_eq(detail, "Amazon Kinesis Data Streams");
    free(l);
    /* component names in a flow */
    l = completion_labels(c, 6, 12, NULL, NULL);
    cr_assert(strstr(l, ",events,") && strstr(l, ",enrich,") && strstr(l, ",hose,"), "%s", l);
    cr_assert_null(strstr(l, ",kinesis_streams,"), "%s", l);
    free(l);
    /* property names in a block */
    l = completion_labels(c, 4, 11, "visibility_timeout", &detail);
    cr_assert(strstr(l, ",fifo,") && strstr(l, ",visibility_timeout,"), "%s", l);
    cr_assert(strstr(detail, "duration"), "%s", detail);
    free(l);
    /* enum values after `mode = ` */
    l = completion_labels(c, 1, 47, NULL, NULL);
    cr_assert_str_eq(l, ",provisioned,on_demand,");
    free(l);
    /* a ref takes components of the right service */
    l = completion_labels(c, 3, 31, NULL, NULL);
    cr_assert_str_eq(l, ",enrich,");
    free(l);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

Test(lsp, completion_uses_the_last_good_model)
{
    LspClient *c = open_doc(DOC_MAIN);
    json_decref(lsp_diagnostics(c, URI));
    /* the group's component stays known while the document is broken */
    lsp_change(c, URI, 2, "pipeline shop {\n  x -> \n  y : \n");
    json_decref(lsp_diagnostics(c, URI));
    char *l = completion_labels(c, 1, 7, NULL, NULL);
    cr_assert(strstr(l, ",events,") && strstr(l, ",lake,"), "%s", l);
    free(l);
    l = completion_labels(c, 2, 6, NULL, NULL);
    cr_assert(strstr(l, ",firehose,"), "%s", l);
    free(l);
    /* inside a string or a comment: nothing */
    lsp_change(c, URI, 3, "pipeline shop {\n  a : s3 \"x : \" # y : \n}\n");
    l = completion_labels(c, 1, 13, NULL, NULL);
    cr_assert_str_eq(l, ",");
    free(l);
    l = completion_labels(c, 1, 20, NULL, NULL);
    cr_assert_str_eq(l, ",");
    free(l);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* Every runtime is offered; the retired ones are tagged deprecated (editors
 * strike them through), the default says so. */
Test(lsp, completion_of_retired_values)
{
    LspClient *c = open_doc(DOC_MAIN);
    json_decref(lsp_diagnostics(c, URI));
    lsp_change(c, URI, 2, "pipeline p {\n  f : lambda { runtime =  }\n}\n");
    json_t *reply;
    json_t *res = lsp_call(c, "textDocument/completion", lsp_at(URI, 1, 24), &reply);
    json_t *items = json_is_array(res) ? res : json_object_get(res, "items");
    cr_assert(json_is_array(items));
    int deprecated = 0, seen = 0;
    size_t i;
    json_t *it;
    json_array_foreach (items, i, it) {
        const char *label = json_string_value(json_object_get(it, "label"));
        const char *detail = json_string_value(json_object_get(it, "detail"));
        json_t *tags = json_object_get(it, "tags");
        bool tagged = json_is_array(tags) && json_integer_value(json_array_get(tags, 0)) == 1;
        bool retired = strcmp(label, "nodejs20.x") == 0 || strcmp(label, "python3.11") == 0 ||
                       strcmp(label, "java17") == 0 || strcmp(label, "dotnet8") == 0;
        cr_expect_eq(tagged, retired, "%s", label);
        deprecated += tagged;
        seen += strcmp(label, "nodejs24.x") == 0;
        if (strcmp(label, "python3.13") == 0)
            cr_expect_str_eq(detail, "default");
        if (retired)
            cr_expect_str_eq(detail, "deprecated");
    }
    cr_expect_eq(deprecated, 4);
    cr_expect_eq(seen, 1);
    json_decref(reply);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

Test(lsp, completion_bool_and_user_services)
{
    LspClient *c = open_doc(DOC_USER_SERVICE);
    json_t *p = lsp_diagnostics(c, URI);
    cr_assert_eq(json_array_size(json_object_get(p, "diagnostics")), 0, "%s", json_dumps(p, 0));
    json_decref(p);
    lsp_change(c, URI, 2,
               "service kafka \"Apache Kafka\" {\n  category = external\n}\n"
               "pipeline p {\n  k : \n  l : s3 { versioning =  }\n}\n");
    const char *detail = NULL;
    char *l = completion_labels(c, 4, 6, "kafka", &detail);
    cr_assert(strstr(l, ",kafka,"), "%s", l);
    cr_assert_str_eq(detail, "Apache Kafka");
    free(l);
    l = completion_labels(c, 5, 24, NULL, NULL);
    cr_assert_str_eq(l, ",true,false,");
    free(l);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* ---- definition ---------------------------------------------------------------- */

static json_t *definition(LspClient *c, int line, int ch, json_t **reply)
{
    return lsp_call(c, "textDocument/definition", lsp_at(URI, line, ch), reply);
}

Test(lsp, definition)
{
    LspClient *c = open_doc(DOC_MAIN);
    json_decref(lsp_diagnostics(c, URI));
    json_t *r;
    /* a flow use -> the declaration */
    json_t *loc = definition(c, 7, 13, &r);
    cr_assert_str_eq(json_string_value(json_object_get(loc, "uri")), URI);
    expect_range(json_object_get(loc, "range"), 5, 2, 5, 6);
    json_decref(r);
    /* into a group */
    loc = definition(c, 8, 4, &r);
    expect_range(json_object_get(loc, "range"), 2, 4, 2, 10);
    json_decref(r);
    /* a ref value */
    loc = definition(c, 5, 36, &r);
    expect_range(json_object_get(loc, "range"), 4, 2, 4, 8);
    json_decref(r);
    /* a built-in service: nowhere to go */
    loc = definition(c, 2, 15, &r);
    cr_assert(json_is_null(loc));
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

Test(lsp, definition_of_a_user_service)
{
    LspClient *c = open_doc(DOC_USER_SERVICE);
    json_decref(lsp_diagnostics(c, URI));
    json_t *r;
    json_t *loc = definition(c, 6, 7, &r); /* k : kafka */
    expect_range(json_object_get(loc, "range"), 0, 8, 0, 13);
    json_decref(r);
    loc = definition(c, 4, 6, &r); /* link kafka -> ... */
    expect_range(json_object_get(loc, "range"), 0, 8, 0, 13);
    json_decref(r);
    const char *t = hover_text(c, 6, 7, &r);
    cr_assert(strstr(t, "Apache Kafka"), "%s", t);
    json_decref(r);
    t = hover_text(c, 2, 3, &r); /* brokers : int(1..100) = 3 */
    cr_assert(strstr(t, "int(1..100)") && strstr(t, "from 1 to 100"), "%s", t);
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* ---- document symbols ---------------------------------------------------------- */

static json_t *child(json_t *sym, size_t i, const char *name, int kind)
{
    json_t *kids = sym ? json_object_get(sym, "children") : NULL;
    json_t *k = kids ? json_array_get(kids, i) : NULL;
    cr_assert_not_null(k, "no symbol %s", name);
    cr_assert_str_eq(json_string_value(json_object_get(k, "name")), name);
    cr_assert_eq(json_integer_value(json_object_get(k, "kind")), kind, "%s kind", name);
    return k;
}

Test(lsp, document_symbols)
{
    LspClient *c = open_doc(DOC_MAIN);
    json_decref(lsp_diagnostics(c, URI));
    json_t *r;
    json_t *res = lsp_call(c, "textDocument/documentSymbol",
                           json_pack("{s:{s:s}}", "textDocument", "uri", URI), &r);
    cr_assert_eq(json_array_size(res), 1);
    json_t *pipe = json_array_get(res, 0);
    cr_assert_str_eq(json_string_value(json_object_get(pipe, "name")), "shop");
    cr_assert_eq(json_integer_value(json_object_get(pipe, "kind")), 2);
    expect_range(json_object_get(pipe, "range"), 0, 0, 9, 1);
    cr_assert_eq(json_array_size(json_object_get(pipe, "children")), 4);
    json_t *g = child(pipe, 0, "ingest", 3);
    json_t *ev = child(g, 0, "events", 19);
    cr_assert_str_eq(json_string_value(json_object_get(ev, "detail")), "kinesis_streams");
    expect_range(json_object_get(ev, "selectionRange"), 2, 4, 2, 10);
    child(pipe, 1, "enrich", 19);
    child(pipe, 2, "hose", 19);
    child(pipe, 3, "lake", 19);
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* ---- formatting -------------------------------------------------------------- */

static json_t *formatting(LspClient *c, json_t **reply)
{
    return lsp_call(c, "textDocument/formatting",
                    json_pack("{s:{s:s}, s:{s:i, s:b}}", "textDocument", "uri", URI, "options",
                              "tabSize", 2, "insertSpaces", 1),
                    reply);
}

Test(lsp, formatting_broken_document_has_no_edits)
{
    LspClient *c = open_doc(DOC_BROKEN);
    json_t *r;
    json_t *edits = formatting(c, &r);
    cr_assert(json_is_array(edits) && json_array_size(edits) == 0);
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* Needs the formatter (compiler/fmt.c): one edit replacing the document. */
Test(lsp, formatting_replaces_the_document)
{
    const char *messy = "pipeline t {\n  a   :  s3\n  b : lambda   # fn\n  a->b\n}\n";
    Arena *a = arena_new();
    DiagList dl;
    diag_init(&dl, a);
    StrBuf want;
    sb_init(&want);
    cr_assert_eq(fmt_text(a, &dl, "t.pipe", messy, strlen(messy), &want), 0);
    LspClient *c = open_doc(messy);
    json_t *r;
    json_t *edits = formatting(c, &r);
    cr_assert_eq(json_array_size(edits), 1);
    json_t *e = json_array_get(edits, 0);
    expect_range(json_object_get(e, "range"), 0, 0, 5, 0);
    cr_assert_str_eq(json_string_value(json_object_get(e, "newText")), want.data);
    json_decref(r);
    /* formatted already: no edits */
    lsp_change(c, URI, 2, want.data);
    edits = formatting(c, &r);
    cr_assert_eq(json_array_size(edits), 0);
    json_decref(r);
    sb_free(&want);
    arena_free(a);
    cr_assert_eq(lsp_shutdown_exit(c), 0);
}

/* ---- imports ---------------------------------------------------------------- */

Test(lsp, imported_files)
{
    char dir[] = "/tmp/pipec-lsp-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *lib, *uri, *lib_uri;
    cr_assert(asprintf(&lib, "%s/lib.pipe", dir) > 0 &&
              asprintf(&uri, "file://%s/main%%20x.pipe", dir) > 0 &&
              asprintf(&lib_uri, "file://%s", lib) > 0);
    FILE *f = fopen(lib, "w");
    fputs("service kafka \"Kafka\" {\n  category = external\n  bogus : nosuchtype\n}\n"
          "link kafka -> [kinesis_streams] via \"Connect\"\n",
          f);
    fclose(f);
    LspClient c;
    lsp_start(&c);
    lsp_initialize(&c);
    lsp_notify(&c, "textDocument/didOpen",
               json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri, "languageId",
                         "pipe", "version", 1, "text",
                         "import \"lib.pipe\"\npipeline p {\n  k : kafka\n  s : kinesis_streams\n"
                         "  f : lambda\n  k -> s -> f\n}\n"));
    json_t *p = lsp_diagnostics(&c, uri);
    json_t *d = find_code(json_object_get(p, "diagnostics"), "E205");
    cr_assert_not_null(d, "the imported file's error, %s", json_dumps(p, 0));
    expect_range(json_object_get(d, "range"), 0, 0, 0, 17); /* at the import */
    json_t *loc =
        json_object_get(json_array_get(json_object_get(d, "relatedInformation"), 0), "location");
    cr_assert_str_eq(json_string_value(json_object_get(loc, "uri")), lib_uri);
    expect_range(json_object_get(loc, "range"), 2, 10, 2, 20);
    json_decref(p);
    json_t *r;
    loc = lsp_call(&c, "textDocument/definition", lsp_at(uri, 2, 7), &r);
    cr_assert_str_eq(json_string_value(json_object_get(loc, "uri")), lib_uri);
    expect_range(json_object_get(loc, "range"), 0, 8, 0, 13);
    json_decref(r);
    cr_assert_eq(lsp_shutdown_exit(&c), 0);
    unlink(lib);
    rmdir(dir);
    free(lib);
    free(uri);
    free(lib_uri);
}
