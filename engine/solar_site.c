/* solar_site.c: where the sun is seen from: solar.csv's county default,
 * replaced by DIR/site.csv, replaced by the command line. */
#include <math.h>
#include <stdlib.h>
#include "solar.h"

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
    if (ecai_file_exists(path)) {
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
        if ((st = ecai_col_count(c, ECA_EINPUT, err)) != ECA_OK ||
            (st = ecai_col_num_in(c, ecai_csv_find(c, "latitude"),
                                    "latitude", -90, 90, &site->latitude_deg,
                                    err)) != ECA_OK ||
            (st = ecai_col_num_in(c, ecai_csv_find(c, "longitude"),
                                    "longitude", -180, 180,
                                    &site->longitude_deg, err)) != ECA_OK)
            goto done;
        long ce = ecai_csv_find(c, "elevation_m");
        if (ce >= 0 && *ecai_csv_field(c, (size_t)ce, NULL) &&
            (st = ecai_col_num_in(c, ce, "elevation_m", -500, 9000,
                                    &site->elevation_m, err)) != ECA_OK)
            goto done;
        long cp = ecai_csv_find(c, "pressure_mbar");
        if (cp >= 0 && *ecai_csv_field(c, (size_t)cp, NULL) &&
            (st = ecai_col_num_in(c, cp, "pressure_mbar", 300, 1100,
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
