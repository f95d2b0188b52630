/* quality.h: meter series quality, shared by quality.c (the rows),
 * quality_analyse.c and quality_robust.c (the statistics); not API. */
#ifndef ECA_QUALITY_H
#define ECA_QUALITY_H

#include "internal.h"

/* The bins of a series: one per month, or one per day of the year. */
#define ECAI_NBIN_MONTH 12
#define ECAI_NBIN_DAY 366

/* The calendar of the bins, in plain arithmetic as the add path runs once
 * per row: leap years, and the days before month m (0: January, 12: the
 * year) in a common year. */
static inline int ecai_quality_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline int ecai_quality_month_start(int m)
{
    static const int start[13] = {0,   31,  59,  90,  120, 151, 181,
                                  212, 243, 273, 304, 334, 365};
    return start[m];
}

/* One meter series (firm, meter, carrier, flow, process) of one year and
 * granularity. Periods are counted in the series' unit: months, days or
 * minutes. */
typedef struct {
    int32_t firm, carrier;
    int flow, gran, year;
    char *meter, *process;
    int64_t first, last, prev, step; /* step: the smallest gap seen */
    uint64_t rows, estimated, out_of_order;
    double prev_value;
    uint32_t run, stuck_max, zero_run, zero_max;
    /* One bin per month (12) or per day (366) of the year: the sum of its
     * rows, NaN while it has none (a bin of zeros is not empty). Day bins
     * are floats: a day's level is only scored as a log against a robust
     * scale of at least 0.05 (+-5 %), where a float's 7 digits move a z by
     * about 1e-6 (a day of 1440 minute readings summed in float stays
     * within 1439 x 2^-24 = 9e-5 of its sum: 2e-3 in z at worst), and 366
     * floats take 1.4 KB. Month bins stay double: the annual-cycle fit
     * reweights by residuals whose scale can fall far below 0.05, where
     * float rounding moved z by up to 2e-4, and 12 doubles are 96 bytes. */
    int nbin;
    union {
        float *day;
        double *month;
    } bin;
    /* Rows per day bin, kept from the first day that gets a second row
     * (sub-daily series: at most 1440 a day, as duplicates are rejected
     * before); NULL while every day has at most one. Month bins need no
     * count: their level is the total per day of the month. */
    uint16_t *bin_n;
    /* from ecai_quality_analyse */
    uint64_t missing;  /* periods missing inside [first, last] */
    uint64_t expected; /* periods of the year at the series' step */
    uint32_t spikes, drops;
    double max_z; /* the robust z of largest magnitude */
    int seasonal; /* 1: median and MAD taken by calendar month */
} ecai_series;

typedef struct ecai_quality ecai_quality;

ecai_quality *ecai_quality_alloc(void);
void ecai_quality_free(ecai_quality *q);
/* One accepted meter row, in file order; value in base units, finite and
 * at least 0. ECA_EARG when one day of a series gets more than 65535
 * rows, which only repeated rows can do. */
eca_status ecai_quality_add(ecai_quality *q, int32_t firm, int32_t carrier,
                            int flow, const char *meter, size_t meter_n,
                            const char *process, size_t process_n,
                            const ecai_period *p, double value, int estimated,
                            eca_error *err);
/* The same, for a row whose series the caller numbers `sid` (firm, meter,
 * carrier, flow, process), its period given by its granularity, year, and
 * unit index and bin as ecai_quality_unit computes them: the series is
 * found without its key when the id was seen with the same granularity
 * and year. */
eca_status ecai_quality_add_sid(ecai_quality *q, long sid, int32_t firm,
                                int32_t carrier, int flow, const char *meter,
                                size_t meter_n, const char *process,
                                size_t process_n, int gran, int year,
                                int64_t unit, int bin, double value,
                                int estimated, eca_error *err);
/* The period's index in its unit (months since year 0; days, or minutes,
 * since 0000-03-01 as ecai_period_minutes counts them) and its bin: its
 * month or its day of the year, from 0. */
int64_t ecai_quality_unit(const ecai_period *p, int *bin);
/* Sorts x[0..n) (n > 0) and gives its median and 1.4826 MAD, to the bit
 * the values of gsl_stats_median and gsl_stats_mad. */
void ecai_quality_median_mad(double *x, size_t n, double *median,
                             double *mad);
/* Weighted least squares of y on (1, cos, sin) of n points: c, 0; or -1
 * when the normal equations are not positive definite (a test compares
 * it with GSL's Cholesky). */
int ecai_quality_wls3(const double *cs, const double *sn, const double *y,
                      const double *w, size_t n, double c[3]);
/* Gaps, coverage, spikes and drops of the series of `year`; a bin whose
 * robust z exceeds z_limit is a spike (or below -z_limit a drop), the
 * robust scale at least floor (on the log scale: 0.05 is +-5 %). */
void ecai_quality_analyse(ecai_quality *q, int year, double z_limit,
                          double floor, int threads);
ecai_series *ecai_quality_series(const ecai_quality *q, size_t *n);

#endif
