/* output.c: output files opened and closed with their errors checked, and
 * CSV cells, JSON strings and numbers written the same way in every one. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "textbuf.h"

int ecai_csv_put(FILE *fp, const char *s)
{
    if (!s[strcspn(s, ",\"\r\n")])
        return fputs(s, fp) < 0 ? -1 : 0;
    if (fputc('"', fp) == EOF)
        return -1;
    for (; *s; s++) {
        if (*s == '"' && fputc('"', fp) == EOF)
            return -1;
        if (fputc(*s, fp) == EOF)
            return -1;
    }
    return fputc('"', fp) == EOF ? -1 : 0;
}

int ecai_json_put(FILE *fp, const char *s)
{
    if (fputc('"', fp) == EOF)
        return -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int r;
        if (*p == '"' || *p == '\\')
            r = fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            r = fputs("\\n", fp);
        else if (*p == '\r')
            r = fputs("\\r", fp);
        else if (*p == '\t')
            r = fputs("\\t", fp);
        else if (*p < 0x20)
            r = fprintf(fp, "\\u%04x", *p);
        else
            r = fputc(*p, fp);
        if (r < 0)
            return -1;
    }
    return fputc('"', fp) == EOF ? -1 : 0;
}

int ecai_num_put(FILE *fp, double v)
{
    char t[ECAI_NUM_TEXT];
    if (isnan(v))
        return 0;
    if (v == 0)
        v = 0; /* no "-0" */
    size_t n = ecai_fmt_g15(t, v); /* "%.15g", without printf's cost */
    return fwrite(t, 1, n, fp) != n ? -1 : 0;
}

char *ecai_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

FILE *ecai_out_open(const char *dir, const char *name, eca_error *err)
{
    char *p = ecai_path_join(dir, name);
    FILE *fp = NULL;
    if (!p) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        return NULL;
    }
    if (!(fp = fopen(p, "wb")))
        ecai_fail(err, ECA_EIO, "%s: cannot write: %s", p, strerror(errno));
    free(p);
    return fp;
}

eca_status ecai_out_close(FILE *fp, const char *name, eca_error *err)
{
    int bad = ferror(fp);
    if (fclose(fp) != 0 || bad)
        return ecai_fail(err, ECA_EIO, "%s: write error: %s", name,
                         strerror(errno));
    return ECA_OK;
}

eca_status ecai_tb_close(ecai_tbuf *b, FILE *fp, const char *name,
                         eca_error *err)
{
    int oom = b->oom;
    ecai_tb_flush(b, fp);
    ecai_tb_free(b);
    if (oom) {
        fclose(fp);
        return ecai_fail(err, ECA_ENOMEM, "%s: out of memory", name);
    }
    return ecai_out_close(fp, name, err);
}

eca_status ecai_tb_write_rows(FILE *fp, ecai_tbuf *b, size_t n,
                              ecai_tb_rows rows, const void *user,
                              int threads, const char *name, eca_error *err)
{
    long nblock = (long)((n + ECAI_ROW_BLOCK - 1) / ECAI_ROW_BLOCK);
    ecai_tb_flush(b, fp); /* what b holds: the header */
    /* Each block is formatted by any thread and written in block order by
     * the thread that formatted it, while the others format the next
     * blocks: the writing overlaps the formatting, and only the blocks in
     * flight are held in memory. */
#pragma omp parallel for ordered schedule(dynamic, 1) \
    num_threads(threads > 0 ? threads : 1)
    for (long j = 0; j < nblock; j++) {
        size_t lo = (size_t)j * ECAI_ROW_BLOCK;
        size_t hi = lo + ECAI_ROW_BLOCK < n ? lo + ECAI_ROW_BLOCK : n;
        ecai_tbuf own = {0}; /* not beside another thread's */
        for (size_t i = lo; i < hi && !own.oom; i++)
            rows(&own, user, i);
#pragma omp ordered
        {
            b->oom |= own.oom;
            if (!b->oom)
                ecai_tb_flush(&own, fp);
        }
        ecai_tb_free(&own);
    }
    return ecai_tb_close(b, fp, name, err);
}
