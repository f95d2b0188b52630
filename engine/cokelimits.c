/* cokelimits.c: the coke unit energy limits of GB 21342-2025 (top and stamp
 * charged ovens, grades 1-3, with the corrections of its clause 5.3 and
 * Table 2) and of GB 29995-2024 (semi-coke), from coke_limits.csv and
 * coke_corrections.csv; and the grade a plant meets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct {
    char *standard, *oven, *source;
    int grade;
    double limit;
} limit_row;

typedef struct {
    char *term, *oven, *source;
    double x; /* breakpoint; INFINITY when the cell is empty */
    double value;
    unsigned grades; /* bit g-1 for grade g */
} corr_row;

struct ecai_coke_tables {
    limit_row *lim;
    size_t nlim;
    corr_row *cor;
    size_t ncor;
};

void ecai_coke_tables_free(ecai_coke_tables *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nlim; i++) {
        free(t->lim[i].standard);
        free(t->lim[i].oven);
        free(t->lim[i].source);
    }
    for (size_t i = 0; i < t->ncor; i++) {
        free(t->cor[i].term);
        free(t->cor[i].oven);
        free(t->cor[i].source);
    }
    free(t->lim);
    free(t->cor);
    free(t);
}

static char *dup_col(const ecai_csv *c, const char *col)
{
    size_t n;
    return strdup(ecai_col(c, col, &n));
}

static eca_status read_limit(const ecai_csv *c, limit_row *r, eca_error *err)
{
    double g;
    if (ecai_col_count(c, ECA_EFACTOR, err) != ECA_OK)
        return err->status;
    if (ecai_col_num(c, "grade", &g, err) != 1 || (g != 1 && g != 2 && g != 3))
        return err->status ? err->status
                           : ecai_col_bad(err, c, "grade", "", "is not 1, 2 or 3");
    if (ecai_col_num(c, "limit_kgce_per_t", &r->limit, err) != 1)
        return err->status ? err->status
                           : ecai_col_bad(err, c, "limit_kgce_per_t", "",
                                          "is empty");
    r->grade = (int)g;
    if (!(r->standard = dup_col(c, "standard")) ||
        !(r->oven = dup_col(c, "oven")) || !(r->source = dup_col(c, "source")))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (!r->source[0])
        return ecai_col_bad(err, c, "source", "", "is empty");
    return ECA_OK;
}

static eca_status read_corr(const ecai_csv *c, corr_row *r, eca_error *err)
{
    size_t n;
    const char *g = ecai_col(c, "grades", &n), *x;
    if (ecai_col_count(c, ECA_EFACTOR, err) != ECA_OK)
        return err->status;
    for (size_t i = 0; i < n; i++)
        if (g[i] >= '1' && g[i] <= '3')
            r->grades |= 1u << (g[i] - '1');
        else if (g[i] != ' ')
            return ecai_col_bad(err, c, "grades", g, "is not a list of 1, 2, 3");
    x = ecai_col(c, "x", &n);
    r->x = INFINITY;
    if (n && ecai_parse_double(x, n, &r->x) != 0)
        return ecai_col_bad(err, c, "x", x, "is not a number");
    x = ecai_col(c, "value", &n);
    if (ecai_parse_double(x, n, &r->value) != 0) /* may be negative */
        return ecai_col_bad(err, c, "value", x, "is not a number");
    if (!(r->term = dup_col(c, "term")) || !(r->oven = dup_col(c, "oven")) ||
        !(r->source = dup_col(c, "source")))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (!r->source[0])
        return ecai_col_bad(err, c, "source", "", "is empty");
    return ECA_OK;
}

/* Reads the rows of one file into *rows (elements of `size` bytes). */
static eca_status load(const char *dir, const char *name,
                       const char *const *req, void **rows, size_t *n,
                       size_t size, int corr, eca_error *err)
{
    size_t cap = 0;
    char *path = ecai_path_join(dir, name);
    eca_status st = ECA_OK;
    int r;
    if (!path)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    ecai_csv *c = ecai_csv_open(path, name, err);
    free(path);
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    while ((r = ecai_csv_next(c, err)) == 1) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            void *q = realloc(*rows, cap * size);
            if (!q) {
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
            *rows = q;
        }
        char *row = (char *)*rows + *n * size;
        memset(row, 0, size);
        (*n)++;
        st = corr ? read_corr(c, (corr_row *)row, err)
                  : read_limit(c, (limit_row *)row, err);
        if (st != ECA_OK)
            goto done;
    }
    st = r < 0 ? err->status : ECA_OK;
done:
    ecai_csv_close(c);
    return st;
}

ecai_coke_tables *ecai_coke_tables_load(const char *dir, eca_error *err)
{
    static const char *const req_l[] = {"standard", "oven", "grade",
                                        "limit_kgce_per_t", "source", NULL};
    static const char *const req_c[] = {"term", "oven", "x", "value",
                                        "grades", "source", NULL};
    ecai_coke_tables *t = calloc(1, sizeof *t);
    if (!t) {
        ecai_fail(err, ECA_ENOMEM, "out of memory");
        return NULL;
    }
    if (load(dir, "coke_limits.csv", req_l, (void **)&t->lim, &t->nlim,
             sizeof *t->lim, 0, err) != ECA_OK ||
        load(dir, "coke_corrections.csv", req_c, (void **)&t->cor, &t->ncor,
             sizeof *t->cor, 1, err) != ECA_OK) {
        ecai_coke_tables_free(t);
        return NULL;
    }
    return t;
}

/* ---- the limits of one plant ---- */

static int for_oven(const corr_row *r, const char *term, const char *oven)
{
    return !strcmp(r->term, term) &&
           (!strcmp(r->oven, oven) || !strcmp(r->oven, "all"));
}

/* Adds value to the limits of the grades it applies to. */
static void apply(eca_coke_limits *l, unsigned grades, double value)
{
    for (int g = 0; g < 3; g++)
        if (grades & (1u << g))
            l->limit[g] += value;
}

/* Volatile term: linear between the table's rows; 1 when V is outside. */
static int volatile_term(const ecai_coke_tables *t, const char *oven,
                         double v, double *term, unsigned *grades)
{
    const corr_row *lo = NULL, *hi = NULL;
    for (size_t i = 0; i < t->ncor; i++) {
        const corr_row *r = &t->cor[i];
        if (!for_oven(r, "volatile", oven))
            continue;
        *grades = r->grades;
        if (r->x <= v && (!lo || r->x > lo->x))
            lo = r;
        if (r->x >= v && (!hi || r->x < hi->x))
            hi = r;
    }
    if (!lo || !hi)
        return 1;
    *term = hi->x == lo->x ? lo->value
                           : lo->value + (hi->value - lo->value) *
                                             (v - lo->x) / (hi->x - lo->x);
    return 0;
}

/* Oven age term: the first breakpoint at or above the age. */
static double age_term(const ecai_coke_tables *t, const char *oven,
                       double age, unsigned *grades)
{
    const corr_row *best = NULL;
    for (size_t i = 0; i < t->ncor; i++) {
        const corr_row *r = &t->cor[i];
        if (for_oven(r, "oven_age", oven) && age <= r->x &&
            (!best || r->x < best->x))
            best = r;
    }
    if (!best)
        return 0;
    *grades = best->grades;
    return best->value;
}

static const corr_row *one(const ecai_coke_tables *t, const char *term,
                           const char *oven)
{
    for (size_t i = 0; i < t->ncor; i++)
        if (for_oven(&t->cor[i], term, oven))
            return &t->cor[i];
    return NULL;
}

static void corrections(const ecai_coke_tables *t, const eca_coke_inputs *in,
                        eca_coke_limits *l)
{
    const char *oven = in->oven;
    const corr_row *r;
    unsigned grades = 0;
    double share = isnan(in->mixed_gas_ratio) ? 0 : in->mixed_gas_ratio;
    if ((r = one(t, "fuel", oven))) {
        l->fuel = r->value * share;
        apply(l, r->grades, l->fuel);
    }
    if (isnan(in->volatile_pct))
        l->missing |= ECA_COKE_MISSING_VOLATILE;
    else if (volatile_term(t, oven, in->volatile_pct, &l->volatile_term,
                           &grades))
        l->volatile_outside = 1;
    else
        apply(l, grades, l->volatile_term);
    if (isnan(in->moisture_pct))
        l->missing |= ECA_COKE_MISSING_MOISTURE;
    else if ((r = one(t, "moisture", oven))) {
        l->moisture = (in->moisture_pct - r->x) * r->value;
        apply(l, r->grades, l->moisture);
    }
    if (!in->quench || !in->quench[0])
        l->missing |= ECA_COKE_MISSING_QUENCH;
    else if (!strcmp(in->quench, "wet") && (r = one(t, "wet_quench", oven))) {
        l->wet_quench = r->value;
        apply(l, r->grades, l->wet_quench);
    }
    if (isnan(in->oven_age_years))
        l->missing |= ECA_COKE_MISSING_AGE;
    else {
        l->oven_age = age_term(t, oven, in->oven_age_years, &grades);
        apply(l, grades, l->oven_age);
    }
}

eca_status eca_coke_limits_compute(const eca_factors *f,
                                   const eca_coke_inputs *in,
                                   eca_coke_limits *l)
{
    const ecai_coke_tables *t = ecai_factors_coke(f);
    memset(l, 0, sizeof *l);
    for (int g = 0; g < 3; g++)
        l->limit[g] = NAN;
    if (!in || !in->oven)
        return ECA_EARG;
    int found = 0;
    for (size_t i = 0; i < t->nlim; i++)
        if (!strcmp(t->lim[i].oven, in->oven)) {
            l->limit[t->lim[i].grade - 1] = t->lim[i].limit;
            l->standard = t->lim[i].standard;
            l->source = t->lim[i].source;
            found = 1;
        }
    if (!found || !strcmp(in->oven, "semi_coke"))
        return ECA_OK; /* semi-coke: no corrections on the limits */
    corrections(t, in, l);
    return ECA_OK;
}

int eca_coke_grade(const eca_coke_limits *l, double actual)
{
    if (isnan(l->limit[2]) || isnan(actual))
        return -1;
    for (int g = 0; g < 3; g++)
        if (!isnan(l->limit[g]) && actual <= l->limit[g])
            return g + 1;
    return 0;
}
