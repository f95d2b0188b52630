/* flags.c: the findings of the audit, one per firm and rule of
 * thresholds.csv. Where a factor has a range (coke oven gas, natural gas,
 * coal mine methane) a finding whose verdict changes inside the range is
 * "borderline": no firm is found in violation on a coefficient choice
 * alone. The rules are looked up once per audit, each firm's findings
 * computed once and kept compactly for flags.csv, the summaries and the
 * API. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "textbuf.h"

static const char *const oven_words[ECAI_OVEN_WORDS] = {
    "top", "stamp", "heat_recovery", "semi_coke", "none"};
static const char *const oven_rule_names[ECAI_OR_COUNT] = {
    "county_coke_target", "ndrc_benchmark", "ndrc_baseline",
    "gb21342_grade3", "gb29995_grade3", "coke_inputs_missing",
    "volatile_outside_table", "coke_without_heating", "coke_intensity_low",
    "coke_intensity_high"};
static const char *const series_rule_names[ECAI_SR_COUNT] = {
    "meter_gap", "meter_estimated_share", "meter_stuck_run",
    "meter_zero_run", "meter_spike", "meter_drop"};
static const char *const gran_words[3] = {"month", "day", "minute"};

static void resolve_oven(const eca_factors *f, const char *word,
                         const ecai_trow **out)
{
    for (int k = 0; k < ECAI_OR_COUNT; k++)
        out[k] = ecai_factors_rule(f, oven_rule_names[k], word);
}

void ecai_rules_resolve(const eca_factors *f, ecai_rules *r)
{
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < ECAI_SR_COUNT; k++)
            r->series[g][k] = ecai_factors_rule(f, series_rule_names[k],
                                                gran_words[g]);
    for (int w = 0; w < ECAI_OVEN_WORDS; w++)
        resolve_oven(f, oven_words[w], r->oven[w]);
    r->key_firm = ecai_factors_rule(f, "key_firm", "all");
    r->negative_balance = ecai_factors_rule(f, "negative_carbon_balance",
                                            "all");
    r->incomplete = ecai_factors_rule(f, "data_incomplete", "all");
}

/* A finding "value above threshold" over a span [lo, hi] of the value:
 * none when even hi is not above, the rule's severity when even lo is,
 * borderline between. */
static int above(eca_flag *fl, const ecai_trow *rule, double value,
                 double lo, double hi, double threshold)
{
    if (!rule || !(hi > threshold || value > threshold))
        return 0;
    fl->rule = rule->key;
    fl->value = value;
    fl->threshold = threshold;
    fl->severity = lo > threshold && value > threshold ? rule->severity
                                                       : "borderline";
    fl->source = rule->source;
    fl->detail[0] = '\0';
    if (lo != hi)
        snprintf(fl->detail, sizeof fl->detail,
                 "%.6g to %.6g over the coefficient ranges", lo, hi);
    return 1;
}

/* The oven-scoped rules of a firm: those of its oven word, looked up
 * here only for a word firms.csv would not have let through. */
static const ecai_trow *const *firm_oven_rules(const eca_audit *a,
                                               const eca_firm_result *r,
                                               const ecai_trow **own)
{
    const char *ow = r->coke_oven[0] ? r->coke_oven : "none";
    for (int w = 0; w < ECAI_OVEN_WORDS; w++)
        if (!strcmp(ow, oven_words[w]))
            return a->rules.oven[w];
    resolve_oven(a->f, ow, own);
    return own;
}

static void missing_names(unsigned m, char *buf, size_t n)
{
    static const char *const names[] = {"volatile_pct", "moisture_pct",
                                        "quench", "oven_age_years"};
    buf[0] = '\0';
    for (int i = 0; i < 4; i++)
        if (m & (1u << i))
            snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
                     buf[0] ? ", " : "", names[i]);
}

static void append(eca_flag *fl, const char *text)
{
    size_t n = strlen(fl->detail);
    snprintf(fl->detail + n, sizeof fl->detail - n, "%s%s", n ? "; " : "",
             text);
}

/* The coke findings of a plant that has coke. */
static size_t coke_flags(const ecai_trow *const *rule,
                         const eca_firm_result *r, eca_flag *out)
{
    double v = r->coke_kgce_per_t, lo = r->coke_kgce_per_t_low,
           hi = r->coke_kgce_per_t_high;
    const ecai_trow *t;
    size_t n = 0;
    char buf[120];

    if ((t = rule[ECAI_OR_COUNTY_TARGET]))
        n += above(&out[n], t, v, lo, hi, t->value);
    if ((t = rule[ECAI_OR_BENCHMARK]))
        n += above(&out[n], t, v, lo, hi, t->value);
    if ((t = rule[ECAI_OR_BASELINE]))
        n += above(&out[n], t, v, lo, hi, t->value);
    if ((t = rule[ECAI_OR_GB21342_G3]) && !isnan(r->coke_limit[2]) &&
        above(&out[n], t, v, lo, hi, r->coke_limit[2])) {
        missing_names(r->coke_missing, buf, sizeof buf);
        if (buf[0]) {
            char text[180];
            snprintf(text, sizeof text, "graded without %s", buf);
            append(&out[n], text);
        }
        n++;
    }
    if ((t = rule[ECAI_OR_GB29995_G3]) && r->semi_coke_grade == 0) {
        double corr = isnan(r->semi_coke_yield_correction)
                          ? 0
                          : r->semi_coke_yield_correction;
        n += above(&out[n], t, v - corr, lo - corr, hi - corr, t->value);
    }
    if (r->coke_missing && (t = rule[ECAI_OR_INPUTS_MISSING])) {
        missing_names(r->coke_missing, buf, sizeof buf);
        out[n] = (eca_flag){t->key, 0, t->value, t->severity, t->source,
                             ""};
        for (unsigned m = r->coke_missing; m; m &= m - 1)
            out[n].value++;
        snprintf(out[n].detail, sizeof out[n].detail, "missing: %s", buf);
        n++;
    }
    if (r->coke_volatile_outside && (t = rule[ECAI_OR_VOLATILE_OUTSIDE]))
        out[n++] = (eca_flag){t->key,      r->volatile_pct, t->value,
                               t->severity, t->source,
                               "volatile term left out, not extrapolated"};
    return n;
}

/* Coke made without heating energy, or an intensity no plant reaches. */
static size_t plausibility(const ecai_trow *const *rule,
                           const eca_firm_result *r, eca_flag *out)
{
    const ecai_trow *t;
    size_t n = 0;
    if (!(r->coke_t > 0))
        return 0;
    if (!(r->coke_kgce_per_t > 0) && (t = rule[ECAI_OR_WITHOUT_HEATING]))
        out[n++] = (eca_flag){t->key, r->coke_kgce_per_t, t->value,
                              t->severity, t->source,
                              "coke made, no net energy in the coke boundary"};
    else if ((t = rule[ECAI_OR_INTENSITY_LOW]) &&
             r->coke_kgce_per_t < t->value)
        out[n++] = (eca_flag){t->key, r->coke_kgce_per_t, t->value,
                              t->severity, t->source,
                              "below what a coke plant can reach"};
    if ((t = rule[ECAI_OR_INTENSITY_HIGH]) && r->coke_kgce_per_t > t->value)
        out[n++] = (eca_flag){t->key, r->coke_kgce_per_t, t->value,
                              t->severity, t->source,
                              "above what a coke plant reaches"};
    return n;
}

/* The findings of firm i computed from its figures. */
static size_t compute_flags(const eca_audit *a, size_t i, eca_flag *out)
{
    const eca_firm_result *r = &a->res[i];
    const ecai_trow *t, *own[ECAI_OR_COUNT];
    const ecai_trow *const *rule = firm_oven_rules(a, r, own);
    size_t n = 0;

    /* the key-firm line: a status, not a breach (severity info) */
    if ((t = a->rules.key_firm) &&
        (r->energy_tce >= t->value || r->energy_tce_high >= t->value)) {
        above(&out[n], t, r->energy_tce, r->energy_tce_low,
              r->energy_tce_high, -INFINITY);
        out[n].threshold = t->value;
        out[n].severity = r->energy_tce_low >= t->value ? t->severity
                                                         : "borderline";
        n++;
    }
    if (r->coke_t > 0)
        n += coke_flags(rule, r, out + n);
    n += plausibility(rule, r, out + n);
    if (r->co2_process_balance_t < 0 && (t = a->rules.negative_balance))
        out[n++] = (eca_flag){t->key,      r->co2_process_balance_t,
                               t->value,    t->severity,
                               t->source,   "reported as 0 in co2_process_t"};
    /* a finding on a firm whose data is incomplete says so */
    if ((t = a->rules.incomplete) && r->completeness < t->value) {
        char text[80];
        snprintf(text, sizeof text, "data completeness %.3g",
                 r->completeness);
        for (size_t k = 0; k < n; k++)
            append(&out[k], text);
    }
    return n + ecai_quality_flags(a, i, out + n, ECA_FLAGS_MAX - n);
}

/* Keeps n findings in one block: the rows, then their detail texts. */
static int keep(ecai_findings *dst, const eca_flag *fl, size_t n)
{
    size_t text = 0;
    for (size_t k = 0; k < n; k++)
        text += fl[k].detail[0] ? strlen(fl[k].detail) + 1 : 0;
    ecai_finding *f = malloc(n * sizeof *f + text);
    if (!f)
        return -1;
    char *p = (char *)(f + n);
    for (size_t k = 0; k < n; k++) {
        f[k] = (ecai_finding){fl[k].rule, fl[k].severity, fl[k].source, "",
                              fl[k].value, fl[k].threshold};
        if (fl[k].detail[0]) {
            size_t len = strlen(fl[k].detail) + 1;
            memcpy(p, fl[k].detail, len);
            f[k].detail = p;
            p += len;
        }
    }
    dst->f = f;
    dst->n = n;
    return 0;
}

eca_status ecai_findings_compute(eca_audit *a, eca_error *err)
{
    long n = (long)a->firms.n;
    int failed = 0;
    if (!(a->findings = calloc(a->firms.n + 1, sizeof *a->findings)))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    /* each firm writes only its own slot: any thread count gives the same
     * findings */
#pragma omp parallel for schedule(static, 64) num_threads(a->threads) \
    reduction(| : failed)
    for (long i = 0; i < n; i++) {
        eca_flag fl[ECA_FLAGS_MAX];
        size_t k = compute_flags(a, (size_t)i, fl);
        if (k && keep(&a->findings[i], fl, k) != 0)
            failed = 1;
    }
    if (failed)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    return ECA_OK;
}

void ecai_findings_free(eca_audit *a)
{
    for (size_t i = 0; a->findings && i < a->firms.n; i++)
        free(a->findings[i].f);
    free(a->findings);
    a->findings = NULL;
}

const ecai_finding *ecai_findings_of(const eca_audit *a, size_t i,
                                     size_t *n)
{
    *n = a->findings ? a->findings[i].n : 0;
    return *n ? a->findings[i].f : NULL;
}

size_t ecai_firm_flags(const eca_audit *a, size_t i, eca_flag *out)
{
    size_t n;
    const ecai_finding *f = ecai_findings_of(a, i, &n);
    for (size_t k = 0; k < n; k++) {
        out[k] = (eca_flag){f[k].rule,     f[k].value,  f[k].threshold,
                            f[k].severity, f[k].source, ""};
        /* kept from an eca_flag: it fits */
        memcpy(out[k].detail, f[k].detail, strlen(f[k].detail) + 1);
    }
    return n;
}

/* The flags.csv rows of firm i. */
static void flag_rows(ecai_tbuf *b, const void *user, size_t i)
{
    const eca_audit *a = user;
    size_t n;
    const ecai_finding *f = ecai_findings_of(a, i, &n);
    for (size_t k = 0; k < n; k++) {
        ecai_tb_csv(b, a->res[i].firm_id);
        ecai_tb_chr(b, ',');
        ecai_tb_str(b, f[k].rule);
        ecai_tb_chr(b, ',');
        ecai_tb_num(b, f[k].value);
        ecai_tb_chr(b, ',');
        ecai_tb_num(b, f[k].threshold);
        ecai_tb_chr(b, ',');
        ecai_tb_str(b, f[k].severity);
        ecai_tb_chr(b, ',');
        ecai_tb_csv(b, f[k].source);
        ecai_tb_chr(b, ',');
        ecai_tb_csv(b, f[k].detail);
        ecai_tb_chr(b, '\n');
    }
}

eca_status ecai_flags_write(const eca_audit *a, const char *dir,
                            eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "flags.csv", err);
    ecai_tbuf b = {0};
    if (!fp)
        return err->status;
    ecai_tb_str(&b, "firm_id,rule,value,threshold,severity,source,detail\n");
    return ecai_tb_write_rows(fp, &b, a->firms.n, flag_rows, a, a->threads,
                              "flags.csv", err);
}

size_t eca_audit_flags(const eca_audit *a, size_t firm, eca_flag *out)
{
    return firm < a->firms.n ? ecai_firm_flags(a, firm, out) : 0;
}

int eca_audit_coke_implausible(const eca_audit *a, size_t firm)
{
    static const int plausibility[] = {ECAI_OR_WITHOUT_HEATING,
                                       ECAI_OR_INTENSITY_LOW,
                                       ECAI_OR_INTENSITY_HIGH};
    size_t n;
    const ecai_finding *f = firm < a->firms.n
                                ? ecai_findings_of(a, firm, &n)
                                : NULL;
    for (size_t k = 0; f && k < n; k++)
        for (size_t r = 0; r < 3; r++)
            if (!strcmp(f[k].rule, oven_rule_names[plausibility[r]]))
                return 1;
    return 0;
}
