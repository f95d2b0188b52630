/* gen_internal.h: names shared by the files of `eca gen` (gen.c, gen_random.c,
 * gen_qingxu.c, gen_model.c, gen_util.c). Part of the CLI, not the library. */
#ifndef ECA_GEN_INTERNAL_H
#define ECA_GEN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- PRNG: xoshiro256** seeded through splitmix64 (gen_util.c) --------- */
/* Every firm and every meter series has its own stream, derived from the
 * seed and its index, so rows never depend on what was drawn before. */

typedef struct {
    uint64_t s[4];
} gen_rng;

void gen_rng_seed(gen_rng *r, uint64_t a, uint64_t b, uint64_t c);
uint64_t gen_rng_next(gen_rng *r);
/* Uniform in [0, 1). */
double gen_rng_unit(gen_rng *r);
/* Uniform in [-1, 1). */
double gen_rng_sym(gen_rng *r);
/* Uniform in 0..n-1. */
unsigned gen_rng_below(gen_rng *r, unsigned n);

/* ---- buffered output (gen_util.c) -------------------------------------- */

#define GEN_OUT_CAP ((size_t)1 << 20) /* flush threshold */
#define GEN_ROW_MAX 1024              /* one meter row never exceeds this */

typedef struct {
    FILE *f;
    char *buf; /* GEN_OUT_CAP + GEN_ROW_MAX bytes */
    size_t len;
    int failed; /* a write failed; errno kept in err */
    int err;
} gen_out;

void gen_out_flush(gen_out *o);
void gen_out_mem(gen_out *o, const char *s, size_t n);
void gen_out_str(gen_out *o, const char *s);
/* A CSV field, quoted per RFC 4180 when it holds a comma, quote or line
 * break. */
void gen_out_field(gen_out *o, const char *s);
/* One meter row: prefix "firm,meter,carrier,flow,process," then period,
 * quantity (q >= 0 with dec, 1..4, decimals) and suffix ",unit,estimated\n". */
void gen_out_row(gen_out *o, const char *prefix, size_t plen,
                 const char *period, size_t perlen, double q, int dec,
                 const char *suffix, size_t slen);
/* Two digits of v at p. */
void gen_put2(char *p, int v);
/* "YYYY-MM" at p (no terminator). */
void gen_put_year_month(char *p, int y, int m);

/* ---- calendar (gen_util.c) --------------------------------------------- */

int gen_days_in_month(int y, int m);
int gen_days_in_year(int y);

/* ---- carriers, units and shapes (gen_model.c) -------------------------- */

enum {
    GEN_DIM_MASS,
    GEN_DIM_VOLUME,
    GEN_DIM_ELEC,
    GEN_DIM_HEAT,
    GEN_DIM_COUNT,
    GEN_DIM_NONE = -1
};

typedef struct {
    const char *unit;
    double to_base; /* base units t, m3, kWh, GJ per unit */
} gen_unit;

/* The dimension of a carrier the generator writes, or GEN_DIM_NONE. */
int gen_carrier_dim(const char *carrier);
/* The unit's factor to base when it is of dimension dim, else 0. */
double gen_unit_factor(int dim, const char *unit);
/* The unit spellings of dimension dim (0 <= dim < GEN_DIM_COUNT) in *u;
 * returns how many. */
size_t gen_dim_units(int dim, const gen_unit **u);

/* Monthly profiles and daily shapes. */
enum {
    GEN_PR_PROD,
    GEN_PR_FOOD,
    GEN_PR_FLAT,
    GEN_PR_HEAT,
    GEN_PR_COOL,
    GEN_PR_SOLAR,
    GEN_PR_COUNT
};
enum { GEN_DAY_FLAT, GEN_DAY_ELEC, GEN_DAY_SOLAR, GEN_DAY_COUNT };

typedef struct {
    double month[GEN_PR_COUNT][12];
    double day[GEN_DAY_COUNT][96]; /* per 15-minute slot, mean 1 */
    char slot_text[96][7];         /* "Thh:mm" */
} gen_shapes;

void gen_shapes_init(gen_shapes *sh);

/* ---- firms and their meter series -------------------------------------- */

#define GEN_MAX_SERIES 13

typedef struct {
    const char *carrier;
    const char *flow;
    const char *process;
    double rate;       /* base units (t, m3, kWh, GJ) a year, or per unit of
                          the firm's activity when per_act */
    int per_act;
    const char *unit;  /* unit written by the preset */
    int decimals;      /* 1..4 */
    int profile;       /* GEN_PR_* */
    int start_month;   /* first month with rows, 0 = January */
} gen_series;

typedef struct {
    const char *id, *name, *sector, *township;
    const char *oven, *mixed, *volatile_pct, *moisture, *quench, *age;
    double activity; /* a year: t coke, t raw coal mined or washed, t
                        product, kWh generated; 0 when no series uses it */
    gen_series s[GEN_MAX_SERIES];
} gen_firm;

/* The CSV headers and a firms.csv row (gen_util.c). */
extern const char gen_firms_header[];
extern const char gen_meters_header[];
void gen_out_firm(gen_out *o, const char *id, const char *name,
                  const char *sector, const char *township, const char *oven,
                  const char *mixed, const char *vol, const char *moist,
                  const char *quench, const char *age);

/* Prefix "firm,meter,carrier,flow,process," and both suffixes of a series
 * (gen_util.c). */
typedef struct {
    char prefix[400];
    size_t plen;
    char suffix[2][64]; /* [estimated] ",unit,0\n" / ",unit,1\n" */
    size_t slen;
} gen_rowtext;

/* Returns -1 when a field would not fit (not with the generator's names). */
int gen_rowtext_init(gen_rowtext *t, const char *firm, int meter_no,
                     const gen_series *s, const char *unit);

/* ---- the bundled Qingxu 2022 county (gen_qingxu.c) --------------------- */

#define GEN_QINGXU_NFIRMS 49 /* checked against the table at compile time */

/* Firm i of the preset, 0 <= i < GEN_QINGXU_NFIRMS. */
const gen_firm *gen_qingxu_firm(size_t i);
/* The number of series of a firm. */
size_t gen_series_count(const gen_firm *f);
/* 0, or -1 after a message when a preset unit does not fit its carrier. */
int gen_qingxu_check(void);
void gen_qingxu_write(gen_out *firms, gen_out *meters, long *nfirms,
                      uint64_t *rows);

/* ---- random mode (gen_random.c) ---------------------------------------- */

enum { GEN_PER_MONTH, GEN_PER_DAY, GEN_PER_15MIN };

typedef struct {
    const char *outdir;
    uint64_t seed;
    long firms;
    long meters;
    int periods; /* GEN_PER_* */
    int year, years;
    int preset;
} gen_opts;

/* 0, -1 on a write failure (see the gen_out), -2 when a row is too long. */
int gen_random_write(const gen_opts *op, gen_out *firms, gen_out *meters,
                     uint64_t *rows);

#endif
