/* LSP framing on file descriptors: `Content-Length: N\r\n\r\n` + body.
 * Other headers are ignored; a bad header block or an oversized body is
 * skipped (input is dropped up to the next `Content-Length:`), never fatal. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp.h"
#include "strbuf.h"

static const char CL_NAME[] = "content-length";

void lsp_reader_init(LspReader *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
}

void lsp_reader_free(LspReader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Makes room for `need` more bytes after end. */
static void reserve(LspReader *r, size_t need)
{
    if (r->start > 0 && (r->start == r->end || r->cap - r->end < need)) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end >= need)
        return;
    size_t cap = r->cap ? r->cap : 65536;
    while (cap - r->end < need)
        cap *= 2;
    char *p = realloc(r->buf, cap);
    if (!p) {
        fputs("pipec lsp: out of memory\n", stderr);
        exit(2);
    }
    r->buf = p;
    r->cap = cap;
}

/* Reads more input; returns false at end of input. */
static bool fill(LspReader *r, size_t want)
{
    if (r->eof)
        return false;
    reserve(r, want < 65536 ? 65536 : want);
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            r->eof = true;
            return false;
        }
        r->end += (size_t)n;
        return true;
    }
}

bool lsp_reader_pending(const LspReader *r)
{
    if (r->end > r->start || r->eof)
        return true;
    struct pollfd p = {.fd = r->fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

static bool is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* Parses a Content-Length value: digits with optional blanks around. */
static bool parse_length(const char *v, size_t n, size_t *out)
{
    size_t i = 0, val = 0;
    int digits = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t'))
        i++;
    for (; i < n && v[i] >= '0' && v[i] <= '9'; i++) {
        if (++digits > 15)
            return false;
        val = val * 10 + (size_t)(v[i] - '0');
    }
    while (i < n && (v[i] == ' ' || v[i] == '\t'))
        i++;
    if (digits == 0 || i != n)
        return false;
    *out = val;
    return true;
}

typedef enum { HDR_OK, HDR_BAD, HDR_EOF } HeaderStatus;

/* Parses one header block at r->start. On HDR_OK, r->start is at the body.
 * On HDR_BAD, r->start is unchanged and *resume is how far to skip: past the
 * block when its lines were well formed (a bad or missing length), one byte
 * when a line is not a header at all (perhaps the rest of a body whose length
 * was understated, with the next message's header in it). */
static HeaderStatus read_headers(LspReader *r, size_t *length, const char **why, size_t *resume)
{
    *resume = 1;
    size_t pos = r->start; /* offset of the line being read, relative to buf */
    bool have_len = false, any = false, bad_len = false;
    for (;;) {
        if (pos - r->start > LSP_MAX_HEADER_BLOCK) {
            /* held in memory until its blank line: bounded like a line */
            *why = "header block too long";
            *resume = pos - r->start;
            return HDR_BAD;
        }
        char *nl = r->end > pos ? memchr(r->buf + pos, '\n', r->end - pos) : NULL;
        if (!nl) {
            if (r->end - pos > LSP_MAX_HEADER_LINE) {
                *why = "header line too long";
                return HDR_BAD;
            }
            size_t off = pos - r->start;
            if (!fill(r, 0))
                return HDR_EOF;
            pos = r->start + off; /* fill may move the buffer */
            continue;
        }
        const char *line = r->buf + pos;
        size_t n = (size_t)(nl - line);
        pos += n + 1;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0) {
            if (!any) { /* stray blank line between messages */
                r->start = pos;
                continue;
            }
            if (bad_len) {
                *why = "bad Content-Length";
                *resume = pos - r->start;
                return HDR_BAD;
            }
            if (!have_len) {
                *why = "no Content-Length header";
                *resume = pos - r->start;
                return HDR_BAD;
            }
            r->start = pos;
            return HDR_OK;
        }
        any = true;
        const char *colon = memchr(line, ':', n);
        if (!colon || colon == line) {
            *why = "malformed header";
            return HDR_BAD;
        }
        size_t name_len = (size_t)(colon - line);
        for (size_t i = 0; i < name_len; i++)
            if (!is_tchar((unsigned char)line[i])) {
                *why = "malformed header";
                return HDR_BAD;
            }
        if (name_len == sizeof CL_NAME - 1 && strncasecmp(line, CL_NAME, name_len) == 0) {
            size_t v = 0;
            if (!parse_length(colon + 1, n - name_len - 1, &v) || (have_len && v != *length))
                bad_len = true;
            *length = v;
            have_len = true;
        }
    }
}

/* Drops input up to the next `Content-Length:` (case-insensitive). */
static bool resync(LspReader *r)
{
    const size_t k = sizeof CL_NAME - 1;
    for (;;) {
        for (size_t i = r->start; i + k + 1 <= r->end; i++)
            if (strncasecmp(r->buf + i, CL_NAME, k) == 0 && r->buf[i + k] == ':') {
                r->start = i;
                r->resync = false;
                return true;
            }
        if (r->end - r->start > k)
            r->start = r->end - k;
        if (!fill(r, 0))
            return false;
    }
}

bool lsp_read(LspReader *r, char **body, size_t *len)
{
    for (;;) {
        if (r->resync && !resync(r))
            return false;
        size_t length = 0, resume = 1;
        const char *why = NULL;
        HeaderStatus st = read_headers(r, &length, &why, &resume);
        if (st == HDR_EOF)
            return false;
        if (st == HDR_BAD) {
            fprintf(stderr, "pipec lsp: %s; skipping to the next message\n", why);
            r->start += resume <= r->end - r->start ? resume : r->end - r->start;
            r->resync = true;
            continue;
        }
        if (length > LSP_MAX_BODY) {
            /* Not read into memory: scan past it for the next header. */
            fprintf(stderr, "pipec lsp: message of %zu bytes is over the limit; skipped\n", length);
            r->resync = true;
            continue;
        }
        while (r->end - r->start < length)
            if (!fill(r, length - (r->end - r->start)))
                return false;
        char *b = malloc(length + 1);
        if (!b) {
            fputs("pipec lsp: out of memory\n", stderr);
            exit(2);
        }
        memcpy(b, r->buf + r->start, length);
        b[length] = '\0';
        r->start += length;
        if (r->start == r->end && r->cap > ((size_t)1 << 22)) { /* after a big document */
            free(r->buf);
            r->buf = NULL;
            r->cap = r->start = r->end = 0;
        }
        *body = b;
        *len = length;
        return true;
    }
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int lsp_write(int fd, json_t *msg)
{
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body)
        return -1;
    size_t n = strlen(body);
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    int rc = write_all(fd, head, (size_t)h) == 0 && write_all(fd, body, n) == 0 ? 0 : -1;
    free(body);
    return rc;
}

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_valid(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t k;
    uint32_t cp;
    if (c < 0x80)
        return c ? 1 : 0;
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        cp = c & 0x07;
    } else
        return 0;
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

json_t *lsp_jstrn(const char *s, size_t n)
{
    if (!s)
        return json_null();
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    StrBuf b;
    sb_init(&b);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = u[i] == 0 ? 1 : utf8_valid(u + i, n - i);
        if (u[i] == 0) {
            sb_putc(&b, ' ');
        } else if (k == 0) {
            sb_puts(&b, "\xEF\xBF\xBD");
            k = 1;
        } else {
            sb_putn(&b, s + i, k);
        }
        i += k;
    }
    j = json_stringn(b.data ? b.data : "", b.len);
    sb_free(&b);
    return j ? j : json_string("");
}

json_t *lsp_jstr(const char *s)
{
    return s ? lsp_jstrn(s, strlen(s)) : json_null();
}
