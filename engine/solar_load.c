/* solar_load.c: each firm's electricity from DIR/meters.csv for the
 * offsets: carrier `electricity`, flow consume, of the reporting year;
 * hour by hour where every such row of the firm is YYYY-MM-DDThh:mm, a
 * yearly total otherwise. Every row is checked as the audit checks it, and
 * a bad one is rejected with the audit's reason codes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

enum { C_FIRM, C_METER, C_CARRIER, C_FLOW, C_PROCESS, C_PERIOD, C_QTY,
       C_UNIT, C_EST, NCOL };
static const char *const col_names[NCOL] = {
    "firm_id", "meter_id", "carrier", "flow", "process", "period",
    "quantity", "unit", "estimated"};
static const char *const flows[ECA_FLOW_COUNT] = {
    "consume", "convert_in", "convert_out", "recovered", "feedstock"};

typedef struct {
    int col;
    const char *reason;
    char detail[320];
} fault;

static int bad(fault *f, int col, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int bad(fault *f, int col, const char *reason, const char *fmt, ...)
{
    va_list ap;
    f->col = col;
    f->reason = reason;
    va_start(ap, fmt);
    vsnprintf(f->detail, sizeof f->detail, fmt, ap);
    va_end(ap);
    return -1;
}

typedef struct {
    long firm;
    int flow, electricity;
    ecai_period per;
    ecai_fixed kwh; /* base units of the carrier's dimension */
} parsed;

static int check(const ecai_csv *c, const long *cols, const eca_factors *f,
                 const ecai_idlist *firms, ecai_keyset *seen, parsed *p,
                 fault *ft)
{
    const char *s[NCOL];
    size_t n[NCOL];
    for (int i = 0; i < NCOL; i++)
        s[i] = cols[i] >= 0 ? ecai_csv_field(c, (size_t)cols[i], &n[i])
                            : (n[i] = 0, "");
    if (ecai_csv_nfields(c) != ecai_csv_columns(c)) {
        char d[64];
        snprintf(d, sizeof d, "row has %zu fields, header has %zu",
                 ecai_csv_nfields(c), ecai_csv_columns(c));
        return bad(ft, -1, "field_count", "%s", d);
    }
    static const int req[] = {C_FIRM, C_CARRIER, C_PERIOD, C_QTY, C_UNIT};
    for (int i = 0; i < 5; i++)
        if (!n[req[i]])
            return bad(ft, req[i], "missing_value", "%s",
                       "required value is empty");
    if ((p->firm = ecai_idlist_find(firms, s[C_FIRM])) < 0)
        return bad(ft, C_FIRM, "unknown_firm",
                   "\"%.200s\" is not a firm_id of firms.csv", s[C_FIRM]);
    long car = ecai_factors_carrier_findn(f, s[C_CARRIER], n[C_CARRIER]);
    if (car < 0)
        return bad(ft, C_CARRIER, "unknown_carrier",
                   "\"%.200s\" is not a carrier of the factor table",
                   s[C_CARRIER]);
    p->flow = n[C_FLOW] ? -1 : ECA_FLOW_CONSUME;
    for (int i = 0; i < ECA_FLOW_COUNT && p->flow < 0; i++)
        if (strcmp(s[C_FLOW], flows[i]) == 0)
            p->flow = i;
    if (p->flow < 0)
        return bad(ft, C_FLOW, "bad_flow",
                   "\"%.200s\" is not consume, convert_in, convert_out, "
                   "recovered or feedstock", s[C_FLOW]);
    if (ecai_period_parse(s[C_PERIOD], n[C_PERIOD], &p->per) != 0)
        return bad(ft, C_PERIOD, "bad_period",
                   "\"%.200s\" is not a date YYYY-MM, YYYY-MM-DD or "
                   "YYYY-MM-DDThh:mm", s[C_PERIOD]);
    ecai_decimal dq;
    if (ecai_decimal_parse(s[C_QTY], n[C_QTY], &dq) != 0)
        return bad(ft, C_QTY, "bad_quantity", "\"%.200s\" is not a number",
                   s[C_QTY]);
    if (dq.neg)
        return bad(ft, C_QTY, "negative_quantity", "\"%.200s\" is below 0",
                   s[C_QTY]);
    long ui = ecai_factors_unit_find(f, s[C_UNIT], n[C_UNIT]);
    if (ui < 0)
        return bad(ft, C_UNIT, "unknown_unit",
                   "\"%.200s\" is not a unit of units.csv", s[C_UNIT]);
    const ecai_unit *u = ecai_factors_unit(f, ui);
    size_t ncar;
    const ecai_carrier *cars = ecai_factors_carriers(f, &ncar);
    if (u->dim != cars[car].dim) {
        char d[320];
        snprintf(d, sizeof d, "unit \"%.100s\" does not measure carrier "
                              "%.100s (unit %s)", s[C_UNIT], s[C_CARRIER],
                 cars[car].unit);
        return bad(ft, C_UNIT, "unit_mismatch", "%s", d);
    }
    if (ecai_decimal_to_fixed(&dq, &u->to_base, &p->kwh) != 0)
        return bad(ft, C_QTY, "quantity_out_of_range",
                   "\"%.200s\" exceeds 10^15 base units in one row", s[C_QTY]);
    if (!(n[C_EST] == 0 ||
          (n[C_EST] == 1 && (s[C_EST][0] == '0' || s[C_EST][0] == '1'))))
        return bad(ft, C_EST, "bad_estimated", "\"%.200s\" is not 0 or 1",
                   s[C_EST]);
    /* the audit's duplicate key: firm, meter, carrier, flow, process and
     * period (with its granularity) */
    struct {
        int32_t firm, carrier, flow, gran;
        int64_t minutes;
    } k = {(int32_t)p->firm, (int32_t)car, p->flow, (int32_t)p->per.gran,
           ecai_period_minutes(&p->per)};
    uint64_t h1 = ecai_hash(&k, sizeof k, 0x1234567);
    uint64_t h2 = ecai_hash(&k, sizeof k, 0x89abcdef);
    h1 = ecai_hash(s[C_METER], n[C_METER], h1);
    h2 = ecai_hash(s[C_METER], n[C_METER], h2);
    h1 = ecai_hash(s[C_PROCESS], n[C_PROCESS], h1 ^ 0x5555);
    h2 = ecai_hash(s[C_PROCESS], n[C_PROCESS], h2 ^ 0xaaaa);
    int d = ecai_keyset_insert(seen, h1, h2);
    if (d < 0)
        return bad(ft, -2, "", "%s", "out of memory");
    if (d)
        return bad(ft, -1, "duplicate_row", "%s",
                   "same firm, meter, carrier, flow, process and period as "
                   "an earlier row");
    p->electricity = strcmp(cars[car].code, "electricity") == 0;
    return 0;
}

void ecai_loads_free(ecai_loads *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->f[i].hour_kwh);
    free(l->f);
    memset(l, 0, sizeof *l);
}

eca_status ecai_loads_read(ecai_loads *l, const char *dir,
                           const eca_factors *f, const ecai_idlist *firms,
                           int year, const eca_solar_options *o,
                           eca_error *err)
{
    static const char *const req[] = {"firm_id", "carrier", "period",
                                      "quantity", "unit", NULL};
    size_t pn = strlen(dir) + sizeof "/meters.csv";
    char *path = malloc(pn);
    ecai_csv *c = NULL;
    ecai_keyset *seen = ecai_keyset_alloc();
    ecai_fixed *sum = NULL;
    unsigned char *mixed = NULL;
    eca_status st = ECA_OK;
    long cols[NCOL];
    int r;
    memset(l, 0, sizeof *l);
    l->n = firms->n;
    l->f = calloc(firms->n ? firms->n : 1, sizeof *l->f);
    sum = calloc(firms->n ? firms->n : 1, sizeof *sum);
    mixed = calloc(firms->n ? firms->n : 1, 1);
    if (!path || !seen || !l->f || !sum || !mixed) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    snprintf(path, pn, "%s/meters.csv", dir);
    if (!(c = ecai_csv_open(path, "meters.csv", err))) {
        st = err->status;
        goto done;
    }
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    for (int i = 0; i < NCOL; i++)
        cols[i] = ecai_csv_find(c, col_names[i]);
    while ((r = ecai_csv_next(c, err)) == 1) {
        parsed p;
        fault ft;
        l->rows.read++;
        if (check(c, cols, f, firms, seen, &p, &ft) != 0) {
            if (ft.col == -2) {
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
            l->rows.rejected++;
            st = ecai_solar_reject(o, "meters.csv", ecai_csv_line(c),
                                   ft.col >= 0 ? col_names[ft.col] : "",
                                   ft.reason, ft.detail, err);
            if (st != ECA_OK)
                goto done;
            continue;
        }
        if (p.electricity && p.flow == ECA_FLOW_CONSUME &&
            p.per.year > l->latest_year)
            l->latest_year = p.per.year;
        if (p.per.year != year) {
            l->rows.outside_year++;
            continue;
        }
        if (!p.electricity || p.flow != ECA_FLOW_CONSUME) {
            l->other++;
            continue;
        }
        l->rows.used++;
        ecai_firm_load *fl = &l->f[p.firm];
        sum[p.firm] += p.kwh;
        if (p.per.gran != ECAI_PER_MINUTE) {
            mixed[p.firm] = 1;
            continue;
        }
        if (!fl->hour_kwh &&
            !(fl->hour_kwh = calloc(ECAI_HOURS_YEAR, sizeof *fl->hour_kwh))) {
            st = ecai_fail(err, ECA_ENOMEM, "out of memory");
            goto done;
        }
        int doy = ecai_typical_doy(p.per.month, p.per.day);
        if (doy >= 0) /* 29 February counts in the year, not in the hours */
            fl->hour_kwh[doy * 24 + p.per.hour] += ecai_fixed_to_double(p.kwh);
    }
    if (r < 0) {
        st = err->status;
        goto done;
    }
    for (size_t i = 0; i < l->n; i++) {
        l->f[i].year_kwh = ecai_fixed_to_double(sum[i]);
        l->f[i].hourly = l->f[i].hour_kwh && !mixed[i];
        if (!l->f[i].hourly) {
            free(l->f[i].hour_kwh);
            l->f[i].hour_kwh = NULL;
        }
    }
done:
    free(sum);
    free(mixed);
    ecai_keyset_free(seen);
    ecai_csv_close(c);
    free(path);
    return st;
}
