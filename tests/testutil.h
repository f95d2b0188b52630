/* testutil.h: helpers shared by the cmocka tests: relative float
 * comparison (after gsl_test_rel), temporary folders, files, running the
 * eca tool, and the factors-and-folder fixture. */
#ifndef ECA_TESTUTIL_H
#define ECA_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "eca.h"

/* Fails unless |got - want| <= rel * |want| (or both are NaN). */
void tu_rel(double got, double want, double rel, const char *what,
            const char *file, int line);
#define assert_rel(got, want, rel) \
    tu_rel((got), (want), (rel), #got, __FILE__, __LINE__)

/* A fresh temporary folder; free with tu_rmtree. */
char *tu_tmpdir(void);
void tu_rmtree(const char *dir);
/* Writes text to dir/name. */
void tu_write(const char *dir, const char *name, const char *text);
/* Reads a whole file (NUL-terminated) or NULL. */
char *tu_read(const char *path);
char *tu_path(const char *dir, const char *name);
int tu_exists(const char *path);
/* Runs the eca tool with a shell command line tail; returns its exit
 * status. stdout and stderr go to dir/stdout and dir/stderr when dir. */
int tu_eca(const char *outdir, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The shipped factors folder and a source-tree path. */
const char *tu_factors_dir(void);
char *tu_src(const char *rel);

/* What most test groups work on: the shipped factors and a scratch
 * folder. tu_setup puts a new one in *state (cmocka's setup: -1 when the
 * factors do not load); tu_teardown removes the folder and frees it. */
typedef struct {
    eca_factors *f;
    char *dir;
} tu_fixture;
int tu_setup(void **state);
int tu_teardown(void **state);

#endif
