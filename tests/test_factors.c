/* test_factors.c: the shipped factor tables against SPEC section 4, units
 * and their Chinese spellings, equal-value electricity and thresholds, the
 * override semantics (kept cells, unit conversion, new carriers, later
 * files win, sources) and every error message of overrides and of broken
 * shipped tables. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "testutil.h"

typedef tu_fixture fixture;

static eca_carrier_info info(const eca_factors *f, const char *code)
{
    eca_carrier_info ci;
    long i = eca_factors_carrier_find(f, code);
    if (i < 0)
        fail_msg("carrier %s is not in the table", code);
    assert_int_equal(eca_factors_carrier(f, (size_t)i, &ci), ECA_OK);
    assert_string_equal(ci.carrier, code);
    return ci;
}

/* fmt with every "%s" replaced by arg (messages are compared, not
 * formatted: a format from a table is not a literal). */
static void subst(char *out, size_t n, const char *fmt, const char *arg)
{
    size_t k = 0, an = strlen(arg);
    for (const char *q = fmt; *q && k + 1 < n; q++) {
        if (q[0] == '%' && q[1] == 's') {
            for (size_t i = 0; i < an && k + 1 < n; i++)
                out[k++] = arg[i];
            q++;
        } else {
            out[k++] = *q;
        }
    }
    out[k] = '\0';
}

/* Writes an override file dir/name and applies it; returns its path. */
static char *override_ok(fixture *x, const char *name, const char *text)
{
    eca_error err;
    char *p = tu_path(x->dir, name);
    tu_write(x->dir, name, text);
    eca_error_clear(&err);
    if (eca_factors_override(x->f, p, &err) != ECA_OK)
        fail_msg("override failed: %s", err.msg);
    assert_int_equal(err.status, ECA_OK);
    return p;
}

/* Applies an override that must fail with `st` and the message `fmt`, in
 * which %s stands for the file's path. The table's file list is
 * unchanged. */
static void override_fails_at(fixture *x, const char *text, eca_status st,
                              const char *fmt, const char *file, int line)
{
    eca_error err;
    size_t nfiles, after;
    char want[1024];
    char *p = tu_path(x->dir, "bad.csv");
    tu_write(x->dir, "bad.csv", text);
    ecai_factors_files(x->f, &nfiles);
    eca_error_clear(&err);
    eca_status got = eca_factors_override(x->f, p, &err);
    subst(want, sizeof want, fmt, p);
    if (got != st || err.status != st || strcmp(err.msg, want) != 0) {
        print_error("override of:\n%s\nreturned %d \"%s\"\nexpected %d "
                    "\"%s\"\n",
                    text, got, err.msg, st, want);
        _fail(file, line);
    }
    ecai_factors_files(x->f, &after);
    assert_int_equal(after, nfiles);
    free(p);
}
#define override_fails(x, text, st, fmt) \
    override_fails_at((x), (text), (st), (fmt), __FILE__, __LINE__)

/* ---- the shipped tables ---- */

static void shipped_carriers_present(void **state)
{
    fixture *x = *state;
    /* SPEC section 4, in its order */
    static const char *const codes[] = {
        "raw_coal", "washed_coal", "coke", "coke_oven_gas",
        "blast_furnace_gas", "natural_gas", "lng", "lpg", "crude_oil",
        "fuel_oil", "gasoline", "kerosene", "diesel", "coal_tar",
        "crude_benzene", "methanol", "hydrogen", "heat", "steam",
        "electricity", "pv_electricity", "green_power", "new_water",
        "compressed_air", "oxygen", "nitrogen", "coal_mine_methane"};
    size_t n = eca_factors_carrier_count(x->f);
    assert_true(n >= sizeof codes / sizeof codes[0]);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        eca_carrier_info ci = info(x->f, codes[i]);
        if (!ci.source || !ci.source[0])
            fail_msg("carrier %s has no source", codes[i]);
        assert_true(ci.unit && ci.unit[0]);
        assert_true(ci.kgce_per_unit > 0);
        assert_true(ci.kgce_low <= ci.kgce_per_unit);
        assert_true(ci.kgce_high >= ci.kgce_per_unit);
    }
    /* table order: index i holds the carrier found at i */
    for (size_t i = 0; i < n; i++) {
        eca_carrier_info ci;
        assert_int_equal(eca_factors_carrier(x->f, i, &ci), ECA_OK);
        assert_int_equal(eca_factors_carrier_find(x->f, ci.carrier), (long)i);
    }
    eca_carrier_info ci;
    assert_int_equal(eca_factors_carrier(x->f, n, &ci), ECA_EARG);
    assert_int_equal(eca_factors_carrier_find(x->f, "unobtainium"), -1);
    assert_int_equal(eca_factors_carrier_find(x->f, "Coke"), -1);
    assert_int_equal(eca_factors_carrier_find(x->f, ""), -1);
    /* the table's files: the shipped folder alone */
    size_t nf;
    const char *const *files = ecai_factors_files(x->f, &nf);
    assert_int_equal(nf, 1);
    assert_string_equal(files[0], tu_factors_dir());
}

/* Coefficients of SPEC section 4 (GB/T 2589-2020 Annexes A and B), per
 * the shipped unit; where the standard gives a range, the midpoint is
 * shipped: coke oven gas (0.5714 + 0.6143) / 2 = 0.59285, natural gas
 * (1.2143 + 1.3300) / 2 = 1.27215, coal mine methane (0.5000 + 0.5714) / 2
 * = 0.5357. */
static void shipped_spec_values(void **state)
{
    fixture *x = *state;
    static const struct {
        const char *code, *unit;
        eca_dimension dim;
        double kgce, low, high;
        int renewable;
    } t[] = {
        {"raw_coal", "kg", ECA_DIM_MASS, 0.7143, 0.7143, 0.7143, 0},
        {"washed_coal", "kg", ECA_DIM_MASS, 0.9000, 0.9000, 0.9000, 0},
        {"coke", "kg", ECA_DIM_MASS, 0.9714, 0.9714, 0.9714, 0},
        {"coke_oven_gas", "m3", ECA_DIM_VOLUME, 0.59285, 0.5714, 0.6143, 0},
        {"blast_furnace_gas", "m3", ECA_DIM_VOLUME, 0.1286, 0.1286, 0.1286,
         0},
        {"natural_gas", "m3", ECA_DIM_VOLUME, 1.27215, 1.2143, 1.3300, 0},
        {"lng", "kg", ECA_DIM_MASS, 1.7572, 1.7572, 1.7572, 0},
        {"lpg", "kg", ECA_DIM_MASS, 1.7143, 1.7143, 1.7143, 0},
        {"crude_oil", "kg", ECA_DIM_MASS, 1.4286, 1.4286, 1.4286, 0},
        {"fuel_oil", "kg", ECA_DIM_MASS, 1.4286, 1.4286, 1.4286, 0},
        {"gasoline", "kg", ECA_DIM_MASS, 1.4714, 1.4714, 1.4714, 0},
        {"kerosene", "kg", ECA_DIM_MASS, 1.4714, 1.4714, 1.4714, 0},
        {"diesel", "kg", ECA_DIM_MASS, 1.4571, 1.4571, 1.4571, 0},
        {"coal_tar", "kg", ECA_DIM_MASS, 1.1429, 1.1429, 1.1429, 0},
        {"crude_benzene", "kg", ECA_DIM_MASS, 1.4286, 1.4286, 1.4286, 0},
        {"hydrogen", "m3", ECA_DIM_VOLUME, 0.3684, 0.3684, 0.3684, 0},
        {"heat", "MJ", ECA_DIM_HEAT, 0.03412, 0.03412, 0.03412, 0},
        {"steam", "kg", ECA_DIM_MASS, 0.1286, 0.1286, 0.1286, 0},
        {"electricity", "kWh", ECA_DIM_ELECTRICITY, 0.1229, 0.1229, 0.1229,
         0},
        {"pv_electricity", "kWh", ECA_DIM_ELECTRICITY, 0.1229, 0.1229,
         0.1229, 1},
        {"green_power", "kWh", ECA_DIM_ELECTRICITY, 0.1229, 0.1229, 0.1229,
         1},
        {"new_water", "t", ECA_DIM_MASS, 0.0857, 0.0857, 0.0857, 0},
        {"compressed_air", "m3", ECA_DIM_VOLUME, 0.0400, 0.0400, 0.0400, 0},
        {"oxygen", "m3", ECA_DIM_VOLUME, 0.4000, 0.4000, 0.4000, 0},
        {"nitrogen", "m3", ECA_DIM_VOLUME, 0.4000, 0.4000, 0.4000, 0},
        {"coal_mine_methane", "m3", ECA_DIM_VOLUME, 0.5357, 0.5000, 0.5714,
         0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        eca_carrier_info ci = info(x->f, t[i].code);
        assert_string_equal(ci.unit, t[i].unit);
        assert_int_equal(ci.dimension, t[i].dim);
        assert_rel(ci.kgce_per_unit, t[i].kgce, 1e-12);
        assert_rel(ci.kgce_low, t[i].low, 1e-12);
        assert_rel(ci.kgce_high, t[i].high, 1e-12);
        if (ci.renewable != t[i].renewable)
            fail_msg("%s: renewable %d", t[i].code, ci.renewable);
    }
    assert_rel((0.5714 + 0.6143) / 2, 0.59285, 1e-12);
    assert_rel((1.2143 + 1.3300) / 2, 1.27215, 1e-12);
    /* the emission defaults of SPEC section 4, per the shipped unit:
     * NCV per t / 1000 per kg, per 10^4 m3 / 10^4 per m3 */
    static const struct {
        const char *code;
        double ncv, carbon, ox;
    } e[] = {
        {"washed_coal", 26.344 / 1000, 25.40, 0.90},
        {"coke", 28.447 / 1000, 29.50, 0.93},
        {"coal_tar", 33.453 / 1000, 22.00, 0.98},
        {"crude_benzene", 41.816 / 1000, 22.70, 0.98},
        {"coke_oven_gas", 173.54 / 10000, 12.10, 0.99},
        {"natural_gas", 389.31 / 10000, 15.30, 0.99},
        {"diesel", 42.652 / 1000, 20.20, 0.98},
        {"gasoline", 43.070 / 1000, 18.90, 0.98},
    };
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++) {
        eca_carrier_info ci = info(x->f, e[i].code);
        assert_rel(ci.ncv_gj_per_unit, e[i].ncv, 1e-12);
        assert_rel(ci.carbon_tc_per_tj, e[i].carbon, 1e-12);
        assert_rel(ci.oxidation, e[i].ox, 1e-12);
    }
    /* no NCV given: 0 */
    assert_true(info(x->f, "electricity").ncv_gj_per_unit == 0);
}

static void units(void **state)
{
    fixture *x = *state;
    static const struct {
        const char *unit;
        eca_dimension dim;
        double to_base;
    } u[] = {
        {"t", ECA_DIM_MASS, 1},           {"吨", ECA_DIM_MASS, 1},
        {"kg", ECA_DIM_MASS, 0.001},      {"千克", ECA_DIM_MASS, 0.001},
        {"kt", ECA_DIM_MASS, 1000},       {"10^4t", ECA_DIM_MASS, 10000},
        {"万吨", ECA_DIM_MASS, 10000},     {"m3", ECA_DIM_VOLUME, 1},
        {"Nm3", ECA_DIM_VOLUME, 1},       {"10^4m3", ECA_DIM_VOLUME, 10000},
        {"万立方米", ECA_DIM_VOLUME, 10000},
        {"亿立方米", ECA_DIM_VOLUME, 1e8},
        {"kWh", ECA_DIM_ELECTRICITY, 1},  {"度", ECA_DIM_ELECTRICITY, 1},
        {"MWh", ECA_DIM_ELECTRICITY, 1000},
        {"10^4kWh", ECA_DIM_ELECTRICITY, 10000},
        {"万千瓦时", ECA_DIM_ELECTRICITY, 10000},
        {"GJ", ECA_DIM_HEAT, 1},          {"MJ", ECA_DIM_HEAT, 0.001},
        {"TJ", ECA_DIM_HEAT, 1000},
    };
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
        double base = -1;
        eca_dimension dim = ECA_DIM_COUNT;
        if (eca_factors_unit_to_base(x->f, u[i].unit, 2.385, &base, &dim) !=
            ECA_OK)
            fail_msg("unit %s is not in the table", u[i].unit);
        assert_int_equal(dim, u[i].dim);
        assert_rel(base, 2.385 * u[i].to_base, 1e-15);
    }
    /* 1.25 万吨 = 12 500 t; 405.8 万立方米 = 4 058 000 m3;
     * 234.5678 万千瓦时 = 2 345 678 kWh */
    double b;
    assert_int_equal(eca_factors_unit_to_base(x->f, "万吨", 1.25, &b, NULL),
                     ECA_OK);
    assert_rel(b, 12500, 1e-15);
    assert_int_equal(
        eca_factors_unit_to_base(x->f, "万立方米", 405.8, &b, NULL), ECA_OK);
    assert_rel(b, 4058000, 1e-15);
    assert_int_equal(
        eca_factors_unit_to_base(x->f, "万千瓦时", 234.5678, &b, NULL), ECA_OK);
    assert_rel(b, 2345678, 1e-15);
    /* unknown units: spelled otherwise, other case, padded */
    static const char *const bad[] = {"furlong", "KG", "Kwh", "kg ", " kg",
                                      "万 吨", "", "10^4 t"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        b = 7.5;
        assert_int_equal(eca_factors_unit_to_base(x->f, bad[i], 1, &b, NULL),
                         ECA_EFACTOR);
        assert_true(b == 7.5);
    }
    /* the exact decimal scale kept for fixed-point sums */
    long i = ecai_factors_unit_find(x->f, "kg", 2);
    assert_true(i >= 0);
    const ecai_unit *kg = ecai_factors_unit(x->f, i);
    assert_string_equal(kg->name, "kg");
    assert_int_equal(kg->to_base.mant, 1);
    assert_int_equal(kg->to_base.exp, -3);
    assert_int_equal(kg->to_base.neg, 0);
    assert_true(kg->to_base_d == 0.001);
    i = ecai_factors_unit_find(x->f, "万吨xyz", strlen("万吨"));
    assert_true(i >= 0);
    assert_true(ecai_factors_unit(x->f, i)->to_base_d == 10000);
    assert_int_equal(ecai_factors_unit_find(x->f, "furlong", 7), -1);
}

static void equal_value_and_thresholds(void **state)
{
    fixture *x = *state;
    assert_true(eca_factors_equal_gce_per_kwh(x->f, 2022) == 300.7);
    assert_true(eca_factors_equal_gce_per_kwh(x->f, 2021) == 302.5);
    assert_true(eca_factors_equal_gce_per_kwh(x->f, 2019) == 306.4);
    assert_true(eca_factors_equal_gce_per_kwh(x->f, 2023) == 0);
    assert_true(eca_factors_equal_gce_per_kwh(x->f, 1999) == 0);
    assert_non_null(strstr(ecai_factors_equal_source(x->f, 2022),
                           "China Electricity Council"));
    assert_null(ecai_factors_equal_source(x->f, 2023));
    char years[64];
    assert_int_equal(ecai_factors_equal_years(x->f, years, sizeof years), 4);
    assert_string_equal(years, "2019, 2020, 2021, 2022");
    /* a cut list says so: in 14 bytes "2019, 2020" fits, ", 2021" does
     * not, and "..." follows; in 11, "2019, 2020" takes 10 and its '\0',
     * ", 2021" does not fit and "..." overwrites the end: "2019, 2..." */
    assert_int_equal(ecai_factors_equal_years(x->f, years, 14), 4);
    assert_string_equal(years, "2019, 2020...");
    assert_int_equal(ecai_factors_equal_years(x->f, years, 11), 4);
    assert_string_equal(years, "2019, 2...");
    /* the smallest buffer holds "..." alone */
    assert_int_equal(ecai_factors_equal_years(x->f, years, 4), 4);
    assert_string_equal(years, "...");
    /* exactly room for the whole list: 22 characters and the '\0' */
    assert_int_equal(ecai_factors_equal_years(x->f, years, 23), 4);
    assert_string_equal(years, "2019, 2020, 2021, 2022");

    double v = -2.385;
    const char *src = NULL, *sev = NULL;
    assert_int_equal(eca_factors_threshold(x->f, "key_firm", &v, &src), 1);
    assert_true(v == 1500);
    assert_non_null(strstr(src, "1 500 tce"));
    assert_int_equal(eca_factors_threshold(x->f, "county_coke_target", &v,
                                           NULL),
                     1);
    assert_true(v == 110);
    assert_int_equal(ecai_factors_threshold_full(x->f, "key_firm", &v, &sev,
                                                 &src),
                     1);
    assert_string_equal(sev, "info");
    assert_int_equal(ecai_factors_threshold_full(x->f, "county_coke_target",
                                                 &v, &sev, &src),
                     1);
    assert_string_equal(sev, "warning");
    /* absent: 0, value untouched */
    v = -2.385;
    assert_int_equal(eca_factors_threshold(x->f, "no_such_rule", &v, &src), 0);
    assert_true(v == -2.385);
    assert_int_equal(eca_factors_threshold(x->f, "Key_firm", &v, &src), 0);
}

/* The regions of grid.csv, each once, in table order; the first year of
 * each. */
static void grid_regions(void **state)
{
    fixture *x = *state;
    static const char *const want[] = {
        "national", "north_china", "northeast", "east_china",
        "central_china", "northwest", "south", "southwest", "shanxi"};
    size_t n = sizeof want / sizeof want[0];
    for (size_t i = 0; i < n; i++)
        assert_string_equal(eca_factors_grid_region(x->f, i), want[i]);
    assert_null(eca_factors_grid_region(x->f, n));
    assert_null(eca_factors_grid_region(x->f, (size_t)-1));
    assert_int_equal(ecai_factors_grid_first(x->f, "national"), 2021);
    assert_int_equal(ecai_factors_grid_first(x->f, "shanxi"), 2022);
    assert_int_equal(ecai_factors_grid_first(x->f, "mars"), 0);
    assert_int_equal(ecai_factors_grid_first(x->f, "Shanxi"), 0);
    /* the lookup of the audit and of eca solar, with its messages: Shanxi
     * 2023 publishes 0.6634; 2021 is before Shanxi's first year */
    double v = 0;
    int y = 0;
    const char *src = NULL;
    eca_error err;
    eca_error_clear(&err);
    assert_int_equal(ecai_factors_grid_at(x->f, "shanxi", 2024, &v, &y, &src,
                                          &err), ECA_OK);
    assert_true(v == 0.6634);
    assert_int_equal(y, 2023);
    assert_non_null(strstr(src, "Shanxi"));
    assert_int_equal(ecai_factors_grid_at(x->f, "shanxi", 2021, &v, &y, &src,
                                          &err), ECA_EFACTOR);
    assert_string_equal(err.msg, "grid.csv: no factor for region 'shanxi' "
                                 "in or before 2021 (its first is 2022)");
    eca_error_clear(&err);
    assert_int_equal(ecai_factors_grid_at(x->f, "mars", 2022, &v, &y, &src,
                                          &err), ECA_EFACTOR);
    assert_string_equal(err.msg, "grid.csv: no region 'mars'");
}

/* A source is one a user can look up: none cites the project's
 * internal specification, which users do not have. */
static void sources_users_can_read(void **state)
{
    (void)state;
    static const char *const tables[] = {
        "carriers.csv", "coke_corrections.csv", "coke_limits.csv",
        "electricity.csv", "emission.csv", "grid.csv", "solar.csv",
        "thresholds.csv", "units.csv"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char *p = tu_path(tu_factors_dir(), tables[i]), *text = tu_read(p);
        assert_non_null(text);
        if (strstr(text, "SPEC"))
            fail_msg("%s cites the SPEC", tables[i]);
        free(text);
        free(p);
    }
}

/* ---- overrides ---- */

/* A row giving only kgce_per_unit keeps every other cell; coke has no
 * range in the standard, so its low and high follow the new value. */
static void override_kgce_only(void **state)
{
    fixture *x = *state;
    /* the shipped source is freed when replaced: keep a copy */
    char *ship = strdup(info(x->f, "coke").source);
    size_t n = eca_factors_carrier_count(x->f);
    char *p = override_ok(x, "o.csv",
                          "carrier,unit,kgce_per_unit\ncoke,,0.9801\n");
    eca_carrier_info ci = info(x->f, "coke");
    assert_string_equal(ci.unit, "kg");
    assert_int_equal(ci.dimension, ECA_DIM_MASS);
    assert_rel(ci.kgce_per_unit, 0.9801, 1e-12);
    assert_rel(ci.kgce_low, 0.9801, 1e-12);
    assert_rel(ci.kgce_high, 0.9801, 1e-12);
    assert_rel(ci.ncv_gj_per_unit, 0.028447, 1e-12);
    assert_rel(ci.carbon_tc_per_tj, 29.50, 1e-12);
    assert_rel(ci.oxidation, 0.93, 1e-12);
    assert_int_equal(ci.renewable, 0);
    /* "override FILE:LINE; shipped: <the shipped source>" */
    char want[2048];
    snprintf(want, sizeof want, "override %s:2; shipped: %s", p, ship);
    assert_string_equal(ci.source, want);
    /* the rest of the table is untouched */
    assert_int_equal(eca_factors_carrier_count(x->f), n);
    assert_rel(info(x->f, "electricity").kgce_per_unit, 0.1229, 1e-12);
    assert_rel(info(x->f, "washed_coal").kgce_per_unit, 0.9, 1e-12);
    size_t nf;
    const char *const *files = ecai_factors_files(x->f, &nf);
    assert_int_equal(nf, 2);
    assert_string_equal(files[1], p);
    free(p);
    free(ship);
}

/* README's example: a plant's laboratory value per t, with a source. */
static void override_readme_example(void **state)
{
    fixture *x = *state;
    char *ship = strdup(info(x->f, "coke").source);
    char *p = override_ok(x, "lab.csv",
                          "carrier,unit,kgce_per_unit,source\n"
                          "coke,t,985.2,plant laboratory 2022 annual mean\n");
    eca_carrier_info ci = info(x->f, "coke");
    assert_string_equal(ci.unit, "t");
    assert_rel(ci.kgce_per_unit, 985.2, 1e-12);
    assert_rel(ci.kgce_low, 985.2, 1e-12);
    assert_rel(ci.kgce_high, 985.2, 1e-12);
    /* 0.028447 GJ/kg kept, now per t: 28.447 */
    assert_rel(ci.ncv_gj_per_unit, 28.447, 1e-12);
    assert_rel(ci.carbon_tc_per_tj, 29.50, 1e-12);
    char want[2048];
    snprintf(want, sizeof want,
             "override %s:2: plant laboratory 2022 annual mean; shipped: %s",
             p, ship);
    assert_string_equal(ci.source, want);
    free(p);
    free(ship);
}

/* Another unit of the same dimension: kept cells are converted, so the
 * per-unit values read back are per the new unit. */
static void override_other_unit(void **state)
{
    fixture *x = *state;
    char *p = override_ok(x, "o.csv",
                          "carrier,unit,kgce_per_unit\n"
                          "coke_oven_gas,10^4m3,5928.5\n"
                          "natural_gas,万立方米,12721.5\n");
    /* 0.5714 and 0.6143 kgce/m3 x 10^4 = 5 714 and 6 143 kgce/10^4m3;
     * NCV 0.017354 GJ/m3 x 10^4 = 173.54 GJ/10^4m3 */
    eca_carrier_info ci = info(x->f, "coke_oven_gas");
    assert_string_equal(ci.unit, "10^4m3");
    assert_int_equal(ci.dimension, ECA_DIM_VOLUME);
    assert_rel(ci.kgce_per_unit, 5928.5, 1e-12);
    assert_rel(ci.kgce_low, 5714, 1e-12);
    assert_rel(ci.kgce_high, 6143, 1e-12);
    assert_rel(ci.ncv_gj_per_unit, 173.54, 1e-12);
    assert_rel(ci.carbon_tc_per_tj, 12.10, 1e-12);
    assert_rel(ci.oxidation, 0.99, 1e-12);
    /* 1.2143 and 1.3300 x 10^4; NCV 389.31 GJ/10^4m3 */
    ci = info(x->f, "natural_gas");
    assert_string_equal(ci.unit, "万立方米");
    assert_rel(ci.kgce_per_unit, 12721.5, 1e-12);
    assert_rel(ci.kgce_low, 12143, 1e-12);
    assert_rel(ci.kgce_high, 13300, 1e-12);
    assert_rel(ci.ncv_gj_per_unit, 389.31, 1e-12);
    free(p);
    /* and back to m3 with only the unit given: the same coefficients */
    p = override_ok(x, "o2.csv",
                    "carrier,unit,kgce_per_unit\ncoke_oven_gas,m3,\n");
    ci = info(x->f, "coke_oven_gas");
    assert_string_equal(ci.unit, "m3");
    assert_rel(ci.kgce_per_unit, 0.59285, 1e-12);
    assert_rel(ci.kgce_low, 0.5714, 1e-12);
    assert_rel(ci.kgce_high, 0.6143, 1e-12);
    assert_rel(ci.ncv_gj_per_unit, 0.017354, 1e-12);
    free(p);
}

/* A carrier with a range: a new kgce alone keeps the range (SPEC section
 * 4: cells not given keep the shipped values), also when the value lies
 * outside it; a row giving both ends replaces the range. */
static void override_ranges(void **state)
{
    fixture *x = *state;
    char *p = override_ok(x, "o.csv",
                          "carrier,unit,kgce_per_unit\n"
                          "natural_gas,,1.3\n"
                          "coal_mine_methane,,0.61\n");
    eca_carrier_info ci = info(x->f, "natural_gas");
    assert_rel(ci.kgce_per_unit, 1.3, 1e-12);
    assert_rel(ci.kgce_low, 1.2143, 1e-12);
    assert_rel(ci.kgce_high, 1.3300, 1e-12);
    ci = info(x->f, "coal_mine_methane");
    assert_rel(ci.kgce_per_unit, 0.61, 1e-12);
    assert_rel(ci.kgce_low, 0.5000, 1e-12);
    assert_rel(ci.kgce_high, 0.5714, 1e-12);
    free(p);
    p = override_ok(x, "o2.csv",
                    "carrier,unit,kgce_per_unit,kgce_low,kgce_high\n"
                    "natural_gas,m3,1.25,1.2,1.3\n"
                    "coke,t,980,950,1010\n"
                    "coke_oven_gas,10^4m3,6000,6000,6000\n");
    ci = info(x->f, "natural_gas");
    assert_rel(ci.kgce_per_unit, 1.25, 1e-12);
    assert_rel(ci.kgce_low, 1.2, 1e-12);
    assert_rel(ci.kgce_high, 1.3, 1e-12);
    /* coke now has a range, per t */
    ci = info(x->f, "coke");
    assert_rel(ci.kgce_low, 950, 1e-12);
    assert_rel(ci.kgce_high, 1010, 1e-12);
    /* a range of one point holds its own value */
    ci = info(x->f, "coke_oven_gas");
    assert_rel(ci.kgce_low, 6000, 1e-12);
    assert_rel(ci.kgce_high, 6000, 1e-12);
    free(p);
    /* coke's range stays when only the value changes afterwards */
    p = override_ok(x, "o3.csv", "carrier,unit,kgce_per_unit\ncoke,kg,0.99\n");
    ci = info(x->f, "coke");
    assert_rel(ci.kgce_per_unit, 0.99, 1e-12);
    assert_rel(ci.kgce_low, 0.95, 1e-12);
    assert_rel(ci.kgce_high, 1.01, 1e-12);
    free(p);
}

static void override_new_carrier(void **state)
{
    fixture *x = *state;
    size_t n = eca_factors_carrier_count(x->f);
    char *p = override_ok(
        x, "new.csv",
        "carrier,unit,kgce_per_unit,kgce_low,kgce_high,ncv_gj_per_unit,"
        "carbon_tc_per_tj,oxidation,renewable,source\n"
        "biogas,m3,0.714,,,0.0209,0,0,1,plant lab 2022\n"
        "semi_coke,万吨,9285.7,,,,27.5,0.95,0,\n");
    assert_int_equal(eca_factors_carrier_count(x->f), n + 2);
    /* added at the end, in file order */
    assert_int_equal(eca_factors_carrier_find(x->f, "biogas"), (long)n);
    assert_int_equal(eca_factors_carrier_find(x->f, "semi_coke"), (long)n + 1);
    eca_carrier_info ci = info(x->f, "biogas");
    assert_string_equal(ci.unit, "m3");
    assert_int_equal(ci.dimension, ECA_DIM_VOLUME);
    assert_rel(ci.kgce_per_unit, 0.714, 1e-12);
    assert_rel(ci.kgce_low, 0.714, 1e-12); /* no range: the value */
    assert_rel(ci.kgce_high, 0.714, 1e-12);
    assert_rel(ci.ncv_gj_per_unit, 0.0209, 1e-12);
    assert_int_equal(ci.renewable, 1);
    char want[1024];
    /* a new carrier's source: "<given>; FILE:LINE", or "FILE:LINE" */
    snprintf(want, sizeof want, "plant lab 2022; %s:2", p);
    assert_string_equal(ci.source, want);
    ci = info(x->f, "semi_coke");
    assert_string_equal(ci.unit, "万吨");
    assert_int_equal(ci.dimension, ECA_DIM_MASS);
    assert_rel(ci.kgce_per_unit, 9285.7, 1e-12);
    assert_true(ci.ncv_gj_per_unit == 0);
    assert_rel(ci.carbon_tc_per_tj, 27.5, 1e-12);
    assert_rel(ci.oxidation, 0.95, 1e-12);
    assert_int_equal(ci.renewable, 0);
    snprintf(want, sizeof want, "%s:3", p);
    assert_string_equal(ci.source, want);
    /* the columns given may be any subset in any order */
    free(p);
    p = override_ok(x, "new2.csv",
                    "renewable,kgce_per_unit,unit,carrier\n"
                    "1,0.1229,MWh,wind_power\n");
    ci = info(x->f, "wind_power");
    assert_string_equal(ci.unit, "MWh");
    assert_rel(ci.kgce_per_unit, 0.1229, 1e-12);
    assert_int_equal(ci.renewable, 1);
    free(p);
}

/* Later rows and later files win; each source names the file and line
 * and keeps what it replaced. */
static void override_later_wins(void **state)
{
    fixture *x = *state;
    char *ship = strdup(info(x->f, "coke").source);
    char *a = override_ok(x, "a.csv",
                          "carrier,unit,kgce_per_unit,source\n"
                          "coke,,0.98,first\n"
                          "coke,,0.975,second\n");
    eca_carrier_info ci = info(x->f, "coke");
    assert_rel(ci.kgce_per_unit, 0.975, 1e-12);
    char *b = override_ok(x, "b.csv",
                          "carrier,unit,kgce_per_unit,renewable\n"
                          "coke,t,990,1\n");
    ci = info(x->f, "coke");
    assert_string_equal(ci.unit, "t");
    assert_rel(ci.kgce_per_unit, 990, 1e-12);
    assert_int_equal(ci.renewable, 1);
    char want[4096];
    snprintf(want, sizeof want,
             "override %s:2; shipped: override %s:3: second; shipped: "
             "override %s:2: first; shipped: %s",
             b, a, a, ship);
    assert_string_equal(ci.source, want);
    size_t nf;
    const char *const *files = ecai_factors_files(x->f, &nf);
    assert_int_equal(nf, 3);
    assert_string_equal(files[1], a);
    assert_string_equal(files[2], b);
    free(a);
    free(b);
    free(ship);
}

static void override_accepted_edges(void **state)
{
    fixture *x = *state;
    /* oxidation 0 and 1, renewable 0, kgce 0, exponents, CRLF, BOM,
     * quoted cells */
    char *p = override_ok(x, "e.csv",
                          "\xEF\xBB\xBF"
                          "carrier,unit,kgce_per_unit,oxidation,renewable\r\n"
                          "coke,kg,\"9.714e-1\",1,0\r\n"
                          "diesel,kg,1.4571,0,\r\n"
                          "new_water,t,0,,\r\n");
    assert_rel(info(x->f, "coke").kgce_per_unit, 0.9714, 1e-12);
    assert_true(info(x->f, "coke").oxidation == 1);
    assert_true(info(x->f, "diesel").oxidation == 0);
    assert_true(info(x->f, "new_water").kgce_per_unit == 0);
    free(p);
}

static void override_errors(void **state)
{
    fixture *x = *state;
    const char *h = "carrier,unit,kgce_per_unit\n";
    char t[512];
#define ROW(row) (snprintf(t, sizeof t, "%s%s\n", h, row), t)
    override_fails(x, ROW("coke,furlong,1"), ECA_EFACTOR,
                   "%s:2: column 'unit': \"furlong\" is not in units.csv");
    override_fails(x, ROW("coke,kWh,0.1229"), ECA_EFACTOR,
                   "%s:2: column 'unit': \"kWh\" is of another dimension "
                   "than the carrier's shipped unit");
    override_fails(x, ROW("electricity,万吨,1"), ECA_EFACTOR,
                   "%s:2: column 'unit': \"万吨\" is of another dimension "
                   "than the carrier's shipped unit");
    override_fails(x, ROW("biogas,,0.714"), ECA_EFACTOR,
                   "%s:2: column 'unit': \"\" is empty for a new carrier");
    override_fails(x, ROW("biogas,m3,"), ECA_EFACTOR,
                   "%s:2: column 'kgce_per_unit': \"\" is empty for a new "
                   "carrier");
    override_fails(x, ROW(",kg,1"), ECA_EFACTOR,
                   "%s:2: column 'carrier': \"\" is empty");
    static const char *const nan[] = {"abc", "1e", "-0.5", "0x10", "nan",
                                      "inf", "1.2.3", " 1"};
    for (size_t i = 0; i < sizeof nan / sizeof nan[0]; i++) {
        char row[64], fmt[256];
        snprintf(row, sizeof row, "coke,kg,\"%s\"", nan[i]);
        snprintf(fmt, sizeof fmt,
                 "%%s:2: column 'kgce_per_unit': \"%s\" is not a number at "
                 "least 0",
                 nan[i]);
        override_fails(x, ROW(row), ECA_EFACTOR, fmt);
    }
    override_fails(x,
                   "carrier,unit,kgce_per_unit,ncv_gj_per_unit\n"
                   "coke,kg,0.97,\"12,5\"\n",
                   ECA_EFACTOR,
                   "%s:2: column 'ncv_gj_per_unit': \"12,5\" is not a number "
                   "at least 0");
    static const char *const ren[] = {"yes", "2", "01", "1.0", "true", "-1"};
    for (size_t i = 0; i < sizeof ren / sizeof ren[0]; i++) {
        char row[512], fmt[256];
        snprintf(row, sizeof row,
                 "carrier,unit,kgce_per_unit,renewable\ncoke,kg,0.97,%s\n",
                 ren[i]);
        snprintf(fmt, sizeof fmt,
                 "%%s:2: column 'renewable': \"%s\" is not 0 or 1", ren[i]);
        override_fails(x, row, ECA_EFACTOR, fmt);
    }
    /* the range: kgce outside a given range, low above high, a kept kgce
     * outside a new range, one end alone */
    const char *hr = "carrier,unit,kgce_per_unit,kgce_low,kgce_high\n";
#define RROW(row) (snprintf(t, sizeof t, "%s%s\n", hr, row), t)
    override_fails(x, RROW("coke_oven_gas,m3,0.7,0.5714,0.6143"), ECA_EFACTOR,
                   "%s:2: column 'kgce_per_unit': \"0.7\" lies outside "
                   "[kgce_low, kgce_high]");
    override_fails(x, RROW("coke_oven_gas,m3,0.6,0.62,0.58"), ECA_EFACTOR,
                   "%s:2: column 'kgce_per_unit': \"0.6\" lies outside "
                   "[kgce_low, kgce_high]");
    override_fails(x, RROW("coke_oven_gas,,,0.4,0.5"), ECA_EFACTOR,
                   "%s:2: column 'kgce_per_unit': \"0.59285\" lies outside "
                   "[kgce_low, kgce_high]");
    /* the range is checked in the row's unit: 0.59285 kgce/m3 is 5 928.5
     * per 10^4 m3, outside 5 000..5 900 */
    override_fails(x, RROW("coke_oven_gas,10^4m3,,5000,5900"), ECA_EFACTOR,
                   "%s:2: column 'kgce_per_unit': \"5928.5\" lies outside "
                   "[kgce_low, kgce_high]");
    override_fails(x, RROW("coke_oven_gas,m3,0.6,0.58,"), ECA_EFACTOR,
                   "%s:2: column 'kgce_high': \"\" is empty: give both ends "
                   "of the range or neither");
    override_fails(x, RROW("coke_oven_gas,m3,0.6,,0.62"), ECA_EFACTOR,
                   "%s:2: column 'kgce_low': \"\" is empty: give both ends "
                   "of the range or neither");
    /* required columns; the first missing one is named */
    override_fails(x, "carrier,kgce_per_unit\ncoke,0.97\n", ECA_ECOLUMN,
                   "%s:1: column 'unit': required column is missing");
    override_fails(x, "carrier,unit\ncoke,kg\n", ECA_ECOLUMN,
                   "%s:1: column 'kgce_per_unit': required column is missing");
    override_fails(x, "unit,kgce_per_unit\nkg,0.97\n", ECA_ECOLUMN,
                   "%s:1: column 'carrier': required column is missing");
    /* a row with a wrong field count (an unquoted comma, or a cell
     * missing) */
    override_fails(x, ROW("coke,kg"), ECA_EFACTOR,
                   "%s:2: row has 2 fields, header has 3");
    override_fails(x, ROW("coke,kg,0.97,extra"), ECA_EFACTOR,
                   "%s:2: row has 4 fields, header has 3");
    /* file-level errors */
    override_fails(x, "", ECA_ECSV, "%s: the file is empty (no header)");
    override_fails(x, ROW("coke,kg,\"0.97"), ECA_ECSV,
                   "%s:2: a quoted field is never closed");
    override_fails(x, ROW("coke,k\xC3g,0.97"), ECA_ECSV,
                   "%s:2: column 'unit': byte 7 (0xC3) is not UTF-8 text; "
                   "save the file as UTF-8; GBK or GB18030 text, as Excel "
                   "often writes, is not accepted");
    override_fails(x, "carrier,unit,unit,kgce_per_unit\n", ECA_ECSV,
                   "%s:1: column 'unit' appears twice in the header");
#undef ROW
#undef RROW
    /* none of the failing rows changed coke */
    eca_carrier_info ci = info(x->f, "coke");
    assert_rel(ci.kgce_per_unit, 0.9714, 1e-12);
    assert_string_equal(ci.unit, "kg");

    eca_error err;
    char *p = tu_path(x->dir, "absent.csv");
    char want[1024];
    eca_error_clear(&err);
    assert_int_equal(eca_factors_override(x->f, p, &err), ECA_EIO);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             p);
    assert_string_equal(err.msg, want);
    free(p);
    eca_error_clear(&err);
    assert_int_equal(eca_factors_override(NULL, "x.csv", &err), ECA_EARG);
    assert_string_equal(err.msg, "eca_factors_override: no table");
    eca_error_clear(&err);
    assert_int_equal(eca_factors_override(x->f, NULL, &err), ECA_EARG);
}

/* The oxidation check: status and the fixed part of the message. */
static void override_oxidation_above_one(void **state)
{
    fixture *x = *state;
    eca_error err;
    char *p = tu_path(x->dir, "ox.csv");
    char want[1024];
    tu_write(x->dir, "ox.csv",
             "carrier,unit,kgce_per_unit,oxidation\ncoke,kg,0.97,1.05\n");
    eca_error_clear(&err);
    assert_int_equal(eca_factors_override(x->f, p, &err), ECA_EFACTOR);
    snprintf(want, sizeof want, "%s:2: column 'oxidation': \"", p);
    assert_memory_equal(err.msg, want, strlen(want));
    assert_non_null(strstr(err.msg, "\" is above 1"));
    assert_rel(info(x->f, "coke").oxidation, 0.93, 1e-12);
    free(p);
}

/* The message quotes the offending cell, as the house style's messages
 * do ("12,5" is not a number): 'column 'oxidation': "1.05" is above 1'. */
static void oxidation_message_names_value(void **state)
{
    fixture *x = *state;
    eca_error err;
    char *p = tu_path(x->dir, "ox.csv");
    char want[1024];
    tu_write(x->dir, "ox.csv",
             "carrier,unit,kgce_per_unit,oxidation\ncoke,kg,0.97,1.05\n");
    eca_error_clear(&err);
    assert_int_equal(eca_factors_override(x->f, p, &err), ECA_EFACTOR);
    snprintf(want, sizeof want, "%s:2: column 'oxidation': \"1.05\" is above 1",
             p);
    free(p);
    assert_string_equal(err.msg, want);
}

/* ---- broken shipped tables ---- */

/* Copies every table of the shipped folder into dir/factors, replacing
 * `from` by `to` in the file `which` (NULL: none); returns the folder and
 * sets *line to the line of the replaced text. */
static char *broken_copy(fixture *x, const char *which, const char *from,
                         const char *to, long *line)
{
    char *dir = tu_path(x->dir, "factors");
    char cmd[4200];
    int seen = 0;
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    DIR *d = opendir(tu_factors_dir());
    struct dirent *e;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        char *src = tu_path(tu_factors_dir(), e->d_name);
        char *text = tu_read(src);
        assert_non_null(text);
        if (which && strcmp(which, e->d_name) == 0) {
            char *at = strstr(text, from);
            if (!at)
                fail_msg("\"%s\" is not in the shipped %s", from, which);
            *line = 1;
            for (char *q = text; q < at; q++)
                *line += *q == '\n';
            size_t len = strlen(text) - strlen(from) + strlen(to) + 1;
            char *alt = malloc(len);
            assert_non_null(alt);
            snprintf(alt, len, "%.*s%s%s", (int)(at - text), text, to,
                     at + strlen(from));
            free(text);
            text = alt;
            seen = 1;
        }
        tu_write(dir, e->d_name, text);
        free(text);
        free(src);
    }
    closedir(d);
    if (which && !seen)
        fail_msg("no shipped table %s", which);
    return dir;
}

static void load_fails(const char *dir, eca_status st, const char *msg)
{
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(dir, &err);
    if (f) {
        eca_factors_free(f);
        fail_msg("loaded, expected \"%s\"", msg);
    }
    assert_string_equal(err.msg, msg);
    assert_int_equal(err.status, st);
}

static void broken_shipped_tables(void **state)
{
    fixture *x = *state;
    static const struct {
        const char *file, *from, *to;
        eca_status st;
        const char *fmt; /* %s: the line */
    } cases[] = {
        {"units.csv", "kg,mass,0.001,SI", "kg,weight,0.001,SI", ECA_EFACTOR,
         "units.csv:%s: column 'dimension': \"weight\" is not mass, volume, "
         "electricity or heat"},
        {"units.csv", "kg,mass,0.001,SI", "kg,mass,0,SI", ECA_EFACTOR,
         "units.csv:%s: column 'to_base': \"0\" is not a positive number"},
        {"units.csv", "kg,mass,0.001,SI", "kg,mass,-0.001,SI", ECA_EFACTOR,
         "units.csv:%s: column 'to_base': \"-0.001\" is not a positive "
         "number"},
        {"units.csv", "kg,mass,0.001,SI", "kg,mass,1/1000,SI", ECA_EFACTOR,
         "units.csv:%s: column 'to_base': \"1/1000\" is not a positive "
         "number"},
        {"units.csv", "kg,mass,0.001,SI", "kg,mass,0.001,", ECA_EFACTOR,
         "units.csv:%s: column 'source': \"\" is empty"},
        {"units.csv", "kg,mass,0.001,SI", ",mass,0.001,SI", ECA_EFACTOR,
         "units.csv:%s: column 'unit': \"\" is empty"},
        {"units.csv", "kg,mass,0.001,SI", "kg,mass,0.001", ECA_EFACTOR,
         "units.csv:%s: row has 3 fields, header has 4"},
        {"units.csv", "千克,mass,0.001", "kg,mass,0.001", ECA_EFACTOR,
         "units.csv:%s: column 'unit': \"kg\" is listed twice"},
        {"units.csv", "unit,dimension,to_base,source", "unit,dimension,source",
         ECA_ECOLUMN, "units.csv:%s: column 'to_base': required column is "
                      "missing"},
        {"carriers.csv",
         ",0,\"GB/T 2589-2020 Annex A, equivalent value (当量值) 3 600 "
         "kJ/kWh\"",
         ",0,", ECA_EFACTOR,
         "carriers.csv:%s: column 'source': \"\" is empty: every shipped "
         "factor must cite its source"},
        {"carriers.csv", "raw_coal,原煤,kg,", "raw_coal,原煤,kgs,", ECA_EFACTOR,
         "carriers.csv:%s: column 'unit': \"kgs\" is not in units.csv"},
        {"carriers.csv", "kerosene,煤油,kg", "gasoline,煤油,kg", ECA_EFACTOR,
         "carriers.csv:%s: column 'carrier': \"gasoline\" is listed twice"},
        {"carriers.csv", "lpg,液化石油气,kg,1.7143", "lpg,液化石油气,kg,1,7143",
         ECA_EFACTOR, "carriers.csv:%s: row has 12 fields, header has 11"},
        /* the keyed tables: a value, a year, a key and a source per row */
        {"electricity.csv", "2022,300.7,", "2022,abc,", ECA_EFACTOR,
         "electricity.csv:%s: column 'gce_per_kwh': \"abc\" is not a "
         "number"},
        {"electricity.csv", "2021,302.5,", "20x1,302.5,", ECA_EFACTOR,
         "electricity.csv:%s: column 'year': \"20x1\" is not a year"},
        {"electricity.csv", "2021,302.5,", "2021.5,302.5,", ECA_EFACTOR,
         "electricity.csv:%s: column 'year': \"2021.5\" is not a year"},
        {"electricity.csv",
         "2022,300.7,\"China Electricity Council, national average coal use "
         "per kWh supplied by thermal plants (unverified)\"",
         "2022,300.7,", ECA_EFACTOR,
         "electricity.csv:%s: column 'source' is empty: every figure must "
         "cite its source"},
        {"electricity.csv", "year,gce_per_kwh,source", "year,gce,source",
         ECA_ECOLUMN,
         "electricity.csv:%s: column 'gce_per_kwh': required column is "
         "missing"},
        {"thresholds.csv", "key_firm,all,1500,", "key_firm,all,,", ECA_EFACTOR,
         "thresholds.csv:%s: column 'value': \"\" is not a number"},
        {"thresholds.csv", "key_firm,all,1500,", ",all,1500,", ECA_EFACTOR,
         "thresholds.csv:%s: column 'rule' is empty"},
        {"thresholds.csv", "rule,scope,value,unit,severity,source",
         "rule,scope,value,unit,source", ECA_ECOLUMN,
         "thresholds.csv:%s: column 'severity': required column is "
         "missing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long line = 0;
        char msg[1024], ln[24];
        char *dir = broken_copy(x, cases[i].file, cases[i].from, cases[i].to,
                                &line);
        snprintf(ln, sizeof ln, "%ld", line);
        subst(msg, sizeof msg, cases[i].fmt, ln);
        load_fails(dir, cases[i].st, msg);
        free(dir);
    }
    /* the unaltered copy loads */
    char *dir = broken_copy(x, NULL, NULL, NULL, NULL);
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(dir, &err);
    assert_non_null(f);
    assert_int_equal(eca_factors_carrier_count(f),
                     eca_factors_carrier_count(x->f));
    eca_factors_free(f);
    /* a missing table */
    char *thr = tu_path(dir, "thresholds.csv"), want[1024];
    assert_int_equal(remove(thr), 0);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             thr);
    load_fails(dir, ECA_EIO, want);
    free(thr);
    free(dir);
    dir = tu_path(x->dir, "no-such-folder");
    snprintf(want, sizeof want, "%s/units.csv: cannot open: No such file or "
             "directory", dir);
    load_fails(dir, ECA_EIO, want);
    /* without an error context: NULL, no crash */
    assert_null(eca_factors_load(dir, NULL));
    free(dir);
    eca_factors_free(NULL);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)
    const struct CMUnitTest tests[] = {
        T(shipped_carriers_present),
        T(shipped_spec_values),
        T(units),
        T(equal_value_and_thresholds),
        T(grid_regions),
        T(sources_users_can_read),
        T(override_kgce_only),
        T(override_readme_example),
        T(override_other_unit),
        T(override_ranges),
        T(override_new_carrier),
        T(override_later_wins),
        T(override_accepted_edges),
        T(override_errors),
        T(override_oxidation_above_one),
        T(oxidation_message_names_value),
        T(broken_shipped_tables),
    };
#undef T
    return cmocka_run_group_tests_name("factors", tests, NULL, NULL);
}
