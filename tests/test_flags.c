/* test_flags.c: the audit's findings through the library and flags.csv:
 * grades and corrected limits in the results, borderline findings where
 * the verdict changes inside a coefficient range, certain violations,
 * missing correction inputs, peer percentiles.
 *
 * Plants charge 1 500 t of washed coal (convert_in, outside the coke
 * boundary) for 1 000 t of coke, so their carbon balance is positive.
 * B (top; V 23 %, M 10 %, dry, 10 years, coke oven gas only: corrected
 * limits 110 / 110 / 135): heating gas 228 000 m3 over 1 000 t of coke:
 *   nominal 228 000 x 0.59285 / 1 000 = 135.1698 kgce/t
 *   low     228 000 x 0.5714  / 1 000 = 130.2792
 *   high    228 000 x 0.6143  / 1 000 = 140.0604
 * C (top, same inputs): electricity 1 200 000 kWh x 0.1229 / 1 000 t =
 *   147.48 kgce/t, no range.
 * N (food): natural gas 1 179 500 m3: energy 1 179 500 x 1.27215 / 1000
 *   = 1 500.500925 tce, low x 1.2143 = 1 432.26685, high x 1.33 =
 *   1 568.735. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "eca.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

static const char firms[] =
    "firm_id,sector,coke_oven,volatile_pct,moisture_pct,quench,"
    "oven_age_years,mixed_gas_ratio\n"
    "B,coking,top,23,10,dry,10,0\n"
    "C,coking,top,23,10,dry,10,\n"
    "N,food,,,,,,\n";
static const char meters[] =
    "firm_id,carrier,flow,period,quantity,unit\n"
    "B,washed_coal,convert_in,2022-05,1500,t\n"
    "B,coke,convert_out,2022-05,1000,t\n"
    "B,coke_oven_gas,consume,2022-05,228000,m3\n"
    "C,washed_coal,convert_in,2022-05,1500,t\n"
    "C,coke,convert_out,2022-05,1000,t\n"
    "C,electricity,consume,2022-05,1200000,kWh\n"
    "N,natural_gas,consume,2022-05,1179500,m3\n";

static int setup(void **state)
{
    char *d = tu_tmpdir();
    tu_write(d, "firms.csv", firms);
    tu_write(d, "meters.csv", meters);
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    tu_rmtree(*state);
    free(*state);
    return 0;
}

static void results(void **state)
{
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(tu_factors_dir(), &err);
    eca_audit *a = eca_audit_run(f, *state, NULL, &err);
    assert_non_null(a);
    const eca_firm_result *b = eca_audit_firm(a, 0), *c = eca_audit_firm(a, 1),
                          *n = eca_audit_firm(a, 2);
    assert_rel(b->coke_kgce_per_t, 135.1698, 1e-12);
    assert_rel(b->coke_kgce_per_t_low, 130.2792, 1e-12);
    assert_rel(b->coke_kgce_per_t_high, 140.0604, 1e-12);
    assert_rel(b->coke_limit[0], 110, 1e-15);
    assert_rel(b->coke_limit[2], 135, 1e-15);
    assert_int_equal(b->coke_grade, 0);
    assert_int_equal(b->coke_grade_low, 3);
    assert_int_equal(b->coke_grade_high, 0);
    assert_int_equal(b->coke_missing, 0);
    assert_rel(c->coke_kgce_per_t, 147.48, 1e-12);
    assert_rel(c->coke_kgce_per_t_low, 147.48, 1e-12);
    assert_int_equal(c->coke_grade, 0);
    assert_int_equal(c->semi_coke_grade, -1);
    assert_rel(n->energy_tce, 1500.500925, 1e-12);
    assert_rel(n->energy_tce_low, 1432.26685, 1e-12);
    assert_rel(n->energy_tce_high, 1568.735, 1e-12);
    assert_int_equal(n->key_firm, 1);
    assert_int_equal(n->coke_grade, -1);
    /* percentiles in the coking sector: B below C: mid-ranks 25 and 75 */
    assert_rel(b->coke_kgce_percentile, 25, 0);
    assert_rel(c->coke_kgce_percentile, 75, 0);
    assert_true(isnan(n->coke_kgce_percentile));
    eca_audit_free(a);
    eca_factors_free(f);
}

/* Ties share their mid-rank: B and B2 have the same meters (135.1698
 * kgce/t), C 147.48. B, B2: below 0, equal 2: 100 x (0 + 2/2) / 3 =
 * 33.33...; C: below 2, equal 1: 100 x (2 + 1/2) / 3 = 83.33... */
static void percentile_ties(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    tu_write(d, "firms.csv", "firm_id,sector,coke_oven\n"
                             "B,coking,top\nB2,coking,top\nC,coking,top\n");
    tu_write(d, "meters.csv",
             "firm_id,carrier,flow,period,quantity,unit\n"
             "B,washed_coal,convert_in,2022-05,1500,t\n"
             "B,coke,convert_out,2022-05,1000,t\n"
             "B,coke_oven_gas,consume,2022-05,228000,m3\n"
             "B2,washed_coal,convert_in,2022-05,1500,t\n"
             "B2,coke,convert_out,2022-05,1000,t\n"
             "B2,coke_oven_gas,consume,2022-05,228000,m3\n"
             "C,washed_coal,convert_in,2022-05,1500,t\n"
             "C,coke,convert_out,2022-05,1000,t\n"
             "C,electricity,consume,2022-05,1200000,kWh\n");
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(tu_factors_dir(), &err);
    eca_audit *a = eca_audit_run(f, d, NULL, &err);
    assert_non_null(a);
    const eca_firm_result *b = eca_audit_firm(a, 0), *b2 = eca_audit_firm(a, 1),
                          *c = eca_audit_firm(a, 2);
    assert_rel(b->coke_kgce_per_t, b2->coke_kgce_per_t, 0);
    assert_rel(b->coke_kgce_percentile, 100.0 / 3, 1e-15);
    assert_rel(b2->coke_kgce_percentile, 100.0 / 3, 1e-15);
    assert_rel(c->coke_kgce_percentile, 250.0 / 3, 1e-15);
    eca_audit_free(a);
    eca_factors_free(f);
    tu_rmtree(d);
    free(d);
}

/* The number after `key` in text (a JSON member), for a relative check. */
static double json_after(const char *text, const char *key)
{
    const char *at = strstr(text, key);
    if (!at)
        fail_msg("summary.json lacks \"%s\":\n%s", key, text);
    return strtod(at + strlen(key), NULL);
}

/* Peer groups: semi-coke plants are ranked apart from the coke ovens of
 * their sector. B and C as above (135.1698 and 147.48 kgce/t); S and S2
 * (semi_coke) heat with 300 000 and 280 000 m3 of coke oven gas over
 * 1 000 t: 177.855 and 165.998 kgce/t. Within "coking": B 25, C 75;
 * within "coking/semi_coke": S2 25, S 75 (ranked all together they
 * would be 12.5, 37.5, 87.5, 62.5). CO2 per tonne of coke: all four charge
 * 1 500 t of washed coal for 1 000 t of coke (the same process CO2), so
 * the order is that of their combustion and indirect CO2: B's 228 000 m3
 * of gas (about 174 t) below C's 1 200 MWh of power (about 644 t), S2's
 * 280 000 m3 below S's 300 000 m3: the same mid-ranks. summary.json: p50
 * of coking (135.1698 + 147.48) / 2 = 141.3249, of coking/semi_coke
 * (165.998 + 177.855) / 2 = 171.9265, p10 165.998 + 0.1 x 11.857 =
 * 167.1837; no group for N (food), which has no coke. */
static void peer_groups(void **state)
{
    tu_fixture *x = *state;
    tu_write(x->dir, "firms.csv", "firm_id,sector,coke_oven\n"
                                  "B,coking,top\nC,coking,top\n"
                                  "N,food,\nS,coking,semi_coke\n"
                                  "S2,coking,semi_coke\n");
    tu_write(x->dir, "meters.csv",
             "firm_id,carrier,flow,period,quantity,unit\n"
             "B,washed_coal,convert_in,2022-05,1500,t\n"
             "B,coke,convert_out,2022-05,1000,t\n"
             "B,coke_oven_gas,consume,2022-05,228000,m3\n"
             "C,washed_coal,convert_in,2022-05,1500,t\n"
             "C,coke,convert_out,2022-05,1000,t\n"
             "C,electricity,consume,2022-05,1200000,kWh\n"
             "N,natural_gas,consume,2022-05,1000,m3\n"
             "S,washed_coal,convert_in,2022-05,1500,t\n"
             "S,coke,convert_out,2022-05,1000,t\n"
             "S,coke_oven_gas,consume,2022-05,300000,m3\n"
             "S2,washed_coal,convert_in,2022-05,1500,t\n"
             "S2,coke,convert_out,2022-05,1000,t\n"
             "S2,coke_oven_gas,consume,2022-05,280000,m3\n");
    eca_error err;
    eca_error_clear(&err);
    eca_audit *a = eca_audit_run(x->f, x->dir, NULL, &err);
    assert_non_null(a);
    static const double want[5] = {25, 75, NAN, 75, 25}; /* B C N S S2 */
    for (size_t i = 0; i < 5; i++) {
        const eca_firm_result *r = eca_audit_firm(a, i);
        assert_rel(r->coke_kgce_percentile, want[i], 0);
        assert_rel(r->co2_per_t_coke_percentile, want[i], 0);
    }
    assert_rel(eca_audit_firm(a, 3)->coke_kgce_per_t, 177.855, 1e-12);
    assert_rel(eca_audit_firm(a, 4)->coke_kgce_per_t, 165.998, 1e-12);
    eca_audit_free(a);

    char *out = tu_path(x->dir, "out");
    assert_int_equal(tu_eca(x->dir, "audit '%s' --out '%s'", x->dir, out), 0);
    char *p = tu_path(out, "summary.json"), *text = tu_read(p);
    const char *peers = strstr(text, "\"peers_coke_kgce_per_t\": {\"coking\": "
                                     "{\"n\": 2, \"p10\": ");
    assert_non_null(peers);
    assert_rel(json_after(peers, "\"p50\": "), 141.3249, 1e-12);
    const char *semi = strstr(peers, "}, \"coking/semi_coke\": {\"n\": 2, ");
    assert_non_null(semi);
    assert_rel(json_after(semi, "\"p10\": "), 167.1837, 1e-12);
    assert_rel(json_after(semi, "\"p50\": "), 171.9265, 1e-12);
    assert_null(strstr(peers, "\"food\""));
    free(text);
    free(p);
    free(out);
}

static void flags_file(void **state)
{
    const char *d = *state;
    char *out = tu_path(d, "out");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", d, out), 0);
    char *p = tu_path(out, "flags.csv"), *text = tu_read(p);
    /* B: certain above 110 (low 130.28 > 110); above 135 only at the
     * nominal and high ends: borderline for the baseline and grade 3.
     * C: certain violations. N: a key firm only at some coefficients. */
    static const char *const rows[] = {
        "\nB,county_coke_target,135.1698,110,warning,",
        "\nB,ndrc_benchmark,135.1698,110,info,",
        "\nB,ndrc_baseline,135.1698,135,borderline,",
        "\nB,gb21342_grade3,135.1698,135,borderline,",
        "130.279 to 140.06 over the coefficient ranges",
        "\nC,county_coke_target,147.48,110,warning,",
        "\nC,ndrc_baseline,147.48,135,violation,",
        "\nC,gb21342_grade3,147.48,135,violation,",
        "\nN,key_firm,1500.500925,1500,borderline,",
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (!strstr(text, rows[i]))
            fail_msg("flags.csv lacks \"%s\":\n%s", rows[i], text);
    size_t lines = 0;
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    /* C has the benchmark too; each firm has one month of data in 12:
     * data_incomplete (info), and every other finding says so */
    assert_int_equal(lines, 1 + 5 + 5 + 2);
    assert_non_null(strstr(text, "\nN,data_incomplete,0.0833333333333333,"
                                 "0.9,info,"));
    assert_non_null(strstr(text, "over the coefficient ranges; data "
                                 "completeness 0.0833"));
    free(text);
    free(p);
    p = tu_path(out, "firms.csv");
    text = tu_read(p);
    assert_non_null(strstr(text, ",110,110,135,0,3-0,,"));
    free(text);
    free(p);
    /* summary: counts in first-seen order; the median of B and C is
     * (135.1698 + 147.48) / 2 = 141.3249 */
    p = tu_path(out, "summary.json");
    text = tu_read(p);
    assert_non_null(strstr(text, "\"by_severity\": {\"warning\": 2, "
                                 "\"info\": 5, \"borderline\": 3, "
                                 "\"violation\": 2}"));
    assert_non_null(strstr(text, "\"coking\": {\"n\": 2, \"p10\": "));
    assert_non_null(strstr(text, "\"p50\": 141.3249,"));
    free(text);
    free(p);
    free(out);
}

/* Meter series findings through the audit: Q's four monthly series, one
 * clean and seasonal, one with June missing, one stuck for 5 months, one
 * with a spike (x4 in August); and nothing on clean generated data. */
static void meter_findings(void **state)
{
    const char *d = *state;
    static const double shape[12] = {1.42, 1.35, 1.12, 0.93, 0.81, 0.76,
                                     0.78, 0.80, 0.86, 0.98, 1.18, 1.37};
    char *ds = tu_path(d, "q"), *out = tu_path(d, "qout");
    char row[200];
    size_t len = 0, cap = 1 << 16;
    char *m = malloc(cap);
    len += (size_t)snprintf(m, cap, "firm_id,meter_id,carrier,period,"
                                    "quantity,unit\n");
    for (int k = 1; k <= 12; k++) {
        double base = 23850.5 * shape[k - 1];
        const char *const ids[] = {"clean", "gap", "stuck", "spike"};
        double v[] = {base, base, k >= 3 && k <= 7 ? 19000 : base,
                      k == 8 ? 4 * base : base};
        for (int j = 0; j < 4; j++) {
            if (j == 1 && k == 6)
                continue;
            snprintf(row, sizeof row, "Q,%s,electricity,2022-%02d,%.1f,kWh\n",
                     ids[j], k, v[j]);
            memcpy(m + len, row, strlen(row) + 1);
            len += strlen(row);
        }
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", ds);
    assert_int_equal(system(cmd), 0);
    tu_write(ds, "firms.csv", "firm_id\nQ\n");
    tu_write(ds, "meters.csv", m);
    free(m);
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", ds, out), 0);
    char *p = tu_path(out, "flags.csv"), *text = tu_read(p);
    static const char *const rows[] = {
        "\nQ,meter_gap,1,0,warning,", "meter \"\"gap\"\" electricity consume",
        "\nQ,meter_stuck_run,5,3,warning,",
        "\nQ,meter_spike,1,7,warning,"};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (!strstr(text, rows[i]))
            fail_msg("flags.csv lacks \"%s\":\n%s", rows[i], text);
    assert_null(strstr(text, "\"\"clean\"\""));
    size_t lines = 0;
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 4);
    free(text);
    free(p);
    /* series.csv: one row per series; completeness 47 / 48 readings */
    p = tu_path(out, "series.csv");
    text = tu_read(p);
    assert_non_null(strstr(text, "\nQ,gap,electricity,consume,,month,1,"
                                 "2022-01,2022-12,11,0,1,12,"));
    free(text);
    free(p);
    p = tu_path(out, "firms.csv");
    text = tu_read(p);
    assert_non_null(strstr(text, ",0.979166666666667,0,4,3,"));
    free(text);
    free(p);
    /* clean generated data, every frequency: no meter finding */
    static const char *const per[] = {"monthly", "daily", "15min"};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(tu_eca(d, "gen '%s' --seed %d --firms 40 --periods "
                                   "%s", ds, 21 + k, per[k]), 0);
        assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", ds, out), 0);
        text = tu_read(p = tu_path(out, "flags.csv"));
        if (strstr(text, ",meter_"))
            fail_msg("clean %s data flagged:\n%s", per[k], text);
        free(text);
        free(p);
    }
    free(ds);
    free(out);
}


/* xorshift64: the same data on every run */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A county with findings of every kind: coke plants of every oven type
 * above and below their limits, with inputs missing, and meter series with
 * gaps, estimated, stuck and zero readings and spikes; firm F00 has 80
 * series with a gap each, more findings than ECA_FLAGS_MAX. */
static void write_county(const char *dir)
{
    static const char *const ovens[] = {"top", "stamp", "heat_recovery",
                                        "semi_coke", ""};
    uint64_t s = 0x853C49E6748FEA9BULL;
    char *p = tu_path(dir, "firms.csv");
    FILE *ff = fopen(p, "wb");
    free(p);
    p = tu_path(dir, "meters.csv");
    FILE *fm = fopen(p, "wb");
    free(p);
    assert_non_null(ff);
    assert_non_null(fm);
    fputs("firm_id,sector,coke_oven,volatile_pct,moisture_pct,quench,"
          "oven_age_years,semi_coke_yield_correction\n", ff);
    fputs("firm_id,meter_id,carrier,flow,process,period,quantity,unit,"
          "estimated\n", fm);
    for (int f = 0; f < 41; f++) {
        int coke = f % 3 != 2;
        const char *oven = coke ? ovens[f % 5] : "";
        fprintf(ff, "F%02d,%s,%s,", f, coke ? "coking" : "chemicals", oven);
        if (f % 4)
            fprintf(ff, "%d", 20 + (int)(next(&s) % 14));
        fprintf(ff, ",%s,%s,%s,%s\n", f % 5 ? "10.5" : "",
                f % 2 ? "dry" : "wet", f % 6 ? "12" : "",
                !strcmp(oven, "semi_coke") ? "7.25" : "");
        int nmeter = f == 0 ? 80 : 1 + (int)(next(&s) % 6);
        for (int m = 0; m < nmeter; m++) {
            int kind = f == 0 ? 0 : (int)(next(&s) % 6);
            double base = 1000 + (double)(next(&s) % 900000) / 7;
            for (int mo = 1; mo <= 12; mo++) {
                double v = base * (1 + 0.013 * (mo % 5));
                if (kind == 0 && mo == 4 + m % 6)
                    continue; /* a gap */
                if (kind == 2 && mo >= 3 && mo <= 8)
                    v = base; /* stuck */
                if (kind == 3 && mo >= 5 && mo <= 9)
                    v = 0; /* zero run */
                if (kind == 4 && mo == 7)
                    v *= 6; /* a spike */
                fprintf(fm, "F%02d,m%d,electricity,consume,,2022-%02d,%.3f,"
                            "kWh,%d\n", f, m, mo, v,
                        kind == 1 && mo % 3 ? 1 : 0);
            }
        }
        if (coke) { /* coke plants, 40 to 340 kgce/t of coke oven gas */
            double gas = 60000 + (double)(next(&s) % 500000);
            fprintf(fm, "F%02d,c,washed_coal,convert_in,coking,2022-03,1500,t,0\n"
                        "F%02d,c,coke,convert_out,coking,2022-03,1000,t,0\n"
                        "F%02d,g,coke_oven_gas,consume,coking,2022-03,%.1f,"
                        "m3,0\n", f, f, f, gas);
            if (f % 7 == 0) /* more carbon out than in */
                fprintf(fm, "F%02d,o,coke,convert_out,coking,2022-04,9000,t,"
                            "0\n", f);
        }
        if (f % 4 == 1) /* a key firm */
            fprintf(fm, "F%02d,n,natural_gas,consume,,2022-06,%d,m3,0\n", f,
                    1100000 + (int)(next(&s) % 200000));
    }
    assert_int_equal(fclose(ff), 0);
    assert_int_equal(fclose(fm), 0);
}

/* Everything a run says about findings, as text: every flag of every firm
 * through the API, the series counts, and the derivation of each firm. */
static char *findings_text(const eca_audit *a, size_t *nflags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    eca_flag fl[ECA_FLAGS_MAX];
    assert_non_null(fp);
    *nflags = 0;
    for (size_t i = 0; i < eca_audit_firm_count(a); i++) {
        const eca_firm_result *r = eca_audit_firm(a, i);
        size_t n = eca_audit_flags(a, i, fl);
        assert_true(n <= ECA_FLAGS_MAX);
        *nflags += n;
        fprintf(fp, "%s %zu %zu %zu %.17g\n", r->firm_id, r->series,
                r->series_flagged, n, r->completeness);
        for (size_t k = 0; k < n; k++)
            fprintf(fp, "  %s|%.17g|%.17g|%s|%s|%s\n", fl[k].rule,
                    fl[k].value, fl[k].threshold, fl[k].severity,
                    fl[k].source, fl[k].detail);
        assert_int_equal(eca_audit_explain(a, r->firm_id, fp), ECA_OK);
    }
    assert_int_equal(fclose(fp), 0);
    return buf;
}

/* The findings, the counts, flags.csv, summary.json and the derivations
 * are the same for 1, 2 and 7 threads. */
static void thread_identity(void **state)
{
    const char *d = *state;
    char *ds = tu_path(d, "county"), *prev = NULL;
    mkdir(ds, 0777);
    write_county(ds);
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(tu_factors_dir(), &err);
    assert_non_null(f);
    static const int threads[] = {1, 2, 7};
    for (int t = 0; t < 3; t++) {
        eca_audit_options o;
        eca_audit_options_init(&o);
        o.threads = threads[t];
        eca_audit *a = eca_audit_run(f, ds, &o, &err);
        if (!a)
            fail_msg("%s", err.msg);
        size_t nflags;
        char *text = findings_text(a, &nflags), *out = tu_path(d, "tout");
        mkdir(out, 0777);
        assert_int_equal(eca_audit_write(a, f, &o, out, &err), ECA_OK);
        char *p1 = tu_path(out, "flags.csv"), *p2 = tu_path(out,
                                                           "summary.json");
        char *csv = tu_read(p1), *sum = tu_read(p2);
        size_t n = strlen(text) + strlen(csv) + strlen(sum) + 1;
        char *all = malloc(n);
        snprintf(all, n, "%s%s%s", text, csv, sum);
        if (prev)
            assert_string_equal(all, prev);
        else {
            /* every kind is there, and F00 is cut at ECA_FLAGS_MAX */
            static const char *const rules[] = {
                "\nF00,meter_gap,", ",meter_estimated_share,",
                ",meter_stuck_run,", ",meter_zero_run,", ",meter_spike,",
                ",county_coke_target,", ",ndrc_baseline,",
                ",gb21342_grade3,", ",gb29995_grade3,",
                ",coke_inputs_missing,", ",coke_intensity_high,",
                ",coke_intensity_low,", ",negative_carbon_balance,",
                ",key_firm,", ",data_incomplete,"};
            for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++)
                if (!strstr(csv, rules[k]))
                    fail_msg("flags.csv lacks %s:\n%s", rules[k], csv);
            eca_flag fl[ECA_FLAGS_MAX];
            assert_int_equal(eca_audit_flags(a, 0, fl), ECA_FLAGS_MAX);
            assert_int_equal(eca_audit_firm(a, 0)->series_flagged, 80);
            size_t lines = 0;
            for (const char *c = csv; *c; c++)
                lines += *c == '\n';
            assert_int_equal(lines, 1 + nflags);
            assert_int_equal(eca_audit_flags(a, eca_audit_firm_count(a), fl),
                             0);
            /* a grade is no verdict exactly where a plausibility rule of
             * the coke intensity fired: some plants, not all */
            size_t yes = 0, no = 0;
            for (size_t i = 0; i < eca_audit_firm_count(a); i++) {
                size_t nf = eca_audit_flags(a, i, fl);
                int want = 0;
                for (size_t k = 0; k < nf; k++)
                    want |= !strcmp(fl[k].rule, "coke_intensity_low") ||
                            !strcmp(fl[k].rule, "coke_intensity_high") ||
                            !strcmp(fl[k].rule, "coke_without_heating");
                assert_int_equal(eca_audit_coke_implausible(a, i), want);
                yes += want;
                no += !want && eca_audit_firm(a, i)->coke_t > 0;
            }
            assert_true(yes >= 2 && no >= 1);
            assert_int_equal(
                eca_audit_coke_implausible(a, eca_audit_firm_count(a)), 0);
        }
        free(prev);
        prev = all;
        free(text);
        free(csv);
        free(sum);
        free(p1);
        free(p2);
        free(out);
        eca_audit_free(a);
    }
    free(prev);
    free(ds);
    eca_factors_free(f);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(results, setup, teardown),
        cmocka_unit_test(percentile_ties),
        cmocka_unit_test_setup_teardown(peer_groups, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(flags_file, setup, teardown),
        cmocka_unit_test_setup_teardown(meter_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(thread_identity, setup, teardown),
    };
    return cmocka_run_group_tests_name("flags", tests, NULL, NULL);
}
