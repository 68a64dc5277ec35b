/* String-keyed hash map (open addressing, FNV-1a with a final mix, a 32-bit
 * tag per slot so that probes rarely compare strings), memory in an arena.
 * Iterate in insertion order with a separate PtrVec where order matters. */
#ifndef PIPE_HASHMAP_H
#define PIPE_HASHMAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* A key and its value side by side: a lookup that finds its key reads one
 * cache line of slots (and one of tags), not one per array. */
typedef struct HmSlot {
    const char *key;
    void *val;
} HmSlot;

typedef struct HashMap {
    Arena *arena;
    HmSlot *slots;
    uint32_t *tags; /* low 32 bits of the hash of each slot's key */
    size_t cap, n;
} HashMap;

void hm_init(HashMap *m, Arena *a);
void *hm_get(const HashMap *m, const char *key);
/* Inserts key -> val; returns false (and changes nothing) if key exists. */
bool hm_put(HashMap *m, const char *key, void *val);
/* Inserts or replaces. */
void hm_set(HashMap *m, const char *key, void *val);
/* Room for n keys in all, made now: a map whose size is known is built
 * without growing (each growth leaves the old table behind in the arena). */
void hm_reserve(HashMap *m, size_t n);
/* Gives the table back to the arena for reuse; m is empty afterwards. */
void hm_release(HashMap *m);

#endif
