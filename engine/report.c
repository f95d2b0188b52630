/* report.c: the audit's output files: firms.csv (one row per firm),
 * summary.json (county totals, key firms by sector and township, row
 * counts, run manifest) and the rows of rejected.csv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

static const char *const firm_cols =
    "firm_id,name,sector,township,energy_tce,feedstock_tce,renewable_tce,"
    "controlled_tce,coke_t,coke_kgce_per_t,key_firm,co2_combustion_t,"
    "co2_process_t,co2_indirect_t,co2_t,coke_limit_g1,coke_limit_g2,"
    "coke_limit_g3,coke_grade,coke_grade_span,semi_coke_grade,"
    "energy_tce_low,energy_tce_high,coke_kgce_per_t_low,"
    "coke_kgce_per_t_high,coke_kgce_percentile,co2_per_t_coke_percentile,"
    "co2_t_per_t_coke,co2_process_balance_t,consume_tce,convert_in_tce,"
    "convert_out_tce,"
    "recovered_tce,energy_tce_equivalent,energy_tce_equal,cmm_m3,cmm_ch4_t,"
    "cmm_avoided_tco2e,cmm_co2_t,firm_factors,completeness,"
    "estimated_share,series,series_flagged,coke_boundary,rows_used\n";

static void put_sep_num(FILE *fp, double v)
{
    fputc(',', fp);
    ecai_num_put(fp, v);
}

/* A grade, empty when there is none (-1). */
static void put_sep_grade(FILE *fp, int g)
{
    fputc(',', fp);
    if (g >= 0)
        fprintf(fp, "%d", g);
}

static eca_status write_firms(const eca_audit *a, const char *dir,
                              eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "firms.csv", err);
    if (!fp)
        return err->status;
    fputs(firm_cols, fp);
    for (size_t i = 0; i < a->firms.n; i++) {
        const eca_firm_result *r = &a->res[i];
        const char *txt[] = {r->firm_id, r->name, r->sector, r->township};
        for (int k = 0; k < 4; k++) {
            if (k)
                fputc(',', fp);
            ecai_csv_put(fp, txt[k]);
        }
        put_sep_num(fp, r->energy_tce);
        put_sep_num(fp, r->feedstock_tce);
        put_sep_num(fp, r->renewable_tce);
        put_sep_num(fp, r->controlled_tce);
        put_sep_num(fp, r->coke_t);
        put_sep_num(fp, r->coke_kgce_per_t);
        fprintf(fp, ",%d", r->key_firm);
        const double carbon[] = {r->co2_combustion_t, r->co2_process_t,
                                 r->co2_indirect_t, r->co2_t};
        for (size_t k = 0; k < sizeof carbon / sizeof carbon[0]; k++)
            put_sep_num(fp, carbon[k]);
        for (int g = 0; g < 3; g++)
            put_sep_num(fp, r->coke_limit[g]);
        put_sep_grade(fp, r->coke_grade);
        fputc(',', fp);
        if (r->coke_grade_low != r->coke_grade_high)
            fprintf(fp, "%d-%d", r->coke_grade_low, r->coke_grade_high);
        put_sep_grade(fp, r->semi_coke_grade);
        const double audit[] = {r->energy_tce_low, r->energy_tce_high,
                                r->coke_kgce_per_t_low,
                                r->coke_kgce_per_t_high,
                                r->coke_kgce_percentile,
                                r->co2_per_t_coke_percentile,
                                r->co2_t_per_t_coke,
                                r->co2_process_balance_t};
        for (size_t k = 0; k < sizeof audit / sizeof audit[0]; k++)
            put_sep_num(fp, audit[k]);
        for (int fl = 0; fl < ECA_FLOW_FEEDSTOCK; fl++)
            put_sep_num(fp, r->flow_tce[fl]);
        put_sep_num(fp, r->energy_tce_equivalent);
        put_sep_num(fp, r->energy_tce_equal);
        const double cmm[] = {r->cmm_m3, r->cmm_ch4_t, r->cmm_avoided_tco2e,
                              r->cmm_co2_t};
        for (size_t k = 0; k < sizeof cmm / sizeof cmm[0]; k++)
            put_sep_num(fp, cmm[k]);
        fprintf(fp, ",%d", r->firm_factors);
        put_sep_num(fp, r->completeness);
        put_sep_num(fp, r->estimated_share);
        fprintf(fp, ",%zu,%zu,%s,%llu\n", r->series, r->series_flagged,
                r->coke_t > 0 ? (r->coking_boundary_tagged ? "coking" : "site")
                              : "",
                (unsigned long long)r->rows_used);
    }
    return ecai_out_close(fp, "firms.csv", err);
}

eca_status eca_audit_write(const eca_audit *a, const eca_factors *f,
                           const eca_audit_options *o, const char *outdir,
                           eca_error *err)
{
    eca_audit_options defaults;
    if (!a || !f || !outdir)
        return ecai_fail(err, ECA_EARG, "eca_audit_write: missing argument");
    if (!o) {
        eca_audit_options_init(&defaults);
        o = &defaults;
    }
    eca_status st = write_firms(a, outdir, err);
    if (st == ECA_OK)
        st = ecai_flags_write(a, outdir, err);
    if (st == ECA_OK)
        st = ecai_breakdown_write(a, outdir, err);
    if (st == ECA_OK)
        st = ecai_series_write(a, outdir, err);
    if (st == ECA_OK)
        st = ecai_summary_write(a, f, o, outdir, err);
    return st;
}

int eca_reject_write_header(FILE *fp)
{
    return fputs("file,line,column,reason,detail\n", fp) < 0 ? -1 : 0;
}

int eca_reject_write(FILE *fp, const eca_reject *r)
{
    int bad = ecai_csv_put(fp, r->file) | (fprintf(fp, ",%ld,", r->line) < 0);
    bad |= ecai_csv_put(fp, r->column) | (fputc(',', fp) == EOF);
    bad |= ecai_csv_put(fp, r->reason) | (fputc(',', fp) == EOF);
    bad |= ecai_csv_put(fp, r->detail) | (fputc('\n', fp) == EOF);
    return bad ? -1 : 0;
}
