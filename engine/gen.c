/* gen.c: `eca gen`, a deterministic generator of dataset folders: random
 * counties of any size for tests and benchmarks, or the bundled Qingxu 2022. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "gen.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- PRNG: xoshiro256** seeded through splitmix64 --------------------- */
/* Every firm and every meter series has its own stream, derived from the
 * seed and its index, so rows never depend on what was drawn before. */

typedef struct {
    uint64_t s[4];
} gen_rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rng_seed(gen_rng *r, uint64_t a, uint64_t b, uint64_t c)
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

static uint64_t rng_next(gen_rng *r)
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
static double rng_unit(gen_rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [-1, 1). */
static double rng_sym(gen_rng *r)
{
    return 2.0 * rng_unit(r) - 1.0;
}

static unsigned rng_below(gen_rng *r, unsigned n)
{
    return (unsigned)((rng_next(r) >> 32) * n >> 32);
}

/* ---- buffered output --------------------------------------------------- */

#define OUT_CAP ((size_t)1 << 20) /* flush threshold */
#define ROW_MAX 1024              /* one meter row never exceeds this */

typedef struct {
    FILE *f;
    char *buf; /* OUT_CAP + ROW_MAX bytes */
    size_t len;
    int failed; /* a write failed; errno kept in err */
    int err;
} gen_out;

static void out_flush(gen_out *o)
{
    if (o->len > 0 && !o->failed &&
        fwrite(o->buf, 1, o->len, o->f) != o->len) {
        o->failed = 1;
        o->err = errno;
    }
    o->len = 0;
}

static void out_mem(gen_out *o, const char *s, size_t n)
{
    while (n > 0) {
        size_t room = OUT_CAP - o->len;
        size_t k = n < room ? n : room;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
        if (o->len >= OUT_CAP)
            out_flush(o);
    }
}

static void out_str(gen_out *o, const char *s)
{
    out_mem(o, s, strlen(s));
}

/* A CSV field, quoted per RFC 4180 when it holds a comma, quote or line
 * break. */
static void out_field(gen_out *o, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        out_str(o, s);
        return;
    }
    out_mem(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            out_mem(o, "\"", 1);
        out_mem(o, p, 1);
    }
    out_mem(o, "\"", 1);
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
static void out_row(gen_out *o, const char *prefix, size_t plen,
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
    if (o->len >= OUT_CAP)
        out_flush(o);
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

/* "YYYY-MM" at p. */
static void put_year_month(char *p, int y, int m)
{
    put2(p, y / 100);
    put2(p + 2, y % 100);
    p[4] = '-';
    put2(p + 5, m);
}

/* ---- units and carriers ------------------------------------------------ */

enum { DIM_MASS, DIM_VOLUME, DIM_ELEC, DIM_HEAT, DIM_COUNT, DIM_NONE = -1 };

typedef struct {
    const char *unit;
    double to_base; /* base units t, m3, kWh, GJ per unit */
} gen_unit;

/* The spellings the generator uses, to exercise unit handling; SPEC 4. */
static const gen_unit units_mass[] = {
    {"t", 1.0}, {"kg", 0.001}, {"kt", 1000.0},
    {"万吨", 1e4}, {"10^4t", 1e4}};
static const gen_unit units_volume[] = {
    {"m3", 1.0}, {"10^4m3", 1e4}, {"万立方米", 1e4}};
static const gen_unit units_elec[] = {
    {"kWh", 1.0}, {"MWh", 1000.0}, {"10^4kWh", 1e4}, {"万千瓦时", 1e4}};
static const gen_unit units_heat[] = {{"GJ", 1.0}, {"MJ", 0.001}};

static const struct {
    const gen_unit *u;
    size_t n;
} units_by_dim[DIM_COUNT] = {
    {units_mass, sizeof units_mass / sizeof units_mass[0]},
    {units_volume, sizeof units_volume / sizeof units_volume[0]},
    {units_elec, sizeof units_elec / sizeof units_elec[0]},
    {units_heat, sizeof units_heat / sizeof units_heat[0]},
};

/* Dimension of each carrier the generator writes (the shipped carrier
 * table's `unit` column decides it for the engine). */
static const struct {
    const char *carrier;
    int dim;
} carrier_dims[] = {
    {"raw_coal", DIM_MASS}, {"washed_coal", DIM_MASS}, {"coke", DIM_MASS},
    {"coal_tar", DIM_MASS}, {"crude_benzene", DIM_MASS},
    {"diesel", DIM_MASS}, {"lng", DIM_MASS}, {"methanol", DIM_MASS},
    {"steam", DIM_MASS}, {"new_water", DIM_MASS},
    {"coke_oven_gas", DIM_VOLUME}, {"natural_gas", DIM_VOLUME},
    {"hydrogen", DIM_VOLUME}, {"oxygen", DIM_VOLUME},
    {"nitrogen", DIM_VOLUME}, {"compressed_air", DIM_VOLUME},
    {"coal_mine_methane", DIM_VOLUME},
    {"electricity", DIM_ELEC}, {"pv_electricity", DIM_ELEC},
    {"green_power", DIM_ELEC}, {"heat", DIM_HEAT},
};

static int carrier_dim(const char *carrier)
{
    for (size_t i = 0; i < sizeof carrier_dims / sizeof carrier_dims[0]; i++)
        if (strcmp(carrier_dims[i].carrier, carrier) == 0)
            return carrier_dims[i].dim;
    return DIM_NONE;
}

/* The unit's factor to base when it is of dimension dim, else 0. */
static double unit_factor(int dim, const char *unit)
{
    if (dim < 0 || dim >= DIM_COUNT)
        return 0.0;
    for (size_t i = 0; i < units_by_dim[dim].n; i++)
        if (strcmp(units_by_dim[dim].u[i].unit, unit) == 0)
            return units_by_dim[dim].u[i].to_base;
    return 0.0;
}

/* ---- seasonal and daily shapes ----------------------------------------- */

enum { PR_PROD, PR_FOOD, PR_FLAT, PR_HEAT, PR_COOL, PR_SOLAR, PR_COUNT };
enum { DAY_FLAT, DAY_ELEC, DAY_SOLAR, DAY_COUNT };

/* Monthly shapes, Jan..Dec, normalised to mean 1 at start-up. PROD: steady
 * industry with the Spring Festival dip; FOOD: vinegar and food, autumn and
 * pre-festival peak; HEAT: heating season (15 Nov to 15 Mar in Taiyuan);
 * COOL: cold chain and data centres; SOLAR: PV yield at 37.6 N. */
static const double month_shape[PR_COUNT][12] = {
    {1.00, 0.88, 1.01, 1.02, 1.03, 1.00, 0.97, 0.98, 1.02, 1.03, 1.03, 1.03},
    {1.08, 0.82, 0.96, 0.98, 0.97, 0.93, 0.92, 0.95, 1.03, 1.10, 1.12, 1.14},
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00},
    {1.95, 1.70, 1.15, 0.45, 0.35, 0.35, 0.35, 0.35, 0.40, 0.60, 1.50, 1.95},
    {0.90, 0.86, 0.92, 0.97, 1.06, 1.14, 1.20, 1.18, 1.05, 0.96, 0.88, 0.90},
    {0.68, 0.78, 1.00, 1.12, 1.26, 1.22, 1.14, 1.08, 0.94, 0.86, 0.68, 0.62},
};

typedef struct {
    double month[PR_COUNT][12];
    double day[DAY_COUNT][96]; /* per 15-minute slot, mean 1 */
    char slot_text[96][7];     /* "Thh:mm" */
} gen_shapes;

static void shapes_init(gen_shapes *sh)
{
    for (int p = 0; p < PR_COUNT; p++) {
        double sum = 0.0;
        for (int m = 0; m < 12; m++)
            sum += month_shape[p][m];
        for (int m = 0; m < 12; m++)
            sh->month[p][m] = month_shape[p][m] * 12.0 / sum;
    }
    double solar_sum = 0.0;
    for (int k = 0; k < 96; k++) {
        double h = (k + 0.5) / 4.0; /* hour of day, slot centre */
        sh->day[DAY_FLAT][k] = 1.0;
        sh->day[DAY_ELEC][k] = (h >= 8.0 && h < 20.0) ? 1.12 : 0.88;
        double x = (h - 6.0) / 13.0; /* daylight 06:00 to 19:00 */
        sh->day[DAY_SOLAR][k] = (x > 0.0 && x < 1.0) ? 4.0 * x * (1.0 - x)
                                                     : 0.0;
        solar_sum += sh->day[DAY_SOLAR][k];
        char *t = sh->slot_text[k];
        t[0] = 'T';
        put2(t + 1, k / 4);
        t[3] = ':';
        put2(t + 4, k % 4 * 15);
        t[6] = '\0';
    }
    for (int k = 0; k < 96; k++)
        sh->day[DAY_SOLAR][k] *= 96.0 / solar_sum;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : d[m - 1];
}

/* ---- the bundled county: Qingxu, reporting year 2022 ------------------- */
/* Synthetic: names follow the county's 2022 work report, every quantity is
 * made up to realistic magnitudes (datasets/qingxu-2022/README.md). The
 * firms double as the sector prototypes of random mode. */

#define PRESET_YEAR 2022
#define PRESET_SEED 20220126u /* the work report's date */
#define MAX_SERIES 13

typedef struct {
    const char *carrier;
    const char *flow;
    const char *process;
    double rate;       /* base units (t, m3, kWh, GJ) a year, or per unit of
                          the firm's activity when per_act */
    int per_act;
    const char *unit;  /* unit written by the preset */
    int decimals;      /* 1..4 */
    int profile;       /* PR_* */
    int start_month;   /* first month with rows, 0 = January */
} gen_series;

typedef struct {
    const char *id, *name, *sector, *township;
    const char *oven, *mixed, *volatile_pct, *moisture, *quench, *age;
    double activity; /* a year: t coke, t raw coal mined or washed, t
                        product, kWh generated; 0 when no series uses it */
    gen_series s[MAX_SERIES];
} gen_firm;

/* Coking plants: rates per t of coke. Charged washed coal is metered as
 * received (about 10 % moisture), so 1.41-1.46 t wet is about 1.33 t dry.
 * The first series of every firm is its electricity. */
static const gen_firm preset_firms[] = {
    {"QX001", "山西美锦煤焦化有限公司", "coking", "孟封镇",
     "top", "0", "26.5", "10.2", "dry", "6", 2650000, {
        {"electricity", "consume", "coking", 34, 1, "万千瓦时", 2, PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.43, 1, "万吨", 4, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "万吨", 4, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 430, 1, "万立方米", 2, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 176, 1, "万立方米", 2, PR_PROD, 0},
        {"steam", "recovered", "coking", 0.50, 1, "t", 1, PR_PROD, 0},
        {"steam", "consume", "coking", 0.40, 1, "t", 1, PR_PROD, 0},
        {"nitrogen", "consume", "coking", 6, 1, "10^4m3", 3, PR_PROD, 0},
        {"new_water", "consume", "coking", 1.4, 1, "t", 1, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.038, 1, "t", 2, PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.011, 1, "t", 2, PR_PROD, 0},
        {"electricity", "consume", "", 0.45, 1, "MWh", 3, PR_PROD, 0}}},
    {"QX002", "山西梗阳新能源有限公司", "coking", "东于镇",
     "stamp", "0", "28.2", "10.8", "dry", "4", 1980000, {
        {"electricity", "consume", "coking", 42, 1, "MWh", 3, PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.45, 1, "10^4t", 4, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 1, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 425, 1, "m3", 1, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 185, 1, "10^4m3", 3, PR_PROD, 0},
        {"steam", "recovered", "coking", 0.47, 1, "t", 2, PR_PROD, 0},
        {"steam", "consume", "coking", 0.38, 1, "t", 2, PR_PROD, 0},
        {"compressed_air", "consume", "coking", 12, 1, "10^4m3", 3, PR_PROD, 0},
        {"new_water", "consume", "coking", 1.6, 1, "t", 1, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.041, 1, "t", 3, PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0105, 1, "t", 3, PR_PROD, 0},
        {"electricity", "consume", "", 0.5, 1, "kWh", 1, PR_PROD, 0}}},
    {"QX003", "清徐县亚鑫焦化有限公司", "coking", "孟封镇",
     "top", "0", "25.1", "9.6", "wet", "17", 1350000, {
        {"electricity", "consume", "coking", 31, 1, "万千瓦时", 2, PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.42, 1, "万吨", 4, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "万吨", 4, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 435, 1, "万立方米", 2, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 172, 1, "万立方米", 2, PR_PROD, 0},
        {"steam", "consume", "coking", 0.12, 1, "t", 1, PR_PROD, 0},
        {"new_water", "consume", "coking", 2.2, 1, "t", 1, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.037, 1, "t", 2, PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0108, 1, "t", 2, PR_PROD, 0},
        {"electricity", "consume", "", 0.6, 1, "MWh", 2, PR_PROD, 0}}},
    {"QX004", "山西清徐宏达焦化有限公司", "coking", "孟封镇",
     "stamp", "0.10", "27.4", "11.2", "dry", "9", 900000, {
        {"electricity", "consume", "coking", 40, 1, "kWh", 1, PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.46, 1, "t", 1, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "kt", 3, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 428, 1, "m3", 1, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 180, 1, "m3", 1, PR_PROD, 0},
        {"electricity", "recovered", "coking", 95, 1, "MWh", 3, PR_PROD, 0},
        {"steam", "recovered", "coking", 0.15, 1, "t", 1, PR_PROD, 0},
        {"steam", "consume", "coking", 0.30, 1, "t", 1, PR_PROD, 0},
        {"nitrogen", "consume", "coking", 5, 1, "m3", 1, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.042, 1, "t", 2, PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0112, 1, "t", 2, PR_PROD, 0},
        {"electricity", "consume", "", 0.4, 1, "kWh", 1, PR_PROD, 0}}},
    {"QX005", "太原清徐鑫源焦化有限公司", "coking", "东于镇",
     "stamp", "0", "28.9", "11.6", "dry", "12", 720000, {
        {"electricity", "consume", "coking", 38, 1, "10^4kWh", 3, PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.44, 1, "t", 1, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 1, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 432, 1, "10^4m3", 3, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 178, 1, "10^4m3", 3, PR_PROD, 0},
        {"steam", "recovered", "coking", 0.54, 1, "t", 1, PR_PROD, 0},
        {"steam", "consume", "coking", 0.42, 1, "t", 1, PR_PROD, 0},
        {"new_water", "consume", "coking", 1.2, 1, "t", 1, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.040, 1, "t", 2, PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.011, 1, "t", 2, PR_PROD, 0},
        {"electricity", "consume", "", 0.5, 1, "kWh", 1, PR_PROD, 0}}},
    {"QX006", "清徐县徐沟焦化厂", "coking", "徐沟镇",
     "top", "0", "23.4", "8.7", "wet", "28", 430000, {
        {"electricity", "consume", "coking", 45, 1, "kWh", 1, PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.41, 1, "t", 2, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 2, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 420, 1, "m3", 1, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 190, 1, "m3", 1, PR_PROD, 0},
        {"steam", "consume", "coking", 0.15, 1, "t", 2, PR_PROD, 0},
        {"new_water", "consume", "coking", 2.5, 1, "t", 1, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.035, 1, "t", 2, PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0098, 1, "t", 3, PR_PROD, 0},
        {"electricity", "consume", "", 0.8, 1, "kWh", 1, PR_PROD, 0}}},
    /* Semi-coke (兰炭): long-flame raw coal, internally heated; its lean gas
     * is metered in coke-oven-gas equivalent m3. */
    {"QX007", "清徐县西谷兰炭有限公司", "coking", "西谷乡",
     "semi_coke", "", "", "", "wet", "8", 500000, {
        {"electricity", "consume", "coking", 26, 1, "kWh", 1, PR_PROD, 0},
        {"raw_coal", "convert_in", "coking", 1.75, 1, "t", 1, PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 1, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 320, 1, "m3", 1, PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 258, 1, "m3", 1, PR_PROD, 0},
        {"steam", "consume", "coking", 0.08, 1, "t", 2, PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.075, 1, "t", 2, PR_PROD, 0},
        {"new_water", "consume", "coking", 1.0, 1, "t", 1, PR_PROD, 0},
        {"electricity", "consume", "", 0.6, 1, "kWh", 1, PR_PROD, 0}}},

    /* Coal mines: activity is raw coal mined (8.5 Mt in all), which is not
     * an energy flow of the mine. Two coal-mine-methane power projects. */
    {"QX010", "山西清徐东于煤业有限公司(东于煤矿)", "coal_mining", "东于镇",
     "", "", "", "", "", "", 2400000, {
        {"electricity", "consume", "", 24, 1, "万千瓦时", 2, PR_PROD, 0},
        {"diesel", "consume", "", 0.00020, 1, "t", 2, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 4200, 0, "t", 1, PR_HEAT, 0},
        {"coal_mine_methane", "convert_in", "cmm_power", 51840000, 0, "万立方米", 2, PR_FLAT, 5},
        {"electricity", "convert_out", "cmm_power", 86400000, 0, "MWh", 3, PR_FLAT, 5},
        {"new_water", "consume", "", 0.25, 1, "t", 1, PR_PROD, 0}}},
    {"QX011", "山西锦富煤业有限公司(锦富煤矿)", "coal_mining", "马峪乡",
     "", "", "", "", "", "", 1500000, {
        {"electricity", "consume", "", 26, 1, "MWh", 3, PR_PROD, 0},
        {"diesel", "consume", "", 0.00025, 1, "t", 3, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 3000, 0, "t", 1, PR_HEAT, 0},
        {"coal_mine_methane", "convert_in", "cmm_power", 43400000, 0, "m3", 1, PR_FLAT, 9},
        {"electricity", "convert_out", "cmm_power", 70000000, 0, "10^4kWh", 3, PR_FLAT, 9},
        {"new_water", "consume", "", 0.22, 1, "t", 1, PR_PROD, 0}}},
    {"QX012", "清徐县瑞源煤业有限公司(瑞源煤矿)", "coal_mining", "西谷乡",
     "", "", "", "", "", "", 600000, {
        {"electricity", "consume", "", 28, 1, "kWh", 1, PR_PROD, 0},
        {"diesel", "consume", "", 0.00030, 1, "t", 2, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 1500, 0, "t", 1, PR_HEAT, 0},
        {"electricity", "consume", "construction", 3600000, 0, "kWh", 1, PR_FLAT, 4},
        {"diesel", "consume", "construction", 420, 0, "t", 2, PR_FLAT, 4}}},
    {"QX013", "山西清徐马峪煤业有限公司", "coal_mining", "马峪乡",
     "", "", "", "", "", "", 1200000, {
        {"electricity", "consume", "", 22, 1, "万千瓦时", 2, PR_PROD, 0},
        {"diesel", "consume", "", 0.00018, 1, "t", 2, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 2400, 0, "t", 1, PR_HEAT, 0},
        {"new_water", "consume", "", 0.20, 1, "t", 1, PR_PROD, 0}}},
    {"QX014", "清徐县西谷煤业有限公司", "coal_mining", "西谷乡",
     "", "", "", "", "", "", 900000, {
        {"electricity", "consume", "", 25, 1, "10^4kWh", 3, PR_PROD, 0},
        {"diesel", "consume", "", 0.00022, 1, "kg", 1, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 1800, 0, "t", 1, PR_HEAT, 0}}},
    {"QX015", "山西清徐集义煤业有限公司", "coal_mining", "集义乡",
     "", "", "", "", "", "", 1000000, {
        {"electricity", "consume", "", 23, 1, "MWh", 2, PR_PROD, 0},
        {"diesel", "consume", "", 0.00020, 1, "t", 2, PR_PROD, 0},
        {"natural_gas", "consume", "heating", 1200000, 0, "万立方米", 2, PR_HEAT, 0},
        {"new_water", "consume", "", 0.18, 1, "t", 1, PR_PROD, 0}}},
    {"QX016", "清徐县宏泰煤业有限公司", "coal_mining", "马峪乡",
     "", "", "", "", "", "", 900000, {
        {"electricity", "consume", "", 27, 1, "kWh", 1, PR_PROD, 0},
        {"diesel", "consume", "", 0.00024, 1, "t", 2, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 2000, 0, "t", 1, PR_HEAT, 0}}},

    /* Coal washeries: activity is raw coal washed; energy is their own use. */
    {"QX020", "清徐县鑫峰洗煤有限公司", "coal_washing", "西谷乡",
     "", "", "", "", "", "", 1800000, {
        {"electricity", "consume", "", 6.5, 1, "MWh", 3, PR_PROD, 0},
        {"diesel", "consume", "", 0.00006, 1, "t", 2, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 600, 0, "t", 1, PR_HEAT, 0},
        {"new_water", "consume", "", 0.08, 1, "t", 1, PR_PROD, 0}}},
    {"QX021", "山西清徐东于洗选煤有限公司", "coal_washing", "东于镇",
     "", "", "", "", "", "", 1200000, {
        {"electricity", "consume", "", 6.8, 1, "万千瓦时", 2, PR_PROD, 0},
        {"diesel", "consume", "", 0.00007, 1, "t", 2, PR_PROD, 0},
        {"raw_coal", "consume", "heating", 400, 0, "t", 1, PR_HEAT, 0}}},
    {"QX022", "清徐县马峪兴盛洗煤厂", "coal_washing", "马峪乡",
     "", "", "", "", "", "", 600000, {
        {"electricity", "consume", "", 7.2, 1, "kWh", 1, PR_PROD, 0},
        {"diesel", "consume", "", 0.00008, 1, "t", 3, PR_PROD, 0},
        {"new_water", "consume", "", 0.10, 1, "t", 1, PR_PROD, 0}}},
    {"QX023", "清徐县集义宏远洗煤有限公司", "coal_washing", "集义乡",
     "", "", "", "", "", "", 350000, {
        {"electricity", "consume", "", 7.5, 1, "kWh", 1, PR_PROD, 0},
        {"diesel", "consume", "", 0.00009, 1, "kg", 1, PR_PROD, 0}}},
    {"QX024", "山西清徐焦煤洗选有限公司", "coal_washing", "孟封镇",
     "", "", "", "", "", "", 2500000, {
        {"electricity", "consume", "", 6.0, 1, "MWh", 3, PR_PROD, 0},
        {"diesel", "consume", "", 0.00005, 1, "t", 2, PR_PROD, 0},
        {"new_water", "consume", "", 0.07, 1, "t", 1, PR_PROD, 0},
        {"natural_gas", "consume", "heating", 350000, 0, "m3", 1, PR_HEAT, 0}}},

    /* Coal chemicals in the fine-chemicals circular park. Coke oven gas to
     * chemical methanol, coal tar to carbon materials, crude benzene and
     * hydrogen to hydrofining are feedstock; fuel LNG and fuel-cell hydrogen
     * made from coke oven gas are energy conversion. */
    {"QX030", "山西美锦华盛化工新材料有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 200000, { /* t methanol */
        {"electricity", "consume", "", 650, 1, "万千瓦时", 2, PR_PROD, 0},
        {"coke_oven_gas", "feedstock", "methanol", 1700, 1, "万立方米", 2, PR_PROD, 0},
        {"coke_oven_gas", "consume", "", 350, 1, "万立方米", 2, PR_PROD, 0},
        {"oxygen", "consume", "methanol", 250, 1, "10^4m3", 3, PR_PROD, 0},
        {"steam", "consume", "", 0.9, 1, "t", 1, PR_PROD, 0},
        {"new_water", "consume", "", 12, 1, "t", 1, PR_PROD, 0}}},
    {"QX031", "清徐县鑫源焦炉煤气综合利用有限公司", "chemicals", "东于镇",
     "", "", "", "", "", "", 120000, { /* t LNG */
        {"electricity", "consume", "", 900, 1, "万千瓦时", 2, PR_PROD, 0},
        {"coke_oven_gas", "convert_in", "", 3600, 1, "万立方米", 2, PR_PROD, 0},
        {"lng", "convert_out", "", 1.0, 1, "t", 2, PR_PROD, 0},
        {"hydrogen", "convert_out", "", 500, 1, "万立方米", 2, PR_PROD, 0},
        {"steam", "consume", "", 0.5, 1, "t", 1, PR_PROD, 0},
        {"new_water", "consume", "", 8, 1, "t", 1, PR_PROD, 0}}},
    {"QX032", "山西清徐氢能科技有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 80000000, { /* m3 fuel-cell hydrogen */
        {"electricity", "consume", "", 0.35, 1, "MWh", 3, PR_PROD, 0},
        {"coke_oven_gas", "convert_in", "", 2.3, 1, "10^4m3", 3, PR_PROD, 0},
        {"hydrogen", "convert_out", "", 1.0, 1, "10^4m3", 3, PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "tail_gas", 1.2, 1, "10^4m3", 3, PR_PROD, 0},
        {"new_water", "consume", "", 0.002, 1, "t", 1, PR_PROD, 0}}},
    {"QX033", "清徐县华晋碳材料科技有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 30000, { /* t carbon materials */
        {"electricity", "consume", "", 1200, 1, "万千瓦时", 2, PR_PROD, 0},
        {"coal_tar", "feedstock", "", 1.6, 1, "t", 2, PR_PROD, 0},
        {"natural_gas", "consume", "", 180, 1, "万立方米", 3, PR_PROD, 0},
        {"nitrogen", "consume", "", 40, 1, "m3", 1, PR_PROD, 0}}},
    {"QX034", "山西亚鑫新材料有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 60000, { /* t crude benzene refined */
        {"electricity", "consume", "", 90, 1, "MWh", 3, PR_PROD, 0},
        {"crude_benzene", "feedstock", "", 1.0, 1, "t", 2, PR_PROD, 0},
        {"hydrogen", "feedstock", "", 180, 1, "10^4m3", 3, PR_PROD, 0},
        {"natural_gas", "consume", "", 60, 1, "万立方米", 3, PR_PROD, 0},
        {"steam", "consume", "", 1.1, 1, "t", 1, PR_PROD, 0}}},
    {"QX035", "山西清徐新碳能源材料有限公司", "chemicals", "清源镇",
     "", "", "", "", "", "", 0, { /* supercapacitor carbon pilot from Oct */
        {"electricity", "consume", "", 3000000, 0, "kWh", 1, PR_FLAT, 10},
        {"natural_gas", "consume", "", 120000, 0, "m3", 2, PR_FLAT, 10}}},

    /* Coke oven gas power: activity is kWh generated. */
    {"QX040", "清徐县焦炉煤气发电有限公司", "power", "孟封镇",
     "", "", "", "", "", "", 400000000, {
        {"electricity", "consume", "", 0.08, 1, "MWh", 3, PR_PROD, 0},
        {"coke_oven_gas", "convert_in", "", 0.74, 1, "万立方米", 2, PR_PROD, 0},
        {"electricity", "convert_out", "", 1.0, 1, "万千瓦时", 2, PR_PROD, 0},
        {"new_water", "consume", "", 0.0025, 1, "t", 1, PR_PROD, 0}}},

    /* Vinegar and food: activity is t of vinegar (or head of pigs). */
    {"QX050", "山西水塔醋业股份有限公司", "food", "清源镇",
     "", "", "", "", "", "", 150000, {
        {"electricity", "consume", "", 45, 1, "万千瓦时", 2, PR_FOOD, 0},
        {"natural_gas", "convert_in", "boiler", 30, 1, "万立方米", 3, PR_FOOD, 0},
        {"steam", "convert_out", "boiler", 0.26, 1, "t", 1, PR_FOOD, 0},
        {"steam", "consume", "", 0.26, 1, "t", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 5, 1, "万立方米", 3, PR_FOOD, 0},
        {"pv_electricity", "consume", "", 1800000, 0, "kWh", 1, PR_SOLAR, 0},
        {"natural_gas", "consume", "heating", 400000, 0, "m3", 1, PR_HEAT, 0},
        {"new_water", "consume", "", 5, 1, "t", 1, PR_FOOD, 0}}},
    {"QX051", "山西紫林醋业股份有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 80000, {
        {"electricity", "consume", "", 40, 1, "MWh", 3, PR_FOOD, 0},
        {"steam", "consume", "", 0.22, 1, "t", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 12, 1, "m3", 1, PR_FOOD, 0},
        {"pv_electricity", "consume", "", 1000000, 0, "kWh", 1, PR_SOLAR, 0},
        {"new_water", "consume", "", 4.5, 1, "t", 1, PR_FOOD, 0}}},
    {"QX052", "山西东湖醋业有限公司", "food", "清源镇",
     "", "", "", "", "", "", 50000, {
        {"electricity", "consume", "", 42, 1, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 25, 1, "万立方米", 4, PR_FOOD, 0},
        {"steam", "consume", "", 0.15, 1, "t", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "heating", 200000, 0, "10^4m3", 3, PR_HEAT, 0}}},
    {"QX053", "山西来福老陈醋股份有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 25000, {
        {"electricity", "consume", "", 40, 1, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 28, 1, "m3", 1, PR_FOOD, 0},
        {"new_water", "consume", "", 4, 1, "t", 1, PR_FOOD, 0}}},
    {"QX054", "清徐县姚锦坊酿造有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 40000, { /* phase 1 in service from Sep */
        {"electricity", "consume", "", 38, 1, "kWh", 1, PR_FOOD, 9},
        {"natural_gas", "consume", "", 24, 1, "m3", 1, PR_FOOD, 9}}},
    {"QX055", "清徐县宝源老醋坊", "food", "徐沟镇",
     "", "", "", "", "", "", 6000, {
        {"electricity", "consume", "", 45, 1, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 32, 1, "m3", 1, PR_FOOD, 0}}},
    {"QX056", "清徐县美和源醋业有限公司", "food", "王答乡",
     "", "", "", "", "", "", 12000, {
        {"electricity", "consume", "", 40, 1, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 26, 1, "m3", 2, PR_FOOD, 0}}},
    {"QX057", "清徐县新大象科技有限公司", "food", "柳杜乡",
     "", "", "", "", "", "", 500000, { /* head of pigs; slaughter from Oct */
        {"electricity", "consume", "", 32, 1, "10^4kWh", 3, PR_FOOD, 10},
        {"natural_gas", "consume", "", 2.2, 1, "m3", 1, PR_FOOD, 10},
        {"new_water", "consume", "", 0.5, 1, "t", 1, PR_FOOD, 10}}},
    {"QX058", "清徐县东木庄杂粮加工有限公司", "food", "王答乡",
     "", "", "", "", "", "", 10000, {
        {"electricity", "consume", "", 60, 1, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "heating", 30000, 0, "m3", 1, PR_HEAT, 0}}},
    {"QX059", "山西\"晋韵\"食用菌科技有限公司,清徐分公司", "food", "柳杜乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1500000, 0, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "", 300000, 0, "m3", 2, PR_HEAT, 0}}},
    {"QX060", "清徐县三晋清源酒庄有限公司", "food", "马峪乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 420000, 0, "kWh", 1, PR_FOOD, 0},
        {"natural_gas", "consume", "heating", 45000, 0, "m3", 2, PR_HEAT, 0}}},
    {"QX061", "清徐县鸿新农产品有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 650000, 0, "kWh", 1, PR_COOL, 0},
        {"diesel", "consume", "", 40, 0, "kg", 1, PR_FLAT, 0}}},

    /* Building materials. */
    {"QX070", "清徐县鑫磊新型建材有限公司", "building_materials", "西谷乡",
     "", "", "", "", "", "", 0, { /* coal-gangue bricks */
        {"electricity", "consume", "", 4200000, 0, "万千瓦时", 3, PR_PROD, 0},
        {"raw_coal", "consume", "", 7500, 0, "t", 1, PR_PROD, 0},
        {"diesel", "consume", "", 120, 0, "t", 2, PR_PROD, 0}}},
    {"QX071", "山西清徐华源水泥粉磨有限公司", "building_materials", "王答乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 28000000, 0, "MWh", 3, PR_PROD, 0},
        {"diesel", "consume", "", 60, 0, "t", 2, PR_PROD, 0},
        {"natural_gas", "consume", "", 600000, 0, "万立方米", 3, PR_PROD, 0}}},
    {"QX072", "清徐县梗阳商品混凝土有限公司", "building_materials", "清源镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1800000, 0, "kWh", 1, PR_PROD, 0},
        {"diesel", "consume", "", 350, 0, "t", 2, PR_PROD, 0},
        {"natural_gas", "consume", "heating", 150000, 0, "m3", 1, PR_HEAT, 0}}},
    {"QX073", "清徐县柳杜石料厂", "building_materials", "柳杜乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 2200000, 0, "万千瓦时", 2, PR_PROD, 0},
        {"diesel", "consume", "", 260, 0, "kg", 1, PR_PROD, 0}}},
    {"QX074", "清徐县王答保温材料有限公司", "building_materials", "王答乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1600000, 0, "kWh", 1, PR_PROD, 0},
        {"natural_gas", "consume", "", 900000, 0, "m3", 2, PR_PROD, 0}}},

    /* Others: data centre, logistics, development zone, buses. */
    {"QX080", "山西美锦良辰数据科技有限公司", "other", "清源镇",
     "", "", "", "", "", "", 0, { /* data centre in service from Jul */
        {"electricity", "consume", "", 48000000, 0, "MWh", 3, PR_COOL, 7},
        {"green_power", "consume", "", 20000000, 0, "万千瓦时", 2, PR_COOL, 7}}},
    {"QX081", "山西晋煤物流清徐有限公司", "other", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1200000, 0, "kWh", 1, PR_FLAT, 0},
        {"diesel", "consume", "", 2800, 0, "t", 2, PR_PROD, 0},
        {"lng", "consume", "", 900, 0, "t", 2, PR_PROD, 0},
        {"methanol", "consume", "", 1500, 0, "t", 2, PR_PROD, 0}}},
    {"QX082", "清徐县优鲜多歌冷链物流有限公司", "other", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 5500000, 0, "万千瓦时", 2, PR_COOL, 0},
        {"pv_electricity", "consume", "", 900000, 0, "kWh", 1, PR_SOLAR, 0},
        {"diesel", "consume", "", 300, 0, "t", 2, PR_FLAT, 0}}},
    {"QX083", "清徐经济开发区建设投资有限公司", "other", "王答乡",
     "", "", "", "", "", "", 0, { /* standard factory buildings */
        {"electricity", "consume", "", 3500000, 0, "MWh", 3, PR_FLAT, 0},
        {"pv_electricity", "consume", "", 2200000, 0, "kWh", 1, PR_SOLAR, 0},
        {"heat", "consume", "", 40000, 0, "GJ", 2, PR_HEAT, 0}}},
    {"QX084", "清徐县公共交通有限公司", "other", "清源镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 2600000, 0, "kWh", 1, PR_FLAT, 0},
        {"natural_gas", "consume", "", 1100000, 0, "万立方米", 4, PR_FLAT, 0}}},
    {"QX085", "清徐县现海物流有限公司", "other", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 500000, 0, "kWh", 1, PR_FLAT, 0},
        {"diesel", "consume", "", 900, 0, "t", 2, PR_PROD, 0}}},
};

#define PRESET_NFIRMS (sizeof preset_firms / sizeof preset_firms[0])

/* Rows for December of the year before, written ahead of the firm's rows:
 * late uploads the engine must count as outside the reporting year. */
static const struct {
    const char *firm;
    int series;
} preset_prior[] = {{"QX011", 0}, {"QX050", 0}, {"QX050", 1}};

/* Deliberately bad rows, written after the named firm's rows; each has one
 * reason to be rejected (README lists them). */
static const struct {
    const char *after;
    const char *line;
} preset_bad[] = {
    /* unknown firm: a closed plant still reporting */
    {"QX007", "QX099,QX099-M01,electricity,consume,,2022-08,48210.0,kWh,0"},
    /* negative quantity: a sub-meter read backwards */
    {"QX031", "QX031,QX031-M91,electricity,consume,,2022-04,-1520.5,kWh,0"},
    /* unit of the wrong dimension: trucked gas entered in tonnes */
    {"QX052", "QX052,QX052-M91,natural_gas,consume,,2022-11,9.85,t,0"},
    /* unknown carrier: coal slime is not in the carrier table */
    {"QX070", "QX070,QX070-M91,coal_slime,consume,,2022-03,612.4,t,0"},
    /* bad period: a thirteenth month */
    {"QX084", "QX084,QX084-M02,natural_gas,consume,,2022-13,9.1234,万立方米,0"},
};

/* An exact duplicate of an earlier row, written after the firm's rows. */
static const struct {
    const char *firm;
    int series, month;
} preset_dup = {"QX013", 0, 7};

static size_t series_count(const gen_firm *f)
{
    size_t n = 0;
    while (n < MAX_SERIES && f->s[n].carrier != NULL)
        n++;
    return n;
}

/* Every preset unit must be one of its carrier's dimension. */
static int preset_check(void)
{
    for (size_t i = 0; i < PRESET_NFIRMS; i++) {
        const gen_firm *f = &preset_firms[i];
        for (size_t j = 0; j < series_count(f); j++) {
            const gen_series *s = &f->s[j];
            if (unit_factor(carrier_dim(s->carrier), s->unit) <= 0.0 ||
                s->decimals < 1 || s->decimals > 4) {
                fprintf(stderr, "eca gen: internal error: %s series %zu\n",
                        f->id, j + 1);
                return -1;
            }
        }
    }
    return 0;
}

/* ---- firms.csv --------------------------------------------------------- */

static const char firms_header[] =
    "firm_id,name,sector,township,coke_oven,mixed_gas_ratio,volatile_pct,"
    "moisture_pct,quench,oven_age_years\n";
static const char meters_header[] =
    "firm_id,meter_id,carrier,flow,process,period,quantity,unit,estimated\n";

static void out_firm(gen_out *o, const char *id, const char *name,
                     const char *sector, const char *township,
                     const char *oven, const char *mixed, const char *vol,
                     const char *moist, const char *quench, const char *age)
{
    const char *cells[10] = {id, name, sector, township, oven,
                             mixed, vol, moist, quench, age};
    for (int i = 0; i < 10; i++) {
        if (i > 0)
            out_mem(o, ",", 1);
        out_field(o, cells[i]);
    }
    out_mem(o, "\n", 1);
}

/* ---- meter series ------------------------------------------------------ */

/* Prefix "firm,meter,carrier,flow,process," and both suffixes of a series;
 * returns -1 when a field would not fit (not with the generator's names). */
typedef struct {
    char prefix[400];
    size_t plen;
    char suffix[2][64]; /* [estimated] ",unit,0\n" / ",unit,1\n" */
    size_t slen;
} gen_rowtext;

static int rowtext_init(gen_rowtext *t, const char *firm, int meter_no,
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

/* ---- the preset's meters.csv ------------------------------------------- */

static void preset_firm_rows(gen_out *o, const gen_shapes *sh, size_t fi,
                             uint64_t *rows)
{
    const gen_firm *f = &preset_firms[fi];
    size_t ns = series_count(f);
    double v[PR_COUNT][12]; /* this firm's monthly activity, per profile */
    char dup[ROW_MAX];
    size_t duplen = 0;
    gen_rng r;

    rng_seed(&r, PRESET_SEED, fi, 1);
    for (int p = 0; p < PR_COUNT; p++)
        for (int m = 0; m < 12; m++)
            v[p][m] = sh->month[p][m] * (1.0 + 0.03 * rng_sym(&r));

    for (size_t k = 0; k < sizeof preset_prior / sizeof preset_prior[0]; k++) {
        if (strcmp(preset_prior[k].firm, f->id) != 0)
            continue;
        const gen_series *s = &f->s[preset_prior[k].series];
        gen_rowtext t;
        char period[8];
        double annual = s->rate * (s->per_act ? f->activity : 1.0);
        double q = annual / 12.0 * sh->month[s->profile][11] *
                   (1.0 + 0.03 * rng_sym(&r)) /
                   unit_factor(carrier_dim(s->carrier), s->unit);
        rowtext_init(&t, f->id, preset_prior[k].series + 1, s, s->unit);
        put_year_month(period, PRESET_YEAR - 1, 12);
        out_row(o, t.prefix, t.plen, period, 7, q, s->decimals,
                t.suffix[0], t.slen);
        (*rows)++;
    }

    for (size_t j = 0; j < ns; j++) {
        const gen_series *s = &f->s[j];
        double annual = s->rate * (s->per_act ? f->activity : 1.0);
        double per_unit = 1.0 / unit_factor(carrier_dim(s->carrier), s->unit);
        gen_rowtext t;
        gen_rng rs;
        char period[8];
        rng_seed(&rs, PRESET_SEED, fi, 100 + j);
        rowtext_init(&t, f->id, (int)j + 1, s, s->unit);
        for (int m = s->start_month > 0 ? s->start_month : 1; m <= 12; m++) {
            double q = annual / 12.0 * v[s->profile][m - 1] *
                       (1.0 + 0.012 * rng_sym(&rs)) * per_unit;
            int est = rng_unit(&rs) < 0.01;
            size_t at = o->len;
            put_year_month(period, PRESET_YEAR, m);
            out_row(o, t.prefix, t.plen, period, 7, q, s->decimals,
                    t.suffix[est], t.slen);
            (*rows)++;
            if (strcmp(preset_dup.firm, f->id) == 0 &&
                preset_dup.series == (int)j && preset_dup.month == m &&
                o->len > at) {
                duplen = o->len - at;
                memcpy(dup, o->buf + at, duplen);
            }
        }
    }

    if (duplen > 0) {
        out_mem(o, dup, duplen);
        (*rows)++;
    }
    for (size_t k = 0; k < sizeof preset_bad / sizeof preset_bad[0]; k++) {
        if (strcmp(preset_bad[k].after, f->id) != 0)
            continue;
        out_str(o, preset_bad[k].line);
        out_mem(o, "\n", 1);
        (*rows)++;
    }
}

static void preset_write(gen_out *firms, gen_out *meters, long *nfirms,
                         uint64_t *rows)
{
    gen_shapes sh;
    shapes_init(&sh);
    out_str(firms, firms_header);
    out_str(meters, meters_header);
    for (size_t i = 0; i < PRESET_NFIRMS; i++) {
        const gen_firm *f = &preset_firms[i];
        out_firm(firms, f->id, f->name, f->sector, f->township, f->oven,
                 f->mixed, f->volatile_pct, f->moisture, f->quench, f->age);
        preset_firm_rows(meters, &sh, i, rows);
    }
    *nfirms = (long)PRESET_NFIRMS;
}

/* ---- random mode ------------------------------------------------------- */

enum { PER_MONTH, PER_DAY, PER_15MIN };

typedef struct {
    const char *outdir;
    uint64_t seed;
    long firms;
    long meters;
    int periods;
    int year, years;
    int preset;
} gen_opts;

static const char *const towns[] = {
    "清源镇", "徐沟镇", "东于镇", "孟封镇", "马峪乡",
    "柳杜乡", "西谷乡", "王答乡", "集义乡"};

/* Sector shares of a random county, percent. */
static const struct {
    const char *sector;
    unsigned pct;
    const char *word[3]; /* name endings */
} sectors[] = {
    {"coking", 6, {"焦化", "煤焦", "焦化"}},
    {"coal_mining", 8, {"煤业", "煤矿", "矿业"}},
    {"coal_washing", 10, {"洗煤", "洗选煤", "煤炭洗选"}},
    {"chemicals", 8, {"化工", "新材料", "化学"}},
    {"food", 30, {"醋业", "食品", "酿造"}},
    {"building_materials", 14, {"建材", "水泥制品", "新型建材"}},
    {"power", 2, {"发电", "热电", "能源"}},
    {"other", 22, {"物流", "科技", "商贸"}},
};
#define NSECTORS (sizeof sectors / sizeof sectors[0])

static const char *const name_head[] = {"山西", "太原", "清徐县"};
static const char *const name_core[] = {
    "鑫", "宏", "晋", "泰", "源", "丰", "华", "盛", "兴", "隆",
    "昌", "达", "诚", "恒", "瑞", "祥", "永", "金", "福", "安"};

typedef struct {
    const gen_firm *proto[PRESET_NFIRMS]; /* per sector */
    size_t n;
} gen_protos;

/* Random firms copy the series of a preset firm of their sector (a top or
 * stamp plant for coking), scaled. */
static void protos_init(gen_protos p[NSECTORS])
{
    for (size_t s = 0; s < NSECTORS; s++) {
        p[s].n = 0;
        for (size_t i = 0; i < PRESET_NFIRMS; i++) {
            const gen_firm *f = &preset_firms[i];
            if (strcmp(f->sector, sectors[s].sector) == 0 &&
                strcmp(f->oven, "semi_coke") != 0)
                p[s].proto[p[s].n++] = f;
        }
    }
}

typedef struct {
    char id[24];
    char name[160];
    const char *sector, *township;
    const gen_firm *proto;
    double size; /* scale of the prototype's quantities */
    char mixed[8], vol[8], moist[8], age[8];
} gen_rfirm;

/* Firm idx (1-based) of a random county; depends on seed and idx only. */
static void rand_firm(const gen_opts *op, const gen_protos *protos, long idx,
                      gen_rfirm *f)
{
    gen_rng r;
    rng_seed(&r, op->seed, (uint64_t)idx, 0x6669726dU);
    unsigned pick = rng_below(&r, 100), acc = 0;
    size_t s = 0;
    for (s = 0; s + 1 < NSECTORS; s++) {
        acc += sectors[s].pct;
        if (pick < acc)
            break;
    }
    snprintf(f->id, sizeof f->id, "F%06ld", idx);
    f->sector = sectors[s].sector;
    f->proto = protos[s].proto[rng_below(&r, (unsigned)protos[s].n)];
    double u = rng_unit(&r);
    f->size = 0.1 + 1.1 * u * u;
    f->township = towns[rng_below(&r, sizeof towns / sizeof towns[0])];

    const char *head = name_head[rng_below(&r, 3)];
    const char *c1 = name_core[rng_below(&r, 20)];
    const char *c2 = name_core[rng_below(&r, 20)];
    const char *word = sectors[s].word[rng_below(&r, 3)];
    if (rng_below(&r, 50) == 0) /* exercise RFC 4180 quoting */
        snprintf(f->name, sizeof f->name, "%s\"%s%s\"%s有限公司,清徐分公司",
                 head, c1, c2, word);
    else
        snprintf(f->name, sizeof f->name, "%s%s%s%s有限公司", head, c1, c2,
                 word);

    f->mixed[0] = f->vol[0] = f->moist[0] = f->age[0] = '\0';
    if (strcmp(f->sector, "coking") == 0) {
        double mix = rng_unit(&r) < 0.7 ? 0.0 : 0.05 + 0.95 * rng_unit(&r);
        snprintf(f->mixed, sizeof f->mixed, "%.2f", mix);
        snprintf(f->vol, sizeof f->vol, "%.1f", 22.0 + 8.0 * rng_unit(&r));
        snprintf(f->moist, sizeof f->moist, "%.1f", 8.0 + 4.0 * rng_unit(&r));
        snprintf(f->age, sizeof f->age, "%u", 3 + rng_below(&r, 28));
    }
}

/* Picks a unit of the series' dimension in which a typical period's
 * quantity reads naturally, and the decimals; falls back to the
 * prototype's own unit for a carrier of unknown dimension. */
static void choose_unit(gen_rng *r, const gen_series *s, double typical,
                        const char **unit, double *to_base, int *decimals)
{
    int dim = carrier_dim(s->carrier);
    *unit = s->unit;
    *to_base = 1.0;
    *decimals = 1 + (int)rng_below(r, 4);
    if (dim == DIM_NONE)
        return;
    const gen_unit *u = units_by_dim[dim].u;
    size_t n = units_by_dim[dim].n, ok[8], nok = 0, lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        double x = typical / u[i].to_base;
        if (x >= 0.5 && x <= 5e6)
            ok[nok++] = i;
        if (u[i].to_base < u[lo].to_base)
            lo = i;
        if (u[i].to_base > u[hi].to_base)
            hi = i;
    }
    size_t k = nok > 0 ? ok[rng_below(r, (unsigned)nok)]
                       : (typical < u[lo].to_base ? lo : hi);
    *unit = u[k].unit;
    *to_base = u[k].to_base;
    if (typical / u[k].to_base < 10.0 && *decimals < 3)
        *decimals = 3;
}

static int days_in_year(int y)
{
    return is_leap(y) ? 366 : 365;
}

/* All rows of one series: q = annual x month shape x day shape / periods,
 * times +-5 % noise; about 1 % of rows are marked estimated. */
static void rand_series_rows(gen_out *o, const gen_opts *op,
                             const gen_shapes *sh, const gen_rowtext *t,
                             gen_rng *rs, double annual, int profile,
                             const double *day, int dec, uint64_t *rows)
{
    char period[17];
    size_t perlen = op->periods == PER_MONTH ? 7
                    : op->periods == PER_DAY ? 10 : 16;
    for (int y = op->year; y < op->year + op->years; y++) {
        int diy = days_in_year(y);
        for (int m = 1; m <= 12; m++) {
            double mq = annual * sh->month[profile][m - 1];
            put_year_month(period, y, m);
            if (op->periods == PER_MONTH) {
                uint64_t x = rng_next(rs);
                double noise = 1.0 + 0.1 * ((double)(x >> 11) * 0x1.0p-53 - 0.5);
                out_row(o, t->prefix, t->plen, period, perlen,
                        mq / 12.0 * noise, dec, t->suffix[(x & 0x3ff) < 10],
                        t->slen);
                (*rows)++;
                continue;
            }
            double dq = op->periods == PER_DAY ? mq / diy : mq / (diy * 96.0);
            int nd = days_in_month(y, m);
            for (int d = 1; d <= nd; d++) {
                period[7] = '-';
                put2(period + 8, d);
                if (op->periods == PER_DAY) {
                    uint64_t x = rng_next(rs);
                    double noise =
                        1.0 + 0.1 * ((double)(x >> 11) * 0x1.0p-53 - 0.5);
                    out_row(o, t->prefix, t->plen, period, perlen,
                            dq * noise, dec, t->suffix[(x & 0x3ff) < 10],
                            t->slen);
                    (*rows)++;
                    continue;
                }
                for (int k = 0; k < 96; k++) {
                    uint64_t x = rng_next(rs);
                    double noise =
                        1.0 + 0.1 * ((double)(x >> 11) * 0x1.0p-53 - 0.5);
                    memcpy(period + 10, sh->slot_text[k], 6);
                    out_row(o, t->prefix, t->plen, period, perlen,
                            dq * day[k] * noise, dec,
                            t->suffix[(x & 0x3ff) < 10], t->slen);
                }
                *rows += 96;
            }
        }
    }
}

static int rand_write(const gen_opts *op, gen_out *firms, gen_out *meters,
                      uint64_t *rows)
{
    gen_protos protos[NSECTORS];
    gen_shapes sh;
    gen_rfirm f;
    double ppy = op->periods == PER_MONTH ? 12.0
                 : op->periods == PER_DAY ? 365.0 : 365.0 * 96.0;

    protos_init(protos);
    shapes_init(&sh);
    out_str(firms, firms_header);
    for (long i = 1; i <= op->firms; i++) {
        int coking;
        rand_firm(op, protos, i, &f);
        coking = strcmp(f.sector, "coking") == 0;
        out_firm(firms, f.id, f.name, f.sector, f.township,
                 coking ? f.proto->oven : "", f.mixed, f.vol, f.moist,
                 coking ? f.proto->quench : "", f.age);
        if (firms->failed)
            return -1;
    }

    out_str(meters, meters_header);
    for (long i = 1; i <= op->firms; i++) {
        rand_firm(op, protos, i, &f);
        size_t ns = series_count(f.proto);
        for (long j = 0; j < op->meters; j++) {
            const gen_series *s = &f.proto->s[(size_t)j % ns];
            double annual = s->rate * f.size *
                            (s->per_act ? f.proto->activity : 1.0);
            const char *unit;
            double to_base;
            int dec, dim = carrier_dim(s->carrier);
            gen_rowtext t;
            gen_rng rs;
            rng_seed(&rs, op->seed, (uint64_t)i, 0x100000000u + (uint64_t)j);
            choose_unit(&rs, s, annual / ppy, &unit, &to_base, &dec);
            if (rowtext_init(&t, f.id, (int)j + 1, s, unit) != 0)
                return -2;
            const double *day = s->profile == PR_SOLAR ? sh.day[DAY_SOLAR]
                                : dim == DIM_ELEC      ? sh.day[DAY_ELEC]
                                                       : sh.day[DAY_FLAT];
            rand_series_rows(meters, op, &sh, &t, &rs, annual / to_base,
                             s->profile, day, dec, rows);
            if (meters->failed)
                return -1;
        }
    }
    return 0;
}

/* ---- files ------------------------------------------------------------- */

/* mkdir -p. */
static int make_dirs(const char *path)
{
    struct stat st;
    char *p = strdup(path);
    int rc = 0;
    if (p == NULL)
        return -1;
    for (char *q = p + 1; *q != '\0' && rc == 0; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *q = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
        if (errno == 0)
            errno = ENOTDIR;
        rc = -1;
    }
    free(p);
    return rc;
}

typedef struct {
    char *path, *tmp; /* OUTDIR/name and OUTDIR/name.tmp */
    gen_out out;
    int renamed;      /* tmp has become path */
} gen_file;

static int file_open(gen_file *gf, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 8;
    memset(gf, 0, sizeof *gf);
    gf->path = malloc(n);
    gf->tmp = malloc(n);
    gf->out.buf = malloc(OUT_CAP + ROW_MAX);
    if (gf->path == NULL || gf->tmp == NULL || gf->out.buf == NULL) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(gf->path, n, "%s/%s", dir, name);
    snprintf(gf->tmp, n, "%s/%s.tmp", dir, name);
    gf->out.f = fopen(gf->tmp, "wb");
    return gf->out.f == NULL ? -1 : 0;
}

/* Flushes and closes the temporary file; 0 or -1 with errno. */
static int file_close(gen_file *gf)
{
    FILE *f = gf->out.f;
    out_flush(&gf->out);
    gf->out.f = NULL;
    if (fclose(f) != 0 && !gf->out.failed) {
        gf->out.failed = 1;
        gf->out.err = errno;
    }
    if (gf->out.failed) {
        errno = gf->out.err;
        return -1;
    }
    return 0;
}

/* Closes and removes the temporary file when it was not renamed. */
static void file_free(gen_file *gf)
{
    if (gf->out.f != NULL)
        fclose(gf->out.f);
    if (gf->tmp != NULL && !gf->renamed)
        remove(gf->tmp);
    free(gf->path);
    free(gf->tmp);
    free(gf->out.buf);
}

/* ---- command line ------------------------------------------------------ */

static void usage(FILE *f)
{
    fputs(
        "usage: eca gen OUTDIR [--seed S] [--firms N] [--meters M]\n"
        "               [--periods monthly|daily|15min] [--year Y] [--years K]\n"
        "               [--preset qingxu-2022]\n"
        "\n"
        "Writes OUTDIR/firms.csv and OUTDIR/meters.csv (OUTDIR is created).\n"
        "The same arguments always give byte-identical files.\n"
        "\n"
        "  --seed S       random seed, an integer (default 1)\n"
        "  --firms N      number of firms, F000001... (default 200)\n"
        "  --meters M     meter series per firm (default 6)\n"
        "  --periods P    monthly (YYYY-MM, default), daily (YYYY-MM-DD) or\n"
        "                 15min (YYYY-MM-DDThh:mm)\n"
        "  --year Y       first year (default 2022)\n"
        "  --years K      number of years (default 1)\n"
        "  --preset qingxu-2022\n"
        "                 the bundled synthetic Qingxu county, reporting year\n"
        "                 2022, monthly; other options are then ignored\n"
        "\n"
        "Rows: firms x meters x periods. Exit status: 0 done, 1 I/O error,\n"
        "2 usage error.\n",
        f);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (*s == '-' || *s == '\0')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int bad_value(const char *opt, const char *v)
{
    fprintf(stderr, "eca gen: %s: invalid value '%s' (try eca gen --help)\n",
            opt, v);
    return 2;
}

/* 0 on success, else the exit status (2). */
static int parse_args(int argc, char **argv, gen_opts *op)
{
    op->outdir = NULL;
    op->seed = 1;
    op->firms = 200;
    op->meters = 6;
    op->periods = PER_MONTH;
    op->year = 2022;
    op->years = 1;
    op->preset = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0) {
            if (strcmp(a, "--") == 0 && i + 1 < argc)
                a = argv[++i];
            if (op->outdir != NULL) {
                fprintf(stderr, "eca gen: unexpected argument '%s'\n", a);
                return 2;
            }
            op->outdir = a;
            continue;
        }
        char name[32];
        const char *eq = strchr(a, '='), *v;
        size_t nl = eq != NULL ? (size_t)(eq - a) : strlen(a);
        if (nl >= sizeof name) {
            fprintf(stderr, "eca gen: unknown option '%s'\n", a);
            return 2;
        }
        memcpy(name, a, nl);
        name[nl] = '\0';
        if (eq != NULL) {
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        } else {
            fprintf(stderr, "eca gen: option %s needs a value\n", name);
            return 2;
        }
        long l;
        if (strcmp(name, "--seed") == 0) {
            if (parse_u64(v, &op->seed) != 0)
                return bad_value(name, v);
        } else if (strcmp(name, "--firms") == 0) {
            if (parse_long(v, 1, 9999999, &op->firms) != 0)
                return bad_value(name, v);
        } else if (strcmp(name, "--meters") == 0) {
            if (parse_long(v, 1, 999, &op->meters) != 0)
                return bad_value(name, v);
        } else if (strcmp(name, "--periods") == 0) {
            if (strcmp(v, "monthly") == 0)
                op->periods = PER_MONTH;
            else if (strcmp(v, "daily") == 0)
                op->periods = PER_DAY;
            else if (strcmp(v, "15min") == 0)
                op->periods = PER_15MIN;
            else
                return bad_value(name, v);
        } else if (strcmp(name, "--year") == 0) {
            if (parse_long(v, 1000, 9999, &l) != 0)
                return bad_value(name, v);
            op->year = (int)l;
        } else if (strcmp(name, "--years") == 0) {
            if (parse_long(v, 1, 100, &l) != 0)
                return bad_value(name, v);
            op->years = (int)l;
        } else if (strcmp(name, "--preset") == 0) {
            if (strcmp(v, "qingxu-2022") != 0)
                return bad_value(name, v);
            op->preset = 1;
        } else {
            fprintf(stderr, "eca gen: unknown option '%s'\n", name);
            return 2;
        }
    }
    if (op->outdir == NULL || op->outdir[0] == '\0') {
        fputs("eca gen: missing OUTDIR (try eca gen --help)\n", stderr);
        return 2;
    }
    if (!op->preset && op->year + op->years - 1 > 9999) {
        fputs("eca gen: --year + --years goes past 9999\n", stderr);
        return 2;
    }
    return 0;
}

int gen_main(int argc, char **argv)
{
    gen_opts op;
    gen_file firms, meters;
    uint64_t rows = 0;
    long nfirms = 0;
    int rc = 1, w = 0;
    const char *failed = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
    }
    int prc = parse_args(argc, argv, &op);
    if (prc != 0)
        return prc;
    if (preset_check() != 0)
        return 1;

    memset(&firms, 0, sizeof firms);
    memset(&meters, 0, sizeof meters);
    if (make_dirs(op.outdir) != 0) {
        fprintf(stderr, "eca gen: %s: %s\n", op.outdir, strerror(errno));
        return 1;
    }
    if (file_open(&firms, op.outdir, "firms.csv") != 0) {
        failed = firms.tmp;
        goto cleanup;
    }
    if (file_open(&meters, op.outdir, "meters.csv") != 0) {
        failed = meters.tmp;
        goto cleanup;
    }

    if (op.preset) {
        preset_write(&firms.out, &meters.out, &nfirms, &rows);
    } else {
        w = rand_write(&op, &firms.out, &meters.out, &rows);
        nfirms = op.firms;
    }
    if (w == -2) {
        fputs("eca gen: internal error: a row is too long\n", stderr);
        goto cleanup;
    }
    /* Both files are complete before either replaces an old one. */
    if (file_close(&firms) != 0) {
        failed = firms.path;
        goto cleanup;
    }
    if (file_close(&meters) != 0) {
        failed = meters.path;
        goto cleanup;
    }
    if (rename(firms.tmp, firms.path) != 0) {
        failed = firms.path;
        goto cleanup;
    }
    firms.renamed = 1;
    if (rename(meters.tmp, meters.path) != 0) {
        failed = meters.path;
        goto cleanup;
    }
    meters.renamed = 1;
    printf("eca gen: wrote %s (%ld firms) and %s (%llu meter rows)\n",
           firms.path, nfirms, meters.path, (unsigned long long)rows);
    rc = 0;

cleanup:
    if (rc != 0 && w != -2)
        fprintf(stderr, "eca gen: %s: %s\n",
                failed != NULL ? failed : op.outdir,
                strerror(errno != 0 ? errno : EIO));
    file_free(&firms);
    file_free(&meters);
    return rc;
}
