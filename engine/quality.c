/* quality.c: whether a meter series can be trusted: its periods by its own
 * frequency (gaps, coverage of the year), estimated readings, runs of
 * identical or zero readings (a stuck meter), and spikes and drops of its
 * daily or monthly means against their median and MAD (as GSL defines
 * them), by calendar month where a year of daily data allows. Rows arrive
 * one at a time in file order; only a summary and one bin per day or month
 * are kept. */
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "quality.h"

#define NBIN_MONTH 12
#define NBIN_DAY 366
#define BLOCK_BYTES ((size_t)1 << 20) /* bins are carved from 1 MiB blocks */

struct ecai_quality {
    ecai_series *s;
    size_t n, cap;
    long *by_sid; /* the caller's series id -> index of s, or -1 */
    size_t nsid;
    ecai_strmap *map; /* series key -> index */
    long last;        /* the previous row's series */
    char *key;        /* the previous row's key */
    size_t key_n, key_cap;
    char **block; /* the series' bins, many series to a block */
    size_t nblock, block_cap, block_used;
};

ecai_quality *ecai_quality_alloc(void)
{
    ecai_quality *q = calloc(1, sizeof *q);
    if (q && !(q->map = ecai_strmap_alloc())) {
        free(q);
        return NULL;
    }
    if (q)
        q->last = -1;
    return q;
}

void ecai_quality_free(ecai_quality *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n; i++) {
        free(q->s[i].meter);
        free(q->s[i].process);
    }
    for (size_t i = 0; i < q->nblock; i++)
        free(q->block[i]);
    free(q->block);
    free(q->s);
    free(q->by_sid);
    free(q->key);
    ecai_strmap_free(q->map);
    free(q);
}

/* n bytes (at most BLOCK_BYTES) from the current block, 8-byte aligned;
 * freed with q. One malloc per few hundred series instead of one or two
 * per series. */
static void *carve(ecai_quality *q, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (q->nblock == 0 || q->block_used + n > BLOCK_BYTES) {
        if (q->nblock == q->block_cap) {
            size_t cap = q->block_cap ? 2 * q->block_cap : 16;
            char **b = realloc(q->block, cap * sizeof *b);
            if (!b)
                return NULL;
            q->block = b;
            q->block_cap = cap;
        }
        if (!(q->block[q->nblock] = malloc(BLOCK_BYTES)))
            return NULL;
        q->nblock++;
        q->block_used = 0;
    }
    void *p = q->block[q->nblock - 1] + q->block_used;
    q->block_used += n;
    return p;
}

/* ---- calendar: the add path runs once per row, so plain arithmetic ---- */

/* Days before each month in a common year. */
static const int month_start[13] = {0,   31,  59,  90,  120, 151, 181,
                                    212, 243, 273, 304, 334, 365};

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 0000-03-01 to 1 January of year y (y >= 1): H. Hinnant's days
 * from civil, as ecai_period_minutes counts them, for 1 January, which is
 * day 306 of the March-based year y - 1; the eras of 400 years
 * (146097 days) fold into the leap-day terms. */
static int64_t jan1(int y)
{
    int64_t p = y - 1;
    return 365 * p + p / 4 - p / 100 + p / 400 + 306;
}

static int64_t unit_of(const ecai_period *p, int *bin)
{
    if (p->gran == ECAI_PER_MONTH) {
        *bin = p->month - 1;
        return (int64_t)p->year * 12 + p->month - 1;
    }
    int doy = month_start[p->month - 1] + (p->month > 2 && leap(p->year)) +
              p->day - 1;
    int64_t day = jan1(p->year) + doy;
    *bin = doy;
    if (p->gran == ECAI_PER_DAY)
        return day;
    return (day * 24 + p->hour) * 60 + p->minute;
}

int64_t ecai_quality_unit(const ecai_period *p, int *bin)
{
    return unit_of(p, bin);
}

/* The series of a row: the previous row's when the key repeats. */
static long series_of(ecai_quality *q, const char *key, size_t n,
                      const ecai_series *proto, eca_error *err)
{
    if (q->last >= 0 && n == q->key_n && memcmp(key, q->key, n) == 0)
        return q->last;
    long i = ecai_strmap_get(q->map, key, n);
    if (i < 0) {
        if (q->n == q->cap) {
            size_t cap = q->cap ? 2 * q->cap : 64;
            ecai_series *s = realloc(q->s, cap * sizeof *s);
            if (!s)
                return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
            q->s = s;
            q->cap = cap;
        }
        ecai_series *s = &q->s[q->n];
        *s = *proto;
        s->nbin = proto->gran == ECAI_PER_MONTH ? NBIN_MONTH : NBIN_DAY;
        void *bins = carve(q, s->nbin == NBIN_MONTH
                                  ? NBIN_MONTH * sizeof *s->bin.month
                                  : NBIN_DAY * sizeof *s->bin.day);
        s->bin_n = NULL;
        if (!bins || !s->meter || !s->process ||
            ecai_strmap_put(q->map, key, n, (long)q->n) != 0) {
            free(s->meter);
            free(s->process);
            return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
        }
        if (s->nbin == NBIN_MONTH) { /* every bin empty */
            s->bin.month = bins;
            for (int b = 0; b < NBIN_MONTH; b++)
                s->bin.month[b] = (double)NAN;
        } else {
            s->bin.day = bins;
            for (int b = 0; b < NBIN_DAY; b++)
                s->bin.day[b] = NAN;
        }
        i = (long)q->n++;
    }
    if (n > q->key_cap) {
        char *k = realloc(q->key, n);
        if (!k)
            return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
        q->key = k;
        q->key_cap = n;
    }
    memcpy(q->key, key, n);
    q->key_n = n;
    q->last = i;
    return i;
}

/* The rows per bin of a day-binned series, from the first bin that gets
 * a second row: 1 for each bin that has one. */
static uint16_t *counts(ecai_quality *q, const ecai_series *s)
{
    uint16_t *c = carve(q, (size_t)s->nbin * sizeof *c);
    if (c)
        for (int b = 0; b < s->nbin; b++)
            c[b] = !isnan(s->bin.day[b]);
    return c;
}

/* A row of period u (in the series' unit) and bin b. */
static eca_status add_to(ecai_quality *q, ecai_series *s, int64_t u, int b,
                         double v, int est, eca_error *err)
{
    /* the bin first, so that a row refused leaves the series as it was */
    if (s->nbin == NBIN_MONTH) {
        double *m = &s->bin.month[b];
        *m = isnan(*m) ? v : *m + v;
    } else if (isnan(s->bin.day[b])) {
        s->bin.day[b] = (float)v;
        if (s->bin_n)
            s->bin_n[b] = 1;
    } else {
        if (!s->bin_n && !(s->bin_n = counts(q, s)))
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        if (s->bin_n[b] == UINT16_MAX)
            return ecai_fail(err, ECA_EARG,
                             "meter \"%.60s\": more than %u rows in one day",
                             s->meter, (unsigned)UINT16_MAX);
        s->bin_n[b]++;
        s->bin.day[b] = (float)((double)s->bin.day[b] + v);
    }
    if (s->rows == 0) {
        s->first = s->last = u;
    } else {
        int64_t d = u - s->prev;
        int64_t ad = d < 0 ? -d : d;
        if (d < 0)
            s->out_of_order++;
        if (ad > 0 && (s->step == 0 || ad < s->step))
            s->step = ad;
        if (u < s->first)
            s->first = u;
        if (u > s->last)
            s->last = u;
    }
    s->prev = u;
    s->rows++;
    s->estimated += est != 0;
    /* runs of identical readings, and of zeros */
    if (s->rows > 1 && v == s->prev_value) {
        s->run++;
    } else {
        s->run = 1;
    }
    s->prev_value = v;
    if (v == 0) {
        s->zero_run = s->run;
        if (s->zero_run > s->zero_max)
            s->zero_max = s->zero_run;
    } else if (s->run > s->stuck_max) {
        s->stuck_max = s->run;
    }
    return ECA_OK;
}

/* A row of its series found by key. */
static eca_status add_row(ecai_quality *q, int32_t firm, int32_t carrier,
                          int flow, const char *meter, size_t meter_n,
                          const char *process, size_t process_n, int gran,
                          int year, int64_t unit, int bin, double value,
                          int estimated, eca_error *err)
{
    /* key: firm, carrier, flow, granularity, year, meter, process */
    char stack[256];
    size_t n = 5 * sizeof(int32_t) + meter_n + process_n + 1;
    char *key = n <= sizeof stack ? stack : malloc(n);
    if (!key)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    int32_t head[5] = {firm, carrier, flow, gran, year};
    memcpy(key, head, sizeof head);
    memcpy(key + sizeof head, meter, meter_n);
    key[sizeof head + meter_n] = '\0'; /* separates meter from process */
    memcpy(key + sizeof head + meter_n + 1, process, process_n);
    ecai_series proto = {0};
    proto.firm = firm;
    proto.carrier = carrier;
    proto.flow = flow;
    proto.gran = gran;
    proto.year = year;
    long i = q->last;
    if (!(q->last >= 0 && n == q->key_n && memcmp(key, q->key, n) == 0)) {
        proto.meter = strndup(meter, meter_n);
        proto.process = strndup(process, process_n);
    }
    i = series_of(q, key, n, &proto, err);
    if (i >= 0 && proto.meter && q->s[i].meter != proto.meter) {
        free(proto.meter); /* the series existed already */
        free(proto.process);
    }
    if (key != stack)
        free(key);
    if (i < 0)
        return err->status;
    return add_to(q, &q->s[i], unit, bin, value, estimated, err);
}

eca_status ecai_quality_add(ecai_quality *q, int32_t firm, int32_t carrier,
                            int flow, const char *meter, size_t meter_n,
                            const char *process, size_t process_n,
                            const ecai_period *p, double value, int estimated,
                            eca_error *err)
{
    int bin;
    int64_t unit = unit_of(p, &bin);
    return add_row(q, firm, carrier, flow, meter, meter_n, process,
                   process_n, (int)p->gran, p->year, unit, bin, value,
                   estimated, err);
}

eca_status ecai_quality_add_sid(ecai_quality *q, long sid, int32_t firm,
                                int32_t carrier, int flow, const char *meter,
                                size_t meter_n, const char *process,
                                size_t process_n, int gran, int year,
                                int64_t unit, int bin, double value,
                                int estimated, eca_error *err)
{
    if (sid >= 0 && (size_t)sid < q->nsid && q->by_sid[sid] >= 0) {
        ecai_series *s = &q->s[q->by_sid[sid]];
        if (s->gran == gran && s->year == year)
            return add_to(q, s, unit, bin, value, estimated, err);
    }
    eca_status st = add_row(q, firm, carrier, flow, meter, meter_n, process,
                            process_n, gran, year, unit, bin, value,
                            estimated, err);
    if (st != ECA_OK || sid < 0)
        return st;
    if ((size_t)sid >= q->nsid) {
        size_t n = q->nsid ? q->nsid : 1024;
        while (n <= (size_t)sid)
            n *= 2;
        long *b = realloc(q->by_sid, n * sizeof *b);
        if (!b)
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        for (size_t k = q->nsid; k < n; k++)
            b[k] = -1;
        q->by_sid = b;
        q->nsid = n;
    }
    q->by_sid[sid] = q->last; /* the series the row just went to */
    return ECA_OK;
}

/* ---- analysis ---- */

static int64_t units_in_year(int gran, int year)
{
    return gran == ECAI_PER_MONTH ? 12
           : gran == ECAI_PER_DAY ? 365 + leap(year)
                                  : (365 + leap(year)) * 1440;
}

/* The log of a bin's level, NaN for an empty bin or a level of 0 (zero
 * bins are left to the zero-run rule): a month's total per day of the
 * month (February is not a drop), a day's mean reading. */
static double log_level(const ecai_series *s, int b)
{
    double lv;
    if (s->nbin == NBIN_MONTH) /* February of a leap year: 29 days */
        lv = s->bin.month[b] / (month_start[b + 1] - month_start[b] +
                                (b == 1 && leap(s->year)));
    else
        lv = s->bin_n ? (double)s->bin.day[b] / s->bin_n[b]
                      : (double)s->bin.day[b];
    return lv > 0 ? log(lv) : (double)NAN;
}

/* Sorts x ascending: by insertion up to a calendar month of values, where
 * it beats the heapsort of gsl_sort, else by gsl_sort. */
static void sort_values(double *x, size_t n)
{
    if (n > 31) {
        gsl_sort(x, 1, n);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        double v = x[i];
        size_t j = i;
        for (; j > 0 && x[j - 1] > v; j--)
            x[j] = x[j - 1];
        x[j] = v;
    }
}

/* The median of sorted x (n > 0), as gsl_stats_median_from_sorted_data. */
static double median_sorted(const double *x, size_t n)
{
    return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* gsl_stats_mad of sorted x (n > 0) whose median is med: GSL 2.7
 * (statistics/mad_source.c) returns 1.482602218505602 (1 / the normal's
 * third quartile) x the median of |x - med|. Below the median those
 * deviations fall, from it on they rise: the two runs are merged outwards
 * up to the middle, O(n), instead of copied and selected again. The same
 * differences and the same middle order statistics give GSL's value to
 * the bit. */
static double mad_sorted(const double *x, size_t n, double med)
{
    size_t lo = n / 2, hi; /* x[n / 2] >= med: the upper run starts there */
    while (lo > 0 && x[lo - 1] >= med)
        lo--;
    hi = lo;
    double d = 0, mid = 0;
    for (size_t k = 0; k <= n / 2; k++) {
        if (hi < n && (lo == 0 || x[hi] - med <= med - x[lo - 1]))
            d = x[hi++] - med;
        else
            d = med - x[--lo];
        if (k == (n - 1) / 2)
            mid = d;
    }
    return 1.482602218505602 * (n % 2 ? d : (mid + d) / 2);
}

void ecai_quality_median_mad(double *x, size_t n, double *median,
                             double *mad)
{
    sort_values(x, n);
    *median = median_sorted(x, n);
    *mad = mad_sorted(x, n, *median);
}

/* Robust z of log levels x[0..n), in bin order: (x - median) / scale, the
 * scale 1.4826 MAD but at least `floor` (0.05: +-5 %); energy use varies by
 * ratios, so a heating series five times higher in winter is not spiky.
 * Five values at least. */
static void robust(ecai_series *s, const double *x, size_t n, double z_limit,
                   double floor)
{
    double w[NBIN_DAY];
    if (n < 5)
        return;
    double med, mad;
    memcpy(w, x, n * sizeof *w);
    ecai_quality_median_mad(w, n, &med, &mad);
    double scale = fmax(mad, floor);
    for (size_t k = 0; k < n; k++) {
        double z = (x[k] - med) / scale;
        if (fabs(z) > fabs(s->max_z))
            s->max_z = z;
        s->spikes += z > z_limit;
        s->drops += z < -z_limit;
    }
}

/* Weighted least squares of y on the annual cycle (1, cos, sin): the 3 x 3
 * normal equations A c = b solved by a Cholesky factorisation written out.
 * On a 3 x 3 system GSL's general routines (matrix views, triangle copies,
 * recursive blocking, BLAS calls) cost several times the thirty-odd flops
 * of the arithmetic, and this runs up to 12 times per monthly series. 0, or
 * -1 when A is not positive definite (a pivot <= 0, as GSL reports). */
int ecai_quality_wls3(const double *cs, const double *sn, const double *y,
                      const double *w, size_t n, double c[3])
{
    double a00 = 0, a10 = 0, a20 = 0, a11 = 0, a21 = 0, a22 = 0;
    double b0 = 0, b1 = 0, b2 = 0;
    for (size_t k = 0; k < n; k++) {
        double wc = w[k] * cs[k], ws = w[k] * sn[k];
        a00 += w[k];
        a10 += wc;
        a20 += ws;
        a11 += wc * cs[k];
        a21 += wc * sn[k];
        a22 += ws * sn[k];
        b0 += w[k] * y[k];
        b1 += wc * y[k];
        b2 += ws * y[k];
    }
    /* A = L L^T, L lower triangular */
    if (!(a00 > 0))
        return -1;
    double l00 = sqrt(a00), l10 = a10 / l00, l20 = a20 / l00;
    double p11 = a11 - l10 * l10;
    if (!(p11 > 0))
        return -1;
    double l11 = sqrt(p11), l21 = (a21 - l20 * l10) / l11;
    double p22 = a22 - l20 * l20 - l21 * l21;
    if (!(p22 > 0))
        return -1;
    double l22 = sqrt(p22);
    /* L z = b, then L^T c = z */
    double z0 = b0 / l00;
    double z1 = (b1 - l10 * z0) / l11;
    double z2 = (b2 - l20 * z0 - l21 * z1) / l22;
    c[2] = z2 / l22;
    c[1] = (z1 - l21 * c[2]) / l11;
    c[0] = (z0 - l10 * c[1] - l20 * c[2]) / l00;
    return 0;
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
    double scale = fmax(mad, floor);
    for (size_t k = 0; k < n; k++) {
        double z = (res[k] - med) / scale;
        if (fabs(z) > fabs(s->max_z))
            s->max_z = z;
        s->spikes += z > z_limit;
        s->drops += z < -z_limit;
    }
}

/* Spikes and drops: by calendar month for a year of daily bins (seasonal),
 * else over all bins. */
static void spikes(ecai_series *s, const double (*cycle)[2], double z_limit,
                   double floor)
{
    double x[NBIN_DAY];
    size_t n = 0, days = 0;
    if (s->nbin == NBIN_MONTH) {
        seasonal_fit(s, cycle, z_limit, floor);
        return;
    }
    for (int b = 0; b < s->nbin; b++)
        days += !isnan(s->bin.day[b]);
    if (days >= 300) {
        int lp = leap(s->year);
        for (int m = 0; m < 12; m++) { /* the days of each month */
            n = 0;
            for (int b = month_start[m] + (m >= 2 && lp);
                 b < month_start[m + 1] + (m + 1 >= 2 && lp); b++) {
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
    long n = (long)q->n;
    double cycle[12][2]; /* cos and sin of each mid-month, shared */
    for (int b = 0; b < 12; b++) {
        double t = 2 * 3.14159265358979323846 * (b + 0.5) / 12;
        cycle[b][0] = cos(t);
        cycle[b][1] = sin(t);
    }
    /* series are independent: any thread count gives the same results */
#pragma omp parallel for schedule(static, 64) num_threads(threads)
    for (long i = 0; i < n; i++) {
        ecai_series *s = &q->s[i];
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

ecai_series *ecai_quality_series(const ecai_quality *q, size_t *n)
{
    *n = q->n;
    return q->s;
}
