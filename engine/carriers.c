/* carriers.c: one row of a carrier table (shipped, override or
 * firm-specific) applied to a carrier: the cells it gives replace the
 * carrier's, converted from the row's unit to the base unit. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void ecai_carrier_clear(ecai_carrier *x)
{
    free(x->code);
    free(x->unit);
    free(x->source);
    memset(x, 0, sizeof *x);
}

int ecai_carrier_copy(ecai_carrier *dst, const ecai_carrier *src)
{
    *dst = *src;
    dst->code = strdup(src->code);
    dst->unit = strdup(src->unit);
    dst->source = strdup(src->source);
    if (!dst->code || !dst->unit || !dst->source) {
        ecai_carrier_clear(dst);
        return -1;
    }
    return 0;
}

/* "override FILE:LINE: given; shipped: old", or "given; FILE:LINE" for a
 * new carrier of an override file. */
static char *join_source(const char *given, const char *path, long line,
                         const char *old)
{
    size_t n = strlen(given) + strlen(path) + (old ? strlen(old) : 0) + 64;
    char *s = malloc(n);
    if (!s)
        return NULL;
    if (old)
        snprintf(s, n, "override %s:%ld%s%s; shipped: %s", path, line,
                 *given ? ": " : "", given, old);
    else
        snprintf(s, n, "%s%s%s:%ld", given, *given ? "; " : "", path, line);
    return s;
}

/* The unit of the row, or the carrier's own when the row gives none. */
static eca_status row_unit(const eca_factors *f, const ecai_csv *c,
                           int exists, const ecai_carrier *x,
                           const ecai_unit **u, eca_error *err)
{
    size_t nu;
    const char *uname = ecai_col(c, "unit", &nu);
    if (!nu) {
        if (!exists)
            return ecai_col_bad(err, c, "unit", "",
                                 "is empty for a new carrier");
        *u = ecai_factors_unit(f, ecai_factors_unit_find(f, x->unit,
                                                        strlen(x->unit)));
        return ECA_OK;
    }
    long ui = ecai_factors_unit_find(f, uname, nu);
    if (ui < 0)
        return ecai_col_bad(err, c, "unit", uname, "is not in units.csv");
    *u = ecai_factors_unit(f, ui);
    if (exists && (*u)->dim != x->dim)
        return ecai_col_bad(err, c, "unit", uname,
                             "is of another dimension than the carrier's "
                             "shipped unit");
    return ECA_OK;
}

/* The range (kgce_low, kgce_high) of the standard: a carrier without one
 * has low = high = kgce, and they follow a new kgce. A given kgce may leave
 * a kept range: the shipped range stays, as SPEC section 4 says, and
 * uncertainty work takes the span of all three. */
static eca_status row_range(const ecai_csv *c, double per, ecai_carrier *x,
                            eca_error *err)
{
    double lo = 0, hi = 0;
    int rl = ecai_col_num(c, "kgce_low", &lo, err);
    int rh = rl < 0 ? -1 : ecai_col_num(c, "kgce_high", &hi, err);
    if (rl < 0 || rh < 0)
        return err->status;
    if (rl != rh)
        return ecai_col_bad(err, c, rl ? "kgce_high" : "kgce_low", "",
                             "is empty: give both ends of the range or "
                             "neither");
    if (rl) {
        x->has_range = 1;
        x->kgce_low = lo / per;
        x->kgce_high = hi / per;
        if (x->kgce_low > x->kgce || x->kgce_high < x->kgce) {
            char v[64];
            snprintf(v, sizeof v, "%g", x->kgce * per);
            return ecai_col_bad(err, c, "kgce_per_unit", v,
                                "lies outside [kgce_low, kgce_high]");
        }
    } else if (!x->has_range) {
        x->kgce_low = x->kgce_high = x->kgce;
    }
    return ECA_OK;
}

eca_status ecai_carrier_apply(const eca_factors *f, const ecai_csv *c,
                              const char *path, int shipped, int exists,
                              ecai_carrier *out, eca_error *err)
{
    ecai_carrier x = *out;
    const ecai_unit *u = NULL;
    size_t ns, nr;
    const char *src = ecai_col(c, "source", &ns);
    const char *ren = ecai_col(c, "renewable", &nr);
    double v;
    int r;

    if (shipped && ns == 0)
        return ecai_col_bad(err, c, "source", "",
                             "is empty: every shipped factor must cite its "
                             "source");
    if (row_unit(f, c, exists, &x, &u, err) != ECA_OK)
        return err->status;
    x.dim = u->dim;
    double per = u->to_base_d; /* per-unit cells become per-base-unit */
    if ((r = ecai_col_num(c, "kgce_per_unit", &v, err)) < 0)
        return err->status;
    if (r)
        x.kgce = v / per;
    else if (!exists)
        return ecai_col_bad(err, c, "kgce_per_unit", "",
                             "is empty for a new carrier");
    if (row_range(c, per, &x, err) != ECA_OK)
        return err->status;
    if ((r = ecai_col_num(c, "ncv_gj_per_unit", &v, err)) < 0)
        return err->status;
    if (r)
        x.ncv_gj = v / per;
    if ((r = ecai_col_num(c, "carbon_tc_per_tj", &v, err)) < 0)
        return err->status;
    if (r)
        x.carbon_tc_per_tj = v;
    if ((r = ecai_col_num(c, "oxidation", &v, err)) < 0)
        return err->status;
    if (r && v > 1) {
        size_t n;
        return ecai_col_bad(err, c, "oxidation", ecai_col(c, "oxidation", &n),
                            "is above 1");
    }
    if (r)
        x.oxidation = v;
    if (nr) {
        if (strcmp(ren, "0") && strcmp(ren, "1"))
            return ecai_col_bad(err, c, "renewable", ren, "is not 0 or 1");
        x.renewable = ren[0] == '1';
    }
    char *unit = strdup(u->name);
    char *source = shipped ? strdup(src)
                           : join_source(src, path, ecai_csv_line(c),
                                         exists ? x.source : NULL);
    if (!unit || !source) {
        free(unit);
        free(source);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    free(out->unit);
    free(out->source);
    x.unit = unit;
    x.source = source;
    *out = x;
    return ECA_OK;
}
