/* cli.c: the eca command-line tool: dispatch to the commands, and the
 * argument helpers they share. It uses the library through eca.h only. */
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
#include <gsl/gsl_errno.h>
#include "cli.h"
#include "cli_solar.h"
#include "gen.h"

static const char usage_main[] =
    "usage: eca <command> [options]\n"
    "\n"
    "commands:\n"
    "  audit DIR   energy accounting of a dataset folder (firms.csv, meters.csv)\n"
    "  explain FIRM DIR  the full derivation of one firm's figures\n"
    "  solar DIR   rooftop PV scenarios of the whole-county pilot\n"
    "  gen OUTDIR  write a synthetic dataset (see eca gen --help)\n"
    "\n"
    "eca --version prints the version; eca <command> --help the command's "
    "options.\n";

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("eca: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see eca %s --help)\n", cmd);
    return EXIT_USAGE;
}

int cli_check_grid(const char *cmd, const eca_factors *f, const char *region)
{
    const char *r;
    char list[512] = "";
    size_t n = 0;
    if (!region)
        return -1;
    for (size_t i = 0; (r = eca_factors_grid_region(f, i)); i++) {
        if (!strcmp(r, region))
            return -1;
        if (n >= sizeof list - 6) /* cut, and said so */
            continue;
        int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", r);
        if (w >= 0 && (size_t)w < sizeof list - 6 - n)
            n += (size_t)w;
        else {
            strcpy(list + n, i ? ", ..." : "...");
            n = sizeof list;
        }
    }
    return cli_usage_error(cmd, "--grid: \"%s\" is not a region of grid.csv "
                                "(%s)", region, list);
}

int cli_parse_pos(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0) || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int cli_parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo) || !(v <= hi))
        return -1;
    *out = v;
    return 0;
}

int cli_parse_int(const char *s, long lo, long hi, long *out)
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
int cli_status(const eca_error *err)
{
    return err->status == ECA_ENOMEM ? EXIT_INTERNAL
           : err->status == ECA_EARG ? EXIT_USAGE
                                     : EXIT_INPUT;
}

char *cli_factors_dir(void)
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
            /* the folder without "bin/..": summary.json names it */
            char *canon = realpath(p, NULL);
            return canon ? canon : strdup(p);
        }
    }
    return strdup("factors");
}

int main(int argc, char **argv)
{
    /* GSL statuses are checked where they arise; no abort */
    gsl_set_error_handler_off();
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
        return cli_audit(argc - 1, argv + 1);
    if (!strcmp(argv[1], "explain"))
        return cli_explain(argc - 1, argv + 1);
    if (!strcmp(argv[1], "gen"))
        return gen_main(argc - 1, argv + 1);
    if (!strcmp(argv[1], "solar"))
        return cli_solar(argc - 1, argv + 1);
    fprintf(stderr, "eca: unknown command \"%s\"\n%s", argv[1], usage_main);
    return EXIT_USAGE;
}
