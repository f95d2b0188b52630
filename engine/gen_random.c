/* gen_random.c: random mode of `eca gen`: counties of any size, periods and
 * years, each firm a scaled copy of a Qingxu firm of its sector. */

#include "gen_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
    const gen_firm *proto[GEN_QINGXU_NFIRMS]; /* per sector */
    size_t n;
} gen_protos;

/* Random firms copy the series of a preset firm of their sector (a top or
 * stamp plant for coking), scaled. */
static void protos_init(gen_protos p[NSECTORS])
{
    for (size_t s = 0; s < NSECTORS; s++) {
        p[s].n = 0;
        for (size_t i = 0; i < GEN_QINGXU_NFIRMS; i++) {
            const gen_firm *f = gen_qingxu_firm(i);
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
    gen_rng_seed(&r, op->seed, (uint64_t)idx, 0x6669726dU);
    unsigned pick = gen_rng_below(&r, 100), acc = 0;
    size_t s = 0;
    for (s = 0; s + 1 < NSECTORS; s++) {
        acc += sectors[s].pct;
        if (pick < acc)
            break;
    }
    snprintf(f->id, sizeof f->id, "F%06ld", idx);
    f->sector = sectors[s].sector;
    f->proto = protos[s].proto[gen_rng_below(&r, (unsigned)protos[s].n)];
    double u = gen_rng_unit(&r);
    f->size = 0.1 + 1.1 * u * u;
    f->township = towns[gen_rng_below(&r, sizeof towns / sizeof towns[0])];

    const char *head = name_head[gen_rng_below(&r, 3)];
    const char *c1 = name_core[gen_rng_below(&r, 20)];
    const char *c2 = name_core[gen_rng_below(&r, 20)];
    const char *word = sectors[s].word[gen_rng_below(&r, 3)];
    if (gen_rng_below(&r, 50) == 0) /* exercise RFC 4180 quoting */
        snprintf(f->name, sizeof f->name, "%s\"%s%s\"%s有限公司,清徐分公司",
                 head, c1, c2, word);
    else
        snprintf(f->name, sizeof f->name, "%s%s%s%s有限公司", head, c1, c2,
                 word);

    f->mixed[0] = f->vol[0] = f->moist[0] = f->age[0] = '\0';
    if (strcmp(f->sector, "coking") == 0) {
        double mix =
            gen_rng_unit(&r) < 0.7 ? 0.0 : 0.05 + 0.95 * gen_rng_unit(&r);
        snprintf(f->mixed, sizeof f->mixed, "%.2f", mix);
        snprintf(f->vol, sizeof f->vol, "%.1f",
                 22.0 + 8.0 * gen_rng_unit(&r));
        snprintf(f->moist, sizeof f->moist, "%.1f",
                 8.0 + 4.0 * gen_rng_unit(&r));
        snprintf(f->age, sizeof f->age, "%u", 3 + gen_rng_below(&r, 28));
    }
}

/* Picks a unit of the series' dimension in which a typical period's
 * quantity reads naturally, and the decimals; falls back to the
 * prototype's own unit for a carrier of unknown dimension. */
static void choose_unit(gen_rng *r, const gen_series *s, double typical,
                        const char **unit, double *to_base, int *decimals)
{
    int dim = gen_carrier_dim(s->carrier);
    *unit = s->unit;
    *to_base = 1.0;
    *decimals = 1 + (int)gen_rng_below(r, 4);
    if (dim == GEN_DIM_NONE)
        return;
    const gen_unit *u;
    size_t n = gen_dim_units(dim, &u), ok[8], nok = 0, lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        double x = typical / u[i].to_base;
        if (x >= 0.5 && x <= 5e6)
            ok[nok++] = i;
        if (u[i].to_base < u[lo].to_base)
            lo = i;
        if (u[i].to_base > u[hi].to_base)
            hi = i;
    }
    size_t k = nok > 0 ? ok[gen_rng_below(r, (unsigned)nok)]
                       : (typical < u[lo].to_base ? lo : hi);
    *unit = u[k].unit;
    *to_base = u[k].to_base;
    if (typical / u[k].to_base < 10.0 && *decimals < 3)
        *decimals = 3;
}

/* All rows of one series: q = annual x month shape x day shape / periods,
 * times +-5 % noise; about 1 % of rows are marked estimated. */
static void rand_series_rows(gen_out *o, const gen_opts *op,
                             const gen_shapes *sh, const gen_rowtext *t,
                             gen_rng *rs, double annual, int profile,
                             const double *day, int dec, uint64_t *rows)
{
    char period[17];
    size_t perlen = op->periods == GEN_PER_MONTH ? 7
                    : op->periods == GEN_PER_DAY ? 10 : 16;
    for (int y = op->year; y < op->year + op->years; y++) {
        int diy = gen_days_in_year(y);
        for (int m = 1; m <= 12; m++) {
            double mq = annual * sh->month[profile][m - 1];
            gen_put_year_month(period, y, m);
            if (op->periods == GEN_PER_MONTH) {
                uint64_t x = gen_rng_next(rs);
                double noise =
                    1.0 + 0.1 * ((double)(x >> 11) * 0x1.0p-53 - 0.5);
                gen_out_row(o, t->prefix, t->plen, period, perlen,
                            mq / 12.0 * noise, dec,
                            t->suffix[(x & 0x3ff) < 10], t->slen);
                (*rows)++;
                continue;
            }
            double dq = op->periods == GEN_PER_DAY ? mq / diy
                                                   : mq / (diy * 96.0);
            int nd = gen_days_in_month(y, m);
            for (int d = 1; d <= nd; d++) {
                period[7] = '-';
                gen_put2(period + 8, d);
                if (op->periods == GEN_PER_DAY) {
                    uint64_t x = gen_rng_next(rs);
                    double noise =
                        1.0 + 0.1 * ((double)(x >> 11) * 0x1.0p-53 - 0.5);
                    gen_out_row(o, t->prefix, t->plen, period, perlen,
                                dq * noise, dec, t->suffix[(x & 0x3ff) < 10],
                                t->slen);
                    (*rows)++;
                    continue;
                }
                for (int k = 0; k < 96; k++) {
                    uint64_t x = gen_rng_next(rs);
                    double noise =
                        1.0 + 0.1 * ((double)(x >> 11) * 0x1.0p-53 - 0.5);
                    memcpy(period + 10, sh->slot_text[k], 6);
                    gen_out_row(o, t->prefix, t->plen, period, perlen,
                                dq * day[k] * noise, dec,
                                t->suffix[(x & 0x3ff) < 10], t->slen);
                }
                *rows += 96;
            }
        }
    }
}

/* A coke plant always gets every series of its coking boundary (coal
 * charged, coke, gas, tar and benzene out, the fuel, power, steam and
 * working media used there), whatever --meters is: without them its coke
 * intensity means nothing. --meters adds or leaves out the others. */
static int always_written(const gen_rfirm *f, const gen_series *s)
{
    return strcmp(f->sector, "coking") == 0 &&
           strcmp(s->process, "coking") == 0;
}

int gen_random_write(const gen_opts *op, gen_out *firms, gen_out *meters,
                     uint64_t *rows)
{
    gen_protos protos[NSECTORS];
    gen_shapes sh;
    gen_rfirm f;
    double ppy = op->periods == GEN_PER_MONTH ? 12.0
                 : op->periods == GEN_PER_DAY ? 365.0 : 365.0 * 96.0;

    protos_init(protos);
    gen_shapes_init(&sh);
    gen_out_str(firms, gen_firms_header);
    for (long i = 1; i <= op->firms; i++) {
        int coking;
        rand_firm(op, protos, i, &f);
        coking = strcmp(f.sector, "coking") == 0;
        gen_out_firm(firms, f.id, f.name, f.sector, f.township,
                     coking ? f.proto->oven : "", f.mixed, f.vol, f.moist,
                     coking ? f.proto->quench : "", f.age);
        if (firms->failed)
            return -1;
    }

    gen_out_str(meters, gen_meters_header);
    for (long i = 1; i <= op->firms; i++) {
        rand_firm(op, protos, i, &f);
        size_t ns = gen_series_count(f.proto);
        long nj = op->meters > (long)ns ? op->meters : (long)ns;
        /* series j is the prototype's j % ns, meter j + 1, its own stream:
         * the first --meters of them as ever, then the boundary series
         * that --meters left out */
        for (long j = 0; j < nj; j++) {
            const gen_series *s = &f.proto->s[(size_t)j % ns];
            if (j >= op->meters && !always_written(&f, s))
                continue;
            double annual = s->rate * f.size *
                            (s->per_act ? f.proto->activity : 1.0);
            const char *unit;
            double to_base;
            int dec, dim = gen_carrier_dim(s->carrier);
            gen_rowtext t;
            gen_rng rs;
            gen_rng_seed(&rs, op->seed, (uint64_t)i,
                         0x100000000u + (uint64_t)j);
            choose_unit(&rs, s, annual / ppy, &unit, &to_base, &dec);
            if (gen_rowtext_init(&t, f.id, (int)j + 1, s, unit) != 0)
                return -2;
            const double *day =
                s->profile == GEN_PR_SOLAR ? sh.day[GEN_DAY_SOLAR]
                : dim == GEN_DIM_ELEC      ? sh.day[GEN_DAY_ELEC]
                                           : sh.day[GEN_DAY_FLAT];
            rand_series_rows(meters, op, &sh, &t, &rs, annual / to_base,
                             s->profile, day, dec, rows);
            if (meters->failed)
                return -1;
        }
    }
    return 0;
}
