/* test_period.c: meter periods YYYY-MM, YYYY-MM-DD and YYYY-MM-DDThh:mm
 * (or a space for T): calendar checks, leap years, and the minute count
 * used for ordering and duplicate keys. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "testutil.h"

static ecai_period per_at(const char *s, const char *file, int line)
{
    ecai_period p;
    memset(&p, 0x5a, sizeof p);
    if (ecai_period_parse(s, strlen(s), &p) != 0) {
        print_error("period \"%s\" was rejected\n", s);
        _fail(file, line);
    }
    return p;
}
#define per(s) per_at((s), __FILE__, __LINE__)

static int64_t mins(const char *s)
{
    ecai_period p = per(s);
    return ecai_period_minutes(&p);
}

static void bad_at(const char *s, const char *file, int line)
{
    ecai_period p = {2001, 2, 3, 4, 5, ECAI_PER_DAY}, before = p;
    if (ecai_period_parse(s, strlen(s), &p) == 0) {
        print_error("period \"%s\" was accepted\n", s);
        _fail(file, line);
    }
    /* the output is untouched on rejection */
    if (memcmp(&p, &before, sizeof p) != 0) {
        print_error("period \"%s\": output changed on rejection\n", s);
        _fail(file, line);
    }
}
#define bad(s) bad_at((s), __FILE__, __LINE__)

static void check_fields(ecai_period p, int y, int mo, int d, int h, int mi,
                         ecai_granularity g)
{
    assert_int_equal(p.year, y);
    assert_int_equal(p.month, mo);
    assert_int_equal(p.day, d);
    assert_int_equal(p.hour, h);
    assert_int_equal(p.minute, mi);
    assert_int_equal(p.gran, g);
}

static void three_forms(void **state)
{
    (void)state;
    check_fields(per("2022-07"), 2022, 7, 1, 0, 0, ECAI_PER_MONTH);
    check_fields(per("2022-07-15"), 2022, 7, 15, 0, 0, ECAI_PER_DAY);
    check_fields(per("2022-07-15T13:47"), 2022, 7, 15, 13, 47,
                 ECAI_PER_MINUTE);
    check_fields(per("2022-07-15 13:47"), 2022, 7, 15, 13, 47,
                 ECAI_PER_MINUTE);
    check_fields(per("1987-12-31T23:59"), 1987, 12, 31, 23, 59,
                 ECAI_PER_MINUTE);
    check_fields(per("2031-01-01T00:00"), 2031, 1, 1, 0, 0, ECAI_PER_MINUTE);
    check_fields(per("9999-12"), 9999, 12, 1, 0, 0, ECAI_PER_MONTH);
    check_fields(per("1900-01-01"), 1900, 1, 1, 0, 0, ECAI_PER_DAY);
    /* the text is bounded by n, not by a NUL */
    ecai_period p;
    assert_int_equal(ecai_period_parse("2022-07-15T13:47", 10, &p), 0);
    check_fields(p, 2022, 7, 15, 0, 0, ECAI_PER_DAY);
    assert_int_equal(ecai_period_parse("2022-07-15", 7, &p), 0);
    check_fields(p, 2022, 7, 1, 0, 0, ECAI_PER_MONTH);
}

static void leap_years(void **state)
{
    (void)state;
    check_fields(per("2024-02-29"), 2024, 2, 29, 0, 0, ECAI_PER_DAY);
    check_fields(per("2000-02-29T06:30"), 2000, 2, 29, 6, 30,
                 ECAI_PER_MINUTE);
    bad("2023-02-29");
    bad("1900-02-29"); /* divisible by 100, not by 400 */
    bad("2100-02-29");
    bad("2024-02-30");
    per("2023-02-28");
    per("1900-02-28");
}

static void bad_calendar_values(void **state)
{
    (void)state;
    static const char *const b[] = {
        "2022-00", "2022-13", "2022-99", "2022-01-00", "2022-01-32",
        "2022-04-31", "2022-06-31", "2022-09-31", "2022-11-31",
        "2022-12-32", "2022-01-01T24:00", "2022-01-01T23:60",
        "2022-01-01T99:99", "2022-00-10",
        /* years before 1900 are not meter periods */
        "1899-12", "0000-03-01", "0999-01-01"};
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
        bad(b[i]);
    /* the last valid day of every month of 2022 */
    static const char *const last[] = {
        "2022-01-31", "2022-02-28", "2022-03-31", "2022-04-30",
        "2022-05-31", "2022-06-30", "2022-07-31", "2022-08-31",
        "2022-09-30", "2022-10-31", "2022-11-30", "2022-12-31"};
    for (size_t i = 0; i < 12; i++)
        per(last[i]);
}

static void bad_shapes(void **state)
{
    (void)state;
    static const char *const b[] = {
        "", "2022", "2022-", "2022-1", "2022-01-", "2022-1-01", "2022-01-1",
        "22-01-01", "2022-01-01T", "2022-01-01T1:00", "2022-01-01T12:0",
        "2022-01-01T12:00:00", "2022-01-01T12:00Z", "2022-01-01 ",
        " 2022-01", "2022-01 ", "2022/01", "2022_01", "2022-01/15",
        "2022-01-15t12:00", "2022-01-15X12:00", "2022-01-15T12-00",
        "2022-01-15T12.00", "2022-01-15T 1:00", "2022-0a", "20a2-01",
        "+022-01", "-022-01", "2022--1", "2022-+1-01", "２０２２-01",
        "2022-01-15T12:00\n", "2022\0-01"};
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
        bad(b[i]);
    /* a NUL inside the given length */
    ecai_period p;
    assert_int_equal(ecai_period_parse("2022-0\0", 7, &p), -1);
}

/* ecai_period_minutes counts from 0000-03-01T00:00. */
static void minutes_absolute(void **state)
{
    (void)state;
    ecai_period origin = {0, 3, 1, 0, 0, ECAI_PER_DAY};
    assert_int_equal(ecai_period_minutes(&origin), 0);
    /* 2000 years from 0000-03-01 are 5 cycles of 146 097 days:
     * 730 485 days x 1 440 = 1 051 898 400 minutes */
    assert_int_equal(mins("2000-03-01"), INT64_C(1051898400));
    /* 1970-01-01 is day 719 468 (the offset of H. Hinnant's
     * days_from_civil): 719 468 x 1 440 = 1 036 033 920 */
    assert_int_equal(mins("1970-01-01T00:00"), INT64_C(1036033920));
}

static void minutes_differences(void **state)
{
    (void)state;
    /* 2022 is not a leap year: Feb 28 to Mar 1 is one day */
    assert_int_equal(mins("2022-03-01T00:00") - mins("2022-02-28T00:00"),
                     1440);
    /* 2024, 2000 are; 1900 is not */
    assert_int_equal(mins("2024-03-01") - mins("2024-02-28"), 2880);
    assert_int_equal(mins("2000-03-01") - mins("2000-02-28"), 2880);
    assert_int_equal(mins("1900-03-01") - mins("1900-02-28"), 1440);
    /* across the year boundary: one minute */
    assert_int_equal(mins("2023-01-01T00:00") - mins("2022-12-31T23:59"), 1);
    assert_int_equal(mins("2023-01-01 00:00") - mins("2022-12-31 23:59"), 1);
    /* whole years: 365 x 1 440 = 525 600, 366 x 1 440 = 527 040 */
    assert_int_equal(mins("2023-01") - mins("2022-01"), 525600);
    assert_int_equal(mins("2025-01") - mins("2024-01"), 527040);
    /* months: January 31 days = 44 640; February 28 = 40 320, 29 = 41 760 */
    assert_int_equal(mins("2022-02") - mins("2022-01"), 44640);
    assert_int_equal(mins("2022-03") - mins("2022-02"), 40320);
    assert_int_equal(mins("2024-03") - mins("2024-02"), 41760);
    assert_int_equal(mins("2022-05") - mins("2022-04"), 43200);
    /* within a day: 13 h 47 min = 827 */
    assert_int_equal(mins("2022-07-15T13:47") - mins("2022-07-15"), 827);
    /* 1900-01-01 to 2000-01-01: 100 years with 24 leap days (1900 is not
     * one) = 36 524 days = 52 594 560 minutes */
    assert_int_equal(mins("2000-01-01") - mins("1900-01-01"),
                     INT64_C(52594560));
}

static void minutes_forms_agree(void **state)
{
    (void)state;
    /* a month is its first day at midnight, a day its midnight */
    assert_int_equal(mins("2022-01"), mins("2022-01-01T00:00"));
    assert_int_equal(mins("2022-01"), mins("2022-01-01"));
    assert_int_equal(mins("2022-02-17"), mins("2022-02-17 00:00"));
    assert_int_equal(mins("2024-02-29T00:00"), mins("2024-02-29"));
}

static void minutes_order(void **state)
{
    (void)state;
    /* strictly increasing, across forms, months, years and leap days */
    static const char *const seq[] = {
        "1900-02-28T23:59", "1900-03-01", "1999-12-31T23:59", "2000-01",
        "2000-02-29", "2000-02-29T00:01", "2000-03-01", "2021-12-31 23:59",
        "2022-01", "2022-01-01T00:01", "2022-01-31T23:59", "2022-02",
        "2022-02-28T12:00", "2022-03-01", "2022-12-31T23:59", "2023-01",
        "2024-02-29T23:59", "2024-03", "9999-12-31T23:59"};
    for (size_t i = 1; i < sizeof seq / sizeof seq[0]; i++)
        if (!(mins(seq[i - 1]) < mins(seq[i])))
            fail_msg("\"%s\" does not come before \"%s\"", seq[i - 1],
                     seq[i]);
    /* every day of 1900..2100 follows the previous by exactly 1 440 */
    int64_t prev = mins("1900-01-01");
    int days = 0;
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++) {
                char s[16];
                ecai_period p;
                snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
                if (ecai_period_parse(s, 10, &p) != 0)
                    continue;
                int64_t now = ecai_period_minutes(&p);
                if (days++ && now - prev != 1440)
                    fail_msg("%s: %lld minutes after the previous day", s,
                             (long long)(now - prev));
                prev = now;
            }
    /* 201 years, 49 leap years (1904..2096 less 2100, 1900; 2000 is) */
    assert_int_equal(days, 201 * 365 + 49);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_forms),
        cmocka_unit_test(leap_years),
        cmocka_unit_test(bad_calendar_values),
        cmocka_unit_test(bad_shapes),
        cmocka_unit_test(minutes_absolute),
        cmocka_unit_test(minutes_differences),
        cmocka_unit_test(minutes_forms_agree),
        cmocka_unit_test(minutes_order),
    };
    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
