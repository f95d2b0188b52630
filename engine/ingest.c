/* ingest.c: a CSV file read by all threads at once, in blocks of whole
 * lines (chunk.c): a quote-free block is split by fastcsv.c and parsed in
 * parallel; a block with a '"', or one that begins inside a quoted field,
 * is fed to libcsv in file order. Records are committed in file order with
 * the lines, messages and stopping point that reading the file through
 * ecai_csv_next alone gives, so nothing depends on the block size or the
 * thread count. A file that cannot be read at an offset (a pipe) is read
 * through ecai_csv_next. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "internal.h"

#define BLOCK_BYTES ((uint64_t)256 << 10)
/* The reader before this one committed rows in batches of 16384 records
 * and read each batch whole first: a file error within the batch of the
 * first failed commit is the error reported. Kept, so that messages stay
 * the same (see take()). */
#define BATCH 16384

static uint64_t tune_block;
static int tune_mode; /* 1: every block through libcsv; 2: no blocks */

void ecai_ingest_tune(uint64_t block_bytes, int mode)
{
    tune_block = block_bytes;
    tune_mode = mode;
}

typedef struct {
    _Alignas(ECAI_LINE) ecai_block b; /* one thread's at a time */
    int slow;   /* has a '"': needs libcsv */
    int io_err; /* errno of a failed read, 0: none */
    int bad;    /* a byte that is not text at err_line, err_byte */
    long err_line;
    size_t err_byte, err_field;
    unsigned char err_value;
    long nlines, pending; /* lines ended; pending record line + 1 */
    size_t nrec, cap;
    ecai_span *rec; /* record bytes, for ecai_ingest_record */
    long *line;     /* record lines, from the block's first line */
    ecai_span *f;   /* fields of the record being parsed */
} gslot;

struct ecai_ingest {
    ecai_csv *csv;
    int chunked, fd;
    uint64_t fsize, from, bsize, kfirst;
    gslot *slots;
    size_t nslots, keep;
    const ecai_ingest_ops *ops;
    /* commit side: written for every record while the other threads
     * read the fields above */
    _Alignas(ECAI_LINE) long next_line; /* the next block's first line */
    long pending;   /* line where a pending record starts, 0: none */
    int in_quotes;  /* libcsv stopped inside a record */
    uint64_t nrec;  /* records committed or counted */
    int scanning;   /* a commit failed: counting to the end of its batch */
    uint64_t stop_at;
    int slow_active;  /* the current record is libcsv's */
    ecai_span *sf;    /* its fields */
    eca_status cstatus, fstatus;
    eca_error cerr, ferr; /* commit error, file error */
};

ecai_ingest *ecai_ingest_open(const char *path, const char *name,
                              eca_error *err)
{
    ecai_ingest *g = ecai_calloc_lines(1, sizeof *g);
    struct stat st;
    uint64_t from;
    long line;

    if (!g) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        return NULL;
    }
    g->csv = ecai_csv_open(path, name, err);
    if (!g->csv) {
        free(g);
        return NULL;
    }
    g->fd = ecai_csv_fd(g->csv);
    if (tune_mode != 2 && fstat(g->fd, &st) == 0 && S_ISREG(st.st_mode) &&
        ecai_csv_line_start(g->csv, &from, &line)) {
        g->chunked = 1;
        g->fsize = (uint64_t)st.st_size;
        g->from = from;
        g->next_line = line + 1;
        g->bsize = tune_block ? tune_block : BLOCK_BYTES;
        g->kfirst = from / g->bsize;
    }
    return g;
}

void ecai_ingest_free(ecai_ingest *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nslots; i++) {
        ecai_block_free(&g->slots[i].b);
        free(g->slots[i].rec);
        free(g->slots[i].line);
        free(g->slots[i].f);
    }
    free(g->slots);
    free(g->sf);
    ecai_csv_close(g->csv);
    free(g);
}

const ecai_csv *ecai_ingest_csv(const ecai_ingest *g) { return g->csv; }

/* With several threads, 8 slots each (and 2 spare): a thread runs up to
 * 8 blocks ahead of a commit that waits on another thread's block before
 * it stops, so a pause of one thread (this machine's neighbours) stalls
 * the other less. monthly-20m, 2 threads, interleaved runs, 6 each: the
 * threads stood idle 0.101 s in all with 3 slots each, 0.053 s with 8
 * and 0.051 s with 16; each slot holds a block and its parsed rows,
 * about 0.8 MB. One thread commits each block as soon as it is parsed. */
size_t ecai_ingest_slots(const ecai_ingest *g, int threads)
{
    if (!g->chunked)
        return 1;
    return threads > 1 ? 8 * (size_t)threads + 2 : 4;
}

/* ---- file order: commit, or count after a failed commit ---- */

/* Record g->nrec, in file order. 1: stop reading. */
static int take(ecai_ingest *g, size_t slot, size_t i, long line)
{
    if (!g->scanning) {
        eca_status st = g->ops->commit(g->ops->user, slot, i, line, &g->cerr);
        if (st != ECA_OK) {
            /* the old reader would first have read the rest of this
             * record's batch: a file error there wins */
            g->cstatus = st;
            g->scanning = 1;
            g->stop_at = (g->nrec / BATCH + 1) * BATCH;
        }
    }
    g->nrec++;
    return g->scanning && g->nrec >= g->stop_at;
}

/* A file error (in g->ferr) after g->nrec records: stop. */
static int file_error(ecai_ingest *g)
{
    g->fstatus = g->ferr.status ? g->ferr.status : ECA_ECSV;
    return 1;
}

static void csv_record(ecai_ingest *g, ecai_record *r)
{
    size_t nf = ecai_csv_nfields(g->csv);
    for (size_t j = 0; j < nf && j < g->keep; j++)
        g->sf[j].s = ecai_csv_field(g->csv, j, &g->sf[j].n);
    *r = (ecai_record){g->sf, nf, ecai_csv_line(g->csv), {NULL, 0}};
}

/* Takes the records libcsv has completed. 1: stop. */
static int drain(ecai_ingest *g, size_t slot)
{
    int r;
    while ((r = ecai_csv_next(g->csv, &g->ferr)) == 1) {
        ecai_record rec;
        csv_record(g, &rec);
        if (!g->scanning)
            g->ops->parse(g->ops->user, slot, 0, &rec);
        if (take(g, slot, 0, rec.line))
            return 1;
    }
    return r < 0 ? file_error(g) : 0;
}

/* ---- blocks ---- */

static int grow_slot(gslot *s, size_t need)
{
    if (need <= s->cap)
        return 0;
    size_t cap = s->cap ? 2 * s->cap : 4096;
    ecai_span *rec = realloc(s->rec, cap * sizeof *rec);
    if (rec)
        s->rec = rec;
    long *line = realloc(s->line, cap * sizeof *line);
    if (line)
        s->line = line;
    if (!rec || !line)
        return -1;
    s->cap = cap;
    return 0;
}

static void work(void *user, size_t k, size_t slot)
{
    ecai_ingest *g = user;
    gslot *s = &g->slots[slot];
    ecai_fastcsv st;
    size_t n = 0, nf;
    long line;
    ecai_span text;
    int r;

    s->slow = s->io_err = s->bad = 0;
    s->nrec = 0;
    s->nlines = s->pending = 0;
    if (ecai_block_read(g->fd, g->fsize, g->from, g->bsize, g->kfirst + k,
                        &s->b) != 0) {
        s->io_err = errno ? errno : EIO;
        return;
    }
    if (s->b.len == 0)
        return;
    if (tune_mode == 1 || memchr(s->b.buf, '"', s->b.len)) {
        s->slow = 1;
        return;
    }
    ecai_fastcsv_init(&st, s->b.buf, s->b.len);
    while ((r = ecai_fastcsv_next(&st, s->f, g->keep, &nf, &line, &text)) ==
           1) {
        if (grow_slot(s, n + 1) != 0) {
            s->io_err = ENOMEM;
            return;
        }
        s->rec[n] = text;
        s->line[n] = line;
        ecai_record rec = {s->f, nf, line, text};
        g->ops->parse(g->ops->user, slot, n, &rec);
        n++;
    }
    if (r == -1) {
        s->slow = 1; /* not reached: the block has no '"' */
        return;
    }
    if (r == -2) {
        s->bad = 1;
        s->err_line = st.err_line;
        s->err_byte = st.err_byte;
        s->err_field = st.err_field;
        s->err_value = st.err_value;
    }
    s->nrec = n;
    s->nlines = ecai_fastcsv_lines(&st);
    s->pending = st.pending;
}

/* A block through libcsv, line by line, as ecai_csv reads a file. */
static int commit_slow(ecai_ingest *g, size_t slot)
{
    gslot *s = &g->slots[slot];
    const char *p = s->b.buf, *end = p + s->b.len;

    g->slow_active = 1;
    ecai_csv_set_external(g->csv, g->next_line - 1, g->pending);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl + 1 : end;
        if (ecai_csv_feed(g->csv, p, (size_t)(le - p), &g->ferr) != 0)
            return file_error(g);
        p = le;
        if (drain(g, slot))
            return 1;
    }
    g->next_line = ecai_csv_last_line(g->csv) + 1;
    g->pending = ecai_csv_pending(g->csv);
    g->in_quotes = ecai_csv_in_record(g->csv);
    g->slow_active = 0;
    return 0;
}

static int commit(void *user, size_t k, size_t slot)
{
    ecai_ingest *g = user;
    gslot *s = &g->slots[slot];
    long base = g->next_line;
    (void)k;

    if (s->io_err) {
        ecai_fail(&g->ferr, s->io_err == ENOMEM ? ECA_ENOMEM : ECA_EIO,
                  "%s: read error: %s", ecai_csv_name(g->csv),
                  strerror(s->io_err));
        return file_error(g);
    }
    if (s->b.len == 0)
        return 0;
    if (s->slow || g->in_quotes) {
        if (commit_slow(g, slot))
            return 1;
    } else {
        for (size_t i = 0; i < s->nrec; i++) {
            /* a record pending from an earlier block takes its line */
            long line = i == 0 && g->pending ? g->pending : base + s->line[i];
            if (take(g, slot, i, line))
                return 1;
        }
        if (s->bad) {
            ecai_csv_fail_utf8(g->csv, &g->ferr, base + s->err_line,
                               s->err_field, s->err_byte, s->err_value);
            return file_error(g);
        }
        if (s->nrec)
            g->pending = s->pending ? base + s->pending - 1 : 0;
        else if (!g->pending && s->pending)
            g->pending = base + s->pending - 1;
        g->next_line = base + s->nlines;
    }
    if (g->ops->progress && !g->scanning)
        g->ops->progress(g->ops->user, s->b.at + s->b.len, g->fsize);
    return 0;
}

/* ---- a whole run ---- */

static void run_sequential(ecai_ingest *g)
{
    uint64_t n = 0;
    g->slow_active = 1;
    for (;;) {
        int r = ecai_csv_next(g->csv, &g->ferr);
        if (r < 0) {
            file_error(g);
            return;
        }
        if (r == 0)
            return;
        ecai_record rec;
        csv_record(g, &rec);
        if (!g->scanning)
            g->ops->parse(g->ops->user, 0, 0, &rec);
        if (take(g, 0, 0, rec.line))
            return;
        if (++n % BATCH == 0 && g->ops->progress && !g->scanning)
            g->ops->progress(g->ops->user, ecai_csv_bytes_read(g->csv),
                             ecai_csv_bytes_total(g->csv));
    }
}

static int run_blocks(ecai_ingest *g, int threads)
{
    size_t nb = 0;
    if (g->fsize > g->from)
        nb = (size_t)((g->fsize + g->bsize - 1) / g->bsize - g->kfirst);
    g->nslots = ecai_ingest_slots(g, threads);
    g->slots = ecai_calloc_lines(g->nslots, sizeof *g->slots);
    if (!g->slots)
        return -1;
    for (size_t i = 0; i < g->nslots; i++)
        if (!(g->slots[i].f = calloc(g->keep, sizeof *g->slots[i].f)))
            return -1;
    ecai_pipeline p = {g, work, commit};
    int r = ecai_pipeline_run(&p, nb, g->nslots, threads);
    if (r < 0)
        return -1;
    if (r == 0) { /* the end of the file, as ecai_csv_next meets it */
        g->slow_active = 1;
        ecai_csv_set_external(g->csv, g->next_line - 1, g->pending);
        if (ecai_csv_feed_end(g->csv, &g->ferr) != 0)
            file_error(g);
        else
            drain(g, 0);
    }
    return 0;
}

eca_status ecai_ingest_run(ecai_ingest *g, const ecai_ingest_ops *ops,
                           size_t keep, int threads, eca_error *err)
{
    g->ops = ops;
    g->keep = keep ? keep : 1;
    g->sf = calloc(g->keep, sizeof *g->sf);
    if (!g->sf)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (!g->chunked)
        run_sequential(g);
    else if (run_blocks(g, threads) != 0)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (g->fstatus) {
        ecai_fail(err, g->fstatus, "%s", g->ferr.msg);
        return g->fstatus;
    }
    if (g->cstatus) {
        ecai_fail(err, g->cstatus, "%s", g->cerr.msg);
        return g->cstatus;
    }
    return ECA_OK;
}

void ecai_ingest_record(const ecai_ingest *g, size_t slot, size_t i,
                        ecai_record *r, ecai_span *f)
{
    if (g->slow_active) {
        size_t nf = ecai_csv_nfields(g->csv);
        for (size_t j = 0; j < nf && j < g->keep; j++)
            f[j].s = ecai_csv_field(g->csv, j, &f[j].n);
        *r = (ecai_record){f, nf, ecai_csv_line(g->csv), {NULL, 0}};
        return;
    }
    const gslot *s = &g->slots[slot];
    ecai_fastcsv st;
    size_t nf = 0;
    long line;
    ecai_fastcsv_init(&st, s->rec[i].s, s->rec[i].n);
    ecai_fastcsv_next(&st, f, g->keep, &nf, &line, NULL);
    *r = (ecai_record){f, nf, 0, s->rec[i]};
}
