/* test_solar_load.c: the firms' electricity loads of `eca solar`, taken
 * from the audit's one reading of meters.csv (solar_load.c on the audit's
 * tap): an hourly profile worked out by hand, a firm of mixed granularity
 * capped by its yearly total, rows of an earlier year dropped when a
 * later one takes over, bad and duplicate rows rejected once by the
 * audit, the row counts, the error paths, and the loads bit for bit the
 * same for any block size, reading mode and thread count, each hour added
 * up in file order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "solar.h"
#include "testutil.h"

typedef tu_fixture fixture;

/* The rejections as the caller receives them: "line:reason" lines. */
typedef struct {
    char text[4096];
    size_t n;
} rejects;

static void on_reject(const eca_reject *r, void *user)
{
    rejects *rs = user;
    size_t k = strlen(rs->text);
    snprintf(rs->text + k, sizeof rs->text - k, "%s:%ld:%s\n", r->file,
             r->line, r->reason);
    rs->n++;
}

static eca_audit *run(const fixture *x, int year, int threads,
                      ecai_loads *l, rejects *rs)
{
    eca_audit_options o;
    eca_error err;
    eca_audit_options_init(&o);
    eca_error_clear(&err);
    o.year = year;
    o.threads = threads;
    o.on_reject = on_reject;
    o.reject_user = rs;
    memset(rs, 0, sizeof *rs);
    eca_audit *a = ecai_loads_audit(l, x->f, x->dir, &o, &err);
    if (!a)
        fail_msg("audit: %s", err.msg);
    return a;
}

/* Firms in byte order: D 0, H 1, M 2, N 3. Line by line (header = 1):
 *  2 H 2023-06-01T10:00 9.75 kWh     2023: taken, then dropped at line 4
 *  3 D 2023-05 100 kWh               2023
 *  4 H 2024-01-01T00:00 2.385 kWh    2024 takes over: hour 0
 *  5 H 2024-01-01T00:30 1.25 MWh     hour 0 (+ 1 250 kWh)
 *  6 H 2024-03-01T13:15 0.7 万千瓦时  no flow (consume): 7 000 kWh in hour
 *                                    59 x 24 + 13 = 1 429 (1 March is day
 *                                    59 of a typical year)
 *  7 H 2024-02-29T10:00 3.5 kWh      in the year, in no hour
 *  8 H 2024-12-31T23:45 4.125 kWh    hour 364 x 24 + 23 = 8 759
 *  9 H 2024-01-01T00:30 7 kWh        duplicate of line 5: rejected
 * 10 D 2024-01 1234.5 kWh            monthly
 * 11 D 2024-02 0.25 MWh              250 kWh
 * 12 M 2024-04-02T08:00 11.5 kWh     hourly ...
 * 13 M 2024-04-02 20.25 kWh          ... and daily: M is yearly
 * 14 M 2024-04-02T09:00 0.125 kWh    still yearly
 * 15 N coke convert_out 2.5 t        other carrier
 * 16 H electricity convert_out 1 kWh other flow
 * 17 D 2023-12 50 kWh                2023 after 2024: outside the year
 * 18 X: unknown_firm; 19 unit t: unit_mismatch; 20 -1: negative_quantity
 * 21 H meter "h,3" (quoted: libcsv) 2024-07-15T12:00 6.5 kWh: hour
 *    (181 + 14) x 24 + 12 = 4 692 (181 days before July)
 * 2024: used 4-8, 10-14, 21 = 11; other 15, 16 = 2; outside 2, 3, 17 = 3;
 * rejected 9, 18, 19, 20 = 4; read 20 = 11 + 2 + 3 + 4.
 * H: year 2.385 + 1 250 + 7 000 + 3.5 + 4.125 + 6.5 = 8 266.51 kWh, of
 * which 8 263.01 in hours (29 February aside). D: 1 234.5 + 250 = 1 484.5.
 * M: 11.5 + 20.25 + 0.125 = 31.875. N: 0.
 * 2023 (--year): used 2, 3, 17 = 3; outside the 13 accepted rows of 2024;
 * H 9.75 in hour 151 x 24 + 10 = 3 634; D 100 + 50 = 150, yearly. */
static void write_small(const char *dir)
{
    tu_write(dir, "firms.csv", "firm_id,name\nH,Hotel\nD,Dairy\nM,Mill\n"
                               "N,Nitrogen\n");
    tu_write(dir, "meters.csv",
             "firm_id,meter_id,carrier,flow,process,period,quantity,unit,"
             "estimated\n"
             "H,h1,electricity,consume,,2023-06-01T10:00,9.75,kWh,0\n"
             "D,d1,electricity,consume,,2023-05,100,kWh,0\n"
             "H,h1,electricity,consume,,2024-01-01T00:00,2.385,kWh,0\n"
             "H,h1,electricity,consume,,2024-01-01T00:30,1.25,MWh,0\n"
             "H,h2,electricity,,,2024-03-01T13:15,0.7,万千瓦时,\n"
             "H,h1,electricity,consume,,2024-02-29T10:00,3.5,kWh,1\n"
             "H,h1,electricity,consume,,2024-12-31T23:45,4.125,kWh,0\n"
             "H,h1,electricity,consume,,2024-01-01T00:30,7,kWh,0\n"
             "D,d1,electricity,consume,,2024-01,1234.5,kWh,0\n"
             "D,d1,electricity,consume,,2024-02,0.25,MWh,0\n"
             "M,m1,electricity,consume,,2024-04-02T08:00,11.5,kWh,0\n"
             "M,m2,electricity,consume,,2024-04-02,20.25,kWh,0\n"
             "M,m1,electricity,consume,,2024-04-02T09:00,0.125,kWh,0\n"
             "N,n1,coke,convert_out,,2024-01,2.5,t,0\n"
             "H,h1,electricity,convert_out,,2024-01-01T05:00,1,kWh,0\n"
             "D,d1,electricity,consume,,2023-12,50,kWh,0\n"
             "X,x1,electricity,consume,,2024-01,1,kWh,0\n"
             "H,h1,electricity,consume,,2024-01-01T01:00,1,t,0\n"
             "H,h1,electricity,consume,,2024-01-01T02:00,-1,kWh,0\n"
             "H,\"h,3\",electricity,consume,,2024-07-15T12:00,6.5,kWh,0\n");
}

static double hours_sum(const ecai_firm_load *fl)
{
    double s = 0;
    for (size_t h = 0; h < ECAI_HOURS_YEAR; h++)
        s += fl->hour_kwh[h];
    return s;
}

static void hourly_profile(void **state)
{
    fixture *x = *state;
    ecai_loads l;
    rejects rs;
    write_small(x->dir);
    eca_audit *a = run(x, 0, 2, &l, &rs);
    assert_int_equal(eca_audit_year(a), 2024);
    assert_int_equal(l.n, 4);
    const ecai_firm_load *h = &l.f[1];
    assert_true(h->hourly);
    assert_non_null(h->hour_kwh);
    assert_rel(h->year_kwh, 8266.51, 1e-15);
    assert_rel(h->hour_kwh[0], 1252.385, 1e-15);
    assert_rel(h->hour_kwh[1429], 7000, 0);
    assert_rel(h->hour_kwh[4692], 6.5, 0);
    assert_rel(h->hour_kwh[8759], 4.125, 0);
    assert_rel(h->hour_kwh[3634], 0, 0); /* 2023's row is gone */
    assert_rel(hours_sum(h), 8263.01, 1e-15);
    /* the yearly total is the audit's exact sum */
    double q;
    long e = eca_factors_carrier_find(x->f, "electricity");
    assert_int_equal(eca_audit_firm_carrier(a, 1, (size_t)e,
                                            ECA_FLOW_CONSUME, &q, NULL),
                     ECA_OK);
    assert_rel(h->year_kwh, q, 0);
    /* N: no electricity */
    assert_false(l.f[3].hourly);
    assert_null(l.f[3].hour_kwh);
    assert_rel(l.f[3].year_kwh, 0, 0);
    eca_audit_free(a);
    ecai_loads_free(&l);
    ecai_loads_free(&l); /* emptied: a second free is harmless */
    ecai_loads_free(NULL);
}

static void mixed_granularity(void **state)
{
    fixture *x = *state;
    ecai_loads l;
    rejects rs;
    write_small(x->dir);
    eca_audit *a = run(x, 0, 1, &l, &rs);
    /* D: monthly rows only; M: hourly and daily rows: both yearly */
    assert_false(l.f[0].hourly);
    assert_null(l.f[0].hour_kwh);
    assert_rel(l.f[0].year_kwh, 1484.5, 1e-15);
    assert_false(l.f[2].hourly);
    assert_null(l.f[2].hour_kwh);
    assert_rel(l.f[2].year_kwh, 31.875, 0);
    eca_audit_free(a);
    ecai_loads_free(&l);
}

static void rejected_once_and_counted(void **state)
{
    fixture *x = *state;
    ecai_loads l;
    rejects rs;
    write_small(x->dir);
    eca_audit *a = run(x, 0, 2, &l, &rs);
    assert_string_equal(rs.text, "meters.csv:9:duplicate_row\n"
                                 "meters.csv:18:unknown_firm\n"
                                 "meters.csv:19:unit_mismatch\n"
                                 "meters.csv:20:negative_quantity\n");
    assert_int_equal(rs.n, 4);
    assert_int_equal(l.rows.read, 20);
    assert_int_equal(l.rows.used, 11);
    assert_int_equal(l.other, 2);
    assert_int_equal(l.rows.outside_year, 3);
    assert_int_equal(l.rows.rejected, 4);
    assert_int_equal(l.rows.read, l.rows.used + l.other +
                                      l.rows.outside_year + l.rows.rejected);
    eca_audit_free(a);
    ecai_loads_free(&l);

    /* the reporting year given: 2023 */
    a = run(x, 2023, 2, &l, &rs);
    assert_int_equal(rs.n, 4);
    assert_int_equal(l.rows.used, 3);
    assert_int_equal(l.other, 0);
    assert_int_equal(l.rows.outside_year, 13);
    assert_int_equal(l.rows.rejected, 4);
    assert_true(l.f[1].hourly);
    assert_rel(l.f[1].hour_kwh[3634], 9.75, 0);
    assert_rel(l.f[1].year_kwh, 9.75, 0);
    assert_rel(hours_sum(&l.f[1]), 9.75, 0);
    assert_false(l.f[0].hourly);
    assert_rel(l.f[0].year_kwh, 150, 0);
    assert_rel(l.f[2].year_kwh, 0, 0);
    eca_audit_free(a);
    ecai_loads_free(&l);

    /* a year without rows is an input error: no loads */
    eca_audit_options o;
    eca_error err;
    eca_audit_options_init(&o);
    eca_error_clear(&err);
    o.year = 2030;
    assert_null(ecai_loads_audit(&l, x->f, x->dir, &o, &err));
    assert_int_equal(err.status, ECA_EINPUT);
    assert_string_equal(err.msg, "meters.csv: no usable row in 2030 (rows "
                                 "are from 2023 to 2024)");
    assert_null(l.f);
}

/* ---- error paths ---- */

static void errors(void **state)
{
    fixture *x = *state;
    eca_error err;
    write_small(x->dir);
    /* no meters.csv: NULL, the loads left empty */
    ecai_loads l;
    char *p = tu_path(x->dir, "meters.csv");
    assert_int_equal(unlink(p), 0);
    free(p);
    eca_error_clear(&err);
    assert_null(ecai_loads_audit(&l, x->f, x->dir, NULL, &err));
    assert_int_equal(err.status, ECA_EIO);
    assert_non_null(strstr(err.msg, "meters.csv"));
    assert_null(l.f);
    assert_int_equal(l.n, 0);
    assert_int_equal(l.cap, 0);
    /* strict: the first bad row is the error, reported once */
    write_small(x->dir);
    eca_audit_options o;
    rejects rs;
    memset(&rs, 0, sizeof rs);
    eca_audit_options_init(&o);
    o.strict = 1;
    o.on_reject = on_reject;
    o.reject_user = &rs;
    eca_error_clear(&err);
    assert_null(ecai_loads_audit(&l, x->f, x->dir, &o, &err));
    assert_string_equal(rs.text, "meters.csv:9:duplicate_row\n");
    assert_non_null(strstr(err.msg, "meters.csv:9:"));
    assert_null(l.f);
}

/* ---- the same loads for any block size, reading mode and threads ---- */

/* Two firms, two meters each, a reading every 5 minutes for 12 days of
 * 2024 (meters interleaved, so each hour's sum mixes them), quantities in
 * 10^-4 kWh or MWh from a fixed sequence, and a coke row now and then:
 * 2 x 12 x 288 x 2 = 13 824 electricity rows. want[] gets each hour's sum
 * added in file order, each row's value as the audit makes it: the exact
 * fixed-point quantity (10^-9 kWh) divided by 10^9. */
static void write_big(const char *dir, double want[2][ECAI_HOURS_YEAR])
{
    tu_write(dir, "firms.csv", "firm_id\nF1\nF2\n");
    char *p = tu_path(dir, "meters.csv");
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs("firm_id,meter_id,carrier,flow,process,period,quantity,unit,"
          "estimated\n", fp);
    memset(want, 0, 2 * ECAI_HOURS_YEAR * sizeof want[0][0]);
    uint64_t k = 12345;
    for (int day = 1; day <= 12; day++)
        for (int m = 0; m < 24 * 60; m += 5)
            for (int firm = 0; firm < 2; firm++)
                for (int meter = 0; meter < 2; meter++) {
                    k = (k * 6364136223846793005ULL + 1442695040888963407ULL);
                    long v = (long)(k >> 44) % 99991 + 1; /* 10^-4 units */
                    int mwh = meter == 1 && firm == 1;
                    fprintf(fp, "F%d,m%d,electricity,consume,,2024-01-%02dT"
                                "%02d:%02d,%ld.%04ld,%s,0\n", firm + 1,
                            meter, day, m / 60, m % 60, v / 10000, v % 10000,
                            mwh ? "MWh" : "kWh");
                    ecai_fixed q = (ecai_fixed)v * (mwh ? 100000000 : 100000);
                    want[firm][(day - 1) * 24 + m / 60] += (double)q / 1e9;
                    if (m % 60 == 0 && meter == 0)
                        fprintf(fp, "F%d,c,coke,convert_out,,2024-01-%02d"
                                    "T%02d:00,1.5,t,0\n", firm + 1, day,
                                m / 60);
                }
    assert_int_equal(fclose(fp), 0);
    free(p);
}

static void threads_identical(void **state)
{
    fixture *x = *state;
    static double want[2][ECAI_HOURS_YEAR];
    write_big(x->dir, want);
    static const struct {
        uint64_t block;
        int mode, threads;
    } runs[] = {{0, 0, 1}, {0, 0, 2}, {4096, 0, 1}, {4096, 0, 2},
                {4096, 1, 2}, {65536, 0, 2}};
    ecai_loads first;
    memset(&first, 0, sizeof first);
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        ecai_loads l;
        rejects rs;
        ecai_ingest_tune(runs[i].block, runs[i].mode);
        eca_audit *a = run(x, 0, runs[i].threads, &l, &rs);
        ecai_ingest_tune(0, 0);
        assert_int_equal(rs.n, 0);
        assert_int_equal(l.rows.used, 13824);
        assert_int_equal(l.other, 2 * 12 * 24);
        for (int f = 0; f < 2; f++) {
            assert_true(l.f[f].hourly);
            /* each hour added up in file order, to the bit */
            assert_memory_equal(l.f[f].hour_kwh, want[f],
                                sizeof want[f]);
        }
        if (i == 0) {
            first = l;
            l.f = NULL;
            l.cap = 0;
        } else
            for (int f = 0; f < 2; f++) {
                assert_memory_equal(&l.f[f].year_kwh, &first.f[f].year_kwh,
                                    sizeof l.f[f].year_kwh);
                assert_memory_equal(l.f[f].hour_kwh, first.f[f].hour_kwh,
                                    ECAI_HOURS_YEAR *
                                        sizeof l.f[f].hour_kwh[0]);
            }
        ecai_loads_free(&l);
        eca_audit_free(a);
    }
    ecai_loads_free(&first);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)
    const struct CMUnitTest tests[] = {
        T(hourly_profile),
        T(mixed_granularity),
        T(rejected_once_and_counted),
        T(errors),
        T(threads_identical),
    };
#undef T
    return cmocka_run_group_tests_name("solar_load", tests, NULL, NULL);
}
