/* solar_report.c: a solar run's accessors and its output files:
 * solar_roofs.csv, solar_firms.csv, scenarios.csv and summary.json. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

const eca_solar_info *eca_solar_about(const eca_solar *s) { return &s->info; }
size_t eca_solar_scenario_count(const eca_solar *s) { return s->nsc; }
size_t eca_solar_selected(const eca_solar *s) { return s->selected; }
size_t eca_solar_roof_count(const eca_solar *s) { return s->roofs.n; }
size_t eca_solar_firm_count(const eca_solar *s) { return s->nfirm_out; }
uint64_t eca_solar_meter_rows_other(const eca_solar *s)
{
    return s->loads.other;
}

const eca_solar_scenario *eca_solar_scenario_at(const eca_solar *s, size_t i)
{
    return i < s->nsc ? &s->sc[i] : NULL;
}

const eca_solar_roof *eca_solar_roof_at(const eca_solar *s, size_t i)
{
    return i < s->roofs.n ? &s->roof_out[i] : NULL;
}

const eca_solar_firm *eca_solar_firm_at(const eca_solar *s, size_t i)
{
    return i < s->nfirm_out ? &s->firm_out[i] : NULL;
}

eca_row_counts eca_solar_rows(const eca_solar *s, const char *file)
{
    if (file && strcmp(file, "rooftops.csv") == 0)
        return s->roofs.rows;
    if (file && strcmp(file, "firms.csv") == 0)
        return s->rows_firms;
    return s->loads.rows;
}

/* Writes ",v" for each value. */
static void nums(FILE *fp, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputc(',', fp);
        ecai_num_put(fp, v[i]);
    }
}

static eca_status write_roofs(const eca_solar *s, const char *dir,
                              eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "solar_roofs.csv", err);
    if (!fp)
        return err->status;
    fputs("roof_id,category,firm_id,kwp,kwh_year,area_m2,tilt_deg,"
          "azimuth_deg,share,kwh_per_kwp,kwh_lifetime,offset_tce,"
          "offset_tco2,scenario\n", fp);
    for (size_t i = 0; i < s->roofs.n; i++) {
        const eca_solar_roof *r = &s->roof_out[i];
        ecai_csv_put(fp, r->roof_id);
        fprintf(fp, ",%s,", eca_roof_category_name(r->category));
        ecai_csv_put(fp, r->firm_id);
        const double v[] = {r->kwp, r->kwh_year, r->area_m2, r->tilt_deg,
                            r->azimuth_deg, r->share, r->kwh_per_kwp,
                            r->kwh_lifetime, r->offset_tce, r->offset_tco2};
        nums(fp, v, sizeof v / sizeof v[0]);
        fputc(',', fp);
        ecai_csv_put(fp, s->sc[s->selected].name);
        fputc('\n', fp);
    }
    return ecai_out_close(fp, "solar_roofs.csv", err);
}

static eca_status write_firms(const eca_solar *s, const char *dir,
                              eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "solar_firms.csv", err);
    if (!fp)
        return err->status;
    fputs("firm_id,kwp,kwh_year,kwh_self,kwh_export,offset_tce,offset_tco2,"
          "controlled_tce_before,controlled_tce_after,key_firm_after,name,"
          "roofs,load_kwh,load_basis,self_share,offset_tce_equal,self_tco2,"
          "energy_tce,key_firm_before,scenario\n", fp);
    for (size_t i = 0; i < s->nfirm_out; i++) {
        const eca_solar_firm *f = &s->firm_out[i];
        ecai_csv_put(fp, f->firm_id);
        const double a[] = {f->kwp, f->kwh_year, f->kwh_self, f->kwh_export,
                            f->offset_tce, f->offset_tco2,
                            f->controlled_tce_before,
                            f->controlled_tce_after};
        nums(fp, a, sizeof a / sizeof a[0]);
        fprintf(fp, ",%d,", f->key_firm_after);
        ecai_csv_put(fp, f->name);
        fprintf(fp, ",%zu", f->roofs);
        const double b[] = {f->load_kwh};
        nums(fp, b, 1);
        fprintf(fp, ",%s", f->load_hourly ? "hourly" : "yearly");
        const double c[] = {f->kwh_year > 0 ? f->kwh_self / f->kwh_year
                                            : (double)NAN,
                            f->offset_tce_equal, f->self_tco2,
                            f->energy_tce};
        nums(fp, c, sizeof c / sizeof c[0]);
        fprintf(fp, ",%d,", f->key_firm_before);
        ecai_csv_put(fp, s->sc[s->selected].name);
        fputc('\n', fp);
    }
    return ecai_out_close(fp, "solar_firms.csv", err);
}

static eca_status write_scenarios(const eca_solar *s, const char *dir,
                                  eca_error *err)
{
    static const char *const per_cat[] = {"share", "area_m2", "kwp",
                                          "mwh_year", "offset_tce",
                                          "offset_tco2"};
    FILE *fp = ecai_out_open(dir, "scenarios.csv", err);
    if (!fp)
        return err->status;
    fputs("scenario,kwp,mwh_year,mwh_p50,mwh_p90,offset_tce,offset_tco2,"
          "roofs,area_m2,mwh_lifetime,mwh_lifetime_p50,mwh_lifetime_p90,"
          "offset_tce_equal,firms,mwh_self,mwh_export,controlled_cut_tce,"
          "firms_leaving_key", fp);
    for (size_t k = 0; k < sizeof per_cat / sizeof per_cat[0]; k++)
        for (int c = 0; c < ECA_ROOF_COUNT; c++)
            fprintf(fp, ",%s_%s", per_cat[k],
                    eca_roof_category_name((eca_roof_category)c));
    fputc('\n', fp);
    for (size_t i = 0; i < s->nsc; i++) {
        const eca_solar_scenario *x = &s->sc[i];
        ecai_csv_put(fp, x->name);
        const double a[] = {x->kwp, x->kwh_year / 1000, x->kwh_p50 / 1000,
                            x->kwh_p90 / 1000, x->offset_tce, x->offset_tco2};
        nums(fp, a, sizeof a / sizeof a[0]);
        fprintf(fp, ",%zu", x->roofs);
        const double b[] = {x->area_m2, x->kwh_lifetime / 1000,
                            x->kwh_lifetime_p50 / 1000,
                            x->kwh_lifetime_p90 / 1000, x->offset_tce_equal};
        nums(fp, b, sizeof b / sizeof b[0]);
        fprintf(fp, ",%zu", x->firms);
        const double c[] = {x->kwh_self / 1000, x->kwh_export / 1000,
                            x->controlled_cut_tce};
        nums(fp, c, sizeof c / sizeof c[0]);
        fprintf(fp, ",%zu", x->firms_leaving_key);
        const double *cols[] = {x->share, x->cat_area_m2, x->cat_kwp,
                                x->cat_kwh_year, x->cat_offset_tce,
                                x->cat_offset_tco2};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
            for (int cc = 0; cc < ECA_ROOF_COUNT; cc++) {
                fputc(',', fp);
                ecai_num_put(fp, k == 3 ? cols[k][cc] / 1000 : cols[k][cc]);
            }
        fputc('\n', fp);
    }
    return ecai_out_close(fp, "scenarios.csv", err);
}

eca_status eca_solar_write(const eca_solar *s, const char *outdir,
                           eca_error *err)
{
    eca_status st;
    if ((st = write_roofs(s, outdir, err)) != ECA_OK ||
        (st = write_firms(s, outdir, err)) != ECA_OK ||
        (st = write_scenarios(s, outdir, err)) != ECA_OK ||
        (st = ecai_solar_write_summary(s, outdir, err)) != ECA_OK)
        return st;
    return ECA_OK;
}
