#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N
 * names, or -1. Written to directly, as `-` is: reopening the file behind it
 * would start at offset 0 (`>>` lost), replacing it would swap the file
 * under the shell's redirection, and the link behind a pipe names no file. */
static int fd_path(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return 1;
    if (strcmp(path, "/dev/stderr") == 0)
        return 2;
    const char *n = strncmp(path, "/dev/fd/", 8) == 0         ? path + 8
                    : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                               : NULL;
    if (!n || !*n || strspn(n, "0123456789") != strlen(n) || strlen(n) > 6)
        return -1;
    return atoi(n);
}

/* The file that path names once symbolic links are followed, so that the
 * rename replaces the file a link points to and never the link itself; a
 * dangling link names the file it would create. A link to anything but a
 * regular file is kept (written through by write_file). malloc'd, or NULL
 * with errno set (ELOOP after 40 links). */
static char *resolve_links(const char *path)
{
    char *p = strdup(path);
    for (int hops = 0; p; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        if (stat(p, &st) == 0 && !S_ISREG(st.st_mode))
            return p;
        char target[PATH_MAX];
        ssize_t n = hops < 40 ? readlink(p, target, sizeof target - 1) : -1;
        if (n < 0) {
            int e = hops < 40 ? errno : ELOOP;
            free(p);
            errno = e;
            return NULL;
        }
        target[n] = '\0';
        const char *slash = strrchr(p, '/');
        char *next = NULL;
        if (target[0] == '/' || !slash) {
            next = strdup(target);
        } else {
            size_t dirlen = (size_t)(slash - p) + 1;
            next = malloc(dirlen + (size_t)n + 1);
            if (next) {
                memcpy(next, p, dirlen);
                memcpy(next + dirlen, target, (size_t)n + 1);
            }
        }
        free(p);
        p = next;
    }
    errno = ENOMEM;
    return NULL;
}

/* Makes a rename in the folder of path durable (best effort). */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

static int write_file(const char *path, const char *data, size_t len, const char **err);

int output_write_atomic(const char *path, const char *data, size_t len, const char **err)
{
    if (!path || strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            *err = strerror(errno);
            return -1;
        }
        return 0;
    }
    int fd = fd_path(path);
    if (fd >= 0) {
        if (write_all(fd, data, len) != 0) {
            *err = strerror(errno);
            return -1;
        }
        return 0;
    }
    char *real = resolve_links(path);
    if (!real) {
        *err = strerror(errno);
        return -1;
    }
    int rc = write_file(real, data, len, err);
    free(real);
    return rc;
}

/* path is no symbolic link (see resolve_links). */
static int write_file(const char *path, const char *data, size_t len, const char **err)
{
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
    /* The new file takes the old one's owner (when we may give it: root
     * formatting someone's file) before its mode, as chown clears set-id
     * bits. */
    if (rc == 0 && exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
        (void)!fchown(fd, st.st_uid, st.st_gid); /* EPERM: it becomes the writer's */
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
    } else {
        sync_dir(path);
    }
    free(tmp);
    return rc;
}
