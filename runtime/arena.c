#define _DEFAULT_SOURCE
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct Chunk {
    struct Chunk *next;
    size_t used, size;
    size_t mapped; /* bytes mapped from the system for it (chunk_map); 0: malloc'd */
    max_align_t data[];
} Chunk;

enum { FREE_CLASSES = 48 };

/* Pages of a chunk to fault in ahead of the compiler (see prefault_start). */
typedef struct Prefault {
    char *from;
    size_t len;
    pthread_t thread;
    bool running;
} Prefault;

struct Arena {
    Chunk *head;
    size_t total;
    bool fixed; /* arena_new_in: one region, never a new chunk */
    void *free_blocks[FREE_CLASSES]; /* released 2^k-byte blocks, by k */
    Prefault prefault;
};

enum { CHUNK_MIN = 64 * 1024 };

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("pipec: out of memory\n", stderr);
        abort();
    }
    return p;
}

Arena *arena_new(void)
{
    Arena *a = xmalloc(sizeof *a);
    memset(a, 0, sizeof *a);
    return a;
}

Arena *arena_new_in(void *mem, size_t size)
{
    Arena *a = arena_new();
    Chunk *c = mem;
    c->next = NULL;
    c->used = 0;
    c->size = size - sizeof *c;
    c->mapped = 0;
    a->head = c;
    a->fixed = true;
    return a;
}

size_t arena_in_used(const Arena *a)
{
    return offsetof(Chunk, data) + a->head->used;
}

/* ---- prefaulting --------------------------------------------------------------
 * On a large file a good part of a check went to the kernel handing out fresh
 * memory: zeroing each page as it is first touched (a quarter to a third of
 * the time in perf, and the part that varies most from run to run on a
 * virtual machine). So a large arena's new head chunk is faulted in by a
 * helper thread, on the otherwise idle second core, while the compiler fills
 * its first 2 MiB. MADV_POPULATE_WRITE faults pages in without changing what
 * they hold, so the two never race on contents; the helper is joined before
 * any chunk is unmapped. Small arenas (every file of a usual size) never
 * start one. */

static void *prefault_run(void *arg)
{
    const Prefault *p = arg;
#ifdef MADV_POPULATE_WRITE
    madvise(p->from, p->len, MADV_POPULATE_WRITE); /* an old kernel: EINVAL, no harm */
#else
    (void)p;
#endif
    return NULL;
}

static void prefault_wait(Arena *a)
{
    if (a->prefault.running) {
        pthread_join(a->prefault.thread, NULL);
        a->prefault.running = false;
    }
}

static void prefault_start(Arena *a, char *from, size_t len)
{
    prefault_wait(a);
    a->prefault.from = from;
    a->prefault.len = len;
    a->prefault.running = pthread_create(&a->prefault.thread, NULL, prefault_run, &a->prefault) == 0;
}

static void chunk_free(Chunk *c)
{
    if (c->mapped)
        munmap(c, c->mapped);
    else
        free(c);
}

void arena_free(Arena *a)
{
    if (!a)
        return;
    prefault_wait(a);
    for (Chunk *c = a->fixed ? NULL : a->head, *next; c; c = next) {
        next = c->next;
        chunk_free(c);
    }
    free(a);
}

/* Past BIG_ARENA bytes (a large file), and for any block of 2 MiB or more
 * (a large table), chunks are mapped from the system in whole 2 MiB pages,
 * aligned and advised so that the kernel backs them with huge pages: far
 * fewer page faults, and no TLB miss per probe of a table of a million
 * names. A large arena's chunks grow with it (a quarter of its size, up to
 * 16 MiB): 2 MiB pieces from aligned_alloc, a mapping each, sometimes cost
 * several times what the same memory costs in a few mappings. */
enum { BIG_ARENA = 8 << 20, HUGE_CHUNK = 2 << 20, BIG_BLOCK = 1 << 20, MAX_CHUNK = 16 << 20 };

static Chunk *chunk_map(size_t bytes)
{
    size_t len = bytes + HUGE_CHUNK;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        fputs("pipec: out of memory\n", stderr);
        abort();
    }
    char *start = (char *)(((uintptr_t)p + HUGE_CHUNK - 1) & ~(uintptr_t)(HUGE_CHUNK - 1));
    if (start > p)
        munmap(p, (size_t)(start - p));
    if (p + len > start + bytes)
        munmap(start + bytes, (size_t)(p + len - (start + bytes)));
#ifdef MADV_HUGEPAGE
    madvise(start, bytes, MADV_HUGEPAGE);
#endif
    Chunk *c = (Chunk *)(void *)start;
    c->mapped = bytes;
    return c;
}

/* A chunk for `need` bytes; a head chunk (for the allocations to come) of a
 * large arena is made larger. */
static Chunk *chunk_new(Arena *a, size_t need, bool head)
{
    size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
    Chunk *c;
    if (a->fixed) {
        fputs("pipec: arena region full\n", stderr);
        abort();
    }
    if (a->total >= BIG_ARENA || sizeof(Chunk) + size >= HUGE_CHUNK) {
        size_t want = sizeof(Chunk) + size;
        if (head && a->total / 4 > want)
            want = a->total / 4 < MAX_CHUNK ? a->total / 4 : MAX_CHUNK;
        size_t bytes = (want + HUGE_CHUNK - 1) & ~(size_t)(HUGE_CHUNK - 1);
        c = chunk_map(bytes);
        size = bytes - sizeof(Chunk);
        if (head && a->total >= BIG_ARENA && bytes > HUGE_CHUNK)
            prefault_start(a, (char *)c + HUGE_CHUNK, bytes - HUGE_CHUNK);
    } else {
        c = xmalloc(sizeof(Chunk) + size);
        c->mapped = 0;
    }
    c->used = 0;
    c->size = size;
    c->next = NULL;
    return c;
}

/* size bytes at the given alignment (a power of two up to 8), not zeroed. */
static void *alloc_raw(Arena *a, size_t size, size_t align)
{
    Chunk *c = a->head;
    if (c) {
        size_t at = (c->used + align - 1) & ~(align - 1);
        if (at <= c->size && c->size - at >= size) {
            c->used = at + size;
            a->total += size;
            return (char *)c->data + at;
        }
    }
    if (size > CHUNK_MIN / 4 && c) {
        /* Big blocks get their own chunk behind the head, so the head's
         * free space is not wasted. */
        Chunk *big = chunk_new(a, size, false);
        big->next = c->next;
        c->next = big;
        c = big;
    } else {
        c = chunk_new(a, size, true);
        c->next = a->head;
        a->head = c;
    }
    c->used = size;
    a->total += size;
    return c->data;
}

void *arena_alloc(Arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    void *p = alloc_raw(a, size, 8);
    memset(p, 0, size);
    return p;
}

static int size_class(size_t size)
{
    int k = 0;
    while (((size_t)1 << k) < size)
        k++;
    return k;
}

void *arena_alloc_block(Arena *a, size_t size)
{
    int k = size_class(size);
    if (k < FREE_CLASSES && a->free_blocks[k]) {
        void *p = a->free_blocks[k];
        memcpy(&a->free_blocks[k], p, sizeof(void *));
        return p;
    }
    return alloc_raw(a, (size_t)1 << k, 8);
}

/* A big block alone in its chunk goes back to the system: a large table
 * outgrown or done with (the scanner's names after the parse) is rarely
 * asked for again at its size, and would stay resident until the end. */
static bool free_own_chunk(Arena *a, void *block, size_t size)
{
    if (size < BIG_BLOCK || a->fixed)
        return false;
    for (Chunk **p = &a->head; *p; p = &(*p)->next) {
        Chunk *c = *p;
        if ((void *)c->data == block && c->used == size) {
            if (a->prefault.from >= (char *)c && a->prefault.from < (char *)c + c->mapped)
                prefault_wait(a); /* its helper may still be at work on it */
            *p = c->next;
            a->total -= size;
            chunk_free(c);
            return true;
        }
    }
    return false;
}

void arena_release(Arena *a, void *block, size_t size)
{
    int k = size_class(size);
    if (!block || k < 3 || k >= FREE_CLASSES || ((size_t)1 << k) != size)
        return;
    if (free_own_chunk(a, block, size))
        return;
    memcpy(block, &a->free_blocks[k], sizeof(void *));
    a->free_blocks[k] = block;
}

char *arena_alloc_text(Arena *a, size_t n)
{
    return alloc_raw(a, n ? n : 1, 1);
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = alloc_raw(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        n = 0;
    char *p = alloc_raw(a, (size_t)n + 1, 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_bytes(const Arena *a)
{
    return a->total;
}

/* The list into items (room for cap), its old buffer given back. */
static void vec_move(Arena *a, PtrVec *v, void **items, int cap)
{
    if (v->n)
        memcpy(items, v->items, (size_t)v->n * sizeof *items);
    if (v->cap)
        arena_release(a, v->items, (size_t)v->cap * sizeof *items);
    v->items = items;
    v->cap = cap;
}

void vec_reserve(Arena *a, PtrVec *v, int n)
{
    if (n > v->cap)
        vec_move(a, v, arena_alloc(a, (size_t)n * sizeof(void *)), n);
}

bool vec_has_str(const PtrVec *v, const char *s)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->items[i], s) == 0)
            return true;
    return false;
}

void vec_push(Arena *a, PtrVec *v, void *item)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 1; /* most lists hold one or two */
        vec_move(a, v, arena_alloc_block(a, (size_t)cap * sizeof(void *)), cap);
    }
    v->items[v->n++] = item;
}
