/* fuzz_csv.c: libFuzzer target for the CSV reader (csvread.c): the input
 * bytes become a file that is opened and read record by record, checking
 * the reader's invariants. Built with -DFUZZ_REPLAY it is a plain program
 * that replays every file of a corpus folder (see README.md). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

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
        snprintf(scratch, sizeof scratch, "%s/eca-fuzz-csv.XXXXXX", tmp);
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
        fprintf(stderr, "fuzz_csv: invariant broken: %s (error: \"%s\")\n",
                what, err ? err->msg : "");
        abort();
    }
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
