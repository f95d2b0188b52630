/* test_quality.c: meter series quality: gaps by the series' own frequency
 * (monthly to 15-minute), estimated readings, stuck and zero runs, spikes
 * and drops by median and MAD (by calendar month for a year of daily data),
 * and clean series left alone. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "quality.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

static int setup(void **state)
{
    *state = ecai_quality_alloc();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ecai_quality_free(*state);
    return 0;
}

static void add(ecai_quality *q, const char *meter, const char *period,
                double v, int est)
{
    ecai_period p;
    eca_error err;
    eca_error_clear(&err);
    assert_int_equal(ecai_period_parse(period, strlen(period), &p), 0);
    assert_int_equal(ecai_quality_add(q, 3, 7, 0, meter, strlen(meter), "",
                                      0, &p, v, est, &err),
                     ECA_OK);
}

static const ecai_series *series(const ecai_quality *q, const char *meter)
{
    size_t n;
    const ecai_series *s = ecai_quality_series(q, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s[i].meter, meter))
            return &s[i];
    fail_msg("no series %s", meter);
    return NULL;
}

/* A deterministic noise in [-1, 1). */
static double noise(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    return (double)((*x >> 8) & 0xffff) / 32768.0 - 1;
}

/* Monthly: a clean seasonal series (heating in winter, +-3 % noise) has no
 * finding; one with June missing has one gap; one reading estimated. */
static void monthly(void **state)
{
    ecai_quality *q = *state;
    static const double shape[12] = {1.42, 1.35, 1.12, 0.93, 0.81, 0.76,
                                     0.78, 0.80, 0.86, 0.98, 1.18, 1.37};
    unsigned x = 17;
    char per[16];
    for (int m = 1; m <= 12; m++) {
        snprintf(per, sizeof per, "2022-%02d", m);
        add(q, "clean", per, 2385.5 * shape[m - 1] * (1 + 0.03 * noise(&x)),
            m == 4);
        if (m != 6)
            add(q, "gap", per, 1000 + m, 0);
    }
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "clean");
    assert_int_equal(s->rows, 12);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 12);
    assert_int_equal(s->estimated, 1);
    assert_int_equal(s->spikes + s->drops, 0);
    assert_int_equal(s->stuck_max, 1);
    s = series(q, "gap");
    assert_int_equal(s->rows, 11);
    assert_int_equal(s->missing, 1); /* June, inside January..December */
    assert_int_equal(s->step, 1);
}

/* Stuck and zero runs: 5 identical readings, then 4 zeros. */
static void runs(void **state)
{
    ecai_quality *q = *state;
    static const double v[12] = {812.4, 799.1, 805.0, 805.0, 805.0, 805.0,
                                 805.0, 0,     0,     0,     0,     790.2};
    char per[16];
    for (int m = 1; m <= 12; m++) {
        snprintf(per, sizeof per, "2022-%02d", m);
        add(q, "stuck", per, v[m - 1], 0);
    }
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "stuck");
    assert_int_equal(s->stuck_max, 5);
    assert_int_equal(s->zero_max, 4);
}

/* Daily for a year, 100 +- 5 %: a spike of 4x on 2022-07-14 and a drop to
 * 10 on 2022-11-02 are found by calendar month; nothing else is. */
static void daily_spike_and_drop(void **state)
{
    ecai_quality *q = *state;
    unsigned x = 99;
    ecai_period p = {2022, 1, 1, 0, 0, ECAI_PER_DAY};
    int64_t day0 = ecai_period_minutes(&p) / 1440;
    for (int d = 0; d < 365; d++) {
        /* the calendar date of day d */
        int m = 1, dd = d;
        static const int len[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
        while (dd >= len[m - 1])
            dd -= len[m++ - 1];
        char per[24];
        snprintf(per, sizeof per, "2022-%02d-%02d", m, dd + 1);
        double v = 100 * (1 + 0.05 * noise(&x));
        if (m == 7 && dd + 1 == 14)
            v *= 4;
        if (m == 11 && dd + 1 == 2)
            v = 10;
        add(q, "daily", per, v, 0);
        add(q, "clean", per, 100 * (1 + 0.05 * noise(&x)), 0);
    }
    (void)day0;
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "daily");
    assert_int_equal(s->seasonal, 1);
    assert_int_equal(s->spikes, 1);
    assert_int_equal(s->drops, 1);
    assert_int_equal(s->missing, 0);
    assert_int_equal(s->expected, 365);
    s = series(q, "clean");
    assert_int_equal(s->spikes + s->drops, 0);
}

/* 15-minute readings of one day with 10:00-10:45 missing: 4 gaps of 96;
 * out-of-order rows still give the step and the span. */
static void quarter_hours(void **state)
{
    ecai_quality *q = *state;
    char per[32];
    for (int k = 95; k >= 0; k--) { /* backwards: out of order */
        if (k >= 40 && k < 44)
            continue;
        snprintf(per, sizeof per, "2022-03-09T%02d:%02d", k / 4, k % 4 * 15);
        add(q, "qh", per, 12.5 + k % 7, 0);
    }
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    const ecai_series *s = series(q, "qh");
    assert_int_equal(s->step, 15);
    assert_int_equal(s->rows, 92);
    assert_int_equal(s->missing, 4);
    assert_int_equal(s->expected, 365 * 96);
    assert_true(s->out_of_order > 0);
}

/* Series are kept apart by year: analysing 2022 leaves 2021 untouched. */
static void years_apart(void **state)
{
    ecai_quality *q = *state;
    add(q, "m", "2021-12", 5, 0);
    add(q, "m", "2022-01", 5, 0);
    add(q, "m", "2022-03", 5, 0);
    ecai_quality_analyse(q, 2022, 6, 0.05, 2);
    size_t n;
    const ecai_series *s = ecai_quality_series(q, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].year, 2021);
    assert_int_equal(s[0].expected, 0); /* not analysed */
    assert_int_equal(s[1].missing, 1);
    assert_int_equal(s[1].stuck_max, 2);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(monthly, setup, teardown),
        cmocka_unit_test_setup_teardown(runs, setup, teardown),
        cmocka_unit_test_setup_teardown(daily_spike_and_drop, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(quarter_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(years_apart, setup, teardown),
    };
    return cmocka_run_group_tests_name("quality", tests, NULL, NULL);
}
