#include "hashmap.h"

#include <string.h>

void hm_init(HashMap *m, Arena *a)
{
    memset(m, 0, sizeof *m);
    m->arena = a;
}

/* FNV-1a, then a murmur3 finaliser: FNV's low bits alone cluster badly on
 * names that differ in their last characters (web_1, web_2, ...). */
static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* A slot's tag is the low 32 bits of its key's hash, which also pick the
 * slot: a table can grow without hashing its keys again. */
static size_t slot(const HashMap *m, const char *key, uint64_t h)
{
    uint32_t tag = (uint32_t)h;
    size_t i = (size_t)tag & (m->cap - 1);
    const HmSlot *s;
    /* the scanner shares the text of names met recently: often the same
     * pointer, and no strcmp */
    while ((s = &m->slots[i])->key &&
           (m->tags[i] != tag || (s->key != key && strcmp(s->key, key) != 0)))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void grow_to(HashMap *m, size_t cap)
{
    size_t old_cap = m->cap;
    HmSlot *old_slots = m->slots;
    uint32_t *old_tags = m->tags;
    m->cap = cap;
    m->slots = arena_alloc_block(m->arena, m->cap * sizeof *m->slots);
    m->tags = arena_alloc_block(m->arena, m->cap * sizeof *m->tags);
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    for (size_t i = 0; i < old_cap; i++) {
        if (!old_slots[i].key)
            continue;
        /* Keys are distinct: the first free slot of the probe sequence. */
        size_t j = (size_t)old_tags[i] & (m->cap - 1);
        while (m->slots[j].key)
            j = (j + 1) & (m->cap - 1);
        m->slots[j] = old_slots[i];
        m->tags[j] = old_tags[i];
    }
    if (old_cap) {
        arena_release(m->arena, old_slots, old_cap * sizeof *old_slots);
        arena_release(m->arena, old_tags, old_cap * sizeof *old_tags);
    }
}

static void grow(HashMap *m)
{
    grow_to(m, m->cap ? m->cap * 2 : 8);
}

void hm_reserve(HashMap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 8;
    while ((n + 1) * 4 > cap * 3)
        cap *= 2;
    if (cap > m->cap)
        grow_to(m, cap);
}

void *hm_get(const HashMap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t i = slot(m, key, hash(key));
    return m->slots[i].key ? m->slots[i].val : NULL;
}

static bool put(HashMap *m, const char *key, void *val, bool replace)
{
    if ((m->n + 1) * 4 > m->cap * 3)
        grow(m);
    uint64_t h = hash(key);
    size_t i = slot(m, key, h);
    if (m->slots[i].key) {
        if (replace)
            m->slots[i].val = val;
        return false;
    }
    m->slots[i] = (HmSlot){key, val};
    m->tags[i] = (uint32_t)h;
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

void hm_release(HashMap *m)
{
    if (m->cap) {
        arena_release(m->arena, m->slots, m->cap * sizeof *m->slots);
        arena_release(m->arena, m->tags, m->cap * sizeof *m->tags);
    }
    hm_init(m, m->arena);
}
