/* test_audit.c: the accounting of SPEC section 3 end to end through the
 * library: the golden dataset derived by hand, every rejection reason, row
 * conservation, the coking boundary, the electricity basis and the
 * reporting year, the internal tap on the accepted meter rows, and
 * identical results for any thread count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eca.h"
#include "internal.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>
#include <sys/stat.h>

typedef tu_fixture fixture;

static const eca_firm_result *firm(const eca_audit *a, const char *id)
{
    for (size_t i = 0; i < eca_audit_firm_count(a); i++)
        if (strcmp(eca_audit_firm(a, i)->firm_id, id) == 0)
            return eca_audit_firm(a, i);
    fail_msg("firm %s not in the results", id);
    return NULL;
}

/* Collects rejections as "file:line:column:reason" lines. */
typedef struct {
    char text[8192];
    size_t n;
} rejects;

static void collect(const eca_reject *r, void *user)
{
    rejects *rs = user;
    size_t left = sizeof rs->text - strlen(rs->text);
    snprintf(rs->text + strlen(rs->text), left, "%s:%ld:%s:%s\n", r->file,
             r->line, r->column, r->reason);
    rs->n++;
}

static eca_audit *run(fixture *x, const char *dir, eca_audit_options *o,
                      rejects *rs)
{
    eca_error err;
    eca_error_clear(&err);
    if (rs) {
        memset(rs, 0, sizeof *rs);
        o->on_reject = collect;
        o->reject_user = rs;
    }
    eca_audit *a = eca_audit_run(x->f, dir, o, &err);
    if (!a)
        fail_msg("audit failed: %s", err.msg);
    return a;
}

/* The golden dataset tests/data/golden: BOM, CRLF, shuffled and extra
 * columns, a quoted name with a comma, quotes and a newline, Chinese text
 * and unit spellings. Coefficients (factors/carriers.csv): washed coal
 * 0.9000 kgce/kg, coke 0.9714 kgce/kg, coke oven gas 0.59285 kgce/m3 (the
 * midpoint of 0.5714..0.6143), electricity 0.1229 kgce/kWh, steam 0.1286
 * kgce/kg, raw coal 0.7143 kgce/kg, diesel 1.4571 kgce/kg, coal mine
 * methane 0.5357 kgce/m3, natural gas 1.27215 kgce/m3. */
static void golden(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    rejects rs;
    char *dir = tu_src("tests/data/golden");
    eca_audit_options_init(&o);
    eca_audit *a = run(x, dir, &o, &rs);

    assert_int_equal(eca_audit_year(a), 2022); /* latest year with data */
    assert_int_equal(eca_audit_firm_count(a), 4);
    /* byte order of firm_id */
    assert_string_equal(eca_audit_firm(a, 0)->firm_id, "C1");
    assert_string_equal(eca_audit_firm(a, 1)->firm_id, "K1");
    assert_string_equal(eca_audit_firm(a, 2)->firm_id, "M1");
    assert_string_equal(eca_audit_firm(a, 3)->firm_id, "P1");

    /* C1, coking, every 2022 row but one tagged process=coking:
     * I = washed coal 1.25 万吨 = 12 500 000 kg x 0.9 = 11 250 000 kgce
     * O = coke 9 437 500 kg x 0.9714 = 9 167 587.5
     *   + gas 405.8 万m3 = 4 058 000 m3 x 0.59285 = 2 405 785.3
     *   = 11 573 372.8 kgce
     * C = heating gas 1 712 345 m3 x 0.59285 = 1 015 163.73325
     *   + electricity 352.75 MWh = 352 750 kWh x 0.1229 = 43 352.975
     *   + office electricity (untagged) 12 345.6 x 0.1229 = 1 517.27424
     *   = 1 060 033.98249 kgce
     * R = dry-quench steam 4 718.75 t = 4 718 750 kg x 0.1286 = 606 831.25
     * energy = (C + I - O - R) / 1000 = 129.82993249 tce
     * coke boundary: C_b = 1 015 163.73325 + 43 352.975 = 1 058 516.70825,
     *   R_b = 606 831.25; (C_b - R_b) / 9 437.5 t = 47.860710807947... */
    const eca_firm_result *r = firm(a, "C1");
    assert_rel(r->energy_tce, 129.82993249, 1e-12);
    assert_rel(r->flow_tce[ECA_FLOW_CONSUME], 1060.03398249, 1e-12);
    assert_rel(r->flow_tce[ECA_FLOW_CONVERT_IN], 11250, 1e-12);
    assert_rel(r->flow_tce[ECA_FLOW_CONVERT_OUT], 11573.3728, 1e-12);
    assert_rel(r->flow_tce[ECA_FLOW_RECOVERED], 606.83125, 1e-12);
    assert_rel(r->coke_t, 9437.5, 1e-15);
    assert_rel(r->coke_kgce_per_t, 451685.45825 / 9437.5, 1e-12);
    assert_rel(r->controlled_tce, 129.82993249, 1e-12);
    assert_int_equal(r->coking_boundary_tagged, 1);
    assert_int_equal(r->key_firm, 0);
    assert_int_equal(r->rows_used, 7); /* the 2021-12 row is outside */
    assert_string_equal(r->name, "Coke \"A\", Ltd");
    /* the per-carrier sums behind it: coke out 9 437.5 t = 9 167.5875 tce */
    double q, tce;
    long coke = eca_factors_carrier_find(x->f, "coke");
    assert_true(coke >= 0);
    assert_int_equal(eca_audit_firm_carrier(a, 0, (size_t)coke,
                                            ECA_FLOW_CONVERT_OUT, &q, &tce),
                     ECA_OK);
    assert_rel(q, 9437.5, 1e-15);
    assert_rel(tce, 9167.5875, 1e-12);
    assert_int_equal(eca_audit_firm_carrier(a, 0, 9999, ECA_FLOW_CONSUME, &q,
                                            &tce),
                     ECA_EARG);
    assert_string_equal(r->township, "清源镇");

    /* M1, coal mining, quoted name over two lines:
     * C = raw coal 1 234.567 t = 1 234 567 kg x 0.7143 = 881 851.2081
     *   + diesel 56 789.1 kg x 1.4571 = 82 747.39761
     *   + electricity 234.5678 万kWh = 2 345 678 kWh x 0.1229 = 288 283.8262
     *   = 1 252 882.43191 kgce
     * I = methane 3.4567 10^4m3 = 34 567 m3 x 0.5357 = 18 517.5419
     *   (the same row with unit "1e4m3" is rejected first, so this one is
     *   not a duplicate)
     * O = electricity made 9.87654e4 kWh x 0.1229 = 12 138.26766
     * energy = (C + I - O) / 1000 = 1 259.26170615 tce: below 1 500 */
    r = firm(a, "M1");
    assert_rel(r->energy_tce, 1259.26170615, 1e-12);
    assert_rel(r->flow_tce[ECA_FLOW_CONVERT_IN], 18.5175419, 1e-12);
    assert_rel(r->flow_tce[ECA_FLOW_CONVERT_OUT], 12.13826766, 1e-12);
    assert_true(isnan(r->coke_kgce_per_t));
    assert_int_equal(r->key_firm, 0);
    assert_string_equal(r->name, "Mine\r\nTwo 东于煤矿");

    /* K1, chemicals: feedstock gas 250 万m3 = 2 500 000 m3 x 0.59285 =
     * 1 482 125 kgce; natural gas 123 456.7 m3 x 1.27215 = 157 055.440905;
     * electricity 1 GWh = 1 000 000 kWh x 0.1229 = 122 900.
     * energy = (157 055.440905 + 122 900 + 1 482 125) / 1000
     *        = 1 762.080440905 tce >= 1 500: a key firm;
     * controlled = 1 762.080440905 - 1 482.125 = 279.955440905 */
    r = firm(a, "K1");
    assert_rel(r->energy_tce, 1762.080440905, 1e-12);
    assert_rel(r->feedstock_tce, 1482.125, 1e-12);
    assert_rel(r->controlled_tce, 279.955440905, 1e-12);
    assert_int_equal(r->key_firm, 1);

    /* P1, food with rooftop PV: PV 150 000 kWh, grid 420 000 kWh, green
     * power 50 MWh (the second 50 MWh row is a duplicate), all x 0.1229,
     * steam 800 t = 800 000 kg x 0.1286 = 102 880.
     * energy = (620 000 x 0.1229 + 102 880) / 1000 = 179.078 tce;
     * renewable = 200 000 x 0.1229 / 1000 = 24.58; controlled 154.498 */
    r = firm(a, "P1");
    assert_rel(r->energy_tce, 179.078, 1e-12);
    assert_rel(r->renewable_tce, 24.58, 1e-12);
    assert_rel(r->controlled_tce, 154.498, 1e-12);
    /* equal value 2022: 300.7 gce/kWh:
     * (620 000 x 0.3007 + 102 880) / 1000 = 289.314 tce */
    assert_rel(r->energy_tce_equal, 289.314, 1e-12);

    /* rows: firms 6 read = 4 used + 2 rejected; meters 25 read = 19 used
     * + 1 outside 2022 + 5 rejected */
    eca_row_counts fr = eca_audit_rows(a, "firms.csv");
    eca_row_counts mr = eca_audit_rows(a, "meters.csv");
    assert_int_equal(fr.read, 6);
    assert_int_equal(fr.used, 4);
    assert_int_equal(fr.rejected, 2);
    assert_int_equal(mr.read, 25);
    assert_int_equal(mr.used, 19);
    assert_int_equal(mr.outside_year, 1);
    assert_int_equal(mr.rejected, 5);
    assert_string_equal(rs.text,
                        "firms.csv:7:firm_id:duplicate_firm\n"
                        "firms.csv:8:sector:bad_code\n"
                        "meters.csv:13:unit:unknown_unit\n"
                        "meters.csv:23::duplicate_row\n"
                        "meters.csv:24:quantity:bad_quantity\n"
                        "meters.csv:25:firm_id:unknown_firm\n"
                        "meters.csv:26:quantity:negative_quantity\n");
    eca_audit_free(a);
    free(dir);
}

/* Equal value: C1's electricity 352 750 + 12 345.6 = 365 095.6 kWh at
 * 0.3007 instead of 0.1229 kgce/kWh adds 365 095.6 x 0.1778 = 64 913.99768
 * kgce: energy 129.82993249 + 64.91399768 = 194.74393017 tce; the coke
 * boundary holds 352 750 kWh: (1 015 163.73325 + 352 750 x 0.3007 -
 * 606 831.25) / 9 437.5 = (1 015 163.73325 + 106 071.925 - 606 831.25)
 * / 9 437.5 = 514 404.40825 / 9 437.5. With offset -1 the 2021
 * figure 302.5 applies. */
static void electricity_basis(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    char *dir = tu_src("tests/data/golden");
    eca_audit_options_init(&o);
    o.basis = ECA_BASIS_EQUAL;
    eca_audit *a = run(x, dir, &o, NULL);
    const eca_firm_result *r = firm(a, "C1");
    assert_rel(r->energy_tce, 194.74393017, 1e-12);
    assert_rel(r->energy_tce_equivalent, 129.82993249, 1e-12);
    assert_rel(r->coke_kgce_per_t, 514404.40825 / 9437.5, 1e-12);
    eca_audit_free(a);

    o.equal_year_offset = -1; /* 365 095.6 x (0.3025 - 0.1229) = 65 571.17 */
    a = run(x, dir, &o, NULL);
    assert_rel(firm(a, "C1")->energy_tce,
               129.82993249 + 365095.6 * 0.1796 / 1000, 1e-12);
    eca_audit_free(a);

    o.equal_year_offset = -10; /* no 2012 figure: an error */
    eca_error err;
    eca_error_clear(&err);
    assert_null(eca_audit_run(x->f, dir, &o, &err));
    assert_int_equal(err.status, ECA_EFACTOR);
    assert_non_null(strstr(err.msg, "2012"));
    free(dir);
}

/* --year 2021 takes the one 2021 row; the other 2022 rows are outside. */
static void reporting_year(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    char *dir = tu_src("tests/data/golden");
    eca_audit_options_init(&o);
    o.year = 2021;
    eca_audit *a = run(x, dir, &o, NULL);
    eca_row_counts mr = eca_audit_rows(a, "meters.csv");
    assert_int_equal(mr.used, 1);
    assert_int_equal(mr.outside_year, 19);
    assert_int_equal(mr.read, mr.used + mr.outside_year + mr.rejected);
    /* coke 999 t x 971.4 = 970 428.6 kgce out, nothing in: -970.4286 tce */
    assert_rel(firm(a, "C1")->energy_tce, -970.4286, 1e-12);
    assert_rel(firm(a, "C1")->coke_kgce_per_t, 0, 0);
    assert_rel(firm(a, "K1")->energy_tce, 0, 0);
    eca_audit_free(a);
    free(dir);
}

static const char firms_min[] =
    "firm_id,name,sector\nA,Alpha,coking\nB,Beta,food\n";

/* Sums are kept per meter series and added into the firm's carrier and
 * flow at the end; with no --year a later year restarts them. A's
 * electricity in 2022 (the default year) is M1 2000.5 + M2 300.25 + M1 10
 * = 2310.75 kWh; its 2021 rows (1000 before and 7000 after the first 2022
 * row) are outside. Coking rows are also summed into the coking cells: gas
 * 120.5 + 30 = 150.5 m3, of which 120.5 under "coking", with 2.5 t of
 * coke. B has only 2021 rows: nothing in 2022. */
static void series_sums_by_year(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    double q, tce;
    tu_write(x->dir, "firms.csv", firms_min);
    tu_write(x->dir, "meters.csv",
             "firm_id,meter_id,carrier,flow,process,period,quantity,unit\n"
             "A,M1,electricity,consume,,2021-01,1000,kWh\n"
             "B,M1,electricity,consume,,2021-01,5,kWh\n"
             "A,M1,electricity,consume,,2022-01,2000.5,kWh\n"
             "A,M2,electricity,consume,,2022-02,300.25,kWh\n"
             "A,G1,coke_oven_gas,consume,coking,2022-02,120.5,m3\n"
             "A,G2,coke_oven_gas,consume,,2022-02,30,m3\n"
             "A,M1,electricity,consume,,2021-02,7000,kWh\n"
             "A,M1,electricity,consume,,2022-03,10,kWh\n"
             "A,CK,coke,convert_out,coking,2022-03,2.5,t\n");
    eca_audit_options_init(&o);
    eca_audit *a = run(x, x->dir, &o, NULL);
    eca_row_counts mr = eca_audit_rows(a, "meters.csv");
    assert_int_equal(eca_audit_year(a), 2022);
    assert_int_equal(mr.used, 6);
    assert_int_equal(mr.outside_year, 3);
    size_t elec = (size_t)eca_factors_carrier_find(x->f, "electricity");
    size_t cog = (size_t)eca_factors_carrier_find(x->f, "coke_oven_gas");
    assert_int_equal(eca_audit_firm_carrier(a, 0, elec, ECA_FLOW_CONSUME, &q,
                                            &tce), ECA_OK);
    assert_rel(q, 2310.75, 1e-15);
    assert_rel(tce, 2310.75 * 0.1229 / 1000, 1e-12); /* 0.283991175 */
    assert_int_equal(eca_audit_firm_carrier(a, 0, cog, ECA_FLOW_CONSUME, &q,
                                            NULL), ECA_OK);
    assert_rel(q, 150.5, 1e-15);
    assert_int_equal(firm(a, "A")->rows_used, 6);
    assert_int_equal(firm(a, "A")->coking_boundary_tagged, 1);
    /* the boundary is the coking rows: 120.5 m3 x 0.59285 = 71.438425
     * kgce for 2.5 t of coke, 28.57537 kgce/t */
    assert_rel(firm(a, "A")->coke_kgce_per_t, 28.57537, 1e-12);
    assert_int_equal(eca_audit_firm_carrier(a, 1, elec, ECA_FLOW_CONSUME, &q,
                                            NULL), ECA_OK);
    assert_rel(q, 0, 0);
    assert_int_equal(firm(a, "B")->rows_used, 0);
    eca_audit_free(a);
}

/* A firm with no row tagged "coking": its whole site is the boundary.
 * C = gas 100 000 m3 x 0.59285 + electricity 20 000 kWh x 0.1229 =
 * 59 285 + 2 458 = 61 743 kgce; R = 0; coke 500 t:
 * 61 743 / 500 = 123.486 kgce/t. */
static void untagged_boundary(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    tu_write(x->dir, "firms.csv", firms_min);
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,flow,period,quantity,unit\n"
             "A,coke_oven_gas,consume,2023-05,100000,m3\n"
             "A,electricity,,2023-05,20000,kWh\n"
             "A,coke,convert_out,2023-05,0.05,万吨\n");
    eca_audit_options_init(&o);
    eca_audit *a = run(x, x->dir, &o, NULL);
    const eca_firm_result *r = firm(a, "A");
    assert_int_equal(r->coking_boundary_tagged, 0);
    assert_rel(r->coke_t, 500, 1e-15);
    assert_rel(r->coke_kgce_per_t, 123.486, 1e-12);
    eca_audit_free(a);
}

/* One row per rejection reason of SPEC section 6, each named by line and
 * column; conservation holds. */
static void every_rejection_reason(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    rejects rs;
    tu_write(x->dir, "firms.csv", firms_min);
    tu_write(x->dir, "meters.csv",
             "firm_id,meter_id,carrier,flow,process,period,quantity,unit,"
             "estimated\n"
             "A,m1,electricity,consume,,2022-01,10.5,kWh,0\n"   /* 2 ok */
             "A,m1,electricity,consume,,2022-01,10.5,kWh,0\n"   /* 3 dup */
             "A,m1,electricity,consume,,2022-01,10.5,kWh\n"     /* 4 fields */
             ",m1,electricity,consume,,2022-02,1,kWh,0\n"       /* 5 empty */
             "Q,m1,electricity,consume,,2022-02,1,kWh,0\n"      /* 6 firm */
             "A,m1,coal,consume,,2022-02,1,t,0\n"               /* 7 carrier */
             "A,m1,electricity,burn,,2022-02,1,kWh,0\n"         /* 8 flow */
             "A,m1,electricity,consume,,2022-13,1,kWh,0\n"      /* 9 period */
             "A,m1,electricity,consume,,2022-02-30,1,kWh,0\n"   /* 10 period */
             "A,m1,electricity,consume,,2022-02,abc,kWh,0\n"    /* 11 number */
             "A,m1,electricity,consume,,2022-02,-1,kWh,0\n"     /* 12 negative */
             "A,m1,electricity,consume,,2022-02,1e40,kWh,0\n"   /* 13 range */
             "A,m1,electricity,consume,,2022-02,1,kWhs,0\n"     /* 14 unit */
             "A,m1,electricity,consume,,2022-02,1,t,0\n"        /* 15 dim */
             "A,m1,electricity,consume,,2022-02,1,kWh,yes\n"    /* 16 est */
             "A,m1,electricity,consume,,2022-03,1.0,MWh,1\n"    /* 17 ok */
             "A,m1,electricity,consume,,2022-03-01,7,kWh,0\n"); /* 18 ok */
    eca_audit_options_init(&o);
    eca_audit *a = run(x, x->dir, &o, &rs);
    assert_string_equal(rs.text,
                        "meters.csv:3::duplicate_row\n"
                        "meters.csv:4::field_count\n"
                        "meters.csv:5:firm_id:missing_value\n"
                        "meters.csv:6:firm_id:unknown_firm\n"
                        "meters.csv:7:carrier:unknown_carrier\n"
                        "meters.csv:8:flow:bad_flow\n"
                        "meters.csv:9:period:bad_period\n"
                        "meters.csv:10:period:bad_period\n"
                        "meters.csv:11:quantity:bad_quantity\n"
                        "meters.csv:12:quantity:negative_quantity\n"
                        "meters.csv:13:quantity:quantity_out_of_range\n"
                        "meters.csv:14:unit:unknown_unit\n"
                        "meters.csv:15:unit:unit_mismatch\n"
                        "meters.csv:16:estimated:bad_estimated\n");
    eca_row_counts mr = eca_audit_rows(a, "meters.csv");
    assert_int_equal(mr.read, 17);
    assert_int_equal(mr.rejected, 14);
    assert_int_equal(mr.used, 3);
    /* 10.5 + 1 000 + 7 kWh = 1 017.5 kWh x 0.1229 = 125.05075 kgce */
    assert_rel(firm(a, "A")->energy_tce, 0.12505075, 1e-12);
    assert_int_equal(eca_audit_reject_reason_count(a), 13);
    eca_audit_free(a);
}

/* firms.csv rejections: empty id, unknown codes, numbers out of range. */
static void firm_rejections(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    rejects rs;
    tu_write(x->dir, "firms.csv",
             "firm_id,sector,coke_oven,quench,mixed_gas_ratio,volatile_pct\n"
             "A,coking,top,dry,0.5,24.5\n"
             ",coking,top,dry,,\n"
             "B,coking,side,,,\n"
             "C,coking,top,steam,,\n"
             "D,coking,top,,1.5,\n"
             "E,coking,top,,,x\n"
             "A,food,,,,\n");
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,period,quantity,unit\nA,electricity,2022-01,1,kWh\n");
    eca_audit_options_init(&o);
    eca_audit *a = run(x, x->dir, &o, &rs);
    assert_string_equal(rs.text,
                        "firms.csv:3:firm_id:missing_value\n"
                        "firms.csv:4:coke_oven:bad_code\n"
                        "firms.csv:5:quench:bad_code\n"
                        "firms.csv:6:mixed_gas_ratio:bad_number\n"
                        "firms.csv:7:volatile_pct:bad_number\n"
                        "firms.csv:8:firm_id:duplicate_firm\n");
    assert_int_equal(eca_audit_firm_count(a), 1);
    const eca_firm_result *r = firm(a, "A");
    assert_rel(r->mixed_gas_ratio, 0.5, 0);
    assert_rel(r->volatile_pct, 24.5, 0);
    assert_true(isnan(r->moisture_pct));
    assert_string_equal(r->sector, "coking");
    eca_audit_free(a);
}

/* Strict mode turns the first rejected row into the run's error. */
static void strict_mode(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    eca_error err;
    tu_write(x->dir, "firms.csv", firms_min);
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,period,quantity,unit\n"
             "A,electricity,2022-01,1,kWh\n"
             "Z,electricity,2022-01,1,kWh\n");
    eca_audit_options_init(&o);
    o.strict = 1;
    eca_error_clear(&err);
    assert_null(eca_audit_run(x->f, x->dir, &o, &err));
    assert_int_equal(err.status, ECA_EINPUT);
    assert_string_equal(err.msg, "meters.csv:3: column 'firm_id': \"Z\" is "
                                 "not a firm_id of firms.csv (unknown_firm; "
                                 "--strict)");
}

/* The tap (ecai_audit_run_tap) logs each row it is shown, one line each:
 * year firm carrier flow granularity unit value q. */
typedef struct {
    char text[2048];
    int rows, stop_at; /* stop_at > 0: fail at that row */
} taplog;

static eca_status log_row(void *user, const ecai_meter_row *r,
                          eca_error *err)
{
    taplog *t = user;
    size_t k = strlen(t->text);
    snprintf(t->text + k, sizeof t->text - k, "%d %d %d %d %d %lld %.10g "
             "%.10g\n", r->year, (int)r->firm, (int)r->carrier, r->flow,
             (int)r->gran, (long long)r->unit, r->value,
             (double)r->q / 1e9);
    if (++t->rows == t->stop_at)
        return ecai_fail(err, ECA_EINPUT, "tap stops at row %d", t->rows);
    return ECA_OK;
}

/* Lines (header = 1), firms A 0, B 1:
 * 2 B electricity 2021-03 2.385 MWh      2021: shown (2 385 kWh)
 * 3 A coke convert_out 2022-01-02 1.5 t  2022 takes over: shown
 * 4 B electricity 2021-04 1 kWh          2021 after 2022: not shown
 * 5 A coke convert_out 2022-01-02 9 t    duplicate of 3: not shown
 * 6 Q electricity 2022-01 1 kWh          unknown firm: not shown
 * 7 A electricity 2022-01-02T03:45 0.5 kWh  shown
 * Units: months 2021 x 12 + 2 = 24 254 (March), 24 255 (April); days and
 * minutes as ecai_period_minutes counts them. With year 2021: rows 2 and
 * 4 only. */
static void meter_tap(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    eca_error err;
    taplog t;
    ecai_meter_tap tap = {log_row, &t};
    ecai_period day, minute;
    tu_write(x->dir, "firms.csv", firms_min);
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,flow,period,quantity,unit\n"
             "B,electricity,,2021-03,2.385,MWh\n"
             "A,coke,convert_out,2022-01-02,1.5,t\n"
             "B,electricity,consume,2021-04,1,kWh\n"
             "A,coke,convert_out,2022-01-02,9,t\n"
             "Q,electricity,,2022-01,1,kWh\n"
             "A,electricity,consume,2022-01-02T03:45,0.5,kWh\n");
    assert_int_equal(ecai_period_parse("2022-01-02", 10, &day), 0);
    assert_int_equal(ecai_period_parse("2022-01-02T03:45", 16, &minute), 0);
    int coke = (int)eca_factors_carrier_find(x->f, "coke");
    int elec = (int)eca_factors_carrier_find(x->f, "electricity");
    char want[512];
    snprintf(want, sizeof want,
             "2021 1 %d 0 0 24254 2385 2385\n"
             "2022 0 %d 2 1 %lld 1.5 1.5\n"
             "2022 0 %d 0 2 %lld 0.5 0.5\n",
             elec, coke, (long long)(ecai_period_minutes(&day) / 1440), elec,
             (long long)ecai_period_minutes(&minute));
    eca_audit_options_init(&o);
    for (int threads = 1; threads <= 2; threads++) {
        memset(&t, 0, sizeof t);
        o.threads = threads;
        eca_error_clear(&err);
        eca_audit *a = ecai_audit_run_tap(x->f, x->dir, &o, &tap, &err);
        assert_non_null(a);
        assert_string_equal(t.text, want);
        assert_int_equal(eca_audit_year(a), 2022);
        eca_audit_free(a);
    }
    memset(&t, 0, sizeof t);
    o.year = 2021;
    eca_error_clear(&err);
    eca_audit *a = ecai_audit_run_tap(x->f, x->dir, &o, &tap, &err);
    assert_non_null(a);
    snprintf(want, sizeof want, "2021 1 %d 0 0 24254 2385 2385\n"
                                "2021 1 %d 0 0 24255 1 1\n", elec, elec);
    assert_string_equal(t.text, want);
    eca_audit_free(a);
    /* a tap's error stops the run with its status and message */
    memset(&t, 0, sizeof t);
    t.stop_at = 2;
    o.year = 0;
    eca_error_clear(&err);
    assert_null(ecai_audit_run_tap(x->f, x->dir, &o, &tap, &err));
    assert_int_equal(err.status, ECA_EINPUT);
    assert_string_equal(err.msg, "tap stops at row 2");
    assert_int_equal(t.rows, 2);
}

/* File-level errors stop the run with a message naming file and line. */
static void file_errors(void **state)
{
    fixture *x = *state;
    eca_audit_options o;
    eca_error err;
    static const struct {
        const char *meters;
        eca_status st;
        const char *msg;
    } cases[] = {
        {"", ECA_ECSV, "meters.csv: the file is empty (no header)"},
        {"firm_id,carrier,period,unit\nA,coke,2022-01,t\n", ECA_ECOLUMN,
         "meters.csv:1: column 'quantity': required column is missing"},
        {"firm_id,carrier,period,quantity,unit\nA,coke,2022-01,1,t\n"
         "A,\"coke,2022-02,1,t\n",
         ECA_ECSV, "meters.csv:3: a quoted field is never closed"},
        {"firm_id,carrier,period,quantity,unit\nA,coke,2022-01,1,t\n"
         "A,co\xff,2022-02,1,t\n",
         ECA_ECSV, "meters.csv:3: column 'carrier': byte 5 (0xFF) is not "
                   "UTF-8 text; save the file as UTF-8; GBK or GB18030 text, "
                   "as Excel often writes, is not accepted"},
        {"firm_id,carrier,period,quantity,unit,unit\n", ECA_ECSV,
         "meters.csv:1: column 'unit' appears twice in the header"},
    };
    tu_write(x->dir, "firms.csv", firms_min);
    eca_audit_options_init(&o);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_write(x->dir, "meters.csv", cases[i].meters);
        eca_error_clear(&err);
        assert_null(eca_audit_run(x->f, x->dir, &o, &err));
        assert_int_equal(err.status, cases[i].st);
        assert_string_equal(err.msg, cases[i].msg);
    }
    /* a folder that is not there is named as given, and so is a file
     * that is not in it */
    char *missing = tu_path(x->dir, "nowhere"), want[1024];
    eca_error_clear(&err);
    assert_null(eca_audit_run(x->f, missing, &o, &err));
    assert_int_equal(err.status, ECA_EIO);
    snprintf(want, sizeof want, "%s: no such folder", missing);
    assert_string_equal(err.msg, want);
    free(missing);
    missing = tu_path(x->dir, "firms.csv");
    eca_error_clear(&err);
    assert_null(eca_audit_run(x->f, missing, &o, &err));
    snprintf(want, sizeof want, "%s: not a folder", missing);
    assert_string_equal(err.msg, want);
    assert_int_equal(remove(missing), 0);
    eca_error_clear(&err);
    assert_null(eca_audit_run(x->f, x->dir, &o, &err));
    assert_int_equal(err.status, ECA_EIO);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             missing);
    assert_string_equal(err.msg, want);
    free(missing);
}

/* A byte that is not UTF-8 text deep in a large meters.csv, read in
 * blocks by several threads, is told as the file read record by record
 * tells it: line, column and hint. */
static void utf8_in_a_large_file(void **state)
{
    fixture *x = *state;
    char *mp = tu_path(x->dir, "meters.csv");
    FILE *fp = fopen(mp, "wb");
    assert_non_null(fp);
    tu_write(x->dir, "firms.csv", firms_min);
    fputs("firm_id,meter_id,carrier,period,quantity,unit\n", fp);
    for (int i = 0; i < 40000; i++) /* about 1 MB: several blocks */
        fprintf(fp, i == 31234 ? "B,m%d,\xBD\xB9\xCC\xBF,2022-03,2.385,t\n"
                               : "A,m%d,coke,2022-03,2.385,t\n", i);
    assert_int_equal(fclose(fp), 0);
    free(mp);
    for (int threads = 1; threads <= 4; threads += 3) {
        eca_audit_options o;
        eca_error err;
        eca_audit_options_init(&o);
        o.threads = threads;
        eca_error_clear(&err);
        assert_null(eca_audit_run(x->f, x->dir, &o, &err));
        assert_int_equal(err.status, ECA_ECSV);
        assert_string_equal(err.msg,
                            "meters.csv:31236: column 'carrier': byte 10 "
                            "(0xBD) is not UTF-8 text; save the file as "
                            "UTF-8; GBK or GB18030 text, as Excel often "
                            "writes, is not accepted");
    }
}

/* A code that is not one of its column's says which ones are. */
static void bad_code_lists_codes(void **state)
{
    fixture *x = *state;
    static const char *const cases[][2] = {
        {"A,Food,,", "firms.csv:2: column 'sector': \"Food\" is not coking, "
                     "coal_mining, coal_washing, chemicals, food, "
                     "building_materials, power or other (bad_code; "
                     "--strict)"},
        {"A,coking,side,", "firms.csv:2: column 'coke_oven': \"side\" is not "
                           "top, stamp, heat_recovery or semi_coke (bad_code; "
                           "--strict)"},
        {"A,coking,top,DRY", "firms.csv:2: column 'quench': \"DRY\" is not "
                             "dry or wet (bad_code; --strict)"},
    };
    eca_audit_options o;
    eca_audit_options_init(&o);
    o.strict = 1;
    tu_write(x->dir, "meters.csv", "firm_id,carrier,period,quantity,unit\n"
                                   "A,coke,2022-03,2.385,t\n");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        eca_error err;
        snprintf(text, sizeof text, "firm_id,sector,coke_oven,quench\n%s\n",
                 cases[i][0]);
        tu_write(x->dir, "firms.csv", text);
        eca_error_clear(&err);
        assert_null(eca_audit_run(x->f, x->dir, &o, &err));
        assert_int_equal(err.status, ECA_EINPUT);
        assert_string_equal(err.msg, cases[i][1]);
    }
}

/* Byte-identical outputs for 1, 2 and 7 threads on 60 000 rows of mixed
 * units and flows (several parallel batches). */
static void thread_identity(void **state)
{
    fixture *x = *state;
    char *prev = NULL;
    uint64_t s = 0x2545F4914F6CDD1DULL;
    static const char *const cu[][2] = {
        {"electricity", "kWh"}, {"electricity", "MWh"}, {"coke", "t"},
        {"coke_oven_gas", "万立方米"}, {"washed_coal", "kg"}, {"steam", "t"}};
    static const char *const flows[] = {"consume", "convert_in",
                                        "convert_out", "recovered",
                                        "feedstock"};
    char *mp = tu_path(x->dir, "meters.csv");
    FILE *fp = fopen(mp, "wb");
    assert_non_null(fp);
    tu_write(x->dir, "firms.csv", "firm_id\nF0\nF1\nF2\nF3\nF4\nF5\nF6\n");
    fputs("firm_id,meter_id,carrier,flow,process,period,quantity,unit\n", fp);
    for (int i = 0; i < 60000; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        int k = (int)(s % 6), fl = (int)((s >> 8) % 5);
        fprintf(fp, "F%d,m%d,%s,%s,%s,2022-%02d-%02dT%02d:%02d,%llu.%03llu,%s\n",
                (int)((s >> 16) % 7), i % 13, cu[k][0], flows[fl],
                (s >> 20) & 1 ? "coking" : "", 1 + (int)((s >> 24) % 12),
                1 + (int)((s >> 28) % 28), (int)((s >> 33) % 24),
                (int)((s >> 38) % 60), (unsigned long long)((s >> 40) % 100000),
                (unsigned long long)((s >> 50) % 1000), cu[k][1]);
    }
    assert_int_equal(fclose(fp), 0);
    free(mp);
    static const int threads[] = {1, 2, 7};
    for (int t = 0; t < 3; t++) {
        eca_audit_options o;
        eca_error err;
        eca_audit_options_init(&o);
        o.threads = threads[t];
        eca_error_clear(&err);
        eca_audit *a = eca_audit_run(x->f, x->dir, &o, &err);
        assert_non_null(a);
        char *out = tu_path(x->dir, "out");
        mkdir(out, 0777);
        assert_int_equal(eca_audit_write(a, x->f, &o, out, &err), ECA_OK);
        char *fc = tu_path(out, "firms.csv"), *sj = tu_path(out, "summary.json");
        char *text = tu_read(fc), *sum = tu_read(sj);
        assert_non_null(text);
        size_t n = strlen(text) + strlen(sum) + 1;
        char *both = malloc(n);
        snprintf(both, n, "%s%s", text, sum);
        if (prev)
            assert_string_equal(both, prev);
        free(prev);
        prev = both;
        eca_row_counts mr = eca_audit_rows(a, "meters.csv");
        assert_int_equal(mr.read, 60000);
        assert_int_equal(mr.read, mr.used + mr.outside_year + mr.rejected);
        free(text);
        free(sum);
        free(fc);
        free(sj);
        free(out);
        eca_audit_free(a);
    }
    free(prev);
}

int main(void)
{
    gsl_set_error_handler_off();
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)
    const struct CMUnitTest tests[] = {
        T(golden),
        T(electricity_basis),
        T(reporting_year),
        T(series_sums_by_year),
        T(untagged_boundary),
        T(every_rejection_reason),
        T(firm_rejections),
        T(strict_mode),
        T(meter_tap),
        T(file_errors),
        T(utf8_in_a_large_file),
        T(bad_code_lists_codes),
        T(thread_identity),
    };
#undef T
    return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
