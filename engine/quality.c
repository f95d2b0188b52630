/* quality.c: the bookkeeping of meter series quality: each accepted row, in
 * file order, goes to its series' summary (span, smallest step, estimated
 * readings, runs of identical or zero readings) and to one bin per day or
 * month, carved from 1 MiB blocks; quality_analyse.c judges them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "quality.h"

#define BLOCK_BYTES ((size_t)1 << 20) /* bins are carved from 1 MiB blocks */

struct ecai_quality {
    ecai_series *s;
    size_t n, cap;
    long *by_sid; /* the caller's series id -> index of s, or -1 */
    size_t nsid;
    ecai_strmap *map; /* series key -> index */
    long last;        /* the previous row's series */
    char *key;        /* the previous row's key */
    size_t key_n, key_cap;
    char **block; /* the series' bins, many series to a block */
    size_t nblock, block_cap, block_used;
};

ecai_quality *ecai_quality_alloc(void)
{
    ecai_quality *q = calloc(1, sizeof *q);
    if (q && !(q->map = ecai_strmap_alloc())) {
        free(q);
        return NULL;
    }
    if (q)
        q->last = -1;
    return q;
}

void ecai_quality_free(ecai_quality *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n; i++) {
        free(q->s[i].meter);
        free(q->s[i].process);
    }
    for (size_t i = 0; i < q->nblock; i++)
        free(q->block[i]);
    free(q->block);
    free(q->s);
    free(q->by_sid);
    free(q->key);
    ecai_strmap_free(q->map);
    free(q);
}

/* n bytes (at most BLOCK_BYTES) from the current block, 8-byte aligned;
 * freed with q. One malloc per few hundred series instead of one or two
 * per series. */
static void *carve(ecai_quality *q, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (q->nblock == 0 || q->block_used + n > BLOCK_BYTES) {
        if (q->nblock == q->block_cap) {
            size_t cap = q->block_cap ? 2 * q->block_cap : 16;
            char **b = realloc(q->block, cap * sizeof *b);
            if (!b)
                return NULL;
            q->block = b;
            q->block_cap = cap;
        }
        if (!(q->block[q->nblock] = malloc(BLOCK_BYTES)))
            return NULL;
        q->nblock++;
        q->block_used = 0;
    }
    void *p = q->block[q->nblock - 1] + q->block_used;
    q->block_used += n;
    return p;
}

/* ---- calendar: the add path runs once per row, so plain arithmetic ---- */

/* Days from 0000-03-01 to 1 January of year y (y >= 1): H. Hinnant's days
 * from civil, as ecai_period_minutes counts them, for 1 January, which is
 * day 306 of the March-based year y - 1; the eras of 400 years
 * (146097 days) fold into the leap-day terms. */
static int64_t jan1(int y)
{
    int64_t p = y - 1;
    return 365 * p + p / 4 - p / 100 + p / 400 + 306;
}

static int64_t unit_of(const ecai_period *p, int *bin)
{
    if (p->gran == ECAI_PER_MONTH) {
        *bin = p->month - 1;
        return (int64_t)p->year * 12 + p->month - 1;
    }
    int doy = ecai_quality_month_start(p->month - 1) +
              (p->month > 2 && ecai_quality_leap(p->year)) + p->day - 1;
    int64_t day = jan1(p->year) + doy;
    *bin = doy;
    if (p->gran == ECAI_PER_DAY)
        return day;
    return (day * 24 + p->hour) * 60 + p->minute;
}

int64_t ecai_quality_unit(const ecai_period *p, int *bin)
{
    return unit_of(p, bin);
}

/* The series of a row: the previous row's when the key repeats. */
static long series_of(ecai_quality *q, const char *key, size_t n,
                      const ecai_series *proto, eca_error *err)
{
    if (q->last >= 0 && n == q->key_n && memcmp(key, q->key, n) == 0)
        return q->last;
    long i = ecai_strmap_get(q->map, key, n);
    if (i < 0) {
        if (q->n == q->cap) {
            size_t cap = q->cap ? 2 * q->cap : 64;
            ecai_series *s = realloc(q->s, cap * sizeof *s);
            if (!s)
                return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
            q->s = s;
            q->cap = cap;
        }
        ecai_series *s = &q->s[q->n];
        *s = *proto;
        s->nbin =
            proto->gran == ECAI_PER_MONTH ? ECAI_NBIN_MONTH : ECAI_NBIN_DAY;
        void *bins = carve(q, s->nbin == ECAI_NBIN_MONTH
                                  ? ECAI_NBIN_MONTH * sizeof *s->bin.month
                                  : ECAI_NBIN_DAY * sizeof *s->bin.day);
        s->bin_n = NULL;
        if (!bins || !s->meter || !s->process ||
            ecai_strmap_put(q->map, key, n, (long)q->n) != 0) {
            free(s->meter);
            free(s->process);
            return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
        }
        if (s->nbin == ECAI_NBIN_MONTH) { /* every bin empty */
            s->bin.month = bins;
            for (int b = 0; b < ECAI_NBIN_MONTH; b++)
                s->bin.month[b] = (double)NAN;
        } else {
            s->bin.day = bins;
            for (int b = 0; b < ECAI_NBIN_DAY; b++)
                s->bin.day[b] = NAN;
        }
        i = (long)q->n++;
    }
    if (n > q->key_cap) {
        char *k = realloc(q->key, n);
        if (!k)
            return ecai_fail(err, ECA_ENOMEM, "out of memory"), -1;
        q->key = k;
        q->key_cap = n;
    }
    memcpy(q->key, key, n);
    q->key_n = n;
    q->last = i;
    return i;
}

/* The rows per bin of a day-binned series, from the first bin that gets
 * a second row: 1 for each bin that has one. */
static uint16_t *counts(ecai_quality *q, const ecai_series *s)
{
    uint16_t *c = carve(q, (size_t)s->nbin * sizeof *c);
    if (c)
        for (int b = 0; b < s->nbin; b++)
            c[b] = !isnan(s->bin.day[b]);
    return c;
}

/* A row of period u (in the series' unit) and bin b. */
static eca_status add_to(ecai_quality *q, ecai_series *s, int64_t u, int b,
                         double v, int est, eca_error *err)
{
    /* the bin first, so that a row refused leaves the series as it was */
    if (s->nbin == ECAI_NBIN_MONTH) {
        double *m = &s->bin.month[b];
        *m = isnan(*m) ? v : *m + v;
    } else if (isnan(s->bin.day[b])) {
        s->bin.day[b] = (float)v;
        if (s->bin_n)
            s->bin_n[b] = 1;
    } else {
        if (!s->bin_n && !(s->bin_n = counts(q, s)))
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        if (s->bin_n[b] == UINT16_MAX)
            return ecai_fail(err, ECA_EARG,
                             "meter \"%.60s\": more than %u rows in one day",
                             s->meter, (unsigned)UINT16_MAX);
        s->bin_n[b]++;
        s->bin.day[b] = (float)((double)s->bin.day[b] + v);
    }
    if (s->rows == 0) {
        s->first = s->last = u;
    } else {
        int64_t d = u - s->prev;
        int64_t ad = d < 0 ? -d : d;
        if (d < 0)
            s->out_of_order++;
        if (ad > 0 && (s->step == 0 || ad < s->step))
            s->step = ad;
        if (u < s->first)
            s->first = u;
        if (u > s->last)
            s->last = u;
    }
    s->prev = u;
    s->rows++;
    s->estimated += est != 0;
    /* runs of identical readings, and of zeros */
    if (s->rows > 1 && v == s->prev_value) {
        s->run++;
    } else {
        s->run = 1;
    }
    s->prev_value = v;
    if (v == 0) {
        s->zero_run = s->run;
        if (s->zero_run > s->zero_max)
            s->zero_max = s->zero_run;
    } else if (s->run > s->stuck_max) {
        s->stuck_max = s->run;
    }
    return ECA_OK;
}

/* A row of its series found by key. */
static eca_status add_row(ecai_quality *q, int32_t firm, int32_t carrier,
                          int flow, const char *meter, size_t meter_n,
                          const char *process, size_t process_n, int gran,
                          int year, int64_t unit, int bin, double value,
                          int estimated, eca_error *err)
{
    /* key: firm, carrier, flow, granularity, year, meter, process */
    char stack[256];
    size_t n = 5 * sizeof(int32_t) + meter_n + process_n + 1;
    char *key = n <= sizeof stack ? stack : malloc(n);
    if (!key)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    int32_t head[5] = {firm, carrier, flow, gran, year};
    memcpy(key, head, sizeof head);
    memcpy(key + sizeof head, meter, meter_n);
    key[sizeof head + meter_n] = '\0'; /* separates meter from process */
    memcpy(key + sizeof head + meter_n + 1, process, process_n);
    ecai_series proto = {0};
    proto.firm = firm;
    proto.carrier = carrier;
    proto.flow = flow;
    proto.gran = gran;
    proto.year = year;
    long i = q->last;
    if (!(q->last >= 0 && n == q->key_n && memcmp(key, q->key, n) == 0)) {
        proto.meter = strndup(meter, meter_n);
        proto.process = strndup(process, process_n);
    }
    i = series_of(q, key, n, &proto, err);
    if (i >= 0 && proto.meter && q->s[i].meter != proto.meter) {
        free(proto.meter); /* the series existed already */
        free(proto.process);
    }
    if (key != stack)
        free(key);
    if (i < 0)
        return err->status;
    return add_to(q, &q->s[i], unit, bin, value, estimated, err);
}

eca_status ecai_quality_add(ecai_quality *q, int32_t firm, int32_t carrier,
                            int flow, const char *meter, size_t meter_n,
                            const char *process, size_t process_n,
                            const ecai_period *p, double value, int estimated,
                            eca_error *err)
{
    int bin;
    int64_t unit = unit_of(p, &bin);
    return add_row(q, firm, carrier, flow, meter, meter_n, process,
                   process_n, (int)p->gran, p->year, unit, bin, value,
                   estimated, err);
}

eca_status ecai_quality_add_sid(ecai_quality *q, long sid, int32_t firm,
                                int32_t carrier, int flow, const char *meter,
                                size_t meter_n, const char *process,
                                size_t process_n, int gran, int year,
                                int64_t unit, int bin, double value,
                                int estimated, eca_error *err)
{
    if (sid >= 0 && (size_t)sid < q->nsid && q->by_sid[sid] >= 0) {
        ecai_series *s = &q->s[q->by_sid[sid]];
        if (s->gran == gran && s->year == year)
            return add_to(q, s, unit, bin, value, estimated, err);
    }
    eca_status st = add_row(q, firm, carrier, flow, meter, meter_n, process,
                            process_n, gran, year, unit, bin, value,
                            estimated, err);
    if (st != ECA_OK || sid < 0)
        return st;
    if ((size_t)sid >= q->nsid) {
        size_t n = q->nsid ? q->nsid : 1024;
        while (n <= (size_t)sid)
            n *= 2;
        long *b = realloc(q->by_sid, n * sizeof *b);
        if (!b)
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        for (size_t k = q->nsid; k < n; k++)
            b[k] = -1;
        q->by_sid = b;
        q->nsid = n;
    }
    q->by_sid[sid] = q->last; /* the series the row just went to */
    return ECA_OK;
}

ecai_series *ecai_quality_series(const ecai_quality *q, size_t *n)
{
    *n = q->n;
    return q->s;
}
