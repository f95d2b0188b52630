/* solar_model.c: the yield of one kWp for each distinct orientation and
 * mounting of the county's roofs, step by step through the typical year:
 * incidence, transposition, effective irradiance, then cell temperature,
 * DC, losses and inverter. Roofs sharing an orientation share a profile. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

long ecai_pvmodel_orient(ecai_pvmodel *m, double tilt, double az,
                         eca_roof_category cat)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->o[i].tilt_deg == tilt && m->o[i].azimuth_deg == az &&
            m->o[i].cat == cat)
            return (long)i;
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 16;
        ecai_orient *q = realloc(m->o, nc * sizeof *q);
        if (!q)
            return -1;
        m->o = q;
        m->cap = nc;
    }
    m->o[m->n] = (ecai_orient){tilt, az, cat};
    return (long)m->n++;
}

/* Cell temperature rise per W/m2 of the Sandia model for a category. */
static double rise_per_wm2(const ecai_solar_params *p, eca_roof_category c)
{
    return exp(p->sapm_a[c] + p->sapm_b[c] * p->wind_speed_ms) +
           p->sapm_dt[c] / p->e_ref_wm2;
}

static double step_ac(double eff, double temp_c, double rise, double f,
                      double loss, const ecai_solar_params *p)
{
    if (eff <= 0)
        return 0;
    double e = f * eff;
    double cell = temp_c + e * rise;
    double dc = ecai_dc_per_kwp(e, cell, p);
    return ecai_ac_per_kwp(dc * (1 - loss), p);
}

double ecai_pvmodel_year(const ecai_pvmodel *m, const ecai_weather *w,
                         const ecai_solar_params *p, size_t o, double f,
                         double loss)
{
    const double *eff = m->eff + o * m->nsteps;
    double rise = rise_per_wm2(p, m->o[o].cat), sum = 0;
    for (size_t i = 0; i < m->nsteps; i++)
        if (eff[i] > 0)
            sum += w->s[i].weight *
                   step_ac(eff[i], w->s[i].temp_c, rise, f, loss, p);
    return sum;
}

eca_status ecai_pvmodel_build(ecai_pvmodel *m, const ecai_weather *w,
                              const ecai_solar_params *p, eca_sky_model sky,
                              int threads, eca_error *err)
{
    size_t ns = w->n, no = m->n;
    m->nsteps = ns;
    m->eff = malloc((no ? no : 1) * ns * sizeof *m->eff);
    m->ac = malloc((no ? no : 1) * ns * sizeof *m->ac);
    m->kwh_per_kwp = calloc(no ? no : 1, sizeof *m->kwh_per_kwp);
    m->poa_kwh_m2 = calloc(no ? no : 1, sizeof *m->poa_kwh_m2);
    if (!m->eff || !m->ac || !m->kwh_per_kwp || !m->poa_kwh_m2)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    int nt = threads > 0 ? threads : omp_get_max_threads();
    long n = (long)no;
    /* each orientation writes its own rows: no shared sums */
#pragma omp parallel for schedule(static, 1) num_threads(nt)
    for (long oi = 0; oi < n; oi++) {
        const ecai_orient *or = &m->o[oi];
        double *eff = m->eff + (size_t)oi * ns, *ac = m->ac + (size_t)oi * ns;
        double rise = rise_per_wm2(p, or->cat), year = 0, poa_sum = 0;
        for (size_t i = 0; i < ns; i++) {
            const ecai_step *s = &w->s[i];
            ecai_sky k = {s->ghi, s->dni, s->dhi, s->cos_zenith, s->zenith_deg,
                          s->azimuth_deg, s->dni_extra};
            ecai_poa poa;
            double ci = ecai_cos_incidence(s->zenith_deg, s->azimuth_deg,
                                           or->tilt_deg, or->azimuth_deg);
            ecai_transpose(&k, or->tilt_deg, ci, sky, p, &poa);
            eff[i] = ecai_effective_poa(&poa, ci, p);
            ac[i] = step_ac(eff[i], s->temp_c, rise, 1.0, p->system_loss, p);
            year += s->weight * ac[i];
            poa_sum += s->weight * (poa.beam + poa.sky + poa.ground);
        }
        m->kwh_per_kwp[oi] = year;
        m->poa_kwh_m2[oi] = poa_sum / 1000;
    }
    return ECA_OK;
}

void ecai_pvmodel_free(ecai_pvmodel *m)
{
    if (!m)
        return;
    free(m->o);
    free(m->eff);
    free(m->ac);
    free(m->kwh_per_kwp);
    free(m->poa_kwh_m2);
    memset(m, 0, sizeof *m);
}
