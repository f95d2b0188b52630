/* test_quality.c: meter series quality: gaps by the series' own frequency
 * (monthly to 15-minute), estimated readings, stuck and zero runs, spikes
 * and drops by median and MAD (by calendar month for a year of daily data),
 * and clean series left alone; the calendar arithmetic of the add path,
 * the bins (empty, zero, many rows a day) and median and MAD against GSL. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "quality.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_statistics_double.h>

static int setup(void **state)
{
    *state = ecai_quality_alloc();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ecai_quality_free(*state);
    return 0;
}

static void add(ecai_quality *q, const char *meter, const char *period,
                double v, int est)
{
    ecai_period p;
    eca_error err;
    eca_error_clear(&err);
    assert_int_equal(ecai_period_parse(period, strlen(period), &p), 0);
    assert_int_equal(ecai_quality_add(q, 3, 7, 0, meter, strlen(meter), "",
                                      0, &p, v, est, &err),
                     ECA_OK);
}

static const ecai_series *series(const ecai_quality *q, const char *meter)
{
    size_t n;
    const ecai_series *s = ecai_quality_series(q, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s[i].meter, meter))
            return &s[i];
    fail_msg("no series %s", meter);
    return NULL;
}

/* A deterministic noise in [-1, 1). */
static double noise(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    return (double)((*x >> 8) & 0xffff) / 32768.0 - 1;
}

/* Monthly: a clean seasonal series (heating in winter, +-3 % noise) has no
 * finding; one with June missing has one gap; one reading estimated. */
static void monthly(void **state)
{
    ecai_quality *q = *state;
    static const double shape[12] = {1.42, 1.35, 1.12, 0.93, 0.81, 0.76,
                                     0.78, 0.80, 0.86, 0.98, 1.18, 1.37};
    unsigned x = 17;
    char per[16];
    for (int m = 1; m <= 12; m++) {
        snprintf(per, sizeof per, "2022-%02d", m);
        add(q, "clean", per, 2385.5 * shape[m - 1] * (1 + 0.03 * noise(&x)),
            m == 4);
        if (m != 6)
            add(q, "gap", per, 1000 + m, 0);
    }
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "clean");
    assert_int_equal(s->rows, 12);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 12);
    assert_int_equal(s->estimated, 1);
    assert_int_equal(s->spikes + s->drops, 0);
    assert_int_equal(s->stuck_max, 1);
    s = series(q, "gap");
    assert_int_equal(s->rows, 11);
    assert_int_equal(s->missing, 1); /* June, inside January..December */
    assert_int_equal(s->step, 1);
}

/* Stuck and zero runs: 5 identical readings, then 4 zeros. */
static void runs(void **state)
{
    ecai_quality *q = *state;
    static const double v[12] = {812.4, 799.1, 805.0, 805.0, 805.0, 805.0,
                                 805.0, 0,     0,     0,     0,     790.2};
    char per[16];
    for (int m = 1; m <= 12; m++) {
        snprintf(per, sizeof per, "2022-%02d", m);
        add(q, "stuck", per, v[m - 1], 0);
    }
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "stuck");
    assert_int_equal(s->stuck_max, 5);
    assert_int_equal(s->zero_max, 4);
}

/* Daily for a year, 100 +- 5 %: a spike of 4x on 2022-07-14 and a drop to
 * 10 on 2022-11-02 are found by calendar month; nothing else is. */
static void daily_spike_and_drop(void **state)
{
    ecai_quality *q = *state;
    unsigned x = 99;
    ecai_period p = {2022, 1, 1, 0, 0, ECAI_PER_DAY};
    int64_t day0 = ecai_period_minutes(&p) / 1440;
    for (int d = 0; d < 365; d++) {
        /* the calendar date of day d */
        int m = 1, dd = d;
        static const int len[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
        while (dd >= len[m - 1])
            dd -= len[m++ - 1];
        char per[24];
        snprintf(per, sizeof per, "2022-%02d-%02d", m, dd + 1);
        double v = 100 * (1 + 0.05 * noise(&x));
        if (m == 7 && dd + 1 == 14)
            v *= 4;
        if (m == 11 && dd + 1 == 2)
            v = 10;
        add(q, "daily", per, v, 0);
        add(q, "clean", per, 100 * (1 + 0.05 * noise(&x)), 0);
    }
    (void)day0;
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "daily");
    assert_int_equal(s->seasonal, 1);
    assert_int_equal(s->spikes, 1);
    assert_int_equal(s->drops, 1);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 365);
    s = series(q, "clean");
    assert_int_equal(s->spikes + s->drops, 0);
}

/* 15-minute readings of one day with 10:00-10:45 missing: 4 gaps of 96;
 * out-of-order rows still give the step and the span. */
static void quarter_hours(void **state)
{
    ecai_quality *q = *state;
    char per[32];
    for (int k = 95; k >= 0; k--) { /* backwards: out of order */
        if (k >= 40 && k < 44)
            continue;
        snprintf(per, sizeof per, "2022-03-09T%02d:%02d", k / 4, k % 4 * 15);
        add(q, "qh", per, 12.5 + k % 7, 0);
    }
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "qh");
    assert_int_equal(s->step, 15);
    assert_int_equal(s->rows, 92);
    assert_int_equal(s->missing, 4);
    assert_int_equal(s->expected, 365 * 96);
    assert_true(s->out_of_order > 0);
}

/* Series are kept apart by year: analysing 2022 leaves 2021 untouched. */
static void years_apart(void **state)
{
    ecai_quality *q = *state;
    add(q, "m", "2021-12", 5, 0);
    add(q, "m", "2022-01", 5, 0);
    add(q, "m", "2022-03", 5, 0);
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    size_t n;
    const ecai_series *s = ecai_quality_series(q, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].year, 2021);
    assert_int_equal(s[0].expected, 0); /* not analysed */
    assert_int_equal(s[1].missing, 1);
    assert_int_equal(s[1].stuck_max, 2);
}

/* The calendar of the add path against ecai_period_minutes, every day of
 * 1900..2400 (the leap rule's three cases) and minutes across midnight. */
static void calendar(void **state)
{
    (void)state;
    ecai_period p = {1900, 1, 1, 0, 0, ECAI_PER_DAY};
    int bin, prev_bin = -1, year = 1900;
    int64_t prev = ecai_quality_unit(&p, &bin) - 1;
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    for (p.year = 1900; p.year <= 2400; p.year++)
        for (p.month = 1; p.month <= 12; p.month++) {
            int leap = (p.year % 4 == 0 && p.year % 100 != 0) ||
                       p.year % 400 == 0;
            int n = len[p.month - 1] + (p.month == 2 && leap);
            for (p.day = 1; p.day <= n; p.day++) {
                int64_t u = ecai_quality_unit(&p, &bin);
                assert_int_equal(u, ecai_period_minutes(&p) / 1440);
                assert_int_equal(u, prev + 1); /* no day skipped */
                /* the day of the year counts up, from 0 on 1 January */
                if (p.year != year) {
                    assert_int_equal(prev_bin, 364 + (year % 4 == 0 &&
                                                      (year % 100 != 0 ||
                                                       year % 400 == 0)));
                    assert_int_equal(bin, 0);
                    year = p.year;
                } else {
                    assert_int_equal(bin, prev_bin + 1);
                }
                prev = u;
                prev_bin = bin;
            }
        }
    /* by hand: 2024-01-01 is 365 x 2023 days, + 505 - 20 + 5 leap days of
     * the years before, + 306 days from 0000-03-01 to 0001-01-01 */
    ecai_period d = {2024, 1, 1, 0, 0, ECAI_PER_DAY};
    assert_int_equal(ecai_quality_unit(&d, &bin), 739191);
    d.month = 2, d.day = 29; /* 31 + 28 */
    assert_int_equal(ecai_quality_unit(&d, &bin), 739191 + 59);
    assert_int_equal(bin, 59);
    d.month = 12, d.day = 31; /* 366 days, the last bin */
    assert_int_equal(ecai_quality_unit(&d, &bin), 739191 + 365);
    assert_int_equal(bin, 365);
    d.year = 2100, d.month = 3, d.day = 1; /* 2100 is not leap */
    ecai_quality_unit(&d, &bin);
    assert_int_equal(bin, 59);
    d.year = 2000; /* 2000 is */
    ecai_quality_unit(&d, &bin);
    assert_int_equal(bin, 60);
    /* minutes: 2023-12-31T23:59 is one minute before 2024-01-01T00:00 */
    ecai_period m = {2023, 12, 31, 23, 59, ECAI_PER_MINUTE};
    int64_t u = ecai_quality_unit(&m, &bin);
    assert_int_equal(u, ecai_period_minutes(&m));
    assert_int_equal(u, 739191 * 1440 - 1);
    assert_int_equal(bin, 364);
    m = (ecai_period){2024, 2, 29, 13, 7, ECAI_PER_MINUTE};
    assert_int_equal(ecai_quality_unit(&m, &bin), ecai_period_minutes(&m));
    assert_int_equal(bin, 59);
    /* months: 2022-12 and 2023-01 are neighbours */
    ecai_period a = {2022, 12, 1, 0, 0, ECAI_PER_MONTH};
    ecai_period b = {2023, 1, 1, 0, 0, ECAI_PER_MONTH};
    assert_int_equal(ecai_quality_unit(&a, &bin), 2022 * 12 + 11);
    assert_int_equal(bin, 11);
    assert_int_equal(ecai_quality_unit(&b, &bin), 2022 * 12 + 12);
    assert_int_equal(bin, 0);
}

/* Series across midnight and across the end of February: 15-minute
 * readings 2024-02-28T23:00..2024-02-29T01:00 and daily readings
 * 2023-02-27..2023-03-02 and 2024-02-27..2024-03-02 have no gap. */
static void across_midnight(void **state)
{
    ecai_quality *q = *state;
    char per[32];
    for (int k = 0; k <= 8; k++) {
        int h = 23 + k / 4, mi = k % 4 * 15;
        snprintf(per, sizeof per, "2024-02-%02dT%02d:%02d", 28 + h / 24,
                 h % 24, mi);
        add(q, "qh", per, 3.25 + k, 0);
    }
    static const char *const d23[] = {"2023-02-27", "2023-02-28",
                                      "2023-03-01", "2023-03-02"};
    static const char *const d24[] = {"2024-02-27", "2024-02-28",
                                      "2024-02-29", "2024-03-01",
                                      "2024-03-02"};
    for (int k = 0; k < 4; k++)
        add(q, "d23", d23[k], 7.5 + k, 0);
    for (int k = 0; k < 5; k++)
        add(q, "d24", d24[k], 7.5 + k, 0);
    ecai_quality_analyse(q, 2024, 6, 0.05, 2);
    const ecai_series *s = series(q, "qh");
    ecai_period f = {2024, 2, 28, 23, 0, ECAI_PER_MINUTE};
    assert_int_equal(s->first, ecai_period_minutes(&f));
    assert_int_equal(s->last - s->first, 120); /* 23:00 to 01:00 */
    assert_int_equal(s->step, 15);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 366 * 96);
    /* the day bins: 28 February is day 58, 29 February day 59 */
    assert_int_equal(s->bin_n[58], 4);
    assert_int_equal(s->bin_n[59], 5);
    assert_rel(s->bin.day[58], 3.25 * 4 + 0 + 1 + 2 + 3, 1e-7);
    s = series(q, "d24");
    assert_int_equal(s->last - s->first, 4);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 366);
    assert_false(isnan(s->bin.day[59])); /* 29 February */
    assert_rel(s->bin.day[59], 9.5, 0);
    s = series(q, "d23");
    assert_int_equal(s->last - s->first, 3); /* no 29 February */
    assert_int_equal(s->missing, 0);
    assert_rel(s->bin.day[59], 9.5, 0); /* 1 March is day 59 in 2023 */
}

/* A bin with a reading of 0 is not an empty bin: 2022 daily data on 300
 * days, 12 of them zero, is a year of daily data (scored by calendar
 * month); the same with the zero days missing (288 days) is not. Month
 * bins likewise. */
static void zero_is_not_empty(void **state)
{
    ecai_quality *q = *state;
    unsigned x = 5;
    char per[24];
    for (int d = 0; d < 300; d++) {
        /* the first 300 days of 2022: January 1 to October 27 */
        ecai_period p;
        ecai_period jan1 = {2022, 1, 1, 0, 0, ECAI_PER_DAY};
        ecai_period_from_minutes(ecai_period_minutes(&jan1) + d * 1440, &p);
        snprintf(per, sizeof per, "%04d-%02d-%02d", p.year, p.month, p.day);
        double v = d % 25 == 3 ? 0 : 48.7 * (1 + 0.04 * noise(&x));
        add(q, "zeros", per, v, 0);
        if (v != 0)
            add(q, "gaps", per, v, 0);
    }
    add(q, "monthly", "2022-01", 0, 0);
    add(q, "monthly", "2022-03", 812.25, 0);
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "zeros");
    assert_int_equal(s->rows, 300);
    assert_int_equal(s->seasonal, 1);
    assert_true(s->bin.day[3] == 0); /* 4 January: a zero reading */
    assert_false(isnan(s->bin.day[3]));
    assert_true(isnan(s->bin.day[300])); /* 28 October: none */
    assert_null(s->bin_n);
    s = series(q, "gaps");
    assert_int_equal(s->rows, 288);
    assert_int_equal(s->missing, 12);
    assert_int_equal(s->seasonal, 0);
    assert_true(isnan(s->bin.day[3]));
    s = series(q, "monthly");
    assert_false(isnan(s->bin.month[0]));
    assert_true(s->bin.month[0] == 0);
    assert_true(isnan(s->bin.month[1]));
    assert_rel(s->bin.month[2], 812.25, 0);
}

/* Many rows a day: two days of 1-minute readings (1440 a day) count each
 * day's rows without saturating, and the day's level is their mean; a
 * daily series whose day is given twice keeps a count too; 65536 rows in
 * one day can only be repeats and are refused, leaving the series as it
 * was. */
static void many_rows_a_day(void **state)
{
    ecai_quality *q = *state;
    char per[32];
    double sum[2] = {0, 0};
    for (int day = 0; day < 2; day++)
        for (int k = 0; k < 1440; k++) {
            double v = 2.385 + (k % 7) * 0.25 + day;
            snprintf(per, sizeof per, "2022-06-%02dT%02d:%02d", 14 + day,
                     k / 60, k % 60);
            add(q, "1min", per, v, 0);
            sum[day] += v;
        }
    add(q, "daily", "2022-05-01", 10.5, 0);
    add(q, "daily", "2022-05-02", 11.25, 0);
    add(q, "daily", "2022-05-01", 30.5, 0);
    const ecai_series *s = series(q, "1min");
    assert_int_equal(s->rows, 2880);
    assert_int_equal(s->bin_n[164], 1440); /* 14 June: 151 + 13 */
    assert_int_equal(s->bin_n[165], 1440);
    assert_int_equal(s->bin_n[166], 0);
    /* summed in float: positive terms, so within (n - 1) x 2^-24 */
    assert_rel(s->bin.day[164], sum[0], 1439 * 0x1p-24);
    assert_rel(s->bin.day[165], sum[1], 1439 * 0x1p-24);
    s = series(q, "daily");
    assert_int_equal(s->bin_n[120], 2); /* 1 May: 120 days before */
    assert_int_equal(s->bin_n[121], 1);
    assert_int_equal(s->bin_n[122], 0);
    assert_rel(s->bin.day[120], 41, 0);
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    s = series(q, "1min");
    assert_int_equal(s->step, 1);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 365 * 1440);

    ecai_period p;
    eca_error err;
    eca_error_clear(&err);
    assert_int_equal(ecai_period_parse("2022-07-01T08:00", 16, &p), 0);
    eca_status st = ECA_OK;
    long k;
    for (k = 0; k < 70000 && st == ECA_OK; k++)
        st = ecai_quality_add(q, 3, 7, 0, "rep", 3, "", 0, &p, 1.5, 0, &err);
    assert_int_equal(st, ECA_EARG);
    assert_int_equal(k, 65536);
    assert_non_null(strstr(err.msg, "more than 65535 rows in one day"));
    s = series(q, "rep");
    assert_int_equal(s->rows, 65535);
    assert_int_equal(s->bin_n[181], 65535);
}

/* Median and MAD against gsl_stats_median and gsl_stats_mad, to the bit,
 * on noisy data with ties, odd and even n; and two cases by hand. */
static void median_mad_as_gsl(void **state)
{
    (void)state;
    static const size_t sizes[] = {1,  2,  3,  5,  6,  11,  12,  30,
                                   31, 32, 33, 99, 100, 365, 366};
    double x[366], y[366], w[366], med, mad;
    unsigned r = 2385;
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++)
        for (int rep = 0; rep < 20; rep++) {
            size_t n = sizes[t];
            for (size_t i = 0; i < n; i++) {
                x[i] = 4.127 * noise(&r) + (rep % 3 == 0 ? 0 : 2.3e-3 * rep);
                if (rep % 4 == 1 && i % 5 == 2)
                    x[i] = x[i / 2]; /* ties */
                y[i] = x[i];
            }
            ecai_quality_median_mad(y, n, &med, &mad);
            memcpy(y, x, n * sizeof *y);
            assert_rel(med, gsl_stats_median(y, 1, n), 0);
            assert_rel(mad, gsl_stats_mad(x, 1, n, w), 0);
        }
    /* odd: 2.385 -1.25 7.5 0.125 3.0 sorted -1.25 0.125 2.385 3.0 7.5,
     * median 2.385; |x - 2.385| sorted 0 0.615 2.26 3.635 5.115, median
     * 2.26; MAD 1.482602218505602 x 2.26 = 3.35068101382266 */
    double a[] = {2.385, -1.25, 7.5, 0.125, 3.0};
    ecai_quality_median_mad(a, 5, &med, &mad);
    assert_rel(med, 2.385, 0);
    assert_rel(mad, 3.35068101382266, 1e-14);
    /* even: 4.5 1.5 9.25 2 sorted 1.5 2 4.5 9.25, median (2 + 4.5) / 2 =
     * 3.25; |x - 3.25| sorted 1.25 1.25 1.75 6, median 1.5; MAD
     * 1.482602218505602 x 1.5 = 2.223903327758403 */
    double b[] = {4.5, 1.5, 9.25, 2};
    ecai_quality_median_mad(b, 4, &med, &mad);
    assert_rel(med, 3.25, 0);
    assert_rel(mad, 2.223903327758403, 1e-15);
}

/* The written-out 3 x 3 weighted fit against GSL's Cholesky on the same
 * normal equations, with down-weighted points as the IRLS makes them; and
 * an exact cycle y = 0.75 + 0.5 cos + 0.25 sin, whose fit is those three
 * coefficients. All points on one phase make A singular: -1. */
static void wls3_as_gsl(void **state)
{
    (void)state;
    double cs[12], sn[12], y[12], w[12], c[3];
    unsigned r = 4127;
    for (int rep = 0; rep < 50; rep++) {
        size_t n = 6 + (size_t)rep % 7;
        double a[9] = {0}, b[3] = {0}, g[3];
        for (size_t k = 0; k < n; k++) {
            double t = 2 * 3.14159265358979323846 * ((double)k + 0.5) / 12;
            cs[k] = cos(t);
            sn[k] = sin(t);
            y[k] = 3.2 + 0.8 * cs[k] - 0.3 * sn[k] + 0.2 * noise(&r);
            w[k] = k % 4 == 3 ? 0.125 * (1 + noise(&r)) : 1;
            double x[3] = {1, cs[k], sn[k]};
            for (int i = 0; i < 3; i++) {
                b[i] += w[k] * x[i] * y[k];
                for (int j = 0; j < 3; j++)
                    a[3 * i + j] += w[k] * x[i] * x[j];
            }
        }
        gsl_matrix_view m = gsl_matrix_view_array(a, 3, 3);
        gsl_vector_view bv = gsl_vector_view_array(b, 3);
        gsl_vector_view gv = gsl_vector_view_array(g, 3);
        assert_int_equal(gsl_linalg_cholesky_decomp1(&m.matrix), 0);
        assert_int_equal(gsl_linalg_cholesky_solve(&m.matrix, &bv.vector,
                                                   &gv.vector), 0);
        assert_int_equal(ecai_quality_wls3(cs, sn, y, w, n, c), 0);
        for (int i = 0; i < 3; i++)
            assert_rel(c[i], g[i], 1e-12);
    }
    for (size_t k = 0; k < 12; k++) {
        double t = 2 * 3.14159265358979323846 * ((double)k + 0.5) / 12;
        cs[k] = cos(t);
        sn[k] = sin(t);
        y[k] = 0.75 + 0.5 * cs[k] + 0.25 * sn[k];
        w[k] = 1;
    }
    assert_int_equal(ecai_quality_wls3(cs, sn, y, w, 12, c), 0);
    assert_rel(c[0], 0.75, 1e-14);
    assert_rel(c[1], 0.5, 1e-14);
    assert_rel(c[2], 0.25, 1e-14);
    for (size_t k = 0; k < 6; k++) {
        cs[k] = 0.5;
        sn[k] = 0.25;
    }
    assert_int_equal(ecai_quality_wls3(cs, sn, y, w, 6, c), -1);
}

/* Many series of every kind give the same results, to the bit, for 1, 2
 * and 7 threads. */
static void fill(ecai_quality *q)
{
    unsigned x = 41;
    char per[32], meter[16];
    for (int m = 0; m < 150; m++) {
        snprintf(meter, sizeof meter, "M%03d", m);
        for (int d = 0; d < 365; d += 1 + (m % 4 == 0)) {
            ecai_period p, jan1 = {2022, 1, 1, 0, 0, ECAI_PER_DAY};
            ecai_period_from_minutes(ecai_period_minutes(&jan1) + d * 1440,
                                     &p);
            snprintf(per, sizeof per, "%04d-%02d-%02d", p.year, p.month,
                     p.day);
            double v = 100 * (1 + 0.06 * noise(&x));
            if (d % 97 == m % 97)
                v *= 3; /* a spike */
            add(q, meter, per, v, 0);
        }
        snprintf(meter, sizeof meter, "Y%03d", m);
        for (int mo = 1; mo <= 12; mo++) {
            snprintf(per, sizeof per, "2022-%02d", mo);
            add(q, meter, per, 500 * (1.3 + cos(mo * 0.5236)) *
                                   (1 + 0.08 * noise(&x)), 0);
        }
    }
}

static void threads_agree(void **state)
{
    (void)state;
    ecai_quality *q[3];
    static const int th[3] = {1, 2, 7};
    for (int i = 0; i < 3; i++) {
        assert_non_null(q[i] = ecai_quality_alloc());
        fill(q[i]);
        ecai_quality_analyse(q[i], 2022, 3, 0.05, th[i]);
    }
    size_t n0, n;
    const ecai_series *s0 = ecai_quality_series(q[0], &n0);
    uint32_t found = 0;
    for (int i = 1; i < 3; i++) {
        const ecai_series *s = ecai_quality_series(q[i], &n);
        assert_int_equal(n, n0);
        for (size_t k = 0; k < n; k++) {
            assert_memory_equal(&s[k].max_z, &s0[k].max_z, sizeof(double));
            assert_int_equal(s[k].spikes, s0[k].spikes);
            assert_int_equal(s[k].drops, s0[k].drops);
            found += s[k].spikes + s[k].drops;
        }
    }
    assert_true(found > 0);
    for (int i = 0; i < 3; i++)
        ecai_quality_free(q[i]);
}

/* The calendar months of a leap year. Daily 2024, 100 a day +-3 % to
 * February and 300 from March, 31 December four times as high: 29
 * February is scored with February (no drop against March) and 31
 * December with December (a spike: log 4 / 0.05 = 27.7 scales). Monthly
 * 2024 at 100 a day: February's total 2900 is 100 a day over 29 days, so
 * the flat series leaves no residual. */
static void leap_year_months(void **state)
{
    ecai_quality *q = *state;
    unsigned x = 29;
    char per[24];
    ecai_period jan1 = {2024, 1, 1, 0, 0, ECAI_PER_DAY};
    for (int d = 0; d < 366; d++) {
        ecai_period p;
        ecai_period_from_minutes(ecai_period_minutes(&jan1) + d * 1440, &p);
        snprintf(per, sizeof per, "%04d-%02d-%02d", p.year, p.month, p.day);
        double v = (p.month <= 2 ? 100 : 300) * (1 + 0.03 * noise(&x));
        if (p.month == 12 && p.day == 31)
            v *= 4;
        add(q, "daily", per, v, 0);
    }
    static const int len[12] = {31, 29, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) {
        snprintf(per, sizeof per, "2024-%02d", m);
        add(q, "flat", per, 100.0 * len[m - 1], 0);
    }
    ecai_quality_analyse(q, 2024, 6, 0.05, 2);
    const ecai_series *s = series(q, "daily");
    assert_int_equal(s->seasonal, 1);
    assert_int_equal(s->expected, 366);
    assert_int_equal(s->drops, 0);
    assert_int_equal(s->spikes, 1);
    assert_true(s->max_z > 20);
    s = series(q, "flat");
    assert_true(fabs(s->max_z) < 1e-9);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(monthly, setup, teardown),
        cmocka_unit_test_setup_teardown(runs, setup, teardown),
        cmocka_unit_test_setup_teardown(daily_spike_and_drop, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(quarter_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(years_apart, setup, teardown),
        cmocka_unit_test(calendar),
        cmocka_unit_test_setup_teardown(across_midnight, setup, teardown),
        cmocka_unit_test_setup_teardown(zero_is_not_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(many_rows_a_day, setup, teardown),
        cmocka_unit_test(median_mad_as_gsl),
        cmocka_unit_test(wls3_as_gsl),
        cmocka_unit_test(threads_agree),
        cmocka_unit_test_setup_teardown(leap_year_months, setup, teardown),
    };
    return cmocka_run_group_tests_name("quality", tests, NULL, NULL);
}
