/* test_textbuf.c: numbers formatted without printf are the bytes printf
 * writes ("%.15g", "%llu", "%lld", "%0*lld"): negative numbers, zero and
 * -0, ties rounded to even, the switch to the exponent form, values
 * printf is left to (NaN, inf, the very large and the very small) and a
 * large random sample; and the buffer: CSV quoting, numbers as the output
 * files write them, the text written to a file; rows formatted in
 * parallel blocks and written in their order. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "textbuf.h"
#include "testutil.h"

static void same_g15(double v)
{
    char want[64], got[ECAI_NUM_TEXT];
    snprintf(want, sizeof want, "%.15g", v);
    size_t n = ecai_fmt_g15(got, v);
    if (strcmp(got, want) != 0 || n != strlen(want))
        fail_msg("%a: printf \"%s\", ecai_fmt_g15 \"%s\" (%zu)", v, want,
                 got, n);
}

static void g15_cases(void **state)
{
    (void)state;
    static const double v[] = {
        0.0, -0.0, 1, -1, 7, 2.385, -2.385, 0.1, -0.1, 1.0 / 3, -2.0 / 3,
        135.1698, 1500.500925, 0.0833333333333333, 0.979166666666667,
        2813.80334024295, 4782.43453444965, -1.62340520139765,
        0.002162188809, 0.0005366, 1e-4, 9.99999999999999e-5,
        0.000099999999999999999, 1.5e-5, -3.25e-7, 1e-8, 1.0000001e-8,
        9.9e-9, 1e-9, 123456789012345.0, 123456789012345.5,
        123456789012344.5, 123456789012345.25, 99999999999999.99,
        999999999999999.0, 999999999999999.4, 999999999999999.9,
        -999999999999999.9, 1e15, 1e15 + 2, 1e16, 1.5e17, 1e21, 1e300,
        -1e300, DBL_MAX, -DBL_MAX, DBL_MIN, 5e-324, -5e-324, 0.5, 2.5,
        1e14 + 0.5, 4503599627370495.5, 9007199254740993.0, 0.3, 0.7,
        173410480.8, 36061867.6, -0.000123456789012345678};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        same_g15(v[i]);
    same_g15((double)NAN);
    same_g15(-(double)NAN);
    same_g15((double)INFINITY);
    same_g15(-(double)INFINITY);
    /* the exact texts, so that printf itself is checked once too */
    char t[ECAI_NUM_TEXT];
    ecai_fmt_g15(t, 123456789012345.5); /* a tie: to the even 6 */
    assert_string_equal(t, "123456789012346");
    ecai_fmt_g15(t, 123456789012344.5); /* a tie: to the even 4 */
    assert_string_equal(t, "123456789012344");
    ecai_fmt_g15(t, 999999999999999.9);
    assert_string_equal(t, "1e+15");
    ecai_fmt_g15(t, -3.25e-7);
    assert_string_equal(t, "-3.25e-07");
    ecai_fmt_g15(t, 0.0001);
    assert_string_equal(t, "0.0001");
    ecai_fmt_g15(t, -0.0);
    assert_string_equal(t, "-0");
    ecai_fmt_g15(t, 1.0 / 3);
    assert_string_equal(t, "0.333333333333333");
}

/* xorshift64: a fixed sequence of random doubles of every kind */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void g15_random(void **state)
{
    (void)state;
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 600000; i++) {
        uint64_t r = next(&s);
        double v;
        switch (i % 5) {
        case 0: /* any bit pattern */
            memcpy(&v, &r, sizeof v);
            break;
        case 1: /* 2^-100 to 2^53 */
            v = ldexp((double)(r >> 11), -(int)(next(&s) % 154));
            break;
        case 2: /* short decimals, as meter quantities are */
            v = (double)(r % 100000000) / pow(10, (double)(next(&s) % 12));
            break;
        case 3: /* halves near 1e15: ties at the 16th digit */
            v = (double)(r % 1000000000000000ULL) + 0.5;
            break;
        default: /* any 53 bits at any scale from 1e-12 to 1e17, signed */
            v = (double)(r >> 11) / 9007199254740992.0 *
                pow(10, (double)((int)(next(&s) % 30) - 12));
            v = next(&s) & 1 ? -v : v;
        }
        same_g15(v);
    }
}

static void integers(void **state)
{
    (void)state;
    char t[ECAI_NUM_TEXT], want[64];
    static const uint64_t u[] = {0, 1, 9, 10, 99, 100, 12345, 4294967295ULL,
                                 4294967296ULL, 10000000000000000000ULL,
                                 UINT64_MAX};
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
        snprintf(want, sizeof want, "%llu", (unsigned long long)u[i]);
        assert_int_equal(ecai_fmt_u64(t, u[i]), strlen(want));
        assert_string_equal(t, want);
    }
    static const int64_t s[] = {0, -1, 1, -10, 2022, -2022, INT64_MAX,
                                INT64_MIN};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        snprintf(want, sizeof want, "%lld", (long long)s[i]);
        assert_int_equal(ecai_fmt_i64(t, s[i]), strlen(want));
        assert_string_equal(t, want);
    }
}

static void buffer(void **state)
{
    (void)state;
    ecai_tbuf b = {0};
    char want[200];
    ecai_tb_csv(&b, "plain");
    ecai_tb_chr(&b, ',');
    ecai_tb_csv(&b, "a \"b\", c");
    ecai_tb_chr(&b, ',');
    ecai_tb_num(&b, (double)NAN); /* nothing */
    ecai_tb_chr(&b, ',');
    ecai_tb_num(&b, -0.0); /* no "-0" */
    ecai_tb_chr(&b, ',');
    ecai_tb_num(&b, -2.385);
    ecai_tb_chr(&b, ',');
    ecai_tb_u64(&b, 18446744073709551615ULL);
    static const struct {
        int64_t v;
        int width;
    } pad[] = {{5, 4}, {-5, 4}, {2022, 4}, {12345, 2}, {0, 2}, {7, 0}};
    for (size_t i = 0; i < sizeof pad / sizeof pad[0]; i++) {
        ecai_tb_chr(&b, ',');
        ecai_tb_pad(&b, pad[i].v, pad[i].width);
    }
    snprintf(want, sizeof want, "plain,\"a \"\"b\"\", c\",,0,-2.385,%llu,"
                                "%04lld,%04lld,%04lld,%02lld,%02lld,%0lld",
             18446744073709551615ULL, 5LL, -5LL, 2022LL, 12345LL, 0LL, 7LL);
    assert_int_equal(b.n, strlen(want));
    assert_memory_equal(b.p, want, b.n);
    /* taken into another buffer, grown past its first size, written */
    ecai_tbuf all = {0};
    for (int i = 0; i < 2000; i++) {
        ecai_tb_mem(&all, b.p, b.n);
        ecai_tb_chr(&all, '\n');
    }
    size_t n = all.n;
    ecai_tb_take(&all, &b);
    assert_int_equal(b.n, 0);
    assert_int_equal(all.n, n + strlen(want));
    char *dir = tu_tmpdir(), *p = tu_path(dir, "t.csv");
    eca_error err;
    eca_error_clear(&err);
    FILE *fp = ecai_out_open(dir, "t.csv", &err);
    assert_non_null(fp);
    assert_int_equal(ecai_tb_close(&all, fp, "t.csv", &err), ECA_OK);
    assert_null(all.p);
    char *text = tu_read(p);
    assert_int_equal(strlen(text), n + strlen(want));
    assert_memory_equal(text + n, want, strlen(want));
    free(text);
    free(p);
    tu_rmtree(dir);
    free(dir);
    ecai_tb_free(&b);
}

/* Item i's rows: i % 5 lines "i,k" (none for a multiple of 5), so blocks
 * differ in length and some items write nothing. */
static void some_rows(ecai_tbuf *b, const void *user, size_t i)
{
    (void)user;
    for (size_t k = 0; k < i % 5; k++) {
        ecai_tb_u64(b, i);
        ecai_tb_chr(b, ',');
        ecai_tb_u64(b, k);
        ecai_tb_chr(b, '\n');
    }
}

/* ecai_tb_write_rows: the header, then every item's rows in item order,
 * whatever the thread count; 1,000 items are 16 blocks of 64 (the last of
 * 40). The expected text is the items' rows put one after another on one
 * thread; with no items, the header alone. */
static void rows_in_order(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), *p = tu_path(dir, "t.csv");
    static const size_t counts[] = {0, 1, 64, 65, 1000};
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        ecai_tbuf want = {0};
        ecai_tb_str(&want, "item,k\n");
        for (size_t i = 0; i < counts[c]; i++)
            some_rows(&want, NULL, i);
        for (int threads = 1; threads <= 4; threads++) {
            eca_error err;
            eca_error_clear(&err);
            FILE *fp = ecai_out_open(dir, "t.csv", &err);
            assert_non_null(fp);
            ecai_tbuf b = {0};
            ecai_tb_str(&b, "item,k\n");
            assert_int_equal(ecai_tb_write_rows(fp, &b, counts[c], some_rows,
                                                NULL, threads, "t.csv", &err),
                             ECA_OK);
            char *text = tu_read(p);
            assert_int_equal(strlen(text), want.n);
            assert_memory_equal(text, want.p, want.n);
            free(text);
        }
        ecai_tb_free(&want);
    }
    free(p);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(g15_cases),
        cmocka_unit_test(g15_random),
        cmocka_unit_test(integers),
        cmocka_unit_test(buffer),
        cmocka_unit_test(rows_in_order),
    };
    return cmocka_run_group_tests_name("textbuf", tests, NULL, NULL);
}
