/* gen.c: `eca gen`, a deterministic generator of dataset folders: its
 * command line, and the two files written whole or not at all. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "gen.h"
#include "gen_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- files ------------------------------------------------------------- */

/* mkdir -p. */
static int make_dirs(const char *path)
{
    struct stat st;
    char *p = strdup(path);
    int rc = 0;
    if (p == NULL)
        return -1;
    for (char *q = p + 1; *q != '\0' && rc == 0; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *q = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
        if (errno == 0)
            errno = ENOTDIR;
        rc = -1;
    }
    free(p);
    return rc;
}

typedef struct {
    char *path, *tmp; /* OUTDIR/name and OUTDIR/name.tmp */
    gen_out out;
    int renamed;      /* tmp has become path */
} gen_file;

static int file_open(gen_file *gf, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 8;
    memset(gf, 0, sizeof *gf);
    gf->path = malloc(n);
    gf->tmp = malloc(n);
    gf->out.buf = malloc(GEN_OUT_CAP + GEN_ROW_MAX);
    if (gf->path == NULL || gf->tmp == NULL || gf->out.buf == NULL) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(gf->path, n, "%s/%s", dir, name);
    snprintf(gf->tmp, n, "%s/%s.tmp", dir, name);
    gf->out.f = fopen(gf->tmp, "wb");
    return gf->out.f == NULL ? -1 : 0;
}

/* Flushes and closes the temporary file; 0 or -1 with errno. */
static int file_close(gen_file *gf)
{
    FILE *f = gf->out.f;
    gen_out_flush(&gf->out);
    gf->out.f = NULL;
    if (fclose(f) != 0 && !gf->out.failed) {
        gf->out.failed = 1;
        gf->out.err = errno;
    }
    if (gf->out.failed) {
        errno = gf->out.err;
        return -1;
    }
    return 0;
}

/* Closes and removes the temporary file when it was not renamed. */
static void file_free(gen_file *gf)
{
    if (gf->out.f != NULL)
        fclose(gf->out.f);
    if (gf->tmp != NULL && !gf->renamed)
        remove(gf->tmp);
    free(gf->path);
    free(gf->tmp);
    free(gf->out.buf);
}

/* ---- command line ------------------------------------------------------ */

static void usage(FILE *f)
{
    fputs(
        "usage: eca gen OUTDIR [--seed S] [--firms N] [--meters M]\n"
        "               [--periods monthly|daily|15min] [--year Y] [--years K]\n"
        "               [--preset qingxu-2022]\n"
        "\n"
        "Writes OUTDIR/firms.csv and OUTDIR/meters.csv (OUTDIR is created).\n"
        "The same arguments always give byte-identical files.\n"
        "\n"
        "  --seed S       random seed, an integer (default 1)\n"
        "  --firms N      number of firms, F000001... (default 200)\n"
        "  --meters M     meter series per firm (default 6)\n"
        "  --periods P    monthly (YYYY-MM, default), daily (YYYY-MM-DD) or\n"
        "                 15min (YYYY-MM-DDThh:mm)\n"
        "  --year Y       first year (default 2022)\n"
        "  --years K      number of years (default 1)\n"
        "  --preset qingxu-2022\n"
        "                 the bundled synthetic Qingxu county, reporting year\n"
        "                 2022, monthly; other options are then ignored\n"
        "\n"
        "Rows: firms x meters x periods, but a coke plant always gets every\n"
        "series of its coking boundary (9 to 11: coal in, coke and gas out,\n"
        "fuel, power, steam), however few --meters asks for.\n"
        "Exit status: 0 done, 1 I/O error, 2 usage error.\n",
        f);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (*s == '-' || *s == '\0')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int bad_value(const char *opt, const char *v)
{
    fprintf(stderr, "eca gen: %s: invalid value '%s' (try eca gen --help)\n",
            opt, v);
    return 2;
}

/* 0 on success, else the exit status (2). */
static int parse_args(int argc, char **argv, gen_opts *op)
{
    op->outdir = NULL;
    op->seed = 1;
    op->firms = 200;
    op->meters = 6;
    op->periods = GEN_PER_MONTH;
    op->year = 2022;
    op->years = 1;
    op->preset = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0) {
            if (strcmp(a, "--") == 0 && i + 1 < argc)
                a = argv[++i];
            if (op->outdir != NULL) {
                fprintf(stderr, "eca gen: unexpected argument '%s'\n", a);
                return 2;
            }
            op->outdir = a;
            continue;
        }
        char name[32];
        const char *eq = strchr(a, '='), *v;
        size_t nl = eq != NULL ? (size_t)(eq - a) : strlen(a);
        if (nl >= sizeof name) {
            fprintf(stderr, "eca gen: unknown option '%s'\n", a);
            return 2;
        }
        memcpy(name, a, nl);
        name[nl] = '\0';
        if (eq != NULL) {
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        } else {
            fprintf(stderr, "eca gen: option %s needs a value\n", name);
            return 2;
        }
        long l;
        if (strcmp(name, "--seed") == 0) {
            if (parse_u64(v, &op->seed) != 0)
                return bad_value(name, v);
        } else if (strcmp(name, "--firms") == 0) {
            if (parse_long(v, 1, 9999999, &op->firms) != 0)
                return bad_value(name, v);
        } else if (strcmp(name, "--meters") == 0) {
            if (parse_long(v, 1, 999, &op->meters) != 0)
                return bad_value(name, v);
        } else if (strcmp(name, "--periods") == 0) {
            if (strcmp(v, "monthly") == 0)
                op->periods = GEN_PER_MONTH;
            else if (strcmp(v, "daily") == 0)
                op->periods = GEN_PER_DAY;
            else if (strcmp(v, "15min") == 0)
                op->periods = GEN_PER_15MIN;
            else
                return bad_value(name, v);
        } else if (strcmp(name, "--year") == 0) {
            if (parse_long(v, 1000, 9999, &l) != 0)
                return bad_value(name, v);
            op->year = (int)l;
        } else if (strcmp(name, "--years") == 0) {
            if (parse_long(v, 1, 100, &l) != 0)
                return bad_value(name, v);
            op->years = (int)l;
        } else if (strcmp(name, "--preset") == 0) {
            if (strcmp(v, "qingxu-2022") != 0)
                return bad_value(name, v);
            op->preset = 1;
        } else {
            fprintf(stderr, "eca gen: unknown option '%s'\n", name);
            return 2;
        }
    }
    if (op->outdir == NULL || op->outdir[0] == '\0') {
        fputs("eca gen: missing OUTDIR (try eca gen --help)\n", stderr);
        return 2;
    }
    if (!op->preset && op->year + op->years - 1 > 9999) {
        fputs("eca gen: --year + --years goes past 9999\n", stderr);
        return 2;
    }
    return 0;
}

int gen_main(int argc, char **argv)
{
    gen_opts op;
    gen_file firms, meters;
    uint64_t rows = 0;
    long nfirms = 0;
    int rc = 1, w = 0;
    const char *failed = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
    }
    int prc = parse_args(argc, argv, &op);
    if (prc != 0)
        return prc;
    if (gen_qingxu_check() != 0)
        return 1;

    memset(&firms, 0, sizeof firms);
    memset(&meters, 0, sizeof meters);
    if (make_dirs(op.outdir) != 0) {
        fprintf(stderr, "eca gen: %s: %s\n", op.outdir, strerror(errno));
        return 1;
    }
    if (file_open(&firms, op.outdir, "firms.csv") != 0) {
        failed = firms.tmp;
        goto cleanup;
    }
    if (file_open(&meters, op.outdir, "meters.csv") != 0) {
        failed = meters.tmp;
        goto cleanup;
    }

    if (op.preset) {
        gen_qingxu_write(&firms.out, &meters.out, &nfirms, &rows);
    } else {
        w = gen_random_write(&op, &firms.out, &meters.out, &rows);
        nfirms = op.firms;
    }
    if (w == -2) {
        fputs("eca gen: internal error: a row is too long\n", stderr);
        goto cleanup;
    }
    /* Both files are complete before either replaces an old one. */
    if (file_close(&firms) != 0) {
        failed = firms.path;
        goto cleanup;
    }
    if (file_close(&meters) != 0) {
        failed = meters.path;
        goto cleanup;
    }
    if (rename(firms.tmp, firms.path) != 0) {
        failed = firms.path;
        goto cleanup;
    }
    firms.renamed = 1;
    if (rename(meters.tmp, meters.path) != 0) {
        failed = meters.path;
        goto cleanup;
    }
    meters.renamed = 1;
    printf("eca gen: wrote %s (%ld firms) and %s (%llu meter rows)\n",
           firms.path, nfirms, meters.path, (unsigned long long)rows);
    rc = 0;

cleanup:
    if (rc != 0 && w != -2)
        fprintf(stderr, "eca gen: %s: %s\n",
                failed != NULL ? failed : op.outdir,
                strerror(errno != 0 ? errno : EIO));
    file_free(&firms);
    file_free(&meters);
    return rc;
}
