/* firmfactors.c: firm-specific factor files (measured values of a firm's
 * own fuels): rows of firm_id, carrier and carrier columns that replace the
 * county's factors for that firm alone. */
#include <stdlib.h>
#include <string.h>
#include "audit.h"

const ecai_carrier *ecai_firm_carriers(const eca_audit *a, size_t firm)
{
    size_t n;
    if (a->firm_car && a->firm_car[firm])
        return a->firm_car[firm];
    return ecai_factors_carriers(a->f, &n);
}

void ecai_firm_factors_free(eca_audit *a)
{
    if (!a->firm_car)
        return;
    for (size_t i = 0; i < a->firms.n; i++) {
        if (!a->firm_car[i])
            continue;
        for (size_t c = 0; c < a->acc.ncar; c++)
            ecai_carrier_clear(&a->firm_car[i][c]);
        free(a->firm_car[i]);
    }
    free(a->firm_car);
    a->firm_car = NULL;
}

/* The firm's own copy of the carrier table, made on first use. */
static ecai_carrier *own_table(eca_audit *a, size_t firm)
{
    size_t n;
    const ecai_carrier *cars = ecai_factors_carriers(a->f, &n);
    if (!a->firm_car && !(a->firm_car = calloc(a->firms.n, sizeof *a->firm_car)))
        return NULL;
    if (a->firm_car[firm])
        return a->firm_car[firm];
    ecai_carrier *t = calloc(n, sizeof *t);
    if (!t)
        return NULL;
    for (size_t c = 0; c < n; c++)
        if (ecai_carrier_copy(&t[c], &cars[c]) != 0) {
            while (c-- > 0)
                ecai_carrier_clear(&t[c]);
            free(t);
            return NULL;
        }
    a->firm_car[firm] = t;
    return t;
}

eca_status ecai_firm_factors_load(eca_audit *a, const char *path,
                                  const char *name, eca_error *err)
{
    static const char *const req[] = {"firm_id", "carrier", NULL};
    ecai_csv *c = ecai_csv_open(path, name, err);
    eca_status st;
    int r;
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    while ((r = ecai_csv_next(c, err)) == 1) {
        size_t nf, nc;
        const char *firm = ecai_col(c, "firm_id", &nf);
        const char *car = ecai_col(c, "carrier", &nc);
        long fi = ecai_strmap_get(a->firms.map, firm, nf);
        long ci = ecai_factors_carrier_findn(a->f, car, nc);
        if ((st = ecai_col_count(c, ECA_EFACTOR, err)) != ECA_OK)
            goto done;
        if (fi < 0) {
            st = ecai_col_bad(err, c, "firm_id", firm,
                              "is not a firm of firms.csv");
            goto done;
        }
        if (ci < 0) {
            st = ecai_col_bad(err, c, "carrier", car,
                              "is not a carrier of the factor table");
            goto done;
        }
        ecai_carrier *t = own_table(a, (size_t)fi);
        if (!t) {
            st = ecai_fail(err, ECA_ENOMEM, "out of memory");
            goto done;
        }
        if ((st = ecai_carrier_apply(a->f, c, name, 0, 1, &t[ci], err)) !=
            ECA_OK)
            goto done;
    }
    st = r < 0 ? err->status : ECA_OK;
done:
    ecai_csv_close(c);
    return st;
}
