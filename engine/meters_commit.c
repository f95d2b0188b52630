/* meters_commit.c: the parsed rows of meters.csv taken in file order:
 * the duplicate check (the first row stands), the rejections with their
 * reasons, the rows counted per year and firm, the exact sums per series,
 * folded at the end into each firm's carriers and flows, and the rows
 * shown to a tap (ecai_meter_tap) when one is set. */
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
    for (size_t y = 0; y < a->nyear; y++)
        free(a->fy[y]);
    free(a->fy);
    free(a->years);
    free(a->year_rows);
    free(a->cells);
    memset(a, 0, sizeof *a);
}

ecai_fixed ecai_fy_q(const ecai_firm_year *fy, size_t cell)
{
    size_t lo = 0, hi = fy->nq;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fy->q[mid].cell < cell)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < fy->nq && fy->q[lo].cell == cell ? fy->q[lo].q : 0;
}

/* The sums are kept for the one year that can still be the reporting
 * year: --year when given, else the latest year with a used row so far
 * (the default reporting year). Rows of other years are counted only, so
 * memory does not grow with the years a file holds: a series' sum starts
 * again from 0 when a later year takes over. 1: keep the sums of this
 * row. */
static int keep_sums(ecai_meters *m, int year)
{
    if (m->o->year || year < m->live_year)
        return year == m->live_year;
    m->live_year = year;
    return 1;
}

/* Adds the row to its series' sum (the series id sid). -1: no memory. */
static int add_sum(ecai_meters *m, long sid, const ecai_mrow *p)
{
    ecai_ssum *ss =
        ecai_grow_zeroed(m->ss, &m->nss, (size_t)sid, sizeof *ss, 1024);
    if (!ss)
        return -1;
    m->ss = ss;
    ecai_ssum *s = &m->ss[sid];
    if (s->year != p->year)
        *s = (ecai_ssum){0, p->firm, p->year,
                         (uint32_t)ecai_cell((size_t)p->carrier, p->flow, 0),
                         p->coking};
    s->q += p->q;
    return 0;
}

static int by_cell(const void *x, const void *y)
{
    size_t a = ((const ecai_qcell *)x)->cell, b = ((const ecai_qcell *)y)->cell;
    return (a > b) - (a < b);
}

eca_status ecai_meters_fold(ecai_meters *m, eca_error *err)
{
    ecai_acc *a = m->acc;
    long y = -1;
    size_t n = 0, *at = NULL;
    for (size_t k = 0; k < a->nyear; k++)
        if (a->years[k] == m->live_year)
            y = (long)k;
    if (y < 0)
        return ECA_OK;
    for (size_t k = 0; k < m->nss; k++)
        if (m->ss[k].year == m->live_year)
            n += 1 + m->ss[k].coking;
    at = calloc(a->nfirm + 1, sizeof *at);
    a->cells = malloc((n ? n : 1) * sizeof *a->cells);
    if (!at || !a->cells) {
        free(at);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    /* the cells grouped by firm (counting sort), then each firm's sorted
     * by cell and the cells of its several series added up: exact
     * integers, so the order of the additions does not matter */
    for (size_t k = 0; k < m->nss; k++)
        if (m->ss[k].year == m->live_year)
            at[m->ss[k].firm + 1] += 1 + m->ss[k].coking;
    for (size_t i = 0; i < a->nfirm; i++)
        at[i + 1] += at[i];
    ecai_firm_year *fy = a->fy[y];
    for (size_t k = 0; k < m->nss; k++) {
        const ecai_ssum *s = &m->ss[k];
        if (s->year != m->live_year)
            continue;
        ecai_firm_year *f = &fy[s->firm];
        size_t base = at[s->firm];
        a->cells[base + f->nq++] = (ecai_qcell){s->q, s->cell};
        if (s->coking)
            a->cells[base + f->nq++] = (ecai_qcell){s->q, s->cell + 1};
    }
    for (size_t i = 0; i < a->nfirm; i++) {
        ecai_qcell *c = a->cells + at[i];
        size_t k = 0;
        if (!fy[i].nq)
            continue;
        qsort(c, fy[i].nq, sizeof *c, by_cell);
        for (size_t j = 1; j < fy[i].nq; j++) {
            if (c[j].cell == c[k].cell)
                c[k].q += c[j].q;
            else
                c[++k] = c[j];
        }
        fy[i].nq = k + 1;
        fy[i].q = c;
    }
    free(at);
    return ECA_OK;
}

/* The row as a tap sees it. */
static eca_status tap_row(const ecai_meter_tap *t, const ecai_mrow *p,
                          eca_error *err)
{
    ecai_meter_row r = {p->q, p->value, p->key / 3, p->firm, p->carrier,
                        p->flow, p->year, (ecai_granularity)p->gran};
    return t->row(t->user, &r, err);
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
    m->counts.read++;
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
        m->counts.rejected++;
        count_reason(m->reasons, m->nreasons, reason_codes[p->reason]);
        return ecai_reject(m->o, "meters.csv", line,
                           p->col < ECAI_NCOL ? ecai_meters_col_names[p->col]
                                              : "",
                           reason_codes[p->reason], detail, err);
    }
    ecai_acc *a = m->acc;
    if (m->cur_slot < 0 || p->year != m->cur_year) {
        m->cur_slot = year_slot(a, p->year);
        if (m->cur_slot < 0)
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        m->cur_year = p->year;
    }
    ecai_firm_year *fy = &a->fy[m->cur_slot][p->firm];
    int keep = keep_sums(m, p->year);
    if (keep && add_sum(m, m->last_sid, p) != 0)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    fy->coking_rows += p->coking;
    fy->rows++;
    a->year_rows[m->cur_slot]++;
    if (a->tap && keep) {
        eca_status st = tap_row(a->tap, p, err);
        if (st != ECA_OK)
            return st;
    }
    /* the series quality checks see the rows of the year that can still
     * be the reporting year (they report that year's series only) */
    if (a->quality && keep) {
        return ecai_quality_add_sid(a->quality, m->last_sid, p->firm,
                                    p->carrier, p->flow, p->meter,
                                    p->meter_n, p->process, p->process_n,
                                    p->gran, p->year, p->key / 3, p->bin,
                                    p->value, p->estimated, err);
    }
    return ECA_OK;
}
