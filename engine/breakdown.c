/* breakdown.c: breakdown.csv, one row per firm, carrier and flow of the
 * reporting year, with the quantity, every factor used and its source, so
 * that an auditor can retrace each firm's tce and tCO2. */
#include "audit.h"

static const char *const base_units[ECA_DIM_COUNT] = {"t", "m3", "kWh", "GJ"};

static const char header[] =
    "firm_id,carrier,flow,quantity,unit,coking_quantity,kgce_per_unit,tce,"
    "ncv_gj_per_unit,carbon_tc_per_tj,oxidation,co2_kind,tco2_per_unit,"
    "co2_t,energy_source,co2_source\n";

static void row(FILE *fp, const eca_audit *a, size_t i, size_t c, int fl,
                const ecai_firm_year *fy)
{
    const ecai_carrier *car = &ecai_firm_carriers(a, i)[c];
    double q = ecai_fixed_to_double(ecai_fy_q(fy, ecai_cell(c, fl, 0)));
    double qc = ecai_fixed_to_double(ecai_fy_q(fy, ecai_cell(c, fl, 1)));
    double kgce = ecai_coef(a, car);
    ecai_co2_kind kind;
    double k = ecai_co2_factor(a, car, c, fl, &kind);
    const char *co2_src = kind == ECAI_CO2_NONE ? ""
                          : kind != ECAI_CO2_INDIRECT ? car->source
                          : (long)c == a->car_electricity ? a->grid_source
                                                          : a->heat_source;
    ecai_csv_put(fp, a->firms.f[i].id);
    fprintf(fp, ",%s,%s,", car->code, eca_flow_name((eca_flow)fl));
    ecai_num_put(fp, q);
    fprintf(fp, ",%s,", base_units[car->dim]);
    ecai_num_put(fp, fy->coking_rows ? qc : q);
    fputc(',', fp);
    ecai_num_put(fp, kgce);
    fputc(',', fp);
    ecai_num_put(fp, q * kgce / 1000);
    fputc(',', fp);
    ecai_num_put(fp, car->ncv_gj);
    fputc(',', fp);
    ecai_num_put(fp, car->carbon_tc_per_tj);
    fputc(',', fp);
    ecai_num_put(fp, car->oxidation);
    fprintf(fp, ",%s,", ecai_co2_kind_name(kind));
    ecai_num_put(fp, k);
    fputc(',', fp);
    ecai_num_put(fp, q * k);
    fputc(',', fp);
    ecai_csv_put(fp, car->source);
    fputc(',', fp);
    ecai_csv_put(fp, co2_src);
    fputc('\n', fp);
}

eca_status ecai_breakdown_write(const eca_audit *a, const char *dir,
                                eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "breakdown.csv", err);
    if (!fp)
        return err->status;
    fputs(header, fp);
    for (size_t i = 0; a->slot >= 0 && i < a->firms.n; i++) {
        const ecai_firm_year *fy = &a->acc.fy[a->slot][i];
        if (!fy->q)
            continue;
        for (size_t c = 0; c < a->acc.ncar; c++)
            for (int fl = 0; fl < ECA_FLOW_COUNT; fl++)
                if (ecai_fy_q(fy, ecai_cell(c, fl, 0)) != 0)
                    row(fp, a, i, c, fl, fy);
    }
    return ecai_out_close(fp, "breakdown.csv", err);
}
