/* fuzz_fastcsv.c: libFuzzer target proving the fast CSV path equal to
 * libcsv: (a) fastcsv.c on quote-free text, with the vectors it chooses
 * and with SSE2 alone, gives the records, lines and error of ecai_csv
 * (libcsv) on the same text; (b) the chunked reader (ingest.c), with small
 * blocks, 1 to 3 threads and blocks forced through libcsv or not, gives
 * the records and the final message of reading the file record by record. Linked with replay.c it is a plain program
 * that replays corpus folders; tests/test_ingest.c replays the corpus and
 * random inputs through it too. Build as tests/fuzz/README.md shows for
 * the other targets, with t=fastcsv. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- scratch file and a growable log ---- */

static const char *ff_write(const void *a, size_t an, const void *b,
                            size_t bn)
{
    return fuzz_scratch("fastcsv", a, an, b, bn);
}

typedef struct {
    char *s;
    size_t n, cap;
} ff_log;

static void ff_put(ff_log *l, const void *p, size_t n)
{
    if (l->n + n + 1 > l->cap) {
        size_t cap = l->cap ? l->cap : 256;
        while (cap < l->n + n + 1)
            cap *= 2;
        char *s = realloc(l->s, cap);
        if (!s)
            abort();
        l->s = s;
        l->cap = cap;
    }
    if (n)
        memcpy(l->s + l->n, p, n);
    l->n += n;
    l->s[l->n] = '\0';
}

static void ff_printf(ff_log *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void ff_printf(ff_log *l, const char *fmt, ...)
{
    char buf[700];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ff_put(l, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n
                                                       : sizeof buf - 1);
}

/* One record: line, field count, then each kept field with its length. */
static void ff_record(ff_log *l, long line, size_t nf, const ecai_span *f,
                      size_t keep)
{
    ff_printf(l, "%ld %zu:", line, nf);
    for (size_t i = 0; i < nf && i < keep; i++) {
        ff_printf(l, " %zu=", f[i].n);
        ff_put(l, f[i].s, f[i].n);
    }
    ff_put(l, "\n", 1);
}

static void ff_differ(const char *what, const ff_log *a, const ff_log *b)
{
    fprintf(stderr, "fuzz_fastcsv: %s differ\n--- reference\n%s\n--- "
                    "other\n%s\n", what, a->s ? a->s : "", b->s ? b->s : "");
    abort();
}

/* ---- (a) fastcsv against ecai_csv on "h\n" + quote-free text ---- */

/* The records of fastcsv.c on the text, with the SIMD path it chooses
 * (sse2: SSE2 even where there is AVX2), logged as check_fastcsv logs
 * libcsv's. */
static void ff_split(const uint8_t *data, size_t size, int sse2,
                     ecai_span *f, size_t maxf, ff_log *got)
{
    ecai_fastcsv st;
    size_t nf;
    long line;
    ecai_span rec;
    int r;
    ecai_fastcsv_init(&st, (const char *)data, size);
    if (sse2)
        st.avx2 = 0;
    while ((r = ecai_fastcsv_next(&st, f, maxf, &nf, &line, &rec)) == 1) {
        ff_record(got, line + 2, nf, f, maxf);
        /* the record's bytes split again give the same fields */
        ecai_fastcsv again;
        size_t nf2 = 0;
        long l2;
        ecai_span *g = calloc(maxf, sizeof *g);
        if (!g)
            abort();
        ecai_fastcsv_init(&again, rec.s, rec.n);
        if (ecai_fastcsv_next(&again, g, maxf, &nf2, &l2, NULL) != 1 ||
            nf2 != nf || l2 != 0)
            abort();
        for (size_t i = 0; i < nf; i++)
            if (g[i].n != f[i].n || memcmp(g[i].s, f[i].s, f[i].n) != 0)
                abort();
        free(g);
    }
    if (r == -2) {
        eca_error err;
        eca_error_clear(&err);
        ecai_utf8_fail(&err, "fuzz.csv", st.err_line + 2,
                       st.err_field == 0 ? "h" : NULL, st.err_byte,
                       st.err_value);
        ff_printf(got, "end -1 %s\n", err.msg);
    }
    else
        ff_printf(got, "end %d %s\n", r, r == -1 ? "quote" : "");
}

static void check_fastcsv(const uint8_t *data, size_t size)
{
    ff_log ref = {0}, got = {0};
    eca_error err;
    size_t maxf = size + 1;
    ecai_span *f = calloc(maxf, sizeof *f);
    if (!f)
        abort();

    eca_error_clear(&err);
    ecai_csv *c = ecai_csv_open(ff_write("h\n", 2, data, size), "fuzz.csv",
                                &err);
    if (!c)
        abort(); /* the header "h" always reads */
    int r;
    while ((r = ecai_csv_next(c, &err)) == 1) {
        size_t nf = ecai_csv_nfields(c);
        for (size_t i = 0; i < nf; i++)
            f[i].s = ecai_csv_field(c, i, &f[i].n);
        ff_record(&ref, ecai_csv_line(c), nf, f, maxf);
    }
    ff_printf(&ref, "end %d %s\n", r, r < 0 ? err.msg : "");
    ecai_csv_close(c);

    for (int sse2 = 0; sse2 < 2; sse2++) {
        got.n = 0;
        ff_split(data, size, sse2, f, maxf, &got);
        if (ref.n != got.n || memcmp(ref.s, got.s, ref.n) != 0)
            ff_differ(sse2 ? "fastcsv (SSE2) and libcsv records"
                           : "fastcsv and libcsv records", &ref, &got);
    }
    free(ref.s);
    free(got.s);
    free(f);
}

/* ---- (b) the chunked reader against reading record by record ---- */

#define FF_KEEP 5
#define FF_SLOTS 32

typedef struct {
    const ecai_ingest *g;
    ff_log log;
    uint64_t *sum[FF_SLOTS]; /* per slot: what parse saw of record i */
    size_t cap[FF_SLOTS];
} ff_run;

static uint64_t ff_sum(const ecai_record *r)
{
    uint64_t h = ecai_hash(&r->nf, sizeof r->nf, 7);
    for (size_t i = 0; i < r->nf && i < FF_KEEP; i++)
        h = ecai_hash(r->f[i].s, r->f[i].n, h + i);
    return h;
}

static void ff_parse(void *user, size_t slot, size_t i, const ecai_record *r)
{
    ff_run *u = user;
    if (slot >= FF_SLOTS)
        abort();
    if (i >= u->cap[slot]) {
        size_t cap = 2 * i + 16;
        uint64_t *s = realloc(u->sum[slot], cap * sizeof *s);
        if (!s)
            abort();
        u->sum[slot] = s;
        u->cap[slot] = cap;
    }
    u->sum[slot][i] = ff_sum(r);
}

static eca_status ff_commit(void *user, size_t slot, size_t i, long line,
                            eca_error *err)
{
    ff_run *u = user;
    ecai_span f[FF_KEEP];
    ecai_record r;
    ecai_ingest_record(u->g, slot, i, &r, f);
    if (u->sum[slot][i] != ff_sum(&r))
        abort(); /* parse and commit saw different records */
    ff_record(&u->log, line, r.nf, r.f, FF_KEEP);
    /* a record "STOP" fails its commit, like a row under --strict */
    if (r.nf == 1 && r.f[0].n == 4 && memcmp(r.f[0].s, "STOP", 4) == 0)
        return ecai_fail(err, ECA_EINPUT, "fuzz.csv:%ld: stop", line);
    return ECA_OK;
}

/* Reads the file through ecai_ingest; the log gets every commit and the
 * final status and message. */
static void ff_ingest(const char *path, uint64_t block, int mode,
                      int threads, ff_log *out)
{
    ff_run u = {0};
    eca_error err;
    eca_error_clear(&err);
    ecai_ingest_tune(block, mode);
    ecai_ingest *g = ecai_ingest_open(path, "fuzz.csv", &err);
    if (!g) {
        ff_printf(out, "open %d %s\n", err.status, err.msg);
        ecai_ingest_tune(0, 0);
        return;
    }
    u.g = g;
    if (ecai_ingest_slots(g, threads) > FF_SLOTS)
        abort();
    ecai_ingest_ops ops = {&u, ff_parse, ff_commit, NULL};
    eca_status st = ecai_ingest_run(g, &ops, FF_KEEP, threads, &err);
    ff_put(out, u.log.s ? u.log.s : "", u.log.n);
    ff_printf(out, "status %d %s\n", st, st ? err.msg : "");
    ecai_ingest_free(g);
    ecai_ingest_tune(0, 0);
    free(u.log.s);
    for (int i = 0; i < FF_SLOTS; i++)
        free(u.sum[i]);
}

static void check_ingest(const uint8_t *data, size_t size)
{
    unsigned p = size ? data[0] : 0;
    uint64_t block = 1 + (p * 7u) % 97u;
    int threads = 1 + (int)(p % 3u);
    const char *path = ff_write(data, size, NULL, 0);
    ff_log ref = {0}, a = {0}, b = {0};

    ff_ingest(path, 0, 2, 1, &ref); /* record by record: the reference */
    ff_ingest(path, block, 0, threads, &a);
    if (ref.n != a.n || memcmp(ref.s, a.s, ref.n) != 0)
        ff_differ("chunked and record-by-record reads", &ref, &a);
    ff_ingest(path, block, 1, threads, &b); /* every block via libcsv */
    if (ref.n != b.n || memcmp(ref.s, b.s, ref.n) != 0)
        ff_differ("libcsv blocks and record-by-record reads", &ref, &b);
    free(ref.s);
    free(a.s);
    free(b.s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!memchr(data, '"', size))
        check_fastcsv(data, size);
    check_ingest(data, size);
    return 0;
}
