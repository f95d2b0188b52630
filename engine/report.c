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
    "co2_process_t,co2_indirect_t,co2_t,co2_t_per_t_coke,"
    "co2_process_balance_t,consume_tce,convert_in_tce,convert_out_tce,"
    "recovered_tce,energy_tce_equivalent,energy_tce_equal,cmm_m3,cmm_ch4_t,"
    "cmm_avoided_tco2e,cmm_co2_t,firm_factors,coke_boundary,rows_used\n";

static void put_sep_num(FILE *fp, double v)
{
    fputc(',', fp);
    ecai_num_put(fp, v);
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
                                 r->co2_indirect_t, r->co2_t,
                                 r->co2_t_per_t_coke,
                                 r->co2_process_balance_t};
        for (size_t k = 0; k < sizeof carbon / sizeof carbon[0]; k++)
            put_sep_num(fp, carbon[k]);
        for (int fl = 0; fl < ECA_FLOW_FEEDSTOCK; fl++)
            put_sep_num(fp, r->flow_tce[fl]);
        put_sep_num(fp, r->energy_tce_equivalent);
        put_sep_num(fp, r->energy_tce_equal);
        const double cmm[] = {r->cmm_m3, r->cmm_ch4_t, r->cmm_avoided_tco2e,
                              r->cmm_co2_t};
        for (size_t k = 0; k < sizeof cmm / sizeof cmm[0]; k++)
            put_sep_num(fp, cmm[k]);
        fprintf(fp, ",%d,%s,%llu\n", r->firm_factors,
                r->coke_t > 0 ? (r->coking_boundary_tagged ? "coking" : "site")
                              : "",
                (unsigned long long)r->rows_used);
    }
    return ecai_out_close(fp, "firms.csv", err);
}

/* flags.csv: one row per finding against a threshold of thresholds.csv. */
static eca_status write_flags(const eca_audit *a, const eca_factors *f,
                              const char *dir, eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "flags.csv", err);
    double coke_target = NAN;
    const char *coke_sev = "", *coke_src = "";
    if (!fp)
        return err->status;
    ecai_factors_threshold_full(f, "county_coke_target", &coke_target,
                                &coke_sev, &coke_src);
    fputs("firm_id,rule,value,threshold,severity,source\n", fp);
    for (size_t i = 0; i < a->firms.n; i++) {
        const eca_firm_result *r = &a->res[i];
        const char *rule[3] = {NULL, NULL, NULL}, *sev[3], *src[3];
        double val[3], thr[3];
        if (r->key_firm) {
            double v;
            ecai_factors_threshold_full(f, "key_firm", &v, &sev[0], &src[0]);
            rule[0] = "key_firm";
            val[0] = r->energy_tce;
            thr[0] = v;
        }
        /* semi-coke (兰炭) has its own limits (GB 29995), not the coke
         * target */
        if (r->coke_kgce_per_t > coke_target &&
            strcmp(r->coke_oven, "semi_coke") != 0) {
            rule[1] = "county_coke_target";
            val[1] = r->coke_kgce_per_t;
            thr[1] = coke_target;
            sev[1] = coke_sev;
            src[1] = coke_src;
        }
        if (r->co2_process_balance_t < 0 &&
            ecai_factors_threshold_full(f, "negative_carbon_balance", &thr[2],
                                        &sev[2], &src[2])) {
            rule[2] = "negative_carbon_balance";
            val[2] = r->co2_process_balance_t;
        }
        for (int k = 0; k < 3; k++) {
            if (!rule[k])
                continue;
            ecai_csv_put(fp, r->firm_id);
            fprintf(fp, ",%s", rule[k]);
            put_sep_num(fp, val[k]);
            put_sep_num(fp, thr[k]);
            fputc(',', fp);
            ecai_csv_put(fp, sev[k]);
            fputc(',', fp);
            ecai_csv_put(fp, src[k]);
            fputc('\n', fp);
        }
    }
    return ecai_out_close(fp, "flags.csv", err);
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
        st = write_flags(a, f, outdir, err);
    if (st == ECA_OK)
        st = ecai_breakdown_write(a, outdir, err);
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
