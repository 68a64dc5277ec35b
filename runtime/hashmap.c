#include "hashmap.h"

#include <stdint.h>
#include <string.h>

void hm_init(HashMap *m, Arena *a)
{
    memset(m, 0, sizeof *m);
    m->arena = a;
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static size_t slot(const HashMap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void grow(HashMap *m)
{
    size_t old_cap = m->cap;
    const char **old_keys = m->keys;
    void **old_vals = m->vals;
    m->cap = old_cap ? old_cap * 2 : 16;
    m->keys = arena_alloc(m->arena, m->cap * sizeof *m->keys);
    m->vals = arena_alloc(m->arena, m->cap * sizeof *m->vals);
    for (size_t i = 0; i < old_cap; i++) {
        if (!old_keys[i])
            continue;
        size_t j = slot(m, old_keys[i]);
        m->keys[j] = old_keys[i];
        m->vals[j] = old_vals[i];
    }
}

void *hm_get(const HashMap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t i = slot(m, key);
    return m->keys[i] ? m->vals[i] : NULL;
}

static bool put(HashMap *m, const char *key, void *val, bool replace)
{
    if ((m->n + 1) * 4 > m->cap * 3)
        grow(m);
    size_t i = slot(m, key);
    if (m->keys[i]) {
        if (replace)
            m->vals[i] = val;
        return false;
    }
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return true;
}

bool hm_put(HashMap *m, const char *key, void *val)
{
    return put(m, key, val, false);
}

void hm_set(HashMap *m, const char *key, void *val)
{
    put(m, key, val, true);
}
