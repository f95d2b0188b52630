/* solar_load.c: each firm's electricity for the offsets (carrier
 * `electricity`, flow consume, of the reporting year), taken from the
 * audit's own reading of meters.csv: hour by hour where every such row of
 * the firm is YYYY-MM-DDThh:mm, the yearly total otherwise. The audit
 * checks and rejects the rows; the file is read once. */
#include <stdlib.h>
#include <string.h>
#include "solar.h"

void ecai_loads_free(ecai_loads *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->cap; i++)
        free(l->f[i].hour_kwh);
    free(l->f);
    memset(l, 0, sizeof *l);
}

/* Room for firm index `firm`; -1 out of memory. */
static int grow(ecai_loads *l, size_t firm)
{
    ecai_firm_load *f = ecai_grow_zeroed(l->f, &l->cap, firm, sizeof *f, 64);
    if (!f)
        return -1;
    l->f = f;
    return 0;
}

/* A later year takes over: what was taken of the earlier one goes. */
static void start_year(ecai_loads *l, int year)
{
    for (size_t i = 0; i < l->cap; i++) {
        free(l->f[i].hour_kwh);
        l->f[i] = (ecai_firm_load){0};
    }
    l->rows.used = 0;
    l->year = year;
}

/* ecai_meter_tap.row: one accepted row, in file order, so each hour's sum
 * is added up in the file's order for any thread count. */
static eca_status take_row(void *user, const ecai_meter_row *r,
                           eca_error *err)
{
    ecai_loads *l = user;
    if (r->year != l->year)
        start_year(l, r->year);
    if (r->carrier != l->electricity || r->flow != ECA_FLOW_CONSUME)
        return ECA_OK;
    if (grow(l, (size_t)r->firm) != 0)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    l->rows.used++;
    ecai_firm_load *fl = &l->f[r->firm];
    if (fl->mixed)
        return ECA_OK;
    if (r->gran != ECAI_PER_MINUTE) { /* the firm is capped by its year */
        fl->mixed = 1;
        free(fl->hour_kwh);
        fl->hour_kwh = NULL;
        return ECA_OK;
    }
    if (!fl->hour_kwh &&
        !(fl->hour_kwh = calloc(ECAI_HOURS_YEAR, sizeof *fl->hour_kwh)))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    ecai_period per;
    ecai_period_from_minutes(r->unit, &per);
    int doy = ecai_typical_doy(per.month, per.day);
    if (doy >= 0) /* 29 February counts in the year, not in the hours */
        fl->hour_kwh[doy * 24 + per.hour] += r->value;
    return ECA_OK;
}

/* After the audit: one load per firm, the yearly totals (the audit's exact
 * sums) and the row counts: read = used + other + outside_year +
 * rejected, where the audit's used rows are used + other. */
static eca_status close_loads(ecai_loads *l, const eca_audit *a,
                              eca_error *err)
{
    size_t n = eca_audit_firm_count(a);
    if (n && grow(l, n - 1) != 0)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (l->year != eca_audit_year(a)) /* no row of the year was taken */
        start_year(l, eca_audit_year(a));
    l->n = n;
    uint64_t used = l->rows.used;
    l->rows = eca_audit_rows(a, "meters.csv");
    l->other = l->rows.used - used;
    l->rows.used = used;
    for (size_t i = 0; i < n; i++) {
        ecai_firm_load *fl = &l->f[i];
        double kwh = 0;
        if (l->electricity >= 0 &&
            eca_audit_firm_carrier(a, i, (size_t)l->electricity,
                                   ECA_FLOW_CONSUME, &kwh, NULL) != ECA_OK)
            return ecai_fail(err, ECA_EARG, "loads: bad firm or carrier");
        fl->year_kwh = kwh;
        fl->hourly = fl->hour_kwh != NULL;
    }
    return ECA_OK;
}

eca_audit *ecai_loads_audit(ecai_loads *l, const eca_factors *f,
                            const char *dir, const eca_audit_options *o,
                            eca_error *err)
{
    memset(l, 0, sizeof *l);
    l->electricity = eca_factors_carrier_find(f, "electricity");
    ecai_meter_tap tap = {take_row, l};
    eca_audit *a = ecai_audit_run_tap(f, dir, o, &tap, err);
    if (a && close_loads(l, a, err) != ECA_OK) {
        eca_audit_free(a);
        a = NULL;
    }
    if (!a)
        ecai_loads_free(l);
    return a;
}
