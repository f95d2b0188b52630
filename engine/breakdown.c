/* breakdown.c: breakdown.csv, one row per firm, carrier and flow of the
 * reporting year, with the quantity, every factor used and its source, so
 * that an auditor can retrace each firm's tce and tCO2. */
#include "audit.h"
#include "textbuf.h"

static const char *const base_units[ECA_DIM_COUNT] = {"t", "m3", "kWh", "GJ"};

static const char header[] =
    "firm_id,carrier,flow,quantity,unit,coking_quantity,kgce_per_unit,tce,"
    "ncv_gj_per_unit,carbon_tc_per_tj,oxidation,co2_kind,tco2_per_unit,"
    "co2_t,energy_source,co2_source,tce_signed\n";

/* The sign of a flow in energy_tce = C + I + F - O - R. tce itself is
 * unsigned; tce_signed adds up to energy_tce over a firm's rows. */
static double energy_sign(int fl)
{
    return fl == ECA_FLOW_CONVERT_OUT || fl == ECA_FLOW_RECOVERED ? -1 : 1;
}

static void row(ecai_tbuf *b, const eca_audit *a, size_t i, size_t c,
                int fl, const ecai_firm_year *fy)
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
    ecai_tb_csv(b, a->firms.f[i].id);
    ecai_tb_chr(b, ',');
    ecai_tb_str(b, car->code);
    ecai_tb_chr(b, ',');
    ecai_tb_str(b, eca_flow_name((eca_flow)fl));
    ecai_tb_chr(b, ',');
    ecai_tb_num(b, q);
    ecai_tb_chr(b, ',');
    ecai_tb_str(b, base_units[car->dim]);
    ecai_tb_chr(b, ',');
    const double nums[] = {fy->coking_rows ? qc : q, kgce, q * kgce / 1000,
                           car->ncv_gj, car->carbon_tc_per_tj,
                           car->oxidation};
    for (size_t j = 0; j < sizeof nums / sizeof nums[0]; j++) {
        ecai_tb_num(b, nums[j]);
        ecai_tb_chr(b, ',');
    }
    ecai_tb_str(b, ecai_co2_kind_name(kind));
    ecai_tb_chr(b, ',');
    ecai_tb_num(b, k);
    ecai_tb_chr(b, ',');
    ecai_tb_num(b, q * k);
    ecai_tb_chr(b, ',');
    ecai_tb_csv(b, car->source);
    ecai_tb_chr(b, ',');
    ecai_tb_csv(b, co2_src);
    ecai_tb_chr(b, ',');
    ecai_tb_num(b, energy_sign(fl) * q * kgce / 1000);
    ecai_tb_chr(b, '\n');
}

/* The rows of firm i: its carriers and flows with a quantity. */
static void firm_rows(ecai_tbuf *b, const void *user, size_t i)
{
    const eca_audit *a = user;
    const ecai_firm_year *fy = &a->acc.fy[a->slot][i];
    if (!fy->q)
        return;
    for (size_t c = 0; c < a->acc.ncar; c++)
        for (int fl = 0; fl < ECA_FLOW_COUNT; fl++)
            if (ecai_fy_q(fy, ecai_cell(c, fl, 0)) != 0)
                row(b, a, i, c, fl, fy);
}

eca_status ecai_breakdown_write(const eca_audit *a, const char *dir,
                                eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "breakdown.csv", err);
    ecai_tbuf b = {0};
    if (!fp)
        return err->status;
    ecai_tb_str(&b, header);
    return ecai_tb_write_rows(fp, &b, a->slot >= 0 ? a->firms.n : 0,
                              firm_rows, a, a->threads, "breakdown.csv", err);
}
