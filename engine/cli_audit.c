/* cli_audit.c: the commands `eca audit` (files and a readable summary) and
 * `eca explain` (one firm's derivation), through eca.h only. */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static const char *const out_files[] = {"firms.csv", "flags.csv",
                                        "breakdown.csv", "series.csv",
                                        "rejected.csv", "summary.json"};

static const char usage_audit[] =
    "usage: eca audit DIR [--year Y] [--out OUTDIR] [--factors FILE]...\n"
    "                 [--threads N] [--electricity equivalent|equal]\n"
    "                 [--grid REGION | --grid-factor TCO2_PER_MWH]\n"
    "                 [--firm-factors FILE]... [--gwp N]\n"
    "                 [--equal-year-offset K] [--factors-dir DIR] [--strict]\n"
    "\n"
    "Reads DIR/firms.csv and DIR/meters.csv (and DIR/firm_factors.csv when\n"
    "present) and writes OUTDIR/firms.csv, flags.csv, breakdown.csv,\n"
    "series.csv, rejected.csv and summary.json (default OUTDIR: ./eca-out).\n"
    "\n" CLI_OUTDIR_HELP
    "\n"
    "  --year Y               reporting year (default: latest year with data)\n"
    "  --out OUTDIR           output folder; not DIR itself (its files would\n"
    "                         be replaced)\n"
    "  --factors FILE         carrier override table; repeatable, later wins\n"
    "  --factors-dir DIR      shipped tables (default: the factors/ folder\n"
    "                         beside the program, or $ECA_FACTORS_DIR)\n"
    "  --threads N            worker threads (results do not depend on N)\n"
    "  --electricity BASIS    equivalent (0.1229 kgce/kWh, default) or equal\n"
    "                         (coal use per kWh supplied, electricity.csv)\n"
    "  --equal-year-offset K  take the equal value of year Y+K (e.g. -1 for\n"
    "                         the previous year's published figure; default 0)\n"
    "  --grid REGION          grid for indirect CO2 (grid.csv: national,\n"
    "                         north_china, shanxi, ...; default national), the\n"
    "                         reporting year's factor or the latest before it\n"
    "  --grid-factor X        grid factor in tCO2/MWh, instead of --grid\n"
    "  --firm-factors FILE    firm_id,carrier,... rows: a firm's measured\n"
    "                         factors, for that firm only; repeatable\n"
    "  --gwp N                global warming potential of methane for the\n"
    "                         avoided coal mine methane (default 21 as in the\n"
    "                         NDRC guidelines; 28 for IPCC AR5)\n"
    "  --strict               any rejected row is an input error\n"
    "\n"
    "exit status: 0 success; 1 internal or output error (also a folder in\n"
    "OUTDIR where an output file goes); 2 usage error; 3 input error\n"
    "(missing folder or file, unreadable file, missing column, bad factor\n"
    "table or no factor for the year, no usable meter row in the year, a\n"
    "rejected row under --strict). A failed run moves nothing into OUTDIR.\n";

static const char *const severities[4] = {"violation", "borderline",
                                          "warning", "info"};

/* The findings listed one to a line on stdout, at most this many. */
enum { FINDING_LINES = 20 };

/* Lists the violations, then the borderline findings, then the warnings,
 * each in firm order, up to FINDING_LINES lines, and says how many of the
 * `listed` findings of those severities are left to flags.csv. A
 * borderline value may lie below its line, the span of the value over the
 * coefficient ranges (the detail) crossing it. */
static void print_findings(const eca_audit *a, size_t listed)
{
    size_t n = eca_audit_firm_count(a), shown = 0;
    eca_flag fl[ECA_FLAGS_MAX];
    for (int s = 0; s < 3 && shown < FINDING_LINES; s++)
        for (size_t i = 0; i < n && shown < FINDING_LINES; i++) {
            size_t nf = eca_audit_flags(a, i, fl);
            for (size_t k = 0; k < nf && shown < FINDING_LINES; k++) {
                const eca_flag *x = &fl[k];
                if (strcmp(x->severity, severities[s]))
                    continue;
                printf("          %-10s %-10s %-24s %10.2f %s %.2f",
                       eca_audit_firm(a, i)->firm_id, x->severity, x->rule,
                       x->value,
                       x->value > x->threshold   ? ">"
                       : x->value < x->threshold ? "<"
                                                 : "=",
                       x->threshold);
                if (x->detail[0]) { /* a meter id may hold a newline */
                    fputs("  (", stdout);
                    cli_put_plain(x->detail, sizeof x->detail);
                    putchar(')');
                }
                putchar('\n');
                shown++;
            }
        }
    if (listed > shown)
        printf("          ... and %zu more in flags.csv\n", listed - shown);
}

static void print_summary(const eca_audit *a, const char *dir,
                          const char *out, const eca_audit_options *o)
{
    size_t n = eca_audit_firm_count(a), nkey = 0, ncoke = 0;
    double energy = 0, feed = 0, ren = 0, ctrl = 0, key = 0, coke = 0;
    double co2[4] = {0}, key_co2 = 0, cmm_ch4 = 0, cmm_avoided = 0;
    eca_row_counts fr = eca_audit_rows(a, "firms.csv");
    eca_row_counts mr = eca_audit_rows(a, "meters.csv");

    for (size_t i = 0; i < n; i++) {
        const eca_firm_result *r = eca_audit_firm(a, i);
        energy += r->energy_tce;
        feed += r->feedstock_tce;
        ren += r->renewable_tce;
        ctrl += r->controlled_tce;
        coke += r->coke_t;
        ncoke += r->coke_t > 0;
        co2[0] += r->co2_combustion_t;
        co2[1] += r->co2_process_t;
        co2[2] += r->co2_indirect_t;
        co2[3] += r->co2_t;
        cmm_ch4 += r->cmm_ch4_t;
        cmm_avoided += r->cmm_avoided_tco2e;
        if (r->key_firm) {
            nkey++;
            key += r->energy_tce;
            key_co2 += r->co2_t;
        }
    }
    printf("eca %s audit of %s, reporting year %d, electricity at %s "
           "value\n\n",
           ECA_VERSION, dir, eca_audit_year(a),
           o->basis == ECA_BASIS_EQUAL ? "equal (等价值)"
                                       : "equivalent (当量值)");
    printf("rows      firms.csv   %8llu read = %llu used + %llu rejected\n",
           (unsigned long long)fr.read, (unsigned long long)fr.used,
           (unsigned long long)fr.rejected);
    printf("          meters.csv  %8llu read = %llu used + %llu outside %d "
           "+ %llu rejected\n",
           (unsigned long long)mr.read, (unsigned long long)mr.used,
           (unsigned long long)mr.outside_year, eca_audit_year(a),
           (unsigned long long)mr.rejected);
    printf("\ncounty    %zu firms\n", n);
    char b[2][40];
    printf("          comprehensive energy   %16s tce\n",
           cli_thousands(b[0], 40, energy, 1));
    printf("          of which feedstock     %16s tce\n",
           cli_thousands(b[0], 40, feed, 1));
    printf("          of which renewable     %16s tce\n",
           cli_thousands(b[0], 40, ren, 1));
    printf("          under control          %16s tce\n",
           cli_thousands(b[0], 40, ctrl, 1));
    printf("key firms %zu firms at or above the key-firm line: %s tce, "
           "%.1f %% of the county\n",
           nkey, cli_thousands(b[0], 40, key, 1),
           energy != 0 ? 100 * key / energy : 0.0);
    const char *region, *source;
    int gyear;
    double grid = eca_audit_grid(a, &region, &gyear, &source);
    printf("\ncarbon    CO2 of all firms                %16s t\n",
           cli_thousands(b[0], 40, co2[3], 1));
    printf("          fuel combustion                %16s t\n",
           cli_thousands(b[0], 40, co2[0], 1));
    printf("          process (carbon balance)       %16s t\n",
           cli_thousands(b[0], 40, co2[1], 1));
    printf("          net purchased power and heat   %16s t  (grid %.4f "
           "tCO2/MWh, %s%s%.0d)\n",
           cli_thousands(b[0], 40, co2[2], 1), grid,
           *region ? region : "given", gyear ? " " : "", gyear);
    printf("          key firms                      %16s t, %.1f %% of "
           "the county\n",
           cli_thousands(b[0], 40, key_co2, 1),
           co2[3] != 0 ? 100 * key_co2 / co2[3] : 0.0);
    if (cmm_ch4 > 0)
        printf("methane   coal mine methane burnt: %s t CH4, %s t CO2e "
               "avoided (reported apart)\n",
               cli_thousands(b[0], 40, cmm_ch4, 1),
               cli_thousands(b[1], 40, cmm_avoided, 1));
    if (ncoke) {
        printf("\ncoking    %zu plants, %s t coke; coke unit energy, CO2 per "
               "t, oven, grade met (GB: GB 21342-2025, GB*: GB 29995-2024 "
               "semi-coke; 0 = above grade 3):\n", ncoke,
               cli_thousands(b[0], 40, coke, 0));
        for (size_t i = 0; i < n; i++) {
            const eca_firm_result *r = eca_audit_firm(a, i);
            if (!(r->coke_t > 0))
                continue;
            char grade[48] = "-";
            if (r->coke_grade >= 0)
                snprintf(grade, sizeof grade, "GB %d", r->coke_grade);
            else if (r->semi_coke_grade >= 0)
                snprintf(grade, sizeof grade, "GB* %d", r->semi_coke_grade);
            if (grade[0] != '-' && eca_audit_coke_implausible(a, i))
                strcat(grade, " (implausible: see flags.csv)");
            printf("          %-10s %8.2f kgce/t %6.3f tCO2/t  %-9s %-6s ",
                   r->firm_id, r->coke_kgce_per_t, r->co2_t_per_t_coke,
                   r->coke_oven[0] ? r->coke_oven : "-", grade);
            cli_put_plain(r->name, 90);
            putchar('\n');
        }
    }
    size_t nser = 0, nser_bad = 0, incomplete = 0;
    for (size_t i = 0; i < n; i++) {
        const eca_firm_result *r = eca_audit_firm(a, i);
        nser += r->series;
        nser_bad += r->series_flagged;
        incomplete += r->completeness < 0.9;
    }
    printf("\nmeters    %zu series, %zu with findings; %zu firms with under "
           "90 %% of the year's readings (series.csv)\n",
           nser, nser_bad, incomplete);
    /* findings: counted by severity, the serious ones listed */
    size_t nsev[4] = {0};
    eca_flag fl[ECA_FLAGS_MAX];
    for (size_t i = 0; i < n; i++) {
        size_t nf = eca_audit_flags(a, i, fl);
        for (size_t k = 0; k < nf; k++)
            for (int s = 0; s < 4; s++)
                nsev[s] += !strcmp(fl[k].severity, severities[s]);
    }
    printf("\nfindings  %zu violations, %zu borderline, %zu warnings, %zu "
           "info (flags.csv)\n", nsev[0], nsev[1], nsev[2], nsev[3]);
    print_findings(a, nsev[0] + nsev[1] + nsev[2]);
    /* the five largest firms */
    size_t top[5];
    size_t nt = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = nt < 5 ? nt++ : 5;
        const double e = eca_audit_firm(a, i)->energy_tce;
        while (j > 0 && eca_audit_firm(a, top[j - 1])->energy_tce < e) {
            if (j < 5)
                top[j] = top[j - 1];
            j--;
        }
        if (j < 5)
            top[j] = i;
    }
    if (nt) {
        printf("\nlargest     energy_tce   controlled   key  firm\n");
        for (size_t k = 0; k < nt; k++) {
            const eca_firm_result *r = eca_audit_firm(a, top[k]);
            printf("          %12s %12s   %-3s  %s ",
                   cli_thousands(b[0], 40, r->energy_tce, 1),
                   cli_thousands(b[1], 40, r->controlled_tce, 1),
                   r->key_firm ? "yes" : "no", r->firm_id);
            cli_put_plain(r->name, 90);
            putchar('\n');
        }
    }
    printf("\noutput    %s/firms.csv, flags.csv, breakdown.csv, series.csv, "
           "rejected.csv, summary.json\n", out);
}

/* The options shared by audit and explain. */
typedef struct {
    const char *cmd, *usage;
    const char *pos[2]; /* DIR, or FIRM and DIR */
    size_t npos, want;
    const char *out;
    char *fdir;
    const char **overrides, **firm_files;
    size_t nover, nfirm_files;
    eca_audit_options o;
} args;

static int takes_value(const char *arg)
{
    static const char *const names[] = {
        "--year", "--out", "--factors", "--threads", "--electricity",
        "--equal-year-offset", "--factors-dir", "--grid", "--grid-factor",
        "--firm-factors", "--gwp", NULL};
    for (const char *const *n = names; *n; n++)
        if (!strcmp(arg, *n))
            return 1;
    return 0;
}

/* One option with its value; -1 when taken, else an exit status. */
static int option(args *x, const char *arg, const char *val)
{
    long v;
    double d;
    if (!strcmp(arg, "--year")) {
        if (cli_parse_int(val, 1900, 9999, &v))
            return cli_usage_error(x->cmd, "--year: \"%s\" is not a year", val);
        x->o.year = (int)v;
    } else if (!strcmp(arg, "--out")) {
        x->out = val;
    } else if (!strcmp(arg, "--factors")) {
        x->overrides[x->nover++] = val;
    } else if (!strcmp(arg, "--factors-dir")) {
        free(x->fdir);
        if (!(x->fdir = strdup(val)))
            return EXIT_INTERNAL;
    } else if (!strcmp(arg, "--threads")) {
        if (cli_parse_int(val, 1, 1024, &v))
            return cli_usage_error(x->cmd, "--threads: \"%s\" is not 1..1024",
                                   val);
        x->o.threads = (int)v;
    } else if (!strcmp(arg, "--electricity")) {
        if (!strcmp(val, "equivalent"))
            x->o.basis = ECA_BASIS_EQUIVALENT;
        else if (!strcmp(val, "equal"))
            x->o.basis = ECA_BASIS_EQUAL;
        else
            return cli_usage_error(x->cmd, "--electricity: \"%s\" is not "
                                           "equivalent or equal", val);
    } else if (!strcmp(arg, "--equal-year-offset")) {
        if (cli_parse_int(val, -50, 50, &v))
            return cli_usage_error(x->cmd, "--equal-year-offset: \"%s\" is "
                                           "not -50..50", val);
        x->o.equal_year_offset = (int)v;
    } else if (!strcmp(arg, "--grid")) {
        x->o.grid_region = val;
    } else if (!strcmp(arg, "--grid-factor") || !strcmp(arg, "--gwp")) {
        if (cli_parse_pos(val, &d))
            return cli_usage_error(x->cmd, "%s: \"%s\" is not a positive "
                                           "number", arg, val);
        if (!strcmp(arg, "--gwp"))
            x->o.gwp_ch4 = d;
        else
            x->o.grid_tco2_per_mwh = d;
    } else if (!strcmp(arg, "--firm-factors")) {
        x->firm_files[x->nfirm_files++] = val;
    }
    return -1;
}

/* Parses argv; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, args *x)
{
    eca_audit_options_init(&x->o);
    x->overrides = calloc((size_t)argc, sizeof *x->overrides);
    x->firm_files = calloc((size_t)argc, sizeof *x->firm_files);
    if (!x->overrides || !x->firm_files)
        return EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc;
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(x->usage, stdout);
            return EXIT_OK;
        }
        if (!strcmp(arg, "--strict")) {
            x->o.strict = 1;
        } else if (takes_value(arg)) {
            if (i + 1 >= argc)
                return cli_usage_error(x->cmd, "%s needs a value", arg);
            if ((rc = option(x, arg, argv[++i])) >= 0)
                return rc;
        } else if (arg[0] == '-' && arg[1]) {
            return cli_usage_error(x->cmd, "unknown option %s", arg);
        } else if (x->npos < x->want) {
            x->pos[x->npos++] = arg;
        } else {
            return cli_usage_error(x->cmd, "unexpected argument \"%s\"", arg);
        }
    }
    if (x->npos < x->want)
        return cli_usage_error(x->cmd, "%s", x->want == 1
                                                 ? "audit needs a dataset "
                                                   "folder DIR"
                                                 : "explain needs FIRM and "
                                                   "DIR");
    if (x->o.grid_region && x->o.grid_tco2_per_mwh > 0)
        return cli_usage_error(x->cmd, "%s",
                               "give --grid or --grid-factor, not both");
    x->o.firm_factor_files = x->firm_files;
    x->o.firm_factor_count = x->nfirm_files;
    return -1;
}

static void args_free(args *x)
{
    free(x->fdir);
    free(x->overrides);
    free(x->firm_files);
}

/* The shipped tables and the override files; NULL with a message. */
static eca_factors *load_factors(args *x, int *rc)
{
    eca_error err;
    eca_factors *f;
    eca_error_clear(&err);
    *rc = EXIT_INTERNAL;
    if (!x->fdir && !(x->fdir = cli_factors_dir()))
        return NULL;
    if (!(f = eca_factors_load(x->fdir, &err))) {
        fprintf(stderr, "eca: factors: %s\n", err.msg);
        *rc = cli_status(&err);
        return NULL;
    }
    for (size_t k = 0; k < x->nover; k++)
        if (eca_factors_override(f, x->overrides[k], &err) != ECA_OK) {
            fprintf(stderr, "eca: %s\n", err.msg);
            *rc = cli_status(&err);
            eca_factors_free(f);
            return NULL;
        }
    if ((*rc = cli_check_grid(x->cmd, f, x->o.grid_region)) >= 0) {
        eca_factors_free(f);
        return NULL;
    }
    return f;
}

int cli_audit(int argc, char **argv)
{
    args x = {.cmd = "audit", .usage = usage_audit, .want = 1,
              .out = "eca-out"};
    eca_error err;
    eca_factors *f = NULL;
    eca_audit *a = NULL;
    cli_outdir od = {0};
    double last = 0;
    int rc = parse(argc, argv, &x);

    eca_error_clear(&err);
    if (rc < 0 && cli_out_check(x.cmd, x.out, x.pos[0]) != 0)
        rc = EXIT_USAGE;
    if (rc >= 0 || !(f = load_factors(&x, &rc)))
        goto done;
    rc = EXIT_INTERNAL;
    if (cli_outdir_open(&od, x.out, out_files,
                        sizeof out_files / sizeof out_files[0]) != 0)
        goto done;
    x.o.on_reject = cli_on_reject;
    x.o.reject_user = &od;
    if (isatty(STDERR_FILENO)) {
        x.o.on_progress = cli_on_progress;
        x.o.progress_user = &last;
        last = cli_now();
    }
    a = eca_audit_run(f, x.pos[0], &x.o, &err);
    if (x.o.on_progress && last > 0)
        fputs("\r\033[K", stderr);
    if (!a) {
        fprintf(stderr, "eca: %s\n", err.msg);
        rc = cli_status(&err);
        goto done;
    }
    if (eca_audit_write(a, f, &x.o, od.tmp, &err) != ECA_OK) {
        fprintf(stderr, "eca: %s\n", err.msg);
        goto done;
    }
    if (cli_outdir_commit(&od) != 0)
        goto done;
    print_summary(a, x.pos[0], x.out, &x.o);
    rc = EXIT_OK;
done:
    cli_outdir_discard(&od);
    eca_audit_free(a);
    eca_factors_free(f);
    args_free(&x);
    return rc;
}

static const char usage_explain[] =
    "usage: eca explain FIRM DIR [the options of eca audit]\n"
    "\n"
    "Prints the full derivation of one firm's figures for the reporting\n"
    "year: every sum by carrier and flow with its factor and source, the\n"
    "energy balance, the coke boundary and the limits of its product's\n"
    "standard (GB 21342-2025 corrected term by term, GB 29995-2024 for\n"
    "semi-coke), the CO2 by source, and every finding. Writes no files.\n"
    "Exit status as for eca audit; 3 when FIRM is not in firms.csv.\n";

int cli_explain(int argc, char **argv)
{
    args x = {.cmd = "explain", .usage = usage_explain, .want = 2};
    eca_error err;
    eca_factors *f = NULL;
    eca_audit *a = NULL;
    int rc = parse(argc, argv, &x);

    eca_error_clear(&err);
    if (rc >= 0 || !(f = load_factors(&x, &rc)))
        goto done;
    if (!(a = eca_audit_run(f, x.pos[1], &x.o, &err))) {
        fprintf(stderr, "eca: %s\n", err.msg);
        rc = cli_status(&err);
        goto done;
    }
    eca_status st = eca_audit_explain(a, x.pos[0], stdout);
    if (st == ECA_EARG) {
        fprintf(stderr, "eca: firm \"%s\" is not in %s/firms.csv\n", x.pos[0],
                x.pos[1]);
        rc = EXIT_INPUT;
        goto done;
    }
    rc = st == ECA_OK && fflush(stdout) == 0 ? EXIT_OK : EXIT_INTERNAL;
done:
    eca_audit_free(a);
    eca_factors_free(f);
    args_free(&x);
    return rc;
}
