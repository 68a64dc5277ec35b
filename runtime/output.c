#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* "dir/.name.XXXXXX" beside the target, so rename stays on one filesystem. */
static char *temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = dirlen + strlen(base) + 16;
    char *t = malloc(n);
    if (!t)
        return NULL;
    snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    return t;
}

int output_write_atomic(const char *path, const char *data, size_t len, const char **err)
{
    if (!path || strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            *err = strerror(errno);
            return -1;
        }
        return 0;
    }
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0666 & ~mask;
    int exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        *err = "is a directory";
        return -1;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* /dev/stdout, /dev/full, a FIFO: write straight through. */
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write_all(fd, data, len) != 0) {
            *err = strerror(errno);
            if (fd >= 0)
                close(fd);
            return -1;
        }
        if (close(fd) != 0) {
            *err = strerror(errno);
            return -1;
        }
        return 0;
    }
    if (exists)
        mode = st.st_mode & 07777;
    char *tmp = temp_template(path);
    if (!tmp) {
        *err = "out of memory";
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *err = strerror(errno);
        free(tmp);
        return -1;
    }
    int rc = write_all(fd, data, len);
    if (rc == 0)
        rc = fchmod(fd, mode);
    if (rc == 0)
        rc = fsync(fd);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        *err = strerror(e);
    }
    free(tmp);
    return rc;
}
