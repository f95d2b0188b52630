/* dedup.c: duplicate meter rows found per series (firm, meter, carrier,
 * flow, process). A series' period keys are kept as sorted runs of evenly
 * spaced keys: data in ascending periods is one run per series, whatever
 * its length. A series whose keys come in no order moves to an exact set
 * of (series, key) pairs. Exact either way: no hash decides a duplicate. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define RUNS_MAX 32 /* runs of one series before it moves to the set */

typedef struct {
    int64_t start, step; /* keys start + j x step, j < count */
    uint64_t count;
} run;

typedef struct {
    uint64_t h;
    int32_t firm, carrier, flow;
    uint32_t meter_n, process_n;
    size_t text; /* meter then process bytes in the arena */
    int64_t max;
    uint32_t nrun, caprun; /* caprun 0: the one run is `one` */
    int in_set;
    run one;
    run *runs;
} series;

struct ecai_dedup {
    series *s;
    size_t n, cap;
    long *map; /* series index + 1, 0: empty; open addressing */
    size_t map_cap;
    char *arena;
    size_t arena_n, arena_cap;
    uint64_t *set; /* (series + 1, key) pairs; series 0: empty */
    size_t set_n, set_cap;
};

ecai_dedup *ecai_dedup_alloc(void)
{
    ecai_dedup *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->map_cap = 1024;
    d->map = calloc(d->map_cap, sizeof *d->map);
    if (!d->map) {
        free(d);
        return NULL;
    }
    return d;
}

void ecai_dedup_free(ecai_dedup *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        if (d->s[i].caprun)
            free(d->s[i].runs);
    free(d->s);
    free(d->map);
    free(d->arena);
    free(d->set);
    free(d);
}

size_t ecai_dedup_bytes(const ecai_dedup *d)
{
    size_t b = d->cap * sizeof *d->s + d->map_cap * sizeof *d->map +
               d->arena_cap + d->set_cap * 2 * sizeof *d->set;
    for (size_t i = 0; i < d->n; i++)
        b += d->s[i].caprun * sizeof(run);
    return b;
}

static run *runs_of(series *s) { return s->caprun ? s->runs : &s->one; }

/* ---- series ---- */

static int same(const ecai_dedup *d, const series *s, uint64_t h,
                int32_t firm, int32_t carrier, int32_t flow, const char *m,
                size_t mn, const char *p, size_t pn)
{
    /* the arena is NULL until a series has text */
    return s->h == h && s->firm == firm && s->carrier == carrier &&
           s->flow == flow && s->meter_n == mn && s->process_n == pn &&
           (mn == 0 || memcmp(d->arena + s->text, m, mn) == 0) &&
           (pn == 0 || memcmp(d->arena + s->text + mn, p, pn) == 0);
}

static int map_grow(ecai_dedup *d)
{
    size_t cap = d->map_cap * 2;
    long *map = calloc(cap, sizeof *map);
    if (!map)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        size_t j = d->s[i].h & (cap - 1);
        while (map[j])
            j = (j + 1) & (cap - 1);
        map[j] = (long)i + 1;
    }
    free(d->map);
    d->map = map;
    d->map_cap = cap;
    return 0;
}

long ecai_dedup_series(ecai_dedup *d, uint64_t h, int32_t firm,
                       int32_t carrier, int32_t flow, const char *meter,
                       size_t meter_n, const char *process, size_t process_n)
{
    size_t j = h & (d->map_cap - 1);
    for (; d->map[j]; j = (j + 1) & (d->map_cap - 1)) {
        long i = d->map[j] - 1;
        if (same(d, &d->s[i], h, firm, carrier, flow, meter, meter_n,
                 process, process_n))
            return i;
    }
    if ((d->n + 1) * 2 > d->map_cap) {
        if (map_grow(d) != 0)
            return -1;
        j = h & (d->map_cap - 1);
        while (d->map[j])
            j = (j + 1) & (d->map_cap - 1);
    }
    series *s = ecai_grow(d->s, &d->cap, d->n, sizeof *s, 256);
    if (!s)
        return -1;
    d->s = s;
    size_t tn = meter_n + process_n;
    if (d->arena_n + tn > d->arena_cap) {
        size_t cap = d->arena_cap ? d->arena_cap : 4096;
        while (cap < d->arena_n + tn)
            cap *= 2;
        char *a = realloc(d->arena, cap);
        if (!a)
            return -1;
        d->arena = a;
        d->arena_cap = cap;
    }
    if (meter_n)
        memcpy(d->arena + d->arena_n, meter, meter_n);
    if (process_n)
        memcpy(d->arena + d->arena_n + meter_n, process, process_n);
    d->s[d->n] = (series){.h = h, .firm = firm, .carrier = carrier,
                          .flow = flow, .meter_n = (uint32_t)meter_n,
                          .process_n = (uint32_t)process_n,
                          .text = d->arena_n};
    d->arena_n += tn;
    d->map[j] = (long)d->n + 1;
    return (long)d->n++;
}

/* ---- the exact set ---- */

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static int set_put(uint64_t *t, size_t cap, uint64_t sid1, uint64_t key)
{
    size_t i = mix(sid1 * 0x9e3779b97f4a7c15ULL ^ key) & (cap - 1);
    while (t[2 * i]) {
        if (t[2 * i] == sid1 && t[2 * i + 1] == key)
            return 1;
        i = (i + 1) & (cap - 1);
    }
    t[2 * i] = sid1;
    t[2 * i + 1] = key;
    return 0;
}

static int set_insert(ecai_dedup *d, long sid, int64_t key)
{
    if ((d->set_n + 1) * 4 > d->set_cap * 3) {
        size_t cap = d->set_cap ? 2 * d->set_cap : 1024;
        uint64_t *t = calloc(2 * cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < d->set_cap; i++)
            if (d->set[2 * i])
                set_put(t, cap, d->set[2 * i], d->set[2 * i + 1]);
        free(d->set);
        d->set = t;
        d->set_cap = cap;
    }
    int r = set_put(d->set, d->set_cap, (uint64_t)sid + 1, (uint64_t)key);
    d->set_n += r == 0;
    return r;
}

/* Moves a series' runs into the set. */
static int to_set(ecai_dedup *d, long sid)
{
    series *s = &d->s[sid];
    run *r = runs_of(s);
    for (uint32_t i = 0; i < s->nrun; i++)
        for (uint64_t j = 0; j < r[i].count; j++)
            if (set_insert(d, sid, r[i].start + (int64_t)j * r[i].step) < 0)
                return -1;
    s = &d->s[sid];
    if (s->caprun)
        free(s->runs);
    s->runs = NULL;
    s->caprun = s->nrun = 0;
    s->in_set = 1;
    return 0;
}

/* ---- runs ---- */

/* Inserts a run of the one key at position at. */
static int run_insert(series *s, uint32_t at, int64_t key)
{
    if (s->nrun == 0) {
        s->one = (run){key, 0, 1};
        s->nrun = 1;
        return 0;
    }
    if (s->nrun + 1 > (s->caprun ? s->caprun : 1)) {
        uint32_t cap = s->caprun ? 2 * s->caprun : 4;
        run *r = s->caprun ? realloc(s->runs, cap * sizeof *r)
                           : malloc(cap * sizeof *r);
        if (!r)
            return -1;
        if (!s->caprun)
            r[0] = s->one;
        s->runs = r;
        s->caprun = cap;
    }
    run *r = s->runs;
    memmove(r + at + 1, r + at, (s->nrun - at) * sizeof *r);
    r[at] = (run){key, 0, 1};
    s->nrun++;
    return 0;
}

int ecai_dedup_insert(ecai_dedup *d, long sid, int64_t key)
{
    series *s = &d->s[sid];
    if (s->in_set)
        return set_insert(d, sid, key);
    run *r = runs_of(s);
    if (s->nrun == 0 || key > s->max) { /* ascending: the common case */
        if (s->nrun) {
            run *t = &r[s->nrun - 1]; /* the last run holds max */
            if (t->count == 1) {
                t->step = key - t->start;
                t->count = 2;
                s->max = key;
                return 0;
            }
            if (key - s->max == t->step) {
                t->count++;
                s->max = key;
                return 0;
            }
        }
        if (run_insert(s, s->nrun, key) != 0)
            return -1;
        s->max = key;
        return s->nrun > RUNS_MAX ? (to_set(d, sid) < 0 ? -1 : 0) : 0;
    }
    /* key <= max: the last run starting at or before key */
    uint32_t lo = 0, hi = s->nrun;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (r[mid].start <= key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        const run *c = &r[lo - 1];
        int64_t last = c->start + (int64_t)(c->count - 1) * c->step;
        if (key <= last) {
            if (key == c->start || (c->step && (key - c->start) % c->step == 0))
                return 1;
            /* between two keys of a run: runs can no longer say it */
            if (to_set(d, sid) < 0)
                return -1;
            return set_insert(d, sid, key);
        }
    }
    if (run_insert(s, lo, key) != 0)
        return -1;
    return s->nrun > RUNS_MAX ? (to_set(d, sid) < 0 ? -1 : 0) : 0;
}
