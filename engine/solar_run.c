/* solar_run.c: one rooftop PV run: parameters, the firms' accounts and
 * electricity loads (an audit of the same folder), site and weather,
 * roofs, yield profiles, the scenarios with their offsets firm by firm,
 * and the Monte Carlo draws. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

void eca_solar_options_init(eca_solar_options *o)
{
    memset(o, 0, sizeof *o);
    o->scenario = "policy";
    o->basis = ECA_BASIS_EQUIVALENT;
    o->seed = 1;
    o->sky = ECA_SKY_HAY_DAVIES;
}

/* The audit of the folder: each firm's figures, and its electricity taken
 * from the same reading of meters.csv. Rejected rows of both files reach
 * the caller from the audit. */
static eca_status accounts(eca_solar *s, const eca_factors *f,
                           const char *dir, eca_error *err)
{
    eca_audit_options ao;
    eca_audit_options_init(&ao);
    ao.year = s->opt.year;
    ao.basis = s->opt.basis;
    ao.equal_year_offset = s->opt.equal_year_offset;
    ao.threads = s->opt.threads;
    ao.strict = s->opt.strict;
    ao.on_reject = s->opt.on_reject; /* firms.csv's and meters.csv's */
    ao.reject_user = s->opt.reject_user;
    eca_audit *a = ecai_loads_audit(&s->loads, f, dir, &ao, err);
    if (!a)
        return err->status;
    s->info.year = eca_audit_year(a);
    s->rows_firms = eca_audit_rows(a, "firms.csv");
    s->nfirmref = eca_audit_firm_count(a);
    s->firmref = calloc(s->nfirmref ? s->nfirmref : 1, sizeof *s->firmref);
    if (!s->firmref) {
        eca_audit_free(a);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < s->nfirmref; i++) {
        const eca_firm_result *r = eca_audit_firm(a, i);
        ecai_solar_firmref *x = &s->firmref[i];
        x->firm_id = strdup(r->firm_id);
        x->name = strdup(r->name ? r->name : "");
        x->energy_tce = r->energy_tce;
        x->controlled_tce = r->controlled_tce;
        x->key_firm = r->key_firm;
        if (!x->firm_id || !x->name) {
            eca_audit_free(a);
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
        }
    }
    eca_audit_free(a);
    return ECA_OK;
}

/* Electricity coefficients, the key-firm line and the grid factor. */
static eca_status coefficients(eca_solar *s, const eca_factors *f,
                               eca_error *err)
{
    eca_carrier_info ci;
    double per_unit;
    eca_dimension dim;
    long e = eca_factors_carrier_find(f, "electricity");
    if (e < 0 || eca_factors_carrier(f, (size_t)e, &ci) != ECA_OK ||
        eca_factors_unit_to_base(f, ci.unit, 1.0, &per_unit, &dim) != ECA_OK ||
        dim != ECA_DIM_ELECTRICITY)
        return ecai_fail(err, ECA_EFACTOR, "carriers.csv: no carrier "
                                           "electricity measured in kWh");
    s->info.kgce_per_kwh = ci.kgce_per_unit / per_unit;
    double eq = eca_factors_equal_gce_per_kwh(
        f, s->info.year + s->opt.equal_year_offset);
    s->info.kgce_per_kwh_equal = eq > 0 ? eq / 1000 : (double)NAN;
    if (!eca_factors_threshold(f, "key_firm", &s->info.key_firm_tce, NULL))
        return ecai_fail(err, ECA_EFACTOR,
                         "thresholds.csv: no row for rule key_firm");
    const char *region = s->opt.grid_region ? s->opt.grid_region : "national";
    if (!(s->grid_region = strdup(s->opt.grid_tco2_per_mwh > 0 ? "" : region)))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    s->info.grid_region = s->grid_region;
    if (s->opt.grid_tco2_per_mwh > 0) {
        s->info.grid_tco2_per_mwh = s->opt.grid_tco2_per_mwh;
        s->grid_source = strdup("given on the command line");
    } else {
        const char *src;
        eca_status st = ecai_factors_grid_at(
            f, region, s->info.year, &s->info.grid_tco2_per_mwh,
            &s->info.grid_year, &src, err);
        if (st != ECA_OK)
            return st;
        s->grid_source = strdup(src);
    }
    if (!s->grid_source)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    s->info.grid_source = s->grid_source;
    return ECA_OK;
}

static double basis_coef(const eca_solar *s)
{
    return s->opt.basis == ECA_BASIS_EQUAL ? s->info.kgce_per_kwh_equal
                                           : s->info.kgce_per_kwh;
}

/* One scenario: roofs, categories, firms. `keep` fills roof_out and
 * firm_out (the selected scenario). kwp_o gets kWp per orientation. */
static eca_status run_scenario(eca_solar *s, const ecai_scenario_def *d,
                               const ecai_pvmodel *m, const ecai_weather *w,
                               size_t si, int keep, double *kwp_o,
                               double *pv, eca_error *err)
{
    eca_solar_scenario *sc = &s->sc[si];
    const ecai_solar_params *p = &s->par;
    double life = 0;
    for (int y = 0; y < (int)p->lifetime_years; y++)
        life += pow(1 - p->degradation_per_year, y);
    sc->name = s->sc_names[si];
    memcpy(sc->share, d->cat, sizeof sc->share);
    sc->kwh_p50 = sc->kwh_p90 = sc->kwh_lifetime_p50 = sc->kwh_lifetime_p90 =
        (double)NAN;
    for (size_t i = 0; i < s->roofs.n; i++) {
        const ecai_roof *r = &s->roofs.r[i];
        double kwp = r->area_m2 * d->roof_share[i] * p->density_w_m2[r->cat] /
                     1000;
        double kwh = kwp * m->kwh_per_kwp[r->orient];
        kwp_o[r->orient] += kwp;
        sc->roofs += kwp > 0;
        sc->area_m2 += r->area_m2 * d->roof_share[i];
        sc->kwp += kwp;
        sc->kwh_year += kwh;
        sc->cat_area_m2[r->cat] += r->area_m2 * d->roof_share[i];
        sc->cat_kwp[r->cat] += kwp;
        sc->cat_kwh_year[r->cat] += kwh;
        sc->cat_offset_tce[r->cat] += kwh * s->info.kgce_per_kwh / 1000;
        sc->cat_offset_tco2[r->cat] += kwh / 1000 * s->info.grid_tco2_per_mwh;
        if (keep)
            s->roof_out[i] = (eca_solar_roof){
                r->id, r->firm, r->cat, r->area_m2, r->tilt_deg,
                r->azimuth_deg, d->roof_share[i], kwp, kwh,
                m->kwh_per_kwp[r->orient], kwh * life,
                kwh * s->info.kgce_per_kwh / 1000,
                kwh / 1000 * s->info.grid_tco2_per_mwh, r->line};
    }
    sc->kwh_lifetime = sc->kwh_year * life;
    sc->offset_tce = sc->kwh_year * s->info.kgce_per_kwh / 1000;
    sc->offset_tce_equal = sc->kwh_year * s->info.kgce_per_kwh_equal / 1000;
    sc->offset_tco2 = sc->kwh_year / 1000 * s->info.grid_tco2_per_mwh;

    /* firms with roofs, in firm order */
    size_t nf = 0;
    for (size_t fi = 0; fi < s->nfirmref; fi++) {
        double kwp = 0, kwh = 0;
        size_t roofs = 0;
        const ecai_firm_load *ld = &s->loads.f[fi];
        if (ld->hourly)
            memset(pv, 0, ECAI_HOURS_YEAR * sizeof *pv);
        for (size_t i = 0; i < s->roofs.n; i++) {
            const ecai_roof *r = &s->roofs.r[i];
            if (r->firm_index != (long)fi)
                continue;
            double k = r->area_m2 * d->roof_share[i] *
                       p->density_w_m2[r->cat] / 1000;
            roofs++;
            kwp += k;
            kwh += k * m->kwh_per_kwp[r->orient];
            if (ld->hourly && k > 0)
                for (size_t h = 0; h < ECAI_HOURS_YEAR; h++)
                    pv[h] += k * m->ac[r->orient * m->nsteps +
                                       (size_t)w->hour_step[h]];
        }
        if (!roofs)
            continue;
        double self = 0;
        if (ld->hourly)
            for (size_t h = 0; h < ECAI_HOURS_YEAR; h++)
                self += fmin(pv[h], ld->hour_kwh[h]);
        else
            self = fmin(kwh, ld->year_kwh);
        const ecai_solar_firmref *fr = &s->firmref[fi];
        double cut = self * basis_coef(s) / 1000;
        int after = fr->energy_tce - cut >= s->info.key_firm_tce;
        sc->firms++;
        sc->kwh_self += self;
        sc->kwh_export += kwh - self;
        sc->controlled_cut_tce += cut;
        sc->firms_leaving_key += fr->key_firm && !after;
        if (keep)
            s->firm_out[nf++] = (eca_solar_firm){
                fr->firm_id, fr->name, roofs, kwp, kwh, ld->year_kwh,
                ld->hourly, self, kwh - self,
                kwh * s->info.kgce_per_kwh / 1000,
                kwh * s->info.kgce_per_kwh_equal / 1000,
                kwh / 1000 * s->info.grid_tco2_per_mwh,
                self / 1000 * s->info.grid_tco2_per_mwh, fr->energy_tce,
                fr->controlled_tce, fr->controlled_tce - cut, fr->key_firm,
                after};
    }
    if (keep)
        s->nfirm_out = nf;
    (void)err;
    return ECA_OK;
}

static eca_status scenarios(eca_solar *s, const ecai_pvmodel *m,
                            const ecai_weather *w, const ecai_idlist *ids,
                            eca_error *err)
{
    ecai_scenario_def defs[3];
    double ones[ECA_ROOF_COUNT] = {1, 1, 1, 1};
    const char *arg = s->scenario_arg;
    double *kwp_o = NULL, *pv = NULL;
    size_t n = 0;
    eca_status st;
    memset(defs, 0, sizeof defs);
    if ((st = ecai_scenario_builtin(&defs[n++], "policy", s->par.policy_share,
                                    &s->roofs, err)) != ECA_OK ||
        (st = ecai_scenario_builtin(&defs[n++], "full", ones, &s->roofs,
                                    err)) != ECA_OK)
        goto done;
    s->selected = strcmp(arg, "full") == 0;
    if (strcmp(arg, "policy") && strcmp(arg, "full")) {
        if ((st = ecai_scenario_file(&defs[n++], arg, &s->roofs, ids, err)) !=
            ECA_OK)
            goto done;
        s->selected = 2;
    }
    s->nsc = n;
    s->sc = calloc(n, sizeof *s->sc);
    s->sc_names = calloc(n, sizeof *s->sc_names);
    s->roof_out = calloc(s->roofs.n, sizeof *s->roof_out);
    s->firm_out = calloc(s->nfirmref ? s->nfirmref : 1, sizeof *s->firm_out);
    kwp_o = calloc(n * (m->n ? m->n : 1), sizeof *kwp_o);
    pv = malloc(ECAI_HOURS_YEAR * sizeof *pv);
    if (!s->sc || !s->sc_names || !s->roof_out || !s->firm_out || !kwp_o ||
        !pv) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        s->sc_names[i] = defs[i].name;
        defs[i].name = NULL;
        if ((st = run_scenario(s, &defs[i], m, w, i, i == s->selected,
                               kwp_o + i * m->n, pv, err)) != ECA_OK)
            goto done;
    }
    if (s->opt.draws > 0) {
        double q[4][3];
        st = ecai_solar_mc(m, w, &s->par, kwp_o, n, s->opt.draws,
                           s->opt.seed, s->opt.threads, q[0], q[1], q[2],
                           q[3], err);
        for (size_t i = 0; st == ECA_OK && i < n; i++) {
            s->sc[i].kwh_p50 = q[0][i];
            s->sc[i].kwh_p90 = q[1][i];
            s->sc[i].kwh_lifetime_p50 = q[2][i];
            s->sc[i].kwh_lifetime_p90 = q[3][i];
        }
    }
done:
    for (size_t i = 0; i < 3; i++)
        ecai_scenario_def_free(&defs[i]);
    free(kwp_o);
    free(pv);
    return st;
}

eca_solar *eca_solar_run(const eca_factors *f, const char *dir,
                         const eca_solar_options *opt, eca_error *err)
{
    eca_error local;
    eca_solar *s = NULL;
    ecai_weather w = {0};
    ecai_pvmodel m = {0};
    ecai_site site;
    const char **ids = NULL;
    char *ppath = NULL;
    if (!err) {
        eca_error_clear(&local);
        err = &local;
    }
    if (!f || !dir) {
        ecai_fail(err, ECA_EARG, "eca_solar_run: no factors or directory");
        return NULL;
    }
    size_t nfiles;
    const char *const *files = ecai_factors_files(f, &nfiles);
    if (!(s = calloc(1, sizeof *s))) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        return NULL;
    }
    if (opt)
        s->opt = *opt;
    else
        eca_solar_options_init(&s->opt);
    /* a region grid.csv does not have is the caller's mistake, as in
     * eca_audit_run */
    if (s->opt.grid_region && !(s->opt.grid_tco2_per_mwh > 0) &&
        !ecai_factors_grid_first(f, s->opt.grid_region)) {
        ecai_fail(err, ECA_EARG, "grid.csv: no region '%s'",
                  s->opt.grid_region);
        goto fail;
    }
    if (s->opt.draws < 0 || (s->opt.basis != ECA_BASIS_EQUIVALENT &&
                             s->opt.basis != ECA_BASIS_EQUAL)) {
        ecai_fail(err, ECA_EARG, "eca_solar_run: bad draws or basis");
        goto fail;
    }
    s->scenario_arg = strdup(s->opt.scenario ? s->opt.scenario : "policy");
    ppath = ecai_path_join(nfiles ? files[0] : "factors", "solar.csv");
    if (!s->scenario_arg || !ppath) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    s->opt.scenario = s->scenario_arg;
    if (ecai_solar_params_load(&s->par, ppath, err) != ECA_OK ||
        accounts(s, f, dir, err) != ECA_OK ||
        coefficients(s, f, err) != ECA_OK)
        goto fail;
    /* an equal basis without a figure for the year stopped the audit of
     * accounts() already, with the years electricity.csv has */
    s->opt.grid_region = s->grid_region;
    if (!(ids = calloc(s->nfirmref ? s->nfirmref : 1, sizeof *ids))) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < s->nfirmref; i++)
        ids[i] = s->firmref[i].firm_id;
    ecai_idlist idl = {ids, s->nfirmref};
    if (ecai_site_load(&site, dir, &s->opt, &s->par, err) != ECA_OK ||
        ecai_weather_load(&w, dir, &site, s->info.year, &s->par, err) !=
            ECA_OK ||
        ecai_roofs_load(&s->roofs, dir, &idl, &s->par, &s->opt, err) !=
            ECA_OK)
        goto fail;
    /* the reference roof first, then every roof's orientation */
    if (ecai_pvmodel_orient(&m, s->par.default_tilt_deg,
                            s->par.default_azimuth_deg,
                            ECA_ROOF_GOVERNMENT) < 0)
        goto nomem;
    for (size_t i = 0; i < s->roofs.n; i++) {
        ecai_roof *r = &s->roofs.r[i];
        long o = ecai_pvmodel_orient(&m, r->tilt_deg, r->azimuth_deg, r->cat);
        if (o < 0)
            goto nomem;
        r->orient = (size_t)o;
    }
    if (ecai_pvmodel_build(&m, &w, &s->par, s->opt.sky, s->opt.threads,
                           err) != ECA_OK ||
        scenarios(s, &m, &w, &idl, err) != ECA_OK)
        goto fail;
    eca_solar_info *in = &s->info;
    in->weather = w.from_defaults ? "defaults" : w.monthly ? "monthly"
                                                           : "hourly";
    in->site_source = site.source;
    in->latitude_deg = site.latitude_deg;
    in->longitude_deg = site.longitude_deg;
    in->elevation_m = site.elevation_m;
    in->ghi_kwh_m2 = w.ghi_kwh_m2;
    in->dhi_kwh_m2 = w.dhi_kwh_m2;
    in->mean_temp_c = w.mean_temp_c;
    in->ref_tilt_deg = s->par.default_tilt_deg;
    in->ref_poa_kwh_m2 = m.poa_kwh_m2[0];
    in->ref_kwh_per_kwp = m.kwh_per_kwp[0];
    in->ref_pr = m.poa_kwh_m2[0] > 0
                     ? m.kwh_per_kwp[0] / (m.poa_kwh_m2[0] /
                                           (s->par.e_ref_wm2 / 1000))
                     : (double)NAN;
    in->draws = s->opt.draws;
    in->seed = s->opt.seed;
    in->sky = s->opt.sky == ECA_SKY_ISOTROPIC ? "isotropic" : "hay_davies";
    free(ids);
    free(ppath);
    ecai_weather_free(&w);
    ecai_pvmodel_free(&m);
    return s;
nomem:
    ecai_fail(err, ECA_ENOMEM, "out of memory");
fail:
    free(ids);
    free(ppath);
    ecai_weather_free(&w);
    ecai_pvmodel_free(&m);
    eca_solar_free(s);
    return NULL;
}

void eca_solar_free(eca_solar *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nfirmref; i++) {
        free(s->firmref[i].firm_id);
        free(s->firmref[i].name);
    }
    free(s->firmref);
    for (size_t i = 0; s->sc_names && i < s->nsc; i++)
        free(s->sc_names[i]);
    free(s->sc_names);
    free(s->sc);
    free(s->roof_out);
    free(s->firm_out);
    free(s->grid_region);
    free(s->grid_source);
    free(s->scenario_arg);
    ecai_roofs_free(&s->roofs);
    ecai_loads_free(&s->loads);
    free(s);
}
