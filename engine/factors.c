/* factors.c: the factor tables of factors/: carriers and units (amended by
 * override files; coefficients held per base unit of their dimension: t,
 * m3, kWh, GJ), and the keyed tables of tables.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct eca_factors {
    ecai_carrier *car;
    size_t ncar, car_cap;
    ecai_strmap *car_map;
    ecai_unit *unit;
    size_t nunit, unit_cap;
    ecai_strmap *unit_map;
    ecai_table equal, thresholds, grid, emission;
    ecai_coke_tables *coke;
    char **files; /* the shipped directory, then each override file */
    size_t nfiles;
};

static int add_file(eca_factors *f, const char *path)
{
    char **q = realloc(f->files, (f->nfiles + 1) * sizeof *q);
    if (!q)
        return -1;
    f->files = q;
    if (!(f->files[f->nfiles] = strdup(path)))
        return -1;
    f->nfiles++;
    return 0;
}

const char *const *ecai_factors_files(const eca_factors *f, size_t *n)
{
    *n = f->nfiles;
    return (const char *const *)f->files;
}

static const char *const dim_names[ECA_DIM_COUNT] = {
    "mass", "volume", "electricity", "heat"};

static eca_status load_units(eca_factors *f, const char *path,
                             eca_error *err)
{
    static const char *const req[] = {"unit", "dimension", "to_base",
                                      "source", NULL};
    ecai_csv *c = ecai_csv_open(path, "units.csv", err);
    eca_status st = ECA_OK;
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    int r;
    while ((r = ecai_csv_next(c, err)) == 1) {
        size_t nu, nd, nb, ns;
        const char *u = ecai_col(c, "unit", &nu);
        const char *d = ecai_col(c, "dimension", &nd);
        const char *b = ecai_col(c, "to_base", &nb);
        ecai_col(c, "source", &ns);
        ecai_unit x = {0};
        if ((st = ecai_col_count(c, ECA_EFACTOR, err)) != ECA_OK)
            goto done;
        if (nu == 0 || ns == 0) {
            st = ecai_col_bad(err, c, nu ? "source" : "unit", "", "is empty");
            goto done;
        }
        x.dim = ECA_DIM_COUNT;
        for (int i = 0; i < ECA_DIM_COUNT; i++)
            if (strcmp(d, dim_names[i]) == 0)
                x.dim = (eca_dimension)i;
        if (x.dim == ECA_DIM_COUNT) {
            st = ecai_col_bad(err, c, "dimension", d,
                          "is not mass, volume, electricity or heat");
            goto done;
        }
        if (ecai_decimal_parse(b, nb, &x.to_base) != 0 || x.to_base.neg ||
            x.to_base.mant == 0 || ecai_parse_double(b, nb, &x.to_base_d)) {
            st = ecai_col_bad(err, c, "to_base", b, "is not a positive number");
            goto done;
        }
        ecai_unit *grown = ecai_grow(f->unit, &f->unit_cap, f->nunit,
                                     sizeof *f->unit, 32);
        if (grown)
            f->unit = grown;
        if (!grown || !(x.name = strdup(u))) {
            st = ecai_fail(err, ECA_ENOMEM, "out of memory");
            goto done;
        }
        f->unit[f->nunit] = x;
        int p = ecai_strmap_put(f->unit_map, u, nu, (long)f->nunit);
        f->nunit++;
        if (p != 0) {
            st = p < 0 ? ecai_fail(err, ECA_ENOMEM, "out of memory")
                       : ecai_col_bad(err, c, "unit", u, "is listed twice");
            goto done;
        }
    }
    if (r < 0)
        st = err->status;
done:
    ecai_csv_close(c);
    return st;
}

/* Applies one carrier row to the table: replaces the cells it gives of the
 * carrier of the same code, or adds the carrier. */
/* Room for one more carrier: 1, or 0 when out of memory. */
static int grow_cars(eca_factors *f)
{
    ecai_carrier *c = ecai_grow(f->car, &f->car_cap, f->ncar, sizeof *c, 32);
    if (c)
        f->car = c;
    return c != NULL;
}

static eca_status carrier_row(eca_factors *f, const ecai_csv *c,
                              const char *path, int shipped, eca_error *err)
{
    size_t nk;
    const char *code = ecai_col(c, "carrier", &nk);
    long idx = ecai_strmap_get(f->car_map, code, nk);

    if (ecai_col_count(c, ECA_EFACTOR, err) != ECA_OK)
        return err->status;
    if (nk == 0)
        return ecai_col_bad(err, c, "carrier", "", "is empty");
    if (shipped && idx >= 0)
        return ecai_col_bad(err, c, "carrier", code, "is listed twice");
    if (idx >= 0)
        return ecai_carrier_apply(f, c, path, shipped, 1, &f->car[idx], err);
    ecai_carrier x = {0};
    if (!(x.code = strdup(code)))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    eca_status st = ecai_carrier_apply(f, c, path, shipped, 0, &x, err);
    if (st == ECA_OK &&
        (!grow_cars(f) ||
         ecai_strmap_put(f->car_map, code, nk, (long)f->ncar) != 0))
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (st != ECA_OK) {
        ecai_carrier_clear(&x);
        return st;
    }
    f->car[f->ncar++] = x;
    return ECA_OK;
}

static eca_status load_carriers(eca_factors *f, const char *path,
                                const char *name, int shipped,
                                eca_error *err)
{
    static const char *const req[] = {"carrier", "unit", "kgce_per_unit",
                                      NULL};
    ecai_csv *c = ecai_csv_open(path, name, err);
    eca_status st;
    int r;
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    while ((r = ecai_csv_next(c, err)) == 1)
        if ((st = carrier_row(f, c, name, shipped, err)) != ECA_OK)
            goto done;
    st = r < 0 ? err->status : ECA_OK;
done:
    ecai_csv_close(c);
    return st;
}

/* The keyed tables: file, required columns, key and value columns. */
static eca_status load_tables(eca_factors *f, const char *dir, char *path,
                              eca_error *err)
{
    static const char *const req_eq[] = {"year", "gce_per_kwh", "source",
                                         NULL};
    static const char *const req_thr[] = {"rule", "scope", "value", "unit",
                                          "severity", "source", NULL};
    static const char *const req_grid[] = {"year", "region", "tco2_per_mwh",
                                           "source", NULL};
    static const char *const req_em[] = {"parameter", "value", "unit",
                                         "source", NULL};
    const struct {
        ecai_table *t;
        const char *file, *key, *value;
        const char *const *req;
    } tabs[] = {
        {&f->equal, "electricity.csv", NULL, "gce_per_kwh", req_eq},
        {&f->thresholds, "thresholds.csv", "rule", "value", req_thr},
        {&f->grid, "grid.csv", "region", "tco2_per_mwh", req_grid},
        {&f->emission, "emission.csv", "parameter", "value", req_em},
    };
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
        sprintf(path, "%s/%s", dir, tabs[i].file);
        eca_status st = ecai_table_load(tabs[i].t, path, tabs[i].file,
                                        tabs[i].req, tabs[i].key,
                                        tabs[i].value, err);
        if (st != ECA_OK)
            return st;
    }
    return ECA_OK;
}

eca_factors *eca_factors_load(const char *dir, eca_error *err)
{
    eca_error local;
    if (!err) {
        eca_error_clear(&local);
        err = &local;
    }
    eca_factors *f = calloc(1, sizeof *f);
    char *path = NULL;
    if (!f || !(f->car_map = ecai_strmap_alloc()) ||
        !(f->unit_map = ecai_strmap_alloc()) ||
        !(path = malloc(strlen(dir) + 32))) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    if (add_file(f, dir) != 0) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    sprintf(path, "%s/units.csv", dir);
    if (load_units(f, path, err) != ECA_OK)
        goto fail;
    sprintf(path, "%s/carriers.csv", dir);
    if (load_carriers(f, path, "carriers.csv", 1, err) != ECA_OK)
        goto fail;
    if (load_tables(f, dir, path, err) != ECA_OK ||
        !(f->coke = ecai_coke_tables_load(dir, err)))
        goto fail;
    free(path);
    return f;
fail:
    free(path);
    eca_factors_free(f);
    return NULL;
}

eca_status eca_factors_override(eca_factors *f, const char *path,
                                eca_error *err)
{
    if (!f || !path)
        return ecai_fail(err, ECA_EARG, "eca_factors_override: no table");
    eca_status st = load_carriers(f, path, path, 0, err);
    if (st == ECA_OK && add_file(f, path) != 0)
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
    return st;
}

void eca_factors_free(eca_factors *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->ncar; i++) {
        free(f->car[i].code);
        free(f->car[i].unit);
        free(f->car[i].source);
    }
    for (size_t i = 0; i < f->nunit; i++)
        free(f->unit[i].name);
    ecai_table_free(&f->equal);
    ecai_table_free(&f->thresholds);
    ecai_table_free(&f->grid);
    ecai_table_free(&f->emission);
    ecai_coke_tables_free(f->coke);
    for (size_t i = 0; i < f->nfiles; i++)
        free(f->files[i]);
    free(f->files);
    free(f->car);
    free(f->unit);
    ecai_strmap_free(f->car_map);
    ecai_strmap_free(f->unit_map);
    free(f);
}

size_t eca_factors_carrier_count(const eca_factors *f) { return f->ncar; }

const ecai_carrier *ecai_factors_carriers(const eca_factors *f, size_t *n)
{
    *n = f->ncar;
    return f->car;
}

long ecai_factors_unit_find(const eca_factors *f, const char *s, size_t n)
{
    return ecai_strmap_get(f->unit_map, s, n);
}

const ecai_unit *ecai_factors_unit(const eca_factors *f, long i)
{
    return &f->unit[i];
}

long ecai_factors_carrier_findn(const eca_factors *f, const char *s, size_t n)
{
    return ecai_strmap_get(f->car_map, s, n);
}

long eca_factors_carrier_find(const eca_factors *f, const char *code)
{
    return ecai_strmap_get(f->car_map, code, strlen(code));
}

eca_status eca_factors_carrier(const eca_factors *f, size_t i,
                               eca_carrier_info *out)
{
    if (i >= f->ncar)
        return ECA_EARG;
    const ecai_carrier *c = &f->car[i];
    double per = f->unit[ecai_strmap_get(f->unit_map, c->unit,
                                         strlen(c->unit))].to_base_d;
    *out = (eca_carrier_info){c->code,          c->unit,
                              c->dim,           c->kgce * per,
                              c->kgce_low * per, c->kgce_high * per,
                              c->ncv_gj * per,  c->carbon_tc_per_tj,
                              c->oxidation,     c->renewable,
                              c->source};
    return ECA_OK;
}

eca_status eca_factors_unit_to_base(const eca_factors *f, const char *unit,
                                    double q, double *base,
                                    eca_dimension *dim)
{
    long i = ecai_strmap_get(f->unit_map, unit, strlen(unit));
    if (i < 0)
        return ECA_EFACTOR;
    *base = q * f->unit[i].to_base_d;
    if (dim)
        *dim = f->unit[i].dim;
    return ECA_OK;
}

double eca_factors_equal_gce_per_kwh(const eca_factors *f, int year)
{
    const ecai_trow *r = ecai_table_find(&f->equal, NULL, year);
    return r ? r->value : 0;
}

size_t ecai_factors_equal_years(const eca_factors *f, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < f->equal.n; i++)
        ecai_list_add(buf, n, &k, "%s%d", i ? ", " : "",
                      f->equal.row[i].year);
    if (!f->equal.n)
        snprintf(buf, n, "no year");
    return f->equal.n;
}

const char *ecai_factors_equal_source(const eca_factors *f, int year)
{
    const ecai_trow *r = ecai_table_find(&f->equal, NULL, year);
    return r ? r->source : NULL;
}

int eca_factors_threshold(const eca_factors *f, const char *rule,
                          double *value, const char **source)
{
    const ecai_trow *r = ecai_table_find(&f->thresholds, rule, 0);
    if (!r)
        return 0;
    *value = r->value;
    if (source)
        *source = r->source;
    return 1;
}

int ecai_factors_threshold_full(const eca_factors *f, const char *rule,
                                double *value, const char **severity,
                                const char **source)
{
    const ecai_trow *r = ecai_table_find(&f->thresholds, rule, 0);
    if (!r)
        return 0;
    *value = r->value;
    *severity = r->severity;
    *source = r->source;
    return 1;
}

int eca_factors_param(const eca_factors *f, const char *name, double *value,
                      const char **source)
{
    const ecai_trow *r = ecai_table_find(&f->emission, name, 0);
    if (!r)
        return 0;
    *value = r->value;
    if (source)
        *source = r->source;
    return 1;
}

eca_status eca_factors_grid(const eca_factors *f, const char *region,
                            int year, double *tco2_per_mwh, int *year_used,
                            const char **source)
{
    const ecai_trow *best = NULL;
    for (size_t i = 0; i < f->grid.n; i++) {
        const ecai_trow *r = &f->grid.row[i];
        if (strcmp(r->key, region) == 0 && r->year <= year &&
            (!best || r->year > best->year))
            best = r;
    }
    if (!best)
        return ECA_EFACTOR;
    *tco2_per_mwh = best->value;
    if (year_used)
        *year_used = best->year;
    if (source)
        *source = best->source;
    return ECA_OK;
}

eca_status ecai_factors_grid_at(const eca_factors *f, const char *region,
                                int year, double *tco2_per_mwh,
                                int *year_used, const char **source,
                                eca_error *err)
{
    if (eca_factors_grid(f, region, year, tco2_per_mwh, year_used,
                         source) == ECA_OK)
        return ECA_OK;
    int first = ecai_factors_grid_first(f, region);
    if (!first) /* the default region, absent from another factors folder */
        return ecai_fail(err, ECA_EFACTOR, "grid.csv: no region '%s'",
                         region);
    return ecai_fail(err, ECA_EFACTOR,
                     "grid.csv: no factor for region '%s' in or before %d "
                     "(its first is %d)", region, year, first);
}

int ecai_factors_grid_first(const eca_factors *f, const char *region)
{
    int first = 0;
    for (size_t i = 0; i < f->grid.n; i++) {
        const ecai_trow *r = &f->grid.row[i];
        if (strcmp(r->key, region) == 0 && (!first || r->year < first))
            first = r->year;
    }
    return first;
}

const char *eca_factors_grid_region(const eca_factors *f, size_t i)
{
    for (size_t r = 0; r < f->grid.n; r++) {
        const char *key = f->grid.row[r].key;
        size_t q = 0;
        while (q < r && strcmp(f->grid.row[q].key, key) != 0)
            q++;
        if (q == r && i-- == 0) /* the region's first row */
            return key;
    }
    return NULL;
}

const ecai_trow *ecai_factors_rule(const eca_factors *f, const char *rule,
                                   const char *word)
{
    return ecai_table_find_scoped(&f->thresholds, rule, word);
}

const ecai_coke_tables *ecai_factors_coke(const eca_factors *f)
{
    return f->coke;
}
