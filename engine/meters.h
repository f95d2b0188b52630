/* meters.h: the state of one reading of meters.csv, shared by meters.c
 * (parsing rows, in parallel) and meters_commit.c (committing them in
 * file order); not API. */
#ifndef ECA_METERS_H
#define ECA_METERS_H

#include "audit.h"

enum { ECAI_C_FIRM, ECAI_C_METER, ECAI_C_CARRIER, ECAI_C_FLOW,
       ECAI_C_PROCESS, ECAI_C_PERIOD, ECAI_C_QTY, ECAI_C_UNIT, ECAI_C_EST,
       ECAI_NCOL };
extern const char *const ecai_meters_col_names[ECAI_NCOL];

enum { ECAI_R_OK = 0, ECAI_R_FIELDS, ECAI_R_MISSING, ECAI_R_FIRM,
       ECAI_R_CARRIER, ECAI_R_FLOW, ECAI_R_PERIOD, ECAI_R_QTY, ECAI_R_NEG,
       ECAI_R_RANGE, ECAI_R_UNIT, ECAI_R_DIM, ECAI_R_EST, ECAI_R_DUP,
       ECAI_NREASON };

/* One parsed row. meter and process point into the record's bytes, which
 * live until the row is committed. */
typedef struct {
    ecai_fixed q;  /* quantity in 10^-9 base units */
    double value;  /* q in base units, for the series quality checks */
    int64_t key;   /* the period's unit index x 3 + its granularity (a
                    * duplicate key within the series) */
    uint64_t sh;   /* hash of the series */
    const char *meter, *process;
    uint32_t meter_n, process_n;
    int32_t firm, carrier, year;
    uint16_t bin;  /* its month or day of the year (ecai_quality_unit) */
    uint8_t gran;
    uint8_t flow, coking, estimated, reason, col;
    uint8_t same; /* same series as the block's previous good row */
} ecai_mrow;

/* The lookups of the previous rows of a block: rows of one series repeat
 * their cells, so most rows look nothing up. */
typedef struct {
    unsigned valid; /* bits: firm, carrier, flow, unit, series */
    ecai_span firm, carrier, flow, unit, meter, process;
    int32_t firm_i, car_i, flow_i;
    const ecai_unit *u;
    int32_t prev_firm, prev_car, prev_flow;
    uint64_t series_h;
    uint8_t coking;
} ecai_mcache;

/* A block's parsed rows; the cache is written for every row. */
typedef struct {
    _Alignas(ECAI_LINE) ecai_mrow *p;
    size_t cap;
    int nomem;
    ecai_mcache cache;
} ecai_mslot;

/* The exact sum of one series (the duplicate check's series id) over the
 * rows of the year that can still be the reporting year; folded into the
 * firms' cells at the end of the file (ecai_meters_fold). */
typedef struct {
    ecai_fixed q;
    int32_t firm, year; /* year 0: no row kept */
    uint32_t cell;      /* ecai_cell(carrier, flow, 0) */
    uint8_t coking;
} ecai_ssum;

typedef struct {
    /* read by every parsing thread */
    const eca_factors *f;
    const ecai_firms *firms;
    const eca_audit_options *o;
    const ecai_carrier *cars;
    size_t ncar;
    long col[ECAI_NCOL]; /* header index of each column, -1: absent */
    int in_order;        /* col[i] == i: a record's fields are its cells */
    size_t ncols, keep;
    ecai_mslot *slots;
    size_t nslots;
    /* the ordered commit's, written for every row */
    _Alignas(ECAI_LINE) eca_row_counts counts;
    ecai_acc *acc;
    ecai_reason_count *reasons;
    size_t *nreasons;
    ecai_ingest *g;
    ecai_dedup *dd;
    ecai_span *cells; /* a record's fields, when a commit needs them */
    long last_sid;    /* series of the previous good row */
    int live_year;    /* the year whose sums are kept (see meters_commit.c) */
    ecai_ssum *ss;    /* by series id */
    size_t nss;
    int cur_year;     /* the previous good row's year and its slot */
    long cur_slot;
} ecai_meters;

/* The ECAI_NCOL cells of a record ("" for an absent column). */
void ecai_meters_cells(const ecai_meters *m, const ecai_record *r,
                       ecai_span *s);
/* ecai_ingest_ops.commit */
eca_status ecai_meters_commit(void *user, size_t slot, size_t i, long line,
                              eca_error *err);
/* The series sums of the kept year into its firms' cells (acc->cells). */
eca_status ecai_meters_fold(ecai_meters *m, eca_error *err);

#endif
