/* tables.c: the small keyed tables of factors/ (electricity.csv,
 * thresholds.csv, grid.csv, emission.csv): a value per key and/or year,
 * each row with its source. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void ecai_table_free(ecai_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->row[i].key);
        free(t->row[i].scope);
        free(t->row[i].unit);
        free(t->row[i].severity);
        free(t->row[i].source);
    }
    free(t->row);
    memset(t, 0, sizeof *t);
}

/* One row into r; ECA_OK or an error naming the cell. */
static eca_status read_row(const ecai_csv *c, const char *key_col,
                           const char *value_col, ecai_trow *r,
                           eca_error *err)
{
    const char *name = ecai_csv_name(c);
    long line = ecai_csv_line(c);
    size_t n;
    const char *s;

    if (ecai_col_count(c, ECA_EFACTOR, err) != ECA_OK)
        return err->status;
    s = ecai_col(c, value_col, &n);
    if (ecai_parse_double(s, n, &r->value) != 0)
        return ecai_fail(err, ECA_EFACTOR,
                         "%s:%ld: column '%s': \"%s\" is not a number", name,
                         line, value_col, s);
    s = ecai_col(c, "year", &n);
    if (ecai_csv_find(c, "year") >= 0) {
        double y;
        if (ecai_parse_double(s, n, &y) != 0 || y < 1900 || y > 9999 ||
            y != (int)y)
            return ecai_fail(err, ECA_EFACTOR,
                             "%s:%ld: column 'year': \"%s\" is not a year",
                             name, line, s);
        r->year = (int)y;
    }
    static const char *const cols[] = {"scope", "unit", "severity", "source"};
    char **dst[] = {&r->scope, &r->unit, &r->severity, &r->source};
    if (!(r->key = strdup(ecai_col(c, key_col, &n))))
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (key_col && n == 0)
        return ecai_fail(err, ECA_EFACTOR, "%s:%ld: column '%s' is empty",
                         name, line, key_col);
    for (int i = 0; i < 4; i++)
        if (!(*dst[i] = strdup(ecai_col(c, cols[i], &n))))
            return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (!r->source[0])
        return ecai_fail(err, ECA_EFACTOR,
                         "%s:%ld: column 'source' is empty: every figure "
                         "must cite its source", name, line);
    return ECA_OK;
}

eca_status ecai_table_load(ecai_table *t, const char *path, const char *name,
                           const char *const *req, const char *key_col,
                           const char *value_col, eca_error *err)
{
    ecai_csv *c = ecai_csv_open(path, name, err);
    eca_status st;
    size_t cap = 0;
    int r;

    memset(t, 0, sizeof *t);
    if (!c)
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    while ((r = ecai_csv_next(c, err)) == 1) {
        if (t->n == cap) {
            cap = cap ? cap * 2 : 16;
            ecai_trow *q = realloc(t->row, cap * sizeof *q);
            if (!q) {
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
            t->row = q;
        }
        memset(&t->row[t->n], 0, sizeof t->row[t->n]);
        t->n++; /* counted first, so a half-read row is freed */
        if ((st = read_row(c, key_col, value_col, &t->row[t->n - 1], err)) !=
            ECA_OK)
            goto done;
    }
    st = r < 0 ? err->status : ECA_OK;
done:
    ecai_csv_close(c);
    return st;
}

const ecai_trow *ecai_table_find(const ecai_table *t, const char *key,
                                 int year)
{
    for (size_t i = 0; i < t->n; i++)
        if ((!key || strcmp(t->row[i].key, key) == 0) &&
            (!year || t->row[i].year == year))
            return &t->row[i];
    return NULL;
}

int ecai_scope_has(const char *scope, const char *word)
{
    size_t n = strlen(word);
    if (strcmp(scope, "all") == 0)
        return 1;
    for (const char *p = scope; *p;) {
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, " ");
        if (k == n && k && strncmp(p, word, n) == 0)
            return 1;
        p += k;
    }
    return 0;
}

const ecai_trow *ecai_table_find_scoped(const ecai_table *t, const char *key,
                                        const char *word)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->row[i].key, key) == 0 &&
            ecai_scope_has(t->row[i].scope, word))
            return &t->row[i];
    return NULL;
}
