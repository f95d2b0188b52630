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

static void firm_figures(const eca_audit *a, size_t ncar, size_t i,
                         eca_firm_result *r)
{
    const ecai_carrier *cars = ecai_firm_carriers(a, i);
    const ecai_firm *x = &a->firms.f[i];
    const ecai_firm_year *fy = a->slot >= 0 ? &a->acc.fy[a->slot][i] : NULL;
    double flow_kgce[2][ECA_FLOW_COUNT] = {{0}};
    double ren_kgce[2] = {0}, cb_kgce = 0, rb_kgce = 0, coke_t = 0;
    int eq = a->basis == ECA_BASIS_EQUAL;

    memset(r, 0, sizeof *r);
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
    if (fy && fy->q) {
        int tagged = fy->coking_rows > 0;
        r->coking_boundary_tagged = tagged;
        r->rows_used = fy->rows;
        for (size_t c = 0; c < ncar; c++)
            for (int fl = 0; fl < ECA_FLOW_COUNT; fl++) {
                double q = ecai_fixed_to_double(fy->q[ecai_cell(c, fl, 0)]);
                double qb = tagged
                    ? ecai_fixed_to_double(fy->q[ecai_cell(c, fl, 1)])
                    : q;
                if (q == 0 && qb == 0)
                    continue;
                for (int b = 0; b < 2; b++) {
                    flow_kgce[b][fl] += q * ecai_coef_at(a, &cars[c], b);
                    if (cars[c].renewable && fl == ECA_FLOW_CONSUME)
                        ren_kgce[b] += q * ecai_coef_at(a, &cars[c], b);
                }
                if (fl == ECA_FLOW_CONSUME)
                    cb_kgce += qb * ecai_coef_at(a, &cars[c], eq);
                if (fl == ECA_FLOW_RECOVERED)
                    rb_kgce += qb * ecai_coef_at(a, &cars[c], eq);
                if ((long)c == a->car_coke && fl == ECA_FLOW_CONVERT_OUT)
                    coke_t = q;
                ecai_carbon_add(a, &cars[c], c, fl, q, r);
            }
    }
    double energy[2];
    for (int b = 0; b < 2; b++) {
        const double *k = flow_kgce[b];
        energy[b] = (k[ECA_FLOW_CONSUME] + k[ECA_FLOW_CONVERT_IN] +
                     k[ECA_FLOW_FEEDSTOCK] - k[ECA_FLOW_CONVERT_OUT] -
                     k[ECA_FLOW_RECOVERED]) / 1000;
    }
    for (int fl = 0; fl < ECA_FLOW_COUNT; fl++)
        r->flow_tce[fl] = flow_kgce[eq][fl] / 1000;
    r->energy_tce = energy[eq];
    r->feedstock_tce = flow_kgce[eq][ECA_FLOW_FEEDSTOCK] / 1000;
    r->renewable_tce = ren_kgce[eq] / 1000;
    r->controlled_tce = r->energy_tce - r->feedstock_tce - r->renewable_tce;
    r->energy_tce_equivalent = energy[0];
    r->energy_tce_equal = a->equal_kgce_per_kwh > 0 ? energy[1] : (double)NAN;
    r->coke_t = coke_t;
    /* 1000 x (C_b - R_b) tce / coke t = (C_b - R_b) kgce / coke t */
    r->coke_kgce_per_t = coke_t > 0 ? (cb_kgce - rb_kgce) / coke_t : (double)NAN;
    r->key_firm = r->energy_tce >= a->key_firm_tce;
    r->firm_factors = a->firm_car && a->firm_car[i];
    ecai_carbon_close(a, r);
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
    return ECA_OK;
}
