/* String-keyed hash map (open addressing, FNV-1a), memory in an arena.
 * Iterate in insertion order with a separate PtrVec where order matters. */
#ifndef PIPE_HASHMAP_H
#define PIPE_HASHMAP_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct HashMap {
    Arena *arena;
    const char **keys;
    void **vals;
    size_t cap, n;
} HashMap;

void hm_init(HashMap *m, Arena *a);
void *hm_get(const HashMap *m, const char *key);
/* Inserts key -> val; returns false (and changes nothing) if key exists. */
bool hm_put(HashMap *m, const char *key, void *val);
/* Inserts or replaces. */
void hm_set(HashMap *m, const char *key, void *val);

#endif
