/* gen_util.c: the mechanics of `eca gen`: its PRNG, the buffered writer with
 * hand-made number formatting, CSV row text, and calendar helpers. */

#include "gen_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- PRNG: xoshiro256** seeded through splitmix64 --------------------- */
/* Every firm and every meter series has its own stream, derived from the
 * seed and its index, so rows never depend on what was drawn before. */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void gen_rng_seed(gen_rng *r, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t x = a;
    x = splitmix64(&x) ^ b;
    x = splitmix64(&x) ^ c;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t gen_rng_next(gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1). */
double gen_rng_unit(gen_rng *r)
{
    return (double)(gen_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [-1, 1). */
double gen_rng_sym(gen_rng *r)
{
    return 2.0 * gen_rng_unit(r) - 1.0;
}

unsigned gen_rng_below(gen_rng *r, unsigned n)
{
    return (unsigned)((gen_rng_next(r) >> 32) * n >> 32);
}

/* ---- buffered output --------------------------------------------------- */

void gen_out_flush(gen_out *o)
{
    if (o->len > 0 && !o->failed &&
        fwrite(o->buf, 1, o->len, o->f) != o->len) {
        o->failed = 1;
        o->err = errno;
    }
    o->len = 0;
}

void gen_out_mem(gen_out *o, const char *s, size_t n)
{
    while (n > 0) {
        size_t room = GEN_OUT_CAP - o->len;
        size_t k = n < room ? n : room;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
        if (o->len >= GEN_OUT_CAP)
            gen_out_flush(o);
    }
}

void gen_out_str(gen_out *o, const char *s)
{
    gen_out_mem(o, s, strlen(s));
}

/* A CSV field, quoted per RFC 4180 when it holds a comma, quote or line
 * break. */
void gen_out_field(gen_out *o, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        gen_out_str(o, s);
        return;
    }
    gen_out_mem(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            gen_out_mem(o, "\"", 1);
        gen_out_mem(o, p, 1);
    }
    gen_out_mem(o, "\"", 1);
}

static const uint64_t pow10_u[] = {1, 10, 100, 1000, 10000};
static const double pow10_d[] = {1.0, 10.0, 100.0, 1000.0, 10000.0};

/* Writes v >= 0 with dec (1..4) decimals, rounded half up; returns the
 * length. Hand-made: snprintf("%.*f") is the generator's bottleneck. */
static size_t fmt_fixed(char *p, double v, int dec)
{
    char tmp[24];
    size_t len = 0;
    int k = 0;
    if (!(v >= 0.0))
        v = 0.0;
    if (v > 1e14)
        v = 1e14;
    uint64_t n = (uint64_t)(v * pow10_d[dec] + 0.5);
    uint64_t ip = n / pow10_u[dec];
    uint64_t fp = n % pow10_u[dec];
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip > 0);
    while (k > 0)
        p[len++] = tmp[--k];
    p[len++] = '.';
    for (int i = dec - 1; i >= 0; i--) {
        p[len + (size_t)i] = (char)('0' + fp % 10);
        fp /= 10;
    }
    return len + (size_t)dec;
}

/* One meter row: prefix "firm,meter,carrier,flow,process," then period,
 * quantity and suffix ",unit,estimated\n". */
void gen_out_row(gen_out *o, const char *prefix, size_t plen,
                 const char *period, size_t perlen, double q, int dec,
                 const char *suffix, size_t slen)
{
    char *p = o->buf + o->len;
    memcpy(p, prefix, plen);
    p += plen;
    memcpy(p, period, perlen);
    p += perlen;
    *p++ = ',';
    p += fmt_fixed(p, q, dec);
    memcpy(p, suffix, slen);
    p += slen;
    o->len = (size_t)(p - o->buf);
    if (o->len >= GEN_OUT_CAP)
        gen_out_flush(o);
}

void gen_put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

/* "YYYY-MM" at p. */
void gen_put_year_month(char *p, int y, int m)
{
    gen_put2(p, y / 100);
    gen_put2(p + 2, y % 100);
    p[4] = '-';
    gen_put2(p + 5, m);
}

/* ---- calendar ---------------------------------------------------------- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int gen_days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : d[m - 1];
}

int gen_days_in_year(int y)
{
    return is_leap(y) ? 366 : 365;
}

/* ---- firms.csv --------------------------------------------------------- */

const char gen_firms_header[] =
    "firm_id,name,sector,township,coke_oven,mixed_gas_ratio,volatile_pct,"
    "moisture_pct,quench,oven_age_years\n";
const char gen_meters_header[] =
    "firm_id,meter_id,carrier,flow,process,period,quantity,unit,estimated\n";

void gen_out_firm(gen_out *o, const char *id, const char *name,
                  const char *sector, const char *township,
                  const char *oven, const char *mixed, const char *vol,
                  const char *moist, const char *quench, const char *age)
{
    const char *cells[10] = {id, name, sector, township, oven,
                             mixed, vol, moist, quench, age};
    for (int i = 0; i < 10; i++) {
        if (i > 0)
            gen_out_mem(o, ",", 1);
        gen_out_field(o, cells[i]);
    }
    gen_out_mem(o, "\n", 1);
}

/* ---- meter series ------------------------------------------------------ */

/* Prefix "firm,meter,carrier,flow,process," and both suffixes of a series;
 * returns -1 when a field would not fit (not with the generator's names). */
int gen_rowtext_init(gen_rowtext *t, const char *firm, int meter_no,
                     const gen_series *s, const char *unit)
{
    int n = snprintf(t->prefix, sizeof t->prefix, "%s,%s-M%02d,%s,%s,%s,",
                     firm, firm, meter_no, s->carrier, s->flow, s->process);
    if (n < 0 || (size_t)n >= sizeof t->prefix)
        return -1;
    t->plen = (size_t)n;
    for (int e = 0; e < 2; e++) {
        n = snprintf(t->suffix[e], sizeof t->suffix[e], ",%s,%d\n", unit, e);
        if (n < 0 || (size_t)n >= sizeof t->suffix[e])
            return -1;
    }
    t->slen = (size_t)n;
    return 0;
}
