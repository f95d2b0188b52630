/* hash.c: a 64-bit byte hash and a string-to-index map (open addressing
 * with linear probing; the keys copied into chunks the map owns). */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static uint64_t mix(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

uint64_t ecai_hash(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *b = p;
    uint64_t h = mix(seed ^ (n * 0x9e3779b97f4a7c15ULL));
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = mix(h ^ w) + 0x9e3779b97f4a7c15ULL;
        b += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, b, n);
    return mix(h ^ w ^ ((uint64_t)n << 56));
}

/* ---- string map ---- */
typedef struct {
    char *key; /* NULL: empty slot */
    size_t len;
    uint64_t h;
    long idx;
} slot;

/* Keys are copied into chunks of growing size, freed together: no
 * allocation per key. */
typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char mem[];
} chunk;

enum { CHUNK_FIRST = 4096, CHUNK_MAX = 1 << 20 };

struct ecai_strmap {
    slot *s;
    size_t cap, n;
    chunk *keys; /* the newest first */
};

ecai_strmap *ecai_strmap_alloc(void)
{
    ecai_strmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->cap = 64;
    m->s = calloc(m->cap, sizeof *m->s);
    if (!m->s) {
        free(m);
        return NULL;
    }
    return m;
}

void ecai_strmap_free(ecai_strmap *m)
{
    if (!m)
        return;
    while (m->keys) {
        chunk *next = m->keys->next;
        free(m->keys);
        m->keys = next;
    }
    free(m->s);
    free(m);
}

/* A copy of s[0..n) with its '\0', in the map's chunks; NULL: no memory. */
static char *keep(ecai_strmap *m, const char *s, size_t n)
{
    chunk *c = m->keys;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = c ? 2 * c->cap : CHUNK_FIRST;
        if (cap > CHUNK_MAX)
            cap = CHUNK_MAX;
        if (cap < n + 1)
            cap = n + 1;
        if (!(c = malloc(sizeof *c + cap)))
            return NULL;
        *c = (chunk){m->keys, 0, cap};
        m->keys = c;
    }
    char *k = c->mem + c->used;
    memcpy(k, s, n);
    k[n] = '\0';
    c->used += n + 1;
    return k;
}

static size_t find_slot(const slot *s, size_t cap, const char *k, size_t n,
                        uint64_t h)
{
    size_t i = h & (cap - 1);
    while (s[i].key && !(s[i].h == h && s[i].len == n &&
                         memcmp(s[i].key, k, n) == 0))
        i = (i + 1) & (cap - 1);
    return i;
}

long ecai_strmap_get(const ecai_strmap *m, const char *s, size_t n)
{
    uint64_t h = ecai_hash(s, n, 0);
    size_t i = find_slot(m->s, m->cap, s, n, h);
    return m->s[i].key ? m->s[i].idx : -1;
}

static int grow(ecai_strmap *m)
{
    size_t cap = m->cap * 2;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->s[i].key)
            s[find_slot(s, cap, m->s[i].key, m->s[i].len, m->s[i].h)] = m->s[i];
    free(m->s);
    m->s = s;
    m->cap = cap;
    return 0;
}

int ecai_strmap_put(ecai_strmap *m, const char *s, size_t n, long idx)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    uint64_t h = ecai_hash(s, n, 0);
    size_t i = find_slot(m->s, m->cap, s, n, h);
    if (m->s[i].key)
        return 1;
    char *k = keep(m, s, n);
    if (!k)
        return -1;
    m->s[i] = (slot){k, n, h, idx};
    m->n++;
    return 0;
}

int ecai_strmap_set(ecai_strmap *m, const char *s, size_t n, long idx)
{
    size_t i = find_slot(m->s, m->cap, s, n, ecai_hash(s, n, 0));
    if (!m->s[i].key)
        return -1;
    m->s[i].idx = idx;
    return 0;
}
