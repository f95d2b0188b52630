/* test_solar_model.c: the steps from horizontal light to AC energy, each
 * against a hand calculation: Erbs, incidence, isotropic and Hay-Davies
 * transposition, incidence-angle loss, Sandia cell temperature, DC with
 * the temperature coefficient, losses and the PVWatts inverter; and the
 * shipped parameter table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"
#include "testutil.h"

static ecai_solar_params par;

static int setup(void **state)
{
    eca_error err;
    char path[4096];
    (void)state;
    eca_error_clear(&err);
    snprintf(path, sizeof path, "%s/solar.csv", tu_factors_dir());
    if (ecai_solar_params_load(&par, path, &err) != ECA_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

/* The shipped table: PVWatts v5 and NEA figures as cited. */
static void shipped_parameters(void **state)
{
    (void)state;
    assert_rel(par.system_loss, 0.14, 1e-15);
    assert_rel(par.inv_eta_nom, 0.96, 1e-15);
    assert_rel(par.gamma_per_c, -0.0037, 1e-15);
    assert_rel(par.policy_share[ECA_ROOF_GOVERNMENT], 0.50, 1e-15);
    assert_rel(par.policy_share[ECA_ROOF_PUBLIC], 0.40, 1e-15);
    assert_rel(par.policy_share[ECA_ROOF_INDUSTRIAL], 0.30, 1e-15);
    assert_rel(par.policy_share[ECA_ROOF_RESIDENTIAL], 0.20, 1e-15);
    double year = 0;
    for (int m = 0; m < 12; m++)
        year += par.monthly_ghi_kwh_m2[m];
    assert_rel(year, 1479.0, 1e-12); /* 76 + 90 + ... + 69 */
}

/* Erbs: kt 0.153 -> 1 - 0.09 x 0.153 = 0.98623; kt 0.85 -> 0.165; and at
 * the breakpoint 0.22 both pieces meet within 0.2 %. */
static void erbs_pieces(void **state)
{
    (void)state;
    assert_rel(ecai_erbs_fraction(0.153), 0.98623, 1e-12);
    assert_rel(ecai_erbs_fraction(0.85), 0.165, 1e-15);
    assert_rel(ecai_erbs_fraction(0.22), 1 - 0.09 * 0.22, 2e-3);
}

/* One hour by hand: GHI 612.5 W/m2, sun at zenith 41.3 and azimuth 152.7
 * degrees, extraterrestrial normal 1412.4 W/m2; roof 28.5 degrees facing
 * 187.5 degrees, albedo 0.2.
 *   cos z = cos 41.3 = 0.751264134; kt = 612.5 / (1412.4 x 0.751264134)
 *   = 0.577239084; Erbs: 0.9511 - 0.1604 kt + 4.388 kt^2 - 16.638 kt^3
 *   + 12.336 kt^4 = 0.490090295; DHI = 300.180306; DNI = (612.5 -
 *   300.180306) / 0.751264134 = 415.725549.
 *   cos(theta) = cos z cos 28.5 + sin z sin 28.5 cos(152.7 - 187.5)
 *   = 0.918824666; beam = 381.978889; ground = 612.5 x 0.2 x (1 - cos
 *   28.5) / 2 = 7.422452.
 *   isotropic sky = DHI (1 + cos 28.5) / 2 = 281.991947.
 *   Hay-Davies: Ai = 415.725549 / 1412.4 = 0.294339811, Rb = 0.918824666 /
 *   0.751264134 = 1.223038110, sky = DHI (Ai Rb + (1 - Ai)(1 + cos 28.5)/2)
 *   = 307.052041. */
static void transposition_by_hand(void **state)
{
    (void)state;
    ecai_sky s = {612.5, 0, 0, cos(41.3 * 3.14159265358979323846 / 180), 41.3, 152.7, 1412.4};
    ecai_erbs_split(&s, &par);
    assert_rel(s.dhi, 300.1803055651472, 1e-12);
    assert_rel(s.dni, 415.7255491199263, 1e-12);
    double ci = ecai_cos_incidence(41.3, 152.7, 28.5, 187.5);
    assert_rel(ci, 0.9188246656782071, 1e-12);
    ecai_poa iso, hd;
    ecai_transpose(&s, 28.5, ci, ECA_SKY_ISOTROPIC, &par, &iso);
    ecai_transpose(&s, 28.5, ci, ECA_SKY_HAY_DAVIES, &par, &hd);
    assert_rel(iso.beam, 381.97888868400537, 1e-12);
    assert_rel(iso.ground, 7.42245184945462, 1e-12);
    assert_rel(iso.sky, 281.99194748994813, 1e-12);
    assert_rel(hd.sky, 307.0520407620882, 1e-12);
    assert_rel(hd.beam, iso.beam, 1e-15);
}

/* The same hour through the module, open rack (government), air 23.4 C,
 * wind 2 m/s:
 *   IAM = 1 - 0.05 (1/0.918824666 - 1) = 0.995582654; effective =
 *   381.978889 x 0.995582654 + 307.052041 + 7.422452 = 694.766048.
 *   module = 694.766048 x exp(-3.56 - 0.075 x 2) + 23.4 = 40.406152;
 *   cell = module + 694.766048 / 1000 x 3 = 42.490450.
 *   DC per kWp = 0.694766048 x (1 - 0.0037 (42.490450 - 25)) = 0.649804;
 *   after 14 % losses 0.558832.
 *   Inverter: AC rating 1/1.1 = 0.909091, DC at rating 0.909091 / 0.96 =
 *   0.946970, zeta = 0.590126, eta = 0.96/0.9637 (-0.0162 zeta - 0.0059 /
 *   zeta + 0.9858) = 0.962532; AC = 0.537894 kW per kWp. */
static void dc_and_inverter_by_hand(void **state)
{
    (void)state;
    ecai_poa poa = {381.97888868400537, 307.0520407620882, 7.42245184945462};
    double eff = ecai_effective_poa(&poa, 0.9188246656782071, &par);
    assert_rel(eff, 694.7660482737522, 1e-12);
    double cell = ecai_cell_temp(eff, 23.4, ECA_ROOF_GOVERNMENT, &par);
    assert_rel(cell, 42.490450259796184, 1e-12);
    double dc = ecai_dc_per_kwp(eff, cell, &par);
    assert_rel(dc, 0.6498044955385015, 1e-12);
    double ac = ecai_ac_per_kwp(dc * (1 - par.system_loss), &par);
    assert_rel(ac, 0.5378937405819879, 1e-12);
    /* clipping: DC 0.95 after losses would give 0.911969 > 0.909091 */
    assert_rel(ecai_ac_per_kwp(0.95, &par), 1 / 1.1, 1e-15);
    assert_rel(ecai_ac_per_kwp(0, &par), 0, 0);
    /* close roof mount runs hotter: exp(-2.98 - 0.0471 x 2) x 694.766 +
     * 23.4 + 0.694766 x 1 = 56.77 C */
    assert_rel(ecai_cell_temp(eff, 23.4, ECA_ROOF_INDUSTRIAL, &par),
               694.7660482737522 * exp(-2.98 - 0.0471 * 2) + 23.4 +
                   0.6947660482737522, 1e-12);
}

/* A night step gives nothing; light before sunrise is all diffuse. */
static void edges(void **state)
{
    (void)state;
    ecai_sky s = {35.2, 0, 0, -0.05, 92.9, 70.1, 1400};
    ecai_erbs_split(&s, &par);
    assert_rel(s.dhi, 35.2, 0);
    assert_rel(s.dni, 0, 0);
    ecai_poa poa;
    ecai_transpose(&s, 30, -0.2, ECA_SKY_HAY_DAVIES, &par, &poa);
    assert_rel(poa.beam, 0, 0);
    assert_int_equal(ecai_typical_doy(2, 29), -1);
    assert_int_equal(ecai_typical_doy(12, 31), 364);
    assert_int_equal(ecai_typical_doy(3, 1), 59);
}

static void bad_tables(void **state)
{
    (void)state;
    char *d = tu_tmpdir(), *p = tu_path(d, "solar.csv");
    ecai_solar_params q;
    eca_error err;
    struct {
        const char *text, *msg;
    } cases[] = {
        {"parameter,category,value,source\nalbedo,,0.2,x\n",
         "solar.csv: no row for parameter density_w_m2 category government"},
        {"parameter,category,value,source\nalbedo,,2,x\n",
         "solar.csv:2: column 'value': \"2\" is not a number in [0, 1] for "
         "albedo"},
        {"parameter,category,value,source\nalbedo,,0.2,\n",
         "solar.csv:2: column 'source': empty: every shipped factor must "
         "cite its source"},
        {"parameter,category,value,source\nalbedo,public,0.2,x\n",
         "solar.csv:2: column 'category': \"public\" is not empty for albedo"},
        {"parameter,category,value,source\nsnow,,0.2,x\n",
         "solar.csv:2: column 'parameter': \"snow\" is not a parameter of the "
         "PV model"},
        {"parameter,category,value,source\nalbedo,,0.2,x\nalbedo,,0.3,y\n",
         "solar.csv:3: albedo is listed twice"},
        {"parameter,value,source\n",
         "solar.csv:1: column 'category': required column is missing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_write(d, "solar.csv", cases[i].text);
        eca_error_clear(&err);
        assert_int_not_equal(ecai_solar_params_load(&q, p, &err), ECA_OK);
        assert_string_equal(err.msg, cases[i].msg);
    }
    free(p);
    tu_rmtree(d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_parameters),
        cmocka_unit_test(erbs_pieces),
        cmocka_unit_test(transposition_by_hand),
        cmocka_unit_test(dc_and_inverter_by_hand),
        cmocka_unit_test(edges),
        cmocka_unit_test(bad_tables),
    };
    return cmocka_run_group_tests_name("solar_model", tests, setup, NULL);
}
