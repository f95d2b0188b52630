/* summary.json: the county's totals, key firms and their shares, totals by
 * sector and township, row counts and the run manifest (options, factor
 * tables and their sources). No time stamp: the same inputs give the same
 * bytes. */
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

/* Sums over a set of firms, added in firm order so they are fixed. */
typedef struct {
    size_t firms;
    double v[11];
} totals;

static const char *const total_names[11] = {
    "energy_tce", "feedstock_tce", "renewable_tce", "controlled_tce",
    "coke_t", "co2_combustion_t", "co2_process_t", "co2_indirect_t",
    "co2_t", "cmm_ch4_t", "cmm_avoided_tco2e"};

static void add(totals *t, const eca_firm_result *r)
{
    const double v[11] = {r->energy_tce, r->feedstock_tce, r->renewable_tce,
                          r->controlled_tce, r->coke_t, r->co2_combustion_t,
                          r->co2_process_t, r->co2_indirect_t, r->co2_t,
                          r->cmm_ch4_t, r->cmm_avoided_tco2e};
    t->firms++;
    for (int k = 0; k < 11; k++)
        t->v[k] += v[k];
}

static void jnum(FILE *fp, double v)
{
    if (!isfinite(v))
        fputs("null", fp);
    else
        ecai_num_put(fp, v);
}

static void jstr(FILE *fp, const char *key, const char *v, const char *end)
{
    ecai_json_put(fp, key);
    fputs(": ", fp);
    ecai_json_put(fp, v ? v : "");
    fputs(end, fp);
}

static void jval(FILE *fp, const char *key, double v, const char *end)
{
    ecai_json_put(fp, key);
    fputs(": ", fp);
    jnum(fp, v);
    fputs(end, fp);
}

static void put_totals(FILE *fp, const totals *t)
{
    fprintf(fp, "{\"firms\": %zu", t->firms);
    for (int k = 0; k < 11; k++) {
        fputs(", ", fp);
        jval(fp, total_names[k], t->v[k], "");
    }
    fputs("}", fp);
}

static double share(double part, double whole)
{
    return whole != 0 ? part / whole : (double)NAN;
}

typedef struct {
    const char *key;
    totals all, key_firms;
} group;

static int by_key(const void *x, const void *y)
{
    return strcmp(((const group *)x)->key, ((const group *)y)->key);
}

static const char *group_key(const eca_firm_result *r, int field)
{
    return field == 0 ? r->sector : r->township;
}

/* Groups by sector (field 0) or township (1), sorted by name. */
static group *make_groups(const eca_audit *a, int field, size_t *ng)
{
    group *g = calloc(a->firms.n + 1, sizeof *g);
    size_t n = 0;
    if (!g)
        return NULL;
    for (size_t i = 0; i < a->firms.n; i++) {
        const char *k = group_key(&a->res[i], field);
        size_t j = 0;
        while (j < n && strcmp(g[j].key, k) != 0)
            j++;
        if (j == n)
            g[n++].key = k;
    }
    qsort(g, n, sizeof *g, by_key);
    for (size_t i = 0; i < a->firms.n; i++) {
        group key = {group_key(&a->res[i], field), {0}, {0}};
        group *x = bsearch(&key, g, n, sizeof *g, by_key);
        add(&x->all, &a->res[i]);
        if (a->res[i].key_firm)
            add(&x->key_firms, &a->res[i]);
    }
    *ng = n;
    return g;
}

static void put_groups(FILE *fp, const char *name, const group *g, size_t n,
                       const totals *county)
{
    fprintf(fp, "  \"by_%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "%s\n    {", i ? "," : "");
        jstr(fp, name, g[i].key, ", \"all\": ");
        put_totals(fp, &g[i].all);
        fputs(",\n     \"key_firms\": ", fp);
        put_totals(fp, &g[i].key_firms);
        fputs(",\n     ", fp);
        jval(fp, "key_share_of_county_energy",
             share(g[i].key_firms.v[0], county->v[0]), ", ");
        jval(fp, "key_share_of_county_co2",
             share(g[i].key_firms.v[8], county->v[8]), "}");
    }
    fputs(n ? "\n  ],\n" : "],\n", fp);
}

static void put_rows(FILE *fp, const char *name, eca_row_counts c)
{
    fprintf(fp, "    \"%s\": {\"read\": %llu, \"used\": %llu, "
                "\"outside_year\": %llu, \"rejected\": %llu},\n",
            name, (unsigned long long)c.read, (unsigned long long)c.used,
            (unsigned long long)c.outside_year,
            (unsigned long long)c.rejected);
}

static void put_factors(FILE *fp, const eca_audit *a, const eca_factors *f)
{
    size_t nfiles, ncar = eca_factors_carrier_count(f);
    const char *const *files = ecai_factors_files(f, &nfiles);
    fputs("  \"factors\": {\n    \"files\": [", fp);
    for (size_t i = 0; i < nfiles; i++) {
        fputs(i ? ", " : "", fp);
        ecai_json_put(fp, files[i]);
    }
    fputs("],\n    ", fp);
    jval(fp, "key_firm_tce", a->key_firm_tce, ", ");
    jstr(fp, "key_firm_source", a->key_firm_source, ",\n    ");
    jval(fp, "electricity_equal_kgce_per_kwh",
         a->equal_kgce_per_kwh > 0 ? a->equal_kgce_per_kwh : (double)NAN,
         ",\n    ");
    jval(fp, "grid_tco2_per_mwh", a->grid_tco2_per_mwh, ", ");
    jstr(fp, "grid_region", a->grid_region, ", ");
    fprintf(fp, "\"grid_year\": %d, ", a->grid_year);
    jstr(fp, "grid_source", a->grid_source, ",\n    ");
    jval(fp, "heat_tco2_per_gj", a->heat_tco2_per_gj, ", ");
    jstr(fp, "heat_source", a->heat_source, ",\n    ");
    jval(fp, "gwp_ch4", a->gwp_ch4, ", ");
    jstr(fp, "gwp_source", a->gwp_source, ",\n    \"carriers\": [");
    for (size_t i = 0; i < ncar; i++) {
        eca_carrier_info c;
        eca_factors_carrier(f, i, &c);
        fprintf(fp, "%s\n      {", i ? "," : "");
        jstr(fp, "carrier", c.carrier, ", ");
        jstr(fp, "unit", c.unit, ", ");
        jval(fp, "kgce_per_unit", c.kgce_per_unit, ", ");
        jval(fp, "kgce_low", c.kgce_low, ", ");
        jval(fp, "kgce_high", c.kgce_high, ", ");
        jval(fp, "ncv_gj_per_unit", c.ncv_gj_per_unit, ", ");
        jval(fp, "carbon_tc_per_tj", c.carbon_tc_per_tj, ", ");
        jval(fp, "oxidation", c.oxidation, ", ");
        fprintf(fp, "\"renewable\": %d, ", c.renewable);
        jstr(fp, "source", c.source, "}");
    }
    fputs("\n    ]\n  }\n", fp);
}

/* Findings counted by rule and by severity, in first-seen order. */
typedef struct {
    const char *name;
    size_t n;
} tally;

static void count(tally *t, size_t *nt, size_t max, const char *name)
{
    for (size_t i = 0; i < *nt; i++)
        if (t[i].name == name || !strcmp(t[i].name, name)) {
            t[i].n++;
            return;
        }
    if (*nt < max)
        t[(*nt)++] = (tally){name, 1};
}

static void put_tally(FILE *fp, const char *key, const tally *t, size_t n,
                      const char *end)
{
    fprintf(fp, "\"%s\": {", key);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", fp);
        ecai_json_put(fp, t[i].name);
        fprintf(fp, ": %zu", t[i].n);
    }
    fprintf(fp, "}%s", end);
}

static void put_flags(FILE *fp, const eca_audit *a)
{
    tally rules[64], sev[8];
    size_t nr = 0, ns = 0;
    for (size_t i = 0; i < a->firms.n; i++) {
        size_t n;
        const ecai_finding *fl = ecai_findings_of(a, i, &n);
        for (size_t k = 0; k < n; k++) {
            count(rules, &nr, 64, fl[k].rule);
            count(sev, &ns, 8, fl[k].severity);
        }
    }
    fputs("  \"flags\": {", fp);
    put_tally(fp, "by_severity", sev, ns, ", ");
    put_tally(fp, "by_rule", rules, nr, "},\n");
}

/* Quantiles (GSL) of coke intensity within each peer group that has coke:
 * a sector, semi-coke plants apart ("coking", "coking/semi_coke"). */
static eca_status put_peers(FILE *fp, const eca_audit *a, eca_error *err)
{
    double *v = malloc((a->firms.n + 1) * sizeof *v);
    eca_firm_result **p = ecai_peer_order(a);
    static const double q[] = {0.10, 0.25, 0.50, 0.75, 0.90};
    static const char *const qn[] = {"p10", "p25", "p50", "p75", "p90"};
    int first = 1;
    if (!v || !p) {
        free(v);
        free(p);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    fputs("  \"peers_coke_kgce_per_t\": {", fp);
    for (size_t i = 0, j, n; i < a->firms.n; i = j) {
        j = ecai_peer_values(p, a->firms.n, i, 0, v, &n);
        if (!n)
            continue;
        char name[80];
        snprintf(name, sizeof name, "%s%s", p[i]->sector,
                 ecai_peer_suffix(p[i]));
        fputs(first ? "" : ", ", fp);
        first = 0;
        ecai_json_put(fp, name);
        fprintf(fp, ": {\"n\": %zu", n);
        for (int k = 0; k < 5; k++) {
            fprintf(fp, ", \"%s\": ", qn[k]);
            jnum(fp, gsl_stats_quantile_from_sorted_data(v, 1, n, q[k]));
        }
        fputs("}", fp);
    }
    fputs("},\n", fp);
    free(v);
    free(p);
    return ECA_OK;
}

eca_status ecai_summary_write(const eca_audit *a, const eca_factors *f,
                              const eca_audit_options *o, const char *dir,
                              eca_error *err)
{
    size_t nsec = 0, ntown = 0, with_data = 0, ncoke = 0, nff = 0;
    totals county = {0}, key = {0};
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
        nff += r->firm_factors;
        add(&county, r);
        if (r->key_firm)
            add(&key, r);
    }
    if (!(fp = ecai_out_open(dir, "summary.json", err))) {
        st = err->status;
        goto done;
    }
    fprintf(fp, "{\n  \"engine\": {\"name\": \"eca\", \"version\": \"%s\"},\n",
            ECA_VERSION);
    fprintf(fp, "  \"year\": %d,\n  \"options\": {\"electricity\": \"%s\", "
                "\"equal_year_offset\": %d, \"strict\": %s, "
                "\"firms_with_own_factors\": %zu},\n",
            a->year, a->basis == ECA_BASIS_EQUAL ? "equal" : "equivalent",
            o->equal_year_offset, o->strict ? "true" : "false", nff);
    fputs("  \"input\": {\"folder\": ", fp);
    ecai_json_put(fp, a->dir);
    fprintf(fp, ", \"bytes\": {\"firms.csv\": %llu, "
                "\"meters.csv\": %llu}},\n",
            (unsigned long long)a->firms_bytes,
            (unsigned long long)a->meters_bytes);
    fputs("  \"rows\": {\n", fp);
    put_rows(fp, "firms.csv", a->rows_firms);
    put_rows(fp, "meters.csv", a->rows_meters);
    fputs("    \"meters_rejected_by_reason\": {", fp);
    for (size_t i = 0; i < a->nreasons; i++) {
        fputs(i ? ", " : "", fp);
        ecai_json_put(fp, a->reasons[i].reason);
        fprintf(fp, ": %llu", (unsigned long long)a->reasons[i].count);
    }
    fputs("}\n  },\n  \"county\": ", fp);
    put_totals(fp, &county);
    fprintf(fp, ",\n  \"firms_with_data\": %zu, \"coking_firms\": %zu,\n",
            with_data, ncoke);
    fputs("  \"key_firms\": ", fp);
    put_totals(fp, &key);
    fputs(",\n  ", fp);
    jval(fp, "key_firm_threshold_tce", a->key_firm_tce, ", ");
    jval(fp, "key_share_of_county_energy", share(key.v[0], county.v[0]),
         ", ");
    jval(fp, "key_share_of_county_co2", share(key.v[8], county.v[8]),
         ",\n");
    put_groups(fp, "sector", sec, nsec, &county);
    put_groups(fp, "township", town, ntown, &county);
    put_flags(fp, a);
    if ((st = put_peers(fp, a, err)) != ECA_OK) {
        fclose(fp);
        goto done;
    }
    put_factors(fp, a, f);
    fputs("}\n", fp);
    st = ecai_out_close(fp, "summary.json", err);
done:
    free(sec);
    free(town);
    return st;
}
