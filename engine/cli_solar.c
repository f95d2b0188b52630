/* cli_solar.c: `eca solar DIR`: rooftop PV scenarios of the whole-county
 * pilot. Parses options, calls the library through eca.h, writes the
 * output folder whole or not at all, prints a planning-memo summary. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "cli_solar.h"

static const char usage[] =
    "usage: eca solar DIR [--scenario policy|full|FILE] [--year Y]\n"
    "                 [--out OUTDIR] [--draws N] [--seed S] [--threads N]\n"
    "                 [--grid REGION | --grid-factor TCO2_PER_MWH]\n"
    "                 [--electricity equivalent|equal] [--equal-year-offset K]\n"
    "                 [--latitude DEG --longitude DEG] [--sky haydavies|isotropic]\n"
    "                 [--factors FILE]... [--factors-dir DIR] [--strict]\n"
    "\n"
    "Rooftop PV scenarios of the whole-county pilot. Reads DIR/rooftops.csv,\n"
    "DIR/weather.csv (hourly or monthly; without it the county defaults of\n"
    "solar.csv), DIR/site.csv, DIR/firms.csv and DIR/meters.csv; writes\n"
    "OUTDIR/solar_roofs.csv, solar_firms.csv, scenarios.csv, rejected.csv and\n"
    "summary.json (default OUTDIR: ./eca-solar-out).\n"
    "\n" CLI_OUTDIR_HELP
    "\n"
    "  --scenario S     policy (NEA 2021 minimum shares, default), full (all\n"
    "                   roof area) or a CSV category,share[,firm_id]; policy\n"
    "                   and full are always compared, S is detailed\n"
    "  --year Y         year of the firms' loads (default: latest with data)\n"
    "  --out OUTDIR     output folder (default ./eca-solar-out, apart from\n"
    "                   eca audit's ./eca-out); not DIR itself\n"
    "  --draws N        Monte Carlo draws for P50/P90 (default 0: none)\n"
    "  --seed S         random seed (default 1); same result for any --threads\n"
    "  --grid REGION    grid.csv region for tCO2 (default national)\n"
    "  --grid-factor X  tCO2/MWh as given\n"
    "  --latitude, --longitude  site (default site.csv, else Qingxu)\n"
    "  --sky MODEL      haydavies (default) or isotropic transposition\n"
    "\n"
    "exit status: 0 success; 1 internal or output error (also a folder in\n"
    "OUTDIR where an output file goes); 2 usage error; 3 input error\n"
    "(missing folder or file, unreadable file, missing column, bad weather\n"
    "or scenario file, bad factor table or no factor for the year, no\n"
    "usable meter row in the year, a rejected row under --strict). A failed\n"
    "run moves nothing into OUTDIR.\n";

static const char *const outs[] = {"solar_roofs.csv", "solar_firms.csv",
                                   "scenarios.csv", "rejected.csv",
                                   "summary.json"};

int cli_solar(int argc, char **argv)
{
    /* not audit's eca-out: both write summary.json and rejected.csv */
    const char *dir = NULL, *out = "eca-solar-out";
    char *fdir = NULL;
    const char **over = calloc((size_t)argc + 1, sizeof *over);
    size_t nover = 0;
    eca_solar_options o;
    eca_error err;
    eca_factors *f = NULL;
    eca_solar *s = NULL;
    cli_outdir od = {0};
    int rc = EXIT_INTERNAL, has_lat = 0, has_lon = 0;
    memset(&od, 0, sizeof od);
    eca_solar_options_init(&o);
    eca_error_clear(&err);
    if (!over)
        return EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        static const char *const takes[] = {
            "--scenario", "--year", "--out", "--draws", "--seed", "--threads",
            "--grid", "--grid-factor", "--electricity", "--equal-year-offset",
            "--latitude", "--longitude", "--sky", "--factors",
            "--factors-dir", NULL};
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double d;
        int t = 0;
        for (const char *const *k = takes; *k; k++)
            t |= !strcmp(a, *k);
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            rc = EXIT_OK;
            goto done;
        }
        if (!strcmp(a, "--strict")) {
            o.strict = 1;
            continue;
        }
        if (!t) {
            if (a[0] == '-' && a[1]) {
                rc = cli_usage_error("solar", "unknown option %s", a);
                goto done;
            }
            if (dir) {
                rc = cli_usage_error("solar", "unexpected argument \"%s\"", a);
                goto done;
            }
            dir = a;
            continue;
        }
        if (!v) {
            rc = cli_usage_error("solar", "%s needs a value", a);
            goto done;
        }
        i++;
        if (!strcmp(a, "--scenario"))
            o.scenario = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--grid"))
            o.grid_region = v;
        else if (!strcmp(a, "--factors"))
            over[nover++] = v;
        else if (!strcmp(a, "--factors-dir")) {
            free(fdir);
            fdir = strdup(v);
        } else if (!strcmp(a, "--electricity")) {
            if (strcmp(v, "equivalent") && strcmp(v, "equal")) {
                rc = cli_usage_error("solar", "--electricity: \"%s\" is not equivalent or "
                                 "equal", v);
                goto done;
            }
            o.basis = strcmp(v, "equal") ? ECA_BASIS_EQUIVALENT
                                         : ECA_BASIS_EQUAL;
        } else if (!strcmp(a, "--sky")) {
            if (strcmp(v, "haydavies") && strcmp(v, "isotropic")) {
                rc = cli_usage_error("solar", "--sky: \"%s\" is not haydavies or "
                                 "isotropic", v);
                goto done;
            }
            o.sky = strcmp(v, "isotropic") ? ECA_SKY_HAY_DAVIES
                                           : ECA_SKY_ISOTROPIC;
        } else {
            static const struct {
                const char *opt, *what;
                double lo, hi;
                int whole;
            } nums[] = {{"--year", "a year", 1900, 9999, 1},
                        {"--draws", "0..1000000", 0, 1e6, 1},
                        {"--seed", "0..4294967295", 0, 4294967295.0, 1},
                        {"--threads", "1..1024", 1, 1024, 1},
                        {"--grid-factor", "a factor in (0, 5]", 1e-9, 5, 0},
                        {"--equal-year-offset", "-50..50", -50, 50, 1},
                        {"--latitude", "-90..90", -90, 90, 0},
                        {"--longitude", "-180..180", -180, 180, 0}};
            size_t k = 0;
            while (strcmp(nums[k].opt, a))
                k++;
            if (cli_parse_num(v, nums[k].lo, nums[k].hi, &d) ||
                (nums[k].whole && d != floor(d))) {
                rc = cli_usage_error("solar", "%s: \"%s\" is not %s", a, v, nums[k].what);
                goto done;
            }
            switch (k) {
            case 0: o.year = (int)d; break;
            case 1: o.draws = (int)d; break;
            case 2: o.seed = (unsigned long)d; break;
            case 3: o.threads = (int)d; break;
            case 4: o.grid_tco2_per_mwh = d; break;
            case 5: o.equal_year_offset = (int)d; break;
            case 6: o.latitude_deg = d; has_lat = 1; break;
            default: o.longitude_deg = d; has_lon = 1; break;
            }
        }
    }
    if (!dir) {
        rc = cli_usage_error("solar", "%s", "solar needs a dataset folder DIR");
        goto done;
    }
    if (has_lat != has_lon) {
        rc = cli_usage_error("solar", "%s", "give --latitude and --longitude together");
        goto done;
    }
    if (o.grid_region && o.grid_tco2_per_mwh > 0) {
        rc = cli_usage_error("solar", "%s", "give --grid or --grid-factor, not both");
        goto done;
    }
    if (cli_out_check("solar", out, dir) != 0) {
        rc = EXIT_USAGE;
        goto done;
    }
    o.has_site = has_lat;
    if (!fdir && !(fdir = cli_factors_dir()))
        goto done;
    if (!(f = eca_factors_load(fdir, &err))) {
        fprintf(stderr, "eca: factors: %s\n", err.msg);
        rc = cli_status(&err);
        goto done;
    }
    for (size_t k = 0; k < nover; k++)
        if (eca_factors_override(f, over[k], &err) != ECA_OK) {
            fprintf(stderr, "eca: %s\n", err.msg);
            rc = cli_status(&err);
            goto done;
        }
    if ((rc = cli_check_grid("solar", f, o.grid_region)) >= 0)
        goto done;
    rc = EXIT_INTERNAL;
    if (cli_outdir_open(&od, out, outs, sizeof outs / sizeof outs[0]) != 0)
        goto done;
    o.on_reject = cli_on_reject;
    o.reject_user = &od;
    if (!(s = eca_solar_run(f, dir, &o, &err))) {
        fprintf(stderr, "eca: %s\n", err.msg);
        rc = cli_status(&err);
        goto done;
    }
    if (eca_solar_write(s, od.tmp, &err) != ECA_OK) {
        fprintf(stderr, "eca: %s\n", err.msg);
        goto done;
    }
    if (cli_outdir_commit(&od) != 0)
        goto done;
    cli_solar_memo(s, dir, out, &o);
    rc = EXIT_OK;
done:
    cli_outdir_discard(&od);
    eca_solar_free(s);
    eca_factors_free(f);
    free(fdir);
    free(over);
    return rc;
}
