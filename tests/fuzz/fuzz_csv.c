/* fuzz_csv.c: libFuzzer target for the CSV reader (csvread.c): the input
 * bytes become a file that is opened and read record by record, checking
 * the reader's invariants. Linked with replay.c it is a plain program
 * that replays every file of a corpus folder (see README.md). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *write_scratch(const uint8_t *data, size_t size)
{
    return fuzz_scratch("csv", data, size, NULL, 0);
}

/* An invariant that does not hold is a finding: report and crash. */
static void check(int ok, const char *what, const eca_error *err)
{
    fuzz_check(ok, "fuzz_csv", what, err ? err->msg : "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = write_scratch(data, size);
    long lines = 1; /* physical lines of the input */
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';

    eca_error err;
    eca_error_clear(&err);
    ecai_csv *c = ecai_csv_open(path, "fuzz.csv", &err);
    if (!c) {
        check(err.status != ECA_OK && err.msg[0], "open failed silently",
              &err);
        return 0;
    }
    check(ecai_csv_bytes_total(c) == size, "bytes_total", &err);
    size_t ncols = ecai_csv_columns(c);
    check(ncols >= 1, "a header without columns", &err);
    for (size_t i = 0; i < ncols; i++) {
        const char *name = ecai_csv_column_name(c, i);
        long j = ecai_csv_find(c, name);
        /* names are unique except empty ones, found at their first place */
        check(j >= 0 && (size_t)j <= i && (name[0] == '\0' || (size_t)j == i),
              "ecai_csv_find of a header name", &err);
    }
    check(ecai_csv_column_name(c, ncols)[0] == '\0', "name past the end",
          &err);

    long prev = ecai_csv_line(c);
    check(prev >= 1 && prev <= lines, "header line", &err);
    int r;
    while ((r = ecai_csv_next(c, &err)) == 1) {
        long line = ecai_csv_line(c);
        check(line >= prev && line <= lines, "record lines in order", &err);
        prev = line;
        size_t nf = ecai_csv_nfields(c);
        check(nf >= 1, "a record without fields", &err);
        for (size_t i = 0; i <= nf; i++) {
            size_t len = (size_t)-1;
            const char *f = ecai_csv_field(c, i, &len);
            /* NUL bytes are rejected as not text, so lengths agree */
            check(f && strlen(f) == len && len <= size, "field length", &err);
            check(i < nf || len == 0, "field past the end", &err);
        }
        check(ecai_csv_bytes_read(c) <= size, "bytes_read", &err);
    }
    if (r < 0) {
        check(err.status != ECA_OK && err.msg[0], "next failed silently",
              &err);
    } else {
        check(err.status == ECA_OK, "error set at the end", &err);
        check(ecai_csv_next(c, &err) == 0, "the end stays the end", &err);
        check(ecai_csv_bytes_read(c) == size, "all bytes read", &err);
    }
    ecai_csv_close(c);
    return 0;
}
