/* report.c: the audit's output files: firms.csv (one row per firm),
 * summary.json (county totals, key firms by sector and township, row
 * counts, run manifest) and the rows of rejected.csv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "textbuf.h"

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
    "estimated_share,series,series_flagged,coke_boundary,rows_used,"
    "peer_group\n";

static void put_sep_num(ecai_tbuf *b, double v)
{
    ecai_tb_chr(b, ',');
    ecai_tb_num(b, v);
}

/* A grade, empty when there is none (-1). */
static void put_sep_grade(ecai_tbuf *b, int g)
{
    ecai_tb_chr(b, ',');
    if (g >= 0)
        ecai_tb_pad(b, g, 0);
}

static void firm_row(const eca_firm_result *r, ecai_tbuf *b)
{
    const char *txt[] = {r->firm_id, r->name, r->sector, r->township};
    for (int k = 0; k < 4; k++) {
        if (k)
            ecai_tb_chr(b, ',');
        ecai_tb_csv(b, txt[k]);
    }
    put_sep_num(b, r->energy_tce);
    put_sep_num(b, r->feedstock_tce);
    put_sep_num(b, r->renewable_tce);
    put_sep_num(b, r->controlled_tce);
    put_sep_num(b, r->coke_t);
    put_sep_num(b, r->coke_kgce_per_t);
    ecai_tb_chr(b, ',');
    ecai_tb_pad(b, r->key_firm, 0);
    const double carbon[] = {r->co2_combustion_t, r->co2_process_t,
                             r->co2_indirect_t, r->co2_t};
    for (size_t k = 0; k < sizeof carbon / sizeof carbon[0]; k++)
        put_sep_num(b, carbon[k]);
    for (int g = 0; g < 3; g++)
        put_sep_num(b, r->coke_limit[g]);
    put_sep_grade(b, r->coke_grade);
    ecai_tb_chr(b, ',');
    if (r->coke_grade_low != r->coke_grade_high) { /* "%d-%d" */
        ecai_tb_pad(b, r->coke_grade_low, 0);
        ecai_tb_chr(b, '-');
        ecai_tb_pad(b, r->coke_grade_high, 0);
    }
    put_sep_grade(b, r->semi_coke_grade);
    const double audit[] = {r->energy_tce_low, r->energy_tce_high,
                            r->coke_kgce_per_t_low, r->coke_kgce_per_t_high,
                            r->coke_kgce_percentile,
                            r->co2_per_t_coke_percentile,
                            r->co2_t_per_t_coke, r->co2_process_balance_t};
    for (size_t k = 0; k < sizeof audit / sizeof audit[0]; k++)
        put_sep_num(b, audit[k]);
    for (int fl = 0; fl < ECA_FLOW_FEEDSTOCK; fl++)
        put_sep_num(b, r->flow_tce[fl]);
    put_sep_num(b, r->energy_tce_equivalent);
    put_sep_num(b, r->energy_tce_equal);
    const double cmm[] = {r->cmm_m3, r->cmm_ch4_t, r->cmm_avoided_tco2e,
                          r->cmm_co2_t};
    for (size_t k = 0; k < sizeof cmm / sizeof cmm[0]; k++)
        put_sep_num(b, cmm[k]);
    ecai_tb_chr(b, ',');
    ecai_tb_pad(b, r->firm_factors, 0);
    put_sep_num(b, r->completeness);
    put_sep_num(b, r->estimated_share);
    ecai_tb_chr(b, ',');
    ecai_tb_u64(b, r->series);
    ecai_tb_chr(b, ',');
    ecai_tb_u64(b, r->series_flagged);
    ecai_tb_chr(b, ',');
    ecai_tb_str(b, r->coke_t > 0 ? (r->coking_boundary_tagged ? "coking"
                                                             : "site")
                                 : "");
    ecai_tb_chr(b, ',');
    ecai_tb_u64(b, r->rows_used);
    ecai_tb_chr(b, ',');
    /* the group of the percentiles, as summary.json's peers name it */
    ecai_tb_csv(b, r->sector);
    ecai_tb_str(b, ecai_peer_suffix(r));
    ecai_tb_chr(b, '\n');
}

static void firm_rows(ecai_tbuf *b, const void *user, size_t i)
{
    firm_row(&((const eca_audit *)user)->res[i], b);
}

static eca_status write_firms(const eca_audit *a, const char *dir,
                              eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "firms.csv", err);
    ecai_tbuf b = {0};
    if (!fp)
        return err->status;
    ecai_tb_str(&b, firm_cols);
    return ecai_tb_write_rows(fp, &b, a->firms.n, firm_rows, a, a->threads,
                              "firms.csv", err);
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
