/* flags.c: the findings of the audit, one per firm and rule of
 * thresholds.csv. Where a factor has a range (coke oven gas, natural gas,
 * coal mine methane) a finding whose verdict changes inside the range is
 * "borderline": no firm is found in violation on a coefficient choice
 * alone. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "audit.h"

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

static const char *oven_word(const eca_firm_result *r)
{
    return r->coke_oven[0] ? r->coke_oven : "none";
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
static size_t coke_flags(const eca_audit *a, const eca_firm_result *r,
                         eca_flag *out)
{
    const char *ow = oven_word(r);
    double v = r->coke_kgce_per_t, lo = r->coke_kgce_per_t_low,
           hi = r->coke_kgce_per_t_high;
    const ecai_trow *t;
    size_t n = 0;
    char buf[120];

    if ((t = ecai_factors_rule(a->f, "county_coke_target", ow)))
        n += above(&out[n], t, v, lo, hi, t->value);
    if ((t = ecai_factors_rule(a->f, "ndrc_benchmark", ow)))
        n += above(&out[n], t, v, lo, hi, t->value);
    if ((t = ecai_factors_rule(a->f, "ndrc_baseline", ow)))
        n += above(&out[n], t, v, lo, hi, t->value);
    if ((t = ecai_factors_rule(a->f, "gb21342_grade3", ow)) &&
        !isnan(r->coke_limit[2]) &&
        above(&out[n], t, v, lo, hi, r->coke_limit[2])) {
        missing_names(r->coke_missing, buf, sizeof buf);
        if (buf[0]) {
            char text[180];
            snprintf(text, sizeof text, "graded without %s", buf);
            append(&out[n], text);
        }
        n++;
    }
    if ((t = ecai_factors_rule(a->f, "gb29995_grade3", ow)) &&
        r->semi_coke_grade == 0) {
        double corr = isnan(r->semi_coke_yield_correction)
                          ? 0
                          : r->semi_coke_yield_correction;
        n += above(&out[n], t, v - corr, lo - corr, hi - corr, t->value);
    }
    if (r->coke_missing &&
        (t = ecai_factors_rule(a->f, "coke_inputs_missing", ow))) {
        missing_names(r->coke_missing, buf, sizeof buf);
        out[n] = (eca_flag){t->key, 0, t->value, t->severity, t->source,
                             ""};
        for (unsigned m = r->coke_missing; m; m &= m - 1)
            out[n].value++;
        snprintf(out[n].detail, sizeof out[n].detail, "missing: %s", buf);
        n++;
    }
    if (r->coke_volatile_outside &&
        (t = ecai_factors_rule(a->f, "volatile_outside_table", ow)))
        out[n++] = (eca_flag){t->key,      r->volatile_pct, t->value,
                               t->severity, t->source,
                               "volatile term left out, not extrapolated"};
    return n;
}

/* Coke made without heating energy, or an intensity no plant reaches. */
static size_t plausibility(const eca_audit *a, const eca_firm_result *r,
                           eca_flag *out)
{
    const char *ow = oven_word(r);
    const ecai_trow *t;
    size_t n = 0;
    if (!(r->coke_t > 0))
        return 0;
    if (!(r->coke_kgce_per_t > 0) &&
        (t = ecai_factors_rule(a->f, "coke_without_heating", ow)))
        out[n++] = (eca_flag){t->key, r->coke_kgce_per_t, t->value,
                              t->severity, t->source,
                              "coke made, no net energy in the coke boundary"};
    else if ((t = ecai_factors_rule(a->f, "coke_intensity_low", ow)) &&
             r->coke_kgce_per_t < t->value)
        out[n++] = (eca_flag){t->key, r->coke_kgce_per_t, t->value,
                              t->severity, t->source,
                              "below what a coke plant can reach"};
    if ((t = ecai_factors_rule(a->f, "coke_intensity_high", ow)) &&
        r->coke_kgce_per_t > t->value)
        out[n++] = (eca_flag){t->key, r->coke_kgce_per_t, t->value,
                              t->severity, t->source,
                              "above what a coke plant reaches"};
    return n;
}

size_t ecai_firm_flags(const eca_audit *a, size_t i, eca_flag *out)
{
    const eca_firm_result *r = &a->res[i];
    const ecai_trow *t;
    size_t n = 0;

    /* the key-firm line: a status, not a breach (severity info) */
    if ((t = ecai_factors_rule(a->f, "key_firm", "all")) &&
        (r->energy_tce >= t->value || r->energy_tce_high >= t->value)) {
        above(&out[n], t, r->energy_tce, r->energy_tce_low,
              r->energy_tce_high, -INFINITY);
        out[n].threshold = t->value;
        out[n].severity = r->energy_tce_low >= t->value ? t->severity
                                                         : "borderline";
        n++;
    }
    if (r->coke_t > 0)
        n += coke_flags(a, r, out + n);
    n += plausibility(a, r, out + n);
    if (r->co2_process_balance_t < 0 &&
        (t = ecai_factors_rule(a->f, "negative_carbon_balance", "all")))
        out[n++] = (eca_flag){t->key,      r->co2_process_balance_t,
                               t->value,    t->severity,
                               t->source,   "reported as 0 in co2_process_t"};
    /* a finding on a firm whose data is incomplete says so */
    if ((t = ecai_factors_rule(a->f, "data_incomplete", "all")) &&
        r->completeness < t->value) {
        char text[80];
        snprintf(text, sizeof text, "data completeness %.3g",
                 r->completeness);
        for (size_t k = 0; k < n; k++)
            append(&out[k], text);
    }
    return n + ecai_quality_flags(a, i, out + n, ECA_FLAGS_MAX - n);
}

eca_status ecai_flags_write(const eca_audit *a, const char *dir,
                            eca_error *err)
{
    FILE *fp = ecai_out_open(dir, "flags.csv", err);
    eca_flag fl[ECA_FLAGS_MAX];
    if (!fp)
        return err->status;
    fputs("firm_id,rule,value,threshold,severity,source,detail\n", fp);
    for (size_t i = 0; i < a->firms.n; i++) {
        size_t n = ecai_firm_flags(a, i, fl);
        for (size_t k = 0; k < n; k++) {
            ecai_csv_put(fp, a->res[i].firm_id);
            fprintf(fp, ",%s,", fl[k].rule);
            ecai_num_put(fp, fl[k].value);
            fputc(',', fp);
            ecai_num_put(fp, fl[k].threshold);
            fprintf(fp, ",%s,", fl[k].severity);
            ecai_csv_put(fp, fl[k].source);
            fputc(',', fp);
            ecai_csv_put(fp, fl[k].detail);
            fputc('\n', fp);
        }
    }
    return ecai_out_close(fp, "flags.csv", err);
}

size_t eca_audit_flags(const eca_audit *a, size_t firm, eca_flag *out)
{
    return firm < a->firms.n ? ecai_firm_flags(a, firm, out) : 0;
}
