/* solar_cells.c: the checks that site.csv and weather.csv share: whether
 * the file is there, a row's field count, a number cell within its range. */
#include "solar.h"

/* 1: path can be opened for reading. */
int ecai_solar_file_exists(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp)
        fclose(fp);
    return fp != NULL;
}

/* A number cell in [lo, hi], or an input error naming its position. */
eca_status ecai_solar_num_in(const ecai_csv *c, long col, const char *name,
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

/* An input error when the row's field count is not the header's. */
eca_status ecai_solar_fields_ok(const ecai_csv *c, eca_error *err)
{
    if (ecai_csv_nfields(c) != ecai_csv_columns(c))
        return ecai_fail(err, ECA_EINPUT,
                         "%s:%ld: row has %zu fields, header has %zu",
                         ecai_csv_name(c), ecai_csv_line(c),
                         ecai_csv_nfields(c), ecai_csv_columns(c));
    return ECA_OK;
}
