/* explain.c: the full derivation of one firm's figures, as text an auditor
 * can quote: every sum by carrier and flow with its factor and source, the
 * energy balance, the coke boundary, every correction term of its limits,
 * the CO2 by source, and every finding. */
#include <math.h>
#include <string.h>
#include "audit.h"

static const char *const base_units[ECA_DIM_COUNT] = {"t", "m3", "kWh", "GJ"};

static void line(FILE *fp, char c)
{
    for (int i = 0; i < 78; i++)
        fputc(c, fp);
    fputc('\n', fp);
}

/* Every carrier and flow of the firm with its energy and carbon. */
static void sums(FILE *fp, const eca_audit *a, size_t i)
{
    const ecai_firm_year *fy = a->slot >= 0 ? &a->acc.fy[a->slot][i] : NULL;
    const ecai_carrier *cars = ecai_firm_carriers(a, i);
    fprintf(fp, "%-18s %-11s %16s %-4s %12s %14s %-10s %14s\n", "carrier",
            "flow", "quantity", "unit", "kgce/unit", "tce", "co2 kind",
            "tCO2");
    for (size_t c = 0; fy && fy->q && c < a->acc.ncar; c++)
        for (int fl = 0; fl < ECA_FLOW_COUNT; fl++) {
            double q =
                ecai_fixed_to_double(ecai_fy_q(fy, ecai_cell(c, fl, 0)));
            if (q == 0)
                continue;
            ecai_co2_kind kind;
            double k = ecai_co2_factor(a, &cars[c], c, fl, &kind);
            double kg = ecai_coef(a, &cars[c]);
            fprintf(fp, "%-18s %-11s %16.10g %-4s %12.6g %14.6f %-10s %14.6f\n",
                    cars[c].code, eca_flow_name((eca_flow)fl), q,
                    base_units[cars[c].dim], kg, q * kg / 1000,
                    ecai_co2_kind_name(kind), q * k);
        }
    fputs("\nsources of the coefficients:\n", fp);
    for (size_t c = 0; fy && fy->q && c < a->acc.ncar; c++) {
        int any = 0;
        for (int fl = 0; fl < ECA_FLOW_COUNT; fl++)
            any |= ecai_fy_q(fy, ecai_cell(c, fl, 0)) != 0;
        if (any)
            fprintf(fp, "  %s: %s\n", cars[c].code, cars[c].source);
    }
}

static void energy(FILE *fp, const eca_audit *a, const eca_firm_result *r)
{
    static const char *const letters = "CIORF";
    for (int fl = 0; fl < ECA_FLOW_COUNT; fl++)
        fprintf(fp, "  %c = %-11s %16.6f tce\n", letters[fl],
                eca_flow_name((eca_flow)fl), r->flow_tce[fl]);
    fprintf(fp, "  energy_tce = C + I + F - O - R = %.6f tce\n", r->energy_tce);
    fprintf(fp, "    over the coefficient ranges: %.6f to %.6f tce\n",
            r->energy_tce_low, r->energy_tce_high);
    fprintf(fp, "  feedstock_tce = F = %.6f; renewable_tce = %.6f\n",
            r->feedstock_tce, r->renewable_tce);
    fprintf(fp, "  controlled_tce = energy - feedstock - renewable = %.6f\n",
            r->controlled_tce);
    fprintf(fp, "  at the other electricity basis: equivalent %.6f, equal "
                "%.6f tce\n", r->energy_tce_equivalent, r->energy_tce_equal);
    fprintf(fp, "  key firm (energy_tce >= %g tce): %s\n    source: %s\n",
            a->key_firm_tce, r->key_firm ? "yes" : "no", a->key_firm_source);
}

/* The coke section, headed by the standard that grades the firm's
 * product, from the limits table: GB 21342-2025 for top- and
 * stamp-charged coke, GB 29995-2024 for semi-coke; none for other firms. */
static void coke(FILE *fp, const eca_audit *a, const eca_firm_result *r)
{
    eca_coke_inputs in = {r->coke_oven, r->mixed_gas_ratio, r->volatile_pct,
                          r->moisture_pct, r->oven_age_years, r->quench};
    eca_coke_limits l;
    int has_limits = eca_coke_limits_compute(a->f, &in, &l) == ECA_OK &&
                     l.standard;
    fprintf(fp, "\n3. %s unit product energy",
            strcmp(r->coke_oven, "semi_coke") ? "Coke" : "Semi-coke");
    if (has_limits)
        fprintf(fp, " (%s)", l.standard);
    fputc('\n', fp);
    if (!(r->coke_t > 0)) {
        fputs("  no coke produced in the year\n", fp);
        return;
    }
    fprintf(fp, "  coke_t = %.6f t (convert_out of coke)\n", r->coke_t);
    fprintf(fp, "  boundary: %s\n",
            r->coking_boundary_tagged ? "the rows with process=coking"
                                      : "all rows (none tagged coking)");
    fprintf(fp, "  coke_kgce_per_t = (C_b - R_b) / coke_t = %.6f kgce/t "
                "(%.6f to %.6f over the coefficient ranges)\n",
            r->coke_kgce_per_t, r->coke_kgce_per_t_low,
            r->coke_kgce_per_t_high);
    if (!has_limits) {
        fprintf(fp, "  oven type \"%s\": no national limit applies\n",
                r->coke_oven);
        return;
    }
    fprintf(fp, "  %s, oven %s; base limits: %s\n", l.standard, r->coke_oven,
            l.source);
    if (!strcmp(r->coke_oven, "semi_coke")) {
        fprintf(fp, "  limits g1/g2/g3 = %g / %g / %g kgce/t; yield "
                    "correction %g; grade met: %d\n",
                l.limit[0], l.limit[1], l.limit[2],
                isnan(r->semi_coke_yield_correction)
                    ? 0.0
                    : r->semi_coke_yield_correction,
                r->semi_coke_grade);
        return;
    }
    fprintf(fp, "  inputs: mixed gas share %g, volatile %g %%, moisture %g "
                "%%, quench \"%s\", oven age %g years\n",
            r->mixed_gas_ratio, r->volatile_pct, r->moisture_pct, r->quench,
            r->oven_age_years);
    fprintf(fp, "  terms (kgce/t): fuel %+.4f, volatile %+.4f%s, moisture "
                "%+.4f, wet quenching %+.4f (grade 3), oven age %+.4f "
                "(grades 1, 3)\n",
            l.fuel, l.volatile_term,
            l.volatile_outside ? " (outside the table: left out)" : "",
            l.moisture, l.wet_quench, l.oven_age);
    fprintf(fp, "  limits after corrections g1 / g2 / g3 = %.4f / %.4f / "
                "%.4f kgce/t\n", l.limit[0], l.limit[1], l.limit[2]);
    fprintf(fp, "  grade met: %d (0: above grade 3); at the ends of the "
                "range: %d and %d\n",
            r->coke_grade, r->coke_grade_low, r->coke_grade_high);
}

/* carbon.c applies one method to every firm: that of the guideline for
 * independent coking enterprises (fuel combustion, the carbon balance of
 * conversions, net purchased power and heat), with the factors of each
 * carrier's source. A firm of another sector is not accounted by its own
 * sector's guideline, and the heading says so. */
static void heading_carbon(FILE *fp, const eca_firm_result *r)
{
    if (!strcmp(r->sector, "coking")) {
        fputs("\n4. Carbon (NDRC 2015 guideline for independent coking "
              "enterprises)\n", fp);
        return;
    }
    fputs("\n4. Carbon (NDRC 2015 guidelines)\n"
          "  every sector is accounted by the method of the guideline for "
          "independent\n  coking enterprises: fuel combustion, carbon "
          "balance of conversions, net\n  purchased power and heat; factors "
          "and their sources in section 1\n", fp);
}

static void carbon(FILE *fp, const eca_audit *a, const eca_firm_result *r)
{
    fprintf(fp, "  combustion %.6f + process %.6f + indirect %.6f = %.6f "
                "tCO2\n", r->co2_combustion_t, r->co2_process_t,
            r->co2_indirect_t, r->co2_t);
    if (r->co2_process_balance_t < 0)
        fprintf(fp, "  the process carbon balance is %.6f tCO2, reported as "
                    "0\n", r->co2_process_balance_t);
    fprintf(fp, "  grid factor %.4f tCO2/MWh (%s %d): %s\n",
            a->grid_tco2_per_mwh, a->grid_region, a->grid_year,
            a->grid_source);
    fprintf(fp, "  heat %.4f tCO2/GJ: %s\n", a->heat_tco2_per_gj,
            a->heat_source);
    if (r->cmm_m3 > 0)
        fprintf(fp, "  coal mine methane: %.6g m3 held %.6f t CH4 = %.6f t "
                    "CO2e at GWP %g (apart from co2_t)\n",
                r->cmm_m3, r->cmm_ch4_t, r->cmm_avoided_tco2e, a->gwp_ch4);
}

eca_status eca_audit_explain(const eca_audit *a, const char *firm_id,
                             FILE *fp)
{
    long i = ecai_strmap_get(a->firms.map, firm_id, strlen(firm_id));
    if (i < 0)
        return ECA_EARG;
    const eca_firm_result *r = &a->res[i];
    eca_flag fl[ECA_FLAGS_MAX];
    size_t nf = ecai_firm_flags(a, (size_t)i, fl);

    line(fp, '=');
    fprintf(fp, "%s  %s\nsector %s, township %s, oven %s; reporting year %d, "
                "electricity at %s value; %llu meter rows\n",
            r->firm_id, r->name, r->sector, r->township,
            r->coke_oven[0] ? r->coke_oven : "-", a->year,
            a->basis == ECA_BASIS_EQUAL ? "equal" : "equivalent",
            (unsigned long long)r->rows_used);
    line(fp, '=');
    fputs("\n1. Sums by carrier and flow (base units)\n\n", fp);
    sums(fp, a, (size_t)i);
    fputs("\n2. Energy (GB/T 2589-2020, NBS form 205-1)\n", fp);
    energy(fp, a, r);
    coke(fp, a, r);
    heading_carbon(fp, r);
    carbon(fp, a, r);
    fprintf(fp, "\n5. Findings: %zu\n", nf);
    for (size_t k = 0; k < nf; k++)
        fprintf(fp, "  [%s] %s: value %.6g, threshold %.6g%s%s\n    source: "
                    "%s\n",
                fl[k].severity, fl[k].rule, fl[k].value, fl[k].threshold,
                fl[k].detail[0] ? "; " : "", fl[k].detail, fl[k].source);
    return ferror(fp) ? ECA_EIO : ECA_OK;
}
