/* hash.c: a 64-bit byte hash, a string-to-index map and a set of 128-bit
 * keys, all open addressing with linear probing. */
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

struct ecai_strmap {
    slot *s;
    size_t cap, n;
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
    for (size_t i = 0; i < m->cap; i++)
        free(m->s[i].key);
    free(m->s);
    free(m);
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
    char *k = malloc(n + 1);
    if (!k)
        return -1;
    memcpy(k, s, n);
    k[n] = '\0';
    m->s[i] = (slot){k, n, h, idx};
    m->n++;
    return 0;
}

/* ---- 128-bit key set ---- */
struct ecai_keyset {
    uint64_t *k; /* pairs; (0, 0) is empty */
    size_t cap, n;
};

ecai_keyset *ecai_keyset_alloc(void)
{
    ecai_keyset *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->cap = 1024;
    k->k = calloc(2 * k->cap, sizeof *k->k);
    if (!k->k) {
        free(k);
        return NULL;
    }
    return k;
}

void ecai_keyset_free(ecai_keyset *k)
{
    if (!k)
        return;
    free(k->k);
    free(k);
}

static int put(uint64_t *t, size_t cap, uint64_t h1, uint64_t h2)
{
    size_t i = h1 & (cap - 1);
    while (t[2 * i] | t[2 * i + 1]) {
        if (t[2 * i] == h1 && t[2 * i + 1] == h2)
            return 1;
        i = (i + 1) & (cap - 1);
    }
    t[2 * i] = h1;
    t[2 * i + 1] = h2;
    return 0;
}

int ecai_keyset_insert(ecai_keyset *k, uint64_t h1, uint64_t h2)
{
    h2 |= 1; /* never the empty pair */
    if ((k->n + 1) * 4 > k->cap * 3) {
        size_t cap = k->cap * 2;
        uint64_t *t = calloc(2 * cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < k->cap; i++)
            if (k->k[2 * i] | k->k[2 * i + 1])
                put(t, cap, k->k[2 * i], k->k[2 * i + 1]);
        free(k->k);
        k->k = t;
        k->cap = cap;
    }
    int r = put(k->k, k->cap, h1, h2);
    k->n += r == 0;
    return r;
}
