/* cells.c: reading the cells of a record (a factor table's, site.csv's,
 * weather.csv's), with errors that name file, line and column. */
#include "internal.h"

const char *ecai_col(const ecai_csv *c, const char *col, size_t *n)
{
    long i = col ? ecai_csv_find(c, col) : -1;
    if (i < 0) {
        *n = 0;
        return "";
    }
    return ecai_csv_field(c, (size_t)i, n);
}

eca_status ecai_col_bad(eca_error *err, const ecai_csv *c, const char *col,
                         const char *v, const char *why)
{
    return ecai_fail(err, ECA_EFACTOR, "%s:%ld: column '%s': \"%s\" %s",
                     ecai_csv_name(c), ecai_csv_line(c), col, v, why);
}

int ecai_col_num(const ecai_csv *c, const char *col, double *v,
                  eca_error *err)
{
    size_t n;
    const char *s = ecai_col(c, col, &n);
    if (n == 0)
        return 0;
    if (ecai_parse_double(s, n, v) != 0 || *v < 0) {
        ecai_col_bad(err, c, col, s, "is not a number at least 0");
        return -1;
    }
    return 1;
}

eca_status ecai_col_count(const ecai_csv *c, eca_status status,
                          eca_error *err)
{
    if (ecai_csv_nfields(c) != ecai_csv_columns(c))
        return ecai_fail(err, status,
                         "%s:%ld: row has %zu fields, header has %zu",
                         ecai_csv_name(c), ecai_csv_line(c),
                         ecai_csv_nfields(c), ecai_csv_columns(c));
    return ECA_OK;
}

eca_status ecai_col_num_in(const ecai_csv *c, long col, const char *name,
                           double lo, double hi, double *v, eca_error *err)
{
    size_t n;
    const char *s = ecai_csv_field(c, (size_t)col, &n);
    if (ecai_parse_double(s, n, v) != 0 || !(*v >= lo) || !(*v <= hi))
        return ecai_fail(err, ECA_EINPUT,
                         "%s:%ld: column '%s': \"%s\" is not a number in "
                         "[%g, %g]", ecai_csv_name(c), ecai_csv_line(c), name,
                         s, lo, hi);
    return ECA_OK;
}
