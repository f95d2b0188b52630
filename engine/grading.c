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

/* Mid-rank percentile of x among n sorted values: 100 x (below + equal/2)
 * / n. */
static double percentile(const double *sorted, size_t n, double x)
{
    size_t below = 0, equal = 0;
    for (size_t i = 0; i < n; i++) {
        below += sorted[i] < x;
        equal += sorted[i] == x;
    }
    return 100.0 * ((double)below + 0.5 * (double)equal) / (double)n;
}

/* Percentiles of one figure, by sector. `field`: 0 coke intensity, 1 CO2
 * per tonne of coke. */
static void rank(eca_audit *a, int field, double *buf)
{
    size_t n = a->firms.n;
    for (size_t i = 0; i < n; i++) {
        eca_firm_result *r = &a->res[i];
        double *out = field ? &r->co2_per_t_coke_percentile
                            : &r->coke_kgce_percentile;
        double x = field ? r->co2_t_per_t_coke : r->coke_kgce_per_t;
        size_t m = 0;
        *out = NAN;
        if (isnan(x))
            continue;
        for (size_t j = 0; j < n; j++) {
            const eca_firm_result *p = &a->res[j];
            double y = field ? p->co2_t_per_t_coke : p->coke_kgce_per_t;
            if (!isnan(y) && !strcmp(p->sector, r->sector))
                buf[m++] = y;
        }
        gsl_sort(buf, 1, m);
        *out = percentile(buf, m, x);
    }
}

eca_status ecai_peers(eca_audit *a, eca_error *err)
{
    double *buf = malloc((a->firms.n + 1) * sizeof *buf);
    if (!buf)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    rank(a, 0, buf);
    rank(a, 1, buf);
    free(buf);
    return ECA_OK;
}
