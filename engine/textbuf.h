/* textbuf.h: output text built in memory (textbuf.c): numbers formatted
 * without printf, byte for byte what printf writes, and a growable buffer
 * that a file's rows are put into and written from with one fwrite; not
 * API. */
#ifndef ECA_TEXTBUF_H
#define ECA_TEXTBUF_H

#include <string.h>
#include "internal.h"

/* Room for any of the numbers below and the NUL. */
#define ECAI_NUM_TEXT 32

/* The text of printf("%.15g", v), NUL-terminated; returns its length. */
size_t ecai_fmt_g15(char *buf, double v);
/* The text of printf("%llu", v) and printf("%lld", v). */
size_t ecai_fmt_u64(char *buf, uint64_t v);
size_t ecai_fmt_i64(char *buf, int64_t v);

/* Text being built; {0} is an empty buffer. An allocation failure is
 * remembered and reported by ecai_tb_flush. */
typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} ecai_tbuf;

void ecai_tb_free(ecai_tbuf *b);
/* Room for n more bytes where there is less: 0, or -1 (remembered in
 * oom). */
int ecai_tb_grow(ecai_tbuf *b, size_t n);

static inline void ecai_tb_mem(ecai_tbuf *b, const char *s, size_t n)
{
    if (n && (b->cap - b->n >= n || ecai_tb_grow(b, n) == 0)) {
        memcpy(b->p + b->n, s, n);
        b->n += n;
    }
}

static inline void ecai_tb_chr(ecai_tbuf *b, char c)
{
    if (b->n < b->cap || ecai_tb_grow(b, 1) == 0)
        b->p[b->n++] = c;
}

void ecai_tb_str(ecai_tbuf *b, const char *s);
/* A CSV cell, quoted as ecai_csv_put quotes it. */
void ecai_tb_csv(ecai_tbuf *b, const char *s);
/* A number as ecai_num_put writes it: "%.15g", nothing for NaN, 0 for
 * -0. */
void ecai_tb_num(ecai_tbuf *b, double v);
void ecai_tb_u64(ecai_tbuf *b, uint64_t v);
/* printf("%0*lld", width, v). */
void ecai_tb_pad(ecai_tbuf *b, int64_t v, int width);
/* Appends the text of src and empties src. */
void ecai_tb_take(ecai_tbuf *b, ecai_tbuf *src);
/* Writes the text to fp and empties the buffer: 0, or -1 on a write
 * error or an allocation failure (which stays with the buffer). */
int ecai_tb_flush(ecai_tbuf *b, FILE *fp);
/* ecai_tb_flush once the text passes 64 KB. */
static inline int ecai_tb_spill(ecai_tbuf *b, FILE *fp)
{
    return b->n >= (1u << 16) ? ecai_tb_flush(b, fp) : 0;
}
/* Writes the rest, frees the buffer and closes fp (output.c): ECA_OK, or
 * the error (out of memory, a write error) with the file's name. */
eca_status ecai_tb_close(ecai_tbuf *b, FILE *fp, const char *name,
                         eca_error *err);

/* The rows of item i (a firm) appended to b. */
typedef void (*ecai_tb_rows)(ecai_tbuf *b, const void *user, size_t i);
/* Items per block of ecai_tb_write_rows. */
#define ECAI_ROW_BLOCK 64
/* Writes what b holds (a header), then the rows of items 0 .. n-1 in
 * their order, and closes as ecai_tb_close (output.c). The items are
 * formatted in parallel, in blocks of ECAI_ROW_BLOCK into buffers of their
 * own, and written in block order as they are done, so the bytes do not
 * depend on the thread count. */
eca_status ecai_tb_write_rows(FILE *fp, ecai_tbuf *b, size_t n,
                              ecai_tb_rows rows, const void *user,
                              int threads, const char *name, eca_error *err);

#endif
