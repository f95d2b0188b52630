/* chunk.c: a file cut into blocks of whole lines at fixed nominal offsets,
 * so the cut depends on the file alone, and each block is read (pread)
 * by whichever thread parses it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

#define PAD 16    /* zeroed bytes after a block, for 16-byte loads */
#define MORE 4096 /* bytes read at a time past the block's nominal end */

void ecai_block_free(ecai_block *b)
{
    if (!b)
        return;
    free(b->buf);
    memset(b, 0, sizeof *b);
}

static int reserve(ecai_block *b, size_t need)
{
    if (need + PAD <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need + PAD)
        cap *= 2;
    char *p = realloc(b->buf, cap);
    if (!p)
        return -1;
    b->buf = p;
    b->cap = cap;
    return 0;
}

/* Appends bytes [at, at + n) of the file to the block. */
static int read_at(int fd, ecai_block *b, uint64_t at, size_t n)
{
    if (reserve(b, b->len + n) != 0) {
        errno = ENOMEM;
        return -1;
    }
    while (n > 0) {
        ssize_t got = pread(fd, b->buf + b->len, n, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO; /* the file shrank while it was read */
            return -1;
        }
        b->len += (size_t)got;
        at += (uint64_t)got;
        n -= (size_t)got;
    }
    return 0;
}

int ecai_block_read(int fd, uint64_t fsize, uint64_t from, uint64_t size,
                    uint64_t k, ecai_block *b)
{
    uint64_t lo = k * size, hi = lo + size;
    b->len = 0;
    b->at = 0;
    b->eof = 0;
    if (hi > fsize)
        hi = fsize;
    if (hi <= from || lo >= fsize)
        return 0; /* nothing of the data in this block */
    /* the first line start at or after lo: from itself, or after the
     * first LF at or after lo - 1 */
    uint64_t first = lo <= from ? from : lo - 1;
    if (read_at(fd, b, first, (size_t)(hi - first)) != 0)
        return -1;
    size_t start = 0;
    if (lo > from) {
        const char *nl = memchr(b->buf, '\n', b->len);
        if (!nl) {
            b->len = 0; /* a line runs through the whole block */
            return 0;
        }
        start = (size_t)(nl - b->buf) + 1;
    }
    if (first + start >= hi) {
        b->len = 0; /* the only line start is the next block's */
        return 0;
    }
    /* the block ends at the first line start at or after hi */
    if (hi < fsize && b->buf[b->len - 1] != '\n') {
        for (;;) {
            size_t was = b->len;
            uint64_t at = first + was;
            size_t n = fsize - at < MORE ? (size_t)(fsize - at) : MORE;
            if (n == 0)
                break;
            if (read_at(fd, b, at, n) != 0)
                return -1;
            const char *nl = memchr(b->buf + was, '\n', n);
            if (nl) {
                b->len = (size_t)(nl - b->buf) + 1;
                break;
            }
        }
    }
    if (start)
        memmove(b->buf, b->buf + start, b->len - start);
    b->len -= start;
    b->at = first + start;
    b->eof = b->at + b->len == fsize;
    memset(b->buf + b->len, 0, PAD);
    return 0;
}
