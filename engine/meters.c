/* meters.c: streaming meters.csv in batches: rows are checked and parsed
 * in parallel, then committed in file order (duplicate check, rejection,
 * exact sums), so the result does not depend on the thread count. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

#define BATCH 16384

enum { C_FIRM, C_METER, C_CARRIER, C_FLOW, C_PROCESS, C_PERIOD, C_QTY,
       C_UNIT, C_EST, NCOL };
static const char *const col_names[NCOL] = {
    "firm_id", "meter_id", "carrier", "flow", "process", "period",
    "quantity", "unit", "estimated"};

enum { R_OK = 0, R_FIELDS, R_MISSING, R_FIRM, R_CARRIER, R_FLOW, R_PERIOD,
       R_QTY, R_NEG, R_RANGE, R_UNIT, R_DIM, R_EST, R_DUP, NREASON };
static const char *const reason_codes[NREASON] = {
    "", "field_count", "missing_value", "unknown_firm", "unknown_carrier",
    "bad_flow", "bad_period", "bad_quantity", "negative_quantity",
    "quantity_out_of_range", "unknown_unit", "unit_mismatch",
    "bad_estimated", "duplicate_row"};

static const char *const flow_names[ECA_FLOW_COUNT] = {
    "consume", "convert_in", "convert_out", "recovered", "feedstock"};

const char *eca_flow_name(eca_flow f)
{
    return (unsigned)f < ECA_FLOW_COUNT ? flow_names[f] : "";
}

/* One parsed row. */
typedef struct {
    ecai_fixed q;
    uint64_t h1, h2;
    int32_t firm, carrier;
    int year;
    uint8_t flow, coking, reason, col;
} prow;

/* A batch of raw rows: the NCOL cells of each, copied out of the reader. */
typedef struct {
    char *bytes;
    size_t len, cap;
    size_t (*off)[NCOL];
    uint32_t (*n)[NCOL];
    long *line;
    uint32_t *nfields;
    prow *p;
    size_t rows;
} batch;

static const char *bcell(const batch *b, size_t r, int c, size_t *n)
{
    *n = b->n[r][c];
    return b->bytes + b->off[r][c];
}

static int batch_add(batch *b, const ecai_csv *c, const long *cols)
{
    size_t r = b->rows;
    for (int i = 0; i < NCOL; i++) {
        size_t n = 0;
        const char *s = cols[i] >= 0 ? ecai_csv_field(c, (size_t)cols[i], &n)
                                     : "";
        if (b->len + n + 1 > b->cap) {
            size_t cap = b->cap ? b->cap : 1 << 20;
            while (cap < b->len + n + 1)
                cap *= 2;
            char *q = realloc(b->bytes, cap);
            if (!q)
                return -1;
            b->bytes = q;
            b->cap = cap;
        }
        memcpy(b->bytes + b->len, s, n);
        b->bytes[b->len + n] = '\0';
        b->off[r][i] = b->len;
        b->n[r][i] = (uint32_t)n;
        b->len += n + 1;
    }
    b->line[r] = ecai_csv_line(c);
    b->nfields[r] = (uint32_t)ecai_csv_nfields(c);
    b->rows++;
    return 0;
}

static int is_coking(const char *s, size_t n)
{
    return (n == 6 && memcmp(s, "coking", 6) == 0) ||
           (n == 6 && memcmp(s, "\xE7\x82\xBC\xE7\x84\xA6", 6) == 0); /* 炼焦 */
}

static void mark(prow *p, int reason, int col)
{
    p->reason = (uint8_t)reason;
    p->col = (uint8_t)col;
}

/* Checks and parses row r; pure, so rows are parsed in parallel. */
static void parse_row(const batch *b, size_t r, size_t ncols,
                      const eca_factors *f, const ecai_firms *firms,
                      prow *p)
{
    size_t n[NCOL];
    const char *s[NCOL];
    memset(p, 0, sizeof *p);
    for (int i = 0; i < NCOL; i++)
        s[i] = bcell(b, r, i, &n[i]);
    if (b->nfields[r] != ncols) {
        mark(p, R_FIELDS, NCOL);
        return;
    }
    static const int required[] = {C_FIRM, C_CARRIER, C_PERIOD, C_QTY, C_UNIT};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (n[required[i]] == 0) {
            mark(p, R_MISSING, required[i]);
            return;
        }
    long firm = ecai_strmap_get(firms->map, s[C_FIRM], n[C_FIRM]);
    if (firm < 0) {
        mark(p, R_FIRM, C_FIRM);
        return;
    }
    long car = ecai_factors_carrier_findn(f, s[C_CARRIER], n[C_CARRIER]);
    if (car < 0) {
        mark(p, R_CARRIER, C_CARRIER);
        return;
    }
    int flow = n[C_FLOW] ? -1 : ECA_FLOW_CONSUME;
    for (int i = 0; i < ECA_FLOW_COUNT && flow < 0; i++)
        if (strcmp(s[C_FLOW], flow_names[i]) == 0)
            flow = i;
    if (flow < 0) {
        mark(p, R_FLOW, C_FLOW);
        return;
    }
    ecai_period per;
    if (ecai_period_parse(s[C_PERIOD], n[C_PERIOD], &per) != 0) {
        mark(p, R_PERIOD, C_PERIOD);
        return;
    }
    ecai_decimal dq;
    if (ecai_decimal_parse(s[C_QTY], n[C_QTY], &dq) != 0) {
        mark(p, R_QTY, C_QTY);
        return;
    }
    if (dq.neg) {
        mark(p, R_NEG, C_QTY);
        return;
    }
    long ui = ecai_factors_unit_find(f, s[C_UNIT], n[C_UNIT]);
    if (ui < 0) {
        mark(p, R_UNIT, C_UNIT);
        return;
    }
    const ecai_unit *u = ecai_factors_unit(f, ui);
    size_t ncar;
    const ecai_carrier *cars = ecai_factors_carriers(f, &ncar);
    if (u->dim != cars[car].dim) {
        mark(p, R_DIM, C_UNIT);
        return;
    }
    if (ecai_decimal_to_fixed(&dq, &u->to_base, &p->q) != 0) {
        mark(p, R_RANGE, C_QTY);
        return;
    }
    if (!(n[C_EST] == 0 || (n[C_EST] == 1 && (s[C_EST][0] == '0' ||
                                             s[C_EST][0] == '1')))) {
        mark(p, R_EST, C_EST);
        return;
    }
    /* duplicate key: firm, meter, carrier, flow, process, period */
    struct {
        int32_t firm, carrier, flow, gran;
        int64_t minutes;
    } k = {(int32_t)firm, (int32_t)car, flow, (int32_t)per.gran,
           ecai_period_minutes(&per)};
    uint64_t h1 = ecai_hash(&k, sizeof k, 0x1234567);
    uint64_t h2 = ecai_hash(&k, sizeof k, 0x89abcdef);
    h1 = ecai_hash(s[C_METER], n[C_METER], h1);
    h2 = ecai_hash(s[C_METER], n[C_METER], h2);
    p->h1 = ecai_hash(s[C_PROCESS], n[C_PROCESS], h1 ^ 0x5555);
    p->h2 = ecai_hash(s[C_PROCESS], n[C_PROCESS], h2 ^ 0xaaaa);
    p->firm = (int32_t)firm;
    p->carrier = (int32_t)car;
    p->year = per.year;
    p->flow = (uint8_t)flow;
    p->coking = (uint8_t)is_coking(s[C_PROCESS], n[C_PROCESS]);
}

static void detail_of(const batch *b, size_t r, const prow *p, size_t ncols,
                      const eca_factors *f, char *d, size_t dn)
{
    size_t n;
    const char *v = p->col < NCOL ? bcell(b, r, p->col, &n) : "";
    switch (p->reason) {
    case R_FIELDS:
        snprintf(d, dn, "row has %u fields, header has %zu", b->nfields[r],
                 ncols);
        break;
    case R_MISSING:
        snprintf(d, dn, "required value is empty");
        break;
    case R_FIRM:
        snprintf(d, dn, "\"%.200s\" is not a firm_id of firms.csv", v);
        break;
    case R_CARRIER:
        snprintf(d, dn, "\"%.200s\" is not a carrier of the factor table", v);
        break;
    case R_FLOW:
        snprintf(d, dn, "\"%.200s\" is not consume, convert_in, convert_out, "
                        "recovered or feedstock", v);
        break;
    case R_PERIOD:
        snprintf(d, dn, "\"%.200s\" is not a date YYYY-MM, YYYY-MM-DD or "
                        "YYYY-MM-DDThh:mm", v);
        break;
    case R_QTY:
        snprintf(d, dn, "\"%.200s\" is not a number", v);
        break;
    case R_NEG:
        snprintf(d, dn, "\"%.200s\" is below 0", v);
        break;
    case R_RANGE:
        snprintf(d, dn, "\"%.200s\" exceeds 10^15 base units in one row", v);
        break;
    case R_UNIT:
        snprintf(d, dn, "\"%.200s\" is not a unit of units.csv", v);
        break;
    case R_DIM: {
        size_t nc, ncar;
        const char *car = bcell(b, r, C_CARRIER, &nc);
        const ecai_carrier *cars = ecai_factors_carriers(f, &ncar);
        long ci = ecai_factors_carrier_findn(f, car, nc);
        snprintf(d, dn, "unit \"%.100s\" does not measure carrier %.100s "
                        "(unit %s)", v, car, ci >= 0 ? cars[ci].unit : "?");
        break;
    }
    case R_EST:
        snprintf(d, dn, "\"%.200s\" is not 0 or 1", v);
        break;
    case R_DUP:
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

/* Hands an accepted row to the series quality checks. */
static eca_status quality_add(const batch *b, size_t r, const prow *p,
                              ecai_quality *q, eca_error *err)
{
    size_t nm, np, nper, ne;
    const char *meter = bcell(b, r, C_METER, &nm);
    const char *process = bcell(b, r, C_PROCESS, &np);
    const char *per = bcell(b, r, C_PERIOD, &nper);
    const char *est = bcell(b, r, C_EST, &ne);
    ecai_period pp;
    ecai_period_parse(per, nper, &pp); /* checked by parse_row */
    return ecai_quality_add(q, p->firm, p->carrier, p->flow, meter, nm,
                            process, np, &pp, ecai_fixed_to_double(p->q),
                            ne == 1 && est[0] == '1', err);
}

/* Commits a parsed batch in file order. */
static eca_status commit(const batch *b, size_t ncols, const eca_factors *f,
                         const eca_audit_options *o, ecai_acc *acc,
                         ecai_keyset *seen, eca_row_counts *rc,
                         ecai_reason_count *rs, size_t *nrs, eca_error *err)
{
    for (size_t r = 0; r < b->rows; r++) {
        prow *p = &b->p[r];
        rc->read++;
        if (!p->reason) {
            int d = ecai_keyset_insert(seen, p->h1, p->h2);
            if (d < 0)
                return ecai_fail(err, ECA_ENOMEM, "out of memory");
            if (d)
                mark(p, R_DUP, NCOL); /* the whole row */
        }
        if (p->reason) {
            char detail[400];
            detail_of(b, r, p, ncols, f, detail, sizeof detail);
            rc->rejected++;
            count_reason(rs, nrs, reason_codes[p->reason]);
            eca_status st = ecai_reject(
                o, "meters.csv", b->line[r],
                p->col < NCOL ? col_names[p->col] : "",
                reason_codes[p->reason], detail, err);
            if (st != ECA_OK)
                return st;
            continue;
        }
        long y = year_slot(acc, p->year);
        if (y < 0)
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        ecai_firm_year *fy = &acc->fy[y][p->firm];
        if (!fy->q &&
            !(fy->q = calloc(acc->ncar * ECA_FLOW_COUNT * 2, sizeof *fy->q)))
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        fy->q[ecai_cell((size_t)p->carrier, p->flow, 0)] += p->q;
        if (p->coking) {
            fy->q[ecai_cell((size_t)p->carrier, p->flow, 1)] += p->q;
            fy->coking_rows++;
        }
        fy->rows++;
        acc->year_rows[y]++;
        if (acc->quality && quality_add(b, r, p, acc->quality, err) != ECA_OK)
            return err->status;
    }
    return ECA_OK;
}

static void batch_free(batch *b)
{
    free(b->bytes);
    free(b->off);
    free(b->n);
    free(b->line);
    free(b->nfields);
    free(b->p);
}

eca_status ecai_meters_read(const char *path, const eca_factors *f,
                            const ecai_firms *firms,
                            const eca_audit_options *o, ecai_acc *acc,
                            eca_row_counts *rc, ecai_reason_count *reasons,
                            size_t *nreasons, eca_error *err)
{
    static const char *const req[] = {"firm_id", "carrier", "period",
                                      "quantity", "unit", NULL};
    ecai_csv *c = ecai_csv_open(path, "meters.csv", err);
    ecai_keyset *seen = ecai_keyset_alloc();
    batch b = {0};
    eca_status st = ECA_OK;
    long cols[NCOL];
    int r = 1;

    memset(rc, 0, sizeof *rc);
    *nreasons = 0;
    if (!c) {
        ecai_keyset_free(seen);
        return err->status;
    }
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    b.off = malloc(BATCH * sizeof *b.off);
    b.n = malloc(BATCH * sizeof *b.n);
    b.line = malloc(BATCH * sizeof *b.line);
    b.nfields = malloc(BATCH * sizeof *b.nfields);
    b.p = malloc(BATCH * sizeof *b.p);
    if (!seen || !b.off || !b.n || !b.line || !b.nfields || !b.p) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < NCOL; i++)
        cols[i] = ecai_csv_find(c, col_names[i]);
    size_t ncols = ecai_csv_columns(c);
    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
    while (r == 1) {
        b.rows = b.len = 0;
        while (b.rows < BATCH && (r = ecai_csv_next(c, err)) == 1)
            if (batch_add(&b, c, cols) != 0) {
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
        if (r < 0) {
            st = err->status;
            goto done;
        }
        long rows = (long)b.rows;
#pragma omp parallel for schedule(static, 1024) if (rows > 2048) num_threads(nt)
        for (long i = 0; i < rows; i++)
            parse_row(&b, (size_t)i, ncols, f, firms, &b.p[i]);
        if ((st = commit(&b, ncols, f, o, acc, seen, rc, reasons, nreasons,
                         err)) != ECA_OK)
            goto done;
        if (o->on_progress)
            o->on_progress(ecai_csv_bytes_read(c), ecai_csv_bytes_total(c),
                           o->progress_user);
    }
done:
    batch_free(&b);
    ecai_keyset_free(seen);
    ecai_csv_close(c);
    return st;
}
