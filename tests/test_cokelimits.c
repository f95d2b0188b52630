/* test_cokelimits.c: GB 21342-2025 limits after corrections and grades,
 * against ../shared/gb21342-2025.md: its two worked examples, every term
 * and its edges (ages 15 and 25, volatile at and between breakpoints and
 * outside the table, negative moisture terms), missing inputs, and the
 * semi-coke limits of GB 29995-2024. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "eca.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

static int setup(void **state)
{
    eca_error err;
    eca_error_clear(&err);
    *state = eca_factors_load(tu_factors_dir(), &err);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    eca_factors_free(*state);
    return 0;
}

static eca_coke_limits limits(const eca_factors *f, const char *oven,
                              double r, double v, double m,
                              const char *quench, double age)
{
    eca_coke_inputs in = {oven, r, v, m, age, quench};
    eca_coke_limits l;
    assert_int_equal(eca_coke_limits_compute(f, &in, &l), ECA_OK);
    return l;
}

/* Worked example 1: top, mixed gas share 0.5, V 24.5, M 11, wet, age 20.
 * fuel 8.00 x 0.5 = 4; volatile between 24 (4.25) and 25 (8.55):
 * 4.25 + 0.5 x 4.30 = 6.40; moisture (11 - 10) x 3.67 = 3.67; age 20 in
 * (15, 25]: 2.50; wet 46.46 (grade 3 only).
 * g1 = 110 + 4 + 6.40 + 3.67 + 2.50 = 126.57
 * g2 = 110 + 4 + 6.40 + 3.67 = 124.07
 * g3 = 135 + 4 + 6.40 + 3.67 + 46.46 + 2.50 = 198.03 */
static void worked_example_top(void **state)
{
    eca_coke_limits l = limits(*state, "top", 0.5, 24.5, 11, "wet", 20);
    assert_rel(l.limit[0], 126.57, 1e-12);
    assert_rel(l.limit[1], 124.07, 1e-12);
    assert_rel(l.limit[2], 198.03, 1e-12);
    assert_rel(l.fuel, 4, 1e-15);
    assert_rel(l.volatile_term, 6.40, 1e-12);
    assert_rel(l.moisture, 3.67, 1e-12);
    assert_rel(l.wet_quench, 46.46, 1e-15);
    assert_rel(l.oven_age, 2.5, 1e-15);
    assert_int_equal(l.missing, 0);
    assert_string_equal(l.standard, "GB 21342-2025");
    /* grades: the best grade whose limit is met */
    assert_int_equal(eca_coke_grade(&l, 124.07), 1); /* g1 looser than g2 */
    assert_int_equal(eca_coke_grade(&l, 126.57), 1);
    assert_int_equal(eca_coke_grade(&l, 126.58), 3);
    assert_int_equal(eca_coke_grade(&l, 198.03), 3);
    assert_int_equal(eca_coke_grade(&l, 198.04), 0);
}

/* Worked example 2: stamp, coke oven gas only, V 27.5, M 10, dry, age 30.
 * volatile between 27 (6.44) and 28 (11.40): 8.92; moisture (10 - 10.5) x
 * 3.71 = -1.855; age over 25: 5.50.
 * g1 = 115 + 8.92 - 1.855 + 5.50 = 127.565
 * g2 = 115 + 8.92 - 1.855 = 122.065
 * g3 = 140 + 8.92 - 1.855 + 5.50 = 152.565 */
static void worked_example_stamp(void **state)
{
    eca_coke_limits l = limits(*state, "stamp", 0, 27.5, 10, "dry", 30);
    assert_rel(l.limit[0], 127.565, 1e-12);
    assert_rel(l.limit[1], 122.065, 1e-12);
    assert_rel(l.limit[2], 152.565, 1e-12);
    assert_rel(l.moisture, -1.855, 1e-12);
    assert_int_equal(eca_coke_grade(&l, 122.065), 1);
    assert_int_equal(eca_coke_grade(&l, 130), 3);
}

/* Oven age: 15 -> 0, 15.01 -> 2.50, 25 -> 2.50, 25.01 -> 5.50, grades 1
 * and 3 only. Base top 110/110/135 with V 23 (0), M 10 (0), dry, r 0. */
static void oven_age_edges(void **state)
{
    static const struct {
        double age, term;
    } cases[] = {{0, 0}, {15, 0}, {15.01, 2.5}, {25, 2.5}, {25.01, 5.5},
                 {41.7, 5.5}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eca_coke_limits l = limits(*state, "top", 0, 23, 10, "dry",
                                   cases[i].age);
        assert_rel(l.oven_age, cases[i].term, 0);
        assert_rel(l.limit[0], 110 + cases[i].term, 1e-15);
        assert_rel(l.limit[1], 110, 1e-15);
        assert_rel(l.limit[2], 135 + cases[i].term, 1e-15);
    }
}

/* Volatile: at every breakpoint its value; between, linear; outside the
 * table, no term and a flag. */
static void volatile_table(void **state)
{
    static const double top[] = {-8.30, -4.20, 0, 4.25, 8.55, 11.00, 14.08,
                                 18.71};
    static const double stamp[] = {0, 3.20, 6.44, 11.40, 14.65, 17.93,
                                   21.23, 24.50};
    for (int i = 0; i < 8; i++) {
        eca_coke_limits l = limits(*state, "top", 0, 21 + i, 10, "dry", 5);
        assert_rel(l.volatile_term, top[i], 1e-15);
        assert_rel(l.limit[1], 110 + top[i], 1e-14);
        l = limits(*state, "stamp", 0, 25 + i, 10.5, "dry", 5);
        assert_rel(l.volatile_term, stamp[i], 1e-15);
        assert_rel(l.limit[2], 140 + stamp[i], 1e-14);
    }
    /* top 21.385: -8.30 + 0.385 x 4.10 = -6.7215 */
    assert_rel(limits(*state, "top", 0, 21.385, 10, "dry", 5).volatile_term,
               -6.7215, 1e-12);
    /* top 25.75, the odd slope: 8.55 + 0.75 x 2.45 = 10.3875 */
    assert_rel(limits(*state, "top", 0, 25.75, 10, "dry", 5).volatile_term,
               10.3875, 1e-12);
    /* stamp 31.2: 21.23 + 0.2 x 3.27 = 21.884 */
    assert_rel(limits(*state, "stamp", 0, 31.2, 10.5, "dry", 5).volatile_term,
               21.884, 1e-12);
    static const struct {
        const char *oven;
        double v;
    } out[] = {{"top", 20.99}, {"top", 28.01}, {"stamp", 24.9}, {"stamp", 33}};
    for (size_t i = 0; i < 4; i++) {
        eca_coke_limits l = limits(*state, out[i].oven, 0, out[i].v, 10,
                                   "dry", 5);
        assert_int_equal(l.volatile_outside, 1);
        assert_rel(l.volatile_term, 0, 0);
    }
}

/* Fuel and moisture, both signs; mixed gas share 0.237 on stamp:
 * 12.00 x 0.237 = 2.844; moisture 8.75 on top: (8.75 - 10) x 3.67 =
 * -4.5875. */
static void fuel_and_moisture(void **state)
{
    eca_coke_limits l = limits(*state, "stamp", 0.237, 25, 10.5, "dry", 5);
    assert_rel(l.fuel, 2.844, 1e-12);
    assert_rel(l.limit[0], 117.844, 1e-12);
    l = limits(*state, "top", 0, 23, 8.75, "dry", 5);
    assert_rel(l.moisture, -4.5875, 1e-12);
    assert_rel(l.limit[2], 135 - 4.5875, 1e-12);
}

/* Missing inputs: graded on what is known, each one reported. */
static void missing_inputs(void **state)
{
    eca_coke_limits l = limits(*state, "top", NAN, NAN, NAN, "", NAN);
    assert_int_equal(l.missing, ECA_COKE_MISSING_VOLATILE |
                                    ECA_COKE_MISSING_MOISTURE |
                                    ECA_COKE_MISSING_QUENCH |
                                    ECA_COKE_MISSING_AGE);
    assert_rel(l.limit[0], 110, 0);
    assert_rel(l.limit[2], 135, 0);
}

/* Semi-coke: GB 29995-2024 160 / 180 / 210, no corrections; ovens without
 * limits (heat recovery) have none. */
static void semi_coke_and_others(void **state)
{
    eca_coke_limits l = limits(*state, "semi_coke", 1, 30, 14, "wet", 30);
    assert_rel(l.limit[0], 160, 0);
    assert_rel(l.limit[1], 180, 0);
    assert_rel(l.limit[2], 210, 0);
    assert_string_equal(l.standard, "GB 29995-2024");
    assert_int_equal(eca_coke_grade(&l, 166.01), 2);
    assert_int_equal(eca_coke_grade(&l, 210.5), 0);
    l = limits(*state, "heat_recovery", 0, 25, 10, "dry", 5);
    assert_true(isnan(l.limit[2]));
    assert_int_equal(eca_coke_grade(&l, 100), -1);
    assert_null(l.standard);
    eca_coke_inputs none = {NULL, 0, 0, 0, 0, ""};
    assert_int_equal(eca_coke_limits_compute(*state, &none, &l), ECA_EARG);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example_top),
        cmocka_unit_test(worked_example_stamp),
        cmocka_unit_test(oven_age_edges),
        cmocka_unit_test(volatile_table),
        cmocka_unit_test(fuel_and_moisture),
        cmocka_unit_test(missing_inputs),
        cmocka_unit_test(semi_coke_and_others),
    };
    return cmocka_run_group_tests_name("cokelimits", tests, setup, teardown);
}
