/* The arena (runtime/arena.c): zeroed, aligned memory; released blocks
 * reused by size; a big block alone in its chunk given back to the system;
 * a fixed region never grows nor frees. */
#include "helpers.h"

#include <stdint.h>

Test(arena, alloc_is_zeroed_and_aligned)
{
    Arena *a = arena_new();
    for (size_t n = 1; n < 5000; n += 37) {
        unsigned char *p = arena_alloc(a, n);
        cr_assert_eq((uintptr_t)p % 8, 0, "%zu bytes at %p", n, (void *)p);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(p[i], 0);
        memset(p, 0xa5, n);
    }
    arena_free(a);
}

Test(arena, small_released_block_is_reused_by_its_size)
{
    Arena *a = arena_new();
    void *p = arena_alloc_block(a, 4096);
    size_t before = arena_bytes(a);
    arena_release(a, p, 4096);
    cr_assert_eq(arena_bytes(a), before, "a small block stays in the arena");
    cr_assert_eq(arena_alloc_block(a, 4096), p);
    cr_assert_neq(arena_alloc_block(a, 4096), p, "given out once");
    arena_free(a);
}

Test(arena, big_released_block_goes_back_to_the_system)
{
    Arena *a = arena_new();
    arena_alloc(a, 100);
    size_t before = arena_bytes(a);
    size_t big = (size_t)8 << 20;
    unsigned char *p = arena_alloc_block(a, big);
    p[0] = p[big - 1] = 1;
    cr_assert_eq(arena_bytes(a), before + big);
    arena_release(a, p, big);
    cr_assert_eq(arena_bytes(a), before, "its chunk is freed");
    /* the arena still works, before and after the freed chunk */
    unsigned char *q = arena_alloc_block(a, big);
    q[big - 1] = 2;
    unsigned char *r = arena_alloc(a, 64);
    cr_assert_eq(r[0], 0);
    arena_free(a);
}

Test(arena, big_block_sharing_its_chunk_is_kept)
{
    /* the first allocation of an arena makes its head chunk, which later
     * small allocations share: releasing it must not free them */
    Arena *a = arena_new();
    size_t big = (size_t)2 << 20;
    unsigned char *p = arena_alloc_block(a, big);
    char *s = arena_strdup(a, "kept");
    size_t before = arena_bytes(a);
    arena_release(a, p, big);
    cr_assert_str_eq(s, "kept");
    cr_assert_eq(arena_bytes(a), before);
    cr_assert_eq(arena_alloc_block(a, big), p, "reused from the free list instead");
    arena_free(a);
}

Test(arena, fixed_region_never_frees)
{
    static max_align_t region[(4 << 20) / sizeof(max_align_t)];
    Arena *a = arena_new_in(region, sizeof region);
    size_t big = (size_t)1 << 20;
    void *p = arena_alloc_block(a, big);
    cr_assert(p > (void *)region && (char *)p + big <= (char *)region + sizeof region);
    arena_release(a, p, big);
    cr_assert_eq(arena_alloc_block(a, big), p);
    arena_free(a);
}

/* A large arena's chunks are faulted in by a helper thread while they are
 * filled: what is written stays written, across many chunks. */
Test(arena, large_arena_keeps_every_byte)
{
    Arena *a = arena_new();
    enum { N = 600000 };
    uint64_t **blocks = malloc(N * sizeof *blocks);
    for (size_t i = 0; i < N; i++) {
        blocks[i] = arena_alloc(a, 8 * (1 + i % 23)); /* about 72 MB in all */
        for (size_t k = 0; k < 1 + i % 23; k++) {
            cr_assert_eq(blocks[i][k], 0, "block %zu word %zu not zeroed", i, k);
            blocks[i][k] = i * 31 + k;
        }
    }
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < 1 + i % 23; k++)
            cr_assert_eq(blocks[i][k], i * 31 + k, "block %zu word %zu", i, k);
    free(blocks);
    arena_free(a);
}

/* Freed while its helper may still be at work on the newest chunk. */
Test(arena, large_arena_freed_at_once)
{
    for (int r = 0; r < 5; r++) {
        Arena *a = arena_new();
        while (arena_bytes(a) < ((size_t)12 << 20))
            arena_alloc(a, 4000);
        arena_free(a);
    }
}
