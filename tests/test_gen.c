/* test_gen.c: `eca gen`, the dataset generator: the bundled county it
 * rebuilds, and the series every coke plant gets whatever --meters is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eca.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

/* --preset qingxu-2022 writes the bundled county, byte for byte. */
static void preset_is_bundled(void **state)
{
    tu_fixture *x = *state;
    char *out = tu_path(x->dir, "q");
    assert_int_equal(tu_eca(x->dir, "gen '%s' --preset qingxu-2022", out), 0);
    static const char *const files[] = {"firms.csv", "meters.csv"};
    for (int i = 0; i < 2; i++) {
        char *rel = tu_path("datasets/qingxu-2022", files[i]);
        char *want_p = tu_src(rel), *got_p = tu_path(out, files[i]);
        char *want = tu_read(want_p), *got = tu_read(got_p);
        assert_non_null(want);
        assert_non_null(got);
        if (strcmp(got, want))
            fail_msg("gen --preset qingxu-2022: %s differs from the bundled "
                     "one", files[i]);
        free(want);
        free(got);
        free(want_p);
        free(got_p);
        free(rel);
    }
    free(out);
}

/* With --meters 4, a coke plant still gets its whole coking boundary; the
 * other firms get 4 series. Seed 7, 200 firms: 8 coke plants, copies of
 * the preset's top and stamp plants, whose boundaries have 9 to 11 series
 * (F000001 10, F000008 11, F000028 10, F000068 9, F000117 11, F000130 9,
 * F000143 9, F000159 11: 80); 192 other firms x 4 = 768; 848 series of 12
 * months = 10 176 rows. Before, a plant got its first 4 series only
 * (power, coal in, coke and gas out): about 4 kgce/t of power, a
 * coke_intensity_low finding each. Now each plant's intensity is that of
 * its prototype give or take the +-5 % noise of each month: 92.76 to
 * 137.17 kgce/t, inside the plausibility bounds 60 and 300. */
static void coke_plants_whole(void **state)
{
    tu_fixture *x = *state;
    char *ds = tu_path(x->dir, "g");
    assert_int_equal(tu_eca(x->dir, "gen '%s' --seed 7 --firms 200 --meters "
                                    "4 --periods monthly", ds), 0);
    eca_error err;
    eca_error_clear(&err);
    eca_audit *a = eca_audit_run(x->f, ds, NULL, &err);
    assert_non_null(a);
    static const struct {
        const char *id;
        size_t series;
    } plants[] = {{"F000001", 10}, {"F000008", 11}, {"F000028", 10},
                  {"F000068", 9},  {"F000117", 11}, {"F000130", 9},
                  {"F000143", 9},  {"F000159", 11}};
    size_t np = 0, series = 0;
    for (size_t i = 0; i < eca_audit_firm_count(a); i++) {
        const eca_firm_result *r = eca_audit_firm(a, i);
        series += r->series;
        if (strcmp(r->sector, "coking")) {
            assert_int_equal(r->series, 4);
            continue;
        }
        assert_true(np < 8);
        assert_string_equal(r->firm_id, plants[np].id);
        assert_int_equal(r->series, plants[np].series);
        assert_int_equal(r->coking_boundary_tagged, 1);
        if (!(r->coke_kgce_per_t > 90 && r->coke_kgce_per_t < 140))
            fail_msg("%s: %g kgce/t", r->firm_id, r->coke_kgce_per_t);
        eca_flag fl[ECA_FLAGS_MAX];
        size_t nf = eca_audit_flags(a, i, fl);
        for (size_t k = 0; k < nf; k++)
            if (!strncmp(fl[k].rule, "coke_intensity", 14) ||
                !strcmp(fl[k].rule, "coke_without_heating"))
                fail_msg("%s: %s", r->firm_id, fl[k].rule);
        np++;
    }
    assert_int_equal(np, 8);
    assert_int_equal(series, 848);
    assert_int_equal(eca_audit_rows(a, "meters.csv").read, 10176);
    eca_audit_free(a);
    free(ds);
}

/* The same arguments give the same bytes; --meters at or past every
 * plant's boundary gives each firm that many series, as before: the
 * prototypes have at most 12 series (QX001, QX002, QX004), wrapped around
 * when fewer, so with --meters 12 each of the 200 firms has 12: 2 400
 * series of 12 months, 28 800 rows. */
static void deterministic(void **state)
{
    tu_fixture *x = *state;
    char *texts[2];
    for (int k = 0; k < 2; k++) {
        char name[8];
        snprintf(name, sizeof name, "d%d", k);
        char *ds = tu_path(x->dir, name), *p = tu_path(ds, "meters.csv");
        assert_int_equal(tu_eca(x->dir, "gen '%s' --seed 7 --firms 200 "
                                        "--meters 12", ds), 0);
        texts[k] = tu_read(p);
        assert_non_null(texts[k]);
        free(p);
        free(ds);
    }
    assert_string_equal(texts[0], texts[1]);
    size_t lines = 0;
    for (const char *c = texts[0]; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1 + 28800);
    free(texts[0]);
    free(texts[1]);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(preset_is_bundled, tu_setup,
                                        tu_teardown),
        cmocka_unit_test_setup_teardown(coke_plants_whole, tu_setup,
                                        tu_teardown),
        cmocka_unit_test_setup_teardown(deterministic, tu_setup, tu_teardown),
    };
    return cmocka_run_group_tests_name("gen", tests, NULL, NULL);
}
