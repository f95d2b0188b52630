/* solar_params.c: factors/solar.csv, every PV model parameter with its
 * source. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

static const char *const cat_names[ECA_ROOF_COUNT] = {
    "government", "public", "industrial", "residential"};

const char *eca_roof_category_name(eca_roof_category c)
{
    return (unsigned)c < ECA_ROOF_COUNT ? cat_names[c] : "";
}

enum { SCALAR, BY_CATEGORY, BY_MONTH };

typedef struct {
    const char *name;
    int kind;
    size_t off;
    double lo, hi; /* accepted range */
} pdef;

#define P(f) offsetof(ecai_solar_params, f)
static const pdef defs[] = {
    {"density_w_m2", BY_CATEGORY, P(density_w_m2), 1, 400},
    {"policy_share", BY_CATEGORY, P(policy_share), 0, 1},
    {"sapm_a", BY_CATEGORY, P(sapm_a), -10, 0},
    {"sapm_b", BY_CATEGORY, P(sapm_b), -1, 0},
    {"sapm_dt", BY_CATEGORY, P(sapm_dt), 0, 30},
    {"default_tilt_deg", SCALAR, P(default_tilt_deg), 0, 90},
    {"default_azimuth_deg", SCALAR, P(default_azimuth_deg), 0, 360},
    {"albedo", SCALAR, P(albedo), 0, 1},
    {"wind_speed_ms", SCALAR, P(wind_speed_ms), 0, 50},
    {"solar_constant_wm2", SCALAR, P(solar_constant_wm2), 1300, 1400},
    {"erbs_min_cos_zenith", SCALAR, P(erbs_min_cos_zenith), 0.001, 1},
    {"erbs_max_kt", SCALAR, P(erbs_max_kt), 0.1, 2},
    {"hd_min_cos_zenith", SCALAR, P(hd_min_cos_zenith), 0.001, 1},
    {"iam_b0", SCALAR, P(iam_b0), 0, 1},
    {"gamma_per_c", SCALAR, P(gamma_per_c), -0.02, 0},
    {"t_ref_c", SCALAR, P(t_ref_c), -50, 100},
    {"e_ref_wm2", SCALAR, P(e_ref_wm2), 1, 2000},
    {"system_loss", SCALAR, P(system_loss), 0, 0.9},
    {"dc_ac_ratio", SCALAR, P(dc_ac_ratio), 0.5, 3},
    {"inv_eta_nom", SCALAR, P(inv_eta_nom), 0.5, 1},
    {"inv_eta_ref", SCALAR, P(inv_eta_ref), 0.5, 1},
    {"inv_a", SCALAR, P(inv_a), -1, 1},
    {"inv_b", SCALAR, P(inv_b), -1, 1},
    {"inv_c", SCALAR, P(inv_c), 0, 2},
    {"degradation_per_year", SCALAR, P(degradation_per_year), 0, 0.2},
    {"lifetime_years", SCALAR, P(lifetime_years), 1, 100},
    {"mc_irradiance_sd", SCALAR, P(mc_irradiance_sd), 0, 0.5},
    {"mc_loss_sd", SCALAR, P(mc_loss_sd), 0, 0.5},
    {"mc_degradation_sd", SCALAR, P(mc_degradation_sd), 0, 0.1},
    {"site_latitude_deg", SCALAR, P(site_latitude_deg), -90, 90},
    {"site_longitude_deg", SCALAR, P(site_longitude_deg), -180, 180},
    {"site_elevation_m", SCALAR, P(site_elevation_m), -500, 9000},
    {"site_pressure_mbar", SCALAR, P(site_pressure_mbar), 300, 1100},
    {"timezone_h", SCALAR, P(timezone_h), -12, 14},
    {"delta_t_s", SCALAR, P(delta_t_s), -100, 200},
    {"atmos_refract_deg", SCALAR, P(atmos_refract_deg), 0, 5},
    {"monthly_ghi_kwh_m2", BY_MONTH, P(monthly_ghi_kwh_m2), 0, 400},
    {"monthly_temp_c", BY_MONTH, P(monthly_temp_c), -60, 60},
};
#define NDEF (sizeof defs / sizeof defs[0])

static int slots(int kind)
{
    return kind == SCALAR ? 1 : kind == BY_CATEGORY ? ECA_ROOF_COUNT : 12;
}

/* Index of the category or month cell, -1 when it is not one. */
static int slot_of(int kind, const char *s)
{
    if (kind == SCALAR)
        return *s ? -1 : 0;
    if (kind == BY_CATEGORY) {
        for (int i = 0; i < ECA_ROOF_COUNT; i++)
            if (strcmp(s, cat_names[i]) == 0)
                return i;
        return -1;
    }
    char *end;
    long m = strtol(s, &end, 10);
    return (*s && !*end && m >= 1 && m <= 12) ? (int)m - 1 : -1;
}

eca_status ecai_solar_params_load(ecai_solar_params *p, const char *path,
                                  eca_error *err)
{
    static const char *const req[] = {"parameter", "category", "value",
                                      "source", NULL};
    unsigned char seen[NDEF][12];
    ecai_csv *c = ecai_csv_open(path, "solar.csv", err);
    eca_status st = ECA_OK;
    int r;
    memset(p, 0, sizeof *p);
    memset(seen, 0, sizeof seen);
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    long cp = ecai_csv_find(c, "parameter"), cc = ecai_csv_find(c, "category"),
         cv = ecai_csv_find(c, "value"), cs = ecai_csv_find(c, "source");
    while ((r = ecai_csv_next(c, err)) == 1) {
        size_t nv;
        const char *name = ecai_csv_field(c, (size_t)cp, NULL);
        const char *cat = ecai_csv_field(c, (size_t)cc, NULL);
        const char *val = ecai_csv_field(c, (size_t)cv, &nv);
        const char *src = ecai_csv_field(c, (size_t)cs, NULL);
        long line = ecai_csv_line(c);
        double v;
        size_t k = 0;
        if (ecai_csv_nfields(c) != ecai_csv_columns(c)) {
            st = ecai_fail(err, ECA_EFACTOR,
                           "solar.csv:%ld: row has %zu fields, header has %zu",
                           line, ecai_csv_nfields(c), ecai_csv_columns(c));
            goto done;
        }
        while (k < NDEF && strcmp(defs[k].name, name) != 0)
            k++;
        if (k == NDEF) {
            st = ecai_fail(err, ECA_EFACTOR,
                           "solar.csv:%ld: column 'parameter': \"%s\" is not "
                           "a parameter of the PV model", line, name);
            goto done;
        }
        int slot = slot_of(defs[k].kind, cat);
        if (slot < 0) {
            st = ecai_fail(err, ECA_EFACTOR,
                           "solar.csv:%ld: column 'category': \"%s\" is not "
                           "%s for %s", line, cat,
                           defs[k].kind == SCALAR ? "empty"
                           : defs[k].kind == BY_CATEGORY
                               ? "a roof category"
                               : "a month 1..12",
                           name);
            goto done;
        }
        if (!*src) {
            st = ecai_fail(err, ECA_EFACTOR,
                           "solar.csv:%ld: column 'source': empty: every "
                           "shipped factor must cite its source", line);
            goto done;
        }
        if (ecai_parse_double(val, nv, &v) != 0 || !(v >= defs[k].lo) ||
            !(v <= defs[k].hi)) {
            st = ecai_fail(err, ECA_EFACTOR,
                           "solar.csv:%ld: column 'value': \"%s\" is not a "
                           "number in [%g, %g] for %s", line, val,
                           defs[k].lo, defs[k].hi, name);
            goto done;
        }
        if (seen[k][slot]) {
            st = ecai_fail(err, ECA_EFACTOR,
                           "solar.csv:%ld: %s%s%s is listed twice", line,
                           name, *cat ? " " : "", cat);
            goto done;
        }
        seen[k][slot] = 1;
        ((double *)((char *)p + defs[k].off))[slot] = v;
    }
    if (r < 0) {
        st = err->status;
        goto done;
    }
    for (size_t k = 0; k < NDEF; k++)
        for (int s = 0; s < slots(defs[k].kind); s++)
            if (!seen[k][s]) {
                st = ecai_fail(err, ECA_EFACTOR,
                               "solar.csv: no row for parameter %s%s%s",
                               defs[k].name,
                               defs[k].kind == SCALAR ? "" : " category ",
                               defs[k].kind == BY_CATEGORY ? cat_names[s]
                               : defs[k].kind == BY_MONTH
                                   ? (const char *[]){"1", "2", "3", "4", "5",
                                                      "6", "7", "8", "9", "10",
                                                      "11", "12"}[s]
                                   : "");
                goto done;
            }
done:
    ecai_csv_close(c);
    return st;
}
