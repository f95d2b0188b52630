/* fuzz_factors.c: libFuzzer target for factor overrides (factors.c): the
 * input bytes become an override file applied to a freshly loaded shipped
 * table, whose invariants are then checked. The shipped folder is
 * $ECA_FACTORS_DIR, else ECA_FACTORS_DIR given at compile time, else
 * "factors". Linked with replay.c it is a plain program that replays
 * every file of a corpus folder (see README.md). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"
#include "fuzzutil.h"

#ifndef ECA_FACTORS_DIR
#define ECA_FACTORS_DIR "factors"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *write_scratch(const uint8_t *data, size_t size)
{
    return fuzz_scratch("factors", data, size, NULL, 0);
}

/* An invariant that does not hold is a finding: report and crash. */
static void check(int ok, const char *what, const eca_error *err)
{
    fuzz_check(ok, "fuzz_factors", what, err ? err->msg : "");
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
