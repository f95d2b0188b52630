/* grading.c: each coke plant graded against its corrected GB 21342-2025
 * limits (or the GB 29995-2024 semi-coke limits), at its nominal coke
 * intensity and at the ends of its span over the coefficient ranges; and
 * every firm's percentile among its sector's peers (GSL). */
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

void ecai_grade_firm(const eca_factors *f, eca_firm_result *r)
{
    eca_coke_inputs in = {r->coke_oven,    r->mixed_gas_ratio,
                          r->volatile_pct, r->moisture_pct,
                          r->oven_age_years, r->quench};
    eca_coke_limits l;
    r->coke_grade = r->coke_grade_low = r->coke_grade_high = -1;
    r->semi_coke_grade = -1;
    for (int g = 0; g < 3; g++)
        r->coke_limit[g] = NAN;
    if (!(r->coke_t > 0) || eca_coke_limits_compute(f, &in, &l) != ECA_OK ||
        !l.standard)
        return;
    if (!strcmp(r->coke_oven, "semi_coke")) {
        double corr = isnan(r->semi_coke_yield_correction)
                          ? 0
                          : r->semi_coke_yield_correction;
        r->semi_coke_grade = eca_coke_grade(&l, r->coke_kgce_per_t - corr);
        return;
    }
    for (int g = 0; g < 3; g++)
        r->coke_limit[g] = l.limit[g];
    r->coke_missing = l.missing;
    r->coke_volatile_outside = l.volatile_outside;
    r->coke_grade = eca_coke_grade(&l, r->coke_kgce_per_t);
    r->coke_grade_low = eca_coke_grade(&l, r->coke_kgce_per_t_low);
    r->coke_grade_high = eca_coke_grade(&l, r->coke_kgce_per_t_high);
}

/* The first of n sorted values that is not below x (or, with `after`,
 * that is above x): how many lie below (at or below) x. */
static size_t count_below(const double *sorted, size_t n, double x,
                          int after)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < x || (after && sorted[mid] == x))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Mid-rank percentile of x among n sorted values (none NaN): 100 x
 * (below + equal/2) / n. */
static double percentile(const double *sorted, size_t n, double x)
{
    size_t below = count_below(sorted, n, x, 0);
    size_t equal = count_below(sorted, n, x, 1) - below;
    return 100.0 * ((double)below + 0.5 * (double)equal) / (double)n;
}

static double figure(const eca_firm_result *r, int field)
{
    return field ? r->co2_t_per_t_coke : r->coke_kgce_per_t;
}

/* Percentiles of one figure, by sector. `field`: 0 coke intensity, 1 CO2
 * per tonne of coke. Firms are visited in order; the values of a sector
 * are gathered and sorted once, when its first firm is met. */
static void rank(eca_audit *a, int field, double *buf, char *done)
{
    size_t n = a->firms.n;
    memset(done, 0, n);
    for (size_t i = 0; i < n; i++) {
        const char *sector = a->res[i].sector;
        size_t m = 0;
        if (done[i])
            continue;
        for (size_t j = i; j < n; j++)
            if (!done[j] && !strcmp(a->res[j].sector, sector) &&
                !isnan(figure(&a->res[j], field)))
                buf[m++] = figure(&a->res[j], field);
        gsl_sort(buf, 1, m);
        for (size_t j = i; j < n; j++) {
            eca_firm_result *r = &a->res[j];
            if (done[j] || strcmp(r->sector, sector))
                continue;
            done[j] = 1;
            double *out = field ? &r->co2_per_t_coke_percentile
                                : &r->coke_kgce_percentile;
            *out = isnan(figure(r, field)) ? (double)NAN
                                           : percentile(buf, m, figure(r, field));
        }
    }
}

eca_status ecai_peers(eca_audit *a, eca_error *err)
{
    double *buf = malloc((a->firms.n + 1) * sizeof *buf);
    char *done = malloc(a->firms.n + 1);
    if (!buf || !done) {
        free(buf);
        free(done);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    rank(a, 0, buf, done);
    rank(a, 1, buf, done);
    free(buf);
    free(done);
    return ECA_OK;
}
