/* fastcsv.c: quote-free CSV text split into records exactly as libcsv
 * (options 0) and ecai_csv split it, scanning 16 bytes at a time for the
 * few bytes that matter. Text with a '"' is left to libcsv. */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "internal.h"

void ecai_fastcsv_init(ecai_fastcsv *st, const char *s, size_t n)
{
    memset(st, 0, sizeof *st);
    st->p = s;
    st->end = s + n;
    st->line_at = s;
    st->base = s;
}

long ecai_fastcsv_lines(const ecai_fastcsv *st) { return st->line; }

/* Bytes that end a run of plain field text: controls (TAB, CR, LF and the
 * ones that are not text), bytes of multi-byte UTF-8, ',' and '"'. */
static int special(unsigned char c)
{
    return c < 0x20 || c >= 0x80 || c == ',' || c == '"';
}

static const char *scan(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i lim = _mm_set1_epi8(0x20), comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* signed compare: bytes >= 0x80 are negative, so below 0x20 too */
        __m128i m = _mm_or_si128(_mm_cmplt_epi8(v, lim),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, comma),
                                              _mm_cmpeq_epi8(v, quote)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return p + __builtin_ctz(bits);
        p += 16;
    }
#endif
    while (p < end && !special((unsigned char)*p))
        p++;
    return p;
}

/* Length of the UTF-8 sequence led by p[0] >= 0x80, 0 when invalid; the
 * rules of ecai_utf8_valid (a continuation byte is never LF, so a sequence
 * cut by the end of its line fails at its lead byte there too). */
static size_t utf8_seq(const char *p, const char *end)
{
    size_t avail = (size_t)(end - p);
    size_t k = avail < 4 ? avail : 4;
    size_t ok = ecai_utf8_valid((const unsigned char *)p, k);
    if (ok == 0)
        return 0;
    unsigned char b = (unsigned char)p[0];
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
}

static int fail(ecai_fastcsv *st, const char *at)
{
    st->err_line = st->line;
    st->err_byte = (size_t)(at - st->line_at) + 1;
    st->err_value = (unsigned char)*at;
    st->p = at;
    return -2;
}

static void end_line(ecai_fastcsv *st, const char *nl)
{
    /* ecai_csv notes the first line with a byte other than a blank or a
     * line end as where the next record starts, until a record takes it */
    if (!st->line_rec && st->line_text && !st->pending)
        st->pending = st->line + 1;
    st->line++;
    st->line_rec = st->line_text = 0;
    st->line_at = nl + 1;
}

/* A field: libcsv drops the blanks around an unquoted field. */
static inline void put(ecai_span *f, size_t maxf, size_t i, const char *s,
                const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    if (i < maxf)
        f[i] = (ecai_span){s, (size_t)(e - s)};
}

/* 64 bytes from p: bit i of each mask says what p[i] is. Bytes past the
 * end count as odd, so that the careful path takes them. */
static void load(ecai_fastcsv *st, const char *p)
{
    uint64_t comma = 0, eol = 0, odd = 0;
    size_t avail = (size_t)(st->end - p);
    st->w = p;
#ifdef __SSE2__
    if (avail >= 64) {
        const __m128i lim = _mm_set1_epi8(0x20), cm = _mm_set1_epi8(',');
        const __m128i qu = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n');
        const __m128i cr = _mm_set1_epi8('\r'), tab = _mm_set1_epi8('\t');
        for (int k = 0; k < 4; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
            __m128i e = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
            __m128i ok = _mm_or_si128(e, _mm_cmpeq_epi8(v, tab));
            __m128i o = _mm_or_si128(_mm_andnot_si128(ok, _mm_cmplt_epi8(v, lim)),
                                     _mm_cmpeq_epi8(v, qu));
            comma |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cm)) << (16 * k);
            eol |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << (16 * k);
            odd |= (uint64_t)(unsigned)_mm_movemask_epi8(o) << (16 * k);
        }
        st->comma = comma;
        st->eol = eol;
        st->odd = odd;
        return;
    }
#endif
    for (size_t i = 0; i < 64; i++) {
        uint64_t bit = (uint64_t)1 << i;
        unsigned char c = i < avail ? (unsigned char)p[i] : 0;
        if (i >= avail)
            odd |= bit;
        else if (c == ',')
            comma |= bit;
        else if (c == '\n' || c == '\r')
            eol |= bit;
        else if ((c < 0x20 && c != '\t') || c >= 0x80 || c == '"')
            odd |= bit;
    }
    st->comma = comma;
    st->eol = eol;
    st->odd = odd;
}

/* The record starting at rs when its line is plain: fields of text
 * without controls, multi-byte characters or quotes, ended by LF or CRLF.
 * 1: done; 0: the careful path must take the record. */
static int plain(ecai_fastcsv *st, const char *rs, ecai_span *f, size_t maxf,
                 size_t *nf, const char **stop)
{
    const char *p = rs, *fs = rs;
    size_t n = 0;
    for (;;) {
        if (!st->w || p < st->w || p - st->w >= 64)
            load(st, st->base + ((size_t)(p - st->base) & ~(size_t)63));
        unsigned off = (unsigned)(p - st->w);
        uint64_t end = (st->eol | st->odd) >> off;
        uint64_t com = st->comma >> off;
        if (end)
            com &= (end & (0 - end)) - 1;
        while (com) {
            const char *q = p + __builtin_ctzll(com);
            put(f, maxf, n++, fs, q);
            fs = q + 1;
            com &= com - 1;
        }
        if (!end) {
            p = st->w + 64;
            continue;
        }
        const char *q = p + __builtin_ctzll(end);
        if (*q == '\r' && !(st->end - q >= 2 && q[1] == '\n'))
            return 0;
        if (*q != '\n' && *q != '\r')
            return 0;
        put(f, maxf, n++, fs, q);
        *nf = n;
        *stop = q;
        return 1;
    }
}

/* Any record: byte by byte between the bytes that matter. 1: the record
 * ends at *stop; -1: a '"'; -2: a byte that is not text. */
static int careful(ecai_fastcsv *st, const char *rs, ecai_span *f,
                   size_t maxf, size_t *nf, const char **stop)
{
    const char *p = rs, *fs = rs, *end = st->end, *q;
    size_t n = 0;
    for (;;) {
        q = scan(p, end);
        if (q == end)
            break;
        unsigned char c = (unsigned char)*q;
        if (c == ',') {
            put(f, maxf, n++, fs, q);
            fs = p = q + 1;
            continue;
        }
        if (c == '\n')
            break;
        if (c == '\r') {
            /* ecai_csv checks the whole line before it makes any record
             * of it: the rest of the line must be text too */
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            const char *le = nl ? nl + 1 : end;
            size_t ok = ecai_utf8_valid((const unsigned char *)q,
                                        (size_t)(le - q));
            if (ok != (size_t)(le - q))
                return fail(st, q + ok);
            break;
        }
        if (c == '"') {
            st->p = q;
            return -1;
        }
        if (c == '\t') {
            p = q + 1;
            continue;
        }
        if (c >= 0x80) {
            size_t k = utf8_seq(q, end);
            if (!k)
                return fail(st, q);
            p = q + k;
            continue;
        }
        return fail(st, q); /* a control byte that is not text */
    }
    put(f, maxf, n++, fs, q);
    *nf = n;
    *stop = q;
    return 1;
}

int ecai_fastcsv_next(ecai_fastcsv *st, ecai_span *f, size_t maxf, size_t *nf,
                      long *line, ecai_span *rec)
{
    const char *p = st->p, *end = st->end;

    for (;;) { /* no record begun: blanks and line ends */
        if (p == end) {
            st->p = p;
            return 0;
        }
        char c = *p;
        if (c == '\n')
            end_line(st, p);
        else if (c != '\r' && c != ' ' && c != '\t')
            break;
        p++;
    }
    st->line_text = 1;
    const char *q;
    size_t n = 0;
    if (!plain(st, p, f, maxf, &n, &q)) {
        int r = careful(st, p, f, maxf, &n, &q);
        if (r != 1)
            return r;
    }
    *nf = n;
    *line = st->pending ? st->pending - 1 : st->line;
    st->pending = 0;
    st->line_rec = 1;
    if (rec)
        *rec = (ecai_span){p, (size_t)(q - p)};
    st->p = q;
    return 1;
}
