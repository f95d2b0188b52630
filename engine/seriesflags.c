/* seriesflags.c: the meter series of the reporting year turned into
 * findings (gaps, estimated readings, stuck and zero runs, spikes and
 * drops), each firm's data completeness, and series.csv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "textbuf.h"

static const char *const gran_words[] = {"month", "day", "minute"};

eca_status ecai_quality_index(eca_audit *a, eca_error *err)
{
    const ecai_trow *spike = ecai_factors_rule(a->f, "meter_spike", "all");
    const ecai_trow *floor = ecai_factors_rule(a->f, "meter_mad_floor", "all");
    size_t n;
    ecai_series *s;
    if (!a->quality)
        return ECA_OK;
    if (!spike || !floor)
        return ecai_fail(err, ECA_EFACTOR, "thresholds.csv: no row for "
                                           "meter_spike or meter_mad_floor");
    ecai_quality_analyse(a->quality, a->year, spike->value, floor->value,
                         a->threads);
    s = ecai_quality_series(a->quality, &n);
    /* series of the year grouped by firm, in the order they appeared */
    a->ser_start = calloc(a->firms.n + 1, sizeof *a->ser_start);
    a->ser_idx = malloc((n + 1) * sizeof *a->ser_idx);
    if (!a->ser_start || !a->ser_idx)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        if (s[k].year == a->year)
            a->ser_start[s[k].firm + 1]++;
    for (size_t i = 0; i < a->firms.n; i++)
        a->ser_start[i + 1] += a->ser_start[i];
    size_t *fill = calloc(a->firms.n + 1, sizeof *fill);
    if (!fill)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        if (s[k].year == a->year)
            a->ser_idx[a->ser_start[s[k].firm] + fill[s[k].firm]++] = k;
    free(fill);
    return ECA_OK;
}

/* The values a series is tested on, in the order of ECAI_SR_*. */
static void series_values(const ecai_series *s, double v[ECAI_SR_COUNT])
{
    v[ECAI_SR_GAP] = (double)s->missing;
    v[ECAI_SR_ESTIMATED] =
        s->rows ? (double)s->estimated / (double)s->rows : 0;
    v[ECAI_SR_STUCK] = s->stuck_max;
    v[ECAI_SR_ZERO] = s->zero_max;
    v[ECAI_SR_SPIKE] = s->spikes;
    v[ECAI_SR_DROP] = s->drops;
}

/* The rules a series breaks, as bits 1 << ECAI_SR_*. */
static unsigned series_hits(const eca_audit *a, const ecai_series *s,
                            const double v[ECAI_SR_COUNT])
{
    const ecai_trow *const *rule = a->rules.series[s->gran];
    unsigned hits = 0;
    for (int k = 0; k < ECAI_SR_COUNT; k++) {
        const ecai_trow *t = rule[k];
        if (!t)
            continue;
        /* runs reach the threshold; other counts exceed it */
        int hit = k == ECAI_SR_STUCK || k == ECAI_SR_ZERO ? v[k] >= t->value
                  : k >= ECAI_SR_SPIKE                     ? v[k] > 0
                                                           : v[k] > t->value;
        hits |= (unsigned)hit << k;
    }
    return hits;
}

/* The findings of one series, appended to out; the text naming the
 * series is built only when there is one. */
static size_t series_flags(const eca_audit *a, const ecai_series *s,
                           eca_flag *out, size_t room)
{
    static const char *const what[ECAI_SR_COUNT] = {
        "periods missing inside its span", "share of its readings estimated",
        "identical readings in a row",     "zero readings in a row",
        "spikes",                          "drops"};
    double v[ECAI_SR_COUNT];
    series_values(s, v);
    unsigned hits = series_hits(a, s, v);
    size_t ncar, n = 0;
    char who[160];
    if (!hits || !room)
        return 0;
    const ecai_carrier *cars = ecai_factors_carriers(a->f, &ncar);
    snprintf(who, sizeof who, "meter \"%.60s\" %s %s%s%.30s", s->meter,
             cars[s->carrier].code, eca_flow_name((eca_flow)s->flow),
             s->process[0] ? " " : "", s->process);
    for (int k = 0; k < ECAI_SR_COUNT && n < room; k++) {
        const ecai_trow *t = a->rules.series[s->gran][k];
        if (!(hits & (1u << k)))
            continue;
        out[n] = (eca_flag){t->key, v[k], t->value, t->severity, t->source,
                            ""};
        snprintf(out[n].detail, sizeof out[n].detail, "%s: %.3g %s", who,
                 v[k], what[k]);
        if (k >= ECAI_SR_SPIKE) {
            size_t m = strlen(out[n].detail);
            snprintf(out[n].detail + m, sizeof out[n].detail - m,
                     " (largest robust z %.3g%s)", s->max_z,
                     s->seasonal ? ", by calendar month" : "");
        }
        n++;
    }
    return n;
}

void ecai_quality_firm(const eca_audit *a, size_t i, eca_firm_result *r)
{
    size_t n;
    const ecai_series *s;
    double got = 0, expected = 0, est = 0, rows = 0, v[ECAI_SR_COUNT];
    r->completeness = NAN;
    r->estimated_share = NAN;
    if (!a->quality || !a->ser_start)
        return;
    s = ecai_quality_series(a->quality, &n);
    for (size_t k = a->ser_start[i]; k < a->ser_start[i + 1]; k++) {
        const ecai_series *x = &s[a->ser_idx[k]];
        /* an estimated reading counts half */
        got += (double)x->rows - 0.5 * (double)x->estimated;
        expected += (double)x->expected;
        est += (double)x->estimated;
        rows += (double)x->rows;
        r->series++;
        series_values(x, v);
        r->series_flagged += series_hits(a, x, v) != 0;
    }
    if (expected > 0)
        r->completeness = got / expected;
    if (rows > 0)
        r->estimated_share = est / rows;
}

size_t ecai_quality_flags(const eca_audit *a, size_t i, eca_flag *out,
                          size_t room)
{
    size_t n = 0, ns;
    const ecai_series *s;
    const eca_firm_result *r = &a->res[i];
    const ecai_trow *t;
    if (!a->quality || !a->ser_start)
        return 0;
    s = ecai_quality_series(a->quality, &ns);
    for (size_t k = a->ser_start[i]; k < a->ser_start[i + 1] && n < room; k++)
        n += series_flags(a, &s[a->ser_idx[k]], out + n, room - n);
    if (n < room && r->completeness < 1 && (t = a->rules.incomplete) &&
        r->completeness < t->value) {
        out[n] = (eca_flag){t->key, r->completeness, t->value, t->severity,
                            t->source, ""};
        snprintf(out[n].detail, sizeof out[n].detail,
                 "%zu series, %zu with findings; estimated share %.3g",
                 r->series, r->series_flagged, r->estimated_share);
        n++;
    }
    return n;
}

/* A series' period in its unit, as text. */
static void put_period(ecai_tbuf *b, int gran, int64_t u)
{
    ecai_period p;
    if (gran == ECAI_PER_MONTH) { /* "%04lld-%02lld" */
        ecai_tb_pad(b, u / 12, 4);
        ecai_tb_chr(b, '-');
        ecai_tb_pad(b, u % 12 + 1, 2);
        return;
    }
    ecai_period_from_minutes(gran == ECAI_PER_DAY ? u * 1440 : u, &p);
    ecai_tb_pad(b, p.year, 4);
    ecai_tb_chr(b, '-');
    ecai_tb_pad(b, p.month, 2);
    ecai_tb_chr(b, '-');
    ecai_tb_pad(b, p.day, 2);
    if (gran == ECAI_PER_MINUTE) {
        ecai_tb_chr(b, 'T');
        ecai_tb_pad(b, p.hour, 2);
        ecai_tb_chr(b, ':');
        ecai_tb_pad(b, p.minute, 2);
    }
}

/* The rows of firm i's series. */
static void series_rows(ecai_tbuf *b, const void *user, size_t i)
{
    const eca_audit *a = user;
    size_t ncar, ns;
    const ecai_carrier *cars = ecai_factors_carriers(a->f, &ncar);
    const ecai_series *s = ecai_quality_series(a->quality, &ns);
    for (size_t k = a->ser_start[i]; k < a->ser_start[i + 1]; k++) {
        const ecai_series *x = &s[a->ser_idx[k]];
        ecai_tb_csv(b, a->firms.f[i].id);
        ecai_tb_chr(b, ',');
        ecai_tb_csv(b, x->meter);
        ecai_tb_chr(b, ',');
        ecai_tb_str(b, cars[x->carrier].code);
        ecai_tb_chr(b, ',');
        ecai_tb_str(b, eca_flow_name((eca_flow)x->flow));
        ecai_tb_chr(b, ',');
        ecai_tb_csv(b, x->process);
        ecai_tb_chr(b, ',');
        ecai_tb_str(b, gran_words[x->gran]);
        ecai_tb_chr(b, ',');
        ecai_tb_pad(b, x->step, 0);
        ecai_tb_chr(b, ',');
        put_period(b, x->gran, x->first);
        ecai_tb_chr(b, ',');
        put_period(b, x->gran, x->last);
        const uint64_t counts[] = {x->rows, x->estimated, x->missing,
                                   x->expected};
        for (int c = 0; c < 4; c++) {
            ecai_tb_chr(b, ',');
            ecai_tb_u64(b, counts[c]);
        }
        ecai_tb_chr(b, ',');
        ecai_tb_num(b, x->expected ? (double)x->rows / (double)x->expected
                                   : (double)NAN);
        const uint32_t runs[] = {x->stuck_max, x->zero_max, x->spikes,
                                 x->drops};
        for (int c = 0; c < 4; c++) {
            ecai_tb_chr(b, ',');
            ecai_tb_u64(b, runs[c]);
        }
        ecai_tb_chr(b, ',');
        ecai_tb_num(b, x->max_z);
        ecai_tb_chr(b, ',');
        ecai_tb_pad(b, x->seasonal, 0);
        ecai_tb_chr(b, '\n');
    }
}

eca_status ecai_series_write(const eca_audit *a, const char *dir,
                             eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "series.csv", err);
    ecai_tbuf b = {0};
    if (!fp)
        return err->status;
    ecai_tb_str(&b, "firm_id,meter_id,carrier,flow,process,granularity,step,"
                    "first,last,rows,estimated,missing,expected,coverage,"
                    "stuck_run,zero_run,spikes,drops,max_robust_z,"
                    "seasonal\n");
    return ecai_tb_write_rows(fp, &b,
                              a->quality && a->ser_start ? a->firms.n : 0,
                              series_rows, a, a->threads, "series.csv", err);
}
