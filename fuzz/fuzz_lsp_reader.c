/* The language server: lsp_serve (framing, JSON-RPC dispatch, documents,
 * features) reading a memory file and answering into /dev/null. How the
 * input becomes the stream (raw, or NUL-separated bodies framed here) is in
 * lsp_stream.h. */
#include "fuzz.h"

#include <fcntl.h>

#include "lsp.h"
#include "lsp_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int null_fd = -1;
    if (null_fd < 0 && (null_fd = open("/dev/null", O_WRONLY)) < 0)
        abort();
    int fd = lsp_stream_fd(data, size);
    if (fd < 0)
        abort();
    LoadOptions load = {0};
    lsp_serve(&load, fd, null_fd);
    close(fd);
    return 0;
}
