/* audit.c: one audit run: firms, meters, the reporting year, the figures;
 * and the accessors of its results. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "audit.h"

void eca_audit_options_init(eca_audit_options *o)
{
    memset(o, 0, sizeof *o);
    o->basis = ECA_BASIS_EQUIVALENT;
}

eca_status ecai_reject(const eca_audit_options *o, const char *file,
                       long line, const char *column, const char *reason,
                       const char *detail, eca_error *err)
{
    eca_reject r = {file, line, column, reason, detail};
    if (o->on_reject)
        o->on_reject(&r, o->reject_user);
    if (o->strict)
        return ecai_fail(err, ECA_EINPUT, "%s:%ld: %s%s%s%s (%s; --strict)",
                         file, line, *column ? "column '" : "", column,
                         *column ? "': " : "", detail, reason);
    return ECA_OK;
}

/* Why meters.csv has no usable row: there is none, or every row was
 * rejected (the counts by reason: rejected.csv is not written). */
static eca_status no_usable_row(const eca_audit *a, eca_error *err)
{
    char why[320] = "", firms[96] = "";
    size_t n = 0;
    if (!a->rows_meters.read)
        return ecai_fail(err, ECA_EINPUT,
                         "meters.csv: no row below the header");
    for (size_t i = 0; i < a->nreasons; i++)
        ecai_list_add(why, sizeof why, &n, "%s%s %llu", i ? ", " : "",
                      a->reasons[i].reason,
                      (unsigned long long)a->reasons[i].count);
    if (a->rows_firms.rejected) /* their meter rows are unknown_firm */
        snprintf(firms, sizeof firms, "; firms.csv: %llu of %llu rows "
                 "rejected", (unsigned long long)a->rows_firms.rejected,
                 (unsigned long long)a->rows_firms.read);
    return ecai_fail(err, ECA_EINPUT, "meters.csv: no usable row: every "
                     "row was rejected (%s)%s", why, firms);
}

/* The reporting year, its slot, the electricity and key-firm figures. A
 * year without a usable meter row is an input error, told before any
 * factor of that year is looked up. */
static eca_status choose_year(eca_audit *a, const eca_factors *f,
                              const eca_audit_options *o, eca_error *err)
{
    int first = 0, last = 0;
    for (size_t y = 0; y < a->acc.nyear; y++)
        if (a->acc.year_rows[y]) {
            int v = a->acc.years[y];
            first = !first || v < first ? v : first;
            last = v > last ? v : last;
        }
    if (!last)
        return no_usable_row(a, err);
    a->year = o->year ? o->year : last;
    a->slot = -1;
    for (size_t y = 0; y < a->acc.nyear; y++)
        if (a->acc.years[y] == a->year && a->acc.year_rows[y])
            a->slot = (long)y;
    if (a->slot < 0 && first == last)
        return ecai_fail(err, ECA_EINPUT, "meters.csv: no usable row in %d "
                         "(rows are from %d)", a->year, first);
    if (a->slot < 0)
        return ecai_fail(err, ECA_EINPUT, "meters.csv: no usable row in %d "
                         "(rows are from %d to %d)", a->year, first, last);
    a->rows_meters.used = a->acc.year_rows[a->slot];
    a->rows_meters.outside_year = a->rows_meters.read -
                                  a->rows_meters.rejected -
                                  a->rows_meters.used;
    a->basis = o->basis;
    int ey = a->year + o->equal_year_offset;
    a->equal_kgce_per_kwh = eca_factors_equal_gce_per_kwh(f, ey) / 1000;
    if (a->basis == ECA_BASIS_EQUAL && a->equal_kgce_per_kwh <= 0) {
        char years[160];
        ecai_factors_equal_years(f, years, sizeof years);
        if (o->equal_year_offset)
            return ecai_fail(err, ECA_EFACTOR,
                             "electricity.csv: no equal-value figure for %d "
                             "(reporting year %d, offset %d); it has %s",
                             ey, a->year, o->equal_year_offset, years);
        return ecai_fail(err, ECA_EFACTOR,
                         "electricity.csv: no equal-value figure for %d; it "
                         "has %s", ey, years);
    }
    if (!eca_factors_threshold(f, "key_firm", &a->key_firm_tce,
                               &a->key_firm_source))
        return ecai_fail(err, ECA_EFACTOR,
                         "thresholds.csv: no row for rule key_firm");
    return ECA_OK;
}

/* The grid factor and the emission parameters of the run. */
static eca_status carbon_setup(eca_audit *a, const eca_factors *f,
                               const eca_audit_options *o, eca_error *err)
{
    static const char *const names[] = {"heat_tco2_per_gj", "gj_per_kgce",
                                        "gwp_ch4", "ch4_lhv_gj_per_t"};
    double *dst[] = {&a->heat_tco2_per_gj, &a->gj_per_kgce, &a->gwp_ch4,
                     &a->ch4_lhv_gj_per_t};
    const char *src[4];
    for (int i = 0; i < 4; i++)
        if (!eca_factors_param(f, names[i], dst[i], &src[i]) || !(*dst[i] > 0))
            return ecai_fail(err, ECA_EFACTOR,
                             "emission.csv: no positive value for %s",
                             names[i]);
    a->heat_source = src[0];
    a->gwp_source = src[2];
    if (o->gwp_ch4 > 0) {
        a->gwp_ch4 = o->gwp_ch4;
        a->gwp_source = "given by the user";
    }
    if (o->grid_tco2_per_mwh > 0) {
        a->grid_tco2_per_mwh = o->grid_tco2_per_mwh;
        a->grid_region = "";
        a->grid_year = 0;
        a->grid_source = "given by the user";
        return ECA_OK;
    }
    a->grid_region = o->grid_region ? o->grid_region : "national";
    return ecai_factors_grid_at(f, a->grid_region, a->year,
                                &a->grid_tco2_per_mwh, &a->grid_year,
                                &a->grid_source, err);
}

/* The size of a file, 0 when it cannot be told (reading it then fails
 * with the reason). */
static uint64_t file_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* DIR/firm_factors.csv when it exists, then the files of the options. */
static eca_status firm_factors(eca_audit *a, const char *dir,
                               const eca_audit_options *o, eca_error *err)
{
    char *p = ecai_path_join(dir, "firm_factors.csv");
    if (!p)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    eca_status st = ECA_OK;
    if (ecai_file_exists(p))
        st = ecai_firm_factors_load(a, p, "firm_factors.csv", err);
    free(p);
    for (size_t i = 0; st == ECA_OK && i < o->firm_factor_count; i++)
        st = ecai_firm_factors_load(a, o->firm_factor_files[i],
                                    o->firm_factor_files[i], err);
    return st;
}

eca_audit *eca_audit_run(const eca_factors *f, const char *dir,
                         const eca_audit_options *opt, eca_error *err)
{
    return ecai_audit_run_tap(f, dir, opt, NULL, err);
}

eca_audit *ecai_audit_run_tap(const eca_factors *f, const char *dir,
                              const eca_audit_options *opt,
                              const ecai_meter_tap *tap, eca_error *err)
{
    eca_error local;
    eca_audit_options defaults;
    const eca_audit_options *o = opt;
    char *fp = NULL, *mp = NULL;
    eca_audit *a = NULL;
    size_t ncar;

    if (!err) {
        eca_error_clear(&local);
        err = &local;
    }
    if (!o) {
        eca_audit_options_init(&defaults);
        o = &defaults;
    }
    if (!f || !dir) {
        ecai_fail(err, ECA_EARG, "eca_audit_run: no factors or directory");
        return NULL;
    }
    if (o->basis != ECA_BASIS_EQUIVALENT && o->basis != ECA_BASIS_EQUAL) {
        ecai_fail(err, ECA_EARG, "eca_audit_run: unknown electricity basis");
        return NULL;
    }
    if (o->grid_region && !(o->grid_tco2_per_mwh > 0) &&
        !ecai_factors_grid_first(f, o->grid_region)) {
        ecai_fail(err, ECA_EARG, "grid.csv: no region '%s'", o->grid_region);
        return NULL;
    }
    if (ecai_dir_check(dir, err) != ECA_OK)
        return NULL;
    a = calloc(1, sizeof *a);
    fp = ecai_path_join(dir, "firms.csv");
    mp = ecai_path_join(dir, "meters.csv");
    if (!a || !fp || !mp) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    a->slot = -1;
    a->f = f;
    if (!(a->dir = strdup(dir))) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    a->firms_bytes = file_bytes(fp);
    a->meters_bytes = file_bytes(mp);
    a->threads = o->threads > 0 ? o->threads : omp_get_max_threads();
    a->car_electricity = eca_factors_carrier_find(f, "electricity");
    a->car_heat = eca_factors_carrier_find(f, "heat");
    a->car_steam = eca_factors_carrier_find(f, "steam");
    a->car_cmm = eca_factors_carrier_find(f, "coal_mine_methane");
    a->car_coke = eca_factors_carrier_find(f, "coke");
    if (ecai_firms_load(&a->firms, fp, o, &a->rows_firms, err) != ECA_OK)
        goto fail;
    ecai_factors_carriers(f, &ncar);
    a->acc.nfirm = a->firms.n;
    a->acc.ncar = ncar;
    if (!(a->quality = ecai_quality_alloc())) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    a->acc.quality = a->quality;
    a->acc.tap = tap;
    if (firm_factors(a, dir, o, err) != ECA_OK)
        goto fail;
    if (ecai_meters_read(mp, f, &a->firms, o, &a->acc, &a->rows_meters,
                         a->reasons, &a->nreasons, err) != ECA_OK)
        goto fail;
    ecai_rules_resolve(f, &a->rules);
    if (choose_year(a, f, o, err) != ECA_OK ||
        carbon_setup(a, f, o, err) != ECA_OK ||
        ecai_quality_index(a, err) != ECA_OK)
        goto fail;
    if (ecai_account(a, f, o, err) != ECA_OK ||
        ecai_findings_compute(a, err) != ECA_OK)
        goto fail;
    free(fp);
    free(mp);
    return a;
fail:
    free(fp);
    free(mp);
    eca_audit_free(a);
    return NULL;
}

void eca_audit_free(eca_audit *a)
{
    if (!a)
        return;
    ecai_findings_free(a);
    ecai_firm_factors_free(a);
    ecai_quality_free(a->quality);
    free(a->ser_start);
    free(a->ser_idx);
    ecai_firms_free(&a->firms);
    ecai_acc_free(&a->acc);
    free(a->res);
    free(a->dir);
    free(a);
}

int eca_audit_year(const eca_audit *a) { return a->year; }
size_t eca_audit_firm_count(const eca_audit *a) { return a->firms.n; }

const eca_firm_result *eca_audit_firm(const eca_audit *a, size_t i)
{
    return i < a->firms.n ? &a->res[i] : NULL;
}

eca_row_counts eca_audit_rows(const eca_audit *a, const char *file)
{
    if (file && strcmp(file, "firms.csv") == 0)
        return a->rows_firms;
    return a->rows_meters;
}

size_t eca_audit_reject_reason_count(const eca_audit *a)
{
    return a->nreasons;
}

const char *eca_audit_reject_reason(const eca_audit *a, size_t i,
                                    uint64_t *count)
{
    if (i >= a->nreasons)
        return NULL;
    if (count)
        *count = a->reasons[i].count;
    return a->reasons[i].reason;
}

eca_status eca_audit_firm_carrier(const eca_audit *a, size_t firm,
                                  size_t carrier, eca_flow flow,
                                  double *quantity, double *tce)
{
    if (firm >= a->firms.n || carrier >= a->acc.ncar ||
        (unsigned)flow >= ECA_FLOW_COUNT)
        return ECA_EARG;
    *quantity = 0;
    if (tce)
        *tce = 0;
    if (a->slot < 0 || !a->acc.fy[a->slot][firm].q)
        return ECA_OK;
    ecai_fixed v = ecai_fy_q(&a->acc.fy[a->slot][firm],
                             ecai_cell(carrier, flow, 0));
    const ecai_carrier *cars = ecai_firm_carriers(a, firm);
    *quantity = ecai_fixed_to_double(v);
    if (tce)
        *tce = *quantity * ecai_coef(a, &cars[carrier]) / 1000;
    return ECA_OK;
}

double eca_audit_grid(const eca_audit *a, const char **region, int *year,
                      const char **source)
{
    if (region)
        *region = a->grid_region;
    if (year)
        *year = a->grid_year;
    if (source)
        *source = a->grid_source;
    return a->grid_tco2_per_mwh;
}
