/* firms.c: reading firms.csv into the firm table, rejecting bad rows. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"

static const char *const sectors[] = {
    "coking", "coal_mining", "coal_washing", "chemicals", "food",
    "building_materials", "power", "other", NULL};
static const char *const ovens[] = {"top", "stamp", "heat_recovery",
                                    "semi_coke", NULL};
static const char *const quenches[] = {"dry", "wet", NULL};

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* A firm's text cells are one allocation, which x->id starts. */
static void firm_free(ecai_firm *x)
{
    free(x->id);
}

void ecai_firms_free(ecai_firms *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        firm_free(&t->f[i]);
    free(t->f);
    ecai_strmap_free(t->map);
    memset(t, 0, sizeof *t);
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const ecai_firm *)a)->id, ((const ecai_firm *)b)->id);
}

typedef struct {
    const char *col;
    double lo, hi;
    size_t off;
} num_col;

static const num_col num_cols[] = {
    {"mixed_gas_ratio", 0, 1, offsetof(ecai_firm, mixed_gas_ratio)},
    {"volatile_pct", 0, 100, offsetof(ecai_firm, volatile_pct)},
    {"moisture_pct", 0, 100, offsetof(ecai_firm, moisture_pct)},
    {"oven_age_years", 0, 200, offsetof(ecai_firm, oven_age_years)},
    {"semi_coke_yield_correction", -1000, 1000,
     offsetof(ecai_firm, semi_coke_yield_correction)},
};

enum { NNUM = sizeof num_cols / sizeof num_cols[0] };
static const char *const text_cols[] = {"firm_id",  "name",      "sector",
                                        "township", "coke_oven", "quench"};
enum { NTEXT = sizeof text_cols / sizeof text_cols[0] };

/* The header index of each column, -1 when absent: found once, not for
 * every row. */
typedef struct {
    long text[NTEXT], num[NNUM];
} firm_cols;

/* "a, b or c" of a list of codes, in buf. */
static void codes_text(const char *const *list, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; list[i]; i++)
        ecai_list_add(buf, n, &k, "%s%s",
                      !i ? "" : list[i + 1] ? ", " : " or ", list[i]);
}

/* Checks one row; on a bad cell fills column/reason/detail and returns 1. */
static int check_row(const ecai_csv *c, const firm_cols *fc, ecai_firm *x,
                     const char **column, const char **reason, char *detail,
                     size_t dn)
{
    static const struct {
        const char *col;
        const char *const *list;
    } codes[] = {{"sector", sectors}, {"coke_oven", ovens},
                 {"quench", quenches}};
    if (ecai_csv_nfields(c) != ecai_csv_columns(c)) {
        *column = "";
        *reason = "field_count";
        snprintf(detail, dn, "row has %zu fields, header has %zu",
                 ecai_csv_nfields(c), ecai_csv_columns(c));
        return 1;
    }
    if (!x->id[0]) {
        *column = "firm_id";
        *reason = "missing_value";
        snprintf(detail, dn, "firm_id is empty");
        return 1;
    }
    const char *vals[] = {x->sector, x->coke_oven, x->quench};
    for (size_t i = 0; i < 3; i++)
        if (vals[i][0] && !in_list(vals[i], codes[i].list)) {
            char list[128];
            codes_text(codes[i].list, list, sizeof list);
            *column = codes[i].col;
            *reason = "bad_code";
            snprintf(detail, dn, "\"%.200s\" is not %s", vals[i], list);
            return 1;
        }
    for (size_t i = 0; i < NNUM; i++) {
        double *v = (double *)((char *)x + num_cols[i].off);
        long col = fc->num[i];
        size_t n = 0;
        const char *s = col >= 0 ? ecai_csv_field(c, (size_t)col, &n) : "";
        *v = NAN;
        if (n == 0)
            continue;
        if (ecai_parse_double(s, n, v) != 0 || *v < num_cols[i].lo ||
            *v > num_cols[i].hi) {
            *column = num_cols[i].col;
            *reason = "bad_number";
            snprintf(detail, dn, "\"%.200s\" is not a number in [%g, %g]", s,
                     num_cols[i].lo, num_cols[i].hi);
            return 1;
        }
    }
    return 0;
}

/* The row's text cells copied into one allocation, x->id first; an
 * empty sector reads "other", the last of the sector codes. -1: no memory. */
static int take_text(const ecai_csv *c, const firm_cols *fc, ecai_firm *x)
{
    char **dst[NTEXT] = {&x->id,       &x->name,      &x->sector,
                         &x->township, &x->coke_oven, &x->quench};
    const char *s[NTEXT];
    size_t n[NTEXT], total = 0;
    for (size_t i = 0; i < NTEXT; i++) {
        n[i] = 0;
        s[i] = fc->text[i] >= 0 ? ecai_csv_field(c, (size_t)fc->text[i], &n[i])
                                : "";
        if (dst[i] == &x->sector && n[i] == 0) {
            s[i] = "other";
            n[i] = strlen(s[i]);
        }
        total += n[i] + 1;
    }
    char *b = malloc(total);
    if (!b)
        return -1;
    for (size_t i = 0; i < NTEXT; i++) {
        memcpy(b, s[i], n[i]);
        b[n[i]] = '\0';
        *dst[i] = b;
        b += n[i] + 1;
    }
    return 0;
}

eca_status ecai_firms_load(ecai_firms *t, const char *path,
                           const eca_audit_options *o, eca_row_counts *rc,
                           eca_error *err)
{
    static const char *const req[] = {"firm_id", NULL};
    ecai_csv *c = ecai_csv_open(path, "firms.csv", err);
    size_t cap = 0;
    firm_cols fc;
    eca_status st = ECA_OK;
    int r;

    memset(t, 0, sizeof *t);
    memset(rc, 0, sizeof *rc);
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    if (!(t->map = ecai_strmap_alloc())) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < NTEXT; i++)
        fc.text[i] = ecai_csv_find(c, text_cols[i]);
    for (size_t i = 0; i < NNUM; i++)
        fc.num[i] = ecai_csv_find(c, num_cols[i].col);
    while ((r = ecai_csv_next(c, err)) == 1) {
        ecai_firm x = {0};
        const char *column = NULL, *reason = NULL;
        char detail[320];
        rc->read++;
        x.line = ecai_csv_line(c);
        if (take_text(c, &fc, &x) != 0) {
            st = ecai_fail(err, ECA_ENOMEM, "out of memory");
            goto done;
        }
        int bad =
            check_row(c, &fc, &x, &column, &reason, detail, sizeof detail);
        if (!bad) {
            int p = ecai_strmap_put(t->map, x.id, strlen(x.id), 0);
            if (p < 0) {
                firm_free(&x);
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
            if (p == 1) {
                bad = 1;
                column = "firm_id";
                reason = "duplicate_firm";
                snprintf(detail, sizeof detail,
                         "firm_id \"%.200s\" repeats an earlier row", x.id);
            }
        }
        if (bad) {
            firm_free(&x);
            rc->rejected++;
            if ((st = ecai_reject(o, "firms.csv", ecai_csv_line(c), column,
                                  reason, detail, err)) != ECA_OK)
                goto done;
            continue;
        }
        if (t->n == cap) {
            cap = cap ? cap * 2 : 64;
            ecai_firm *q = realloc(t->f, cap * sizeof *q);
            if (!q) {
                firm_free(&x);
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
            t->f = q;
        }
        t->f[t->n++] = x;
        rc->used++;
    }
    if (r < 0) {
        st = err->status;
        goto done;
    }
    /* byte order of firm_id; the map then points at sorted positions
     * (every id kept is in it) */
    if (t->n)
        qsort(t->f, t->n, sizeof *t->f, by_id);
    for (size_t i = 0; i < t->n; i++)
        ecai_strmap_set(t->map, t->f[i].id, strlen(t->f[i].id), (long)i);
done:
    ecai_csv_close(c);
    if (st != ECA_OK)
        ecai_firms_free(t);
    return st;
}
