/* audit.h: the audit's private state, shared by firms.c, meters.c,
 * account.c and report.c; not API. */
#ifndef ECA_AUDIT_H
#define ECA_AUDIT_H

#include "internal.h"
#include "quality.h"

typedef struct {
    char *id, *name, *sector, *township, *coke_oven, *quench;
    double mixed_gas_ratio, volatile_pct, moisture_pct, oven_age_years;
    double semi_coke_yield_correction;
    long line;
} ecai_firm;

/* firms.csv, sorted by id (byte order); map: id -> index. */
typedef struct {
    ecai_firm *f;
    size_t n;
    ecai_strmap *map;
} ecai_firms;

/* Reports one rejected row to the caller; under strict mode it becomes the
 * run's error. Returns ECA_OK or the strict-mode error. */
eca_status ecai_reject(const eca_audit_options *o, const char *file,
                       long line, const char *column, const char *reason,
                       const char *detail, eca_error *err);

eca_status ecai_firms_load(ecai_firms *t, const char *path,
                           const eca_audit_options *o, eca_row_counts *rc,
                           eca_error *err);
void ecai_firms_free(ecai_firms *t);

/* Exact sums of one firm for one year: [carrier][flow][0: all rows,
 * 1: rows of the coking process]. */
static inline size_t ecai_cell(size_t carrier, int flow, int coking)
{
    return (carrier * ECA_FLOW_COUNT + (size_t)flow) * 2 + (size_t)coking;
}

/* One cell of a firm's sums and its exact value. */
typedef struct {
    ecai_fixed q;
    size_t cell;
} ecai_qcell;

/* A firm's year: the cells that have rows (most firms use a few of the
 * carriers), sorted by cell; q is NULL when no row of the year is kept. */
typedef struct {
    ecai_qcell *q;
    size_t nq;
    uint64_t rows, coking_rows;
} ecai_firm_year;

/* The sum of a cell, 0 when the firm has no row there. */
ecai_fixed ecai_fy_q(const ecai_firm_year *fy, size_t cell);

/* Sums by year slot and firm. */
typedef struct {
    size_t nfirm, ncar;
    ecai_quality *quality; /* when set, every accepted row goes here too */
    const ecai_meter_tap *tap; /* when set, the rows of the year that can
                                * still be the reporting year go here */
    int *years; /* slot -> year */
    uint64_t *year_rows;
    ecai_firm_year **fy; /* fy[slot][firm] */
    size_t nyear;
    ecai_qcell *cells; /* every firm's cells of the kept year */
} ecai_acc;

void ecai_acc_free(ecai_acc *a);

#define ECAI_REASON_MAX 32
typedef struct {
    const char *reason;
    uint64_t count;
} ecai_reason_count;

/* Streams meters.csv into acc. */
eca_status ecai_meters_read(const char *path, const eca_factors *f,
                            const ecai_firms *firms,
                            const eca_audit_options *o, ecai_acc *acc,
                            eca_row_counts *rc, ecai_reason_count *reasons,
                            size_t *nreasons, eca_error *err);

/* ---- the rules of thresholds.csv a firm or a series is tested against,
 * looked up once per audit (flags.c) ---- */
enum { /* meter series rules, in the order of their findings */
    ECAI_SR_GAP,
    ECAI_SR_ESTIMATED,
    ECAI_SR_STUCK,
    ECAI_SR_ZERO,
    ECAI_SR_SPIKE,
    ECAI_SR_DROP,
    ECAI_SR_COUNT
};
enum { /* rules scoped by oven type */
    ECAI_OR_COUNTY_TARGET,
    ECAI_OR_BENCHMARK,
    ECAI_OR_BASELINE,
    ECAI_OR_GB21342_G3,
    ECAI_OR_GB29995_G3,
    ECAI_OR_INPUTS_MISSING,
    ECAI_OR_VOLATILE_OUTSIDE,
    ECAI_OR_WITHOUT_HEATING,
    ECAI_OR_INTENSITY_LOW,
    ECAI_OR_INTENSITY_HIGH,
    ECAI_OR_COUNT
};
#define ECAI_OVEN_WORDS 5 /* top stamp heat_recovery semi_coke none */
typedef struct {
    const ecai_trow *series[3][ECAI_SR_COUNT]; /* by granularity */
    const ecai_trow *oven[ECAI_OVEN_WORDS][ECAI_OR_COUNT];
    const ecai_trow *key_firm, *negative_balance, *incomplete;
} ecai_rules;

/* One finding as the audit keeps it; detail points into the block of its
 * firm's findings (or at ""). */
typedef struct {
    const char *rule, *severity, *source, *detail;
    double value, threshold;
} ecai_finding;

/* A firm's findings: NULL and 0 when it has none. */
typedef struct {
    ecai_finding *f;
    size_t n;
} ecai_findings;

struct eca_audit {
    const eca_factors *f;
    char *dir; /* the dataset folder as given, and the sizes of its files
                * just before they were read: summary.json's input */
    uint64_t firms_bytes, meters_bytes;
    int threads; /* for the parallel steps after reading */
    ecai_carrier **firm_car; /* per firm: its own factors, or NULL */
    /* carbon: the grid factor used and the emission parameters */
    double grid_tco2_per_mwh;
    int grid_year;
    const char *grid_region, *grid_source;
    double heat_tco2_per_gj, gj_per_kgce, gwp_ch4, ch4_lhv_gj_per_t;
    const char *heat_source, *gwp_source;
    long car_electricity, car_heat, car_steam, car_cmm, car_coke;
    int year;
    eca_basis basis;
    double equal_kgce_per_kwh; /* 0: none for the year */
    double key_firm_tce;
    const char *key_firm_source;
    ecai_firms firms;
    ecai_acc acc;
    ecai_quality *quality;     /* the meter series */
    size_t *ser_start, *ser_idx; /* series of the year by firm */
    long slot; /* year slot of the reporting year, -1: no rows */
    eca_firm_result *res;
    eca_row_counts rows_firms, rows_meters;
    ecai_reason_count reasons[ECAI_REASON_MAX];
    size_t nreasons;
    ecai_rules rules;
    ecai_findings *findings; /* per firm, once the figures are done */
};

/* kgce per base unit of a carrier at the run's basis (equal: 0 means
 * there is no figure). */
double ecai_coef_at(const eca_audit *a, const ecai_carrier *c, int equal);
double ecai_coef(const eca_audit *a, const ecai_carrier *c);

/* ---- carbon (carbon.c) ---- */
typedef enum {
    ECAI_CO2_NONE = 0,
    ECAI_CO2_COMBUSTION,
    ECAI_CO2_PROCESS,
    ECAI_CO2_INDIRECT
} ecai_co2_kind;

const char *ecai_co2_kind_name(ecai_co2_kind k);
/* tCO2 per base unit of carrier c (index ci) in a flow, signed (convert_out
 * and exported energy count negative), and which of the three it is. */
double ecai_co2_factor(const eca_audit *a, const ecai_carrier *c, size_t ci,
                       int flow, ecai_co2_kind *kind);
/* Adds q base units of (c, flow) to a firm's carbon figures. */
void ecai_carbon_add(const eca_audit *a, const ecai_carrier *c, size_t ci,
                     int flow, double q, eca_firm_result *r);
/* Totals, the clamp of the process balance, per tonne of coke, methane. */
void ecai_carbon_close(const eca_audit *a, eca_firm_result *r);

/* ---- grading (grading.c) ---- */
/* The coke limits, grade and its span over the coefficient ranges. */
void ecai_grade_firm(const eca_factors *f, eca_firm_result *r);
/* Peer groups: the sector, semi-coke plants apart from the coke ovens.
 * ecai_peer_cmp orders two firms' groups (0: the same group);
 * ecai_peer_suffix is "/semi_coke" or "", to follow the sector in a
 * group's name. */
int ecai_peer_cmp(const eca_firm_result *x, const eca_firm_result *y);
const char *ecai_peer_suffix(const eca_firm_result *r);
/* The firms ordered by peer group, then in firm order, so that a group is
 * a run; NULL when out of memory. */
eca_firm_result **ecai_peer_order(const eca_audit *a);
/* The values of one figure (field 0: coke_kgce_per_t, 1:
 * co2_t_per_t_coke) of the group that starts at p[i], sorted into v, *m of
 * them; returns where the next group starts. */
size_t ecai_peer_values(eca_firm_result *const *p, size_t n, size_t i,
                        int field, double *v, size_t *m);
/* Each firm's percentile within its peer group for its intensity
 * figures. */
eca_status ecai_peers(eca_audit *a, eca_error *err);

/* ---- findings (flags.c) ---- */
/* Looks up the rows of the rules once. */
void ecai_rules_resolve(const eca_factors *f, ecai_rules *r);
/* Every firm's findings, from its finished figures (parallel over firms;
 * the same for any thread count). */
eca_status ecai_findings_compute(eca_audit *a, eca_error *err);
void ecai_findings_free(eca_audit *a);
/* The findings of firm i, in a fixed order; at most ECA_FLAGS_MAX. */
const ecai_finding *ecai_findings_of(const eca_audit *a, size_t i,
                                     size_t *n);
/* The same as eca_flag rows. */
size_t ecai_firm_flags(const eca_audit *a, size_t i, eca_flag *out);
eca_status ecai_flags_write(const eca_audit *a, const char *dir,
                            eca_error *err);

/* ---- meter series findings (seriesflags.c) ---- */
eca_status ecai_quality_index(eca_audit *a, eca_error *err);
void ecai_quality_firm(const eca_audit *a, size_t i, eca_firm_result *r);
/* The meter findings of firm i appended to out, at most room. */
size_t ecai_quality_flags(const eca_audit *a, size_t i, eca_flag *out,
                          size_t room);
eca_status ecai_series_write(const eca_audit *a, const char *dir,
                             eca_error *err);

/* ---- firm-specific factors (firmfactors.c) ---- */
/* The carrier table of one firm: its own when it has one. */
const ecai_carrier *ecai_firm_carriers(const eca_audit *a, size_t firm);
eca_status ecai_firm_factors_load(eca_audit *a, const char *path,
                                  const char *name, eca_error *err);
void ecai_firm_factors_free(eca_audit *a);

/* Output files (report.c, summary.c, breakdown.c). */
eca_status ecai_summary_write(const eca_audit *a, const eca_factors *f,
                              const eca_audit_options *o, const char *dir,
                              eca_error *err);
eca_status ecai_breakdown_write(const eca_audit *a, const char *dir,
                                eca_error *err);

/* Computes res[] from the sums (parallel over firms). */
eca_status ecai_account(eca_audit *a, const eca_factors *f,
                        const eca_audit_options *o, eca_error *err);

#endif
