/* alloc.c: arrays on cache lines of their own, and arrays that grow by
 * doubling, their new elements zeroed where asked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void *ecai_calloc_lines(size_t n, size_t size)
{
    void *p = NULL;
    if (n && size > SIZE_MAX / n)
        return NULL;
    size_t bytes = n * size;
    if (posix_memalign(&p, ECAI_LINE, bytes > 0 ? bytes : ECAI_LINE) != 0)
        return NULL;
    memset(p, 0, bytes);
    return p;
}

/* The new elements are left as they are: pages never written are never
 * touched, so an array sized for its largest block costs only what is
 * used. */
static void *grow(void *p, size_t *cap, size_t i, size_t size, size_t first,
                  int zero)
{
    if (i < *cap)
        return p;
    size_t n = *cap ? *cap : (first ? first : 1);
    while (n <= i) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    if (size && n > SIZE_MAX / size)
        return NULL;
    char *q = realloc(p, n * size);
    if (!q)
        return NULL;
    if (zero)
        memset(q + *cap * size, 0, (n - *cap) * size);
    *cap = n;
    return q;
}

void *ecai_grow(void *p, size_t *cap, size_t i, size_t size, size_t first)
{
    return grow(p, cap, i, size, first, 0);
}

void *ecai_grow_zeroed(void *p, size_t *cap, size_t i, size_t size,
                       size_t first)
{
    return grow(p, cap, i, size, first, 1);
}
