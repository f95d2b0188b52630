/* stages.c: where the time of `eca audit` goes, stage by stage, on one
 * dataset folder: the machine's ceiling (reading the file, counting its
 * lines), splitting it into records, the meter rows checked and summed,
 * the same with the series quality rows, the whole audit, the output.
 * Usage: bench-stages DIR FACTORS THREADS YEAR; prints one line per stage:
 * name, seconds, MB/s. Links the static library (internal names). */
#include <fcntl.h>
#include <gsl/gsl_errno.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "audit.h"

static double now(void) { return omp_get_wtime(); }

static double mb;

static void report(const char *stage, double s)
{
    printf("%-22s %8.3f s %9.0f MB/s\n", stage, s, mb / s);
    fflush(stdout);
}

/* Reads the file through in 1 MiB reads; counts LF bytes when asked. */
static long read_all(const char *path, int count)
{
    static char buf[1 << 20];
    long lines = 0;
    ssize_t got;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    while ((got = read(fd, buf, sizeof buf)) > 0)
        for (const char *p = buf, *e = buf + got; count && p < e; p++) {
            p = memchr(p, '\n', (size_t)(e - p));
            if (!p)
                break;
            lines++;
        }
    close(fd);
    return lines;
}

typedef struct {
    size_t (*fields)[8]; /* per slot, a cache line each */
} split_count;

static void split_parse(void *user, size_t slot, size_t i,
                        const ecai_record *r)
{
    split_count *c = user;
    (void)i;
    c->fields[slot][0] += r->nf;
}

static eca_status split_commit(void *user, size_t slot, size_t i, long line,
                               eca_error *err)
{
    (void)user;
    (void)slot;
    (void)i;
    (void)line;
    (void)err;
    return ECA_OK;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s DIR FACTORS THREADS YEAR\n", argv[0]);
        return 2;
    }
    gsl_set_error_handler_off(); /* statuses are checked where it matters */
    const char *dir = argv[1];
    int threads = atoi(argv[3]);
    char mp[4096], fp[4096];
    snprintf(mp, sizeof mp, "%s/meters.csv", dir);
    snprintf(fp, sizeof fp, "%s/firms.csv", dir);
    struct stat st;
    if (stat(mp, &st) != 0) {
        perror(mp);
        return 1;
    }
    mb = (double)st.st_size / 1e6;
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(argv[2], &err);
    if (!f) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    eca_audit_options o;
    eca_audit_options_init(&o);
    o.threads = threads;
    o.year = atoi(argv[4]);

    double t = now();
    read_all(mp, 0);
    report("read (ceiling)", now() - t);
    t = now();
    read_all(mp, 1);
    report("count lines (ceiling)", now() - t);

    split_count sc = {NULL};
    ecai_ingest *g = ecai_ingest_open(mp, "meters.csv", &err);
    size_t nslots = g ? ecai_ingest_slots(g, threads) : 0;
    sc.fields = aligned_alloc(64, (nslots + 1) * sizeof *sc.fields);
    ecai_ingest_ops ops = {&sc, split_parse, split_commit, NULL};
    if (sc.fields)
        memset(sc.fields, 0, (nslots + 1) * sizeof *sc.fields);
    t = now();
    if (!g || !sc.fields ||
        ecai_ingest_run(g, &ops, 9, threads, &err) != ECA_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    report("split into records", now() - t);
    ecai_ingest_free(g);
    free(sc.fields);

    ecai_firms firms = {0};
    eca_row_counts rf, rm;
    ecai_reason_count reasons[ECAI_REASON_MAX];
    size_t nr, ncar;
    if (ecai_firms_load(&firms, fp, &o, &rf, &err) != ECA_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    ecai_factors_carriers(f, &ncar);
    for (int q = 0; q < 2; q++) {
        ecai_acc acc = {.nfirm = firms.n, .ncar = ncar};
        if (q)
            acc.quality = ecai_quality_alloc();
        t = now();
        if (ecai_meters_read(mp, f, &firms, &o, &acc, &rm, reasons, &nr,
                             &err) != ECA_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        report(q ? "rows + series quality" : "rows checked, summed",
               now() - t);
        ecai_quality_free(acc.quality);
        ecai_acc_free(&acc);
    }
    ecai_firms_free(&firms);

    t = now();
    eca_audit *a = eca_audit_run(f, dir, &o, &err);
    if (!a) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    report("whole audit", now() - t);
    char tmp[] = "/tmp/eca-stages.XXXXXX";
    if (!mkdtemp(tmp))
        return 1;
    t = now();
    eca_status ws = eca_audit_write(a, f, &o, tmp, &err);
    report("output files", now() - t);
    char cmd[100];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0 || ws != ECA_OK)
        return 1;
    eca_audit_free(a);
    eca_factors_free(f);
    return 0;
}
