/* fuzzutil.c: the scratch file of the fuzz targets and their report of a
 * broken invariant. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzzutil.h"

static char scratch[256];

static void remove_scratch(void)
{
    if (scratch[0])
        unlink(scratch);
}

const char *fuzz_scratch(const char *tag, const void *a, size_t an,
                         const void *b, size_t bn)
{
    if (!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !*tmp || strlen(tmp) > 200)
            tmp = "/tmp";
        snprintf(scratch, sizeof scratch, "%s/eca-fuzz-%.20s.XXXXXX", tmp,
                 tag);
        int fd = mkstemp(scratch);
        if (fd < 0) {
            perror(scratch);
            abort();
        }
        close(fd);
        atexit(remove_scratch);
    }
    FILE *fp = fopen(scratch, "wb");
    if (!fp || (an && fwrite(a, 1, an, fp) != an) ||
        (bn && fwrite(b, 1, bn, fp) != bn) || fclose(fp)) {
        perror(scratch);
        abort();
    }
    return scratch;
}

void fuzz_check(int ok, const char *target, const char *what,
                const char *detail)
{
    if (!ok) {
        fprintf(stderr, "%s: invariant broken: %s (error: \"%s\")\n", target,
                what, detail);
        abort();
    }
}
