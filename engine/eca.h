/* eca.h: the public interface of the eca energy and carbon accounting
 * library. If a name is not declared here, it is not API.
 *
 * The library checks every GSL status itself: a program that embeds it
 * calls gsl_set_error_handler_off() once at start, or GSL's default
 * handler aborts on a fit that does not converge. */
#ifndef ECA_H
#define ECA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ECA_API __attribute__((visibility("default")))
#else
#define ECA_API
#endif

#define ECA_VERSION "0.1.0"

/* Status codes. New codes are only ever added at the end. */
typedef enum {
    ECA_OK = 0,
    ECA_ENOMEM,    /* out of memory */
    ECA_EIO,       /* a file could not be opened, read or written */
    ECA_ECSV,      /* a file is not readable CSV (quote, encoding, header) */
    ECA_ECOLUMN,   /* a required column is missing */
    ECA_EFACTOR,   /* a factor or unit table is inconsistent */
    ECA_EINPUT,    /* input rejected under strict mode, or no usable data */
    ECA_EARG,      /* an invalid argument to a library call */
    ECA_ESTATUS_END
} eca_status;

ECA_API const char *eca_strerror(eca_status s);

/* Error detail: the first error wins. msg names the input position, as in
 * "meters.csv:118: column 'quantity': \"12,5\" is not a number". */
typedef struct {
    eca_status status;
    char msg[512];
} eca_error;

ECA_API void eca_error_clear(eca_error *err);

/* ---- Factor tables ---------------------------------------------------- */

/* Physical dimension of a unit or carrier. */
typedef enum {
    ECA_DIM_MASS = 0, /* base unit t */
    ECA_DIM_VOLUME,   /* base unit m3 */
    ECA_DIM_ELECTRICITY, /* base unit kWh */
    ECA_DIM_HEAT,     /* base unit GJ */
    ECA_DIM_COUNT
} eca_dimension;

typedef struct eca_factors eca_factors;

/* One carrier as the run will use it. Coefficients are per `unit`. */
typedef struct {
    const char *carrier;
    const char *unit;
    eca_dimension dimension;
    double kgce_per_unit;
    double kgce_low;        /* range of the standard; = kgce_per_unit when none */
    double kgce_high;
    double ncv_gj_per_unit; /* 0 when not given */
    double carbon_tc_per_tj;
    double oxidation;
    int renewable;
    const char *source;
} eca_carrier_info;

/* Loads the shipped tables from a directory holding carriers.csv,
 * units.csv, electricity.csv and thresholds.csv. */
ECA_API eca_factors *eca_factors_load(const char *dir, eca_error *err);
/* Applies an override file of carrier rows: given cells replace the shipped
 * ones, empty or absent cells keep them (converted to the row's unit), an
 * unknown carrier is added. Later calls win. */
ECA_API eca_status eca_factors_override(eca_factors *f, const char *path,
                                eca_error *err);
ECA_API void eca_factors_free(eca_factors *f);

ECA_API size_t eca_factors_carrier_count(const eca_factors *f);
/* i in [0, count); carriers in table order. */
ECA_API eca_status eca_factors_carrier(const eca_factors *f, size_t i,
                               eca_carrier_info *out);
/* Index of a carrier code, or -1. */
ECA_API long eca_factors_carrier_find(const eca_factors *f, const char *code);
/* Converts `q` in `unit` to the base unit of its dimension; returns
 * ECA_EFACTOR for an unknown unit. */
ECA_API eca_status eca_factors_unit_to_base(const eca_factors *f, const char *unit,
                                    double q, double *base,
                                    eca_dimension *dim);
/* Equal-value electricity coefficient (gce/kWh) for a year, or 0 when the
 * table has none. */
ECA_API double eca_factors_equal_gce_per_kwh(const eca_factors *f, int year);
/* A parameter of emission.csv (heat_tco2_per_gj, gwp_ch4, ...), with its
 * source; returns 0 and leaves *value untouched when absent. */
ECA_API int eca_factors_param(const eca_factors *f, const char *name,
                              double *value, const char **source);
/* The grid CO2 factor (tCO2/MWh) of a region (grid.csv: national,
 * north_china, shanxi, ...) for a year: the latest published year not after
 * it. ECA_EFACTOR when the region has none. */
ECA_API eca_status eca_factors_grid(const eca_factors *f, const char *region,
                                    int year, double *tco2_per_mwh,
                                    int *year_used, const char **source);
/* The i-th region of grid.csv, each once, in the order of first appearance;
 * NULL when i is past the last. */
ECA_API const char *eca_factors_grid_region(const eca_factors *f, size_t i);
/* A threshold by rule name (thresholds.csv), with its source; returns 0 and
 * leaves *value untouched when absent. */
ECA_API int eca_factors_threshold(const eca_factors *f, const char *rule,
                          double *value, const char **source);

/* ---- Coke limits (GB 21342-2025; semi-coke GB 29995-2024) --------------- */

/* A plant's correction inputs; NaN or "" when not given. */
typedef struct {
    const char *oven; /* top, stamp, semi_coke (others have no limits) */
    double mixed_gas_ratio; /* share of heating time on mixed gas (NaN: 0) */
    double volatile_pct, moisture_pct, oven_age_years;
    const char *quench; /* "dry", "wet" or "" */
} eca_coke_inputs;

#define ECA_COKE_MISSING_VOLATILE 1u
#define ECA_COKE_MISSING_MOISTURE 2u
#define ECA_COKE_MISSING_QUENCH 4u
#define ECA_COKE_MISSING_AGE 8u

/* The limits after corrections and every correction term, kgce/t. */
typedef struct {
    double limit[3]; /* grades 1, 2, 3; NaN when the oven has none */
    double fuel, volatile_term, moisture, wet_quench, oven_age;
    unsigned missing;     /* ECA_COKE_MISSING_* of inputs graded without */
    int volatile_outside; /* volatile given outside the standard's table */
    const char *standard; /* "GB 21342-2025", "GB 29995-2024" or NULL */
    const char *source;   /* the source of the base limits */
} eca_coke_limits;

ECA_API eca_status eca_coke_limits_compute(const eca_factors *f,
                                           const eca_coke_inputs *in,
                                           eca_coke_limits *out);
/* The best (lowest) grade whose limit the actual value meets (actual <=
 * limit): 1, 2 or 3; 0 above grade 3; -1 when there is no limit. */
ECA_API int eca_coke_grade(const eca_coke_limits *l, double actual_kgce_per_t);

/* ---- Audit ------------------------------------------------------------ */

typedef enum {
    ECA_BASIS_EQUIVALENT = 0, /* 当量值: 0.1229 kgce/kWh */
    ECA_BASIS_EQUAL           /* 等价值: coal use per kWh supplied */
} eca_basis;

typedef enum {
    ECA_FLOW_CONSUME = 0,
    ECA_FLOW_CONVERT_IN,
    ECA_FLOW_CONVERT_OUT,
    ECA_FLOW_RECOVERED,
    ECA_FLOW_FEEDSTOCK,
    ECA_FLOW_COUNT
} eca_flow;

ECA_API const char *eca_flow_name(eca_flow f);

/* One input row that was not used. */
typedef struct {
    const char *file;   /* "firms.csv" or "meters.csv" */
    long line;          /* physical line where the record starts (header = 1) */
    const char *column; /* header name, or "" for the whole row */
    const char *reason; /* short code, e.g. "unknown_carrier" */
    const char *detail; /* human sentence */
} eca_reject;

typedef void (*eca_reject_fn)(const eca_reject *r, void *user);

/* Called now and then while reading, with bytes read so far and in all. */
typedef void (*eca_progress_fn)(uint64_t done, uint64_t total, void *user);

typedef struct {
    int year;              /* 0: the latest year with data */
    eca_basis basis;
    int equal_year_offset; /* equal value of year+offset (e.g. -1) */
    int threads;           /* 0: OpenMP's default */
    int strict;            /* any rejected row is an error */
    eca_reject_fn on_reject;
    void *reject_user;
    eca_progress_fn on_progress;
    void *progress_user;
    /* Carbon. Indirect CO2 of grid electricity: grid_tco2_per_mwh when > 0,
     * else the factor of grid_region (grid.csv; NULL: "national") for the
     * reporting year. gwp_ch4 > 0 replaces emission.csv's gwp_ch4. */
    const char *grid_region;
    double grid_tco2_per_mwh;
    double gwp_ch4;
    /* Firm-specific factor files (firm_id, carrier, then carrier columns);
     * DIR/firm_factors.csv is read first when it exists. */
    const char *const *firm_factor_files;
    size_t firm_factor_count;
} eca_audit_options;

ECA_API void eca_audit_options_init(eca_audit_options *o);

/* Per-file row accounting: read = used + outside_year + rejected. */
typedef struct {
    uint64_t read, used, outside_year, rejected;
} eca_row_counts;

typedef struct {
    const char *firm_id, *name, *sector, *township, *coke_oven;
    double mixed_gas_ratio, volatile_pct, moisture_pct, oven_age_years;
    const char *quench;  /* "dry", "wet" or "" */
    double semi_coke_yield_correction; /* kgce/t, GB 29995 Appendix C */
    /* Correction inputs are NaN when not given. */

    double flow_tce[ECA_FLOW_COUNT]; /* C, I, O, R, F at the chosen basis */
    double energy_tce;     /* C + I + F - O - R */
    double feedstock_tce;  /* F */
    double renewable_tce;  /* consume of renewable carriers */
    double controlled_tce; /* energy - feedstock - renewable */
    double energy_tce_equivalent; /* energy_tce at each basis */
    double energy_tce_equal;      /* NaN when no equal-value figure */
    double coke_t;                /* convert_out of coke, t */
    double coke_kgce_per_t;       /* NaN when coke_t is 0 */
    int coking_boundary_tagged;   /* 1: rows with process "coking" used */
    int key_firm;
    uint64_t rows_used;

    /* Carbon, tCO2 (README, "How the figures are computed"; NDRC 2015
     * coking guideline). */
    double co2_combustion_t; /* fuels consumed */
    double co2_process_t;    /* carbon balance of conversions, at least 0 */
    double co2_process_balance_t; /* the balance before clamping at 0 */
    double co2_indirect_t;   /* net purchased electricity and heat */
    double co2_t;            /* the sum of the three */
    double co2_t_per_t_coke; /* NaN without coke */
    /* Coal mine methane drained and used (consume and convert_in), apart
     * from the firm's emissions: volume, methane destroyed, that methane
     * in CO2e at the run's GWP, and the CO2 of burning it. */
    double cmm_m3, cmm_ch4_t, cmm_avoided_tco2e, cmm_co2_t;
    int firm_factors; /* 1 when a firm-specific factor applies */

    /* Audit. The span of energy_tce and coke_kgce_per_t over the
     * coefficient ranges of the standard (coke oven gas, natural gas,
     * coal mine methane): each carrier's coefficient at either end. */
    double energy_tce_low, energy_tce_high;
    double coke_kgce_per_t_low, coke_kgce_per_t_high;
    /* GB 21342-2025 limits after corrections (NaN when not top or stamp),
     * the grade met (1-3, 0 above grade 3, -1 none) at the nominal figure
     * and at the ends of its span, the inputs graded without. */
    double coke_limit[3];
    int coke_grade, coke_grade_low, coke_grade_high;
    unsigned coke_missing;
    int coke_volatile_outside;
    /* GB 29995-2024 semi-coke grade of coke_kgce_per_t less the yield
     * correction (-1 when not semi-coke). */
    int semi_coke_grade;
    /* Percentile (0-100) of coke_kgce_per_t and co2_t_per_t_coke among
     * the firms of the firm's peer group that have them (its sector,
     * semi-coke plants apart from coke ovens); NaN otherwise. */
    double coke_kgce_percentile, co2_per_t_coke_percentile;
    /* Meter data: readings present (estimated ones counted half) over the
     * periods of the year at each series' frequency; the share of
     * estimated readings; series, and series with a finding. */
    double completeness, estimated_share;
    size_t series, series_flagged;
} eca_firm_result;

typedef struct eca_audit eca_audit;

/* Reads DIR/firms.csv and DIR/meters.csv and computes every firm's figures
 * for the reporting year. Returns NULL with err set on a file-level error,
 * when DIR is not a folder (ECA_EIO), when the reporting year has no usable
 * meter row (ECA_EINPUT), or when grid_region is not in grid.csv
 * (ECA_EARG). */
ECA_API eca_audit *eca_audit_run(const eca_factors *f, const char *dir,
                         const eca_audit_options *o, eca_error *err);
ECA_API void eca_audit_free(eca_audit *a);

ECA_API int eca_audit_year(const eca_audit *a);
ECA_API size_t eca_audit_firm_count(const eca_audit *a);
/* Firms in byte order of firm_id. */
ECA_API const eca_firm_result *eca_audit_firm(const eca_audit *a, size_t i);
ECA_API eca_row_counts eca_audit_rows(const eca_audit *a, const char *file);
/* Rejected rows of meters.csv by reason code (for the summary). */
ECA_API size_t eca_audit_reject_reason_count(const eca_audit *a);
ECA_API const char *eca_audit_reject_reason(const eca_audit *a, size_t i,
                                    uint64_t *count);
/* One firm's sum of one carrier and flow in the reporting year: the
 * quantity in the base unit of the carrier's dimension (t, m3, kWh, GJ) and
 * in tce at the run's electricity basis. The factor table given to
 * eca_audit_run must still be alive. */
ECA_API eca_status eca_audit_firm_carrier(const eca_audit *a, size_t firm,
                                  size_t carrier, eca_flow flow,
                                  double *base_quantity, double *tce);

/* The grid factor the run used: tCO2/MWh, the region ("" when given as a
 * number), the year of the figure (0 when given) and its source. */
ECA_API double eca_audit_grid(const eca_audit *a, const char **region,
                              int *year, const char **source);

/* Writes firms.csv, flags.csv, breakdown.csv and summary.json into an
 * existing directory. */
ECA_API eca_status eca_audit_write(const eca_audit *a, const eca_factors *f,
                           const eca_audit_options *o, const char *outdir,
                           eca_error *err);

/* One finding of the audit (a row of flags.csv). severity: info, warning,
 * violation, or borderline when the verdict changes inside a coefficient
 * range. */
#define ECA_FLAGS_MAX 64
typedef struct {
    const char *rule;
    double value, threshold;
    const char *severity, *source;
    char detail[240];
} eca_flag;

/* The findings of firm i (firm order of eca_audit_firm) into out, which
 * holds ECA_FLAGS_MAX; returns their number. */
ECA_API size_t eca_audit_flags(const eca_audit *a, size_t firm,
                               eca_flag *out);

/* 1 when firm's coke intensity fails a plausibility rule of
 * thresholds.csv (coke_without_heating, coke_intensity_low,
 * coke_intensity_high): more likely a metering or boundary error than the
 * plant's performance, so its grade is no verdict; else 0. */
ECA_API int eca_audit_coke_implausible(const eca_audit *a, size_t firm);

/* Writes the full derivation of one firm's figures as text; ECA_EARG when
 * the firm is not in the audit. */
ECA_API eca_status eca_audit_explain(const eca_audit *a, const char *firm_id,
                                     FILE *fp);

/* Writes the rejected.csv header, and one row (RFC 4180 quoted). */
ECA_API int eca_reject_write_header(FILE *fp);
ECA_API int eca_reject_write(FILE *fp, const eca_reject *r);

/* ---- Solar (rooftop PV scenarios) ------------------------------------ */

/* Roof categories of the whole-county rooftop PV pilot (NEA, June 2021). */
typedef enum {
    ECA_ROOF_GOVERNMENT = 0, /* 党政机关 */
    ECA_ROOF_PUBLIC,         /* schools, hospitals, village committees */
    ECA_ROOF_INDUSTRIAL,     /* industrial and commercial */
    ECA_ROOF_RESIDENTIAL,    /* rural homes */
    ECA_ROOF_COUNT
} eca_roof_category;

/* "government", "public", "industrial", "residential"; "" otherwise. */
ECA_API const char *eca_roof_category_name(eca_roof_category c);

/* Solar position by NREL's SPA (Reda and Andreas, NREL/TP-560-34302):
 * local clock time at a site. Azimuth is measured eastward from north. */
typedef struct {
    int year, month, day, hour, minute;
    double second;
    double timezone_h;       /* hours east of UTC: +8 for China */
    double delta_t_s;        /* TT - UT, seconds */
    double latitude_deg, longitude_deg, elevation_m;
    double pressure_mbar, temperature_c; /* for refraction */
    double atmos_refract_deg; /* refraction at sunrise and sunset */
} eca_sun_time;

typedef struct {
    double zenith_deg;      /* topocentric, with refraction */
    double azimuth_deg;     /* eastward from north */
    double declination_deg; /* topocentric */
    double hour_angle_deg;  /* topocentric local hour angle */
    double earth_sun_au;    /* Earth radius vector */
} eca_sun_position;

/* ECA_EARG for a date or site out of range. */
ECA_API eca_status eca_solar_position(const eca_sun_time *t,
                                      eca_sun_position *p);

typedef enum {
    ECA_SKY_HAY_DAVIES = 0, /* circumsolar + isotropic (default) */
    ECA_SKY_ISOTROPIC       /* Liu and Jordan */
} eca_sky_model;

typedef struct {
    /* "policy" (default), "full", or the path of a CSV `category,share`
     * with optional `firm_id` rows. The run computes policy, full and the
     * file; this one is detailed per roof and per firm. */
    const char *scenario;
    int year;               /* reporting year of the loads; 0: latest */
    eca_basis basis;        /* electricity basis of controlled_tce */
    int equal_year_offset;
    int draws;              /* Monte Carlo draws; 0: none */
    unsigned long seed;
    int threads;            /* 0: OpenMP's default */
    eca_sky_model sky;
    const char *grid_region; /* grid.csv region; NULL: "national" */
    double grid_tco2_per_mwh; /* > 0: used as given */
    int has_site;           /* 1: latitude/longitude below win over site.csv */
    double latitude_deg, longitude_deg;
    int strict;             /* any rejected row is an error */
    eca_reject_fn on_reject;
    void *reject_user;
} eca_solar_options;

ECA_API void eca_solar_options_init(eca_solar_options *o);

typedef struct eca_solar eca_solar;

/* One scenario's totals. Energies in kWh; NaN where undefined (P50 and
 * P90 without draws). */
typedef struct {
    const char *name;       /* "policy", "full" or the file's name */
    double share[ECA_ROOF_COUNT]; /* category shares (firm rows aside) */
    size_t roofs;           /* roofs with kwp > 0 */
    double area_m2, kwp, kwh_year, kwh_lifetime;
    double kwh_p50, kwh_p90, kwh_lifetime_p50, kwh_lifetime_p90;
    double cat_area_m2[ECA_ROOF_COUNT], cat_kwp[ECA_ROOF_COUNT];
    double cat_kwh_year[ECA_ROOF_COUNT];
    double cat_offset_tce[ECA_ROOF_COUNT], cat_offset_tco2[ECA_ROOF_COUNT];
    double offset_tce;       /* avoided grid electricity, equivalent value */
    double offset_tce_equal; /* at equal value; NaN without a figure */
    double offset_tco2;      /* at the grid factor */
    double kwh_self, kwh_export; /* roofs of firms */
    double controlled_cut_tce;   /* sum over firms */
    size_t firms, firms_leaving_key;
} eca_solar_scenario;

typedef struct {
    const char *roof_id, *firm_id; /* firm_id "" when none */
    eca_roof_category category;
    double area_m2, tilt_deg, azimuth_deg; /* azimuth: 180 = due south */
    double share, kwp, kwh_year, kwh_per_kwp, kwh_lifetime;
    double offset_tce, offset_tco2;
    long line; /* in rooftops.csv */
} eca_solar_roof;

typedef struct {
    const char *firm_id, *name;
    size_t roofs;
    double kwp, kwh_year;
    double load_kwh;  /* metered electricity (consume) of the year */
    int load_hourly;  /* 1: matched hour by hour; 0: capped by the year */
    double kwh_self, kwh_export;
    double offset_tce, offset_tce_equal, offset_tco2;
    double self_tco2; /* indirect CO2 the firm no longer buys */
    double energy_tce, controlled_tce_before, controlled_tce_after;
    int key_firm_before, key_firm_after;
} eca_solar_firm;

/* What the run used: site, weather, grid factor, reference roof. */
typedef struct {
    int year;
    const char *weather;      /* "hourly", "monthly" or "defaults" */
    const char *site_source;  /* "command line", "site.csv", "solar.csv" */
    double latitude_deg, longitude_deg, elevation_m;
    double ghi_kwh_m2;        /* annual horizontal irradiation */
    double dhi_kwh_m2;        /* of which diffuse (Erbs, or monthly split) */
    double mean_temp_c;
    const char *grid_region, *grid_source;
    int grid_year;            /* 0 when given as a number */
    double grid_tco2_per_mwh;
    double kgce_per_kwh, kgce_per_kwh_equal; /* equal: NaN when none */
    double key_firm_tce;
    /* 1 kWp at the county default tilt, due south, open rack */
    double ref_tilt_deg, ref_poa_kwh_m2, ref_kwh_per_kwp, ref_pr;
    int draws;
    unsigned long seed;
    const char *sky;          /* "hay_davies" or "isotropic" */
} eca_solar_info;

/* Reads DIR/rooftops.csv, DIR/weather.csv (or the monthly defaults of
 * solar.csv), DIR/site.csv, DIR/firms.csv and DIR/meters.csv; solar.csv
 * and grid.csv are read from the folder of f's shipped tables. */
ECA_API eca_solar *eca_solar_run(const eca_factors *f, const char *dir,
                                 const eca_solar_options *o, eca_error *err);
ECA_API void eca_solar_free(eca_solar *s);

ECA_API const eca_solar_info *eca_solar_about(const eca_solar *s);
ECA_API size_t eca_solar_scenario_count(const eca_solar *s);
ECA_API const eca_solar_scenario *eca_solar_scenario_at(const eca_solar *s,
                                                        size_t i);
/* Index of the scenario detailed per roof and firm. */
ECA_API size_t eca_solar_selected(const eca_solar *s);
/* Roofs of rooftops.csv (accepted rows, file order) and firms with roofs
 * (byte order of firm_id), in the selected scenario. */
ECA_API size_t eca_solar_roof_count(const eca_solar *s);
ECA_API const eca_solar_roof *eca_solar_roof_at(const eca_solar *s,
                                                size_t i);
ECA_API size_t eca_solar_firm_count(const eca_solar *s);
ECA_API const eca_solar_firm *eca_solar_firm_at(const eca_solar *s,
                                                size_t i);
/* Row accounting of "rooftops.csv" or "meters.csv": for meters, used
 * counts the electricity rows of the year, and rows of other carriers or
 * flows count as outside_year's sibling `other` (see the summary). */
ECA_API eca_row_counts eca_solar_rows(const eca_solar *s, const char *file);
ECA_API uint64_t eca_solar_meter_rows_other(const eca_solar *s);

/* Writes solar_roofs.csv, solar_firms.csv, scenarios.csv and
 * summary.json into an existing directory. */
ECA_API eca_status eca_solar_write(const eca_solar *s, const char *outdir,
                                   eca_error *err);
/* ---- end of solar ---- */

#ifdef __cplusplus
}
#endif
#endif
