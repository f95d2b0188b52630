/* meters.c: meters.csv into the exact sums. ingest.c hands out the rows
 * of each block to the threads, which check and parse them; the rows are
 * then committed in file order (duplicates by series, rejections, sums),
 * so the result does not depend on the block size or the thread count. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "meters.h"

static const char *const flow_names[ECA_FLOW_COUNT] = {
    "consume", "convert_in", "convert_out", "recovered", "feedstock"};

const char *eca_flow_name(eca_flow f)
{
    return (unsigned)f < ECA_FLOW_COUNT ? flow_names[f] : "";
}

static int is_coking(const char *s, size_t n)
{
    return (n == 6 && memcmp(s, "coking", 6) == 0) ||
           (n == 6 && memcmp(s, "\xE7\x82\xBC\xE7\x84\xA6", 6) == 0); /* 炼焦 */
}

/* Equal bytes; short cells (most are) compared in two loads each. */
static inline int eq(ecai_span a, ecai_span b)
{
    size_t n = a.n;
    if (n != b.n)
        return 0;
    if (n >= 8 && n <= 16) {
        uint64_t x0, y0, x1, y1;
        memcpy(&x0, a.s, 8);
        memcpy(&y0, b.s, 8);
        memcpy(&x1, a.s + n - 8, 8);
        memcpy(&y1, b.s + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n >= 4 && n < 8) {
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a.s, 4);
        memcpy(&y0, b.s, 4);
        memcpy(&x1, a.s + n - 4, 4);
        memcpy(&y1, b.s + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (a.s[i] != b.s[i])
                return 0;
        return 1;
    }
    return memcmp(a.s, b.s, n) == 0;
}

static void mark(ecai_mrow *p, int reason, int col)
{
    p->reason = (uint8_t)reason;
    p->col = (uint8_t)col;
}

void ecai_meters_cells(const ecai_meters *m, const ecai_record *r,
                       ecai_span *s)
{
    for (int i = 0; i < ECAI_NCOL; i++) {
        long c = m->col[i];
        s[i] = c >= 0 && (size_t)c < r->nf ? r->f[c] : (ecai_span){"", 0};
    }
}

/* Checks and parses one row; pure but for the slot's cache of the lookups
 * of the block's previous row, so rows are parsed in parallel. The checks
 * come in a fixed order: the first failing one is the reason. */
static void parse_row(const ecai_meters *m, ecai_mslot *ms,
                      const ecai_record *r, ecai_mrow *p)
{
    ecai_span cells[ECAI_NCOL];
    const ecai_span *s = r->f;
    ecai_mcache *c = &ms->cache;
    /* a good row sets every field below; a rejected one reason and col.
     * (Zeroing the whole row first was a quarter of the parse.) */
    p->reason = 0;
    if (r->nf != m->ncols) {
        mark(p, ECAI_R_FIELDS, ECAI_NCOL);
        return;
    }
    if (!m->in_order) { /* the columns in another order, or some absent */
        ecai_meters_cells(m, r, cells);
        s = cells;
    }
    static const int required[] = {ECAI_C_FIRM, ECAI_C_CARRIER, ECAI_C_PERIOD,
                                   ECAI_C_QTY, ECAI_C_UNIT};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (s[required[i]].n == 0) {
            mark(p, ECAI_R_MISSING, required[i]);
            return;
        }
    if (!(c->valid & 1) || !eq(s[ECAI_C_FIRM], c->firm)) {
        long firm = ecai_strmap_get(m->firms->map, s[ECAI_C_FIRM].s,
                                    s[ECAI_C_FIRM].n);
        if (firm < 0) {
            mark(p, ECAI_R_FIRM, ECAI_C_FIRM);
            return;
        }
        c->firm = s[ECAI_C_FIRM];
        c->firm_i = (int32_t)firm;
        c->valid |= 1;
    }
    if (!(c->valid & 2) || !eq(s[ECAI_C_CARRIER], c->carrier)) {
        long car = ecai_factors_carrier_findn(m->f, s[ECAI_C_CARRIER].s,
                                              s[ECAI_C_CARRIER].n);
        if (car < 0) {
            mark(p, ECAI_R_CARRIER, ECAI_C_CARRIER);
            return;
        }
        c->carrier = s[ECAI_C_CARRIER];
        c->car_i = (int32_t)car;
        c->valid |= 2;
    }
    if (!(c->valid & 4) || !eq(s[ECAI_C_FLOW], c->flow)) {
        int flow = s[ECAI_C_FLOW].n ? -1 : ECA_FLOW_CONSUME;
        for (int i = 0; i < ECA_FLOW_COUNT && flow < 0; i++)
            if (s[ECAI_C_FLOW].n == strlen(flow_names[i]) &&
                memcmp(s[ECAI_C_FLOW].s, flow_names[i], s[ECAI_C_FLOW].n) == 0)
                flow = i;
        if (flow < 0) {
            mark(p, ECAI_R_FLOW, ECAI_C_FLOW);
            return;
        }
        c->flow = s[ECAI_C_FLOW];
        c->flow_i = flow;
        c->valid |= 4;
    }
    ecai_period per;
    if (ecai_period_parse(s[ECAI_C_PERIOD].s, s[ECAI_C_PERIOD].n, &per) != 0) {
        mark(p, ECAI_R_PERIOD, ECAI_C_PERIOD);
        return;
    }
    ecai_decimal dq;
    if (ecai_decimal_parse(s[ECAI_C_QTY].s, s[ECAI_C_QTY].n, &dq) != 0) {
        mark(p, ECAI_R_QTY, ECAI_C_QTY);
        return;
    }
    if (dq.neg) {
        mark(p, ECAI_R_NEG, ECAI_C_QTY);
        return;
    }
    if (!(c->valid & 8) || !eq(s[ECAI_C_UNIT], c->unit)) {
        long ui = ecai_factors_unit_find(m->f, s[ECAI_C_UNIT].s,
                                         s[ECAI_C_UNIT].n);
        if (ui < 0) {
            mark(p, ECAI_R_UNIT, ECAI_C_UNIT);
            return;
        }
        c->unit = s[ECAI_C_UNIT];
        c->u = ecai_factors_unit(m->f, ui);
        c->valid |= 8;
    }
    if (c->u->dim != m->cars[c->car_i].dim) {
        mark(p, ECAI_R_DIM, ECAI_C_UNIT);
        return;
    }
    if (ecai_decimal_to_fixed(&dq, &c->u->to_base, &p->q) != 0) {
        mark(p, ECAI_R_RANGE, ECAI_C_QTY);
        return;
    }
    p->value = ecai_fixed_to_double(p->q);
    ecai_span est = s[ECAI_C_EST];
    if (!(est.n == 0 || (est.n == 1 && (est.s[0] == '0' || est.s[0] == '1')))) {
        mark(p, ECAI_R_EST, ECAI_C_EST);
        return;
    }
    /* the series: the same as the block's previous good row? */
    int same = (c->valid & 16) && c->prev_firm == c->firm_i &&
               c->prev_car == c->car_i && c->prev_flow == c->flow_i &&
               eq(s[ECAI_C_METER], c->meter) &&
               eq(s[ECAI_C_PROCESS], c->process);
    if (!same) {
        struct {
            int32_t firm, carrier, flow;
        } k = {c->firm_i, c->car_i, c->flow_i};
        uint64_t h = ecai_hash(&k, sizeof k, 0x1234567);
        h = ecai_hash(s[ECAI_C_METER].s, s[ECAI_C_METER].n, h);
        c->series_h = ecai_hash(s[ECAI_C_PROCESS].s, s[ECAI_C_PROCESS].n,
                                h ^ 0x5555);
        c->coking = (uint8_t)is_coking(s[ECAI_C_PROCESS].s,
                                       s[ECAI_C_PROCESS].n);
        c->meter = s[ECAI_C_METER];
        c->process = s[ECAI_C_PROCESS];
        c->prev_firm = c->firm_i;
        c->prev_car = c->car_i;
        c->prev_flow = c->flow_i;
        c->valid |= 16;
    }
    p->same = (uint8_t)same;
    p->sh = c->series_h;
    p->meter = s[ECAI_C_METER].s;
    p->meter_n = (uint32_t)s[ECAI_C_METER].n;
    p->process = s[ECAI_C_PROCESS].s;
    p->process_n = (uint32_t)s[ECAI_C_PROCESS].n;
    /* the period's index in its own unit (months, days or minutes), the
     * duplicate key, and its bin for the series checks */
    int bin;
    p->key = ecai_quality_unit(&per, &bin) * 3 + (int64_t)per.gran;
    p->bin = (uint16_t)bin;
    p->gran = (uint8_t)per.gran;
    p->estimated = est.n == 1 && est.s[0] == '1';
    p->firm = c->firm_i;
    p->carrier = c->car_i;
    p->year = per.year;
    p->flow = (uint8_t)c->flow_i;
    p->coking = c->coking;
}

static void parse(void *user, size_t slot, size_t i, const ecai_record *r)
{
    ecai_meters *m = user;
    ecai_mslot *ms = &m->slots[slot];
    if (i == 0)
        ms->cache.valid = 0; /* a block's rows see only its own */
    if (i >= ms->cap) {
        ecai_mrow *p = ecai_grow(ms->p, &ms->cap, i, sizeof *p, 4096);
        if (!p) {
            ms->nomem = 1;
            return;
        }
        ms->p = p;
    }
    parse_row(m, ms, r, &ms->p[i]);
}

static void progress(void *user, uint64_t done, uint64_t total)
{
    const ecai_meters *m = user;
    m->o->on_progress(done, total, m->o->progress_user);
}

eca_status ecai_meters_read(const char *path, const eca_factors *f,
                            const ecai_firms *firms,
                            const eca_audit_options *o, ecai_acc *acc,
                            eca_row_counts *rc, ecai_reason_count *reasons,
                            size_t *nreasons, eca_error *err)
{
    static const char *const req[] = {"firm_id", "carrier", "period",
                                      "quantity", "unit", NULL};
    ecai_meters m = {0};
    eca_status st = ECA_OK;

    memset(rc, 0, sizeof *rc);
    *nreasons = 0;
    m.g = ecai_ingest_open(path, "meters.csv", err);
    if (!m.g)
        return err->status;
    const ecai_csv *c = ecai_ingest_csv(m.g);
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    m.f = f;
    m.firms = firms;
    m.o = o;
    m.acc = acc;
    m.reasons = reasons;
    m.nreasons = nreasons;
    m.cars = ecai_factors_carriers(f, &m.ncar);
    m.ncols = ecai_csv_columns(c);
    m.keep = 1;
    m.in_order = 1;
    for (int i = 0; i < ECAI_NCOL; i++) {
        m.col[i] = ecai_csv_find(c, ecai_meters_col_names[i]);
        if (m.col[i] >= 0 && (size_t)m.col[i] + 1 > m.keep)
            m.keep = (size_t)m.col[i] + 1;
        m.in_order &= m.col[i] == i;
    }
    m.live_year = o->year;
    m.cur_slot = -1;
    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
    m.nslots = ecai_ingest_slots(m.g, nt);
    m.slots = ecai_calloc_lines(m.nslots, sizeof *m.slots);
    m.cells = calloc(m.keep, sizeof *m.cells);
    m.dd = ecai_dedup_alloc();
    if (!m.slots || !m.cells || !m.dd) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    ecai_ingest_ops ops = {&m, parse, ecai_meters_commit,
                           o->on_progress ? progress : NULL};
    st = ecai_ingest_run(m.g, &ops, m.keep, nt, err);
    if (st == ECA_OK)
        st = ecai_meters_fold(&m, err);
    *rc = m.counts;
done:
    for (size_t i = 0; m.slots && i < m.nslots; i++)
        free(m.slots[i].p);
    free(m.slots);
    free(m.cells);
    free(m.ss);
    ecai_dedup_free(m.dd);
    ecai_ingest_free(m.g);
    return st;
}
