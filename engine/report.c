/* report.c: the audit's output files: firms.csv (one row per firm),
 * summary.json (county totals, key firms by sector and township, row
 * counts, run manifest) and the rows of rejected.csv. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

static const char *const firm_cols =
    "firm_id,name,sector,township,energy_tce,feedstock_tce,renewable_tce,"
    "controlled_tce,coke_t,coke_kgce_per_t,key_firm,consume_tce,"
    "convert_in_tce,convert_out_tce,recovered_tce,energy_tce_equivalent,"
    "energy_tce_equal,coke_boundary,rows_used\n";

static FILE *open_out(const char *dir, const char *name, eca_error *err)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    FILE *fp = NULL;
    if (!p) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        return NULL;
    }
    snprintf(p, n, "%s/%s", dir, name);
    if (!(fp = fopen(p, "wb")))
        ecai_fail(err, ECA_EIO, "%s: cannot write: %s", p, strerror(errno));
    free(p);
    return fp;
}

static eca_status close_out(FILE *fp, const char *name, eca_error *err)
{
    int bad = ferror(fp);
    if (fclose(fp) != 0 || bad)
        return ecai_fail(err, ECA_EIO, "%s: write error: %s", name,
                         strerror(errno));
    return ECA_OK;
}

static void put_sep_num(FILE *fp, double v)
{
    fputc(',', fp);
    ecai_num_put(fp, v);
}

static eca_status write_firms(const eca_audit *a, const char *dir,
                              eca_error *err)
{
    FILE *fp = open_out(dir, "firms.csv", err);
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
        for (int fl = 0; fl < ECA_FLOW_FEEDSTOCK; fl++)
            put_sep_num(fp, r->flow_tce[fl]);
        put_sep_num(fp, r->energy_tce_equivalent);
        put_sep_num(fp, r->energy_tce_equal);
        fprintf(fp, ",%s,%llu\n",
                r->coke_t > 0 ? (r->coking_boundary_tagged ? "coking" : "site")
                              : "",
                (unsigned long long)r->rows_used);
    }
    return close_out(fp, "firms.csv", err);
}

/* ---- summary.json ---- */

static void jnum(FILE *fp, double v)
{
    if (!isfinite(v))
        fputs("null", fp);
    else
        ecai_num_put(fp, v);
}

static void jkey(FILE *fp, int indent, const char *k)
{
    fprintf(fp, "%*s", indent, "");
    ecai_json_put(fp, k);
    fputs(": ", fp);
}

typedef struct {
    const char *key;
    size_t firms, key_firms;
    double energy, controlled, key_energy, key_controlled;
} group;

static int by_key(const void *x, const void *y)
{
    return strcmp(((const group *)x)->key, ((const group *)y)->key);
}

/* Groups firms by sector (field 0) or township (1), sorted by name. */
static group *make_groups(const eca_audit *a, int field, size_t *ng)
{
    group *g = calloc(a->firms.n + 1, sizeof *g);
    size_t n = 0;
    if (!g)
        return NULL;
    for (size_t i = 0; i < a->firms.n; i++) {
        const eca_firm_result *r = &a->res[i];
        const char *k = field == 0 ? r->sector : r->township;
        size_t j = 0;
        while (j < n && strcmp(g[j].key, k) != 0)
            j++;
        if (j == n)
            g[n++].key = k;
    }
    qsort(g, n, sizeof *g, by_key);
    /* sums in firm order, so the result is fixed */
    for (size_t i = 0; i < a->firms.n; i++) {
        const eca_firm_result *r = &a->res[i];
        group key = {field == 0 ? r->sector : r->township, 0, 0, 0, 0, 0, 0};
        group *x = bsearch(&key, g, n, sizeof *g, by_key);
        x->firms++;
        x->energy += r->energy_tce;
        x->controlled += r->controlled_tce;
        if (r->key_firm) {
            x->key_firms++;
            x->key_energy += r->energy_tce;
            x->key_controlled += r->controlled_tce;
        }
    }
    *ng = n;
    return g;
}

static void write_groups(FILE *fp, const group *g, size_t n,
                         const char *name, double county_energy)
{
    fputs("[", fp);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "%s\n      {", i ? "," : "");
        ecai_json_put(fp, name);
        fputs(": ", fp);
        ecai_json_put(fp, g[i].key);
        fprintf(fp, ", \"firms\": %zu, \"energy_tce\": ", g[i].firms);
        jnum(fp, g[i].energy);
        fputs(", \"controlled_tce\": ", fp);
        jnum(fp, g[i].controlled);
        fprintf(fp, ", \"key_firms\": %zu, \"key_energy_tce\": ",
                g[i].key_firms);
        jnum(fp, g[i].key_energy);
        fputs(", \"key_controlled_tce\": ", fp);
        jnum(fp, g[i].key_controlled);
        fputs(", \"key_share_of_county_energy\": ", fp);
        jnum(fp, county_energy != 0 ? g[i].key_energy / county_energy : (double)NAN);
        fputs("}", fp);
    }
    fputs(n ? "\n    ]" : "]", fp);
}

static void write_rows(FILE *fp, const char *name, eca_row_counts c,
                       int last)
{
    jkey(fp, 4, name);
    fprintf(fp,
            "{\"read\": %llu, \"used\": %llu, \"outside_year\": %llu, "
            "\"rejected\": %llu}%s\n",
            (unsigned long long)c.read, (unsigned long long)c.used,
            (unsigned long long)c.outside_year,
            (unsigned long long)c.rejected, last ? "" : ",");
}

static void write_factors(FILE *fp, const eca_audit *a, const eca_factors *f)
{
    size_t nfiles, ncar = eca_factors_carrier_count(f);
    const char *const *files = ecai_factors_files(f, &nfiles);
    jkey(fp, 2, "factors");
    fputs("{\n", fp);
    jkey(fp, 4, "files");
    fputs("[", fp);
    for (size_t i = 0; i < nfiles; i++) {
        fputs(i ? ", " : "", fp);
        ecai_json_put(fp, files[i]);
    }
    fputs("],\n", fp);
    jkey(fp, 4, "key_firm_tce");
    jnum(fp, a->key_firm_tce);
    fputs(",\n", fp);
    jkey(fp, 4, "key_firm_source");
    ecai_json_put(fp, a->key_firm_source);
    fputs(",\n", fp);
    jkey(fp, 4, "electricity_equal_kgce_per_kwh");
    jnum(fp, a->equal_kgce_per_kwh > 0 ? a->equal_kgce_per_kwh : (double)NAN);
    fputs(",\n", fp);
    jkey(fp, 4, "carriers");
    fputs("[", fp);
    for (size_t i = 0; i < ncar; i++) {
        eca_carrier_info c;
        eca_factors_carrier(f, i, &c);
        fprintf(fp, "%s\n      {\"carrier\": ", i ? "," : "");
        ecai_json_put(fp, c.carrier);
        fputs(", \"unit\": ", fp);
        ecai_json_put(fp, c.unit);
        fputs(", \"kgce_per_unit\": ", fp);
        jnum(fp, c.kgce_per_unit);
        fputs(", \"kgce_low\": ", fp);
        jnum(fp, c.kgce_low);
        fputs(", \"kgce_high\": ", fp);
        jnum(fp, c.kgce_high);
        fprintf(fp, ", \"renewable\": %d, \"source\": ", c.renewable);
        ecai_json_put(fp, c.source);
        fputs("}", fp);
    }
    fputs("\n    ]\n  }\n", fp);
}

static eca_status write_summary(const eca_audit *a, const eca_factors *f,
                                const eca_audit_options *o, const char *dir,
                                eca_error *err)
{
    size_t nsec = 0, ntown = 0, with_data = 0, nkey = 0, ncoke = 0;
    double tot[5] = {0}, key_energy = 0, key_controlled = 0;
    group *sec = make_groups(a, 0, &nsec), *town = make_groups(a, 1, &ntown);
    FILE *fp = NULL;
    eca_status st;

    if (!sec || !town) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < a->firms.n; i++) {
        const eca_firm_result *r = &a->res[i];
        with_data += r->rows_used > 0;
        ncoke += r->coke_t > 0;
        tot[0] += r->energy_tce;
        tot[1] += r->feedstock_tce;
        tot[2] += r->renewable_tce;
        tot[3] += r->controlled_tce;
        tot[4] += r->coke_t;
        if (r->key_firm) {
            nkey++;
            key_energy += r->energy_tce;
            key_controlled += r->controlled_tce;
        }
    }
    if (!(fp = open_out(dir, "summary.json", err))) {
        st = err->status;
        goto done;
    }
    fprintf(fp, "{\n  \"engine\": {\"name\": \"eca\", \"version\": \"%s\"},\n",
            ECA_VERSION);
    fprintf(fp, "  \"year\": %d,\n  \"options\": {\"electricity\": \"%s\", "
                "\"equal_year_offset\": %d, \"strict\": %s},\n",
            a->year, a->basis == ECA_BASIS_EQUAL ? "equal" : "equivalent",
            o->equal_year_offset, o->strict ? "true" : "false");
    fputs("  \"rows\": {\n", fp);
    write_rows(fp, "firms.csv", a->rows_firms, 0);
    write_rows(fp, "meters.csv", a->rows_meters, 0);
    jkey(fp, 4, "meters_rejected_by_reason");
    fputs("{", fp);
    for (size_t i = 0; i < a->nreasons; i++) {
        fputs(i ? ", " : "", fp);
        ecai_json_put(fp, a->reasons[i].reason);
        fprintf(fp, ": %llu", (unsigned long long)a->reasons[i].count);
    }
    fputs("}\n  },\n", fp);
    fprintf(fp, "  \"county\": {\"firms\": %zu, \"firms_with_data\": %zu, "
                "\"coking_firms\": %zu, \"energy_tce\": ",
            a->firms.n, with_data, ncoke);
    static const char *const tot_names[] = {"feedstock_tce", "renewable_tce",
                                            "controlled_tce", "coke_t"};
    jnum(fp, tot[0]);
    for (int k = 1; k < 5; k++) {
        fprintf(fp, ", \"%s\": ", tot_names[k - 1]);
        jnum(fp, tot[k]);
    }
    fputs("},\n  \"key_firms\": {\"threshold_tce\": ", fp);
    jnum(fp, a->key_firm_tce);
    fprintf(fp, ", \"count\": %zu, \"energy_tce\": ", nkey);
    jnum(fp, key_energy);
    fputs(", \"controlled_tce\": ", fp);
    jnum(fp, key_controlled);
    fputs(", \"share_of_county_energy\": ", fp);
    jnum(fp, tot[0] != 0 ? key_energy / tot[0] : (double)NAN);
    fputs(",\n    \"by_sector\": ", fp);
    write_groups(fp, sec, nsec, "sector", tot[0]);
    fputs(",\n    \"by_township\": ", fp);
    write_groups(fp, town, ntown, "township", tot[0]);
    fputs("\n  },\n", fp);
    write_factors(fp, a, f);
    fputs("}\n", fp);
    st = close_out(fp, "summary.json", err);
done:
    free(sec);
    free(town);
    return st;
}

/* flags.csv: one row per finding against a threshold of thresholds.csv. */
static eca_status write_flags(const eca_audit *a, const eca_factors *f,
                              const char *dir, eca_error *err)
{
    FILE *fp = open_out(dir, "flags.csv", err);
    double coke_target = NAN;
    const char *coke_sev = "", *coke_src = "";
    if (!fp)
        return err->status;
    ecai_factors_threshold_full(f, "county_coke_target", &coke_target,
                                &coke_sev, &coke_src);
    fputs("firm_id,rule,value,threshold,severity,source\n", fp);
    for (size_t i = 0; i < a->firms.n; i++) {
        const eca_firm_result *r = &a->res[i];
        const char *rule[2] = {NULL, NULL}, *sev[2], *src[2];
        double val[2], thr[2];
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
        for (int k = 0; k < 2; k++) {
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
    return close_out(fp, "flags.csv", err);
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
        st = write_summary(a, f, o, outdir, err);
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
