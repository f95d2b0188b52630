/* textbuf.c: numbers as text without printf, and a growable buffer that
 * output rows are built in. "%.15g" is computed exactly in 128-bit
 * integers for the numbers the outputs are made of (1e-8 to 1e15) and
 * left to printf otherwise, so that every byte is what printf writes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "textbuf.h"

__extension__ typedef unsigned __int128 u128;

size_t ecai_fmt_u64(char *buf, uint64_t v)
{
    char t[20];
    size_t n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = t[n - 1 - i];
    buf[n] = '\0';
    return n;
}

size_t ecai_fmt_i64(char *buf, int64_t v)
{
    if (v >= 0)
        return ecai_fmt_u64(buf, (uint64_t)v);
    buf[0] = '-';
    return 1 + ecai_fmt_u64(buf + 1, 0 - (uint64_t)v);
}

/* floor(m 2^-s 10^k) exactly (0 < s < 128, m < 2^53, k <= 22: the
 * product stays below 2^127), and in *rest the sign of what is left
 * minus one half. */
static uint64_t scaled(uint64_t m, int s, int k, int *rest)
{
    u128 x = (u128)m * ecai_pow10_u64[k < 19 ? k : 19];
    if (k > 19)
        x *= ecai_pow10_u64[k - 19];
    u128 q = x >> s, r = x - (q << s), half = (u128)1 << (s - 1);
    *rest = r > half ? 1 : r == half ? 0 : -1;
    return (uint64_t)q;
}

size_t ecai_fmt_g15(char *buf, double v)
{
    char *p = buf, d[15];
    double a = fabs(v);
    if (!(a < 1e15)) /* NaN, inf, and the exponent form of large numbers */
        return (size_t)snprintf(buf, ECAI_NUM_TEXT, "%.15g", v);
    if (signbit(v))
        *p++ = '-';
    if (a == (double)(uint64_t)a) /* 15 digits at most: all of them */
        return (size_t)(p - buf) + ecai_fmt_u64(p, (uint64_t)a);
    /* a = m 2^-s; its decimal exponent is e or e + 1 */
    int bexp;
    uint64_t m = (uint64_t)ldexp(frexp(a, &bexp), 53);
    int s = 53 - bexp, e = (int)floor((bexp - 1) * 0.30102999566398120),
        rest;
    if (e < -8 || a < 1e-8)
        return (size_t)snprintf(buf, ECAI_NUM_TEXT, "%.15g", v);
    /* the 15 significant digits, rounded half to even as printf does */
    uint64_t q = scaled(m, s, 14 - e, &rest);
    if (q >= ecai_pow10_u64[15])
        q = scaled(m, s, 14 - ++e, &rest);
    if (rest > 0 || (rest == 0 && (q & 1)))
        q++;
    if (q == ecai_pow10_u64[15]) {
        q = ecai_pow10_u64[14];
        e++;
    }
    for (int i = 14; i >= 0; i--) {
        d[i] = (char)('0' + q % 10);
        q /= 10;
    }
    int nd = 15; /* without the trailing zeros */
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    if (e < -4 || e >= 15) { /* d.ddde-XX */
        *p++ = d[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, d + 1, (size_t)nd - 1);
            p += nd - 1;
        }
        *p++ = 'e';
        *p++ = e < 0 ? '-' : '+';
        *p++ = (char)('0' + abs(e) / 10);
        *p++ = (char)('0' + abs(e) % 10);
    } else if (e >= 0) {
        memcpy(p, d, (size_t)e + 1);
        p += e + 1;
        if (nd > e + 1) {
            *p++ = '.';
            memcpy(p, d + e + 1, (size_t)(nd - e - 1));
            p += nd - e - 1;
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -e - 1; i++)
            *p++ = '0';
        memcpy(p, d, (size_t)nd);
        p += nd;
    }
    *p = '\0';
    return (size_t)(p - buf);
}

void ecai_tb_free(ecai_tbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

int ecai_tb_grow(ecai_tbuf *b, size_t n)
{
    if (b->cap - b->n >= n)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->n < n)
        cap *= 2;
    char *p = b->oom ? NULL : realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void ecai_tb_str(ecai_tbuf *b, const char *s)
{
    ecai_tb_mem(b, s, strlen(s));
}

void ecai_tb_csv(ecai_tbuf *b, const char *s)
{
    size_t n = strcspn(s, ",\"\r\n");
    if (!s[n]) {
        ecai_tb_mem(b, s, n);
        return;
    }
    ecai_tb_chr(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            ecai_tb_chr(b, '"');
        ecai_tb_chr(b, *s);
    }
    ecai_tb_chr(b, '"');
}

void ecai_tb_num(ecai_tbuf *b, double v)
{
    char t[ECAI_NUM_TEXT];
    if (isnan(v))
        return;
    if (v == 0)
        v = 0; /* no "-0" */
    ecai_tb_mem(b, t, ecai_fmt_g15(t, v));
}

void ecai_tb_u64(ecai_tbuf *b, uint64_t v)
{
    char t[ECAI_NUM_TEXT];
    ecai_tb_mem(b, t, ecai_fmt_u64(t, v));
}

void ecai_tb_pad(ecai_tbuf *b, int64_t v, int width)
{
    char t[ECAI_NUM_TEXT];
    size_t n = ecai_fmt_u64(t, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
    int zeros = width - (int)n - (v < 0);
    if (v < 0)
        ecai_tb_chr(b, '-');
    for (int i = 0; i < zeros; i++)
        ecai_tb_chr(b, '0');
    ecai_tb_mem(b, t, n);
}

void ecai_tb_take(ecai_tbuf *b, ecai_tbuf *src)
{
    ecai_tb_mem(b, src->p, src->n);
    b->oom |= src->oom;
    src->n = 0;
}

int ecai_tb_flush(ecai_tbuf *b, FILE *fp)
{
    if (b->oom)
        return -1;
    int bad = b->n && fwrite(b->p, 1, b->n, fp) != b->n;
    b->n = 0;
    return bad ? -1 : 0;
}
