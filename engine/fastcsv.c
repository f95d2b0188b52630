/* fastcsv.c: quote-free CSV text split into records exactly as libcsv
 * (options 0) and ecai_csv split it. The 64 bytes from a record's start
 * (and the next 64 while they hold no line end) are classified into bit
 * masks with SSE2, or AVX2 where the processor has it, and a plain record
 * (text ended by LF or CRLF) is cut at the commas of the masks; anything
 * else goes byte by byte. Text with a '"' is left to libcsv. */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define FASTCSV_AVX2 /* a second build of the fast path, chosen at run time */
#include <immintrin.h>
#define TARGET_AVX2 __attribute__((target("avx2,bmi")))
#endif
#endif
/* The fast path is one body built twice, for SSE2 and (next_avx2) for
 * AVX2: its parts must be inlined into each build. */
#ifdef __GNUC__
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif
#include "internal.h"

void ecai_fastcsv_init(ecai_fastcsv *st, const char *s, size_t n)
{
    memset(st, 0, sizeof *st);
    st->p = s;
    st->end = s + n;
    st->line_at = s;
#ifdef FASTCSV_AVX2
    st->avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi");
#endif
}

long ecai_fastcsv_lines(const ecai_fastcsv *st) { return st->line; }

/* The first byte from p that ends a run of plain field text: a control
 * (TAB, CR, LF and the ones that are not text), a byte of multi-byte
 * UTF-8, ',' or '"'. */
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
    while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x80 &&
           *p != ',' && *p != '"')
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
    /* the field: the commas before it since its record began, at the
     * line's start or after a CR (the text has no quotes) */
    st->err_field = 0;
    for (const char *p = st->line_at; p < at; p++)
        st->err_field = *p == '\r' ? 0 : st->err_field + (*p == ',');
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

/* The masks of the 64 bytes from p: bit i of each says what p[i] is. A
 * stop is a control (TAB too: the careful path takes it), a '"', or a byte
 * past the end of the text. */
typedef struct {
    uint64_t comma, stop, high, space;
} masks;

#ifdef __SSE2__
/* Bytes 16j .. 16j+15 of p into the masks. */
static inline void sse2_16(masks *k, const char *p, int j)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * j));
    /* unsigned v <= 0x1f: the controls */
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    __m128i s = _mm_or_si128(ctl, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    __m128i c = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
    __m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    k->comma |= (uint64_t)(unsigned)_mm_movemask_epi8(c) << (16 * j);
    k->stop |= (uint64_t)(unsigned)_mm_movemask_epi8(s) << (16 * j);
    k->high |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * j);
    k->space |= (uint64_t)(unsigned)_mm_movemask_epi8(b) << (16 * j);
}
#endif

#ifdef FASTCSV_AVX2
/* The same with 32-byte vectors. */
TARGET_AVX2 static inline void avx2_32(masks *k, const char *p, int j)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * j));
    __m256i ctl = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1f)), v);
    __m256i s = _mm256_or_si256(ctl, _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')));
    __m256i c = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(','));
    __m256i b = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(' '));
    k->comma |= (uint64_t)(uint32_t)_mm256_movemask_epi8(c) << (32 * j);
    k->stop |= (uint64_t)(uint32_t)_mm256_movemask_epi8(s) << (32 * j);
    k->high |= (uint64_t)(uint32_t)_mm256_movemask_epi8(v) << (32 * j);
    k->space |= (uint64_t)(uint32_t)_mm256_movemask_epi8(b) << (32 * j);
}
#endif

/* One by one: the last bytes of the text, stops after them (or 64 bytes
 * where there are no vectors). */
static masks classify_bytes(const char *p, size_t avail)
{
    masks k = {0, 0, 0, 0};
    size_t n = avail < 64 ? avail : 64;
    for (size_t i = 0; i < n; i++) {
        uint64_t bit = (uint64_t)1 << i;
        unsigned char c = (unsigned char)p[i];
        if (c == ',')
            k.comma |= bit;
        else if (c == ' ')
            k.space |= bit;
        else if (c < 0x20 || c == '"')
            k.stop |= bit;
        else if (c >= 0x80)
            k.high |= bit;
    }
    if (n < 64)
        k.stop |= ~(uint64_t)0 << n;
    return k;
}

static ALWAYS_INLINE masks classify(const char *p, size_t avail, int avx2)
{
    masks k = {0, 0, 0, 0};
    (void)avx2;
#ifdef __SSE2__
    if (avail >= 64) {
#ifdef FASTCSV_AVX2
        if (avx2) {
            avx2_32(&k, p, 0);
            avx2_32(&k, p, 1);
            return k;
        }
#endif
        sse2_16(&k, p, 0);
        sse2_16(&k, p, 1);
        sse2_16(&k, p, 2);
        sse2_16(&k, p, 3);
        return k;
    }
#endif
    return classify_bytes(p, avail);
}

/* The record starting at rs when its line is plain: UTF-8 text without
 * controls or quotes, ended by LF or CRLF. Fields are cut at the commas
 * of the masks; only when a byte >= 0x80 or a space next to a separator
 * was seen are the fields trimmed and the text checked as UTF-8 (from the
 * first such byte on). The end of the record, or NULL: the careful path
 * must take it. */
static ALWAYS_INLINE const char *plain(ecai_fastcsv *st, const char *rs,
                                       ecai_span *f, size_t maxf, size_t *nf,
                                       int avx2)
{
    const char *w = rs, *fs = rs, *rare = NULL, *q;
    size_t n = 0;
    uint64_t s, trim = 0;
    for (;;) {
        masks m = classify(w, (size_t)(st->end - w), avx2);
        s = m.stop;
        /* the bits up to the first stop (all when none) */
        uint64_t range = (s & (0 - s)) - 1, c = m.comma & range;
        if ((m.high | m.space) & range) {
            /* spaces next to a separator; bits 0 and 63 count as next to
             * one (trimming where there is nothing to trim changes nothing) */
            uint64_t sep = m.comma | m.stop;
            uint64_t edge = m.space & range &
                            (sep << 1 | sep >> 1 | 1 | (uint64_t)1 << 63);
            uint64_t r = (m.high & range) | edge;
            if (r && !rare)
                rare = w + __builtin_ctzll(r);
            trim |= edge;
        }
        for (; c; c &= c - 1, n++) {
            q = w + __builtin_ctzll(c);
            if (n < maxf)
                f[n] = (ecai_span){fs, (size_t)(q - fs)};
            fs = q + 1;
        }
        if (s)
            break;
        w += 64; /* no stop: these 64 bytes are all text, more follow */
    }
    q = w + __builtin_ctzll(s);
    if (q == st->end ||
        (*q != '\n' && !(*q == '\r' && st->end - q >= 2 && q[1] == '\n')))
        return NULL;
    if (n < maxf)
        f[n] = (ecai_span){fs, (size_t)(q - fs)};
    *nf = ++n;
    if (rare) {
        size_t len = (size_t)(q - rare);
        if (ecai_utf8_valid((const unsigned char *)rare, len) != len)
            return NULL;
        for (size_t i = 0; trim && i < n && i < maxf; i++)
            put(f, maxf, i, f[i].s, f[i].s + f[i].n);
    }
    return q;
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

static ALWAYS_INLINE int next(ecai_fastcsv *st, ecai_span *f, size_t maxf,
                              size_t *nf, long *line, ecai_span *rec, int avx2)
{
    const char *p = st->p, *end = st->end;

    /* no record begun: blanks and line ends (most often, none) */
    while (p == end || (unsigned char)*p <= ' ') {
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
    *line = st->pending ? st->pending - 1 : st->line;
    const char *q = plain(st, p, f, maxf, nf, avx2);
    if (q) {
        /* its line ends too, after a record: no record pending */
        const char *nl = q + (*q == '\r');
        st->pending = 0;
        st->line++;
        st->line_rec = st->line_text = 0;
        st->line_at = st->p = nl + 1;
    } else {
        st->line_text = 1;
        int r = careful(st, p, f, maxf, nf, &q);
        if (r != 1)
            return r;
        st->pending = 0;
        st->line_rec = 1;
        st->p = q;
    }
    if (rec)
        *rec = (ecai_span){p, (size_t)(q - p)};
    return 1;
}

#ifdef FASTCSV_AVX2
TARGET_AVX2 static int next_avx2(ecai_fastcsv *st, ecai_span *f, size_t maxf,
                                 size_t *nf, long *line, ecai_span *rec)
{
    return next(st, f, maxf, nf, line, rec, 1);
}
#endif

#ifdef __GNUC__
__attribute__((noinline)) /* so that the dispatch below stays two jumps */
#endif
static int next_sse2(ecai_fastcsv *st, ecai_span *f, size_t maxf, size_t *nf,
                     long *line, ecai_span *rec)
{
    return next(st, f, maxf, nf, line, rec, 0);
}

int ecai_fastcsv_next(ecai_fastcsv *st, ecai_span *f, size_t maxf, size_t *nf,
                      long *line, ecai_span *rec)
{
#ifdef FASTCSV_AVX2
    if (st->avx2)
        return next_avx2(st, f, maxf, nf, line, rec);
#endif
    return next_sse2(st, f, maxf, nf, line, rec);
}
