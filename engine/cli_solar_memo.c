/* cli_solar_memo.c: the planning memo `eca solar` prints: site, climate,
 * the scenario table, categories, firms and key firms leaving the list. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cli_solar.h"

void cli_solar_memo(const eca_solar *s, const char *dir, const char *out,
                    const eca_solar_options *o)
{
    const eca_solar_info *in = eca_solar_about(s);
    size_t ns = eca_solar_scenario_count(s), sel = eca_solar_selected(s);
    const eca_solar_scenario *x = eca_solar_scenario_at(s, sel);
    printf("eca %s solar: rooftop PV scenarios for %s (firm loads of %d)\n\n",
           ECA_VERSION, dir, in->year);
    printf("site       %.3f N, %.3f E, %.0f m (%s)\n", in->latitude_deg,
           in->longitude_deg, in->elevation_m, in->site_source);
    printf("climate    %s typical year: %.0f kWh/m2 a year on the horizontal, "
           "mean %.1f C; %s sky\n", in->weather, in->ghi_kwh_m2,
           in->mean_temp_c, strcmp(in->sky, "isotropic") ? "Hay-Davies"
                                                           : "isotropic");
    printf("reference  1 kWp at %.0f deg, due south: %.0f kWh a year "
           "(%.0f kWh/m2 on the plane, performance ratio %.2f)\n",
           in->ref_tilt_deg, in->ref_kwh_per_kwp, in->ref_poa_kwh_m2,
           in->ref_pr);
    printf("offsets    %.4f kgce/kWh (equivalent)", in->kgce_per_kwh);
    if (!isnan(in->kgce_per_kwh_equal))
        printf(", %.4f (equal value)", in->kgce_per_kwh_equal);
    printf("; grid %.4f tCO2/MWh (%s%s%d)\n", in->grid_tco2_per_mwh,
           *in->grid_region ? in->grid_region : "given",
           in->grid_year ? " " : "", in->grid_year);

    printf("\nscenario       roofs     MWp   GWh/yr");
    if (in->draws)
        printf("  P50 GWh  P90 GWh");
    printf("   tce/yr  tCO2/yr  25-yr GWh  key firms leaving\n");
    for (size_t i = 0; i < ns; i++) {
        const eca_solar_scenario *c = eca_solar_scenario_at(s, i);
        printf("%-12.12s %7zu %7.2f %8.2f", c->name, c->roofs, c->kwp / 1000,
               c->kwh_year / 1e6);
        if (in->draws)
            printf(" %8.2f %8.2f", c->kwh_p50 / 1e6, c->kwh_p90 / 1e6);
        printf(" %8.0f %8.0f %10.1f %18zu\n", c->offset_tce, c->offset_tco2,
               c->kwh_lifetime / 1e6, c->firms_leaving_key);
    }
    printf("\nby category (%s scenario)\n", x->name);
    printf("               share   roof m2 used     MWp   GWh/yr   tce/yr  "
           "tCO2/yr\n");
    for (int c = 0; c < ECA_ROOF_COUNT; c++)
        printf("%-13s %5.0f %% %14.0f %7.2f %8.2f %8.0f %8.0f\n",
               eca_roof_category_name((eca_roof_category)c),
               100 * x->share[c], x->cat_area_m2[c], x->cat_kwp[c] / 1000,
               x->cat_kwh_year[c] / 1e6, x->cat_offset_tce[c],
               x->cat_offset_tco2[c]);
    printf("%-13s %7s %14.0f %7.2f %8.2f %8.0f %8.0f\n", "county", "",
           x->area_m2, x->kwp / 1000, x->kwh_year / 1e6, x->offset_tce,
           x->offset_tco2);

    size_t nf = eca_solar_firm_count(s), top[5], nt = 0;
    printf("\nfirms      %zu firms with roofs: %.2f GWh used on site, %.2f "
           "GWh exported; controlled total down %.0f tce (%s basis)\n", nf,
           x->kwh_self / 1e6, x->kwh_export / 1e6, x->controlled_cut_tce,
           o->basis == ECA_BASIS_EQUAL ? "equal-value" : "equivalent");
    for (size_t i = 0; i < nf; i++) { /* the five largest cuts */
        double cut = eca_solar_firm_at(s, i)->controlled_tce_before -
                     eca_solar_firm_at(s, i)->controlled_tce_after;
        size_t j = nt < 5 ? nt++ : 5;
        while (j > 0) {
            const eca_solar_firm *q = eca_solar_firm_at(s, top[j - 1]);
            if (q->controlled_tce_before - q->controlled_tce_after >= cut)
                break;
            if (j < 5)
                top[j] = top[j - 1];
            j--;
        }
        if (j < 5)
            top[j] = i;
    }
    if (nt)
        printf("           firm      MWp  GWh/yr  self %%   tce cut  "
               "controlled before -> after  key\n");
    for (size_t k = 0; k < nt; k++) {
        const eca_solar_firm *f = eca_solar_firm_at(s, top[k]);
        printf("           %-8s %5.2f %7.2f %6.0f %9.1f %12.0f -> %-10.0f "
               "%s  ", f->firm_id, f->kwp / 1000, f->kwh_year / 1e6,
               f->kwh_year > 0 ? 100 * f->kwh_self / f->kwh_year : 0.0,
               f->controlled_tce_before - f->controlled_tce_after,
               f->controlled_tce_before, f->controlled_tce_after,
               f->key_firm_before ? (f->key_firm_after ? "stays" : "LEAVES")
                                  : "no");
        cli_put_plain(f->name, 36);
        putchar('\n');
    }
    for (size_t i = 0; i < nf; i++) {
        const eca_solar_firm *f = eca_solar_firm_at(s, i);
        if (f->key_firm_before && !f->key_firm_after)
            printf("           %s leaves the key-firm list (%.0f tce less "
                   "the new PV falls below %.0f)\n", f->firm_id,
                   f->energy_tce, in->key_firm_tce);
    }
    eca_row_counts rr = eca_solar_rows(s, "rooftops.csv");
    eca_row_counts mr = eca_solar_rows(s, "meters.csv");
    printf("\nrows       rooftops.csv %llu read = %llu used + %llu rejected\n",
           (unsigned long long)rr.read, (unsigned long long)rr.used,
           (unsigned long long)rr.rejected);
    printf("           meters.csv   %llu read = %llu electricity of %d + %llu "
           "other + %llu outside %d + %llu rejected\n",
           (unsigned long long)mr.read, (unsigned long long)mr.used, in->year,
           (unsigned long long)eca_solar_meter_rows_other(s),
           (unsigned long long)mr.outside_year, in->year,
           (unsigned long long)mr.rejected);
    printf("\noutput     %s/solar_roofs.csv, solar_firms.csv, scenarios.csv, "
           "rejected.csv, summary.json\n", out);
}

