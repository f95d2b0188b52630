/* test_carbon.c: CO2 by source (SPEC section 3, carbon part) against hand
 * calculations: a coking plant's carbon balance line by line, a negative
 * balance, a net electricity exporter with coal mine methane, a firm's
 * own factor overriding the default, and the grid factor options.
 *
 * Factors (factors/carriers.csv, NDRC 2015 defaults): carbon per unit =
 * NCV x carbon content / 1000:
 *   washed coal 26.344 GJ/t x 25.40 tC/TJ = 0.6691376 tC/t
 *   coke        28.447 GJ/t x 29.50       = 0.8391865 tC/t
 *   coke oven gas 0.017354 GJ/m3 x 12.10  = 0.000209983 4 tC/m3, ox 0.99
 *   coal tar    33.453 x 22.00            = 0.735966 tC/t
 *   crude benzene 41.816 x 22.70          = 0.9492232 tC/t
 *   coal mine methane 0.0157 GJ/m3 x 15.30 = 0.00024021 tC/m3
 * CO2 = 44/12 x carbon. Grid 2022 national 0.5366 tCO2/MWh; heat 0.11
 * tCO2/GJ; steam 128.6 kgce/t x 0.0293076 GJ/kgce = 3.76895736 GJ/t. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eca.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

typedef tu_fixture fixture;

static int setup(void **state)
{
    if (tu_setup(state) != 0)
        return -1;
    fixture *x = *state;
    /* K: a coking plant; L: the same heating gas, no own factors;
     * G: methane power, a net exporter of electricity */
    tu_write(x->dir, "firms.csv",
             "firm_id,sector,coke_oven\nK,coking,top\nL,coking,top\n"
             "G,coal_mining,\n");
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,flow,process,period,quantity,unit\n"
             "K,washed_coal,convert_in,coking,2022-03,1500,t\n"
             "K,coke,convert_out,coking,2022-03,1000,t\n"
             "K,coke_oven_gas,convert_out,coking,2022-03,42,万立方米\n"
             "K,coal_tar,convert_out,coking,2022-03,40,t\n"
             "K,crude_benzene,convert_out,coking,2022-03,12000,kg\n"
             "K,coke_oven_gas,consume,coking,2022-03,180000,m3\n"
             "K,electricity,consume,coking,2022-03,35,MWh\n"
             "K,steam,recovered,coking,2022-03,500,t\n"
             "L,coke_oven_gas,consume,,2022-03,180000,m3\n"
             "G,coal_mine_methane,convert_in,,2022-03,100,万立方米\n"
             "G,electricity,convert_out,,2022-03,300,万千瓦时\n"
             "G,electricity,consume,,2022-03,400000,kWh\n");
    return 0;
}

static eca_audit *run(fixture *x, eca_audit_options *o)
{
    eca_error err;
    eca_error_clear(&err);
    eca_audit *a = eca_audit_run(x->f, x->dir, o, &err);
    if (!a)
        fail_msg("audit failed: %s", err.msg);
    return a;
}

static const eca_firm_result *firm(const eca_audit *a, const char *id)
{
    for (size_t i = 0; i < eca_audit_firm_count(a); i++)
        if (!strcmp(eca_audit_firm(a, i)->firm_id, id))
            return eca_audit_firm(a, i);
    fail_msg("no firm %s", id);
    return NULL;
}

/* K, line by line:
 * carbon in:  washed coal 1 500 t x 0.6691376           = 1 003.7064 tC
 * carbon out: coke 1 000 t x 0.8391865                  =   839.1865
 *             gas 42 万m3 = 420 000 m3 x 0.0002099834   =    88.193028
 *             tar 40 t x 0.735966                       =    29.43864
 *             benzene 12 000 kg = 12 t x 0.9492232      =    11.3906784
 *             out                                       =   968.2088464
 * balance 35.4975536 tC x 44/12 = 130.157696533... tCO2 (process)
 * combustion: heating gas 180 000 m3 x 0.0002099834 x 0.99 x 44/12
 *             = 137.20315356 tCO2
 * indirect:   35 MWh x 0.5366 = 18.781; recovered steam counts as heat
 *             not bought: -500 t x 3.76895736 GJ/t x 0.11 = -207.2926548;
 *             = -188.5116548 tCO2
 * total 130.1576965333 + 137.20315356 - 188.5116548 = 78.8491952933;
 * per tonne of coke 0.0788491952933 */
static void coking_balance(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    eca_audit_options_init(&o);
    eca_audit *a = run(x, &o);
    const eca_firm_result *r = firm(a, "K");
    assert_rel(r->co2_process_balance_t, 35.4975536 * 44 / 12, 1e-12);
    assert_rel(r->co2_process_t, 35.4975536 * 44 / 12, 1e-12);
    assert_rel(r->co2_combustion_t, 137.20315356, 1e-12);
    assert_rel(r->co2_indirect_t, -188.5116548, 1e-12);
    assert_rel(r->co2_t, 78.84919529333334, 1e-12);
    assert_rel(r->co2_t_per_t_coke, 0.07884919529333334, 1e-12);
    /* its energy, for the record: C = 180 000 x 0.59285 + 35 000 x
     * 0.1229 = 106 713 + 4 301.5 = 111 014.5; I = 1 500 000 x 0.9 =
     * 1 350 000; O = 971 400 + 420 000 x 0.59285 + 40 000 x 1.1429 +
     * 12 000 x 1.4286 = 971 400 + 248 997 + 45 716 + 17 143.2 =
     * 1 283 256.2; R = 500 000 x 0.1286 = 64 300;
     * (C + I - O - R) / 1000 = 113.4583 */
    assert_rel(r->energy_tce, 113.4583, 1e-12);
    /* L burns the same gas: the same combustion CO2, nothing else */
    r = firm(a, "L");
    assert_rel(r->co2_combustion_t, 137.20315356, 1e-12);
    assert_rel(r->co2_t, 137.20315356, 1e-12);
    assert_true(isnan(r->co2_t_per_t_coke));
    eca_audit_free(a);
}

/* G: methane 100 万m3 = 1 000 000 m3 into a generator, 300 万kWh out,
 * 400 000 kWh bought.
 * process: 1 000 000 x 0.00024021 x 44/12 = 880.77 tCO2
 * indirect: (400 000 - 3 000 000) kWh = -2 600 MWh x 0.5366 = -1 395.16
 * total -514.39: a net exporter
 * methane burnt: 1 000 000 m3 x 0.5357 kgce/m3 x 0.0293076 GJ/kgce
 *   / 50.01 GJ/t = 313.938838632... t CH4; x GWP 21 = 6 592.7156112...
 *   tCO2e avoided, apart from the firm's CO2; x 28 = 8 790.2874817 */
static void exporter_and_methane(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    eca_audit_options_init(&o);
    eca_audit *a = run(x, &o);
    const eca_firm_result *r = firm(a, "G");
    assert_rel(r->co2_process_t, 880.77, 1e-12);
    assert_rel(r->co2_indirect_t, -1395.16, 1e-12);
    assert_rel(r->co2_combustion_t, 0, 0);
    assert_rel(r->co2_t, 880.77 - 1395.16, 1e-12);
    assert_rel(r->cmm_m3, 1e6, 1e-15);
    assert_rel(r->cmm_ch4_t, 313.93883863227353, 1e-12);
    assert_rel(r->cmm_avoided_tco2e, 6592.715611277745, 1e-12);
    assert_rel(r->cmm_co2_t, 880.77, 1e-12);
    eca_audit_free(a);
    o.gwp_ch4 = 28;
    a = run(x, &o);
    assert_rel(firm(a, "G")->cmm_avoided_tco2e, 8790.287481703659, 1e-12);
    eca_audit_free(a);
}

/* The golden plant C1 (tests/data/golden) charges too little coal for its
 * products under the default factors:
 * in 12 500 t x 0.6691376 = 8 364.22 tC; out 9 437.5 x 0.8391865 +
 * 4 058 000 x 0.0002099834 = 7 919.82259375 + 852.1126372 =
 * 8 771.93523095; balance -407.71523095 tC x 44/12 = -1 494.95584681...
 * tCO2: reported as 0, the raw value kept for the flag. */
static void negative_balance(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    eca_error err;
    char *dir = tu_src("tests/data/golden");
    eca_audit_options_init(&o);
    eca_error_clear(&err);
    eca_audit *a = eca_audit_run(x->f, dir, &o, &err);
    assert_non_null(a);
    const eca_firm_result *r = firm(a, "C1");
    assert_rel(r->co2_process_balance_t,
               -407.71523095 * 44 / 12, 1e-12);
    assert_true(r->co2_process_t == 0);
    /* combustion 1 712 345 m3 x 0.0002099834 x 0.99 x 44/12 =
     * 1 305.21741101...; indirect 365.0956 MWh x 0.5366 - 4 718.75 t x
     * 3.76895736 x 0.11 = 195.9103 - 1 956.324 = -1 760.414130715 */
    assert_rel(r->co2_combustion_t, 1305.21741101499, 1e-12);
    assert_rel(r->co2_indirect_t, -1760.414130715, 1e-12);
    assert_rel(r->co2_t, 1305.21741101499 - 1760.414130715, 1e-12);
    char *out = tu_path(x->dir, "out");
    assert_int_equal(tu_eca(x->dir, "audit '%s' --out '%s'", dir, out), 0);
    char *p = tu_path(out, "flags.csv"), *text = tu_read(p);
    assert_non_null(strstr(text, "\nC1,negative_carbon_balance,-1494.95"));
    free(text);
    free(p);
    free(out);
    free(dir);
    eca_audit_free(a);
}

/* A firm's measured carbon content of its gas, 11.5 instead of 12.10
 * tC/TJ: K's combustion becomes 180 000 x 0.017354 x 11.5 / 1000 x 0.99 x
 * 44/12 = 130.3996914; L, burning the same gas, keeps 137.20315356. */
static void firm_specific_factor(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    tu_write(x->dir, "firm_factors.csv",
             "firm_id,carrier,carbon_tc_per_tj,source\n"
             "K,coke_oven_gas,11.5,K laboratory 2022\n");
    eca_audit_options_init(&o);
    eca_audit *a = run(x, &o);
    assert_rel(firm(a, "K")->co2_combustion_t, 130.3996914, 1e-12);
    assert_int_equal(firm(a, "K")->firm_factors, 1);
    assert_rel(firm(a, "L")->co2_combustion_t, 137.20315356, 1e-12);
    assert_int_equal(firm(a, "L")->firm_factors, 0);
    /* the energy is unchanged: the row gave no kgce_per_unit */
    assert_rel(firm(a, "K")->energy_tce, 113.4583, 1e-12);
    eca_audit_free(a);

    /* a second file (option) wins over the dataset's: its own NCV in
     * 10^4m3, 180 GJ/10^4m3 = 0.018 GJ/m3, with the 11.5 kept:
     * 180 000 x 0.018 x 11.5 / 1000 x 0.99 x 44/12 = 135.2538 */
    tu_write(x->dir, "more.csv",
             "firm_id,carrier,unit,ncv_gj_per_unit\n"
             "K,coke_oven_gas,10^4m3,180\n");
    char *more = tu_path(x->dir, "more.csv");
    const char *files[] = {more};
    o.firm_factor_files = files;
    o.firm_factor_count = 1;
    a = run(x, &o);
    assert_rel(firm(a, "K")->co2_combustion_t, 135.2538, 1e-12);
    eca_audit_free(a);

    /* errors name file, line and column */
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"firm_id,carrier,oxidation\nZ,coke,0.9\n",
         "column 'firm_id': \"Z\" is not a firm of firms.csv"},
        {"firm_id,carrier,oxidation\nK,slag,0.9\n",
         "column 'carrier': \"slag\" is not a carrier of the factor table"},
        {"firm_id,carrier,oxidation\nK,coke,1.2\n",
         "column 'oxidation': \"1.2\" is above 1"},
        {"firm_id,carrier,unit\nK,coke,kWh\n",
         "column 'unit': \"kWh\" is of another dimension"},
        {"firm_id,oxidation\nK,0.9\n", "column 'carrier': required column"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        eca_error err;
        tu_write(x->dir, "more.csv", bad[i].text);
        eca_error_clear(&err);
        assert_null(eca_audit_run(x->f, x->dir, &o, &err));
        assert_int_equal(err.status, i == 4 ? ECA_ECOLUMN : ECA_EFACTOR);
        if (!strstr(err.msg, bad[i].msg))
            fail_msg("got \"%s\", expected \"%s\"", err.msg, bad[i].msg);
        assert_non_null(strstr(err.msg, "more.csv:"));
    }
    free(more);
}

/* The grid factor: given, by region, the latest year before the
 * reporting year, or an error. K buys 35 MWh; its other indirect CO2 is
 * -207.2926548 t (recovered steam). */
static void grid_factor(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    const char *region, *source;
    int year;
    eca_audit_options_init(&o);
    o.grid_tco2_per_mwh = 0.8123;
    eca_audit *a = run(x, &o);
    assert_rel(firm(a, "K")->co2_indirect_t, 35 * 0.8123 - 207.2926548,
               1e-12);
    assert_rel(eca_audit_grid(a, &region, &year, &source), 0.8123, 0);
    assert_int_equal(year, 0);
    eca_audit_free(a);

    eca_audit_options_init(&o);
    o.grid_region = "shanxi"; /* 2022: 0.7096 */
    a = run(x, &o);
    assert_rel(firm(a, "K")->co2_indirect_t, 35 * 0.7096 - 207.2926548,
               1e-12);
    eca_audit_free(a);

    /* no 2024 figure: 2023's 0.6634, for a row of 2024 (a year without
     * rows is an input error) */
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,period,quantity,unit\n"
             "G,electricity,2024-05,1250,kWh\nG,electricity,2021-05,1,kWh\n");
    o.year = 2024;
    a = run(x, &o);
    assert_rel(eca_audit_grid(a, &region, &year, &source), 0.6634, 0);
    assert_int_equal(year, 2023);
    assert_string_equal(region, "shanxi");
    eca_audit_free(a);

    /* a known region without a figure in or before the year */
    eca_error err;
    eca_error_clear(&err);
    o.year = 2021;
    assert_null(eca_audit_run(x->f, x->dir, &o, &err));
    assert_int_equal(err.status, ECA_EFACTOR);
    assert_string_equal(err.msg, "grid.csv: no factor for region 'shanxi' "
                                 "in or before 2021 (its first is 2022)");
    /* a region that is not in the table is an invalid argument */
    eca_error_clear(&err);
    o.grid_region = "atlantis";
    assert_null(eca_audit_run(x->f, x->dir, &o, &err));
    assert_int_equal(err.status, ECA_EARG);
    assert_string_equal(err.msg, "grid.csv: no region 'atlantis'");
    /* and the same for eca solar, before it reads any file */
    eca_solar_options so;
    eca_solar_options_init(&so);
    so.grid_region = "atlantis";
    eca_error_clear(&err);
    assert_null(eca_solar_run(x->f, x->dir, &so, &err));
    assert_int_equal(err.status, ECA_EARG);
    assert_string_equal(err.msg, "grid.csv: no region 'atlantis'");
}

/* breakdown.csv retraces K's figures: one row per carrier and flow. */
static void breakdown_file(void **state)
{
    fixture *x = *state;
    char *out = tu_path(x->dir, "out");
    assert_int_equal(tu_eca(x->dir, "audit '%s' --out '%s' --grid-factor 0.5",
                            x->dir, out), 0);
    char *p = tu_path(out, "breakdown.csv"), *text = tu_read(p);
    size_t lines = 0;
    for (char *c = text; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1 + 12); /* header + one row per meter row */
    /* K's electricity: 35 000 kWh x 0.1229 = 4 301.5 kgce = 4.3015 tce;
     * indirect 0.5 / 1000 tCO2/kWh x 35 000 = 17.5 t */
    assert_non_null(strstr(text, "\nK,electricity,consume,35000,kWh,35000,"
                                 "0.1229,4.3015,0,0,0,indirect,0.0005,17.5,"));
    /* K's coke out: -0.8391865 x 44/12 tCO2/t, x 1 000 t */
    assert_non_null(strstr(text, "\nK,coke,convert_out,1000,t,1000,971.4,"
                                 "971.4,28.447,29.5,0.93,process,"
                                 "-3.07701716666667,-3077.01716666667,"));
    free(text);
    free(p);
    free(out);
}

int main(void)
{
    gsl_set_error_handler_off();
#define T(f) cmocka_unit_test_setup_teardown(f, setup, tu_teardown)
    const struct CMUnitTest tests[] = {
        T(coking_balance),
        T(exporter_and_methane),
        T(negative_balance),
        T(firm_specific_factor),
        T(grid_factor),
        T(breakdown_file),
    };
#undef T
    return cmocka_run_group_tests_name("carbon", tests, NULL, NULL);
}
