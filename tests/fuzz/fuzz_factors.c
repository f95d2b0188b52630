/* fuzz_factors.c: libFuzzer target for factor overrides (factors.c): the
 * input bytes become an override file applied to a freshly loaded shipped
 * table, whose invariants are then checked. The shipped folder is
 * $ECA_FACTORS_DIR, else ECA_FACTORS_DIR given at compile time, else
 * "factors". Built with -DFUZZ_REPLAY it is a plain program that replays
 * every file of a corpus folder (see README.md). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

#ifndef ECA_FACTORS_DIR
#define ECA_FACTORS_DIR "factors"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One scratch file per process, removed at exit. */
static char scratch[256];

static void remove_scratch(void)
{
    if (scratch[0])
        unlink(scratch);
}

static const char *write_scratch(const uint8_t *data, size_t size)
{
    if (!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !*tmp || strlen(tmp) > 200)
            tmp = "/tmp";
        snprintf(scratch, sizeof scratch, "%s/eca-fuzz-factors.XXXXXX", tmp);
        int fd = mkstemp(scratch);
        if (fd < 0) {
            perror(scratch);
            abort();
        }
        close(fd);
        atexit(remove_scratch);
    }
    FILE *fp = fopen(scratch, "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp)) {
        perror(scratch);
        abort();
    }
    return scratch;
}

/* An invariant that does not hold is a finding: report and crash. */
static void check(int ok, const char *what, const eca_error *err)
{
    if (!ok) {
        fprintf(stderr, "fuzz_factors: invariant broken: %s (error: \"%s\")\n",
                what, err ? err->msg : "");
        abort();
    }
}

static const char *factors_dir(void)
{
    const char *d = getenv("ECA_FACTORS_DIR");
    return d && *d ? d : ECA_FACTORS_DIR;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = write_scratch(data, size);
    eca_error err;
    eca_error_clear(&err);
    /* an override changes the table: load a fresh one for every input */
    eca_factors *f = eca_factors_load(factors_dir(), &err);
    if (!f) {
        fprintf(stderr, "fuzz_factors: cannot load the shipped tables "
                        "from %s: %s\n", factors_dir(), err.msg);
        abort();
    }
    size_t n0 = eca_factors_carrier_count(f), nf0, nf;
    ecai_factors_files(f, &nf0);
    eca_status st = eca_factors_override(f, path, &err);
    check(st == err.status, "status and error context disagree", &err);
    check(st == ECA_OK || err.msg[0], "override failed silently", &err);
    ecai_factors_files(f, &nf);
    check(nf == nf0 + (st == ECA_OK), "file list", &err);

    size_t n = eca_factors_carrier_count(f);
    check(n >= n0, "carriers lost", &err);
    for (size_t i = 0; i < n; i++) {
        eca_carrier_info ci;
        check(eca_factors_carrier(f, i, &ci) == ECA_OK, "carrier i", &err);
        check(ci.carrier && ci.carrier[0] &&
                  eca_factors_carrier_find(f, ci.carrier) == (long)i,
              "carrier code", &err);
        double base = 0;
        eca_dimension dim = ECA_DIM_COUNT;
        check(eca_factors_unit_to_base(f, ci.unit, 1.0, &base, &dim) ==
                      ECA_OK &&
                  dim == ci.dimension && base > 0,
              "carrier unit", &err);
        check(ci.source && ci.source[0], "carrier source", &err);
        /* cells are numbers at least 0 (possibly infinite after a unit
         * conversion of a huge value), never NaN */
        check(!isnan(ci.kgce_per_unit) && ci.kgce_per_unit >= 0 &&
                  !isnan(ci.kgce_low) && ci.kgce_low >= 0 &&
                  !isnan(ci.kgce_high) && ci.kgce_high >= 0 &&
                  !isnan(ci.ncv_gj_per_unit) && ci.ncv_gj_per_unit >= 0 &&
                  !isnan(ci.carbon_tc_per_tj) && ci.carbon_tc_per_tj >= 0,
              "coefficients", &err);
        check(ci.oxidation >= 0 && ci.oxidation <= 1, "oxidation", &err);
        check(ci.renewable == 0 || ci.renewable == 1, "renewable", &err);
    }
    eca_factors_free(f);
    return 0;
}

#ifdef FUZZ_REPLAY
/* Replays one file; 0, or -1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *q = realloc(buf, cap * 2);
            if (!q)
                free(buf);
            buf = q;
            cap *= 2;
        }
    }
    int bad = !buf || ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return -1;
    }
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

/* Replays every regular file of a folder, in name order; -1 on error. */
static int replay_dir(const char *dir, int *n)
{
    struct dirent **list = NULL;
    int k = scandir(dir, &list, NULL, alphasort), rc = 0;
    if (k < 0) {
        perror(dir);
        return -1;
    }
    for (int i = 0; i < k; i++) {
        char p[4096];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, list[i]->d_name);
        if (rc == 0 && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(p) != 0)
                rc = -1;
            else
                (*n)++;
        }
        free(list[i]);
    }
    free(list);
    return rc;
}

/* Usage: PROGRAM DIR|FILE...: replays every regular file of each folder
 * and each file given; a broken invariant or a sanitizer report aborts. */
int main(int argc, char **argv)
{
    int n = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", argv[0]);
        return 2;
    }
    for (int a = 1; a < argc; a++) {
        struct stat st;
        if (stat(argv[a], &st) != 0) {
            perror(argv[a]);
            return 1;
        }
        if (S_ISDIR(st.st_mode) ? replay_dir(argv[a], &n) != 0
                                : replay_file(argv[a]) != 0)
            return 1;
        n += !S_ISDIR(st.st_mode);
    }
    printf("%s: %d inputs replayed, no finding\n", argv[0], n);
    return n > 0 ? 0 : 1;
}
#endif
