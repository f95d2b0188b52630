/* test_ingest.c: the chunked reader against the libcsv reader (the checks
 * of fuzz_fastcsv.c over its corpus, the CSV corpus, random inputs and
 * long records),
 * the fast decimal paths against the general ones, duplicate detection by
 * series against a plain list, the ordered pipeline, and whole audits
 * byte-identical for any block size, reading mode and thread count. */
#include <dirent.h>
#include "fuzz/fuzz_fastcsv.c"
#include "testutil.h"

/* ---- a small deterministic generator (splitmix64) ---- */
static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

static uint64_t pow10_u64(int k)
{
    uint64_t v = 1;
    while (k-- > 0)
        v *= 10;
    return v;
}

/* ---- the fuzz target's checks on corpora and random inputs ---- */

static int replay_dir(const char *rel)
{
    char *dir = tu_src(rel);
    struct dirent **list = NULL;
    int k = scandir(dir, &list, NULL, alphasort), n = 0;
    assert_true(k >= 0);
    for (int i = 0; i < k; i++) {
        char *p = tu_path(dir, list[i]->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            FILE *fp = fopen(p, "rb");
            assert_non_null(fp);
            uint8_t *buf = malloc((size_t)st.st_size + 1);
            assert_non_null(buf);
            size_t got = fread(buf, 1, (size_t)st.st_size, fp);
            fclose(fp);
            assert_int_equal(got, (size_t)st.st_size);
            LLVMFuzzerTestOneInput(buf, got);
            free(buf);
            n++;
        }
        free(p);
        free(list[i]);
    }
    free(list);
    free(dir);
    return n;
}

static void corpus_fastcsv(void **state)
{
    (void)state;
    assert_true(replay_dir("tests/fuzz/corpus/fastcsv") >= 10);
}

static void corpus_csv(void **state)
{
    (void)state;
    replay_dir("tests/fuzz/corpus/csv");
}

/* Random text from pieces that matter to CSV: separators, blanks, line
 * ends, quotes, multi-byte and broken UTF-8, NUL, and STOP records. */
static size_t random_text(uint8_t *buf, size_t cap, int quotes)
{
    static const char *const piece[] = {
        "a", "bc", "12.5", ",", ",", ",", "\n", "\n", "\r\n", "\r", " ",
        "\t", "\"", "\"\"", "\xc3\xa9", "\xe4\xb8\xad", "\xff", "\xe4\xb8",
        "\x01", "\n\n", "   \n", "STOP\n", "x,y,z\n", "\x7f", "\xed\xa0\x80"};
    size_t n = 0, np = sizeof piece / sizeof piece[0];
    while (n + 8 < cap) {
        const char *p = piece[below((unsigned)np)];
        if (!quotes && strchr(p, '"'))
            continue;
        size_t k = strlen(p);
        memcpy(buf + n, p, k);
        n += k;
        if (below(40) == 0)
            break;
    }
    return n;
}

static void random_inputs(void **state)
{
    (void)state;
    uint8_t buf[4096];
    rng_state = 20240917;
    for (int i = 0; i < 3000; i++) {
        size_t cap = 16 + below(i % 10 == 0 ? 4000 : 300);
        size_t n = random_text(buf, cap, i % 3 != 0);
        if (i % 7 == 0 && n) /* some clean text: no broken bytes */
            for (size_t j = 0; j < n; j++)
                if (buf[j] >= 0x80 || (buf[j] < 0x20 && buf[j] != '\n' &&
                                       buf[j] != '\r' && buf[j] != '\t'))
                    buf[j] = 'q';
        LLVMFuzzerTestOneInput(buf, n);
    }
}

/* Records of 40 to 200 bytes, most of them plain, so that their ends,
 * commas, edge spaces, CRLFs and multi-byte characters fall on every side
 * of the 64-byte views fastcsv.c classifies; now and then a byte that
 * sends a record to the careful path (TAB, CR alone, a control, UTF-8
 * that is not text), a blank line, or a text cut before its last LF. */
static size_t long_text(uint8_t *buf, size_t cap)
{
    static const char *const multi[] = {"\xc3\xa9", "\xe4\xb8\xad",
        "\xf0\x9f\x98\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf"};
    static const char *const odd[] = {"\t", "\r", "\x01", "\xff", "\xe4\xb8",
        "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc1\xbf", "\xe0\x9f\xbf"};
    size_t n = 0;
    while (n + 220 < cap) {
        size_t len = 40 + below(160), start = n;
        while (n - start < len) {
            unsigned r = below(1000);
            const char *p = r < 120   ? ","
                            : r < 160 ? " "
                            : r < 200 ? multi[below(6)]
                            : r < 202 ? odd[below(9)]
                                      : NULL;
            if (p) {
                memcpy(buf + n, p, strlen(p));
                n += strlen(p);
            } else {
                buf[n++] = (uint8_t)("0123456789.-_abcXYZ"[below(19)]);
            }
        }
        unsigned e = below(20);
        const char *end = e < 2 ? "\r\n" : e < 3 ? "\n\n" : e < 4 ? "\n  \n" : "\n";
        memcpy(buf + n, end, strlen(end));
        n += strlen(end);
    }
    return below(8) == 0 && n ? n - 1 : n;
}

static void long_records(void **state)
{
    (void)state;
    uint8_t buf[3000];
    rng_state = 640064;
    for (int i = 0; i < 400; i++)
        LLVMFuzzerTestOneInput(buf, long_text(buf, 300 + below(2700)));
}

/* ---- decimals: the one-pass form against the general parse ---- */

/* The general parse alone: the same text with a trailing "e0", which the
 * one-pass form does not take. */
static void decimal_plain_path(void **state)
{
    (void)state;
    char s[64], t[70];
    rng_state = 77;
    for (int i = 0; i < 200000; i++) {
        size_t n = 0, len = 1 + below(24);
        if (below(4) == 0)
            s[n++] = below(2) ? '-' : '+';
        int dot = 0;
        while (n < len) {
            unsigned r = below(14);
            s[n++] = r < 10 ? (char)('0' + r) : r == 10 && !dot ? (dot = 1, '.')
                                                : r == 11   ? '0'
                                                            : (char)('0' + below(10));
        }
        ecai_decimal a = {9, 9, 9}, b = {9, 9, 9};
        int ra = ecai_decimal_parse(s, n, &a);
        memcpy(t, s, n);
        memcpy(t + n, "e0", 2);
        int rb = ecai_decimal_parse(t, n + 2, &b);
        assert_int_equal(ra, rb);
        if (ra == 0) {
            assert_int_equal(a.neg, b.neg);
            assert_true(a.mant == b.mant);
            assert_int_equal(a.exp, b.exp);
        }
    }
}

/* The scaling against a plain reference: digit by digit in __int128. */
static int ref_to_fixed(const ecai_decimal *q, const ecai_decimal *u,
                        ecai_fixed *out)
{
    ecai_fixed m = (ecai_fixed)q->mant * (ecai_fixed)u->mant;
    long e = (long)q->exp + u->exp + ECAI_SCALE;
    int neg = q->neg != u->neg, digits = 0;
    if (m == 0) {
        *out = 0;
        return 0;
    }
    for (ecai_fixed t = m; t; t /= 10)
        digits++;
    if (digits + e > 15 + ECAI_SCALE + 1)
        return -1;
    if (e >= 0) {
        for (long i = 0; i < e; i++)
            m *= 10;
    } else if (-e > 38) {
        m = 0;
    } else {
        ecai_fixed p = 1;
        for (long i = 0; i < -e; i++)
            p *= 10;
        ecai_fixed qq = m / p, r = m % p, half = p / 2;
        if (r > half || (r == half && (qq & 1)))
            qq++;
        m = qq;
    }
    ecai_fixed cap = 1;
    for (int i = 0; i < 15 + ECAI_SCALE; i++)
        cap *= 10;
    if (m > cap)
        return -1;
    *out = neg ? -m : m;
    return 0;
}

static void decimal_to_fixed(void **state)
{
    (void)state;
    rng_state = 4242;
    for (int i = 0; i < 300000; i++) {
        ecai_decimal q, u;
        int dq = 1 + (int)below(19), du = 1 + (int)below(6);
        q.mant = rnd() % pow10_u64(dq);
        u.mant = rnd() % pow10_u64(du);
        q.exp = (int)below(70) - 45;
        u.exp = (int)below(20) - 10;
        q.neg = (int)below(2);
        u.neg = 0;
        if (below(5) == 0) /* halves exactly: rounding ties */
            q.mant = 5 * (q.mant / 10 * 2 + below(2));
        ecai_fixed a = 1, b = 2;
        int ra = ecai_decimal_to_fixed(&q, &u, &a);
        int rb = ref_to_fixed(&q, &u, &b);
        assert_int_equal(ra, rb);
        if (ra == 0)
            assert_true(a == b);
    }
}

/* ---- duplicate detection by series against a plain list ---- */

static void dedup_reference(void **state)
{
    (void)state;
    enum { NS = 40, MAXK = 3000 };
    int64_t *seen = calloc(NS * MAXK, sizeof *seen);
    size_t nseen[NS] = {0};
    long sid[NS];
    ecai_dedup *d = ecai_dedup_alloc();
    assert_non_null(d);
    assert_non_null(seen);
    rng_state = 99;
    char meter[16];
    for (int s = 0; s < NS; s++) {
        snprintf(meter, sizeof meter, "M%d", s % 7);
        /* series 0..6 and 7..13 share meters but differ in firm */
        sid[s] = ecai_dedup_series(d, (uint64_t)(s % 3), s / 7, 1, 0, meter,
                                   strlen(meter), "", 0);
        assert_int_equal(sid[s], s);
        assert_int_equal(ecai_dedup_series(d, (uint64_t)(s % 3), s / 7, 1, 0,
                                           meter, strlen(meter), "", 0),
                         s);
    }
    int64_t next[NS] = {0};
    for (int i = 0; i < 60000; i++) {
        int s = (int)below(NS);
        int64_t key;
        unsigned how = below(10);
        if (s < 10 || how < 6) /* ascending, evenly or with gaps */
            key = next[s] += (s % 4 == 0) ? 3 : 3 * (1 + (int64_t)below(2));
        else if (how < 8) /* an earlier key: a duplicate or not */
            key = next[s] ? (int64_t)below((unsigned)next[s] + 1) : 0;
        else
            key = (int64_t)below(4000) - 500;
        size_t k;
        for (k = 0; k < nseen[s]; k++)
            if (seen[s * MAXK + k] == key)
                break;
        int want = k < nseen[s];
        if (!want && nseen[s] < MAXK)
            seen[s * MAXK + nseen[s]++] = key;
        else if (!want)
            continue; /* the reference list is full */
        assert_int_equal(ecai_dedup_insert(d, sid[s], key), want);
    }
    assert_true(ecai_dedup_bytes(d) > 0);
    ecai_dedup_free(d);
    ecai_dedup_free(NULL);
    /* series without meter and process text, before any has text */
    d = ecai_dedup_alloc();
    assert_non_null(d);
    assert_int_equal(ecai_dedup_series(d, 5, 1, 2, 0, "", 0, "", 0), 0);
    assert_int_equal(ecai_dedup_series(d, 5, 1, 2, 0, "", 0, "", 0), 0);
    assert_int_equal(ecai_dedup_series(d, 5, 1, 2, 0, "M", 1, "", 0), 1);
    assert_int_equal(ecai_dedup_insert(d, 0, 12), 0);
    assert_int_equal(ecai_dedup_insert(d, 0, 12), 1);
    ecai_dedup_free(d);
    free(seen);
}

/* ---- the ordered pipeline ---- */

typedef struct {
    size_t *slot_item;
    size_t next, stop_at;
    int bad;
} pipe_state;

static void pipe_work(void *user, size_t k, size_t slot)
{
    pipe_state *p = user;
    p->slot_item[slot] = k * k + 1;
}

static int pipe_commit(void *user, size_t k, size_t slot)
{
    pipe_state *p = user;
    if (k != p->next || p->slot_item[slot] != k * k + 1)
        p->bad = 1;
    p->next++;
    return k + 1 == p->stop_at ? 7 : 0;
}

static void pipeline_order(void **state)
{
    (void)state;
    static const int threads[] = {1, 2, 7};
    static const size_t slots[] = {1, 3, 16};
    for (int t = 0; t < 3; t++)
        for (int s = 0; s < 3; s++)
            for (size_t stop = 0; stop <= 1000; stop += 500) {
                size_t items[16];
                pipe_state p = {items, 0, stop, 0};
                ecai_pipeline pl = {&p, pipe_work, pipe_commit};
                int r = ecai_pipeline_run(&pl, 1000, slots[s], threads[t]);
                assert_int_equal(p.bad, 0);
                assert_int_equal(r, stop ? 7 : 0);
                assert_int_equal(p.next, stop ? stop : 1000);
            }
}

/* ---- whole audits: any block size, reading mode and thread count ---- */

static void on_reject_log(const eca_reject *r, void *user)
{
    FILE *fp = user;
    eca_reject_write(fp, r);
}

/* A meters.csv of clean runs and every kind of trouble: quoted cells
 * with commas and line ends, CRLF, blank lines, duplicates, periods out
 * of order and of three granularities, bad cells. */
static void write_dataset(const char *dir)
{
    char *fp_path = tu_path(dir, "firms.csv");
    FILE *fp = fopen(fp_path, "w");
    assert_non_null(fp);
    fputs("firm_id,name,sector\n", fp);
    for (int i = 0; i < 40; i++)
        fprintf(fp, "F%03d,\"Firm, %d\",%s\n", i, i,
                i % 5 == 0 ? "coking" : "food");
    fclose(fp);
    free(fp_path);
    char *mp = tu_path(dir, "meters.csv");
    fp = fopen(mp, "w");
    assert_non_null(fp);
    fputs("period,firm_id,carrier,quantity,unit,flow,meter_id,process,"
          "estimated\n", fp);
    static const char *const car[] = {"electricity", "coke_oven_gas",
                                      "washed_coal", "coke", "steam"};
    static const char *const unit[] = {"kWh", "m3", "t", "t", "t"};
    static const char *const flow[] = {"", "consume", "convert_in",
                                       "convert_out", "recovered"};
    rng_state = 31337;
    for (int f = 0; f < 40; f++)
        for (int m = 0; m < 5; m++)
            for (int d = 0; d < 200; d++) {
                int mo = 1 + d / 28, day = 1 + d % 28;
                unsigned r = below(1000);
                const char *eol = r % 17 == 0 ? "\r\n" : "\n";
                char per[32];
                if (r < 5)
                    snprintf(per, sizeof per, "2022-%02d", mo);
                else if (r < 10)
                    snprintf(per, sizeof per, "2022-%02d-%02dT%02d:15", mo,
                             day, (int)below(24));
                else if (r < 20) /* out of order */
                    snprintf(per, sizeof per, "2022-%02d-%02d",
                             1 + (int)below(7), 1 + (int)below(28));
                else
                    snprintf(per, sizeof per, "%d-%02d-%02d",
                             r < 40 ? 2021 : 2022, mo, day);
                char q[48];
                snprintf(q, sizeof q, "%u.%03u", 100 + below(9000),
                         below(1000));
                char meter[32];
                if (r % 29 == 0)
                    snprintf(meter, sizeof meter, "\"M,%d\"", m);
                else
                    snprintf(meter, sizeof meter, "M%d", m);
                if (r == 999)
                    fputs("   \n\n", fp);
                if (r == 998)
                    snprintf(q, sizeof q, "-1");
                if (r == 997)
                    snprintf(q, sizeof q, "\"1,5\"");
                if (r == 996)
                    fprintf(fp, "%s,F%03d,%s,%s,%s%s", per, f, car[m], q,
                            unit[m], eol); /* too few fields */
                fprintf(fp, "%s,F%03d,%s,%s,%s,%s,%s,%s,%s%s", per,
                        r == 995 ? 99 : f, car[m], q,
                        r == 994 ? "kWh" : unit[m], flow[m], meter,
                        m == 2 && r % 3 ? "coking" : r == 993 ? "\"a\nb\"" : "",
                        r == 992 ? "2" : r % 50 == 0 ? "1" : "", eol);
            }
    fclose(fp);
    free(mp);
}

static char *audit_files(const eca_factors *f, const char *data,
                         const char *out, uint64_t block, int mode,
                         int threads)
{
    eca_error err;
    eca_audit_options o;
    char *rej = tu_path(out, "rejected.csv");
    FILE *rp = fopen(rej, "w");
    assert_non_null(rp);
    eca_audit_options_init(&o);
    o.threads = threads;
    o.on_reject = on_reject_log;
    o.reject_user = rp;
    eca_error_clear(&err);
    ecai_ingest_tune(block, mode);
    eca_audit *a = eca_audit_run(f, data, &o, &err);
    ecai_ingest_tune(0, 0);
    fclose(rp);
    if (!a)
        fail_msg("audit: %s", err.msg);
    assert_int_equal(eca_audit_write(a, f, &o, out, &err), ECA_OK);
    eca_audit_free(a);
    /* every output file, concatenated */
    static const char *const names[] = {"firms.csv", "flags.csv",
                                        "breakdown.csv", "series.csv",
                                        "summary.json", "rejected.csv"};
    size_t total = 0;
    char *all = calloc(1, 1);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = tu_path(out, names[i]);
        char *t = tu_exists(p) ? tu_read(p) : NULL;
        size_t n = t ? strlen(t) : 0;
        all = realloc(all, total + n + 64);
        assert_non_null(all);
        total += (size_t)sprintf(all + total, "== %s\n", names[i]);
        memcpy(all + total, t ? t : "", n);
        total += n;
        all[total] = '\0';
        free(t);
        free(p);
    }
    free(rej);
    return all;
}

static void audits_identical(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(tu_factors_dir(), &err);
    assert_non_null(f);
    write_dataset(dir);
    static const struct {
        uint64_t block;
        int mode, threads;
    } runs[] = {{0, 2, 1}, {0, 0, 1}, {0, 0, 2}, {0, 0, 7}, {97, 0, 2},
                {4096, 0, 7}, {1500, 1, 3}, {333, 0, 1}};
    char *ref = NULL;
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "out%zu", i);
        char *out = tu_path(dir, name);
        assert_int_equal(mkdir(out, 0755), 0);
        char *got = audit_files(f, dir, out, runs[i].block, runs[i].mode,
                                runs[i].threads);
        assert_non_null(strstr(got, "duplicate_row"));
        assert_non_null(strstr(got, "field_count"));
        if (!ref)
            ref = got;
        else {
            if (strcmp(ref, got) != 0)
                fail_msg("run %zu (block %llu, mode %d, %d threads) differs",
                         i, (unsigned long long)runs[i].block, runs[i].mode,
                         runs[i].threads);
            free(got);
        }
        free(out);
    }
    free(ref);
    eca_factors_free(f);
    tu_rmtree(dir);
    free(dir);
}

/* A file error names the same line for any block size. */
static void errors_identical(void **state)
{
    (void)state;
    static const char t0[] = "F000,\"M1,electricity,consume,,2022-01-01,1,"
                             "kWh,0\n";
    static const char t1[] = "F000,M\xff,electricity,consume,,2022-01-01,1,"
                             "kWh,0\n";
    static const char t2[] = "F000,M1,electricity,consume,,2022-01-01,1\0,"
                             "kWh,0\n";
    static const struct {
        const char *s;
        size_t n;
    } tails[] = {{t0, sizeof t0 - 1}, {t1, sizeof t1 - 1}, {t2, sizeof t2 - 1}};
    char *dir = tu_tmpdir();
    eca_error err;
    eca_error_clear(&err);
    eca_factors *f = eca_factors_load(tu_factors_dir(), &err);
    assert_non_null(f);
    tu_write(dir, "firms.csv", "firm_id\nF000\n");
    for (size_t t = 0; t < 3; t++) {
        char *mp = tu_path(dir, "meters.csv");
        FILE *fp = fopen(mp, "wb");
        fputs("firm_id,meter_id,carrier,flow,process,period,quantity,unit,"
              "estimated\n", fp);
        for (int i = 1; i <= 3000; i++)
            fprintf(fp, "F000,M1,electricity,consume,,2022-01-%02d,%d,kWh,0\n",
                    1 + i % 28, i);
        fwrite(tails[t].s, 1, tails[t].n, fp);
        fputs("F000,M1,electricity,consume,,2022-02-01,1,kWh,0\n", fp);
        fclose(fp);
        free(mp);
        char first[600] = "";
        static const uint64_t blocks[] = {0, 50, 4096};
        for (int mode = 0; mode <= 2; mode++)
            for (int b = 0; b < 3; b++) {
                eca_audit_options o;
                eca_audit_options_init(&o);
                o.threads = 1 + b;
                eca_error_clear(&err);
                ecai_ingest_tune(blocks[b], mode);
                eca_audit *a = eca_audit_run(f, dir, &o, &err);
                ecai_ingest_tune(0, 0);
                assert_null(a);
                assert_int_equal(err.status, ECA_ECSV);
                assert_non_null(strstr(err.msg, "meters.csv:3002:"));
                if (!first[0])
                    snprintf(first, sizeof first, "%s", err.msg);
                assert_string_equal(err.msg, first);
            }
    }
    eca_factors_free(f);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(corpus_fastcsv),     cmocka_unit_test(corpus_csv),
        cmocka_unit_test(random_inputs),      cmocka_unit_test(long_records),
        cmocka_unit_test(decimal_plain_path), cmocka_unit_test(decimal_to_fixed),
        cmocka_unit_test(dedup_reference),    cmocka_unit_test(pipeline_order),
        cmocka_unit_test(audits_identical),   cmocka_unit_test(errors_identical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
