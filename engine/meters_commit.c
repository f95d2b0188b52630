/* meters_commit.c: the parsed rows of meters.csv taken in file order:
 * the duplicate check (the first row stands), the rejections with their
 * reasons, and the exact sums per year, firm, carrier and flow. */
#include <stdlib.h>
#include <string.h>
#include "meters.h"

const char *const ecai_meters_col_names[ECAI_NCOL] = {
    "firm_id", "meter_id", "carrier", "flow", "process", "period",
    "quantity", "unit", "estimated"};

static const char *const reason_codes[ECAI_NREASON] = {
    "", "field_count", "missing_value", "unknown_firm", "unknown_carrier",
    "bad_flow", "bad_period", "bad_quantity", "negative_quantity",
    "quantity_out_of_range", "unknown_unit", "unit_mismatch",
    "bad_estimated", "duplicate_row"};

static void detail_of(const ecai_meters *m, const ecai_record *r,
                      const ecai_mrow *p, char *d, size_t dn)
{
    ecai_span s[ECAI_NCOL];
    ecai_meters_cells(m, r, s);
    ecai_span v = p->col < ECAI_NCOL ? s[p->col] : (ecai_span){"", 0};
    int vn = v.n > 200 ? 200 : (int)v.n;
    switch (p->reason) {
    case ECAI_R_FIELDS:
        snprintf(d, dn, "row has %u fields, header has %zu",
                 (unsigned)r->nf, m->ncols);
        break;
    case ECAI_R_MISSING:
        snprintf(d, dn, "required value is empty");
        break;
    case ECAI_R_FIRM:
        snprintf(d, dn, "\"%.*s\" is not a firm_id of firms.csv", vn, v.s);
        break;
    case ECAI_R_CARRIER:
        snprintf(d, dn, "\"%.*s\" is not a carrier of the factor table", vn,
                 v.s);
        break;
    case ECAI_R_FLOW:
        snprintf(d, dn, "\"%.*s\" is not consume, convert_in, convert_out, "
                        "recovered or feedstock", vn, v.s);
        break;
    case ECAI_R_PERIOD:
        snprintf(d, dn, "\"%.*s\" is not a date YYYY-MM, YYYY-MM-DD or "
                        "YYYY-MM-DDThh:mm", vn, v.s);
        break;
    case ECAI_R_QTY:
        snprintf(d, dn, "\"%.*s\" is not a number", vn, v.s);
        break;
    case ECAI_R_NEG:
        snprintf(d, dn, "\"%.*s\" is below 0", vn, v.s);
        break;
    case ECAI_R_RANGE:
        snprintf(d, dn, "\"%.*s\" exceeds 10^15 base units in one row", vn,
                 v.s);
        break;
    case ECAI_R_UNIT:
        snprintf(d, dn, "\"%.*s\" is not a unit of units.csv", vn, v.s);
        break;
    case ECAI_R_DIM: {
        ecai_span car = s[ECAI_C_CARRIER];
        long ci = ecai_factors_carrier_findn(m->f, car.s, car.n);
        snprintf(d, dn, "unit \"%.*s\" does not measure carrier %.*s "
                        "(unit %s)", vn > 100 ? 100 : vn, v.s,
                 car.n > 100 ? 100 : (int)car.n, car.s,
                 ci >= 0 ? m->cars[ci].unit : "?");
        break;
    }
    case ECAI_R_EST:
        snprintf(d, dn, "\"%.*s\" is not 0 or 1", vn, v.s);
        break;
    case ECAI_R_DUP:
        snprintf(d, dn, "same firm, meter, carrier, flow, process and period "
                        "as an earlier row");
        break;
    default:
        snprintf(d, dn, "rejected");
    }
}

static long year_slot(ecai_acc *a, int year)
{
    for (size_t i = 0; i < a->nyear; i++)
        if (a->years[i] == year)
            return (long)i;
    size_t k = a->nyear + 1;
    int *y = realloc(a->years, k * sizeof *y);
    if (y)
        a->years = y;
    uint64_t *yr = realloc(a->year_rows, k * sizeof *yr);
    if (yr)
        a->year_rows = yr;
    ecai_firm_year **fy = realloc(a->fy, k * sizeof *fy);
    if (fy)
        a->fy = fy;
    if (!y || !yr || !fy)
        return -1;
    a->fy[a->nyear] = calloc(a->nfirm ? a->nfirm : 1, sizeof **a->fy);
    if (!a->fy[a->nyear])
        return -1;
    a->years[a->nyear] = year;
    a->year_rows[a->nyear] = 0;
    return (long)a->nyear++;
}

void ecai_acc_free(ecai_acc *a)
{
    if (!a)
        return;
    for (size_t y = 0; y < a->nyear; y++) {
        for (size_t i = 0; i < a->nfirm; i++)
            free(a->fy[y][i].q);
        free(a->fy[y]);
    }
    free(a->fy);
    free(a->years);
    free(a->year_rows);
    memset(a, 0, sizeof *a);
}

/* The sums are kept for the one year that can still be the reporting
 * year: --year when given, else the latest year with a used row so far
 * (the default reporting year). Rows of other years are counted only, so
 * memory does not grow with the years a file holds; q stays NULL in their
 * slots. 1: keep the sums of this row. */
static int keep_sums(ecai_meters *m, int year)
{
    ecai_acc *a = m->acc;
    if (m->o->year || year < m->live_year)
        return year == m->live_year;
    if (year > m->live_year) {
        for (size_t y = 0; y < a->nyear; y++)
            if (a->years[y] == m->live_year)
                for (size_t i = 0; i < a->nfirm; i++) {
                    free(a->fy[y][i].q);
                    a->fy[y][i].q = NULL;
                }
        m->live_year = year;
    }
    return 1;
}

static void count_reason(ecai_reason_count *rs, size_t *nrs, const char *r)
{
    for (size_t i = 0; i < *nrs; i++)
        if (rs[i].reason == r) {
            rs[i].count++;
            return;
        }
    if (*nrs < ECAI_REASON_MAX)
        rs[(*nrs)++] = (ecai_reason_count){r, 1};
}

eca_status ecai_meters_commit(void *user, size_t slot, size_t i, long line,
                              eca_error *err)
{
    ecai_meters *m = user;
    ecai_mslot *ms = &m->slots[slot];
    ecai_record r;

    if (ms->nomem || i >= ms->cap)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    ecai_mrow *p = &ms->p[i];
    m->rc->read++;
    if (!p->reason) {
        long sid = m->last_sid;
        if (!p->same) {
            sid = ecai_dedup_series(m->dd, p->sh, p->firm, p->carrier,
                                    p->flow, p->meter, p->meter_n, p->process,
                                    p->process_n);
            if (sid < 0)
                return ecai_fail(err, ECA_ENOMEM, "out of memory");
        }
        m->last_sid = sid;
        int d = ecai_dedup_insert(m->dd, sid, p->key);
        if (d < 0)
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        if (d) {
            p->reason = ECAI_R_DUP;
            p->col = ECAI_NCOL; /* the whole row */
        }
    }
    if (p->reason) {
        char detail[400];
        ecai_ingest_record(m->g, slot, i, &r, m->cells);
        detail_of(m, &r, p, detail, sizeof detail);
        m->rc->rejected++;
        count_reason(m->reasons, m->nreasons, reason_codes[p->reason]);
        return ecai_reject(m->o, "meters.csv", line,
                           p->col < ECAI_NCOL ? ecai_meters_col_names[p->col]
                                              : "",
                           reason_codes[p->reason], detail, err);
    }
    ecai_acc *a = m->acc;
    long y = year_slot(a, p->year);
    if (y < 0)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    ecai_firm_year *fy = &a->fy[y][p->firm];
    int keep = keep_sums(m, p->year);
    if (keep) {
        if (!fy->q &&
            !(fy->q = calloc(a->ncar * ECA_FLOW_COUNT * 2, sizeof *fy->q)))
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        fy->q[ecai_cell((size_t)p->carrier, p->flow, 0)] += p->q;
        if (p->coking)
            fy->q[ecai_cell((size_t)p->carrier, p->flow, 1)] += p->q;
    }
    fy->coking_rows += p->coking;
    fy->rows++;
    a->year_rows[y]++;
    /* the series quality checks see the rows of the year that can still
     * be the reporting year (they report that year's series only) */
    if (a->quality && keep) {
        ecai_period per = {p->year, p->month, p->day, p->hour, p->minute,
                           (ecai_granularity)p->gran};
        return ecai_quality_add_sid(a->quality, m->last_sid, p->firm,
                                    p->carrier, p->flow, p->meter,
                                    p->meter_n, p->process, p->process_n,
                                    &per, ecai_fixed_to_double(p->q),
                                    p->estimated, err);
    }
    return ECA_OK;
}
