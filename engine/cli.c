/* cli.c: the eca command-line tool. It parses arguments, calls the library
 * through eca.h only, prints, and commits the output folder whole. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "eca.h"
#include "gen.h"

enum { EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

static const char usage_main[] =
    "usage: eca <command> [options]\n"
    "\n"
    "commands:\n"
    "  audit DIR   energy accounting of a dataset folder (firms.csv, meters.csv)\n"
    "  gen OUTDIR  write a synthetic dataset (see eca gen --help)\n"
    "\n"
    "eca --version prints the version; eca <command> --help the command's "
    "options.\n";

static const char usage_audit[] =
    "usage: eca audit DIR [--year Y] [--out OUTDIR] [--factors FILE]...\n"
    "                 [--threads N] [--electricity equivalent|equal]\n"
    "                 [--grid REGION | --grid-factor TCO2_PER_MWH]\n"
    "                 [--firm-factors FILE]... [--gwp N]\n"
    "                 [--equal-year-offset K] [--factors-dir DIR] [--strict]\n"
    "\n"
    "Reads DIR/firms.csv and DIR/meters.csv (and DIR/firm_factors.csv when\n"
    "present) and writes OUTDIR/firms.csv, flags.csv, breakdown.csv,\n"
    "rejected.csv and summary.json (default OUTDIR: ./eca-out).\n"
    "\n"
    "  --year Y               reporting year (default: latest year with data)\n"
    "  --out OUTDIR           output folder, replaced file by file on success\n"
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
    "exit status: 0 success; 1 internal or output error; 2 usage error;\n"
    "3 input error (missing or unreadable file, missing column, bad factor\n"
    "table, a rejected row under --strict). No output is left on failure.\n";

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("eca: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(see eca audit --help)\n", stderr);
    return EXIT_USAGE;
}

static int parse_pos(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0) || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* factors/ beside the program: <bin>/../factors (build tree) or
 * <bin>/../share/eca/factors (installed). */
static char *default_factors_dir(void)
{
    const char *env = getenv("ECA_FACTORS_DIR");
    if (env && *env)
        return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 64);
    if (n <= 0)
        return strdup("factors");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    static const char *const tries[] = {"/../factors", "/../share/eca/factors"};
    for (int i = 0; i < 2; i++) {
        char p[PATH_MAX + 64];
        struct stat st;
        snprintf(p, sizeof p, "%s%s/carriers.csv", exe, tries[i]);
        if (stat(p, &st) == 0) {
            p[strlen(p) - strlen("/carriers.csv")] = '\0';
            return strdup(p);
        }
    }
    return strdup("factors");
}

/* ---- the output folder: written aside, then moved in ---- */
typedef struct {
    char *final, *tmp;
    FILE *rejected;
    int write_failed;
} outdir;

static const char *const out_files[] = {"firms.csv", "flags.csv",
                                        "breakdown.csv", "rejected.csv",
                                        "summary.json"};
#define N_OUT (sizeof out_files / sizeof out_files[0])

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

static int outdir_open(outdir *d, const char *final)
{
    char *copy = strdup(final), *slash;
    memset(d, 0, sizeof *d);
    if (!copy)
        return -1;
    while ((slash = strrchr(copy, '/')) && slash[1] == '\0' && slash != copy)
        *slash = '\0';
    d->final = strdup(copy);
    slash = strrchr(copy, '/');
    const char *parent = slash ? (slash == copy ? "/" : copy) : ".";
    if (slash && slash != copy)
        *slash = '\0';
    d->tmp = join(parent, ".eca-out.XXXXXX");
    free(copy);
    if (!d->final || !d->tmp || !mkdtemp(d->tmp)) {
        fprintf(stderr, "eca: cannot create a folder beside %s: %s\n", final,
                strerror(errno));
        return -1;
    }
    char *rp = join(d->tmp, "rejected.csv");
    d->rejected = rp ? fopen(rp, "wb") : NULL;
    free(rp);
    if (!d->rejected || eca_reject_write_header(d->rejected) != 0)
        return -1;
    return 0;
}

static void outdir_discard(outdir *d)
{
    if (d->rejected)
        fclose(d->rejected);
    d->rejected = NULL;
    if (d->tmp) {
        for (size_t i = 0; i < N_OUT; i++) {
            char *p = join(d->tmp, out_files[i]);
            if (p)
                unlink(p);
            free(p);
        }
        rmdir(d->tmp);
    }
    free(d->tmp);
    free(d->final);
    memset(d, 0, sizeof *d);
}

static int outdir_commit(outdir *d)
{
    int bad = ferror(d->rejected) | d->write_failed;
    bad |= fclose(d->rejected) != 0;
    d->rejected = NULL;
    if (bad) {
        fprintf(stderr, "eca: rejected.csv: write error\n");
        return -1;
    }
    if (mkdir(d->final, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "eca: %s: %s\n", d->final, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < N_OUT; i++) {
        char *from = join(d->tmp, out_files[i]), *to = join(d->final,
                                                            out_files[i]);
        int r = from && to ? rename(from, to) : -1;
        if (r != 0)
            fprintf(stderr, "eca: cannot move %s into %s: %s\n", out_files[i],
                    d->final, strerror(errno));
        free(from);
        free(to);
        if (r != 0)
            return -1;
    }
    rmdir(d->tmp);
    return 0;
}

static void on_reject(const eca_reject *r, void *user)
{
    outdir *d = user;
    if (eca_reject_write(d->rejected, r) != 0)
        d->write_failed = 1;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void on_progress(uint64_t done, uint64_t total, void *user)
{
    double *last = user;
    double t = now_s();
    if (t - *last < 0.25 || total == 0)
        return;
    *last = t;
    fprintf(stderr, "\r  reading meters.csv: %5.1f %% (%.0f of %.0f MB)",
            100.0 * (double)done / (double)total, (double)done / 1e6,
            (double)total / 1e6);
}

/* Prints text on one line: control characters become spaces. */
static void put_plain(const char *s, int width)
{
    int n = 0;
    for (; *s && n < width * 3; s++, n++)
        putchar((unsigned char)*s < 0x20 ? ' ' : *s);
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
    printf("          comprehensive energy   %14.1f tce\n", energy);
    printf("          of which feedstock     %14.1f tce\n", feed);
    printf("          of which renewable     %14.1f tce\n", ren);
    printf("          under control          %14.1f tce\n", ctrl);
    printf("key firms %zu firms at or above the key-firm line: %.1f tce, "
           "%.1f %% of the county\n",
           nkey, key, energy != 0 ? 100 * key / energy : 0.0);
    const char *region, *source;
    int gyear;
    double grid = eca_audit_grid(a, &region, &gyear, &source);
    printf("\ncarbon    CO2 of all firms                %14.1f t\n", co2[3]);
    printf("          fuel combustion                %14.1f t\n", co2[0]);
    printf("          process (carbon balance)       %14.1f t\n", co2[1]);
    printf("          net purchased power and heat   %14.1f t  (grid %.4f "
           "tCO2/MWh, %s%s%.0d)\n",
           co2[2], grid, *region ? region : "given", gyear ? " " : "", gyear);
    printf("          key firms                      %14.1f t, %.1f %% of "
           "the county\n",
           key_co2, co2[3] != 0 ? 100 * key_co2 / co2[3] : 0.0);
    if (cmm_ch4 > 0)
        printf("methane   coal mine methane burnt: %.1f t CH4, %.1f t CO2e "
               "avoided (reported apart)\n", cmm_ch4, cmm_avoided);
    if (ncoke) {
        printf("\ncoking    %zu plants, %.0f t coke; coke unit energy "
               "(kgce/t):\n", ncoke, coke);
        for (size_t i = 0; i < n; i++) {
            const eca_firm_result *r = eca_audit_firm(a, i);
            if (!(r->coke_t > 0))
                continue;
            printf("          %-10s %8.2f kgce/t %6.3f tCO2/t  %-6s ",
                   r->firm_id, r->coke_kgce_per_t, r->co2_t_per_t_coke,
                   r->coke_oven[0] ? r->coke_oven : "-");
            put_plain(r->name, 30);
            putchar('\n');
        }
    }
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
        printf("\nlargest   energy_tce   controlled   key  firm\n");
        for (size_t k = 0; k < nt; k++) {
            const eca_firm_result *r = eca_audit_firm(a, top[k]);
            printf("          %10.1f   %10.1f   %-3s  %s ", r->energy_tce,
                   r->controlled_tce, r->key_firm ? "yes" : "no",
                   r->firm_id);
            put_plain(r->name, 30);
            putchar('\n');
        }
    }
    printf("\noutput    %s/firms.csv, flags.csv, breakdown.csv, rejected.csv, "
           "summary.json\n", out);
}

static int cmd_audit(int argc, char **argv)
{
    const char *dir = NULL, *out = "eca-out";
    char *fdir = NULL;
    const char **overrides = calloc((size_t)argc, sizeof *overrides);
    const char **firm_files = calloc((size_t)argc, sizeof *firm_files);
    size_t nover = 0, nfirm_files = 0;
    eca_audit_options o;
    eca_error err;
    eca_factors *f = NULL;
    eca_audit *a = NULL;
    outdir od = {0};
    double last = 0;
    int rc = EXIT_INTERNAL;

    eca_audit_options_init(&o);
    eca_error_clear(&err);
    if (!overrides || !firm_files) {
        free(overrides);
        free(firm_files);
        return EXIT_INTERNAL;
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        long v;
        int takes = !strcmp(arg, "--year") || !strcmp(arg, "--out") ||
                    !strcmp(arg, "--factors") || !strcmp(arg, "--threads") ||
                    !strcmp(arg, "--electricity") ||
                    !strcmp(arg, "--equal-year-offset") ||
                    !strcmp(arg, "--factors-dir") || !strcmp(arg, "--grid") ||
                    !strcmp(arg, "--grid-factor") ||
                    !strcmp(arg, "--firm-factors") || !strcmp(arg, "--gwp");
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(usage_audit, stdout);
            rc = EXIT_OK;
            goto done;
        }
        if (takes && !val) {
            rc = usage_error("%s needs a value", arg);
            goto done;
        }
        if (!strcmp(arg, "--year")) {
            if (parse_int(val, 1900, 9999, &v)) {
                rc = usage_error("--year: \"%s\" is not a year", val);
                goto done;
            }
            o.year = (int)v;
        } else if (!strcmp(arg, "--out")) {
            out = val;
        } else if (!strcmp(arg, "--factors")) {
            overrides[nover++] = val;
        } else if (!strcmp(arg, "--factors-dir")) {
            free(fdir);
            fdir = strdup(val);
        } else if (!strcmp(arg, "--threads")) {
            if (parse_int(val, 1, 1024, &v)) {
                rc = usage_error("--threads: \"%s\" is not 1..1024", val);
                goto done;
            }
            o.threads = (int)v;
        } else if (!strcmp(arg, "--electricity")) {
            if (!strcmp(val, "equivalent"))
                o.basis = ECA_BASIS_EQUIVALENT;
            else if (!strcmp(val, "equal"))
                o.basis = ECA_BASIS_EQUAL;
            else {
                rc = usage_error("--electricity: \"%s\" is not equivalent or "
                                 "equal", val);
                goto done;
            }
        } else if (!strcmp(arg, "--equal-year-offset")) {
            if (parse_int(val, -50, 50, &v)) {
                rc = usage_error("--equal-year-offset: \"%s\" is not -50..50",
                                 val);
                goto done;
            }
            o.equal_year_offset = (int)v;
        } else if (!strcmp(arg, "--grid")) {
            o.grid_region = val;
        } else if (!strcmp(arg, "--grid-factor") || !strcmp(arg, "--gwp")) {
            double x;
            if (parse_pos(val, &x)) {
                rc = usage_error("%s: \"%s\" is not a positive number", arg,
                                 val);
                goto done;
            }
            if (!strcmp(arg, "--gwp"))
                o.gwp_ch4 = x;
            else
                o.grid_tco2_per_mwh = x;
        } else if (!strcmp(arg, "--firm-factors")) {
            firm_files[nfirm_files++] = val;
        } else if (!strcmp(arg, "--strict")) {
            o.strict = 1;
            continue;
        } else if (arg[0] == '-' && arg[1]) {
            rc = usage_error("unknown option %s", arg);
            goto done;
        } else if (!dir) {
            dir = arg;
            continue;
        } else {
            rc = usage_error("unexpected argument \"%s\"", arg);
            goto done;
        }
        i++;
    }
    if (!dir) {
        rc = usage_error("%s", "audit needs a dataset folder DIR");
        goto done;
    }
    if (o.grid_region && o.grid_tco2_per_mwh > 0) {
        rc = usage_error("%s", "give --grid or --grid-factor, not both");
        goto done;
    }
    o.firm_factor_files = firm_files;
    o.firm_factor_count = nfirm_files;
    if (!fdir && !(fdir = default_factors_dir()))
        goto done;
    if (!(f = eca_factors_load(fdir, &err))) {
        fprintf(stderr, "eca: factors: %s\n", err.msg);
        rc = err.status == ECA_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        goto done;
    }
    for (size_t k = 0; k < nover; k++)
        if (eca_factors_override(f, overrides[k], &err) != ECA_OK) {
            fprintf(stderr, "eca: %s\n", err.msg);
            rc = err.status == ECA_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
            goto done;
        }
    if (outdir_open(&od, out) != 0)
        goto done;
    o.on_reject = on_reject;
    o.reject_user = &od;
    if (isatty(STDERR_FILENO)) {
        o.on_progress = on_progress;
        o.progress_user = &last;
        last = now_s();
    }
    a = eca_audit_run(f, dir, &o, &err);
    if (o.on_progress && last > 0)
        fputs("\r\033[K", stderr);
    if (!a) {
        fprintf(stderr, "eca: %s\n", err.msg);
        rc = err.status == ECA_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        goto done;
    }
    if (eca_audit_write(a, f, &o, od.tmp, &err) != ECA_OK) {
        fprintf(stderr, "eca: %s\n", err.msg);
        goto done;
    }
    if (outdir_commit(&od) != 0)
        goto done;
    print_summary(a, dir, out, &o);
    rc = EXIT_OK;
done:
    outdir_discard(&od);
    eca_audit_free(a);
    eca_factors_free(f);
    free(fdir);
    free(overrides);
    free(firm_files);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_main, stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("eca %s\n", ECA_VERSION);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "audit"))
        return cmd_audit(argc - 1, argv + 1);
    if (!strcmp(argv[1], "gen"))
        return gen_main(argc - 1, argv + 1);
    fprintf(stderr, "eca: unknown command \"%s\"\n%s", argv[1], usage_main);
    return EXIT_USAGE;
}
