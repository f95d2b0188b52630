/* solar_sky.c: from horizontal to the roof's plane: the Erbs split of
 * global irradiance into beam and diffuse, the angle of incidence, and
 * transposition by the isotropic sky (Liu and Jordan) or Hay-Davies. */
#include <math.h>
#include "solar.h"

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)

/* Erbs, Klein and Duffie (1982), Solar Energy 28(4) 293-302, eq. 1: the
 * diffuse fraction of hourly global irradiance as a function of the
 * clearness index kt. The breakpoints and polynomial are the model itself
 * (see solar_position.c on why such constants stay in code). */
#define ERBS_KT_LOW 0.22
#define ERBS_KT_HIGH 0.80
double ecai_erbs_fraction(double kt)
{
    static const double low[] = {1.0, -0.09};
    static const double mid[] = {0.9511, -0.1604, 4.388, -16.638, 12.336};
    static const double high = 0.165;
    if (kt <= ERBS_KT_LOW)
        return low[0] + low[1] * kt;
    if (kt <= ERBS_KT_HIGH) {
        double v = 0;
        for (int i = 4; i >= 0; i--)
            v = v * kt + mid[i];
        return v;
    }
    return high;
}

void ecai_erbs_split(ecai_sky *sky, const ecai_solar_params *p)
{
    if (sky->ghi <= 0) {
        sky->ghi = sky->dni = sky->dhi = 0;
        return;
    }
    if (sky->cos_zenith <= 0) { /* light before sunrise: all diffuse */
        sky->dni = 0;
        sky->dhi = sky->ghi;
        return;
    }
    double cz = fmax(sky->cos_zenith, p->erbs_min_cos_zenith);
    double kt = fmin(sky->ghi / (sky->dni_extra * cz), p->erbs_max_kt);
    sky->dhi = sky->ghi * ecai_erbs_fraction(kt);
    sky->dni = (sky->ghi - sky->dhi) / cz;
}

double ecai_cos_incidence(double zenith_deg, double sun_az_deg,
                          double tilt_deg, double surf_az_deg)
{
    double z = zenith_deg * RAD, b = tilt_deg * RAD;
    return cos(z) * cos(b) +
           sin(z) * sin(b) * cos((sun_az_deg - surf_az_deg) * RAD);
}

void ecai_transpose(const ecai_sky *sky, double tilt_deg, double cos_inc,
                    eca_sky_model model, const ecai_solar_params *p,
                    ecai_poa *out)
{
    double cb = cos(tilt_deg * RAD);
    double ci = sky->cos_zenith > 0 ? fmax(cos_inc, 0) : 0;
    out->beam = sky->dni * ci;
    out->ground = sky->ghi * p->albedo * (1 - cb) / 2;
    if (model == ECA_SKY_ISOTROPIC || sky->dni_extra <= 0) {
        out->sky = sky->dhi * (1 + cb) / 2;
        return;
    }
    /* Hay and Davies (1980): a share Ai = DNI / DNI_extra of the diffuse
     * comes from the sun's direction, the rest from an isotropic sky. */
    double ai = fmin(fmax(sky->dni / sky->dni_extra, 0), 1);
    double rb = ci / fmax(sky->cos_zenith, p->hd_min_cos_zenith);
    out->sky = sky->dhi * (ai * rb + (1 - ai) * (1 + cb) / 2);
}
