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

/* Appends a formatted piece of a message's list to buf (n >= 4 bytes, *k
 * of them used, *k = 0 and buf "" to start). A piece that does not fit
 * is left out and the list ends with "..." (over the end of the piece
 * before when it must), so that a cut list says so; later pieces are then
 * ignored. */
void ecai_list_add(char *buf, size_t n, size_t *k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

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
/* 10^k for 0 <= k <= 19 (decimal.c; the number formatting uses it too). */
extern const uint64_t ecai_pow10_u64[20];
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
/* The inverse: calendar fields of a minute count (granularity minute). */
void ecai_period_from_minutes(int64_t minutes, ecai_period *p);

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
/* Gives a present key a new index: 0, or -1 when the key is absent. */
int ecai_strmap_set(ecai_strmap *m, const char *s, size_t n, long idx);

/* ---- CSV reading (csvread.c) ---- */
typedef struct ecai_csv ecai_csv;
/* Opens `path`, reads and checks the header. `name` is used in messages,
 * except that a file that cannot be opened is named by its path. */
ecai_csv *ecai_csv_open(const char *path, const char *name, eca_error *err);
/* 1: path can be opened for reading (an optional file is there). */
int ecai_file_exists(const char *path);
/* ECA_OK when dir is a folder; else ECA_EIO, "DIR: no such folder". */
eca_status ecai_dir_check(const char *dir, eca_error *err);
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

/* Length of the valid UTF-8 text prefix of s; n when all is valid. NUL and
 * other control bytes except TAB, CR, LF are not text. */
size_t ecai_utf8_valid(const unsigned char *s, size_t n);
/* The error of a byte that is not UTF-8 text: byte is 1-based within the
 * line, column the name of its field (NULL or "": not known); a byte of
 * 0x80 and above gets the hint to save the file as UTF-8. */
eca_status ecai_utf8_fail(eca_error *err, const char *name, long line,
                          const char *column, size_t byte,
                          unsigned char value);
/* The same with the column of field (0-based) of c's header, when there
 * is one. */
eca_status ecai_csv_fail_utf8(const ecai_csv *c, eca_error *err, long line,
                              size_t field, size_t byte, unsigned char value);

/* External feeding (the chunked reader feeds ranges of the file itself).
 * 1 when the reader stands at the start of a line with nothing pending (no
 * record queued or begun): *offset is the byte offset of that line in the
 * file and *line the number of the last line read; else 0. */
int ecai_csv_line_start(const ecai_csv *c, uint64_t *offset, long *line);
/* From now on ecai_csv_next returns only records of bytes given to
 * ecai_csv_feed, and 0 when none is queued. `line` is the number of the
 * last line before the next byte fed; `pending` the line where a record
 * pending from earlier lines starts (0: none). */
void ecai_csv_set_external(ecai_csv *c, long line, long pending);
/* Feeds one physical line (with its '\n' when it has one): 0, or -1 on a
 * byte that is not UTF-8 text (err set; no record of the line is made). */
int ecai_csv_feed(ecai_csv *c, const char *s, size_t n, eca_error *err);
/* End of input: completes a last record; -1 on a quote never closed. */
int ecai_csv_feed_end(ecai_csv *c, eca_error *err);
long ecai_csv_pending(const ecai_csv *c);
long ecai_csv_last_line(const ecai_csv *c);
int ecai_csv_in_record(const ecai_csv *c); /* 1: inside a record */
int ecai_csv_fd(const ecai_csv *c);

/* ---- quote-free CSV records (fastcsv.c) ---- */
/* Splits text without a '"' byte into records exactly as libcsv (options 0)
 * and ecai_csv do: fields split at ',', records at CR or LF, spaces and
 * tabs trimmed around fields, lines of blanks skipped, each line checked
 * to be UTF-8 text, the record's line as ecai_csv_line() reports it. */
typedef struct {
    const char *s;
    size_t n;
} ecai_span;

typedef struct {
    const char *p, *end; /* text not yet split; end: end of input */
    const char *line_at; /* start of the current line */
    long line;           /* current line, counted from 0 */
    long pending;        /* line + 1 where a record pending starts, 0: none */
    int line_rec;        /* a record was made in the current line */
    int line_text;       /* the current line has a byte other than blanks, CR, LF */
    long err_line;       /* after -2: the line and 1-based byte position, */
    size_t err_byte;
    size_t err_field;    /* the field of the record (0-based) */
    unsigned char err_value;
    int avx2;            /* the processor has AVX2: 32-byte vectors */
} ecai_fastcsv;

void ecai_fastcsv_init(ecai_fastcsv *st, const char *s, size_t n);
/* 1: a record: its fields in f[0 .. min(*nf, maxf)), *nf its field count,
 * *line its line (from 0), *rec its bytes; 0: end of input; -1: a '"'
 * (the text needs libcsv); -2: a byte that is not UTF-8 text (err_*). */
int ecai_fastcsv_next(ecai_fastcsv *st, ecai_span *f, size_t maxf, size_t *nf,
                      long *line, ecai_span *rec);
/* Lines ended so far (each '\n' passed), and the pending line + 1. */
long ecai_fastcsv_lines(const ecai_fastcsv *st);

/* ---- ordered parallel pipeline (pipeline.c) ---- */
/* Items 0..n-1 go through work (any thread, in parallel) and then commit
 * (one at a time, in the order of k), with at most `slots` items in flight;
 * slot is the item's workspace index. The result depends on neither the
 * thread count nor the timing. Returns the first nonzero commit result. */
typedef struct {
    void *user;
    void (*work)(void *user, size_t k, size_t slot);
    int (*commit)(void *user, size_t k, size_t slot);
} ecai_pipeline;
int ecai_pipeline_run(const ecai_pipeline *p, size_t n, size_t slots,
                      int threads);
/* Slots written over and over by different threads, and the fields one
 * thread writes while others read their neighbours, sit on cache lines of
 * their own (_Alignas(ECAI_LINE)): a line shared by two cores moves
 * between them at every write. */
#define ECAI_LINE 64
/* n zeroed objects of `size` bytes (a multiple of ECAI_LINE) on a line
 * boundary, freed with free(); NULL when out of memory (alloc.c). */
void *ecai_calloc_lines(size_t n, size_t size);
/* The array p of *cap elements of `size` bytes, grown by doubling (from
 * `first` when empty) until element i fits; the array, or NULL when out
 * of memory (p and *cap then unchanged). ecai_grow_zeroed zeroes the new
 * elements. */
void *ecai_grow(void *p, size_t *cap, size_t i, size_t size, size_t first);
void *ecai_grow_zeroed(void *p, size_t *cap, size_t i, size_t size,
                       size_t first);

/* ---- chunked reading of a CSV file (chunk.c, ingest.c) ---- */
/* Block k of a file holds the lines that start in [k x size, (k+1) x size)
 * (from `from` on): its bytes run from the first line start at or after
 * its nominal start to the first line start at or after the next block's. */
typedef struct {
    char *buf;         /* the block's bytes, padded for 16-byte loads */
    size_t len;
    uint64_t at;       /* file offset of buf[0] */
    int eof;           /* the block ends at the end of the file */
    char *mem;         /* the page-aligned allocation buf points into */
    size_t cap;
} ecai_block;
/* 0, or -1 with errno set. */
int ecai_block_read(int fd, uint64_t fsize, uint64_t from, uint64_t size,
                    uint64_t k, ecai_block *b);
void ecai_block_free(ecai_block *b);

/* A CSV record for the consumer of ecai_ingest. */
typedef struct {
    const ecai_span *f; /* fields 0 .. min(nf, keep) - 1 */
    size_t nf;
    long line;          /* see ecai_ingest_ops */
    ecai_span text;     /* the record's bytes (quote-free blocks only) */
} ecai_record;

typedef struct {
    void *user;
    /* Parses record i of the block in `slot` (parallel; records of one
     * block in order on one thread; line counted from the block's first
     * line). Also called on the committing thread, with i = 0, for each
     * record that needs libcsv (line: the file's line). */
    void (*parse)(void *user, size_t slot, size_t i, const ecai_record *r);
    /* Takes record i of `slot` into the result, in file order; `line` is
     * the record's physical line. A non-OK status stops the reading. */
    eca_status (*commit)(void *user, size_t slot, size_t i, long line,
                         eca_error *err);
    void (*progress)(void *user, uint64_t done, uint64_t total);
} ecai_ingest_ops;

typedef struct ecai_ingest ecai_ingest;
/* Opens a CSV file and reads its header (as ecai_csv_open). */
ecai_ingest *ecai_ingest_open(const char *path, const char *name,
                              eca_error *err);
void ecai_ingest_free(ecai_ingest *g);
const ecai_csv *ecai_ingest_csv(const ecai_ingest *g); /* header queries */
/* Workspace slots the consumer must provide for `threads` threads. */
size_t ecai_ingest_slots(const ecai_ingest *g, int threads);
/* Reads every record: parse in parallel, commit in file order; `keep`:
 * the fields of a record the consumer needs (0 .. keep - 1). Stops with
 * the same status and message as reading the file with ecai_csv_next. */
eca_status ecai_ingest_run(ecai_ingest *g, const ecai_ingest_ops *ops,
                           size_t keep, int threads, eca_error *err);
/* Record i of `slot` again (its first `keep` fields into f), for the
 * commit of a parsed record. */
void ecai_ingest_record(const ecai_ingest *g, size_t slot, size_t i,
                        ecai_record *r, ecai_span *f);
/* Test hooks: the block size (0: default) and 1 to read every block with
 * libcsv. Not thread-safe; for tests and benchmarks. */
void ecai_ingest_tune(uint64_t block_bytes, int libcsv_only);

/* ---- duplicate detection by series (dedup.c) ---- */
/* A series is (firm, carrier, flow, meter, process); its periods are kept
 * as runs of evenly spaced keys, one run per series when periods ascend,
 * and as an exact set of keys for a series whose periods come in no
 * order. */
typedef struct ecai_dedup ecai_dedup;
ecai_dedup *ecai_dedup_alloc(void);
void ecai_dedup_free(ecai_dedup *d);
/* The series' index, added when new; -1 no memory. h: any hash of the
 * series. */
long ecai_dedup_series(ecai_dedup *d, uint64_t h, int32_t firm,
                       int32_t carrier, int32_t flow, const char *meter,
                       size_t meter_n, const char *process, size_t process_n);
/* 0: the key is new to the series (now kept), 1: seen, -1: no memory. */
int ecai_dedup_insert(ecai_dedup *d, long series, int64_t key);
/* Bytes held, for benchmarks. */
size_t ecai_dedup_bytes(const ecai_dedup *d);

/* ---- the audit's accepted meter rows, for other modules (audit.c,
 * meters_commit.c) ---- */
/* One row of meters.csv as the audit takes it: accepted (neither rejected
 * nor a duplicate) and of the year that can still be the reporting year
 * (the options' year, else the latest year of an accepted row so far).
 * Rows come strictly in file order, for any thread count. When a row's
 * year differs from the previous row's, a later year has taken over: the
 * rows before it are not of the reporting year. */
typedef struct {
    ecai_fixed q;   /* the quantity in 10^-ECAI_SCALE base units */
    double value;   /* q in base units */
    int64_t unit;   /* the period's index in its unit: months, or days or
                     * minutes since 0000-03-01 (ecai_period_minutes) */
    int32_t firm;   /* the firm's index (byte order of firm_id) */
    int32_t carrier; /* index of the carrier in the factor table */
    int flow;       /* an eca_flow */
    int year;
    ecai_granularity gran;
} ecai_meter_row;

typedef struct {
    /* A status other than ECA_OK stops the run with it. */
    eca_status (*row)(void *user, const ecai_meter_row *r, eca_error *err);
    void *user;
} ecai_meter_tap;

/* eca_audit_run, giving every such row to tap (NULL: none) as it is
 * committed. */
eca_audit *ecai_audit_run_tap(const eca_factors *f, const char *dir,
                              const eca_audit_options *o,
                              const ecai_meter_tap *tap, eca_error *err);

/* ---- output helpers (output.c) ---- */
int ecai_csv_put(FILE *fp, const char *s); /* RFC 4180, quoted when needed */
int ecai_json_put(FILE *fp, const char *s); /* a JSON string literal */
int ecai_num_put(FILE *fp, double v);       /* %.15g, empty when NaN */
/* "dir/name", malloc'd, or NULL. */
char *ecai_path_join(const char *dir, const char *name);
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

/* 1 when a scope cell ("all", or words separated by spaces) holds word. */
int ecai_scope_has(const char *scope, const char *word);
/* The first row with this key whose scope holds word, or NULL. */
const ecai_trow *ecai_table_find_scoped(const ecai_table *t, const char *key,
                                        const char *word);

/* ---- coke limit tables (cokelimits.c) ---- */
typedef struct ecai_coke_tables ecai_coke_tables;
ecai_coke_tables *ecai_coke_tables_load(const char *dir, eca_error *err);
void ecai_coke_tables_free(ecai_coke_tables *t);

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
/* status (ECA_EFACTOR for a factor table, ECA_EINPUT for an input file)
 * unless the record has as many fields as the header. */
eca_status ecai_col_count(const ecai_csv *c, eca_status status,
                          eca_error *err);
/* Cell col (named name in the message) as a number in [lo, hi], or
 * ECA_EINPUT naming its position. */
eca_status ecai_col_num_in(const ecai_csv *c, long col, const char *name,
                           double lo, double hi, double *v, eca_error *err);

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
/* The years of electricity.csv, "2019, 2020, ...", in buf (n > 0); the
 * number of years. */
size_t ecai_factors_equal_years(const eca_factors *f, char *buf, size_t n);
/* The first year of a region in grid.csv; 0 when it has no row. */
int ecai_factors_grid_first(const eca_factors *f, const char *region);
/* eca_factors_grid, with the message of a region that grid.csv lacks or
 * that has no figure in or before the year (its first year named). */
eca_status ecai_factors_grid_at(const eca_factors *f, const char *region,
                                int year, double *tco2_per_mwh,
                                int *year_used, const char **source,
                                eca_error *err);
/* A threshold row by rule: 1 found, 0 absent. */
int ecai_factors_threshold_full(const eca_factors *f, const char *rule,
                                double *value, const char **severity,
                                const char **source);
/* A rule of thresholds.csv whose scope holds word (an oven type, or
 * "all"), or NULL. */
const ecai_trow *ecai_factors_rule(const eca_factors *f, const char *rule,
                                   const char *word);
/* The coke limit tables (coke_limits.csv, coke_corrections.csv). */
const ecai_coke_tables *ecai_factors_coke(const eca_factors *f);
/* The shipped directory, then each override file applied, in order. */
const char *const *ecai_factors_files(const eca_factors *f, size_t *n);

#endif
