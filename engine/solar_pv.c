/* solar_pv.c: from plane-of-array irradiance to AC energy, in the manner
 * of PVWatts v5 (Dobos 2014): incidence-angle loss of the beam, Sandia
 * cell temperature, DC power with a temperature coefficient, system
 * losses, and the PVWatts inverter part-load curve. Power is per kW of
 * module nameplate (DC), so a profile scales to any roof. */
#include <math.h>
#include "solar.h"

double ecai_effective_poa(const ecai_poa *poa, double cos_inc,
                          const ecai_solar_params *p)
{
    /* ASHRAE incidence-angle modifier 1 - b0 (1/cos(theta) - 1), on the
     * beam only; diffuse and ground light are taken as they come. */
    double iam = 0;
    if (cos_inc > 0)
        iam = fmax(0, 1 - p->iam_b0 * (1 / cos_inc - 1));
    return poa->beam * iam + poa->sky + poa->ground;
}

double ecai_cell_temp(double poa, double temp_c, eca_roof_category c,
                      const ecai_solar_params *p)
{
    /* King, Boyson and Kratochvil (2004), SAND2004-3535, eq. 11-12. */
    double module = poa * exp(p->sapm_a[c] + p->sapm_b[c] * p->wind_speed_ms) +
                    temp_c;
    return module + poa / p->e_ref_wm2 * p->sapm_dt[c];
}

double ecai_dc_per_kwp(double poa_eff, double cell_c,
                       const ecai_solar_params *p)
{
    if (poa_eff <= 0)
        return 0;
    return poa_eff / p->e_ref_wm2 * (1 + p->gamma_per_c * (cell_c - p->t_ref_c));
}

double ecai_ac_per_kwp(double dc_net, const ecai_solar_params *p)
{
    if (dc_net <= 0)
        return 0;
    double ac0 = 1.0 / p->dc_ac_ratio;     /* AC rating per kW DC */
    double dc0 = ac0 / p->inv_eta_nom;     /* DC input at the AC rating */
    double zeta = dc_net / dc0;
    double eta = p->inv_eta_nom / p->inv_eta_ref *
                 (p->inv_a * zeta + p->inv_b / zeta + p->inv_c);
    if (eta <= 0)
        return 0;
    return fmin(eta * dc_net, ac0);
}
