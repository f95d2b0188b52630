/* quality.h: meter series quality (quality.c); not API. */
#ifndef ECA_QUALITY_H
#define ECA_QUALITY_H

#include "internal.h"

/* One meter series (firm, meter, carrier, flow, process) of one year and
 * granularity. Periods are counted in the series' unit: months, days or
 * minutes. */
typedef struct {
    int32_t firm, carrier;
    int flow, gran, year;
    char *meter, *process;
    int64_t first, last, prev, step; /* step: the smallest gap seen */
    uint64_t rows, estimated, out_of_order;
    double prev_value;
    uint32_t run, stuck_max, zero_run, zero_max;
    int nbin; /* 12 months or 366 days */
    double *bin_sum;
    uint32_t *bin_n;
    /* from ecai_quality_analyse */
    uint64_t missing;  /* periods missing inside [first, last] */
    uint64_t expected; /* periods of the year at the series' step */
    uint32_t spikes, drops;
    double max_z; /* the robust z of largest magnitude */
    int seasonal; /* 1: median and MAD taken by calendar month */
} ecai_series;

typedef struct ecai_quality ecai_quality;

ecai_quality *ecai_quality_alloc(void);
void ecai_quality_free(ecai_quality *q);
/* One accepted meter row, in file order; value in base units. */
eca_status ecai_quality_add(ecai_quality *q, int32_t firm, int32_t carrier,
                            int flow, const char *meter, size_t meter_n,
                            const char *process, size_t process_n,
                            const ecai_period *p, double value, int estimated,
                            eca_error *err);
/* The same, for a row whose series the caller numbers `sid` (firm, meter,
 * carrier, flow, process): the series is found without its key when the
 * id was seen with the same granularity and year. */
eca_status ecai_quality_add_sid(ecai_quality *q, long sid, int32_t firm,
                                int32_t carrier, int flow, const char *meter,
                                size_t meter_n, const char *process,
                                size_t process_n, const ecai_period *p,
                                double value, int estimated, eca_error *err);
/* Gaps, coverage, spikes and drops of the series of `year`; a bin whose
 * robust z exceeds z_limit is a spike (or below -z_limit a drop), the
 * robust scale at least floor x |median|. */
void ecai_quality_analyse(ecai_quality *q, int year, double z_limit,
                          double floor, int threads);
ecai_series *ecai_quality_series(const ecai_quality *q, size_t *n);

#endif
