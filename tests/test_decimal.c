/* test_decimal.c: exact decimal parsing (19 significant digits, further
 * digits rounded half-even), scaling to integers of 10^-9 base units with
 * the per-row cap, and the decimal-syntax-only double parser. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "testutil.h"

/* ---- helpers ---- */

/* Decimal text of a 128-bit integer, for failure messages. */
static const char *i128_text(ecai_fixed v, char buf[64])
{
    char tmp[64];
    size_t n = 0;
    int neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    size_t k = 0;
    if (neg)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return buf;
}

static void fixed_equal(ecai_fixed got, ecai_fixed want, const char *what,
                        const char *file, int line)
{
    if (got != want) {
        char g[64], w[64];
        print_error("%s = %s, expected %s\n", what, i128_text(got, g),
                    i128_text(want, w));
        _fail(file, line);
    }
}
#define assert_fixed(got, want) \
    fixed_equal((got), (want), #got, __FILE__, __LINE__)

/* 10^k as a fixed-point integer. */
static ecai_fixed p10(int k)
{
    ecai_fixed v = 1;
    while (k-- > 0)
        v *= 10;
    return v;
}

static void parses_at(const char *s, int neg, uint64_t mant, int exp,
                      const char *file, int line)
{
    ecai_decimal d = {7, 7, 7};
    if (ecai_decimal_parse(s, strlen(s), &d) != 0) {
        print_error("\"%s\" was rejected\n", s);
        _fail(file, line);
    }
    if (d.neg != neg || d.mant != mant || d.exp != exp) {
        print_error("\"%s\" -> neg %d mant %llu exp %d, expected neg %d "
                    "mant %llu exp %d\n",
                    s, d.neg, (unsigned long long)d.mant, d.exp, neg,
                    (unsigned long long)mant, exp);
        _fail(file, line);
    }
}
#define parses(s, neg, mant, exp) parses_at((s), (neg), (mant), (exp), \
                                            __FILE__, __LINE__)

static void rejected_at(const char *s, size_t n, const char *file, int line)
{
    ecai_decimal d;
    double v;
    if (ecai_decimal_parse(s, n, &d) == 0) {
        print_error("\"%.*s\" was accepted as a decimal\n", (int)n, s);
        _fail(file, line);
    }
    if (ecai_parse_double(s, n, &v) == 0) {
        print_error("\"%.*s\" was accepted as a double\n", (int)n, s);
        _fail(file, line);
    }
}
#define rejected(s) rejected_at((s), strlen(s), __FILE__, __LINE__)

static ecai_decimal dec(const char *s)
{
    ecai_decimal d;
    assert_int_equal(ecai_decimal_parse(s, strlen(s), &d), 0);
    return d;
}

/* q x unit in 10^-9 base units; fails the test when the cap rejects it. */
static ecai_fixed fixed_of(const char *q, const char *unit)
{
    ecai_decimal a = dec(q), u = dec(unit);
    ecai_fixed out = 12345;
    if (ecai_decimal_to_fixed(&a, &u, &out) != 0)
        fail_msg("%s x %s was rejected by the row cap", q, unit);
    return out;
}

static int over_cap(const char *q, const char *unit)
{
    ecai_decimal a = dec(q), u = dec(unit);
    ecai_fixed out = 12345;
    int r = ecai_decimal_to_fixed(&a, &u, &out);
    if (r != 0)
        assert_fixed(out, 12345); /* untouched on rejection */
    return r != 0;
}

/* The scales of factors/units.csv. */
#define KG "0.001"
#define T "1"
#define T10K "10000"
#define MJ "0.001"

/* ---- parsing ---- */

static void parse_plain_and_signs(void **state)
{
    (void)state;
    parses("2.385", 0, 2385, -3);
    parses("-2.385", 1, 2385, -3);
    parses("+2.385", 0, 2385, -3);
    parses("173.54", 0, 17354, -2);
    parses("100", 0, 100, 0); /* trailing zeros are digits as written */
    parses("0.0625", 0, 625, -4);
    /* leading zeros carry no digits: 7250 x 10^-3 */
    parses("007.250", 0, 7250, -3);
    parses("-000.00031", 1, 31, -5);
    parses(".5", 0, 5, -1);
    parses("-.75", 1, 75, -2);
    parses("5.", 0, 5, 0);
    /* zero in any spelling is 0 x 10^0 and never negative */
    parses("0", 0, 0, 0);
    parses("-0.000", 0, 0, 0);
    parses("+0e7", 0, 0, 0);
    parses("00.", 0, 0, 0);
}

static void parse_exponents(void **state)
{
    (void)state;
    parses("1.5e3", 0, 15, 2);    /* 15 x 10^(-1+3) = 1500 */
    parses("2E-4", 0, 2, -4);
    parses("+7e+2", 0, 7, 2);
    parses("-3.75E-2", 1, 375, -4); /* 375 x 10^(-2-2) */
    parses("6.02e023", 0, 602, 21); /* leading zeros in the exponent */
    parses(".5e1", 0, 5, 0);
    parses("5.e-1", 0, 5, -1);
    parses("12.5e-0", 0, 125, -1);
}

static void parse_only_the_given_length(void **state)
{
    (void)state;
    ecai_decimal d;
    /* the text is bounded by n, not by a NUL */
    assert_int_equal(ecai_decimal_parse("2.385xyz", 5, &d), 0);
    assert_int_equal(d.mant, 2385);
    assert_int_equal(d.exp, -3);
    assert_int_equal(ecai_decimal_parse("47", 1, &d), 0);
    assert_int_equal(d.mant, 4);
    assert_int_equal(d.exp, 0);
    /* an embedded NUL within n is not a digit */
    rejected_at("1\0002", 3, __FILE__, __LINE__);
}

static void parse_rejects(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "-", "+", ".", "-.", "+-1", "--1", "1,5", "1.2.3", "1e", "1e+",
        "1E-", "e5", ".e5", "1e5.5", "1e2e3", "0x10", "0X1p3", "inf", "-inf",
        "nan", "NaN", "infinity", " 1", "1 ", "1\t", "\n1", "1_000",
        "1'000", "١٢", "１", "12%", "$5", "5kg", "1.5 e3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        rejected(bad[i]);
}

/* At most 19 significant digits are kept; the first dropped digit rounds
 * half-even, any later non-zero digit makes it "above half". */
static void parse_rounds_half_even_past_19_digits(void **state)
{
    (void)state;
    /* 20 digits: keep 1234567890123456789, drop 5 (a tie): 9 is odd, so up
     * to ...790; one integer digit dropped, so x 10^1 */
    parses("12345678901234567895", 0, 1234567890123456790ULL, 1);
    /* tie after an even digit stays */
    parses("12345678901234567885", 0, 1234567890123456788ULL, 1);
    /* the tie broken by a later non-zero digit: 29 digits, 10 dropped */
    parses("12345678901234567885000000001", 0, 1234567890123456789ULL, 10);
    /* first dropped digit 4: down, whatever follows (4 dropped digits) */
    parses("12345678901234567884999", 0, 1234567890123456788ULL, 4);
    /* the carry runs out of digits: 10^19 becomes 10^18 x 10^(1+1) */
    parses("99999999999999999995", 0, 1000000000000000000ULL, 2);
    parses("-99999999999999999995", 1, 1000000000000000000ULL, 2);
    /* dropped digits after the point do not move the exponent:
     * 0.1000000000000000000|001 keeps 1 and 18 zeros, x 10^-19 */
    parses("0.1000000000000000000001", 0, 1000000000000000000ULL, -19);
    /* 0.1000000000000000000|5: a tie after an even digit stays */
    parses("0.10000000000000000005", 0, 1000000000000000000ULL, -19);
    /* 0.1000000000000000001|5: a tie after an odd digit goes up */
    parses("0.10000000000000000015", 0, 1000000000000000002ULL, -19);
    /* 1234567890.123456789|1: 19 digits kept, 9 of them after the point */
    parses("1234567890.1234567891", 0, 1234567890123456789ULL, -9);
    /* all 19 digits before the point, the tie .5 after an odd digit */
    parses("1234567890123456789.5", 0, 1234567890123456790ULL, 0);
    /* leading zeros after the point do not count towards the 19: 28 zeros
     * then 12345, so 12345 x 10^-33 */
    parses("0.000000000000000000000000000012345", 0, 12345, -33);
    /* exactly 19 digits: nothing dropped */
    parses("9999999999999999999", 0, 9999999999999999999ULL, 0);
    /* rounding with an exponent: 20 digits x 10^-25, one dropped (tie,
     * 8 even, stays) so 1234567890123456788 x 10^(1-25) */
    parses("12345678901234567885e-25", 0, 1234567890123456788ULL, -24);
}

/* ---- scaling to fixed point ---- */

static void to_fixed_unit_scales(void **state)
{
    (void)state;
    /* 2.385 kg = 0.002385 t = 2 385 000 x 10^-9 t */
    assert_fixed(fixed_of("2.385", KG), 2385000);
    /* 12 345.6789 x 10^4 t = 123 456 789 t = 123 456 789 x 10^9 */
    assert_fixed(fixed_of("12345.6789", T10K), (ecai_fixed)123456789 * p10(9));
    /* 3.14159265358979 MJ = 0.00314159265358979 GJ
     * = 3 141 592.65358979 x 10^-9 GJ, rounded: 3 141 593 */
    assert_fixed(fixed_of("3.14159265358979", MJ), 3141593);
    /* 7.5e-3 MJ = 7.5e-6 GJ = 7 500 x 10^-9 */
    assert_fixed(fixed_of("7.5e-3", MJ), 7500);
    /* 0.5928 t exactly: 592 800 000 */
    assert_fixed(fixed_of("0.5928", T), 592800000);
    /* 1.5e3 kg = 1.5 t = 1 500 000 000 */
    assert_fixed(fixed_of("1.5e3", KG), 1500000000);
    /* 405.8 x 10^4 = 4 058 000 (m3 scale 10^4 like 10^4t) */
    assert_fixed(fixed_of("405.8", T10K), (ecai_fixed)4058000 * p10(9));
    /* the largest mantissas: 9 999 999 999 999 999 999 x 10^-19 t
     * = 0.9999999999999999999 t = 999 999 999.9999999999 x 10^-9,
     * rounded up to 10^9 */
    assert_fixed(fixed_of("0.9999999999999999999", T), 1000000000);
}

static void to_fixed_signs_and_zero(void **state)
{
    (void)state;
    assert_fixed(fixed_of("-2.385", KG), -2385000);
    assert_fixed(fixed_of("0", KG), 0);
    assert_fixed(fixed_of("-0.000", T10K), 0);
    assert_fixed(fixed_of("0e999", T), 0); /* zero is never over the cap */
    /* a negative unit (not in any table, but the product's sign rule) */
    assert_fixed(fixed_of("-2.385", "-0.001"), 2385000);
    assert_fixed(fixed_of("2.385", "-0.001"), -2385000);
    /* far below 10^-9: rounds to 0 */
    assert_fixed(fixed_of("1e-300", T), 0);
    assert_fixed(fixed_of("-4.2e-40", T10K), 0);
}

/* The 10th decimal of the base unit rounds half-even. */
static void to_fixed_rounds_half_even(void **state)
{
    (void)state;
    /* in t: 0.5, 1.5, 2.5, 3.5 x 10^-9 -> 0, 2, 2, 4 */
    assert_fixed(fixed_of("0.0000000005", T), 0);
    assert_fixed(fixed_of("0.0000000015", T), 2);
    assert_fixed(fixed_of("0.0000000025", T), 2);
    assert_fixed(fixed_of("0.0000000035", T), 4);
    /* just above the tie: 2.50000001 -> 3; just below: 2.4999 -> 2 */
    assert_fixed(fixed_of("0.00000000250000001", T), 3);
    assert_fixed(fixed_of("0.0000000024999", T), 2);
    /* in kg: 0.0000025 kg = 2.5 x 10^-9 t -> 2; 0.0000035 kg -> 4 */
    assert_fixed(fixed_of("0.0000025", KG), 2);
    assert_fixed(fixed_of("0.0000035", KG), 4);
    assert_fixed(fixed_of("0.0000005001", KG), 1); /* 0.5001 -> 1 */
    assert_fixed(fixed_of("0.0000004999", KG), 0); /* 0.4999 -> 0 */
    /* in 10^4 t: 1.5e-13 x 10^4 = 1.5 x 10^-9 t -> 2; 2.5e-13 -> 2 */
    assert_fixed(fixed_of("1.5e-13", T10K), 2);
    assert_fixed(fixed_of("0.00000000000025", T10K), 2);
    /* in MJ: 0.0000045 MJ = 4.5 x 10^-9 GJ -> 4; 5.5 -> 6 */
    assert_fixed(fixed_of("0.0000045", MJ), 4);
    assert_fixed(fixed_of("0.0000055", MJ), 6);
    /* the same magnitudes below zero round symmetrically */
    assert_fixed(fixed_of("-0.0000025", KG), -2);
    assert_fixed(fixed_of("-0.0000035", KG), -4);
    assert_fixed(fixed_of("-0.0000000015", T), -2);
    /* the decimal's own 19-digit rounding comes first: 2.5000000000000000001
     * x 10^-9 t keeps 2.500000000000000000 (the dropped 1 is below half),
     * so the tie rounds to the even 2 */
    assert_fixed(fixed_of("0.0000000025000000000000000001", T), 2);
}

/* At most 10^15 base units in one row: 10^24 in fixed point. */
static void to_fixed_row_cap(void **state)
{
    (void)state;
    ecai_fixed cap = p10(24);
    assert_fixed(fixed_of("1000000000000000", T), cap);
    assert_fixed(fixed_of("1e15", T), cap);
    assert_fixed(fixed_of("-1e15", T), -cap);
    /* 10^18 kg = 10^15 t; 10^11 x 10^4 t = 10^15 t; 10^18 MJ = 10^15 GJ */
    assert_fixed(fixed_of("1000000000000000000", KG), cap);
    assert_fixed(fixed_of("100000000000", T10K), cap);
    assert_fixed(fixed_of("1e18", MJ), cap);
    /* one step over: 10^15 + 0.01 t (19 digits) */
    assert_true(over_cap("1000000000000000.01", T));
    assert_true(over_cap("-1000000000000000.01", T));
    /* 10^18 + 1 kg = 10^15 t + 1 g */
    assert_true(over_cap("1000000000000000001", KG));
    /* 100 000 000 000.0001 x 10^4 t = 10^15 + 1 t */
    assert_true(over_cap("100000000000.0001", T10K));
    /* 1.0000000000000001e18 MJ = 10^15 + 0.1 GJ */
    assert_true(over_cap("1.0000000000000001e18", MJ));
    assert_true(over_cap("1e16", T));
    assert_true(over_cap("1e300", KG));
    assert_true(over_cap("9999999999999999999", T10K));
    assert_true(over_cap("1e99999999999", T)); /* exponent digits saturate */
    /* digits past the 19th are rounded before the cap is checked:
     * 1000000000000000.0000000004 (26 digits) is 10^15 exactly */
    assert_fixed(fixed_of("1000000000000000.0000000004", T), cap);
    /* just under the cap, to the last fixed-point digit:
     * 999 999 999 999 999.999 t -> 999 999 999 999 999 999 x 10^6 */
    assert_fixed(fixed_of("999999999999999.999", T),
                 (ecai_fixed)999999999999999999LL * p10(6));
}

static void fixed_to_double(void **state)
{
    (void)state;
    /* below 2^53 the integer is exact and the division by 10^9 rounds once,
     * so the result is the double nearest the decimal value */
    assert_true(ecai_fixed_to_double(2385000) == 0.002385);
    assert_true(ecai_fixed_to_double(-2385000) == -0.002385);
    assert_true(ecai_fixed_to_double(0) == 0.0);
    assert_true(ecai_fixed_to_double(3141593) == 0.003141593);
    /* 123 456 789 x 10^9 = 241 126 541 015 625 x 2^9: exact as a double */
    assert_true(ecai_fixed_to_double((ecai_fixed)123456789 * p10(9)) ==
                123456789.0);
    assert_rel(ecai_fixed_to_double(p10(24)), 1e15, 1e-15);
    assert_rel(ecai_fixed_to_double(-p10(24)), -1e15, 1e-15);
    /* a sum of many rows beyond 2^64: 7.3 x 10^28 -> 7.3 x 10^19 */
    assert_rel(ecai_fixed_to_double((ecai_fixed)73 * p10(27)), 7.3e19, 1e-15);
}

/* ---- plain doubles ---- */

static double dbl(const char *s)
{
    double v = -12345.678;
    if (ecai_parse_double(s, strlen(s), &v) != 0)
        fail_msg("\"%s\" was rejected", s);
    return v;
}

static void parse_double_decimal_syntax(void **state)
{
    (void)state;
    /* strtod rounds correctly, so these equal the literals */
    assert_true(dbl("2.385") == 2.385);
    assert_true(dbl("0.59285") == 0.59285);
    assert_true(dbl("1.5e3") == 1500.0);
    assert_true(dbl("2E-4") == 2e-4);
    assert_true(dbl("+7e+2") == 700.0);
    assert_true(dbl("-0.25") == -0.25);
    assert_true(dbl(".5") == 0.5);
    assert_true(dbl("5.") == 5.0);
    assert_true(dbl("007.250") == 7.25);
    assert_true(dbl("1e308") == 1e308);
    /* bounded by n */
    double v = 0;
    assert_int_equal(ecai_parse_double("300.7abc", 5, &v), 0);
    assert_true(v == 300.7);
    /* a long but valid number, 63 characters */
    const char *long63 =
        "0.1234567890123456789012345678901234567890123456789012345678901";
    assert_int_equal(strlen(long63), 63);
    assert_rel(dbl(long63), 0.12345678901234567890, 1e-15);
}

static void parse_double_rejects(void **state)
{
    (void)state;
    /* every text ecai_decimal_parse rejects is rejected here too (checked
     * in parse_rejects); strtod's extensions and ranges: */
    static const char *const bad[] = {"0x10", "0x1p3", "inf", "INF",
                                      "infinity", "nan", "nan(0x1)", "1e400",
                                      "-1e400", "", " 2.385", "2.385 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 2.385;
        if (ecai_parse_double(bad[i], strlen(bad[i]), &v) == 0)
            fail_msg("\"%s\" was accepted as a double", bad[i]);
    }
    /* the value is left untouched on rejection */
    double v = 2.385;
    assert_int_equal(ecai_parse_double("nan", 3, &v), -1);
    assert_true(v == 2.385);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_plain_and_signs),
        cmocka_unit_test(parse_exponents),
        cmocka_unit_test(parse_only_the_given_length),
        cmocka_unit_test(parse_rejects),
        cmocka_unit_test(parse_rounds_half_even_past_19_digits),
        cmocka_unit_test(to_fixed_unit_scales),
        cmocka_unit_test(to_fixed_signs_and_zero),
        cmocka_unit_test(to_fixed_rounds_half_even),
        cmocka_unit_test(to_fixed_row_cap),
        cmocka_unit_test(fixed_to_double),
        cmocka_unit_test(parse_double_decimal_syntax),
        cmocka_unit_test(parse_double_rejects),
    };
    return cmocka_run_group_tests_name("decimal", tests, NULL, NULL);
}
