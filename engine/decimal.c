/* decimal.c: exact parsing of decimal text and fixed-point scaling, so that
 * meter quantities are summed without rounding, in any order. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAX_DIGITS 19 /* 10^19 - 1 < 2^64 */
/* A row may carry at most 10^15 base units (10^15 t, m3, kWh or GJ):
 * 10^24 in fixed point, so 10^14 rows still fit an __int128 sum. */
#define ROW_MAX_EXP10 (15 + ECAI_SCALE)

/* The common form, [+-]digits[.digits] with at most 19 digits in all, in
 * one pass: the same result as the general parse below. 0, or -1 when the
 * text is of another form. */
static int parse_plain(const char *s, size_t n, ecai_decimal *d)
{
    size_t i = 0, nd = 0;
    int neg = 0, dot = 0, frac = 0;
    uint64_t m = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    for (; i < n; i++) {
        unsigned c = (unsigned)(unsigned char)s[i] - '0';
        if (c <= 9) {
            m = m * 10 + c;
            nd++;
            frac += dot;
        } else if (s[i] == '.' && !dot) {
            dot = 1;
        } else {
            return -1;
        }
    }
    if (nd == 0 || nd > MAX_DIGITS)
        return -1;
    d->neg = neg && m != 0;
    d->mant = m;
    d->exp = m ? -frac : 0;
    return 0;
}

int ecai_decimal_parse(const char *s, size_t n, ecai_decimal *d)
{
    if (parse_plain(s, n, d) == 0)
        return 0;
    size_t i = 0;
    int neg = 0, any = 0, exp = 0, kept = 0, round_digit = -1, sticky = 0;
    uint64_t mant = 0;

    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    for (int frac = 0; i < n; i++) {
        if (s[i] == '.' && !frac) {
            frac = 1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            break;
        any = 1;
        int dig = s[i] - '0';
        if (kept == 0 && dig == 0) { /* leading zeros carry no digits */
            if (frac)
                exp--;
            continue;
        }
        if (kept < MAX_DIGITS) {
            mant = mant * 10 + (uint64_t)dig;
            kept++;
            if (frac)
                exp--;
        } else {
            if (round_digit < 0)
                round_digit = dig;
            else if (dig)
                sticky = 1;
            if (!frac)
                exp++;
        }
    }
    if (!any)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        long e = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if (i >= n || s[i] < '0' || s[i] > '9')
            return -1;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        exp += (int)(eneg ? -e : e);
    }
    if (i != n)
        return -1;
    /* round half-even on the first dropped digit */
    if (round_digit > 5 || (round_digit == 5 && (sticky || (mant & 1)))) {
        mant++;
        if (mant == 10000000000000000000ULL) {
            mant /= 10;
            exp++;
        }
    }
    d->neg = neg && mant != 0;
    d->mant = mant;
    d->exp = mant ? exp : 0;
    return 0;
}

const uint64_t ecai_pow10_u64[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
    10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
    100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL,
    10000000000000000000ULL};

/* 10^k for 0 <= k <= 38 */
static unsigned __int128 pow10_u128(int k)
{
    if (k <= 19)
        return ecai_pow10_u64[k];
    return (unsigned __int128)ecai_pow10_u64[k - 19] * ecai_pow10_u64[19];
}

/* Number of decimal digits of v > 0. */
static int digits_of(unsigned __int128 v)
{
    uint64_t hi = (uint64_t)(v >> 64);
    int bits = hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll((uint64_t)v);
    int t = (bits * 1233) >> 12; /* floor(bits x log10 2), within one */
    return v >= pow10_u128(t) ? t + 1 : t;
}

/* Divides v >= 0 by 10^k, rounding half-even. */
static unsigned __int128 div_pow10_even(unsigned __int128 v, int k)
{
    if (k > 38)
        return 0;
    if (k <= 19 && (v >> 64) == 0) { /* the common case, in 64 bits */
        uint64_t p = ecai_pow10_u64[k], x = (uint64_t)v;
        uint64_t q = x / p, r = x % p;
        uint64_t half = p / 2;
        if (r > half || (r == half && (q & 1)))
            q++;
        return q;
    }
    unsigned __int128 p = pow10_u128(k);
    unsigned __int128 q = v / p, r = v % p, half = p / 2;
    if (r > half || (r == half && (q & 1)))
        q++;
    return q;
}

int ecai_decimal_to_fixed(const ecai_decimal *q, const ecai_decimal *unit,
                          ecai_fixed *out)
{
    /* The product of two 19-digit mantissas is below 10^38 < 2^127. */
    unsigned __int128 m = (unsigned __int128)q->mant * unit->mant;
    long e = (long)q->exp + unit->exp + ECAI_SCALE;
    int neg = q->neg != unit->neg;

    if (m == 0) {
        *out = 0;
        return 0;
    }
    if (digits_of(m) + e > ROW_MAX_EXP10 + 1)
        return -1;
    if (e >= 0)
        m *= pow10_u128((int)e); /* e <= ROW_MAX_EXP10 here */
    else
        m = div_pow10_even(m, e < -39 ? 39 : (int)-e);
    if (m > pow10_u128(ROW_MAX_EXP10))
        return -1;
    *out = neg ? -(ecai_fixed)m : (ecai_fixed)m;
    return 0;
}

double ecai_fixed_to_double(ecai_fixed v)
{
    /* One rounding to double, then an exactly rounded division by 10^9. */
    return (double)v / 1e9;
}

int ecai_parse_double(const char *s, size_t n, double *out)
{
    char buf[64];
    char *end = NULL;

    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* decimal syntax only: no hex, inf or nan */
    ecai_decimal d;
    if (ecai_decimal_parse(buf, n, &d) != 0)
        return -1;
    errno = 0;
    double v = strtod(buf, &end);
    if (end != buf + n || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}
