/* test_breakdown.c: breakdown.csv adds up to firms.csv, firm by firm, as
 * the README says: energy_tce is the sum of tce_signed; C, I, O, R and F
 * the sums of tce by flow, renewable_tce that of the renewable carriers'
 * consume rows; coke intensity from the coking quantities; the CO2 of
 * each kind the sum of co2_t over its rows, the process balance clamped
 * at 0 in co2_process_t and co2_t. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eca.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

#define MAXF 64

/* Splits the CSV record at *p (RFC 4180: quoted fields may hold commas,
 * quotes and line breaks) into at most MAXF fields, unquoted in place;
 * returns how many, 0 at the end of the text. */
static size_t record(char **p, char **field)
{
    char *s = *p;
    size_t n = 0;
    if (!*s)
        return 0;
    for (;;) {
        char *w = s;
        assert_true(n < MAXF);
        field[n++] = w;
        if (*s == '"') {
            for (s++; *s && !(*s == '"' && s[1] != '"'); s++, w++) {
                s += *s == '"'; /* a doubled quote */
                *w = *s;
            }
            s += *s == '"';
        } else {
            while (*s && *s != ',' && *s != '\n')
                *w++ = *s++;
        }
        char end = *s;
        *w = '\0';
        s += end != '\0';
        if (end != ',') {
            *p = s;
            return n;
        }
    }
}

static size_t column(char **head, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(head[i], name))
            return i;
    fail_msg("no column %s", name);
    return 0;
}

/* One firm's sums over its rows of breakdown.csv, and the sum of the
 * absolute values of the terms, the scale of their rounding. */
typedef struct {
    char id[64];
    double energy, flow[5], renewable, co2[4], all_co2; /* co2: none,
                                         combustion, process, indirect */
    double coke_t, boundary_kgce; /* consume less recovered, coking part */
    double scale_tce, scale_co2;
} sums;

static const char *const flows[5] = {"consume", "convert_in", "convert_out",
                                     "recovered", "feedstock"};
static const char *const kinds[4] = {"", "combustion", "process",
                                     "indirect"};

static int index_of(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], s))
            return i;
    fail_msg("unexpected \"%s\"", s);
    return 0;
}

static size_t read_breakdown(const char *out, sums *s, size_t max)
{
    char *p = tu_path(out, "breakdown.csv"), *text = tu_read(p), *c = text;
    char *h[MAXF], *f[MAXF];
    size_t nh = record(&c, h), n = 0, nf;
    size_t id = column(h, nh, "firm_id"), fl = column(h, nh, "flow"),
           tce = column(h, nh, "tce"), sig = column(h, nh, "tce_signed"),
           kind = column(h, nh, "co2_kind"), co2 = column(h, nh, "co2_t"),
           car = column(h, nh, "carrier"), qty = column(h, nh, "quantity"),
           cq = column(h, nh, "coking_quantity"),
           kg = column(h, nh, "kgce_per_unit");
    while ((nf = record(&c, f)) > 0) {
        assert_int_equal(nf, nh);
        if (!n || strcmp(s[n - 1].id, f[id])) {
            assert_true(n < max);
            memset(&s[n], 0, sizeof s[n]);
            snprintf(s[n++].id, sizeof s[0].id, "%s", f[id]);
        }
        sums *x = &s[n - 1];
        int k = index_of(flows, 5, f[fl]);
        double t = strtod(f[tce], NULL), ts = strtod(f[sig], NULL);
        double q = strtod(f[co2], NULL);
        assert_true(t >= 0);
        /* tce_signed: + for consume, convert_in, feedstock; - for
         * convert_out and recovered */
        assert_rel(ts, k == 2 || k == 3 ? -t : t, 0);
        x->flow[k] += t;
        x->energy += ts;
        /* the renewable carriers of the shipped carriers.csv */
        if (k == 0 && (!strcmp(f[car], "pv_electricity") ||
                       !strcmp(f[car], "green_power")))
            x->renewable += t;
        if (k == 2 && !strcmp(f[car], "coke"))
            x->coke_t = strtod(f[qty], NULL);
        if (k == 0 || k == 3)
            x->boundary_kgce += (k == 0 ? 1 : -1) * strtod(f[cq], NULL) *
                                strtod(f[kg], NULL);
        x->scale_tce += t;
        x->co2[index_of(kinds, 4, f[kind])] += q;
        x->all_co2 += q;
        x->scale_co2 += fabs(q);
    }
    free(text);
    free(p);
    return n;
}

static void near(double got, double want, double scale, const char *firm,
                 const char *what)
{
    if (!(fabs(got - want) <= 1e-12 * scale + 1e-300))
        fail_msg("%s %s: breakdown.csv gives %.17g, firms.csv %.17g", firm,
                 what, got, want);
}

/* Audits dir into out with the extra options and checks every firm of
 * firms.csv against its rows of breakdown.csv; returns the firm's
 * sum of co2_t over all its rows less its co2_t in firms.csv for the
 * firm `probe` (0 unless its process balance was clamped). */
static double check(const char *tmp, const char *dir, const char *opts,
                    const char *probe)
{
    char *out = tu_path(tmp, "out");
    tu_rmtree(out);
    assert_int_equal(tu_eca(tmp, "audit '%s' --out '%s' %s", dir, out, opts),
                     0);
    sums s[64];
    size_t ns = read_breakdown(out, s, 64), used = 0;
    char *p = tu_path(out, "firms.csv"), *text = tu_read(p), *c = text;
    char *h[MAXF], *f[MAXF];
    size_t nh = record(&c, h), nf;
    static const char *const cols[] = {
        "energy_tce",      "consume_tce",      "convert_in_tce",
        "convert_out_tce", "recovered_tce",    "feedstock_tce",
        "renewable_tce",   "co2_combustion_t", "co2_process_balance_t",
        "co2_process_t",   "co2_indirect_t",   "co2_t"};
    enum { NC = sizeof cols / sizeof cols[0] };
    size_t col[NC], id = column(h, nh, "firm_id"),
           coke = column(h, nh, "coke_kgce_per_t"), ncoke = 0;
    double diff = 0;
    for (int k = 0; k < NC; k++)
        col[k] = column(h, nh, cols[k]);
    while ((nf = record(&c, f)) > 0) {
        sums zero = {0}, *x = &zero;
        assert_int_equal(nf, nh);
        for (size_t i = 0; i < ns; i++)
            if (!strcmp(s[i].id, f[id])) {
                x = &s[i];
                used++;
            }
        double proc = x->co2[2] > 0 ? x->co2[2] : 0;
        const double got[NC] = {
            x->energy,    x->flow[0], x->flow[1], x->flow[2],
            x->flow[3],   x->flow[4], x->renewable, x->co2[1],
            x->co2[2],    proc,       x->co2[3],
            x->co2[1] + proc + x->co2[3]};
        for (int k = 0; k < NC; k++)
            near(got[k], strtod(f[col[k]], NULL),
                 k < 7 ? x->scale_tce : x->scale_co2, f[id], cols[k]);
        if (x->coke_t > 0) {
            near(x->boundary_kgce / x->coke_t, strtod(f[coke], NULL),
                 1000 * x->scale_tce / x->coke_t, f[id], "coke_kgce_per_t");
            ncoke++;
        }
        near(x->co2[0], 0, 1, f[id], "co2_t of rows without a kind");
        if (!strcmp(f[id], probe))
            diff = x->all_co2 - strtod(f[col[NC - 1]], NULL);
    }
    assert_int_equal(used, ns); /* every firm of breakdown.csv was met */
    assert_true(ncoke > 0);
    free(text);
    free(p);
    tu_rmtree(out);
    free(out);
    return diff;
}

/* The golden dataset. C1 (top, coking): energy_tce = 11 250 (washed coal
 * in) + 1 015.16373325 (gas burned) + 44.87024924 (power) - 9 167.5875
 * (coke out) - 2 405.7853 (gas out) - 606.83125 (steam recovered) =
 * 129.82993249 tce; its coke intensity, from the coking quantities,
 * (1 712 345 m3 x 0.59285 + 352 750 kWh x 0.1229 - 4 718.75 t x 128.6)
 * kgce / 9 437.5 t = 47.860711 kgce/t; its process rows add up to 30 668.8066666667 -
 * 29 039.3495104167 - 3 124.41300306667 = -1 494.955847 tCO2 (coal mine
 * methane, tar and benzene aside), clamped at 0 in co2_process_t and
 * co2_t: the sum of C1's co2_t over all its rows is 1 494.955847 t below
 * its co2_t. At the equal value of electricity the power rows change,
 * and the sums still hold. */
static void golden(void **state)
{
    tu_fixture *x = *state;
    char *src = tu_src("tests/data/golden");
    assert_rel(check(x->dir, src, "", "C1"), -1494.955847, 1e-9);
    assert_rel(check(x->dir, src, "--electricity equal", "C1"),
               -1494.955847, 1e-9);
    free(src);
}

/* The bundled county (its own factors for some firms included). QX031
 * (coke oven gas to LNG and hydrogen): process rows 336 345.215610 (gas
 * in) - 349 951.459944 (LNG out) = -13 606.244334 tCO2, clamped at 0:
 * summing co2_t over its rows gives 13 606.24 t less than its co2_t. */
static void bundled(void **state)
{
    tu_fixture *x = *state;
    char *src = tu_src("datasets/qingxu-2022");
    assert_rel(check(x->dir, src, "", "QX031"), -13606.244334, 1e-9);
    assert_rel(check(x->dir, src, "--electricity equal --grid shanxi",
                     "QX031"),
               -13606.244334, 1e-9);
    free(src);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(golden, tu_setup, tu_teardown),
        cmocka_unit_test_setup_teardown(bundled, tu_setup, tu_teardown),
    };
    return cmocka_run_group_tests_name("breakdown", tests, NULL, NULL);
}
