/* solar.h: the rooftop PV modules' private state and helpers, shared by
 * engine/solar_*.c; not API. */
#ifndef ECA_SOLAR_H
#define ECA_SOLAR_H

#include "internal.h"

#define ECAI_HOURS_YEAR 8760 /* a typical year has no 29 February */
#define ECAI_MAX_STEPS ECAI_HOURS_YEAR

/* ---- parameters of factors/solar.csv (solar_params.c) ---- */
typedef struct {
    double density_w_m2[ECA_ROOF_COUNT]; /* STC watts per m2 of roof */
    double policy_share[ECA_ROOF_COUNT];
    double sapm_a[ECA_ROOF_COUNT], sapm_b[ECA_ROOF_COUNT];
    double sapm_dt[ECA_ROOF_COUNT];
    double default_tilt_deg, default_azimuth_deg;
    double albedo, wind_speed_ms, solar_constant_wm2;
    double erbs_min_cos_zenith, erbs_max_kt, hd_min_cos_zenith;
    double iam_b0;
    double gamma_per_c, t_ref_c, e_ref_wm2;
    double system_loss;
    double dc_ac_ratio, inv_eta_nom, inv_eta_ref, inv_a, inv_b, inv_c;
    double degradation_per_year, lifetime_years;
    double mc_irradiance_sd, mc_loss_sd, mc_degradation_sd;
    double site_latitude_deg, site_longitude_deg, site_elevation_m;
    double site_pressure_mbar, timezone_h, delta_t_s, atmos_refract_deg;
    double monthly_ghi_kwh_m2[12], monthly_temp_c[12];
} ecai_solar_params;

eca_status ecai_solar_params_load(ecai_solar_params *p, const char *path,
                                  eca_error *err);

/* ---- sky: decomposition and transposition (solar_sky.c) ---- */
typedef struct {
    double ghi, dni, dhi;  /* W/m2 */
    double cos_zenith;     /* of the sun, may be <= 0 */
    double zenith_deg, azimuth_deg;
    double dni_extra;      /* extraterrestrial normal irradiance */
} ecai_sky;

/* Erbs et al. (1982): diffuse fraction of the hourly clearness index. */
double ecai_erbs_fraction(double kt);
/* Splits sky->ghi into dni and dhi (Erbs). */
void ecai_erbs_split(ecai_sky *sky, const ecai_solar_params *p);
/* Cosine of the angle of incidence on a plane of tilt and azimuth
 * (degrees; azimuth eastward from north). */
double ecai_cos_incidence(double zenith_deg, double sun_az_deg,
                          double tilt_deg, double surf_az_deg);

/* Plane-of-array components, W/m2. */
typedef struct {
    double beam, sky, ground;
} ecai_poa;

void ecai_transpose(const ecai_sky *sky, double tilt_deg, double cos_inc,
                    eca_sky_model model, const ecai_solar_params *p,
                    ecai_poa *out);

/* ---- module and system (solar_pv.c) ---- */
/* Effective irradiance after the incidence-angle modifier of the beam. */
double ecai_effective_poa(const ecai_poa *poa, double cos_inc,
                          const ecai_solar_params *p);
/* Sandia (King 2004) cell temperature for a category's mounting. */
double ecai_cell_temp(double poa, double temp_c, eca_roof_category c,
                      const ecai_solar_params *p);
/* DC power per kW of nameplate, before system losses. */
double ecai_dc_per_kwp(double poa_eff, double cell_c,
                       const ecai_solar_params *p);
/* AC power per kW of nameplate from DC per kW after losses (PVWatts v5
 * inverter curve, clipped at the AC rating). */
double ecai_ac_per_kwp(double dc_net, const ecai_solar_params *p);

/* ---- site (solar_site.c), weather (solar_weather.c) and its time steps
 * (solar_steps.c) ---- */
typedef struct {
    double ghi, dni, dhi, temp_c; /* W/m2 (mean over the hour), C */
    double weight;           /* hours this step stands for */
    double zenith_deg, azimuth_deg, cos_zenith, dni_extra;
    int month, hour;         /* 1..12, 0..23 */
} ecai_step;

typedef struct {
    ecai_step *s;
    size_t n;
    int monthly;             /* 1: 12 mean days of 24 steps */
    int from_defaults;       /* 1: no weather.csv, solar.csv's months */
    /* typical-year hour (0..8759) -> step */
    int32_t hour_step[ECAI_HOURS_YEAR];
    double ghi_kwh_m2, dhi_kwh_m2, mean_temp_c;
} ecai_weather;

typedef struct {
    double latitude_deg, longitude_deg, elevation_m, pressure_mbar;
    double timezone_h;
    const char *source;
} ecai_site;

eca_status ecai_site_load(ecai_site *site, const char *dir,
                          const eca_solar_options *o,
                          const ecai_solar_params *p, eca_error *err);
eca_status ecai_weather_load(ecai_weather *w, const char *dir,
                             const ecai_site *site, int year,
                             const ecai_solar_params *p, eca_error *err);
void ecai_weather_free(ecai_weather *w);
/* Day of a non-leap year (0..364) of month (1..12) and day; -1 for 29
 * February or a bad date. */
int ecai_typical_doy(int month, int day);
/* Month (1..12) and day of day doy (0..364) of a non-leap year. */
void ecai_typical_date(int doy, int *month, int *day);
/* An hour step of a year: the sun at its middle and the Erbs split of its
 * global light s->ghi (temp_c set before); ECA_EARG when the sun cannot be
 * placed. */
eca_status ecai_step_hour(ecai_step *s, int year, int month, int day,
                          int hour, const ecai_site *site,
                          const ecai_solar_params *p);
/* w's 12 mean days of 24 steps from monthly irradiation (kWh/m2 in the
 * month) and mean temperature. */
eca_status ecai_weather_monthly(ecai_weather *w, const double ghi[12],
                                const double temp[12], int year,
                                const ecai_site *site,
                                const ecai_solar_params *p, eca_error *err);

/* ---- roofs and scenario files (solar_roofs.c) ---- */
typedef struct {
    char *id, *firm;
    long firm_index; /* into the audit's firms, -1: none */
    eca_roof_category cat;
    double area_m2, tilt_deg, azimuth_deg;
    long line;
    size_t orient; /* index of its (tilt, azimuth, category) profile */
} ecai_roof;

typedef struct {
    ecai_roof *r;
    size_t n;
    eca_row_counts rows;
} ecai_roofs;

/* A firm list to check firm_id against: firm ids in byte order. */
typedef struct {
    const char *const *ids;
    size_t n;
} ecai_idlist;

long ecai_idlist_find(const ecai_idlist *l, const char *id);

/* Reports a rejected row; under strict mode it becomes the run's error. */
eca_status ecai_solar_reject(const eca_solar_options *o, const char *file,
                             long line, const char *column,
                             const char *reason, const char *detail,
                             eca_error *err);

eca_status ecai_roofs_load(ecai_roofs *t, const char *dir,
                           const ecai_idlist *firms,
                           const ecai_solar_params *p,
                           const eca_solar_options *o, eca_error *err);
void ecai_roofs_free(ecai_roofs *t);

/* Share per roof of a scenario. */
typedef struct {
    char *name;
    double cat[ECA_ROOF_COUNT];
    double *roof_share; /* per roof */
} ecai_scenario_def;

eca_status ecai_scenario_file(ecai_scenario_def *d, const char *path,
                              const ecai_roofs *roofs,
                              const ecai_idlist *firms, eca_error *err);
eca_status ecai_scenario_builtin(ecai_scenario_def *d, const char *name,
                                 const double share[ECA_ROOF_COUNT],
                                 const ecai_roofs *roofs, eca_error *err);
void ecai_scenario_def_free(ecai_scenario_def *d);

/* ---- firm electricity (solar_load.c) ---- */
typedef struct {
    double year_kwh;    /* consume of carrier electricity in the year */
    double *hour_kwh;   /* ECAI_HOURS_YEAR slots, or NULL */
    int hourly;         /* every row of the year is YYYY-MM-DDThh:mm */
    int mixed;          /* a row of the year is not: set while reading */
} ecai_firm_load;

typedef struct {
    ecai_firm_load *f;  /* per firm of the audit */
    size_t n, cap;      /* firms; slots allocated while reading */
    /* meters.csv: read = used (electricity of the year) + other +
     * outside_year + rejected */
    eca_row_counts rows;
    uint64_t other;     /* accepted rows of the year, other carriers or flows */
    long electricity;   /* the carrier's index, -1: none */
    int year;           /* of the rows taken, 0: none yet */
} ecai_loads;

/* Audits DIR as eca_audit_run does, and takes each firm's electricity into
 * l from the same reading of meters.csv. Returns the audit, or NULL with
 * err set (l then holds nothing). */
eca_audit *ecai_loads_audit(ecai_loads *l, const eca_factors *f,
                            const char *dir, const eca_audit_options *o,
                            eca_error *err);
void ecai_loads_free(ecai_loads *l);

/* ---- yield profiles per orientation (solar_model.c) ---- */
typedef struct {
    double tilt_deg, azimuth_deg;
    eca_roof_category cat; /* mounting, for the cell temperature */
} ecai_orient;

typedef struct {
    ecai_orient *o;
    size_t n, cap;
    size_t nsteps;
    double *eff;        /* n x nsteps: effective plane-of-array, W/m2 */
    double *ac;         /* n x nsteps: AC kW per kWp, baseline */
    double *kwh_per_kwp; /* n: a typical year, baseline */
    double *poa_kwh_m2;  /* n: plane-of-array irradiation */
} ecai_pvmodel;

/* Index of an orientation, added when new; -1 out of memory. */
long ecai_pvmodel_orient(ecai_pvmodel *m, double tilt, double az,
                         eca_roof_category cat);
/* Computes every profile (in parallel over orientations). */
eca_status ecai_pvmodel_build(ecai_pvmodel *m, const ecai_weather *w,
                              const ecai_solar_params *p, eca_sky_model sky,
                              int threads, eca_error *err);
/* The AC energy (kWh per kWp) of a typical year for orientation o with
 * the irradiance scaled by f and total losses `loss`. */
double ecai_pvmodel_year(const ecai_pvmodel *m, const ecai_weather *w,
                         const ecai_solar_params *p, size_t o, double f,
                         double loss);
void ecai_pvmodel_free(ecai_pvmodel *m);

/* ---- Monte Carlo (solar_mc.c) ---- */
/* kwp[s * m->n + o]: kWp of scenario s at orientation o. Fills, per
 * scenario, P50 and P90 of the first year's and the lifetime's kWh. */
eca_status ecai_solar_mc(const ecai_pvmodel *m, const ecai_weather *w,
                         const ecai_solar_params *p, const double *kwp,
                         size_t nsc, int draws, unsigned long seed,
                         int threads, double *p50, double *p90,
                         double *life_p50, double *life_p90, eca_error *err);

/* ---- the run (solar_run.c) and its files (solar_report.c) ---- */
typedef struct {
    char *firm_id, *name;
    double energy_tce, controlled_tce;
    int key_firm;
} ecai_solar_firmref;

struct eca_solar {
    eca_solar_info info;
    eca_solar_options opt;
    ecai_solar_params par;
    char *grid_region, *grid_source, *scenario_arg;
    ecai_roofs roofs;
    ecai_loads loads;
    ecai_solar_firmref *firmref;
    size_t nfirmref;
    eca_row_counts rows_firms;
    eca_solar_scenario *sc;
    char **sc_names;
    size_t nsc, selected;
    eca_solar_roof *roof_out;   /* selected scenario */
    eca_solar_firm *firm_out;
    size_t nfirm_out;
    const char **sources;       /* solar.csv rows for the summary */
};

eca_status ecai_solar_write_summary(const eca_solar *s, const char *dir,
                                    eca_error *err);

#endif
