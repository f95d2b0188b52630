/* testutil.c: helpers shared by the cmocka tests. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testutil.h"

void tu_rel(double got, double want, double rel, const char *what,
            const char *file, int line)
{
    if (isnan(got) && isnan(want))
        return;
    double err = fabs(got - want);
    if (!(err <= rel * fabs(want)) && !(want == 0 && got == 0)) {
        print_error("%s = %.17g, expected %.17g (relative error %.3g > "
                       "%.3g)\n", what, got, want,
                       want != 0 ? err / fabs(want) : err, rel);
        _fail(file, line);
    }
}

char *tu_tmpdir(void)
{
    char *d = strdup("/tmp/eca-test.XXXXXX");
    assert_non_null(d);
    assert_non_null(mkdtemp(d));
    return d;
}

void tu_rmtree(const char *dir)
{
    char cmd[4200];
    if (!dir)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

char *tu_path(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    assert_non_null(p);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

void tu_write(const char *dir, const char *name, const char *text)
{
    char *p = tu_path(dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
    free(p);
}

char *tu_read(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *s = malloc(cap);
    assert_non_null(s);
    while ((got = fread(s + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
    }
    fclose(fp);
    s[n] = '\0';
    return s;
}

int tu_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int tu_eca(const char *outdir, const char *fmt, ...)
{
    char tail[4096], cmd[8400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tail, sizeof tail, fmt, ap);
    va_end(ap);
    if (outdir)
        snprintf(cmd, sizeof cmd, "%s %s >'%s/stdout' 2>'%s/stderr'", ECA_BIN,
                 tail, outdir, outdir);
    else
        snprintf(cmd, sizeof cmd, "%s %s >/dev/null 2>&1", ECA_BIN, tail);
    int st = system(cmd);
    assert_true(st != -1 && WIFEXITED(st));
    return WEXITSTATUS(st);
}

const char *tu_factors_dir(void)
{
    return ECA_SRC "/factors";
}

char *tu_src(const char *rel)
{
    return tu_path(ECA_SRC, rel);
}

int tu_setup(void **state)
{
    tu_fixture *x = calloc(1, sizeof *x);
    eca_error err;
    eca_error_clear(&err);
    if (!x)
        return -1;
    if (!(x->f = eca_factors_load(tu_factors_dir(), &err))) {
        fprintf(stderr, "factors: %s\n", err.msg);
        free(x);
        return -1;
    }
    x->dir = tu_tmpdir();
    *state = x;
    return 0;
}

int tu_teardown(void **state)
{
    tu_fixture *x = *state;
    eca_factors_free(x->f);
    tu_rmtree(x->dir);
    free(x->dir);
    free(x);
    return 0;
}
