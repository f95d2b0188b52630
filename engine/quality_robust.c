/* quality_robust.c: the statistics of the series checks: median and MAD
 * as GSL defines them, and the 3 x 3 weighted fit of an annual cycle. */
#include <gsl/gsl_sort.h>
#include <math.h>
#include "quality.h"

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
