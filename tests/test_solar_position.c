/* test_solar_position.c: NREL's SPA against the published example of its
 * report (NREL/TP-560-34302, table A5), and its argument checks. */
#include <math.h>
#include <stdio.h>
#include "eca.h"
#include "testutil.h"

/* The report's example: 17 October 2003, 12:30:30 local time, time zone
 * -7, latitude 39.742476, longitude -105.1786, elevation 1830.14 m,
 * pressure 820 mbar, temperature 11 C, delta T 67 s, refraction 0.5667.
 * Published: topocentric zenith 50.11162, azimuth 194.34024 degrees (and
 * topocentric declination -9.316179, hour angle 11.10629, Earth radius
 * vector 0.9965422974 AU). The issue asks for 0.001 degree. */
static void spa_report_example(void **state)
{
    (void)state;
    eca_sun_time t = {2003, 10, 17, 12, 30, 30.0, -7.0, 67.0,
                      39.742476, -105.1786, 1830.14, 820, 11, 0.5667};
    eca_sun_position p;
    assert_int_equal(eca_solar_position(&t, &p), ECA_OK);
    assert_true(fabs(p.zenith_deg - 50.11162) < 0.001);
    assert_true(fabs(p.azimuth_deg - 194.34024) < 0.001);
    /* and to the report's last digit */
    assert_true(fabs(p.zenith_deg - 50.11162) < 0.00001);
    assert_true(fabs(p.azimuth_deg - 194.34024) < 0.00001);
    assert_true(fabs(p.declination_deg - -9.316179) < 0.000005);
    assert_rel(p.earth_sun_au, 0.9965422974, 1e-9);
}

/* Qingxu at noon on the June solstice 2022 (local standard time): the sun
 * crosses the meridian near 12:32 (112.358 E is 30.6 minutes of time west
 * of the 120 E zone meridian, and the equation of time is about -1.7
 * minutes), so at 12:32 the azimuth is within a degree of 180 (it turns
 * about 0.94 degree a minute there) and the zenith is latitude -
 * declination = 37.607 - 23.437 = 14.170 degrees, less about 0.004 degree
 * of refraction. */
static void qingxu_solstice_noon(void **state)
{
    (void)state;
    eca_sun_time t = {2022, 6, 21, 12, 32, 0.0, 8.0, 69.2,
                      37.607, 112.358, 770, 925, 25, 0.5667};
    eca_sun_position p;
    assert_int_equal(eca_solar_position(&t, &p), ECA_OK);
    assert_true(fabs(p.azimuth_deg - 180) < 1.0);
    assert_true(fabs(p.zenith_deg - (37.607 - 23.437 - 0.004)) < 0.002);
    assert_true(fabs(p.declination_deg - 23.437) < 0.001);
}

static void bad_arguments(void **state)
{
    (void)state;
    eca_sun_position p;
    eca_sun_time t = {2003, 13, 17, 12, 30, 30.0, -7.0, 67.0,
                      39.742476, -105.1786, 1830.14, 820, 11, 0.5667};
    assert_int_equal(eca_solar_position(&t, &p), ECA_EARG);
    t.month = 10;
    t.latitude_deg = 91;
    assert_int_equal(eca_solar_position(&t, &p), ECA_EARG);
    t.latitude_deg = 39.7;
    t.second = 60;
    assert_int_equal(eca_solar_position(&t, &p), ECA_EARG);
    assert_int_equal(eca_solar_position(NULL, &p), ECA_EARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spa_report_example),
        cmocka_unit_test(qingxu_solstice_noon),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests_name("solar_position", tests, NULL, NULL);
}
