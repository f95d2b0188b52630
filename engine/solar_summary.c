/* solar_summary.c: summary.json of a solar run: the manifest (site,
 * weather, factors and their sources, grid factor, draws and seed), row
 * counts, the reference roof and each scenario's totals. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

static void key_num(FILE *fp, const char *k, double v, int comma)
{
    fprintf(fp, "\"%s\": ", k);
    if (isfinite(v))
        fprintf(fp, "%.15g", v);
    else
        fputs("null", fp);
    if (comma)
        fputs(", ", fp);
}

static void key_str(FILE *fp, const char *k, const char *v, int comma)
{
    fprintf(fp, "\"%s\": ", k);
    ecai_json_put(fp, v ? v : "");
    if (comma)
        fputs(", ", fp);
}

static void rows(FILE *fp, const char *name, eca_row_counts r,
                 const char *extra)
{
    fprintf(fp, "    \"%s\": {\"read\": %llu, \"used\": %llu, "
                "\"outside_year\": %llu, \"rejected\": %llu%s}",
            name, (unsigned long long)r.read, (unsigned long long)r.used,
            (unsigned long long)r.outside_year,
            (unsigned long long)r.rejected, extra);
}

eca_status ecai_solar_write_summary(const eca_solar *s, const char *dir,
                                    eca_error *err)
{
    size_t n = strlen(dir) + sizeof "/summary.json";
    char *p = malloc(n), extra[64];
    FILE *fp;
    const eca_solar_info *in = &s->info;
    const ecai_solar_params *par = &s->par;
    if (!p)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    snprintf(p, n, "%s/summary.json", dir);
    fp = fopen(p, "wb");
    free(p);
    if (!fp)
        return ecai_fail(err, ECA_EIO, "summary.json: cannot write: %s",
                         strerror(errno));
    fprintf(fp, "{\n  \"tool\": \"eca solar\", \"version\": \"%s\", "
                "\"year\": %d,\n", ECA_VERSION, in->year);
    fputs("  \"site\": {", fp);
    key_num(fp, "latitude_deg", in->latitude_deg, 1);
    key_num(fp, "longitude_deg", in->longitude_deg, 1);
    key_num(fp, "elevation_m", in->elevation_m, 1);
    key_str(fp, "source", in->site_source, 0);
    fputs("},\n  \"weather\": {", fp);
    key_str(fp, "kind", in->weather, 1);
    key_num(fp, "ghi_kwh_m2", in->ghi_kwh_m2, 1);
    key_num(fp, "dhi_kwh_m2", in->dhi_kwh_m2, 1);
    key_num(fp, "mean_temp_c", in->mean_temp_c, 1);
    key_str(fp, "sky_model", in->sky, 0);
    fputs("},\n  \"model\": {", fp);
    key_num(fp, "system_loss", par->system_loss, 1);
    key_num(fp, "gamma_per_c", par->gamma_per_c, 1);
    key_num(fp, "dc_ac_ratio", par->dc_ac_ratio, 1);
    key_num(fp, "inv_eta_nom", par->inv_eta_nom, 1);
    key_num(fp, "albedo", par->albedo, 1);
    key_num(fp, "degradation_per_year", par->degradation_per_year, 1);
    key_num(fp, "lifetime_years", par->lifetime_years, 1);
    fputs("\"density_w_m2\": {", fp);
    for (int c = 0; c < ECA_ROOF_COUNT; c++)
        key_num(fp, eca_roof_category_name((eca_roof_category)c),
                par->density_w_m2[c], c + 1 < ECA_ROOF_COUNT);
    fputs("}, \"factors\": \"solar.csv (each row cites its source)\"},\n",
          fp);
    fputs("  \"reference_roof\": {", fp);
    key_num(fp, "tilt_deg", in->ref_tilt_deg, 1);
    key_num(fp, "azimuth_deg", par->default_azimuth_deg, 1);
    key_num(fp, "poa_kwh_m2", in->ref_poa_kwh_m2, 1);
    key_num(fp, "kwh_per_kwp", in->ref_kwh_per_kwp, 1);
    key_num(fp, "performance_ratio", in->ref_pr, 0);
    fputs("},\n  \"offsets\": {", fp);
    key_num(fp, "kgce_per_kwh", in->kgce_per_kwh, 1);
    key_num(fp, "kgce_per_kwh_equal", in->kgce_per_kwh_equal, 1);
    key_str(fp, "basis", s->opt.basis == ECA_BASIS_EQUAL ? "equal"
                                                         : "equivalent", 1);
    key_num(fp, "grid_tco2_per_mwh", in->grid_tco2_per_mwh, 1);
    key_str(fp, "grid_region", in->grid_region, 1);
    fprintf(fp, "\"grid_year\": %d, ", in->grid_year);
    key_str(fp, "grid_source", in->grid_source, 1);
    key_num(fp, "key_firm_tce", in->key_firm_tce, 0);
    fprintf(fp, "},\n  \"monte_carlo\": {\"draws\": %d, \"seed\": %lu, "
                "\"rng\": \"gsl_rng_mt19937\", ", in->draws, in->seed);
    key_num(fp, "irradiance_sd", par->mc_irradiance_sd, 1);
    key_num(fp, "loss_sd", par->mc_loss_sd, 1);
    key_num(fp, "degradation_sd", par->mc_degradation_sd, 0);
    fputs("},\n  \"rows\": {\n", fp);
    rows(fp, "firms.csv", s->rows_firms, "");
    fputs(",\n", fp);
    rows(fp, "rooftops.csv", s->roofs.rows, "");
    fputs(",\n", fp);
    snprintf(extra, sizeof extra, ", \"other\": %llu",
             (unsigned long long)s->loads.other);
    rows(fp, "meters.csv", s->loads.rows, extra);
    fputs("\n  },\n  \"scenarios\": [\n", fp);
    for (size_t i = 0; i < s->nsc; i++) {
        const eca_solar_scenario *x = &s->sc[i];
        fputs("    {", fp);
        key_str(fp, "name", x->name, 1);
        fprintf(fp, "\"selected\": %s, \"roofs\": %zu, ",
                i == s->selected ? "true" : "false", x->roofs);
        key_num(fp, "kwp", x->kwp, 1);
        key_num(fp, "mwh_year", x->kwh_year / 1000, 1);
        key_num(fp, "mwh_p50", x->kwh_p50 / 1000, 1);
        key_num(fp, "mwh_p90", x->kwh_p90 / 1000, 1);
        key_num(fp, "mwh_lifetime", x->kwh_lifetime / 1000, 1);
        key_num(fp, "offset_tce", x->offset_tce, 1);
        key_num(fp, "offset_tco2", x->offset_tco2, 1);
        fprintf(fp, "\"firms_leaving_key\": %zu}%s\n", x->firms_leaving_key,
                i + 1 < s->nsc ? "," : "");
    }
    fputs("  ]\n}\n", fp);
    int bad = ferror(fp);
    if (fclose(fp) != 0 || bad)
        return ecai_fail(err, ECA_EIO, "summary.json: write error");
    return ECA_OK;
}
