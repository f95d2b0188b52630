/* quality_analyse.c: each meter series judged once the file is read: gaps
 * and coverage of the year by its own frequency, and spikes and drops of its
 * daily or monthly levels by a robust z (by calendar month where a year of
 * daily data allows, an annual-cycle fit for monthly data). */
#include <math.h>
#include <string.h>
#include "quality.h"

static int64_t units_in_year(int gran, int year)
{
    return gran == ECAI_PER_MONTH ? 12
           : gran == ECAI_PER_DAY ? 365 + ecai_quality_leap(year)
                                  : (365 + ecai_quality_leap(year)) * 1440;
}

/* The log of a bin's level, NaN for an empty bin or a level of 0 (zero
 * bins are left to the zero-run rule): a month's total per day of the
 * month (February is not a drop), a day's mean reading. */
static double log_level(const ecai_series *s, int b)
{
    double lv;
    if (s->nbin == ECAI_NBIN_MONTH) /* February of a leap year: 29 days */
        lv = s->bin.month[b] / (ecai_quality_month_start(b + 1) -
                                ecai_quality_month_start(b) +
                                (b == 1 && ecai_quality_leap(s->year)));
    else
        lv = s->bin_n ? (double)s->bin.day[b] / s->bin_n[b]
                      : (double)s->bin.day[b];
    return lv > 0 ? log(lv) : (double)NAN;
}

/* Scores x[0..n) by z = (x - med) / scale: the largest |z| kept, those
 * above z_limit counted as spikes, those below -z_limit as drops. */
static void score(ecai_series *s, const double *x, size_t n, double med,
                  double scale, double z_limit)
{
    for (size_t k = 0; k < n; k++) {
        double z = (x[k] - med) / scale;
        if (fabs(z) > fabs(s->max_z))
            s->max_z = z;
        s->spikes += z > z_limit;
        s->drops += z < -z_limit;
    }
}

/* Robust z of log levels x[0..n), in bin order: (x - median) / scale, the
 * scale 1.4826 MAD but at least `floor` (0.05: +-5 %); energy use varies by
 * ratios, so a heating series five times higher in winter is not spiky.
 * Five values at least. */
static void robust(ecai_series *s, const double *x, size_t n, double z_limit,
                   double floor)
{
    double w[ECAI_NBIN_DAY];
    if (n < 5)
        return;
    double med, mad;
    memcpy(w, x, n * sizeof *w);
    ecai_quality_median_mad(w, n, &med, &mad);
    score(s, x, n, med, fmax(mad, floor), z_limit);
}

/* Monthly bins: the log level is fitted with an annual cycle (a + b cos +
 * c sin of the month) by iteratively reweighted least squares with
 * Tukey's bisquare (tuning 4.685, scale MAD / 0.6745), so that a smooth
 * seasonal series - heating in winter, PV in summer - leaves small
 * residuals while a spike or drop, weighted out of the fit, leaves a large
 * one; the residuals are scored by their median and MAD. cycle: cos and
 * sin of each mid-month. */
static void seasonal_fit(ecai_series *s, const double (*cycle)[2],
                         double z_limit, double floor)
{
    double cs[12], sn[12], y[12], w[12], res[12], srt[12], c[3] = {0};
    double med = 0, mad = 0;
    size_t n = 0;
    for (int b = 0; b < 12; b++) {
        double lv = log_level(s, b);
        if (isnan(lv))
            continue;
        cs[n] = cycle[b][0];
        sn[n] = cycle[b][1];
        y[n] = lv;
        w[n++] = 1;
    }
    if (n < 6)
        return;
    for (int it = 0; it < 12; it++) {
        double prev[3] = {c[0], c[1], c[2]};
        if (ecai_quality_wls3(cs, sn, y, w, n, c) != 0)
            return;
        for (size_t k = 0; k < n; k++)
            res[k] = y[k] - (c[0] + c[1] * cs[k] + c[2] * sn[k]);
        memcpy(srt, res, n * sizeof *srt);
        /* 1.4826 x MAD = MAD / 0.6745 */
        ecai_quality_median_mad(srt, n, &med, &mad);
        double scale = fmax(mad, 1e-9);
        for (size_t k = 0; k < n; k++) {
            double u = res[k] / (4.685 * scale);
            w[k] = fabs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0;
        }
        if (it && fabs(c[0] - prev[0]) + fabs(c[1] - prev[1]) +
                          fabs(c[2] - prev[2]) < 1e-9)
            break;
    }
    /* the last residuals' median and MAD score them */
    score(s, res, n, med, fmax(mad, floor), z_limit);
}

/* Spikes and drops: by calendar month for a year of daily bins (seasonal),
 * else over all bins. */
static void spikes(ecai_series *s, const double (*cycle)[2], double z_limit,
                   double floor)
{
    double x[ECAI_NBIN_DAY];
    size_t n = 0, days = 0;
    if (s->nbin == ECAI_NBIN_MONTH) {
        seasonal_fit(s, cycle, z_limit, floor);
        return;
    }
    for (int b = 0; b < s->nbin; b++)
        days += !isnan(s->bin.day[b]);
    if (days >= 300) {
        int lp = ecai_quality_leap(s->year);
        for (int m = 0; m < 12; m++) { /* the days of each month */
            n = 0;
            for (int b = ecai_quality_month_start(m) + (m >= 2 && lp);
                 b < ecai_quality_month_start(m + 1) + (m + 1 >= 2 && lp);
                 b++) {
                double lv = log_level(s, b);
                if (!isnan(lv))
                    x[n++] = lv;
            }
            robust(s, x, n, z_limit, floor);
        }
        s->seasonal = 1;
        return;
    }
    for (int b = 0; b < s->nbin; b++) {
        double lv = log_level(s, b);
        if (!isnan(lv))
            x[n++] = lv;
    }
    robust(s, x, n, z_limit, floor);
}

void ecai_quality_analyse(ecai_quality *q, int year, double z_limit,
                          double floor, int threads)
{
    size_t ns;
    ecai_series *all = ecai_quality_series(q, &ns);
    long n = (long)ns;
    double cycle[12][2]; /* cos and sin of each mid-month, shared */
    for (int b = 0; b < 12; b++) {
        double t = 2 * 3.14159265358979323846 * (b + 0.5) / 12;
        cycle[b][0] = cos(t);
        cycle[b][1] = sin(t);
    }
    /* series are independent: any thread count gives the same results */
#pragma omp parallel for schedule(static, 64) num_threads(threads)
    for (long i = 0; i < n; i++) {
        ecai_series *s = &all[i];
        if (s->year != year)
            continue;
        /* months and days: a period each; readings within a day: the
         * smallest gap seen (15, 30, 60 minutes) */
        int64_t step = s->gran != ECAI_PER_MINUTE || !s->step ? 1 : s->step;
        s->step = step;
        int64_t span = (s->last - s->first) / step + 1;
        s->missing = span > (int64_t)s->rows ? (uint64_t)(span - (int64_t)s->rows)
                                             : 0;
        s->expected = (uint64_t)(units_in_year(s->gran, year) / step);
        if (s->expected < s->rows)
            s->expected = s->rows;
        spikes(s, (const double(*)[2])cycle, z_limit, floor);
    }
}
