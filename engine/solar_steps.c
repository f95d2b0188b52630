/* solar_steps.c: the typical year's calendar and its time steps: the sun at
 * each step's middle, the Erbs split of an hour's global light, and a
 * month's irradiation spread over the 24 hours of its mean day. */
#include <math.h>
#include <stdlib.h>
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

void ecai_typical_date(int doy, int *month, int *day)
{
    int d = doy, m = 1;
    while (d >= mdays[m - 1])
        d -= mdays[m++ - 1];
    *month = m;
    *day = d + 1;
}

/* The sun at a step's middle. */
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

eca_status ecai_step_hour(ecai_step *s, int year, int month, int day,
                          int hour, const ecai_site *site,
                          const ecai_solar_params *p)
{
    if (place_sun(s, year, month, day, hour, site, p) != ECA_OK)
        return ECA_EARG;
    split(s, p);
    return ECA_OK;
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

eca_status ecai_weather_monthly(ecai_weather *w, const double ghi[12],
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
