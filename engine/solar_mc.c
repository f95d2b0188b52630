/* solar_mc.c: Monte Carlo over inter-annual irradiance, system losses and
 * degradation, giving P50 and P90 of each scenario's first-year and
 * lifetime energy. The draws are made in one seeded GSL stream, in draw
 * order, before any thread starts; each draw's yield is then computed on
 * its own and written to its own slot, so the result is the same for any
 * thread count. The same draws serve every scenario (common random
 * numbers), so scenarios compare draw for draw. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "solar.h"

/* P50 is the median; P90 the energy exceeded in 90 % of the draws. */
#define Q_P50 0.5
#define Q_P90 0.1

typedef struct {
    double f1;   /* first year's irradiance factor */
    double fw;   /* lifetime's, weighted by each year's degraded output */
    double loss;
    double life; /* sum over the years of (1 - d)^(y - 1) */
} draw;

static void make_draws(draw *d, int n, const ecai_solar_params *p,
                       gsl_rng *r)
{
    int years = (int)p->lifetime_years;
    for (int i = 0; i < n; i++) {
        double fs[128] = {1}, sw = 0, swf = 0;
        for (int y = 0; y < years && y < 128; y++)
            fs[y] = fmax(0.0, 1 + gsl_ran_gaussian(r, p->mc_irradiance_sd));
        double loss = p->system_loss + gsl_ran_gaussian(r, p->mc_loss_sd);
        double deg = p->degradation_per_year +
                     gsl_ran_gaussian(r, p->mc_degradation_sd);
        loss = fmin(fmax(loss, 0), 0.9);
        deg = fmin(fmax(deg, 0), 0.2);
        for (int y = 0; y < years && y < 128; y++) {
            double wgt = pow(1 - deg, y);
            sw += wgt;
            swf += wgt * fs[y];
        }
        d[i] = (draw){fs[0], sw > 0 ? swf / sw : 1, loss, sw};
    }
}

static double quantile(double *v, size_t n, double q)
{
    gsl_sort(v, 1, n);
    return gsl_stats_quantile_from_sorted_data(v, 1, n, q);
}

eca_status ecai_solar_mc(const ecai_pvmodel *m, const ecai_weather *w,
                         const ecai_solar_params *p, const double *kwp,
                         size_t nsc, int draws, unsigned long seed,
                         int threads, double *p50, double *p90,
                         double *life_p50, double *life_p90, eca_error *err)
{
    eca_status st = ECA_OK;
    size_t nd = (size_t)draws;
    draw *d = malloc(nd * sizeof *d);
    double *y1 = malloc(nsc * nd * sizeof *y1);
    double *yl = malloc(nsc * nd * sizeof *yl);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!d || !y1 || !yl || !r || draws <= 0 || p->lifetime_years > 128) {
        st = ecai_fail(err, r && d && y1 && yl ? ECA_EARG : ECA_ENOMEM,
                       "Monte Carlo: %s", r && d && y1 && yl
                                              ? "draws must be at least 1 "
                                                "and the lifetime at most 128"
                                              : "out of memory");
        goto done;
    }
    gsl_rng_set(r, seed);
    make_draws(d, draws, p, r);
    int nt = threads > 0 ? threads : omp_get_max_threads();
    int fail = 0;
#pragma omp parallel num_threads(nt)
    {
        double *o1 = malloc((m->n ? m->n : 1) * sizeof *o1);
        double *ol = malloc((m->n ? m->n : 1) * sizeof *ol);
        if (!o1 || !ol) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(static, 16)
        for (long i = 0; i < (long)draws; i++) {
            if (!o1 || !ol)
                continue;
            for (size_t o = 0; o < m->n; o++) {
                o1[o] = ecai_pvmodel_year(m, w, p, o, d[i].f1, d[i].loss);
                ol[o] = ecai_pvmodel_year(m, w, p, o, d[i].fw, d[i].loss);
            }
            for (size_t s = 0; s < nsc; s++) {
                double a = 0, b = 0;
                for (size_t o = 0; o < m->n; o++) {
                    a += kwp[s * m->n + o] * o1[o];
                    b += kwp[s * m->n + o] * ol[o];
                }
                y1[s * nd + (size_t)i] = a;
                yl[s * nd + (size_t)i] = b * d[i].life;
            }
        }
        free(o1);
        free(ol);
    }
    if (fail) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t s = 0; s < nsc; s++) {
        p50[s] = quantile(y1 + s * nd, nd, Q_P50);
        p90[s] = quantile(y1 + s * nd, nd, Q_P90);
        life_p50[s] = quantile(yl + s * nd, nd, Q_P50);
        life_p90[s] = quantile(yl + s * nd, nd, Q_P90);
    }
done:
    if (r)
        gsl_rng_free(r);
    free(d);
    free(y1);
    free(yl);
    return st;
}
