/* fuzzutil.h: what the fuzz targets share: the scratch file an input is
 * written to, and the report of a broken invariant. */
#ifndef ECA_FUZZUTIL_H
#define ECA_FUZZUTIL_H

#include <stddef.h>

/* Writes the bytes a then b to this process's scratch file (named after
 * tag, created on first use, removed at exit) and returns its path; aborts
 * when it cannot. */
const char *fuzz_scratch(const char *tag, const void *a, size_t an,
                         const void *b, size_t bn);
/* A finding: unless ok, prints "TARGET: invariant broken: WHAT (error:
 * "DETAIL")" and aborts. */
void fuzz_check(int ok, const char *target, const char *what,
                const char *detail);

#endif
