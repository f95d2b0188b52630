/* internal.h: declarations shared between the library's modules; not API.
 * Cross-module private names start with ecai_ and are hidden from the
 * shared library by -fvisibility=hidden. */
#ifndef ECA_INTERNAL_H
#define ECA_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include "eca.h"

/* ---- errors (error.c) ---- */
/* Sets err (first error wins) and returns s. */
eca_status ecai_fail(eca_error *err, eca_status s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- exact decimals (decimal.c) ---- */
/* A decimal as written: (-1)^neg x mant x 10^exp, at most 19 significant
 * digits kept (further digits rounded half-even). */
typedef struct {
    int neg;
    uint64_t mant;
    int exp;
} ecai_decimal;

/* Quantities are summed exactly as integers of 10^-ECAI_SCALE base units. */
#define ECAI_SCALE 9
typedef __int128 ecai_fixed;

/* 0 on success, -1 when the text is not a decimal number. */
int ecai_decimal_parse(const char *s, size_t n, ecai_decimal *d);
/* q x unit in units of 10^-ECAI_SCALE, rounded half-even; -1 on overflow
 * of the per-row cap ECAI_FIXED_ROW_MAX. */
int ecai_decimal_to_fixed(const ecai_decimal *q, const ecai_decimal *unit,
                          ecai_fixed *out);
double ecai_fixed_to_double(ecai_fixed v);
/* Parses a plain double (factor tables, firm inputs); -1 when not a number. */
int ecai_parse_double(const char *s, size_t n, double *out);

/* ---- periods (period.c) ---- */
typedef enum { ECAI_PER_MONTH = 0, ECAI_PER_DAY, ECAI_PER_MINUTE } ecai_granularity;
typedef struct {
    int year, month, day, hour, minute;
    ecai_granularity gran;
} ecai_period;
/* 0 on success, -1 when not YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm. */
int ecai_period_parse(const char *s, size_t n, ecai_period *p);
/* Minutes since 0000-03-01, for ordering and duplicate keys. */
int64_t ecai_period_minutes(const ecai_period *p);

/* ---- hashing (hash.c) ---- */
uint64_t ecai_hash(const void *p, size_t n, uint64_t seed);

/* String -> index map; keys are copied. */
typedef struct ecai_strmap ecai_strmap;
ecai_strmap *ecai_strmap_alloc(void);
void ecai_strmap_free(ecai_strmap *m);
/* Returns the stored index, or -1. */
long ecai_strmap_get(const ecai_strmap *m, const char *s, size_t n);
/* 0 on success, 1 when the key was present (index unchanged), -1 no memory. */
int ecai_strmap_put(ecai_strmap *m, const char *s, size_t n, long idx);

/* A set of 128-bit keys (duplicate detection). */
typedef struct ecai_keyset ecai_keyset;
ecai_keyset *ecai_keyset_alloc(void);
void ecai_keyset_free(ecai_keyset *k);
/* 0 inserted, 1 already present, -1 no memory. */
int ecai_keyset_insert(ecai_keyset *k, uint64_t h1, uint64_t h2);

/* ---- CSV reading (csvread.c) ---- */
typedef struct ecai_csv ecai_csv;
/* Opens `path`, reads and checks the header. `name` is used in messages. */
ecai_csv *ecai_csv_open(const char *path, const char *name, eca_error *err);
void ecai_csv_close(ecai_csv *c);
const char *ecai_csv_name(const ecai_csv *c);
size_t ecai_csv_columns(const ecai_csv *c);
const char *ecai_csv_column_name(const ecai_csv *c, size_t i);
/* Index of a header column, or -1. */
long ecai_csv_find(const ecai_csv *c, const char *name);
/* Checks that every name in `names` (NULL-terminated) is a column. */
eca_status ecai_csv_require(const ecai_csv *c, const char *const *names,
                            eca_error *err);
/* 1: a record is ready; 0: end of file; -1: error (err set). */
int ecai_csv_next(ecai_csv *c, eca_error *err);
size_t ecai_csv_nfields(const ecai_csv *c);
/* Field i of the current record (NUL-terminated); "" when i is past the
 * record's end. */
const char *ecai_csv_field(const ecai_csv *c, size_t i, size_t *len);
long ecai_csv_line(const ecai_csv *c);
uint64_t ecai_csv_bytes_read(const ecai_csv *c);
uint64_t ecai_csv_bytes_total(const ecai_csv *c);

/* ---- output helpers (output.c) ---- */
int ecai_csv_put(FILE *fp, const char *s); /* RFC 4180, quoted when needed */
int ecai_json_put(FILE *fp, const char *s); /* a JSON string literal */
int ecai_num_put(FILE *fp, double v);       /* %.15g, empty when NaN */
/* dir/name opened for writing, or NULL with err set. */
FILE *ecai_out_open(const char *dir, const char *name, eca_error *err);
/* Closes, and fails when any write failed. */
eca_status ecai_out_close(FILE *fp, const char *name, eca_error *err);

/* ---- keyed tables (tables.c) ---- */
/* A row of a small table of factors/: text cells are "" when the table has
 * no such column, year 0. */
typedef struct {
    char *key, *scope, *unit, *severity, *source;
    int year;
    double value;
} ecai_trow;

typedef struct {
    ecai_trow *row;
    size_t n;
} ecai_table;

/* Loads path: `req` the required columns, `key_col` the key column (or
 * NULL), `value_col` the number; every row must name its source. */
eca_status ecai_table_load(ecai_table *t, const char *path, const char *name,
                           const char *const *req, const char *key_col,
                           const char *value_col, eca_error *err);
void ecai_table_free(ecai_table *t);
/* The first row with this key (NULL: any) and year (0: any), or NULL. */
const ecai_trow *ecai_table_find(const ecai_table *t, const char *key,
                                 int year);

/* ---- factors (factors.c) ---- */
typedef struct {
    char *code, *unit, *source;
    eca_dimension dim;
    /* coefficients per base unit of the dimension */
    double kgce, kgce_low, kgce_high, ncv_gj, carbon_tc_per_tj, oxidation;
    int renewable;
    int has_range; /* the standard gives a range kgce_low..kgce_high */
} ecai_carrier;

typedef struct {
    char *name;
    eca_dimension dim;
    ecai_decimal to_base;
    double to_base_d;
} ecai_unit;

/* Record cells by column name (cells.c): "" for an absent column. */
const char *ecai_col(const ecai_csv *c, const char *col, size_t *n);
eca_status ecai_col_bad(eca_error *err, const ecai_csv *c, const char *col,
                         const char *v, const char *why);
/* An optional number >= 0: 0 absent, 1 read, -1 error set. */
int ecai_col_num(const ecai_csv *c, const char *col, double *v,
                  eca_error *err);
/* ECA_EFACTOR unless the record has as many fields as the header. */
eca_status ecai_col_count(const ecai_csv *c, eca_error *err);

/* Carriers (carriers.c). Applies a carrier row to *x: given cells replace
 * its own, in the row's unit; `exists`: x holds a carrier already;
 * `shipped`: the row must cite its source. */
eca_status ecai_carrier_apply(const eca_factors *f, const ecai_csv *c,
                              const char *path, int shipped, int exists,
                              ecai_carrier *x, eca_error *err);
int ecai_carrier_copy(ecai_carrier *dst, const ecai_carrier *src);
void ecai_carrier_clear(ecai_carrier *x);

const ecai_carrier *ecai_factors_carriers(const eca_factors *f, size_t *n);
/* Index of a unit, or -1. */
long ecai_factors_unit_find(const eca_factors *f, const char *s, size_t n);
const ecai_unit *ecai_factors_unit(const eca_factors *f, long i);
long ecai_factors_carrier_findn(const eca_factors *f, const char *s, size_t n);
const char *ecai_factors_equal_source(const eca_factors *f, int year);
/* A threshold row by rule: 1 found, 0 absent. */
int ecai_factors_threshold_full(const eca_factors *f, const char *rule,
                                double *value, const char **severity,
                                const char **source);
/* The shipped directory, then each override file applied, in order. */
const char *const *ecai_factors_files(const eca_factors *f, size_t *n);

#endif
