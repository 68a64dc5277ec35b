#define _POSIX_C_SOURCE 200809L
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void build_line_map(Arena *a, Source *s)
{
    const char *text = s->text, *end = text + s->len;
    int n = 1;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    s->line_starts = arena_alloc(a, (size_t)n * sizeof *s->line_starts);
    s->line_starts[0] = 0;
    int k = 1;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        s->line_starts[k++] = (uint32_t)(p - text) + 1;
    s->nlines = n;
}

/* A source over buf[0, len) (already followed by two NULs), BOM removed. */
static Source *make_source(Arena *a, const char *name, char *buf, size_t len)
{
    Source *s = arena_alloc(a, sizeof *s);
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    if (len > SOURCE_MAX_BYTES) {
        len = SOURCE_MAX_BYTES;
        buf[len] = buf[len + 1] = '\0';
    }
    s->name = arena_strdup(a, name);
    s->text = buf;
    s->len = (uint32_t)len;
    build_line_map(a, s);
    return s;
}

/* len bytes in the arena, then two NULs. */
static char *text_buffer(Arena *a, size_t len)
{
    char *buf = arena_alloc_text(a, len + 2);
    buf[len] = buf[len + 1] = '\0';
    return buf;
}

Source *source_from_memory(Arena *a, const char *name, const char *text, size_t len)
{
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len - skip > SOURCE_MAX_BYTES)
        len = SOURCE_MAX_BYTES + skip;
    /* the BOM is copied too: make_source removes it (one, as for files) */
    char *buf = text_buffer(a, len);
    memcpy(buf, text, len);
    return make_source(a, name, buf, len);
}

/* Reads a regular file of the size fstat gave straight into the arena (one
 * copy of the text in memory). Returns NULL if the file changed size while
 * being read (the caller reads it the slow way) or with errno set. */
static char *read_sized(Arena *a, int fd, size_t size, size_t *len, int *changed)
{
    char *buf = text_buffer(a, size);
    size_t n = 0;
    while (n < size) {
        ssize_t r = read(fd, buf + n, size - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    char extra;
    ssize_t r;
    while ((r = read(fd, &extra, 1)) < 0 && errno == EINTR)
        ;
    if (n < size || r != 0) {
        *changed = 1;
        return NULL;
    }
    *len = n;
    return buf;
}

/* Reads all of fd; returns malloc'd bytes or NULL with errno set. */
static char *read_all(int fd, size_t *len, int *too_large)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == cap) {
            if (cap > SOURCE_MAX_BYTES + 3u) {
                *too_large = 1;
                break;
            }
            cap *= 2;
            char *p = realloc(buf, cap);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *len = n;
    if (n > SOURCE_MAX_BYTES + 3u)
        *too_large = 1;
    return buf;
}

SourceStatus source_load(Arena *a, const char *path, const char *display,
                         Source **out, const char **err)
{
    int fd = 0;
    int is_stdin = strcmp(path, "-") == 0;
    struct stat st;
    *out = NULL;
    if (!is_stdin) {
        if (stat(path, &st) != 0) {
            *err = strerror(errno);
            return SOURCE_IO_ERROR;
        }
        if (S_ISDIR(st.st_mode)) {
            *err = "is a directory";
            return SOURCE_IO_ERROR;
        }
        if (!S_ISREG(st.st_mode)) {
            *err = "not a regular file";
            return SOURCE_IO_ERROR;
        }
        if ((uint64_t)st.st_size > SOURCE_MAX_BYTES + 3u) {
            *err = "file is larger than 64 MiB";
            return SOURCE_TOO_LARGE;
        }
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            *err = strerror(errno);
            return SOURCE_IO_ERROR;
        }
    }
    size_t len = 0;
    int too_large = 0, changed = 0;
    if (!is_stdin) {
        char *text = read_sized(a, fd, (size_t)st.st_size, &len, &changed);
        if (text) {
            close(fd);
            Source *s = make_source(a, display ? display : path, text, len);
            s->path = arena_strdup(a, path);
            *out = s;
            return SOURCE_OK;
        }
        if (!changed) {
            int e = errno;
            close(fd);
            *err = strerror(e);
            return SOURCE_IO_ERROR;
        }
        if (lseek(fd, 0, SEEK_SET) != 0) {
            int e = errno;
            close(fd);
            *err = strerror(e);
            return SOURCE_IO_ERROR;
        }
    }
    char *buf = read_all(fd, &len, &too_large);
    int e = errno;
    if (!is_stdin)
        close(fd);
    if (!buf) {
        *err = strerror(e);
        return SOURCE_IO_ERROR;
    }
    if (too_large) {
        free(buf);
        *err = "file is larger than 64 MiB";
        return SOURCE_TOO_LARGE;
    }
    Source *s = source_from_memory(a, display ? display : path, buf, len);
    free(buf);
    s->path = is_stdin ? NULL : arena_strdup(a, path);
    *out = s;
    return SOURCE_OK;
}

static int line_of(const Source *s, uint32_t offset)
{
    int lo = 0, hi = s->nlines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (s->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

Pos source_pos(const Source *s, uint32_t offset)
{
    if (offset > s->len)
        offset = s->len;
    int line = line_of(s, offset);
    int col = 1;
    for (uint32_t i = s->line_starts[line]; i < offset; i++)
        if (((unsigned char)s->text[i] & 0xC0) != 0x80)
            col++;
    return (Pos){line + 1, col};
}

/* Length in bytes of the UTF-8 sequence led by c (1 for invalid bytes). */
static int seq_len(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0)
        return c < 0xF0 ? 3 : 1;
    if (c >= 0xC0)
        return 2;
    return 1;
}

int source_utf16_col(const Source *s, uint32_t offset)
{
    if (offset > s->len)
        offset = s->len;
    int line = line_of(s, offset);
    int col = 0;
    uint32_t i = s->line_starts[line];
    while (i < offset) {
        int n = seq_len((unsigned char)s->text[i]);
        col += n == 4 ? 2 : 1;
        i += (uint32_t)n;
    }
    return col;
}

uint32_t source_offset(const Source *s, int line0, int col0, int utf16)
{
    if (line0 < 0)
        return 0;
    if (line0 >= s->nlines)
        return s->len;
    uint32_t i = s->line_starts[line0];
    int col = 0;
    while (i < s->len && s->text[i] != '\n' && col < col0) {
        int n = seq_len((unsigned char)s->text[i]);
        col += (utf16 && n == 4) ? 2 : 1;
        i += (uint32_t)n;
    }
    if (i > s->len)
        i = s->len;
    return i;
}

const char *source_line(const Source *s, int line, size_t *len)
{
    if (line < 1 || line > s->nlines) {
        *len = 0;
        return "";
    }
    uint32_t start = s->line_starts[line - 1];
    uint32_t end = start;
    while (end < s->len && s->text[end] != '\n')
        end++;
    if (end > start && s->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return s->text + start;
}
