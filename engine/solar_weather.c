/* solar_weather.c: the site (command line, DIR/site.csv or solar.csv) and
 * the typical year of DIR/weather.csv, hourly or monthly, turned into
 * time steps that carry the sun's position and the beam/diffuse split. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int ecai_typical_doy(int month, int day)
{
    if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1])
        return -1;
    int d = day - 1;
    for (int m = 1; m < month; m++)
        d += mdays[m - 1];
    return d;
}

static int file_exists(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp)
        fclose(fp);
    return fp != NULL;
}

/* A number cell in [lo, hi], or an input error naming its position. */
static eca_status num_in(const ecai_csv *c, long col, const char *name,
                         double lo, double hi, double *v, eca_error *err)
{
    size_t n;
    const char *s = ecai_csv_field(c, (size_t)col, &n);
    if (ecai_parse_double(s, n, v) != 0 || !(*v >= lo) || !(*v <= hi))
        return ecai_fail(err, ECA_EINPUT,
                         "%s:%ld: column '%s': \"%s\" is not a number in "
                         "[%g, %g]", ecai_csv_name(c), ecai_csv_line(c), name,
                         s, lo, hi);
    return ECA_OK;
}

static eca_status fields_ok(const ecai_csv *c, eca_error *err)
{
    if (ecai_csv_nfields(c) != ecai_csv_columns(c))
        return ecai_fail(err, ECA_EINPUT,
                         "%s:%ld: row has %zu fields, header has %zu",
                         ecai_csv_name(c), ecai_csv_line(c),
                         ecai_csv_nfields(c), ecai_csv_columns(c));
    return ECA_OK;
}

eca_status ecai_site_load(ecai_site *site, const char *dir,
                          const eca_solar_options *o,
                          const ecai_solar_params *p, eca_error *err)
{
    static const char *const req[] = {"latitude", "longitude", NULL};
    char *path = ecai_path_join(dir, "site.csv");
    ecai_csv *c = NULL;
    eca_status st = ECA_OK;
    site->latitude_deg = p->site_latitude_deg;
    site->longitude_deg = p->site_longitude_deg;
    site->elevation_m = p->site_elevation_m;
    site->pressure_mbar = p->site_pressure_mbar;
    site->timezone_h = p->timezone_h;
    site->source = "solar.csv";
    if (!path)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (file_exists(path)) {
        int r;
        if (!(c = ecai_csv_open(path, "site.csv", err))) {
            st = err->status;
            goto done;
        }
        if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
            goto done;
        if ((r = ecai_csv_next(c, err)) <= 0) {
            st = r < 0 ? err->status
                       : ecai_fail(err, ECA_EINPUT,
                                   "site.csv:2: no row under the header");
            goto done;
        }
        if ((st = fields_ok(c, err)) != ECA_OK ||
            (st = num_in(c, ecai_csv_find(c, "latitude"), "latitude", -90, 90,
                         &site->latitude_deg, err)) != ECA_OK ||
            (st = num_in(c, ecai_csv_find(c, "longitude"), "longitude", -180,
                         180, &site->longitude_deg, err)) != ECA_OK)
            goto done;
        long ce = ecai_csv_find(c, "elevation_m");
        if (ce >= 0 && *ecai_csv_field(c, (size_t)ce, NULL) &&
            (st = num_in(c, ce, "elevation_m", -500, 9000, &site->elevation_m,
                         err)) != ECA_OK)
            goto done;
        long cp = ecai_csv_find(c, "pressure_mbar");
        if (cp >= 0 && *ecai_csv_field(c, (size_t)cp, NULL) &&
            (st = num_in(c, cp, "pressure_mbar", 300, 1100,
                         &site->pressure_mbar, err)) != ECA_OK)
            goto done;
        site->source = "site.csv";
        if ((r = ecai_csv_next(c, err)) != 0) {
            st = r < 0 ? err->status
                       : ecai_fail(err, ECA_EINPUT,
                                   "site.csv:%ld: one site only: a second "
                                   "row is not allowed", ecai_csv_line(c));
            goto done;
        }
    }
    if (o->has_site) {
        if (!(fabs(o->latitude_deg) <= 90) || !(fabs(o->longitude_deg) <= 180)) {
            st = ecai_fail(err, ECA_EARG, "latitude %g or longitude %g out "
                                          "of range", o->latitude_deg,
                           o->longitude_deg);
            goto done;
        }
        site->latitude_deg = o->latitude_deg;
        site->longitude_deg = o->longitude_deg;
        site->source = "command line";
    }
done:
    ecai_csv_close(c);
    free(path);
    return st;
}

/* The sun at a step's middle and the Erbs split of its global light. */
static eca_status place_sun(ecai_step *s, int year, int month, int day,
                            int hour, const ecai_site *site,
                            const ecai_solar_params *p)
{
    eca_sun_time t = {year, month, day, hour, 30, 0.0, site->timezone_h,
                      p->delta_t_s, site->latitude_deg, site->longitude_deg,
                      site->elevation_m, site->pressure_mbar, s->temp_c,
                      p->atmos_refract_deg};
    eca_sun_position pos;
    if (eca_solar_position(&t, &pos) != ECA_OK)
        return ECA_EARG;
    s->zenith_deg = pos.zenith_deg;
    s->azimuth_deg = pos.azimuth_deg;
    s->cos_zenith = cos(pos.zenith_deg * RAD);
    s->dni_extra = p->solar_constant_wm2 / (pos.earth_sun_au *
                                            pos.earth_sun_au);
    s->month = month;
    s->hour = hour;
    return ECA_OK;
}

static eca_status split(ecai_step *s, const ecai_solar_params *p)
{
    ecai_sky sky = {s->ghi, 0, 0, s->cos_zenith, s->zenith_deg,
                    s->azimuth_deg, s->dni_extra};
    ecai_erbs_split(&sky, p);
    s->dni = sky.dni;
    s->dhi = sky.dhi;
    return ECA_OK;
}

static eca_status read_hourly(ecai_weather *w, ecai_csv *c, int year,
                              const ecai_site *site,
                              const ecai_solar_params *p, eca_error *err)
{
    static const char *const req[] = {"time", "ghi_wm2", "temp_c", NULL};
    eca_status st = ecai_csv_require(c, req, err);
    long ct = ecai_csv_find(c, "time"), cg = ecai_csv_find(c, "ghi_wm2"),
         cte = ecai_csv_find(c, "temp_c");
    long *line_of = NULL;
    int r;
    if (st != ECA_OK)
        return st;
    w->s = calloc(ECAI_HOURS_YEAR, sizeof *w->s);
    line_of = calloc(ECAI_HOURS_YEAR, sizeof *line_of);
    if (!w->s || !line_of) {
        free(line_of);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    w->n = ECAI_HOURS_YEAR;
    while ((r = ecai_csv_next(c, err)) == 1) {
        size_t n;
        const char *ts = ecai_csv_field(c, (size_t)ct, &n);
        char buf[32];
        ecai_period per;
        long line = ecai_csv_line(c);
        if ((st = fields_ok(c, err)) != ECA_OK)
            goto done;
        snprintf(buf, sizeof buf, "%.31s", ts);
        if (n == 16 && buf[10] == ' ')
            buf[10] = 'T';
        if (ecai_period_parse(buf, strlen(buf), &per) != 0 ||
            per.gran != ECAI_PER_MINUTE || per.minute != 0) {
            st = ecai_fail(err, ECA_EINPUT,
                           "weather.csv:%ld: column 'time': \"%s\" is not an "
                           "hour YYYY-MM-DDThh:00", line, ts);
            goto done;
        }
        int doy = ecai_typical_doy(per.month, per.day);
        if (doy < 0) {
            st = ecai_fail(err, ECA_EINPUT,
                           "weather.csv:%ld: column 'time': \"%s\": 29 "
                           "February has no place in a typical year", line,
                           ts);
            goto done;
        }
        int h = doy * 24 + per.hour;
        if (line_of[h]) {
            st = ecai_fail(err, ECA_EINPUT,
                           "weather.csv:%ld: column 'time': \"%s\" repeats "
                           "the hour of line %ld", line, ts, line_of[h]);
            goto done;
        }
        line_of[h] = line;
        ecai_step *s = &w->s[h];
        if ((st = num_in(c, cg, "ghi_wm2", 0, 1500, &s->ghi, err)) != ECA_OK ||
            (st = num_in(c, cte, "temp_c", -60, 60, &s->temp_c, err)) !=
                ECA_OK)
            goto done;
        s->weight = 1;
        if (place_sun(s, year, per.month, per.day, per.hour, site, p) !=
            ECA_OK) {
            st = ecai_fail(err, ECA_EARG, "weather.csv:%ld: the sun cannot "
                                          "be placed for this site", line);
            goto done;
        }
        split(s, p);
        w->hour_step[h] = h;
    }
    if (r < 0) {
        st = err->status;
        goto done;
    }
    size_t missing = 0, first = 0;
    for (size_t h = ECAI_HOURS_YEAR; h-- > 0;)
        if (!line_of[h]) {
            missing++;
            first = h;
        }
    if (missing) {
        int d = (int)(first / 24), m = 1;
        while (d >= mdays[m - 1])
            d -= mdays[m++ - 1];
        st = ecai_fail(err, ECA_EINPUT,
                       "weather.csv: %zu hours of the typical year are "
                       "missing, the first %02d-%02dT%02d:00", missing, m,
                       d + 1, (int)(first % 24));
    }
done:
    free(line_of);
    return st;
}

/* Klein (1977) mean days of the months, for monthly averages. */
static const int mean_day[12] = {17, 16, 16, 15, 15, 11, 17, 16, 15, 15, 14,
                                 10};

/* One month's mean day from its irradiation H (kWh/m2 in the month): the
 * Erbs et al. (1982) monthly diffuse correlation, then Collares-Pereira
 * and Rabl (1979) for the hours of global light and Liu and Jordan (1960)
 * for the hours of diffuse light, renormalised to H and Hd. */
static eca_status mean_day_steps(ecai_step *s, int month, double h_kwh,
                                 double temp_c, int year,
                                 const ecai_site *site,
                                 const ecai_solar_params *p)
{
    double rt[24], rd[24], srt = 0, srd = 0;
    double days = mdays[month - 1];
    for (int h = 0; h < 24; h++) {
        s[h].temp_c = temp_c;
        s[h].weight = days;
        if (place_sun(&s[h], year, month, mean_day[month - 1], h, site, p) !=
            ECA_OK)
            return ECA_EARG;
    }
    /* declination and sunset hour angle from the noon step */
    double phi = site->latitude_deg * RAD;
    double best = 1e9, decl = 0;
    for (int h = 0; h < 24; h++) {
        eca_sun_time t = {year, month, mean_day[month - 1], h, 30, 0.0,
                          site->timezone_h, p->delta_t_s, site->latitude_deg,
                          site->longitude_deg, site->elevation_m,
                          site->pressure_mbar, temp_c, p->atmos_refract_deg};
        eca_sun_position pos;
        if (eca_solar_position(&t, &pos) != ECA_OK)
            return ECA_EARG;
        double ha = remainder(pos.hour_angle_deg, 360.0);
        if (fabs(ha) < best) {
            best = fabs(ha);
            decl = pos.declination_deg * RAD;
        }
        rt[h] = ha * RAD; /* hour angle, kept for below */
    }
    double x = -tan(phi) * tan(decl);
    double ws = x <= -1 ? PI : x >= 1 ? 0 : acos(x);
    double h0 = 24.0 / PI * s[12].dni_extra *
                (cos(phi) * cos(decl) * sin(ws) + ws * sin(phi) * sin(decl));
    double hday = h_kwh * 1000.0 / days; /* Wh/m2 a day */
    double kt = h0 > 0 ? hday / h0 : 0;
    /* Erbs et al. (1982) eq. 9: monthly-average diffuse fraction */
    double fd = ws <= 81.4 * RAD
                    ? 1.391 - 3.560 * kt + 4.189 * kt * kt - 2.137 * kt * kt * kt
                    : 1.311 - 3.022 * kt + 3.427 * kt * kt - 1.821 * kt * kt * kt;
    fd = fmin(fmax(fd, 0), 1);
    double a = 0.409 + 0.5016 * sin(ws - 60 * RAD);
    double b = 0.6609 - 0.4767 * sin(ws - 60 * RAD);
    double den = sin(ws) - ws * cos(ws);
    for (int h = 0; h < 24; h++) {
        double w = rt[h];
        double base = den > 0 && fabs(w) < ws ? cos(w) - cos(ws) : 0;
        rd[h] = den > 0 ? PI / 24 * base / den : 0;
        rt[h] = (a + b * cos(w)) * rd[h];
        srt += rt[h];
        srd += rd[h];
    }
    for (int h = 0; h < 24; h++) {
        s[h].ghi = srt > 0 ? hday * rt[h] / srt : 0;
        s[h].dhi = srd > 0 ? fmin(hday * fd * rd[h] / srd, s[h].ghi) : 0;
        s[h].dni = s[h].cos_zenith > p->erbs_min_cos_zenith
                       ? (s[h].ghi - s[h].dhi) / s[h].cos_zenith
                       : 0;
        if (s[h].cos_zenith <= p->erbs_min_cos_zenith)
            s[h].dhi = s[h].ghi;
    }
    return ECA_OK;
}

static eca_status read_monthly(ecai_weather *w, ecai_csv *c,
                               double ghi[12], double temp[12],
                               eca_error *err)
{
    static const char *const req[] = {"month", "ghi_kwh_m2", "temp_c", NULL};
    eca_status st = ecai_csv_require(c, req, err);
    long cm = ecai_csv_find(c, "month"), cg = ecai_csv_find(c, "ghi_kwh_m2"),
         ct = ecai_csv_find(c, "temp_c");
    long line_of[12] = {0};
    int r;
    (void)w;
    if (st != ECA_OK)
        return st;
    while ((r = ecai_csv_next(c, err)) == 1) {
        double m;
        long line = ecai_csv_line(c);
        if ((st = fields_ok(c, err)) != ECA_OK ||
            (st = num_in(c, cm, "month", 1, 12, &m, err)) != ECA_OK)
            return st;
        if (m != floor(m))
            return ecai_fail(err, ECA_EINPUT, "weather.csv:%ld: column "
                                              "'month': not a whole month",
                             line);
        int k = (int)m - 1;
        if (line_of[k])
            return ecai_fail(err, ECA_EINPUT,
                             "weather.csv:%ld: column 'month': %d repeats "
                             "the month of line %ld", line, k + 1,
                             line_of[k]);
        line_of[k] = line;
        if ((st = num_in(c, cg, "ghi_kwh_m2", 0, 400, &ghi[k], err)) !=
                ECA_OK ||
            (st = num_in(c, ct, "temp_c", -60, 60, &temp[k], err)) != ECA_OK)
            return st;
    }
    if (r < 0)
        return err->status;
    for (int k = 0; k < 12; k++)
        if (!line_of[k])
            return ecai_fail(err, ECA_EINPUT,
                             "weather.csv: month %d is missing (monthly rows "
                             "need all 12)", k + 1);
    return ECA_OK;
}

static eca_status build_monthly(ecai_weather *w, const double ghi[12],
                                const double temp[12], int year,
                                const ecai_site *site,
                                const ecai_solar_params *p, eca_error *err)
{
    w->monthly = 1;
    w->n = 12 * 24;
    if (!(w->s = calloc(w->n, sizeof *w->s)))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    for (int m = 0; m < 12; m++)
        if (mean_day_steps(&w->s[m * 24], m + 1, ghi[m], temp[m], year, site,
                           p) != ECA_OK)
            return ecai_fail(err, ECA_EARG, "the sun cannot be placed for "
                                            "latitude %g, longitude %g",
                             site->latitude_deg, site->longitude_deg);
    int h = 0;
    for (int m = 0; m < 12; m++)
        for (int d = 0; d < mdays[m]; d++)
            for (int k = 0; k < 24; k++)
                w->hour_step[h++] = m * 24 + k;
    return ECA_OK;
}

eca_status ecai_weather_load(ecai_weather *w, const char *dir,
                             const ecai_site *site, int year,
                             const ecai_solar_params *p, eca_error *err)
{
    char *path = ecai_path_join(dir, "weather.csv");
    ecai_csv *c = NULL;
    eca_status st = ECA_OK;
    double ghi[12], temp[12];
    memset(w, 0, sizeof *w);
    if (!path)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (!file_exists(path)) {
        w->from_defaults = 1;
        st = build_monthly(w, p->monthly_ghi_kwh_m2, p->monthly_temp_c, year,
                           site, p, err);
        goto sums;
    }
    if (!(c = ecai_csv_open(path, "weather.csv", err))) {
        st = err->status;
        goto done;
    }
    if (ecai_csv_find(c, "time") >= 0)
        st = read_hourly(w, c, year, site, p, err);
    else if (ecai_csv_find(c, "month") >= 0) {
        if ((st = read_monthly(w, c, ghi, temp, err)) == ECA_OK)
            st = build_monthly(w, ghi, temp, year, site, p, err);
    } else
        st = ecai_fail(err, ECA_ECOLUMN,
                       "weather.csv:1: column 'time': required column is "
                       "missing (hourly rows time,ghi_wm2,temp_c or monthly "
                       "rows month,ghi_kwh_m2,temp_c)");
sums:
    if (st == ECA_OK) {
        double g = 0, dh = 0, t = 0, wt = 0;
        for (size_t i = 0; i < w->n; i++) {
            g += w->s[i].ghi * w->s[i].weight;
            dh += w->s[i].dhi * w->s[i].weight;
            t += w->s[i].temp_c * w->s[i].weight;
            wt += w->s[i].weight;
        }
        w->ghi_kwh_m2 = g / 1000;
        w->dhi_kwh_m2 = dh / 1000;
        w->mean_temp_c = wt > 0 ? t / wt : 0;
    }
done:
    ecai_csv_close(c);
    free(path);
    return st;
}

void ecai_weather_free(ecai_weather *w)
{
    if (!w)
        return;
    free(w->s);
    memset(w, 0, sizeof *w);
}
