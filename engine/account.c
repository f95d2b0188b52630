/* account.c: a firm's figures from its exact sums (SPEC section 3): flows
 * in tce, comprehensive and controlled energy, coke intensity over the
 * coking boundary, key-firm status, CO2 by source. Firms are independent, so they are
 * computed in parallel; each firm's sums run in fixed carrier order. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

double ecai_coef_at(const eca_audit *a, const ecai_carrier *c, int equal)
{
    if (equal && c->dim == ECA_DIM_ELECTRICITY)
        return a->equal_kgce_per_kwh;
    return c->kgce;
}

double ecai_coef(const eca_audit *a, const ecai_carrier *c)
{
    return ecai_coef_at(a, c, a->basis == ECA_BASIS_EQUAL);
}

/* The span of a carrier's coefficient at the run's basis: the standard's
 * range, or the coefficient itself; the equal-value electricity has none. */
static void coef_span(const eca_audit *a, const ecai_carrier *c, double *lo,
                      double *hi)
{
    double k = ecai_coef(a, c);
    *lo = *hi = k;
    if (k != c->kgce)
        return;
    *lo = fmin(k, fmin(c->kgce_low, c->kgce_high));
    *hi = fmax(k, fmax(c->kgce_low, c->kgce_high));
}

/* Adds net x coefficient to the lowest and highest sums the coefficient
 * range allows (each carrier's coefficient moves on its own). */
static void add_span(double net, double lo, double hi, double *sum_lo,
                     double *sum_hi)
{
    *sum_lo += net * (net >= 0 ? lo : hi);
    *sum_hi += net * (net >= 0 ? hi : lo);
}

/* Everything of one carrier of one firm: sums by flow, both bases, the
 * coking boundary, the spans, carbon. */
typedef struct {
    double flow_kgce[2][ECA_FLOW_COUNT], ren_kgce[2];
    double cb_kgce, energy_lo, energy_hi, cb_lo, cb_hi, coke_t;
} sums;

static void add_carrier(const eca_audit *a, const ecai_carrier *c, size_t ci,
                        const ecai_firm_year *fy, int tagged, sums *s,
                        eca_firm_result *r)
{
    double q[ECA_FLOW_COUNT], qb[ECA_FLOW_COUNT], lo, hi;
    int any = 0;
    for (int fl = 0; fl < ECA_FLOW_COUNT; fl++) {
        q[fl] = ecai_fixed_to_double(ecai_fy_q(fy, ecai_cell(ci, fl, 0)));
        qb[fl] = tagged ? ecai_fixed_to_double(
                              ecai_fy_q(fy, ecai_cell(ci, fl, 1)))
                        : q[fl];
        any |= q[fl] != 0;
    }
    if (!any)
        return;
    for (int fl = 0; fl < ECA_FLOW_COUNT; fl++) {
        for (int b = 0; b < 2; b++)
            s->flow_kgce[b][fl] += q[fl] * ecai_coef_at(a, c, b);
        if (q[fl] != 0)
            ecai_carbon_add(a, c, ci, fl, q[fl], r);
    }
    if (c->renewable)
        for (int b = 0; b < 2; b++)
            s->ren_kgce[b] += q[ECA_FLOW_CONSUME] * ecai_coef_at(a, c, b);
    if ((long)ci == a->car_coke)
        s->coke_t = q[ECA_FLOW_CONVERT_OUT];
    double netb = qb[ECA_FLOW_CONSUME] - qb[ECA_FLOW_RECOVERED];
    double net = q[ECA_FLOW_CONSUME] + q[ECA_FLOW_CONVERT_IN] +
                 q[ECA_FLOW_FEEDSTOCK] - q[ECA_FLOW_CONVERT_OUT] -
                 q[ECA_FLOW_RECOVERED];
    s->cb_kgce += netb * ecai_coef(a, c);
    coef_span(a, c, &lo, &hi);
    add_span(net, lo, hi, &s->energy_lo, &s->energy_hi);
    add_span(netb, lo, hi, &s->cb_lo, &s->cb_hi);
}

static void copy_firm(const ecai_firm *x, eca_firm_result *r)
{
    r->firm_id = x->id;
    r->name = x->name;
    r->sector = x->sector;
    r->township = x->township;
    r->coke_oven = x->coke_oven;
    r->quench = x->quench;
    r->mixed_gas_ratio = x->mixed_gas_ratio;
    r->volatile_pct = x->volatile_pct;
    r->moisture_pct = x->moisture_pct;
    r->oven_age_years = x->oven_age_years;
    r->semi_coke_yield_correction = x->semi_coke_yield_correction;
}

static double per_t(double kgce, double t)
{
    return t > 0 ? kgce / t : (double)NAN;
}

static void firm_figures(const eca_audit *a, size_t ncar, size_t i,
                         eca_firm_result *r)
{
    const ecai_carrier *cars = ecai_firm_carriers(a, i);
    const ecai_firm_year *fy = a->slot >= 0 ? &a->acc.fy[a->slot][i] : NULL;
    sums s;
    int eq = a->basis == ECA_BASIS_EQUAL;

    memset(r, 0, sizeof *r);
    memset(&s, 0, sizeof s);
    copy_firm(&a->firms.f[i], r);
    if (fy && fy->q) {
        r->coking_boundary_tagged = fy->coking_rows > 0;
        r->rows_used = fy->rows;
        for (size_t c = 0; c < ncar; c++)
            add_carrier(a, &cars[c], c, fy, r->coking_boundary_tagged, &s, r);
    }
    double energy[2];
    for (int b = 0; b < 2; b++) {
        const double *k = s.flow_kgce[b];
        energy[b] = (k[ECA_FLOW_CONSUME] + k[ECA_FLOW_CONVERT_IN] +
                     k[ECA_FLOW_FEEDSTOCK] - k[ECA_FLOW_CONVERT_OUT] -
                     k[ECA_FLOW_RECOVERED]) / 1000;
    }
    for (int fl = 0; fl < ECA_FLOW_COUNT; fl++)
        r->flow_tce[fl] = s.flow_kgce[eq][fl] / 1000;
    r->energy_tce = energy[eq];
    r->energy_tce_low = s.energy_lo / 1000;
    r->energy_tce_high = s.energy_hi / 1000;
    r->feedstock_tce = s.flow_kgce[eq][ECA_FLOW_FEEDSTOCK] / 1000;
    r->renewable_tce = s.ren_kgce[eq] / 1000;
    r->controlled_tce = r->energy_tce - r->feedstock_tce - r->renewable_tce;
    r->energy_tce_equivalent = energy[0];
    r->energy_tce_equal = a->equal_kgce_per_kwh > 0 ? energy[1] : (double)NAN;
    r->coke_t = s.coke_t;
    /* 1000 x (C_b - R_b) tce / coke t = (C_b - R_b) kgce / coke t */
    r->coke_kgce_per_t = per_t(s.cb_kgce, s.coke_t);
    r->coke_kgce_per_t_low = per_t(s.cb_lo, s.coke_t);
    r->coke_kgce_per_t_high = per_t(s.cb_hi, s.coke_t);
    r->key_firm = r->energy_tce >= a->key_firm_tce;
    r->firm_factors = a->firm_car && a->firm_car[i];
    ecai_carbon_close(a, r);
    ecai_grade_firm(a->f, r);
    ecai_quality_firm(a, i, r);
}

eca_status ecai_account(eca_audit *a, const eca_factors *f,
                        const eca_audit_options *o, eca_error *err)
{
    size_t ncar;
    long n = (long)a->firms.n;
    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();

    ecai_factors_carriers(f, &ncar);
    if (a->firms.n && !(a->res = calloc(a->firms.n, sizeof *a->res)))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
#pragma omp parallel for schedule(static, 64) num_threads(nt)
    for (long i = 0; i < n; i++)
        firm_figures(a, ncar, (size_t)i, &a->res[i]);
    return ecai_peers(a, err);
}
