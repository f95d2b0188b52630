/* csvread.c: streaming CSV records through libcsv, with the position
 * (physical line of each record) that libcsv itself does not report, a
 * leading BOM skipped, and every line checked to be UTF-8 text. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "internal.h"

#define READ_CHUNK (1u << 20)

typedef struct {
    size_t first, n;
    long line;
} record;

struct ecai_csv {
    FILE *fp;
    char *name;
    struct csv_parser p;
    int parser_ready;

    char *buf; /* raw bytes read, [pos, len) not yet fed */
    size_t cap, len, pos;
    int eof;
    uint64_t bytes_read, bytes_total;
    long line;          /* physical line being fed, 1-based */
    long pending_start; /* first line of the record being built, 0: none */

    char *fb; /* field bytes, each NUL-terminated */
    size_t fb_len, fb_cap;
    size_t *off; /* field i starts at fb + off[i] and has len[i] bytes */
    size_t *flen;
    size_t nf, f_cap;
    size_t building; /* first field of the record being built */

    record *recs; /* completed records not yet returned */
    size_t nrec, rnext, r_cap;
    record cur;
    int nomem;

    char **cols;
    size_t ncols;
    long header_line;
    int external; /* fed by ecai_csv_feed, not from fp */
};

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static void on_field(void *s, size_t n, void *data)
{
    ecai_csv *c = data;
    size_t fcap = c->f_cap;
    if (grow((void **)&c->fb, &c->fb_cap, c->fb_len + n + 1, 1) ||
        grow((void **)&c->off, &fcap, c->nf + 1, sizeof *c->off) ||
        grow((void **)&c->flen, &c->f_cap, c->nf + 1, sizeof *c->flen)) {
        c->nomem = 1;
        return;
    }
    if (n)
        memcpy(c->fb + c->fb_len, s, n);
    c->fb[c->fb_len + n] = '\0';
    c->off[c->nf] = c->fb_len;
    c->flen[c->nf] = n;
    c->fb_len += n + 1;
    c->nf++;
}

static void on_record(int term, void *data)
{
    ecai_csv *c = data;
    (void)term;
    size_t n = c->nf - c->building;
    long line = c->pending_start ? c->pending_start : c->line;
    c->pending_start = 0;
    if (n == 1 && c->flen[c->building] == 0) { /* a line of blanks: no data */
        c->nf = c->building;
        return;
    }
    if (grow((void **)&c->recs, &c->r_cap, c->nrec + 1, sizeof *c->recs)) {
        c->nomem = 1;
        return;
    }
    c->recs[c->nrec++] = (record){c->building, n, line};
    c->building = c->nf;
}

size_t ecai_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        if (b < 0x80) {
            if (b < 0x20 && b != '\t' && b != '\r' && b != '\n')
                return i;
            i++;
            continue;
        }
        size_t k;
        unsigned lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF)
            k = 1;
        else if (b >= 0xE0 && b <= 0xEF) {
            k = 2;
            if (b == 0xE0)
                lo = 0xA0;
            if (b == 0xED)
                hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            k = 3;
            if (b == 0xF0)
                lo = 0x90;
            if (b == 0xF4)
                hi = 0x8F;
        } else
            return i;
        if (i + k >= n)
            return i;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t j = 2; j <= k; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xBF)
                return i;
        i += k + 1;
    }
    return n;
}

eca_status ecai_utf8_fail(eca_error *err, const char *name, long line,
                          const char *column, size_t byte,
                          unsigned char value)
{
    const char *hint = value < 0x80 ? "" : "; save the file as UTF-8; GBK "
                       "or GB18030 text, as Excel often writes, is not accepted";
    if (column && *column)
        return ecai_fail(err, ECA_ECSV, "%s:%ld: column '%.100s': byte %zu "
                         "(0x%02X) is not UTF-8 text%s", name, line, column,
                         byte, value, hint);
    return ecai_fail(err, ECA_ECSV, "%s:%ld: byte %zu (0x%02X) is not UTF-8 "
                     "text%s", name, line, byte, value, hint);
}

eca_status ecai_csv_fail_utf8(const ecai_csv *c, eca_error *err, long line,
                              size_t field, size_t byte, unsigned char value)
{
    return ecai_utf8_fail(err, c->name, line,
                          field < c->ncols ? c->cols[field] : NULL, byte,
                          value);
}

/* Next physical line (with its '\n' when present); 0 at end of file. */
static int next_line(ecai_csv *c, const char **line, size_t *n,
                     eca_error *err)
{
    for (;;) {
        char *nl = c->len > c->pos
                       ? memchr(c->buf + c->pos, '\n', c->len - c->pos)
                       : NULL;
        if (nl || (c->eof && c->pos < c->len)) {
            size_t end = nl ? (size_t)(nl - c->buf) + 1 : c->len;
            *line = c->buf + c->pos;
            *n = end - c->pos;
            c->pos = end;
            return 1;
        }
        if (c->eof)
            return 0;
        if (c->pos > 0) {
            memmove(c->buf, c->buf + c->pos, c->len - c->pos);
            c->len -= c->pos;
            c->pos = 0;
        }
        if (c->len + READ_CHUNK > c->cap &&
            grow((void **)&c->buf, &c->cap, c->len + READ_CHUNK, 1))
            return ecai_fail(err, ECA_ENOMEM, "%s: out of memory", c->name),
                   -1;
        size_t got = fread(c->buf + c->len, 1, READ_CHUNK, c->fp);
        if (got < READ_CHUNK) {
            if (ferror(c->fp))
                return ecai_fail(err, ECA_EIO, "%s: read error: %s", c->name,
                                 strerror(errno)),
                       -1;
            c->eof = 1;
        }
        c->len += got;
        c->bytes_read += got;
    }
}

/* End of input: libcsv reports an unclosed quote at the end only in
 * strict mode; the rest of the file was read leniently. */
static int feed_end(ecai_csv *c, eca_error *err)
{
    csv_set_opts(&c->p, CSV_STRICT | CSV_STRICT_FINI);
    if (csv_fini(&c->p, on_field, on_record, c) != 0)
        return ecai_fail(err, ECA_ECSV,
                         "%s:%ld: a quoted field is never closed", c->name,
                         c->pending_start ? c->pending_start : c->line),
               -1;
    return c->nomem ? (ecai_fail(err, ECA_ENOMEM, "out of memory"), -1) : 0;
}

/* One physical line (with its '\n' when present) into the parser. */
static int feed_line(ecai_csv *c, const char *s, size_t n, eca_error *err)
{
    c->line++;
    if (c->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
    }
    size_t ok = ecai_utf8_valid((const unsigned char *)s, n);
    if (ok != n) {
        /* the field of the bad byte: libcsv takes the text before it, and
         * the records it completes are dropped (reading stops here) */
        size_t nrec = c->nrec;
        csv_parse(&c->p, s, ok, on_field, on_record, c);
        c->nrec = nrec;
        return ecai_csv_fail_utf8(c, err, c->line, c->nf - c->building,
                                  ok + 1, (unsigned char)s[ok]),
               -1;
    }
    if (!c->pending_start)
        for (size_t i = 0; i < n; i++)
            if (s[i] != '\r' && s[i] != '\n' && s[i] != ' ' && s[i] != '\t') {
                /* libcsv skips a line of blanks without a callback */
                c->pending_start = c->line;
                break;
            }
    if (csv_parse(&c->p, s, n, on_field, on_record, c) != n)
        return ecai_fail(err, ECA_ECSV, "%s:%ld: %s", c->name, c->line,
                         csv_strerror(csv_error(&c->p))),
               -1;
    if (c->nomem)
        return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
    return 1;
}

static int feed(ecai_csv *c, eca_error *err)
{
    const char *s;
    size_t n;
    int r = next_line(c, &s, &n, err);
    if (r <= 0)
        return r < 0 ? -1 : feed_end(c, err);
    return feed_line(c, s, n, err);
}

int ecai_csv_next(ecai_csv *c, eca_error *err)
{
    if (c->rnext == c->nrec) {
        /* all returned: keep only the record being built */
        size_t keep = c->nf - c->building;
        size_t base = keep ? c->off[c->building] : c->fb_len;
        if (c->fb_len > base)
            memmove(c->fb, c->fb + base, c->fb_len - base);
        for (size_t i = 0; i < keep; i++) {
            c->off[i] = c->off[c->building + i] - base;
            c->flen[i] = c->flen[c->building + i];
        }
        c->fb_len -= base;
        c->nf = keep;
        c->building = 0;
        c->nrec = c->rnext = 0;
        if (c->external)
            return 0;
        while (c->nrec == 0) {
            int r = feed(c, err);
            if (r < 0)
                return -1;
            if (r == 0 && c->nrec == 0)
                return 0;
        }
    }
    c->cur = c->recs[c->rnext++];
    return 1;
}

size_t ecai_csv_nfields(const ecai_csv *c) { return c->cur.n; }
long ecai_csv_line(const ecai_csv *c) { return c->cur.line; }
uint64_t ecai_csv_bytes_read(const ecai_csv *c) { return c->bytes_read; }
uint64_t ecai_csv_bytes_total(const ecai_csv *c) { return c->bytes_total; }
const char *ecai_csv_name(const ecai_csv *c) { return c->name; }
size_t ecai_csv_columns(const ecai_csv *c) { return c->ncols; }
const char *ecai_csv_column_name(const ecai_csv *c, size_t i)
{
    return i < c->ncols ? c->cols[i] : "";
}

const char *ecai_csv_field(const ecai_csv *c, size_t i, size_t *len)
{
    if (i >= c->cur.n) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = c->flen[c->cur.first + i];
    return c->fb + c->off[c->cur.first + i];
}

long ecai_csv_find(const ecai_csv *c, const char *name)
{
    for (size_t i = 0; i < c->ncols; i++)
        if (strcmp(c->cols[i], name) == 0)
            return (long)i;
    return -1;
}

eca_status ecai_csv_require(const ecai_csv *c, const char *const *names,
                            eca_error *err)
{
    for (; *names; names++)
        if (ecai_csv_find(c, *names) < 0)
            return ecai_fail(err, ECA_ECOLUMN,
                             "%s:%ld: column '%s': required column is missing",
                             c->name, c->header_line, *names);
    return ECA_OK;
}

void ecai_csv_close(ecai_csv *c)
{
    if (!c)
        return;
    if (c->fp)
        fclose(c->fp);
    if (c->parser_ready)
        csv_free(&c->p);
    for (size_t i = 0; i < c->ncols; i++)
        free(c->cols[i]);
    free(c->cols);
    free(c->name);
    free(c->buf);
    free(c->fb);
    free(c->off);
    free(c->flen);
    free(c->recs);
    free(c);
}

static eca_status read_header(ecai_csv *c, eca_error *err)
{
    int r = ecai_csv_next(c, err);
    if (r < 0)
        return err->status;
    if (r == 0)
        return ecai_fail(err, ECA_ECSV, "%s: the file is empty (no header)",
                         c->name);
    c->header_line = c->cur.line;
    c->cols = calloc(c->cur.n, sizeof *c->cols);
    if (!c->cols)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->cur.n; i++) {
        size_t n;
        const char *f = ecai_csv_field(c, i, &n);
        c->cols[i] = strdup(f);
        if (!c->cols[i])
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        c->ncols++;
        for (size_t j = 0; j < i; j++)
            if (n && strcmp(c->cols[j], f) == 0)
                return ecai_fail(err, ECA_ECSV,
                                 "%s:%ld: column '%s' appears twice in the "
                                 "header",
                                 c->name, c->cur.line, f);
    }
    return ECA_OK;
}

int ecai_file_exists(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp)
        fclose(fp);
    return fp != NULL;
}

eca_status ecai_dir_check(const char *dir, eca_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return ecai_fail(err, ECA_EIO, "%s: %s", dir,
                         errno == ENOENT ? "no such folder" : strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return ecai_fail(err, ECA_EIO, "%s: not a folder", dir);
    return ECA_OK;
}

ecai_csv *ecai_csv_open(const char *path, const char *name, eca_error *err)
{
    eca_error local;
    if (!err) {
        eca_error_clear(&local);
        err = &local;
    }
    ecai_csv *c = calloc(1, sizeof *c);
    if (!c) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        return NULL;
    }
    c->name = strdup(name);
    c->fp = fopen(path, "rb");
    if (!c->name || !c->fp) {
        ecai_fail(err, ECA_EIO, "%s: cannot open: %s", path,
                  c->name ? strerror(errno) : "out of memory");
        goto fail;
    }
    struct stat st;
    if (fstat(fileno(c->fp), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            ecai_fail(err, ECA_EIO, "%s: is a folder, not a file", path);
            goto fail;
        }
        c->bytes_total = (uint64_t)st.st_size;
    }
    if (csv_init(&c->p, 0) != 0) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    c->parser_ready = 1;
    if (read_header(c, err) != ECA_OK)
        goto fail;
    return c;
fail:
    ecai_csv_close(c);
    return NULL;
}

/* ---- external feeding, for the chunked reader (ingest.c) ---- */

int ecai_csv_line_start(const ecai_csv *c, uint64_t *offset, long *line)
{
    if (c->external || c->rnext != c->nrec || c->nf != c->building ||
        c->p.pstate != 0 || c->p.entry_pos != 0 || c->pending_start)
        return 0;
    *offset = c->bytes_read - (uint64_t)(c->len - c->pos);
    *line = c->line;
    return 1;
}

void ecai_csv_set_external(ecai_csv *c, long line, long pending)
{
    c->external = 1;
    c->line = line;
    c->pending_start = pending;
}

int ecai_csv_feed(ecai_csv *c, const char *s, size_t n, eca_error *err)
{
    return feed_line(c, s, n, err) < 0 ? -1 : 0;
}

int ecai_csv_feed_end(ecai_csv *c, eca_error *err)
{
    return feed_end(c, err);
}

long ecai_csv_pending(const ecai_csv *c) { return c->pending_start; }
long ecai_csv_last_line(const ecai_csv *c) { return c->line; }
int ecai_csv_in_record(const ecai_csv *c) { return c->p.pstate != 0; }
int ecai_csv_fd(const ecai_csv *c) { return fileno(c->fp); }
