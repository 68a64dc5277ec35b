/* Bump allocator: one per compilation, freed all at once. */
#ifndef PIPE_ARENA_H
#define PIPE_ARENA_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);
/* An arena that allocates from [mem, mem + size) only (aborting when it is
 * full) and leaves mem to its owner: for a snapshot of its contents. */
Arena *arena_new_in(void *mem, size_t size);
/* Of such an arena: the bytes from mem up to the end of the last allocation. */
size_t arena_in_used(const Arena *a);
void arena_free(Arena *a);
/* Zeroed memory aligned for any type of this program (8 bytes); aborts on
 * out-of-memory (nothing sensible to recover). */
void *arena_alloc(Arena *a, size_t size);
/* A block of 2^k bytes (k >= 3), not zeroed: one given back with
 * arena_release if there is one, else new. For growing arrays and tables, so
 * that the buffers they outgrow are reused instead of wasted. */
void *arena_alloc_block(Arena *a, size_t size);
void arena_release(Arena *a, void *block, size_t size);
/* n bytes for text: not zeroed, not aligned. */
char *arena_alloc_text(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);
size_t arena_bytes(const Arena *a);

/* Growable array of pointers living in an arena (outgrown buffers are
 * recycled through arena_release). */
typedef struct PtrVec {
    void **items;
    int n, cap;
} PtrVec;
void vec_push(Arena *a, PtrVec *v, void *item);
/* Room for n items in all, made now: a list whose length is known does not
 * grow through every power of two (each leaving its old buffer behind). */
void vec_reserve(Arena *a, PtrVec *v, int n);
/* Whether a list of strings holds s (a scan: for the short lists of names
 * in the catalog and the loader). */
bool vec_has_str(const PtrVec *v, const char *s);

#endif
