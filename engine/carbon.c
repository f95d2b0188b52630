/* carbon.c: the CO2 of one carrier and flow (SPEC section 3; NDRC 2015
 * guideline for independent coking enterprises): fuel combustion, process
 * emissions by carbon balance, net purchased electricity and heat. */
#include <math.h>
#include "audit.h"

/* Molar masses: 44 g of CO2 per 12 g of carbon. */
#define CO2_PER_C (44.0 / 12.0)

const char *ecai_co2_kind_name(ecai_co2_kind k)
{
    static const char *const names[] = {"", "combustion", "process",
                                        "indirect"};
    return names[k];
}

/* GJ per base unit of a heat carrier: 1 for the heat dimension, else
 * through its kgce coefficient (steam metered by mass). */
static double heat_gj(const eca_audit *a, const ecai_carrier *c)
{
    return c->dim == ECA_DIM_HEAT ? 1.0 : c->kgce * a->gj_per_kgce;
}

double ecai_co2_factor(const eca_audit *a, const ecai_carrier *c, size_t ci,
                       int flow, ecai_co2_kind *kind)
{
    /* net purchased = consume - convert_out - recovered */
    double net = flow == ECA_FLOW_CONSUME ? 1
                 : flow == ECA_FLOW_CONVERT_OUT || flow == ECA_FLOW_RECOVERED
                     ? -1
                     : 0;
    *kind = ECAI_CO2_NONE;
    if ((long)ci == a->car_electricity) {
        if (net != 0)
            *kind = ECAI_CO2_INDIRECT;
        return net * a->grid_tco2_per_mwh / 1000; /* per kWh */
    }
    if ((long)ci == a->car_heat || (long)ci == a->car_steam ||
        c->dim == ECA_DIM_HEAT) {
        if (net != 0)
            *kind = ECAI_CO2_INDIRECT;
        return net * heat_gj(a, c) * a->heat_tco2_per_gj;
    }
    /* tC per base unit: NCV (GJ) x carbon content (tC/TJ) / 1000 */
    double carbon = c->ncv_gj * c->carbon_tc_per_tj / 1000;
    if (carbon <= 0)
        return 0;
    switch (flow) {
    case ECA_FLOW_CONSUME:
        *kind = ECAI_CO2_COMBUSTION;
        return carbon * c->oxidation * CO2_PER_C;
    case ECA_FLOW_CONVERT_IN:
        *kind = ECAI_CO2_PROCESS;
        return carbon * CO2_PER_C;
    case ECA_FLOW_CONVERT_OUT:
        *kind = ECAI_CO2_PROCESS;
        return -carbon * CO2_PER_C;
    default: /* recovered energy and feedstock carry no emission */
        return 0;
    }
}

void ecai_carbon_add(const eca_audit *a, const ecai_carrier *c, size_t ci,
                     int flow, double q, eca_firm_result *r)
{
    ecai_co2_kind kind;
    double t = q * ecai_co2_factor(a, c, ci, flow, &kind);
    if (kind == ECAI_CO2_COMBUSTION)
        r->co2_combustion_t += t;
    else if (kind == ECAI_CO2_PROCESS)
        r->co2_process_balance_t += t;
    else if (kind == ECAI_CO2_INDIRECT)
        r->co2_indirect_t += t;
    if ((long)ci == a->car_cmm &&
        (flow == ECA_FLOW_CONSUME || flow == ECA_FLOW_CONVERT_IN)) {
        r->cmm_m3 += q;
        r->cmm_co2_t += t;
        /* methane burnt: its energy over methane's heating value */
        r->cmm_ch4_t += q * c->kgce * a->gj_per_kgce / a->ch4_lhv_gj_per_t;
    }
}

void ecai_carbon_close(const eca_audit *a, eca_firm_result *r)
{
    r->co2_process_t = r->co2_process_balance_t > 0 ? r->co2_process_balance_t
                                                    : 0;
    r->co2_t = r->co2_combustion_t + r->co2_process_t + r->co2_indirect_t;
    r->co2_t_per_t_coke = r->coke_t > 0 ? r->co2_t / r->coke_t : (double)NAN;
    r->cmm_avoided_tco2e = r->cmm_ch4_t * a->gwp_ch4;
}
