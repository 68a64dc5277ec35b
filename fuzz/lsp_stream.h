/* The language server target's input, as a stream for lsp_serve: shared by
 * fuzz/fuzz_lsp_reader.c and tests/test_regress.c (which replays findings).
 * The first byte picks how the rest is read:
 *   even: the rest is the raw input stream (framing and resynchronisation);
 *   odd:  the rest is JSON bodies separated by NUL bytes, each framed here
 *         with a correct Content-Length (the dispatcher and the features).
 * Returns a memory file positioned at its start (close it), or -1. */
#ifndef PIPE_FUZZ_LSP_STREAM_H
#define PIPE_FUZZ_LSP_STREAM_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static inline int lsp_stream_put(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

static inline int lsp_stream_fd(const uint8_t *data, size_t size)
{
    int fd = memfd_create("lsp-input", 0);
    if (fd < 0)
        return -1;
    const char *p = (const char *)data + (size ? 1 : 0), *end = (const char *)data + size;
    int rc = 0;
    if (size && (data[0] & 1)) {
        while (p < end && rc == 0) {
            const char *nul = memchr(p, '\0', (size_t)(end - p));
            size_t n = (size_t)((nul ? nul : end) - p);
            char head[64];
            int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
            rc = lsp_stream_put(fd, head, (size_t)h) | lsp_stream_put(fd, p, n);
            p += n + (nul ? 1 : 0);
        }
    } else {
        rc = lsp_stream_put(fd, p, (size_t)(end - p));
    }
    if (rc != 0 || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

#endif
